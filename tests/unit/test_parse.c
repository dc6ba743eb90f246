/* test_parse.c - the parse stage (src/parse.c) on the internal document:
 * which sentences it parses, and what it leaves for the later stages
 * (parse.h).  Structure only: the trees themselves are the parser model's
 * (tests/golden/conllu holds one article's).
 *
 * The rule under test: without PRECIS_OPT_WITH_TOKENS a sentence is parsed
 * when it is no heading, not over parse.c's length limit, and has a word
 * attribution.c may take as a speech cue -- so every cue attribution.c does
 * take in a sentence of ordinary length lies in a parsed sentence; with the
 * flag every sentence is, whole; with PRECIS_OPT_NO_TAGGER none is.
 * Without the flag a chosen sentence is parsed only when a stage first reads
 * its tree (parse.h), into the same tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "parse.h"

/* the pipeline up to the parse stage (attrib false) or up to attribution,
 * as document.c runs it */
static precis_doc *run_upto(const char *input, unsigned flags, bool attrib) {
  precis_options o;
  precis_options_init(&o);
  o.flags = flags;
  assert_int_equal(prc_parse_check(&o, NULL), 0);
  arena ar;
  prc_arena_init(&ar, NULL);
  precis_doc *d = prc_arena_alloc(&ar, sizeof *d);
  d->ar = ar;
  d->opts = o;
  assert_int_equal(prc_text_prepare(d, input, strlen(input)), 0);
  prc_tokenize(d);
  prc_split_sentences(d);
  prc_tag_tokens(d);
  prc_find_cues(d);
  prc_parse_sentences(d);
  if (!attrib) return d;
  prc_find_entities(d);
  prc_find_attributions(d);
  return d;
}

static precis_doc *run(const char *input, unsigned flags) { return run_upto(input, flags, true); }

static void done(precis_doc *d) {
  arena a = d->ar;
  prc_arena_free(&a);
}

/* A parser is compiled in (else nothing is parsed, and these tests skip). */
static int have_parser(void) { return prc_parser_builtin(NULL) != NULL; }

/* Every parsed sentence is one tree over its own tokens; tokens of other
 * sentences and outside sentences are unparsed. */
static void assert_trees(const precis_doc *d) {
  for (uint32_t s = 0; s < d->nsents; s++) {
    const sentence *se = &d->sents[s];
    bool parsed = prc_dep_sentence_parsed(d, s);
    uint32_t roots = 0;
    for (uint32_t k = se->tok_begin; k < se->tok_end; k++) {
      assert_int_equal(prc_dep_parsed(d, k), parsed);
      if (!parsed) {
        assert_int_equal(prc_dep_head(d, k), PRC_DEP_UNPARSED);
        assert_int_equal(prc_dep_rel(d, k), PRC_DEP_NONE);
        continue;
      }
      int32_t h = prc_dep_head(d, k);
      int rel = prc_dep_rel(d, k);
      assert_true(rel > PRC_DEP_NONE && rel < PRC_DEP_COUNT);
      if (h == -1) {
        roots++;
        assert_int_equal(rel, PRC_DEP_ROOT);
        continue;
      }
      assert_true(h >= (int32_t)se->tok_begin && h < (int32_t)se->tok_end && h != (int32_t)k);
      assert_int_not_equal(rel, PRC_DEP_ROOT);
      uint32_t j = k, steps = 0; /* following the heads ends at the root */
      while (prc_dep_head(d, j) >= 0 && steps <= se->tok_end - se->tok_begin) j = (uint32_t)prc_dep_head(d, j), steps++;
      assert_int_equal(prc_dep_head(d, j), -1);
    }
    assert_int_equal(roots, parsed ? 1 : 0);
  }
  /* a dateline, before the first sentence */
  for (uint32_t k = 0; d->nsents && k < d->sents[0].tok_begin; k++) assert_false(prc_dep_parsed(d, k));
}

/* the index of the sentence holding the first token equal to w */
static uint32_t sent_of(const precis_doc *d, const char *w) {
  for (uint32_t k = 0; k < d->ntoks; k++)
    if (tok_is(d, k, w)) return d->toks[k].sent;
  fail_msg("no token \"%s\"", w);
  return 0;
}

