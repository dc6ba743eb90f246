/* cmd_serve.c - "precis serve": the HTTP service and its web page
 * (docs/http.md).
 *
 * libmicrohttpd (Debian's libmicrohttpd-dev) parses HTTP and runs a pool of
 * threads, each with its own poll loop; the handlers below call the library
 * (precis_analyze_ex, precis_render, precis_extract) in the thread that
 * received the request.  Limits: the body (--max-body: 413), the request
 * head (--max-header: libmicrohttpd answers 431), idle connections and slow
 * bodies (--timeout), the number of connections (--max-connections).
 * SIGTERM / SIGINT stop accepting connections, let the requests in flight
 * finish (for at most --timeout seconds), then stop.  Requests never touch
 * the file system: the web page (web/) is compiled in (web_embedded.c,
 * made by tools/bin2c.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <dlfcn.h>

#include "commands.h"
#include "opt.h"
#include "precis.h"
#include "util.h"

/* libmicrohttpd is opened when the server starts (mhd_open), not linked:
 * linked, it and the TLS libraries it loads (gnutls, nettle, p11-kit, ...)
 * add about 3 MB to the memory of every precis run (issue 13: start-up).
 * The calls below go through these pointers, typed from its header. */
#define MHD_FUNCTIONS(X)                                                                                  \
  X(add_response_header) X(create_response_from_buffer) X(create_response_from_buffer_with_free_callback) \
  X(destroy_response) X(get_connection_info) X(get_daemon_info) X(get_version) X(lookup_connection_value) \
  X(queue_response) X(quiesce_daemon) X(start_daemon) X(stop_daemon)
static struct {
#define MHD_FIELD(f) __typeof__(&MHD_##f) f;
  MHD_FUNCTIONS(MHD_FIELD)
#undef MHD_FIELD
} mhd;
#define MHD_add_response_header mhd.add_response_header
#define MHD_create_response_from_buffer mhd.create_response_from_buffer
#define MHD_create_response_from_buffer_with_free_callback mhd.create_response_from_buffer_with_free_callback
#define MHD_destroy_response mhd.destroy_response
#define MHD_get_connection_info mhd.get_connection_info
#define MHD_get_daemon_info mhd.get_daemon_info
#define MHD_get_version mhd.get_version
#define MHD_lookup_connection_value mhd.lookup_connection_value
#define MHD_queue_response mhd.queue_response
#define MHD_quiesce_daemon mhd.quiesce_daemon
#define MHD_start_daemon mhd.start_daemon
#define MHD_stop_daemon mhd.stop_daemon

#ifndef PRECIS_MHD_SONAME
#define PRECIS_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* Opens libmicrohttpd and finds its functions; 0, or -1 with a message. */
static int mhd_open(void) {
  const char *names[] = {PRECIS_MHD_SONAME, "libmicrohttpd.so.12", "libmicrohttpd.so"};
  void *h = NULL;
  const char *why = "";
  for (size_t i = 0; i < sizeof names / sizeof *names && !h; i++) {
    h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h && i == 0) why = dlerror();
  }
  if (!h) {
    fprintf(stderr, "precis serve: cannot load libmicrohttpd (%s): %s\n", PRECIS_MHD_SONAME, why ? why : "");
    return -1;
  }
