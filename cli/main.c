/* main.c - the precis command: dispatches to subcommands (cli/cmd_*.c). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "precis.h"

typedef struct subcommand {
  const char *name;
  const prc_cmd *spec;
  int (*run)(int argc, char **argv);
} subcommand;

static const subcommand eval_cmds[] = {
    {"rouge", &prc_cmd_eval_rouge_spec, prc_cmd_eval_rouge},
    {"oracle", &prc_cmd_eval_oracle_spec, prc_cmd_eval_oracle},
    {"attrib", &prc_cmd_eval_attrib_spec, prc_cmd_eval_attrib},
    {"speakers", &prc_cmd_eval_speakers_spec, prc_cmd_eval_speakers},
    {"pos", &prc_cmd_eval_pos_spec, prc_cmd_eval_pos},
    {"ner", &prc_cmd_eval_ner_spec, prc_cmd_eval_ner},
    {"parse", &prc_cmd_eval_parse_spec, prc_cmd_eval_parse},
    {"extract", &prc_cmd_eval_extract_spec, prc_cmd_eval_extract},
    {NULL, NULL, NULL}};

static const subcommand train_cmds[] = {
    {"pos", &prc_cmd_train_pos_spec, prc_cmd_train_pos},
    {"ner", &prc_cmd_train_ner_spec, prc_cmd_train_ner},
    {"parse", &prc_cmd_train_parse_spec, prc_cmd_train_parse},
    {"attrib", &prc_cmd_train_attrib_spec, prc_cmd_train_attrib},
    {"keypoints", &prc_cmd_train_keypoints_spec, prc_cmd_train_keypoints},
    {NULL, NULL, NULL}};

static const prc_opt group_opts[] = {PRC_OPT_HELP_ENTRY, {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};
static const char *const eval_usage[] = {"precis eval {rouge|oracle|attrib|speakers|pos|ner|parse|extract} [options] ...", NULL};
static const char *const train_usage[] = {"precis train {pos|ner|parse} [options] ...", NULL};
static const prc_cmd eval_spec = {"precis eval", "evaluations", eval_usage,
                                  "Scores summaries, attributions, speakers, the taggers and the parser (docs/evaluation.md).\n",
                                  group_opts, NULL};
static const prc_cmd train_spec = {"precis train", "training", train_usage,
                                   "Trains the statistical taggers and the parser (models/README.md).\n", group_opts, NULL};

typedef struct group {
  const char *name;
  const prc_cmd *spec;
  const subcommand *cmds;
} group;

static const group groups[] = {{"eval", &eval_spec, eval_cmds}, {"train", &train_spec, train_cmds}, {NULL, NULL, NULL}};

static void group_help(const group *g) {
  prc_cmd_help(g->spec, stdout);
  printf("\ncommands:\n");
  for (const subcommand *s = g->cmds; s->name; s++) printf("  %-8s %s\n", s->name, s->spec->summary);
  printf("\n\"%s COMMAND --help\" gives a command's options.\n", g->spec->name);
}

/* The names of a group's commands, "rouge, oracle, ..." */
static void names(const group *g, char *buf, size_t cap) {
  buf[0] = 0;
  for (const subcommand *s = g->cmds; s->name; s++) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", s == g->cmds ? "" : ", ", s->name);
  }
}

static int run_group(const group *g, int argc, char **argv) {
  char list[128];
  names(g, list, sizeof list);
  /* argv[0] is the group name */
  if (argc < 2) return prc_cmd_usage_error(g->spec, "which command? %s", list);
  const char *w = argv[1];
  if (w[0] == '-' && w[1]) {
    prc_opt_parser p;
    prc_opt_init(&p, g->spec, argc, argv);
    int o = prc_opt_next(&p);
    if (o == PRC_OPT_HELP_ID) {
      group_help(g);
      return 0;
    }
    if (o == PRC_OPT_ERROR) return 2;
    return prc_cmd_usage_error(g->spec, "which command? %s", list);
  }
  for (const subcommand *s = g->cmds; s->name; s++)
    if (!strcmp(w, s->name)) return s->run(argc - 1, argv + 1);
  return prc_cmd_usage_error(g->spec, "unknown command '%s' (%s)", w, list);
}

void prc_cli_list_all_options(FILE *f) {
  prc_cmd_list_options(&prc_cmd_analyze_spec, f);
  prc_cmd_list_options(&prc_cmd_extract_spec, f);
  prc_cmd_list_options(&prc_cmd_serve_spec, f);
  for (const group *g = groups; g->name; g++) {
    prc_cmd_list_options(g->spec, f);
    for (const subcommand *s = g->cmds; s->name; s++) prc_cmd_list_options(s->spec, f);
  }
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "extract")) return prc_cmd_extract(argc - 1, argv + 1);
  if (argc >= 2 && !strcmp(argv[1], "serve")) return prc_cmd_serve(argc - 1, argv + 1);
  for (const group *g = groups; argc >= 2 && g->name; g++)
    if (!strcmp(argv[1], g->name)) return run_group(g, argc - 1, argv + 1);
  return prc_cmd_analyze(argc, argv);
}
