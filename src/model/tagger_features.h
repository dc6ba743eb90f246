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
/* A two-pass NER model: the sentence-level weights ("WGHT", the features of
 * TG_FEATSET_NER) and a second pass ("WGH2") that adds document-level
 * evidence from the first pass's labels (prc_tg_ner_doc_feats). */
#define TG_FEATSET_NER2 0x4e455208u

/* Feature template ids.  Every feature is hashed together with its template
 * id (pc_feat1/2/3), so these numbers are part of the shipped models: never
 * renumber one (models/pos.bin and ner.bin would silently stop matching);
 * a new template takes an unused number, and a changed extraction bumps
 * TG_FEATSET_*.  Names: L1/L2 = one/two words to the left, R1/R2 to the right,
 * P1/P2 = the previous labels; SUFn/PREn = suffix/prefix of n bytes; X_Y =
 * the pair (X, Y).  Ranges (+ 0..3) are the cluster prefixes (clus_feats) and
 * affix lengths. */
typedef enum tg_template {
  /* POS: the token itself (prc_tg_pos_internal; also its word-cache role C) */
  TGF_POS_BIAS = 1,                 /* always on */
  TGF_POS_LOWER = 2,                /* lower-cased word */
  TGF_POS_WORD = 3,                 /* word as written */
  TGF_POS_SUF = 4,                  /* suffixes of 1..4 bytes: TGF_POS_SUF + 0..3 (4..7) */
  TGF_POS_PRE = 8,                  /* prefixes of 1..3 bytes: TGF_POS_PRE + 0..2 (8..10) */
  TGF_POS_SHAPE = 11,               /* word shape */
  TGF_POS_DICT = 24,                /* POS dictionary tags */
  TGF_POS_CLUS = 40,                /* cluster path prefixes of 4, 8, 12, 20 bits: + 0..3 (40..43) */
  /* POS: the left neighbour (role L1) */
  TGF_POS_L1_LOWER = 13,
  TGF_POS_L1_SUF3 = 17,
  TGF_POS_L1_SHAPE = 26,
  TGF_POS_L1_WORD = 51,
  TGF_POS_L1_SUF1 = 54,
  TGF_POS_L1_CLUS = 60,             /* 60..63 */
  /* POS: the second word to the left (role L2) */
  TGF_POS_L2_LOWER = 14,
  /* POS: the right neighbour (role R1) */
  TGF_POS_R1_LOWER = 15,
  TGF_POS_R1_SUF3 = 18,
  TGF_POS_R1_SHAPE = 19,
  TGF_POS_R1_DICT = 22,
  TGF_POS_R1_CLUS = 44,             /* 44..47 */
  TGF_POS_R1_WORD = 50,
  TGF_POS_R1_SUF2 = 52,
  TGF_POS_R1_PRE1 = 53,
  TGF_POS_R1_FLAGS = 58,
  /* POS: the second word to the right (role R2) */
  TGF_POS_R2_LOWER = 16,
  TGF_POS_R2_DICT = 23,
  TGF_POS_R2_CLUS = 64,             /* 64..67 */
  /* POS: combinations of tokens (pos_pairs) */
  TGF_POS_FLAGS = 12,               /* token flags, with F_FIRST */
  TGF_POS_LOWER_R1LOWER = 20,
  TGF_POS_L1LOWER_LOWER = 21,
  TGF_POS_DICT_R1DICT = 25,
  TGF_POS_LOWER_R1DICT = 55,
  TGF_POS_L1LOWER_R1LOWER = 56,
  TGF_POS_SHAPE3 = 57,              /* shapes of l1, c, r1 */
  TGF_POS_SUF3_R1LOWER = 59,
  TGF_POS_LOWER_R2LOWER = 68,
  /* POS: with the previous labels (prc_tg_pos_dynamic) */
  TGF_POS_P1 = 30,                  /* previous tag */
  TGF_POS_P1_P2 = 31,               /* two previous tags */
  TGF_POS_P1_LOWER = 32,
  TGF_POS_P1_R1DICT = 33,
  TGF_POS_P1_SUF3 = 34,
  /* NER: the token itself (prc_tg_ner_internal; role C) */
  TGF_NER_BIAS = 101,
  TGF_NER_WORD = 102,
  TGF_NER_LOWER = 103,
  TGF_NER_SUF = 110,                /* suffixes of 1..4 bytes: + 0..3 (110..113) */
  TGF_NER_PRE = 114,                /* prefixes of 1..4 bytes: + 0..3 (114..117) */
  TGF_NER_SHAPE = 118,
  TGF_NER_LSHAPE = 119,             /* long (uncollapsed) shape */
  TGF_NER_CLUS = 150,               /* 150..153 */
  /* NER: the left neighbour (role L1) */
  TGF_NER_L1_LOWER = 104,
  TGF_NER_L1_WORD = 108,
  TGF_NER_L1_SHAPE = 120,
  TGF_NER_L1_SUF3 = 133,
  TGF_NER_L1_SUF4 = 180,
  TGF_NER_L1_PRE3 = 183,
  TGF_NER_L1_CLUS = 154,            /* 154..157 */
  /* NER: the second word to the left (role L2) */
  TGF_NER_L2_LOWER = 105,
  /* NER: the right neighbour (role R1) */
  TGF_NER_R1_LOWER = 106,
  TGF_NER_R1_SHAPE = 121,
  TGF_NER_R1_SUF3 = 134,
  TGF_NER_R1_SUF4 = 181,
  TGF_NER_R1_PRE3 = 182,
  TGF_NER_R1_CLUS = 158,            /* 158..161 */
  /* NER: the second word to the right (role R2) */
  TGF_NER_R2_LOWER = 107,
  /* NER: combinations of tokens and POS tags (ner_pairs) */
  TGF_NER_SHAPE3 = 122,             /* shapes of l1, c, r1 */
  TGF_NER_FLAGS = 123,              /* token flags, with F_FIRST and F_CAPSSENT */
  TGF_NER_POS = 125,                /* POS of the token */
  TGF_NER_L1POS = 126,
  TGF_NER_R1POS = 127,
  TGF_NER_POS_R1POS = 128,
  TGF_NER_POS_SHAPE = 130,
  TGF_NER_L1LOWER_LOWER = 131,
  TGF_NER_LOWER_R1LOWER = 132,
  TGF_NER_LOWER_CAPSSENT = 135,     /* word in an all-capitals sentence */
  TGF_NER_POS3 = 198,               /* POS of l1, c, r1 */
  TGF_NER_LOWER_R1POS = 199,
  TGF_NER_L1LOWER_POS = 200,
  TGF_NER_FNAME_R1CAP = 201,        /* a first name before a capitalised word */
  TGF_NER_L1FNAME_CAP = 202,        /* a capitalised word after a first name */
  TGF_NER_GAZ = 140,                /* gazetteer type and BILU part covering the token */
  TGF_NER_GAZ_LEN = 141,            /* ... and the phrase length */
  /* NER: with the previous labels (prc_tg_ner_dynamic) */
  TGF_NER_P1 = 170,
  TGF_NER_P1_P2 = 171,
  TGF_NER_P1_LOWER = 172,
  TGF_NER_P1_SHAPE = 173,
  TGF_NER_P1_POS = 174,
  /* NER second pass: document-level evidence (prc_tg_ner_doc_feats) */
  TGF_NER_D_P1 = 210,               /* the first pass's label of the token */
  TGF_NER_D_P1_3 = 211,             /* ... of l1, c, r1 */
  TGF_NER_D_WORD = 212,             /* majority first-pass type of the word's other capitalised
                                       occurrences in the document, agreement, own type */
  TGF_NER_D_WORD_ENT = 213,         /* ... among those tagged as entities */
  TGF_NER_D_INLONG = 214,           /* type of the longer entities that contain the word elsewhere */
  TGF_NER_D_PHRASE = 215,           /* type of the same phrase (first-pass span) elsewhere */
  TGF_NER_D_ACRO = 216,             /* an acronym: type of the capitalised phrase with these initials */
  TGF_NER_D_ACRO_REV = 217,         /* a phrase whose initials are an acronym of the document */
  TGF_NER_D_ORGRUN = 218,           /* capitalised run ending in an organisation word / led by one */
  TGF_NER_D_KEY = 219,              /* keys of the document tables (not features) */
  TGF_NER_D_WORD_ORGRUN = 220,      /* the word is in a run ending in an organisation word elsewhere */
  TGF_NER_D_WORD_SCORE = 221,       /* the word is in a score position ("Bath 56") somewhere */
  TGF_NER_D_CTX_L = 222,            /* the left neighbour of another occurrence of the word */
  TGF_NER_D_CTX_R = 223,            /* the right neighbour of another occurrence of the word */
  /* Gazetteer phrase keys (prc_tg_gaz_key, also the trainer's gazetteer) */
  TGF_GAZ_KEY = 900,                /* phrases of k = 2..4 words: TGF_GAZ_KEY + k (902..904) */
} tg_template;

