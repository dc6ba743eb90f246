/* tokenize.c - stage 2: text -> tokens.
 *
 * Words, numbers and punctuation are split roughly as the Penn Treebank
 * does: possessive 's and n't are their own tokens, quotation marks and
 * dashes stand alone, "$" and "%" are split from numbers.  Abbreviations
 * and initials keep their dot ("Mr.", "U.S.", "J."), so that the sentence
 * splitter can tell them from full stops.  Runs in one pass, linear time. */
#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "lexicon.h"
#include "utf8.h"

enum cclass { C_SPACE, C_NL, C_LETTER, C_UPPER, C_DIGIT, C_APOS, C_QUOTE, C_PUNCT, C_MARK };

static enum cclass classify(uint32_t c) {
  if (c < 0x80) {
    if (c == '\n' || c == '\r') return C_NL;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0) return C_SPACE;
    if (c >= 'a' && c <= 'z') return C_LETTER;
    if (c >= 'A' && c <= 'Z') return C_UPPER;
    if (c >= '0' && c <= '9') return C_DIGIT;
    if (c == '\'') return C_APOS;
    if (c == '"') return C_QUOTE;
    if (c < 0x20 || c == 0x7f) return C_SPACE;
    return C_PUNCT;
  }
  switch (c) {
  case 0x2019: case 0x2018: case 0x02BC: return C_APOS; /* ’ ‘ ʼ */
  case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: case 0x201F: return C_QUOTE;
  case 0x2028: case 0x2029: case 0x85: return C_NL;
  case 0xFEFF: case 0x200B: return C_SPACE;
  }
  utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
  switch (cat) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
  case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return C_LETTER;
  case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return C_MARK;
  case UTF8PROC_CATEGORY_ND: return C_DIGIT;
  case UTF8PROC_CATEGORY_ZS: return C_SPACE;
  case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return C_NL;
  case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: return C_SPACE;
  default: return C_PUNCT;
  }
}

typedef struct {
  const char *s;
  uint32_t len;
} src;

static inline uint32_t cp_at(const src *t, uint32_t i, uint32_t *next) {
  unsigned char c = (unsigned char)t->s[i];
  if (c < 0x80) { *next = i + 1; return c; }
  return prc_utf8_decode(t->s, t->len, i, next);
}

/* symbols without a role in the analysis, whose runs are one token */
static inline bool run_symbol(uint32_t c) {
  switch (c) {
  case '<': case '>': case '*': case '#': case '=': case '~': case '_': case '^': case '+': case '|':
  case '\\': case '@': case 0xFFFD:
    return true;
  }
  return false;
}

static inline bool is_wordchar(enum cclass k) { return k == C_LETTER || k == C_UPPER || k == C_DIGIT || k == C_MARK; }
static inline bool is_alpha(enum cclass k) { return k == C_LETTER || k == C_UPPER || k == C_MARK; }

static void push(precis_doc *d, uint32_t a, uint32_t b, uint32_t flags) {
  if (b <= a) return;
  token *t = ARENA_PUSH(&d->ar, d->toks, d->ntoks, d->ctoks, token);
  t->start = a;
  t->end = b;
  t->flags = flags;
  t->lex = 0; /* (the words' flags: lex_flags) */
}

/* The lexicon flags of the word tokens (prc_lex_flags), the look-ups of
 * LEX_AHEAD words started ahead so that their cache misses overlap. */
#define LEX_AHEAD 8
static void lex_flags(precis_doc *d) {
  uint32_t slot[LEX_AHEAD];
  const uint32_t n = d->ntoks;
  for (uint32_t k = 0; k < n + LEX_AHEAD; k++) {
    if (k >= LEX_AHEAD) { /* (first: token k's slot is that of token k - LEX_AHEAD) */
      token *t = &d->toks[k - LEX_AHEAD];
      if (t->flags & TF_WORD) t->lex = prc_lex_finish(d->text + t->start, t->end - t->start, slot[k % LEX_AHEAD]);
    }
    if (k < n) {
      const token *t = &d->toks[k];
      slot[k % LEX_AHEAD] = (t->flags & TF_WORD) ? prc_lex_start(d->text + t->start, t->end - t->start) : 0;
    }
  }
}

