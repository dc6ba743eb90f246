/* rouge.c - ROUGE-1/2/L/Lsum, rouge-score semantics (docs/evaluation.md). */
#include "rouge.h"

#include <stdlib.h>
#include <string.h>

#include "porter.h"

/* ------------------------------------------------------------------ */
/* String -> uint32 map with its own string pool.                      */

typedef struct strmap {
  char *pool; /* NUL-terminated keys, back to back */
  size_t plen, pcap;
  size_t *off;    /* key i starts at pool + off[i] */
  uint32_t *klen; /* key length */
  uint32_t *val;
  uint64_t *hash;
  size_t count, cap;
  uint32_t *slots; /* entry index + 1, 0 = empty */
  size_t nslots;   /* power of two */
} strmap;

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

static void strmap_free(strmap *m) {
  free(m->pool);
  free(m->off);
  free(m->klen);
  free(m->val);
  free(m->hash);
  free(m->slots);
  memset(m, 0, sizeof *m);
}

/* Index of key in m, or -1. */
static long strmap_find(const strmap *m, const char *s, size_t n, uint64_t h) {
  if (!m->nslots) return -1;
  size_t mask = m->nslots - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    uint32_t e = m->slots[i];
    if (!e) return -1;
    e--;
    if (m->hash[e] == h && m->klen[e] == n && memcmp(m->pool + m->off[e], s, n) == 0)
      return (long)e;
  }
}

static int strmap_rehash(strmap *m, size_t nslots) {
  uint32_t *slots = calloc(nslots, sizeof *slots);
  if (!slots) return -1;
  size_t mask = nslots - 1;
  for (size_t e = 0; e < m->count; e++) {
    size_t i = (size_t)m->hash[e] & mask;
    while (slots[i]) i = (i + 1) & mask;
    slots[i] = (uint32_t)(e + 1);
  }
  free(m->slots);
  m->slots = slots;
  m->nslots = nslots;
  return 0;
}

/* Insert a key that is not present; returns its index or -1 on OOM. */
static long strmap_insert(strmap *m, const char *s, size_t n, uint64_t h, uint32_t val) {
  if ((m->count + 1) * 2 > m->nslots) {
    if (strmap_rehash(m, m->nslots ? m->nslots * 2 : 1024)) return -1;
  }
  if (m->count == m->cap) {
    size_t nc = m->cap ? m->cap * 2 : 512;
    size_t *off = realloc(m->off, nc * sizeof *off);
    if (!off) return -1;
    m->off = off;
    uint32_t *kl = realloc(m->klen, nc * sizeof *kl);
    if (!kl) return -1;
    m->klen = kl;
    uint32_t *v = realloc(m->val, nc * sizeof *v);
    if (!v) return -1;
    m->val = v;
    uint64_t *hs = realloc(m->hash, nc * sizeof *hs);
    if (!hs) return -1;
    m->hash = hs;
    m->cap = nc;
  }
  if (m->plen + n + 1 > m->pcap) {
    size_t nc = m->pcap ? m->pcap : 4096;
    while (nc < m->plen + n + 1) nc *= 2;
    char *p = realloc(m->pool, nc);
    if (!p) return -1;
    m->pool = p;
    m->pcap = nc;
  }
  size_t e = m->count;
  memcpy(m->pool + m->plen, s, n);
  m->pool[m->plen + n] = '\0';
  m->off[e] = m->plen;
  m->plen += n + 1;
  m->klen[e] = (uint32_t)n;
  m->val[e] = val;
  m->hash[e] = h;
  m->count++;
  size_t mask = m->nslots - 1;
  size_t i = (size_t)h & mask;
  while (m->slots[i]) i = (i + 1) & mask;
  m->slots[i] = (uint32_t)(e + 1);
  return (long)e;
}

/* ------------------------------------------------------------------ */
/* Context.                                                            */

typedef struct sent {
  size_t start, len; /* into a rouge_tokens */
} sent;

typedef struct ngent {
  const uint32_t *g; /* NULL = empty slot */
  uint64_t h;
  uint32_t cref, cpred;
} ngent;

struct rouge_ctx {
  int stem;
  int oom;
  strmap vocab; /* final token string -> id (== index) */
  strmap raw;   /* unstemmed token -> vocab id (stemming on only) */
  char *buf;    /* token / stem scratch */
  size_t bufcap;
  /* scratch */
  ngent *ng;
  size_t ngcap;
  uint32_t *rows;
  size_t rowscap;
  unsigned char *bits;
  size_t bitscap;
  unsigned char *mark;
  size_t markcap;
  uint32_t *cnt_r, *cnt_c;
  size_t cntcap;
  rouge_tokens rt, pt; /* tokens of the current pair */
  sent *rs, *ps;
  size_t nrs, nps, rscap, pscap;
};

