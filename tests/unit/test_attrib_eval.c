/* test_attrib_eval.c - brat reader and attribution scorer on hand-made folders.
 *
 * The fixtures are four tiny invented articles.  Their curly quotes and
 * accented letters make code-point offsets differ from byte offsets, so a
 * byte-based reader would fail these tests.  Every expected figure below was
 * worked out by hand (the working is in the comments).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "eval/attrib_eval.h"
#include "eval/brat.h"

/* ---- temp folder helpers ------------------------------------------------ */

static char g_root[256];
static char *g_made[64];
static int g_nmade;

static char *mkpath(const char *rel) {
  size_t n = strlen(g_root) + strlen(rel) + 2;
  char *p = malloc(n);
  snprintf(p, n, "%s/%s", g_root, rel);
  return p;
}

static void mkdir_rel(const char *rel) {
  char *p = mkpath(rel);
  assert_int_equal(mkdir(p, 0700), 0);
  g_made[g_nmade++] = p;
}

static void write_rel(const char *rel, const char *content) {
  char *p = mkpath(rel);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  fputs(content, f);
  fclose(f);
  g_made[g_nmade++] = p;
}

static void cleanup(void) {
  for (int i = g_nmade - 1; i >= 0; i--) {
    if (remove(g_made[i]) != 0) perror(g_made[i]);
    free(g_made[i]);
  }
  g_nmade = 0;
  rmdir(g_root);
}

/* Texts (code-point offsets in the comments of the .ann files below). */
static const char *TXT_ALPHA =
    "\u201CRates will fall,\u201D said Mayor \u00C1na Ruiz.\n"
    "The council said the budget was \u201Cbalanced\u201D.\n";
static const char *TXT_BETA =
    "\u201CWe will build it,\u201D the minister said, \u201Cand we will pay for it.\u201D\n";
static const char *TXT_GAMMA = "\u201CTaxes are too high.\u201D \u201CSchools need money,\u201D Lee wrote.\n";
static const char *TXT_DELTA = "Officials confirmed the deal on Monday.\n";

/* Gold, first annotator of alpha: two relations, CRLF on some lines, an E
 * line before the T line it names, four malformed lines (T9 bad offset, T10
 * end < start, E3 argument without a colon, a stray text line), an E line
 * whose only role names a missing T (dropped), a note and an unreferenced
 * non-role T. */
static const char *GOLD_ALPHA_1 =
    "T1\tContent 0 18\t\u201CRates will fall,\u201D\r\n"
    "T2\tCue 19 23\tsaid\r\n"
    "T3\tSource 24 38\tMayor \u00C1na Ruiz\r\n"
    "T4\tAttribution 19 23\tsaid\r\n"
    "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\r\n"
    "T5\tSource 40 51\tThe council\n"
    "T6\tCue 52 56\tsaid\n"
    "T7\tContent 57 82\tthe budget was \u201Cbalanced\u201D\n"
    "E2\tSource:T5 Cue:T6 Attribution:T8 Content:T7\n"
    "T8\tAttribution 52 56\tsaid\n"
    "T9\tCue 5 x\tbroken\n"
    "T10\tSource 40 30\treversed\n"
    "E3\tAttribution:T8 Cue:T2 Oops\n"
    "a stray line of text\n"
    "E4\tAttribution:T4 Cue:T99\n"
    "#1\tAnnotatorNotes T1\tcheck this one\n"
    "T11\tDiscuss 0 39\twhatever\n";

/* A second annotator of alpha: must be ignored (not first in name order). */
static const char *GOLD_ALPHA_2 =
    "T1\tCue 1 6\tRates\n"
    "T2\tContent 7 16\twill fall\n"
    "E1\tAttribution:T1 Cue:T1 Content:T2\n";

/* Discontinuous content: 0-19 and 39-64 trim to 1-17 and 40-62. */
static const char *GOLD_BETA =
    "T1\tContent 0 19;39 64\t\u201CWe will build it,\u201D \u201Cand we will pay for it.\u201D\n"
    "T2\tSource 20 32\tthe minister\n"
    "T3\tCue 33 37\tsaid\n"
    "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1\n"
    "T4\tAttribution 33 37\tsaid\n";

