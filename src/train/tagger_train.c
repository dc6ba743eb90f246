/* tagger_train.c - corpus readers, training and evaluation of the taggers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "train.h"
#include "model_write.h"
#include "perceptron_train.h"
#include "train_util.h"
#include "model/tagger_features.h"
#include "clusters.h"
#include "error.h"


/* ---- corpus ---------------------------------------------------------------------------- */

typedef struct corpus {
  char *text;
  size_t tlen, tcap;
  uint32_t *toff, *tlen_;
  tag_token *tok;
  uint8_t *gold;
  size_t ntok, kcap;
  size_t *sent; /* sentence s: tokens [sent[s], sent[s+1]) */
  uint32_t *doc;
  size_t nsent, scap;
  size_t ndocs;
} corpus;

static void corpus_add(corpus *c, const char *s, size_t n, int gold) {
  if (c->tlen + n + 1 > c->tcap) {
    while (c->tlen + n + 1 > c->tcap) c->tcap = c->tcap ? c->tcap * 2 : 1 << 20;
    c->text = prc_tr_xrealloc(c->text, c->tcap);
  }
  if (c->ntok == c->kcap) {
    c->kcap = c->kcap ? c->kcap * 2 : 1 << 16;
    c->toff = prc_tr_xrealloc(c->toff, c->kcap * sizeof *c->toff);
    c->tlen_ = prc_tr_xrealloc(c->tlen_, c->kcap * sizeof *c->tlen_);
    c->gold = prc_tr_xrealloc(c->gold, c->kcap);
  }
  memcpy(c->text + c->tlen, s, n);
  c->toff[c->ntok] = (uint32_t)c->tlen;
  c->tlen_[c->ntok] = (uint32_t)n;
  c->gold[c->ntok] = (uint8_t)gold;
  c->tlen += n;
  c->text[c->tlen++] = 0;
  c->ntok++;
}

/* Closes the sentence begun at c->sent[c->nsent] (if it has tokens). */
static void corpus_end_sentence(corpus *c, size_t *start) {
  if (c->ntok == *start) return;
  if (c->nsent + 2 > c->scap) {
    c->scap = c->scap ? c->scap * 2 : 1 << 12;
    c->sent = prc_tr_xrealloc(c->sent, c->scap * sizeof *c->sent);
    c->doc = prc_tr_xrealloc(c->doc, c->scap * sizeof *c->doc);
  }
  c->sent[c->nsent] = *start;
  c->doc[c->nsent] = (uint32_t)(c->ndocs ? c->ndocs - 1 : 0);
  c->nsent++;
  c->sent[c->nsent] = c->ntok;
  *start = c->ntok;
}

static void corpus_finish(corpus *c) {
  c->tok = prc_tr_xrealloc(NULL, (c->ntok ? c->ntok : 1) * sizeof *c->tok);
  for (size_t i = 0; i < c->ntok; i++) {
    c->tok[i].s = c->text + c->toff[i];
    c->tok[i].len = c->tlen_[i];
  }
  if (!c->sent) {
    c->sent = prc_tr_xrealloc(NULL, sizeof *c->sent);
    c->sent[0] = 0;
  }
  if (!c->ndocs) c->ndocs = 1;
}

static void corpus_free(corpus *c) {
  free(c->text);
  free(c->toff);
  free(c->tlen_);
  free(c->tok);
  free(c->gold);
  free(c->sent);
  free(c->doc);
  memset(c, 0, sizeof *c);
}

static int upos_id(const char *s, size_t n) {
  for (int i = 0; i < TAG_UPOS_COUNT; i++)
    if (strlen(prc_tg_upos_names[i]) == n && !memcmp(prc_tg_upos_names[i], s, n)) return i;
  return -1;
}

/* CoNLL-U: FORM (column 2) and UPOS (column 4); skips comments, multiword
 * token ranges (1-2) and empty nodes (1.1). */
static int read_conllu(const char *path, corpus *c, precis_error *err) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "r");
  if (!f) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot open %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0, start = 0, lineno = 0;
  ssize_t len;
  c->ndocs = 1;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
    if (len == 0) {
      corpus_end_sentence(c, &start);
      continue;
    }
    if (line[0] == '#') continue;
    char *col[10];
    int nc = prc_tr_split_tabs(line, col, 10);
    if (nc < 4) {
      prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s:%zu: not CoNLL-U (expected 10 tab-separated columns)", path, lineno);
      free(line);
      fclose(f);
      corpus_free(c);
      return -1;
    }
    if (strchr(col[0], '-') || strchr(col[0], '.')) continue;
    int y = upos_id(col[3], strlen(col[3]));
    if (y < 0) {
      prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s:%zu: unknown UPOS tag '%s'", path, lineno, col[3]);
      free(line);
      fclose(f);
      corpus_free(c);
      return -1;
    }
    corpus_add(c, col[1], strlen(col[1]), y);
  }
  corpus_end_sentence(c, &start);
  free(line);
  fclose(f);
  corpus_finish(c);
  if (!c->ntok) {
    prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s: no tokens", path);
    corpus_free(c);
    return -1;
  }
  return 0;
}

/* Converts IOB1/IOB2 labels (as BIO ids: 1+4t+{B,I}) of one sentence to BILOU in place. */
static void bio_to_bilou(uint8_t *lab, size_t n) {
  tag_span sp[512];
  size_t ns = prc_tagger_ner_spans(lab, n, sp, 512);
  if (ns > 512) ns = 512;
  memset(lab, TAG_NER_O, n);
  for (size_t k = 0; k < ns; k++) {
    uint32_t b = sp[k].begin, e = sp[k].end;
    int t = sp[k].type;
    if (e - b == 1) {
      lab[b] = (uint8_t)TAG_NER_LABEL(t, TAG_NER_U);
      continue;
    }
    lab[b] = (uint8_t)TAG_NER_LABEL(t, TAG_NER_B);
    for (uint32_t i = b + 1; i + 1 < e; i++) lab[i] = (uint8_t)TAG_NER_LABEL(t, TAG_NER_I);
    lab[e - 1] = (uint8_t)TAG_NER_LABEL(t, TAG_NER_L);
  }
}

