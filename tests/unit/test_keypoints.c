/* test_keypoints.c - the key-point engine through the public API at its
 * limits.  Regression for a stack buffer overflow: the greedy selection kept
 * the chosen candidates in a fixed array of 100, while the library (unlike the
 * CLI, which caps -n) accepts any precis_options.max_keypoints; an article with
 * more than 100 candidate sentences and max_keypoints = 1000 wrote past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

#define NSENT 150 /* more than the old array of 100, fewer than the 200 candidates considered */

/* A made-up lower-case word, distinct for each (i, slot): "ka" + base-26 of i + a slot letter. */
static int word(char *out, unsigned i, unsigned slot) {
  static const char *stem[] = {"ka", "lo", "mu", "ne", "pi", "ro"};
  int n = sprintf(out, "%s", stem[slot % 6]);
  unsigned v = i;
  do {
    out[n++] = (char)('a' + v % 26);
    v /= 26;
  } while (v);
  out[n++] = (char)('b' + slot);
  out[n] = 0;
  return n;
}

/* NSENT sentences of six words each that share nothing but "The", "saw" and
 * "near", so no two are near-duplicates and every one is a candidate. */
static char *make_article(void) {
  size_t cap = NSENT * 96 + 1, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (unsigned i = 0; i < NSENT; i++) {
    char w[6][16];
    for (unsigned k = 0; k < 6; k++) word(w[k], i, k);
    len += (size_t)snprintf(buf + len, cap - len, "The %s %s saw %s %s near %s %s.%s", w[0], w[1], w[2], w[3],
                            w[4], w[5], i % 5 == 4 ? "\n\n" : " ");
    assert_true(len < cap);
  }
  return buf;
}

static void check_many(unsigned flags, precis_summarizer summ) {
  char *text = make_article();
  precis_options o;
  precis_options_init(&o);
  o.max_keypoints = 1000;
  o.flags = flags;
  o.summarizer = summ;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  const precis_sentence *s;
  assert_int_equal(precis_doc_sentences(d, &s), NSENT);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  /* every sentence is a candidate and none repeats another: all are chosen,
   * capped by the number of sentences, not by max_keypoints */
  assert_int_equal(nk, NSENT);
  for (size_t i = 0; i < nk; i++) {
    assert_non_null(k[i].claim);
    assert_true(k[i].sentence >= 0 && k[i].sentence < NSENT);
    if (i) assert_true(k[i - 1].sentence < k[i].sentence); /* document order */
  }
  precis_doc_free(d);
  free(text);
}

static void test_max_keypoints_1000(void **state) {
  (void)state;
  check_many(0, PRECIS_SUMMARIZER_KEYPOINTS);
}

static void test_max_keypoints_1000_no_tagger(void **state) {
  (void)state;
  check_many(PRECIS_OPT_NO_TAGGER, PRECIS_SUMMARIZER_KEYPOINTS);
}

static void test_max_keypoints_1000_baselines(void **state) {
  (void)state;
  check_many(0, PRECIS_SUMMARIZER_LEAD);
  check_many(0, PRECIS_SUMMARIZER_TEXTRANK);
}

/* A huge request on a short text gives one point per usable sentence. */
static void test_max_keypoints_short_text(void **state) {
  (void)state;
  const char *text = "The harbour board said on Monday that the old ferry terminal would close in June. "
                     "About 1,200 passengers use the ferry every day, according to the board.\n";
  precis_options o;
  precis_options_init(&o);
  o.max_keypoints = 1000000;
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  assert_true(nk >= 1 && nk <= 2);
  precis_doc_free(d);
}

/* The speaker suffix names a resolved person or organisation only: an
 * unresolved source ("Police", "the harbour master") or a place gives none. */
static void test_speaker_only_resolved(void **state) {
  (void)state;
  static const char *const texts[] = {
      "Police said the ferry to Harrow Island would stop running in the winter months.\n\n"
      "The ferry carries 900 people a day and the island has no bridge.\n",
      "The harbour master said the ferry to Harrow Island would stop running in the winter.\n\n"
      "The ferry carries 900 people a day and the island has no bridge.\n"};
  for (size_t t = 0; t < 2; t++) {
    precis_doc *d = precis_analyze(texts[t], strlen(texts[t]), NULL);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    assert_true(nk >= 1);
    for (size_t i = 0; i < nk; i++) {
      if (k[i].speaker) print_message("key point %zu: \"%s\" speaker \"%s\"\n", i, k[i].claim, k[i].speaker);
      assert_null(k[i].speaker);
    }
    precis_doc_free(d);
  }
}

