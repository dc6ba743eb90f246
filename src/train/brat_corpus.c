/* brat_corpus.c - the articles of a PolNeAR-style folder (brat_corpus.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brat_corpus.h"

#include "error.h"

static int text_exists(void *ctx, const char *name) {
  const brat_dir *d = ctx;
  char *p = prc_brat_text_path(d, name);
  FILE *f = p ? fopen(p, "rb") : NULL;
  free(p);
  if (f) fclose(f);
  return f != NULL;
}

int prc_tr_each_article(const char *dir, prc_tr_article_fn fn, void *ctx, precis_error *err) {
  brat_dir bd;
  if (prc_brat_dir_open(dir, &bd) != 0)
    return prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot read the annotation folder %s", dir);
  char *prev = NULL;
  int rc = 0;
  for (size_t i = 0; i < bd.nfiles && rc == 0; i++) {
    char *art = prc_brat_article_of(bd.files[i].stem, text_exists, &bd);
    if (!art) continue;
    if (prev && !strcmp(prev, art)) { /* a second annotator: the first file stays */
      free(art);
      continue;
    }
    free(prev);
    prev = art;
    char *tp = prc_brat_text_path(&bd, art);
    size_t len = 0;
    char *text = tp ? prc_brat_slurp(tp, &len) : NULL;
    free(tp);
    if (!text) {
      rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot read the text of %s", art);
      break;
    }
    arena a;
    prc_arena_init(&a, NULL);
    brat_ann ann;
    if (prc_brat_read_ann(&a, bd.files[i].path, &ann) != 0)
      rc = prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot read %s", bd.files[i].path);
    else
      rc = fn(ctx, text, len, &ann, &a, err);
    prc_arena_free(&a);
    free(text);
  }
  free(prev);
  prc_brat_dir_close(&bd);
  return rc;
}
