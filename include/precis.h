/*
 * precis.h - the one public header of libprecis.
 *
 * precis reads a news article and finds its key points, its quotations and
 * reported statements with their resolved speakers, its entities and its
 * figures.  Every span is [start, end) in Unicode code points of the
 * analysed text (the input after invalid UTF-8 and NUL bytes have been
 * replaced by U+FFFD).
 *
 * Usage:
 *   precis_options o; precis_options_init(&o);
 *   precis_doc *d = precis_analyze(text, len, &o);
 *   const precis_keypoint *kp; size_t n = precis_doc_keypoints(d, &kp);
 *   ...
 *   precis_doc_free(d);
 *
 * All functions accept NULL where a pointer to a document is expected and
 * then return 0 / NULL.  All memory of a document lives in one arena that
 * precis_doc_free releases.
 */
#ifndef PRECIS_H
#define PRECIS_H

#include <stddef.h>
#include <stdint.h>

#include "precis_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Functions of the library are marked PRECIS_EXPORT: they are the only
 * symbols libprecis.so exports.  A program that links libprecis.a needs
 * nothing (the static library's own targets define PRECIS_STATIC). */
#if defined(_WIN32) && !defined(PRECIS_STATIC)
#ifdef PRECIS_BUILDING
#define PRECIS_EXPORT __declspec(dllexport)
#else
#define PRECIS_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PRECIS_EXPORT __attribute__((visibility("default")))
#else
#define PRECIS_EXPORT
#endif

/* The version of the library that runs ("0.2.0"); compare with
 * PRECIS_VERSION_STRING, the version of the header. */
PRECIS_EXPORT const char *precis_version(void);

/* A pluggable allocator (all three functions must be set). */
typedef struct precis_allocator {
  void *(*malloc)(void *ctx, size_t size);
  void *(*realloc)(void *ctx, void *ptr, size_t size);
  void (*free)(void *ctx, void *ptr);
  void *ctx;
} precis_allocator;

/* [start, end) in Unicode code points of the analysed text. */
typedef struct precis_span {
  size_t start, end;
} precis_span;

/* A piece of the text: its UTF-8 bytes (NUL-terminated copy) and its span. */
typedef struct precis_text {
  const char *text;
  precis_span span;
} precis_text;

typedef enum precis_summarizer {
  PRECIS_SUMMARIZER_KEYPOINTS = 0, /* the default key-point engine */
  PRECIS_SUMMARIZER_LEAD = 1,      /* first n sentences, uncompressed */
  PRECIS_SUMMARIZER_TEXTRANK = 2   /* TF-IDF cosine graph + PageRank */
} precis_summarizer;

/* A statistical model file (a POS or NER tagger trained by `precis train`). */
typedef struct precis_model precis_model;

typedef struct precis_options {
  int max_keypoints;            /* 0 = automatic (3 to 5); n > 0 = at most n (any
                                   size: fewer when the document has fewer usable
                                   sentences; the key-point engine considers at
                                   most its first 200 candidate sentences) */
  precis_summarizer summarizer; /* which sentence selector */
  const precis_allocator *allocator; /* NULL = malloc/realloc/free */
  unsigned flags;               /* PRECIS_OPT_* */
  const precis_model *pos_model; /* NULL = the built-in POS tagger */
  const precis_model *ner_model; /* NULL = the built-in NER tagger */
} precis_options;

/* Load a model file (for precis_options.pos_model / ner_model).  Returns NULL
 * with a message in err (errlen bytes) when the file is missing, corrupt, of
 * another format version, or not a tagger model.  A loaded model is read-only
 * and may be shared by any number of threads; free it after the last use. */
PRECIS_EXPORT precis_model *precis_model_load(const char *path, char *err, size_t errlen);
/* "pos", "ner", or NULL. */
PRECIS_EXPORT const char *precis_model_kind(const precis_model *m);
PRECIS_EXPORT void precis_model_free(precis_model *m);

#define PRECIS_OPT_NO_TAGGER 1u /* skip the statistical taggers (rules only) */

PRECIS_EXPORT void precis_options_init(precis_options *opts);

typedef struct precis_doc precis_doc;

/* Analyse len bytes of UTF-8 text (invalid sequences become U+FFFD).
 * Returns NULL only when text is NULL and len > 0, or when the allocator
 * fails (everything allocated so far is released first). */
PRECIS_EXPORT precis_doc *precis_analyze(const char *text, size_t len, const precis_options *opts);
PRECIS_EXPORT void precis_doc_free(precis_doc *doc);

/* The analysed (repaired) text as UTF-8, and its length in bytes / code points. */
PRECIS_EXPORT const char *precis_doc_text(const precis_doc *doc, size_t *len_bytes);
PRECIS_EXPORT size_t precis_doc_length(const precis_doc *doc); /* in code points */
/* Number of invalid UTF-8 sequences (and NUL bytes) that were replaced by U+FFFD. */
PRECIS_EXPORT size_t precis_doc_repairs(const precis_doc *doc);

typedef struct precis_sentence {
  precis_span span;
  int paragraph;   /* 0-based paragraph index */
  int is_heading;  /* a subheading line (no closing punctuation) */
} precis_sentence;

typedef struct precis_keypoint {
  const char *text;    /* the compressed statement, with ": Speaker" when attributed */
  const char *claim;   /* the statement without the speaker */
  const char *speaker; /* the resolved speaker's short name, or NULL */
  precis_span span;    /* the sentence it was made from */
  int sentence;        /* index into the sentences */
  double score;
} precis_keypoint;

typedef enum precis_quote_kind {
  PRECIS_QUOTE_DIRECT = 0,  /* the content is all inside quotation marks */
  PRECIS_QUOTE_INDIRECT = 1,/* reported speech without quotation marks */
  PRECIS_QUOTE_MIXED = 2    /* reported speech with a quoted part */
} precis_quote_kind;

typedef struct precis_quote {
  precis_quote_kind kind;
  precis_text cue;          /* "said", "told", "according to"; text NULL if none */
  precis_text source;       /* "The US defence chief", "he"; text NULL if none */
  const char *speaker;      /* the resolved entity's name, or NULL */
  int entity;               /* index into entities, or -1 */
  size_t ncontent;
  const precis_text *content;
} precis_quote;

typedef enum precis_entity_type {
  PRECIS_ENTITY_PERSON = 0,
  PRECIS_ENTITY_ORGANIZATION = 1,
  PRECIS_ENTITY_PLACE = 2,
  PRECIS_ENTITY_OTHER = 3
} precis_entity_type;

typedef struct precis_entity {
  const char *name;         /* canonical (longest) name */
  precis_entity_type type;
  int gender;               /* people: 'm', 'f' or 0 when unknown */
  const char *title;        /* "Secretary", "defence minister", or NULL */
  size_t nmentions;
  const precis_span *mentions;
} precis_entity;

typedef enum precis_figure_kind {
  PRECIS_FIGURE_MONEY = 0,
  PRECIS_FIGURE_PERCENT = 1,
  PRECIS_FIGURE_COUNT = 2
} precis_figure_kind;

typedef struct precis_figure {
  const char *text;     /* as written: "$185 million", "five percent of GDP" */
  precis_figure_kind kind;
  double value;         /* 185000000, 5, ... */
  const char *unit;     /* "USD", "GBP", "EUR", "%", "people", ... or NULL */
  precis_span span;
  int sentence;
} precis_figure;

PRECIS_EXPORT size_t precis_doc_sentences(const precis_doc *doc, const precis_sentence **out);
PRECIS_EXPORT size_t precis_doc_keypoints(const precis_doc *doc, const precis_keypoint **out);
PRECIS_EXPORT size_t precis_doc_quotes(const precis_doc *doc, const precis_quote **out);
PRECIS_EXPORT size_t precis_doc_entities(const precis_doc *doc, const precis_entity **out);
PRECIS_EXPORT size_t precis_doc_figures(const precis_doc *doc, const precis_figure **out);
/* Headings are sentences with is_heading set; this lists them alone. */
PRECIS_EXPORT size_t precis_doc_headings(const precis_doc *doc, const precis_text **out);

/* Writers.  The returned string is allocated with the document's allocator
 * and must be released with precis_free(doc-independent: same allocator). */
typedef enum precis_format {
  PRECIS_FORMAT_TEXT = 0,
  PRECIS_FORMAT_JSON = 1,  /* one pretty JSON object */
  PRECIS_FORMAT_JSONL = 2, /* one JSON object on one line */
  PRECIS_FORMAT_BRAT = 3   /* brat standoff annotations (.ann) */
} precis_format;

/* Render doc; id may be NULL (JSON then writes "id": null).  *len gets the
 * length in bytes.  Free the result with precis_free(opts allocator or NULL). */
PRECIS_EXPORT char *precis_render(const precis_doc *doc, precis_format fmt, const char *id, size_t *len);
PRECIS_EXPORT void precis_free(const precis_allocator *alc, void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */
