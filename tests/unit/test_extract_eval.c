/* test_extract_eval.c - the main-text scorer (src/eval/extract_eval.c):
 * tokens, shingles, multiset matching and the page averages, hand-computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "eval/extract_eval.h"

#define EPS 1e-12

static xe_page score(const char *g, const char *p) {
  xe_page x;
  assert_int_equal(prc_xe_score_page(g, g ? strlen(g) : 0, p, p ? strlen(p) : 0, &x), 0);
  return x;
}

static void test_identical(void **state) {
  (void)state;
  xe_page x = score("The cat sat on the mat today.", "The cat sat on the mat today.");
  /* 7 tokens: 4 shingles */
  assert_true(x.gold == 4 && x.predicted == 4 && x.matched == 4);
  assert_true(fabs(prc_xe_page_precision(&x) - 1) < EPS);
  assert_true(fabs(prc_xe_page_recall(&x) - 1) < EPS);
}

/* \w+ tokens: punctuation and spacing do not matter, case does, '_' and
 * digits and non-ASCII letters are word characters, marks split words. */
static void test_tokens(void **state) {
  (void)state;
  xe_page x = score("one, two; three -- four", "one two\nthree    four");
  assert_true(x.matched == 1 && x.gold == 1 && x.predicted == 1);
  x = score("One two three four", "one two three four");
  assert_true(x.matched == 0 && x.gold == 1 && x.predicted == 1);
  x = score("snake_case x2 Peña Großmann", "snake_case x2 Peña Großmann!");
  assert_true(x.matched == 1 && x.gold == 1);
  x = score("snake_case x2 Peña Großmann", "snake case x2 Peña Großmann");
  assert_true(x.matched == 0 && x.predicted == 2); /* 5 tokens */
  x = score("дом и сад там", "дом и сад там");
  assert_true(x.matched == 1);
  x = score("a’b c d", "a b c d"); /* ’ is not a word character: a ’ b = a, b */
  assert_true(x.matched == 1);
}

/* fewer than 4 tokens: one shingle of them all */
static void test_short(void **state) {
  (void)state;
  xe_page x = score("hello world", "hello world");
  assert_true(x.gold == 1 && x.predicted == 1 && x.matched == 1);
  x = score("hello world", "hello");
  assert_true(x.gold == 1 && x.predicted == 1 && x.matched == 0);
  x = score("", "");
  assert_true(x.gold == 0 && x.predicted == 0 && x.matched == 0);
  assert_true(prc_xe_page_precision(&x) == 1 && prc_xe_page_recall(&x) == 1);
  x = score(NULL, "  ... ");
  assert_true(prc_xe_page_precision(&x) == 1 && prc_xe_page_recall(&x) == 1);
}

/* multisets: a shingle repeated counts as often as it occurs on both sides */
static void test_multiset(void **state) {
  (void)state;
  /* gold: a b c d a b c d = 5 shingles, abcd twice */
  xe_page x = score("a b c d a b c d", "a b c d");
  assert_true(x.gold == 5 && x.predicted == 1 && x.matched == 1);
  x = score("a b c d", "a b c d x a b c d");
  assert_true(x.gold == 1 && x.predicted == 6 && x.matched == 1);
  assert_true(fabs(prc_xe_page_precision(&x) - 1.0 / 6) < EPS);
}

static void test_empty_sides(void **state) {
  (void)state;
  xe_page x = score("some gold text here", "");
  assert_true(prc_xe_page_precision(&x) < 0); /* no precision */
  assert_true(prc_xe_page_recall(&x) == 0);
  x = score("", "predicted text only here");
  assert_true(prc_xe_page_precision(&x) == 0);
  assert_true(prc_xe_page_recall(&x) < 0); /* no recall */
}

static void test_summary(void **state) {
  (void)state;
  xe_page pg[4];
  pg[0] = score("one two three four five", "one two three four five six"); /* P 2/3 R 1 */
  pg[1] = score("alpha beta gamma delta", "Alpha beta gamma delta");       /* P 0 R 0 */
  pg[2] = score("", "");                                                   /* 1 1 */
  pg[3] = score("x y z w v", "");                                          /* - 0 */
  xe_result r;
  prc_xe_summarize(pg, 4, &r);
  double p = (2.0 / 3 + 0 + 1) / 3, rc = (1 + 0 + 1 + 0) / 4.0;
  assert_int_equal(r.pages, 4);
  assert_int_equal(r.p_pages, 3);
  assert_int_equal(r.r_pages, 4);
  assert_true(fabs(r.precision - p) < EPS);
  assert_true(fabs(r.recall - rc) < EPS);
  assert_true(fabs(r.f1 - 2 * p * rc / (p + rc)) < EPS);
  prc_xe_summarize(NULL, 0, &r);
  assert_true(r.pages == 0 && r.f1 == 0);
}

/* invalid UTF-8 separates words, and never crashes */
static void test_bad_utf8(void **state) {
  (void)state;
  xe_page x = score("ab\xff" "cd ef gh", "ab cd ef gh");
  assert_true(x.matched == 1);
  x = score("\xe2\x82", "\xf0");
  assert_true(x.gold == 0 && x.predicted == 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_identical), cmocka_unit_test(test_tokens),     cmocka_unit_test(test_short),
      cmocka_unit_test(test_multiset),  cmocka_unit_test(test_empty_sides), cmocka_unit_test(test_summary),
      cmocka_unit_test(test_bad_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
