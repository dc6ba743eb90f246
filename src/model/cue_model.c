/* cue_model.c - the learned speech-cue tagger: features, loading, tagging
 * (cue_model.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "cue_model.h"

#include "error.h"
#include "model.h"
#include "perceptron.h"
#include "tagger.h"

#define CUE_MAX_NOTES 16
#define CUE_NPOS (TAG_UPOS_COUNT + 1) /* the tags and "outside the sentence" (pos 0xff) */
#define CUE_NQ 8                      /* quote distances 0..7 */

/* The weights, fused: each slot holds its feature's key and the three
 * label weights (the file fixes the slot positions), so a feature costs one
 * cache miss instead of the generic pc_model's two (slot, then row). */
typedef struct cue_slot {
  uint32_t key; /* 0 = empty */
  int16_t w[PRC_CUE_NLABELS];
  int16_t pad;
} cue_slot;

struct cue_model {
  int inplace; /* fs lies in an image (model.h, format 2): not freed */
  void *own;   /* an image from outside: a copy, or the file's mapping (own_mapped), or NULL */
  size_t own_len;
  int own_mapped;
  cue_slot *fs;
  uint32_t mask;
  float scale;
  int builtin;
  int nnotes;
  char *note_key[CUE_MAX_NOTES], *note_val[CUE_MAX_NOTES];
  cue_cend cend;   /* the content-end scorer (section CEND, or CETB in an image), when has_cend */
  int has_cend;
  cend_slot *cend_own; /* its table when decoded from a model file (else in the image) */
  /* Found once at load (label_sums): the weights of the bias feature, the
   * same for every token, and those of the features of the previous labels
   * alone (templates 18 and 21), pp[p1][p2]. */
  int32_t bias[PRC_CUE_NLABELS];
  int32_t pp[PRC_CUE_NLABELS][PRC_CUE_NLABELS][PRC_CUE_NLABELS];
  /* Also found at load (small_tables): the weights of the static features
   * whose values have few cases (small_ok), by value: the POS tags of the
   * token and of its neighbours l1, r1, l2, r2 (templates 4, 9, 10, 11,
   * 12; tag index: cue_pidx), its flags (5), its rule and speech flags with
   * its tag (22), its distances to quotation marks (24, 25), its distance
   * to the end and to the start of the sentence (0..4) with its tag and the
   * sentence's quote flag (39, 40).  About 20 KB. */
  int32_t t_pos[5][CUE_NPOS][PRC_CUE_NLABELS];
  int32_t t_flags[256][PRC_CUE_NLABELS];
  int32_t t_cf[32][CUE_NPOS][PRC_CUE_NLABELS];
  int32_t t_q[2][CUE_NQ][PRC_CUE_NLABELS];
  int32_t t_place[2][5][CUE_NPOS][2][PRC_CUE_NLABELS];
  /* Session 9, tables of few-valued features of two or three fields, some
   * holding the sums of several features (exact int32 sums; about 125 KB):
   * the tags of l1, the token and r1 (17, with 4, 9 and 10), the quote
   * distances with the tag (26, with 24 and 25) and with the rule and
   * speech flags (38), and the previous label with the tags of the token
   * and of r1 (the dynamic features 20 and 33). */
  int32_t t_lcr[CUE_NPOS][CUE_NPOS][CUE_NPOS][PRC_CUE_NLABELS];
  int32_t t_qqp[CUE_NQ][CUE_NQ][CUE_NPOS][PRC_CUE_NLABELS];
  int32_t t_qqcf[CUE_NQ][CUE_NQ][32][PRC_CUE_NLABELS];
  int32_t t_dyn[PRC_CUE_NLABELS][CUE_NPOS][CUE_NPOS][PRC_CUE_NLABELS];
  /* the inner hashes of the dynamic features 19 and 34 by previous label */
  uint64_t h19[PRC_CUE_NLABELS], h34[PRC_CUE_NLABELS];
};

/* ---- features ---------------------------------------------------------------------------------
 * Template numbers are hashed into every feature: changing the extraction
 * means bumping PRC_CUE_FEATSET and retraining. */

#define PAD_W 0x5bd1e995u /* the word "outside the sentence" */

/* The features that do not depend on the previous labels (the static
 * part), then those that do: prc_cue_tag scores the static part of every
 * token ahead of the greedy pass (so its cache misses overlap), and the
 * trainer takes both (prc_cue_feats); the sum is the same either way. */
#if defined(__GNUC__)
#define CUE_INLINE static inline __attribute__((always_inline))
#else
#define CUE_INLINE static inline
#endif

