/* test_image.c - in-place model images (format 2, docs/models.md): the
 * container's bounds checks (truncated, bad offset, section past the end,
 * misaligned memory, wrong element count, wrong kind, another byte order),
 * the per-kind checks of an image's contents (indices out of range, a full
 * hash table), and that an image gives the same results as the model file it
 * was made from (taggers, parser, cue model from models/ *.bin; skipped
 * without them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "precis.h"
#include "model/cue_model.h"
#include "model/model.h"
#include "model/parser_features.h"
#include "model/tagger_features.h"

static char tmp_path[4096];

static void put32(unsigned char *p, uint32_t x) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(x >> (8 * i));
}
static void put64(unsigned char *p, uint64_t x) {
  for (int i = 0; i < 8; i++) p[i] = (unsigned char)(x >> (8 * i));
}
static void resum(unsigned char *p, size_t n) { put32(p + 32, prc_model_checksum(p, n)); }

/* Reads a file into a page-aligned buffer (with room for one extra page). */
static unsigned char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  *n = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = aligned_alloc(4096, (*n + 8191) / 4096 * 4096);
  assert_non_null(b);
  assert_int_equal(fread(b, 1, *n, f), *n);
  fclose(f);
  return b;
}

static unsigned char *write_read(uint32_t featset, const model_img_sec *s, int ns, size_t *n) {
  precis_error err;
  assert_int_equal(prc_model_image_write(tmp_path, featset, s, ns, &err), 0);
  return slurp(tmp_path, n);
}

static void test_container(void **state) {
  (void)state;
  uint32_t a[25];
  for (int i = 0; i < 25; i++) a[i] = (uint32_t)i * 7u;
  unsigned char bb[64] = {1, 2, 3};
  model_img_sec s[2] = {{"AAAA", a, sizeof a}, {"BBBB", bb, sizeof bb}};
  size_t n;
  unsigned char *b = write_read(77, s, 2, &n);
  model_view v;
  precis_error err;
  assert_int_equal(prc_model_parse(b, n, 77, &v, &err), 0);
  assert_int_equal(v.version, MODEL_FORMAT_INPLACE);
  assert_int_equal(v.nsections, 2);
  for (int i = 0; i < 2; i++) assert_int_equal(v.sec[i].off % MODEL_INPLACE_ALIGN, 0);
  const uint32_t *t = prc_model_table(&v, "AAAA", 4, 25, 64, 1, &err);
  assert_non_null(t);
  assert_int_equal(t[24], 24u * 7u);
  /* wrong element count, absent section (required or not) */
  assert_null(prc_model_table(&v, "AAAA", 4, 24, 64, 1, &err));
  assert_non_null(strstr(err.message, "has 100 bytes"));
  assert_null(prc_model_table(&v, "AAAA", 8, (uint64_t)1 << 62, 64, 1, &err));
  assert_null(prc_model_table(&v, "CCCC", 4, 1, 64, 1, &err));
  assert_non_null(strstr(err.message, "no section CCCC"));
  prc_error_clear(&err);
  assert_null(prc_model_table(&v, "CCCC", 4, 1, 64, 0, &err));
  assert_int_equal(err.code, PRECIS_OK);
  /* wrong kind */
  assert_int_equal(prc_model_parse(b, n, 78, &v, &err), -1);
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  /* truncated: by one byte, and inside the section table */
  assert_int_equal(prc_model_parse(b, n - 1, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "truncated"));
  /* misaligned memory: the same bytes 8 bytes off a 64-byte boundary */
  unsigned char *m = aligned_alloc(64, n + 64);
  memcpy(m + 8, b, n);
  assert_int_equal(prc_model_parse(m + 8, n, 77, &v, &err), 0);
  assert_null(prc_model_table(&v, "AAAA", 4, 25, 64, 1, &err));
  assert_non_null(strstr(err.message, "not aligned"));
  free(m);
  /* a section offset that is not a multiple of 64 */
  unsigned char *c = malloc(n);
  memcpy(c, b, n);
  put64(c + MODEL_HEADER_SIZE + 8, MODEL_HEADER_SIZE + 2 * 24 + 8);
  resum(c, n);
  assert_int_equal(prc_model_parse(c, n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "bad offset"));
  assert_int_equal(err.offset, MODEL_HEADER_SIZE);
  /* a section that runs past the end */
  memcpy(c, b, n);
  put64(c + MODEL_HEADER_SIZE + 24 + 16, (uint64_t)n);
  resum(c, n);
  assert_int_equal(prc_model_parse(c, n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "past the end"));
  /* a section count whose table does not fit */
  memcpy(c, b, n);
  put32(c + 16, 30);
  resum(c, n);
  assert_int_equal(prc_model_parse(c, n, 77, &v, &err), -1);
  /* a corrupted byte: the checksum */
  memcpy(c, b, n);
  c[n - 1] ^= 1;
  assert_int_equal(prc_model_parse(c, n, 77, &v, &err), -1);
  assert_non_null(strstr(err.message, "checksum"));
  /* a format-1 view has no in-place tables */
  free(c);
  free(b);
}

