/* lexicon.h - closed word lists the rule stages rely on (lexicon.c). */
#ifndef PRECIS_LEXICON_H
#define PRECIS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  LX_ABBREV = 1u << 0,      /* takes a dot: Mr. Gen. Jan. Inc. */
  LX_ABBREV_NOEND = 1u << 1,/* an abbreviation that never ends a sentence (titles) */
  LX_TITLE = 1u << 2,       /* a title before a name: President, Secretary, Mr. */
  LX_SPEECH = 1u << 3,      /* a speech / reporting verb form: said, told, insisted */
  LX_PRON_M = 1u << 4,      /* he him his himself */
  LX_PRON_F = 1u << 5,      /* she her hers herself */
  LX_PRON_PL = 1u << 6,     /* they them their */
  LX_PRON_1 = 1u << 7,      /* I we me us my our */
  LX_STOP = 1u << 8,        /* function words */
  LX_MONTH = 1u << 9,
  LX_DAY = 1u << 10,
  LX_ORG_WORD = 1u << 11,   /* a word that makes a name an organisation: Party, Ministry, Inc */
  LX_PLACE = 1u << 12,      /* a known place: Ukraine, Brussels, Texas */
  LX_DEMONYM = 1u << 13,    /* American, British, Ukrainian */
  LX_ROLE = 1u << 14,       /* a noun for a person's role: chief, minister, anchor, spokesman */
  LX_ORG_KNOWN = 1u << 15,  /* a known organisation: NATO, CNN, FBI */
  LX_SPEECH_PRESENT = 1u << 17, /* says, tells, insists */
  LX_SENT_START = 1u << 18, /* a word that often starts a sentence (The, But, He) */
  LX_PERSON_WORD = 1u << 20,/* a common noun for people (used for "count" units) */
  LX_SPEECH_NOTHAT = 1u << 21, /* speech verb that does not take a reported clause ("asked") */
  LX_COMMON = 1u << 22,     /* a common word that is rarely a name when capitalised */
  LX_EVIDENCE = 1u << 23    /* show, find, cite: a cue only before "that" */
};

/* ---- named word lists ------------------------------------------------------
 * Small closed classes the rules test one token against (lexicon.c holds the
 * words).  Unlike the flags above they keep their own case rule: prc_lex_in
 * compares the bytes exactly ("that", not "That"), prc_lex_in_ci folds ASCII
 * case; each list says which one its users call. */
