/* tags.c - stage 4: runs the statistical taggers (tagger.h): every token
 * gets a UPOS tag (sentence by sentence), and the NER tagger proposes entity
 * spans for entities.c, a document (chunk of DOC_CHUNK tokens) at a time so
 * that a two-pass model can use the document's other mentions of a name.  Skipped with PRECIS_OPT_NO_TAGGER: the later stages
 * then fall back to rules.  (A library built without models refuses to
 * analyse without that flag: prc_tags_check, PRECIS_ERROR_MODEL_MISSING.) */
#include <stdio.h>

#include "tags.h"

#include "error.h"
#include "models.h"

#define CHUNK 512    /* tokens tagged at a time (a sentence longer than this is cut) */
#define DOC_CHUNK 4096 /* tokens the NER tagger sees at once: its document-level evidence
                          (other mentions of a name) spans a chunk of sentences this long */

/* NER over a group of sentence pieces gathered in tt (local sentence
 * bounds sb, document token of each local token at map). */
static void ner_group(precis_doc *d, const tagger *ner, const tag_token *tt, const uint8_t *up,
                      const uint32_t *map, size_t n, const uint32_t *sb, size_t ns, void *scratch,
                      uint8_t *nl, tag_span *sp, tag_memo *memo) {
  if (!n) return;
  prc_tagger_ner_doc_memo(ner, tt, up, n, sb, ns, scratch, nl, memo);
  for (size_t s = 0; s < ns; s++) {
    size_t b = sb[s], m = sb[s + 1] - b;
    size_t k = prc_tagger_ner_spans(nl + b, m, sp, CHUNK);
    if (k > CHUNK) k = CHUNK;
    for (size_t q = 0; q < k; q++) {
      ner_span *o = ARENA_PUSH(&d->ar, d->ner_spans, d->nner, d->cner, ner_span);
      o->b = map[b + sp[q].begin];
      o->e = map[b + sp[q].end - 1] + 1;
      o->type = sp[q].type;
    }
  }
}

/* The number of tokens of the NER group that starts at sentence s (as the
 * loop of prc_tag_tokens will gather them: up to the sentence that brings
 * it to cap). */
static size_t group_len(const precis_doc *d, uint32_t s, size_t cap) {
  size_t n = 0;
  for (; s < d->nsents && n < cap; s++)
    if (!d->sents[s].is_heading) n += d->sents[s].tok_end - d->sents[s].tok_begin;
  return n;
}

/* The memo of the group of ng tokens in the room at the start of its NER
 * scratch (prc_tagger_ner_doc_room), or NULL when there is none. */
static tag_memo *room_memo(const precis_doc *d, const tagger *ner, size_t ng, void *scratch) {
  size_t mn = prc_tag_memo_fit(prc_tagger_ner_doc_room(ner, ng));
  if (mn > d->ntoks) mn = d->ntoks;
  return mn ? prc_tag_memo_init(scratch, mn) : NULL;
}

