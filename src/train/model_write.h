/* model_write.h - writing model files (training only; model.h reads them). */
#ifndef PRECIS_MODEL_WRITE_H
#define PRECIS_MODEL_WRITE_H

#include "perceptron_train.h"
#include "model/model.h"

/* Writer: collects sections, then writes the file (header, checksum). */
typedef struct model_writer {
  uint32_t featset;
  int nsections;
  char tags[MODEL_MAX_SECTIONS][4];
  pc_buf data[MODEL_MAX_SECTIONS];
} model_writer;

void prc_model_writer_init(model_writer *w, uint32_t featset);
/* Returns the buffer to fill for a new section (NULL if too many sections). */
pc_buf *prc_model_writer_section(model_writer *w, const char *tag);
void prc_model_writer_labels(model_writer *w, const char *const *names, int n);
/* Serialises the whole file into out (caller frees out->p).  Returns 0 or -1. */
int prc_model_writer_finish(model_writer *w, pc_buf *out);
/* Same, written to path.  Returns 0 or -1 with err. */
int prc_model_writer_save(model_writer *w, const char *path, precis_error *err);
void prc_model_writer_free(model_writer *w);

/* A lexicon section: u32 count, then count x {u64 key, u32 value}. */
void prc_model_lex_write(pc_buf *b, const uint64_t *keys, const uint32_t *vals, size_t n);

#endif
