/* util.h - small helpers of the CLI: a growable string, a UTF-8 check, a
 * JSON string writer, reading a whole file.  (The CLI uses only the public
 * headers of the libraries, so it keeps its own.) */
#ifndef PRECIS_CLI_UTIL_H
#define PRECIS_CLI_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* A growable NUL-terminated string; {0} is an empty one.  After a failed
 * allocation every call is a no-op and oom is set. */
typedef struct prc_sbuf {
  char *s;
  size_t n, cap;
  int oom;
} prc_sbuf;

int prc_sbuf_add(prc_sbuf *b, const char *s, size_t n); /* 0 or -1 (out of memory) */
int prc_sbuf_puts(prc_sbuf *b, const char *s);
/* s[0..n) as a JSON string: ", \, control characters escaped (\u0000 for
 * NUL), ill-formed UTF-8 replaced by U+FFFD; NULL gives null. */
int prc_sbuf_json_str(prc_sbuf *b, const char *s, size_t n);
void prc_sbuf_free(prc_sbuf *b);

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0 when ill-formed
 * (then *bad = how many bytes form the ill-formed part, >= 1). */
size_t prc_cli_utf8_seq(const unsigned char *s, size_t n, size_t *bad);
/* Is s[0..n) well-formed UTF-8? */
int prc_cli_utf8_valid(const char *s, size_t n);

/* Open path for reading ("-" = stdin).  A directory is refused (errno
 * EISDIR).  NULL on error, errno set. */
FILE *prc_cli_open_input(const char *path);
/* Read all of f; NUL-terminated, malloc'd.  NULL on error (errno set: the
 * read error, or ENOMEM). */
char *prc_cli_read_all(FILE *f, size_t *len);

#endif
