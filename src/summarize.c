/* summarize.c - the baseline summarizers: Lead-n and TextRank.
 *
 * Lead-n takes the first n candidate sentences.  TextRank (Mihalcea & Tarau,
 * 2004, sentence extraction variant) builds a graph whose nodes are the
 * candidate sentences and whose edge weights are the cosine similarities of
 * their TF-IDF vectors, runs weighted PageRank on it and keeps the n
 * best-ranked sentences.
 *
 * A candidate is a sentence that is not a heading and has at least one word
 * or number token.
 *
 * TextRank details:
 *  - terms: word and number tokens, lower-cased (identified by prc_hash_lower, the
 *    32-bit hash of the lower-cased text; a hash collision merges two words,
 *    which is harmless here), minus stopwords (LX_STOP) and clitics ('s n't 're);
 *  - tf = the raw count of the term in the sentence;
 *  - idf = ln(N / df) + 1, with the document as corpus: N = the number of
 *    sentences considered, df = how many of them contain the term.  The "+ 1"
 *    keeps terms that occur in every sentence from vanishing (with plain
 *    ln(N/df) a two-sentence document would have no edges at all);
 *  - edge weight = cosine(tf-idf vectors); no self loops;
 *  - PageRank with damping 0.85, each node spreading its score over its edges
 *    in proportion to their weights; the score of a node without edges is
 *    spread over all nodes (so the scores always sum to 1); start from 1/N,
 *    iterate until the L1 change is < 1e-6 or 100 iterations;
 *  - the top n by score; scores equal once rounded to 1e-10 are ties and go to the
 *    earlier sentence; the chosen sentences are output in document order.
 *
 * Cost cap: only the first SUMMARIZE_TR_MAX_SENTS (500) candidate sentences
 * are considered, and of each only its first SUMMARIZE_TR_MAX_SENT_TOKENS
 * (200) tokens (a news sentence has 20-60).  Later sentences are never chosen
 * by TextRank; words past a sentence's 200th token do not count.  So at most
 * 100,000 tokens are read, the pairwise dot products cost at most
 * 500 * 100,000 multiply-adds and PageRank at most 100 * 500^2,
 * whatever the input size: the time of the whole pipeline stays linear in the
 * input (the cap only bites on pathological inputs).
 *
 * Vectors are sorted arrays of (hash, weight); dot products are summed from
 * per-term postings lists.  All memory comes from the document arena. */
#include "summarize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

/* ---- shared helpers ---------------------------------------------------- */

static uint32_t first_tok(const sentence *se) {
  if (se->body_start_tok > se->tok_begin && se->body_start_tok < se->tok_end) return se->body_start_tok;
  return se->tok_begin;
}

static bool is_candidate(const precis_doc *d, uint32_t s) {
  const sentence *se = &d->sents[s];
  if (!prc_sent_is_text(se)) return false;
  for (uint32_t k = first_tok(se); k < se->tok_end; k++)
    if (d->toks[k].flags & (TF_WORD | TF_NUMBER)) return true;
  return false;
}

