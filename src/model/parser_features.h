/* parser_features.h - the parser's insides: the model struct, the arc-hybrid
 * configuration and the feature extraction.  parser.c (run time) parses with
 * it; the trainer (train/parser_train.c) includes it so that it computes
 * exactly the features the run time will see.  Nothing here depends on
 * training code.
 *
 * Transition system (arc-hybrid, Kuhlmann et al. 2011), with the root as an
 * extra token at the END of the buffer (Ballesteros & Nivre 2013): tokens
 * 0..n-1, ROOT = n.  A configuration is a stack, the buffer front b (the
 * buffer is b..n) and the arcs so far.
 *   SHIFT     b < n:                push b, b++
 *   LEFT(l)   stack not empty, and b < n or (b == n and the stack holds one
 *             token): pop s0, arc b -> s0 with label l (l = root iff b == n)
 *   RIGHT(l)  two or more on the stack: pop s0, arc s1 -> s0 with label l
 * The last token on the stack goes to ROOT with LEFT, so every sequence of
 * valid moves ends in a single-rooted projective tree after at most 2n moves.
 *
 * Scoring is factored: an action model (3 classes: SHIFT, LEFT, RIGHT) over
 * features of the whole configuration, plus a label model (one class per
 * model label) over features of the arc a LEFT or a RIGHT would make (head,
 * dependent, their children so far, direction).  score(LEFT, l) =
 * action[LEFT] + label_left[l], and likewise for RIGHT; the best valid
 * (action, label) pair is taken.  Two small tables instead of one joint
 * table of 2L+1 classes: the runtime tables stay a few tens of MB.
 */
#ifndef PRECIS_PARSER_FEATURES_H
#define PRECIS_PARSER_FEATURES_H

#include "model.h"
#include "parser.h"
#include "perceptron.h"

/* Bump when the feature extraction changes (models must be retrained). */
#define PS_FEATVERSION 1u

enum { PS_SHIFT = 0, PS_LEFT = 1, PS_RIGHT = 2, PS_NACTIONS = 3 };

#define PS_MAX_LABELS 255 /* model labels (relations and lifted "rel||headrel" labels) */
#define PS_MAX_NOTES 16
#define PS_MAXF 128       /* features per decision, at most */
#define PS_LIFT_SEP "||"  /* lifted label: dependent's relation || the relation of its syntactic head */

/* The fused tables keep each slot's weights as int8 codes with a
 * power-of-two step of the slot's own (layout 0x01020306, docs/models.md
 * "Capacities"): weight = code x 2^sh, in the units of the file's int16
 * weights (act_scale, lab_scale), sh the smallest shift that makes every
 * code of the slot fit in [-127, 127] (the parser's weights need sh >= 3;
 * the dev scores moved by at most 0.04).  PS_MAX_SHIFT bounds sh (checked
 * in images from outside). */
#define PS_MAX_SHIFT 15
/* A slot of the fused action table: key and the three action weights
 * (8 bytes). */
typedef struct ps_aslot {
  uint32_t key;
  int8_t w[PS_NACTIONS];
  uint8_t sh;
} ps_aslot;

/* A slot of the fused label table (12 bytes): key, the first two (label,
 * weight) pairs inline (weight = w x 2^sh; an absent second pair has
 * weight 0), and x = n | sh << 8 | off << 12: the number of pairs (up to
 * 255), the shift, and where the pairs past the second continue in lbx
 * (exact int16 weights). */
typedef struct ps_lslot {
  uint32_t key;
  uint8_t c[2];
  int8_t w[2];
  uint32_t x;
} ps_lslot;
#define PS_LS_N(x) ((x) & 255u)
#define PS_LS_SH(x) (((x) >> 8) & 15u)
#define PS_LS_OFF(x) ((x) >> 12)
#define PS_LS_MAXOFF ((1u << 20) - 1)
typedef struct ps_lx {
  uint8_t c;
  int16_t w;
} ps_lx;

/* The header of a parser's in-place image (section "PSHD"; docs/models.md). */
typedef struct ps_img_head {
  uint32_t mark, nlabels, afs_cap, lfs_cap, nlbx;
  float act_scale, lab_scale;
  uint32_t clus_cap, clus_n, dict_cap, dict_n;
  uint32_t afilt_bits, lfilt_bits; /* the presence filters' sizes: 2^bits bits (layout 0x01020307) */
  uint32_t reserved[3];
} ps_img_head;
struct model_img_sec;
/* The sections of p's image (tools/model_image.c); returns their number (at most 8). */
int prc_parser_image(const parser *p, ps_img_head *h, struct model_img_sec *s);

