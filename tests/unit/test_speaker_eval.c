/* test_speaker_eval.c - the speaker scorer (precis eval speakers) on
 * hand-made gold items and predictions: cue overlap, keys, NONE and
 * ambiguous items skipped, case-insensitive matching, malformed lines,
 * missing and broken prediction files.  Every expected figure is worked out
 * in the comments. */
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

#include "eval/speaker_eval.h"

#define EPS 1e-9

static spk_item item(const char *line) {
  spk_item it;
  char err[256];
  int r = prc_spk_parse_item(line, strlen(line), &it, err, sizeof err);
  if (r != 0) fprintf(stderr, "unexpected: %s\n", err);
  assert_int_equal(r, 0);
  return it;
}

static spk_pred pred(const char *json) {
  spk_pred p;
  char err[256];
  int r = prc_spk_parse_pred(json, strlen(json), &p, err, sizeof err);
  if (r != 0) fprintf(stderr, "unexpected: %s\n", err);
  assert_int_equal(r, 0);
  return p;
}

/* "Ana Ruiz said it would rain. She added ..." : quotes with cues "said"
 * [9, 13) resolved to "Ana Ruiz", "added" [33, 38) resolved to "ana ruiz",
 * a bare continuation (no cue), "told" [60, 64) unresolved. */
static const char *PRED =
    "{\"id\": \"a\", \"keypoints\": [], \"quotes\": ["
    "{\"kind\": \"indirect\", \"cue\": {\"text\": \"said\", \"span\": [9, 13]}, "
    " \"source\": {\"text\": \"Ana Ruiz\", \"span\": [0, 8]}, \"speaker\": \"Ana Ruiz\", \"entity\": 0,"
    " \"content\": [{\"text\": \"it would rain\", \"span\": [14, 27]}]},"
    "{\"kind\": \"indirect\", \"cue\": {\"text\": \"added\", \"span\": [33, 38]}, "
    " \"source\": {\"text\": \"She\", \"span\": [29, 32]}, \"speaker\": \"\\u00c1NA RUIZ-D\\u00cdAZ\", \"entity\": 0,"
    " \"content\": []},"
    "{\"kind\": \"direct\", \"cue\": null, \"source\": null, \"speaker\": \"Bo Lee\", \"entity\": 1, \"content\": []},"
    "{\"kind\": \"direct\", \"cue\": {\"text\": \"told\", \"span\": [60, 64]}, \"source\": {\"text\": \"officials\", \"span\": [50, 59]},"
    " \"speaker\": null, \"entity\": -1, \"content\": []}"
    "], \"entities\": []}";

static void test_parse_item(void **state) {
  (void)state;
  spk_item it = item("{\"article\": \"a\", \"source_span\": [0, 8], \"cue_span\": [9, 13], \"cue_text\": \"said\","
                     " \"kind\": \"name\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"Ruiz\","
                     " \"keys\": [\"Ruiz\", \"\", \"Ana\"], \"eid\": \"E1\"}");
  assert_string_equal(it.article, "a");
  assert_int_equal(it.cue_b, 9);
  assert_int_equal(it.cue_e, 13);
  assert_int_equal(it.kind, SPK_NAME);
  assert_true(it.scored);
  assert_int_equal(it.nkeys, 3); /* Ruiz, Ruiz, Ana: the empty key is left out */
  assert_string_equal(it.keys[2], "Ana");
  prc_spk_item_free(&it);

  /* NONE and ambiguous are read but not scored (and need no key); NONE is
   * counted in the row "none" */
  it = item("{\"article\": \"a\", \"cue_span\": [1, 2], \"kind\": \"description\", \"speaker\": \"NONE\","
            " \"surname_or_key\": \"NONE\"}");
  assert_false(it.scored);
  assert_true(it.none);
  assert_int_equal(it.kind, SPK_DESCRIPTION);
  prc_spk_item_free(&it);
  it = item("{\"article\": \"a\", \"cue_span\": [1, 2], \"kind\": \"pronoun\", \"speaker\": \"Bo Lee\","
            " \"surname_or_key\": \"Lee\", \"ambiguous\": true}");
  assert_false(it.scored);
  assert_false(it.none);
  prc_spk_item_free(&it);
  /* "ambiguous": false is scored; an unknown kind is -1 */
  it = item("{\"article\": \"a\", \"cue_span\": [1, 2], \"kind\": \"group\", \"speaker\": \"Bo Lee\","
            " \"surname_or_key\": \"Lee\", \"ambiguous\": false}");
  assert_true(it.scored);
  assert_int_equal(it.kind, -1);
  prc_spk_item_free(&it);
}