/* CoNLL-2003: "token POS chunk NER" lines; blank line = sentence end;
 * -DOCSTART- = new document.  Gold labels are stored as BILOU ids. */
static int read_conll(const char *path, corpus *c, precis_error *err) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "r");
  if (!f) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot open %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0, start = 0, lineno = 0;
  ssize_t len;
  c->ndocs = 1;
  int seen_doc = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
      line[--len] = 0;
    if (len == 0) {
      if (c->ntok > start) bio_to_bilou(c->gold + start, c->ntok - start);
      corpus_end_sentence(c, &start);
      continue;
    }
    if (!strncmp(line, "-DOCSTART-", 10)) {
      if (c->ntok > start) bio_to_bilou(c->gold + start, c->ntok - start);
      corpus_end_sentence(c, &start);
      if (seen_doc || c->nsent) c->ndocs++;
      seen_doc = 1;
      continue;
    }
    char *sp1 = strchr(line, ' ');
    char *last = strrchr(line, ' ');
    if (!sp1 || !last) {
      prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s:%zu: not CoNLL-2003 (expected 'token POS chunk NER')", path, lineno);
      free(line);
      fclose(f);
      corpus_free(c);
      return -1;
    }
    const char *lab = last + 1;
    int y = TAG_NER_O;
    if (strcmp(lab, "O") != 0) {
      int t = (lab[0] == 'B' || lab[0] == 'I') && lab[1] == '-' ? prc_tagger_ent_type(lab + 2) : -1;
      if (t < 0) {
        prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s:%zu: unknown NER label '%s'", path, lineno, lab);
        free(line);
        fclose(f);
        corpus_free(c);
        return -1;
      }
      y = TAG_NER_LABEL(t, lab[0] == 'B' ? TAG_NER_B : TAG_NER_I);
    }
    corpus_add(c, line, (size_t)(sp1 - line), y);
  }
  if (c->ntok > start) bio_to_bilou(c->gold + start, c->ntok - start);
  corpus_end_sentence(c, &start);
  free(line);
  fclose(f);
  corpus_finish(c);
  if (!c->ntok) {
    prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s: no tokens", path);
    corpus_free(c);
    return -1;
  }
  return 0;
}

/* ---- a growable map from 64-bit keys to rows of counts (training only) -------------------- */

typedef struct cmap {
  uint64_t *keys;
  uint32_t *row;
  size_t cap, n;
  uint32_t *cnt; /* n * width */
  int width;
} cmap;

static void cmap_init(cmap *m, int width) {
  memset(m, 0, sizeof *m);
  m->width = width;
  m->cap = 1 << 12;
  m->keys = prc_tr_xrealloc(NULL, m->cap * sizeof *m->keys);
  m->row = prc_tr_xrealloc(NULL, m->cap * sizeof *m->row);
  memset(m->keys, 0, m->cap * sizeof *m->keys);
}

static uint32_t *cmap_get(cmap *m, uint64_t k) {
  if (!k) k = 1;
  if ((m->n + 1) * 2 > m->cap) {
    size_t nc = m->cap * 2;
    uint64_t *nk = prc_tr_xrealloc(NULL, nc * sizeof *nk);
    uint32_t *nr = prc_tr_xrealloc(NULL, nc * sizeof *nr);
    memset(nk, 0, nc * sizeof *nk);
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      size_t j = (size_t)m->keys[i] & (nc - 1);
      while (nk[j]) j = (j + 1) & (nc - 1);
      nk[j] = m->keys[i];
      nr[j] = m->row[i];
    }
    free(m->keys);
    free(m->row);
    m->keys = nk;
    m->row = nr;
    m->cap = nc;
  }
  size_t i = (size_t)k & (m->cap - 1);
  while (m->keys[i]) {
    if (m->keys[i] == k) return m->cnt + (size_t)m->row[i] * m->width;
    i = (i + 1) & (m->cap - 1);
  }
  m->keys[i] = k;
  m->row[i] = (uint32_t)m->n;
  m->cnt = prc_tr_xrealloc(m->cnt, (m->n + 1) * m->width * sizeof *m->cnt);
  memset(m->cnt + m->n * m->width, 0, m->width * sizeof *m->cnt);
  return m->cnt + m->n++ * m->width;
}

static void cmap_free(cmap *m) {
  free(m->keys);
  free(m->row);
  free(m->cnt);
  memset(m, 0, sizeof *m);
}

static void pfx_mark(cmap *pm, uint64_t h) { cmap_get(pm, h)[0] = 1; }
static int pfx_is(cmap *pm, uint64_t h) {
  if (!h) h = 1;
  size_t i = (size_t)h & (pm->cap - 1);
  while (pm->keys[i]) {
    if (pm->keys[i] == h) return 1;
    i = (i + 1) & (pm->cap - 1);
  }
  return 0;
}

/* Builds a runtime lexicon straight from key/value arrays. */
static void lex_from_arrays(model_lex *lx, const uint64_t *k, const uint32_t *v, size_t n) {
  pc_buf b = {0};
  prc_model_lex_write(&b, k, v, n);
  model_section s = {"TEMP", b.p, b.n, 0};
  if (b.oom || prc_model_lex_read(&s, lx, NULL) < 0) prc_tr_die_oom();
  free(b.p);
}

/* ---- notes ----------------------------------------------------------------------------- */

/* Default pruning thresholds (averaged weight units). */
#define POS_PRUNE 0.05f
#define NER_PRUNE 0.05f
#define NER_RUNS 3       /* training runs averaged into each pass (docs/ner.md) */

/* ---- POS ----------------------------------------------------------------------------------- */

