/* test_summarize.c - the Lead-n and TextRank baselines (src/summarize.c).
 *
 * Documents are built directly with prc_text_prepare / prc_tokenize / prc_split_sentences
 * so the tests do not depend on the rest of the pipeline.  The articles are
 * invented for these tests.  PageRank values are worked out by hand in the
 * comments (damping d = 0.85).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "doc.h"
#include "summarize.h"

static precis_doc *mkdoc(const char *text, size_t len) {
  arena ar;
  prc_arena_init(&ar, NULL);
  precis_doc *d = prc_arena_alloc(&ar, sizeof *d);
  d->ar = ar;
  precis_options_init(&d->opts);
  prc_text_prepare(d, text, len);
  prc_tokenize(d);
  prc_split_sentences(d);
  return d;
}

static precis_doc *mk(const char *text) { return mkdoc(text, strlen(text)); }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- token flags -------------------------------------------------------- */

/* tok_lex (the flags the tokenizer kept, which textrank and the key points
 * read) is prc_lex_flags of every token: words, titles with their dot,
 * numbers, clitics, punctuation. */
static void test_tok_lex(void **state) {
  (void)state;
  precis_doc *d = mk("Mr. Smith said the 3 ministers of the Labour Party and Gen. Lee's staff had n't "
                     "told NATO, CNN or them -- \xE2\x80\x9Cnothing\xE2\x80\x9D -- on Jan. 4, 2021; they say 42% "
                     "were fine. THE END?");
  int nonzero = 0;
  for (uint32_t i = 0; i < d->ntoks; i++) {
    assert_int_equal(tok_lex(d, i), prc_lex_flags(tok_str(d, i), tok_len(d, i)));
    nonzero += tok_lex(d, i) != 0;
  }
  assert_true(nonzero >= 10);
  precis_doc_free(d);
}

/* ---- Lead-n ------------------------------------------------------------- */

/* Sentences: 0 heading, 1, 2, 3 "* * *" (no word), 4 heading, 5, 6, 7. */
static const char *LEAD_TEXT =
    "Storm Hits the Coast\n"
    "\n"
    "Heavy rain fell across the region on Monday. Roads  were\tclosed\xC2\xA0near the river.\n"
    "\n"
    "* * *\n"
    "\n"
    "Rescue Teams Arrive\n"
    "\n"
    "Firefighters helped residents leave their homes. Schools stayed shut. Power returned late in the evening.\n";

static void test_lead_structure(void **state) {
  (void)state;
  precis_doc *d = mk(LEAD_TEXT);
  /* guard: the splitter sees what the other tests assume */
  assert_int_equal(d->nsents, 8);
  assert_true(d->sents[0].is_heading);
  assert_true(d->sents[4].is_heading);
  assert_false(d->sents[1].is_heading);
  assert_false(d->sents[3].is_heading);
  precis_doc_free(d);
}

static void test_lead_first_n(void **state) {
  (void)state;
  precis_doc *d = mk(LEAD_TEXT);
  prc_summarize_lead(d, 3);
  assert_int_equal(d->nkps, 3);
  assert_int_equal(d->kps[0].sent, 1);
  assert_int_equal(d->kps[1].sent, 2);
  assert_int_equal(d->kps[2].sent, 5); /* skips the "* * *" line and the heading */
  assert_string_equal(d->kps[0].claim, "Heavy rain fell across the region on Monday.");
  /* double space, tab and no-break space collapse to single spaces */
  assert_string_equal(d->kps[1].claim, "Roads were closed near the river.");
  assert_string_equal(d->kps[2].claim, "Firefighters helped residents leave their homes.");
  for (uint32_t i = 0; i < 3; i++) assert_int_equal(d->kps[i].entity, -1);
  assert_true(d->kps[0].score == 1.0);
  assert_true(d->kps[1].score == 0.5);
  assert_true(d->kps[2].score > 0.3333 && d->kps[2].score < 0.3334);
  precis_doc_free(d);
}

static void test_lead_n_too_large(void **state) {
  (void)state;
  precis_doc *d = mk(LEAD_TEXT);
  prc_summarize_lead(d, 50);
  assert_int_equal(d->nkps, 5);
  static const uint32_t want[] = {1, 2, 5, 6, 7};
  for (uint32_t i = 0; i < 5; i++) assert_int_equal(d->kps[i].sent, want[i]);
  assert_string_equal(d->kps[4].claim, "Power returned late in the evening.");
  prc_summarize_lead(d, 0);
  assert_int_equal(d->nkps, 0);
  prc_summarize_lead(d, -2);
  assert_int_equal(d->nkps, 0);
  precis_doc_free(d);
}

