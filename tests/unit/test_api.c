/* test_api.c - the public API (include/precis.h) at its edges: NULL
 * documents, empty input, invalid UTF-8, a custom allocator, and
 * precis_render in every format.  All checks go through the public header
 * only; expected counts and spans are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "precis.h"

/* ---- helpers ------------------------------------------------------------- */

/* Byte offset of code point cp in the valid UTF-8 string s (of n bytes). */
static size_t cp_to_byte(const char *s, size_t n, size_t cp) {
  size_t b = 0, k = 0;
  while (b < n && k < cp) {
    b++;
    while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    k++;
  }
  assert_int_equal(k, cp); /* the span must not run past the text */
  return b;
}

static size_t count_cps(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
  return k;
}

/* text must be exactly the analysed text at span (code points). */
static void assert_span_text(const precis_doc *d, precis_span sp, const char *text) {
  size_t len;
  const char *t = precis_doc_text(d, &len);
  assert_true(sp.start <= sp.end);
  assert_true(sp.end <= precis_doc_length(d));
  size_t a = cp_to_byte(t, len, sp.start), b = cp_to_byte(t, len, sp.end);
  if (strlen(text) != b - a || memcmp(t + a, text, b - a) != 0)
    fail_msg("span [%zu,%zu) is \"%.*s\", expected \"%s\"", sp.start, sp.end, (int)(b - a), t + a, text);
}

/* Every public record with a span indexes the text consistently. */
static void assert_consistent(const precis_doc *d) {
  size_t len;
  const char *t = precis_doc_text(d, &len);
  assert_non_null(t);
  assert_int_equal(strlen(t), len); /* NUL-terminated, no NUL inside for our inputs */
  assert_int_equal(count_cps(t, len), precis_doc_length(d));
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  for (size_t i = 0; i < ns; i++) {
    assert_true(s[i].span.start < s[i].span.end);
    assert_true(s[i].span.end <= precis_doc_length(d));
    if (i) assert_true(s[i - 1].span.end <= s[i].span.start);
  }
  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  for (size_t i = 0; i < nq; i++) {
    if (q[i].cue.text) assert_span_text(d, q[i].cue.span, q[i].cue.text);
    if (q[i].source.text) assert_span_text(d, q[i].source.span, q[i].source.text);
    for (size_t k = 0; k < q[i].ncontent; k++) assert_span_text(d, q[i].content[k].span, q[i].content[k].text);
  }
  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  for (size_t i = 0; i < nf; i++) assert_span_text(d, f[i].span, f[i].text);
  const precis_text *h;
  size_t nh = precis_doc_headings(d, &h);
  for (size_t i = 0; i < nh; i++) assert_span_text(d, h[i].span, h[i].text);
}

static precis_doc *analyze(const char *text) {
  precis_options o;
  precis_options_init(&o);
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  return d;
}

static const char *ARTICLE =
    "KESTREL: The harbour board said on Monday that the old ferry terminal would close in June.\n"
    "New berths\n"
    "\"We cannot keep repairing a building that floods every winter,\" said board chair Miriam Osei.\n"
    "She said the new terminal would cost \xC2\xA3" "45m and open in 2027.\n"
    "About 1,200 passengers use the ferry every day, according to the board.\n";

/* ---- NULL documents -------------------------------------------------------- */

static void test_null_doc(void **state) {
  (void)state;
  const void *sentinel = (const void *)&sentinel;
  size_t len = 99;
  assert_null(precis_doc_text(NULL, &len));
  assert_int_equal(len, 0);
  assert_null(precis_doc_text(NULL, NULL));
  assert_int_equal(precis_doc_length(NULL), 0);
  assert_int_equal(precis_doc_repairs(NULL), 0);

  const precis_sentence *s = sentinel;
  assert_int_equal(precis_doc_sentences(NULL, &s), 0);
  assert_null(s);
  const precis_keypoint *k = sentinel;
  assert_int_equal(precis_doc_keypoints(NULL, &k), 0);
  assert_null(k);
  const precis_quote *q = sentinel;
  assert_int_equal(precis_doc_quotes(NULL, &q), 0);
  assert_null(q);
  const precis_entity *e = sentinel;
  assert_int_equal(precis_doc_entities(NULL, &e), 0);
  assert_null(e);
  const precis_figure *f = sentinel;
  assert_int_equal(precis_doc_figures(NULL, &f), 0);
  assert_null(f);
  const precis_text *h = sentinel;
  assert_int_equal(precis_doc_headings(NULL, &h), 0);
  assert_null(h);
  const precis_token *t = sentinel;
  assert_int_equal(precis_doc_tokens(NULL, &t), 0);
  assert_null(t);
  /* a NULL out pointer is allowed too */
  assert_int_equal(precis_doc_sentences(NULL, NULL), 0);
  assert_int_equal(precis_doc_quotes(NULL, NULL), 0);
  assert_int_equal(precis_doc_tokens(NULL, NULL), 0);

  for (int fmt = PRECIS_FORMAT_TEXT; fmt <= PRECIS_FORMAT_CONLLU; fmt++) {
    len = 99;
    assert_null(precis_render(NULL, (precis_format)fmt, "x", &len));
    assert_int_equal(len, 0);
    assert_null(precis_render(NULL, (precis_format)fmt, NULL, NULL));
  }
  precis_doc_free(NULL);
  precis_free(NULL, NULL);
  precis_options_init(NULL);
  /* text NULL with a length is the one NULL-returning misuse */
  assert_null(precis_analyze(NULL, 5, NULL));
}

