/* tagger_clus.c - distributional word clusters learned from unlabelled news text.
 *
 * Training-time only.  Each frequent word gets a vector of its left and
 * right neighbours (counts over the most frequent words, square-rooted and
 * length-normalised); the vocabulary is then split recursively in two by
 * spherical 2-means, down to a fixed depth.  The path of left/right choices
 * is a bit string like a Brown-cluster path: its prefixes are coarse
 * clusters, its full length a fine one.  Deterministic (no randomness at
 * all: the initial centroids are chosen by rule).
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clusters.h"

#define CL_CTX 600      /* context words (most frequent) */
#define CL_MINFREQ 4    /* words rarer than this get no cluster */
#define CL_MAXVOCAB 60000
#define CL_DEPTH 14
#define CL_ITERS 8

typedef struct vocab {
  uint64_t *keys;
  uint32_t *idx;
  size_t cap, n;
  uint32_t *freq;
} vocab;

static void *xr(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "precis: out of memory\n");
    exit(1);
  }
  return q;
}

static uint32_t voc_id(vocab *v, uint64_t k, int add) {
  if (!k) k = 1;
  if (add && (v->n + 1) * 2 > v->cap) {
    size_t nc = v->cap ? v->cap * 2 : 1 << 16;
    uint64_t *nk = calloc(nc, sizeof *nk);
    uint32_t *ni = xr(NULL, nc * sizeof *ni);
    if (!nk) exit(1);
    for (size_t i = 0; i < v->cap; i++) {
      if (!v->keys[i]) continue;
      size_t j = (size_t)v->keys[i] & (nc - 1);
      while (nk[j]) j = (j + 1) & (nc - 1);
      nk[j] = v->keys[i];
      ni[j] = v->idx[i];
    }
    free(v->keys);
    free(v->idx);
    v->keys = nk;
    v->idx = ni;
    v->cap = nc;
  }
  if (!v->cap) return UINT32_MAX;
  size_t i = (size_t)k & (v->cap - 1);
  while (v->keys[i]) {
    if (v->keys[i] == k) return v->idx[i];
    i = (i + 1) & (v->cap - 1);
  }
  if (!add) return UINT32_MAX;
  v->keys[i] = k;
  v->idx[i] = (uint32_t)v->n;
  v->freq = xr(v->freq, (v->n + 1) * sizeof *v->freq);
  v->freq[v->n] = 0;
  return (uint32_t)v->n++;
}

/* The token stream: word ids, UINT32_MAX - 1 = sentence/document break. */
typedef struct stream {
  uint32_t *w;
  size_t n, cap;
} stream;

#define BREAK (UINT32_MAX - 1)

static void push(stream *s, uint32_t id) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 1 << 20;
    s->w = xr(s->w, s->cap * sizeof *s->w);
  }
  s->w[s->n++] = id;
}

static void add_token(vocab *v, stream *s, const char *p, size_t n) {
  uint32_t id = voc_id(v, prc_tg_lower_hash(p, n), 1);
  v->freq[id]++;
  push(s, id);
}

static int is_word_byte(const unsigned char *p, size_t i, size_t n) {
  unsigned char c = p[i];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
  if (c == 0xE2 && i + 1 < n && p[i + 1] == 0x80) return 0; /* general punctuation block */
  if (c >= 0x80) {
    /* continuation bytes of E2 80 xx */
    if (i >= 1 && p[i - 1] == 0xE2 && c == 0x80) return 0;
    if (i >= 2 && p[i - 2] == 0xE2 && p[i - 1] == 0x80) return 0;
    return 1;
  }
  return 0;
}

