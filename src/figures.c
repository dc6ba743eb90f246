/* figures.c - money, percentages and counts.
 *
 * One left-to-right pass over the tokens.  At each token we try, in order:
 *
 *   MONEY    a currency prefix ("$", "£", "US$", "USD", "Rs") and a number,
 *            or a number and a currency word ("5 million dollars", "20 euros")
 *   PERCENT  a number and "%", "per cent", "percent", "percentage point(s)",
 *            "basis point(s)"; a leading approximator ("north of", "more than")
 *            and a trailing "of GDP" join the span
 *   COUNT    a number and a plural count noun ("300 troops", "thousands of
 *            people"), guarded against years, dates, labels, scores and times
 *
 * A number is digits ("185", "1,000", "3.5") optionally followed by a scale
 * ("million", "bn", attached "m"), or number words ("two hundred and fifty",
 * "twenty-five", "a million", "half a million", "two dozen"), or a vague plural
 * ("thousands", "tens of thousands", "dozens") that must be followed by "of".
 * Every look-ahead and look-behind is bounded by a constant, so the stage is
 * linear in the number of tokens.  See docs/figures.md. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "doc.h"
#include "lexicon.h"

/* ------------------------------------------------------------------------ */
/* token helpers */

static inline bool in_sent(const precis_doc *d, uint32_t j, uint32_t sent) {
  return j < d->ntoks && d->toks[j].sent == sent;
}
static inline bool attached(const precis_doc *d, uint32_t j) {
  return !(d->toks[j].flags & (TF_SPACE_BEFORE | TF_NL_BEFORE));
}
static inline bool is_plain_number(const precis_doc *d, uint32_t j) {
  return (d->toks[j].flags & TF_NUMBER) && !(d->toks[j].flags & TF_WORD);
}
static inline bool is_word(const precis_doc *d, uint32_t j) { return (d->toks[j].flags & TF_WORD) != 0; }

/* Limits of the figure rules. */
#define DIGITS_MAX_BYTES 64   /* a digit string longer than this is no number ("1,234.50") */
#define NUMWORD_MAX_BYTES 40  /* a number word longer than this is none ("twenty-five") */
#define GDP_DET_MAX 3         /* "of the country's GDP": words between "of" and GDP */
#define COUNT_NOUN_MIN 4      /* a count noun (a plural) has 4 to 30 bytes */
#define COUNT_NOUN_MAX 30
#define COUNT_MODIFIER_MAX 2  /* "300 more US troops": modifiers between the number and its noun */
#define YEAR_FIRST 1900       /* a bare integer in [1900, 2099] is a year, not a count */
#define YEAR_LAST 2099

/* case-insensitive (ASCII) compare of a byte range with a NUL-terminated string */
static bool mem_ieq(const char *s, size_t n, const char *w) {
  size_t k = 0;
  for (; k < n; k++) {
    unsigned char a = (unsigned char)s[k], b = (unsigned char)w[k];
    if (!b) return false;
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) return false;
  }
  return w[k] == 0;
}

/* All the word lists below are indexed in one hash table (built once, see
 * wl_build) keyed by the hash of the lower-cased text (prc_hash_lower),
 * so that looking a token up costs one probe, not a scan of every list. */
enum {
  WL_NUM = 1u << 0,      /* NUMWORDS (index in num) */
  WL_CUR = 1u << 1,      /* CURWORDS (index in cur) */
  WL_CURPRE = 1u << 2,   /* first word of a CURPREFIX */
  WL_LABEL = 1u << 3,    /* LXL_FIG_LABEL (lexicon.c) */
  WL_IRREG = 1u << 4,    /* LXL_FIG_IRREGULAR */
  WL_NOTPL = 1u << 5,    /* LXL_FIG_NOT_PLURAL */
  WL_MOD = 1u << 6,      /* LXL_FIG_MODIFIER */
  WL_ISO = 1u << 7,      /* ISO_CODES (index in iso; case-sensitive) */
  WL_DPRE = 1u << 8,     /* DOLLAR_PREFIX (index in dpre; case-sensitive) */
  WL_START = 1u << 9     /* may start a figure (with LXL_FIG_START) */
};
typedef struct wentry {
  const char *w;
  uint32_t h, len, mask;
  int16_t num, cur, iso, dpre;
} wentry;
static const wentry *wl_tok(const precis_doc *d, uint32_t j);
static const wentry *wl_str(const char *s, size_t n);
static inline bool tok_has(const precis_doc *d, uint32_t j, uint32_t mask) {
  const wentry *e = wl_tok(d, j);
  return e && (e->mask & mask);
}

/* index of the token in a NULL-terminated word list, or -1 */
static int tok_in(const precis_doc *d, uint32_t j, const char *const *list) {
  for (int k = 0; list[k]; k++)
    if (tok_ieq(d, j, list[k])) return k;
  return -1;
}

static bool is_apos_s(const precis_doc *d, uint32_t j) {
  return tok_ieq(d, j, "'s") || tok_ieq(d, j, "\xE2\x80\x99s");
}

/* ------------------------------------------------------------------------ */
/* numbers */

/* Digits with optional thousands commas and one decimal point.
 * "1,000" "3.5" "1,234.50" "185".  Rejects "12:35", "3-0", "1,2", "1.2.3". */
static bool parse_digits(const char *s, uint32_t n, double *out, bool *comma, bool *lead0, bool *is_int) {
  double v = 0;
  uint32_t k = 0, group = 0;
  bool seen_comma = false, seen_dot = false;
  double frac = 0.1;
  if (n == 0 || n > DIGITS_MAX_BYTES) return false;
  *comma = false;
  *lead0 = (n > 1 && s[0] == '0' && s[1] != '.');
  for (; k < n; k++) {
    char c = s[k];
    if (c >= '0' && c <= '9') {
      if (seen_dot) { v += (c - '0') * frac; frac /= 10; }
      else { v = v * 10 + (c - '0'); group++; }
    } else if (c == ',' && !seen_dot) {
      if (group == 0 || (seen_comma && group != 3) || (!seen_comma && group > 3)) return false;
      seen_comma = true;
      group = 0;
    } else if (c == '.' && !seen_dot) {
      if (k + 1 >= n) return false;
      seen_dot = true;
    } else {
      return false;
    }
  }
  if (seen_comma && group != 3) return false;
  *comma = seen_comma;
  *is_int = !seen_dot;
  *out = v;
  return true;
}

enum { W_NONE, W_UNIT, W_TENS, W_HUNDRED, W_SCALE, W_DOZEN, W_VAGUE };

typedef struct {
  const char *w;
  int type;
  double v;
} numword;

