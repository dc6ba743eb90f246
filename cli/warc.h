/* warc.h - a streaming reader of WARC files (ISO 28500, WARC/1.0 and 1.1),
 * plain or gzip-compressed (one gzip member a record, as Common Crawl and
 * CC-NEWS write them, or one member for the whole file), and the HTTP
 * responses inside them.  Self-contained (zlib and libc only): the precis
 * CLI reads crawls with it (--input warc) and fuzz/fuzz_warc.c fuzzes it.
 *
 * Pull API: prc_warc_next gives one record at a time, its header fields and
 * its block, which stays valid until the next call.  Memory is bounded by
 * the largest record accepted (max_record) plus a 64 KiB header: a record
 * that declares more is skipped, unread, with an error; a declared length
 * of 10^12 allocates nothing.  A corrupt or truncated record comes back as
 * a record with `error` set, and the reader goes on at the next record it
 * can find (the next "WARC/1." line, or the next gzip member after corrupt
 * compressed data), so one bad record costs one error and no more. */
#ifndef PRECIS_CLI_WARC_H
#define PRECIS_CLI_WARC_H

#include <stddef.h>
#include <stdint.h>

/* Reads up to cap bytes into buf: the count read, 0 at the end, -1 on a
 * read error (errno set). */
typedef long (*prc_warc_read_fn)(void *ctx, void *buf, size_t cap);

typedef struct prc_warc prc_warc;

typedef struct prc_warc_record {
  uint64_t number;          /* 1-based, counting every record and error */
  uint64_t offset;          /* of its "WARC/" line in the uncompressed stream */
  const char *type;         /* WARC-Type ("response", "request", ...); "" when absent */
  const char *target_uri;   /* WARC-Target-URI without <>, or NULL */
  const char *content_type; /* the record's Content-Type, or NULL */
  const char *block;        /* the record block (Content-Length bytes); NULL with error */
  size_t block_len;
  const char *error;        /* NULL, or why this record could not be read */
} prc_warc_record;

#define PRC_WARC_DEFAULT_MAX_RECORD ((size_t)64 << 20)

/* NULL when out of memory.  max_record 0: PRC_WARC_DEFAULT_MAX_RECORD. */
prc_warc *prc_warc_new(prc_warc_read_fn read, void *ctx, size_t max_record);
/* 1: a record (check rec->error), 0: the end, -1: a read error (errno set). */
int prc_warc_next(prc_warc *w, prc_warc_record *rec);
/* Bytes read from the source so far (compressed bytes for .warc.gz). */
uint64_t prc_warc_bytes_read(const prc_warc *w);
void prc_warc_free(prc_warc *w);

/* An HTTP response (a "response" record's block), decoded. */
typedef struct prc_http_response {
  int status;         /* 200, 404, ... */
  char mime[128];     /* Content-Type's media type, lower case ("text/html"); "" when absent */
  char charset[64];   /* its charset parameter, as written; "" when absent */
  char *body;         /* malloc'd, NUL-terminated: dechunked and decompressed */
  size_t body_len;
  const char *error;  /* NULL, or why the response could not be decoded (body NULL) */
  char errbuf[160];
} prc_http_response;

/* Parses block[0..len): status line, headers, then the body with
 * Transfer-Encoding: chunked undone and Content-Encoding gzip, x-gzip or
 * deflate decompressed (at most max_body bytes, else an error).  0, or -1
 * with r->error set; free r->body after either. */
int prc_http_parse(const char *block, size_t len, size_t max_body, prc_http_response *r);
/* An HTML media type: text/html, application/xhtml+xml. */
int prc_http_is_html(const prc_http_response *r);

#endif
