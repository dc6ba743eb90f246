/* cmd_tagger.c - precis train pos|ner, precis eval pos|ner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "train/train.h"

typedef struct targs {
  const char *pos1, *pos2, *out, *model, *pos_model, *format, *text_dir;
  uint64_t seed;
  int epochs, verbose, bench, no_clusters;
  float prune;
} targs;

static int parse(int argc, char **argv, targs *a, const char *usage) {
  memset(a, 0, sizeof *a);
  a->seed = 1;
  a->verbose = 1;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED()                                                       \
  do {                                                               \
    if (!next) {                                                     \
      fprintf(stderr, "precis: %s needs a value\nusage: %s\n", s, usage); \
      return -1;                                                     \
    }                                                                \
    i++;                                                             \
  } while (0)
    if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
      NEED();
      a->out = next;
    } else if (!strcmp(s, "--model")) {
      NEED();
      a->model = next;
    } else if (!strcmp(s, "--pos-model")) {
      NEED();
      a->pos_model = next;
    } else if (!strcmp(s, "--format")) {
      NEED();
      a->format = next;
      if (strcmp(next, "json") && strcmp(next, "text")) {
        fprintf(stderr, "precis: unknown format '%s' (json or text)\n", next);
        return -1;
      }
    } else if (!strcmp(s, "--seed")) {
      NEED();
      char *e;
      a->seed = strtoull(next, &e, 10);
      if (*e || !*next) {
        fprintf(stderr, "precis: bad --seed '%s'\n", next);
        return -1;
      }
    } else if (!strcmp(s, "--epochs")) {
      NEED();
      char *e;
      long v = strtol(next, &e, 10);
      if (*e || v < 1 || v > 1000) {
        fprintf(stderr, "precis: bad --epochs '%s'\n", next);
        return -1;
      }
      a->epochs = (int)v;
    } else if (!strcmp(s, "-q") || !strcmp(s, "--quiet")) {
      a->verbose = 0;
    } else if (!strcmp(s, "-v") || !strcmp(s, "--verbose")) {
      a->verbose = 2;
    } else if (!strcmp(s, "--text-dir")) {
      NEED();
      a->text_dir = next;
    } else if (!strcmp(s, "--prune")) {
      NEED();
      char *e;
      a->prune = strtof(next, &e);
      if (*e || !*next || !(a->prune >= 0)) {
        fprintf(stderr, "precis: bad --prune '%s'\n", next);
        return -1;
      }
    } else if (!strcmp(s, "--no-clusters")) {
      a->no_clusters = 1;
    } else if (!strcmp(s, "--bench")) {
      a->bench = 1;
    } else if (s[0] == '-' && s[1]) {
      fprintf(stderr, "precis: unknown option '%s'\nusage: %s\n", s, usage);
      return -1;
    } else if (!a->pos1) {
      a->pos1 = s;
    } else if (!a->pos2) {
      a->pos2 = s;
    } else {
      fprintf(stderr, "precis: too many arguments\nusage: %s\n", usage);
      return -1;
    }
#undef NEED
  }
  return 0;
}

static int train(int argc, char **argv, int kind) {
  const char *usage = kind == TAGGER_POS
                          ? "precis train pos TRAIN.conllu DEV.conllu -o MODEL [--seed N] [--epochs N] [--text-dir DIR] [--no-clusters] [-q|-v]"
                          : "precis train ner TRAIN.txt DEV.txt -o MODEL [--seed N] [--epochs N] [--pos-model PATH] [-q|-v]";
  targs a;
  if (parse(argc, argv, &a, usage) < 0) return 2;
  if (!a.pos1 || !a.pos2 || !a.out) {
    fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  precis_error err;
  tagger *pm = NULL;
  if (a.pos_model) {
    pm = prc_tagger_load_file(a.pos_model, &err);
    if (!pm || prc_tagger_kind(pm) != TAGGER_POS) {
      fprintf(stderr, "precis: %s: %s\n", a.pos_model, pm ? "not a POS model" : err.message);
      prc_tagger_free(pm);
      return 1;
    }
  }
  tagger_train_opts o = {.train_path = a.pos1, .dev_path = a.pos2, .out_path = a.out,
                         .seed = a.seed, .epochs = a.epochs, .pos = pm, .verbose = a.verbose,
                         .text_dir = a.text_dir, .no_clusters = a.no_clusters,
                         .prune = a.prune};
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

int cmd_train_pos(int argc, char **argv) { return train(argc, argv, TAGGER_POS); }
int cmd_train_ner(int argc, char **argv) { return train(argc, argv, TAGGER_NER); }

/* Loads --model or the built-in model of the kind. */
static const tagger *get_model(const char *path, int kind, tagger **owned) {
  precis_error err;
  *owned = NULL;
  if (!path) {
    const tagger *t = kind == TAGGER_POS ? prc_tagger_builtin_pos() : prc_tagger_builtin_ner();
    if (!t) fprintf(stderr, "precis: %s\n", prc_tagger_builtin_error(kind)->message);
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

int cmd_eval_pos(int argc, char **argv) {
  const char *usage = "precis eval pos GOLD.conllu [--model PATH] [--format json] [--bench]";
  targs a;
  if (parse(argc, argv, &a, usage) < 0) return 2;
  if (!a.pos1 || a.pos2) {
    fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
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
  if (a.format && !strcmp(a.format, "json")) {
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
  if (!(a.format && !strcmp(a.format, "json"))) {
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

int cmd_eval_ner(int argc, char **argv) {
  const char *usage =
      "precis eval ner GOLD.txt [--model PATH] [--pos-model PATH] [--format json] [--bench]";
  targs a;
  if (parse(argc, argv, &a, usage) < 0) return 2;
  if (!a.pos1 || a.pos2) {
    fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
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
  if (prc_tagger_eval_ner(t, pos, a.pos1, &ev, a.bench ? 10 : 1, &err) < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
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
  if (a.format && !strcmp(a.format, "json")) {
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
