/* attribution.c - stage 6: quotations and reported speech.
 *
 * First the quotation marks are paired into regions, following the news
 * convention that a quote running over several paragraphs repeats its
 * opening mark at each paragraph and closes only at the end.  Then, sentence
 * by sentence, each speech cue outside quotation marks (said, told,
 * insisted, according to, ...) is matched to a source and content:
 *
 *   A  "Quote," he said.  /  "Quote," said NATO chief Mark Rutte.
 *      "First half," he said, "second half."          (direct, source after)
 *   B  Hegseth said: "Quote."                          (direct, source before)
 *   C  Hegseth said (that) clause ... "partial" ...    (indirect or mixed)
 *   D  Clause, officials said.                         (indirect, source after)
 *   E  According to X, clause.  /  Clause, according to X.
 *
 * Quotes left over that fill their sentence continue the previous speaker
 * (a bare quotation paragraph); partial quotes left in a sentence that has
 * an attribution join it as extra content.  Speakers are resolved later
 * (speakers.c). */
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "doc.h"
#include "lexicon.h"
#include "model/cue_model.h"
#include "parse.h"
#include "tags.h"

#define NONE UINT32_MAX

/* Windows and limits of the rules, in tokens unless said otherwise.  They
 * bound how far a rule looks, so each also keeps the stage linear. */
enum {
  SQ_MAX_SPAN = 200,         /* a single-quoted region closes within this many tokens */
  PAREN_MAX = 10,            /* "Rep. Gwen Moore (D-Wis.) said": the parenthesis stepped over */
  APPOSITION_MAX = 20,       /* "Hegseth, the US defence secretary, said": the apposition (NYT's run to 18 tokens) */
  SOURCE_NP_MAX = 12,        /* a source noun phrase (before or after the cue, after "according to") */
  SUBJECT_NP_MAX = 8,        /* a clause subject taken as the source ("Trump ... and said") */
  SECOND_HALF_GAP = 8,       /* "Quote," he said [source], "more quote.": tokens before the second half */
  ADDRESSEE_SHORT = 3,       /* "told reporters ...": an object this short is skipped without "that" */
  ADDRESSEE_LONG = 25,       /* "told a town hall in Salem on Monday that": tokens before "that", at most */
  ADVERBIAL_MAX = 6,         /* "said on Tuesday night that": adverbials between the cue and "that" */
  CLOSE_MARK_LOOKAHEAD = 3,  /* a closing quotation mark kept after a reported clause's stop */
  CLAUSE_MIN_WORDS = 3,      /* words a reported clause has before it can be cut */
  TAIL_CUE_MIN = 2,          /* "Clause ..., X told CNN.": tokens of clause before the source, at least */
  TAIL_MAX = 6,              /* ... and tokens from the cue to the end of the sentence, at most */
  INSIDE_RECENT = 4,         /* a cue inside an earlier quote's content: only the last quotes are checked */
  CONT_PARA_GAP = 2,         /* a bare quotation continues a speaker at most this many paragraphs later */
  BARE_QUOTE_MIN_WORDS = 3,  /* a new bare quotation (no cue) needs this many words */
};
/* QUOTE_MAX_CONTENT (doc.h): content fragments of a quote */

static uint32_t lx(const precis_doc *d, uint32_t i) { return d->toks[i].lex; }
/* token i in a named word list (lexicon.h): exact bytes / ASCII case folded */
static bool tok_in(const precis_doc *d, uint32_t i, lex_list l) { return prc_lex_in(l, tok_str(d, i), tok_len(d, i)); }
static bool tok_in_ci(const precis_doc *d, uint32_t i, lex_list l) {
  return prc_lex_in_ci(l, tok_str(d, i), tok_len(d, i));
}

static bool is_dq(const precis_doc *d, uint32_t i) {
  if (!(d->toks[i].flags & TF_QUOTE)) return false;
  unsigned char c = (unsigned char)d->text[d->toks[i].start];
  if (c == '"') return true;
  if (d->toks[i].end - d->toks[i].start == 2 && (c == '\'' || c == '`')) return true; /* '' `` */
  return tok_is(d, i, "\xE2\x80\x9C") || tok_is(d, i, "\xE2\x80\x9D") || tok_is(d, i, "\xC2\xAB") ||
         tok_is(d, i, "\xC2\xBB") || tok_is(d, i, "\xE2\x80\x9E");
}

static bool is_sq_open(const precis_doc *d, uint32_t i) {
  return (d->toks[i].flags & TF_QUOTE) && (d->toks[i].flags & TF_QOPEN) &&
         (tok_is(d, i, "\xE2\x80\x98") || tok_is(d, i, "'"));
}
static bool is_sq_close(const precis_doc *d, uint32_t i) {
  return (d->toks[i].flags & TF_QUOTE) && (d->toks[i].flags & TF_QCLOSE) &&
         (tok_is(d, i, "\xE2\x80\x99") || tok_is(d, i, "'"));
}

/* ---- stable sort ------------------------------------------------------------ */

/* Orders two elements: < 0, 0 or > 0 like strcmp; ctx is passed through. */
typedef int (*sort_cmp)(const void *a, const void *b, const void *ctx);

/* Stable merge sort of n elements of size bytes at base: bottom-up, O(n log n)
 * comparisons, n * size bytes of scratch from the arena.  Equal elements keep
 * their order; a run already in order is copied without merging, so sorting
 * two sorted runs costs one merge. */
static void stable_sort(arena *A, void *base, size_t n, size_t size, sort_cmp cmp, const void *ctx) {
  if (n < 2) return;
  char *src = base, *tmp = prc_arena_scratch(A, n * size), *dst = tmp;
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t a = lo, b = mid, o = lo;
      if (mid < hi && cmp(src + (mid - 1) * size, src + mid * size, ctx) > 0) {
        while (a < mid && b < hi) {
          if (cmp(src + a * size, src + b * size, ctx) <= 0) memcpy(dst + o++ * size, src + a++ * size, size);
          else memcpy(dst + o++ * size, src + b++ * size, size);
        }
      }
      memcpy(dst + o * size, src + a * size, (mid - a) * size);
      o += mid - a;
      memcpy(dst + o * size, src + b * size, (hi - b) * size);
    }
    char *t = src;
    src = dst;
    dst = t;
  }
  if (src != base) memcpy(base, src, n * size);
  prc_arena_release_big(A, tmp);
}

/* quote indices by key[index] */
static int cmp_index_key(const void *a, const void *b, const void *ctx) {
  const uint32_t *key = ctx;
  uint32_t x = key[*(const uint32_t *)a], y = key[*(const uint32_t *)b];
  return (x > y) - (x < y);
}

/* the region of content [open + 1, e), closed by the mark at e or unclosed */
static void add_region(precis_doc *d, uint32_t open, bool closed, uint32_t e, bool cont) {
  if (e <= open + 1) return;
  qregion *r = ARENA_PUSH(&d->ar, d->regions, d->nregions, d->cregions, qregion);
  r->open_tok = open;
  r->e = e;
  r->closed = closed;
  r->cont = cont;
}

/* An opening mark typed for a closing one: attached to the word or
 * punctuation before it and followed by a space ('here,\u201C said Jim',
 * 0.13: the quotation ran on to the next quotation mark, and the cue after
 * it was taken for quoted text). */
static bool misused_open(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (i == 0 || (t->flags & (TF_SPACE_BEFORE | TF_PARA_BEFORE)) || (d->toks[i - 1].flags & TF_QUOTE) ||
      tok_is(d, i - 1, "(") || tok_is(d, i - 1, "["))
    return false;
  return i + 1 >= d->ntoks || (d->toks[i + 1].flags & (TF_SPACE_BEFORE | TF_PARA_BEFORE));
}

/* Pair quotation marks into regions (double marks; single marks when they
 * are used as the outer marks, British style). */
static void find_regions(precis_doc *d) {
  uint32_t n = d->ntoks;
  uint32_t open = NONE;
  bool cont = false;
  /* every region opens at a distinct quotation mark: reserve for that many at
   * once, so no grown-out copies are left in the arena (peak memory) */
  uint32_t nmarks = 0;
  for (uint32_t i = 0; i < n; i++) nmarks += (d->toks[i].flags & TF_QUOTE) != 0;
  if (nmarks) prc_arena_reserve_(&d->ar, (void **)&d->regions, &d->cregions, sizeof(qregion), 0, nmarks);
  for (uint32_t i = 0; i < n; i++) {
    token *t = &d->toks[i];
    if ((t->flags & TF_PARA_BEFORE) && open != NONE) {
      if (is_dq(d, i) && (t->flags & TF_QOPEN)) {
        /* the quote goes on in this paragraph: close the part before */
        add_region(d, open, false, i, cont);
        open = i;
        cont = true;
        continue;
      }
      add_region(d, open, false, i, cont);
      open = NONE;
      cont = false;
    }
    if (!is_dq(d, i)) continue;
    if (open == NONE) {
      if (!(t->flags & TF_QCLOSE) || (t->flags & TF_QOPEN)) {
        open = i;
        cont = false;
      }
    } else {
      if ((t->flags & TF_QCLOSE) || !(t->flags & TF_QOPEN) || d->text[t->start] == '"' || misused_open(d, i)) {
        add_region(d, open, true, i, cont);
        open = NONE;
        cont = false;
      } else {
        open = i; /* two opening marks: the first was stray */
        cont = false;
      }
    }
  }
  if (open != NONE) add_region(d, open, false, n, cont);
  /* single quotation marks outside double ones: ‘like this’ */
  uint32_t nr = d->nregions;
  uint32_t r = 0;
  for (uint32_t i = 0; i < n; i++) {
    while (r < nr && d->regions[r].e < i) r++;
    bool inside = r < nr && d->regions[r].open_tok <= i && i < d->regions[r].e + 1;
    if (inside || !is_sq_open(d, i)) continue;
    for (uint32_t k = i + 1; k < n && k < i + SQ_MAX_SPAN; k++) {
      if (d->toks[k].flags & TF_PARA_BEFORE) break;
      if (is_dq(d, k)) break;
      if (is_sq_close(d, k)) {
        /* not a possessive plural (teachers’ union): need punctuation or space after */
        add_region(d, i, true, k, false);
        i = k;
        break;
      }
    }
  }
  /* keep regions in text order: the two runs (double, then single marks) are
   * each in order, so this merges them, a double-mark region first on a tie */
  if (d->nregions > nr) { /* from the back, with a copy of the second run only (peak memory) */
    uint32_t n2 = d->nregions - nr;
    qregion *run2 = prc_arena_scratch(&d->ar, (size_t)n2 * sizeof(qregion));
    memcpy(run2, d->regions + nr, (size_t)n2 * sizeof(qregion));
    uint32_t a = nr, b = n2, o = d->nregions;
    while (b > 0) {
      if (a > 0 && d->regions[a - 1].open_tok > run2[b - 1].open_tok) d->regions[--o] = d->regions[--a];
      else d->regions[--o] = run2[--b];
    }
    prc_arena_release_big(&d->ar, run2);
  }
  /* the regions are disjoint and in text order: a token's region is found by
   * a binary search (region_at), with quote_depth > 0 marking the tokens in
   * one -- no per-token map (peak memory) */
  for (uint32_t k = 0; k < d->nregions; k++) {
    qregion *q = &d->regions[k];
    uint32_t from = q->open_tok, to = q->closed ? q->e + 1 : q->e;
    for (uint32_t i = from; i < to && i < n; i++) d->toks[i].quote_depth++;
  }
}

/* the last token of region r: its closing mark, or the last content token */
static inline uint32_t region_last(const qregion *r) { return r->closed ? r->e : r->e - 1; }

/* the first region ending at or after token i (d->nregions if none) */
static uint32_t region_from(const precis_doc *d, uint32_t i) {
  uint32_t l = 0, h = d->nregions;
  while (l < h) {
    uint32_t m = l + (h - l) / 2;
    if (region_last(&d->regions[m]) < i) l = m + 1;
    else h = m;
  }
  return l;
}

/* token i is inside a region (its marks included) */
static inline bool in_region(const precis_doc *d, uint32_t i) { return d->toks[i].quote_depth > 0; }

/* the region token i is in, or -1 */
static int32_t region_at(const precis_doc *d, uint32_t i) {
  if (i >= d->ntoks || !in_region(d, i)) return -1;
  uint32_t r = region_from(d, i);
  return r < d->nregions && d->regions[r].open_tok <= i ? (int32_t)r : -1;
}

int32_t prc_quote_region_at(const precis_doc *d, uint32_t i) { return region_at(d, i); }

/* ---- cues ---------------------------------------------------------------- */

/* a comma right before token i, or a comma and a closing quotation mark ('...,"
 * adding that') */
static bool comma_before(const precis_doc *d, uint32_t i) {
  if (i > 0 && tok_is(d, i - 1, ",")) return true;
  return i > 1 && (d->toks[i - 1].flags & TF_QUOTE) && tok_is(d, i - 2, ",") && in_region(d, i - 2) &&
         !tok_ieq(d, i, "according");
}

static bool is_participle_cue(const precis_doc *d, uint32_t i) {
  if (!comma_before(d, i)) return false;
  return tok_in(d, i, LXL_PARTICIPLE_CUE);
}

/* "Asked whether the pier would reopen, Quist said ...": "Asked" opening
 * its sentence, before a question or "about", "by", "on" ... (PolNeAR
 * train: 45 of 51 capitalised "Asked" start a gold cue; train CV of the
 * engine: cue +0.08 exact F) */
static bool opening_asked(const precis_doc *d, uint32_t i) {
  if (!tok_is(d, i, "Asked") || i != d->sents[d->toks[i].sent].body_start_tok || i + 1 >= d->ntoks) return false;
  static const char *const NEXT[] = {"if", "whether", "what", "who", "whom", "how", "why", "when", "where", "which",
                                     "about", "by", "during", "on", "in", "at", "after", "later", "again", "to", NULL};
  for (const char *const *w = NEXT; *w; w++)
    if (tok_ieq(d, i + 1, *w)) return true;
  return false;
}

static bool is_cue(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (!(t->flags & TF_WORD) || in_region(d, i)) return false;
  uint32_t f = lx(d, i);
  if (!(f & LX_SPEECH)) return false;
  if (tok_ieq(d, i, "according")) return i + 1 < d->ntoks && tok_ieq(d, i + 1, "to");
  /* "Speaking at...", a name; but "Asked whether ..., Ryan said" opening
   * a sentence is a cue (PolNeAR train: 45 of 51 capitalised "Asked") */
  if ((t->flags & TF_CAP) && !opening_asked(d, i)) return false;
  /* a comma right before (not a closing mark too: the cue model's input stays as trained) */
  if (i > 0 && tok_is(d, i - 1, ",") && tok_in(d, i, LXL_PARTICIPLE_CUE))
    return !tok_is(d, i, "calling") || (i + 1 < d->ntoks && tok_is(d, i + 1, "for"));
  if (tags_have_pos(d)) {
    int p = d->toks[i].pos;
    if (p != TAG_UPOS_VERB && p != TAG_UPOS_AUX) return false;
  } else {
    /* without tags: base forms are too often nouns ("a report", "the claim") */
    uint32_t n = tok_len(d, i);
    const char *s = tok_str(d, i);
    bool past = n > 2 && s[n - 2] == 'e' && s[n - 1] == 'd';
    bool irregular = tok_in(d, i, LXL_IRREGULAR_SPEECH);
    /* "they say", "experts say", "polls say that" */
    bool plural_say = tok_in(d, i, LXL_PLURAL_SAY) &&
                      i > 0 && (d->toks[i - 1].flags & TF_WORD) &&
                      ((lx(d, i - 1) & (LX_PRON_PL | LX_PRON_1)) || tok_ieq(d, i - 1, "you") ||
                       (tok_len(d, i - 1) > 3 && tok_str(d, i - 1)[tok_len(d, i - 1) - 1] == 's' &&
                        !(lx(d, i - 1) & LX_STOP)));
    if (!past && !irregular && !plural_say && !(f & LX_SPEECH_PRESENT)) return false;
    if ((f & LX_SPEECH_PRESENT) && i > 0 && (lx(d, i - 1) & LX_STOP) && !(lx(d, i - 1) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)))
      return false; /* "the reports", "his claims" */
  }
  /* evidence verbs report only with a clause: "a poll shows that", "the study found that" */
  if (f & LX_EVIDENCE) return i + 1 < d->ntoks && tok_is(d, i + 1, "that");
  /* "said" as an adjective: "the said company" */
  if (i > 0 && (tok_ieq(d, i - 1, "the") || tok_ieq(d, i - 1, "a"))) return false;
  /* "continues to lead", "continued his tour": not speech; "'...,' he
   * continued." is (cues.c continue_word; PolNeAR train CV, with it: cue
   * +0.3 exact F) */
  if (tok_len(d, i) >= 8 && !strncasecmp(tok_str(d, i), "continu", 7) && i + 1 < d->ntoks &&
      (d->toks[i + 1].flags & TF_WORD))
    return false;
  return true;
}

bool prc_rule_cue(const precis_doc *d, uint32_t i) { return is_cue(d, i); }

/* ", citing ...", ", warning that ...": a learned cue that is a participle
 * after a comma (its source is the subject of the verb it hangs from). */
/* A gerund cue after a preposition of manner or time: "responded ... by
 * saying", "after saying", "without mentioning" (its subject is the main
 * verb's, as for a participle after a comma). */
static bool prep_gerund(const precis_doc *d, uint32_t i) {
  if (i == 0) return false;
  static const char *const P[] = {"by", "after", "before", "while", "without", "when", "upon"};
  bool prep = false;
  for (size_t k = 0; k < sizeof P / sizeof P[0] && !prep; k++) prep = tok_ieq(d, i - 1, P[k]);
  const uint32_t n = tok_len(d, i);
  return prep && n > 4 && !memcmp(tok_str(d, i) + n - 3, "ing", 3);
}

static bool learned_participle(const precis_doc *d, uint32_t i) {
  if (!d->cue_lab || !(d->cue_lab[i] & CUE_HEAD) || !comma_before(d, i)) return false;
  uint32_t n = tok_len(d, i);
  return n > 4 && !memcmp(tok_str(d, i) + n - 3, "ing", 3);
}

/* Does a cue start its patterns at token i?  The rules' cue words (is_cue)
 * and, when it ran, the learned tagger's (cues.c): measured on PolNeAR dev,
 * the union finds as many cues as the tagger alone and keeps the rules'
 * hand-made cases ("According to X, ..." opening a one-sentence text). */
static bool cue_word(const precis_doc *d, uint32_t i) {
  if (is_cue(d, i)) return true;
  return d->cue_lab && (d->cue_lab[i] & CUE_HEAD);
}

static bool is_boundary_punct(const precis_doc *d, uint32_t i) {
  return tok_is(d, i, ",") || tok_is(d, i, ";") || tok_is(d, i, ":") || tok_is(d, i, "\xE2\x80\x94") ||
         tok_is(d, i, "--") || tok_is(d, i, "\xE2\x80\x93") || tok_is(d, i, "(") || tok_is(d, i, ")") ||
         (d->toks[i].flags & TF_QUOTE) || tok_is(d, i, ".") || tok_is(d, i, "?") || tok_is(d, i, "!");
}

static bool is_clause_word(const precis_doc *d, uint32_t i) {
  return tok_in_ci(d, i, LXL_CLAUSE_WORD);
}

static bool rel_pronoun(const precis_doc *d, uint32_t i) {
  return tok_ieq(d, i, "who") || tok_ieq(d, i, "which") || tok_ieq(d, i, "that") || tok_ieq(d, i, "whom");
}

static bool is_aux_or_adv(const precis_doc *d, uint32_t i) {
  return tok_in(d, i, LXL_AUX_OR_ADV);
}

/* Source noun phrase ending right before token `end` (exclusive); returns
 * its first token, or end when there is none. */
static bool adverb_or_neg(const precis_doc *d, uint32_t i) {
  if (tok_is(d, i, "n't") || tok_is(d, i, "n\xE2\x80\x99t")) return true;
  return tags_have_pos(d) && d->toks[i].pos == TAG_UPOS_ADV && !(d->toks[i].flags & TF_CAP);
}

/* Is [b, e) between two commas a clause, not an apposition?  "Although
 * ... against Boko Haram, [it is not winning the war], says Ayo Johnson":
 * the span opens with the subject of a verb that heads it, and the verb is
 * finite (an auxiliary of its own, or not a participle: "one of the states
 * suing the EPA" is no clause).  Not a relative clause ("Natarajan, [who
 * advises ...], said") nor what opens with "a" or "an" ("McFaul, [a senior
 * fellow ... and a former ambassador to Russia], said", "ambassador" tagged
 * as a verb).  By the tree; false for a sentence without one. */
static bool clause_between(const precis_doc *d, uint32_t b, uint32_t e) {
  if (b >= e || rel_pronoun(d, b) || tok_ieq(d, b, "whose")) return false;
  if (tok_ieq(d, b, "a") || tok_ieq(d, b, "an")) return false; /* "a senior fellow at ..." (a tree gone astray) */
  for (uint32_t k = b; k < e; k++) {
    int r = prc_dep_rel(d, k);
    if (r != PRC_DEP_NSUBJ && r != PRC_DEP_NSUBJ_PASS) continue;
    int32_t h = prc_dep_head(d, k);
    if (h <= (int32_t)k || h >= (int32_t)e) return false;
    int32_t hh = prc_dep_head(d, (uint32_t)h); /* the verb heads the span */
    if (hh >= (int32_t)b && hh < (int32_t)e) return false;
    for (uint32_t j = b; j < k; j++) { /* the span opens with the subject */
      int32_t hj = prc_dep_head(d, j);
      if (hj < (int32_t)b || hj > (int32_t)k) return false;
    }
    const int hp = d->toks[h].pos;
    if (hp == TAG_UPOS_AUX) return true;
    for (uint32_t j = k + 1; j < (uint32_t)h; j++)
      if (d->toks[j].pos == TAG_UPOS_AUX && prc_dep_head(d, j) == h) return true;
    if (hp != TAG_UPOS_VERB) return false;
    const char *w = tok_str(d, (uint32_t)h);
    size_t n = tok_len(d, (uint32_t)h);
    return !(n > 4 && (!strncmp(w + n - 3, "ing", 3) || !strncmp(w + n - 2, "ed", 2) || !strncmp(w + n - 2, "en", 2)));
  }
  return false;
}

