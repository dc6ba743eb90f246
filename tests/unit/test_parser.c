/* test_parser.c - the dependency parser: the transition system and its
 * oracle on hand-made trees (projective and not), relation names, model
 * loading errors, and hostile input (long sentences parse in linear time). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "error.h"
#include "model/parser.h"
#include "model/parser_features.h"
#include "model/tagger_features.h"
#include "train/model_write.h"
#include "train/parser_train.h"

/* A small treebank of our own sentences.  Three trees are non-projective:
 * an extraposed relative clause, a fronted object of an embedded verb and a
 * prepositional phrase separated from its noun. */
static const char *const corpus_text =
    "# text = The minister said the talks would resume on Monday.\n"
    "1\tThe\t_\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tminister\t_\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tsaid\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "4\tthe\t_\tDET\t_\t_\t5\tdet\t_\t_\n"
    "5\ttalks\t_\tNOUN\t_\t_\t7\tnsubj\t_\t_\n"
    "6\twould\t_\tAUX\t_\t_\t7\taux\t_\t_\n"
    "7\tresume\t_\tVERB\t_\t_\t3\tccomp\t_\t_\n"
    "8\ton\t_\tADP\t_\t_\t9\tcase\t_\t_\n"
    "9\tMonday\t_\tPROPN\t_\t_\t7\tobl\t_\t_\n"
    "10\t.\t_\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = Officials from both ports, who asked not to be named, denied it.\n"
    "1\tOfficials\t_\tNOUN\t_\t_\t14\tnsubj\t_\t_\n"
    "2\tfrom\t_\tADP\t_\t_\t4\tcase\t_\t_\n"
    "3\tboth\t_\tDET\t_\t_\t4\tdet\t_\t_\n"
    "4\tports\t_\tNOUN\t_\t_\t1\tnmod\t_\t_\n"
    "5\t,\t_\tPUNCT\t_\t_\t7\tpunct\t_\t_\n"
    "6\twho\t_\tPRON\t_\t_\t7\tnsubj\t_\t_\n"
    "7\tasked\t_\tVERB\t_\t_\t1\tacl:relcl\t_\t_\n"
    "8\tnot\t_\tPART\t_\t_\t11\tadvmod\t_\t_\n"
    "9\tto\t_\tPART\t_\t_\t11\tmark\t_\t_\n"
    "10\tbe\t_\tAUX\t_\t_\t11\taux:pass\t_\t_\n"
    "11\tnamed\t_\tVERB\t_\t_\t7\txcomp\t_\t_\n"
    "12\t,\t_\tPUNCT\t_\t_\t7\tpunct\t_\t_\n"
    "13\tit\t_\tPRON\t_\t_\t14\tobj\t_\t_\n"
    "14\tdenied\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "15\t.\t_\tPUNCT\t_\t_\t14\tpunct\t_\t_\n"
    "\n"
    "# text = I met a farmer yesterday who grows rice.  (relative clause extraposed)\n"
    "1\tI\t_\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tmet\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "3\ta\t_\tDET\t_\t_\t4\tdet\t_\t_\n"
    "4\tfarmer\t_\tNOUN\t_\t_\t2\tobj\t_\t_\n"
    "5\tyesterday\t_\tNOUN\t_\t_\t2\tobl:tmod\t_\t_\n"
    "6\twho\t_\tPRON\t_\t_\t7\tnsubj\t_\t_\n"
    "7\tgrows\t_\tVERB\t_\t_\t4\tacl:relcl\t_\t_\n"
    "8\trice\t_\tNOUN\t_\t_\t7\tobj\t_\t_\n"
    "9\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = What did the mayor say she wanted?  (object fronted out of the complement)\n"
    "1\tWhat\t_\tPRON\t_\t_\t7\tobj\t_\t_\n"
    "2\tdid\t_\tAUX\t_\t_\t5\taux\t_\t_\n"
    "3\tthe\t_\tDET\t_\t_\t4\tdet\t_\t_\n"
    "4\tmayor\t_\tNOUN\t_\t_\t5\tnsubj\t_\t_\n"
    "5\tsay\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "6\tshe\t_\tPRON\t_\t_\t7\tnsubj\t_\t_\n"
    "7\twanted\t_\tVERB\t_\t_\t5\tccomp\t_\t_\n"
    "8\t?\t_\tPUNCT\t_\t_\t5\tpunct\t_\t_\n"
    "\n"
    "# text = A vote is planned on the new budget.  (PP separated from its noun)\n"
    "1\tA\t_\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tvote\t_\tNOUN\t_\t_\t4\tnsubj:pass\t_\t_\n"
    "3\tis\t_\tAUX\t_\t_\t4\taux:pass\t_\t_\n"
    "4\tplanned\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "5\ton\t_\tADP\t_\t_\t8\tcase\t_\t_\n"
    "6\tthe\t_\tDET\t_\t_\t8\tdet\t_\t_\n"
    "7\tnew\t_\tADJ\t_\t_\t8\tamod\t_\t_\n"
    "8\tbudget\t_\tNOUN\t_\t_\t2\tnmod\t_\t_\n"
    "9\t.\t_\tPUNCT\t_\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# text = Yes.\n"
    "1\tYes\t_\tINTJ\t_\t_\t0\troot\t_\t_\n"
    "2\t.\t_\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    "\n"
    "# text = Prices rose, sales fell and shares slid.\n"
    "1\tPrices\t_\tNOUN\t_\t_\t2\tnsubj\t_\t_\n"
    "2\trose\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "3\t,\t_\tPUNCT\t_\t_\t5\tpunct\t_\t_\n"
    "4\tsales\t_\tNOUN\t_\t_\t5\tnsubj\t_\t_\n"
    "5\tfell\t_\tVERB\t_\t_\t2\tconj\t_\t_\n"
    "6\tand\t_\tCCONJ\t_\t_\t8\tcc\t_\t_\n"
    "7\tshares\t_\tNOUN\t_\t_\t8\tnsubj\t_\t_\n"
    "8\tslid\t_\tVERB\t_\t_\t2\tconj\t_\t_\n"
    "9\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n";

