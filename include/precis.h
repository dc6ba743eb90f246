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
 *
 * Threads: every function may be called from any thread.  Documents and
 * models are independent objects: any number of threads may analyse at
 * once, sharing options and models.  A finished document is read-only, so
 * its readers (precis_doc_*) and precis_render may run on it from several
 * threads at once; only precis_doc_free / precis_model_free need the
 * object to be no longer in use.  Each declaration below says so again.
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
 * PRECIS_VERSION_STRING, the version of the header.  Thread-safe. */
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

/* ---- errors ---------------------------------------------------------------
 * Calls that can fail for more than one reason fill a precis_error when the
 * caller passes one (NULL is allowed everywhere: the call then just returns
 * NULL / -1).  On success code is PRECIS_OK and message is "". */
typedef enum precis_error_code {
  PRECIS_OK = 0,
  PRECIS_ERROR_INVALID_ARGUMENT = 1, /* NULL text with len > 0, NULL path, ... */
  PRECIS_ERROR_OPTIONS_VERSION = 2,  /* precis_options.version unknown to this library */
  PRECIS_ERROR_OUT_OF_MEMORY = 3,    /* the allocator returned NULL */
  PRECIS_ERROR_INPUT_TOO_LARGE = 4,  /* text longer than 4 GiB - 16 bytes (offsets are 32-bit) */
  PRECIS_ERROR_IO = 5,               /* a model file cannot be opened or read */
  PRECIS_ERROR_MODEL_FORMAT = 6,     /* not a precis model, truncated, corrupt, other format version */
  PRECIS_ERROR_MODEL_KIND = 7,       /* a model of the wrong kind (an NER model as pos_model, ...) */
  PRECIS_ERROR_MODEL_MISSING = 8,    /* no built-in model (built without models/) and no model given */
  PRECIS_ERROR_CORPUS = 9,           /* a training or evaluation file is malformed (precis train|eval) */
  PRECIS_ERROR_UNAVAILABLE = 10      /* a library the call needs cannot be loaded (libxml2, precis_extract) */
} precis_error_code;

#define PRECIS_NO_OFFSET ((size_t)-1)

typedef struct precis_error {
  precis_error_code code;
  /* Byte offset where the error applies: into the model file for
   * PRECIS_ERROR_MODEL_FORMAT (the header field or section at fault), into
   * the text for PRECIS_ERROR_INPUT_TOO_LARGE when the input itself is too
   * long (the first byte past the limit); PRECIS_NO_OFFSET otherwise. */
  size_t offset;
  char message[256]; /* one line of English, NUL-terminated, no trailing newline */
} precis_error;

/* "ok", "invalid argument", "options version", "out of memory", "input too
 * large", "io", "model format", "model kind", "model missing", "corpus",
 * "unavailable"; "unknown" for
 * any other value.  Thread-safe. */
PRECIS_EXPORT const char *precis_error_name(precis_error_code code);

/* ---- models ----------------------------------------------------------------
 * A statistical model file trained by `precis train`: a POS or NER tagger,
 * or a dependency parser (the kind is read from the file).
 * precis works without any: the built-in models are compiled in.  A loaded
 * model is read-only and may be shared by any number of threads and
 * documents; free it after the last document that used it is analysed.
 * Model memory is allocated with malloc (and a model file is mapped while it
 * is decoded), not with precis_options.allocator: a model outlives documents
 * and is shared between them. */
typedef struct precis_model precis_model;

/* Load a model file.  Returns NULL and fills err (when not NULL) when the
 * file is missing or unreadable (PRECIS_ERROR_IO), not a valid model of this
 * format version (PRECIS_ERROR_MODEL_FORMAT, with the file offset), a model
 * for another feature set (PRECIS_ERROR_MODEL_KIND), or memory runs out
 * (PRECIS_ERROR_OUT_OF_MEMORY).  Thread-safe. */
PRECIS_EXPORT precis_model *precis_model_load(const char *path, precis_error *err);
/* The same from bytes in memory (the buffer may be freed afterwards). */
PRECIS_EXPORT precis_model *precis_model_load_memory(const void *data, size_t len,
                                                     precis_error *err);
/* "pos", "ner", "parse" (a dependency parser), or NULL (m is NULL). */
PRECIS_EXPORT const char *precis_model_kind(const precis_model *m);
/* NULL is allowed.  Not while another thread still analyses with m. */
PRECIS_EXPORT void precis_model_free(precis_model *m);

