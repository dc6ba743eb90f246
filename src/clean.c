/* clean.c - stage 3a: captions and boilerplate in news copy.
 *
 * Two parts, around sentences.c:
 *
 *  - prc_caption_join (called by sentences.c while it splits): a sentence
 *    boundary with no punctuation.  Newspaper copy that lost its layout runs
 *    a photo caption into the next sentence ("... arrives at court on Monday
 *    The 34-year-old denies ...") and "Scroll down for video" into the text
 *    after it.  A join is taken only with evidence, before a capitalised word
 *    followed by a lower-case word or a number:
 *      - the word is a determiner or pronoun that does not continue a title
 *        ("the film The Godfather", "Gone With The Wind", "Serie A title");
 *      - the word before is the same name ("... international Muto Muto
 *        tussles with ...");
 *      - the word opens a sentence elsewhere in the document, a verb follows
 *        and a time ends the fragment ("... on Friday Rovers will confirm").
 *    The fragment before has at least four words and does not end in a
 *    function word, a speech verb, a title or a media noun.
 *
 *  - prc_clean_sentences (after sentences.c): sentence kinds.  A piece cut
 *    off at a caption join, or a line longer than a heading without closing
 *    punctuation and with a word of the picture desk ("pictured", "(left)"),
 *    is a caption; "Scroll down for video", "Click here ...",
 *    "Read more: ...", "RELATED: ...", "Rolling Stone: <headline> .",
 *    "Follow @...", "Share this article", bylines ("By Name") and dateline
 *    headers ("PUBLISHED: ... | UPDATED: ...", "Last updated at ...") are
 *    boilerplate.  Neither is a key point, a quote or a speech cue; both are
 *    reported (precis_doc_captions, precis_doc_boilerplate). */
#include <string.h>

#include "doc.h"
#include "lexicon.h"

static bool any_of(const precis_doc *d, uint32_t i, const char *const *words) {
  for (; *words; words++)
    if (tok_is(d, i, *words)) return true;
  return false;
}

static bool any_of_ci(const precis_doc *d, uint32_t i, const char *const *words) {
  for (; *words; words++)
    if (tok_ieq(d, i, *words)) return true;
  return false;
}

static bool is_lower_word(const precis_doc *d, uint32_t i) {
  const token *t = &d->toks[i];
  return (t->flags & TF_WORD) && !(t->flags & TF_CAP);
}

/* Capitalised words that start a sentence and almost never continue one
 * (outside titles, which the callers rule out). */
static const char *const DET_OPENERS[] = {"The", "A", "An", "This", "These", "Those", "His", "Her", "Their",
                                          "Its", "Our", "My", NULL};
static const char *const PRON_OPENERS[] = {"He", "She", "They", "It", "We", NULL};
/* Sentence adverbs and conjunctions: "... in the city of Hefei But he was ..." */
static const char *const CONJ_OPENERS[] = {"But", "However", "Meanwhile", NULL};
/* Nouns that put a title after them: "the film The Godfather", "told the paper The Sun". */
static const char *const MEDIA_NOUNS[] = {
    "film", "movie", "show", "series", "book", "novel", "newspaper", "magazine", "paper", "band", "group",
    "album", "song", "single", "play", "musical", "programme", "program", "sitcom", "drama", "documentary",
    "title", "hit", "track", "game", "restaurant", "pub", "hotel", "bar", "club", "channel", "station",
    "website", "site", "blog", "podcast", "column", "exhibition", "painting", "poem", "tabloid", "daily",
    "weekly", "shop", "store", "brand", "label", "app", "called", "named", "titled", "dubbed", "entitled",
    "starring", "reads", "read", "headlined", "vitamin", "grade", "class", "type", "plan", "category",
    "hepatitis", "division", "section", "part", "exhibit", "size", "level", "league", "row", "gate",
    "terminal", "platform", "route", "zone", "option", "question", "version", "model", "phase", "stage",
    "volume", "chapter", "appendix", "figure", "table", "lot", "unit", "block", "ward", "wing", "floor",
    "room", "bay", "plot", "tier", "band", "rank", "list", "line", "word", "letter", NULL};

static bool scroll_phrase_ends(const precis_doc *d, uint32_t seg, uint32_t i) {
  /* "Scroll down for video" / "Scroll down for more" / "Scroll down for videos"
   * right before i, starting the segment */
  if (i < seg + 4 || i != seg + 4) return false;
  return tok_ieq(d, seg, "Scroll") && tok_ieq(d, seg + 1, "down") && tok_ieq(d, seg + 2, "for") &&
         (tok_ieq(d, seg + 3, "video") || tok_ieq(d, seg + 3, "videos") || tok_ieq(d, seg + 3, "more"));
}

