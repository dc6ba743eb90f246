/* test_perceptron.c - the averaged perceptron core and the tagger trainers
 * on tiny hand-made corpora (written for this test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/model.h"
#include "model/perceptron.h"
#include "model/tagger_features.h"
#include "train/perceptron_train.h"
#include "train/train.h"

/* ---- the core on a toy tagging problem ------------------------------------------ */

enum { DET, NOUN, VERB, ADJ, NTAGS };

typedef struct sent {
  const char *w[8];
  int t[8];
} sent;

static const sent corpus[] = {
    {{"the", "council", "approved", "the", "budget", NULL}, {DET, NOUN, VERB, DET, NOUN}},
    {{"a", "minister", "resigned", NULL}, {DET, NOUN, VERB}},
    {{"the", "mayor", "praised", "a", "new", "plan", NULL}, {DET, NOUN, VERB, DET, ADJ, NOUN}},
    {{"the", "red", "cat", "sleeps", NULL}, {DET, ADJ, NOUN, VERB}},
    {{"a", "small", "cat", "barked", NULL}, {DET, ADJ, NOUN, VERB}},
    {{"the", "union", "opposed", "the", "old", "plan", NULL}, {DET, NOUN, VERB, DET, ADJ, NOUN}},
};
#define NSENT (sizeof corpus / sizeof corpus[0])

static size_t feats(const sent *s, int i, int prev, uint64_t *f) {
  size_t k = 0, n = strlen(s->w[i]);
  f[k++] = pc_feat1(1, 0);
  f[k++] = pc_feat1(2, prc_pc_hash_bytes(s->w[i], n));
  f[k++] = pc_feat1(3, (uint64_t)prev);
  f[k++] = pc_feat1(4, prc_pc_hash_bytes(s->w[i] + (n > 2 ? n - 2 : 0), n > 2 ? 2 : n));
  return k;
}

static int len(const sent *s) {
  int n = 0;
  while (n < 8 && s->w[n]) n++;
  return n;
}

static pc_model train(uint64_t seed, int epochs) {
  pc_trainer *t = prc_pc_trainer_new(NTAGS);
  pc_rng r;
  prc_pc_rng_seed(&r, seed);
  uint32_t order[NSENT];
  for (uint32_t i = 0; i < NSENT; i++) order[i] = i;
  for (int ep = 0; ep < epochs; ep++) {
    prc_pc_shuffle(&r, order, NSENT);
    for (size_t q = 0; q < NSENT; q++) {
      const sent *s = &corpus[order[q]];
      int prev = NTAGS;
      for (int i = 0; i < len(s); i++) {
        uint64_t f[8];
        size_t nf = feats(s, i, prev, f);
        float sc[NTAGS] = {0};
        prc_pc_trainer_score(t, f, nf, sc);
        int y = 0;
        for (int c = 1; c < NTAGS; c++)
          if (sc[c] > sc[y]) y = c;
        prc_pc_trainer_learn(t, f, nf, s->t[i], y);
        prc_pc_trainer_tick(t);
        prev = y;
      }
    }
  }
  pc_model m;
  assert_int_equal(prc_pc_trainer_export(t, 0.0f, &m), 0);
  prc_pc_trainer_free(t);
  return m;
}

static void tag(const pc_model *m, const sent *s, int *out) {
  int prev = NTAGS;
  for (int i = 0; i < len(s); i++) {
    uint64_t f[8];
    size_t nf = feats(s, i, prev, f);
    int32_t sc[32] = {0};
    pc_model_score(m, f, nf, sc);
    int y = 0;
    for (int c = 1; c < NTAGS; c++)
      if (sc[c] > sc[y]) y = c;
    out[i] = prev = y;
  }
}

static void test_learns_toy_corpus(void **state) {
  (void)state;
  pc_model m = train(7, 20);
  for (size_t k = 0; k < NSENT; k++) {
    int out[8];
    tag(&m, &corpus[k], out);
    assert_memory_equal(out, corpus[k].t, (size_t)len(&corpus[k]) * sizeof(int));
  }
  /* known words in a new order */
  sent novel = {{"a", "new", "cat", "resigned", NULL}, {0}};
  int out[8];
  tag(&m, &novel, out);
  assert_int_equal(out[0], DET);
  assert_int_equal(out[1], ADJ);
  assert_int_equal(out[2], NOUN);
  assert_int_equal(out[3], VERB);
  prc_pc_model_free(&m);
}

static void test_deterministic(void **state) {
  (void)state;
  pc_model a = train(42, 6), b = train(42, 6);
  pc_buf ba = {0}, bb = {0};
  assert_int_equal(prc_pc_model_write(&a, &ba), 0);
  assert_int_equal(prc_pc_model_write(&b, &bb), 0);
  assert_int_equal(ba.n, bb.n);
  assert_memory_equal(ba.p, bb.p, ba.n);
  free(ba.p);
  free(bb.p);
  prc_pc_model_free(&a);
  prc_pc_model_free(&b);
}

static void test_rng_and_shuffle(void **state) {
  (void)state;
  pc_rng a, b;
  prc_pc_rng_seed(&a, 5);
  prc_pc_rng_seed(&b, 5);
  for (int i = 0; i < 100; i++) assert_true(prc_pc_rng_next(&a) == prc_pc_rng_next(&b));
  uint32_t idx[50];
  int seen[50] = {0};
  for (uint32_t i = 0; i < 50; i++) idx[i] = i;
  prc_pc_shuffle(&a, idx, 50);
  int moved = 0;
  for (uint32_t i = 0; i < 50; i++) {
    assert_true(idx[i] < 50);
    seen[idx[i]]++;
    moved += idx[i] != i;
  }
  for (int i = 0; i < 50; i++) assert_int_equal(seen[i], 1); /* a permutation */
  assert_true(moved > 10);
  for (int i = 0; i < 1000; i++) assert_true(prc_pc_rng_below(&a, 3) < 3);
}