static void test_version(void **state) {
  (void)state;
  assert_non_null(precis_version());
  assert_string_equal(precis_version(), PRECIS_VERSION_STRING);
}

static void test_accessor_null_out(void **state) {
  (void)state;
  precis_doc *d = analyze(ARTICLE);
  const precis_sentence *s;
  size_t n = precis_doc_sentences(d, &s);
  assert_int_equal(precis_doc_sentences(d, NULL), n); /* out may be NULL */
  assert_int_equal(precis_doc_quotes(d, NULL), precis_doc_quotes(d, &(const precis_quote *){NULL}));
  precis_doc_free(d);
}

/* ---- empty input ------------------------------------------------------------ */

static void check_empty(precis_doc *d) {
  assert_non_null(d);
  size_t len = 99;
  const char *t = precis_doc_text(d, &len);
  assert_non_null(t);
  assert_int_equal(len, 0);
  assert_string_equal(t, "");
  assert_int_equal(precis_doc_length(d), 0);
  assert_int_equal(precis_doc_repairs(d), 0);
  const precis_sentence *s;
  assert_int_equal(precis_doc_sentences(d, &s), 0);
  assert_int_equal(precis_doc_keypoints(d, NULL), 0);
  assert_int_equal(precis_doc_quotes(d, NULL), 0);
  assert_int_equal(precis_doc_entities(d, NULL), 0);
  assert_int_equal(precis_doc_figures(d, NULL), 0);
  assert_int_equal(precis_doc_headings(d, NULL), 0);
}

static void test_empty_input(void **state) {
  (void)state;
  precis_doc *d = precis_analyze("", 0, NULL);
  check_empty(d);
  size_t len;
  char *js = precis_render(d, PRECIS_FORMAT_JSON, NULL, &len);
  assert_non_null(js);
  assert_int_equal(strlen(js), len);
  json_error_t err;
  json_t *root = json_loads(js, 0, &err);
  assert_non_null(root);
  assert_true(json_is_null(json_object_get(root, "id")));
  assert_int_equal(json_array_size(json_object_get(root, "keypoints")), 0);
  assert_int_equal(json_array_size(json_object_get(root, "quotes")), 0);
  json_t *stats = json_object_get(root, "stats");
  assert_int_equal(json_integer_value(json_object_get(stats, "chars")), 0);
  assert_int_equal(json_integer_value(json_object_get(stats, "sentences")), 0);
  json_decref(root);
  precis_free(NULL, js);
  precis_doc_free(d);

  /* NULL text with length 0 is an empty document, not an error */
  d = precis_analyze(NULL, 0, NULL);
  check_empty(d);
  precis_doc_free(d);
}

static void test_blank_input(void **state) {
  (void)state;
  const char *blank = "  \n\n\t \r\n   \n";
  precis_doc *d = precis_analyze(blank, strlen(blank), NULL);
  assert_non_null(d);
  assert_int_equal(precis_doc_length(d), strlen(blank));
  assert_int_equal(precis_doc_sentences(d, NULL), 0);
  assert_int_equal(precis_doc_keypoints(d, NULL), 0);
  assert_int_equal(precis_doc_headings(d, NULL), 0);
  precis_doc_free(d);
}

/* ---- invalid UTF-8 ------------------------------------------------------------ */

