/* parser.c - the dependency parser at run time (see parser.h): relation
 * names, the arc-hybrid configuration and its features (parser_features.h),
 * model loading, greedy decoding and the lowering of lifted
 * (pseudo-projective) arcs. */
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "parser_features.h"
#include "tagger_features.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define PS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define PS_ALWAYS_INLINE inline
#endif

/* ---- relations ----------------------------------------------------------------------------- */

#define PRC_DEP_NAME_(id, name) name,
static const char *const dep_names[PRC_DEP_COUNT] = {PRC_DEP_LIST(PRC_DEP_NAME_)};
#undef PRC_DEP_NAME_

const char *prc_dep_name(int rel) {
  return rel > 0 && rel < PRC_DEP_COUNT ? dep_names[rel] : dep_names[0];
}

int prc_dep_id(const char *name, size_t n) {
  for (int i = 1; i < PRC_DEP_COUNT; i++)
    if (strlen(dep_names[i]) == n && !memcmp(dep_names[i], name, n)) return i;
  const char *colon = memchr(name, ':', n);
  if (colon) {
    size_t m = (size_t)(colon - name);
    for (int i = 1; i < PRC_DEP_COUNT; i++)
      if (strlen(dep_names[i]) == m && !memcmp(dep_names[i], name, m)) return i;
  }
  return PRC_DEP_DEP;
}

int prc_dep_base(int rel) {
  if (rel <= 0 || rel >= PRC_DEP_COUNT) return PRC_DEP_NONE;
  const char *s = dep_names[rel], *colon = strchr(s, ':');
  return colon ? prc_dep_id(s, (size_t)(colon - s)) : rel;
}

/* ---- the configuration ---------------------------------------------------------------------- */

static size_t align16(size_t x) { return (x + 15) & ~(size_t)15; }

size_t prc_ps_scratch_size(size_t n) {
  /* tokens, nodes; then the stack, two lists for lowering (2n + 2, in the
   * room of two arrays) and the lifted relations (bytes) */
  return align16((n + 2) * sizeof(ps_tok)) + align16((n + 1) * sizeof(ps_node)) +
         align16((n + 1) * sizeof(int32_t)) * 3 + align16(n + 1) + 16;
}

size_t prc_parser_scratch_size(size_t n) { return prc_ps_scratch_size(n); }

static uint32_t clus_prefix(uint32_t v, uint32_t k) {
  if (!v) return 0;
  uint32_t len = TG_CLUS_LEN(v), l = k < len ? k : len;
  return (l << 24) | ((v & 0xffffffu) >> (24 - l));
}

/* Fills a token's lanes (ps_tok.la/lb/lc) from its values. */
static void ps_tok_lanes(ps_tok *t);

void prc_ps_state_init(ps_state *st, void *scratch, const tag_token *toks, const uint8_t *upos,
                       size_t n, const model_lex *clus, const model_lex *dict) {
  unsigned char *p = (unsigned char *)(((uintptr_t)scratch + 15) & ~(uintptr_t)15);
  st->n = n;
  st->tok = (ps_tok *)p;
  p += align16((n + 2) * sizeof(ps_tok));
  st->node = (ps_node *)p;
  p += align16((n + 1) * sizeof(ps_node));
  st->stack = (int32_t *)p;
  st->sp = 0;
  st->b = 0;
  /* the words' hashes first, their lexicon entries prefetched; then the
   * look-ups (they find most entries in the cache) */
  for (size_t i = 0; i < n; i++) {
    const uint64_t w = prc_tg_lower_hash(toks[i].s, toks[i].len), kw = w ? w : 1;
    st->tok[i].w = w;
    if (clus && clus->e) PC_PREFETCH(&clus->e[(uint32_t)kw & clus->mask]);
    if (dict && dict->e) PC_PREFETCH(&dict->e[(uint32_t)kw & dict->mask]);
  }
  for (size_t i = 0; i < n; i++) {
    ps_tok *t = &st->tok[i];
    const uint64_t w = t->w;
    t->p = upos[i] < TAG_UPOS_COUNT ? upos[i] : TAG_UPOS_X;
    t->wp = pc_mix64(w + t->p);
    t->clus = clus ? model_lex_get(clus, w) : 0;
    t->amb = dict ? model_lex_get(dict, w) & 0x1ffffu : 0;
    t->c6 = clus_prefix(t->clus, 6);
    unsigned char c0 = toks[i].len ? (unsigned char)toks[i].s[0] : 0;
    t->cap = (uint8_t)((c0 >= 'A' && c0 <= 'Z') | (i == 0 ? 2 : 0));
    ps_tok_lanes(t);
  }
  static const char root_s[] = "<ROOT>", null_s[] = "<NULL>";
  ps_tok *r = &st->tok[n], *z = &st->tok[n + 1];
  memset(r, 0, sizeof *r);
  memset(z, 0, sizeof *z);
  r->w = prc_pc_hash_bytes(root_s, sizeof root_s - 1);
  r->p = PS_P_ROOT;
  r->wp = pc_mix64(r->w + r->p);
  ps_tok_lanes(r);
  z->w = prc_pc_hash_bytes(null_s, sizeof null_s - 1);
  z->p = PS_P_NULL;
  z->wp = pc_mix64(z->w + z->p);
  ps_tok_lanes(z);
  for (size_t i = 0; i <= n; i++) {
    ps_node *d = &st->node[i];
    d->head = -1;
    d->lab = -1;
    d->l1 = d->l2 = d->r1 = d->r2 = -1;
    d->nl = d->nr = 0;
    d->lset = d->rset = 0;
  }
}

void prc_ps_apply(ps_state *st, int action, int lab, int dep) {
  if (action == PS_SHIFT) {
    st->stack[st->sp++] = (int32_t)st->b++;
    return;
  }
  int32_t h, d;
  ps_arc(st, action, &h, &d);
  st->sp--;
  ps_node *hn = &st->node[h], *dn = &st->node[d];
  dn->head = h;
  dn->lab = lab;
  uint64_t bit = 1ull << ((unsigned)dep & 63u);
  if (d < h) { /* a new left child is always further left than the earlier ones */
    hn->l2 = hn->l1;
    hn->l1 = d;
    hn->nl++;
    hn->lset |= bit;
  } else { /* and a new right child further right */
    hn->r2 = hn->r1;
    hn->r1 = d;
    hn->nr++;
    hn->rset |= bit;
  }
}

/* ---- features -------------------------------------------------------------------------------
 * Template numbers are hashed into every feature: changing the extraction
 * means bumping PRC_PARSER_FEATSET and retraining. */

static inline uint32_t dist_bucket(int64_t d) {
  if (d < 0) d = -d;
  return d <= 4 ? (uint32_t)d : d <= 6 ? 5u : d <= 9 ? 6u : d <= 14 ? 7u : 8u;
}
static inline uint32_t count_bucket(uint32_t c) { return c < 4 ? c : 4; }

/* One multiply-xorshift mix per feature: the values are already hashes or
 * small integers, spread by odd multipliers before the mix.  A feature
 * (template t, values a, b, c) is
 *   pc_mix64(t * K0  ^  ps_la(a)  ^  ps_lb(b)  ^  ps_lc(c)),
 * each value spread by the function ("lane") of its position.  The lanes of
 * a token's word, tag, tag set and clusters are computed once per sentence
 * (ps_tok.la/lb/lc, prc_ps_state_init); the features read them instead of
 * multiplying per transition.  The hashes are those the model was trained
 * with: any change here means retraining. */
