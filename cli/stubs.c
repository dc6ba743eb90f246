/* stubs.c - weak placeholders for subcommands under construction.
 * A real definition in its own file replaces each one at link time. */
#include <stdio.h>
#include "commands.h"

#define STUB(fn, name)                                                  \
  __attribute__((weak)) int fn(int argc, char **argv) {                 \
    (void)argc; (void)argv;                                             \
    fprintf(stderr, "precis: '%s' is not available in this build\n", name); \
    return 2;                                                           \
  }
STUB(cmd_eval_rouge, "eval rouge")
STUB(cmd_eval_oracle, "eval oracle")
STUB(cmd_eval_attrib, "eval attrib")
STUB(cmd_eval_pos, "eval pos")
STUB(cmd_eval_ner, "eval ner")
STUB(cmd_train_pos, "train pos")
STUB(cmd_train_ner, "train ner")