static void test_invalid_utf8(void **state) {
  (void)state;
  /* Errors (each maximal invalid subpart is one U+FFFD):
   *   \xC3 followed by a space       -> 1
   *   \xFF and \xFE                  -> 2
   *   a lone continuation byte \x80  -> 1
   *   \xE2\x82 cut short by "!"      -> 1  (E2 82 is one maximal subpart)
   * = 5 repairs.  "Caf\xC3\xA9" is valid (é). */
  const char in[] = "Caf\xC3\xA9 owner Ana Lima said \xC3 prices rose.\xFF\xFE Sales fell \x80 sharply.\nIt is\xE2\x82! over.\n";
  size_t n = sizeof in - 1;
  precis_doc *d = precis_analyze(in, n, NULL);
  assert_non_null(d);
  assert_int_equal(precis_doc_repairs(d), 5);
  size_t len;
  const char *t = precis_doc_text(d, &len);
  /* every repair is U+FFFD; count them */
  size_t nfffd = 0;
  for (const char *p = t; (p = strstr(p, "\xEF\xBF\xBD")) != NULL; p += 3) nfffd++;
  assert_int_equal(nfffd, 5);
  /* 6 invalid bytes (C3, FF, FE, 80, E2, 82) become 5 three-byte U+FFFD */
  assert_int_equal(len, n - 6 + 5 * 3);
  /* code points: the valid text has n - 6 bytes of which "é" is 2 bytes, 1 code point */
  assert_int_equal(precis_doc_length(d), (n - 6 - 1) + 5);
  assert_non_null(strstr(t, "Caf\xC3\xA9 owner"));
  assert_consistent(d);
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  assert_true(ns >= 2);
  /* the first sentence starts at the first code point and the é counts as one */
  assert_int_equal(s[0].span.start, 0);
  assert_span_text(d, (precis_span){0, 4}, "Caf\xC3\xA9");
  assert_span_text(d, (precis_span){25, 26}, "\xEF\xBF\xBD");
  precis_doc_free(d);
}

static void test_garbage_bytes(void **state) {
  (void)state;
  unsigned char junk[4096];
  uint32_t x = 12345;
  for (size_t i = 0; i < sizeof junk; i++) {
    x = x * 1103515245u + 12345u;
    junk[i] = (unsigned char)(x >> 16);
  }
  precis_doc *d = precis_analyze((const char *)junk, sizeof junk, NULL);
  assert_non_null(d);
  assert_true(precis_doc_repairs(d) > 0);
  size_t len;
  const char *t = precis_doc_text(d, &len);
  assert_non_null(t);
  /* the repaired text is valid UTF-8: its code-point count matches */
  assert_int_equal(count_cps(t, len), precis_doc_length(d));
  for (int fmt = PRECIS_FORMAT_TEXT; fmt <= PRECIS_FORMAT_BRAT; fmt++) {
    size_t rl;
    char *r = precis_render(d, (precis_format)fmt, "junk", &rl);
    assert_non_null(r);
    assert_int_equal(strlen(r), rl);
    precis_free(NULL, r);
  }
  precis_doc_free(d);
}

/* ---- a custom allocator --------------------------------------------------------- */

typedef struct {
  size_t live;    /* blocks allocated and not yet freed */
  size_t total;   /* calls that allocated a new block */
  size_t bytes;   /* bytes currently allocated */
} counter;

typedef struct {
  size_t size;
  max_align_t align;
} hdr;

static void *c_malloc(void *ctx, size_t size) {
  counter *c = ctx;
  hdr *h = malloc(sizeof(hdr) + size);
  if (!h) return NULL;
  h->size = size;
  c->live++;
  c->total++;
  c->bytes += size;
  return h + 1;
}
static void c_free(void *ctx, void *p) {
  counter *c = ctx;
  if (!p) return;
  hdr *h = (hdr *)p - 1;
  assert_true(c->live > 0);
  c->live--;
  c->bytes -= h->size;
  free(h);
}
static void *c_realloc(void *ctx, void *p, size_t size) {
  counter *c = ctx;
  if (!p) return c_malloc(ctx, size);
  hdr *h = (hdr *)p - 1;
  size_t old = h->size;
  hdr *nh = realloc(h, sizeof(hdr) + size);
  if (!nh) return NULL;
  nh->size = size;
  c->bytes = c->bytes - old + size;
  return nh + 1;
}

