/* model_write.c - writing the precis model container (see model_write.h). */
#include "model_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void model_writer_init(model_writer *w, uint32_t featset) {
  memset(w, 0, sizeof *w);
  w->featset = featset;
}

pc_buf *model_writer_section(model_writer *w, const char *tag) {
  if (w->nsections >= MODEL_MAX_SECTIONS) return NULL;
  memcpy(w->tags[w->nsections], tag, 4);
  return &w->data[w->nsections++];
}

void model_writer_labels(model_writer *w, const char *const *names, int n) {
  pc_buf *b = model_writer_section(w, "LABL");
  if (!b) return;
  pc_buf_u32(b, (uint32_t)n);
  for (int i = 0; i < n; i++) {
    size_t l = strlen(names[i]);
    pc_buf_u16(b, (uint16_t)l);
    pc_buf_put(b, names[i], l);
  }
}

int model_writer_finish(model_writer *w, pc_buf *out) {
  memset(out, 0, sizeof *out);
  pc_buf_put(out, MODEL_MAGIC, 8);
  pc_buf_u32(out, MODEL_FORMAT_VERSION);
  pc_buf_u32(out, w->featset);
  pc_buf_u32(out, (uint32_t)w->nsections);
  pc_buf_u32(out, 0);
  pc_buf_u64(out, 0); /* length, patched below */
  pc_buf_u32(out, 0); /* checksum, patched below */
  pc_buf_u32(out, 0);
  static const unsigned char zero[4] = {0, 0, 0, 0};
  for (int i = 0; i < w->nsections; i++) {
    if (w->data[i].oom) return -1;
    pc_buf_put(out, w->tags[i], 4);
    pc_buf_u32(out, (uint32_t)w->data[i].n);
    pc_buf_put(out, w->data[i].p, w->data[i].n);
    pc_buf_put(out, zero, (4 - (w->data[i].n & 3)) & 3);
  }
  if (out->oom) return -1;
  uint64_t len = out->n;
  for (int i = 0; i < 8; i++) out->p[24 + i] = (unsigned char)(len >> (8 * i));
  uint32_t sum = model_checksum(out->p, out->n);
  for (int i = 0; i < 4; i++) out->p[32 + i] = (unsigned char)(sum >> (8 * i));
  return 0;
}

int model_writer_save(model_writer *w, const char *path, char *err, size_t errlen) {
  pc_buf b;
  if (model_writer_finish(w, &b) < 0) {
    free(b.p);
    model_seterr(err, errlen, "out of memory while writing model");
    return -1;
  }
  FILE *f = fopen(path, "wb");
  if (!f) {
    model_seterr(err, errlen, "cannot write %s: %s", path, strerror(errno));
    free(b.p);
    return -1;
  }
  size_t wr = fwrite(b.p, 1, b.n, f);
  int bad = wr != b.n;
  if (fclose(f) != 0) bad = 1;
  free(b.p);
  if (bad) {
    model_seterr(err, errlen, "error writing %s", path);
    return -1;
  }
  return 0;
}

void model_writer_free(model_writer *w) {
  for (int i = 0; i < w->nsections; i++) free(w->data[i].p);
  memset(w, 0, sizeof *w);
}

void model_lex_write(pc_buf *b, const uint64_t *keys, const uint32_t *vals, size_t n) {
  pc_buf_u32(b, (uint32_t)n);
  for (size_t i = 0; i < n; i++) {
    pc_buf_u64(b, keys[i] ? keys[i] : 1);
    pc_buf_u32(b, vals[i]);
  }
}

