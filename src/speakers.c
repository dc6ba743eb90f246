/* speakers.c - stage under construction */
#include "doc.h"
void resolve_speakers(precis_doc *d) { (void)d; }
