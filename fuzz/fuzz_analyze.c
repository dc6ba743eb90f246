/* fuzz_analyze.c - libFuzzer target: the whole pipeline on arbitrary bytes.
 *
 * Each input is
 *   1. analysed as text (options picked from its first byte, the tokens
 *      kept or not), every span checked against the text, every parsed
 *      sentence one tree, and rendered in all five formats: each must be
 *      valid UTF-8 and the JSON ones must parse;
 *   2. read as HTML through precis_extract (the main text) and analysed;
 *   3. read as a JSONL stream through the CLI's own reader (cli/cmd_analyze.c
 *      is compiled in): one output line per non-blank input line, each a
 *      JSON object (a document or an error record).
 * A broken invariant aborts, so libFuzzer keeps the input.
 *
 *   make fuzz FUZZ_SECONDS=300
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* cli/cmd_analyze.c (compiled in below) counts cores with sched_getaffinity */
#endif
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

/* The CLI's reader writes a line to stderr per bad JSONL line: send those
 * to a null stream (sanitizer reports go to fd 2 directly, unaffected). */
static FILE *quiet;
#undef stderr
#define stderr quiet
#include "../cli/cmd_analyze.c"
#include "../cli/demo.c"
#include "../cli/opt.c"
#include "../cli/util.c"
#undef stderr
#define stderr stderr

