/* speakers.c - stage 7: resolve every quote's source to an entity.
 *
 *   - a name in the source ("Britain's defence minister John Healey") -> that entity
 *     (the last person named, else the last organisation or place); a text
 *     names its author ("a Quinn Institute poll", "a report by the Tax Fund");
 *     a possessor is not the speaker of a role ("Kessler's lawyer");
 *   - a pronoun ("he", "she") -> the latest subject of the last sentences or
 *     the latest speaker, whichever is newer, else the latest person named;
 *     the person's gender must not conflict (from first names, titles, and the
 *     he/she that follows the person's full-name mentions);
 *   - a definite description ("the US defence chief", "the mayor") -> the person
 *     whose titles and earlier descriptions share most words with it (party
 *     words must agree: "the Democratic nominee"); when none does, the person
 *     who just spoke or was the subject, else the document's most prominent
 *     person (news leads describe the main actor before naming him).  The
 *     description is then learned, so the next use of it resolves the same way;
 *   - an indefinite one ("a spokesman") stays unresolved;
 *   - organisations and texts: "the agency", "the newspaper", "the report",
 *     "the campaign" -> first the entity of the last nominal mention of the
 *     same head noun ("a report by the Tax Fund", "the Hale campaign",
 *     "The Courier, a weekly newspaper", "the report, which includes X"), else
 *     for a text the speaker just before, else the latest organisation whose
 *     name shows or implies the head ("the bank" -> "First Harbour Bank";
 *     "the newspaper" -> "... Times"), else for a generic head the latest
 *     organisation named;
 *   - "it" / "they" -> the latest organisation speaking or named nearby ("they":
 *     named as a subject);
 *   - "his aides", "her campaign", "its statement" -> the possessor, resolved
 *     as its pronoun;
 *   - a bare quotation continuing an earlier one takes its speaker;
 *   - a description in a news lead ("A former party chairman says", "Poll: ...")
 *     with nothing else to go on is of the next person / organisation named;
 *   - "a Harbour Authority official", "E.U. leaders" -> the organisation; a
 *     place-typed name that holds no known place ("a Bloomberg poll") can be
 *     an organisation; a short source whose head word the tagger left unlinked
 *     ("PolitiFact says", "WALLACE:") -> the entity of that name.
 *
 * Every search is bounded (sentences, tokens or mentions back), so the stage
 * stays linear in the document. */
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "lexicon.h"
#include "model/tagger.h"

#define NONE UINT32_MAX

/* Windows (sentences, tokens) and scores of pronoun and description resolution. */
#define SUBJECT_MAX_OFFSET 3   /* a subject starts within 3 tokens of its sentence ("Mrs. Pemberton") */
#define SIGNATURE_AHEAD 40     /* "I" in a letter: its signature within 40 sentences after it */
#define NOTE_NAME_AT 6         /* "Editor's note: NAME is ...": the name within 6 tokens of its sentence's start */
#define RELATIVE_APPOS_MAX 12  /* "NAME, an apposition of up to 12 tokens, who said" */
#define APPOS_ROLE_WINDOW 6    /* "NAME, an attorney for": the role word within 6 tokens of the comma */
#define SUBJECT_OPENER 8       /* ... or of the comma that ends an opening phrase of at most 8 tokens */
#define SUBJECT_LOOKBACK 2     /* "she": a subject from 2 sentences back on ... */
#define SPEAKER_RECENCY 4      /* ... or the speaker of a quote at most 4 sentences back ... */
#define PERSON_LOOKBACK 3      /* ... else a compatible person named from 3 sentences back on */
#define QUOTE_PROMINENCE 2.0   /* prominence: each named quote counts as 2 mentions */
#define DESC_HEAD_MATCH 2.0    /* a description's head noun found in a person's descriptions */
#define DESC_WORD_MATCH 1.0    /* any other word of it found */
#define DESC_CONFLICT 2.0      /* penalty: the owners differ ("Britain's" vs "NATO") */
#define DESC_MIN_SCORE 2.0     /* the best person needs this much, else the most prominent */
#define DESC_RECENT 2          /* "the governor" with no description that fits: the person speaking or
                                  the subject from 2 sentences back on */
#define PARTY_FIRST 1e6        /* a person of the description's party comes before any other */
#define PARTY_WINDOW 5         /* "Republican presidential nominee Donald Trump": a party this close before */
#define GENDER_VOTES 2
#define GENDER_WINDOW 12       /* "Trump said he ...": a pronoun this close after a mention votes for a gender */
#define ANTE_TOKENS 800        /* an earlier mention of a description's head noun: at most this far back */
#define ORG_MENTIONS 120       /* organisations looked at for a description: the last 120 mentions (then the next 120) */
#define GENERIC_LOOKBACK 3     /* "the company" with no name that fits: one named from 3 sentences back on */
#define ORG_PRON_LOOKBACK 2    /* "it" / "they": an organisation named from 2 sentences back on */
#define NP_PREMOD 4            /* "the Hale campaign", "a new Quinn Institute poll": a name this close before the head */
#define NP_POSTMOD 5
#define LEAD_SENTS 3    /* a lead: the headline and the first two sentences ... */
#define LEAD_AHEAD 5    /* ... whose description is of the next one named this close after */
#define NAME_FALLBACK_TOKENS 3 /* "Politifact says": a source this short may name an entity the tagger missed */           /* "a report by the Tax Fund": a name this close after the head */

static uint32_t lx(const precis_doc *d, uint32_t i) { return d->toks[i].lex; }
/* token i in a named word list (lexicon.h), ASCII case folded */
static bool tok_in_ci(const precis_doc *d, uint32_t i, lex_list l) {
  return prc_lex_in_ci(l, tok_str(d, i), tok_len(d, i));
}

/* Can a person of this gender ('m', 'f', 0: any) be e?  strict: only when e's gender
 * is known to be it (a pronoun tries that first). */
static bool compatible_g(const entity *e, int gender, bool strict) {
  if (e->type != ENT_PERSON) return false;
  if (strict && gender) return e->gender == gender;
  return !gender || !e->gender || e->gender == gender;
}

/* a word of a description: lower-case copy into out (ASCII fold), returns length */
static size_t fold(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    out[k++] = c;
  }
  out[k] = 0;
  return k;
}

/* Title abbreviations and the words they stand for ("Sen. Bernie Sanders" is
 * "the senator"). */
static const char *const TITLE_ABBREV[][2] = {
    {"sen.", "senator"}, {"gov.", "governor"}, {"rep.", "representative"}, {"rep.", "congressman"},
    {"rep.", "congresswoman"}, {"gen.", "general"}, {"pres.", "president"}, {"sec.", "secretary"},
    {"atty.", "attorney"}, {"lt.", "lieutenant"}, {"col.", "colonel"}, {"adm.", "admiral"},
    {"supt.", "superintendent"}, {"amb.", "ambassador"}, {"del.", "delegate"},
};

static bool word_eq(const char *p, size_t n, const char *w, size_t wn) {
  if (n != wn) return false;
  for (size_t i = 0; i < wn; i++) {
    char c = p[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != w[i]) return false;
  }
  return true;
}

/* does the description string desc contain the word w (case-insensitive), or an
 * abbreviation of it? */
static bool is_space_at(const char *p) { return *p == ' ' || (p[0] == '\xC2' && p[1] == '\xA0'); }

static bool desc_has(const char *desc, const char *w, size_t wn) {
  const char *p = desc;
  while (*p) {
    while (is_space_at(p)) p += *p == ' ' ? 1 : 2; /* a no-break space too: "Vermont Sen." */
    const char *q = p;
    while (*q && !is_space_at(q)) q++;
    if (word_eq(p, (size_t)(q - p), w, wn)) return true;
    for (size_t k = 0; k < sizeof TITLE_ABBREV / sizeof TITLE_ABBREV[0]; k++)
      if (strlen(TITLE_ABBREV[k][1]) == wn && memcmp(TITLE_ABBREV[k][1], w, wn) == 0 &&
          word_eq(p, (size_t)(q - p), TITLE_ABBREV[k][0], strlen(TITLE_ABBREV[k][0])))
        return true;
    p = q;
  }
  return false;
}

/* Does desc name an owner ("Britain's", "NATO") that the description [b, head) lacks,
 * or does the description name one the desc lacks?  Titles are not owners. */
static bool owner_conflict(const precis_doc *d, const char *desc, uint32_t b, uint32_t head) {
  bool desc_owner = false;
  const char *p = desc;
  while (*p) {
    while (*p == ' ') p++;
    const char *q = p;
    while (*q && *q != ' ' && *q != '\xE2' && *q != '\'') q++;
    if (q > p && *p >= 'A' && *p <= 'Z' && !(prc_lex_flags(p, (size_t)(q - p)) & (LX_TITLE | LX_ROLE | LX_STOP)))
      desc_owner = true;
    while (*q && *q != ' ') q++;
    p = q;
  }
  for (uint32_t t = b; t < head; t++) {
    if (!(d->toks[t].flags & TF_CAP) || !(d->toks[t].flags & TF_WORD)) continue;
    if ((lx(d, t) & (LX_STOP | LX_TITLE | LX_ROLE)) && !(d->toks[t].flags & TF_ALLCAP)) continue;
    char o[48];
    size_t on = fold(tok_str(d, t), tok_len(d, t), o, sizeof o);
    if (!desc_has(desc, o, on) && desc_owner) return true;
  }
  return false;
}

static double prominence(const precis_doc *d, uint32_t e, const uint32_t *named_quotes) {
  return d->ents[e].nmentions + QUOTE_PROMINENCE * named_quotes[e];
}

#define MAX_DESC_CANDS 64 /* people a description is compared with: keeps it linear */


/* Resolve a description [b, e) to a person; -1 when nothing fits.  cands are
 * the document's most prominent people (at most MAX_DESC_CANDS). */
/* A party word: 'R' (Republican, GOP), 'D' (Democratic, Democrat), else 0. */
static int party_word(const precis_doc *d, uint32_t t) {
  if (!(d->toks[t].flags & TF_WORD)) return 0;
  if (tok_ieq(d, t, "republican") || tok_ieq(d, t, "republicans") || tok_ieq(d, t, "gop")) return 'R';
  if (tok_ieq(d, t, "democratic") || tok_ieq(d, t, "democrat") || tok_ieq(d, t, "democrats")) return 'D';
  return 0;
}

static int span_party(const precis_doc *d, uint32_t b, uint32_t e) {
  for (uint32_t t = b; t < e; t++)
    if (party_word(d, t)) return party_word(d, t);
  return 0;
}

/* Does desc have a rank word (vice, deputy, assistant ...) that the description [b, e) lacks? */
static bool rank_mismatch(const precis_doc *d, const char *desc, uint32_t b, uint32_t e) {
  static const char *const RANK[] = {"vice", "deputy", "assistant", "associate", "acting", "lieutenant", NULL};
  for (const char *const *w = RANK; *w; w++) {
    size_t wn = strlen(*w);
    if (!desc_has(desc, *w, wn)) continue;
    bool found = false;
    for (uint32_t t = b; t < e && !found; t++) found = tok_ieq(d, t, *w);
    if (!found) return true;
  }
  return false;
}

/* Does sentence s open an item of a timed live report, its paragraph right
 * after a line that is a clock time alone ("11:40 a.m.", "2:45 p.m."; AP's
 * "The Latest")?  Such an item is a lead of its own. */
static bool after_time_line(const precis_doc *d, uint32_t s) {
  if (s == 0 || s >= d->nsents || d->sents[s - 1].para == d->sents[s].para) return false;
  const sentence *p = &d->sents[s - 1];
  if (s >= 2 && d->sents[s - 2].para == p->para) return false; /* the time line is a paragraph of its own */
  uint32_t n = p->tok_end - p->tok_begin;
  if (n < 2 || n > 4) return false;
  const char *w = tok_str(d, p->tok_begin);
  size_t wl = tok_len(d, p->tok_begin);
  bool clock = wl >= 4 && wl <= 5 && w[wl - 3] == ':';
  for (size_t k = 0; k < wl && clock; k++) clock = k == wl - 3 || (w[k] >= '0' && w[k] <= '9');
  return clock && (tok_ieq(d, p->tok_begin + 1, "a.m.") || tok_ieq(d, p->tok_begin + 1, "p.m.") ||
                   tok_ieq(d, p->tok_begin + 1, "a.m") || tok_ieq(d, p->tok_begin + 1, "p.m"));
}

/* The gender of a description: its head noun's ("her son", "the woman"),
 * else the first he/his/him or she/her after it in its sentence, before any
 * name ("The Democratic nominee attacked her opponent" -> 'f'), within
 * DESC_GENDER_AHEAD tokens; 0 when none. */
#define DESC_GENDER_AHEAD 15
static int noun_gender(const precis_doc *d, uint32_t t);
static int desc_gender(const precis_doc *d, uint32_t e) {
  if (e == 0 || e > d->ntoks) return 0;
  int g = noun_gender(d, e - 1);
  if (g) return g;
  if (e >= d->ntoks || d->toks[e - 1].sent >= d->nsents) return 0;
  uint32_t end = d->sents[d->toks[e - 1].sent].tok_end;
  for (uint32_t t = e; t < end && t < e + DESC_GENDER_AHEAD; t++) {
    if (d->toks[t].quote_depth > 0 || d->toks[t].pos == TAG_UPOS_PROPN) return 0;
    /* an object pronoun is somebody else ("The singer advised her to ...") */
    if (tok_ieq(d, t, "he") || tok_ieq(d, t, "his") || tok_ieq(d, t, "himself")) return 'm';
    if (tok_ieq(d, t, "she") || tok_ieq(d, t, "herself")) return 'f';
    if (tok_ieq(d, t, "her") && t + 1 < end &&
        (d->toks[t + 1].pos == TAG_UPOS_NOUN || d->toks[t + 1].pos == TAG_UPOS_ADJ || d->toks[t + 1].pos == TAG_UPOS_NUM))
      return 'f'; /* possessive: "her album" */
  }
  return 0;
}

