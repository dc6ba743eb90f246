/* brat.c - brat standoff (.ann) reader for attribution relations. */
#include "brat.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *prc_brat_role_name(brat_role r) {
  switch (r) {
    case BRAT_CUE: return "cue";
    case BRAT_SOURCE: return "source";
    case BRAT_CONTENT: return "content";
    default: return "?";
  }
}

void prc_brat_grow_(arena *a, void **arr, size_t *cap, size_t elsize, size_t n) {
  size_t nc = *cap ? *cap * 2 : 16;
  void *na = prc_arena_alloc(a, nc * elsize);
  if (n) memcpy(na, *arr, n * elsize);
  *arr = na;
  *cap = nc;
}

/* ---- Parsing ------------------------------------------------------------ */

typedef struct tline {
  const char *id; /* NUL-terminated copy in the arena (never holds a NUL: see idok) */
  size_t idlen;
  int role;       /* role of its label, or -1 */
  size_t line;    /* line number, for stable ordering */
  int dup;        /* a later duplicate of an earlier id */
  brat_span span;
} tline;

typedef struct eline {
  const char *text; /* the argument list (after the tab), arena copy */
  size_t len;
} eline;

/* Role of a label or role name: "Cue", "Source", "Content", optionally
 * followed by digits ("Content2"); -1 for anything else. */
static int role_of(const char *s, size_t n) {
  while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9') n--;
  if (n == 3 && !memcmp(s, "Cue", 3)) return BRAT_CUE;
  if (n == 6 && !memcmp(s, "Source", 6)) return BRAT_SOURCE;
  if (n == 7 && !memcmp(s, "Content", 7)) return BRAT_CONTENT;
  return -1;
}

/* Parse a decimal number at s[*i]; 0 on failure. */
static int parse_num(const char *s, size_t n, size_t *i, size_t *out) {
  size_t v = 0, k = *i;
  if (k >= n || s[k] < '0' || s[k] > '9') return 0;
  while (k < n && s[k] >= '0' && s[k] <= '9') {
    if (v > (size_t)1 << 40) return 0; /* absurd offset */
    v = v * 10 + (size_t)(s[k] - '0');
    k++;
  }
  *i = k;
  *out = v;
  return 1;
}

static size_t skip_spaces(const char *s, size_t n, size_t i) {
  while (i < n && s[i] == ' ') i++;
  return i;
}

/* Parse "start end[;start end...]" in s[0..n).  Returns 1 on success. */
static int parse_frags(arena *a, const char *s, size_t n, brat_span *out) {
  size_t nf = 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ';') nf++;
  brat_frag *f = prc_arena_alloc(a, nf * sizeof *f);
  size_t i = skip_spaces(s, n, 0), k = 0;
  for (;;) {
    size_t st, en;
    if (!parse_num(s, n, &i, &st)) return 0;
    if (i >= n || s[i] != ' ') return 0;
    i = skip_spaces(s, n, i);
    if (!parse_num(s, n, &i, &en)) return 0;
    if (en < st || k >= nf) return 0;
    f[k].start = st;
    f[k].end = en;
    k++;
    i = skip_spaces(s, n, i);
    if (i == n) break;
    if (s[i] != ';') return 0;
    i = skip_spaces(s, n, i + 1);
  }
  out->frags = f;
  out->nfrags = k;
  return 1;
}

/* A T line after its id: "Label offsets[\ttext]". */
static int parse_tline(arena *a, const char *s, size_t n, tline *t) {
  const char *tab = memchr(s, '\t', n);
  size_t body = tab ? (size_t)(tab - s) : n;
  const char *sp = memchr(s, ' ', body);
  if (!sp || sp == s) return 0;
  size_t lablen = (size_t)(sp - s);
  t->role = role_of(s, lablen);
  return parse_frags(a, sp + 1, body - lablen - 1, &t->span);
}

static int cmp_tline(const void *x, const void *y) {
  const tline *a = x, *b = y;
  int c = strcmp(a->id, b->id);
  if (c) return c;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* The T line with id id[0..idlen), or NULL.  The id is compared with its
 * length: an E argument may hold a NUL byte ("Cue:T1\0junk"), which must
 * neither match "T1" nor make the compare read past the end of a T id. */
static int cmp_id(const tline *t, const char *id, size_t idlen) {
  int c = memcmp(t->id, id, t->idlen < idlen ? t->idlen : idlen);
  if (c) return c;
  return t->idlen < idlen ? -1 : t->idlen > idlen;
}

static const tline *find_t(const tline *ts, size_t n, const char *id, size_t idlen) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_id(&ts[mid], id, idlen) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < n && cmp_id(&ts[lo], id, idlen) == 0) return &ts[lo];
  return NULL;
}

static void push_span(arena *a, brat_span **arr, size_t *n, size_t *cap, brat_span s) {
  *BRAT_PUSH(a, *arr, *n, *cap, brat_span) = s;
}

