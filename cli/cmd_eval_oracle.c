/* cmd_eval_oracle.c - precis eval oracle REFS [-n N] [--no-stem] [--format json|text]
 *
 * The greedy extractive oracle: for each JSONL article ("article" or "text",
 * references in "highlights" / "summary"), split it into sentences with
 * precis_analyze, then repeatedly add the sentence that most increases
 * mean(ROUGE-1 F, ROUGE-2 F) of the selection (kept in document order,
 * joined by '\n') against the reference, until no sentence increases it or
 * N sentences are chosen (default 3).  Prints the ROUGE of the oracle
 * summaries, averaged over articles, like "precis eval rouge".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "opt.h"
#include "precis.h"
#include "eval/rouge.h"
#include "rouge_io.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_N, O_NO_STEM, O_FORMAT };

static const prc_opt oracle_opts[] = {
    {O_N, 'n', "n", PRC_OPT_INT, "N", "at most N sentences per summary (default 3)", NULL, 1, 1000, 0},
    {O_NO_STEM, 0, "no-stem", PRC_OPT_FLAG, NULL, "do not Porter-stem tokens", NULL, 0, 0, 0},
    {O_FORMAT, 0, "format", PRC_OPT_CHOICE, "FMT", "output format (text: a table of percentages; json: fractions)", "text|json", 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const oracle_usage[] = {"precis eval oracle [options] REFS", NULL};

const prc_cmd prc_cmd_eval_oracle_spec = {
    "precis eval oracle",
    "ROUGE of the greedy extractive oracle (an upper bound for extraction)",
    oracle_usage,
    "REFS is JSONL with \"article\" (or \"text\") and \"highlights\" (or \"summary\");\n"
    "- reads standard input.\n",
    oracle_opts,
    "Exit status: 0 scored; 1 the input could not be read or used; 2 usage error.\n"};

typedef struct osent {
  const char *text; /* bytes of the analysed text */
  size_t len;
  size_t tok_start, tok_len; /* into the article's token array */
} osent;

/* Byte offset of each code point (ncp + 1 entries). */
static size_t *cp_offsets(const char *t, size_t len, size_t ncp) {
  size_t *off = malloc((ncp + 2) * sizeof *off);
  if (!off) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len && k <= ncp; i++)
    if (((unsigned char)t[i] & 0xC0) != 0x80) off[k++] = i;
  while (k <= ncp + 1) off[k++] = len;
  return off;
}

/* Score of a selection: mean of ROUGE-1 F and ROUGE-2 F. */
static double sel_score(rouge_ctx *ctx, const rouge_tokens *ref, const rouge_tokens *arttok,
                        const osent *s, const int *chosen, size_t ns, rouge_tokens *buf) {
  buf->n = 0;
  for (size_t i = 0; i < ns; i++)
    if (chosen[i] && prc_rouge_tokens_append(buf, arttok->ids + s[i].tok_start, s[i].tok_len))
      return -1;
  rouge_prf r1 = prc_rouge_ngram_prf(ctx, ref->ids, ref->n, buf->ids, buf->n, 1);
  rouge_prf r2 = prc_rouge_ngram_prf(ctx, ref->ids, ref->n, buf->ids, buf->n, 2);
  return (r1.f + r2.f) / 2;
}

/* Build the oracle summary of one document into *out (joined by '\n').
 * Returns the number of sentences chosen, or -1 on failure. */
