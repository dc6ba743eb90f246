/* keypoints.c - stage 9: score sentences, pick a few, compress each into a
 * short statement and attribute it ("claim: Speaker").
 *
 * Scoring (weights in prc_kp_weights below, kp_weights in summarize.h; tuned on the dev splits):
 *   position      news puts the point first: exp(-rank / 4)
 *   centrality    the share of the document's prominent entities it names
 *   attribution   a resolved speaker's reported statement is what a key-point
 *                 box quotes; a bare direct quote less so
 *   figures       money, percentages and counts are what readers look for
 *   penalties     questions, very short or very long sentences, a pronoun
 *                 subject with nothing to resolve it
 * Selection is greedy with a redundancy penalty (content-word overlap with
 * the points already chosen); near-duplicates are never both chosen.
 *
 * Compression keeps one contiguous stretch of the sentence:
 *   - a reported statement keeps the reported clause ("X said (that) C" -> C);
 *   - leading adverbials go ("In a forceful introduction at NATO headquarters, ...");
 *   - the clause is cut at ", but" / "but that" / "; " / " — " / ", which" / ", while";
 *   - the first letter is capitalised, the final full stop dropped;
 * and the speaker (surname for people) is added when the statement is someone's. */
#include <math.h>
#include <string.h>

#include "doc.h"
#include "lexicon.h"
#include "summarize.h"
#include "tags.h"

const kp_weights prc_kp_weights = {
    .position = 1.0,         /* the lead sentence scores 1 for its position */
    .decay = 4.0,            /* exp(-rank / 4): the 5th candidate keeps 37% */
    .centrality = 0.35,      /* per unit of prominent-entity share */
    .centrality_cap = 1.5,   /* a sentence naming everyone gains at most 0.35 * 1.5 */
    .central_mentions = 2,   /* entities mentioned once are not prominent */
    .textrank = 1.2,         /* the most central sentence gains 1.2 */
    .attr_indirect = 0.1,    /* "X said (that) ..." with X resolved */
    .attr_direct = 0.05,     /* a resolved direct quote: less, quotes read worse out of context */
    .figure = 0.12,          /* money, percentages and counts */
    .question = 0.4,         /* questions are rarely key points */
    .short_pen = 0.5,        /* claims under 6 words */
    .short_words = 6,
    .long_pen = 0.15,        /* claims over 40 words */
    .long_words = 40,
    .pronoun_pen = 0.1,      /* "He added ..." with nothing to resolve it */
    .min_sent_words = 3,     /* "Watch the video." is no candidate */
    .min_claim_words = 4,    /* a claim compressed to 3 words says nothing */
    .redundancy = 0.6,       /* a candidate repeating a chosen point half loses 0.3 */
    .dup_threshold = 0.5,    /* half its content words in a chosen point: a near-duplicate */
    .auto_few = 3,           /* a typical article (< 40 candidates): 3 points */
    .auto_mid = 4,           /* 40 to 79 candidates: 4 */
    .auto_many = 5,          /* 80 or more: 5 */
    .auto_mid_from = 40,
    .auto_many_from = 80,
    .tr_damping = SUMMARIZE_TR_DAMPING,   /* 0.85, as in Mihalcea & Tarau */
    .tr_epsilon = SUMMARIZE_TR_EPSILON,   /* 1e-6 */
    .tr_max_iter = SUMMARIZE_TR_MAX_ITER, /* 100 */
    .tr_idf_smooth = 1.0,    /* idf = ln(N / df) + 1 */
    .tr_tie_scale = 1e10,    /* scores equal to 1e-10 are ties (the earlier sentence first) */
};

static const kp_weights *const W = &prc_kp_weights;

/* Limits of candidate building and compression (tokens or words). */
#define MAX_CANDS 200         /* candidate sentences scored per document (the first ones) */
#define BAG 64                /* content words compared per candidate for redundancy */
#define CUT_MIN_WORDS 5       /* a claim is never cut before its 5th word */
#define ADVERBIAL_MAX 14      /* a leading adverbial ends at a comma within this many tokens */
#define AFTER_ADVERBIAL_WORDS 5 /* ... and is dropped only when this many words follow it */
#define SOURCE_NAME_MAX 4     /* an unresolved source that still makes a claim of its statement: at most 4 tokens */

typedef struct cand {
  uint32_t sent;
  uint32_t b, e;       /* tokens of the claim */
  int32_t entity;      /* speaker */
  uint32_t src_b, src_e; /* unresolved source tokens to name instead */
  double score;
  int32_t quote;       /* the sentence's quote (sent_quote), or -1 */
  uint32_t cw;         /* words of the claim */
  bool chosen;
} cand;

