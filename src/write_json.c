/* write_json.c - writer: one JSON object per document (schema: docs/json.md). */
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "writers.h"

static const char *kind_name[] = {"direct", "indirect", "mixed"};
static const char *etype_name[] = {"person", "organization", "place", "other"};
static const char *fkind_name[] = {"money", "percent", "count"};

static void nl(buf *b, int pretty, int depth) {
  if (!pretty) return;
  prc_buf_putc(b, '\n');
  for (int i = 0; i < depth; i++) prc_buf_puts(b, "  ");
}

static void span(buf *b, precis_span s) { prc_buf_printf(b, "[%zu,%zu]", s.start, s.end); }

static void ptext(buf *b, const precis_text *t) {
  if (!t->text) { prc_buf_puts(b, "null"); return; }
  prc_buf_puts(b, "{\"text\":");
  prc_buf_json_cstr(b, t->text);
  prc_buf_puts(b, ",\"span\":");
  span(b, t->span);
  prc_buf_putc(b, '}');
}

/* "name": [text, ...], on a line of its own when pretty */
static void text_array(buf *b, int pretty, const char *sep, const char *name, const precis_text *t, size_t n) {
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"%s\"%s[", name, sep);
  for (size_t i = 0; i < n; i++) {
    if (i) prc_buf_putc(b, ',');
    ptext(b, &t[i]);
  }
  prc_buf_puts(b, "],");
}

