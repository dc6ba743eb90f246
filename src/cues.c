/* cues.c - stage 4b, after tags.c and before parse.c: speech cues.
 *
 * First the quotation marks are paired into regions (attribution.c; the
 * cue features read them).  Then the learned cue tagger (model/cue_model.h)
 * labels every token of every sentence O, B or I, and one word of each cue
 * span becomes its CUE_HEAD: the word the attribution patterns start from
 * (attribution.c).  parse.c parses the sentences that have a cue, and
 * attribution.c finds each cue's source and content.
 *
 * The rules alone find the cues (d->cue_lab stays NULL) with
 * PRECIS_OPT_RULE_CUES, without POS tags (PRECIS_OPT_NO_TAGGER) or when no
 * cue model exists (a library built without models/attrib.bin, no
 * precis_options.attrib_model).
 *
 * Memory: one byte a token (cue_lab, kept until the document is freed) and
 * the tagger's input for the longest sentence (at most CHUNK tokens), given
 * back when the stage ends.  Time: linear (about 40 features a token, three labels). */
#include <string.h>

#include "doc.h"
#include "models.h"
#include "model/cue_model.h"
#include "model/perceptron.h"
#include "error.h"
#include "tags.h"

/* Tokens tagged at a time: a longer sentence (a list, text without
 * punctuation) is tagged in pieces, so the stage's memory stays bounded. */
#define CHUNK 1024
/* The quotation-mark distance feature stops counting here. */
#define QDIST_MAX 7
/* The longest learned cue span without a speech word (see prc_find_cues). */
#define CUE_SPAN_MAX 6

static uint64_t hash_lower(const char *s, size_t n, size_t skip_end) {
  char buf[64];
  if (n > skip_end) n -= skip_end;
  else n = 0;
  if (n > sizeof buf) n = sizeof buf;
  for (size_t k = 0; k < n; k++) buf[k] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
  return prc_pc_hash_bytes(buf, n);
}

static bool ends_with(const char *s, size_t n, const char *suf) {
  size_t m = strlen(suf);
  return n > m + 2 && !memcmp(s + n - m, suf, m);
}

/* Bytes to cut for a crude stem: regular endings only ("claims",
 * "claimed", "claiming" -> "claim"; "argued", "argues", "argue" -> "argu"). */
static size_t stem_cut(const char *s, size_t n) {
  if (ends_with(s, n, "ing")) return 3;
  if (ends_with(s, n, "ed")) return 2;
  if (ends_with(s, n, "es")) return 2;
  if (ends_with(s, n, "s") && !ends_with(s, n, "ss")) return 1;
  if (ends_with(s, n, "e")) return 1;
  return 0;
}

void prc_cue_inputs(const precis_doc *d, uint32_t b, uint32_t e, cue_token *out) {
  /* nearest quotation mark to the left / right, within the sentence */
  uint32_t last = UINT32_MAX;
  for (uint32_t i = b; i < e; i++) {
    const token *t = &d->toks[i];
    cue_token *c = &out[i - b];
    const char *s = tok_str(d, i);
    size_t n = tok_len(d, i);
    c->w = hash_lower(s, n, 0);
    c->suf = n >= 3 ? hash_lower(s + n - 3, 3, 0) : c->w;
    c->stem = hash_lower(s, n, stem_cut(s, n));
    c->pos = d->has_pos ? (uint8_t)t->pos : 0;
    uint8_t f = 0;
    if (t->flags & TF_CAP) f |= PRC_CT_CAP;
    if (t->quote_depth > 0) f |= PRC_CT_INQ;
    if (t->flags & TF_QUOTE) f |= PRC_CT_QMARK;
    if (!(t->flags & TF_WORD)) f |= PRC_CT_PUNCT;
    if (t->lex & LX_SPEECH) f |= PRC_CT_SPEECH;
    if (t->lex & LX_EVIDENCE) f |= PRC_CT_EVID;
    if (i == b) f |= PRC_CT_FIRST;
    if (prc_rule_cue(d, i)) f |= PRC_CT_RULE;
    c->flags = f;
    c->lq = last == UINT32_MAX || i - last > QDIST_MAX ? QDIST_MAX : (uint8_t)(i - last);
    if (t->flags & TF_QUOTE) last = i;
  }
  uint8_t sq = 0;
  for (uint32_t i = b; i < e; i++)
    if (d->toks[i].flags & TF_QUOTE) sq = 1;
  last = UINT32_MAX;
  for (uint32_t i = e; i-- > b;) {
    out[i - b].squote = sq;
    cue_token *c = &out[i - b];
    c->rq = last == UINT32_MAX || last - i > QDIST_MAX ? QDIST_MAX : (uint8_t)(last - i);
    if (d->toks[i].flags & TF_QUOTE) last = i;
  }
}

