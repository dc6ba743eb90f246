/* write_conllu.c - writer: CoNLL-U (universaldependencies.org/format.html),
 * from the public tokens (PRECIS_OPT_WITH_TOKENS; without them the output is
 * one comment line saying so).
 *
 *   # newdoc id = ID          (# newdoc without an id)
 *   # newpar                  before the first sentence of each paragraph
 *   # sent_id = ID-N          N = the 1-based sentence index (JSON "sentence" + 1);
 *                             N alone without an id
 *   # text = ...              the sentence's tokens, one space where the text has
 *                             white space between two (the CoNLL-U rule: FORMs and
 *                             SpaceAfter=No give back # text)
 *   ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC     (tab-separated)
 *
 * ID is 1-based in the sentence; LEMMA, XPOS, FEATS and DEPS are "_";
 * HEAD is 1-based in the sentence, 0 for the root; UPOS, HEAD and DEPREL are
 * "_" in a sentence that was not parsed (rules only, or no parser).  MISC:
 * SpaceAfter=No when the next token follows without white space (also at
 * the end of a sentence), then TokenRange=START:END, the token's span in
 * code points of the analysed text ([START, END), as every precis span).
 * Tokens outside every sentence (a dateline) are not written.  Tabs and
 * line breaks inside a FORM, the text or the id become spaces ("_" in the
 * id); ill-formed UTF-8 in the id becomes U+FFFD. */
#include "buf.h"
#include "util/utf8.h"
#include "writers.h"

/* s with the characters that would break a line or a column replaced */
static void put_clean(buf *b, const char *s, char with) {
  for (; *s; s++) prc_buf_putc(b, (unsigned char)*s < 0x20 ? with : *s);
}

/* the id in a comment: one word of well-formed UTF-8 */
static void put_id(buf *b, const char *id) {
  size_t n = 0;
  while (id[n]) n++;
  for (size_t i = 0; i < n;) {
    size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)id + i, n - i, &bad);
    if (!ok) {
      prc_buf_puts(b, "\xEF\xBF\xBD");
      i += bad ? bad : 1;
    } else {
      unsigned char c = (unsigned char)id[i];
      if (ok == 1 && (c <= 0x20 || c == 0x7F)) prc_buf_putc(b, '_');
      else prc_buf_put(b, id + i, ok);
      i += ok;
    }
  }
}

void prc_write_conllu(buf *b, const precis_doc *d, const char *id) {
  const precis_token *t;
  size_t nt = precis_doc_tokens(d, &t);
  if (!t) {
    prc_buf_puts(b, "# precis: no tokens: the document was analysed without PRECIS_OPT_WITH_TOKENS\n");
    return;
  }
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  prc_buf_puts(b, "# newdoc");
  if (id) {
    prc_buf_puts(b, " id = ");
    put_id(b, id);
  }
  prc_buf_putc(b, '\n');
  size_t k = 0;
  for (size_t i = 0; i < ns; i++) {
    while (k < nt && (t[k].sentence < 0 || (size_t)t[k].sentence < i)) k++; /* a dateline */
    size_t a = k;
    while (k < nt && t[k].sentence == (int)i) k++;
    if (a == k) continue;
    if (i == 0 || s[i].paragraph != s[i - 1].paragraph) prc_buf_puts(b, "# newpar\n");
    prc_buf_puts(b, "# sent_id = ");
    if (id) {
      put_id(b, id);
      prc_buf_putc(b, '-');
    }
    prc_buf_printf(b, "%zu\n# text = ", i + 1);
    for (size_t j = a; j < k; j++) {
      if (j > a && t[j - 1].span.end < t[j].span.start) prc_buf_putc(b, ' ');
      put_clean(b, t[j].text, ' ');
    }
    prc_buf_putc(b, '\n');
    for (size_t j = a; j < k; j++) {
      prc_buf_printf(b, "%zu\t", j - a + 1);
      put_clean(b, t[j].text, ' ');
      prc_buf_printf(b, "\t_\t%s\t_\t_\t", t[j].upos ? t[j].upos : "_");
      if (t[j].head == PRECIS_NO_HEAD || !t[j].deprel) prc_buf_puts(b, "_\t_");
      else prc_buf_printf(b, "%zu\t%s", t[j].head < 0 ? (size_t)0 : (size_t)t[j].head - a + 1, t[j].deprel);
      prc_buf_puts(b, "\t_\t");
      if (j + 1 < nt && t[j].span.end == t[j + 1].span.start) prc_buf_puts(b, "SpaceAfter=No|");
      prc_buf_printf(b, "TokenRange=%zu:%zu\n", t[j].span.start, t[j].span.end);
    }
    prc_buf_putc(b, '\n');
  }
}
