/* util.c - see util.h. */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int prc_sbuf_add(prc_sbuf *b, const char *s, size_t n) {
  if (b->oom) return -1;
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap : 256;
    while (nc < b->n + n + 1) nc *= 2;
    char *p = realloc(b->s, nc);
    if (!p) {
      b->oom = 1;
      return -1;
    }
    b->s = p;
    b->cap = nc;
  }
  if (n) memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
  return 0;
}

int prc_sbuf_puts(prc_sbuf *b, const char *s) { return prc_sbuf_add(b, s, strlen(s)); }

int prc_sbuf_json_str(prc_sbuf *b, const char *s, size_t n) {
  if (!s) return prc_sbuf_puts(b, "null");
  static const char hex[] = "0123456789abcdef";
  prc_sbuf_add(b, "\"", 1);
  size_t run = 0; /* bytes copied as they are, not yet added */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      run++;
      continue;
    }
    size_t bad = 1, ok = c >= 0x80 ? prc_cli_utf8_seq((const unsigned char *)s + i, n - i, &bad) : 1;
    if (c >= 0x80 && ok) {
      run += ok;
      i += ok - 1;
      continue;
    }
    prc_sbuf_add(b, s + i - run, run);
    run = 0;
    if (c >= 0x80) {
      prc_sbuf_puts(b, "\xEF\xBF\xBD");
      i += bad - 1;
      continue;
    }
    switch (c) {
    case '"': prc_sbuf_puts(b, "\\\""); break;
    case '\\': prc_sbuf_puts(b, "\\\\"); break;
    case '\n': prc_sbuf_puts(b, "\\n"); break;
    case '\r': prc_sbuf_puts(b, "\\r"); break;
    case '\t': prc_sbuf_puts(b, "\\t"); break;
    case '\b': prc_sbuf_puts(b, "\\b"); break;
    case '\f': prc_sbuf_puts(b, "\\f"); break;
    default: {
      char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      prc_sbuf_add(b, e, 6);
    }
    }
  }
  prc_sbuf_add(b, s + n - run, run);
  return prc_sbuf_add(b, "\"", 1);
}

void prc_sbuf_free(prc_sbuf *b) {
  free(b->s);
  memset(b, 0, sizeof *b);
}

/* Unicode's table of well-formed byte sequences (The Unicode Standard,
 * table 3-7); an ill-formed part is the longest prefix of a possible
 * sequence ("maximal subpart"), or one byte. */
size_t prc_cli_utf8_seq(const unsigned char *s, size_t n, size_t *bad) {
  unsigned c = s[0];
  *bad = 1;
  if (c < 0x80) return 1;
  size_t len;
  unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else
    return 0;
  for (size_t k = 1; k < len; k++) {
    if (k >= n || s[k] < (k == 1 ? lo : 0x80) || s[k] > (k == 1 ? hi : 0xBF)) {
      *bad = k;
      return 0;
    }
  }
  return len;
}

int prc_cli_utf8_valid(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t bad, ok = prc_cli_utf8_seq((const unsigned char *)s + i, n - i, &bad);
    if (!ok) return 0;
    i += ok;
  }
  return 1;
}

FILE *prc_cli_open_input(const char *path) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) return NULL;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (f != stdin) fclose(f);
    errno = EISDIR;
    return NULL;
  }
  return f;
}

char *prc_cli_read_all(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *p = malloc(cap);
  if (!p) {
    errno = ENOMEM;
    return NULL;
  }
  for (;;) {
    if (n + 1 >= cap) {
      char *np = realloc(p, cap * 2);
      if (!np) {
        free(p);
        errno = ENOMEM;
        return NULL;
      }
      p = np;
      cap *= 2;
    }
    errno = 0;
    size_t r = fread(p + n, 1, cap - n - 1, f);
    n += r;
    if (r == 0) break;
  }
  if (ferror(f)) {
    int e = errno ? errno : EIO;
    free(p);
    errno = e;
    return NULL;
  }
  p[n] = '\0';
  *len = n;
  return p;
}
