/* cue_model.h - the learned speech-cue tagger (the first learned part of
 * attribution).
 *
 * A cue is the word or phrase that marks a statement, belief or report as
 * someone's: "said", "has said", "according to", "told", "in a statement",
 * "wants", "is expected", "criticized", ":".  PolNeAR annotates them as
 * spans; this model tags each token of a sentence O (outside), B (first
 * token of a cue) or I (inside one), greedily left to right, with an
 * averaged perceptron (perceptron.h) over hashed features of the token and
 * its neighbours: words, suffixes, UPOS tags, the lexicon's speech flags,
 * quotation context and the rule engine's own decision (attribution.c).
 * Trained by precis itself (`precis train attrib`, train/cue_train.c) on
 * PolNeAR; the shipped model (models/attrib.bin) is compiled into the
 * library.
 *
 * The inputs are prepared by the cue stage (cues.c) so that this file
 * knows nothing about documents: one cue_token per token of the sentence.
 * Threads: a loaded model is immutable; any number of threads may tag with
 * it at once.  Time: linear in the tokens; no allocation while tagging. */
#ifndef PRECIS_CUE_MODEL_H
#define PRECIS_CUE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

/* The model file's feature-set id (model.h header field): bump it when the
 * features below change. */
#define PRC_CUE_FEATSET 0x43554501u

enum { PRC_CUE_O = 0, PRC_CUE_B = 1, PRC_CUE_I = 2, PRC_CUE_NLABELS = 3 };

/* Token flags (cue_token.flags). */
enum {
  PRC_CT_CAP = 1u << 0,    /* starts with a capital letter */
  PRC_CT_INQ = 1u << 1,    /* inside quotation marks */
  PRC_CT_QMARK = 1u << 2,  /* is a quotation mark */
  PRC_CT_RULE = 1u << 3,   /* the rule engine takes it as a speech cue */
  PRC_CT_SPEECH = 1u << 4, /* in the speech lexicon (said, told, insisted, ...) */
  PRC_CT_EVID = 1u << 5,   /* an evidence verb (shows, found, ...) */
  PRC_CT_PUNCT = 1u << 6,  /* not a word */
  PRC_CT_FIRST = 1u << 7,  /* first token of its sentence */
};

typedef struct cue_token {
  uint64_t w;     /* hash of the word, ASCII lower-cased */
  uint64_t suf;   /* hash of its last three bytes (lower-cased) */
  uint64_t stem;  /* hash of the word without -s/-es/-ed/-ing/-d */
  uint8_t pos;    /* UPOS (TAG_UPOS_*) */
  uint8_t flags;  /* PRC_CT_* */
  uint8_t lq, rq; /* tokens to the nearest quotation mark on the left / right, 0..7 (7 = none near) */
  uint8_t squote; /* 1 when the token's sentence has a quotation mark */
} cue_token;

/* Features of token i of t[0..n) given the labels of the two tokens before
 * it (p1, p2; PRC_CUE_O before the sentence).  f must have room for
 * PRC_CUE_MAXF values; returns how many were written. */
#define PRC_CUE_MAXF 48
size_t prc_cue_feats(const cue_token *t, size_t n, size_t i, int p1, int p2, uint64_t *f);

typedef struct cue_model cue_model;

/* The built-in model (models/attrib.bin), decoded on first use; NULL with
 * err when none is compiled in (PRECIS_ERROR_MODEL_MISSING) or memory ran
 * out.  Thread-safe. */
const cue_model *prc_cue_builtin(struct precis_error *err);
cue_model *prc_cue_load_file(const char *path, struct precis_error *err);
cue_model *prc_cue_load_memory(const void *buf, size_t n, struct precis_error *err);
void prc_cue_free(cue_model *m); /* no-op for the built-in model and NULL */
/* A note recorded at training time ("data", "dev", ...); "" when absent. */
const char *prc_cue_note(const cue_model *m, const char *key);

