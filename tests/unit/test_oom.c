/* test_oom.c - when the allocator fails, precis_analyze returns NULL and
 * leaks nothing; with enough memory the result is the same as always. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

typedef struct {
  long allowed; /* allocations that may still succeed (-1: unlimited) */
  long live;    /* blocks handed out and not yet freed */
} budget;

static void *b_malloc(void *ctx, size_t n) {
  budget *b = ctx;
  if (b->allowed == 0) return NULL;
  if (b->allowed > 0) b->allowed--;
  void *p = malloc(n);
  if (p) b->live++;
  return p;
}
static void *b_realloc(void *ctx, void *p, size_t n) {
  budget *b = ctx;
  if (b->allowed == 0) return NULL;
  if (b->allowed > 0) b->allowed--;
  void *q = realloc(p, n);
  if (q && !p) b->live++;
  return q;
}
static void b_free(void *ctx, void *p) {
  budget *b = ctx;
  if (p) b->live--;
  free(p);
}

static const char *article =
    "KINGSPORT: The harbour master said the new pier would open in May, and that it cost $3.5 million.\n"
    "\"We waited ten years for this,\" she told reporters on Monday.\n"
    "Mayor Tom Reyes said 40 percent of the cost came from the port's own reserves.\n";

static void every_failure_point(unsigned flags) {
  /* how many allocations a full analysis makes */
  budget full = {-1, 0};
  precis_allocator alc = {b_malloc, b_realloc, b_free, &full};
  precis_options o;
  precis_options_init(&o);
  o.allocator = &alc;
  o.flags = flags;
  precis_doc *ref = precis_analyze(article, strlen(article), &o);
  assert_non_null(ref);
  size_t nq_ref = precis_doc_quotes(ref, NULL), nt_ref = precis_doc_tokens(ref, NULL);
  assert_true(nq_ref >= 2);
  assert_true((nt_ref > 0) == ((flags & PRECIS_OPT_WITH_TOKENS) != 0));
  precis_doc_free(ref);
  assert_int_equal(full.live, 0);

  /* fail at the first, second, ... allocation: NULL and nothing leaked */
  int nulls = 0;
  for (long k = 0; k < 64; k++) {
    budget b = {k, 0};
    alc.ctx = &b;
    precis_doc *d = precis_analyze(article, strlen(article), &o);
    if (!d) {
      nulls++;
    } else {
      assert_int_equal(precis_doc_quotes(d, NULL), nq_ref);
      assert_int_equal(precis_doc_tokens(d, NULL), nt_ref);
      precis_doc_free(d);
    }
    assert_int_equal(b.live, 0);
  }
  assert_true(nulls >= 1); /* the very first allocation failing must give NULL */
}

static void test_every_failure_point(void **state) {
  (void)state;
  every_failure_point(0);
}

/* the same with the tokens kept and every sentence parsed */
static void test_every_failure_point_tokens(void **state) {
  (void)state;
  every_failure_point(PRECIS_OPT_WITH_TOKENS);
}

static void test_render_failure(void **state) {
  (void)state;
  budget b = {-1, 0};
  precis_allocator alc = {b_malloc, b_realloc, b_free, &b};
  precis_options o;
  precis_options_init(&o);
  o.allocator = &alc;
  precis_doc *d = precis_analyze(article, strlen(article), &o);
  assert_non_null(d);
  b.allowed = 0; /* the writer's buffer cannot grow */
  size_t len = 123;
  char *s = precis_render(d, PRECIS_FORMAT_JSON, "x", &len);
  assert_null(s);
  assert_int_equal(len, 0);
  b.allowed = -1;
  precis_doc_free(d);
  assert_int_equal(b.live, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_failure_point),
      cmocka_unit_test(test_every_failure_point_tokens),
      cmocka_unit_test(test_render_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
