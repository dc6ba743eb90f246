/* perceptron_train.c - training half of the averaged perceptron (see perceptron.h):
 * seeded randomness, the trainer, export to the compact model, serialisation. */
#include "perceptron_train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void prc_pc_rng_seed(pc_rng *r, uint64_t seed) { r->s = seed ^ 0x5851f42d4c957f2dULL; }

uint64_t prc_pc_rng_next(pc_rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t prc_pc_rng_below(pc_rng *r, uint64_t n) {
  uint64_t lim = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do x = prc_pc_rng_next(r);
  while (x >= lim);
  return x % n;
}

void prc_pc_shuffle(pc_rng *r, uint32_t *idx, size_t n) {
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)prc_pc_rng_below(r, i);
    uint32_t t = idx[i - 1];
    idx[i - 1] = idx[j];
    idx[j] = t;
  }
}

/* ---- trainer ---------------------------------------------------------------- */

struct pc_trainer {
  int C;
  uint64_t *keys; /* open addressing, 0 = empty */
  uint32_t *rowof;
  size_t cap, used; /* table capacity (power of two) and entries */
  float *w;         /* nrows * C current weights */
  double *u;        /* nrows * C sum of c*delta */
  size_t nrows, rowcap;
  double clock;     /* instances seen + 1 */
};

pc_trainer *prc_pc_trainer_new(int nclasses) {
  pc_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->C = nclasses;
  t->cap = 1u << 16;
  t->keys = calloc(t->cap, sizeof *t->keys);
  t->rowof = calloc(t->cap, sizeof *t->rowof);
  t->clock = 1;
  if (!t->keys || !t->rowof) {
    prc_pc_trainer_free(t);
    return NULL;
  }
  return t;
}

void prc_pc_trainer_free(pc_trainer *t) {
  if (!t) return;
  free(t->keys);
  free(t->rowof);
  free(t->w);
  free(t->u);
  free(t);
}

int prc_pc_trainer_nclasses(const pc_trainer *t) { return t->C; }
size_t prc_pc_trainer_nfeatures(const pc_trainer *t) { return t->nrows; }

static inline uint64_t fixkey(uint64_t h) { return h ? h : 1; }

static long find_row(const pc_trainer *t, uint64_t h) {
  h = fixkey(h);
  size_t mask = t->cap - 1, i = (size_t)h & mask;
  while (t->keys[i]) {
    if (t->keys[i] == h) return (long)t->rowof[i];
    i = (i + 1) & mask;
  }
  return -1;
}

static void grow_table(pc_trainer *t) {
  size_t ncap = t->cap * 2, mask = ncap - 1;
  uint64_t *nk = calloc(ncap, sizeof *nk);
  uint32_t *nr = calloc(ncap, sizeof *nr);
  if (!nk || !nr) abort(); /* training only: out of memory is fatal */
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->keys[i]) continue;
    size_t j = (size_t)t->keys[i] & mask;
    while (nk[j]) j = (j + 1) & mask;
    nk[j] = t->keys[i];
    nr[j] = t->rowof[i];
  }
  free(t->keys);
  free(t->rowof);
  t->keys = nk;
  t->rowof = nr;
  t->cap = ncap;
}

static size_t get_row(pc_trainer *t, uint64_t h) {
  h = fixkey(h);
  if ((t->used + 1) * 2 > t->cap) grow_table(t);
  size_t mask = t->cap - 1, i = (size_t)h & mask;
  while (t->keys[i]) {
    if (t->keys[i] == h) return t->rowof[i];
    i = (i + 1) & mask;
  }
  if (t->nrows == t->rowcap) {
    size_t nc = t->rowcap ? t->rowcap * 2 : 4096;
    float *nw = realloc(t->w, nc * t->C * sizeof *nw);
    if (!nw) abort();
    t->w = nw;
    double *nu = realloc(t->u, nc * t->C * sizeof *nu);
    if (!nu) abort();
    t->u = nu;
    t->rowcap = nc;
  }
  size_t r = t->nrows++;
  memset(t->w + r * t->C, 0, t->C * sizeof *t->w);
  memset(t->u + r * t->C, 0, t->C * sizeof *t->u);
  t->keys[i] = h;
  t->rowof[i] = (uint32_t)r;
  t->used++;
  return r;
}

void prc_pc_trainer_score(const pc_trainer *t, const uint64_t *feats, size_t nf, float *scores) {
  for (size_t f = 0; f < nf; f++) {
    long r = find_row(t, feats[f]);
    if (r < 0) continue;
    const float *w = t->w + (size_t)r * t->C;
    for (int c = 0; c < t->C; c++) scores[c] += w[c];
  }
}

