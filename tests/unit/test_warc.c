/* test_warc.c - the WARC reader and HTTP decoder of the CLI (cli/warc.c):
 * the same records whatever size the source's reads have (1 byte to 64 KiB),
 * plain and gzip; a block over the limit skipped unread; resynchronisation
 * after a bad Content-Length and after bytes that are no WARC; HTTP chunked
 * and gzip bodies, the charset, a bad chunk size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "warc.h"

typedef struct src {
  const char *p;
  size_t n, step;
  size_t reads;
} src;

static long read_src(void *ctx, void *buf, size_t cap) {
  src *s = ctx;
  size_t k = s->n < cap ? s->n : cap;
  if (k > s->step) k = s->step;
  memcpy(buf, s->p, k);
  s->p += k;
  s->n -= k;
  s->reads++;
  return (long)k;
}

static char *record(const char *type, const char *uri, const char *block, size_t *len) {
  size_t bl = strlen(block), cap = bl + 512;
  char *r = malloc(cap);
  int n = snprintf(r, cap, "WARC/1.0\r\nWARC-Type: %s\r\n%s%s%sContent-Type: application/http; msgtype=response\r\n"
                   "Content-Length: %zu\r\n\r\n",
                   type, uri ? "WARC-Target-URI: <" : "", uri ? uri : "", uri ? ">\r\n" : "", bl);
  memcpy(r + n, block, bl);
  memcpy(r + n + bl, "\r\n\r\n", 4);
  *len = (size_t)n + bl + 4;
  return r;
}

static char *gz(const char *s, size_t n, size_t *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  size_t cap = deflateBound(&z, n) + 64;
  char *o = malloc(cap);
  z.next_in = (unsigned char *)s;
  z.avail_in = (uInt)n;
  z.next_out = (unsigned char *)o;
  z.avail_out = (uInt)cap;
  assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
  *out = cap - z.avail_out;
  deflateEnd(&z);
  return o;
}

/* "uri|type|error" a record, joined by ";" */
static void summarize(const char *data, size_t n, size_t step, size_t max, char *out, size_t cap) {
  src s = {data, n, step, 0};
  prc_warc *w = prc_warc_new(read_src, &s, max);
  assert_non_null(w);
  prc_warc_record r;
  out[0] = 0;
  size_t used = 0;
  int rc;
  while ((rc = prc_warc_next(w, &r)) > 0) {
    int k = snprintf(out + used, cap - used, "%s|%s|%s|%zu;", r.target_uri ? r.target_uri : "-", r.type,
                     r.error ? "E" : "ok", r.block_len);
    used += (size_t)k;
  }
  assert_int_equal(rc, 0);
  assert_int_equal(s.n, 0); /* read to the end */
  prc_warc_free(w);
}

static void test_any_read_size(void **st) {
  (void)st;
  size_t l1, l2, l3;
  char *a = record("response", "http://a.example/", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>A</p>", &l1);
  char *b = record("metadata", NULL, "fetchTimeMs: 3\r\n", &l2);
  char *c = record("response", "http://c.example/", "HTTP/1.1 200 OK\r\n\r\nC", &l3);
  size_t n = l1 + l2 + l3;
  char *all = malloc(n);
  memcpy(all, a, l1);
  memcpy(all + l1, b, l2);
  memcpy(all + l1 + l2, c, l3);
  size_t g1, g2, g3;
  char *za = gz(a, l1, &g1), *zb = gz(b, l2, &g2), *zc = gz(c, l3, &g3);
  char *zall = malloc(g1 + g2 + g3);
  memcpy(zall, za, g1);
  memcpy(zall + g1, zb, g2);
  memcpy(zall + g1 + g2, zc, g3);
  char want[512], got[512];
  summarize(all, n, 1 << 16, 0, want, sizeof want);
  assert_string_equal(want, "http://a.example/|response|ok|52;-|metadata|ok|16;http://c.example/|response|ok|20;");
  static const size_t steps[] = {1, 2, 3, 7, 64, 1000, 1 << 16};
  for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
    summarize(all, n, steps[k], 0, got, sizeof got);
    assert_string_equal(got, want);
    summarize(zall, g1 + g2 + g3, steps[k], 0, got, sizeof got);
    assert_string_equal(got, want);
  }
  free(a); free(b); free(c); free(all); free(za); free(zb); free(zc); free(zall);
}

