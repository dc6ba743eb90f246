/* attrib_eval.h - scoring attribution relations against brat gold annotations.
 * The metrics are defined in docs/evaluation.md, section "## Attribution". */
#ifndef PRECIS_ATTRIB_EVAL_H
#define PRECIS_ATTRIB_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include "brat.h"

/* Raw counts, summed over articles (micro-averaging). */
typedef struct attrib_counts {
  size_t exact_match[BRAT_NROLES]; /* predicted spans equal to a gold span */
  size_t exact_pred[BRAT_NROLES];  /* distinct non-empty predicted spans */
  size_t exact_gold[BRAT_NROLES];  /* distinct non-empty gold spans */
  size_t tok_pred_hit[BRAT_NROLES]; /* predicted token positions inside gold ones */
  size_t tok_pred[BRAT_NROLES];
  size_t tok_gold_hit[BRAT_NROLES]; /* gold token positions inside predicted ones */
  size_t tok_gold[BRAT_NROLES];
  size_t any_pred_hit[BRAT_NROLES]; /* predicted spans sharing a code point with a gold span */
  size_t any_gold_hit[BRAT_NROLES]; /* gold spans sharing a code point with a predicted span */
  size_t linked;  /* gold relations found by some predicted relation */
  size_t n_gold;  /* gold relations */
  size_t n_pred;  /* predicted relations */
  size_t n_docs;  /* articles scored */
} attrib_counts;

typedef struct attrib_prf {
  double p, r, f;
} attrib_prf;

typedef struct attrib_result {
  attrib_counts c;
  attrib_prf exact[BRAT_NROLES];
  attrib_prf overlap[BRAT_NROLES];     /* token-weighted overlap */
  attrib_prf any_overlap[BRAT_NROLES]; /* span-level, any shared code point (the loosest) */
  double linked_recall;
  /* bookkeeping (reported on stderr by the CLI) */
  size_t n_missing_pred;   /* gold articles without a prediction file */
  size_t n_no_text;        /* gold .ann files whose article text was not found (skipped) */
  size_t n_unmatched_pred; /* prediction files matching no gold article (ignored) */
  size_t n_extra_gold;     /* further annotators' gold files (ignored: first one wins) */
  size_t n_extra_pred;     /* further prediction files of an article (ignored) */
  size_t n_malformed;      /* malformed .ann lines skipped, gold + predictions */
  size_t n_bad_refs;       /* E arguments naming missing T ids */
} attrib_result;

/* Add one article's counts.  gold or pred may be NULL (nothing annotated). */
void prc_attrib_score_doc(const brat_text *text, const brat_ann *gold, const brat_ann *pred,
                      attrib_counts *acc);

/* Compute the ratios of r->exact, r->overlap, r->any_overlap, r->linked_recall from r->c. */
void prc_attrib_finish(attrib_result *r);

/* Score the folders (see prc_brat_dir_open for their layout).  Messages about
 * skipped files go to log (may be NULL).  Returns 0, or -1 if a folder cannot
 * be read (message on log). */
int prc_attrib_eval_dirs(const char *gold_dir, const char *pred_dir, attrib_result *out, FILE *log);

/* Code-point classes used for trimming and tokenising (exposed for tests). */
int prc_attrib_is_space(unsigned long cp);
int prc_attrib_is_trim(unsigned long cp);

#endif