void prc_tag_tokens(precis_doc *d) {
  d->has_pos = d->has_ner = false;
  d->pos_use = d->ner_use = PRECIS_MODEL_UNUSED;
  if ((d->opts.flags & PRECIS_OPT_NO_TAGGER) || !d->ntoks) return; /* no text: no model is touched */
  /* precis_analyze_ex has checked the models' kinds and that both exist
   * (prc_tags_check, then prc_tags_models once the text has tokens) */
  const tagger *pos = d->opts.pos_model ? d->opts.pos_model->tg : prc_tagger_builtin_pos();
  const tagger *ner = d->opts.ner_model ? d->opts.ner_model->tg : prc_tagger_builtin_ner();
  if (!pos) return;
  d->has_pos = true;
  d->has_ner = ner != NULL;
  d->pos_use = d->opts.pos_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  d->ner_use = !ner ? PRECIS_MODEL_UNUSED : d->opts.ner_model ? PRECIS_MODEL_GIVEN : PRECIS_MODEL_BUILTIN;
  /* one group of up to DOC_CHUNK tokens (whole sentences, each cut into
   * pieces of CHUNK) at a time: POS piece by piece, then NER on the group's
   * non-heading pieces at once */
  size_t cap = d->ntoks < DOC_CHUNK ? d->ntoks : DOC_CHUNK;
  if (!cap) return;
  size_t nmax = cap + CHUNK; /* a group may overrun by one piece */
  size_t sbytes = ner ? prc_tagger_ner_doc_scratch(ner, nmax) : 1;
  /* (not zeroed: every part is written before it is read, the NER scratch
   * included: prc_tagger_ner_doc takes any content) */
  /* the memo of the document's word forms (tagger.h): in the room at the
   * start of the NER scratch, whose pages the second pass's features take
   * later (made again for each group, sized for the group), or, without
   * room (no two-pass NER model), of its own */
  const int in_room = ner && prc_tagger_ner_doc_room(ner, 1) > 0;
  size_t mbytes = in_room ? 0 : (prc_tag_memo_bytes(d->ntoks) + 7) / 8 * 8;
  char *blk = prc_arena_scratch_raw(&d->ar, mbytes + nmax * (sizeof(tag_token) + sizeof(uint32_t) * 2 + 3) + 16 +
                                                CHUNK * sizeof(tag_span) + sbytes + 16);
  tag_token *tt = (tag_token *)(void *)(blk + mbytes);
  uint32_t *map = (uint32_t *)(tt + nmax);
  uint32_t *sb = map + nmax; /* at most nmax + 1 pieces: one token each */
  tag_span *sp = (tag_span *)(void *)(sb + nmax + 1);
  uint8_t *up = (uint8_t *)(sp + CHUNK), *nl = up + nmax, *pt = nl + nmax;
  void *scratch = (void *)(((uintptr_t)(pt + nmax) + 7) & ~(uintptr_t)7);
  (void)pt;
  size_t ng = in_room ? group_len(d, 0, cap) : 0; /* the tokens the memo's room is for */
  tag_memo *memo = in_room ? room_memo(d, ner, ng, scratch) : prc_tag_memo_init(blk, d->ntoks);
  size_t n = 0, ns = 0;
  sb[0] = 0;
  for (uint32_t s = 0; s < d->nsents; s++) {
    uint32_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
    while (b < e) {
      uint32_t m = e - b > CHUNK ? CHUNK : e - b;
      tag_token pc[CHUNK];
      uint8_t pu[CHUNK];
      for (uint32_t k = 0; k < m; k++) {
        pc[k].s = tok_str(d, b + k);
        pc[k].len = tok_len(d, b + k);
      }
      prc_tagger_pos_memo(pos, pc, m, pu, memo);
      for (uint32_t k = 0; k < m; k++) d->toks[b + k].pos = pu[k];
      if (ner && !d->sents[s].is_heading) {
        if (n + m > nmax) { /* (cannot happen: the group is flushed below) */
          ner_group(d, ner, tt, up, map, n, sb, ns, scratch, nl, sp, in_room && n < ng ? NULL : memo);
          n = ns = 0;
          if (in_room) memo = NULL;
        }
        for (uint32_t k = 0; k < m; k++) {
          tt[n + k] = pc[k];
          up[n + k] = pu[k];
          map[n + k] = b + k;
        }
        n += m;
        sb[++ns] = (uint32_t)n;
      }
      b += m;
    }
    if (n >= cap) { /* the group is full: tag it (the next starts with the next sentence) */
      /* (a memo in the room needs a group at least as long as the room was made for) */
      ner_group(d, ner, tt, up, map, n, sb, ns, scratch, nl, sp, in_room && n < ng ? NULL : memo);
      n = ns = 0;
      if (in_room) memo = room_memo(d, ner, ng = group_len(d, s + 1, cap), scratch); /* (spent by the group) */
    }
  }
  if (ner) ner_group(d, ner, tt, up, map, n, sb, ns, scratch, nl, sp, in_room && n < ng ? NULL : memo);
  prc_arena_release_big(&d->ar, blk);
}

int prc_tags_check(const precis_options *o, precis_error *err) {
  if (o->flags & PRECIS_OPT_NO_TAGGER) return 0;
  if (o->pos_model && o->pos_model->kind != PRC_MODEL_POS)
    return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET,
                         "the POS model given is a %s model", precis_model_kind(o->pos_model));
  if (o->ner_model && o->ner_model->kind != PRC_MODEL_NER)
    return prc_error_set(err, PRECIS_ERROR_MODEL_KIND, PRECIS_NO_OFFSET,
                         "the NER model given is a %s model", precis_model_kind(o->ner_model));
  return 0;
}

int prc_tags_models(const precis_options *o, precis_error *err) {
  if (o->flags & PRECIS_OPT_NO_TAGGER) return 0;
  if (!o->pos_model && !prc_tagger_builtin(TAGGER_POS, err)) return -1;
  if (!o->ner_model && !prc_tagger_builtin(TAGGER_NER, err)) return -1;
  return 0;
}