/* The gender of a noun that has one ("son", "woman"), else 0. */
static int noun_gender(const precis_doc *d, uint32_t t) {
  static const char *const male[] = {"man", "boy", "son", "father", "husband", "brother", "uncle", "grandfather",
                                     "nephew", "king", "prince", "dad", "boyfriend", "businessman", "congressman", NULL};
  static const char *const female[] = {"woman", "girl", "daughter", "mother", "wife", "sister", "aunt", "grandmother",
                                       "niece", "queen", "princess", "mom", "girlfriend", "businesswoman",
                                       "congresswoman", "actress", NULL};
  for (const char *const *w = male; *w; w++)
    if (tok_ieq(d, t, *w)) return 'm';
  for (const char *const *w = female; *w; w++)
    if (tok_ieq(d, t, *w)) return 'f';
  return 0;
}

/* Is entity en named after [b, e) in its sentence?  ("The judge
 * blasted Cho for her behaviour, saying ...": the one the description's
 * clause names is somebody else.) */
static bool named_beside(const precis_doc *d, int32_t en, uint32_t b, uint32_t e) {
  if (en < 0 || b >= d->ntoks) return false;
  const sentence *s = &d->sents[d->toks[b].sent];
  for (uint32_t t = s->tok_begin; t < s->tok_end; t++)
    if (t >= e && d->tok_mention[t] >= 0 && d->mentions[d->tok_mention[t]].entity == en &&
        d->toks[t].quote_depth == 0)
      return true;
  return false;
}

/* Sentences after a description in which the prominence fallback may find
 * the person it describes named for the first time. */
#define DESC_NAMED_NEXT 2
static int32_t resolve_description(precis_doc *d, uint32_t b, uint32_t e, const uint32_t *named_quotes,
                                   const uint32_t *cands, uint32_t ncands, const uint8_t *party, int32_t recent,
                                   int32_t excl, int32_t cata, const uint32_t *first_m, int32_t unnamed) {
  int dparty = span_party(d, b, e), dg = desc_gender(d, e);
  /* indefinite: a new, unnamed person (but in the lead, the one named next) */
  if (tok_in_ci(d, b, LXL_INDEFINITE)) return cata;
  uint32_t head = e - 1;
  if (!(lx(d, head) & LX_ROLE)) return -1;
  /* plural heads ("officials", "police") are groups */
  uint32_t hl = tok_len(d, head);
  const char *hs = tok_str(d, head);
  if (hl > 3 && hs[hl - 1] == 's' && !(lx(d, head) & LX_ROLE & 0)) {
    char tmp[48];
    size_t n = fold(hs, hl - 1, tmp, sizeof tmp);
    if (prc_lex_flags(tmp, n) & LX_ROLE) return -1;
  }
  int32_t best = -1;
  double best_score = 0;
  for (uint32_t ci = 0; ci < ncands; ci++) {
    uint32_t en = cands[ci];
    entity *E = &d->ents[en];
    if (E->type != ENT_PERSON || (int32_t)en == excl || !compatible_g(E, dg, false)) continue;
    if (dparty && party[en] && party[en] != dparty) continue; /* "the Democratic nominee" is no Republican */
    /* the party alone counts for a person named before the description
     * only: "The Democratic nominee" in a lead is not a senator the article
     * names much later */
    bool later = first_m && first_m[en] < d->nmentions && d->mentions[first_m[en]].tok_begin > b;
    double score = dparty && party[en] == dparty && !later ? DESC_HEAD_MATCH : 0;
    bool conflict = false;
    for (uint32_t k = 0; k < E->ndescs; k++) {
      const char *desc = E->descs[k];
      if (owner_conflict(d, desc, b, head)) conflict = true;
      if (rank_mismatch(d, desc, b, e)) continue; /* "vice presidential nominee" is not "the presidential nominee" */
      for (uint32_t t = b; t < e; t++) {
        if (!(d->toks[t].flags & TF_WORD)) continue;
        if ((lx(d, t) & LX_STOP) && !(d->toks[t].flags & TF_ALLCAP)) continue;
        if (tok_in_ci(d, t, LXL_DESC_SKIP)) continue;
        char w[48];
        size_t wn = fold(tok_str(d, t), tok_len(d, t), w, sizeof w);
        if (desc_has(desc, w, wn)) score += (t == head) ? DESC_HEAD_MATCH : DESC_WORD_MATCH;
      }
    }
    if (conflict) score -= DESC_CONFLICT;
    if (score > best_score) {
      best_score = score;
      best = (int32_t)en;
    }
  }
  if (best >= 0 && best_score >= DESC_MIN_SCORE) return best;
  /* an unnamed person introduced before (unnamed_antecedent): no guess */
  if (unnamed != -2) return unnamed;
  /* a timed live report's new item is a lead of its own: the one it names
   * next, not the last item's speaker */
  if (cata >= 0 && after_time_line(d, d->toks[b].sent) && compatible_g(&d->ents[cata], dg, false)) return cata;
  /* the person who just spoke or was the subject: "Mike Pence says ... The Indiana
   * governor said" */
  if (recent >= 0 && d->ents[recent].type == ENT_PERSON && !(dparty && party[recent] && party[recent] != dparty) &&
      compatible_g(&d->ents[recent], dg, false) && !named_beside(d, recent, b, e)) {
    /* of the description's party: "Donald Trump says ... The Republican presidential nominee noted" */
    if (dparty && party[recent] == dparty) return recent;
    bool conflict = false;
    for (uint32_t k = 0; k < d->ents[recent].ndescs && !conflict; k++)
      conflict = owner_conflict(d, d->ents[recent].descs[k], b, head);
    if (!conflict) return recent;
  }
  /* a lead describes whom it names next: "A former party chairman says ... ," said Don Fowler" */
  if (cata >= 0 && compatible_g(&d->ents[cata], dg, false) && !named_beside(d, cata, b, e)) return cata;
  if (excl >= 0) return -1;
  /* fall back to the most prominent person whose descriptions don't conflict */
  best = -1;
  double bp = 0;
  for (uint32_t ci = 0; ci < ncands; ci++) {
    uint32_t en = cands[ci];
    entity *E = &d->ents[en];
    if (E->type != ENT_PERSON || !compatible_g(E, dg, false) || named_beside(d, (int32_t)en, b, e)) continue;
    if (dparty && party[en] && party[en] != dparty) continue;
    /* not a person the article names only further on ("Readers ... can
     * contact Lifeline" at its end was "the young woman", 0.13); the next
     * sentences may name the one described ("..., the Trade Secretary has
     * said.  Patricia Hewitt said ...") */
    if (first_m && first_m[en] < d->nmentions && d->mentions[first_m[en]].tok_begin > e &&
        d->mentions[first_m[en]].sent > d->toks[b].sent + DESC_NAMED_NEXT)
      continue;
    bool conflict = false;
    for (uint32_t k = 0; k < E->ndescs && !conflict; k++)
      if (owner_conflict(d, E->descs[k], b, head)) conflict = true;
    if (conflict) continue;
    double p = prominence(d, en, named_quotes);
    /* "the GOP nominee": a Republican first, among those named before it */
    if (dparty && party[en] == dparty && !(first_m && first_m[en] < d->nmentions && d->mentions[first_m[en]].tok_begin > b))
      p += PARTY_FIRST;
    if (p > bp) { bp = p; best = (int32_t)en; }
  }
  return best;
}

