/* cue_train.c - training the speech-cue tagger on PolNeAR (cue_train.h).
 *
 * Each article is analysed up to the cue stage (document.c,
 * prc_analyze_upto_cues: tokens, sentences, POS tags, quotation regions,
 * the rules' cue decisions), so the trainer sees exactly the input the
 * run time builds (cues.c, prc_cue_inputs).  The gold cues are the Cue
 * spans of the article's first annotation file (file-name order, as the
 * evaluator takes them); a token is in a cue when its code points overlap
 * one, and the first such token of each span is B.  Sentences that are
 * headings are skipped, as the run time skips them.
 *
 * Learning: greedy left-to-right decoding with the current weights and the
 * predicted previous labels, a perceptron update at every wrong token,
 * averaged weights (perceptron_train.h); the sentence order is shuffled
 * each epoch with the seed, so training is deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cue_train.h"

#include "brat_corpus.h"
#include "cend_train.h"
#include "models.h"

#include "doc.h"
#include "error.h"
#include "eval/brat.h"
#include "model/cue_model.h"
#include "model_write.h"
#include "perceptron_train.h"
#include "train_util.h"

#define DEFAULT_EPOCHS 6
#define DEFAULT_PRUNE 2.0f
#define DEFAULT_RUNS 5 /* runs averaged: 5 (0.11.0) against 1, train 5-fold CV of the engine: cue +0.12, content +0.21 exact F (docs/attribution.md) */

typedef struct cue_corpus {
  cue_token *tok;
  uint8_t *gold;
  size_t ntok, ctok;
  uint32_t *sent; /* sentence k = tokens [sent[k], sent[k + 1]) */
  size_t nsent, csent;
  size_t articles, gold_spans, gold_lost; /* spans, and spans no token of a sentence covers */
} cue_corpus;

static void corpus_free(cue_corpus *c) {
  free(c->tok);
  free(c->gold);
  free(c->sent);
  memset(c, 0, sizeof *c);
}

/* Adds the sentences of one article with their gold labels. */
static void add_article(cue_corpus *c, const precis_doc *d, const brat_ann *ann) {
  uint32_t n = d->ntoks;
  uint32_t *cs = prc_tr_xrealloc(NULL, (size_t)(n + 1) * sizeof *cs), *ce = prc_tr_xrealloc(NULL, (size_t)(n + 1) * sizeof *ce);
  uint8_t *lab = prc_tr_xrealloc(NULL, n + 1);
  int32_t *sent_of_tok = prc_tr_xrealloc(NULL, (size_t)(n + 1) * sizeof *sent_of_tok);
  memset(lab, 0, n + 1);
  for (uint32_t i = 0; i < n; i++) {
    cs[i] = prc_cp_index(d, d->toks[i].start);
    ce[i] = prc_cp_index(d, d->toks[i].end);
    sent_of_tok[i] = -1;
  }
  for (uint32_t s = 0; s < d->nsents; s++)
    if (!d->sents[s].is_heading)
      for (uint32_t i = d->sents[s].tok_begin; i < d->sents[s].tok_end; i++) sent_of_tok[i] = (int32_t)s;
  /* every Cue span's fragments: I on the tokens it overlaps, B on the first */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t k = 0; k < ann->nrole_spans[BRAT_CUE]; k++) {
      const brat_span *sp = &ann->role_spans[BRAT_CUE][k];
      for (size_t g = 0; g < sp->nfrags; g++) {
        size_t fs = sp->frags[g].start, fe = sp->frags[g].end;
        /* first token ending after fs (binary search) */
        uint32_t lo = 0, hi = n;
        while (lo < hi) {
          uint32_t m = lo + (hi - lo) / 2;
          if (ce[m] <= fs) lo = m + 1;
          else hi = m;
        }
        bool first = true, any = false;
        for (uint32_t i = lo; i < n && cs[i] < fe; i++) {
          if (sent_of_tok[i] < 0) continue;
          any = true;
          if (pass == 0) lab[i] = PRC_CUE_I;
          else if (first) lab[i] = PRC_CUE_B;
          first = false;
        }
        if (pass == 0) {
          c->gold_spans++;
          if (!any) c->gold_lost++;
        }
      }
    }
  }
  for (uint32_t s = 0; s < d->nsents; s++) {
    const sentence *se = &d->sents[s];
    if (se->is_heading || se->tok_end <= se->tok_begin) continue;
    uint32_t m = se->tok_end - se->tok_begin;
    if (c->ntok + m > c->ctok) {
      c->ctok = (c->ntok + m) * 2;
      c->tok = prc_tr_xrealloc(c->tok, c->ctok * sizeof *c->tok);
      c->gold = prc_tr_xrealloc(c->gold, c->ctok);
    }
    prc_cue_inputs(d, se->tok_begin, se->tok_end, c->tok + c->ntok);
    memcpy(c->gold + c->ntok, lab + se->tok_begin, m);
    /* an I with no cue before it in the sentence (a span cut by a sentence end) starts one */
    for (uint32_t k = 0; k < m; k++)
      if (c->gold[c->ntok + k] == PRC_CUE_I && (k == 0 || c->gold[c->ntok + k - 1] == PRC_CUE_O))
        c->gold[c->ntok + k] = PRC_CUE_B;
    if (c->nsent + 2 > c->csent) {
      c->csent = (c->nsent + 2) * 2;
      c->sent = prc_tr_xrealloc(c->sent, c->csent * sizeof *c->sent);
    }
    c->sent[c->nsent++] = (uint32_t)c->ntok;
    c->ntok += m;
    c->sent[c->nsent] = (uint32_t)c->ntok;
  }
  free(cs);
  free(ce);
  free(lab);
  free(sent_of_tok);
}

