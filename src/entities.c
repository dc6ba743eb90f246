/* entities.c - stage 5: tokens (+ NER labels) -> entities and their mentions.
 *
 * Candidate name spans come from the statistical NER tagger when it ran
 * (tags.c collects d->ner_spans), else from capitalisation rules.  Either way the
 * same rules then
 *   - split titles off names ("Secretary Hegseth" -> title Secretary),
 *   - learn descriptions from appositions ("Britain's defence minister John
 *     Healey" -> Healey is a "defence minister"; "NATO chief Mark Rutte"),
 *   - type the spans (person / organisation / place / other),
 *   - and link aliases in the document (full name <-> surname, "Hegseth's").
 */
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "lexicon.h"
#include "tags.h"
#include "model/cue_model.h"

typedef struct cand { /* 16 bytes (peak memory): a title or description is in a side array */
  uint32_t b, e;     /* tokens of the name */
  uint8_t type;      /* ent_type */
  uint8_t typed;     /* type came from strong evidence */
  uint8_t keep_title; /* the tagger's MISC span starts with a title word: "Miss Universe" stays whole */
  uint8_t title_only; /* title words after a title: "Mr. President", unless a person's surname ("Mr. King") */
  int32_t ext;       /* its cand_ext, or -1 if it has neither */
} cand;
_Static_assert(sizeof(cand) == 16, "cand is 16 bytes");

/* A candidate's title and description: the title is the tokens
 * [title_b, cand.b) before the name, the description the tokens
 * [desc_b, title_b) before that (either may be empty). */
typedef struct cand_ext {
  uint32_t title_b, desc_b;
} cand_ext;

static bool is_word(const precis_doc *d, uint32_t i) { return (d->toks[i].flags & TF_WORD) != 0; }
static bool is_cap(const precis_doc *d, uint32_t i) { return (d->toks[i].flags & (TF_CAP | TF_WORD)) == (TF_CAP | TF_WORD); }
static uint32_t lx(const precis_doc *d, uint32_t i) { return d->toks[i].lex; }

/* Windows of the name rules, in tokens. */
#define TITLE_MAX 4          /* titles before a name joined to it: "Finance Minister Grace Whitfield" */
#define DESC_MODIFIER_MAX 5  /* a description before a name: "the former defence minister John Healey" */
#define ACRONYM_ORG_MAX 6    /* an all-capitals single word up to this length is an organisation */
#define INNER_WORDS_MAX 8    /* words of each mention indexed to confirm single-word candidates */
#define APPOSITION_MAX 10    /* "Ines Calloway, a former submarine commander,": the description */
/* token i in a named word list (lexicon.h): exact bytes / ASCII case folded */
static bool tok_in(const precis_doc *d, uint32_t i, lex_list l) { return prc_lex_in(l, tok_str(d, i), tok_len(d, i)); }
static bool tok_in_ci(const precis_doc *d, uint32_t i, lex_list l) {
  return prc_lex_in_ci(l, tok_str(d, i), tok_len(d, i));
}

static bool is_possessive(const precis_doc *d, uint32_t i) {
  return i < d->ntoks && (tok_ieq(d, i, "'s") || tok_is(d, i, "\xE2\x80\x99s") || tok_is(d, i, "\xE2\x80\x99S"));
}

/* sentence-initial (or quote-initial) position */
static bool at_start(const precis_doc *d, uint32_t i) {
  uint32_t s = d->toks[i].sent;
  if (s < d->nsents && d->sents[s].tok_begin == i) return true;
  if (i > 0 && (d->toks[i - 1].flags & TF_QUOTE) && (d->toks[i - 1].flags & TF_QOPEN)) return true;
  if (i > 0 && (tok_is(d, i - 1, ":") || tok_is(d, i - 1, "(") || tok_is(d, i - 1, "\xE2\x80\x94") || tok_is(d, i - 1, "--")))
    return true;
  return false;
}

/* sentence-initial, or right after a sentence-initial "The": a capital there
 * says nothing of a name ("The Latest: ...", AP's heading) */
static bool name_start(const precis_doc *d, uint32_t i) {
  return at_start(d, i) || (i > 0 && tok_ieq(d, i - 1, "the") && at_start(d, i - 1));
}

static bool non_name(const precis_doc *d, uint32_t i) { return tok_in_ci(d, i, LXL_NON_NAME); }

/* a party-state tag after a politician's name: "(D-N.Y.)", ", R-Tenn.," */
static bool party_tag(const precis_doc *d, uint32_t i) {
  const char *s = tok_str(d, i);
  uint32_t n = tok_len(d, i);
  return n >= 3 && s[1] == '-' && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') && s[2] >= 'A' && s[2] <= 'Z' && i > 0 &&
         (tok_is(d, i - 1, "(") || tok_is(d, i - 1, ","));
}

/* a capitalised title that heads an organisation: "Wells Fargo CEO John Stumpf" */
static bool org_head_title(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"CEO", "CFO", "COO", "CTO", "Chairman", "Chairwoman", "Chief", "President",
                                  "Director", "Founder", "Commissioner", "Editor", "Editor-in-Chief", "Publisher", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_is(d, i, *p)) return true;
  return false;
}

/* a company officer's title that the tagger takes into the company's name
 * ("Google CFO Patrick Pichette", "Guardian Editor-in-Chief Alan Rusbridger"
 * tagged as one organisation); "CEO", "President", "Chief" spans are
 * already split as a title (split_title) */
static bool officer_title(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"CFO", "COO", "CTO", "Editor-in-Chief", "Publisher", "Editor", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_is(d, i, *p)) return true;
  return false;
}

/* a word that is part of such a title, not of the company's name:
 * "Managing Editor", "Sports Editor", "Executive Editor" */
static bool title_modifier(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"Executive", "Managing", "Assistant", "Deputy", "Senior", "Associate", "Chief",
                                  "Contributing", "Political", "Foreign", "Digital", "News", "Features", "Sports",
                                  "Business", "Opinion", "Politics", "Science", "Health", "Technology", "Travel",
                                  "Fashion", "Photo", "City", "National", "International", "Financial", "Finance",
                                  "Operating", "Technical", "Copy", "Web", "Online", "Editorial", "Group", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_is(d, i, *p)) return true;
  return false;
}

/* a label of a transcript: "WALLACE:" at the start of a paragraph (or of a
 * quotation opening one) */
static bool speaker_label(const precis_doc *d, uint32_t b, uint32_t e) {
  if (e >= d->ntoks || !tok_is(d, e, ":")) return false;
  for (uint32_t t = b; t < e; t++)
    if (!(d->toks[t].flags & TF_ALLCAP)) return false;
  uint32_t p = b;
  if (p > 0 && (d->toks[p - 1].flags & TF_QUOTE) && (d->toks[p - 1].flags & TF_QOPEN)) p--;
  return p == 0 || (d->toks[p].flags & TF_PARA_BEFORE);
}

/* Is token i a proper noun (the tagger's PROPN) whose verb, right after it or
 * after one adverb, is a speech cue (the lexicon's or the learned tagger's):
 * "Kovac denied", "Politifact then ruled"? */
static bool speaks_next(const precis_doc *d, uint32_t i) {
  if (!d->has_pos || d->toks[i].pos != TAG_UPOS_PROPN || (d->toks[i].flags & TF_ALLCAP)) return false;
  uint32_t v = i + 1;
  if (v < d->ntoks && d->toks[v].sent == d->toks[i].sent && d->toks[v].pos == TAG_UPOS_ADV) v++;
  if (v >= d->ntoks || d->toks[v].sent != d->toks[i].sent) return false;
  if (d->toks[v].pos != TAG_UPOS_VERB) return false;
  /* (the tagged span may start at the adverb: "[then ruled]") */
  return (lx(d, v) & LX_SPEECH) || (d->cue_lab && (d->cue_lab[v] & 3) != PRC_CUE_O);
}

static void add_cand(precis_doc *d, cand **cs, uint32_t *n, uint32_t *cap, uint32_t b, uint32_t e, ent_type t,
                     int typed) {
  if (e <= b) return;
  cand *c = ARENA_PUSH(&d->ar, *cs, *n, *cap, cand);
  memset(c, 0, sizeof *c);
  c->b = b;
  c->e = e;
  c->type = (uint8_t)t;
  c->typed = (uint8_t)typed;
  c->ext = -1;
}

