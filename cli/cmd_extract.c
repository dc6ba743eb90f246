/* cmd_extract.c - "precis extract [options] PAGE.html...": the main text of
 * web pages (precis_extract, src/extract.c), as text or JSON. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"
#include "commands.h"
#include "opt.h"
#include "util.h"

enum { O_HELP = PRC_OPT_HELP_ID, O_FORMAT, O_ENCODING, O_ALL_TEXT };

static const prc_opt extract_opts[] = {
    {O_FORMAT, 'f', "format", PRC_OPT_CHOICE, "FMT", "output format (json: one object a page, one a line)", "text|json", 0, 0, 0},
    {O_ENCODING, 0, "encoding", PRC_OPT_STRING, "ENC", "the pages' encoding (an HTTP header's charset; default: found in each page)", NULL, 0, 0, 0},
    {O_ALL_TEXT, 0, "all-text", PRC_OPT_FLAG, NULL, "every visible text of the page, not only the article", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const extract_usage[] = {"precis extract [options] [PAGE.html...]", NULL};

const prc_cmd prc_cmd_extract_spec = {
    "precis extract",
    "the main text of web pages",
    extract_usage,
    "Prints the main text of each page (standard input: no PAGE or -): the article's\n"
    "headings and paragraphs, one a line, without navigation, related links, share\n"
    "bars, captions and footers.  -f json prints {\"id\",\"title\",\"byline\",\"date\",\n"
    "\"site\",\"text\"} a page, one a line.\n",
    extract_opts,
    "Exit status: 0 every page read; 2 usage error, or a page could not be read.\n"};

static void put_json_field(prc_sbuf *b, const char *name, const char *v, size_t n, int first) {
  if (!first) prc_sbuf_puts(b, ",");
  prc_sbuf_json_str(b, name, strlen(name));
  prc_sbuf_puts(b, ":");
  if (v) prc_sbuf_json_str(b, v, n);
  else prc_sbuf_puts(b, "null");
}

int prc_cmd_extract(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_extract_spec;
  int json = 0;
  precis_extract_options eo;
  precis_extract_options_init(&eo);
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  int nf = 0;
  if (!files) { fprintf(stderr, "precis: out of memory\n"); return 2; }
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: free(files); return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); free(files); return 0;
    case O_FORMAT: json = p.choice == 1; break;
    case O_ENCODING: eo.encoding = p.value; break;
    case O_ALL_TEXT: eo.flags |= PRECIS_EXTRACT_ALL_TEXT; break;
    case PRC_OPT_OPERAND: files[nf++] = p.value; break;
    }
  }
  if (nf == 0) files[nf++] = "-";
  int status = 0;
  for (int i = 0; i < nf; i++) {
    FILE *f = prc_cli_open_input(files[i]);
    size_t len = 0;
    char *html = f ? prc_cli_read_all(f, &len) : NULL;
    int e = errno;
    if (f && f != stdin) fclose(f);
    if (!html) {
      fprintf(stderr, "precis: cannot read %s: %s\n", files[i], strerror(e));
      status = 2;
      continue;
    }
    precis_error err;
    precis_page *pg = precis_extract(html, len, &eo, &err);
    free(html);
    if (!pg) {
      fprintf(stderr, "precis: %s: %s\n", files[i], err.message);
      if (err.code == PRECIS_ERROR_OUT_OF_MEMORY) { free(files); return 2; }
      status = status ? status : 1;
      continue;
    }
    if (json) {
      prc_sbuf b = {0};
      const char *id = strcmp(files[i], "-") ? files[i] : NULL;
      prc_sbuf_puts(&b, "{");
      put_json_field(&b, "id", id, id ? strlen(id) : 0, 1);
      put_json_field(&b, "title", pg->title, pg->title ? strlen(pg->title) : 0, 0);
      put_json_field(&b, "byline", pg->byline, pg->byline ? strlen(pg->byline) : 0, 0);
      put_json_field(&b, "date", pg->date, pg->date ? strlen(pg->date) : 0, 0);
      put_json_field(&b, "site", pg->site, pg->site ? strlen(pg->site) : 0, 0);
      put_json_field(&b, "text", pg->text, pg->text_len, 0);
      prc_sbuf_puts(&b, "}\n");
      if (b.oom) { fprintf(stderr, "precis: out of memory\n"); free(files); return 2; }
      fwrite(b.s, 1, b.n, stdout);
      prc_sbuf_free(&b);
    } else {
      fwrite(pg->text, 1, pg->text_len, stdout);
      if (pg->text_len) fputc('\n', stdout);
    }
    precis_page_free(pg);
  }
  free(files);
  if (fflush(stdout) != 0 || ferror(stdout)) { fprintf(stderr, "precis: cannot write the output\n"); return 2; }
  return status;
}