rouge_ctx *prc_rouge_ctx_new(int stem) {
  rouge_ctx *c = calloc(1, sizeof *c);
  if (c) c->stem = stem != 0;
  return c;
}

void prc_rouge_ctx_free(rouge_ctx *c) {
  if (!c) return;
  strmap_free(&c->vocab);
  strmap_free(&c->raw);
  free(c->buf);
  free(c->ng);
  free(c->rows);
  free(c->bits);
  free(c->mark);
  free(c->cnt_r);
  free(c->cnt_c);
  prc_rouge_tokens_free(&c->rt);
  prc_rouge_tokens_free(&c->pt);
  free(c->rs);
  free(c->ps);
  free(c);
}

/* Grow a scratch buffer to hold at least n elements of size sz. */
static int grow(void **p, size_t *cap, size_t n, size_t sz) {
  if (n <= *cap) return 0;
  size_t nc = *cap ? *cap : 64;
  while (nc < n) nc *= 2;
  void *q = realloc(*p, nc * sz);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

const char *prc_rouge_token_str(const rouge_ctx *c, uint32_t id) {
  if (!c || id >= c->vocab.count) return NULL;
  return c->vocab.pool + c->vocab.off[id];
}

static long vocab_id(rouge_ctx *c, const char *s, size_t n) {
  uint64_t h = hash_bytes(s, n);
  long e = strmap_find(&c->vocab, s, n, h);
  if (e >= 0) return e;
  return strmap_insert(&c->vocab, s, n, h, (uint32_t)c->vocab.count);
}

/* The id of the token in c->buf[0..n) (which may be overwritten). */
static long token_id(rouge_ctx *c, size_t n) {
  if (!c->stem || n <= 3) return vocab_id(c, c->buf, n);
  uint64_t h = hash_bytes(c->buf, n);
  long e = strmap_find(&c->raw, c->buf, n, h);
  if (e >= 0) return (long)c->raw.val[e];
  /* Stem into the second half of the scratch buffer. */
  char *out = c->buf + n + 1;
  size_t k = prc_porter_stem(c->buf, n, out);
  long id = vocab_id(c, out, k);
  if (id < 0) return -1;
  if (strmap_insert(&c->raw, c->buf, n, h, (uint32_t)id) < 0) return -1;
  return id;
}

int prc_rouge_tokens_append(rouge_tokens *t, const uint32_t *ids, size_t n) {
  if (grow((void **)&t->ids, &t->cap, t->n + n, sizeof *t->ids)) return -1;
  if (n) memcpy(t->ids + t->n, ids, n * sizeof *ids);
  t->n += n;
  return 0;
}

void prc_rouge_tokens_free(rouge_tokens *t) {
  if (!t) return;
  free(t->ids);
  t->ids = NULL;
  t->n = t->cap = 0;
}

static int flush_token(rouge_ctx *c, size_t *n, rouge_tokens *out) {
  if (!*n) return 0;
  long id = token_id(c, *n);
  *n = 0;
  if (id < 0) return -1;
  uint32_t u = (uint32_t)id;
  return prc_rouge_tokens_append(out, &u, 1);
}

/* Python's str.lower() followed by replacing [^a-z0-9]+ with a space:
 * ASCII letters lowercase; U+0130 (I with dot) lowercases to "i" plus a
 * combining dot (a separator); U+212A (Kelvin sign) lowercases to "k";
 * every other non-ASCII character is a separator. */
int prc_rouge_tokenize(rouge_ctx *c, const char *text, size_t len, rouge_tokens *out) {
  const unsigned char *s = (const unsigned char *)text;
  size_t n = 0; /* current token length in c->buf */
  for (size_t i = 0; i < len;) {
    unsigned ch = s[i];
    int letter = -1, breaks_after = 0;
    size_t adv = 1;
    if (ch >= 'A' && ch <= 'Z') letter = (int)(ch - 'A' + 'a');
    else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) letter = (int)ch;
    else if (ch == 0xC4 && i + 1 < len && s[i + 1] == 0xB0) {
      letter = 'i';
      breaks_after = 1;
      adv = 2;
    } else if (ch == 0xE2 && i + 2 < len && s[i + 1] == 0x84 && s[i + 2] == 0xAA) {
      letter = 'k';
      adv = 3;
    }
    i += adv;
    if (letter < 0) {
      if (flush_token(c, &n, out)) return -1;
      continue;
    }
    /* room for the token, a NUL, and a stem of the same size */
    if (grow((void **)&c->buf, &c->bufcap, 2 * (n + 1) + 2, 1)) return -1;
    c->buf[n++] = (char)letter;
    if (breaks_after && flush_token(c, &n, out)) return -1;
  }
  if (grow((void **)&c->buf, &c->bufcap, 2 * (n + 1) + 2, 1)) return -1;
  return flush_token(c, &n, out);
}