/* Capitalisation rules: maximal runs of capitalised words, with "of", "for",
 * "de", "al", "bin" etc. allowed inside when a capital follows. */
static bool name_particle(const precis_doc *d, uint32_t i);

static void rule_candidates(precis_doc *d, cand **cs, uint32_t *n, uint32_t *cap) {
  uint32_t i = 0;
  while (i < d->ntoks) {
    if (!is_cap(d, i) || d->sents[d->toks[i].sent].is_heading || d->sents[d->toks[i].sent].kind == SK_BOILER) { i++; continue; }
    uint32_t b = i, e = i + 1;
    while (e < d->ntoks && d->toks[e].sent == d->toks[b].sent && !(d->toks[e].flags & TF_PARA_BEFORE)) {
      if (is_cap(d, e)) { e++; continue; }
      if (tok_in(d, e, LXL_NAME_PARTICLE) && e + 1 < d->ntoks && is_cap(d, e + 1) && !(lx(d, e + 1) & (LX_MONTH | LX_DAY))) {
        /* "and" only joins organisation-like names: "Marks and Spencer" is rare; allow "&" always */
        if (tok_is(d, e, "and")) break;
        e += 1;
        continue;
      }
      /* two particles: "Rafael van der Vaart", "Ursula von der Leyen" */
      if (name_particle(d, e) && e + 2 < d->ntoks && name_particle(d, e + 1) && is_cap(d, e + 2)) {
        e += 2;
        continue;
      }
      /* a dot-initial inside a name: "George W. Bush" (W. is one token) */
      break;
    }
    /* strip sentence-initial function words and other non-name words at the edges */
    while (b < e) {
      uint32_t f = lx(d, b);
      if ((f & (LX_STOP | LX_SENT_START | LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1 | LX_MONTH | LX_DAY |
                LX_COMMON | LX_DEMONYM)) &&
          (at_start(d, b) || (f & (LX_MONTH | LX_DAY | LX_DEMONYM)) || tok_is(d, b, "I"))) {
        b++;
        continue;
      }
      if (non_name(d, b)) { b++; continue; }
      /* a sentence-initial capitalised speech verb or common word: "Speaking", "Asked" */
      if (at_start(d, b) && (f & LX_SPEECH)) { b++; continue; }
      break;
    }
    while (e > b) {
      uint32_t f = lx(d, e - 1);
      if ((f & (LX_MONTH | LX_DAY)) || non_name(d, e - 1) || tok_is(d, e - 1, "of") || tok_is(d, e - 1, "for") ||
          ((f & LX_DEMONYM) && e - 1 == b)) {
        e--;
        continue;
      }
      break;
    }
    if (e > b) add_cand(d, cs, n, cap, b, e, ENT_OTHER, 0);
    i = (e > i + 1) ? e : i + 1;
    if (i < e) i = e;
  }
}

/* sentence adverbs the taggers may read as the first word of a name */
static bool opener_adverb(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"meanwhile", "however", "instead", "still", "even", "also", "thus",
                                  "therefore", "hence", "then", "earlier", "later", "since", "until", "although", "though", "because",
                                  "while", "when", "after", "before", "again", "already", "soon", NULL};
  if (!(lx(d, i) & LX_STOP)) return false;
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, i, *p)) return true;
  return false;
}

static bool time_word(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"early", "late", "last", "next", "this", "every", "beginning", "starting", NULL};
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, i, *p)) return true;
  return false;
}

static bool full_day(const precis_doc *d, uint32_t i) { return (lx(d, i) & LX_DAY) && tok_len(d, i) >= 6; }

/* A lower-case particle inside a person's name: "Bill de Blasio", "Ursula von
 * der Leyen", "Rafael van der Vaart", "Osama bin Laden". */
static bool name_particle(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"de", "van", "von", "da", "di", "del", "della", "der", "den", "du",
                                  "dos", "das", "la", "le", "bin", "ibn", "al", "ter", "ten", NULL};
  if (d->toks[i].flags & TF_CAP) return false;
  for (const char *const *p = w; *p; p++)
    if (tok_is(d, i, *p)) return true;
  return false;
}

/* A surname particle capitalised, as it is when the surname stands alone
 * ("Van Ryn", "De Blasio"); the linking checks that an earlier full name ends
 * with the same words. */
static bool cap_particle(const precis_doc *d, uint32_t i) {
  static const char *const w[] = {"de", "van", "von", "da", "di", "del", "della", "der", "den", "du", "dos", "das",
                                  "la", "le", "ter", "ten", NULL};
  if (!(d->toks[i].flags & TF_CAP)) return false;
  for (const char *const *p = w; *p; p++)
    if (tok_ieq(d, i, *p)) return true;
  return false;
}

/* Does name end with the n bytes at s, ASCII case folded, after a space? */
static bool name_ends_with(const char *name, const char *s, size_t n) {
  size_t m = strlen(name);
  return m > n && name[m - n - 1] == ' ' && strncasecmp(name + m - n, s, n) == 0;
}