/* Fragments 0-21 and 22-43 trim to 1-19 and 23-41; the gap 19-23 is
 * ".\u201D \u201C", all trimmable, so they merge into 1-41. */
static const char *GOLD_GAMMA =
    "T1\tContent 0 21;22 43\t\u201CTaxes are too high.\u201D \u201CSchools need money,\u201D\n"
    "T2\tSource 44 47\tLee\n"
    "T3\tCue 48 53\twrote\n"
    "E1\tContent:T1 Source:T2 Cue:T3\n";

static const char *GOLD_DELTA =
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 19\tconfirmed\n"
    "T3\tContent 20 28\tthe deal\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";

static const char *PRED_ALPHA =
    "T1\tContent 1 16\tRates will fall\n"
    "T2\tCue 19 23\tsaid\n"
    "T3\tSource 30 38\t\u00C1na Ruiz\n"
    "E1\tAttribution:T2 Cue:T2 Source:T3 Content:T1\n"
    "T4\tSource 44 51\tcouncil\n"
    "T5\tCue 52 56\tsaid\n"
    "T6\tContent 61 81\tbudget was \u201Cbalanced\n"
    "E2\tAttribution:T5 Cue:T5 Source:T4 Content:T6\n"
    "garbage\n";

static const char *PRED_BETA =
    "T1\tContent 0 17;40 64\t\u201CWe will build it and we will pay for it.\u201D\n"
    "T2\tSource 20 32\tthe minister\n"
    "T3\tCue 24 37\tminister said\n"
    "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n";

static const char *PRED_GAMMA =
    "T1\tContent 1 43\tTaxes are too high.\u201D \u201CSchools need money,\u201D\n"
    "T2\tCue 48 53\twrote\n"
    "E1\tAttribution:T2 Cue:T2 Content:T1\n";

static const char *PRED_ZETA = "T1\tCue 0 4\tsaid\nE1\tCue:T1\n";