/* ---- images of the shipped models ---------------------------------------------------------- */

static int model_path(const char *name, char *out, size_t cap) {
  const char *src = getenv("PRECIS_SOURCE");
  if (!src) return 0;
  snprintf(out, cap, "%s/models/%s", src, name);
  return access(out, R_OK) == 0;
}

/* The image of a model file, made as tools/model_image.c makes it. */
static unsigned char *image_of(const char *name, size_t *n, uint32_t *featset) {
  char path[4096];
  if (!model_path(name, path, sizeof path)) return NULL;
  precis_error err;
  const unsigned char *buf;
  size_t bn;
  assert_int_equal(prc_model_map_file(path, &buf, &bn, &err), 0);
  model_view v;
  assert_int_equal(prc_model_parse(buf, bn, 0, &v, &err), 0);
  *featset = v.featset;
  model_img_sec s[MODEL_MAX_SECTIONS];
  int ns = 0;
  const char *keep[] = {"LABL", "NOTE"};
  for (int i = 0; i < 2; i++) {
    const model_section *x = prc_model_find(&v, keep[i]);
    if (!x) continue;
    memcpy(s[ns].tag, keep[i], 5);
    s[ns].p = x->p;
    s[ns].n = x->n;
    ns++;
  }
  tg_img_head th;
  ps_img_head ph;
  unsigned char ch[64];
  void *obj;
  if (v.featset == PRC_PARSER_FEATSET) {
    obj = prc_parser_load_memory(buf, bn, &err);
    assert_non_null(obj);
    ns += prc_parser_image(obj, &ph, s + ns);
  } else if (v.featset == PRC_CUE_FEATSET) {
    obj = prc_cue_load_memory(buf, bn, &err);
    assert_non_null(obj);
    ns += prc_cue_image(obj, ch, s + ns);
  } else {
    obj = prc_tagger_load_memory(buf, bn, &err);
    assert_non_null(obj);
    ns += prc_tagger_image(obj, &th, s + ns);
  }
  unsigned char *b = write_read(v.featset, s, ns, n);
  if (v.featset == PRC_PARSER_FEATSET) prc_parser_free(obj);
  else if (v.featset == PRC_CUE_FEATSET) prc_cue_free(obj);
  else prc_tagger_free(obj);
  prc_model_unmap(buf, bn);
  return b;
}

static unsigned char *section(unsigned char *b, size_t n, const char *tag, size_t *len) {
  model_view v;
  precis_error err;
  assert_int_equal(prc_model_parse(b, n, 0, &v, &err), 0);
  const model_section *s = prc_model_find(&v, tag);
  assert_non_null(s);
  *len = s->n;
  return (unsigned char *)b + s->off;
}

