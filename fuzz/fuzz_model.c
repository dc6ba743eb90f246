/* fuzz_model.c - libFuzzer target: model files (outside data: a user may
 * pass any file to --pos-model / --ner-model or precis_model_load).
 *
 * Each input is loaded with precis_model_load_memory.  A load must either
 * fail with PRECIS_ERROR_MODEL_FORMAT or _KIND (never crash, never allocate
 * more than the file justifies: run with -rss_limit_mb) or give a model that
 * then tags a short article through the whole pipeline, in the place its
 * kind belongs (a tagger, the parser or the cue model).  Seeds: fuzz/corpus-model/ (small models
 * trained by `precis train` on fuzz/tiny.conllu and fuzz/tiny-attrib/, and their in-place images
 * (format 2, docs/models.md) made by the build's precis_model_image; `make fuzz-model` makes them).
 * So that mutations reach past the checksum, an input that starts with the model magic and has
 * an even byte 36 (a reserved header byte) gets its checksum rewritten before it is loaded; with
 * an odd one it is loaded as it is (the checksum check itself).
 *
 *   make fuzz-model FUZZ_SECONDS=300
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

#define CHECK(c)                                                                    \
  do {                                                                              \
    if (!(c)) {                                                                     \
      fprintf(stderr, "fuzz_model: %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      abort();                                                                      \
    }                                                                               \
  } while (0)

static const char ARTICLE[] =
    "Mayor Ana Ruiz said on Monday that the bridge would reopen in May.\n\n"
    "\"We are nearly there,\" she told reporters in Porto, where repairs cost $4 million.\n";

/* FNV-1a 32 of the file with bytes [32,36) as zero (src/model/model.h). */
static void fix_checksum(uint8_t *p, size_t n) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; i++) {
    h ^= (i >= 32 && i < 36) ? 0u : p[i];
    h *= 0x01000193u;
  }
  for (int i = 0; i < 4; i++) p[32 + i] = (uint8_t)(h >> (8 * i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  precis_error err;
  uint8_t *copy = NULL;
  if (size >= 40 && !memcmp(data, "PRECISM\x1a", 8) && !(data[36] & 1)) {
    copy = malloc(size);
    CHECK(copy != NULL);
    memcpy(copy, data, size);
    fix_checksum(copy, size);
    data = copy;
  }
  precis_model *m = precis_model_load_memory(data, size, &err);
  free(copy);
  if (!m) {
    CHECK(err.code == PRECIS_ERROR_MODEL_FORMAT || err.code == PRECIS_ERROR_MODEL_KIND ||
          err.code == PRECIS_ERROR_OUT_OF_MEMORY);
    CHECK(err.message[0] != 0);
    CHECK(err.offset == PRECIS_NO_OFFSET || err.offset <= size);
    return 0;
  }
  const char *kind = precis_model_kind(m);
  CHECK(kind != NULL);
  precis_options o;
  precis_options_init(&o);
  if (!strcmp(kind, "pos")) o.pos_model = m;
  else if (!strcmp(kind, "parse")) o.parse_model = m;
  else if (!strcmp(kind, "attrib")) o.attrib_model = m;
  else o.ner_model = m;
  precis_doc *d = precis_analyze_ex(ARTICLE, sizeof ARTICLE - 1, &o, &err);
  CHECK(d != NULL);
  precis_stats st;
  CHECK(precis_doc_stats(d, &st, sizeof st) == 0);
  CHECK(!strcmp(kind, "pos")     ? st.pos == PRECIS_MODEL_GIVEN
        : !strcmp(kind, "parse")  ? st.parse == PRECIS_MODEL_GIVEN
        : !strcmp(kind, "attrib") ? st.attrib == PRECIS_MODEL_GIVEN
                                  : st.ner == PRECIS_MODEL_GIVEN);
  char *json = precis_render(d, PRECIS_FORMAT_JSONL, "x", NULL);
  CHECK(json != NULL);
  precis_free(NULL, json);
  precis_doc_free(d);
  precis_model_free(m);
  return 0;
}
