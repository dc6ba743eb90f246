/* rouge_io.c - see rouge_io.h. */
#include "rouge_io.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *prc_rio_read_file(const char *path, size_t *len) {
  FILE *f = prc_cli_open_input(path);
  if (!f) return NULL;
  char *buf = prc_cli_read_all(f, len);
  int e = errno;
  if (f != stdin) fclose(f);
  errno = e;
  return buf;
}

int prc_rio_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return 0;
  return 1;
}

/* Join the strings of an array (or, for objects, their "text" member) with
 * '\n'.  1 = not a usable value, -1 = OOM, 0 = ok. */
static int join_value(json_t *v, prc_sbuf *b) {
  if (json_is_string(v)) return prc_sbuf_add(b, json_string_value(v), json_string_length(v));
  if (!json_is_array(v)) return 1;
  size_t i;
  json_t *e;
  json_array_foreach(v, i, e) {
    json_t *t = json_is_object(e) ? json_object_get(e, "text") : e;
    if (!json_is_string(t)) return 1;
    if (i && prc_sbuf_add(b, "\n", 1)) return -1;
    if (prc_sbuf_add(b, json_string_value(t), json_string_length(t))) return -1;
  }
  if (!b->s && prc_sbuf_add(b, "", 0)) return -1; /* empty list: empty text */
  return 0;
}

static char *id_string(json_t *id) {
  char tmp[32];
  if (json_is_string(id)) return strdup(json_string_value(id));
  if (json_is_integer(id)) {
    snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(id));
    return strdup(tmp);
  }
  return NULL;
}

static int add_doc(rio_docs *d, size_t *cap, const rio_doc *doc) {
  if (d->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 64;
    rio_doc *p = realloc(d->docs, nc * sizeof *p);
    if (!p) return -1;
    d->docs = p;
    *cap = nc;
  }
  d->docs[d->n++] = *doc;
  return 0;
}

static void doc_free(rio_doc *doc) {
  free(doc->id);
  free(doc->text);
  free(doc->article);
}

