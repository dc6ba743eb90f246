/* test_figures.c - the figures stage (money, percentages, counts).
 *
 * Runs only prc_text_prepare -> prc_tokenize -> prc_split_sentences -> prc_find_figures, so
 * the test does not depend on the other stages.  Every expected figure is
 * written out by hand: its exact text, kind, value and unit; the byte span is
 * where that text occurs in the input (searched from the previous figure on). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

#define M PRECIS_FIGURE_MONEY
#define P PRECIS_FIGURE_PERCENT
#define C PRECIS_FIGURE_COUNT

typedef struct {
  const char *text;
  precis_figure_kind kind;
  double value;
  const char *unit;
} expfig;

static precis_doc *run(const char *input) {
  arena ar;
  prc_arena_init(&ar, NULL);
  precis_doc *d = prc_arena_alloc(&ar, sizeof *d);
  d->ar = ar;
  precis_options_init(&d->opts);
  prc_text_prepare(d, input, strlen(input));
  prc_tokenize(d);
  prc_split_sentences(d);
  prc_find_figures(d);
  return d;
}

static const char *kind_name(int k) { return k == M ? "MONEY" : k == P ? "PERCENT" : "COUNT"; }

static void dump(const precis_doc *d) {
  for (uint32_t i = 0; i < d->nfigs; i++) {
    const figure *f = &d->figs[i];
    print_message("  got %s \"%.*s\" %g %s\n", kind_name(f->kind), (int)(f->end - f->start), d->text + f->start,
                  f->value, f->unit ? f->unit : "(null)");
  }
}

static void expect(const char *input, const expfig *exp, size_t n) {
  precis_doc *d = run(input);
  if (d->nfigs != n) {
    print_message("input: %s\n", input);
    dump(d);
  }
  assert_int_equal(d->nfigs, n);
  size_t from = 0;
  for (size_t i = 0; i < n; i++) {
    const figure *f = &d->figs[i];
    const char *at = strstr(input + from, exp[i].text);
    assert_non_null(at);
    uint32_t start = (uint32_t)(at - input), end = start + (uint32_t)strlen(exp[i].text);
    if (f->start != start || f->end != end || (int)f->kind != (int)exp[i].kind) {
      print_message("input: %s\nwant %s \"%s\"\n", input, kind_name(exp[i].kind), exp[i].text);
      dump(d);
    }
    assert_int_equal(f->start, start);
    assert_int_equal(f->end, end);
    assert_int_equal(f->kind, exp[i].kind);
    assert_true(fabs(f->value - exp[i].value) <= 1e-9 * fmax(1.0, fabs(exp[i].value)));
    assert_non_null(f->unit);
    assert_string_equal(f->unit, exp[i].unit);
    assert_true(f->sent < d->nsents);
    from = end;
  }
  precis_doc_free(d);
}

#define EXPECT(input, ...)                                   \
  do {                                                       \
    static const expfig e_[] = {__VA_ARGS__};                \
    expect(input, e_, sizeof e_ / sizeof e_[0]);             \
  } while (0)

static void expect_none(const char *input) {
  precis_doc *d = run(input);
  if (d->nfigs) {
    print_message("input: %s\n", input);
    dump(d);
  }
  assert_int_equal(d->nfigs, 0);
  precis_doc_free(d);
}

/* ---- money ---- */

static void money_symbol_scale(void **st) {
  (void)st;
  EXPECT("Britain announced a fresh package of aid for Ukraine worth $185 million.",
         {"$185 million", M, 185e6, "USD"});
  EXPECT("The club paid \xC2\xA3" "600m for the ground.", {"\xC2\xA3" "600m", M, 600e6, "GBP"});
  EXPECT("Brussels set aside \xE2\x82\xAC" "2bn for farmers.", {"\xE2\x82\xAC" "2bn", M, 2e9, "EUR"});
  EXPECT("The deal is worth $1.2 billion over ten years.", {"$1.2 billion", M, 1.2e9, "USD"},
         {"ten years", C, 10, "years"});
  EXPECT("Losses reached \xC2\xA3" "3.5bn, against $1.2bn a year earlier.", {"\xC2\xA3" "3.5bn", M, 3.5e9, "GBP"},
         {"$1.2bn", M, 1.2e9, "USD"});
}

