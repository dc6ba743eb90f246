/* html.c - HTML -> plain text for "precis --input html": visible text, one
 * block (p, h1-h6, li, div, br, ...) a line, entities decoded, scripts,
 * styles and comments dropped.  Spans in the output refer to this text. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static size_t enc(unsigned long cp, char *o) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static const struct { const char *name; unsigned long cp; } entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
    {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"hellip", 0x2026}, {"pound", 0xA3}, {"euro", 0x20AC}, {"copy", 0xA9},
    {"laquo", 0xAB}, {"raquo", 0xBB}, {"eacute", 0xE9}, {"egrave", 0xE8}, {"aacute", 0xE1},
    {"oacute", 0xF3}, {"uuml", 0xFC}, {"ouml", 0xF6}, {"auml", 0xE4}, {"ccedil", 0xE7}, {NULL, 0}};

static int is_block(const char *t, size_t n) {
  static const char *blocks[] = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                 "tr", "table", "article", "section", "blockquote", "header", "footer",
                                 "figcaption", "title", "hr", "dd", "dt", NULL};
  for (int i = 0; blocks[i]; i++)
    if (strlen(blocks[i]) == n && !strncasecmp(blocks[i], t, n)) return 1;
  return 0;
}

char *prc_html_to_text(const char *h, size_t len, size_t *out_len) {
  char *o = malloc(len + 1);
  if (!o) return NULL;
  size_t n = 0, i = 0;
  int space = 0, line_start = 1;
#define NEWLINE()                                     \
  do {                                                \
    while (n && o[n - 1] == ' ') n--;                 \
    if (n && o[n - 1] != '\n') o[n++] = '\n';         \
    space = 0; line_start = 1;                        \
  } while (0)
  while (i < len) {
    char c = h[i];
    if (c == '<') {
      if (i + 3 < len && !strncmp(h + i, "<!--", 4)) {
        const char *e = NULL;
        for (size_t k = i + 4; k + 2 < len; k++) if (!strncmp(h + k, "-->", 3)) { e = h + k; break; }
        i = e ? (size_t)(e - h) + 3 : len;
        continue;
      }
      size_t k = i + 1;
      int closing = 0;
      if (k < len && h[k] == '/') { closing = 1; k++; }
      size_t ns = k;
      while (k < len && (isalnum((unsigned char)h[k]))) k++;
      size_t tn = k - ns;
      const char *tag = h + ns;
      if (tn == 0) { /* a stray '<' (before looking for a '>': "<<<<" would be quadratic) */
        o[n++] = '<'; i++; space = 0; line_start = 0; continue;
      }
      /* find the end of the tag, respecting quoted attribute values */
      char q = 0;
      while (k < len && (q || h[k] != '>')) {
        if (q) { if (h[k] == q) q = 0; }
        else if (h[k] == '"' || h[k] == '\'') q = h[k];
        k++;
      }
      i = k < len ? k + 1 : len;
      if (!closing && ((tn == 6 && !strncasecmp(tag, "script", 6)) || (tn == 5 && !strncasecmp(tag, "style", 5)))) {
        const char *endtag = tn == 6 ? "</script" : "</style";
        size_t el = strlen(endtag);
        size_t m = i;
        while (m + el <= len && strncasecmp(h + m, endtag, el)) m++;
        i = m;
        continue;
      }
      if (is_block(tag, tn)) NEWLINE();
      continue;
    }
    if (c == '&') {
      size_t k = i + 1;
      unsigned long cp = 0;
      int ok = 0;
      if (k < len && h[k] == '#') {
        k++;
        int hex = (k < len && (h[k] == 'x' || h[k] == 'X'));
        if (hex) k++;
        size_t ds = k;
        while (k < len && k - ds < 8 && (hex ? isxdigit((unsigned char)h[k]) : isdigit((unsigned char)h[k]))) {
          cp = cp * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)h[k]) ? h[k] - '0' : (tolower((unsigned char)h[k]) - 'a' + 10));
          k++;
        }
        ok = k > ds && k < len && h[k] == ';';
      } else {
        size_t ns = k;
        while (k < len && k - ns < 10 && isalnum((unsigned char)h[k])) k++;
        if (k < len && h[k] == ';')
          for (int e = 0; entities[e].name; e++)
            if (strlen(entities[e].name) == k - ns && !strncmp(entities[e].name, h + ns, k - ns)) { cp = entities[e].cp; ok = 1; break; }
      }
      if (ok) {
        char tmp[4];
        size_t w = enc(cp, tmp);
        if (cp == ' ') { if (!line_start && !space) { o[n++] = ' '; space = 1; } }
        else { memcpy(o + n, tmp, w); n += w; space = 0; line_start = 0; }
        i = k + 1;
        continue;
      }
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!line_start && !space) { o[n++] = ' '; space = 1; }
      i++;
      continue;
    }
    o[n++] = c;
    space = 0;
    line_start = 0;
    i++;
  }
  while (n && (o[n - 1] == ' ' || o[n - 1] == '\n')) n--;
  o[n] = 0;
  *out_len = n;
  return o;
}
