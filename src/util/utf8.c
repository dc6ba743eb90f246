/* util/utf8.c - see util/utf8.h. */
#include "utf8.h"

size_t prc_utf8_valid_seq(const unsigned char *s, size_t n, size_t *bad) {
  unsigned c = s[0];
  *bad = 1;
  if (c < 0x80) return 1;
  size_t need;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c == 0xE0) { need = 2; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) need = 2;
  else if (c == 0xED) { need = 2; hi = 0x9F; }
  else if (c >= 0xEE && c <= 0xEF) need = 2;
  else if (c == 0xF0) { need = 3; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) need = 3;
  else if (c == 0xF4) { need = 3; hi = 0x8F; }
  else return 0;
  for (size_t k = 1; k <= need; k++) {
    if (k >= n) { *bad = k; return 0; }
    unsigned b = s[k];
    unsigned l = (k == 1) ? lo : 0x80, h = (k == 1) ? hi : 0xBF;
    if (b < l || b > h) { *bad = k; return 0; }
  }
  return need + 1;
}

int prc_utf8_valid(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)s + i, n - i, &bad);
    if (!ok) return 0;
    i += ok;
  }
  return 1;
}
