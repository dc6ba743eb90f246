/* keypoints.c - stage under construction */
#include "doc.h"
void select_keypoints(precis_doc *d) { (void)d; }
