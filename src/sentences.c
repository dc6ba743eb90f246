/* sentences.c - stage 3: tokens -> paragraphs, sentences, headings, datelines.
 *
 * Made for news copy:
 *  - a line break always ends a paragraph (wire copy puts one paragraph a line);
 *  - ". ! ? ..." end a sentence when what follows can start one (a capital, a
 *    digit, an opening quote); closing quotes and brackets after the full stop
 *    stay with the sentence they close;
 *  - abbreviations that keep their dot (Mr., Gen., U.S., J.) end a sentence only
 *    when they may (not titles, not initials) and a typical sentence opener follows;
 *  - a dateline at the start of the article ("BRUSSELS:", "Lagos, Nigeria (CNN)",
 *    "WASHINGTON (Reuters) -", "By . Daily Mail Reporter .") is cut off;
 *  - a short line without closing punctuation, followed by more text, is a heading;
 *  - a caption run into the next sentence without a full stop is cut off where
 *    clean.c's prc_caption_join finds evidence ("... on Monday The 34-year-old
 *    denies ..."); the piece before is a caption (or boilerplate, clean.c). */
#include <string.h>

#include "doc.h"
#include "lexicon.h"

static bool is_final_punct(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (!(t->flags & TF_PUNCT) || (t->flags & TF_QUOTE)) return false;
  char c = d->text[t->start];
  if (c == '.' || c == '!' || c == '?') return true;
  return tok_is(d, i, "\xE2\x80\xA6"); /* … */
}

static bool is_closer(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (t->flags & TF_PARA_BEFORE) return false;
  if (t->flags & TF_QUOTE) return (t->flags & TF_QCLOSE) || !(t->flags & TF_SPACE_BEFORE);
  return tok_is(d, i, ")") || tok_is(d, i, "]");
}

static bool can_start(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  if (t->flags & (TF_CAP | TF_NUMBER)) return true;
  if (t->flags & TF_QUOTE) return (t->flags & TF_QOPEN) || (t->flags & TF_SPACE_BEFORE);
  if (tok_is(d, i, "(") || tok_is(d, i, "[") || tok_is(d, i, "$") || tok_is(d, i, "\xC2\xA3") ||
      tok_is(d, i, "\xE2\x82\xAC"))
    return true;
  /* a lower-case letter in a language without case, or a non-ASCII capital, counts via TF_CAP */
  return false;
}

/* After a question or exclamation closed by a quotation mark, does an
 * attribution follow that belongs to the quote ("“How many times?” Clinton
 * said." / "“Why?” the senator asked reporters.")?  Token j (capitalised)
 * starts up to 6 words of a source (no function word after the first), then
 * a speech verb, then at most 6
 * tokens to a full stop, comma or the paragraph's end, and the sentence
 * opened with the quotation mark (not "He asked: “Why now?” Nobody replied.").
 * Such a tail is no sentence of its own: split off, the quote loses its
 * speaker. */
static bool attribution_tail(const precis_doc *d, uint32_t j, uint32_t n) {
  uint32_t k = j + 1;
  for (; k < n && k <= j + 6; k++) {
    const token *t = &d->toks[k];
    if (t->flags & TF_PARA_BEFORE) return false;
    if (!(t->flags & TF_WORD)) {
      if (tok_is(d, k, ".") && k > j && (d->toks[k - 1].flags & TF_ABBREV)) continue;
      if ((t->flags & TF_ABBREV)) continue;
      return false;
    }
    uint32_t f = prc_lex_flags(tok_str(d, k), tok_len(d, k));
    if (!(t->flags & TF_CAP) && (f & (LX_SPEECH | LX_SPEECH_PRESENT))) break;
    if (f & LX_STOP) return false; /* "Nobody knew the answer": a clause, not a source */
  }
  if (k >= n || k > j + 6) return false;
  for (uint32_t m = k + 1; m < n && m <= k + 7; m++) {
    if (d->toks[m].flags & TF_PARA_BEFORE) return true;
    if (tok_is(d, m, ".") || tok_is(d, m, ",") || tok_is(d, m, ":")) return true;
    if (is_final_punct(d, m) || (d->toks[m].flags & TF_QUOTE)) return false;
  }
  return k + 1 >= n;
}