/* The number of mentions that start before token tok (mentions are in text order). */
static int32_t mentions_before(const precis_doc *d, uint32_t tok) {
  int32_t lo = 0, hi = (int32_t)d->nmentions;
  while (lo < hi) {
    int32_t m = (lo + hi) / 2;
    if (d->mentions[m].tok_begin < tok) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/* Is mention m the subject of its sentence (its first noun phrase)? */
static bool is_subject(const precis_doc *d, const mention *mn) {
  const sentence *s = &d->sents[mn->sent];
  uint32_t b = s->body_start_tok;
  /* allow a title or determiner before the name: "Mrs. Pemberton", "The head of X, Y";
   * not the subject of a reported clause ("McLenney said Clinton doesn't ...") */
  if (mn->tok_begin >= b && mn->tok_begin <= b + SUBJECT_MAX_OFFSET)
    return !(mn->tok_begin > b && ((lx(d, mn->tok_begin - 1) & LX_SPEECH) || tok_ieq(d, mn->tok_begin - 1, "that")));
  /* after an opening phrase: "On Monday night, Clinton leaned in" (a preposition,
   * subordinator or adverb first, its comma within SUBJECT_OPENER tokens);
   * "But after their win, Pearson wants ..." (a conjunction before it, 0.13) */
  if (mn->tok_begin > b + 1 && (tok_ieq(d, b, "but") || tok_ieq(d, b, "and") || tok_ieq(d, b, "yet") || tok_ieq(d, b, "so")) &&
      !tok_is(d, b + 1, ","))
    b++;
  if (mn->tok_begin <= b || !(tok_in_ci(d, b, LXL_PREPOSITION) || tok_in_ci(d, b, LXL_SUBORDINATOR) ||
                              (d->has_pos && d->toks[b].pos == TAG_UPOS_ADV)))
    return false;
  for (uint32_t t = b + 1; t < mn->tok_begin && t <= b + SUBJECT_OPENER; t++)
    if (tok_is(d, t, ","))
      return mn->tok_begin > t && mn->tok_begin <= t + SUBJECT_MAX_OFFSET && d->toks[mn->tok_begin].quote_depth == 0 &&
             /* not a name that modifies a noun: "..., the Facebook account is" */
             !(mn->tok_end < s->tok_end && d->has_pos && d->toks[mn->tok_end].pos == TAG_UPOS_NOUN);
  return false;
}

/* The latest compatible person who is the subject of a sentence in
 * [min_sent, the sentence of tok], before tok and outside quotations. */
static int32_t latest_subject_before(const precis_doc *d, uint32_t tok, int gender, bool strict, uint32_t min_sent,
                                     uint32_t *at_sent) {
  int32_t lo = mentions_before(d, tok);
  for (int32_t m = lo - 1; m >= 0; m--) {
    const mention *mn = &d->mentions[m];
    if (mn->sent < min_sent) break;
    if (d->toks[mn->tok_begin].quote_depth > 0 || d->sents[mn->sent].kind == SK_CAPTION || !is_subject(d, mn)) continue;
    if (compatible_g(&d->ents[mn->entity], gender, strict)) {
      *at_sent = mn->sent;
      return mn->entity;
    }
  }
  return -1;
}

static int32_t latest_person_before(const precis_doc *d, uint32_t tok, int gender, bool strict, uint32_t min_sent) {
  /* mentions are in text order */
  int32_t lo = mentions_before(d, tok);
  for (int32_t m = lo - 1; m >= 0; m--) {
    const mention *mn = &d->mentions[m];
    if (mn->sent < min_sent) break;
    if (d->toks[mn->tok_begin].quote_depth > 0) continue; /* a name inside a quote is addressed, not speaking */
    if (d->sents[mn->sent].kind == SK_CAPTION) continue;  /* a photo caption is outside the story's flow */
    if (compatible_g(&d->ents[mn->entity], gender, strict)) return mn->entity;
  }
  return -1;
}

/* A person the sentence before introduces: the first mention of a full name
 * (outside quotes, not a possessive), with an apposition ("... concerns Henry Crespo,
 * president of the Black Caucus.  \"...,\" he said"), in the sentences from
 * cs - INTRO_LOOKBACK (cs: where the quote starts) before tok, after sentence
 * after_sent.  first_m: each entity's first mention. */
#define INTRO_LOOKBACK 1
static bool is_poss(const precis_doc *d, uint32_t t);
static int32_t introduced_before(const precis_doc *d, uint32_t tok, uint32_t cs, int gender,
                                 uint32_t after_sent, const uint32_t *first_m, uint32_t *at_sent) {
  if (!first_m) return -1;
  for (int32_t m = mentions_before(d, tok) - 1; m >= 0; m--) {
    const mention *mn = &d->mentions[m];
    if (mn->sent + INTRO_LOOKBACK < cs || mn->sent <= after_sent) break;
    if (mn->sent >= cs || d->toks[mn->tok_begin].quote_depth > 0 || d->sents[mn->sent].kind == SK_CAPTION) continue;
    const entity *E = &d->ents[mn->entity];
    if (E->type != ENT_PERSON || first_m[mn->entity] != (uint32_t)m || mn->tok_end - mn->tok_begin < 2) continue;
    if (E->gender != gender) continue; /* a known gender only: not "Kofi Annan" for "she", nor a company */
    /* not in a sentence whose subject is already a he/she of that gender
     * ("He has voiced support for ... Foreign Minister Javad Zarif, the lead
     * negotiator. But he has ...": he stays the subject) */
    const uint32_t sb = d->sents[mn->sent].body_start_tok;
    if (sb < mn->tok_begin && (gender == 'm' ? tok_ieq(d, sb, "he") : tok_ieq(d, sb, "she"))) continue;
    const uint32_t e = mn->tok_end;
    if (e < d->ntoks && is_poss(d, e)) continue; /* "one of President Vladimir Putin's critics" */
    bool appos = e + 1 < d->ntoks && tok_is(d, e, ",") && (d->toks[e + 1].flags & TF_WORD) &&
                 (!(d->toks[e + 1].flags & TF_CAP) || (lx(d, e + 1) & (LX_ROLE | LX_TITLE)));
    if (appos) {
      *at_sent = mn->sent;
      return mn->entity;
    }
  }
  return -1;
}

/* "he" / "she": the latest compatible subject of the last sentences when newer than
 * the latest compatible speaker, else that speaker, else the latest compatible
 * person named.  The gender is learned. */
static int32_t resolve_person_pronoun_g(precis_doc *d, uint32_t b, uint32_t lim, int g, bool strict,
                                        int32_t last_speaker, uint32_t last_speaker_sent, const uint32_t *first_m,
                                        uint32_t qs) {
  uint32_t cs = d->toks[b].sent;
  uint32_t subj_sent = 0;
  bool speaker_ok = last_speaker >= 0 && compatible_g(&d->ents[last_speaker], g, strict) &&
                    last_speaker_sent + SPEAKER_RECENCY >= cs;
  /* the names in the quote's own content are no antecedents when a recent
   * speaker fits (content_front); without one the content's subject often is
   * the speaker ("... Jolie has had surgery ..., she wrote") */
  if (!speaker_ok) lim = b;
  int32_t subj = latest_subject_before(d, lim, g, strict, cs >= SUBJECT_LOOKBACK ? cs - SUBJECT_LOOKBACK : 0, &subj_sent);
  /* a person just introduced, newer than the last speaker and any subject */
  uint32_t intro_sent = 0;
  int32_t intro = introduced_before(d, lim, qs, g, speaker_ok ? last_speaker_sent : 0, first_m, &intro_sent);
  if (intro >= 0 && (subj < 0 || subj == intro || subj_sent < intro_sent)) return intro;
  if (subj >= 0 && (!speaker_ok || subj_sent > last_speaker_sent))
    return subj; /* a newer subject: "Mrs. Pemberton ... then spoke. She said ..." */
  if (speaker_ok) return last_speaker;
  return latest_person_before(d, lim, g, strict, cs >= PERSON_LOOKBACK ? cs - PERSON_LOOKBACK : 0);
}

/* "he" / "she": the latest subject of the last sentences when newer than the
 * latest speaker, else that speaker, else the latest person named; a person of
 * unknown gender is compatible with both.  The gender is not learned from the
 * pronoun: one wrong guess ("Donald" is in no first-name list) would then turn
 * every later "he" away from him (PolNeAR dev: 4 more pronouns right). */
static int32_t resolve_person_pronoun(precis_doc *d, uint32_t b, uint32_t lim, int g, int32_t last_speaker,
                                      uint32_t last_speaker_sent, const uint32_t *first_m, uint32_t qs) {
  /* '"...," Greer said. She also said ...': the speaker of this sentence or
   * the one before, of no known gender, before a woman named further back
   * (0.12.3: the known woman came first, whatever her distance) */
  if (g == 'f' && last_speaker >= 0 && d->ents[last_speaker].type == ENT_PERSON && !d->ents[last_speaker].gender &&
      last_speaker_sent + 1 >= d->toks[b].sent && d->toks[b].sent >= last_speaker_sent) {
    /* not when a woman is named since that sentence began, or a she/her
     * there points to one ("Tarquin Pell, her rival, has called ... She
     * said": the woman before him) */
    bool other = false;
    for (uint32_t t = d->sents[last_speaker_sent].tok_begin; t < b && !other; t++) {
      int32_t m = d->tok_mention[t];
      if (m >= 0 && d->mentions[m].entity != last_speaker && d->ents[d->mentions[m].entity].type == ENT_PERSON &&
          d->ents[d->mentions[m].entity].gender == 'f')
        other = true;
      if (d->toks[t].quote_depth == 0 && (tok_ieq(d, t, "her") || tok_ieq(d, t, "she") || tok_ieq(d, t, "hers")))
        other = true;
    }
    if (!other) return last_speaker;
  }
  int32_t r = g == 'f' ? resolve_person_pronoun_g(d, b, lim, g, true, last_speaker, last_speaker_sent, first_m, qs) : -1;
  return r >= 0 ? r : resolve_person_pronoun_g(d, b, lim, g, false, last_speaker, last_speaker_sent, first_m, qs);
}

/* "A Labour spokesman denied the poster was offensive. '...,' he said": a
 * he/she right after a quote whose source describes a person it does not
 * name (a role noun, no person in it; its gender, if the noun has one,
 * agrees), in that sentence or the next, with no person named in between:
 * the pronoun is that person, and speaks for whom the description was
 * resolved to (an organisation, or nobody).  Returns that, or -2 when the
 * rule does not apply (0.12.3: the pronoun went to the last person named,
 * the poster's critic). */
static uint32_t np_head(const precis_doc *d, uint32_t b, uint32_t e);
static int32_t described_speaker(const precis_doc *d, uint32_t qi, uint32_t b, int g) {
  if (qi == 0) return -2;
  const quote *p = &d->quotes[qi - 1];
  if (p->source_tok_begin == NONE || p->source_tok_end > b || p->source_tok_end <= p->source_tok_begin) return -2;
  const uint32_t sb = p->source_tok_begin, se = p->source_tok_end, cs = d->toks[b].sent;
  if (d->toks[sb].sent + 1 < cs) return -2;
  uint32_t h = np_head(d, sb, se);
  /* no person named in it, but a possessor ("Nowsch's lawyer said ... He
   * said": the lawyer, 0.13) */
  for (uint32_t t = sb; t < se; t++) {
    int32_t m = d->tok_mention[t];
    if (m < 0 || d->ents[d->mentions[m].entity].type != ENT_PERSON) continue;
    const uint32_t me = d->mentions[m].tok_end;
    if (!(me < se && is_poss(d, me) && h != NONE && h > me)) return -2;
    t = me;
  }
  if (h == NONE || !((lx(d, h) & LX_ROLE) || tok_in_ci(d, h, LXL_ORG_VOICE))) return -2;
  if (lx(d, sb) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)) return -2;
  const char *hs = tok_str(d, h);
  size_t hl = tok_len(d, h);
  if (hl > 3 && hs[hl - 1] == 's' && !tok_ieq(d, h, "boss")) return -2; /* "officials": they */
  int hg = noun_gender(d, h);
  if (!hg) {
    if (hl >= 3 && !strncasecmp(hs + hl - 3, "man", 3)) hg = 'm';
    if (hl >= 5 && !strncasecmp(hs + hl - 5, "woman", 5)) hg = 'f';
  }
  if (hg && hg != g) return -2;
  for (uint32_t t = se; t < b; t++)
    if (d->tok_mention[t] >= 0 && d->toks[t].quote_depth == 0 &&
        d->ents[d->mentions[d->tok_mention[t]].entity].type == ENT_PERSON)
      return -2;
  return p->entity;
}

/* ---- organisations, groups and texts ------------------------------------------------ */

/* Words an organisation's name may show for a head noun ("the newspaper" -> "... Times").
 * A head listed here is generic: with no name that fits, the latest organisation
 * named is taken.  Heads not listed (campaign, party, court ...) need their own
 * word in the name or an earlier nominal mention. */
static const struct {
  const char *head;
  const char *words; /* space separated, lower case */
} ORG_IMPLIES[] = {
    {"newspaper", "times post journal news herald tribune gazette daily globe chronicle mail guardian telegraph "
                  "star inquirer observer register examiner courier sun press"},
    {"paper", "times post journal news herald tribune gazette daily globe chronicle mail guardian telegraph "
              "star inquirer observer register examiner courier sun press"},
    {"publication", "times post journal news herald tribune gazette daily magazine review"},
    {"outlet", "times post journal news herald tribune gazette daily magazine network tv radio"},
    {"magazine", "magazine review weekly monthly"},
    {"network", "news cnn fox msnbc nbc abc cbs bbc rt tv television broadcasting radio npr pbs network"},
    {"channel", "news cnn fox msnbc nbc abc cbs bbc rt tv television channel"},
    {"broadcaster", "news cnn fox msnbc nbc abc cbs bbc rt tv television broadcasting radio npr pbs"},
    {"agency", "agency administration department bureau office service commission authority fbi cia nsa epa irs "
               "cbo fema"},
    {"company", "inc inc. corp corp. co co. company corporation group llc ltd plc holdings"},
    {"firm", "inc inc. corp corp. co co. company corporation group llc ltd plc partners associates"},
    {"corporation", "inc inc. corp corp. corporation"},
    {"bank", "bank"},
    {"fund", "fund imf"},
    {"union", "union workers federation afl-cio teamsters"},
    {"group", "group association coalition alliance council institute center foundation"},
    {"organization", "organization organisation association institute center foundation council"},
    {"organisation", "organization organisation association institute center foundation council"},
    {"website", "com politifact hedge news"},
    {"site", "com politifact hedge news"},
};

/* lower-case words of s (split at spaces, hyphens, slashes), each compared with w */
static bool name_has_word(const char *s, const char *w, size_t wn) {
  const char *p = s;
  while (*p) {
    while (*p == ' ' || *p == '-' || *p == '/') p++;
    const char *q = p;
    while (*q && *q != ' ' && *q != '-' && *q != '/') q++;
    if ((size_t)(q - p) == wn) {
      size_t i = 0;
      for (; i < wn; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != w[i]) break;
      }
      if (i == wn) return true;
    }
    p = q;
  }
  return false;
}

/* Is the lower-case a (an) one edit from b (bn): one letter changed, added or
 * dropped, ASCII case folded in b? */
static bool one_edit(const char *a, size_t an, const char *b, size_t bn) {
  if (an > bn + 1 || bn > an + 1) return false;
  size_t i = 0, j = 0;
  int edits = 0;
  while (i < an && j < bn) {
    char c = b[j];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (a[i] == c) {
      i++, j++;
      continue;
    }
    if (++edits > 1) return false;
    if (an > bn) i++;
    else if (bn > an) j++;
    else i++, j++;
  }
  return edits + (int)(an - i) + (int)(bn - j) == 1;
}

/* The surname (last word) of a person's full name is one edit from w: a
 * misspelling of it ("McLenney" for McClenney, "Wines" for Wimes). */
static bool surname_near(const char *name, const char *w, size_t wn) {
  const char *sp = strrchr(name, ' ');
  if (!sp) return false;
  const size_t sn = strlen(sp + 1);
  /* not the family's plural ("the Netanyahus") */
  if (wn == sn + 1 && w[wn - 1] == 's' && word_eq(sp + 1, sn, w, wn - 1)) return false;
  return one_edit(w, wn, sp + 1, sn);
}

/* Does an organisation's name fit the head noun h (lower case)?  *generic: h is
 * listed in ORG_IMPLIES (any organisation may do). */
static bool org_name_fits(const char *name, const char *h, size_t hn, bool *generic) {
  if (name_has_word(name, h, hn)) return true;
  for (size_t k = 0; k < sizeof ORG_IMPLIES / sizeof ORG_IMPLIES[0]; k++) {
    if (strlen(ORG_IMPLIES[k].head) != hn || memcmp(ORG_IMPLIES[k].head, h, hn) != 0) continue;
    *generic = true;
    const char *p = ORG_IMPLIES[k].words;
    while (*p) {
      const char *q = p;
      while (*q && *q != ' ') q++;
      if (name_has_word(name, p, (size_t)(q - p))) return true;
      p = *q ? q + 1 : q;
    }
  }
  return false;
}

/* heads that stand for a place: "the city said" */
static bool place_head(const char *h, size_t hn) {
  static const char *const W[] = {"city", "county", "state", "country", "nation", "town", "province", NULL};
  for (const char *const *w = W; *w; w++)
    if (strlen(*w) == hn && memcmp(*w, h, hn) == 0) return true;
  return false;
}

static bool is_poss(const precis_doc *d, uint32_t t) {
  if (tok_ieq(d, t, "'s") || tok_is(d, t, "\xE2\x80\x99s") || tok_is(d, t, "\xE2\x80\x99S")) return true;
  /* "ISIS' spokesman", "the Joneses' lawyer": an apostrophe alone, right
   * after a word ending in s and before a word (not a closing quotation
   * mark's "... the 'Boys' said") */
  if (t == 0 || t + 1 >= d->ntoks || !(tok_is(d, t, "'") || tok_is(d, t, "\xE2\x80\x99"))) return false;
  const token *p = &d->toks[t - 1], *n = &d->toks[t + 1];
  if (p->end != d->toks[t].start || !(p->flags & TF_WORD) || n->start == d->toks[t].end || !(n->flags & TF_WORD) ||
      (n->flags & TF_CAP)) /* "the British Bankers' Association" is a name */
    return false;
  const char last = tok_str(d, t - 1)[tok_len(d, t - 1) - 1];
  if (last != 's' && last != 'S') return false;
  /* no opening mark before the word: "'Boys' said" is a quotation */
  for (uint32_t k = t - 1; k > 0 && d->toks[k - 1].sent == p->sent && d->toks[k - 1].end == d->toks[k].start; k--)
    if (tok_is(d, k - 1, "'") || tok_is(d, k - 1, "\xE2\x80\x98")) return false;
  return true;
}

