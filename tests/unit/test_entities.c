/* test_entities.c - entity typing and boundaries from document-level evidence
 * (src/entities.c), through the public API with the default pipeline.
 *
 * Every case is a short invented text; each failed before the rule it tests:
 * a transcript's label linked to the person ("DRAKE:" -> Ellen Drake) or typed
 * a person when used twice, a dateline's word that the tagger read as a person
 * ("CHARLOTTE - "), a title alone ("Mr. President"), an address form naming a
 * pageant ("Miss Universe"), an organisation the tagger cut at a hyphen
 * ("Washington Post-ABC News"), a company before its CEO's title ("Wells Fargo
 * CEO John Stumpf"), an organisation by the first word of its name ("Patriot
 * Coal ... Patriot"), a heading word ("The Latest:") and party-state tags
 * ("(R-S.C.)"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

static precis_doc *analyze(const char *text) {
  precis_options o;
  precis_options_init(&o);
  precis_doc *d = precis_analyze(text, strlen(text), &o);
  assert_non_null(d);
  return d;
}

/* the entity named exactly name, or NULL */
static const precis_entity *find(precis_doc *d, const char *name) {
  const precis_entity *e;
  size_t n = precis_doc_entities(d, &e);
  for (size_t i = 0; i < n; i++)
    if (!strcmp(e[i].name, name)) return &e[i];
  return NULL;
}

static void dump(precis_doc *d) {
  const precis_entity *e;
  size_t n = precis_doc_entities(d, &e);
  for (size_t i = 0; i < n; i++)
    print_message("  entity \"%s\" type %d mentions %zu\n", e[i].name, (int)e[i].type, e[i].nmentions);
}

/* name is an entity of type t with at least m mentions */
static void expect_entity(precis_doc *d, const char *name, precis_entity_type t, size_t m) {
  const precis_entity *e = find(d, name);
  if (!e || e->type != t || e->nmentions < m) {
    print_message("expected entity \"%s\" type %d with %zu+ mentions\n", name, (int)t, m);
    dump(d);
    fail();
  }
}

static void expect_no_entity(precis_doc *d, const char *name) {
  if (find(d, name)) {
    print_message("expected no entity \"%s\"\n", name);
    dump(d);
    fail();
  }
}

static void test_transcript_label_links_person(void **state) {
  (void)state;
  precis_doc *d = analyze("The interview ran long.\n\nSenator Ellen Drake joined the show on Sunday.\n\n"
                          "\"MARLOWE: Let us begin with taxes.\n\n\"DRAKE: Well, Jim, taxes are too high.\n\n"
                          "\"MARLOWE: Do you mean it?\n\n\"DRAKE: I do.");
  expect_entity(d, "Ellen Drake", PRECIS_ENTITY_PERSON, 3); /* the two labels are her */
  expect_no_entity(d, "DRAKE");
  precis_doc_free(d);
}

static void test_transcript_label_is_person(void **state) {
  (void)state;
  precis_doc *d = analyze("The show aired late.\n\n\"HALE: Let me start with the budget.\n\n\"HALE: Second, the schools.");
  expect_entity(d, "HALE", PRECIS_ENTITY_PERSON, 2);
  precis_doc_free(d);
}

static void test_dateline_is_place(void **state) {
  (void)state;
  precis_doc *d = analyze("Protests ended on Sunday.\n\nCHARLOTTE - The city was quiet on Monday morning. "
                          "Officials said Charlotte would lift the curfew.");
  expect_entity(d, "CHARLOTTE", PRECIS_ENTITY_PLACE, 1);
  precis_doc_free(d);
}

static void test_title_alone_is_nobody(void **state) {
  (void)state;
  precis_doc *d = analyze("The briefing was tense. \"Mr. President, will you answer?\" a reporter asked. "
                          "The host, Larry King, asked again. Mr. King was not satisfied.");
  expect_no_entity(d, "President");
  expect_entity(d, "Larry King", PRECIS_ENTITY_PERSON, 2); /* "Mr. King" is a surname, not a title */
  precis_doc_free(d);
}

