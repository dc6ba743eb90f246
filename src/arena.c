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
#include <pthread.h>
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
  size_t size; /* data bytes */
  size_t map;  /* a mapping's length: BIG_HDR + size, or more when a cached mapping was reused */
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

#if BIG_MMAP
/* Mappings given back (prc_arena_release_big, prc_arena_free) are kept, up
 * to CACHE_BYTES a thread, for the next large allocation of the same thread:
 * each document would otherwise fault the same pages in again (the NER
 * scratch alone is some 100 pages an article; a page fault costs more than
 * zeroing the page).  The cache is FIFO; a mapping too small for a request
 * is grown with mremap (its pages stay), so the next document's larger
 * arrays reuse what the cache holds instead of adding to it.  A thread's
 * cache is unmapped when the thread exits. */
#define CACHE_SLOTS 8
#define CACHE_BYTES ((size_t)4 << 20)

/* ThreadSanitizer does not follow mremap: the range a moved mapping leaves
 * keeps the old thread's accesses in its shadow, and a later mapping of
 * another thread at that address is reported as racing with them (the
 * TSan build's -j 8 check failed about one run in four).  Under TSan a
 * mapping is moved by hand: a new one, a copy, munmap of the old. */
#if defined(__SANITIZE_THREAD__)
#define ARENA_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ARENA_TSAN 1
#endif
#endif

static void *remap(void *p, size_t old, size_t len) {
#ifdef ARENA_TSAN
  void *q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (q == MAP_FAILED) return MAP_FAILED;
  memcpy(q, p, old < len ? old : len);
  munmap(p, old);
  return q;
#else
  return mremap(p, old, len, MREMAP_MAYMOVE);
#endif
}

typedef struct map_cache {
  void *p[CACHE_SLOTS];
  size_t len[CACHE_SLOTS];
  int n;
  size_t bytes;
  int keyed; /* registered with cache_key (for the thread-exit destructor) */
} map_cache;

static _Thread_local map_cache tl_cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok;

static void cache_destroy(void *v) {
  map_cache *c = v;
  for (int i = 0; i < c->n; i++) munmap(c->p[i], c->len[i]);
  c->n = 0;
  c->bytes = 0;
}

static void cache_key_init(void) { cache_key_ok = pthread_key_create(&cache_key, cache_destroy) == 0; }

/* takes cached mapping i out of the cache */
static void *cache_take(map_cache *c, int i, size_t *len) {
  void *p = c->p[i];
  *len = c->len[i];
  c->bytes -= c->len[i];
  c->n--;
  memmove(c->p + i, c->p + i + 1, (size_t)(c->n - i) * sizeof *c->p);
  memmove(c->len + i, c->len + i + 1, (size_t)(c->n - i) * sizeof *c->len);
  return p;
}

/* a mapping of at least len bytes from the cache (its content is what its
 * last user left), or NULL */
static void *cache_get(size_t len, size_t *got) {
  map_cache *c = &tl_cache;
  if (!c->n) return NULL;
  int best = -1, big = 0;
  for (int i = 0; i < c->n; i++) {
    if (c->len[i] >= len && (best < 0 || c->len[i] < c->len[best])) best = i;
    if (c->len[i] > c->len[big]) big = i;
  }
  if (best >= 0) return cache_take(c, best, got);
  size_t old;
  void *p = cache_take(c, big, &old);
  void *q = remap(p, old, len);
  if (q == MAP_FAILED) {
    munmap(p, old);
    return NULL;
  }
  *got = len;
  return q;
}

/* keeps the mapping p of len bytes for reuse, or unmaps it */
static void cache_put(void *p, size_t len) {
  map_cache *c = &tl_cache;
  if (len > CACHE_BYTES) {
    munmap(p, len);
    return;
  }
  if (!c->keyed) {
    pthread_once(&cache_once, cache_key_init);
    if (!cache_key_ok || pthread_setspecific(cache_key, c) != 0) {
      munmap(p, len);
      return;
    }
    c->keyed = 1;
  }
  while (c->n && (c->n == CACHE_SLOTS || c->bytes + len > CACHE_BYTES)) {
    size_t l;
    void *q = cache_take(c, 0, &l);
    munmap(q, l);
  }
  c->p[c->n] = p;
  c->len[c->n++] = len;
  c->bytes += len;
}
#endif

/* *dirty: 1 if the block's data may hold a previous user's bytes (a cached
 * mapping), 0 if it is fresh (a new mapping is zero; malloc's is not, but
 * then *dirty does not matter: prc_arena_scratch zeroes it) */
static arena_big *big_alloc(arena *a, size_t bytes, int *dirty) {
  *dirty = 1;
#if BIG_MMAP
  if (big_mapped(a)) {
    size_t len = BIG_HDR + bytes, got;
    arena_big *g = cache_get(len, &got);
    if (g) {
      g->map = got;
      return g;
    }
    *dirty = 0;
    g = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g == MAP_FAILED) return NULL;
    g->map = len;
    return g;
  }
#endif
  return a->alc->malloc(a->alc->ctx, BIG_HDR + bytes);
}

/* g holds g->size bytes of data; returns the moved block or NULL (g intact) */
static arena_big *big_realloc(arena *a, arena_big *g, size_t bytes) {
#if BIG_MMAP
  if (big_mapped(a)) {
    if (BIG_HDR + bytes <= g->map) return g; /* a reused mapping with room */
    arena_big *p = remap(g, g->map, BIG_HDR + bytes);
    if (p == MAP_FAILED) return NULL;
    p->map = BIG_HDR + bytes;
    return p;
  }
#endif
  return a->alc->realloc(a->alc->ctx, g, BIG_HDR + bytes);
}

static void big_free(arena *a, arena_big *g) {
#if BIG_MMAP
  if (big_mapped(a)) {
    cache_put(g, g->map);
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
    int dirty;
    g = big_alloc(a, bytes, &dirty);
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

/* a large scratch block of its own; *dirty as big_alloc's */
static void *scratch_big(arena *a, size_t size, int *dirty) {
  if (size > SIZE_MAX - BIG_HDR) out_of_memory(a);
  arena_big *g = big_alloc(a, size, dirty);
  if (!g) out_of_memory(a);
  g->next = a->bigs;
  g->size = size;
  a->bigs = g;
  return (char *)g + BIG_HDR;
}

void *prc_arena_scratch(arena *a, size_t size) {
  if (size < ARENA_BIG_ARRAY) return prc_arena_alloc(a, size);
  int dirty;
  void *p = scratch_big(a, size, &dirty);
  if (dirty || !big_mapped(a)) memset(p, 0, size); /* fresh mappings are zero */
  return p;
}

void *prc_arena_scratch_raw(arena *a, size_t size) {
  void *p;
  if (size < ARENA_BIG_ARRAY) {
    p = prc_arena_alloc(a, size);
  } else {
    int dirty;
    p = scratch_big(a, size, &dirty);
  }
#ifndef NDEBUG
  memset(p, 0xA5, size); /* a debug build catches a caller that reads before it writes */
#endif
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
