/* warc.c - see warc.h.
 *
 * Three layers: the source (raw bytes, 64 KiB at a time), the decoder (the
 * bytes as they are, or inflated gzip members one after another), and the
 * record buffer (decoded bytes from the current record on, grown to hold one
 * record at most).  Every byte of input is looked at a bounded number of
 * times, so the time is linear in the input, whatever it declares. */
#include "warc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define RAW_CHUNK ((size_t)1 << 16)
#define DEC_CHUNK ((size_t)1 << 16)
#define HDR_MAX ((size_t)1 << 16) /* a WARC record header */

enum { MODE_UNKNOWN, MODE_PLAIN, MODE_GZIP };

struct prc_warc {
  prc_warc_read_fn read;
  void *ctx;
  size_t max_record;
  /* source */
  unsigned char in[RAW_CHUNK];
  size_t in_pos, in_len;
  int in_eof;
  uint64_t raw_read;
  /* decoder */
  int mode;
  z_stream z;
  int z_init, in_member;
  int corrupt;       /* bad gzip data: the decoder gives nothing until resynced */
  int gz_truncated;  /* the source ended inside a gzip member */
  int gz_trunc_told;
  char zmsg[128];
  /* record buffer: decoded bytes buf[pos..len); buf[0] is at buf_base */
  char *buf;
  size_t pos, len, cap;
  uint64_t buf_base;
  int eof;
  int read_error, read_errno;
  size_t consume; /* the last record's bytes, dropped at the next call */
  uint64_t number;
  char *type, *uri, *ctype;
  char err[256];
};

prc_warc *prc_warc_new(prc_warc_read_fn read, void *ctx, size_t max_record) {
  prc_warc *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->read = read;
  w->ctx = ctx;
  w->max_record = max_record ? max_record : PRC_WARC_DEFAULT_MAX_RECORD;
  return w;
}

void prc_warc_free(prc_warc *w) {
  if (!w) return;
  if (w->z_init) inflateEnd(&w->z);
  free(w->buf);
  free(w->type);
  free(w->uri);
  free(w->ctype);
  free(w);
}

uint64_t prc_warc_bytes_read(const prc_warc *w) { return w->raw_read; }

/* ---- source ---------------------------------------------------------- */

/* At least n (<= RAW_CHUNK) unread source bytes when the source has them:
 * the number available (may be fewer at the end), or -1 on a read error. */
static long raw_peek(prc_warc *w, size_t n) {
  while (w->in_len - w->in_pos < n && !w->in_eof) {
    if (w->in_pos) {
      memmove(w->in, w->in + w->in_pos, w->in_len - w->in_pos);
      w->in_len -= w->in_pos;
      w->in_pos = 0;
    }
    long r = w->read(w->ctx, w->in + w->in_len, sizeof w->in - w->in_len);
    if (r < 0) {
      w->read_error = 1;
      w->read_errno = errno ? errno : EIO;
      return -1;
    }
    if (r == 0) w->in_eof = 1;
    w->in_len += (size_t)r;
    w->raw_read += (uint64_t)r;
  }
  return (long)(w->in_len - w->in_pos);
}

/* ---- decoder --------------------------------------------------------- */

static void set_corrupt(prc_warc *w, const char *what) {
  w->corrupt = 1;
  w->in_member = 0;
  snprintf(w->zmsg, sizeof w->zmsg, "corrupt gzip data (%s)", what ? what : "zlib error");
}

/* After corrupt data: on to the next gzip member header (1f 8b 08). */
static void gz_resync(prc_warc *w) {
  for (;;) {
    long a = raw_peek(w, 3);
    if (a < 0) return;
    if (a < 3) {
      w->in_pos = w->in_len;
      if (w->in_eof) break;
      continue;
    }
    const unsigned char *p = w->in + w->in_pos;
    const unsigned char *q = memchr(p + 1, 0x1f, w->in_len - w->in_pos - 1);
    if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08) break;
    if (!q) {
      w->in_pos = w->in_len;
      continue;
    }
    w->in_pos = (size_t)(q - w->in);
  }
  w->corrupt = 0;
}