/* Averaging: a weight that is +1 for the first half of training and 0 after
 * has average 1/2 of a weight that stays +1. */
static void test_averaging(void **state) {
  (void)state;
  pc_trainer *t = prc_pc_trainer_new(2);
  uint64_t fa = pc_feat1(9, 1), fb = pc_feat1(9, 2);
  prc_pc_trainer_update(t, &fa, 1, 1, 1.0f);
  prc_pc_trainer_update(t, &fb, 1, 1, 1.0f);
  for (int i = 0; i < 5; i++) prc_pc_trainer_tick(t);
  prc_pc_trainer_update(t, &fb, 1, 1, -1.0f);
  for (int i = 0; i < 5; i++) prc_pc_trainer_tick(t);
  pc_model m;
  assert_int_equal(prc_pc_trainer_export(t, 0.0f, &m), 0);
  int32_t sa[32] = {0}, sb[32] = {0};
  pc_model_score(&m, &fa, 1, sa);
  pc_model_score(&m, &fb, 1, sb);
  assert_int_equal(sa[1], 32000);
  assert_int_equal(sb[1], 16000);
  prc_pc_model_free(&m);
  prc_pc_trainer_free(t);
}

/* ---- the taggers' trainers on tiny files ------------------------------------------- */

static const char *conllu =
    "# text = The council approved the budget.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5-6\tbudget.\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "5\tbudget\tbudget\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tParis\tParis\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_\n"
    "4\ttoday\ttoday\tNOUN\tNN\t_\t2\tobl\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

static const char *conll =
    "-DOCSTART- -X- -X- O\n\n"
    "Maria NNP B-NP B-PER\nLopez NNP I-NP I-PER\nvisited VBD B-VP O\nParis NNP B-NP B-LOC\n. . O O\n\n"
    "The DT B-NP O\nRed NNP I-NP B-ORG\nCross NNP I-NP I-ORG\nhelped VBD B-VP O\nLopez NNP B-NP B-PER\n. . O O\n\n"
    "-DOCSTART- -X- -X- O\n\n"
    "Ana NNP B-NP B-PER\nvisited VBD B-VP O\nLima NNP B-NP B-LOC\n. . O O\n\n";

static char *write_tmp(const char *name, const char *text) {
  const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  char *p = malloc(4096);
  snprintf(p, 4096, "%s/precis-test-%ld-%s", dir, (long)getpid(), name);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return p;
}

static void toks(const char *const *w, tag_token *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    t[i].s = w[i];
    t[i].len = (uint32_t)strlen(w[i]);
  }
}

static void test_train_taggers(void **state) {
  (void)state;
  char *tr = write_tmp("pos.conllu", conllu), *pm = write_tmp("pos.bin", ""),
       *nt = write_tmp("ner.txt", conll), *nm = write_tmp("ner.bin", "");
  precis_error err;
  double dev = 0;
  tagger_train_opts o = {.train_path = tr, .dev_path = tr, .out_path = pm, .seed = 3,
                         .epochs = 10, .no_clusters = 1};
  assert_int_equal(prc_tagger_train_pos(&o, &dev, &err), 0);
  assert_true(dev == 1.0); /* it fits its own training data */
  tagger *pos = prc_tagger_load_file(pm, &err);
  assert_non_null(pos);
  assert_int_equal(prc_tagger_kind(pos), TAGGER_POS);
  assert_string_equal(prc_tagger_label_name(pos, TAG_UPOS_PROPN), "PROPN");
  assert_non_null(strstr(prc_tagger_note(pos, "licence"), "CC BY-SA 4.0"));
  const char *w1[] = {"She", "visited", "Paris", "today", "."};
  tag_token t1[5];
  uint8_t p1[5];
  toks(w1, t1, 5);
  prc_tagger_pos(pos, t1, 5, p1);
  const uint8_t e1[5] = {TAG_UPOS_PRON, TAG_UPOS_VERB, TAG_UPOS_PROPN, TAG_UPOS_NOUN,
                         TAG_UPOS_PUNCT};
  assert_memory_equal(p1, e1, 5);

  tagger_train_opts on = {.train_path = nt, .dev_path = nt, .out_path = nm, .seed = 3,
                          .epochs = 10, .pos = pos};
  assert_int_equal(prc_tagger_train_ner(&on, &dev, &err), 0);
  assert_true(dev == 1.0);
  tagger *ner = prc_tagger_load_file(nm, &err);
  assert_non_null(ner);
  const char *w2[] = {"Maria", "Lopez", "visited", "Paris", "."};
  tag_token t2[5];
  uint8_t p2[5], n2[5];
  toks(w2, t2, 5);
  prc_tagger_pos(pos, t2, 5, p2);
  prc_tagger_ner(ner, t2, p2, 5, n2);
  assert_string_equal(prc_tagger_label_name(ner, n2[0]), "B-PER");
  assert_string_equal(prc_tagger_label_name(ner, n2[1]), "L-PER");
  assert_string_equal(prc_tagger_label_name(ner, n2[3]), "U-LOC");
  tag_span sp[4];
  assert_int_equal(prc_tagger_ner_spans(n2, 5, sp, 4), 2);
  assert_int_equal(sp[0].begin, 0);
  assert_int_equal(sp[0].end, 2);
  assert_int_equal(sp[0].type, TAG_ENT_PER);
  assert_int_equal(sp[1].begin, 3);
  assert_int_equal(sp[1].type, TAG_ENT_LOC);

  /* the whole-document API (a two-pass model): two sentences at once, the
   * second with a name written with diacritics (folded for the features) */
  const char *w3[] = {"Maria", "Lopez", "visited", "Paris", ".", "María", "López", "visited", "Paris", "."};
  tag_token t3[10];
  uint8_t p3[10], n3[10];
  toks(w3, t3, 10);
  prc_tagger_pos(pos, t3, 10, p3);
  const uint32_t sb3[3] = {0, 5, 10};
  void *scr = malloc(prc_tagger_ner_doc_scratch(ner, 10));
  assert_non_null(scr);
  prc_tagger_ner_doc(ner, t3, p3, 10, sb3, 2, scr, n3);
  free(scr);
  assert_memory_equal(n3, n2, 5);
  assert_string_equal(prc_tagger_label_name(ner, n3[5]), "B-PER");
  assert_string_equal(prc_tagger_label_name(ner, n3[6]), "L-PER");
  assert_string_equal(prc_tagger_label_name(ner, n3[8]), "U-LOC");

  /* same seed, same bytes */
  char *pm2 = write_tmp("pos2.bin", "");
  o.out_path = pm2;
  assert_int_equal(prc_tagger_train_pos(&o, &dev, &err), 0);
  FILE *a = fopen(pm, "rb"), *b = fopen(pm2, "rb");
  int ca, cb, same = 1;
  do {
    ca = fgetc(a);
    cb = fgetc(b);
    if (ca != cb) same = 0;
  } while (ca != EOF && cb != EOF);
  fclose(a);
  fclose(b);
  assert_true(same);

  prc_tagger_free(pos);
  prc_tagger_free(ner);
  const char *files[] = {tr, pm, nt, nm, pm2};
  for (int i = 0; i < 5; i++) {
    unlink(files[i]);
    free((void *)files[i]);
  }
}