/* The few-valued fields as table indices (see cue_model.t_pos ...). */
static inline int cue_pidx(uint8_t pos) { return pos < TAG_UPOS_COUNT ? pos : pos == 0xff ? TAG_UPOS_COUNT : -1; }
static inline int cue_cfidx(uint8_t cf) { return (cf & 3) | ((cf >> 1) & 0x1c); } /* bits 0, 1, 3, 4, 5 */
#define CUE_CF_MASK (PRC_CT_RULE | PRC_CT_SPEECH | PRC_CT_EVID | PRC_CT_INQ | PRC_CT_CAP)
/* ... and back: the field value of a table index */
static inline uint64_t cue_pval(int p) { return p < TAG_UPOS_COUNT ? (uint64_t)p : 0xff; }
static inline uint64_t cue_cfval(int x) { return (uint64_t)((x & 3) | ((x & 0x1c) << 1)); }

/* May token i's few-valued features come from the tables?  (Every field in
 * range: always, with the inputs prc_cue_inputs makes.) */
CUE_INLINE int small_ok(const cue_token *t, size_t n, size_t i) {
  const cue_token *c = &t[i];
  int ok = cue_pidx(c->pos) >= 0 && c->lq < CUE_NQ && c->rq < CUE_NQ && c->squote <= 1;
  for (int d = -2; d <= 2; d++) {
    long j = (long)i + d;
    if (d && j >= 0 && (size_t)j < n) ok &= cue_pidx(t[j].pos) >= 0;
  }
  return ok;
}

/* (bias = 0: without the bias feature, whose weights prc_cue_tag adds from
 * cue_model.bias; small = 0: without the few-valued features, which it adds
 * from the tables) */
CUE_INLINE size_t static_feats(const cue_token *t, size_t n, size_t i, uint64_t *f, int bias, int small) {
  static const cue_token pad = {.w = PAD_W, .suf = PAD_W, .stem = PAD_W, .pos = 0xff, .flags = 0, .lq = 7, .rq = 7, .squote = 0};
  const cue_token *c = &t[i];
  const cue_token *l1 = i >= 1 ? &t[i - 1] : &pad, *l2 = i >= 2 ? &t[i - 2] : &pad;
  const cue_token *r1 = i + 1 < n ? &t[i + 1] : &pad, *r2 = i + 2 < n ? &t[i + 2] : &pad;
  /* the rule decision and speech flags of the token, without its position flags */
  const uint64_t cf = c->flags & CUE_CF_MASK;
  size_t k = 0;
  if (bias) f[k++] = pc_feat1(1, 0);
  f[k++] = pc_feat1(2, c->w);
  f[k++] = pc_feat1(3, c->suf);
  if (small) {
    f[k++] = pc_feat1(4, c->pos);
    f[k++] = pc_feat1(5, c->flags);
  }
  f[k++] = pc_feat2(6, c->w, c->pos);
  f[k++] = pc_feat1(7, l1->w);
  f[k++] = pc_feat1(8, r1->w);
  if (small) {
    f[k++] = pc_feat1(9, l1->pos);
    f[k++] = pc_feat1(10, r1->pos);
    f[k++] = pc_feat1(11, l2->pos);
    f[k++] = pc_feat1(12, r2->pos);
  }
  f[k++] = pc_feat1(13, l2->w);
  f[k++] = pc_feat1(14, r2->w);
  f[k++] = pc_feat2(15, c->w, r1->w);
  f[k++] = pc_feat2(16, l1->w, c->w);
  if (small) f[k++] = pc_feat3(17, l1->pos, c->pos, r1->pos);
  if (small) f[k++] = pc_feat2(22, cf, c->pos);
  f[k++] = pc_feat2(23, l1->flags, r1->flags);
  if (small) {
    f[k++] = pc_feat1(24, c->lq);
    f[k++] = pc_feat1(25, c->rq);
  }
  if (small) f[k++] = pc_feat3(26, c->lq, c->rq, c->pos);
  f[k++] = pc_feat2(27, c->flags & PRC_CT_INQ, c->w);
  f[k++] = pc_feat1(28, c->stem);
  f[k++] = pc_feat2(29, c->stem, c->pos);
  f[k++] = pc_feat2(30, r1->w, r2->w);
  f[k++] = pc_feat2(31, l1->w, c->pos);
  f[k++] = pc_feat2(32, c->pos, r1->w);
  f[k++] = pc_feat2(35, c->stem, r1->w);
  f[k++] = pc_feat3(36, cf, l1->pos, r1->pos);
  f[k++] = pc_feat2(37, l1->stem, c->pos);
  if (small) f[k++] = pc_feat3(38, c->lq, c->rq, cf);
  /* where in the sentence: cues close a sentence ("..., he said.") or open it */
  const uint64_t from_end = n - i > 4 ? 4 : n - i, from_start = i > 4 ? 4 : i;
  if (small) {
    f[k++] = pc_feat3(39, from_end, c->pos, c->squote);
    f[k++] = pc_feat3(40, from_start, c->pos, c->squote);
  }
  f[k++] = pc_feat3(41, c->w, r1->pos, r2->pos);
  f[k++] = pc_feat3(42, c->stem, c->squote, cf);
  return k;
}