#define MHD_SYM(f)                                                                                   \
  {                                                                                                  \
    void *sym = dlsym(h, "MHD_" #f);                                                                 \
    if (!sym) {                                                                                      \
      fprintf(stderr, "precis serve: libmicrohttpd (%s) has no MHD_%s\n", PRECIS_MHD_SONAME, #f); \
      return -1;                                                                                     \
    }                                                                                                \
    memcpy(&mhd.f, &sym, sizeof sym);                                                                \
  }
  MHD_FUNCTIONS(MHD_SYM)
#undef MHD_SYM
  return 0;
}

/* ---- the web page (web_embedded.c, generated at build time) -------------- */
extern const unsigned char precis_web_index_html_data[], precis_web_app_js_data[], precis_web_style_css_data[],
    precis_web_favicon_svg_data[];
extern const size_t precis_web_index_html_size, precis_web_app_js_size, precis_web_style_css_size,
    precis_web_favicon_svg_size;

enum {
  O_HELP = PRC_OPT_HELP_ID, O_LISTEN, O_THREADS, O_MAX_BODY, O_MAX_HEADER, O_MAX_CONN, O_TIMEOUT
};

static const prc_opt serve_opts[] = {
    {O_LISTEN, 'l', "listen", PRC_OPT_STRING, "ADDR:PORT",
     "address and port to listen on (default 127.0.0.1:8080; port 0: any free port)", NULL, 0, 0, 0},
    {O_THREADS, 't', "threads", PRC_OPT_INT, "N", "worker threads (default: the number of CPUs)", NULL, 1, 1024, 0},
    {O_MAX_BODY, 0, "max-body", PRC_OPT_U64, "BYTES", "largest request body (default 10485760; larger: 413)", NULL, 0, 0, 0},
    {O_MAX_HEADER, 0, "max-header", PRC_OPT_INT, "BYTES",
     "memory for a request's head: request line and headers (default 32768; larger: 431)", NULL, 4096, 16777216, 0},
    {O_MAX_CONN, 0, "max-connections", PRC_OPT_INT, "N", "open connections at most (default 256)", NULL, 1, 65536, 0},
    {O_TIMEOUT, 0, "timeout", PRC_OPT_INT, "SECONDS",
     "close connections idle this long, and bodies not received in this time (default 30)", NULL, 1, 86400, 0},
    PRC_OPT_HELP_ENTRY,
    {0, 0, NULL, PRC_OPT_FLAG, NULL, NULL, NULL, 0, 0, 0}};

static const char *const serve_usage[] = {"precis serve [options]", NULL};

const prc_cmd prc_cmd_serve_spec = {
    "precis serve",
    "the HTTP service and its web page",
    serve_usage,
    "Serves the analysis over HTTP (docs/http.md): POST /v1/analyze, POST /v1/extract,\n"
    "GET /healthz, GET /v1/version, and a web page at /.  Prints the address it listens\n"
    "on as its first line of standard output; logs one line a request on standard error.\n"
    "SIGTERM or SIGINT: finishes the requests in flight, then exits (a second signal: at once).\n",
    serve_opts,
    "Exit status: 0 stopped by a signal; 1 cannot listen; 2 usage error.\n"};

/* ---- server state ------------------------------------------------------- */

typedef struct serve_cfg {
  size_t max_body;
  unsigned timeout;
} serve_cfg;

static serve_cfg g_cfg;
static atomic_int g_in_flight; /* requests whose handler has run and that are not completed */
static atomic_int g_stopping;  /* a signal came: answer with Connection: close */

typedef enum route {
  R_NONE, R_INDEX, R_APP_JS, R_STYLE_CSS, R_FAVICON, R_HEALTHZ, R_VERSION, R_ANALYZE, R_EXTRACT
} route;

static const struct {
  const char *path;
  route r;
  int post; /* 1: POST only; 0: GET and HEAD */
} routes[] = {{"/", R_INDEX, 0},          {"/index.html", R_INDEX, 0},    {"/app.js", R_APP_JS, 0},
              {"/style.css", R_STYLE_CSS, 0}, {"/favicon.svg", R_FAVICON, 0}, {"/healthz", R_HEALTHZ, 0},   {"/v1/version", R_VERSION, 0},
              {"/v1/analyze", R_ANALYZE, 1},  {"/v1/extract", R_EXTRACT, 1}, {NULL, R_NONE, 0}};

/* One request (libmicrohttpd's per-request pointer). */
typedef struct req {
  struct timespec t0;   /* when its head was received */
  route r;
  char *body;           /* the body so far (NUL-terminated) */
  size_t n, cap;
  int too_large;        /* the body passed --max-body: the rest is dropped, then 413 */
  int oom;              /* the body could not be stored: 500 */
  unsigned status;      /* what was answered (0: nothing yet) */
  size_t bytes;         /* the response body's length */
  char method[12];
  char path[160];       /* printable, for the log */
  char peer[64];
} req;

static double elapsed_ms(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* s with every byte outside printable ASCII as \xHH (the log is one line a request). */
static void printable(char *dst, size_t cap, const char *s) {
  size_t k = 0;
  for (; s && *s && k + 5 < cap; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch > 0x20 && ch < 0x7f && ch != '\\') dst[k++] = (char)ch;
    else k += (size_t)snprintf(dst + k, cap - k, "\\x%02x", ch);
  }
  if (s && *s && cap > 4) { /* cut: say so */
    if (k + 4 > cap) k = cap - 4;
    memcpy(dst + k, "...", 3);
    k += 3;
  }
  dst[k] = 0;
}

static void logger(void *cls, const char *fmt, va_list ap) {
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) msg[--n] = 0;
  fprintf(stderr, "precis serve: %s\n", msg);
}

static void free_render(void *p) { precis_free(NULL, p); }

/* Queues buf[0..len): freed with free_fn, or, when free_fn is NULL, static
 * data (the page, fixed strings) that outlives every response. */
