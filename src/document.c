/* document.c - the pipeline driver: precis_analyze runs the stages in order.
 *
 *   prc_text_prepare -> prc_tokenize -> prc_split_sentences -> prc_clean_sentences -> prc_tag_tokens
 *   -> prc_parse_sentences -> prc_find_entities -> prc_find_attributions -> prc_content_ends
 *   -> prc_resolve_speakers
 *   -> prc_find_figures -> prc_select_keypoints -> prc_export_doc
 */
#include <setjmp.h>
#include <stddef.h>
#include <string.h>

#include "doc.h"
#include "error.h"
#include "parse.h"
#include "tags.h"

/* The size of each options version: version v is a prefix of v + 1. */
static size_t options_size(unsigned version) {
  switch (version) {
  case 1: return offsetof(precis_options, ner_model) + sizeof(const precis_model *);
  case 2: return offsetof(precis_options, parse_model) + sizeof(const precis_model *);
  case 3: return offsetof(precis_options, attrib_model) + sizeof(const precis_model *);
  case 4: return offsetof(precis_options, max_words) + sizeof(int);
  default: return 0;
  }
}

int precis_options_init_version(precis_options *o, unsigned version) {
  size_t n = options_size(version);
  if (!o || !n) return -1;
  memset(o, 0, n);
  o->version = version;
  o->max_keypoints = 0;
  o->summarizer = PRECIS_SUMMARIZER_KEYPOINTS;
  return 0;
}

static precis_doc *analyze(const char *text, size_t len, const precis_options *opts, precis_error *err,
                           bool upto_cues);

precis_doc *precis_analyze_ex(const char *text, size_t len, const precis_options *opts,
                              precis_error *err) {
  return analyze(text, len, opts, err, false);
}

precis_doc *prc_analyze_upto_cues(const char *text, size_t len, const precis_options *opts, precis_error *err) {
  return analyze(text, len, opts, err, true);
}

static precis_doc *analyze(const char *text, size_t len, const precis_options *opts, precis_error *err,
                           bool upto_cues) {
  prc_error_clear(err);
  if (!text && len) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "text is NULL but len is %zu", len);
    return NULL;
  }
  if (len > PRC_TEXT_MAX) {
    prc_error_set(err, PRECIS_ERROR_INPUT_TOO_LARGE, PRC_TEXT_MAX,
                  "input of %zu bytes: precis analyses texts of less than 4 GiB", len);
    return NULL;
  }
  precis_options o;
  if (opts) {
    size_t n = options_size(opts->version);
    if (!n) {
      prc_error_set(err, PRECIS_ERROR_OPTIONS_VERSION, PRECIS_NO_OFFSET,
                    "options version %u; this library knows versions 1 to %d (call precis_options_init)",
                    opts->version, PRECIS_OPTIONS_VERSION);
      return NULL;
    }
    /* the caller's struct may be an older, shorter version: take its fields,
     * and the defaults for the rest */
    precis_options_init_version(&o, PRECIS_OPTIONS_VERSION);
    memcpy(&o, opts, n);
  } else {
    precis_options_init_version(&o, PRECIS_OPTIONS_VERSION);
  }
  if (prc_tags_check(&o, err) < 0 || prc_parse_check(&o, err) < 0 || prc_cues_check(&o, err) < 0 ||
      prc_keypoints_check(&o, err) < 0)
    return NULL;
  const precis_allocator *alc = o.allocator ? o.allocator : prc_default_allocator();
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
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  precis_doc *d = prc_arena_alloc(&ar, sizeof *d);
  d->ar = ar;
  live = &d->ar;
  d->opts = o;
  if (prc_text_prepare(d, text, len) < 0) { /* the repairs made it longer than offsets allow */
    arena a = d->ar;
    prc_arena_free(&a);
    prc_error_set(err, PRECIS_ERROR_INPUT_TOO_LARGE, PRECIS_NO_OFFSET,
                  "input of %zu bytes is over 4 GiB once its invalid UTF-8 is replaced by U+FFFD", len);
    return NULL;
  }
  prc_tokenize(d);
  prc_split_sentences(d);
  prc_clean_sentences(d);
  /* the built-in models are fetched (decoded on first use) only for a text
   * with tokens: an empty one touches none */
  if (d->ntoks && (prc_tags_models(&d->opts, err) < 0 || prc_cues_models(&d->opts, err) < 0 ||
                   (!upto_cues && prc_parse_models(&d->opts, err) < 0))) {
    arena a = d->ar;
    prc_arena_free(&a);
    return NULL;
  }
  prc_tag_tokens(d);
  prc_find_cues(d);
  if (upto_cues) {
    d->ar.oom = NULL;
    return d;
  }
  prc_parse_sentences(d);
  prc_find_entities(d);
  prc_find_attributions(d);
  prc_content_ends(d);
  prc_resolve_speakers(d);
  prc_find_figures(d);
  prc_select_keypoints(d);
  prc_export_doc(d);
  d->ar.oom = NULL; /* the document outlives this frame */
  return d;
}

precis_doc *precis_analyze(const char *text, size_t len, const precis_options *opts) {
  return precis_analyze_ex(text, len, opts, NULL);
}

int precis_doc_stats(const precis_doc *d, precis_stats *caller, size_t size) {
  if (!caller) return -1;
  precis_stats st, *out = &st;
  memset(out, 0, sizeof *out);
  if (size > sizeof st) { /* a newer header's struct: zero what this library does not know */
    memset((char *)caller + sizeof st, 0, size - sizeof st);
    size = sizeof st;
  }
  if (!d) {
    memcpy(caller, out, size);
    return -1;
  }
  out->bytes = d->len;
  out->chars = d->ncp;
  out->repairs = d->repairs;
  out->tokens = d->ntoks;
  out->sentences = d->nsents;
  out->paragraphs = d->nparas;
  out->pos = (precis_model_use)d->pos_use;
  out->attrib = (precis_model_use)d->cue_use;
  out->ner = (precis_model_use)d->ner_use;
  out->parse = (precis_model_use)d->parse_use;
  memcpy(caller, out, size);
  return 0;
}

void precis_doc_free(precis_doc *d) {
  if (!d) return;
  arena a = d->ar; /* d lives inside the arena */
  prc_arena_free(&a);
}

void precis_free(const precis_allocator *alc, void *p) {
  if (!p) return;
  if (!alc) alc = prc_default_allocator();
  alc->free(alc->ctx, p);
}

const char *precis_doc_text(const precis_doc *d, size_t *len) {
  if (!d) { if (len) *len = 0; return NULL; }
  if (len) *len = d->len;
  return d->text;
}
size_t precis_doc_length(const precis_doc *d) { return d ? d->ncp : 0; }
size_t precis_doc_repairs(const precis_doc *d) { return d ? d->repairs : 0; }
