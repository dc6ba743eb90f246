/* cmd_tagger.c - precis train pos|ner, precis eval pos|ner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "train/train.h"

typedef struct targs {
  const char *pos1, *pos2, *out, *model, *pos_model, *text_dir, *predictions;
  uint64_t seed;
  int epochs, verbose, bench, no_clusters, json, runs;
  float prune;
} targs;

enum {
  O_HELP = PRC_OPT_HELP_ID, O_OUTPUT, O_SEED, O_EPOCHS, O_TEXT_DIR, O_PRUNE, O_NO_CLUSTERS, O_POS_MODEL,
  O_QUIET, O_VERBOSE, O_MODEL, O_FORMAT, O_BENCH, O_PREDICTIONS, O_RUNS
};

#define OPT_END {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}
#define OPT_OUTPUT {O_OUTPUT, 'o', "output", PRC_OPT_STRING, "MODEL", "write the model to this file (required)", NULL, 0, 0, 0}
#define OPT_SEED {O_SEED, 0, "seed", PRC_OPT_U64, "N", "random seed (default 1)", NULL, 0, 0, 0}
#define OPT_EPOCHS {O_EPOCHS, 0, "epochs", PRC_OPT_INT, "N", "training epochs, 1 to 1000 (default: by kind)", NULL, 1, 1000, 0}
#define OPT_TEXT_DIR {O_TEXT_DIR, 0, "text-dir", PRC_OPT_STRING, "DIR", "data folder (default: the parent of TRAIN's folder)", NULL, 0, 0, 0}
#define OPT_PRUNE {O_PRUNE, 0, "prune", PRC_OPT_REAL, "X", "drop averaged weights below X (default: by kind)", NULL, 0, 0, 0}
#define OPT_QUIET {O_QUIET, 'q', "quiet", PRC_OPT_FLAG, NULL, "no progress on stderr", NULL, 0, 0, 0}
#define OPT_VERBOSE {O_VERBOSE, 'v', "verbose", PRC_OPT_FLAG, NULL, "more progress on stderr", NULL, 0, 0, 0}
#define OPT_MODEL {O_MODEL, 0, "model", PRC_OPT_STRING, "PATH", "score this model file instead of the built-in one", NULL, 0, 0, 0}
#define OPT_FORMAT {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (json: one object)", "text|json", 0, 0, 0}
#define OPT_BENCH {O_BENCH, 0, "bench", PRC_OPT_FLAG, NULL, "print the tagging speed on stderr", NULL, 0, 0, 0}

static const prc_opt train_pos_opts[] = {
    OPT_OUTPUT, OPT_SEED, OPT_EPOCHS, OPT_TEXT_DIR,
    {O_NO_CLUSTERS, 0, "no-clusters", PRC_OPT_FLAG, NULL, "train without word clusters", NULL, 0, 0, 0},
    OPT_PRUNE, OPT_QUIET, OPT_VERBOSE, PRC_OPT_HELP_ENTRY, OPT_END};
static const prc_opt train_ner_opts[] = {
    OPT_OUTPUT, OPT_SEED, OPT_EPOCHS,
    {O_RUNS, 0, "runs", PRC_OPT_INT, "N", "training runs (other seeds) averaged into each pass, 1 to 20 (default 3)", NULL, 1, 20, 0},
    {O_POS_MODEL, 0, "pos-model", PRC_OPT_STRING, "PATH", "POS model for the features (default: built-in)", NULL, 0, 0, 0},
    OPT_TEXT_DIR, OPT_PRUNE, OPT_QUIET, OPT_VERBOSE, PRC_OPT_HELP_ENTRY, OPT_END};
static const prc_opt eval_pos_opts[] = {OPT_MODEL, OPT_FORMAT, OPT_BENCH, PRC_OPT_HELP_ENTRY, OPT_END};
static const prc_opt eval_ner_opts[] = {
    OPT_MODEL,
    {O_POS_MODEL, 0, "pos-model", PRC_OPT_STRING, "PATH", "POS model for the NER features (default: built-in)", NULL, 0, 0, 0},
    OPT_FORMAT, OPT_BENCH,
    {O_PREDICTIONS, 0, "predictions", PRC_OPT_STRING, "FILE", "write WORD GOLD PREDICTED a token (IOB2, conlleval's input) to FILE", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY, OPT_END};

static const char *const train_pos_usage[] = {"precis train pos [options] TRAIN.conllu DEV.conllu -o MODEL", NULL};
static const char *const train_ner_usage[] = {"precis train ner [options] TRAIN.txt DEV.txt -o MODEL", NULL};
static const char *const eval_pos_usage[] = {"precis eval pos [options] GOLD.conllu", NULL};
static const char *const eval_ner_usage[] = {"precis eval ner [options] GOLD.txt", NULL};

#define STDIN_NOTE "- reads standard input.\n"
const prc_cmd prc_cmd_train_pos_spec = {
    "precis train pos", "train the part-of-speech tagger (Universal Dependencies CoNLL-U)", train_pos_usage,
    "Trains on TRAIN, picks the epoch by accuracy on DEV, writes MODEL.  The word\n"
    "clusters are learnt from the news text of the data folder (--text-dir).\n" STDIN_NOTE,
    train_pos_opts, "Exit status: 0 trained; 1 training failed; 2 usage error.\n"};
const prc_cmd prc_cmd_train_ner_spec = {
    "precis train ner", "train the named-entity tagger (CoNLL-2003)", train_ner_usage,
    "Trains on TRAIN, picks the epoch by F1 on DEV, writes MODEL.  First-name lists come\n"
    "from the data folder (--text-dir).\n" STDIN_NOTE,
    train_ner_opts, "Exit status: 0 trained; 1 training failed; 2 usage error.\n"};
const prc_cmd prc_cmd_eval_pos_spec = {
    "precis eval pos", "accuracy of the POS tagger on a CoNLL-U file", eval_pos_usage,
    "Tags GOLD and prints the accuracy, per-tag P/R/F1 and the commonest confusions.\n" STDIN_NOTE,
    eval_pos_opts, "Exit status: 0 scored; 1 the file or model could not be read; 2 usage error.\n"};
const prc_cmd prc_cmd_eval_ner_spec = {
    "precis eval ner", "entity P/R/F1 of the NER tagger on a CoNLL-2003 file", eval_ner_usage,
    "Tags GOLD and prints conlleval-style precision, recall and F1.\n" STDIN_NOTE,
    eval_ner_opts, "Exit status: 0 scored; 1 the file or model could not be read; 2 usage error.\n"};

/* The options and operands of cmd into *a; -1 after a usage error, 1
 * after --help, else 0.  nfiles operands are wanted; "-" becomes
 * /dev/stdin (the trainers open files by name). */
