/* names.c - first-name gender lookup over the compiled-in lists (names_data.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"

extern const char *const precis_names_male[];
extern const char *const precis_names_female[];

#define NBITS 15
#define NSIZE (1u << NBITS)
typedef struct { const char *w; uint32_t len; int g; } nentry;
static nentry ntab[NSIZE];
static pthread_once_t nonce = PTHREAD_ONCE_INIT;

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
  uint32_t h = prc_hash_lower(w, n) & (NSIZE - 1);
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

/* The gender of first names the lists leave out or give both genders, as
 * news uses them (our own list, for the gender alone: prc_names_is_first,
 * which finds person names, does not read it -- a wider name list moved
 * name boundaries the wrong way, docs/ner.md).  Each is overwhelmingly one
 * gender in the news the project reads. */
static const char *const news_male[] = {"Donald", "Barack", "Mitt", "Bernie", "Newt", "Ted", "Reince", "Jeb", "Rahm",
                                        "Beto", "Elon", "Kanye", "Recep", "Bashar", "Hassan", "Narendra", "Shinzo",
                                        "Rishi", "Volodymyr", "Sergey", "Dmitry", "Sundar", "Satya", "Ayman", "Mohammad",
                                        NULL};
static const char *const news_female[] = {"Kamala", "Ivanka", "Huma", "Kellyanne", "Condoleezza", "Tulsi",
                                          "Ilhan", "Rashida", "Kyrsten", "Malala", "Beyonce", "Alexandria", "Sanna",
                                          NULL};

static int lookup(const char *s, size_t n);
int prc_names_gender(const char *s, size_t n) {
  if (n >= 2 && n <= 12) {
    for (const char *const *w = news_male; *w; w++)
      if (strlen(*w) == n && nieq(*w, s, n)) return 'm';
    for (const char *const *w = news_female; *w; w++)
      if (strlen(*w) == n && nieq(*w, s, n)) return 'f';
  }
  int g = lookup(s, n);
  return g == '?' ? 0 : g;
}
bool prc_names_is_first(const char *s, size_t n) { return lookup(s, n) != 0; }

/* "José" -> "Jose", "Zoë" -> "Zoe": strip combining marks so that accented
 * spellings find the (ASCII) list entries.  Returns the folded length, or 0
 * when the name has a letter that has no ASCII base (ø, ß) or is too long. */
static size_t fold_marks(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  utf8proc_ssize_t i = 0;
  while ((size_t)i < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)n - i, &c);
    if (r <= 0) return 0;
    i += r;
    utf8proc_int32_t dec[4];
    int last = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(c, dec, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last);
    if (nd < 0 || nd > 4) return 0;
    for (utf8proc_ssize_t j = 0; j < nd; j++) {
      if (dec[j] >= 0x80 || k + 1 >= cap) return 0;
      out[k++] = (char)dec[j];
    }
  }
  return k;
}

static int lookup_ascii(const char *s, size_t n);
static int lookup(const char *s, size_t n) {
  if (n == 0 || n > 30) return 0;
  int g = lookup_ascii(s, n);
  if (g) return g;
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)s[i] >= 0x80) {
      char buf[32];
      size_t k = fold_marks(s, n, buf, sizeof buf);
      return k ? lookup_ascii(buf, k) : 0;
    }
  }
  return 0;
}

static int lookup_ascii(const char *s, size_t n) {
  if (n == 0 || n > 30) return 0;
  pthread_once(&nonce, nbuild);
  uint32_t h = prc_hash_lower(s, n) & (NSIZE - 1);
  while (ntab[h].w) {
    if (ntab[h].len == n && nieq(ntab[h].w, s, n)) return ntab[h].g;
    h = (h + 1) & (NSIZE - 1);
  }
  return 0;
}