/* prc_pc_fold (the cue model's table, docs/models.md "Capacities"): a
 * table filled by linear probing at a load of about 1/3 (keys and homes of
 * our own, clusters wrapping at the end included), folded without knowing
 * the homes, answers every look-up as before: each key finds its payload,
 * absent keys find nothing.  A lexicon re-inserted by prc_model_lex_shrink
 * likewise. */
typedef struct fslot {
  uint32_t key, val, pad;
} fslot;
static int flook(const fslot *t, uint32_t cap, uint64_t h, uint32_t *val) {
  uint32_t key = pc_key32(h), i = (uint32_t)h & (cap - 1);
  for (;; i = (i + 1) & (cap - 1)) {
    if (t[i].key == key) {
      *val = t[i].val;
      return 1;
    }
    if (!t[i].key) return 0;
  }
}
static void test_fold(void **state) {
  (void)state;
  const uint32_t cap = 1u << 12, n = 1400; /* load 0.34; folds once (0.68), not twice (1.37) */
  fslot *t = calloc(cap, sizeof *t);
  uint64_t *hs = malloc((n + 5000) * sizeof *hs);
  pc_rng r;
  prc_pc_rng_seed(&r, 7);
  for (uint32_t k = 0; k < n + 5000; k++) hs[k] = prc_pc_rng_next(&r);
  for (uint32_t k = 0; k < 8; k++) hs[k] = (hs[k] & ~(uint64_t)(cap - 1)) | (cap - 1 - (k & 1)); /* wrap */
  for (uint32_t k = 0; k < n; k++) {
    uint32_t i = (uint32_t)hs[k] & (cap - 1);
    while (t[i].key) i = (i + 1) & (cap - 1);
    t[i].key = pc_key32(hs[k]);
    t[i].val = k + 1;
  }
  uint32_t before[6400], v;
  for (uint32_t k = 0; k < n + 5000; k++) before[k] = flook(t, cap, hs[k], &v) ? v : 0;
  void *tab = t;
  uint32_t c = cap;
  assert_int_equal(prc_pc_fold(&tab, &c, sizeof *t, n), 0);
  assert_int_equal(c, cap / 2);
  for (uint32_t k = 0; k < n; k++) assert_int_equal(before[k], k + 1);
  for (uint32_t k = 0; k < n + 5000; k++) {
    uint32_t got = flook(tab, c, hs[k], &v) ? v : 0;
    assert_int_equal(got, before[k]);
  }
  free(tab);
  free(hs);
  /* a lexicon sized for 2n + 16 shrinks to a load <= 3/4, every key kept */
  model_lex lx = {0};
  lx.mask = 4095;
  lx.e = calloc(4096, sizeof *lx.e);
  for (uint64_t k = 1; k <= 1500; k++) {
    uint64_t key = k * 0x9e3779b97f4a7c15ULL;
    uint32_t i = (uint32_t)key & lx.mask;
    while (lx.e[i].key) i = (i + 1) & lx.mask;
    lx.e[i].key = key;
    lx.e[i].val = (uint32_t)k;
  }
  assert_int_equal(prc_model_lex_shrink(&lx), 0);
  assert_int_equal(lx.mask + 1, 2048);
  assert_int_equal(lx.n, 1500);
  for (uint64_t k = 1; k <= 1500; k++) assert_int_equal(model_lex_get(&lx, k * 0x9e3779b97f4a7c15ULL), k);
  assert_null(model_lex_find(&lx, 12345));
  prc_model_lex_free(&lx);
}