/* Word-internal apostrophe contractions split as PTB does. */
static uint32_t split_suffix(const char *s, uint32_t a, uint32_t b) {
  /* only words with an apostrophe have a clitic */
  if (!memchr(s + a, '\'', b - a) && !memchr(s + a, '\xE2', b - a)) return b;
  /* returns the start of a clitic suffix inside [a,b), or b if none */
  static const char *suf[] = {"n't", "n\xE2\x80\x99t", "'s", "\xE2\x80\x99s", "'re", "\xE2\x80\x99re",
                              "'ve", "\xE2\x80\x99ve", "'ll", "\xE2\x80\x99ll", "'d", "\xE2\x80\x99" "d",
                              "'m", "\xE2\x80\x99m", NULL};
  for (int k = 0; suf[k]; k++) {
    uint32_t n = (uint32_t)strlen(suf[k]);
    if (b - a > n) {
      bool eq = true;
      for (uint32_t j = 0; j < n; j++) {
        char c = s[b - n + j];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != suf[k][j]) { eq = false; break; }
      }
      if (eq) {
        /* "can't" -> "ca" "n't" is PTB, keep it; "won't" -> "wo" "n't" */
        return b - n;
      }
    }
  }
  return b;
}

static uint32_t case_flags(const precis_doc *d, uint32_t a, uint32_t b) {
  uint32_t f = 0, i = a, next, nup = 0, nlow = 0;
  src t = {d->text, d->len};
  bool first = true;
  while (i < b) {
    uint32_t c = cp_at(&t, i, &next);
    enum cclass k = classify(c);
    if (k == C_UPPER) { nup++; if (first) f |= TF_CAP; }
    else if (k == C_LETTER) nlow++;
    if (k == C_UPPER || k == C_LETTER || k == C_DIGIT) first = false;
    i = next;
  }
  if (nup >= 2 && nlow == 0) f |= TF_ALLCAP;
  return f;
}