/* A place the tagger may have mistyped: no word of its name is a known place,
 * a demonym or a country abbreviation ("Bloomberg", "Politico", "Zero Hedge",
 * not "North Korea" or "Charlotte-Mecklenburg").  Such a name can author a
 * poll or be "the website"; a known place cannot. */
static bool doubtful_place(const precis_doc *d, int32_t en) {
  const entity *E = &d->ents[en];
  if (E->type != ENT_PLACE || !E->name) return false;
  const char *p = E->name;
  while (*p) {
    while (*p == ' ' || *p == '-' || *p == '/') p++;
    const char *q = p;
    while (*q && *q != ' ' && *q != '-' && *q != '/') q++;
    size_t n = (size_t)(q - p);
    if (n && ((prc_lex_flags(p, n) & (LX_PLACE | LX_DEMONYM)) || prc_lex_in(LXL_COUNTRY_ABBREV, p, n))) return false;
    p = q;
  }
  return true;
}

/* an entity that can speak as an organisation or author a text */
static bool org_like(const precis_doc *d, int32_t en) {
  uint8_t ty = d->ents[en].type;
  return ty == ENT_ORG || doubtful_place(d, en);
}

/* The entity of a name's possessive before the head h ("Kessler's lawyer"), or -1. */
static int32_t poss_name_before(const precis_doc *d, uint32_t b, uint32_t h) {
  for (uint32_t t = b + 1; t < h; t++)
    if (is_poss(d, t) && d->tok_mention[t - 1] >= 0) return d->mentions[d->tok_mention[t - 1]].entity;
  return -1;
}

/* The person named after a preposition in the source (h, e) ("An aide to
 * Senator Alder", "a lawyer for Kessler"), or -1. */
static bool prep_word(const precis_doc *d, uint32_t t) { return tok_in_ci(d, t, LXL_PREPOSITION) || tok_ieq(d, t, "to"); }

/* the preposition before a mention starting at t, over titles ("to Senator
 * Alder"), or NONE */
static uint32_t prep_before(const precis_doc *d, uint32_t b, uint32_t t) {
  while (t > b && (lx(d, t - 1) & LX_TITLE)) t--;
  if (t > b && prep_word(d, t - 1)) return t - 1;
  /* "critics of President Obama", "the family of Rubén Villalpando": "of"
   * after a lower-case noun (not "Secretary of State John Kerry") */
  if (t > b + 1 && tok_ieq(d, t - 1, "of") && (d->toks[t - 2].flags & TF_WORD) && !(d->toks[t - 2].flags & TF_CAP) &&
      !tok_ieq(d, t - 2, "behalf")) /* "on behalf of Robert Zoellick" is his */
    return t - 1;
  return NONE;
}

/* A person named after a noun and a preposition in a source starting at sb:
 * "Police in Charlotte", "An aide to Senator Alder" -- somebody else speaks
 * (not "Ann Varga of ...", where the name comes first). */
static bool through_person(const precis_doc *d, uint32_t sb, const mention *mn) {
  if (d->ents[mn->entity].type != ENT_PERSON) return false;
  uint32_t pp = prep_before(d, sb, mn->tok_begin);
  /* "one of Mr. Obama's climate advisers" speaks for him, as "his aides" do */
  if (pp != NONE && tok_ieq(d, pp, "of") && mn->tok_end < d->ntoks && is_poss(d, mn->tok_end))
    for (uint32_t k = mn->tok_end + 1; k < d->ntoks && k <= mn->tok_end + 3 && (d->toks[k].flags & TF_WORD); k++)
      if (tok_in_ci(d, k, LXL_PRINCIPAL_GROUP)) return false;
  /* "by" names an author or agent: "a profile by Raffaello Pantucci" is his */
  return pp != NONE && pp > sb && !tok_ieq(d, pp, "by") && d->tok_mention[pp - 1] < 0 &&
         (d->toks[pp - 1].flags & TF_WORD);
}

static int32_t person_after_prep(const precis_doc *d, uint32_t h, uint32_t e) {
  for (uint32_t t = h + 1; t + 1 < e; t++)
    if (prep_word(d, t)) {
      uint32_t u = t + 1;
      while (u + 1 < e && (lx(d, u) & LX_TITLE)) u++;
      int32_t m = d->tok_mention[u];
      if (m >= 0 && d->ents[d->mentions[m].entity].type == ENT_PERSON) return d->mentions[m].entity;
    }
  return -1;
}

/* a one-word entity that is a party or nationality adjective ("Republican", "Democratic") */
static bool adjective_entity(const precis_doc *d, const mention *mn) {
  if (mn->tok_end - mn->tok_begin != 1 || (mn->tok_end < d->ntoks && is_poss(d, mn->tok_end))) return false;
  uint32_t t = mn->tok_begin;
  if (lx(d, t) & LX_DEMONYM) return true;
  static const char *const W[] = {"republican", "republicans", "democratic", "democrat", "democrats", "gop",
                                  "conservative", "liberal", "progressive", NULL};
  for (const char *const *w = W; *w; w++)
    if (tok_ieq(d, t, *w)) return true;
  return false;
}

/* "a Washington Post-ABC News poll", "the Reuters/Ipsos poll": names joined by a
 * hyphen or slash sponsor a text together; the first of them (mention m the
 * last) speaks for it. */
static int32_t chain_head(const precis_doc *d, int32_t m) {
  for (int k = 0; k < 3; k++) {
    uint32_t b = d->mentions[m].tok_begin;
    if (b < 2 || !(tok_is(d, b - 1, "-") || tok_is(d, b - 1, "/")) || d->toks[b - 1].start != d->toks[b - 2].end ||
        d->toks[b].start != d->toks[b - 1].end || d->tok_mention[b - 2] < 0)
      break;
    int32_t p = d->tok_mention[b - 2];
    uint8_t ty = d->ents[d->mentions[p].entity].type;
    if (!(ty == ENT_ORG || ty == ENT_OTHER || doubtful_place(d, d->mentions[p].entity))) break;
    m = p;
  }
  return d->mentions[m].entity;
}

/* The entity a nominal mention of a head noun at token h refers to: an apposition
 * "The Courier, a weekly newspaper"; a name modifying it "the Hale campaign",
 * "Hale's campaign", "a new Quinn Institute poll"; or one after "by / from / of":
 * "a report by the Tax Fund".  Same sentence, outside the span [xb, xe). -1: none. */
static int32_t nominal_antecedent(const precis_doc *d, uint32_t h) {
  uint32_t sb = d->sents[d->toks[h].sent].tok_begin, se = d->sents[d->toks[h].sent].tok_end;
  /* before the head: determiners, adjectives, a possessive 's, and a name */
  uint32_t lim = h > sb + NP_PREMOD ? h - NP_PREMOD : sb;
  for (uint32_t t = h; t-- > lim;) {
    int32_t m = d->tok_mention[t];
    if (m >= 0) {
      const mention *mn = &d->mentions[m];
      if (adjective_entity(d, mn)) continue;
      uint8_t ty = d->ents[mn->entity].type;
      if (ty == ENT_PERSON || ty == ENT_ORG || ty == ENT_OTHER || doubtful_place(d, mn->entity))
        return chain_head(d, m);
      break; /* "the Michigan campaign": a place modifies, it does not own */
    }
    if (tok_is(d, t, ",")) {
      /* apposition: "NAME, a ... head" */
      if (t > sb && d->tok_mention[t - 1] >= 0) {
        const mention *mn = &d->mentions[d->tok_mention[t - 1]];
        uint8_t ty = d->ents[mn->entity].type;
        if ((ty != ENT_PLACE || doubtful_place(d, mn->entity)) && !adjective_entity(d, mn))
          return mn->entity; /* even a "person" the tagger misread */
      }
      break;
    }
    if (!(d->toks[t].flags & TF_WORD) && !is_poss(d, t) && !tok_is(d, t, "-"))
      break;
    if (tok_in_ci(d, t, LXL_CLAUSE_WORD) || tok_in_ci(d, t, LXL_PREPOSITION)) break;
    if (d->has_pos && d->toks[t].pos == TAG_UPOS_VERB) break;
  }
  /* the object of its author's verb: "the Security Council issued a statement
   * calling ...", "the agency released a report" */
  {
    uint32_t v = h;
    while (v > sb && v > h - NP_PREMOD && (tok_in_ci(d, v - 1, LXL_ARTICLE) || (d->has_pos && d->toks[v - 1].pos == TAG_UPOS_ADJ)))
      v--;
    if (v > sb + 1 && v < h && d->has_pos && d->toks[v - 1].pos == TAG_UPOS_VERB) {
      uint32_t a = v - 1;
      while (a > sb && d->has_pos && (d->toks[a - 1].pos == TAG_UPOS_ADV || d->toks[a - 1].pos == TAG_UPOS_AUX)) a--;
      int32_t m = a > sb ? d->tok_mention[a - 1] : -1;
      if (m >= 0 && d->mentions[m].tok_end == a) {
        uint8_t ty = d->ents[d->mentions[m].entity].type;
        if ((ty == ENT_PERSON || ty == ENT_ORG || ty == ENT_OTHER || doubtful_place(d, d->mentions[m].entity)) &&
            !adjective_entity(d, &d->mentions[m]))
          return chain_head(d, m);
      }
    }
  }
  /* right after it: "German newspaper Bild", "the magazine Time" (0.12.3:
   * "the newspaper" went to the last organisation, CNN) */
  if (h + 1 < se && d->tok_mention[h + 1] >= 0 && d->mentions[d->tok_mention[h + 1]].tok_begin == h + 1) {
    const mention *mn = &d->mentions[d->tok_mention[h + 1]];
    uint8_t ty = d->ents[mn->entity].type;
    if ((ty == ENT_ORG || ty == ENT_OTHER || doubtful_place(d, mn->entity)) && !adjective_entity(d, mn))
      return mn->entity;
  }
  /* after it: ", which include(s) NAME" ("the report, which includes the Tax Fund") */
  uint32_t t = h + 1;
  if (t + 3 < se && tok_is(d, t, ",") && (tok_ieq(d, t + 1, "which") || tok_ieq(d, t + 1, "that")) &&
      (tok_ieq(d, t + 2, "include") || tok_ieq(d, t + 2, "includes") || tok_ieq(d, t + 2, "included"))) {
    for (uint32_t u = t + 3; u < se && u <= t + 3 + NP_PREMOD; u++) {
      int32_t m = d->tok_mention[u];
      if (m >= 0) {
        const mention *mn = &d->mentions[m];
        uint8_t ty = d->ents[mn->entity].type;
        if (ty == ENT_PLACE && !doubtful_place(d, mn->entity)) continue; /* "the U.S. PIRG Education Fund" */
        if (!adjective_entity(d, mn)) return mn->entity;
        break;
      }
    }
  }
  /* or "by / from / of / at" and a name */
  while (t < se && t <= h + 2 && d->has_pos && (d->toks[t].pos == TAG_UPOS_VERB || d->toks[t].pos == TAG_UPOS_ADV))
    t++; /* "released by", "published by" */
  if (t < se && (tok_ieq(d, t, "by") || tok_ieq(d, t, "from") || tok_ieq(d, t, "of") || tok_ieq(d, t, "at"))) {
    for (uint32_t u = t + 1; u < se && u <= h + NP_POSTMOD; u++) {
      int32_t m = d->tok_mention[u];
      if (m >= 0) {
        const mention *mn = &d->mentions[m];
        uint8_t ty = d->ents[mn->entity].type;
        if ((ty == ENT_PERSON || ty == ENT_ORG || ty == ENT_OTHER || doubtful_place(d, mn->entity)) &&
            !adjective_entity(d, mn))
          return mn->entity;
        break;
      }
      if (!(d->toks[u].flags & (TF_WORD | TF_NUMBER))) break; /* "data from the 2014 American Community Survey" */
    }
  }
  /* "NAME, a ... head" where the head ends the apposition right after a name */
  return -1;
}

/* The head noun of the source [b, e): the last word of its first noun phrase
 * ("the agency that oversees ..." -> agency; "The ad then" -> ad).  NONE: none. */
static uint32_t np_head(const precis_doc *d, uint32_t b, uint32_t e) {
  uint32_t h = NONE;
  for (uint32_t t = b; t < e; t++) {
    if (is_poss(d, t)) continue; /* "Kessler's lawyer" */
    if (!(d->toks[t].flags & TF_WORD)) {
      if (tok_is(d, t, "-") || tok_is(d, t, "/")) continue; /* "a Post-ABC poll", "the Reuters/Ipsos poll" */
      break;
    }
    if (t > b && (tok_in_ci(d, t, LXL_CLAUSE_WORD) || tok_in_ci(d, t, LXL_PREPOSITION) || tok_ieq(d, t, "of")))
      break;
    if (t > b && d->has_pos && (d->toks[t].pos == TAG_UPOS_VERB || d->toks[t].pos == TAG_UPOS_ADV ||
                                d->toks[t].pos == TAG_UPOS_AUX))
      break;
    h = t;
  }
  return h;
}

/* "A U.S. official said ... the official said": a definite description
 * whose head noun an indefinite noun phrase of the last INDEF_LOOKBACK
 * sentences introduced ("a U.S. official", "one man", "an elderly woman")
 * is that unnamed person, not a person named elsewhere (CNN/DM: "the
 * official" went to the correspondent by prominence).  Returns true when
 * such an antecedent is found with no person named between it and the
 * description and no name given to it ("a man, John Reyes,", "a man named
 * ..."); *ent is then the speaker of a quote whose source it is, else -1. */
