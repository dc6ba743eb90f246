/* cmd_eval_rouge.c - precis eval rouge REFS PREDS [--no-stem] [--format json|text]
 *
 * REFS and PREDS are JSONL files (one object a line: "id" plus the text in
 * "highlights" (list of strings, joined by '\n'), "summary" (string or list)
 * or "keypoints" (list of strings or of objects with "text")) or plain text
 * files (the whole file is one document).  Documents are paired by id when
 * every document on both sides has one, else by position.
 *
 * Hidden: precis eval rouge --conformance GOLDEN.jsonl checks the scorer
 * against rows {ref, pred, stem, rouge1..rougeLsum: [P, R, F]}.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "rouge_io.h"
#include "eval/rouge.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_NO_STEM, O_STEM, O_FORMAT, O_CONFORMANCE };

static const prc_opt rouge_opts[] = {
    {O_NO_STEM, 0, "no-stem", PRC_OPT_FLAG, NULL, "do not Porter-stem tokens", NULL, 0, 0, 0},
    {O_STEM, 0, "stem", PRC_OPT_FLAG, NULL, "Porter-stem tokens (the default)", NULL, 0, 0, 0},
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (text: a table of percentages; json: fractions)", "text|json", 0, 0, 0},
    {O_CONFORMANCE, 0, "conformance", PRC_OPT_STRING, "FILE", "check the scorer against golden rows (tests)", NULL, 0, 0,
     PRC_OPT_HIDDEN},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const rouge_usage[] = {"precis eval rouge [options] REFS PREDS", NULL};

const prc_cmd prc_cmd_eval_rouge_spec = {
    "precis eval rouge",
    "ROUGE-1, -2, -L and -Lsum of predicted summaries against references",
    rouge_usage,
    "Mean ROUGE of PREDS against REFS.  Each is JSONL (one object a line: \"id\" and\n"
    "\"highlights\" | \"summary\" | \"keypoints\") or a plain text file (one document);\n"
    "- reads standard input.  Documents are paired by id when all have one, else in order.\n",
    rouge_opts,
    "Exit status: 0 scored; 1 an input could not be read or used; 2 usage error.\n"};

/* ------------------------------------------------------------------ */

static int conformance(const char *path) {
  size_t len;
  char *data = prc_rio_read_file(path, &len);
  if (!data) {
    fprintf(stderr, "precis eval rouge: cannot read %s: %s\n", path, strerror(errno));
    return 1;
  }
  rouge_ctx *ctx[2] = {prc_rouge_ctx_new(0), prc_rouge_ctx_new(1)};
  if (!ctx[0] || !ctx[1]) {
    fprintf(stderr, "precis eval rouge: out of memory\n");
    prc_rouge_ctx_free(ctx[0]);
    prc_rouge_ctx_free(ctx[1]);
    free(data);
    return 1;
  }
  static const char *names[4] = {"rouge1", "rouge2", "rougeL", "rougeLsum"};
  size_t passed = 0, failed = 0, lineno = 0;
  int bad_input = 0;
  char *p = data, *end = data + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    lineno++;
    size_t ll = (size_t)(le - p);
    char *line = p;
    p = nl ? nl + 1 : end;
    if (prc_rio_blank(line, ll)) continue;
    json_error_t err;
    json_t *o = json_loadb(line, ll, 0, &err);
    const char *ref, *pred;
    size_t rl, pl;
    json_t *jr = o ? json_object_get(o, "ref") : NULL, *jp = o ? json_object_get(o, "pred") : NULL;
    if (!json_is_string(jr) || !json_is_string(jp)) {
      fprintf(stderr, "%s:%zu: not a conformance row\n", path, lineno);
      bad_input = 1;
      json_decref(o);
      continue;
    }
    ref = json_string_value(jr);
    rl = json_string_length(jr);
    pred = json_string_value(jp);
    pl = json_string_length(jp);
    int stem = json_is_true(json_object_get(o, "stem"));
    rouge_scores s;
    if (prc_rouge_score_ctx(ctx[stem], ref, rl, pred, pl, &s)) {
      fprintf(stderr, "precis eval rouge: out of memory\n");
      json_decref(o);
      bad_input = 1;
      break;
    }
    const rouge_prf *got[4] = {&s.rouge1, &s.rouge2, &s.rougeL, &s.rougeLsum};
    for (int m = 0; m < 4; m++) {
      json_t *a = json_object_get(o, names[m]);
      if (!json_is_array(a) || json_array_size(a) != 3) {
        fprintf(stderr, "%s:%zu: %s missing\n", path, lineno, names[m]);
        failed++;
        continue;
      }
      double want[3], have[3] = {got[m]->p, got[m]->r, got[m]->f};
      int ok = 1;
      for (int k = 0; k < 3; k++) {
        want[k] = json_number_value(json_array_get(a, (size_t)k));
        if (!(fabs(want[k] - have[k]) <= 1e-6)) ok = 0;
      }
      if (ok) {
        passed++;
      } else {
        failed++;
        fprintf(stderr,
                "%s:%zu: %s (stem=%d): expected P %.9f R %.9f F %.9f, got P %.9f R %.9f F %.9f\n",
                path, lineno, names[m], stem, want[0], want[1], want[2], have[0], have[1],
                have[2]);
      }
    }
    json_decref(o);
  }
  printf("%zu passed, %zu failed\n", passed, failed);
  prc_rouge_ctx_free(ctx[0]);
  prc_rouge_ctx_free(ctx[1]);
  free(data);
  return (failed || bad_input || passed == 0) ? 1 : 0;
}