void prc_tokenize(precis_doc *d) {
  src t = {d->text, d->len};
  uint32_t i = 0, next;
  uint32_t pending = 0; /* TF_SPACE_BEFORE / TF_NL_BEFORE / TF_PARA_BEFORE for the next token */
  /* about one token in five bytes of prose; more grow the array (ARENA_PUSH) */
  d->toks = NULL;
  d->ntoks = d->ctoks = 0;
  prc_arena_reserve_(&d->ar, (void **)&d->toks, &d->ctoks, sizeof(token), 0, d->len / 5 + 16);
  pending = TF_PARA_BEFORE;
  while (i < t.len) {
    uint32_t c = cp_at(&t, i, &next);
    enum cclass k = classify(c);
    if (k == C_SPACE) { pending |= TF_SPACE_BEFORE; i = next; continue; }
    if (k == C_NL) { pending |= TF_SPACE_BEFORE | TF_NL_BEFORE | TF_PARA_BEFORE; i = next; continue; }
    uint32_t a = i;
    if (is_wordchar(k)) {
      /* a run of word characters, with internal ' ’ - . , allowed in some contexts */
      bool digit_start = (k == C_DIGIT);
      bool has_alpha = !digit_start;
      uint32_t j = next;
      uint32_t last_class = k;
      for (;;) {
        if (j >= t.len) break;
        uint32_t n2, c2 = cp_at(&t, j, &n2);
        enum cclass k2 = classify(c2);
        if (is_wordchar(k2)) {
          if (digit_start && is_alpha(k2) && !has_alpha) {
            /* number followed by letters: keep ordinals/decades, split units */
            uint32_t e = j;
            while (e < t.len) {
              uint32_t n3, c3 = cp_at(&t, e, &n3);
              if (!is_alpha(classify(c3))) break;
              e = n3;
            }
            uint32_t L = e - j;
            const char *w = t.s + j;
            bool keep = (L == 2 && (!strncmp(w, "st", 2) || !strncmp(w, "nd", 2) || !strncmp(w, "rd", 2) ||
                                    !strncmp(w, "th", 2))) ||
                        (L == 1 && w[0] == 's');
            if (!keep) break;
            has_alpha = true;
          }
          if (is_alpha(k2)) has_alpha = true;
          last_class = k2;
          j = n2;
          continue;
        }
        if (n2 >= t.len) break;
        uint32_t n3, c3 = cp_at(&t, n2, &n3);
        enum cclass k3 = classify(c3);
        /* internal apostrophe between letters: don't, O'Brien, Kyiv's */
        if (k2 == C_APOS && is_alpha(last_class) && is_alpha(k3) && c2 != 0x2018) { j = n3; last_class = k3; continue; }
        /* internal hyphen: non-European, pre-2014, 3-0 */
        if ((c2 == '-' || c2 == 0x2010 || c2 == 0x2011) && is_wordchar(k3) && is_wordchar(last_class)) {
          j = n3; last_class = k3; if (is_alpha(k3)) has_alpha = true; continue;
        }
        /* decimals and thousands: 3.5  1,000  12:35 */
        if (digit_start && !has_alpha && (c2 == '.' || c2 == ',' || c2 == ':') && k3 == C_DIGIT && last_class == C_DIGIT) {
          j = n3; last_class = k3; continue;
        }
        /* acronyms with dots: U.S. U.K. a.m. -- letter . letter */
        if (c2 == '.' && is_alpha(k3) && is_alpha(last_class)) {
          /* only when the segment before the dot is a single letter */
          uint32_t seg = j - 1;
          while (seg > a && ((unsigned char)t.s[seg] & 0xC0) == 0x80) seg--;
          /* "U.S.", and after a party's hyphen "(R-S.C.)" */
          bool single = (seg == a) || t.s[seg - 1] == '.' || (t.s[seg - 1] == '-' && seg == a + 2);
          uint32_t n4;
          bool single_after = true;
          if (n3 < t.len) {
            uint32_t c4 = cp_at(&t, n3, &n4);
            single_after = !is_wordchar(classify(c4));
          }
          if (single && single_after) { j = n3; last_class = k3; continue; }
        }
        break;
      }
      uint32_t b = j;
      uint32_t flags = TF_WORD;
      if (digit_start && !has_alpha) flags = TF_NUMBER;
      else if (digit_start) flags = TF_NUMBER | TF_WORD;
      /* a dot right after: abbreviation or initial? */
      bool take_dot = false;
      if (b < t.len && t.s[b] == '.' && !digit_start) {
        uint32_t L = b - a;
        bool initial = (L == 1 && k == C_UPPER) ||
                       (L == 2 && ((unsigned char)t.s[a] & 0x80)); /* one non-ASCII capital */
        bool acr = memchr(t.s + a, '.', L) != NULL; /* U.S -> U.S. */
        /* a party and a state: "(D-Ore.)", "R-Ky.," */
        bool party = L >= 4 && L <= 8 && (t.s[a] == 'R' || t.s[a] == 'D' || t.s[a] == 'I') && t.s[a + 1] == '-' &&
                     t.s[a + 2] >= 'A' && t.s[a + 2] <= 'Z' && b + 1 < t.len && (t.s[b + 1] == ')' || t.s[b + 1] == ',');
        if (initial || acr || party || prc_lex_is_abbrev(t.s + a, L)) {
          /* not the dot of an ellipsis */
          if (!(b + 1 < t.len && t.s[b + 1] == '.')) take_dot = true;
        }
      }
      if (take_dot) {
        b++;
        push(d, a, b, flags | TF_ABBREV | pending | case_flags(d, a, b));
      } else {
        uint32_t sfx = has_alpha ? split_suffix(t.s, a, b) : b;
        push(d, a, sfx, flags | pending | case_flags(d, a, sfx));
        if (sfx < b) push(d, sfx, b, TF_WORD);
      }
      pending = 0;
      i = b;
      continue;
    }
    /* punctuation and quotes */
    uint32_t b = next;
    uint32_t flags = TF_PUNCT;
    if (k == C_QUOTE) flags |= TF_QUOTE;
    else if (k == C_APOS) {
      /* stand-alone apostrophe: a single quotation mark, or a plural possessive (teachers');
       * two straight apostrophes are a double quotation mark (''like this'') */
      flags |= TF_QUOTE;
      if (c == '\'' && b < t.len && t.s[b] == '\'') b++;
    } else if (c == '`' && b < t.len && t.s[b] == '`') {
      b++; /* ``opening'' */
      flags |= TF_QUOTE | TF_QOPEN;
    } else if (c == '.') {
      while (b < t.len && t.s[b] == '.') b++; /* ellipsis ... */
    } else if (c == '-') {
      while (b < t.len && t.s[b] == '-') b++; /* -- */
    } else if (c == '?' || c == '!') {
      while (b < t.len && (t.s[b] == '?' || t.s[b] == '!')) b++;
    } else if (run_symbol(c)) {
      /* a run of one symbol is one token: "<<<<", "****", U+FFFD U+FFFD ...
       * (1e6 stray '<' or random bytes would otherwise be a token a byte) */
      uint32_t n2;
      while (b < t.len && cp_at(&t, b, &n2) == c) b = n2;
    }
    push(d, a, b, flags | pending);
    pending = 0;
    i = b;
  }
  lex_flags(d); /* (the flags as they were pushed: nothing above changes them) */
  /* quote direction: curly marks say it; straight marks by context */
  for (uint32_t n = 0; n < d->ntoks; n++) {
    token *tk = &d->toks[n];
    if (!(tk->flags & TF_QUOTE)) continue;
    uint32_t nx, c = cp_at(&t, tk->start, &nx);
    if (tk->end - tk->start == 2 && (c == '\'' || c == '`')) c = '"'; /* '' and `` */
    bool space_before = (tk->flags & TF_SPACE_BEFORE) || n == 0 ||
                        (d->toks[n - 1].flags & TF_PUNCT && !(d->toks[n - 1].flags & TF_QUOTE) &&
                         (tok_is(d, n - 1, "(") || tok_is(d, n - 1, "[") || tok_is(d, n - 1, "\xE2\x80\x94")));
    bool space_after = (n + 1 >= d->ntoks) || (d->toks[n + 1].flags & TF_SPACE_BEFORE) ||
                       ((d->toks[n + 1].flags & TF_PUNCT) && !(d->toks[n + 1].flags & TF_QUOTE) &&
                        !tok_is(d, n + 1, "$") && !tok_is(d, n + 1, "\xC2\xA3") && !tok_is(d, n + 1, "("));
    switch (c) {
    case 0x201C: case 0x00AB: case 0x201E: case 0x2018: tk->flags |= TF_QOPEN; break;
    case 0x201D: case 0x00BB: tk->flags |= TF_QCLOSE; break;
    case 0x2019: case '\'':
      /* ’ is mostly an apostrophe; a quote only if it could close a ‘ (decided by attribution).
       * After a plural noun and before a word it is a possessive: "the teachers' union" */
      if (!space_before && n > 0 && n + 1 < d->ntoks && (d->toks[n - 1].flags & TF_WORD) &&
          (d->text[d->toks[n - 1].end - 1] == 's' || d->text[d->toks[n - 1].end - 1] == 'S') &&
          (d->toks[n + 1].flags & TF_SPACE_BEFORE) && (d->toks[n + 1].flags & TF_WORD) &&
          !(d->toks[n + 1].flags & TF_PARA_BEFORE)) {
        tk->flags &= ~TF_QUOTE; /* the possessive stays punctuation */
        break;
      }
      if (space_before && !space_after) tk->flags |= TF_QOPEN;
      else if (!space_before) tk->flags |= TF_QCLOSE;
      break;
    case '`': break; /* `` is opening, set above */
    default: /* straight double quote */
      if (space_before && !space_after) tk->flags |= TF_QOPEN;
      else if (!space_before && space_after) tk->flags |= TF_QCLOSE;
      else if (space_before && space_after) { /* ambiguous: decided by parity later */ }
      else tk->flags |= TF_QCLOSE;
      break;
    }
  }
}