#define INDEF_LOOKBACK 3
static bool word_is(const precis_doc *d, uint32_t t, const char *w, size_t wn);
#define INDEF_PREMOD 4 /* "an [unnamed senior U.S.] official" */
static bool unnamed_antecedent(const precis_doc *d, uint32_t qi, uint32_t b, uint32_t h, int32_t *ent) {
  if (!d->has_pos || b == 0) return false;
  uint32_t cs = d->toks[b].sent, min_sent = cs >= INDEF_LOOKBACK ? cs - INDEF_LOOKBACK : 0;
  char hw[48];
  size_t hn = fold(tok_str(d, h), tok_len(d, h), hw, sizeof hw);
  if (!hn || hn >= sizeof hw) return false;
  for (uint32_t k = b; k-- > 0 && d->toks[k].sent >= min_sent;) {
    int32_t m = d->tok_mention[k];
    if (m >= 0 && d->ents[d->mentions[m].entity].type == ENT_PERSON) return false; /* a person named since */
    if (!word_is(d, k, hw, hn)) continue;
    /* its noun phrase: an indefinite determiner, then modifiers only */
    uint32_t sb = d->sents[d->toks[k].sent].tok_begin, det = NONE;
    for (uint32_t j = k; j > sb && k - j < INDEF_PREMOD + 1; j--) {
      uint32_t t = j - 1;
      if (tok_in_ci(d, t, LXL_INDEFINITE) && !tok_ieq(d, t, "some") && !tok_ieq(d, t, "several") &&
          !tok_ieq(d, t, "many")) {
        det = t;
        break;
      }
      int p = d->toks[t].pos;
      if (!(p == TAG_UPOS_ADJ || p == TAG_UPOS_NOUN || p == TAG_UPOS_PROPN || p == TAG_UPOS_NUM || tok_is(d, t, "-")))
        break;
      if (d->tok_mention[t] >= 0 && d->ents[d->mentions[d->tok_mention[t]].entity].type == ENT_PERSON) break;
    }
    if (det == NONE) return false; /* the nearest mention of the head is no indefinite one */
    /* said of somebody named: "Griffin, a resident of Delhi", "Reyes is a
     * former officer", "known as a ..." */
    if (det > sb && (tok_ieq(d, det - 1, "is") || tok_ieq(d, det - 1, "was") || tok_ieq(d, det - 1, "as") ||
                     tok_ieq(d, det - 1, "became") || tok_ieq(d, det - 1, "been")))
      return false;
    if (det > sb && tok_is(d, det - 1, ",")) { /* "NAME, a ...", "NAME, 45, a ..." */
      uint32_t t = det - 1;
      while (t > sb && det - t < 4 && (tok_is(d, t - 1, ",") || d->toks[t - 1].pos == TAG_UPOS_NUM)) t--;
      if (t > sb && d->tok_mention[t - 1] >= 0 && d->ents[d->mentions[d->tok_mention[t - 1]].entity].type == ENT_PERSON)
        return false;
    }
    /* named there: "a man, John Reyes,", "a man named John Reyes", "a man identified as ..." */
    uint32_t a = k + 1;
    if (a < b && tok_is(d, a, ",")) a++;
    if (a < b && (tok_ieq(d, a, "named") || tok_ieq(d, a, "identified") || tok_ieq(d, a, "called"))) return false;
    if (a < b && d->tok_mention[a] >= 0 && d->ents[d->mentions[d->tok_mention[a]].entity].type == ENT_PERSON)
      return false;
    *ent = -1;
    for (uint32_t j = 0; j < qi; j++) {
      const quote *o = &d->quotes[j];
      if (o->source_tok_begin != NONE && o->source_tok_begin <= k && k < o->source_tok_end) *ent = o->entity;
    }
    return true;
  }
  return false;
}

/* Resolve a definite description of an organisation, a place or a text
 * ("the agency", "the city", "the report") whose head noun is token h.
 * Returns the entity, -1 when none fits, -2 when h is no such head. */
static int32_t resolve_org_description(const precis_doc *d, uint32_t b, uint32_t h, int32_t last_speaker,
                                       uint32_t last_speaker_sent) {
  bool org = tok_in_ci(d, h, LXL_ORG_HEAD), text = tok_in_ci(d, h, LXL_DOC_HEAD);
  if (!org && !text) return -2;
  char w[48];
  size_t wn = fold(tok_str(d, h), tok_len(d, h), w, sizeof w);
  /* 1. the last nominal mention of the same noun names it */
  uint32_t lo = b > ANTE_TOKENS ? b - ANTE_TOKENS : 0;
  for (uint32_t t = b; t-- > lo;) {
    if (tok_len(d, t) != wn && tok_len(d, t) != wn + 1) continue;
    char v[48];
    size_t vn = fold(tok_str(d, t), tok_len(d, t), v, sizeof v);
    if (vn == wn + 1 && v[wn] == 's') vn = wn; /* "polls" for "the poll" */
    if (vn != wn || memcmp(v, w, wn) != 0) continue;
    int32_t en = nominal_antecedent(d, t);
    if (en >= 0) return en;
  }
  /* 2. a text speaks for whoever just spoke ("In a statement, the union said ...
   *    The statement added ...") */
  uint32_t cs = d->toks[b].sent;
  if (text && !org) {
    if (last_speaker >= 0 && last_speaker_sent + 2 >= cs) return last_speaker;
    /* a court's text: "the ruling said" is the latest court named */
    if ((wn == 6 && !memcmp(w, "ruling", 6)) || (wn == 8 && !memcmp(w, "decision", 8)) ||
        (wn == 7 && (!memcmp(w, "opinion", 7) || !memcmp(w, "verdict", 7)))) {
      int32_t lm = mentions_before(d, b), stop = lm > ORG_MENTIONS ? lm - ORG_MENTIONS : 0;
      for (int32_t m = lm - 1; m >= stop; m--) {
        const entity *E = &d->ents[d->mentions[m].entity];
        if ((E->type == ENT_ORG || E->type == ENT_PLACE) && name_has_word(E->name, "court", 5)) return d->mentions[m].entity;
      }
    }
    return -1;
  }
  /* 3. the latest organisation (or place) whose name fits, else for a generic head the latest one */
  bool want_place = place_head(w, wn);
  int32_t lm = mentions_before(d, b), stop = lm > ORG_MENTIONS ? lm - ORG_MENTIONS : 0;
  int32_t any = -1;
  bool generic = false;
  for (int32_t m = lm - 1; m >= stop; m--) {
    const mention *mn = &d->mentions[m];
    const entity *E = &d->ents[mn->entity];
    if (want_place) {
      if (E->type == ENT_PLACE && d->toks[mn->tok_begin].quote_depth == 0) return mn->entity;
      continue;
    }
    if (!org_like(d, mn->entity) || adjective_entity(d, mn)) continue;
    /* not the head noun itself written with a capital ("Bank executives ..." for "the bank") */
    if (word_eq(E->name, strlen(E->name), w, wn)) continue;
    if (org_name_fits(E->name, w, wn, &generic)) return mn->entity;
    if (any < 0 && E->type == ENT_ORG && mn->sent + GENERIC_LOOKBACK >= cs) any = mn->entity; /* no doubtful place */
  }
  if (generic && any >= 0) return any;
  /* 4. named only later: "according to the union ... the United Mine Workers of
   * America" (not "a French newspaper": a modifier with a capital names another) */
  if (!want_place && !(d->toks[b].flags & TF_CAP && !tok_in_ci(d, b, LXL_ARTICLE)))
    for (uint32_t m = (uint32_t)lm; m < d->nmentions && m < (uint32_t)lm + ORG_MENTIONS; m++) {
      const mention *mn = &d->mentions[m];
      if (!org_like(d, mn->entity) || adjective_entity(d, mn) || d->toks[mn->tok_begin].quote_depth > 0) continue;
      bool g = false;
      if (!org_name_fits(d->ents[mn->entity].name, w, wn, &g)) continue;
      /* its capitalised modifiers must be words of the name: "the top British
       * medical journal" is the British Medical Journal, "a French newspaper" no Times */
      bool fits = true;
      for (uint32_t t = b + 1; t < h && fits; t++) {
        if (!(d->toks[t].flags & TF_CAP)) continue;
        char v[48];
        size_t vn = fold(tok_str(d, t), tok_len(d, t), v, sizeof v);
        fits = name_has_word(d->ents[mn->entity].name, v, vn);
      }
      if (fits) return mn->entity;
    }
  return generic ? any : -1;
}

/* "attorneys for the family", "their attorneys", "the family's lawyers": a
 * plural role noun h (whose singular is a role) that belongs to someone -- a
 * possessive before it or "for"/"of" after it -- speaks through the one person
 * the document describes by that role, before or after ("one of the family's
 * attorneys, Justin Bamberg"); -1 when none or several are; -2 when the
 * source [b, e) is no such group. */
/* Is token t the word w (lower case, wn bytes), in any case? */
static bool word_is(const precis_doc *d, uint32_t t, const char *w, size_t wn) {
  char v[48];
  return tok_len(d, t) == wn && fold(tok_str(d, t), tok_len(d, t), v, sizeof v) == wn && memcmp(v, w, wn) == 0;
}

/* Words of one role: "Pagliano's lawyer" is "an attorney for Pagliano". */
static const char *const ROLE_SYNONYMS[][3] = {
    {"lawyer", "attorney", "counsel"},
    {"spokesman", "spokeswoman", "spokesperson"},
};

/* Is token t the role word w (lower case) or one of its synonyms? */
static bool role_word_is(const precis_doc *d, uint32_t t, const char *w, size_t wn) {
  if (word_is(d, t, w, wn)) return true;
  for (size_t k = 0; k < sizeof ROLE_SYNONYMS / sizeof ROLE_SYNONYMS[0]; k++) {
    bool in = false;
    for (int j = 0; j < 3 && !in; j++) in = strlen(ROLE_SYNONYMS[k][j]) == wn && !memcmp(ROLE_SYNONYMS[k][j], w, wn);
    if (!in) continue;
    for (int j = 0; j < 3; j++)
      if (word_is(d, t, ROLE_SYNONYMS[k][j], strlen(ROLE_SYNONYMS[k][j]))) return true;
  }
  return false;
}

/* "Pagliano's lawyer": the one person the document names as the owner's
 * lawyer in an apposition ("An attorney for Pagliano, Mark MacDougall,";
 * "Mark MacDougall, Pagliano's attorney,"): the role word (or a synonym) and
 * a mention of the owner within APPOS_ROLE_WINDOW tokens of the comma.  -1 when
 * several are, -2 when none is or the source is no such phrase. */
static int32_t owner_role_person(const precis_doc *d, uint32_t b, uint32_t h) {
  if (h < b + 2 || !(lx(d, h) & LX_ROLE) || !is_poss(d, h - 1) || d->tok_mention[h - 2] < 0) return -2;
  const int32_t owner = d->mentions[d->tok_mention[h - 2]].entity;
  char w[48];
  size_t wn = fold(tok_str(d, h), tok_len(d, h), w, sizeof w);
  int32_t found = -1;
  for (uint32_t m = 0; m < d->nmentions; m++) {
    const mention *mt = &d->mentions[m];
    if (d->ents[mt->entity].type != ENT_PERSON || mt->entity == owner || mt->entity == found) continue;
    const uint32_t tb = mt->tok_begin, te = mt->tok_end;
    bool role = false, own = false;
    if (tb >= 2 && tok_is(d, tb - 1, ",") && d->toks[tb - 2].sent == mt->sent)
      for (uint32_t t = tb - 1; t-- > 0 && tb - 1 - t <= APPOS_ROLE_WINDOW && d->toks[t].sent == mt->sent;) {
        role |= role_word_is(d, t, w, wn);
        own |= d->tok_mention[t] >= 0 && d->mentions[d->tok_mention[t]].entity == owner;
      }
    if (!(role && own) && te < d->ntoks && tok_is(d, te, ",")) {
      role = own = false;
      for (uint32_t t = te + 1; t < d->ntoks && t <= te + APPOS_ROLE_WINDOW && d->toks[t].sent == mt->sent; t++) {
        if (tok_is(d, t, ",")) break;
        role |= role_word_is(d, t, w, wn);
        own |= d->tok_mention[t] >= 0 && d->mentions[d->tok_mention[t]].entity == owner;
      }
    }
    if (!(role && own)) continue;
    if (found >= 0) return -1;
    found = mt->entity;
  }
  return found >= 0 ? found : -2;
}

static int32_t role_member(const precis_doc *d, uint32_t b, uint32_t h, uint32_t e) {
  uint32_t hl = tok_len(d, h);
  const char *hs = tok_str(d, h);
  if (hl < 4 || hl > 40 || hs[hl - 1] != 's') return owner_role_person(d, b, h);
  char one[48];
  size_t on = fold(hs, hl - 1, one, sizeof one);
  if (!(prc_lex_flags(one, on) & LX_ROLE)) return -2;
  bool owned = (h > b && (tok_in_ci(d, h - 1, LXL_POSSESSIVE) || is_poss(d, h - 1))) ||
               (h + 1 < e && (tok_ieq(d, h + 1, "for") || tok_ieq(d, h + 1, "of")));
  if (!owned) return -2;
  char many[48];
  size_t mn = fold(hs, hl, many, sizeof many);
  /* the people named with it in an apposition: "one of the family's attorneys,
   * Justin Bamberg", "Justin Bamberg, an attorney for the family," */
  int32_t found = -1;
  for (uint32_t m = 0; m < d->nmentions; m++) {
    const mention *mt = &d->mentions[m];
    if (d->ents[mt->entity].type != ENT_PERSON || mt->entity == found) continue;
    bool has = false;
    uint32_t tb = mt->tok_begin, te = mt->tok_end;
    if (tb >= 2 && tok_is(d, tb - 1, ",") && d->toks[tb - 2].sent == mt->sent)
      has = word_is(d, tb - 2, one, on) || word_is(d, tb - 2, many, mn);
    if (!has && te < d->ntoks && tok_is(d, te, ","))
      for (uint32_t t = te + 1; t < d->ntoks && t <= te + APPOS_ROLE_WINDOW && !has; t++) {
        if (!(d->toks[t].flags & TF_WORD) && !is_poss(d, t)) break;
        has = word_is(d, t, one, on) || word_is(d, t, many, mn);
      }
    if (!has) continue;
    if (found >= 0) return -1; /* several: which one speaks is unknown */
    found = mt->entity;
  }
  return found;
}