static void pos_build_dict(const corpus *c, uint64_t **keys, uint32_t **vals, size_t *n) {
  cmap m;
  cmap_init(&m, TAG_UPOS_COUNT + 1);
  for (size_t i = 0; i < c->ntok; i++) {
    uint32_t *r = cmap_get(&m, prc_tg_lower_hash(c->tok[i].s, c->tok[i].len));
    r[c->gold[i]]++;
    r[TAG_UPOS_COUNT]++;
  }
  *keys = prc_tr_xrealloc(NULL, (m.n ? m.n : 1) * sizeof **keys);
  *vals = prc_tr_xrealloc(NULL, (m.n ? m.n : 1) * sizeof **vals);
  size_t k = 0;
  for (size_t i = 0; i < m.cap; i++) {
    if (!m.keys[i]) continue;
    const uint32_t *r = m.cnt + (size_t)m.row[i] * m.width;
    uint32_t tot = r[TAG_UPOS_COUNT];
    if (tot < 2) continue;
    uint32_t v = 0, best = 0;
    for (int t = 0; t < TAG_UPOS_COUNT; t++) {
      if (r[t] * 10 >= tot && r[t]) v |= 1u << t;
      if (r[t] > r[best]) best = (uint32_t)t;
    }
    if (tot >= 20 && r[best] * 1000 >= tot * 995) v |= TG_DICT_SURE | (best << 24);
    (*keys)[k] = m.keys[i];
    (*vals)[k] = v;
    k++;
  }
  *n = k;
  cmap_free(&m);
}

static void eval_pos_corpus(const tagger *t, const corpus *c, tagger_pos_eval *ev) {
  memset(ev, 0, sizeof *ev);
  uint8_t *out = prc_tr_xrealloc(NULL, c->ntok ? c->ntok : 1);
  for (int rep = 0; rep < 5; rep++) { /* best of 5 (cheap: POS tagging is fast) */
    double t0 = prc_tr_cpu_seconds();
    for (size_t s = 0; s < c->nsent; s++)
      prc_tagger_pos(t, c->tok + c->sent[s], c->sent[s + 1] - c->sent[s], out + c->sent[s]);
    double dt = prc_tr_cpu_seconds() - t0;
    if (rep == 0 || dt < ev->seconds) ev->seconds = dt;
  }
  for (size_t i = 0; i < c->ntok; i++) {
    ev->n++;
    ev->gold[c->gold[i]]++;
    ev->pred[out[i]]++;
    ev->confusion[c->gold[i]][out[i]]++;
    if (out[i] == c->gold[i]) {
      ev->correct++;
      ev->hit[out[i]]++;
    }
  }
  free(out);
}

/* Writes the weights; the exported model is left in *m (free with prc_pc_model_free). */
static int export_model_as(pc_trainer *tr, float prune, model_writer *w, pc_model *m, const char *sec) {
  if (prc_pc_trainer_export(tr, prune, m) < 0) return -1;
  pc_buf *b = prc_model_writer_section(w, sec);
  return b ? prc_pc_model_write(m, b) : -1;
}

static int export_model(pc_trainer *tr, float prune, model_writer *w, pc_model *m) {
  return export_model_as(tr, prune, w, m, "WGHT");
}

/* The vocabulary ("VOCB"): each distinct (normalised, cased) word of the
 * training data once; the loader builds the word cache from it. */
static void write_vocab(model_writer *w, const corpus *c) {
  cmap seen;
  cmap_init(&seen, 1);
  pc_buf body = {0};
  uint32_t n = 0;
  for (size_t i = 0; i < c->ntok; i++) {
    tg_lex L;
    prc_tg_lex_of(&c->tok[i], NULL, NULL, &L);
    uint32_t *r = cmap_get(&seen, L.word);
    if (r[0] || c->tok[i].len > 0xffff) continue;
    r[0] = 1;
    prc_pc_buf_u16(&body, (uint16_t)c->tok[i].len);
    prc_pc_buf_put(&body, c->tok[i].s, c->tok[i].len);
    n++;
  }
  pc_buf *b = prc_model_writer_section(w, "VOCB");
  prc_pc_buf_u32(b, n);
  prc_pc_buf_put(b, body.p, body.n);
  if (body.oom) b->oom = 1;
  free(body.p);
  cmap_free(&seen);
}

static tagger *writer_to_tagger(model_writer *w) {
  pc_buf b;
  if (prc_model_writer_finish(w, &b) < 0) prc_tr_die_oom();
  precis_error err;
  tagger *t = prc_tagger_load_memory_exact(b.p, b.n, &err); /* the dev figure of the weights as trained */
  if (!t) fprintf(stderr, "precis: internal error: %s\n", err.message);
  free(b.p);
  return t;
}

