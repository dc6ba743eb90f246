/* cend_train.c - training the content-end scorer (content_ends.c) on
 * PolNeAR, the second half of `precis train attrib` (cend_train.h).
 *
 * Each training article runs through the whole engine with the cue tagger
 * just trained and no end scorer, so the candidates are those the run time
 * will see: content_ends.c records, for every quote it looks at, each
 * candidate end with its features (PRC_OPT_CEND_TRACE).  The gold is the
 * article's first annotation file (file-name order, as the evaluator takes
 * it): a quote is an example when a gold relation's cue overlaps the quote's
 * cue (code points) and one of that relation's content fragments starts
 * where the quote's last fragment starts, both trimmed as `precis eval
 * attrib` trims them (white space, quotation marks, . , ; :); the right
 * candidates are those whose trimmed end is the fragment's.  Quotes whose
 * gold end is no candidate teach nothing and are left out.
 *
 * Learning: a ranking perceptron (one class: a score), averaged, over the
 * examples in a seeded order each epoch; at each example the best-scoring
 * candidate (the rules' end on a tie) is predicted, and when it is wrong the
 * best-scoring right candidate's features gain 1 and the prediction's lose
 * 1.  Deterministic for a seed.
 *
 * Starts (side 1 of the trace) the same way, the other way round: the
 * quote's first fragment, a gold fragment of the relation ending where it
 * ends (trimmed), the right candidates those whose trimmed start is the
 * gold one's.  Both kinds of examples train one model (their features'
 * templates differ: content_ends.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cend_train.h"

#include "brat_corpus.h"

#include "doc.h"
#include "error.h"
#include "eval/attrib_eval.h"
#include "eval/brat.h"
#include "model/cue_model.h"
#include "perceptron_train.h"
#include "train_util.h"

typedef struct cend_ex {
  uint32_t ncands, rule;
  uint32_t *foff;  /* ncands + 1 offsets into feats */
  uint64_t *feats;
  uint8_t *right;  /* per candidate */
} cend_ex;

typedef struct cend_set {
  cend_ex *ex;
  size_t n, cap;
} cend_set;

static void set_free(cend_set *s) {
  for (size_t i = 0; i < s->n; i++) {
    free(s->ex[i].foff);
    free(s->ex[i].feats);
    free(s->ex[i].right);
  }
  free(s->ex);
  memset(s, 0, sizeof *s);
}

static size_t trim_start(const brat_text *t, size_t b, size_t e) {
  while (b < e && prc_attrib_is_trim(t->cp[b])) b++;
  return b;
}
static size_t trim_end(const brat_text *t, size_t b, size_t e) {
  while (e > b && prc_attrib_is_trim(t->cp[e - 1])) e--;
  return e;
}

static void push_example(cend_set *s, const cend_trace *t, uint8_t *right) {
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 1024;
    s->ex = prc_tr_xrealloc(s->ex, s->cap * sizeof *s->ex);
  }
  cend_ex *x = &s->ex[s->n++];
  x->ncands = t->ncands;
  x->rule = t->rule;
  x->right = right;
  x->foff = prc_tr_xrealloc(NULL, (t->ncands + 1) * sizeof *x->foff);
  memcpy(x->foff, t->foff, (t->ncands + 1) * sizeof *x->foff);
  x->feats = prc_tr_xrealloc(NULL, (size_t)t->foff[t->ncands] * sizeof *x->feats);
  memcpy(x->feats, t->feats, (size_t)t->foff[t->ncands] * sizeof *x->feats);
}

/* The gold fragment for a quote whose cue is [cb, ce): in the first relation
 * (file order) whose cue overlaps it, a content fragment whose trimmed start
 * (by_start) or trimmed end (else) is at; returns its other trimmed edge, or
 * SIZE_MAX when there is none. */