static void money_plain_and_prefixed(void **st) {
  (void)st;
  EXPECT("Each family was offered $10,000 in compensation.", {"$10,000", M, 10000, "USD"});
  EXPECT("Tickets cost US$5 at the door.", {"US$5", M, 5, "USD"});
  EXPECT("The firm raised A$30 million.", {"A$30 million", M, 30e6, "AUD"});
  EXPECT("The budget is USD 4.5 billion.", {"USD 4.5 billion", M, 4.5e9, "USD"});
  EXPECT("A bottle of water costs 50p and a loaf $2.50.", {"50p", M, 0.5, "GBP"}, {"$2.50", M, 2.5, "USD"});
  EXPECT("She donated $20k to the fund.", {"$20k", M, 20000, "USD"});
}

static void money_currency_words(void **st) {
  (void)st;
  EXPECT("The council spent 5 million dollars and 20 euros on the survey.",
         {"5 million dollars", M, 5e6, "USD"}, {"20 euros", M, 20, "EUR"});
  EXPECT("The ministry will borrow 3 trillion yen next year.", {"3 trillion yen", M, 3e12, "JPY"});
  EXPECT("The state approved Rs 500 crore for roads.", {"Rs 500 crore", M, 5e9, "INR"});
  EXPECT("He was paid a million dollars for the role.", {"a million dollars", M, 1e6, "USD"});
  EXPECT("The bank holds 2 billion Australian dollars in bonds.", {"2 billion Australian dollars", M, 2e9, "AUD"});
  EXPECT("Billions of dollars were lost.", {"Billions of dollars", M, 2e9, "USD"});
  EXPECT("The club sold the player for twelve million pounds.", {"twelve million pounds", M, 12e6, "GBP"});
  EXPECT("A stamp costs 60 cents.", {"60 cents", M, 0.6, "USD"});
}

static void money_pounds_weight(void **st) {
  (void)st;
  /* pounds without a scale are weight: a count, not money */
  EXPECT("Police found 3,000 pounds of explosives.", {"3,000 pounds", C, 3000, "pounds"});
  EXPECT("The fine was 2 million pounds sterling.", {"2 million pounds sterling", M, 2e6, "GBP"});
}

/* ---- percent ---- */

static void percent_forms(void **st) {
  (void)st;
  EXPECT("Turnout was 76% in the north.", {"76%", P, 76, "%"});
  EXPECT("Prices rose 3.5 per cent in May.", {"3.5 per cent", P, 3.5, "%"});
  EXPECT("Prices rose 4 percent in June.", {"4 percent", P, 4, "%"});
  EXPECT("Rates went up by two percentage points.", {"two percentage points", P, 2, "pp"});
  EXPECT("The bank cut rates by 25 basis points.", {"25 basis points", P, 25, "bp"});
  EXPECT("Inflation fell by half a percentage point.", {"half a percentage point", P, 0.5, "pp"});
}

static void percent_gdp_and_approximators(void **st) {
  (void)st;
  EXPECT("Allies were told to raise their defence spending target to five percent of GDP.",
         {"five percent of GDP", P, 5, "%"});
  EXPECT("The goal should be raised to \xE2\x80\x9Cnorth of three percent\xE2\x80\x9D, he said.",
         {"north of three percent", P, 3, "%"});
  EXPECT("The country spends 2.4 per cent of its GDP on defence.", {"2.4 per cent of its GDP", P, 2.4, "%"});
  EXPECT("Debt reached 90 percent of gross domestic product.",
         {"90 percent of gross domestic product", P, 90, "%"});
  EXPECT("More than 60% of voters agreed, but almost 30% did not.", {"More than 60%", P, 60, "%"},
         {"almost 30%", P, 30, "%"});
  EXPECT("Growth is expected to be at least 1.5% and up to 2%.", {"at least 1.5%", P, 1.5, "%"},
         {"up to 2%", P, 2, "%"});
  /* "more than" before "double", not before the number: not part of the span */
  EXPECT("They want NATO to more than double spending to 4 percent.", {"4 percent", P, 4, "%"});
}

