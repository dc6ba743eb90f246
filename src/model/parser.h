/* parser.h - a greedy transition-based dependency parser (Universal Dependencies).
 *
 * Arc-hybrid transitions with labelled arcs, scored by the averaged
 * perceptron core (perceptron.h) over hashed features of the configuration
 * (words, predicted UPOS, word clusters, the stack, the buffer and the
 * children built so far).  Trained by precis itself (`precis train parse`,
 * train/parser_train.c) on the UD English Web Treebank, with a dynamic oracle
 * (exploration during training); non-projective trees are handled by
 * pseudo-projective lifting (Nivre & Nilsson 2005, "head" encoding): the
 * model predicts lifted labels "rel||headrel" and prc_parser_parse lowers
 * them again.  The shipped model (models/parse.bin) is compiled into the
 * library.
 *
 * Usage (one sentence at a time):
 *
 *   const parser *p = prc_parser_builtin(&err);        // NULL: none compiled in
 *   void *scratch = malloc(prc_parser_scratch_size(n));
 *   int32_t head[n]; uint8_t rel[n];
 *   prc_parser_parse(p, toks, upos, n, scratch, head, rel);
 *   // head[i]: index of token i's head in [0, n), or -1 for the root
 *   // rel[i]:  PRC_DEP_* id (prc_dep_name(rel[i]) = "nsubj", "acl:relcl", ...)
 *
 * The result is always a tree: exactly one token has head -1 and rel
 * PRC_DEP_ROOT, every other token has a head, and there are no cycles.
 * Threads: a loaded parser is immutable; any number of threads may parse
 * with it at once.  Memory: prc_parser_parse allocates nothing; the caller
 * gives it prc_parser_scratch_size(n) bytes (linear in n).  Time: linear in
 * n (at most 2n transitions, each scoring a fixed number of features).
 */
#ifndef PRECIS_PARSER_H
#define PRECIS_PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "tagger.h"

/* Dependency relations: the ids prc_parser_parse writes (fixed: the engine
 * tests them; a model's own labels are mapped onto these at load time, an
 * unknown subtype to its universal relation, an unknown relation to DEP). */
#define PRC_DEP_LIST(X)                                                                         \
  X(NONE, "_") X(ROOT, "root") X(ACL, "acl") X(ACL_RELCL, "acl:relcl") X(ADVCL, "advcl")        \
  X(ADVCL_RELCL, "advcl:relcl") X(ADVMOD, "advmod") X(AMOD, "amod") X(APPOS, "appos")           \
  X(AUX, "aux") X(AUX_PASS, "aux:pass") X(CASE, "case") X(CC, "cc")                             \
  X(CC_PRECONJ, "cc:preconj") X(CCOMP, "ccomp") X(CLF, "clf") X(COMPOUND, "compound")           \
  X(COMPOUND_PRT, "compound:prt") X(CONJ, "conj") X(COP, "cop") X(CSUBJ, "csubj")               \
  X(CSUBJ_OUTER, "csubj:outer") X(CSUBJ_PASS, "csubj:pass") X(DEP, "dep") X(DET, "det")         \
  X(DET_PREDET, "det:predet") X(DISCOURSE, "discourse") X(DISLOCATED, "dislocated")             \
  X(EXPL, "expl") X(FIXED, "fixed") X(FLAT, "flat") X(FLAT_FOREIGN, "flat:foreign")             \
  X(GOESWITH, "goeswith") X(IOBJ, "iobj") X(LIST, "list") X(MARK, "mark") X(NMOD, "nmod")       \
  X(NMOD_DESC, "nmod:desc") X(NMOD_NPMOD, "nmod:npmod") X(NMOD_POSS, "nmod:poss")               \
  X(NMOD_TMOD, "nmod:tmod") X(NMOD_UNMARKED, "nmod:unmarked") X(NSUBJ, "nsubj")                 \
  X(NSUBJ_OUTER, "nsubj:outer") X(NSUBJ_PASS, "nsubj:pass") X(NUMMOD, "nummod") X(OBJ, "obj")   \
  X(OBL, "obl") X(OBL_AGENT, "obl:agent") X(OBL_NPMOD, "obl:npmod") X(OBL_TMOD, "obl:tmod")     \
  X(OBL_UNMARKED, "obl:unmarked") X(ORPHAN, "orphan") X(PARATAXIS, "parataxis")                 \
  X(PUNCT, "punct") X(REPARANDUM, "reparandum") X(VOCATIVE, "vocative") X(XCOMP, "xcomp")

#define PRC_DEP_ENUM_(id, name) PRC_DEP_##id,
enum { PRC_DEP_LIST(PRC_DEP_ENUM_) PRC_DEP_COUNT };
#undef PRC_DEP_ENUM_

/* "nsubj", "acl:relcl", ...; "_" for PRC_DEP_NONE and out-of-range ids. */
const char *prc_dep_name(int rel);
/* The id of a relation name (n bytes); an unknown subtype gives its
 * universal relation ("obl:foo" -> OBL), an unknown relation PRC_DEP_DEP. */
int prc_dep_id(const char *name, size_t n);
/* The universal relation of an id (ACL_RELCL -> ACL, NSUBJ_PASS -> NSUBJ). */
int prc_dep_base(int rel);

/* The model file's feature-set id (model.h header field). */
#define PRC_PARSER_FEATSET 0x50415203u

typedef struct parser parser;

/* The built-in model (models/parse.bin), decoded on first use; NULL with err
 * (when not NULL) when none is compiled in (PRECIS_ERROR_MODEL_MISSING) or
 * memory ran out (PRECIS_ERROR_OUT_OF_MEMORY).  Thread-safe. */
const parser *prc_parser_builtin(struct precis_error *err);
/* Loads a model file / decodes one from memory (the buffer may be freed
 * afterwards); NULL with a message in err (PRECIS_ERROR_IO, _MODEL_FORMAT,
 * _MODEL_KIND for a file of another kind, _OUT_OF_MEMORY). */
parser *prc_parser_load_file(const char *path, struct precis_error *err);
parser *prc_parser_load_memory(const void *buf, size_t n, struct precis_error *err);
void prc_parser_free(parser *p); /* no-op for the built-in parser and NULL */

/* A note recorded at training time ("data", "licence", "date", "dev",
 * "epochs", "seed", "features"); "" when absent. */
const char *prc_parser_note(const parser *p, const char *key);

/* Bytes of scratch memory prc_parser_parse needs for a sentence of n tokens
 * (any alignment of 16 bytes or more will do). */
size_t prc_parser_scratch_size(size_t n);

/* Parses one sentence of n tokens with UPOS tags upos[i] (TAG_UPOS_*).
 * p may be NULL: then every token hangs from the first (a flat tree), which
 * keeps callers simple when no model exists. */
void prc_parser_parse(const parser *p, const tag_token *toks, const uint8_t *upos, size_t n,
                      void *scratch, int32_t *head, uint8_t *rel);

#endif
