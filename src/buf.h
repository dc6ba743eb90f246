/* buf.h - a growable byte buffer for the writers (uses the caller's allocator). */
#ifndef PRECIS_BUF_H
#define PRECIS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "precis.h"

typedef struct buf {
  char *p;
  size_t len, cap;
  const precis_allocator *alc;
  int oom;               /* the allocator failed, or the sink returned non-zero: nothing more is kept */
  precis_write_fn sink;  /* NULL: build one string (prc_buf_finish) */
  void *sink_ctx;
  size_t piece;          /* with a sink: pieces handed over hold at most this many bytes */
} buf;

/* The pieces precis_render_to hands over: at most this many bytes each. */
#define PRC_BUF_PIECE ((size_t)64 * 1024 - 1)

void prc_buf_init(buf *b, const precis_allocator *alc);
/* From now on, whenever what is held would pass piece bytes it goes to
 * write(ctx, ...) instead, in pieces of at most piece bytes (piece >= 256),
 * and the buffer never holds more than that. */
void prc_buf_set_sink(buf *b, precis_write_fn write, void *ctx, size_t piece);
/* Hands what is held to the sink; 0, or -1 once the allocator or the sink
 * failed (then nothing more was written). */
int prc_buf_flush(buf *b);
void prc_buf_put(buf *b, const char *s, size_t n);
void prc_buf_puts(buf *b, const char *s);
void prc_buf_putc(buf *b, char c);
/* Formats with the C library: only for integers, strings and characters,
 * never %f/%g/%e (those follow the host program's LC_NUMERIC). */
void prc_buf_printf(buf *b, const char *fmt, ...);
/* A number as printf's fmt ("%.4f", "%.15g": one floating conversion and
 * nothing else) would write it in the C locale, whatever LC_NUMERIC the host
 * program set: the decimal separator is always '.', so JSON stays valid. */
void prc_buf_double(buf *b, const char *fmt, double v);
/* JSON string literal (with quotes), escaping as RFC 8259 requires and
 * ill-formed UTF-8 replaced by U+FFFD; NULL -> null */
void prc_buf_json_str(buf *b, const char *s, size_t n);
void prc_buf_json_cstr(buf *b, const char *s);
/* Hand over the NUL-terminated result (NULL on allocation failure). */
char *prc_buf_finish(buf *b, size_t *len);
void prc_buf_release(buf *b);

#endif
