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

static inline bool tags_have_ner(const precis_doc *d) { return d->has_ner; }
static inline bool tags_have_pos(const precis_doc *d) { return d->has_pos; }

#endif