static const char *ARTICLE =
    "LAKEVIEW: The council met on Monday evening.\n"                       /* 0: no cue */
    "The mayor said the bridge would reopen in May.\n"                      /* 1: said */
    "Works resume soon\n"                                                   /* 2: a heading */
    "\"We are ready,\" she told reporters.\n"                               /* 3: told */
    "According to the board, repairs cost more than planned.\n"             /* 4: According to */
    "Engineers inspected the cables, saying little about the delay.\n"      /* 5: , saying */
    "The said report was not published.\n";                                 /* 6: "said" as adjective */

static void test_cue_sentences(void **state) {
  (void)state;
  if (!have_parser()) skip();
  precis_doc *d = run(ARTICLE, 0);
  assert_int_equal(d->parse_use, PRECIS_MODEL_BUILTIN);
  assert_non_null(d->dep_head);
  assert_trees(d);
  assert_false(prc_dep_sentence_parsed(d, sent_of(d, "met")));
  assert_true(prc_dep_sentence_parsed(d, sent_of(d, "mayor")));
  uint32_t h = sent_of(d, "Works");
  assert_true(d->sents[h].is_heading);
  assert_false(prc_dep_sentence_parsed(d, h));
  assert_true(prc_dep_sentence_parsed(d, sent_of(d, "told")));
  assert_true(prc_dep_sentence_parsed(d, sent_of(d, "According")));
  assert_true(prc_dep_sentence_parsed(d, sent_of(d, "saying")));
  /* the dateline's tokens are in no sentence */
  assert_false(prc_dep_parsed(d, 0));
  done(d);
}

/* every cue attribution.c takes is in a parsed sentence, in real articles */
static void test_cues_are_parsed(void **state) {
  (void)state;
  if (!have_parser()) skip();
  const char *src = getenv("PRECIS_SOURCE");
  const char *files[] = {"examples/harbour-bridge.txt", "tests/golden/quotes-split-source.txt",
                         "tests/golden/indirect-speech.txt", "tests/golden/quotes-partial.txt",
                         "tests/golden/dateline-wire.txt", "tests/golden/headings.txt"};
  size_t nq = 0;
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", files[f]);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
      print_message("%s not found (PRECIS_SOURCE unset?)\n", path);
      skip();
    }
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = 0;
    precis_doc *d = run(text, 0);
    assert_trees(d);
    for (uint32_t i = 0; i < d->nquotes; i++) {
      const quote *q = &d->quotes[i];
      if (q->cue_tok_end == q->cue_tok) continue;
      if (!prc_dep_parsed(d, q->cue_tok))
        fail_msg("%s: the cue \"%.*s\" is in a sentence that was not parsed", files[f], (int)tok_len(d, q->cue_tok),
                 tok_str(d, q->cue_tok));
      nq++;
    }
    done(d);
  }
  assert_true(nq >= 20);
}

static void test_all_with_tokens(void **state) {
  (void)state;
  if (!have_parser()) skip();
  precis_doc *d = run(ARTICLE, PRECIS_OPT_WITH_TOKENS);
  assert_trees(d);
  for (uint32_t s = 0; s < d->nsents; s++) assert_true(prc_dep_sentence_parsed(d, s)); /* the heading too */
  assert_false(prc_dep_parsed(d, 0)); /* not the dateline */
  done(d);
}

static void test_rules_only(void **state) {
  (void)state;
  precis_doc *d = run(ARTICLE, PRECIS_OPT_NO_TAGGER | PRECIS_OPT_WITH_TOKENS);
  assert_int_equal(d->parse_use, PRECIS_MODEL_UNUSED);
  assert_null(d->dep_head);
  for (uint32_t k = 0; k < d->ntoks; k++) assert_false(prc_dep_parsed(d, k));
  for (uint32_t s = 0; s < d->nsents; s++) assert_false(prc_dep_sentence_parsed(d, s));
  done(d);
  /* nothing to parse: no side arrays at all */
  if (!have_parser()) return;
  d = run("The council met on Monday evening. Works resume soon.\n", 0);
  assert_int_equal(d->parse_use, PRECIS_MODEL_BUILTIN);
  assert_null(d->dep_head);
  assert_null(d->dep_rel);
  done(d);
}