static enum MHD_Result reply(struct MHD_Connection *c, req *r, unsigned status, const char *ctype, void *buf,
                             size_t len, void (*free_fn)(void *), const char *allow) {
  struct MHD_Response *resp =
      free_fn ? MHD_create_response_from_buffer_with_free_callback(len, buf, free_fn)
              : MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    if (free_fn) free_fn(buf);
    return MHD_NO;
  }
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  if (allow) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
  if (r->r == R_INDEX || r->r == R_APP_JS || r->r == R_STYLE_CSS || r->r == R_FAVICON) {
    /* the page loads nothing from elsewhere and runs no inline script */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                            "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
  } else {
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  }
  if (atomic_load(&g_stopping)) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
  r->status = status;
  r->bytes = len;
  enum MHD_Result ret = MHD_queue_response(c, status, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* {"error": msg} with the status. */
static enum MHD_Result reply_error(struct MHD_Connection *c, req *r, unsigned status, const char *allow,
                                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static enum MHD_Result reply_error(struct MHD_Connection *c, req *r, unsigned status, const char *allow,
                                   const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  prc_sbuf b = {0};
  prc_sbuf_puts(&b, "{\"error\":");
  prc_sbuf_json_str(&b, msg, strlen(msg));
  prc_sbuf_puts(&b, "}\n");
  if (b.oom) {
    prc_sbuf_free(&b);
    return MHD_NO;
  }
  return reply(c, r, status, "application/json; charset=utf-8", b.s, b.n, free, allow);
}

static enum MHD_Result reply_sbuf(struct MHD_Connection *c, req *r, unsigned status, const char *ctype,
                                  prc_sbuf *b) {
  if (b->oom) {
    prc_sbuf_free(b);
    return reply_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
  }
  if (!b->s) return reply(c, r, status, ctype, (void *)"", 0, NULL, NULL);
  return reply(c, r, status, ctype, b->s, b->n, free, NULL);
}

/* ---- request parameters ------------------------------------------------- */

/* The media type of a Content-Type header, lower-cased, without parameters
 * ("" when absent), and its charset parameter (or ""). */
static void content_type(struct MHD_Connection *c, char *type, size_t tcap, char *charset, size_t ccap) {
  const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  type[0] = charset[0] = 0;
  if (!v) return;
  while (*v == ' ' || *v == '\t') v++;
  size_t k = 0;
  for (; *v && *v != ';' && *v != ' ' && *v != '\t'; v++)
    if (k + 1 < tcap) type[k++] = (char)((*v >= 'A' && *v <= 'Z') ? *v + 32 : *v);
  type[k] = 0;
  while (*v) { /* parameters: ; name=value */
    while (*v == ';' || *v == ' ' || *v == '\t') v++;
    const char *name = v;
    while (*v && *v != '=' && *v != ';') v++;
    size_t nlen = (size_t)(v - name);
    while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t')) nlen--;
    if (*v != '=') continue;
    v++;
    while (*v == ' ' || *v == '\t') v++;
    int quoted = *v == '"';
    if (quoted) v++;
    const char *val = v;
    while (*v && (quoted ? *v != '"' : (*v != ';' && *v != ' ' && *v != '\t'))) v++;
    size_t vlen = (size_t)(v - val);
    if (quoted && *v == '"') v++;
    while (*v && *v != ';') v++;
    if (nlen == 7 && !strncasecmp(name, "charset", 7) && vlen && vlen < ccap) {
      memcpy(charset, val, vlen);
      charset[vlen] = 0;
    }
  }
}

typedef enum { F_JSON, F_JSONL, F_TEXT, F_CONLLU, F_BAD } out_fmt;

static const struct {
  const char *name;
  out_fmt f;
  precis_format pf;
  const char *ctype;
} formats[] = {{"json", F_JSON, PRECIS_FORMAT_JSON, "application/json; charset=utf-8"},
               {"jsonl", F_JSONL, PRECIS_FORMAT_JSONL, "application/json; charset=utf-8"},
               {"text", F_TEXT, PRECIS_FORMAT_TEXT, "text/plain; charset=utf-8"},
               {"conllu", F_CONLLU, PRECIS_FORMAT_CONLLU, "text/x-conllu; charset=utf-8"}};

/* The format an Accept header asks for: the media range with the highest q
 * among application/json, text/plain, text/x-conllu (and text/conllu);
 * JSON when nothing matches or there is no header. */
static out_fmt accept_format(const char *v) {
  if (!v) return F_JSON;
  out_fmt best = F_JSON;
  double bestq = -1;
  while (*v) {
    while (*v == ',' || *v == ' ' || *v == '\t') v++;
    if (!*v) break;
    const char *t = v;
    while (*v && *v != ';' && *v != ',' && *v != ' ') v++;
    size_t tl = (size_t)(v - t);
    double q = 1;
    while (*v && *v != ',') { /* parameters */
      if ((*v == 'q' || *v == 'Q') && v[1] == '=' && (v[-1] == ';' || v[-1] == ' ')) q = strtod(v + 2, NULL);
      v++;
    }
    out_fmt f = F_BAD;
    if ((tl == 16 && !strncasecmp(t, "application/json", tl)) || (tl == 3 && !strncmp(t, "*/*", 3)) ||
        (tl == 13 && !strncasecmp(t, "application/*", tl)))
      f = F_JSON;
    else if ((tl == 10 && !strncasecmp(t, "text/plain", tl)) || (tl == 6 && !strncasecmp(t, "text/*", tl)))
      f = F_TEXT;
    else if ((tl == 13 && !strncasecmp(t, "text/x-conllu", tl)) || (tl == 11 && !strncasecmp(t, "text/conllu", tl)))
      f = F_CONLLU;
    if (f != F_BAD && q > 0 && q > bestq) {
      best = f;
      bestq = q;
    }
  }
  return best;
}

/* "1", "true", "yes" */
static int truthy(const char *v) { return v && (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes")); }

/* ---- POST /v1/analyze and /v1/extract ----------------------------------- */

typedef struct job {
  const char *text; /* the body, or a JSON string's bytes */
  size_t len;
  int html;
  char id[512];
  int has_id;
  int max_keypoints;
  int with_text, with_tokens;
  unsigned attrib; /* 0 learned, PRECIS_OPT_RULE_CUES, PRECIS_OPT_STRICT_CUES (since 0.11.1) */
  char encoding[64];
} job;

/* "learned", "rules", "strict" (as precis --attrib) -> the flag; -1 for anything else */
static int attrib_flag(const char *s) {
  return !strcmp(s, "learned") ? 0 : !strcmp(s, "rules") ? (int)PRECIS_OPT_RULE_CUES
         : !strcmp(s, "strict") ? (int)PRECIS_OPT_STRICT_CUES : -1;
}

/* Reads a JSON body {"text"|"html", "id", "max_keypoints", "with_text",
 * "with_tokens", "attrib"} into j (whose text points into root).  0, or -1 with msg. */
static int read_json_body(const req *r, json_t **root, job *j, int html_only, char *msg, size_t mcap) {
  json_error_t jerr;
  *root = json_loadb(r->body, r->n, JSON_ALLOW_NUL, &jerr);
  if (!*root) {
    snprintf(msg, mcap, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
    return -1;
  }
  if (!json_is_object(*root)) {
    snprintf(msg, mcap, "the JSON body must be an object");
    return -1;
  }
  json_t *t = json_object_get(*root, "text"), *h = json_object_get(*root, "html");
  if (html_only && t) {
    snprintf(msg, mcap, "/v1/extract takes \"html\", not \"text\"");
    return -1;
  }
  if ((t && h) || (!t && !h)) {
    snprintf(msg, mcap, "the JSON body needs exactly one of \"text\" and \"html\"");
    return -1;
  }
  json_t *s = t ? t : h;
  if (!json_is_string(s)) {
    snprintf(msg, mcap, "\"%s\" must be a string", t ? "text" : "html");
    return -1;
  }
  j->text = json_string_value(s);
  j->len = json_string_length(s);
  j->html = h != NULL;
  json_t *id = json_object_get(*root, "id");
  if (id && json_is_string(id)) {
    snprintf(j->id, sizeof j->id, "%s", json_string_value(id));
    j->has_id = 1;
  } else if (id && json_is_integer(id)) {
    snprintf(j->id, sizeof j->id, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    j->has_id = 1;
  } else if (id && !json_is_null(id)) {
    snprintf(msg, mcap, "\"id\" must be a string, an integer or null");
    return -1;
  }
  json_t *mk = json_object_get(*root, "max_keypoints");
  if (mk && !json_is_null(mk)) {
    if (!json_is_integer(mk) || json_integer_value(mk) < 0 || json_integer_value(mk) > 100) {
      snprintf(msg, mcap, "\"max_keypoints\" must be an integer from 0 (automatic) to 100");
      return -1;
    }
    j->max_keypoints = (int)json_integer_value(mk);
  }
  static const char *const flags[] = {"with_text", "with_tokens"};
  for (int k = 0; k < 2; k++) {
    json_t *f = json_object_get(*root, flags[k]);
    if (f && !json_is_boolean(f) && !json_is_null(f)) {
      snprintf(msg, mcap, "\"%s\" must be true or false", flags[k]);
      return -1;
    }
    if (f && json_is_true(f)) *(k ? &j->with_tokens : &j->with_text) = 1;
  }
  json_t *at = json_object_get(*root, "attrib");
  if (at && !json_is_null(at)) {
    int fl = json_is_string(at) ? attrib_flag(json_string_value(at)) : -1;
    if (fl < 0) {
      snprintf(msg, mcap, "\"attrib\" must be \"learned\", \"rules\" or \"strict\"");
      return -1;
    }
    j->attrib = (unsigned)fl;
  }
  return 0;
}

static void put_json_field(prc_sbuf *b, const char *name, const char *v, size_t n, int first) {
  if (!first) prc_sbuf_puts(b, ",");
  prc_sbuf_json_str(b, name, strlen(name));
  prc_sbuf_puts(b, ":");
  if (v) prc_sbuf_json_str(b, v, n);
  else prc_sbuf_puts(b, "null");
}

static enum MHD_Result reply_precis_error(struct MHD_Connection *c, req *r, const precis_error *err) {
  unsigned st = err->code == PRECIS_ERROR_INPUT_TOO_LARGE  ? MHD_HTTP_CONTENT_TOO_LARGE
                : err->code == PRECIS_ERROR_OUT_OF_MEMORY ? MHD_HTTP_SERVICE_UNAVAILABLE
                                                          : MHD_HTTP_INTERNAL_SERVER_ERROR;
  return reply_error(c, r, st, NULL, "%s", err->message);
}

static enum MHD_Result do_post(struct MHD_Connection *c, req *r) {
  char type[128], charset[64], msg[400];
  content_type(c, type, sizeof type, charset, sizeof charset);
  int is_json = !strcmp(type, "application/json");
  int is_html = !strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml");
  int is_text = !strcmp(type, "text/plain");
  if (r->r == R_EXTRACT && !type[0]) is_html = 1; /* a page without a type */
  if (r->r == R_ANALYZE && !type[0]) is_text = 1;
  if (!is_json && !is_html && !(is_text && r->r == R_ANALYZE))
    return reply_error(c, r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, NULL, "unsupported Content-Type '%s' (%s)%s", type,
                       r->r == R_ANALYZE ? "text/plain, text/html or application/json"
                                         : "text/html or application/json",
                       !strcmp(type, "application/x-www-form-urlencoded")
                           ? "; curl --data-binary sends this: add -H 'Content-Type: text/plain'"
                           : "");
  job j;
  memset(&j, 0, sizeof j);
  json_t *root = NULL;
  if (is_json) {
    if (read_json_body(r, &root, &j, r->r == R_EXTRACT, msg, sizeof msg) != 0) {
      json_decref(root);
      return reply_error(c, r, MHD_HTTP_BAD_REQUEST, NULL, "%s", msg);
    }
  } else {
    j.text = r->body ? r->body : "";
    j.len = r->n;
    j.html = is_html;
    if (is_html && charset[0]) snprintf(j.encoding, sizeof j.encoding, "%s", charset);
  }
  /* the query overrides the body's fields */
  const char *q;
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id"))) {
    snprintf(j.id, sizeof j.id, "%s", q);
    j.has_id = 1;
  }
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "max_keypoints"))) {
    char *e;
    long v = strtol(q, &e, 10);
    if (!*q || *e || v < 0 || v > 100) {
      json_decref(root);
      return reply_error(c, r, MHD_HTTP_BAD_REQUEST, NULL,
                         "max_keypoints must be a whole number from 0 (automatic) to 100, not '%s'", q);
    }
    j.max_keypoints = (int)v;
  }
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "with_text"))) j.with_text = truthy(q);
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "with_tokens"))) j.with_tokens = truthy(q);
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "attrib"))) {
    int fl = attrib_flag(q);
    if (fl < 0) {
      json_decref(root);
      return reply_error(c, r, MHD_HTTP_BAD_REQUEST, NULL, "attrib must be learned, rules or strict, not '%s'", q);
    }
    j.attrib = (unsigned)fl;
  }

  /* the page: precis_extract */
  precis_page *pg = NULL;
  if (j.html) {
    precis_extract_options eo;
    precis_extract_options_init(&eo);
    if (j.encoding[0]) eo.encoding = j.encoding;
    precis_error err;
    pg = precis_extract(j.text, j.len, &eo, &err);
    if (!pg) {
      json_decref(root);
      return reply_precis_error(c, r, &err);
    }
  }
  enum MHD_Result ret;
  if (r->r == R_EXTRACT) {
    prc_sbuf b = {0};
    prc_sbuf_puts(&b, "{");
    put_json_field(&b, "id", j.has_id ? j.id : NULL, strlen(j.id), 1);
    put_json_field(&b, "title", pg->title, pg->title ? strlen(pg->title) : 0, 0);
    put_json_field(&b, "byline", pg->byline, pg->byline ? strlen(pg->byline) : 0, 0);
    put_json_field(&b, "date", pg->date, pg->date ? strlen(pg->date) : 0, 0);
    put_json_field(&b, "site", pg->site, pg->site ? strlen(pg->site) : 0, 0);
    put_json_field(&b, "text", pg->text, pg->text_len, 0);
    prc_sbuf_puts(&b, "}\n");
    precis_page_free(pg);
    json_decref(root);
    return reply_sbuf(c, r, MHD_HTTP_OK, "application/json; charset=utf-8", &b);
  }

  /* the format: ?format= first, then Accept */
  out_fmt f = F_JSON;
  if ((q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format"))) {
    f = F_BAD;
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++)
      if (!strcmp(q, formats[k].name)) f = formats[k].f;
    if (f == F_BAD) {
      precis_page_free(pg);
      json_decref(root);
      return reply_error(c, r, MHD_HTTP_BAD_REQUEST, NULL, "unknown format '%s' (json, jsonl, text, conllu)", q);
    }
  } else {
    f = accept_format(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT));
  }
  precis_options o;
  precis_options_init(&o);
  o.max_keypoints = j.max_keypoints;
  if (j.with_text) o.flags |= PRECIS_OPT_WITH_TEXT;
  if (j.with_tokens || f == F_CONLLU) o.flags |= PRECIS_OPT_WITH_TOKENS;
  o.flags |= j.attrib;
  precis_error err;
  precis_doc *d = pg ? precis_analyze_ex(pg->text, pg->text_len, &o, &err) : precis_analyze_ex(j.text, j.len, &o, &err);
  json_decref(root); /* j.text is no longer needed */
  if (!d) {
    precis_page_free(pg);
    return reply_precis_error(c, r, &err);
  }
  if (pg && precis_doc_set_page(d, pg) != 0) {
    precis_page_free(pg);
    precis_doc_free(d);
    return reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "out of memory");
  }
  precis_page_free(pg);
  size_t len = 0;
  char *out = precis_render(d, formats[f].pf, j.has_id ? j.id : NULL, &len);
  precis_doc_free(d);
  if (!out) return reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "out of memory");
  ret = reply(c, r, MHD_HTTP_OK, formats[f].ctype, out, len, free_render, NULL);
  return ret;
}

