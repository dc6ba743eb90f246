/* models.h - what a precis_model of precis.h is: a small tagged wrapper
 * around the runtime object of its kind, a tagger (model/tagger.h) or a
 * dependency parser (model/parser.h).  The public functions (load, kind,
 * free) are in models.c; tags.c and parse.c take the object they need. */
#ifndef PRECIS_MODELS_H
#define PRECIS_MODELS_H

#include "model/cue_model.h"
#include "model/kp_model.h"
#include "model/parser.h"
#include "model/tagger.h"
#include "precis.h"

enum { PRC_MODEL_POS = TAGGER_POS, PRC_MODEL_NER = TAGGER_NER, PRC_MODEL_PARSE = 3, PRC_MODEL_ATTRIB = 4, PRC_MODEL_KEYPOINTS = 5 };

struct precis_model {
  int kind;       /* PRC_MODEL_* */
  tagger *tg; /* POS and NER */
  parser *ps; /* PARSE */
  cue_model *cm; /* ATTRIB */
  kp_model *km;  /* KEYPOINTS */
};

#endif