/* Is sentence s a signature: a paragraph of its own that is one person's name
 * ("Toni LeAnn Williams." under a letter)?  The person, else -1. */
static int32_t signature(const precis_doc *d, uint32_t s) {
  const sentence *se = &d->sents[s];
  if ((s > 0 && d->sents[s - 1].para == se->para) || (s + 1 < d->nsents && d->sents[s + 1].para == se->para)) return -1;
  uint32_t e = se->tok_end;
  while (e > se->tok_begin && (d->toks[e - 1].flags & TF_PUNCT)) e--;
  int32_t m = e > se->tok_begin ? d->tok_mention[se->tok_begin] : -1;
  if (m < 0 || d->mentions[m].tok_end != e) return -1;
  return d->ents[d->mentions[m].entity].type == ENT_PERSON ? d->mentions[m].entity : -1;
}

/* "I" in an opinion piece or a letter, outside quotation marks: its writer --
 * the first signature in the next SIGNATURE_AHEAD sentences ("Toni LeAnn
 * Williams." under a letter), else the person the piece's note presents:
 * "Charlotte Meehan is playwright-in-residence at ..." as its last paragraph,
 * "Editor's note: NAME is ..." first (*note caches it; -2: not looked for).
 * -1: none. */
static int32_t writer(const precis_doc *d, uint32_t tok, int32_t *note) {
  uint32_t s0 = d->toks[tok].sent;
  for (uint32_t s = s0 + 1; s < d->nsents && s <= s0 + SIGNATURE_AHEAD; s++) {
    int32_t w = signature(d, s);
    if (w >= 0) return w;
  }
  if (*note == -2) {
    *note = -1;
    /* the last paragraph's first sentence, or the first one after "Editor's note:" */
    uint32_t cand[2] = {NONE, NONE};
    if (d->nsents) {
      uint32_t last = d->nsents - 1;
      while (last > 0 && d->sents[last - 1].para == d->sents[last].para) last--;
      /* a note of its own: a short last paragraph of a paragraphed piece */
      if (d->sents[last].para >= 2 && d->nsents - last <= 2) cand[0] = last;
      if (tok_ieq(d, d->sents[0].tok_begin, "editor") || tok_ieq(d, d->sents[0].tok_begin, "editors")) cand[1] = 0;
    }
    for (int k = 0; k < 2 && *note < 0; k++) {
      if (cand[k] == NONE) continue;
      const sentence *se = &d->sents[cand[k]];
      for (uint32_t t = se->tok_begin; t < se->tok_end && t < se->tok_begin + NOTE_NAME_AT; t++) {
        int32_t m = d->tok_mention[t];
        if (m < 0 || d->mentions[m].tok_begin != t) continue;
        uint32_t a = d->mentions[m].tok_end;
        if (d->ents[d->mentions[m].entity].type == ENT_PERSON && a < se->tok_end &&
            tok_ieq(d, a, "is"))
          *note = d->mentions[m].entity;
        break;
      }
    }
  }
  return *note;
}

/* Does q's source join people: "Grassley and Leahy", "Mr. Obama and Hillary Clinton"? */
static bool person_pair(const precis_doc *d, const quote *q) {
  if (q->source_tok_begin == NONE) return false;
  uint32_t people = 0;
  bool and = false;
  for (uint32_t t = q->source_tok_begin; t < q->source_tok_end; t++) {
    int32_t m = d->tok_mention[t];
    if (m >= 0 && d->mentions[m].tok_begin == t && d->ents[d->mentions[m].entity].type == ENT_PERSON) people++;
    if (tok_ieq(d, t, "and") && people) and = true;
  }
  return and && people >= 2;
}

/* "they" for people just named together: the subject of this sentence or
 * the one before is two people or more ("Cantona, Solskjaer and Sir Alex
 * Ferguson have all spoken out ... They said"), or "the Richards" stands for
 * a person of that surname ("Bill and Denise Richard ... The Richards never
 * mention him ... They stress"); the first of them, or -1.  The pronoun must
 * open its sentence. */
static int32_t people_before(const precis_doc *d, uint32_t b) {
  const uint32_t cs = d->toks[b].sent;
  if (b != d->sents[cs].body_start_tok) return -1;
  for (uint32_t s = cs; s + 2 > cs && s != UINT32_MAX; s--) {
    const sentence *se = &d->sents[s];
    if (se->kind == SK_CAPTION) continue;
    uint32_t sb = se->body_start_tok, end = s == cs ? b : se->tok_end;
    if (sb >= end || d->toks[sb].quote_depth > 0) continue;
    /* "The Richards": a plural of a person's surname */
    if (tok_ieq(d, sb, "the") && sb + 1 < end && (d->toks[sb + 1].flags & TF_CAP) && tok_len(d, sb + 1) > 3 &&
        tok_str(d, sb + 1)[tok_len(d, sb + 1) - 1] == 's') {
      const char *w = tok_str(d, sb + 1);
      const size_t wn = tok_len(d, sb + 1) - 1;
      for (uint32_t en = 0; en < d->nents; en++) {
        const entity *E = &d->ents[en];
        if (E->type != ENT_PERSON) continue;
        const char *sp = strrchr(E->name, ' ');
        if (sp && strlen(sp + 1) == wn && !strncmp(sp + 1, w, wn)) return (int32_t)en;
      }
    }
    /* a subject of people joined by "and" (and commas) */
    int32_t m = d->tok_mention[sb];
    if (m < 0 || d->mentions[m].tok_begin != sb || d->ents[d->mentions[m].entity].type != ENT_PERSON) continue;
    uint32_t t = d->mentions[m].tok_end, people = 1;
    bool and = false;
    while (t + 1 < end && (tok_is(d, t, ",") || tok_ieq(d, t, "and"))) {
      and = and || tok_ieq(d, t, "and");
      uint32_t k = t + 1;
      if (tok_ieq(d, k, "and") && k + 1 < end) {
        and = true;
        k++;
      }
      while (k < end && (lx(d, k) & LX_TITLE) && (d->toks[k].flags & TF_CAP)) k++; /* "Sir Alex Ferguson" */
      int32_t m2 = k < end ? d->tok_mention[k] : -1;
      if (m2 < 0 || d->ents[d->mentions[m2].entity].type != ENT_PERSON) break;
      people++;
      t = d->mentions[m2].tok_end;
    }
    if (and && people >= 2) return d->mentions[m].entity;
  }
  return -1;
}

/* "police said", "according to police": the document's police force -- an
 * organisation with "police" in its name ("Chicago Police Department") or a
 * name right before the word ("Charlotte-Mecklenburg police chief", "Tulsa
 * police"), wherever it is in the document; the one named so most often (the
 * first to reach that count), else -1.  One pass over the mentions: the
 * caller asks once per document. */
static int32_t police_force(precis_doc *d) {
  int32_t best = -1;
  uint32_t best_n = 0, *votes = NULL;
  for (uint32_t m = 0; m < d->nmentions; m++) {
    const mention *mn = &d->mentions[m];
    const entity *E = &d->ents[mn->entity];
    if (E->type == ENT_PERSON || d->toks[mn->tok_begin].quote_depth > 0) continue;
    uint32_t a = mn->tok_end;
    bool owns = name_has_word(E->name, "police", 6) ||
                (a < d->ntoks && d->toks[a].sent == mn->sent && tok_ieq(d, a, "police") && !is_poss(d, a - 1));
    if (!owns) continue;
    if (!votes) {
      votes = prc_arena_alloc(&d->ar, (d->nents + 1) * sizeof *votes);
      if (!votes) return -1;
      memset(votes, 0, (d->nents + 1) * sizeof *votes);
    }
    uint32_t n = ++votes[mn->entity];
    if (n > best_n) {
      best_n = n;
      best = mn->entity;
    }
  }
  return best;
}

/* The source's last word, when it is capitalised and no person or organisation
 * mention covers it ("Politifact says", a transcript's "WALLACE:") but it is a
 * word of the name of a person or organisation found elsewhere in the document:
 * that entity (the most mentioned; a person on a tie), else -1.  Only the head
 * word: "the Republican nominee" names nobody. */
static int32_t unlinked_name(const precis_doc *d, uint32_t se) {
  uint32_t t = se - 1;
  if (!(d->toks[t].flags & TF_WORD) || !(d->toks[t].flags & TF_CAP) || tok_len(d, t) < 3) return -1;
  if (lx(d, t) & (LX_STOP | LX_TITLE | LX_ROLE | LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1 | LX_MONTH | LX_DAY |
                  LX_DEMONYM))
    return -1;
  int32_t m = d->tok_mention[t];
  if (m >= 0) {
    uint8_t ty = d->ents[d->mentions[m].entity].type;
    if (ty == ENT_PERSON || ty == ENT_ORG) return -1;
  }
  char w[48];
  size_t wn = fold(tok_str(d, t), tok_len(d, t), w, sizeof w);
  int32_t best = -1;
  for (uint32_t en = 0; en < d->nents; en++) {
    const entity *E = &d->ents[en];
    if (!E->name || !(E->type == ENT_PERSON || org_like(d, (int32_t)en))) continue;
    if (!name_has_word(E->name, w, wn)) continue;
    if (best < 0 || E->nmentions > d->ents[best].nmentions ||
        (E->nmentions == d->ents[best].nmentions && E->type == ENT_PERSON))
      best = (int32_t)en;
  }
  /* a misspelt surname (the article's own typo, five letters or more): the one
   * person whose full name's surname is one edit away */
  if (best < 0 && wn >= 5) {
    for (uint32_t en = 0; en < d->nents; en++) {
      const entity *E = &d->ents[en];
      if (!E->name || E->type != ENT_PERSON || !surname_near(E->name, w, wn)) continue;
      if (best >= 0) return -1; /* two such people: none */
      best = (int32_t)en;
    }
  }
  return best;
}

/* "it" / "they" (or "its" / "their" before a group noun) -> the latest organisation
 * that spoke within SPEAKER_RECENCY sentences, or one named since, outside quotes. */
static int32_t resolve_org_pronoun(const precis_doc *d, uint32_t b, int32_t last_speaker, uint32_t last_speaker_sent) {
  bool plural = !tok_ieq(d, b, "it") && !tok_ieq(d, b, "its");
  uint32_t cs = d->toks[b].sent;
  uint32_t min_sent = cs >= ORG_PRON_LOOKBACK ? cs - ORG_PRON_LOOKBACK : 0;
  bool speaker_ok = last_speaker >= 0 && d->ents[last_speaker].type == ENT_ORG && last_speaker_sent + SPEAKER_RECENCY >= cs;
  for (int32_t m = mentions_before(d, b) - 1; m >= 0; m--) {
    const mention *mn = &d->mentions[m];
    if (mn->sent < min_sent || (speaker_ok && mn->sent <= last_speaker_sent)) break;
    if (d->toks[mn->tok_begin].quote_depth > 0) continue;
    if (d->ents[mn->entity].type != ENT_ORG || adjective_entity(d, mn)) continue;
    if (plural && !is_subject(d, mn)) continue; /* "they" is people more often than not: a subject only */
    return mn->entity;
  }
  return speaker_ok ? last_speaker : -1;
}

/* "Her submission to the court", "His program": a possessive pronoun and a
 * noun that names a thing, not a person (no role, title or gender, not
 * "family"), the first noun after it. */
static bool poss_thing(const precis_doc *d, uint32_t b, uint32_t e) {
  static const char *const people[] = {"family", "friends", "people", "supporters", "parents", "children", "kids",
                                       "fans", "colleagues", "survivors", "caretakers", "relatives", "neighbors",
                                       "neighbours", "party", "caucus", "allies", "critics", "team", "agent",
                                       "publicist", "church", "school", "company", "firm", "office", "staff", NULL};
  uint32_t h = b + 1;
  while (h < e && d->toks[h].pos != TAG_UPOS_NOUN) {
    if (d->toks[h].pos != TAG_UPOS_ADJ && d->toks[h].pos != TAG_UPOS_NUM) return false;
    h++;
  }
  while (h + 1 < e && d->toks[h + 1].pos == TAG_UPOS_NOUN) h++; /* the compound's head: "her appeal lawyers" */
  if (h >= e || (lx(d, h) & (LX_ROLE | LX_TITLE)) || noun_gender(d, h)) return false;
  if (memchr(tok_str(d, h), '-', tok_len(d, h))) return false; /* "sister-in-law", "fifth-grader" */
  for (const char *const *w = people; *w; w++)
    if (tok_ieq(d, h, *w)) return false;
  /* a plural of a role: "his attorneys" */
  uint32_t n = tok_len(d, h);
  const char *hs = tok_str(d, h);
  if (n > 3 && hs[n - 1] == 's') {
    char tmp[48];
    size_t k = fold(hs, n - 1, tmp, sizeof tmp);
    if (prc_lex_flags(tmp, k) & (LX_ROLE | LX_TITLE)) return false;
  }
  return true;
}

