/* write_brat.c - writer: brat standoff annotations (the PolNeAR format).
 * T lines labelled Source, Cue, Content and Attribution (the trigger, on the
 * cue, or on the content when there is no cue); one E line per quote.
 * Offsets are code points; a discontinuous content is "a b;c d". */
#include "buf.h"
#include "writers.h"

static void put_text(buf *b, const char *s) {
  for (; *s; s++) prc_buf_putc(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

static int put_t(buf *b, int *tid, const char *label, const precis_text *frags, size_t n) {
  int id = ++*tid;
  prc_buf_printf(b, "T%d\t%s ", id, label);
  for (size_t k = 0; k < n; k++) {
    if (k) prc_buf_putc(b, ';');
    prc_buf_printf(b, "%zu %zu", frags[k].span.start, frags[k].span.end);
  }
  prc_buf_putc(b, '\t');
  for (size_t k = 0; k < n; k++) {
    if (k) prc_buf_putc(b, ' ');
    put_text(b, frags[k].text);
  }
  prc_buf_putc(b, '\n');
  return id;
}

void prc_write_brat(buf *b, const precis_doc *d) {
  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  int tid = 0;
  for (size_t i = 0; i < nq; i++) {
    int src = 0, cue = 0, con = 0, trig;
    if (q[i].source.text) src = put_t(b, &tid, "Source", &q[i].source, 1);
    if (q[i].cue.text) cue = put_t(b, &tid, "Cue", &q[i].cue, 1);
    if (q[i].ncontent) con = put_t(b, &tid, "Content", q[i].content, q[i].ncontent);
    if (q[i].cue.text) trig = put_t(b, &tid, "Attribution", &q[i].cue, 1);
    else if (q[i].ncontent) trig = put_t(b, &tid, "Attribution", q[i].content, 1);
    else continue;
    prc_buf_printf(b, "E%zu\tAttribution:T%d", i + 1, trig);
    if (cue) prc_buf_printf(b, " Cue:T%d", cue);
    if (src) prc_buf_printf(b, " Source:T%d", src);
    if (con) prc_buf_printf(b, " Content:T%d", con);
    prc_buf_putc(b, '\n');
  }
}
