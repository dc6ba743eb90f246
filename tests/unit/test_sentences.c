/* test_sentences.c - the news sentence splitter, through the public API.
 *
 * Each case gives an input and the exact sentences it must split into (their
 * text, which must also be the text at their span), with "#" in front of a
 * sentence that must be a heading.  The expectations are written by hand
 * from the rules a copy editor would apply: abbreviations, initials,
 * decimals and money don't end a sentence; a quote closing after the full
 * stop stays with its sentence; a dateline at the top is cut off; a short
 * line without closing punctuation between paragraphs is a heading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

#define MAXS 32

/* Byte offset of code point cp in s. */
static size_t cpb(const char *s, size_t n, size_t cp) {
  size_t b = 0, k = 0;
  while (b < n && k < cp) {
    b++;
    while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    k++;
  }
  return b;
}

static void dump(const precis_doc *d) {
  size_t n;
  const char *t = precis_doc_text(d, &n);
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  for (size_t i = 0; i < ns; i++) {
    size_t a = cpb(t, n, s[i].span.start), b = cpb(t, n, s[i].span.end);
    print_message("  got [%zu] p%d %s\"%.*s\"\n", i, s[i].paragraph, s[i].is_heading ? "#" : "", (int)(b - a), t + a);
  }
}

/* exp: NULL-terminated list of sentences, "#..." for headings.  paras:
 * the paragraph index of each sentence, or NULL not to check. */
static void expect_split(const char *input, const char *const *exp, const int *paras) {
  precis_doc *d = precis_analyze(input, strlen(input), NULL);
  assert_non_null(d);
  size_t n;
  const char *t = precis_doc_text(d, &n);
  const precis_sentence *s;
  size_t ns = precis_doc_sentences(d, &s);
  size_t ne = 0;
  while (exp[ne]) ne++;
  if (ns != ne) {
    print_message("input: %s\nexpected %zu sentences, got %zu\n", input, ne, ns);
    dump(d);
  }
  assert_int_equal(ns, ne);
  size_t nheads = 0;
  for (size_t i = 0; i < ns; i++) {
    const char *e = exp[i];
    int heading = e[0] == '#';
    if (heading) e++, nheads++;
    size_t a = cpb(t, n, s[i].span.start), b = cpb(t, n, s[i].span.end);
    if (strlen(e) != b - a || memcmp(t + a, e, b - a) != 0 || s[i].is_heading != heading) {
      print_message("input: %s\nsentence %zu: expected %s\"%s\"\n", input, i, heading ? "#" : "", e);
      dump(d);
      fail();
    }
    if (paras) assert_int_equal(s[i].paragraph, paras[i]);
  }
  /* precis_doc_headings lists exactly the heading sentences, in order */
  const precis_text *h;
  assert_int_equal(precis_doc_headings(d, &h), nheads);
  for (size_t i = 0, k = 0; i < ns; i++) {
    if (!s[i].is_heading) continue;
    assert_string_equal(h[k].text, exp[i] + 1);
    assert_int_equal(h[k].span.start, s[i].span.start);
    assert_int_equal(h[k].span.end, s[i].span.end);
    k++;
  }
  precis_doc_free(d);
}

#define SPLIT(input, ...)                                   \
  do {                                                      \
    const char *const exp_[] = {__VA_ARGS__, NULL};         \
    expect_split(input, exp_, NULL);                        \
  } while (0)

/* ---- abbreviations and initials ------------------------------------------------- */

static void test_titles(void **state) {
  (void)state;
  SPLIT("Mr. Halvorsen met Gen. Okafor and Dr. Lind on Friday. They talked for an hour.",
        "Mr. Halvorsen met Gen. Okafor and Dr. Lind on Friday.", "They talked for an hour.");
  SPLIT("Rev. Mark Lee and Mrs. Sue Park wrote to Sen. Jo Hill. Prof. Anna Berg replied.",
        "Rev. Mark Lee and Mrs. Sue Park wrote to Sen. Jo Hill.", "Prof. Anna Berg replied.");
  /* a title before "The"-like words still never ends a sentence */
  SPLIT("The letter was signed by Gov. The Honourable Ruth Amos.", "The letter was signed by Gov. The Honourable Ruth Amos.");
}