/* Does quote o's source give its person a role noun other than the head h
 * ("Prosecutor Mara Quist" for "a ferry captain")?  Titles don't count
 * ("Justice Frank Nervo" may be "the judge"). */
static bool other_role(const precis_doc *d, const quote *o, uint32_t h) {
  if (o->source_tok_begin == NONE) return false;
  char w[48];
  size_t wn = fold(tok_str(d, h), tok_len(d, h), w, sizeof w);
  for (uint32_t t = o->source_tok_begin; t < o->source_tok_end && t < d->ntoks; t++) {
    if (!(d->toks[t].flags & TF_WORD) || (lx(d, t) & (LX_ROLE | LX_TITLE)) != LX_ROLE) continue;
    char v[48];
    size_t vn = fold(tok_str(d, t), tok_len(d, t), v, sizeof v);
    if (vn != wn || memcmp(v, w, wn) != 0) return true;
  }
  return false;
}

/* A description in a news lead (the headline and the first sentences: "A former
 * party chairman says", "Poll: ...", "A new poll shows") is of whom the text
 * names next: the first later quote within LEAD_AHEAD sentences whose source
 * names a person (person: a role head) or an organisation (a text or
 * organisation head), or -1.  Singular heads only ("two speechwriters" are
 * not the one named next). */
static int32_t lead_cataphor(const precis_doc *d, uint32_t qi, uint32_t b, uint32_t h, const uint8_t *pass1,
                             bool person) {
  uint32_t cs = d->toks[b].sent;
  if ((cs >= LEAD_SENTS && !after_time_line(d, cs)) || h == NONE || tok_ieq(d, b, "one") || tok_ieq(d, b, "another")) return -1;
  if (tok_len(d, h) > 3 && tok_str(d, h)[tok_len(d, h) - 1] == 's' && !(lx(d, h) & LX_ROLE) &&
      !tok_in_ci(d, h, LXL_DOC_HEAD) && !tok_in_ci(d, h, LXL_ORG_HEAD))
    return -1; /* a plural */
  if (person && !(lx(d, h) & LX_ROLE)) return -1;
  for (uint32_t j = qi + 1; j < d->nquotes; j++) {
    const quote *o = &d->quotes[j];
    if (o->sent_begin > cs + LEAD_AHEAD) break;
    if (!pass1[j] || o->entity < 0) continue;
    const entity *E = &d->ents[o->entity];
    if (person && other_role(d, o, h)) continue; /* "A ferry captain ... Prosecutor Mara Quist said" */
    if (!person) { /* a head that implies a kind of name: "the newspaper" is no Department of Immigration */
      char w[48];
      size_t wn = fold(tok_str(d, h), tok_len(d, h), w, sizeof w);
      bool generic = false;
      if (!org_name_fits(E->name, w, wn, &generic) && generic) continue;
    }
    if (person ? E->type == ENT_PERSON : (E->type == ENT_OTHER || org_like(d, o->entity))) return o->entity;
  }
  return -1;
}

/* Where the search for a pronoun's antecedent starts: the pronoun b, or
 * the start of the quote's content when that comes first ('Mr Sullivan
 * "made accounting decisions," he told the court', after Ebbers spoke: the
 * names of what the speaker says are not the speaker; 0.13, was Sullivan).
 * Used only when a recent speaker fits (resolve_person_pronoun_g). */
static uint32_t content_front(const precis_doc *d, quote *q, uint32_t b) {
  uint32_t lim = b;
  for (uint32_t k = 0; k < q->ncontent; k++) {
    const bspan *c = prc_quote_content(d, q, k);
    if (c->start >= d->toks[b].start) continue;
    uint32_t lo = 0, hi = b; /* the first token starting at or after the span */
    while (lo < hi) {
      uint32_t m = lo + (hi - lo) / 2;
      if (d->toks[m].start < c->start) lo = m + 1;
      else hi = m;
    }
    if (lo < lim) lim = lo;
  }
  return lim;
}