#define PS_K0 0x9e3779b97f4a7c15ULL
static inline uint64_t ps_la(uint64_t a) { return a * 0xd6e8feb86659fd93ULL; }
static inline uint64_t ps_lb(uint64_t b) { return (b * 0xa0761d6478bd642fULL) + (b >> 29); }
static inline uint64_t ps_lc(uint64_t c) { return (c * 0xe7037ed1a0b428dbULL) + (c >> 31); }
static void ps_tok_lanes(ps_tok *t) {
  const uint64_t v[PS_NLANES] = {[PS_LN_W] = t->w, [PS_LN_WP] = t->wp, [PS_LN_P] = t->p,
                                 [PS_LN_AMB] = t->amb, [PS_LN_C6] = t->c6, [PS_LN_CLUS] = t->clus};
  for (int i = 0; i < PS_NLANES; i++) {
    t->la[i] = ps_la(v[i]);
    t->lb[i] = ps_lb(v[i]);
  }
  t->lc[PS_LC_P] = ps_lc(t->p);
  t->lc[PS_LC_C6] = ps_lc(t->c6);
}
#define PS_EMIT(t, la, lb, lc)                                                           \
  do {                                                                                   \
    uint64_t h_ = pc_mix64(((uint64_t)(t) * PS_K0) ^ (la) ^ (lb) ^ (lc));               \
    f[k++] = h_;                                                                         \
    if (pf) PC_PREFETCH(pf + (size_t)((uint32_t)h_ & pmask) * pstride);                  \
  } while (0)
/* The same for a feature of a template often absent from the model (found
 * less than 60% of the time on news; mostly pairs of words): with filt (the
 * run time), a feature the table's presence filter rules out is dropped
 * and its slot never read (filt_build).  Most of them are rare: their slots
 * would be cache misses to main memory, the filter is small and read often. */
#define PS_EMITF(t, la, lb, lc)                                                          \
  do {                                                                                   \
    uint64_t h_ = pc_mix64(((uint64_t)(t) * PS_K0) ^ (la) ^ (lb) ^ (lc));               \
    f[k] = h_;                                                                           \
    if (filt) {                                                                          \
      const uint64_t b_ = h_ >> fshift;                                                  \
      const uint64_t w_ = filt[b_ >> 6];                                                 \
      const size_t ok_ = (size_t)((w_ >> (b_ & 63)) & 1u);                               \
      if (ok_) PC_PREFETCH(pf + (size_t)((uint32_t)h_ & pmask) * pstride);               \
      k += ok_;                                                                          \
    } else {                                                                             \
      k++;                                                                               \
      if (pf) PC_PREFETCH(pf + (size_t)((uint32_t)h_ & pmask) * pstride);                \
    }                                                                                    \
  } while (0)
/* one, two or three values (the missing ones are the constants 0x51, 0x73) */
#define G1(t, a) PS_EMIT((t), (a), ps_lb(0x51), ps_lc(0x73))
#define G2(t, a, b) PS_EMIT((t), (a), (b), ps_lc(0x73))
#define G3(t, a, b, c) PS_EMIT((t), (a), (b), (c))
#define G2F(t, a, b) PS_EMITF((t), (a), (b), ps_lc(0x73))
#define G3F(t, a, b, c) PS_EMITF((t), (a), (b), (c))
/* a token's lanes: A(s0, W) = ps_la(T[s0].w), B(b0, P) = ps_lb(T[b0].p), C(b1, P) = ps_lc(T[b1].p) ... */
#define A(x, v) (T[x].la[PS_LN_##v])
#define B(x, v) (T[x].lb[PS_LN_##v])
#define C(x, v) (T[x].lc[PS_LC_##v])

/* The features of POS tags alone: with sp (the run time), the weights
 * found at load (parser.act1/act2, small_tables) are added to acc instead
 * of the features being written; the q-th single-tag and tag-pair feature. */
#define PS_SMALL1(q, t, x)                                                         \
  do {                                                                             \
    if (sp) {                                                                      \
      const int32_t *w_ = sp->act1[q][ps_pidx(T[x].p)];                            \
      acc[0] += w_[0], acc[1] += w_[1], acc[2] += w_[2];                           \
    } else {                                                                       \
      G1(t, A(x, P));                                                              \
    }                                                                              \
  } while (0)
#define PS_SMALL2(q, t, x, y)                                                      \
  do {                                                                             \
    if (sp) {                                                                      \
      const int32_t *w_ = sp->act2[q][ps_pidx(T[x].p)][ps_pidx(T[y].p)];           \
      acc[0] += w_[0], acc[1] += w_[1], acc[2] += w_[2];                           \
    } else {                                                                       \
      G2(t, A(x, P), B(y, P));                                                     \
    }                                                                              \
  } while (0)

/* The action features; pf != NULL: each feature's slot in the table at pf
 * (slots of pstride bytes, index mask pmask) is prefetched as soon as its
 * hash is known (the run time), so the first slots are on their way while
 * the later features are computed.  sp != NULL: the features of tags alone
 * are not written, their weights are added to acc (PS_SMALL1, the run time).
 * Always inlined: pf == NULL and sp == NULL (the exported function, the
 * trainer) compile without the prefetches and the tables. */