static uint32_t word_hash(const precis_doc *d, uint32_t i) {
  uint32_t h = 2166136261u;
  const char *s = tok_str(d, i);
  for (uint32_t k = 0, n = tok_len(d, i); k < n; k++) h = (h ^ (unsigned char)s[k]) * 16777619u;
  return h | 1u; /* 0 marks an empty slot */
}

/* Capitalised words that open a sentence somewhere in the document (after
 * . ! ? or at the start of a paragraph): a set of hashes for prc_caption_join,
 * scratch of sentences.c (prc_clean_openers_free). */
void prc_clean_openers(precis_doc *d) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < d->ntoks; i++) {
    const token *t = &d->toks[i];
    if (!(t->flags & TF_CAP) || (t->flags & TF_ALLCAP) || !(t->flags & TF_WORD)) continue;
    if (i == 0 || (t->flags & TF_PARA_BEFORE) || tok_is(d, i - 1, ".") || tok_is(d, i - 1, "!") || tok_is(d, i - 1, "?"))
      n++;
  }
  uint32_t size = 16;
  while (size < 2 * n) size *= 2;
  d->openers = prc_arena_scratch(&d->ar, size * sizeof(uint32_t));
  d->opener_mask = size - 1;
  for (uint32_t i = 0; i < d->ntoks; i++) {
    const token *t = &d->toks[i];
    if (!(t->flags & TF_CAP) || (t->flags & TF_ALLCAP) || !(t->flags & TF_WORD)) continue;
    if (!(i == 0 || (t->flags & TF_PARA_BEFORE) || tok_is(d, i - 1, ".") || tok_is(d, i - 1, "!") || tok_is(d, i - 1, "?")))
      continue;
    uint32_t h = word_hash(d, i), k = h & d->opener_mask;
    while (d->openers[k] && d->openers[k] != h) k = (k + 1) & d->opener_mask;
    d->openers[k] = h;
  }
}

void prc_clean_openers_free(precis_doc *d) {
  prc_arena_release_big(&d->ar, d->openers);
  d->openers = NULL;
}

static bool opens_elsewhere(const precis_doc *d, uint32_t i) {
  if (!d->openers) return false;
  uint32_t h = word_hash(d, i), k = h & d->opener_mask;
  while (d->openers[k]) {
    if (d->openers[k] == h) return true;
    k = (k + 1) & d->opener_mask;
  }
  return false;
}

static const char *const TIME_WORDS[] = {"yesterday", "today", "week", "weekend", "month", "year",
                                         "night", "morning", "afternoon", "evening", "season", NULL};
static bool time_word(const precis_doc *d, uint32_t p) {
  const token *t = &d->toks[p];
  if (t->lex & (LX_DAY | LX_MONTH)) return true;
  if ((t->flags & TF_NUMBER) && tok_len(d, p) == 4) return true; /* a year */
  /* "last week", "this season" (not "the night Lloyd was killed") */
  return (t->flags & TF_WORD) && !(t->flags & TF_CAP) && any_of(d, p, TIME_WORDS) && p > 0 &&
         (tok_ieq(d, p - 1, "last") || tok_ieq(d, p - 1, "this") || tok_ieq(d, p - 1, "next"));
}

/* "... reported last month Cameron had ...", "... said Tuesday that March
 * Rubio was ...": a time right after a speech verb or "that" belongs to a
 * reported clause; and a day or month must come after a preposition or a
 * number ("on Friday", "14 March") to end a caption. */
static bool reported_time(const precis_doc *d, uint32_t seg, uint32_t p) {
  const token *t = &d->toks[p];
  if ((t->lex & (LX_DAY | LX_MONTH)) || (t->flags & TF_NUMBER)) {
    if (p == 0) return true;
    uint32_t q = p - 1;
    if (!(d->toks[q].flags & TF_NUMBER) && !tok_ieq(d, q, "on") && !tok_ieq(d, q, "in") && !tok_ieq(d, q, "last") &&
        !tok_ieq(d, q, "this") && !tok_ieq(d, q, "since") && !tok_ieq(d, q, "until") && !tok_ieq(d, q, "early") &&
        !tok_ieq(d, q, "late") && !tok_ieq(d, q, "next"))
      return true;
  }
  for (uint32_t k = p, n = 0; k > seg && n < 4; k--, n++) {
    const token *u = &d->toks[k - 1];
    if ((u->lex & (LX_SPEECH | LX_SPEECH_PRESENT)) || tok_ieq(d, k - 1, "that")) return true;
  }
  return false;
}

