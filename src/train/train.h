/* train.h - the training library (libprecis_train): everything that reads
 * annotated corpora.  The tagger trainers (`precis train pos|ner`), their
 * corpus readers (CoNLL-U, CoNLL-2003), the word clusters learnt from
 * unlabelled news text, and the tagger accuracy checks that share those
 * readers (`precis eval pos|ner`).  Linked by the CLI and the tests, never
 * by libprecis.
 *
 * Errors are reported through precis_error (PRECIS_ERROR_IO for a file that
 * cannot be read, PRECIS_ERROR_CORPUS with "file:line: ..." for a malformed
 * one).  Running out of memory while training is the exception: the trainers
 * hold hundreds of megabytes of counts and print "out of memory" and exit
 * (status 1) rather than unwind; they are tools, not library code (libprecis
 * itself never exits or aborts: tests/layout.sh).
 * Data: the word clusters read the unlabelled news under the data folder
 * (tagger_train_opts.text_dir: summ/ *.jsonl and polnear/{train,dev}/text);
 * NER's first-name lists are names/stdlib/ there. */
#ifndef PRECIS_TRAIN_H
#define PRECIS_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/tagger.h"

/* ---- training and evaluation (used by `precis train|eval pos|ner`) ---------- */

typedef struct tagger_train_opts {
  const char *train_path, *dev_path, *out_path;
  uint64_t seed;         /* default 1 */
  int epochs;            /* 0 = default for the kind */
  const tagger *pos;     /* NER only: POS tagger used for features (default built-in) */
  const char *text_dir;  /* the data folder: unlabelled news text for the word clusters
                            (POS: summ/, polnear/) and first-name lists (NER:
                            names/stdlib/); NULL = the parent of the training file's
                            folder (../shared/data for the usual layout) */
  int no_clusters;       /* POS only: train without word clusters (NER copies the POS
                            model's clusters, if it has any) */
  float prune;           /* drop averaged weights below this (0 = default) */
  int verbose;           /* progress on stderr */
  int runs;              /* NER only: training runs (other seeds) averaged into each pass's
                            weights (0 = default) */
} tagger_train_opts;

/* Trains, writes out_path.  Returns 0, or -1 with err. dev_score receives
 * the dev accuracy (POS) or F1 (NER) of the written model, in [0,1]. */
int prc_tagger_train_pos(const tagger_train_opts *o, double *dev_score, precis_error *err);
int prc_tagger_train_ner(const tagger_train_opts *o, double *dev_score, precis_error *err);

typedef struct tagger_pos_eval {
  size_t n, correct;
  size_t gold[TAG_UPOS_COUNT], pred[TAG_UPOS_COUNT], hit[TAG_UPOS_COUNT];
  size_t confusion[TAG_UPOS_COUNT][TAG_UPOS_COUNT]; /* [gold][pred] */
  double seconds; /* tagging time only */
} tagger_pos_eval;
int prc_tagger_eval_pos(const tagger *t, const char *conllu_path, tagger_pos_eval *ev, precis_error *err);

typedef struct tagger_ner_eval {
  size_t ntokens;
  size_t gold[TAG_ENT_COUNT], pred[TAG_ENT_COUNT], hit[TAG_ENT_COUNT];
  double seconds; /* POS + NER tagging time */
} tagger_ner_eval;
/* pos: POS tagger for the NER features (NULL = built-in); pred_out (or
 * NULL): gets "WORD GOLD PREDICTED" a token in IOB2, conlleval's input. */
int prc_tagger_eval_ner(const tagger *t, const tagger *pos, const char *conll_path,
                    tagger_ner_eval *ev, int repeat, FILE *pred_out, precis_error *err);

#endif
