/* kp_train.c - training the key-point scorer (kp_train.h, model/kp_model.h).
 *
 * 1. Every article is analysed by the full pipeline with the internal trace
 *    flag (PRC_OPT_KP_TRACE): the key-point engine keeps each selectable
 *    candidate -- its point as it would be printed, its static features, its
 *    content-word bag and its description -- exactly as the run time sees it.
 * 2. Oracle labels: the greedy extractive oracle over those points (as
 *    `precis eval oracle` over sentences): add the point that most raises
 *    mean(ROUGE-1 F, ROUGE-2 F) of the selection against the reference, up
 *    to 5 points, until none raises it.  The oracle's points are positive.
 * 3. Learning (a ranking perceptron over the greedy selection itself): for
 *    each article, step by step, score every remaining candidate with its
 *    static and selection-state features (kp_model.h); when the best is not
 *    an oracle point, move the weights towards the best-scoring oracle point
 *    and away from it; the pick is kept (the state follows the model, as at
 *    run time).  Averaged weights; articles shuffled each epoch with the seed.
 * 4. The stop threshold of the automatic count: the selection's order does
 *    not depend on it, so every article's picks (up to max_points) are scored
 *    once for each length, and the threshold that maximises mean ROUGE-1 +
 *    ROUGE-2 + ROUGE-Lsum F is kept.  With cross-validation the threshold is
 *    chosen on held-out scores: the final model's on every article's, and
 *    fold k's on the held-out scores of the articles outside fold k.
 * 5. Cross-validation (folds > 0): articles are dealt into k folds after a
 *    seeded shuffle; each fold is scored by a model trained on the others,
 *    by running precis itself with that model (precis_options.keypoint_model)
 *    on the held-out articles, so the figures are those of the real engine.
 * Deterministic given the seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kp_train.h"

#include "doc.h"
#include "error.h"
#include "eval/rouge.h"
#include "model/kp_model.h"
#include "model_write.h"
#include "perceptron_train.h"
#include "train_util.h"

#define DEFAULT_EPOCHS 10
#define DEFAULT_PRUNE 0.02f
#define ORACLE_MAX 5
#define RUNS 5 /* perceptrons averaged */
#define R2W 2.0 /* ROUGE-2 counts twice in the objectives (it is the figure lead-3 is hardest to beat on) */
#define MIN_POINTS 2
#define MAX_POINTS 5
#define DUP_THRESHOLD 0.5 /* keypoints.c: prc_kp_weights.dup_threshold */

typedef struct tcand {
  char *text;
  uint64_t *f;
  uint32_t nf;
  uint32_t *bag;
  uint32_t nbag;
  uint32_t sent;
  kp_info info;
  int pos; /* an oracle point */
} tcand;

typedef struct tdoc {
  tcand *c;
  uint32_t nc;
  uint32_t npos;
  /* the simulated selection of the current model: picks and the ROUGE of each length */
  uint32_t npick;
  double pick_score[MAX_POINTS];
  double obj[MAX_POINTS + 1];  /* R1 + R2 + RLsum F of the first k picks */
  rouge_scores sc[MAX_POINTS + 1];
  rouge_tokens ref; /* the reference's ROUGE tokens */
  rouge_tokens *ct; /* each candidate's */
} tdoc;

static void tdoc_free(tdoc *t) {
  for (uint32_t i = 0; i < t->nc; i++) {
    free(t->c[i].text);
    free(t->c[i].f);
    free(t->c[i].bag);
  }
  free(t->c);
  for (uint32_t i = 0; t->ct && i < t->nc; i++) prc_rouge_tokens_free(&t->ct[i]);
  free(t->ct);
  prc_rouge_tokens_free(&t->ref);
  memset(t, 0, sizeof *t);
}

