/* render.c - precis_render: picks the writer for a format. */
#include "doc.h"
#include "writers.h"

char *precis_render(const precis_doc *d, precis_format fmt, const char *id, size_t *len) {
  if (len) *len = 0;
  if (!d) return NULL;
  buf b;
  prc_buf_init(&b, d->opts.allocator);
  switch (fmt) {
  case PRECIS_FORMAT_JSON: prc_write_json(&b, d, id, 1); prc_buf_putc(&b, '\n'); break;
  case PRECIS_FORMAT_JSONL: prc_write_json(&b, d, id, 0); prc_buf_putc(&b, '\n'); break;
  case PRECIS_FORMAT_BRAT: prc_write_brat(&b, d); break;
  case PRECIS_FORMAT_TEXT:
  default: prc_write_text(&b, d, id); break;
  }
  return prc_buf_finish(&b, len);
}