static const numword NUMWORDS[] = {
    {"one", W_UNIT, 1}, {"two", W_UNIT, 2}, {"three", W_UNIT, 3}, {"four", W_UNIT, 4},
    {"five", W_UNIT, 5}, {"six", W_UNIT, 6}, {"seven", W_UNIT, 7}, {"eight", W_UNIT, 8},
    {"nine", W_UNIT, 9}, {"ten", W_UNIT, 10}, {"eleven", W_UNIT, 11}, {"twelve", W_UNIT, 12},
    {"thirteen", W_UNIT, 13}, {"fourteen", W_UNIT, 14}, {"fifteen", W_UNIT, 15},
    {"sixteen", W_UNIT, 16}, {"seventeen", W_UNIT, 17}, {"eighteen", W_UNIT, 18},
    {"nineteen", W_UNIT, 19}, {"twenty", W_TENS, 20}, {"thirty", W_TENS, 30}, {"forty", W_TENS, 40},
    {"fifty", W_TENS, 50}, {"sixty", W_TENS, 60}, {"seventy", W_TENS, 70}, {"eighty", W_TENS, 80},
    {"ninety", W_TENS, 90}, {"hundred", W_HUNDRED, 100}, {"thousand", W_SCALE, 1e3},
    {"million", W_SCALE, 1e6}, {"billion", W_SCALE, 1e9}, {"trillion", W_SCALE, 1e12},
    {"dozen", W_DOZEN, 12},
    /* vague plurals: the value is the unit; the phrase takes twice it */
    {"dozens", W_VAGUE, 12}, {"scores", W_VAGUE, 20}, {"tens", W_VAGUE, 10}, {"hundreds", W_VAGUE, 100},
    {"thousands", W_VAGUE, 1e3}, {"millions", W_VAGUE, 1e6}, {"billions", W_VAGUE, 1e9},
    {NULL, W_NONE, 0}};

static int numword_type(const char *s, size_t n, double *v) {
  if (n < 3 || n > 9) return W_NONE;
  const wentry *e = wl_str(s, n);
  if (!e || e->num < 0) return W_NONE;
  *v = NUMWORDS[e->num].v;
  return NUMWORDS[e->num].type;
}

/* scale after digits: "million", "bn", attached "m" ... ; 0 if none */
static double digit_scale(const precis_doc *d, uint32_t j, bool *letter_m) {
  const char *s = tok_str(d, j);
  uint32_t n = tok_len(d, j);
  if (!is_word(d, j)) return 0;
  /* "m-a-year", "million-dollar": the scale is the part before the hyphen */
  const char *hy = memchr(s, '-', n);
  if (hy && hy > s) n = (uint32_t)(hy - s);
  *letter_m = (n == 1 && (s[0] == 'm' || s[0] == 'M'));
  static const struct { const char *w; double v; bool need_attached; } S[] = {
      {"thousand", 1e3, false}, {"million", 1e6, false}, {"billion", 1e9, false},
      {"trillion", 1e12, false}, {"mn", 1e6, false}, {"mln", 1e6, false}, {"bn", 1e9, false},
      {"bln", 1e9, false}, {"tn", 1e12, false}, {"trn", 1e12, false}, {"crore", 1e7, false},
      {"crores", 1e7, false}, {"lakh", 1e5, false}, {"lakhs", 1e5, false},
      {"m", 1e6, true}, {"b", 1e9, true}, {"k", 1e3, true}, {NULL, 0, false}};
  for (int k = 0; S[k].w; k++) {
    if (!mem_ieq(s, n, S[k].w)) continue;
    if (S[k].need_attached && !attached(d, j)) return 0;
    /* "M" and "B" in capitals are rarely scales (except attached, "$5M") */
    return S[k].v;
  }
  return 0;
}

enum { NP_DIGITS, NP_WORDS, NP_VAGUE };

typedef struct {
  double value;
  uint32_t end;     /* token after the number phrase */
  int kind;         /* NP_* */
  bool scaled;      /* a scale word/suffix was applied to digits */
  bool comma;       /* digits had thousands separators */
  bool lead0;       /* digits with a leading zero ("020") */
  bool is_int;
  bool cap_word;    /* a capitalised number word */
  bool range;       /* "2-3", "30-35": value is the lower bound */
  bool letter_m;    /* scaled by an attached "m" ("5m"), which may be metres */
} numphrase;

/* number-word state machine */
enum { L_NONE, L_A, L_HALF, L_HALFA, L_UNIT, L_TENS, L_HUNDRED, L_SCALE, L_AND, L_DOZEN };
typedef struct {
  double total, cur, lastscale;
  int last;
} wstate;

/* feed one atom (a word, or a part of a hyphenated word); false = rejected */
static bool wstep(wstate *st, const char *s, size_t n, bool in_hyphen) {
  double v = 0;
  if (mem_ieq(s, n, "a") || mem_ieq(s, n, "an")) {
    if (in_hyphen) return false;
    if (st->last == L_NONE) { st->cur = 1; st->last = L_A; return true; }
    if (st->last == L_HALF) { st->last = L_HALFA; return true; }
    return false;
  }
  if (mem_ieq(s, n, "half")) {
    if (in_hyphen || st->last != L_NONE) return false;
    st->last = L_HALF;
    return true;
  }
  if (mem_ieq(s, n, "and")) {
    if (in_hyphen) return false;
    if (st->last == L_HUNDRED || (st->last == L_SCALE && st->total > 0)) { st->last = L_AND; return true; }
    return false;
  }
  int t = numword_type(s, n, &v);
  switch (t) {
  case W_UNIT:
    if (st->last == L_NONE || st->last == L_HUNDRED || st->last == L_SCALE || st->last == L_AND ||
        (st->last == L_TENS && v < 10)) {
      st->cur += v;
      st->last = L_UNIT;
      return true;
    }
    return false;
  case W_TENS:
    if (st->last == L_NONE || st->last == L_HUNDRED || st->last == L_SCALE || st->last == L_AND) {
      st->cur += v;
      st->last = L_TENS;
      return true;
    }
    return false;
  case W_HUNDRED:
    if ((st->last == L_UNIT || st->last == L_A) && st->cur < 10) {
      /* "two hundred": cur holds only the units of this group */
      st->cur *= 100;
      st->last = L_HUNDRED;
      return true;
    }
    return false;
  case W_SCALE:
    if (st->lastscale != 0 && v >= st->lastscale) return false;
    if (st->last == L_HALFA) st->cur = 0.5;
    else if (!(st->last == L_UNIT || st->last == L_TENS || st->last == L_HUNDRED || st->last == L_A))
      return false;
    st->total += st->cur * v;
    st->cur = 0;
    st->lastscale = v;
    st->last = L_SCALE;
    return true;
  case W_DOZEN:
    if (st->last == L_HALFA) st->cur = 6;
    else if ((st->last == L_UNIT && st->cur < 10) || st->last == L_A) st->cur *= 12;
    else return false;
    st->last = L_DOZEN;
    return true;
  default:
    return false;
  }
}