/* Analyses the article and copies its candidates. */
static int trace_doc(const kp_train_doc *in, tdoc *t, precis_error *err) {
  precis_options o;
  precis_options_init(&o);
  o.flags |= PRC_OPT_KP_TRACE;
  memset(t, 0, sizeof *t);
  precis_doc *d = precis_analyze_ex(in->article, in->alen, &o, err);
  if (!d) return -1;
  t->nc = d->nkpt;
  t->c = prc_tr_xrealloc(NULL, (t->nc + 1) * sizeof *t->c);
  for (uint32_t i = 0; i < t->nc; i++) {
    const kp_trace *k = &d->kpt[i];
    tcand *c = &t->c[i];
    memset(c, 0, sizeof *c);
    size_t n = strlen(k->text);
    c->text = prc_tr_xrealloc(NULL, n + 1);
    memcpy(c->text, k->text, n + 1);
    c->nf = k->nfeats;
    c->f = prc_tr_xrealloc(NULL, (c->nf + 1) * sizeof *c->f);
    memcpy(c->f, k->feats, c->nf * sizeof *c->f);
    c->nbag = k->nbag;
    c->bag = prc_tr_xrealloc(NULL, (c->nbag + 1) * sizeof *c->bag);
    memcpy(c->bag, k->bag, c->nbag * sizeof *c->bag);
    c->sent = k->sent;
    c->info = *k->info;
  }
  precis_doc_free(d);
  return 0;
}

/* The summary of picks (candidate indices) in document order, one a line. */
static char *join_picks(const tdoc *t, const uint32_t *pick, uint32_t n, size_t *len) {
  uint32_t idx[MAX_POINTS + ORACLE_MAX];
  memcpy(idx, pick, n * sizeof *idx);
  for (uint32_t i = 1; i < n; i++) /* document order: candidates are in sentence order */
    for (uint32_t j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
      uint32_t x = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = x;
    }
  size_t total = 1;
  for (uint32_t i = 0; i < n; i++) total += strlen(t->c[idx[i]].text) + 1;
  char *s = prc_tr_xrealloc(NULL, total);
  size_t k = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (k) s[k++] = '\n';
    size_t l = strlen(t->c[idx[i]].text);
    memcpy(s + k, t->c[idx[i]].text, l);
    k += l;
  }
  s[k] = 0;
  *len = k;
  return s;
}

/* Greedy oracle labels (see the top). */
static void oracle(rouge_ctx *ctx, tdoc *t, const kp_train_doc *in) {
  rouge_tokens ref = {0}, buf = {0};
  rouge_tokens *ct = calloc(t->nc + 1, sizeof *ct); /* kept in t for learning */
  if (!ct || prc_rouge_tokenize(ctx, in->ref, in->rlen, &ref)) prc_tr_die_oom();
  for (uint32_t i = 0; i < t->nc; i++)
    if (prc_rouge_tokenize(ctx, t->c[i].text, strlen(t->c[i].text), &ct[i])) prc_tr_die_oom();
  uint32_t chosen[ORACLE_MAX], nch = 0;
  double best_so_far = 0;
  while (nch < ORACLE_MAX) {
    long best = -1;
    double bsc = best_so_far;
    for (uint32_t i = 0; i < t->nc; i++) {
      if (t->c[i].pos || !ct[i].n) continue;
      int same = 0; /* one point per sentence */
      for (uint32_t k = 0; k < nch; k++) same |= t->c[chosen[k]].sent == t->c[i].sent;
      if (same) continue;
      buf.n = 0;
      for (uint32_t k = 0; k < nch; k++)
        if (prc_rouge_tokens_append(&buf, ct[chosen[k]].ids, ct[chosen[k]].n)) prc_tr_die_oom();
      if (prc_rouge_tokens_append(&buf, ct[i].ids, ct[i].n)) prc_tr_die_oom();
      rouge_prf r1 = prc_rouge_ngram_prf(ctx, ref.ids, ref.n, buf.ids, buf.n, 1);
      rouge_prf r2 = prc_rouge_ngram_prf(ctx, ref.ids, ref.n, buf.ids, buf.n, 2);
      double sc = (r1.f + r2.f) / 2;
      if (sc > bsc) {
        bsc = sc;
        best = (long)i;
      }
    }
    if (best < 0) break;
    t->c[best].pos = 1;
    chosen[nch++] = (uint32_t)best;
    best_so_far = bsc;
  }
  t->npos = nch;
  t->ct = ct;
  t->ref = ref;
  prc_rouge_tokens_free(&buf);
}

