/* parse.c - stage 4b, after tags.c and before entities.c: dependency trees
 * (model/parser.h) over the POS tags tags.c put on the tokens.
 *
 * Which sentences:
 *   - with PRECIS_OPT_WITH_TOKENS the trees are output (precis_doc_tokens,
 *     the JSON "tokens", CoNLL-U): every sentence, headings included;
 *   - otherwise only the sentences a later stage reads the tree of.  For now
 *     those where attribution.c may find a speech cue: a sentence, not a
 *     heading, of at most PARSE_CUE_MAX tokens, with a word flagged LX_SPEECH
 *     (said, told, insisted, according ...) that is tagged VERB or AUX, or
 *     follows a comma (", saying"), or is "according" before "to".  A
 *     superset of attribution.c's is_cue made of the flags and tags already
 *     on each token: no word is looked up again.  (About 40% of the
 *     sentences, 47% of the tokens, of CNN/DailyMail articles.)
 * When: with the tokens output, every tree now.  Otherwise the stage only
 * marks the sentences it chose (PRC_DEP_PENDING in dep_head), and each is
 * parsed the first time a later stage reads one of its heads or relations
 * (prc_dep_head, prc_dep_rel: parse.h).  A sentence whose cue words
 * attribution.c never tries (inside a quotation, "to think") is never
 * parsed: 5% of the chosen tokens of CNN/DailyMail articles
 * (docs/parsing.md, "In the engine").  Which sentences are chosen, and
 * their trees, are the same as when all were parsed up front: the choice is
 * made here, and a tree depends on its own sentence's tokens and tags alone,
 * which no later stage changes.
 * Nothing is parsed without POS tags (PRECIS_OPT_NO_TAGGER: the rules-only
 * engine) or without a parser (a library built without models/parse.bin,
 * and no precis_options.parse_model); tokens outside every sentence (a
 * dateline) never are.
 *
 * Memory: the results are two side arrays over all tokens (dep_head and
 * dep_rel, 5 bytes a token, made only when some sentence is chosen and kept
 * until export.c).  The parser's input (16 + 1 bytes a token) and its
 * scratch (prc_parser_scratch_size: about 205 bytes a token) are sized for
 * the longest sentence chosen, allocated on the first parse and given back
 * by export.c (at most 1,024 tokens: about 227 KB), or when this stage ends
 * with the tokens output.  A sentence is parsed whole -- one tree, not one per chunk as tags.c
 * tags it; the parser is linear in time and its scratch in memory -- so the
 * longest sentence sets the peak: about 222 bytes a token on top of the 20
 * of its tokens.  That is why the later stages' sentences stop at
 * PARSE_CUE_MAX tokens: a longer "sentence" is a list, a table or text
 * without punctuation (a 2 MB one of 900,000 tokens would take 200 MB),
 * and the rules of attribution.c look a few dozen tokens around a cue; it
 * is left unparsed (they fall back to their rules without a tree).  With
 * the tokens output every sentence is parsed whole, whatever its length:
 * the caller asked for every tree (precis.h says what it costs).  A
 * document of more than INT32_MAX tokens (heads are int32_t) is not parsed. */
#include <stdint.h>

#include "parse.h"

#include "error.h"
#include "models.h"

/* The longest sentence parsed for the later stages, in tokens (see above;
 * parse.h); news sentences have 20 to 60, the longest a few hundred. */
#define PARSE_CUE_MAX PRC_PARSE_CUE_MAX

/* Might attribution.c's rules take token i as a speech cue? (see above) */
static bool maybe_cue(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (!(t->flags & TF_WORD) || !(t->lex & LX_SPEECH)) return false;
  if (tok_ieq(d, i, "according")) return i + 1 < d->ntoks && tok_ieq(d, i + 1, "to");
  if (t->flags & TF_CAP) return false;
  if (i > 0 && tok_is(d, i - 1, ",")) return true; /* ", saying", ", adding" */
  return t->pos == TAG_UPOS_VERB || t->pos == TAG_UPOS_AUX;
}

static bool wanted(const precis_doc *d, const sentence *s, bool all) {
  if (s->tok_end <= s->tok_begin) return false;
  if (all) return true;
  if (!prc_sent_is_text(s) || s->tok_end - s->tok_begin > PARSE_CUE_MAX) return false;
  for (uint32_t i = s->tok_begin; i < s->tok_end; i++)
    if (maybe_cue(d, i) || (d->cue_lab && (d->cue_lab[i] & CUE_HEAD))) return true; /* rules' or learned (cues.c) */
  return false;
}

static const parser *the_parser(const precis_doc *d) {
  return d->opts.parse_model ? d->opts.parse_model->ps : prc_parser_builtin(NULL);
}

static void side_arrays(precis_doc *d) {
  d->dep_head = prc_arena_scratch(&d->ar, (size_t)d->ntoks * sizeof *d->dep_head);
  d->dep_rel = prc_arena_scratch(&d->ar, d->ntoks);
  for (uint32_t k = 0; k < d->ntoks; k++) d->dep_head[k] = PRC_DEP_UNPARSED;
}

/* The parser's input and scratch, for n tokens at least: made once for the
 * longest sentence chosen; grown (twice the size at least) only for a longer
 * one keypoints.c asks for, so that the small ones left in the arena stay
 * within the size of the last. */
