/* extract.c - the main text of a web page, and its metadata (precis_extract).
 *
 * 1. Bytes -> UTF-8: a byte order mark, else the caller's encoding (an HTTP
 *    header), else a <meta charset> / http-equiv in the first 4 KB, else
 *    UTF-8 when the bytes are valid UTF-8 and Windows-1252 when not.
 *    ISO-8859-1 and US-ASCII are read as Windows-1252 (as browsers do);
 *    UTF-8 is repaired (U+FFFD); other encodings go to libxml2 (iconv).
 * 2. libxml2's HTML parser (recovering from broken markup) builds the tree;
 *    it decodes every character reference of HTML.
 * 3. Metadata: <title>, OpenGraph and other <meta> tags, JSON-LD.
 * 4. The article: every element gets its visible text and link text; junk
 *    elements (scripts, forms, navigation, asides, hidden ones) are out;
 *    paragraphs give points to their parent and grandparents (more for long
 *    text and commas), class and id names add or take away; the best
 *    container, scaled by its link density, wins, with its siblings that
 *    score near it.  Inside it, boilerplate (share bars, related links,
 *    captions, link lists, bylines) is pruned and headings and paragraphs
 *    are written one a line.
 * No code of another extractor was used; the ideas (text and link density,
 * class names, sibling merging) are the field's common ground. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xml_dl.h" /* libxml2, opened on first use */

#include "arena.h"
#include "doc.h"
#include <setjmp.h>
#include "error.h"
#include "precis.h"
#include "util/utf8.h"

/* ---- growable string ------------------------------------------------------ */
typedef struct { char *p; size_t n, cap; int oom; } sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 256;
    while (c < b->n + n + 1) c *= 2;
    char *q = realloc(b->p, c);
    if (!q) { b->oom = 1; return; }
    b->p = q; b->cap = c;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}
static void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }

static size_t put_cp(char *o, unsigned long cp) {
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

/* ---- encodings ------------------------------------------------------------ */
/* Windows-1252's 0x80-0x9F (0 = undefined there: kept as the C1 control). */
static const unsigned short cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

typedef enum { ENC_UTF8, ENC_1252, ENC_OTHER } enc_kind;

static enc_kind classify(const char *name) {
  static const char *latin[] = {"windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                                "latin-1", "l1", "us-ascii", "ascii", "x-cp1252", "cp819", "ibm819", NULL};
  if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8") || !strcasecmp(name, "unicode-1-1-utf-8")) return ENC_UTF8;
  for (int i = 0; latin[i]; i++)
    if (!strcasecmp(name, latin[i])) return ENC_1252;
  return ENC_OTHER;
}

/* A charset name at s (after "charset="), copied to out (at most cap-1 bytes). */
static int take_charset(const char *s, const char *end, char *out, size_t cap) {
  while (s < end && (*s == ' ' || *s == '"' || *s == '\'' || *s == '=')) s++;
  size_t k = 0;
  while (s < end && k + 1 < cap && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == ':' || *s == '.'))
    out[k++] = *s++;
  out[k] = 0;
  return k > 0;
}

/* Looks for charset= inside a <meta ...> tag in the first 4 KB. */
static int sniff_meta(const char *h, size_t len, char *out, size_t cap) {
  size_t lim = len < 4096 ? len : 4096;
  for (size_t i = 0; i + 5 < lim; i++) {
    if (h[i] != '<' || strncasecmp(h + i + 1, "meta", 4)) continue;
    const char *e = memchr(h + i, '>', lim - i);
    if (!e) return 0;
    for (const char *p = h + i; p + 8 <= e; p++)
      if (!strncasecmp(p, "charset", 7)) {
        const char *q = p + 7;
        while (q < e && *q == ' ') q++;
        if (q < e && *q == '=' && take_charset(q, e, out, cap)) return 1;
      }
    i = (size_t)(e - h);
  }
  return 0;
}

/* UTF-8 with ill-formed sequences and NULs replaced by U+FFFD. */
static char *repair_utf8(const char *s, size_t n, size_t *out_n) {
  char *o = malloc(n * 3 + 1);
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t bad, ok = prc_utf8_valid_seq((const unsigned char *)s + i, n - i, &bad);
    if (ok && s[i] != 0) { memcpy(o + k, s + i, ok); k += ok; i += ok; }
    else { k += put_cp(o + k, 0xFFFD); i += ok ? ok : bad; }
  }
  o[k] = 0;
  *out_n = k;
  return o;
}

static char *from_1252(const char *s, size_t n, size_t *out_n) {
  char *o = malloc(n * 3 + 1);
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned c = (unsigned char)s[i];
    unsigned long cp = c;
    if (c >= 0x80 && c < 0xA0 && cp1252_hi[c - 0x80]) cp = cp1252_hi[c - 0x80];
    if (cp == 0) cp = 0xFFFD;
    k += put_cp(o + k, cp);
  }
  o[k] = 0;
  *out_n = k;
  return o;
}

/* Two things libxml2 2.9's HTML parser does not do as browsers do, done
 * here on the UTF-8 bytes before it parses them:
 * - a '<' not followed by a letter, '/', '!' or '?' is text ("a << b",
 *   "<<<"), not a broken tag: written "&lt;";
 * - a numeric reference to 0, a surrogate or past U+10FFFF is U+FFFD, and
 *   one to 0x80-0x9F is the Windows-1252 character of that byte (&#146; is
 *   U+2019): libxml2 drops the first kind and keeps C1 controls. */
