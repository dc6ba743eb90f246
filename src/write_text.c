/* write_text.c - writer: the human-readable report (key points, then quotes by speaker). */
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "writers.h"

/* one line of valid UTF-8: line breaks become spaces, ill-formed bytes U+FFFD */
static void put_oneline(buf *b, const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)s + i, n - i, &bad);
    if (!ok) { prc_buf_puts(b, "\xEF\xBF\xBD"); i += bad; continue; }
    if (s[i] == '\n' || s[i] == '\r') prc_buf_putc(b, ' ');
    else prc_buf_put(b, s + i, ok);
    i += ok;
  }
}

void prc_write_text(buf *b, const precis_doc *d, const char *id) {
  if (id) {
    prc_buf_puts(b, "# ");
    put_oneline(b, id);
    prc_buf_putc(b, '\n');
  }
  const precis_keypoint *kp;
  size_t nk = precis_doc_keypoints(d, &kp);
  prc_buf_puts(b, "Key points\n");
  for (size_t i = 0; i < nk; i++) {
    prc_buf_puts(b, "  - ");
    put_oneline(b, kp[i].text);
    prc_buf_putc(b, '\n');
  }
  if (!nk) prc_buf_puts(b, "  (none)\n");

  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  if (nq) {
    prc_buf_puts(b, "\nQuotes\n");
    const precis_entity *ents;
    size_t ne = precis_doc_entities(d, &ents);
    /* group by entity, in order of first quote; unresolved last */
    char *done = NULL;
    unsigned char small[256];
    if (ne + 1 <= sizeof small) { memset(small, 0, sizeof small); done = (char *)small; }
    for (size_t i = 0; i < nq; i++) {
      int e = q[i].entity;
      if (e < 0) continue;
      if (done && done[e]) continue;
      if (done) done[e] = 1;
      else {
        /* many entities: check earlier quotes instead of a table */
        int seen = 0;
        for (size_t j = 0; j < i; j++) if (q[j].entity == e) { seen = 1; break; }
        if (seen) continue;
      }
      prc_buf_puts(b, "  ");
      put_oneline(b, ents[e].name);
      prc_buf_putc(b, '\n');
      for (size_t j = i; j < nq; j++) {
        if (q[j].entity != e) continue;
        prc_buf_puts(b, "    - ");
        for (size_t k = 0; k < q[j].ncontent; k++) {
          if (k) prc_buf_puts(b, " ... ");
          put_oneline(b, q[j].content[k].text);
        }
        if (q[j].cue.text) {
          prc_buf_puts(b, "  [");
          put_oneline(b, q[j].cue.text);
          prc_buf_putc(b, ']');
        }
        prc_buf_putc(b, '\n');
      }
    }
    int header = 0;
    for (size_t j = 0; j < nq; j++) {
      if (q[j].entity >= 0) continue;
      if (!header) { prc_buf_puts(b, "  (unresolved)\n"); header = 1; }
      prc_buf_puts(b, "    - ");
      for (size_t k = 0; k < q[j].ncontent; k++) {
        if (k) prc_buf_puts(b, " ... ");
        put_oneline(b, q[j].content[k].text);
      }
      if (q[j].source.text) {
        prc_buf_puts(b, "  (");
        put_oneline(b, q[j].source.text);
        prc_buf_putc(b, ')');
      }
      prc_buf_putc(b, '\n');
    }
  }
  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  if (nf) {
    prc_buf_puts(b, "\nFigures\n");
    for (size_t i = 0; i < nf; i++) {
      prc_buf_puts(b, "  - ");
      put_oneline(b, f[i].text);
      prc_buf_putc(b, '\n');
    }
  }
}
