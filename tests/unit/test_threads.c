/* test_threads.c - the thread rules of precis.h: several threads analyse
 * at once with shared options and a shared model (the built-in ones are
 * decoded by whichever thread comes first), and several threads render
 * one finished document at once; every result equals the one made alone.
 * The same again with the tokens kept (every sentence parsed, the JSON
 * "tokens" and CoNLL-U output). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

#define NTHREADS 4
#define ROUNDS 8

static const char *ARTICLE =
    "BRUSSELS: Ministers said on Thursday that the aid package of $185 million would be "
    "signed next week.\n\n"
    "\"We hear your concerns,\" Defence Minister John Healey told reporters. He said the "
    "alliance would spend five percent of GDP on defence.\n";

static precis_options shared_opts;
static const precis_doc *shared_doc;
static char *expected;
static precis_format fmt = PRECIS_FORMAT_JSONL;

static void *analyse_many(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    precis_doc *d = precis_analyze(ARTICLE, strlen(ARTICLE), &shared_opts);
    if (!d) return (void *)1;
    char *j = precis_render(d, fmt, "a", NULL);
    int same = j && !strcmp(j, expected);
    precis_free(NULL, j);
    precis_doc_free(d);
    if (!same) return (void *)1;
  }
  return NULL;
}

static void *render_many(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    char *j = precis_render(shared_doc, fmt, "a", NULL);
    int same = j && !strcmp(j, expected);
    precis_free(NULL, j);
    if (!same) return (void *)1;
  }
  return NULL;
}

static void run(void *(*fn)(void *)) {
  pthread_t th[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) assert_int_equal(pthread_create(&th[i], NULL, fn, NULL), 0);
  for (int i = 0; i < NTHREADS; i++) {
    void *rv = (void *)1;
    assert_int_equal(pthread_join(th[i], &rv), 0);
    assert_null(rv);
  }
}

static char *first[NTHREADS];

static void *analyse_first(void *arg) {
  precis_doc *d = precis_analyze(ARTICLE, strlen(ARTICLE), &shared_opts);
  if (!d) return (void *)1;
  first[(intptr_t)arg] = precis_render(d, PRECIS_FORMAT_JSONL, "a", NULL);
  precis_doc_free(d);
  return NULL;
}

static void test_concurrent_analysis(void **state) {
  (void)state;
  precis_options_init(&shared_opts);
  /* the first analyses of the process, at once: the threads race to decode
   * the built-in models (pthread_once) */
  pthread_t th[NTHREADS];
  for (intptr_t i = 0; i < NTHREADS; i++)
    assert_int_equal(pthread_create(&th[i], NULL, analyse_first, (void *)i), 0);
  for (int i = 0; i < NTHREADS; i++) {
    void *rv = (void *)1;
    assert_int_equal(pthread_join(th[i], &rv), 0);
    assert_null(rv);
  }
  /* the reference, made alone */
  precis_doc *d0 = precis_analyze(ARTICLE, strlen(ARTICLE), &shared_opts);
  assert_non_null(d0);
  expected = precis_render(d0, PRECIS_FORMAT_JSONL, "a", NULL);
  assert_non_null(expected);
  assert_non_null(strstr(expected, "Healey"));
  for (int i = 0; i < NTHREADS; i++) {
    assert_non_null(first[i]);
    assert_string_equal(first[i], expected);
    precis_free(NULL, first[i]);
  }
  run(analyse_many);
  shared_doc = d0;
  run(render_many);
  precis_free(NULL, expected);
  precis_doc_free(d0);
}

static void test_concurrent_tokens(void **state) {
  (void)state;
  precis_options_init(&shared_opts);
  shared_opts.flags = PRECIS_OPT_WITH_TOKENS;
  precis_doc *d0 = precis_analyze(ARTICLE, strlen(ARTICLE), &shared_opts);
  assert_non_null(d0);
  assert_true(precis_doc_tokens(d0, NULL) > 40);
  const precis_format fmts[] = {PRECIS_FORMAT_JSONL, PRECIS_FORMAT_CONLLU};
  for (int f = 0; f < 2; f++) {
    fmt = fmts[f];
    expected = precis_render(d0, fmt, "a", NULL);
    assert_non_null(expected);
    assert_non_null(strstr(expected, "Healey"));
    run(analyse_many);
    shared_doc = d0;
    run(render_many);
    precis_free(NULL, expected);
  }
  fmt = PRECIS_FORMAT_JSONL;
  precis_doc_free(d0);
}

/* Documents of very different lengths on threads at once: each thread's
 * large arena mappings are cached, grown (moved) for a longer document and
 * unmapped, and another thread's next mapping may land where one was.  The
 * TSan build checks that nothing of one thread's memory is seen by another
 * (an arena grown with mremap, which TSan does not follow, was reported as
 * racing here; arena.c remap). */
#define SIZES 5
static char *sized[SIZES];
static char *sized_expected[SIZES];

static void *analyse_sizes(void *arg) {
  for (int r = 0; r < 3 * SIZES; r++) {
    int k = (int)(((intptr_t)arg + r * 3) % SIZES);
    precis_doc *d = precis_analyze(sized[k], strlen(sized[k]), &shared_opts);
    if (!d) return (void *)1;
    char *j = precis_render(d, PRECIS_FORMAT_JSONL, "a", NULL);
    int same = j && !strcmp(j, sized_expected[k]);
    precis_free(NULL, j);
    precis_doc_free(d);
    if (!same) return (void *)1;
  }
  return NULL;
}

static void test_concurrent_sizes(void **state) {
  (void)state;
  precis_options_init(&shared_opts);
  static const int reps[SIZES] = {1, 40, 3, 160, 12};
  for (int k = 0; k < SIZES; k++) {
    size_t n = strlen(ARTICLE);
    sized[k] = malloc(n * (size_t)reps[k] + 1);
    assert_non_null(sized[k]);
    for (int r = 0; r < reps[k]; r++) memcpy(sized[k] + n * (size_t)r, ARTICLE, n);
    sized[k][n * (size_t)reps[k]] = 0;
    precis_doc *d = precis_analyze(sized[k], strlen(sized[k]), &shared_opts);
    assert_non_null(d);
    sized_expected[k] = precis_render(d, PRECIS_FORMAT_JSONL, "a", NULL);
    assert_non_null(sized_expected[k]);
    precis_doc_free(d);
  }
  pthread_t th[NTHREADS];
  for (intptr_t i = 0; i < NTHREADS; i++)
    assert_int_equal(pthread_create(&th[i], NULL, analyse_sizes, (void *)i), 0);
  for (int i = 0; i < NTHREADS; i++) {
    void *rv = (void *)1;
    assert_int_equal(pthread_join(th[i], &rv), 0);
    assert_null(rv);
  }
  for (int k = 0; k < SIZES; k++) {
    precis_free(NULL, sized_expected[k]);
    free(sized[k]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_concurrent_analysis),
                                     cmocka_unit_test(test_concurrent_tokens),
                                     cmocka_unit_test(test_concurrent_sizes)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