static uint32_t source_before(const precis_doc *d, uint32_t begin, uint32_t end) {
  uint32_t k = end;
  while (k > begin && (is_aux_or_adv(d, k - 1) || adverb_or_neg(d, k - 1))) k--;
  /* "going on to say", "refused to admit": an infinitive has no source before it */
  if (k > begin && tok_ieq(d, k - 1, "to")) return end;
  /* "Rep. Gwen Moore (D-Wis.) said": step over a parenthesis */
  if (k > begin + 1 && tok_is(d, k - 1, ")")) {
    uint32_t j = k - 1;
    while (j > begin && k - j < PAREN_MAX && !tok_is(d, j, "(")) j--;
    if (tok_is(d, j, "(") && j > begin) {
      uint32_t b = source_before(d, begin, j);
      return b < j ? b : end;
    }
  }
  /* an aside between dashes: "Alan Beith - who chairs the committee which
   * monitors the Department of Constitutional Affairs - said" (0.12.3: the
   * source was "the Department of Constitutional Affairs -") */
  if (k > begin + 2 && (tok_is(d, k - 1, "--") || tok_is(d, k - 1, "\xE2\x80\x94") || tok_is(d, k - 1, "\xE2\x80\x93") ||
                        (tok_is(d, k - 1, "-") && (d->toks[k - 1].flags & TF_SPACE_BEFORE)))) {
    uint32_t j = k - 1;
    while (j > begin && k - j < 2 * APPOSITION_MAX &&
           !(tok_len(d, j - 1) == tok_len(d, k - 1) && !memcmp(tok_str(d, j - 1), tok_str(d, k - 1), tok_len(d, k - 1))))
      j--;
    if (j > begin + 1 && tok_len(d, j - 1) == tok_len(d, k - 1) &&
        !memcmp(tok_str(d, j - 1), tok_str(d, k - 1), tok_len(d, k - 1))) {
      uint32_t b = source_before(d, begin, j - 1);
      return b < j - 1 ? b : end;
    }
  }
  uint32_t np_end = k;
  /* apposition: "Hegseth, the US defence secretary, said" */
  if (k > begin && tok_is(d, k - 1, ",")) {
    uint32_t c2 = k - 1, j = c2;
    while (j > begin && c2 - j < APPOSITION_MAX && !tok_is(d, j - 1, ",") && !(d->toks[j - 1].flags & TF_QUOTE)) j--;
    if (j > begin && tok_is(d, j - 1, ",") && j - 1 > begin && d->tok_mention[j - 2] >= 0 && !clause_between(d, j, c2)) {
      /* "Hegseth, the US defence secretary, said": the name before the apposition */
      uint32_t name_end = j - 1, nb = name_end;
      while (nb > begin && d->tok_mention[nb - 1] >= 0 && d->tok_mention[nb - 1] == d->tok_mention[name_end - 1]) nb--;
      /* with its title: "Dr. Priya Natarajan, who advises ..., said" */
      while (nb > begin && (d->toks[nb - 1].flags & TF_CAP) && (lx(d, nb - 1) & LX_TITLE)) nb--;
      (void)np_end;
      return nb;
    }
    if (j > begin + 1 && tok_is(d, j - 1, ",") && d->tok_mention[j] >= 0 &&
        d->tok_mention[c2 - 1] == d->tok_mention[j]) {
      /* "Her deputy, Marcus Thorne, said": a description, then the name */
      uint32_t db = source_before(d, begin, j - 1);
      return db < j - 1 ? db : j;
    }
    return end;
  }
  /* "In an interview with the network RT he blasted ...": a personal
   * pronoun right before the cue is the whole source */
  if (k > begin && (lx(d, k - 1) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)) && !tok_in_ci(d, k - 1, LXL_POSSESSIVE) &&
      k - 1 > begin && !tok_is(d, k - 2, ",") && (d->toks[k - 2].flags & TF_WORD))
    return k - 1;
  uint32_t b = k;
  while (b > begin) {
    uint32_t p = b - 1;
    /* "with the editorial board of the Washington Post Trump said": two
     * names side by side; the source is the one next to the cue */
    if (b < np_end && d->tok_mention && d->tok_mention[p] >= 0 && d->tok_mention[b] >= 0 &&
        d->tok_mention[p] != d->tok_mention[b])
      break;
    if (is_boundary_punct(d, p) && !tok_is(d, p, ".")) break;
    if (tok_is(d, p, ".")) break;
    if (is_clause_word(d, p)) break;
    if (in_region(d, p)) break;
    if (is_cue(d, p)) break;
    if (tags_have_pos(d)) {
      int ps = d->toks[p].pos;
      if (ps == TAG_UPOS_VERB || ps == TAG_UPOS_AUX || ps == TAG_UPOS_SCONJ || ps == TAG_UPOS_CCONJ) break;
      if (ps == TAG_UPOS_ADP && !tok_is(d, p, "of") && !tok_is(d, p, "for") && !tok_is(d, p, "at")) break;
    } else {
      uint32_t f = lx(d, p);
      if ((f & LX_STOP) && !(f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)) &&
          !tok_in_ci(d, p, LXL_SOURCE_DET) && !tok_is(d, p, "of") && !tok_is(d, p, "for"))
        break;
    }
    if (np_end - p > SOURCE_NP_MAX) break;
    b = p;
  }
  /* strip a leading "of"/"for" */
  while (b < np_end && (tok_is(d, b, "of") || tok_is(d, b, "for"))) b++;
  return b < np_end ? b : end;
}

static uint32_t np_end_of(const precis_doc *d, uint32_t b, uint32_t end);

/* Source noun phrase starting at b (inverted "said NATO chief Mark Rutte in ..."). */
static uint32_t source_after(const precis_doc *d, uint32_t b, uint32_t end) { return np_end_of(d, b, end); }

static uint32_t np_end_of(const precis_doc *d, uint32_t b, uint32_t end) {
  uint32_t k = b;
  while (k < end && k - b < SOURCE_NP_MAX) {
    if (is_boundary_punct(d, k)) break;
    if (in_region(d, k)) break;
    if (is_clause_word(d, k) || is_cue(d, k)) break;
    uint32_t f = lx(d, k);
    bool cap = (d->toks[k].flags & TF_CAP) != 0;
    if (k > b && tok_in_ci(d, k, LXL_ARTICLE) && !tok_in_ci(d, k - 1, LXL_ARTICLE_HOST))
      break; /* "told the radio station the budget was ..." */
    if (k > b && (lx(d, k) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)) && !tok_in_ci(d, k, LXL_POSSESSIVE))
      break; /* "told the broadcaster he had ..." */
    /* "a spokesman for the mayor", "a professor at Harvard" */
    if ((tok_is(d, k, "for") || tok_is(d, k, "at")) && k > b && k + 1 < end &&
        ((d->toks[k + 1].flags & TF_CAP) || tok_ieq(d, k + 1, "the"))) {
      k++;
      continue;
    }
    /* a role noun between names, whatever its tag: "said MSNBC host Chris Matthews" */
    if (!cap && k > b && k + 1 < end && (f & LX_ROLE) && (d->toks[k - 1].flags & TF_CAP) &&
        (d->toks[k + 1].flags & TF_CAP) && (d->toks[k + 1].flags & TF_WORD)) {
      k++;
      continue;
    }
    if (!cap && tags_have_pos(d)) {
      int ps = d->toks[k].pos;
      if (ps == TAG_UPOS_VERB || ps == TAG_UPOS_AUX || ps == TAG_UPOS_SCONJ || ps == TAG_UPOS_CCONJ ||
          ps == TAG_UPOS_ADV)
        break;
      if (ps == TAG_UPOS_ADP && !tok_is(d, k, "of")) break;
    } else if (!cap) {
      if ((f & LX_STOP) && !tok_in_ci(d, k, LXL_ARTICLE) && !tok_is(d, k, "of") &&
          !(f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)) && !tok_in_ci(d, k, LXL_SOURCE_INNER))
        break;
    }
    k++;
  }
  while (k > b && (tok_is(d, k - 1, "of") || tok_ieq(d, k - 1, "the") || tok_ieq(d, k - 1, "a"))) k--;
  return k;
}

/* The subject noun phrase at the start of a clause: "Trump", "The mayor",
 * "Sen. David Perdue", "he".  Returns its end, or b when there is none. */
static uint32_t subject_np(const precis_doc *d, uint32_t b, uint32_t end) {
  if (b >= end) return b;
  uint32_t f = lx(d, b);
  uint32_t k = b;
  if (f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)) {
    /* "Her aides", "their lawyer": a possessive opens a noun phrase */
    bool poss = tok_in_ci(d, b, LXL_POSSESSIVE) && b + 1 < end && tags_have_pos(d) &&
                (d->toks[b + 1].pos == TAG_UPOS_NOUN || d->toks[b + 1].pos == TAG_UPOS_ADJ ||
                 d->toks[b + 1].pos == TAG_UPOS_PROPN);
    if (!poss) return b + 1;
    k++;
  }
  if (tok_in_ci(d, k, LXL_ARTICLE)) k++;
  while (k < end && k - b < SUBJECT_NP_MAX) {
    if (tags_have_pos(d)) {
      int p = d->toks[k].pos;
      if (p == TAG_UPOS_PROPN || p == TAG_UPOS_NOUN || p == TAG_UPOS_ADJ || p == TAG_UPOS_NUM ||
          (p == TAG_UPOS_PART && (d->toks[k].flags & TF_WORD)) || (p == TAG_UPOS_DET && k > b)) {
        k++;
        continue;
      }
      break;
    }
    if ((d->toks[k].flags & TF_CAP) && (d->toks[k].flags & TF_WORD)) { k++; continue; }
    if (tok_is(d, k, "\xE2\x80\x99s") || tok_is(d, k, "'s")) { k++; continue; }
    if (lx(d, k) & LX_ROLE) { k++; continue; }
    if ((d->toks[k].flags & TF_WORD) && !(lx(d, k) & (LX_STOP | LX_SPEECH)) &&
        ((k + 1 < end && (lx(d, k + 1) & LX_ROLE)) || (k + 2 < end && (lx(d, k + 2) & LX_ROLE)))) {
      k++;
      continue;
    }
    break;
  }
  if (k > b && (tok_ieq(d, k - 1, "the") || tok_ieq(d, k - 1, "a"))) k--;
  return k;
}

/* ---- the dependency tree (parse.c) ----------------------------------------
 *
 * Where the cue's sentence was parsed, the source is the subtree of the cue
 * verb's subject and reported content the subtree of its complement clause
 * (parse_source, parse_content below); the rules above remain the fallback
 * and the whole of the rules-only engine (--no-tagger parses nothing).  The
 * subtrees' extents are computed once per sentence, in time linear in its
 * length, into arrays sized for the longest sentence read (PRC_PARSE_CUE_MAX
 * tokens: a longer one is not read, parsed or not, so results do not depend
 * on PRECIS_OPT_WITH_TOKENS). */

typedef struct atree {
  uint32_t sent;    /* the sentence held, NONE before the first */
  bool ok;          /* it is parsed (and short enough) */
  uint32_t b, n;    /* its first token, its length */
  uint32_t *lo, *hi; /* per token (relative): its subtree's first and last token (relative) */
  uint32_t *first, *next; /* children lists (relative, NONE ends) in token order */
  uint32_t *stack;
} atree;

/* Subtrees of the quotes' sources and contents are capped, in tokens: a
 * longer one is a clause or a parse gone astray, and the rules decide. */
enum {
  SOURCE_TREE_MAX = 32, /* "Jo Smith, a retired general who works on defence at the Foo Institute" */
};

static bool tree_load(atree *t, precis_doc *d, uint32_t s) {
  if (t->sent == s) return t->ok;
  t->sent = s;
  t->ok = false;
  const sentence *se = &d->sents[s];
  uint32_t b = se->tok_begin, n = se->tok_end - se->tok_begin;
  if (!prc_dep_sentence_parsed(d, s) || n > PRC_PARSE_CUE_MAX) return false;
  if (!t->lo) { /* once per document: 20 KB */
    t->lo = prc_arena_scratch(&d->ar, 5u * PRC_PARSE_CUE_MAX * sizeof(uint32_t));
    t->hi = t->lo + PRC_PARSE_CUE_MAX;
    t->first = t->hi + PRC_PARSE_CUE_MAX;
    t->next = t->first + PRC_PARSE_CUE_MAX;
    t->stack = t->next + PRC_PARSE_CUE_MAX;
  }
  t->b = b;
  t->n = n;
  for (uint32_t k = 0; k < n; k++) t->first[k] = t->next[k] = t->lo[k] = NONE;
  for (uint32_t k = n; k-- > 0;) { /* from the back: children lists in token order */
    int32_t h = prc_dep_head(d, b + k);
    if (h >= (int32_t)b && (uint32_t)h < b + n && (uint32_t)h != b + k) {
      t->next[k] = t->first[h - b];
      t->first[h - b] = k;
    }
  }
  /* post-order from each root: every token is pushed once (a tree) */
  for (uint32_t r = 0; r < n; r++) {
    int32_t h = prc_dep_head(d, b + r);
    if (h >= (int32_t)b && (uint32_t)h < b + n && (uint32_t)h != b + r) continue;
    uint32_t sp = 0;
    t->stack[sp++] = r;
    while (sp) {
      uint32_t v = t->stack[sp - 1];
      if (t->lo[v] == NONE) {
        t->lo[v] = t->hi[v] = v;
        for (uint32_t ch = t->first[v]; ch != NONE; ch = t->next[ch])
          if (t->lo[ch] == NONE && sp < n) t->stack[sp++] = ch;
      } else {
        sp--;
        for (uint32_t ch = t->first[v]; ch != NONE; ch = t->next[ch]) {
          if (t->lo[ch] == NONE) continue;
          if (t->lo[ch] < t->lo[v]) t->lo[v] = t->lo[ch];
          if (t->hi[ch] > t->hi[v]) t->hi[v] = t->hi[ch];
        }
      }
    }
  }
  for (uint32_t k = 0; k < n; k++) /* unreachable (no tree from the parser): itself */
    if (t->lo[k] == NONE) t->lo[k] = t->hi[k] = k;
  t->ok = true;
  return true;
}

/* subtree extent of absolute token v of the loaded sentence: [*lo, *hi) */
static void tree_span(const atree *t, uint32_t v, uint32_t *lo, uint32_t *hi) {
  *lo = t->b + t->lo[v - t->b];
  *hi = t->b + t->hi[v - t->b] + 1;
}

/* the first child of absolute token v whose relation is rel (by its
 * universal relation when base), or NONE */
static uint32_t tree_child(const precis_doc *d, const atree *t, uint32_t v, int rel, bool base) {
  for (uint32_t ch = t->first[v - t->b]; ch != NONE; ch = t->next[ch]) {
    int r = prc_dep_rel(d, t->b + ch);
    if (r == rel || (base && prc_dep_base(r) == rel)) return t->b + ch;
  }
  return NONE;
}

/* [*b, *e) without punctuation at its edges (a closing parenthesis stays
 * when its opening one is inside: "Rep. Gwen Moore (D-Wis.)") */
static void trim_punct(const precis_doc *d, uint32_t *b, uint32_t *e) {
  while (*b < *e && (d->toks[*b].flags & TF_PUNCT)) (*b)++;
  while (*e > *b && (d->toks[*e - 1].flags & TF_PUNCT)) {
    if (tok_is(d, *e - 1, ")")) {
      uint32_t j = *e - 1;
      while (j > *b && !tok_is(d, j, "(")) j--;
      if (j > *b) break;
    }
    (*e)--;
  }
}

/* ---- quotes ---------------------------------------------------------------- */

#define REGION_TITLE 2 /* qregion.taken: a name or title set aside (titles_aside) */

static quote *new_quote(precis_doc *d, precis_quote_kind kind, uint32_t cue_b, uint32_t cue_e) {
  quote *q = ARENA_PUSH(&d->ar, d->quotes, d->nquotes, d->cquotes, quote);
  memset(q, 0, sizeof *q);
  q->kind = kind;
  q->entity = -1;
  q->cont_of = -1;
  q->cue_tok = cue_b;
  q->cue_tok_end = cue_e > cue_b ? cue_e : cue_b;
  q->source_tok_begin = q->source_tok_end = NONE;
  q->more = NONE;
  return q;
}

#define QUANT_PAREN_MAX 8 /* "(D-N.J.)" before a floating "all": tokens from ")" back to "(" */
static bool time_tail_word(const precis_doc *d, uint32_t j);
/* "some", "many", "all" ...: a source on their own ("many believe") */
static bool quantifier(const precis_doc *d, uint32_t j) {
  static const char *const w[] = {"some", "many", "most", "all", "each", "any", "both", "several", "few",
                                  "none", "one", "others", "another", "either", "neither", "such", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, j, *p)) return true;
  return false;
}
static void set_source(precis_doc *d, quote *q, uint32_t b, uint32_t e) {
  if (b == NONE) return;
  /* a name the source cuts short ("A reporter for USA | Today reported"): to its
   * end, when that comes before the cue */
  if (d->tok_mention && e > b) {
    int32_t m = d->tok_mention[e - 1];
    /* (after the cue too: "according to the event organizer Alliance | to Reclaim Our Schools") */
    if (m >= 0 && d->mentions[m].tok_end > e && (b > q->cue_tok || d->mentions[m].tok_end <= q->cue_tok) &&
        (d->toks[e].flags & TF_WORD))
      e = d->mentions[m].tok_end;
  }
  /* and the auxiliaries, negations and adverbs before the cue: "Shelby later",
   * "his aides haven't" */
  while (e > b && (tok_is(d, e - 1, ",") || (d->toks[e - 1].flags & TF_QUOTE) || tok_is(d, e - 1, "\xE2\x80\x94") ||
                   (e - 1 > b && (tok_in(d, e - 1, LXL_AUX_OR_ADV) || tok_is(d, e - 1, "n't") ||
                                  tok_is(d, e - 1, "n\xE2\x80\x99t")))))
    e--;
  if (e <= b) return;
  /* a day the source took from the verb's adjuncts: "The Times on Saturday | wrote" */
  if (b < q->cue_tok && e >= b + 3 && (lx(d, e - 1) & LX_DAY) && tok_ieq(d, e - 2, "on")) e -= 2;
  if (b < q->cue_tok && b >= 2) {
    const uint32_t sb = d->sents[d->toks[b].sent].body_start_tok;
    /* a day the tree took for the subject: "Sanders on Tuesday said" is Sanders */
    if (e == b + 1 && (lx(d, b) & LX_DAY) && b >= sb + 2 && tok_ieq(d, b - 1, "on") &&
        (d->toks[b - 2].flags & TF_CAP) && (d->toks[b - 2].flags & TF_WORD) && !(lx(d, b - 2) & LX_STOP)) {
      uint32_t k = b - 2;
      while (k > sb && (d->toks[k - 1].flags & TF_CAP) && (d->toks[k - 1].flags & TF_WORD) && b - 2 - k < 4) k--;
      e = b - 1;
      b = k;
    }
    /* an apposition the tree left without its name: "Rendell, a Clinton
     * surrogate, said" (the name opens the sentence) */
    else if (tok_is(d, b - 1, ",") && tok_in_ci(d, b, LXL_ARTICLE) && b - 1 > sb && b - 1 - sb <= 4) {
      uint32_t k = sb;
      while (k < b - 1 && (d->toks[k].flags & TF_CAP) && (d->toks[k].flags & TF_WORD) && !(lx(d, k) & LX_STOP)) k++;
      if (k == b - 1 && d->tok_mention && d->tok_mention[sb] >= 0 &&
          d->mentions[d->tok_mention[sb]].tok_end == b - 1) /* a name: not "Overall, the fund said" */
        b = sb;
    }
  }
  /* a day or a time alone is nobody: "A post late Saturday | explained" (the
   * tree's subject) is the post; "Monday saw ..." has no source */
  {
    bool words = false, times = true;
    for (uint32_t j = b; j < e && times; j++)
      if ((d->toks[j].flags & TF_WORD) && !(tags_have_pos(d) && (d->toks[j].pos == TAG_UPOS_ADP || d->toks[j].pos == TAG_UPOS_CCONJ) && j > b)) {
        words = true;
        /* (not a name: "Sun said", "DEC says" are companies) */
        times = time_tail_word(d, j) && !tok_ieq(d, j, "on") && !tok_ieq(d, j, "this") && !tok_ieq(d, j, "next") &&
                tok_len(d, j) > 3 &&
                !(d->tok_mention && d->tok_mention[j] >= 0 &&
                  (d->ents[d->mentions[d->tok_mention[j]].entity].type == ENT_ORG ||
                   d->ents[d->mentions[d->tok_mention[j]].entity].type == ENT_PERSON));
      }
    if (words && times) {
      const uint32_t sb = d->sents[d->toks[b].sent].body_start_tok;
      uint32_t t = b;
      while (t > sb && b - t < 2 && time_tail_word(d, t - 1) && !tok_ieq(d, t - 1, "on") && !in_region(d, t - 1)) t--;
      if (b < q->cue_tok && t > sb && t < b && !in_region(d, t - 1) &&
          (d->toks[t - 1].pos == TAG_UPOS_NOUN || d->toks[t - 1].pos == TAG_UPOS_PROPN)) {
        uint32_t k = t - 1;
        while (k > sb && b - k < SUBJECT_NP_MAX && !in_region(d, k - 1) &&
               (d->toks[k - 1].pos == TAG_UPOS_DET || d->toks[k - 1].pos == TAG_UPOS_ADJ ||
                d->toks[k - 1].pos == TAG_UPOS_NOUN || d->toks[k - 1].pos == TAG_UPOS_PROPN ||
                tok_in_ci(d, k - 1, LXL_POSSESSIVE)))
          k--;
        b = k;
        e = t;
      } else
        return;
    }
  }
  /* a floating quantifier stands for the names before it: "Jeff Merkley (D-Ore.),
   * Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) all said" */
  if (e == b + 1 && (tok_ieq(d, b, "all") || tok_ieq(d, b, "both"))) {
    uint32_t sb = d->sents[d->toks[b].sent].body_start_tok, k = b, names = 0;
    while (k > sb) {
      uint32_t t = k - 1;
      if (tok_is(d, t, ")")) {
        uint32_t j = t;
        while (j > sb && t - j < QUANT_PAREN_MAX && !tok_is(d, j, "(")) j--;
        if (!tok_is(d, j, "(")) break;
        k = j;
      } else if (tok_is(d, t, ",") || tok_ieq(d, t, "and")) {
        k = t;
      } else if ((d->toks[t].flags & TF_WORD) && (d->toks[t].flags & TF_CAP)) {
        k = t;
        names++;
      } else {
        break;
      }
    }
    while (k < b && !(d->toks[k].flags & TF_WORD)) k++;
    if (names >= 2 && k < b) b = k;
  }
  /* what no one is: a source of function words alone ("An", "only worth an"),
   * its tail of them cut ("his speech closely for"), an object pronoun
   * ("saying me", "make me"): the tagger's false cues in general news find
   * such "sources" (with POS tags; headlines' capitals mislead the tagger) */
  if (tags_have_pos(d)) {
    while (e > b + 1 && (d->toks[e - 1].pos == TAG_UPOS_ADP || d->toks[e - 1].pos == TAG_UPOS_DET ||
                         d->toks[e - 1].pos == TAG_UPOS_CCONJ || d->toks[e - 1].pos == TAG_UPOS_SCONJ) &&
           !tok_in_ci(d, e - 1, LXL_CLAUSE_WORD) && !quantifier(d, e - 1) && !(d->toks[e - 1].flags & TF_CAP))
      e--;
    bool head = false;
    for (uint32_t j = b; j < e && !head; j++) {
      int p = d->toks[j].pos;
      head = p == TAG_UPOS_NOUN || p == TAG_UPOS_PROPN || p == TAG_UPOS_PRON || p == TAG_UPOS_NUM || quantifier(d, j) ||
             p == TAG_UPOS_X || p == TAG_UPOS_SYM || tok_in_ci(d, j, LXL_CLAUSE_WORD) ||
             ((d->toks[j].flags & TF_CAP) && p != TAG_UPOS_DET && p != TAG_UPOS_ADP && p != TAG_UPOS_CCONJ &&
              p != TAG_UPOS_SCONJ && p != TAG_UPOS_PART) || /* (a sentence's "The" alone is nobody) */
             (p == TAG_UPOS_ADJ && j + 1 == e && j > b); /* "the official", "the chief" (tagged ADJ) */
    }
    if (!head) return;
    if (e == b + 1 && b < q->cue_tok && (tok_is(d, b, "me") || tok_is(d, b, "him") || tok_is(d, b, "us") || tok_is(d, b, "them")))
      return; /* (after the cue it is one: "according to him") */
  }
  q->source_tok_begin = b;
  q->source_tok_end = e;
}