typedef struct corpus_ctx {
  cue_corpus *c;
  precis_options opts;
} corpus_ctx;

static int corpus_article(void *ctx, const char *text, size_t len, const brat_ann *ann, arena *a, precis_error *err) {
  (void)a;
  corpus_ctx *x = ctx;
  precis_doc *d = prc_analyze_upto_cues(text, len, &x->opts, err);
  if (!d) return -1;
  add_article(x->c, d, ann);
  x->c->articles++;
  precis_doc_free(d);
  return 0;
}

/* Reads every article of dir (first annotation file per article). */
static int read_corpus(const char *dir, const precis_model *pos, cue_corpus *c, int verbose, precis_error *err) {
  memset(c, 0, sizeof *c);
  corpus_ctx x = {.c = c};
  precis_options_init(&x.opts);
  x.opts.flags |= PRECIS_OPT_RULE_CUES; /* the inputs only: no cue model runs */
  x.opts.pos_model = pos;
  int rc = prc_tr_each_article(dir, corpus_article, &x, err);
  if (rc == 0 && verbose)
    fprintf(stderr, "  %s: %zu articles, %zu sentences, %zu tokens, %zu gold cue spans (%zu outside sentences)\n",
            prc_tr_base_name(dir), c->articles, c->nsent, c->ntok, c->gold_spans, c->gold_lost);
  return rc;
}

/* Spans of labels lab[0..n): B I* runs; counts gold, predicted and equal. */
static void score_spans(const uint8_t *gold, const uint8_t *pred, size_t n, cue_eval *ev) {
  for (size_t i = 0; i < n; i++) {
    if (gold[i] == PRC_CUE_B) ev->gold++;
    if (pred[i] != PRC_CUE_B) continue;
    ev->pred++;
    if (gold[i] != PRC_CUE_B) continue;
    size_t j = i + 1;
    while (j < n && pred[j] == PRC_CUE_I && gold[j] == PRC_CUE_I) j++;
    bool pend = j >= n || pred[j] != PRC_CUE_I, gend = j >= n || gold[j] != PRC_CUE_I;
    if (pend && gend) ev->match++;
  }
}

static void eval_model(const cue_model *m, const cue_corpus *c, cue_eval *ev) {
  memset(ev, 0, sizeof *ev);
  ev->articles = c->articles;
  uint8_t *pred = prc_tr_xrealloc(NULL, c->ntok + 1);
  for (size_t s = 0; s < c->nsent; s++) {
    size_t b = c->sent[s], n = c->sent[s + 1] - b;
    prc_cue_tag(m, c->tok + b, n, pred + b);
    score_spans(c->gold + b, pred + b, n, ev);
  }
  free(pred);
}