static bool abbrev_may_end(const precis_doc *d, uint32_t i, uint32_t next) {
  const token *t = &d->toks[i];
  uint32_t n = tok_len(d, i);
  uint32_t f = prc_lex_flags(tok_str(d, i), n);
  if (f & LX_ABBREV_NOEND) return false;
  /* an initial: one capital and a dot (J.) */
  if (n == 2 || (n == 3 && ((unsigned char)tok_str(d, i)[0] & 0x80))) {
    if (!memchr(tok_str(d, i), '.', n - 1)) return false;
  }
  (void)t;
  const token *nx = &d->toks[next];
  if (nx->flags & TF_QUOTE) return true;
  uint32_t nf = prc_lex_flags(tok_str(d, next), tok_len(d, next));
  if ((nx->flags & TF_CAP) && (nf & (LX_SENT_START | LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1))) return true;
  /* "landed at 6 p.m. Passengers cheered": a clock time is not followed by a
   * name, so any capitalised word starts a sentence -- except a day, a month,
   * a zone ("GMT", "Eastern", "Pacific time") */
  if ((tok_ieq(d, i, "p.m.") || tok_ieq(d, i, "a.m.")) && (nx->flags & TF_CAP) && !(nx->flags & TF_ALLCAP) &&
      !(nf & (LX_DAY | LX_MONTH | LX_DEMONYM)) && !(next + 1 < d->ntoks && tok_ieq(d, next + 1, "time")))
    return true;
  return false;
}

#define DATELINE_HEADINGS 3 /* headlines before a dateline */

/* "BRUSSELS:" / "WASHINGTON --" / "LONDON, England -" at token b (a capital
 * word in capitals first): the first token after it, or 0. */
static uint32_t caps_dateline_end(const precis_doc *d, uint32_t b, uint32_t n) {
  uint32_t i = b;
  if (b >= n || !(d->toks[b].flags & TF_ALLCAP) || !(d->toks[b].flags & TF_WORD)) return 0;
  while (i < n && i < b + 6 && ((d->toks[i].flags & TF_CAP) || tok_is(d, i, ","))) i++;
  if (i < n && i > b &&
      (tok_is(d, i, ":") || tok_is(d, i, "--") || tok_is(d, i, "-") || tok_is(d, i, "\xE2\x80\x94") ||
       tok_is(d, i, "\xE2\x80\x93")) &&
      i + 1 < n && !(d->toks[i + 1].flags & TF_PARA_BEFORE))
    return i + 1;
  return 0;
}

/* Is the acronym at token a the initials of the capitalised words [0, b)
 * before it ("The Trades Union Congress (TUC)", "London Stock Exchange
 * (LSE)"): the name spelt out, not a dateline's agency ("ATLANTA (CNN)")? */
static bool spelt_out_before(const precis_doc *d, uint32_t b, uint32_t a) {
  const char *s = tok_str(d, a);
  size_t n = tok_len(d, a), k = 0;
  if (n < 2) return false;
  for (uint32_t t = 0; t < b; t++) {
    if (!(d->toks[t].flags & TF_WORD) || !(d->toks[t].flags & TF_CAP) || (t == 0 && tok_is(d, t, "The"))) continue;
    char c = tok_str(d, t)[0];
    if (k >= n || c != s[k]) return false;
    k++;
  }
  return k == n;
}