static void add_content(precis_doc *d, quote *q, uint32_t b, uint32_t e) {
  /* trim punctuation at the edges that is not part of the statement */
  while (e > b && (tok_is(d, e - 1, ",") || tok_is(d, e - 1, ";") || tok_is(d, e - 1, ":") ||
                   tok_is(d, e - 1, "\xE2\x80\x94") || tok_is(d, e - 1, "--")))
    e--;
  while (b < e && (tok_is(d, b, ",") || tok_is(d, b, ":"))) b++;
  if (e <= b) return;
  if (q->ncontent > 0) {
    bspan *last = prc_quote_content(d, q, q->ncontent - 1u);
    if (d->toks[b].start <= last->end) { /* overlapping or touching: extend */
      if (d->toks[e - 1].end > last->end) last->end = d->toks[e - 1].end;
      return;
    }
  }
  if (q->ncontent == QUOTE_MAX_CONTENT) { /* merge into the last fragment */
    prc_quote_content(d, q, QUOTE_MAX_CONTENT - 1)->end = d->toks[e - 1].end;
    return;
  }
  if (q->ncontent == 1 && q->more == NONE) { /* a side block for spans 2.. */
    ARENA_PUSH(&d->ar, d->qspans, d->nqspans, d->cqspans, qspans);
    q->more = d->nqspans - 1;
  }
  bspan *c = prc_quote_content(d, q, q->ncontent);
  c->start = d->toks[b].start;
  c->end = d->toks[e - 1].end;
  q->ncontent++;
}

/* Content tokens [b, e) put before quote q's fragments (q has room). */
static void prepend_content(precis_doc *d, quote *q, uint32_t b, uint32_t e) {
  bspan old[QUOTE_MAX_CONTENT];
  const uint32_t n = q->ncontent;
  if (n == 0 || n >= QUOTE_MAX_CONTENT) return;
  for (uint32_t k = 0; k < n; k++) old[k] = *prc_quote_content(d, q, k);
  q->ncontent = 0;
  add_content(d, q, b, e);
  uint32_t k = 0;
  if (q->ncontent == 0) { /* nothing to add (punctuation only): as before */
    q->content0 = old[0];
    q->ncontent = 1;
    k = 1;
  } else if (q->more == NONE) { /* a side block for the fragments after the first */
    ARENA_PUSH(&d->ar, d->qspans, d->nqspans, d->cqspans, qspans);
    q->more = d->nqspans - 1;
  }
  for (; k < n; k++) *prc_quote_content(d, q, q->ncontent++) = old[k];
}

static void take_region(precis_doc *d, quote *q, int32_t r) {
  d->regions[r].taken = 1;
  add_content(d, q, d->regions[r].open_tok + 1, d->regions[r].e);
}

/* The region ending right before token i (only punctuation between), or -1. */
static int32_t region_ending_before(const precis_doc *d, uint32_t i, uint32_t sent_begin) {
  uint32_t k = i;
  if (k <= sent_begin) return -1;
  while (k > sent_begin && (tok_is(d, k - 1, ",") || tok_is(d, k - 1, "\xE2\x80\x94") || tok_is(d, k - 1, "--")))
    k--;
  if (k <= sent_begin) return -1;
  int32_t r = region_at(d, k - 1);
  if (r < 0 || !d->regions[r].closed || d->regions[r].e != k - 1) return -1;
  return r;
}

/* Chain back through regions that this one continues (quote over paragraphs)
 * and through earlier sentences of one quotation; add them in order. */
static void take_region_chain(precis_doc *d, quote *q, int32_t r) {
  int32_t first = r;
  while (first > 0 && d->regions[first].cont && !d->regions[first - 1].taken) first--;
  for (int32_t k = first; k <= r; k++) take_region(d, q, k);
}

/* Region r for q, and the regions continuing it over the next paragraphs
 * while q has room; returns the last region taken. */
static uint32_t take_region_onward(precis_doc *d, quote *q, uint32_t r) {
  take_region(d, q, (int32_t)r);
  while (r + 1 < d->nregions && d->regions[r + 1].cont && !d->regions[r + 1].taken && q->ncontent < QUOTE_MAX_CONTENT) {
    r++;
    take_region(d, q, (int32_t)r);
  }
  return r;
}

/* The sentence without its closing quotation marks and . ! ? ) (sentences.c) */
static uint32_t sentence_body_end(const precis_doc *d, const sentence *s) {
  (void)d;
  return s->body_end_tok;
}

/* content [b, e): direct when it is one region exactly, mixed with any region inside */
static precis_quote_kind kind_of(const precis_doc *d, uint32_t b, uint32_t e) {
  bool any = false, all = true;
  for (uint32_t k = b; k < e; k++) {
    if (in_region(d, k)) any = true;
    else if (!(d->toks[k].flags & TF_PUNCT)) all = false;
  }
  if (any && all) return PRECIS_QUOTE_DIRECT;
  return any ? PRECIS_QUOTE_MIXED : PRECIS_QUOTE_INDIRECT;
}

/* Does [b, e) read as a clause (a verb, "that", or a quotation)? */
static bool has_clause(const precis_doc *d, uint32_t b, uint32_t e) {
  if (b < e && (tok_is(d, b, "that") || in_region(d, b))) return true;
  for (uint32_t j = b; j < e; j++) {
    if (in_region(d, j)) return true;
    if (tags_have_pos(d)) {
      int p = d->toks[j].pos;
      if (p == TAG_UPOS_VERB || p == TAG_UPOS_AUX) return true;
    } else {
      if (tok_in(d, j, LXL_AUX)) return true;
      uint32_t n = tok_len(d, j);
      if (n > 3 && !memcmp(tok_str(d, j) + n - 2, "ed", 2) && !(d->toks[j].flags & TF_CAP)) return true;
      if (lx(d, j) & LX_SPEECH) return true;
    }
  }
  return false;
}

/* The end of a reported clause starting at b: before ", but ...", ", though ...",
 * "; ..." or "and" + a new predicate ("and made clear ...", "and said ..."),
 * never inside quotation marks. */
/* After "and" at v: auxiliaries, or a short subject with no verb, then a cue
 * word that does not hang inside the complement clause (head tv, tokens
 * [tlo, thi)), within AND_CUE_MAX tokens. */
#define AND_CUE_MAX 5
static bool and_then_cue(const precis_doc *d, uint32_t v, uint32_t e, uint32_t tv, uint32_t tlo, uint32_t thi) {
  for (uint32_t k = v; k < e && k < v + AND_CUE_MAX; k++) {
    if (!(d->toks[k].flags & TF_WORD) || in_region(d, k)) return false;
    /* the head of a compound noun is no other cue: "shootings and protests
     * demands that ..." */
    if (cue_word(d, k) && !(tags_have_pos(d) && k > v && d->toks[k].pos == TAG_UPOS_NOUN &&
                            (d->toks[k - 1].pos == TAG_UPOS_NOUN || d->toks[k - 1].pos == TAG_UPOS_PROPN))) {
      if (tv != NONE && k >= tlo && k < thi && prc_dep_head(d, k) != -1 &&
          prc_dep_rel(d, k) != PRC_DEP_CONJ)
        return false; /* inside the clause, not coordinated with it */
      return true;
    }
    if (tags_have_pos(d)) {
      int p = d->toks[k].pos;
      if (p == TAG_UPOS_VERB || p == TAG_UPOS_SCONJ || p == TAG_UPOS_ADP) return false;
    }
  }
  return false;
}

/* ", but" + a predicate with no subject of its own or a contrasted phrase
 * ("but couldn't provide them", "but not women", "but also the general
 * election"): the content goes on (PolNeAR train: the content goes on in 21
 * of the 25 contents this changes; a new clause, "but the pact fell
 * apart", still ends it: 69 of 125 such ends are right, 44 go on) */
static bool but_goes_on(const precis_doc *d, uint32_t k, uint32_t e) {
  if (k >= e || in_region(d, k)) return false;
  static const char *const w[] = {"not", "only", "also", "rather", "still", "because", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, k, *p)) return true;
  if (!tags_have_pos(d)) return false;
  int p = d->toks[k].pos;
  while (k + 1 < e && (p == TAG_UPOS_ADV || tok_is(d, k, "n't"))) p = d->toks[++k].pos;
  if (cue_word(d, k)) return false; /* "but noted that ...": another attribution */
  /* not an inversion: "but should he win, ..." */
  if (p == TAG_UPOS_AUX && k + 1 < e && (d->toks[k + 1].pos == TAG_UPOS_PRON || d->toks[k + 1].pos == TAG_UPOS_PROPN))
    return false;
  return p == TAG_UPOS_VERB || p == TAG_UPOS_AUX;
}

static uint32_t clause_end(const precis_doc *d, uint32_t b, uint32_t e, uint32_t tv, uint32_t tlo, uint32_t thi) {
  uint32_t words = 0, paren = 0;
  for (uint32_t j = b; j < e; j++) {
    if (d->toks[j].flags & TF_WORD) words++;
    if (tok_is(d, j, "(")) paren++;
    else if (tok_is(d, j, ")") && paren) paren--;
    if (in_region(d, j)) continue;
    /* "... and has called for ...", ", and human rights groups warned that":
     * another cue the content's clause does not govern ends it */
    if (j > b && (tok_is(d, j, "and") || tok_is(d, j, "but")) && j + 1 < e && and_then_cue(d, j + 1, e, tv, tlo, thi)) {
      uint32_t k = j;
      if (k > b && tok_is(d, k - 1, ",")) k--;
      return k;
    }
    /* '... "expanded the party," claiming that ...': a participle cue after a
     * quotation closing on a comma ends the content after the mark (PolNeAR
     * train: gold ends at the mark) */
    if (j > b + 2 && (d->toks[j - 1].flags & TF_QUOTE) && tok_is(d, j - 2, ",") && in_region(d, j - 2) &&
        (tok_in(d, j, LXL_PARTICIPLE_CUE) || learned_participle(d, j)) && !tok_ieq(d, j, "according") &&
        (tv == NONE || j < tlo || j >= thi || prc_dep_head(d, j) == (int32_t)tv))
      return j;
    /* ", saying ...": the participle cue ends even a short content ("attacked Trump, saying he ...") */
    if (j > b && tok_is(d, j, ",") && j + 1 < e && tok_in(d, j + 1, LXL_PARTICIPLE_CUE) &&
        (tv == NONE || j + 1 < tlo || j + 1 >= thi || prc_dep_head(d, j + 1) == (int32_t)tv))
      return j;
    if (words < CLAUSE_MIN_WORDS) continue;
    if (tok_is(d, j, ";") && !paren) return j; /* not "74.7bn yuan ($9bn; £4.8bn)" */
    /* with the complement clause's tree (head tv, tokens [tlo, thi)): ", citing
     * ...", ", adding that ..." end it unless they hang inside it */
    if (tok_is(d, j, ",") && j + 1 < e && (tok_in(d, j + 1, LXL_PARTICIPLE_CUE) || learned_participle(d, j + 1)) &&
        (tv == NONE || j + 1 < tlo || j + 1 >= thi || prc_dep_head(d, j + 1) == (int32_t)tv))
      return j;
    if (tok_is(d, j, ",") && j + 1 < e &&
        ((tok_is(d, j + 1, "but") && !(j + 2 < e && tok_is(d, j + 2, "that")) && !but_goes_on(d, j + 2, e)) || tok_in(d, j + 1, LXL_CLAUSE_BREAK)))
      return j;
    if (tok_is(d, j, "and") && j + 1 < e) {
      uint32_t v = j + 1;
      bool verb;
      if (tags_have_pos(d)) verb = d->toks[v].pos == TAG_UPOS_VERB && !(lx(d, v) & LX_STOP) &&
                                   (tok_len(d, v) > 2 && tok_str(d, v)[tok_len(d, v) - 1] == 'd');
      else verb = (lx(d, v) & LX_SPEECH) ||
                  (tok_len(d, v) > 4 && !memcmp(tok_str(d, v) + tok_len(d, v) - 2, "ed", 2) &&
                   !(d->toks[v].flags & TF_CAP));
      /* "... should be hanged and burned": a predicate of the complement clause */
      if (tv != NONE && v >= tlo && v < thi && !(lx(d, v) & LX_SPEECH) && prc_dep_head(d, v) != -1 &&
          prc_dep_rel(d, v) == PRC_DEP_CONJ)
        verb = false;
      if (verb || tok_is(d, v, "made")) {
        uint32_t k = j;
        if (k > b && tok_is(d, k - 1, ",")) k--;
        if (k > b && (d->toks[k - 1].flags & TF_QUOTE) && in_region(d, k - 1)) { /* keep the closing mark */ }
        return k;
      }
    }
  }
  return e;
}

/* A quotation opened inside the content [b, ce) that closes in a later
 * sentence ('said the ethanol people "do a fantastic job. And it's so
 * important."'): the content runs to its closing mark, as PolNeAR draws it
 * (train: 34 of 39 such contents end there; the rule makes 59 contents right,
 * 1 wrong).  Returns the new end. */
#define CLOSE_LATER_MAX 200 /* tokens from the content's end to the closing mark, at most */
static uint32_t to_closing_mark(const precis_doc *d, uint32_t b, uint32_t ce) {
  if (b >= ce) return ce;
  for (uint32_t r = region_from(d, b); r < d->nregions && d->regions[r].open_tok < ce; r++) {
    const qregion *rg = &d->regions[r];
    if (rg->open_tok < b || !rg->closed || rg->e < ce) continue;
    if (d->toks[rg->e].sent != d->toks[ce - 1].sent && rg->e - ce <= CLOSE_LATER_MAX) return rg->e + 1;
    break;
  }
  return ce;
}

static void claim_regions_in(precis_doc *d, quote *q, uint32_t b, uint32_t e) {
  if (b >= e) return;
  for (uint32_t r = region_from(d, b); r < d->nregions && d->regions[r].open_tok < e; r++)
    d->regions[r].taken = 1;
  (void)q;
}

/* Tokens [b, e) are the content of q: its kind follows from the quotation
 * marks inside, and the quote regions there are q's. */
static void set_reported_content(precis_doc *d, quote *q, uint32_t b, uint32_t e) {
  add_content(d, q, b, e);
  q->kind = kind_of(d, b, e);
  claim_regions_in(d, q, b, e);
}

/* ---- the attribution patterns ---------------------------------------------
 *
 * attribute_cue tries, for one cue, the patterns of the header comment in a
 * fixed order; each pattern is one function below that either
 *   - records a quote and returns the token after the last one it used,
 *   - returns 0: nothing is attributed to this cue (no later pattern tried),
 *   - or returns CUE_NEXT: the pattern does not apply, try the next one. */

#define CUE_NEXT UINT32_MAX

typedef struct cue_ctx {
  precis_doc *d;
  const sentence *s;
  uint32_t c;          /* the cue word */
  uint32_t cue_b, cue_e; /* the cue tokens, with "has"/"had" and "according to", "pointed out" */
  uint32_t sb, se;     /* the sentence's tokens */
  uint32_t body_end;   /* before the closing punctuation and quotation marks */
  uint32_t pre_src;    /* the source before the cue, or cue_b when there is none */
  uint32_t src_end;    /* its end */
  uint32_t look;       /* where a quotation closing before the cue must end */
  bool src_next;       /* only the cue's auxiliaries and adverbs between source and cue */
  uint32_t post_b, post_e; /* the subject after the cue by the tree ("said NATO chief Mark Rutte"), or NONE */
  atree *t;            /* the sentence's tree, when parsed */
} cue_ctx;

/* The cue's tokens: "according to", "pointed out", "has said". */
static void cue_init(cue_ctx *x, precis_doc *d, const sentence *s, uint32_t c, atree *t) {
  x->d = d;
  x->t = t && tree_load(t, d, (uint32_t)(s - d->sents)) ? t : NULL;
  x->post_b = x->post_e = NONE;
  x->src_next = true;
  x->s = s;
  x->c = c;
  x->sb = s->tok_begin;
  x->se = s->tok_end;
  x->body_end = sentence_body_end(d, s);
  x->cue_e = c + 1;
  bool according = tok_ieq(d, c, "according");
  if (according) x->cue_e = c + 2;
  /* particles: "pointed out", "made clear" are left as one word cues */
  if (!according && x->cue_e < x->se && (tok_is(d, x->cue_e, "out") || tok_is(d, x->cue_e, "up")) &&
      tok_ieq(d, c, "pointed"))
    x->cue_e++;
  /* an auxiliary before the cue belongs to it: "has said", "had told" */
  x->cue_b = c;
  if (c > x->sb && (tok_is(d, c - 1, "has") || tok_is(d, c - 1, "had") || tok_is(d, c - 1, "have"))) x->cue_b = c - 1;
  /* a cue of the learned tagger's alone keeps the span it tagged ("said in a
   * statement", "is expected", "called for"); a cue the rules know keeps
   * theirs (measured on PolNeAR dev: +0.5 cue exact F against the tagged
   * spans, and no "said on Tuesday") */
  if (d->cue_lab && (d->cue_lab[c] & 3) != PRC_CUE_O && !is_cue(d, c)) {
    uint32_t b = c, e = c + 1;
    while (b > x->sb && (d->cue_lab[b] & 3) == PRC_CUE_I) b--;
    while (e < x->se && (d->cue_lab[e] & 3) == PRC_CUE_I) e++;
    x->cue_b = b;
    x->cue_e = e;
  } else if (d->cue_lab) {
    /* a rule cue takes the adverbs and auxiliaries right before it, as
     * PolNeAR's spans do: "also noted", "boldly suggested", "is promising",
     * "have not said" (measured on PolNeAR dev: +2.9 cue exact F) */
    uint32_t b = x->cue_b;
    while (b > x->sb && d->toks[b - 1].quote_depth <= 0) {
      const token *t = &d->toks[b - 1];
      bool neg = tok_ieq(d, b - 1, "not") || tok_is(d, b - 1, "n't") || tok_is(d, b - 1, "n\xE2\x80\x99t");
      if (t->pos != TAG_UPOS_ADV && t->pos != TAG_UPOS_AUX && !neg) break; /* not "went on to say" */
      if (t->flags & TF_CAP) break; /* a name the tagger took for an adverb: "Osei added" */
      b--;
    }
    x->cue_b = b;
  }
  x->pre_src = x->src_end = x->look = x->cue_b;
}

