/*
 * doc.h - the internal document: what each pipeline stage reads and writes.
 *
 *   text.c        input bytes -> repaired UTF-8 text, code-point index
 *   tokenize.c    text -> tokens (byte offsets, flags)
 *   sentences.c   tokens -> paragraphs, sentences, headings, datelines
 *   clean.c       sentences -> captions and boilerplate (kinds of sentence)
 *   tags.c        tokens -> POS tags and NER labels (statistical taggers)
 *   parse.c       tokens + POS -> dependency trees of the sentences needed (parse.h)
 *   entities.c    tokens (+tags) -> entities and their mentions
 *   attribution.c tokens, sentences -> quotes (cue, source, content)
 *   speakers.c    quotes + entities -> resolved speakers
 *   figures.c     tokens -> money, percentages, counts
 *   keypoints.c   everything -> scored, compressed key points
 *   export.c      internal records -> public precis_* records (code points)
 *   write_*.c     public records -> text / JSON / brat
 *
 * Internally every offset is a byte offset into doc->text; export.c turns
 * them into code-point offsets for the public API.
 */
#ifndef PRECIS_DOC_H
#define PRECIS_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "lexicon.h"
#include "precis.h"

/* Token flags. */
enum {
  TF_WORD = 1u << 0,      /* letters (may contain digits, apostrophes, hyphens, dots of initials) */
  TF_NUMBER = 1u << 1,    /* starts with a digit: 185, 3.5, 1,000, 2014 */
  TF_PUNCT = 1u << 2,     /* anything else */
  TF_CAP = 1u << 3,       /* first letter upper case */
  TF_ALLCAP = 1u << 4,    /* every letter upper case (and at least 2 letters) */
  TF_QUOTE = 1u << 5,     /* a quotation mark: " “ ” ‘ ’ ' « » (when used as quote) */
  TF_QOPEN = 1u << 6,     /* quote mark judged to be opening */
  TF_QCLOSE = 1u << 7,    /* quote mark judged to be closing */
  TF_SPACE_BEFORE = 1u << 8, /* white space precedes the token */
  TF_NL_BEFORE = 1u << 9,    /* a line break precedes the token */
  TF_PARA_BEFORE = 1u << 10, /* a paragraph break (blank line, or any line break) precedes */
  TF_SENT_END = 1u << 11,    /* . ! ? ... ending a sentence (set by sentences.c) */
  TF_ABBREV = 1u << 12       /* word ending in a dot that is an abbreviation or initial */
};

typedef struct token { /* 20 bytes: the largest per-token record (peak memory) */
  uint32_t start, end; /* byte offsets into doc->text */
  uint32_t sent;       /* sentence index */
  uint32_t lex : 24;   /* lexicon.h LX_* flags of a word token (0 for others) */
  uint32_t pos : 8;    /* TAG_UPOS_* id (tagger.h); meaningful only when d->has_pos */
  uint16_t flags;      /* TF_* */
  int16_t quote_depth; /* > 0 inside quotation marks */
} token;
_Static_assert(TF_ABBREV < (1u << 16), "token flags are 16 bits");
_Static_assert(sizeof(token) == 20, "token is 20 bytes");

typedef struct sentence {
  uint32_t tok_begin, tok_end; /* token range [begin, end) */
  uint32_t start, end;         /* byte offsets (trimmed) */
  uint32_t para;               /* paragraph index */
  bool is_heading;             /* a subheading line */
  uint8_t kind;                /* SK_*: text, caption or boilerplate (clean.c) */
  uint32_t body_start_tok;     /* first token after a dateline (== tok_begin if none) */
  uint32_t body_end_tok;       /* tok_end without the closing run of quotation marks and . ! ? ) */
} sentence;

/* Sentence kinds (clean.c).  Only SK_TEXT sentences that are not headings
 * are read for key points, cues and quotes (prc_sent_is_text). */
enum { SK_TEXT = 0, SK_CAPTION = 1, SK_BOILER = 2 };
static inline bool prc_sent_is_text(const sentence *s) { return !s->is_heading && s->kind == SK_TEXT; }

/* A boilerplate stretch (clean.c): a sentence of kind SK_BOILER, or the
 * byline header before the first sentence (sent -1). */
