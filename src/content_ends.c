/* content_ends.c - stage 6b, after attribution.c and before speakers.c:
 * where a reported content ends, chosen by a learned scorer.
 *
 * attribution.c's rules end a reported content at the end of its clause or
 * of the cue's complement in the tree, cut before ", saying", "; ...",
 * "and said" and the like.  PolNeAR draws many contents shorter or longer
 * than that: "endorsed [Hillary Clinton for president] on Thursday,
 * another example of ...", "rejected [that argument] in a ruling released
 * Thursday", "said [it was taking additional steps ...]. The S.E.C. said
 * ...".  This stage takes each quote whose last content fragment lies in
 * one sentence and is not a quotation alone (kind indirect or mixed), puts
 * every end from the fragment's second token to the end of the sentence
 * (at most CEND_WINDOW tokens on, and the rules' end) up as a candidate,
 * scores each with a linear model over hashed features (prc_cend_feats:
 * the words, tags and relations on both sides of the cut, where the next
 * word's head is -- inside the content, the cue, before or after --, how
 * many dependents the cut separates from their heads, the distance to the
 * rules' end, the cue word, the quote's kind) and moves the end to the best
 * one when it beats the rules' end by PRC_CEND_MARGIN.  Trailing commas,
 * semicolons, colons and dashes are trimmed as attribution.c trims them.
 *
 * The model is a section ("CEND") of the attribution model (cue_model.h),
 * trained by `precis train attrib` after the cue tagger
 * (train/cend_train.c): the engine runs over the training articles with the
 * new cue tagger and no end scorer, this stage records every candidate
 * with its features (PRC_OPT_CEND_TRACE, d->cet), and a ranking perceptron
 * learns to pick the ends PolNeAR's annotators drew.  A model without the
 * section, the rules engine (PRECIS_OPT_RULE_CUES) and the engine without
 * taggers leave the rules' ends as they are.
 *
 * Time: per quote, O(CEND_WINDOW) candidates of O(CEND_WINDOW) work each
 * (the tree's spans are counted with difference arrays; the first root of
 * a candidate is found by a scan): bounded per quote, so linear in the
 * document.  Memory: none beyond the trace, which only the trainer asks for. */
#include <string.h>

#include "doc.h"
#include "model/cue_model.h"
#include "model/perceptron.h"
#include "models.h"
#include "parse.h"
#include "tags.h"

/* Candidates at most this many tokens after the fragment's first token
 * (the rules' end is always one). */
#define CEND_WINDOW 80

static uint64_t lower_hash(const precis_doc *d, uint32_t i) {
  const unsigned char *s = (const unsigned char *)tok_str(d, i);
  size_t n = tok_len(d, i);
  uint64_t h = PC_FNV_INIT;
  for (size_t k = 0; k < n; k++) h = pc_fnv_step(h, (unsigned char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]));
  return pc_fnv_done(h, n);
}

static inline uint64_t word_hash(const precis_doc *d, const cend_ctx *x, uint32_t i) {
  return x->wh && i >= x->b && i - x->b < x->nwh ? x->wh[i - x->b] : lower_hash(d, i);
}

/* 0, 1, 2, then 3 for 3..5, 4 for 6..11, 5 for more */
static uint64_t count_bucket(uint32_t n) { return n < 3 ? n : n < 6 ? 3 : n < 12 ? 4 : 5; }

/* c - e, c != e: 0 for <= -3, 1 for -2, 2 for -1, then 4 + count_bucket(c - e - 1) */
static uint64_t dist_bucket(int64_t x) {
  if (x <= -3) return 0;
  if (x < 0) return (uint64_t)(3 + x);
  return 4 + count_bucket((uint32_t)(x - 1));
}

static bool is_dquote(const precis_doc *d, uint32_t i) {
  return tok_is(d, i, "\"") || tok_is(d, i, "\xE2\x80\x9C") || tok_is(d, i, "\xE2\x80\x9D");
}

/* Where token h (a head, -1 = the root) lies for the candidate [x->b, c). */
static uint64_t where(const cend_ctx *x, int32_t h, uint32_t c) {
  if (h < 0) return 0;
  uint32_t u = (uint32_t)h;
  if (u >= x->b && u < c) return 1;
  if (u >= x->cue_b && u < x->cue_e) return 2;
  return u < x->b ? 3 : 4;
}

#define END_TAG 0xFFu /* "no token" in place of a tag or relation */