#define TG_MAX_LABELS 32
#define TG_MAX_NOTES 16
/* The run-time rows (weights and word-cache sums) hold exactly the 17 labels
 * both taggers have (until 0.7.0 they were padded to 32 values:
 * docs/models.md "Capacities").  Since layout 0x01020308 a row is int8:
 * 17 codes and a shift sh (byte 17), value = code x 2^sh in the model
 * file's int16 units, sh the smallest at which every value of the row
 * rounds (half away from zero) into [-127, 127] (TG_ROW_BYTES = 18 bytes,
 * unaligned; docs/models.md "The taggers' rows in int8").  A word-cache row
 * codes the exact sum of its features' int16 weights.  A weight row whose
 * shift would pass TG_W_MAXSH_* (NER: its few rows of large weights, about
 * 1,000 of 170,000, which the ORG F1 needs exact) stays int16: 17 values in
 * a table of its own (pc_model.rowsx; its rank is marked in pc_model.wdir),
 * and a row pointer to it is tagged (its address + 1: int8 rows lie at
 * even addresses, int16 rows too). */
#define TG_WC_STRIDE 17
#define TG_ROW_BYTES 18
#define TG_WIDE 0x80000000u /* (tg_quantize's numbering: a wide row's number) */
/* Weight slots (layout 0x01020309).  A pass's slot table is its keys alone
 * (pc_model.keys, u32: the high half of the feature hash, 0 = empty; the
 * home slot is the hash's low bits & mask, linear probing), 4 bytes a slot
 * instead of the 8 of a pc_slot: a feature's row number is the rank of
 * its slot among the occupied ones (the rows lie in slot order).  The rank
 * directory (pc_model.rdir) has one pair of u32 per 32 slots: the
 * occupied bits of the 32 (bit b = slot 32k + b) and the number of
 * occupied slots before them.  The rank r of a row counts the wide rows
 * too; the wide-row directory (pc_model.wdir, when nwide > 0) has a pair
 * per 32 ranks: the wide bits and the wide rows before.  A narrow row is
 * rows8[r], a wide one rowsx[number of wide ranks before it] (its rows8[r]
 * is zeros, never read: 18 bytes for each of the ~500 wide rows of a pass
 * spare the narrow ones a second rank).  The look-up compares the full 32-bit key, as
 * with pc_slot: it finds exactly what it found with 8-byte slots. */
