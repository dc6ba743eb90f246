/* names.c - first-name gender lookup over the compiled-in lists (names_data.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

extern const char *const precis_names_male[];
extern const char *const precis_names_female[];

#define NBITS 15
#define NSIZE (1u << NBITS)
typedef struct { const char *w; uint32_t len; int g; } nentry;
static nentry ntab[NSIZE];
static pthread_once_t nonce = PTHREAD_ONCE_INIT;

static uint32_t nhash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    h = (h ^ c) * 16777619u;
  }
  return h;
}

static bool nieq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}

static void nadd(const char *w, int g) {
  size_t n = strlen(w);
  uint32_t h = nhash(w, n) & (NSIZE - 1);
  while (ntab[h].w) {
    if (ntab[h].len == n && nieq(ntab[h].w, w, n)) {
      if (ntab[h].g != g) ntab[h].g = '?'; /* in both lists: unknown gender */
      return;
    }
    h = (h + 1) & (NSIZE - 1);
  }
  ntab[h].w = w;
  ntab[h].len = (uint32_t)n;
  ntab[h].g = g;
}

static void nbuild(void) {
  for (size_t i = 0; precis_names_male[i]; i++) nadd(precis_names_male[i], 'm');
  for (size_t i = 0; precis_names_female[i]; i++) nadd(precis_names_female[i], 'f');
}

static int lookup(const char *s, size_t n);
int names_gender(const char *s, size_t n) {
  int g = lookup(s, n);
  return g == '?' ? 0 : g;
}
bool names_is_first(const char *s, size_t n) { return lookup(s, n) != 0; }

static int lookup(const char *s, size_t n) {
  if (n == 0 || n > 30) return 0;
  pthread_once(&nonce, nbuild);
  uint32_t h = nhash(s, n) & (NSIZE - 1);
  while (ntab[h].w) {
    if (ntab[h].len == n && nieq(ntab[h].w, s, n)) return ntab[h].g;
    h = (h + 1) & (NSIZE - 1);
  }
  return 0;
}