static void test_empty_documents(void **state) {
  (void)state;
  const char *texts[] = {"", "   \n\n \t ", "* * *\n\n---\n"};
  for (int k = 0; k < 3; k++) {
    precis_doc *d = mk(texts[k]);
    prc_summarize_lead(d, 3);
    assert_int_equal(d->nkps, 0);
    prc_summarize_textrank(d, 3);
    assert_int_equal(d->nkps, 0);
    precis_doc_free(d);
  }
  /* NULL text of length 0 */
  precis_doc *d = mkdoc(NULL, 0);
  prc_summarize_textrank(d, 3);
  assert_int_equal(d->nkps, 0);
  precis_doc_free(d);
}

/* ---- TextRank ----------------------------------------------------------- */

/* A star: sentence 3 shares one content word with each of 0, 1, 2, which
 * share nothing with each other ("in", "and" are stopwords).
 *   leaves give all their score to the centre c; c splits its score evenly
 *   (the three edge weights are equal by symmetry):
 *     c = 0.15/4 + 0.85 * 3l,   l = 0.15/4 + 0.85 * c/3
 *   => c = 0.0375 + 2.55 (0.0375 + 0.28333 c) = 0.133125 + 0.7225 c
 *   => c = 0.133125 / 0.2775 = 0.4797297,  l = (1 - c) / 3 = 0.1734234 */
static const char *STAR_TEXT =
    "Apples grow in orchards. Bananas ripen slowly. Cherries taste sweet. "
    "Farmers sell apples, bananas and cherries.";

static void test_textrank_star_centre(void **state) {
  (void)state;
  precis_doc *d = mk(STAR_TEXT);
  assert_int_equal(d->nsents, 4);
  prc_summarize_textrank(d, 1);
  assert_int_equal(d->nkps, 1);
  assert_int_equal(d->kps[0].sent, 3);
  assert_string_equal(d->kps[0].claim, "Farmers sell apples, bananas and cherries.");
  assert_int_equal(d->kps[0].entity, -1);
  assert_float_equal(d->kps[0].score, 0.4797297, 1e-5);
  precis_doc_free(d);
}

static void test_textrank_ties_and_order(void **state) {
  (void)state;
  precis_doc *d = mk(STAR_TEXT);
  /* the three leaves tie: the earliest wins; output is in document order */
  prc_summarize_textrank(d, 2);
  assert_int_equal(d->nkps, 2);
  assert_int_equal(d->kps[0].sent, 0);
  assert_int_equal(d->kps[1].sent, 3);
  assert_float_equal(d->kps[0].score, 0.1734234, 1e-5);
  assert_float_equal(d->kps[1].score, 0.4797297, 1e-5);
  /* n larger than the number of sentences: all of them, in order */
  prc_summarize_textrank(d, 10);
  assert_int_equal(d->nkps, 4);
  double sum = 0;
  for (uint32_t i = 0; i < 4; i++) {
    assert_int_equal(d->kps[i].sent, i);
    sum += d->kps[i].score;
  }
  assert_float_equal(sum, 1.0, 1e-6);
  assert_string_equal(d->kps[1].claim, "Bananas ripen slowly.");
  precis_doc_free(d);
}

/* Two linked sentences and one that shares nothing (a dangling node, whose
 * score is spread over all three):
 *   p_C = 0.15/3 + 0.85 * p_C/3  => p_C = 0.05 / (1 - 0.85/3) = 0.0697674
 *   p_A = p_B = (1 - p_C) / 2 = 0.4651163 */
static void test_textrank_dangling(void **state) {
  (void)state;
  precis_doc *d = mk("Engineers repaired the bridge. Voters chose a mayor. "
                     "The bridge reopened after engineers finished.");
  assert_int_equal(d->nsents, 3);
  prc_summarize_textrank(d, 3);
  assert_int_equal(d->nkps, 3);
  assert_float_equal(d->kps[0].score, 0.4651163, 1e-5);
  assert_float_equal(d->kps[1].score, 0.0697674, 1e-5);
  assert_float_equal(d->kps[2].score, 0.4651163, 1e-5);
  prc_summarize_textrank(d, 1);
  assert_int_equal(d->nkps, 1);
  assert_int_equal(d->kps[0].sent, 0);
  precis_doc_free(d);
}