/* ---- counts ---- */

static void count_digits(void **st) {
  (void)st;
  EXPECT("Six patients died and 10 people were hurt.", {"Six patients", C, 6, "patients"},
         {"10 people", C, 10, "people"});
  EXPECT("The army sent 300 troops and rebuilt 2,000 homes.", {"300 troops", C, 300, "troops"},
         {"2,000 homes", C, 2000, "homes"});
  EXPECT("He served 14 years and walked 5 miles home.", {"14 years", C, 14, "years"},
         {"5 miles", C, 5, "miles"});
  EXPECT("The network reaches 1.5 million people.", {"1.5 million people", C, 1.5e6, "people"});
  EXPECT("Ukraine wants 300 more US troops.", {"300 more US troops", C, 300, "troops"});
  /* the head of a noun compound is the unit; a measure is not a modifier */
  EXPECT("Gunmen shot two police officers.", {"two police officers", C, 2, "officers"});
  EXPECT("She is one of the 800 metres favourites.", {"800 metres", C, 800, "metres"});
  /* a noun ending in -ics is not a plural */
  expect_none("He won three athletics medals.");
}

static void count_words(void **st) {
  (void)st;
  EXPECT("Two hundred and fifty soldiers and twenty-five civilians were killed.",
         {"Two hundred and fifty soldiers", C, 250, "soldiers"}, {"twenty-five civilians", C, 25, "civilians"});
  EXPECT("Half a million people and a million children were affected.",
         {"Half a million people", C, 5e5, "people"}, {"a million children", C, 1e6, "children"});
  EXPECT("The firm hired two dozen lawyers.", {"two dozen lawyers", C, 24, "lawyers"});
  EXPECT("Thousands of people marched, and tens of thousands of Ukrainians fled.",
         {"Thousands of people", C, 2000, "people"}, {"tens of thousands of Ukrainians", C, 20000, "ukrainians"});
}

static void mixed_sentences(void **st) {
  (void)st;
  EXPECT("Sales rose 12% to $4.2bn as the group cut 1,200 jobs.\nShares fell 3 per cent.",
         {"12%", P, 12, "%"}, {"$4.2bn", M, 4.2e9, "USD"}, {"1,200 jobs", C, 1200, "jobs"},
         {"3 per cent", P, 3, "%"});
  precis_doc *d = run("Sales rose 12% to $4.2bn.\nShares fell 3 per cent.");
  assert_int_equal(d->nfigs, 3);
  assert_int_equal(d->figs[0].sent, 0);
  assert_int_equal(d->figs[1].sent, 0);
  assert_int_equal(d->figs[2].sent, 1);
  precis_doc_free(d);
}

/* ranges keep their lower bound; a scale glued to a hyphenated word still counts */
static void ranges_and_hyphens(void **st) {
  (void)st;
  EXPECT("Earnings should grow by 20-25% this year.", {"20-25%", P, 20, "%"});
  EXPECT("Analysts see oil at $30-35 a barrel.", {"$30-35", M, 30, "USD"});
  EXPECT("He signed a \xC2\xA3" "1.5m-a-year contract.", {"\xC2\xA3" "1.5m-a-year", M, 1.5e6, "GBP"});
  /* attached "m" before a race is metres, not millions */
  expect_none("She won the 100m hurdles in Rome.");
  /* a range is never a count (scores look the same) */
  expect_none("They won 3-1 games and waited 2-3 years.");
  EXPECT("Police detained 16 Indonesian citizens and 20 British tourists.",
         {"16 Indonesian citizens", C, 16, "citizens"}, {"20 British tourists", C, 20, "tourists"});
  EXPECT("The BBC lost 4 million viewers.", {"4 million viewers", C, 4e6, "viewers"});
  /* a range of counts in words keeps its lower bound (0.12.3: "300 people",
   * value 300, for "200 to 300 people") */
  EXPECT("Some 200 to 300 people gathered outside.", {"200 to 300 people", C, 200, "people"});
  EXPECT("Between 40 and 50 people were hurt.", {"Between 40 and 50 people", C, 40, "people"});
  EXPECT("About 2,000 to 2,500 students marched.", {"2,000 to 2,500 students", C, 2000, "students"});
  EXPECT("Five to six men were arrested.", {"Five to six men", C, 5, "men"});
  /* not a vote or a score: the larger number first is no range */
  expect_none("The vote was 5 to 4 in favour.");
}

