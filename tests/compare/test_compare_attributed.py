"""A figure given as one party's where the other reports give that party another figure
("police said 30,000" where they say the police counted 8,000 and the organisers 30,000)."""

from __future__ import annotations

from typing import Any

import pytest
from compare_builders import Draft, ParsingModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.align import ClaimAligner
from newsdesk.compare.conflicts import Context, Finding, build_place_knowledge
from newsdesk.compare.conflicts.attributed import _same_thing, detect_attributed_figures
from newsdesk.compare.derivation import DerivationDetector
from newsdesk.compare.model import Conflict
from newsdesk.compare.places import Gazetteer
from newsdesk.compare.view import StoryView
from newsdesk.facts.model import NumberFact
from newsdesk.model import Span

_BOTH = "Police put the crowd at 8,000; the organisers said 30,000 had marched to the square."


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _figure(draft: Draft, text: str, value: float, unit: str | None = None) -> Draft:
    return draft.number(text, value, value, value, unit)


def _witness(name: str, line: str = _BOTH) -> Draft:
    d = Draft(name, line)
    return _figure(_figure(d, "8,000", 8000), "30,000", 30000)


def _said(models: Any, gazetteer: Gazetteer, *drafts: Draft) -> list[Conflict]:
    comparison = compare_story(story(*drafts), ParsingModels(models), gazetteer=gazetteer)
    return [c for c in comparison.conflicts
            if c.kind == "number" and c.severity != "low" and "gave" in c.summary]


def _findings(models: Any, gazetteer: Gazetteer, *drafts: Draft) -> list[Finding]:
    """The rule's own findings, before the judge merges them with other rules' (a like
    line's figure may be flagged by the count rules too)."""
    view = StoryView.build(story(*drafts))
    parsing = ParsingModels(models)
    aligner = ClaimAligner().fit(view, parsing)  # type: ignore[arg-type]
    view.derived_from = dict(DerivationDetector().fit(view, aligner).derived_from_)
    ctx = Context(view=view, aligner=aligner, places=build_place_knowledge(view, gazetteer),
                  models=parsing, gazetteer=gazetteer)  # type: ignore[arg-type]
    return detect_attributed_figures(ctx)


def test_a_figure_given_to_the_wrong_party_is_outvoted(models, gazetteer):
    a = _figure(Draft("a", "Police said 30,000 people had marched to the square."),
                "30,000 people", 30000, "people")
    found = _said(models, gazetteer, a, _witness("b"), _witness("c"))
    assert len(found) == 1, [c.summary for c in found]
    assert found[0].likely_error is not None and found[0].likely_error.articles == ["a"]
    # the summary says whose figure it is in the other reports
    assert "police gave 8,000" in found[0].summary and "the organisers 30,000" in found[0].summary


@pytest.mark.parametrize("line", [
    # the party's own figure, as the others give it: nothing to flag
    "Police said 8,000 people had marched to the square.",
    # the other party's figure, given to that party
    "Organisers said 30,000 people had marched to the square.",
    # no party named: a count the count rules judge, not this one
    "Some 30,000 people had marched to the square.",
])
def test_a_figure_given_to_the_party_the_others_give_it_to_is_no_conflict(models, gazetteer, line):
    figure = "8,000" if "8,000" in line else "30,000"
    a = _figure(Draft("a", line), f"{figure} people", float(figure.replace(",", "")), "people")
    assert not _said(models, gazetteer, a, _witness("b"), _witness("c"))


def test_one_other_report_is_not_enough_to_outvote(models, gazetteer):
    a = _figure(Draft("a", "Police said 30,000 people had marched to the square."),
                "30,000 people", 30000, "people")
    assert not _said(models, gazetteer, a, _witness("b"))


def test_a_report_giving_the_party_both_figures_is_not_outvoted(models, gazetteer):
    # a revision told in one report: police first said 30,000, then 8,000
    a = Draft("a", "Police said 30,000 people had marched to the square, then "
                   "police said 8,000 had marched.")
    a = _figure(_figure(a, "30,000 people", 30000, "people"), "8,000", 8000)
    assert not _said(models, gazetteer, a, _witness("b"), _witness("c"))


def test_according_to_names_the_party(models, gazetteer):
    a = _figure(Draft("a", "According to police, 30,000 people had marched to the square."), "30,000 people", 30000, "people")
    found = _said(models, gazetteer, a, _witness("b"), _witness("c"))
    assert [c.likely_error.articles for c in found if c.likely_error] == [["a"]]


def test_a_partys_figures_in_one_line_answer_the_other_lines_in_order(models, gazetteer):
    # a gives the company two figures, the dead and the hurt; the others give it only the
    # dead: 11 is pitted against nine, and 46 (the hurt) against nothing
    a = Draft("a", "Corvane said 11 workers had died and 46 were injured at the plant.")
    a = _figure(_figure(a, "11 workers", 11, "workers"), "46", 46).organisation("Corvane")
    drafts = [a]
    for name in ("b", "c"):
        d = Draft(name, "Corvane said nine workers had died at the plant; the health "
                        "department put the toll at 11.")
        d.organisation("Corvane")
        drafts.append(_figure(_figure(d, "nine workers", 9, "workers"), "11", 11))
    found = _said(models, gazetteer, *drafts)
    assert [c.likely_error.value for c in found if c.likely_error] == ["11 workers"], \
        [c.summary for c in found]
    # the party's name keeps its capitals; the other party reads mid-sentence
    assert "Corvane gave nine" in found[0].summary and "the health department 11 " in found[0].summary


@pytest.mark.parametrize(("ours", "figure", "theirs", "their_figure"), [
    # an age police mentioned, not a count they made (ecbplus-dev clean events)
    ("Police said they located the gunman, 38, on the highway near the office.",
     ("38", 38, 38, 38, None),
     "Police said 3 people were shot before they located the gunman on the highway.", "3"),
    # a loose figure bounds no count
    ("Officials said dozens were injured when the quake struck the island villages.",
     ("dozens", 24, 24, 99, None),
     "Officials said 10 were injured when the quake struck the island villages.", "10"),
])
def test_figures_that_are_not_one_partys_count_of_one_thing(models, gazetteer, ours, figure,
                                                            theirs, their_figure):
    drafts = [Draft("a", ours).number(*figure)]
    value = float(their_figure.replace(",", ""))
    drafts += [_figure(Draft(n, theirs), their_figure, value) for n in "bc"]
    assert not _findings(models, gazetteer, *drafts)


def test_a_percentage_or_a_sum_is_held_only_to_its_like():
    def n(value: float, unit: str | None) -> NumberFact:
        return NumberFact(Span("a", "text", 0, 1), value, value, value, unit)

    # "organisers said 30,000" is a count of the marchers another report gives in words
    assert _same_thing(n(30000, None), n(8000, "people"))
    # "0.2 percent" is no count of users, nor "$2 million" one of anything else
    assert not _same_thing(n(0.2, "%"), n(2000, None))
    assert not _same_thing(n(2e6, "USD"), n(2000, None))
    assert _same_thing(n(0.2, "%"), n(5, "%"))
