/* summarize.h - the two baseline sentence selectors (summarize.c).
 *
 * Both fill d->kps (d->nkps is reset to 0 first) with at most n whole
 * sentences, in document order:
 *   claim  = the sentence text, an arena copy with every run of white space
 *            collapsed to one ASCII space;
 *   entity = -1;
 *   score  = the method's score (see below).
 * Headings are never chosen, nor sentences without any word or number token
 * (a line of "***" or a lone dash).  n <= 0 chooses nothing.  Everything is
 * allocated from the document arena; both are deterministic.
 *
 * They need prc_text_prepare, prc_tokenize and prc_split_sentences to have run. */
#ifndef PRECIS_SUMMARIZE_H
#define PRECIS_SUMMARIZE_H

#include "doc.h"

/* Lead-n: the first n candidate (non-heading) sentences.
 * score = 1 / (1 + rank), rank 0 for the first chosen sentence. */
void prc_summarize_lead(precis_doc *d, int n);

/* TextRank: TF-IDF vectors, cosine similarity graph, weighted PageRank.
 * score = the sentence's PageRank value (the scores of all considered
 * sentences sum to 1).  Only the first SUMMARIZE_TR_MAX_SENTS candidate
 * sentences, and of each only its first SUMMARIZE_TR_MAX_SENT_TOKENS tokens,
 * are considered, so the quadratic graph stays bounded whatever the input
 * size.  Details (terms, idf, PageRank, ties) are at the top of summarize.c. */
void prc_summarize_textrank(precis_doc *d, int n);

/* The TextRank score of every sentence, into scores[0 .. d->nsents) (0 for
 * sentences not considered: headings, past the cap); d->kps is untouched.
 * Returns how many sentences were considered. */
uint32_t prc_summarize_textrank_scores(precis_doc *d, double *scores);

#define SUMMARIZE_TR_MAX_SENTS 500u
#define SUMMARIZE_TR_MAX_SENT_TOKENS 200u
#define SUMMARIZE_TR_DAMPING 0.85
#define SUMMARIZE_TR_EPSILON 1e-6
#define SUMMARIZE_TR_MAX_ITER 100

#endif