double prc_rouge_fmeasure(double p, double r) {
  if (p + r > 0) return 2 * p * r / (p + r);
  return 0.0;
}

static rouge_prf prf(double p, double r) {
  rouge_prf x = {p, r, prc_rouge_fmeasure(p, r)};
  return x;
}

/* ------------------------------------------------------------------ */
/* ROUGE-N.                                                            */

static uint64_t hash_gram(const uint32_t *g, int n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < n; i++) {
    h ^= g[i];
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  return h;
}

static ngent *ng_slot(ngent *tab, size_t mask, const uint32_t *g, int n, uint64_t h) {
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    ngent *e = &tab[i];
    if (!e->g) return e;
    if (e->h == h && memcmp(e->g, g, (size_t)n * sizeof *g) == 0) return e;
  }
}

rouge_prf prc_rouge_ngram_prf(rouge_ctx *c, const uint32_t *ref, size_t nref,
                          const uint32_t *pred, size_t npred, int n) {
  rouge_prf zero = {0, 0, 0};
  if (n < 1) return zero;
  size_t gr = nref >= (size_t)n ? nref - (size_t)n + 1 : 0;
  size_t gp = npred >= (size_t)n ? npred - (size_t)n + 1 : 0;
  if (!gr || !gp) return zero; /* overlap 0 => p = r = 0 */
  size_t need = 16;
  while (need < 2 * (gr + gp)) need *= 2;
  if (grow((void **)&c->ng, &c->ngcap, need, sizeof *c->ng)) {
    c->oom = 1;
    return zero;
  }
  ngent *tab = c->ng;
  memset(tab, 0, need * sizeof *tab);
  size_t mask = need - 1;
  for (size_t i = 0; i < gr; i++) {
    uint64_t h = hash_gram(ref + i, n);
    ngent *e = ng_slot(tab, mask, ref + i, n, h);
    if (!e->g) {
      e->g = ref + i;
      e->h = h;
    }
    e->cref++;
  }
  size_t overlap = 0;
  for (size_t i = 0; i < gp; i++) {
    uint64_t h = hash_gram(pred + i, n);
    ngent *e = ng_slot(tab, mask, pred + i, n, h);
    if (!e->g) {
      e->g = pred + i;
      e->h = h;
    }
    /* clipped: count this occurrence while it is within the ref count */
    if (e->cpred < e->cref) overlap++;
    e->cpred++;
  }
  return prf((double)overlap / (double)gp, (double)overlap / (double)gr);
}

/* ------------------------------------------------------------------ */
/* LCS.                                                                */

size_t prc_rouge_lcs_length(rouge_ctx *c, const uint32_t *a, size_t na, const uint32_t *b,
                        size_t nb) {
  if (!na || !nb) return 0;
  if (grow((void **)&c->rows, &c->rowscap, 2 * (nb + 1), sizeof *c->rows)) {
    c->oom = 1;
    return 0;
  }
  uint32_t *prev = c->rows, *cur = c->rows + nb + 1;
  memset(prev, 0, (nb + 1) * sizeof *prev);
  cur[0] = 0;
  for (size_t i = 1; i <= na; i++) {
    uint32_t ai = a[i - 1];
    for (size_t j = 1; j <= nb; j++) {
      if (ai == b[j - 1]) cur[j] = prev[j - 1] + 1;
      else cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
    }
    uint32_t *t = prev;
    prev = cur;
    cur = t;
  }
  return prev[nb];
}

rouge_prf prc_rouge_lcs_prf(rouge_ctx *c, const uint32_t *ref, size_t nref,
                        const uint32_t *pred, size_t npred) {
  rouge_prf zero = {0, 0, 0};
  if (!nref || !npred) return zero;
  size_t l = prc_rouge_lcs_length(c, ref, nref, pred, npred);
  return prf((double)l / (double)npred, (double)l / (double)nref);
}