static void ner_candidates(precis_doc *d, cand **cs, uint32_t *n, uint32_t *cap) {
  uint32_t prev_e = 0;   /* the end of the tagger's previous span */
  uint32_t resume = 0;   /* a span cut at a colon: where its second part starts */
  for (uint32_t k = 0; k < d->nner; k++) {
    ner_span *sp = &d->ner_spans[k];
    uint32_t i = sp->b, e = sp->e;
    if (resume > i && resume < e) {
      i = resume;
      while (i < e && !is_word(d, i)) i++; /* "News: ." */
    }
    resume = 0;
    /* a span goes across no colon: "WALLACE: Let's start", "Politifact: Donald
     * Trump" are two spans (the second part is looked at next) */
    for (uint32_t t = i; t < e; t++)
      if (tok_is(d, t, ":")) {
        if (t + 1 < e) { resume = t + 1; k--; }
        e = t;
        break;
      }
    /* titles are not taken from a name or organisation just before: "Wells
     * Fargo CEO John Stumpf" (a demonym may precede: "Iranian Deputy Foreign Minister") */
    const uint32_t span_prev_e = prev_e;
    prev_e = (sp->type == TAG_ENT_PER || sp->type == TAG_ENT_ORG) ? e : 0;
    if (e <= i) continue;
    ent_type t = sp->type == TAG_ENT_PER ? ENT_PERSON : sp->type == TAG_ENT_ORG ? ENT_ORG
               : sp->type == TAG_ENT_LOC ? ENT_PLACE : ENT_OTHER;
    /* a person's name goes on through lower-case particles to a capitalised
     * word of the same sentence ("Bill" "de" "Blasio" was two people); a
     * person span the tagger started there is taken in */
    while (t == ENT_PERSON && e + 1 < d->ntoks && d->toks[e].sent == d->toks[i].sent) {
      uint32_t j = e;
      while (j < d->ntoks && j < e + 2 && name_particle(d, j)) j++;
      if (j == e || j >= d->ntoks || d->toks[j].sent != d->toks[i].sent || !(d->toks[j].flags & TF_CAP) ||
          !(d->toks[j].flags & TF_WORD))
        break;
      e = j + 1;
      while (k + 1 < d->nner && d->ner_spans[k + 1].b <= j) {
        k++;
        if (d->ner_spans[k].e > e) e = d->ner_spans[k].e;
      }
    }
    /* demonyms tagged MISC are not entities of the document */
    if (t == ENT_OTHER && e == i + 1 && (lx(d, i) & LX_DEMONYM)) continue;
    if (d->sents[d->toks[i].sent].is_heading || d->sents[d->toks[i].sent].kind == SK_BOILER) continue;
    /* the tagger's capitalised sentence adverbs and days are not names:
     * "Meanwhile Trump" is Trump, "Wednesday" (tagged ORG) is nobody, "the Times
     * on Saturday" is the Times, "Early Thursday" nothing; but "Sunday Times",
     * "Bloody Sunday" (MISC) and "The Today Show" stay (full day names only:
     * "Sun" and "Wed" may be names, as months may: Theresa May) */
    while (i + 1 < e && at_start(d, i) && opener_adverb(d, i)) i++;
    if (e == i + 1 && full_day(d, i)) continue;
    if (t != ENT_OTHER && e > i + 1 && full_day(d, e - 1)) {
      e--;
      while (e > i && (lx(d, e - 1) & LX_STOP)) e--;
      if (e == i + 1 && time_word(d, i)) continue;
    }
    if (e <= i) continue;
    /* a capitalised "Today" right after a name, inside a sentence, is part of
     * it: "USA Today", "Psychology Today" (a publication) */
    if (e < d->ntoks && tok_is(d, e, "Today") && d->toks[e].sent == d->toks[i].sent && !at_start(d, e) &&
        !(e + 1 < d->ntoks && tok_is(d, e + 1, "Show"))) {
      e++;
      t = ENT_ORG;
    }
    /* titles before the name belong to the mention: "Secretary Hegseth", "Finance Minister Grace Whitfield" */
    uint32_t b = i;
    while (b > 0 && b - 1 >= span_prev_e && d->toks[b - 1].sent == d->toks[i].sent && (d->toks[b - 1].flags & TF_CAP) &&
           ((lx(d, b - 1) & LX_TITLE) ||
            (b < i && (lx(d, b) & LX_TITLE) && !(lx(d, b - 1) & (LX_STOP | LX_SENT_START)))) &&
           i - b < TITLE_MAX)
      b--;
    /* a title alone is nobody: "Mr. President", "Rep." (a sentence split after
     * the abbreviation), "Vice President (then-Senator)" */
    bool only_titles = true;
    for (uint32_t t2 = i; t2 < e && only_titles; t2++) only_titles = (lx(d, t2) & LX_TITLE) != 0;
    if (only_titles && b == i &&
        ((d->toks[i].flags & TF_ABBREV) || (lx(d, i) & LX_ABBREV_NOEND) ||
         (e == i + 1 && e + 1 < d->ntoks && tok_is(d, e, ".") && !(d->toks[e].flags & TF_SPACE_BEFORE) &&
          is_cap(d, e + 1)))) /* "Del. Stacey Plaskett" */
      continue;
    /* the tagger's MISC span that starts with a title word and goes on with no
     * first name is a title of its own: "Miss Universe", "Miss Housekeeping" */
    bool keep_title = t == ENT_OTHER && b == i && e == i + 2 && tok_in_ci(d, i, LXL_ADDRESS_FORM) && !(lx(d, i + 1) & LX_TITLE) &&
                      !prc_names_is_first(tok_str(d, i + 1), tok_len(d, i + 1));
    if (b < i) t = ENT_PERSON;
    /* a name before a title that heads an organisation, before a person:
     * "Wells Fargo CEO John Stumpf" (the tagger's PER) is the company */
    if (t == ENT_PERSON && b == i && e - i >= 2 && e + 1 < d->ntoks && org_head_title(d, e) && is_cap(d, e + 1) &&
        d->toks[e + 1].sent == d->toks[i].sent)
      t = ENT_ORG;
    /* gazetteer knowledge wins for single words: "Kyiv's backers" is a place */
    if (t == ENT_OTHER && (lx(d, e - 1) & LX_ORG_WORD)) t = ENT_ORG; /* "Waterfront Traders Association" */
    if (e == i + 1 && b == i) {
      if (lx(d, i) & LX_PLACE) t = ENT_PLACE;
      else if (lx(d, i) & LX_ORG_KNOWN) t = ENT_ORG;
    }
    /* one span for a company, its officer's title and the officer: "Harbour
     * Bank CFO Patrick Lindqvist", "Guardian Editor-in-Chief Alan Rusbridger"
     * are the organisation, then the person with the title */
    if (t != ENT_PERSON && b == i && e - i >= 3) {
      for (uint32_t j = i + 1; j + 2 <= e; j++)
        if (officer_title(d, j) && (d->toks[j - 1].flags & TF_CAP) && !(lx(d, j - 1) & LX_TITLE) &&
            !title_modifier(d, j - 1) && prc_names_is_first(tok_str(d, j + 1), tok_len(d, j + 1))) {
          add_cand(d, cs, n, cap, i, j, ENT_ORG, 1);
          b = i = j;
          t = ENT_PERSON;
          /* the surname the tagger left to a span of its own: "... CFO Patrick | Lindqvist" */
          while (e < d->ntoks && e - j < TITLE_MAX + 3 && d->toks[e].sent == d->toks[j].sent &&
                 (d->toks[e].flags & TF_CAP) && (d->toks[e].flags & TF_WORD) && !(lx(d, e) & (LX_STOP | LX_TITLE))) {
            if (k + 1 < d->nner && d->ner_spans[k + 1].b == e && d->ner_spans[k + 1].type == TAG_ENT_PER)
              e = d->ner_spans[++k].e;
            else if (k + 1 >= d->nner || d->ner_spans[k + 1].b > e)
              e++; /* a word the tagger left out */
            else
              break;
          }
          break;
        }
    }
    add_cand(d, cs, n, cap, b, e, t, 1);
    if (keep_title) (*cs)[*n - 1].keep_title = 1;
    if (only_titles && b < i) (*cs)[*n - 1].title_only = 1;
  }
}

/* Split a title off the front of a candidate: "Secretary Hegseth", "Vice President JD Vance". */
/* Returns where the title starts (c->b once split off: c->b if there is none). */
static uint32_t split_title(precis_doc *d, cand *c) {
  if (c->keep_title) return c->b;
  uint32_t b = c->b;
  while (b + 1 < c->e && ((lx(d, b) & LX_TITLE) ||
                          ((lx(d, b) & LX_ROLE) && prc_names_is_first(tok_str(d, b + 1), tok_len(d, b + 1)))))
    b++;
  /* "Finance Minister Grace Whitfield", "Bank of England Governor Mark Carney",
   * "Deputy Prime Minister John Prescott" (0.12.3: "Prime Minister John
   * Prescott" was the name): the last title word before a known first name */
  {
    for (uint32_t j = c->e - 1; j > (b > c->b + 1 ? b : c->b + 1); j--) {
      if ((lx(d, j - 1) & LX_TITLE) && (prc_names_is_first(tok_str(d, j), tok_len(d, j)) || c->e - j >= 2) &&
          !(lx(d, c->e - 1) & LX_ORG_WORD)) {
        b = j;
        break;
      }
    }
  }
  if (b > c->b && (lx(d, c->e - 1) & LX_ORG_WORD)) b = c->b; /* "General Motors" */
  uint32_t title_b = c->b;
  if (b > c->b) {
    c->b = b;
    c->type = ENT_PERSON;
    c->typed = 1;
  }
  return title_b;
}

/* Lower-case role words right before a name: "defence minister John Healey",
 * "NATO chief Mark Rutte", "Ukraine's leader Volodymyr Zelensky". */
/* b: where the title starts (split_title); returns where the description
 * before it starts (b if there is none). */
static uint32_t find_apposition(precis_doc *d, cand *c, uint32_t b) {
  if (b == 0) return b;
  uint32_t k = b;
  bool role = false;
  while (k > 0) {
    uint32_t p = k - 1;
    if (d->toks[p].sent != d->toks[c->b].sent) break;
    uint32_t f = lx(d, p);
    if (is_word(d, p) && !(d->toks[p].flags & TF_CAP) && (f & LX_ROLE)) { role = true; k = p; continue; }
    if (role && is_word(d, p) && !(d->toks[p].flags & TF_CAP) && !(f & (LX_STOP | LX_SPEECH)) && b - p < DESC_MODIFIER_MAX &&
        !is_possessive(d, p)) {
      k = p; /* "defence", "former", "foreign" */
      continue;
    }
    break;
  }
  if (!role) return b;
  /* include an owner: "Britain's", "NATO" */
  uint32_t own = k;
  if (own >= 2 && is_possessive(d, own - 1) && is_cap(d, own - 2)) own -= 2;
  else if (own >= 1 && is_cap(d, own - 1) && (d->toks[own - 1].flags & TF_ALLCAP)) own -= 1;
  c->type = ENT_PERSON;
  c->typed = 1;
  return own;
}