/* a count is never made of a number already inside money or a percentage */
static void no_count_inside_money_or_percent(void **st) {
  (void)st;
  EXPECT("The plan costs $5 million dollars a year.", {"$5 million", M, 5e6, "USD"});
  EXPECT("Only 40 percent of workers agreed.", {"40 percent", P, 40, "%"});
}

/* code points: the public spans count characters, not bytes */
static void code_point_span(void **st) {
  (void)st;
  precis_doc *d = run("\xE2\x82\xAC" "5 and \xC2\xA3" "600m.");
  assert_int_equal(d->nfigs, 2);
  assert_int_equal(prc_cp_index(d, d->figs[1].start), 7);  /* "€5 and " is 7 characters */
  assert_int_equal(prc_cp_index(d, d->figs[1].end), 12);   /* "£600m" is 5 characters */
  assert_string_equal(d->figs[0].unit, "EUR");
  precis_doc_free(d);
}

/* ---- negatives ---- */

static void negatives_years_dates_times(void **st) {
  (void)st;
  expect_none("In 2014, the war began.");
  expect_none("Since 1999 he has lived in Paris.");
  expect_none("The 2016 elections changed everything.");
  expect_none("The meeting is on Jan. 5 and again on 5 May.");
  expect_none("The vote is on May 12 in the capital.");
  expect_none("The train left at 12:35 and arrived at 5 pm.");
}

static void negatives_scores_ordinals_labels(void **st) {
  (void)st;
  expect_none("Chelsea won 3-0 in the 20th minute.");
  expect_none("It was the music of the 1990s.");
  expect_none("The 48-date tour was a success.");
  expect_none("Article 5 says that an attack on one is an attack on all.");
  expect_none("See page 12 results and chapter 3 notes.");
  expect_none("Call 555-1234 or 020 7946 0000 today.");
  expect_none("Mr Smith, 45, said the three of them would go.");
  expect_none("He left pre-2014 borders and went to Channel Four offices.");
  expect_none("One of the men said five times that he was sorry.");
}

static void empty_and_noise(void **st) {
  (void)st;
  expect_none("");
  expect_none("$ % per cent million");
  expect_none("one one one one hundred hundred thousand");
}

/* a long document is handled in linear time and spans stay ordered */
static void long_input_ordered(void **st) {
  (void)st;
  const char *unit = "It cost $5 million and 300 people saw 7% growth. ";
  size_t ul = strlen(unit), reps = 20000;
  char *buf = malloc(ul * reps + 1);
  assert_non_null(buf);
  for (size_t k = 0; k < reps; k++) memcpy(buf + k * ul, unit, ul);
  buf[ul * reps] = 0;
  precis_doc *d = run(buf);
  assert_int_equal(d->nfigs, 3 * reps);
  for (uint32_t i = 1; i < d->nfigs; i++) assert_true(d->figs[i - 1].end <= d->figs[i].start);
  assert_int_equal(d->figs[3 * reps - 1].kind, P);
  precis_doc_free(d);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(money_symbol_scale),
      cmocka_unit_test(money_plain_and_prefixed),
      cmocka_unit_test(money_currency_words),
      cmocka_unit_test(money_pounds_weight),
      cmocka_unit_test(percent_forms),
      cmocka_unit_test(percent_gdp_and_approximators),
      cmocka_unit_test(count_digits),
      cmocka_unit_test(count_words),
      cmocka_unit_test(mixed_sentences),
      cmocka_unit_test(ranges_and_hyphens),
      cmocka_unit_test(no_count_inside_money_or_percent),
      cmocka_unit_test(code_point_span),
      cmocka_unit_test(negatives_years_dates_times),
      cmocka_unit_test(negatives_scores_ordinals_labels),
      cmocka_unit_test(empty_and_noise),
      cmocka_unit_test(long_input_ordered),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