/* ---- learning ---------------------------------------------------------- */

/* The features of a candidate in a state, expanded with the style (f: room for 2 * XF). */
#define XF (PRC_KP_MAXF + PRC_KP_MAXDF)
static size_t cand_feats(const tcand *c, uint32_t step, double red, int after, uint64_t *f) {
  uint64_t b[XF];
  memcpy(b, c->f, c->nf * sizeof *b);
  size_t n = c->nf + prc_kp_dynamic_feats(&c->info, step, red, after, b + c->nf);
  return prc_kp_expand(c->info.style, b, n, f);
}

/* The state of candidate i against the picks: overlap, after a pick. */
static double state(const tdoc *t, uint32_t i, const uint32_t *pick, uint32_t np, int *after) {
  double red = 0;
  *after = 0;
  for (uint32_t k = 0; k < np; k++) {
    const tcand *o = &t->c[pick[k]];
    double ov = o->sent == t->c[i].sent ? 1 : prc_kp_overlap(t->c[i].bag, t->c[i].nbag, o->bag, o->nbag);
    if (ov > red) red = ov;
    if (o->sent + 1 == t->c[i].sent) *after = 1;
  }
  return red;
}

/* The oracle's objective, mean(ROUGE-1 F, ROUGE-2 F), of the picks plus candidate i. */
static double gain_of(rouge_ctx *ctx, const tdoc *t, const uint32_t *pick, uint32_t np, uint32_t i, rouge_tokens *buf) {
  buf->n = 0;
  for (uint32_t k = 0; k < np; k++)
    if (prc_rouge_tokens_append(buf, t->ct[pick[k]].ids, t->ct[pick[k]].n)) prc_tr_die_oom();
  if (prc_rouge_tokens_append(buf, t->ct[i].ids, t->ct[i].n)) prc_tr_die_oom();
  rouge_prf r1 = prc_rouge_ngram_prf(ctx, t->ref.ids, t->ref.n, buf->ids, buf->n, 1);
  rouge_prf r2 = prc_rouge_ngram_prf(ctx, t->ref.ids, t->ref.n, buf->ids, buf->n, 2);
  return (r1.f + R2W * r2.f) / (1 + R2W);
}

/* One article: the greedy selection with the current weights, step by
 * step; at each state the best next point is the candidate that most raises
 * the oracle's objective from there (a dynamic oracle: the state follows the
 * model's own picks, as at run time).  When the model's pick is worse, the
 * weights move towards that candidate and away from the pick.  The article
 * ends when no candidate raises the objective or MAX_POINTS are picked. */