/* Returns the first token after a dateline at the start of the article (or 0). */
static uint32_t skip_dateline(const precis_doc *d, uint32_t end) {
  uint32_t n = end;
  if (n < 2) return 0;
  /* "By . Daily Mail Reporter . PUBLISHED: . 10:30 EST, 1 May 2014 . | . UPDATED: . ..." */
  /* (or the header alone: "PUBLISHED: . 10:30 EST, ...", "Last updated at 5:12 PM on ...") */
  bool header = (tok_is(d, 0, "PUBLISHED") && tok_is(d, 1, ":")) ||
                (tok_is(d, 0, "Last") && tok_is(d, 1, "updated"));
  if ((tok_is(d, 0, "By") && tok_is(d, 1, ".")) || header) {
    uint32_t i = 0;
    if (!header) {
      i = 2;
      while (i < n && i < 14 && !tok_is(d, i, ".")) i++;
      if (i >= n || i >= 14) return 0;
      i++;
    }
    for (;;) {
      if (i + 1 < n && (tok_is(d, i, "PUBLISHED") || tok_is(d, i, "UPDATED") || tok_is(d, i, "|") ||
                        tok_is(d, i, "Last"))) {
        uint32_t k = i + 1;
        while (k < n && k < i + 24 && !(tok_is(d, k, ".") && k + 1 < n && !tok_is(d, k + 1, "|") &&
                                          (d->toks[k + 1].flags & (TF_CAP | TF_QUOTE)) &&
                                          !tok_is(d, k + 1, "UPDATED")))
          k++;
        if (k >= n || k >= i + 24) break;
        i = k + 1;
        continue;
      }
      break;
    }
    return i < n ? i : 0;
  }
  /* "(CNN)" or "City, Country (CNN)" [--] */
  uint32_t i = 0;
  while (i < n && i < 8 && ((d->toks[i].flags & TF_CAP) || tok_is(d, i, ",") || tok_is(d, i, "."))) {
    if (tok_is(d, i, "(")) break;
    i++;
  }
  /* "(Rolling Stone)Kanye ...": up to three capitalised words in brackets glued to the text */
  uint32_t close = i + 2;
  if (i == 0 && i + 3 < n && tok_is(d, 0, "(")) {
    uint32_t k = 1;
    while (k < n && k < 4 && (d->toks[k].flags & TF_CAP)) k++;
    if (k > 1 && k < n && tok_is(d, k, ")") && k + 1 < n && !(d->toks[k + 1].flags & TF_SPACE_BEFORE)) close = k;
  }
  if (close != i + 2) {
    uint32_t k = close + 1;
    return k < n ? k : 0;
  }
  if (i + 2 < n && tok_is(d, i, "(") && (d->toks[i + 1].flags & TF_CAP) && tok_is(d, i + 2, ")") &&
      (lex_has(tok_str(d, i + 1), tok_len(d, i + 1), LX_ORG_KNOWN) || (d->toks[i + 1].flags & TF_ALLCAP)) &&
      !spelt_out_before(d, i, i + 1) && /* "The European Commission (EC) has called ..." */
      !(tok_len(d, i + 1) >= 3 && tok_str(d, i + 1)[1] == '-')) { /* not a party and state: "Rep. Ann Lee (R-S.C.)" */
    uint32_t k = i + 3;
    if (k < n && (tok_is(d, k, "--") || tok_is(d, k, "-") || tok_is(d, k, "\xE2\x80\x94") ||
                  tok_is(d, k, "\xE2\x80\x93")))
      k++;
    return k < n ? k : 0;
  }
  /* "BRUSSELS:" / "WASHINGTON --" / "LONDON, England -" */
  return caps_dateline_end(d, 0, n);
}

static void add_sentence(precis_doc *d, uint32_t a, uint32_t b, uint32_t para) {
  if (b <= a) return;
  sentence *s = ARENA_PUSH(&d->ar, d->sents, d->nsents, d->csents, sentence);
  s->kind = SK_TEXT;
  s->tok_begin = a;
  s->tok_end = b;
  s->body_start_tok = a;
  s->start = d->toks[a].start;
  s->end = d->toks[b - 1].end;
  s->para = para;
  s->is_heading = false;
  for (uint32_t k = a; k < b; k++) d->toks[k].sent = d->nsents - 1;
  /* computed once here: attribution.c asks for it at every cue, and a
   * sentence of n cues closed by n brackets made that quadratic */
  uint32_t e = b;
  while (e > a && ((d->toks[e - 1].flags & TF_QUOTE) || tok_is(d, e - 1, ".") || tok_is(d, e - 1, "!") ||
                   tok_is(d, e - 1, "?") || tok_is(d, e - 1, ")")))
    e--;
  s->body_end_tok = e;
}

