/* kp_model.c - the learned key-point scorer: features, loading, scoring
 * (kp_model.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kp_model.h"

#include "error.h"
#include "model.h"

/* ---- features -----------------------------------------------------------
 * Template numbers are hashed into every feature: changing the extraction
 * means bumping PRC_KP_FEATSET and retraining. */

static uint64_t bucket_u(uint32_t v, const uint32_t *edges, size_t n) {
  size_t k = 0;
  while (k < n && v > edges[k]) k++;
  return k;
}

static uint64_t bucket_f(float v, int nb) {
  if (!(v > 0)) return 0;
  int b = (int)(v * (float)nb);
  return (uint64_t)(b >= nb ? nb : b) + 1;
}

static uint64_t style_spp(const kp_info *c) {
  float v = c->sents_per_para;
  return v <= 1.2f ? 0 : v <= 1.8f ? 1 : v <= 2.5f ? 2 : v <= 3.5f ? 3 : 4;
}
static uint64_t style_aw(const kp_info *c) {
  float v = c->avg_words;
  return v <= 15 ? 0 : v <= 20 ? 1 : v <= 25 ? 2 : v <= 30 ? 3 : 4;
}

size_t prc_kp_static_feats(const kp_info *c, uint64_t *f) {
  static const uint32_t rank_e[] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 15, 19, 29};
  static const uint32_t ncand_e[] = {5, 10, 15, 20, 30, 45, 70};
  static const uint32_t words_e[] = {5, 8, 11, 14, 17, 20, 24, 28, 32, 36, 40, 50};
  static const uint32_t para_e[] = {0, 1, 2, 3, 4, 6, 9};
  const uint64_t rb = bucket_u(c->rank, rank_e, sizeof rank_e / sizeof *rank_e);
  const uint64_t rc = c->rank < 1 ? 0 : c->rank < 3 ? 1 : c->rank < 6 ? 2 : c->rank < 12 ? 3 : 4; /* coarse */
  const uint64_t nb = bucket_u(c->ncands, ncand_e, sizeof ncand_e / sizeof *ncand_e);
  const uint64_t cw = bucket_u(c->claim_words, words_e, sizeof words_e / sizeof *words_e);
  const uint64_t sw = bucket_u(c->sent_words, words_e, sizeof words_e / sizeof *words_e);
  const uint64_t pb = bucket_u(c->para, para_e, sizeof para_e / sizeof *para_e);
  const uint64_t ip = c->in_para > 3 ? 3 : c->in_para;
  const uint64_t tr = bucket_f(c->textrank, 10), trc = bucket_f(c->textrank, 4);
  const uint64_t ce = bucket_f(c->centrality / 1.5f, 8), sa = bucket_f(c->salience, 5);
  const uint64_t rel = c->ncands ? (uint64_t)(10.0 * c->rank / c->ncands) : 0;
  size_t k = 0;
  f[k++] = pc_feat1(1, 0);
  f[k++] = pc_feat1(2, rb);
  f[k++] = pc_feat2(3, rb, nb);
  f[k++] = pc_feat1(4, rel);
  f[k++] = pc_feat1(5, pb);
  f[k++] = pc_feat1(6, ip);
  f[k++] = pc_feat2(7, pb, ip);
  f[k++] = pc_feat1(8, cw);
  f[k++] = pc_feat1(9, sw);
  f[k++] = pc_feat2(10, rc, cw);
  f[k++] = pc_feat1(11, tr);
  f[k++] = pc_feat2(12, rc, trc);
  f[k++] = pc_feat1(13, ce);
  f[k++] = pc_feat1(14, sa);
  f[k++] = pc_feat2(15, ce, rc);
  f[k++] = pc_feat1(16, c->attr);
  f[k++] = pc_feat2(17, c->attr, c->spk_type);
  f[k++] = pc_feat2(18, c->attr, rc);
  f[k++] = pc_feat1(19, c->figure);
  f[k++] = pc_feat2(20, c->figure, rc);
  f[k++] = pc_feat1(21, c->question);
  f[k++] = pc_feat1(22, c->pronoun);
  f[k++] = pc_feat2(23, c->pronoun, c->attr);
  f[k++] = pc_feat1(24, c->quote_start);
  f[k++] = pc_feat2(25, c->quote_start, c->attr);
  f[k++] = pc_feat1(26, c->cut);
  f[k++] = pc_feat2(27, c->cut, rc);
  f[k++] = pc_feat2(28, c->cut, cw);
  f[k++] = pc_feat1(29, c->nper);
  f[k++] = pc_feat1(30, c->norg);
  f[k++] = pc_feat1(31, c->nplace);
  f[k++] = pc_feat3(32, c->nper, c->norg, c->nplace);
  f[k++] = pc_feat1(33, c->first_w);
  f[k++] = pc_feat1(34, c->first_pos);
  f[k++] = pc_feat2(35, c->first_pos, rc);
  f[k++] = pc_feat2(36, nb, cw);
  f[k++] = pc_feat2(37, tr, cw > 6 ? 2 : cw > 3 ? 1 : 0);
  f[k++] = pc_feat2(38, rb, c->attr);
  /* the document's style, with position and length */
  const uint64_t spp = style_spp(c), aw = style_aw(c);
  f[k++] = pc_feat3(40, c->dateline, spp, aw);
  f[k++] = pc_feat2(41, spp, rb);
  f[k++] = pc_feat3(42, aw, cw, rc);
  f[k++] = pc_feat3(43, spp, rc, cw);
  f[k++] = pc_feat2(44, c->dateline, rb);
  f[k++] = pc_feat2(45, spp, c->attr);
  f[k++] = pc_feat3(46, spp, trc, rc);
  /* the variant (claim, whole sentence, short claim) */
  f[k++] = pc_feat1(47, c->variant);
  f[k++] = pc_feat3(48, c->variant, cw, spp);
  f[k++] = pc_feat3(49, c->variant, c->attr, c->cut);
  f[k++] = pc_feat3(50, c->variant, rc, aw);
  /* the hand-tuned score as a prior */
  const uint64_t gap = c->rule_gap <= 0 ? 0 : c->rule_gap < 0.1f ? 1 : c->rule_gap < 0.25f ? 2 : c->rule_gap < 0.5f ? 3
                     : c->rule_gap < 1 ? 4 : 5;
  f[k++] = pc_feat1(51, c->rule_rank);
  f[k++] = pc_feat1(52, gap);
  f[k++] = pc_feat2(53, c->rule_rank, c->variant);
  return k;
}

