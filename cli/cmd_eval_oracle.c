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
#include "precis.h"
#include "eval/rouge.h"
#include "rouge_io.h"

static const char *ORACLE_USAGE =
    "usage: precis eval oracle REFS [-n N] [--no-stem] [--format json|text]\n"
    "  REFS        JSONL with \"article\" (or \"text\") and \"highlights\" (or \"summary\")\n"
    "  -n N        at most N sentences per summary (default 3)\n"
    "  --no-stem   do not Porter-stem tokens\n"
    "  --format F  text (default) or json\n";

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

int cmd_eval_oracle(int argc, char **argv) {
  const char *path = NULL;
  int maxn = 3, stem = 1, json = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-n") || !strncmp(a, "--n=", 4)) {
      const char *v = a[1] == 'n' ? (i + 1 < argc ? argv[++i] : NULL) : a + 4;
      char *e = NULL;
      long n = v ? strtol(v, &e, 10) : 0;
      if (!v || !*v || *e || n < 1 || n > 1000) {
        fprintf(stderr, "precis eval oracle: -n takes a number from 1 to 1000\n%s", ORACLE_USAGE);
        return 2;
      }
      maxn = (int)n;
    } else if (!strcmp(a, "--no-stem")) {
      stem = 0;
    } else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
      const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
      if (v && !strcmp(v, "json")) json = 1;
      else if (v && !strcmp(v, "text")) json = 0;
      else {
        fprintf(stderr, "precis eval oracle: --format takes json or text\n%s", ORACLE_USAGE);
        return 2;
      }
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(ORACLE_USAGE, stdout);
      return 0;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "precis eval oracle: unknown option %s\n%s", a, ORACLE_USAGE);
      return 2;
    } else if (!path) {
      path = a;
    } else {
      fprintf(stderr, "precis eval oracle: too many arguments\n%s", ORACLE_USAGE);
      return 2;
    }
  }
  if (!path) {
    fputs(ORACLE_USAGE, stderr);
    return 2;
  }
  rio_docs docs;
  if (rio_load_docs(path, &docs, "precis eval oracle", RIO_NEED_SUMMARY | RIO_NEED_ARTICLE))
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
    rio_print_rouge(stdout, &m, mean.n, json, note);
  }
  prc_rouge_ctx_free(ctx);
  rio_docs_free(&docs);
  return rc;
}
