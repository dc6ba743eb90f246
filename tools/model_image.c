/* model_image.c - build-time converter: a model file (format 1, models/ *.bin)
 * to its in-place image (format 2, docs/models.md), which the library
 * embeds and uses where it lies (no decoding at run time).
 *
 * usage: model_image IN.bin OUT.img
 *
 * It decodes IN with the library's own loader (checksum and every check of
 * a model file), writes the decoded run-time tables, then loads OUT as an
 * outside image (every bounds check) and compares its tables with the
 * decoded ones.  The output is a pure function of IN (deterministic). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model/cue_model.h"
#include "model/model.h"
#include "model/parser_features.h"
#include "model/tagger_features.h"

static int fail(const char *what, const precis_error *e) {
  fprintf(stderr, "model_image: %s: %s\n", what, e->message);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: model_image IN.bin OUT.img\n");
    return 2;
  }
  precis_error err;
  prc_error_clear(&err);
  const unsigned char *buf;
  size_t n;
  if (prc_model_map_file(argv[1], &buf, &n, &err) < 0) return fail(argv[1], &err);
  model_view v;
  if (prc_model_parse(buf, n, 0, &v, &err) < 0) return fail(argv[1], &err);
  if (v.version != MODEL_FORMAT_VERSION) {
    fprintf(stderr, "model_image: %s: not a model file of format %u\n", argv[1], MODEL_FORMAT_VERSION);
    return 1;
  }
  model_img_sec s[MODEL_MAX_SECTIONS];
  int ns = 0;
  const char *keep[] = {"LABL", "NOTE"}; /* (an attribution model's CEND becomes its table CETB) */
  for (int i = 0; i < 2; i++) {
    const model_section *x = prc_model_find(&v, keep[i]);
    if (!x) continue;
    memcpy(s[ns].tag, keep[i], 5);
    s[ns].p = x->p;
    s[ns].n = x->n;
    ns++;
  }
  const int nk = ns; /* the sections kept as they are */
  tagger *t = NULL;
  parser *p = NULL;
  cue_model *c = NULL;
  tg_img_head th;
  ps_img_head ph;
  unsigned char ch[64];
  if (v.featset == PRC_PARSER_FEATSET) {
    if (!(p = prc_parser_load_memory(buf, n, &err))) return fail(argv[1], &err);
    ns += prc_parser_image(p, &ph, s + ns);
  } else if (v.featset == PRC_CUE_FEATSET) {
    if (!(c = prc_cue_load_memory(buf, n, &err))) return fail(argv[1], &err);
    ns += prc_cue_image(c, ch, s + ns);
  } else {
    if (!(t = prc_tagger_load_memory(buf, n, &err))) return fail(argv[1], &err);
    ns += prc_tagger_image(t, &th, s + ns);
  }
  if (prc_model_image_write(argv[2], v.featset, s, ns, &err) < 0) return fail(argv[2], &err);
  /* read it back as an outside image (all the bounds checks) and compare */
  const unsigned char *ib;
  size_t in;
  if (prc_model_map_file(argv[2], &ib, &in, &err) < 0) return fail(argv[2], &err);
  model_view iv;
  if (prc_model_parse(ib, in, v.featset, &iv, &err) < 0) return fail(argv[2], &err);
  void *back = t ? (void *)prc_tagger_load_memory(ib, in, &err)
               : p ? (void *)prc_parser_load_memory(ib, in, &err)
                   : (void *)prc_cue_load_memory(ib, in, &err);
  if (!back) return fail(argv[2], &err);
  model_img_sec s2[MODEL_MAX_SECTIONS];
  tg_img_head th2;
  ps_img_head ph2;
  unsigned char ch2[64];
  int ns2 = nk + (t ? prc_tagger_image(back, &th2, s2) : p ? prc_parser_image(back, &ph2, s2) : prc_cue_image(back, ch2, s2));
  int same = ns2 == ns;
  for (int i = nk; same && i < ns; i++)
    same = !strcmp(s[i].tag, s2[i - nk].tag) && s[i].n == s2[i - nk].n && !memcmp(s[i].p, s2[i - nk].p, s[i].n);
  if (t) {
    prc_tagger_free(t);
    prc_tagger_free(back);
  } else if (p) {
    prc_parser_free(p);
    prc_parser_free(back);
  } else {
    prc_cue_free(c);
    prc_cue_free(back);
  }
  prc_model_unmap(ib, in);
  prc_model_unmap(buf, n);
  if (!same) {
    fprintf(stderr, "model_image: %s: the image read back differs from the decoded model\n", argv[2]);
    remove(argv[2]);
    return 1;
  }
  return 0;
}
