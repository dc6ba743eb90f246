/* cmd_kp_train.c - precis train keypoints: the learned key-point scorer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "rouge_io.h"
#include "util.h"
#include "train/kp_train.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_OUTPUT, O_SEED, O_EPOCHS, O_PRUNE, O_FOLDS, O_PREDICT, O_FORMAT, O_QUIET };

static const prc_opt kp_opts[] = {
    {O_OUTPUT, 'o', "output", PRC_OPT_STRING, "MODEL", "write the model trained on every article to this file", NULL, 0, 0, 0},
    {O_FOLDS, 0, "folds", PRC_OPT_INT, "K", "cross-validate by article with K folds, 2 to 20 (default: none)", NULL, 2, 20, 0},
    {O_PREDICT, 0, "predict-out", PRC_OPT_STRING, "DIR", "with --folds: write the held-out key points to DIR/<corpus file name>", NULL, 0, 0, 0},
    {O_SEED, 0, "seed", PRC_OPT_U64, "N", "random seed (default 1)", NULL, 0, 0, 0},
    {O_EPOCHS, 0, "epochs", PRC_OPT_INT, "N", "training epochs, 1 to 1000 (default 10)", NULL, 1, 1000, 0},
    {O_PRUNE, 0, "prune", PRC_OPT_REAL, "X", "drop averaged weights below X (default 0.02)", NULL, 0, 0, 0},
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "the cross-validation figures as a table (text) or JSON", "text|json", 0, 0, 0},
    {O_QUIET, 'q', "quiet", PRC_OPT_FLAG, NULL, "no progress on stderr", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const kp_usage[] = {"precis train keypoints [options] CORPUS.jsonl... [-o MODEL] [--folds K]", NULL};

const prc_cmd prc_cmd_train_keypoints_spec = {
    "precis train keypoints", "train the key-point scorer on summarisation corpora (oracle labels)",
    kp_usage,
    "Each CORPUS is JSONL with \"article\" (or \"text\") and a reference summary (\"highlights\"\n"
    "or \"summary\").  Labels are the greedy ROUGE oracle over the key-point candidates.\n"
    "With --folds K, prints the cross-validated ROUGE F of each corpus (every article scored by\n"
    "a model that never saw it, run through the real engine); with -o, writes the model\n"
    "trained on every article.  Deterministic for a given seed (docs/keypoints.md).\n",
    kp_opts, "Exit status: 0 trained; 1 training failed; 2 usage error.\n"};

int prc_cmd_train_keypoints(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_train_keypoints_spec;
  kp_train_opts o;
  memset(&o, 0, sizeof o);
  o.seed = 1;
  o.verbose = 1;
  int json = 0;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) return 1;
  int nfiles = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int r;
  while ((r = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (r) {
    case PRC_OPT_ERROR: free(files); return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); free(files); return 0;
    case O_OUTPUT: o.out_path = p.value; break;
    case O_SEED: o.seed = p.u64; break;
    case O_EPOCHS: o.epochs = (int)p.num; break;
    case O_PRUNE: o.prune = (float)p.real; break;
    case O_FOLDS: o.folds = (int)p.num; break;
    case O_PREDICT: o.predict_dir = p.value; break;
    case O_FORMAT: json = p.choice == 1; break;
    case O_QUIET: o.verbose = 0; break;
    case PRC_OPT_OPERAND: files[nfiles++] = p.value; break;
    }
  }
  int rc = 2;
  if (!nfiles) {
    rc = prc_cmd_usage_error(cmd, "needs at least one CORPUS");
  } else if (!o.out_path && !o.folds) {
    rc = prc_cmd_usage_error(cmd, "needs -o MODEL or --folds K (or both)");
  } else if (o.predict_dir && !o.folds) {
    rc = prc_cmd_usage_error(cmd, "--predict-out needs --folds");
  } else if (o.predict_dir && prc_cli_make_dir(o.predict_dir) < 0) {
    /* before minutes of training, not after them */
    fprintf(stderr, "precis: cannot create %s: %s\n", o.predict_dir, strerror(errno));
    rc = 1;
  } else {
    rc = 1;
    rio_docs *docs = calloc((size_t)nfiles, sizeof *docs);
    size_t total = 0;
    int ok = docs != NULL;
    for (int i = 0; ok && i < nfiles; i++) {
      if (prc_rio_load_docs(files[i], &docs[i], "precis train keypoints", RIO_NEED_SUMMARY | RIO_NEED_ARTICLE)) ok = 0;
      else total += docs[i].n;
    }
    kp_train_doc *td = ok ? calloc(total + 1, sizeof *td) : NULL;
    kp_cv_result *cv = ok ? calloc((size_t)nfiles, sizeof *cv) : NULL;
    if (ok && td && cv) {
      size_t k = 0;
      for (int i = 0; i < nfiles; i++)
        for (size_t j = 0; j < docs[i].n; j++, k++) {
          td[k].id = docs[i].docs[j].id;
          td[k].article = docs[i].docs[j].article;
          td[k].alen = docs[i].docs[j].article_len;
          td[k].ref = docs[i].docs[j].text;
          td[k].rlen = docs[i].docs[j].len;
          td[k].file = i;
        }
      o.docs = td;
      o.ndocs = total;
      o.files = files;
      o.nfiles = nfiles;
      precis_error err;
      if (prc_kp_train(&o, cv, &err) < 0) {
        fprintf(stderr, "precis: %s\n", err.message);
      } else {
        rc = 0;
        if (o.folds && json) {
          printf("{\"folds\":%d,\"seed\":%llu,\"corpora\":[", o.folds, (unsigned long long)o.seed);
          for (int i = 0; i < nfiles; i++)
            printf("%s{\"file\":\"%s\",\"docs\":%zu,\"rouge1\":%.6f,\"rouge2\":%.6f,\"rougeL\":%.6f,\"rougeLsum\":%.6f,"
                   "\"points\":%.4f}",
                   i ? "," : "", files[i], cv[i].docs, cv[i].r1, cv[i].r2, cv[i].rl, cv[i].rlsum, cv[i].points);
          printf("]}\n");
        } else if (o.folds) {
          printf("cross-validated key points (%d folds by article, seed %llu), ROUGE F %%\n", o.folds,
                 (unsigned long long)o.seed);
          printf("%-36s %6s %7s %7s %7s %7s %7s\n", "corpus", "docs", "R1", "R2", "RL", "RLsum", "points");
          for (int i = 0; i < nfiles; i++)
            printf("%-36s %6zu %7.2f %7.2f %7.2f %7.2f %7.2f\n", files[i], cv[i].docs, 100 * cv[i].r1, 100 * cv[i].r2,
                   100 * cv[i].rl, 100 * cv[i].rlsum, cv[i].points);
        }
      }
    } else if (ok) {
      fprintf(stderr, "precis: out of memory\n");
    }
    free(td);
    free(cv);
    for (int i = 0; docs && i < nfiles; i++) prc_rio_docs_free(&docs[i]);
    free(docs);
  }
  free(files);
  return rc;
}
