/* export.c - stage 10: internal records (byte offsets) -> public records
 * (code-point spans, NUL-terminated strings), and the public accessors. */
#include <string.h>

#include "doc.h"
#include "parse.h"
#include "tags.h"

static precis_span cps(const precis_doc *d, uint32_t a, uint32_t b) {
  precis_span s;
  if (a > d->len) a = d->len;
  if (b > d->len) b = d->len;
  s.start = prc_cp_index(d, a);
  s.end = prc_cp_index(d, b);
  return s;
}

static precis_text ptext(precis_doc *d, uint32_t a, uint32_t b) {
  precis_text t;
  if (b <= a) {
    t.text = NULL;
    t.span.start = t.span.end = 0;
    return t;
  }
  t.text = prc_arena_strndup(&d->ar, d->text + a, b - a);
  t.span = cps(d, a, b);
  return t;
}

/* A person's short name: the surname, the name's last word with the
 * particles before it ("Robin van Persie" -> "van Persie", "Vincent Van
 * Gogh" -> "Van Gogh", "Gregory van der Wiel" -> "van der Wiel"), without a
 * generational or honorific suffix ("Martin Luther King Jr." -> "King",
 * "Brian Monteith MSP" -> "Monteith").  Other entities: the whole name. */
static bool name_word_in(const char *w, size_t n, const char *const *list) {
  for (; *list; list++)
    if (strlen(*list) == n && !memcmp(*list, w, n)) return true;
  return false;
}

/* the last space in s[0, n), or NULL */
static const char *last_space(const char *s, size_t n) {
  while (n > 0)
    if (s[--n] == ' ') return s + n;
  return NULL;
}

static const char *ent_shortname(precis_doc *d, const entity *e) {
  static const char *const suffix[] = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "MP", "MSP", "MEP", "AM",
                                       "QC", "KC", "OBE", "CBE", "MBE", "PhD", "MD", NULL};
  static const char *const particle[] = {"van", "Van", "von", "Von", "de", "De", "der", "den", "da", "Da", "di",
                                         "Di", "del", "Del", "della", "du", "Du", "la", "La", "le", "Le", "ter",
                                         "ten", "bin", "al", "el", "dos", "do", NULL};
  if (e->type != ENT_PERSON || !e->name) return e->name;
  const char *name = e->name;
  size_t end = strlen(name);
  /* drop suffixes while two words or more are left */
  for (;;) {
    const char *sp = last_space(name, end);
    if (!sp) break;
    size_t w0 = (size_t)(sp - name) + 1;
    if (!name_word_in(name + w0, end - w0, suffix) || !memchr(name, ' ', w0 - 1)) break;
    end = w0 - 1;
  }
  const char *sp = last_space(name, end);
  size_t b = sp ? (size_t)(sp - name) + 1 : 0;
  /* particles before the last word */
  while (b > 0) {
    const char *p = b >= 2 ? last_space(name, b - 1) : NULL;
    size_t pb = p ? (size_t)(p - name) + 1 : 0;
    if (!name_word_in(name + pb, b - 1 - pb, particle)) break;
    b = pb;
  }
  if (end == strlen(name)) return name + b;
  return prc_arena_strndup(&d->ar, name + b, end - b);
}

static const char *const upos_name[] = {"ADJ",  "ADP",   "ADV",  "AUX",  "CCONJ", "DET",
                                        "INTJ", "NOUN",  "NUM",  "PART", "PRON",  "PROPN",
                                        "PUNCT", "SCONJ", "SYM", "VERB", "X"};
_Static_assert(sizeof upos_name / sizeof *upos_name == TAG_UPOS_COUNT, "one name per TAG_UPOS_* id");

/* PRECIS_OPT_WITH_TOKENS: the public tokens, made while the tokens, their
 * trees and the NER spans are still there.  Their texts share one block. */