static void test_malformed_items(void **state) {
  (void)state;
  static const char *bad[] = {
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\"", /* truncated JSON */
      "[1, 2]",                                                          /* not an object */
      "{\"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"../etc\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [13, 9], \"kind\": \"name\", \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [-1, 9], \"kind\": \"name\", \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [1.5, 9], \"kind\": \"name\", \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"speaker\": \"X\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"surname_or_key\": \"X\"}",
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"X\"}", /* no key */
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"X\", \"keys\": [\"X\", 3]}",
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"X\", \"keys\": \"X\"}",
      "not json at all",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    spk_item it;
    char err[256] = "";
    int r = prc_spk_parse_item(bad[i], strlen(bad[i]), &it, err, sizeof err);
    if (r != -1) fprintf(stderr, "accepted: %s\n", bad[i]);
    assert_int_equal(r, -1);
    assert_true(err[0] != 0);
  }
  spk_item it;
  char err[64];
  assert_int_equal(prc_spk_parse_item(" \t\r", 3, &it, err, sizeof err), 1); /* blank */
  assert_int_equal(prc_spk_parse_item("", 0, &it, err, sizeof err), 1);
}

static void test_contains(void **state) {
  (void)state;
  assert_true(prc_spk_contains("Hillary Clinton", "clinton"));
  assert_true(prc_spk_contains("HILLARY CLINTON", "Clinton"));
  assert_true(prc_spk_contains("Ána Ruiz-Díaz", "\u00e1na")); /* non-ASCII case folding */
  assert_true(prc_spk_contains("\u00c1NA RUIZ", "\u00e1na ruiz"));
  assert_false(prc_spk_contains("Bo Lee", "Lees"));
  assert_false(prc_spk_contains(NULL, "Lee"));
  assert_false(prc_spk_contains("Bo Lee", ""));
}

