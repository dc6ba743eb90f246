/* text.c - stage 1: input bytes -> repaired UTF-8 text and a code-point index.
 *
 * Every ill-formed UTF-8 sequence (per the Unicode "maximal subpart"
 * practice: each maximal invalid prefix is one error) becomes U+FFFD, so the
 * analysed text is always valid UTF-8.  So does a NUL byte (counted as a
 * repair too): every string the library hands out is NUL-terminated, and an
 * embedded NUL would silently cut it short.  Spans reported to users are code
 * points of this repaired text. */
#include <string.h>

#include "doc.h"
#include "utf8.h"


uint32_t prc_utf8_decode(const char *s, uint32_t len, uint32_t i, uint32_t *next) {
  const unsigned char *p = (const unsigned char *)s + i;
  unsigned c = p[0];
  if (c < 0x80 || i + 1 > len) { *next = i + 1; return c; }
  if (c < 0xE0 && i + 2 <= len) { *next = i + 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
  if (c < 0xF0 && i + 3 <= len) {
    *next = i + 3;
    return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  if (i + 4 <= len) {
    *next = i + 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  }
  *next = len;
  return 0xFFFD;
}

size_t prc_utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

char *prc_utf8_repair(arena *a, const char *in, size_t len, size_t *out_len, size_t *repairs) {
  const unsigned char *s = (const unsigned char *)in;
  size_t i = 0, nbad = 0;
  /* fast path: count errors first */
  size_t extra = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      if (!s[i]) { nbad++; extra += 2; }
      i++;
      continue;
    }
    size_t bad, ok = prc_utf8_valid_seq(s + i, len - i, &bad);
    if (ok) i += ok;
    else { nbad++; extra += 3; i += bad; }
  }
  char *out = prc_arena_alloc(a, len + extra + 1);
  if (!nbad) {
    memcpy(out, in, len);
    out[len] = 0;
    *out_len = len;
    *repairs = 0;
    return out;
  }
  size_t o = 0;
  i = 0;
  while (i < len) {
    if (s[i] && s[i] < 0x80) { out[o++] = (char)s[i++]; continue; }
    if (!s[i]) { memcpy(out + o, "\xEF\xBF\xBD", 3); o += 3; i++; continue; }
    size_t bad, ok = prc_utf8_valid_seq(s + i, len - i, &bad);
    if (ok) { memcpy(out + o, s + i, ok); o += ok; i += ok; }
    else { memcpy(out + o, "\xEF\xBF\xBD", 3); o += 3; i += bad; }
  }
  out[o] = 0;
  *out_len = o;
  *repairs = nbad;
  return out;
}

int prc_text_prepare(precis_doc *d, const char *in, size_t len) {
  size_t olen = 0, rep = 0;
  /* offsets are 32-bit: precis_analyze_ex refuses a longer input, and the
   * repaired text (U+FFFD takes 3 bytes) must fit too */
  if (len > PRC_TEXT_MAX) return -1;
  d->text = prc_utf8_repair(&d->ar, in ? in : "", in ? len : 0, &olen, &rep);
  if (olen > PRC_TEXT_MAX) return -1;
  d->len = (uint32_t)olen;
  d->repairs = (uint32_t)rep;
  /* one count per block: a 32th of the 4 bytes a byte a full index took */
  d->cp_blk = prc_arena_alloc(&d->ar, (olen / PRC_CP_BLOCK + 1) * sizeof(uint32_t));
  uint32_t cp = 0;
  for (uint32_t b = 0; b < d->len; b++) {
    if (!(b % PRC_CP_BLOCK)) d->cp_blk[b / PRC_CP_BLOCK] = cp;
    cp += ((unsigned char)d->text[b] & 0xC0) != 0x80;
  }
  if (!(d->len % PRC_CP_BLOCK)) d->cp_blk[d->len / PRC_CP_BLOCK] = cp;
  d->ncp = cp;
  return 0;
}

/* continuation bytes (10xxxxxx) among the 8 bytes of w: bit 7 set, bit 6 clear */
static inline unsigned conts8(uint64_t w) {
  return (unsigned)__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ull);
}

uint32_t prc_cp_index(const precis_doc *d, uint32_t b) {
  const uint32_t base = b & ~(uint32_t)(PRC_CP_BLOCK - 1);
  const unsigned char *s = (const unsigned char *)d->text;
  uint32_t p = base, conts = 0;
  for (; p + 8 <= b; p += 8) {
    uint64_t w;
    memcpy(&w, s + p, 8);
    conts += conts8(w);
  }
  for (uint32_t q = p; q < b; q++) conts += (s[q] & 0xC0) == 0x80;
  uint32_t cp = d->cp_blk[b / PRC_CP_BLOCK] + (b - base) - conts;
  /* a continuation byte belongs to the character before it (text[len] is the NUL) */
  return cp - ((s[b] & 0xC0) == 0x80);
}