/* Up to cap decoded bytes: the count, 0 at the end (or while corrupt), -1
 * on a read error. */
static long dec_read(prc_warc *w, char *dst, size_t cap) {
  if (w->corrupt || w->read_error) return w->read_error ? -1 : 0;
  if (w->mode == MODE_UNKNOWN) {
    long a = raw_peek(w, 2);
    if (a < 0) return -1;
    if (a == 0) return 0;
    w->mode = a >= 2 && w->in[w->in_pos] == 0x1f && w->in[w->in_pos + 1] == 0x8b ? MODE_GZIP : MODE_PLAIN;
  }
  if (w->mode == MODE_PLAIN) {
    long a = raw_peek(w, 1);
    if (a <= 0) return a;
    size_t n = (size_t)a < cap ? (size_t)a : cap;
    memcpy(dst, w->in + w->in_pos, n);
    w->in_pos += n;
    return (long)n;
  }
  for (;;) {
    if (!w->in_member) {
      long a = raw_peek(w, 1);
      if (a < 0) return -1;
      if (a == 0) return 0; /* the end, between members */
      if (w->in[w->in_pos] == 0) { /* zero padding after a member */
        w->in_pos++;
        continue;
      }
      if (w->in[w->in_pos] != 0x1f) {
        set_corrupt(w, "bytes that are not gzip after a gzip member");
        return 0;
      }
      if (!w->z_init) {
        memset(&w->z, 0, sizeof w->z);
        if (inflateInit2(&w->z, 16 + MAX_WBITS) != Z_OK) {
          set_corrupt(w, "out of memory");
          return 0;
        }
        w->z_init = 1;
      } else {
        inflateReset(&w->z);
      }
      w->in_member = 1;
    }
    long a = raw_peek(w, 1);
    if (a < 0) return -1;
    if (a == 0) { /* the source ends inside a member */
      w->gz_truncated = 1;
      w->in_member = 0;
      return 0;
    }
    w->z.next_in = w->in + w->in_pos;
    w->z.avail_in = (uInt)(w->in_len - w->in_pos);
    w->z.next_out = (unsigned char *)dst;
    w->z.avail_out = (uInt)(cap > (1u << 30) ? (1u << 30) : cap);
    uInt out0 = w->z.avail_out;
    int rc = inflate(&w->z, Z_NO_FLUSH);
    w->in_pos = w->in_len - w->z.avail_in;
    size_t produced = out0 - w->z.avail_out;
    if (rc == Z_STREAM_END) {
      w->in_member = 0;
      if (produced) return (long)produced;
      continue;
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && w->z.avail_in == 0)) {
      if (produced) return (long)produced;
      continue;
    }
    set_corrupt(w, w->z.msg);
    return (long)produced; /* what came before the bad data; then 0 */
  }
}

/* ---- record buffer --------------------------------------------------- */

static void compact(prc_warc *w) {
  if (!w->pos) return;
  memmove(w->buf, w->buf + w->pos, w->len - w->pos);
  w->buf_base += w->pos;
  w->len -= w->pos;
  w->pos = 0;
}

/* buf[pos..pos+need) decoded: 1; 0 when the stream ends (or turns out
 * corrupt) first; -1 on a read error or out of memory. */
static int fill(prc_warc *w, size_t need) {
  while (w->len - w->pos < need) {
    if (w->eof || w->corrupt) return 0;
    if (w->cap - w->len < DEC_CHUNK) {
      compact(w);
      if (w->cap - w->len < DEC_CHUNK) {
        size_t nc = w->cap ? w->cap * 2 : 2 * DEC_CHUNK;
        if (nc < w->len + DEC_CHUNK) nc = w->len + DEC_CHUNK;
        if (nc < need + DEC_CHUNK && need + DEC_CHUNK <= w->max_record + HDR_MAX + 2 * DEC_CHUNK) nc = need + DEC_CHUNK;
        char *nb = realloc(w->buf, nc);
        if (!nb) {
          w->read_error = 1;
          w->read_errno = ENOMEM;
          return -1;
        }
        w->buf = nb;
        w->cap = nc;
      }
    }
    long r = dec_read(w, w->buf + w->len, w->cap - w->len);
    if (r < 0) return -1;
    if (r == 0) {
      if (!w->corrupt) w->eof = 1;
      return 0;
    }
    w->len += (size_t)r;
  }
  return 1;
}