static size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* A rough PTB-like tokenizer for unlabelled text. */
static void prc_tokenize(vocab *v, stream *s, const char *text, size_t n) {
  const unsigned char *p = (const unsigned char *)text;
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      i++;
      continue;
    }
    if (c == '\n') {
      if (i + 1 < n && p[i + 1] == '\n') push(s, BREAK);
      i++;
      continue;
    }
    if (!is_word_byte(p, i, n)) {
      size_t l = utf8_len(c);
      if (i + l > n) l = n - i;
      add_token(v, s, text + i, l);
      if (c == '.' || c == '!' || c == '?') push(s, BREAK);
      i += l;
      continue;
    }
    size_t j = i;
    while (j < n) {
      if (is_word_byte(p, j, n)) {
        j++;
        continue;
      }
      /* internal . - ' & followed by a word character */
      if ((p[j] == '.' || p[j] == '-' || p[j] == '\'' || p[j] == '&') && j + 1 < n &&
          is_word_byte(p, j + 1, n)) {
        j++;
        continue;
      }
      /* curly apostrophe inside a word */
      if (j + 3 < n && p[j] == 0xE2 && p[j + 1] == 0x80 && p[j + 2] == 0x99 &&
          is_word_byte(p, j + 3, n)) {
        j += 3;
        continue;
      }
      break;
    }
    size_t e = j;
    /* split off 's and n't */
    size_t cut = e;
    if (e - i > 2 && p[e - 2] == '\'' && (p[e - 1] == 's' || p[e - 1] == 'S')) cut = e - 2;
    else if (e - i > 4 && p[e - 4] == 0xE2 && p[e - 3] == 0x80 && p[e - 2] == 0x99 &&
             (p[e - 1] == 's' || p[e - 1] == 'S'))
      cut = e - 4;
    else if (e - i > 3 && p[e - 3] == 'n' && p[e - 2] == '\'' && p[e - 1] == 't')
      cut = e - 3;
    add_token(v, s, text + i, cut - i);
    if (cut < e) add_token(v, s, text + cut, e - cut);
    i = e;
  }
  push(s, BREAK);
}

static int cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *b = xr(NULL, cap);
  size_t k;
  while ((k = fread(b + len, 1, cap - len, f)) > 0) {
    len += k;
    if (len == cap) {
      cap *= 2;
      b = xr(b, cap);
    }
  }
  fclose(f);
  *n = len;
  return b;
}

static size_t read_dir_texts(const char *dir, vocab *v, stream *s) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  char **names = NULL;
  size_t nn = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
    names = xr(names, (nn + 1) * sizeof *names);
    names[nn++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, nn, sizeof *names, cmpstr);
  size_t files = 0;
  for (size_t i = 0; i < nn; i++) {
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    size_t n;
    char *t = slurp(path, &n);
    if (t) {
      prc_tokenize(v, s, t, n);
      files++;
      free(t);
    }
    free(names[i]);
  }
  free(names);
  return files;
}

static size_t read_jsonl(const char *path, vocab *v, stream *s) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  char *line = NULL;
  size_t cap = 0, docs = 0;
  while (getline(&line, &cap, f) >= 0) {
    json_error_t je;
    json_t *o = json_loads(line, 0, &je);
    if (!o) continue;
    json_t *a = json_object_get(o, "article");
    if (json_is_string(a)) {
      prc_tokenize(v, s, json_string_value(a), json_string_length(a));
      docs++;
    }
    json_decref(o);
  }
  free(line);
  fclose(f);
  return docs;
}

typedef struct cl_ctx {
  size_t V, D;
  float *vec; /* V x D, unit length */
  uint32_t *path, *plen;
  uint32_t *freq;
} cl_ctx;

