/* cmd_analyze.c - "precis [options] [FILE...]": the Unix filter.
 *
 * Reads plain text (one article per file, or stdin), HTML, or JSONL (one
 * article per line), analyses each article and writes text, JSON, JSONL or
 * brat.  A malformed JSONL line gives an error record in its place and the
 * stream goes on.  See docs/cli.md. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "commands.h"
#include "precis.h"
#include "utf8.h"

typedef enum { IN_AUTO, IN_TEXT, IN_HTML, IN_JSONL } in_kind;

typedef struct {
  precis_options opts;
  precis_format fmt;
  in_kind input;
  const char *out_dir;
  int errors;
  FILE *out;
} run_ctx;

static void usage(FILE *f) {
  fprintf(f,
          "usage: precis [options] [FILE...]\n"
          "       precis eval {rouge|oracle|attrib|pos|ner} ...\n"
          "       precis train {pos|ner} ...\n"
          "\n"
          "Reads news articles (files, or standard input) and writes their key points,\n"
          "quotations with resolved speakers, entities and figures.  With no input on a\n"
          "terminal it analyses a sample article.\n"
          "\n"
          "options:\n"
          "  -f, --format FMT      text (default), json, jsonl, brat\n"
          "  -i, --input KIND      auto (default), text, html, jsonl (auto: by file name)\n"
          "  -n N                  number of key points (default: 3 to 5, chosen by the text)\n"
          "      --summarizer S    keypoints (default), lead, textrank\n"
          "      --out-dir DIR     brat: write one DIR/NAME.ann per document\n"
          "      --no-tagger       rules only (skip the statistical taggers)\n"
          "      --pos-model PATH  use this POS model instead of the built-in one\n"
          "      --ner-model PATH  use this NER model instead of the built-in one\n"
          "      --demo            analyse the sample article\n"
          "      --demo-text       print the sample article\n"
          "  -h, --help            this help\n"
          "      --version         print the version\n"
          "\n"
          "JSONL input: one object a line with \"text\" or \"article\" and an optional \"id\".\n"
          "Exit status: 0 all documents analysed; 1 some input was bad (error records\n"
          "were written in its place); 2 usage or I/O error.\n");
}

static char *read_stream(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *p = malloc(cap);
  if (!p) return NULL;
  for (;;) {
    if (n == cap) {
      cap *= 2;
      char *np = realloc(p, cap);
      if (!np) { free(p); return NULL; }
      p = np;
    }
    size_t r = fread(p + n, 1, cap - n, f);
    n += r;
    if (r == 0) break;
  }
  if (ferror(f)) { free(p); return NULL; }
  *len = n;
  return p;
}

/* name without directory and extension, for brat files */
static char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  s = s ? s + 1 : path;
  const char *dot = strrchr(s, '.');
  size_t n = dot && dot != s ? (size_t)(dot - s) : strlen(s);
  char *r = malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, s, n);
  r[n] = 0;
  return r;
}

static int safe_name(const char *s) {
  if (!*s || !strcmp(s, ".") || !strcmp(s, "..")) return 0;
  for (; *s; s++)
    if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20) return 0;
  return 1;
}

static void emit(run_ctx *c, precis_doc *d, const char *id, const char *name_hint) {
  size_t len;
  if (c->fmt == PRECIS_FORMAT_BRAT && c->out_dir) {
    char *out = precis_render(d, PRECIS_FORMAT_BRAT, id, &len);
    const char *nm = name_hint ? name_hint : id;
    char fallback[32];
    if (!nm || !safe_name(nm)) {
      static unsigned long seq;
      snprintf(fallback, sizeof fallback, "doc%06lu", ++seq);
      nm = fallback;
    }
    size_t pl = strlen(c->out_dir) + strlen(nm) + 6;
    char *path = malloc(pl);
    if (path) {
      snprintf(path, pl, "%s/%s.ann", c->out_dir, nm);
      FILE *f = fopen(path, "wb");
      if (!f || fwrite(out ? out : "", 1, len, f) != len) {
        fprintf(stderr, "precis: cannot write %s: %s\n", path, strerror(errno));
        c->errors = 1;
      }
      if (f) fclose(f);
      free(path);
    }
    precis_free(c->opts.allocator, out);
    return;
  }
  char *out = precis_render(d, c->fmt, id, &len);
  if (out) fwrite(out, 1, len, c->out);
  precis_free(c->opts.allocator, out);
}