static const tag_token sent[] = {{"The", 3}, {"mayor", 5}, {"of", 2}, {"Sydney", 6}, {",", 1}, {"Clover", 6},
                                 {"Moore", 5}, {",", 1}, {"said", 4}, {"the", 3}, {"bridge", 6}, {"reopens", 7},
                                 {"on", 2}, {"Monday", 6}, {".", 1}};
#define NSENT (sizeof sent / sizeof *sent)

static void test_tagger_image(void **state) {
  (void)state;
  size_t n;
  uint32_t fs;
  unsigned char *b = image_of("pos.bin", &n, &fs);
  if (!b) skip();
  precis_error err;
  char path[4096];
  model_path("pos.bin", path, sizeof path);
  tagger *file = prc_tagger_load_file(path, &err), *img = prc_tagger_load_memory(b, n, &err);
  assert_non_null(file);
  assert_non_null(img);
  assert_int_equal(prc_tagger_kind(img), TAGGER_POS);
  assert_string_equal(prc_tagger_note(img, "seed"), prc_tagger_note(file, "seed"));
  uint8_t a[NSENT], c[NSENT];
  prc_tagger_pos(file, sent, NSENT, a);
  prc_tagger_pos(img, sent, NSENT, c);
  assert_memory_equal(a, c, NSENT);
  prc_tagger_free(img);
  /* the same image as a file: used in its mapping (prc_tagger_load_file,
   * precis_model_load), same tags; corrupted, a clear error */
  FILE *f = fopen(tmp_path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b, 1, n, f), n);
  fclose(f);
  tagger *mapped = prc_tagger_load_file(tmp_path, &err);
  assert_non_null(mapped);
  assert_true(mapped->own_mapped);
  prc_tagger_pos(mapped, sent, NSENT, c);
  assert_memory_equal(a, c, NSENT);
  prc_tagger_free(mapped);
  precis_model *pm = precis_model_load(tmp_path, &err);
  assert_non_null(pm);
  assert_string_equal(precis_model_kind(pm), "pos");
  precis_model_free(pm);
  f = fopen(tmp_path, "r+b");
  fseek(f, (long)(n / 2), SEEK_SET);
  fputc(b[n / 2] ^ 0x40, f);
  fclose(f);
  assert_null(prc_tagger_load_file(tmp_path, &err));
  assert_non_null(strstr(err.message, "checksum"));
  assert_null(precis_model_load(tmp_path, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  /* wrong kind: a POS image is no parser, no cue model */
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_null(prc_cue_load_memory(b, n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  /* truncated */
  assert_null(prc_tagger_load_memory(b, n - 100, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  /* contents: a weight slot past the rows, a word-cache entry past the
   * blocks, a full lexicon */
  size_t len;
  unsigned char *save = malloc(n);
  memcpy(save, b, n);
  /* weight slots (layout 0x01020309: keys and a rank directory): a
   * directory bit without its key, a key without its bit, a count that
   * disagrees, one more key (with its bit and counts: a rank past the rows) */
  const tg_img_head *h = (const tg_img_head *)(void *)section(b, n, "TGHD", &len);
  const size_t cap = h->cap[0];
  uint32_t *ky = (uint32_t *)(void *)section(b, n, "WKY0", &len);
  assert_int_equal(len, cap * 4);
  size_t dlen;
  uint32_t *rd = (uint32_t *)(void *)section(b, n, "WRD0", &dlen);
  assert_int_equal(dlen, (cap + 31) / 32 * 8);
  size_t k = 0, e = 0;
  while (!ky[k]) k++;
  while (ky[e]) e++;
  ky[k] = 0;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight rank directory does not match the slots"));
  memcpy(b, save, n);
  ky[e] = 0x12345u;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight rank directory does not match the slots"));
  memcpy(b, save, n);
  rd[2 * (cap / 32 - 1) + 1]++;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight rank directory does not match the slots"));
  memcpy(b, save, n);
  ky[e] = 0x12345u;
  rd[2 * (e / 32)] |= 1u << (e % 32);
  for (size_t q = e / 32 + 1; q < cap / 32; q++) rd[2 * q + 1]++;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight slot count does not match the rows"));
  memcpy(b, save, n);
  {
    model_view v;
    assert_int_equal(prc_model_parse(b, n, 0, &v, &err), 0);
    assert_null(prc_model_find(&v, "WWD0")); /* (POS keeps no wide row) */
  }
  int8_t *rw = (int8_t *)(void *)section(b, n, "WRW0", &len);
  assert_int_equal(len % TG_ROW_BYTES, 0);
  rw[len - 1] = 16;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight row shift out of range"));
  memcpy(b, save, n);
  rw = (int8_t *)(void *)section(b, n, "WCRW", &len);
  rw[TG_WC_STRIDE] = (int8_t)0x80;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "word-cache row shift out of range"));
  memcpy(b, save, n);
  /* no lexeme cache in layout 0x01020306: a header that claims one is refused */
  ((tg_img_head *)(void *)section(b, n, "TGHD", &len))->has_lc = 1;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "bad lexeme cache header"));
  memcpy(b, save, n);
  model_lex_entry *wx = (model_lex_entry *)(void *)section(b, n, "LXWC", &len);
  for (k = 0; !wx[k].key; k++) {}
  wx[k].val = h->lx_n[TG_LX_WC];
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "word-cache entry out of range"));
  memcpy(b, save, n);
  model_lex_entry *we = (model_lex_entry *)(void *)section(b, n, "LXWD", &len);
  for (k = 0; k < len / sizeof *we; k++)
    if (!we[k].key) we[k].key = 0x5eed0000u + k;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "lexicon full"));
  /* a header that disagrees with its tables; another byte order */
  memcpy(b, save, n);
  ((tg_img_head *)(void *)section(b, n, "TGHD", &len))->nfeat[0] += 1;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  memcpy(b, save, n);
  ((tg_img_head *)(void *)section(b, n, "TGHD", &len))->mark = 0x04030201u;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "byte order"));
  /* an image of the layout before 0.8.0 (rows of 32 values; mark 0x01020304) */
  memcpy(b, save, n);
  ((tg_img_head *)(void *)section(b, n, "TGHD", &len))->mark = 0x01020304u;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "layout (rebuild it)"));
  free(save);
  free(b);
  prc_tagger_free(file);
}

