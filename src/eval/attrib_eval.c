/* attrib_eval.c - exact-span, token-overlap, any-overlap and linked-relation scores for
 * attribution relations (docs/evaluation.md, "## Attribution"). */
#include "attrib_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../arena.h"

/* ---- Character classes -------------------------------------------------- */

int prc_attrib_is_space(unsigned long c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) return 1;
  if (c > 0x10FFFF) return 0;
  utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
  return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP ||
         k == UTF8PROC_CATEGORY_CC;
}

static int is_quote(unsigned long c) {
  return c == '"' || c == '\'' || c == '`' || (c >= 0x2018 && c <= 0x201F) || c == 0xAB ||
         c == 0xBB || c == 0x2039 || c == 0x203A || c == 0x2032 || c == 0x2033;
}

int prc_attrib_is_trim(unsigned long c) {
  return prc_attrib_is_space(c) || is_quote(c) || c == '.' || c == ',' || c == ';' || c == ':';
}

static int is_word(uint32_t c) {
  if (c > 0x10FFFF) return 0;
  switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return 1;
    default:
      return 0;
  }
}

/* tok[i] = index of the token holding code point i, or -1 (white space).
 * A token is a maximal run of letters / marks / digits, or any other single
 * non-space code point. */
static long *tokenise(arena *a, const brat_text *t, size_t *ntok) {
  long *tok = prc_arena_alloc(a, (t->n + 1) * sizeof *tok);
  long k = -1;
  int prev_word = 0;
  for (size_t i = 0; i < t->n; i++) {
    uint32_t c = t->cp[i];
    if (prc_attrib_is_space(c)) {
      tok[i] = -1;
      prev_word = 0;
    } else if (is_word(c)) {
      if (!prev_word) k++;
      tok[i] = k;
      prev_word = 1;
    } else {
      tok[i] = ++k;
      prev_word = 0;
    }
  }
  *ntok = (size_t)(k + 1);
  return tok;
}

/* ---- Span normalisation ------------------------------------------------- */

static int cmp_frag(const void *x, const void *y) {
  const brat_frag *a = x, *b = y;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

/* Sort and merge fragments; when `text` is given, fragments separated only by
 * trimmable code points are merged too.  Works in place; returns the count. */
static size_t merge_frags(brat_frag *f, size_t n, const brat_text *text) {
  if (n == 0) return 0;
  qsort(f, n, sizeof *f, cmp_frag);
  size_t w = 0;
  for (size_t i = 1; i < n; i++) {
    brat_frag *cur = &f[w];
    int join = f[i].start <= cur->end;
    if (!join && text) {
      join = 1;
      for (size_t k = cur->end; k < f[i].start; k++)
        if (!prc_attrib_is_trim(text->cp[k])) {
          join = 0;
          break;
        }
    }
    if (join) {
      if (f[i].end > cur->end) cur->end = f[i].end;
    } else {
      f[++w] = f[i];
    }
  }
  return w + 1;
}

/* The normalised form of a span: every fragment clipped to the text and
 * trimmed at both ends, empty ones dropped, the rest sorted and merged. */
static brat_span norm_span(arena *a, const brat_text *t, const brat_span *s) {
  brat_span r = {NULL, 0};
  if (!s->nfrags) return r;
  r.frags = prc_arena_alloc(a, s->nfrags * sizeof *r.frags);
  for (size_t i = 0; i < s->nfrags; i++) {
    size_t b = s->frags[i].start, e = s->frags[i].end;
    if (e > t->n) e = t->n;
    if (b > e) b = e;
    while (b < e && prc_attrib_is_trim(t->cp[b])) b++;
    while (e > b && prc_attrib_is_trim(t->cp[e - 1])) e--;
    if (b < e) {
      r.frags[r.nfrags].start = b;
      r.frags[r.nfrags].end = e;
      r.nfrags++;
    }
  }
  r.nfrags = merge_frags(r.frags, r.nfrags, t);
  return r;
}

static int cmp_span(const void *x, const void *y) {
  const brat_span *a = x, *b = y;
  size_t n = a->nfrags < b->nfrags ? a->nfrags : b->nfrags;
  for (size_t i = 0; i < n; i++) {
    int c = cmp_frag(&a->frags[i], &b->frags[i]);
    if (c) return c;
  }
  return a->nfrags < b->nfrags ? -1 : a->nfrags > b->nfrags;
}

/* Normalise, drop empty spans, sort and remove duplicates. */
static brat_span *span_set(arena *a, const brat_text *t, const brat_span *in, size_t n, size_t *out_n) {
  brat_span *s = prc_arena_alloc(a, (n + 1) * sizeof *s);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    brat_span x = norm_span(a, t, &in[i]);
    if (x.nfrags) s[k++] = x;
  }
  if (k > 1) qsort(s, k, sizeof *s, cmp_span);
  size_t w = 0;
  for (size_t i = 0; i < k; i++)
    if (w == 0 || cmp_span(&s[w - 1], &s[i]) != 0) s[w++] = s[i];
  *out_n = w;
  return s;
}

