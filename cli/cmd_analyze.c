/* cmd_analyze.c - "precis [options] [FILE...]": the Unix filter.
 *
 * Reads plain text (one article per file, or stdin), HTML, JSONL (one
 * article per line) or WARC crawls (one article per HTML response),
 * analyses each article and writes text, JSON, JSONL, brat or CoNLL-U.  A
 * malformed JSONL line or WARC record gives an error record in its place and
 * the stream goes on.  See docs/cli.md.
 *
 * Every document is a job: the reader (this thread) makes them in input
 * order, -j N worker threads analyse and render them, and a writer thread
 * writes them in input order as soon as each is done, a window of at most
 * 4N in flight.  With -j 1 the job runs here and streams its output
 * (nothing is held whole).  Shared between the reader and the writer: the
 * stop flag and the input byte counts (atomics), the progress line (its
 * mutex); everything else the writer touches is its own while it runs. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* sched_getaffinity: the cores this process may use */
#endif
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "opt.h"
#include "precis.h"
#include "util.h"
#include "util/utf8.h"
#include "warc.h"

typedef enum { IN_AUTO, IN_TEXT, IN_HTML, IN_JSONL, IN_WARC } in_kind;

/* One document to analyse, or an error record (no text), in input order. */
typedef struct job {
  char *text; /* the input (malloc'd), or NULL: nothing to analyse */
  size_t len;
  char *id, *hint; /* malloc'd or NULL */
  int html;
  char *encoding;  /* HTML: the HTTP header's charset, or NULL */
  prc_sbuf pre;    /* output written before the document's (separators, error records) */
  prc_sbuf msg;    /* for stderr */
  prc_sbuf out;    /* the rendered document (threads; brat) */
  int error;       /* some input was bad: exit 1 */
  int fatal;       /* out of memory, no model: stop, exit 2 */
  int done;
} job;

struct run_ctx;
typedef struct pool {
  int n;
  pthread_t *th;
  job **ring;
  size_t wcap, head, tail, next; /* head: next to write; next: next for a worker */
  pthread_t writer;
  pthread_mutex_t mu;
  pthread_cond_t work, done, room;
  int quit;
  struct run_ctx *c;
} pool;

/* The progress line on a terminal (stderr). */
typedef struct progress {
  pthread_mutex_t mu; /* the reader and the writer thread both report */
  int on, shown;
  double start, last;
  uint64_t docs, errors;
  uint64_t bytes_before; /* input bytes of the files already read */
  uint64_t bytes_cur;    /* ... and of the current one so far */
  uint64_t total;        /* all inputs' sizes, 0: unknown */
} progress;

/* The file names written under --out-dir in this run (a hash set), so
 * that two documents never get the same one. */
typedef struct name_set {
  char **slot;
  size_t cap, n;
} name_set;

typedef struct run_ctx {
  precis_options opts;
  precis_format fmt;
  in_kind input;
  const char *out_dir;
  int errors;         /* some input was bad: exit 1 */
  int io_error;       /* a file could not be read or written: exit 2 */
  int stop;           /* give up reading (brat: a second document without --out-dir) */
  FILE *out;
  name_set names;     /* --out-dir */
  unsigned long seq;  /* --out-dir: docNNNNNN names */
  size_t ndocs;       /* -f brat without --out-dir: documents rendered */
  char *pending;      /* ... and the first one's output, written at the end */
  size_t pending_len;
  int quiet;
  pool *pool;         /* -j N > 1 */
  progress prog;
} run_ctx;

enum {
  O_HELP = PRC_OPT_HELP_ID, O_FORMAT, O_INPUT, O_N, O_SUMMARIZER, O_OUT_DIR, O_NO_TAGGER,
  O_POS_MODEL, O_NER_MODEL, O_DEMO, O_DEMO_TEXT, O_VERSION, O_LIST_OPTIONS, O_WITH_TOKENS, O_PARSE_MODEL,
  O_ATTRIB, O_ATTRIB_MODEL, O_WITH_TEXT, O_JOBS, O_QUIET, O_KP_MODEL, O_MAX_WORDS, O_KEYPOINTS
};