static int parse(int argc, char **argv, targs *a, const prc_cmd *cmd, int nfiles, const char *want) {
  memset(a, 0, sizeof *a);
  a->seed = 1;
  a->verbose = 1;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o, n = 0, nstdin = 0;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: return -1;
    case O_HELP: prc_cmd_help(cmd, stdout); return 1;
    case O_OUTPUT: a->out = p.value; break;
    case O_SEED: a->seed = p.u64; break;
    case O_EPOCHS: a->epochs = (int)p.num; break;
    case O_TEXT_DIR: a->text_dir = p.value; break;
    case O_PRUNE: a->prune = (float)p.real; break;
    case O_NO_CLUSTERS: a->no_clusters = 1; break;
    case O_POS_MODEL: a->pos_model = p.value; break;
    case O_QUIET: a->verbose = 0; break;
    case O_VERBOSE: a->verbose = 2; break;
    case O_MODEL: a->model = p.value; break;
    case O_FORMAT: a->json = p.choice == 1; break;
    case O_BENCH: a->bench = 1; break;
    case O_PREDICTIONS: a->predictions = p.value; break;
    case O_RUNS: a->runs = (int)p.num; break;
    case PRC_OPT_OPERAND: {
      const char *v = p.value;
      if (n == nfiles) {
        prc_cmd_usage_error(cmd, "too many arguments: '%s'", v);
        return -1;
      }
      if (!strcmp(v, "-")) {
        if (nstdin++) {
          prc_cmd_usage_error(cmd, "only one input can be standard input");
          return -1;
        }
        v = "/dev/stdin";
      }
      if (n++ == 0) a->pos1 = v;
      else a->pos2 = v;
      break;
    }
    }
  }
  if (n < nfiles) {
    prc_cmd_usage_error(cmd, "needs %s", want);
    return -1;
  }
  return 0;
}