static PS_ALWAYS_INLINE size_t ps_action_feats(const ps_state *st, uint64_t *f, const unsigned char *pf,
                                                uint32_t pmask, size_t pstride, const parser *sp,
                                                int32_t *acc, const uint64_t *filt, uint32_t fshift) {
  const size_t n = st->n;
  const int32_t NUL = (int32_t)n + 1;
  const ps_tok *T = st->tok;
  const ps_node *N = st->node;
  int32_t s0 = st->sp >= 1 ? st->stack[st->sp - 1] : NUL;
  int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : NUL;
  int32_t s2 = st->sp >= 3 ? st->stack[st->sp - 3] : NUL;
  int32_t b0 = (int32_t)st->b;
  int32_t b1 = st->b + 1 <= n ? b0 + 1 : NUL, b2 = st->b + 2 <= n ? b0 + 2 : NUL;
  int32_t b3 = st->b + 3 <= n ? b0 + 3 : NUL;
#define CH(x, fld) ((x) < NUL && N[x].fld >= 0 ? N[x].fld : NUL)
#define LB(x) ((x) < NUL && (x) < (int32_t)n ? (uint64_t)(N[x].lab + 1) : 0u)
  int32_t s0l1 = CH(s0, l1), s0l2 = CH(s0, l2), s0r1 = CH(s0, r1), s0r2 = CH(s0, r2);
  int32_t b0l1 = CH(b0, l1), b0l2 = CH(b0, l2), s1r1 = CH(s1, r1), s1l1 = CH(s1, l1);
  size_t k = 0;
  /* single tokens */
  G1(1, A(s0, WP)); G1(2, A(s0, W)); PS_SMALL1(0, 3, s0);
  G1(4, A(b0, WP)); G1(5, A(b0, W)); PS_SMALL1(1, 6, b0);
  G1(7, A(b1, WP)); G1(8, A(b1, W)); PS_SMALL1(2, 9, b1);
  G1(10, A(b2, W)); PS_SMALL1(3, 11, b2);
  G1(12, A(s1, WP)); G1(13, A(s1, W)); PS_SMALL1(4, 14, s1);
  PS_SMALL1(5, 15, s2); G1(16, A(s2, W));
  /* pairs */
  G2F(20, A(s0, WP), B(b0, WP)); G2F(21, A(s0, WP), B(b0, W)); G2F(22, A(s0, W), B(b0, WP));
  G2F(23, A(s0, WP), B(b0, P)); G2F(24, A(s0, P), B(b0, WP)); G2F(25, A(s0, W), B(b0, W));
  PS_SMALL2(0, 26, s0, b0); PS_SMALL2(1, 27, b0, b1);
  PS_SMALL2(2, 28, s1, s0); G2F(29, A(s1, W), B(s0, W)); G2F(30, A(s1, WP), B(s0, P));
  G2F(31, A(s1, P), B(s0, WP)); PS_SMALL2(3, 32, s1, b0); G2F(33, A(s1, W), B(b0, W));
  /* triples */
  G3(40, A(b0, P), B(b1, P), C(b2, P));
  G3(41, A(s0, P), B(b0, P), C(b1, P));
  G3(42, A(s1, P), B(s0, P), C(b0, P));
  G3(43, A(s0, P), B(s0l1, P), C(b0, P));
  G3(44, A(s0, P), B(s0r1, P), C(b0, P));
  G3(45, A(s0, P), B(b0, P), C(b0l1, P));
  G3(46, A(s2, P), B(s1, P), C(s0, P));
  G3(47, A(s1, P), B(s1r1, P), C(s0, P));
  G3(48, A(s1, P), B(s0, P), C(s0r1, P));
  G3F(49, A(s0, W), B(b0, P), C(b1, P));
  G3F(50, A(s0, P), B(b0, W), C(b1, P));
  /* (distance 55-61 and valency 65-71 removed: ablation for speed) */
  /* children */
  G1(75, A(s0l1, W)); PS_SMALL1(6, 76, s0l1); G2(77, A(s0, P), ps_lb(LB(s0l1)));
  G1(78, A(s0r1, W)); PS_SMALL1(7, 79, s0r1); G2(80, A(s0, P), ps_lb(LB(s0r1)));
  G1(81, A(b0l1, W)); PS_SMALL1(8, 82, b0l1); G2(83, A(b0, P), ps_lb(LB(b0l1)));
  PS_SMALL1(9, 84, s1r1); G2(85, A(s1, P), ps_lb(LB(s1r1))); PS_SMALL1(10, 86, s1l1);
  G1(90, A(s0l2, W)); PS_SMALL1(11, 91, s0l2); G2(92, A(s0, P), ps_lb(LB(s0l2)));
  G1(93, A(s0r2, W)); PS_SMALL1(12, 94, s0r2); G2(95, A(s0, P), ps_lb(LB(s0r2)));
  G1(96, A(b0l2, W)); PS_SMALL1(13, 97, b0l2); G2(98, A(b0, P), ps_lb(LB(b0l2)));
  G3(99, A(s0, P), B(s0l1, P), C(s0l2, P));
  G3(100, A(s0, P), B(s0r1, P), C(s0r2, P));
  G3(101, A(b0, P), B(b0l1, P), C(b0l2, P));
  /* label sets */
  uint64_t s0ls = s0 < NUL ? N[s0].lset : 1, s0rs = s0 < NUL ? N[s0].rset : 1, b0ls = N[b0].lset;
  G2(105, A(s0, W), ps_lb(s0rs)); G2(106, A(s0, P), ps_lb(s0rs)); G2F(107, A(s0, W), ps_lb(s0ls)); G2(108, A(s0, P), ps_lb(s0ls));
  G2F(109, A(b0, W), ps_lb(b0ls)); G2(110, A(b0, P), ps_lb(b0ls));
  G2(111, A(s1, P), ps_lb(s1 < NUL ? N[s1].rset | (N[s1].lset << 1) : 1));
  /* (word clusters 115-124 removed: ablation for speed; 145-155 below stay) */
  /* capitalisation (proper-noun runs, sentence start) */
  G3(130, ps_la(T[s0].cap), ps_lb(T[b0].cap), ps_lc(T[s0].p * 64u + T[b0].p));
  /* (suffixes 131-135 removed: no accuracy loss, #7 and the ablation for speed) */
  PS_SMALL1(14, 136, b3); G3(137, A(s0, P), B(b0, P), C(b3, P));
  /* the tags a word can have (the POS model's dictionary): a hedge against tagging errors */
  G2(140, A(s0, AMB), B(s0, P)); G2(141, A(b0, AMB), B(b0, P)); G2(142, A(b1, AMB), B(b1, P));
  G2(143, A(s1, AMB), B(s1, P)); G3(144, A(s0, AMB), B(b0, AMB), ps_lc(T[s0].p * 64u + T[b0].p));
  /* more cluster conjunctions (Koo et al. 2008) */
  G3(145, A(s0, C6), B(b0, C6), C(b1, P)); G3(146, A(s1, C6), B(s0, C6), C(b0, P));
  G2(147, A(s0, CLUS), B(b0, CLUS)); G3(148, A(s0, C6), B(s0l1, P), C(b0, P));
  G3(149, A(s0, C6), B(s0r1, P), C(b0, C6)); G3(150, A(b0, C6), B(b0l1, P), C(s0, P));
  G2(151, A(s0l1, C6), B(s0, P)); G2(152, A(s0r1, C6), B(s0, P)); G2(153, A(b0l1, C6), B(b0, P));
  G3(154, A(s1, C6), B(s1r1, P), C(s0, C6)); G2(155, A(b1, C6), B(b2, P));
#undef CH
#undef LB
  return k;
}

size_t prc_ps_action_feats(const ps_state *st, uint64_t *f) { return ps_action_feats(st, f, NULL, 0, 0, NULL, NULL, NULL, 0); }

/* The single-tag (PS_SMALL1) and tag-pair (PS_SMALL2) action templates, in
 * the order of their table index q. */
static const uint32_t ps_small1_tmpl[15] = {3, 6, 9, 11, 14, 15, 76, 79, 82, 84, 86, 91, 94, 97, 136};
static const uint32_t ps_small2_tmpl[4] = {26, 27, 28, 32};

/* The dense rows of the label features of tags alone (struct parser: labt):
 * per direction k (0 LEFT, 1 RIGHT), dependent's and head's tag index; and
 * RIGHT's (b0, dependent) row. */
static inline const int32_t *lab_row1(const parser *p, int k, int pd, int ph) {
  return p->labt + ((size_t)(k * PS_NP + pd) * PS_NP + (size_t)ph) * p->lstride;
}
static inline const int32_t *lab_row2(const parser *p, int pb, int pd) {
  return p->labt + ((size_t)(2 * PS_NP + pb) * PS_NP + (size_t)pd) * p->lstride;
}

/* The label features (prefetching as ps_action_feats does); bias = 0 leaves out the bias feature (o + 27), whose
 * weights the run time adds from a vector made at load (lab_bias_init).  With sp, the features of tags alone
 * (and the bias) are not written: the dense rows that hold their weights go to rows (lab_row1, lab_row2). */
static PS_ALWAYS_INLINE size_t ps_label_feats(const ps_state *st, int action, uint64_t *f, int bias,
                                               const unsigned char *pf, uint32_t pmask, size_t pstride,
                                               const parser *sp, const int32_t **rows, int *nrows,
                                               const uint64_t *filt, uint32_t fshift) {
  const size_t n = st->n;
  const int32_t NUL = (int32_t)n + 1;
  const ps_tok *T = st->tok;
  const ps_node *N = st->node;
  int32_t h, dd;
  ps_arc(st, action, &h, &dd);
  const uint32_t o = action == PS_LEFT ? 1000u : 2000u; /* the direction is in every template */
#define CH(x, fld) (N[x].fld >= 0 ? N[x].fld : NUL)
#define LB(x) ((x) < (int32_t)n ? (uint64_t)(N[x].lab + 1) : 0u)
  int32_t dl1 = CH(dd, l1), dr1 = CH(dd, r1), hl1 = h < (int32_t)n ? CH(h, l1) : NUL;
  int32_t dprev = dd > 0 ? dd - 1 : NUL, dnext = dd + 1 < (int32_t)n ? dd + 1 : NUL;
  int32_t b0 = (int32_t)st->b;
  size_t k = 0;
  /* (with sp, the features of tags alone, o+1, o+4, o+7 and o+26, are not
   * written: their weights, summed at load, go to rows) */
  if (!sp) G1(o + 1, A(dd, P));
  G1(o + 2, A(dd, W)); G1(o + 3, A(dd, WP));
  if (!sp) G1(o + 4, A(h, P));
  G1(o + 5, A(h, W)); G1(o + 6, A(h, WP));
  if (!sp) G2(o + 7, A(dd, P), B(h, P));
  G2F(o + 8, A(dd, W), B(h, P)); G2F(o + 9, A(dd, P), B(h, W));
  G2F(o + 10, A(dd, W), B(h, W)); /* (o+11..o+14 clusters removed: ablation for speed) */
  G3(o + 15, A(dd, P), B(h, P), ps_lc(dist_bucket((int64_t)h - dd)));
  G2(o + 16, A(dd, P), ps_lb(N[dd].lset)); G2(o + 17, A(dd, P), ps_lb(N[dd].rset));
  G3(o + 18, A(h, P), ps_lb(N[h].lset), C(dd, P)); G3(o + 19, A(h, P), ps_lb(N[h].rset), C(dd, P));
  G3(o + 20, A(dl1, W), ps_lb(LB(dl1)), C(dd, P));
  G2F(o + 21, A(dd, W), B(dl1, W));
  G3(o + 22, ps_la(LB(dr1)), B(dr1, P), C(dd, P));
  G3(o + 23, A(dl1, P), B(dd, P), C(h, P));
  G3(o + 24, A(dprev, P), B(dd, P), C(dnext, P));
  G3(o + 25, A(dd, P), ps_lb(count_bucket(N[dd].nl)), ps_lc(count_bucket(N[dd].nr)));
  if (!sp) G2(o + 26, A(b0, P), B(dd, P));
  if (bias) G1(o + 27, ps_la(0));
  G3(o + 28, A(h, P), ps_lb(LB(hl1)), C(dd, P));
  G2(o + 29, ps_la(T[dd].cap), ps_lb(T[dd].p * 64u + T[h].p));
  G3(o + 30, A(dl1, W), B(dd, P), C(h, P));
  /* (o+31..o+33 suffixes, o+36..o+37 clusters removed: ablation for speed) */
  G2(o + 34, A(dd, AMB), B(dd, P)); G2(o + 35, A(h, AMB), B(h, P));
  if (sp) { /* (LEFT's b0 is its head: lab2[0][1] is in LEFT's row) */
    const int pd = ps_pidx(T[dd].p);
    rows[(*nrows)++] = lab_row1(sp, action == PS_LEFT ? 0 : 1, pd, ps_pidx(T[h].p));
    if (action == PS_RIGHT) rows[(*nrows)++] = lab_row2(sp, ps_pidx(T[b0].p), pd);
  }
#undef CH
#undef LB
  return k;
}
size_t prc_ps_label_feats(const ps_state *st, int action, uint64_t *f) {
  return ps_label_feats(st, action, f, 1, NULL, 0, 0, NULL, NULL, NULL, NULL, 0);
}