static void learn_doc(rouge_ctx *ctx, pc_trainer *tr, const tdoc *t, rouge_tokens *buf, double *obj) {
  uint64_t f[2 * XF], g[2 * XF];
  uint8_t taken[PRC_KP_MAX_CANDS * PRC_KP_VARIANTS];
  uint32_t pick[MAX_POINTS], np = 0;
  uint32_t nc = t->nc < PRC_KP_MAX_CANDS * PRC_KP_VARIANTS ? t->nc : PRC_KP_MAX_CANDS * PRC_KP_VARIANTS;
  memset(taken, 0, sizeof taken);
  double cur = 0;
  while (np < MAX_POINTS) {
    long best = -1, gold = -1;
    float bs = -INFINITY;
    double go = -1;
    for (uint32_t i = 0; i < nc; i++) {
      obj[i] = -1;
      if (taken[i]) continue;
      if (np == 0 && t->c[i].sent != t->c[0].sent) break; /* the lead first, as prc_kp_greedy */
      int after;
      double red = state(t, i, pick, np, &after);
      if (red >= DUP_THRESHOLD) continue;
      size_t nf = cand_feats(&t->c[i], np, red, after, f);
      float s = 0;
      prc_pc_trainer_score(tr, f, nf, &s);
      if (s > bs) {
        bs = s;
        best = (long)i;
      }
      obj[i] = t->ct[i].n ? gain_of(ctx, t, pick, np, i, buf) : 0;
      if (obj[i] > go) {
        go = obj[i];
        gold = (long)i;
      }
    }
    if (best < 0 || gold < 0 || (np >= MIN_POINTS && go <= cur)) break;
    if (obj[best] < go - 1e-9) {
      int after;
      double red = state(t, (uint32_t)gold, pick, np, &after);
      size_t ng = cand_feats(&t->c[gold], np, red, after, g);
      red = state(t, (uint32_t)best, pick, np, &after);
      size_t nf = cand_feats(&t->c[best], np, red, after, f);
      prc_pc_trainer_update(tr, g, ng, 0, 1.0f);
      prc_pc_trainer_update(tr, f, nf, 0, -1.0f);
    }
    prc_pc_trainer_tick(tr);
    taken[best] = 1; /* the state follows the model, as at run time */
    pick[np++] = (uint32_t)best;
    cur = obj[best];
  }
}

/* The model file of trained weights and a stop threshold. */
static void model_bytes(const pc_model *pm, const float *stop, const char *note, pc_buf *file) {
  model_writer w;
  prc_model_writer_init(&w, PRC_KP_FEATSET);
  static const char *const labels[1] = {"score"};
  prc_model_writer_labels(&w, labels, 1);
  if (prc_pc_model_write(pm, prc_model_writer_section(&w, "WGHT")) < 0) prc_tr_die_oom();
  pc_buf *p = prc_model_writer_section(&w, "PARM");
  prc_pc_buf_u32(p, PRC_KP_PARM_COUNT);
  for (int k = 0; k < KP_NSTYLES; k++) {
    uint32_t bits;
    float v = stop ? stop[k] : 0;
    memcpy(&bits, &v, 4);
    prc_pc_buf_u32(p, bits);
  }
  prc_pc_buf_u32(p, MIN_POINTS);
  prc_pc_buf_u32(p, MAX_POINTS);
  if (note) prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
  if (prc_model_writer_finish(&w, file) < 0) prc_tr_die_oom();
  prc_model_writer_free(&w);
}

/* Trains on the documents with in[i] set: the average of RUNS perceptrons
 * (each its own shuffles), which steadies the ranking; returns the exported
 * weights. */
static void train_weights(rouge_ctx *ctx, tdoc *t, size_t n, const uint8_t *in, int epochs, uint64_t seed, float prune,
                          pc_model *pm) {
  rouge_tokens buf = {0};
  double *obj = prc_tr_xrealloc(NULL, (PRC_KP_MAX_CANDS * PRC_KP_VARIANTS + 1) * sizeof *obj);
  pc_trainer *sum = prc_pc_trainer_new(1);
  if (!sum) prc_tr_die_oom();
  uint32_t *order = prc_tr_xrealloc(NULL, (n + 1) * sizeof *order);
  for (int run = 0; run < RUNS; run++) {
    pc_trainer *tr = prc_pc_trainer_new(1);
    if (!tr) prc_tr_die_oom();
    uint32_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (in[i] && t[i].npos) order[m++] = (uint32_t)i;
    pc_rng rng;
    prc_pc_rng_seed(&rng, seed * 1000003u + (uint64_t)run);
    for (int ep = 0; ep < epochs; ep++) {
      prc_pc_shuffle(&rng, order, m);
      for (uint32_t k = 0; k < m; k++) learn_doc(ctx, tr, &t[order[k]], &buf, obj);
    }
    prc_pc_trainer_accumulate(sum, tr, 1.0f / RUNS);
    prc_pc_trainer_free(tr);
  }
  if (prc_pc_trainer_export(sum, prune, pm) < 0) prc_tr_die_oom();
  prc_pc_trainer_free(sum);
  free(order);
  free(obj);
  prc_rouge_tokens_free(&buf);
}