static int train(int argc, char **argv, int kind) {
  const prc_cmd *cmd = kind == TAGGER_POS ? &prc_cmd_train_pos_spec : &prc_cmd_train_ner_spec;
  targs a;
  int r = parse(argc, argv, &a, cmd, 2, "TRAIN and DEV files");
  if (r) return r < 0 ? 2 : 0;
  if (!a.out) return prc_cmd_usage_error(cmd, "needs -o MODEL");
  precis_error err;
  tagger *pm = NULL;
  if (a.pos_model) {
    pm = prc_tagger_load_file_exact(a.pos_model, &err); /* training tags: the exact weights */
    if (!pm || prc_tagger_kind(pm) != TAGGER_POS) {
      fprintf(stderr, "precis: %s: %s\n", a.pos_model, pm ? "not a POS model" : err.message);
      prc_tagger_free(pm);
      return 1;
    }
  }
  tagger_train_opts o = {.train_path = a.pos1, .dev_path = a.pos2, .out_path = a.out,
                         .seed = a.seed, .epochs = a.epochs, .pos = pm, .verbose = a.verbose,
                         .text_dir = a.text_dir, .no_clusters = a.no_clusters,
                         .prune = a.prune, .runs = a.runs};
  double dev = 0;
  int rc = kind == TAGGER_POS ? prc_tagger_train_pos(&o, &dev, &err)
                              : prc_tagger_train_ner(&o, &dev, &err);
  prc_tagger_free(pm);
  if (rc < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
    return 1;
  }
  if (a.verbose)
    fprintf(stderr, "wrote %s (dev %s %.2f%%)\n", a.out, kind == TAGGER_POS ? "accuracy" : "F1",
            100 * dev);
  return 0;
}

int prc_cmd_train_pos(int argc, char **argv) { return train(argc, argv, TAGGER_POS); }
int prc_cmd_train_ner(int argc, char **argv) { return train(argc, argv, TAGGER_NER); }

/* Loads --model or the built-in model of the kind. */
static const tagger *get_model(const char *path, int kind, tagger **owned) {
  precis_error err;
  *owned = NULL;
  if (!path) {
    const tagger *t = prc_tagger_builtin(kind, &err);
    if (!t) fprintf(stderr, "precis: %s\n", err.message);
    return t;
  }
  tagger *t = prc_tagger_load_file(path, &err);
  if (!t) {
    fprintf(stderr, "precis: %s\n", err.message);
    return NULL;
  }
  if (prc_tagger_kind(t) != kind) {
    fprintf(stderr, "precis: %s is a %s model, not a %s model\n", path,
            prc_tagger_kind(t) == TAGGER_POS ? "POS" : "NER", kind == TAGGER_POS ? "POS" : "NER");
    prc_tagger_free(t);
    return NULL;
  }
  *owned = t;
  return t;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0; }