#define PS_P_ROOT 30
#define PS_P_NULL 31
/* The tag values as a table index: the UPOS ids, then ROOT, NULL. */
#define PS_NP (TAG_UPOS_COUNT + 2)
static inline int ps_pidx(uint8_t p) { return p < TAG_UPOS_COUNT ? p : p == PS_P_ROOT ? TAG_UPOS_COUNT : TAG_UPOS_COUNT + 1; }

struct parser {
  int builtin;
  int inplace;                  /* the tables lie in an image (model.h, format 2): not freed */
  void *own;                    /* an image from outside: a copy, or the file's mapping (own_mapped), or NULL */
  size_t own_len;
  int own_mapped;
  uint32_t nlbx;                /* entries of lbx */
  int nlabels;
  char *labels[PS_MAX_LABELS];
  int root_label;               /* the model label "root" */
  /* per model label: its PRC_DEP_* id (the dependent's relation), and for a
   * lifted label the PRC_DEP_* id of the syntactic head's relation (else 0) */
  uint8_t dep_of[PS_MAX_LABELS], lift_of[PS_MAX_LABELS];
  /* "WGHT": action weights (PS_NACTIONS classes), "WLAB": label weights
   * (nlabels classes), both read into tables of parser.c's own */
  ps_aslot *afs;                /* the action weights fused into their slots */
  uint32_t afs_mask;
  float act_scale;
  ps_lslot *lfs;                /* the label weights, sparse, fused into their slots */
  ps_lx *lbx;                   /* ... and the pairs past the second */
  uint32_t lfs_mask;
  float lab_scale;
  /* per arc direction (LEFT, RIGHT): the weights of the bias label feature,
   * where each label scoring starts (parser.c, lab_bias_init) */
  int32_t lab_base[2][PS_MAX_LABELS + 1];
  /* Found at load (parser.c, small_tables): for the features of POS tags
   * alone, by tag index (ps_pidx: the tags, ROOT, NULL), the summed action
   * weights of the 15 single-tag and the 4 tag-pair action features
   * (act1, act2), and the label slots of the 2 single-tag and the 2
   * tag-pair label features of each arc direction (lab1, lab2; NULL: not
   * in the model): the run time adds them (the label slots through labt,
   * below) instead of hashing and probing the features. */
  int has_small; /* the tables are filled (and used) */
  int32_t act1[15][PS_NP][PS_NACTIONS];
  int32_t act2[4][PS_NP][PS_NP][PS_NACTIONS];
  const ps_lslot *lab1[2][2][PS_NP];
  const ps_lslot *lab2[2][2][PS_NP][PS_NP];
  /* ... and those slots' weights summed at load into dense rows of lstride
   * int32 (nlabels rounded up to 8; the lanes past nlabels 0), where each
   * label scoring of the run time starts (parser.c, lab_row1/2): per arc
   * direction k and the tags of dependent and head, the bias + lab1 (both)
   * + lab2[k][0] (+ lab2[k][1] for LEFT, whose b0 is the head), and for
   * RIGHT per (b0, dependent) lab2[1][1] (lab_tables). */
  int32_t *labt;
  size_t lstride;
  /* Presence filters of the action and label tables (parser.c, filt_build;
   * sections "PSFA", "PSFL" of an image): 2^bits bits each, the bit of a
   * feature hash h is h >> (64 - bits) (the top bits of its key), set for
   * every key in the table; the run time drops the features of a few
   * often-absent templates whose bit is clear instead of reading their
   * slots (PS_EMITF).  afshift = 64 - afilt_bits (likewise lfshift). */
  uint64_t *afilt, *lfilt;
  uint32_t afilt_bits, lfilt_bits, afshift, lfshift;
  model_lex clus;               /* "CLUS": lowercased word hash -> cluster path (tagger_features.h) */
  model_lex dict;               /* "DICT": lowercased word hash -> the tags it takes (the POS model's) */
  int nnotes;
  char *note_key[PS_MAX_NOTES], *note_val[PS_MAX_NOTES];
};

/* The values of a token that features use, by lane index (ps_tok.la/lb);
 * only the tag and the cluster prefix are ever a feature's third value (lc). */
