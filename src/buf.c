/* buf.c - growable output buffer. */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "util/json.h"

void prc_buf_init(buf *b, const precis_allocator *alc) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->alc = alc ? alc : prc_default_allocator();
  b->oom = 0;
  b->sink = NULL;
  b->sink_ctx = NULL;
  b->piece = 0;
}

void prc_buf_set_sink(buf *b, precis_write_fn write, void *ctx, size_t piece) {
  b->sink = write;
  b->sink_ctx = ctx;
  b->piece = piece < 256 ? 256 : piece;
}

static int emit(buf *b, const char *s, size_t n) {
  if (b->oom) return -1;
  if (n && b->sink(b->sink_ctx, s, n) != 0) { b->oom = 1; return -1; }
  return 0;
}

int prc_buf_flush(buf *b) {
  if (b->oom) return -1;
  if (!b->sink) return 0;
  int rc = emit(b, b->p, b->len);
  b->len = 0;
  return rc;
}

static int reserve(buf *b, size_t extra) {
  if (b->oom) return 0;
  if (b->len + extra + 1 <= b->cap) return 1;
  size_t nc = b->cap ? b->cap : 256;
  while (nc < b->len + extra + 1) nc *= 2;
  char *np = b->alc->realloc(b->alc->ctx, b->p, nc);
  if (!np) { b->oom = 1; return 0; }
  b->p = np;
  b->cap = nc;
  return 1;
}

void prc_buf_put(buf *b, const char *s, size_t n) {
  if (b->sink && b->len + n > b->piece) {
    /* what is held goes first, then whole pieces straight from s */
    if (prc_buf_flush(b) != 0) return;
    for (; n > b->piece; s += b->piece, n -= b->piece)
      if (emit(b, s, b->piece) != 0) return;
  }
  if (!n || !reserve(b, n)) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}
void prc_buf_puts(buf *b, const char *s) { prc_buf_put(b, s, strlen(s)); }
void prc_buf_putc(buf *b, char c) { prc_buf_put(b, &c, 1); }

void prc_buf_printf(buf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) { prc_buf_put(b, tmp, (size_t)n); return; }
  if (b->sink) { /* rare (the writers format short items): format into a scratch copy */
    char *big = b->alc->malloc(b->alc->ctx, (size_t)n + 1);
    if (!big) { b->oom = 1; return; }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    prc_buf_put(b, big, (size_t)n);
    b->alc->free(b->alc->ctx, big);
    return;
  }
  if (!reserve(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

static int num_char(unsigned char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || (unsigned)((c | 0x20) - 'a') < 26u;
}

void prc_buf_double(buf *b, const char *fmt, double v) {
  char tmp[512], out[512];
  int n = snprintf(tmp, sizeof tmp, fmt, v);
  if (n < 0 || (size_t)n >= sizeof tmp) { prc_buf_puts(b, "null"); return; } /* %f of 1e308 fits */
  /* printf writes [-]digits[RADIX digits][e[+-]digits] (or inf, nan); the
   * locale changes only RADIX, which may be several bytes (U+066B) but is
   * never an ASCII digit, sign or letter: it becomes '.'.  (No grouping
   * without the ' flag, no locale digits without the I flag.) */
  size_t o = 0;
  for (int i = 0; i < n;) {
    if (num_char((unsigned char)tmp[i])) { out[o++] = tmp[i++]; continue; }
    out[o++] = '.';
    while (i < n && !num_char((unsigned char)tmp[i])) i++;
  }
  prc_buf_put(b, out, o);
}

static void put_buf(void *b, const char *s, size_t n) { prc_buf_put(b, s, n); }

void prc_buf_json_str(buf *b, const char *s, size_t n) { prc_json_str(s, n, put_buf, b); }

void prc_buf_json_cstr(buf *b, const char *s) { prc_buf_json_str(b, s, s ? strlen(s) : 0); }

char *prc_buf_finish(buf *b, size_t *len) {
  if (b->oom) { prc_buf_release(b); if (len) *len = 0; return NULL; }
  if (!b->p) reserve(b, 0);
  if (!b->p) { if (len) *len = 0; return NULL; }
  b->p[b->len] = 0;
  if (len) *len = b->len;
  char *p = b->p;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}

void prc_buf_release(buf *b) {
  if (b->p) b->alc->free(b->alc->ctx, b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