typedef struct boiler {
  uint32_t start, end; /* bytes */
  int32_t sent;
  uint8_t kind;        /* precis_boilerplate_kind */
} boiler;

typedef enum ent_type { ENT_PERSON = 0, ENT_ORG = 1, ENT_PLACE = 2, ENT_OTHER = 3 } ent_type;

typedef struct mention {
  uint32_t tok_begin, tok_end; /* tokens of the name itself */
  int32_t entity;              /* index into doc->entities */
  uint32_t sent;
} mention;

typedef struct entity { /* 40 bytes: one per distinct name (peak memory) */
  const char *name;  /* canonical name (NUL-terminated, arena); a person's short
                        name (the surname) is its last word: export.c */
  const char *title; /* e.g. "defence minister", or NULL */
  /* descriptions learned in the document ("the US defence chief") */
  const char **descs;
  uint8_t type;      /* ent_type */
  uint8_t gender;    /* 'm', 'f' or 0 */
  uint32_t nmentions;
  uint32_t ndescs, cdescs;
} entity;
_Static_assert(sizeof(void *) != 8 || sizeof(entity) == 40, "entity is 40 bytes");

typedef struct bspan {
  uint32_t start, end; /* bytes */
} bspan;

/* A quote: 48 bytes (peak memory: 1e5 quotes on a 2 MB input).  The first
 * content span is inline, spans 2..QUOTE_MAX_CONTENT in a side block of
 * d->qspans made only for the quotes that have more than one; read them
 * through prc_quote_content.  The cue and the source are token ranges until
 * export, which turns them into byte ranges in place (export.c, before the
 * tokens are given back). */
#define QUOTE_MAX_CONTENT 4
typedef struct qspans {
  bspan s[QUOTE_MAX_CONTENT - 1]; /* content spans 2.. of one quote */
} qspans;
typedef struct quote {
  uint8_t kind;        /* precis_quote_kind */
  uint8_t ncontent;    /* content spans, <= QUOTE_MAX_CONTENT */
  uint8_t unused_[2];
  uint32_t cue_tok, cue_tok_end;             /* cue tokens [cue_tok, cue_tok_end); equal: none */
  uint32_t source_tok_begin, source_tok_end; /* source tokens; UINT32_MAX: none */
  bspan content0;      /* the first content span (read through prc_quote_content) */
  uint32_t more;       /* index of the quote's qspans block, UINT32_MAX if none */
  int32_t entity;      /* resolved speaker, -1 if none */
  uint32_t sent_begin, sent_end; /* sentences covered */
  int32_t cont_of;     /* a bare quotation continuing quote cont_of's speaker, or -1 */
} quote;
_Static_assert(sizeof(quote) == 48, "quote is 48 bytes");

/* A stretch of text between quotation marks (attribution.c): the marks are
 * tokens open_tok and, when closed, e; the content is [open_tok + 1, e).
 * 12 bytes: ~1e5 of them live through attribution (peak memory). */
typedef struct qregion {
  uint32_t open_tok, e;
  uint8_t closed; /* e is the closing mark (else the region is unclosed) */
  uint8_t cont;   /* continues the previous region (quote over paragraphs) */
  uint8_t taken;  /* a quote took it */
} qregion;

typedef struct figure {
  uint32_t start, end;         /* bytes */
  precis_figure_kind kind;
  double value;
  const char *unit;            /* static string or arena */
  uint32_t sent;
} figure;

/* An internal options flag (never set by precis_options_init): the
 * key-point engine keeps, for the key-point trainer (train/kp_train.c), every
 * selectable candidate with its features (d->kpt). */
#define PRC_OPT_KP_TRACE (1u << 31)

/* Another (content_ends.c): the end scorer records, for the trainer
 * (train/cend_train.c), every candidate end of every quote it looks at
 * with its features (d->cet). */
#define PRC_OPT_CEND_TRACE (1u << 30)

/* What content_ends.c knows of one quote's last content fragment: its
 * tokens [b, e) (e: the rules' end), its sentence's end se and body end be
 * (before the closing punctuation), the cue tokens [cue_b, cue_e) and the
 * hash of the cue's last word, the quote's kind, the last candidate end
 * inside the window; the words' hashes, computed once a quote. */