/* ---- GET ---------------------------------------------------------------- */

static enum MHD_Result do_get(struct MHD_Connection *c, req *r) {
  switch (r->r) {
  case R_INDEX:
    return reply(c, r, MHD_HTTP_OK, "text/html; charset=utf-8", (void *)precis_web_index_html_data,
                 precis_web_index_html_size, NULL, NULL);
  case R_APP_JS:
    return reply(c, r, MHD_HTTP_OK, "text/javascript; charset=utf-8", (void *)precis_web_app_js_data,
                 precis_web_app_js_size, NULL, NULL);
  case R_STYLE_CSS:
    return reply(c, r, MHD_HTTP_OK, "text/css; charset=utf-8", (void *)precis_web_style_css_data,
                 precis_web_style_css_size, NULL, NULL);
  case R_FAVICON:
    return reply(c, r, MHD_HTTP_OK, "image/svg+xml", (void *)precis_web_favicon_svg_data, precis_web_favicon_svg_size,
                 NULL, NULL);
  case R_HEALTHZ: {
    int stopping = atomic_load(&g_stopping);
    const char *s = stopping ? "{\"status\":\"stopping\"}\n" : "{\"status\":\"ok\"}\n";
    return reply(c, r, stopping ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_OK, "application/json; charset=utf-8",
                 (void *)s, strlen(s), NULL, NULL);
  }
  case R_VERSION: {
    prc_sbuf b = {0};
    prc_sbuf_puts(&b, "{\"version\":");
    const char *v = precis_version();
    prc_sbuf_json_str(&b, v, strlen(v));
    prc_sbuf_puts(&b, ",\"api\":\"v1\",\"microhttpd\":");
    v = MHD_get_version();
    prc_sbuf_json_str(&b, v, strlen(v));
    prc_sbuf_puts(&b, "}\n");
    return reply_sbuf(c, r, MHD_HTTP_OK, "application/json; charset=utf-8", &b);
  }
  default:
    return reply_error(c, r, MHD_HTTP_NOT_FOUND, NULL, "no such resource");
  }
}