/* Checks the syntax of an E argument list: space-separated "Role:Id" items. */
static int eline_ok(const char *s, size_t n) {
  size_t i = 0, items = 0;
  while (i < n) {
    i = skip_spaces(s, n, i);
    if (i >= n) break;
    size_t b = i;
    while (i < n && s[i] != ' ') i++;
    const char *colon = memchr(s + b, ':', i - b);
    if (!colon || colon == s + b || colon == s + i - 1) return 0;
    items++;
  }
  return items > 0;
}

void prc_brat_parse(arena *a, const char *buf, size_t len, brat_ann *out) {
  memset(out, 0, sizeof *out);
  tline *ts = NULL;
  size_t nt = 0, tcap = 0;
  eline *es = NULL;
  size_t ne = 0, ecap = 0;
  size_t lineno = 0;

  size_t pos = 0;
  if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) pos = 3; /* a UTF-8 byte-order mark */
  while (pos < len) {
    const char *nl = memchr(buf + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - buf) : len;
    const char *s = buf + pos;
    size_t n = end - pos;
    pos = nl ? end + 1 : len;
    lineno++;
    if (n > 0 && s[n - 1] == '\r') n--;
    if (n == 0) continue;
    if (s[0] == '\0') { out->n_malformed++; continue; }
    const char *tab = memchr(s, '\t', n);
    size_t idlen = tab ? (size_t)(tab - s) : 0;
    int idok = tab && idlen >= 2 && !memchr(s, ' ', idlen) && !memchr(s, '\0', idlen);
    if (!idok) {
      /* brat comments may have odd ids; anything else is stray text */
      if (s[0] != '#') out->n_malformed++;
      continue;
    }
    const char *rest = tab + 1;
    size_t rn = n - idlen - 1;
    switch (s[0]) {
      case 'T': {
        tline t;
        memset(&t, 0, sizeof t);
        if (!parse_tline(a, rest, rn, &t)) {
          out->n_malformed++;
          break;
        }
        t.id = prc_arena_strndup(a, s, idlen);
        t.idlen = idlen;
        t.line = lineno;
        *BRAT_PUSH(a, ts, nt, tcap, tline) = t;
        break;
      }
      case 'E': {
        if (!eline_ok(rest, rn)) {
          out->n_malformed++;
          break;
        }
        eline e = {prc_arena_strndup(a, rest, rn), rn};
        *BRAT_PUSH(a, es, ne, ecap, eline) = e;
        break;
      }
      case 'R': case 'A': case 'M': case 'N': case '#':
        break; /* other brat annotation kinds: not used */
      default:
        out->n_malformed++;
        break;
    }
  }

  /* Index the T lines by id; a repeated id keeps its first line. */
  if (nt > 1) qsort(ts, nt, sizeof *ts, cmp_tline);
  for (size_t i = 1; i < nt; i++)
    if (!strcmp(ts[i].id, ts[i - 1].id)) {
      ts[i].dup = 1;
      out->n_malformed++;
    }
  size_t w = 0;
  for (size_t i = 0; i < nt; i++)
    if (!ts[i].dup) ts[w++] = ts[i];
  nt = w;

  size_t rcap[BRAT_NROLES] = {0};
  for (size_t i = 0; i < nt; i++)
    if (ts[i].role >= 0)
      push_span(a, &out->role_spans[ts[i].role], &out->nrole_spans[ts[i].role], &rcap[ts[i].role],
                ts[i].span);

  size_t relcap = 0;
  for (size_t k = 0; k < ne; k++) {
    brat_relation rel;
    memset(&rel, 0, sizeof rel);
    size_t cap[BRAT_NROLES] = {0};
    const char *s = es[k].text;
    size_t n = es[k].len, i = 0, found = 0;
    while (i < n) {
      i = skip_spaces(s, n, i);
      if (i >= n) break;
      size_t b = i;
      while (i < n && s[i] != ' ') i++;
      const char *colon = memchr(s + b, ':', i - b);
      size_t rlen = (size_t)(colon - (s + b));
      int role = role_of(s + b, rlen);
      if (role < 0) continue; /* the trigger (Attribution, ...) or an unknown role */
      const tline *t = find_t(ts, nt, colon + 1, (size_t)(s + i - colon - 1));
      if (!t) {
        out->n_bad_refs++;
        continue;
      }
      push_span(a, &rel.spans[role], &rel.nspans[role], &cap[role], t->span);
      if (t->role != role) /* also count it among the role's spans */
        push_span(a, &out->role_spans[role], &out->nrole_spans[role], &rcap[role], t->span);
      found++;
    }
    if (!found) {
      out->n_empty_rels++;
      continue;
    }
    *BRAT_PUSH(a, out->rels, out->nrels, relcap, brat_relation) = rel;
  }
}