/* The hash of the bias label feature of an arc action's direction. */
static uint64_t lab_bias_feat(int action) {
  uint64_t f[1];
  size_t k = 0;
  const unsigned char *pf = NULL;
  uint32_t pmask = 0;
  size_t pstride = 0;
  G1(action == PS_LEFT ? 1027u : 2027u, ps_la(0));
  return f[0];
}

#undef PS_EMIT
#undef PS_EMITF
#undef G2F
#undef G3F
#undef G1
#undef G2
#undef G3
#undef A
#undef B
#undef C

/* ---- decoding -------------------------------------------------------------------------------- */

/* The action and label tables keep the file's capacities (a load of about
 * 1/3): folded to 3/4 (prc_pc_fold) they take half the memory but the
 * engine ran 25% slower (the longer probes of the absent features;
 * docs/models.md "Capacities"). */
/* int8 codes with a power-of-two step (parser_features.h, ps_aslot): the
 * smallest shift at which every weight of w[0..n) rounds into [-127, 127],
 * and a weight's code at shift sh (rounded half away from zero). */
static int q8_shift(const int32_t *w, int n) {
  int32_t m = 0;
  for (int k = 0; k < n; k++) m = w[k] < 0 ? (-w[k] > m ? -w[k] : m) : (w[k] > m ? w[k] : m);
  int sh = 0;
  while (((m + ((1 << sh) >> 1)) >> sh) > 127) sh++;
  return sh;
}
static int8_t q8(int32_t w, int sh) {
  int32_t a = w < 0 ? -w : w;
  a = (a + ((1 << sh) >> 1)) >> sh;
  return (int8_t)(w < 0 ? -a : a);
}
static inline int32_t q8w(int8_t c, unsigned sh) { return (int32_t)c * (int32_t)(1u << sh); }

/* The action table, fused: each slot holds its feature's key and the three
 * action weights (the file fixes the slot positions), so a feature costs one
 * cache miss instead of two (the generic pc_model keeps slots and weight
 * rows apart).  Built straight from the file's sparse form: no dense rows
 * at any time (they would double the memory a load takes). */
static int act_read(parser *p, const model_section *s, precis_error *err) {
  pc_view v;
  if (prc_pc_view(s->p, s->n, s->off, PS_NACTIONS, &v, err) < 0) return -1;
  p->afs = prc_pc_table_alloc((size_t)v.cap * sizeof *p->afs);
  if (!p->afs) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  p->afs_mask = v.cap - 1;
  p->act_scale = v.scale;
  const unsigned char *q = v.feats, *e = v.entries;
  for (uint32_t f = 0; f < v.nfeat; f++, q += 10) {
    uint32_t pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
    ps_aslot *d = &p->afs[pos];
    if (d->key) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model corrupt: weight section (bad feature entry)");
      return -1;
    }
    d->key = pc_rd32(q);
    int32_t w[PS_NACTIONS] = {0};
    for (uint32_t k = 0; k < cnt; k++, e += 4) w[pc_rd16(e)] = (int16_t)pc_rd16(e + 2);
    d->sh = (uint8_t)q8_shift(w, PS_NACTIONS);
    for (int k = 0; k < PS_NACTIONS; k++) d->w[k] = q8(w[k], d->sh);
  }
  return 0;
}

/* The summed action weights of features f (int32 units), from a (their
 * slots prefetched before). */
static inline void act_weights(const parser *p, const uint64_t *f, size_t nf, int32_t *a) {
#if defined(__SSE2__)
  /* the three codes and the shift of a slot in one load, widened to four
   * lanes (the fourth, the shift's, is not used) and shifted at once */
  _Static_assert(offsetof(ps_aslot, w) == 4 && offsetof(ps_aslot, sh) == 7, "ps_aslot layout");
  __m128i acc = _mm_setzero_si128();
  for (size_t k = 0; k < nf; k++) {
    uint32_t key = pc_key32(f[k]), i = (uint32_t)f[k] & p->afs_mask;
    for (;;) {
      const ps_aslot *sl = &p->afs[i];
      if (sl->key == key) {
        int32_t u;
        memcpy(&u, sl->w, 4);
        __m128i v = _mm_cvtsi32_si128(u);
        v = _mm_unpacklo_epi8(v, v);
        v = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 24);
        acc = _mm_add_epi32(acc, _mm_sll_epi32(v, _mm_cvtsi32_si128(sl->sh)));
        break;
      }
      if (!sl->key) break;
      i = (i + 1) & p->afs_mask;
    }
  }
  int32_t s[4];
  _mm_storeu_si128((__m128i *)(void *)s, acc);
  a[0] += s[0];
  a[1] += s[1];
  a[2] += s[2];
#else
  int32_t a0 = a[0], a1 = a[1], a2 = a[2];
  for (size_t k = 0; k < nf; k++) {
    uint32_t key = pc_key32(f[k]), i = (uint32_t)f[k] & p->afs_mask;
    for (;;) {
      const ps_aslot *sl = &p->afs[i];
      if (sl->key == key) {
        a0 += q8w(sl->w[0], sl->sh);
        a1 += q8w(sl->w[1], sl->sh);
        a2 += q8w(sl->w[2], sl->sh);
        break;
      }
      if (!sl->key) break;
      i = (i + 1) & p->afs_mask;
    }
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
#endif
}

/* The same from zero, into out (for the tables). */
static void act_sum(const parser *p, const uint64_t *f, size_t nf, int32_t *out) {
  out[0] = out[1] = out[2] = 0;
  act_weights(p, f, nf, out);
}

/* The action scores of features f (their slots prefetched before), the
 * sums acc of the table features (ps_action_feats) added. */
static void act_score(const parser *p, const uint64_t *f, size_t nf, const int32_t *acc, float *as) {
  int32_t a[PS_NACTIONS] = {acc[0], acc[1], acc[2]};
  act_weights(p, f, nf, a);
  as[0] = (float)a[0] * p->act_scale;
  as[1] = (float)a[1] * p->act_scale;
  as[2] = (float)a[2] * p->act_scale;
}

/* The label table, fused and sparse: a label feature has non-zero weights
 * for two labels on average (of ~55), so a slot keeps its key and its first
 * two (label, weight) pairs; the rare longer lists continue in lbx.  One
 * cache miss per feature, a few additions instead of a dense row. */
