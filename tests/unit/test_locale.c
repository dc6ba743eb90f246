/* test_locale.c - the writers do not follow the host program's locale.
 *
 * A program that calls setlocale(LC_ALL, "de_DE.UTF-8") has ',' as its
 * decimal separator; printf("%.4f") then writes "2,3200", and JSON output
 * written that way ("score":2,3200) is invalid.  Every format must come out
 * byte for byte as in the C locale.  The test needs a locale with a comma
 * decimal separator (tools/install-deps generates de_DE.UTF-8); without one
 * it is skipped (exit 77). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "precis.h"

static const char *comma_locale; /* found by main */

static const char article[] =
    "LEEDS -- The council said on Tuesday that the new bridge would cost $4.5 million and open in 2027.\n\n"
    "\xE2\x80\x9CIt is a good day for Leeds,\xE2\x80\x9D Mayor Ann Price told reporters, adding that 12.5% of "
    "voters had backed the plan.\n\n"
    "Officials said the bridge would carry 3,500 people a day, up 0.75 percent on the old crossing.\n\n"
    "Mr Osei, a councillor, said the cost of \xC2\xA3" "3.2bn for the ring road was too high.\n";

static char *render(precis_format f) {
  precis_doc *d = precis_analyze(article, sizeof article - 1, NULL);
  assert_non_null(d);
  char *out = precis_render(d, f, "loc-1", NULL);
  assert_non_null(out);
  precis_doc_free(d);
  return out;
}

static void use_locale(const char *name) {
  assert_non_null(setlocale(LC_ALL, name));
  assert_string_equal(localeconv()->decimal_point, strcmp(name, "C") ? "," : ".");
}

/* Every format, rendered under a comma locale, equals the C locale's bytes;
 * the JSON parses and its numbers are numbers. */
static void test_render_in_comma_locale(void **state) {
  (void)state;
  static const precis_format fmts[] = {PRECIS_FORMAT_JSON, PRECIS_FORMAT_JSONL, PRECIS_FORMAT_TEXT,
                                       PRECIS_FORMAT_BRAT};
  for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++) {
    use_locale("C");
    char *c = render(fmts[k]);
    use_locale(comma_locale);
    char *l = render(fmts[k]);
    use_locale("C");
    if (strcmp(c, l) != 0) {
      size_t i = 0;
      while (c[i] == l[i]) i++;
      fail_msg("format %d differs under %s at byte %zu: \"%.40s\" against \"%.40s\"", (int)fmts[k],
               comma_locale, i, l + (i > 10 ? i - 10 : 0), c + (i > 10 ? i - 10 : 0));
    }
    if (fmts[k] == PRECIS_FORMAT_JSON || fmts[k] == PRECIS_FORMAT_JSONL) {
      json_error_t err;
      json_t *j = json_loads(l, 0, &err);
      if (!j) fail_msg("JSON rendered under %s does not parse: %s (column %d)", comma_locale, err.text, err.column);
      json_t *kps = json_object_get(j, "keypoints"), *figs = json_object_get(j, "figures");
      assert_true(json_array_size(kps) > 0);
      assert_true(json_array_size(figs) >= 4);
      for (size_t i = 0; i < json_array_size(kps); i++)
        assert_true(json_is_real(json_object_get(json_array_get(kps, i), "score")));
      int frac = 0; /* 12.5 and 0.75 keep their fractions */
      for (size_t i = 0; i < json_array_size(figs); i++) {
        json_t *v = json_object_get(json_array_get(figs, i), "value");
        assert_true(json_is_number(v));
        if (json_number_value(v) == 12.5 || json_number_value(v) == 0.75) frac++;
      }
      assert_true(frac >= 2);
      json_decref(j);
    }
    free(c);
    free(l);
  }
}

/* prc_buf_double writes what printf writes in the C locale. */
static void test_buf_double(void **state) {
  (void)state;
  static const double vals[] = {0, -0.0, 0.5, -2.32, 1.0 / 3, 4500000, 1e15, 1e16, 123456789012345678.0,
                                1e21, 1.5e-7, -3.25e-300, 1.7976931348623157e308, 2.2250738585072014e-308};
  static const char *fmts[] = {"%.4f", "%.15g", "%g", "%.17g", "%e", "%.0f"};
  for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
      char want[512];
      use_locale("C");
      snprintf(want, sizeof want, fmts[f], vals[i]);
      use_locale(comma_locale);
      buf b;
      prc_buf_init(&b, NULL);
      prc_buf_double(&b, fmts[f], vals[i]);
      char *got = prc_buf_finish(&b, NULL);
      use_locale("C");
      assert_non_null(got);
      if (strcmp(got, want)) fail_msg("%s of %.17g: \"%s\", expected \"%s\"", fmts[f], vals[i], got, want);
      free(got);
    }
}

int main(void) {
  static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8", "it_IT.UTF-8",
                                "es_ES.UTF-8", "ru_RU.UTF-8", "pt_BR.UTF-8", "da_DK.UTF-8", "de_DE", NULL};
  for (int i = 0; names[i] && !comma_locale; i++)
    if (setlocale(LC_ALL, names[i]) && !strcmp(localeconv()->decimal_point, ",")) comma_locale = names[i];
  setlocale(LC_ALL, "C");
  if (!comma_locale) {
    printf("SKIP: no locale with a comma decimal separator (de_DE.UTF-8, fr_FR.UTF-8, ...): "
           "run tools/install-deps to generate de_DE.UTF-8\n");
    return 77;
  }
  printf("comma-decimal locale: %s\n", comma_locale);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_render_in_comma_locale),
      cmocka_unit_test(test_buf_double),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
