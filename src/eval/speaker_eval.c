/* speaker_eval.c - are quotes attributed to the right speaker?  Gold items
 * (one JSON object a line, hand-resolved sources) against precis's JSON
 * output (docs/evaluation.md, "## Speakers"). */
#include "speaker_eval.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

static void set_err(char *err, size_t cap, const char *fmt, ...) {
  if (!err || !cap) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, cap, fmt, ap);
  va_end(ap);
}

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* ---- case-insensitive containment -------------------------------------- */

/* The case-folded form of s (malloc'd), or NULL when out of memory.  Strings
 * utf8proc refuses (invalid UTF-8) are folded for ASCII letters only. */
static char *fold(const char *s) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_CASEFOLD);
  if (n >= 0 && out) return (char *)out;
  free(out);
  char *d = dup_str(s);
  if (d)
    for (char *p = d; *p; p++)
      if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  return d;
}

int prc_spk_contains(const char *name, const char *key) {
  if (!name || !key || !*key) return 0;
  char *a = fold(name), *b = fold(key);
  int r = a && b && *b && strstr(a, b) != NULL;
  free(a);
  free(b);
  return r;
}

/* ---- gold items --------------------------------------------------------- */

void prc_spk_item_free(spk_item *it) {
  if (!it) return;
  free(it->article);
  for (size_t i = 0; i < it->nkeys; i++) free(it->keys[i]);
  free(it->keys);
  memset(it, 0, sizeof *it);
}

static int is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f' && s[i] != '\v')
      return 0;
  return 1;
}

/* A non-negative integer span [b, e) with b <= e. */
static int get_span(json_t *v, size_t *b, size_t *e) {
  if (!json_is_array(v) || json_array_size(v) != 2) return -1;
  json_t *x = json_array_get(v, 0), *y = json_array_get(v, 1);
  if (!json_is_integer(x) || !json_is_integer(y)) return -1;
  json_int_t bi = json_integer_value(x), ei = json_integer_value(y);
  if (bi < 0 || ei < bi) return -1;
  *b = (size_t)bi;
  *e = (size_t)ei;
  return 0;
}

static int add_key(spk_item *it, const char *k) {
  if (!*k) return 0;
  char **nk = realloc(it->keys, (it->nkeys + 1) * sizeof *nk);
  if (!nk) return -1;
  it->keys = nk;
  if (!(it->keys[it->nkeys] = dup_str(k))) return -1;
  it->nkeys++;
  return 0;
}

static int item_from_json(json_t *o, spk_item *it, char *err, size_t cap) {
  if (!json_is_object(o)) {
    set_err(err, cap, "not a JSON object");
    return -1;
  }
  json_t *art = json_object_get(o, "article");
  if (!json_is_string(art) || !*json_string_value(art)) {
    set_err(err, cap, "\"article\" missing or not a non-empty string");
    return -1;
  }
  const char *a = json_string_value(art);
  if (strchr(a, '/') || !strcmp(a, ".") || !strcmp(a, "..")) {
    set_err(err, cap, "\"article\" is not a file name: '%s'", a);
    return -1;
  }
  if (get_span(json_object_get(o, "cue_span"), &it->cue_b, &it->cue_e) != 0) {
    set_err(err, cap, "\"cue_span\" missing or not [begin, end] with 0 <= begin <= end");
    return -1;
  }
  json_t *kind = json_object_get(o, "kind"), *spk = json_object_get(o, "speaker");
  if (!json_is_string(kind)) {
    set_err(err, cap, "\"kind\" missing or not a string");
    return -1;
  }
  if (!json_is_string(spk)) {
    set_err(err, cap, "\"speaker\" missing or not a string");
    return -1;
  }
  const char *k = json_string_value(kind);
  it->kind = !strcmp(k, "name") ? SPK_NAME
             : !strcmp(k, "pronoun") ? SPK_PRONOUN
             : !strcmp(k, "description") ? SPK_DESCRIPTION
                                         : -1;
  json_t *amb = json_object_get(o, "ambiguous");
  it->scored = strcmp(json_string_value(spk), "NONE") != 0 && !json_is_true(amb);
  it->none = strcmp(json_string_value(spk), "NONE") == 0 && !json_is_true(amb);
  json_t *key = json_object_get(o, "surname_or_key"), *keys = json_object_get(o, "keys");
  if (key && !json_is_string(key)) {
    set_err(err, cap, "\"surname_or_key\" is not a string");
    return -1;
  }
  if (keys && !json_is_null(keys) && !json_is_array(keys)) {
    set_err(err, cap, "\"keys\" is not an array");
    return -1;
  }
  if (!(it->article = dup_str(a))) goto oom;
  if (key && add_key(it, json_string_value(key)) != 0) goto oom;
  size_t i;
  json_t *v;
  json_array_foreach(keys, i, v) { /* no iteration when keys is absent or null */
    if (!json_is_string(v)) {
      set_err(err, cap, "\"keys\"[%zu] is not a string", i);
      return -1;
    }
    if (add_key(it, json_string_value(v)) != 0) goto oom;
  }
  if (it->scored && it->nkeys == 0) {
    set_err(err, cap, "a scored item needs a non-empty \"surname_or_key\" or \"keys\"");
    return -1;
  }
  return 0;
oom:
  set_err(err, cap, "out of memory");
  return -1;
}

