/* test_clean.c - captions and boilerplate (src/clean.c), through the public API.
 *
 * Every article here is written for this test (invented people and places),
 * in the styles of copy that lost its layout: a Daily Mail-like page pasted
 * as one paragraph (captions without full stops, "Scroll down for video",
 * "By . Name . PUBLISHED: ..."), and a line-per-paragraph page with share
 * prompts and related-link lines.  Each case states what must be cut off, as
 * what kind, and what must stay one sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

static precis_doc *analyze(const char *s) {
  precis_options o;
  precis_options_init(&o);
  o.flags |= PRECIS_OPT_NO_TAGGER; /* the rules alone: quick, and clean.c uses no tags */
  precis_doc *d = precis_analyze(s, strlen(s), &o);
  assert_non_null(d);
  return d;
}

/* Is there a caption whose text is exactly t? */
static bool has_caption(const precis_doc *d, const char *t) {
  const precis_text *c;
  size_t n = precis_doc_captions(d, &c);
  for (size_t i = 0; i < n; i++)
    if (strcmp(c[i].text, t) == 0) return true;
  return false;
}

static int boiler_kind(const precis_doc *d, const char *t) {
  const precis_boilerplate *b;
  size_t n = precis_doc_boilerplate(d, &b);
  for (size_t i = 0; i < n; i++)
    if (strcmp(b[i].text, t) == 0) return (int)b[i].kind;
  return -1;
}

static bool sentence_is(const precis_doc *d, const char *t) {
  size_t len;
  const char *text = precis_doc_text(d, &len);
  const precis_sentence *s;
  size_t n = precis_doc_sentences(d, &s);
  (void)text;
  /* the texts are ASCII here: code points are bytes */
  for (size_t i = 0; i < n; i++)
    if (s[i].span.end - s[i].span.start == strlen(t) && memcmp(text + s[i].span.start, t, strlen(t)) == 0) return true;
  return false;
}

static bool keypoint_contains(const precis_doc *d, const char *t) {
  const precis_keypoint *k;
  size_t n = precis_doc_keypoints(d, &k);
  for (size_t i = 0; i < n; i++)
    if (strstr(k[i].text, t)) return true;
  return false;
}

static bool quote_mentions(const precis_doc *d, const char *t) {
  const precis_quote *q;
  size_t n = precis_doc_quotes(d, &q);
  for (size_t i = 0; i < n; i++) {
    if (q[i].source.text && strstr(q[i].source.text, t)) return true;
    if (q[i].cue.text && strstr(q[i].cue.text, t)) return true;
    for (size_t k = 0; k < q[i].ncontent; k++)
      if (strstr(q[i].content[k].text, t)) return true;
  }
  return false;
}

static const char *DM =
    "By . Petra Lindholm . PUBLISHED: . 09:12 EST, 3 March 2014 . | . UPDATED: . 11:40 EST, 3 March 2014 . "
    "A ferry captain accused of running his boat aground off Carrow Point has told a jury he was blinded by fog. "
    "Scroll down for video "
    "Captain Edwin Harrowgate, pictured, arrives at Lindale Crown Court on Monday "
    "The 52-year-old denies six counts of endangering life. "
    "Prosecutor Mara Quist said the crew had raised the alarm twice before the ship struck the rocks. "
    "Passengers were winched to safety by coastguard helicopters in the early hours. "
    "Rovers will confirm the signing of the ferry firm as their new sponsor on Friday "
    "Rovers will announce the deal at the ground next month, the club said. "
    "The trial continues.";

static void test_caption_join(void **state) {
  (void)state;
  precis_doc *d = analyze(DM);
  assert_true(has_caption(d, "Captain Edwin Harrowgate, pictured, arrives at Lindale Crown Court on Monday"));
  assert_true(sentence_is(d, "The 52-year-old denies six counts of endangering life."));
  /* "... on Friday Rovers will ...": a word that opens another sentence, a verb */
  assert_true(has_caption(d, "Rovers will confirm the signing of the ferry firm as their new sponsor on Friday"));
  /* captions are no key points, and the caption's "confirm" is no speech cue */
  assert_false(keypoint_contains(d, "pictured"));
  assert_false(keypoint_contains(d, "Scroll down"));
  assert_false(quote_mentions(d, "confirm the signing"));
  precis_doc_free(d);
}

static void test_dm_header(void **state) {
  (void)state;
  precis_doc *d = analyze(DM);
  const precis_boilerplate *b;
  size_t n = precis_doc_boilerplate(d, &b);
  assert_true(n >= 2);
  assert_string_equal(b[0].text,
                      "By . Petra Lindholm . PUBLISHED: . 09:12 EST, 3 March 2014 . | . UPDATED: . 11:40 EST, 3 March 2014 .");
  assert_int_equal(b[0].kind, PRECIS_BOILER_BYLINE);
  assert_int_equal(b[0].sentence, -1);
  assert_int_equal(b[0].span.start, 0);
  assert_int_equal(boiler_kind(d, "Scroll down for video"), PRECIS_BOILER_PROMPT);
  assert_false(keypoint_contains(d, "PUBLISHED"));
  precis_doc_free(d);
  /* the header without a byline */
  d = analyze("PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 14:25 EST, 25 October 2013 . "
              "Floodwater closed the coast road at Brenmouth for a second day on Friday.");
  n = precis_doc_boilerplate(d, &b);
  assert_int_equal(n, 1);
  assert_int_equal(b[0].kind, PRECIS_BOILER_DATELINE);
  assert_true(sentence_is(d, "Floodwater closed the coast road at Brenmouth for a second day on Friday."));
  precis_doc_free(d);
  d = analyze("Last updated at 5:12 PM on 10th June 2011 . "
              "Floodwater closed the coast road at Brenmouth for a second day on Friday.");
  n = precis_doc_boilerplate(d, &b);
  assert_int_equal(n, 1);
  assert_int_equal(b[0].kind, PRECIS_BOILER_DATELINE);
  precis_doc_free(d);
}