static int setup(void **state) {
  (void)state;
  const char *tmp = getenv("TMPDIR");
  snprintf(g_root, sizeof g_root, "%s/attrib_test_XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(g_root)) return -1;
  mkdir_rel("gold");
  mkdir_rel("gold/text");
  mkdir_rel("gold/attributions");
  mkdir_rel("pred");
  mkdir_rel("flat");
  write_rel("gold/text/alpha.txt", TXT_ALPHA);
  write_rel("gold/text/beta.txt", TXT_BETA);
  write_rel("gold/text/gamma.txt", TXT_GAMMA);
  write_rel("gold/text/delta.txt", TXT_DELTA);
  /* the second annotator's file is written first: order must come from names */
  write_rel("gold/attributions/alpha_ann2.ann", GOLD_ALPHA_2);
  write_rel("gold/attributions/alpha_ann1.ann", GOLD_ALPHA_1);
  write_rel("gold/attributions/beta_ann1.ann", GOLD_BETA);
  write_rel("gold/attributions/gamma_ann1.ann", GOLD_GAMMA);
  write_rel("gold/attributions/delta_ann1.ann", GOLD_DELTA);
  write_rel("pred/alpha.ann", PRED_ALPHA);
  write_rel("pred/beta.ann", PRED_BETA);
  write_rel("pred/gamma.ann", PRED_GAMMA);
  write_rel("pred/zeta.ann", PRED_ZETA);
  /* brat's own layout: texts beside the .ann files, no annotator suffix */
  write_rel("flat/beta.txt", TXT_BETA);
  write_rel("flat/beta.ann", GOLD_BETA);
  write_rel("flat/gamma.txt", TXT_GAMMA);
  write_rel("flat/gamma.ann", GOLD_GAMMA);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  cleanup();
  return 0;
}

#define EPS 1e-9

/* ---- reader -------------------------------------------------------------- */

static void test_parse_alpha(void **state) {
  (void)state;
  arena a;
  prc_arena_init(&a, NULL);
  brat_ann g;
  prc_brat_parse(&a, GOLD_ALPHA_1, strlen(GOLD_ALPHA_1), &g);
  assert_int_equal(g.nrels, 2);
  assert_int_equal(g.n_malformed, 4);
  assert_int_equal(g.n_bad_refs, 1);
  assert_int_equal(g.n_empty_rels, 1);
  /* E1: roles resolved through CRLF lines */
  const brat_relation *r = &g.rels[0];
  assert_int_equal(r->nspans[BRAT_CUE], 1);
  assert_int_equal(r->spans[BRAT_CUE][0].frags[0].start, 19);
  assert_int_equal(r->spans[BRAT_CUE][0].frags[0].end, 23);
  assert_int_equal(r->spans[BRAT_SOURCE][0].frags[0].start, 24);
  assert_int_equal(r->spans[BRAT_SOURCE][0].frags[0].end, 38);
  assert_int_equal(r->spans[BRAT_CONTENT][0].frags[0].end, 18);
  /* E2 names its trigger before it is defined; roles in another order */
  r = &g.rels[1];
  assert_int_equal(r->spans[BRAT_SOURCE][0].frags[0].start, 40);
  assert_int_equal(r->spans[BRAT_CONTENT][0].frags[0].start, 57);
  /* role spans: T9 and T10 were malformed, so two of each */
  assert_int_equal(g.nrole_spans[BRAT_CUE], 2);
  assert_int_equal(g.nrole_spans[BRAT_SOURCE], 2);
  assert_int_equal(g.nrole_spans[BRAT_CONTENT], 2);
  prc_arena_free(&a);
}

static void test_parse_odd_lines(void **state) {
  (void)state;
  /* Content2 joins content; a relation without cue or source; an
   * unreferenced Source T still counts as a source span; a duplicate id
   * keeps the first line; a T line without its text field is accepted; a
   * last line without a newline; a byte-order mark before the first line. */
  const char *ann =
      "\xEF\xBB\xBFT1\tCue 4 8\tsaid\n" /* after a byte-order mark */
      "T2\tContent 9 20\tx\n"
      "T3\tContent 25 30\ty\n"
      "T1\tCue 50 60\tduplicate\n"
      "E1\tAttribution:T1 Content:T2 Content2:T3 Cue:T1\n"
      "T4\tSource 0 3\n"
      "T5\tContent 31 40\tz\n"
      "E2\tAttribution-no-source:T5 Content:T5\n"
      "E3\tAttribution-no-source:T5 \n"
      "R1\tCoref Arg1:T1 Arg2:T2\n"
      "T6\tContent 1 2;3\tbad fragment\n"
      "E4\tCue:T1";
  arena a;
  prc_arena_init(&a, NULL);
  brat_ann g;
  prc_brat_parse(&a, ann, strlen(ann), &g);
  assert_int_equal(g.nrels, 3);         /* E1, E2, E4 (E3 has no role) */
  assert_int_equal(g.n_empty_rels, 1);  /* E3 */
  assert_int_equal(g.n_malformed, 2);   /* duplicate T1, T6 */
  assert_int_equal(g.rels[0].nspans[BRAT_CONTENT], 2);
  assert_int_equal(g.rels[0].nspans[BRAT_SOURCE], 0);
  assert_int_equal(g.rels[0].spans[BRAT_CUE][0].frags[0].start, 4);
  assert_int_equal(g.rels[1].nspans[BRAT_CUE], 0);
  assert_int_equal(g.rels[2].nspans[BRAT_CUE], 1);
  assert_int_equal(g.nrole_spans[BRAT_SOURCE], 1);
  assert_int_equal(g.nrole_spans[BRAT_CONTENT], 3);
  prc_arena_free(&a);
}

/* An E argument holding a NUL byte is an unknown id, not the id before the
 * NUL: "Cue:T1\0x" must not resolve to T1 (find_t compared with strncmp and
 * then read T1's id at the argument's length: past its end, a heap
 * use-after-free under ASan with a long tail, `precis eval attrib` crashed). */
static void test_parse_nul_in_argument(void **state) {
  (void)state;
  static const char head[] = "T1\tCue 3 7\tsaid\nT2\tSource 0 2\tHe\nE1\tAttribution:T1 Source:T2 Cue:T1";
  for (int pass = 0; pass < 2; pass++) {
    size_t tail = pass ? 200000 : 1; /* short: reads the arena; long: past it */
    size_t n = sizeof head - 1, len = n + 1 + tail + 1;
    char *buf = malloc(len);
    assert_non_null(buf);
    memcpy(buf, head, n);
    buf[n] = '\0';
    memset(buf + n + 1, 'x', tail);
    buf[len - 1] = '\n';
    arena a;
    prc_arena_init(&a, NULL);
    brat_ann g;
    prc_brat_parse(&a, buf, len, &g);
    free(buf);
    assert_int_equal(g.nrels, 1);
    assert_int_equal(g.n_bad_refs, 1); /* "T1\0x..." names no T line */
    assert_int_equal(g.rels[0].nspans[BRAT_SOURCE], 1);
    assert_int_equal(g.rels[0].nspans[BRAT_CUE], 0);
    assert_int_equal(g.nrole_spans[BRAT_CUE], 1); /* T1 itself, once */
    prc_arena_free(&a);
  }
}

static void test_decode(void **state) {
  (void)state;
  arena a;
  prc_arena_init(&a, NULL);
  brat_text t;
  /* "a", U+201C (3 bytes), U+1F600 (4 bytes), a stray continuation byte, "b" */
  const char s[] = "a\xE2\x80\x9C\xF0\x9F\x98\x80\x80" "b";
  prc_brat_decode_utf8(&a, s, sizeof s - 1, &t);
  assert_int_equal(t.n, 5);
  assert_int_equal(t.cp[1], 0x201C);
  assert_int_equal(t.cp[2], 0x1F600);
  assert_int_equal(t.cp[3], 0xFFFD);
  assert_int_equal(t.cp[4], 'b');
  /* truncated sequence at the end */
  prc_brat_decode_utf8(&a, "x\xE2\x80", 3, &t);
  assert_int_equal(t.n, 3);
  assert_int_equal(t.cp[1], 0xFFFD);
  prc_arena_free(&a);
}

static int known_ab(void *ctx, const char *name) {
  (void)ctx;
  return !strcmp(name, "news_2016_a") || !strcmp(name, "b");
}

static void test_article_names(void **state) {
  (void)state;
  char *s = prc_brat_article_of("news_2016_a_4e07", known_ab, NULL);
  assert_string_equal(s, "news_2016_a");
  free(s);
  s = prc_brat_article_of("news_2016_a", known_ab, NULL);
  assert_string_equal(s, "news_2016_a");
  free(s);
  s = prc_brat_article_of("b", known_ab, NULL);
  assert_string_equal(s, "b");
  free(s);
  assert_null(prc_brat_article_of("news_2016", known_ab, NULL));
  assert_null(prc_brat_article_of("c_x", known_ab, NULL));
}

/* ---- folders -------------------------------------------------------------- */

static void test_eval_folders(void **state) {
  (void)state;
  char *gd = mkpath("gold"), *pd = mkpath("pred");
  attrib_result r;
  assert_int_equal(prc_attrib_eval_dirs(gd, pd, &r, NULL), 0);
  assert_int_equal(r.c.n_docs, 4);
  assert_int_equal(r.c.n_gold, 5); /* alpha 2, beta 1, gamma 1, delta 1 */
  assert_int_equal(r.c.n_pred, 4); /* alpha 2, beta 1, gamma 1 (zeta ignored) */
  assert_int_equal(r.n_missing_pred, 1);   /* delta */
  assert_int_equal(r.n_unmatched_pred, 1); /* zeta */
  assert_int_equal(r.n_extra_gold, 1);     /* alpha_ann2 */
  assert_int_equal(r.n_malformed, 5);      /* 4 in alpha_ann1, 1 in pred alpha */
  assert_int_equal(r.n_bad_refs, 1);

  /* cue: gold said, said, said, wrote, confirmed; predicted said, said,
   * "minister said", wrote.  Exact 3 of 4 predicted, 3 of 5 gold.  Tokens:
   * predicted 5 (said, said, minister, said, wrote), 4 inside gold; gold 5,
   * 4 inside predicted. */
  assert_int_equal(r.c.exact_match[BRAT_CUE], 3);
  assert_float_equal(r.exact[BRAT_CUE].p, 0.75, EPS);
  assert_float_equal(r.exact[BRAT_CUE].r, 0.6, EPS);
  assert_float_equal(r.exact[BRAT_CUE].f, 2 * 0.75 * 0.6 / 1.35, EPS);
  assert_float_equal(r.overlap[BRAT_CUE].p, 0.8, EPS);
  assert_float_equal(r.overlap[BRAT_CUE].r, 0.8, EPS);
  assert_float_equal(r.overlap[BRAT_CUE].f, 0.8, EPS);

  /* source: gold "Mayor Ána Ruiz", "The council", "the minister", "Lee",
   * "Officials" (9 tokens); predicted "Ána Ruiz", "council", "the minister"
   * (5 tokens, all inside gold).  Exact: only "the minister". */
  assert_float_equal(r.exact[BRAT_SOURCE].p, 1.0 / 3, EPS);
  assert_float_equal(r.exact[BRAT_SOURCE].r, 0.2, EPS);
  assert_float_equal(r.exact[BRAT_SOURCE].f, 0.25, EPS);
  assert_int_equal(r.c.tok_gold[BRAT_SOURCE], 9);
  assert_int_equal(r.c.tok_pred[BRAT_SOURCE], 5);
  assert_float_equal(r.overlap[BRAT_SOURCE].p, 1.0, EPS);
  assert_float_equal(r.overlap[BRAT_SOURCE].r, 5.0 / 9, EPS);
  assert_float_equal(r.overlap[BRAT_SOURCE].f, 10.0 / 14, EPS);

  /* content: gold (trimmed) "Rates will fall" 3 tokens, "the budget was
   * “balanced" 5, beta's two fragments 4+6, gamma's merged span 10 (Taxes
   * are too high . ” “ Schools need money), "the deal" 2: 30 tokens.
   * Predicted: alpha 3 (exact) + 4 (not exact), beta 10 (exact: the
   * trimmed fragments agree), gamma 10 (exact: the gap merged): 27 tokens,
   * all inside gold. */
  assert_int_equal(r.c.exact_match[BRAT_CONTENT], 3);
  assert_float_equal(r.exact[BRAT_CONTENT].p, 0.75, EPS);
  assert_float_equal(r.exact[BRAT_CONTENT].r, 0.6, EPS);
  assert_int_equal(r.c.tok_gold[BRAT_CONTENT], 30);
  assert_int_equal(r.c.tok_pred[BRAT_CONTENT], 27);
  assert_float_equal(r.overlap[BRAT_CONTENT].p, 1.0, EPS);
  assert_float_equal(r.overlap[BRAT_CONTENT].r, 0.9, EPS);
  assert_float_equal(r.overlap[BRAT_CONTENT].f, 1.8 / 1.9, EPS);

  /* linked: alpha E1 (content F1 1), alpha E2 (cue equal, "council" inside
   * "The council", content F1 = 2*4/(5+4) = 0.89), beta (cue "minister said"
   * overlaps "said") are found; gamma lacks its source in the prediction;
   * delta has no prediction.  3 of 5. */
  assert_int_equal(r.c.linked, 3);
  assert_float_equal(r.linked_recall, 0.6, EPS);

  /* any overlap (span level): every predicted span of every role shares a
   * code point with a gold span (P = 1).  Gold spans hit: cue 4 of 5
   * (delta's "confirmed" has no prediction), source 3 of 5 (Lee, Officials
   * missed), content 4 of 5 (delta). */
  assert_int_equal(r.c.any_pred_hit[BRAT_CUE], 4);
  assert_int_equal(r.c.any_gold_hit[BRAT_CUE], 4);
  assert_float_equal(r.any_overlap[BRAT_CUE].p, 1.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_CUE].r, 0.8, EPS);
  assert_float_equal(r.any_overlap[BRAT_SOURCE].p, 1.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_SOURCE].r, 0.6, EPS);
  assert_float_equal(r.any_overlap[BRAT_SOURCE].f, 0.75, EPS);
  assert_float_equal(r.any_overlap[BRAT_CONTENT].p, 1.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_CONTENT].r, 0.8, EPS);
  free(gd);
  free(pd);
}