/* (labels = 0: without the features of the labels alone, 18 and 21, whose
 * weights prc_cue_tag adds from cue_model.pp, and without 19 and 34, which
 * it hashes from cue_model.h19 and h34; small = 0: without 20 and 33, which
 * it adds from cue_model.t_dyn) */
CUE_INLINE size_t dynamic_feats(const cue_token *t, size_t n, size_t i, int p1, int p2, uint64_t *f, int labels,
                                int small) {
  static const cue_token pad = {.w = PAD_W, .suf = PAD_W, .stem = PAD_W, .pos = 0xff, .flags = 0, .lq = 7, .rq = 7, .squote = 0};
  const cue_token *c = &t[i];
  const cue_token *l1 = i >= 1 ? &t[i - 1] : &pad;
  const cue_token *r1 = i + 1 < n ? &t[i + 1] : &pad;
  const uint64_t P1 = (uint64_t)p1 + 1, P2 = (uint64_t)p2 + 1;
  size_t k = 0;
  if (labels) f[k++] = pc_feat1(18, P1);
  if (labels) f[k++] = pc_feat2(19, P1, c->w);
  if (small) f[k++] = pc_feat2(20, P1, c->pos);
  if (labels) f[k++] = pc_feat2(21, P1, P2);
  if (small) f[k++] = pc_feat3(33, P1, c->pos, r1->pos);
  if (labels) f[k++] = pc_feat3(34, P1, l1->w, c->w);
  return k;
}

size_t prc_cue_feats(const cue_token *t, size_t n, size_t i, int p1, int p2, uint64_t *f) {
  size_t k = static_feats(t, n, i, f, 1, 1);
  return k + dynamic_feats(t, n, i, p1, p2, f + k, 1, 1);
}

/* ---- tagging ---------------------------------------------------------------------------------- */

/* Adds the weights of features f[0..nf) to sc (their slots prefetched before). */
static inline void add_weights(const cue_model *m, const uint64_t *f, size_t nf, int32_t *sc) {
  /* the table and the sums in locals: sc could alias m's fields, which the
   * compiler would otherwise load again after every sum */
  const cue_slot *fs = m->fs;
  const uint32_t mask = m->mask;
  int32_t s0 = sc[0], s1 = sc[1], s2 = sc[2];
  for (size_t k = 0; k < nf; k++) {
    uint32_t key = pc_key32(f[k]), j = (uint32_t)f[k] & mask;
    for (;;) {
      const cue_slot *sl = &fs[j];
      if (sl->key == key) {
        s0 += sl->w[0];
        s1 += sl->w[1];
        s2 += sl->w[2];
        break;
      }
      if (!sl->key) break;
      j = (j + 1) & mask;
    }
  }
  sc[0] = s0;
  sc[1] = s1;
  sc[2] = s2;
}

/* Adds the table weights of token i's few-valued features to sc (small_ok). */
CUE_INLINE void small_add(const cue_model *m, const cue_token *t, size_t n, size_t i, int32_t *sc) {
  const cue_token *c = &t[i];
  const int p = cue_pidx(c->pos);
  const int pl1 = i >= 1 ? cue_pidx(t[i - 1].pos) : TAG_UPOS_COUNT, pl2 = i >= 2 ? cue_pidx(t[i - 2].pos) : TAG_UPOS_COUNT;
  const int pr1 = i + 1 < n ? cue_pidx(t[i + 1].pos) : TAG_UPOS_COUNT;
  const int pr2 = i + 2 < n ? cue_pidx(t[i + 2].pos) : TAG_UPOS_COUNT;
  const size_t from_end = n - i > 4 ? 4 : n - i, from_start = i > 4 ? 4 : i;
  const int cfx = cue_cfidx(c->flags & CUE_CF_MASK);
  const int32_t *v[9] = {m->t_lcr[pl1][p][pr1],
                         m->t_pos[3][pl2],
                         m->t_pos[4][pr2],
                         m->t_flags[c->flags],
                         m->t_cf[cfx][p],
                         m->t_qqp[c->lq][c->rq][p],
                         m->t_qqcf[c->lq][c->rq][cfx],
                         m->t_place[0][from_end][p][c->squote],
                         m->t_place[1][from_start][p][c->squote]};
  int32_t s0 = sc[0], s1 = sc[1], s2 = sc[2];
  for (int q = 0; q < 9; q++) {
    s0 += v[q][0];
    s1 += v[q][1];
    s2 += v[q][2];
  }
  sc[0] = s0;
  sc[1] = s1;
  sc[2] = s2;
}