static void test_custom_allocator(void **state) {
  (void)state;
  counter c = {0, 0, 0};
  precis_allocator alc = {c_malloc, c_realloc, c_free, &c};
  precis_options o;
  precis_options_init(&o);
  o.allocator = &alc;
  precis_doc *d = precis_analyze(ARTICLE, strlen(ARTICLE), &o);
  assert_non_null(d);
  assert_true(c.total > 0); /* the document's memory came from our allocator */
  assert_true(c.live > 0);
  size_t live_doc = c.live;
  assert_true(precis_doc_sentences(d, NULL) > 0);
  char *out[4];
  for (int fmt = PRECIS_FORMAT_TEXT; fmt <= PRECIS_FORMAT_BRAT; fmt++) {
    size_t len;
    out[fmt] = precis_render(d, (precis_format)fmt, "a1", &len);
    assert_non_null(out[fmt]);
    assert_int_equal(strlen(out[fmt]), len);
  }
  assert_int_equal(c.live, live_doc + 4); /* one block per rendering */
  precis_doc_free(d);
  assert_int_equal(c.live, 4); /* the renderings outlive the document */
  for (int fmt = PRECIS_FORMAT_TEXT; fmt <= PRECIS_FORMAT_BRAT; fmt++) precis_free(&alc, out[fmt]);
  assert_int_equal(c.live, 0);
  assert_int_equal(c.bytes, 0);

  /* the same for an empty document */
  size_t before = c.total;
  d = precis_analyze("", 0, &o);
  assert_non_null(d);
  assert_true(c.total > before);
  precis_doc_free(d);
  assert_int_equal(c.live, 0);
}

/* ---- rendering ----------------------------------------------------------------- */

static void test_render_formats(void **state) {
  (void)state;
  precis_doc *d = analyze(ARTICLE);
  assert_consistent(d);
  size_t len;

  /* JSON: one pretty object; parses; carries the id and every section */
  char *js = precis_render(d, PRECIS_FORMAT_JSON, "harbour-1", &len);
  assert_non_null(js);
  assert_int_equal(strlen(js), len);
  assert_true(len > 2 && js[len - 1] == '\n');
  assert_non_null(strchr(js, '\n'));
  json_error_t err;
  json_t *root = json_loads(js, 0, &err);
  if (!root) fail_msg("JSON does not parse: %s (line %d)", err.text, err.line);
  assert_string_equal(json_string_value(json_object_get(root, "id")), "harbour-1");
  const char *keys[] = {"keypoints", "quotes", "entities", "figures", "headings"};
  for (size_t i = 0; i < 5; i++) assert_true(json_is_array(json_object_get(root, keys[i])));
  assert_int_equal(json_array_size(json_object_get(root, "quotes")), precis_doc_quotes(d, NULL));
  assert_int_equal(json_array_size(json_object_get(root, "figures")), precis_doc_figures(d, NULL));
  assert_int_equal(json_array_size(json_object_get(root, "headings")), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(root, "headings"), 0), "text")),
                      "New berths");
  json_t *stats = json_object_get(root, "stats");
  assert_int_equal(json_integer_value(json_object_get(stats, "chars")), precis_doc_length(d));
  assert_int_equal(json_integer_value(json_object_get(stats, "sentences")), precis_doc_sentences(d, NULL));

  /* JSONL: the same object on one line */
  size_t llen;
  char *jl = precis_render(d, PRECIS_FORMAT_JSONL, "harbour-1", &llen);
  assert_non_null(jl);
  assert_int_equal(strlen(jl), llen);
  assert_true(llen > 2 && jl[llen - 1] == '\n');
  assert_ptr_equal(strchr(jl, '\n'), jl + llen - 1);
  json_t *root2 = json_loads(jl, 0, &err);
  assert_non_null(root2);
  assert_true(json_equal(root, root2));
  json_decref(root2);
  json_decref(root);
  precis_free(NULL, jl);
  precis_free(NULL, js);

  /* id NULL -> "id": null */
  js = precis_render(d, PRECIS_FORMAT_JSONL, NULL, &len);
  root = json_loads(js, 0, &err);
  assert_non_null(root);
  assert_true(json_is_null(json_object_get(root, "id")));
  json_decref(root);
  precis_free(NULL, js);

  /* text: a key-point list that includes the attributed lead */
  char *tx = precis_render(d, PRECIS_FORMAT_TEXT, "harbour-1", &len);
  assert_non_null(tx);
  assert_int_equal(strlen(tx), len);
  assert_non_null(strstr(tx, "Key points"));
  assert_non_null(strstr(tx, "Miriam Osei"));
  precis_free(NULL, tx);

  /* brat: one T line per source/cue/content, offsets in code points */
  char *br = precis_render(d, PRECIS_FORMAT_BRAT, NULL, &len);
  assert_non_null(br);
  assert_int_equal(strlen(br), len);
  assert_true(strncmp(br, "T1\t", 3) == 0);
  assert_non_null(strstr(br, "\tCue "));
  assert_non_null(strstr(br, "\tSource "));
  assert_non_null(strstr(br, "\tContent "));
  precis_free(NULL, br);

  /* an unknown format value falls back to text rather than failing */
  char *fb = precis_render(d, (precis_format)42, NULL, &len);
  assert_non_null(fb);
  assert_non_null(strstr(fb, "Key points"));
  precis_free(NULL, fb);

  /* len may be NULL */
  char *nl = precis_render(d, PRECIS_FORMAT_JSONL, "x", NULL);
  assert_non_null(nl);
  precis_free(NULL, nl);
  precis_doc_free(d);
}