/* ---- the tree's source and content ------------------------------------- */

/* The source of cue x by the tree: the subtree of the cue verb's subject
 * (nsubj, nsubj:pass), or for "according to X" of X; for ", saying ..." and
 * "... and said" with no subject of their own, the subject of the verb they
 * hang from.  Sets [*pb, *pe), before or after the cue.  False when the
 * sentence is not parsed or the subtree is nothing the rules should not
 * judge instead: a clause, a relative pronoun, longer than SOURCE_TREE_MAX,
 * in a quotation, over the cue. */
#define XCOMP_UP 3 /* verbs up from a cue with no subject: "going on to say" */
static bool parse_source(const cue_ctx *x, uint32_t *pb, uint32_t *pe) {
  const precis_doc *d = x->d;
  const atree *t = x->t;
  if (!t) return false;
  uint32_t c = x->c, subj = NONE;
  bool inherited = false; /* the subject of a verb above the cue */
  if (tok_ieq(d, c, "according")) { /* "according" -case-> X */
    int32_t h = prc_dep_head(d, c);
    if (prc_dep_rel(d, c) != PRC_DEP_CASE || h < (int32_t)x->cue_e) return false;
    subj = (uint32_t)h;
  } else {
    subj = tree_child(d, t, c, PRC_DEP_NSUBJ, false);
    if (subj == NONE) subj = tree_child(d, t, c, PRC_DEP_NSUBJ_PASS, false);
    /* no subject of its own: "... and said", ", saying ...", "by saying ...",
     * "refused to admit", "going on to say": the subject of the verb it hangs from (an
     * open complement's controller), up to XCOMP_UP verbs up */
    for (uint32_t v = c, up = 0; subj == NONE && up < XCOMP_UP; up++) {
      int r = prc_dep_rel(d, v);
      int32_t h = prc_dep_head(d, v);
      if (h < 0 || (uint32_t)h >= c) break;
      bool xc = prc_dep_base(r) == PRC_DEP_XCOMP;
      if (!(r == PRC_DEP_CONJ || xc ||
            (r == PRC_DEP_ADVCL && (v != c || is_participle_cue(d, c) || learned_participle(d, c) || prep_gerund(d, c)))))
        break;
      if (r == PRC_DEP_ADVCL && v != c) {
        /* an adverbial above the cue only when it is a participle after a comma */
        uint32_t n = tok_len(d, v);
        if (v == 0 || !tok_is(d, v - 1, ",") || n < 5 || memcmp(tok_str(d, v) + n - 3, "ing", 3)) break;
      }
      v = (uint32_t)h;
      /* ", citing ..." hanging from a reported clause ("The treasurer said the
       * city would borrow more, citing costs"): the reporter cites */
      if (r == PRC_DEP_ADVCL && prc_dep_base(prc_dep_rel(d, v)) == PRC_DEP_CCOMP) {
        int32_t hh = prc_dep_head(d, v);
        if (hh >= 0 && (uint32_t)hh < v && cue_word(d, (uint32_t)hh)) v = (uint32_t)hh;
      }
      subj = tree_child(d, t, v, PRC_DEP_NSUBJ, false);
      if (subj == NONE) subj = tree_child(d, t, v, PRC_DEP_NSUBJ_PASS, false);
      inherited = subj != NONE;
    }
  }
  if (subj == NONE) return false;
  /* "officials who said", "Kamin, who emphasized that": the relative pronoun
   * is the source (as PolNeAR marks it); speakers.c resolves it to the noun
   * the clause hangs from */
  if (is_clause_word(d, subj)) {
    if (!rel_pronoun(d, subj) || subj + 1 > x->cue_b || in_region(d, subj)) return false;
    /* after the noun it stands for (the tree may hang the clause elsewhere:
     * "backed by David Kamin, who emphasized" as parataxis) */
    int32_t h = prc_dep_head(d, c);
    uint32_t a = subj > x->sb && tok_is(d, subj - 1, ",") ? subj - 1 : subj;
    int pa = a > x->sb ? d->toks[a - 1].pos : -1;
    if (h < 0 || (uint32_t)h >= subj ||
        (prc_dep_base(prc_dep_rel(d, c)) != PRC_DEP_ACL && pa != TAG_UPOS_PROPN && pa != TAG_UPOS_NOUN))
      return false;
    *pb = subj;
    *pe = subj + 1;
    return true;
  }
  int p = d->toks[subj].pos;
  if (p == TAG_UPOS_VERB || p == TAG_UPOS_AUX || p == TAG_UPOS_SCONJ) return false;
  uint32_t b, e;
  tree_span(t, subj, &b, &e);
  if (b < x->cue_e && subj >= x->cue_e) b = x->cue_e; /* "according to" itself */
  /* after the cue a source ends before ", who ...": "said the novelist
   * J. K. Lindqvist, who lives nearby" (the sentence's tail, an aside) */
  if (b >= x->cue_e)
    for (uint32_t j = b + 1; j + 1 < e; j++)
      if (tok_is(d, j, ",") && is_clause_word(d, j + 1)) {
        e = j;
        break;
      }
  trim_punct(d, &b, &e);
  /* "The nominee and his aides haven't | said": auxiliaries the tree left in */
  while (e > b && e <= x->cue_b && (is_aux_or_adv(d, e - 1) || adverb_or_neg(d, e - 1))) e--;
  if (e <= b || e - b > SOURCE_TREE_MAX) return false;
  if (b < x->cue_e && e > x->cue_b) return false;
  if (b < x->s->body_start_tok || e > x->body_end) return false;
  /* a phrase, not a clause or an opening adverbial: "Following reports of ...",
   * "After campaign aides" */
  int p0 = d->toks[b].pos;
  if (p0 == TAG_UPOS_ADP || p0 == TAG_UPOS_SCONJ || p0 == TAG_UPOS_VERB || p0 == TAG_UPOS_CCONJ) return false;
  /* inside a parenthesis: "Rep. Trey Gowdy (R-S.C.)" parsed into pieces */
  for (uint32_t j = b; j > x->sb && b - j < PAREN_MAX; j--) {
    if (tok_is(d, j - 1, ")")) break;
    if (tok_is(d, j - 1, "(")) return false;
  }
  /* the phrase is cut short: the word before it modifies something else
   * ("The | US defence chief said", "The country's new coast guard | chief") */
  if (b > x->sb && (d->toks[b - 1].flags & TF_WORD)) {
    int pp = d->toks[b - 1].pos, r = prc_dep_base(prc_dep_rel(d, b - 1));
    if ((pp == TAG_UPOS_DET || pp == TAG_UPOS_ADJ || pp == TAG_UPOS_NOUN || pp == TAG_UPOS_PROPN ||
         pp == TAG_UPOS_PART || pp == TAG_UPOS_NUM) &&
        r != PRC_DEP_OBL && r != PRC_DEP_ADVMOD && r != PRC_DEP_NMOD && r != PRC_DEP_PUNCT && r != PRC_DEP_CC)
      return false;
    /* a bare noun taken for an oblique right before a name is more likely
     * its title, misparsed ("Lifeboat station head | Fiona Gallagher") */
    int full = prc_dep_rel(d, b - 1);
    if ((pp == TAG_UPOS_NOUN || pp == TAG_UPOS_PROPN) &&
        (full == PRC_DEP_OBL_UNMARKED || full == PRC_DEP_NMOD_UNMARKED || full == PRC_DEP_OBL_NPMOD))
      return false;
  }
  int paren = 0;
  for (uint32_t j = b; j < e; j++) {
    if (in_region(d, j)) return false;
    /* a clause inside, other than a relative one: "the ministry, most clinics will be ..." */
    if (j != subj && prc_dep_base(prc_dep_rel(d, j)) == PRC_DEP_NSUBJ) {
      int32_t h = prc_dep_head(d, j);
      if (h < 0 || prc_dep_base(prc_dep_rel(d, (uint32_t)h)) != PRC_DEP_ACL) return false;
    }
    /* a dash (a dateline, an aside) or another cue ("Mr. Kamin, who emphasized that ...") */
    if (tok_is(d, j, "--") || tok_is(d, j, "\xE2\x80\x94") || tok_is(d, j, "\xE2\x80\x93") ||
        (tok_is(d, j, "-") && (d->toks[j].flags & TF_SPACE_BEFORE))) /* BBC's " - " */
      return false;
    if (j != x->c && is_cue(d, j)) return false;
    if (tok_is(d, j, "(")) paren++;
    if (tok_is(d, j, ")") && --paren < 0) return false;
  }
  if (paren) return false;
  /* before the cue, only what hangs from the verb may come between: its
   * auxiliaries, adverbs, "in a statement"; a name left out ("Clinton
   * campaign manager | Robby Mook said") means the tree went astray */
  if (e <= x->cue_b && !inherited)
    for (uint32_t j = e; j < x->cue_b; j++) {
      int pj = d->toks[j].pos, r = prc_dep_base(prc_dep_rel(d, j));
      if ((pj == TAG_UPOS_PROPN || pj == TAG_UPOS_NOUN || pj == TAG_UPOS_PRON || pj == TAG_UPOS_NUM) &&
          r != PRC_DEP_OBL && r != PRC_DEP_NMOD)
        return false;
    }
  *pb = b;
  *pe = e;
  return true;
}

/* The complement clause (ccomp) of cue x by the tree, after the cue: its
 * head *pv and its subtree [*pb, *pe); false without a tree or one. */
static bool parse_content(const cue_ctx *x, uint32_t *pv, uint32_t *pb, uint32_t *pe) {
  const precis_doc *d = x->d;
  const atree *t = x->t;
  if (!t) return false;
  uint32_t v = tree_child(d, t, x->c, PRC_DEP_CCOMP, false);
  if (v == NONE || v < x->cue_e) return false;
  tree_span(t, v, pb, pe);
  if (*pb < x->cue_e) return false;
  *pv = v;
  return true;
}

/* E: "According to X, content" / "Content, according to X". */
static uint32_t pattern_according_to(cue_ctx *x) {
  precis_doc *d = x->d;
  const sentence *s = x->s;
  uint32_t c = x->c, cue_e = x->cue_e, se = x->se, body_end = x->body_end;
  /* the source runs to the next punctuation: "according to lobby group director Nadia Farouk" */
  uint32_t src_b = cue_e, src_e = src_b, pb, pe;
  if (parse_source(x, &pb, &pe) && pb == cue_e) {
    src_e = pe; /* the tree: "according to a study by A and B" */
    /* but not short of a name's end: "according to Virginia AFL-CIO | President
     * Doris Crouse-Mays" (a tree that cut a run of capitalised words) */
    while (src_e < se && src_e - src_b < SOURCE_NP_MAX && (d->toks[src_e].flags & TF_WORD) &&
           (d->toks[src_e].flags & TF_CAP) && src_e > src_b && (d->toks[src_e - 1].flags & TF_CAP) &&
           !in_region(d, src_e) && !is_clause_word(d, src_e))
      src_e++;
  } else
    while (src_e < se && src_e - src_b < SOURCE_NP_MAX && !is_boundary_punct(d, src_e) && !is_clause_word(d, src_e) &&
           !in_region(d, src_e))
      src_e++;
  /* an apposition, not a clause: "according to Tom Skinner, a spokesman for the
   * CDC," is all source; in "According to U.S. Navy documents, torpedo planes
   * scored ...", "According to Mashable, digital media producer Ben Savard was
   * working ..." the source stops at the comma before the clause (a verb not
   * inside a relative clause: "Gilbert Sauvan, an official who is being
   * briefed" stays) -- the tree, or the run to the punctuation, went past it */
  if (tags_have_pos(d))
    for (uint32_t k = src_b + 1; k < src_e; k++) {
      if (!tok_is(d, k, ",") || in_region(d, k)) continue;
      bool verb = false;
      for (uint32_t j = k + 1; j < body_end && !tok_is(d, j, ",") && !in_region(d, j); j++) {
        if (rel_pronoun(d, j) || tok_ieq(d, j, "whose")) break;
        if ((d->toks[j].pos == TAG_UPOS_VERB && !memchr(tok_str(d, j), '-', tok_len(d, j))) || /* "Washington-based" */
            d->toks[j].pos == TAG_UPOS_AUX) {
          verb = true;
          break;
        }
      }
      if (verb) {
        src_e = k;
        break;
      }
    }
  /* an apposition the tree cut short at the end of the sentence: "..., according
   * to Tom Skinner, a spokesman | for the agency." */
  if (tags_have_pos(d) && src_e < body_end && src_e > src_b + 2 && d->toks[src_e].pos == TAG_UPOS_ADP &&
      d->toks[src_e - 1].pos == TAG_UPOS_NOUN && c > s->body_start_tok + 1 && tok_is(d, c - 1, ",") &&
      body_end - src_b <= SOURCE_NP_MAX) {
    bool comma = false, clean = true;
    for (uint32_t k = src_b; k < src_e; k++) comma |= tok_is(d, k, ",");
    for (uint32_t k = src_e; k < body_end && clean; k++)
      clean = !tok_is(d, k, ",") && !in_region(d, k) && d->toks[k].pos != TAG_UPOS_VERB && d->toks[k].pos != TAG_UPOS_AUX &&
              !is_clause_word(d, k);
    if (comma && clean) src_e = body_end;
  }
  if (src_e <= src_b) return 0;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, c, cue_e);
  set_source(d, q, src_b, src_e);
  uint32_t cb, ce;
  if (c > s->body_start_tok + 1 && tok_is(d, c - 1, ",")) {
    cb = s->body_start_tok;
    ce = c - 1;
  } else {
    cb = src_e;
    while (cb < body_end && tok_is(d, cb, ",")) cb++;
    ce = body_end;
  }
  /* leading conjunction is not content */
  set_reported_content(d, q, cb, ce);
  /* an aside: "The plan, according to the council, will cost $40 million."
   * -- the content is on both sides (PolNeAR's discontinuous content) */
  if (ce == c - 1 && src_e + 1 < body_end && tok_is(d, src_e, ",") && tags_have_pos(d) &&
      !in_region(d, src_e + 1) && !tok_in(d, src_e + 1, LXL_PARTICIPLE_CUE) && !learned_participle(d, src_e + 1)) {
    bool verb = false, noun = false, cue = false;
    for (uint32_t j = cb; j < ce; j++) {
      int p = d->toks[j].pos;
      verb |= p == TAG_UPOS_VERB || p == TAG_UPOS_AUX;
      noun |= p == TAG_UPOS_NOUN || p == TAG_UPOS_PROPN || p == TAG_UPOS_PRON || p == TAG_UPOS_NUM;
    }
    for (uint32_t j = src_e + 1; j < body_end && !cue; j++) cue = cue_word(d, j) && !in_region(d, j);
    const uint32_t a = src_e + 1;
    const int pa = d->toks[a].pos;
    /* the first part a subject, the second its predicate (PolNeAR train CV: content
     * +0.01, linked +0.02; "X did this, according to Y, and said ..." is left out:
     * its "said" is a cue of its own) */
    bool subject = !verb && noun && (pa == TAG_UPOS_VERB || pa == TAG_UPOS_AUX || pa == TAG_UPOS_ADV);
    if (!cue && subject) {
      add_content(d, q, a, body_end);
      if (kind_of(d, a, body_end) != PRECIS_QUOTE_INDIRECT) q->kind = PRECIS_QUOTE_MIXED;
      claim_regions_in(d, q, a, body_end);
      return body_end;
    }
    /* an opening adverbial before the aside, the statement after it: "In
     * fact, according to the same report, it is the Taliban who control
     * the roads" (0.12.3: the content was "In fact") */
    const int pb0 = d->toks[cb].pos;
    const bool adverbial = pb0 == TAG_UPOS_ADP || pb0 == TAG_UPOS_ADV || pb0 == TAG_UPOS_CCONJ || time_tail_word(d, cb);
    if (!cue && !verb && adverbial && has_clause(d, a, body_end)) {
      q->ncontent = 0;
      set_reported_content(d, q, a, body_end);
      return body_end;
    }
  }
  return src_e;
}

static bool passive_cue(const precis_doc *d, uint32_t sb, uint32_t cue_b, uint32_t c) {
  uint32_t n = tok_len(d, c);
  const char *w = tok_str(d, c);
  if (!(n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') && !tok_ieq(d, c, "thought") && !tok_ieq(d, c, "told") &&
      !tok_ieq(d, c, "said"))
    return false;
  /* from the cue word itself: the cue's span may hold its auxiliary ("is expected") */
  uint32_t k = c;
  (void)cue_b;
  while (k > sb && (adverb_or_neg(d, k - 1) || tok_ieq(d, k - 1, "not") || tok_ieq(d, k - 1, "widely") ||
                    tok_ieq(d, k - 1, "also")))
    k--;
  return k > sb && (tok_ieq(d, k - 1, "is") || tok_ieq(d, k - 1, "are") || tok_ieq(d, k - 1, "was") ||
                    tok_ieq(d, k - 1, "were") || tok_ieq(d, k - 1, "been") || tok_ieq(d, k - 1, "be") ||
                    tok_ieq(d, k - 1, "being"));
}

/* "“...,” the mayor said, adding that ...", "X called Clinton a champion,
 * citing ...": a cue with no subject of its own (a participle, "and said")
 * takes the source of the sentence's cue before it.  False when there is
 * none (then the caller looks for the sentence's subject). */
static bool inherit_source(const precis_doc *d, uint32_t c, uint32_t cue_b, uint32_t *pb, uint32_t *pe) {
  for (uint32_t qi = d->nquotes; qi-- > 0;) {
    const quote *pq = &d->quotes[qi];
    if (pq->cue_tok_end <= pq->cue_tok || d->toks[pq->cue_tok].sent != d->toks[c].sent) return false;
    if (pq->cue_tok >= cue_b || pq->source_tok_begin == NONE) continue;
    if (pq->source_tok_end > cue_b) return false;
    *pb = pq->source_tok_begin;
    *pe = pq->source_tok_end;
    return true;
  }
  return false;
}

/* "appeared to", "seems": a raising verb, whose subject is what is said about */
static bool raising_cue(const precis_doc *d, uint32_t c) {
  static const char *const w[] = {"appear", "appears", "appeared", "appearing", "seem", "seems", "seemed", "seeming", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, c, *p)) return true;
  return false;
}

/* "was asked", "were told": a passive whose subject is the addressee */
static bool addressee_passive(const precis_doc *d, uint32_t c) {
  static const char *const w[] = {"asked", "told", "urged", "warned", "informed", "advised", "pressed", "questioned",
                                  "encouraged", "invited", "instructed", "ordered", "reminded", "assured", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, c, *p)) return true;
  return false;
}

#define PAREN_TAIL_MAX 8 /* tokens between a cue and the comma closing its parenthesis, at most */
/* The comma closing a parenthetical cue that ends at cue_e ("The museum, Mr.
 * Bush said, celebrated ...", "said then,", "told me on Friday,"): right after
 * it or after a short adverbial with no verb, quotation or "that", before
 * end; NONE when there is none. */
static uint32_t paren_close(const precis_doc *d, uint32_t cue_e, uint32_t end) {
  for (uint32_t j = cue_e; j < end && j < cue_e + PAREN_TAIL_MAX; j++) {
    if (tok_is(d, j, ",")) return j;
    if (in_region(d, j) || d->toks[j].pos == TAG_UPOS_VERB || d->toks[j].pos == TAG_UPOS_AUX || tok_is(d, j, "that"))
      return NONE;
  }
  return NONE;
}
/* The source before the cue ("Hegseth said", "the US defence chief, said"),
 * or for "X bemoaned the unrest and said ..." / "..., saying that ..." the
 * subject of the sentence.  False when a participle cue has no source. */