void prc_split_sentences(precis_doc *d) {
  uint32_t n = d->ntoks;
  d->nsents = 0;
  d->nparas = 0;
  if (n == 0) return;
  /* paragraph ranges */
  uint32_t first_para_end = 1;
  while (first_para_end < n && !(d->toks[first_para_end].flags & TF_PARA_BEFORE)) first_para_end++;
  uint32_t start = skip_dateline(d, first_para_end);
  prc_clean_openers(d);
  for (uint32_t k = 0; k < start; k++) d->toks[k].sent = 0;
  int32_t para = -1;
  uint32_t i = start;
  uint32_t sent_start = start;
  while (i < n) {
    if (d->toks[i].flags & TF_PARA_BEFORE || para < 0) {
      if (i > sent_start) add_sentence(d, sent_start, i, (uint32_t)para);
      sent_start = i;
      para++;
    }
    bool end_here = false;
    uint32_t j = i + 1;
    if (is_final_punct(d, i)) {
      while (j < n && is_closer(d, j)) j++;
      if (j >= n || (d->toks[j].flags & TF_PARA_BEFORE)) end_here = true;
      else {
        char c = d->text[d->toks[i].start];
        if (c == '.' || tok_is(d, i, "\xE2\x80\xA6") || c == '!' || c == '?') end_here = can_start(d, j);
        /* "“How many times?” Clinton said." is one sentence */
        if (end_here && (c == '!' || c == '?') && j > i + 1 && (d->toks[j - 1].flags & TF_QUOTE) &&
            (d->toks[sent_start].flags & TF_QUOTE) && (d->toks[sent_start].flags & TF_QOPEN) &&
            (d->toks[j].flags & TF_CAP) && attribution_tail(d, j, n))
          end_here = false;
        /* "he said. "Quote" ..." handled by can_start on the opening quote */
      }
    } else if ((d->toks[i].flags & TF_ABBREV) && j < n && !(d->toks[j].flags & TF_PARA_BEFORE)) {
      while (j < n && is_closer(d, j)) j++;
      if (j < n && !(d->toks[j].flags & TF_PARA_BEFORE)) end_here = abbrev_may_end(d, i, j);
    } else if (j < n && !(d->toks[j].flags & TF_PARA_BEFORE) && d->nsents > 0) {
      /* no punctuation: a caption or a boilerplate phrase run into the next
       * sentence (not in the first sentence: a headline's capitals are no evidence) */
      int join = prc_caption_join(d, sent_start, j);
      if (join) {
        add_sentence(d, sent_start, j, (uint32_t)para);
        d->sents[d->nsents - 1].kind = join == 2 ? SK_BOILER : SK_CAPTION;
        sent_start = j;
        i = j;
        continue;
      }
    }
    if (end_here) {
      d->toks[i].flags |= TF_SENT_END;
      add_sentence(d, sent_start, j, (uint32_t)para);
      sent_start = j;
      i = j;
      continue;
    }
    i++;
  }
  if (sent_start < n) add_sentence(d, sent_start, n, (uint32_t)(para < 0 ? 0 : para));
  prc_clean_openers_free(d);
  d->nparas = (uint32_t)(para + 1);
  /* headings: a paragraph of one short sentence without closing punctuation,
   * followed by more text */
  for (uint32_t s = 0; s < d->nsents; s++) {
    sentence *se = &d->sents[s];
    bool alone = (s == 0 || d->sents[s - 1].para != se->para) &&
                 (s + 1 < d->nsents && d->sents[s + 1].para != se->para);
    if (!alone) continue;
    uint32_t len = se->tok_end - se->tok_begin;
    if (len > 14) continue;
    uint32_t last = se->tok_end - 1;
    while (last > se->tok_begin && (d->toks[last].flags & TF_QUOTE)) last--;
    if (is_final_punct(d, last) || tok_is(d, last, ":") || tok_is(d, last, ",") || tok_is(d, last, ";"))
      continue;
    /* must contain a word */
    bool word = false;
    for (uint32_t k = se->tok_begin; k < se->tok_end; k++)
      if (d->toks[k].flags & TF_WORD) word = true;
    if (word) se->is_heading = true;
  }
  /* a dateline opening the text after a headline ("Harbour Bridge to close\n\n
   * WELLINGTON: The city's mayor said ..."): the sentence's body starts after
   * it (the one at the very start is skipped above) */
  uint32_t f = 0;
  while (f < d->nsents && f < DATELINE_HEADINGS && d->sents[f].is_heading) f++;
  if (f > 0 && f < d->nsents && !d->sents[f].is_heading && d->sents[f].body_start_tok == d->sents[f].tok_begin &&
      (f == 0 || d->sents[f - 1].para != d->sents[f].para)) {
    sentence *se = &d->sents[f];
    uint32_t k = caps_dateline_end(d, se->tok_begin, se->tok_end);
    if (k > se->tok_begin && k < se->tok_end) se->body_start_tok = k;
  }
}