static size_t gold_edge(const brat_ann *ann, const brat_text *txt, size_t cb, size_t ce, bool by_start, size_t at) {
  for (size_t r = 0; r < ann->nrels; r++) {
    const brat_relation *rel = &ann->rels[r];
    bool cue = false;
    for (size_t a = 0; a < rel->nspans[BRAT_CUE] && !cue; a++)
      for (size_t g = 0; g < rel->spans[BRAT_CUE][a].nfrags && !cue; g++) {
        const brat_frag *f = &rel->spans[BRAT_CUE][a].frags[g];
        cue = f->start < ce && cb < f->end;
      }
    if (!cue) continue;
    for (size_t a = 0; a < rel->nspans[BRAT_CONTENT]; a++)
      for (size_t g = 0; g < rel->spans[BRAT_CONTENT][a].nfrags; g++) {
        const brat_frag *f = &rel->spans[BRAT_CONTENT][a].frags[g];
        if (f->end > txt->n || f->start >= f->end) continue;
        size_t fs = trim_start(txt, f->start, f->end), fe = trim_end(txt, fs, f->end);
        if (fe > fs && (by_start ? fs : fe) == at) return by_start ? fe : fs;
      }
  }
  return SIZE_MAX;
}

/* The examples of one analysed article: ends (side 0: the fragment's start
 * t->b is fixed, candidate k ends it at t->ends[k]) and starts (side 1: its
 * end t->b is fixed, candidate k starts it at t->ends[k]). */
static void add_article(cend_set *s, const precis_doc *d, const brat_ann *ann, const brat_text *txt,
                        cend_train_stats *st) {
  for (uint32_t k = 0; k < d->ncet; k++) {
    const cend_trace *t = &d->cet[k];
    const bool starts = t->side == 1;
    if (!starts) st->quotes++;
    if (t->rule == UINT32_MAX || !t->ncands) continue;
    /* the fixed edge, trimmed; the span the candidates cover: [lo, hi) */
    size_t lo = starts ? t->ends[0] : t->b, hi = starts ? t->b : t->ends[t->ncands - 1];
    if (hi > txt->n || lo >= hi) continue;
    size_t fixed = starts ? trim_end(txt, lo, hi) : trim_start(txt, lo, hi);
    size_t want = gold_edge(ann, txt, t->cue_b, t->cue_e, !starts, fixed);
    if (want == SIZE_MAX) continue;
    *(starts ? &st->s_matched : &st->matched) += 1;
    uint8_t *right = prc_tr_xrealloc(NULL, t->ncands);
    uint32_t nright = 0;
    for (uint32_t c = 0; c < t->ncands; c++) {
      size_t e = t->ends[c];
      right[c] = starts ? trim_start(txt, e, hi) == want : trim_end(txt, fixed, e) == want;
      nright += right[c];
    }
    if (!nright) {
      *(starts ? &st->s_unreachable : &st->unreachable) += 1;
      free(right);
      continue;
    }
    *(starts ? &st->s_rule_right : &st->rule_right) += right[t->rule];
    *(starts ? &st->s_examples : &st->e_examples) += 1;
    push_example(s, t, right);
  }
}

typedef struct examples_ctx {
  cend_set *s;
  cend_train_stats *st;
  precis_options opts;
} examples_ctx;

static int examples_article(void *ctx, const char *text, size_t len, const brat_ann *ann, arena *a,
                            precis_error *err) {
  examples_ctx *x = ctx;
  brat_text txt;
  prc_brat_decode_utf8(a, text, len, &txt);
  precis_doc *d = precis_analyze_ex(text, len, &x->opts, err);
  if (!d) return -1;
  add_article(x->s, d, ann, &txt, x->st);
  x->st->articles++;
  precis_doc_free(d);
  return 0;
}

static int read_examples(const char *dir, const precis_model *pos, const precis_model *attrib, cend_set *s,
                         cend_train_stats *st, precis_error *err) {
  examples_ctx x = {.s = s, .st = st};
  precis_options_init(&x.opts);
  x.opts.flags |= PRC_OPT_CEND_TRACE;
  x.opts.pos_model = pos;
  x.opts.attrib_model = attrib;
  return prc_tr_each_article(dir, examples_article, &x, err);
}

/* The best candidate of x by t's current weights (the rules' end on a tie);
 * right_only: among the right ones. */
