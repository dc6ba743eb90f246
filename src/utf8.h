/* utf8.h - UTF-8 helpers shared by the stages (implemented in text.c). */
#ifndef PRECIS_UTF8_H
#define PRECIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Decode the code point at byte i of a valid UTF-8 string; *next = following byte. */
uint32_t prc_utf8_decode(const char *s, uint32_t len, uint32_t i, uint32_t *next);
size_t prc_utf8_encode(uint32_t cp, char *out);
/* Length of the well-formed sequence at s, or 0 (then *bad = bytes to replace). */
size_t prc_utf8_valid_seq(const unsigned char *s, size_t n, size_t *bad);
/* Copy with every ill-formed sequence and every NUL byte replaced by U+FFFD. */
char *prc_utf8_repair(arena *a, const char *in, size_t len, size_t *out_len, size_t *repairs);

#endif