static void assert_perfect(const attrib_result *r) {
  for (int k = 0; k < BRAT_NROLES; k++) {
    assert_float_equal(r->exact[k].p, 1.0, EPS);
    assert_float_equal(r->exact[k].r, 1.0, EPS);
    assert_float_equal(r->exact[k].f, 1.0, EPS);
    assert_float_equal(r->overlap[k].p, 1.0, EPS);
    assert_float_equal(r->overlap[k].r, 1.0, EPS);
    assert_float_equal(r->overlap[k].f, 1.0, EPS);
    assert_float_equal(r->any_overlap[k].p, 1.0, EPS);
    assert_float_equal(r->any_overlap[k].r, 1.0, EPS);
    assert_float_equal(r->any_overlap[k].f, 1.0, EPS);
  }
  assert_float_equal(r->linked_recall, 1.0, EPS);
}

static void test_self_score(void **state) {
  (void)state;
  char *gd = mkpath("gold"), *fd = mkpath("flat");
  attrib_result r;
  assert_int_equal(prc_attrib_eval_dirs(gd, gd, &r, NULL), 0);
  assert_perfect(&r);
  assert_int_equal(r.c.n_docs, 4);
  assert_int_equal(r.c.n_gold, 5);
  assert_int_equal(r.c.n_pred, 5);
  assert_int_equal(r.n_missing_pred, 0);
  assert_int_equal(r.n_extra_pred, 1); /* alpha_ann2 among the predictions */

  /* the flat layout, against itself and against the full gold folder */
  assert_int_equal(prc_attrib_eval_dirs(fd, fd, &r, NULL), 0);
  assert_perfect(&r);
  assert_int_equal(r.c.n_docs, 2);
  assert_int_equal(r.c.n_gold, 2);
  assert_int_equal(prc_attrib_eval_dirs(gd, fd, &r, NULL), 0);
  assert_int_equal(r.c.n_docs, 4);
  assert_int_equal(r.n_missing_pred, 2);
  assert_int_equal(r.c.n_pred, 2);
  assert_float_equal(r.exact[BRAT_CUE].p, 1.0, EPS);
  assert_float_equal(r.exact[BRAT_CUE].r, 0.4, EPS);
  assert_float_equal(r.linked_recall, 0.4, EPS);

  assert_int_not_equal(prc_attrib_eval_dirs("/nonexistent/attrib", gd, &r, NULL), 0);
  free(gd);
  free(fd);
}

