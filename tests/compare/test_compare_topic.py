"""A conflict's summary names what the disputed place, year or count is said of, read off
the reports' own lines ("where the accord was signed", "the year the bridge opened"), and
only when two sides' lines bear the description out."""

from __future__ import annotations

from typing import Any

import pytest
from compare_builders import Draft, ParsingModels, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison
from newsdesk.compare.places import Gazetteer
from newsdesk.compare.topic import _count_verb, _read


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _described(models: Any, line: str, value: str, what: str) -> list[str]:
    doc = models.nlp()(line)
    start = line.index(value)
    return [r.describe(what) for r in _read(doc, start, start + len(value))]


@pytest.mark.parametrize(("line", "value", "what", "expected"), [
    # the noun the place is attached to, with its compound words
    ("Divers reached the sunken ferry terminal in Qorvath at dawn.", "Qorvath", "place",
     "the location of the ferry terminal"),
    # the noun the place modifies
    ("Relatives marked the 1931 Qorvath tunnel collapse on Sunday.", "Qorvath", "place",
     "the location of the tunnel collapse"),
    # a passive verb and its subject
    ("The talks were held in Qorvath under heavy guard.", "Qorvath", "place",
     "where the talks were held"),
    # past "the capital, X" to the treaty, then its signing (a regular verb's object read
    # as a passive), nearest first
    ("The envoys signed a treaty in the capital, Qorvath, late on Friday.", "Qorvath", "place",
     "the location of the treaty|where the treaty was signed"),
    # a verb told in the past and its subject
    ("The storm struck Qorvath before dawn.", "Qorvath", "place", "where the storm struck"),
    # "the town of X" is X: what happened there is the next step up
    ("The blast tore through a warehouse in the town of Qorvath.", "Qorvath", "place",
     "the location of the warehouse"),
    # years the same way
    ("The old bridge first opened in 1971 after years of delay.", "1971", "year",
     "the year the bridge opened"),
    ("The 1958 harbour hearings were never published.", "1958", "year",
     "the year of the harbour hearings"),
])
def test_a_value_is_read_as_said_of_the_nearest_happening(models, line, value, what, expected):
    described = _described(models, line, value, what)
    wanted = expected.split("|")
    assert described[: len(wanted)] == wanted, described


@pytest.mark.parametrize(("line", "value"), [
    # a name the tagger took for a noun: no "year the doe resigned"
    ("Doe resigned from the board in 1990.", "1990"),
    # a state, not a happening
    ("The pact remained a secret until 1990.", "1990"),
    # a bare place with nothing said of it
    ("Qorvath.", "Qorvath"),
    # a part of a period: no "year of the half"
    ("The merger should close in the first half of 2031.", "2031"),
])
def test_no_description_where_the_line_says_nothing_plain(models, line, value):
    assert _described(models, line, value, "year" if value.isdigit() else "place") == []


def test_a_count_is_read_with_the_participle_it_is_told_with(models):
    for line in ("Rescuers said 14 passengers were rescued from the hull.",
                 "Officials counted 14 passengers rescued by the coastguard."):
        doc = models.nlp()(line)
        start = line.index("14")
        verb = _count_verb(doc, start, start + 2)
        assert verb is not None and verb.lower_ == "rescued", line


def _serious(comparison: Comparison, kind: str) -> list[Any]:
    return [c for c in comparison.conflicts if c.kind == kind and c.severity != "low"]


_SIGNED_LONE = "The union chief and the minister signed the accord in the capital, {}, on Friday."
_SIGNED = "The union chief and the minister signed the accord in {} at the harbour office on Friday."


def test_a_place_conflict_says_what_happened_there(models, gazetteer):
    a = Draft("a", _SIGNED_LONE.format("Zelbrinova"))
    b = Draft("b", _SIGNED.format("Port Quillanby")).place("Port Quillanby")
    c = Draft("c", _SIGNED.format("Port Quillanby")).place("Port Quillanby")
    comparison = compare_story(story(a, b, c), ParsingModels(models), gazetteer=gazetteer)
    (found,) = _serious(comparison, "place")
    assert found.summary.startswith("Reports disagree on where the accord was signed: "), \
        found.summary


def test_a_year_conflict_says_what_happened_that_year(models, gazetteer):
    # one report against one other: a low conflict, its summary written by the judge
    a = Draft("a", "The old bridge over the river first opened in 1971 after years of delay.")
    b = Draft("b", "After years of delay, the river bridge opened in 1969 to traffic.")
    comparison = compare_story(story(a, b), ParsingModels(models), gazetteer=gazetteer)
    (found,) = [c for c in comparison.conflicts if c.kind == "date"]
    assert found.summary == "Reports disagree on the year the bridge opened: a says 1971; b says 1969."


def test_lines_that_tell_of_different_happenings_keep_the_generic_wording(models, gazetteer):
    # one line puts the signing in the capital, the others the crane collapse in the port:
    # the sides' readings share no word, so neither is put in the others' mouths
    a = Draft("a", _SIGNED_LONE.format("Zelbrinova"))
    others = "The union chief and the minister saw the crane collapse in {} at the harbour office."
    b = Draft("b", others.format("Port Quillanby")).place("Port Quillanby")
    c = Draft("c", others.format("Port Quillanby")).place("Port Quillanby")
    comparison = compare_story(story(a, b, c), ParsingModels(models), gazetteer=gazetteer)
    for found in comparison.conflicts:
        if found.kind == "place":
            assert "signed" not in found.summary and "collapse" not in found.summary


def test_without_a_parser_the_summary_keeps_the_generic_wording(gazetteer):
    a = Draft("a", _SIGNED_LONE.format("Zelbrinova"))
    b = Draft("b", _SIGNED.format("Port Quillanby")).place("Port Quillanby")
    c = Draft("c", _SIGNED.format("Port Quillanby")).place("Port Quillanby")
    comparison = compare_story(story(a, b, c), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]
    (found,) = _serious(comparison, "place")
    assert found.summary.startswith("Reports disagree on where it happened: ")


def test_a_summary_its_detector_wrote_is_led_by_the_description(models, gazetteer):
    # near-identical lines: the same-words rule writes its own summary
    a = Draft("a", "The old bridge over the river first opened in 1971 after years of delay.")
    b = Draft("b", "After years of delay, the river bridge opened in 1969 to traffic.")
    c = Draft("c", "After years of delay, the river bridge opened in 1969 to traffic.")
    comparison = compare_story(story(a, b, c), ParsingModels(models), gazetteer=gazetteer)
    (found,) = _serious(comparison, "date")
    assert found.summary.startswith("On the year the river bridge opened, a gives 1971 where b "), \
        found.summary