int prc_spk_parse_item(const char *line, size_t len, spk_item *out, char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  if (is_blank(line, len)) return 1;
  json_error_t je;
  json_t *o = json_loadb(line, len, 0, &je);
  if (!o) {
    set_err(err, errcap, "invalid JSON at column %d: %s", je.column, je.text);
    return -1;
  }
  int r = item_from_json(o, out, err, errcap);
  json_decref(o);
  if (r != 0) prc_spk_item_free(out);
  return r;
}

/* ---- predictions -------------------------------------------------------- */

void prc_spk_pred_free(spk_pred *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) free(p->q[i].speaker);
  free(p->q);
  p->q = NULL;
  p->n = 0;
}

int prc_spk_parse_pred(const char *json, size_t len, spk_pred *out, char *err, size_t errcap) {
  out->q = NULL;
  out->n = 0;
  json_error_t je;
  json_t *o = json_loadb(json, len, 0, &je);
  if (!o) {
    set_err(err, errcap, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
    return -1;
  }
  json_t *qs = json_is_object(o) ? json_object_get(o, "quotes") : NULL;
  if (!json_is_array(qs)) {
    set_err(err, errcap, "not precis JSON output (no \"quotes\" array)");
    json_decref(o);
    return -1;
  }
  size_t n = json_array_size(qs);
  out->q = calloc(n + 1, sizeof *out->q);
  if (!out->q) goto oom;
  size_t i;
  json_t *q;
  json_array_foreach(qs, i, q) {
    spk_quote *d = &out->q[out->n++];
    json_t *cue = json_is_object(q) ? json_object_get(q, "cue") : NULL;
    if (json_is_object(cue) && get_span(json_object_get(cue, "span"), &d->cue_b, &d->cue_e) == 0)
      d->has_cue = 1;
    json_t *s = json_is_object(q) ? json_object_get(q, "speaker") : NULL;
    if (json_is_string(s) && !(d->speaker = dup_str(json_string_value(s)))) goto oom;
  }
  json_decref(o);
  return 0;
oom:
  json_decref(o);
  prc_spk_pred_free(out);
  set_err(err, errcap, "out of memory");
  return -1;
}

/* ---- judging ------------------------------------------------------------ */

int prc_spk_judge(const spk_item *it, const spk_pred *pred) {
  if (!pred) return 0;
  for (size_t i = 0; i < pred->n; i++) {
    const spk_quote *q = &pred->q[i];
    if (!q->has_cue || !(q->cue_b < it->cue_e && it->cue_b < q->cue_e)) continue;
    /* the first quote (in output order, which is text order) whose cue
     * overlaps decides */
    if (it->none) return q->speaker ? 1 : 2;
    for (size_t k = 0; k < it->nkeys; k++)
      if (prc_spk_contains(q->speaker, it->keys[k])) return 2;
    return 1;
  }
  return 0;
}

void prc_spk_add(spk_counts *c, const spk_item *it, int outcome) {
  if (it->none) {
    c->n[SPK_NONE]++;
    if (outcome >= 1) c->found[SPK_NONE]++;
    if (outcome == 2) c->right[SPK_NONE]++;
    return;
  }
  if (!it->scored) return;
  int rows[2] = {SPK_ALL, it->kind};
  for (int r = 0; r < 2; r++) {
    if (rows[r] < 0) continue;
    c->n[rows[r]]++;
    if (outcome >= 1) c->found[rows[r]]++;
    if (outcome == 2) c->right[rows[r]]++;
  }
}

static double ratio(size_t num, size_t den) { return den ? (double)num / (double)den : 0.0; }

void prc_spk_finish(spk_result *r) {
  for (int k = 0; k < SPK_NROWS; k++) {
    r->accuracy[k] = ratio(r->c.right[k], r->c.n[k]);
    r->accuracy_found[k] = ratio(r->c.right[k], r->c.found[k]);
    r->found_rate[k] = ratio(r->c.found[k], r->c.n[k]);
  }
}

/* ---- files -------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len, int *missing) {
  *missing = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    *missing = errno == ENOENT;
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

static int cmp_by_article(const void *x, const void *y) {
  const spk_item *a = *(const spk_item *const *)x, *b = *(const spk_item *const *)y;
  int c = strcmp(a->article, b->article);
  if (c) return c;
  return a < b ? -1 : a > b; /* items are in one array: keep line order */
}

