/* arena.h - bump allocator: one arena per document, freed in one call. */
#ifndef PRECIS_ARENA_H
#define PRECIS_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "precis.h"

typedef struct arena_block arena_block;
typedef struct arena_big arena_big;

typedef struct arena {
  const precis_allocator *alc;
  arena_block *head;
  arena_big *bigs; /* large growable arrays, each its own allocation (see ARENA_PUSH) */
  size_t used_total;
  void *oom; /* a jmp_buf to leave through when the allocator fails, or NULL (abort) */
} arena;

void prc_arena_init(arena *a, const precis_allocator *alc);
void prc_arena_free(arena *a);
/* Returns zeroed memory aligned to 16 bytes; never NULL unless the allocator fails. */
void *prc_arena_alloc(arena *a, size_t size);
void *prc_arena_memdup(arena *a, const void *p, size_t n);
char *prc_arena_strndup(arena *a, const char *s, size_t n);

/* Growable array owned by the arena: returns a zeroed slot at the end.
 * A small array grows inside the arena (its old copy is abandoned, at most as
 * much again as the array); once it needs ARENA_BIG_ARRAY bytes it moves to
 * an allocation of its own, which later growth reallocates in place (mremap
 * for large blocks, no copy left behind) and prc_arena_free frees.  Its
 * unused capacity is never written, so it costs address space, not memory. */
#define ARENA_PUSH(ar, arr, n, cap, T)                                                  \
  ((n) < (cap) ? (void)0 : prc_arena_grow_((ar), (void **)&(arr), &(cap), sizeof(T), (n)), \
   (T *)memset(&(arr)[(n)++], 0, sizeof(T)))
#define ARENA_BIG_ARRAY (256 * 1024)
void prc_arena_grow_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n);
/* Makes room for at least want elements (n in use); memory past n is not zeroed. */
void prc_arena_reserve_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n, uint32_t want);

/* Scratch memory of a stage: zeroed, size bytes.  A large one (ARENA_BIG_ARRAY
 * or more) is an allocation of its own that prc_arena_release_big can give
 * back before the document is freed; a small one lives in the arena. */
void *prc_arena_scratch(arena *a, size_t size);
/* The same, not zeroed, for a caller that writes every byte before it reads
 * it: a large block may be a mapping an earlier document gave back (see
 * arena.c), which prc_arena_scratch would have to clear.  A debug build
 * fills it with 0xA5. */
void *prc_arena_scratch_raw(arena *a, size_t size);
/* Frees p now if it is a large array of the arena (prc_arena_scratch, or an
 * ARENA_PUSH / prc_arena_reserve_ array that moved out); else does nothing
 * (small arrays live until prc_arena_free).  p must not be used afterwards. */
void prc_arena_release_big(arena *a, void *p);

/* The default allocator (malloc/realloc/free). */
const precis_allocator *prc_default_allocator(void);

#endif