size_t prc_kp_dynamic_feats(const kp_info *c, uint32_t chosen, double overlap, int after_chosen, uint64_t *f) {
  const uint64_t st = chosen > 4 ? 4 : chosen;
  const uint64_t ob = overlap <= 0 ? 0 : overlap < 0.1 ? 1 : overlap < 0.2 ? 2 : overlap < 0.3 ? 3 : overlap < 0.4 ? 4 : overlap < 0.5 ? 5 : 6;
  const uint64_t rc = c->rank < 1 ? 0 : c->rank < 3 ? 1 : c->rank < 6 ? 2 : c->rank < 12 ? 3 : 4;
  size_t k = 0;
  f[k++] = pc_feat1(101, st);
  f[k++] = pc_feat1(102, ob);
  f[k++] = pc_feat2(103, ob, st);
  f[k++] = pc_feat2(104, st, rc);
  f[k++] = pc_feat2(105, (uint64_t)(after_chosen != 0), st);
  f[k++] = pc_feat3(106, st, c->claim_words > 20 ? 2 : c->claim_words > 10 ? 1 : 0, c->ncands > 20);
  return k;
}

size_t prc_kp_expand(uint8_t style, const uint64_t *f, size_t nf, uint64_t *out) {
  const uint64_t salt = ((uint64_t)style + 1) * 0xd6e8feb86659fd93ULL;
  for (size_t i = 0; i < nf; i++) {
    out[i] = f[i];
    out[nf + i] = pc_mix64(f[i] ^ salt);
  }
  return 2 * nf;
}

double prc_kp_score_x(const kp_model *m, uint8_t style, const uint64_t *f, size_t nf) {
  uint64_t x[2 * (PRC_KP_MAXF + PRC_KP_MAXDF)];
  if (nf > PRC_KP_MAXF + PRC_KP_MAXDF) nf = PRC_KP_MAXF + PRC_KP_MAXDF;
  return prc_kp_score(m, x, prc_kp_expand(style, f, nf, x));
}

double prc_kp_score(const kp_model *m, const uint64_t *f, size_t nf) {
  int32_t sc[16] = {0};
  pc_model_score(&m->w, f, nf, sc);
  return (double)sc[0] * m->w.scale;
}

/* ---- selection --------------------------------------------------------- */

double prc_kp_overlap(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb) {
  if (!na || !nb) return 0;
  uint32_t inter = 0;
  for (uint32_t i = 0; i < na; i++)
    for (uint32_t k = 0; k < nb; k++)
      if (a[i] == b[k]) {
        inter++;
        break;
      }
  uint32_t mn = na < nb ? na : nb;
  return (double)inter / mn;
}

uint32_t prc_kp_greedy(const kp_model *m, uint32_t nc, const kp_sel_cand *c, int n, double dup_threshold,
                       uint32_t *order) {
  uint8_t taken[PRC_KP_MAX_CANDS * PRC_KP_VARIANTS];
  if (nc > PRC_KP_MAX_CANDS * PRC_KP_VARIANTS) nc = PRC_KP_MAX_CANDS * PRC_KP_VARIANTS;
  memset(taken, 0, nc);
  uint32_t want = n > 0 ? (uint32_t)n : m->par.max_points, got = 0;
  if (want > nc) want = nc;
  uint64_t f[PRC_KP_MAXDF];
  while (got < want) {
    int best = -1;
    double bs = -INFINITY;
    for (uint32_t i = 0; i < nc; i++) {
      if (taken[i]) continue;
      /* the lead first: news puts its point there (the best variant of the first candidate sentence) */
      if (got == 0 && c[i].sent != c[0].sent) break;
      double red = 0;
      int after = 0;
      for (uint32_t k = 0; k < got; k++) {
        const kp_sel_cand *o = &c[order[k]];
        double ov = o->sent == c[i].sent ? 1 : prc_kp_overlap(c[i].bag, c[i].nbag, o->bag, o->nbag);
        if (ov > red) red = ov;
        if (o->sent + 1 == c[i].sent) after = 1;
      }
      if (red >= dup_threshold) continue;
      size_t nf = prc_kp_dynamic_feats(c[i].info, got, red, after, f);
      double v = c[i].st + prc_kp_score_x(m, c[i].info->style, f, nf);
      if (v > bs) {
        bs = v;
        best = (int)i;
      }
    }
    if (best < 0) break;
    if (n <= 0 && got >= m->par.min_points && bs < m->par.stop[c[0].info->style % KP_NSTYLES]) break;
    taken[best] = 1;
    order[got++] = (uint32_t)best;
  }
  return got;
}