/* The weight slots of layout 0x01020309 (tagger_features.h, "Weight
 * slots") on the shipped NER model, both passes: every occupied slot's
 * feature finds the row its rank names (wide or not), with the values the
 * file's decoding gives; a feature whose key differs from a present one in
 * one bit, low or high (a short key tag would take one for the other),
 * finds nothing; the loader refuses a wide-row directory that names more
 * wide rows than there are. */
/* The trainers' exact loads (docs/models.md "Exact weights for the
 * trainers"): every weight row of both passes int16 and no word cached, so a
 * trainer's tags are the sums of the weights as trained; the run-time load of
 * the same file keeps POS in int8 (no wide row) and caches words.  (0.11.0's
 * trainers used the run-time load, and `make models` no longer rebuilt
 * ner.bin: tests/models_repro.sh.) */
static void test_tagger_exact(void **state) {
  (void)state;
  precis_error err;
  char path[4096];
  for (int k = 0; k < 2; k++) {
    if (!model_path(k ? "ner.bin" : "pos.bin", path, sizeof path)) skip();
    tagger *ex = prc_tagger_load_file_exact(path, &err), *rt = prc_tagger_load_file(path, &err);
    assert_non_null(ex);
    assert_non_null(rt);
    for (int pass = 0; pass < (ex->has2 ? 2 : 1); pass++) {
      const pc_model *we = pass ? &ex->w2 : &ex->w, *wr = pass ? &rt->w2 : &rt->w;
      assert_true(we->nfeat > 1000);
      assert_int_equal(we->nwide, we->nfeat);
      assert_int_equal(wr->nfeat, we->nfeat);
      assert_true(wr->nwide < wr->nfeat / 10);
      if (!k) assert_int_equal(wr->nwide, 0);
    }
    size_t cached = 0;
    for (uint32_t i = 0; i < ex->lc_n; i++) assert_int_equal(ex->lc_lex[i].wmask, 0);
    for (uint32_t i = 0; i < rt->lc_n; i++) cached += rt->lc_lex[i].wmask != 0;
    assert_int_equal(ex->lc_n, rt->lc_n);
    assert_true(cached > rt->lc_n / 2);
    /* the same tags on plain text (the int8 rows move a tag rarely) */
    uint8_t a[NSENT], c[NSENT];
    if (!k) {
      prc_tagger_pos(ex, sent, NSENT, a);
      prc_tagger_pos(rt, sent, NSENT, c);
      assert_memory_equal(a, c, NSENT);
    }
    prc_tagger_free(ex);
    prc_tagger_free(rt);
  }
}