/* Headings never count, even when they share every word. */
static void test_textrank_skips_headings(void **state) {
  (void)state;
  precis_doc *d = mk("Apples Bananas Cherries\n\n" /* heading */
                     "Apples grow in orchards. Bananas ripen slowly. Cherries taste sweet.\n"
                     "Farmers sell apples, bananas and cherries.\n");
  assert_int_equal(d->nsents, 5);
  assert_true(d->sents[0].is_heading);
  prc_summarize_textrank(d, 10);
  assert_int_equal(d->nkps, 4);
  for (uint32_t i = 0; i < 4; i++) assert_int_equal(d->kps[i].sent, i + 1);
  /* same star as above once the heading is left out */
  assert_float_equal(d->kps[3].score, 0.4797297, 1e-5);
  precis_doc_free(d);
}

static void test_textrank_deterministic(void **state) {
  (void)state;
  const char *t =
      "The city council approved a new budget on Tuesday. The budget raises spending on schools and roads. "
      "Council members argued for hours before the vote. Teachers welcomed the extra money for schools. "
      "Road repairs will start in the spring, the mayor said. Critics said the budget relies on higher taxes. "
      "The vote was seven to two.";
  precis_doc *a = mk(t), *b = mk(t);
  prc_summarize_textrank(a, 3);
  prc_summarize_textrank(b, 3);
  assert_int_equal(a->nkps, 3);
  assert_int_equal(b->nkps, 3);
  for (uint32_t i = 0; i < 3; i++) {
    assert_int_equal(a->kps[i].sent, b->kps[i].sent);
    assert_true(a->kps[i].score == b->kps[i].score);
    assert_string_equal(a->kps[i].claim, b->kps[i].claim);
    if (i) assert_true(a->kps[i].sent > a->kps[i - 1].sent);
  }
  /* running again on the same document gives the same result (kps reset) */
  prc_summarize_lead(a, 2);
  prc_summarize_textrank(a, 3);
  assert_int_equal(a->nkps, 3);
  for (uint32_t i = 0; i < 3; i++) assert_int_equal(a->kps[i].sent, b->kps[i].sent);
  precis_doc_free(a);
  precis_doc_free(b);
}

/* The sentence cap: 500 sentences of words used nowhere else, then ten copies
 * of one sentence.  Uncapped, the copies would win (each links to nine
 * others); capped, they are never seen, all 500 nodes are isolated and tie,
 * so the first three win.  With the copies first they do win (below). */
static char *cap_text(bool hubs_first) {
  size_t cap = 64 * 1024, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  const char *hub = "Harbour cranes moved heavy cargo overnight. ";
  if (hubs_first)
    for (int k = 0; k < 10; k++) len += (size_t)snprintf(buf + len, cap - len, "%s", hub);
  for (int i = 0; i < 500; i++)
    len += (size_t)snprintf(buf + len, cap - len, "Item%d stays%d alone%d. ", i, i, i);
  if (!hubs_first)
    for (int k = 0; k < 10; k++) len += (size_t)snprintf(buf + len, cap - len, "%s", hub);
  assert_true(len < cap - 1);
  return buf;
}

static void test_textrank_sentence_cap(void **state) {
  (void)state;
  char *t = cap_text(false);
  precis_doc *d = mk(t);
  assert_int_equal(d->nsents, 510);
  prc_summarize_textrank(d, 3);
  assert_int_equal(d->nkps, 3);
  for (uint32_t i = 0; i < 3; i++) {
    assert_int_equal(d->kps[i].sent, i);
    assert_float_equal(d->kps[i].score, 1.0 / 500, 1e-9);
  }
  precis_doc_free(d);
  free(t);

  t = cap_text(true);
  d = mk(t);
  prc_summarize_textrank(d, 3);
  assert_int_equal(d->nkps, 3);
  for (uint32_t i = 0; i < 3; i++) assert_int_equal(d->kps[i].sent, i);
  /* a copy receives from its 9 twins exactly its own score; the 490 isolated
   * nodes spread theirs (D = 490 p_i) over all 500:
   *   p_i = 0.15/500 + 0.85 D/500 => p_i = 0.0003 / (1 - 0.85 * 0.98) = 0.0017964
   *   p_h = p_i + 0.85 p_h        => p_h = p_i / 0.15 = 0.0119760
   *   check: 10 p_h + 490 p_i = 1 */
  assert_float_equal(d->kps[0].score, 0.0119760, 1e-6);
  assert_string_equal(d->kps[0].claim, "Harbour cranes moved heavy cargo overnight.");
  precis_doc_free(d);
  free(t);
}

