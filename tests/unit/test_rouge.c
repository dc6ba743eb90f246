/* test_rouge.c - Porter stemmer (NLTK mode) and ROUGE scorer, hand-computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval/porter.h"
#include "eval/rouge.h"

#define EPS 1e-12

static void check_stem(const char *word, const char *want) {
  char out[64];
  size_t n = prc_porter_stem(word, strlen(word), out);
  if (strcmp(out, want) != 0) fprintf(stderr, "stem(%s) = %s, want %s\n", word, out, want);
  assert_string_equal(out, want);
  assert_int_equal(n, strlen(want));
}

/* Classic Porter behaviour. */
static void test_stem_classic(void **state) {
  (void)state;
  check_stem("caresses", "caress");
  check_stem("ponies", "poni");
  check_stem("cats", "cat");
  check_stem("caress", "caress");
  check_stem("agreed", "agre");   /* eed -> ee, then 5a drops the e (m=1, not cvc) */
  check_stem("feed", "feed");     /* eed with m=0 stays */
  check_stem("plastered", "plaster");
  check_stem("motoring", "motor");
  check_stem("sing", "sing");     /* no vowel before -ing */
  check_stem("conflated", "conflat"); /* at -> ate; 4 keeps it (m=1); 5a drops the e */
  check_stem("troubled", "troubl");
  check_stem("sized", "size");
  check_stem("hopping", "hop");   /* double consonant undone */
  check_stem("falling", "fall");  /* ...but not for l */
  check_stem("hissing", "hiss");  /* ...s */
  check_stem("filing", "file");   /* m=1 and cvc: add e */
  check_stem("happy", "happi");
  check_stem("relational", "relat");
  check_stem("generalizations", "gener");
  check_stem("sensational", "sensat");
  check_stem("traditional", "tradit");
  check_stem("reference", "refer");
  check_stem("colonizer", "colon");
  check_stem("itemization", "item");
  check_stem("electrical", "electr");
  check_stem("adoption", "adopt");
  check_stem("controlling", "control"); /* 5b: ll -> l when m > 1 */
  check_stem("probate", "probat");
  check_stem("rate", "rate");
  check_stem("meeting", "meet");
  check_stem("stating", "state");
  check_stem("plotted", "plot");
  check_stem("owned", "own");
  check_stem("mules", "mule");
  check_stem("1990s", "1990"); /* digits count as consonants */
}

/* Departures of NLTK's default mode from the 1980 paper. */
static void test_stem_nltk(void **state) {
  (void)state;
  /* irregular forms */
  check_stem("skies", "sky");
  check_stem("dying", "die");
  check_stem("lying", "lie");
  check_stem("news", "news");
  check_stem("innings", "inning");
  check_stem("proceed", "proceed");
  check_stem("succeed", "succeed");
  /* short words untouched */
  check_stem("is", "is");
  check_stem("as", "as");
  /* 1a: four-letter -ies -> -ie */
  check_stem("ties", "tie");
  check_stem("dies", "die");
  check_stem("flies", "fli");
  /* 1b: -ied */
  check_stem("died", "die");
  check_stem("denied", "deni");
  check_stem("cried", "cri");
  /* 1c: y -> i after a consonant that is not the first letter */
  check_stem("cry", "cri");  /* the paper keeps "cry" (no vowel) */
  check_stem("say", "say");  /* vowel before y */
  /* two-letter vowel-consonant stems count as cvc */
  check_stem("owed", "owe");
  /* step 2: -logi -> -log with the l kept for the measure */
  check_stem("geology", "geolog");
  /* step 2: -bli -> -ble (instead of -abli), -alli first, -fulli */
  check_stem("possibly", "possibl");
  check_stem("conditionally", "condit");
  check_stem("hopefully", "hope");
  check_stem("formally", "formal");
  /* the first matching suffix decides even when its condition fails */
  check_stem("rational", "ration"); /* -ational fails (m=0), -tional is not tried; 4: -al (m=2) */
}

static void test_stem_inplace(void **state) {
  (void)state;
  char buf[32] = "running";
  size_t n = prc_porter_stem(buf, strlen(buf), buf);
  assert_int_equal(n, 3);
  assert_string_equal(buf, "run");
}

static void assert_prf(rouge_prf x, double p, double r, double f) {
  if (fabs(x.p - p) > EPS || fabs(x.r - r) > EPS || fabs(x.f - f) > EPS)
    fprintf(stderr, "got P %.12f R %.12f F %.12f, want P %.12f R %.12f F %.12f\n", x.p, x.r, x.f,
            p, r, f);
  assert_true(fabs(x.p - p) <= EPS);
  assert_true(fabs(x.r - r) <= EPS);
  assert_true(fabs(x.f - f) <= EPS);
}

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