static uint32_t tok_at_byte(const precis_doc *d, uint32_t byte) {
  uint32_t lo = 0, hi = d->ntoks;
  while (lo < hi) {
    uint32_t m = (lo + hi) / 2;
    if (d->toks[m].start < byte) lo = m + 1;
    else hi = m;
  }
  return lo;
}

static bool is_word_tok(const precis_doc *d, uint32_t i) { return (d->toks[i].flags & (TF_WORD | TF_NUMBER)) != 0; }
/* token i in a named word list (lexicon.h): exact bytes / ASCII case folded */
static bool tok_in(const precis_doc *d, uint32_t i, lex_list l) { return prc_lex_in(l, tok_str(d, i), tok_len(d, i)); }
static bool tok_in_ci(const precis_doc *d, uint32_t i, lex_list l) {
  return prc_lex_in_ci(l, tok_str(d, i), tok_len(d, i));
}

/* Cut [b, e) at the first clause boundary outside quotation marks. */
static uint32_t cut_clause(const precis_doc *d, uint32_t b, uint32_t e) {
  uint32_t words = 0;
  uint32_t vk = b;    /* tokens [b, vk) have been looked at for a verb */
  bool verb = false;  /* one of them is a verb */
  for (uint32_t i = b; i < e; i++) {
    if (is_word_tok(d, i)) words++;
    if (words < CUT_MIN_WORDS || d->toks[i].quote_depth > 0) continue;
    if (tok_is(d, i, ";") || tok_is(d, i, "\xE2\x80\x94") || tok_is(d, i, "--") || tok_is(d, i, "\xE2\x80\x93") ||
        tok_is(d, i, ":")) {
      /* only when what comes before is a clause (has a verb); the scan
       * goes on from where the last one stopped (linear in the sentence) */
      for (; vk < i && !verb; vk++)
        verb = tags_have_pos(d) ? (d->toks[vk].pos == TAG_UPOS_VERB || d->toks[vk].pos == TAG_UPOS_AUX)
                                : (prc_lex_flags(tok_str(d, vk), tok_len(d, vk)) & LX_SPEECH) ||
                                      tok_in(d, vk, LXL_FINITE_VERB);
      if (verb) return i;
    }
    if (tok_is(d, i, "but") && !(i + 1 < e && tok_is(d, i + 1, "also"))) {
      uint32_t k = i;
      if (k > b && tok_is(d, k - 1, ",")) k--;
      return k;
    }
    if (tok_is(d, i, ",") && i + 1 < e && tok_in(d, i + 1, LXL_CLAIM_CUT)) return i;
    /* ", and made clear ..." : "and" + a verb starts a new predicate */
    if (tok_is(d, i, ",") && i + 2 < e && tok_is(d, i + 1, "and")) {
      uint32_t v = i + 2;
      bool verb = tags_have_pos(d) ? (d->toks[v].pos == TAG_UPOS_VERB)
                                   : (tok_len(d, v) > 3 && tok_str(d, v)[tok_len(d, v) - 1] == 'd' &&
                                      tok_str(d, v)[tok_len(d, v) - 2] == 'e');
      if (verb) return i;
    }
  }
  return e;
}

/* Leading adverbial: "In a forceful introduction at NATO headquarters, ..." */
static uint32_t skip_adverbial(const precis_doc *d, uint32_t b, uint32_t e) {
  if (b >= e) return b;
  if (!tok_in_ci(d, b, LXL_CLAIM_OPENER)) return b;
  /* "But he insisted" / "And so": a lone conjunction goes */
  if (tok_in_ci(d, b, LXL_CONJ_OPENER)) {
    if (b + 1 < e && !tok_is(d, b + 1, ",")) return b + 1;
  }
  for (uint32_t i = b + 1; i < e && i < b + ADVERBIAL_MAX; i++) {
    if (d->toks[i].quote_depth > 0) return b;
    if (tok_is(d, i, ",")) {
      /* what follows must still be a clause of some length */
      uint32_t words = 0;
      for (uint32_t k = i + 1; k < e; k++) words += is_word_tok(d, k);
      return words >= AFTER_ADVERBIAL_WORDS ? i + 1 : b;
    }
  }
  return b;
}