static void test_tagger_slots(void **state) {
  (void)state;
  size_t n;
  uint32_t fs;
  unsigned char *b = image_of("ner.bin", &n, &fs);
  if (!b) skip();
  precis_error err;
  char path[4096];
  model_path("ner.bin", path, sizeof path);
  tagger *file = prc_tagger_load_file(path, &err), *img = prc_tagger_load_memory(b, n, &err);
  assert_non_null(file);
  assert_non_null(img);
  for (int pass = 0; pass < 2; pass++) {
    const pc_model *w = pass ? &img->w2 : &img->w;
    assert_true(w->nwide > 0 && w->wdir);
    uint32_t r = 0, nwide = 0, nmiss = 0;
    for (uint32_t i = 0; i <= w->mask; i++) {
      const uint32_t key = w->keys[i];
      if (!key) continue;
      const uint64_t h = ((uint64_t)key << 32) | i; /* (a probe from slot i finds it: it is at i) */
      const int8_t *row = prc_tg_row(img, pass, h), *frow = prc_tg_row(file, pass, h);
      assert_non_null(row);
      assert_non_null(frow);
      const int wide = tg_dir_bit(w->wdir, r);
      nwide += wide;
      if (wide) assert_ptr_equal(row, (const int8_t *)(const void *)(w->rowsx + (size_t)tg_dir_rank(w->wdir, r) * TG_WC_STRIDE) + 1);
      else assert_ptr_equal(row, w->rows8 + (size_t)r * TG_ROW_BYTES);
      for (int c = 0; c < TG_WC_STRIDE; c++) assert_int_equal(prc_tg_row_value(row, c), prc_tg_row_value(frow, c));
      /* one bit off: absent unless that key is in the same run of slots */
      for (int bit = 0; bit < 32; bit += 13) {
        const uint32_t k2 = key ^ (1u << bit);
        int present = 0;
        for (uint32_t j = i; w->keys[j & w->mask]; j++) present |= w->keys[j & w->mask] == k2;
        if (!present) {
          assert_null(prc_tg_row(img, pass, ((uint64_t)k2 << 32) | i));
          nmiss++;
        }
      }
      r++;
    }
    assert_int_equal(r, w->nfeat);
    assert_int_equal(nwide, w->nwide);
    assert_true(nmiss > r);
  }
  prc_tagger_free(img);
  prc_tagger_free(file);
  /* a wide bit more than the header's wide rows (its row would be past rowsx) */
  size_t len;
  const tg_img_head *h = (const tg_img_head *)(void *)section(b, n, "TGHD", &len);
  uint32_t *wd = (uint32_t *)(void *)section(b, n, "WWD1", &len);
  assert_int_equal(len, (h->nfeat[1] + 31) / 32 * 8);
  size_t q = 0;
  while (wd[2 * q] == 0xffffffffu) q++;
  uint32_t bit = 0;
  while (wd[2 * q] >> bit & 1u) bit++;
  wd[2 * q] |= 1u << bit;
  for (size_t p = q + 1; p < len / 8; p++) wd[2 * p + 1]++;
  resum(b, n);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "wide-row directory out of range"));
  free(b);
}