/* ---- linking thresholds on one in-memory article ------------------------- */

static double linked_for(const char *gold, const char *pred) {
  /* "Ann said the plan will work well today." */
  static const char *text = "Ann said the plan will work well today.";
  arena a;
  prc_arena_init(&a, NULL);
  brat_text t;
  prc_brat_decode_utf8(&a, text, strlen(text), &t);
  brat_ann g, p;
  prc_brat_parse(&a, gold, strlen(gold), &g);
  prc_brat_parse(&a, pred, strlen(pred), &p);
  attrib_result r;
  memset(&r, 0, sizeof r);
  prc_attrib_score_doc(&t, &g, &p, &r.c);
  prc_attrib_finish(&r);
  prc_arena_free(&a);
  return r.linked_recall;
}

static void test_linking(void **state) {
  (void)state;
  /* gold content "the plan will work well" = 5 tokens */
  const char *gold = "T1\tCue 4 8\tsaid\nT2\tContent 9 32\tx\nE1\tCue:T1 Content:T2\n";
  /* "work well today." trims to "work well today": 3 tokens, 2 shared:
   * F1 = 2*2/(5+3) = 0.5, enough */
  assert_float_equal(linked_for(gold, "T1\tCue 4 8\ts\nT2\tContent 23 39\tx\nE1\tCue:T1 Content:T2\n"),
                     1.0, EPS);
  /* "well today": F1 = 2*1/(5+2) < 0.5 */
  assert_float_equal(linked_for(gold, "T1\tCue 4 8\ts\nT2\tContent 28 38\tx\nE1\tCue:T1 Content:T2\n"),
                     0.0, EPS);
  /* cue "Ann" does not overlap "said" */
  assert_float_equal(linked_for(gold, "T1\tCue 0 3\ts\nT2\tContent 9 32\tx\nE1\tCue:T1 Content:T2\n"),
                     0.0, EPS);
  /* the prediction names a source the gold relation lacks */
  assert_float_equal(
      linked_for(gold, "T1\tCue 4 8\ts\nT2\tContent 9 32\tx\nT3\tSource 0 3\tAnn\nE1\tCue:T1 Content:T2 Source:T3\n"),
      0.0, EPS);
  /* both lack cue and source (a cue of white space only is absent) */
  const char *gold2 = "T2\tContent 9 32\tx\nE1\tContent:T2\n";
  assert_float_equal(linked_for(gold2, "T1\tCue 8 9\t \nT2\tContent 9 32\tx\nE1\tCue:T1 Content:T2\n"), 1.0,
                     EPS);
  /* no predicted relation at all */
  assert_float_equal(linked_for(gold2, ""), 0.0, EPS);
}

