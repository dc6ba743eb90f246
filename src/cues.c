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
      prc_cue_tag(m, in, ce - cb, d->cue_lab + cb);
    }
    for (uint32_t i = b; i < e;) {
      if (d->cue_lab[i] != PRC_CUE_B) { i++; continue; }
      uint32_t j = i + 1;
      while (j < e && d->cue_lab[j] == PRC_CUE_I) j++;
      j = finish_span(d, i, j, e);
      uint32_t h = cue_head(d, i, j);
      /* a span of more than CUE_SPAN_MAX tokens with no speech word is a
       * run of the tagger, not a cue ("boarded a shuttle bus meant for
       * news media as it headed to"; PolNeAR dev: +0.2 cue, +0.1 source exact F) */
      if (head_ok(d, h) && (j - i <= CUE_SPAN_MAX || (d->toks[h].lex & LX_SPEECH))) d->cue_lab[h] |= CUE_HEAD;
      i = j;
    }
    phrasal_cues(d, b, e);
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
