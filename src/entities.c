/* entities.c - stage under construction */
#include "doc.h"
void find_entities(precis_doc *d) { (void)d; }