static void test_judge(void **state) {
  (void)state;
  spk_pred p = pred(PRED);
  assert_int_equal(p.n, 4);
  assert_false(p.q[2].has_cue);
  assert_null(p.q[3].speaker);

  const char *base = "{\"article\": \"a\", \"kind\": \"name\", \"speaker\": \"S\", ";
  char line[512];
  struct {
    const char *rest;
    int want;
  } cases[] = {
      {"\"cue_span\": [9, 13], \"surname_or_key\": \"Ruiz\"}", 2},   /* same cue, right */
      {"\"cue_span\": [12, 20], \"surname_or_key\": \"ruiz\"}", 2},  /* overlaps by one code point */
      {"\"cue_span\": [13, 20], \"surname_or_key\": \"Ruiz\"}", 0},  /* touches only: end-exclusive */
      {"\"cue_span\": [0, 9], \"surname_or_key\": \"Ruiz\"}", 0},    /* ends where the cue begins */
      {"\"cue_span\": [9, 13], \"surname_or_key\": \"Lee\"}", 1},    /* found, wrong speaker */
      {"\"cue_span\": [9, 13], \"surname_or_key\": \"Lee\", \"keys\": [\"Lee\", \"ANA\"]}", 2}, /* a key */
      {"\"cue_span\": [30, 40], \"surname_or_key\": \"D\\u00edaz-Ruiz\"}", 1}, /* not in that order */
      {"\"cue_span\": [30, 40], \"surname_or_key\": \"ruiz-d\\u00edaz\"}", 2}, /* folded Í */
      {"\"cue_span\": [55, 70], \"surname_or_key\": \"officials\"}", 1}, /* unresolved speaker: wrong */
      {"\"cue_span\": [0, 100], \"surname_or_key\": \"Ruiz\"}", 2},  /* first overlapping quote decides */
      {"\"cue_span\": [20, 20], \"surname_or_key\": \"Ruiz\"}", 0},  /* empty cue overlaps nothing */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    snprintf(line, sizeof line, "%s%s", base, cases[i].rest);
    spk_item it = item(line);
    int got = prc_spk_judge(&it, &p);
    if (got != cases[i].want) fprintf(stderr, "case %zu: %s: got %d\n", i, cases[i].rest, got);
    assert_int_equal(got, cases[i].want);
    assert_int_equal(prc_spk_judge(&it, NULL), 0); /* no prediction file: not found */
    prc_spk_item_free(&it);
  }
  /* NONE items (row "none"): right when the quote's speaker is unresolved */
  const char *none_cases[][2] = {
      {"[9, 13]", "1"},  /* named "Ana Ruiz": a wrong guess */
      {"[55, 70]", "2"}, /* unresolved: right */
      {"[13, 20]", "0"}, /* no cue overlaps: not found */
  };
  for (size_t i = 0; i < sizeof none_cases / sizeof *none_cases; i++) {
    snprintf(line, sizeof line, "{\"article\": \"a\", \"kind\": \"description\", \"speaker\": \"NONE\", \"cue_span\": %s}",
             none_cases[i][0]);
    spk_item it = item(line);
    assert_true(it.none);
    assert_false(it.scored);
    assert_int_equal(prc_spk_judge(&it, &p), none_cases[i][1][0] - '0');
    prc_spk_item_free(&it);
  }
  prc_spk_pred_free(&p);

  /* predictions that are not precis output */
  spk_pred q;
  char err[256];
  assert_int_equal(prc_spk_parse_pred("{\"id\": 1}", 9, &q, err, sizeof err), -1);
  assert_int_equal(prc_spk_parse_pred("{\"quotes\": [", 12, &q, err, sizeof err), -1);
  /* odd quotes are kept without a cue rather than refused */
  const char *odd = "{\"quotes\": [3, {\"cue\": {\"span\": [5]}, \"speaker\": 7}]}";
  assert_int_equal(prc_spk_parse_pred(odd, strlen(odd), &q, err, sizeof err), 0);
  assert_int_equal(q.n, 2);
  assert_false(q.q[0].has_cue);
  assert_false(q.q[1].has_cue);
  assert_null(q.q[1].speaker);
  prc_spk_pred_free(&q);
}

/* ---- the whole run on a temporary folder -------------------------------- */

static void write_file(const char *path, const char *s) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(s, f);
  fclose(f);
}

