/* test_errors.c - the error contract of precis.h: precis_error from
 * precis_analyze_ex and precis_model_load, the options version, models of
 * the wrong kind, inputs too large for 32-bit offsets, and precis_doc_stats
 * saying which models ran.  Public header only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

static const char *ARTICLE =
    "Mayor Ana Ruiz said on Monday that the bridge would reopen in May.\n\n"
    "\"We are nearly there,\" she told reporters in Porto.\n";

/* models/NAME.bin of the source tree (ctest sets PRECIS_SOURCE). */
static char *model_path(const char *name) {
  const char *src = getenv("PRECIS_SOURCE");
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s/models/%s.bin", src ? src : ".", name);
  return buf;
}

static void test_error_names(void **state) {
  (void)state;
  assert_string_equal(precis_error_name(PRECIS_OK), "ok");
  assert_string_equal(precis_error_name(PRECIS_ERROR_INPUT_TOO_LARGE), "input too large");
  assert_string_equal(precis_error_name(PRECIS_ERROR_MODEL_KIND), "model kind");
  assert_string_equal(precis_error_name(PRECIS_ERROR_CORPUS), "corpus");
  assert_string_equal(precis_error_name(PRECIS_ERROR_UNAVAILABLE), "unavailable");
  assert_string_equal(precis_error_name((precis_error_code)999), "unknown");
}

static void test_analyze_ok_clears_error(void **state) {
  (void)state;
  precis_error err;
  memset(&err, 0x55, sizeof err);
  precis_doc *d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), NULL, &err);
  assert_non_null(d);
  assert_int_equal(err.code, PRECIS_OK);
  assert_int_equal(err.offset, PRECIS_NO_OFFSET);
  assert_string_equal(err.message, "");
  precis_doc_free(d);
  /* a NULL error pointer is fine */
  d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), NULL, NULL);
  assert_non_null(d);
  precis_doc_free(d);
}

static void test_invalid_argument(void **state) {
  (void)state;
  precis_error err;
  assert_null(precis_analyze_ex(NULL, 5, NULL, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  assert_non_null(strstr(err.message, "NULL"));
  /* NULL with length 0 is the empty text */
  precis_doc *d = precis_analyze_ex(NULL, 0, NULL, &err);
  assert_non_null(d);
  assert_int_equal(err.code, PRECIS_OK);
  precis_doc_free(d);
}

/* Offsets are 32-bit: a text of 4 GiB or more used to be cut silently at
 * 4 GiB - 16 bytes.  It is refused before a byte is read (the buffer here is
 * one byte long: reading it would crash or trip ASan). */
static void test_input_too_large(void **state) {
  (void)state;
  if (sizeof(size_t) < 8) skip();
  static const char one[1] = {'x'};
  precis_error err;
  size_t sizes[] = {(size_t)1 << 32, ((size_t)1 << 32) - 15, (size_t)5 << 30};
  for (int i = 0; i < 3; i++) {
    assert_null(precis_analyze_ex(one, sizes[i], NULL, &err));
    assert_int_equal(err.code, PRECIS_ERROR_INPUT_TOO_LARGE);
    assert_int_equal(err.offset, 0xFFFFFFF0u);
    assert_non_null(strstr(err.message, "4 GiB"));
  }
  assert_null(precis_analyze(one, (size_t)1 << 32, NULL));
}

static void test_options_version(void **state) {
  (void)state;
  precis_options o;
  precis_options_init(&o);
  assert_int_equal(o.version, PRECIS_OPTIONS_VERSION);
  precis_error err;
  o.version = 0; /* a struct that was never initialised */
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_OPTIONS_VERSION);
  o.version = PRECIS_OPTIONS_VERSION + 1; /* from a newer header */
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_OPTIONS_VERSION);
  o.version = PRECIS_OPTIONS_VERSION;
  precis_doc *d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
  assert_non_null(d);
  precis_doc_free(d);
}

