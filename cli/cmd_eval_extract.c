/* cmd_eval_extract.c - "precis eval extract GOLD.json PRED.json": main-text
 * extraction scored by 4-token shingles (src/eval/extract_eval.c).
 * Metric: docs/evaluation.md, "## Main text of web pages". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/extract_eval.h"
#include "commands.h"
#include "opt.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_FORMAT, O_PER_PAGE };

static const prc_opt xe_opts[] = {
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (text or json)", "text|json", 0, 0, 0},
    {O_PER_PAGE, 0, "per-page", PRC_OPT_FLAG, NULL, "also each page's precision and recall", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const xe_usage[] = {"precis eval extract [options] GOLD.json PRED.json", NULL};

const prc_cmd prc_cmd_eval_extract_spec = {
    "precis eval extract",
    "main-text extraction: precision, recall and F1 of 4-token shingles",
    xe_usage,
    "GOLD.json, PRED.json: {KEY: {\"articleBody\": TEXT, ...}, ...}; every gold page is\n"
    "scored (a page missing from PRED counts as predicting nothing).\n",
    xe_opts,
    "Exit status: 0 scored; 1 a file could not be read or is not such an object; 2 usage error.\n"};

static json_t *load(const char *path) {
  json_error_t e;
  json_t *j = json_load_file(path, 0, &e);
  if (!j) {
    fprintf(stderr, "precis eval extract: %s: line %d, column %d: %s\n", path, e.line, e.column, e.text);
    return NULL;
  }
  if (!json_is_object(j)) {
    fprintf(stderr, "precis eval extract: %s: not a JSON object of pages\n", path);
    json_decref(j);
    return NULL;
  }
  return j;
}

static const char *body(json_t *page, size_t *n) {
  json_t *b = json_is_object(page) ? json_object_get(page, "articleBody") : NULL;
  if (!json_is_string(b)) { *n = 0; return ""; }
  *n = json_string_length(b);
  return json_string_value(b);
}

int prc_cmd_eval_extract(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_extract_spec;
  const char *files[2] = {NULL, NULL};
  int nf = 0, json = 0, per_page = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    int r = prc_opt_common(&p, cmd, o, files, &nf, 2);
    if (r >= 0) return r;
    switch (o) {
    case O_FORMAT: json = p.choice == 1; break;
    case O_PER_PAGE: per_page = 1; break;
    }
  }
  if (nf != 2) return prc_cmd_usage_error(cmd, "needs GOLD.json and PRED.json");
  json_t *gold = load(files[0]);
  if (!gold) return 1;
  json_t *pred = load(files[1]);
  if (!pred) { json_decref(gold); return 1; }
  size_t n = json_object_size(gold), k = 0, missing = 0;
  xe_page *pages = calloc(n ? n : 1, sizeof *pages);
  const char **keys = calloc(n ? n : 1, sizeof *keys);
  if (!pages || !keys) { fprintf(stderr, "precis: out of memory\n"); return 2; }
  const char *key;
  json_t *g;
  json_object_foreach(gold, key, g) {
    size_t gl, pl;
    const char *gt = body(g, &gl);
    json_t *pp = json_object_get(pred, key);
    if (!pp) missing++;
    const char *pt = body(pp, &pl);
    if (prc_xe_score_page(gt, gl, pt, pl, &pages[k]) != 0) { fprintf(stderr, "precis: out of memory\n"); return 2; }
    keys[k++] = key;
  }
  if (missing) fprintf(stderr, "precis eval extract: %zu of %zu pages have no prediction (scored as empty)\n", missing, n);
  xe_result r;
  prc_xe_summarize(pages, n, &r);
  if (json) {
    json_t *out = json_pack("{s:f, s:f, s:f, s:I, s:I}", "precision", r.precision, "recall", r.recall, "f1", r.f1,
                            "pages", (json_int_t)r.pages, "missing", (json_int_t)missing);
    if (per_page) {
      json_t *pg = json_object();
      for (size_t i = 0; i < n; i++) {
        double pr = prc_xe_page_precision(&pages[i]), rc = prc_xe_page_recall(&pages[i]);
        json_object_set_new(pg, keys[i], json_pack("{s:o, s:o}", "precision", pr < 0 ? json_null() : json_real(pr),
                                                   "recall", rc < 0 ? json_null() : json_real(rc)));
      }
      json_object_set_new(out, "per_page", pg);
    }
    char *s = json_dumps(out, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (s) printf("%s\n", s);
    free(s);
    json_decref(out);
  } else {
    if (per_page)
      for (size_t i = 0; i < n; i++) {
        double pr = prc_xe_page_precision(&pages[i]), rc = prc_xe_page_recall(&pages[i]);
        printf("%s\t%s%.3f\t%s%.3f\n", keys[i], pr < 0 ? "-" : "", pr < 0 ? 0 : pr, rc < 0 ? "-" : "", rc < 0 ? 0 : rc);
      }
    printf("pages: %zu   precision: %.4f   recall: %.4f   F1: %.4f\n", r.pages, r.precision, r.recall, r.f1);
  }
  free(pages);
  free(keys);
  json_decref(gold);
  json_decref(pred);
  return 0;
}
