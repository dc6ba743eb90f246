/* cmd_attrib_train.c - precis train attrib: the learned speech-cue tagger and content-end scorer. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "train/cue_train.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_OUTPUT, O_SEED, O_EPOCHS, O_PRUNE, O_QUIET, O_POS_MODEL, O_RUNS, O_NO_ENDS };

static const prc_opt train_opts[] = {
    {O_OUTPUT, 'o', "output", PRC_OPT_STRING, "MODEL", "write the model to this file (required)", NULL, 0, 0, 0},
    {O_SEED, 0, "seed", PRC_OPT_U64, "N", "random seed (default 1)", NULL, 0, 0, 0},
    {O_EPOCHS, 0, "epochs", PRC_OPT_INT, "N", "training epochs, 1 to 1000 (default 6)", NULL, 1, 1000, 0},
    {O_PRUNE, 0, "prune", PRC_OPT_REAL, "X", "drop averaged weights below X (default 2)", NULL, 0, 0, 0},
    {O_RUNS, 0, "runs", PRC_OPT_INT, "N", "training runs (other seeds) averaged into the model, 1 to 20 (default 5)", NULL, 1, 20, 0},
    {O_NO_ENDS, 0, "no-ends", PRC_OPT_FLAG, NULL, "leave out the content-end scorer (the rules' ends stay)", NULL, 0, 0, 0},
    {O_POS_MODEL, 0, "pos-model", PRC_OPT_STRING, "PATH", "POS model for the tags (default: built-in)", NULL, 0, 0, 0},
    {O_QUIET, 'q', "quiet", PRC_OPT_FLAG, NULL, "no progress on stderr", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const train_usage[] = {"precis train attrib [options] TRAIN_DIR DEV_DIR -o MODEL", NULL};

const prc_cmd prc_cmd_train_attrib_spec = {
    "precis train attrib", "train the attribution model (speech cues) on PolNeAR-style brat annotations",
    train_usage,
    "TRAIN_DIR and DEV_DIR hold text/<article>.txt and attributions/<article>_<annotator>.ann\n"
    "(brat standoff, offsets in code points); the first .ann file of each article (file-name\n"
    "order) is used.  Trains the cue tagger on TRAIN_DIR, scores its cue spans on DEV_DIR,\n"
    "then trains the content-end scorer on TRAIN_DIR with the engine running that tagger,\n"
    "and writes both to MODEL.\n"
    "Deterministic for a given seed.\n",
    train_opts, "Exit status: 0 trained; 1 training failed; 2 usage error.\n"};

int prc_cmd_train_attrib(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_train_attrib_spec;
  cue_train_opts o;
  memset(&o, 0, sizeof o);
  o.seed = 1;
  o.verbose = 1;
  const char *pos_path = NULL;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int r, n = 0;
  while ((r = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (r) {
    case PRC_OPT_ERROR: return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); return 0;
    case O_OUTPUT: o.out_path = p.value; break;
    case O_SEED: o.seed = p.u64; break;
    case O_EPOCHS: o.epochs = (int)p.num; break;
    case O_PRUNE: o.prune = (float)p.real; break;
    case O_RUNS: o.runs = (int)p.num; break;
    case O_NO_ENDS: o.no_ends = 1; break;
    case O_QUIET: o.verbose = 0; break;
    case O_POS_MODEL: pos_path = p.value; break;
    case PRC_OPT_OPERAND:
      if (n == 2) return prc_cmd_usage_error(cmd, "too many arguments: '%s'", p.value);
      if (n++ == 0) o.train_dir = p.value;
      else o.dev_dir = p.value;
      break;
    }
  }
  if (n < 2) return prc_cmd_usage_error(cmd, "needs TRAIN_DIR and DEV_DIR");
  if (!o.out_path) return prc_cmd_usage_error(cmd, "needs -o MODEL");
  cue_eval ev;
  precis_error err;
  precis_model *pos = NULL;
  if (pos_path) {
    pos = precis_model_load(pos_path, &err);
    if (!pos || strcmp(precis_model_kind(pos), "pos")) {
      fprintf(stderr, "precis: %s: %s\n", pos_path, pos ? "not a POS model" : err.message);
      precis_model_free(pos);
      return 1;
    }
  }
  o.pos_model = pos;
  int rc = prc_cue_train(&o, &ev, &err);
  precis_model_free(pos);
  if (rc < 0) {
    fprintf(stderr, "precis: %s\n", err.message);
    return 1;
  }
  if (o.verbose)
    fprintf(stderr, "wrote %s: dev cue spans exact F %.2f (%zu gold, %zu found, %zu right)\n", o.out_path,
            ev.gold + ev.pred ? 200.0 * (double)ev.match / (double)(ev.gold + ev.pred) : 0, ev.gold, ev.pred,
            ev.match);
  return 0;
}