/* Drop n decoded bytes from pos on, without keeping them.  1, 0 when the
 * stream ends first, -1 on error. */
static int skip(prc_warc *w, uint64_t n) {
  while (n) {
    if (w->pos == w->len) {
      w->buf_base += w->len;
      w->pos = w->len = 0;
      int f = fill(w, 1);
      if (f <= 0) return f;
    }
    size_t a = w->len - w->pos;
    size_t k = (uint64_t)a < n ? a : (size_t)n;
    w->pos += k;
    n -= k;
  }
  return 1;
}

/* From buf[from] on (from > pos), to the next line that starts "WARC/"
 * (or the end of the stream). */
static int resync_text(prc_warc *w, size_t from) {
  size_t i = from - w->pos; /* relative to pos: compaction moves pos */
  for (;;) {
    while (w->pos + i + 5 <= w->len) {
      const char *b = w->buf + w->pos;
      const char *q = memchr(b + i, 'W', w->len - w->pos - i);
      if (!q) {
        i = w->len - w->pos;
        break;
      }
      i = (size_t)(q - b);
      if (w->pos + i + 5 > w->len) break;
      if (b[i - 1] == '\n' && !memcmp(b + i, "WARC/", 5)) {
        w->pos += i;
        return 1;
      }
      i++;
    }
    /* keep the last few bytes (and the one before: the newline) */
    size_t keep = 6;
    if (i > keep) {
      w->pos += i - keep;
      i = keep;
    }
    int f = fill(w, i + 5);
    if (f < 0) return -1;
    if (f == 0) {
      w->pos = w->len;
      return 0;
    }
  }
}

static char *dup_trim(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  char *r = malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, s, n);
  r[n] = 0;
  for (size_t k = 0; k < n; k++)
    if (!r[k]) r[k] = ' ';
  return r;
}

static int name_is(const char *line, size_t n, const char *name) {
  size_t k = strlen(name);
  return n > k && line[k] == ':' && !strncasecmp(line, name, k);
}

static int error_rec(prc_warc *w, prc_warc_record *rec, uint64_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int error_rec(prc_warc *w, prc_warc_record *rec, uint64_t offset, const char *fmt, ...) {
  if (w->gz_truncated) w->gz_trunc_told = 1; /* one error for a file cut short */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->err, sizeof w->err, fmt, ap);
  va_end(ap);
  rec->number = ++w->number;
  rec->offset = offset;
  rec->type = w->type ? w->type : "";
  rec->target_uri = w->uri;
  rec->content_type = w->ctype;
  rec->block = NULL;
  rec->block_len = 0;
  rec->error = w->err;
  return 1;
}

/* The stream turned out corrupt inside the current record: one error, the
 * decoded bytes dropped, on at the next gzip member. */
static int corrupt_rec(prc_warc *w, prc_warc_record *rec, uint64_t offset) {
  error_rec(w, rec, offset, "%s", w->zmsg);
  w->buf_base += w->len;
  w->pos = w->len = 0;
  gz_resync(w);
  return w->read_error ? -1 : 1;
}

