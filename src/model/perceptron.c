/* perceptron.c - averaged perceptron core (see perceptron.h). */
#define _DEFAULT_SOURCE 1 /* madvise */
#include "perceptron.h"

#include "error.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* PRECIS_NO_HUGE_PAGES set (to anything): no 2 MB-aligned tables, no
 * madvise (precis(3), ENVIRONMENT).  Read once, whichever thread comes first. */
static pthread_once_t nohuge_once = PTHREAD_ONCE_INIT;
static int nohuge;
static void read_nohuge(void) { nohuge = getenv("PRECIS_NO_HUGE_PAGES") != NULL; }

void *prc_pc_table_alloc(size_t size) {
  const size_t huge = (size_t)2 << 20;
  pthread_once(&nohuge_once, read_nohuge);
  if (size < 2 * huge || nohuge) return calloc(1, size ? size : 1);
  size_t n = (size + huge - 1) / huge * huge;
  void *p = aligned_alloc(huge, n);
  if (!p) return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, n, MADV_HUGEPAGE);
#endif
  memset(p, 0, size); /* the tail past size is never used */
  return p;
}

int prc_pc_fold(void **tab, uint32_t *cap, size_t sz, uint32_t nused) {
  for (;;) {
    const uint32_t oc = *cap, nc = oc / 2;
    if (nc < 16 || (uint64_t)nused * PC_FOLD_DEN > (uint64_t)nc * PC_FOLD_NUM) return 0;
    const unsigned char *o = *tab;
    uint32_t e = 0;
    while (e < oc && pc_rd32(o + (size_t)e * sz)) e++;
    if (e == oc) return 0; /* full (cannot happen at this load) */
    unsigned char *n = prc_pc_table_alloc((size_t)nc * sz);
    if (!n) return -1;
    uint32_t cs = (e + 1) & (oc - 1); /* start of the current cluster */
    for (uint32_t k = 1; k <= oc; k++) {
      const uint32_t i = (e + k) & (oc - 1);
      const unsigned char *src = o + (size_t)i * sz;
      if (!pc_rd32(src)) {
        cs = (i + 1) & (oc - 1);
        continue;
      }
      uint32_t j = cs & (nc - 1);
      while (pc_rd32(n + (size_t)j * sz)) j = (j + 1) & (nc - 1);
      memcpy(n + (size_t)j * sz, src, sz);
    }
    free(*tab);
    *tab = n;
    *cap = nc;
  }
}

uint64_t prc_pc_hash_bytes(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = PC_FNV_INIT;
  for (size_t i = 0; i < n; i++) h = pc_fnv_step(h, s[i]);
  return pc_fnv_done(h, n);
}

/* ---- randomness ----------------------------------------------------------- */

/* ---- the compact model ---------------------------------------------------------- */

/* Builds the dense rows from the sparse entries and renumbers the slots
 * (slot.start becomes the feature number; first[] keeps the entry index). */
int prc_pc_model_densify(pc_model *m) {
  /* up to 4 classes (the parser's actions): rows of 4, summed without
   * vectors; else a multiple of 16 for the vector sums */
  m->stride = m->nclasses <= 4 ? 4 : (m->nclasses + 15) / 16 * 16;
  m->rows = prc_pc_table_alloc((size_t)(m->nfeat ? m->nfeat : 1) * m->stride * sizeof *m->rows);
  m->first = malloc((m->nfeat ? m->nfeat : 1) * sizeof *m->first);
  if (!m->rows || !m->first) return -1;
  uint32_t f = 0;
  for (uint32_t i = 0; i <= m->mask; i++) {
    pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    m->first[f] = s->start;
    int16_t *row = m->rows + (size_t)f * m->stride;
    for (uint32_t j = s->start;; j++) {
      row[m->entries[j].cls & 0x7fff] = m->entries[j].w;
      if (m->entries[j].cls & PC_LAST) break;
    }
    s->start = f++;
  }
  return 0;
}

void prc_pc_model_free(pc_model *m) {
  if (!m) return;
  free(m->slots);
  free(m->entries);
  free(m->rows);
  free(m->first);
  memset(m, 0, sizeof *m);
}