static char *fix_markup(const char *s, size_t n, size_t *out_n) {
  char *o = malloc(n * 4 + 16);
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    char c = s[i];
    if (c == '<') {
      unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
      if (!(isalpha(d) || d == '/' || d == '!' || d == '?')) { memcpy(o + k, "&lt;", 4); k += 4; i++; continue; }
    } else if (c == '&' && i + 2 < n && s[i + 1] == '#') {
      size_t j = i + 2;
      int hex = 0;
      if (s[j] == 'x' || s[j] == 'X') { hex = 1; j++; }
      size_t start = j;
      unsigned long v = 0;
      while (j < n && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
        int dv = isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10);
        if (v <= 0x10FFFF) v = v * (hex ? 16 : 10) + (unsigned long)dv;
        j++;
      }
      if (j > start) {
        unsigned long cp = v;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) cp = 0xFFFD;
        else if (v >= 0x80 && v < 0xA0 && cp1252_hi[v - 0x80]) cp = cp1252_hi[v - 0x80];
        if (cp != v) {
          if (j < n && s[j] == ';') j++;
          k += put_cp(o + k, cp);
          i = j;
          continue;
        }
      }
    }
    o[k++] = c;
    i++;
  }
  o[k] = 0;
  *out_n = k;
  return o;
}

/* ---- the tree ------------------------------------------------------------- */
/* libxml2's functions (xml_dl.h): precis_extract has opened it before any
 * of the functions below runs */
static const prc_xml_api *xa(void) { return prc_xml(NULL); }

static int name_is(const xmlNode *n, const char *s) {
  return n && n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, s);
}

static int in_list(const char *name, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcasecmp(name, list[i])) return 1;
  return 0;
}

/* never content, with everything inside */
static const char *const junk_tags[] = {"script", "style", "noscript", "template", "iframe", "svg", "canvas",
                                        "object", "embed", "nav", "aside", "button", "input", "select",
                                        "textarea", "option", "form", "head", "title", "meta", "link",
                                        "audio", "video", "picture", "img", "map", "dialog", "math", "footer",
                                        "figure", "figcaption", "label", NULL};
/* elements that end a line of text */
static const char *const block_tags[] = {"p", "div", "br", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "tr", "td", "th", "table", "article", "section", "blockquote",
                                         "header", "footer", "main", "pre", "hr", "address", "figure",
                                         "figcaption", "center", "body", "html", NULL};

typedef struct ninfo {
  xmlNode *node;
  int parent;         /* index, -1 for the root */
  int junk;           /* not content (with its subtree) */
  int cls;            /* class/id weight: > 0 content-like, < 0 boilerplate-like */
  int neg_strong;     /* a boilerplate name (pruned inside the article) */
  size_t text, links; /* visible non-space bytes in the subtree, of them inside <a> */
  size_t commas;
  size_t na;                     /* <a> elements in the subtree */
  size_t itext, ilinks, icommas; /* the same, outside block-level descendants (inline text) */
  double score;       /* paragraph points received */
  int is_cand;
} ninfo;

typedef struct ctx {
  ninfo *v;
  size_t n, cap;
  int oom;
} ctx;

static size_t count_text(const xmlChar *s, size_t *commas) {
  size_t c = 0;
  for (const unsigned char *p = s; p && *p; p++) {
    if (!isspace(*p)) c++;
    if (*p == ',') (*commas)++;
  }
  return c;
}

/* Splits class and id into lower-case words and weighs them. */
static const char *const neg_words[] = {
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "banner", "breadcrumb", "breadcrumbs",
    "byline", "caption", "comment", "comments", "community", "cookie", "copyright", "credit", "credits",
    "disqus", "dropdown", "footer", "footnote", "foot", "hidden", "login", "masthead", "menu", "meta",
    "modal", "nav", "navbar", "navigation", "newsletter", "outbrain", "pagination", "popular", "popup",
    "print", "promo", "promotion", "rail", "recommended", "recommendations", "related", "share", "sharing",
    "shoutbox", "sidebar", "signup", "skip", "social", "sponsor", "sponsored", "subscribe", "subscription",
    "taboola", "tags", "tag", "toolbar", "tools", "trending", "widget", "author", "bio", "timestamp",
    "dateline", "date", "overlay", "tooltip", "teaser", "more", "next", "prev", "pager", "keywords",
    "topics", "follow", "email", "print", "inline", "embed", "video", "gallery", "photo", "image", "img",
    "media", "figure", "headline", "title", "header", "kicker", "label", "icon", "button", "btn", NULL};
static const char *const pos_words[] = {"article", "content", "story", "body", "main", "entry", "post",
                                        "text", "blog", "paragraph", "prose", "articlebody", "storybody",
                                        "postbody", "entrycontent", "richtext", NULL};
