/* utf8.h - UTF-8 helpers shared by the stages (implemented in text.c). */
#ifndef PRECIS_UTF8_H
#define PRECIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "util/utf8.h"

/* Decode the code point at byte i of a valid UTF-8 string; *next = following byte. */
uint32_t prc_utf8_decode(const char *s, uint32_t len, uint32_t i, uint32_t *next);
size_t prc_utf8_encode(uint32_t cp, char *out);
/* Copy with every ill-formed sequence and every NUL byte replaced by U+FFFD. */
char *prc_utf8_repair(arena *a, const char *in, size_t len, size_t *out_len, size_t *repairs);

#endif
