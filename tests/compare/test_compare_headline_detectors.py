"""The headline detector on hand-built stories: names the tagger did not type as people
are still checked against the body, and Title-Case words, datelines, team names and
places the story uses are not taken for a wrong person (regressions from ecbplus-dev)."""

from __future__ import annotations

import pytest
from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer
from newsdesk.facts.model import Mention, NumberFact

# the ordinary-word filter reads the story's own lower-case words ("win" for "Wins")
BODY = ("Skipper Odile Marchetti won the harbour regatta on Sunday after a late gust, "
        "her third win in a row.")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def run(gazetteer: Gazetteer, *drafts: Draft) -> Comparison:
    return compare_story(story(*drafts), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]


def headline_conflicts(comparison: Comparison) -> list[Conflict]:
    return [c for c in comparison.conflicts
            if c.kind == "headline" and c.severity in ("high", "medium")]


def reports(title: str, body: str = BODY) -> tuple[Draft, Draft, Draft]:
    a = Draft("a", body, title=title).person("Odile Marchetti")
    b = Draft("b", body, title="Marchetti takes the regatta").person("Odile Marchetti")
    b.person("Marchetti", field_name="title")
    c = Draft("c", body).person("Odile Marchetti")
    return a, b, c


def test_a_full_name_the_tagger_left_untyped_in_a_headline_is_checked(gazetteer):
    # Title-Case headlines hide people from the small tagger: no mention in the title
    a, b, c = reports("Talia Brennock Wins Harbour Regatta")
    (conflict,) = headline_conflicts(run(gazetteer, a, b, c))
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]
    assert {v.value for v in conflict.variants} == {"Talia Brennock", "Odile Marchetti"}


def test_a_full_name_the_tagger_typed_as_an_organisation_is_checked(gazetteer):
    a, b, c = reports("Regatta goes to Talia Brennock")
    a.mentions.append(Mention(a.span("Talia Brennock", "title"), "org"))
    (conflict,) = headline_conflicts(run(gazetteer, a, b, c))
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]


def test_a_headline_name_no_report_knows_is_blamed_when_the_body_names_nobody(gazetteer):
    quiet = "The skipper won the harbour regatta on Sunday after a late gust."
    a = Draft("a", quiet, title="Talia Brennock takes the regatta")
    a.person("Talia Brennock", field_name="title")
    _, b, c = reports("Marchetti takes the regatta")
    (conflict,) = headline_conflicts(run(gazetteer, a, b, c))
    assert conflict.severity == "medium"
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]


def test_the_real_subject_in_an_untyped_headline_is_no_conflict(gazetteer):
    a, b, c = reports("Odile Marchetti Wins Harbour Regatta")
    assert not headline_conflicts(run(gazetteer, a, b, c))


def test_title_case_verbs_and_initials_typed_as_a_person_are_no_name(gazetteer):
    # ecbplus-dev: "Gunman Kills <city initials> Deputy ..." gave the person "Kills" plus
    # the initials
    body = "A gunman killed a deputy in River Vale on Monday. Deputy Ruben Salcedo died."
    title = "Gunman Kills R. V. Deputy on Patrol"
    a = Draft("a", body, title=title).person("Ruben Salcedo")
    a.mentions.append(Mention(a.span("Kills R. V.", "title"), "person"))
    b = Draft("b", body).person("Ruben Salcedo")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_a_dateline_for_a_headline_is_no_name(gazetteer):
    # ecbplus-dev: "Updated Saturday, December 05, 2009" and "Tue March 3, 2009"
    a, b, c = reports("Updated Saturday, December 05, 2009 8: 28 PM")
    assert not headline_conflicts(run(gazetteer, a, b, c))


def test_a_lone_word_the_other_reports_use_is_no_wrong_person(gazetteer):
    # ecbplus-dev: a team's nickname typed a person in one headline
    a, b, c = reports("Ferrymen fall to Marchetti")
    a.person("Ferrymen", field_name="title")
    b.text += "\nThe Ferrymen finished second."
    assert not headline_conflicts(run(gazetteer, a, b, c))