/* boilerplate names strong enough to prune an element inside the article */
static const char *const prune_words[] = {
    "ad", "ads", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs", "byline", "caption",
    "comment", "comments", "cookie", "credit", "credits", "disqus", "footer", "hidden", "meta", "modal",
    "nav", "navigation", "newsletter", "outbrain", "popup", "promo", "recommended", "related", "share",
    "sharing", "sidebar", "signup", "social", "sponsor", "sponsored", "subscribe", "subscription", "taboola",
    "tags", "toolbar", "trending", "widget", "author", "bio", "timestamp", "dateline", "overlay", "tooltip",
    "gallery", "keywords", "topics", "follow", "kicker", "video", "embed", "media", "photo", "image", NULL};

/* +25 when a word of s is content-like, -25 when one is boilerplate-like
 * (both: 0); *neg set when one is a pruning word. */
static void weigh_names(const char *s, int *cls, int *neg) {
  char w[64];
  size_t k = 0;
  int pos = 0, bad = 0;
  for (const char *p = s;; p++) {
    if (*p && isalnum((unsigned char)*p)) {
      if (k + 1 < sizeof w) w[k++] = (char)tolower((unsigned char)*p);
      continue;
    }
    if (k) {
      w[k] = 0;
      if (in_list(w, pos_words)) pos = 1;
      else if (in_list(w, neg_words)) bad = 1;
      if (in_list(w, prune_words)) *neg = 1;
      k = 0;
    }
    if (!*p) break;
  }
  *cls += 25 * (pos - bad);
}

static const char *attr(const xmlNode *n, const char *name) {
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && !strcasecmp((const char *)a->name, name) && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

static int has_attr(const xmlNode *n, const char *name) {
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && !strcasecmp((const char *)a->name, name)) return 1;
  return 0;
}

static int hidden(const xmlNode *n) {
  if (has_attr(n, "hidden")) return 1;
  const char *a = attr(n, "aria-hidden");
  if (a && !strcasecmp(a, "true")) return 1;
  const char *st = attr(n, "style");
  if (st) {
    char b[256];
    size_t k = 0;
    for (const char *p = st; *p && k + 1 < sizeof b; p++)
      if (!isspace((unsigned char)*p)) b[k++] = (char)tolower((unsigned char)*p);
    b[k] = 0;
    if (strstr(b, "display:none") || strstr(b, "visibility:hidden")) return 1;
  }
  return 0;
}

/* Preorder walk (iterative: deep trees must not exhaust the stack). */
static void collect(ctx *c, xmlNode *root) {
  xmlNode *n = root;
  int parent = -1;
  while (n) {
    int idx = -1;
    if (n->type == XML_ELEMENT_NODE) {
      if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 1024;
        ninfo *v = realloc(c->v, nc * sizeof *v);
        if (!v) { c->oom = 1; return; }
        c->v = v; c->cap = nc;
      }
      idx = (int)c->n++;
      ninfo *in = &c->v[idx];
      memset(in, 0, sizeof *in);
      in->node = n;
      in->parent = parent;
      n->_private = (void *)(intptr_t)(idx + 1);
      const char *nm = (const char *)n->name;
      in->junk = (parent >= 0 && c->v[parent].junk) || in_list(nm, junk_tags) || hidden(n);
      const char *role = attr(n, "role");
      if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "complementary") ||
                   !strcasecmp(role, "contentinfo") || !strcasecmp(role, "banner") || !strcasecmp(role, "menu") ||
                   !strcasecmp(role, "dialog") || !strcasecmp(role, "alert")))
        in->junk = 1;
      const char *cl = attr(n, "class"), *id = attr(n, "id");
      if (cl) weigh_names(cl, &in->cls, &in->neg_strong);
      if (id) weigh_names(id, &in->cls, &in->neg_strong);
      if (role && !strcasecmp(role, "main")) in->cls += 25;
      if (n->children && !in->junk) { parent = idx; n = n->children; continue; }
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (parent >= 0 && !c->v[parent].junk) {
        size_t commas = 0, t = count_text(n->content, &commas);
        ninfo *p = &c->v[parent];
        p->text += t;
        p->commas += commas;
        p->itext += t;
        p->icommas += commas;
      }
    }
    /* next: sibling, else climb */
    while (n != root && !n->next) {
      n = n->parent;
      if (n->type == XML_ELEMENT_NODE && n->_private) parent = c->v[(intptr_t)n->_private - 1].parent;
    }
    if (n == root) return;
    n = n->next;
  }
}

/* Sums text up the tree (children come after parents in preorder). */
static void sum_up(ctx *c) {
  for (size_t i = c->n; i-- > 0;) {
    ninfo *in = &c->v[i];
    if (in->junk) { in->text = in->links = in->commas = 0; continue; }
    if (name_is(in->node, "a")) { in->links = in->ilinks = in->text; in->na++; }
    if (in->parent >= 0) {
      ninfo *p = &c->v[in->parent];
      p->text += in->text;
      p->links += in->links;
      p->commas += in->commas;
      p->na += in->na;
      if (!in_list((const char *)in->node->name, block_tags)) {
        p->itext += in->itext;
        p->ilinks += in->ilinks;
        p->icommas += in->icommas;
      }
    }
  }
}

static const char *const para_tags[] = {"p", "pre", "td", "blockquote", "li", "h2", "h3", "h4", NULL};