char *prc_brat_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return NULL;
  }
  for (;;) {
    if (cap - n < 4096) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

int prc_brat_read_ann(arena *a, const char *path, brat_ann *out) {
  size_t len;
  char *buf = prc_brat_slurp(path, &len);
  if (!buf) {
    memset(out, 0, sizeof *out);
    return -1;
  }
  prc_brat_parse(a, buf, len, out);
  free(buf);
  return 0;
}

/* ---- Text --------------------------------------------------------------- */

void prc_brat_decode_utf8(arena *a, const char *buf, size_t len, brat_text *out) {
  const unsigned char *s = (const unsigned char *)buf;
  uint32_t *cp = prc_arena_alloc(a, (len + 1) * sizeof *cp);
  size_t n = 0, i = 0;
  while (i < len) {
    unsigned c = s[i];
    uint32_t v;
    size_t k;
    if (c < 0x80) {
      cp[n++] = c;
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      v = c & 0x1F;
      k = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      v = c & 0x0F;
      k = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      v = c & 0x07;
      k = 3;
    } else {
      cp[n++] = 0xFFFD;
      i++;
      continue;
    }
    int ok = i + k < len; /* the k continuation bytes are present */
    for (size_t j = 1; ok && j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        ok = 0;
      else
        v = (v << 6) | (s[i + j] & 0x3F);
    }
    if (ok) {
      if ((k == 2 && v < 0x800) || (k == 3 && v < 0x10000) || v > 0x10FFFF ||
          (v >= 0xD800 && v <= 0xDFFF))
        ok = 0;
    }
    if (!ok) {
      cp[n++] = 0xFFFD;
      i++;
      continue;
    }
    cp[n++] = v;
    i += k + 1;
  }
  out->cp = cp;
  out->n = n;
}

int prc_brat_read_text(arena *a, const char *path, brat_text *out) {
  size_t len;
  char *buf = prc_brat_slurp(path, &len);
  if (!buf) {
    out->cp = NULL;
    out->n = 0;
    return -1;
  }
  prc_brat_decode_utf8(a, buf, len, out);
  free(buf);
  return 0;
}

/* ---- Locating files ----------------------------------------------------- */

static char *join(const char *dir, const char *name, const char *ext) {
  size_t a = strlen(dir), b = strlen(name), c = ext ? strlen(ext) : 0;
  char *p = malloc(a + b + c + 2);
  if (!p) return NULL;
  memcpy(p, dir, a);
  size_t k = a;
  if (a > 0 && dir[a - 1] != '/') p[k++] = '/';
  memcpy(p + k, name, b);
  k += b;
  if (c) memcpy(p + k, ext, c);
  p[k + c] = '\0';
  return p;
}

static int is_dir(const char *p) {
  struct stat st;
  return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int cmp_file(const void *x, const void *y) {
  const brat_file *a = x, *b = y;
  return strcmp(a->path, b->path); /* same folder: the file names' order */
}

int prc_brat_dir_open(const char *dir, brat_dir *out) {
  memset(out, 0, sizeof *out);
  if (!is_dir(dir)) return -1;
  char *att = join(dir, "attributions", NULL);
  char *txt = join(dir, "text", NULL);
  out->ann_dir = is_dir(att) ? att : (free(att), strdup(dir));
  out->text_dir = is_dir(txt) ? txt : (free(txt), strdup(dir));
  DIR *d = opendir(out->ann_dir);
  if (!d) {
    prc_brat_dir_close(out);
    return -1;
  }
  size_t cap = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    size_t n = strlen(de->d_name);
    if (n <= 4 || strcmp(de->d_name + n - 4, ".ann") != 0 || de->d_name[0] == '.') continue;
    if (out->nfiles == cap) {
      cap = cap ? cap * 2 : 64;
      brat_file *nf = realloc(out->files, cap * sizeof *nf);
      if (!nf) break;
      out->files = nf;
    }
    brat_file *f = &out->files[out->nfiles];
    f->stem = strndup(de->d_name, n - 4);
    f->path = join(out->ann_dir, de->d_name, NULL);
    if (!f->stem || !f->path) {
      free(f->stem);
      free(f->path);
      continue;
    }
    out->nfiles++;
  }
  closedir(d);
  if (out->nfiles > 1) qsort(out->files, out->nfiles, sizeof *out->files, cmp_file);
  return 0;
}

void prc_brat_dir_close(brat_dir *d) {
  for (size_t i = 0; i < d->nfiles; i++) {
    free(d->files[i].stem);
    free(d->files[i].path);
  }
  free(d->files);
  free(d->ann_dir);
  free(d->text_dir);
  memset(d, 0, sizeof *d);
}

char *prc_brat_text_path(const brat_dir *d, const char *article) {
  return join(d->text_dir, article, ".txt");
}

char *prc_brat_article_of(const char *stem, int (*known)(void *ctx, const char *name), void *ctx) {
  if (known(ctx, stem)) return strdup(stem);
  const char *us = strrchr(stem, '_');
  if (!us || us == stem || us[1] == '\0') return NULL;
  char *base = strndup(stem, (size_t)(us - stem));
  if (base && known(ctx, base)) return base;
  free(base);
  return NULL;
}