static void analyze_buffer(run_ctx *c, const char *text, size_t len, const char *id, const char *name_hint,
                           int html) {
  char *plain = NULL;
  if (html) {
    size_t plen = 0;
    plain = precis_cli_html_to_text(text, len, &plen);
    if (plain) { text = plain; len = plen; }
  }
  precis_doc *d = precis_analyze(text, len, &c->opts);
  if (!d) {
    fprintf(stderr, "precis: out of memory\n");
    exit(2);
  }
  emit(c, d, id, name_hint);
  precis_doc_free(d);
  free(plain);
}

static void error_record(run_ctx *c, const char *id, long line, const char *msg) {
  c->errors = 1;
  fprintf(stderr, "precis: line %ld: %s\n", line, msg);
  if (c->fmt == PRECIS_FORMAT_JSON || c->fmt == PRECIS_FORMAT_JSONL) {
    buf b;
    prc_buf_init(&b, NULL);
    prc_buf_puts(&b, "{\"id\":");
    prc_buf_json_cstr(&b, id);
    prc_buf_printf(&b, ",\"line\":%ld,\"error\":", line);
    prc_buf_json_cstr(&b, msg);
    prc_buf_puts(&b, "}\n");
    size_t n;
    char *s = prc_buf_finish(&b, &n);
    if (s) fwrite(s, 1, n, c->out);
    free(s);
  } else if (c->fmt == PRECIS_FORMAT_TEXT) {
    fprintf(c->out, "# line %ld: error: %s\n\n", line, msg);
  }
}

/* Pull an "id" out of a line that did not parse, if it is plainly there:
 * a string without escapes that is valid UTF-8, or an integer. */
static char *salvage_id(const char *line, size_t n) {
  const char *p = line, *end = line + n;
  const char key[] = "\"id\"";
  while (p + 4 <= end) {
    const char *q = memchr(p, '"', (size_t)(end - p));
    if (!q || q + 4 > end) return NULL;
    if (!memcmp(q, key, 4)) {
      q += 4;
      while (q < end && (*q == ' ' || *q == '\t')) q++;
      if (q >= end || *q != ':') return NULL;
      q++;
      while (q < end && (*q == ' ' || *q == '\t')) q++;
      const char *e;
      if (q < end && (*q == '-' || (*q >= '0' && *q <= '9'))) {
        e = q + 1;
        while (e < end && *e >= '0' && *e <= '9') e++;
        if (e - q > 20 || (e - q == 1 && *q == '-') || (e < end && strchr(".eE", *e))) return NULL;
      } else {
        if (q >= end || *q != '"') return NULL;
        q++;
        e = q;
        while (e < end && *e != '"' && *e != '\\') e++;
        if (e >= end || *e != '"') return NULL;
        for (const char *u = q; u < e;) { /* it goes into the output as it is */
          size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)u, (size_t)(e - u), &bad);
          if (!ok || (unsigned char)*u < 0x20) return NULL;
          u += ok;
        }
      }
      char *r = malloc((size_t)(e - q) + 1);
      if (!r) return NULL;
      memcpy(r, q, (size_t)(e - q));
      r[e - q] = 0;
      return r;
    }
    p = q + 1;
  }
  return NULL;
}