static char tmpdir[64];

static const char *write_tmp(const char *name, const void *data, size_t n) {
  static char path[128];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  return path;
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/precis-test-parser-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void read_corpus(ud_corpus *c) {
  precis_error err;
  const char *path = write_tmp("small.conllu", corpus_text, strlen(corpus_text));
  assert_int_equal(prc_ud_read(path, c, &err), 0);
  assert_int_equal(c->nsent, 7);
}

/* Runs the oracle (always a cheapest action, the gold label on a right arc)
 * from the empty configuration and returns the tree it builds. */
static void oracle_parse(const ud_corpus *c, size_t b, size_t n, const int32_t *phead,
                         const int16_t *prel, int32_t *out_head, int16_t *out_rel) {
  tag_token tt[64];
  uint8_t upos[64], onstack[65];
  int32_t gh[64];
  assert_true(n < 64);
  for (size_t i = 0; i < n; i++) {
    tt[i].s = c->text + c->off[b + i];
    tt[i].len = c->len[b + i];
    upos[i] = c->upos[b + i];
    gh[i] = phead[i] < 0 ? (int32_t)n : phead[i];
  }
  void *scratch = malloc(prc_ps_scratch_size(n) + 16);
  assert_non_null(scratch);
  ps_state st;
  prc_ps_state_init(&st, scratch, tt, upos, n, NULL, NULL);
  memset(onstack, 0, sizeof onstack);
  size_t steps = 0;
  while (!ps_terminal(&st)) {
    int cost[PS_NACTIONS];
    prc_ps_costs(&st, gh, onstack, cost);
    int best = -1;
    for (int a = 0; a < PS_NACTIONS; a++)
      if (cost[a] >= 0 && (best < 0 || cost[a] < cost[best])) best = a;
    assert_true(best >= 0);
    assert_int_equal(cost[best], 0); /* a projective gold tree never costs anything */
    int lab = -1;
    if (best != PS_SHIFT) {
      int32_t h, d;
      ps_arc(&st, best, &h, &d);
      assert_int_equal(h, gh[d]);
      lab = prel[d];
    }
    if (best == PS_SHIFT) onstack[st.b] = 1;
    else onstack[st.stack[st.sp - 1]] = 0;
    prc_ps_apply(&st, best, lab, 0);
    steps++;
  }
  assert_int_equal(steps, 2 * n); /* n shifts, n arcs */
  for (size_t i = 0; i < n; i++) {
    out_head[i] = st.node[i].head >= (int32_t)n ? -1 : st.node[i].head;
    out_rel[i] = (int16_t)st.node[i].lab;
  }
  free(scratch);
}

/* Every gold tree of the corpus -- lifted to a projective one when it is
 * not -- is reached by the oracle, and lowering the lifted arcs gives the
 * original tree back, labels included. */
static void test_oracle_reaches_every_tree(void **state) {
  (void)state;
  ud_corpus c;
  read_corpus(&c);
  int nonproj = 0;
  for (size_t s = 0; s < c.nsent; s++) {
    size_t b = c.sent[s], n = c.sent[s + 1] - b;
    int32_t ph[64], h[64], work[130];
    int16_t pr[64], r[64];
    uint8_t dep[64], lift[64];
    memcpy(ph, c.head + b, n * sizeof *ph);
    memcpy(pr, c.rel + b, n * sizeof *pr);
    if (!prc_ps_is_projective(ph, n)) {
      nonproj++;
      assert_true(prc_ps_projectivize(&c, ph, pr, n) > 0);
      assert_true(prc_ps_is_projective(ph, n));
    } else {
      assert_int_equal(prc_ps_projectivize(&c, ph, pr, n), 0);
    }
    oracle_parse(&c, b, n, ph, pr, h, r);
    assert_memory_equal(h, ph, n * sizeof *h);
    assert_memory_equal(r, pr, n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
      const char *l = c.labels[r[i]], *sep = strstr(l, PS_LIFT_SEP);
      dep[i] = (uint8_t)prc_dep_id(l, sep ? (size_t)(sep - l) : strlen(l));
      lift[i] = sep ? (uint8_t)prc_dep_id(sep + 2, strlen(sep + 2)) : 0;
    }
    prc_ps_lower(n, h, dep, lift, work);
    assert_memory_equal(h, c.head + b, n * sizeof *h);
    for (size_t i = 0; i < n; i++)
      assert_int_equal(dep[i], prc_dep_id(c.labels[c.rel[b + i]], strlen(c.labels[c.rel[b + i]])));
  }
  assert_int_equal(nonproj, 3);
  prc_ud_free(&c);
}

/* The lifted label of the fronted object names the original head's relation. */
static void test_lifted_label(void **state) {
  (void)state;
  ud_corpus c;
  read_corpus(&c);
  size_t b = c.sent[3], n = c.sent[4] - b;
  int32_t ph[16];
  int16_t pr[16];
  memcpy(ph, c.head + b, n * sizeof *ph);
  memcpy(pr, c.rel + b, n * sizeof *pr);
  assert_int_equal(prc_ps_projectivize(&c, ph, pr, n), 1);
  assert_int_equal(ph[0], 4); /* What -> say (lifted from wanted) */
  assert_string_equal(c.labels[pr[0]], "obj||ccomp");
  prc_ud_free(&c);
}

/* Any sequence of valid actions ends in one tree: 2n moves, one root, no cycle. */
static void test_any_actions_make_a_tree(void **state) {
  (void)state;
  enum { N = 40 };
  tag_token tt[N];
  uint8_t upos[N];
  for (int i = 0; i < N; i++) {
    tt[i].s = "word";
    tt[i].len = 4;
    upos[i] = TAG_UPOS_NOUN;
  }
  void *scratch = malloc(prc_ps_scratch_size(N) + 16);
  assert_non_null(scratch);
  uint64_t rng = 12345;
  for (int trial = 0; trial < 200; trial++) {
    ps_state st;
    prc_ps_state_init(&st, scratch, tt, upos, N, NULL, NULL);
    int steps = 0;
    while (!ps_terminal(&st)) {
      unsigned v = ps_valid(&st);
      assert_true(v != 0);
      int a;
      do {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        a = (int)((rng >> 33) % PS_NACTIONS);
      } while (!(v & (1u << a)));
      prc_ps_apply(&st, a, 1, PRC_DEP_DEP);
      steps++;
    }
    assert_int_equal(steps, 2 * N);
    int roots = 0;
    for (int i = 0; i < N; i++) {
      roots += st.node[i].head == N;
      int x = i, k = 0;
      while (x != N && k <= N) {
        x = st.node[x].head;
        k++;
      }
      assert_int_equal(x, N); /* reaches the root: no cycle */
    }
    assert_int_equal(roots, 1);
  }
  free(scratch);
}

/* ---- the features: the same hashes as the plain formula ------------------------------------
 * The run time spreads each token's values into the hash lanes once per
 * sentence (parser.c); the model was trained on the hashes below, computed
 * per feature, template by template.  They must stay equal bit for bit. */

static uint32_t dist_bucket(int64_t d) {
  if (d < 0) d = -d;
  return d <= 4 ? (uint32_t)d : d <= 6 ? 5u : d <= 9 ? 6u : d <= 14 ? 7u : 8u;
}
static uint32_t count_bucket(uint32_t c) { return c < 4 ? c : 4; }

/* One multiply-xorshift mix per feature: the values are already hashes or
 * small integers, spread by odd multipliers before the mix. */
static uint64_t ps_f(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  return pc_mix64(((uint64_t)t * 0x9e3779b97f4a7c15ULL) ^ (a * 0xd6e8feb86659fd93ULL) ^
                  ((b * 0xa0761d6478bd642fULL) + (b >> 29)) ^ ((c * 0xe7037ed1a0b428dbULL) + (c >> 31)));
}
#define F1(t, a) (f[k++] = ps_f((t), (a), 0x51, 0x73))
#define F2(t, a, b) (f[k++] = ps_f((t), (a), (b), 0x73))
#define F3(t, a, b, c) (f[k++] = ps_f((t), (a), (b), (c)))

static size_t ref_action_feats(const ps_state *st, uint64_t *f) {
  const size_t n = st->n;
  const int32_t NUL = (int32_t)n + 1;
  const ps_tok *T = st->tok;
  const ps_node *N = st->node;
  int32_t s0 = st->sp >= 1 ? st->stack[st->sp - 1] : NUL;
  int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : NUL;
  int32_t s2 = st->sp >= 3 ? st->stack[st->sp - 3] : NUL;
  int32_t b0 = (int32_t)st->b;
  int32_t b1 = st->b + 1 <= n ? b0 + 1 : NUL, b2 = st->b + 2 <= n ? b0 + 2 : NUL;
  int32_t b3 = st->b + 3 <= n ? b0 + 3 : NUL;
#define CH(x, fld) ((x) < NUL && N[x].fld >= 0 ? N[x].fld : NUL)
#define LB(x) ((x) < NUL && (x) < (int32_t)n ? (uint64_t)(N[x].lab + 1) : 0u)
  int32_t s0l1 = CH(s0, l1), s0l2 = CH(s0, l2), s0r1 = CH(s0, r1), s0r2 = CH(s0, r2);
  int32_t b0l1 = CH(b0, l1), b0l2 = CH(b0, l2), s1r1 = CH(s1, r1), s1l1 = CH(s1, l1);
  size_t k = 0;
  /* single tokens */
  F1(1, T[s0].wp); F1(2, T[s0].w); F1(3, T[s0].p);
  F1(4, T[b0].wp); F1(5, T[b0].w); F1(6, T[b0].p);
  F1(7, T[b1].wp); F1(8, T[b1].w); F1(9, T[b1].p);
  F1(10, T[b2].w); F1(11, T[b2].p);
  F1(12, T[s1].wp); F1(13, T[s1].w); F1(14, T[s1].p);
  F1(15, T[s2].p); F1(16, T[s2].w);
  /* pairs */
  F2(20, T[s0].wp, T[b0].wp); F2(21, T[s0].wp, T[b0].w); F2(22, T[s0].w, T[b0].wp);
  F2(23, T[s0].wp, T[b0].p); F2(24, T[s0].p, T[b0].wp); F2(25, T[s0].w, T[b0].w);
  F2(26, T[s0].p, T[b0].p); F2(27, T[b0].p, T[b1].p);
  F2(28, T[s1].p, T[s0].p); F2(29, T[s1].w, T[s0].w); F2(30, T[s1].wp, T[s0].p);
  F2(31, T[s1].p, T[s0].wp); F2(32, T[s1].p, T[b0].p); F2(33, T[s1].w, T[b0].w);
  /* triples */
  F3(40, T[b0].p, T[b1].p, T[b2].p);
  F3(41, T[s0].p, T[b0].p, T[b1].p);
  F3(42, T[s1].p, T[s0].p, T[b0].p);
  F3(43, T[s0].p, T[s0l1].p, T[b0].p);
  F3(44, T[s0].p, T[s0r1].p, T[b0].p);
  F3(45, T[s0].p, T[b0].p, T[b0l1].p);
  F3(46, T[s2].p, T[s1].p, T[s0].p);
  F3(47, T[s1].p, T[s1r1].p, T[s0].p);
  F3(48, T[s1].p, T[s0].p, T[s0r1].p);
  F3(49, T[s0].w, T[b0].p, T[b1].p);
  F3(50, T[s0].p, T[b0].w, T[b1].p);
  /* (distance 55-61 and valency 65-71 removed: ablation for speed) */
  /* children */
  F1(75, T[s0l1].w); F1(76, T[s0l1].p); F2(77, T[s0].p, LB(s0l1));
  F1(78, T[s0r1].w); F1(79, T[s0r1].p); F2(80, T[s0].p, LB(s0r1));
  F1(81, T[b0l1].w); F1(82, T[b0l1].p); F2(83, T[b0].p, LB(b0l1));
  F1(84, T[s1r1].p); F2(85, T[s1].p, LB(s1r1)); F1(86, T[s1l1].p);
  F1(90, T[s0l2].w); F1(91, T[s0l2].p); F2(92, T[s0].p, LB(s0l2));
  F1(93, T[s0r2].w); F1(94, T[s0r2].p); F2(95, T[s0].p, LB(s0r2));
  F1(96, T[b0l2].w); F1(97, T[b0l2].p); F2(98, T[b0].p, LB(b0l2));
  F3(99, T[s0].p, T[s0l1].p, T[s0l2].p);
  F3(100, T[s0].p, T[s0r1].p, T[s0r2].p);
  F3(101, T[b0].p, T[b0l1].p, T[b0l2].p);
  /* label sets */
  uint64_t s0ls = s0 < NUL ? N[s0].lset : 1, s0rs = s0 < NUL ? N[s0].rset : 1, b0ls = N[b0].lset;
  F2(105, T[s0].w, s0rs); F2(106, T[s0].p, s0rs); F2(107, T[s0].w, s0ls); F2(108, T[s0].p, s0ls);
  F2(109, T[b0].w, b0ls); F2(110, T[b0].p, b0ls);
  F2(111, T[s1].p, s1 < NUL ? N[s1].rset | (N[s1].lset << 1) : 1);
  /* (word clusters 115-124 removed: ablation for speed; 145-155 below stay) */
  /* capitalisation (proper-noun runs, sentence start) */
  F3(130, T[s0].cap, T[b0].cap, T[s0].p * 64u + T[b0].p);
  /* (suffixes 131-135 removed: no accuracy loss, #7 and the ablation for speed) */
  F1(136, T[b3].p); F3(137, T[s0].p, T[b0].p, T[b3].p);
  /* the tags a word can have (the POS model's dictionary): a hedge against tagging errors */
  F2(140, T[s0].amb, T[s0].p); F2(141, T[b0].amb, T[b0].p); F2(142, T[b1].amb, T[b1].p);
  F2(143, T[s1].amb, T[s1].p); F3(144, T[s0].amb, T[b0].amb, T[s0].p * 64u + T[b0].p);
  /* more cluster conjunctions (Koo et al. 2008) */
  F3(145, T[s0].c6, T[b0].c6, T[b1].p); F3(146, T[s1].c6, T[s0].c6, T[b0].p);
  F2(147, T[s0].clus, T[b0].clus); F3(148, T[s0].c6, T[s0l1].p, T[b0].p);
  F3(149, T[s0].c6, T[s0r1].p, T[b0].c6); F3(150, T[b0].c6, T[b0l1].p, T[s0].p);
  F2(151, T[s0l1].c6, T[s0].p); F2(152, T[s0r1].c6, T[s0].p); F2(153, T[b0l1].c6, T[b0].p);
  F3(154, T[s1].c6, T[s1r1].p, T[s0].c6); F2(155, T[b1].c6, T[b2].p);
#undef CH
#undef LB
  return k;
}

static size_t ref_label_feats(const ps_state *st, int action, uint64_t *f) {
  const size_t n = st->n;
  const int32_t NUL = (int32_t)n + 1;
  const ps_tok *T = st->tok;
  const ps_node *N = st->node;
  int32_t h, dd;
  ps_arc(st, action, &h, &dd);
  const uint32_t o = action == PS_LEFT ? 1000u : 2000u; /* the direction is in every template */
#define CH(x, fld) (N[x].fld >= 0 ? N[x].fld : NUL)
#define LB(x) ((x) < (int32_t)n ? (uint64_t)(N[x].lab + 1) : 0u)
  int32_t dl1 = CH(dd, l1), dr1 = CH(dd, r1), hl1 = h < (int32_t)n ? CH(h, l1) : NUL;
  int32_t dprev = dd > 0 ? dd - 1 : NUL, dnext = dd + 1 < (int32_t)n ? dd + 1 : NUL;
  int32_t b0 = (int32_t)st->b;
  size_t k = 0;
  F1(o + 1, T[dd].p); F1(o + 2, T[dd].w); F1(o + 3, T[dd].wp);
  F1(o + 4, T[h].p); F1(o + 5, T[h].w); F1(o + 6, T[h].wp);
  F2(o + 7, T[dd].p, T[h].p); F2(o + 8, T[dd].w, T[h].p); F2(o + 9, T[dd].p, T[h].w);
  F2(o + 10, T[dd].w, T[h].w); /* (o+11..o+14 clusters removed: ablation for speed) */
  F3(o + 15, T[dd].p, T[h].p, dist_bucket((int64_t)h - dd));
  F2(o + 16, T[dd].p, N[dd].lset); F2(o + 17, T[dd].p, N[dd].rset);
  F3(o + 18, T[h].p, N[h].lset, T[dd].p); F3(o + 19, T[h].p, N[h].rset, T[dd].p);
  F3(o + 20, T[dl1].w, LB(dl1), T[dd].p);
  F2(o + 21, T[dd].w, T[dl1].w);
  F3(o + 22, LB(dr1), T[dr1].p, T[dd].p);
  F3(o + 23, T[dl1].p, T[dd].p, T[h].p);
  F3(o + 24, T[dprev].p, T[dd].p, T[dnext].p);
  F3(o + 25, T[dd].p, count_bucket(N[dd].nl), count_bucket(N[dd].nr));
  F2(o + 26, T[b0].p, T[dd].p);
  F1(o + 27, 0);
  F3(o + 28, T[h].p, LB(hl1), T[dd].p);
  F2(o + 29, T[dd].cap, T[dd].p * 64u + T[h].p);
  F3(o + 30, T[dl1].w, T[dd].p, T[h].p);
  /* (o+31..o+33 suffixes, o+36..o+37 clusters removed: ablation for speed) */
  F2(o + 34, T[dd].amb, T[dd].p); F2(o + 35, T[h].amb, T[h].p);
#undef CH
#undef LB
  return k;
}


#undef F1
#undef F2
#undef F3

static void test_features_match_formula(void **state) {
  (void)state;
  static const char *const words[] = {"The", "minister", "said", "talks", "would", "resume", "on", "Monday",
                                      ".", "Officials", "from", "both", "ports", ",", "who", "asked", "not",
                                      "to", "be", "named", "denied", "it", "a", "of", "and", "in"};
  enum { N = 30, NW = sizeof words / sizeof *words };
  precis_error err;
  prc_error_clear(&err);
  /* the built-in model's word clusters and tag dictionary when there is one */
  const parser *bp = prc_parser_builtin(&err);
  const model_lex *clus = bp ? &bp->clus : NULL, *dict = bp ? &bp->dict : NULL;
  tag_token tt[N];
  uint8_t upos[N];
  void *scratch = malloc(prc_ps_scratch_size(N) + 16);
  assert_non_null(scratch);
  uint64_t rng = 99, f[PS_MAXF], g[PS_MAXF];
#define RND() (rng = rng * 6364136223846793005ULL + 1442695040888963407ULL, (unsigned)(rng >> 33))
  size_t checked = 0;
  for (int trial = 0; trial < 50; trial++) {
    size_t n = 1 + RND() % N;
    for (size_t i = 0; i < n; i++) {
      tt[i].s = words[RND() % NW];
      tt[i].len = (uint32_t)strlen(tt[i].s);
      upos[i] = (uint8_t)(RND() % (TAG_UPOS_COUNT + 2)); /* a few out of range: X */
    }
    ps_state st;
    prc_ps_state_init(&st, scratch, tt, upos, n, clus, dict);
    while (!ps_terminal(&st)) {
      unsigned v = ps_valid(&st);
      size_t nf = prc_ps_action_feats(&st, f), nr = ref_action_feats(&st, g);
      assert_int_equal(nf, nr);
      assert_memory_equal(f, g, nf * sizeof *f);
      for (int a = PS_LEFT; a <= PS_RIGHT; a++) {
        if (!(v & (1u << a))) continue;
        nf = prc_ps_label_feats(&st, a, f);
        nr = ref_label_feats(&st, a, g);
        assert_int_equal(nf, nr);
        assert_memory_equal(f, g, nf * sizeof *f);
      }
      checked++;
      int a;
      do a = (int)(RND() % PS_NACTIONS);
      while (!(v & (1u << a)));
      int lab = a == PS_SHIFT ? -1 : (int)(RND() % 40);
      prc_ps_apply(&st, a, lab, lab >= 0 ? 1 + lab : 0);
    }
  }
#undef RND
  assert_true(checked > 500);
  free(scratch);
}

static void test_dep_names(void **state) {
  (void)state;
  assert_string_equal(prc_dep_name(PRC_DEP_NSUBJ), "nsubj");
  assert_string_equal(prc_dep_name(PRC_DEP_ACL_RELCL), "acl:relcl");
  assert_string_equal(prc_dep_name(-1), "_");
  assert_string_equal(prc_dep_name(PRC_DEP_COUNT), "_");
  assert_int_equal(prc_dep_id("obl:tmod", 8), PRC_DEP_OBL_TMOD);
  assert_int_equal(prc_dep_id("obl:somethingnew", 16), PRC_DEP_OBL);
  assert_int_equal(prc_dep_id("nonsense", 8), PRC_DEP_DEP);
  assert_int_equal(prc_dep_base(PRC_DEP_NSUBJ_PASS), PRC_DEP_NSUBJ);
  assert_int_equal(prc_dep_base(PRC_DEP_ROOT), PRC_DEP_ROOT);
  for (int i = 1; i < PRC_DEP_COUNT; i++)
    assert_int_equal(prc_dep_id(prc_dep_name(i), strlen(prc_dep_name(i))), i);
}

/* ---- a tiny trained model, for the tests below ---------------------------------------------- */

static const char *tiny_model(void) {
  static char path[128];
  if (path[0]) return path;
  if (!prc_tagger_builtin(TAGGER_POS, NULL)) skip(); /* a build without models */
  char conllu[16384];
  size_t n = 0;
  for (int k = 0; k < 3; k++) { /* the corpus three times over */
    memcpy(conllu + n, corpus_text, strlen(corpus_text));
    n += strlen(corpus_text);
  }
  char tpath[128];
  snprintf(tpath, sizeof tpath, "%s", write_tmp("tiny.conllu", conllu, n));
  snprintf(path, sizeof path, "%s/tiny.bin", tmpdir);
  parser_train_opts o = {0};
  o.train_path = tpath;
  o.dev_path = tpath;
  o.out_path = path;
  o.seed = 1;
  o.epochs = 5;
  o.prune = 0.01f;
  parser_eval ev;
  precis_error err;
  if (prc_parser_train(&o, &ev, &err) < 0) fail_msg("training failed: %s", err.message);
  return path;
}

static int parse_loads(const void *buf, size_t n, precis_error *err) {
  parser *p = prc_parser_load_memory(buf, n, err);
  prc_parser_free(p);
  return p ? 0 : -1;
}

static unsigned char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc((size_t)len);
  assert_non_null(b);
  assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  *n = (size_t)len;
  return b;
}