/* A sentence far longer than the taggers' chunk (2,800 tokens): with the
 * tokens it is parsed whole, one tree; for the later stages alone it is
 * over parse.c's limit and left unparsed.  A shorter one (400 tokens) is
 * parsed for them. */
static char *repeat(size_t reps) {
  static const char unit[] = "officials said the bridge would reopen and ";
  char *text = malloc(reps * (sizeof unit - 1) + 16);
  assert_non_null(text);
  char *p = text;
  for (size_t i = 0; i < reps; i++) p += sprintf(p, "%s", unit);
  strcpy(p, "stay open.");
  return text;
}

static void test_long_sentence(void **state) {
  (void)state;
  if (!have_parser()) skip();
  char *text = repeat(400);
  precis_doc *d = run(text, PRECIS_OPT_WITH_TOKENS);
  assert_int_equal(d->nsents, 1);
  assert_true(d->ntoks > 2000);
  assert_true(prc_dep_sentence_parsed(d, 0));
  assert_trees(d);
  done(d);
  d = run(text, 0);
  assert_int_equal(d->nsents, 1);
  assert_false(prc_dep_sentence_parsed(d, 0));
  assert_null(d->dep_head);
  done(d);
  free(text);
  text = repeat(57);
  d = run(text, 0);
  assert_true(d->ntoks > 350 && d->ntoks < 1000);
  assert_true(prc_dep_sentence_parsed(d, 0));
  assert_trees(d);
  done(d);
  free(text);
}

static uint32_t sent_len(const precis_doc *d, uint32_t s) { return d->sents[s].tok_end - d->sents[s].tok_begin; }

/* The stage chooses, the first read parses: after prc_parse_sentences no
 * token is parsed yet; reading one head parses that sentence alone, once;
 * prc_dep_parsed asks without parsing; prc_parse_sentence (keypoints.c)
 * parses a chosen sentence like a read. */
static void test_parsed_on_first_read(void **state) {
  (void)state;
  if (!have_parser()) skip();
  precis_doc *d = run_upto(ARTICLE, 0, false);
  assert_non_null(d->dep_head);
  assert_int_equal(d->parsed_toks, 0);
  uint32_t mayor = sent_of(d, "mayor"), told = sent_of(d, "told"), met = sent_of(d, "met");
  assert_true(prc_dep_sentence_parsed(d, mayor));
  assert_true(prc_dep_parsed(d, d->sents[told].tok_begin));
  assert_false(prc_dep_sentence_parsed(d, met));
  assert_int_equal(d->parsed_toks, 0); /* asking is no read */
  uint32_t k = d->sents[mayor].tok_begin + 1;
  int32_t h = prc_dep_head(d, k);
  assert_true(h == -1 || (h >= (int32_t)d->sents[mayor].tok_begin && h < (int32_t)d->sents[mayor].tok_end));
  assert_int_equal(d->parsed_toks, sent_len(d, mayor));
  assert_int_equal(d->dep_head[d->sents[told].tok_begin], PRC_DEP_PENDING); /* the others wait */
  assert_int_equal(prc_dep_head(d, k), h);
  assert_true(prc_dep_rel(d, k) > PRC_DEP_NONE);
  assert_int_equal(d->parsed_toks, sent_len(d, mayor)); /* once */
  assert_int_equal(prc_dep_head(d, d->sents[met].tok_begin), PRC_DEP_UNPARSED); /* not chosen: never */
  assert_int_equal(prc_dep_rel(d, d->sents[met].tok_begin), PRC_DEP_NONE);
  assert_true(prc_parse_sentence(d, told));
  assert_int_equal(d->parsed_toks, sent_len(d, mayor) + sent_len(d, told));
  assert_true(prc_parse_sentence(d, told));
  assert_int_equal(d->parsed_toks, sent_len(d, mayor) + sent_len(d, told));
  assert_trees(d); /* reads (so parses) every chosen sentence */
  size_t chosen = 0;
  for (uint32_t s = 0; s < d->nsents; s++)
    if (prc_dep_sentence_parsed(d, s)) chosen += sent_len(d, s);
  assert_int_equal(d->parsed_toks, chosen);
  done(d);
}