static bool wfinal(const wstate *st, double *v) {
  switch (st->last) {
  case L_UNIT: case L_TENS: case L_HUNDRED: case L_SCALE: case L_DOZEN:
    *v = st->total + st->cur;
    return true;
  case L_HALFA:
    *v = 0.5;
    return true;
  default:
    return false;
  }
}

/* feed a whole token (split at hyphens); false leaves *st unchanged */
static bool wtoken(const precis_doc *d, uint32_t j, wstate *st) {
  if (!is_word(d, j) || (d->toks[j].flags & TF_NUMBER)) return false;
  const char *s = tok_str(d, j);
  uint32_t n = tok_len(d, j);
  if (n > NUMWORD_MAX_BYTES) return false;
  wstate tmp = *st;
  bool hy = memchr(s, '-', n) != NULL;
  uint32_t a = 0;
  while (a <= n) {
    uint32_t b = a;
    while (b < n && s[b] != '-') b++;
    if (b == a || !wstep(&tmp, s + a, b - a, hy)) return false;
    a = b + 1;
  }
  *st = tmp;
  return true;
}

#define MAX_WORDS 12

/* Parse a number phrase starting at token i (within sentence `sent`). */
static bool parse_number(const precis_doc *d, uint32_t i, numphrase *np) {
  uint32_t sent = d->toks[i].sent;
  memset(np, 0, sizeof *np);
  if (is_plain_number(d, i)) {
    double v;
    bool comma, lead0, isint;
    const char *s = tok_str(d, i);
    uint32_t n = tok_len(d, i);
    const char *hy = memchr(s, '-', n);
    if (hy) {
      /* a range "2-3" / "30-35" (never a score: the second number must be larger) */
      double v2;
      bool c2, l2, i2;
      uint32_t a = (uint32_t)(hy - s);
      if (!parse_digits(s, a, &v, &comma, &lead0, &isint) ||
          !parse_digits(hy + 1, n - a - 1, &v2, &c2, &l2, &i2) || !(v2 > v) || l2)
        return false;
      np->range = true;
    } else if (!parse_digits(s, n, &v, &comma, &lead0, &isint)) {
      return false;
    }
    np->kind = NP_DIGITS;
    np->comma = comma;
    np->lead0 = lead0;
    np->is_int = isint;
    np->end = i + 1;
    if (in_sent(d, i + 1, sent)) {
      bool letter_m = false;
      double sc = digit_scale(d, i + 1, &letter_m);
      if (sc > 0) {
        v *= sc;
        np->scaled = true;
        np->letter_m = letter_m;
        np->end = i + 2;
      }
    }
    np->value = v;
    return true;
  }
  if (!is_word(d, i) || (d->toks[i].flags & TF_NUMBER)) return false;
  /* vague plurals: "thousands", "tens of thousands", "hundreds of millions" */
  double v = 0;
  const char *s = tok_str(d, i);
  uint32_t n = tok_len(d, i);
  if (numword_type(s, n, &v) == W_VAGUE) {
    double unit = v, mult = 2;
    uint32_t j = i + 1;
    while (in_sent(d, j + 1, sent) && tok_ieq(d, j, "of")) {
      double v2 = 0;
      if (numword_type(tok_str(d, j + 1), tok_len(d, j + 1), &v2) != W_VAGUE || v2 <= unit) break;
      mult *= unit;
      unit = v2;
      j += 2;
    }
    if (unit == 10) return false; /* "tens" alone */
    np->kind = NP_VAGUE;
    np->value = mult * unit;
    np->end = j;
    np->cap_word = (d->toks[i].flags & TF_CAP) != 0;
    return true;
  }
  wstate st = {0, 0, 0, L_NONE};
  uint32_t best_end = 0;
  double best_v = 0;
  uint32_t j = i;
  for (; j < i + MAX_WORDS && in_sent(d, j, sent); j++) {
    if (!wtoken(d, j, &st)) break;
    double fv;
    if (wfinal(&st, &fv)) { best_end = j + 1; best_v = fv; }
  }
  if (!best_end) return false;
  np->kind = NP_WORDS;
  np->value = best_v;
  np->end = best_end;
  np->is_int = (best_v == floor(best_v));
  /* a capitalised number word after the sentence start: a name ("Channel Four") */
  for (uint32_t k = i; k < best_end; k++)
    if ((d->toks[k].flags & TF_CAP) && !(tok_ieq(d, k, "a") || tok_ieq(d, k, "an"))) np->cap_word = true;
  return true;
}

/* ------------------------------------------------------------------------ */
/* currencies */

typedef struct {
  const char *sym;
  const char *code;
} symcode;