/* ---- the handler -------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  req *r = *con_cls;
  if (!r) { /* the head is in: route, check, and wait for the body */
    r = calloc(1, sizeof *r);
    if (!r) return MHD_NO;
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    printable(r->method, sizeof r->method, method);
    printable(r->path, sizeof r->path, url);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(r->peer, sizeof r->peer, "-");
    if (ci && ci->client_addr) {
      const struct sockaddr *sa = ci->client_addr;
      if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->peer, sizeof r->peer);
      else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->peer, sizeof r->peer);
    }
    atomic_fetch_add(&g_in_flight, 1);
    *con_cls = r;
    /* answered at the last call, once the body is in (or dropped), so that
     * the connection stays open for the next request; a body announced
     * too large is refused at once (the connection is then closed) */
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl) {
      errno = 0;
      unsigned long long v = strtoull(cl, NULL, 10);
      if (errno || v > g_cfg.max_body)
        return reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, NULL, "the body is larger than %zu bytes",
                           g_cfg.max_body);
    }
    return MHD_YES;
  }
  if (*upload_size) { /* a piece of the body */
    if (elapsed_ms(&r->t0) > 1000.0 * g_cfg.timeout) {
      fprintf(stderr, "precis serve: %s %s %s: the body did not arrive in %u s: connection closed\n", r->peer,
              r->method, r->path, g_cfg.timeout);
      return MHD_NO;
    }
    size_t k = *upload_size;
    *upload_size = 0;
    if (r->too_large || r->oom) return MHD_YES; /* drop the rest */
    if (k > g_cfg.max_body - r->n) {
      r->too_large = 1;
      free(r->body);
      r->body = NULL;
      r->n = r->cap = 0;
      return MHD_YES;
    }
    if (r->n + k + 1 > r->cap) {
      size_t nc = r->cap ? r->cap : 16384;
      while (nc < r->n + k + 1) nc *= 2;
      char *nb = realloc(r->body, nc);
      if (!nb) {
        r->oom = 1;
        return MHD_YES;
      }
      r->body = nb;
      r->cap = nc;
    }
    memcpy(r->body + r->n, upload, k);
    r->n += k;
    r->body[r->n] = 0;
    return MHD_YES;
  }
  if (r->status) return MHD_YES; /* answered already (before the body) */
  if (r->too_large)
    return reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, NULL, "the body is larger than %zu bytes", g_cfg.max_body);
  if (r->oom) return reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "out of memory");
  int post = -1;
  for (int k = 0; routes[k].path; k++)
    if (!strcmp(url, routes[k].path)) {
      r->r = routes[k].r;
      post = routes[k].post;
    }
  if (r->r == R_NONE) return reply_error(c, r, MHD_HTTP_NOT_FOUND, NULL, "no such resource");
  if (post) {
    if (strcmp(method, MHD_HTTP_METHOD_POST) != 0)
      return reply_error(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, "POST", "%s takes POST", url);
    return do_post(c, r);
  }
  if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
    return reply_error(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, "GET, HEAD", "%s takes GET or HEAD", url);
  return do_get(c, r);
}