static void test_months_and_companies(void **state) {
  (void)state;
  SPLIT("The vote is set for Feb. 3. Lawmakers are divided.", "The vote is set for Feb. 3.", "Lawmakers are divided.");
  SPLIT("On Jan. 12 the talks began.", "On Jan. 12 the talks began.");
  SPLIT("The lease with Brightwater Inc. runs until 2031. Its rent was raised.",
        "The lease with Brightwater Inc. runs until 2031.", "Its rent was raised.");
  /* an abbreviation at the end of a sentence, before a sentence opener */
  SPLIT("She works for Brightwater Inc. The firm makes boats.", "She works for Brightwater Inc.", "The firm makes boats.");
  SPLIT("The report, published by Lark & Co. on Friday, was short.",
        "The report, published by Lark & Co. on Friday, was short.");
}

static void test_us_uk(void **state) {
  (void)state;
  SPLIT("Gen. Tomas Varga, of the U.S. Army, spoke first. Prof. Anna Berg spoke next.",
        "Gen. Tomas Varga, of the U.S. Army, spoke first.", "Prof. Anna Berg spoke next.");
  SPLIT("Ms. Ferreira moved to the U.S. She now runs a bakery.", "Ms. Ferreira moved to the U.S.", "She now runs a bakery.");
  SPLIT("The U.K. and the U.S. signed. It took years.", "The U.K. and the U.S. signed.", "It took years.");
  SPLIT("Ms. Ferreira, who moved to the U.S. in 2019, runs the canteen.",
        "Ms. Ferreira, who moved to the U.S. in 2019, runs the canteen.");
}

static void test_initials(void **state) {
  (void)state;
  SPLIT("The novelist J. K. Lindqvist grew up here. Her books sell well.",
        "The novelist J. K. Lindqvist grew up here.", "Her books sell well.");
  SPLIT("A letter from George W. Baxter arrived.", "A letter from George W. Baxter arrived.");
}

static void test_clock_times(void **state) {
  (void)state;
  SPLIT("The plane landed at 6 p.m. Passengers cheered.", "The plane landed at 6 p.m.", "Passengers cheered.");
  SPLIT("He arrived at 9 a.m. Monday and left at 5 p.m. She stayed.",
        "He arrived at 9 a.m. Monday and left at 5 p.m.", "She stayed.");
  SPLIT("Polls close at 8 p.m. EST and results follow.", "Polls close at 8 p.m. EST and results follow.");
  SPLIT("It starts at 7 p.m. Pacific time on Friday.", "It starts at 7 p.m. Pacific time on Friday.");
}

/* ---- numbers ----------------------------------------------------------------------- */

static void test_decimals_and_money(void **state) {
  (void)state;
  SPLIT("The company earned $1.2bn, up from $0.9bn. Its shares closed at 14.25 on Friday.",
        "The company earned $1.2bn, up from $0.9bn.", "Its shares closed at 14.25 on Friday.");
  SPLIT("Prices rose 3.5% in March. Rents rose by 0.75%.", "Prices rose 3.5% in March.", "Rents rose by 0.75%.");
  SPLIT("It cost US$4.5m. It was paid in full.", "It cost US$4.5m.", "It was paid in full.");
  SPLIT("Prices fell 2.5 per cent. 1,200 jobs went.", "Prices fell 2.5 per cent.", "1,200 jobs went.");
  SPLIT("The lead was cut to 0.5 points by 10.30pm.", "The lead was cut to 0.5 points by 10.30pm.");
}

/* ---- quotes and punctuation ------------------------------------------------------- */

static void test_quote_after_stop(void **state) {
  (void)state;
  SPLIT("\"We were ready,\" he said. \"They were not.\" Officials left the hall.",
        "\"We were ready,\" he said.", "\"They were not.\"", "Officials left the hall.");
  SPLIT("He said the plan \"has no future.\" The minister disagreed.",
        "He said the plan \"has no future.\"", "The minister disagreed.");
  SPLIT("\xE2\x80\x9CIt is over.\xE2\x80\x9D Officials left.", "\xE2\x80\x9CIt is over.\xE2\x80\x9D", "Officials left.");
  SPLIT("He said \"enough.\" Then he left.", "He said \"enough.\"", "Then he left.");
  /* a bracket after the stop stays too */
  SPLIT("The fund grew. (It shrank the year before.) Nobody minded.", "The fund grew.",
        "(It shrank the year before.)", "Nobody minded.");
}