int prc_tagger_train_pos(const tagger_train_opts *o, double *dev_score, precis_error *err) {
  corpus tr, dv;
  if (read_conllu(o->train_path, &tr, err) < 0) return -1;
  if (read_conllu(o->dev_path, &dv, err) < 0) {
    corpus_free(&tr);
    return -1;
  }
  int epochs = o->epochs > 0 ? o->epochs : 12;
  uint64_t seed = o->seed ? o->seed : 1;
  uint64_t *dk;
  uint32_t *dvals;
  size_t dn;
  pos_build_dict(&tr, &dk, &dvals, &dn);
  model_lex dict;
  lex_from_arrays(&dict, dk, dvals, dn);
  uint64_t *ck = NULL;
  uint32_t *cv = NULL;
  size_t cn = 0;
  model_lex clus = {0};
  if (!o->no_clusters) {
    char dir[4096];
    if (o->text_dir) {
      snprintf(dir, sizeof dir, "%s", o->text_dir);
    } else { /* parent of the training file's folder */
      snprintf(dir, sizeof dir, "%s", o->train_path);
      for (int up = 0; up < 2; up++) {
        char *sl = strrchr(dir, '/');
        if (sl) *sl = 0;
        else snprintf(dir, sizeof dir, "%s", up ? ".." : ".");
      }
    }
    tag_token *extra = prc_tr_xrealloc(NULL, (tr.ntok + tr.nsent) * sizeof *extra);
    size_t ne = 0;
    for (size_t s = 0; s < tr.nsent; s++) {
      for (size_t i = tr.sent[s]; i < tr.sent[s + 1]; i++) extra[ne++] = tr.tok[i];
      extra[ne].s = "";
      extra[ne++].len = 0;
    }
    prc_tg_build_clusters(dir, extra, ne, o->verbose, &ck, &cv, &cn);
    free(extra);
    lex_from_arrays(&clus, ck, cv, cn);
  }
  if (o->verbose)
    fprintf(stderr, "train pos: %zu sentences, %zu tokens; dev %zu tokens; dictionary %zu words\n",
            tr.nsent, tr.ntok, dv.ntok, dn);

  pc_trainer *T = prc_pc_trainer_new(TAG_UPOS_COUNT);
  if (!T) prc_tr_die_oom();
  pc_rng rng;
  prc_pc_rng_seed(&rng, seed);
  uint32_t *order = prc_tr_xrealloc(NULL, tr.nsent * sizeof *order);
  for (size_t s = 0; s < tr.nsent; s++) order[s] = (uint32_t)s;
  uint64_t f[TG_MAXF];
  float sc[TG_MAX_LABELS];
  for (int ep = 0; ep < epochs; ep++) {
    double t0 = prc_tr_cpu_seconds();
    prc_pc_shuffle(&rng, order, tr.nsent);
    size_t n = 0, ok = 0;
    for (size_t q = 0; q < tr.nsent; q++) {
      size_t s = order[q], b = tr.sent[s], len = tr.sent[s + 1] - b;
      tg_run r;
      prc_tg_run_init(&r, tr.tok + b, len);
      r.dict = &dict;
      r.clus = cn ? &clus : NULL;
      int p1 = TAG_UPOS_COUNT, p2 = TAG_UPOS_COUNT;
      for (size_t i = 0; i < len; i++) {
        int gold = tr.gold[b + i], y;
        size_t nf = prc_tg_pos_feats(&r, i, p1, p2, f);
        uint32_t dv0 = r.ring[i % TG_RING].dict;
        if (dv0 & TG_DICT_SURE) {
          y = (int)TG_DICT_TAG(dv0);
        } else {
          memset(sc, 0, sizeof sc);
          prc_pc_trainer_score(T, f, nf, sc);
          y = 0;
          for (int k = 1; k < TAG_UPOS_COUNT; k++)
            if (sc[k] > sc[y]) y = k;
          prc_pc_trainer_learn(T, f, nf, gold, y);
          prc_pc_trainer_tick(T);
        }
        n++;
        ok += y == gold;
        p2 = p1;
        p1 = y;
      }
    }
    if (o->verbose)
      fprintf(stderr, "  epoch %d: train accuracy %.4f, %zu features, %.1fs\n", ep + 1,
              (double)ok / (double)n, prc_pc_trainer_nfeatures(T), prc_tr_cpu_seconds() - t0);
  }
  free(order);

  model_writer w;
  prc_model_writer_init(&w, TG_FEATSET_POS);
  prc_model_writer_labels(&w, prc_tg_upos_names, TAG_UPOS_COUNT);
  prc_model_lex_write(prc_model_writer_section(&w, "DICT"), dk, dvals, dn);
  if (cn) prc_model_lex_write(prc_model_writer_section(&w, "CLUS"), ck, cv, cn);
  free(ck);
  free(cv);
  pc_model pm;
  if (export_model(T, o->prune > 0 ? o->prune : POS_PRUNE, &w, &pm) < 0) prc_tr_die_oom();
  write_vocab(&w, &tr);
  prc_pc_model_free(&pm);
  prc_model_lex_free(&clus);
  prc_pc_trainer_free(T);
  prc_model_lex_free(&dict);
  free(dk);
  free(dvals);
  tagger *tg = writer_to_tagger(&w);
  if (!tg) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "internal error: the trained model does not load");
    prc_model_writer_free(&w);
    corpus_free(&tr);
    corpus_free(&dv);
    return -1;
  }
  tagger_pos_eval ev;
  eval_pos_corpus(tg, &dv, &ev);
  double acc = ev.n ? (double)ev.correct / (double)ev.n : 0;
  if (dev_score) *dev_score = acc;
  prc_tagger_free(tg);

  char date[32], note[1024];
  prc_tr_today(date, sizeof date);
  snprintf(note, sizeof note,
           "kind: pos (UPOS)\n"
           "data: Universal Dependencies English Web Treebank (%s)\n"
           "licence: CC BY-SA 4.0 (UD English EWT)\n"
           "date: %s\n"
           "dev: UPOS accuracy %.4f on %s (%zu tokens)\n"
           "epochs: %d\nseed: %llu\n"
           "features: greedy averaged perceptron, hashed word/affix/shape/context/tag-dictionary features\n",
           prc_tr_base_name(o->train_path), date, acc, prc_tr_base_name(o->dev_path), ev.n, epochs,
           (unsigned long long)seed);
  prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
  int rc = prc_model_writer_save(&w, o->out_path, err);
  prc_model_writer_free(&w);
  corpus_free(&tr);
  corpus_free(&dv);
  return rc;
}

int prc_tagger_eval_pos(const tagger *t, const char *path, tagger_pos_eval *ev, precis_error *err) {
  corpus c;
  if (read_conllu(path, &c, err) < 0) return -1;
  eval_pos_corpus(t, &c, ev);
  corpus_free(&c);
  return 0;
}

/* ---- NER -------------------------------------------------------------------------------------- */

#define NFOLDS 10
#define GAZ_MAXLEN 4

/* Entity phrases of the training data: global lexicon and one per fold
 * (built without that fold's documents, so that training sees the
 * gazetteer as it will be at run time: incomplete). */
static size_t read_names(const char *path, cmap *m, cmap *fn) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  char line[256];
  size_t n = 0;
  while (fgets(line, sizeof line, f)) {
    size_t l = strcspn(line, "\r\n");
    if (!l) continue;
    uint64_t h = prc_tg_lower_hash(line, l);
    cmap_get(m, h);
    pfx_mark(fn, h);
    n++;
  }
  fclose(f);
  return n;
}

