/* fuzz_warc.c - libFuzzer target: the WARC reader and HTTP decoder of the
 * CLI (cli/warc.c) on arbitrary bytes, plain or gzip.  The first byte picks
 * how many bytes each read of the source returns (1 to 256, or whole 64 KiB
 * reads), so record and gzip boundaries fall at every place in the reader's
 * buffers.  Every record must come back with either an error or a block no
 * longer than the limit; every HTTP block must decode to a NUL-terminated
 * body no longer than its limit, or give an error; the reader must end.
 *
 *   make fuzz-warc FUZZ_SECONDS=300
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warc.h"

#define CHECK(c)                                                                   \
  do {                                                                             \
    if (!(c)) {                                                                    \
      fprintf(stderr, "fuzz_warc: %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      abort();                                                                     \
    }                                                                              \
  } while (0)

typedef struct src {
  const uint8_t *p;
  size_t n, step;
} src;

static long read_src(void *ctx, void *buf, size_t cap) {
  src *s = ctx;
  size_t k = s->n < cap ? s->n : cap;
  if (k > s->step) k = s->step;
  memcpy(buf, s->p, k);
  s->p += k;
  s->n -= k;
  return (long)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size) return 0;
  src s = {data + 1, size - 1, data[0] == 0xff ? (size_t)1 << 16 : (size_t)data[0] + 1};
  const size_t max_record = 1 << 16, max_body = 1 << 18;
  prc_warc *w = prc_warc_new(read_src, &s, max_record);
  CHECK(w);
  prc_warc_record r;
  int rc;
  uint64_t last = 0;
  while ((rc = prc_warc_next(w, &r)) > 0) {
    CHECK(r.number == last + 1);
    last = r.number;
    CHECK(r.type);
    if (r.error) {
      CHECK(!r.block && *r.error);
      continue;
    }
    CHECK(r.block_len <= max_record);
    prc_http_response h;
    if (prc_http_parse(r.block, r.block_len, max_body, &h) == 0) {
      CHECK(h.body && h.body[h.body_len] == 0 && h.body_len <= max_body && !h.error);
      CHECK(h.status >= 0 && h.status <= 999);
      (void)prc_http_is_html(&h);
    } else {
      CHECK(h.error && !h.body);
    }
    free(h.body);
  }
  CHECK(rc == 0); /* the source never fails */
  CHECK(s.n == 0); /* read to the end, whatever the records declared */
  prc_warc_free(w);
  return 0;
}
