/* test_model.c - the model container: round trip, corruption, truncation, versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "train/model_write.h"
#include "train/perceptron_train.h"
#include "train/train.h"
#include "model/tagger_features.h"

/* A small container with three sections. */
static pc_buf build(uint32_t featset) {
  model_writer w;
  prc_model_writer_init(&w, featset);
  const char *labels[] = {"NOUN", "VERB", "ADJ"};
  prc_model_writer_labels(&w, labels, 3);
  const char *note = "data: my own sentences\nlicence: CC0\ndev: 0.5\n";
  prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
  pc_buf *x = prc_model_writer_section(&w, "ODD1"); /* odd length: tests padding */
  prc_pc_buf_put(x, "abcde", 5);
  pc_buf out;
  assert_int_equal(prc_model_writer_finish(&w, &out), 0);
  prc_model_writer_free(&w);
  return out;
}

static void rewrite_checksum(unsigned char *p, size_t n) {
  uint32_t sum = prc_model_checksum(p, n);
  for (int i = 0; i < 4; i++) p[32 + i] = (unsigned char)(sum >> (8 * i));
}

static void test_round_trip(void **state) {
  (void)state;
  pc_buf b = build(77);
  /* header: magic, version 1 little-endian, feature set 77, 3 sections, length */
  assert_memory_equal(b.p, "PRECISM\x1a", 8);
  assert_int_equal(b.p[8], 1);
  assert_int_equal(b.p[9] | b.p[10] | b.p[11], 0);
  assert_int_equal(b.p[12], 77);
  assert_int_equal(b.p[16], 3);
  assert_int_equal(pc_rd64(b.p + 24), b.n);
  /* 40 header + LABL (8 + 4 + 3*2 + 4+4+3 = 8+21 -> 24 padded) + NOTE + ODD1 (8 + 8) */
  assert_int_equal(b.n % 4, 0);

  model_view v;
  precis_error err;
  assert_int_equal(prc_model_parse(b.p, b.n, 77, &v, &err), 0);
  assert_int_equal(v.nsections, 3);
  const model_section *odd = prc_model_find(&v, "ODD1");
  assert_non_null(odd);
  assert_int_equal(odd->n, 5);
  assert_memory_equal(odd->p, "abcde", 5);
  char *names[8];
  assert_int_equal(prc_model_read_labels(prc_model_find(&v, "LABL"), names, 8), 3);
  assert_string_equal(names[0], "NOUN");
  assert_string_equal(names[2], "ADJ");
  prc_model_free_labels(names, 3);
  char val[64];
  assert_int_equal(prc_model_note(prc_model_find(&v, "NOTE"), "licence", val, sizeof val), 0);
  assert_string_equal(val, "CC0");
  assert_int_equal(prc_model_note(prc_model_find(&v, "NOTE"), "date", val, sizeof val), -1);
  assert_null(prc_model_find(&v, "WGHT"));
  free(b.p);
}

static void test_corrupt(void **state) {
  (void)state;
  pc_buf b = build(77);
  model_view v;
  precis_error err;
  b.p[b.n - 3] ^= 0x40; /* flip a bit inside the last section */
  assert_int_equal(prc_model_parse(b.p, b.n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "checksum"));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  assert_int_equal(err.offset, 32); /* the checksum field */
  b.p[b.n - 3] ^= 0x40;
  assert_int_equal(prc_model_parse(b.p, b.n, 77, &v, &err), 0);
  /* a section length that runs past the end, with a valid checksum */
  unsigned char *c = malloc(b.n);
  memcpy(c, b.p, b.n);
  c[40 + 4] = 0xff;
  c[40 + 5] = 0xff;
  rewrite_checksum(c, b.n);
  assert_int_equal(prc_model_parse(c, b.n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "corrupt"));
  free(c);
  /* bad magic */
  b.p[0] = 'X';
  assert_int_equal(prc_model_parse(b.p, b.n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "bad magic"));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  assert_int_equal(err.offset, 0);
  free(b.p);
}

static void test_truncated(void **state) {
  (void)state;
  pc_buf b = build(77);
  model_view v;
  precis_error err;
  assert_int_equal(prc_model_parse(b.p, b.n - 1, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "truncated"));
  assert_int_equal(prc_model_parse(b.p, 20, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "truncated"));
  assert_int_equal(prc_model_parse(b.p, 0, 77, &v, &err), -1);
  free(b.p);
}

static void test_version_and_featset(void **state) {
  (void)state;
  pc_buf b = build(77);
  model_view v;
  precis_error err;
  assert_int_equal(prc_model_parse(b.p, b.n, 78, &v, &err), -1);
  assert_non_null(strstr(err.message, "feature set 77"));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_int_equal(err.offset, 12);
  b.p[8] = 3; /* a future format version, correctly checksummed (2 is the in-place image) */
  rewrite_checksum(b.p, b.n);
  assert_int_equal(prc_model_parse(b.p, b.n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "unsupported model format version 3"));
  assert_int_equal(err.offset, 8);
  free(b.p);
}