/* One point from text: its claim (when claim is not NULL) and, when
 * speaker is not NULL, its speaker ("" for none). */
static void expect_one_point(const char *text, const char *claim, const char *speaker) {
  precis_doc *d = precis_analyze(text, strlen(text), NULL);
  assert_non_null(d);
  const precis_keypoint *k;
  assert_int_equal(precis_doc_keypoints(d, &k), 1);
  if (claim) assert_string_equal(k[0].claim, claim);
  if (speaker && !*speaker) assert_null(k[0].speaker);
  if (speaker && *speaker) {
    assert_non_null(k[0].speaker);
    assert_string_equal(k[0].speaker, speaker);
  }
  precis_doc_free(d);
}

/* A reported content is a point of its own ("claim: Speaker") only when it
 * is a statement its resolved speaker makes: not the object or infinitive of
 * a verb taken for a cue, not what the speaker denies or refuses, and not an
 * unresolved source's statement (the sentence keeps who said it).  Each text
 * holds one sentence that makes a point; the point must keep the words. */
static void test_statement_or_sentence(void **state) {
  (void)state;
  static const struct {
    const char *text, *must; /* the point's claim must contain must */
  } cases[] = {
      {"Harlow Mills has agreed to pay a total of $14.5m to settle a lawsuit over unpaid overtime.\n",
       "Harlow Mills has agreed to pay"},
      {"Dan Arnesen has denied that the coach resigned because of a clash of personalities.\n",
       "Arnesen has denied that the coach resigned"},
      {"Rita Okafor refused to comment on reports that the plant would close.\n", "Rita Okafor refused to comment"},
      {"The mayor said the bridge would reopen in May after repairs.\n", "The mayor said the bridge"},
  };
  for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
    precis_doc *d = precis_analyze(cases[t].text, strlen(cases[t].text), NULL);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    assert_int_equal(nk, 1);
    if (!strstr(k[0].claim, cases[t].must)) print_message("case %zu: point \"%s\"\n", t, k[0].claim);
    assert_non_null(strstr(k[0].claim, cases[t].must));
    assert_null(k[0].speaker);
    precis_doc_free(d);
  }
  /* the last sentence of a quotation over sentences, where its cue is: that
   * sentence's part of the quotation, with the speaker (0.12.3) */
  expect_one_point("\"I built the first boat from driftwood I found on the beach. The sails were cut from old flour "
                   "sacks that my mother kept,\" Marit Holm told reporters.\n",
                   "The sails were cut from old flour sacks that my mother kept", "Holm");
  /* a resolved speaker's statement stays "claim: Speaker" */
  expect_one_point("Rita Okafor said the plant would close in March because orders had fallen.\n",
                   "The plant would close in March because orders had fallen", "Okafor");
}

/* No cut inside brackets (0.12.3: "Profits were 74.7bn yuan ($9bn: Wei",
 * cut at the semicolon of BBC's currency conversions). */
static void test_no_cut_in_brackets(void **state) {
  (void)state;
  expect_one_point("Li Wei said profits were 74.7bn yuan ($9bn; \xC2\xA3" "4.8bn) in 2004 and would rise again this "
                   "year.\n",
                   "Profits were 74.7bn yuan ($9bn; \xC2\xA3" "4.8bn) in 2004 and would rise again this year", NULL);
}

/* Where a point may be cut (0.12.3): not after a word that needs what
 * follows ("from the day in May 1991 when"), not at either dash of an aside
 * ("the residents -- the 60% who ..., anyway -- can ..."). */
static void test_cut_points(void **state) {
  (void)state;
  expect_one_point("Many people in Tarvik will remember the mayor from the day in May 1991 when, as a young councillor, "
                   "she opened the new bridge over the river.\n",
                   "Many people in Tarvik will remember the mayor from the day in May 1991 when, as a young councillor, "
                   "she opened the new bridge over the river",
                   NULL);
  expect_one_point("The vote marks the first time that the residents of Tarvik -- the 60% who own their homes, anyway -- "
                   "can decide how the harbour is run.\n",
                   "The vote marks the first time that the residents of Tarvik -- the 60% who own their homes, anyway -- "
                   "can decide how the harbour is run",
                   NULL);
}

