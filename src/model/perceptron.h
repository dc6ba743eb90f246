/* perceptron.h - a generic averaged perceptron over hashed sparse features.
 *
 * The core knows nothing about words or tags.  A client (a tagger, a
 * parser) turns each decision into a list of 64-bit feature hashes and
 * asks for one score per class; it does its own decoding (greedy,
 * beam, transition system) and tells the trainer which class was right.
 *
 *   Features:   pc_hash_* build a 64-bit hash from a template id and
 *               strings or integers.  No allocation: a client hashes the
 *               strings of a token once and combines the hashes.
 *   Training:   pc_trainer (exact 64-bit keys, float weights, averaging
 *               by the lazy "w - u/c" trick: every update at time c also
 *               adds c*delta to u, so the average over all instances is
 *               w - u/c without touching untouched weights each step).
 *   Shipping:   prc_pc_trainer_export averages, prunes near-zero weights and
 *               quantises to int16 with one per-model scale, giving a
 *               pc_model: an immutable open-addressing table from 32-bit
 *               feature keys to feature numbers, the sparse (class, weight)
 *               lists (the serialised form) and, for scoring, one dense
 *               int16 row per feature (classes padded to a multiple of 16,
 *               added with vector instructions).  A pc_model is never
 *               written after it is built, so any number of threads may
 *               score with it at once.
 *   Scoring:    pc_model_score, or its three steps (prefetch slots, probe,
 *               accumulate) so that a client can overlap the cache misses of
 *               several decisions (software pipelining, see tagger.c).
 *   Storage:    prc_pc_model_write / prc_pc_model_read (de)serialise a pc_model to
 *               a little-endian byte stream (used by model.c).
 *   Randomness: pc_rng, a seeded splitmix64, and prc_pc_shuffle, so that
 *               training is deterministic given a seed on every platform.
 */
#ifndef PRECIS_PERCEPTRON_H
#define PRECIS_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- hashing ------------------------------------------------------------ */

/* A strong 64-bit finaliser (bijective). */
static inline uint64_t pc_mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/* Hash of a byte string (FNV-1a 64 followed by a mix). */
uint64_t prc_pc_hash_bytes(const void *p, size_t n);
/* The same in steps, for a caller that hashes a string as it builds it (or
 * several prefixes of one): h = PC_FNV_INIT, h = pc_fnv_step(h, byte) for
 * each byte, then pc_fnv_done(h, n) == prc_pc_hash_bytes(bytes, n). */