static void export_tokens(precis_doc *d) {
  if (!(d->opts.flags & PRECIS_OPT_WITH_TOKENS)) return;
  uint32_t n = d->ntoks;
  precis_token *pt = prc_arena_alloc(&d->ar, ((size_t)n + 1) * sizeof *pt);
  size_t total = 1;
  for (uint32_t k = 0; k < n; k++) total += tok_len(d, k) + 1;
  char *txt = prc_arena_alloc(&d->ar, total);
  for (uint32_t k = 0; k < n; k++) {
    uint32_t len = tok_len(d, k);
    memcpy(txt, tok_str(d, k), len);
    txt[len] = 0;
    pt[k].text = txt;
    txt += len + 1;
    pt[k].span = cps(d, d->toks[k].start, d->toks[k].end);
    pt[k].sentence = -1; /* until a sentence claims it */
    int32_t h = prc_dep_head(d, k);
    pt[k].head = h == PRC_DEP_UNPARSED ? PRECIS_NO_HEAD : h;
    pt[k].deprel = h == PRC_DEP_UNPARSED ? NULL : prc_dep_name(prc_dep_rel(d, k));
  }
  for (uint32_t s = 0; s < d->nsents; s++)
    for (uint32_t k = d->sents[s].tok_begin; k < d->sents[s].tok_end; k++) {
      pt[k].sentence = (int)s;
      if (d->has_pos && d->toks[k].pos < TAG_UPOS_COUNT) pt[k].upos = upos_name[d->toks[k].pos];
    }
  for (uint32_t i = 0; i < d->nner; i++)
    for (uint32_t k = d->ner_spans[i].b; k < d->ner_spans[i].e && k < n; k++)
      pt[k].ner = prc_tagger_ent_name(d->ner_spans[i].type);
  d->pub_toks = pt;
  d->npub_toks = n;
}

static void release(precis_doc *d, void **p) {
  prc_arena_release_big(&d->ar, *p);
  *p = NULL;
}

