/* brat.h - reading brat standoff (.ann) attribution annotations (PolNeAR style).
 *
 * An .ann file holds lines such as
 *   T3<TAB>Content 115 290;300 310<TAB>text of the span
 *   E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1
 * Offsets are Unicode code points of the article text, end-exclusive; a
 * discontinuous span lists several "start end" fragments separated by ';'.
 * The reader turns the E lines into relations (cue, source and content spans,
 * any of them possibly missing) and also collects, per role, every span the
 * file marks with that role.  It never fails on bad input: malformed lines
 * are counted and skipped.  See docs/evaluation.md, "## Attribution".
 */
#ifndef PRECIS_BRAT_H
#define PRECIS_BRAT_H

#include <stddef.h>
#include <stdint.h>

#include "../arena.h"

/* [start, end) in code points of the article text. */
typedef struct brat_frag {
  size_t start, end;
} brat_frag;

/* One text-bound annotation: one or more fragments (in file order). */
typedef struct brat_span {
  brat_frag *frags;
  size_t nfrags;
} brat_span;

typedef enum brat_role { BRAT_CUE = 0, BRAT_SOURCE = 1, BRAT_CONTENT = 2, BRAT_NROLES = 3 } brat_role;

/* The name of a role: "cue", "source", "content". */
const char *prc_brat_role_name(brat_role r);

/* One attribution relation (one E line).  A role may hold several spans
 * ("Content" and "Content2" both land in content) or none. */
typedef struct brat_relation {
  brat_span *spans[BRAT_NROLES];
  size_t nspans[BRAT_NROLES];
} brat_relation;

typedef struct brat_ann {
  brat_relation *rels; /* E lines with at least one resolved Cue/Source/Content argument */
  size_t nrels;
  /* Per role: every T line labelled Cue / Source / Content (referenced or
   * not), plus every T line an E line uses in that role.  May repeat spans. */
  brat_span *role_spans[BRAT_NROLES];
  size_t nrole_spans[BRAT_NROLES];
  size_t n_malformed;  /* lines skipped as malformed (bad T/E syntax, duplicate ids, stray text) */
  size_t n_bad_refs;   /* role arguments naming a T id that does not exist (argument dropped) */
  size_t n_empty_rels; /* E lines left without any Cue/Source/Content (dropped) */
} brat_ann;

/* Growable array in an arena (independent of the arena's own helpers):
 * returns a pointer to a fresh, zeroed slot at the end of arr. */
#define BRAT_PUSH(ar, arr, n, cap, T) \
  ((n) < (cap) ? &(arr)[(n)++] : (prc_brat_grow_((ar), (void **)&(arr), &(cap), sizeof(T), (n)), &(arr)[(n)++]))
void prc_brat_grow_(arena *a, void **arr, size_t *cap, size_t elsize, size_t n);

/* Parse an .ann buffer (need not be NUL-terminated; LF or CRLF line ends).
 * All memory comes from the arena.  Never fails. */
void prc_brat_parse(arena *a, const char *buf, size_t len, brat_ann *out);

/* Read and parse a file.  Returns 0, or -1 if it cannot be read (out is then empty). */
int prc_brat_read_ann(arena *a, const char *path, brat_ann *out);

/* An article text as code points. */
typedef struct brat_text {
  uint32_t *cp;
  size_t n;
} brat_text;

/* Decode UTF-8; each byte of an invalid sequence becomes one U+FFFD. */
void prc_brat_decode_utf8(arena *a, const char *buf, size_t len, brat_text *out);

/* Read a UTF-8 text file.  Returns 0, or -1 if it cannot be read. */
int prc_brat_read_text(arena *a, const char *path, brat_text *out);

/* Read a whole file into malloc'd memory (NUL-terminated); NULL on error. */
char *prc_brat_slurp(const char *path, size_t *len);

/* ---- Locating files ---------------------------------------------------- */

typedef struct brat_file {
  char *stem; /* file name without ".ann" */
  char *path; /* full path of the .ann file */
} brat_file;

/* A folder of annotations: either DIR/attributions/ + DIR/text/, or a
 * folder holding the .ann files directly (texts, if any, then live in
 * DIR/text/ when that exists, else in DIR itself). */
typedef struct brat_dir {
  char *ann_dir;
  char *text_dir;
  brat_file *files; /* the *.ann files, sorted by file name (strcmp order) */
  size_t nfiles;
} brat_dir;

/* Returns 0, or -1 if dir is not a readable folder.  Free with prc_brat_dir_close. */
int prc_brat_dir_open(const char *dir, brat_dir *out);
void prc_brat_dir_close(brat_dir *d);

/* Malloc'd path of DIR's text file for an article ("<text_dir>/<article>.txt"). */
char *prc_brat_text_path(const brat_dir *d, const char *article);

/* The article an .ann file belongs to.  `known` says whether a name is an
 * article.  The stem itself if known; else the stem without its last
 * "_<suffix>" (the annotator id of PolNeAR file names) if that is known;
 * else NULL.  The result is malloc'd. */
char *prc_brat_article_of(const char *stem, int (*known)(void *ctx, const char *name), void *ctx);

#endif