/* Exact matching and token overlap on one article, with trimming. */
static void test_trim_exact(void **state) {
  (void)state;
  /* code points: “ 0, Yes 1-3, ",”" 4-5, she 7-9, said 11-14, ‘ 17, Fine 18-21, . 22, ’ 23 */
  const char *text = "\u201CYes,\u201D she said. \u2018Fine.\u2019";
  arena a;
  prc_arena_init(&a, NULL);
  brat_text t;
  prc_brat_decode_utf8(&a, text, strlen(text), &t);
  assert_int_equal(t.n, 24);
  brat_ann g, p;
  const char *gold = "T1\tContent 0 6\t\u201CYes,\u201D\nT2\tContent 17 24\tx\nE1\tContent:T1\nE2\tContent:T2\n";
  /* gold 0-6 trims to 1-4 ("Yes"), 17-24 to 18-22 ("Fine").  Predicted:
   * "Yes"; "Fine" twice (17-25 is clipped to the text's 24 code points and
   * trims to 18-22: one distinct span); 4-7 (",” ") trims to nothing. */
  const char *pred =
      "T1\tContent 1 4\tYes\nT2\tContent 18 22\tFine\nT3\tContent 17 25\tx\nT4\tContent 4 7\tx\n"
      "E1\tContent:T1\nE2\tContent:T2\nE3\tContent:T3\nE4\tContent:T4\n";
  prc_brat_parse(&a, gold, strlen(gold), &g);
  prc_brat_parse(&a, pred, strlen(pred), &p);
  attrib_counts c;
  memset(&c, 0, sizeof c);
  prc_attrib_score_doc(&t, &g, &p, &c);
  assert_int_equal(c.exact_gold[BRAT_CONTENT], 2);
  assert_int_equal(c.exact_pred[BRAT_CONTENT], 2);
  assert_int_equal(c.exact_match[BRAT_CONTENT], 2);
  assert_int_equal(c.tok_gold[BRAT_CONTENT], 2); /* Yes, Fine */
  assert_int_equal(c.tok_gold_hit[BRAT_CONTENT], 2);
  assert_int_equal(c.linked, 2);
  prc_arena_free(&a);
}