static void test_tokenize(void **state) {
  (void)state;
  rouge_ctx *c = prc_rouge_ctx_new(0);
  assert_non_null(c);
  rouge_tokens t = {0};
  const char *s = "The U.S. $1.2-trillion bill, caf\xc3\xa9 \xc4\xb0stanbul \xe2\x84\xaa" "elvin";
  assert_int_equal(prc_rouge_tokenize(c, s, strlen(s), &t), 0);
  const char *want[] = {"the", "u", "s", "1", "2", "trillion", "bill", "caf", "i", "stanbul",
                        "kelvin"};
  assert_int_equal(t.n, 11);
  for (size_t i = 0; i < t.n; i++) assert_string_equal(prc_rouge_token_str(c, t.ids[i]), want[i]);
  /* equal strings get equal ids */
  assert_int_equal(t.ids[0], t.ids[0]);
  prc_rouge_tokens_free(&t);
  prc_rouge_ctx_free(c);

  /* stemming applies only to tokens longer than 3 characters */
  c = prc_rouge_ctx_new(1);
  const char *s2 = "Was does RUNNING, feed";
  assert_int_equal(prc_rouge_tokenize(c, s2, strlen(s2), &t), 0);
  const char *want2[] = {"was", "doe", "run", "feed"};
  assert_int_equal(t.n, 4);
  for (size_t i = 0; i < t.n; i++) assert_string_equal(prc_rouge_token_str(c, t.ids[i]), want2[i]);
  prc_rouge_tokens_free(&t);
  prc_rouge_ctx_free(c);
}

/* ROUGE-N clipping and ROUGE-L on one sentence. */
static void test_ngram_clipping_and_lcs(void **state) {
  (void)state;
  rouge_scores s;
  /* ref unigrams {the:2, cat:2}, pred {the:3, cat:1}: overlap 2 + 1 = 3 of 4.
   * ref bigrams {the cat:2, cat the:1}, pred {the the:2, the cat:1}: overlap 1 of 3.
   * LCS("the cat the cat", "the the the cat") = "the the cat" = 3. */
  assert_int_equal(prc_rouge_score_pair("The cat, the cat.", "the the the cat", 0, &s), 0);
  assert_prf(s.rouge1, 0.75, 0.75, 0.75);
  assert_prf(s.rouge2, 1.0 / 3, 1.0 / 3, 1.0 / 3);
  assert_prf(s.rougeL, 0.75, 0.75, 0.75);
  /* one sentence each: Lsum equals L here */
  assert_prf(s.rougeLsum, 0.75, 0.75, 0.75);

  /* Different lengths: ref 2 tokens, pred 4. */
  assert_int_equal(prc_rouge_score_pair("storm hits", "storm hits the coast", 0, &s), 0);
  assert_prf(s.rouge1, 0.5, 1.0, f1(0.5, 1.0));
  assert_prf(s.rouge2, 1.0 / 3, 1.0, f1(1.0 / 3, 1.0));
  assert_prf(s.rougeL, 0.5, 1.0, f1(0.5, 1.0));
}

/* With stemming: runners -> runner, running -> run, runs -> run; "the" and
 * "were" unchanged ("were" is stemmed but keeps its e: m=1 and cvc). */
static void test_stemmed_pair(void **state) {
  (void)state;
  rouge_scores s;
  assert_int_equal(prc_rouge_score_pair("The runners were running", "a runner runs", 1, &s), 0);
  assert_prf(s.rouge1, 2.0 / 3, 0.5, f1(2.0 / 3, 0.5));
  /* bigrams: the runner / runner were / were run vs a runner / runner run */
  assert_prf(s.rouge2, 0, 0, 0);
  assert_int_equal(prc_rouge_score_pair("The runners were running", "a runner runs", 0, &s), 0);
  assert_prf(s.rouge1, 0, 0, 0);
}

/* Two sentences each; worked out in docs/evaluation.md as well.
 * ref  R1 = police arrested the man | R2 = the man was released   (m = 8)
 * pred C1 = the man was arrested    | C2 = police released him    (n = 7)
 * R1: LCS with C1 = {the, man}, with C2 = {police}: union 3 tokens, 3 hits.
 * R2: LCS with C1 = {the, man, was}, with C2 = {released}: "the" and "man"
 * are used up in the prediction, so only was and released hit: 2 hits.
 * Lsum: P = 5/7, R = 5/8, F = 2/3. */
static void test_lsum_two_sentences(void **state) {
  (void)state;
  rouge_scores s;
  const char *ref = "Police arrested the man.\nThe man was released.";
  const char *pred = "The man was arrested.\nPolice released him.";
  assert_int_equal(prc_rouge_score_pair(ref, pred, 0, &s), 0);
  assert_prf(s.rougeLsum, 5.0 / 7, 5.0 / 8, 2.0 / 3);
  /* whole-text LCS: the man was released = 4 */
  assert_prf(s.rougeL, 4.0 / 7, 0.5, 8.0 / 15);
  /* unigram overlap: police arrested the man was released = 6 */
  assert_prf(s.rouge1, 6.0 / 7, 6.0 / 8, f1(6.0 / 7, 6.0 / 8));
  /* bigrams: "the man" (ref 2, pred 1) and "man was" = 2 of 6 / 7 */
  assert_prf(s.rouge2, 2.0 / 6, 2.0 / 7, f1(2.0 / 6, 2.0 / 7));
}