static int has_block_child(const xmlNode *n) {
  for (xmlNode *k = n->children; k; k = k->next)
    if (k->type == XML_ELEMENT_NODE && in_list((const char *)k->name, block_tags) && !name_is(k, "br")) return 1;
  return 0;
}

static double link_density(const ninfo *in) { return in->text ? (double)in->links / (double)in->text : 0; }

/* ---- writing text --------------------------------------------------------- */
typedef struct writer {
  sbuf out;
  int space, line_start;
  ctx *c;
  size_t top_text; /* text of the chosen container (pruning never takes most of it) */
  int prune;       /* prune boilerplate inside (0: all visible text) */
} writer;

static void w_newline(writer *w) {
  while (w->out.n && w->out.p[w->out.n - 1] == ' ') w->out.p[--w->out.n] = 0;
  if (w->out.n && w->out.p[w->out.n - 1] != '\n') sb_putc(&w->out, '\n');
  w->space = 0; w->line_start = 1;
}

static void w_text(writer *w, const unsigned char *s) {
  for (const unsigned char *p = s; p && *p;) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') { w->space = 1; p++; continue; }
    if (p[0] == 0xC2 && p[1] == 0xA0) { w->space = 1; p += 2; continue; } /* no-break space */
    if (w->space && !w->line_start) sb_putc(&w->out, ' ');
    w->space = 0; w->line_start = 0;
    const unsigned char *q = p;
    while (*q && !(*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f') && !(q[0] == 0xC2 && q[1] == 0xA0)) q++;
    sb_put(&w->out, (const char *)p, (size_t)(q - p));
    p = q;
  }
}

static ninfo *info(ctx *c, const xmlNode *n) {
  if (!n->_private) return NULL;
  return &c->v[(intptr_t)n->_private - 1];
}

/* Should this element (inside the article) be left out? */
static int pruned(writer *w, const xmlNode *n) {
  ninfo *in = info(w->c, n);
  if (!in) return 0;
  if (in->junk) return 1;
  if (!w->prune) return 0;
  const char *nm = (const char *)n->name;
  if (!strcasecmp(nm, "h1")) return 1; /* the title: in the metadata */
  /* a cluster of links (a hover card, a list of stories), even inline */
  if (strcasecmp(nm, "a") && in->na >= 3 && in->text >= 40 && link_density(in) >= 0.9) return 1;
  if (in->neg_strong && in->text * 2 < w->top_text) return 1;
  if (in->cls < 0 && in->text * 4 < w->top_text && link_density(in) > 0.3) return 1;
  int listy = !strcasecmp(nm, "ul") || !strcasecmp(nm, "ol") || !strcasecmp(nm, "table") || !strcasecmp(nm, "div") ||
              !strcasecmp(nm, "section") || !strcasecmp(nm, "header") || !strcasecmp(nm, "dl");
  if (listy && in->text * 2 < w->top_text) {
    double ld = link_density(in);
    if (ld > 0.5) return 1;
    if (in->text < 200 && ld > 0.3 && in->commas == 0) return 1;
  }
  if ((!strcasecmp(nm, "p") || !strcasecmp(nm, "li")) && in->text > 0 && link_density(in) > 0.8 && in->text < 300) return 1;
  return 0;
}

static void w_tree(writer *w, xmlNode *root) {
  /* iterative walk of root's subtree */
  xmlNode *n = root;
  while (n) {
    int descend = 0;
    if (n->type == XML_ELEMENT_NODE) {
      if (!pruned(w, n)) {
        if (in_list((const char *)n->name, block_tags)) w_newline(w);
        if (n->children) descend = 1;
        else if (in_list((const char *)n->name, block_tags)) w_newline(w);
      }
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      w_text(w, n->content);
    }
    if (descend) { n = n->children; continue; }
    if (n == root) break;
    while (!n->next) {
      n = n->parent;
      if (!n || n == root) { n = NULL; break; }
      if (n->type == XML_ELEMENT_NODE && in_list((const char *)n->name, block_tags)) w_newline(w);
    }
    if (!n) break;
    n = n->next;
  }
  if (root->type == XML_ELEMENT_NODE && in_list((const char *)root->name, block_tags)) w_newline(w);
}

/* ---- metadata ------------------------------------------------------------- */
typedef struct meta {
  char *title, *og_title, *ld_headline;
  char *byline, *ld_author;
  char *date, *ld_date;
  char *site, *ld_site;
} meta;

static char *dup_clean(const char *s) {
  if (!s) return NULL;
  writer w;
  memset(&w, 0, sizeof w);
  w.line_start = 1;
  w_text(&w, (const unsigned char *)s);
  if (w.out.oom || !w.out.p) { free(w.out.p); return NULL; }
  return w.out.p;
}

static void set_once(char **slot, const char *v) {
  if (*slot || !v) return;
  char *d = dup_clean(v);
  if (d && !*d) { free(d); d = NULL; }
  *slot = d;
}

/* JSON-LD: a small scanner for "key": "string" (and "key": {... "name": "..."}),
 * enough for headline, author, datePublished and publisher. */
static const char *skip_ws(const char *p) {
  while (*p && isspace((unsigned char)*p)) p++;
  return p;
}

static char *json_string(const char *p) {
  if (*p != '"') return NULL;
  sbuf b = {0};
  for (p++; *p && *p != '"'; p++) {
    if (*p != '\\') { sb_putc(&b, *p); continue; }
    p++;
    if (!*p) break;
    char e = *p;
    if (e == 'n' || e == 't' || e == 'r') sb_putc(&b, ' ');
    else if (e == 'u') {
      unsigned long cp = 0;
      int ok = 1;
      for (int i = 1; i <= 4; i++) {
        char h = p[i];
        if (!isxdigit((unsigned char)h)) { ok = 0; break; }
        cp = cp * 16 + (unsigned long)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
      }
      if (!ok) continue;
      p += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
        unsigned long lo = strtoul((char[]){p[3], p[4], p[5], p[6], 0}, NULL, 16);
        if (lo >= 0xDC00 && lo < 0xE000) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); p += 6; }
      }
      char o[4];
      sb_put(&b, o, put_cp(o, cp));
    } else sb_putc(&b, e == 'b' || e == 'f' ? ' ' : e);
  }
  if (b.oom) { free(b.p); return NULL; }
  if (!b.p) { b.p = malloc(1); if (b.p) b.p[0] = 0; }
  return b.p;
}