size_t prc_cend_feats(const precis_doc *d, const cend_ctx *x, uint32_t c, uint32_t out, uint32_t dang, uint64_t *f) {
  size_t k = 0;
  const bool rule = c == x->e;
  const uint64_t R = rule ? 1 : 0;
  f[k++] = rule ? pc_feat1(1, 1) : pc_feat1(2, dist_bucket((int64_t)c - (int64_t)x->e));
  const bool has_next = c < x->se;
  const uint64_t nw = has_next ? word_hash(d, x, c) : 1;
  const uint64_t np = has_next ? d->toks[c].pos : END_TAG;
  const uint64_t nr = has_next ? (uint64_t)prc_dep_rel(d, c) : END_TAG;
  const uint32_t p = c - 1;
  const uint64_t pw = word_hash(d, x, p), pp = d->toks[p].pos, pr = (uint64_t)prc_dep_rel(d, p);
  f[k++] = pc_feat1(3, nw);
  f[k++] = pc_feat1(4, np);
  f[k++] = pc_feat1(5, nr);
  f[k++] = pc_feat1(6, pw);
  f[k++] = pc_feat1(7, pp);
  f[k++] = pc_feat1(8, pr);
  f[k++] = pc_feat2(9, np, pp);
  if (has_next) {
    int32_t h = prc_dep_head(d, c);
    uint64_t w = where(x, h, c);
    f[k++] = pc_feat1(10, w);
    f[k++] = pc_feat2(11, w, nr);
    f[k++] = pc_feat2(12, w, nw);
    if (tok_is(d, c, ",") && c + 1 < x->se) {
      uint32_t n2 = c + 1;
      f[k++] = pc_feat3(13, d->toks[n2].pos, (uint64_t)prc_dep_rel(d, n2), where(x, prc_dep_head(d, n2), c));
      f[k++] = pc_feat1(14, word_hash(d, x, n2));
    }
    f[k++] = pc_feat2(27, nr, h >= 0 ? d->toks[h].pos : END_TAG);
  }
  f[k++] = pc_feat1(15, count_bucket(out));
  f[k++] = pc_feat1(16, count_bucket(dang));
  f[k++] = pc_feat2(17, count_bucket(out), count_bucket(dang));
  f[k++] = pc_feat1(18, count_bucket(c - x->b));
  f[k++] = pc_feat1(19, count_bucket(x->be > c ? x->be - c : 0));
  f[k++] = pc_feat2(20, x->cue_w, R);
  if (rule) {
    f[k++] = pc_feat1(21, np);
    f[k++] = pc_feat1(22, nw);
  }
  f[k++] = pc_feat2(23, x->kind, R);
  uint32_t dq = 0, roots = 0, first_root = UINT32_MAX;
  for (uint32_t j = x->b; j < c; j++) {
    if (is_dquote(d, j)) dq++;
    int32_t h = prc_dep_head(d, j);
    if (h < (int32_t)x->b || h >= (int32_t)c) {
      if (!roots) first_root = j;
      roots++;
    }
  }
  f[k++] = pc_feat2(24, dq & 1, nw);
  f[k++] = pc_feat2(25, x->cue_w, nw);
  f[k++] = pc_feat2(26, x->cue_w, np);
  f[k++] = pc_feat1(28, count_bucket(roots));
  if (roots) f[k++] = pc_feat2(29, (uint64_t)prc_dep_rel(d, first_root), R);
  return k;
}

/* ---- starts ---------------------------------------------------------------------------------- */

/* Candidate starts: up to CBEG_BEFORE tokens before the rules' start (not
 * over another attribution's tokens or the sentence's start) and up to
 * CBEG_AFTER after it (before the fragment's last token). */
#define CBEG_BEFORE 24
#define CBEG_AFTER 12