/* ---- options ---------------------------------------------------------------
 * A precis_options grows only at its end, one version at a time, so that a
 * program compiled against this header keeps working with a later library:
 * the library reads only the fields of the version the struct says it is.
 * Always start from precis_options_init, which stamps the header's version. */
#define PRECIS_OPTIONS_VERSION 4

typedef struct precis_options {
  unsigned version;             /* PRECIS_OPTIONS_VERSION (set by precis_options_init) */
  int max_keypoints;            /* 0 = automatic (2 to 5); n > 0 = at most n (any
                                   size: fewer when the document has fewer usable
                                   sentences; the key-point engine considers at
                                   most its first 200 candidate sentences) */
  precis_summarizer summarizer; /* which sentence selector */
  const precis_allocator *allocator; /* NULL = malloc/realloc/free (and, for arrays of
                                        256 KB or more, mappings of their own, so that
                                        their pages go back as soon as they are freed) */
  unsigned flags;               /* PRECIS_OPT_* */
  const precis_model *pos_model; /* NULL = the built-in POS tagger; must be a "pos" model */
  const precis_model *ner_model; /* NULL = the built-in NER tagger; must be a "ner" model */
  /* ---- version 2 (0.3) ---- */
  const precis_model *parse_model; /* NULL = the built-in dependency parser; must be a
                                      "parse" model */
  /* ---- version 3 (0.4) ---- */
  const precis_model *attrib_model; /* NULL = the built-in attribution (cue) model; must
                                       be an "attrib" model */
  /* ---- version 4 (0.4: key-point model, --max-words) ---- */
  const precis_model *keypoint_model; /* with PRECIS_OPT_LEARNED_KEYPOINTS: NULL = the
                                         built-in learned scorer; set: this "keypoints"
                                         model (and the learned scorer even without
                                         the flag) */
  int max_words;                /* 0 = the default bound (45 words); n > 0 = every key
                                   point (claim and speaker) has at most n words */
} precis_options;

#define PRECIS_OPT_NO_TAGGER 1u /* skip the statistical taggers and the parser (rules only) */
/* Keep the tokens: precis_doc_tokens lists them with their POS tag, dependency
 * head and relation and NER type, every sentence is parsed (whole, whatever
 * its length), and the JSON output gains "tokens" (PRECIS_FORMAT_CONLLU needs
 * it).  Costs memory: about 60 bytes a token more, for the life of the
 * document, and while it is parsed about 222 bytes a token of the longest
 * sentence; and time: the parser reads about 170,000 tokens a second (one
 * core), so parsing every sentence takes about twice as long as the rest of
 * the analysis. */
#define PRECIS_OPT_WITH_TOKENS 2u
/* Find speech cues by the rules alone (the engine of 0.3), not by the
 * learned cue tagger; the patterns that find sources and contents are the
 * same.  (Without the taggers, PRECIS_OPT_NO_TAGGER, the rules always do.) */
#define PRECIS_OPT_RULE_CUES 4u
/* The JSON output gains "text": the analysed text itself (what every span
 * counts code points of), e.g. the main text precis_extract found in a page. */
#define PRECIS_OPT_WITH_TEXT 8u
/* Choose key points with the learned scorer (models/keypoints.bin, a ranking
 * perceptron trained on three summarisation dev sets; docs/keypoints.md), not
 * the hand-tuned weights, which stay the default: cross-validated, the
 * learned scorer wins on CNN and BBC copy but loses on Daily Mail copy and
 * on the NATO example (docs/keypoints.md gives the figures). */
#define PRECIS_OPT_LEARNED_KEYPOINTS 16u
/* Since 0.11.1: the learned cue tagger starts a cue only when its score
 * beats "outside" by PRC_CUE_MARGIN_STRICT (60) instead of 15, for fewer
 * false quotations in general news at some cost in recall (CNN/DM, 300
 * quotes read by hand: 87% are attributions instead of 81%, 4% of the real
 * ones lost; PolNeAR dev cue F 65.2 -> 64.4, linked recall 54.3 -> 51.7%;
 * docs/attribution.md "Strict cues").  No effect with PRECIS_OPT_RULE_CUES
 * or PRECIS_OPT_NO_TAGGER. */
#define PRECIS_OPT_STRICT_CUES 32u

/* Sets the fields of options version `version` (1 to PRECIS_OPTIONS_VERSION
 * of the library) to their defaults -- automatic key points, the key-point
 * engine, malloc, the built-in models -- and touches no byte past them.
 * A version 1 struct (without parse_model) is still accepted everywhere: it
 * gets the built-in parser.
 * Returns 0, or -1 (and writes nothing) for an unknown version or NULL.
 * For bindings that cannot use the inline function below.  Thread-safe. */
