/* speaker_eval.h - scoring resolved speakers of quotes against hand-resolved
 * sources (PolNeAR speakers_dev.jsonl style).  The metric is defined in
 * docs/evaluation.md, section "## Speakers". */
#ifndef PRECIS_SPEAKER_EVAL_H
#define PRECIS_SPEAKER_EVAL_H

#include <stddef.h>
#include <stdio.h>

/* Kinds of source; SPK_ALL is the overall row (every scored item, whatever
 * its kind).  SPK_NONE is apart: the items whose speaker is NONE (nobody
 * named is meant; not ambiguous), right when the first quote whose cue
 * overlaps leaves its speaker unresolved -- a name there is a wrong guess. */
typedef enum { SPK_NAME, SPK_PRONOUN, SPK_DESCRIPTION, SPK_ALL, SPK_NONE, SPK_NROWS } spk_row;

/* One gold line. */
typedef struct spk_item {
  char *article;   /* the prediction file is <article>.json */
  size_t cue_b, cue_e; /* [cue_b, cue_e) in code points */
  int kind;        /* SPK_NAME.. SPK_DESCRIPTION, or -1 for another kind */
  int scored;      /* speaker is not "NONE" and the item is not ambiguous */
  int none;        /* speaker is "NONE" and the item is not ambiguous (row SPK_NONE) */
  char **keys;     /* surname_or_key, then the entries of "keys" (empty ones left out) */
  size_t nkeys;
} spk_item;

/* One predicted quote: its cue span (none for a bare continuation) and the
 * resolved speaker's name (NULL when unresolved). */
typedef struct spk_quote {
  int has_cue;
  size_t cue_b, cue_e;
  char *speaker;
} spk_quote;

typedef struct spk_pred {
  spk_quote *q;
  size_t n;
} spk_pred;

typedef struct spk_counts {
  size_t n[SPK_NROWS];     /* scored gold items (SPK_NONE: the NONE items) */
  size_t found[SPK_NROWS]; /* ... whose cue a predicted quote overlaps */
  size_t right[SPK_NROWS]; /* ... whose first such quote names the speaker (SPK_NONE: names nobody) */
} spk_counts;

typedef struct spk_result {
  spk_counts c;
  double accuracy[SPK_NROWS];       /* right / n (end to end) */
  double accuracy_found[SPK_NROWS]; /* right / found */
  double found_rate[SPK_NROWS];     /* found / n */
  size_t n_items;         /* well-formed gold lines */
  size_t n_unscored;      /* ... with speaker NONE or ambiguous */
  size_t n_other_kind;    /* scored items of a kind other than the three (in "all" only) */
  size_t n_malformed;     /* gold lines skipped (message on the log) */
  size_t n_articles;      /* distinct articles with a scored item */
  size_t n_pred_missing;  /* ... without a prediction file */
  size_t n_pred_bad;      /* ... whose prediction file is not readable precis JSON */
} spk_result;

/* Parse one gold line (len bytes, need not be NUL-terminated).  Returns 0 and
 * fills *out (free with prc_spk_item_free), 1 for a blank line, or -1 for a
 * malformed line with a message in err. */
int prc_spk_parse_item(const char *line, size_t len, spk_item *out, char *err, size_t errcap);
void prc_spk_item_free(spk_item *it);

/* Parse a precis JSON document (the "quotes" array).  Returns 0, or -1 with a
 * message in err.  Free with prc_spk_pred_free. */
int prc_spk_parse_pred(const char *json, size_t len, spk_pred *out, char *err, size_t errcap);
void prc_spk_pred_free(spk_pred *p);

/* Does `name` contain `key`, case-insensitively (Unicode case folding)? */
int prc_spk_contains(const char *name, const char *key);

/* Score one item against its article's quotes (pred NULL: no prediction
 * file).  Returns 0 not found, 1 found but wrong, 2 right (a NONE item:
 * right when the speaker is unresolved). */
int prc_spk_judge(const spk_item *it, const spk_pred *pred);

/* Add a scored or NONE item's outcome to the counts (ambiguous items are ignored). */
void prc_spk_add(spk_counts *c, const spk_item *it, int outcome);

/* Compute the ratios of r from r->c (a ratio with denominator 0 is 0). */
void prc_spk_finish(spk_result *r);

/* Score the gold JSONL stream `gold` (named gold_name in messages) against
 * the prediction folder.  Messages (malformed lines with their numbers,
 * unreadable predictions) go to log (may be NULL).  Returns 0, or -1 if the
 * prediction folder cannot be read or memory runs out (message on log). */
int prc_spk_eval(FILE *gold, const char *gold_name, const char *pred_dir, spk_result *out,
                 FILE *log);

#endif