/* The speaker of a point is the surname with its particles, without a
 * suffix (0.12.3: "van Persie" was "Persie", "Brian Monteith MSP" was "MSP"). */
static void test_speaker_short_name(void **state) {
  (void)state;
  expect_one_point("Anna de Souza said the plant would close in March because orders had fallen.\n", NULL, "de Souza");
  expect_one_point("Ewan Cray MSP said the plant would close in March because orders had fallen.\n", NULL, "Cray");
  expect_one_point("Marit Holm said the plant would close in March because orders had fallen.\n", NULL, "Holm");
}

/* Words of a point as a reader counts them: white-space separated pieces
 * with a letter or digit. */
static size_t words_of(const char *t) {
  size_t n = 0;
  while (*t) {
    while (*t == ' ') t++;
    if (!*t) break;
    int alnum = 0;
    while (*t && *t != ' ') {
      unsigned char c = (unsigned char)*t++;
      alnum |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    }
    n += alnum != 0;
  }
  return n;
}

static const char long_article[] =
    "The council approved a plan on Tuesday to rebuild the old harbour wall, repair the ferry pier, widen the "
    "coast road between the two villages, plant two hundred trees along the promenade, open a new library in the "
    "former customs house and pay for all of it with a levy on cruise ships that call at the port in summer.\n\n"
    "Work on the harbour wall starts in March and is expected to take two years.\n\n"
    "Fishermen welcomed the plan but asked for a new slipway as well.\n";

/* --max-words (precis_options.max_words): every point within the bound, cut
 * at a clause boundary when there is one; the default bound is 45. */
static void test_max_words(void **state) {
  (void)state;
  static const int bounds[] = {0, 30, 12, 6};
  for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
    precis_options o;
    precis_options_init(&o);
    o.max_words = bounds[b];
    precis_doc *d = precis_analyze(long_article, strlen(long_article), &o);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    assert_true(nk >= 1);
    size_t lim = bounds[b] ? (size_t)bounds[b] : 45;
    for (size_t i = 0; i < nk; i++) {
      size_t w = words_of(k[i].text);
      if (w > lim) print_message("bound %zu: %zu words: %s\n", lim, w, k[i].text);
      assert_true(w <= lim);
      assert_true(w >= 1);
    }
    precis_doc_free(d);
  }
  /* a negative bound is refused */
  precis_options o;
  precis_options_init(&o);
  o.max_words = -1;
  precis_error err;
  assert_null(precis_analyze_ex(long_article, strlen(long_article), &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_INVALID_ARGUMENT);
}

/* No point starts with a pronoun nothing resolves ("He said ...", "It
 * means ...", "Those are ..."), whatever the count asked for. */
static void test_no_pronoun_start(void **state) {
  (void)state;
  static const char text[] =
      "The city will close the Albert Bridge for six months from May to replace its steel cables.\n\n"
      "It means an extra twenty minutes for drivers crossing the river each morning.\n\n"
      "He added that the ferry would run every ten minutes while the work goes on.\n\n"
      "Those are the first repairs since the bridge opened in 1931.\n\n"
      "They will cost the city about 40 million pounds, paid from its transport budget.\n\n"
      "Shopkeepers near the bridge fear that fewer people will come to the market.\n";
  static const unsigned flags[] = {0, PRECIS_OPT_NO_TAGGER}; /* the learned taggers, and the rules alone */
  for (size_t fl = 0; fl < 2; fl++) {
    precis_options o;
    precis_options_init(&o);
    o.max_keypoints = 6;
    o.flags = flags[fl];
    precis_doc *d = precis_analyze(text, strlen(text), &o);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    assert_true(nk >= 2);
    static const char *const bad[] = {"It ", "He ", "Those ", "They "};
    for (size_t i = 0; i < nk; i++)
      for (size_t j = 0; j < 4; j++) {
        if (!strncmp(k[i].claim, bad[j], strlen(bad[j]))) print_message("flags %u point %zu: %s\n", flags[fl], i, k[i].claim);
        assert_false(strncmp(k[i].claim, bad[j], strlen(bad[j])) == 0);
      }
    precis_doc_free(d);
  }
}

/* Each compression rule on a one-sentence article (its only point), with
 * the statistical taggers and parser: the claim text as it must read.  The
 * rules are in keypoints.c (claim_range, compress_point) and docs/keypoints.md. */
