/* test_keypoints.c - the key-point engine through the public API at its
 * limits.  Regression for a stack buffer overflow: the greedy selection kept
 * the chosen candidates in a fixed array of 100, while the library (unlike the
 * CLI, which caps -n) accepts any precis_options.max_keypoints; an article with
 * more than 100 candidate sentences and max_keypoints = 1000 wrote past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

#define NSENT 150 /* more than the old array of 100, fewer than the 200 candidates considered */

/* A made-up lower-case word, distinct for each (i, slot): "ka" + base-26 of i + a slot letter. */
static int word(char *out, unsigned i, unsigned slot) {
  static const char *stem[] = {"ka", "lo", "mu", "ne", "pi", "ro"};
  int n = sprintf(out, "%s", stem[slot % 6]);
  unsigned v = i;
  do {
    out[n++] = (char)('a' + v % 26);
    v /= 26;
  } while (v);
  out[n++] = (char)('b' + slot);
  out[n] = 0;
  return n;
}

/* NSENT sentences of six words each that share nothing but "The", "saw" and
 * "near", so no two are near-duplicates and every one is a candidate. */
static char *make_article(void) {
  size_t cap = NSENT * 96 + 1, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (unsigned i = 0; i < NSENT; i++) {
    char w[6][16];
    for (unsigned k = 0; k < 6; k++) word(w[k], i, k);
    len += (size_t)snprintf(buf + len, cap - len, "The %s %s saw %s %s near %s %s.%s", w[0], w[1], w[2], w[3],
                            w[4], w[5], i % 5 == 4 ? "\n\n" : " ");
    assert_true(len < cap);
  }
  return buf;
}

static void check_many(unsigned flags, precis_summarizer summ) {
  char *text = make_article();
  precis_options o;
  precis_options_init(&o);
  o.max_keypoints = 1000;
  o.flags = flags;
  o.summarizer = summ;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  const precis_sentence *s;
  assert_int_equal(precis_doc_sentences(d, &s), NSENT);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  /* every sentence is a candidate and none repeats another: all are chosen,
   * capped by the number of sentences, not by max_keypoints */
  assert_int_equal(nk, NSENT);
  for (size_t i = 0; i < nk; i++) {
    assert_non_null(k[i].claim);
    assert_true(k[i].sentence >= 0 && k[i].sentence < NSENT);
    if (i) assert_true(k[i - 1].sentence < k[i].sentence); /* document order */
  }
  precis_doc_free(d);
  free(text);
}

static void test_max_keypoints_1000(void **state) {
  (void)state;
  check_many(0, PRECIS_SUMMARIZER_KEYPOINTS);
}

static void test_max_keypoints_1000_no_tagger(void **state) {
  (void)state;
  check_many(PRECIS_OPT_NO_TAGGER, PRECIS_SUMMARIZER_KEYPOINTS);
}

static void test_max_keypoints_1000_baselines(void **state) {
  (void)state;
  check_many(0, PRECIS_SUMMARIZER_LEAD);
  check_many(0, PRECIS_SUMMARIZER_TEXTRANK);
}

/* A huge request on a short text gives one point per usable sentence. */
static void test_max_keypoints_short_text(void **state) {
  (void)state;
  const char *text = "The harbour board said on Monday that the old ferry terminal would close in June. "
                     "About 1,200 passengers use the ferry every day, according to the board.\n";
  precis_options o;
  precis_options_init(&o);
  o.max_keypoints = 1000000;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  assert_true(nk >= 1 && nk <= 2);
  precis_doc_free(d);
}

/* The speaker suffix names a resolved person or organisation only: an
 * unresolved source ("Police", "the harbour master") or a place gives none. */
static void test_speaker_only_resolved(void **state) {
  (void)state;
  static const char *const texts[] = {
      "Police said the ferry to Harrow Island would stop running in the winter months.\n\n"
      "The ferry carries 900 people a day and the island has no bridge.\n",
      "The harbour master said the ferry to Harrow Island would stop running in the winter.\n\n"
      "The ferry carries 900 people a day and the island has no bridge.\n"};
  for (size_t t = 0; t < 2; t++) {
    precis_doc *d = precis_analyze(texts[t], strlen(texts[t]), NULL);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    assert_true(nk >= 1);
    for (size_t i = 0; i < nk; i++) {
      if (k[i].speaker) print_message("key point %zu: \"%s\" speaker \"%s\"\n", i, k[i].claim, k[i].speaker);
      assert_null(k[i].speaker);
    }
    precis_doc_free(d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_max_keypoints_1000),
      cmocka_unit_test(test_max_keypoints_1000_no_tagger),
      cmocka_unit_test(test_max_keypoints_1000_baselines),
      cmocka_unit_test(test_max_keypoints_short_text),
      cmocka_unit_test(test_speaker_only_resolved),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