/* ------------------------------------------------------------------ */

int prc_cmd_eval_rouge(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_rouge_spec;
  const char *paths[2] = {NULL, NULL}, *conformance_file = NULL;
  int npaths = 0, stem = 1, json = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); return 0;
    case O_NO_STEM: stem = 0; break;
    case O_STEM: stem = 1; break;
    case O_FORMAT: json = p.choice == 1; break;
    case O_CONFORMANCE: conformance_file = p.value; break;
    case PRC_OPT_OPERAND:
      if (npaths == 2) return prc_cmd_usage_error(cmd, "too many arguments: '%s'", p.value);
      paths[npaths++] = p.value;
      break;
    }
  }
  if (conformance_file) {
    if (npaths) return prc_cmd_usage_error(cmd, "--conformance takes no REFS or PREDS");
    return conformance(conformance_file);
  }
  if (npaths != 2) return prc_cmd_usage_error(cmd, "needs REFS and PREDS");
  if (!strcmp(paths[0], "-") && !strcmp(paths[1], "-"))
    return prc_cmd_usage_error(cmd, "REFS and PREDS cannot both be standard input");

  rio_docs refs, preds;
  if (prc_rio_load_docs(paths[0], &refs, "precis eval rouge", RIO_NEED_SUMMARY)) return 1;
  if (prc_rio_load_docs(paths[1], &preds, "precis eval rouge", RIO_NEED_SUMMARY)) {
    prc_rio_docs_free(&refs);
    return 1;
  }
  size_t npairs = 0;
  rio_pair *pairs = NULL;
  int rc = 0;
  if (prc_rio_pair_docs(&refs, &preds, &pairs, &npairs, "precis eval rouge")) {
    fprintf(stderr, "precis eval rouge: out of memory\n");
    rc = 1;
  } else if (npairs == 0) {
    fprintf(stderr, "precis eval rouge: no documents to score\n");
    rc = 1;
  } else {
    rouge_ctx *ctx = prc_rouge_ctx_new(stem);
    rouge_mean mean = {0};
    for (size_t k = 0; ctx && k < npairs; k++) {
      const rio_doc *r = &refs.docs[pairs[k].ref], *p = &preds.docs[pairs[k].pred];
      rouge_scores s;
      if (prc_rouge_score_ctx(ctx, r->text, r->len, p->text, p->len, &s)) {
        rc = 1;
        break;
      }
      prc_rouge_mean_add(&mean, &s);
    }
    if (!ctx || rc) {
      fprintf(stderr, "precis eval rouge: out of memory\n");
      rc = 1;
    } else {
      rouge_scores m = prc_rouge_mean_get(&mean);
      prc_rio_print_rouge(stdout, &m, mean.n, json, stem ? "stemming on" : "stemming off");
    }
    prc_rouge_ctx_free(ctx);
  }
  free(pairs);
  prc_rio_docs_free(&refs);
  prc_rio_docs_free(&preds);
  return rc;
}