static int lab_read(parser *p, const model_section *s, precis_error *err) {
  pc_view v;
  if (prc_pc_view(s->p, s->n, s->off, p->nlabels, &v, err) < 0) return -1;
  size_t extra = 0;
  const unsigned char *q = v.feats;
  for (uint32_t f = 0; f < v.nfeat; f++, q += 10) {
    uint32_t cnt = pc_rd16(q + 8);
    if (cnt > 2) extra += cnt - 2;
  }
  p->lfs = prc_pc_table_alloc((size_t)v.cap * sizeof *p->lfs);
  p->lbx = calloc(extra ? extra : 1, sizeof *p->lbx); /* zeroed: its padding goes into images */
  if (!p->lfs || !p->lbx) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  if (extra > PS_LS_MAXOFF) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model too large: more than %u label weights past the second of their feature",
                  (unsigned)PS_LS_MAXOFF);
    return -1;
  }
  p->lfs_mask = v.cap - 1;
  p->lab_scale = v.scale;
  p->nlbx = (uint32_t)extra;
  uint32_t x = 0;
  const unsigned char *e = v.entries;
  q = v.feats;
  for (uint32_t f = 0; f < v.nfeat; f++, q += 10) {
    uint32_t pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
    ps_lslot *d = &p->lfs[pos];
    if (d->key) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model corrupt: weight section (bad feature entry)");
      return -1;
    }
    d->key = pc_rd32(q);
    int32_t w2[2] = {0, 0};
    for (uint32_t k = 0; k < cnt && k < 2; k++) w2[k] = (int16_t)pc_rd16(e + 4 * k + 2);
    const int sh = q8_shift(w2, 2);
    d->x = (cnt < 255 ? cnt : 255) | (uint32_t)sh << 8 | x << 12;
    for (uint32_t k = 0; k < cnt; k++, e += 4) {
      uint8_t c = (uint8_t)pc_rd16(e);
      int16_t w = (int16_t)pc_rd16(e + 2);
      if (k < 2) {
        d->c[k] = c;
        d->w[k] = q8(w, sh);
      } else {
        p->lbx[x].c = c;
        p->lbx[x++].w = w;
      }
    }
  }
  return 0;
}

/* Finds feature h in the label table: its slot, or NULL. */
static const ps_lslot *lab_find(const parser *p, uint64_t h) {
  uint32_t key = pc_key32(h), i = (uint32_t)h & p->lfs_mask;
  for (;;) {
    const ps_lslot *sl = &p->lfs[i];
    if (sl->key == key) return sl;
    if (!sl->key) return NULL;
    i = (i + 1) & p->lfs_mask;
  }
}

/* Adds a label slot's (label, weight) pairs to sc. */
static inline void lab_add(const parser *p, const ps_lslot *sl, int32_t *sc) {
  const uint32_t cnt = PS_LS_N(sl->x), sh = PS_LS_SH(sl->x);
  sc[sl->c[0]] += q8w(sl->w[0], sh);
  sc[sl->c[1]] += q8w(sl->w[1], sh); /* (0 when there is no second pair) */
  if (cnt > 2) {
    const ps_lx *x = p->lbx + PS_LS_OFF(sl->x), *e = x + (cnt - 2);
    do sc[x->c] += x->w;
    while (++x < e);
  }
}

/* The bias label feature (template o + 27, its value always 0) is the same
 * in every decision: its weights are added once, at load, into the vector
 * each label scoring starts from (lab_base), instead of one probe and its
 * long (label, weight) list (it has a weight for most labels) per arc. */
/* The hash of feature (t, a, b, c) as PS_EMIT makes it. */
static uint64_t ps_hash(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  return pc_mix64(((uint64_t)t * PS_K0) ^ a ^ b ^ c);
}

/* The tag value of table index x (ps_pidx's inverse). */
static uint64_t ps_pval(int x) { return x < TAG_UPOS_COUNT ? (uint64_t)x : x == TAG_UPOS_COUNT ? PS_P_ROOT : PS_P_NULL; }

/* Fills the tables of the features of tags alone (struct parser: act1,
 * act2, lab1, lab2). */
static void small_tables(parser *p) {
  const uint64_t lb0 = ps_lb(0x51), lc0 = ps_lc(0x73);
  for (int x = 0; x < PS_NP; x++) {
    const uint64_t px = ps_pval(x);
    for (int q = 0; q < 15; q++) {
      uint64_t f = ps_hash(ps_small1_tmpl[q], ps_la(px), lb0, lc0);
      act_sum(p, &f, 1, p->act1[q][x]);
    }
    for (int y = 0; y < PS_NP; y++) {
      const uint64_t py = ps_pval(y);
      for (int q = 0; q < 4; q++) {
        uint64_t f = ps_hash(ps_small2_tmpl[q], ps_la(px), ps_lb(py), lc0);
        act_sum(p, &f, 1, p->act2[q][x][y]);
      }
    }
    for (int k = 0; k < 2; k++) {
      const uint32_t o = k ? 2000u : 1000u;
      p->lab1[k][0][x] = lab_find(p, ps_hash(o + 1, ps_la(px), lb0, lc0));
      p->lab1[k][1][x] = lab_find(p, ps_hash(o + 4, ps_la(px), lb0, lc0));
      for (int y = 0; y < PS_NP; y++) {
        const uint64_t py = ps_pval(y);
        p->lab2[k][0][x][y] = lab_find(p, ps_hash(o + 7, ps_la(px), ps_lb(py), lc0));
        p->lab2[k][1][x][y] = lab_find(p, ps_hash(o + 26, ps_la(px), ps_lb(py), lc0));
      }
    }
  }
}

/* Sums the label weights of the bias and the features of tags alone into
 * the dense rows of labt (struct parser); -1: out of memory. */
static int lab_tables(parser *p) {
  p->lstride = ((size_t)p->nlabels + 7) & ~(size_t)7;
  p->labt = calloc((size_t)3 * PS_NP * PS_NP * p->lstride, sizeof *p->labt);
  if (!p->labt) return -1;
  for (int k = 0; k < 2; k++)
    for (int pd = 0; pd < PS_NP; pd++)
      for (int ph = 0; ph < PS_NP; ph++) {
        int32_t *r = (int32_t *)lab_row1(p, k, pd, ph);
        memcpy(r, p->lab_base[k], sizeof(int32_t) * (size_t)p->nlabels);
        const ps_lslot *v[4] = {p->lab1[k][0][pd], p->lab1[k][1][ph], p->lab2[k][0][pd][ph],
                                k == 0 ? p->lab2[0][1][ph][pd] : NULL};
        for (int q = 0; q < 4; q++)
          if (v[q]) lab_add(p, v[q], r);
      }
  for (int pb = 0; pb < PS_NP; pb++)
    for (int pd = 0; pd < PS_NP; pd++) {
      const ps_lslot *sl = p->lab2[1][1][pb][pd];
      if (sl) lab_add(p, sl, (int32_t *)lab_row2(p, pb, pd));
    }
  return 0;
}

/* Presence filters (struct parser: afilt, lfilt).  A filter has 2^bits
 * bits, at least 4 a key (about 1 in 7 absent features passes), bits in
 * [PS_FILT_MIN, PS_FILT_MAX]; a feature's bit is the top bits of its 32-bit
 * key (pc_key32 maps a key of 0 to 1: the same bit).  The table's keys are
 * the first 4 bytes of each of its cap slots of stride bytes. */
#define PS_FILT_MIN 10
#define PS_FILT_MAX 28
static inline uint32_t filt_bit(uint32_t key, uint32_t bits) { return key >> (32u - bits); }
static int filt_has(const uint64_t *b, uint32_t bits, uint32_t key) {
  const uint32_t i = filt_bit(key, bits);
  return (int)((b[i >> 6] >> (i & 63)) & 1u);
}
static uint64_t *filt_build(const void *tab, uint32_t cap, size_t stride, uint32_t *bits) {
  uint32_t nkeys = 0, key;
  for (uint32_t i = 0; i < cap; i++) {
    memcpy(&key, (const unsigned char *)tab + (size_t)i * stride, 4);
    nkeys += key != 0;
  }
  *bits = PS_FILT_MIN;
  while (*bits < PS_FILT_MAX && ((uint64_t)1 << *bits) < 4 * (uint64_t)nkeys) ++*bits;
  uint64_t *b = calloc((size_t)1 << (*bits - 6), sizeof *b);
  if (!b) return NULL;
  for (uint32_t i = 0; i < cap; i++) {
    memcpy(&key, (const unsigned char *)tab + (size_t)i * stride, 4);
    if (key) b[filt_bit(key, *bits) >> 6] |= 1ull << (filt_bit(key, *bits) & 63);
  }
  return b;
}

