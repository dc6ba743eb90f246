/* names.c - first-name gender lookup over the compiled-in lists (names_data.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"

/* names_data.c: NUL-separated names, an empty one last */
extern const char precis_names_male[];
extern const char precis_names_female[];

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
  for (const char *w = precis_names_male; *w; w += strlen(w) + 1) nadd(w, 'm');
  for (const char *w = precis_names_female; *w; w += strlen(w) + 1) nadd(w, 'f');
}

/* The gender of first names the lists leave out or give both genders, as
 * news uses them (our own list, for the gender alone: prc_names_is_first,
 * which finds person names, does not read it -- a wider name list moved
 * name boundaries the wrong way, docs/ner.md).  Each is overwhelmingly one
 * gender in the news the project reads. */
static const char *const news_male[] = {
    "Donald", "Barack", "Mitt", "Bernie", "Newt", "Ted", "Reince", "Jeb", "Rahm", "Beto", "Elon", "Kanye", "Recep",
    "Bashar", "Hassan", "Narendra", "Shinzo", "Rishi", "Volodymyr", "Sergey", "Dmitry", "Sundar", "Satya", "Ayman",
    "Mohammad",
    /* 0.13: in both lists, men in the general news files (CNN/DM, BBC: names of people
     * the engine found, by count) */
    "George", "Bill", "Billy", "Chris", "Tony", "Tim", "Andy", "Frank", "Phil", "Sean",
    "Shaun", "Shawn", "Jerry", "Gerry", "Ray", "Barry", "Christian", "Corey", "Cory", "Terry", "Glenn", "Glen", "Eddie",
    "Danny", "Tommy", "Shane", "Robbie", "Robby", "Bobby", "Fred", "Freddie", "Freddy", "Max", "Rory", "Jesse",
    "Gabriel", "Gene", "Adrian", "Olly", "Ollie", "Brett", "Theo", "Ricky", "Marty", "Noel", "Sonny", "Kyle", "Willie",
    "Ronnie", "Reggie", "Michel", "Gus", "Randy", "Chad", "Joey", "Bert", "Benny", "Teddy", "Daryl", "Quentin", "Austin",
    "Lou", "Vin", "Perry",
    /* in neither list */
    "Ayatollah", "Walter", "Mikhail", "Saddam", "Thierry", "Mariano", "Jurgen", "Dustin", "Keanu", "Lleyton", "Carsten", "Viktor",
    "Julien", "Tamerlan", "Dzhokhar", "Kostas", "Yannick", "Arsene", "Haider", "Goodluck", "Shimon", "Habib", "Moammar",
    "Muammar", "Mohamed", "Sylvain", "Yann", "Marat", "Rafik", "Abubakar", "Javad", "Ashraf", "Ronan", "Farid",
    "Yassine", "Mehmet", "Muhammadu", "Abdullah", "Lyndon", "Alexey", "Petro", "Ilya", "Cesc", "Mauro", "Mervyn",
    "Hicham", "Didier", "Josep", "Xabi", "Ismail", "Abbas", "Fareed", "Ramzan", "Osama", "Jordi", "Mathieu", "Zlatan",
    "Yitzhak", "Ahmet", "Nabil", "Piers", "Saeb", "Gianfranco", "Gianluigi", "Zinedine", "Menachem", "Bilal", "Oleg",
    "Ludovic", "Ruud", "Raheem", "Fethullah", "Wilfried", "Fabrice", "Kofi", "Uhuru", "Novak", "Neymar", "Jonny",
    NULL};
static const char *const news_female[] = {
    "Kamala", "Ivanka", "Huma", "Kellyanne", "Condoleezza", "Tulsi", "Ilhan", "Rashida", "Kyrsten", "Malala", "Beyonce",
    "Alexandria", "Sanna",
    /* 0.13: in both lists, women in the general news files ("Hillary" left out: above) */
    "Kelly", "Carly", "Lindsey", "Lindsay", "Julie", "Holly", "Erin", "Lauren", "Kylie", "Meryl", "Tracey",
    "Kelsey", "Simone", "Michele", "Clare", "Claire", "Nikki", "Patty", "Grace", "Angie", "Abby", "Lesley",
    "Hazel", "Shannon", "Ruby", "Brooke", "Geri", "Penny", "Tammy", "Evelyn",
    /* in neither list */
    "Megyn", "Sandrine", "Svetlana", "Salma", "Sania", "Jelena", "Tzipi", "Dilma", "Shamima", "Amira", "Frida",
    "Catalina", "Halle", "Zeynep", "Ivana", "Zhanna", "Parisa", "Oprah", "Khloe", "Kourtney",
    NULL};

#define GBITS 10
static nentry gtab[1u << GBITS];
static void gadd(const char *w, int g) {
  size_t n = strlen(w);
  uint32_t h = prc_hash_lower(w, n) & ((1u << GBITS) - 1);
  while (gtab[h].w) h = (h + 1) & ((1u << GBITS) - 1);
  gtab[h].w = w;
  gtab[h].len = (uint32_t)n;
  gtab[h].g = g;
}
static pthread_once_t gonce = PTHREAD_ONCE_INIT;
static void gbuild(void) {
  for (const char *const *w = news_male; *w; w++) gadd(*w, 'm');
  for (const char *const *w = news_female; *w; w++) gadd(*w, 'f');
}
static int news_gender(const char *s, size_t n) {
  pthread_once(&gonce, gbuild);
  uint32_t h = prc_hash_lower(s, n) & ((1u << GBITS) - 1);
  while (gtab[h].w) {
    if (gtab[h].len == n && nieq(gtab[h].w, s, n)) return gtab[h].g;
    h = (h + 1) & ((1u << GBITS) - 1);
  }
  return 0;
}

static int lookup(const char *s, size_t n);
int prc_names_gender(const char *s, size_t n) {
  if (n >= 2 && n <= 12) {
    const int g = news_gender(s, n);
    if (g) return g;
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