PRECIS_EXPORT int precis_options_init_version(precis_options *opts, unsigned version);

/* The defaults, for the options version of this header (compiled into the
 * caller, so that it never writes past the caller's struct).  Thread-safe. */
static inline void precis_options_init(precis_options *opts) {
  precis_options_init_version(opts, PRECIS_OPTIONS_VERSION);
}

typedef struct precis_doc precis_doc;

/* Analyse len bytes of UTF-8 text (invalid sequences and NUL bytes become
 * U+FFFD; nothing is lost).  opts may be NULL (defaults).  Returns NULL when
 * the analysis cannot be made, and then fills err when it is not NULL:
 *   PRECIS_ERROR_INVALID_ARGUMENT  text is NULL and len > 0
 *   PRECIS_ERROR_OPTIONS_VERSION   opts->version is 0 or newer than this library
 *   PRECIS_ERROR_INPUT_TOO_LARGE   len > 4 GiB - 16 (offset: the first byte not taken), or
 *                                  longer than that once invalid UTF-8 is replaced
 *   PRECIS_ERROR_MODEL_KIND        pos_model is not a POS model, ner_model not NER, or
 *                                  parse_model not a parser
 *   PRECIS_ERROR_MODEL_MISSING     the built-in taggers are not compiled in and
 *                                  PRECIS_OPT_NO_TAGGER is not set (a library
 *                                  without a built-in parser analyses without
 *                                  parsing: stats parse is PRECIS_MODEL_UNUSED).
 *                                  A text without a token (empty, blank) needs
 *                                  no model: it touches none, and its stats
 *                                  say PRECIS_MODEL_UNUSED
 *   PRECIS_ERROR_OUT_OF_MEMORY     the allocator failed (all that was allocated
 *                                  is released first), or decoding a built-in
 *                                  model did (the next call tries again)
 * Every byte the document holds comes from opts->allocator.  Thread-safe:
 * any number of threads may analyse at once, with shared or separate
 * options and models. */
PRECIS_EXPORT precis_doc *precis_analyze_ex(const char *text, size_t len,
                                            const precis_options *opts, precis_error *err);
/* precis_analyze_ex without the error report. */
PRECIS_EXPORT precis_doc *precis_analyze(const char *text, size_t len, const precis_options *opts);
/* Releases everything of doc (NULL is allowed).  Not while another thread
 * reads doc. */
PRECIS_EXPORT void precis_doc_free(precis_doc *doc);

/* What the analysis did (precis_doc_stats). */
typedef enum precis_model_use {
  PRECIS_MODEL_UNUSED = 0,   /* not run (PRECIS_OPT_NO_TAGGER): rules only */
  PRECIS_MODEL_BUILTIN = 1,  /* the model compiled into the library */
  PRECIS_MODEL_GIVEN = 2     /* the caller's model (precis_options.pos_model / ner_model /
                                parse_model) */
} precis_model_use;

/* Grows at its end like precis_options; precis_doc_stats fills what the
 * caller's struct has room for. */
typedef struct precis_stats {
  size_t bytes;       /* of the analysed (repaired) text */
  size_t chars;       /* code points */
  size_t repairs;     /* invalid UTF-8 sequences and NUL bytes replaced */
  size_t tokens, sentences, paragraphs;
  precis_model_use pos; /* which POS tagger ran */
  precis_model_use ner; /* which NER tagger ran */
  /* ---- since 0.3 ---- */
  precis_model_use parse; /* which dependency parser the analysis uses (UNUSED: rules
                             only, or no parser compiled in).  Which sentences it
                             parses: all of them with PRECIS_OPT_WITH_TOKENS, else
                             those the later stages need */
  /* ---- since 0.4 ---- */
  precis_model_use attrib; /* which cue model ran (UNUSED: the rules found the cues) */
} precis_stats;

/* Fills the first out_size bytes of *out (pass sizeof *out; zeroes when doc
 * is NULL).  Returns 0, or -1 when doc or out is NULL.  Thread-safe on a
 * finished document. */
PRECIS_EXPORT int precis_doc_stats(const precis_doc *doc, precis_stats *out, size_t out_size);

/* The readers below return arrays that live as long as the document.  Each
 * is thread-safe on a finished document (read-only). */

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