static void ner_build_gaz(const corpus *c, const char *names_dir, model_lex *all, model_lex *fold,
                          uint64_t **gk, uint32_t **gv, size_t *gn, size_t *nnames) {
  cmap m, pm, fn;
  cmap_init(&m, (NFOLDS + 1) * TAG_ENT_COUNT);
  cmap_init(&pm, 1);
  cmap_init(&fn, 1);
  *nnames = 0;
  if (names_dir) {
    char path[8192 + 32];
    snprintf(path, sizeof path, "%s/female.txt", names_dir);
    *nnames += read_names(path, &m, &fn);
    snprintf(path, sizeof path, "%s/male.txt", names_dir);
    *nnames += read_names(path, &m, &fn);
  }
  for (size_t s = 0; s < c->nsent; s++) {
    size_t b = c->sent[s], len = c->sent[s + 1] - b;
    tag_span sp[256];
    size_t ns = prc_tagger_ner_spans(c->gold + b, len, sp, 256);
    if (ns > 256) ns = 256;
    int fd = (int)(c->doc[s] % NFOLDS);
    for (size_t k = 0; k < ns; k++) {
      size_t L = sp[k].end - sp[k].begin;
      if (L > GAZ_MAXLEN) continue;
      uint64_t h = 0;
      for (size_t j = 0; j < L; j++) {
        const tag_token *t = &c->tok[b + sp[k].begin + j];
        h = prc_tg_gaz_key(h, prc_tg_lower_hash(t->s, t->len), (int)j + 1);
      }
      uint32_t *r = cmap_get(&m, h);
      r[sp[k].type]++;
      r[(1 + fd) * TAG_ENT_COUNT + sp[k].type]++;
      /* mark the proper prefixes, so that look-ups can stop early */
      h = 0;
      for (size_t j = 0; j + 1 < L; j++) {
        const tag_token *t = &c->tok[b + sp[k].begin + j];
        h = prc_tg_gaz_key(h, prc_tg_lower_hash(t->s, t->len), (int)j + 1);
        cmap_get(&m, h); /* prefix-only phrases get an entry with no types */
        pfx_mark(&pm, h);
      }
    }
  }
  uint64_t *k = prc_tr_xrealloc(NULL, (m.n ? m.n : 1) * sizeof *k);
  uint32_t *v = prc_tr_xrealloc(NULL, (m.n ? m.n : 1) * sizeof *v);
  uint32_t *vf = prc_tr_xrealloc(NULL, (m.n ? m.n : 1) * sizeof *vf);
  size_t n = 0;
  for (size_t i = 0; i < m.cap; i++) {
    if (!m.keys[i]) continue;
    const uint32_t *r = m.cnt + (size_t)m.row[i] * m.width;
    uint32_t mask = 0;
    for (int t = 0; t < TAG_ENT_COUNT; t++)
      if (r[t]) mask |= 1u << t;
    if (pfx_is(&pm, m.keys[i])) mask |= TG_GAZ_PREFIX;
    if (pfx_is(&fn, m.keys[i])) mask |= TG_GAZ_FIRST;
    k[n] = m.keys[i];
    v[n] = mask;
    n++;
  }
  lex_from_arrays(all, k, v, n);
  for (int fd = 0; fd < NFOLDS; fd++) {
    size_t q = 0;
    for (size_t i = 0; i < m.cap; i++) {
      if (!m.keys[i]) continue;
      const uint32_t *r = m.cnt + (size_t)m.row[i] * m.width;
      uint32_t mask = 0;
      for (int t = 0; t < TAG_ENT_COUNT; t++)
        if (r[t] - r[(1 + fd) * TAG_ENT_COUNT + t]) mask |= 1u << t;
      vf[q] = mask | (v[q] & (TG_GAZ_PREFIX | TG_GAZ_FIRST));
      q++;
    }
    lex_from_arrays(&fold[fd], k, vf, n);
  }
  free(vf);
  *gk = k;
  *gv = v;
  *gn = n;
  cmap_free(&m);
  cmap_free(&pm);
  cmap_free(&fn);
}

static void pos_tag_corpus(const tagger *pos, const corpus *c, uint8_t *out) {
  for (size_t s = 0; s < c->nsent; s++)
    prc_tagger_pos(pos, c->tok + c->sent[s], c->sent[s + 1] - c->sent[s], out + c->sent[s]);
}

static void ner_count(const uint8_t *gold, const uint8_t *pred, size_t n, tagger_ner_eval *ev) {
  tag_span g[256], p[256];
  size_t ng = prc_tagger_ner_spans(gold, n, g, 256), np = prc_tagger_ner_spans(pred, n, p, 256);
  if (ng > 256) ng = 256;
  if (np > 256) np = 256;
  for (size_t i = 0; i < ng; i++) ev->gold[g[i].type]++;
  for (size_t j = 0; j < np; j++) ev->pred[p[j].type]++;
  for (size_t i = 0, j = 0; i < ng && j < np;) {
    if (g[i].begin == p[j].begin) {
      if (g[i].end == p[j].end && g[i].type == p[j].type) ev->hit[g[i].type]++;
      i++;
      j++;
    } else if (g[i].begin < p[j].begin) {
      i++;
    } else {
      j++;
    }
  }
}

static double ner_f1(const tagger_ner_eval *ev) {
  size_t g = 0, p = 0, h = 0;
  for (int t = 0; t < TAG_ENT_COUNT; t++) {
    g += ev->gold[t];
    p += ev->pred[t];
    h += ev->hit[t];
  }
  return g + p ? 2.0 * (double)h / (double)(g + p) : 0;
}

/* One token's label in IOB2 ("O", "B-ORG", "I-ORG"), as conlleval reads it. */
static void ner_iob(int lab, char *buf) {
  if (!lab) {
    strcpy(buf, "O");
    return;
  }
  int part = TAG_NER_PART(lab);
  snprintf(buf, 16, "%c-%s", part == TAG_NER_B || part == TAG_NER_U ? 'B' : 'I',
           prc_tagger_ent_name(TAG_NER_TYPE(lab)));
}

