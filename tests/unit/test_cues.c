/* test_cues.c - the learned speech-cue tagger (model/cue_model.h) and its
 * stage (cues.c): the model's load errors, the tagging constraint, the
 * features' bounds, which engine runs under which options, and what the
 * learned cues add to the rules on hand-made sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "model/cue_model.h"
#include "model/parser.h"
#include "model/tagger.h"
#include "model/tagger_features.h"
#include "precis.h"
#include "train/model_write.h"
#include "train/perceptron_train.h"

static int have_model(void) { return prc_cue_builtin(NULL) != NULL && prc_parser_builtin(NULL) != NULL; }

/* Without a model nothing is a cue; the features stay within PRC_CUE_MAXF
 * at every position, the sentence's edges included. */
static void test_no_model_and_bounds(void **state) {
  (void)state;
  cue_token t[5];
  memset(t, 0, sizeof t);
  for (int i = 0; i < 5; i++) t[i].w = (uint64_t)i * 77 + 1;
  uint8_t lab[5] = {9, 9, 9, 9, 9};
  prc_cue_tag(NULL, t, 5, lab);
  for (int i = 0; i < 5; i++) assert_int_equal(lab[i], PRC_CUE_O);
  uint64_t f[PRC_CUE_MAXF];
  for (size_t n = 1; n <= 5; n++)
    for (size_t i = 0; i < n; i++) assert_true(prc_cue_feats(t, n, i, PRC_CUE_B, PRC_CUE_I, f) <= PRC_CUE_MAXF);
}

/* Loading: garbage and a model of another kind are refused with the right
 * error; the built-in model records where it came from. */
