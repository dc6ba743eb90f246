/* models.c - the public face of model files (precis.h): precis_model_load
 * reads the feature-set id in the file's header (model/model.h, offset 12)
 * and decodes the file as a dependency parser (PRC_PARSER_FEATSET) or, for
 * any other id, as a tagger -- whose loader reports files of no known kind
 * (PRECIS_ERROR_MODEL_KIND) and malformed ones as it always has. */
#include <stdlib.h>

#include "error.h"
#include "model/model.h"
#include "models.h"

/* The feature-set id of a model image, or 0 when it is too short to have one. */
static uint32_t featset_of(const unsigned char *p, size_t n) {
  if (n < 16) return 0;
  return (uint32_t)p[12] | (uint32_t)p[13] << 8 | (uint32_t)p[14] << 16 | (uint32_t)p[15] << 24;
}

static precis_model *wrap(const unsigned char *buf, size_t n, precis_error *err) {
  precis_model *m = calloc(1, sizeof *m);
  if (!m) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  if (featset_of(buf, n) == PRC_CUE_FEATSET) {
    m->kind = PRC_MODEL_ATTRIB;
    m->cm = prc_cue_load_memory(buf, n, err);
    if (m->cm) return m;
  } else if (featset_of(buf, n) == PRC_KP_FEATSET) {
    m->kind = PRC_MODEL_KEYPOINTS;
    m->km = prc_kp_load_memory(buf, n, err);
    if (m->km) return m;
  } else if (featset_of(buf, n) == PRC_PARSER_FEATSET) {
    m->kind = PRC_MODEL_PARSE;
    m->ps = prc_parser_load_memory(buf, n, err);
    if (m->ps) return m;
  } else {
    m->tg = prc_tagger_load_memory(buf, n, err);
    if (m->tg) {
      m->kind = prc_tagger_kind(m->tg);
      return m;
    }
  }
  free(m);
  return NULL;
}

precis_model *precis_model_load(const char *path, precis_error *err) {
  prc_error_clear(err);
  const unsigned char *buf;
  size_t n;
  if (prc_model_map_file(path, &buf, &n, err) < 0) return NULL; /* also "no model path" */
  uint32_t fs = featset_of(buf, n);
  if (fs == PRC_KP_FEATSET || n < 12 || buf[8] != MODEL_FORMAT_INPLACE) { /* decoded: the mapping goes */
    precis_model *m = wrap(buf, n, err);
    prc_model_unmap(buf, n);
    return m;
  }
  /* an in-place image (docs/models.md): the kind's loader maps it again and
   * keeps the mapping (used where it lies) */
  prc_model_unmap(buf, n);
  precis_model *m = calloc(1, sizeof *m);
  if (!m) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  if (fs == PRC_CUE_FEATSET) {
    m->kind = PRC_MODEL_ATTRIB;
    if ((m->cm = prc_cue_load_file(path, err))) return m;
  } else if (fs == PRC_PARSER_FEATSET) {
    m->kind = PRC_MODEL_PARSE;
    if ((m->ps = prc_parser_load_file(path, err))) return m;
  } else if ((m->tg = prc_tagger_load_file(path, err))) {
    m->kind = prc_tagger_kind(m->tg);
    return m;
  }
  free(m);
  return NULL;
}

precis_model *precis_model_load_memory(const void *data, size_t len, precis_error *err) {
  prc_error_clear(err);
  if (!data) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "no model data");
    return NULL;
  }
  return wrap(data, len, err);
}

const char *precis_model_kind(const precis_model *m) {
  if (!m) return NULL;
  switch (m->kind) {
  case PRC_MODEL_POS: return "pos";
  case PRC_MODEL_NER: return "ner";
  case PRC_MODEL_PARSE: return "parse";
  case PRC_MODEL_ATTRIB: return "attrib";
  case PRC_MODEL_KEYPOINTS: return "keypoints";
  default: return NULL;
  }
}

void precis_model_free(precis_model *m) {
  if (!m) return;
  prc_tagger_free(m->tg);
  prc_parser_free(m->ps);
  prc_cue_free(m->cm);
  prc_kp_free(m->km);
  free(m);
}
