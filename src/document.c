/* document.c - the pipeline driver: precis_analyze runs the stages in order.
 *
 *   prc_text_prepare -> prc_tokenize -> prc_split_sentences -> prc_tag_tokens -> prc_find_entities
 *   -> prc_find_attributions -> prc_resolve_speakers -> prc_find_figures -> prc_select_keypoints
 *   -> prc_export_doc
 */
#include <setjmp.h>
#include <string.h>

#include "doc.h"

void precis_options_init(precis_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->max_keypoints = 0;
  o->summarizer = PRECIS_SUMMARIZER_KEYPOINTS;
}

precis_doc *precis_analyze(const char *text, size_t len, const precis_options *opts) {
  if (!text && len) return NULL;
  precis_options o;
  if (opts) o = *opts;
  else precis_options_init(&o);
  const precis_allocator *alc = o.allocator ? o.allocator : precis_default_allocator();
  /* every allocation of the analysis comes from the document's arena; when the
   * allocator fails, prc_arena_alloc jumps back here and the whole arena goes */
  jmp_buf oom;
  arena ar;
  prc_arena_init(&ar, alc);
  arena *volatile live = &ar;
  ar.oom = &oom;
  if (setjmp(oom)) {
    arena a = *live;
    prc_arena_free(&a);
    return NULL;
  }
  precis_doc *d = prc_arena_alloc(&ar, sizeof *d);
  d->ar = ar;
  live = &d->ar;
  d->opts = o;
  prc_text_prepare(d, text, len);
  prc_tokenize(d);
  prc_split_sentences(d);
  prc_tag_tokens(d);
  prc_find_entities(d);
  prc_find_attributions(d);
  prc_resolve_speakers(d);
  prc_find_figures(d);
  prc_select_keypoints(d);
  prc_export_doc(d);
  d->ar.oom = NULL; /* the document outlives this frame */
  return d;
}

void precis_doc_free(precis_doc *d) {
  if (!d) return;
  arena a = d->ar; /* d lives inside the arena */
  prc_arena_free(&a);
}

void precis_free(const precis_allocator *alc, void *p) {
  if (!p) return;
  if (!alc) alc = precis_default_allocator();
  alc->free(alc->ctx, p);
}

const char *precis_doc_text(const precis_doc *d, size_t *len) {
  if (!d) { if (len) *len = 0; return NULL; }
  if (len) *len = d->len;
  return d->text;
}
size_t precis_doc_length(const precis_doc *d) { return d ? d->ncp : 0; }
size_t precis_doc_repairs(const precis_doc *d) { return d ? d->repairs : 0; }
