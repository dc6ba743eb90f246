/* tagger_features.h - the taggers' insides: the tagger struct, per-token
 * lexical information and the feature extraction.  tagger.c (run time) uses
 * it to tag; the trainer (train/tagger_train.c) includes it so that it
 * computes exactly the features the run time will see.  Nothing here
 * depends on training code. */
#ifndef PRECIS_TAGGER_FEATURES_H
#define PRECIS_TAGGER_FEATURES_H

#include "model.h"
#include "perceptron.h"
#include "tagger.h"

/* Feature-set ids: bump when the feature extraction changes. */
#define TG_FEATSET_POS 0x504f5304u
#define TG_FEATSET_NER 0x4e455206u

#define TG_MAX_LABELS 32
#define TG_MAX_NOTES 16
#define TG_WC_STRIDE 32
enum { TG_ROLE_C, TG_ROLE_L1, TG_ROLE_L2, TG_ROLE_R1, TG_ROLE_R2, TG_NROLES };
#define TG_MAXF 128 /* features per decision, at most (NER: about 95 in the worst case) */

struct tagger {
  int kind, builtin;
  int nlabels;
  char *labels[TG_MAX_LABELS];
  pc_model w;
  model_lex dict; /* POS: lowercased word -> tag information (TG_DICT_*) */
  model_lex gaz;  /* NER: lowercased phrase -> entity type mask */
  model_lex clus; /* word -> cluster path (bit string, TG_CLUS_*) */
  /* Run-time merge of the above, one look-up per word: key = lowercased
   * word hash (or gazetteer phrase key), val = dict (POS) or gazetteer (NER)
   * value, pad = cluster value. */
  model_lex words;
  /* Word cache, built at load time from the vocabulary section "VOCB":
   * for each training word and each role (the word as the current token,
   * as its left/right neighbour...), the summed weights of the features
   * that depend on that word alone.  wc_index maps the cased word hash to
   * val = block number, pad = mask of roles whose sums fit in int16; a
   * block is TG_NROLES rows of TG_WC_STRIDE int16. */
  model_lex wc_index;
  int16_t *wc_rows;
  /* Lexeme cache, built at load time for the same vocabulary: the complete
   * run-time tg_lex of each word (hashes, lexicon values, word-cache block),
   * keyed by the normalised bytes (a token's tg_lex depends on them alone),
   * so that a known word costs one look-up instead of a dozen hashes.
   * lc_slots: open addressing on a hash of the normalised bytes (0 =
   * empty), idx = lexeme number, len = byte length (the bytes themselves,
   * for the exact comparison, at lc_text + lc_off[idx]).  One allocation
   * holds the four arrays (lc_slots is its start). */
  struct tg_lc_slot *lc_slots;
  uint32_t lc_mask, lc_n;
  struct tg_lex *lc_lex;
  uint32_t *lc_off; /* lc_n + 1 offsets into lc_text */
  char *lc_text;
  int nnotes;
  char *note_key[TG_MAX_NOTES], *note_val[TG_MAX_NOTES];
};

/* dict value: bits 0..16 = tags seen (>= 10% of the word's occurrences),
 * bit 31 = unambiguous and frequent: tag directly, tag in bits 24..28. */
#define TG_DICT_SURE 0x80000000u
#define TG_DICT_TAG(v) (((v) >> 24) & 31u)

/* gazetteer value: bits 0..3 = entity types of the phrase, TG_GAZ_PREFIX = a
 * longer phrase begins with it. */
#define TG_GAZ_PREFIX 16u
#define TG_GAZ_FIRST 32u /* a first name (names/stdlib lists, CC0) */

/* cluster value: path bits in the low 24 bits (MSB-first from bit 23), length in bits 24..28;
 * 0 = no cluster. */
#define TG_CLUS_LEN(v) (((v) >> 24) & 31u)