/* Bytes of a Unicode White_Space character at p (p < e), or 0. */
static size_t space_len(const unsigned char *p, const unsigned char *e) {
  unsigned c = p[0];
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  if (c == 0xC2 && p + 1 < e && (p[1] == 0x85 || p[1] == 0xA0)) return 2; /* NEL, NBSP */
  if (p + 2 >= e) return 0;
  if (c == 0xE1 && p[1] == 0x9A && p[2] == 0x80) return 3;                 /* U+1680 */
  if (c == 0xE2 && p[1] == 0x80 &&
      ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
    return 3;                                                              /* U+2000-200A, 2028, 2029, 202F */
  if (c == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3;                 /* U+205F */
  if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;                 /* U+3000 */
  return 0;
}

/* Arena copy of sentence s with white space runs collapsed to one space. */
static const char *sentence_claim(precis_doc *d, uint32_t s) {
  const sentence *se = &d->sents[s];
  uint32_t a = d->toks[first_tok(se)].start, b = se->end;
  if (b < a) b = a;
  char *out = prc_arena_alloc(&d->ar, (size_t)(b - a) + 1);
  const unsigned char *p = (const unsigned char *)d->text + a, *e = (const unsigned char *)d->text + b;
  size_t o = 0;
  bool pending_space = false;
  while (p < e) {
    size_t sl = space_len(p, e);
    if (sl) {
      pending_space = true;
      p += sl;
      continue;
    }
    if (pending_space && o > 0) out[o++] = ' ';
    pending_space = false;
    out[o++] = (char)*p++;
  }
  out[o] = 0;
  return out;
}

static void push_kp(precis_doc *d, uint32_t s, double score) {
  keypoint *k = ARENA_PUSH(&d->ar, d->kps, d->nkps, d->ckps, keypoint);
  k->sent = s;
  k->claim = sentence_claim(d, s);
  k->entity = -1;
  k->score = score;
}

/* ---- Lead-n ------------------------------------------------------------ */

void prc_summarize_lead(precis_doc *d, int n) {
  if (!d) return;
  d->nkps = 0;
  if (n <= 0) return;
  int rank = 0;
  for (uint32_t s = 0; s < d->nsents && rank < n; s++) {
    if (!is_candidate(d, s)) continue;
    push_kp(d, s, 1.0 / (1.0 + rank));
    rank++;
  }
}

/* ---- TextRank ---------------------------------------------------------- */

typedef struct term {
  uint32_t h;
  uint32_t id; /* index into the document's term dictionary */
  double w;    /* tf while building, then tf * idf */
} term;

typedef struct posting {
  uint32_t node; /* index of the considered sentence */
  double w;
} posting;

typedef struct tvec {
  term *t;
  uint32_t n;
  double norm;
} tvec;

typedef struct ranked {
  int64_t key; /* score quantised to 1e-10 */
  uint32_t pos;
  double score;
} ranked;

/* Sorts n uint32 ascending: insertion sort when short, else an LSD radix
 * sort (four byte passes) with scratch space from the arena. */
static void sort_u32(arena *A, uint32_t *v, uint32_t n) {
  if (n < 24) {
    for (uint32_t i = 1; i < n; i++) {
      uint32_t x = v[i], j = i;
      while (j > 0 && v[j - 1] > x) { v[j] = v[j - 1]; j--; }
      v[j] = x;
    }
    return;
  }
  uint32_t *tmp = prc_arena_alloc(A, (size_t)n * sizeof *tmp), *src = v, *dst = tmp;
  for (unsigned shift = 0; shift < 32; shift += 8) {
    uint32_t count[257] = {0};
    for (uint32_t i = 0; i < n; i++) count[((src[i] >> shift) & 0xFF) + 1]++;
    for (int b = 0; b < 256; b++) count[b + 1] += count[b];
    for (uint32_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
    uint32_t *t = src; src = dst; dst = t;
  }
  /* four passes: the result is back in v */
}

static int cmp_ranked(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->key != y->key) return x->key > y->key ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

static int cmp_ranked_pos(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

static bool content_token(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (!(t->flags & (TF_WORD | TF_NUMBER)) || (t->flags & TF_PUNCT)) return false;
  const char *s = tok_str(d, i);
  uint32_t n = tok_len(d, i);
  if (n == 0) return false;
  /* clitics split off by the tokenizer: 's 're 'll ’s n't n’t */
  if (s[0] == '\'' || (n >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)) return false;
  if (tok_ieq(d, i, "n't") || tok_ieq(d, i, "n\xE2\x80\x99t")) return false;
  return !(tok_lex(d, i) & LX_STOP);
}

/* Steps 1-6: the PageRank value of each considered sentence.  Returns N, with
 * *pos_out[i] the sentence index and *p_out[i] its score. */
static uint32_t textrank_core(precis_doc *d, uint32_t **pos_out, double **p_out) {
  arena *A = &d->ar;

  /* 1. the sentences considered, and the token range of each */
  uint32_t cap = d->nsents < SUMMARIZE_TR_MAX_SENTS ? d->nsents : SUMMARIZE_TR_MAX_SENTS;
  uint32_t *pos = prc_arena_alloc(A, cap * sizeof *pos);
  uint32_t *tb = prc_arena_alloc(A, cap * sizeof *tb), *te = prc_arena_alloc(A, cap * sizeof *te);
  uint32_t N = 0, total = 0;
  for (uint32_t s = 0; s < d->nsents && N < cap; s++) {
    if (!is_candidate(d, s)) continue;
    const sentence *se = &d->sents[s];
    uint32_t a = first_tok(se), len = se->tok_end - a;
    if (len > SUMMARIZE_TR_MAX_SENT_TOKENS) len = SUMMARIZE_TR_MAX_SENT_TOKENS;
    pos[N] = s;
    tb[N] = a;
    te[N] = a + len;
    total += len;
    N++;
  }
  if (N == 0) return 0;

  /* 2. term-frequency vectors: sorted hashes, run-length counted */
  uint32_t *hs = prc_arena_alloc(A, (total + 1) * sizeof *hs);
  term *terms = prc_arena_alloc(A, (total + 1) * sizeof *terms);
  tvec *v = prc_arena_alloc(A, N * sizeof *v);
  uint32_t off = 0, nuniq_all = 0;
  for (uint32_t i = 0; i < N; i++) {
    uint32_t m = 0;
    uint32_t *h = hs + off;
    for (uint32_t k = tb[i]; k < te[i]; k++)
      if (content_token(d, k)) h[m++] = prc_hash_lower(tok_str(d, k), tok_len(d, k));
    sort_u32(A, h, m);
    v[i].t = terms + off;
    uint32_t u = 0;
    for (uint32_t k = 0; k < m; k++) {
      if (u > 0 && v[i].t[u - 1].h == h[k]) {
        v[i].t[u - 1].w += 1.0;
      } else {
        v[i].t[u].h = h[k];
        v[i].t[u].w = 1.0;
        u++;
      }
    }
    v[i].n = u;
    nuniq_all += u;
    off += m;
  }

  /* 3. document frequencies: every sentence's distinct terms, sorted */
  uint32_t *dict = prc_arena_alloc(A, (nuniq_all + 1) * sizeof *dict);
  uint32_t *df = prc_arena_alloc(A, (nuniq_all + 1) * sizeof *df);
  uint32_t nd = 0;
  for (uint32_t i = 0; i < N; i++)
    for (uint32_t k = 0; k < v[i].n; k++) dict[nd++] = v[i].t[k].h;
  sort_u32(A, dict, nd);
  uint32_t ndict = 0;
  for (uint32_t k = 0; k < nd; k++) {
    if (ndict > 0 && dict[ndict - 1] == dict[k]) {
      df[ndict - 1]++;
    } else {
      dict[ndict] = dict[k];
      df[ndict] = 1;
      ndict++;
    }
  }

  /* 4. tf-idf weights and norms */
  for (uint32_t i = 0; i < N; i++) {
    double sq = 0;
    for (uint32_t k = 0; k < v[i].n; k++) {
      uint32_t h = v[i].t[k].h, lo = 0, hi = ndict;
      while (lo < hi) { /* the term is in dict */
        uint32_t mid = lo + (hi - lo) / 2;
        if (dict[mid] < h) lo = mid + 1;
        else hi = mid;
      }
      v[i].t[k].id = lo;
      double idf = log((double)N / (double)df[lo]) + prc_kp_weights.tr_idf_smooth;
      v[i].t[k].w *= idf;
      sq += v[i].t[k].w * v[i].t[k].w;
    }
    v[i].norm = sqrt(sq);
  }

  /* 5. the similarity graph (dense, symmetric, N <= 500) and out-weights.
   * Dot products are accumulated term by term from postings lists (sorted by
   * sentence), which costs the number of shared (term, pair) occurrences:
   * never more than merging every pair of vectors. */
  uint32_t *poff = prc_arena_alloc(A, (ndict + 1) * sizeof *poff);
  for (uint32_t k = 0; k < ndict; k++) poff[k + 1] = poff[k] + df[k];
  uint32_t *fill = prc_arena_memdup(A, poff, (ndict + 1) * sizeof *poff);
  posting *post = prc_arena_alloc(A, (poff[ndict] + 1) * sizeof *post);
  for (uint32_t i = 0; i < N; i++)
    for (uint32_t k = 0; k < v[i].n; k++) {
      posting *pp = &post[fill[v[i].t[k].id]++];
      pp->node = i;
      pp->w = v[i].t[k].w;
    }
  double *W = prc_arena_scratch(A, (size_t)N * N * sizeof *W); /* given back below */
  for (uint32_t k = 0; k < ndict; k++)
    for (uint32_t a = poff[k]; a < poff[k + 1]; a++) {
      double *row = W + (size_t)post[a].node * N, wa = post[a].w;
      for (uint32_t b = a + 1; b < poff[k + 1]; b++) row[post[b].node] += wa * post[b].w;
    }
  double *out = prc_arena_alloc(A, N * sizeof *out);
  for (uint32_t i = 0; i < N; i++)
    for (uint32_t j = i + 1; j < N; j++) {
      double dot = W[(size_t)i * N + j];
      double s = dot > 0 ? dot / (v[i].norm * v[j].norm) : 0; /* cosine */
      W[(size_t)i * N + j] = W[(size_t)j * N + i] = s;
      out[i] += s;
      out[j] += s;
    }

  /* 6. weighted PageRank */
  double *p = prc_arena_alloc(A, N * sizeof *p), *q = prc_arena_alloc(A, N * sizeof *q);
  double *np = prc_arena_alloc(A, N * sizeof *np);
  const double damp = prc_kp_weights.tr_damping;
  for (uint32_t i = 0; i < N; i++) p[i] = 1.0 / N;
  for (int it = 0; it < prc_kp_weights.tr_max_iter; it++) {
    double dangling = 0;
    for (uint32_t j = 0; j < N; j++) {
      if (out[j] > 0) {
        q[j] = p[j] / out[j];
      } else {
        q[j] = 0;
        dangling += p[j];
      }
    }
    double base = (1.0 - damp) / N + damp * dangling / N, delta = 0;
    for (uint32_t i = 0; i < N; i++) {
      const double *row = W + (size_t)i * N; /* symmetric: row i == column i */
      double acc = 0;
      for (uint32_t j = 0; j < N; j++) acc += row[j] * q[j];
      np[i] = base + damp * acc;
      delta += fabs(np[i] - p[i]);
    }
    double *t = p;
    p = np;
    np = t;
    if (delta < prc_kp_weights.tr_epsilon) break;
  }

  prc_arena_release_big(A, W); /* up to 2 MB: not kept to the document's end */
  *pos_out = pos;
  *p_out = p;
  return N;
}

uint32_t prc_summarize_textrank_scores(precis_doc *d, uint32_t **pos, double **p) {
  *pos = NULL;
  *p = NULL;
  if (!d || d->nsents == 0) return 0;
  return textrank_core(d, pos, p);
}

void prc_summarize_textrank(precis_doc *d, int n) {
  if (!d) return;
  d->nkps = 0;
  if (n <= 0 || d->nsents == 0) return;
  arena *A = &d->ar;
  uint32_t *pos;
  double *p;
  uint32_t N = textrank_core(d, &pos, &p);
  if (N == 0) return;

  /* 7. the top n, output in document order */
  ranked *r = prc_arena_alloc(A, N * sizeof *r);
  for (uint32_t i = 0; i < N; i++) {
    r[i].key = llround(p[i] * prc_kp_weights.tr_tie_scale);
    r[i].pos = pos[i];
    r[i].score = p[i];
  }
  qsort(r, N, sizeof *r, cmp_ranked);
  uint32_t k = (uint32_t)n < N ? (uint32_t)n : N;
  qsort(r, k, sizeof *r, cmp_ranked_pos);
  for (uint32_t i = 0; i < k; i++) push_kp(d, r[i].pos, r[i].score);
}