/* Lower-case words that make the word before them a subject: "Rovers will confirm". */
static const char *const VERB_AFTER[] = {"will", "would", "is", "was", "are", "were", "has", "have", "had", "can",
                                         "could", "said", "says", "did", "does", "denies", "denied", "admits",
                                         "admitted", NULL};

int prc_caption_join(const precis_doc *d, uint32_t seg, uint32_t i) {
  if (i == 0 || i + 1 >= d->ntoks || i <= seg) return 0;
  const token *t = &d->toks[i];
  if (!(t->flags & TF_CAP) || (t->flags & TF_ALLCAP) || !(t->flags & TF_WORD)) return 0;
  if (t->flags & (TF_PARA_BEFORE | TF_NL_BEFORE)) return 0;
  if (scroll_phrase_ends(d, seg, i)) return 2;
  if (t->quote_depth > 0) return 0;
  uint32_t p = i - 1;
  const token *pt = &d->toks[p];
  /* "... Tobias Wrenfield (left) The 34-year-old ...": a closing bracket ends a
   * caption before a determiner or pronoun (below) */
  bool bracket = tok_is(d, p, ")") && p > 0 && (d->toks[p - 1].flags & TF_WORD) &&
                 (any_of(d, i, DET_OPENERS) || any_of(d, i, PRON_OPENERS));
  if (!(pt->flags & (TF_WORD | TF_NUMBER)) && !bracket) return 0;
  /* a caption-like fragment before: four words or more since the segment began,
   * no open quotation */
  uint32_t words = 0;
  for (uint32_t k = seg; k < i && words < 4; k++)
    if (d->toks[k].flags & (TF_WORD | TF_NUMBER)) words++;
  if (words < 4) return 0;
  /* the word after: lower case or a number ("The 34-year-old denies", "The speed camera") */
  uint32_t nx = i + 1;
  bool next_ok = is_lower_word(d, nx) || (d->toks[nx].flags & TF_NUMBER) ||
                 (tok_is(d, nx, ",") && any_of(d, i, CONJ_OPENERS));
  if (!next_ok) return 0;
  /* something must follow the join: three tokens at least before the next full stop */
  uint32_t more = 0;
  for (uint32_t k = i; k < d->ntoks && more < 3; k++) {
    if (k > i && (d->toks[k].flags & TF_PARA_BEFORE)) break;
    more++;
  }
  if (more < 3) return 0;
  uint32_t pf = pt->lex;
  /* the fragment must not end in a function word, a speech verb, a title or a media noun */
  if ((pf & (LX_STOP | LX_SPEECH | LX_SPEECH_PRESENT | LX_TITLE)) && !time_word(d, p)) return 0;
  if ((pt->flags & TF_WORD) && any_of_ci(d, p, MEDIA_NOUNS)) return 0;
  /* the same capitalised word twice: "... Japan international Muto Muto tussles with ..." */
  if ((pt->flags & TF_CAP) && tok_len(d, p) == tok_len(d, i) && memcmp(tok_str(d, p), tok_str(d, i), tok_len(d, i)) == 0 &&
      !(d->toks[nx].lex & LX_STOP))
    return 1;
  if (any_of(d, i, DET_OPENERS)) {
    /* "A" and "An" are also letters: "Serie A title", "Section 66 A", "country
     * A is ...": only after a lower-case word, before a word that is no
     * function word ("vitamin A supplements" is ruled out by the nouns above) */
    if ((tok_is(d, i, "A") || tok_is(d, i, "An")) &&
        (!is_lower_word(d, p) || !is_lower_word(d, nx) || (d->toks[nx].lex & LX_STOP)))
      return 0;
    return 1;
  }
  if (any_of(d, i, PRON_OPENERS) && is_lower_word(d, nx) && !(pt->flags & TF_CAP)) return 1;
  if (any_of(d, i, CONJ_OPENERS) && (is_lower_word(d, nx) || tok_is(d, nx, ","))) return 1;
  /* a word that opens a sentence elsewhere in the document, then a verb, after
   * the time that ends a caption (a day, a month, a year, "last week"): "...
   * on Friday Rovers will confirm ...".  Not after other words: "whether
   * Iran can", "the night Lloyd was killed" are one sentence. */
  if (any_of(d, nx, VERB_AFTER) && opens_elsewhere(d, i) && !tok_is(d, i, "I") && time_word(d, p) &&
      !(d->toks[i].lex & LX_TITLE) && !reported_time(d, seg, p)) {
    uint32_t w = 0;
    for (uint32_t k = seg; k < i && w < 6; k++)
      if (d->toks[k].flags & (TF_WORD | TF_NUMBER)) w++;
    if (w >= 6) return 1;
  }
  return 0;
}