/* ---- since 0.4: captions and boilerplate ----
 * News copy that lost its layout runs photo captions into the text without a
 * full stop, and carries page furniture: "Scroll down for video", "Click
 * here ...", "Read more: ...", share prompts, bylines, "PUBLISHED: ... |
 * UPDATED: ..." headers.  precis cuts these off as sentences of their own
 * (a header before the first sentence is in no sentence) and reads none of
 * them for key points, speech cues or quotes; these list them. */
typedef enum precis_boilerplate_kind {
  PRECIS_BOILER_PROMPT = 0,  /* "Scroll down for video", "Click here to ..." */
  PRECIS_BOILER_SHARE = 1,   /* "Follow @...", "Share this article", "Like us on Facebook" */
  PRECIS_BOILER_RELATED = 2, /* "Read more: ...", "RELATED: ...", "Rolling Stone: <headline>" */
  PRECIS_BOILER_BYLINE = 3,  /* "By . Jane Smith .", "By Jane Smith" on a line of its own */
  PRECIS_BOILER_DATELINE = 4 /* "PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: .", "Last updated at ..." */
} precis_boilerplate_kind;

typedef struct precis_boilerplate {
  const char *text;
  precis_span span;
  precis_boilerplate_kind kind;
  int sentence; /* index into the sentences, or -1 (a header before the first sentence) */
} precis_boilerplate;

/* Photo captions (sentences): cut off where a caption ran into the next
 * sentence, or a line of its own without closing punctuation that is too
 * long for a heading. */
PRECIS_EXPORT size_t precis_doc_captions(const precis_doc *doc, const precis_text **out);
/* Boilerplate, in text order. */
PRECIS_EXPORT size_t precis_doc_boilerplate(const precis_doc *doc, const precis_boilerplate **out);

/* A token (word, number, punctuation mark) with its tags and its place in
 * the sentence's dependency tree (Universal Dependencies). */
#define PRECIS_NO_HEAD (-2)
typedef struct precis_token {
  const char *text;   /* the token's UTF-8 bytes (NUL-terminated copy) */
  precis_span span;
  int sentence;       /* index into the sentences, or -1: outside every sentence
                         (a dateline: "BRUSSELS:", "LONDON (Reuters) -") */
  int head;           /* index into the tokens of this token's head (in the same
                         sentence), -1 for the root of its sentence, or
                         PRECIS_NO_HEAD when the sentence was not parsed
                         (PRECIS_OPT_NO_TAGGER, no parser, outside sentences) */
  const char *upos;   /* universal POS tag ("NOUN", "VERB", "PROPN", ...), or NULL
                         without the taggers (PRECIS_OPT_NO_TAGGER) and outside
                         sentences */
  const char *deprel; /* the relation to the head: "nsubj", "obj", "acl:relcl",
                         "root" for the root (UD v2 names); NULL when not parsed */
  const char *ner;    /* "PER", "ORG", "LOC" or "MISC": the type of the NER
                         tagger's span the token is in (no B-/I- prefix), or NULL
                         (outside any span; headings are not NER-tagged) */
} precis_token;

/* The tokens in text order, when the document was analysed with
 * PRECIS_OPT_WITH_TOKENS; 0 and *out = NULL otherwise.  Each parsed
 * sentence's tokens form one tree: exactly one has head -1, and following
 * heads from any token reaches it.  Thread-safe on a finished document. */
PRECIS_EXPORT size_t precis_doc_tokens(const precis_doc *doc, const precis_token **out);

/* Writers.  The returned string is allocated with the document's allocator
 * and must be released with precis_free and that same allocator. */
typedef enum precis_format {
  PRECIS_FORMAT_TEXT = 0,
  PRECIS_FORMAT_JSON = 1,  /* one pretty JSON object */
  PRECIS_FORMAT_JSONL = 2, /* one JSON object on one line */
  PRECIS_FORMAT_BRAT = 3,  /* brat standoff annotations (.ann) */
  PRECIS_FORMAT_CONLLU = 4 /* CoNLL-U: one block per sentence (tokens, UPOS, heads,
                              relations); needs a document analysed with
                              PRECIS_OPT_WITH_TOKENS, else it is a single comment
                              line saying so.  See precis(3) for the columns */
} precis_format;

/* Render doc; id may be NULL (JSON then writes "id": null).  *len gets the
 * length in bytes.  Free the result with precis_free(opts allocator or NULL).
 * Returns NULL when doc is NULL or the allocator fails.  Thread-safe on a
 * finished document (several threads may render the same one). */
PRECIS_EXPORT char *precis_render(const precis_doc *doc, precis_format fmt, const char *id, size_t *len);

/* Streaming output: called with successive pieces of the output; returns 0
 * to go on, non-zero to stop. */