static const prc_opt analyze_opts[] = {
    {O_FORMAT, 'f', "format", PRC_OPT_CHOICE, "FMT", "output format", "text|json|jsonl|brat|conllu", 0, 0, 0},
    {O_INPUT, 'i', "input", PRC_OPT_CHOICE, "KIND", "input kind (auto: by file name)", "auto|text|html|jsonl|warc", 0, 0, 0},
    {O_N, 'n', NULL, PRC_OPT_INT, "N", "number of key points (default: 3 to 5, chosen by the text; 2 to 5 with --keypoints learned)", NULL, 1, 100, 0},
    {O_MAX_WORDS, 0, "max-words", PRC_OPT_INT, "N", "at most N words in each key point (default 45)", NULL, 1, 1000, 0},
    {O_KEYPOINTS, 0, "keypoints", PRC_OPT_CHOICE, "SCORER", "how key points are scored (default tuned: hand-tuned weights; learned: models/keypoints.bin)", "tuned|learned", 0, 0, 0},
    {O_SUMMARIZER, 0, "summarizer", PRC_OPT_CHOICE, "S", "sentence selector", "keypoints|lead|textrank", 0, 0, 0},
    {O_OUT_DIR, 0, "out-dir", PRC_OPT_STRING, "DIR", "with -f brat: write one DIR/NAME.ann per document", NULL, 0, 0, 0},
    {O_NO_TAGGER, 0, "no-tagger", PRC_OPT_FLAG, NULL, "rules only (skip the statistical taggers)", NULL, 0, 0, 0},
    {O_POS_MODEL, 0, "pos-model", PRC_OPT_STRING, "PATH", "use this POS model instead of the built-in one", NULL, 0, 0, 0},
    {O_NER_MODEL, 0, "ner-model", PRC_OPT_STRING, "PATH", "use this NER model instead of the built-in one", NULL, 0, 0, 0},
    {O_PARSE_MODEL, 0, "parse-model", PRC_OPT_STRING, "PATH", "use this dependency parser model instead of the built-in one", NULL, 0, 0, 0},
    {O_ATTRIB, 0, "attrib", PRC_OPT_CHOICE, "ENGINE", "how speech cues are found (default learned; strict: learned, fewer false cues)", "learned|rules|strict", 0, 0, 0},
    {O_ATTRIB_MODEL, 0, "attrib-model", PRC_OPT_STRING, "PATH", "use this attribution model instead of the built-in one", NULL, 0, 0, 0},
    {O_KP_MODEL, 0, "keypoint-model", PRC_OPT_STRING, "PATH", "use this key-point model instead of the built-in one", NULL, 0, 0, 0},
    {O_WITH_TOKENS, 0, "with-tokens", PRC_OPT_FLAG, NULL, "JSON: add the tokens (POS tag, dependency head and relation, NER type)", NULL, 0, 0, 0},
    {O_WITH_TEXT, 0, "with-text", PRC_OPT_FLAG, NULL, "JSON: add the analysed text (for HTML: the main text found), which spans index", NULL, 0, 0, 0},
    {O_JOBS, 'j', "jobs", PRC_OPT_INT, "N", "analyse on N threads, output in input order (default: the cores for JSONL/WARC, else 1; 0: the cores)", NULL, 0, 4096, 0},
    {O_QUIET, 'q', "quiet", PRC_OPT_FLAG, NULL, "no progress line on a terminal, no summary of skipped WARC records", NULL, 0, 0, 0},
    {O_DEMO, 0, "demo", PRC_OPT_FLAG, NULL, "analyse the sample article", NULL, 0, 0, 0},
    {O_DEMO_TEXT, 0, "demo-text", PRC_OPT_FLAG, NULL, "print the sample article", NULL, 0, 0, 0},
    PRC_OPT_HELP_ENTRY,
    {O_VERSION, 0, "version", PRC_OPT_FLAG, NULL, "print the version and exit", NULL, 0, 0, 0},
    {O_LIST_OPTIONS, 0, "list-options", PRC_OPT_FLAG, NULL, "print every command's options, one a line", NULL, 0, 0,
     PRC_OPT_HIDDEN},
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const analyze_usage[] = {
    "precis [options] [FILE...]",
    "precis eval {rouge|oracle|attrib|pos|ner} [options] ...",
    "precis train {pos|ner} [options] ...",
    NULL};

const prc_cmd prc_cmd_analyze_spec = {
    "precis",
    "analyse articles",
    analyze_usage,
    "Reads news articles (files, or standard input: no FILE or -) and writes their key\n"
    "points, quotations with resolved speakers, entities and figures.  With no input on\n"
    "a terminal it analyses a sample article.  \"--\" ends the options.\n",
    analyze_opts,
    "JSONL input: one object a line with \"text\" or \"article\" and an optional \"id\".\n"
    "WARC input (.warc, .warc.gz): every HTML response record, its id the target URI.\n"
    "-f brat writes one document to standard output; give --out-dir for several.\n"
    "-f conllu writes every sentence parsed, one CoNLL-U block each (--with-tokens implied).\n"
    "Exit status: 0 all documents analysed; 1 some input was bad (error records\n"
    "were written in its place); 2 usage error, or a file could not be read or written.\n"
    "See also: precis eval --help, precis train --help.\n"};

/* ---- --out-dir names ------------------------------------------------- */

static size_t name_hash(const char *s) {
  size_t h = 1469598103934665603u; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static int names_has(const name_set *ns, const char *s) {
  if (!ns->cap) return 0;
  for (size_t i = name_hash(s) & (ns->cap - 1); ns->slot[i]; i = (i + 1) & (ns->cap - 1))
    if (!strcmp(ns->slot[i], s)) return 1;
  return 0;
}

/* Takes s (malloc'd).  -1 when out of memory (s freed). */
static int names_add(name_set *ns, char *s) {
  if (2 * (ns->n + 1) > ns->cap) {
    size_t nc = ns->cap ? 2 * ns->cap : 64;
    char **slot = calloc(nc, sizeof *slot);
    if (!slot) { free(s); return -1; }
    for (size_t k = 0; k < ns->cap; k++) {
      if (!ns->slot[k]) continue;
      size_t i = name_hash(ns->slot[k]) & (nc - 1);
      while (slot[i]) i = (i + 1) & (nc - 1);
      slot[i] = ns->slot[k];
    }
    free(ns->slot);
    ns->slot = slot;
    ns->cap = nc;
  }
  size_t i = name_hash(s) & (ns->cap - 1);
  while (ns->slot[i]) i = (i + 1) & (ns->cap - 1);
  ns->slot[i] = s;
  ns->n++;
  return 0;
}

static void names_free(name_set *ns) {
  for (size_t k = 0; k < ns->cap; k++) free(ns->slot[k]);
  free(ns->slot);
  memset(ns, 0, sizeof *ns);
}

/* name without directory and extension, for brat files */
static char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  s = s ? s + 1 : path;
  const char *dot = strrchr(s, '.');
  size_t n = dot && dot != s ? (size_t)(dot - s) : strlen(s);
  char *r = malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, s, n);
  r[n] = 0;
  return r;
}

static int safe_name(const char *s) {
  if (!*s || !strcmp(s, ".") || !strcmp(s, "..")) return 0;
  for (; *s; s++)
    if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20) return 0;
  return 1;
}

/* The file name (without ".ann") of the next document: the hint, or the
 * id, or docNNNNNN when neither makes a file name; "-2", "-3", ... added
 * to a name already written in this run.  malloc'd, owned by c->names. */
static const char *unique_name(run_ctx *c, const char *id, const char *name_hint) {
  const char *nm = name_hint ? name_hint : id;
  char fallback[32];
  if (!nm || !safe_name(nm)) {
    snprintf(fallback, sizeof fallback, "doc%06lu", ++c->seq);
    nm = fallback;
  }
  size_t len = strlen(nm) + 24;
  char *r = malloc(len);
  if (!r) return NULL;
  snprintf(r, len, "%s", nm);
  for (unsigned long k = 2; names_has(&c->names, r); k++) snprintf(r, len, "%s-%lu", nm, k);
  if (names_add(&c->names, r)) return NULL;
  return r;
}

/* ---- output ---------------------------------------------------------- */

static void write_ann(run_ctx *c, const char *out, size_t len, const char *id, const char *name_hint) {
  const char *nm = unique_name(c, id, name_hint);
  if (!nm) {
    fprintf(stderr, "precis: out of memory\n");
    exit(2);
  }
  size_t pl = strlen(c->out_dir) + strlen(nm) + 6;
  char *path = malloc(pl);
  if (!path) {
    fprintf(stderr, "precis: out of memory\n");
    exit(2);
  }
  snprintf(path, pl, "%s/%s.ann", c->out_dir, nm);
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(out ? out : "", 1, len, f) == len;
  int e = errno;
  if (f && fclose(f) != 0 && ok) { ok = 0; e = errno; }
  if (!ok) {
    fprintf(stderr, "precis: cannot write %s: %s\n", path, strerror(e));
    c->io_error = 1;
  }
  free(path);
}