static void analyze_jsonl(run_ctx *c, FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  long lineno = 0;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
    if (k == len) continue; /* blank line: nothing to analyse, nothing lost */
    json_error_t err;
    /* no JSON_DISABLE_EOF_CHECK: text after the object ("{...}{...}") is an
     * error, not silently dropped */
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &err);
    char msg[300];
    if (!obj) {
      char *id = salvage_id(line, len);
      if (json_error_code(&err) == json_error_end_of_input_expected)
        snprintf(msg, sizeof msg, "text after the JSON object at column %d (one object a line)", err.column);
      else
        snprintf(msg, sizeof msg, "invalid JSON at column %d: %s", err.column, err.text);
      error_record(c, id, lineno, msg);
      free(id);
      continue;
    }
    if (!json_is_object(obj)) {
      error_record(c, NULL, lineno, "a JSONL line must be an object");
      json_decref(obj);
      continue;
    }
    json_t *jid = json_object_get(obj, "id");
    char idbuf[64];
    const char *id = NULL;
    if (json_is_string(jid)) id = json_string_value(jid);
    else if (json_is_integer(jid)) {
      snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
      id = idbuf;
    } else if (json_is_real(jid)) {
      snprintf(idbuf, sizeof idbuf, "%.17g", json_real_value(jid));
      id = idbuf;
    }
    json_t *jt = json_object_get(obj, "text");
    if (!jt) jt = json_object_get(obj, "article");
    if (!json_is_string(jt)) {
      error_record(c, id, lineno, jt ? "\"text\" must be a string" : "no \"text\" or \"article\" field");
      json_decref(obj);
      continue;
    }
    if (c->fmt == PRECIS_FORMAT_TEXT && !c->out_dir) fprintf(c->out, "%s", lineno > 1 ? "\n" : "");
    char namebuf[32];
    const char *hint = id;
    if (!hint) { snprintf(namebuf, sizeof namebuf, "line%06ld", lineno); hint = namebuf; }
    analyze_buffer(c, json_string_value(jt), json_string_length(jt), id ? id : (c->fmt == PRECIS_FORMAT_TEXT ? hint : NULL),
                   hint, 0);
    json_decref(obj);
  }
  free(line);
}

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static int run_file(run_ctx *c, const char *path, int first) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) {
    fprintf(stderr, "precis: cannot open %s: %s\n", path, strerror(errno));
    return 2;
  }
  in_kind k = c->input;
  if (k == IN_AUTO) {
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) k = IN_JSONL;
    else if (ends_with(path, ".html") || ends_with(path, ".htm")) k = IN_HTML;
    else k = IN_TEXT;
  }
  if (k == IN_JSONL) {
    analyze_jsonl(c, f);
  } else {
    size_t len;
    char *text = read_stream(f, &len);
    if (!text) {
      fprintf(stderr, "precis: cannot read %s\n", path);
      if (f != stdin) fclose(f);
      return 2;
    }
    char *hint = base_name(strcmp(path, "-") ? path : "stdin");
    const char *id = strcmp(path, "-") ? path : NULL;
    if (c->fmt == PRECIS_FORMAT_TEXT && !first) fputc('\n', c->out);
    analyze_buffer(c, text, len, id, hint, k == IN_HTML);
    free(hint);
    free(text);
  }
  if (f != stdin) fclose(f);
  return 0;
}