/* ---- Per-relation views ------------------------------------------------- */

typedef struct rel_view {
  brat_frag *f[2]; /* merged code-point ranges of cue, source */
  size_t nf[2];
  size_t *ctok; /* sorted distinct content token indices */
  size_t nctok;
} rel_view;

static int cmp_size(const void *x, const void *y) {
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  return a < b ? -1 : a > b;
}

static void make_view(arena *a, const brat_text *t, const long *tok, const brat_relation *rel,
                      rel_view *v) {
  static const brat_role roles[2] = {BRAT_CUE, BRAT_SOURCE};
  for (int r = 0; r < 2; r++) {
    size_t total = 0;
    for (size_t i = 0; i < rel->nspans[roles[r]]; i++) total += rel->spans[roles[r]][i].nfrags;
    v->f[r] = prc_arena_alloc(a, (total + 1) * sizeof *v->f[r]);
    v->nf[r] = 0;
    for (size_t i = 0; i < rel->nspans[roles[r]]; i++) {
      brat_span s = norm_span(a, t, &rel->spans[roles[r]][i]);
      for (size_t j = 0; j < s.nfrags; j++) v->f[r][v->nf[r]++] = s.frags[j];
    }
    v->nf[r] = merge_frags(v->f[r], v->nf[r], NULL);
  }
  size_t n = 0, cap = 0;
  size_t *ct = NULL;
  for (size_t i = 0; i < rel->nspans[BRAT_CONTENT]; i++) {
    brat_span s = norm_span(a, t, &rel->spans[BRAT_CONTENT][i]);
    for (size_t j = 0; j < s.nfrags; j++)
      for (size_t k = s.frags[j].start; k < s.frags[j].end; k++)
        if (tok[k] >= 0 && (n == 0 || ct[n - 1] != (size_t)tok[k]))
          *BRAT_PUSH(a, ct, n, cap, size_t) = (size_t)tok[k];
  }
  if (n > 1) qsort(ct, n, sizeof *ct, cmp_size);
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (w == 0 || ct[w - 1] != ct[i]) ct[w++] = ct[i];
  v->ctok = ct;
  v->nctok = w;
}

/* Do two sorted, merged range lists share a code point? */
static int ranges_overlap(const brat_frag *a, size_t na, const brat_frag *b, size_t nb) {
  size_t i = 0, j = 0;
  while (i < na && j < nb) {
    if (a[i].start < b[j].end && b[j].start < a[i].end) return 1;
    if (a[i].end <= b[j].end)
      i++;
    else
      j++;
  }
  return 0;
}

/* A role agrees when both relations lack it or their ranges overlap. */
static int role_agrees(const rel_view *g, const rel_view *p, int r) {
  if (g->nf[r] == 0 && p->nf[r] == 0) return 1;
  return ranges_overlap(g->f[r], g->nf[r], p->f[r], p->nf[r]);
}

static double content_f1(const rel_view *g, const rel_view *p) {
  if (g->nctok == 0 && p->nctok == 0) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < g->nctok && j < p->nctok) {
    if (g->ctok[i] == p->ctok[j]) {
      common++;
      i++;
      j++;
    } else if (g->ctok[i] < p->ctok[j]) {
      i++;
    } else {
      j++;
    }
  }
  return 2.0 * (double)common / (double)(g->nctok + p->nctok);
}

/* ---- Scoring one article ------------------------------------------------ */

static void mark_tokens(const brat_span *s, size_t n, const long *tok, unsigned char *bits) {
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < s[i].nfrags; j++)
      for (size_t k = s[i].frags[j].start; k < s[i].frags[j].end; k++)
        if (tok[k] >= 0) bits[tok[k]] = 1;
}