static void test_boilerplate_lines(void **state) {
  (void)state;
  const char *web =
      "By Tomas Ekwall\n"
      "PUBLISHED: 08:02 EST, 4 May 2015 | UPDATED: 09:30 EST, 4 May 2015\n"
      "The council of Marrowby voted on Tuesday to close the old swimming baths after a roof inspection.\n"
      "Share this article\n"
      "Councillor Ines Vaughan said the building could not be made safe for less than two million pounds.\n"
      "Read more: Marrowby baths to stay open through the summer\n"
      "RELATED: Town halls face repair bills of millions\n"
      "Click here to see the council's report\n"
      "Rolling Stone: Local band plays farewell gig at the baths\n"
      "Follow @MarrowbyNews on Twitter for updates\n"
      "The baths will close at the end of June.\n";
  precis_doc *d = analyze(web);
  assert_int_equal(boiler_kind(d, "By Tomas Ekwall"), PRECIS_BOILER_BYLINE);
  assert_int_equal(boiler_kind(d, "PUBLISHED: 08:02 EST, 4 May 2015 | UPDATED: 09:30 EST, 4 May 2015"),
                   PRECIS_BOILER_DATELINE);
  assert_int_equal(boiler_kind(d, "Share this article"), PRECIS_BOILER_SHARE);
  assert_int_equal(boiler_kind(d, "Read more: Marrowby baths to stay open through the summer"), PRECIS_BOILER_RELATED);
  assert_int_equal(boiler_kind(d, "RELATED: Town halls face repair bills of millions"), PRECIS_BOILER_RELATED);
  assert_int_equal(boiler_kind(d, "Click here to see the council's report"), PRECIS_BOILER_PROMPT);
  assert_int_equal(boiler_kind(d, "Rolling Stone: Local band plays farewell gig at the baths"), PRECIS_BOILER_RELATED);
  assert_int_equal(boiler_kind(d, "Follow @MarrowbyNews on Twitter for updates"), PRECIS_BOILER_SHARE);
  /* boilerplate lines are not headings either */
  const precis_text *h;
  assert_int_equal(precis_doc_headings(d, &h), 0);
  assert_false(keypoint_contains(d, "Read more"));
  assert_false(keypoint_contains(d, "Follow"));
  assert_true(keypoint_contains(d, "swimming baths"));
  precis_doc_free(d);
}

static void test_caption_line(void **state) {
  (void)state;
  /* a line without closing punctuation, too long for a heading, with a word
   * of the picture desk; a list line without one stays text */
  const char *t = "Fire crews spent the night at the Holloway mill after the blaze spread to the roof.\n"
                  "Firefighters, pictured, battle the flames at the mill on Tuesday evening as crowds look on from "
                  "the bridge\n"
                  "No one was hurt, the fire service said.\n";
  precis_doc *d = analyze(t);
  assert_true(has_caption(d, "Firefighters, pictured, battle the flames at the mill on Tuesday evening as crowds "
                             "look on from the bridge"));
  assert_false(keypoint_contains(d, "pictured"));
  precis_doc_free(d);
}

/* Names, titles and headlines that must stay one sentence. */
static void test_no_split(void **state) {
  (void)state;
  static const char *const one[] = {
      "Talks in Brussels were attended by the Prime Minister David Cameron and his deputy on Monday.",
      "The dress was worn by the actress in the film Gone With The Wind at the premiere in Atlanta.",
      "Their favourite film The Godfather was shown again at the festival in Venice last night.",
      "The striker scored twice as Lazio moved up to third in the Serie A table on Sunday.",
      "The retired teacher told The Sun that the school had been closed for a week.",
      "Much testimony focused on the shoes the defendant wore the night Lloyd was killed in June.",
      "Diplomats still argue over how much equipment Iran will be allowed to keep under the deal.",
      "The councillor said that after years of delay he expected the plan to be approved in the spring.",
      "Officials said the vitamin A supplements were handed out in the villages around Kessa.",
      NULL};
  for (const char *const *s = one; *s; s++) {
    precis_doc *d = analyze(*s);
    const precis_sentence *x;
    size_t n = precis_doc_sentences(d, &x);
    if (n != 1) print_message("split: %s\n", *s);
    assert_int_equal(n, 1);
    const precis_text *c;
    assert_int_equal(precis_doc_captions(d, &c), 0);
    precis_doc_free(d);
  }
}

static void test_null(void **state) {
  (void)state;
  const precis_text *c = (const precis_text *)1;
  const precis_boilerplate *b = (const precis_boilerplate *)1;
  assert_int_equal(precis_doc_captions(NULL, &c), 0);
  assert_null(c);
  assert_int_equal(precis_doc_boilerplate(NULL, &b), 0);
  assert_null(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_caption_join),   cmocka_unit_test(test_dm_header),  cmocka_unit_test(test_boilerplate_lines),
      cmocka_unit_test(test_caption_line),   cmocka_unit_test(test_no_split),   cmocka_unit_test(test_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