int cmd_analyze(int argc, char **argv) {
  run_ctx c;
  memset(&c, 0, sizeof c);
  precis_options_init(&c.opts);
  c.fmt = PRECIS_FORMAT_TEXT;
  c.out = stdout;
  int demo = 0, nfiles = 0;
  precis_model *pos_model = NULL, *ner_model = NULL;
  char **files = calloc((size_t)argc + 1, sizeof(char *));
  if (!files) return 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
#define NEED_ARG()                                                  \
  if (i + 1 >= argc) {                                              \
    fprintf(stderr, "precis: %s needs an argument\n", a);           \
    free(files);                                                    \
    return 2;                                                       \
  }
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); free(files); return 0; }
    else if (!strcmp(a, "--version")) { printf("precis %s\n", precis_version()); free(files); return 0; }
    else if (!strcmp(a, "--demo")) demo = 1;
    else if (!strcmp(a, "--demo-text")) { fputs(precis_demo_article, stdout); free(files); return 0; }
    else if (!strcmp(a, "--no-tagger")) c.opts.flags |= PRECIS_OPT_NO_TAGGER;
    else if (!strcmp(a, "-f") || !strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
      const char *v;
      if (!strncmp(a, "--format=", 9)) v = a + 9;
      else { NEED_ARG(); v = argv[++i]; }
      if (!strcmp(v, "text")) c.fmt = PRECIS_FORMAT_TEXT;
      else if (!strcmp(v, "json")) c.fmt = PRECIS_FORMAT_JSON;
      else if (!strcmp(v, "jsonl")) c.fmt = PRECIS_FORMAT_JSONL;
      else if (!strcmp(v, "brat")) c.fmt = PRECIS_FORMAT_BRAT;
      else { fprintf(stderr, "precis: unknown format '%s' (text, json, jsonl, brat)\n", v); free(files); return 2; }
    } else if (!strcmp(a, "-i") || !strcmp(a, "--input") || !strncmp(a, "--input=", 8)) {
      const char *v;
      if (!strncmp(a, "--input=", 8)) v = a + 8;
      else { NEED_ARG(); v = argv[++i]; }
      if (!strcmp(v, "auto")) c.input = IN_AUTO;
      else if (!strcmp(v, "text")) c.input = IN_TEXT;
      else if (!strcmp(v, "html")) c.input = IN_HTML;
      else if (!strcmp(v, "jsonl")) c.input = IN_JSONL;
      else { fprintf(stderr, "precis: unknown input kind '%s' (auto, text, html, jsonl)\n", v); free(files); return 2; }
    } else if (!strcmp(a, "-n")) {
      NEED_ARG();
      char *end;
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > 100) { fprintf(stderr, "precis: -n takes a number from 1 to 100\n"); free(files); return 2; }
      c.opts.max_keypoints = (int)n;
    } else if (!strcmp(a, "--summarizer")) {
      NEED_ARG();
      const char *v = argv[++i];
      if (!strcmp(v, "keypoints")) c.opts.summarizer = PRECIS_SUMMARIZER_KEYPOINTS;
      else if (!strcmp(v, "lead")) c.opts.summarizer = PRECIS_SUMMARIZER_LEAD;
      else if (!strcmp(v, "textrank")) c.opts.summarizer = PRECIS_SUMMARIZER_TEXTRANK;
      else { fprintf(stderr, "precis: unknown summarizer '%s' (keypoints, lead, textrank)\n", v); free(files); return 2; }
    } else if (!strcmp(a, "--pos-model") || !strcmp(a, "--ner-model")) {
      NEED_ARG();
      precis_error err;
      precis_model *m = precis_model_load(argv[++i], &err);
      const char *want = a[2] == 'p' ? "pos" : "ner";
      if (!m || strcmp(precis_model_kind(m), want)) {
        fprintf(stderr, "precis: %s: %s\n", argv[i], m ? "not a model of that kind" : err.message);
        precis_model_free(m);
        free(files);
        return 2;
      }
      if (a[2] == 'p') { precis_model_free(pos_model); pos_model = m; c.opts.pos_model = m; }
      else { precis_model_free(ner_model); ner_model = m; c.opts.ner_model = m; }
    } else if (!strcmp(a, "--out-dir")) {
      NEED_ARG();
      c.out_dir = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "precis: unknown option '%s' (see precis --help)\n", a);
      free(files);
      return 2;
    } else files[nfiles++] = argv[i];
  }
  if (c.out_dir) {
    struct stat st;
    if (stat(c.out_dir, &st) != 0 && mkdir(c.out_dir, 0777) != 0) {
      fprintf(stderr, "precis: cannot create %s: %s\n", c.out_dir, strerror(errno));
      free(files);
      return 2;
    }
  }
  int rc = 0;
  if (demo || (nfiles == 0 && isatty(0))) {
    if (!demo && c.fmt == PRECIS_FORMAT_TEXT)
      fprintf(stderr, "precis: no input given; analysing the sample article (precis --demo-text prints it).\n"
                      "        Try: precis article.txt, or precis --help\n\n");
    analyze_buffer(&c, precis_demo_article, strlen(precis_demo_article), "demo", "demo", 0);
  } else if (nfiles == 0) {
    rc = run_file(&c, "-", 1);
  } else {
    for (int k = 0; k < nfiles; k++) {
      int r = run_file(&c, files[k], k == 0);
      if (r) rc = r;
    }
  }
  free(files);
  precis_model_free(pos_model);
  precis_model_free(ner_model);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "precis: cannot write the output: %s\n", strerror(errno));
    return 2;
  }
  if (rc) return rc;
  return c.errors ? 1 : 0;
}