size_t prc_cbeg_feats(const precis_doc *d, const cend_ctx *x, uint32_t s, uint64_t *f) {
  size_t k = 0;
  const bool rule = s == x->b;
  const uint64_t R = rule ? 1 : 0;
  f[k++] = rule ? pc_feat1(101, 1) : pc_feat1(102, dist_bucket((int64_t)s - (int64_t)x->b));
  const uint64_t fw = lower_hash(d, s), fp = d->toks[s].pos, fr = (uint64_t)prc_dep_rel(d, s);
  const bool has_prev = s > x->se; /* x->se: the sentence's first token here */
  const uint64_t pw = has_prev ? lower_hash(d, s - 1) : 1;
  const uint64_t pp = has_prev ? d->toks[s - 1].pos : END_TAG, pr = has_prev ? (uint64_t)prc_dep_rel(d, s - 1) : END_TAG;
  f[k++] = pc_feat1(103, fw);
  f[k++] = pc_feat1(104, fp);
  f[k++] = pc_feat1(105, fr);
  f[k++] = pc_feat1(106, pw);
  f[k++] = pc_feat1(107, pp);
  f[k++] = pc_feat1(108, pr);
  f[k++] = pc_feat2(109, fp, pp);
  const uint32_t end = x->e < s + CEND_WINDOW ? x->e : s + CEND_WINDOW;
  cend_ctx y = *x; /* where() reads the content as [b, c) */
  y.b = s;
  uint64_t w = where(&y, prc_dep_head(d, s), end);
  f[k++] = pc_feat1(110, w);
  f[k++] = pc_feat2(111, w, fr);
  f[k++] = pc_feat2(112, w, fw);
  if (has_prev) f[k++] = pc_feat2(113, where(&y, prc_dep_head(d, s - 1), end), pr);
  uint32_t roots = 0, first_root = UINT32_MAX, hang = 0, dang = 0;
  for (uint32_t j = s; j < end; j++) {
    int32_t h = prc_dep_head(d, j);
    if (h < (int32_t)s || h >= (int32_t)end) {
      if (!roots) first_root = j;
      roots++;
    }
    if (h >= 0 && h < (int32_t)s) hang++;
  }
  for (uint32_t j = x->last; j < s; j++) {
    int32_t h = prc_dep_head(d, j);
    if (h >= (int32_t)s && h < (int32_t)end) dang++;
  }
  f[k++] = pc_feat1(114, count_bucket(roots));
  if (roots) f[k++] = pc_feat2(115, (uint64_t)prc_dep_rel(d, first_root), R);
  f[k++] = pc_feat1(116, count_bucket(hang));
  f[k++] = pc_feat1(117, count_bucket(dang));
  f[k++] = pc_feat2(118, count_bucket(hang), count_bucket(dang));
  f[k++] = pc_feat2(119, x->cue_w, fw);
  f[k++] = pc_feat2(120, x->cue_w, fp);
  f[k++] = pc_feat2(121, x->kind, R);
  f[k++] = pc_feat2(122, s < x->cue_b ? 0 : s >= x->cue_e ? 1 : 2, R);
  if (rule) {
    f[k++] = pc_feat1(123, fw);
    f[k++] = pc_feat1(124, fp);
  }
  f[k++] = pc_feat1(125, count_bucket(x->e - s));
  return k;
}