/* Mark in mark[0..nr) the positions of r on the LCS of r and p found by
 * rouge-score's backtrack: from the end, take a match on equal tokens, else
 * step left (drop a p token) when the cell to the left is strictly larger
 * than the one above, else step up.  The DP keeps two rows and one bit per
 * cell recording "left > up". */
static void lcs_mark(rouge_ctx *c, const uint32_t *r, size_t nr, const uint32_t *p,
                     size_t np, unsigned char *mark) {
  if (!nr || !np) return;
  size_t ncell = nr * np;
  if (grow((void **)&c->bits, &c->bitscap, ncell / 8 + 1, 1) ||
      grow((void **)&c->rows, &c->rowscap, 2 * (np + 1), sizeof *c->rows)) {
    c->oom = 1;
    return;
  }
  unsigned char *bits = c->bits;
  uint32_t *prev = c->rows, *cur = c->rows + np + 1;
  memset(prev, 0, (np + 1) * sizeof *prev);
  cur[0] = 0;
  for (size_t i = 1; i <= nr; i++) {
    uint32_t ri = r[i - 1];
    size_t base = (i - 1) * np;
    for (size_t j = 1; j <= np; j++) {
      if (ri == p[j - 1]) {
        cur[j] = prev[j - 1] + 1;
      } else {
        uint32_t left = cur[j - 1], up = prev[j];
        size_t k = base + j - 1;
        if (left > up) {
          cur[j] = left;
          bits[k >> 3] |= (unsigned char)(1u << (k & 7));
        } else {
          cur[j] = up;
          bits[k >> 3] &= (unsigned char)~(1u << (k & 7));
        }
      }
    }
    uint32_t *t = prev;
    prev = cur;
    cur = t;
  }
  size_t i = nr, j = np;
  while (i > 0 && j > 0) {
    if (r[i - 1] == p[j - 1]) {
      mark[i - 1] = 1;
      i--;
      j--;
    } else {
      size_t k = (i - 1) * np + (j - 1);
      if (bits[k >> 3] & (1u << (k & 7))) j--;
      else i--;
    }
  }
}

static int ensure_counts(rouge_ctx *c) {
  size_t n = c->vocab.count;
  if (n <= c->cntcap) return 0;
  size_t nc = c->cntcap ? c->cntcap : 1024;
  while (nc < n) nc *= 2;
  uint32_t *a = realloc(c->cnt_r, nc * sizeof *a);
  if (!a) return -1;
  c->cnt_r = a;
  uint32_t *b = realloc(c->cnt_c, nc * sizeof *b);
  if (!b) return -1;
  c->cnt_c = b;
  memset(c->cnt_r + c->cntcap, 0, (nc - c->cntcap) * sizeof *a);
  memset(c->cnt_c + c->cntcap, 0, (nc - c->cntcap) * sizeof *b);
  c->cntcap = nc;
  return 0;
}

/* ROUGE-Lsum over sentence lists (rouge-score's summary-level LCS). */
static rouge_prf lsum(rouge_ctx *c, const rouge_tokens *rt, const sent *rs, size_t nrs,
                      const rouge_tokens *pt, const sent *ps, size_t nps) {
  rouge_prf zero = {0, 0, 0};
  size_t m = rt->n, n = pt->n; /* sentences partition the token arrays */
  if (!nrs || !nps || !m || !n) return zero;
  if (ensure_counts(c)) {
    c->oom = 1;
    return zero;
  }
  size_t maxr = 0;
  for (size_t i = 0; i < nrs; i++)
    if (rs[i].len > maxr) maxr = rs[i].len;
  if (grow((void **)&c->mark, &c->markcap, maxr + 1, 1)) {
    c->oom = 1;
    return zero;
  }
  for (size_t i = 0; i < m; i++) c->cnt_r[rt->ids[i]]++;
  for (size_t i = 0; i < n; i++) c->cnt_c[pt->ids[i]]++;
  size_t hits = 0;
  for (size_t s = 0; s < nrs; s++) {
    const uint32_t *r = rt->ids + rs[s].start;
    size_t lr = rs[s].len;
    if (!lr) continue;
    memset(c->mark, 0, lr);
    for (size_t q = 0; q < nps; q++) lcs_mark(c, r, lr, pt->ids + ps[q].start, ps[q].len, c->mark);
    for (size_t i = 0; i < lr; i++) {
      if (!c->mark[i]) continue;
      uint32_t t = r[i];
      if (c->cnt_c[t] > 0 && c->cnt_r[t] > 0) {
        hits++;
        c->cnt_c[t]--;
        c->cnt_r[t]--;
      }
    }
  }
  for (size_t i = 0; i < m; i++) c->cnt_r[rt->ids[i]] = 0;
  for (size_t i = 0; i < n; i++) c->cnt_c[pt->ids[i]] = 0;
  return prf((double)hits / (double)n, (double)hits / (double)m);
}