float prc_cue_score(const cue_model *m, const uint64_t *f, size_t nf, int32_t *sc) {
  add_weights(m, f, nf, sc);
  return m->scale;
}

static inline void prefetch_slots(const cue_model *m, const uint64_t *f, size_t nf) {
  const cue_slot *fs = m->fs;
  const uint32_t mask = m->mask;
  for (size_t k = 0; k < nf; k++) {
    /* a probe passes about 2.8 slots of 12 bytes (at the table's load of
     * 2/3): the next line too */
    const char *p = (const char *)&fs[(uint32_t)f[k] & mask];
    PC_PREFETCH(p);
    PC_PREFETCH(p + 64);
  }
}

/* Tokens whose static scores are computed ahead of the greedy pass at a time. */
#define BLOCK 256

/* The hashes of the dynamic features 19 and 34 of token i after label p1
 * (pc_feat2(19, P1, w), pc_feat3(34, P1, l1.w, w); their inner hashes
 * from the model). */
CUE_INLINE void dyn_hashes(const cue_model *m, const cue_token *t, size_t i, int p1, uint64_t *h) {
  const uint64_t w = t[i].w, l1w = i >= 1 ? t[i - 1].w : PAD_W;
  h[0] = pc_mix64(m->h19[p1] + w);
  h[1] = pc_mix64(pc_mix64(m->h34[p1] + l1w) + w * 0xc2b2ae3d27d4eb4fULL);
}

static void tag_scores(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab, int32_t (*out)[PRC_CUE_NLABELS],
                       float margin) {
  if (!m) {
    memset(lab, PRC_CUE_O, n);
    return;
  }
  uint64_t fa[PRC_CUE_MAXF], fb[PRC_CUE_MAXF], fd[PRC_CUE_MAXF];
  int32_t st[BLOCK][PRC_CUE_NLABELS];
  uint64_t hd[BLOCK][2]; /* dyn_hashes after an O, the most common label */
  uint8_t tab[BLOCK];                      /* small_ok */
  int p1 = PRC_CUE_O, p2 = PRC_CUE_O;
  for (size_t b = 0; b < n; b += BLOCK) {
    size_t e = n - b > BLOCK ? b + BLOCK : n;
    /* the static part of each token: its slots are fetched while the
     * previous token's are added (software pipelining) */
    uint64_t *cur = fa, *nxt = fb;
    int tcur = small_ok(t, n, b), tnxt = 0;
    size_t ncur = static_feats(t, n, b, cur, 0, !tcur);
    prefetch_slots(m, cur, ncur);
    for (size_t i = b; i < e; i++) {
      size_t nnxt = 0;
      if (i + 1 < e) {
        tnxt = small_ok(t, n, i + 1);
        nnxt = static_feats(t, n, i + 1, nxt, 0, !tnxt);
        prefetch_slots(m, nxt, nnxt);
      }
      int32_t *sc = st[i - b];
      memcpy(sc, m->bias, sizeof m->bias);
      if (tcur) small_add(m, t, n, i, sc);
      add_weights(m, cur, ncur, sc);
      dyn_hashes(m, t, i, PRC_CUE_O, hd[i - b]);
      tab[i - b] = (uint8_t)tcur;
      tcur = tnxt;
      uint64_t *tmp = cur;
      cur = nxt;
      nxt = tmp;
      ncur = nnxt;
    }
    /* the greedy pass: the features of the previous labels (those of the
     * next token after an O fetched ahead) */
    prefetch_slots(m, hd[0], 2);
    for (size_t i = b; i < e; i++) {
      if (i + 1 < e) prefetch_slots(m, hd[i + 1 - b], 2);
      const int32_t *pp = m->pp[p1][p2];
      int32_t sc[PRC_CUE_NLABELS] = {st[i - b][0] + pp[0], st[i - b][1] + pp[1], st[i - b][2] + pp[2]};
      if (tab[i - b]) {
        const int p = cue_pidx(t[i].pos), pr1 = i + 1 < n ? cue_pidx(t[i + 1].pos) : TAG_UPOS_COUNT;
        const int32_t *d = m->t_dyn[p1][p][pr1];
        sc[0] += d[0];
        sc[1] += d[1];
        sc[2] += d[2];
      } else {
        size_t nd = dynamic_feats(t, n, i, p1, p2, fd, 0, 1);
        add_weights(m, fd, nd, sc);
      }
      if (p1 == PRC_CUE_O) {
        add_weights(m, hd[i - b], 2, sc);
      } else {
        uint64_t h[2];
        dyn_hashes(m, t, i, p1, h);
        add_weights(m, h, 2, sc);
      }
      int best = PRC_CUE_O;
      for (int c = 1; c < PRC_CUE_NLABELS; c++) {
        if (c == PRC_CUE_I && p1 == PRC_CUE_O) continue; /* an I continues a cue */
        if (sc[c] > sc[best]) best = c;
      }
      /* a cue starts only with a margin over "outside" (see cue_model.h) */
      if (best == PRC_CUE_B && (float)(sc[PRC_CUE_B] - sc[PRC_CUE_O]) * m->scale < margin) best = PRC_CUE_O;
      if (out) memcpy(out[i], sc, sizeof sc);
      lab[i] = (uint8_t)best;
      p2 = p1;
      p1 = best;
    }
  }
}