/* The content-end scorer stored with the tagger (section "CEND": u32
 * PRC_CEND_FEATSET, then a one-class perceptron.h model), or NULL when the
 * model has none (content_ends.c, train/cend_train.c). */
typedef struct cend_slot {
  uint32_t key; /* pc_key32 of the feature; 0 = empty */
  int32_t w;    /* its weight (real weight = w * scale) */
} cend_slot;
typedef struct cue_cend {
  const cend_slot *slots; /* open addressing, index = low bits of the feature hash, linear probing */
  uint32_t mask, nfeat;
  float scale;
} cue_cend;
const cue_cend *prc_cue_cend(const cue_model *m);
/* The score of features f[0..nf) (real weight units). */
static inline double prc_cue_cend_score(const cue_cend *c, const uint64_t *f, size_t nf) {
  int64_t sum = 0;
  for (size_t k = 0; k < nf; k++) {
    uint32_t key = (uint32_t)(f[k] >> 32), i = (uint32_t)f[k] & c->mask;
    if (!key) key = 1;
    for (;;) {
      const cend_slot *s = &c->slots[i];
      if (s->key == key) {
        sum += s->w;
        break;
      }
      if (!s->key) break;
      i = (i + 1) & c->mask;
    }
  }
  return (double)sum * c->scale;
}
/* Its feature-set id: bump it when prc_cend_feats (content_ends.c) changes;
 * a model with another one is refused. */
#define PRC_CEND_FEATSET 0x43454e02u /* 02: with the starts (0.12.0) */
#define PRC_CEND_MAXF 32
/* The end moves off the rules' only when the best candidate's score beats
 * the rules' end by this much (weight units).  Chosen by 5-fold
 * cross-validation of the engine on PolNeAR train (docs/attribution.md). */
#define PRC_CEND_MARGIN 2.0

/* A cue starts (B) only when its score beats "outside" by this much (in
 * perceptron weight units): the patterns that follow find a source and a
 * content for many a false cue, so precision is bought here.  Chosen by
 * 5-fold cross-validation of the whole engine on PolNeAR train (0.11.0:
 * 5, 10, 15, 20, 30 tried, 15 best for cue F; until 0.10.0 it was 30,
 * before cues.c dropped junk spans; docs/attribution.md). */
#define PRC_CUE_MARGIN 15.0f
/* ... and with PRECIS_OPT_STRICT_CUES (`--attrib strict`): fewer false cues
 * in general news (docs/attribution.md "Strict cues": 15, 30, 45, 60, 90
 * measured on two samples of 300 CNN/DM quotes read by hand and PolNeAR). */
#define PRC_CUE_MARGIN_STRICT 60.0f
/* The scores (int32 units) of features f[0..nf) under m, added to sc
 * (PRC_CUE_NLABELS values); returns the model's scale (real units per
 * unit).  With prc_cue_feats, the plain form of what prc_cue_tag computes
 * (for tests). */
float prc_cue_score(const cue_model *m, const uint64_t *f, size_t nf, int32_t *sc);

/* Tags t[0..n): lab[i] = PRC_CUE_O / _B / _I (an I never follows an O). */
void prc_cue_tag(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab);
/* prc_cue_tag with another start margin (PRC_CUE_MARGIN_STRICT). */
void prc_cue_tag_margin(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab, float margin);
/* prc_cue_tag that also writes each token's scores, as it decided on them,
 * to sc[i] when sc is not NULL (for tests: they equal prc_cue_score of
 * prc_cue_feats with the labels before). */
void prc_cue_tag_scores(const cue_model *m, const cue_token *t, size_t n, uint8_t *lab,
                        int32_t (*sc)[PRC_CUE_NLABELS]);

/* The sections of m's in-place image (tools/model_image.c): head is room
 * for its 32-byte header; returns their number (2). */
struct model_img_sec;
int prc_cue_image(const cue_model *m, void *head, struct model_img_sec *s);

#endif