static ent_type guess_type(precis_doc *d, cand *c, bool *strong) {
  *strong = true;
  uint32_t last = c->e - 1;
  uint32_t fl = lx(d, last), ff = lx(d, c->b);
  if (c->e - c->b >= 2 && tok_ieq(d, last, "States") && tok_ieq(d, c->b, "United")) return ENT_PLACE;
  if (c->e - c->b >= 2 && tok_ieq(d, last, "Kingdom")) return ENT_PLACE;
  if (fl & LX_ORG_WORD) return ENT_ORG;
  if (c->e - c->b == 1 && (ff & LX_ORG_KNOWN)) return ENT_ORG;
  if (c->e - c->b == 1 && tok_in(d, c->b, LXL_COUNTRY_ABBREV)) return ENT_PLACE;
  if (fl & LX_PLACE && !(prc_names_gender(tok_str(d, c->b), tok_len(d, c->b)) && c->e - c->b >= 2)) return ENT_PLACE;
  if (c->e - c->b >= 2 && prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b))) return ENT_PERSON;
  if (c->e - c->b == 1 && (d->toks[c->b].flags & TF_ALLCAP) && tok_len(d, c->b) <= ACRONYM_ORG_MAX) return ENT_ORG;
  *strong = false;
  /* weak evidence */
  if (c->e - c->b == 1 && prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b))) return ENT_PERSON;
  if (c->b > 0 && (tok_is(d, c->b - 1, "in") || tok_is(d, c->b - 1, "In") || tok_is(d, c->b - 1, "from")))
    return ENT_PLACE;
  if (c->e < d->ntoks && c->e - c->b == 1) {
    uint32_t nf = lx(d, c->e);
    if (nf & LX_SPEECH) return ENT_PERSON;
    if (is_possessive(d, c->e)) return ENT_PERSON;
    if (tok_in(d, c->e, LXL_PERSON_VERB)) return ENT_PERSON;
  }
  return ENT_OTHER;
}

static bool span_eq(const precis_doc *d, uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) {
  if (e1 - b1 != e2 - b2) return false;
  for (uint32_t k = 0; k < e1 - b1; k++) {
    if (tok_len(d, b1 + k) != tok_len(d, b2 + k)) return false;
    if (memcmp(tok_str(d, b1 + k), tok_str(d, b2 + k), tok_len(d, b1 + k))) return false;
  }
  return true;
}

static inline unsigned char fold_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* the same, ASCII case folded: "PENCE" = "Pence" */
static bool span_eq_ci(const precis_doc *d, uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) {
  if (e1 - b1 != e2 - b2) return false;
  for (uint32_t k = 0; k < e1 - b1; k++) {
    uint32_t L = tok_len(d, b1 + k);
    if (L != tok_len(d, b2 + k)) return false;
    const unsigned char *x = (const unsigned char *)tok_str(d, b1 + k), *y = (const unsigned char *)tok_str(d, b2 + k);
    for (uint32_t j = 0; j < L; j++)
      if (fold_ascii(x[j]) != fold_ascii(y[j])) return false;
  }
  return true;
}

static const char *span_text(precis_doc *d, uint32_t b, uint32_t e) {
  return prc_arena_strndup(&d->ar, d->text + d->toks[b].start, d->toks[e - 1].end - d->toks[b].start);
}

/* Does a person's canonical name give a first name other than token b's?
 * "Hillary Clinton" against "Bill": yes; against "Hillary", a title
 * ("Minister Zarif") or a one-word name: no; "Finland-born Kulovaara" (a
 * hyphenated word, a capitalised modifier) gives none. */
static bool other_first_name(const precis_doc *d, const char *name, uint32_t b) {
  const char *sp = name ? strchr(name, ' ') : NULL;
  if (!sp || sp == name) return false;
  const size_t n = (size_t)(sp - name);
  if (memchr(name, '-', n) || lex_has(name, n, LX_TITLE) || (lx(d, b) & LX_TITLE)) return false;
  return n != tok_len(d, b) || strncasecmp(name, tok_str(d, b), n) != 0;
}

/* The gender a noun right before a name gives its person ("9/11 widow
 * Terry Strada", "actress Holly Hunter"), else 0: it outweighs the first
 * name's usual gender. */
static int premod_gender(const precis_doc *d, uint32_t b) {
  static const char *const male[] = {"widower", "husband", "father", "son", "brother", "grandfather", "uncle",
                                     "nephew", "boyfriend", "businessman", "congressman", "grandson", NULL};
  static const char *const female[] = {"widow", "wife", "mother", "daughter", "sister", "grandmother", "aunt",
                                       "niece", "girlfriend", "actress", "businesswoman", "congresswoman",
                                       "granddaughter", "heiress", "waitress", "mum", "mom", NULL};
  if (b == 0 || !(d->toks[b - 1].flags & TF_WORD) || (d->toks[b - 1].flags & TF_CAP)) return 0;
  for (const char *const *w = male; *w; w++)
    if (tok_ieq(d, b - 1, *w)) return 'm';
  for (const char *const *w = female; *w; w++)
    if (tok_ieq(d, b - 1, *w)) return 'f';
  return 0;
}

static int32_t new_entity(precis_doc *d, cand *c) {
  entity *en = ARENA_PUSH(&d->ar, d->ents, d->nents, d->cents, entity);
  memset(en, 0, sizeof *en);
  en->name = span_text(d, c->b, c->e);
  en->type = (uint8_t)c->type;
  if (c->type == ENT_PERSON && c->e - c->b >= 2) {
    const int g = premod_gender(d, c->b);
    en->gender = (uint8_t)(g ? g : prc_names_gender(tok_str(d, c->b), tok_len(d, c->b)));
  }
  return (int32_t)(d->nents - 1);
}

static void add_desc(precis_doc *d, entity *en, const char *s) {
  for (uint32_t k = 0; k < en->ndescs; k++)
    if (!strcmp(en->descs[k], s)) return;
  const char **slot = ARENA_PUSH(&d->ar, en->descs, en->ndescs, en->cdescs, const char *);
  *slot = s;
}

static void learn_title(precis_doc *d, entity *en, uint32_t b, uint32_t e) {
  if (e <= b) return;
  const char *t = span_text(d, b, e);
  if (!en->title) en->title = t;
  add_desc(d, en, t);
  /* gender from titles */
  for (uint32_t k = b; k < e; k++) {
    if (tok_in_ci(d, k, LXL_MALE_TITLE)) en->gender = 'm';
    if (tok_in_ci(d, k, LXL_FEMALE_TITLE)) en->gender = 'f';
  }
}

/* A hash map from token spans (compared by their text) to an int, in the
 * arena: keeps name linking linear in the number of mentions.  8-byte slots
 * (peak memory): a slot holds its key, not the span nor its hash -- a token
 * index (the span of that one token) or, in a map over candidates, an index
 * into cs (that candidate's span); the hash is computed again when the map
 * grows. */
typedef struct smap_slot {
  uint32_t key1; /* the key + 1; 0: an empty slot */
  int32_t val;
} smap_slot;
typedef struct smap {
  smap_slot *s;
  const cand *cs; /* keys index cs; NULL: keys are token indexes */
  uint32_t mask, n;
  bool ci; /* keys compared ASCII case folded */
} smap;

/* starts small and doubles at half full: sized by what it holds, not by the
 * candidates (most maps hold a fraction of them) */
static void smap_init(precis_doc *d, smap *m, const cand *cs) {
  m->s = prc_arena_scratch(&d->ar, 64 * sizeof(smap_slot)); /* prc_arena_release_big after the stage */
  m->cs = cs;
  m->mask = 63;
  m->n = 0;
  m->ci = false;
}

static uint32_t span_hash(const precis_doc *d, const smap *m, uint32_t b, uint32_t e) {
  uint32_t h = 2166136261u;
  for (uint32_t t = b; t < e; t++) {
    const unsigned char *p = (const unsigned char *)tok_str(d, t);
    for (uint32_t k = 0; k < tok_len(d, t); k++) h = (h ^ (m->ci ? fold_ascii(p[k]) : p[k])) * 16777619u;
    h = (h ^ 0x1f) * 16777619u;
  }
  return h;
}

static void key_span(const smap *m, uint32_t key, uint32_t *b, uint32_t *e) {
  if (m->cs) {
    *b = m->cs[key].b;
    *e = m->cs[key].e;
  } else {
    *b = key;
    *e = key + 1;
  }
}

static smap_slot *smap_find_h(const precis_doc *d, const smap *m, uint32_t h, uint32_t b, uint32_t e) {
  uint32_t i = h & m->mask;
  for (;;) {
    smap_slot *sl = &m->s[i];
    if (!sl->key1) return sl;
    uint32_t sb, se;
    key_span(m, sl->key1 - 1, &sb, &se);
    if (m->ci ? span_eq_ci(d, sb, se, b, e) : span_eq(d, sb, se, b, e)) return sl;
    i = (i + 1) & m->mask;
  }
}