typedef enum lex_list {
  /* attribution.c */
  LXL_PARTICIPLE_CUE,    /* exact: ", saying ...", ", adding ..." (a cue after a comma) */
  LXL_CLAUSE_WORD,       /* ci: that which who but and while because ... (ends a source noun phrase) */
  LXL_AUX_OR_ADV,        /* exact: has was will also later reportedly ... (between a source and its cue) */
  LXL_AUX,               /* exact: is was will had could must be been ... (makes [b, e) a clause, no tags) */
  LXL_GERUND_VERB,       /* exact: admit deny recall describe ... (cues that take a gerund object) */
  LXL_ADDRESSEE_CUE,     /* ci: told tell assured informed warned reminded ("X told Y that") */
  LXL_ADVERBIAL_START,   /* exact: on in at last during earlier via ... (adverbial before "said ... that") */
  LXL_PREPOSITION,       /* exact: in on at with for from by ... (after a cue: no statement, no tags) */
  LXL_SUBORDINATOR,      /* ci: while although though as ("While he said X, ...": X only) */
  LXL_IRREGULAR_SPEECH,  /* exact: said told wrote thought says tells (cue forms without -ed) */
  LXL_PLURAL_SAY,        /* exact: say believe argue warn claim insist ("experts say") */
  LXL_SOURCE_DET,        /* ci: the a an his her their its our other some many one both former new
                            (function words a source noun phrase may contain) */
  LXL_SOURCE_OPENER,     /* exact: In On At After (sentence openers that are no subject) */
  LXL_ARTICLE,           /* ci: the a an */
  LXL_ARTICLE_HOST,      /* ci: of for at all both half (an article after these continues a
                            noun phrase: "a spokesman for the mayor"; otherwise starts a new one) */
  LXL_POSSESSIVE,        /* ci: his her their our my (pronouns inside a noun phrase) */
  LXL_SOURCE_INNER,      /* ci: his her their former (function words inside a source after the cue) */
  LXL_CLAUSE_BREAK,
  LXL_NOT_SPEAKER_LABEL, /* ci: update note editor photo video watch read related ... ("Update: ..." is no speaker) */      /* exact: though although whereas according (", though ...": ends a
                            reported clause) */
  /* keypoints.c */
  LXL_CLAIM_CUT,         /* exact: which while whereas although though who according as adding
                            saying (", which ...": a claim ends at the comma) */
  LXL_CLAIM_OPENER,      /* ci: in on at after ... today yesterday overall (a leading adverbial) */
  LXL_CONJ_OPENER,       /* ci: but and so yet (a lone conjunction that starts a claim) */
  LXL_FINITE_VERB,       /* exact: is was are were has have had will would (a clause verb, no tags) */
  LXL_GROUP_SOURCE,      /* ci: police officials authorities (sources named without a capital) */
  /* speakers.c */
  LXL_INDEFINITE,        /* ci: a an one another some several many (a new, unnamed person) */
  LXL_DESC_SKIP,         /* ci: former new (description words not compared with a person's) */
  LXL_ORG_VOICE,         /* ci: spokesman spokeswoman statement official(s) leaders ("the NHS spokesman":
                            the organisation speaks) */
  LXL_ORG_HEAD,          /* ci: newspaper company agency committee campaign network union fund ...
                            (the head of a description of an organisation: "the agency") */
  LXL_DOC_HEAD,          /* ci: report poll survey study statement ad article analysis ... (a
                            text that speaks for its author: "the report found") */
  LXL_PRINCIPAL_GROUP,   /* ci: aides advisers campaign staff administration allies ... ("his
                            aides said": the possessor speaks through them) */
  /* entities.c */
  LXL_NON_NAME,          /* ci: gdp ceo tv covid internet ... (capitalised but never a name) */
  LXL_NAME_PARTICLE,     /* exact: of for de van von al bin da del and & (inside a capitalised name) */
  LXL_COUNTRY_ABBREV,    /* exact: US UK U.S. U.K. (a one-word place) */
  LXL_PERSON_VERB,       /* exact: has had was is will would took echoed added (after a one-word
                            name: a person) */
  LXL_MALE_TITLE,        /* ci: Mr Mr. Sir King Prince Lord spokesman chairman (gender from a title) */
  LXL_FEMALE_TITLE,      /* ci: Mrs Mrs. Ms Ms. Miss Dame Queen Princess Lady spokeswoman chairwoman */
  LXL_ADDRESS_FORM,      /* ci: Miss Mr Mr. Mrs Mrs. Ms Ms. (a title that also names a pageant: "Miss Universe") */
  /* figures.c: its own table is built from these (prc_lex_list) */
  LXL_FIG_GDP_DET,       /* its their the national annual ... (before GDP: "of its GDP") */
  LXL_FIG_IRREGULAR,     /* people men police cattle km acres ... (count nouns without -s) */
  LXL_FIG_NOT_PLURAL,    /* always perhaps news says ... (end in -s but are no count nouns) */
  LXL_FIG_MODIFIER,      /* more other new injured US NATO ... (between a number and its noun) */
  LXL_FIG_LABEL,         /* no page chapter flight room ... (before a number: a label, "page 5") */
  LXL_FIG_START,         /* a an half rs rs. (words a count phrase may start with) */
  LXL_FIG_MEASURE,       /* years miles tons degrees points ... (a unit, not a compound's modifier) */
  LXL_FIG_SPORT,         /* hurdles heats finals ... ("100m hurdles": metres, not millions) */
  LXL_COUNT
} lex_list;

/* The words of list l, NULL-terminated. */
const char *const *prc_lex_list(lex_list l);
/* Is [s, s + n) one of list l's words: exact bytes / ASCII case folded. */
bool prc_lex_in(lex_list l, const char *s, size_t n);
bool prc_lex_in_ci(lex_list l, const char *s, size_t n);

/* FNV-1a hash of the ASCII-lower-cased bytes (the key of every word table);
 * inline: the stages hash the tokens they look up (tokens store no hash). */
static inline uint32_t prc_hash_lower(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    h = (h ^ c) * 16777619u;
  }
  return h;
}
/* Flags of a word (case-insensitive, ASCII folding); 0 when unknown. */
uint32_t prc_lex_flags(const char *s, size_t n);
/* prc_lex_flags in two steps, so that a caller can overlap the table's
 * cache misses over many words: prc_lex_start finds the word's slot and
 * starts loading it, prc_lex_finish(s, n, prc_lex_start(s, n)) is
 * prc_lex_flags(s, n). */
uint32_t prc_lex_start(const char *s, size_t n);
uint32_t prc_lex_finish(const char *s, size_t n, uint32_t slot);
static inline bool lex_has(const char *s, size_t n, uint32_t f) { return (prc_lex_flags(s, n) & f) != 0; }
/* Abbreviation check for the tokenizer (word without its dot). */
bool prc_lex_is_abbrev(const char *s, size_t n);
/* First-name gender: 'm', 'f', or 0 when unknown or ambiguous (names.c). */
int prc_names_gender(const char *s, size_t n);
/* Is it in either first-name list? */
bool prc_names_is_first(const char *s, size_t n);

#endif
