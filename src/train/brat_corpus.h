/* brat_corpus.h - the articles of a PolNeAR-style folder for the trainers
 * (cue_train.c, cend_train.c): DIR/text/<article>.txt and
 * DIR/attributions/<article>_<annotator>.ann, the first annotation file of
 * each article (file-name order, as `precis eval attrib` takes it). */
#ifndef PRECIS_BRAT_CORPUS_H
#define PRECIS_BRAT_CORPUS_H

#include <stddef.h>

#include "arena.h"
#include "eval/brat.h"
#include "precis.h"

/* Called once per article: its text (NUL-terminated, len bytes), its
 * annotation, an arena that lives until the call returns.  Non-zero stops
 * the walk (and is returned). */
typedef int (*prc_tr_article_fn)(void *ctx, const char *text, size_t len, const brat_ann *ann, arena *a,
                                 precis_error *err);

/* Walks the articles of dir.  Returns 0, fn's non-zero value, or -1 with
 * err when the folder, a text or an annotation file cannot be read. */
int prc_tr_each_article(const char *dir, prc_tr_article_fn fn, void *ctx, precis_error *err);

#endif