/* Per-token lexical information. */
typedef struct tg_lex {
  uint64_t word, lower, shape, lshape; /* hashes */
  uint64_t pre[4], suf[4];             /* lowercased prefixes/suffixes of 1..4 bytes */
  uint32_t flags;
  uint32_t dict;    /* POS dictionary value */
  uint32_t clus;    /* cluster value */
  uint32_t gzv;     /* gazetteer value of the word alone (merged lexicon only) */
  const int16_t *wrow; /* word-cache block (run time) or NULL */
  uint32_t wmask;      /* roles present in wrow */
  uint8_t gz[4];    /* gazetteer type masks for phrases starting here, length 1..4 */
  uint8_t fname;    /* the word is a known first name */
} tg_lex;

#define TG_RING 16

typedef struct tg_lc_slot {
  uint64_t key;
  uint32_t idx, len;
} tg_lc_slot;

typedef struct tg_run {
  const tag_token *toks;
  size_t n;
  const model_lex *dict, *gaz, *clus; /* lexicons (may be NULL) */
  const model_lex *words;             /* merged lexicon (run time), or NULL */
  const tagger *wc;                   /* tagger whose word cache to use, or NULL */
  const tagger *lc;                   /* tagger whose lexeme cache to use, or NULL
                                         (only with words and wc of the same tagger) */
  int words_pos;                      /* words holds POS dict values (else gazetteer) */
  size_t lex_done;                    /* tokens [0, lex_done) have lexical info */
  tg_lex ring[TG_RING];
  /* Lexeme-cache look-ups started ahead (lc only): token pre_tok[k]'s
   * normalised bytes, their length and hash, for slot k = token % TG_RING. */
  size_t pre_done;                    /* tokens [0, pre_done) were started */
  size_t pre_tok[TG_RING];
  uint64_t pre_h[TG_RING];
  uint32_t pre_m[TG_RING];
  char pre_b[TG_RING][64];
  /* POS tags for NER features */
  const uint8_t *pos_in;              /* given tags, or NULL */
  const tagger *pos_model;            /* used when pos_in is NULL (may be NULL) */
  size_t pos_done;
  uint8_t posr[TG_RING];
  int caps_sentence;                  /* no lowercase letter in the whole sentence */
} tg_run;

void prc_tg_run_init(tg_run *r, const tag_token *toks, size_t n);
/* Feature extraction.  prev1/prev2 are the labels of the two previous
 * tokens (or the BOS label id = nlabels).  Returns the number of features. */
size_t prc_tg_pos_feats(tg_run *r, size_t i, int prev1, int prev2, uint64_t *f);
size_t prc_tg_ner_feats(tg_run *r, size_t i, int prev1, int prev2, uint64_t *f);
/* The same split in two: features that do not depend on earlier labels
 * (static) and those that do (dynamic); tg_*_feats = static + dynamic. */
size_t prc_tg_pos_static(tg_run *r, size_t i, uint64_t *f);
size_t prc_tg_pos_dynamic(tg_run *r, size_t i, int prev1, int prev2, uint64_t *f);
size_t prc_tg_ner_static(tg_run *r, size_t i, uint64_t *f);
size_t prc_tg_ner_dynamic(tg_run *r, size_t i, int prev1, int prev2, uint64_t *f);
/* Token-internal features (bias, word, affixes, shape, own cluster...):
 * these depend on the word alone, so the run time can add a cached sum. */
size_t prc_tg_pos_internal(const tg_lex *c, uint64_t *f);
size_t prc_tg_ner_internal(const tg_lex *c, uint64_t *f);
/* Lexical information of a single token, as lex_fill computes it. */
void prc_tg_lex_of(const tag_token *t, const model_lex *dict, const model_lex *clus, tg_lex *out);
/* Mask of NER labels allowed after prev (BILOU well-formedness); last = token is the last. */
uint32_t prc_tg_ner_allowed(int prev, int last);
/* Lowercased normalised hash of a token (the key of dict/clus/gaz lexicons). */
uint64_t prc_tg_lower_hash(const char *s, size_t len);
/* Gazetteer phrase key, extended one token at a time (start with h = 0). */
uint64_t prc_tg_gaz_key(uint64_t h, uint64_t lower, int k);

extern const char *const prc_tg_upos_names[TAG_UPOS_COUNT];
extern const char *const prc_tg_ner_names[TAG_NER_COUNT];

#endif
