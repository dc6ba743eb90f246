/* write_json.c - writer: one JSON object per document (schema: docs/json.md). */
#include <string.h>

#include "buf.h"
#include "writers.h"

static const char *kind_name[] = {"direct", "indirect", "mixed"};
static const char *etype_name[] = {"person", "organization", "place", "other"};
static const char *fkind_name[] = {"money", "percent", "count"};

static void nl(buf *b, int pretty, int depth) {
  if (!pretty) return;
  buf_putc(b, '\n');
  for (int i = 0; i < depth; i++) buf_puts(b, "  ");
}

static void span(buf *b, precis_span s) { buf_printf(b, "[%zu,%zu]", s.start, s.end); }

static void ptext(buf *b, const precis_text *t) {
  if (!t->text) { buf_puts(b, "null"); return; }
  buf_puts(b, "{\"text\":");
  buf_json_cstr(b, t->text);
  buf_puts(b, ",\"span\":");
  span(b, t->span);
  buf_putc(b, '}');
}

void write_json(buf *b, const precis_doc *d, const char *id, int pretty) {
  const char *sep = pretty ? ": " : ":";
  buf_putc(b, '{');
  nl(b, pretty, 1);
  buf_printf(b, "\"id\"%s", sep);
  buf_json_cstr(b, id);
  buf_putc(b, ',');

  const precis_keypoint *kp;
  size_t nk = precis_doc_keypoints(d, &kp);
  nl(b, pretty, 1);
  buf_printf(b, "\"keypoints\"%s[", sep);
  for (size_t i = 0; i < nk; i++) {
    if (i) buf_putc(b, ',');
    nl(b, pretty, 2);
    buf_puts(b, "{\"text\":");
    buf_json_cstr(b, kp[i].text);
    buf_puts(b, ",\"claim\":");
    buf_json_cstr(b, kp[i].claim);
    buf_puts(b, ",\"speaker\":");
    buf_json_cstr(b, kp[i].speaker);
    buf_puts(b, ",\"span\":");
    span(b, kp[i].span);
    buf_printf(b, ",\"sentence\":%d,\"score\":%.4f}", kp[i].sentence, kp[i].score);
  }
  if (nk) nl(b, pretty, 1);
  buf_puts(b, "],");

  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  nl(b, pretty, 1);
  buf_printf(b, "\"quotes\"%s[", sep);
  for (size_t i = 0; i < nq; i++) {
    if (i) buf_putc(b, ',');
    nl(b, pretty, 2);
    buf_printf(b, "{\"kind\":\"%s\",\"cue\":", kind_name[q[i].kind]);
    ptext(b, &q[i].cue);
    buf_puts(b, ",\"source\":");
    ptext(b, &q[i].source);
    buf_puts(b, ",\"speaker\":");
    buf_json_cstr(b, q[i].speaker);
    buf_printf(b, ",\"entity\":%d,\"content\":[", q[i].entity);
    for (size_t k = 0; k < q[i].ncontent; k++) {
      if (k) buf_putc(b, ',');
      ptext(b, &q[i].content[k]);
    }
    buf_puts(b, "]}");
  }
  if (nq) nl(b, pretty, 1);
  buf_puts(b, "],");

  const precis_entity *e;
  size_t ne = precis_doc_entities(d, &e);
  nl(b, pretty, 1);
  buf_printf(b, "\"entities\"%s[", sep);
  for (size_t i = 0; i < ne; i++) {
    if (i) buf_putc(b, ',');
    nl(b, pretty, 2);
    buf_puts(b, "{\"name\":");
    buf_json_cstr(b, e[i].name);
    buf_printf(b, ",\"type\":\"%s\",\"gender\":", etype_name[e[i].type]);
    if (e[i].gender) buf_printf(b, "\"%c\"", e[i].gender);
    else buf_puts(b, "null");
    buf_puts(b, ",\"title\":");
    buf_json_cstr(b, e[i].title);
    buf_puts(b, ",\"mentions\":[");
    for (size_t k = 0; k < e[i].nmentions; k++) {
      if (k) buf_putc(b, ',');
      span(b, e[i].mentions[k]);
    }
    buf_puts(b, "]}");
  }
  if (ne) nl(b, pretty, 1);
  buf_puts(b, "],");

  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  nl(b, pretty, 1);
  buf_printf(b, "\"figures\"%s[", sep);
  for (size_t i = 0; i < nf; i++) {
    if (i) buf_putc(b, ',');
    nl(b, pretty, 2);
    buf_puts(b, "{\"text\":");
    buf_json_cstr(b, f[i].text);
    buf_printf(b, ",\"kind\":\"%s\",\"value\":%.15g,\"unit\":", fkind_name[f[i].kind], f[i].value);
    buf_json_cstr(b, f[i].unit);
    buf_puts(b, ",\"span\":");
    span(b, f[i].span);
    buf_printf(b, ",\"sentence\":%d}", f[i].sentence);
  }
  if (nf) nl(b, pretty, 1);
  buf_puts(b, "],");

  const precis_text *h;
  size_t nh = precis_doc_headings(d, &h);
  nl(b, pretty, 1);
  buf_printf(b, "\"headings\"%s[", sep);
  for (size_t i = 0; i < nh; i++) {
    if (i) buf_putc(b, ',');
    ptext(b, &h[i]);
  }
  buf_puts(b, "],");
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  nl(b, pretty, 1);
  buf_printf(b, "\"stats\"%s{\"chars\":%zu,\"sentences\":%zu,\"paragraphs\":%d,\"repairs\":%zu}",
             sep, precis_doc_length(d), ns, ns ? s[ns - 1].paragraph + 1 : 0, precis_doc_repairs(d));
  nl(b, pretty, 0);
  buf_putc(b, '}');
}
