/* kp_train.h - training the learned key-point scorer (model/kp_model.h) on
 * oracle labels of summarisation corpora (`precis train keypoints`). */
#ifndef PRECIS_KP_TRAIN_H
#define PRECIS_KP_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "precis.h"

typedef struct kp_train_doc {
  const char *id;              /* may be NULL */
  const char *article, *ref;   /* the text and its reference summary (sentences one a line) */
  size_t alen, rlen;
  int file;                    /* index into kp_train_opts.files */
} kp_train_doc;

typedef struct kp_train_opts {
  const kp_train_doc *docs;
  size_t ndocs;
  const char *const *files;    /* the corpora's names (for the report and the predictions) */
  int nfiles;
  const char *out_path;        /* the model trained on every document (NULL: none) */
  uint64_t seed;
  int epochs;                  /* 0 = default (10) */
  float prune;                 /* drop |averaged weight| below this (0 = default 0.02) */
  int folds;                   /* k-fold cross-validation by article (0 = none, else 2..20) */
  const char *predict_dir;     /* with folds: held-out predictions, one JSONL per corpus */
  int verbose;
} kp_train_opts;

/* Cross-validated ROUGE F (mean over the documents of one corpus). */
typedef struct kp_cv_result {
  size_t docs;
  double r1, r2, rl, rlsum;
  double points;               /* key points per document */
} kp_cv_result;

/* Trains (and cross-validates); cv[nfiles] receives the held-out figures
 * per corpus when folds > 0.  Returns 0, or -1 with err. */
int prc_kp_train(const kp_train_opts *o, kp_cv_result *cv, precis_error *err);

#endif