static int write_out(void *ctx, const char *data, size_t len) {
  return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

static int write_sbuf(void *ctx, const char *data, size_t len) {
  return prc_sbuf_add((prc_sbuf *)ctx, data, len);
}

static void oom_exit(void) {
  fprintf(stderr, "precis: out of memory\n");
  exit(2);
}

/* -f brat: one document's annotations, in input order. */
static void emit_brat(run_ctx *c, const char *out, size_t len, const char *id, const char *name_hint) {
  if (c->out_dir) {
    write_ann(c, out, len, id, name_hint);
    return;
  }
  /* One document's annotations on standard output: T and E numbers of a
   * second document would clash with the first one's. */
  if (++c->ndocs > 1) {
    fprintf(stderr, "precis: -f brat writes one document to standard output, and the input "
                    "holds more; give --out-dir DIR for one .ann file per document\n");
    __atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
    c->io_error = 1;
  } else {
    c->pending = malloc(len + 1);
    if (!c->pending) oom_exit();
    if (len) memcpy(c->pending, out, len);
    c->pending_len = len;
  }
}

static void sbuf_printf(prc_sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void sbuf_printf(prc_sbuf *b, const char *fmt, ...) {
  char tmp[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  prc_sbuf_puts(b, tmp);
}

static job *job_new(void) {
  job *j = calloc(1, sizeof *j);
  if (!j) oom_exit();
  return j;
}

static char *xstrdup(const char *s) {
  if (!s) return NULL;
  char *r = strdup(s);
  if (!r) oom_exit();
  return r;
}

static void job_free(job *j) {
  free(j->text);
  free(j->id);
  free(j->hint);
  free(j->encoding);
  prc_sbuf_free(&j->pre);
  prc_sbuf_free(&j->msg);
  prc_sbuf_free(&j->out);
  free(j);
}

/* Analyse and render j (any thread: c is only read).  The output streams
 * to `stream` when given (-j 1), else it goes to j->out; brat always goes
 * to j->out, for emit_brat. */
static void run_job(const run_ctx *c, job *j, FILE *stream) {
  if (!j->text) return;
  const char *text = j->text, *who = j->id ? j->id : j->hint ? j->hint : "-";
  size_t len = j->len;
  precis_page *pg = NULL;
  if (j->html) {
    precis_extract_options xo;
    precis_extract_options_init(&xo);
    xo.encoding = j->encoding; /* NULL: found in the page, as for a file */
    precis_error xerr;
    pg = precis_extract(text, len, &xo, &xerr);
    if (!pg) {
      sbuf_printf(&j->msg, "precis: %s: %s\n", who, xerr.message);
      j->fatal = 1;
      return;
    }
    text = pg->text;
    len = pg->text_len;
  }
  precis_error err;
  precis_doc *d = precis_analyze_ex(text, len, &c->opts, &err);
  if (!d && err.code == PRECIS_ERROR_INPUT_TOO_LARGE) { /* this document only: go on */
    sbuf_printf(&j->msg, "precis: %s: %s\n", who, err.message);
    j->error = 1;
    precis_page_free(pg);
    return;
  }
  if (!d) { /* out of memory, or no usable model: nothing else can be analysed */
    sbuf_printf(&j->msg, "precis: %s\n", err.message);
    j->fatal = 1;
    precis_page_free(pg);
    return;
  }
  int oom = pg && precis_doc_set_page(d, pg) != 0;
  if (oom) {
  } else if (c->fmt == PRECIS_FORMAT_BRAT) {
    size_t n = 0;
    char *o = precis_render(d, c->fmt, j->id, &n);
    oom = prc_sbuf_add(&j->out, o ? o : "", o ? n : 0) != 0;
    precis_free(c->opts.allocator, o);
  } else if (stream) {
    /* Streamed: the output of a large document is never held whole.  A
     * write error leaves the stream's error flag set: exit 2 at the end. */
    oom = precis_render_to(d, c->fmt, j->id, write_out, stream) != 0 && !ferror(stream);
  } else {
    oom = precis_render_to(d, c->fmt, j->id, write_sbuf, &j->out) != 0;
  }
  if (oom) {
    sbuf_printf(&j->msg, "precis: out of memory\n");
    j->fatal = 1;
  }
  precis_doc_free(d);
  precis_page_free(pg);
}

/* ---- progress -------------------------------------------------------- */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress_clear(run_ctx *c) {
  if (!c->prog.on) return;
  pthread_mutex_lock(&c->prog.mu);
  if (c->prog.shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    c->prog.shown = 0;
  }
  pthread_mutex_unlock(&c->prog.mu);
}

/* A message on stderr, the progress line out of its way. */
static void say(run_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void say(run_ctx *c, const char *fmt, ...) {
  if (c->prog.on) pthread_mutex_lock(&c->prog.mu);
  if (c->prog.shown) {
    fputs("\r\033[K", stderr);
    c->prog.shown = 0;
  }
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  if (c->prog.on) pthread_mutex_unlock(&c->prog.mu);
}

static void add_bytes(run_ctx *c, uint64_t *counter, uint64_t v, int set) {
  if (set) __atomic_store_n(counter, v, __ATOMIC_RELAXED);
  else __atomic_add_fetch(counter, v, __ATOMIC_RELAXED);
}

static int stopped(const run_ctx *c) { return __atomic_load_n(&c->stop, __ATOMIC_RELAXED); }

/* Redraws the line at most 4 times a second, from 1 s into the run on. */
static void progress_tick(run_ctx *c) {
  progress *g = &c->prog;
  if (!g->on) return;
  double t = now_s();
  pthread_mutex_lock(&g->mu);
  if (t - g->start < 1.0 || t - g->last < 0.25) {
    pthread_mutex_unlock(&g->mu);
    return;
  }
  g->last = t;
  double el = t - g->start;
  uint64_t bytes = __atomic_load_n(&g->bytes_before, __ATOMIC_RELAXED) + __atomic_load_n(&g->bytes_cur, __ATOMIC_RELAXED);
  char line[256];
  int n = snprintf(line, sizeof line, "precis: %llu docs, %.1f MB, %.1f docs/s", (unsigned long long)g->docs,
                   bytes / 1e6, g->docs / el);
  if (g->errors && n > 0 && (size_t)n < sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, ", %llu error%s", (unsigned long long)g->errors,
                  g->errors == 1 ? "" : "s");
  if (g->total && bytes && bytes <= g->total && n > 0 && (size_t)n < sizeof line) {
    unsigned long s = (unsigned long)((double)(g->total - bytes) * el / (double)bytes + 0.5);
    if (s >= 3600)
      snprintf(line + n, sizeof line - (size_t)n, ", ETA %lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
      snprintf(line + n, sizeof line - (size_t)n, ", ETA %lu:%02lu", s / 60, s % 60);
  }
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
  g->shown = 1;
  pthread_mutex_unlock(&g->mu);
}

/* The reader's report: with a writer thread, the writer draws. */
static void reader_tick(run_ctx *c) {
  if (!c->pool) progress_tick(c);
}

/* ---- jobs in order --------------------------------------------------- */

/* A finished job, written in input order (this thread only). */
static void finish_job(run_ctx *c, job *j) {
  if (!c->stop && j->pre.n) fwrite(j->pre.s, 1, j->pre.n, c->out);
  if (j->msg.n) say(c, "%s", j->msg.s);
  if (j->error) {
    c->errors = 1;
    c->prog.errors++;
  }
  if (j->fatal) exit(2); /* stdout is flushed by exit */
  if (j->text && !j->error) {
    if (c->fmt == PRECIS_FORMAT_BRAT) {
      if (!c->stop) emit_brat(c, j->out.s ? j->out.s : "", j->out.n, j->id, j->hint);
    } else if (!c->stop && j->out.n) {
      fwrite(j->out.s, 1, j->out.n, c->out);
    }
  }
  if (j->text) c->prog.docs++;
  progress_tick(c);
}

static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    /* error records are done when queued, and may be written and freed
     * before any worker looks at them: only [head, tail) is valid */
    if (p->next < p->head) p->next = p->head;
    while (p->next < p->tail && p->ring[p->next % p->wcap]->done) p->next++;
    if (p->next == p->tail) {
      if (p->quit) break;
      pthread_cond_wait(&p->work, &p->mu);
      continue;
    }
    job *j = p->ring[p->next % p->wcap];
    p->next++;
    pthread_mutex_unlock(&p->mu);
    run_job(p->c, j, NULL);
    pthread_mutex_lock(&p->mu);
    j->done = 1;
    pthread_cond_signal(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* Writes each job as soon as it and those before it are done; flushes the
 * output whenever it has to wait (so that a reader of a pipe gets every
 * finished document), and draws the progress line while it waits. */
static void *writer(void *arg) {
  pool *p = arg;
  run_ctx *c = p->c;
  int dirty = 0;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    if (p->head < p->tail && p->ring[p->head % p->wcap]->done) {
      job *h = p->ring[p->head % p->wcap];
      pthread_mutex_unlock(&p->mu);
      finish_job(c, h);
      job_free(h);
      dirty = 1;
      pthread_mutex_lock(&p->mu);
      p->head++;
      pthread_cond_broadcast(&p->room);
      continue;
    }
    if (p->quit && p->head == p->tail) break;
    if (dirty) {
      pthread_mutex_unlock(&p->mu);
      fflush(c->out);
      dirty = 0;
      pthread_mutex_lock(&p->mu);
      continue;
    }
    if (c->prog.on) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_nsec += 250000000L;
      if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
      }
      if (pthread_cond_timedwait(&p->done, &p->mu, &ts) != 0) {
        pthread_mutex_unlock(&p->mu);
        progress_tick(c);
        pthread_mutex_lock(&p->mu);
      }
    } else {
      pthread_cond_wait(&p->done, &p->mu);
    }
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* Waits until every job queued is written (all), or until there is room
 * for one more in the window. */
static void pool_flush(run_ctx *c, int all) {
  pool *p = c->pool;
  pthread_mutex_lock(&p->mu);
  while (all ? p->head != p->tail : p->tail - p->head >= p->wcap) pthread_cond_wait(&p->room, &p->mu);
  pthread_mutex_unlock(&p->mu);
}

/* n worker threads; 0, or -1 when none could be started (then -j 1). */
static int pool_start(run_ctx *c, int n) {
  pool *p = calloc(1, sizeof *p);
  if (!p) return -1;
  p->c = c;
  p->wcap = (size_t)n * 4;
  p->ring = calloc(p->wcap, sizeof *p->ring);
  p->th = calloc((size_t)n, sizeof *p->th);
  if (!p->ring || !p->th) {
    free(p->ring);
    free(p->th);
    free(p);
    return -1;
  }
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work, NULL);
  pthread_cond_init(&p->done, NULL);
  pthread_cond_init(&p->room, NULL);
  if (pthread_create(&p->writer, NULL, writer, p) != 0) {
    free(p->ring);
    free(p->th);
    free(p);
    return -1;
  }
  for (; p->n < n; p->n++)
    if (pthread_create(&p->th[p->n], NULL, worker, p) != 0) break;
  if (!p->n) { /* the writer alone: stop it */
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->writer, NULL);
    free(p->ring);
    free(p->th);
    free(p);
    return -1;
  }
  c->pool = p;
  return 0;
}

static void pool_stop(run_ctx *c) {
  pool *p = c->pool;
  if (!p) return;
  pool_flush(c, 1);
  pthread_mutex_lock(&p->mu);
  p->quit = 1;
  pthread_cond_broadcast(&p->work);
  pthread_cond_broadcast(&p->done);
  pthread_mutex_unlock(&p->mu);
  for (int k = 0; k < p->n; k++) pthread_join(p->th[k], NULL);
  pthread_join(p->writer, NULL);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->work);
  pthread_cond_destroy(&p->done);
  pthread_cond_destroy(&p->room);
  free(p->ring);
  free(p->th);
  free(p);
  c->pool = NULL;
}

/* Hands j over: analysed here at once (-j 1), or queued for a worker. */
static void submit(run_ctx *c, job *j) {
  pool *p = c->pool;
  if (!p) {
    if (!c->stop && j->pre.n) fwrite(j->pre.s, 1, j->pre.n, c->out);
    j->pre.n = 0;
    if (!c->stop) run_job(c, j, c->fmt == PRECIS_FORMAT_BRAT ? NULL : c->out);
    finish_job(c, j);
    job_free(j);
    fflush(c->out); /* a reader on a pipe gets each document as it is done */
    return;
  }
  pthread_mutex_lock(&p->mu);
  while (p->tail - p->head >= p->wcap) pthread_cond_wait(&p->room, &p->mu);
  if (!j->text) j->done = 1; /* an error record: nothing to analyse */
  p->ring[p->tail % p->wcap] = j;
  p->tail++;
  pthread_cond_signal(&p->work);
  if (j->done) pthread_cond_signal(&p->done);
  pthread_mutex_unlock(&p->mu);
}

/* A document: text (malloc'd) is taken over; id, hint and pre are copied. */
static void submit_doc(run_ctx *c, char *text, size_t len, const char *id, const char *name_hint, int html,
                       const char *encoding, const char *pre) {
  job *j = job_new();
  j->text = text;
  j->len = len;
  j->id = xstrdup(id);
  j->hint = xstrdup(name_hint);
  j->html = html;
  j->encoding = encoding && *encoding ? xstrdup(encoding) : NULL;
  if (pre) prc_sbuf_puts(&j->pre, pre);
  if (j->pre.oom) oom_exit();
  submit(c, j);
}

static void analyze_buffer(run_ctx *c, const char *text, size_t len, const char *id, const char *name_hint,
                           int html, const char *pre) {
  char *copy = malloc(len + 1);
  if (!copy) oom_exit();
  memcpy(copy, text, len);
  copy[len] = 0;
  submit_doc(c, copy, len, id, name_hint, html, NULL, pre);
}

/* An error record in place of a document: JSON/JSONL {"id", "line" or
 * "record" and "offset", "error"}, a comment in text. */
static void error_job(run_ctx *c, const char *id, const char *where_key, long long where, long long offset,
                      const char *stderr_prefix, const char *msg) {
  job *j = job_new();
  j->error = 1;
  if (offset >= 0)
    sbuf_printf(&j->msg, "precis: %s%s %lld (offset %lld): %s\n", stderr_prefix ? stderr_prefix : "", where_key,
                where, offset, msg);
  else
    sbuf_printf(&j->msg, "precis: %s%s %lld: %s\n", stderr_prefix ? stderr_prefix : "", where_key, where, msg);
  if (c->fmt == PRECIS_FORMAT_JSON || c->fmt == PRECIS_FORMAT_JSONL) {
    prc_sbuf *b = &j->pre;
    prc_sbuf_puts(b, "{\"id\":");
    prc_sbuf_json_str(b, id, id ? strlen(id) : 0);
    char num[96];
    if (offset >= 0)
      snprintf(num, sizeof num, ",\"%s\":%lld,\"offset\":%lld,\"error\":", where_key, where, offset);
    else
      snprintf(num, sizeof num, ",\"%s\":%lld,\"error\":", where_key, where);
    prc_sbuf_puts(b, num);
    prc_sbuf_json_str(b, msg, strlen(msg));
    prc_sbuf_puts(b, "}\n");
  } else if (c->fmt == PRECIS_FORMAT_TEXT) {
    sbuf_printf(&j->pre, "# %s %lld: error: %s\n\n", where_key, where, msg);
  }
  if (j->pre.oom || j->msg.oom) oom_exit();
  submit(c, j);
}

static void error_record(run_ctx *c, const char *id, long line, const char *msg) {
  error_job(c, id, "line", line, -1, NULL, msg);
}

/* ---- JSONL ----------------------------------------------------------- */

/* Pull an "id" out of a line that did not parse, if it is plainly there:
 * a string without escapes that is valid UTF-8, or an integer. */
static char *salvage_id(const char *line, size_t n) {
  const char *p = line, *end = line + n;
  const char key[] = "\"id\"";
  while (p + 4 <= end) {
    const char *q = memchr(p, '"', (size_t)(end - p));
    if (!q || q + 4 > end) return NULL;
    if (!memcmp(q, key, 4)) {
      q += 4;
      while (q < end && (*q == ' ' || *q == '\t')) q++;
      if (q >= end || *q != ':') return NULL;
      q++;
      while (q < end && (*q == ' ' || *q == '\t')) q++;
      const char *e;
      if (q < end && (*q == '-' || (*q >= '0' && *q <= '9'))) {
        e = q + 1;
        while (e < end && *e >= '0' && *e <= '9') e++;
        if (e - q > 20 || (e - q == 1 && *q == '-') || (e < end && strchr(".eE", *e))) return NULL;
      } else {
        if (q >= end || *q != '"') return NULL;
        q++;
        e = q;
        while (e < end && *e != '"' && *e != '\\') e++;
        if (e >= end || *e != '"') return NULL;
        for (const char *u = q; u < e;) { /* it goes into the output as it is */
          size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)u, (size_t)(e - u), &bad);
          if (!ok || (unsigned char)*u < 0x20) return NULL;
          u += ok;
        }
      }
      char *r = malloc((size_t)(e - q) + 1);
      if (!r) return NULL;
      memcpy(r, q, (size_t)(e - q));
      r[e - q] = 0;
      return r;
    }
    p = q + 1;
  }
  return NULL;
}