static void test_miss_universe_is_no_person(void **state) {
  (void)state;
  precis_doc *d = analyze("The race grew bitter. Trump mocked a former Miss Universe on Friday. "
                          "He called the former Miss Universe a problem for his campaign.");
  expect_no_entity(d, "Universe");
  const precis_entity *e = find(d, "Miss Universe");
  assert_non_null(e);
  assert_int_not_equal(e->type, PRECIS_ENTITY_PERSON);
  precis_doc_free(d);
}

static void test_hyphenated_joint_name(void **state) {
  (void)state;
  precis_doc *d = analyze("The race is close. Support rose, according to a new Washington Post-ABC News poll.");
  expect_entity(d, "Washington Post-ABC News", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_no_entity(d, "Washington");
  precis_doc_free(d);
}

static void test_company_before_ceo(void **state) {
  (void)state;
  precis_doc *d = analyze("The hearing was long. Wells Fargo CEO John Stumpf testified on Tuesday. Senators pressed him.");
  expect_entity(d, "Wells Fargo", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_entity(d, "John Stumpf", PRECIS_ENTITY_PERSON, 1);
  const precis_entity *e = find(d, "John Stumpf");
  assert_non_null(e->title);
  assert_string_equal(e->title, "CEO"); /* not "Fargo CEO" */
  precis_doc_free(d);
}

/* titles the tagger takes into a name (0.11.1; CNN/DM: "National Security
 * Adviser Susan Rice" was an organisation, so "she" went to somebody else):
 * an adviser, a company's officer, an editor */
static void test_officer_titles(void **state) {
  (void)state;
  precis_doc *d = analyze("National Security Adviser Ruth Okafor said the talks had stalled.");
  expect_entity(d, "Ruth Okafor", PRECIS_ENTITY_PERSON, 1);
  expect_no_entity(d, "National Security Adviser Ruth Okafor");
  assert_string_equal(find(d, "Ruth Okafor")->title, "National Security Adviser");
  precis_doc_free(d);
  d = analyze("Harbour Bank CFO Patrick Lindqvist said profits would rise.");
  expect_entity(d, "Harbour Bank", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_entity(d, "Patrick Lindqvist", PRECIS_ENTITY_PERSON, 1);
  assert_string_equal(find(d, "Patrick Lindqvist")->title, "CFO");
  precis_doc_free(d);
  d = analyze("The story was withdrawn, and Managing Editor Tessa Brandt wrote that the magazine would apologise.");
  expect_entity(d, "Tessa Brandt", PRECIS_ENTITY_PERSON, 1);
  expect_no_entity(d, "Editor Tessa Brandt");
  assert_non_null(find(d, "Tessa Brandt")->title); /* "Editor" ("Managing" is the tagger's: not in its span here) */
  assert_non_null(strstr(find(d, "Tessa Brandt")->title, "Editor"));
  precis_doc_free(d);
  /* a title word, then more title words (0.12.3: "Prime Minister John Prescott"
   * was the name, "Deputy" the title) */
  d = analyze("Deputy Prime Minister Ewan Cray opened the bridge on Monday.");
  expect_entity(d, "Ewan Cray", PRECIS_ENTITY_PERSON, 1);
  assert_string_equal(find(d, "Ewan Cray")->title, "Deputy Prime Minister");
  precis_doc_free(d);
}

static void test_org_by_first_word(void **state) {
  (void)state;
  precis_doc *d = analyze("The mine closed in May. Patriot Coal filed for bankruptcy in 2015. "
                          "A year later, Patriot said it would sell its last mines.");
  expect_entity(d, "Patriot Coal", PRECIS_ENTITY_ORGANIZATION, 2);
  expect_no_entity(d, "Patriot");
  precis_doc_free(d);
}

static void test_heading_word(void **state) {
  (void)state;
  precis_doc *d = analyze("Debate night.\n\nThe Latest: Candidates prepare for the debate.\n\nThe Latest on the campaign is below.");
  expect_no_entity(d, "Latest");
  precis_doc_free(d);
}

static void test_party_state_tags(void **state) {
  (void)state;
  precis_doc *d = analyze("The panel voted. \"It is fine,\" said Rep. Trey Gowdy (R-S.C.) on Monday. "
                          "Senator Jeff Merkley (D-Ore.) disagreed.");
  expect_entity(d, "Trey Gowdy", PRECIS_ENTITY_PERSON, 1);
  expect_no_entity(d, "R-S");
  expect_no_entity(d, "C.");
  precis_doc_free(d);
}

/* a proper noun the tagger missed that speaks ("Factwatch then ruled") is a
 * name of unknown type; a sentence's first word only with a capital elsewhere,
 * never a plural common noun ("Rescuers said") */
static void test_speaking_proper_noun(void **state) {
  (void)state;
  precis_doc *d = analyze("The data was clear. Weeks later, Factwatch then ruled that the figure was true. Rescuers said "
                          "the road was closed.\n\nThe council met. Its critic Ardmoor then argued that the vote was "
                          "illegal.\n");
  expect_entity(d, "Factwatch", PRECIS_ENTITY_OTHER, 1);
  expect_entity(d, "Ardmoor", PRECIS_ENTITY_OTHER, 1);
  expect_no_entity(d, "Rescuers");
  precis_doc_free(d);
}

/* two people of one surname: the second full name is a person of its own,
 * and the lone surname stays the first one's ("Marta Lindqvist ... Lindqvist
 * ... Tomas Lindqvist": two entities, not one renamed Tomas); a first
 * mention with a title or a modifier is still the same person */
static void test_same_surname_two_people(void **state) {
  (void)state;
  precis_doc *d = analyze("Lindqvist won the vote. Marta Lindqvist, the mayor, spoke first. \"We are ready,\" "
                          "Lindqvist said. Her husband Tomas Lindqvist stayed home.\n\nFinland-born Okkonen "
                          "designed the ship. Harri Okkonen said it was his best.");
  expect_entity(d, "Marta Lindqvist", PRECIS_ENTITY_PERSON, 3);
  expect_entity(d, "Tomas Lindqvist", PRECIS_ENTITY_PERSON, 1);
  expect_entity(d, "Harri Okkonen", PRECIS_ENTITY_PERSON, 2);
  precis_doc_free(d);
}

/* a surname with a capitalised particle, alone, is the earlier full name's
 * (0.13: "Van Ryn" was a person of its own, of no gender, and took "she") */
static void test_surname_with_particle(void **state) {
  (void)state;
  precis_doc *d = analyze("Maurice Van Ryn, 65, pleaded guilty on Monday. Van Ryn sat calmly in the dock.\n\n"
                          "Planning Minister Julio de Vido spoke next. De Vido said the plan would go ahead.");
  expect_entity(d, "Maurice Van Ryn", PRECIS_ENTITY_PERSON, 2);
  expect_no_entity(d, "Van Ryn");
  expect_entity(d, "Julio de Vido", PRECIS_ENTITY_PERSON, 2);
  expect_no_entity(d, "De Vido");
  precis_doc_free(d);
}

/* an organisation's name that goes on after a preposition is one name; not a
 * day, a place or organisation after "on"/"to", or a demonym */
static void test_org_name_with_preposition(void **state) {
  (void)state;
  precis_doc *d = analyze("The nonpartisan Commission on Harbour Safety says the pier is unsafe. A study by the Center "
                          "for Media and Coastal Affairs found the same. The Alliance to Reclaim Public Forests agreed. "
                          "The Commission on Monday closed the pier, and the Air Force on NBC denied any role.");
  expect_entity(d, "Commission on Harbour Safety", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_entity(d, "Center for Media and Coastal Affairs", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_entity(d, "Alliance to Reclaim Public Forests", PRECIS_ENTITY_ORGANIZATION, 1);
  expect_no_entity(d, "Commission on Monday");
  expect_no_entity(d, "Air Force on NBC");
  precis_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_speaking_proper_noun),
      cmocka_unit_test(test_same_surname_two_people),
      cmocka_unit_test(test_surname_with_particle),
      cmocka_unit_test(test_org_name_with_preposition),
      cmocka_unit_test(test_transcript_label_links_person),
      cmocka_unit_test(test_transcript_label_is_person),
      cmocka_unit_test(test_dateline_is_place),
      cmocka_unit_test(test_title_alone_is_nobody),
      cmocka_unit_test(test_miss_universe_is_no_person),
      cmocka_unit_test(test_hyphenated_joint_name),
      cmocka_unit_test(test_company_before_ceo),
      cmocka_unit_test(test_officer_titles),
      cmocka_unit_test(test_org_by_first_word),
      cmocka_unit_test(test_heading_word),
      cmocka_unit_test(test_party_state_tags),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