static double f1(const cue_eval *e) {
  return e->gold + e->pred ? 2.0 * (double)e->match / (double)(e->gold + e->pred) : 0;
}

int prc_cue_train(const cue_train_opts *o, cue_eval *dev, precis_error *err) {
  prc_error_clear(err);
  int epochs = o->epochs > 0 ? o->epochs : DEFAULT_EPOCHS;
  float prune = o->prune > 0 ? o->prune : DEFAULT_PRUNE;
  cue_corpus tr, dv;
  memset(&dv, 0, sizeof dv);
  double t0 = prc_tr_wall_seconds();
  if (read_corpus(o->train_dir, o->pos_model, &tr, o->verbose, err) < 0) return -1;
  if (o->dev_dir && read_corpus(o->dev_dir, o->pos_model, &dv, o->verbose, err) < 0) {
    corpus_free(&tr);
    return -1;
  }
  if (!tr.nsent) {
    corpus_free(&tr);
    corpus_free(&dv);
    return prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "no annotated article in %s", o->train_dir);
  }
  if (o->verbose) fprintf(stderr, "  read in %.1f s\n", prc_tr_wall_seconds() - t0);
  /* Several runs (other sentence orders), their averaged weights averaged
   * into one model: steadier than one run, whose dev cue F moves by about
   * +-0.4 from seed to seed; the run-time cost is that of one model. */
  int nruns = o->runs > 0 ? o->runs : DEFAULT_RUNS;
  pc_trainer *t = NULL, *sum = nruns > 1 ? prc_pc_trainer_new(PRC_CUE_NLABELS) : NULL;
  if (nruns > 1 && !sum) prc_tr_die_oom();
  uint32_t *order = prc_tr_xrealloc(NULL, tr.nsent * sizeof *order);
  uint64_t f[PRC_CUE_MAXF];
  for (int run = 0; run < nruns; run++) {
  t = prc_pc_trainer_new(PRC_CUE_NLABELS);
  if (!t) prc_tr_die_oom();
  pc_rng rng;
  prc_pc_rng_seed(&rng, o->seed + (uint64_t)run * 1000003u);
  for (size_t s = 0; s < tr.nsent; s++) order[s] = (uint32_t)s;
  for (int ep = 0; ep < epochs; ep++) {
    prc_pc_shuffle(&rng, order, tr.nsent);
    size_t wrong = 0;
    for (size_t k = 0; k < tr.nsent; k++) {
      size_t b = tr.sent[order[k]], n = tr.sent[order[k] + 1] - b;
      int p1 = PRC_CUE_O, p2 = PRC_CUE_O;
      for (size_t i = 0; i < n; i++) {
        size_t nf = prc_cue_feats(tr.tok + b, n, i, p1, p2, f);
        float sc[PRC_CUE_NLABELS] = {0};
        prc_pc_trainer_score(t, f, nf, sc);
        int best = PRC_CUE_O;
        for (int cl = 1; cl < PRC_CUE_NLABELS; cl++) {
          if (cl == PRC_CUE_I && p1 == PRC_CUE_O) continue;
          if (sc[cl] > sc[best]) best = cl;
        }
        int gold = tr.gold[b + i];
        if (best != gold) {
          prc_pc_trainer_learn(t, f, nf, gold, best);
          wrong++;
        }
        prc_pc_trainer_tick(t);
        p2 = p1;
        p1 = best;
      }
    }
    if (o->verbose) fprintf(stderr, "  run %d, epoch %d: %zu wrong tokens of %zu\n", run + 1, ep + 1, wrong, tr.ntok);
  }
  if (nruns > 1) {
    prc_pc_trainer_accumulate(sum, t, 1.0f / (float)nruns);
    prc_pc_trainer_free(t);
    t = sum;
  }
  }
  pc_model pm;
  if (prc_pc_trainer_export(t, prune, &pm) < 0) prc_tr_die_oom();
  prc_pc_trainer_free(t);
  model_writer w;
  prc_model_writer_init(&w, PRC_CUE_FEATSET);
  static const char *const labels[PRC_CUE_NLABELS] = {"O", "B", "I"};
  prc_model_writer_labels(&w, labels, PRC_CUE_NLABELS);
  if (prc_pc_model_write(&pm, prc_model_writer_section(&w, "WGHT")) < 0) prc_tr_die_oom();
  prc_pc_model_free(&pm);
  /* score the model as it will be shipped */
  pc_buf file = {0};
  if (prc_model_writer_finish(&w, &file) < 0) prc_tr_die_oom();
  cue_model *m = prc_cue_load_memory(file.p, file.n, err);
  free(file.p);
  int rc = -1;
  if (m) {
    cue_eval ev, evt;
    eval_model(m, &dv, &ev);
    eval_model(m, &tr, &evt);
    if (dev) *dev = ev;
    /* the content-end scorer, trained with this tagger in the engine */
    char ends[768] = "none";
    if (!o->no_ends) {
      struct precis_model am = {.kind = PRC_MODEL_ATTRIB, .cm = m};
      cend_train_opts co = {.train_dir = o->train_dir, .pos_model = o->pos_model, .attrib_model = &am,
                            .seed = o->seed, .verbose = o->verbose};
      cend_train_stats cs;
      double t1 = prc_tr_wall_seconds();
      pc_buf *sec = prc_model_writer_section(&w, "CEND");
      if (!sec) prc_tr_die_oom();
      if (prc_cend_train(&co, sec, &cs, err) < 0) {
        prc_cue_free(m);
        prc_model_writer_free(&w);
        free(order);
        corpus_free(&tr);
        corpus_free(&dv);
        return -1;
      }
      snprintf(ends, sizeof ends,
               "ranking perceptron, %d runs of %d epochs averaged, prune %.2f, margin %.1f; %zu quotes of %zu articles looked at; "
               "ends: %zu with a gold fragment starting alike (%zu of them with no candidate end right), %zu "
               "examples, the rules' end right in %zu; starts: %zu with a gold fragment ending alike (%zu with no "
               "candidate right), %zu examples, the rules' start right in %zu; %zu features",
               CEND_DEFAULT_RUNS, CEND_DEFAULT_EPOCHS, (double)CEND_DEFAULT_PRUNE, PRC_CEND_MARGIN, cs.quotes, cs.articles, cs.matched,
               cs.unreachable, cs.e_examples, cs.rule_right, cs.s_matched, cs.s_unreachable, cs.s_examples,
               cs.s_rule_right, cs.features);
      if (o->verbose) fprintf(stderr, "  content ends: %s; %.1f s\n", ends, prc_tr_wall_seconds() - t1);
    }
    prc_cue_free(m);
    char date[32], note[4096], devs[256];
    prc_tr_today(date, sizeof date);
    if (o->dev_dir)
      snprintf(devs, sizeof devs, "cue spans exact P %.4f R %.4f F %.4f on %s (%zu articles, %zu gold spans)",
               ev.pred ? (double)ev.match / (double)ev.pred : 0, ev.gold ? (double)ev.match / (double)ev.gold : 0,
               f1(&ev), prc_tr_base_name(o->dev_dir), ev.articles, ev.gold);
    else
      snprintf(devs, sizeof devs, "none");
    snprintf(note, sizeof note,
             "kind: attrib (speech-cue tagger, BIO)\n"
             "data: PolNeAR (%s, first annotation file per article)\n"
             "licence: PolNeAR research data (Newell, Margolin & Ruths, LREC 2018)\n"
             "date: %s\n"
             "dev: %s\n"
             "epochs: %d\nruns: %d\nseed: %llu\nprune: %.2f\n"
             "features: greedy averaged perceptron over hashed words, suffixes, crude stems, UPOS, "
             "lexicon speech flags, quotation context and the rule engine's cue decision\n"
             "content ends: %s\n",
             prc_tr_base_name(o->train_dir), date, devs, epochs, nruns, (unsigned long long)o->seed, (double)prune,
             ends);
    prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
    rc = prc_model_writer_save(&w, o->out_path, err);
    if (o->verbose)
      fprintf(stderr, "  train spans F %.4f; dev %s; %.1f s\n", f1(&evt), devs, prc_tr_wall_seconds() - t0);
  }
  prc_model_writer_free(&w);
  free(order);
  corpus_free(&tr);
  corpus_free(&dv);
  return rc;
}
