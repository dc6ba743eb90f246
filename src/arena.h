/* arena.h - bump allocator: one arena per document, freed in one call. */
#ifndef PRECIS_ARENA_H
#define PRECIS_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include "precis.h"

typedef struct arena_block arena_block;

typedef struct arena {
  const precis_allocator *alc;
  arena_block *head;
  size_t used_total;
  void *oom; /* a jmp_buf to leave through when the allocator fails, or NULL (abort) */
} arena;

void prc_arena_init(arena *a, const precis_allocator *alc);
void prc_arena_free(arena *a);
/* Returns zeroed memory aligned to 16 bytes; never NULL unless the allocator fails. */
void *prc_arena_alloc(arena *a, size_t size);
void *prc_arena_memdup(arena *a, const void *p, size_t n);
char *prc_arena_strndup(arena *a, const char *s, size_t n);

/* Growable array backed by the arena (old storage is abandoned on growth). */
#define ARENA_PUSH(ar, arr, n, cap, T)                                        \
  ((n) < (cap) ? &(arr)[(n)++]                                                \
               : (prc_arena_grow_((ar), (void **)&(arr), &(cap), sizeof(T), (n)), \
                  &(arr)[(n)++]))
void prc_arena_grow_(arena *a, void **arr, uint32_t *cap, size_t elsize, size_t n);

/* The default allocator (malloc/realloc/free). */
const precis_allocator *precis_default_allocator(void);

#endif