static void test_load_errors(void **state) {
  (void)state;
  precis_error err;
  const char junk[] = "not a model at all, just some text, long enough for a header";
  assert_null(prc_cue_load_memory(junk, sizeof junk, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  assert_null(prc_cue_load_memory(NULL, 10, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  assert_null(prc_cue_load_file("/nonexistent/attrib.bin", &err));
  assert_int_equal(err.code, PRECIS_ERROR_IO);
  if (!have_model()) skip();
  assert_non_null(strstr(prc_cue_note(prc_cue_builtin(NULL), "data"), "PolNeAR"));
  /* a parser model given as the attribution model: the public API says so */
  const char *src = getenv("PRECIS_SOURCE");
  if (!src) skip();
  char path[4096];
  precis_options o;
  precis_options_init(&o);
  snprintf(path, sizeof path, "%s/models/parse.bin", src);
  precis_model *pm = precis_model_load(path, &err);
  assert_non_null(pm);
  assert_string_equal(precis_model_kind(pm), "parse");
  o.attrib_model = pm;
  assert_null(precis_analyze_ex("He said so.", 11, &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  precis_model_free(pm);
  snprintf(path, sizeof path, "%s/models/attrib.bin", src);
  precis_model *am = precis_model_load(path, &err);
  assert_non_null(am);
  assert_string_equal(precis_model_kind(am), "attrib");
  o.attrib_model = am;
  precis_doc *d = precis_analyze_ex("He said so.", 11, &o, &err);
  assert_non_null(d);
  precis_stats st;
  precis_doc_stats(d, &st, sizeof st);
  assert_int_equal(st.attrib, PRECIS_MODEL_GIVEN);
  precis_doc_free(d);
  precis_model_free(am);
}

/* The cue labels of one text (the stage's output) and the engine flags. */
static void test_stage(void **state) {
  (void)state;
  if (!have_model()) skip();
  const char *text = "Officials said on Monday that the bridge would open. Rebecca Tan also wants to extend the deal.";
  precis_options o;
  precis_options_init(&o);
  precis_error err;
  precis_doc *d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_non_null(d);
  assert_non_null(d->cue_lab);
  assert_int_equal(d->cue_use, PRECIS_MODEL_BUILTIN);
  /* an I only continues a cue; the heads are words */
  for (uint32_t i = 0; i < d->ntoks; i++) {
    int l = d->cue_lab[i] & 3;
    assert_true(l <= PRC_CUE_I);
    if (l == PRC_CUE_I) assert_int_not_equal(d->cue_lab[i - 1] & 3, PRC_CUE_O);
    if (d->cue_lab[i] & CUE_HEAD) assert_true(d->toks[i].flags & TF_WORD);
  }
  int heads = 0;
  for (uint32_t i = 0; i < d->ntoks; i++) heads += (d->cue_lab[i] & CUE_HEAD) != 0;
  assert_true(heads >= 1);
  precis_doc_free(d);
  /* the rules alone: no labels, nothing learned ran */
  o.flags = PRECIS_OPT_RULE_CUES;
  d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_null(d->cue_lab);
  assert_int_equal(d->cue_use, PRECIS_MODEL_UNUSED);
  assert_true(d->regions_found);
  precis_doc_free(d);
  o.flags = PRECIS_OPT_NO_TAGGER;
  d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_null(d->cue_lab);
  precis_doc_free(d);
}

/* prc_cue_tag (its sums of the bias and of the previous labels' features
 * found at load) labels as the features and the weights alone do, on the
 * cue inputs of a real text (a greedy reference decoder). */
static void test_tag_reference(void **state) {
  (void)state;
  if (!have_model()) skip();
  const char *text =
      "Officials said on Monday that the bridge would open. \"It is safe,\" the engineer told reporters, adding "
      "that tests had been done. Rebecca Tan, who chairs the panel, warned against delays, according to a "
      "statement. The minister denied the claims and accused critics of spreading rumours.";
  precis_options o;
  precis_options_init(&o);
  precis_error err;
  precis_doc *d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_non_null(d);
  const cue_model *m = prc_cue_builtin(NULL);
  int cues = 0;
  for (uint32_t s = 0; s < d->nsents; s++) {
    uint32_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
    if (e <= b || e - b > 64) continue;
    cue_token in[64];
    uint8_t lab[64];
    size_t n = e - b;
    prc_cue_inputs(d, b, e, in);
    prc_cue_tag(m, in, n, lab);
    int p1 = PRC_CUE_O, p2 = PRC_CUE_O;
    for (size_t i = 0; i < n; i++) {
      uint64_t f[PRC_CUE_MAXF];
      int32_t sc[PRC_CUE_NLABELS] = {0, 0, 0};
      float scale = prc_cue_score(m, f, prc_cue_feats(in, n, i, p1, p2, f), sc);
      int best = PRC_CUE_O;
      for (int c = 1; c < PRC_CUE_NLABELS; c++) {
        if (c == PRC_CUE_I && p1 == PRC_CUE_O) continue;
        if (sc[c] > sc[best]) best = c;
      }
      if (best == PRC_CUE_B && (float)(sc[PRC_CUE_B] - sc[PRC_CUE_O]) * scale < PRC_CUE_MARGIN) best = PRC_CUE_O;
      assert_int_equal(lab[i], best);
      cues += best == PRC_CUE_B;
      p2 = p1;
      p1 = best;
    }
  }
  assert_true(cues >= 2); /* (the comparison saw cues, not only O) */
  precis_doc_free(d);
}

/* Checks that prc_cue_tag_scores decided on the scores of the plain
 * features (prc_cue_feats, prc_cue_score) after the labels it gave. */
static int check_scores(const cue_model *m, const cue_token *in, size_t n) {
  uint8_t *lab = malloc(n);
  int32_t(*got)[PRC_CUE_NLABELS] = malloc(n * sizeof *got);
  assert_non_null(lab);
  assert_non_null(got);
  prc_cue_tag_scores(m, in, n, lab, got);
  int p1 = PRC_CUE_O, p2 = PRC_CUE_O, cues = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t f[PRC_CUE_MAXF];
    int32_t sc[PRC_CUE_NLABELS] = {0, 0, 0};
    prc_cue_score(m, f, prc_cue_feats(in, n, i, p1, p2, f), sc);
    for (int y = 0; y < PRC_CUE_NLABELS; y++) assert_int_equal(got[i][y], sc[y]);
    cues += lab[i] != PRC_CUE_O;
    p2 = p1;
    p1 = lab[i];
  }
  free(lab);
  free(got);
  return cues;
}

/* The tables and pipelining of prc_cue_tag (few-valued features summed at
 * load, the dynamic features of the next token hashed ahead) give exactly
 * the scores of the plain features: on a real text's inputs, one sentence
 * at a time and all at once (past the 256-token block), and with fields
 * out of the tables' range or at random (the plain path for some tokens). */
static void test_tag_scores(void **state) {
  (void)state;
  if (!have_model()) skip();
  const char *text =
      "Officials said on Monday that the bridge would open. \"It is safe,\" the engineer told reporters, adding "
      "that tests had been done. Rebecca Tan, who chairs the panel, warned against delays, according to a "
      "statement. The minister denied the claims and accused critics of spreading rumours. \"We will not "
      "wait,\" she said, \"and nobody should.\" Critics, however, insisted the report showed otherwise.";
  precis_options o;
  precis_options_init(&o);
  precis_error err;
  precis_doc *d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_non_null(d);
  const cue_model *m = prc_cue_builtin(NULL);
  enum { REP = 12 };
  size_t nt = d->ntoks, n = 0;
  cue_token *all = malloc(REP * nt * sizeof *all);
  assert_non_null(all);
  int cues = 0;
  for (uint32_t s = 0; s < d->nsents; s++) {
    uint32_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
    if (e <= b) continue;
    prc_cue_inputs(d, b, e, all + n);
    cues += check_scores(m, all + n, e - b);
    n += e - b;
  }
  assert_true(cues >= 3); /* (the comparison saw cues, not only O) */
  for (int r = 1; r < REP; r++) memcpy(all + (size_t)r * n, all, n * sizeof *all);
  size_t na = (size_t)REP * n;
  assert_true(na > 512);
  assert_true(check_scores(m, all, na) >= 3 * REP);
  /* fields out of range and at random */
  uint32_t x = 12345;
  for (int round = 0; round < 4; round++) {
    for (size_t i = 0; i < na; i++) {
      x = x * 1103515245u + 12345u;
      uint32_t v = x >> 8;
      cue_token *t = &all[i];
      switch (round) {
      case 0: /* an unknown tag now and then: the plain path for its neighbours */
        if (v % 7 == 0) t->pos = (uint8_t)(TAG_UPOS_COUNT + v % 50);
        break;
      case 1: /* "outside the sentence" as a tag, quote distances past the table */
        if (v % 5 == 0) t->pos = 0xff;
        if (v % 11 == 0) t->lq = (uint8_t)(8 + v % 3);
        if (v % 13 == 0) t->rq = (uint8_t)(8 + v % 3);
        if (v % 17 == 0) t->squote = 2;
        break;
      default: /* any flags, distances, tags in range */
        t->flags = (uint8_t)v;
        t->lq = (uint8_t)((v >> 8) & 7);
        t->rq = (uint8_t)((v >> 11) & 7);
        t->squote = (uint8_t)((v >> 14) & 1);
        if (round == 3) t->pos = (uint8_t)((v >> 15) % TAG_UPOS_COUNT);
      }
    }
    check_scores(m, all, na);
    check_scores(m, all, 3);
    check_scores(m, all + 1, 1);
  }
  free(all);
  precis_doc_free(d);
}

/* The quotes of a text: cue texts joined by '|'. */
static void cues_of(const char *text, unsigned flags, char *out, size_t n) {
  precis_options o;
  precis_options_init(&o);
  o.flags = flags;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  out[0] = 0;
  for (size_t i = 0; i < nq; i++) {
    if (i) strncat(out, "|", n - strlen(out) - 1);
    if (q[i].cue.text) strncat(out, q[i].cue.text, n - strlen(out) - 1);
  }
  precis_doc_free(d);
}

/* What the learned cues add: a denial with an object and no clause, which
 * no rule takes (PolNeAR counts it); what they keep: every rule cue (the
 * engines take the union), with the rules' span. */
static void test_learned_adds(void **state) {
  (void)state;
  if (!have_model()) skip();
  char a[256], b[256];
  const char *t1 = "The union denied the claims of the ferry company.";
  cues_of(t1, PRECIS_OPT_RULE_CUES, a, sizeof a);
  cues_of(t1, 0, b, sizeof b);
  assert_string_equal(a, "");
  assert_string_equal(b, "denied");
  const char *t2 = "Margaret Osei said on Tuesday that the country would open 12 clinics.";
  cues_of(t2, PRECIS_OPT_RULE_CUES, a, sizeof a);
  cues_of(t2, 0, b, sizeof b);
  assert_string_equal(a, "said");
  assert_string_equal(b, "said");
  /* never a name or "the said" */
  const char *t3 = "The said company was fined. Harriet Lund visited the port.";
  cues_of(t3, 0, b, sizeof b);
  assert_string_equal(b, "");
}

/* --attrib strict (PRECIS_OPT_STRICT_CUES): a tagged cue needs a larger
 * margin over "outside" (PRC_CUE_MARGIN_STRICT): the writer's own "seems",
 * which the tagger takes by a small margin, is no quote; a denial it is sure
 * of and every rule cue stay. */
static void test_strict_cues(void **state) {
  (void)state;
  if (!have_model()) skip();
  char a[256], b[256];
  const char *t1 = "The mayor seems to have lost the vote.";
  cues_of(t1, 0, a, sizeof a);
  cues_of(t1, PRECIS_OPT_STRICT_CUES, b, sizeof b);
  assert_string_equal(a, "seems");
  assert_string_equal(b, "");
  const char *t2 = "The union denied the claims of the ferry company.";
  cues_of(t2, PRECIS_OPT_STRICT_CUES, b, sizeof b);
  assert_string_equal(b, "denied");
  const char *t3 = "Margaret Osei said on Tuesday that the country would open 12 clinics.";
  cues_of(t3, PRECIS_OPT_STRICT_CUES, b, sizeof b);
  assert_string_equal(b, "said");
  /* with the rules' cues the flag changes nothing */
  cues_of(t2, PRECIS_OPT_STRICT_CUES | PRECIS_OPT_RULE_CUES, b, sizeof b);
  assert_string_equal(b, "");
}

/* prc_cue_repair on tagged spans set by hand (the tagger's own choice
 * aside): "[name] span" -> what is left of it ("" when dropped). */
static void repaired(const char *text, const char *first, int len, const char *want, const char *pos_first) {
  precis_options o;
  precis_options_init(&o);
  precis_error err;
  precis_doc *d = prc_analyze_upto_cues(text, strlen(text), &o, &err);
  assert_non_null(d);
  assert_non_null(d->cue_lab);
  uint32_t b = 0;
  while (b < d->ntoks && !(tok_len(d, b) == strlen(first) && !memcmp(tok_str(d, b), first, strlen(first)))) b++;
  assert_true(b + (uint32_t)len <= d->ntoks);
  if (pos_first) assert_string_equal(prc_tg_upos_names[d->toks[b].pos], pos_first);
  memset(d->cue_lab, PRC_CUE_O, d->ntoks);
  d->cue_lab[b] = PRC_CUE_B;
  for (int k = 1; k < len; k++) d->cue_lab[b + (uint32_t)k] = PRC_CUE_I;
  const uint32_t e = d->sents[d->toks[b].sent].tok_end;
  const uint32_t j = prc_cue_repair(d, b, b + (uint32_t)len, e);
  char got[128] = "";
  if (j > b) {
    const uint32_t s0 = d->toks[b].start, s1 = d->toks[j - 1].end;
    snprintf(got, sizeof got, "%.*s", (int)(s1 - s0), d->text + s0);
  }
  assert_string_equal(got, want);
  for (uint32_t i = 0; i < d->ntoks; i++) { /* the labels say the same */
    const int l = d->cue_lab[i] & 3;
    assert_int_equal(l, i == b && j > b ? PRC_CUE_B : i > b && i < j ? PRC_CUE_I : PRC_CUE_O);
  }
  precis_doc_free(d);
}

static void test_span_repair(void **state) {
  (void)state;
  if (!have_model()) skip();
  /* a span that stops inside the verb's object ends at the verb */
  repaired("Hamas applauded the attack on Monday.", "applauded", 2, "applauded", "VERB");
  repaired("Officials blamed the incident on hackers.", "blamed", 4, "blamed", "VERB");
  repaired("The coach told him the news.", "told", 2, "told", "VERB");
  /* ... but not a preposition first, a bare noun or "made it clear" */
  repaired("The mayor said in a statement that the road would close.", "said", 4, "said in a statement", "VERB");
  repaired("The council expressed concern about the costs.", "expressed", 3, "expressed concern about", "VERB");
  repaired("The minister made it clear that taxes would rise.", "made", 3, "made it clear", "VERB");
  /* function words alone and a lone adjective are no cue */
  repaired("Then the team will play again in Leaford.", "will", 1, "", "AUX");
  repaired("Then the team will play again in Leaford.", "Then", 1, "", "ADV");
  repaired("It was the first visit to the port in years.", "first", 1, "", "ADJ");
  repaired("The test was clear, the inspector said.", "was", 1, "was", "AUX"); /* "is [clear]" */
  /* nor a form of "be", "have" or "do" alone (0.12.1: "[have] any real intention") */
  repaired("Neither leader has any real intention to end the talks.", "has", 1, "", NULL);
  repaired("Only three of them have not won a title.", "have", 2, "", NULL);
  repaired("She had a long history in the party.", "had", 1, "", NULL);
  /* "continue" before a word is none; after a quotation it is a cue */
  repaired("She continues to lead the poll in Dunmore.", "continues", 1, "", "VERB");
  repaired("\"We will win,\" she continued.", "continued", 1, "continued", NULL);
  char a[256];
  cues_of("Mara Quist continues to lead the poll in Dunmore.", PRECIS_OPT_RULE_CUES, a, sizeof a);
  assert_string_equal(a, "");
  cues_of("\"We will win the vote,\" Mara Quist continued.", PRECIS_OPT_RULE_CUES, a, sizeof a);
  assert_string_equal(a, "continued");
}


/* ---- the content-end scorer (content_ends.c) ------------------------------------------------- */

/* A cue model in memory: empty tagger weights, and a CEND section of
 * feature set featset (none when featset is 0). */
static pc_buf cue_model_with_cend(uint32_t featset) {
  model_writer w;
  prc_model_writer_init(&w, PRC_CUE_FEATSET);
  static const char *const labels[] = {"O", "B", "I"};
  prc_model_writer_labels(&w, labels, 3);
  pc_trainer *t = prc_pc_trainer_new(3);
  uint64_t f = 12345;
  prc_pc_trainer_update(t, &f, 1, 0, 5.0f);
  prc_pc_trainer_tick(t);
  pc_model pm;
  assert_int_equal(prc_pc_trainer_export(t, 0.0f, &pm), 0);
  assert_int_equal(prc_pc_model_write(&pm, prc_model_writer_section(&w, "WGHT")), 0);
  prc_pc_model_free(&pm);
  prc_pc_trainer_free(t);
  if (featset) {
    pc_buf *c = prc_model_writer_section(&w, "CEND");
    prc_pc_buf_u32(c, featset);
    pc_trainer *e = prc_pc_trainer_new(1);
    prc_pc_trainer_update(e, &f, 1, 0, 1.0f);
    prc_pc_trainer_tick(e);
    assert_int_equal(prc_pc_trainer_export(e, 0.0f, &pm), 0);
    assert_int_equal(prc_pc_model_write(&pm, c), 0);
    prc_pc_model_free(&pm);
    prc_pc_trainer_free(e);
  }
  pc_buf out;
  assert_int_equal(prc_model_writer_finish(&w, &out), 0);
  prc_model_writer_free(&w);
  return out;
}

/* The scorer is an optional section of the cue model: absent, present, or
 * of another feature set (refused, with a message that says so). */
static void test_cend_section(void **state) {
  (void)state;
  precis_error err;
  pc_buf b = cue_model_with_cend(0);
  cue_model *m = prc_cue_load_memory(b.p, b.n, &err);
  assert_non_null(m);
  assert_null(prc_cue_cend(m));
  prc_cue_free(m);
  free(b.p);
  b = cue_model_with_cend(PRC_CEND_FEATSET);
  m = prc_cue_load_memory(b.p, b.n, &err);
  assert_non_null(m);
  assert_non_null(prc_cue_cend(m));
  assert_int_equal(prc_cue_cend(m)->nfeat, 1);
  {
    uint64_t g = 12345; /* the one feature, weight 1; another is worth nothing */
    assert_true(prc_cue_cend_score(prc_cue_cend(m), &g, 1) > 0.5);
    g = 54321;
    assert_true(prc_cue_cend_score(prc_cue_cend(m), &g, 1) == 0);
  }
  prc_cue_free(m);
  free(b.p);
  b = cue_model_with_cend(PRC_CEND_FEATSET + 1);
  assert_null(prc_cue_load_memory(b.p, b.n, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_non_null(strstr(err.message, "content-end scorer"));
  free(b.p);
  assert_null(prc_cue_cend(NULL));
  if (have_model()) assert_non_null(prc_cue_cend(prc_cue_builtin(NULL)));
}

/* The content of quote k of an analysis of text under flags ("" if none). */
static void content_of(const char *text, unsigned flags, size_t k, char *out, size_t n) {
  precis_options o;
  precis_options_init(&o);
  o.flags |= flags;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  size_t nq = 0;
  const precis_quote *q = NULL;
  nq = precis_doc_quotes(d, &q);
  out[0] = 0;
  if (k < nq && q[k].ncontent) snprintf(out, n, "%s", q[k].content[q[k].ncontent - 1].text);
  precis_doc_free(d);
}

/* What the built-in scorer does on hand-made sentences, and what the
 * rules do without it. */
static void test_cend_behaviour(void **state) {
  (void)state;
  if (!have_model()) skip();
  char a[512];
  /* a relative clause after the object is the writer's, not Quist's */
  const char *s = "Quist has acknowledged the reality of the harbour's decline, which makes her something of an "
                  "outlier in the council.";
  content_of(s, 0, 0, a, sizeof a);
  assert_string_equal(a, "the reality of the harbour's decline");
  content_of(s, PRECIS_OPT_RULE_CUES, 0, a, sizeof a);
  assert_non_null(strstr(a, ", which makes her"));
  /* never over another attribution's cue or source, nor the quote's own */
  content_of("Reyes, who said the plan was reckless, voted against it.", 0, 0, a, sizeof a);
  assert_string_equal(a, "the plan was reckless");
  content_of("The mayor said the bridge would close in May and promised free ferries for commuters.", 0, 0, a,
             sizeof a);
  assert_null(strstr(a, "promised"));
  /* a closing quotation mark stays with its content */
  content_of("At a dinner in Leeds with the singer Mara Vell, Ames called half of the council's members \"dinosaurs.\"",
             0, 0, a, sizeof a);
  assert_string_equal(a, "half of the council's members \"dinosaurs.\"");
}

/* The candidates the stage puts up (PRC_OPT_CEND_TRACE, as the trainer
 * sees them): at least the rules' end, in order, each with at most
 * PRC_CEND_MAXF features, none past the next attribution's tokens, and
 * none at all without a tree or for a quotation alone. */
static void test_cend_candidates(void **state) {
  (void)state;
  if (!have_model()) skip();
  precis_options o;
  precis_options_init(&o);
  o.flags |= PRC_OPT_CEND_TRACE;
  const char *s = "Reyes, who said the plan was reckless, voted against it. \"We will win,\" Quist said. "
                  "Quist said the ferry would run all winter, but the bridge would stay shut.";
  precis_doc *d = precis_analyze(s, strlen(s), &o);
  assert_non_null(d);
  /* for "said" (who), "voted against", "said" (Quist), not the quotation: the
   * candidate ends (side 0) of the last fragment, then the starts (side 1) of the first */
  assert_int_equal(d->ncet, 6);
  for (uint32_t k = 0; k < d->ncet; k++) {
    const cend_trace *t = &d->cet[k];
    assert_int_equal(t->side, k & 1);
    assert_true(t->ncands >= 1);
    assert_true(t->rule < t->ncands);
    for (uint32_t c = 0; c < t->ncands; c++) {
      assert_true(t->foff[c + 1] - t->foff[c] <= PRC_CEND_MAXF);
      if (t->side == 0) assert_true(t->ends[c] > t->b && t->ends[c] <= strlen(s));
      else assert_true(t->ends[c] < t->b);
      if (c) assert_true(t->ends[c] > t->ends[c - 1]);
    }
  }
  /* the first: from "the plan" to "reckless" at most ("voted" is another cue);
   * its starts: none before "the plan" ("said" is its cue) */
  const char *voted = strstr(s, ", voted"), *plan = strstr(s, "the plan");
  assert_int_equal(d->cet[0].b, (uint32_t)(plan - s));
  assert_true(d->cet[0].ends[d->cet[0].ncands - 1] <= (uint32_t)(voted - s + 1));
  assert_int_equal(d->cet[1].ends[0], (uint32_t)(plan - s));
  assert_int_equal(d->cet[1].ends[d->cet[1].rule], (uint32_t)(plan - s));
  /* the last: candidate ends run to the end of the sentence */
  assert_int_equal(d->cet[4].ends[d->cet[4].ncands - 1], (uint32_t)(strstr(s, "shut.") - s + 4));
  precis_doc_free(d);
  /* the rules engine and the engine without taggers look at nothing */
  o.flags |= PRECIS_OPT_RULE_CUES;
  d = precis_analyze(s, strlen(s), &o);
  assert_int_equal(d->ncet, 0);
  precis_doc_free(d);
  o.flags = PRC_OPT_CEND_TRACE | PRECIS_OPT_NO_TAGGER;
  d = precis_analyze(s, strlen(s), &o);
  assert_int_equal(d->ncet, 0);
  precis_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_model_and_bounds),
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_stage),
      cmocka_unit_test(test_tag_reference),
      cmocka_unit_test(test_tag_scores),
      cmocka_unit_test(test_learned_adds),
      cmocka_unit_test(test_strict_cues),
      cmocka_unit_test(test_span_repair),
      cmocka_unit_test(test_cend_section),
      cmocka_unit_test(test_cend_behaviour),
      cmocka_unit_test(test_cend_candidates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