/* The word of cue span [b, e) the patterns start from: its first speech
 * word ("has said", "said in a statement", "according to"), else its last
 * verb ("is expected", "also wants"), else its first word. */
static uint32_t cue_head(const precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t i = b; i < e; i++)
    if (d->toks[i].lex & LX_SPEECH) return i;
  for (uint32_t i = e; i-- > b;)
    if (d->toks[i].pos == TAG_UPOS_VERB) return i;
  for (uint32_t i = b; i < e; i++)
    if (d->toks[i].flags & TF_WORD) return i;
  return b;
}

/* A tagged span that stops before its verb ("also [noted]", "boldly
 * [suggested]", "he's [claiming]", "is [promising]") takes the verb: the
 * tagger often ends a span on the adverb or auxiliary, and the patterns
 * would then read the verb as the start of the content.  Returns the new
 * end (the tokens taken are labelled I). */
static uint32_t finish_span(precis_doc *d, uint32_t b, uint32_t j, uint32_t e) {
  uint32_t last = j - 1;
  const token *t = &d->toks[last];
  bool open = t->pos == TAG_UPOS_ADV || t->pos == TAG_UPOS_AUX || t->pos == TAG_UPOS_PART ||
              (t->pos == TAG_UPOS_VERB && (tok_ieq(d, last, "has") || tok_ieq(d, last, "have") || tok_ieq(d, last, "had")));
  if (!open || j >= e || d->toks[j].quote_depth > 0) return j;
  if (tok_ieq(d, last, "not") || tok_ieq(d, last, "to")) return j;
  /* at most one more adverb before the verb: "is also promising" */
  uint32_t k = j;
  if (d->toks[k].pos == TAG_UPOS_ADV && k + 1 < e && d->toks[k + 1].pos == TAG_UPOS_VERB) k++;
  if (d->toks[k].pos != TAG_UPOS_VERB || d->toks[k].quote_depth > 0) return j;
  (void)b;
  for (uint32_t z = j; z <= k; z++) d->cue_lab[z] = PRC_CUE_I;
  return k + 1;
}

/* A tagged span that runs on from its verb into the verb's object and stops
 * inside it ("applauded [the] attack", "opposes [same-sex] marriage",
 * "told [him]", "blamed [the incident on] hackers") ends at the verb: what
 * follows the verb is a determiner, adjective, pronoun or name, with nouns,
 * numbers and prepositions, and not a preposition first ("said in a
 * statement" stays, as does "expressed concern about" with no determiner,
 * and "made it clear").  PolNeAR train, 5-fold CV of the whole engine (the
 * tagger trained on the other folds): cue exact F +0.5.  Returns the new
 * end. */
static uint32_t trim_tail(const precis_doc *d, uint32_t b, uint32_t j) {
  uint32_t v = j;
  while (v > b && d->toks[v - 1].pos != TAG_UPOS_VERB) v--;
  if (v == b || v == j || d->toks[v].pos == TAG_UPOS_ADP) return j; /* no verb, the span ends at it, "said in" */
  uint32_t nmod = 0, npron = 0, nadj = 0;
  for (uint32_t k = v; k < j; k++) {
    switch (d->toks[k].pos) {
    case TAG_UPOS_DET: case TAG_UPOS_PROPN: nmod++; break;
    case TAG_UPOS_ADJ: nadj++; break;
    case TAG_UPOS_PRON: npron++; break;
    case TAG_UPOS_NOUN: case TAG_UPOS_ADP: case TAG_UPOS_NUM: break;
    default: return j;
    }
  }
  if (npron && nadj) return j;            /* "made it clear" */
  if (!nmod && !nadj && !npron) return j; /* "expressed concern about" */
  return v;
}