/* Numbers in a JSONL line are read as written: the line is copied with
 * every number put in quotes (except the values of a top-level "text" or
 * "article", which must be strings anyway), so that an id like
 * 12345678901234567890 or 1e400, beyond jansson's integer and double, is
 * accepted and kept as it is written.  A small scanner of the JSON syntax
 * finds the numbers; when it finds the line is not plain JSON it gives up
 * (returns NULL) and the line is parsed as it is (jansson then describes
 * the error).  NULL also when there is no number to quote. */
typedef struct jscan {
  const char *s, *end;
  prc_sbuf out;
  const char *copied; /* s[..copied) is in out */
  int changed;
} jscan;

static void js_ws(jscan *j) {
  while (j->s < j->end && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r')) j->s++;
}

/* A string; *escaped tells whether it has a backslash. */
static int js_string(jscan *j, int *escaped) {
  if (j->s >= j->end || *j->s != '"') return -1;
  *escaped = 0;
  for (j->s++; j->s < j->end; j->s++) {
    if (*j->s == '\\') {
      *escaped = 1;
      j->s++;
    } else if (*j->s == '"') {
      j->s++;
      return 0;
    }
  }
  return -1;
}

/* A number (JSON grammar), copied in quotes when quote is set. */
static int js_number(jscan *j, int quote) {
  const char *a = j->s, *p = j->s, *e = j->end;
  if (p < e && *p == '-') p++;
  if (p < e && *p == '0') p++;
  else if (p < e && *p >= '1' && *p <= '9') while (p < e && *p >= '0' && *p <= '9') p++;
  else return -1;
  if (p < e && *p == '.') {
    p++;
    if (!(p < e && *p >= '0' && *p <= '9')) return -1;
    while (p < e && *p >= '0' && *p <= '9') p++;
  }
  if (p < e && (*p == 'e' || *p == 'E')) {
    p++;
    if (p < e && (*p == '+' || *p == '-')) p++;
    if (!(p < e && *p >= '0' && *p <= '9')) return -1;
    while (p < e && *p >= '0' && *p <= '9') p++;
  }
  j->s = p;
  if (quote) {
    prc_sbuf_add(&j->out, j->copied, (size_t)(a - j->copied));
    prc_sbuf_add(&j->out, "\"", 1);
    prc_sbuf_add(&j->out, a, (size_t)(p - a));
    prc_sbuf_add(&j->out, "\"", 1);
    j->copied = p;
    j->changed = 1;
  }
  return 0;
}

static int js_literal(jscan *j) {
  static const char *lits[] = {"true", "false", "null"};
  for (int k = 0; k < 3; k++) {
    size_t n = strlen(lits[k]);
    if ((size_t)(j->end - j->s) >= n && !memcmp(j->s, lits[k], n)) {
      j->s += n;
      return 0;
    }
  }
  return -1;
}

/* Any value, every number in it quoted unless keep_numbers. */
static int js_value(jscan *j, int depth, int keep_numbers) {
  int esc;
  if (depth > 64) return -1; /* jansson's own limit is higher: leave deep lines to it */
  js_ws(j);
  if (j->s >= j->end) return -1;
  char c = *j->s;
  if (c == '"') return js_string(j, &esc);
  if (c == '-' || (c >= '0' && c <= '9')) return js_number(j, !keep_numbers);
  if (c == '[' || c == '{') {
    char close = c == '[' ? ']' : '}';
    j->s++;
    js_ws(j);
    if (j->s < j->end && *j->s == close) { j->s++; return 0; }
    for (;;) {
      int keep = 0;
      if (c == '{') {
        js_ws(j);
        const char *k = j->s;
        if (js_string(j, &esc)) return -1;
        if (esc && depth == 0) return -1; /* "\u0074ext": leave it to jansson */
        size_t kl = (size_t)(j->s - k);
        keep = depth == 0 && ((kl == 6 && !memcmp(k, "\"text\"", 6)) || (kl == 9 && !memcmp(k, "\"article\"", 9)));
        js_ws(j);
        if (j->s >= j->end || *j->s != ':') return -1;
        j->s++;
      }
      if (js_value(j, depth + 1, keep)) return -1;
      js_ws(j);
      if (j->s >= j->end) return -1;
      if (*j->s == close) { j->s++; return 0; }
      if (*j->s != ',') return -1;
      j->s++;
    }
  }
  return js_literal(j);
}

static char *quote_numbers(const char *line, size_t n, size_t *out_len) {
  jscan j;
  memset(&j, 0, sizeof j);
  j.s = j.copied = line;
  j.end = line + n;
  js_ws(&j);
  if (j.s >= j.end || *j.s != '{' || js_value(&j, 0, 0)) { prc_sbuf_free(&j.out); return NULL; }
  if (!j.changed || prc_sbuf_add(&j.out, j.copied, (size_t)(j.end - j.copied))) {
    prc_sbuf_free(&j.out);
    return NULL;
  }
  *out_len = j.out.n;
  return j.out.s;
}

/* The id of a JSONL object as a C string (malloc'd), or NULL: a string id
 * as it is, with each NUL (\u0000) replaced by U+FFFD since ids are C
 * strings; a number as written (quote_numbers made it a string). */
static char *object_id(json_t *jid) {
  char tmp[64];
  const char *s;
  size_t n;
  if (json_is_string(jid)) {
    s = json_string_value(jid);
    n = json_string_length(jid);
  } else if (json_is_integer(jid)) { /* a key jansson unescaped: "\u0069d" */
    snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
    s = tmp;
    n = strlen(tmp);
  } else if (json_is_real(jid)) {
    snprintf(tmp, sizeof tmp, "%.17g", json_real_value(jid));
    s = tmp;
    n = strlen(tmp);
  } else {
    return NULL;
  }
  prc_sbuf b = {0};
  for (size_t i = 0; i < n; i++) {
    if (s[i]) prc_sbuf_add(&b, s + i, 1);
    else prc_sbuf_puts(&b, "\xEF\xBF\xBD");
  }
  if (prc_sbuf_add(&b, "", 0)) {
    fprintf(stderr, "precis: out of memory\n");
    exit(2);
  }
  return b.s;
}

/* One JSONL stream.  0, or -1 on a read error (errno set). */
static int analyze_jsonl(run_ctx *c, FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  long lineno = 0;
  errno = 0;
  while (!stopped(c) && (n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    add_bytes(c, &c->prog.bytes_cur, (uint64_t)n, 0);
    reader_tick(c);
    char *l = line;
    size_t len = (size_t)n;
    if (lineno == 1 && len >= 3 && !memcmp(l, "\xEF\xBB\xBF", 3)) { /* a byte order mark */
      l += 3;
      len -= 3;
    }
    while (len && (l[len - 1] == '\n' || l[len - 1] == '\r')) len--;
    size_t k = 0;
    while (k < len && (l[k] == ' ' || l[k] == '\t')) k++;
    if (k == len) continue; /* blank line: nothing to analyse, nothing lost */
    json_error_t err;
    /* no JSON_DISABLE_EOF_CHECK: text after the object ("{...}{...}") is an
     * error, not silently dropped */
    json_t *obj = json_loadb(l, len, JSON_ALLOW_NUL, &err);
    if (!obj || json_is_number(json_object_get(obj, "id"))) {
      /* a number jansson cannot hold (12345678901234567890, 1e400) or an id
       * that is a number: read the line again with its numbers as written
       * (the common line, with a string id, is parsed once) */
      size_t qlen = 0;
      json_error_t qerr;
      char *quoted = quote_numbers(l, len, &qlen);
      json_t *q = quoted ? json_loadb(quoted, qlen, JSON_ALLOW_NUL, &qerr) : NULL;
      free(quoted);
      if (q) {
        json_decref(obj);
        obj = q;
      }
    }
    char msg[300];
    if (!obj) {
      char *id = salvage_id(l, len);
      if (json_error_code(&err) == json_error_end_of_input_expected)
        snprintf(msg, sizeof msg, "text after the JSON object at column %d (one object a line)", err.column);
      else
        snprintf(msg, sizeof msg, "invalid JSON at column %d: %s", err.column, err.text);
      error_record(c, id, lineno, msg);
      free(id);
      errno = 0;
      continue;
    }
    if (!json_is_object(obj)) {
      error_record(c, NULL, lineno, "a JSONL line must be an object");
      json_decref(obj);
      errno = 0;
      continue;
    }
    char *id = object_id(json_object_get(obj, "id"));
    json_t *jt = json_object_get(obj, "text");
    if (!jt) jt = json_object_get(obj, "article");
    if (!json_is_string(jt)) {
      error_record(c, id, lineno, jt ? "\"text\" must be a string" : "no \"text\" or \"article\" field");
      json_decref(obj);
      free(id);
      errno = 0;
      continue;
    }
    char namebuf[32];
    const char *hint = id;
    if (!hint) { snprintf(namebuf, sizeof namebuf, "line%06ld", lineno); hint = namebuf; }
    /* text and CoNLL-U name each document; the line number when it has no id */
    analyze_buffer(c, json_string_value(jt), json_string_length(jt),
                   id ? id : (c->fmt == PRECIS_FORMAT_TEXT || c->fmt == PRECIS_FORMAT_CONLLU ? hint : NULL), hint, 0,
                   c->fmt == PRECIS_FORMAT_TEXT && lineno > 1 ? "\n" : NULL);
    json_decref(obj);
    free(id);
    errno = 0;
  }
  int e = errno;
  free(line);
  if (ferror(f)) {
    errno = e ? e : EIO;
    return -1;
  }
  return 0;
}

/* ---- WARC ------------------------------------------------------------ */

static long warc_read_file(void *ctx, void *buf, size_t cap) {
  FILE *f = ctx;
  size_t r = fread(buf, 1, cap, f);
  if (r == 0 && ferror(f)) return -1;
  return (long)r;
}

/* The largest HTTP body taken (after decompression): as a WARC record. */
#define WARC_MAX_BODY PRC_WARC_DEFAULT_MAX_RECORD

/* One WARC stream: every HTML response (2xx) is a document, its id the
 * target URI; other records are skipped and counted; a bad record is an
 * error record.  0, or -1 on a read error (errno set). */
static int analyze_warc(run_ctx *c, FILE *f, const char *shown) {
  prc_warc *w = prc_warc_new(warc_read_file, f, 0);
  if (!w) oom_exit();
  unsigned long long skipped = 0, docs = 0, nerr = 0;
  char prefix[512];
  snprintf(prefix, sizeof prefix, "%s: ", shown);
  prc_warc_record rec;
  int r = 0;
  while (!stopped(c) && (r = prc_warc_next(w, &rec)) > 0) {
    add_bytes(c, &c->prog.bytes_cur, prc_warc_bytes_read(w), 1);
    reader_tick(c);
    if (rec.error) {
      error_job(c, rec.target_uri, "record", (long long)rec.number, (long long)rec.offset, prefix, rec.error);
      nerr++;
      continue;
    }
    if (strcmp(rec.type, "response") || !rec.content_type ||
        strncasecmp(rec.content_type, "application/http", 16)) {
      skipped++;
      continue;
    }
    prc_http_response h;
    if (prc_http_parse(rec.block, rec.block_len, WARC_MAX_BODY, &h) != 0) {
      if (*h.mime && !prc_http_is_html(&h)) skipped++; /* not HTML anyway */
      else {
        error_job(c, rec.target_uri, "record", (long long)rec.number, (long long)rec.offset, prefix, h.error);
        nerr++;
      }
      continue;
    }
    if (!prc_http_is_html(&h) || h.status < 200 || h.status > 299) {
      free(h.body);
      skipped++;
      continue;
    }
    submit_doc(c, h.body, h.body_len, rec.target_uri, NULL, 1, h.charset,
               c->fmt == PRECIS_FORMAT_TEXT && (docs || nerr) ? "\n" : NULL);
    docs++;
  }
  int e = errno;
  add_bytes(c, &c->prog.bytes_cur, prc_warc_bytes_read(w), 1);
  prc_warc_free(w);
  if (!stopped(c) && r < 0) {
    errno = e;
    return -1;
  }
  if (skipped && !c->quiet) {
    if (c->pool) pool_flush(c, 1); /* after the documents' messages */
    say(c, "precis: %s: %llu document%s; %llu record%s skipped (not an HTML response with status 2xx)\n",
        shown, docs, docs == 1 ? "" : "s", skipped, skipped == 1 ? "" : "s");
  }
  return 0;
}

/* ---- files ----------------------------------------------------------- */

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static in_kind kind_of(const run_ctx *c, const char *path) {
  if (c->input != IN_AUTO) return c->input;
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return IN_JSONL;
  if (ends_with(path, ".html") || ends_with(path, ".htm")) return IN_HTML;
  if (ends_with(path, ".warc") || ends_with(path, ".warc.gz")) return IN_WARC;
  return IN_TEXT;
}

/* One input file ("-": stdin).  0, or 2 when it cannot be read. */
static int run_file(run_ctx *c, const char *path, int first) {
  const char *shown = strcmp(path, "-") ? path : "standard input";
  FILE *f = prc_cli_open_input(path);
  if (!f) {
    fprintf(stderr, "precis: cannot %s %s: %s\n", errno == EISDIR ? "read" : "open", shown, strerror(errno));
    return 2;
  }
  in_kind k = kind_of(c, path);
  int rc = 0;
  add_bytes(c, &c->prog.bytes_cur, 0, 1);
  if (k == IN_JSONL || k == IN_WARC) {
    if ((k == IN_JSONL ? analyze_jsonl(c, f) : analyze_warc(c, f, shown)) < 0) {
      say(c, "precis: cannot read %s: %s\n", shown, strerror(errno));
      rc = 2;
    }
  } else {
    size_t len;
    char *text = prc_cli_read_all(f, &len);
    if (!text) {
      say(c, "precis: cannot read %s: %s\n", shown, strerror(errno));
      rc = 2;
    } else {
      char *hint = base_name(strcmp(path, "-") ? path : "stdin");
      const char *id = strcmp(path, "-") ? path : NULL;
      add_bytes(c, &c->prog.bytes_cur, len, 1);
      submit_doc(c, text, len, id, hint, k == IN_HTML, NULL, c->fmt == PRECIS_FORMAT_TEXT && !first ? "\n" : NULL);
      free(hint);
    }
  }
  add_bytes(c, &c->prog.bytes_before, __atomic_load_n(&c->prog.bytes_cur, __ATOMIC_RELAXED), 0);
  add_bytes(c, &c->prog.bytes_cur, 0, 1);
  if (f != stdin) fclose(f);
  return rc;
}

static precis_model *load_model(const char *path, const char *want) {
  precis_error err;
  precis_model *m = precis_model_load(path, &err);
  if (!m || strcmp(precis_model_kind(m), want)) {
    if (m)
      fprintf(stderr, "precis: %s: a %s model, not a %s model\n", path, precis_model_kind(m), want);
    else if (err.code == PRECIS_ERROR_IO) /* the message names the file */
      fprintf(stderr, "precis: %s\n", err.message);
    else
      fprintf(stderr, "precis: %s: %s\n", path, err.message);
    precis_model_free(m);
    return NULL;
  }
  return m;
}

int prc_cmd_analyze(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_analyze_spec;
  run_ctx c;
  memset(&c, 0, sizeof c);
  precis_options_init(&c.opts);
  c.fmt = PRECIS_FORMAT_TEXT;
  c.out = stdout;
  pthread_mutex_init(&c.prog.mu, NULL);
  int demo = 0, nfiles = 0, jobs = -1;
  const char *pos_path = NULL, *ner_path = NULL, *parse_path = NULL, *attrib_path = NULL, *kp_path = NULL;
  static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON, PRECIS_FORMAT_JSONL,
                                          PRECIS_FORMAT_BRAT, PRECIS_FORMAT_CONLLU};
  static const in_kind kinds[] = {IN_AUTO, IN_TEXT, IN_HTML, IN_JSONL, IN_WARC};
  static const precis_summarizer summarizers[] = {PRECIS_SUMMARIZER_KEYPOINTS, PRECIS_SUMMARIZER_LEAD,
                                                  PRECIS_SUMMARIZER_TEXTRANK};
  char **files = calloc((size_t)argc + 1, sizeof(char *));
  if (!files) return 2;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: free(files); return 2;
    case PRC_OPT_OPERAND: files[nfiles++] = (char *)p.value; break;
    case O_HELP: prc_cmd_help(cmd, stdout); free(files); return 0;
    case O_VERSION: printf("precis %s\n", precis_version()); free(files); return 0;
    case O_LIST_OPTIONS: prc_cli_list_all_options(stdout); free(files); return 0;
    case O_DEMO_TEXT: fputs(prc_demo_article, stdout); free(files); return 0;
    case O_DEMO: demo = 1; break;
    case O_NO_TAGGER: c.opts.flags |= PRECIS_OPT_NO_TAGGER; break;
    case O_FORMAT: c.fmt = formats[p.choice]; break;
    case O_INPUT: c.input = kinds[p.choice]; break;
    case O_N: c.opts.max_keypoints = (int)p.num; break;
    case O_SUMMARIZER: c.opts.summarizer = summarizers[p.choice]; break;
    case O_POS_MODEL: pos_path = p.value; break;
    case O_NER_MODEL: ner_path = p.value; break;
    case O_PARSE_MODEL: parse_path = p.value; break;
    case O_ATTRIB:
      c.opts.flags &= ~(PRECIS_OPT_RULE_CUES | PRECIS_OPT_STRICT_CUES);
      if (p.choice == 1) c.opts.flags |= PRECIS_OPT_RULE_CUES;
      if (p.choice == 2) c.opts.flags |= PRECIS_OPT_STRICT_CUES;
      break;
    case O_ATTRIB_MODEL: attrib_path = p.value; break;
    case O_KP_MODEL: kp_path = p.value; break;
    case O_MAX_WORDS: c.opts.max_words = (int)p.num; break;
    case O_KEYPOINTS:
      if (p.choice == 1) c.opts.flags |= PRECIS_OPT_LEARNED_KEYPOINTS;
      else c.opts.flags &= ~PRECIS_OPT_LEARNED_KEYPOINTS;
      break;
    case O_WITH_TOKENS: c.opts.flags |= PRECIS_OPT_WITH_TOKENS; break;
    case O_WITH_TEXT: c.opts.flags |= PRECIS_OPT_WITH_TEXT; break;
    case O_OUT_DIR: c.out_dir = p.value; break;
    case O_JOBS: jobs = (int)p.num; break;
    case O_QUIET: c.quiet = 1; break;
    }
  }
  if (c.out_dir && c.fmt != PRECIS_FORMAT_BRAT) {
    free(files);
    return prc_cmd_usage_error(cmd, "--out-dir is for -f brat (one .ann file per document); "
                                    "the other formats go to standard output");
  }
  if (c.fmt == PRECIS_FORMAT_BRAT && !c.out_dir && nfiles > 1 && !demo) {
    free(files);
    return prc_cmd_usage_error(cmd, "-f brat writes one document to standard output; "
                                    "give --out-dir DIR for one .ann file per document");
  }
  if (c.fmt == PRECIS_FORMAT_CONLLU) c.opts.flags |= PRECIS_OPT_WITH_TOKENS; /* it writes the tokens */
  precis_model *pos_model = NULL, *ner_model = NULL, *parse_model = NULL, *attrib_model = NULL, *kp_model = NULL;
  if ((pos_path && !(pos_model = load_model(pos_path, "pos"))) ||
      (ner_path && !(ner_model = load_model(ner_path, "ner"))) ||
      (parse_path && !(parse_model = load_model(parse_path, "parse"))) ||
      (attrib_path && !(attrib_model = load_model(attrib_path, "attrib"))) ||
      (kp_path && !(kp_model = load_model(kp_path, "keypoints")))) {
    precis_model_free(pos_model);
    precis_model_free(ner_model);
    precis_model_free(parse_model);
    precis_model_free(attrib_model);
    free(files);
    return 2;
  }
  c.opts.pos_model = pos_model;
  c.opts.ner_model = ner_model;
  c.opts.parse_model = parse_model;
  c.opts.attrib_model = attrib_model;
  c.opts.keypoint_model = kp_model;
  if (c.out_dir) {
    if (prc_cli_make_dir(c.out_dir) < 0) {
      fprintf(stderr, "precis: cannot create %s: %s\n", c.out_dir, strerror(errno));
      precis_model_free(pos_model);
      precis_model_free(ner_model);
      precis_model_free(parse_model);
      precis_model_free(attrib_model);
      precis_model_free(kp_model);
      free(files);
      return 2;
    }
  }
  int rc = 0;
  int interactive_demo = demo || (nfiles == 0 && isatty(0));
  if (!interactive_demo) {
    /* -j: by default every core for the streams of many documents */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) cores = CPU_COUNT(&set); /* taskset */