/* The per-sentence token cap: sentence 0 mentions "harbour cranes" only after
 * 250 filler words, so within its first 200 tokens it shares nothing.  Nodes:
 * 1 and 2 linked, 0 and 3 isolated:
 *   p_iso = 0.15/4 + 0.85 * (2 p_iso)/4 => p_iso = 0.0375 / 0.575 = 0.0652174
 *   p_1 = p_2 = (1 - 2 p_iso) / 2 = 0.4347826 */
static void test_textrank_token_cap(void **state) {
  (void)state;
  size_t cap = 8192, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (int i = 0; i < 250; i++) len += (size_t)snprintf(buf + len, cap - len, "%s%d ", i ? "filler" : "Filler", i);
  len += (size_t)snprintf(buf + len, cap - len,
                          "harbour cranes. Harbour cranes stopped. Harbour cranes rusted. Pilots slept.");
  assert_true(len < cap - 1);
  precis_doc *d = mk(buf);
  assert_int_equal(d->nsents, 4);
  prc_summarize_textrank(d, 4);
  assert_int_equal(d->nkps, 4);
  assert_float_equal(d->kps[0].score, 0.0652174, 1e-5);
  assert_float_equal(d->kps[1].score, 0.4347826, 1e-5);
  assert_float_equal(d->kps[2].score, 0.4347826, 1e-5);
  assert_float_equal(d->kps[3].score, 0.0652174, 1e-5);
  precis_doc_free(d);
  free(buf);
}

/* ---- a large input ------------------------------------------------------ */

static void test_textrank_large_input(void **state) {
  (void)state;
  static const char *words[] = {
      "minister", "budget",  "council", "river",   "harbour", "school",  "teacher", "road",    "bridge",
      "election", "voters",  "mayor",   "police",  "court",   "judge",   "company", "workers", "strike",
      "prices",   "energy",  "storm",   "flood",   "farmers", "market",  "exports", "bank",    "rates",
      "hospital", "doctors", "nurses",  "patients", "trains", "airport", "pilots",  "tourists", "museum",
      "report",   "survey",  "growth",  "taxes",   "housing", "rents",   "protest", "march",   "city",
      "village",  "coast",  "island",   "forest",  "fire"};
  const size_t nw = sizeof words / sizeof *words;
  size_t target = 5u << 20, cap = target + 4096, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  uint32_t rng = 12345;
  while (len < target) {
    rng = rng * 1103515245u + 12345u;
    int nwords = 6 + (int)((rng >> 16) % 10);
    for (int k = 0; k < nwords; k++) {
      rng = rng * 1103515245u + 12345u;
      const char *w = words[(rng >> 16) % nw];
      if (k == 0) {
        buf[len++] = (char)(w[0] - 32);
        len += (size_t)snprintf(buf + len, cap - len, "%s", w + 1);
      } else {
        len += (size_t)snprintf(buf + len, cap - len, " %s", w);
      }
    }
    len += (size_t)snprintf(buf + len, cap - len, ". ");
  }
  double t0 = now();
  precis_doc *d = mkdoc(buf, len);
  double t1 = now();
  prc_summarize_textrank(d, 3);
  double t2 = now();
  prc_summarize_lead(d, 3);
  double t3 = now();
  assert_true(d->nsents > 40000);
  print_message("large input: %zu bytes, %u sentences (one paragraph); prepare+tokenize+split %.3f s, "
                "textrank %.4f s, lead %.6f s\n",
                len, d->nsents, t1 - t0, t2 - t1, t3 - t2);
  assert_int_equal(d->nkps, 3);
  prc_summarize_textrank(d, 3);
  assert_int_equal(d->nkps, 3);
  for (uint32_t i = 0; i < 3; i++) assert_true(d->kps[i].sent < SUMMARIZE_TR_MAX_SENTS);
  /* no time bound here: timings belong in bench/, not in unit tests */
  precis_doc_free(d);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tok_lex),
      cmocka_unit_test(test_lead_structure),
      cmocka_unit_test(test_lead_first_n),
      cmocka_unit_test(test_lead_n_too_large),
      cmocka_unit_test(test_empty_documents),
      cmocka_unit_test(test_textrank_star_centre),
      cmocka_unit_test(test_textrank_ties_and_order),
      cmocka_unit_test(test_textrank_dangling),
      cmocka_unit_test(test_textrank_skips_headings),
      cmocka_unit_test(test_textrank_deterministic),
      cmocka_unit_test(test_textrank_sentence_cap),
      cmocka_unit_test(test_textrank_token_cap),
      cmocka_unit_test(test_textrank_large_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
