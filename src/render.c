/* render.c - precis_render / precis_render_to: picks the writer for a format. */
#include "doc.h"
#include "writers.h"

static void render(buf *b, const precis_doc *d, precis_format fmt, const char *id) {
  switch (fmt) {
  case PRECIS_FORMAT_JSON: prc_write_json(b, d, id, 1); prc_buf_putc(b, '\n'); break;
  case PRECIS_FORMAT_JSONL: prc_write_json(b, d, id, 0); prc_buf_putc(b, '\n'); break;
  case PRECIS_FORMAT_BRAT: prc_write_brat(b, d); break;
  case PRECIS_FORMAT_CONLLU: prc_write_conllu(b, d, id); break;
  case PRECIS_FORMAT_TEXT:
  default: prc_write_text(b, d, id); break;
  }
}

char *precis_render(const precis_doc *d, precis_format fmt, const char *id, size_t *len) {
  if (len) *len = 0;
  if (!d) return NULL;
  buf b;
  prc_buf_init(&b, d->opts.allocator);
  render(&b, d, fmt, id);
  return prc_buf_finish(&b, len);
}

int precis_render_to(const precis_doc *d, precis_format fmt, const char *id, precis_write_fn write, void *ctx) {
  if (!d || !write) return -1;
  buf b;
  prc_buf_init(&b, d->opts.allocator);
  prc_buf_set_sink(&b, write, ctx, PRC_BUF_PIECE);
  render(&b, d, fmt, id);
  int rc = prc_buf_flush(&b);
  prc_buf_release(&b);
  return rc;
}
