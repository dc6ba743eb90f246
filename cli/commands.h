/* commands.h - the subcommands of the precis CLI, one file each. */
#ifndef PRECIS_CLI_COMMANDS_H
#define PRECIS_CLI_COMMANDS_H

/* Each returns the process exit status.  argv[0] is the subcommand name
 * (for "precis eval rouge A B": argc == 3, argv == {"rouge", "A", "B"}). */
int cmd_analyze(int argc, char **argv);     /* cli/cmd_analyze.c: the default filter */
int cmd_eval_rouge(int argc, char **argv);  /* cli/cmd_eval_rouge.c */
int cmd_eval_oracle(int argc, char **argv); /* cli/cmd_eval_oracle.c */
int cmd_eval_attrib(int argc, char **argv); /* cli/cmd_eval_attrib.c */
int cmd_eval_pos(int argc, char **argv);    /* cli/cmd_tagger.c */
int cmd_eval_ner(int argc, char **argv);    /* cli/cmd_tagger.c */
int cmd_train_pos(int argc, char **argv);   /* cli/cmd_tagger.c */
int cmd_train_ner(int argc, char **argv);   /* cli/cmd_tagger.c */

#endif