/* Writes "WORD GOLD PREDICTED" a token (IOB2), a blank line after each
 * sentence: conlleval's input, for error analysis. */
static void ner_write_predictions(const corpus *c, const uint8_t *out, FILE *fp) {
  char g[16], p[16];
  for (size_t s = 0; s < c->nsent; s++) {
    if (s && c->doc[s] != c->doc[s - 1]) fputs("-DOCSTART- O O\n\n", fp);
    for (size_t i = c->sent[s]; i < c->sent[s + 1]; i++) {
      ner_iob(c->gold[i], g);
      ner_iob(out[i], p);
      fprintf(fp, "%.*s %s %s\n", (int)c->tlen_[i], c->text + c->toff[i], g, p);
    }
    fputc('\n', fp);
  }
}

static void eval_ner_corpus(const tagger *t, const tagger *pos, const corpus *c,
                            tagger_ner_eval *ev, int repeat, FILE *pred_out) {
  memset(ev, 0, sizeof *ev);
  uint8_t *pt = prc_tr_xrealloc(NULL, c->ntok ? c->ntok : 1);
  uint8_t *out = prc_tr_xrealloc(NULL, c->ntok ? c->ntok : 1);
  if (repeat < 1) repeat = 1;
  size_t maxdoc = 1;
  for (size_t s = 0; s < c->nsent;) {
    size_t e = s;
    while (e < c->nsent && c->doc[e] == c->doc[s]) e++;
    if (c->sent[e] - c->sent[s] > maxdoc) maxdoc = c->sent[e] - c->sent[s];
    s = e;
  }
  uint32_t *sb = prc_tr_xrealloc(NULL, (c->nsent + 1) * sizeof *sb);
  void *scratch = prc_tr_xrealloc(NULL, prc_tagger_ner_doc_scratch(t, maxdoc));
  double best = 0;
  for (int rep = 0; rep < repeat; rep++) { /* the best of the repeats: least disturbed */
    double t0 = prc_tr_cpu_seconds();
    for (size_t s = 0; s < c->nsent; s++) {
      size_t b = c->sent[s], len = c->sent[s + 1] - b;
      prc_tagger_pos(pos, c->tok + b, len, pt + b);
    }
    for (size_t s = 0; s < c->nsent;) { /* a document at a time, as tags.c does */
      size_t e = s;
      while (e < c->nsent && c->doc[e] == c->doc[s]) e++;
      size_t b = c->sent[s], n = c->sent[e] - b;
      for (size_t q = s; q <= e; q++) sb[q - s] = (uint32_t)(c->sent[q] - b);
      prc_tagger_ner_doc(t, c->tok + b, pos ? pt + b : NULL, n, sb, e - s, scratch, out + b);
      s = e;
    }
    double dt = prc_tr_cpu_seconds() - t0;
    if (rep == 0 || dt < best) best = dt;
  }
  ev->seconds = best;
  ev->ntokens = c->ntok;
  for (size_t s = 0; s < c->nsent; s++) {
    size_t b = c->sent[s], len = c->sent[s + 1] - b;
    ner_count(c->gold + b, out + b, len, ev);
  }
  if (pred_out) ner_write_predictions(c, out, pred_out);
  free(sb);
  free(scratch);
  free(pt);
  free(out);
}

int prc_tagger_eval_ner(const tagger *t, const tagger *pos, const char *path, tagger_ner_eval *ev,
                    int repeat, FILE *pred_out, precis_error *err) {
  corpus c;
  if (read_conll(path, &c, err) < 0) return -1;
  eval_ner_corpus(t, pos ? pos : prc_tagger_builtin_pos(), &c, ev, repeat, pred_out);
  corpus_free(&c);
  return 0;
}

/* One training run of an NER pass over the training sentences (those of
 * fold skip excluded, -1 = none); docf/ndocf: the second pass's document
 * features of every training token, or NULL (first pass). */
static pc_trainer *ner_train_pass(const corpus *tr, const uint8_t *trpos, const model_lex *gaz_fold,
                                  const model_lex *clus, int epochs, uint64_t seed, int skip,
                                  const uint64_t *docf, const uint8_t *ndocf, int verbose) {
  pc_trainer *T = prc_pc_trainer_new(TAG_NER_COUNT);
  if (!T) prc_tr_die_oom();
  pc_rng rng;
  prc_pc_rng_seed(&rng, seed);
  uint32_t *order = prc_tr_xrealloc(NULL, tr->nsent * sizeof *order);
  size_t no = 0;
  for (size_t s = 0; s < tr->nsent; s++)
    if (skip < 0 || tr->doc[s] % NFOLDS != (uint32_t)skip) order[no++] = (uint32_t)s;
  uint64_t f[TG_MAXF];
  float sc[TG_MAX_LABELS];
  for (int ep = 0; ep < epochs; ep++) {
    double t0 = prc_tr_cpu_seconds();
    prc_pc_shuffle(&rng, order, no);
    size_t n = 0, ok = 0;
    for (size_t q = 0; q < no; q++) {
      size_t s = order[q], b = tr->sent[s], len = tr->sent[s + 1] - b;
      tg_run r;
      prc_tg_run_init(&r, tr->tok + b, len);
      r.gaz = &gaz_fold[tr->doc[s] % NFOLDS];
      r.clus = clus;
      r.fold = 1;
      r.pos_in = trpos + b;
      if (docf) {
        r.docf = docf + b * TG_DOCF;
        r.ndocf = ndocf + b;
      }
      int p1 = TAG_NER_COUNT, p2 = TAG_NER_COUNT;
      for (size_t i = 0; i < len; i++) {
        int gold = tr->gold[b + i];
        size_t nf = prc_tg_ner_feats(&r, i, p1, p2, f);
        memset(sc, 0, sizeof sc);
        prc_pc_trainer_score(T, f, nf, sc);
        uint32_t allow = prc_tg_ner_allowed(p1, i + 1 == len);
        int y = -1;
        for (int k = 0; k < TAG_NER_COUNT; k++)
          if ((allow >> k) & 1u)
            if (y < 0 || sc[k] > sc[y]) y = k;
        if (y != gold) prc_pc_trainer_learn(T, f, nf, gold, y);
        prc_pc_trainer_tick(T);
        n++;
        ok += y == gold;
        p2 = p1;
        p1 = y;
      }
    }
    if (verbose)
      fprintf(stderr, "  %s epoch %d: train accuracy %.4f, %zu features, %.1fs\n", docf ? "pass 2" : "pass 1",
              ep + 1, (double)ok / (double)n, prc_pc_trainer_nfeatures(T), prc_tr_cpu_seconds() - t0);
  }
  free(order);
  return T;
}

