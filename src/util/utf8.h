/* util/utf8.h - UTF-8 well-formedness, shared by libprecis and the tool. */
#ifndef PRECIS_UTIL_UTF8_H
#define PRECIS_UTIL_UTF8_H

#include <stddef.h>

/* Length of the well-formed sequence at s[0..n) (1..4), or 0 when it is
 * ill-formed; *bad then gets the number of bytes of the maximal ill-formed
 * subpart (Unicode table 3-7), which one U+FFFD replaces. */
size_t prc_utf8_valid_seq(const unsigned char *s, size_t n, size_t *bad);
/* Is s[0..n) well-formed UTF-8? */
int prc_utf8_valid(const char *s, size_t n);

#endif