/* the value of span [b, e), or -1 */
static int32_t smap_get(const precis_doc *d, const smap *m, uint32_t b, uint32_t e) {
  smap_slot *sl = smap_find_h(d, m, span_hash(d, m, b, e), b, e);
  return sl->key1 ? sl->val : -1;
}

/* puts key's span -> val unless the span is there already (the first one stays) */
static void smap_put(precis_doc *d, smap *m, uint32_t key, int32_t val) {
  uint32_t b, e;
  key_span(m, key, &b, &e);
  uint32_t h = span_hash(d, m, b, e);
  smap_slot *sl = smap_find_h(d, m, h, b, e);
  if (sl->key1) return;
  if (2 * (m->n + 1) > m->mask + 1) { /* grow: the keys are distinct, so each goes to a free slot */
    smap_slot *old = m->s;
    uint32_t ocap = m->mask + 1;
    m->s = prc_arena_scratch(&d->ar, (size_t)ocap * 2 * sizeof(smap_slot));
    m->mask = ocap * 2 - 1;
    for (uint32_t k = 0; k < ocap; k++) {
      if (!old[k].key1) continue;
      uint32_t ob, oe;
      key_span(m, old[k].key1 - 1, &ob, &oe);
      uint32_t i = span_hash(d, m, ob, oe) & m->mask;
      while (m->s[i].key1) i = (i + 1) & m->mask;
      m->s[i] = old[k];
    }
    prc_arena_release_big(&d->ar, old);
    sl = smap_find_h(d, m, h, b, e);
  }
  m->n++;
  sl->key1 = key + 1;
  sl->val = val;
}

/* a mention used as a place: "in Charlotte", "Charlotte, N.C.", "from
 * Charlotte" (not "in Clinton's view") */
/* 0: no; 1: after a preposition (weak); 2: before a state or in a dateline (strong) */
static int place_use(const precis_doc *d, uint32_t b, uint32_t e) {
  if (is_possessive(d, e)) return 0;
  if (b > 0 && (tok_is(d, b - 1, "in") || tok_is(d, b - 1, "from") || tok_is(d, b - 1, "across") ||
                tok_is(d, b - 1, "near") || tok_is(d, b - 1, "outside")))
    return 1;
  /* a state after a comma: "Charlotte, N.C.", "Roanoke, Va.", "Charlotte, North Carolina" */
  if (e + 1 < d->ntoks && tok_is(d, e, ",") && is_cap(d, e + 1) &&
      ((lx(d, e + 1) & LX_PLACE) || ((d->toks[e + 1].flags & TF_ABBREV) && tok_len(d, e + 1) <= 6)))
    return 2;
  /* a dateline: "CHARLOTTE - The wife of ..." */
  if ((d->toks[b].flags & TF_PARA_BEFORE) && e < d->ntoks &&
      (tok_is(d, e, "-") || tok_is(d, e, "--") || tok_is(d, e, "\xE2\x80\x94") || tok_is(d, e, "\xE2\x80\x93")))
    return 2;
  return 0;
}

/* Document-level evidence, once every mention is linked:
 *  - a one-word "person" that the document uses as a place and never as a
 *    person ("in Charlotte", "Charlotte, N.C.": no title, no speech verb after
 *    it) is a place;
 *  - a label of a transcript used twice or more ("WALLACE:") is a person. */
static void retype_by_evidence(precis_doc *d) {
  if (!d->nents) return;
  uint16_t *place_ev = prc_arena_scratch(&d->ar, (size_t)d->nents * 3 * sizeof(uint16_t));
  uint16_t *person_ev = place_ev + d->nents, *strong_ev = place_ev + 2 * (size_t)d->nents;
  memset(place_ev, 0, (size_t)d->nents * 3 * sizeof(uint16_t));
  for (uint32_t k = 0; k < d->nmentions; k++) {
    const mention *m = &d->mentions[k];
    const entity *en = &d->ents[m->entity];
    uint32_t b = m->tok_begin, e = m->tok_end;
    if (e - b != 1) continue;
    if (en->type == ENT_PERSON) {
      int u = place_use(d, b, e);
      if (u) {
        if (place_ev[m->entity] < UINT16_MAX) place_ev[m->entity]++;
        if (u == 2) strong_ev[m->entity] = 1;
      }
      else if (e < d->ntoks && ((lx(d, e) & LX_SPEECH) || tok_in(d, e, LXL_PERSON_VERB)))
        person_ev[m->entity] = 1;
      else if (b > 0 && (lx(d, b - 1) & LX_TITLE)) person_ev[m->entity] = 1;
    } else if (en->type != ENT_PLACE && speaker_label(d, b, e)) {
      if (person_ev[m->entity] < UINT16_MAX) person_ev[m->entity]++;
    }
  }
  for (uint32_t k = 0; k < d->nents; k++) {
    entity *en = &d->ents[k];
    /* "in X" twice or more ("belief in God" once is not enough), or "X, N.C." / a dateline once */
    if (en->type == ENT_PERSON && (place_ev[k] >= 2 || strong_ev[k]) && !person_ev[k] && !en->title &&
        !strchr(en->name, ' '))
      en->type = ENT_PLACE;
    else if (en->type != ENT_PERSON && en->type != ENT_PLACE && person_ev[k] >= 2)
      en->type = ENT_PERSON;
  }
  prc_arena_release_big(&d->ar, place_ev);
}

/* An organisation whose name goes on after a preposition, which the tagger
 * cut there: "Commission | on | Presidential Debates", "Center for Media and
 * Public Affairs", "Alliance to Reclaim Our Schools".  A candidate ending in an
 * organisation word ("Commission", "Center"), then on / for / of / to and a
 * run of capitalised words (with "and" between two of them) is one
 * organisation; the candidates inside the run are absorbed (emptied).  Not a
 * day or month ("the Commission on Monday"), nor a person's name ("the Fund
 * for Ann Reyes"), nor a demonym ("the Cabinet of Israeli ministers"), nor,
 * after "to" or "on", one word or a place of two words or a gazetteer's ("the
 * Air Force on NBC", "sent the Fund to Washington D.C."); one "and" at most.  A name with a preposition
 * in it goes on after "and" the same way ("Center for Media | and Public
 * Affairs").
 * cs is in text order. */
#define ORG_OF_MAX 8 /* words of the run after the preposition */
static void join_org_of(precis_doc *d, cand *cs, uint32_t n) {
  for (uint32_t k = 0, j = 0; k < n; k++) {
    cand *c = &cs[k];
    if (c->e <= c->b || c->type == ENT_PERSON) continue;
    /* the organisation word and its preposition left outside, before "and":
     * "the Center for | Media and Public Affairs" */
    if (c->b >= 2 && (tok_is(d, c->b - 1, "for") || tok_is(d, c->b - 1, "of") || tok_is(d, c->b - 1, "on")) &&
        is_cap(d, c->b - 2) && (lx(d, c->b - 2) & LX_ORG_WORD) && !(lx(d, c->b - 2) & LX_SENT_START) &&
        (k == 0 || cs[k - 1].e <= c->b - 2) && d->toks[c->b - 2].sent == d->toks[c->b].sent &&
        (c->b == 2 || !is_cap(d, c->b - 3)) && tok_is(d, c->e, "and")) { /* (not "New England Journal of | Medicine") */
      c->b -= 2;
      c->type = ENT_ORG;
    }
    if (!is_cap(d, c->e - 1) || !(lx(d, c->e - 1) & LX_ORG_WORD)) {
      /* (a name with a preposition in it may still go on after "and") */
      bool prep = false;
      for (uint32_t t = c->b + 1; t + 1 < c->e && !prep; t++)
        prep = tok_is(d, t, "for") || tok_is(d, t, "of") || tok_is(d, t, "on");
      if (!prep || !tok_is(d, c->e, "and")) continue;
    }
    uint32_t p = c->e;
    if (p + 1 >= d->ntoks || d->toks[p].sent != d->toks[c->b].sent) continue;
    const bool to = tok_is(d, p, "to") || tok_is(d, p, "on"); /* (not "on NBC", "on Lake Erie") */
    /* "Center for Media | and Public Affairs": a name cut at its "and" */
    bool inner_prep = false;
    for (uint32_t t = c->b + 1; t + 1 < c->e && !inner_prep; t++)
      inner_prep = tok_is(d, t, "for") || tok_is(d, t, "of") || tok_is(d, t, "on");
    const bool and = inner_prep && tok_is(d, p, "and");
    if (!(tok_is(d, p, "on") || tok_is(d, p, "for") || tok_is(d, p, "of") || to || and)) continue;
    uint32_t e = p + 1, words = 0, ands = 0;
    while (e < d->ntoks && e - p <= ORG_OF_MAX && d->toks[e].sent == d->toks[p].sent) {
      if (is_cap(d, e) && !(lx(d, e) & (LX_DAY | LX_MONTH))) { e++; words++; continue; }
      if ((tok_is(d, e, "and") || tok_is(d, e, "&")) && !ands && !and && e > p + 1 && e + 1 < d->ntoks && is_cap(d, e + 1)) {
        e++;
        ands++;
        continue;
      }
      break;
    }
    if (!words || ((to || and) && words < 2) || (lx(d, e - 1) & LX_DEMONYM)) continue; /* not "the Cabinet of Israeli ..." */
    /* the candidates over the run: inside it, and neither a person nor (after "to") a place */
    while (j < n && cs[j].e <= p) j++;
    bool ok = true;
    uint32_t last = j;
    for (uint32_t m = j; m < n && cs[m].b < e; m++) {
      if (cs[m].e <= cs[m].b) continue;
      if (cs[m].b <= p || cs[m].e > e || cs[m].type == ENT_PERSON ||
          ((to || and) && cs[m].type == ENT_PLACE && (cs[m].e - cs[m].b <= 2 || (lx(d, cs[m].b) & LX_PLACE))))
        ok = false;
      last = m + 1;
    }
    if (!ok) continue;
    for (uint32_t m = j; m < last; m++) cs[m].e = cs[m].b; /* absorbed */
    c->e = e;
    c->type = ENT_ORG;
    c->typed = 1;
  }
}