int prc_warc_next(prc_warc *w, prc_warc_record *rec) {
  memset(rec, 0, sizeof *rec);
  free(w->type);
  free(w->uri);
  free(w->ctype);
  w->type = w->uri = w->ctype = NULL;
  w->pos += w->consume;
  w->consume = 0;
  if (w->read_error) {
    errno = w->read_errno;
    return -1;
  }
  /* the blank lines between records */
  for (;;) {
    int f = fill(w, 1);
    if (f < 0) goto read_err;
    if (f == 0) {
      if (w->corrupt) return corrupt_rec(w, rec, w->buf_base + w->pos);
      if (w->gz_truncated && !w->gz_trunc_told) {
        w->gz_trunc_told = 1;
        return error_rec(w, rec, w->buf_base + w->pos, "truncated gzip stream (the file ends inside a gzip member)");
      }
      return 0;
    }
    char ch = w->buf[w->pos];
    if (ch != '\r' && ch != '\n') break;
    w->pos++;
  }
  uint64_t offset = w->buf_base + w->pos;
  int f = fill(w, 5);
  if (f < 0) goto read_err;
  if (f == 0 && w->corrupt) return corrupt_rec(w, rec, offset);
  if (f == 0 || memcmp(w->buf + w->pos, "WARC/", 5)) {
    error_rec(w, rec, offset, f == 0 ? "truncated record (the file ends in its first line)"
                                     : "not a WARC record (no \"WARC/\" version line): skipped to the next one");
    if (f == 0) w->pos = w->len;
    else if (resync_text(w, w->pos + 1) < 0) goto read_err;
    return 1;
  }
  /* the header: up to a blank line */
  size_t scanned = 0, hlen = 0;
  for (;;) {
    const char *b = w->buf + w->pos;
    size_t avail = w->len - w->pos;
    for (size_t i = scanned; i < avail; i++) {
      if (b[i] != '\n') continue;
      if (i >= 1 && b[i - 1] == '\n') { hlen = i + 1; break; }
      if (i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n') { hlen = i + 1; break; }
    }
    if (hlen) break;
    scanned = avail;
    if (avail >= HDR_MAX) {
      error_rec(w, rec, offset, "a WARC record header longer than %zu bytes: skipped to the next record", HDR_MAX);
      if (resync_text(w, w->pos + 1) < 0) goto read_err;
      return 1;
    }
    f = fill(w, avail + 1);
    if (f < 0) goto read_err;
    if (f == 0) {
      if (w->corrupt) return corrupt_rec(w, rec, offset);
      w->pos = w->len;
      return error_rec(w, rec, offset, "truncated record (the file ends in its header)");
    }
  }
  /* its fields */
  uint64_t clen = 0;
  int have_len = 0, len_ok = 1;
  {
    const char *b = w->buf + w->pos;
    size_t i = 0;
    while (i < hlen && b[i] != '\n') i++; /* the version line */
    i++;
    while (i < hlen) {
      size_t e = i;
      while (e < hlen && b[e] != '\n') e++;
      const char *line = b + i;
      size_t n = e - i;
      if (n && line[n - 1] == '\r') n--;
      const char *colon = memchr(line, ':', n);
      if (n && colon && line[0] != ' ' && line[0] != '\t') {
        const char *v = colon + 1;
        size_t vn = n - (size_t)(v - line);
        if (name_is(line, n, "Content-Length")) {
          char *s = dup_trim(v, vn);
          if (!s) goto oom;
          have_len = 1;
          clen = 0;
          if (!*s) len_ok = 0;
          for (char *p = s; *p; p++) {
            if (*p < '0' || *p > '9') { len_ok = 0; break; }
            clen = clen > (UINT64_MAX - 9) / 10 ? UINT64_MAX : clen * 10 + (uint64_t)(*p - '0');
          }
          free(s);
        } else if (name_is(line, n, "WARC-Type") && !w->type) {
          if (!(w->type = dup_trim(v, vn))) goto oom;
        } else if (name_is(line, n, "WARC-Target-URI") && !w->uri) {
          char *s = dup_trim(v, vn);
          if (!s) goto oom;
          size_t sl = strlen(s);
          if (sl >= 2 && s[0] == '<' && s[sl - 1] == '>') {
            memmove(s, s + 1, sl - 2);
            s[sl - 2] = 0;
          }
          w->uri = s;
        } else if (name_is(line, n, "Content-Type") && !w->ctype) {
          if (!(w->ctype = dup_trim(v, vn))) goto oom;
        }
      }
      i = e + 1;
    }
  }
  if (!have_len || !len_ok) {
    error_rec(w, rec, offset, "a WARC record without a valid Content-Length: skipped to the next record");
    if (resync_text(w, w->pos + 1) < 0) goto read_err;
    return 1;
  }
  if (clen > w->max_record) {
    error_rec(w, rec, offset, "a WARC record of %llu bytes, over the limit of %zu: skipped",
              (unsigned long long)clen, w->max_record);
    w->pos += hlen;
    if (skip(w, clen) < 0) goto read_err;
    return 1;
  }
  f = fill(w, hlen + (size_t)clen);
  if (f < 0) goto read_err;
  if (f == 0) {
    if (w->corrupt) return corrupt_rec(w, rec, offset);
    size_t got = w->len - w->pos - hlen;
    w->pos = w->len;
    return error_rec(w, rec, offset, "truncated record (the file ends after %zu of its %llu bytes)", got,
                     (unsigned long long)clen);
  }
  /* the two CRLFs after the block (lenient: LFs, or the end of the file) */
  f = fill(w, hlen + (size_t)clen + 4);
  if (f < 0) goto read_err;
  if (f == 0 && w->corrupt) return corrupt_rec(w, rec, offset);
  {
    const char *t = w->buf + w->pos + hlen + (size_t)clen;
    size_t avail = w->len - w->pos - hlen - (size_t)clen, tl = 0;
    while (tl < avail && tl < 4 && (t[tl] == '\r' || t[tl] == '\n')) tl++;
    int ok = tl == avail || (tl >= 2 && (tl == 4 || t[tl] == 'W'));
    if (!ok) {
      error_rec(w, rec, offset, "the WARC record does not end where its Content-Length (%llu) says: "
                "skipped to the next record", (unsigned long long)clen);
      if (resync_text(w, w->pos + hlen) < 0) goto read_err;
      return 1;
    }
    w->consume = hlen + (size_t)clen + tl;
  }
  rec->number = ++w->number;
  rec->offset = offset;
  rec->type = w->type ? w->type : "";
  rec->target_uri = w->uri;
  rec->content_type = w->ctype;
  rec->block = w->buf + w->pos + hlen;
  rec->block_len = (size_t)clen;
  return 1;
oom:
  w->read_error = 1;
  w->read_errno = ENOMEM;
read_err:
  errno = w->read_errno ? w->read_errno : EIO;
  return -1;
}

/* ---- HTTP ------------------------------------------------------------ */

static int http_err(prc_http_response *r, const char *fmt, const char *arg) {
  snprintf(r->errbuf, sizeof r->errbuf, fmt, arg);
  r->error = r->errbuf;
  free(r->body);
  r->body = NULL;
  r->body_len = 0;
  return -1;
}

/* Lower-case, trimmed copy of s[0..n) into dst (truncated to cap). */
static void copy_lower(char *dst, size_t cap, const char *s, size_t n, int lower) {
  while (n && (*s == ' ' || *s == '\t' || *s == '"')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '"')) n--;
  size_t k = 0;
  for (; k < n && k + 1 < cap; k++) {
    unsigned char c = (unsigned char)s[k];
    dst[k] = (char)(lower ? tolower(c) : c);
    if (!c || c < 0x20) dst[k] = ' ';
  }
  dst[k] = 0;
}