/* A span of function words alone (an auxiliary, adverb, particle or
 * conjunction with no verb, noun, adjective, name, preposition or speech
 * word: "will", "then", "to", "and") is no cue, nor is an adjective alone
 * outside the speech lexicon ("first", "infamous"; an auxiliary before an
 * adjective, "is [clear]", stays); punctuation (a colon, a dash) is left to
 * the patterns.  PolNeAR train CV: cue +0.2. */
static bool phrasal_verb(const precis_doc *d, uint32_t i);
static bool junk_span(const precis_doc *d, uint32_t b, uint32_t j, uint32_t e) {
  if (d->toks[b].pos == TAG_UPOS_PUNCT) return false;
  /* a number is no part of a cue: "1-0 defeat at", "the 2013-14 season" (sport and
   * business news) */
  for (uint32_t z = b; z < j; z++)
    if (d->toks[z].pos == TAG_UPOS_NUM || (tok_str(d, z)[0] >= '0' && tok_str(d, z)[0] <= '9')) return true;
  /* nor a span with no verb and no word of the speech or evidence lexicons:
   * "little over half", "voice for", "Italian word for", "the moment"
   * (0.12.1; PolNeAR train CV: cue +0.14, content +0.12 exact F) */
  {
    bool ok = false;
    for (uint32_t z = b; z < j && !ok; z++)
      ok = d->toks[z].pos == TAG_UPOS_VERB || d->toks[z].pos == TAG_UPOS_AUX || (d->toks[z].lex & (LX_SPEECH | LX_EVIDENCE)) ||
           phrasal_verb(d, z); /* a headline's "Chairman calls for ..." (tagged NOUN) */
    if (!ok) return true;
  }
  /* nor a form of "be", "have" or "do" alone: "[have] any real intention",
   * "[is] True Blood's", "[has] a long history" (general news: 90 such cues
   * on the three files, none right; PolNeAR train: 16 gold cues of 9,000) */
  {
    static const char *const light[] = {"be", "is", "are", "was", "were", "been", "being", "am", "have", "has",
                                        "had", "having", "do", "does", "did", "'s", "\xE2\x80\x99s", "not",
                                        "n't", "n\xE2\x80\x99t", NULL};
    bool all = true;
    for (uint32_t z = b; z < j && all; z++) {
      bool in = false;
      for (const char *const *w = light; *w && !in; w++) in = tok_ieq(d, z, *w);
      all = in;
    }
    if (all && !(j == b + 1 && j < e && d->toks[j].pos == TAG_UPOS_ADJ)) return true; /* but "is [clear]", below */
  }
  if (j == b + 1 && d->toks[b].pos == TAG_UPOS_ADJ) return !(d->toks[b].lex & LX_SPEECH);
  for (uint32_t z = b; z < j; z++) {
    const uint8_t p = d->toks[z].pos;
    if (p == TAG_UPOS_VERB || p == TAG_UPOS_NOUN || p == TAG_UPOS_ADJ || p == TAG_UPOS_PROPN || p == TAG_UPOS_ADP ||
        (d->toks[z].lex & LX_SPEECH))
      return false;
    if (p == TAG_UPOS_AUX && j == b + 1 && z + 1 < e && d->toks[z + 1].pos == TAG_UPOS_ADJ) return false;
  }
  return true;
}

/* Verb + preposition cues PolNeAR marks most of the time (PolNeAR train:
 * "called for" 68%, "called on" 66%, "pointed to" 68%, "warned against/of/
 * about" 68%, "spoke about/of" 93%, "expressed concern" 89%), taken when the
 * tagger left them out: the phrase marks what was said ("called for a
 * moratorium").  Stems, so "calls for", "calling for" match too.  PolNeAR
 * dev: +0.1 cue, +0.1 source exact F, +0.1 points of linked recall. */
