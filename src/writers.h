/* writers.h - the output writers (write_*.c), driven by render.c. */
#ifndef PRECIS_WRITERS_H
#define PRECIS_WRITERS_H

#include "buf.h"
#include "precis.h"

void prc_write_json(buf *b, const precis_doc *d, const char *id, int pretty);
void prc_write_text(buf *b, const precis_doc *d, const char *id);
void prc_write_brat(buf *b, const precis_doc *d);
void prc_write_conllu(buf *b, const precis_doc *d, const char *id);

#endif
