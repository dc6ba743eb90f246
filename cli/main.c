/* main.c - the precis command: dispatches to subcommands (cli/cmd_*.c). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "precis.h"

static int usage_eval(void) {
  fprintf(stderr,
          "usage: precis eval rouge REFS PREDS [--no-stem] [--format json]\n"
          "       precis eval oracle REFS [-n N] [--format json]\n"
          "       precis eval attrib GOLD_DIR PRED_DIR [--format json]\n"
          "       precis eval pos GOLD.conllu [--model PATH] [--format json]\n"
          "       precis eval ner GOLD.txt [--model PATH] [--format json]\n");
  return 2;
}

static int usage_train(void) {
  fprintf(stderr,
          "usage: precis train pos TRAIN.conllu DEV.conllu -o MODEL [--seed N] [--epochs N]\n"
          "       precis train ner TRAIN.txt DEV.txt -o MODEL [--seed N] [--epochs N]\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "eval") == 0) {
    if (argc < 3) return usage_eval();
    const char *w = argv[2];
    if (!strcmp(w, "rouge")) return cmd_eval_rouge(argc - 2, argv + 2);
    if (!strcmp(w, "oracle")) return cmd_eval_oracle(argc - 2, argv + 2);
    if (!strcmp(w, "attrib")) return cmd_eval_attrib(argc - 2, argv + 2);
    if (!strcmp(w, "pos")) return cmd_eval_pos(argc - 2, argv + 2);
    if (!strcmp(w, "ner")) return cmd_eval_ner(argc - 2, argv + 2);
    return usage_eval();
  }
  if (argc >= 2 && strcmp(argv[1], "train") == 0) {
    if (argc < 3) return usage_train();
    const char *w = argv[2];
    if (!strcmp(w, "pos")) return cmd_train_pos(argc - 2, argv + 2);
    if (!strcmp(w, "ner")) return cmd_train_ner(argc - 2, argv + 2);
    return usage_train();
  }
  return cmd_analyze(argc, argv);
}
