/* arena.c - bump allocator for per-document data. */
#include "arena.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
  arena_block *next;
  size_t size, used;
  /* data follows, 16-byte aligned */
};

#define BLOCK_HDR ((sizeof(arena_block) + 15) & ~(size_t)15)
#define MIN_BLOCK (64 * 1024)

static void *def_malloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void *def_realloc(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void def_free(void *ctx, void *p) { (void)ctx; free(p); }

static const precis_allocator default_alc = {def_malloc, def_realloc, def_free, NULL};

const precis_allocator *precis_default_allocator(void) { return &default_alc; }

void prc_arena_init(arena *a, const precis_allocator *alc) {
  a->alc = alc ? alc : &default_alc;
  a->head = NULL;
  a->used_total = 0;
  a->oom = NULL;
}

void prc_arena_free(arena *a) {
  arena_block *b = a->head;
  while (b) {
    arena_block *n = b->next;
    a->alc->free(a->alc->ctx, b);
    b = n;
  }
  a->head = NULL;
  a->used_total = 0;
}

void *prc_arena_alloc(arena *a, size_t size) {
  size = (size + 15) & ~(size_t)15;
  if (size == 0) size = 16;
  arena_block *b = a->head;
  if (!b || b->size - b->used < size) {
    size_t bs = MIN_BLOCK;
    if (b && b->size * 2 > bs && b->size < (64u << 20)) bs = b->size * 2;
    if (bs < size) bs = size;
    arena_block *nb = a->alc->malloc(a->alc->ctx, BLOCK_HDR + bs);
    if (!nb) {
      /* out of memory: unwind to precis_analyze, which frees the arena and returns NULL */
      if (a->oom) longjmp(*(jmp_buf *)a->oom, 1);
      abort();
    }
    nb->size = bs;
    nb->used = 0;
    /* keep the fuller block behind a fresh one; a huge one-off block goes behind */
    if (b && size > MIN_BLOCK && bs == size) {
      nb->next = b->next;
      b->next = nb;
      nb->used = size;
      a->used_total += size;
      void *p = (char *)nb + BLOCK_HDR;
      memset(p, 0, size);
      return p;
    }
    nb->next = b;
    a->head = b = nb;
  }
  void *p = (char *)b + BLOCK_HDR + b->used;
  b->used += size;
  a->used_total += size;
  memset(p, 0, size);
  return p;
}

void *prc_arena_memdup(arena *a, const void *p, size_t n) {
  void *q = prc_arena_alloc(a, n);
  if (n) memcpy(q, p, n);
  return q;
}

char *prc_arena_strndup(arena *a, const char *s, size_t n) {
  char *q = prc_arena_alloc(a, n + 1);
  if (n) memcpy(q, s, n);
  q[n] = 0;
  return q;
}

void prc_arena_grow_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n) {
  if (*cap >= 0x80000000u) abort(); /* 2^31 elements (a 4 GB input of punctuation): the capacity would wrap to 0 */
  uint32_t nc = *cap ? *cap * 2 : 16;
  void *na = prc_arena_alloc(a, nc * elsize);
  if (n && *arr) memcpy(na, *arr, n * elsize);
  *arr = na;
  *cap = nc;
}
