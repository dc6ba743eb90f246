/* parser_train.h - training and evaluating the dependency parser
 * (`precis train parse`, `precis eval parse`), the CoNLL-U treebank reader
 * they share, and the parts of the transition system that only training
 * needs: pseudo-projective lifting and the dynamic oracle (exposed for the
 * unit tests). */
#ifndef PRECIS_PARSER_TRAIN_H
#define PRECIS_PARSER_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "model/parser.h"
#include "model/parser_features.h"
#include "model/tagger.h"

/* ---- treebanks ------------------------------------------------------------------------------ */

/* A CoNLL-U treebank: the syntactic words (multiword-token ranges and empty
 * nodes are skipped) with FORM, UPOS, HEAD and DEPREL. */
typedef struct ud_corpus {
  char *text;                 /* token forms, each NUL-terminated */
  size_t ntext, ctext;
  uint32_t *off, *len;        /* per token: form offset in text, length */
  uint8_t *upos;              /* gold UPOS (TAG_UPOS_*) */
  int32_t *head;              /* sentence-relative head, -1 = root */
  int16_t *rel;               /* index into labels */
  size_t ntok, ctok;
  uint32_t *sent;             /* sentence k = tokens [sent[k], sent[k + 1]) */
  size_t nsent, csent;
  char *labels[1024];         /* the distinct DEPREL values */
  int nlabels;
} ud_corpus;

/* Reads a treebank.  Returns 0, or -1 with err: PRECIS_ERROR_IO, or
 * PRECIS_ERROR_CORPUS with "file:line: ..." (too few columns, an unknown
 * UPOS, a head out of range, a sentence that is not a single-rooted tree). */
int prc_ud_read(const char *path, ud_corpus *c, precis_error *err);
void prc_ud_free(ud_corpus *c);
/* "NOUN", "VERB", ... for a TAG_UPOS_* id ("X" when out of range). */
const char *prc_ud_upos_name(int upos);
/* The label index of name (added when new; -1 if the table is full). */
int prc_ud_label(ud_corpus *c, const char *name);

/* ---- the transition system's training side -------------------------------------------------- */

/* Pseudo-projective lifting of one tree (Nivre & Nilsson 2005, "head"
 * encoding): while an arc is non-projective, the shortest such arc is
 * lifted to the head's head, and its label becomes "rel||hrel" (hrel = the
 * relation of the original head), added to c's labels.  head: n entries,
 * -1 = root.  Returns the number of arcs lifted, -1 if the label table is
 * full.  prc_ps_is_projective tells whether a tree needs it. */
int prc_ps_projectivize(ud_corpus *c, int32_t *head, int16_t *rel, size_t n);
int prc_ps_is_projective(const int32_t *head, size_t n);

/* The dynamic oracle of the arc-hybrid system (Goldberg & Nivre 2013): the
 * number of gold arcs each valid action makes unreachable (unlabelled),
 * cost[a] for a in PS_*, -1 for invalid actions.  ghead: gold heads of the
 * (projectivized) tree with the root's head = n; onstack[x] tells whether
 * token x is on the stack. */
void prc_ps_costs(const ps_state *st, const int32_t *ghead, const uint8_t *onstack, int cost[PS_NACTIONS]);

/* ---- training and evaluation ---------------------------------------------------------------- */

typedef struct parser_train_opts {
  const char *train_path, *dev_path, *out_path;
  uint64_t seed;          /* default 1 */
  int epochs;             /* 0 = default */
  const tagger *pos;      /* POS tagger for the training and dev tags (NULL = built-in) */
  int jackknife;          /* > 1: the training tags come from POS taggers trained on the
                             other folds (k-fold jackknifing); else from pos */
  const char *text_dir;   /* jackknifing: the data folder for the POS word clusters
                             (NULL = the parent of the training file's folder) */
  float prune;            /* drop averaged weights below this (0 = default) */
  int verbose;
  int runs;               /* training runs averaged into the model (0 = default, 3) */
} parser_train_opts;

typedef struct parser_eval {
  size_t n;               /* tokens */
  size_t uas, las;        /* correct heads; and universal relations (CoNLL 2018 LAS) */
  size_t las_full;        /* ... with the full relation, subtypes included */
  size_t nsent;
  double seconds;         /* parsing CPU time only (best pass when repeated) */
} parser_eval;

/* Trains on train_path, evaluates on dev_path, writes out_path.  Returns 0,
 * or -1 with err. */
int prc_parser_train(const parser_train_opts *o, parser_eval *dev, precis_error *err);

/* pos argument of prc_parser_eval*: parse with the treebank's gold tags
 * (an analysis of what tagging errors cost, never the parser's score). */
#define PRC_PARSER_GOLD_TAGS ((const tagger *)(uintptr_t)1)

/* Scores p on a gold treebank with gold tokens and the POS tags of pos
 * (NULL = built-in; never the gold tags unless PRC_PARSER_GOLD_TAGS); repeat > 1 parses the corpus that
 * many times and keeps the fastest pass's time.  pred (optional) receives
 * the predicted heads and relations of every token. */
int prc_parser_eval(const parser *p, const tagger *pos, const char *path, int repeat,
                    parser_eval *ev, precis_error *err);
int prc_parser_eval_corpus(const parser *p, const tagger *pos, const ud_corpus *c, int repeat,
                           parser_eval *ev, int32_t *pred_head, uint8_t *pred_rel);

#endif
