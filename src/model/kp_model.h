/* kp_model.h - the learned key-point scorer (docs/keypoints.md).
 *
 * The key-point engine (keypoints.c) describes each candidate sentence by
 * a kp_info: where it stands (rank among the candidates, paragraph,
 * position in its paragraph), how long it and its compressed claim are,
 * how central it is (TextRank, prominent entities), whether it is
 * attributed and to what kind of speaker, whether it has figures, a
 * question mark, a pronoun start, its first word, which variant of the
 * sentence it is (the claim, the whole sentence, a short claim), the
 * document's layout and the hand-tuned score's opinion.  prc_kp_static_feats
 * turns that into hashed features; prc_kp_dynamic_feats adds the features
 * of the selection state (how many points are chosen, the candidate's word
 * overlap with them, whether it follows a chosen sentence).  A linear model
 * (perceptron.h, one class: a score) sums their weights; selection is
 * greedy: the best variant of the lead first, then the best-scoring
 * candidate, its dynamic features recomputed after every pick, until the
 * score falls below the model's stop threshold for the document's style (at
 * least min_points, at most max_points) or -n points are chosen.
 *
 * Trained by precis itself (`precis train keypoints`, train/kp_train.c) on
 * oracle labels of the summarisation dev corpora; the shipped model
 * (models/keypoints.bin) is compiled into the library.  A loaded model is
 * immutable: any number of threads may score with it at once. */
#ifndef PRECIS_KP_MODEL_H
#define PRECIS_KP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "perceptron.h"
#include "precis.h"

/* The model file's feature-set id: bump it when the features change. */
#define PRC_KP_FEATSET 0x4b505401u

#define PRC_KP_MAXF 60 /* static features of a candidate, at most */
#define PRC_KP_MAXDF 8 /* dynamic features, at most */

/* What the engine knows of a candidate (keypoints.c fills it). */
typedef struct kp_info {
  uint32_t rank;        /* among the document's candidates, 0 = first */
  uint32_t ncands;      /* candidates of the document */
  uint32_t para;        /* paragraph of its sentence, counted from the first candidate's */
  uint32_t in_para;     /* sentences before it in its paragraph */
  uint32_t sent_words;  /* words of the sentence */
  uint32_t claim_words; /* words of the compressed claim */
  float textrank;       /* TextRank score over the best sentence's, 0..1 */
  float centrality;     /* share of the prominent entities it names (keypoints.c) */
  float salience;       /* mentions of its most mentioned entity over the most mentioned one's */
  uint8_t attr;         /* KP_ATTR_* */
  uint8_t spk_type;     /* the resolved speaker's ent_type + 1, 0 = none */
  uint8_t figure;       /* it has a figure (money, percent, count) */
  uint8_t question;     /* it ends with a question mark */
  uint8_t pronoun;      /* the claim's first word: 1 he/she, 2 they, 3 it, 4 I/we/you, 0 other */
  uint8_t quote_start;  /* the claim starts with a quotation mark */
  uint8_t cut;          /* the claim is shorter than the sentence (compressed) */
  uint8_t nper, norg, nplace; /* names of people, organisations, places in it (capped at 3) */
  uint8_t first_pos;    /* UPOS of the claim's first token */
  uint8_t variant;      /* 0 the claim, 1 the whole sentence, 2 the claim cut short */
  uint8_t rule_rank;    /* candidates the hand-tuned score (prc_kp_weights) puts above it, capped at 7 */
  float rule_gap;       /* the best hand-tuned score of the document minus its own */
  uint64_t first_w;     /* hash of the claim's first word, lower-cased */
  /* the document's style (the same in every candidate of a document) */
  uint8_t dateline;     /* the first sentence opens with a dateline ("LONDON (Reuters) -") */
  float sents_per_para; /* text sentences per paragraph */
  float avg_words;      /* words per text sentence */
  uint8_t style;        /* KP_STYLE_*: how the text is laid out in paragraphs */
} kp_info;

/* The layout of a text: short paragraphs (at most 1.5 sentences a
 * paragraph on average), or text without paragraph breaks (corpus copy
 * such as CNN/DailyMail's, whose one- and two-sentence paragraphs lost
 * their breaks); paragraphs of up to three sentences; longer paragraphs.
 * Every feature is used twice: alone and with the style (prc_kp_expand),
 * so that what the styles share is learned from all of them and what they
 * do not, from each; the automatic count has a threshold per style. */