/* ---- tokens and trees ------------------------------------------------------- */

static int starts_with(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

static precis_doc *analyze_flags(const char *text, unsigned flags) {
  precis_options o;
  precis_options_init(&o);
  o.flags = flags;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  return d;
}

/* The tokens of a document analysed with PRECIS_OPT_WITH_TOKENS: in text
 * order, spans indexing the text, sentences valid; tagged: a UPOS tag on
 * every token of a sentence, none without; parsed: each sentence one tree
 * (one root, heads in the sentence, no cycle), no heads without.  Structure
 * only: which tree is the model's business. */
static void assert_tokens(const precis_doc *d, int tagged, int parsed) {
  const precis_token *t;
  size_t n = precis_doc_tokens(d, &t);
  assert_non_null(t);
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  size_t last_end = 0;
  for (size_t i = 0; i < n; i++) {
    assert_non_null(t[i].text);
    assert_span_text(d, t[i].span, t[i].text);
    assert_true(t[i].span.start >= last_end && t[i].span.start < t[i].span.end);
    last_end = t[i].span.end;
    assert_true(t[i].sentence >= -1 && t[i].sentence < (int)ns);
    if (i) assert_true(t[i].sentence == -1 || t[i].sentence >= t[i - 1].sentence);
    if (t[i].ner) assert_true(!strcmp(t[i].ner, "PER") || !strcmp(t[i].ner, "ORG") || !strcmp(t[i].ner, "LOC") ||
                              !strcmp(t[i].ner, "MISC"));
    if (tagged && t[i].sentence >= 0) assert_non_null(t[i].upos);
    else assert_null(t[i].upos);
    if (!parsed || t[i].sentence < 0) {
      assert_int_equal(t[i].head, PRECIS_NO_HEAD);
      assert_null(t[i].deprel);
      continue;
    }
    assert_non_null(t[i].deprel);
    assert_true(t[i].head >= -1 && t[i].head < (int)n);
    assert_true((t[i].head == -1) == !strcmp(t[i].deprel, "root"));
    if (t[i].head >= 0) assert_int_equal(t[t[i].head].sentence, t[i].sentence);
    /* following the heads ends at the root within n steps */
    size_t j = i, steps = 0;
    while (t[j].head >= 0 && steps <= n) j = (size_t)t[j].head, steps++;
    assert_int_equal(t[j].head, -1);
  }
  /* one root per sentence, and no sentence without tokens */
  for (size_t k = 0; k < ns; k++) {
    size_t ntok = 0, roots = 0;
    for (size_t i = 0; i < n; i++)
      if (t[i].sentence == (int)k) ntok++, roots += t[i].head == -1;
    assert_true(ntok > 0);
    assert_int_equal(roots, parsed ? 1 : 0);
    (void)s;
  }
}

/* CoNLL-U as precis writes it: per sentence # sent_id and # text, then
 * lines of 10 tab-separated columns, IDs 1..n, heads 0..n, one root. */
static void assert_conllu(const char *out, size_t nsents, int parsed) {
  size_t blocks = 0, id = 0, roots = 0, nheads = 0;
  int have_sid = 0, have_text = 0;
  for (const char *l = out; *l;) {
    const char *e = strchr(l, '\n');
    assert_non_null(e);
    size_t len = (size_t)(e - l);
    if (len == 0) { /* end of a sentence */
      assert_true(id > 0 && have_sid && have_text);
      assert_int_equal(roots, parsed ? 1 : 0);
      if (parsed) assert_int_equal(nheads, id);
      blocks++;
      id = roots = nheads = 0;
      have_sid = have_text = 0;
    } else if (l[0] == '#') {
      assert_int_equal(id, 0);
      if (!strncmp(l, "# sent_id = ", 12)) have_sid = 1;
      if (!strncmp(l, "# text = ", 9)) have_text = 1;
    } else {
      char line[512];
      assert_true(len < sizeof line);
      memcpy(line, l, len);
      line[len] = 0;
      char *col[11], *p = line;
      size_t nc = 0;
      for (; nc < 11 && p; nc++) {
        col[nc] = p;
        p = strchr(p, '\t');
        if (p) *p++ = 0;
      }
      assert_int_equal(nc, 10);
      assert_int_equal(strtoul(col[0], NULL, 10), ++id);
      assert_string_equal(col[2], "_");
      assert_string_equal(col[4], "_");
      assert_non_null(strstr(col[9], "TokenRange="));
      if (strcmp(col[6], "_")) {
        unsigned long h = strtoul(col[6], NULL, 10);
        assert_true(h != id);
        if (h == 0) roots++, assert_string_equal(col[7], "root");
        nheads++;
      } else {
        assert_string_equal(col[7], "_");
      }
    }
    l = e + 1;
  }
  assert_int_equal(id, 0); /* the last sentence is closed by a blank line */
  assert_int_equal(blocks, nsents);
}

static void test_tokens(void **state) {
  (void)state;
  /* without the flag: no tokens, no "tokens" in JSON, a note in CoNLL-U */
  precis_doc *d = analyze(ARTICLE);
  const precis_token *t = (const precis_token *)&t;
  assert_int_equal(precis_doc_tokens(d, &t), 0);
  assert_null(t);
  char *js = precis_render(d, PRECIS_FORMAT_JSON, "x", NULL);
  json_t *plain = json_loads(js, 0, NULL);
  assert_non_null(plain);
  assert_null(json_object_get(plain, "tokens"));
  assert_null(json_object_get(json_object_get(json_object_get(plain, "stats"), "models"), "parse"));
  precis_free(NULL, js);
  char *cu = precis_render(d, PRECIS_FORMAT_CONLLU, "x", NULL);
  assert_non_null(cu);
  assert_true(cu[0] == '#' && strstr(cu, "PRECIS_OPT_WITH_TOKENS") && !strchr(cu, '\t'));
  precis_free(NULL, cu);
  precis_stats st;
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  precis_model_use parse_use = st.parse; /* the built-in parser, when one is compiled in */
  assert_true(parse_use == PRECIS_MODEL_BUILTIN || parse_use == PRECIS_MODEL_UNUSED);
  precis_doc_free(d);

  /* with it: the tokens, and everything else as it was */
  d = analyze_flags(ARTICLE, PRECIS_OPT_WITH_TOKENS);
  assert_consistent(d);
  size_t n = precis_doc_tokens(d, &t);
  assert_true(n >= 60);
  assert_tokens(d, 1, parse_use != PRECIS_MODEL_UNUSED);
  /* "KESTREL:" is a dateline, in no sentence */
  assert_string_equal(t[0].text, "KESTREL");
  assert_int_equal(t[0].sentence, -1);
  assert_int_equal(t[2].sentence, 0);
  assert_string_equal(t[2].text, "The");
  assert_string_equal(t[2].upos, "DET");
  size_t k = 0;
  while (k < n && strcmp(t[k].text, "Osei")) k++;
  assert_true(k < n);
  assert_string_equal(t[k].ner, "PER");
  assert_string_equal(t[k].upos, "PROPN");
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.parse, parse_use);
  assert_int_equal(st.tokens, n);
  js = precis_render(d, PRECIS_FORMAT_JSON, "x", NULL);
  json_t *root = json_loads(js, 0, NULL);
  assert_non_null(root);
  json_t *jt = json_object_get(root, "tokens");
  assert_int_equal(json_array_size(jt), n);
  json_t *tk = json_array_get(jt, k);
  assert_int_equal(json_integer_value(json_object_get(tk, "i")), k);
  assert_string_equal(json_string_value(json_object_get(tk, "text")), "Osei");
  assert_string_equal(json_string_value(json_object_get(tk, "ner")), "PER");
  assert_int_equal(json_integer_value(json_array_get(json_object_get(tk, "span"), 0)), t[k].span.start);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(jt, 0), "sentence")), -1);
  assert_true(json_is_null(json_object_get(json_array_get(jt, 0), "head")));
  if (parse_use != PRECIS_MODEL_UNUSED)
    assert_int_equal(json_integer_value(json_object_get(tk, "head")), t[k].head);
  json_t *models = json_object_get(json_object_get(root, "stats"), "models");
  assert_string_equal(json_string_value(json_object_get(models, "parse")),
                      parse_use == PRECIS_MODEL_BUILTIN ? "builtin" : "none");
  json_object_del(root, "tokens");
  json_object_del(models, "parse");
  assert_true(json_equal(root, plain));
  json_decref(root);
  json_decref(plain);
  precis_free(NULL, js);
  size_t len;
  cu = precis_render(d, PRECIS_FORMAT_CONLLU, "harbour 1", &len);
  assert_non_null(cu);
  assert_int_equal(strlen(cu), len);
  assert_true(starts_with(cu, "# newdoc id = harbour_1\n# newpar\n# sent_id = harbour_1-1\n# text = The harbour"));
  assert_conllu(cu, precis_doc_sentences(d, NULL), parse_use != PRECIS_MODEL_UNUSED);
  assert_null(strstr(cu, "\tKESTREL\t")); /* the dateline is not written */
  precis_free(NULL, cu);
  precis_doc_free(d);

  /* rules only: tokens without tags or trees */
  d = analyze_flags(ARTICLE, PRECIS_OPT_WITH_TOKENS | PRECIS_OPT_NO_TAGGER);
  assert_tokens(d, 0, 0);
  n = precis_doc_tokens(d, &t);
  for (size_t i = 0; i < n; i++) assert_null(t[i].ner);
  assert_int_equal(precis_doc_stats(d, &st, sizeof st), 0);
  assert_int_equal(st.parse, PRECIS_MODEL_UNUSED);
  cu = precis_render(d, PRECIS_FORMAT_CONLLU, NULL, NULL);
  assert_true(starts_with(cu, "# newdoc\n# newpar\n# sent_id = 1\n"));
  assert_conllu(cu, precis_doc_sentences(d, NULL), 0);
  precis_free(NULL, cu);
  precis_doc_free(d);

  /* no text: no tokens, an empty list */
  d = analyze_flags("", PRECIS_OPT_WITH_TOKENS);
  assert_int_equal(precis_doc_tokens(d, &t), 0);
  assert_non_null(t);
  cu = precis_render(d, PRECIS_FORMAT_CONLLU, "e", NULL);
  assert_string_equal(cu, "# newdoc id = e\n");
  precis_free(NULL, cu);
  precis_doc_free(d);
}