/* ---- sentence kinds ------------------------------------------------------ */

static const char *const RELATED_LABELS[] = {"Read", "READ", "More", "MORE", "RELATED", "Related", "Opinion",
                                             "OPINION", "Watch", "WATCH", "See", "SEE", "ALSO", "PHOTOS",
                                             "VIDEO", NULL};
/* Outlets whose headlines other sites list as "Outlet: Headline ." */
static const char *const OUTLETS[] = {"Rolling Stone", "The Hollywood Reporter", "Variety", "Billboard",
                                      "Entertainment Weekly", "EW", "People", "Mashable", "WIRED", "Wired",
                                      "TIME", "Time", "Vulture", "Deadline", "Salon", "Slate", "Politico",
                                      "Forbes", "Fortune", "Money", "Travel + Leisure", "Food & Wine",
                                      "Health.com", "The Conversation", NULL};

/* Does the sentence [b, e) start with the words of phrase (space separated)?
 * Returns the token after them, or 0. */
static uint32_t starts_with(const precis_doc *d, uint32_t b, uint32_t e, const char *phrase) {
  uint32_t i = b;
  const char *p = phrase;
  while (*p) {
    const char *q = strchr(p, ' ');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    if (i >= e || tok_len(d, i) != n || memcmp(tok_str(d, i), p, n) != 0) return 0;
    i++;
    p += n;
    if (*p == ' ') p++;
  }
  return i;
}

/* The sentence ends as a link line does: a full stop after a space (" ." is
 * the paragraph break of these archives), a question mark, or no closing
 * punctuation at all. */
static bool link_line_end(const precis_doc *d, const sentence *s) {
  uint32_t last = s->tok_end - 1;
  const token *t = &d->toks[last];
  if (tok_is(d, last, ".")) return (t->flags & TF_SPACE_BEFORE) != 0;
  if (tok_is(d, last, "?") || tok_is(d, last, "!")) return true;
  return !(t->flags & TF_PUNCT) || (t->flags & TF_QUOTE);
}

static int boiler_kind(const precis_doc *d, const sentence *s) {
  uint32_t b = s->tok_begin, e = s->tok_end;
  if (e - b < 2) return -1;
  /* prompts */
  if (tok_ieq(d, b, "Scroll") && (tok_ieq(d, b + 1, "down") || tok_ieq(d, b + 1, "up"))) return PRECIS_BOILER_PROMPT;
  if (tok_ieq(d, b, "Click") && (tok_ieq(d, b + 1, "here") || tok_ieq(d, b + 1, "on") || tok_ieq(d, b + 1, "the")))
    return PRECIS_BOILER_PROMPT;
  /* share and follow */
  if (tok_ieq(d, b, "Follow")) {
    if (tok_is(d, b + 1, "@") || (tok_len(d, b + 1) > 1 && tok_str(d, b + 1)[0] == '@') || tok_ieq(d, b + 1, "us"))
      return PRECIS_BOILER_SHARE;
    for (uint32_t k = b + 1; k + 1 < e && k < b + 8; k++)
      if (tok_ieq(d, k, "on") && (tok_ieq(d, k + 1, "Twitter") || tok_ieq(d, k + 1, "Facebook") ||
                                  tok_ieq(d, k + 1, "Instagram")))
        return PRECIS_BOILER_SHARE;
  }
  if (tok_ieq(d, b, "Share") && (tok_ieq(d, b + 1, "this") || tok_ieq(d, b + 1, "on"))) return PRECIS_BOILER_SHARE;
  if (starts_with(d, b, e, "Like us on")) return PRECIS_BOILER_SHARE;
  /* related links: "Read more: ...", "RELATED: ...", "READ MORE: ...", "Opinion: ..." */
  {
    uint32_t k = b;
    while (k < e && k < b + 3 && any_of(d, k, RELATED_LABELS)) k++;
    if (k > b && k < e && tok_is(d, k, ":")) {
      /* "Read more from WIRED:" too */
      return PRECIS_BOILER_RELATED;
    }
    if (tok_ieq(d, b, "Read") && tok_ieq(d, b + 1, "more")) return PRECIS_BOILER_RELATED;
  }
  for (const char *const *o = OUTLETS; *o; o++) {
    uint32_t k = starts_with(d, b, e, *o);
    if (k && k + 1 < e && tok_is(d, k, ":") && link_line_end(d, s)) return PRECIS_BOILER_RELATED;
  }
  /* dateline headers: "PUBLISHED: ... | UPDATED: ...", "Last updated at ..." */
  if ((tok_is(d, b, "PUBLISHED") || tok_is(d, b, "UPDATED") || tok_is(d, b, "Published") || tok_is(d, b, "Updated")) &&
      tok_is(d, b + 1, ":"))
    return PRECIS_BOILER_DATELINE;
  if (tok_ieq(d, b, "Last") && tok_ieq(d, b + 1, "updated")) return PRECIS_BOILER_DATELINE;
  /* a byline line: "By Jane Smith", "By Jane Smith and Tom Brown", "By . Jane Smith ." */
  if (tok_is(d, b, "By") && e - b <= 12) {
    uint32_t k = b + 1, names = 0;
    for (; k < e; k++) {
      if (d->toks[k].flags & TF_CAP) names++;
      else if (tok_is(d, k, "and") || tok_is(d, k, ",") || tok_is(d, k, ".") || tok_is(d, k, "|") ||
               tok_is(d, k, "for") || tok_is(d, k, "In") || tok_is(d, k, "in"))
        continue;
      else break;
    }
    bool own_line = (d->toks[b].flags & TF_PARA_BEFORE) || b == 0;
    bool line_ends = e >= d->ntoks || (d->toks[e].flags & TF_PARA_BEFORE);
    if (k == e && names >= 1 && (own_line && line_ends)) return PRECIS_BOILER_BYLINE;
  }
  return -1;
}