/* The backtrack's tie-break decides which LCS is taken:
 * ref "a b" | "b"; pred "b a".  LCS("a b", "b a") has length 1 and the
 * backtrack (step up unless left is strictly larger) ends on "a", which hits;
 * then "b" of the second ref sentence hits too: 2 hits, P = 2/2, R = 2/3.
 * Had it taken "b", the second sentence's b would find no b left (1 hit). */
static void test_lsum_tiebreak(void **state) {
  (void)state;
  rouge_scores s;
  assert_int_equal(prc_rouge_score_pair("alpha beta\nbeta", "beta alpha", 0, &s), 0);
  assert_prf(s.rougeLsum, 1.0, 2.0 / 3, 0.8);
  /* empty lines are dropped; blank-only lines have no tokens */
  assert_int_equal(prc_rouge_score_pair("alpha beta\n\n \nbeta\n", "\nbeta alpha\n", 0, &s), 0);
  assert_prf(s.rougeLsum, 1.0, 2.0 / 3, 0.8);
}

static void test_empty(void **state) {
  (void)state;
  rouge_scores s;
  assert_int_equal(prc_rouge_score_pair("", "", 1, &s), 0);
  assert_prf(s.rouge1, 0, 0, 0);
  assert_prf(s.rougeLsum, 0, 0, 0);
  assert_int_equal(prc_rouge_score_pair("storm", "", 1, &s), 0);
  assert_prf(s.rouge1, 0, 0, 0);
  assert_prf(s.rougeL, 0, 0, 0);
  assert_int_equal(prc_rouge_score_pair(NULL, "storm", 1, &s), 0);
  assert_prf(s.rouge1, 0, 0, 0);
  assert_int_equal(prc_rouge_score_pair("storm hits", "--- / ---", 1, &s), 0);
  assert_prf(s.rouge1, 0, 0, 0);
  assert_prf(s.rougeLsum, 0, 0, 0);
  /* one token each: no bigrams, so ROUGE-2 is 0 */
  assert_int_equal(prc_rouge_score_pair("storm", "Storm!", 1, &s), 0);
  assert_prf(s.rouge1, 1, 1, 1);
  assert_prf(s.rouge2, 0, 0, 0);
  assert_prf(s.rougeL, 1, 1, 1);
  assert_prf(s.rougeLsum, 1, 1, 1);
}

static void test_mean_and_fmeasure(void **state) {
  (void)state;
  assert_true(prc_rouge_fmeasure(0, 0) == 0.0);
  assert_true(fabs(prc_rouge_fmeasure(0.5, 1.0) - 2.0 / 3) < EPS);
  rouge_mean m = {0};
  rouge_scores a, b;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  a.rouge1.p = 1.0;
  a.rouge1.f = 0.5;
  b.rouge1.p = 0.5;
  b.rougeLsum.r = 0.25;
  prc_rouge_mean_add(&m, &a);
  prc_rouge_mean_add(&m, &b);
  rouge_scores g = prc_rouge_mean_get(&m);
  assert_int_equal(m.n, 2);
  assert_true(fabs(g.rouge1.p - 0.75) < EPS);
  assert_true(fabs(g.rouge1.f - 0.25) < EPS);
  assert_true(fabs(g.rougeLsum.r - 0.125) < EPS);
  rouge_mean empty = {0};
  g = prc_rouge_mean_get(&empty);
  assert_true(g.rouge2.f == 0.0);
}

/* The context can be reused across pairs, and lcs length helper works. */
static void test_ctx_reuse(void **state) {
  (void)state;
  rouge_ctx *c = prc_rouge_ctx_new(1);
  rouge_scores s;
  const char *r = "Ministers agreed a new budget";
  const char *p = "The ministers agreed on the budget";
  for (int k = 0; k < 3; k++) {
    assert_int_equal(prc_rouge_score_ctx(c, r, strlen(r), p, strlen(p), &s), 0);
    /* minist agre a new budget vs the minist agre on the budget: 3 of 5 / 6 */
    assert_prf(s.rouge1, 3.0 / 6, 3.0 / 5, f1(0.5, 0.6));
  }
  uint32_t a[] = {1, 2, 3, 4, 5}, b[] = {5, 1, 3, 5, 4};
  assert_int_equal(prc_rouge_lcs_length(c, a, 5, b, 5), 3); /* 1 3 4 */
  prc_rouge_ctx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stem_classic),       cmocka_unit_test(test_stem_nltk),
      cmocka_unit_test(test_stem_inplace),       cmocka_unit_test(test_tokenize),
      cmocka_unit_test(test_ngram_clipping_and_lcs), cmocka_unit_test(test_stemmed_pair),
      cmocka_unit_test(test_lsum_two_sentences), cmocka_unit_test(test_lsum_tiebreak),
      cmocka_unit_test(test_empty),              cmocka_unit_test(test_mean_and_fmeasure),
      cmocka_unit_test(test_ctx_reuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
