/* tagger.h - statistical part-of-speech and named-entity taggers.
 *
 * Two greedy left-to-right averaged-perceptron taggers (perceptron.h) with
 * hashed features, trained by precis itself (`precis train pos|ner`) and
 * shipped compiled into the library (models/pos.bin, models/ner.bin).
 *
 * Usage (one sentence at a time; tokens as precis's tokenizer makes them):
 *
 *   const tagger *pos = prc_tagger_builtin_pos();   // NULL: no model compiled in
 *   const tagger *ner = prc_tagger_builtin_ner();
 *   tag_token toks[n] = {{"Mr", 2}, {"Smith", 5}, ...};
 *   uint8_t upos[n], ner_lab[n];
 *   prc_tagger_pos(pos, toks, n, upos);              // upos[i] is a TAG_UPOS_* id
 *   prc_tagger_ner(ner, toks, upos, n, ner_lab);     // BILOU label ids
 *   tag_span sp[64];
 *   size_t ns = prc_tagger_ner_spans(ner_lab, n, sp, 64);  // PER/ORG/LOC/MISC spans
 *
 * Threads: a loaded tagger is immutable; any number of threads may tag
 * with the same tagger at once.  The built-in taggers are in-place images
 * in the library's .rodata (docs/models.md), opened on first use (no
 * decoding: the tables, per-word caches included, are used where they lie),
 * and live until exit.
 * Memory: prc_tagger_pos / prc_tagger_ner allocate nothing; they keep a small
 * fixed window on the stack (under 12 KB), so sentences of any length are
 * fine.
 * Speed: about 2.5-2.9 million tokens/s for POS alone and 0.75-0.85 million
 * tokens/s for POS + NER (two passes, prc_tagger_ner_doc) on one core (precis eval ner --bench, shared
 * machine); sums use AVX2 when the CPU has it (same results either way).
 * Tokens: UTF-8 text, not NUL-terminated, one sentence per call (split as
 * PTB does: "do" "n't", "John" "'s", punctuation on its own).  Curly quotes,
 * dashes, ellipses and digits are normalised inside the feature extraction,
 * so “ ” ‘ ’ — … and PTB-style `` '' -- all work.  Tokens longer than 48
 * bytes are hashed by their first 48 bytes.
 * Accuracy (dev sets, see models/README.md): UPOS 95.2% on UD EWT (web
 * text; news is easier), NER entity F1 90.9 on CoNLL-2003 (Reuters news; 89.3 for
 * the first pass alone).
 */
#ifndef PRECIS_TAGGER_H
#define PRECIS_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

typedef struct tagger tagger;

typedef struct tag_token {
  const char *s;
  uint32_t len;
} tag_token;

/* Universal POS tags: the ids prc_tagger_pos writes (fixed; POS models must use this order). */
enum {
  TAG_UPOS_ADJ, TAG_UPOS_ADP, TAG_UPOS_ADV, TAG_UPOS_AUX, TAG_UPOS_CCONJ, TAG_UPOS_DET,
  TAG_UPOS_INTJ, TAG_UPOS_NOUN, TAG_UPOS_NUM, TAG_UPOS_PART, TAG_UPOS_PRON, TAG_UPOS_PROPN,
  TAG_UPOS_PUNCT, TAG_UPOS_SCONJ, TAG_UPOS_SYM, TAG_UPOS_VERB, TAG_UPOS_X,
  TAG_UPOS_COUNT
};

/* Entity types. */
enum { TAG_ENT_PER, TAG_ENT_ORG, TAG_ENT_LOC, TAG_ENT_MISC, TAG_ENT_COUNT };

/* NER label ids (BILOU): 0 = O, else 1 + 4*type + part, part B=0 I=1 L=2 U=3. */
enum { TAG_NER_B = 0, TAG_NER_I = 1, TAG_NER_L = 2, TAG_NER_U = 3 };
#define TAG_NER_O 0
#define TAG_NER_LABEL(type, part) (1 + 4 * (type) + (part))
#define TAG_NER_COUNT (1 + 4 * TAG_ENT_COUNT)
#define TAG_NER_TYPE(lab) (((lab) - 1) / 4) /* lab != 0 */
#define TAG_NER_PART(lab) (((lab) - 1) % 4) /* lab != 0 */

enum { TAGGER_POS = 1, TAGGER_NER = 2 };

/* Built-in models (compiled in from models/pos.bin, models/ner.bin); NULL if none. */
const tagger *prc_tagger_builtin_pos(void);
const tagger *prc_tagger_builtin_ner(void);
/* The built-in model of a kind (TAGGER_POS / TAGGER_NER), decoded on first
 * use; NULL with err filled (when not NULL) when it is not compiled in
 * (PRECIS_ERROR_MODEL_MISSING) or memory ran out (PRECIS_ERROR_OUT_OF_MEMORY:
 * the next call tries again).  Thread-safe. */
const tagger *prc_tagger_builtin(int kind, struct precis_error *err);

