/* util/json.h - JSON string literals, shared by libprecis's writers and the
 * tool's error records. */
#ifndef PRECIS_UTIL_JSON_H
#define PRECIS_UTIL_JSON_H

#include <stddef.h>

/* Where the pieces of the output go. */
typedef void (*prc_json_put_fn)(void *ctx, const char *s, size_t n);

/* s[0..n) as a JSON string literal (with its quotes): ", \ and control
 * characters escaped as RFC 8259 requires (\u0000 for NUL), ill-formed UTF-8
 * replaced by U+FFFD; NULL gives null.  Runs of plain bytes are put whole. */
void prc_json_str(const char *s, size_t n, prc_json_put_fn put, void *ctx);

#endif