void prc_pc_trainer_update(pc_trainer *t, const uint64_t *feats, size_t nf, int cls, float delta) {
  for (size_t f = 0; f < nf; f++) {
    size_t r = get_row(t, feats[f]);
    t->w[r * t->C + cls] += delta;
    t->u[r * t->C + cls] += t->clock * delta;
  }
}

void prc_pc_trainer_learn(pc_trainer *t, const uint64_t *feats, size_t nf, int gold, int pred) {
  if (gold == pred) return;
  prc_pc_trainer_update(t, feats, nf, gold, 1.0f);
  prc_pc_trainer_update(t, feats, nf, pred, -1.0f);
}

void prc_pc_trainer_tick(pc_trainer *t) { t->clock += 1; }

void prc_pc_trainer_accumulate(pc_trainer *dst, const pc_trainer *src, float k) {
  if (dst->C != src->C) abort();
  const int C = src->C;
  const double invc = 1.0 / src->clock;
  for (size_t i = 0; i < src->cap; i++) { /* slot order: deterministic */
    if (!src->keys[i]) continue;
    size_t r = src->rowof[i], d = get_row(dst, src->keys[i]);
    for (int c = 0; c < C; c++) {
      double a = src->w[r * C + c] - src->u[r * C + c] * invc;
      dst->w[d * C + c] += (float)(k * a);
    }
  }
}

/* ---- export ------------------------------------------------------------------- */

static int build_slots(pc_model *m) {
  uint32_t cap = 16;
  while (cap < m->nfeat * 2u + 16) cap <<= 1;
  m->slots = prc_pc_table_alloc(cap * sizeof *m->slots);
  if (!m->slots) return -1;
  m->mask = cap - 1;
  return 0;
}

static int insert_slot(pc_model *m, uint32_t key, uint32_t lowbits, uint32_t start) {
  uint32_t i = lowbits & m->mask;
  while (m->slots[i].key) {
    if (m->slots[i].key == key) return -1; /* duplicate */
    i = (i + 1) & m->mask;
  }
  m->slots[i].key = key;
  m->slots[i].start = start;
  return 0;
}

int prc_pc_trainer_export(const pc_trainer *t, float prune, pc_model *out) {
  memset(out, 0, sizeof *out);
  out->nclasses = t->C;
  const int C = t->C;
  double maxabs = 0;
  double invc = 1.0 / t->clock;
  /* First pass: averaged weights, maximum magnitude. */
  float *avg = malloc((t->nrows ? t->nrows : 1) * C * sizeof *avg);
  if (!avg) return -1;
  for (size_t r = 0; r < t->nrows; r++)
    for (int c = 0; c < C; c++) {
      double a = t->w[r * C + c] - t->u[r * C + c] * invc;
      avg[r * C + c] = (float)a;
      if (fabs(a) > maxabs) maxabs = fabs(a);
    }
  float scale = maxabs > 0 ? (float)(maxabs / 32000.0) : 1.0f;
  out->scale = scale;
  /* Count surviving entries per row. */
  size_t nfeat = 0, nent = 0;
  for (size_t r = 0; r < t->nrows; r++) {
    int k = 0;
    for (int c = 0; c < C; c++) {
      float a = avg[r * C + c];
      if (fabsf(a) >= prune && lrintf(a / scale) != 0) k++;
    }
    if (k) {
      nfeat++;
      nent += k;
    }
  }
  out->nfeat = (uint32_t)nfeat;
  out->nentries = (uint32_t)nent;
  out->entries = malloc((nent ? nent : 1) * sizeof *out->entries);
  if (!out->entries || build_slots(out) < 0) {
    free(avg);
    prc_pc_model_free(out);
    return -1;
  }
  /* Row order: walk the hash table in slot order of the trainer (deterministic). */
  uint32_t e = 0;
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->keys[i]) continue;
    size_t r = t->rowof[i];
    uint32_t start = e;
    for (int c = 0; c < C; c++) {
      float a = avg[r * C + c];
      long q = lrintf(a / scale);
      if (fabsf(a) < prune || q == 0) continue;
      if (q > 32767) q = 32767;
      if (q < -32767) q = -32767;
      out->entries[e].cls = (uint16_t)c;
      out->entries[e].w = (int16_t)q;
      e++;
    }
    if (e > start) {
      uint64_t h = t->keys[i];
      out->entries[e - 1].cls |= PC_LAST;
      if (insert_slot(out, pc_key32(h), (uint32_t)h, start) < 0) {
        /* two features share their top 32 bits: merge by keeping the first (rare) */
        e = start;
        out->nfeat--;
      }
    }
  }
  out->nentries = e;
  free(avg);
  if (prc_pc_model_densify(out) < 0) {
    prc_pc_model_free(out);
    return -1;
  }
  return 0;
}