static int oracle_doc(rouge_ctx *ctx, const rio_doc *d, int maxn, char **out, size_t *outlen) {
  *out = NULL;
  *outlen = 0;
  precis_options o;
  precis_options_init(&o);
  o.flags |= PRECIS_OPT_NO_TAGGER; /* sentences only are needed */
  precis_doc *pd = precis_analyze(d->article, d->article_len, &o);
  if (!pd) return -1;
  size_t tlen;
  const char *text = precis_doc_text(pd, &tlen);
  const precis_sentence *ps;
  size_t ns = precis_doc_sentences(pd, &ps);
  size_t *off = cp_offsets(text ? text : "", text ? tlen : 0, precis_doc_length(pd));
  osent *s = calloc(ns ? ns : 1, sizeof *s);
  int *chosen = calloc(ns ? ns : 1, sizeof *chosen);
  rouge_tokens ref = {0}, art = {0}, buf = {0};
  int rc = -1, nchosen = 0;
  if (!off || !s || !chosen) goto done;
  if (prc_rouge_tokenize(ctx, d->text, d->len, &ref)) goto done;
  for (size_t i = 0; i < ns; i++) {
    size_t a = off[ps[i].span.start], b = off[ps[i].span.end];
    s[i].text = text + a;
    s[i].len = b - a;
    s[i].tok_start = art.n;
    if (prc_rouge_tokenize(ctx, s[i].text, s[i].len, &art)) goto done;
    s[i].tok_len = art.n - s[i].tok_start;
  }
  double best_so_far = 0;
  while (nchosen < maxn) {
    long best = -1;
    double best_score = best_so_far;
    for (size_t i = 0; i < ns; i++) {
      if (chosen[i] || s[i].tok_len == 0) continue;
      chosen[i] = 1;
      double sc = sel_score(ctx, &ref, &art, s, chosen, ns, &buf);
      chosen[i] = 0;
      if (sc < 0) goto done;
      if (sc > best_score) { /* strictly better; ties keep the earlier sentence */
        best_score = sc;
        best = (long)i;
      }
    }
    if (best < 0) break;
    chosen[best] = 1;
    best_so_far = best_score;
    nchosen++;
  }
  /* The summary: chosen sentences in document order, one a line (a
   * sentence's own line breaks become spaces so it stays one sentence). */
  size_t total = 1;
  for (size_t i = 0; i < ns; i++)
    if (chosen[i]) total += s[i].len + 1;
  char *sum = malloc(total);
  if (!sum) goto done;
  size_t k = 0;
  for (size_t i = 0; i < ns; i++) {
    if (!chosen[i]) continue;
    if (k) sum[k++] = '\n';
    for (size_t j = 0; j < s[i].len; j++) {
      char c = s[i].text[j];
      sum[k++] = (c == '\n' || c == '\r') ? ' ' : c;
    }
  }
  sum[k] = '\0';
  *out = sum;
  *outlen = k;
  rc = nchosen;
done:
  prc_rouge_tokens_free(&ref);
  prc_rouge_tokens_free(&art);
  prc_rouge_tokens_free(&buf);
  free(off);
  free(s);
  free(chosen);
  precis_doc_free(pd);
  return rc;
}

int prc_cmd_eval_oracle(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_eval_oracle_spec;
  const char *path = NULL;
  int maxn = 3, stem = 1, json = 0;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); return 0;
    case O_N: maxn = (int)p.num; break;
    case O_NO_STEM: stem = 0; break;
    case O_FORMAT: json = p.choice == 1; break;
    case PRC_OPT_OPERAND:
      if (path) return prc_cmd_usage_error(cmd, "too many arguments: '%s'", p.value);
      path = p.value;
      break;
    }
  }
  if (!path) return prc_cmd_usage_error(cmd, "needs REFS");
  rio_docs docs;
  if (prc_rio_load_docs(path, &docs, "precis eval oracle", RIO_NEED_SUMMARY | RIO_NEED_ARTICLE))
    return 1;
  rouge_ctx *ctx = prc_rouge_ctx_new(stem);
  rouge_mean mean = {0};
  int rc = ctx ? 0 : 1;
  for (size_t i = 0; ctx && i < docs.n; i++) {
    char *sum;
    size_t sl;
    rouge_scores sc;
    if (oracle_doc(ctx, &docs.docs[i], maxn, &sum, &sl) < 0 ||
        prc_rouge_score_ctx(ctx, docs.docs[i].text, docs.docs[i].len, sum, sl, &sc)) {
      free(sum);
      rc = 1;
      break;
    }
    free(sum);
    prc_rouge_mean_add(&mean, &sc);
  }
  if (rc) {
    fprintf(stderr, "precis eval oracle: out of memory\n");
  } else if (!mean.n) {
    fprintf(stderr, "precis eval oracle: no documents in %s\n", path);
    rc = 1;
  } else {
    rouge_scores m = prc_rouge_mean_get(&mean);
    char note[64];
    snprintf(note, sizeof note, "greedy oracle, up to %d sentences, %s", maxn,
             stem ? "stemming on" : "stemming off");
    prc_rio_print_rouge(stdout, &m, mean.n, json, note);
  }
  prc_rouge_ctx_free(ctx);
  prc_rio_docs_free(&docs);
  return rc;
}
