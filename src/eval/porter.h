/* porter.h - the Porter (1980) suffix-stripping stemmer, in the variant
 * that NLTK's PorterStemmer uses by default (mode NLTK_EXTENSIONS).
 *
 * The differences from the published algorithm are listed in porter.c and
 * in docs/evaluation.md ("Stemming").  ROUGE scoring (rouge.c) relies on
 * this exact behaviour to agree with the rouge-score package.
 */
#ifndef PRECIS_PORTER_H
#define PRECIS_PORTER_H

#include <stddef.h>

/* Stem the n bytes at w (lowercase ASCII letters and digits; other bytes
 * are treated as consonants).  Writes the stem to out, NUL-terminated, and
 * returns its length.  The stem is never longer than the word, so out must
 * have room for n + 1 bytes.  Words of 2 bytes or fewer are returned as is. */
size_t prc_porter_stem(const char *w, size_t n, char *out);

#endif
