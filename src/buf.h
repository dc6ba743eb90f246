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
  int oom;
} buf;

void prc_buf_init(buf *b, const precis_allocator *alc);
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