static int contains_token(const char *v, size_t n, const char *tok) {
  size_t k = strlen(tok);
  for (size_t i = 0; i + k <= n; i++)
    if (!strncasecmp(v + i, tok, k)) return 1;
  return 0;
}

enum { ENC_NONE, ENC_GZIP, ENC_DEFLATE };

/* inflate src into a malloc'd buffer of at most max bytes; windowBits as
 * for inflateInit2.  0, -1 corrupt, -2 over max, -3 out of memory. */
static int inflate_all(const unsigned char *src, size_t n, int wbits, size_t max, char **out, size_t *out_len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, wbits) != Z_OK) return -3;
  size_t cap = n * 4 + 4096, len = 0;
  if (cap > max + 1) cap = max + 1;
  char *b = malloc(cap + 1);
  if (!b) { inflateEnd(&z); return -3; }
  int rc = -1;
  z.next_in = (unsigned char *)src;
  while (n) {
    uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
    z.avail_in = chunk;
    for (;;) {
      if (len == cap) {
        if (cap > max) { rc = -2; goto done; }
        size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
        char *nb = realloc(b, nc + 1);
        if (!nb) { rc = -3; goto done; }
        b = nb;
        cap = nc;
      }
      z.next_out = (unsigned char *)b + len;
      z.avail_out = (uInt)(cap - len > (1u << 30) ? (1u << 30) : cap - len);
      uInt o0 = z.avail_out;
      int zr = inflate(&z, Z_NO_FLUSH);
      len += o0 - z.avail_out;
      if (len > max) { rc = -2; goto done; }
      if (zr == Z_STREAM_END) {
        /* another gzip member may follow */
        size_t left = z.avail_in + (n - chunk);
        if (left && wbits > MAX_WBITS && *z.next_in == 0x1f) {
          n = left;
          inflateReset(&z);
          goto next_chunk;
        }
        rc = 0;
        goto done;
      }
      if (zr != Z_OK && zr != Z_BUF_ERROR) goto done;
      if (z.avail_in == 0) break;
      if (zr == Z_BUF_ERROR && z.avail_out) goto done;
    }
    n -= chunk;
    continue;
  next_chunk:;
  }
  rc = -1; /* the input ends before the stream does */
