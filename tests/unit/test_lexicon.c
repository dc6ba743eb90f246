/* test_lexicon.c - the named word lists of lexicon.c (lex_list): exact and
 * case-folding look-ups, prefixes and longer words, lengths with NUL bytes,
 * and the list contents every rule stage relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "lexicon.h"
#include "precis.h"

static bool in(lex_list l, const char *s) { return prc_lex_in(l, s, strlen(s)); }
static bool in_ci(lex_list l, const char *s) { return prc_lex_in_ci(l, s, strlen(s)); }

static void test_every_list(void **state) {
  (void)state;
  for (int l = 0; l < LXL_COUNT; l++) {
    const char *const *w = prc_lex_list((lex_list)l);
    assert_non_null(w);
    assert_non_null(w[0]); /* no empty list */
    for (; *w; w++) {
      size_t n = strlen(*w);
      assert_true(n > 0);
      /* every word finds itself, both ways */
      assert_true(prc_lex_in((lex_list)l, *w, n));
      assert_true(prc_lex_in_ci((lex_list)l, *w, n));
      /* a proper prefix or a longer word is not it (unless listed too) */
      char buf[64];
      assert_true(n + 2 < sizeof buf);
      memcpy(buf, *w, n);
      buf[n] = 'q';
      buf[n + 1] = 'q';
      assert_false(prc_lex_in((lex_list)l, buf, n + 2));
    }
  }
}

static void test_exact_and_folded(void **state) {
  (void)state;
  assert_true(in(LXL_ARTICLE, "the"));
  assert_false(in(LXL_ARTICLE, "The"));
  assert_true(in_ci(LXL_ARTICLE, "The"));
  assert_true(in_ci(LXL_ARTICLE, "AN"));
  assert_false(in(LXL_ARTICLE, "th"));
  assert_false(in(LXL_ARTICLE, "then"));
  assert_false(in_ci(LXL_ARTICLE, "Then"));
  assert_false(prc_lex_in(LXL_ARTICLE, "the", 0));
  assert_false(prc_lex_in_ci(LXL_ARTICLE, "", 0));
  /* a list written with capitals matches exactly, or folded */
  assert_true(in(LXL_SOURCE_OPENER, "In"));
  assert_false(in(LXL_SOURCE_OPENER, "in"));
  assert_true(in_ci(LXL_SOURCE_OPENER, "in"));
  assert_true(in(LXL_COUNTRY_ABBREV, "U.S."));
  assert_false(in(LXL_COUNTRY_ABBREV, "u.s."));
  assert_true(in_ci(LXL_MALE_TITLE, "mr."));
  assert_true(in_ci(LXL_FEMALE_TITLE, "MS"));
  /* NUL bytes inside the token never match a shorter word */
  assert_false(prc_lex_in(LXL_ARTICLE, "a\0", 2));
  assert_false(prc_lex_in_ci(LXL_ARTICLE, "a\0", 2));
  assert_false(prc_lex_in(LXL_ARTICLE, "th\0", 3));
  /* non-ASCII bytes are compared as they are */
  assert_false(in_ci(LXL_ARTICLE, "\xC3\xA0"));
}

static void test_contents(void **state) {
  (void)state;
  assert_true(in(LXL_PARTICIPLE_CUE, "saying"));
  assert_true(in_ci(LXL_CLAUSE_WORD, "Because"));
  assert_true(in(LXL_AUX_OR_ADV, "reportedly"));
  assert_true(in(LXL_GERUND_VERB, "admitted"));
  assert_false(in(LXL_GERUND_VERB, "said"));
  assert_true(in_ci(LXL_ADDRESSEE_CUE, "told"));
  assert_true(in(LXL_NAME_PARTICLE, "&"));
  assert_true(in(LXL_FIG_MODIFIER, "NATO"));
  assert_true(in_ci(LXL_FIG_LABEL, "No."));
  assert_true(in(LXL_FIG_SPORT, "hurdles"));
  assert_true(in_ci(LXL_NON_NAME, "COVID-19"));
}

/* The tokenizer looks the word tokens' flags up in a batch (prc_lex_start
 * for words ahead, then prc_lex_finish): each token's flags are
 * prc_lex_flags of its bytes, in texts shorter and longer than the batch,
 * with abbreviations (trailing dots), titles, speech verbs and unknown words. */
static void test_token_flags(void **state) {
  (void)state;
  const char *texts[] = {
      "Said.",
      "Dr. Lena Ortiz of the U.S. Navy said on Monday that Gov. Hale had not spoken to Sen. Marsh, "
      "reporters were told.  \"We disagree,\" the minister insisted; Prof. Kwan et al. wrote otherwise.",
      "", "a b c d e f g h i j k l m n o p q r s t u v w x y z Mr Mrs Ms Jr. Inc. Corp. Ltd. said told warned",
  };
  precis_options o;
  precis_options_init(&o);
  int seen = 0;
  for (size_t q = 0; q < sizeof texts / sizeof *texts; q++) {
    precis_error err;
    precis_doc *d = prc_analyze_upto_cues(texts[q], strlen(texts[q]), &o, &err);
    assert_non_null(d);
    for (uint32_t i = 0; i < d->ntoks; i++) {
      const token *t = &d->toks[i];
      uint32_t want = (t->flags & TF_WORD) ? prc_lex_flags(d->text + t->start, t->end - t->start) : 0;
      assert_int_equal(t->lex, want);
      seen += want != 0;
      assert_int_equal(prc_lex_finish(d->text + t->start, t->end - t->start,
                                      prc_lex_start(d->text + t->start, t->end - t->start)),
                       prc_lex_flags(d->text + t->start, t->end - t->start));
    }
    precis_doc_free(d);
  }
  assert_true(seen >= 10); /* (the comparison saw words with flags) */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_list),
      cmocka_unit_test(test_exact_and_folded),
      cmocka_unit_test(test_contents),
      cmocka_unit_test(test_token_flags),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