static void test_spans(void **state) {
  (void)state;
  /* BILOU: U-PER, O, B-ORG I-ORG L-ORG */
  uint8_t l[] = {TAG_NER_LABEL(TAG_ENT_PER, TAG_NER_U), TAG_NER_O,
                 TAG_NER_LABEL(TAG_ENT_ORG, TAG_NER_B), TAG_NER_LABEL(TAG_ENT_ORG, TAG_NER_I),
                 TAG_NER_LABEL(TAG_ENT_ORG, TAG_NER_L)};
  tag_span sp[8];
  assert_int_equal(prc_tagger_ner_spans(l, 5, sp, 8), 2);
  assert_int_equal(sp[1].begin, 2);
  assert_int_equal(sp[1].end, 5);
  assert_int_equal(sp[1].type, TAG_ENT_ORG);
  /* BIO (no L/U) and an I of another type that starts a new span */
  uint8_t b[] = {TAG_NER_LABEL(TAG_ENT_LOC, TAG_NER_B), TAG_NER_LABEL(TAG_ENT_LOC, TAG_NER_I),
                 TAG_NER_LABEL(TAG_ENT_MISC, TAG_NER_I), TAG_NER_O};
  assert_int_equal(prc_tagger_ner_spans(b, 4, sp, 8), 2);
  assert_int_equal(sp[0].end, 2);
  assert_int_equal(sp[1].begin, 2);
  assert_int_equal(sp[1].end, 3);
  assert_int_equal(sp[1].type, TAG_ENT_MISC);
  /* only the count when there is no room */
  assert_int_equal(prc_tagger_ner_spans(b, 4, sp, 0), 2);
  assert_string_equal(prc_tagger_ent_name(TAG_ENT_MISC), "MISC");
  assert_int_equal(prc_tagger_ent_type("LOC"), TAG_ENT_LOC);
}

/* ---- lexeme hashes ---------------------------------------------------------------- */

/* The hash in steps is the hash of the whole string. */
static void test_hash_steps(void **state) {
  (void)state;
  const char *s = "Caf\xc3\xa9 au lait, 2024";
  for (size_t n = 0; n <= strlen(s); n++) {
    uint64_t h = PC_FNV_INIT;
    for (size_t i = 0; i < n; i++) h = pc_fnv_step(h, (unsigned char)s[i]);
    assert_true(pc_fnv_done(h, n) == prc_pc_hash_bytes(s, n));
  }
}

/* A word's shape as the taggers define it: X x d for upper, lower, digit
 * (tokenized text has its digits as 0), u for a non-ASCII letter (its
 * continuation bytes add nothing), any other byte as itself; the short
 * shape has one character per run, the long one runs of at most four. */
static size_t ref_shape(const char *w, size_t m, int long_form, char *out) {
  size_t n = 0;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)w[i];
    char k = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c == '0' ? 'd' : c >= 0x80 ? 'u' : (char)c;
    if (c >= 0x80 && (c & 0xC0) == 0x80) continue;
    if (k != last) {
      out[n++] = k;
      run = 1;
    } else if (long_form && run < 4) {
      out[n++] = k;
      run++;
    }
    last = k;
  }
  return n;
}

/* Every hash of a lexeme (tg_lex, computed as the bytes go by) is the hash
 * of the string it names: the word, its lower case, both shapes, the
 * lower-case prefixes and suffixes of 1..4 bytes (all of it when shorter). */
static void test_lexeme_hashes(void **state) {
  (void)state;
  const char *words[] = {"", "a", "I", "The", "McDonald's", "U.S.", "0,000", "well-known", "Zo\xc3\xab",
                         "\xc3\x89" "cole", "NASA", "e-mail", "ABCDEFGHIJKL", "aaaaaaab", "x0x0xx", "--",
                         "Stra\xc3\x9f" "e", "0", "$", "Mr."};
  for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
    const char *s = words[w];
    size_t m = strlen(s);
    tag_token t = {s, m};
    tg_lex L;
    prc_tg_lex_of(&t, NULL, NULL, &L);
    char lw[64], sh[64], lsh[64];
    for (size_t i = 0; i < m; i++) lw[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    size_t ns = ref_shape(s, m, 0, sh), nls = ref_shape(s, m, 1, lsh);
    assert_true(L.word == prc_pc_hash_bytes(s, m));
    assert_true(L.lower == prc_pc_hash_bytes(lw, m));
    assert_true(L.shape == prc_pc_hash_bytes(sh, ns));
    assert_true(L.lshape == prc_pc_hash_bytes(lsh, nls));
    for (int k = 0; k < 4; k++) {
      size_t q = (size_t)k + 1 < m ? (size_t)k + 1 : m;
      assert_true(L.pre[k] == prc_pc_hash_bytes(lw, q) + (uint64_t)k);
      assert_true(L.suf[k] == (prc_pc_hash_bytes(lw + (m - q), q) ^ ((uint64_t)k << 40)));
    }
  }
}

/* ---- the document's lexeme memo ------------------------------------------------------ */

static void assert_same_lex(const tg_lex *a, const tg_lex *b) {
  assert_true(a->word == b->word && a->lower == b->lower && a->shape == b->shape && a->lshape == b->lshape);
  for (int k = 0; k < 4; k++) assert_true(a->pre[k] == b->pre[k] && a->suf[k] == b->suf[k]);
  assert_int_equal(a->flags, b->flags);
  assert_int_equal(a->dict, b->dict);
  assert_int_equal(a->clus, b->clus);
  assert_int_equal(a->gzv, b->gzv);
  assert_true(a->wofs == b->wofs);
  assert_int_equal(a->wmask, b->wmask);
  assert_memory_equal(a->gz, b->gz, sizeof a->gz);
  assert_int_equal(a->fname, b->fname);
}

/* Forms a memo could confuse: prefixes of one another, case, forms that
 * normalise alike (digits, quotes, diacritics under NER folding), words of
 * 7..17 bytes that differ in one byte (the hash's 8-byte steps and tail),
 * long words alike in their first 48 bytes, the empty token; each twice or
 * more, the repeats at other addresses. */