/* Tokenise text line by line (lines split on '\n'; empty lines dropped as
 * rouge-score does before tokenising), recording each line's tokens. */
static int tokenize_lines(rouge_ctx *c, const char *text, size_t len, rouge_tokens *t,
                          sent **ss, size_t *nss, size_t *sscap) {
  t->n = 0;
  *nss = 0;
  size_t i = 0;
  while (i <= len) {
    const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
    size_t end = nl ? (size_t)(nl - text) : len;
    if (end > i) {
      if (grow((void **)ss, sscap, *nss + 1, sizeof **ss)) return -1;
      size_t start = t->n;
      if (prc_rouge_tokenize(c, text + i, end - i, t)) return -1;
      (*ss)[*nss].start = start;
      (*ss)[*nss].len = t->n - start;
      (*nss)++;
    }
    if (!nl) break;
    i = end + 1;
  }
  return 0;
}

int prc_rouge_score_ctx(rouge_ctx *c, const char *ref, size_t ref_len, const char *pred,
                    size_t pred_len, rouge_scores *out) {
  memset(out, 0, sizeof *out);
  if (!c) return -1;
  c->oom = 0;
  if (!ref) ref_len = 0;
  if (!pred) pred_len = 0;
  if (tokenize_lines(c, ref ? ref : "", ref_len, &c->rt, &c->rs, &c->nrs, &c->rscap) ||
      tokenize_lines(c, pred ? pred : "", pred_len, &c->pt, &c->ps, &c->nps, &c->pscap))
    return -1;
  /* The token stream of the whole text is the concatenation of its lines'
   * ('\n' is a separator like any other non-alphanumeric character). */
  rouge_scores s;
  s.rouge1 = prc_rouge_ngram_prf(c, c->rt.ids, c->rt.n, c->pt.ids, c->pt.n, 1);
  s.rouge2 = prc_rouge_ngram_prf(c, c->rt.ids, c->rt.n, c->pt.ids, c->pt.n, 2);
  s.rougeL = prc_rouge_lcs_prf(c, c->rt.ids, c->rt.n, c->pt.ids, c->pt.n);
  s.rougeLsum = lsum(c, &c->rt, c->rs, c->nrs, &c->pt, c->ps, c->nps);
  if (c->oom) return -1;
  *out = s;
  return 0;
}

int prc_rouge_score_pair(const char *ref, const char *pred, int stem, rouge_scores *out) {
  memset(out, 0, sizeof *out);
  rouge_ctx *c = prc_rouge_ctx_new(stem);
  if (!c) return -1;
  int rc = prc_rouge_score_ctx(c, ref, ref ? strlen(ref) : 0, pred, pred ? strlen(pred) : 0, out);
  prc_rouge_ctx_free(c);
  return rc;
}

/* ------------------------------------------------------------------ */

static void add_prf(rouge_prf *a, const rouge_prf *b) {
  a->p += b->p;
  a->r += b->r;
  a->f += b->f;
}

void prc_rouge_mean_add(rouge_mean *m, const rouge_scores *s) {
  m->n++;
  add_prf(&m->sum.rouge1, &s->rouge1);
  add_prf(&m->sum.rouge2, &s->rouge2);
  add_prf(&m->sum.rougeL, &s->rougeL);
  add_prf(&m->sum.rougeLsum, &s->rougeLsum);
}

static rouge_prf div_prf(rouge_prf a, double n) {
  rouge_prf x = {a.p / n, a.r / n, a.f / n};
  return x;
}

rouge_scores prc_rouge_mean_get(const rouge_mean *m) {
  rouge_scores s;
  memset(&s, 0, sizeof s);
  if (!m->n) return s;
  double n = (double)m->n;
  s.rouge1 = div_prf(m->sum.rouge1, n);
  s.rouge2 = div_prf(m->sum.rouge2, n);
  s.rougeL = div_prf(m->sum.rougeL, n);
  s.rougeLsum = div_prf(m->sum.rougeLsum, n);
  return s;
}
