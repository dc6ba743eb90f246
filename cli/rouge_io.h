/* rouge_io.h - reading reference / prediction files and printing ROUGE
 * tables, shared by "precis eval rouge" and "precis eval oracle". */
#ifndef PRECIS_CLI_ROUGE_IO_H
#define PRECIS_CLI_ROUGE_IO_H

#include <stddef.h>
#include <stdio.h>

#include "eval/rouge.h"

typedef struct rio_doc {
  char *id;      /* NULL when the document has none */
  char *text;    /* summary text, sentences joined by '\n' (NULL if absent) */
  size_t len;
  char *article; /* "article" or "text" field (NULL if absent) */
  size_t article_len;
  size_t line;   /* 1-based line of the JSONL file (0 for plain text) */
} rio_doc;

typedef struct rio_docs {
  rio_doc *docs;
  size_t n;
  int jsonl; /* 0: plain text file, one document */
} rio_docs;

#define RIO_NEED_SUMMARY 1u /* every JSONL line must have a summary field */
#define RIO_NEED_ARTICLE 2u /* every JSONL line must have article or text */

/* Read a whole file ("-" = stdin); NUL-terminated, NULL on error (errno). */
char *prc_rio_read_file(const char *path, size_t *len);
/* Is the line all white space? */
int prc_rio_blank(const char *s, size_t n);

/* Load path as JSONL (when its first non-blank line is a JSON object) or as
 * plain text (whole file = one document).  Summary fields, in order of
 * preference: highlights, summary, keypoints.  Prints errors prefixed with
 * prog; returns 0 or -1. */
int prc_rio_load_docs(const char *path, rio_docs *out, const char *prog, unsigned need);
void prc_rio_docs_free(rio_docs *d);

typedef struct rio_pair {
  size_t ref, pred; /* indices into the two rio_docs */
} rio_pair;

/* Pair by id when every document of both sides has one (warning on stderr
 * about ids present on one side only and duplicates), else by position
 * (warning when the counts differ).  Returns 0 or -1 on OOM. */
int prc_rio_pair_docs(const rio_docs *refs, const rio_docs *preds, rio_pair **pairs, size_t *n,
                  const char *prog);

/* The table (percentages) or one JSON object (fractions), n documents. */
void prc_rio_print_rouge(FILE *f, const rouge_scores *s, size_t n, int json, const char *note);

#endif