void prc_attrib_score_doc(const brat_text *text, const brat_ann *gold, const brat_ann *pred,
                      attrib_counts *acc) {
  static const brat_ann empty;
  if (!gold) gold = &empty;
  if (!pred) pred = &empty;
  brat_text none = {NULL, 0};
  if (!text) text = &none;
  arena a;
  prc_arena_init(&a, NULL);
  size_t ntok;
  long *tok = tokenise(&a, text, &ntok);
  unsigned char *gb = prc_arena_alloc(&a, ntok + 1), *pb = prc_arena_alloc(&a, ntok + 1);

  for (int r = 0; r < BRAT_NROLES; r++) {
    size_t ng, np;
    brat_span *gs = span_set(&a, text, gold->role_spans[r], gold->nrole_spans[r], &ng);
    brat_span *ps = span_set(&a, text, pred->role_spans[r], pred->nrole_spans[r], &np);
    size_t i = 0, j = 0, match = 0;
    while (i < ng && j < np) {
      int c = cmp_span(&gs[i], &ps[j]);
      if (c == 0) {
        match++;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    acc->exact_match[r] += match;
    acc->exact_gold[r] += ng;
    acc->exact_pred[r] += np;

    /* any overlap: a span is hit when it shares a code point with some span
     * of the other side (normalised fragments are sorted and merged). */
    for (size_t g = 0; g < ng; g++)
      for (size_t q = 0; q < np; q++)
        if (ranges_overlap(gs[g].frags, gs[g].nfrags, ps[q].frags, ps[q].nfrags)) {
          acc->any_gold_hit[r]++;
          break;
        }
    for (size_t q = 0; q < np; q++)
      for (size_t g = 0; g < ng; g++)
        if (ranges_overlap(gs[g].frags, gs[g].nfrags, ps[q].frags, ps[q].nfrags)) {
          acc->any_pred_hit[r]++;
          break;
        }

    memset(gb, 0, ntok + 1);
    memset(pb, 0, ntok + 1);
    mark_tokens(gs, ng, tok, gb);
    mark_tokens(ps, np, tok, pb);
    for (size_t k = 0; k < ntok; k++) {
      acc->tok_gold[r] += gb[k];
      acc->tok_pred[r] += pb[k];
      if (gb[k] && pb[k]) {
        acc->tok_gold_hit[r]++;
        acc->tok_pred_hit[r]++;
      }
    }
  }

  rel_view *gv = prc_arena_alloc(&a, (gold->nrels + 1) * sizeof *gv);
  rel_view *pv = prc_arena_alloc(&a, (pred->nrels + 1) * sizeof *pv);
  for (size_t i = 0; i < gold->nrels; i++) make_view(&a, text, tok, &gold->rels[i], &gv[i]);
  for (size_t i = 0; i < pred->nrels; i++) make_view(&a, text, tok, &pred->rels[i], &pv[i]);
  for (size_t i = 0; i < gold->nrels; i++) {
    for (size_t j = 0; j < pred->nrels; j++) {
      if (role_agrees(&gv[i], &pv[j], 0) && role_agrees(&gv[i], &pv[j], 1) &&
          content_f1(&gv[i], &pv[j]) >= 0.5) {
        acc->linked++;
        break;
      }
    }
  }
  acc->n_gold += gold->nrels;
  acc->n_pred += pred->nrels;
  acc->n_docs++;
  prc_arena_free(&a);
}

/* num/den, where 0/0 is 1 when the other side is empty too, else 0. */
static double ratio(size_t num, size_t den, size_t other) {
  if (den == 0) return other == 0 ? 1.0 : 0.0;
  return (double)num / (double)den;
}

static attrib_prf prf(size_t hit_p, size_t np, size_t hit_r, size_t ng) {
  attrib_prf x;
  x.p = ratio(hit_p, np, ng);
  x.r = ratio(hit_r, ng, np);
  x.f = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
  return x;
}

void prc_attrib_finish(attrib_result *r) {
  const attrib_counts *c = &r->c;
  for (int k = 0; k < BRAT_NROLES; k++) {
    r->exact[k] = prf(c->exact_match[k], c->exact_pred[k], c->exact_match[k], c->exact_gold[k]);
    r->overlap[k] = prf(c->tok_pred_hit[k], c->tok_pred[k], c->tok_gold_hit[k], c->tok_gold[k]);
    r->any_overlap[k] = prf(c->any_pred_hit[k], c->exact_pred[k], c->any_gold_hit[k], c->exact_gold[k]);
  }
  r->linked_recall = ratio(c->linked, c->n_gold, c->n_pred);
}

/* ---- Folders ------------------------------------------------------------ */

static int text_exists(void *ctx, const char *name) {
  char *p = prc_brat_text_path((const brat_dir *)ctx, name);
  FILE *f = p ? fopen(p, "rb") : NULL;
  free(p);
  if (!f) return 0;
  fclose(f);
  return 1;
}

typedef struct gold_entry {
  char *article;
  const brat_file *gold;
  const brat_file *pred;
} gold_entry;

typedef struct gold_set {
  gold_entry *e;
  size_t n;
} gold_set;

static int cmp_entry(const void *x, const void *y) {
  const gold_entry *a = x, *b = y;
  int c = strcmp(a->article, b->article);
  if (c) return c;
  return strcmp(a->gold->path, b->gold->path);
}

static gold_entry *find_entry(const gold_set *g, const char *name) {
  size_t lo = 0, hi = g->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(g->e[mid].article, name);
    if (c == 0) return &g->e[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static int gold_known(void *ctx, const char *name) { return find_entry(ctx, name) != NULL; }

int prc_attrib_eval_dirs(const char *gold_dir, const char *pred_dir, attrib_result *out, FILE *log) {
  memset(out, 0, sizeof *out);
  brat_dir gd, pd;
  if (prc_brat_dir_open(gold_dir, &gd) != 0) {
    if (log) fprintf(log, "cannot read gold folder %s\n", gold_dir);
    return -1;
  }
  if (prc_brat_dir_open(pred_dir, &pd) != 0) {
    if (log) fprintf(log, "cannot read prediction folder %s\n", pred_dir);
    prc_brat_dir_close(&gd);
    return -1;
  }

  /* Gold articles: the first file (in file-name order) of each article. */
  gold_set gs = {calloc(gd.nfiles + 1, sizeof(gold_entry)), 0};
  for (size_t i = 0; i < gd.nfiles; i++) {
    char *art = prc_brat_article_of(gd.files[i].stem, text_exists, &gd);
    if (!art) {
      out->n_no_text++;
      if (log) fprintf(log, "no text for %s.ann in %s: skipped\n", gd.files[i].stem, gd.text_dir);
      continue;
    }
    gs.e[gs.n].article = art;
    gs.e[gs.n].gold = &gd.files[i];
    gs.n++;
  }
  if (gs.n > 1) qsort(gs.e, gs.n, sizeof *gs.e, cmp_entry);
  size_t w = 0;
  for (size_t i = 0; i < gs.n; i++) {
    if (w > 0 && !strcmp(gs.e[w - 1].article, gs.e[i].article)) {
      out->n_extra_gold++;
      free(gs.e[i].article);
      continue;
    }
    gs.e[w++] = gs.e[i];
  }
  gs.n = w;

  /* Predictions: matched to gold articles by the same naming rule. */
  for (size_t i = 0; i < pd.nfiles; i++) {
    char *art = prc_brat_article_of(pd.files[i].stem, gold_known, &gs);
    gold_entry *e = art ? find_entry(&gs, art) : NULL;
    free(art);
    if (!e) {
      out->n_unmatched_pred++;
      continue;
    }
    if (e->pred)
      out->n_extra_pred++; /* files come in name order: the first one stays */
    else
      e->pred = &pd.files[i];
  }

  for (size_t i = 0; i < gs.n; i++) {
    gold_entry *e = &gs.e[i];
    arena a;
    prc_arena_init(&a, NULL);
    brat_text text;
    char *tp = prc_brat_text_path(&gd, e->article);
    int terr = tp ? prc_brat_read_text(&a, tp, &text) : -1;
    free(tp);
    if (terr) { /* vanished since we looked */
      out->n_no_text++;
      prc_arena_free(&a);
      continue;
    }
    brat_ann g, p;
    if (prc_brat_read_ann(&a, e->gold->path, &g) != 0 && log)
      fprintf(log, "cannot read %s\n", e->gold->path);
    out->n_malformed += g.n_malformed;
    out->n_bad_refs += g.n_bad_refs;
    const brat_ann *pp = NULL;
    if (e->pred) {
      if (prc_brat_read_ann(&a, e->pred->path, &p) != 0 && log) fprintf(log, "cannot read %s\n", e->pred->path);
      out->n_malformed += p.n_malformed;
      out->n_bad_refs += p.n_bad_refs;
      pp = &p;
    } else {
      out->n_missing_pred++;
    }
    prc_attrib_score_doc(&text, &g, pp, &out->c);
    prc_arena_free(&a);
  }
  prc_attrib_finish(out);

  for (size_t i = 0; i < gs.n; i++) free(gs.e[i].article);
  free(gs.e);
  prc_brat_dir_close(&gd);
  prc_brat_dir_close(&pd);
  return 0;
}