void prc_write_json(buf *b, const precis_doc *d, const char *id, int pretty) {
  const char *sep = pretty ? ": " : ":";
  prc_buf_putc(b, '{');
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"id\"%s", sep);
  prc_buf_json_cstr(b, id);
  prc_buf_putc(b, ',');

  const precis_keypoint *kp;
  size_t nk = precis_doc_keypoints(d, &kp);
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"keypoints\"%s[", sep);
  for (size_t i = 0; i < nk; i++) {
    if (i) prc_buf_putc(b, ',');
    nl(b, pretty, 2);
    prc_buf_puts(b, "{\"text\":");
    prc_buf_json_cstr(b, kp[i].text);
    prc_buf_puts(b, ",\"claim\":");
    prc_buf_json_cstr(b, kp[i].claim);
    prc_buf_puts(b, ",\"speaker\":");
    prc_buf_json_cstr(b, kp[i].speaker);
    prc_buf_puts(b, ",\"span\":");
    span(b, kp[i].span);
    prc_buf_printf(b, ",\"sentence\":%d,\"score\":", kp[i].sentence);
    prc_buf_double(b, "%.4f", kp[i].score);
    prc_buf_putc(b, '}');
  }
  if (nk) nl(b, pretty, 1);
  prc_buf_puts(b, "],");

  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"quotes\"%s[", sep);
  for (size_t i = 0; i < nq; i++) {
    if (i) prc_buf_putc(b, ',');
    nl(b, pretty, 2);
    prc_buf_printf(b, "{\"kind\":\"%s\",\"cue\":", kind_name[q[i].kind]);
    ptext(b, &q[i].cue);
    prc_buf_puts(b, ",\"source\":");
    ptext(b, &q[i].source);
    prc_buf_puts(b, ",\"speaker\":");
    prc_buf_json_cstr(b, q[i].speaker);
    prc_buf_printf(b, ",\"entity\":%d,\"content\":[", q[i].entity);
    for (size_t k = 0; k < q[i].ncontent; k++) {
      if (k) prc_buf_putc(b, ',');
      ptext(b, &q[i].content[k]);
    }
    prc_buf_puts(b, "]}");
  }
  if (nq) nl(b, pretty, 1);
  prc_buf_puts(b, "],");

  const precis_entity *e;
  size_t ne = precis_doc_entities(d, &e);
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"entities\"%s[", sep);
  for (size_t i = 0; i < ne; i++) {
    if (i) prc_buf_putc(b, ',');
    nl(b, pretty, 2);
    prc_buf_puts(b, "{\"name\":");
    prc_buf_json_cstr(b, e[i].name);
    prc_buf_printf(b, ",\"type\":\"%s\",\"gender\":", etype_name[e[i].type]);
    if (e[i].gender) prc_buf_printf(b, "\"%c\"", e[i].gender);
    else prc_buf_puts(b, "null");
    prc_buf_puts(b, ",\"title\":");
    prc_buf_json_cstr(b, e[i].title);
    prc_buf_puts(b, ",\"mentions\":[");
    for (size_t k = 0; k < e[i].nmentions; k++) {
      if (k) prc_buf_putc(b, ',');
      span(b, e[i].mentions[k]);
    }
    prc_buf_puts(b, "]}");
  }
  if (ne) nl(b, pretty, 1);
  prc_buf_puts(b, "],");

  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"figures\"%s[", sep);
  for (size_t i = 0; i < nf; i++) {
    if (i) prc_buf_putc(b, ',');
    nl(b, pretty, 2);
    prc_buf_puts(b, "{\"text\":");
    prc_buf_json_cstr(b, f[i].text);
    prc_buf_printf(b, ",\"kind\":\"%s\",\"value\":", fkind_name[f[i].kind]);
    prc_buf_double(b, "%.15g", f[i].value);
    prc_buf_puts(b, ",\"unit\":");
    prc_buf_json_cstr(b, f[i].unit);
    prc_buf_puts(b, ",\"span\":");
    span(b, f[i].span);
    prc_buf_printf(b, ",\"sentence\":%d}", f[i].sentence);
  }
  if (nf) nl(b, pretty, 1);
  prc_buf_puts(b, "],");

  const precis_text *h;
  size_t nh = precis_doc_headings(d, &h);
  text_array(b, pretty, sep, "headings", h, nh);
  /* since 0.4: captions and boilerplate (clean.c), after the headings */
  const precis_text *cap;
  size_t ncap = precis_doc_captions(d, &cap);
  text_array(b, pretty, sep, "captions", cap, ncap);
  static const char *const bkind[] = {"prompt", "share", "related", "byline", "dateline"};
  const precis_boilerplate *bp;
  size_t nbp = precis_doc_boilerplate(d, &bp);
  nl(b, pretty, 1);
  prc_buf_printf(b, "\"boilerplate\"%s[", sep);
  for (size_t i = 0; i < nbp; i++) {
    if (i) prc_buf_putc(b, ',');
    prc_buf_puts(b, "{\"text\":");
    prc_buf_json_cstr(b, bp[i].text);
    prc_buf_puts(b, ",\"span\":");
    span(b, bp[i].span);
    prc_buf_printf(b, ",\"kind\":\"%s\",\"sentence\":%d}", bkind[(unsigned)bp[i].kind <= 4 ? bp[i].kind : 0],
                   bp[i].sentence);
  }
  prc_buf_puts(b, "],");
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  nl(b, pretty, 1);
  precis_stats st;
  precis_doc_stats(d, &st, sizeof st);
  static const char *const use[] = {"none", "builtin", "given"};
  prc_buf_printf(b, "\"stats\"%s{\"chars\":%zu,\"sentences\":%zu,\"paragraphs\":%d,\"repairs\":%zu,"
                    "\"models\":{\"pos\":\"%s\",\"ner\":\"%s\"",
             sep, precis_doc_length(d), ns, ns ? s[ns - 1].paragraph + 1 : 0, precis_doc_repairs(d),
             use[st.pos <= 2 ? st.pos : 0], use[st.ner <= 2 ? st.ner : 0]);
  /* with the tokens only (PRECIS_OPT_WITH_TOKENS), so that the output
   * without them stays what it was before 0.3 */
  const precis_token *t;
  size_t nt = precis_doc_tokens(d, &t);
  if (t) prc_buf_printf(b, ",\"parse\":\"%s\"", use[st.parse <= 2 ? st.parse : 0]);
  /* since 0.4: which cue model ran ("none": the rules found the cues) */
  prc_buf_printf(b, ",\"attrib\":\"%s\"", use[st.attrib <= 2 ? st.attrib : 0]);
  prc_buf_puts(b, "}}");
  /* since 0.4: the web page's metadata (precis_doc_set_page), and the text
   * itself (PRECIS_OPT_WITH_TEXT); before the tokens, which stay last */
  if (d->page.set) {
    prc_buf_putc(b, ',');
    nl(b, pretty, 1);
    prc_buf_printf(b, "\"page\"%s{\"title\":", sep);
    prc_buf_json_cstr(b, d->page.title);
    prc_buf_puts(b, ",\"byline\":");
    prc_buf_json_cstr(b, d->page.byline);
    prc_buf_puts(b, ",\"date\":");
    prc_buf_json_cstr(b, d->page.date);
    prc_buf_puts(b, ",\"site\":");
    prc_buf_json_cstr(b, d->page.site);
    prc_buf_puts(b, ",\"encoding\":");
    prc_buf_json_cstr(b, d->page.encoding);
    prc_buf_putc(b, '}');
  }
  if (d->opts.flags & PRECIS_OPT_WITH_TEXT) {
    prc_buf_putc(b, ',');
    nl(b, pretty, 1);
    prc_buf_printf(b, "\"text\"%s", sep);
    prc_buf_json_str(b, d->text, d->len);
  }
  if (t) {
    prc_buf_putc(b, ',');
    nl(b, pretty, 1);
    prc_buf_printf(b, "\"tokens\"%s[", sep);
    for (size_t i = 0; i < nt; i++) {
      if (i) prc_buf_putc(b, ',');
      nl(b, pretty, 2);
      prc_buf_printf(b, "{\"i\":%zu,\"text\":", i);
      prc_buf_json_cstr(b, t[i].text);
      prc_buf_puts(b, ",\"span\":");
      span(b, t[i].span);
      prc_buf_printf(b, ",\"sentence\":%d,\"upos\":", t[i].sentence);
      prc_buf_json_cstr(b, t[i].upos);
      if (t[i].head == PRECIS_NO_HEAD) prc_buf_puts(b, ",\"head\":null,\"deprel\":");
      else prc_buf_printf(b, ",\"head\":%d,\"deprel\":", t[i].head);
      prc_buf_json_cstr(b, t[i].deprel);
      prc_buf_puts(b, ",\"ner\":");
      prc_buf_json_cstr(b, t[i].ner);
      prc_buf_putc(b, '}');
    }
    if (nt) nl(b, pretty, 1);
    prc_buf_putc(b, ']');
  }
  nl(b, pretty, 0);
  prc_buf_putc(b, '}');
}
