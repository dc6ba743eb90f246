/* fuzz_brat.c - libFuzzer target: brat standoff (.ann) files, as
 * `precis eval attrib` reads them (outside data: annotators' files).
 *
 * Each input is parsed by prc_brat_parse; every span it keeps must have at
 * least one fragment, each with start <= end, and every relation at least
 * one argument.  ASan/UBSan catch the rest.
 *
 *   make fuzz-brat FUZZ_SECONDS=300
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "eval/brat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  arena a;
  prc_arena_init(&a, NULL);
  brat_ann ann;
  prc_brat_parse(&a, (const char *)data, size, &ann);
  for (int r = 0; r < BRAT_NROLES; r++)
    for (size_t i = 0; i < ann.nrole_spans[r]; i++) {
      const brat_span *sp = &ann.role_spans[r][i];
      if (sp->nfrags == 0) abort();
      for (size_t k = 0; k < sp->nfrags; k++)
        if (sp->frags[k].start > sp->frags[k].end) abort();
    }
  for (size_t i = 0; i < ann.nrels; i++) {
    size_t n = 0;
    for (int r = 0; r < BRAT_NROLES; r++) n += ann.rels[i].nspans[r];
    if (n == 0) abort();
  }
  prc_arena_free(&a);
  return 0;
}
