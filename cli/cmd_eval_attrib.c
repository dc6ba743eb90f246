/* cmd_eval_attrib.c - "precis eval attrib GOLD_DIR PRED_DIR [--format json|text]":
 * scores predicted attribution relations (brat .ann files) against gold ones.
 * Metrics: docs/evaluation.md, "## Attribution". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/attrib_eval.h"
#include "commands.h"
#include "opt.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_FORMAT };

static const prc_opt attrib_opts[] = {
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (text: a table of percentages; json: fractions)", "text|json", 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const attrib_usage[] = {"precis eval attrib [options] GOLD_DIR PRED_DIR", NULL};

const prc_cmd prc_cmd_eval_attrib_spec = {
    "precis eval attrib",
    "precision and recall of attribution relations (brat .ann files)",
    attrib_usage,
    "GOLD_DIR: text/<article>.txt + attributions/<article>_<annotator>.ann\n"
    "          (or a folder of .ann files with the texts beside them)\n"
    "PRED_DIR: <article>.ann files (or the same layout as GOLD_DIR)\n",
    attrib_opts,
    "Exit status: 0 scored; 1 a folder could not be read or held no gold article; 2 usage error.\n"};

static json_t *prf_json(attrib_prf x) {
  return json_pack("{s:f, s:f, s:f}", "p", x.p, "r", x.r, "f", x.f);
}

static void print_json(const attrib_result *r) {
  json_t *o = json_object();
  for (int k = 0; k < BRAT_NROLES; k++) {
    json_t *role = json_object();
    json_object_set_new(role, "exact", prf_json(r->exact[k]));
    json_object_set_new(role, "overlap", prf_json(r->overlap[k]));
    json_object_set_new(role, "any_overlap", prf_json(r->any_overlap[k]));
    json_object_set_new(o, prc_brat_role_name((brat_role)k), role);
  }
  json_object_set_new(o, "linked_recall", json_real(r->linked_recall));
  json_object_set_new(o, "n_docs", json_integer((json_int_t)r->c.n_docs));
  json_object_set_new(o, "n_gold", json_integer((json_int_t)r->c.n_gold));
  json_object_set_new(o, "n_pred", json_integer((json_int_t)r->c.n_pred));
  char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  if (s) printf("%s\n", s);
  free(s);
  json_decref(o);
}

static void print_text(const attrib_result *r) {
  /* strictest to loosest: exact spans, token-weighted overlap, any overlap of spans */
  printf("%-8s %8s %8s %8s   %8s %8s %8s   %8s %8s %8s\n", "role", "exact P", "exact R", "exact F",
         "token P", "token R", "token F", "any P", "any R", "any F");
  for (int k = 0; k < BRAT_NROLES; k++)
    printf("%-8s %8.2f %8.2f %8.2f   %8.2f %8.2f %8.2f   %8.2f %8.2f %8.2f\n",
           prc_brat_role_name((brat_role)k), 100 * r->exact[k].p, 100 * r->exact[k].r,
           100 * r->exact[k].f, 100 * r->overlap[k].p, 100 * r->overlap[k].r, 100 * r->overlap[k].f,
           100 * r->any_overlap[k].p, 100 * r->any_overlap[k].r, 100 * r->any_overlap[k].f);
  printf("linked recall: %.2f%% (%zu of %zu gold relations)\n", 100 * r->linked_recall, r->c.linked,
         r->c.n_gold);
  printf("articles: %zu   gold relations: %zu   predicted relations: %zu\n", r->c.n_docs, r->c.n_gold,
         r->c.n_pred);
}

int prc_cmd_eval_attrib(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_attrib_spec;
  const char *dirs[2] = {NULL, NULL};
  int nd = 0, json = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    int r = prc_opt_common(&p, cmd, o, dirs, &nd, 2);
    if (r >= 0) return r;
    switch (o) {
    case O_FORMAT: json = p.choice == 1; break;
    }
  }
  if (nd != 2) return prc_cmd_usage_error(cmd, "needs GOLD_DIR and PRED_DIR");

  attrib_result r;
  if (prc_attrib_eval_dirs(dirs[0], dirs[1], &r, stderr) != 0) return 1;
  const char *me = "precis eval attrib";
  if (r.c.n_docs == 0) {
    fprintf(stderr, "%s: no gold articles found in %s\n", me, dirs[0]);
    return 1;
  }
  if (r.n_missing_pred)
    fprintf(stderr, "%s: %zu of %zu gold articles have no prediction file (scored as predicting nothing)\n",
            me, r.n_missing_pred, r.c.n_docs);
  if (r.n_unmatched_pred)
    fprintf(stderr, "%s: %zu prediction files match no gold article (ignored)\n", me, r.n_unmatched_pred);
  if (r.n_extra_gold)
    fprintf(stderr, "%s: %zu further annotators' gold files ignored (first in name order used)\n", me,
            r.n_extra_gold);
  if (r.n_extra_pred)
    fprintf(stderr, "%s: %zu further prediction files of an article ignored (first in name order used)\n",
            me, r.n_extra_pred);
  if (r.n_no_text)
    fprintf(stderr, "%s: %zu gold files skipped for want of their article text\n", me, r.n_no_text);
  if (r.n_malformed) fprintf(stderr, "%s: %zu malformed .ann lines skipped\n", me, r.n_malformed);
  if (r.n_bad_refs)
    fprintf(stderr, "%s: %zu relation arguments name a missing T line (dropped)\n", me, r.n_bad_refs);

  if (json)
    print_json(&r);
  else
    print_text(&r);
  return 0;
}
