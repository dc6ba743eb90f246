/* test_lazy.c - lazy stages (issue 13): an analysis touches a built-in
 * model only when a stage that needs it runs.  Empty or blank input, rules
 * only (PRECIS_OPT_NO_TAGGER), page extraction and ROUGE scoring load none;
 * the first text with words loads the taggers (which shows the counter
 * works).  The tests run in this order in one process: the counter is the
 * process's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "precis.h"
#include "eval/rouge.h"
#include "model/model.h"

static void analyse(const char *text, unsigned flags, precis_model_use want_pos) {
  precis_options o;
  precis_options_init(&o);
  o.flags |= flags;
  precis_error err;
  precis_doc *d = precis_analyze_ex(text, strlen(text), &o, &err);
  assert_non_null(d);
  precis_stats st;
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.pos, want_pos);
  size_t n = 0;
  char *out = precis_render(d, PRECIS_FORMAT_JSON, NULL, &n);
  assert_non_null(out);
  precis_free(NULL, out);
  precis_doc_free(d);
}

static void test_empty_input(void **state) {
  (void)state;
  assert_int_equal(prc_model_builtin_loads(), 0);
  analyse("", 0, PRECIS_MODEL_UNUSED);
  analyse(" \n\n\t  \r\n", 0, PRECIS_MODEL_UNUSED);
  assert_int_equal(prc_model_builtin_loads(), 0);
}

static void test_rules_only(void **state) {
  (void)state;
  analyse("\"The bridge opens on Monday,\" the mayor, Ann Lee, said.  It cost $4 million.",
          PRECIS_OPT_NO_TAGGER, PRECIS_MODEL_UNUSED);
  assert_int_equal(prc_model_builtin_loads(), 0);
}

static void test_extract_and_rouge(void **state) {
  (void)state;
  const char *html = "<html><head><title>Pier</title></head><body><article><h1>Pier reopens</h1>"
                     "<p>The old pier reopened on Saturday after two years of repairs, the council said.</p>"
                     "</article></body></html>";
  precis_error err;
  precis_page *p = precis_extract(html, strlen(html), NULL, &err);
  assert_non_null(p);
  precis_page_free(p);
  rouge_scores s;
  assert_int_equal(prc_rouge_score_pair("the pier reopened", "the old pier reopened", 1, &s), 0);
  assert_int_equal(prc_model_builtin_loads(), 0);
}

static void test_words_load_the_taggers(void **state) {
  (void)state;
  analyse("The pier reopened on Saturday, the council said.", 0, PRECIS_MODEL_BUILTIN);
  unsigned n = prc_model_builtin_loads();
  assert_true(n >= 2); /* POS and NER at least (the parser and cue model when compiled in) */
  analyse("The pier reopened on Sunday.", 0, PRECIS_MODEL_BUILTIN);
  assert_int_equal(prc_model_builtin_loads(), n); /* once per process */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_rules_only),
      cmocka_unit_test(test_extract_and_rouge),
      cmocka_unit_test(test_words_load_the_taggers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