int prc_spk_eval(FILE *gold, const char *gold_name, const char *pred_dir, spk_result *out,
                 FILE *log) {
  memset(out, 0, sizeof *out);
  DIR *d = opendir(pred_dir);
  if (!d) {
    if (log) fprintf(log, "%s: %s\n", pred_dir, strerror(errno));
    return -1;
  }
  closedir(d);

  spk_item *items = NULL;
  size_t n = 0, cap = 0, lineno = 0;
  char *line = NULL;
  size_t lcap = 0;
  ssize_t got;
  char err[256];
  int rc = 0;
  while ((got = getline(&line, &lcap, gold)) >= 0) {
    lineno++;
    size_t len = (size_t)got;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 256;
      spk_item *ni = realloc(items, nc * sizeof *ni);
      if (!ni) {
        if (log) fprintf(log, "%s: out of memory\n", gold_name);
        rc = -1;
        goto done;
      }
      items = ni;
      cap = nc;
    }
    int r = prc_spk_parse_item(line, len, &items[n], err, sizeof err);
    if (r == 1) continue;
    if (r < 0) {
      out->n_malformed++;
      if (log) fprintf(log, "%s:%zu: %s (line skipped)\n", gold_name, lineno, err);
      continue;
    }
    out->n_items++;
    if (!items[n].scored) out->n_unscored++;
    else if (items[n].kind < 0) out->n_other_kind++;
    n++;
  }
  if (ferror(gold)) {
    if (log) fprintf(log, "%s: read error\n", gold_name);
    rc = -1;
    goto done;
  }

  /* one prediction file per article: visit the items grouped by article */
  spk_item **ord = malloc((n + 1) * sizeof *ord);
  if (!ord) {
    if (log) fprintf(log, "out of memory\n");
    rc = -1;
    goto done;
  }
  size_t ns = 0;
  for (size_t i = 0; i < n; i++)
    if (items[i].scored || items[i].none) ord[ns++] = &items[i];
  qsort(ord, ns, sizeof *ord, cmp_by_article);
  for (size_t i = 0; i < ns;) {
    size_t j = i;
    int any_scored = 0; /* (the article counts, and so its file, when it has a scored item) */
    while (j < ns && !strcmp(ord[j]->article, ord[i]->article)) any_scored |= ord[j++]->scored;
    if (any_scored) out->n_articles++;
    size_t plen = strlen(pred_dir) + strlen(ord[i]->article) + 8;
    char *path = malloc(plen);
    spk_pred pred = {NULL, 0};
    int have = 0;
    if (path) {
      snprintf(path, plen, "%s/%s.json", pred_dir, ord[i]->article);
      size_t len;
      int missing;
      char *buf = read_file(path, &len, &missing);
      if (!buf && missing) {
        out->n_pred_missing += any_scored;
      } else if (!buf) {
        out->n_pred_bad += any_scored;
        if (log) fprintf(log, "%s: cannot read: %s (its items count as not found)\n", path, strerror(errno));
      } else if (prc_spk_parse_pred(buf, len, &pred, err, sizeof err) != 0) {
        out->n_pred_bad += any_scored;
        if (log) fprintf(log, "%s: %s (its items count as not found)\n", path, err);
      } else {
        have = 1;
      }
      free(buf);
      free(path);
    }
    for (size_t k = i; k < j; k++) prc_spk_add(&out->c, ord[k], prc_spk_judge(ord[k], have ? &pred : NULL));
    prc_spk_pred_free(&pred);
    i = j;
  }
  free(ord);
  prc_spk_finish(out);
done:
  for (size_t i = 0; i < n; i++) prc_spk_item_free(&items[i]);
  free(items);
  free(line);
  return rc;
}
