/* cue_train.h - training the speech-cue tagger (model/cue_model.h) on
 * PolNeAR-style brat annotations (`precis train attrib`). */
#ifndef PRECIS_CUE_TRAIN_H
#define PRECIS_CUE_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

typedef struct cue_train_opts {
  const char *train_dir; /* DIR/text/<article>.txt + DIR/attributions/<article>_<annotator>.ann */
  const char *dev_dir;   /* the same layout; scored, never trained on (may be NULL) */
  const char *out_path;
  uint64_t seed;
  int epochs;            /* 0 = default (6) */
  const precis_model *pos_model; /* the POS tags' model (NULL = built-in) */
  float prune;           /* drop |averaged weight| below this (0 = default 2) */
  int runs;              /* training runs (seeds seed, seed + 1000003, ...) averaged into the model; 0 = default */
  int no_ends;           /* leave out the content-end scorer (content_ends.c, cend_train.h) */
  int verbose;
} cue_train_opts;

/* Cue-span scores: exact matches of the gold cue spans (first annotator
 * file of each article), counted on tokens' code-point extents. */
typedef struct cue_eval {
  size_t gold, pred, match; /* spans */
  size_t articles;
} cue_eval;

/* Trains and writes the model.  Returns 0, or -1 with err.  *dev (may be
 * NULL) receives the shipped model's dev scores. */
int prc_cue_train(const cue_train_opts *o, cue_eval *dev, precis_error *err);

#endif