static void test_parser_image(void **state) {
  (void)state;
  size_t n;
  uint32_t fs;
  unsigned char *b = image_of("parse.bin", &n, &fs);
  if (!b) skip();
  char path[4096];
  model_path("parse.bin", path, sizeof path);
  precis_error err;
  parser *file = prc_parser_load_file(path, &err), *img = prc_parser_load_memory(b, n, &err);
  assert_non_null(file);
  assert_non_null(img);
  const tagger *pos = prc_tagger_builtin(TAGGER_POS, &err);
  assert_non_null(pos);
  uint8_t up[NSENT], r1[NSENT], r2[NSENT];
  int32_t h1[NSENT], h2[NSENT];
  prc_tagger_pos(pos, sent, NSENT, up);
  void *scratch = malloc(prc_parser_scratch_size(NSENT));
  prc_parser_parse(file, sent, up, NSENT, scratch, h1, r1);
  prc_parser_parse(img, sent, up, NSENT, scratch, h2, r2);
  assert_memory_equal(h1, h2, sizeof h1);
  assert_memory_equal(r1, r2, sizeof r1);
  free(scratch);
  prc_parser_free(img);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  size_t len;
  ps_lslot *ls = (ps_lslot *)(void *)section(b, n, "LFS ", &len);
  size_t k = 0;
  while (!ls[k].key) k++;
  ls[k].c[0] = 254;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "label slot out of range"));
  /* layout 0x01020306: int8 codes with a per-slot shift (parser_features.h) */
  unsigned char *save = malloc(n);
  assert_non_null(save);
  ls[k].c[0] = 0;
  resum(b, n);
  memcpy(save, b, n);
  assert_non_null(img = prc_parser_load_memory(b, n, &err));
  prc_parser_free(img);
  size_t k1 = 0; /* a label slot with one pair: a second weight is refused */
  while (!ls[k1].key || PS_LS_N(ls[k1].x) != 1) k1++;
  ls[k1].w[1] = 3;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "label slot out of range"));
  memcpy(b, save, n); /* extra pairs past the end of LBX */
  size_t k3 = 0;
  while (!ls[k3].key || PS_LS_N(ls[k3].x) < 3) k3++;
  ls[k3].x |= PS_LS_MAXOFF << 12;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "label slot out of range"));
  memcpy(b, save, n); /* a shift past PS_MAX_SHIFT (an undefined shift otherwise) */
  ps_aslot *as = (ps_aslot *)(void *)section(b, n, "AFS ", &len);
  k = 0;
  while (!as[k].key) k++;
  assert_true(as[k].sh >= 1 && as[k].sh <= PS_MAX_SHIFT); /* the parser's weights need a shift */
  as[k].sh = PS_MAX_SHIFT + 1;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "action slot out of range"));
  /* layout 0x01020307: presence filters (PSFA, PSFL).  A filter without
   * the bit of a key in its table would drop that feature: refused */
  memcpy(b, save, n);
  const ps_img_head *ph = (const ps_img_head *)(void *)section(b, n, "PSHD", &len);
  assert_true(ph->afilt_bits >= 10 && ph->lfilt_bits >= 10);
  uint64_t *fa = (uint64_t *)(void *)section(b, n, "PSFA", &len);
  assert_int_equal(len, ((size_t)1 << (ph->afilt_bits - 6)) * 8);
  as = (ps_aslot *)(void *)section(b, n, "AFS ", &len);
  k = 0;
  while (!as[k].key) k++;
  const uint32_t ab = as[k].key >> (32 - ph->afilt_bits);
  assert_true(fa[ab >> 6] & (1ull << (ab & 63)));
  fa[ab >> 6] &= ~(1ull << (ab & 63));
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "action filter incomplete"));
  memcpy(b, save, n);
  uint64_t *fl = (uint64_t *)(void *)section(b, n, "PSFL", &len);
  ls = (ps_lslot *)(void *)section(b, n, "LFS ", &len);
  const uint32_t lb = ls[k1].key >> (32 - ph->lfilt_bits);
  fl[lb >> 6] &= ~(1ull << (lb & 63));
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "label filter incomplete"));
  memcpy(b, save, n); /* a filter size out of range */
  ((ps_img_head *)(void *)section(b, n, "PSHD", &len))->lfilt_bits = 40;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "bad parser image header"));
  memcpy(b, save, n); /* the layout before (int16 weights; mark 0x01020305) */
  ((ps_img_head *)(void *)section(b, n, "PSHD", &len))->mark = 0x01020305u;
  resum(b, n);
  assert_null(prc_parser_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "layout (rebuild it)"));
  free(save);
  free(b);
  prc_parser_free(file);
}