/* ---- serialisation ------------------------------------------------------------------ */

void prc_pc_buf_put(pc_buf *b, const void *p, size_t n) {
  if (b->oom) return;
  if (b->n + n > b->cap) {
    size_t nc = b->cap ? b->cap : 4096;
    while (nc < b->n + n) nc *= 2;
    unsigned char *np = realloc(b->p, nc);
    if (!np) {
      b->oom = 1;
      return;
    }
    b->p = np;
    b->cap = nc;
  }
  if (n) memcpy(b->p + b->n, p, n);
  b->n += n;
}
void prc_pc_buf_u8(pc_buf *b, uint8_t v) { prc_pc_buf_put(b, &v, 1); }
void prc_pc_buf_u16(pc_buf *b, uint16_t v) {
  unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
  prc_pc_buf_put(b, x, 2);
}
void prc_pc_buf_u32(pc_buf *b, uint32_t v) {
  unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                        (unsigned char)(v >> 24)};
  prc_pc_buf_put(b, x, 4);
}
void prc_pc_buf_u64(pc_buf *b, uint64_t v) {
  prc_pc_buf_u32(b, (uint32_t)v);
  prc_pc_buf_u32(b, (uint32_t)(v >> 32));
}

static uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
/* Number of non-zero weights in feature f's dense row. */
static uint32_t row_count(const pc_model *m, uint32_t f) {
  const int16_t *row = m->rows + (size_t)f * m->stride;
  uint32_t cnt = 0;
  for (int c = 0; c < m->nclasses; c++) cnt += row[c] != 0;
  return cnt;
}

/* A model read from bytes keeps only the dense rows (prc_pc_model_read drops the
 * sparse entries); its sparse form is rebuilt from them: the non-zero
 * weights of each row in class order, which is what prc_pc_trainer_export
 * writes, so a read model is written back byte for byte. */
static int write_from_rows(const pc_model *m, pc_buf *out) {
  uint32_t nfeat = 0, nent = 0;
  for (uint32_t i = 0; i <= m->mask; i++) {
    const pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    uint32_t cnt = row_count(m, s->start);
    if (cnt) {
      nfeat++;
      nent += cnt;
    }
  }
  prc_pc_buf_u32(out, (uint32_t)m->nclasses);
  prc_pc_buf_u32(out, nfeat);
  prc_pc_buf_u32(out, nent);
  prc_pc_buf_u32(out, float_bits(m->scale));
  for (uint32_t i = 0; i <= m->mask; i++) {
    const pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    uint32_t cnt = row_count(m, s->start);
    if (!cnt) continue;
    prc_pc_buf_u32(out, s->key);
    prc_pc_buf_u32(out, i);
    prc_pc_buf_u16(out, (uint16_t)cnt);
  }
  for (uint32_t i = 0; i <= m->mask; i++) {
    const pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    const int16_t *row = m->rows + (size_t)s->start * m->stride;
    for (int c = 0; c < m->nclasses; c++)
      if (row[c]) {
        prc_pc_buf_u16(out, (uint16_t)c);
        prc_pc_buf_u16(out, (uint16_t)row[c]);
      }
  }
  prc_pc_buf_u32(out, m->mask + 1);
  return out->oom ? -1 : 0;
}

int prc_pc_model_write(const pc_model *m, pc_buf *out) {
  if (!m->entries) return write_from_rows(m, out);
  prc_pc_buf_u32(out, (uint32_t)m->nclasses);
  prc_pc_buf_u32(out, m->nfeat);
  prc_pc_buf_u32(out, m->nentries);
  prc_pc_buf_u32(out, float_bits(m->scale));
  /* Slots in table order with their positions, so that the reader rebuilds
   * exactly the same probe sequences (the low hash bits are not stored). */
  for (uint32_t i = 0; i <= m->mask; i++) {
    const pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    uint32_t cnt = 1;
    while (!(m->entries[m->first[s->start] + cnt - 1].cls & PC_LAST)) cnt++;
    prc_pc_buf_u32(out, s->key);
    prc_pc_buf_u32(out, i); /* slot position: lets the reader rebuild without the low bits */
    prc_pc_buf_u16(out, (uint16_t)cnt);
  }
  for (uint32_t i = 0; i <= m->mask; i++) {
    const pc_slot *s = &m->slots[i];
    if (!s->key) continue;
    for (uint32_t j = m->first[s->start];; j++) {
      prc_pc_buf_u16(out, m->entries[j].cls & 0x7fff);
      prc_pc_buf_u16(out, (uint16_t)m->entries[j].w);
      if (m->entries[j].cls & PC_LAST) break;
    }
  }
  prc_pc_buf_u32(out, m->mask + 1);
  return out->oom ? -1 : 0;
}
