/* attribution.c - stage under construction */
#include "doc.h"
void find_attributions(precis_doc *d) { (void)d; }