static void test_cue_image(void **state) {
  (void)state;
  size_t n;
  uint32_t fs;
  unsigned char *b = image_of("attrib.bin", &n, &fs);
  if (!b) skip();
  precis_error err;
  cue_model *m = prc_cue_load_memory(b, n, &err);
  assert_non_null(m);
  assert_non_null(strstr(prc_cue_note(m, "data"), "PolNeAR"));
  prc_cue_free(m);
  FILE *f = fopen(tmp_path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b, 1, n, f), n);
  fclose(f);
  precis_model *pm = precis_model_load(tmp_path, &err);
  assert_non_null(pm);
  assert_string_equal(precis_model_kind(pm), "attrib");
  precis_model_free(pm);
  assert_null(prc_parser_load_file(tmp_path, &err)); /* wrong kind, from a mapping */
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_null(prc_tagger_load_memory(b, n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  { /* the content-end table (CETB, 0.12.0) is read where it lies; a bad header is refused */
    size_t hl, tl;
    unsigned char *h = section(b, n, "CUHD", &hl);
    assert_non_null(h);
    assert_non_null(section(b, n, "CETB", &tl));
    cue_model *mm = prc_cue_load_memory(b, n, &err);
    assert_non_null(mm);
    assert_non_null(prc_cue_cend(mm));
    assert_int_equal((size_t)(prc_cue_cend(mm)->mask + 1) * sizeof(cend_slot), tl);
    prc_cue_free(mm);
    uint32_t keep = (uint32_t)h[12] | (uint32_t)h[13] << 8 | (uint32_t)h[14] << 16 | (uint32_t)h[15] << 24;
    put32(h + 12, keep + 1);
    resum(b, n);
    assert_null(prc_cue_load_memory(b, n, &err));
    assert_non_null(strstr(err.message, "content-end table"));
    put32(h + 12, keep);
    resum(b, n);
  }
  size_t len;
  unsigned char *fsx = section(b, n, "CUFS", &len);
  for (size_t k = 0; k < len; k += 12)
    if (!fsx[k] && !fsx[k + 1] && !fsx[k + 2] && !fsx[k + 3]) put32(fsx + k, 0x5eed0000u + (uint32_t)k);
  resum(b, n);
  assert_null(prc_cue_load_memory(b, n, &err));
  assert_non_null(strstr(err.message, "weight table full"));
  free(b);
}

int main(void) {
  const char *t = getenv("TMPDIR");
  snprintf(tmp_path, sizeof tmp_path, "%s/precis-test-image-%ld.img", t ? t : "/tmp", (long)getpid());
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_container),
      cmocka_unit_test(test_tagger_image),
      cmocka_unit_test(test_tagger_slots),
      cmocka_unit_test(test_tagger_exact),
      cmocka_unit_test(test_parser_image),
      cmocka_unit_test(test_cue_image),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  remove(tmp_path);
  return rc;
}