/* ---- precis_render_to ------------------------------------------------------ */

/* Records what it is handed: the bytes, the number of pieces, the largest
 * one; fails (returns 1) on call number fail_at (0: never). */
typedef struct sink {
  char *data;
  size_t len, pieces, largest, fail_at;
} sink;

static int sink_write(void *ctx, const char *data, size_t len) {
  sink *k = ctx;
  k->pieces++;
  if (k->fail_at && k->pieces == k->fail_at) return 1;
  assert_true(len > 0);
  if (len > k->largest) k->largest = len;
  k->data = realloc(k->data, k->len + len + 1);
  assert_non_null(k->data);
  memcpy(k->data + k->len, data, len);
  k->len += len;
  return 0;
}

static void test_render_to(void **state) {
  (void)state;
  /* a short article; the same 400 times (output of several pieces); one
   * sentence of 120 KB without a stop (one item larger than a piece);
   * bytes that are not UTF-8 */
  size_t alen = strlen(ARTICLE), nbig = 400 * alen, nlong = 120 * 1024;
  char *big = malloc(nbig + 1), *lng = malloc(nlong + 1), junk[600];
  assert_true(big && lng);
  for (size_t i = 0; i < 400; i++) memcpy(big + i * alen, ARTICLE, alen);
  for (size_t i = 0; i < nlong; i++) lng[i] = i % 6 == 5 ? ' ' : "word\""[i % 6 % 5];
  for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(i * 131 + 7);
  const char *texts[] = {ARTICLE, big, lng, junk};
  size_t lens[] = {alen, nbig, nlong, sizeof junk};
  const precis_format fmts[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON, PRECIS_FORMAT_JSONL, PRECIS_FORMAT_BRAT,
                                PRECIS_FORMAT_CONLLU};
  const size_t piece = 64 * 1024; /* "pieces of at most about 64 KB" */
  int several = 0;
  /* the same without and with the tokens (texts 4..7: JSON "tokens", CoNLL-U) */
  for (size_t tt = 0; tt < 8; tt++) {
    size_t t = tt % 4;
    precis_options o;
    precis_options_init(&o);
    if (tt >= 4) o.flags = PRECIS_OPT_WITH_TOKENS;
    precis_doc *d = precis_analyze(texts[t], lens[t], &o);
    assert_non_null(d);
    for (size_t f = 0; f < 5; f++) {
      size_t len;
      char *whole = precis_render(d, fmts[f], "doc-1", &len);
      assert_non_null(whole);
      sink k = {0};
      assert_int_equal(precis_render_to(d, fmts[f], "doc-1", sink_write, &k), 0);
      if (len != k.len || (len && memcmp(whole, k.data, len) != 0))
        fail_msg("text %zu format %zu: streamed output differs (%zu bytes, rendered %zu)", t, f, k.len, len);
      assert_true(k.largest <= piece);
      if (len > piece) {
        assert_true(k.pieces >= (len + piece - 1) / piece);
        several = 1;
      }
      /* a writer that fails midway: -1, and no call after the failing one */
      if (k.pieces >= 2) {
        sink e = {0};
        e.fail_at = k.pieces / 2 + 1;
        assert_int_equal(precis_render_to(d, fmts[f], "doc-1", sink_write, &e), -1);
        assert_int_equal(e.pieces, e.fail_at);
        assert_true(e.len < len && memcmp(e.data, whole, e.len) == 0); /* a prefix */
        free(e.data);
      }
      sink e1 = {.fail_at = 1}; /* fails at once (no call at all for an empty output) */
      assert_int_equal(precis_render_to(d, fmts[f], "doc-1", sink_write, &e1), len ? -1 : 0);
      assert_int_equal(e1.pieces, len ? 1 : 0);
      free(k.data);
      precis_free(NULL, whole);
    }
    /* NULL writer */
    assert_int_equal(precis_render_to(d, PRECIS_FORMAT_JSON, NULL, NULL, NULL), -1);
    precis_doc_free(d);
  }
  assert_true(several); /* the large documents did come in several pieces */
  sink k = {0};
  assert_int_equal(precis_render_to(NULL, PRECIS_FORMAT_JSON, NULL, sink_write, &k), -1);
  assert_int_equal(k.pieces, 0);
  free(big);
  free(lng);
}