#endif
    if (cores < 1) cores = 1;
    if (cores > 256) cores = 256;
    if (jobs < 0) {
      jobs = 1;
      for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        in_kind ik = kind_of(&c, nfiles ? files[k] : "-");
        if (ik == IN_JSONL || ik == IN_WARC) jobs = (int)cores;
      }
    } else if (jobs == 0) {
      jobs = (int)cores;
    }
    /* the progress line: stderr on a terminal, not -q */
    if (!c.quiet && isatty(2)) {
      c.prog.on = 1;
      c.prog.start = c.prog.last = now_s();
      for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        struct stat st;
        int ok = nfiles && strcmp(files[k], "-") ? stat(files[k], &st) == 0 : fstat(0, &st) == 0;
        if (!ok || !S_ISREG(st.st_mode)) {
          c.prog.total = 0;
          break;
        }
        c.prog.total += (uint64_t)st.st_size;
      }
    }
    /* after everything the writer thread reads is set */
    if (jobs > 1) pool_start(&c, jobs); /* when no thread can start: -j 1 */
  }
  if (interactive_demo) {
    if (!demo && c.fmt == PRECIS_FORMAT_TEXT)
      fprintf(stderr, "precis: no input given; analysing the sample article (precis --demo-text prints it).\n"
                      "        Try: precis article.txt, or precis --help\n\n");
    analyze_buffer(&c, prc_demo_article, strlen(prc_demo_article), "demo", "demo", 0, NULL);
  } else if (nfiles == 0) {
    rc = run_file(&c, "-", 1);
  } else {
    for (int k = 0; k < nfiles && !c.stop; k++) {
      int r = run_file(&c, files[k], k == 0);
      if (r) rc = r;
    }
  }
  pool_stop(&c);
  progress_clear(&c);
  if (c.pending && !c.stop) fwrite(c.pending, 1, c.pending_len, stdout);
  free(c.pending);
  names_free(&c.names);
  free(files);
  precis_model_free(pos_model);
  precis_model_free(ner_model);
  precis_model_free(parse_model);
  precis_model_free(attrib_model);
  precis_model_free(kp_model);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "precis: cannot write the output: %s\n", strerror(errno));
    return 2;
  }
  if (rc || c.io_error) return 2;
  return c.errors ? 1 : 0;
}