static bool find_source_before(cue_ctx *x) {
  precis_doc *d = x->d;
  uint32_t sb = x->sb, cue_b = x->cue_b;
  uint32_t pb, pe;
  /* a passive cue has no source before it: "Obama's veto is expected to come",
   * "North Korea is not thought to ..." (its subject is what is said about) */
  if (passive_cue(d, sb, cue_b, x->c)) {
    x->pre_src = x->look = x->src_end = cue_b;
    x->src_next = true;
    return true;
  }
  if (parse_source(x, &pb, &pe)) {
    if (pe <= cue_b) { /* the tree's subject, before the cue */
      /* "Most of the ferries, officials said, will run late": a cue set off by
       * commas; the tree took the words before the first comma for the
       * subject with the source in apposition -- the source is after it */
      if (tags_have_pos(d) && pb == x->s->body_start_tok && pe == cue_b) {
        uint32_t m = NONE;
        for (uint32_t j = pb + 1; j + 1 < pe; j++)
          if (tok_is(d, j, ",") && !in_region(d, j)) m = j;
        const uint32_t c2 = paren_close(d, x->cue_e, x->body_end);
        if (m != NONE && c2 != NONE && c2 + 1 < x->body_end &&
            (d->toks[c2 + 1].pos == TAG_UPOS_VERB || d->toks[c2 + 1].pos == TAG_UPOS_AUX))
          pb = m + 1;
      }
      /* "A spokeswoman for Gross confirmed": a tree that read "for Gross" as
       * a clause's marker and subject; the noun phrase runs from before the
       * preposition (0.12.3: the source was "Gross") */
      if (tags_have_pos(d) && pb >= sb + 2 && d->toks[pb - 1].pos == TAG_UPOS_ADP && !in_region(d, pb - 1) &&
          (d->toks[pb - 2].pos == TAG_UPOS_NOUN || d->toks[pb - 2].pos == TAG_UPOS_PROPN)) {
        uint32_t b2 = source_before(d, sb, cue_b);
        if (b2 < pb - 1) pb = b2;
      }
      x->pre_src = x->look = pb;
      x->src_end = pe;
      /* "Shelby later said": what lies between hangs from the cue */
      for (uint32_t j = pe; j < cue_b && x->src_next; j++) {
        int32_t h = prc_dep_head(d, j);
        if (h != (int32_t)x->c && !(h >= (int32_t)pe && h < (int32_t)cue_b)) x->src_next = false;
      }
      return true;
    }
    x->post_b = pb; /* after it: "..., said NATO chief Mark Rutte" */
    x->post_e = pe;
  }
  x->pre_src = source_before(d, sb, cue_b);
  {
    /* "Reyes, who said the plan was reckless, voted against it": the
     * relative pronoun after a noun and a comma is the source (PolNeAR marks
     * it; speakers.c resolves it to the noun) */
    uint32_t k = cue_b;
    while (k > sb && is_aux_or_adv(d, k - 1)) k--;
    if (x->pre_src == cue_b && k >= sb + 3 && rel_pronoun(d, k - 1) && tok_is(d, k - 2, ",") && !in_region(d, k - 1) &&
        (d->toks[k - 3].pos == TAG_UPOS_PROPN || d->toks[k - 3].pos == TAG_UPOS_NOUN)) {
      x->pre_src = k - 1;
      x->src_end = k;
      x->look = k - 1;
      x->src_next = true;
      return true;
    }
  }
  x->look = x->pre_src != cue_b ? x->pre_src : cue_b;
  x->src_end = cue_b;
  bool participle = is_participle_cue(d, x->c);
  if (x->pre_src == cue_b && cue_b > sb) {
    uint32_t k = cue_b;
    while (k > sb && is_aux_or_adv(d, k - 1)) k--;
    bool inherited = false;
    if (participle || learned_participle(d, x->c) || (k > sb + 1 && (tok_is(d, k - 1, "and") || tok_is(d, k - 1, "but")))) {
      inherited = inherit_source(d, x->c, cue_b, &x->pre_src, &x->src_end);
    }
    if (!inherited && (participle || (k > sb + 1 && (tok_is(d, k - 1, "and") || tok_is(d, k - 1, "but"))))) {
      uint32_t subj_b = x->s->body_start_tok;
      /* "Meanwhile, it attacked Trump, saying ...": past an opening adverb */
      if (subj_b + 2 < k && d->toks[subj_b].pos == TAG_UPOS_ADV && tok_is(d, subj_b + 1, ",")) subj_b += 2;
      uint32_t subj_e = subject_np(d, subj_b, k);
      if (subj_e > subj_b && subj_e - subj_b <= SUBJECT_NP_MAX && !tok_in(d, subj_b, LXL_SOURCE_OPENER) &&
          !in_region(d, subj_b)) {
        x->pre_src = subj_b;
        x->src_end = subj_e;
      }
    }
  }
  x->src_next = x->src_end == cue_b;
  return !(participle && x->pre_src == cue_b);
}

/* A: a quotation closes right before the source and cue:
 * "Quote," he said.  /  "Quote," said NATO chief Mark Rutte.
 * "First half," he said, "second half." */
#define OPENING_PP_MAX 12 /* tokens of an opening prepositional phrase, at most */
#define PARTIAL_LEAD_MAX 4 /* words before a quotation that opens a quote-then-cue sentence */
#define SOURCE_APPOS_MAX 30 /* tokens of a source with appositions, at most */
static uint32_t pattern_quote_then_cue(cue_ctx *x) {
  precis_doc *d = x->d;
  uint32_t se = x->se;
  int32_t r = region_ending_before(d, x->look, x->sb);
  /* (not past a pronoun: '... the elusive second "black box," the plane's
   * flight data recorder, he said' -- the words before "he" are content) */
  const bool pron_src = x->src_end == x->pre_src + 1 && (lx(d, x->pre_src) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)) &&
                        !tok_in_ci(d, x->pre_src, LXL_POSSESSIVE);
  if (r < 0 && x->pre_src != x->cue_b && !pron_src) {
    /* "“Q,” Senate Majority Leader Mitch McConnell, R-Ky., said": the source
     * found is shorter than the words between quotation and cue (a title
     * left out, an apposition of its own): they all are the source */
    for (uint32_t p = x->look; p > x->sb && x->look - p < SOURCE_APPOS_MAX; p--) {
      int32_t r2 = region_ending_before(d, p, x->sb);
      if (r2 >= 0) {
        r = r2;
        x->pre_src = x->look = p;
        break;
      }
      uint32_t t = p - 1;
      int pt = d->toks[t].pos;
      bool np = pt == TAG_UPOS_PROPN || pt == TAG_UPOS_NOUN || pt == TAG_UPOS_ADJ || pt == TAG_UPOS_DET ||
                pt == TAG_UPOS_NUM || tok_is(d, t, ",") || tok_is(d, t, ".") || tok_is(d, t, "of") ||
                tok_is(d, t, "(") || tok_is(d, t, ")") || tok_is(d, t, "-") || /* "Sen. Lindsey Graham (R-S.C.) told" */
                (pt == TAG_UPOS_VERB && tok_len(d, t) > 4 && !memcmp(tok_str(d, t) + tok_len(d, t) - 2, "ed", 2) &&
                 (d->toks[t + 1].pos == TAG_UPOS_NOUN || d->toks[t + 1].pos == TAG_UPOS_PROPN)) || /* "retired general" */
                /* "his mother, Becky Naib, said", "the governor's spokeswoman, Ann Reyes," */
                (pt == TAG_UPOS_PRON && tok_in_ci(d, t, LXL_POSSESSIVE)) || tok_is(d, t, "'s") ||
                tok_is(d, t, "\xE2\x80\x99s") ||
                /* "his father and mother, Becky Naib, posted": two nouns joined */
                (tok_ieq(d, t, "and") && t > x->sb && t + 1 < p + 1 &&
                 (d->toks[t - 1].pos == TAG_UPOS_NOUN || d->toks[t - 1].pos == TAG_UPOS_PROPN) &&
                 (d->toks[t + 1].pos == TAG_UPOS_NOUN || d->toks[t + 1].pos == TAG_UPOS_PROPN ||
                  d->toks[t + 1].pos == TAG_UPOS_DET || tok_in_ci(d, t + 1, LXL_POSSESSIVE)));
      if (in_region(d, t) || !np || cue_word(d, t)) break;
    }
  }
  if (r < 0 || d->regions[r].taken) return CUE_NEXT;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, x->cue_b, x->cue_e);
  uint32_t after = x->cue_e;
  if (x->pre_src != x->cue_b) set_source(d, q, x->pre_src, x->src_end);
  else if (x->post_b != NONE) {
    set_source(d, q, x->post_b, x->post_e);
    after = x->post_e;
  } else {
    uint32_t e = source_after(d, x->cue_e, se);
    set_source(d, q, x->cue_e, e);
    after = e;
  }
  {
    /* "Clinton "is the only candidate ...," Newton said.": the few words
     * opening the sentence before the quotation are part of what is said */
    uint32_t bs = x->s->body_start_tok, o = d->regions[r].open_tok, words = 0;
    bool ok = o > bs && o - bs <= PARTIAL_LEAD_MAX && !(r > 0 && d->regions[r].cont);
    for (uint32_t j = bs; ok && j < o; j++) {
      if (!(d->toks[j].flags & TF_WORD) || cue_word(d, j) || in_region(d, j)) ok = false;
      words++;
    }
    if (ok && words) {
      add_content(d, q, bs, o);
      q->kind = PRECIS_QUOTE_MIXED;
    }
  }
  take_region_chain(d, q, r);
  /* the second half: "Quote," he said, "more quote." */
  uint32_t k = after;
  while (k < se && !tok_is(d, k, ",") && !(d->toks[k].flags & TF_QUOTE) && !tok_is(d, k, ".") && k - after < SECOND_HALF_GAP) k++;
  if (k < se && (tok_is(d, k, ",") || tok_is(d, k, ":"))) k++;
  int32_t r2 = k < d->ntoks ? region_at(d, k) : -1;
  /* right after the source or after a comma or colon: '"Q," he said during a
   * call to "This Week."' is no second half (PolNeAR train: 44 of 50 left
   * out) */
  if (r2 >= 0 && d->regions[r2].open_tok == k && !d->regions[r2].taken &&
      (k == after || tok_is(d, k - 1, ",") || tok_is(d, k - 1, ":"))) {
    take_region(d, q, r2);
    /* a quote continuing over the next paragraphs */
    while ((uint32_t)r2 + 1 < d->nregions && d->regions[r2 + 1].cont && !d->regions[r2 + 1].taken) {
      r2++;
      take_region(d, q, r2);
    }
    return d->regions[r2].e;
  }
  if (r2 >= 0 && d->regions[r2].open_tok == k && (!d->regions[r2].taken || d->regions[r2].taken == REGION_TITLE)) {
    d->regions[r2].taken = 1; /* a title in the tail: no one's quote ("told CNN's "State of the Union"") */
    return d->regions[r2].e;
  }
  return after;
}

/* "X told Y ...": the object after an addressee verb ("told reporters",
 * "told a group of backers"); returns where the content may start. */
static uint32_t skip_addressee(const cue_ctx *x, uint32_t k) {
  const precis_doc *d = x->d;
  uint32_t c = x->c, se = x->se;
  if (!tok_in_ci(d, c, LXL_ADDRESSEE_CUE)) return k;
  /* "told a town hall in Salem, New Hampshire, on Monday that ...": an
   * addressee with places and times, then "that" (no verb, no quotation
   * before it): the content starts at "that" (PolNeAR train: 66 of 96
   * addressee cues with "that" within 25 words start there, most of the
   * others have a verb before it, "told host X she believed that"; the rule
   * makes 8 contents right, none wrong) */
  if (tags_have_pos(d))
    for (uint32_t j = k; j < se && j < k + ADDRESSEE_LONG; j++) {
      if (tok_is(d, j, "that")) {
        if (j > k) return j;
        break;
      }
      int p = d->toks[j].pos;
      if (p == TAG_UPOS_VERB || p == TAG_UPOS_AUX || p == TAG_UPOS_PRON || p == TAG_UPOS_SCONJ ||
          (d->toks[j].flags & TF_QUOTE) || tok_is(d, j, ".") || tok_is(d, j, ";") || tok_is(d, j, ":"))
        break;
    }
  uint32_t o = np_end_of(d, k, se);
  if (o > k && o < se && (tok_is(d, o, "that") || tok_is(d, o, ",") || tok_is(d, o, ":") ||
                          (d->toks[o].flags & TF_QUOTE)))
    return o;
  if (o > k && o - k <= ADDRESSEE_SHORT) return o;
  return k;
}

/* Where the content after "X said" starts: past the addressee ("told
 * reporters"), a topic ("said of Clinton, ..."), adverbials before "that"
 * ("said on Tuesday that") and a colon or comma. */
#define TIME_TAIL_MAX 4
static bool time_tail_word(const precis_doc *d, uint32_t j) {
  static const char *const w[] = {"on", "early", "late", "last", "this", "next", "week", "morning", "afternoon",
                                  "evening", "night", "today", "yesterday", "tonight", "earlier", "later", NULL};
  if (lx(d, j) & (LX_DAY | LX_MONTH)) return true;
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, j, *p)) return true;
  return false;
}

static uint32_t content_after_cue(const cue_ctx *x) {
  const precis_doc *d = x->d;
  uint32_t se = x->se;
  uint32_t k = skip_addressee(x, x->cue_e);
  /* "said of Clinton, ..." */
  if (tok_is(d, k, "of")) {
    uint32_t o = np_end_of(d, k + 1, se);
    if (o > k + 1 && o < se && tok_is(d, o, ",")) k = o + 1;
  }
  /* skip adverbials between cue and content: "said on Tuesday that" */
  uint32_t k2 = k;
  while (k2 < se && k2 - k < ADVERBIAL_MAX && !tok_is(d, k2, "that") && !(d->toks[k2].flags & TF_QUOTE) &&
         !tok_is(d, k2, ":") && !tok_is(d, k2, ","))
    k2++;
  if (k2 < se && tok_is(d, k2, "that") && k2 > k && (tok_in(d, k, LXL_ADVERBIAL_START) || (d->toks[k].flags & TF_CAP)))
    k = k2;
  while (k < se && (tok_is(d, k, ":") || tok_is(d, k, ","))) k++;
  /* "..., the mayor said Tuesday.", "said on Friday morning.": only a time
   * is left, no content */
  if (k < x->body_end && x->body_end - k <= TIME_TAIL_MAX) {
    uint32_t j = k;
    while (j < x->body_end && time_tail_word(d, j)) j++;
    if (j == x->body_end) return x->body_end;
  }
  return k;
}

/* B: "Hegseth said: "Quote."": a quotation opens at k, right after the cue;
 * text after it in the same sentence makes the quote mixed. */
static uint32_t pattern_cue_then_quote(cue_ctx *x, uint32_t k) {
  precis_doc *d = x->d;
  uint32_t body_end = x->body_end;
  int32_t rr = region_at(d, k);
  if (rr < 0 || d->regions[rr].open_tok != k || d->regions[rr].taken) return CUE_NEXT;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, x->cue_b, x->cue_e);
  set_source(d, q, x->pre_src, x->src_end);
  take_region(d, q, rr);
  uint32_t end = d->regions[rr].closed ? d->regions[rr].e + 1 : d->regions[rr].e;
  while ((uint32_t)rr + 1 < d->nregions && d->regions[rr + 1].cont && !d->regions[rr + 1].taken) {
    rr++;
    take_region(d, q, rr);
    end = d->regions[rr].e;
  }
  /* text after the quote in the same sentence makes it mixed */
  if (end < body_end && d->toks[end].sent == (uint32_t)(x->s - d->sents)) {
    bool words = false;
    for (uint32_t j = end; j < body_end; j++)
      if (d->toks[j].flags & TF_WORD) words = true;
    if (words) {
      add_content(d, q, end, body_end);
      q->kind = PRECIS_QUOTE_MIXED;
      claim_regions_in(d, q, end, body_end);
      return body_end;
    }
  }
  return end;
}

/* Is the word at k, right after the cue, the start of something other than
 * a statement: a preposition ("wrote in a message") or, after a verb that
 * takes one, a gerund object ("admitted stabbing ...")? */
static bool cue_object_not_clause(const cue_ctx *x, uint32_t k) {
  const precis_doc *d = x->d;
  uint32_t c = x->c;
  bool prep = tags_have_pos(d) ? d->toks[k].pos == TAG_UPOS_ADP && !tok_is(d, k, "that")
                               : tok_in(d, k, LXL_PREPOSITION);
  /* "has admitted stabbing ...": a gerund is an action, not a statement */
  bool gerund = tags_have_pos(d) ? (d->toks[k].pos == TAG_UPOS_VERB && tok_len(d, k) > 4 &&
                                    !memcmp(tok_str(d, k) + tok_len(d, k) - 3, "ing", 3))
                                 : ((d->toks[k].flags & TF_WORD) && !(d->toks[k].flags & TF_CAP) &&
                                    tok_len(d, k) > 4 && !memcmp(tok_str(d, k) + tok_len(d, k) - 3, "ing", 3));
  /* only verbs that take a gerund object: "admitted stabbing", not "said trying to" */
  if (gerund) gerund = tok_in(d, c, LXL_GERUND_VERB);
  return prep || gerund;
}

/* "The museum, Mr. Bush said, celebrated ...", "The truth, the senator said
 * then, was that ...": a cue set off by commas on both sides splits its
 * content, and the words before it are the first part (PolNeAR's
 * discontinuous content).  front is where the source and cue begin, cue_e
 * where the cue ends, [k, ce) the content after it.  Adds the first part to
 * q and returns where the second begins (after the second comma). */
static uint32_t parenthetical(precis_doc *d, const sentence *s, quote *q, uint32_t front, uint32_t cue_e, uint32_t k,
                              uint32_t ce) {
  uint32_t fb = s->body_start_tok;
  if (front <= fb + 1 || !tok_is(d, front - 1, ",") || in_region(d, front - 2)) return k;
  /* the second comma: right after the cue, or after a short adverbial
   * ("said then,", "told me on Friday,"), with no verb in between */
  const uint32_t c2 = paren_close(d, cue_e, ce);
  if (c2 == NONE || c2 + 1 >= ce || c2 + 1 < k) return k;
  /* not ", saying ...": a participle after the comma is another cue's */
  if (tok_in(d, c2 + 1, LXL_PARTICIPLE_CUE) || learned_participle(d, c2 + 1)) return k;
  bool words = false, verb = false, noun = false;
  for (uint32_t j = fb; j < front - 1; j++) {
    if (d->toks[j].flags & TF_WORD) words = true;
    if (cue_word(d, j)) return k;
    int p = d->toks[j].pos;
    verb |= p == TAG_UPOS_VERB || p == TAG_UPOS_AUX;
    noun |= p == TAG_UPOS_NOUN || p == TAG_UPOS_PROPN || p == TAG_UPOS_PRON || p == TAG_UPOS_NUM;
  }
  /* the first part is a subject or a clause, not an opening adverbial
   * ("Meanwhile,", "In Washington,") */
  int p0 = d->toks[fb].pos;
  if (!words || (!verb && (!noun || p0 == TAG_UPOS_ADP || p0 == TAG_UPOS_ADV || p0 == TAG_UPOS_SCONJ))) return k;
  add_content(d, q, fb, front - 1);
  return c2 + 1;
}

/* C: "Hegseth said (that) clause ... "partial" ...": a reported clause from
 * k to the end of the clause (indirect, or mixed with a quoted part). */
static bool inversion_verb(const precis_doc *d, uint32_t c);
static bool no_np_start(const precis_doc *d, uint32_t i, uint32_t end);
/* a comma outside quotations among the tokens [b, e) */
static bool comma_between(const precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t j = b; j < e; j++)
    if (tok_is(d, j, ",") && !in_region(d, j)) return true;
  return false;
}

#define PP_THAT_MAX 12 /* tokens of a prepositional phrase between a cue and "that", at most */
static uint32_t pattern_reported_clause(cue_ctx *x, uint32_t k) {
  precis_doc *d = x->d;
  uint32_t c = x->c, se = x->se, body_end = x->body_end, pre_src = x->pre_src;
  /* the tree's complement clause, when the sentence is parsed */
  uint32_t tv = NONE, tlo = NONE, thi = NONE;
  bool tree = parse_content(x, &tv, &tlo, &thi);
  /* "said in a statement that ...": what the rules stop at hangs from the cue */
  if (tree && tlo > k && cue_object_not_clause(x, k)) {
    bool cue_s = true;
    for (uint32_t j = k; j < tlo && cue_s; j++) {
      int32_t h = prc_dep_head(d, j);
      cue_s = h == (int32_t)c || (h >= (int32_t)k && h < (int32_t)tlo);
    }
    if (cue_s) k = tlo;
  }
  /* "said after his client's first court appearance that ...", "said in
   * a statement on Monday that ...": a prepositional phrase of nouns alone,
   * then "that" (0.13: no quote when the tree hung the clause elsewhere) */
  if (cue_object_not_clause(x, k) && tags_have_pos(d) && !tok_is(d, k, "to") && !tok_is(d, k, "of")) {
    for (uint32_t j = k + 1; j < x->body_end && j <= k + PP_THAT_MAX; j++) {
      if (tok_is(d, j, "that")) {
        /* the complementiser: a subject, then a verb ("that Brandon Keyes
         * pointed"); not "a return that passes", "one count of that same
         * offense:" */
        bool clause = j + 1 < x->body_end && d->toks[j + 1].pos != TAG_UPOS_VERB && d->toks[j + 1].pos != TAG_UPOS_AUX;
        bool verb = false;
        for (uint32_t v = j + 2; clause && !verb && v < x->body_end && v <= j + PP_THAT_MAX; v++) {
          if (tok_is(d, v, ",") || tok_is(d, v, ":") || tok_is(d, v, ";") || tok_is(d, v, ".")) break;
          verb = d->toks[v].pos == TAG_UPOS_VERB || d->toks[v].pos == TAG_UPOS_AUX;
        }
        if (j > k + 1 && clause && verb) k = j;
        break;
      }
      const int p = d->toks[j].pos;
      if (in_region(d, j) || !(p == TAG_UPOS_DET || p == TAG_UPOS_ADJ || p == TAG_UPOS_NOUN || p == TAG_UPOS_PROPN ||
                               p == TAG_UPOS_NUM || p == TAG_UPOS_ADP || p == TAG_UPOS_PART ||
                               (p == TAG_UPOS_PRON && tok_in_ci(d, j, LXL_POSSESSIVE))))
        break;
    }
  }
  /* "vowed to reach", "expected to rise": an infinitive is no statement;
   * "wrote in a message", "continued with the fight": a preposition neither */
  if (tok_is(d, k, "to") && !tok_ieq(d, c, "according")) return 0;
  if (cue_object_not_clause(x, k)) return CUE_NEXT;
  if ((lx(d, c) & LX_SPEECH_NOTHAT) && !tok_is(d, k, "that")) return CUE_NEXT;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, x->cue_b, x->cue_e);
  set_source(d, q, pre_src, x->src_end);
  uint32_t ce = clause_end(d, k, body_end, tv, tlo, thi);
  /* "Reyes, who said the plan was reckless, voted against it": the
   * relative clause ends at a comma before the main clause's verb */
  /* (0.13: also "X, an oncologist who advised Obama, said ...": the relative
   * clause inside an apposition, no comma before its pronoun) */
  if (pre_src + 1 == x->src_end && rel_pronoun(d, pre_src) && pre_src > x->sb &&
      (tok_is(d, pre_src - 1, ",") || comma_between(d, x->sb, pre_src))) {
    for (uint32_t j = k; j + 1 < ce; j++)
      if (tok_is(d, j, ",") && !in_region(d, j) &&
          (d->toks[j + 1].pos == TAG_UPOS_VERB || d->toks[j + 1].pos == TAG_UPOS_AUX)) {
        ce = j;
        break;
      }
  }
  /* a subordinate "While he said X, main clause" keeps X only */
  if (pre_src > x->sb && tok_in_ci(d, pre_src - 1, LXL_SUBORDINATOR)) {
    for (uint32_t j = k; j < body_end; j++)
      if (tok_is(d, j, ",") && !in_region(d, j)) { ce = j; break; }
  }
  /* keep a closing quotation mark whose opening mark is in the content,
   * with the stop before it: the plan "has no future." */
  for (uint32_t j = ce; j < se && j < ce + CLOSE_MARK_LOOKAHEAD; j++) {
    if ((d->toks[j].flags & TF_QUOTE) && in_region(d, j) && d->regions[region_at(d, j)].open_tok >= k &&
        d->regions[region_at(d, j)].closed && d->regions[region_at(d, j)].e == j) {
      ce = j + 1;
      break;
    }
    if (!(tok_is(d, j, ".") || tok_is(d, j, "!") || tok_is(d, j, "?") || tok_is(d, j, ","))) break;
  }
  /* a reported clause has a verb: "promised a review", "expect a deal" are no
   * statements; "The plan is dead, said the mayor": what follows the cue is
   * its source, the clause before it the content (pattern_clause_then_cue;
   * 0.12.3: no quote, and the tree's pattern took "the mayor" for the
   * content) */
  if (!has_clause(d, k, ce)) {
    d->nquotes--;
    return x->cue_b > x->sb && tok_is(d, x->cue_b - 1, ",") && inversion_verb(d, x->cue_e - 1) &&
                   !no_np_start(d, x->cue_e, x->se)
               ? CUE_NEXT
               : 0;
  }
  uint32_t front = pre_src < x->cue_b ? pre_src : x->cue_b;
  k = parenthetical(d, x->s, q, front, x->cue_e, k, ce);
  ce = to_closing_mark(d, k, ce);
  set_reported_content(d, q, k, ce);
  return ce;
}

