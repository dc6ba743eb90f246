/* extract_eval.c - main-text extraction scores (extract_eval.h). */
#include "eval/extract_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct { size_t b, e; } tok;

static int is_word_cp(utf8proc_int32_t c) {
  if (c == '_') return 1;
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return 1;
    default: return 0;
  }
}

static tok *tokenize(const char *s, size_t n, size_t *nt) {
  size_t cap = 64, k = 0;
  tok *t = malloc(cap * sizeof *t);
  if (!t) return NULL;
  size_t i = 0, start = 0;
  int in = 0;
  while (i < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
    if (l <= 0) { c = -1; l = 1; }
    int w = c >= 0 && is_word_cp(c);
    if (w && !in) { start = i; in = 1; }
    else if (!w && in) {
      if (k == cap) { tok *nt2 = realloc(t, (cap *= 2) * sizeof *t); if (!nt2) { free(t); return NULL; } t = nt2; }
      t[k++] = (tok){start, i};
      in = 0;
    }
    i += (size_t)l;
  }
  if (in) {
    if (k == cap) { tok *nt2 = realloc(t, (cap + 1) * sizeof *t); if (!nt2) { free(t); return NULL; } t = nt2; }
    t[k++] = (tok){start, n};
  }
  *nt = k;
  return t;
}

/* A shingle: tokens [i, i+len) of one text. */
typedef struct { const char *s; const tok *t; size_t i, len; uint64_t h; int side; } shingle;

static uint64_t hash_sh(const char *s, const tok *t, size_t i, size_t len) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = i; k < i + len; k++) {
    for (size_t j = t[k].b; j < t[k].e; j++) { h ^= (unsigned char)s[j]; h *= 1099511628211ull; }
    h ^= 0xff; h *= 1099511628211ull; /* token separator (never a byte of UTF-8 text) */
  }
  return h;
}

static int cmp_tok_seq(const shingle *a, const shingle *b) {
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  for (size_t k = 0; k < a->len; k++) {
    const tok *x = &a->t[a->i + k], *y = &b->t[b->i + k];
    size_t lx = x->e - x->b, ly = y->e - y->b;
    int c = memcmp(a->s + x->b, b->s + y->b, lx < ly ? lx : ly);
    if (c) return c;
    if (lx != ly) return lx < ly ? -1 : 1;
  }
  return 0;
}

static int cmp_sh(const void *pa, const void *pb) {
  const shingle *a = pa, *b = pb;
  if (a->h != b->h) return a->h < b->h ? -1 : 1;
  int c = cmp_tok_seq(a, b);
  if (c) return c;
  return a->side - b->side;
}

static size_t add_shingles(shingle *out, const char *s, const tok *t, size_t nt, int side) {
  if (nt == 0) return 0;
  if (nt < 4) { out[0] = (shingle){s, t, 0, nt, hash_sh(s, t, 0, nt), side}; return 1; }
  for (size_t i = 0; i + 4 <= nt; i++) out[i] = (shingle){s, t, i, 4, hash_sh(s, t, i, 4), side};
  return nt - 3;
}

int prc_xe_score_page(const char *gold, size_t gold_len, const char *pred, size_t pred_len, xe_page *out) {
  memset(out, 0, sizeof *out);
  size_t ng = 0, np = 0;
  tok *tg = tokenize(gold ? gold : "", gold ? gold_len : 0, &ng);
  tok *tp = tokenize(pred ? pred : "", pred ? pred_len : 0, &np);
  shingle *sh = malloc((ng + np + 2) * sizeof *sh);
  if (!tg || !tp || !sh) { free(tg); free(tp); free(sh); return -1; }
  size_t a = add_shingles(sh, gold, tg, ng, 0);
  size_t b = add_shingles(sh + a, pred, tp, np, 1);
  size_t n = a + b;
  qsort(sh, n, sizeof *sh, cmp_sh);
  /* runs of equal shingles: gold ones first (side 0), then predicted */
  for (size_t i = 0; i < n;) {
    size_t j = i, cg = 0, cp = 0;
    while (j < n && sh[j].h == sh[i].h && cmp_tok_seq(&sh[j], &sh[i]) == 0) {
      if (sh[j].side) cp++; else cg++;
      j++;
    }
    out->matched += (double)(cg < cp ? cg : cp);
    i = j;
  }
  out->gold = (double)a;
  out->predicted = (double)b;
  free(tg); free(tp); free(sh);
  return 0;
}

double prc_xe_page_precision(const xe_page *p) {
  if (p->predicted == p->matched && p->gold == p->matched) return 1.0; /* nothing wrong (or both empty) */
  if (p->predicted == 0) return -1;
  return p->matched / p->predicted;
}

double prc_xe_page_recall(const xe_page *p) {
  if (p->predicted == p->matched && p->gold == p->matched) return 1.0;
  if (p->gold == 0) return -1;
  return p->matched / p->gold;
}

void prc_xe_summarize(const xe_page *pages, size_t n, xe_result *out) {
  memset(out, 0, sizeof *out);
  out->pages = n;
  double sp = 0, sr = 0;
  for (size_t i = 0; i < n; i++) {
    double p = prc_xe_page_precision(&pages[i]), r = prc_xe_page_recall(&pages[i]);
    if (p >= 0) { sp += p; out->p_pages++; }
    if (r >= 0) { sr += r; out->r_pages++; }
  }
  out->precision = out->p_pages ? sp / (double)out->p_pages : 0;
  out->recall = out->r_pages ? sr / (double)out->r_pages : 0;
  out->f1 = out->precision + out->recall > 0 ? 2 * out->precision * out->recall / (out->precision + out->recall) : 0;
}