/* The value of the first "key" in s: a string, or the "name" of an object or
 * of the first object of an array. */
static char *json_find(const char *s, const char *key) {
  size_t kl = strlen(key);
  for (const char *p = s; (p = strstr(p, key)); p += kl) {
    if (p == s || p[-1] != '"' || p[kl] != '"') continue;
    const char *q = skip_ws(p + kl + 1);
    if (*q != ':') continue;
    q = skip_ws(q + 1);
    if (*q == '[') q = skip_ws(q + 1);
    if (*q == '"') return json_string(q);
    if (*q == '{') {
      /* the "name" inside this object (before it closes, nesting ignored) */
      const char *end = strchr(q, '}');
      const char *nm = strstr(q, "\"name\"");
      if (nm && (!end || nm < end)) {
        const char *r = skip_ws(nm + 6);
        if (*r == ':') return json_string(skip_ws(r + 1));
      }
    }
  }
  return NULL;
}

static void read_meta(xmlNode *root, meta *m) {
  xmlNode *n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      if (name_is(n, "title") && !m->title) {
        xmlChar *t = xa()->NodeGetContent(n);
        set_once(&m->title, (const char *)t);
        (*xa()->Free)(t);
      } else if (name_is(n, "meta")) {
        const char *k = attr(n, "property");
        if (!k) k = attr(n, "name");
        if (!k) k = attr(n, "itemprop");
        const char *v = attr(n, "content");
        if (k && v) {
          if (!strcasecmp(k, "og:title") || !strcasecmp(k, "twitter:title")) set_once(&m->og_title, v);
          else if (!strcasecmp(k, "author") || !strcasecmp(k, "article:author") || !strcasecmp(k, "byl") ||
                   !strcasecmp(k, "parsely-author") || !strcasecmp(k, "dc.creator")) {
            if (strncmp(v, "http", 4)) set_once(&m->byline, v);
          } else if (!strcasecmp(k, "article:published_time") || !strcasecmp(k, "datePublished") ||
                     !strcasecmp(k, "pubdate") || !strcasecmp(k, "publish-date") || !strcasecmp(k, "date") ||
                     !strcasecmp(k, "dc.date") || !strcasecmp(k, "parsely-pub-date") ||
                     !strcasecmp(k, "og:published_time") || !strcasecmp(k, "sailthru.date"))
            set_once(&m->date, v);
          else if (!strcasecmp(k, "og:site_name") || !strcasecmp(k, "application-name")) set_once(&m->site, v);
        }
      } else if (name_is(n, "script")) {
        const char *t = attr(n, "type");
        if (t && !strcasecmp(t, "application/ld+json")) {
          xmlChar *s = xa()->NodeGetContent(n);
          if (s) {
            char *v;
            if (!m->ld_headline && (v = json_find((const char *)s, "headline"))) { set_once(&m->ld_headline, v); free(v); }
            if (!m->ld_author && (v = json_find((const char *)s, "author"))) { set_once(&m->ld_author, v); free(v); }
            if (!m->ld_date && (v = json_find((const char *)s, "datePublished"))) { set_once(&m->ld_date, v); free(v); }
            if (!m->ld_site && (v = json_find((const char *)s, "publisher"))) { set_once(&m->ld_site, v); free(v); }
            (*xa()->Free)(s);
          }
        }
      } else if (name_is(n, "time") && !m->date) {
        const char *v = attr(n, "datetime");
        if (v && has_attr(n, "pubdate")) set_once(&m->date, v);
      }
      if (n->children && !name_is(n, "script") && !name_is(n, "style")) { n = n->children; continue; }
    }
    while (n && !n->next) {
      n = n->parent;
      if (n == root || !n) { n = NULL; break; }
    }
    if (n) n = n->next;
  }
}