/* Weights: a hand-made pc_model survives write -> read with the same scores. */
static void test_weights_round_trip(void **state) {
  (void)state;
  pc_trainer *t = prc_pc_trainer_new(3);
  uint64_t fa = pc_feat1(1, 11), fb = pc_feat1(2, 22), fc = pc_feat1(3, 33);
  prc_pc_trainer_update(t, &fa, 1, 0, 2.0f); /* fa: +2 for class 0 */
  prc_pc_trainer_update(t, &fb, 1, 2, -4.0f); /* fb: -4 for class 2 */
  prc_pc_trainer_update(t, &fc, 1, 1, 0.01f); /* fc: pruned below */
  prc_pc_trainer_tick(t);
  pc_model m, m2;
  assert_int_equal(prc_pc_trainer_export(t, 0.05f, &m), 0);
  assert_int_equal(m.nfeat, 2);
  pc_buf b = {0};
  assert_int_equal(prc_pc_model_write(&m, &b), 0);
  assert_int_equal(b.n, 16 + 2 * 10 + 2 * 4 + 4);
  precis_error err;
  assert_int_equal(prc_pc_model_read(b.p, b.n, 0, 3, &m2, &err), 0);
  uint64_t both[2] = {fa, fb};
  int32_t s1[32] = {0}, s2[32] = {0};
  pc_model_score(&m, both, 2, s1);
  pc_model_score(&m2, both, 2, s2);
  assert_memory_equal(s1, s2, sizeof s1);
  /* the averaged weights after one tick at clock 1 equal the raw ones: the
   * largest magnitude (4) becomes 32000 */
  assert_int_equal(s1[2], -32000);
  assert_int_equal(s1[0], 16000);
  assert_int_equal(s1[1], 0);
  prc_pc_model_free(&m2);
  /* truncated weight section */
  assert_int_equal(prc_pc_model_read(b.p, b.n - 2, 0, 3, &m2, &err), -1);
  assert_non_null(strstr(err.message, "wrong size"));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  /* a slot table far larger than the features need, with everything else
   * consistent: the reader used to allocate and clear it (2^28 slots = 2 GiB
   * here, 16 GiB at 2^31) instead of refusing the file */
  size_t at = b.n - 4;
  uint32_t cap = pc_rd32(b.p + at);
  assert_int_equal(cap, 16 * 2); /* 2 features: the smallest power of two >= 2*2+16 */
  const uint32_t bigs[] = {1u << 28, 1u << 17, 128}; /* 128: over twice the 32 needed */
  for (int k = 0; k < 3; k++) {
    uint32_t big = bigs[k];
    for (int i = 0; i < 4; i++) b.p[at + i] = (unsigned char)(big >> (8 * i));
    assert_int_equal(prc_pc_model_read(b.p, b.n, 1000, 3, &m2, &err), -1);
    assert_non_null(strstr(err.message, "table size"));
    assert_int_equal(err.offset, 1000); /* the weight section's offset in the file */
  }
  for (int i = 0; i < 4; i++) b.p[at + i] = (unsigned char)(cap >> (8 * i));
  /* a class count the label set does not have: 32767 classes would make the
   * dense rows 64 KB a feature; refused before anything is allocated */
  b.p[0] = 0xff;
  b.p[1] = 0x7f; /* 32767 */
  assert_int_equal(prc_pc_model_read(b.p, b.n, 0, 3, &m2, &err), -1);
  assert_non_null(strstr(err.message, "32767 classes"));
  b.p[0] = 3;
  b.p[1] = 0;
  assert_int_equal(prc_pc_model_read(b.p, b.n, 0, 3, &m2, &err), 0);
  prc_pc_model_free(&m2);
  free(b.p);
  prc_pc_model_free(&m);
  prc_pc_trainer_free(t);
}

/* The tagger loader: a POS model must carry the UPOS label set. */
static void test_tagger_load_errors(void **state) {
  (void)state;
  precis_error err;
  pc_buf b = build(TG_FEATSET_POS); /* labels NOUN VERB ADJ: not the UPOS set */
  assert_null(prc_tagger_load_memory(b.p, b.n, &err));
  assert_non_null(strstr(err.message, "label set"));
  free(b.p);
  b = build(12345);
  assert_null(prc_tagger_load_memory(b.p, b.n, &err));
  assert_non_null(strstr(err.message, "feature set"));
  free(b.p);
  assert_null(prc_tagger_load_file("/nonexistent/precis-model.bin", &err));
  assert_non_null(strstr(err.message, "cannot open"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),       cmocka_unit_test(test_corrupt),
      cmocka_unit_test(test_truncated),        cmocka_unit_test(test_version_and_featset),
      cmocka_unit_test(test_weights_round_trip), cmocka_unit_test(test_tagger_load_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