/* Loads a model file (mmap'd while it is decoded); NULL with a message in err. */
tagger *prc_tagger_load_file(const char *path, struct precis_error *err);
/* Decodes a model from memory (the buffer may be freed afterwards). */
tagger *prc_tagger_load_memory(const void *buf, size_t n, struct precis_error *err);
/* The trainers' loads: a format-1 model with its weights exactly as trained
 * (every row int16, none int8, no word cache; docs/models.md "Exact weights for the
 * trainers"), so the tags a trainer computes, and the dev figure it records,
 * do not move with the run-time layout.  An image (format 2) loads as usual. */
tagger *prc_tagger_load_file_exact(const char *path, struct precis_error *err);
tagger *prc_tagger_load_memory_exact(const void *buf, size_t n, struct precis_error *err);
void prc_tagger_free(tagger *t); /* no-op for the built-in taggers and NULL */

int prc_tagger_kind(const tagger *t);            /* TAGGER_POS or TAGGER_NER */
int prc_tagger_nlabels(const tagger *t);
const char *prc_tagger_label_name(const tagger *t, int id); /* "NOUN", "B-PER", ...; "?" if out of range */
/* A note recorded at training time: "data", "licence", "date", "dev", "epochs",
 * "seed", "features".  Returns "" when absent. */
const char *prc_tagger_note(const tagger *t, const char *key);

/* POS: out[i] = TAG_UPOS_* id.  t may be NULL: then every token gets TAG_UPOS_X. */
void prc_tagger_pos(const tagger *t, const tag_token *toks, size_t n, uint8_t *out);

/* A memo of the taggers' analysis of each distinct word form (hashes,
 * lexicon values) over one document, so that a repeated word is analysed
 * once (and a word the POS tagger has seen costs the NER tagger only its
 * look-ups): same results as without it.  It lives in memory the caller
 * gives, prc_tag_memo_bytes(n) bytes (any content, no alignment needed)
 * for a document of n tokens; it remembers at most min(n, 2048) forms, and
 * keeps pointers to the tokens' bytes, which must outlive it.  A memo
 * serves one POS and one NER tagger (given another tagger of a kind, it
 * starts again empty).  Not shared between threads. */
typedef struct tag_memo tag_memo;
size_t prc_tag_memo_bytes(size_t n);
tag_memo *prc_tag_memo_init(void *mem, size_t n);
/* The largest n whose memo fits in bytes (0: none). */
size_t prc_tag_memo_fit(size_t bytes);
/* prc_tagger_pos with a memo (may be NULL) for the words of a document
 * tagged sentence by sentence. */
void prc_tagger_pos_memo(const tagger *t, const tag_token *toks, size_t n, uint8_t *out, tag_memo *memo);

/* NER: out[i] = BILOU label id (always a well-formed sequence).  pos may be
 * NULL: then the built-in POS tagger is run internally (pass the tags you
 * already have to save the time).  t may be NULL: every token gets O. */
void prc_tagger_ner(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n, uint8_t *out);

/* NER over a whole document (or a chunk of one): toks[0..n) with POS tags
 * pos (may be NULL, as above), sentences [sb[s], sb[s+1]) for s < ns.  A
 * two-pass model tags every sentence, gathers document-level evidence from
 * those labels (the other mentions of the same word or capitalised phrase,
 * acronyms and the phrases they abbreviate, organisation words ending a
 * name) and tags again with it; a one-pass model tags each sentence alone.
 * scratch: prc_tagger_ner_doc_scratch(t, n) bytes (linear in n; the caller
 * bounds n by chunking long documents).  prc_tagger_ner, on one sentence,
 * runs the first pass alone. */
size_t prc_tagger_ner_doc_scratch(const tagger *t, size_t n);
void prc_tagger_ner_doc(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n,
                        const uint32_t *sb, size_t ns, void *scratch, uint8_t *out);
/* The first prc_tagger_ner_doc_room(t, n) bytes of the scratch (at its
 * start, 8-byte aligned if the scratch is) are free until the call's first
 * pass is done: a caller may keep the document's memo there
 * (prc_tag_memo_fit), for its POS tagging and this call, which spends it
 * (init it again before any further use).  0: no such room. */
size_t prc_tagger_ner_doc_room(const tagger *t, size_t n);
/* The same with the document's memo (may be NULL; see tag_memo). */
void prc_tagger_ner_doc_memo(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n,
                             const uint32_t *sb, size_t ns, void *scratch, uint8_t *out, tag_memo *memo);

/* Entity spans from NER labels: tokens [begin, end). */
typedef struct tag_span {
  uint32_t begin, end;
  uint8_t type; /* TAG_ENT_* */
} tag_span;
/* Writes up to max spans, returns how many there are in total.  Also
 * accepts (and repairs) BIO or ill-formed BILOU sequences. */
size_t prc_tagger_ner_spans(const uint8_t *labels, size_t n, tag_span *spans, size_t max);
const char *prc_tagger_ent_name(int type); /* "PER", "ORG", "LOC", "MISC" */
int prc_tagger_ent_type(const char *name); /* inverse, -1 if unknown */

#endif