static const struct { const char *verb, *prep; } PHRASAL[] = {
    {"call", "for"},   {"call", "on"},    {"point", "to"},   {"warn", "against"}, {"warn", "of"},
    {"warn", "about"}, {"spoke", "about"}, {"spoke", "of"}, {"argu", "for"},    {"argu", "against"},
    {"complain", "about"},
};

static bool stem_is(const precis_doc *d, uint32_t i, const char *stem) {
  size_t n = tok_len(d, i), m = strlen(stem);
  if (n < m || n > m + 3) return false;
  const char *s = tok_str(d, i);
  for (size_t k = 0; k < m; k++)
    if ((s[k] | 0x20) != stem[k]) return false;
  return true;
}

/* A verb of PHRASAL before its preposition ("calls for"). */
static bool phrasal_verb(const precis_doc *d, uint32_t i) {
  if (i + 1 >= d->ntoks) return false;
  for (size_t k = 0; k < sizeof PHRASAL / sizeof PHRASAL[0]; k++)
    if (stem_is(d, i, PHRASAL[k].verb) && tok_ieq(d, i + 1, PHRASAL[k].prep)) return true;
  return false;
}

/* A span that ends at "continue" followed by a word ("continues to lead",
 * "continued his tour") is no cue; "'...,' he continued." is (attribution.c
 * is_cue says the same for the rules).  PolNeAR train: "continue to" is a
 * gold cue's start 27 times in 171, "continue" before another word 17 in
 * 117, before punctuation 40 in 57. */
static bool continue_word(const precis_doc *d, uint32_t last, uint32_t j, uint32_t e) {
  return stem_is(d, last, "continu") && j < e && (d->toks[j].flags & TF_WORD);
}

uint32_t prc_cue_repair(precis_doc *d, uint32_t b, uint32_t j, uint32_t e) {
  const uint32_t nj = trim_tail(d, b, j);
  for (uint32_t z = nj; z < j; z++) d->cue_lab[z] = PRC_CUE_O;
  if (junk_span(d, b, nj, e) || continue_word(d, nj - 1, nj, e)) {
    memset(d->cue_lab + b, PRC_CUE_O, nj - b);
    return b;
  }
  return nj;
}

static void phrasal_cues(precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t i = b; i + 1 < e; i++) {
    const token *t = &d->toks[i];
    if (t->pos != TAG_UPOS_VERB || t->quote_depth > 0 || (d->cue_lab[i] & 3) != PRC_CUE_O || (d->cue_lab[i + 1] & 3) != PRC_CUE_O)
      continue;
    for (size_t k = 0; k < sizeof PHRASAL / sizeof PHRASAL[0]; k++) {
      if (!stem_is(d, i, PHRASAL[k].verb) || !tok_ieq(d, i + 1, PHRASAL[k].prep)) continue;
      d->cue_lab[i] = PRC_CUE_B | CUE_HEAD;
      d->cue_lab[i + 1] = PRC_CUE_I;
      break;
    }
  }
}

/* Name-calling: "Jeb Bush called Trump \u201cunhinged.\u201d", "She called his
 * executive actions \u201ca crucial step\u201d", "and calls people \"losers\"".  A form
 * of "call" (a verb, outside quotation marks, left by the tagger) whose
 * object is followed, within NAMING_WINDOW tokens and before any comma,
 * semicolon or full stop, by a quotation: PolNeAR marks "called" there as a
 * cue and the object with the quotation as its content (train: 148 of 180
 * such verbs are cues, 83%; 37 of them were left by the tagger, against 21
 * non-cues).  Not "called for/on/to/...", not a passive or "so called", not
 * "what he called" (train: mostly no cue).  The cue is marked CUE_NAMING
 * too: attribution.c takes its content up to the end of the quotation. */