static const char *const memo_words[] = {
    "The", "Then", "the", "THE", "Theo", "Th", "T", "", "2024", "1999", "0", "``", "''", "\"",
    "\xe2\x80\x9c", "N\xc3\xba\xc3\xb1" "ez", "Nunez", "N\xc3\xba\xc3\xb1" "e", "Smith", "Smiths", "Smithy",
    "abcdefg", "abcdefh", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "bbcdefghi",
    "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr",
    "Washington-based", "Washington-Based", "U.S.", "U.S", "US", "us", "Mr.", "Mr", "--", "-", "...", "Obama",
    "verylongwordthatgoesonandonforfiftybytesormoreXYZ1", "verylongwordthatgoesonandonforfiftybytesormoreXYZ2",
};

static void test_lexeme_memo(void **state) {
  (void)state;
  const tagger *pos = prc_tagger_builtin(TAGGER_POS, NULL), *ner = prc_tagger_builtin(TAGGER_NER, NULL);
  if (!pos || !ner) skip(); /* a build without models */
  enum { NW = sizeof memo_words / sizeof *memo_words, NT = 4 * NW };
  /* every word at three addresses (copies), in an order that mixes them */
  char *copies[3][NW];
  tag_token toks[NT];
  size_t n = 0;
  for (int c = 0; c < 3; c++)
    for (size_t w = 0; w < NW; w++) copies[c][w] = strdup(memo_words[w]);
  for (int round = 0; round < 4; round++)
    for (size_t w = 0; w < NW; w++) {
      size_t x = round % 2 ? NW - 1 - w : (w * 7) % NW; /* (7 and NW are coprime) */
      const char *s = round == 0 ? memo_words[x] : copies[round - 1][x];
      toks[n].s = s;
      toks[n].len = (uint32_t)strlen(s);
      n++;
    }
  assert_int_equal(n, NT);
  assert_int_equal(NW % 7 != 0, 1);
  static tg_lex fresh[NT], memo[NT];
  /* one memo for both taggers (the forms one has analysed serve the other:
   * its hashes, but not those of a form that NER folds), either first; a
   * roomy memo and one that holds only 5 forms */
  const tagger *tg[2][4] = {{pos, ner, pos, ner}, {ner, pos, ner, pos}};
  size_t cap_n[2] = {NT, 5};
  for (int sz = 0; sz < 4; sz++) {
    void *mem = malloc(prc_tag_memo_bytes(cap_n[sz / 2]) + 3);
    tag_memo *m = prc_tag_memo_init((char *)mem + 3, cap_n[sz / 2]); /* (any alignment) */
    for (int q = 0; q < 4; q++) {
      const tagger *tk = tg[sz % 2][q];
      prc_tg_lexemes(tk, toks, NT, NULL, fresh);
      prc_tg_lexemes(tk, toks, NT, m, memo);
      for (size_t i = 0; i < NT; i++) assert_same_lex(&memo[i], &fresh[i]);
      /* and again, every form now remembered (or not, past the bound) */
      prc_tg_lexemes(tk, toks, NT, m, memo);
      for (size_t i = 0; i < NT; i++) assert_same_lex(&memo[i], &fresh[i]);
      /* forms differ where they should (the comparison above has teeth) */
      assert_true(fresh[0].word != fresh[1].word); /* The, Then */
    }
    free(mem);
  }
  /* tagging with a memo gives the tags without one: POS sentence by
   * sentence (9 tokens each), then NER over the document */
  uint8_t a[NT], b[NT], na[NT], nb[NT];
  uint32_t sb[NT / 9 + 2];
  size_t ns = 0;
  void *mem = malloc(prc_tag_memo_bytes(NT));
  tag_memo *m = prc_tag_memo_init(mem, NT);
  sb[0] = 0;
  for (size_t s = 0; s < NT; s += 9) {
    size_t len = NT - s < 9 ? NT - s : 9;
    prc_tagger_pos(pos, toks + s, len, a + s);
    prc_tagger_pos_memo(pos, toks + s, len, b + s, m);
    sb[++ns] = (uint32_t)(s + len);
  }
  assert_memory_equal(a, b, NT);
  void *scr = malloc(prc_tagger_ner_doc_scratch(ner, NT));
  prc_tagger_ner_doc(ner, toks, a, NT, sb, ns, scr, na);
  prc_tagger_ner_doc_memo(ner, toks, a, NT, sb, ns, scr, nb, m);
  assert_memory_equal(na, nb, NT);
  free(scr);
  free(mem);
  for (int c = 0; c < 3; c++)
    for (size_t w = 0; w < NW; w++) free(copies[c][w]);
}

/* The lexemes a run makes in batches as its decoders ask for them
 * (ensure_lex: the hashes of up to 8 tokens, then their lexicon look-ups;
 * repeated forms inside a batch; with or without a memo, a roomy one and
 * one of 5 forms) are those made one token at a time (prc_tg_lexemes). */
