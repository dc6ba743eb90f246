/* parse.h - stage 4b: dependency trees of the document's sentences (parse.c),
 * and how the later stages read them.
 *
 * The trees live in two side arrays of the document (doc.h: dep_head,
 * dep_rel), from prc_parse_sentences until export.c gives the tokens back.
 * Not every sentence is parsed (parse.c says which): ask prc_dep_parsed
 * before reading a token's head.  Within a parsed sentence every token has
 * a head in the same sentence except its one root (head -1).
 *
 * Lazily: prc_parse_sentences only chooses the sentences (and, with
 * PRECIS_OPT_WITH_TOKENS, parses them all); a chosen sentence is parsed the
 * first time prc_dep_head or prc_dep_rel reads one of its tokens, so a
 * sentence whose tree no stage reads costs nothing.  The trees are the same
 * either way (a sentence's tree depends on its own tokens and tags alone).
 * prc_dep_parsed and prc_dep_sentence_parsed answer without parsing: a
 * guard that can reject on cheaper tests should make them before it reads
 * a head. */
#ifndef PRECIS_PARSE_H
#define PRECIS_PARSE_H

#include "doc.h"
#include "model/parser.h"

/* The longest sentence parsed for the later stages, in tokens (parse.c says
 * why); with PRECIS_OPT_WITH_TOKENS longer ones are parsed too, but the
 * later stages read no tree of a sentence longer than this, so that their
 * results do not depend on that option. */
#define PRC_PARSE_CUE_MAX 1024

/* dep_head of a token whose sentence was not parsed */
#define PRC_DEP_UNPARSED (-2)

/* Checks, before an analysis, the parser it will run: a parse_model of
 * another kind is PRECIS_ERROR_MODEL_KIND.  prc_parse_models, called once the
 * text has tokens (a text without any touches no model), decodes the
 * built-in parser (PRECIS_ERROR_OUT_OF_MEMORY when that fails; none compiled
 * in is no error: nothing is parsed).  Nothing is checked with
 * PRECIS_OPT_NO_TAGGER.  Return 0 or -1. */
int prc_parse_check(const precis_options *o, precis_error *err);
int prc_parse_models(const precis_options *o, precis_error *err);

/* Parses sentence s now if it was not (a later stage that needs its tree:
 * keypoints.c compresses the points it chose).  The same conditions as the
 * stage's own: POS tags, a parser, at most PRC_PARSE_CUE_MAX tokens.  Returns
 * whether the sentence has a tree. */
bool prc_parse_sentence(precis_doc *d, uint32_t s);

/* dep_head of a token whose sentence the stage chose but has not parsed yet:
 * it is parsed the first time one of its tokens' heads or relations is read
 * (prc_parse_pending, below).  Never returned by the readers. */
#define PRC_DEP_PENDING (-3)

/* Parses token tok's sentence, which is pending, now.  The readers below call
 * it: they take a const document, and fill its side arrays behind that
 * pointer.  That is safe because a document is built by one thread, and the
 * stages read trees only while it is being built (export.c gives the side
 * arrays back before precis_analyze returns it). */
void prc_parse_pending(const precis_doc *d, uint32_t tok);

/* Gives back the parser's input and scratch (export.c, with the side arrays). */
void prc_parse_release_buffers(precis_doc *d);

/* Has token tok's sentence a tree (made now, or on first read)?  Asks
 * without parsing: test it before the head when both are needed. */
static inline bool prc_dep_parsed(const precis_doc *d, uint32_t tok) {
  return d->dep_head && d->dep_head[tok] != PRC_DEP_UNPARSED;
}
/* The absolute index of token tok's head, -1 for its sentence's root,
 * PRC_DEP_UNPARSED when its sentence was not parsed. */
static inline int32_t prc_dep_head(const precis_doc *d, uint32_t tok) {
  if (!d->dep_head) return PRC_DEP_UNPARSED;
  if (d->dep_head[tok] == PRC_DEP_PENDING) prc_parse_pending(d, tok);
  return d->dep_head[tok];
}
/* Token tok's relation to its head (PRC_DEP_*; PRC_DEP_ROOT for the root),
 * PRC_DEP_NONE when not parsed. */
static inline int prc_dep_rel(const precis_doc *d, uint32_t tok) {
  return prc_dep_head(d, tok) != PRC_DEP_UNPARSED ? d->dep_rel[tok] : PRC_DEP_NONE;
}
/* Has sentence s a tree (as prc_dep_parsed: asks without parsing)? */
static inline bool prc_dep_sentence_parsed(const precis_doc *d, uint32_t s) {
  return s < d->nsents && d->sents[s].tok_end > d->sents[s].tok_begin &&
         prc_dep_parsed(d, d->sents[s].tok_begin);
}

#endif