static uint32_t trim_end(const precis_doc *d, uint32_t b, uint32_t e) {
  while (e > b && (tok_is(d, e - 1, ".") || tok_is(d, e - 1, ",") || tok_is(d, e - 1, ";") ||
                   tok_is(d, e - 1, ":") || tok_is(d, e - 1, "\xE2\x80\x94") || tok_is(d, e - 1, "--")))
    e--;
  /* a dangling quotation mark: keep only if its partner is inside */
  if (e > b && (d->toks[e - 1].flags & TF_QUOTE)) {
    bool open_inside = false;
    for (uint32_t i = b; i + 1 < e; i++)
      if ((d->toks[i].flags & TF_QUOTE) && (d->toks[i].flags & TF_QOPEN)) open_inside = true;
    if (!open_inside) e--;
  }
  while (e > b && (tok_is(d, e - 1, ".") || tok_is(d, e - 1, ",")))
    e--;
  return e;
}

static uint32_t trim_begin(const precis_doc *d, uint32_t b, uint32_t e) {
  while (b < e && (tok_is(d, b, ",") || tok_is(d, b, ":") || tok_is(d, b, "that") ||
                   ((d->toks[b].flags & TF_QUOTE) && !(d->toks[b].flags & TF_QOPEN))))
    b++;
  /* an opening mark whose partner is not inside is dropped */
  if (b < e && (d->toks[b].flags & TF_QUOTE)) {
    bool close_inside = false;
    for (uint32_t i = b + 1; i < e; i++)
      if ((d->toks[i].flags & TF_QUOTE)) close_inside = true;
    if (!close_inside) b++;
  }
  return b;
}

static void claim_range(precis_doc *d, const sentence *s, uint32_t sidx, const int32_t *sent_quote, cand *c) {
  uint32_t b = s->body_start_tok, e = s->tok_end;
  c->entity = -1;
  int32_t qi = sent_quote[sidx];
  if (qi >= 0) {
    quote *q = &d->quotes[qi];
    /* an unresolved but nameable source: "police", "the US defence chief" */
    bool nameable = false;
    if (q->entity < 0 && q->source_tok_begin != UINT32_MAX) {
      uint32_t sb = q->source_tok_begin, sx = q->source_tok_end;
      if (tok_in_ci(d, sb, LXL_ARTICLE)) sb++;
      uint32_t f = sb < sx ? prc_lex_flags(tok_str(d, sb), tok_len(d, sb)) : 0;
      bool namey = sb < sx && ((d->toks[sb].flags & TF_CAP) || (f & (LX_ROLE | LX_PERSON_WORD)) ||
                               tok_in_ci(d, sb, LXL_GROUP_SOURCE));
      for (uint32_t t = sb; t < sx && namey; t++)
        if (!(d->toks[t].flags & (TF_WORD | TF_NUMBER)) && !tok_is(d, t, "\xE2\x80\x99s") && !tok_is(d, t, "'s"))
          namey = false;
      if (namey && sx - sb <= SOURCE_NAME_MAX && !(f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1 | LX_STOP))) {
        nameable = true;
        c->src_b = sb;
        c->src_e = sx;
      }
    }
    if (q->ncontent > 0 && (q->entity >= 0 || nameable)) {
      uint32_t cb = tok_at_byte(d, q->content0.start);
      uint32_t ce = tok_at_byte(d, q->content0.end);
      /* the statement must be this sentence's (not a multi-sentence quote) */
      if (cb >= s->tok_begin && ce <= s->tok_end && ce > cb) {
        b = cb;
        e = ce;
        c->entity = q->entity;
        if (q->entity >= 0) c->src_b = c->src_e = 0;
      } else {
        c->src_b = c->src_e = 0;
      }
    }
  }
  if (c->entity < 0 && c->src_e == 0) b = skip_adverbial(d, b, e);
  b = trim_begin(d, b, e);
  e = cut_clause(d, b, e);
  e = trim_end(d, b, e);
  b = trim_begin(d, b, e);
  c->b = b;
  c->e = e;
}

static const char *claim_text(precis_doc *d, uint32_t b, uint32_t e) {
  if (e <= b) return prc_arena_strndup(&d->ar, "", 0);
  uint32_t sb = d->toks[b].start, se = d->toks[e - 1].end;
  char *t = prc_arena_alloc(&d->ar, se - sb + 1);
  /* collapse white space runs (line breaks inside a quote over paragraphs) */
  uint32_t o = 0;
  bool sp = false;
  for (uint32_t i = sb; i < se; i++) {
    char ch = d->text[i];
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      if (!sp) t[o++] = ' ';
      sp = true;
      continue;
    }
    sp = false;
    t[o++] = ch;
  }
  t[o] = 0;
  /* capitalise the first letter (after an opening quote) */
  for (uint32_t i = 0; i < o; i++) {
    unsigned char ch = (unsigned char)t[i];
    if (ch >= 'a' && ch <= 'z') { t[i] = (char)(ch - 32); break; }
    if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
      if (ch < 0x80) break;
      /* skip a curly quote (3 bytes) but stop at any other non-ASCII letter */
      if (ch == 0xE2 && i + 2 < o) { i += 2; continue; }
      break;
    }
  }
  return t;
}

