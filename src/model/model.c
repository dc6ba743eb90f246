/* model.c - the precis model container (see model.h). */
#include "model.h"

#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

uint32_t prc_model_checksum(const unsigned char *buf, size_t n) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (i >= 32 && i < 36) ? 0 : buf[i];
    h ^= c;
    h *= 0x01000193u;
  }
  return h;
}

static int parse(const unsigned char *buf, size_t n, uint32_t featset, int check_sum,
                 model_view *v, precis_error *err);

/* The section table of an image (format 2): every payload aligned, in
 * order, inside the file, the last one ending it. */
static int parse_inplace(const unsigned char *buf, size_t n, uint32_t ns, model_view *v, precis_error *err) {
  size_t tab = MODEL_HEADER_SIZE;
  if ((n - tab) / 24 < ns) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, tab, "model file corrupt (section table runs past the end)");
    return -1;
  }
  uint64_t end = tab + (uint64_t)ns * 24;
  for (uint32_t i = 0; i < ns; i++) {
    const unsigned char *e = buf + tab + (size_t)i * 24;
    model_section *s = &v->sec[i];
    memcpy(s->tag, e, 4);
    s->tag[4] = 0;
    uint64_t off = pc_rd64(e + 8), len = pc_rd64(e + 16);
    if (pc_rd32(e + 4) != 0 || off % MODEL_INPLACE_ALIGN || off < end || off - end >= MODEL_INPLACE_ALIGN) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, tab + (size_t)i * 24,
                    "model file corrupt (section %s: bad offset %llu)", s->tag, (unsigned long long)off);
      return -1;
    }
    if (off > n || len > n - off) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, tab + (size_t)i * 24,
                    "model file corrupt (section %s runs past the end)", s->tag);
      return -1;
    }
    s->p = buf + off;
    s->off = (size_t)off;
    s->n = (size_t)len;
    end = off + len;
  }
  if (end != n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, (size_t)end, "model file corrupt (trailing bytes)");
    return -1;
  }
  v->nsections = (int)ns;
  return 0;
}

const void *prc_model_table(const model_view *v, const char *tag, size_t elsize, uint64_t count, size_t align,
                            int required, precis_error *err) {
  const model_section *s = prc_model_find(v, tag);
  if (!s) {
    if (required)
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no section %s", tag);
    return NULL;
  }
  if (v->version != MODEL_FORMAT_INPLACE || ((uintptr_t)s->p & (align - 1))) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model corrupt: section %s is not aligned for use in place",
                  tag);
    return NULL;
  }
  if ((elsize && count > (uint64_t)SIZE_MAX / elsize) || (uint64_t)s->n != count * elsize) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off,
                  "model corrupt: section %s has %zu bytes, its header says %llu x %zu", tag, s->n,
                  (unsigned long long)count, elsize);
    return NULL;
  }
  return s->p;
}

int prc_model_image_write(const char *path, uint32_t featset, const model_img_sec *s, int ns, precis_error *err) {
  if (ns < 0 || ns > MODEL_MAX_SECTIONS) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "too many sections");
    return -1;
  }
  const uint64_t A = MODEL_INPLACE_ALIGN;
  uint64_t off = MODEL_HEADER_SIZE + (uint64_t)ns * 24, offs[MODEL_MAX_SECTIONS];
  for (int i = 0; i < ns; i++) {
    off = (off + A - 1) / A * A;
    offs[i] = off;
    off += s[i].n;
  }
  unsigned char *b = calloc(1, (size_t)off);
  if (!b) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  memcpy(b, MODEL_MAGIC, 8);
#define W32(p, x) for (int k_ = 0; k_ < 4; k_++) (p)[k_] = (unsigned char)((uint32_t)(x) >> (8 * k_))
#define W64(p, x) for (int k_ = 0; k_ < 8; k_++) (p)[k_] = (unsigned char)((uint64_t)(x) >> (8 * k_))
  W32(b + 8, MODEL_FORMAT_INPLACE);
  W32(b + 12, featset);
  W32(b + 16, ns);
  W64(b + 24, off);
  for (int i = 0; i < ns; i++) {
    unsigned char *e = b + MODEL_HEADER_SIZE + (size_t)i * 24;
    memcpy(e, s[i].tag, 4);
    W64(e + 8, offs[i]);
    W64(e + 16, s[i].n);
    if (s[i].n) memcpy(b + offs[i], s[i].p, s[i].n);
  }
  uint32_t sum = prc_model_checksum(b, (size_t)off);
  W32(b + 32, sum);
