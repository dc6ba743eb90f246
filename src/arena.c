/* arena.c - bump allocator for per-document data. */
#if defined(__linux__)
#define _GNU_SOURCE 1 /* mremap */
#endif
#include "arena.h"

#include <setjmp.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#define BIG_MMAP 1
#else
#define BIG_MMAP 0
#endif

struct arena_block {
  arena_block *next;
  size_t size, used;
  /* data follows, 16-byte aligned */
};

/* a large growable array (ARENA_PUSH): its own allocation, in a list */
struct arena_big {
  arena_big *next;
  size_t size;
  /* data follows, 16-byte aligned */
};

#define BLOCK_HDR ((sizeof(arena_block) + 15) & ~(size_t)15)
#define BIG_HDR ((sizeof(arena_big) + 15) & ~(size_t)15)
#define MIN_BLOCK (64 * 1024)

static void *def_malloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void *def_realloc(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void def_free(void *ctx, void *p) { (void)ctx; free(p); }

static const precis_allocator default_alc = {def_malloc, def_realloc, def_free, NULL};

const precis_allocator *prc_default_allocator(void) { return &default_alc; }

/* The large arrays and scratch (arena_big) of the default allocator are
 * mappings of their own: growth is mremap, and a release gives the pages back
 * to the system at once.  Through malloc, a freed large block raises glibc's
 * mmap threshold, the next large ones come from the heap and their pages stay
 * resident after free -- the peak of a later stage then stacks on the
 * temporaries of an earlier one.  A caller's allocator is used as given. */
static int big_mapped(const arena *a) { return BIG_MMAP && a->alc == &default_alc; }

static arena_big *big_alloc(arena *a, size_t bytes) {
#if BIG_MMAP
  if (big_mapped(a)) {
    void *p = mmap(NULL, BIG_HDR + bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
  }
#endif
  return a->alc->malloc(a->alc->ctx, BIG_HDR + bytes);
}

/* g holds g->size bytes of data; returns the moved block or NULL (g intact) */
static arena_big *big_realloc(arena *a, arena_big *g, size_t bytes) {
#if BIG_MMAP
  if (big_mapped(a)) {
    void *p = mremap(g, BIG_HDR + g->size, BIG_HDR + bytes, MREMAP_MAYMOVE);
    return p == MAP_FAILED ? NULL : p;
  }
#endif
  return a->alc->realloc(a->alc->ctx, g, BIG_HDR + bytes);
}

static void big_free(arena *a, arena_big *g) {
#if BIG_MMAP
  if (big_mapped(a)) {
    munmap(g, BIG_HDR + g->size);
    return;
  }
#endif
  a->alc->free(a->alc->ctx, g);
}

/* out of memory: unwind to precis_analyze, which frees the arena and returns NULL */
static void out_of_memory(arena *a) {
  if (a->oom) longjmp(*(jmp_buf *)a->oom, 1);
  abort(); /* unreachable: precis_analyze_ex sets a->oom for the whole analysis; only the
              tool's evaluators (src/eval) use an arena without one */
}

void prc_arena_init(arena *a, const precis_allocator *alc) {
  a->alc = alc ? alc : &default_alc;
  a->head = NULL;
  a->bigs = NULL;
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
  arena_big *g = a->bigs;
  while (g) {
    arena_big *n = g->next;
    big_free(a, g);
    g = n;
  }
  a->head = NULL;
  a->bigs = NULL;
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
    if (!nb) out_of_memory(a);
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

void prc_arena_reserve_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n, uint32_t want) {
  if (want <= *cap) return;
  size_t bytes = (size_t)want * elsize;
  if (bytes < ARENA_BIG_ARRAY) { /* small: in the arena, the old copy abandoned */
    void *na = prc_arena_alloc(a, bytes);
    if (n && *arr) memcpy(na, *arr, n * elsize);
    *arr = na;
    *cap = want;
    return;
  }
  /* large: its own allocation; find it if it has one already (few arrays
   * are this large, and each grows a few times) */
  arena_big **link = &a->bigs;
  while (*link && (char *)*link + BIG_HDR != (char *)*arr) link = &(*link)->next;
  arena_big *g;
  if (*link) {
    g = big_realloc(a, *link, bytes);
    if (!g) out_of_memory(a); /* the old block stays listed: prc_arena_free frees it */
    *link = g;
  } else {
    g = big_alloc(a, bytes);
    if (!g) out_of_memory(a);
    g->next = a->bigs;
    a->bigs = g;
    if (n && *arr) memcpy((char *)g + BIG_HDR, *arr, n * elsize);
  }
  g->size = bytes;
  *arr = (char *)g + BIG_HDR;
  *cap = want;
}

void prc_arena_grow_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n) {
  /* 2^31 elements (a 4 GB input of punctuation): the capacity would wrap to 0;
   * no machine has the memory for such an array, so it is reported as such */
  if (*cap >= 0x80000000u) out_of_memory(a);
  prc_arena_reserve_(a, arr, cap, elsize, n, *cap ? *cap * 2 : 16);
}

void *prc_arena_scratch(arena *a, size_t size) {
  if (size < ARENA_BIG_ARRAY) return prc_arena_alloc(a, size);
  if (size > SIZE_MAX - BIG_HDR) out_of_memory(a);
  arena_big *g = big_alloc(a, size);
  if (!g) out_of_memory(a);
  g->next = a->bigs;
  g->size = size;
  a->bigs = g;
  void *p = (char *)g + BIG_HDR;
  if (!big_mapped(a)) memset(p, 0, size); /* fresh mappings are zero */
  return p;
}

void prc_arena_release_big(arena *a, void *p) {
  if (!p) return;
  for (arena_big **link = &a->bigs; *link; link = &(*link)->next) {
    if ((char *)*link + BIG_HDR == (char *)p) {
      arena_big *g = *link;
      *link = g->next;
      big_free(a, g);
      return;
    }
  }
}
