/* tags.c - stage 4: runs the statistical taggers (tagger.h) sentence by
 * sentence: every token gets a UPOS tag, and the NER tagger proposes entity
 * spans for entities.c.  Skipped with PRECIS_OPT_NO_TAGGER: the later stages
 * then fall back to rules.  (A library built without models refuses to
 * analyse without that flag: prc_tags_check, PRECIS_ERROR_MODEL_MISSING.) */
#include <stdio.h>

#include "tags.h"

#include "error.h"
#include "models.h"

#define CHUNK 512 /* tokens tagged at a time (a sentence longer than this is cut) */

void prc_tag_tokens(precis_doc *d) {
  d->has_pos = d->has_ner = false;
  d->pos_use = d->ner_use = PRECIS_MODEL_UNUSED;
  if (d->opts.flags & PRECIS_OPT_NO_TAGGER) return;
  /* precis_analyze_ex has checked the models' kinds and that both exist */
  const tagger *pos = d->opts.pos_model ? d->opts.pos_model->tg : prc_tagger_builtin_pos();
  const tagger *ner = d->opts.ner_model ? d->opts.ner_model->tg : prc_tagger_builtin_ner();
  if (!pos) return;
  d->has_pos = true;
  d->has_ner = ner != NULL;
  d->pos_use = d->opts.pos_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  d->ner_use = !ner ? PRECIS_MODEL_UNUSED : d->opts.ner_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  tag_token tt[CHUNK];
  uint8_t up[CHUNK], nl[CHUNK];
  tag_span sp[CHUNK];
  for (uint32_t s = 0; s < d->nsents; s++) {
    uint32_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
    while (b < e) {
      uint32_t m = e - b > CHUNK ? CHUNK : e - b;
      for (uint32_t k = 0; k < m; k++) {
        tt[k].s = tok_str(d, b + k);
        tt[k].len = tok_len(d, b + k);
      }
      prc_tagger_pos(pos, tt, m, up);
      for (uint32_t k = 0; k < m; k++) d->toks[b + k].pos = up[k];
      if (ner && !d->sents[s].is_heading) {
        prc_tagger_ner(ner, tt, up, m, nl);
        size_t ns = prc_tagger_ner_spans(nl, m, sp, CHUNK);
        if (ns > CHUNK) ns = CHUNK;
        for (size_t k = 0; k < ns; k++) {
          ner_span *o = ARENA_PUSH(&d->ar, d->ner_spans, d->nner, d->cner, ner_span);
          o->b = b + sp[k].begin;
          o->e = b + sp[k].end;
          o->type = sp[k].type;
        }
      }
      b += m;
    }
  }
}

int prc_tags_check(const precis_options *o, precis_error *err) {
  if (o->flags & PRECIS_OPT_NO_TAGGER) return 0;
  if (o->pos_model && o->pos_model->kind != PRC_MODEL_POS)
    return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET,
                         "the POS model given is a %s model", precis_model_kind(o->pos_model));
  if (o->ner_model && o->ner_model->kind != PRC_MODEL_NER)
    return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET,
                         "the NER model given is a %s model", precis_model_kind(o->ner_model));
  if (!o->pos_model && !prc_tagger_builtin(TAGGER_POS, err)) return -1;
  if (!o->ner_model && !prc_tagger_builtin(TAGGER_NER, err)) return -1;
  return 0;
}
