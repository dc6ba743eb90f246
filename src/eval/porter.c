/* porter.c - Porter stemmer, NLTK default-mode ("NLTK_EXTENSIONS") variant.
 *
 * Written from the algorithm's description (M. F. Porter, "An algorithm for
 * suffix stripping", Program 14(3), 1980) and NLTK's documented departures:
 *
 *   - a small table of irregular forms is looked up first (skies -> sky,
 *     dying -> die, news -> news, innings -> inning, proceed -> proceed, ...);
 *   - words of at most two letters are left alone;
 *   - 1a: a four-letter word in -ies becomes -ie (ties -> tie);
 *   - 1b: -ied becomes -ie in four-letter words, else -i (died -> die,
 *     cried -> cri);
 *   - 1c: y -> i only after a consonant that is not the first letter;
 *   - 2: -alli -> -al is tried first and, when it fires, step 2 runs again;
 *     -bli -> -ble replaces -abli -> -able; -fulli -> -ful is added; -logi ->
 *     -log is added with the measure taken on the stem including the 'l';
 *   - *o (cvc) is also true of a two-letter vowel-consonant stem.
 *
 * As in the original, within one rule list the first suffix that matches
 * decides: when its condition fails, no later (shorter) suffix is tried.
 */
#include "porter.h"

#include <string.h>

/* Working word: bytes b[0..n). */
typedef struct {
  char *b;
  size_t n;
} word;

static int is_cons(const char *b, size_t i) {
  /* Iterative form of: y is a consonant when first or after a vowel. */
  switch (b[i]) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
      return 0;
    case 'y': {
      /* Count the run of y's ending at i; they alternate c/v starting from
       * whatever precedes the run. */
      size_t k = i;
      while (k > 0 && b[k - 1] == 'y') k--;
      /* b[k] is the first y of the run.  It is a consonant when k == 0 or
       * b[k-1] is a vowel (a, e, i, o, u; not y by construction). */
      int first_cons = (k == 0) || !is_cons(b, k - 1);
      size_t steps = i - k;
      return (steps % 2 == 0) ? first_cons : !first_cons;
    }
    default:
      return 1;
  }
}

/* m: the number of vowel-run -> consonant-run transitions in b[0..n). */
static int measure(const char *b, size_t n) {
  int m = 0;
  int prev_vowel = 0;
  for (size_t i = 0; i < n; i++) {
    int c = is_cons(b, i);
    if (c && prev_vowel) m++;
    prev_vowel = !c;
  }
  return m;
}

static int has_vowel(const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_cons(b, i)) return 1;
  return 0;
}

static int ends_double_cons(const char *b, size_t n) {
  return n >= 2 && b[n - 1] == b[n - 2] && is_cons(b, n - 1);
}

/* *o: consonant-vowel-consonant, the last not w, x or y; NLTK also accepts a
 * whole two-letter stem vowel-consonant. */
static int ends_cvc(const char *b, size_t n) {
  if (n >= 3 && is_cons(b, n - 3) && !is_cons(b, n - 2) && is_cons(b, n - 1) &&
      b[n - 1] != 'w' && b[n - 1] != 'x' && b[n - 1] != 'y')
    return 1;
  return n == 2 && !is_cons(b, 0) && is_cons(b, 1);
}

static int ends_with(const word *w, const char *s, size_t *slen) {
  size_t k = strlen(s);
  if (slen) *slen = k;
  return w->n >= k && memcmp(w->b + w->n - k, s, k) == 0;
}

/* Keep the first stem_len bytes and append s.  No rule's replacement is
 * longer than the suffix it replaces, so the word never grows. */
static void set_tail(word *w, size_t stem_len, const char *s) {
  size_t k = strlen(s);
  memcpy(w->b + stem_len, s, k);
  w->n = stem_len + k;
}

enum cond { C_NONE, C_M0, C_M1, C_ION, C_LOGI };

typedef struct {
  const char *suffix;
  const char *repl;
  enum cond cond;
} rule;

static int cond_holds(enum cond c, const word *w, size_t stem_len) {
  switch (c) {
    case C_NONE: return 1;
    case C_M0: return measure(w->b, stem_len) > 0;
    case C_M1: return measure(w->b, stem_len) > 1;
    case C_ION:
      return measure(w->b, stem_len) > 1 &&
             (w->b[stem_len - 1] == 's' || w->b[stem_len - 1] == 't');
    case C_LOGI: /* measure of the stem with the 'l' of -logi kept */
      return measure(w->b, stem_len + 1) > 0;
  }
  return 0;
}

/* First matching suffix decides; returns 1 when a rule fired. */
static int apply_rules(word *w, const rule *rules, size_t nrules) {
  for (size_t i = 0; i < nrules; i++) {
    size_t k;
    if (!ends_with(w, rules[i].suffix, &k)) continue;
    size_t stem = w->n - k;
    if (!cond_holds(rules[i].cond, w, stem)) return 0;
    set_tail(w, stem, rules[i].repl);
    return 1;
  }
  return 0;
}

#define NRULES(a) (sizeof(a) / sizeof((a)[0]))

static void step1a(word *w) {
  static const rule r[] = {
      {"sses", "ss", C_NONE}, {"ies", "i", C_NONE}, {"ss", "ss", C_NONE}, {"s", "", C_NONE}};
  if (w->n == 4 && ends_with(w, "ies", NULL)) {
    w->n = 3; /* ties -> tie */
    return;
  }
  apply_rules(w, r, NRULES(r));
}