void prc_resolve_speakers(precis_doc *d) {
  if (!d->nquotes) return;
  uint32_t *named = prc_arena_alloc(&d->ar, (d->nents + 1) * sizeof(uint32_t));
  uint8_t *pass1 = prc_arena_alloc(&d->ar, d->nquotes); /* resolved by a name in the first pass */
  memset(pass1, 0, d->nquotes);
  /* first pass: quotes whose source names someone */
  for (uint32_t i = 0; i < d->nquotes; i++) {
    quote *q = &d->quotes[i];
    if (q->source_tok_begin == NONE) continue;
    int32_t pick = -1, other = -1;
    uint32_t sb = q->source_tok_begin, se = q->source_tok_end;
    /* "AAA, the company for which Aguayo worked,": the name before the apposition */
    for (uint32_t t = sb + 1; t < se; t++)
      if (tok_is(d, t, ",")) {
        bool named = false;
        /* not a possessive: "Apple's chief executive, Tim Cook" is Tim Cook */
        /* nor a person the head is described through: "An attorney for
         * Pagliano, Mark MacDougall" is MacDougall */
        for (uint32_t u = sb; u < t; u++)
          if (d->tok_mention[u] >= 0) {
            const mention *mu = &d->mentions[d->tok_mention[u]];
            uint32_t me = mu->tok_end;
            named |= !(me < d->ntoks && is_poss(d, me)) && !through_person(d, sb, mu);
          }
        /* but a titled person's name after the comma is the speaker: "the real
         * Dred Scott, Chief Justice Roberts", "... proposals, Mr. Holtz-Eakin" */
        if (named && t + 2 < se && d->tok_mention[sb] < 0 && (lx(d, t + 1) & LX_TITLE) && (d->toks[t + 1].flags & TF_CAP)) {
          uint32_t u = t + 1;
          while (u < se && (lx(d, u) & LX_TITLE) && (d->toks[u].flags & TF_CAP)) u++;
          if (u < se && d->tok_mention[u] >= 0 && d->ents[d->mentions[d->tok_mention[u]].entity].type == ENT_PERSON) {
            sb = t + 1;
            named = false;
          }
        }
        /* "EEF chief economist, Steve Radley", "The Tory finance spokesman,
         * Brian Monteith": a role before the comma, the person holding it
         * after it */
        uint32_t rh = np_head(d, sb, t); /* "The chairman of the Bar Council, Guy Mansfield" */
        if (named && t + 1 < se &&
            ((lx(d, t - 1) & LX_ROLE) || tok_in_ci(d, t - 1, LXL_ORG_VOICE) ||
             (rh != NONE && ((lx(d, rh) & LX_ROLE) || tok_in_ci(d, rh, LXL_ORG_VOICE)))) &&
            d->tok_mention[t + 1] >= 0 && d->mentions[d->tok_mention[t + 1]].tok_begin == t + 1 &&
            d->ents[d->mentions[d->tok_mention[t + 1]].entity].type == ENT_PERSON) {
          sb = t + 1;
          named = false;
        }
        /* "Proponents, including the United States Conference of Mayors": the
         * named member of an unnamed group */
        if (!named && t + 2 < se && tok_ieq(d, t + 1, "including") && d->tok_mention[sb] < 0) sb = t + 2;
        if (named) se = t;
        break;
      }
    while (se > sb && (tok_is(d, se - 1, ",") || (d->toks[se - 1].flags & TF_QUOTE))) se--;
    /* "Kamin, who emphasized", "Grassley and Leahy, who said": the relative
     * pronoun stands for the name right before it */
    if (se == sb + 1 && (tok_ieq(d, sb, "who") || tok_ieq(d, sb, "which") || tok_ieq(d, sb, "that"))) {
      uint32_t t = sb;
      if (t > 0 && tok_is(d, t - 1, ",")) t--;
      int32_t en = t > 0 && d->toks[t - 1].sent == d->toks[sb].sent && d->tok_mention[t - 1] >= 0
                       ? d->mentions[d->tok_mention[t - 1]].entity
                       : -1;
      /* after an apposition: "McConnell, now the Senate majority leader, who said",
       * "John Bentel, a tech staffer at the State Department who told" (a person's
       * "who" is not the department's) */
      if (tok_ieq(d, sb, "who") && (en < 0 || d->ents[en].type != ENT_PERSON)) { /* not "which": things */
        uint32_t lo = t > RELATIVE_APPOS_MAX ? t - RELATIVE_APPOS_MAX : 0;
        for (uint32_t c = t; c-- > lo + 1 && d->toks[c].sent == d->toks[sb].sent;) {
          if (!tok_is(d, c, ",")) continue;
          /* an apposition opens with a lower-case word ("now the", "a tech staffer"),
           * not a list's next name ("Robert DeNiro, Patti LaBelle and ...") */
          if (c + 1 >= t || (d->toks[c + 1].flags & TF_CAP)) break;
          int32_t m = d->tok_mention[c - 1];
          if (m >= 0 && d->ents[d->mentions[m].entity].type == ENT_PERSON) en = d->mentions[m].entity;
          break;
        }
      }
      if (en >= 0) {
        q->entity = en;
        named[en]++;
        pass1[i] = 1;
      }
      continue;
    }
    /* "a Quinn Institute poll", "a new report by the Tax Fund": a text speaks for its author */
    uint32_t h = np_head(d, sb, se);
    bool text = h != NONE && tok_in_ci(d, h, LXL_DOC_HEAD), joined = false;
    for (uint32_t t = sb; t < se && !joined; t++) joined = tok_ieq(d, t, "and");
    for (uint32_t t = sb; t < se; t++) {
      int32_t m = d->tok_mention[t];
      if (m < 0) continue;
      const mention *mn = &d->mentions[m];
      int32_t en = mn->entity;
      if (t != mn->tok_begin && t != sb) continue;
      /* "Pagliano's lawyer" is not Pagliano ("his aides", "Hale's campaign" are) */
      uint32_t after = mn->tok_end;
      if (h != NONE && after < se && h > after && is_poss(d, after) &&
          (lx(d, h) & LX_ROLE) && !tok_in_ci(d, h, LXL_PRINCIPAL_GROUP) && !tok_in_ci(d, h, LXL_DOC_HEAD))
        continue;
      /* "Police in Charlotte", "An aide to Senator Alder": a head noun before a
       * preposition and a person's name is somebody else (not "Ann Varga of ...") */
      if (through_person(d, sb, mn)) continue;
      if (d->ents[en].type == ENT_PERSON) {
        if (pick < 0 || !joined) pick = en; /* "Ann Kessel and Bo Trent": the first of people joined */
      }
      else if (d->ents[en].type == ENT_PLACE && !doubtful_place(d, en) &&
               !(d->mentions[m].tok_begin <= sb + 1 && d->mentions[m].tok_end == se) &&
               !(d->mentions[m].tok_end + 1 == se && tok_in_ci(d, se - 1, LXL_ORG_VOICE)))
        ; /* a place speaks only as the whole source ("Britain announced"), not "the photographer from Essex" */
      else if (d->mentions[m].tok_end == se ||
               (d->mentions[m].tok_end < se && tok_in_ci(d, se - 1, LXL_ORG_VOICE)))
        other = en; /* an organisation speaking; not "New Zealand police" */
    }
    if (pick < 0) pick = other;
    /* "a Quinn Institute poll", "a report by the Tax Fund", "the GOP's complaint to the
     * court": the author of the text */
    if (text && (pick < 0 || d->ents[pick].type != ENT_PERSON)) {
      int32_t a = nominal_antecedent(d, h);
      if (a >= 0) pick = a;
    }
    /* "PolitiFact says", "WALLACE:" where the tagger missed (or misread) this
     * mention of a name it found elsewhere: the entity the word names */
    if (pick < 0 && !text && se > sb && se - sb <= NAME_FALLBACK_TOKENS) pick = unlinked_name(d, se);
    if (pick >= 0) {
      q->entity = pick;
      named[pick]++;
      pass1[i] = 1;
    }
  }
  /* the most prominent people, for descriptions */
  uint32_t cands[MAX_DESC_CANDS], ncands = 0;
  for (uint32_t en = 0; en < d->nents; en++) {
    if (d->ents[en].type != ENT_PERSON) continue;
    double p = prominence(d, en, named);
    if (ncands < MAX_DESC_CANDS) cands[ncands++] = en;
    else if (p > prominence(d, cands[ncands - 1], named)) cands[ncands - 1] = en;
    else continue;
    for (uint32_t k = ncands - 1; k > 0 && prominence(d, cands[k], named) > prominence(d, cands[k - 1], named); k--) {
      uint32_t t = cands[k]; cands[k] = cands[k - 1]; cands[k - 1] = t;
    }
  }
  /* each person's party, from the words before the mentions ("Republican nominee
   * Donald Trump", "Democrat Hillary Clinton") and "(R-Texas)" after them */
  uint8_t *party = prc_arena_alloc(&d->ar, d->nents + 1);
  uint16_t *votes = prc_arena_alloc(&d->ar, 2 * (d->nents + 1) * sizeof(uint16_t));
  memset(votes, 0, 2 * (d->nents + 1) * sizeof(uint16_t));
  for (uint32_t m = 0; m < d->nmentions; m++) {
    const mention *mn = &d->mentions[m];
    if (d->ents[mn->entity].type != ENT_PERSON) continue;
    uint32_t sb = d->sents[mn->sent].tok_begin, se = d->sents[mn->sent].tok_end;
    int p = 0;
    for (uint32_t t = mn->tok_begin; t-- > sb && t + PARTY_WINDOW >= mn->tok_begin;) {
      if ((p = party_word(d, t)) != 0) break;
      if (!(d->toks[t].flags & TF_WORD) || tok_in_ci(d, t, LXL_CLAUSE_WORD) || tok_in_ci(d, t, LXL_PREPOSITION) ||
          (d->has_pos && (d->toks[t].pos == TAG_UPOS_VERB || d->toks[t].pos == TAG_UPOS_AUX)))
        break;
    }
    uint32_t a = mn->tok_end;
    if (!p && a + 1 < se && tok_is(d, a, "(") && tok_len(d, a + 1) >= 2 && tok_str(d, a + 1)[1] == '-') {
      char c = tok_str(d, a + 1)[0];
      p = c == 'R' ? 'R' : c == 'D' ? 'D' : 0;
    }
    if (p) votes[2 * mn->entity + (p == 'D')]++;
  }
  for (uint32_t en = 0; en < d->nents; en++)
    party[en] = votes[2 * en] > votes[2 * en + 1] ? 'R' : votes[2 * en + 1] > votes[2 * en] ? 'D' : 0;
  /* the gender of people no first name or title gives ("Donald" is in no list):
   * the first he/his or she/her after each of their mentions (outside quotes,
   * within GENDER_WINDOW tokens, before any other person is named) votes; a
   * clear majority decides */
  memset(votes, 0, 2 * (d->nents + 1) * sizeof(uint16_t));
  for (uint32_t m = 0; m < d->nmentions; m++) {
    const mention *mn = &d->mentions[m];
    if (d->ents[mn->entity].type != ENT_PERSON || d->ents[mn->entity].gender) continue;
    if (d->toks[mn->tok_begin].quote_depth > 0 || mn->tok_end - mn->tok_begin < 2) continue;
    for (uint32_t t = mn->tok_end; t < d->ntoks && t < mn->tok_end + GENDER_WINDOW; t++) {
      if (d->tok_mention[t] >= 0 && d->ents[d->mentions[d->tok_mention[t]].entity].type == ENT_PERSON) break;
      if (d->toks[t].quote_depth > 0 || !(d->toks[t].flags & TF_WORD)) continue;
      uint32_t f = lx(d, t);
      if (f & LX_PRON_M) { votes[2 * mn->entity]++; break; }
      if (f & LX_PRON_F) { votes[2 * mn->entity + 1]++; break; }
    }
  }
  for (uint32_t en = 0; en < d->nents; en++) {
    uint32_t vm = votes[2 * en], vf = votes[2 * en + 1];
    entity *E = &d->ents[en];
    /* a person named by a first name alone ("Melissa", a feature's subject) */
    if (!E->gender && E->type == ENT_PERSON && E->name && !strchr(E->name, ' '))
      E->gender = (uint8_t)prc_names_gender(E->name, strlen(E->name));
    if (d->ents[en].gender || vm + vf < GENDER_VOTES) continue;
    if (vm >= 2 * vf + 1) d->ents[en].gender = 'm';
    else if (vf >= 2 * vm + 1) d->ents[en].gender = 'f';
  }
  /* each entity's first mention (introduced_before) */
  uint32_t *first_m = prc_arena_alloc(&d->ar, (d->nents + 1) * sizeof(uint32_t));
  for (uint32_t en = 0; en <= d->nents; en++) first_m[en] = UINT32_MAX;
  for (uint32_t m = d->nmentions; m-- > 0;) first_m[d->mentions[m].entity] = m;
  /* second pass, in order: pronouns, descriptions, continuations */
  int32_t last_speaker = -1, police = -2; /* police: police_force(d), asked once */
  int32_t note = -2;                        /* writer(): the note's person (-2: not looked for) */
  bool last_pair = false;                   /* the last speaker's source names two people or more */
  uint32_t last_speaker_sent = 0;
  for (uint32_t i = 0; i < d->nquotes; i++) {
    quote *q = &d->quotes[i];
    uint32_t qs = q->sent_begin;
    if (q->entity < 0 && q->cont_of >= 0 && (uint32_t)q->cont_of < d->nquotes) q->entity = d->quotes[q->cont_of].entity;
    if (q->entity < 0 && q->source_tok_begin != NONE) {
      uint32_t b = q->source_tok_begin, e = q->source_tok_end;
      uint32_t f = lx(d, b);
      uint32_t h = np_head(d, b, e);
      int32_t rm;
      if (e - b == 1 && (tok_ieq(d, b, "I") || tok_ieq(d, b, "me")) && d->toks[b].quote_depth == 0) {
        q->entity = writer(d, b, &note); /* an opinion piece's or a letter's writer */
      } else if (e - b == 1 && (f & (LX_PRON_M | LX_PRON_F))) {
        int32_t ds = described_speaker(d, i, b, (f & LX_PRON_M) ? 'm' : 'f');
        q->entity = ds != -2 ? ds
                             : resolve_person_pronoun(d, b, content_front(d, q, b), (f & LX_PRON_M) ? 'm' : 'f',
                                                      last_speaker, last_speaker_sent, first_m, qs);
      } else if (e - b == 1 && tok_ieq(d, b, "they") && (rm = people_before(d, b)) >= 0) {
        q->entity = rm; /* "Cantona, Solskjaer and Sir Alex Ferguson ... They said": the first of them */
      } else if (e - b == 1 && tok_ieq(d, b, "they") && last_pair && last_speaker_sent + SPEAKER_RECENCY >= qs) {
        q->entity = last_speaker; /* "Grassley and Leahy said ... they wrote": the pair (its first name) */
      } else if (e - b == 1 && (tok_ieq(d, b, "it") || tok_ieq(d, b, "they"))) {
        q->entity = resolve_org_pronoun(d, b, last_speaker, last_speaker_sent);
      } else if (h != NONE && h > b && tok_in_ci(d, b, LXL_POSSESSIVE) &&
                 (tok_in_ci(d, h, LXL_PRINCIPAL_GROUP) || tok_in_ci(d, h, LXL_DOC_HEAD) ||
                  /* "Her submission to the court", "His program": a thing, not a person, of his or hers */
                  ((f & (LX_PRON_M | LX_PRON_F)) && poss_thing(d, b, e)))) {
        /* "his aides", "her campaign", "their statement", "her account": the possessor speaks */
        if (f & (LX_PRON_M | LX_PRON_F))
          q->entity = resolve_person_pronoun(d, b, content_front(d, q, b), (f & LX_PRON_M) ? 'm' : 'f', last_speaker,
                                             last_speaker_sent, first_m, qs);
        else if (f & LX_PRON_PL)
          q->entity = resolve_org_pronoun(d, b, last_speaker, last_speaker_sent);
      } else if (h != NONE && h > b && tok_ieq(d, b, "its") &&
                 (tok_in_ci(d, h, LXL_PRINCIPAL_GROUP) || tok_in_ci(d, h, LXL_DOC_HEAD))) {
        q->entity = resolve_org_pronoun(d, b, last_speaker, last_speaker_sent);
      } else if (h != NONE && (tok_in_ci(d, h, LXL_ORG_HEAD) || tok_in_ci(d, h, LXL_DOC_HEAD)) &&
                 (q->entity = nominal_antecedent(d, h)) >= 0) {
        ; /* "The Hale campaign", "(The Courier,) a weekly newspaper": the name it is said of */
      } else if (h != NONE && !(f & (LX_PRON_PL | LX_PRON_1)) &&
                 (tok_in_ci(d, h, LXL_ORG_HEAD) || tok_in_ci(d, h, LXL_DOC_HEAD)) &&
                 /* not right after a speaker: "..., the Sunday Telegraph reported.
                  * ..., the report added." is the Telegraph */
                 !(last_speaker >= 0 && last_speaker_sent + 1 >= d->toks[b].sent) &&
                 (q->entity = lead_cataphor(d, i, b, h, pass1, false)) >= 0) {
        ; /* "A new poll shows ... The latest Reuters/Ipsos poll shows": the lead's text is the one named next */
      } else if (h != NONE && tok_ieq(d, h, "police") && !tok_in_ci(d, b, LXL_INDEFINITE)) {
        /* "Fort Lauderdale police": the place or organisation it names; "police
         * said": the force the document names, or nobody */
        int32_t own = h > b ? d->tok_mention[h - 1] : -1;
        if (own >= 0 && d->mentions[own].tok_end == h && d->ents[d->mentions[own].entity].type != ENT_PERSON)
          q->entity = d->mentions[own].entity;
        else {
          if (police == -2) police = police_force(d);
          q->entity = police;
        }
      } else if (h != NONE && h > b && tok_in_ci(d, h - 1, LXL_ORG_HEAD) && tok_in_ci(d, h - 1, LXL_PRINCIPAL_GROUP) &&
                 tok_in_ci(d, h, LXL_PRINCIPAL_GROUP) && /* "campaign aides", not "city spokesman" */
                 (rm = resolve_org_description(d, b, h - 1, last_speaker, last_speaker_sent)) >= 0) {
        q->entity = rm; /* "campaign aides", "a campaign spokesman": the campaign's (its last nominal mention) */
      } else if (h != NONE && (rm = role_member(d, b, h, e)) != -2) {
        q->entity = rm; /* "attorneys for the family": the one the document names so, or nobody */
      } else if (h != NONE && !tok_in_ci(d, b, LXL_INDEFINITE) && !(f & (LX_PRON_PL | LX_PRON_1)) &&
                 (q->entity = resolve_org_description(d, b, h, last_speaker, last_speaker_sent)) != -2) {
        ; /* an organisation, a place or a text: resolved or not, no person */
      } else if (e - b >= 1 && !(f & (LX_PRON_PL | LX_PRON_1))) {
        /* "Kessler's lawyer" is somebody else: a person whose descriptions fit, or
         * the one who just spoke, but never Kessler, nor a guess by prominence */
        int32_t excl = h != NONE ? poss_name_before(d, b, h) : -1;
        if (excl < 0) excl = person_after_prep(d, b, e);
        uint32_t cs = d->toks[b].sent, subj_sent = 0;
        int32_t recent = latest_subject_before(d, b, 0, false, cs >= DESC_RECENT ? cs - DESC_RECENT : 0, &subj_sent);
        if (last_speaker >= 0 && d->ents[last_speaker].type == ENT_PERSON && last_speaker_sent + DESC_RECENT >= cs &&
            (recent < 0 || last_speaker_sent >= subj_sent))
          recent = last_speaker;
        if (recent == excl) recent = -1;
        int32_t cata = lead_cataphor(d, i, b, h, pass1, true);
        /* "a U.S. official said ... the official said": that unnamed person
         * unless a named person's descriptions fit */
        int32_t unnamed = -2;
        if (h != NONE && h > b && tok_ieq(d, b, "the") && !unnamed_antecedent(d, i, b, h, &unnamed)) unnamed = -2;
        q->entity = resolve_description(d, b, e, named, cands, ncands, party, recent, excl, cata, first_m, unnamed);
        if (q->entity >= 0) {
          /* learn it: "the US defence chief" */
          entity *E = &d->ents[q->entity];
          uint32_t db = b;
          if (tok_ieq(d, db, "the")) db++;
          if (db < e) {
            const char *s = prc_arena_strndup(&d->ar, d->text + d->toks[db].start, d->toks[e - 1].end - d->toks[db].start);
            bool known = false;
            for (uint32_t k = 0; k < E->ndescs; k++) known |= strcmp(E->descs[k], s) == 0;
            if (!known) {
              const char **slot = ARENA_PUSH(&d->ar, E->descs, E->ndescs, E->cdescs, const char *);
              *slot = s;
            }
          }
        }
      }
    }
    /* "Police in Charlotte said": a place named after a preposition in the
     * source is where the speakers are, not who they are; so is one after
     * "from" when the source is no text ("The amateur photographer from
     * Essex"; "a report from Forbes" is Forbes's, whatever its type) */
    if (q->entity >= 0 && d->ents[q->entity].type == ENT_PLACE &&
        q->source_tok_begin != NONE) {
      uint32_t h = np_head(d, q->source_tok_begin, q->source_tok_end);
      bool from_ok = h != NONE && !tok_in_ci(d, h, LXL_DOC_HEAD) && !tok_in_ci(d, h, LXL_ORG_HEAD);
      for (uint32_t t = q->source_tok_begin + 1; t < q->source_tok_end; t++)
        if (d->tok_mention[t] >= 0 && d->mentions[d->tok_mention[t]].entity == q->entity &&
            d->mentions[d->tok_mention[t]].tok_begin == t &&
            (tok_ieq(d, t - 1, "in") || tok_ieq(d, t - 1, "near") || tok_ieq(d, t - 1, "across") ||
             tok_ieq(d, t - 1, "outside") || tok_ieq(d, t - 1, "around") || (from_ok && tok_ieq(d, t - 1, "from")))) {
          q->entity = -1;
          break;
        }
    }
    if (q->entity < -1) q->entity = -1; /* a resolver's "no such head" (-2) is no entity */
    if (q->entity >= 0) {
      last_speaker = q->entity;
      last_speaker_sent = q->sent_end ? q->sent_end - 1 : qs;
      last_pair = person_pair(d, q);
    }
  }
}
