/* perceptron_train.h - the training half of the averaged perceptron:
 * seeded randomness, the trainer, export to the compact model of
 * model/perceptron.h, and its serialisation. */
#ifndef PRECIS_PERCEPTRON_TRAIN_H
#define PRECIS_PERCEPTRON_TRAIN_H

#include "model/perceptron.h"

/* ---- deterministic randomness -------------------------------------------- */

typedef struct pc_rng { uint64_t s; } pc_rng;
void prc_pc_rng_seed(pc_rng *r, uint64_t seed);
uint64_t prc_pc_rng_next(pc_rng *r);
/* Uniform in [0, n), n > 0 (rejection sampling: no modulo bias). */
uint64_t prc_pc_rng_below(pc_rng *r, uint64_t n);
/* Fisher-Yates shuffle of an index array. */
void prc_pc_shuffle(pc_rng *r, uint32_t *idx, size_t n);

/* ---- trainer ------------------------------------------------------------ */

typedef struct pc_trainer pc_trainer;

pc_trainer *prc_pc_trainer_new(int nclasses);
void prc_pc_trainer_free(pc_trainer *t);
int prc_pc_trainer_nclasses(const pc_trainer *t);
/* Adds the current (non-averaged) weights of the features to scores[0..nclasses). */
void prc_pc_trainer_score(const pc_trainer *t, const uint64_t *feats, size_t nf, float *scores);
/* Adds delta to the weight of (feature, cls) for every feature (creating rows as needed). */
void prc_pc_trainer_update(pc_trainer *t, const uint64_t *feats, size_t nf, int cls, float delta);
/* The usual perceptron step: if pred != gold, +1 for gold, -1 for pred. */
void prc_pc_trainer_learn(pc_trainer *t, const uint64_t *feats, size_t nf, int gold, int pred);
/* Marks the end of one training instance (the averaging clock). */
void prc_pc_trainer_tick(pc_trainer *t);
/* Adds k times src's averaged weights to dst's current weights (dst must be
 * a trainer that is never updated: its averaged weights are then its
 * current ones).  Averaging several runs' models into one. */
void prc_pc_trainer_accumulate(pc_trainer *dst, const pc_trainer *src, float k);
/* Number of distinct features that have weights. */
size_t prc_pc_trainer_nfeatures(const pc_trainer *t);

/* Averages, drops |w| < prune, quantises to int16.  Returns 0 or -1 (out of memory). */
int prc_pc_trainer_export(const pc_trainer *t, float prune, pc_model *out);
/* Serialisation into a growable byte buffer (the format is described in
 * model/perceptron.h). */
typedef struct pc_buf {
  unsigned char *p;
  size_t n, cap;
  int oom;
} pc_buf;
void prc_pc_buf_put(pc_buf *b, const void *p, size_t n);
void prc_pc_buf_u8(pc_buf *b, uint8_t v);
void prc_pc_buf_u16(pc_buf *b, uint16_t v);
void prc_pc_buf_u32(pc_buf *b, uint32_t v);
void prc_pc_buf_u64(pc_buf *b, uint64_t v);
int prc_pc_model_write(const pc_model *m, pc_buf *out);

#endif