/* Simulates the run-time selection of model m on document t (up to
 * MAX_POINTS picks) and scores every length. */
static void simulate(rouge_ctx *ctx, const kp_model *m, tdoc *t, const kp_train_doc *in) {
  kp_sel_cand *sc = prc_tr_xrealloc(NULL, (t->nc + 1) * sizeof *sc);
  uint64_t f[PRC_KP_MAXF + PRC_KP_MAXDF];
  for (uint32_t i = 0; i < t->nc; i++) {
    sc[i].info = &t->c[i].info;
    sc[i].st = prc_kp_score_x(m, t->c[i].info.style, t->c[i].f, t->c[i].nf);
    sc[i].bag = t->c[i].bag;
    sc[i].nbag = t->c[i].nbag;
    sc[i].sent = t->c[i].sent;
  }
  uint32_t order[MAX_POINTS];
  t->npick = prc_kp_greedy(m, t->nc, sc, MAX_POINTS, DUP_THRESHOLD, order);
  for (uint32_t k = 0; k < t->npick; k++) {
    int after;
    double red = state(t, order[k], order, k, &after);
    size_t nf = prc_kp_dynamic_feats(&t->c[order[k]].info, k, red, after, f);
    t->pick_score[k] = sc[order[k]].st + prc_kp_score_x(m, t->c[0].info.style, f, nf);
  }
  for (uint32_t k = 0; k <= t->npick; k++) {
    size_t len;
    char *s = join_picks(t, order, k, &len);
    if (prc_rouge_score_ctx(ctx, in->ref, in->rlen, s, len, &t->sc[k])) prc_tr_die_oom();
    t->obj[k] = t->sc[k].rouge1.f + R2W * t->sc[k].rouge2.f + t->sc[k].rougeLsum.f;
    free(s);
  }
  free(sc);
}

/* How many picks the automatic count keeps with threshold stop. */
static uint32_t kept(const tdoc *t, double stop) {
  uint32_t k = 0;
  while (k < t->npick && (k < MIN_POINTS || t->pick_score[k] >= stop)) k++;
  return k;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The threshold (among 200 quantiles of the pick scores, and none) that
 * maximises the mean objective over the documents with use[i]. */
static float choose_stop1(const tdoc *t, size_t n, const uint8_t *use) {
  /* sorted pick scores */
  size_t nv = 0;
  for (size_t i = 0; i < n; i++)
    if (use[i] && t[i].npick > MIN_POINTS) nv += t[i].npick - MIN_POINTS;
  double *v = prc_tr_xrealloc(NULL, (nv + 1) * sizeof *v);
  nv = 0;
  for (size_t i = 0; i < n; i++)
    if (use[i])
      for (uint32_t k = MIN_POINTS; k < t[i].npick; k++) v[nv++] = t[i].pick_score[k];
  qsort(v, nv, sizeof *v, cmp_double);
  double best = 1e30, bobj = -1;
  for (int q = 0; q <= 200; q++) {
    double s = (q == 200 || nv == 0) ? 1e30 : v[(size_t)((double)q / 200.0 * (double)(nv - 1))];
    double obj = 0;
    for (size_t i = 0; i < n; i++)
      if (use[i]) obj += t[i].obj[kept(&t[i], s)];
    if (obj > bobj + 1e-12) {
      bobj = obj;
      best = s;
    }
  }
  free(v);
  return (float)(best > 3e38 ? 3e38 : best);
}

/* One threshold per style: chosen on the documents of that style when there
 * are at least STYLE_MIN_DOCS of them, else on all (with use[i] set). */
#define STYLE_MIN_DOCS 30
static void choose_stop(const tdoc *t, size_t n, const uint8_t *use, float *stop) {
  float all = choose_stop1(t, n, use);
  uint8_t *u = prc_tr_xrealloc(NULL, n + 1);
  for (int s = 0; s < KP_NSTYLES; s++) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
      u[i] = use[i] && t[i].nc && t[i].c[0].info.style == s;
      m += u[i];
    }
    stop[s] = m >= STYLE_MIN_DOCS ? choose_stop1(t, n, u) : all;
  }
  free(u);
}