static int lab_bias_init(parser *p) {
  small_tables(p);
  for (int k = 0; k < 2; k++) {
    memset(p->lab_base[k], 0, sizeof p->lab_base[k]);
    const ps_lslot *sl = lab_find(p, lab_bias_feat(PS_LEFT + k));
    if (sl) lab_add(p, sl, p->lab_base[k]);
  }
  if (lab_tables(p) < 0) return -1;
  if (!p->inplace && (!(p->afilt = filt_build(p->afs, p->afs_mask + 1, sizeof *p->afs, &p->afilt_bits)) ||
                      !(p->lfilt = filt_build(p->lfs, p->lfs_mask + 1, sizeof *p->lfs, &p->lfilt_bits))))
    return -1;
  p->afshift = 64u - p->afilt_bits;
  p->lfshift = 64u - p->lfilt_bits;
  p->has_small = 1;
  return 0;
}

/* sc[0..np) = the sum of the dense rows r[0..nr) (np a multiple of 8). */
static inline void lab_rows_sum(int32_t *sc, const int32_t *const *r, int nr, size_t np) {
#if defined(__SSE2__)
  for (size_t l = 0; l < np; l += 4) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(r[0] + l));
    for (int q = 1; q < nr; q++) a = _mm_add_epi32(a, _mm_loadu_si128((const __m128i *)(const void *)(r[q] + l)));
    _mm_storeu_si128((__m128i *)(void *)(sc + l), a);
  }
#else
  for (size_t l = 0; l < np; l++) {
    int32_t a = r[0][l];
    for (int q = 1; q < nr; q++) a += r[q][l];
    sc[l] = a;
  }
#endif
}

/* The first label of the highest score in sc[0..nl) (the lanes up to the
 * next multiple of 8 are overwritten with INT32_MIN), its score in *bv. */
static inline int lab_argmax(int32_t *sc, int nl, int32_t *bv) {
  const int np = (nl + 7) & ~7;
  for (int l = nl; l < np; l++) sc[l] = INT32_MIN;
#if defined(__SSE2__)
#define PS_MAX4(a, b) (gt_ = _mm_cmpgt_epi32((b), (a)), _mm_or_si128(_mm_and_si128(gt_, (b)), _mm_andnot_si128(gt_, (a))))
  __m128i gt_, m = _mm_loadu_si128((const __m128i *)(const void *)sc);
  for (int l = 4; l < np; l += 4) m = PS_MAX4(m, _mm_loadu_si128((const __m128i *)(const void *)(sc + l)));
  m = PS_MAX4(m, _mm_shuffle_epi32(m, 0x4e));
  m = PS_MAX4(m, _mm_shuffle_epi32(m, 0xb1)); /* the maximum in every lane */
#undef PS_MAX4
  for (int l = 0;; l += 4) {
    const int e = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(sc + l)), m)));
    if (e) {
      const int best = l + __builtin_ctz((unsigned)e);
      *bv = sc[best];
      return best;
    }
  }
#else
  int best = 0;
  int32_t v = sc[0];
  for (int l = 1; l < nl; l++)
    if (sc[l] > v) {
      v = sc[l];
      best = l;
    }
  *bv = v;
  return best;
#endif
}

/* The best label for the arc of action (PS_LEFT or PS_RIGHT), from its label
 * features f (without the bias: see lab_bias_init; their slots prefetched
 * before) and the dense rows r[0..nr) (ps_label_feats; none: the plain
 * features, the bias from lab_base); its score (real units) in *score. */
static int best_label(const parser *p, int action, const uint64_t *f, size_t nf, const int32_t *const *r,
                      int nr, float *score) {
  int32_t sc[PS_MAX_LABELS + 1];
  const int nl = p->nlabels;
  if (nr) lab_rows_sum(sc, r, nr, p->lstride);
  else memcpy(sc, p->lab_base[action - PS_LEFT], sizeof(int32_t) * (size_t)nl);
  for (size_t k = 0; k < nf; k++) {
    const ps_lslot *sl = lab_find(p, f[k]);
    if (sl) lab_add(p, sl, sc);
  }
  /* the first best label but root: root's score made the lowest possible
   * (no sum of at most PS_MAXF 16-bit weights comes near INT32_MIN) */
  sc[p->root_label] = INT32_MIN;
  int32_t bv;
  const int best = lab_argmax(sc, nl, &bv);
  *score = (float)bv * p->lab_scale;
  return best;
}

/* Lowers lifted arcs: a token whose label says "rel||hrel" goes to the
 * first token, breadth first below its present head (left to right, its own
 * subtree excluded), whose relation is hrel; when there is none it stays.
 * Each search looks at most at LOWER_MAX tokens and at most LOWER_ARCS
 * arcs of a sentence are lowered, so the pass stays linear in n. */
#define LOWER_MAX 256
#define LOWER_ARCS 64
void prc_ps_lower(size_t n, int32_t *head, const uint8_t *dep, const uint8_t *lift, int32_t *work) {
  int32_t *first = work, *next = work + n + 1;
  int32_t queue[LOWER_MAX];
  int stale = 1, done = 0;
  for (size_t i = 0; i < n && done < LOWER_ARCS; i++) {
    if (!lift[i]) continue;
    done++;
    if (stale) { /* child lists, in order (rebuilt after a head moves) */
      for (size_t j = 0; j <= n; j++) first[j] = -1;
      for (size_t j = n; j-- > 0;) {
        int32_t hj = head[j] < 0 ? (int32_t)n : head[j];
        next[j] = first[hj];
        first[hj] = (int32_t)j;
      }
      stale = 0;
    }
    int32_t h0 = head[i] < 0 ? (int32_t)n : head[i];
    size_t qh = 0, qt = 0;
    for (int32_t c = first[h0]; c >= 0 && qt < LOWER_MAX; c = next[c])
      if (c != (int32_t)i) queue[qt++] = c;
    while (qh < qt) {
      int32_t x = queue[qh++];
      if (dep[x] == lift[i]) {
        head[i] = x;
        stale = 1;
        break;
      }
      for (int32_t c = first[x]; c >= 0 && qt < LOWER_MAX; c = next[c])
        if (c != (int32_t)i) queue[qt++] = c;
    }
  }
}