typedef struct cend_ctx {
  uint32_t b, e, se, be, cue_b, cue_e, last;
  uint64_t cue_w;
  uint32_t kind;
  const uint64_t *wh; /* the lower-cased words' hashes of tokens [b, b + nwh), or NULL */
  uint32_t nwh;
} cend_ctx;

/* One quote's candidates (PRC_OPT_CEND_TRACE), in code points (the tokens
 * and quotes are gone once the analysis ends): the cue [cue_b, cue_e), the
 * fragment's start b; candidate k ends the fragment at ends[k]; its
 * features are feats[foff[k] .. foff[k + 1]); rule = the index of the
 * rules' end. */
typedef struct cend_trace {
  uint32_t side; /* 0: candidate ends (as above); 1: candidate starts of the first
                    fragment: b is then the fragment's end and ends[k] candidate k's start */
  uint32_t cue_b, cue_e, b, ncands, rule;
  uint32_t *ends, *foff;
  uint64_t *feats;
} cend_trace;

/* The features of ending x's fragment before token c, with out tokens of
 * [b, c) whose heads are at or after c and dang tokens after c whose heads
 * are in [b, c); f has room for PRC_CEND_MAXF (cue_model.h).  Returns the
 * count (content_ends.c). */
size_t prc_cend_feats(const precis_doc *d, const cend_ctx *x, uint32_t c, uint32_t out, uint32_t dang, uint64_t *f);
/* The features of starting the first fragment [., x->e) at token s, the
 * rules' start being x->b, the earliest candidate x->last (content_ends.c). */
size_t prc_cbeg_feats(const precis_doc *d, const cend_ctx *x, uint32_t s, uint64_t *f);

typedef struct kp_trace {
  uint32_t sent;
  const char *text;     /* the point as it would be exported: claim[: Speaker] */
  uint64_t feats[60];   /* static features (PRC_KP_MAXF; keypoints.c asserts the room) */
  uint32_t nfeats;
  const uint32_t *bag;  /* content-word hashes (redundancy) */
  uint32_t nbag;
  double rule_score;    /* the hand-tuned score */
  struct kp_info *info; /* the candidate's description (kp_model.h) */
} kp_trace;

typedef struct keypoint {
  uint32_t sent;
  const char *claim;   /* arena */
  int32_t entity;      /* speaker, -1 if none */
  const char *speaker; /* speaker as written when unresolved ("police"), or NULL */
  double score;
} keypoint;

struct ner_span;

struct precis_doc {
  arena ar;
  precis_options opts;

  /* text.c */
  char *text;        /* repaired UTF-8, NUL-terminated */
  uint32_t len;      /* bytes */
  uint32_t ncp;      /* code points */
  uint32_t repairs;
  uint32_t *cp_blk;  /* cp_blk[k] = code points before byte k * PRC_CP_BLOCK (prc_cp_index) */

  /* tokenize.c */
  token *toks;
  uint32_t ntoks, ctoks;

  /* sentences.c */
  sentence *sents;
  uint32_t nsents, csents;
  uint32_t nparas;

  /* clean.c */
  uint32_t *openers; /* scratch of sentences.c: hashes of words that open a sentence */
  uint32_t opener_mask;
  boiler *boilers;
  uint32_t nboilers, cboilers;

  /* tags.c */
  bool has_pos, has_ner;
  uint8_t pos_use, ner_use; /* precis_model_use: which taggers ran (precis_doc_stats) */
  struct ner_span *ner_spans;
  uint32_t nner, cner;

  /* parse.c: side arrays (not in struct token, which stays 20 bytes), NULL
   * when no sentence was parsed; read them through parse.h */
  int32_t *dep_head; /* per token: absolute index of its head, -1 the root of its
                        sentence, PRC_DEP_UNPARSED (-2) when not parsed */
  uint8_t *dep_rel;  /* per token: PRC_DEP_* id (model/parser.h) */
  uint8_t parse_use; /* precis_model_use: which parser ran (precis_doc_stats) */
  /* parse.c: the parser's input and scratch for a sentence parsed on first
   * read (PRC_DEP_PENDING), sized for parse_cap tokens, kept until export.c;
   * parse_max: the longest sentence the stage left pending */
  struct tag_token *parse_tt;
  uint8_t *parse_up;
  void *parse_scratch;
  uint32_t parse_cap, parse_max;
  size_t parsed_toks; /* tokens parsed so far (tests: which sentences were) */

