/* extract_eval.h - scoring main-text extraction against hand-checked page
 * text: 4-token shingles, per page precision and recall averaged over pages
 * (docs/evaluation.md, section "## Main text of web pages"). */
#ifndef PRECIS_EXTRACT_EVAL_H
#define PRECIS_EXTRACT_EVAL_H

#include <stddef.h>

/* The shingle counts of one page. */
typedef struct xe_page {
  double matched;   /* shingles in both (multiset intersection) */
  double predicted; /* shingles of the prediction */
  double gold;      /* shingles of the gold text */
} xe_page;

/* Tokens are maximal runs of Unicode letters, numbers (general categories
 * L* and N*) and '_' (Python's \w); case is kept.  A text of n >= 4 tokens has
 * n-3 shingles, a text of 1 to 3 tokens one shingle of all its tokens, an
 * empty text none.  Returns 0, or -1 when memory runs out. */
int prc_xe_score_page(const char *gold, size_t gold_len, const char *pred, size_t pred_len, xe_page *out);

/* Per page: precision = matched / predicted and recall = matched / gold;
 * both 1 when neither side has a shingle; a page without predicted shingles
 * (but gold ones) has no precision (left out of its average) and recall 0; a
 * page without gold shingles has no recall and precision 0.  The averages
 * over pages and F1 of the two averages. */
typedef struct xe_result {
  size_t pages, p_pages, r_pages; /* pages; pages with a precision; with a recall */
  double precision, recall, f1;
} xe_result;

void prc_xe_summarize(const xe_page *pages, size_t n, xe_result *out);
/* One page's precision / recall (-1 when it has none). */
double prc_xe_page_precision(const xe_page *p);
double prc_xe_page_recall(const xe_page *p);

#endif