static void test_lexeme_batches(void **state) {
  (void)state;
  const tagger *pos = prc_tagger_builtin(TAGGER_POS, NULL), *ner = prc_tagger_builtin(TAGGER_NER, NULL);
  if (!pos || !ner) skip(); /* a build without models */
  enum { NW = sizeof memo_words / sizeof *memo_words, NT = 3 * NW };
  tag_token toks[NT];
  for (size_t i = 0; i < NT; i++) { /* repeats inside a batch: tokens 4q and 4q + 1 are one form */
    const char *s = memo_words[i % 4 < 2 ? (i / 4) % NW : (i * 7) % NW];
    toks[i].s = s;
    toks[i].len = (uint32_t)strlen(s);
  }
  static tg_lex fresh[NT];
  const tagger *tg[2] = {pos, ner};
  for (int k = 0; k < 2; k++) {
    const tagger *tk = tg[k];
    prc_tg_lexemes(tk, toks, NT, NULL, fresh);
    size_t caps[3] = {0, NT, 5};
    for (int c = 0; c < 3; c++) {
      void *mem = caps[c] ? malloc(prc_tag_memo_bytes(caps[c])) : NULL;
      tag_memo *m = mem ? prc_tag_memo_init(mem, caps[c]) : NULL;
      for (int again = 0; again < (m ? 2 : 1); again++) { /* (the second time from the memo) */
        for (size_t len = 1; len <= NT; len += len < 20 ? 1 : 37) {
          tg_run r;
          prc_tg_run_init(&r, toks, len);
          r.words = &tk->words;
          r.words_pos = tk->kind == TAGGER_POS;
          r.wc = tk->wc_rows ? tk : NULL;
          r.lc = tk->lc_slots && r.wc ? tk : NULL;
          r.fold = tk->kind == TAGGER_NER && tk->has2;
          r.memo = m;
          r.memo_kind = tk->kind == TAGGER_NER;
          for (size_t i = 0; i < len; i++) {
            uint64_t f[TG_MAXF];
            if (tk->kind == TAGGER_POS) prc_tg_pos_static(&r, i, f);
            else prc_tg_ner_static(&r, i, f);
            for (size_t j = i > 2 ? i - 2 : 0; j < r.lex_done; j++) assert_same_lex(&r.ring[j % TG_RING], &fresh[j]);
          }
        }
      }
      free(mem);
    }
  }
}

/* ---- the run-time decoders against the features ------------------------------------- */

/* The greedy tags of toks[0..n) from the feature functions and the weights
 * alone (pc_model_score), as the trainer computes them: what the run time's
 * shortcuts (word-cache rows, lexeme memo, the rows of the previous labels
 * found at load) must reproduce. */
static void ref_tags(const tagger *t, const tag_token *toks, size_t n, const uint8_t *pos, uint8_t *out) {
  tg_run r;
  prc_tg_run_init(&r, toks, n);
  r.words = &t->words;
  r.words_pos = t->kind == TAGGER_POS;
  r.gaz = t->kind == TAGGER_NER && t->gaz.e ? &t->gaz : NULL;
  r.fold = t->kind == TAGGER_NER && t->has2;
  r.pos_in = pos;
  const int bos = t->kind == TAGGER_POS ? TAG_UPOS_COUNT : TAG_NER_COUNT;
  int p1 = bos, p2 = bos;
  for (size_t i = 0; i < n; i++) {
    uint64_t f[TG_MAXF];
    int32_t sc[TG_MAX_LABELS] = {0};
    int y = -1;
    if (t->kind == TAGGER_POS) {
      size_t nf = prc_tg_pos_feats(&r, i, p1, p2, f);
      uint32_t dv = r.ring[i % TG_RING].dict;
      if (dv & TG_DICT_SURE) {
        y = (int)TG_DICT_TAG(dv);
      } else {
        prc_tg_score(t, 0, f, nf, sc);
        y = 0;
        for (int k = 1; k < t->nlabels; k++)
          if (sc[k] > sc[y]) y = k;
      }
    } else {
      size_t nf = prc_tg_ner_feats(&r, i, p1, p2, f);
      prc_tg_score(t, 0, f, nf, sc);
      uint32_t allow = prc_tg_ner_allowed(p1, i + 1 == n);
      for (int k = 0; k < t->nlabels; k++)
        if ((allow >> k) & 1u)
          if (y < 0 || sc[k] > sc[y]) y = k;
    }
    out[i] = (uint8_t)y;
    p2 = p1;
    p1 = y;
  }
}

static const char *const dec_text[] = {
      "Maria Okonkwo , the mayor of Port Elsby , said on Tuesday that the council would review the plan .",
      "\xe2\x80\x9cWe will not back down ,\xe2\x80\x9d Okonkwo told reporters at the Elsby Trust offices .",
      "Shares of Brannigan Holdings fell 4.5 % to $ 12.30 after the Zurich-based firm warned of losses .",
      "THE STORM HIT NORTHERN KELDAR ON MONDAY , KILLING 12 PEOPLE , OFFICIALS SAID .",
      "J\xc3\xbcrgen Sch\xc3\xa4" "fer met Ms. Lund and Dr. Abiodun in Oslo ; they did n't comment .",
      "Okonkwo said Brannigan Holdings had not paid the Port Elsby council , Lund said .",
};
#define NDEC (sizeof dec_text / sizeof *dec_text)

/* The tokens of a text split at spaces. */
static size_t split_words(const char *text, tag_token *toks, size_t max) {
  size_t n = 0;
  for (const char *p = text; *p && n < max;) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    toks[n].s = p;
    toks[n++].len = (uint32_t)len;
    p += len + (e != NULL);
  }
  return n;
}

/* A copy of tagger t without its word cache (the decoders add each
 * feature's row instead). */
static tagger *without_wc(const tagger *t) {
  tagger *c = malloc(sizeof *c);
  *c = *t;
  c->wc_rows = NULL;
  c->lc_slots = NULL;
  return c;
}

static void test_decoders(void **state) {
  (void)state;
  const tagger *pos = prc_tagger_builtin(TAGGER_POS, NULL), *ner = prc_tagger_builtin(TAGGER_NER, NULL);
  if (!pos || !ner) skip(); /* a build without models */
  tagger *pos0 = without_wc(pos), *ner0 = without_wc(ner);
  /* the host's decoders (AVX2 where there is AVX2), then the generic ones
   * (the path of other hosts): both equal the features' reference, with and
   * without the word cache */
  for (int generic = 0; generic < 2; generic++) {
    prc_tg_force_generic(generic);
    for (size_t q = 0; q < NDEC; q++) {
      tag_token toks[64];
      size_t n = split_words(dec_text[q], toks, 64);
      uint8_t a[64], b[64], na[64], nb[64], c[64], nc[64];
      prc_tagger_pos(pos0, toks, n, a);
      ref_tags(pos0, toks, n, NULL, b);
      assert_memory_equal(a, b, n);
      prc_tagger_pos(pos, toks, n, c);
      assert_memory_equal(a, c, n);
      prc_tagger_ner(ner0, toks, a, n, na);
      ref_tags(ner0, toks, n, a, nb);
      assert_memory_equal(na, nb, n);
      prc_tagger_ner(ner, toks, a, n, nc);
      assert_memory_equal(na, nc, n);
    }
  }
  prc_tg_force_generic(0);
  free(pos0);
  free(ner0);
}