int prc_rio_load_docs(const char *path, rio_docs *out, const char *prog, unsigned need) {
  memset(out, 0, sizeof *out);
  size_t len;
  char *data = prc_rio_read_file(path, &len);
  if (!data) {
    fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  /* JSONL when the first non-blank line parses as a JSON object. */
  size_t i = 0;
  if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) memset(data, ' ', 3); /* a byte order mark */
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
  int jsonl = 0;
  if (i < len && data[i] == '{') {
    const char *nl = memchr(data + i, '\n', len - i);
    size_t ll = nl ? (size_t)(nl - (data + i)) : len - i;
    json_t *o = json_loadb(data + i, ll, 0, NULL);
    jsonl = json_is_object(o);
    json_decref(o);
  }
  size_t cap = 0;
  if (!jsonl) {
    if (need & RIO_NEED_ARTICLE) {
      fprintf(stderr, "%s: %s: expected JSONL with an article field\n", prog, path);
      free(data);
      return -1;
    }
    rio_doc doc = {NULL, data, len, NULL, 0, 0};
    if (add_doc(out, &cap, &doc)) {
      free(data);
      fprintf(stderr, "%s: out of memory\n", prog);
      return -1;
    }
    return 0;
  }
  out->jsonl = 1;
  size_t lineno = 0;
  char *p = data, *end = data + len;
  int rc = 0;
  while (p < end && rc == 0) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    char *line = p;
    size_t ll = (size_t)(le - line);
    p = nl ? nl + 1 : end;
    lineno++;
    if (prc_rio_blank(line, ll)) continue;
    json_error_t err;
    json_t *o = json_loadb(line, ll, 0, &err);
    if (!json_is_object(o)) {
      fprintf(stderr, "%s: %s:%zu: not a JSON object%s%s\n", prog, path, lineno,
              o ? "" : ": ", o ? "" : err.text);
      json_decref(o);
      rc = -1;
      break;
    }
    rio_doc doc = {NULL, NULL, 0, NULL, 0, lineno};
    json_t *id = json_object_get(o, "id");
    if (id && !json_is_null(id)) {
      doc.id = id_string(id);
      if (!doc.id) {
        fprintf(stderr, "%s: %s:%zu: \"id\" must be a string or an integer\n", prog, path,
                lineno);
        rc = -1;
      }
    }
    static const char *fields[] = {"highlights", "summary", "keypoints"};
    for (size_t f = 0; rc == 0 && f < 3 && !doc.text; f++) {
      json_t *v = json_object_get(o, fields[f]);
      if (!v) continue;
      prc_sbuf b = {0};
      int r = join_value(v, &b);
      if (r) {
        free(b.s);
        if (r < 0) fprintf(stderr, "%s: out of memory\n", prog);
        else
          fprintf(stderr, "%s: %s:%zu: \"%s\" must be a string or a list of strings or {text}\n",
                  prog, path, lineno, fields[f]);
        rc = -1;
        break;
      }
      doc.text = b.s;
      doc.len = b.n;
    }
    if (rc == 0 && !doc.text && (need & RIO_NEED_SUMMARY)) {
      fprintf(stderr, "%s: %s:%zu: no \"highlights\", \"summary\" or \"keypoints\"\n", prog, path,
              lineno);
      rc = -1;
    }
    json_t *a = json_object_get(o, "article");
    if (!json_is_string(a)) a = json_object_get(o, "text");
    if (rc == 0 && json_is_string(a)) {
      doc.article_len = json_string_length(a);
      doc.article = malloc(doc.article_len + 1);
      if (!doc.article) rc = -1;
      else memcpy(doc.article, json_string_value(a), doc.article_len + 1);
    } else if (rc == 0 && (need & RIO_NEED_ARTICLE)) {
      fprintf(stderr, "%s: %s:%zu: no \"article\" or \"text\"\n", prog, path, lineno);
      rc = -1;
    }
    json_decref(o);
    if (rc == 0 && add_doc(out, &cap, &doc)) {
      fprintf(stderr, "%s: out of memory\n", prog);
      rc = -1;
    }
    if (rc) doc_free(&doc);
  }
  free(data);
  if (rc) prc_rio_docs_free(out);
  return rc;
}

void prc_rio_docs_free(rio_docs *d) {
  for (size_t i = 0; i < d->n; i++) doc_free(&d->docs[i]);
  free(d->docs);
  memset(d, 0, sizeof *d);
}

/* ---- pairing ---- */

static const rio_docs *sort_docs; /* qsort has no context argument */

static int cmp_by_id(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  int c = strcmp(sort_docs->docs[x].id, sort_docs->docs[y].id);
  if (c) return c;
  return (x > y) - (x < y);
}

static long find_id(const rio_docs *d, const size_t *idx, const char *id) {
  size_t lo = 0, hi = d->n; /* first index with id >= wanted */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(d->docs[idx[mid]].id, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < d->n && strcmp(d->docs[idx[lo]].id, id) == 0) return (long)lo;
  return -1;
}

static int all_ids(const rio_docs *d) {
  if (!d->jsonl || d->n == 0) return 0;
  for (size_t i = 0; i < d->n; i++)
    if (!d->docs[i].id) return 0;
  return 1;
}

static size_t *sorted_index(const rio_docs *d) {
  size_t *idx = malloc((d->n ? d->n : 1) * sizeof *idx);
  if (!idx) return NULL;
  for (size_t i = 0; i < d->n; i++) idx[i] = i;
  sort_docs = d;
  qsort(idx, d->n, sizeof *idx, cmp_by_id);
  return idx;
}

