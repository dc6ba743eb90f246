/* clusters.h - Brown-style word clusters learnt from unlabelled news text
 * (tagger_clus.c), used as tagger features. */
#ifndef PRECIS_CLUSTERS_H
#define PRECIS_CLUSTERS_H

#include "model/tagger_features.h"

/* Word clusters from unlabelled text (tagger_clus.c): the news text under
 * data_dir (summ/ *.jsonl, polnear/{train,dev}/text) plus extra tokens (a
 * token of length 0 = sentence break).  Keys are prc_tg_lower_hash values. */
int prc_tg_build_clusters(const char *data_dir, const tag_token *extra, size_t nextra, int verbose,
                      uint64_t **keys, uint32_t **vals, size_t *n);

#endif