/* int8 rows (tagger_features.h, TG_ROW_BYTES): the smallest shift at which
 * every value rounds into [-127, 127], half away from zero. */
static void test_q8_rows(void **state) {
  (void)state;
  int32_t v[TG_WC_STRIDE] = {0};
  int8_t row[TG_ROW_BYTES + 1];
  row[TG_ROW_BYTES] = 0x5a;
  /* all zeros: shift 0, codes 0 */
  assert_int_equal(prc_tg_q8_row(v, row), 0);
  for (int c = 0; c < TG_ROW_BYTES; c++) assert_int_equal(row[c], 0);
  assert_int_equal(row[TG_ROW_BYTES], 0x5a); /* nothing written past the row */
  /* exactly 127 << sh is kept at that shift, exactly */
  for (int sh = 0; sh <= 9; sh++) {
    memset(v, 0, sizeof v);
    v[16] = 127 * (1 << sh);
    v[0] = -127 * (1 << sh);
    v[5] = 1 << sh;
    assert_int_equal(prc_tg_q8_row(v, row), sh);
    assert_int_equal(row[TG_WC_STRIDE], sh);
    assert_int_equal(row[16], 127);
    assert_int_equal(row[0], -127);
    assert_int_equal(row[5], 1);
    for (int c = 0; c < TG_WC_STRIDE; c++) assert_int_equal(prc_tg_row_value(row, c), v[c]);
  }
  /* 127.5 x 2^sh rounds away to 128: one shift more */
  memset(v, 0, sizeof v);
  v[3] = 255; /* 127.5 at shift 1 */
  assert_int_equal(prc_tg_q8_row(v, row), 2);
  assert_int_equal(row[3], 64); /* 63.75 -> 64 */
  v[3] = 254;
  assert_int_equal(prc_tg_q8_row(v, row), 1);
  assert_int_equal(row[3], 127);
  /* halves, negative and positive, away from zero at shift 2 */
  memset(v, 0, sizeof v);
  v[0] = 400; /* sets the shift: 400 / 4 = 100 */
  v[1] = -6;  /* -1.5 -> -2 */
  v[2] = 6;   /* 1.5 -> 2 */
  v[3] = -5;  /* -1.25 -> -1 */
  v[4] = -2;  /* -0.5 -> -1 */
  v[5] = 1;   /* 0.25 -> 0 */
  v[6] = -10; /* -2.5 -> -3 */
  assert_int_equal(prc_tg_q8_row(v, row), 2);
  const int8_t want[7] = {100, -2, 2, -1, -1, 0, -3};
  for (int c = 0; c < 7; c++) assert_int_equal(row[c], want[c]);
  /* the error of a value is at most half a step */
  for (int t = 0; t < 200; t++) {
    for (int c = 0; c < TG_WC_STRIDE; c++) v[c] = (int32_t)((t * 7919 + c * 104729) % 65535) - 32767;
    int sh = prc_tg_q8_row(v, row);
    for (int c = 0; c < TG_WC_STRIDE; c++) {
      int32_t d = prc_tg_row_value(row, c) - v[c];
      assert_true(2 * (d < 0 ? -d : d) <= (1 << sh));
    }
  }
}

/* Sorts a[0..n) (for the multiset difference below). */
static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

/* The word-cache rows code the exact sums of their features' weights: a
 * token's static features scored with the cache (its rows + the features
 * left) and without (all features, each row coded alone) differ, class by
 * class, by at most half a step of each cached row and of each replaced
 * feature's row; and the cache is used. */
static void test_wc_rows(void **state) {
  (void)state;
  const tagger *tg[2] = {prc_tagger_builtin(TAGGER_POS, NULL), prc_tagger_builtin(TAGGER_NER, NULL)};
  if (!tg[0] || !tg[1]) skip();
  int used = 0;
  for (int k = 0; k < 2; k++) {
    const tagger *t = tg[k];
    const int nl = t->nlabels;
    for (size_t q = 0; q < NDEC; q++) {
      tag_token toks[64];
      size_t n = split_words(dec_text[q], toks, 64);
      static uint8_t pos[64];
      memset(pos, 0, sizeof pos);
      for (size_t i = 0; i < n; i++) {
        tg_run r[2];
        uint64_t f[2][TG_MAXF];
        size_t nf[2];
        const int8_t *rows[TG_NROLES];
        int nrows = 0;
        for (int w = 0; w < 2; w++) {
          prc_tg_run_init(&r[w], toks, n);
          r[w].words = &t->words;
          r[w].words_pos = k == 0;
          r[w].wc = w ? t : NULL;
          r[w].fold = k == 1 && t->has2;
          r[w].pos_in = pos;
          nf[w] = prc_tg_static_rows(t, &r[w], i, f[w], rows, &nrows);
        }
        int32_t s0[TG_MAX_LABELS], s1[TG_MAX_LABELS], bound[TG_MAX_LABELS] = {0};
        prc_tg_score(t, 0, f[0], nf[0], s0);
        prc_tg_score(t, 0, f[1], nf[1], s1);
        int32_t half = 0;
        for (int q2 = 0; q2 < nrows; q2++) {
          for (int c = 0; c < nl; c++) s1[c] += prc_tg_row_value(rows[q2], c);
          half += (1 << rows[q2][TG_WC_STRIDE]) / 2;
          used++;
        }
        /* the features the cache replaced: those of the first list not in the second */
        qsort(f[0], nf[0], sizeof **f, cmp_u64);
        qsort(f[1], nf[1], sizeof **f, cmp_u64);
        size_t b = 0;
        for (size_t a = 0; a < nf[0]; a++) {
          if (b < nf[1] && f[1][b] == f[0][a]) {
            b++;
            continue;
          }
          const int8_t *row = prc_tg_row(t, 0, f[0][a]);
          if (row && !((uintptr_t)row & 1u)) half += (1 << row[TG_WC_STRIDE]) / 2;
        }
        assert_int_equal(b, nf[1]); /* (a sub-multiset) */
        for (int c = 0; c < nl; c++) {
          bound[c] = half;
          int32_t d = s1[c] - s0[c];
          assert_true((d < 0 ? -d : d) <= bound[c]);
        }
      }
    }
  }
  assert_true(used > 50);
}

