/* cend_train.h - training the content-end scorer (content_ends.c) on
 * PolNeAR-style brat annotations: the second half of `precis train attrib`
 * (cue_train.c), with the cue tagger it has just trained. */
#ifndef PRECIS_CEND_TRAIN_H
#define PRECIS_CEND_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "perceptron_train.h"
#include "precis.h"

#define CEND_DEFAULT_EPOCHS 8
#define CEND_DEFAULT_RUNS 5 /* runs averaged (0.12.3; 1 before) */
#define CEND_DEFAULT_PRUNE 1.0f /* 0.5: 15,960 features, dev content 55.93; 1.0: 8,782, 55.98; 2.0: 4,453, 55.61 */

typedef struct cend_train_opts {
  const char *train_dir;              /* DIR/text/<article>.txt + DIR/attributions/<article>_<annotator>.ann */
  const precis_model *pos_model;      /* NULL = built-in */
  const precis_model *attrib_model;   /* the cue tagger the engine runs with (its own end scorer, if any, unused) */
  uint64_t seed;
  int epochs;                         /* 0 = CEND_DEFAULT_EPOCHS */
  int runs;                           /* 0 = CEND_DEFAULT_RUNS */
  float prune;                        /* 0 = CEND_DEFAULT_PRUNE */
  int verbose;
} cend_train_opts;

typedef struct cend_train_stats {
  size_t articles, quotes;  /* articles read, quotes content_ends.c looked at */
  size_t matched;           /* quotes with a gold fragment starting where theirs starts */
  size_t unreachable;       /* ... whose gold end is no candidate */
  size_t examples;          /* the training examples, ends and starts */
  size_t e_examples;        /* the rest of the matched: the end examples */
  size_t rule_right;        /* end examples whose rules' end is right */
  size_t s_matched, s_unreachable, s_examples, s_rule_right; /* the same for the starts of first fragments */
  size_t features;          /* features with a weight in the model */
} cend_train_stats;

/* Trains the scorer and appends the "CEND" section's bytes (u32
 * PRC_CEND_FEATSET, then the weights) to out.  Returns 0, or -1 with err. */
int prc_cend_train(const cend_train_opts *o, pc_buf *out, cend_train_stats *st, precis_error *err);

#endif