/* ---- choosing the article ------------------------------------------------- */
static int choose(ctx *c, size_t *top_text, int *nsel, int *sel, int maxsel) {
  /* initial class weights for containers */
  for (size_t i = 0; i < c->n; i++) {
    ninfo *in = &c->v[i];
    in->score = 0;
  }
  for (size_t i = 0; i < c->n; i++) {
    ninfo *in = &c->v[i];
    if (in->junk) continue;
    const char *nm = (const char *)in->node->name;
    int para = in_list(nm, para_tags) || ((!strcasecmp(nm, "div") || !strcasecmp(nm, "section")) && !has_block_child(in->node));
    size_t tx = in->text, lk = in->links, cm = in->commas;
    int p = in->parent;
    if (!para) {
      /* text straight inside a container (beside its blocks) is a paragraph of the container */
      if (!in_list(nm, block_tags) || name_is(in->node, "html")) continue;
      tx = in->itext; lk = in->ilinks; cm = in->icommas;
      p = (int)i;
    }
    if (tx < 25) continue;
    if ((double)lk > 0.5 * (double)tx) continue;
    double pts = 1 + (double)cm + (tx / 100 < 3 ? (double)(tx / 100) : 3);
    for (int lvl = 0; p >= 0 && lvl < 4; lvl++, p = c->v[p].parent) {
      ninfo *a = &c->v[p];
      if (!a->is_cand) {
        a->is_cand = 1;
        const char *an = (const char *)a->node->name;
        double base = a->cls;
        if (!strcasecmp(an, "article")) base += 30;
        else if (!strcasecmp(an, "main")) base += 10;
        else if (!strcasecmp(an, "div") || !strcasecmp(an, "section")) base += 5;
        else if (!strcasecmp(an, "pre") || !strcasecmp(an, "td") || !strcasecmp(an, "blockquote")) base += 3;
        else if (!strcasecmp(an, "ul") || !strcasecmp(an, "ol") || !strcasecmp(an, "form") || !strcasecmp(an, "li"))
          base -= 3;
        else if (!strcasecmp(an, "body") || !strcasecmp(an, "html")) base -= 20;
        a->score += base;
      }
      a->score += lvl == 0 ? pts : lvl == 1 ? pts / 2 : pts / (lvl * 3);
    }
  }
  int best = -1;
  double bs = 0;
  for (size_t i = 0; i < c->n; i++) {
    ninfo *in = &c->v[i];
    if (!in->is_cand) continue;
    double s = in->score * (1 - link_density(in));
    in->score = s;
    if (best < 0 || s > bs) { best = (int)i; bs = s; }
  }
  if (best < 0) return -1;
  /* a container whose parent holds much more good text: climb while the
   * parent scores nearly as well (the article split into several blocks) */
  for (;;) {
    int p = c->v[best].parent;
    if (p < 0) break;
    ninfo *pp = &c->v[p];
    if (name_is(pp->node, "body") || name_is(pp->node, "html")) break;
    if (pp->is_cand && pp->score >= bs * 0.6 && link_density(pp) < 0.35 && pp->text < c->v[best].text * 3 / 2 + 400) {
      best = p;
      bs = bs > pp->score ? bs : pp->score;
    } else break;
  }
  /* siblings that score near the best, or plain paragraphs */
  *nsel = 0;
  int p = c->v[best].parent;
  double thr = bs * 0.2 > 10 ? bs * 0.2 : 10;
  if (p >= 0) {
    for (xmlNode *k = c->v[p].node->children; k && *nsel < maxsel; k = k->next) {
      if (k->type != XML_ELEMENT_NODE) continue;
      ninfo *s = info(c, k);
      if (!s) continue;
      int idx = (int)(s - c->v);
      int take = idx == best;
      if (!take && !s->junk && !s->neg_strong) {
        if (s->is_cand && s->score >= thr && link_density(s) < 0.3) take = 1;
        else if (name_is(k, "p")) {
          double ld = link_density(s);
          if (s->text > 80 && ld < 0.25) take = 1;
          else if (s->text > 0 && s->text <= 80 && ld == 0) {
            xmlChar *t = xa()->NodeGetContent(k);
            size_t l = t ? strlen((char *)t) : 0;
            while (l && isspace(t[l - 1])) l--;
            if (l && t[l - 1] == '.') take = 1;
            (*xa()->Free)(t);
          }
        }
      }
      if (take) sel[(*nsel)++] = idx;
    }
  }
  if (*nsel == 0) sel[(*nsel)++] = best;
  /* the article cut into pieces elsewhere in the page: elements of the same
   * tag and class as the best one (in document order, none inside another) */
  const char *bcl = attr(c->v[best].node, "class");
  if (bcl && *bcl) {
    for (size_t i = 0; i < c->n && *nsel < maxsel; i++) {
      ninfo *x = &c->v[i];
      if ((int)i == best || x->junk || x->text < 100 || link_density(x) > 0.3) continue;
      if (strcasecmp((const char *)x->node->name, (const char *)c->v[best].node->name)) continue;
      const char *xc = attr(x->node, "class");
      if (!xc || strcmp(xc, bcl)) continue;
      int inside = 0;
      for (int k = 0; k < *nsel && !inside; k++)
        for (int a = (int)i; a >= 0; a = c->v[a].parent)
          if (a == sel[k]) { inside = 1; break; }
      for (int k = 0; k < *nsel && !inside; k++)
        for (int a = sel[k]; a >= 0; a = c->v[a].parent)
          if (a == (int)i) { inside = 1; break; }
      if (!inside) sel[(*nsel)++] = (int)i;
    }
    /* document order (indices are preorder) */
    for (int a = 1; a < *nsel; a++)
      for (int b = a; b > 0 && sel[b - 1] > sel[b]; b--) { int t = sel[b]; sel[b] = sel[b - 1]; sel[b - 1] = t; }
  }
#ifdef PRECIS_EXTRACT_DEBUG
  for (int i = 0; i < *nsel; i++) {
    ninfo *x = &c->v[sel[i]];
    const char *cl = attr(x->node, "class");
    fprintf(stderr, "sel %s class=%.60s score=%.1f text=%zu ld=%.2f%s\n", x->node->name, cl ? cl : "", x->score, x->text,
            link_density(x), sel[i] == best ? " BEST" : "");
  }
  if (p >= 0) {
    for (xmlNode *k = c->v[p].node->children; k; k = k->next) {
      ninfo *x = info(c, k);
      if (!x) continue;
      const char *cl = attr(x->node, "class");
      fprintf(stderr, "  sib %s class=%.60s cand=%d score=%.1f text=%zu ld=%.2f junk=%d neg=%d\n", x->node->name, cl ? cl : "", x->is_cand, x->score, x->text, link_density(x), x->junk, x->neg_strong);
    }
  }
#endif
  *top_text = 0;
  for (int i = 0; i < *nsel; i++) *top_text += c->v[sel[i]].text;
  return best;
}