/* The versioned structs: init writes only its version's fields; an older
 * caller's shorter precis_stats is filled no further than its size; a
 * newer caller's longer one gets zeroes past what this library knows. */
static void test_struct_versions(void **state) {
  (void)state;
  unsigned char buf[sizeof(precis_options) + 16];
  memset(buf, 0xAB, sizeof buf);
  precis_options *o = (precis_options *)(void *)buf;
  assert_int_equal(precis_options_init_version(o, 0), -1);
  assert_int_equal(precis_options_init_version(o, PRECIS_OPTIONS_VERSION + 1), -1);
  assert_int_equal(precis_options_init_version(NULL, 1), -1);
  for (size_t i = 0; i < sizeof buf; i++) assert_int_equal(buf[i], 0xAB); /* nothing written */
  assert_int_equal(precis_options_init_version(o, 1), 0);
  assert_int_equal(o->version, 1);
  assert_null(o->allocator);
  assert_null(o->ner_model);
  /* version 1 ends before parse_model (version 2) */
  for (size_t i = offsetof(precis_options, parse_model); i < sizeof buf; i++) assert_int_equal(buf[i], 0xAB);
  assert_int_equal(precis_options_init_version(o, 2), 0);
  assert_int_equal(o->version, 2);
  assert_null(o->parse_model);
  for (size_t i = sizeof(precis_options); i < sizeof buf; i++) assert_int_equal(buf[i], 0xAB);

  /* a version 1 caller's struct, exactly as long as version 1 was (ASan
   * would see a read past it): accepted, with the built-in parser */
  size_t v1 = offsetof(precis_options, parse_model);
  precis_options *o1 = malloc(v1);
  assert_non_null(o1);
  assert_int_equal(precis_options_init_version(o1, 1), 0);
  unsigned flags = PRECIS_OPT_WITH_TOKENS; /* (a store through o1 would look out of bounds to the compiler) */
  memcpy((char *)o1 + offsetof(precis_options, flags), &flags, sizeof flags);
  precis_error err;
  precis_doc *d1 = precis_analyze_ex(ARTICLE, strlen(ARTICLE), o1, &err);
  assert_non_null(d1);
  assert_int_equal(err.code, PRECIS_OK);
  assert_true(precis_doc_tokens(d1, NULL) > 20);
  precis_stats st1;
  assert_int_equal(precis_doc_stats(d1, &st1, sizeof st1), 0);
  assert_true(st1.parse == PRECIS_MODEL_BUILTIN || st1.parse == PRECIS_MODEL_UNUSED); /* none compiled in */
  precis_doc_free(d1);
  free(o1);

  precis_doc *d = precis_analyze(ARTICLE, strlen(ARTICLE), NULL);
  assert_non_null(d);
  precis_stats st;
  memset(&st, 0x5A, sizeof st);
  /* an older caller whose struct ended before the model fields */
  assert_int_equal(precis_doc_stats(d, &st, offsetof(precis_stats, pos)), 0);
  assert_int_equal(st.bytes, strlen(ARTICLE));
  unsigned char sentinel[sizeof st.pos];
  memset(sentinel, 0x5A, sizeof sentinel);
  assert_memory_equal(&st.pos, sentinel, sizeof sentinel);
  /* an older caller whose struct ended before the parse field (0.2) */
  memset(&st, 0x5A, sizeof st);
  assert_int_equal(precis_doc_stats(d, &st, offsetof(precis_stats, parse)), 0);
  assert_int_equal(st.ner, PRECIS_MODEL_BUILTIN);
  unsigned char sentinel2[sizeof st.parse];
  memset(sentinel2, 0x5A, sizeof sentinel2);
  assert_memory_equal(&st.parse, sentinel2, sizeof sentinel2);
  /* a newer caller's longer struct */
  unsigned char big[sizeof(precis_stats) + 24];
  memset(big, 0x77, sizeof big);
  assert_int_equal(precis_doc_stats(d, (precis_stats *)(void *)big, sizeof big), 0);
  for (size_t i = sizeof(precis_stats); i < sizeof big; i++) assert_int_equal(big[i], 0);
  assert_int_equal(((precis_stats *)(void *)big)->pos, PRECIS_MODEL_BUILTIN);
  precis_doc_free(d);
}