static void test_question_exclamation_ellipsis(void **state) {
  (void)state;
  SPLIT("He asked: \"Why now?\" Nobody replied.", "He asked: \"Why now?\"", "Nobody replied.");
  SPLIT("What now? Nobody knows! We will see.", "What now?", "Nobody knows!", "We will see.");
  SPLIT("It fell... Then it rose again.", "It fell...", "Then it rose again.");
  /* a question mark inside a sentence before a lower-case word does not end it */
  SPLIT("\"Why now?\" she asked.", "\"Why now?\" she asked.");
  /* a quoted question or exclamation that opens the sentence keeps its attribution
   * ("Clinton said."), which is no sentence of its own */
  SPLIT("\xE2\x80\x9CHow many times do we have to see this?\xE2\x80\x9D Clinton said. \xE2\x80\x9CIt is unbearable.\xE2\x80\x9D",
        "\xE2\x80\x9CHow many times do we have to see this?\xE2\x80\x9D Clinton said.", "\xE2\x80\x9CIt is unbearable.\xE2\x80\x9D");
  SPLIT("\"Stop the count!\" Mr. Trump tweeted on Thursday. The count went on.",
        "\"Stop the count!\" Mr. Trump tweeted on Thursday.", "The count went on.");
  SPLIT("\"Why now?\" The senator asked reporters at the airport, and left.",
        "\"Why now?\" The senator asked reporters at the airport, and left.");
  /* ... but not a new sentence with another verb, nor after a quote with its cue before it */
  SPLIT("\"Why now?\" Nobody knew the answer in the town hall.", "\"Why now?\"", "Nobody knew the answer in the town hall.");
  SPLIT("He asked: \"Why now?\" Nobody replied.", "He asked: \"Why now?\"", "Nobody replied.");
}

/* ---- paragraphs ------------------------------------------------------------------- */

static void test_paragraphs(void **state) {
  (void)state;
  const char *exp[] = {"One line here.", "Two sentences here.", "Still two.", "Three after a blank line.", NULL};
  const int paras[] = {0, 1, 1, 2};
  expect_split("One line here.\nTwo sentences here. Still two.\n\n\nThree after a blank line.\n", exp, paras);
  /* a sentence without final punctuation at the end of the text is kept */
  SPLIT("The last line has no full stop", "The last line has no full stop");
  /* CRLF line ends */
  const char *exp2[] = {"First.", "Second.", NULL};
  const int paras2[] = {0, 1};
  expect_split("First.\r\nSecond.\r\n", exp2, paras2);
}

/* ---- datelines ---------------------------------------------------------------------- */

static void test_datelines(void **state) {
  (void)state;
  SPLIT("OSLOBAY: The harbour reopened on Monday.\nA second paragraph follows.",
        "The harbour reopened on Monday.", "A second paragraph follows.");
  SPLIT("(CNN) -- A ferry ran aground near Tarvik on Sunday.\nNobody was hurt.",
        "A ferry ran aground near Tarvik on Sunday.", "Nobody was hurt.");
  SPLIT("(CNN)A ferry ran aground near Tarvik on Sunday.\nNobody was hurt.",
        "A ferry ran aground near Tarvik on Sunday.", "Nobody was hurt.");
  SPLIT("Lagos, Nigeria (CNN) -- Heavy rain flooded the main market.\nTraders lost stock.",
        "Heavy rain flooded the main market.", "Traders lost stock.");
  SPLIT("Kestrel Bay, Nuvaria (CNN) -- Heavy rain flooded the main market.\nTraders lost stock.",
        "Heavy rain flooded the main market.", "Traders lost stock.");
  SPLIT("WASHINGTON (Reuters) - The Senate passed the farm bill on Thursday.\nIt now goes to the House.",
        "The Senate passed the farm bill on Thursday.", "It now goes to the House.");
  SPLIT("By . Daily Mail Reporter . A pensioner found a rare coin in her garden.\nIt was Roman.",
        "A pensioner found a rare coin in her garden.", "It was Roman.");
  SPLIT("By . Daily Mail Reporter . PUBLISHED: . 10:30 EST, 1 May 2014 . | . UPDATED: . 11:02 EST, 1 May 2014 . "
        "A pensioner found a rare coin in her garden.\nIt was Roman.",
        "A pensioner found a rare coin in her garden.", "It was Roman.");
  SPLIT("NEW DELHI, India -- Monsoon rains arrived early this year.\nFarmers were relieved.",
        "Monsoon rains arrived early this year.", "Farmers were relieved.");
  SPLIT("PORT ELMWOOD \xE2\x80\x94 The mill closed on Friday.\nIts 80 workers were laid off.",
        "The mill closed on Friday.", "Its 80 workers were laid off.");
  /* only at the top of the article, and not a normal capitalised opener */
  SPLIT("The mill closed.\nLONDON: a word.", "The mill closed.", "LONDON: a word.");
  SPLIT("Police said: the road is closed.", "Police said: the road is closed.");
  /* a name spelt out before its acronym opens the sentence (0.12.3: BBC's
   * "The European Commission (EC) has called ..." lost its subject) */
  SPLIT("The Harbour Safety Board (HSB) has closed the pier.\nIt will reopen in May.",
        "The Harbour Safety Board (HSB) has closed the pier.", "It will reopen in May.");
  SPLIT("Tarvik Stock Exchange (TSE) shares rose on Monday.\nTrading was heavy.",
        "Tarvik Stock Exchange (TSE) shares rose on Monday.", "Trading was heavy.");
}

