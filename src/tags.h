/* tags.h - stage 4: statistical POS and NER tags on the document's tokens (tags.c). */
#ifndef PRECIS_TAGS_H
#define PRECIS_TAGS_H

#include "doc.h"
#include "model/tagger.h"

/* An entity span proposed by the NER tagger: tokens [b, e), type TAG_ENT_*. */
typedef struct ner_span {
  uint32_t b, e;
  uint8_t type;
} ner_span;

/* Checks, before an analysis, that the models given are of the right kinds
 * (PRECIS_ERROR_MODEL_KIND); prc_tags_models, called once the text has
 * tokens (a text without any touches no model), that the built-in ones it
 * will run exist (PRECIS_ERROR_MODEL_MISSING; decoding them on first use).
 * Return 0 or -1. */
int prc_tags_check(const precis_options *o, precis_error *err);
int prc_tags_models(const precis_options *o, precis_error *err);

static inline bool tags_have_ner(const precis_doc *d) { return d->has_ner; }
static inline bool tags_have_pos(const precis_doc *d) { return d->has_pos; }

#endif
