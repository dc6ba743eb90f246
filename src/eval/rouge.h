/* rouge.h - ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum with the semantics of
 * the rouge-score package (see docs/evaluation.md, "## ROUGE").
 *
 * Quick use:
 *   rouge_scores s;
 *   prc_rouge_score_pair(ref, pred, 1, &s);   (1 = Porter stemming on)
 *
 * For many pairs, create one rouge_ctx and call prc_rouge_score_ctx: the
 * context keeps the token vocabulary, a cache of stems and scratch memory.
 * A context is not thread-safe; use one per thread.
 */
#ifndef PRECIS_ROUGE_H
#define PRECIS_ROUGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct rouge_prf {
  double p, r, f; /* precision, recall, F1; all in [0, 1] */
} rouge_prf;

typedef struct rouge_scores {
  rouge_prf rouge1, rouge2, rougeL, rougeLsum;
} rouge_scores;

typedef struct rouge_ctx rouge_ctx;

/* stem != 0: Porter-stem tokens longer than 3 characters. NULL on OOM. */
rouge_ctx *prc_rouge_ctx_new(int stem);
void prc_rouge_ctx_free(rouge_ctx *ctx);

/* Score one (reference, prediction) pair of UTF-8 texts.  Sentences for
 * ROUGE-Lsum are separated by '\n'.  Returns 0, or -1 when memory runs out
 * (then *out is all zeros). */
int prc_rouge_score_ctx(rouge_ctx *ctx, const char *ref, size_t ref_len, const char *pred,
                    size_t pred_len, rouge_scores *out);

/* Convenience for NUL-terminated strings (NULL counts as ""); makes and frees
 * a context on each call. */
int prc_rouge_score_pair(const char *ref, const char *pred, int stem, rouge_scores *out);

/* F1 as rouge-score computes it: 2pr/(p+r), 0 when p + r == 0. */
double prc_rouge_fmeasure(double p, double r);

/* ---- token level (for callers that score many variants of one text,
 * such as the extractive oracle) ---- */

/* A growable array of token ids; ids are dense, per context. */
typedef struct rouge_tokens {
  uint32_t *ids;
  size_t n, cap;
} rouge_tokens;

/* Tokenise text (lowercase, runs of [^a-z0-9] are separators, optional
 * stemming) and append the ids to *out.  Returns 0 or -1 on OOM. */
int prc_rouge_tokenize(rouge_ctx *ctx, const char *text, size_t len, rouge_tokens *out);
/* Append n ids (e.g. to concatenate tokenised sentences). 0 or -1. */
int prc_rouge_tokens_append(rouge_tokens *t, const uint32_t *ids, size_t n);
void prc_rouge_tokens_free(rouge_tokens *t);

/* The string of a token id (valid while ctx lives), or NULL. */
const char *prc_rouge_token_str(const rouge_ctx *ctx, uint32_t id);

/* ROUGE-N with clipped counts: overlap = sum over reference n-grams g of
 * min(count_ref(g), count_pred(g)); p = overlap / max(#pred n-grams, 1),
 * r = overlap / max(#ref n-grams, 1).  n >= 1. */
rouge_prf prc_rouge_ngram_prf(rouge_ctx *ctx, const uint32_t *ref, size_t nref,
                          const uint32_t *pred, size_t npred, int n);
/* ROUGE-L: LCS length over p = /npred, r = /nref; all zero if either is empty. */
rouge_prf prc_rouge_lcs_prf(rouge_ctx *ctx, const uint32_t *ref, size_t nref,
                        const uint32_t *pred, size_t npred);
/* Length of the longest common subsequence. */
size_t prc_rouge_lcs_length(rouge_ctx *ctx, const uint32_t *a, size_t na, const uint32_t *b,
                        size_t nb);

/* Mean of per-document scores. */
typedef struct rouge_mean {
  size_t n;
  rouge_scores sum;
} rouge_mean;
void prc_rouge_mean_add(rouge_mean *m, const rouge_scores *s);
/* The mean (all zeros when m->n == 0). */
rouge_scores prc_rouge_mean_get(const rouge_mean *m);

#endif