void prc_find_entities(precis_doc *d) {
  /* released by keypoints.c, its last reader (by export.c with the lead or
   * textrank summarizer) */
  d->tok_mention = prc_arena_scratch(&d->ar, (d->ntoks + 1) * sizeof(int32_t));
  for (uint32_t i = 0; i < d->ntoks; i++) d->tok_mention[i] = -1;
  if (!d->ntoks || !d->nsents) return;
  cand *cs = NULL;
  uint32_t n = 0, cap = 0;
  if (tags_have_ner(d)) {
    /* the dateline is outside every sentence, so the tagger never saw it */
    bool byline = d->sents[0].tok_begin > 0 && tok_is(d, 0, "By");
    for (uint32_t i = 0; i < d->sents[0].tok_begin && !byline; i++)
      if ((d->toks[i].flags & TF_ALLCAP) && (d->toks[i].flags & TF_WORD) && !(i > 0 && tok_is(d, i - 1, "("))) {
        uint32_t e = i + 1;
        while (e < d->sents[0].tok_begin && (d->toks[e].flags & TF_CAP)) e++;
        add_cand(d, &cs, &n, &cap, i, e, ENT_PLACE, 1);
        i = e;
      }
    ner_candidates(d, &cs, &n, &cap);
    /* rules still add names the tagger missed, when the evidence is strong
     * (a title, a first name, an organisation word, a gazetteer place) */
    cand *rc = NULL;
    uint32_t nr = 0, rcap = 0;
    rule_candidates(d, &rc, &nr, &rcap);
    int32_t *covered = prc_arena_scratch(&d->ar, (d->ntoks + 1) * sizeof(int32_t));
    for (uint32_t t = 0; t < d->ntoks; t++) covered[t] = -1;
    for (uint32_t k = 0; k < n; k++)
      for (uint32_t t = cs[k].b; t < cs[k].e; t++) covered[t] = (int32_t)k;
    uint32_t n_ner = n;
    smap surnames, midcaps = {0};
    smap_init(d, &surnames, NULL);
    for (uint32_t m = 0; m < n; m++)
      if (cs[m].type == ENT_PERSON && cs[m].e - cs[m].b >= 2) smap_put(d, &surnames, cs[m].e - 1, 1);
    for (uint32_t k = 0; k < nr; k++) {
      cand *c = &rc[k];
      bool overlap = false;
      for (uint32_t t = c->b; t < c->e; t++) overlap |= covered[t] >= 0;
      if (c->b < d->sents[0].tok_begin) continue;
      bool strong;
      cand probe = *c;
      uint32_t probe_title_b = split_title(d, &probe);
      ent_type ty = guess_type(d, &probe, &strong);
      bool only_titles = probe_title_b < probe.b;
      for (uint32_t t = probe.b; t < probe.e && only_titles; t++) only_titles = (lx(d, t) & LX_TITLE) != 0;
      if (only_titles && !overlap && smap_get(d, &surnames, probe.b, probe.e) < 0) continue; /* "Mr. President" */
      if (overlap) {
        /* a full name the tagger cut short ("Renée" of "Renée Ødegård"): one tagged
         * span inside a longer person name that starts with a known first name */
        int32_t inner = covered[c->b];
        bool one = inner >= 0;
        for (uint32_t t = c->b; t < c->e && one; t++) one = covered[t] < 0 || covered[t] == inner;
        if (one && ty == ENT_PERSON && strong && probe.e - probe.b >= 2 &&
            cs[inner].b >= c->b && cs[inner].e <= c->e && cs[inner].e - cs[inner].b < c->e - c->b) {
          cs[inner].b = c->b;
          cs[inner].e = c->e;
          cs[inner].type = ENT_PERSON;
          for (uint32_t t = c->b; t < c->e; t++) covered[t] = inner;
          smap_put(d, &surnames, c->e - 1, 1);
        }
        /* a run of capitalised words ending in an organisation word, that the
         * tagger cut into pieces or left partly untagged, is one organisation:
         * "Washington Post-ABC News" ("Washington" LOC, "News" MISC), "Lenox
         * Healthcare"; every tagged span must lie inside the run */
        if (c->e - c->b >= 2 && (lx(d, c->e - 1) & LX_ORG_WORD) && inner >= 0) {
          bool inside = true, gap = false;
          int32_t first = -1, last = -1;
          for (uint32_t t = c->b; t < c->e; t++) {
            /* capitals only: not "Robert Costa of The Washington Post", "Hague-based ..." */
            if (!is_cap(d, t) || (tok_len(d, t) > 6 && !memcmp(tok_str(d, t) + tok_len(d, t) - 6, "-based", 6)))
              inside = false;
            int32_t m = covered[t];
            if (m >= 0 && cs[m].type == ENT_PERSON &&
                (cs[m].e - cs[m].b >= 2 || prc_names_is_first(tok_str(d, cs[m].b), tok_len(d, cs[m].b))))
              inside = false; /* a person's name: "Clarence Thomas-Hill Supreme Court" */
            if (m < 0) { gap = true; continue; }
            if (cs[m].b < c->b || cs[m].e > c->e) inside = false;
            if (first < 0) first = m;
            if (m != last && last >= 0) gap = true; /* two spans */
            last = m;
          }
          if (inside && gap && first >= 0 && covered[c->b] >= 0 && !tok_is(d, c->b, "The")) {
            for (uint32_t t = c->b; t < c->e; t++)
              if (covered[t] >= 0 && covered[t] != first) cs[covered[t]].e = cs[covered[t]].b; /* absorbed */
            cs[first].b = c->b;
            cs[first].e = c->e;
            cs[first].type = ENT_ORG;
            cs[first].typed = 1;
            cs[first].keep_title = 0;
            for (uint32_t t = c->b; t < c->e; t++) covered[t] = first;
          }
        }
        continue;
      }
      if (!strong && probe_title_b == probe.b) {
        /* a lone word that is the surname of a tagged person ("Ødegård said ...") */
        if (c->e - c->b != 1) continue;
        if (smap_get(d, &surnames, c->b, c->e) < 0) {
          /* or a proper noun that speaks: "Kovac denied ...", "Politifact then ruled
           * ...": a name of unknown type (its other, tagged mentions type it) */
          if (!speaks_next(d, c->b) || (lx(d, c->b) & (LX_TITLE | LX_ROLE | LX_COMMON | LX_DEMONYM | LX_STOP)))
            continue;
          /* a sentence's first word only when the document also writes it with
           * a capital elsewhere ("Politifact then ruled", not "Rescuers said") */
          if (!midcaps.s) {
            /* value 1: written with a capital inside a sentence; 2: a word of a tagged name */
            smap_init(d, &midcaps, NULL);
            for (uint32_t t = 0; t < d->ntoks; t++)
              if (covered[t] >= 0 && is_cap(d, t)) smap_put(d, &midcaps, t, 2);
            for (uint32_t t = 0; t < d->ntoks; t++)
              if (is_cap(d, t) && !name_start(d, t)) smap_put(d, &midcaps, t, 1);
          }
          int32_t seen = smap_get(d, &midcaps, c->b, c->e);
          /* nor a word of a longer name the tagger found ("Christmas" of "Jerryl Christmas") */
          if (seen == 2 || (name_start(d, c->b) && seen < 0)) continue;
          add_cand(d, &cs, &n, &cap, c->b, c->e, ENT_OTHER, 0);
          continue;
        }
        ty = ENT_PERSON;
      }
      add_cand(d, &cs, &n, &cap, c->b, c->e, probe_title_b < probe.b ? ENT_PERSON : ty, 1);
    }
    if (n > n_ner && n_ner > 0) { /* keep text order: merge the two ordered runs (linear) */
      cand *m = prc_arena_scratch(&d->ar, (size_t)n * sizeof(cand));
      uint32_t a = 0, r = n_ner, o = 0;
      while (a < n_ner || r < n) m[o++] = (r == n || (a < n_ner && cs[a].b <= cs[r].b)) ? cs[a++] : cs[r++];
      memcpy(cs, m, (size_t)n * sizeof(cand));
      prc_arena_release_big(&d->ar, m);
    }
    join_org_of(d, cs, n);
    { /* spans absorbed into an organisation's run are empty now */
      uint32_t w = 0;
      for (uint32_t k = 0; k < n; k++)
        if (cs[k].e > cs[k].b) cs[w++] = cs[k];
      n = w;
    }
    /* the temporaries of a large document go back now, not with the document */
    prc_arena_release_big(&d->ar, surnames.s);
    if (midcaps.s) prc_arena_release_big(&d->ar, midcaps.s);
    prc_arena_release_big(&d->ar, covered);
    prc_arena_release_big(&d->ar, rc);
  } else {
    rule_candidates(d, &cs, &n, &cap);
  }

  /* drop weak single words: sentence-initial capitals seen nowhere else
   * ("Local business groups"), currency prefixes ("NZ$3") */
  smap inner;
  smap_init(d, &inner, NULL);
  for (uint32_t k = 0; k < n; k++)
    for (uint32_t t = cs[k].b; t < cs[k].e && t < cs[k].b + INNER_WORDS_MAX; t++)
      if (!name_start(d, t)) smap_put(d, &inner, t, 1);
  uint32_t kept = 0;
  for (uint32_t k = 0; k < n; k++) {
    cand *c = &cs[k];
    bool drop = false;
    if (c->e < d->ntoks && tok_is(d, c->e, "$") && !(d->toks[c->e].flags & TF_SPACE_BEFORE)) drop = true;
    if (c->e - c->b == 1 && party_tag(d, c->b)) drop = true; /* "(D-N.Y.)" */
    /* its state's second initial, which the tokenizer split off: "(D-N" "." "Y." */
    if (c->e - c->b == 1 && c->b >= 2 && tok_len(d, c->b) == 2 && (d->toks[c->b].flags & TF_ABBREV) &&
        tok_is(d, c->b - 1, ".") && party_tag(d, c->b - 2))
      drop = true;
    if ((!c->typed || c->type == ENT_PERSON || c->type == ENT_OTHER) && c->e - c->b == 1 && name_start(d, c->b) &&
        !(lx(d, c->b) & (LX_PLACE | LX_ORG_KNOWN | LX_TITLE)) && !prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b)) &&
        !(d->toks[c->b].flags & TF_ALLCAP)) {
      if (smap_get(d, &inner, c->b, c->e) < 0 && !(c->type == ENT_OTHER && !c->typed && speaks_next(d, c->b)))
        drop = true; /* seen nowhere else (a name that speaks was checked before: see above) */
    }
    if (!drop) cs[kept++] = *c;
  }
  n = kept;
  prc_arena_release_big(&d->ar, inner.s);
  /* "Citizens for a Safer America", "Friends of the Earth": a capitalised group
   * word, "for" / "of", an optional article and a name make one organisation
   * (not the place America); the earlier candidate of the group word, if any,
   * is absorbed.  Candidates stay in text order. */
  kept = 0;
  for (uint32_t k = 0; k < n; k++) {
    cand *c = &cs[k];
    uint32_t p = c->b;
    /* the name may begin with capitalised words the tagger left out ("Safer" of
     * "Citizens for a Safer America" when it tags "America" alone) */
    for (int w = 0; w < 2 && p >= 3 && is_cap(d, p - 1) && d->toks[p - 1].sent == d->toks[c->b].sent &&
                    !(lx(d, p - 1) & (LX_TITLE | LX_STOP | LX_SENT_START)) && !(kept > 0 && cs[kept - 1].e >= p);
         w++)
      p--;
    const uint32_t name_b = p;
    if (p >= 3 && tok_in_ci(d, p - 1, LXL_ARTICLE) && !is_cap(d, p - 1)) p--;
    if (p >= 2 && (tok_is(d, p - 1, "for") || tok_is(d, p - 1, "of")) && is_cap(d, p - 2) &&
        d->toks[p - 2].sent == d->toks[c->b].sent && !prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b))) {
      uint32_t g = p - 2; /* the group word */
      uint32_t gl = tok_len(d, g);
      const char *gs = tok_str(d, g);
      /* a plural group word needs a name of two words or more: not "Critics of the EB-5" */
      bool group = (lx(d, g) & LX_ORG_WORD) ||
                   (gl > 4 && gs[gl - 1] == 's' && gs[gl - 2] != 's' && c->e - name_b >= 2 &&
                    !(lx(d, g) & (LX_PLACE | LX_TITLE | LX_STOP)));
      /* nor a person's name: "Elijah Cummings of Maryland" */
      if (kept > 0 && cs[kept - 1].e > g && cs[kept - 1].typed && cs[kept - 1].type == ENT_PERSON) group = false;
      uint32_t lb = g;
      while (lb > 0 && g - lb < 3 && is_cap(d, lb - 1) && d->toks[lb - 1].sent == d->toks[g].sent &&
             !(lx(d, lb - 1) & (LX_TITLE | LX_STOP | LX_SENT_START)))
        lb--;
      for (uint32_t t = lb; t <= g && group; t++)
        if (prc_names_is_first(tok_str(d, t), tok_len(d, t))) group = false;
      static const char *const QUANTITY[] = {"thousands", "millions", "hundreds", "dozens", "billions", "tens",
                                             "scores", "lots", "tons", "members", "parts", "years", NULL};
      for (const char *const *w = QUANTITY; *w && group; w++)
        if (tok_ieq(d, g, *w)) group = false; /* "Thousands of Syrians", "Members of Congress" */
      if (group && !(lx(d, g) & LX_TITLE)) {
        while (kept > 0 && cs[kept - 1].e > lb) {
          if (cs[kept - 1].b < lb) lb = cs[kept - 1].b;
          kept--;
        }
        c->b = lb;
        c->type = ENT_ORG;
        c->typed = 1;
        c->ext = -1;
      }
    }
    cs[kept++] = *c;
  }
  n = kept;
  cand_ext *exts = NULL; /* the titles and descriptions, for the candidates that have them */
  uint32_t nexts = 0, cexts = 0;
  for (uint32_t k = 0; k < n; k++) {
    cand *c = &cs[k];
    if (d->nsents && c->e <= d->sents[0].tok_begin && (d->toks[c->b].flags & TF_ALLCAP)) {
      c->type = ENT_PLACE; /* the dateline: "BRUSSELS:" */
      c->typed = 1;
    }
    uint32_t title_b = split_title(d, c), desc_b = title_b;
    if (!c->typed || c->type == ENT_PERSON) desc_b = find_apposition(d, c, title_b);
    if (!c->typed) {
      bool strong;
      c->type = guess_type(d, c, &strong);
      c->typed = strong;
    } else if (c->type == ENT_OTHER || c->type == ENT_ORG) {
      /* NER said MISC/ORG but a title says person */
      if (title_b < c->b) c->type = ENT_PERSON;
    }
    if (title_b < c->b || desc_b < title_b) {
      cand_ext *x = ARENA_PUSH(&d->ar, exts, nexts, cexts, cand_ext);
      x->title_b = title_b;
      x->desc_b = desc_b;
      c->ext = (int32_t)(nexts - 1);
    }
  }

  /* link: exact same text -> same entity; a single word equal to the last
   * word of a multi-word person -> that person; else a new entity. */
  smap exact, surname, single, fname_org, person_ci, org_first, psur;
  smap_init(d, &exact, cs);
  smap_init(d, &surname, NULL);
  smap_init(d, &single, NULL);
  smap_init(d, &fname_org, NULL);
  smap_init(d, &person_ci, NULL); /* a person's surname or single name, case folded */
  person_ci.ci = true;
  smap_init(d, &org_first, NULL); /* the first word of an organisation's name */
  smap_init(d, &psur, NULL);      /* the last word of every full person name of the document */
  for (uint32_t k = 0; k < n; k++)
    if (cs[k].type == ENT_PERSON && cs[k].e - cs[k].b >= 2) smap_put(d, &psur, cs[k].e - 1, 1);
  for (uint32_t k = 0; k < n; k++) {
    cand *c = &cs[k];
    /* "Mr. President" is a title alone; "Mr. King" the surname of Larry King */
    if (c->title_only && c->e - c->b == 1 && smap_get(d, &psur, c->b, c->e) < 0) continue;
    int32_t ent = smap_get(d, &exact, c->b, c->e);
    if (ent < 0 && c->type != ENT_PLACE && c->e - c->b == 1) {
      ent = smap_get(d, &surname, c->b, c->e); /* the surname of an earlier person */
      if (ent >= 0) c->type = ENT_PERSON;      /* even when the tagger said ORG ("Achebe added") */
    }
    if (ent < 0 && c->e - c->b == 1 && (d->toks[c->b].flags & TF_ALLCAP) && tok_len(d, c->b) >= 3 &&
        c->type != ENT_PLACE) {
      /* a transcript's label "PENCE:" is the person Pence */
      ent = smap_get(d, &person_ci, c->b, c->e);
      if (ent >= 0) c->type = ENT_PERSON;
    }
    if (ent < 0 && c->e - c->b == 1 && (c->type == ENT_PERSON || c->type == ENT_ORG) && !(lx(d, c->b) & LX_PLACE) &&
        smap_get(d, &psur, c->b, c->e) < 0) {
      /* an organisation by the first word of its name: "Patriot Coal ...
       * Patriot filed for bankruptcy", "Wells Fargo ... Wells" (not a person's
       * surname anywhere in the document) */
      ent = smap_get(d, &org_first, c->b, c->e);
      if (ent >= 0) c->type = d->ents[ent].type;
    }
    if (ent < 0 && c->type == ENT_PERSON && c->e - c->b == 1) {
      /* the surname of an earlier first name + name the tagger typed an
       * organisation ("Meanwhile Tom Hale continues ... Hale said"): a person */
      ent = smap_get(d, &fname_org, c->b, c->e);
      if (ent >= 0) d->ents[ent].type = ENT_PERSON;
    }
    if (ent < 0 && c->e - c->b >= 2 && c->e - c->b <= 3 && cap_particle(d, c->b)) {
      /* a surname with its particle, capitalised: "Maurice Van Ryn ... Van
       * Ryn sat calmly", "Bill de Blasio ... De Blasio said" (0.13: a person
       * of its own, of no gender) */
      ent = smap_get(d, &surname, c->e - 1, c->e);
      if (ent >= 0 && !name_ends_with(d->ents[ent].name, tok_str(d, c->b), d->toks[c->e - 1].end - d->toks[c->b].start))
        ent = -1;
      if (ent >= 0) c->type = ENT_PERSON;
    }
    if (ent < 0 && c->e - c->b >= 2 && c->type == ENT_PERSON) {
      /* a full name after its surname appeared alone ("Hegseth ... Pete Hegseth") */
      ent = smap_get(d, &single, c->e - 1, c->e);
      /* ... unless that person already has a full name: "Hillary Clinton ...
       * Clinton ... Bill Clinton" are two people (the lone surname stays
       * the first one's) */
      if (ent >= 0 && other_first_name(d, d->ents[ent].name, c->b)) ent = -1;
      if (ent >= 0) {
        entity *en = &d->ents[ent];
        en->name = span_text(d, c->b, c->e);
        en->gender = (uint8_t)prc_names_gender(tok_str(d, c->b), tok_len(d, c->b));
      }
    }
    if (ent < 0) {
      ent = new_entity(d, c);
      /* a new organisation of two words or more is known by its first word
       * (not an acronym that is a name of its own: "CNN Student News") */
      uint32_t f = lx(d, c->b);
      if (c->e - c->b >= 2 && c->type == ENT_ORG && is_cap(d, c->b) && !c->keep_title &&
          !(d->toks[c->b].flags & TF_ALLCAP) &&
          !(f & (LX_PLACE | LX_ORG_WORD | LX_ORG_KNOWN | LX_TITLE | LX_STOP | LX_SENT_START | LX_DEMONYM | LX_MONTH |
                 LX_DAY | LX_ROLE)) &&
          !tok_is(d, c->b + 1, "of") && !(d->toks[c->b].flags & TF_ABBREV) &&
          !prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b)))
        smap_put(d, &org_first, c->b, ent);
    }
    smap_put(d, &exact, k, ent);
    if (d->ents[ent].type == ENT_PERSON || c->type == ENT_PERSON) {
      if (c->e - c->b >= 2) smap_put(d, &surname, c->e - 1, ent);
      else smap_put(d, &single, c->b, ent);
      smap_put(d, &person_ci, c->e - 1, ent);
    } else if (c->e - c->b == 2 && (c->type == ENT_ORG || c->type == ENT_OTHER) &&
               prc_names_is_first(tok_str(d, c->b), tok_len(d, c->b))) {
      smap_put(d, &fname_org, c->e - 1, ent);
    }
    entity *en = &d->ents[ent];
    /* a strongly typed mention fixes a weakly typed entity */
    if (c->typed && en->type != c->type && en->nmentions > 0 && c->type == ENT_PERSON) en->type = ENT_PERSON;
    if (c->ext >= 0) {
      const cand_ext *x = &exts[c->ext];
      if (x->title_b < c->b) learn_title(d, en, x->title_b, c->b);
      if (x->desc_b < x->title_b) learn_title(d, en, x->desc_b, x->title_b);
    }
    /* an apposition after a person's name: "Ines Calloway, a former submarine commander," */
    if (en->type == ENT_PERSON && c->e + 2 < d->ntoks && tok_is(d, c->e, ",") &&
        tok_in_ci(d, c->e + 1, LXL_ARTICLE)) {
      uint32_t k = c->e + 2, last_role = 0;
      while (k < d->ntoks && k < c->e + APPOSITION_MAX && !tok_is(d, k, ",") && !tok_is(d, k, ".") &&
             (d->toks[k].flags & TF_WORD) && !(lx(d, k) & LX_SPEECH)) {
        if (lx(d, k) & LX_ROLE) last_role = k;
        k++;
      }
      if (last_role && k < d->ntoks && (tok_is(d, k, ",") || tok_is(d, k, ".")) && last_role + 1 == k)
        learn_title(d, en, c->e + 2, k);
    }
    en->nmentions++;
    mention *mn = ARENA_PUSH(&d->ar, d->mentions, d->nmentions, d->cmentions, mention);
    mn->tok_begin = c->b;
    mn->tok_end = c->e;
    mn->entity = ent;
    mn->sent = d->toks[c->b].sent;
    for (uint32_t t = c->b; t < c->e; t++) d->tok_mention[t] = (int32_t)(d->nmentions - 1);
  }
  retype_by_evidence(d);
  prc_arena_release_big(&d->ar, person_ci.s);
  prc_arena_release_big(&d->ar, org_first.s);
  prc_arena_release_big(&d->ar, psur.s);
  prc_arena_release_big(&d->ar, exact.s);
  prc_arena_release_big(&d->ar, surname.s);
  prc_arena_release_big(&d->ar, single.s);
  prc_arena_release_big(&d->ar, fname_org.s);
  prc_arena_release_big(&d->ar, cs);
  prc_arena_release_big(&d->ar, exts);
}