/* Code points, not bytes: the pound sign (2 bytes) and the curly quotes
 * (3 bytes each) count one each. */
static void test_codepoint_spans(void **state) {
  (void)state;
  const char *in = "\xE2\x80\x9CPrices will fall,\xE2\x80\x9D said Zo\xC3\xAB Martin. It costs \xC2\xA3" "5m.\n";
  precis_doc *d = analyze(in);
  assert_consistent(d);
  const precis_quote *q;
  assert_int_equal(precis_doc_quotes(d, &q), 1);
  /* “Prices will fall,” said Zoë Martin.
   * 0   1                17 18  22 23   27 */
  assert_string_equal(q[0].content[0].text, "Prices will fall");
  assert_int_equal(q[0].content[0].span.start, 1);
  assert_int_equal(q[0].content[0].span.end, 17);
  assert_int_equal(q[0].cue.span.start, 20);
  assert_int_equal(q[0].cue.span.end, 24);
  assert_string_equal(q[0].source.text, "Zo\xC3\xAB Martin");
  assert_int_equal(q[0].source.span.start, 25);
  assert_int_equal(q[0].source.span.end, 35);
  const precis_figure *f;
  assert_int_equal(precis_doc_figures(d, &f), 1);
  assert_string_equal(f[0].text, "\xC2\xA3" "5m");
  assert_int_equal(f[0].span.start, 46);
  assert_int_equal(f[0].span.end, 49);
  precis_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_null_doc),
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_accessor_null_out),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_blank_input),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_garbage_bytes),
      cmocka_unit_test(test_custom_allocator),
      cmocka_unit_test(test_render_formats),
      cmocka_unit_test(test_tokens),
      cmocka_unit_test(test_render_to),
      cmocka_unit_test(test_codepoint_spans),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