/* Any overlap counts spans, after trimming: a shared quote mark or comma is
 * not a shared code point; one long predicted span covering two gold spans
 * is one hit for precision and two for recall. */
static void test_any_overlap(void **state) {
  (void)state;
  /* code points: “ 0, Yes 1-3, ",”" 4-5, she 7-9, said 11-14, ‘ 17, Fine 18-21, . 22, ’ 23 */
  const char *text = "\u201CYes,\u201D she said. \u2018Fine.\u2019";
  arena a;
  prc_arena_init(&a, NULL);
  brat_text t;
  prc_brat_decode_utf8(&a, text, strlen(text), &t);
  brat_ann g, p;
  /* gold content 0-6 (trims to "Yes" 1-4) and 17-24 ("Fine" 18-22); gold source "she" */
  const char *gold = "T1\tContent 0 6\tx\nT2\tContent 17 24\tx\nT3\tSource 7 10\tshe\n"
                     "E1\tContent:T1 Source:T3\nE2\tContent:T2\n";
  /* predicted content 4-24 (",” she said. ‘Fine.’" trims to 7-22: covers
   * "Fine", not "Yes" -- the raw spans share ",”", which is trimmed);
   * predicted source 4-9 trims to "sh" 7-9: overlaps "she" without being it */
  const char *pred = "T1\tContent 4 24\tx\nT2\tSource 4 9\tx\nE1\tContent:T1 Source:T2\n";
  prc_brat_parse(&a, gold, strlen(gold), &g);
  prc_brat_parse(&a, pred, strlen(pred), &p);
  attrib_result r;
  memset(&r, 0, sizeof r);
  prc_attrib_score_doc(&t, &g, &p, &r.c);
  prc_attrib_finish(&r);
  assert_int_equal(r.c.any_pred_hit[BRAT_CONTENT], 1);
  assert_int_equal(r.c.any_gold_hit[BRAT_CONTENT], 1); /* "Fine" only */
  assert_float_equal(r.any_overlap[BRAT_CONTENT].p, 1.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_CONTENT].r, 0.5, EPS);
  assert_float_equal(r.exact[BRAT_CONTENT].p, 0.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_SOURCE].f, 1.0, EPS);
  assert_float_equal(r.exact[BRAT_SOURCE].f, 0.0, EPS);
  /* a gold span covering two predicted ones: both predicted spans are hits */
  const char *pred2 = "T1\tContent 1 2\tY\nT2\tContent 2 4\tes\nE1\tContent:T1\nE2\tContent:T2\n";
  prc_brat_parse(&a, pred2, strlen(pred2), &p);
  memset(&r, 0, sizeof r);
  prc_attrib_score_doc(&t, &g, &p, &r.c);
  prc_attrib_finish(&r);
  assert_int_equal(r.c.any_pred_hit[BRAT_CONTENT], 2);
  assert_int_equal(r.c.any_gold_hit[BRAT_CONTENT], 1);
  assert_float_equal(r.any_overlap[BRAT_CONTENT].p, 1.0, EPS);
  assert_float_equal(r.any_overlap[BRAT_CONTENT].r, 0.5, EPS);
  assert_float_equal(r.any_overlap[BRAT_SOURCE].r, 0.0, EPS); /* no predicted source */
  prc_arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_alpha),   cmocka_unit_test(test_parse_odd_lines),
      cmocka_unit_test(test_parse_nul_in_argument),
      cmocka_unit_test(test_decode),        cmocka_unit_test(test_article_names),
      cmocka_unit_test(test_eval_folders),  cmocka_unit_test(test_self_score),
      cmocka_unit_test(test_linking),       cmocka_unit_test(test_trim_exact),
      cmocka_unit_test(test_any_overlap),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