static void test_eval(void **state) {
  (void)state;
  char root[256];
  const char *tmp = getenv("TMPDIR");
  snprintf(root, sizeof root, "%s/spk_test_XXXXXX", tmp && *tmp ? tmp : "/tmp");
  assert_non_null(mkdtemp(root));
  char pa[300], pb[300], pc[300];
  snprintf(pa, sizeof pa, "%s/a.json", root);
  snprintf(pb, sizeof pb, "%s/broken.json", root);
  snprintf(pc, sizeof pc, "%s/gold.jsonl", root);
  write_file(pa, PRED);
  write_file(pb, "{\"quotes\": [}");
  /* line 1 name right; 2 name found wrong; 3 pronoun right (folded);
   * 4 description not found; 5 NONE; 6 ambiguous; 7 malformed; 8 blank;
   * 9 name in an article without a prediction file (missing);
   * 10 pronoun in an article whose file is broken; 11 CRLF, right. */
  const char *gold =
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"Ruiz\"}\n"
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"Bo Lee\", \"surname_or_key\": \"Lee\"}\n"
      "{\"article\": \"a\", \"cue_span\": [33, 38], \"kind\": \"pronoun\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"RUIZ\"}\n"
      "{\"article\": \"a\", \"cue_span\": [40, 45], \"kind\": \"description\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"Ruiz\"}\n"
      "{\"article\": \"a\", \"cue_span\": [60, 64], \"kind\": \"description\", \"speaker\": \"NONE\", \"surname_or_key\": \"NONE\"}\n"
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"Bo Lee\", \"surname_or_key\": \"Lee\", \"ambiguous\": true}\n"
      "{\"article\": \"a\", \"cue_span\": [9, 13], \"kind\": \n"
      "\n"
      "{\"article\": \"zz\", \"cue_span\": [9, 13], \"kind\": \"name\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"Ruiz\"}\n"
      "{\"article\": \"broken\", \"cue_span\": [9, 13], \"kind\": \"pronoun\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"Ruiz\"}\n"
      "{\"article\": \"a\", \"cue_span\": [10, 11], \"kind\": \"name\", \"speaker\": \"Ana Ruiz\", \"surname_or_key\": \"ana\"}\r\n";
  write_file(pc, gold);
  FILE *g = fopen(pc, "rb");
  assert_non_null(g);
  char logbuf[4096] = "";
  FILE *log = fmemopen(logbuf, sizeof logbuf, "w");
  assert_non_null(log);
  spk_result r;
  assert_int_equal(prc_spk_eval(g, "gold.jsonl", root, &r, log), 0);
  fclose(log);
  fclose(g);
  /* the malformed line is reported with its number */
  assert_non_null(strstr(logbuf, "gold.jsonl:7: "));
  assert_non_null(strstr(logbuf, "broken.json"));
  assert_int_equal(r.n_malformed, 1);
  assert_int_equal(r.n_items, 9);
  assert_int_equal(r.n_unscored, 2);
  assert_int_equal(r.n_articles, 3);
  assert_int_equal(r.n_pred_missing, 1);
  assert_int_equal(r.n_pred_bad, 1);
  /* name: lines 1, 2, 9, 11: found 1, 2, 11; right 1, 11 */
  assert_int_equal(r.c.n[SPK_NAME], 4);
  assert_int_equal(r.c.found[SPK_NAME], 3);
  assert_int_equal(r.c.right[SPK_NAME], 2);
  assert_float_equal(r.accuracy[SPK_NAME], 0.5, EPS);
  assert_float_equal(r.accuracy_found[SPK_NAME], 2.0 / 3, EPS);
  assert_float_equal(r.found_rate[SPK_NAME], 0.75, EPS);
  /* pronoun: lines 3 (right), 10 (broken file: not found) */
  assert_int_equal(r.c.n[SPK_PRONOUN], 2);
  assert_int_equal(r.c.found[SPK_PRONOUN], 1);
  assert_int_equal(r.c.right[SPK_PRONOUN], 1);
  /* description: line 4, not found: accuracy given found has no denominator: 0 */
  assert_int_equal(r.c.n[SPK_DESCRIPTION], 1);
  assert_int_equal(r.c.found[SPK_DESCRIPTION], 0);
  assert_float_equal(r.accuracy_found[SPK_DESCRIPTION], 0.0, EPS);
  /* all: 7 scored, 4 found, 3 right */
  assert_int_equal(r.c.n[SPK_ALL], 7);
  assert_int_equal(r.c.found[SPK_ALL], 4);
  assert_int_equal(r.c.right[SPK_ALL], 3);
  assert_float_equal(r.accuracy[SPK_ALL], 3.0 / 7, EPS);
  assert_float_equal(r.accuracy_found[SPK_ALL], 0.75, EPS);
  /* none: line 5, found, its quote unresolved: right (ambiguous line 6 is in no row) */
  assert_int_equal(r.c.n[SPK_NONE], 1);
  assert_int_equal(r.c.found[SPK_NONE], 1);
  assert_int_equal(r.c.right[SPK_NONE], 1);
  assert_float_equal(r.accuracy_found[SPK_NONE], 1.0, EPS);

  /* a prediction folder that does not exist is an error */
  g = fopen(pc, "rb");
  char nodir[300];
  snprintf(nodir, sizeof nodir, "%s/nonexistent", root);
  assert_int_equal(prc_spk_eval(g, "gold.jsonl", nodir, &r, NULL), -1);
  fclose(g);

  remove(pa);
  remove(pb);
  remove(pc);
  rmdir(root);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_item), cmocka_unit_test(test_malformed_items),
      cmocka_unit_test(test_contains),   cmocka_unit_test(test_judge),
      cmocka_unit_test(test_eval),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
