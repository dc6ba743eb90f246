/* cmd_parser.c - precis train parse, precis eval parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "train/parser_train.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_OUTPUT, O_SEED, O_EPOCHS, O_PRUNE, O_POS_MODEL, O_QUIET, O_MODEL, O_FORMAT, O_BENCH, O_JACKKNIFE, O_TEXT_DIR, O_OUT, O_RUNS, O_GOLD_TAGS };

#define OPT_END {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}
#define OPT_POS_MODEL {O_POS_MODEL, 0, "pos-model", PRC_OPT_STRING, "PATH", "POS model for the tags (default: built-in)", NULL, 0, 0, 0}

static const prc_opt train_opts[] = {
    {O_OUTPUT, 'o', "output", PRC_OPT_STRING, "MODEL", "write the model to this file (required)", NULL, 0, 0, 0},
    {O_SEED, 0, "seed", PRC_OPT_U64, "N", "random seed (default 1)", NULL, 0, 0, 0},
    {O_EPOCHS, 0, "epochs", PRC_OPT_INT, "N", "training epochs, 1 to 1000 (default 15)", NULL, 1, 1000, 0},
    {O_RUNS, 0, "runs", PRC_OPT_INT, "N", "training runs (other seeds) averaged into one model, 1 to 20 (default 3)", NULL, 1, 20, 0},
    {O_PRUNE, 0, "prune", PRC_OPT_REAL, "X", "drop averaged weights below X (default 1.5)", NULL, 0, 0, 0},
    OPT_POS_MODEL,
    {O_JACKKNIFE, 0, "jackknife", PRC_OPT_INT, "K", "training tags from POS taggers trained on the other of K folds (default 10; 1 = tags of the POS model)", NULL, 1, 100, 0},
    {O_TEXT_DIR, 0, "text-dir", PRC_OPT_STRING, "DIR", "data folder for the jackknifed taggers' word clusters (default: the parent of TRAIN's folder)", NULL, 0, 0, 0},
    {O_QUIET, 'q', "quiet", PRC_OPT_FLAG, NULL, "no progress on stderr", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY, OPT_END};
static const prc_opt eval_opts[] = {
    {O_MODEL, 0, "model", PRC_OPT_STRING, "PATH", "score this parser model instead of the built-in one", NULL, 0, 0, 0},
    OPT_POS_MODEL,
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (json: one object)", "text|json", 0, 0, 0},
    {O_BENCH, 0, "bench", PRC_OPT_FLAG, NULL, "parse 10 times and print the speed on stderr", NULL, 0, 0, 0},
    {O_OUT, 'o', "output", PRC_OPT_STRING, "FILE", "also write the parses as CoNLL-U (gold columns, predicted HEAD and DEPREL)", NULL, 0, 0, 0},
    {O_GOLD_TAGS, 0, "gold-tags", PRC_OPT_FLAG, NULL, "analysis: parse with the file's gold UPOS (what tagging errors cost; not a score)", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY, OPT_END};

static const char *const train_usage[] = {"precis train parse [options] TRAIN.conllu DEV.conllu -o MODEL", NULL};
static const char *const eval_usage[] = {"precis eval parse [options] GOLD.conllu", NULL};

const prc_cmd prc_cmd_train_parse_spec = {
    "precis train parse", "train the dependency parser (Universal Dependencies CoNLL-U)", train_usage,
    "Trains on TRAIN (gold trees, with the POS tagger's tags), scores the result on DEV\n"
    "and writes MODEL.  Deterministic for a given seed.  - reads standard input.\n",
    train_opts, "Exit status: 0 trained; 1 training failed; 2 usage error.\n"};
const prc_cmd prc_cmd_eval_parse_spec = {
    "precis eval parse", "UAS and LAS of the dependency parser on a CoNLL-U file", eval_usage,
    "Parses GOLD's sentences (its tokens, the built-in POS tagger's tags -- never the\n"
    "gold tags) and prints the unlabelled and labelled attachment scores, punctuation\n"
    "included; LAS compares universal relations (subtypes ignored), as the CoNLL 2018\n"
    "shared task did, and las_full the whole relation.  - reads standard input.\n",
    eval_opts, "Exit status: 0 scored; 1 the file or a model could not be read; 2 usage error.\n"};

typedef struct pargs {
  const char *in1, *in2, *out, *model, *pos_model;
  uint64_t seed;
  const char *text_dir, *pred_out;
  int epochs, quiet, json, bench, jackknife, runs, gold_tags;
  float prune;
} pargs;

static int parse_args(int argc, char **argv, const prc_cmd *cmd, int nfiles, pargs *a) {
  memset(a, 0, sizeof *a);
  a->seed = 1;
  a->jackknife = 10;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o, n = 0;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: return -1;
    case O_HELP: prc_cmd_help(cmd, stdout); return 1;
    case O_OUTPUT: a->out = p.value; break;
    case O_SEED: a->seed = p.u64; break;
    case O_EPOCHS: a->epochs = (int)p.num; break;
    case O_RUNS: a->runs = (int)p.num; break;
    case O_PRUNE: a->prune = (float)p.real; break;
    case O_POS_MODEL: a->pos_model = p.value; break;
    case O_QUIET: a->quiet = 1; break;
    case O_MODEL: a->model = p.value; break;
    case O_FORMAT: a->json = p.choice == 1; break;
    case O_BENCH: a->bench = 1; break;
    case O_JACKKNIFE: a->jackknife = (int)p.num; break;
    case O_TEXT_DIR: a->text_dir = p.value; break;
    case O_OUT: a->pred_out = p.value; break;
    case O_GOLD_TAGS: a->gold_tags = 1; break;
    case PRC_OPT_OPERAND: {
      const char *v = !strcmp(p.value, "-") ? "/dev/stdin" : p.value;
      if (n == nfiles) {
        prc_cmd_usage_error(cmd, "too many arguments: '%s'", p.value);
        return -1;
      }
      if (n++ == 0) a->in1 = v;
      else a->in2 = v;
      break;
    }
    }
  }
  if (n < nfiles) {
    prc_cmd_usage_error(cmd, nfiles == 2 ? "needs TRAIN and DEV files" : "needs a GOLD file");
    return -1;
  }
  return 0;
}

/* exact: for training (the weights as trained; tagger.h) */
static int load_pos(const char *path, int exact, tagger **out) {
  *out = NULL;
  if (!path) return 0;
  precis_error err;
  tagger *t = exact ? prc_tagger_load_file_exact(path, &err) : prc_tagger_load_file(path, &err);
  if (!t || prc_tagger_kind(t) != TAGGER_POS) {
    fprintf(stderr, "precis: %s: %s\n", path, t ? "not a POS model" : err.message);
    prc_tagger_free(t);
    return -1;
  }
  *out = t;
  return 0;
}