/* The rows the taggers find at load for the features of the previous
 * labels (lrow) and of POS tags (ptab) stand for those features exactly:
 * a copy of each tagger without them (the plain features) tags a whole
 * document alike, both NER passes included. */
static void test_label_tables(void **state) {
  (void)state;
  const tagger *pos = prc_tagger_builtin(TAGGER_POS, NULL), *ner = prc_tagger_builtin(TAGGER_NER, NULL);
  if (!pos || !ner) skip();
  assert_true(pos->has_lrow && ner->has_lrow && ner->ptab && ner->has2);
  tagger *pos0 = malloc(sizeof *pos0), *ner0 = malloc(sizeof *ner0);
  *pos0 = *pos;
  *ner0 = *ner;
  pos0->has_lrow = ner0->has_lrow = 0;
  ner0->ptab = NULL;
  tag_token toks[NDEC * 64];
  uint32_t sb[NDEC + 1];
  size_t n = 0;
  sb[0] = 0;
  for (size_t q = 0; q < NDEC; q++) {
    n += split_words(dec_text[q], toks + n, 64);
    sb[q + 1] = (uint32_t)n;
  }
  uint8_t a[NDEC * 64], b[NDEC * 64], na[NDEC * 64], nb[NDEC * 64];
  for (size_t q = 0; q < NDEC; q++) {
    prc_tagger_pos(pos, toks + sb[q], sb[q + 1] - sb[q], a + sb[q]);
    prc_tagger_pos(pos0, toks + sb[q], sb[q + 1] - sb[q], b + sb[q]);
  }
  assert_memory_equal(a, b, n);
  void *scr = malloc(prc_tagger_ner_doc_scratch(ner, n));
  prc_tagger_ner_doc(ner, toks, a, n, sb, NDEC, scr, na);
  prc_tagger_ner_doc(ner0, toks, a, n, sb, NDEC, scr, nb);
  assert_memory_equal(na, nb, n);
  int ents = 0;
  for (size_t i = 0; i < n; i++) ents += na[i] != TAG_NER_O;
  assert_true(ents >= 10);
  free(scr);
  free(pos0);
  free(ner0);
}

/* The document-feature table at its fullest: every token capitalised, an
 * acronym, tagged, in runs (the table is sized by those counts): the
 * features come out (no endless probe) with the scratch full of junk, and
 * the same whatever the junk. */
static void test_doc_feats_full(void **state) {
  (void)state;
  enum { N = 600 };
  static char words[N][8];
  tag_token toks[N];
  uint8_t p1[N];
  uint32_t sb[N / 10 + 1];
  for (int i = 0; i < N; i++) {
    snprintf(words[i], sizeof words[i], "%c%c%c", 'A' + i % 26, 'A' + (i / 26) % 26, 'A' + (i / 676) % 26);
    toks[i].s = words[i];
    toks[i].len = 3;
    p1[i] = (uint8_t)TAG_NER_LABEL(i % 4, (i % 3 == 0) ? TAG_NER_U : TAG_NER_B + (i % 3 == 2 ? 2 : 0));
  }
  for (int s = 0; s <= N / 10; s++) sb[s] = (uint32_t)(s * 10);
  size_t bytes = prc_tg_ner_doc_scratch(N);
  unsigned char *scr = malloc(bytes);
  static uint64_t df[2][N * TG_DOCF];
  static uint8_t ndf[2][N];
  for (int junk = 0; junk < 2; junk++) {
    memset(scr, junk ? 0xA5 : 0x00, bytes);
    prc_tg_ner_doc_feats(toks, N, sb, N / 10, p1, NULL, scr, df[junk], ndf[junk]);
    for (int i = 0; i < N; i++) assert_true(ndf[junk][i] >= 2 && ndf[junk][i] <= TG_DOCF);
  }
  assert_memory_equal(ndf[0], ndf[1], N);
  for (int i = 0; i < N; i++) assert_memory_equal(df[0] + i * TG_DOCF, df[1] + i * TG_DOCF, ndf[0][i] * sizeof(uint64_t));
  free(scr);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_learns_toy_corpus), cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_rng_and_shuffle),   cmocka_unit_test(test_averaging),
      cmocka_unit_test(test_train_taggers),     cmocka_unit_test(test_spans),
      cmocka_unit_test(test_fold),              cmocka_unit_test(test_hash_steps),
      cmocka_unit_test(test_lexeme_hashes),     cmocka_unit_test(test_lexeme_memo),
      cmocka_unit_test(test_decoders),          cmocka_unit_test(test_label_tables),
      cmocka_unit_test(test_doc_feats_full),    cmocka_unit_test(test_lexeme_batches),
      cmocka_unit_test(test_q8_rows),           cmocka_unit_test(test_wc_rows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
