/* cmd_eval_speakers.c - "precis eval speakers GOLD.jsonl PRED_DIR [--format json|text]":
 * are quotes attributed to the right speaker?  Gold items with hand-resolved
 * sources against precis -f json outputs.  Metric: docs/evaluation.md,
 * "## Speakers". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/speaker_eval.h"
#include "commands.h"
#include "opt.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_FORMAT };

static const prc_opt speakers_opts[] = {
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (text: a table of percentages; json: fractions and counts)", "text|json", 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const speakers_usage[] = {"precis eval speakers [options] GOLD.jsonl PRED_DIR", NULL};

const prc_cmd prc_cmd_eval_speakers_spec = {
    "precis eval speakers",
    "accuracy of the resolved speakers of quotes",
    speakers_usage,
    "GOLD.jsonl: one item a line, {\"article\", \"cue_span\": [b, e], \"kind\", \"speaker\",\n"
    "            \"surname_or_key\", [\"keys\"], [\"ambiguous\"], ...} (- : standard input)\n"
    "PRED_DIR:   <article>.json files written by precis -f json\n"
    "An item is scored unless its speaker is NONE or it is ambiguous; it is found when a\n"
    "predicted quote's cue overlaps its cue, and right when the first such quote's speaker\n"
    "contains surname_or_key or one of keys (case-insensitive).  Row \"none\": the items\n"
    "whose speaker is NONE (not ambiguous), right when that quote's speaker is unresolved.\n",
    speakers_opts,
    "Exit status: 0 scored; 1 GOLD or PRED_DIR could not be read, or no item to score; 2 usage error.\n"};

static const char *const row_names[SPK_NROWS] = {"name", "pronoun", "description", "all", "none"};

static json_t *row_json(const spk_result *r, int k) {
  return json_pack("{s:I, s:I, s:I, s:f, s:f, s:f}", "n", (json_int_t)r->c.n[k], "found",
                   (json_int_t)r->c.found[k], "right", (json_int_t)r->c.right[k], "accuracy",
                   r->accuracy[k], "accuracy_found", r->accuracy_found[k], "found_rate",
                   r->found_rate[k]);
}

static void print_json(const spk_result *r) {
  json_t *o = json_object();
  for (int k = 0; k < SPK_NROWS; k++) json_object_set_new(o, row_names[k], row_json(r, k));
  json_object_set_new(o, "n_items", json_integer((json_int_t)r->n_items));
  json_object_set_new(o, "n_unscored", json_integer((json_int_t)r->n_unscored));
  json_object_set_new(o, "n_malformed", json_integer((json_int_t)r->n_malformed));
  json_object_set_new(o, "n_articles", json_integer((json_int_t)r->n_articles));
  json_object_set_new(o, "n_pred_missing", json_integer((json_int_t)r->n_pred_missing));
  json_object_set_new(o, "n_pred_bad", json_integer((json_int_t)r->n_pred_bad));
  char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  if (s) printf("%s\n", s);
  free(s);
  json_decref(o);
}

static void print_text(const spk_result *r) {
  printf("%-12s %6s %6s %6s   %8s %9s %10s\n", "kind", "items", "found", "right", "found %",
         "accuracy", "acc|found");
  for (int k = 0; k < SPK_NROWS; k++)
    printf("%-12s %6zu %6zu %6zu   %8.2f %9.2f %10.2f\n", row_names[k], r->c.n[k], r->c.found[k],
           r->c.right[k], 100 * r->found_rate[k], 100 * r->accuracy[k], 100 * r->accuracy_found[k]);
  if (r->c.n[SPK_NONE])
    printf("NONE items (nobody named is meant): %zu of %zu whose cue is found left unresolved (%.2f%%); %zu given a name\n",
           r->c.right[SPK_NONE], r->c.found[SPK_NONE], 100 * r->accuracy_found[SPK_NONE],
           r->c.found[SPK_NONE] - r->c.right[SPK_NONE]);
  printf("end-to-end accuracy: %.2f%% (%zu of %zu scored items); given the cue is found: %.2f%% (of %zu)\n",
         100 * r->accuracy[SPK_ALL], r->c.right[SPK_ALL], r->c.n[SPK_ALL],
         100 * r->accuracy_found[SPK_ALL], r->c.found[SPK_ALL]);
  printf("gold items: %zu (%zu not scored: NONE or ambiguous)   articles: %zu   prediction files missing: %zu\n",
         r->n_items, r->n_unscored, r->n_articles, r->n_pred_missing);
}

int prc_cmd_eval_speakers(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_speakers_spec;
  const char *args[2] = {NULL, NULL};
  int na = 0, json = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    int r = prc_opt_common(&p, cmd, o, args, &na, 2);
    if (r >= 0) return r;
    switch (o) {
    case O_FORMAT: json = p.choice == 1; break;
    }
  }
  if (na != 2) return prc_cmd_usage_error(cmd, "needs GOLD.jsonl and PRED_DIR");
  if (!strcmp(args[1], "-")) return prc_cmd_usage_error(cmd, "PRED_DIR must be a folder, not '-'");

  const char *me = "precis eval speakers";
  int is_stdin = !strcmp(args[0], "-");
  FILE *f = is_stdin ? stdin : fopen(args[0], "rb");
  if (!f) {
    fprintf(stderr, "%s: %s: ", me, args[0]);
    perror(NULL);
    return 1;
  }
  spk_result r;
  fflush(stdout);
  int rc = prc_spk_eval(f, is_stdin ? "<stdin>" : args[0], args[1], &r, stderr);
  if (!is_stdin) fclose(f);
  if (rc != 0) {
    fprintf(stderr, "%s: cannot score (see above)\n", me);
    return 1;
  }
  if (r.n_malformed)
    fprintf(stderr, "%s: %zu malformed gold lines skipped\n", me, r.n_malformed);
  if (r.n_pred_missing)
    fprintf(stderr, "%s: %zu of %zu articles have no prediction file in %s (their items count as not found)\n",
            me, r.n_pred_missing, r.n_articles, args[1]);
  if (r.n_pred_bad)
    fprintf(stderr, "%s: %zu prediction files could not be used (their items count as not found)\n", me,
            r.n_pred_bad);
  if (r.n_other_kind)
    fprintf(stderr, "%s: %zu scored items of another kind than name, pronoun, description (in \"all\" only)\n",
            me, r.n_other_kind);
  if (r.c.n[SPK_ALL] == 0) {
    fprintf(stderr, "%s: no gold item to score in %s\n", me, args[0]);
    return 1;
  }
  if (json)
    print_json(&r);
  else
    print_text(&r);
  return 0;
}