void prc_cue_tag_scores(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab, int32_t (*out)[PRC_CUE_NLABELS]) {
  tag_scores(m, t, n, lab, out, PRC_CUE_MARGIN);
}

void prc_cue_tag(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab) {
  tag_scores(m, t, n, lab, NULL, PRC_CUE_MARGIN);
}

void prc_cue_tag_margin(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab, float margin) {
  tag_scores(m, t, n, lab, NULL, margin);
}

/* ---- loading ---------------------------------------------------------------------------------- */

/* The weights of feature f (zero when absent), into w. */
static void feat_weights(const cue_model *m, uint64_t f, int32_t *w) {
  memset(w, 0, PRC_CUE_NLABELS * sizeof *w);
  add_weights(m, &f, 1, w);
}

/* Fills the tables of the few-valued features (cue_model.t_pos ...). */
static void small_tables(cue_model *m) {
  static const uint32_t pos_tmpl[5] = {4, 9, 10, 11, 12};
  for (int p = 0; p < CUE_NPOS; p++) {
    const uint64_t pv = p < TAG_UPOS_COUNT ? (uint64_t)p : 0xff;
    for (int r = 0; r < 5; r++) feat_weights(m, pc_feat1(pos_tmpl[r], pv), m->t_pos[r][p]);
    for (int x = 0; x < 32; x++) { /* cf: bits 0, 1 and 3..5 of the flags */
      const uint64_t cf = (uint64_t)((x & 3) | ((x & 0x1c) << 1));
      feat_weights(m, pc_feat2(22, cf, pv), m->t_cf[x][p]);
    }
    for (int d = 0; d < 5; d++)
      for (int q = 0; q < 2; q++) {
        feat_weights(m, pc_feat3(39, (uint64_t)d, pv, (uint64_t)q), m->t_place[0][d][p][q]);
        feat_weights(m, pc_feat3(40, (uint64_t)d, pv, (uint64_t)q), m->t_place[1][d][p][q]);
      }
  }
  for (int x = 0; x < 256; x++) feat_weights(m, pc_feat1(5, (uint64_t)x), m->t_flags[x]);
  for (int d = 0; d < CUE_NQ; d++) {
    feat_weights(m, pc_feat1(24, (uint64_t)d), m->t_q[0][d]);
    feat_weights(m, pc_feat1(25, (uint64_t)d), m->t_q[1][d]);
  }
  /* the tables of two and three fields (sums: t_pos, t_q from above) */
  for (int a = 0; a < CUE_NPOS; a++)
    for (int p = 0; p < CUE_NPOS; p++)
      for (int c = 0; c < CUE_NPOS; c++) {
        int32_t *w = m->t_lcr[a][p][c];
        feat_weights(m, pc_feat3(17, cue_pval(a), cue_pval(p), cue_pval(c)), w);
        for (int y = 0; y < PRC_CUE_NLABELS; y++) w[y] += m->t_pos[0][p][y] + m->t_pos[1][a][y] + m->t_pos[2][c][y];
      }
  for (int l = 0; l < CUE_NQ; l++)
    for (int r = 0; r < CUE_NQ; r++) {
      for (int p = 0; p < CUE_NPOS; p++) {
        int32_t *w = m->t_qqp[l][r][p];
        feat_weights(m, pc_feat3(26, (uint64_t)l, (uint64_t)r, cue_pval(p)), w);
        for (int y = 0; y < PRC_CUE_NLABELS; y++) w[y] += m->t_q[0][l][y] + m->t_q[1][r][y];
      }
      for (int x = 0; x < 32; x++) feat_weights(m, pc_feat3(38, (uint64_t)l, (uint64_t)r, cue_cfval(x)), m->t_qqcf[l][r][x]);
    }
  for (int y1 = 0; y1 < PRC_CUE_NLABELS; y1++) {
    const uint64_t P1 = (uint64_t)y1 + 1;
    int32_t d20[CUE_NPOS][PRC_CUE_NLABELS];
    for (int p = 0; p < CUE_NPOS; p++) feat_weights(m, pc_feat2(20, P1, cue_pval(p)), d20[p]);
    for (int p = 0; p < CUE_NPOS; p++)
      for (int c = 0; c < CUE_NPOS; c++) {
        int32_t *w = m->t_dyn[y1][p][c];
        feat_weights(m, pc_feat3(33, P1, cue_pval(p), cue_pval(c)), w);
        for (int y = 0; y < PRC_CUE_NLABELS; y++) w[y] += d20[p][y];
      }
    m->h19[y1] = pc_mix64(P1 ^ (19ULL * 0x9e3779b97f4a7c15ULL));
    m->h34[y1] = pc_mix64(P1 ^ (34ULL * 0x9e3779b97f4a7c15ULL));
  }
}