void prc_parser_parse(const parser *p, const tag_token *toks, const uint8_t *upos, size_t n,
                      void *scratch, int32_t *head, uint8_t *rel) {
  if (!n) return;
  if (!p) {
    for (size_t i = 0; i < n; i++) {
      head[i] = i ? 0 : -1;
      rel[i] = i ? PRC_DEP_DEP : PRC_DEP_ROOT;
    }
    return;
  }
  ps_state st;
  prc_ps_state_init(&st, scratch, toks, upos, n, &p->clus, &p->dict);
  uint64_t f[PS_MAXF], g[2][PS_MAXF];
  while (!ps_terminal(&st)) {
    unsigned valid = ps_valid(&st);
    int action, label = -1;
    if (valid == (1u << PS_SHIFT)) {
      action = PS_SHIFT;
    } else if (valid == (1u << PS_LEFT) && st.b >= n) {
      action = PS_LEFT;
      label = p->root_label;
    } else {
      /* All the features of the decision first (the action's, and the
       * label features of each arc action that needs a label), each set's
       * slots prefetched as soon as it is known: the label features are
       * computed while the action slots are on their way, and the scoring
       * below finds most slots in the cache. */
      int32_t acc[PS_NACTIONS] = {0, 0, 0};
      /* (each call in two forms, with the tables and without, so that
       * neither tests for them feature by feature) */
      const unsigned char *apf = (const unsigned char *)p->afs, *lpf = (const unsigned char *)p->lfs;
      size_t nf = p->has_small ? ps_action_feats(&st, f, apf, p->afs_mask, sizeof *p->afs, p, acc, p->afilt, p->afshift)
                               : ps_action_feats(&st, f, apf, p->afs_mask, sizeof *p->afs, NULL, acc, NULL, 0);
      size_t ng[2] = {0, 0};
      const int32_t *rows[2][2];
      int nrows[2] = {0, 0};
      for (int a = PS_LEFT; a <= PS_RIGHT; a++) {
        if (!(valid & (1u << a)) || (a == PS_LEFT && st.b >= n)) continue;
        const int k = a - PS_LEFT;
        ng[k] = p->has_small
                    ? ps_label_feats(&st, a, g[k], 0, lpf, p->lfs_mask, sizeof *p->lfs, p, rows[k], &nrows[k], p->lfilt, p->lfshift)
                    : ps_label_feats(&st, a, g[k], 0, lpf, p->lfs_mask, sizeof *p->lfs, NULL, rows[k], &nrows[k], NULL, 0);
      }
      float as[PS_NACTIONS];
      act_score(p, f, nf, acc, as);
      float best = 0;
      action = -1;
      for (int a = 0; a < PS_NACTIONS; a++) {
        if (!(valid & (1u << a))) continue;
        float s = as[a];
        int l = -1;
        if (a == PS_LEFT && st.b >= n) {
          l = p->root_label;
        } else if (a != PS_SHIFT) {
          float ls_score;
          l = best_label(p, a, g[a - PS_LEFT], ng[a - PS_LEFT], rows[a - PS_LEFT], nrows[a - PS_LEFT], &ls_score);
          s += ls_score;
        }
        if (action < 0 || s > best) {
          best = s;
          action = a;
          label = l;
        }
      }
    }
    prc_ps_apply(&st, action, label, label >= 0 ? p->dep_of[label] : 0);
  }
  int32_t *lab = (int32_t *)st.stack; /* the stack is empty now: reuse it */
  for (size_t i = 0; i < n; i++) {
    head[i] = st.node[i].head >= (int32_t)n ? -1 : st.node[i].head;
    lab[i] = st.node[i].lab;
  }
  uint8_t *lift = (uint8_t *)(st.stack + 3 * (align16((n + 1) * sizeof(int32_t)) / sizeof(int32_t)));
  for (size_t i = 0; i < n; i++) {
    rel[i] = lab[i] >= 0 ? p->dep_of[lab[i]] : PRC_DEP_DEP;
    lift[i] = lab[i] >= 0 ? p->lift_of[lab[i]] : 0;
  }
  prc_ps_lower(n, head, rel, lift, st.stack + align16((n + 1) * sizeof(int32_t)) / sizeof(int32_t));
  for (size_t i = 0; i < n; i++) {
    if (head[i] < 0) rel[i] = PRC_DEP_ROOT;
    else if (rel[i] == PRC_DEP_ROOT) rel[i] = PRC_DEP_DEP;
  }
}

/* ---- loading --------------------------------------------------------------------------------- */

static void parser_destroy(parser *p) {
  if (!p) return;
  for (int i = 0; i < p->nlabels; i++) free(p->labels[i]);
  if (p->inplace) {
    memset(&p->clus, 0, sizeof p->clus);
    memset(&p->dict, 0, sizeof p->dict);
    p->afs = NULL;
    p->lfs = NULL;
    p->lbx = NULL;
    p->afilt = NULL;
    p->lfilt = NULL;
  }
  if (p->own_mapped) prc_model_unmap(p->own, p->own_len);
  else free(p->own);
  free(p->afs);
  free(p->lfs);
  free(p->lbx);
  free(p->labt);
  free(p->afilt);
  free(p->lfilt);
  prc_model_lex_free(&p->clus);
  prc_model_lex_free(&p->dict);
  for (int i = 0; i < p->nnotes; i++) {
    free(p->note_key[i]);
    free(p->note_val[i]);
  }
  free(p);
}

/* Sets dep_of / lift_of from the label names; -1 if "root" is missing. */
static int map_labels(parser *p) {
  p->root_label = -1;
  for (int i = 0; i < p->nlabels; i++) {
    const char *s = p->labels[i], *sep = strstr(s, PS_LIFT_SEP);
    size_t m = sep ? (size_t)(sep - s) : strlen(s);
    p->dep_of[i] = (uint8_t)prc_dep_id(s, m);
    p->lift_of[i] = sep ? (uint8_t)prc_dep_id(sep + 2, strlen(sep + 2)) : 0;
    if (!strcmp(s, "root")) p->root_label = i;
  }
  return p->root_label >= 0 && p->nlabels >= 2 ? 0 : -1;
}

/* ---- in-place images ----------------------------------------------------------------------- */

int prc_parser_image(const parser *p, ps_img_head *h, model_img_sec *s) {
  memset(h, 0, sizeof *h);
  int k = 0;
#define SEC(tg, ptr, len) (memcpy(s[k].tag, tg, 5), s[k].p = (ptr), s[k].n = (len), k++)
  h->mark = MODEL_IMAGE_MARK;
  h->nlabels = (uint32_t)p->nlabels;
  h->afs_cap = p->afs_mask + 1;
  h->lfs_cap = p->lfs_mask + 1;
  h->nlbx = p->nlbx;
  h->act_scale = p->act_scale;
  h->lab_scale = p->lab_scale;
  SEC("PSHD", h, sizeof *h);
  SEC("AFS ", p->afs, (size_t)h->afs_cap * sizeof *p->afs);
  SEC("LFS ", p->lfs, (size_t)h->lfs_cap * sizeof *p->lfs);
  SEC("LBX ", p->lbx, (size_t)h->nlbx * sizeof *p->lbx);
  h->afilt_bits = p->afilt_bits;
  h->lfilt_bits = p->lfilt_bits;
  SEC("PSFA", p->afilt, ((size_t)1 << (p->afilt_bits - 6)) * sizeof *p->afilt);
  SEC("PSFL", p->lfilt, ((size_t)1 << (p->lfilt_bits - 6)) * sizeof *p->lfilt);
  if (p->clus.e) {
    h->clus_cap = p->clus.mask + 1;
    h->clus_n = p->clus.n;
    SEC("LXCL", p->clus.e, (size_t)h->clus_cap * sizeof *p->clus.e);
  }
  if (p->dict.e) {
    h->dict_cap = p->dict.mask + 1;
    h->dict_n = p->dict.n;
    SEC("LXDI", p->dict.e, (size_t)h->dict_cap * sizeof *p->dict.e);
  }
#undef SEC
  return k;
}

static int pow2_cap(uint32_t cap) { return cap >= 16 && !(cap & (cap - 1)); }

/* What the scoring code relies on in an image from outside: labels and
 * extra pairs in range, an empty slot in every table. */
static int ps_check_contents(const parser *p, precis_error *err) {
  const char *why = NULL;
  uint32_t empty = 0;
  for (uint32_t i = 0; i <= p->afs_mask && !why; i++) {
    empty += !p->afs[i].key;
    if (p->afs[i].sh > PS_MAX_SHIFT) why = "action slot out of range";
    else if (p->afs[i].key && !filt_has(p->afilt, p->afilt_bits, p->afs[i].key)) why = "action filter incomplete";
  }
  if (!why && !empty) why = "action table full";
  empty = 0;
  for (uint32_t i = 0; i <= p->lfs_mask && !why; i++) {
    const ps_lslot *sl = &p->lfs[i];
    if (!sl->key) {
      empty++;
      continue;
    }
    const uint32_t n = PS_LS_N(sl->x);
    if (!filt_has(p->lfilt, p->lfilt_bits, sl->key)) why = "label filter incomplete";
    else if (n < 1 || sl->c[0] >= p->nlabels || sl->c[1] >= p->nlabels || (n < 2 && sl->w[1]) ||
             (n > 2 && ((uint64_t)PS_LS_OFF(sl->x) + n - 2 > p->nlbx)))
      why = "label slot out of range";
  }
  if (!why && !empty) why = "label table full";
  for (uint32_t i = 0; i < p->nlbx && !why; i++)
    if (p->lbx[i].c >= p->nlabels) why = "label out of range";
  const model_lex *lx[2] = {&p->clus, &p->dict};
  for (int j = 0; j < 2 && !why; j++) {
    if (!lx[j]->e) continue;
    uint32_t used = 0;
    for (uint32_t i = 0; i <= lx[j]->mask; i++) used += lx[j]->e[i].key != 0;
    if (used > lx[j]->mask) why = "lexicon full";
  }
  if (why) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: %s", why);
    return -1;
  }
  return 0;
}