/* a quotation mark among the tokens [b, e) */
static bool region_at_or_after(const precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t j = b; j < e; j++)
    if (in_region(d, j)) return true;
  return false;
}

/* A word no source after a cue starts with: ", promising to lift ...",
 * ", adding that ..." */
static bool no_np_start(const precis_doc *d, uint32_t i, uint32_t end) {
  if (i >= end) return true;
  if (tok_ieq(d, i, "to") || is_clause_word(d, i) || adverb_or_neg(d, i)) return true;
  /* "said Tuesday", "saying early Friday" */
  if (lx(d, i) & (LX_DAY | LX_MONTH)) return true;
  if (i + 1 < end && (lx(d, i + 1) & LX_DAY) && (tok_ieq(d, i, "early") || tok_ieq(d, i, "late") || tok_ieq(d, i, "last")))
    return true;
  if (!tags_have_pos(d)) return false;
  int p = d->toks[i].pos;
  return p == TAG_UPOS_ADP || p == TAG_UPOS_PART || p == TAG_UPOS_SCONJ || p == TAG_UPOS_VERB || p == TAG_UPOS_AUX;
}

/* D: "Content, officials said." / "Content, said the spokesman.": the
 * sentence up to the comma before the source (after it only adverbials). */
static uint32_t pattern_tree(precis_doc *d, const sentence *s, uint32_t c, atree *t);
/* A verb whose subject may follow it: "..., said the mayor", "..., added
 * Ms Reyes", "..., wrote Tom Hale".  A verb with an object is not one:
 * "Mr Clarke, writing in The Times, accused [some critics] of hypocrisy"
 * (0.12.3: "some critics" was the source, the subject the content). */
static bool inversion_verb(const precis_doc *d, uint32_t c) {
  static const char *const stems[] = {"said", "say", "add", "ask", "wrote", "write", "explain", "note", "continue",
                                      "argue", "insist", "warn", "recall", "replie", "reply", "told", "tell",
                                      "declare", "stress", "observe", "admit", "acknowledge", "concede", "caution",
                                      "counter", "agree", "suggest", "claim", "confirm", "announce", "report",
                                      "quip", "joke", "predict", "conclude", "remark", "respond", "shout", "tweet",
                                      "according", "state", "reckon", "think", "thought", "believe", "complain",
                                      "boast", "muse", "emphasi", "point", "recount", "comment", "wonder", "cried",
                                      "crie", "exclaim", "laugh", "sigh", "scoff", "added", "vow", "promise"};
  const char *w = tok_str(d, c);
  size_t n = tok_len(d, c);
  for (size_t k = 0; k < sizeof stems / sizeof stems[0]; k++) {
    size_t m = strlen(stems[k]);
    if (n >= m && n <= m + 3 && !strncasecmp(w, stems[k], m)) return true;
  }
  return false;
}

static uint32_t pattern_clause_then_cue(cue_ctx *x) {
  precis_doc *d = x->d;
  const sentence *s = x->s;
  uint32_t sb = x->sb, cue_b = x->cue_b, cue_e = x->cue_e, pre_src = x->pre_src;
  uint32_t src_b = NONE, src_e = NONE, comma = NONE;
  if (pre_src != cue_b && x->src_next && pre_src > sb && tok_is(d, pre_src - 1, ",")) {
    src_b = pre_src;
    src_e = cue_b;
    comma = pre_src - 1;
  } else if (cue_b > sb && tok_is(d, cue_b - 1, ",") && x->post_b != NONE && inversion_verb(d, cue_e - 1)) {
    src_b = x->post_b;
    src_e = x->post_e;
    comma = cue_b - 1;
  } else if (cue_b > sb && tok_is(d, cue_b - 1, ",") && !no_np_start(d, cue_e, x->se) && inversion_verb(d, cue_e - 1)) {
    uint32_t e = source_after(d, cue_e, x->se);
    if (e > cue_e) {
      src_b = cue_e;
      src_e = e;
      comma = cue_b - 1;
    }
  }
  if (comma == NONE || comma <= s->body_start_tok) return 0;
  /* "A USA TODAY analysis of super PACs ..., shows Democratic groups
   * outpacing Republicans", "Citing a theory, Trump accused X of ...": a
   * cue with a clause of its own after it (not an adverb, a preposition or
   * a day: "..., the minister said on Monday") says that, not the clause
   * before the comma; the tree's pattern takes it, with the source found
   * here when the tree gives none.  (PolNeAR train: content 49.67 -> 49.76,
   * linked 49.99% -> 50.05%, cue and source unchanged.) */
  {
    uint32_t t0 = src_e > cue_e ? src_e : cue_e;
    if (t0 < x->body_end) {
      const token *u = &d->toks[t0];
      if ((u->flags & TF_WORD) && !in_region(d, t0) && u->pos != TAG_UPOS_ADP && u->pos != TAG_UPOS_ADV &&
          !time_tail_word(d, t0) && has_clause(d, t0, x->body_end)) {
        uint32_t before = d->nquotes;
        uint32_t r = pattern_tree(d, s, x->c, x->t);
        if (d->nquotes > before) {
          quote *q = &d->quotes[d->nquotes - 1];
          /* (nor a source the tree found after the cue when the rules' is
           * before it: a tree gone astray takes the complement's subject) */
          if (q->source_tok_begin == NONE || (src_e <= cue_b && q->source_tok_begin >= cue_e)) {
            /* a source after the cue that is the content's own subject ("The
             * firm, which last year made ..., said the latest discovery could
             * lead to ..."): the sentence's subject before the cue instead
             * (0.12.3: "the latest discovery" was source and content both) */
            if (src_b >= cue_e && q->ncontent && d->toks[src_b].start >= q->content0.start &&
                d->toks[src_b].start < q->content0.end) {
              uint32_t b0 = s->body_start_tok, e0 = subject_np(d, b0, comma);
              if (e0 > b0 && e0 - b0 <= SUBJECT_NP_MAX && !tok_in(d, b0, LXL_SOURCE_OPENER) && !in_region(d, b0))
                set_source(d, q, b0, e0);
              else
                q->source_tok_begin = q->source_tok_end = NONE;
            } else {
              set_source(d, q, src_b, src_e);
            }
          }
          return r;
        }
      }
    }
  }
  /* "Dr Greenspan, 79, who has been in the UK ..., said the world could
   * never repay the debt": the noun phrase after the cue is the subject of
   * its complement, not an inverted source; the sentence's subject speaks
   * (0.12.3: "the world" was the source, the subject's clauses the content) */
  if (src_b >= cue_e && src_e < x->body_end && tags_have_pos(d) &&
      (d->toks[src_e].pos == TAG_UPOS_AUX || d->toks[src_e].pos == TAG_UPOS_VERB) && !in_region(d, src_e)) {
    uint32_t b0 = s->body_start_tok, e0 = subject_np(d, b0, comma);
    if (!(e0 > b0 && e0 - b0 <= SUBJECT_NP_MAX && tok_is(d, e0, ",") && !tok_in(d, b0, LXL_SOURCE_OPENER) &&
          !in_region(d, b0)))
      return 0;
    uint32_t ce = clause_end(d, cue_e, x->body_end, NONE, NONE, NONE);
    if (ce <= cue_e || !has_clause(d, cue_e, ce)) return 0;
    quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, cue_b, cue_e);
    set_source(d, q, b0, e0);
    set_reported_content(d, q, cue_e, ce);
    return ce;
  }
  uint32_t cb = s->body_start_tok;
  /* "However, X, the IMF said": the connective links the sentence to the
   * one before; it is not what the source said (PolNeAR leaves it out) */
  if (!in_region(d, cb) && (tok_ieq(d, cb, "however") || tok_ieq(d, cb, "still") ||
                            tok_ieq(d, cb, "meanwhile"))) {
    cb++;
    if (tok_is(d, cb, ",")) cb++;
  } else if (!in_region(d, cb) && cb + 2 < comma && tok_ieq(d, cb, "in") && tok_ieq(d, cb + 1, "addition") && tok_is(d, cb + 2, ",")) {
    cb += 3;
  }
  if (cb >= comma) return 0;
  /* an opening adverbial is no statement: "At a rally Friday, Trump asked
   * ...", "More recently, the SEC charged ..." (the tree's pattern may still
   * find the cue's complement) */
  if (tags_have_pos(d) && !region_at_or_after(d, cb, comma) && !has_clause(d, cb, comma)) return 0;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, cue_b, cue_e);
  set_source(d, q, src_b, src_e);
  set_reported_content(d, q, cb, comma);
  return src_e > cue_e ? src_e : cue_e;
}

/* Try the patterns for the cue at token c of sentence s.  Returns the token
 * after the last one used, or 0 when nothing was found. */
/* T: a learned cue none of the patterns above fits ("wants to extend ...",
 * "questioned how ...", "has denied the claims"): the cue word's subject
 * subtree is the source and its clausal complement, open complement or
 * object after the cue the content, by the tree.  Nothing without a tree
 * or without such a complement. */
static uint32_t pattern_tree(precis_doc *d, const sentence *s, uint32_t c, atree *t) {
  cue_ctx x;
  cue_init(&x, d, s, c, t);
  if (!x.t) return 0;
  /* an indirect object last: "asked the council to delay the vote" (the
   * tree hangs the infinitive on the council) */
  static const int rels[] = {PRC_DEP_CCOMP, PRC_DEP_XCOMP, PRC_DEP_OBJ, PRC_DEP_IOBJ};
  uint32_t v = NONE;
  uint32_t cb, ce;
  /* a cue ending on a preposition ("called for", "complained about",
   * "was accused of"): the content is the phrase the preposition marks */
  if (x.cue_e > x.cue_b + 1 && d->toks[x.cue_e - 1].pos == TAG_UPOS_ADP) {
    int32_t h = prc_dep_head(d, x.cue_e - 1);
    /* not a name: "who speaks for the Calder Valley Growers" is no statement */
    if (h >= (int32_t)x.cue_e && h < (int32_t)x.body_end && d->toks[h].pos != TAG_UPOS_PROPN) v = (uint32_t)h;
  }
  for (size_t k = 0; k < sizeof rels / sizeof rels[0] && v == NONE; k++) {
    uint32_t ch = tree_child(d, x.t, c, rels[k], true);
    if (ch != NONE && ch >= x.cue_e) v = ch;
  }
  if (v == NONE) return 0;
  tree_span(x.t, v, &cb, &ce);
  /* an object of one word is a phrase, not something said: "took charge" */
  if (prc_dep_rel(d, v) == PRC_DEP_OBJ && ce - cb < 2) return 0;
  if (prc_dep_rel(d, v) == PRC_DEP_IOBJ && ce < x.body_end && tok_is(d, ce, "to")) {
    /* "asked the candidates to discuss ...": the tree hangs the infinitive on
     * the cue, right after its object; both are the content */
    uint32_t w = prc_dep_head(d, ce) >= 0 ? (uint32_t)prc_dep_head(d, ce) : NONE;
    if (w != NONE && w > ce && prc_dep_head(d, w) == (int32_t)c) {
      uint32_t wb, we;
      tree_span(x.t, w, &wb, &we);
      if (wb == ce && we > ce) ce = we;
    }
  }
  if (prc_dep_rel(d, v) == PRC_DEP_IOBJ && !has_clause(d, cb, ce)) return 0; /* "told him", "gave them a bonus" */
  if (cb < x.cue_e) cb = x.cue_e;
  if (ce > x.body_end) ce = x.body_end;
  /* a complement that starts past another cue is a tree gone astray ("He
   * didn't say so, but the Tories believe ... are soft on terrorism") */
  for (uint32_t j = x.cue_e; j < cb; j++)
    if (cue_word(d, j) && !in_region(d, j)) return 0;
  /* an open complement keeps its "to": "wants to extend the deal" */
  while (cb < ce && (tok_is(d, cb, ",") || tok_is(d, cb, ":"))) cb++;
  if (ce <= cb) return 0;
  /* ", saying ...", "... and has called for ...": another cue ends it */
  {
    uint32_t lo, hi;
    tree_span(x.t, v, &lo, &hi);
    ce = clause_end(d, cb, ce, v, lo, hi);
    for (uint32_t j = cb + 1; j + 1 < ce; j++)
      if (tok_is(d, j, ",") && !in_region(d, j) &&
          (tok_in(d, j + 1, LXL_PARTICIPLE_CUE) || learned_participle(d, j + 1))) {
        ce = j;
        break;
      }
    while (ce > cb && tok_is(d, ce - 1, ",")) ce--;
    if (ce <= cb) return 0;
  }
  uint32_t pb, pe;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, x.cue_b, x.cue_e);
  bool passive = passive_cue(d, x.sb, x.cue_b, c);
  /* "The ferry plan appears to be dead": a raising verb's subject is what is
   * said about, like a passive's, and there is no source (PolNeAR train: 166
   * of 226 appear/seem cues); not before a speech verb ("appeared to
   * suggest": the subject is its source) */
  if (!passive && raising_cue(d, c) &&
      !(x.cue_e + 1 < x.se && tok_is(d, x.cue_e, "to") && (is_cue(d, x.cue_e + 1) || (lx(d, x.cue_e + 1) & LX_SPEECH))))
    passive = true;
  /* "Obama's veto is expected to come ...": the passive's subject is what
   * is said about, the first part of the content (PolNeAR); not the
   * addressee of "was asked", "were told" (train: 33 of 44 leave it out),
   * nor "it" ("it is expected to rise", "it was revealed that": 19 of 27) */
  if (passive && !addressee_passive(d, c) && parse_source(&x, &pb, &pe) && pe <= x.cue_b && cb >= x.cue_e &&
      !(pe == pb + 1 && tok_ieq(d, pb, "it")))
    add_content(d, q, pb, pe);
  if (!passive) {
    if (parse_source(&x, &pb, &pe))
      set_source(d, q, pb, pe); /* PolNeAR keeps cues without a source */
    else {
      /* the tree went astray: "X said ... and promised free ferries", ", citing
       * ...": the sentence's subject, as the rules take it */
      uint32_t k = x.cue_b;
      while (k > x.sb && is_aux_or_adv(d, k - 1)) k--;
      bool participle = is_participle_cue(d, c) || learned_participle(d, c);
      if ((participle || (k > x.sb + 1 && (tok_is(d, k - 1, "and") || tok_is(d, k - 1, "but")))) &&
          inherit_source(d, c, x.cue_b, &pb, &pe))
        set_source(d, q, pb, pe);
      else if ((k > x.sb + 1 && (tok_is(d, k - 1, "and") || tok_is(d, k - 1, "but"))) || is_participle_cue(d, c) ||
          learned_participle(d, c)) {
        uint32_t sb2 = s->body_start_tok, se2 = subject_np(d, sb2, k);
        if (se2 > sb2 && se2 - sb2 <= SUBJECT_NP_MAX && !tok_in(d, sb2, LXL_SOURCE_OPENER) && !in_region(d, sb2))
          set_source(d, q, sb2, se2);
      }
    }
  }
  {
    uint32_t front = x.cue_b;
    if (q->source_tok_begin != NONE && q->source_tok_begin < front) front = q->source_tok_begin;
    cb = parenthetical(d, s, q, front, x.cue_e, cb, ce);
  }
  ce = to_closing_mark(d, cb, ce);
  set_reported_content(d, q, cb, ce);
  return ce;
}

static uint32_t attribute_cue_rules(precis_doc *d, const sentence *s, uint32_t c, atree *t);
static uint32_t attribute_cue(precis_doc *d, const sentence *s, uint32_t c, atree *t) {
  uint32_t before = d->nquotes;
  uint32_t r = attribute_cue_rules(d, s, c, t);
  if (d->nquotes == before && d->cue_lab) r = pattern_tree(d, s, c, t);
  return r;
}

/* S: "As Politico reported (last week), content." / "Content, as the Times
 * noted, more content.": the source between "as" and the cue, the rest of
 * the sentence (both sides of the aside) the content.  CUE_NEXT when the
 * cue has no such "as" before its source. */
#define AS_ADVERBIAL_MAX 4 /* "reported last week," : words between the cue and the comma */
static uint32_t pattern_as(cue_ctx *x) {
  precis_doc *d = x->d;
  uint32_t as = x->pre_src;
  if (as == x->cue_b || as == 0 || as <= x->s->body_start_tok - (x->s->body_start_tok > 0)) return CUE_NEXT;
  as--;
  if (!tok_ieq(d, as, "as") || as < x->s->body_start_tok) return CUE_NEXT;
  bool opens = as == x->s->body_start_tok, aside = as > x->s->body_start_tok && tok_is(d, as - 1, ",");
  if (!opens && !aside) return CUE_NEXT;
  uint32_t k = x->cue_e;
  while (k < x->body_end && k - x->cue_e < AS_ADVERBIAL_MAX && !tok_is(d, k, ",")) k++;
  if (k >= x->body_end || !tok_is(d, k, ",")) return CUE_NEXT;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, x->cue_b, x->cue_e);
  set_source(d, q, x->pre_src, x->src_end);
  if (aside) add_content(d, q, x->s->body_start_tok, as - 1);
  add_content(d, q, k + 1, x->body_end);
  q->kind = kind_of(d, k + 1, x->body_end);
  claim_regions_in(d, q, aside ? x->s->body_start_tok : k + 1, x->body_end);
  return x->body_end;
}

/* "The New York Times reports:" closing its paragraph, the next paragraph
 * being what it reports (a quotation or a block quote): the content is that
 * paragraph.  CUE_NEXT when the cue is not followed by a colon that ends
 * its paragraph. */
#define COLON_PARA_WORDS 4 /* words of the next paragraph, at least */
static uint32_t pattern_colon_paragraph(cue_ctx *x) {
  precis_doc *d = x->d;
  uint32_t s = (uint32_t)(x->s - d->sents);
  uint32_t k = x->cue_e;
  if (k >= x->se || !tok_is(d, k, ":")) return CUE_NEXT;
  for (uint32_t j = k + 1; j < x->se; j++)
    if (d->toks[j].flags & TF_WORD) return CUE_NEXT; /* text after the colon: the other patterns */
  if (s + 1 >= d->nsents || d->sents[s + 1].para == x->s->para || !prc_sent_is_text(&d->sents[s + 1])) return CUE_NEXT;
  uint32_t ns = s + 1, para = d->sents[ns].para, last = ns;
  while (last + 1 < d->nsents && d->sents[last + 1].para == para && prc_sent_is_text(&d->sents[last + 1])) last++;
  uint32_t cb = d->sents[ns].body_start_tok, ce = d->sents[last].tok_end, words = 0;
  for (uint32_t j = cb; j < ce; j++) {
    if (d->toks[j].flags & TF_WORD) words++;
    if (cue_word(d, j) && !in_region(d, j)) return CUE_NEXT; /* a paragraph with its own attribution */
  }
  if (words < COLON_PARA_WORDS) return CUE_NEXT;
  int32_t r = region_at(d, cb);
  if (r >= 0 && d->regions[r].taken) return CUE_NEXT;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, x->cue_b, x->cue_e);
  set_source(d, q, x->pre_src, x->src_end);
  if (r >= 0 && d->regions[r].open_tok == cb) { /* a quotation: its text, as the other patterns take it */
    take_region(d, q, r);
    while ((uint32_t)r + 1 < d->nregions && d->regions[r + 1].cont && !d->regions[r + 1].taken) take_region(d, q, ++r);
    return x->se;
  }
  trim_punct(d, &cb, &ce);
  if (ce <= cb) {
    d->nquotes--;
    return CUE_NEXT;
  }
  add_content(d, q, cb, ce);
  q->kind = kind_of(d, cb, ce);
  claim_regions_in(d, q, cb, ce);
  return x->se;
}