/* Report up to 5 ids of a list on stderr. */
static void warn_ids(const char *prog, const char *what, const char **ids, size_t n) {
  if (!n) return;
  fprintf(stderr, "%s: warning: %zu %s:", prog, n, what);
  for (size_t i = 0; i < n && i < 5; i++) fprintf(stderr, " %s", ids[i]);
  fprintf(stderr, "%s\n", n > 5 ? " ..." : "");
}

int prc_rio_pair_docs(const rio_docs *refs, const rio_docs *preds, rio_pair **pairs, size_t *n,
                  const char *prog) {
  *pairs = NULL;
  *n = 0;
  size_t maxp = refs->n < preds->n ? refs->n : preds->n;
  rio_pair *out = malloc((maxp ? maxp : 1) * sizeof *out);
  if (!out) return -1;
  if (!all_ids(refs) || !all_ids(preds)) {
    if (refs->n != preds->n)
      fprintf(stderr, "%s: warning: %zu references but %zu predictions; scoring the first %zu\n",
              prog, refs->n, preds->n, maxp);
    for (size_t i = 0; i < maxp; i++) {
      out[i].ref = i;
      out[i].pred = i;
    }
    *pairs = out;
    *n = maxp;
    return 0;
  }
  size_t *ri = sorted_index(refs), *pi = sorted_index(preds);
  const char **missing = malloc((refs->n + preds->n + 1) * sizeof *missing);
  if (!ri || !pi || !missing) {
    free(ri);
    free(pi);
    free(missing);
    free(out);
    return -1;
  }
  size_t k = 0, nmiss = 0, ndup = 0;
  /* References in file order; a repeated reference id is scored once. */
  for (size_t i = 0; i < refs->n; i++) {
    const char *id = refs->docs[i].id;
    long first = find_id(refs, ri, id);
    if (first >= 0 && ri[first] != i) {
      ndup++;
      continue;
    }
    long j = find_id(preds, pi, id);
    if (j < 0) {
      missing[nmiss++] = id;
      continue;
    }
    out[k].ref = i;
    out[k].pred = pi[j]; /* the first prediction with that id */
    k++;
  }
  warn_ids(prog, "reference ids have no prediction", missing, nmiss);
  nmiss = 0;
  for (size_t i = 0; i < preds->n; i++) {
    const char *id = preds->docs[i].id;
    long first = find_id(preds, pi, id);
    if (first >= 0 && pi[first] != i) {
      ndup++;
      continue;
    }
    if (find_id(refs, ri, id) < 0) missing[nmiss++] = id;
  }
  warn_ids(prog, "prediction ids have no reference", missing, nmiss);
  if (ndup)
    fprintf(stderr, "%s: warning: %zu repeated ids ignored (the first of each is used)\n", prog,
            ndup);
  free(ri);
  free(pi);
  free(missing);
  *pairs = out;
  *n = k;
  return 0;
}

/* ---- output ---- */

void prc_rio_print_rouge(FILE *f, const rouge_scores *s, size_t n, int json, const char *note) {
  static const char *names[4] = {"rouge1", "rouge2", "rougeL", "rougeLsum"};
  const rouge_prf *v[4] = {&s->rouge1, &s->rouge2, &s->rougeL, &s->rougeLsum};
  if (json) {
    fprintf(f, "{\"n\": %zu", n);
    for (int i = 0; i < 4; i++)
      fprintf(f, ", \"%s\": {\"p\": %.6f, \"r\": %.6f, \"f\": %.6f}", names[i], v[i]->p, v[i]->r,
              v[i]->f);
    fprintf(f, "}\n");
    return;
  }
  fprintf(f, "ROUGE, mean over %zu document%s%s%s%s\n", n, n == 1 ? "" : "s", note ? " (" : "",
          note ? note : "", note ? ")" : "");
  fprintf(f, "%-10s %8s %8s %8s\n", "", "P", "R", "F");
  for (int i = 0; i < 4; i++)
    fprintf(f, "%-10s %8.2f %8.2f %8.2f\n", names[i], 100 * v[i]->p, 100 * v[i]->r,
            100 * v[i]->f);
}