static void test_load_errors(void **state) {
  (void)state;
  precis_error err;
  size_t n;
  unsigned char *b = slurp(tiny_model(), &n);
  assert_int_equal(parse_loads(b, n, &err), 0);
  /* truncated anywhere: a format error, never a crash */
  for (size_t cut = 0; cut < n; cut += n / 37 + 1) {
    assert_int_equal(parse_loads(b, cut, &err), -1);
    assert_true(err.code == PRECIS_ERROR_MODEL_FORMAT);
  }
  /* a flipped byte: the checksum catches it */
  b[n / 2] ^= 0x40;
  assert_int_equal(parse_loads(b, n, &err), -1);
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  b[n / 2] ^= 0x40;
  /* a tagger model is of the wrong kind */
  model_writer w;
  prc_model_writer_init(&w, TG_FEATSET_POS);
  const char *labels[] = {"NOUN"};
  prc_model_writer_labels(&w, labels, 1);
  pc_buf out;
  assert_int_equal(prc_model_writer_finish(&w, &out), 0);
  prc_model_writer_free(&w);
  assert_int_equal(parse_loads(out.p, out.n, &err), -1);
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  assert_non_null(strstr(err.message, "tagger"));
  free(out.p);
  /* a parser model without weights */
  prc_model_writer_init(&w, PRC_PARSER_FEATSET);
  const char *rels[] = {"root", "nsubj"};
  prc_model_writer_labels(&w, rels, 2);
  assert_int_equal(prc_model_writer_finish(&w, &out), 0);
  prc_model_writer_free(&w);
  assert_int_equal(parse_loads(out.p, out.n, &err), -1);
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  free(out.p);
  /* a label set without "root" */
  prc_model_writer_init(&w, PRC_PARSER_FEATSET);
  const char *norel[] = {"nsubj", "obj"};
  prc_model_writer_labels(&w, norel, 2);
  assert_int_equal(prc_model_writer_finish(&w, &out), 0);
  prc_model_writer_free(&w);
  assert_int_equal(parse_loads(out.p, out.n, &err), -1);
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_FORMAT);
  free(out.p);
  /* files */
  assert_null(prc_parser_load_file("/nonexistent/parse.bin", &err));
  assert_int_equal(err.code, PRECIS_ERROR_IO);
  assert_null(prc_parser_load_file(NULL, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  assert_null(prc_parser_load_memory(NULL, 10, &err));
  free(b);
  prc_parser_free(NULL);
}

/* A trained model gives a tree for every sentence, and training is deterministic. */
/* The tables of the features of tags alone (struct parser: act1 ... lab2,
 * found at load) stand for those features exactly: a copy of the built-in
 * parser without them (the plain features) parses alike, on sentences of
 * random words and tags (a few out of range). */
static void test_small_tables(void **state) {
  (void)state;
  precis_error err;
  const parser *bp = prc_parser_builtin(&err);
  if (!bp) skip(); /* a build without models */
  assert_true(bp->has_small);
  parser *plain = malloc(sizeof *plain);
  *plain = *bp;
  plain->has_small = 0;
  static const char *const words[] = {"The", "minister", "said", "talks", "would", "resume", "on", "Monday",
                                      ".", "Officials", "from", "both", "ports", ",", "who", "asked", "not",
                                      "to", "be", "named", "denied", "it", "a", "of", "and", "in", "\""};
  enum { N = 40, NW = sizeof words / sizeof *words };
  tag_token tt[N];
  uint8_t upos[N], r1[N], r2[N];
  int32_t h1[N], h2[N];
  void *scratch = malloc(prc_parser_scratch_size(N));
  uint64_t rng = 7;
#define RND() (rng = rng * 6364136223846793005ULL + 1442695040888963407ULL, (unsigned)(rng >> 33))
  int arcs = 0;
  for (int trial = 0; trial < 200; trial++) {
    size_t n = 1 + RND() % N;
    for (size_t i = 0; i < n; i++) {
      tt[i].s = words[RND() % NW];
      tt[i].len = (uint32_t)strlen(tt[i].s);
      upos[i] = (uint8_t)(RND() % (TAG_UPOS_COUNT + 2));
    }
    prc_parser_parse(bp, tt, upos, n, scratch, h1, r1);
    prc_parser_parse(plain, tt, upos, n, scratch, h2, r2);
    assert_memory_equal(h1, h2, n * sizeof *h1);
    assert_memory_equal(r1, r2, n);
    for (size_t i = 0; i < n; i++) arcs += h1[i] >= 0 && h1[i] != 0;
  }
#undef RND
  assert_true(arcs > 1000);
  free(scratch);
  free(plain);
}

/* The reference decoder: prc_parser_parse's greedy search with the plain
 * features (prc_ps_action_feats, prc_ps_label_feats: the tag features and
 * the bias hashed like the others) scored straight from the model's slots,
 * a label at a time; none of the run time's tables, dense rows, caches or
 * vector code.  The same lowering of lifted arcs after it. */
static int32_t ref_q8(int8_t c, unsigned sh) { return (int32_t)c * (int32_t)(1u << sh); }
static void ref_parse(const parser *p, const tag_token *toks, const uint8_t *upos, size_t n, void *scratch,
                      int32_t *head, uint8_t *rel) {
  ps_state st;
  prc_ps_state_init(&st, scratch, toks, upos, n, &p->clus, &p->dict);
  uint64_t f[PS_MAXF];
  while (!ps_terminal(&st)) {
    unsigned v = ps_valid(&st);
    int action = -1, label = -1;
    if (v == (1u << PS_SHIFT)) {
      action = PS_SHIFT;
    } else if (v == (1u << PS_LEFT) && st.b >= n) {
      action = PS_LEFT;
      label = p->root_label;
    } else {
      int32_t a[PS_NACTIONS] = {0, 0, 0};
      size_t nf = prc_ps_action_feats(&st, f);
      for (size_t k = 0; k < nf; k++)
        for (uint32_t i = (uint32_t)f[k] & p->afs_mask; p->afs[i].key; i = (i + 1) & p->afs_mask)
          if (p->afs[i].key == pc_key32(f[k])) {
            for (int c = 0; c < PS_NACTIONS; c++) a[c] += ref_q8(p->afs[i].w[c], p->afs[i].sh);
            break;
          }
      float best = 0;
      for (int act = 0; act < PS_NACTIONS; act++) {
        if (!(v & (1u << act))) continue;
        float s = (float)a[act] * p->act_scale;
        int l = -1;
        if (act == PS_LEFT && st.b >= n) {
          l = p->root_label;
        } else if (act != PS_SHIFT) {
          int32_t sc[PS_MAX_LABELS] = {0};
          nf = prc_ps_label_feats(&st, act, f);
          for (size_t k = 0; k < nf; k++)
            for (uint32_t i = (uint32_t)f[k] & p->lfs_mask; p->lfs[i].key; i = (i + 1) & p->lfs_mask)
              if (p->lfs[i].key == pc_key32(f[k])) {
                const ps_lslot *sl = &p->lfs[i];
                const uint32_t cnt = PS_LS_N(sl->x);
                for (uint32_t j = 0; j < cnt; j++)
                  if (j < 2) sc[sl->c[j]] += ref_q8(sl->w[j], PS_LS_SH(sl->x));
                  else sc[p->lbx[PS_LS_OFF(sl->x) + j - 2].c] += p->lbx[PS_LS_OFF(sl->x) + j - 2].w;
                break;
              }
          l = p->root_label ? 0 : 1; /* the first best label but root */
          for (int j = 0; j < p->nlabels; j++)
            if (j != p->root_label && sc[j] > sc[l]) l = j;
          s += (float)sc[l] * p->lab_scale;
        }
        if (action < 0 || s > best) {
          best = s;
          action = act;
          label = l;
        }
      }
    }
    prc_ps_apply(&st, action, label, label >= 0 ? p->dep_of[label] : 0);
  }
  uint8_t lift[256];
  int32_t work[2 * 256 + 2];
  assert_true(n < 256);
  for (size_t i = 0; i < n; i++) {
    const int32_t lab = st.node[i].lab;
    head[i] = st.node[i].head >= (int32_t)n ? -1 : st.node[i].head;
    rel[i] = lab >= 0 ? p->dep_of[lab] : PRC_DEP_DEP;
    lift[i] = lab >= 0 ? p->lift_of[lab] : 0;
  }
  prc_ps_lower(n, head, rel, lift, work);
  for (size_t i = 0; i < n; i++) {
    if (head[i] < 0) rel[i] = PRC_DEP_ROOT;
    else if (rel[i] == PRC_DEP_ROOT) rel[i] = PRC_DEP_DEP;
  }
}

/* prc_parser_parse (its tables of tag features, dense label rows, caches
 * and vector code) parses exactly as the reference decoder does: the
 * built-in parser and the tiny model (another label count), on sentences of
 * random words and tags (a few out of range) of up to 200 tokens, the same
 * words coming back often. */
static void check_against_reference(const parser *p, int trials) {
  static const char *const words[] = {"The", "minister", "said", "talks", "would", "resume", "on", "Monday",
                                      ".", "Officials", "from", "both", "ports", ",", "who", "asked", "not",
                                      "to", "be", "named", "denied", "it", "a", "of", "and", "in", "\"",
                                      "Reuters", "percent", "told", "that", "was", "he", "she", "they", "has"};
  enum { N = 200, NW = sizeof words / sizeof *words };
  tag_token tt[N];
  uint8_t upos[N], r1[N], r2[N];
  int32_t h1[N], h2[N];
  void *scratch = malloc(prc_parser_scratch_size(N));
  assert_non_null(scratch);
  uint64_t rng = 11;
#define RND() (rng = rng * 6364136223846793005ULL + 1442695040888963407ULL, (unsigned)(rng >> 33))
  long arcs = 0;
  for (int trial = 0; trial < trials; trial++) {
    size_t n = 1 + RND() % (trial % 10 ? 40 : N);
    for (size_t i = 0; i < n; i++) {
      tt[i].s = words[RND() % NW];
      tt[i].len = (uint32_t)strlen(tt[i].s);
      upos[i] = (uint8_t)(RND() % 8 ? RND() % TAG_UPOS_COUNT : RND() % (TAG_UPOS_COUNT + 3));
    }
    prc_parser_parse(p, tt, upos, n, scratch, h1, r1);
    ref_parse(p, tt, upos, n, scratch, h2, r2);
    assert_memory_equal(h1, h2, n * sizeof *h1);
    assert_memory_equal(r1, r2, n);
    for (size_t i = 0; i < n; i++) arcs += h1[i] >= 0 && h1[i] != 0;
  }
#undef RND
  assert_true(arcs > 20 * trials);
  free(scratch);
}

/* The presence filters (struct parser: afilt, lfilt) hold the bit of every
 * key of their table (a feature they rule out is absent), and rule out
 * most absent features (at least 4 bits a key: no more than a quarter of
 * the bits set). */
static void check_filter(const uint64_t *b, uint32_t bits, const void *tab, uint32_t cap, size_t stride) {
  assert_true(bits >= 10 && bits <= 28);
  uint32_t keys = 0;
  for (uint32_t i = 0; i < cap; i++) {
    uint32_t key;
    memcpy(&key, (const unsigned char *)tab + (size_t)i * stride, 4);
    if (!key) continue;
    keys++;
    const uint32_t x = key >> (32 - bits);
    assert_true(b[x >> 6] & (1ull << (x & 63)));
  }
  uint64_t set = 0;
  for (size_t w = 0; w < ((size_t)1 << (bits - 6)); w++) set += (uint64_t)__builtin_popcountll(b[w]);
  assert_true(set <= keys && 4 * set <= ((uint64_t)1 << bits));
}
static void test_presence_filters(void **state) {
  (void)state;
  precis_error err;
  const parser *bp = prc_parser_builtin(&err);
  parser *tp = prc_parser_load_file(tiny_model(), &err);
  assert_non_null(tp);
  const parser *ps[2] = {bp, tp};
  for (int i = 0; i < 2; i++) {
    const parser *p = ps[i];
    if (!p) continue;
    check_filter(p->afilt, p->afilt_bits, p->afs, p->afs_mask + 1, sizeof *p->afs);
    check_filter(p->lfilt, p->lfilt_bits, p->lfs, p->lfs_mask + 1, sizeof *p->lfs);
    assert_int_equal(p->afshift, 64 - p->afilt_bits);
    assert_int_equal(p->lfshift, 64 - p->lfilt_bits);
  }
  prc_parser_free(tp);
}

static void test_reference_decoder(void **state) {
  (void)state;
  precis_error err;
  const parser *bp = prc_parser_builtin(&err);
  if (bp) check_against_reference(bp, 300);
  parser *tp = prc_parser_load_file(tiny_model(), &err);
  assert_non_null(tp);
  assert_int_not_equal(tp->nlabels % 8, 0); /* lanes past the labels */
  check_against_reference(tp, 100);
  prc_parser_free(tp);
}

static void test_tiny_model(void **state) {
  (void)state;
  precis_error err;
  parser *p = prc_parser_load_file(tiny_model(), &err);
  assert_non_null(p);
  assert_string_equal(prc_parser_note(p, "seed"), "1");
  assert_string_equal(prc_parser_note(p, "no such note"), "");
  ud_corpus c;
  read_corpus(&c);
  parser_eval ev;
  int32_t head[256];
  uint8_t rel[256];
  assert_true(c.ntok < 256);
  prc_parser_eval_corpus(p, NULL, &c, 1, &ev, head, rel);
  assert_int_equal(ev.n, c.ntok);
  assert_true(ev.uas > ev.n / 2); /* learnt its own training data, mostly */
  for (size_t s = 0; s < c.nsent; s++) {
    size_t b = c.sent[s], n = c.sent[s + 1] - b, roots = 0;
    for (size_t i = 0; i < n; i++) {
      assert_true(head[b + i] >= -1 && head[b + i] < (int32_t)n);
      roots += head[b + i] < 0;
      assert_int_equal(head[b + i] < 0, rel[b + i] == PRC_DEP_ROOT);
    }
    assert_int_equal(roots, 1);
  }
  prc_ud_free(&c);
  prc_parser_free(p);
  /* the same seed gives the same bytes */
  size_t n1, n2;
  unsigned char *a = slurp(tiny_model(), &n1);
  char again[128];
  snprintf(again, sizeof again, "%s/tiny2.bin", tmpdir);
  parser_train_opts o = {0};
  char tpath[128];
  snprintf(tpath, sizeof tpath, "%s/tiny.conllu", tmpdir);
  o.train_path = o.dev_path = tpath;
  o.out_path = again;
  o.seed = 1;
  o.epochs = 5;
  o.prune = 0.01f;
  assert_int_equal(prc_parser_train(&o, &ev, &err), 0);
  unsigned char *b2 = slurp(again, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, b2, n1);
  free(a);
  free(b2);
}

/* No model: a flat tree (every token under the first). */
static void test_null_parser(void **state) {
  (void)state;
  tag_token tt[3] = {{"a", 1}, {"b", 1}, {"c", 1}};
  uint8_t upos[3] = {0, 0, 0}, rel[3];
  int32_t head[3];
  char scratch[2048];
  assert_true(prc_parser_scratch_size(3) <= sizeof scratch);
  prc_parser_parse(NULL, tt, upos, 3, scratch, head, rel);
  assert_int_equal(head[0], -1);
  assert_int_equal(rel[0], PRC_DEP_ROOT);
  assert_int_equal(head[1], 0);
  assert_int_equal(head[2], 0);
  prc_parser_parse(NULL, tt, upos, 0, scratch, head, rel); /* n = 0: nothing */
}

static double cpu_seconds_to_parse(const parser *p, size_t n) {
  tag_token *tt = malloc(n * sizeof *tt);
  uint8_t *upos = malloc(n), *rel = malloc(n);
  int32_t *head = malloc(n * sizeof *head);
  void *scratch = malloc(prc_parser_scratch_size(n));
  assert_true(tt && upos && rel && head && scratch);
  static const char *const words[] = {"the", "vote", ",", "said", "(", "he", ")", "and", "\"", "it", "was", "over"};
  static const uint8_t tags[] = {TAG_UPOS_DET, TAG_UPOS_NOUN, TAG_UPOS_PUNCT, TAG_UPOS_VERB, TAG_UPOS_PUNCT,
                                 TAG_UPOS_PRON, TAG_UPOS_PUNCT, TAG_UPOS_CCONJ, TAG_UPOS_PUNCT, TAG_UPOS_PRON,
                                 TAG_UPOS_AUX, TAG_UPOS_ADV};
  for (size_t i = 0; i < n; i++) {
    tt[i].s = words[i % 12];
    tt[i].len = (uint32_t)strlen(words[i % 12]);
    upos[i] = tags[i % 12];
  }
  double best = 1e9;
  for (int rep = 0; rep < 3; rep++) {
    clock_t t0 = clock();
    prc_parser_parse(p, tt, upos, n, scratch, head, rel);
    double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (t < best) best = t;
  }
  size_t roots = 0;
  for (size_t i = 0; i < n; i++) {
    assert_true(head[i] >= -1 && head[i] < (int32_t)n);
    roots += head[i] < 0;
  }
  assert_int_equal(roots, 1);
  free(tt);
  free(upos);
  free(rel);
  free(head);
  free(scratch);
  return best;
}

/* Hostile input: one sentence of 5,000 tokens, and of 50,000.  Ten times
 * the tokens must cost about ten times the time (a quadratic step would
 * make it a hundred); the bound is loose because the machine is shared. */
static void test_long_sentence_linear(void **state) {
  (void)state;
  precis_error err;
  const parser *p = prc_parser_builtin(&err);
  if (!p) {
    p = prc_parser_load_file(tiny_model(), &err);
    assert_non_null(p);
  }
  double t1 = cpu_seconds_to_parse(p, 5000), t2 = cpu_seconds_to_parse(p, 50000);
  if (t1 < 1e-4) t1 = 1e-4;
  if (t2 / t1 > 35) fail_msg("5,000 tokens %.4fs, 50,000 tokens %.4fs: not linear", t1, t2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_oracle_reaches_every_tree),
      cmocka_unit_test(test_lifted_label),
      cmocka_unit_test(test_any_actions_make_a_tree),
      cmocka_unit_test(test_features_match_formula),
      cmocka_unit_test(test_dep_names),
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_small_tables),
      cmocka_unit_test(test_reference_decoder),
      cmocka_unit_test(test_presence_filters),
      cmocka_unit_test(test_tiny_model),
      cmocka_unit_test(test_null_parser),
      cmocka_unit_test(test_long_sentence_linear),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