typedef int (*precis_write_fn)(void *ctx, const char *data, size_t len);
/* Writes what precis_render would return, in pieces of at most about 64 KB,
 * without holding the whole output.  Returns 0, or -1 when doc or write is
 * NULL, the allocator fails, or write returned non-zero (nothing more is
 * written then; what was written is a prefix of the output).  Thread-safe
 * on a finished document. */
PRECIS_EXPORT int precis_render_to(const precis_doc *doc, precis_format fmt, const char *id,
                                   precis_write_fn write, void *ctx);
/* Releases a string from precis_render with the allocator the document was
 * analysed with (NULL = the default).  NULL ptr is allowed. */
PRECIS_EXPORT void precis_free(const precis_allocator *alc, void *ptr);

/* ---- web pages -------------------------------------------------------------
 * precis_extract reads an HTML page (any bytes: broken markup is repaired the
 * way browsers do, through libxml2's HTML parser) and finds its main text --
 * the article without navigation, related links, share bars, comments,
 * captions and footers -- and its metadata.  The text is what precis_analyze
 * should read: headings and paragraphs one a line.  The encoding is, in this
 * order: a byte order mark, options.encoding (the charset of an HTTP
 * Content-Type header, when known), a <meta charset> or http-equiv in the
 * first 4 KB, else UTF-8 when the bytes are valid UTF-8 and Windows-1252 when
 * not (ISO-8859-1 and US-ASCII are read as Windows-1252, as browsers do).
 * Ill-formed UTF-8 becomes U+FFFD.  Thread-safe. */
#define PRECIS_EXTRACT_OPTIONS_VERSION 1

typedef struct precis_extract_options {
  unsigned version;                  /* PRECIS_EXTRACT_OPTIONS_VERSION (set by the init) */
  const char *encoding;              /* NULL = find it in the page (above) */
  const precis_allocator *allocator; /* for the returned page; NULL = malloc */
  unsigned flags;                    /* PRECIS_EXTRACT_* */
} precis_extract_options;

/* Every visible text of the page (one block a line), not only the article. */
#define PRECIS_EXTRACT_ALL_TEXT 1u

typedef struct precis_page {
  const char *title;    /* JSON-LD headline, else og:title / twitter:title, else <title>; NULL when none */
  const char *byline;   /* JSON-LD author (its name), else <meta name=author> and the like; or NULL */
  const char *date;     /* JSON-LD datePublished, else article:published_time and the like, as written; or NULL */
  const char *site;     /* og:site_name, else the JSON-LD publisher's name; or NULL */
  const char *text;     /* the main text, UTF-8, NUL-terminated, "" when none was found */
  size_t text_len;      /* its length in bytes */
  const char *encoding; /* the encoding the page was read in ("UTF-8", "windows-1252", ...) */
} precis_page;

/* Sets the fields of options version `version` to their defaults (find the
 * encoding, malloc, the article only).  0, or -1 for an unknown version or NULL. */
PRECIS_EXPORT int precis_extract_options_init_version(precis_extract_options *opts, unsigned version);
static inline void precis_extract_options_init(precis_extract_options *opts) {
  precis_extract_options_init_version(opts, PRECIS_EXTRACT_OPTIONS_VERSION);
}
/* The main text and metadata of a page of len bytes.  opts may be NULL (the
 * defaults).  Returns NULL and fills err (when not NULL) for NULL html with
 * len > 0 (PRECIS_ERROR_INVALID_ARGUMENT), an unknown options version, a page
 * of 2 GiB or more (PRECIS_ERROR_INPUT_TOO_LARGE) or lack of memory, and
 * when libxml2 cannot be loaded (PRECIS_ERROR_UNAVAILABLE: the library opens
 * it at the first call -- $PRECIS_LIBXML2 when set, else libxml2.so.2 --
 * rather than at start-up).  A page without any text gives a page whose text
 * is "". */
PRECIS_EXPORT precis_page *precis_extract(const char *html, size_t len, const precis_extract_options *opts,
                                          precis_error *err);
/* NULL is allowed. */
PRECIS_EXPORT void precis_page_free(precis_page *page);
/* Attaches a page's metadata (title, byline, date, site, encoding: copied) to
 * a document analysed from its text, so that the JSON output carries them as
 * "page".  0, or -1 (NULL doc or page, or out of memory: the document is
 * unchanged).  Not while another thread renders doc. */
PRECIS_EXPORT int precis_doc_set_page(precis_doc *doc, const precis_page *page);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */
