/* fuzz_extract.c - libFuzzer target: precis_extract (src/extract.c) on
 * arbitrary bytes.  The first byte picks the options (the encoding given as
 * an HTTP header would: none, UTF-8, Windows-1252, ISO-8859-1, Shift_JIS,
 * UTF-16LE, a name no converter knows; the article or all visible text).
 * Each page must come back (never NULL), its text and metadata valid UTF-8
 * without NULs, text_len its length; the text is then analysed and the
 * metadata attached (precis_doc_set_page) and rendered as JSON.
 *
 *   make fuzz-extract FUZZ_SECONDS=300
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"
#include "util/utf8.h"

#define CHECK(c)                                                                      \
  do {                                                                                \
    if (!(c)) {                                                                       \
      fprintf(stderr, "fuzz_extract: %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      abort();                                                                        \
    }                                                                                 \
  } while (0)

static void check_str(const char *s) {
  if (!s) return;
  CHECK(prc_utf8_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const encs[] = {NULL, "UTF-8", "windows-1252", "ISO-8859-1", "Shift_JIS", "UTF-16LE", "no-such-enc", NULL};
  precis_extract_options o;
  precis_extract_options_init(&o);
  if (size) {
    o.encoding = encs[data[0] & 7];
    if (data[0] & 8) o.flags |= PRECIS_EXTRACT_ALL_TEXT;
  }
  precis_error err;
  precis_page *p = precis_extract((const char *)data, size, &o, &err);
  CHECK(p);
  CHECK(p->text && strlen(p->text) == p->text_len);
  CHECK(prc_utf8_valid(p->text, p->text_len));
  check_str(p->title);
  check_str(p->byline);
  check_str(p->date);
  check_str(p->site);
  CHECK(p->encoding && *p->encoding);
  precis_options ao;
  precis_options_init(&ao);
  ao.flags = PRECIS_OPT_NO_TAGGER | PRECIS_OPT_WITH_TEXT;
  precis_doc *d = precis_analyze(p->text, p->text_len, &ao);
  CHECK(d);
  CHECK(precis_doc_set_page(d, p) == 0);
  size_t n = 0;
  char *json = precis_render(d, PRECIS_FORMAT_JSON, "x", &n);
  CHECK(json && prc_utf8_valid(json, n));
  precis_free(NULL, json);
  precis_doc_free(d);
  precis_page_free(p);
  return 0;
}
