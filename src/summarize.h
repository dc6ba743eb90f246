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

/* The TextRank scores of the sentences considered: returns their number N,
 * with (*pos)[i] the sentence (increasing) and (*p)[i] its score, both arrays
 * of the arena; the sentences not considered (headings, past the cap) score
 * 0.  Sparse, not per sentence (peak memory).  d->kps is untouched. */
uint32_t prc_summarize_textrank_scores(precis_doc *d, uint32_t **pos, double **p);

#define SUMMARIZE_TR_MAX_SENTS 500u       /* TextRank cost cap: sentences considered */
#define SUMMARIZE_TR_MAX_SENT_TOKENS 200u /* TextRank cost cap: tokens read per sentence */
#define SUMMARIZE_TR_DAMPING 0.85         /* default of kp_weights.tr_damping */
#define SUMMARIZE_TR_EPSILON 1e-6         /* default of kp_weights.tr_epsilon */
#define SUMMARIZE_TR_MAX_ITER 100         /* default of kp_weights.tr_max_iter */

/* The numbers of sentence scoring and selection: the key-point engine's
 * weights, bonuses, penalties and thresholds (keypoints.c, prc_select_keypoints)
 * and TextRank's (summarize.c).  Scores are sums of weighted features, so a
 * weight is in "points" of score; the position of the first candidate is worth
 * `position`.  The default values (prc_kp_weights, keypoints.c) were tuned on
 * the dev splits; each field is described there. */
typedef struct kp_weights {
  /* key-point score */
  double position;          /* weight of the position score exp(-rank / decay) */
  double decay;             /* rank over which the position score falls by 1/e */
  double centrality;        /* weight of the share of prominent entities named */
  double centrality_cap;    /* the centrality feature is capped at this */
  uint32_t central_mentions;/* an entity counts for centrality with this many mentions */
  double textrank;          /* weight of the TextRank score (normalised to the best sentence) */
  double attr_indirect;     /* bonus: a resolved speaker's reported (indirect or mixed) statement */
  double attr_direct;       /* bonus: a resolved speaker's direct quote */
  double figure;            /* bonus: the sentence has a figure (money, percent, count) */
  double question;          /* penalty: the sentence is a question */
  double short_pen;         /* penalty: a claim of fewer than short_words words */
  uint32_t short_words;
  double long_pen;          /* penalty: a claim of more than long_words words */
  uint32_t long_words;
  double pronoun_pen;       /* penalty: an unattributed claim starting with a he/she/they pronoun */
  double lead_narrative;    /* hand-tuned selection only, in copy of one-sentence paragraphs
                               (KP_STYLE_SHORT): a statement no resolved speaker makes gains
                               lead_narrative * exp(-rank / lead_narrative_decay) */
  double lead_narrative_decay;
  /* candidates */
  uint32_t min_sent_words;  /* sentences with fewer words are not candidates (nor ranked) */
  uint32_t min_claim_words; /* compressed claims with fewer words are dropped (but ranked) */
  /* selection */
  double redundancy;        /* penalty per unit of content-word overlap with a chosen point */
  double dup_threshold;     /* overlap at which a candidate is a near-duplicate, never chosen */
  /* automatic count (max_keypoints = 0): auto_few points below auto_mid_from
   * candidates, auto_mid below auto_many_from, else auto_many */
  int auto_few, auto_mid, auto_many;
  uint32_t auto_mid_from, auto_many_from;
  /* in copy of one-sentence paragraphs (KP_STYLE_SHORT), hand-tuned
   * selection: at most auto_short_max points */
  int auto_short_max;
  /* TextRank (summarize.c) */
  double tr_damping;        /* PageRank damping factor */
  double tr_epsilon;        /* PageRank stops when the L1 change is below this */
  int tr_max_iter;          /* ... or after this many iterations */
  double tr_idf_smooth;     /* added to ln(N / df) so terms in every sentence still count */
  double tr_tie_scale;      /* scores are rounded to 1 / tr_tie_scale before ranking: ties */
} kp_weights;

/* The default weights (keypoints.c). */
extern const kp_weights prc_kp_weights;

#endif