  /* cues.c: the learned cue tagger's labels, NULL when it did not run (the
   * rules alone find the cues: PRECIS_OPT_RULE_CUES, no tags, no model) */
  uint8_t *cue_lab;  /* per token: PRC_CUE_O/_B/_I (model/cue_model.h), | CUE_HEAD on
                        the word of a cue the attribution patterns start from */
  uint8_t cue_use;   /* precis_model_use: which cue model ran */
  bool regions_found; /* find_quote_regions has run (attribution.c) */

  /* entities.c */
  entity *ents;
  uint32_t nents, cents;
  mention *mentions;
  uint32_t nmentions, cmentions;
  int32_t *tok_mention; /* per token: mention index or -1 */

  /* attribution.c / speakers.c */
  qregion *regions;
  uint32_t nregions, cregions;
  quote *quotes;
  uint32_t nquotes, cquotes;
  qspans *qspans;      /* content spans 2.. of the quotes that have them */
  uint32_t nqspans, cqspans;

  /* figures.c */
  figure *figs;
  uint32_t nfigs, cfigs;

  /* keypoints.c */
  keypoint *kps;
  uint32_t nkps, ckps;
  struct kp_trace *kpt; /* PRC_OPT_KP_TRACE only: the selectable candidates */
  uint32_t nkpt;
  /* content_ends.c, PRC_OPT_CEND_TRACE only: the candidate ends */
  cend_trace *cet;
  uint32_t ncet, ccet;

  /* export.c: public views */
  precis_sentence *pub_sents;
  precis_keypoint *pub_kps;
  precis_quote *pub_quotes;
  precis_entity *pub_ents;
  precis_figure *pub_figs;
  precis_text *pub_heads;
  size_t npub_heads;
  precis_text *pub_captions;
  size_t npub_captions;
  precis_boilerplate *pub_boilers;
  size_t npub_boilers;
  precis_token *pub_toks; /* PRECIS_OPT_WITH_TOKENS only, else NULL */
  size_t npub_toks;

  /* precis_doc_set_page (extract.c): the web page's metadata, NULL when unset */
  struct {
    bool set;
    char *title, *byline, *date, *site, *encoding;
  } page;
};

/* Content span i (< q->ncontent) of quote q: the layout lives here only. */
static inline bspan *prc_quote_content(const precis_doc *d, quote *q, uint32_t i) {
  return i == 0 ? &q->content0 : &d->qspans[q->more].s[i - 1];
}

/* Convenience accessors. */
static inline const char *tok_str(const precis_doc *d, uint32_t i) { return d->text + d->toks[i].start; }
static inline uint32_t tok_len(const precis_doc *d, uint32_t i) { return d->toks[i].end - d->toks[i].start; }
/* prc_lex_flags of token i: a word's, as the tokenizer found them (token.lex), without a look-up */
static inline uint32_t tok_lex(const precis_doc *d, uint32_t i) {
  return (d->toks[i].flags & TF_WORD) ? d->toks[i].lex : prc_lex_flags(tok_str(d, i), tok_len(d, i));
}
/* case-sensitive compare of token i with a NUL-terminated string (inline, so
 * that the length of a literal is folded at compile time) */
static inline bool tok_is(const precis_doc *d, uint32_t i, const char *s) {
  size_t n = __builtin_strlen(s);
  return tok_len(d, i) == n && __builtin_memcmp(tok_str(d, i), s, n) == 0;
}
/* case-insensitive (ASCII) compare */
static inline bool tok_ieq(const precis_doc *d, uint32_t i, const char *s) {
  size_t n = __builtin_strlen(s);
  if (tok_len(d, i) != n) return false;
  const char *t = tok_str(d, i);
  for (size_t k = 0; k < n; k++) {
    char a = t[k], b = s[k];
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) return false;
  }
  return true;
}

