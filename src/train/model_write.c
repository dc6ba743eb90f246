/* model_write.c - writing the precis model container (see model_write.h). */
#include "model_write.h"

#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void prc_model_writer_init(model_writer *w, uint32_t featset) {
  memset(w, 0, sizeof *w);
  w->featset = featset;
}

pc_buf *prc_model_writer_section(model_writer *w, const char *tag) {
  if (w->nsections >= MODEL_MAX_SECTIONS) return NULL;
  memcpy(w->tags[w->nsections], tag, 4);
  return &w->data[w->nsections++];
}

void prc_model_writer_labels(model_writer *w, const char *const *names, int n) {
  pc_buf *b = prc_model_writer_section(w, "LABL");
  if (!b) return;
  prc_pc_buf_u32(b, (uint32_t)n);
  for (int i = 0; i < n; i++) {
    size_t l = strlen(names[i]);
    prc_pc_buf_u16(b, (uint16_t)l);
    prc_pc_buf_put(b, names[i], l);
  }
}

int prc_model_writer_finish(model_writer *w, pc_buf *out) {
  memset(out, 0, sizeof *out);
  prc_pc_buf_put(out, MODEL_MAGIC, 8);
  prc_pc_buf_u32(out, MODEL_FORMAT_VERSION);
  prc_pc_buf_u32(out, w->featset);
  prc_pc_buf_u32(out, (uint32_t)w->nsections);
  prc_pc_buf_u32(out, 0);
  prc_pc_buf_u64(out, 0); /* length, patched below */
  prc_pc_buf_u32(out, 0); /* checksum, patched below */
  prc_pc_buf_u32(out, 0);
  static const unsigned char zero[4] = {0, 0, 0, 0};
  for (int i = 0; i < w->nsections; i++) {
    if (w->data[i].oom) return -1;
    prc_pc_buf_put(out, w->tags[i], 4);
    prc_pc_buf_u32(out, (uint32_t)w->data[i].n);
    prc_pc_buf_put(out, w->data[i].p, w->data[i].n);
    prc_pc_buf_put(out, zero, (4 - (w->data[i].n & 3)) & 3);
  }
  if (out->oom) return -1;
  uint64_t len = out->n;
  for (int i = 0; i < 8; i++) out->p[24 + i] = (unsigned char)(len >> (8 * i));
  uint32_t sum = prc_model_checksum(out->p, out->n);
  for (int i = 0; i < 4; i++) out->p[32 + i] = (unsigned char)(sum >> (8 * i));
  return 0;
}

int prc_model_writer_save(model_writer *w, const char *path, precis_error *err) {
  pc_buf b;
  if (prc_model_writer_finish(w, &b) < 0) {
    free(b.p);
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory while writing model");
    return -1;
  }
  FILE *f = fopen(path, "wb");
  if (!f) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s: %s", path, strerror(errno));
    free(b.p);
    return -1;
  }
  size_t wr = fwrite(b.p, 1, b.n, f);
  int bad = wr != b.n;
  if (fclose(f) != 0) bad = 1;
  free(b.p);
  if (bad) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "error writing %s", path);
    return -1;
  }
  return 0;
}

void prc_model_writer_free(model_writer *w) {
  for (int i = 0; i < w->nsections; i++) free(w->data[i].p);
  memset(w, 0, sizeof *w);
}

void prc_model_lex_write(pc_buf *b, const uint64_t *keys, const uint32_t *vals, size_t n) {
  prc_pc_buf_u32(b, (uint32_t)n);
  for (size_t i = 0; i < n; i++) {
    prc_pc_buf_u64(b, keys[i] ? keys[i] : 1);
    prc_pc_buf_u32(b, vals[i]);
  }
}