static void test_model_load_errors(void **state) {
  (void)state;
  precis_error err;
  assert_null(precis_model_load(NULL, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  assert_null(precis_model_load("/nonexistent/precis.bin", &err));
  assert_int_equal(err.code, PRECIS_ERROR_IO);
  assert_non_null(strstr(err.message, "/nonexistent/precis.bin"));
  assert_null(precis_model_load("/", &err)); /* a folder */
  assert_int_equal(err.code, PRECIS_ERROR_IO);
  assert_null(precis_model_load_memory("not a model at all", 18, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  assert_int_equal(err.offset, 0);
  assert_null(precis_model_load_memory(NULL, 3, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  assert_null(precis_model_load("/nonexistent", NULL)); /* NULL err is fine */
  /* a truncated file with the parser's feature set: read as a parser, so a
   * format error, not "a model of no known kind" */
  unsigned char hdr[16] = {'P', 'R', 'E', 'C', 'I', 'S', 'M', 0x1a, 1, 0, 0, 0, 0x01, 0x52, 0x41, 0x50};
  assert_null(precis_model_load_memory(hdr, sizeof hdr, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
}

/* A model file read into memory; NULL when the source tree is not found. */
static unsigned char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *p = malloc((size_t)sz);
  *n = fread(p, 1, (size_t)sz, f);
  fclose(f);
  return p;
}

/* A model of the wrong kind used to be accepted: an NER model as the POS
 * tagger tagged every word X, and entities and attribution went wrong
 * without a word. */
static void test_wrong_kind_and_stats(void **state) {
  (void)state;
  size_t n = 0;
  unsigned char *bytes = slurp(model_path("ner"), &n);
  if (!bytes) {
    print_message("models/ner.bin not found (PRECIS_SOURCE unset?)\n");
    skip();
  }
  precis_error err;
  precis_model *ner = precis_model_load_memory(bytes, n, &err);
  free(bytes);
  assert_non_null(ner);
  assert_string_equal(precis_model_kind(ner), "ner");
  precis_model *ner2 = precis_model_load(model_path("ner"), &err);
  assert_non_null(ner2);
  precis_model *pos = precis_model_load(model_path("pos"), &err);
  assert_non_null(pos);

  precis_options o;
  precis_options_init(&o);
  o.pos_model = ner;
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_non_null(strstr(err.message, "POS model"));
  o.pos_model = NULL;
  o.ner_model = pos;
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  /* rules only: the models are not run, so their kinds do not matter */
  o.flags = PRECIS_OPT_NO_TAGGER;
  precis_doc *d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
  assert_non_null(d);
  precis_stats st;
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.pos, PRECIS_MODEL_UNUSED);
  assert_int_equal(st.ner, PRECIS_MODEL_UNUSED);
  precis_doc_free(d);

  /* the caller's models, of the right kinds */
  o.flags = 0;
  o.pos_model = pos;
  o.ner_model = ner2;
  d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
  assert_non_null(d);
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.pos, PRECIS_MODEL_GIVEN);
  assert_int_equal(st.ner, PRECIS_MODEL_GIVEN);
  precis_doc_free(d);

  /* the built-in ones */
  d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), NULL, &err);
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.pos, PRECIS_MODEL_BUILTIN);
  assert_int_equal(st.ner, PRECIS_MODEL_BUILTIN);
  assert_int_equal(st.bytes, strlen(ARTICLE));
  assert_int_equal(st.chars, strlen(ARTICLE));
  assert_int_equal(st.paragraphs, 2);
  assert_int_equal(st.sentences, 2);
  assert_true(st.tokens >= 25);
  assert_int_equal(st.repairs, 0);
  precis_doc_free(d);
  assert_int_equal(precis_doc_stats(NULL, &st, sizeof st), -1);
  assert_int_equal(st.tokens, 0);
  assert_int_equal(precis_doc_stats(NULL, NULL, 0), -1);
  /* a tagger as the parser is refused, whatever the other models */
  o.pos_model = NULL;
  o.ner_model = NULL;
  o.parse_model = pos;
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_non_null(strstr(err.message, "parse model"));
  assert_non_null(strstr(err.message, "pos"));
  o.parse_model = ner;
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  /* rules only: not run, not checked */
  o.flags = PRECIS_OPT_NO_TAGGER;
  d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
  assert_non_null(d);
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.parse, PRECIS_MODEL_UNUSED);
  precis_doc_free(d);
  o.flags = 0;
  o.parse_model = NULL;

  /* the shipped parser: its kind, refused as a tagger, accepted as the parser */
  precis_model *parse = precis_model_load(model_path("parse"), &err);
  if (parse) {
    assert_string_equal(precis_model_kind(parse), "parse");
    o.pos_model = parse;
    assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
    assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
    assert_non_null(strstr(err.message, "POS model given is a parse model"));
    o.pos_model = NULL;
    o.ner_model = parse;
    assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
    assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
    o.ner_model = NULL;
    o.parse_model = parse;
    o.flags = PRECIS_OPT_WITH_TOKENS;
    d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
    assert_non_null(d);
    assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
    assert_int_equal(st.parse, PRECIS_MODEL_GIVEN);
    assert_int_equal(st.pos, PRECIS_MODEL_BUILTIN);
    precis_doc_free(d);
    /* from memory too */
    size_t pn = 0;
    unsigned char *pb = slurp(model_path("parse"), &pn);
    assert_non_null(pb);
    precis_model *parse2 = precis_model_load_memory(pb, pn, &err);
    free(pb);
    assert_non_null(parse2);
    assert_string_equal(precis_model_kind(parse2), "parse");
    precis_model_free(parse2);
    precis_model_free(parse);
  } else {
    print_message("models/parse.bin not loaded (%s): parser model checks skipped\n", err.message);
  }
  precis_model_free(ner);
  precis_model_free(ner2);
  precis_model_free(pos);
}

/* An allocator that fails after a budget of calls. */
static int budget;
static void *bmalloc(void *ctx, size_t n) { (void)ctx; return budget-- > 0 ? malloc(n) : NULL; }
static void *brealloc(void *ctx, void *p, size_t n) { (void)ctx; return budget-- > 0 ? realloc(p, n) : NULL; }
static void bfree(void *ctx, void *p) { (void)ctx; free(p); }

static void test_out_of_memory(void **state) {
  (void)state;
  precis_allocator a = {bmalloc, brealloc, bfree, NULL};
  precis_options o;
  precis_options_init(&o);
  o.allocator = &a;
  precis_error err;
  budget = 0; /* the first allocation fails (a short article fits in the first arena block;
               * test_oom fails every allocation in turn) */
  assert_null(precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_OUT_OF_MEMORY);
  budget = 1 << 20;
  precis_doc *d = precis_analyze_ex(ARTICLE, strlen(ARTICLE), &o, &err);
  assert_non_null(d);
  assert_int_equal(err.code, PRECIS_OK);
  precis_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_error_names),       cmocka_unit_test(test_analyze_ok_clears_error),
      cmocka_unit_test(test_invalid_argument),  cmocka_unit_test(test_input_too_large),
      cmocka_unit_test(test_options_version),   cmocka_unit_test(test_struct_versions),
      cmocka_unit_test(test_model_load_errors),
      cmocka_unit_test(test_wrong_kind_and_stats), cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