/* content-word hashes of [b, e) into out (at most cap); returns count */
static uint32_t bag(const precis_doc *d, uint32_t b, uint32_t e, uint32_t *out, uint32_t cap) {
  uint32_t n = 0;
  for (uint32_t i = b; i < e && n < cap; i++) {
    if (!is_word_tok(d, i)) continue;
    if (prc_lex_flags(tok_str(d, i), tok_len(d, i)) & LX_STOP) continue;
    uint32_t h = prc_hash_lower(tok_str(d, i), tok_len(d, i));
    bool dup = false;
    for (uint32_t k = 0; k < n; k++) if (out[k] == h) { dup = true; break; }
    if (!dup) out[n++] = h;
  }
  return n;
}

static double overlap(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb) {
  if (!na || !nb) return 0;
  uint32_t inter = 0;
  for (uint32_t i = 0; i < na; i++)
    for (uint32_t k = 0; k < nb; k++)
      if (a[i] == b[k]) { inter++; break; }
  uint32_t mn = na < nb ? na : nb;
  return (double)inter / mn;
}

void prc_select_keypoints(precis_doc *d) {
  d->nkps = 0;
  int n = d->opts.max_keypoints;
  if (d->opts.summarizer == PRECIS_SUMMARIZER_LEAD) { prc_summarize_lead(d, n > 0 ? n : 3); return; }
  if (d->opts.summarizer == PRECIS_SUMMARIZER_TEXTRANK) { prc_summarize_textrank(d, n > 0 ? n : 3); return; }
  if (!d->nsents) return;

  /* prominent entities: mentions of people and organisations */
  double maxm = 1;
  for (uint32_t e = 0; e < d->nents; e++)
    if (d->ents[e].nmentions > maxm) maxm = d->ents[e].nmentions;

  /* first quote of each sentence with a resolved speaker, preferring reported clauses */
  int32_t *sent_quote = prc_arena_scratch(&d->ar, (d->nsents + 1) * sizeof(int32_t));
  for (uint32_t s = 0; s < d->nsents; s++) sent_quote[s] = -1;
  for (uint32_t q = 0; q < d->nquotes; q++) {
    quote *qq = &d->quotes[q];
    if (qq->cue_tok_end <= qq->cue_tok) continue;
    uint32_t s = d->toks[qq->cue_tok].sent;
    if (s >= d->nsents) continue;
    int32_t cur = sent_quote[s];
    if (cur < 0 || (d->quotes[cur].entity < 0 && qq->entity >= 0)) sent_quote[s] = (int32_t)q;
  }
  /* at most one candidate per sentence: a short article zeroes a few KB, not 60 */
  uint32_t max_cands = d->nsents < MAX_CANDS ? d->nsents : MAX_CANDS;
  cand *cs = prc_arena_alloc(&d->ar, max_cands * sizeof(cand));
  uint32_t nc = 0, rank = 0;
  uint32_t *bags = prc_arena_alloc(&d->ar, (size_t)max_cands * BAG * sizeof(uint32_t));
  uint32_t *nbag = prc_arena_alloc(&d->ar, max_cands * sizeof(uint32_t));
  for (uint32_t s = 0; s < d->nsents && nc < max_cands; s++) {
    const sentence *se = &d->sents[s];
    if (!prc_sent_is_text(se)) continue;
    uint32_t words = 0;
    for (uint32_t i = se->body_start_tok; i < se->tok_end; i++) words += is_word_tok(d, i);
    if (words < W->min_sent_words) continue;
    cand *c = &cs[nc];
    memset(c, 0, sizeof *c);
    c->sent = s;
    claim_range(d, se, s, sent_quote, c);
    uint32_t cw = 0;
    for (uint32_t i = c->b; i < c->e; i++) cw += is_word_tok(d, i);
    if (cw < W->min_claim_words) { rank++; continue; }
    double score = W->position * exp(-(double)rank / W->decay);
    rank++;
    /* centrality */
    double cent = 0;
    for (uint32_t i = se->tok_begin; i < se->tok_end; i++) {
      int32_t m = d->tok_mention[i];
      if (m < 0 || (i > se->tok_begin && d->tok_mention[i - 1] == m)) continue;
      const entity *en = &d->ents[d->mentions[m].entity];
      if (en->nmentions >= W->central_mentions) cent += en->nmentions / maxm;
    }
    if (c->entity >= 0) cent += d->ents[c->entity].nmentions / maxm;
    score += W->centrality * (cent > W->centrality_cap ? W->centrality_cap : cent);
    c->score = score; /* the rest once TextRank has run (below) */
    c->quote = sent_quote[s];
    c->cw = cw;
    nbag[nc] = bag(d, c->b, c->e, bags + nc * BAG, BAG);
    nc++;
  }
  /* the per-sentence scratch and the per-token mention map (this was its last
   * reader) go before TextRank's temporaries are made (peak memory) */
  prc_arena_release_big(&d->ar, sent_quote);
  prc_arena_release_big(&d->ar, d->tok_mention);
  d->tok_mention = NULL;
  /* graph centrality (TextRank), normalised to the best sentence; sparse:
   * the sentences it did not consider score 0 */
  uint32_t ntr = 0, *tr_pos = NULL;
  double *tr = NULL, mx = 0;
  if (W->textrank > 0) {
    ntr = prc_summarize_textrank_scores(d, &tr_pos, &tr);
    for (uint32_t i = 0; i < ntr; i++) if (tr[i] > mx) mx = tr[i];
  }
  uint32_t fig_i = 0;
  for (uint32_t ci = 0, ti = 0; ci < nc; ci++) {
    cand *c = &cs[ci];
    uint32_t s = c->sent;
    const sentence *se = &d->sents[s];
    double score = c->score;
    while (ti < ntr && tr_pos[ti] < s) ti++;
    double trs = ti < ntr && tr_pos[ti] == s && mx > 0 ? tr[ti] / mx : 0;
    score += W->textrank * trs;
    int32_t qi = c->quote;
    uint32_t cw = c->cw;
    if (qi >= 0 && d->quotes[qi].entity >= 0)
      score += d->quotes[qi].kind == PRECIS_QUOTE_DIRECT ? W->attr_direct : W->attr_indirect;
    while (fig_i < d->nfigs && d->figs[fig_i].sent < s) fig_i++;
    if (fig_i < d->nfigs && d->figs[fig_i].sent == s) score += W->figure;
    if (tok_is(d, se->tok_end - 1, "?") || (se->tok_end >= 2 && tok_is(d, se->tok_end - 2, "?"))) score -= W->question;
    if (cw < W->short_words) score -= W->short_pen;
    if (cw > W->long_words) score -= W->long_pen;
    /* a pronoun subject we cannot resolve reads badly alone */
    if (c->entity < 0) {
      uint32_t f = prc_lex_flags(tok_str(d, c->b), tok_len(d, c->b));
      if (f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)) score -= W->pronoun_pen;
    }
    c->score = score;
  }
  if (!nc) return;
  if (n <= 0) n = nc < W->auto_mid_from ? W->auto_few : nc < W->auto_many_from ? W->auto_mid : W->auto_many;
  if ((uint32_t)n > nc) n = (int)nc; /* any max_keypoints: at most one point per candidate */
  /* greedy selection with redundancy; n <= nc <= MAX_CANDS entries */
  uint32_t *chosen = prc_arena_alloc(&d->ar, nc * sizeof *chosen);
  int nch = 0;
  while (nch < n) {
    int best = -1;
    double bs = -1e9;
    for (uint32_t i = 0; i < nc; i++) {
      if (cs[i].chosen) continue;
      double red = 0;
      bool dup = false;
      for (int k = 0; k < nch; k++) {
        double o = overlap(bags + i * BAG, nbag[i], bags + chosen[k] * BAG, nbag[chosen[k]]);
        if (o > red) red = o;
        if (o >= W->dup_threshold) dup = true;
      }
      if (dup) continue;
      double v = cs[i].score - W->redundancy * red;
      if (v > bs) { bs = v; best = (int)i; }
    }
    if (best < 0) break;
    cs[best].chosen = true;
    chosen[nch++] = (uint32_t)best;
  }
  /* in document order */
  for (uint32_t i = 0; i < nc; i++) {
    if (!cs[i].chosen) continue;
    keypoint *k = ARENA_PUSH(&d->ar, d->kps, d->nkps, d->ckps, keypoint);
    k->sent = cs[i].sent;
    k->claim = claim_text(d, cs[i].b, cs[i].e);
    k->entity = cs[i].entity;
    /* the speaker suffix only for a resolved person or organisation: never a
     * place, never the source's raw text ("police", "the US defence chief"
     * unresolved stay without a suffix; measured on the dev files: ROUGE
     * within +-0.15) */
    k->speaker = NULL;
    if (k->entity >= 0 && d->ents[k->entity].type != ENT_PERSON && d->ents[k->entity].type != ENT_ORG) k->entity = -1;
    k->score = cs[i].score;
  }
}