/* The first token starting at or after byte b (binary search). */
static uint32_t tok_at_or_after(const precis_doc *d, uint32_t b) {
  uint32_t lo = 0, hi = d->ntoks;
  while (lo < hi) {
    uint32_t m = lo + (hi - lo) / 2;
    if (d->toks[m].start < b) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/* Trailing punctuation attribution.c trims off a content (add_content). */
static bool trimmed_tail(const precis_doc *d, uint32_t i) {
  return tok_is(d, i, ",") || tok_is(d, i, ";") || tok_is(d, i, ":") || tok_is(d, i, "\xE2\x80\x94") ||
         tok_is(d, i, "--");
}

/* Tokens no content may run over: every quote's cue and source tokens and
 * the first token of every content fragment (a content that grew over
 * them would swallow another attribution or its own cue: "said the bridge
 * would close ... and promised free ferries", "Reyes, who said the plan
 * was reckless, voted against it").  One byte a token, from the arena's
 * scratch; linear in the tokens and the quotes. */
static uint8_t *stops(precis_doc *d) {
  uint8_t *m = prc_arena_scratch(&d->ar, d->ntoks ? d->ntoks : 1);
  memset(m, 0, d->ntoks);
  for (uint32_t qi = 0; qi < d->nquotes; qi++) {
    quote *q = &d->quotes[qi];
    for (uint32_t i = q->cue_tok; i < q->cue_tok_end && i < d->ntoks; i++) m[i] = 1;
    if (q->source_tok_begin != UINT32_MAX)
      for (uint32_t i = q->source_tok_begin; i < q->source_tok_end && i < d->ntoks; i++) m[i] = 1;
    for (uint32_t k = 0; k < q->ncontent; k++) {
      uint32_t t = tok_at_or_after(d, prc_quote_content(d, q, k)->start);
      if (t < d->ntoks) m[t] = 1;
    }
  }
  return m;
}

/* Sets up x for quote q; false when the stage leaves q alone. */
static bool quote_ctx(precis_doc *d, quote *q, const uint8_t *stop, cend_ctx *x) {
  if (q->cue_tok >= q->cue_tok_end || !q->ncontent || q->kind == PRECIS_QUOTE_DIRECT) return false;
  const bspan *fr = prc_quote_content(d, q, q->ncontent - 1u);
  uint32_t b = tok_at_or_after(d, fr->start);
  if (b >= d->ntoks || d->toks[b].start != fr->start) return false;
  uint32_t e = tok_at_or_after(d, fr->end); /* first token at or after the end */
  if (e <= b || d->toks[e - 1].end != fr->end) return false;
  uint32_t s = d->toks[b].sent;
  if (d->toks[e - 1].sent != s || !prc_parse_sentence(d, s)) return false;
  const sentence *se = &d->sents[s];
  uint32_t be = se->tok_end;
  while (be > b + 1 && !(d->toks[be - 1].flags & TF_WORD)) be--;
  x->b = b;
  x->e = e;
  x->se = se->tok_end;
  x->be = be;
  x->cue_b = q->cue_tok;
  x->cue_e = q->cue_tok_end;
  x->cue_w = lower_hash(d, q->cue_tok_end - 1);
  x->kind = q->kind;
  x->wh = NULL;
  x->nwh = 0;
  x->last = (be > e ? be : e);
  if (x->last > b + CEND_WINDOW) x->last = b + CEND_WINDOW;
  for (uint32_t j = e; j < x->last; j++) /* no further than another attribution */
    if (stop[j]) {
      x->last = j > e ? j : e;
      break;
    }
  return true;
}

/* out[c - b] and dang[c - b] for the candidates c in (b, last]: tokens of
 * [b, c) whose head is at or after c, and tokens of [c, be) whose head is in
 * [b, c), by difference arrays over the window. */
static void tree_counts(const precis_doc *d, const cend_ctx *x, int32_t *out, int32_t *dang) {
  uint32_t n = x->last - x->b + 2;
  memset(out, 0, n * sizeof *out);
  memset(dang, 0, n * sizeof *dang);
  for (uint32_t j = x->b; j < x->last; j++) {
    int32_t h = prc_dep_head(d, j);
    if (h < (int32_t)x->b) continue;
    uint32_t u = (uint32_t)h;
    if (u > j) { /* j in [b, c) with c <= u: c in (j, min(u, last)] */
      uint32_t hi = u < x->last ? u : x->last;
      out[j + 1 - x->b]++;
      out[hi + 1 - x->b]--;
    } else if (u < j && j < x->be) { /* j >= c > u: c in (u, j] */
      dang[u + 1 - x->b]++;
      dang[j + 1 - x->b]--;
    }
  }
  for (uint32_t k = 1; k < n; k++) {
    out[k] += out[k - 1];
    dang[k] += dang[k - 1];
  }
}

/* The start of quote q's first fragment: the candidates, their trace, the
 * move when the best beats the rules' start by the margin. */
static void start_pass(precis_doc *d, quote *q, const uint8_t *stop, const cue_cend *w, bool trace, uint64_t *f) {
  if (q->cue_tok >= q->cue_tok_end || !q->ncontent || q->kind == PRECIS_QUOTE_DIRECT) return;
  /* a name-calling cue's content is the name or the judgement after the
   * object, by rule (cues.c naming_cue, attribution.c's open complement;
   * PolNeAR: "called [them] "lone wolves"", "called [the plan] outrageous") */
  if (d->cue_lab)
    for (uint32_t i = q->cue_tok; i < q->cue_tok_end; i++)
      if (d->cue_lab[i] & CUE_NAMING) return;
  static const char *const call[] = {"call", "calls", "called", "calling"};
  for (size_t k = 0; k < sizeof call / sizeof call[0]; k++)
    if (tok_ieq(d, q->cue_tok_end - 1, call[k])) return;
  bspan *fr = prc_quote_content(d, q, 0);
  uint32_t b = tok_at_or_after(d, fr->start);
  if (b >= d->ntoks || d->toks[b].start != fr->start) return;
  uint32_t e = tok_at_or_after(d, fr->end);
  if (e <= b || d->toks[e - 1].end != fr->end) return;
  uint32_t s = d->toks[b].sent;
  if (d->toks[e - 1].sent != s || !prc_parse_sentence(d, s)) return;
  const sentence *se = &d->sents[s];
  cend_ctx x;
  memset(&x, 0, sizeof x);
  x.b = b; /* the rules' start */
  x.e = e;
  x.se = se->tok_begin; /* the sentence's first token */
  x.cue_b = q->cue_tok;
  x.cue_e = q->cue_tok_end;
  x.cue_w = lower_hash(d, q->cue_tok_end - 1);
  x.kind = q->kind;
  uint32_t lo = b;
  while (lo > se->tok_begin && b - lo < CBEG_BEFORE && !stop[lo - 1]) lo--;
  x.last = lo; /* the earliest candidate */
  uint32_t hi = e - 1 < b + CBEG_AFTER ? e - 1 : b + CBEG_AFTER;
  cend_trace *t = NULL;
  if (trace) {
    t = ARENA_PUSH(&d->ar, d->cet, d->ncet, d->ccet, cend_trace);
    t->side = 1;
    t->cue_b = prc_cp_index(d, d->toks[x.cue_b].start);
    t->cue_e = prc_cp_index(d, d->toks[x.cue_e - 1].end);
    t->b = prc_cp_index(d, d->toks[e - 1].end);
    t->ncands = 0;
    t->rule = UINT32_MAX;
    uint32_t room = hi - lo + 1;
    t->ends = prc_arena_alloc(&d->ar, room * sizeof *t->ends);
    t->foff = prc_arena_alloc(&d->ar, (room + 1) * sizeof *t->foff);
    t->feats = prc_arena_alloc(&d->ar, (size_t)room * PRC_CEND_MAXF * sizeof *t->feats);
    t->foff[0] = 0;
  }
  double best = 0, rule_score = 0;
  uint32_t best_s = b;
  for (uint32_t c = lo; c <= hi; c++) {
    size_t nf = prc_cbeg_feats(d, &x, c, f);
    if (t) {
      if (c == b) t->rule = t->ncands;
      t->ends[t->ncands] = prc_cp_index(d, d->toks[c].start);
      memcpy(t->feats + t->foff[t->ncands], f, nf * sizeof *f);
      t->foff[t->ncands + 1] = t->foff[t->ncands] + (uint32_t)nf;
      t->ncands++;
    }
    if (w) {
      double v = prc_cue_cend_score(w, f, nf);
      if (c == b) rule_score = v;
      if (c == lo || v > best) {
        best = v;
        best_s = c;
      }
    }
  }
  if (!w || best_s == b || best < rule_score + PRC_CEND_MARGIN) return;
  bool words = false; /* as for the ends: words between the two starts, or no move */
  for (uint32_t j = best_s < b ? best_s : b; j < (best_s < b ? b : best_s) && !words; j++)
    words = (d->toks[j].flags & TF_WORD) != 0;
  if (!words) return;
  uint32_t c = best_s;
  while (c + 1 < e && (tok_is(d, c, ",") || tok_is(d, c, ":"))) c++; /* as add_content trims */
  fr->start = d->toks[c].start;
}

static void end_pass(precis_doc *d, quote *q, const uint8_t *stop, const cue_cend *w, bool trace, uint64_t *f,
                     int32_t *out, int32_t *dang, uint64_t *wh);

void prc_content_ends(precis_doc *d) {
  if (!d->nquotes || !d->has_pos || (d->opts.flags & (PRECIS_OPT_NO_TAGGER | PRECIS_OPT_RULE_CUES))) return;
  const cue_model *m = d->opts.attrib_model ? d->opts.attrib_model->cm : prc_cue_builtin(NULL);
  const cue_cend *w = prc_cue_cend(m);
  const bool trace = (d->opts.flags & PRC_OPT_CEND_TRACE) != 0;
  if (!w && !trace) return;
  int32_t out[CEND_WINDOW + 2], dang[CEND_WINDOW + 2];
  uint64_t wh[CEND_WINDOW + 2];
  const uint8_t *stop = stops(d);
  uint64_t f[PRC_CEND_MAXF];
  for (uint32_t qi = 0; qi < d->nquotes; qi++) {
    quote *q = &d->quotes[qi];
    end_pass(d, q, stop, w, trace, f, out, dang, wh);
    start_pass(d, q, stop, w, trace, f);
  }
  prc_arena_release_big(&d->ar, (void *)stop);
}

/* (the end of quote q's last fragment, as prc_content_ends describes) */
static void end_pass(precis_doc *d, quote *q, const uint8_t *stop, const cue_cend *w, bool trace, uint64_t *f,
                     int32_t *out, int32_t *dang, uint64_t *wh) {
  {
    cend_ctx x;
    if (!quote_ctx(d, q, stop, &x)) return;
    tree_counts(d, &x, out, dang);
    /* the words' hashes, once: each is read by several candidates */
    for (uint32_t j = x.b; j < x.se && j < x.last + 2; j++) wh[x.nwh++] = lower_hash(d, j);
    x.wh = wh;
    cend_trace *t = NULL;
    if (trace) {
      t = ARENA_PUSH(&d->ar, d->cet, d->ncet, d->ccet, cend_trace);
      t->side = 0;
      t->cue_b = prc_cp_index(d, d->toks[x.cue_b].start);
      t->cue_e = prc_cp_index(d, d->toks[x.cue_e - 1].end);
      t->b = prc_cp_index(d, d->toks[x.b].start);
      t->ncands = 0;
      t->rule = UINT32_MAX;
      uint32_t room = x.last - x.b + 2;
      t->ends = prc_arena_alloc(&d->ar, room * sizeof *t->ends);
      t->foff = prc_arena_alloc(&d->ar, (room + 1) * sizeof *t->foff);
      t->feats = prc_arena_alloc(&d->ar, (size_t)room * PRC_CEND_MAXF * sizeof *t->feats);
      t->foff[0] = 0;
    }
    uint32_t cands[CEND_WINDOW + 2], nc = 0;
    for (uint32_t c = x.b + 1; c <= x.last; c++) cands[nc++] = c;
    if (x.e > x.last) cands[nc++] = x.e;
    double best = 0, rule_score = 0;
    uint32_t best_c = x.e;
    for (uint32_t k = 0; k < nc; k++) {
      uint32_t c = cands[k], o, g;
      if (c <= x.last) {
        o = (uint32_t)out[c - x.b];
        g = (uint32_t)dang[c - x.b];
      } else { /* the rules' end beyond the window: counted directly */
        o = g = 0;
        for (uint32_t j = x.b; j < c; j++) o += prc_dep_head(d, j) >= (int32_t)c;
        for (uint32_t j = c; j < x.be; j++) {
          int32_t h = prc_dep_head(d, j);
          g += h >= (int32_t)x.b && h < (int32_t)c;
        }
      }
      size_t nf = prc_cend_feats(d, &x, c, o, g, f);
      if (t) {
        if (c == x.e) t->rule = t->ncands;
        t->ends[t->ncands] = prc_cp_index(d, d->toks[c - 1].end);
        memcpy(t->feats + t->foff[t->ncands], f, nf * sizeof *f);
        t->foff[t->ncands + 1] = t->foff[t->ncands] + (uint32_t)nf;
        t->ncands++;
      }
      if (w) {
        double v = prc_cue_cend_score(w, f, nf);
        if (c == x.e) rule_score = v;
        if (k == 0 || v > best) {
          best = v;
          best_c = c;
        }
      }
    }
    if (!w || best_c == x.e || best < rule_score + PRC_CEND_MARGIN) return;
    uint32_t c = best_c;
    /* only punctuation between the two ends (a closing mark, a stop): the
     * rules' end, as the scorer cannot tell them apart (the evaluation
     * trims both alike) */
    bool words = false;
    for (uint32_t j = c < x.e ? c : x.e; j < (c < x.e ? x.e : c) && !words; j++) words = (d->toks[j].flags & TF_WORD) != 0;
    if (!words) return;
    while (c > x.b + 1 && trimmed_tail(d, c - 1)) c--;
    if (trimmed_tail(d, c - 1)) return;
    /* not a cut that leaves no verb of a content before its cue that had
     * one ("Nevertheless | , the trial court summoned him ..., she said":
     * 0.12.3) */
    if (c < x.e && q->ncontent == 1 && tags_have_pos(d) && x.e <= q->cue_tok) {
      bool v_new = false, v_rule = false;
      for (uint32_t j = x.b; j < x.e && !v_rule; j++) {
        bool v = d->toks[j].pos == TAG_UPOS_VERB || d->toks[j].pos == TAG_UPOS_AUX;
        if (v && j < c) v_new = true;
        v_rule |= v;
      }
      if (v_rule && !v_new) return;
    }
    prc_quote_content(d, q, q->ncontent - 1u)->end = d->toks[c - 1].end;
  }
}