/* A sentence the stage chose (a speech verb) whose tree attribution never
 * reads -- its cues are inside a quotation -- is never parsed; one whose cue
 * attribution takes is.  The trees read are those parsed up front with
 * PRECIS_OPT_WITH_TOKENS. */
static const char *QUOTED =
    "The council met on Monday evening.\n"
    "The mayor said the bridge would reopen in May.\n"
    "\"I think the engineers have done well, and I believe them.\"\n";

static void test_unread_not_parsed(void **state) {
  (void)state;
  if (!have_parser()) skip();
  precis_doc *d = run(QUOTED, 0);
  uint32_t mayor = sent_of(d, "mayor"), think = sent_of(d, "think");
  assert_true(prc_dep_sentence_parsed(d, think)); /* chosen ... */
  assert_int_equal(d->dep_head[d->sents[think].tok_begin], PRC_DEP_PENDING); /* ... but not parsed */
  assert_int_not_equal(d->dep_head[d->sents[mayor].tok_begin], PRC_DEP_PENDING);
  assert_int_equal(d->parsed_toks, sent_len(d, mayor));
  bool said = false;
  for (uint32_t i = 0; i < d->nquotes; i++) said |= d->quotes[i].cue_tok_end > d->quotes[i].cue_tok &&
                                                     d->toks[d->quotes[i].cue_tok].sent == mayor;
  assert_true(said);
  precis_doc *all = run(QUOTED, PRECIS_OPT_WITH_TOKENS);
  assert_int_equal(all->ntoks, d->ntoks);
  assert_int_equal(all->parsed_toks, all->sents[all->nsents - 1].tok_end - all->sents[0].tok_begin);
  for (uint32_t k = 0; k < d->ntoks; k++) {
    if (!prc_dep_parsed(d, k)) continue;
    assert_int_equal(prc_dep_head(d, k), prc_dep_head(all, k)); /* parses "think" now */
    assert_int_equal(prc_dep_rel(d, k), prc_dep_rel(all, k));
  }
  assert_int_equal(d->parsed_toks, sent_len(d, mayor) + sent_len(d, think));
  done(all);
  done(d);
}

static void test_dep_names(void **state) {
  (void)state;
  assert_string_equal(prc_dep_name(PRC_DEP_ROOT), "root");
  assert_string_equal(prc_dep_name(PRC_DEP_NSUBJ), "nsubj");
  assert_string_equal(prc_dep_name(PRC_DEP_ACL_RELCL), "acl:relcl");
  assert_string_equal(prc_dep_name(PRC_DEP_NONE), "_");
  assert_string_equal(prc_dep_name(-1), "_");
  assert_string_equal(prc_dep_name(PRC_DEP_COUNT), "_");
  assert_int_equal(prc_dep_id("obl:tmod", 8), PRC_DEP_OBL_TMOD);
  assert_int_equal(prc_dep_id("obl:foo", 7), PRC_DEP_OBL);
  assert_int_equal(prc_dep_id("nonsense", 8), PRC_DEP_DEP);
  assert_int_equal(prc_dep_base(PRC_DEP_NSUBJ_PASS), PRC_DEP_NSUBJ);
  assert_int_equal(prc_dep_base(PRC_DEP_OBJ), PRC_DEP_OBJ);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cue_sentences),   cmocka_unit_test(test_cues_are_parsed),
      cmocka_unit_test(test_all_with_tokens), cmocka_unit_test(test_rules_only),
      cmocka_unit_test(test_long_sentence),   cmocka_unit_test(test_dep_names),
      cmocka_unit_test(test_parsed_on_first_read), cmocka_unit_test(test_unread_not_parsed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