static float bits_float(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

int prc_pc_view(const unsigned char *p, size_t n, size_t base, int nclasses, pc_view *v,
                precis_error *err) {
  memset(v, 0, sizeof *v);
  if (n < 16) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section truncated");
    return -1;
  }
  uint32_t C = pc_rd32(p), nfeat = pc_rd32(p + 4), nent = pc_rd32(p + 8);
  float scale = bits_float(pc_rd32(p + 12));
  if (C == 0 || C > PC_MAX_CLASSES || !(scale > 0) || !isfinite(scale)) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (bad class count or scale)");
    return -1;
  }
  /* the dense rows take 2 bytes per class and feature: a class count that
   * disagrees with the label set would let a small file claim gigabytes */
  if (nclasses > 0 && C != (uint32_t)nclasses) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base,
                  "model corrupt: the weights have %u classes, the label set %d", (unsigned)C, nclasses);
    return -1;
  }
  uint64_t need = 16 + (uint64_t)nfeat * 10 + (uint64_t)nent * 4 + 4;
  if (need != n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section has the wrong size (truncated or corrupt)");
    return -1;
  }
  uint32_t cap = pc_rd32(p + n - 4);
  /* The writer sizes the slot table for the features it had before merging
   * the rare ones that share a key: the smallest power of two >= 2 nfeat +
   * 16, so at most twice that for the features left.  A larger table would
   * let a small file make the reader allocate and clear gigabytes. */
  uint64_t want = 16;
  while (want < (uint64_t)nfeat * 2 + 16) want <<= 1;
  if (cap < 16 || (cap & (cap - 1)) || cap < (uint64_t)nfeat * 2 || cap > 2 * want) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (bad table size)");
    return -1;
  }
  /* every feature entry: key, slot in range, a count that fits; every
   * weight entry: a class in range (a slot used twice is the reader's check) */
  const unsigned char *q = p + 16, *e = p + 16 + (size_t)nfeat * 10;
  uint64_t start = 0;
  for (uint32_t f = 0; f < nfeat; f++, q += 10) {
    uint32_t key = pc_rd32(q), pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
    if (!key || pos >= cap || cnt == 0 || cnt > C || start + cnt > nent) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (bad feature entry)");
      return -1;
    }
    start += cnt;
  }
  if (start != nent) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (entry count mismatch)");
    return -1;
  }
  for (uint32_t i = 0; i < nent; i++, e += 4) {
    uint16_t c = pc_rd16(e);
    if (c >= C) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (class out of range)");
      return -1;
    }
  }
  v->nclasses = C;
  v->nfeat = nfeat;
  v->nentries = nent;
  v->cap = cap;
  v->scale = scale;
  v->feats = p + 16;
  v->entries = p + 16 + (size_t)nfeat * 10;
  return 0;
}

int prc_pc_model_read(const unsigned char *p, size_t n, size_t base, int nclasses, pc_model *m,
                      precis_error *err) {
  memset(m, 0, sizeof *m);
  pc_view v;
  if (prc_pc_view(p, n, base, nclasses, &v, err) < 0) return -1;
  uint32_t C = v.nclasses, nfeat = v.nfeat, nent = v.nentries, cap = v.cap;
  float scale = v.scale;
  m->nclasses = (int)C;
  m->scale = scale;
  m->nfeat = nfeat;
  m->nentries = nent;
  m->mask = cap - 1;
  m->slots = prc_pc_table_alloc(cap * sizeof *m->slots);
  m->entries = prc_pc_table_alloc((nent ? nent : 1) * sizeof *m->entries);
  if (!m->slots || !m->entries) {
    prc_pc_model_free(m);
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  /* prc_pc_view checked every entry; what is left is a slot used twice */
  const unsigned char *q = v.feats, *e = v.entries;
  uint32_t start = 0;
  for (uint32_t f = 0; f < nfeat; f++, q += 10) {
    uint32_t key = pc_rd32(q), pos = pc_rd32(q + 4), cnt = pc_rd16(q + 8);
    if (m->slots[pos].key) {
      prc_pc_model_free(m);
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, base, "model corrupt: weight section (bad feature entry)");
      return -1;
    }
    m->slots[pos].key = key;
    m->slots[pos].start = start;
    start += cnt;
    m->entries[start - 1].cls = PC_LAST; /* marker, kept when the entry is filled in */
  }
  for (uint32_t i = 0; i < nent; i++, e += 4) {
    m->entries[i].cls = (uint16_t)(pc_rd16(e) | (m->entries[i].cls & PC_LAST));
    m->entries[i].w = (int16_t)pc_rd16(e + 2);
  }
  if (prc_pc_model_densify(m) < 0) {
    prc_pc_model_free(m);
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  /* scoring needs only the slots and the dense rows: drop the sparse form
   * (prc_pc_model_write rebuilds it from the rows) */
  free(m->entries);
  free(m->first);
  m->entries = NULL;
  m->first = NULL;
  return 0;
}