enum { PS_LN_W, PS_LN_WP, PS_LN_P, PS_LN_AMB, PS_LN_C6, PS_LN_CLUS, PS_NLANES };
enum { PS_LC_P, PS_LC_C6, PS_NLC };

/* Per-token lexical information, computed once per sentence. */
typedef struct ps_tok {
  uint64_t w;      /* lowercased normalised word hash (prc_tg_lower_hash) */
  uint64_t wp;     /* word and tag */
  uint32_t clus;   /* cluster value (TG_CLUS_*), 0 = none */
  uint32_t c6;     /* 6-bit cluster prefix (with length), 0 = none */
  uint32_t amb;    /* the word's tag set in the POS dictionary (bits TAG_UPOS_*), 0 = unknown */
  uint8_t p;       /* UPOS id; PS_P_ROOT for ROOT, PS_P_NULL for no token */
  uint8_t cap;     /* 1 = capitalised, 2 = sentence-initial */
  uint8_t pad[2];
  /* w, wp, p, amb, c6 and clus (PS_LN_*) spread as the first and second
   * value of a feature hash, p and c6 (PS_LC_*) as the third (parser.c,
   * ps_la/ps_lb/ps_lc): computed once per sentence instead of once per
   * feature and transition */
  uint64_t la[PS_NLANES], lb[PS_NLANES], lc[PS_NLC];
} ps_tok;


/* Per-token parse state. */
typedef struct ps_node {
  int32_t head;         /* -1 = none yet; n = ROOT */
  int32_t lab;          /* model label of the arc to head, -1 = none */
  int32_t l1, l2;       /* leftmost and second leftmost child, -1 = none */
  int32_t r1, r2;       /* rightmost and second rightmost child */
  uint32_t nl, nr;      /* numbers of left and right children */
  uint64_t lset, rset;  /* PRC_DEP_* bits of the left / right children */
} ps_node;

/* A configuration over n tokens (+ ROOT at index n). */
typedef struct ps_state {
  size_t n;
  ps_tok *tok;          /* n + 2 entries: [n] = ROOT, [n + 1] = the NULL token */
  ps_node *node;        /* n + 1 entries */
  int32_t *stack;       /* up to n entries */
  size_t sp;            /* stack size */
  size_t b;             /* buffer front, 0..n */
} ps_state;

/* Scratch layout for n tokens: see prc_ps_state_init. */
size_t prc_ps_scratch_size(size_t n);
/* Lays the state out in scratch and fills the lexical information:
 * clus and dict may be NULL (no clusters, no tag dictionary). */
void prc_ps_state_init(ps_state *st, void *scratch, const tag_token *toks, const uint8_t *upos,
                       size_t n, const model_lex *clus, const model_lex *dict);

/* Valid actions as a bit mask (1 << PS_*). */
static inline unsigned ps_valid(const ps_state *st) {
  unsigned m = 0;
  if (st->b < st->n) m |= 1u << PS_SHIFT;
  if (st->sp >= 1 && (st->b < st->n || st->sp == 1)) m |= 1u << PS_LEFT;
  if (st->sp >= 2) m |= 1u << PS_RIGHT;
  return m;
}
static inline int ps_terminal(const ps_state *st) { return st->sp == 0 && st->b >= st->n; }

/* Applies an action (which must be valid); lab = model label (arcs), and
 * dep = its PRC_DEP_* id (for the children's label sets). */
void prc_ps_apply(ps_state *st, int action, int lab, int dep);

/* The arc an action would make: head and dependent (LEFT: b -> s0; RIGHT: s1 -> s0). */
static inline void ps_arc(const ps_state *st, int action, int32_t *h, int32_t *d) {
  *d = st->stack[st->sp - 1];
  *h = action == PS_LEFT ? (int32_t)st->b : st->stack[st->sp - 2];
}

/* Lowers lifted (pseudo-projective) arcs in place: dep[i] is token i's
 * relation (PRC_DEP_*), lift[i] the relation of its syntactic head for a
 * lifted arc, else 0; head[i] -1 = root.  work: 2n + 2 int32.  Linear in n. */
void prc_ps_lower(size_t n, int32_t *head, const uint8_t *dep, const uint8_t *lift, int32_t *work);

/* Features of the configuration for the action model; returns their number (<= PS_MAXF). */
size_t prc_ps_action_feats(const ps_state *st, uint64_t *f);
/* Features of the arc action (PS_LEFT or PS_RIGHT) would make, for the label model. */
size_t prc_ps_label_feats(const ps_state *st, int action, uint64_t *f);

#endif