/* Fills m->bias and m->pp from the weights (the sums are exact: int32 sums
 * of int16 weights, in any order), and the tables of small_tables. */
static void label_sums(cue_model *m) {
  small_tables(m);
  uint64_t f = pc_feat1(1, 0);
  memset(m->bias, 0, sizeof m->bias);
  add_weights(m, &f, 1, m->bias);
  for (int p1 = 0; p1 < PRC_CUE_NLABELS; p1++)
    for (int p2 = 0; p2 < PRC_CUE_NLABELS; p2++) {
      const uint64_t P1 = (uint64_t)p1 + 1, P2 = (uint64_t)p2 + 1;
      uint64_t g[2] = {pc_feat1(18, P1), pc_feat2(21, P1, P2)};
      memset(m->pp[p1][p2], 0, sizeof m->pp[p1][p2]);
      add_weights(m, g, 2, m->pp[p1][p2]);
    }
}

static void cue_destroy(cue_model *m) {
  if (!m) return;
  free(m->cend_own);
  if (!m->inplace) free(m->fs);
  if (m->own_mapped) prc_model_unmap(m->own, m->own_len);
  else free(m->own);
  for (int i = 0; i < m->nnotes; i++) {
    free(m->note_key[i]);
    free(m->note_val[i]);
  }
  free(m);
}

/* ---- in-place images: header "CUHD", then the fused table "CUFS" ------------------------------- */

typedef struct cue_img_head {
  uint32_t mark, cap;
  float scale;
  uint32_t cend_cap;   /* the content-end table's capacity ("CETB"), 0 = none */
  uint32_t cend_nfeat;
  float cend_scale;
  uint32_t reserved[2];
} cue_img_head;

int prc_cue_image(const cue_model *m, void *head, model_img_sec *s) {
  cue_img_head *h = head;
  memset(h, 0, sizeof *h);
  h->mark = MODEL_IMAGE_MARK;
  h->cap = m->mask + 1;
  h->scale = m->scale;
  memcpy(s[0].tag, "CUHD", 5);
  s[0].p = h;
  s[0].n = sizeof *h;
  memcpy(s[1].tag, "CUFS", 5);
  s[1].p = m->fs;
  s[1].n = (size_t)h->cap * sizeof *m->fs;
  if (!m->has_cend) return 2;
  h->cend_cap = m->cend.mask + 1;
  h->cend_nfeat = m->cend.nfeat;
  h->cend_scale = m->cend.scale;
  memcpy(s[2].tag, "CETB", 5);
  s[2].p = m->cend.slots;
  s[2].n = (size_t)h->cend_cap * sizeof *m->cend.slots;
  return 3;
}