void prc_export_doc(precis_doc *d) {
  /* Only the entities' mention spans read the tokens and the mentions: they
   * are made first, then the large per-token arrays are given back before
   * any other public record is made (peak memory); the writers see the
   * public records only, the counts stay for precis_doc_stats.  The public
   * tokens (PRECIS_OPT_WITH_TOKENS) come first of all. */
  export_tokens(d);
  release(d, (void **)&d->dep_head);
  release(d, (void **)&d->dep_rel);
  prc_parse_release_buffers(d);
  release(d, (void **)&d->tok_mention); /* if keypoints did not already */
  release(d, (void **)&d->ner_spans);
  /* mentions grouped by entity, in text order, in one array for every
   * entity's spans (not one allocation each); end[i] is where entity i's
   * spans end once they are filled in */
  precis_span *spans = NULL;
  uint32_t *end = NULL;
  if (d->nents) {
    end = prc_arena_scratch(&d->ar, d->nents * sizeof(uint32_t));
    size_t total = 0;
    for (uint32_t m = 0; m < d->nmentions; m++)
      if (d->mentions[m].entity >= 0) end[d->mentions[m].entity]++, total++;
    uint32_t at = 0;
    for (uint32_t i = 0; i < d->nents; i++) { /* counts -> starts */
      uint32_t c = end[i];
      end[i] = at;
      at += c;
    }
    spans = prc_arena_alloc(&d->ar, (total + 1) * sizeof(precis_span));
    for (uint32_t m = 0; m < d->nmentions; m++) {
      mention *mn = &d->mentions[m];
      if (mn->entity < 0) continue;
      spans[end[mn->entity]++] = cps(d, d->toks[mn->tok_begin].start, d->toks[mn->tok_end - 1].end);
    }
  }
  /* the quotes' cue and source: token ranges -> byte ranges, in place (the
   * tokens' last reader; none: 0, 0) */
  for (uint32_t i = 0; i < d->nquotes; i++) {
    quote *q = &d->quotes[i];
    uint32_t cb = 0, ce = 0, sb = 0, se = 0;
    if (q->cue_tok_end > q->cue_tok) {
      cb = d->toks[q->cue_tok].start;
      ce = d->toks[q->cue_tok_end - 1].end;
    }
    if (q->source_tok_begin != UINT32_MAX && q->source_tok_end > q->source_tok_begin) {
      sb = d->toks[q->source_tok_begin].start;
      se = d->toks[q->source_tok_end - 1].end;
    }
    q->cue_tok = cb, q->cue_tok_end = ce, q->source_tok_begin = sb, q->source_tok_end = se;
  }
  release(d, (void **)&d->toks);
  release(d, (void **)&d->mentions);
  d->ctoks = d->cmentions = d->cner = 0;

  d->pub_quotes = prc_arena_alloc(&d->ar, (d->nquotes + 1) * sizeof(precis_quote));
  for (uint32_t i = 0; i < d->nquotes; i++) {
    quote *q = &d->quotes[i];
    precis_quote *p = &d->pub_quotes[i];
    p->kind = q->kind;
    p->cue = ptext(d, q->cue_tok, q->cue_tok_end);             /* bytes by now */
    p->source = ptext(d, q->source_tok_begin, q->source_tok_end); /* bytes by now */
    p->entity = q->entity;
    p->speaker = (q->entity >= 0 && (uint32_t)q->entity < d->nents) ? d->ents[q->entity].name : NULL;
    p->ncontent = q->ncontent;
    precis_text *c = prc_arena_alloc(&d->ar, (q->ncontent + 1) * sizeof(precis_text));
    for (uint32_t k = 0; k < q->ncontent; k++) {
      const bspan *cs = prc_quote_content(d, q, k);
      c[k] = ptext(d, cs->start, cs->end);
    }
    p->content = c;
  }
  release(d, (void **)&d->quotes); /* its last reader */
  release(d, (void **)&d->qspans);
  d->cqspans = 0;

  d->pub_sents = prc_arena_alloc(&d->ar, (d->nsents + 1) * sizeof(precis_sentence));
  d->npub_heads = 0;
  for (uint32_t i = 0; i < d->nsents; i++) {
    sentence *s = &d->sents[i];
    d->pub_sents[i].span = cps(d, s->start, s->end);
    d->pub_sents[i].paragraph = (int)s->para;
    d->pub_sents[i].is_heading = s->is_heading;
    if (s->is_heading) d->npub_heads++;
  }
  d->pub_heads = prc_arena_alloc(&d->ar, (d->npub_heads + 1) * sizeof(precis_text));
  size_t h = 0;
  for (uint32_t i = 0; i < d->nsents; i++)
    if (d->sents[i].is_heading) d->pub_heads[h++] = ptext(d, d->sents[i].start, d->sents[i].end);
  /* clean.c: captions (sentences of that kind) and boilerplate */
  d->npub_captions = 0;
  for (uint32_t i = 0; i < d->nsents; i++) d->npub_captions += d->sents[i].kind == SK_CAPTION;
  d->pub_captions = prc_arena_alloc(&d->ar, (d->npub_captions + 1) * sizeof(precis_text));
  h = 0;
  for (uint32_t i = 0; i < d->nsents; i++)
    if (d->sents[i].kind == SK_CAPTION) d->pub_captions[h++] = ptext(d, d->sents[i].start, d->sents[i].end);
  d->npub_boilers = d->nboilers;
  d->pub_boilers = prc_arena_alloc(&d->ar, (d->nboilers + 1) * sizeof(precis_boilerplate));
  for (uint32_t i = 0; i < d->nboilers; i++) {
    const boiler *bo = &d->boilers[i];
    precis_text t = ptext(d, bo->start, bo->end);
    d->pub_boilers[i].text = t.text;
    d->pub_boilers[i].span = t.span;
    d->pub_boilers[i].kind = (precis_boilerplate_kind)bo->kind;
    d->pub_boilers[i].sentence = bo->sent;
  }

  d->pub_ents = prc_arena_alloc(&d->ar, (d->nents + 1) * sizeof(precis_entity));
  for (uint32_t i = 0; i < d->nents; i++) {
    entity *e = &d->ents[i];
    precis_entity *p = &d->pub_ents[i];
    uint32_t start = i ? end[i - 1] : 0;
    p->name = e->name;
    p->type = (precis_entity_type)e->type;
    p->gender = e->gender;
    p->title = e->title;
    p->nmentions = end[i] - start;
    p->mentions = spans + start;
  }
  prc_arena_release_big(&d->ar, end);

  d->pub_figs = prc_arena_alloc(&d->ar, (d->nfigs + 1) * sizeof(precis_figure));
  for (uint32_t i = 0; i < d->nfigs; i++) {
    figure *f = &d->figs[i];
    precis_figure *p = &d->pub_figs[i];
    p->text = prc_arena_strndup(&d->ar, d->text + f->start, f->end - f->start);
    p->kind = f->kind;
    p->value = f->value;
    p->unit = f->unit;
    p->span = cps(d, f->start, f->end);
    p->sentence = (int)f->sent;
  }

  d->pub_kps = prc_arena_alloc(&d->ar, (d->nkps + 1) * sizeof(precis_keypoint));
  for (uint32_t i = 0; i < d->nkps; i++) {
    keypoint *k = &d->kps[i];
    precis_keypoint *p = &d->pub_kps[i];
    p->claim = k->claim;
    p->speaker = (k->entity >= 0 && (uint32_t)k->entity < d->nents) ? ent_shortname(d, &d->ents[k->entity]) : k->speaker;
    if (p->speaker) {
      size_t a = strlen(k->claim), b = strlen(p->speaker);
      char *t = prc_arena_alloc(&d->ar, a + b + 3);
      memcpy(t, k->claim, a);
      memcpy(t + a, ": ", 2);
      memcpy(t + a + 2, p->speaker, b + 1);
      p->text = t;
    } else {
      p->text = k->claim;
    }
    sentence *s = &d->sents[k->sent];
    p->span = cps(d, s->start, s->end);
    p->sentence = (int)k->sent;
    p->score = k->score;
  }
  /* the internal records: the public ones hold copies (the strings they
   * point to are in the arena's blocks, not in these arrays) */
  release(d, (void **)&d->sents);
  release(d, (void **)&d->ents);
  release(d, (void **)&d->figs);
  release(d, (void **)&d->kps);
  d->csents = d->cents = d->cquotes = d->cfigs = d->ckps = 0;
}

#define ACCESSOR(fn, T, field, count)                   \
  size_t fn(const precis_doc *d, const T **out) {       \
    if (!d) { if (out) *out = NULL; return 0; }         \
    if (out) *out = d->field;                           \
    return d->count;                                    \
  }
ACCESSOR(precis_doc_sentences, precis_sentence, pub_sents, nsents)
ACCESSOR(precis_doc_keypoints, precis_keypoint, pub_kps, nkps)
ACCESSOR(precis_doc_quotes, precis_quote, pub_quotes, nquotes)
ACCESSOR(precis_doc_entities, precis_entity, pub_ents, nents)
ACCESSOR(precis_doc_figures, precis_figure, pub_figs, nfigs)
ACCESSOR(precis_doc_headings, precis_text, pub_heads, npub_heads)
ACCESSOR(precis_doc_captions, precis_text, pub_captions, npub_captions)
ACCESSOR(precis_doc_boilerplate, precis_boilerplate, pub_boilers, npub_boilers)
ACCESSOR(precis_doc_tokens, precis_token, pub_toks, npub_toks) /* NULL without PRECIS_OPT_WITH_TOKENS */