static double f1of(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

int prc_cmd_eval_pos(int argc, char **argv) {
  targs a;
  int r = parse(argc, argv, &a, &prc_cmd_eval_pos_spec, 1, "GOLD.conllu");
  if (r) return r < 0 ? 2 : 0;
  tagger *owned;
  const tagger *t = get_model(a.model, TAGGER_POS, &owned);
  if (!t) return 1;
  tagger_pos_eval ev;
  precis_error err;
  if (prc_tagger_eval_pos(t, a.pos1, &ev, &err) < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
    prc_tagger_free(owned);
    return 1;
  }
  double acc = ratio(ev.correct, ev.n);
  if (a.json) {
    printf("{\"n\": %zu, \"accuracy\": %.6f}\n", ev.n, acc);
  } else {
    printf("tokens: %zu\naccuracy: %.2f%%\n\n", ev.n, 100 * acc);
    printf("%-6s %7s %7s %7s %7s %7s\n", "tag", "gold", "pred", "P", "R", "F1");
    for (int i = 0; i < TAG_UPOS_COUNT; i++) {
      double p = ratio(ev.hit[i], ev.pred[i]), r = ratio(ev.hit[i], ev.gold[i]);
      printf("%-6s %7zu %7zu %6.2f%% %6.2f%% %6.2f%%\n", prc_tagger_label_name(t, i), ev.gold[i],
             ev.pred[i], 100 * p, 100 * r, 100 * f1of(p, r));
    }
  }
  if (!(a.json)) {
    printf("\nmost frequent confusions (gold -> predicted):\n");
    for (int k = 0; k < 10; k++) {
      size_t best = 0;
      int bg = -1, bp = -1;
      for (int g = 0; g < TAG_UPOS_COUNT; g++)
        for (int p = 0; p < TAG_UPOS_COUNT; p++)
          if (g != p && ev.confusion[g][p] > best) {
            best = ev.confusion[g][p];
            bg = g;
            bp = p;
          }
      if (bg < 0) break;
      printf("  %-6s -> %-6s %zu\n", prc_tagger_label_name(t, bg), prc_tagger_label_name(t, bp), best);
      ev.confusion[bg][bp] = 0;
    }
  }
  if (a.bench)
    fprintf(stderr, "speed: %.0f tokens/s (POS, one thread, CPU time)\n", ev.seconds > 0 ? ev.n / ev.seconds : 0);
  prc_tagger_free(owned);
  return 0;
}

int prc_cmd_eval_ner(int argc, char **argv) {
  targs a;
  int pr = parse(argc, argv, &a, &prc_cmd_eval_ner_spec, 1, "GOLD.txt");
  if (pr) return pr < 0 ? 2 : 0;
  tagger *owned, *owned_pos = NULL;
  const tagger *t = get_model(a.model, TAGGER_NER, &owned);
  if (!t) return 1;
  const tagger *pos = NULL;
  if (a.pos_model) {
    pos = get_model(a.pos_model, TAGGER_POS, &owned_pos);
    if (!pos) {
      prc_tagger_free(owned);
      return 1;
    }
  }
  tagger_ner_eval ev;
  precis_error err;
  FILE *pf = NULL;
  if (a.predictions && !(pf = fopen(a.predictions, "w"))) {
    fprintf(stderr, "precis: cannot write %s\n", a.predictions);
    prc_tagger_free(owned);
    prc_tagger_free(owned_pos);
    return 1;
  }
  int er = prc_tagger_eval_ner(t, pos, a.pos1, &ev, a.bench ? 10 : 1, pf, &err);
  if (pf && fclose(pf) != 0 && er == 0) {
    fprintf(stderr, "precis: cannot write %s\n", a.predictions);
    er = -2;
  }
  if (er < 0) {
    if (er == -1) fprintf(stderr, "precis: %s\n", err.message);
    prc_tagger_free(owned);
    prc_tagger_free(owned_pos);
    return 1;
  }
  size_t G = 0, P = 0, H = 0;
  for (int i = 0; i < TAG_ENT_COUNT; i++) {
    G += ev.gold[i];
    P += ev.pred[i];
    H += ev.hit[i];
  }
  double p = ratio(H, P), r = ratio(H, G), f = f1of(p, r);
  if (a.json) {
    printf("{\"p\": %.6f, \"r\": %.6f, \"f\": %.6f, \"labels\": {", p, r, f);
    for (int i = 0; i < TAG_ENT_COUNT; i++) {
      double pi = ratio(ev.hit[i], ev.pred[i]), ri = ratio(ev.hit[i], ev.gold[i]);
      printf("%s\"%s\": {\"p\": %.6f, \"r\": %.6f, \"f\": %.6f}", i ? ", " : "",
             prc_tagger_ent_name(i), pi, ri, f1of(pi, ri));
    }
    printf("}}\n");
  } else {
    printf("processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
           ev.ntokens, G, P, H);
    printf("%-8s precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", "overall", 100 * p, 100 * r,
           100 * f);
    for (int i = 0; i < TAG_ENT_COUNT; i++) {
      double pi = ratio(ev.hit[i], ev.pred[i]), ri = ratio(ev.hit[i], ev.gold[i]);
      printf("%-8s precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n", prc_tagger_ent_name(i),
             100 * pi, 100 * ri, 100 * f1of(pi, ri), ev.pred[i]);
    }
  }
  if (a.bench)
    fprintf(stderr, "speed: %.0f tokens/s (POS + NER, one thread, CPU time)\n",
            ev.seconds > 0 ? ev.ntokens / ev.seconds : 0);
  prc_tagger_free(owned);
  prc_tagger_free(owned_pos);
  return 0;
}
