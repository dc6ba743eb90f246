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

/* FNV-1a hash of the ASCII-lower-cased bytes (the key of every word table). */
uint32_t prc_hash_lower(const char *s, size_t n);
/* Flags of a word (case-insensitive, ASCII folding); 0 when unknown. */
uint32_t prc_lex_flags(const char *s, size_t n);
static inline bool lex_has(const char *s, size_t n, uint32_t f) { return (prc_lex_flags(s, n) & f) != 0; }
/* Abbreviation check for the tokenizer (word without its dot). */
bool prc_lex_is_abbrev(const char *s, size_t n);
/* First-name gender: 'm', 'f', or 0 when unknown or ambiguous (names.c). */
int prc_names_gender(const char *s, size_t n);
/* Is it in either first-name list? */
bool prc_names_is_first(const char *s, size_t n);

#endif