#undef W32
#undef W64
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(b, 1, (size_t)off, f) == (size_t)off;
  if (f && fclose(f) != 0) ok = 0;
  free(b);
  if (!ok) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

int prc_model_parse(const unsigned char *buf, size_t n, uint32_t featset, model_view *v, precis_error *err) {
  return parse(buf, n, featset, 1, v, err);
}

int prc_model_parse_embedded(const unsigned char *buf, size_t n, uint32_t featset, model_view *v,
                             precis_error *err) {
  return parse(buf, n, featset, 0, v, err);
}

static int parse(const unsigned char *buf, size_t n, uint32_t featset, int check_sum,
                 model_view *v, precis_error *err) {
  memset(v, 0, sizeof *v);
  if (!buf || n < 8 || memcmp(buf, MODEL_MAGIC, 8) != 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 0, "not a precis model (bad magic)");
    return -1;
  }
  if (n < MODEL_HEADER_SIZE) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, n, "model file truncated (%zu bytes, header needs %u)", n,
           MODEL_HEADER_SIZE);
    return -1;
  }
  v->version = pc_rd32(buf + 8);
  v->featset = pc_rd32(buf + 12);
  if (v->version != MODEL_FORMAT_VERSION && v->version != MODEL_FORMAT_INPLACE) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 8,
                  "unsupported model format version %u (this build reads versions %u and %u)", (unsigned)v->version,
                  MODEL_FORMAT_VERSION, MODEL_FORMAT_INPLACE);
    return -1;
  }
  uint64_t total = pc_rd64(buf + 24);
  if (total > n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, n, "model file truncated (%zu of %llu bytes)", n, (unsigned long long)total);
    return -1;
  }
  if (total != n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 24, "model file corrupt (%zu bytes, header says %llu)", n,
           (unsigned long long)total);
    return -1;
  }
  uint32_t sum = pc_rd32(buf + 32);
  if (check_sum && prc_model_checksum(buf, n) != sum) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 32, "model file corrupt (checksum mismatch)");
    return -1;
  }
  if (featset && v->featset != featset) {
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12, "model has feature set %u, expected %u (wrong kind of model or built by another version)",
           (unsigned)v->featset, (unsigned)featset);
    return -1;
  }
  uint32_t ns = pc_rd32(buf + 16);
  if (ns > MODEL_MAX_SECTIONS) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 16, "model file corrupt (%u sections)", (unsigned)ns);
    return -1;
  }
  if (v->version == MODEL_FORMAT_INPLACE) return parse_inplace(buf, n, ns, v, err);
  size_t off = MODEL_HEADER_SIZE;
  for (uint32_t i = 0; i < ns; i++) {
    if (n - off < 8) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, off, "model file corrupt (section table runs past the end)");
      return -1;
    }
    model_section *s = &v->sec[i];
    memcpy(s->tag, buf + off, 4);
    s->tag[4] = 0;
    uint32_t len = pc_rd32(buf + off + 4);
    off += 8;
    if (len > n - off) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, off - 8, "model file corrupt (section %s runs past the end)", s->tag);
      return -1;
    }
    s->p = buf + off;
    s->off = off;
    s->n = len;
    off += len;
    off += (4 - (len & 3)) & 3;
    if (off > n) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, off, "model file corrupt (bad padding)");
      return -1;
    }
  }
  if (off != n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, off, "model file corrupt (trailing bytes)");
    return -1;
  }
  v->nsections = (int)ns;
  return 0;
}

const model_section *prc_model_find(const model_view *v, const char *tag) {
  for (int i = 0; i < v->nsections; i++)
    if (memcmp(v->sec[i].tag, tag, 4) == 0) return &v->sec[i];
  return NULL;
}

int prc_model_map_file(const char *path, const unsigned char **buf, size_t *n, precis_error *err) {
  *buf = NULL;
  *n = 0;
  if (!path) return prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "no model path");
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot open model %s: %s", path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot read model %s: not a regular file", path);
    close(fd);
    return -1;
  }
  if (st.st_size == 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, 0, "model file %s is empty (truncated)", path);
    close(fd);
    return -1;
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot map model %s: %s", path, strerror(errno));
    return -1;
  }
  *buf = p;
  *n = (size_t)st.st_size;
  return 0;
}