#define TG_DIR_N(n) (((size_t)(n) + 31) / 32) /* directory pairs for n slots or ranks */
static inline uint32_t tg_popcount32(uint32_t x) {
#if defined(__GNUC__)
  return (uint32_t)__builtin_popcount(x); /* (popcnt in code for AVX2 hosts: tagger.c's decoder copies) */
#else
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  return (((x + (x >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
#endif
}
/* The entries of a directory d before position i (bits below i in its pair, and the pair's count). */
static inline uint32_t tg_dir_rank(const uint32_t *d, uint32_t i) {
  const uint32_t *e = d + 2 * (size_t)(i >> 5);
  return e[1] + tg_popcount32(e[0] & ((1u << (i & 31)) - 1u));
}
static inline int tg_dir_bit(const uint32_t *d, uint32_t i) { return (int)((d[2 * (size_t)(i >> 5)] >> (i & 31)) & 1u); }
#define TG_W_MAXSH_POS 15 /* (no POS row needs more than 9) */
#define TG_W_MAXSH_NER 3
#define TG_LROW_N 18 /* labels + 1 (before the sentence) that struct tagger's lrow covers */
enum { TG_ROLE_C, TG_ROLE_L1, TG_ROLE_L2, TG_ROLE_R1, TG_ROLE_R2, TG_NROLES };
#define TG_MAXF 136 /* features per decision, at most (NER: about 95 in the worst case, + TG_DOCF) */
#define TG_DOCF 18  /* document-level features of a token (second NER pass), at most (17 used) */

struct tagger {
  int kind, builtin;
  int inplace;           /* the tables below lie in an image (model.h, format 2): not freed */
  void *own;             /* the image of a tagger loaded from outside: a copy (prc_tagger_load_memory), or
                            the file's mapping (own_mapped; prc_tagger_load_file), or NULL */
  size_t own_len;
  int own_mapped;
  int nlabels;
  char *labels[TG_MAX_LABELS];
  pc_model w;
  pc_model w2;    /* NER second pass (document evidence); has2 */
  int has2;
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
   * block is TG_NROLES rows of TG_WC_STRIDE int16 (two-pass NER: then as
   * many for the second pass's weights). */
  model_lex wc_index;
  int8_t *wc_rows; /* blocks of TG_NROLES (x 2) int8 rows of TG_ROW_BYTES */
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
  /* The weight rows of the features of the previous labels alone (the
   * dynamic templates P1 and P1_P2, the same hashes in every sentence),
   * found once at load (label_rows): lrow[pass][p1][0] is P1's row,
   * lrow[pass][p1][1 + p2] that of P1_P2, for labels p1, p2 in
   * 0..nlabels (nlabels: before the sentence); NULL: not in the model.
   * has_lrow: the table is filled (nlabels < TG_LROW_N). */
  int has_lrow;
  const int8_t *lrow[2][TG_LROW_N][TG_LROW_N + 1]; /* (row pointers: see TG_ROW_BYTES) */
  /* NER (has_lrow): the rows of the features of POS tags alone, by pass
   * (tg_ptab; filled at load as lrow). */
  struct tg_ptab *ptab; /* [2], NULL: none */
};

/* The POS tag values of the NER features: the tags, and 20..22 (before
 * the sentence, after it, no tagger). */
#define TG_NPOS 23
/* The rows of the NER features of POS tags alone: POS, L1POS, R1POS by the
 * tag (p1[0], p1[1], p1[2]) and POS_R1POS by the pair (NULL: not in the
 * model).  The run time adds them instead of hashing and probing the
 * four features (ner_prepare, pass2_prepare). */
typedef struct tg_ptab {
  const int8_t *p1[3][TG_NPOS];
  const int8_t *p2[TG_NPOS][TG_NPOS];
} tg_ptab;

/* The header of a tagger's in-place image (section "TGHD"; docs/models.md).
 * Index 0 is the weights (w), 1 the second pass's (w2); lexicons: dict, gaz,
 * clus, words, wc_index (cap = entries, 0 = none). */
enum { TG_LX_DICT, TG_LX_GAZ, TG_LX_CLUS, TG_LX_WORDS, TG_LX_WC, TG_NLX };
typedef struct tg_img_head {
  uint32_t mark, kind, has2, nlabels;
  uint32_t nclasses[2], nfeat[2], cap[2], stride[2];
  float scale[2];
  uint32_t lx_cap[TG_NLX], lx_n[TG_NLX];
  uint32_t has_wc, has_lc, lc_cap, lc_n, lc_text; /* has_lc: 0 (no lexeme cache in images since 0x01020306) */
  uint32_t nwide[2]; /* weight rows kept in int16 (sections WRX0, WRX1) */
  uint32_t reserved[5];
} tg_img_head;

/* The sections of tagger t's image (tools/model_image.c): the tables and
 * their header *h (which s[0] points to).  Returns the number of sections
 * (at most 18). */
int prc_tagger_image(const tagger *t, tg_img_head *h, struct model_img_sec *s);

/* The int8 coding of a row of TG_WC_STRIDE values v (int16 units, any
 * int32): writes the codes and the shift to row[0..TG_ROW_BYTES) and
 * returns the shift.  prc_tg_row_value: value c of a row (int8 or tagged
 * int16).  prc_tg_score: the scores of features f[0..nf) from the weight
 * rows of a pass (0, or 1 the NER second pass) alone (sc[0..nlabels)). */
int prc_tg_q8_row(const int32_t *v, int8_t *row);
int32_t prc_tg_row_value(const int8_t *row, int c);
void prc_tg_score(const tagger *t, int pass, const uint64_t *f, size_t nf, int32_t *sc);
/* The weight row of feature f in a pass (a tagged pointer if wide), or NULL. */
const int8_t *prc_tg_row(const tagger *t, int pass, uint64_t f);

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
  uint64_t wofs;       /* word-cache block: its offset in wc_rows (bytes; run time) */
  uint32_t wmask;      /* roles present in the block (0: none) */
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
  /* Tokens [lex_done, head_done) have their hashes in the ring (lex_head)
   * and their lexicon look-ups due when pend is set (lex_tail; the memo
   * entry to complete, or NULL). */
  size_t head_done;
  uint8_t pend[TG_RING];
  struct tg_memo_ent *pend_ent[TG_RING];
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
  /* NER second pass: document features of the run's tokens (TG_DOCF a token,
   * ndocf[i] of them), or NULL; wc_pass2: use the second half of the word-cache blocks */
  const uint64_t *docf;
  const uint8_t *ndocf;
  int wc_pass2;
  /* the first pass keeps what the second pass needs here (run time), token i
   * at save_base + i; or NULL */
  struct tg_save *save;
  size_t save_base;
  int fold;                           /* fold Latin diacritics (two-pass NER models) */
  struct tag_memo *memo;              /* the document's lexemes so far (tagger.h), or NULL, */
  int memo_kind;                      /* and the part of it of the run's tagger: 0 POS, 1 NER */
} tg_run;

/* What the first NER pass keeps of each token of a document for the second. */
typedef struct tg_save {
  uint64_t *f;          /* static features of all tokens, token j's at [foff[j], foff[j+1]) */
  uint32_t *foff;
  const int8_t **rows;  /* word-cache rows of the first pass, TG_NROLES a token (nrows[j] used) */
  uint8_t *nrows;
  uint64_t *lower, *shape;
  size_t nf, cap;       /* features used, room */
} tg_save;

void prc_tg_run_init(tg_run *r, const tag_token *toks, size_t n);
/* Tagger t's static features of token i as its decoders take them (with
 * r->wc: the rows of the cached roles, *nrows of them, and the features
 * left), for tests. */
size_t prc_tg_static_rows(const tagger *t, tg_run *r, size_t i, uint64_t *f, const int8_t **rows, int *nrows);

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
/* Lexemes of toks[0..n) as tagger t's runs compute them (POS: as
 * prc_tagger_pos, NER: as the first pass), through memo (may be NULL):
 * for tests, a memoised lexeme is the one computed afresh. */
void prc_tg_lexemes(const tagger *t, const tag_token *toks, size_t n, tag_memo *memo, tg_lex *out);
/* Lexical information of a single token, as lex_fill computes it. */
void prc_tg_lex_of(const tag_token *t, const model_lex *dict, const model_lex *clus, tg_lex *out);
/* Document-level features for the second NER pass: toks[0..n) are the
 * document's tokens (sentences [sb[s], sb[s+1]) for s < ns), p1 the first
 * pass's labels, lower their lowercased hashes (prc_tg_lower_hash) or NULL.  Writes TG_DOCF slots a token to df (ndf[i] used) and
 * needs prc_tg_ner_doc_scratch(n) bytes of scratch (any content).  Linear
 * in n. */
size_t prc_tg_ner_doc_scratch(size_t n);
void prc_tg_ner_doc_feats(const tag_token *toks, size_t n, const uint32_t *sb, size_t ns,
                          const uint8_t *p1, const uint64_t *lower, void *scratch, uint64_t *df, uint8_t *ndf);
/* Mask of NER labels allowed after prev (BILOU well-formedness); last = token is the last. */
uint32_t prc_tg_ner_allowed(int prev, int last);
/* Lowercased normalised hash of a token (the key of dict/clus/gaz lexicons). */
uint64_t prc_tg_lower_hash(const char *s, size_t len);
/* Gazetteer phrase key, extended one token at a time (start with h = 0). */
uint64_t prc_tg_gaz_key(uint64_t h, uint64_t lower, int k);

extern const char *const prc_tg_upos_names[TAG_UPOS_COUNT];

/* Tests only: on, the decoders take the generic path (SSE2/scalar sums)
 * even on an AVX2 host; off, the host is probed again.  Not thread-safe
 * against running decoders. */
void prc_tg_force_generic(int on);
extern const char *const prc_tg_ner_names[TAG_NER_COUNT];

#endif