static uint32_t best_of(const pc_trainer *t, const cend_ex *x, bool right_only, float *sc) {
  for (uint32_t c = 0; c < x->ncands; c++) {
    sc[c] = 0;
    prc_pc_trainer_score(t, x->feats + x->foff[c], x->foff[c + 1] - x->foff[c], &sc[c]);
  }
  uint32_t best = UINT32_MAX;
  for (uint32_t c = 0; c < x->ncands; c++) {
    if (right_only && !x->right[c]) continue;
    if (best == UINT32_MAX || sc[c] > sc[best] || (sc[c] == sc[best] && c == x->rule)) best = c;
  }
  return best;
}

int prc_cend_train(const cend_train_opts *o, pc_buf *out, cend_train_stats *st, precis_error *err) {
  memset(st, 0, sizeof *st);
  cend_set s = {0};
  if (read_examples(o->train_dir, o->pos_model, o->attrib_model, &s, st, err) < 0) {
    set_free(&s);
    return -1;
  }
  uint32_t *order = prc_tr_xrealloc(NULL, (s.n ? s.n : 1) * sizeof *order);
  uint32_t maxc = 1;
  for (size_t i = 0; i < s.n; i++)
    if (s.ex[i].ncands > maxc) maxc = s.ex[i].ncands;
  float *sc = prc_tr_xrealloc(NULL, maxc * sizeof *sc);
  int epochs = o->epochs > 0 ? o->epochs : CEND_DEFAULT_EPOCHS;
  /* several runs (other example orders), their averaged weights averaged
   * into one model, as the cue tagger's: steadier than one run (0.12.3:
   * dev content F 55.73 / 56.69 / 55.68 for three seeds of one run, 56.27 /
   * 56.11 / 56.05 for five runs; train CV 51.56 against 51.48) */
  int nruns = o->runs > 0 ? o->runs : CEND_DEFAULT_RUNS;
  pc_trainer *t = NULL, *sum = nruns > 1 ? prc_pc_trainer_new(1) : NULL;
  if (nruns > 1 && !sum) prc_tr_die_oom();
  for (int run = 0; run < nruns; run++) {
    t = prc_pc_trainer_new(1);
    if (!t) prc_tr_die_oom();
    for (size_t i = 0; i < s.n; i++) order[i] = (uint32_t)i;
    pc_rng rng;
    prc_pc_rng_seed(&rng, o->seed + (uint64_t)run * 1000003u);
    for (int ep = 0; ep < epochs; ep++) {
      prc_pc_shuffle(&rng, order, s.n);
      size_t wrong = 0;
      for (size_t k = 0; k < s.n; k++) {
        const cend_ex *x = &s.ex[order[k]];
        uint32_t p = best_of(t, x, false, sc);
        if (!x->right[p]) {
          uint32_t g = best_of(t, x, true, sc);
          prc_pc_trainer_update(t, x->feats + x->foff[g], x->foff[g + 1] - x->foff[g], 0, 1.0f);
          prc_pc_trainer_update(t, x->feats + x->foff[p], x->foff[p + 1] - x->foff[p], 0, -1.0f);
          wrong++;
        }
        prc_pc_trainer_tick(t);
      }
      if (o->verbose) fprintf(stderr, "  content ends, run %d, epoch %d: %zu wrong of %zu\n", run + 1, ep + 1, wrong, s.n);
    }
    if (nruns > 1) {
      prc_pc_trainer_accumulate(sum, t, 1.0f / (float)nruns);
      prc_pc_trainer_free(t);
      t = sum;
    }
  }
  pc_model pm;
  if (prc_pc_trainer_export(t, o->prune > 0 ? o->prune : CEND_DEFAULT_PRUNE, &pm) < 0) prc_tr_die_oom();
  prc_pc_trainer_free(t);
  st->examples = s.n;
  st->features = pm.nfeat;
  prc_pc_buf_u32(out, PRC_CEND_FEATSET);
  if (prc_pc_model_write(&pm, out) < 0) prc_tr_die_oom();
  prc_pc_model_free(&pm);
  free(sc);
  free(order);
  set_free(&s);
  return 0;
}