void prc_model_unmap(const unsigned char *buf, size_t n) {
  if (buf) munmap((void *)buf, n);
}

int prc_model_read_labels(const model_section *s, char **names, int max) {
  if (!s || s->n < 4) return -1;
  uint32_t cnt = pc_rd32(s->p);
  if (cnt > (uint32_t)max) return -1;
  size_t off = 4;
  for (uint32_t i = 0; i < cnt; i++) {
    if (s->n - off < 2) goto bad;
    uint16_t len = pc_rd16(s->p + off);
    off += 2;
    if (s->n - off < len) goto bad;
    names[i] = malloc((size_t)len + 1);
    if (!names[i]) goto bad;
    memcpy(names[i], s->p + off, len);
    names[i][len] = 0;
    off += len;
    continue;
  bad:
    prc_model_free_labels(names, (int)i);
    return -1;
  }
  return (int)cnt;
}

void prc_model_free_labels(char **names, int n) {
  for (int i = 0; i < n; i++) {
    free(names[i]);
    names[i] = NULL;
  }
}

int prc_model_note(const model_section *s, const char *key, char *out, size_t outlen) {
  if (!s || !outlen) return -1;
  size_t kl = strlen(key);
  const char *p = (const char *)s->p, *end = p + s->n;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    if ((size_t)(le - p) > kl + 1 && memcmp(p, key, kl) == 0 && p[kl] == ':') {
      const char *v = p + kl + 1;
      while (v < le && *v == ' ') v++;
      size_t vl = (size_t)(le - v);
      if (vl >= outlen) vl = outlen - 1;
      memcpy(out, v, vl);
      out[vl] = 0;
      return 0;
    }
    p = le + 1;
  }
  return -1;
}

/* ---- lexicon ------------------------------------------------------------------ */

int prc_model_lex_read(const model_section *s, model_lex *lx, precis_error *err) {
  memset(lx, 0, sizeof *lx);
  if (!s || s->n < 4) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s ? s->off : PRECIS_NO_OFFSET, "model corrupt: lexicon section truncated");
    return -1;
  }
  uint32_t n = pc_rd32(s->p);
  if ((uint64_t)n * 12 + 4 != s->n) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model corrupt: lexicon section %s has the wrong size", s->tag);
    return -1;
  }
  uint32_t cap = 16;
  while (cap < n * 2u + 16) cap <<= 1;
  lx->mask = cap - 1;
  lx->n = n;
  lx->e = prc_pc_table_alloc((size_t)cap * sizeof *lx->e);
  if (!lx->e) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  const unsigned char *p = s->p + 4;
  for (uint32_t i = 0; i < n; i++, p += 12) {
    uint64_t k = pc_rd64(p);
    if (!k) k = 1;
    uint32_t j = (uint32_t)k & lx->mask;
    while (lx->e[j].key && lx->e[j].key != k) j = (j + 1) & lx->mask;
    lx->e[j].key = k;
    lx->e[j].val = pc_rd32(p + 8);
  }
  return 0;
}

int prc_model_lex_shrink(model_lex *lx) {
  if (!lx->e) return 0;
  uint32_t used = 0;
  for (uint32_t i = 0; i <= lx->mask; i++) used += lx->e[i].key != 0;
  const uint32_t cap = pc_cap_for(used);
  if (cap >= lx->mask + 1) return 0;
  model_lex_entry *e = prc_pc_table_alloc((size_t)cap * sizeof *e);
  if (!e) return -1;
  for (uint32_t i = 0; i <= lx->mask; i++) {
    if (!lx->e[i].key) continue;
    uint32_t j = (uint32_t)lx->e[i].key & (cap - 1);
    while (e[j].key) j = (j + 1) & (cap - 1);
    e[j] = lx->e[i];
  }
  free(lx->e);
  lx->e = e;
  lx->mask = cap - 1;
  lx->n = used;
  return 0;
}

void prc_model_lex_free(model_lex *lx) {
  free(lx->e);
  memset(lx, 0, sizeof *lx);
}