done:
  inflateEnd(&z);
  if (rc) {
    free(b);
    return rc;
  }
  b[len] = 0;
  *out = b;
  *out_len = len;
  return 0;
}

int prc_http_parse(const char *block, size_t len, size_t max_body, prc_http_response *r) {
  memset(r, 0, sizeof *r);
  if (len < 12 || memcmp(block, "HTTP/", 5)) return http_err(r, "not an HTTP response%s", "");
  size_t hend = 0;
  for (size_t i = 1; i < len; i++) {
    if (block[i] != '\n') continue;
    if (block[i - 1] == '\n') { hend = i + 1; break; }
    if (i >= 2 && block[i - 1] == '\r' && block[i - 2] == '\n') { hend = i + 1; break; }
  }
  if (!hend) return http_err(r, "HTTP headers without an end%s", "");
  const char *sp = memchr(block, ' ', hend);
  if (!sp || sp + 4 > block + hend || !isdigit((unsigned char)sp[1]) || !isdigit((unsigned char)sp[2]) ||
      !isdigit((unsigned char)sp[3]))
    return http_err(r, "an HTTP status line without a status%s", "");
  r->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
  int chunked = 0, enc = ENC_NONE;
  char bad_ce[64] = "";
  size_t i = 0;
  while (i < hend && block[i] != '\n') i++;
  i++;
  while (i < hend) {
    size_t e = i;
    while (e < hend && block[e] != '\n') e++;
    const char *line = block + i;
    size_t n = e - i;
    if (n && line[n - 1] == '\r') n--;
    const char *colon = memchr(line, ':', n);
    if (colon) {
      const char *v = colon + 1;
      size_t vn = n - (size_t)(v - line);
      if (name_is(line, n, "Content-Type")) {
        const char *semi = memchr(v, ';', vn);
        copy_lower(r->mime, sizeof r->mime, v, semi ? (size_t)(semi - v) : vn, 1);
        for (const char *p = semi; p && p < v + vn;) {
          p++;
          while (p < v + vn && (*p == ' ' || *p == '\t')) p++;
          const char *pe = memchr(p, ';', (size_t)(v + vn - p));
          if (!pe) pe = v + vn;
          if (pe - p > 8 && !strncasecmp(p, "charset=", 8))
            copy_lower(r->charset, sizeof r->charset, p + 8, (size_t)(pe - p - 8), 0);
          p = pe;
        }
      } else if (name_is(line, n, "Transfer-Encoding")) {
        if (contains_token(v, vn, "chunked")) chunked = 1;
      } else if (name_is(line, n, "Content-Encoding")) {
        char ce[64];
        copy_lower(ce, sizeof ce, v, vn, 1);
        if (!strcmp(ce, "gzip") || !strcmp(ce, "x-gzip")) enc = ENC_GZIP;
        else if (!strcmp(ce, "deflate")) enc = ENC_DEFLATE;
        else if (*ce && strcmp(ce, "identity")) snprintf(bad_ce, sizeof bad_ce, "%s", ce);
      }
    }
    i = e + 1;
  }
  if (*bad_ce) return http_err(r, "unsupported Content-Encoding \"%s\"", bad_ce);
  const char *body = block + hend;
  size_t blen = len - hend;
  char *dechunked = NULL;
  if (chunked) {
    size_t cap = blen + 1, out = 0, p = 0;
    dechunked = malloc(cap);
    if (!dechunked) return http_err(r, "out of memory%s", "");
    for (;;) {
      uint64_t sz = 0;
      size_t digits = 0;
      while (p < blen && isxdigit((unsigned char)body[p])) {
        if (++digits > 15) break;
        int c = (unsigned char)body[p];
        sz = sz * 16 + (uint64_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
        p++;
      }
      if (!digits || digits > 15) { free(dechunked); return http_err(r, "a bad chunk size in a chunked body%s", ""); }
      while (p < blen && body[p] != '\n') p++; /* chunk extensions, CRLF */
      if (p >= blen) { free(dechunked); return http_err(r, "a truncated chunked body%s", ""); }
      p++;
      if (sz == 0) break; /* trailers are not needed */
      if (sz > blen - p) { free(dechunked); return http_err(r, "a truncated chunked body%s", ""); }
      memcpy(dechunked + out, body + p, (size_t)sz);
      out += (size_t)sz;
      p += (size_t)sz;
      if (p < blen && body[p] == '\r') p++;
      if (p < blen && body[p] == '\n') p++;
    }
    body = dechunked;
    blen = out;
  }
  if (enc != ENC_NONE) {
    char *o = NULL;
    size_t on = 0;
    int rc = inflate_all((const unsigned char *)body, blen, enc == ENC_GZIP ? 16 + MAX_WBITS : MAX_WBITS, max_body,
                         &o, &on);
    if (rc == -1 && enc == ENC_DEFLATE) /* "deflate" is often raw deflate, without the zlib header */
      rc = inflate_all((const unsigned char *)body, blen, -MAX_WBITS, max_body, &o, &on);
    free(dechunked);
    if (rc == -2) {
      char lim[32];
      snprintf(lim, sizeof lim, "%zu", max_body);
      return http_err(r, "a compressed body that decompresses to more than %s bytes", lim);
    }
    if (rc == -3) return http_err(r, "out of memory%s", "");
    if (rc) return http_err(r, "a corrupt or truncated compressed body (Content-Encoding %s)",
                            enc == ENC_GZIP ? "gzip" : "deflate");
    r->body = o;
    r->body_len = on;
    return 0;
  }
  if (blen > max_body) {
    free(dechunked);
    return http_err(r, "an HTTP body over the size limit%s", "");
  }
  if (dechunked) {
    r->body = dechunked; /* blen + 1 bytes were allocated */
  } else {
    r->body = malloc(blen + 1);
    if (!r->body) return http_err(r, "out of memory%s", "");
    memcpy(r->body, body, blen);
  }
  r->body[blen] = 0;
  r->body_len = blen;
  return 0;
}

int prc_http_is_html(const prc_http_response *r) {
  return !strcmp(r->mime, "text/html") || !strcmp(r->mime, "application/xhtml+xml");
}