static const char *const PHOTO_WORDS[] = {"pictured", "picture", "pictures", "photo", "photos", "photograph",
                                          "photographed", "inset", "clockwise", NULL};
/* these only set off by brackets or commas: "(left)", ", above," */
static const char *const PLACE_WORDS[] = {"left", "right", "centre", "center", "above", "below", "top", "bottom", NULL};

static bool photo_word(const precis_doc *d, uint32_t k, uint32_t b, uint32_t e) {
  if (any_of_ci(d, k, PHOTO_WORDS)) return true;
  if (!any_of_ci(d, k, PLACE_WORDS) || k == b || k + 1 >= e) return false;
  bool before = tok_is(d, k - 1, "(") || tok_is(d, k - 1, ",") || tok_ieq(d, k - 1, "far");
  bool after = tok_is(d, k + 1, ")") || tok_is(d, k + 1, ",");
  return before && after;
}

static void add_boiler(precis_doc *d, uint32_t start, uint32_t end, int kind, int32_t sent) {
  boiler *r = ARENA_PUSH(&d->ar, d->boilers, d->nboilers, d->cboilers, boiler);
  r->start = start;
  r->end = end;
  r->kind = (uint8_t)kind;
  r->sent = sent;
}

void prc_clean_sentences(precis_doc *d) {
  d->nboilers = 0;
  if (d->nsents == 0) return;
  /* the header sentences.c cut off before the first sentence: a byline
   * ("By . Name . PUBLISHED: ...") or a dateline header */
  uint32_t first = d->sents[0].tok_begin;
  if (first > 0 && (tok_is(d, 0, "By") || tok_is(d, 0, "PUBLISHED") || tok_ieq(d, 0, "Last"))) {
    uint32_t e = first;
    add_boiler(d, d->toks[0].start, d->toks[e - 1].end,
               tok_is(d, 0, "By") ? PRECIS_BOILER_BYLINE : PRECIS_BOILER_DATELINE, -1);
  }
  for (uint32_t s = 0; s < d->nsents; s++) {
    sentence *se = &d->sents[s];
    int k = boiler_kind(d, se);
    if (k >= 0) {
      se->kind = SK_BOILER;
      se->is_heading = false;
      add_boiler(d, se->start, se->end, k, (int32_t)s);
      continue;
    }
    if (se->kind != SK_TEXT || se->is_heading) continue;
    /* a line of its own without closing punctuation, too long for a heading,
     * with more text after it: a caption */
    bool alone = (s == 0 || d->sents[s - 1].para != se->para) &&
                 (s + 1 < d->nsents && d->sents[s + 1].para != se->para);
    if (!alone) continue;
    uint32_t last = se->tok_end - 1;
    while (last > se->tok_begin && (d->toks[last].flags & TF_QUOTE)) last--;
    const token *lt = &d->toks[last];
    if (lt->flags & TF_PUNCT) continue;
    /* with a word of the picture desk: "pictured", "(left)", "above" (list
     * items and lines of verse have no closing punctuation either) */
    bool photo = false;
    for (uint32_t k = se->tok_begin; k < se->tok_end && !photo; k++) photo = photo_word(d, k, se->tok_begin, se->tok_end);
    if (photo) se->kind = SK_CAPTION;
  }
}