static int ps_load_inplace(parser *p, const model_view *v, int check, precis_error *err) {
  const ps_img_head *h = prc_model_table(v, "PSHD", sizeof *h, 1, 8, 1, err);
  if (!h) return -1;
  size_t hoff = prc_model_find(v, "PSHD")->off;
  if (h->mark != MODEL_IMAGE_MARK) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, hoff, "model image made for another byte order or layout (rebuild it)");
    return -1;
  }
  if (h->nlabels != (uint32_t)p->nlabels || !pow2_cap(h->afs_cap) || !pow2_cap(h->lfs_cap) ||
      !(h->act_scale > 0) || !(h->lab_scale > 0) || (h->clus_cap && (!pow2_cap(h->clus_cap) || h->clus_n >= h->clus_cap)) ||
      (h->dict_cap && (!pow2_cap(h->dict_cap) || h->dict_n >= h->dict_cap)) || h->afilt_bits < PS_FILT_MIN ||
      h->afilt_bits > PS_FILT_MAX || h->lfilt_bits < PS_FILT_MIN || h->lfilt_bits > PS_FILT_MAX) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, hoff, "model corrupt: bad parser image header");
    return -1;
  }
  p->inplace = 1;
  p->afs_mask = h->afs_cap - 1;
  p->lfs_mask = h->lfs_cap - 1;
  p->nlbx = h->nlbx;
  p->act_scale = h->act_scale;
  p->lab_scale = h->lab_scale;
  if (!(p->afs = (ps_aslot *)prc_model_table(v, "AFS ", sizeof *p->afs, h->afs_cap, 64, 1, err)) ||
      !(p->lfs = (ps_lslot *)prc_model_table(v, "LFS ", sizeof *p->lfs, h->lfs_cap, 64, 1, err)) ||
      !(p->lbx = (ps_lx *)prc_model_table(v, "LBX ", sizeof *p->lbx, h->nlbx, 2, 1, err)) ||
      !(p->afilt = (uint64_t *)prc_model_table(v, "PSFA", sizeof *p->afilt, (uint64_t)1 << (h->afilt_bits - 6), 64, 1, err)) ||
      !(p->lfilt = (uint64_t *)prc_model_table(v, "PSFL", sizeof *p->lfilt, (uint64_t)1 << (h->lfilt_bits - 6), 64, 1, err)))
    return -1;
  p->afilt_bits = h->afilt_bits;
  p->lfilt_bits = h->lfilt_bits;
  if (h->clus_cap) {
    p->clus.mask = h->clus_cap - 1;
    p->clus.n = h->clus_n;
    if (!(p->clus.e = (model_lex_entry *)prc_model_table(v, "LXCL", sizeof *p->clus.e, h->clus_cap, 64, 1, err))) return -1;
  }
  if (h->dict_cap) {
    p->dict.mask = h->dict_cap - 1;
    p->dict.n = h->dict_n;
    if (!(p->dict.e = (model_lex_entry *)prc_model_table(v, "LXDI", sizeof *p->dict.e, h->dict_cap, 64, 1, err))) return -1;
  }
  return check ? ps_check_contents(p, err) : 0;
}

static parser *load(const void *buf, size_t n, int embedded, precis_error *err) {
  model_view v;
  void *own;
  int mapped;
  if (prc_model_open(buf, n, embedded, &v, &own, &mapped, err) < 0) return NULL;
  if (v.featset != PRC_PARSER_FEATSET) {
    if (!mapped) free(own);
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12,
                  "model has feature set 0x%08x; a parser model of this build has 0x%08x (%s)",
                  (unsigned)v.featset, PRC_PARSER_FEATSET,
                  v.featset == TG_FEATSET_POS || v.featset == TG_FEATSET_NER ? "this is a tagger model"
                                                                             : "retrain it");
    return NULL;
  }
  parser *p = calloc(1, sizeof *p);
  if (!p) {
    if (!mapped) free(own);
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  p->own = own;
  p->own_len = n;
  p->own_mapped = mapped;
  const model_section *labl = prc_model_find(&v, "LABL");
  int nl = prc_model_read_labels(labl, p->labels, PS_MAX_LABELS);
  if (nl < 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl ? labl->off : PRECIS_NO_OFFSET,
                  "model corrupt: missing or bad label set");
    goto fail;
  }
  p->nlabels = nl;
  if (map_labels(p) < 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl->off, "model corrupt: the label set has no \"root\"");
    goto fail;
  }
  if (v.version == MODEL_FORMAT_INPLACE) {
    if (ps_load_inplace(p, &v, embedded != MODEL_EMBEDDED, err) < 0) goto fail;
    if (lab_bias_init(p) < 0) goto oom;
    if (prc_model_read_notes(prc_model_find(&v, "NOTE"), p->note_key, p->note_val, PS_MAX_NOTES, &p->nnotes, err) < 0)
      goto fail;
    return p;
  }
  const model_section *w = prc_model_find(&v, "WGHT"), *wl = prc_model_find(&v, "WLAB");
  if (!w || !wl) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no weight section");
    goto fail;
  }
  if (act_read(p, w, err) < 0 || lab_read(p, wl, err) < 0) goto fail;
  if (lab_bias_init(p) < 0) goto oom;
  const model_section *s;
  if ((s = prc_model_find(&v, "CLUS")) && prc_model_lex_read(s, &p->clus, err) < 0) goto fail;
  if ((s = prc_model_find(&v, "DICT")) && prc_model_lex_read(s, &p->dict, err) < 0) goto fail;
  if (prc_model_lex_shrink(&p->clus) < 0 || prc_model_lex_shrink(&p->dict) < 0) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    goto fail;
  }
  if (prc_model_read_notes(prc_model_find(&v, "NOTE"), p->note_key, p->note_val, PS_MAX_NOTES, &p->nnotes,
                           err) < 0)
    goto fail;
  return p;
oom:
  prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
fail:
  if (p->own_mapped) { /* the caller unmaps what it mapped */
    p->own = NULL;
    p->own_mapped = 0;
  }
  parser_destroy(p);
  return NULL;
}

/* load() for the shared helpers of model.h: the built-in copy is marked */
static void *load_any(const void *buf, size_t n, int embedded, precis_error *err) {
  parser *p = load(buf, n, embedded, err);
  if (p && embedded == MODEL_EMBEDDED) p->builtin = 1;
  return p;
}

static int adopted(const void *obj, const void *buf) { return ((const parser *)obj)->own == buf; }

parser *prc_parser_load_memory(const void *buf, size_t n, precis_error *err) {
  return prc_model_load_memory_with(load_any, buf, n, err);
}

parser *prc_parser_load_file(const char *path, precis_error *err) {
  return prc_model_load_file_adopt(load_any, adopted, path, err);
}

void prc_parser_free(parser *p) {
  if (p && !p->builtin) parser_destroy(p);
}

const char *prc_parser_note(const parser *p, const char *key) {
  return p ? prc_model_note_value(p->note_key, p->note_val, p->nnotes, key) : "";
}

/* ---- the built-in model ---------------------------------------------------------------------- */

/* Defined in the generated models_embedded.c (tools/bin2c.c); size 0 = not compiled in. */
extern const unsigned char precis_model_parse_data[];
extern const size_t precis_model_parse_size;

static model_once builtin = MODEL_ONCE_INIT;

const parser *prc_parser_builtin(precis_error *err) {
  return prc_model_once(&builtin, load_any, precis_model_parse_data, precis_model_parse_size,
                        "no built-in parser model (models/parse.bin was missing at build time)", err);
}