def test_a_capitalised_run_holding_a_place_the_story_names_is_no_name(gazetteer):
    # ecbplus-dev: "Teen Arrested in Shooting of Hero <borough> Mom"
    body = ("A mother hailed as a hero was shot in Dunmore on Friday; a teen, Odile "
            "Marchetti, was held.")
    a = Draft("a", body, title="Teen Held in Shooting of Hero Dunmore Mom")
    a.place("Dunmore").person("Odile Marchetti")
    b = Draft("b", body).place("Dunmore").person("Odile Marchetti")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_a_clock_time_in_a_headline_is_no_figure(gazetteer):
    # ecbplus-dev: "Last Updated: Monday, 28 November 2005, 02: 24 GMT" against a body's
    # "10: 23 GMT" was a headline number conflict
    body = "The quake struck at 10: 23 GMT and was felt in five villages."
    a = Draft("a", body, title="Last Updated: 28 November 2005, 02: 24 GMT")
    a.numbers.append(NumberFact(a.span("24", "title"), 24.0, 24.0, 24.0, "GMT"))
    a.number("23", 23.0, 23.0, 23.0, "GMT")
    b = Draft("b", body).number("23", 23.0, 23.0, 23.0, "GMT")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_a_headline_figure_another_report_gives_is_not_contradicted(gazetteer):
    # ecbplus-dev: "stopping X in six rounds" while the body says he led "for five rounds"
    a = Draft("a", "The champion led for five rounds before the stoppage.",
              title="Champion wins in six rounds")
    a.numbers.append(NumberFact(a.span("six", "title"), 6.0, 6.0, 6.0, "rounds"))
    a.number("five", 5.0, 5.0, 5.0, "rounds")
    b = Draft("b", "The fight was stopped after six rounds.").number("six", 6.0, 6.0, 6.0,
                                                                      "rounds")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_a_headline_figure_nobody_gives_is_still_blamed(gazetteer):
    a = Draft("a", "The fight was stopped after six rounds.",
              title="Champion wins in nine rounds")
    a.numbers.append(NumberFact(a.span("nine", "title"), 9.0, 9.0, 9.0, "rounds"))
    a.number("six", 6.0, 6.0, 6.0, "rounds")
    b = Draft("b", "The fight was stopped after six rounds.").number("six", 6.0, 6.0, 6.0,
                                                                      "rounds")
    (conflict,) = headline_conflicts(run(gazetteer, a, b))
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]


def _deed_story(body_line: str) -> tuple[Draft, Draft]:
    title = "Governor Mara Velloso orders inquiry into bridge collapse"
    a = Draft("a", body_line, title=title).person("Idris Kolbeck")
    a.person("Mara Velloso", field_name="title")
    b = Draft("b", "Governor Mara Velloso visited the site of the bridge collapse on Monday.")
    b.person("Mara Velloso")
    return a, b


def test_a_headline_giving_a_deed_to_a_figure_its_body_gives_to_another_is_blamed(gazetteer):
    # the headline's person is real (another report names her), but this body says a
    # minister ordered the inquiry
    a, b = _deed_story("Transport Minister Idris Kolbeck ordered an independent inquiry on Monday.")
    (conflict,) = headline_conflicts(run(gazetteer, a, b))
    assert conflict.severity == "high"
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]
    assert {v.value for v in conflict.variants} == {"Mara Velloso", "Idris Kolbeck"}


def test_a_figure_of_the_story_the_body_leaves_out_is_no_conflict(gazetteer):
    a, b = _deed_story("Transport Minister Idris Kolbeck visited the families on Monday.")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_the_deed_goes_to_the_full_name_not_a_lone_word_the_tagger_took_for_a_person(gazetteer):
    line = "Former Dunmore councillor Idris Kolbeck ordered an independent inquiry on Monday."
    a, b = _deed_story(line)
    a.mentions.insert(0, Mention(a.span("Dunmore"), "person"))
    (conflict,) = headline_conflicts(run(gazetteer, a, b))
    assert {v.value for v in conflict.variants} == {"Mara Velloso", "Idris Kolbeck"}


def test_a_given_name_the_body_shares_is_no_footing_for_a_full_name(gazetteer):
    # the body's skipper is Odile Marchetti; "Odile Brennock", typed a person by the
    # tagger, is someone else
    a, b, c = reports("Odile Brennock takes the harbour regatta")
    a.person("Odile Brennock", field_name="title")
    (conflict,) = headline_conflicts(run(gazetteer, a, b, c))
    assert conflict.likely_error is not None and conflict.likely_error.articles == ["a"]


def test_a_hyphenated_surname_the_body_uses_is_footing(gazetteer):
    # the tagger ran a town into the headline's name; the body names the same woman
    title = "Dunmore Ines Vale-Marsh jailed for six years"
    body = "Former Dunmore mayor Ines Vale-Marsh was jailed for six years on Monday."
    a = Draft("a", body, title=title).person("Ines Vale-Marsh")
    a.person("Dunmore Ines Vale-Marsh", field_name="title")
    b = Draft("b", "Ines Vale-Marsh was jailed for six years.").person("Ines Vale-Marsh")
    assert not headline_conflicts(run(gazetteer, a, b))


def test_a_title_case_run_sharing_a_word_with_the_body_is_no_name(gazetteer):
    # an untyped capitalised run in a Title-Case headline is checked by any of its words
    a, b, c = reports("Odile Harbour Triumph Stuns Crowd")
    assert not headline_conflicts(run(gazetteer, a, b, c))