static int cue_load_inplace(cue_model *m, const model_view *v, int check, precis_error *err) {
  const cue_img_head *h = prc_model_table(v, "CUHD", sizeof *h, 1, 8, 1, err);
  if (!h) return -1;
  if (h->mark != MODEL_IMAGE_MARK || h->cap < 16 || (h->cap & (h->cap - 1)) || !(h->scale > 0)) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "CUHD")->off,
                  h->mark != MODEL_IMAGE_MARK ? "model image made for another byte order or layout (rebuild it)"
                                              : "model corrupt: bad cue image header");
    return -1;
  }
  m->inplace = 1;
  m->mask = h->cap - 1;
  m->scale = h->scale;
  if (!(m->fs = (cue_slot *)prc_model_table(v, "CUFS", sizeof *m->fs, h->cap, 64, 1, err))) return -1;
  if (h->cend_cap) { /* the content-end table, used where it lies */
    if (h->cend_cap < 16 || (h->cend_cap & (h->cend_cap - 1)) || !(h->cend_scale > 0) || h->cend_nfeat >= h->cend_cap) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "CUHD")->off,
                    "model corrupt: bad content-end table header");
      return -1;
    }
    const cend_slot *t = prc_model_table(v, "CETB", sizeof *t, h->cend_cap, 8, 1, err);
    if (!t) return -1;
    m->cend.slots = t;
    m->cend.mask = h->cend_cap - 1;
    m->cend.nfeat = h->cend_nfeat;
    m->cend.scale = h->cend_scale;
    m->has_cend = 1;
  }
  if (check) {
    uint32_t empty = 0;
    for (uint32_t i = 0; i <= m->mask; i++) empty += !m->fs[i].key;
    if (!empty) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: weight table full");
      return -1;
    }
  }
  return 0;
}

static cue_model *load(const void *buf, size_t n, int embedded, precis_error *err) {
  model_view v;
  void *own;
  int mapped;
  if (prc_model_open(buf, n, embedded, &v, &own, &mapped, err) < 0) return NULL;
  if (v.featset != PRC_CUE_FEATSET) {
    if (!mapped) free(own);
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12,
                  "model has feature set 0x%08x; a cue model of this build has 0x%08x (retrain it, or it is "
                  "another kind of model)",
                  (unsigned)v.featset, PRC_CUE_FEATSET);
    return NULL;
  }
  cue_model *m = calloc(1, sizeof *m);
  if (!m) {
    if (!mapped) free(own);
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  m->own = own;
  m->own_len = n;
  m->own_mapped = mapped;
  const model_section *labl = prc_model_find(&v, "LABL");
  char *names[PRC_CUE_NLABELS + 1];
  int nl = prc_model_read_labels(labl, names, PRC_CUE_NLABELS + 1);
  if (nl >= 0) {
    static const char *const want[PRC_CUE_NLABELS] = {"O", "B", "I"};
    int ok = nl == PRC_CUE_NLABELS;
    for (int i = 0; ok && i < nl; i++) ok = !strcmp(names[i], want[i]);
    prc_model_free_labels(names, nl);
    if (!ok) nl = -1;
  }
  if (nl < 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl ? labl->off : PRECIS_NO_OFFSET,
                  "model corrupt: missing or bad label set (a cue model has O, B, I)");
    goto fail;
  }
  if (v.version == MODEL_FORMAT_INPLACE) {
    if (cue_load_inplace(m, &v, embedded != MODEL_EMBEDDED, err) < 0) goto fail;
    goto notes;
  }
  const model_section *w = prc_model_find(&v, "WGHT");
  if (!w) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no weight section");
    goto fail;
  }
  pc_view pv;
  if (prc_pc_view(w->p, w->n, w->off, PRC_CUE_NLABELS, &pv, err) < 0) goto fail;
  m->fs = prc_pc_table_alloc((size_t)pv.cap * sizeof *m->fs);
  if (!m->fs) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    goto fail;
  }
  m->mask = pv.cap - 1;
  m->scale = pv.scale;
  const unsigned char *q = pv.feats, *e = pv.entries;
  for (uint32_t k = 0; k < pv.nfeat; k++, q += 10) {
    uint32_t pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
    cue_slot *sl = &m->fs[pos];
    if (sl->key) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, w->off, "model corrupt: weight section (bad feature entry)");
      goto fail;
    }
    sl->key = pc_rd32(q);
    for (uint32_t j = 0; j < cnt; j++, e += 4) sl->w[pc_rd16(e)] = (int16_t)pc_rd16(e + 2);
  }
  { /* the file's table is sized for a load of about 1/3: fold it to at most 3/4 (prc_pc_fold) */
    uint32_t cap = m->mask + 1;
    void *fs = m->fs;
    if (prc_pc_fold(&fs, &cap, sizeof *m->fs, pv.nfeat) < 0) {
      prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
      goto fail;
    }
    m->fs = fs;
    m->mask = cap - 1;
  }