/* ---- the driver -------------------------------------------------------- */

static const char *json_escape(const char *s, char *buf, size_t cap) {
  size_t k = 0;
  for (; *s && k + 8 < cap; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') {
      buf[k++] = '\\';
      buf[k++] = (char)ch;
    } else if (ch < 0x20) {
      k += (size_t)snprintf(buf + k, cap - k, "\\u%04x", ch);
    } else {
      buf[k++] = (char)ch;
    }
  }
  buf[k] = 0;
  return buf;
}

int prc_kp_train(const kp_train_opts *o, kp_cv_result *cv, precis_error *err) {
  prc_error_clear(err);
  int epochs = o->epochs > 0 ? o->epochs : DEFAULT_EPOCHS;
  float prune = o->prune > 0 ? o->prune : DEFAULT_PRUNE;
  size_t n = o->ndocs;
  if (!n) return prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "no article to train on");
  double t0 = prc_tr_wall_seconds();
  tdoc *t = prc_tr_xrealloc(NULL, n * sizeof *t);
  rouge_ctx *ctx = prc_rouge_ctx_new(1);
  if (!ctx) prc_tr_die_oom();
  size_t ncand = 0, npos = 0;
  for (size_t i = 0; i < n; i++) {
    if (trace_doc(&o->docs[i], &t[i], err) < 0) {
      for (size_t k = 0; k < i; k++) tdoc_free(&t[k]);
      free(t);
      prc_rouge_ctx_free(ctx);
      return -1;
    }
    oracle(ctx, &t[i], &o->docs[i]);
    ncand += t[i].nc;
    npos += t[i].npos;
  }
  if (o->verbose)
    fprintf(stderr, "  %zu articles, %zu candidates, %zu oracle points; read in %.1f s\n", n, ncand, npos,
            prc_tr_wall_seconds() - t0);
  uint8_t *in = prc_tr_xrealloc(NULL, n), *use = prc_tr_xrealloc(NULL, n);
  int rc = 0;
  float final_stop[KP_NSTYLES] = {0};
  int have_final_stop = 0;
  char cvnote[1024] = "none";
  if (o->folds > 0) {
    int K = o->folds;
    uint32_t *perm = prc_tr_xrealloc(NULL, n * sizeof *perm);
    int *fold = prc_tr_xrealloc(NULL, n * sizeof *fold);
    for (size_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
    pc_rng rng;
    prc_pc_rng_seed(&rng, o->seed ^ 0x6b666f6c64ULL);
    prc_pc_shuffle(&rng, perm, n);
    for (size_t i = 0; i < n; i++) fold[perm[i]] = (int)(i % (size_t)K);
    pc_model *pms = prc_tr_xrealloc(NULL, (size_t)K * sizeof *pms);
    /* 1. a model per fold, and the held-out simulations */
    for (int k = 0; k < K; k++) {
      for (size_t i = 0; i < n; i++) in[i] = fold[i] != k;
      train_weights(ctx, t, n, in, epochs, o->seed + (uint64_t)k + 1, prune, &pms[k]);
      pc_buf file = {0};
      model_bytes(&pms[k], NULL, NULL, &file);
      kp_model *m = prc_kp_load_memory(file.p, file.n, err);
      free(file.p);
      if (!m) prc_tr_die_oom();
      for (size_t i = 0; i < n; i++)
        if (fold[i] == k) simulate(ctx, m, &t[i], &o->docs[i]);
      prc_kp_free(m);
      if (o->verbose) fprintf(stderr, "  fold %d/%d trained (%.1f s)\n", k + 1, K, prc_tr_wall_seconds() - t0);
    }
    /* 2. each fold's threshold from the others' held-out scores; the final one from all */
    float *stop = prc_tr_xrealloc(NULL, (size_t)K * KP_NSTYLES * sizeof *stop);
    for (int k = 0; k < K; k++) {
      for (size_t i = 0; i < n; i++) use[i] = fold[i] != k;
      choose_stop(t, n, use, stop + k * KP_NSTYLES);
    }
    memset(use, 1, n);
    choose_stop(t, n, use, final_stop);
    have_final_stop = 1;
    /* 3. the real engine with each fold's model on its held-out articles */
    FILE **pf = calloc((size_t)o->nfiles + 1, sizeof *pf);
    if (!pf) prc_tr_die_oom();
    if (o->predict_dir) {
      for (int fi = 0; fi < o->nfiles; fi++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", o->predict_dir, prc_tr_base_name(o->files[fi]));
        pf[fi] = fopen(path, "w");
        if (!pf[fi]) {
          rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s", path);
          break;
        }
      }
    }
    rouge_mean *mean = calloc((size_t)o->nfiles + 1, sizeof *mean);
    size_t *npoints = calloc((size_t)o->nfiles + 1, sizeof *npoints);
    /* the predictions are written in input order: every fold's model is loaded first */
    precis_model **pm = calloc((size_t)K, sizeof *pm);
    if (!mean || !npoints || !pm) prc_tr_die_oom();
    for (int k = 0; k < K && rc == 0; k++) {
      pc_buf file = {0};
      model_bytes(&pms[k], stop + k * KP_NSTYLES, NULL, &file);
      pm[k] = precis_model_load_memory(file.p, file.n, err);
      free(file.p);
      if (!pm[k]) rc = -1;
    }
    char *esc = prc_tr_xrealloc(NULL, 1 << 16);
    for (size_t i = 0; i < n && rc == 0; i++) {
      precis_options po;
      precis_options_init(&po);
      po.keypoint_model = pm[fold[i]];
      precis_doc *d = precis_analyze_ex(o->docs[i].article, o->docs[i].alen, &po, err);
      if (!d) {
        rc = -1;
        break;
      }
      const precis_keypoint *kp;
      size_t nk = precis_doc_keypoints(d, &kp);
      size_t total = 1;
      for (size_t k = 0; k < nk; k++) total += strlen(kp[k].text) + 1;
      char *s = prc_tr_xrealloc(NULL, total);
      size_t len = 0;
      for (size_t k = 0; k < nk; k++) {
        if (len) s[len++] = '\n';
        size_t l = strlen(kp[k].text);
        memcpy(s + len, kp[k].text, l);
        len += l;
      }
      s[len] = 0;
      rouge_scores sc;
      if (prc_rouge_score_ctx(ctx, o->docs[i].ref, o->docs[i].rlen, s, len, &sc)) prc_tr_die_oom();
      int fi = o->docs[i].file;
      prc_rouge_mean_add(&mean[fi], &sc);
      npoints[fi] += nk;
      if (pf[fi]) {
        fprintf(pf[fi], "{\"id\":\"%s\",\"keypoints\":[", json_escape(o->docs[i].id ? o->docs[i].id : "", esc, 1 << 16));
        for (size_t k = 0; k < nk; k++)
          fprintf(pf[fi], "%s\"%s\"", k ? "," : "", json_escape(kp[k].text, esc, 1 << 16));
        fprintf(pf[fi], "],\"fold\":%d}\n", fold[i]);
      }
      free(s);
      precis_doc_free(d);
    }
    free(esc);
    size_t off = 0;
    for (int fi = 0; fi < o->nfiles; fi++) {
      if (pf[fi] && fclose(pf[fi]) != 0 && rc == 0)
        rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "error writing the predictions");
      rouge_scores m = prc_rouge_mean_get(&mean[fi]);
      if (cv) {
        cv[fi].docs = mean[fi].n;
        cv[fi].r1 = m.rouge1.f;
        cv[fi].r2 = m.rouge2.f;
        cv[fi].rl = m.rougeL.f;
        cv[fi].rlsum = m.rougeLsum.f;
        cv[fi].points = mean[fi].n ? (double)npoints[fi] / (double)mean[fi].n : 0;
      }
      if (off < sizeof cvnote - 200)
        off += (size_t)snprintf(cvnote + off, sizeof cvnote - off, "%s%s R1 %.2f R2 %.2f RL %.2f RLsum %.2f",
                                off ? "; " : "", prc_tr_base_name(o->files[fi]), 100 * m.rouge1.f, 100 * m.rouge2.f,
                                100 * m.rougeL.f, 100 * m.rougeLsum.f);
    }
    for (int k = 0; k < K; k++) {
      precis_model_free(pm[k]);
      prc_pc_model_free(&pms[k]);
    }
    free(pm);
    free(pf);
    free(mean);
    free(npoints);
    free(pms);
    free(stop);
    free(perm);
    free(fold);
    if (o->verbose) fprintf(stderr, "  cross-validated (%d folds): %s\n", K, cvnote);
  }
  /* the final model: every article */
  if (rc == 0 && o->out_path) {
    memset(in, 1, n);
    pc_model pm;
    train_weights(ctx, t, n, in, epochs, o->seed, prune, &pm);
    if (!have_final_stop) { /* no held-out scores: the training articles' */
      pc_buf file = {0};
      model_bytes(&pm, NULL, NULL, &file);
      kp_model *m = prc_kp_load_memory(file.p, file.n, err);
      free(file.p);
      if (!m) prc_tr_die_oom();
      for (size_t i = 0; i < n; i++) simulate(ctx, m, &t[i], &o->docs[i]);
      prc_kp_free(m);
      memset(use, 1, n);
      choose_stop(t, n, use, final_stop);
    }
    char date[32], note[4096], files[1024];
    size_t off = 0;
    files[0] = 0;
    for (int fi = 0; fi < o->nfiles && off < sizeof files - 100; fi++)
      off += (size_t)snprintf(files + off, sizeof files - off, "%s%s", fi ? ", " : "", prc_tr_base_name(o->files[fi]));
    prc_tr_today(date, sizeof date);
    snprintf(note, sizeof note,
             "kind: keypoints (key-point scorer, greedy selection)\n"
             "data: %s (%zu articles; oracle labels against the reference summaries)\n"
             "licence: see models/README.md (CNN/DailyMail and BBC News Summary dev articles)\n"
             "date: %s\n"
             "dev: %s%s%s\n"
             "epochs: %d\nruns: %d\nseed: %llu\nprune: %.3f\nstop: %.6g %.6g %.6g (per style)\n"
             "features: ranking perceptron over candidate position, paragraph, length, compression, TextRank, "
             "entity centrality and salience, attribution and speaker kind, figures, questions, pronoun start, "
             "first word; selection state: points chosen, overlap with them, adjacency\n",
             files, n, date, o->folds > 0 ? "cross-validated by article, " : "", cvnote,
             o->folds > 0 ? "" : "", epochs, RUNS, (unsigned long long)o->seed, (double)prune, (double)final_stop[0],
             (double)final_stop[1], (double)final_stop[2]);
    pc_buf file = {0};
    model_bytes(&pm, final_stop, note, &file);
    prc_pc_model_free(&pm);
    FILE *f = fopen(o->out_path, "wb");
    if (!f || fwrite(file.p, 1, file.n, f) != file.n) rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s", o->out_path);
    if (f && fclose(f) != 0 && rc == 0) rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "error writing %s", o->out_path);
    if (o->verbose && rc == 0)
      fprintf(stderr, "  wrote %s (%zu bytes) in %.1f s\n", o->out_path, file.n,
              prc_tr_wall_seconds() - t0);
    free(file.p);
  }
  for (size_t i = 0; i < n; i++) tdoc_free(&t[i]);
  free(t);
  free(in);
  free(use);
  prc_rouge_ctx_free(ctx);
  return rc;
}