static void step1b(word *w) {
  if (ends_with(w, "ied", NULL)) {
    if (w->n == 4) set_tail(w, 1, "ie");
    else set_tail(w, w->n - 3, "i");
    return;
  }
  if (ends_with(w, "eed", NULL)) {
    if (measure(w->b, w->n - 3) > 0) w->n -= 1; /* -eed -> -ee */
    return;
  }
  size_t base;
  if (ends_with(w, "ed", NULL) && has_vowel(w->b, w->n - 2)) base = w->n - 2;
  else if (ends_with(w, "ing", NULL) && has_vowel(w->b, w->n - 3)) base = w->n - 3;
  else return;
  w->n = base;
  if (ends_with(w, "at", NULL) || ends_with(w, "bl", NULL) || ends_with(w, "iz", NULL)) {
    w->b[w->n++] = 'e';
    return;
  }
  if (ends_double_cons(w->b, w->n)) {
    char c = w->b[w->n - 1];
    if (c != 'l' && c != 's' && c != 'z') w->n -= 1;
    return;
  }
  if (measure(w->b, w->n) == 1 && ends_cvc(w->b, w->n)) w->b[w->n++] = 'e';
}

static void step1c(word *w) {
  if (w->n >= 1 && w->b[w->n - 1] == 'y') {
    size_t stem = w->n - 1;
    if (stem > 1 && is_cons(w->b, stem - 1)) w->b[stem] = 'i';
  }
}

static void step2(word *w) {
  static const rule r[] = {
      {"ational", "ate", C_M0}, {"tional", "tion", C_M0}, {"enci", "ence", C_M0},
      {"anci", "ance", C_M0},   {"izer", "ize", C_M0},    {"bli", "ble", C_M0},
      {"alli", "al", C_M0},     {"entli", "ent", C_M0},   {"eli", "e", C_M0},
      {"ousli", "ous", C_M0},   {"ization", "ize", C_M0}, {"ation", "ate", C_M0},
      {"ator", "ate", C_M0},    {"alism", "al", C_M0},    {"iveness", "ive", C_M0},
      {"fulness", "ful", C_M0}, {"ousness", "ous", C_M0}, {"aliti", "al", C_M0},
      {"iviti", "ive", C_M0},   {"biliti", "ble", C_M0},  {"fulli", "ful", C_M0},
      {"logi", "log", C_LOGI}};
  while (ends_with(w, "alli", NULL) && measure(w->b, w->n - 4) > 0) w->n -= 2; /* -alli -> -al, again */
  apply_rules(w, r, NRULES(r));
}

static void step3(word *w) {
  static const rule r[] = {{"icate", "ic", C_M0}, {"ative", "", C_M0}, {"alize", "al", C_M0},
                           {"iciti", "ic", C_M0}, {"ical", "ic", C_M0}, {"ful", "", C_M0},
                           {"ness", "", C_M0}};
  apply_rules(w, r, NRULES(r));
}

static void step4(word *w) {
  static const rule r[] = {
      {"al", "", C_M1},   {"ance", "", C_M1}, {"ence", "", C_M1}, {"er", "", C_M1},
      {"ic", "", C_M1},   {"able", "", C_M1}, {"ible", "", C_M1}, {"ant", "", C_M1},
      {"ement", "", C_M1}, {"ment", "", C_M1}, {"ent", "", C_M1}, {"ion", "", C_ION},
      {"ou", "", C_M1},   {"ism", "", C_M1},  {"ate", "", C_M1},  {"iti", "", C_M1},
      {"ous", "", C_M1},  {"ive", "", C_M1},  {"ize", "", C_M1}};
  apply_rules(w, r, NRULES(r));
}

static void step5(word *w) {
  if (ends_with(w, "e", NULL)) {
    size_t stem = w->n - 1;
    int m = measure(w->b, stem);
    if (m > 1 || (m == 1 && !ends_cvc(w->b, stem))) w->n = stem;
  }
  if (ends_with(w, "ll", NULL) && measure(w->b, w->n - 1) > 1) w->n -= 1;
}

static const struct {
  const char *form, *stem;
} irregular[] = {
    {"skies", "sky"},      {"sky", "sky"},         {"dying", "die"},     {"lying", "lie"},
    {"tying", "tie"},      {"news", "news"},       {"innings", "inning"}, {"inning", "inning"},
    {"outings", "outing"}, {"outing", "outing"},   {"cannings", "canning"},
    {"canning", "canning"}, {"howe", "howe"},      {"proceed", "proceed"},
    {"exceed", "exceed"},  {"succeed", "succeed"}};

size_t prc_porter_stem(const char *src, size_t n, char *out) {
  for (size_t i = 0; i < NRULES(irregular); i++) {
    if (strlen(irregular[i].form) == n && memcmp(irregular[i].form, src, n) == 0) {
      size_t k = strlen(irregular[i].stem);
      memcpy(out, irregular[i].stem, k);
      out[k] = '\0';
      return k;
    }
  }
  memmove(out, src, n);
  out[n] = '\0';
  if (n <= 2) return n;
  word w = {out, n};
  step1a(&w);
  step1b(&w);
  step1c(&w);
  step2(&w);
  step3(&w);
  step4(&w);
  step5(&w);
  out[w.n] = '\0';
  return w.n;
}