static void buffers(precis_doc *d, uint32_t n) {
  if (n <= d->parse_cap) return;
  uint32_t twice = d->parse_cap <= UINT32_MAX / 2 ? 2 * d->parse_cap : UINT32_MAX;
  prc_parse_release_buffers(d);
  if (n < d->parse_max) n = d->parse_max;
  if (n < twice) n = twice;
  d->parse_tt = prc_arena_scratch(&d->ar, (size_t)n * sizeof *d->parse_tt);
  d->parse_up = prc_arena_scratch(&d->ar, n);
  d->parse_scratch = prc_arena_scratch(&d->ar, prc_parser_scratch_size(n));
  d->parse_cap = n;
}

void prc_parse_release_buffers(precis_doc *d) {
  prc_arena_release_big(&d->ar, d->parse_scratch);
  prc_arena_release_big(&d->ar, d->parse_up);
  prc_arena_release_big(&d->ar, d->parse_tt);
  d->parse_scratch = NULL;
  d->parse_up = NULL;
  d->parse_tt = NULL;
  d->parse_cap = 0;
}

/* Sentence s into the side arrays, now. */
static void parse_one(precis_doc *d, const parser *p, uint32_t s) {
  const sentence *se = &d->sents[s];
  uint32_t b = se->tok_begin, n = se->tok_end - se->tok_begin;
  buffers(d, n);
  tag_token *tt = d->parse_tt;
  uint8_t *up = d->parse_up;
  for (uint32_t k = 0; k < n; k++) {
    tt[k].s = tok_str(d, b + k);
    tt[k].len = tok_len(d, b + k);
    up[k] = (uint8_t)d->toks[b + k].pos;
  }
  int32_t *head = d->dep_head + b;
  prc_parser_parse(p, tt, up, n, d->parse_scratch, head, d->dep_rel + b);
  for (uint32_t k = 0; k < n; k++)
    if (head[k] >= 0) head[k] += (int32_t)b; /* sentence -> document index */
  d->parsed_toks += n;
}

void prc_parse_sentences(precis_doc *d) {
  d->dep_head = NULL;
  d->dep_rel = NULL;
  d->parse_use = PRECIS_MODEL_UNUSED;
  if ((d->opts.flags & PRECIS_OPT_NO_TAGGER) || !d->has_pos) return;
  /* precis_analyze_ex has checked the model's kind (prc_parse_check) */
  const parser *p = the_parser(d);
  if (!p) return;
  d->parse_use = d->opts.parse_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  if (d->ntoks > INT32_MAX) return;
  bool all = (d->opts.flags & PRECIS_OPT_WITH_TOKENS) != 0;
  uint32_t maxn = 0;
  for (uint32_t s = 0; s < d->nsents; s++) {
    const sentence *se = &d->sents[s];
    if (se->tok_end - se->tok_begin > maxn && wanted(d, se, all)) maxn = se->tok_end - se->tok_begin;
  }
  if (!maxn) return;
  side_arrays(d);
  d->parse_max = maxn;
  if (all) { /* every tree is output: parse them all now, give the buffers back */
    for (uint32_t s = 0; s < d->nsents; s++)
      if (wanted(d, &d->sents[s], all)) parse_one(d, p, s);
    prc_parse_release_buffers(d);
    return;
  }
  for (uint32_t s = 0; s < d->nsents; s++)
    if (wanted(d, &d->sents[s], all))
      for (uint32_t k = d->sents[s].tok_begin; k < d->sents[s].tok_end; k++) d->dep_head[k] = PRC_DEP_PENDING;
}

void prc_parse_pending(const precis_doc *cd, uint32_t tok) {
  /* parse.h: the document's one thread fills the side arrays behind the
   * later stages' const pointer; a pending token is in a sentence */
  precis_doc *d = (precis_doc *)cd;
  parse_one(d, the_parser(d), d->toks[tok].sent);
}

bool prc_parse_sentence(precis_doc *d, uint32_t s) {
  if (s >= d->nsents) return false;
  const sentence *se = &d->sents[s];
  uint32_t n = se->tok_end - se->tok_begin;
  if (!n) return false;
  if (d->dep_head && d->dep_head[se->tok_begin] == PRC_DEP_PENDING) prc_parse_pending(d, se->tok_begin);
  if (prc_dep_sentence_parsed(d, s)) return true;
  if ((d->opts.flags & PRECIS_OPT_NO_TAGGER) || !d->has_pos || n > PARSE_CUE_MAX || d->ntoks > INT32_MAX)
    return false;
  const parser *p = the_parser(d);
  if (!p) return false;
  if (!d->dep_head) {
    side_arrays(d);
    d->parse_use = d->opts.parse_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  }
  parse_one(d, p, s);
  return true;
}

int prc_parse_check(const precis_options *o, precis_error *err) {
  if (o->flags & PRECIS_OPT_NO_TAGGER) return 0;
  if (o->parse_model) {
    if (o->parse_model->kind != PRC_MODEL_PARSE)
      return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET, "the parse model given is a %s model",
                           precis_model_kind(o->parse_model));
  }
  return 0;
}

int prc_parse_models(const precis_options *o, precis_error *err) {
  if ((o->flags & PRECIS_OPT_NO_TAGGER) || o->parse_model) return 0;
  precis_error e;
  prc_error_clear(&e);
  if (!prc_parser_builtin(&e) && e.code == PRECIS_ERROR_OUT_OF_MEMORY) {
    if (err) *err = e;
    return -1;
  }
  return 0;
}
