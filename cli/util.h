/* util.h - small helpers of the CLI: a growable string with a JSON string
 * writer (util/json.h), reading a whole file.  UTF-8 checks are
 * util/utf8.h's, shared with libprecis. */
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
/* s[0..n) as a JSON string literal (prc_json_str); 0 or -1 (out of memory). */
int prc_sbuf_json_str(prc_sbuf *b, const char *s, size_t n);
void prc_sbuf_free(prc_sbuf *b);

/* Open path for reading ("-" = stdin).  A directory is refused (errno
 * EISDIR).  NULL on error, errno set. */
FILE *prc_cli_open_input(const char *path);
/* Read all of f; NUL-terminated, malloc'd.  NULL on error (errno set: the
 * read error, or ENOMEM). */
char *prc_cli_read_all(FILE *f, size_t *len);
/* An output directory: made (one level) when it does not exist.  0, or -1
 * with errno (ENOTDIR when path is something else). */
int prc_cli_make_dir(const char *path);

#endif