#define NAMING_WINDOW 10
static bool naming_cue(const precis_doc *d, uint32_t b, uint32_t i, uint32_t e) {
  static const char *const after[] = {"for", "on", "to", "upon", "in", "out", "off", "up", "back", "attention", "into", NULL};
  static const char *const before[] = {"what", "so", "is", "are", "was", "were", "be", "been", "being", "-", NULL};
  const token *t = &d->toks[i];
  /* (the tagger's own one-word cue on the verb too: its content is drawn the same way) */
  bool tagged = d->cue_lab[i] == (PRC_CUE_B | CUE_HEAD) && i + 1 < e && (d->cue_lab[i + 1] & 3) != PRC_CUE_I;
  if (t->pos != TAG_UPOS_VERB || t->quote_depth > 0 || ((d->cue_lab[i] & 3) != PRC_CUE_O && !tagged)) return false;
  if (!stem_is(d, i, "call") || i + 2 >= e || d->toks[i + 1].quote_depth > 0) return false;
  if (!tok_ieq(d, i, "call") && !tok_ieq(d, i, "calls") && !tok_ieq(d, i, "called") && !tok_ieq(d, i, "calling"))
    return false;
  for (const char *const *w = after; *w; w++)
    if (tok_ieq(d, i + 1, *w)) return false;
  for (const char *const *w = before; *w; w++)
    if ((i > b && tok_ieq(d, i - 1, *w)) || (i > b + 1 && !strcmp(*w, "what") && tok_ieq(d, i - 2, *w))) return false;
  /* not a call one might make: "you can call it", "to call" */
  static const char *const modal[] = {"can", "could", "would", "will", "might", "should", "may", "must", "to", NULL};
  for (const char *const *w = modal; *w; w++)
    if (i > b && tok_ieq(d, i - 1, *w)) return false;
  /* the object: a noun phrase ("half of Donald Trump's supporters"), not a
   * telephone call ("called 911 to report", "called police and took their
   * keys as \"...\"", "called Lippert \"to tell him ...\"") */
  bool noun = false;
  for (uint32_t k = i + 1; k < e && k <= i + NAMING_WINDOW; k++) {
    const token *u = &d->toks[k];
    if (u->quote_depth > 0)
      return k > i + 1 && noun && !(k + 1 < e && tok_ieq(d, k + 1, "to"));
    switch (u->pos) {
    case TAG_UPOS_NOUN: case TAG_UPOS_PROPN: case TAG_UPOS_PRON: noun = true; break;
    case TAG_UPOS_DET: case TAG_UPOS_ADJ: case TAG_UPOS_NUM: break;
    case TAG_UPOS_PART: if (!tok_is(d, k, "'s") && !tok_is(d, k, "\xe2\x80\x99s")) return false; break;
    case TAG_UPOS_ADP: if (!tok_ieq(d, k, "of")) return false; break;
    default: return false;
    }
  }
  return false;
}

static void naming_cues(precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t i = b; i < e; i++) {
    if (naming_cue(d, b, i, e)) d->cue_lab[i] = PRC_CUE_B | CUE_HEAD | CUE_NAMING | (d->cue_lab[i] ? 0 : CUE_ADDED);
  }
}

/* May a tagged cue start the patterns at word h?  Never a name, a pronoun
 * or a determiner (measured on PolNeAR dev: +0.3 cue exact F), never "the
 * said company", and, as for the rules, never inside a quotation (that is
 * the quote's content; PolNeAR's cues inside quotes are left for later). */
static bool head_ok(const precis_doc *d, uint32_t h) {
  const token *t = &d->toks[h];
  if (!(t->flags & TF_WORD) || t->quote_depth > 0) return false;
  if (t->pos == TAG_UPOS_PROPN || t->pos == TAG_UPOS_PRON || t->pos == TAG_UPOS_DET || t->pos == TAG_UPOS_ADP) return false;
  if (tok_ieq(d, h, "said") && h > 0 && (tok_ieq(d, h - 1, "the") || tok_ieq(d, h - 1, "a"))) return false;
  return true;
}

