/* test_extract.c - precis_extract's API: arguments, options versions, the
 * caller's allocator, encodings, metadata, precis_doc_set_page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "precis.h"

static void test_arguments(void **state) {
  (void)state;
  precis_error err;
  assert_null(precis_extract(NULL, 5, NULL, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
  precis_extract_options o;
  precis_extract_options_init(&o);
  assert_int_equal(o.version, PRECIS_EXTRACT_OPTIONS_VERSION);
  o.version = 99;
  assert_null(precis_extract("<p>x</p>", 8, &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_OPTIONS_VERSION);
  assert_int_equal(precis_extract_options_init_version(&o, 0), -1);
  assert_int_equal(precis_extract_options_init_version(NULL, 1), -1);
  precis_page_free(NULL);
  assert_int_equal(precis_doc_set_page(NULL, NULL), -1);
  /* NULL with length 0, and no error struct: an empty page */
  precis_page *p = precis_extract(NULL, 0, NULL, NULL);
  assert_non_null(p);
  assert_string_equal(p->text, "");
  assert_int_equal(p->text_len, 0);
  assert_null(p->title);
  precis_page_free(p);
}

static int nalloc, nfree;
static void *t_malloc(void *c, size_t n) { (void)c; nalloc++; return malloc(n); }
static void *t_realloc(void *c, void *p, size_t n) { (void)c; return realloc(p, n); }
static void t_free(void *c, void *p) { (void)c; if (p) nfree++; free(p); }

static void test_allocator_and_metadata(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Site | Story</title><meta property=\"og:site_name\" content=\"Site\">"
      "<meta name=\"author\" content=\"A. Writer\">"
      "<script type=\"application/ld+json\">{\"headline\":\"Story \\u00e9\",\"datePublished\":\"2026-01-02\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Jo \\\"JJ\\\" Jones\"}]}</script></head>"
      "<body><nav><a href=/>Home</a></nav><article><h1>Story</h1><p>The first paragraph of the story, "
      "long enough to count, with commas, and more.</p><p>A second one, also with words.</p></article>"
      "<footer>Copyright</footer></body></html>";
  precis_allocator a = {t_malloc, t_realloc, t_free, NULL};
  precis_extract_options o;
  precis_extract_options_init(&o);
  o.allocator = &a;
  nalloc = nfree = 0;
  precis_error err;
  precis_page *p = precis_extract(page, strlen(page), &o, &err);
  assert_non_null(p);
  assert_int_equal(err.code, PRECIS_OK);
  assert_true(nalloc > 0);
  assert_string_equal(p->title, "Story \xc3\xa9");
  assert_string_equal(p->byline, "Jo \"JJ\" Jones");
  assert_string_equal(p->date, "2026-01-02");
  assert_string_equal(p->site, "Site");
  assert_string_equal(p->encoding, "UTF-8");
  assert_string_equal(p->text, "The first paragraph of the story, long enough to count, with commas, and more.\n"
                               "A second one, also with words.");
  assert_int_equal(p->text_len, strlen(p->text));

  precis_options ao;
  precis_options_init(&ao);
  ao.flags = PRECIS_OPT_NO_TAGGER | PRECIS_OPT_WITH_TEXT;
  precis_doc *d = precis_analyze(p->text, p->text_len, &ao);
  assert_non_null(d);
  assert_int_equal(precis_doc_set_page(d, p), 0);
  precis_page_free(p);
  assert_int_equal(nalloc, nfree);
  char *json = precis_render(d, PRECIS_FORMAT_JSON, NULL, NULL);
  assert_non_null(strstr(json, "\"page\": {\"title\":\"Story \xc3\xa9\",\"byline\":\"Jo \\\"JJ\\\" Jones\""));
  assert_non_null(strstr(json, "\"text\": \"The first paragraph"));
  precis_free(NULL, json);
  precis_doc_free(d);
}

/* Windows-1252 without a declaration, the same bytes declared ISO-8859-1,
 * a caller's encoding, a UTF-16 page with its byte order mark. */
static void test_encodings(void **state) {
  (void)state;
  const char *want = "Caf\xc3\xa9 \xe2\x80\x9cna\xc3\xafve\xe2\x80\x9d \xe2\x82\xac" "5, and more words here.";
  static const char w1252[] = "<p>Caf\xe9 \x93na\xefve\x94 \x80" "5, and more words here.</p>";
  precis_page *p = precis_extract(w1252, strlen(w1252), NULL, NULL);
  assert_string_equal(p->text, want);
  assert_string_equal(p->encoding, "windows-1252");
  precis_page_free(p);
  static const char latin1[] = "<meta charset=iso-8859-1><p>Caf\xe9 \x93na\xefve\x94 \x80" "5, and more words here.</p>";
  p = precis_extract(latin1, strlen(latin1), NULL, NULL);
  assert_string_equal(p->text, want);
  precis_page_free(p);
  precis_extract_options o;
  precis_extract_options_init(&o);
  o.encoding = "cp1252";
  p = precis_extract(w1252, strlen(w1252), &o, NULL);
  assert_string_equal(p->text, want);
  precis_page_free(p);
  /* an encoding nobody knows is as none: page.encoding says what the bytes
   * were read as (before 0.5.0 it said "klingon" and decoded Windows-1252) */
  o.encoding = "klingon";
  p = precis_extract(w1252, strlen(w1252), &o, NULL);
  assert_string_equal(p->text, want);
  assert_string_equal(p->encoding, "windows-1252");
  precis_page_free(p);
  /* one libxml2 (iconv) knows is used and reported */
  o.encoding = "KOI8-R";
  static const char koi[] = "<p>\xf0\xd2\xc9\xd7\xc5\xd4, and more words here.</p>";
  p = precis_extract(koi, strlen(koi), &o, NULL);
  assert_string_equal(p->text, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, and more words here.");
  assert_string_equal(p->encoding, "KOI8-R");
  precis_page_free(p);
  /* UTF-16LE with a BOM: "<p>Hi</p>" */
  static const char u16[] = "\xff\xfe<\0p\0>\0H\0i\0<\0/\0p\0>\0";
  p = precis_extract(u16, sizeof u16 - 1, NULL, NULL);
  assert_non_null(p);
  assert_string_equal(p->text, "Hi");
  precis_page_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arguments),
      cmocka_unit_test(test_allocator_and_metadata),
      cmocka_unit_test(test_encodings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