static void test_limits_and_resync(void **st) {
  (void)st;
  char got[512];
  /* a block over the limit: skipped unread, one error, then the next record */
  size_t l1, l2;
  char *big = malloc(5000);
  memset(big, 'x', 4999);
  big[4999] = 0;
  char *a = record("response", "http://big.example/", big, &l1);
  char *c = record("response", "http://c.example/", "HTTP/1.1 200 OK\r\n\r\nC", &l2);
  char *all = malloc(l1 + l2);
  memcpy(all, a, l1);
  memcpy(all + l1, c, l2);
  summarize(all, l1 + l2, 100, 4096, got, sizeof got);
  assert_string_equal(got, "http://big.example/|response|E|0;http://c.example/|response|ok|20;");
  /* a Content-Length 10 too long: one error, then the next record */
  char *p = strstr(all, "Content-Length: 4999");
  memcpy(p, "Content-Length: 5009", 20);
  summarize(all, l1 + l2, 1 << 16, 0, got, sizeof got);
  assert_string_equal(got, "http://big.example/|response|E|0;http://c.example/|response|ok|20;");
  /* junk before the first record, and a declared length of 10^12 at the end */
  const char junk[] = "garbage\nmore garbage\n";
  const char huge[] = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 1000000000000\r\n\r\nabc";
  char *j = malloc(sizeof junk + l2 + sizeof huge);
  memcpy(j, junk, sizeof junk - 1);
  memcpy(j + sizeof junk - 1, c, l2);
  memcpy(j + sizeof junk - 1 + l2, huge, sizeof huge - 1);
  summarize(j, sizeof junk - 1 + l2 + sizeof huge - 1, 5, 0, got, sizeof got);
  assert_string_equal(got, "-||E|0;http://c.example/|response|ok|20;-|response|E|0;");
  free(big); free(a); free(c); free(all); free(j);
}

static void test_http(void **st) {
  (void)st;
  prc_http_response h;
  const char chunked[] = "HTTP/1.1 200 OK\r\nContent-Type: text/HTML; charset=\"ISO-8859-1\"\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5;ext=1\r\nb</p>\r\n0\r\n\r\n";
  assert_int_equal(prc_http_parse(chunked, sizeof chunked - 1, 1000, &h), 0);
  assert_int_equal(h.status, 200);
  assert_string_equal(h.mime, "text/html");
  assert_string_equal(h.charset, "ISO-8859-1");
  assert_true(prc_http_is_html(&h));
  assert_string_equal(h.body, "<p>ab</p>");
  free(h.body);
  /* gzip body, then the same over the limit */
  size_t gl;
  char *g = gz("<p>zipped</p>", 13, &gl);
  char block[256];
  int n = snprintf(block, sizeof block, "HTTP/1.0 404 Not Found\r\nContent-Encoding: gzip\r\n\r\n");
  memcpy(block + n, g, gl);
  assert_int_equal(prc_http_parse(block, (size_t)n + gl, 1000, &h), 0);
  assert_int_equal(h.status, 404);
  assert_string_equal(h.body, "<p>zipped</p>");
  assert_false(prc_http_is_html(&h));
  free(h.body);
  assert_int_equal(prc_http_parse(block, (size_t)n + gl, 5, &h), -1);
  assert_non_null(strstr(h.error, "more than 5 bytes"));
  assert_null(h.body);
  /* cut short: corrupt */
  assert_int_equal(prc_http_parse(block, (size_t)n + gl - 9, 1000, &h), -1);
  assert_null(h.body);
  free(g);
  const char badchunk[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc";
  assert_int_equal(prc_http_parse(badchunk, sizeof badchunk - 1, 1000, &h), -1);
  assert_non_null(strstr(h.error, "chunk size"));
  const char br[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
  assert_int_equal(prc_http_parse(br, sizeof br - 1, 1000, &h), -1);
  assert_string_equal(h.mime, "text/html");
  assert_non_null(strstr(h.error, "\"br\""));
  assert_int_equal(prc_http_parse("GET / HTTP/1.1\r\n\r\n", 18, 1000, &h), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_any_read_size),
      cmocka_unit_test(test_limits_and_resync),
      cmocka_unit_test(test_http),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