static double frac(size_t a, size_t n) { return n ? (double)a / (double)n : 0.0; }

int prc_cmd_train_parse(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_train_parse_spec;
  pargs a;
  int r = parse_args(argc, argv, cmd, 2, &a);
  if (r) return r < 0 ? 2 : 0;
  if (!a.out) return prc_cmd_usage_error(cmd, "needs -o MODEL");
  tagger *pos;
  if (load_pos(a.pos_model, 1, &pos) < 0) return 1;
  parser_train_opts o = {a.in1, a.in2, a.out, a.seed, a.epochs, pos, a.jackknife, a.text_dir, a.prune, !a.quiet, a.runs};
  parser_eval ev;
  precis_error err;
  int rc = prc_parser_train(&o, &ev, &err);
  prc_tagger_free(pos);
  if (rc < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
    return 1;
  }
  if (!a.quiet)
    fprintf(stderr, "wrote %s: dev UAS %.2f LAS %.2f (%zu tokens)\n", a.out, 100 * frac(ev.uas, ev.n),
            100 * frac(ev.las, ev.n), ev.n);
  return 0;
}

int prc_cmd_eval_parse(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_parse_spec;
  pargs a;
  int r = parse_args(argc, argv, cmd, 1, &a);
  if (r) return r < 0 ? 2 : 0;
  precis_error err;
  tagger *pos;
  if (load_pos(a.pos_model, 0, &pos) < 0) return 1;
  if (!pos && !prc_tagger_builtin(TAGGER_POS, &err)) {
    fprintf(stderr, "precis: %s\n", err.message);
    return 1;
  }
  parser *pm = NULL;
  const parser *p;
  if (a.model) {
    p = pm = prc_parser_load_file(a.model, &err);
  } else {
    p = prc_parser_builtin(&err);
  }
  if (!p) {
    fprintf(stderr, "precis: %s%s%s\n", a.model ? a.model : "", a.model ? ": " : "", err.message);
    prc_tagger_free(pos);
    return 1;
  }
  parser_eval ev;
  int rc = 0;
  ud_corpus c;
  if (prc_ud_read(a.in1, &c, &err) < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
    prc_parser_free(pm);
    prc_tagger_free(pos);
    return 1;
  }
  int32_t *ph = malloc(c.ntok * sizeof *ph);
  uint8_t *pr = malloc(c.ntok);
  if (!ph || !pr) {
    fprintf(stderr, "precis: out of memory\n");
    return 1;
  }
  prc_parser_eval_corpus(p, a.gold_tags ? PRC_PARSER_GOLD_TAGS : pos, &c, a.bench ? 10 : 1, &ev, ph, pr);
  prc_parser_free(pm);
  prc_tagger_free(pos);
  if (a.json)
    printf("{\"n\": %zu, \"uas\": %.6f, \"las\": %.6f, \"las_full\": %.6f, \"sentences\": %zu}\n", ev.n,
           frac(ev.uas, ev.n), frac(ev.las, ev.n), frac(ev.las_full, ev.n), ev.nsent);
  else
    printf("tokens %zu, sentences %zu\nUAS %.2f\nLAS %.2f\nLAS (full relations) %.2f\n", ev.n, ev.nsent,
           100 * frac(ev.uas, ev.n), 100 * frac(ev.las, ev.n), 100 * frac(ev.las_full, ev.n));
  if (!a.json) { /* the commonest errors, by gold relation */
    static size_t tot[PRC_DEP_COUNT], badh[PRC_DEP_COUNT], conf[PRC_DEP_COUNT][PRC_DEP_COUNT];
    for (size_t i = 0; i < c.ntok; i++) {
      int g = prc_dep_id(c.labels[c.rel[i]], strlen(c.labels[c.rel[i]]));
      tot[g]++;
      if (ph[i] != c.head[i]) badh[g]++;
      else if (pr[i] != g) conf[g][pr[i]]++;
    }
    printf("\nby gold relation (tokens, wrong head %%, commonest wrong label when the head is right):\n");
    for (int g = 1; g < PRC_DEP_COUNT; g++) {
      if (tot[g] < 20) continue;
      int best = 0;
      for (int q = 1; q < PRC_DEP_COUNT; q++)
        if (conf[g][q] > conf[g][best]) best = q;
      printf("  %-14s %6zu  %5.1f%%", prc_dep_name(g), tot[g], 100.0 * (double)badh[g] / (double)tot[g]);
      if (conf[g][best]) printf("   -> %s %zu", prc_dep_name(best), conf[g][best]);
      printf("\n");
    }
  }
  if (a.pred_out) {
    FILE *f = fopen(a.pred_out, "w");
    if (!f) {
      fprintf(stderr, "precis: cannot write %s\n", a.pred_out);
      rc = 1;
    } else {
      for (size_t s = 0; s < c.nsent; s++) {
        for (size_t i = c.sent[s]; i < c.sent[s + 1]; i++)
          fprintf(f, "%zu\t%s\t_\t%s\t_\t_\t%d\t%s\t_\t_\n", i - c.sent[s] + 1, c.text + c.off[i],
                  prc_ud_upos_name(c.upos[i]), ph[i] + 1, prc_dep_name(pr[i]));
        fputc('\n', f);
      }
      if (fclose(f) != 0) rc = 1;
    }
  }
  free(ph);
  free(pr);
  prc_ud_free(&c);
  if (a.bench)
    fprintf(stderr, "parsing: %.0f tokens/s (best of 10 passes, one thread, CPU time, tagging excluded)\n",
            ev.seconds > 0 ? (double)ev.n / ev.seconds : 0.0);
  return rc;
}
