/* test_arena.c - the arena's large blocks (src/arena.c): scratch is zero
 * whether its mapping is fresh or one an earlier arena of the thread gave
 * back (the per-thread cache of mappings), a reserved array keeps its
 * elements when it grows out of a reused mapping, the raw scratch is usable
 * memory of the size asked for, and a caller's allocator is used as given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

#define BIG (3 * ARENA_BIG_ARRAY)

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return 0;
  return 1;
}

/* A block given back and asked for again (same arena, then a new arena: the
 * next document) comes back zeroed, even after its last user filled it. */
static void test_scratch_reused_is_zero(void **state) {
  (void)state;
  arena a;
  prc_arena_init(&a, NULL);
  unsigned char *p = prc_arena_scratch(&a, BIG);
  assert_true(all_zero(p, BIG));
  memset(p, 0x5A, BIG);
  prc_arena_release_big(&a, p);
  unsigned char *q = prc_arena_scratch(&a, BIG - 4096); /* fits the block given back */
  assert_true(all_zero(q, BIG - 4096));
  memset(q, 0x77, BIG - 4096);
  prc_arena_free(&a);

  for (int round = 0; round < 3; round++) { /* documents after documents */
    prc_arena_init(&a, NULL);
    unsigned char *r = prc_arena_scratch(&a, BIG + (size_t)round * 8192); /* larger: a grown mapping */
    assert_true(all_zero(r, BIG + (size_t)round * 8192));
    memset(r, 0x33, BIG + (size_t)round * 8192);
    unsigned char *s = prc_arena_scratch(&a, BIG / 2);
    assert_true(all_zero(s, BIG / 2));
    memset(s, 0x44, BIG / 2);
    prc_arena_free(&a);
  }
}

/* A raw scratch block is writable over its whole size (its content is
 * unspecified); small and large. */
static void test_scratch_raw(void **state) {
  (void)state;
  arena a;
  prc_arena_init(&a, NULL);
  size_t sizes[] = {100, ARENA_BIG_ARRAY - 1, ARENA_BIG_ARRAY, BIG};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    unsigned char *p = prc_arena_scratch_raw(&a, sizes[k]);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 16, 0);
    memset(p, (int)k + 1, sizes[k]);
    assert_int_equal(p[sizes[k] - 1], k + 1);
    prc_arena_release_big(&a, p);
  }
  prc_arena_free(&a);
}

/* An array grown with reserve keeps its elements, whether it moved out into
 * a reused mapping with room to spare or past it. */
static void test_reserve_keeps_elements(void **state) {
  (void)state;
  arena a;
  prc_arena_init(&a, NULL);
  unsigned char *junk = prc_arena_scratch(&a, 4 * BIG);
  memset(junk, 0xEE, 4 * BIG);
  prc_arena_release_big(&a, junk); /* a dirty mapping in the cache */
  uint32_t *arr = NULL, cap = 0, n = 0;
  for (uint32_t i = 0; i < 1000000; i++) {
    if (n == cap) prc_arena_grow_(&a, (void **)&arr, &cap, sizeof *arr, n);
    arr[n++] = i * 2654435761u;
  }
  for (uint32_t i = 0; i < n; i++)
    if (arr[i] != i * 2654435761u) fail_msg("element %u lost", i);
  prc_arena_free(&a);
}

/* A caller's allocator gets every large block (no mapping of the library's own). */
static size_t mallocs, frees;
static void *c_malloc(void *ctx, size_t n) { (void)ctx; mallocs++; return malloc(n); }
static void *c_realloc(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void c_free(void *ctx, void *p) { (void)ctx; if (p) frees++; free(p); }

static void test_caller_allocator(void **state) {
  (void)state;
  precis_allocator alc = {c_malloc, c_realloc, c_free, NULL};
  arena a;
  prc_arena_init(&a, &alc);
  mallocs = frees = 0;
  unsigned char *p = prc_arena_scratch(&a, BIG);
  assert_int_equal(mallocs, 1);
  assert_true(all_zero(p, BIG));
  memset(p, 1, BIG);
  prc_arena_release_big(&a, p);
  assert_int_equal(frees, 1);
  p = prc_arena_scratch_raw(&a, BIG);
  assert_int_equal(mallocs, 2);
  prc_arena_free(&a);
  assert_int_equal(frees, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scratch_reused_is_zero),
      cmocka_unit_test(test_scratch_raw),
      cmocka_unit_test(test_reserve_keeps_elements),
      cmocka_unit_test(test_caller_allocator),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