static void bisect(cl_ctx *c, uint32_t *words, size_t n, uint32_t path, int depth) {
  for (size_t i = 0; i < n; i++) {
    c->path[words[i]] = path;
    c->plen[words[i]] = (uint32_t)depth;
  }
  if (depth >= CL_DEPTH || n < 8) return;
  size_t D = c->D;
  float *cen = xr(NULL, 2 * D * sizeof *cen);
  /* initial centroids: the most frequent word and the word least like it */
  size_t a = 0;
  for (size_t i = 1; i < n; i++)
    if (c->freq[words[i]] > c->freq[words[a]]) a = i;
  size_t b = a == 0 ? 1 : 0;
  float worst = 2;
  for (size_t i = 0; i < n; i++) {
    if (i == a) continue;
    const float *x = c->vec + (size_t)words[i] * D, *y = c->vec + (size_t)words[a] * D;
    float d = 0;
    for (size_t k = 0; k < D; k++) d += x[k] * y[k];
    if (d < worst) {
      worst = d;
      b = i;
    }
  }
  memcpy(cen, c->vec + (size_t)words[a] * D, D * sizeof *cen);
  memcpy(cen + D, c->vec + (size_t)words[b] * D, D * sizeof *cen);
  uint8_t *side = xr(NULL, n);
  for (int it = 0; it < CL_ITERS; it++) {
    for (size_t i = 0; i < n; i++) {
      const float *x = c->vec + (size_t)words[i] * D;
      float d0 = 0, d1 = 0;
      for (size_t k = 0; k < D; k++) {
        d0 += x[k] * cen[k];
        d1 += x[k] * cen[D + k];
      }
      side[i] = d1 > d0;
    }
    memset(cen, 0, 2 * D * sizeof *cen);
    size_t cnt[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
      const float *x = c->vec + (size_t)words[i] * D;
      float *z = cen + side[i] * D;
      for (size_t k = 0; k < D; k++) z[k] += x[k];
      cnt[side[i]]++;
    }
    if (!cnt[0] || !cnt[1]) break;
    for (int q = 0; q < 2; q++) {
      float nn = 0;
      for (size_t k = 0; k < D; k++) nn += cen[q * D + k] * cen[q * D + k];
      nn = nn > 0 ? 1.0f / sqrtf(nn) : 0;
      for (size_t k = 0; k < D; k++) cen[q * D + k] *= nn;
    }
  }
  free(cen);
  /* stable partition */
  uint32_t *tmp = xr(NULL, n * sizeof *tmp);
  size_t n0 = 0, n1 = 0;
  for (size_t i = 0; i < n; i++)
    if (!side[i]) tmp[n0++] = words[i];
  for (size_t i = 0; i < n; i++)
    if (side[i]) tmp[n0 + n1++] = words[i];
  memcpy(words, tmp, n * sizeof *tmp);
  free(tmp);
  free(side);
  if (!n0 || !n1) return;
  bisect(c, words, n0, path << 1, depth + 1);
  bisect(c, words + n0, n1, (path << 1) | 1, depth + 1);
}

