/* commands.h - the subcommands of the precis CLI, one file each. */
#ifndef PRECIS_CLI_COMMANDS_H
#define PRECIS_CLI_COMMANDS_H

#include <stdio.h>

#include "opt.h"

/* Each returns the process exit status.  argv[0] is the subcommand name
 * (for "precis eval rouge A B": argc == 3, argv == {"rouge", "A", "B"}). */
int prc_cmd_analyze(int argc, char **argv);     /* cli/cmd_analyze.c: the default filter */
int prc_cmd_eval_rouge(int argc, char **argv);  /* cli/cmd_eval_rouge.c */
int prc_cmd_eval_oracle(int argc, char **argv); /* cli/cmd_eval_oracle.c */
int prc_cmd_eval_attrib(int argc, char **argv); /* cli/cmd_eval_attrib.c */
int prc_cmd_eval_speakers(int argc, char **argv); /* cli/cmd_eval_speakers.c */
int prc_cmd_eval_pos(int argc, char **argv);    /* cli/cmd_tagger.c */
int prc_cmd_eval_ner(int argc, char **argv);    /* cli/cmd_tagger.c */
int prc_cmd_train_pos(int argc, char **argv);   /* cli/cmd_tagger.c */
int prc_cmd_train_ner(int argc, char **argv);   /* cli/cmd_tagger.c */
int prc_cmd_eval_parse(int argc, char **argv);  /* cli/cmd_parser.c */
int prc_cmd_train_parse(int argc, char **argv); /* cli/cmd_parser.c */
int prc_cmd_train_attrib(int argc, char **argv); /* cli/cmd_attrib_train.c */
int prc_cmd_train_keypoints(int argc, char **argv); /* cli/cmd_kp_train.c */
int prc_cmd_extract(int argc, char **argv);      /* cli/cmd_extract.c */
int prc_cmd_eval_extract(int argc, char **argv); /* cli/cmd_eval_extract.c */
int prc_cmd_serve(int argc, char **argv);        /* cli/cmd_serve.c: the HTTP service */

/* Their descriptions: usage, options (cli/opt.h). */
extern const prc_cmd prc_cmd_analyze_spec, prc_cmd_eval_rouge_spec, prc_cmd_eval_oracle_spec,
    prc_cmd_eval_attrib_spec, prc_cmd_eval_speakers_spec, prc_cmd_eval_pos_spec, prc_cmd_eval_ner_spec,
    prc_cmd_train_pos_spec, prc_cmd_train_ner_spec, prc_cmd_eval_parse_spec, prc_cmd_train_parse_spec,
    prc_cmd_train_attrib_spec, prc_cmd_extract_spec, prc_cmd_eval_extract_spec, prc_cmd_train_keypoints_spec;

/* "precis --list-options": every command's options (cli/main.c). */
void prc_cli_list_all_options(FILE *f);

extern const prc_cmd prc_cmd_serve_spec;

#endif
