/* util.c - see util.h. */
#include "util.h"

#include "util/json.h"

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

static void put_sbuf(void *b, const char *s, size_t n) { prc_sbuf_add(b, s, n); }

int prc_sbuf_json_str(prc_sbuf *b, const char *s, size_t n) {
  prc_json_str(s, n, put_sbuf, b);
  return b->oom ? -1 : 0;
}

void prc_sbuf_free(prc_sbuf *b) {
  free(b->s);
  memset(b, 0, sizeof *b);
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

int prc_cli_make_dir(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return 0;
    errno = ENOTDIR;
    return -1;
  }
  return mkdir(path, 0777) == 0 ? 0 : -1;
}