static vocab *sort_v;
static int by_freq(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  if (sort_v->freq[x] != sort_v->freq[y]) return sort_v->freq[x] > sort_v->freq[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

int prc_tg_build_clusters(const char *data_dir, const tag_token *extra, size_t nextra, int verbose,
                      uint64_t **keys_out, uint32_t **vals_out, size_t *n_out) {
  vocab v = {0};
  stream s = {0};
  char path[4096];
  size_t docs = 0;
  if (data_dir) {
    static const char *jsonl[] = {"summ/bbc_news_summary_dev.jsonl", "summ/cnndm_validation_1000.jsonl"};
    for (int i = 0; i < 2; i++) {
      snprintf(path, sizeof path, "%s/%s", data_dir, jsonl[i]);
      docs += read_jsonl(path, &v, &s);
    }
    static const char *dirs[] = {"polnear/train/text", "polnear/dev/text"};
    for (int i = 0; i < 2; i++) {
      snprintf(path, sizeof path, "%s/%s", data_dir, dirs[i]);
      docs += read_dir_texts(path, &v, &s);
    }
  }
  for (size_t i = 0; i < nextra; i++) {
    if (extra[i].len == 0) {
      push(&s, BREAK);
      continue;
    }
    add_token(&v, &s, extra[i].s, extra[i].len);
  }
  if (verbose)
    fprintf(stderr, "clusters: %zu documents, %zu tokens, %zu word types\n", docs, s.n, v.n);
  /* vocabulary by frequency */
  uint32_t *ord = xr(NULL, (v.n ? v.n : 1) * sizeof *ord);
  for (size_t i = 0; i < v.n; i++) ord[i] = (uint32_t)i;
  sort_v = &v;
  qsort(ord, v.n, sizeof *ord, by_freq);
  size_t V = 0;
  while (V < v.n && V < CL_MAXVOCAB && v.freq[ord[V]] >= CL_MINFREQ) V++;
  size_t K = CL_CTX < V ? CL_CTX : V;
  size_t D = 2 * K + 2;
  uint32_t *rank = xr(NULL, (v.n ? v.n : 1) * sizeof *rank);
  for (size_t i = 0; i < v.n; i++) rank[i] = UINT32_MAX;
  for (size_t i = 0; i < V; i++) rank[ord[i]] = (uint32_t)i;
  cl_ctx c = {V, D, NULL, NULL, NULL, NULL};
  c.vec = calloc(V ? V * D : 1, sizeof *c.vec);
  if (!c.vec) exit(1);
  for (size_t i = 0; i < s.n; i++) {
    uint32_t w = s.w[i];
    if (w == BREAK || rank[w] >= V) continue;
    float *x = c.vec + (size_t)rank[w] * D;
    uint32_t l = i > 0 ? s.w[i - 1] : BREAK, r = i + 1 < s.n ? s.w[i + 1] : BREAK;
    if (l == BREAK) x[2 * K] += 1;
    else if (rank[l] < K) x[rank[l]] += 1;
    if (r == BREAK) x[2 * K + 1] += 1;
    else if (rank[r] < K) x[K + rank[r]] += 1;
  }
  for (size_t w = 0; w < V; w++) {
    float *x = c.vec + w * D, nn = 0;
    for (size_t k = 0; k < D; k++) {
      x[k] = sqrtf(x[k]);
      nn += x[k] * x[k];
    }
    nn = nn > 0 ? 1.0f / sqrtf(nn) : 0;
    for (size_t k = 0; k < D; k++) x[k] *= nn;
  }
  c.path = xr(NULL, (V ? V : 1) * sizeof *c.path);
  c.plen = xr(NULL, (V ? V : 1) * sizeof *c.plen);
  c.freq = xr(NULL, (V ? V : 1) * sizeof *c.freq);
  uint32_t *words = xr(NULL, (V ? V : 1) * sizeof *words);
  size_t nw = 0;
  for (size_t i = 0; i < V; i++) {
    c.freq[i] = v.freq[ord[i]];
    c.plen[i] = 0;
    const float *x = c.vec + i * D;
    int nz = 0;
    for (size_t k = 0; k < D && !nz; k++) nz = x[k] != 0;
    if (nz) words[nw++] = (uint32_t)i; /* words seen only beside rare words: no cluster */
  }
  bisect(&c, words, nw, 0, 0);
  uint64_t *keys = xr(NULL, (V ? V : 1) * sizeof *keys);
  uint32_t *vals = xr(NULL, (V ? V : 1) * sizeof *vals);
  /* the key of vocabulary entry ord[i]: find it in the hash table */
  uint64_t *kof = xr(NULL, (v.n ? v.n : 1) * sizeof *kof);
  for (size_t i = 0; i < v.cap; i++)
    if (v.keys[i]) kof[v.idx[i]] = v.keys[i];
  size_t n = 0;
  for (size_t i = 0; i < V; i++) {
    uint32_t L = c.plen[i];
    if (!L) continue;
    keys[n] = kof[ord[i]];
    vals[n] = (c.path[i] << (24 - L)) | (L << 24);
    n++;
  }
  if (verbose) fprintf(stderr, "clusters: %zu words clustered (vocabulary %zu, context %zu)\n", n, V, K);
  *keys_out = keys;
  *vals_out = vals;
  *n_out = n;
  free(kof);
  free(words);
  free(c.vec);
  free(c.path);
  free(c.plen);
  free(c.freq);
  free(rank);
  free(ord);
  free(v.keys);
  free(v.idx);
  free(v.freq);
  free(s.w);
  return 0;
}