/* ---- the public API ------------------------------------------------------- */
typedef struct page_impl {
  precis_page pub;
  const precis_allocator *alc;
  char *strs[6];
} page_impl;

int precis_extract_options_init_version(precis_extract_options *o, unsigned version) {
  if (!o || version < 1 || version > PRECIS_EXTRACT_OPTIONS_VERSION) return -1;
  memset(o, 0, sizeof *o);
  o->version = version;
  return 0;
}

static char *copy_to(const precis_allocator *alc, const char *s, size_t n) {
  char *d = alc->malloc(alc->ctx, n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

void precis_page_free(precis_page *page) {
  if (!page) return;
  page_impl *pi = (page_impl *)page;
  for (int i = 0; i < 6; i++)
    if (pi->strs[i]) pi->alc->free(pi->alc->ctx, pi->strs[i]);
  pi->alc->free(pi->alc->ctx, pi);
}

static void meta_free(meta *m) {
  free(m->title); free(m->og_title); free(m->ld_headline); free(m->byline); free(m->ld_author);
  free(m->date); free(m->ld_date); free(m->site); free(m->ld_site);
}

precis_page *precis_extract(const char *html, size_t len, const precis_extract_options *opts, precis_error *err) {
  prc_error_clear(err);
  if (!html && len) { prc_error_set(err, PRECIS_ERROR_INVALID_ARGUMENT, PRECIS_NO_OFFSET, "NULL html with len > 0"); return NULL; }
  if (opts && (opts->version < 1 || opts->version > PRECIS_EXTRACT_OPTIONS_VERSION)) {
    prc_error_set(err, PRECIS_ERROR_OPTIONS_VERSION, PRECIS_NO_OFFSET, "unknown precis_extract_options version %u",
                  opts->version);
    return NULL;
  }
  if (len > (size_t)INT32_MAX) {
    prc_error_set(err, PRECIS_ERROR_INPUT_TOO_LARGE, (size_t)INT32_MAX, "page larger than 2 GiB");
    return NULL;
  }
  if (!html) html = "";
  const precis_allocator *alc = opts && opts->allocator ? opts->allocator : prc_default_allocator();
  unsigned flags = opts ? opts->flags : 0;
  if (!prc_xml(err)) return NULL; /* libxml2 cannot be loaded (xml_dl.h) */

  /* 1. bytes -> UTF-8 */
  char enc[64] = "";
  const char *h = html;
  size_t hl = len;
  if (hl >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3)) { strcpy(enc, "UTF-8"); h += 3; hl -= 3; }
  else if (hl >= 2 && !memcmp(h, "\xFF\xFE", 2)) strcpy(enc, "UTF-16LE");
  else if (hl >= 2 && !memcmp(h, "\xFE\xFF", 2)) strcpy(enc, "UTF-16BE");
  else if (opts && opts->encoding && *opts->encoding) {
    strncpy(enc, opts->encoding, sizeof enc - 1);
  } else if (!sniff_meta(h, hl, enc, sizeof enc)) enc[0] = 0;
  if (!enc[0]) strcpy(enc, prc_utf8_valid(h, hl) ? "UTF-8" : "windows-1252");
  enc_kind ek = classify(enc);
  /* a name neither we nor libxml2 (iconv) know ("klingon"): as if none was
   * given, so that page.encoding says what the bytes were read as */
  if (ek == ENC_OTHER) {
    xmlCharEncodingHandlerPtr eh = xa()->FindCharEncodingHandler(enc);
    if (!eh) {
      strcpy(enc, prc_utf8_valid(h, hl) ? "UTF-8" : "windows-1252");
      ek = classify(enc);
    } else
      xa()->CharEncCloseFunc(eh);
  }
  /* a page that says UTF-8 but is not, and is not mostly UTF-8 either */
  char *u = NULL;
  size_t ul = 0;
  htmlDocPtr doc = NULL;
  int popt = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  htmlParserCtxtPtr pc = xa()->NewParserCtxt();
  if (!pc) goto oom;
  if (ek == ENC_OTHER) {
    doc = xa()->CtxtReadMemory(pc, h, (int)hl, NULL, enc, popt);
    if (!doc) { ek = ENC_UTF8; strcpy(enc, "UTF-8"); }
  }
  if (!doc) {
    u = ek == ENC_1252 ? from_1252(h, hl, &ul) : repair_utf8(h, hl, &ul);
    if (!u) { xa()->FreeParserCtxt(pc); goto oom; }
    size_t fl;
    char *f = fix_markup(u, ul, &fl);
    free(u);
    if (!f) { xa()->FreeParserCtxt(pc); goto oom; }
    u = f;
    ul = fl;
    if (ek == ENC_1252) strcpy(enc, "windows-1252");
    else strcpy(enc, "UTF-8");
    doc = xa()->CtxtReadMemory(pc, ul ? u : " ", ul ? (int)ul : 1, NULL, "UTF-8", popt | HTML_PARSE_IGNORE_ENC);
  }
  free(u);
  u = NULL;

  /* 2.-4. */
  meta m;
  memset(&m, 0, sizeof m);
  ctx c;
  memset(&c, 0, sizeof c);
  writer w;
  memset(&w, 0, sizeof w);
  w.line_start = 1;
  xmlNode *root = doc ? xa()->DocGetRootElement(doc) : NULL;
  if (root) {
    read_meta(root, &m);
    collect(&c, root);
    if (c.oom) { meta_free(&m); free(c.v); xa()->FreeDoc(doc); xa()->FreeParserCtxt(pc); goto oom; }
    sum_up(&c);
    w.c = &c;
    int sel[64], nsel = 0;
    int best = (flags & PRECIS_EXTRACT_ALL_TEXT) ? -1 : choose(&c, &w.top_text, &nsel, sel, 64);
    if (best >= 0) {
      w.prune = 1;
      for (int i = 0; i < nsel; i++) w_tree(&w, c.v[sel[i]].node);
    } else {
      w.prune = 0;
      xmlNode *body = root;
      for (xmlNode *k = root->children; k; k = k->next)
        if (name_is(k, "body")) body = k;
      w_tree(&w, body);
    }
  }
  free(c.v);
  if (doc) xa()->FreeDoc(doc);
  xa()->FreeParserCtxt(pc);
  if (w.out.oom) { meta_free(&m); free(w.out.p); goto oom; }
  /* trim */
  size_t tl = w.out.n;
  while (tl && (w.out.p[tl - 1] == '\n' || w.out.p[tl - 1] == ' ')) tl--;

  page_impl *pi = alc->malloc(alc->ctx, sizeof *pi);
  if (!pi) { meta_free(&m); free(w.out.p); goto oom; }
  memset(pi, 0, sizeof *pi);
  pi->alc = alc;
  const char *title = m.ld_headline ? m.ld_headline : m.og_title ? m.og_title : m.title;
  const char *byline = m.ld_author ? m.ld_author : m.byline;
  const char *date = m.ld_date ? m.ld_date : m.date;
  const char *site = m.site ? m.site : m.ld_site;
  const char *vals[5] = {title, byline, date, site, w.out.p ? w.out.p : ""};
  size_t lens[5];
  int bad = 0;
  for (int i = 0; i < 5; i++) {
    lens[i] = vals[i] ? (i == 4 ? tl : strlen(vals[i])) : 0;
    if (vals[i]) {
      pi->strs[i] = copy_to(alc, vals[i], lens[i]);
      if (!pi->strs[i]) bad = 1;
    }
  }
  pi->strs[5] = copy_to(alc, enc, strlen(enc));
  if (!pi->strs[5]) bad = 1;
  meta_free(&m);
  free(w.out.p);
  if (bad) { precis_page_free(&pi->pub); goto oom; }
  pi->pub.title = pi->strs[0];
  pi->pub.byline = pi->strs[1];
  pi->pub.date = pi->strs[2];
  pi->pub.site = pi->strs[3];
  pi->pub.text = pi->strs[4];
  pi->pub.text_len = lens[4];
  pi->pub.encoding = pi->strs[5];
  return &pi->pub;
oom:
  prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
  return NULL;
}

static char *arena_str(arena *a, const char *s) { return s ? prc_arena_strndup(a, s, strlen(s)) : NULL; }

int precis_doc_set_page(precis_doc *doc, const precis_page *page) {
  if (!doc || !page) return -1;
  jmp_buf oom;
  void *old = doc->ar.oom;
  doc->ar.oom = &oom;
  if (setjmp(oom)) { doc->ar.oom = old; return -1; }
  char *t = arena_str(&doc->ar, page->title), *b = arena_str(&doc->ar, page->byline);
  char *d = arena_str(&doc->ar, page->date), *s = arena_str(&doc->ar, page->site);
  char *e = arena_str(&doc->ar, page->encoding);
  doc->ar.oom = old;
  doc->page.title = t; doc->page.byline = b; doc->page.date = d; doc->page.site = s; doc->page.encoding = e;
  doc->page.set = true;
  return 0;
}