/* One line a request on stderr: time, peer, method, path, status, bytes, ms. */
static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
  req *r = *con_cls;
  if (!r) return;
  char when[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const char *how = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK        ? ""
                    : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED   ? " (timed out)"
                    : toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT      ? " (client closed)"
                    : toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN   ? " (shut down)"
                    : toe == MHD_REQUEST_TERMINATED_READ_ERROR        ? " (read error)"
                                                                      : " (failed)";
  char status[16] = "-"; /* "-": nothing was answered (the connection was cut) */
  if (r->status) snprintf(status, sizeof status, "%u", r->status);
  fprintf(stderr, "%s %s %s %s %s %zu %.1fms%s\n", when, r->peer, r->method, r->path, status, r->bytes,
          elapsed_ms(&r->t0), how);
  free(r->body);
  free(r);
  *con_cls = NULL;
  atomic_fetch_sub(&g_in_flight, 1);
}

/* ---- the command -------------------------------------------------------- */

/* "ADDR:PORT", "[V6ADDR]:PORT" or ":PORT" (127.0.0.1).  0, or -1. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *sl, int *v6) {
  char host[128];
  const char *colon;
  memset(ss, 0, sizeof *ss);
  if (s[0] == '[') {
    const char *e = strchr(s, ']');
    if (!e || e[1] != ':' || (size_t)(e - s - 1) >= sizeof host) return -1;
    memcpy(host, s + 1, (size_t)(e - s - 1));
    host[e - s - 1] = 0;
    colon = e + 1;
  } else {
    colon = strrchr(s, ':');
    if (!colon || (size_t)(colon - s) >= sizeof host) return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = 0;
    if (!host[0]) snprintf(host, sizeof host, "127.0.0.1");
  }
  char *e;
  errno = 0;
  long port = strtol(colon + 1, &e, 10);
  if (!colon[1] || *e || errno || port < 0 || port > 65535) return -1;
  struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *sl = sizeof *a4;
    *v6 = 0;
    return 0;
  }
  if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    *sl = sizeof *a6;
    *v6 = 1;
    return 0;
  }
  return -1;
}

int prc_cmd_serve(int argc, char **argv) {
  const prc_cmd *cmd = &prc_cmd_serve_spec;
  const char *listen = "127.0.0.1:8080";
  long nproc = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned threads = nproc > 0 ? (unsigned)(nproc > 64 ? 64 : nproc) : 2;
  unsigned max_header = 32768, max_conn = 256;
  g_cfg.max_body = 10485760;
  g_cfg.timeout = 30;
  prc_opt_parser p;
  prc_opt_init(&p, cmd, argc, argv);
  int o;
  while ((o = prc_opt_next(&p)) != PRC_OPT_END) {
    switch (o) {
    case PRC_OPT_ERROR: return 2;
    case O_HELP: prc_cmd_help(cmd, stdout); return 0;
    case O_LISTEN: listen = p.value; break;
    case O_THREADS: threads = (unsigned)p.num; break;
    case O_MAX_BODY:
      if (p.u64 == 0 || p.u64 > (uint64_t)1 << 32)
        return prc_cmd_usage_error(cmd, "--max-body takes 1 to 4294967296 bytes, not %llu", (unsigned long long)p.u64);
      g_cfg.max_body = (size_t)p.u64;
      break;
    case O_MAX_HEADER: max_header = (unsigned)p.num; break;
    case O_MAX_CONN: max_conn = (unsigned)p.num; break;
    case O_TIMEOUT: g_cfg.timeout = (unsigned)p.num; break;
    case PRC_OPT_OPERAND: return prc_cmd_usage_error(cmd, "unexpected argument '%s'", p.value);
    }
  }
  if (mhd_open() < 0) return 1;
  struct sockaddr_storage ss;
  socklen_t sl;
  int v6;
  if (parse_listen(listen, &ss, &sl, &v6) != 0)
    return prc_cmd_usage_error(cmd, "--listen takes ADDR:PORT (127.0.0.1:8080, [::1]:8080), not '%s'", listen);

  /* the signals go to this thread alone (sigwait below): block them before
   * libmicrohttpd starts its threads, which inherit the mask */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* poll(), not epoll: with epoll one woken thread of the pool accepts up to
   * ten waiting connections at once, so a burst of keep-alive clients lands
   * on one thread while the others idle (ab -k -c 8, 2 threads: 387 requests/s
   * with epoll, 628 with poll; without keep-alive 444 and 551, medians of 3
   * interleaved runs).  With poll each thread accepts one connection a turn. */
  unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
  struct MHD_OptionItem mo[] = {
      {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)logger, NULL},
      {MHD_OPTION_SOCK_ADDR, 0, &ss},
      {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)max_conn, NULL},
      {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)g_cfg.timeout, NULL},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)max_header, NULL},
      {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, NULL},
      {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (intptr_t)threads, NULL},
      {MHD_OPTION_END, 0, NULL}};
  struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, handle, NULL, MHD_OPTION_ARRAY, mo, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "precis serve: cannot listen on %s: %s\n", listen, strerror(errno));
    return 1;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = di ? di->port : 0;
  char host[64];
  if (v6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
  else inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
  printf("precis serve: listening on http://%s%s%s:%u/\n", v6 ? "[" : "", host, v6 ? "]" : "", port);
  fflush(stdout);
  fprintf(stderr, "precis serve: listening on http://%s%s%s:%u/ (%u threads, max body %zu bytes, timeout %u s)\n",
          v6 ? "[" : "", host, v6 ? "]" : "", port, threads, g_cfg.max_body, g_cfg.timeout);

  int sig = 0;
  while (sigwait(&sigs, &sig) != 0) {
  }
  atomic_store(&g_stopping, 1);
  MHD_socket lfd = MHD_quiesce_daemon(d); /* no new connections */
  if (lfd != MHD_INVALID_SOCKET) close(lfd);
  int n = atomic_load(&g_in_flight);
  fprintf(stderr, "precis serve: %s: stopping (%d request%s in flight)\n", sig == SIGINT ? "SIGINT" : "SIGTERM", n,
          n == 1 ? "" : "s");
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (atomic_load(&g_in_flight) > 0 && elapsed_ms(&t0) < 1000.0 * g_cfg.timeout) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    if (sigtimedwait(&sigs, NULL, &ts) > 0) { /* a second signal: stop now */
      fprintf(stderr, "precis serve: a second signal: not waiting any longer\n");
      break;
    }
  }
  n = atomic_load(&g_in_flight);
  if (n) fprintf(stderr, "precis serve: %d request%s still in flight after %u s: closing\n", n, n == 1 ? "" : "s",
                 g_cfg.timeout);
  MHD_stop_daemon(d);
  fprintf(stderr, "precis serve: stopped\n");
  return 0;
}