#define PC_FNV_INIT 0xcbf29ce484222325ULL
static inline uint64_t pc_fnv_step(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
static inline uint64_t pc_fnv_done(uint64_t h, size_t n) { return pc_mix64(h ^ n); }

/* A feature: template id combined with one or two values (hashes or small ints). */
static inline uint64_t pc_feat1(uint32_t tmpl, uint64_t a) {
  return pc_mix64(a ^ ((uint64_t)tmpl * 0x9e3779b97f4a7c15ULL));
}
static inline uint64_t pc_feat2(uint32_t tmpl, uint64_t a, uint64_t b) {
  return pc_mix64(pc_mix64(a ^ ((uint64_t)tmpl * 0x9e3779b97f4a7c15ULL)) + b);
}
static inline uint64_t pc_feat3(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return pc_mix64(pc_feat2(tmpl, a, b) + c * 0xc2b2ae3d27d4eb4fULL);
}

/* ---- compact model (runtime) --------------------------------------------- */

typedef struct pc_slot {
  uint32_t key;   /* 0 = empty */
  uint32_t start; /* the feature's number: its dense row is rows[start * stride];
                     its sparse entries begin at entries[first[start]] */
} pc_slot;

#define PC_LAST 0x8000u /* in pc_entry.cls: last entry of its feature */
#define PC_MAX_CLASSES 32767

typedef struct pc_entry {
  uint16_t cls; /* class | PC_LAST on the feature's last entry */
  int16_t w;
} pc_entry;

typedef struct pc_model {
  int nclasses;
  float scale;       /* real weight = w * scale */
  uint32_t nfeat;    /* features with at least one weight */
  uint32_t nentries;
  uint32_t mask;     /* slots - 1 */
  pc_slot *slots;
  pc_entry *entries; /* sparse weights (the serialised form); NULL in a model
                        from prc_pc_model_read, which keeps the dense rows only */
  uint32_t *first;   /* feature number -> index of its first entry (NULL likewise) */
  /* Dense copy for scoring: one row of `stride` int16 per feature (stride =
   * nclasses rounded up to 16, or 4 for up to 4 classes; the padding is zero). */
  int stride;
  int16_t *rows;
  /* The taggers' run-time rows instead of rows (tagger_features.h,
   * TG_ROW_BYTES; NULL elsewhere): int8 rows, and the int16 rows of the
   * features kept wide (nwide of them). */
  const int8_t *rows8;
  const int16_t *rowsx;
  uint32_t nwide;
  /* The taggers' run-time slots instead of slots (tagger_features.h,
   * "Weight slots"; NULL elsewhere): the keys (0 = empty), mask + 1 of
   * them, the rank directory of the occupied slots and that of the wide
   * rows (NULL when nwide is 0). */
  const uint32_t *keys;
  const uint32_t *rdir;
  const uint32_t *wdir;
} pc_model;

/* Zeroed memory for large read-mostly tables: 2 MB aligned and marked for
 * transparent huge pages where available (fewer TLB misses).  Free with free(). */
void *prc_pc_table_alloc(size_t size);

/* Tables made smaller than the files' (docs/models.md, "Capacities").  The
 * trainers size their open-addressing tables for a load of about 1/3; the
 * run time folds them to a load of at most PC_FOLD_LOAD (3/4).
 * prc_pc_fold shrinks a linear-probing table (index = low bits of the 64-bit
 * feature hash & (cap - 1), slots of sz bytes that begin with a u32 key,
 * 0 = empty) by halves while nused <= 3/4 of the next capacity (and it stays
 * >= 16).  The home slots are not known (only the slot positions the file
 * gives), so each slot is re-inserted from the start of its old cluster
 * (the run of occupied slots it is in), in the old order: every slot a
 * look-up used to pass is still passed (a look-up finds what it found
 * before).  *tab is freed and replaced (prc_pc_table_alloc); *cap updated.
 * Returns 0, or -1 when memory ran out (the table is left as it was). */
#define PC_FOLD_NUM 3u
#define PC_FOLD_DEN 4u
int prc_pc_fold(void **tab, uint32_t *cap, size_t sz, uint32_t nused);
/* The capacity (a power of two >= 16) of a table of n keys at a load of at most 3/4. */
static inline uint32_t pc_cap_for(uint32_t n) {
  uint32_t cap = 16;
  while ((uint64_t)cap * PC_FOLD_NUM < (uint64_t)n * PC_FOLD_DEN + PC_FOLD_NUM) cap <<= 1;
  return cap;
}

void prc_pc_model_free(pc_model *m);
/* Builds the dense rows from the sparse entries (used by reading and export). */
int prc_pc_model_densify(pc_model *m);

static inline uint32_t pc_key32(uint64_t h) {
  uint32_t k = (uint32_t)(h >> 32);
  return k ? k : 1u;
}

#if defined(__GNUC__)
#define PC_PREFETCH(p) __builtin_prefetch(p)
#else
#define PC_PREFETCH(p) ((void)0)
#endif

/* Scoring in three steps, so that a client can overlap the cache misses of
 * many features (and of several decisions: see tagger.c):
 *   pc_prefetch_slots  starts loading the table slots of the features;
 *   pc_probe           finds the features (writes their entry offsets to
 *                      found[], at most nf) and starts loading the entries;
 *   pc_accumulate      adds the weights of the found features to scores.
 * pc_model_score does all three for one decision. */
static inline void pc_prefetch_slots(const pc_model *m, const uint64_t *feats, size_t nf) {
  for (size_t f = 0; f < nf; f++) PC_PREFETCH(&m->slots[(uint32_t)feats[f] & m->mask]);
}

static inline size_t pc_probe(const pc_model *m, const uint64_t *feats, size_t nf,
                              uint32_t *found) {
  const uint32_t mask = m->mask;
  size_t nfound = 0;
  for (size_t f = 0; f < nf; f++) {
    uint64_t h = feats[f];
    uint32_t key = pc_key32(h), i = (uint32_t)h & mask;
    for (;;) {
      const pc_slot *s = &m->slots[i];
      if (s->key == key) {
        found[nfound++] = s->start;
        PC_PREFETCH(&m->rows[(size_t)s->start * m->stride]);
        break;
      }
      if (s->key == 0) break;
      i = (i + 1) & mask;
    }
  }
  return nfound;
}

#if defined(__GNUC__) && (defined(__clang__) || __GNUC__ >= 9)
typedef int16_t pc_v16h __attribute__((vector_size(32)));
typedef int32_t pc_v16i __attribute__((vector_size(64)));
#define PC_HAVE_VECTORS 1
#endif

static inline void pc_accumulate(const pc_model *m, const uint32_t *found, size_t n,
                                 int32_t *scores) {
  const size_t stride = (size_t)m->stride;
#ifdef PC_HAVE_VECTORS
  if (stride % 16 == 0) { /* 16 classes at a time, widened to int32 */
    for (size_t c0 = 0; c0 < stride; c0 += 16) {
      pc_v16i acc = {0};
      for (size_t k = 0; k < n; k++) {
        pc_v16h row;
        memcpy(&row, m->rows + (size_t)found[k] * stride + c0, sizeof row);
        acc += __builtin_convertvector(row, pc_v16i);
      }
      pc_v16i cur;
      memcpy(&cur, scores + c0, sizeof cur);
      cur += acc;
      memcpy(scores + c0, &cur, sizeof cur);
    }
    return;
  }
#endif
  for (size_t k = 0; k < n; k++) {
    const int16_t *row = m->rows + (size_t)found[k] * stride;
    for (size_t c = 0; c < stride; c++) scores[c] += row[c];
  }
}

/* Adds the integer (quantised) weights of the features to scores[0..stride)
 * (scores must have room for pc_model.stride values). */
static inline void pc_model_score(const pc_model *m, const uint64_t *feats, size_t nf,
                                  int32_t *scores) {
  uint32_t found[128];
  while (nf) {
    size_t n = nf < 128 ? nf : 128;
    pc_prefetch_slots(m, feats, n);
    pc_accumulate(m, found, pc_probe(m, feats, n, found), scores);
    feats += n;
    nf -= n;
  }
}

/* Serialised form (little-endian):
 *   u32 nclasses, u32 nfeat, u32 nentries, u32 scale (IEEE-754 bits),
 *   nfeat x { u32 key, u16 count }, nentries x { u16 cls, i16 w }
 * prc_pc_model_write (train/perceptron_train.h) appends it to a byte buffer;
 * prc_pc_model_read parses bytes (any alignment) and builds the lookup table;
 * it returns 0, or -1 with a reason in err. */
struct precis_error;
/* base: the bytes' offset in the model file, for error reports; nclasses:
 * the class count the weights must have (0 = any, up to PC_MAX_CLASSES),
 * checked before anything is allocated. */
int prc_pc_model_read(const unsigned char *p, size_t n, size_t base, int nclasses, pc_model *m,
                      struct precis_error *err);

/* A checked view of serialised weights, for readers that build tables of
 * their own (the parser): every count, slot position (< cap) and class is
 * in range; a slot position used twice is left for the reader to refuse.
 * feats: nfeat x {u32 key, u32 slot, u16 count}; entries: nentries x
 * {u16 class, i16 weight}, the features' entries one after another.
 * Returns 0, or -1 with a reason in err (as prc_pc_model_read). */
typedef struct pc_view {
  uint32_t nclasses, nfeat, nentries, cap;
  float scale;
  const unsigned char *feats, *entries;
} pc_view;
int prc_pc_view(const unsigned char *p, size_t n, size_t base, int nclasses, pc_view *v,
                struct precis_error *err);

/* Little-endian readers (no alignment requirement). */
static inline uint16_t pc_rd16(const unsigned char *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t pc_rd32(const unsigned char *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t pc_rd64(const unsigned char *p) {
  return (uint64_t)pc_rd32(p) | ((uint64_t)pc_rd32(p + 4) << 32);
}

#endif