#define CHECK(c)                                                                     \
  do {                                                                               \
    if (!(c)) {                                                                      \
      fprintf(stderr, "fuzz_analyze: %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      abort();                                                                       \
    }                                                                                \
  } while (0)

/* cmd_analyze.c's --list-options lists the commands of cli/main.c */
void prc_cli_list_all_options(FILE *f) { (void)f; }

static int valid_utf8(const char *s, size_t n) { return prc_utf8_valid(s, n); }

static void check_span(precis_span sp, size_t ncp) { CHECK(sp.start <= sp.end && sp.end <= ncp); }

static void check_text(precis_text t, size_t ncp) {
  if (!t.text) return;
  check_span(t.span, ncp);
  CHECK(valid_utf8(t.text, strlen(t.text)));
}

static void check_doc(const precis_doc *d) {
  size_t len, ncp = precis_doc_length(d);
  const char *text = precis_doc_text(d, &len);
  CHECK(text && strlen(text) == len && valid_utf8(text, len));

  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  for (size_t i = 0; i < ns; i++) {
    check_span(s[i].span, ncp);
    if (i) CHECK(s[i - 1].span.end <= s[i].span.start && s[i - 1].paragraph <= s[i].paragraph);
  }
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  for (size_t i = 0; i < nk; i++) {
    check_span(k[i].span, ncp);
    CHECK(k[i].text && k[i].claim && k[i].sentence >= 0 && (size_t)k[i].sentence < ns);
  }
  const precis_entity *e;
  size_t ne = precis_doc_entities(d, &e);
  for (size_t i = 0; i < ne; i++) {
    CHECK(e[i].name && valid_utf8(e[i].name, strlen(e[i].name)));
    for (size_t m = 0; m < e[i].nmentions; m++) check_span(e[i].mentions[m], ncp);
  }
  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  for (size_t i = 0; i < nq; i++) {
    check_text(q[i].cue, ncp);
    check_text(q[i].source, ncp);
    CHECK(q[i].entity >= -1 && (q[i].entity < 0 || (size_t)q[i].entity < ne));
    for (size_t c = 0; c < q[i].ncontent; c++) check_text(q[i].content[c], ncp);
  }
  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  for (size_t i = 0; i < nf; i++) {
    check_span(f[i].span, ncp);
    CHECK(f[i].text && f[i].sentence >= 0 && (size_t)f[i].sentence < ns);
  }
  const precis_text *h;
  size_t nh = precis_doc_headings(d, &h);
  for (size_t i = 0; i < nh; i++) check_text(h[i], ncp);
  /* tokens: spans in order; heads in the same sentence; one root per parsed
   * sentence (counted in roots[]; a sentence's tokens are contiguous) */
  const precis_token *t;
  size_t nt = precis_doc_tokens(d, &t);
  size_t last = 0, roots = 0;
  int cur = -1, cur_parsed = 0;
  for (size_t i = 0; i <= nt; i++) {
    if (i == nt || t[i].sentence != cur) {
      if (cur >= 0) CHECK(roots == (size_t)cur_parsed);
      if (i == nt) break;
      cur = t[i].sentence;
      cur_parsed = t[i].head != PRECIS_NO_HEAD;
      roots = 0;
    }
    check_span(t[i].span, ncp);
    CHECK(t[i].span.start >= last && t[i].span.start < t[i].span.end);
    last = t[i].span.end;
    CHECK(t[i].text && valid_utf8(t[i].text, strlen(t[i].text)));
    CHECK(t[i].sentence >= -1 && (t[i].sentence < 0 || (size_t)t[i].sentence < ns));
    CHECK((t[i].head != PRECIS_NO_HEAD) == cur_parsed && (t[i].deprel != NULL) == cur_parsed);
    if (t[i].head == -1) roots++;
    else if (t[i].head >= 0) CHECK((size_t)t[i].head < nt && t[t[i].head].sentence == cur);
  }

  for (int fmt = PRECIS_FORMAT_TEXT; fmt <= PRECIS_FORMAT_CONLLU; fmt++) {
    size_t n = 0;
    char *out = precis_render(d, (precis_format)fmt, fmt == PRECIS_FORMAT_JSON ? NULL : "fuzz\"id\xff", &n);
    CHECK(out && valid_utf8(out, n));
    if (fmt == PRECIS_FORMAT_JSON || fmt == PRECIS_FORMAT_JSONL) {
      json_error_t err;
      json_t *j = json_loadb(out, n, 0, &err);
      CHECK(json_is_object(j));
      json_decref(j);
    }
    precis_free(NULL, out);
  }
}

/* The JSONL stream through the CLI's reader, written to memory. */
static void fuzz_jsonl(const uint8_t *data, size_t size) {
  FILE *in = fmemopen((void *)data, size, "r");
  if (!in) return;
  char *outbuf = NULL;
  size_t outlen = 0;
  FILE *out = open_memstream(&outbuf, &outlen);
  if (!out) { fclose(in); return; }
  run_ctx c;
  memset(&c, 0, sizeof c);
  precis_options_init(&c.opts);
  c.opts.flags = size && (data[0] & 1) ? PRECIS_OPT_NO_TAGGER : 0;
  c.fmt = PRECIS_FORMAT_JSONL;
  c.input = IN_JSONL;
  c.out = out;
  CHECK(analyze_jsonl(&c, in) == 0);
  fclose(in);
  fclose(out);

  /* the lines analyze_jsonl does not skip: not only blanks after the
   * trailing CR/LF are cut */
  size_t want = 0;
  for (size_t i = 0; i < size;) {
    size_t j = i;
    while (j < size && data[j] != '\n') j++;
    size_t e = j;
    while (e > i && (data[e - 1] == '\r' || data[e - 1] == '\n')) e--;
    size_t k = i;
    /* the reader drops a byte order mark opening the stream (a BOM-only first line is blank) */
    if (i == 0 && e >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) k = 3;
    while (k < e && (data[k] == ' ' || data[k] == '\t')) k++;
    if (k < e) want++;
    i = j + 1;
  }
  size_t got = 0;
  for (size_t i = 0; i < outlen;) {
    char *nl = memchr(outbuf + i, '\n', outlen - i);
    CHECK(nl); /* every record ends with a newline */
    size_t n = (size_t)(nl - (outbuf + i));
    json_error_t err;
    json_t *j = json_loadb(outbuf + i, n, 0, &err);
    CHECK(json_is_object(j));
    json_decref(j);
    got++;
    i += n + 1;
  }
  CHECK(got == want);
  free(outbuf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!quiet) quiet = fopen("/dev/null", "w");
  precis_options o;
  precis_options_init(&o);
  if (size) {
    o.summarizer = (precis_summarizer)(data[0] % 3);
    o.max_keypoints = (data[0] >> 2) % 4 == 3 ? 1 + data[0] % 7 : 0;
    if (data[0] & 0x80) o.flags |= PRECIS_OPT_NO_TAGGER;
    if (data[0] & 0x40) o.flags |= PRECIS_OPT_WITH_TOKENS;
  }
  precis_doc *d = precis_analyze((const char *)data, size, &o);
  CHECK(d);
  check_doc(d);
  precis_doc_free(d);

  precis_page *pg = precis_extract((const char *)data, size, NULL, NULL);
  CHECK(pg);
  d = precis_analyze(pg->text, pg->text_len, NULL);
  CHECK(d);
  check_doc(d);
  precis_doc_free(d);
  precis_page_free(pg);

  fuzz_jsonl(data, size);
  return 0;
}