/* nruns training runs of a pass (seeds seed, seed + 1000003, ...: other
 * sentence orders), their averaged weights averaged into one trainer: an
 * ensemble at the run-time cost of one model.  One run: ner_train_pass. */
static pc_trainer *ner_train_runs(const corpus *tr, const uint8_t *trpos, const model_lex *gaz_fold,
                                  const model_lex *clus, int epochs, uint64_t seed, int nruns,
                                  const uint64_t *docf, const uint8_t *ndocf, int verbose) {
  if (nruns <= 1) return ner_train_pass(tr, trpos, gaz_fold, clus, epochs, seed, -1, docf, ndocf, verbose);
  pc_trainer *sum = prc_pc_trainer_new(TAG_NER_COUNT);
  if (!sum) prc_tr_die_oom();
  for (int run = 0; run < nruns; run++) {
    if (verbose) fprintf(stderr, "  %s run %d/%d\n", docf ? "pass 2" : "pass 1", run + 1, nruns);
    pc_trainer *T = ner_train_pass(tr, trpos, gaz_fold, clus, epochs, seed + (uint64_t)run * 1000003u, -1, docf,
                                   ndocf, verbose);
    prc_pc_trainer_accumulate(sum, T, 1.0f / (float)nruns);
    prc_pc_trainer_free(T);
  }
  return sum;
}

/* First-pass labels of training sentence s from exported weights m (the
 * training-side features: what the run time computes). */
static void ner_tag_model(const pc_model *m, const corpus *tr, const uint8_t *trpos, const model_lex *gaz,
                          const model_lex *clus, size_t s, uint8_t *out) {
  size_t b = tr->sent[s], len = tr->sent[s + 1] - b;
  tg_run r;
  prc_tg_run_init(&r, tr->tok + b, len);
  r.gaz = gaz;
  r.clus = clus;
  r.fold = 1;
  r.pos_in = trpos + b;
  uint64_t f[TG_MAXF];
  int p1 = TAG_NER_COUNT, p2 = TAG_NER_COUNT;
  for (size_t i = 0; i < len; i++) {
    int32_t sc[TG_MAX_LABELS];
    size_t nf = prc_tg_ner_feats(&r, i, p1, p2, f);
    memset(sc, 0, sizeof sc);
    pc_model_score(m, f, nf, sc);
    uint32_t allow = prc_tg_ner_allowed(p1, i + 1 == len);
    int y = -1;
    for (int k = 0; k < TAG_NER_COUNT; k++)
      if ((allow >> k) & 1u)
        if (y < 0 || sc[k] > sc[y]) y = k;
    out[b + i] = (uint8_t)y;
    p2 = p1;
    p1 = y;
  }
}

/* The second pass's document features of every token, from labels p1. */
static void ner_doc_feats_corpus(const corpus *c, const uint8_t *p1, uint64_t *docf, uint8_t *ndocf) {
  uint32_t *sb = prc_tr_xrealloc(NULL, (c->nsent + 1) * sizeof *sb);
  void *scratch = NULL;
  size_t have = 0;
  for (size_t s = 0; s < c->nsent;) {
    size_t e = s;
    while (e < c->nsent && c->doc[e] == c->doc[s]) e++;
    size_t b = c->sent[s], n = c->sent[e] - b;
    for (size_t q = s; q <= e; q++) sb[q - s] = (uint32_t)(c->sent[q] - b);
    size_t need = prc_tg_ner_doc_scratch(n);
    if (need > have) {
      scratch = prc_tr_xrealloc(scratch, need);
      have = need;
    }
    prc_tg_ner_doc_feats(c->tok + b, n, sb, e - s, p1 + b, NULL, scratch, docf + b * TG_DOCF, ndocf + b);
    s = e;
  }
  free(scratch);
  free(sb);
}