static void test_dateline_span(void **state) {
  (void)state;
  /* the first sentence starts after the dateline, in code points */
  const char *in = "\xC3\x85LESUND: Boats came home.\n";
  precis_doc *d = precis_analyze(in, strlen(in), NULL);
  const precis_sentence *s;
  assert_int_equal(precis_doc_sentences(d, &s), 1);
  assert_int_equal(s[0].span.start, 9);  /* "ÅLESUND: " is 9 code points */
  assert_int_equal(s[0].span.end, 25); /* + "Boats came home." (16) */
  precis_doc_free(d);
}

/* ---- headings ------------------------------------------------------------------------ */

static void test_headings(void **state) {
  (void)state;
  const char *in =
      "The council approved a new budget on Wednesday.\n"
      "Roads first\n"
      "Most of the money will go to roads.\n"
      "\xE2\x80\x9C" "A question of trust\xE2\x80\x9D\n"
      "Residents want every contract published.\n"
      "What comes next?\n"
      "The budget goes to a vote in March.\n"
      "Councillors must decide by then:\n"
      "whether to raise the tax.\n"
      "Final word\n";
  const char *exp[] = {"The council approved a new budget on Wednesday.",
                       "#Roads first",
                       "Most of the money will go to roads.",
                       "#\xE2\x80\x9C" "A question of trust\xE2\x80\x9D",
                       "Residents want every contract published.",
                       "What comes next?", /* closing punctuation: not a heading */
                       "The budget goes to a vote in March.",
                       "Councillors must decide by then:", /* a colon leads on */
                       "whether to raise the tax.",
                       "Final word", /* nothing follows: not a heading */
                       NULL};
  const int paras[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  expect_split(in, exp, paras);
}

static void test_heading_length(void **state) {
  (void)state;
  /* a long line without a full stop is a sentence that lost its stop, not a heading */
  SPLIT("The council met.\nThe council approved a new budget for roads and bridges on Wednesday night after a long debate\n"
        "It passed.",
        "The council met.", "The council approved a new budget for roads and bridges on Wednesday night after a long debate",
        "It passed.");
  /* the first line can be a heading too */
  SPLIT("Storm warning\nHeavy rain is expected tonight.", "#Storm warning", "Heavy rain is expected tonight.");
  /* numbers alone are not a heading */
  SPLIT("The vote:\n2024\nIt passed.", "The vote:", "2024", "It passed.");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_titles),
      cmocka_unit_test(test_months_and_companies),
      cmocka_unit_test(test_us_uk),
      cmocka_unit_test(test_initials),
      cmocka_unit_test(test_clock_times),
      cmocka_unit_test(test_decimals_and_money),
      cmocka_unit_test(test_quote_after_stop),
      cmocka_unit_test(test_question_exclamation_ellipsis),
      cmocka_unit_test(test_paragraphs),
      cmocka_unit_test(test_datelines),
      cmocka_unit_test(test_dateline_span),
      cmocka_unit_test(test_headings),
      cmocka_unit_test(test_heading_length),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