void prc_find_cues(precis_doc *d) {
  d->cue_lab = NULL;
  d->cue_use = PRECIS_MODEL_UNUSED;
  if (!d->ntoks) return;
  prc_find_quote_regions(d);
  if ((d->opts.flags & (PRECIS_OPT_NO_TAGGER | PRECIS_OPT_RULE_CUES)) || !d->has_pos) return;
  const cue_model *m = d->opts.attrib_model ? d->opts.attrib_model->cm : prc_cue_builtin(NULL);
  if (!m) return;
  d->cue_use = d->opts.attrib_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  uint32_t maxn = 0;
  for (uint32_t s = 0; s < d->nsents; s++)
    if (d->sents[s].tok_end - d->sents[s].tok_begin > maxn) maxn = d->sents[s].tok_end - d->sents[s].tok_begin;
  d->cue_lab = prc_arena_alloc(&d->ar, d->ntoks);
  memset(d->cue_lab, 0, d->ntoks);
  if (!maxn) return;
  if (maxn > CHUNK) maxn = CHUNK;
  cue_token *in = prc_arena_scratch(&d->ar, (size_t)maxn * sizeof *in);
  for (uint32_t s = 0; s < d->nsents; s++) {
    const sentence *se = &d->sents[s];
    uint32_t b = se->tok_begin, e = se->tok_end;
    if (e <= b || !prc_sent_is_text(se)) continue;
    for (uint32_t cb = b; cb < e; cb += CHUNK) { /* a "sentence" longer than CHUNK in pieces */
      uint32_t ce = e - cb > CHUNK ? cb + CHUNK : e;
      prc_cue_inputs(d, cb, ce, in);
      prc_cue_tag_margin(m, in, ce - cb, d->cue_lab + cb,
                         (d->opts.flags & PRECIS_OPT_STRICT_CUES) ? PRC_CUE_MARGIN_STRICT : PRC_CUE_MARGIN);
    }
    for (uint32_t i = b; i < e;) {
      if (d->cue_lab[i] != PRC_CUE_B) { i++; continue; }
      uint32_t j = i + 1;
      while (j < e && d->cue_lab[j] == PRC_CUE_I) j++;
      j = finish_span(d, i, j, e);
      uint32_t h = cue_head(d, i, j);
      const uint32_t nj = prc_cue_repair(d, i, j, e);
      if (nj == i) { /* no cue */
        i = j;
        continue;
      }
      if (nj < j) h = cue_head(d, i, j = nj);
      /* a span of more than CUE_SPAN_MAX tokens with no speech word is a
       * run of the tagger, not a cue ("boarded a shuttle bus meant for
       * news media as it headed to"; PolNeAR dev: +0.2 cue, +0.1 source exact F) */
      if (head_ok(d, h) && (j - i <= CUE_SPAN_MAX || (d->toks[h].lex & LX_SPEECH))) d->cue_lab[h] |= CUE_HEAD;
      i = j;
    }
    phrasal_cues(d, b, e);
    naming_cues(d, b, e);
  }
  prc_arena_release_big(&d->ar, in);
}

int prc_cues_check(const precis_options *o, precis_error *err) {
  if (o->flags & (PRECIS_OPT_NO_TAGGER | PRECIS_OPT_RULE_CUES)) return 0;
  if (o->attrib_model) {
    if (o->attrib_model->kind != PRC_MODEL_ATTRIB)
      return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET, "the attribution model given is a %s model",
                           precis_model_kind(o->attrib_model));
  }
  return 0;
}

int prc_cues_models(const precis_options *o, precis_error *err) {
  if ((o->flags & (PRECIS_OPT_NO_TAGGER | PRECIS_OPT_RULE_CUES)) || o->attrib_model) return 0;
  precis_error e;
  prc_error_clear(&e);
  if (!prc_cue_builtin(&e) && e.code == PRECIS_ERROR_OUT_OF_MEMORY) {
    if (err) *err = e;
    return -1;
  }
  return 0;
}