int prc_tagger_train_ner(const tagger_train_opts *o, double *dev_score, precis_error *err) {
  precis_error why;
  const tagger *pos = o->pos ? o->pos : prc_tagger_builtin(TAGGER_POS, &why);
  if (!pos) {
    prc_error_set(err, why.code, PRECIS_NO_OFFSET, "NER training needs a POS model (--pos-model PATH): %s",
                  why.message);
    return -1;
  }
  corpus tr, dv;
  if (read_conll(o->train_path, &tr, err) < 0) return -1;
  if (read_conll(o->dev_path, &dv, err) < 0) {
    corpus_free(&tr);
    return -1;
  }
  int epochs = o->epochs > 0 ? o->epochs : 12;
  uint64_t seed = o->seed ? o->seed : 1;
  uint8_t *trpos = prc_tr_xrealloc(NULL, tr.ntok);
  pos_tag_corpus(pos, &tr, trpos);

  model_lex gaz_all, gaz_fold[NFOLDS];
  uint64_t *gk;
  uint32_t *gv;
  size_t gn;
  char names_dir[8192];
  if (o->text_dir) {
    snprintf(names_dir, sizeof names_dir, "%s/names/stdlib", o->text_dir);
  } else { /* the usual layout: DATA/conll2003/train.txt -> DATA/names/stdlib */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", o->train_path);
    for (int up = 0; up < 2; up++) {
      char *sl = strrchr(dir, '/');
      if (sl) *sl = 0;
      else snprintf(dir, sizeof dir, "%s", up ? ".." : ".");
    }
    snprintf(names_dir, sizeof names_dir, "%s/names/stdlib", dir);
  }
  size_t nnames = 0;
  ner_build_gaz(&tr, names_dir, &gaz_all, gaz_fold, &gk, &gv, &gn,
                &nnames);
  /* word clusters: those of the POS model */
  size_t cn = 0;
  uint64_t *ck = prc_tr_xrealloc(NULL, (pos->clus.e ? pos->clus.mask + 1 : 1) * sizeof *ck);
  uint32_t *cv = prc_tr_xrealloc(NULL, (pos->clus.e ? pos->clus.mask + 1 : 1) * sizeof *cv);
  if (pos->clus.e)
    for (size_t i = 0; i <= pos->clus.mask; i++)
      if (pos->clus.e[i].key) {
        ck[cn] = pos->clus.e[i].key;
        cv[cn++] = pos->clus.e[i].val;
      }
  if (o->verbose)
    fprintf(stderr, "train ner: %zu documents, %zu sentences, %zu tokens; dev %zu tokens; gazetteer %zu phrases, %zu first names\n",
            tr.ndocs, tr.nsent, tr.ntok, dv.ntok, gn, nnames);

  const model_lex *clus = cn ? &pos->clus : NULL;
  int nruns = o->runs > 0 ? o->runs : NER_RUNS;
  pc_trainer *T = ner_train_runs(&tr, trpos, gaz_fold, clus, epochs, seed, nruns, NULL, NULL, o->verbose);
  /* the second pass: document evidence from first-pass labels that are as
   * good as at run time - each training document tagged by a first pass
   * trained without its fold (jackknifing) */
  pc_trainer *T2 = NULL;
  {
    uint8_t *jk = prc_tr_xrealloc(NULL, tr.ntok);
    for (int fd = 0; fd < NFOLDS; fd++) {
      pc_trainer *Tf = ner_train_pass(&tr, trpos, gaz_fold, clus, epochs, seed + 1 + (uint64_t)fd, fd, NULL, NULL, 0);
      pc_model m;
      if (prc_pc_trainer_export(Tf, NER_PRUNE, &m) < 0) prc_tr_die_oom();
      prc_pc_trainer_free(Tf);
      for (size_t s = 0; s < tr.nsent; s++)
        if (tr.doc[s] % NFOLDS == (uint32_t)fd) ner_tag_model(&m, &tr, trpos, &gaz_fold[fd], clus, s, jk);
      prc_pc_model_free(&m);
      if (o->verbose) fprintf(stderr, "  jackknife fold %d/%d tagged\n", fd + 1, NFOLDS);
    }
    uint64_t *docf = prc_tr_xrealloc(NULL, tr.ntok * TG_DOCF * sizeof *docf);
    uint8_t *ndocf = prc_tr_xrealloc(NULL, tr.ntok);
    ner_doc_feats_corpus(&tr, jk, docf, ndocf);
    T2 = ner_train_runs(&tr, trpos, gaz_fold, clus, epochs, seed, nruns, docf, ndocf, o->verbose);
    free(docf);
    free(ndocf);
    free(jk);
  }
  free(trpos);

  model_writer w;
  prc_model_writer_init(&w, T2 ? TG_FEATSET_NER2 : TG_FEATSET_NER);
  prc_model_writer_labels(&w, prc_tg_ner_names, TAG_NER_COUNT);
  prc_model_lex_write(prc_model_writer_section(&w, "GAZT"), gk, gv, gn);
  if (cn) prc_model_lex_write(prc_model_writer_section(&w, "CLUS"), ck, cv, cn);
  free(ck);
  free(cv);
  pc_model nm;
  if (export_model(T, o->prune > 0 ? o->prune : NER_PRUNE, &w, &nm) < 0) prc_tr_die_oom();
  prc_pc_model_free(&nm);
  if (T2) {
    if (export_model_as(T2, o->prune > 0 ? o->prune : NER_PRUNE, &w, &nm, "WGH2") < 0) prc_tr_die_oom();
    prc_pc_model_free(&nm);
    prc_pc_trainer_free(T2);
  }
  write_vocab(&w, &tr);
  prc_pc_trainer_free(T);
  prc_model_lex_free(&gaz_all);
  for (int i = 0; i < NFOLDS; i++) prc_model_lex_free(&gaz_fold[i]);
  free(gk);
  free(gv);
  tagger *tg = writer_to_tagger(&w);
  if (!tg) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "internal error: the trained model does not load");
    prc_model_writer_free(&w);
    corpus_free(&tr);
    corpus_free(&dv);
    return -1;
  }
  tagger_ner_eval ev;
  eval_ner_corpus(tg, pos, &dv, &ev, 1, NULL);
  double f1 = ner_f1(&ev);
  if (dev_score) *dev_score = f1;
  prc_tagger_free(tg);

  char date[32], note[2048];
  prc_tr_today(date, sizeof date);
  snprintf(note, sizeof note,
           "kind: ner (PER ORG LOC MISC, BILOU)\n"
           "data: CoNLL-2003 English (%s); POS features from the precis POS tagger; first names: %zu from names/stdlib\n"
           "licence: Reuters RCV1 text, research use only (CoNLL-2003 shared task); name lists CC0 1.0\n"
           "date: %s\n"
           "dev: entity F1 %.4f on %s (%zu tokens)\n"
           "epochs: %d\nruns: %d\nseed: %llu\n"
           "features: greedy averaged perceptron, hashed word/affix/shape/context/POS/gazetteer features; "
           "a second pass adds document-level evidence from the first pass's labels (trained on %d-fold "
           "jackknifed first-pass labels)\n",
           prc_tr_base_name(o->train_path), nnames, date, f1, prc_tr_base_name(o->dev_path), ev.ntokens, epochs,
           nruns, (unsigned long long)seed, NFOLDS);
  prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
  int rc = prc_model_writer_save(&w, o->out_path, err);
  prc_model_writer_free(&w);
  corpus_free(&tr);
  corpus_free(&dv);
  return rc;
}