/* "Asked whether the pier would reopen, Quist said no.": the question up to
 * the first comma is the content, the main clause's subject the source
 * (who was asked); the main clause's own cue is attributed next. */
#define ASKED_MAX 40 /* tokens of the question, at most */
static uint32_t pattern_asked(cue_ctx *x) {
  precis_doc *d = x->d;
  const uint32_t c = x->c;
  uint32_t k = c + 1;
  while (k < x->body_end && k - c <= ASKED_MAX && !(tok_is(d, k, ",") && d->toks[k].quote_depth <= 0)) k++;
  if (k >= x->body_end || !tok_is(d, k, ",") || k == c + 1) return 0;
  quote *q = new_quote(d, PRECIS_QUOTE_INDIRECT, c, c + 1);
  const uint32_t e = subject_np(d, k + 1, x->body_end);
  if (e > k + 1) set_source(d, q, k + 1, e);
  add_content(d, q, c + 1, k);
  q->kind = kind_of(d, c + 1, k);
  claim_regions_in(d, q, c + 1, k);
  return k + 1;
}

static uint32_t attribute_cue_rules(precis_doc *d, const sentence *s, uint32_t c, atree *t) {
  cue_ctx x;
  cue_init(&x, d, s, c, t);
  if (tok_ieq(d, c, "according")) return pattern_according_to(&x);
  if (opening_asked(d, c)) return pattern_asked(&x);
  if (!find_source_before(&x)) return 0;
  uint32_t ra = pattern_as(&x);
  if (ra != CUE_NEXT) return ra;
  uint32_t r = pattern_quote_then_cue(&x);
  if (r != CUE_NEXT) return r;
  if (x.pre_src != x.cue_b) { /* the source is before the cue: B, C */
    r = pattern_colon_paragraph(&x);
    if (r != CUE_NEXT) return r;
    uint32_t k = content_after_cue(&x);
    /* "X is motivated, the OSI claimed, adding that ...": what follows is
     * another cue's, the content is before */
    bool participle_next = k < x.body_end && k > x.cue_e && tok_is(d, k - 1, ",") &&
                           (tok_in(d, k, LXL_PARTICIPLE_CUE) || learned_participle(d, k));
    if (k < x.body_end && !participle_next) {
      r = pattern_cue_then_quote(&x, k);
      if (r != CUE_NEXT) return r;
      r = pattern_reported_clause(&x, k);
      if (r != CUE_NEXT) return r;
    }
  }
  r = pattern_clause_then_cue(&x);
  return r == CUE_NEXT ? 0 : r;
}

/* ---- speaker labels --------------------------------------------------------
 *
 * L: a paragraph (or headline) that opens with a short name and a colon:
 *   "Pence: Trump Was 'Mocking' Clinton"      (a headline)
 *   "WALLACE: Let's start with the debate."   (a transcript; an opening mark may come first)
 * The name is the source, the colon the cue, the rest of the paragraph the
 * content.  The name is 1 to LABEL_MAX words, capitalised, nouns or names
 * (no verb: "Wait, it gets better:" is no speaker), not a label word
 * ("Update:", "Photo:", "Editor's note:"). */
#define LABEL_MAX 5
static bool label_word(const precis_doc *d, uint32_t i, bool first) {
  const token *t = &d->toks[i];
  if (!(t->flags & TF_WORD)) return !first && (tok_is(d, i, "-") || tok_is(d, i, ".") || tok_is(d, i, "&"));
  if (tok_in_ci(d, i, LXL_NOT_SPEAKER_LABEL)) return false;
  if (first && !(t->flags & TF_CAP)) return false;
  if (!tags_have_pos(d)) return (t->flags & TF_CAP) != 0;
  int p = t->pos;
  /* "The mayor:", "Her deputy:" (the word after it must be a noun: label_ok) */
  if (first && (p == TAG_UPOS_DET || (p == TAG_UPOS_PRON && tok_in_ci(d, i, LXL_POSSESSIVE)))) return true;
  return p == TAG_UPOS_PROPN || p == TAG_UPOS_NOUN || (p == TAG_UPOS_PART && tok_is(d, i, "\xE2\x80\x99s")) ||
         (p == TAG_UPOS_PART && tok_is(d, i, "'s")) || ((t->flags & TF_CAP) && p == TAG_UPOS_ADJ);
}

/* "Said Ellis: “I don't get the sense ...”", "Added the mayor, “...”": a cue
 * opening its sentence, a short source, a colon or comma, then a quotation.
 * Returns whether a quote was made. */
#define SAID_FIRST_SRC_MAX 6
static bool pattern_said_first(precis_doc *d, uint32_t s) {
  const sentence *se = &d->sents[s];
  uint32_t c = se->body_start_tok, e = se->tok_end;
  if (c + 3 >= e || !(d->toks[c].flags & TF_CAP) || !(lx(d, c) & LX_SPEECH) || in_region(d, c)) return false;
  if (!tok_ieq(d, c, "said") && !tok_ieq(d, c, "says") && !tok_ieq(d, c, "added") && !tok_ieq(d, c, "asked") &&
      !tok_ieq(d, c, "wrote"))
    return false;
  uint32_t k = c + 1;
  while (k < e && k - c <= SAID_FIRST_SRC_MAX && !tok_is(d, k, ":") && !tok_is(d, k, ",") && !in_region(d, k) &&
         (d->toks[k].flags & TF_WORD))
    k++;
  if (k == c + 1 || k + 1 >= e || !(tok_is(d, k, ":") || tok_is(d, k, ","))) return false;
  int32_t r = region_at(d, k + 1);
  if (r < 0 || d->regions[r].open_tok != k + 1 || d->regions[r].taken) return false;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, c, c + 1);
  set_source(d, q, c + 1, k);
  take_region(d, q, r);
  while ((uint32_t)r + 1 < d->nregions && d->regions[r + 1].cont && !d->regions[r + 1].taken) take_region(d, q, ++r);
  q->sent_begin = s;
  return true;
}

static void pattern_label(precis_doc *d, uint32_t s) {
  const sentence *se = &d->sents[s];
  bool opener = !(s > 0 && d->sents[s - 1].para == se->para);
  uint32_t b = se->body_start_tok, e = se->tok_end;
  if (b < e && (d->toks[b].flags & TF_QUOTE)) b++;
  uint32_t c = b;
  while (c < e && c - b < LABEL_MAX && !tok_is(d, c, ":") && label_word(d, c, c == b)) c++;
  if (c == b || c >= e || !tok_is(d, c, ":")) return;
  if (!(d->toks[c - 1].flags & TF_WORD)) return;
  /* a determiner alone is no label: "The:" */
  if (c == b + 1 && (d->toks[b].pos == TAG_UPOS_DET || d->toks[b].pos == TAG_UPOS_PRON)) return;
  /* does the label name someone: a name, a word in capitals or a role
   * ("WALLACE:", "Mr. Smith:", "The mayor:")?  A heading ("Latest
   * developments:") speaks no paragraph (below) */
  bool someone = !tags_have_pos(d);
  for (uint32_t k = b; k < c && !someone; k++)
    someone = d->toks[k].pos == TAG_UPOS_PROPN || (d->toks[k].flags & TF_ALLCAP) ||
              (lx(d, k) & (LX_ROLE | LX_PERSON_WORD | LX_TITLE)) || tok_in_ci(d, k, LXL_GROUP_SOURCE) ||
              (d->tok_mention && d->tok_mention[k] >= 0);
  bool det = d->toks[b].pos == TAG_UPOS_DET || d->toks[b].pos == TAG_UPOS_PRON;
  if (!opener || det) {
    /* "Her deputy: "It will take a year."" inside a paragraph, or a label
     * opened by a determiner ("The mayor:", not "The plan: build ..."): only a
     * quotation right after the colon is the content */
    int32_t r = c + 1 < e ? region_at(d, c + 1) : -1;
    if (r < 0 || d->regions[r].open_tok != c + 1 || d->regions[r].taken) return;
    quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, c, c + 1);
    set_source(d, q, b, c);
    take_region(d, q, r);
    q->sent_begin = s;
    return;
  }
  /* the content: the rest of the paragraph */
  uint32_t ce = e, last = s;
  while (last + 1 < d->nsents && d->sents[last + 1].para == se->para && prc_sent_is_text(&d->sents[last + 1])) {
    last++;
    ce = d->sents[last].tok_end;
  }
  /* a heading over a paragraph of sentences is no speaker ("Latest
   * developments:" spoke a whole CNN article, whose paragraphs had lost their
   * breaks); one sentence after it stays ("Poll: Wealthy Voters Abandon ...",
   * PolNeAR's headlines) */
  if (!someone && last > s) return;
  uint32_t cb = c + 1, words = 0;
  for (uint32_t j = cb; j < ce; j++) words += (d->toks[j].flags & TF_WORD) != 0;
  if (words < BARE_QUOTE_MIN_WORDS) return;
  trim_punct(d, &cb, &ce);
  if (ce <= cb) return;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, c, c + 1);
  set_source(d, q, b, c);
  add_content(d, q, cb, ce);
  claim_regions_in(d, q, cb, ce);
  q->sent_begin = s;
}

/* Q: a quotation signed with a dash and a name, as readers' comments and
 * embedded posts are: "“Quote.” ― Sonya Herridge" / "... — Paul Ryan
 * (@SpeakerRyan) July 5, 2016".  The dash is the cue, the name (1 to
 * DASH_NAME_MAX capitalised words, then the end of the paragraph, a
 * parenthesis or a full stop) the source.  True when it took region r. */
#define DASH_NAME_MAX 4
static bool pattern_dash_name(precis_doc *d, uint32_t r) {
  const qregion *rg = &d->regions[r];
  if (!rg->closed) return false;
  uint32_t k = rg->e + 1;
  if (k >= d->ntoks || !(tok_is(d, k, "\xE2\x80\x95") || tok_is(d, k, "\xE2\x80\x94"))) return false;
  uint32_t b = k + 1, e = b, para = d->sents[d->toks[k].sent].para;
  while (e < d->ntoks && e - b < DASH_NAME_MAX && (d->toks[e].flags & TF_WORD) && (d->toks[e].flags & TF_CAP) &&
         d->sents[d->toks[e].sent].para == para)
    e++;
  if (e == b) return false;
  bool ends = e >= d->ntoks || d->sents[d->toks[e].sent].para != para || tok_is(d, e, "(") || tok_is(d, e, ".");
  if (!ends) return false;
  quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, k, k + 1);
  set_source(d, q, b, e);
  take_region(d, q, (int32_t)r);
  q->sent_begin = d->toks[rg->open_tok].sent;
  return true;
}

/* the sort key of a quote: where its first content starts, else its cue */
static uint32_t quote_key(const precis_doc *d, const quote *q) {
  return q->ncontent ? q->content0.start : q->cue_tok_end > q->cue_tok ? d->toks[q->cue_tok].start : 0;
}

void prc_find_quote_regions(precis_doc *d) {
  if (d->regions_found) return;
  d->regions_found = true;
  find_regions(d);
}

/* A cue left without a source whose sentence opens with a name: the name's
 * noun phrase, when only a short verb chain separates it from the cue ("Ham
 * went on to explain", "Republican nominee Donald Trump has called for",
 * "Trump took to Twitter overnight to accuse") -- no comma, clause word or
 * quotation mark between them, and no earlier cue in the sentence (that one's
 * source is inherited elsewhere). */
#define SUBJECT_GAP_MAX 6
/* ---- cue spans as PolNeAR draws them (0.8.x) ------------------------------
 *
 * After the patterns, each quote's cue span is redrawn at its edges by rules
 * read off PolNeAR TRAIN (first annotation file per article; dev was only
 * used to measure): each rule is kept when, among the train cues it
 * changes that overlap a gold cue, the new span is the gold one clearly more
 * often than the old (docs/attribution.md, "0.8.x cue spans").  A token
 * joins a cue only when it is in the cue's sentence, outside quotation
 * marks, and in neither the quote's source nor its content. */
static bool tok_in_quote(const precis_doc *d, quote *q, uint32_t t) {
  if (q->source_tok_begin != NONE && t >= q->source_tok_begin && t < q->source_tok_end) return true;
  for (uint32_t k = 0; k < q->ncontent; k++) {
    const bspan *c = prc_quote_content(d, q, k);
    if (d->toks[t].start < c->end && d->toks[t].end > c->start) return true;
  }
  return false;
}

static bool cue_free(const precis_doc *d, quote *q, uint32_t t, uint32_t sent) {
  return t < d->ntoks && d->toks[t].sent == sent && d->toks[t].quote_depth <= 0 && !tok_in_quote(d, q, t);
}

/* Word + particle or preposition pairs PolNeAR's cues take whole: the pairs
 * of train whose gold cue ends on the first word and includes the second in
 * at least 80% of 8 or more occurrences ("called for" 46 of 46, "talking
 * about" 32 of 32, "questions about" 28 of 32, "went on" 26 of 26, "points
 * out" 9 of 9), and the prepositional "to" of "referring to" (39 of 42),
 * "respond to" (20 of 23), "referred to" (15 of 16), "pointing to" (9 of 9). */
static const char *const CUE_PARTICLE[][2] = {
    {"called", "for"},     {"talking", "about"},  {"questions", "about"}, {"support", "for"},   {"went", "on"},
    {"attacks", "on"},     {"called", "on"},      {"pointed", "out"},     {"calling", "for"},   {"focused", "on"},
    {"vote", "for"},       {"calls", "for"},      {"talked", "about"},    {"known", "for"},     {"talk", "about"},
    {"support", "of"},     {"call", "for"},       {"criticism", "of"},    {"focus", "on"},      {"voted", "for"},
    {"look", "at"},        {"calling", "on"},     {"concerns", "about"},  {"spoke", "about"},   {"talks", "about"},
    {"favor", "of"},       {"comment", "on"},     {"points", "out"},      {"critical", "of"},   {"point", "out"},
    {"interest", "in"},    {"worried", "about"},  {"pointing", "out"},    {"mention", "of"},    {"asked", "for"},
    {"sent", "out"},       {"shot", "back"},      {"railed", "against"},  {"laid", "out"},      {"advocate", "for"},
    {"referring", "to"},   {"respond", "to"},     {"pointed", "to"},      {"referred", "to"},   {"opposition", "to"},
    {"attention", "to"},   {"pointing", "to"},    {"response", "to"},     {"point", "to"},
};

/* Words whose gold cue in train leaves out a following "to" (and its verb)
 * in at least two thirds of 8 or more occurrences: "expected" 70 of 77,
 * "declined" 40 of 60, "appears" 25 of 28, "plans" 24 of 27, "pledged" 20
 * of 22, "promised" 19 of 20, ... */
static const char *const CUE_TO_DROP[] = {
    "expected", "declined", "refused", "want",   "sought", "appeared", "appears", "plans",  "vowed",
    "pledged",  "promised", "wants",   "agreed", "wanted", "plan",     "seeking", "like",   "decided",
    "hoping",   "appear",   "asked",   "willing", "eager", "hopes",    "hoped",   "said",
};
/* Words before "to" + verb that are no verbs but whose gold cue takes the
 * infinitive ("likely to" 13 of 14, "quick to" 10 of 10, "went on to" 25 of
 * 27 in train). */
static const char *const CUE_TO_KEEP[] = {"likely", "quick", "on"};

static bool word_in(const precis_doc *d, uint32_t t, const char *const *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (tok_ieq(d, t, w[k])) return true;
  return false;
}
#define WORD_IN(d, t, list) word_in(d, t, list, sizeof list / sizeof list[0])

static bool cue_particle(const precis_doc *d, uint32_t w, uint32_t p) {
  for (size_t k = 0; k < sizeof CUE_PARTICLE / sizeof CUE_PARTICLE[0]; k++)
    if (tok_ieq(d, w, CUE_PARTICLE[k][0]) && tok_ieq(d, p, CUE_PARTICLE[k][1])) return true;
  return false;
}

static bool aux_adv_neg(const precis_doc *d, uint32_t t) {
  if (d->toks[t].flags & TF_CAP) return false; /* a name the tagger took for an adverb */
  if (tok_ieq(d, t, "ago")) return false; /* "a petition created years ago [calls on]": no PolNeAR cue opens with it */
  return d->toks[t].pos == TAG_UPOS_AUX || d->toks[t].pos == TAG_UPOS_ADV || tok_ieq(d, t, "not") ||
         tok_is(d, t, "n't") || tok_is(d, t, "n\xE2\x80\x99t");
}

/* "In the three years since the shootings, Barden says, far too many lives
 * have been lost": a cue set off by commas inside its sentence, with its
 * content after it, has the words before it as content too (the first
 * fragment, when they hold no comma and no quotation).  PolNeAR train CV:
 * 45 of 59 such gold contents take them; content exact F +0.14. */
static void fronted_contents(precis_doc *d) {
  for (uint32_t qi = 0; qi < d->nquotes; qi++) {
    quote *q = &d->quotes[qi];
    if (q->kind != PRECIS_QUOTE_INDIRECT || q->ncontent == 0 || q->source_tok_begin == NONE ||
        q->cue_tok_end <= q->cue_tok || q->source_tok_end > q->cue_tok)
      continue;
    const uint32_t sb = q->source_tok_begin, ce = q->cue_tok_end;
    const sentence *se = &d->sents[d->toks[q->cue_tok].sent];
    const uint32_t b0 = se->body_start_tok;
    if (sb < b0 + 2 || !tok_is(d, sb - 1, ",") || ce + 1 >= se->tok_end || !tok_is(d, ce, ",") ||
        d->toks[ce + 1].start != q->content0.start)
      continue;
    const uint32_t b = b0;
    bool comma = false, word = false, ok = true;
    for (uint32_t k = b0; k + 1 < sb; k++) {
      if ((d->toks[k].flags & TF_QUOTE) || d->toks[k].quote_depth > 0) ok = false;
      if (tok_is(d, k, ",")) comma = true;
      if (d->toks[k].flags & TF_WORD) word = true;
    }
    if (!ok || !word) continue;
    if (comma) continue; /* a clause of its own before: "..., which, he said, ..." (no change measured) */
    prepend_content(d, q, b, sb - 1);
  }
}

static void cue_spans(precis_doc *d) {
  for (uint32_t qi = 0; qi < d->nquotes; qi++) {
    quote *q = &d->quotes[qi];
    if (q->cue_tok_end <= q->cue_tok) continue;
    uint32_t b = q->cue_tok, e = q->cue_tok_end, sent = d->toks[b].sent;
    if (d->toks[b].quote_depth > 0) continue;
    /* "pledged [to (cut)]": the verbs of CUE_TO_DROP end their cue (train:
     * 35 changed cues right, 11 wrong) */
    for (uint32_t k = b; k + 1 < e; k++)
      if (tok_ieq(d, k + 1, "to") && WORD_IN(d, k, CUE_TO_DROP) &&
          (k + 2 == e || (k + 3 == e && d->toks[k + 2].pos == TAG_UPOS_VERB))) {
        e = k + 1;
        break;
      }
    /* "points [out]", "talked [about]" (train: 12 right, 1 wrong) */
    if (cue_free(d, q, e, sent) && cue_particle(d, e - 1, e)) e++;
    /* "said [repeatedly]": an -ly adverb right after the cue (train: 15
     * right, 5 wrong) */
    if (cue_free(d, q, e, sent) && d->toks[e].pos == TAG_UPOS_ADV && tok_len(d, e) > 4 &&
        !memcmp(tok_str(d, e) + tok_len(d, e) - 2, "ly", 2))
      e++;
    /* "said [in a statement]": the venue right after a speech verb (PolNeAR
     * train gold: "in a (written|joint|...) statement" 46 of 67; train CV
     * cue +0.13; dev -0.11: annotators differ, the CV decided; "on Twitter"
     * 11 of 16, CV +0.01: not taken) */
    if ((d->toks[e - 1].lex & LX_SPEECH) && e + 2 < d->ntoks && cue_free(d, q, e, sent) && tok_ieq(d, e, "in") &&
        (tok_ieq(d, e + 1, "a") || tok_ieq(d, e + 1, "an"))) {
      uint32_t k = e + 2;
      if (d->toks[k].pos == TAG_UPOS_ADJ && k + 1 < d->ntoks) k++;
      if (tok_ieq(d, k, "statement") && cue_free(d, q, k, sent)) e = k + 1;
    }
    /* "[to] admit": an infinitive's "to" (train: 28 right, 4 wrong), and the
     * verb it completes with its auxiliaries and adverbs, "[went on to]
     * say", "[has tried to] explain" (train: 20 right, 1 wrong), unless
     * the verb's cue stops before "to" (CUE_TO_DROP) */
    if (b > 0 && cue_free(d, q, b - 1, sent) && tok_ieq(d, b - 1, "to") && d->toks[b - 1].pos == TAG_UPOS_PART) {
      b--;
      if (b > 0 && cue_free(d, q, b - 1, sent) &&
          (WORD_IN(d, b - 1, CUE_TO_KEEP) || (d->toks[b - 1].pos == TAG_UPOS_VERB && !WORD_IN(d, b - 1, CUE_TO_DROP)))) {
        b--;
        if (tok_ieq(d, b, "on") && b > 0 && cue_free(d, q, b - 1, sent) && d->toks[b - 1].pos == TAG_UPOS_VERB) b--;
      }
    }
    /* "[also] praised", "[would not] reveal": the auxiliaries, adverbs and
     * negations right before any cue, the tagger's too (0.7.0 did this for
     * the rules' cues only; train: 36 right, 7 wrong) */
    while (b > 0 && !tok_ieq(d, b, "to") && cue_free(d, q, b - 1, sent) && aux_adv_neg(d, b - 1)) b--; /* not "overnight [to accuse]" */
    q->cue_tok = b;
    q->cue_tok_end = e;
  }
}