static char *note_dup(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

int prc_model_read_notes(const model_section *s, char **keys, char **vals, int max, int *n,
                         precis_error *err) {
  *n = 0;
  if (!s) return 0;
  const char *q = (const char *)s->p, *end = q + s->n;
  while (q < end && *n < max) {
    const char *nl = memchr(q, '\n', (size_t)(end - q));
    const char *le = nl ? nl : end;
    const char *colon = memchr(q, ':', (size_t)(le - q));
    if (colon) {
      const char *val = colon + 1;
      while (val < le && *val == ' ') val++;
      keys[*n] = note_dup(q, (size_t)(colon - q));
      vals[*n] = note_dup(val, (size_t)(le - val));
      if (!keys[*n] || !vals[*n]) {
        free(keys[*n]);
        free(vals[*n]);
        prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
        return -1;
      }
      (*n)++;
    }
    q = le + 1;
  }
  return 0;
}

/* ---- what every model kind's loader shares ----------------------------------------------------- */

void *prc_model_load_memory_with(model_load_fn load, const void *buf, size_t n, precis_error *err) {
  prc_error_clear(err);
  if (!buf) {
    prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "no model data");
    return NULL;
  }
  return load(buf, n, 0, err);
}

int prc_model_open(const void *buf, size_t n, int embedded, model_view *v, void **own, int *mapped,
                   precis_error *err) {
  *own = NULL;
  *mapped = 0;
  if ((embedded == MODEL_EMBEDDED ? prc_model_parse_embedded(buf, n, 0, v, err) : prc_model_parse(buf, n, 0, v, err)) < 0)
    return -1;
  if (v->version != MODEL_FORMAT_INPLACE || embedded == MODEL_EMBEDDED) return 0;
  if (embedded == MODEL_FROM_MAP) { /* used where it lies, in the mapping */
    *own = (void *)buf;
    *mapped = 1;
    return 0;
  }
  /* the caller's buffer may go away: a copy, used in place */
  *own = aligned_alloc(4096, (n + 4095) / 4096 * 4096);
  if (!*own) return prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
  memcpy(*own, buf, n);
  prc_model_parse_embedded(*own, n, 0, v, err); /* the same bytes, checked above: cannot fail */
  return 0;
}

void *prc_model_load_file_with(model_load_fn load, const char *path, precis_error *err) {
  prc_error_clear(err);
  const unsigned char *buf;
  size_t n;
  if (prc_model_map_file(path, &buf, &n, err) < 0) return NULL; /* also "no model path" */
  void *m = load(buf, n, 0, err);
  prc_model_unmap(buf, n);
  return m;
}

static atomic_uint builtin_loads;
unsigned prc_model_builtin_loads(void) { return atomic_load(&builtin_loads); }
void prc_model_builtin_count(void) { atomic_fetch_add(&builtin_loads, 1); }

void *prc_model_load_file_adopt(model_load_fn load, int (*adopted)(const void *obj, const void *buf), const char *path,
                                precis_error *err) {
  prc_error_clear(err);
  const unsigned char *buf;
  size_t n;
  if (prc_model_map_file(path, &buf, &n, err) < 0) return NULL; /* also "no model path" */
  void *m = load(buf, n, MODEL_FROM_MAP, err);
  if (!m || !adopted(m, buf)) prc_model_unmap(buf, n);
  return m;
}

void *prc_model_once(model_once *o, model_load_fn load, const unsigned char *data, size_t n, const char *missing,
                     precis_error *err) {
  if (!atomic_load_explicit(&o->final, memory_order_acquire)) {
    pthread_mutex_lock(&o->lock);
    if (!atomic_load_explicit(&o->final, memory_order_relaxed)) {
      if (!n) prc_error_set(&o->err, PRECIS_ERROR_MODEL_MISSING, PRECIS_NO_OFFSET, "%s", missing);
      else {
        prc_model_builtin_count();
        o->obj = load(data, n, MODEL_EMBEDDED, &o->err);
      }
      if (o->obj || o->err.code != PRECIS_ERROR_OUT_OF_MEMORY)
        atomic_store_explicit(&o->final, 1, memory_order_release);
    }
    pthread_mutex_unlock(&o->lock);
  }
  if (!o->obj && err) *err = o->err;
  return o->obj;
}

const char *prc_model_note_value(char *const *keys, char *const *vals, int n, const char *key) {
  if (!key) return "";
  for (int i = 0; i < n; i++)
    if (!strcmp(keys[i], key)) return vals[i];
  return "";
}