notes: {
    const model_section *ce = prc_model_find(&v, "CEND");
    if (ce) {
      if (ce->n < 4 || pc_rd32(ce->p) != PRC_CEND_FEATSET) {
        prc_error_set(err, PRECIS_ERROR_MODEL_KIND, ce->off,
                      "the model's content-end scorer has feature set 0x%08x; this build's has 0x%08x (retrain it)",
                      ce->n < 4 ? 0u : (unsigned)pc_rd32(ce->p), PRC_CEND_FEATSET);
        goto fail;
      }
      pc_view cv;
      if (prc_pc_view(ce->p + 4, ce->n - 4, ce->off + 4, 1, &cv, err) < 0) goto fail;
      cend_slot *t = prc_pc_table_alloc((size_t)cv.cap * sizeof *t);
      if (!t) {
        prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
        goto fail;
      }
      m->cend_own = t;
      const unsigned char *q = cv.feats, *e = cv.entries;
      for (uint32_t k = 0; k < cv.nfeat; k++, q += 10) {
        uint32_t pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
        if (t[pos].key || !pc_rd32(q)) {
          prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, ce->off, "model corrupt: content-end section (bad feature entry)");
          goto fail;
        }
        t[pos].key = pc_rd32(q);
        for (uint32_t j = 0; j < cnt; j++, e += 4) t[pos].w += (int16_t)pc_rd16(e + 2);
      }
      /* the file's table is sized for a load of about 1/3: folded to at most 3/4 (prc_pc_fold) */
      void *sl = t;
      uint32_t cap = cv.cap;
      if (prc_pc_fold(&sl, &cap, sizeof *t, cv.nfeat) < 0) {
        prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
        goto fail;
      }
      m->cend_own = sl;
      m->cend.slots = sl;
      m->cend.mask = cap - 1;
      m->cend.nfeat = cv.nfeat;
      m->cend.scale = cv.scale;
      m->has_cend = 1;
    }
  }
  if (prc_model_read_notes(prc_model_find(&v, "NOTE"), m->note_key, m->note_val, CUE_MAX_NOTES, &m->nnotes, err) <
      0)
    goto fail;
  label_sums(m);
  return m;
fail:
  if (m->own_mapped) { /* the caller unmaps what it mapped */
    m->own = NULL;
    m->own_mapped = 0;
  }
  cue_destroy(m);
  return NULL;
}

/* load() for the shared helpers of model.h: the built-in copy is marked */
static void *load_any(const void *buf, size_t n, int embedded, precis_error *err) {
  cue_model *m = load(buf, n, embedded, err);
  if (m && embedded == MODEL_EMBEDDED) m->builtin = 1;
  return m;
}

static int adopted(const void *obj, const void *buf) { return ((const cue_model *)obj)->own == buf; }

cue_model *prc_cue_load_memory(const void *buf, size_t n, precis_error *err) {
  return prc_model_load_memory_with(load_any, buf, n, err);
}

cue_model *prc_cue_load_file(const char *path, precis_error *err) {
  return prc_model_load_file_adopt(load_any, adopted, path, err);
}

void prc_cue_free(cue_model *m) {
  if (m && !m->builtin) cue_destroy(m);
}

const cue_cend *prc_cue_cend(const cue_model *m) { return m && m->has_cend ? &m->cend : NULL; }

const char *prc_cue_note(const cue_model *m, const char *key) {
  return m ? prc_model_note_value(m->note_key, m->note_val, m->nnotes, key) : "";
}

/* ---- the built-in model ----------------------------------------------------------------------- */

/* Defined in the generated models_embedded.c (tools/bin2c.c); size 0 = not compiled in. */
extern const unsigned char precis_model_attrib_data[];
extern const size_t precis_model_attrib_size;

static model_once builtin = MODEL_ONCE_INIT;

const cue_model *prc_cue_builtin(precis_error *err) {
  return prc_model_once(&builtin, load_any, precis_model_attrib_data, precis_model_attrib_size,
                        "no built-in attribution model (models/attrib.bin was missing at build time)", err);
}