static bool be_form(const precis_doc *d, uint32_t t) {
  static const char *const w[] = {"is", "are", "was", "were", "be", "been", "being", "'s", "\xE2\x80\x99s", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, t, *p)) return true;
  return false;
}
static void subject_fallback(precis_doc *d) {
  uint32_t prev_sent = NONE;
  for (uint32_t qi = 0; qi < d->nquotes; qi++) {
    quote *q = &d->quotes[qi];
    if (q->cue_tok_end <= q->cue_tok) continue;
    uint32_t c = q->cue_tok, s = d->toks[c].sent;
    bool first = s != prev_sent;
    prev_sent = s;
    if (!first || q->source_tok_begin != NONE || d->toks[c].quote_depth > 0) continue;
    const sentence *se = &d->sents[s];
    uint32_t b = se->body_start_tok;
    if (c <= b + 1 || !d->tok_mention) continue;
    uint32_t e = subject_np(d, b, c);
    if (e <= b || e > c || c - e > SUBJECT_GAP_MAX) continue;
    bool name = false;
    for (uint32_t t = b; t < e && !name; t++) {
      int32_t m = d->tok_mention[t];
      name = m >= 0 && (d->ents[d->mentions[m].entity].type == ENT_PERSON || d->ents[d->mentions[m].entity].type == ENT_ORG);
    }
    bool clean = name;
    /* not a passive: "Kim Jong Un is expected to ..." has no source */
    for (uint32_t t = e; t < q->cue_tok_end && clean; t++)
      clean = !(d->toks[t].flags & (TF_PUNCT | TF_QUOTE)) && !is_clause_word(d, t) && !be_form(d, t);
    if (clean) set_source(d, q, b, e);
  }
}

/* "described the move as "a breach of trust"": a gap of one or two words (no
 * punctuation, no cue) between q's last content piece and region rg of the
 * same sentence is bridged, with the opening mark, so that the region joins
 * that piece, as PolNeAR draws it (train: 7 contents right, none wrong). */
static bool bridge_gap(precis_doc *d, quote *q, const qregion *rg, const sentence *se) {
  if (q->ncontent == 0) return false;
  bspan *last = prc_quote_content(d, q, q->ncontent - 1u);
  if (last->end <= d->toks[se->tok_begin].start) return false;
  uint32_t k = rg->open_tok, words = 0;
  while (k > se->tok_begin && d->toks[k - 1].start >= last->end) {
    k--;
    if (d->toks[k].flags & TF_WORD) words++;
    else if (!(d->toks[k].flags & TF_QUOTE)) return false;
    if (words > 2 || in_region(d, k) || cue_word(d, k)) return false;
  }
  if (k == rg->open_tok || d->toks[k].start < last->end) return false;
  last->end = d->toks[rg->open_tok].end;
  return true;
}

/* Is q '"Q," X said' (a direct quotation before its cue) with region rg
 * after its cue, not opened by a comma or colon? */
static bool after_direct_quote(const precis_doc *d, quote *q, const qregion *rg) {
  if (q->kind != PRECIS_QUOTE_DIRECT || q->ncontent == 0 || q->cue_tok_end <= q->cue_tok) return false;
  if (prc_quote_content(d, q, q->ncontent - 1u)->end > d->toks[q->cue_tok].start || rg->open_tok <= q->cue_tok)
    return false;
  return !(tok_is(d, rg->open_tok - 1, ",") || tok_is(d, rg->open_tok - 1, ":"));
}

/* Is sentence s the first of the paragraph right after the one that quote q
 * (its cue in sentence ps) closes as '"Q," X said.'? */
static bool next_paragraph_of(const precis_doc *d, quote *q, uint32_t ps, uint32_t s) {
  if (q->kind != PRECIS_QUOTE_DIRECT || q->cont_of >= 0 || q->ncontent == 0 || q->ncontent >= QUOTE_MAX_CONTENT ||
      q->cue_tok_end <= q->cue_tok)
    return false;
  if (d->sents[ps].para + 1 != d->sents[s].para) return false;
  if (ps + 1 < d->nsents && d->sents[ps + 1].para == d->sents[ps].para) return false; /* X said. More text. */
  if (s > 0 && d->sents[s - 1].para == d->sents[s].para) return false;
  return prc_quote_content(d, q, q->ncontent - 1u)->end <= d->toks[q->cue_tok].start;
}

/* Does region rg run to the end of sentence se (only punctuation after it)? */
static bool fills_sentence(const precis_doc *d, const qregion *rg, const sentence *se) {
  if (!rg->closed) return true;
  for (uint32_t k = rg->e + 1; k < se->tok_end; k++)
    if (d->toks[k].flags & TF_WORD) return false;
  return true;
}

/* A quotation right after a possessive is a name or a title, no one's quote:
 * "Fox News channel's "Sunday Morning Futures,"", "Romney's "47 percent"
 * comment" (PolNeAR train: no content starts at one of 103 such quotations;
 * "It's "ambush journalism"" is no possessive).  They are set aside as
 * taken; a content around them still holds them. */
#define TITLE_MAX_WORDS 6
/* A region whose words are a title's: at most TITLE_MAX_WORDS words, the
 * first and every word of four letters or more capitalised, no clause
 * punctuation inside ("Fox News Sunday", "The Steve Harvey Morning Show",
 * "Meet the Press"). */
static bool title_cased(const precis_doc *d, const qregion *rg) {
  uint32_t words = 0, last = region_last(rg);
  if (!rg->closed) return false;
  for (uint32_t k = rg->open_tok + 1; k < last; k++) {
    const token *t = &d->toks[k];
    if (t->flags & TF_WORD) {
      if ((words == 0 || tok_len(d, k) >= 4) && !(t->flags & TF_CAP)) return false;
      words++;
    } else if ((tok_is(d, k, ",") || tok_is(d, k, ".") || tok_is(d, k, "?") || tok_is(d, k, "!")) && k + 1 < last) {
      return false;
    }
  }
  return words > 0 && words <= TITLE_MAX_WORDS;
}

static void titles_aside(precis_doc *d) {
  static const char *const pron[] = {"he", "she", "it", "that", "there", "what", "who", "here", "where", "let", NULL};
  for (uint32_t r = 0; r < d->nregions; r++) {
    uint32_t o = d->regions[r].open_tok;
    if (o >= 1 && title_cased(d, &d->regions[r]) &&
        (tok_ieq(d, o - 1, "of") || tok_ieq(d, o - 1, "on") || tok_ieq(d, o - 1, "in") || tok_ieq(d, o - 1, "the") ||
         tok_ieq(d, o - 1, "to") || tok_ieq(d, o - 1, "at") || tok_ieq(d, o - 1, "from") || tok_ieq(d, o - 1, "called"))) {
      d->regions[r].taken = REGION_TITLE;
      continue;
    }
    if (o < 2 || !(tok_is(d, o - 1, "'s") || tok_is(d, o - 1, "\xE2\x80\x99s"))) continue;
    if (tags_have_pos(d) && d->toks[o - 1].pos != TAG_UPOS_PART) continue;
    bool p = false;
    for (const char *const *w = pron; *w && !p; w++) p = tok_ieq(d, o - 2, *w);
    /* a name: a few words, no clause punctuation inside */
    uint32_t words = 0, last = region_last(&d->regions[r]);
    for (uint32_t k = o + 1; k < last && !p; k++) {
      if (d->toks[k].flags & TF_WORD) words++;
      else if ((tok_is(d, k, ",") || tok_is(d, k, ".") || tok_is(d, k, "?") || tok_is(d, k, "!")) && k + 1 < last) p = true;
    }
    if (words > TITLE_MAX_WORDS) p = true;
    if (!p) d->regions[r].taken = REGION_TITLE;
  }
}

void prc_find_attributions(precis_doc *d) {
  if (!d->ntoks) return;
  prc_find_quote_regions(d);
  titles_aside(d);
  atree tree = {.sent = NONE};
  int32_t *sent_quote = prc_arena_scratch(&d->ar, (d->nsents + 1) * sizeof(int32_t));
  for (uint32_t s = 0; s < d->nsents; s++) {
    sent_quote[s] = -1;
    const sentence *se = &d->sents[s];
    if (prc_sent_is_text(se) && pattern_said_first(d, s)) {
      sent_quote[s] = (int32_t)(d->nquotes - 1);
      continue;
    }
    {
      uint32_t before = d->nquotes;
      pattern_label(d, s);
      if (d->nquotes > before) {
        sent_quote[s] = (int32_t)before;
        /* the paragraph is the label's content: its cues are inside it */
        while (s + 1 < d->nsents && d->sents[s + 1].para == se->para && prc_sent_is_text(&d->sents[s + 1])) sent_quote[++s] = -1;
        continue;
      }
    }
    if (!prc_sent_is_text(se)) continue;
    uint32_t i = se->body_start_tok;
    uint32_t first_q = d->nquotes;
    /* "Clause ..., Deputy Police Chief Keizo Okumoto told CNN.": a sentence-final
     * attribution takes the whole clause, cues inside it included (not
     * after an opening "Asked whether ...,": pattern_asked) */
    {
      uint32_t body_end = sentence_body_end(d, se);
      uint32_t last = UINT32_MAX;
      for (uint32_t j = body_end; j > se->body_start_tok + TAIL_CUE_MIN; j--)
        if (cue_word(d, j - 1)) { last = j - 1; break; }
      if (last != UINT32_MAX && !tok_ieq(d, last, "according") && !opening_asked(d, se->body_start_tok)) {
        uint32_t ps = source_before(d, se->tok_begin, last);
        bool tail_ok = true; /* only adverbials may follow: "told CNN", "said on Monday" */
        for (uint32_t j = last + 1; j < body_end; j++)
          if (cue_word(d, j) || in_region(d, j) || tok_is(d, j, ",") || tok_is(d, j, "that")) tail_ok = false;
        if (tail_ok && body_end - last <= TAIL_MAX && ps < last && ps > se->body_start_tok + TAIL_CUE_MIN && tok_is(d, ps - 1, ",") &&
            !in_region(d, ps - 2)) {
          uint32_t before = d->nquotes;
          attribute_cue(d, se, last, &tree);
          if (d->nquotes > before) {
            sent_quote[s] = (int32_t)before;
            /* any cue left of it lies inside its content */
            continue;
          }
        }
      }
    }
    bool rule_verb = false; /* a cue verb the rules know, in this sentence */
    for (uint32_t j = se->body_start_tok; j < se->tok_end && !rule_verb; j++)
      rule_verb = is_cue(d, j) && d->toks[j].pos != TAG_UPOS_NOUN;
    /* "In a Facebook message posted Friday, Cruz said ...", "In a statement
     * announcing the pick, the union called ...": a cue inside an opening
     * prepositional phrase yields to a cue after its comma */
    uint32_t pp_end = NONE;
    if (tags_have_pos(d) && d->toks[se->body_start_tok].pos == TAG_UPOS_ADP) {
      uint32_t j = se->body_start_tok;
      while (j < se->tok_end && j - se->body_start_tok < OPENING_PP_MAX && !tok_is(d, j, ",") && !in_region(d, j)) j++;
      if (j < se->tok_end && tok_is(d, j, ","))
        for (uint32_t k = j + 1; k < se->tok_end && pp_end == NONE; k++)
          if (cue_word(d, k) && !in_region(d, k)) pp_end = j;
    }
    while (i < se->tok_end) {
      if (!cue_word(d, i)) { i++; continue; }
      if (pp_end != NONE && i < pp_end) { i++; continue; }
      /* a name-calling cue of the rule alone (cues.c naming_cue) that the
       * tree reads as a participle is a name given, not said: "a boat called
       * the \u201cSlip Away\u201d", "a monk called Liuquan" */
      if (d->cue_lab && (d->cue_lab[i] & CUE_ADDED) && prc_dep_rel(d, i) == PRC_DEP_ACL) { i++; continue; }
      /* a noun the tagger alone takes for a cue ("in a statement", "campaign")
       * yields to a cue verb of the rules in the same sentence: its patterns
       * would swallow the verb's attribution (PolNeAR dev: +0.7 cue, +0.7
       * source, +0.5 content exact F) */
      if (rule_verb && !is_cue(d, i) && !(d->cue_lab[i] & CUE_NAMING)) {
        /* ... and so does any cue of the tagger alone with a rule cue verb
         * after it: "Hillary Clinton released her returns, even though they
         * disclosed ...", "He proposes X, and plans to ..." (PolNeAR dev:
         * +0.4 cue, +0.5 content exact F, -0.2 points of linked recall) */
        bool after = d->toks[i].pos == TAG_UPOS_NOUN;
        for (uint32_t j = i + 1; j < se->tok_end && !after; j++)
          after = is_cue(d, j) && !in_region(d, j) && d->toks[j].pos != TAG_UPOS_NOUN &&
                  !tok_is(d, j - 1, "to") && !is_participle_cue(d, j); /* not "refused to admit", ", saying" */
        if (after) { i++; continue; }
      }
      /* a cue inside content already taken (in this sentence) belongs to that content */
      bool inside = false;
      for (uint32_t q = d->nquotes > first_q + INSIDE_RECENT ? d->nquotes - INSIDE_RECENT : first_q; q < d->nquotes;
           q++) {
        quote *qq = &d->quotes[q];
        for (uint32_t k = 0; k < qq->ncontent; k++) {
          const bspan *c = prc_quote_content(d, qq, k);
          if (d->toks[i].start >= c->start && d->toks[i].end <= c->end) inside = true;
        }
        if (inside) break;
      }
      if (inside) { i++; continue; }
      uint32_t before = d->nquotes;
      uint32_t next = attribute_cue(d, se, i, &tree);
      if (d->nquotes > before && sent_quote[s] < 0) sent_quote[s] = (int32_t)before;
      i = next > i ? next : i + 1;
      /* scan only the last quotes for the "inside" test: keep it linear */
    }
  }
  subject_fallback(d);
  if (d->cue_lab) cue_spans(d);
  fronted_contents(d);
  /* left-over regions (in text order, so sentences only grow) */
  uint32_t ncue = d->nquotes, next_cue = 0;
  int32_t last_cont = -1;
  for (uint32_t r = 0; r < d->nregions; r++) {
    qregion *rg = &d->regions[r];
    if (rg->taken) continue;
    if (pattern_dash_name(d, r)) continue;
    uint32_t s = d->toks[rg->open_tok + 1].sent;
    const sentence *se = &d->sents[s];
    if (!prc_sent_is_text(se)) continue;
    /* a partial quote in a sentence that has an attribution joins it; not
     * one after '"Q," X said' that no comma opens (a title, a participle's
     * quote: '"Q," he said during a call to ABC's "This Week."', '..., he
     * said, mentioning the album is "in the home stretch."'): PolNeAR train
     * leaves 44 of 50 such quotations out of Q's content (with a comma, as
     * in '"Q," he said, "more."', it takes 50 of 65) */
    if (sent_quote[s] >= 0 && !(after_direct_quote(d, &d->quotes[sent_quote[s]], rg))) {
      quote *q = &d->quotes[sent_quote[s]];
      bool bridged = bridge_gap(d, q, rg, se);
      take_region(d, q, (int32_t)r);
      if (bridged && rg->closed) prc_quote_content(d, q, q->ncontent - 1u)->end = d->toks[rg->e].end;
      if (q->kind == PRECIS_QUOTE_INDIRECT) q->kind = PRECIS_QUOTE_MIXED;
      continue;
    }
    /* a bare quotation filling its sentence(s) continues the previous speaker */
    uint32_t words = 0;
    for (uint32_t k = rg->open_tok + 1; k < rg->e; k++)
      if (d->toks[k].flags & TF_WORD) words++;
    bool starts = rg->open_tok <= se->body_start_tok || rg->open_tok == se->tok_begin;
    if (!starts || words < 1) continue;
    /* the latest quote before it: a cue quote or an earlier continuation */
    while (next_cue < ncue && d->toks[d->quotes[next_cue].cue_tok].sent <= s) next_cue++;
    int32_t prev = next_cue > 0 ? (int32_t)next_cue - 1 : -1;
    /* '"...," he said, according to the Chronicle.': the speaker goes on,
     * not the outlet that reported him (0.12.3) */
    if (prev > 0 && tok_ieq(d, d->quotes[prev].cue_tok, "according") &&
        d->toks[d->quotes[prev - 1].cue_tok].sent == d->toks[d->quotes[prev].cue_tok].sent &&
        d->quotes[prev - 1].cue_tok < d->quotes[prev].cue_tok)
      prev--;
    uint32_t ps = prev >= 0 ? d->toks[d->quotes[prev].cue_tok].sent : 0;
    if (last_cont >= 0 && (prev < 0 || d->quotes[last_cont].sent_begin >= ps)) {
      prev = last_cont;
      ps = d->quotes[last_cont].sent_begin;
    }
    if (prev < 0) continue;
    if (d->sents[ps].para + CONT_PARA_GAP < se->para) continue;
    /* in the same paragraph as a direct quote it continues: one more piece of it */
    quote *pq = &d->quotes[prev];
    if (d->sents[ps].para == se->para && pq->ncontent < QUOTE_MAX_CONTENT && pq->kind == PRECIS_QUOTE_DIRECT &&
        pq->cont_of < 0) {
      r = take_region_onward(d, pq, r);
      continue;
    }
    /* '"Q," X said.' closing its paragraph, and a quotation opening the next
     * one (filling its first sentence, with no cue found): more of Q, one
     * quote with two fragments (PolNeAR train: 29 of 34 such paragraphs
     * without a cue of their own are in Q's relation, 5 elsewhere) */
    if (next_paragraph_of(d, pq, ps, s) && words >= BARE_QUOTE_MIN_WORDS && fills_sentence(d, rg, se)) {
      r = take_region_onward(d, pq, r);
      continue;
    }
    if (words < BARE_QUOTE_MIN_WORDS) continue; /* a new bare quotation needs some substance */
    last_cont = (int32_t)d->nquotes;
    quote *q = new_quote(d, PRECIS_QUOTE_DIRECT, 0, 0);
    q->cont_of = prev;
    q->sent_begin = s;
    take_region(d, q, (int32_t)r);
    while (r + 1 < d->nregions && d->regions[r + 1].cont && !d->regions[r + 1].taken) {
      r++;
      take_region(d, q, (int32_t)r);
    }
  }
  /* the regions and the sentence map have no reader after this loop: give
   * them back before the sort's temporaries (peak memory) */
  if (tree.lo) prc_arena_release_big(&d->ar, tree.lo);
  prc_arena_release_big(&d->ar, sent_quote);
  prc_arena_release_big(&d->ar, d->regions);
  d->regions = NULL;
  d->cregions = 0;
  d->nregions = 0;
  /* quotes in text order of their first content (a stable merge sort, with
   * the cont_of links renumbered); the quotes are moved in place, cycle by
   * cycle of the permutation, not copied (peak memory) */
  if (d->nquotes > 1) {
    uint32_t nq = d->nquotes;
    bool ordered = true;
    for (uint32_t k = 1; k < nq && ordered; k++) ordered = quote_key(d, &d->quotes[k - 1]) <= quote_key(d, &d->quotes[k]);
    if (!ordered) { /* else the stable sort is the identity */
      uint32_t *idx = prc_arena_scratch(&d->ar, nq * sizeof(uint32_t));
      uint32_t *key = prc_arena_scratch(&d->ar, nq * sizeof(uint32_t));
      for (uint32_t k = 0; k < nq; k++) {
        idx[k] = k;
        key[k] = quote_key(d, &d->quotes[k]);
      }
      stable_sort(&d->ar, idx, nq, sizeof *idx, cmp_index_key, key);
      uint32_t *newpos = key; /* reuse: old index -> new index */
      for (uint32_t k = 0; k < nq; k++) newpos[idx[k]] = k;
      for (uint32_t k = 0; k < nq; k++) { /* position k takes quote idx[k]; a moved one gets idx[j] = j */
        if (idx[k] == k) continue;
        quote tmp = d->quotes[k];
        uint32_t j = k;
        while (idx[j] != k) {
          uint32_t from = idx[j];
          d->quotes[j] = d->quotes[from];
          idx[j] = j;
          j = from;
        }
        d->quotes[j] = tmp;
        idx[j] = j;
      }
      for (uint32_t k = 0; k < nq; k++)
        if (d->quotes[k].cont_of >= 0) d->quotes[k].cont_of = (int32_t)newpos[d->quotes[k].cont_of];
      prc_arena_release_big(&d->ar, idx);
      prc_arena_release_big(&d->ar, key);
    }
  }
  for (uint32_t k = 0; k < d->nquotes; k++) {
    quote *q = &d->quotes[k];
    uint32_t lo = NONE, hi = 0;
    for (uint32_t c = 0; c < q->ncontent; c++) {
      /* byte -> sentence: use the cue sentence or binary search on sentences */
      const bspan *cs = prc_quote_content(d, q, c);
      uint32_t bs = cs->start, be = cs->end;
      uint32_t l = 0, h = d->nsents;
      while (l + 1 < h) { uint32_t m = (l + h) / 2; if (d->sents[m].start <= bs) l = m; else h = m; }
      if (l < lo) lo = l;
      l = 0; h = d->nsents;
      while (l + 1 < h) { uint32_t m = (l + h) / 2; if (d->sents[m].start < be) l = m; else h = m; }
      if (l > hi) hi = l;
    }
    if (q->cue_tok_end > q->cue_tok) {
      uint32_t cs = d->toks[q->cue_tok].sent;
      if (cs < lo) lo = cs;
      if (cs > hi) hi = cs;
    }
    q->sent_begin = lo == NONE ? 0 : lo;
    q->sent_end = hi + 1;
  }
}