enum { KP_ATTR_NONE = 0, KP_ATTR_DIRECT = 1, KP_ATTR_INDIRECT = 2, KP_ATTR_NAMEABLE = 3, KP_ATTR_UNRESOLVED = 4 };

enum { KP_STYLE_SHORT = 0, KP_STYLE_PARAS = 1, KP_STYLE_LONG = 2, KP_NSTYLES = 3 };

/* Features of a candidate that do not depend on the selection; f must have
 * room for PRC_KP_MAXF values.  Returns how many were written. */
size_t prc_kp_static_feats(const kp_info *c, uint64_t *f);
/* Features of the selection state: `chosen` points already chosen, the
 * candidate's largest content-word overlap with one of them (0..1), whether
 * the sentence before it is chosen.  f: room for PRC_KP_MAXDF. */
size_t prc_kp_dynamic_feats(const kp_info *c, uint32_t chosen, double overlap, int after_chosen, uint64_t *f);

/* Selection parameters, stored with the weights ("PARM" section). */
typedef struct kp_params {
  float stop[KP_NSTYLES]; /* per style: stop once the best score is below this (after min_points) */
  uint32_t min_points, max_points; /* the automatic count's bounds (2 and 5) */
} kp_params;

typedef struct kp_model {
  pc_model w; /* one class: the score */
  kp_params par;
  int builtin;
  int nnotes;
  char *note_key[16], *note_val[16];
} kp_model;

/* Every feature f[0..nf), then each conjoined with the style: 2 * nf
 * values into out. */
size_t prc_kp_expand(uint8_t style, const uint64_t *f, size_t nf, uint64_t *out);

/* The score of features f[0..nf) (in weight units, real numbers). */
double prc_kp_score(const kp_model *m, const uint64_t *f, size_t nf);
/* The same for f expanded with the style (nf <= PRC_KP_MAXF + PRC_KP_MAXDF). */
double prc_kp_score_x(const kp_model *m, uint8_t style, const uint64_t *f, size_t nf);

/* The built-in model (models/keypoints.bin), decoded on first use; NULL with
 * err when none is compiled in (PRECIS_ERROR_MODEL_MISSING).  Thread-safe. */
const kp_model *prc_kp_builtin(struct precis_error *err);
kp_model *prc_kp_load_memory(const void *buf, size_t n, struct precis_error *err);
kp_model *prc_kp_load_file(const char *path, struct precis_error *err);
void prc_kp_free(kp_model *m); /* no-op for the built-in model and NULL */
const char *prc_kp_note(const kp_model *m, const char *key);

/* ---- selection ---------------------------------------------------------- */

#define PRC_KP_MAX_CANDS 200 /* candidate sentences per document (the first ones) */
#define PRC_KP_VARIANTS 3    /* candidates per sentence: claim, whole sentence, short claim */
#define PRC_KP_BAG 64        /* content words per candidate compared for redundancy */

/* max over |a & b| / min(|a|, |b|) style overlap of two content-word bags (0..1). */
double prc_kp_overlap(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb);

typedef struct kp_sel_cand {
  const kp_info *info;
  double st;          /* the static score: prc_kp_score of its static features */
  const uint32_t *bag;
  uint32_t nbag;
  uint32_t sent;      /* sentence index (increasing) */
} kp_sel_cand;

/* Greedy selection over c[0..nc) (nc <= PRC_KP_MAX_CANDS * PRC_KP_VARIANTS; one point per sentence): repeatedly the
 * candidate with the best static + dynamic score, never one whose overlap
 * with a chosen point reaches dup_threshold.  n > 0: n points (fewer when
 * the candidates run out); n <= 0: automatic, from m->par.min_points to
 * m->par.max_points, stopping once the best score is below the stop
 * threshold of the document's style (c[0].info->style).
 * order[k] receives the k-th pick; returns the number chosen. */
uint32_t prc_kp_greedy(const kp_model *m, uint32_t nc, const kp_sel_cand *c, int n, double dup_threshold,
                       uint32_t *order);

/* "PARM" section layout: u32 count (5), then 3 x f32 stop (IEEE bits, one per
 * style), u32 min_points, u32 max_points. */
#define PRC_KP_PARM_COUNT 5u

#endif