/* currency symbols (one token) */
static const symcode SYMBOLS[] = {
    {"$", "USD"}, {"\xC2\xA3", "GBP"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA5", "JPY"},
    {"\xE2\x82\xB9", "INR"}, {"\xE2\x82\xA9", "KRW"}, {"\xE2\x82\xBD", "RUB"}, {"\xE2\x82\xBA", "TRY"},
    {"\xE2\x82\xB4", "UAH"}, {"\xE2\x82\xA6", "NGN"}, {"\xE2\x82\xAA", "ILS"}, {"\xE2\x82\xB1", "PHP"},
    {"\xE0\xB8\xBF", "THB"}, {"\xE2\x82\xAB", "VND"}, {NULL, NULL}};

/* letters written right before "$": US$5, A$3, HK$10 */
static const symcode DOLLAR_PREFIX[] = {
    {"US", "USD"}, {"U.S.", "USD"}, {"A", "AUD"}, {"AU", "AUD"}, {"C", "CAD"}, {"CA", "CAD"},
    {"CAN", "CAD"}, {"HK", "HKD"}, {"NZ", "NZD"}, {"S", "SGD"}, {"SG", "SGD"}, {"NT", "TWD"},
    {"R", "BRL"}, {"Mex", "MXN"}, {NULL, NULL}};

/* ISO codes written as words before or after the number */
/* (not "PHP": a programming language) */
static const symcode ISO_CODES[] = {
    {"USD", "USD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"JPY", "JPY"}, {"CNY", "CNY"}, {"RMB", "CNY"},
    {"INR", "INR"}, {"CHF", "CHF"}, {"AUD", "AUD"}, {"CAD", "CAD"}, {"HKD", "HKD"}, {"NZD", "NZD"},
    {"SGD", "SGD"}, {"KRW", "KRW"}, {"RUB", "RUB"}, {"BRL", "BRL"}, {"ZAR", "ZAR"}, {"NGN", "NGN"},
    {"KES", "KES"}, {"TRY", "TRY"}, {"UAH", "UAH"}, {"ILS", "ILS"}, {"SAR", "SAR"}, {"AED", "AED"},
    {"SEK", "SEK"}, {"NOK", "NOK"}, {"DKK", "DKK"}, {"PLN", "PLN"}, {"MXN", "MXN"}, {"TWD", "TWD"},
    {"THB", "THB"}, {"IDR", "IDR"}, {"MYR", "MYR"}, {"EGP", "EGP"}, {"PKR", "PKR"}, {"QAR", "QAR"},
    {NULL, NULL}};

static const char *iso_code(const precis_doc *d, uint32_t j) {
  if (tok_len(d, j) != 3) return NULL;
  const wentry *e = wl_tok(d, j);
  if (!e || e->iso < 0 || !tok_is(d, j, ISO_CODES[e->iso].sym)) return NULL;
  return ISO_CODES[e->iso].code;
}

/* currency nouns after the number */
enum { CUR_PLAIN, CUR_NEEDS_PREFIX, CUR_POUND, CUR_WON, CUR_SUB };
typedef struct {
  const char *w;
  const char *code; /* default code, NULL = needs a prefix */
  int rule;
  double factor;    /* cents, pence: 0.01 */
} curword;

static const curword CURWORDS[] = {
    {"dollar", "USD", CUR_PLAIN, 1}, {"dollars", "USD", CUR_PLAIN, 1},
    {"euro", "EUR", CUR_PLAIN, 1}, {"euros", "EUR", CUR_PLAIN, 1},
    {"pound", "GBP", CUR_POUND, 1}, {"pounds", "GBP", CUR_POUND, 1},
    {"sterling", "GBP", CUR_PLAIN, 1},
    {"yen", "JPY", CUR_PLAIN, 1}, {"yuan", "CNY", CUR_PLAIN, 1}, {"renminbi", "CNY", CUR_PLAIN, 1},
    {"rupee", "INR", CUR_PLAIN, 1}, {"rupees", "INR", CUR_PLAIN, 1},
    {"rouble", "RUB", CUR_PLAIN, 1}, {"roubles", "RUB", CUR_PLAIN, 1},
    {"ruble", "RUB", CUR_PLAIN, 1}, {"rubles", "RUB", CUR_PLAIN, 1},
    {"franc", "CHF", CUR_PLAIN, 1}, {"francs", "CHF", CUR_PLAIN, 1},
    {"hryvnia", "UAH", CUR_PLAIN, 1}, {"hryvnias", "UAH", CUR_PLAIN, 1},
    {"hryvnia", "UAH", CUR_PLAIN, 1}, {"naira", "NGN", CUR_PLAIN, 1},
    {"shekel", "ILS", CUR_PLAIN, 1}, {"shekels", "ILS", CUR_PLAIN, 1},
    {"riyal", "SAR", CUR_PLAIN, 1}, {"riyals", "SAR", CUR_PLAIN, 1},
    {"dirham", "AED", CUR_PLAIN, 1}, {"dirhams", "AED", CUR_PLAIN, 1},
    {"lira", "TRY", CUR_PLAIN, 1}, {"rand", "ZAR", CUR_PLAIN, 1},
    {"ringgit", "MYR", CUR_PLAIN, 1}, {"baht", "THB", CUR_PLAIN, 1}, {"rupiah", "IDR", CUR_PLAIN, 1},
    {"zloty", "PLN", CUR_PLAIN, 1}, {"zlotys", "PLN", CUR_PLAIN, 1}, {"zlotys", "PLN", CUR_PLAIN, 1},
    {"forint", "HUF", CUR_PLAIN, 1}, {"forints", "HUF", CUR_PLAIN, 1},
    {"bitcoin", "BTC", CUR_PLAIN, 1}, {"bitcoins", "BTC", CUR_PLAIN, 1},
    {"won", "KRW", CUR_WON, 1},
    {"peso", NULL, CUR_NEEDS_PREFIX, 1}, {"pesos", NULL, CUR_NEEDS_PREFIX, 1},
    {"krona", "SEK", CUR_PLAIN, 1}, {"kronor", "SEK", CUR_PLAIN, 1},
    {"krone", NULL, CUR_NEEDS_PREFIX, 1}, {"kroner", NULL, CUR_NEEDS_PREFIX, 1},
    {"cents", "USD", CUR_SUB, 0.01}, {"pence", "GBP", CUR_SUB, 0.01},
    {NULL, NULL, 0, 0}};

/* words naming which dollar/pound/peso/...: "Australian dollars", "Hong Kong dollars" */
typedef struct {
  const char *w1, *w2; /* w2 may be NULL */
  const char *stem;    /* "dollar", "pound", "peso", "rupee", "franc", "krone", "krona", "*" (any) */
  const char *code;    /* NULL = keep the default */
} curprefix;

static const curprefix CURPREFIX[] = {
    {"hong", "kong", "dollar", "HKD"}, {"new", "zealand", "dollar", "NZD"},
    {"new", "taiwan", "dollar", "TWD"}, {"sri", "lankan", "rupee", "LKR"},
    {"south", "african", "*", NULL}, {"us", NULL, "dollar", "USD"}, {"u.s.", NULL, "dollar", "USD"},
    {"american", NULL, "dollar", "USD"}, {"australian", NULL, "dollar", "AUD"},
    {"canadian", NULL, "dollar", "CAD"}, {"singapore", NULL, "dollar", "SGD"},
    {"taiwan", NULL, "dollar", "TWD"}, {"egyptian", NULL, "pound", "EGP"},
    {"lebanese", NULL, "pound", "LBP"}, {"syrian", NULL, "pound", "SYP"},
    {"british", NULL, "pound", "GBP"}, {"mexican", NULL, "peso", "MXN"},
    {"argentine", NULL, "peso", "ARS"}, {"argentinian", NULL, "peso", "ARS"},
    {"philippine", NULL, "peso", "PHP"}, {"chilean", NULL, "peso", "CLP"},
    {"colombian", NULL, "peso", "COP"}, {"indian", NULL, "rupee", "INR"},
    {"pakistani", NULL, "rupee", "PKR"}, {"nepali", NULL, "rupee", "NPR"},
    {"swiss", NULL, "franc", "CHF"}, {"norwegian", NULL, "krone", "NOK"},
    {"danish", NULL, "krone", "DKK"}, {"swedish", NULL, "krona", "SEK"},
    {"japanese", NULL, "*", NULL}, {"chinese", NULL, "*", NULL}, {"russian", NULL, "*", NULL},
    {"turkish", NULL, "*", NULL}, {"nigerian", NULL, "*", NULL}, {"israeli", NULL, "*", NULL},
    {"saudi", NULL, "*", NULL}, {"ukrainian", NULL, "*", NULL}, {"korean", NULL, "*", NULL},
    {"polish", NULL, "*", NULL}, {"hungarian", NULL, "*", NULL}, {NULL, NULL, NULL, NULL}};

static bool stem_matches(const char *stem, const char *w) {
  if (stem[0] == '*') return true;
  size_t n = strlen(stem);
  return strncmp(w, stem, n) == 0;
}

/* Currency noun phrase at j: optional prefix words + currency word.
 * Returns the currency entry and sets *code / *end; NULL if none. */
static const curword *currency_after(const precis_doc *d, uint32_t j, uint32_t sent, const char **code,
                                     uint32_t *end) {
  const curprefix *pre = NULL;
  uint32_t k = j;
  bool maybe_pre = in_sent(d, j, sent) && tok_has(d, j, WL_CURPRE);
  for (int p = 0; maybe_pre && CURPREFIX[p].w1; p++) {
    const curprefix *cp = &CURPREFIX[p];
    if (!tok_ieq(d, j, cp->w1)) continue;
    if (cp->w2) {
      if (!in_sent(d, j + 1, sent) || !tok_ieq(d, j + 1, cp->w2)) continue;
      pre = cp;
      k = j + 2;
    } else {
      /* "US" only in capitals (not the pronoun "us") */
      if (!strcmp(cp->w1, "us") && !tok_is(d, j, "US")) continue;
      pre = cp;
      k = j + 1;
    }
    break;
  }
  for (int pass = 0; pass < 2; pass++) {
    uint32_t at = pass == 0 ? k : j;
    if (pass == 1 && k == j) break;
    if (!in_sent(d, at, sent) || !is_word(d, at)) continue;
    const wentry *e = wl_tok(d, at);
    if (!e || e->cur < 0) continue;
    const curword *cw = &CURWORDS[e->cur];
    if (!strcmp(cw->w, "rand") && (d->toks[at].flags & TF_CAP)) continue; /* Ayn Rand */
    const char *cd = cw->code;
    if (pass == 0 && pre) {
      if (!stem_matches(pre->stem, cw->w)) continue;
      if (pre->code) cd = pre->code;
    }
    if (!cd) continue;
    *code = cd;
    *end = at + 1;
    return cw;
  }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* percent */

typedef struct {
  const char *w[3];
} phrase3;

/* leading approximators, longest first */
static const phrase3 APPROX[] = {
    {{"a", "little", "over"}}, {{"a", "little", "under"}}, {{"as", "much", "as"}},
    {{"as", "little", "as"}}, {{"as", "high", "as"}}, {{"as", "low", "as"}}, {{"in", "excess", "of"}},
    {{"north", "of", NULL}}, {{"south", "of", NULL}}, {{"more", "than", NULL}}, {{"less", "than", NULL}},
    {{"fewer", "than", NULL}}, {{"up", "to", NULL}}, {{"at", "least", NULL}}, {{"at", "most", NULL}},
    {{"close", "to", NULL}}, {{"upwards", "of", NULL}}, {{"just", "over", NULL}},
    {{"just", "under", NULL}}, {{"just", "above", NULL}}, {{"just", "below", NULL}},
    {{"well", "over", NULL}}, {{"well", "above", NULL}}, {{"well", "below", NULL}},
    {{"well", "under", NULL}}, {{"nearly", NULL, NULL}}, {{"almost", NULL, NULL}},
    {{"about", NULL, NULL}}, {{"around", NULL, NULL}}, {{"over", NULL, NULL}}, {{"under", NULL, NULL}},
    {{"roughly", NULL, NULL}}, {{"approximately", NULL, NULL}}, {{"some", NULL, NULL}},
    {{"above", NULL, NULL}}, {{"below", NULL, NULL}}, {{"circa", NULL, NULL}}, {{"approx.", NULL, NULL}},
    {{"~", NULL, NULL}}, {{NULL, NULL, NULL}}};

/* first token of an approximator that ends right before token i, or i */
static uint32_t approx_before(const precis_doc *d, uint32_t i, uint32_t floor_tok, uint32_t sent) {
  for (int p = 0; APPROX[p].w[0]; p++) {
    int len = APPROX[p].w[2] ? 3 : APPROX[p].w[1] ? 2 : 1;
    if (i < (uint32_t)len || i - (uint32_t)len < floor_tok) continue;
    uint32_t a = i - (uint32_t)len;
    bool ok = true;
    for (int k = 0; k < len && ok; k++)
      ok = in_sent(d, a + (uint32_t)k, sent) && tok_ieq(d, a + (uint32_t)k, APPROX[p].w[k]);
    if (ok) return a;
  }
  return i;
}

/* "of GDP", "of its GDP", "of the country's gross domestic product": end token or j */
static uint32_t gdp_after(const precis_doc *d, uint32_t j, uint32_t sent) {
  if (!in_sent(d, j, sent) || !tok_ieq(d, j, "of")) return j;
  uint32_t k = j + 1;
  for (int n = 0; n < GDP_DET_MAX && in_sent(d, k, sent); n++) {
    if (tok_in(d, k, prc_lex_list(LXL_FIG_GDP_DET)) >= 0 || is_apos_s(d, k)) { k++; continue; }
    if (is_word(d, k) && in_sent(d, k + 1, sent) && is_apos_s(d, k + 1)) { k += 2; n++; continue; }
    break;
  }
  if (!in_sent(d, k, sent)) return j;
  if (tok_is(d, k, "GDP") || tok_is(d, k, "GNP") || tok_is(d, k, "GNI")) return k + 1;
  if (in_sent(d, k + 2, sent) && tok_ieq(d, k, "gross") && tok_ieq(d, k + 1, "domestic") &&
      tok_ieq(d, k + 2, "product"))
    return k + 3;
  if (in_sent(d, k + 1, sent) && tok_ieq(d, k, "economic") && tok_ieq(d, k + 1, "output")) return k + 2;
  return j;
}

/* percent marker right after the number: returns end token and unit, or 0 */
static uint32_t percent_after(const precis_doc *d, uint32_t j, uint32_t sent, const char **unit) {
  if (!in_sent(d, j, sent)) return 0;
  if (tok_is(d, j, "%") || tok_is(d, j, "\xEF\xBC\x85") /* full-width */) { *unit = "%"; return j + 1; }
  if (tok_ieq(d, j, "percent") || tok_ieq(d, j, "pct") || tok_ieq(d, j, "pct.") ||
      (tok_ieq(d, j, "pc") && attached(d, j))) {
    if (in_sent(d, j + 1, sent) && (tok_ieq(d, j + 1, "points") || tok_ieq(d, j + 1, "point")) &&
        tok_ieq(d, j, "percent")) { /* "percent points" */
      *unit = "pp";
      return j + 2;
    }
    *unit = "%";
    return j + 1;
  }
  if (tok_ieq(d, j, "per") && in_sent(d, j + 1, sent) && tok_ieq(d, j + 1, "cent")) { *unit = "%"; return j + 2; }
  if ((tok_ieq(d, j, "percentage") || tok_ieq(d, j, "basis")) && in_sent(d, j + 1, sent) &&
      (tok_ieq(d, j + 1, "points") || tok_ieq(d, j + 1, "point"))) {
    *unit = tok_ieq(d, j, "basis") ? "bp" : "pp";
    return j + 2;
  }
  if (tok_ieq(d, j, "bps") || (tok_ieq(d, j, "bp") && attached(d, j))) { *unit = "bp"; return j + 1; }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* counts.  The word lists are in lexicon.c: LXL_FIG_IRREGULAR (count nouns
 * without -s), LXL_FIG_NOT_PLURAL (words in -s that are no count nouns),
 * LXL_FIG_MODIFIER (between the number and its noun: "300 more US troops"),
 * LXL_FIG_LABEL (before a number: a label, not a count: "page 5", "No. 10"). */

/* is token j (lower-case plural) a count noun?  Writes the unit start/end */
static bool count_noun(const precis_doc *d, uint32_t j) {
  const token *t = &d->toks[j];
  if (!(t->flags & TF_WORD) || (t->flags & TF_NUMBER)) return false;
  if (tok_has(d, j, WL_IRREG)) return !(t->flags & TF_ALLCAP);
  const char *s = tok_str(d, j);
  uint32_t n = tok_len(d, j);
  if (n < COUNT_NOUN_MIN || n > COUNT_NOUN_MAX) return false;
  for (uint32_t k = 0; k < n; k++) {
    unsigned char c = (unsigned char)s[k];
    bool ok = (c >= 'a' && c <= 'z') || (c == '-' && k > 0 && k + 1 < n) || ((t->flags & TF_CAP) && k == 0 && c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  if (s[n - 1] != 's') return false;
  char p = s[n - 2];
  if (p == 's' || p == 'u' || p == 'i' || p == '\'') return false;
  if (mem_ieq(s + n - 3, 3, "ics")) return false; /* athletics, politics */
  if (tok_has(d, j, WL_NOTPL)) return false;
  /* currency words are money or nothing ("50 pesos" has no known code); pounds may be weight */
  if (tok_has(d, j, WL_CUR) && !tok_ieq(d, j, "pounds")) return false;
  double v;
  if (numword_type(s, n, &v) != W_NONE) return false;
  uint32_t f = prc_lex_flags(s, n);
  if (f & (LX_STOP | LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)) return false;
  if (t->flags & TF_CAP) {
    /* a capitalised plural only as a people noun: "Americans", "Ukrainians" */
    return lex_has(s, n - 1, LX_DEMONYM) && !(t->flags & TF_ALLCAP);
  }
  return true;
}

/* "British", "Indonesian", "Lebanese": a capitalised nationality adjective */
static bool demonym_like(const precis_doc *d, uint32_t j) {
  const token *t = &d->toks[j];
  if (!(t->flags & TF_CAP) || (t->flags & TF_ALLCAP) || !(t->flags & TF_WORD)) return false;
  const char *s = tok_str(d, j);
  uint32_t n = tok_len(d, j);
  if (lex_has(s, n, LX_DEMONYM)) return true;
  if (n < 6) return false;
  return (mem_ieq(s + n - 3, 3, "ian") || mem_ieq(s + n - 3, 3, "ean") || mem_ieq(s + n - 3, 3, "ese")) &&
         !lex_has(s, n, LX_STOP | LX_SENT_START | LX_MONTH | LX_DAY);
}

static bool is_month_or_day(const precis_doc *d, uint32_t j) {
  return lex_has(tok_str(d, j), tok_len(d, j), LX_MONTH | LX_DAY) && (d->toks[j].flags & TF_CAP);
}

static bool is_sentence_first(const precis_doc *d, uint32_t j) {
  const sentence *s = &d->sents[d->toks[j].sent];
  if (j == s->tok_begin || j == s->body_start_tok) return true;
  /* after an opening quote or bracket at the start */
  for (uint32_t k = s->tok_begin; k < j; k++)
    if (!(d->toks[k].flags & TF_PUNCT)) return false;
  return true;
}

/* the number at [i, np->end) may start a count (guards against years, dates, labels) */
static bool count_number_ok(const precis_doc *d, uint32_t i, const numphrase *np, uint32_t sent) {
  if (np->range) return false; /* "3-5 years" is rare next to scores ("3-1 wins") */
  if (np->kind == NP_DIGITS) {
    if (np->lead0) return false;
    if (np->is_int && !np->comma && !np->scaled && np->value >= YEAR_FIRST && np->value <= YEAR_LAST) return false;
    if (np->value == 1 && !np->scaled) return false;
  }
  if (np->kind == NP_WORDS && np->value == 1) return false;
  if (np->cap_word) {
    /* capitalised number words only at the start of a sentence */
    if (!is_sentence_first(d, i)) return false;
  }
  if (i > 0 && in_sent(d, i - 1, sent)) {
    uint32_t p = i - 1;
    const token *pt = &d->toks[p];
    if (pt->flags & TF_NUMBER) return false;
    if (is_month_or_day(d, p)) return false;
    if (tok_has(d, p, WL_LABEL)) return false;
    for (int k = 0; SYMBOLS[k].sym; k++)
      if (tok_is(d, p, SYMBOLS[k].sym)) return false;
    if ((pt->flags & TF_PUNCT) && !(pt->flags & TF_QUOTE) && attached(d, i)) {
      if (!(tok_is(d, p, "(") || tok_is(d, p, "[") || tok_is(d, p, "\xE2\x80\x94") ||
            tok_is(d, p, "\xE2\x80\x93")))
        return false;
    }
    bool small_int = np->kind == NP_DIGITS && np->is_int && !np->comma && !np->scaled;
    if (small_int && (pt->flags & TF_WORD) && (pt->flags & TF_CAP) && !is_sentence_first(d, p)) {
      /* "Apollo 11", "Windows 10", "Ukraine 20" (but "BBC 4 million viewers" is a count) */
      uint32_t f = prc_lex_flags(tok_str(d, p), tok_len(d, p));
      if (!(f & (LX_STOP | LX_SENT_START))) return false;
    }
  }
  /* what follows the number: no "/", ":", "-", ".5", another number */
  uint32_t e = np->end;
  if (in_sent(d, e, sent)) {
    const token *nt = &d->toks[e];
    if (nt->flags & TF_NUMBER) return false;
    if ((nt->flags & TF_PUNCT) && attached(d, e) &&
        (tok_is(d, e, "/") || tok_is(d, e, ":") || tok_is(d, e, "-") || tok_is(d, e, "+") ||
         tok_is(d, e, ".")))
      return false;
  }
  return true;
}

/* ------------------------------------------------------------------------ */
/* driver */

typedef struct {
  uint32_t a, b; /* tokens [a, b) */
  precis_figure_kind kind;
  double value;
  const char *unit;
} cand;

static const char *symbol_code(const precis_doc *d, uint32_t j) {
  for (int k = 0; SYMBOLS[k].sym; k++)
    if (tok_is(d, j, SYMBOLS[k].sym)) return SYMBOLS[k].code;
  return NULL;
}

/* money introduced by a prefix at token i */
static bool money_prefix(const precis_doc *d, uint32_t i, uint32_t sent, cand *c) {
  const char *code = NULL;
  uint32_t k = i;
  if (d->toks[i].flags & TF_PUNCT) {
    code = symbol_code(d, i);
    k = i + 1;
  } else if (is_word(d, i) && in_sent(d, i + 1, sent) && tok_is(d, i + 1, "$") && attached(d, i + 1)) {
    const wentry *e = wl_tok(d, i);
    if (e && e->dpre >= 0 && tok_is(d, i, DOLLAR_PREFIX[e->dpre].sym)) code = DOLLAR_PREFIX[e->dpre].code;
    k = i + 2;
  } else if (iso_code(d, i)) {
    code = iso_code(d, i);
    k = i + 1;
  } else if (tok_is(d, i, "Rs") || tok_is(d, i, "Rs.")) {
    code = "INR";
    k = i + 1;
    if (in_sent(d, k, sent) && tok_is(d, k, ".") && attached(d, k)) k++;
  }
  if (!code || !in_sent(d, k, sent) || !is_plain_number(d, k)) return false;
  numphrase np;
  if (!parse_number(d, k, &np) || np.kind != NP_DIGITS || np.lead0) return false;
  c->a = i;
  c->b = np.end;
  c->kind = PRECIS_FIGURE_MONEY;
  c->value = np.value;
  c->unit = code;
  /* "$5 million dollars" / "US$5 million USD": swallow a redundant code */
  if (in_sent(d, c->b, sent) && iso_code(d, c->b) && !strcmp(iso_code(d, c->b), code)) c->b++;
  return true;
}

/* ---- the word table ---- */
#define WL_BITS 11
#define WL_SIZE (1u << WL_BITS)
static wentry wl_table[WL_SIZE]; /* w == NULL: empty */
/* by a word's first byte (either case): bit min(length, 31) is set when the
 * table holds a word of that first byte and length; most tokens fail this
 * test and are not hashed at all */
static uint32_t wl_lens[256];
static inline uint32_t wl_len_bit(size_t n) { return 1u << (n < 31 ? n : 31); }
static pthread_once_t wl_once = PTHREAD_ONCE_INIT;

static wentry *wl_add(const char *w, uint32_t mask) {
  size_t n = strlen(w);
  uint32_t h = prc_hash_lower(w, n);
  uint32_t k = h & (WL_SIZE - 1);
  while (wl_table[k].w && !(wl_table[k].h == h && wl_table[k].len == n && mem_ieq(wl_table[k].w, n, w)))
    k = (k + 1) & (WL_SIZE - 1);
  wentry *e = &wl_table[k];
  unsigned char c0 = (unsigned char)w[0];
  wl_lens[c0] |= wl_len_bit(n);
  if (c0 >= 'a' && c0 <= 'z') wl_lens[c0 - 32] |= wl_len_bit(n);
  if (c0 >= 'A' && c0 <= 'Z') wl_lens[c0 + 32] |= wl_len_bit(n);
  if (!e->w) {
    e->w = w;
    e->h = h;
    e->len = (uint32_t)n;
    e->num = e->cur = e->iso = e->dpre = -1;
  }
  e->mask |= mask;
  return e;
}

static void wl_list(const char *const *list, uint32_t mask) {
  for (int k = 0; list[k]; k++) wl_add(list[k], mask);
}

static void wl_build(void) {
  for (int k = 0; NUMWORDS[k].w; k++) wl_add(NUMWORDS[k].w, WL_NUM | WL_START)->num = (int16_t)k;
  for (int k = 0; CURWORDS[k].w; k++) {
    wentry *e = wl_add(CURWORDS[k].w, WL_CUR);
    if (e->cur < 0) e->cur = (int16_t)k;
  }
  for (int k = 0; CURPREFIX[k].w1; k++) wl_add(CURPREFIX[k].w1, WL_CURPRE);
  for (int k = 0; ISO_CODES[k].sym; k++) wl_add(ISO_CODES[k].sym, WL_ISO | WL_START)->iso = (int16_t)k;
  for (int k = 0; DOLLAR_PREFIX[k].sym; k++) {
    wentry *e = wl_add(DOLLAR_PREFIX[k].sym, WL_DPRE | WL_START);
    if (e->dpre < 0) e->dpre = (int16_t)k;
  }
  wl_list(prc_lex_list(LXL_FIG_LABEL), WL_LABEL);
  wl_list(prc_lex_list(LXL_FIG_IRREGULAR), WL_IRREG);
  wl_list(prc_lex_list(LXL_FIG_NOT_PLURAL), WL_NOTPL);
  wl_list(prc_lex_list(LXL_FIG_MODIFIER), WL_MOD);
  wl_list(prc_lex_list(LXL_FIG_START), WL_START);
}

static const wentry *wl_find(const char *s, size_t n, uint32_t h) {
  uint32_t k = h & (WL_SIZE - 1);
  while (wl_table[k].w) {
    const wentry *e = &wl_table[k];
    if (e->h == h && e->len == n && mem_ieq(s, n, e->w)) return e;
    k = (k + 1) & (WL_SIZE - 1);
  }
  return NULL;
}
static const wentry *wl_str(const char *s, size_t n) {
  if (!n || !(wl_lens[(unsigned char)s[0]] & wl_len_bit(n))) return NULL;
  return wl_find(s, n, prc_hash_lower(s, n));
}
static const wentry *wl_tok(const precis_doc *d, uint32_t j) { return wl_str(tok_str(d, j), tok_len(d, j)); }

static bool may_start(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (t->flags & TF_NUMBER) return true;
  if (t->flags & TF_PUNCT) return symbol_code(d, i) != NULL;
  if (tok_has(d, i, WL_START)) return true;
  /* "twenty-five": look at the part before the first hyphen */
  const char *s = tok_str(d, i);
  uint32_t n = tok_len(d, i);
  const char *hy = memchr(s, '-', n);
  double v;
  return hy && numword_type(s, (size_t)(hy - s), &v) != W_NONE;
}

static bool figure_at(const precis_doc *d, uint32_t i, uint32_t floor_tok, cand *c) {
  uint32_t sent = d->toks[i].sent;
  if (!may_start(d, i)) return false;
  if (money_prefix(d, i, sent, c)) return true;
  numphrase np;
  if (!parse_number(d, i, &np)) return false;
  uint32_t e = np.end;
  /* percent */
  if (np.kind != NP_VAGUE && !np.scaled) {
    const char *unit = NULL;
    uint32_t pe = percent_after(d, e, sent, &unit);
    if (pe) {
      c->a = approx_before(d, i, floor_tok, sent);
      c->b = gdp_after(d, pe, sent);
      c->kind = PRECIS_FIGURE_PERCENT;
      c->value = np.value;
      c->unit = unit;
      return true;
    }
  }
  /* money with a currency word or code after the number */
  if (np.kind == NP_DIGITS && np.lead0) return false;
  {
    uint32_t k = e;
    if (np.kind == NP_VAGUE) {
      if (!in_sent(d, k, sent) || !tok_ieq(d, k, "of")) return false;
      k++;
    }
    const char *code = NULL;
    uint32_t ce = 0;
    const curword *cw = currency_after(d, k, sent, &code, &ce);
    bool money = false;
    double val = np.value;
    if (cw) {
      money = true;
      if (cw->rule == CUR_POUND) {
        /* weight or money?  money when written with a scale, or "pounds sterling" */
        bool sterling = in_sent(d, ce, sent) && tok_ieq(d, ce, "sterling");
        bool of = in_sent(d, ce, sent) && tok_ieq(d, ce, "of");
        bool big = np.scaled || np.kind == NP_VAGUE || (np.kind == NP_WORDS && np.value >= 1e6);
        money = sterling || (big && !of);
        if (sterling) ce++;
      } else if (cw->rule == CUR_WON) {
        money = np.scaled || np.kind == NP_VAGUE || np.value >= 1e6;
      } else if (cw->rule == CUR_SUB) {
        money = !np.scaled && np.kind != NP_VAGUE;
        val *= cw->factor;
      }
    } else if (np.kind != NP_VAGUE && in_sent(d, k, sent) && iso_code(d, k)) {
      code = iso_code(d, k);
      ce = k + 1;
      money = true;
    } else if (np.kind == NP_DIGITS && !np.scaled && in_sent(d, k, sent) && tok_is(d, k, "p") &&
               attached(d, k)) {
      /* "50p" */
      code = "GBP";
      ce = k + 1;
      val *= 0.01;
      money = true;
    }
    if (money) {
      c->a = i;
      c->b = ce;
      c->kind = PRECIS_FIGURE_MONEY;
      c->value = val;
      c->unit = code;
      return true;
    }
  }
  /* count */
  if (!count_number_ok(d, i, &np, sent)) return false;
  uint32_t k = e, a0 = i;
  /* a range of counts: "200 to 300 people", "between 40 and 50 people",
   * "2,000 to 2,500 students" (the second number larger; the value is the
   * lower bound, as for "20-25%") */
  if ((np.kind == NP_DIGITS || np.kind == NP_WORDS) && in_sent(d, k + 1, sent) &&
      (tok_ieq(d, k, "to") || (tok_ieq(d, k, "and") && i > 0 && in_sent(d, i - 1, sent) && tok_ieq(d, i - 1, "between")))) {
    numphrase np2;
    if (parse_number(d, k + 1, &np2) && np2.kind == np.kind && !np2.range && np2.value > np.value &&
        np2.scaled == np.scaled && count_number_ok(d, k + 1, &np2, sent)) {
      if (tok_ieq(d, k, "and")) a0 = i - 1; /* "between 40 and 50 people" whole */
      k = np2.end;
    }
  }
  if (np.kind == NP_VAGUE) {
    if (!in_sent(d, k, sent) || !tok_ieq(d, k, "of")) return false;
    k++;
  }
  for (int m = 0; m < COUNT_MODIFIER_MAX && in_sent(d, k + 1, sent); m++) {
    if (count_noun(d, k)) break;
    if (tok_has(d, k, WL_MOD) || demonym_like(d, k))
      k++;
    else
      break;
  }
  if (!in_sent(d, k, sent) || !count_noun(d, k)) return false;
  /* a noun compound names its head last: "two police officers", "five swimming pools" */
  if (in_sent(d, k + 1, sent) && !(d->toks[k + 1].flags & TF_CAP) && count_noun(d, k + 1) &&
      tok_in(d, k, prc_lex_list(LXL_FIG_MEASURE)) < 0)
    k++;
  if (np.letter_m) {
    /* "100m hurdles", "400m heats": metres, not millions */
    if (tok_in(d, k, prc_lex_list(LXL_FIG_SPORT)) >= 0) return false;
  }
  /* "5 years old": an age, still a count of years; "5 times": excluded by NOT_PLURAL */
  c->a = a0;
  c->b = k + 1;
  c->kind = PRECIS_FIGURE_COUNT;
  c->value = np.value;
  c->unit = NULL; /* filled by the caller (needs the arena) */
  return true;
}

void prc_find_figures(precis_doc *d) {
  d->nfigs = 0;
  if (!d->ntoks || !d->nsents) return;
  pthread_once(&wl_once, wl_build);
  uint32_t floor_tok = 0;
  uint32_t i = 0;
  while (i < d->ntoks) {
    cand c;
    if (!figure_at(d, i, floor_tok, &c) || c.b <= c.a) { i++; continue; }
    figure *f = ARENA_PUSH(&d->ar, d->figs, d->nfigs, d->cfigs, figure);
    f->start = d->toks[c.a].start;
    f->end = d->toks[c.b - 1].end;
    f->kind = c.kind;
    f->value = c.value;
    f->sent = d->toks[i].sent;
    if (c.kind == PRECIS_FIGURE_COUNT) {
      uint32_t u = c.b - 1, n = tok_len(d, u);
      char *s = prc_arena_strndup(&d->ar, tok_str(d, u), n);
      for (uint32_t k = 0; k < n; k++)
        if (s[k] >= 'A' && s[k] <= 'Z') s[k] = (char)(s[k] + 32);
      f->unit = s;
    } else {
      f->unit = c.unit;
    }
    floor_tok = c.b;
    i = c.b;
  }
}