/* The analysis up to and including the cue stage (cues.c), for the cue
 * trainer; free with precis_doc_free.  document.c */
precis_doc *prc_analyze_upto_cues(const char *text, size_t len, const precis_options *opts, precis_error *err);

/* Pipeline stages, in order (each in its own file). */
/* The longest text (in bytes, after repair) a document can hold: offsets are 32-bit. */
#define PRC_TEXT_MAX ((size_t)0xFFFFFFF0u)
/* Returns -1 (and analyses nothing) when the repaired text would be longer than PRC_TEXT_MAX. */
int prc_text_prepare(precis_doc *d, const char *in, size_t len);   /* text.c */
/* The code-point index of byte b (0 <= b <= len) of d->text: of the character
 * that byte b is part of; len gives d->ncp.  A sparse index (one count per
 * PRC_CP_BLOCK bytes) and a scan of at most that many bytes. */
#define PRC_CP_BLOCK 64
uint32_t prc_cp_index(const precis_doc *d, uint32_t b);             /* text.c */
void prc_tokenize(precis_doc *d);                                    /* tokenize.c */
void prc_split_sentences(precis_doc *d);                             /* sentences.c */
/* A sentence boundary without punctuation before token i, in the segment
 * that began at token seg: 0 none, 1 after a caption, 2 after a boilerplate
 * phrase ("Scroll down for video"). */
int prc_caption_join(const precis_doc *d, uint32_t seg, uint32_t i);  /* clean.c */
void prc_clean_sentences(precis_doc *d);                             /* clean.c */
void prc_clean_openers(precis_doc *d);                               /* clean.c */
void prc_clean_openers_free(precis_doc *d);                          /* clean.c */
void prc_tag_tokens(precis_doc *d);                                  /* tags.c */
void prc_find_cues(precis_doc *d);                                   /* cues.c */
/* Checks the cue model an analysis will use (as prc_parse_check), and
 * decodes the built-in one (as prc_parse_models). */
int prc_cues_check(const precis_options *o, precis_error *err);      /* cues.c */
int prc_cues_models(const precis_options *o, precis_error *err);     /* cues.c */
/* The cue tagger's input for tokens [b, e) of one sentence (cues.c; the
 * trainer builds its examples with it). */
struct cue_token;
void prc_cue_inputs(const precis_doc *d, uint32_t b, uint32_t e, struct cue_token *out);
/* cues.c: a tagged span [b, j) of sentence tokens [.., e) repaired: cut back
 * to its verb when it stops inside the verb's object, or dropped (its
 * labels set to O; returns b) when it is function words alone, a lone
 * adjective or "continue" before a word.  Returns the span's end. */
uint32_t prc_cue_repair(precis_doc *d, uint32_t b, uint32_t j, uint32_t e);
void prc_parse_sentences(precis_doc *d);                             /* parse.c */
void prc_find_entities(precis_doc *d);                               /* entities.c */
void prc_find_attributions(precis_doc *d);                           /* attribution.c */
/* For cues.c: pairs the quotation marks into regions (token quote_depth; once
 * per document), and the rule engine's cue test of token i. */
void prc_find_quote_regions(precis_doc *d);                          /* attribution.c */
bool prc_rule_cue(const precis_doc *d, uint32_t i);                  /* attribution.c */
/* The quotation region (d->regions) token i is in, or -1. */
int32_t prc_quote_region_at(const precis_doc *d, uint32_t i);        /* attribution.c */
#define CUE_HEAD 0x80u /* in cue_lab */
#define CUE_NAMING 0x40u /* in cue_lab: a name-calling "called" (cues.c naming_cue) */
#define CUE_ADDED 0x20u  /* in cue_lab: ... that the tagger left (taken by the rule alone) */
void prc_content_ends(precis_doc *d);                                /* content_ends.c */
void prc_resolve_speakers(precis_doc *d);                            /* speakers.c */
void prc_find_figures(precis_doc *d);                                /* figures.c */
void prc_select_keypoints(precis_doc *d);                            /* keypoints.c */
int prc_keypoints_check(const precis_options *o, precis_error *err); /* keypoints.c */
void prc_export_doc(precis_doc *d);                                  /* export.c */

#endif