/* ---- loading ----------------------------------------------------------- */

static void kp_destroy(kp_model *m) {
  if (!m) return;
  prc_pc_model_free(&m->w);
  for (int i = 0; i < m->nnotes; i++) {
    free(m->note_key[i]);
    free(m->note_val[i]);
  }
  free(m);
}

static kp_model *load(const void *buf, size_t n, int embedded, precis_error *err) {
  model_view v;
  if ((embedded ? prc_model_parse_embedded(buf, n, 0, &v, err) : prc_model_parse(buf, n, 0, &v, err)) < 0)
    return NULL;
  if (v.featset != PRC_KP_FEATSET) {
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12,
                  "model has feature set 0x%08x; a key-point model of this build has 0x%08x (retrain it, or it "
                  "is another kind of model)",
                  (unsigned)v.featset, PRC_KP_FEATSET);
    return NULL;
  }
  kp_model *m = calloc(1, sizeof *m);
  if (!m) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  const model_section *w = prc_model_find(&v, "WGHT"), *p = prc_model_find(&v, "PARM");
  if (!w || !p) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no %s section",
                  w ? "parameter" : "weight");
    goto fail;
  }
  if (p->n < 4 + 4 * PRC_KP_PARM_COUNT || pc_rd32(p->p) != PRC_KP_PARM_COUNT) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, p->off, "model corrupt: bad parameter section");
    goto fail;
  }
  int finite = 1;
  for (int k = 0; k < KP_NSTYLES; k++) {
    uint32_t bits = pc_rd32(p->p + 4 + 4 * k);
    memcpy(&m->par.stop[k], &bits, 4);
    finite &= isfinite(m->par.stop[k]) != 0;
  }
  m->par.min_points = pc_rd32(p->p + 4 + 4 * KP_NSTYLES);
  m->par.max_points = pc_rd32(p->p + 8 + 4 * KP_NSTYLES);
  if (!finite || m->par.min_points < 1 || m->par.max_points < m->par.min_points ||
      m->par.max_points > 1000) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, p->off, "model corrupt: parameters out of range");
    goto fail;
  }
  if (prc_pc_model_read(w->p, w->n, w->off, 1, &m->w, err) < 0) goto fail;
  { /* the file's table is sized for a load of about 1/3: folded to at most 3/4 (prc_pc_fold) */
    void *sl = m->w.slots;
    uint32_t cap = m->w.mask + 1;
    if (prc_pc_fold(&sl, &cap, sizeof *m->w.slots, m->w.nfeat) < 0) {
      prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
      goto fail;
    }
    m->w.slots = sl;
    m->w.mask = cap - 1;
  }
  if (prc_model_read_notes(prc_model_find(&v, "NOTE"), m->note_key, m->note_val, 16, &m->nnotes, err) < 0)
    goto fail;
  return m;
fail:
  kp_destroy(m);
  return NULL;
}

static void *load_any(const void *buf, size_t n, int embedded, precis_error *err) {
  kp_model *m = load(buf, n, embedded, err);
  if (m && embedded) m->builtin = 1;
  return m;
}

kp_model *prc_kp_load_memory(const void *buf, size_t n, precis_error *err) {
  return prc_model_load_memory_with(load_any, buf, n, err);
}

kp_model *prc_kp_load_file(const char *path, precis_error *err) {
  return prc_model_load_file_with(load_any, path, err);
}

void prc_kp_free(kp_model *m) {
  if (m && !m->builtin) kp_destroy(m);
}

const char *prc_kp_note(const kp_model *m, const char *key) {
  return m ? prc_model_note_value(m->note_key, m->note_val, m->nnotes, key) : "";
}

/* Defined in the generated models_embedded.c (tools/bin2c.c); size 0 = not compiled in. */
extern const unsigned char precis_model_keypoints_data[];
extern const size_t precis_model_keypoints_size;

static model_once builtin = MODEL_ONCE_INIT;

const kp_model *prc_kp_builtin(precis_error *err) {
  return prc_model_once(&builtin, load_any, precis_model_keypoints_data, precis_model_keypoints_size,
                        "no built-in key-point model (models/keypoints.bin was missing at build time)", err);
}