static void test_compression_rules(void **state) {
  (void)state;
  static const struct {
    const char *rule, *text, *claim, *speaker;
  } cases[] = {
      {"reported clause: the statement, with the resolved speaker", "Mayor Ana Ruiz said the old bridge over the river would close in June.",
       "The old bridge over the river would close in June", "Ruiz"},
      {"leading adverbial", "In a forceful speech at the town hall on Monday, the mayor announced a new budget for the city's roads.",
       "The mayor announced a new budget for the city's roads", NULL},
      {"clause cut at ', but'", "The council approved the budget for the coming year, but the opposition voted against it.",
       "The council approved the budget for the coming year", NULL},
      {"parenthetical", "The museum (which opened in 1921 on the old harbour site near the river) will close its doors for two years while the roof is rebuilt.",
       "The museum will close its doors for two years while the roof is rebuilt", NULL},
      {"non-restrictive relative clause", "The lifeboat station, which relies on thirty volunteers from the village and two nearby farms, was called out forty-one times in July.",
       "The lifeboat station was called out forty-one times in July", NULL},
      {"trailing participial phrase", "Heavy rain flooded the lower town and the old market square on Sunday morning, forcing about two thousand people to leave their homes.",
       "Heavy rain flooded the lower town and the old market square on Sunday morning", NULL},
      {"never inside a quotation", "\xE2\x80\x9CThe station, which relies on thirty volunteers from the village and two farms, was called out forty-one times in July,\xE2\x80\x9D said Mayor Ana Ruiz.",
       "The station, which relies on thirty volunteers from the village and two farms, was called out forty-one times in July", "Ruiz"},
      {"a point of 20 words or fewer stays whole", "The station, which relies on volunteers, was called out 41 times.",
       "The station, which relies on volunteers, was called out 41 times", NULL},
      {"a resolved speaker's content without a verb is no claim", "Mayor Ana Ruiz announced a new budget for the city's roads.",
       "Mayor Ana Ruiz announced a new budget for the city's roads", NULL},
      /* quotation marks balanced (0.12.1: `One can seek advice," Francis said`, the
       * opening mark lost at the top of a CNN/DailyMail article) */
      {"a closing mark without its opening mark gets one", "One can seek advice,\" Francis said.",
       "\"One can seek advice,\" Francis said", NULL},
      {"... also inside the point", "Shelter, food and water (are) urgent priorities\" in Port Vila, the agency wrote.",
       "\"Shelter, food and water (are) urgent priorities\" in Port Vila, the agency wrote", NULL},
      {"an opening mark without its closing mark gets one",
       "The bridge over the Lune was closed after the engineers found the damage was \"the worst in living memory.",
       "The bridge over the Lune was closed after the engineers found the damage was \"the worst in living memory\"", NULL},
      {"... in the text's style", "The bridge over the Lune was closed after the engineers found the damage was \xE2\x80\x9Cthe worst in living memory.",
       "The bridge over the Lune was closed after the engineers found the damage was \xE2\x80\x9Cthe worst in living memory\xE2\x80\x9D", NULL},
      {"a trailing dash is trimmed (BBC's \" -\" at a paragraph's end)",
       "Ad sales boost profit\n\nThe animated film The Incredibles won a total of 10 awards at the ceremony in Los Angeles -\n\nThe ceremony was held on Sunday.",
       "The animated film The Incredibles won a total of 10 awards at the ceremony in Los Angeles", NULL},
      {"a content in two parts around its cue: the sentence whole", "The new museum, Mayor Ana Ruiz said, would open in the old harbour station.",
       "The new museum, Mayor Ana Ruiz said, would open in the old harbour station", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    precis_options o;
    precis_options_init(&o);
    o.max_keypoints = 1;
    precis_doc *d = precis_analyze(cases[i].text, strlen(cases[i].text), &o);
    assert_non_null(d);
    const precis_keypoint *k;
    size_t nk = precis_doc_keypoints(d, &k);
    if (nk != 1 || strcmp(k[0].claim, cases[i].claim))
      print_message("%s: got \"%s\"\n", cases[i].rule, nk ? k[0].claim : "(no point)");
    assert_int_equal(nk, 1);
    assert_string_equal(k[0].claim, cases[i].claim);
    if (cases[i].speaker) {
      assert_non_null(k[0].speaker);
      assert_string_equal(k[0].speaker, cases[i].speaker);
    } else {
      assert_null(k[0].speaker);
    }
    precis_doc_free(d);
  }
}

/* The automatic count is 2 to 5; -n forces the count; the lead comes first. */
static void test_count_and_lead(void **state) {
  (void)state;
  char *art = make_article();
  precis_doc *d = precis_analyze(art, strlen(art), NULL);
  assert_non_null(d);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  assert_true(nk >= 2 && nk <= 5);
  assert_int_equal(k[0].sentence, 0); /* the lead is always a point */
  precis_doc_free(d);
  for (int n = 1; n <= 7; n++) {
    precis_options o;
    precis_options_init(&o);
    o.max_keypoints = n;
    d = precis_analyze(art, strlen(art), &o);
    assert_non_null(d);
    assert_int_equal(precis_doc_keypoints(d, &k), (size_t)n);
    precis_doc_free(d);
  }
  free(art);
}

/* In copy of one-sentence paragraphs (wire, CNN, Daily Mail) the automatic
 * count stays at 3 however long the article; the same sentences in
 * paragraphs of five get 5 (150 candidates). */
static void test_count_by_style(void **state) {
  (void)state;
  char *art = make_article();
  const precis_keypoint *k;
  precis_doc *d = precis_analyze(art, strlen(art), NULL);
  assert_non_null(d);
  assert_int_equal(precis_doc_keypoints(d, &k), 5);
  precis_doc_free(d);
  for (char *p = art; (p = strstr(p, ". The ")) != NULL; p += 2) p[1] = '\n'; /* one sentence a line */
  d = precis_analyze(art, strlen(art), NULL);
  assert_non_null(d);
  assert_int_equal(precis_doc_keypoints(d, &k), 3);
  assert_int_equal(k[0].sentence, 0);
  precis_doc_free(d);
  free(art);
}

/* A version-3 options struct (before keypoint_model and max_words) still
 * works, with the defaults for the fields it does not have. */
static void test_options_v3(void **state) {
  (void)state;
  precis_options o;
  memset(&o, 0xAB, sizeof o); /* what lies past a v3 struct is garbage */
  assert_int_equal(precis_options_init_version(&o, 3), 0);
  assert_int_equal(o.version, 3u);
  precis_doc *d = precis_analyze(long_article, strlen(long_article), &o);
  assert_non_null(d);
  const precis_keypoint *k;
  size_t nk = precis_doc_keypoints(d, &k);
  assert_true(nk >= 1);
  for (size_t i = 0; i < nk; i++) assert_true(words_of(k[i].text) <= 45);
  precis_doc_free(d);
}

/* keypoint_model must be a key-point model. */
static void test_model_kind(void **state) {
  (void)state;
  precis_options o;
  precis_options_init(&o);
  const char *src = getenv("PRECIS_SOURCE");
  char path[4096];
  snprintf(path, sizeof path, "%s/models/attrib.bin", src ? src : ".");
  precis_error err;
  precis_model *m = precis_model_load(path, &err);
  if (!m) skip();
  o.keypoint_model = m;
  assert_null(precis_analyze_ex("One sentence here.", 18, &o, &err));
  assert_int_equal(err.code, PRECIS_ERROR_MODEL_KIND);
  precis_model_free(m);
  snprintf(path, sizeof path, "%s/models/keypoints.bin", src ? src : ".");
  m = precis_model_load(path, &err);
  if (!m) skip();
  assert_string_equal(precis_model_kind(m), "keypoints");
  o.keypoint_model = m;
  precis_doc *d = precis_analyze_ex(long_article, strlen(long_article), &o, &err);
  assert_non_null(d);
  precis_doc_free(d);
  precis_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_max_keypoints_1000),
      cmocka_unit_test(test_max_keypoints_1000_no_tagger),
      cmocka_unit_test(test_max_keypoints_1000_baselines),
      cmocka_unit_test(test_max_keypoints_short_text),
      cmocka_unit_test(test_speaker_only_resolved),
      cmocka_unit_test(test_statement_or_sentence),
      cmocka_unit_test(test_no_cut_in_brackets),
      cmocka_unit_test(test_cut_points),
      cmocka_unit_test(test_speaker_short_name),
      cmocka_unit_test(test_max_words),
      cmocka_unit_test(test_no_pronoun_start),
      cmocka_unit_test(test_count_and_lead),
      cmocka_unit_test(test_compression_rules),
      cmocka_unit_test(test_count_by_style),
      cmocka_unit_test(test_options_v3),
      cmocka_unit_test(test_model_kind),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
