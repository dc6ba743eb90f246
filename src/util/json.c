/* util/json.c - see util/json.h. */
#include "json.h"

#include "utf8.h"

#define PUT_LIT(lit) put(ctx, lit, sizeof lit - 1)

void prc_json_str(const char *s, size_t n, prc_json_put_fn put, void *ctx) {
  if (!s) { put(ctx, "null", 4); return; }
  static const char hex[] = "0123456789abcdef";
  put(ctx, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { run++; continue; }
    size_t bad, ok = c >= 0x80 ? prc_utf8_valid_seq((const unsigned char *)s + i, n - i, &bad) : 1;
    if (c >= 0x80 && ok) { run += ok; i += ok - 1; continue; }
    put(ctx, s + i - run, run);
    run = 0;
    if (c >= 0x80) { /* ill-formed UTF-8 (an id from a file name, say): U+FFFD */
      PUT_LIT("\xEF\xBF\xBD");
      i += bad - 1;
      continue;
    }
    switch (c) {
    case '"': PUT_LIT("\\\""); break;
    case '\\': PUT_LIT("\\\\"); break;
    case '\n': PUT_LIT("\\n"); break;
    case '\r': PUT_LIT("\\r"); break;
    case '\t': PUT_LIT("\\t"); break;
    case '\b': PUT_LIT("\\b"); break;
    case '\f': PUT_LIT("\\f"); break;
    default: {
      char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      put(ctx, e, 6);
    }
    }
  }
  put(ctx, s + n - run, run);
  put(ctx, "\"", 1);
}
