"""A date held to the parts of a year ("late 2011", "the end of 2011") that other reports
give for the same happening."""

from __future__ import annotations

import re

import pytest
from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def run(gazetteer: Gazetteer, *drafts: Draft) -> Comparison:
    return compare_story(story(*drafts), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]


def windowed(comparison: Comparison) -> list[Conflict]:
    """The serious conflicts of a date against parts of a year (the year rules' own
    findings on these lines are theirs to judge)."""
    return [c for c in comparison.conflicts
            if c.kind == "date" and c.severity != "low" and "when it happens" in c.summary]


_DATED = "The rebuilt Varna footbridge over the river is due to reopen on {}."
_WINDOW = "The rebuilt Varna footbridge over the river is due to reopen in {}."


def _story(gazetteer: Gazetteer, date: tuple[str, str], windows: list[tuple[str, str]]):
    a = Draft("a", _DATED.format(date[0])).date(date[0], date[1])
    drafts = [a]
    for n, (said, _year) in enumerate(windows):
        drafts.append(_windowed(f"r{n}", said))
    return run(gazetteer, *drafts)


def _windowed(name: str, said: str) -> Draft:
    """A report giving the window ``said``, each year in it a date as the facts stage
    reads it (the year alone)."""
    d = Draft(name, _WINDOW.format(said))
    for year in dict.fromkeys(re.findall(r"\d{4}", said)):
        d.date(year, year)
    return d


_BOTH = ("late 2011 or early 2012", "2011")


@pytest.mark.parametrize(("date", "windows", "flagged"), [
    # a month no part of the years the others give holds, though the year is theirs
    (("14 November 2012", "2012-11-14"), [_BOTH, _BOTH], True),
    (("14 November 2012", "2012-11-14"), [_BOTH, ("the end of 2011", "2011")], True),
    # inside one of the windows: no disagreement
    (("14 March 2012", "2012-03-14"), [_BOTH, _BOTH], False),
    (("14 November 2011", "2011-11-14"), [_BOTH, ("the end of 2011", "2011")], False),
    # one report's window against one report's date: no majority
    (("14 November 2012", "2012-11-14"), [_BOTH], False),
    # a decade is no window: "the early 2010s" dates a period, not the reopening
    (("14 November 2012", "2012-11-14"),
     [("the early 2010s", "2010"), ("the early 2010s", "2010")], False),
])
def test_a_date_against_the_part_of_a_year_others_give(gazetteer, date, windows, flagged):
    found = windowed(_story(gazetteer, date, windows))
    assert bool(found) is flagged, [c.summary for c in found]
    if flagged:
        assert found[0].likely_error is not None and found[0].likely_error.articles == ["a"]
        assert "late 2011 or early 2012" in found[0].summary


def test_a_month_another_report_gives_too_is_not_outvoted(gazetteer):
    comparison = run(
        gazetteer,
        Draft("a", _DATED.format("14 November 2012")).date("14 November 2012", "2012-11-14"),
        Draft("b", _DATED.format("20 November 2012")).date("20 November 2012", "2012-11-20"),
        *(_windowed(f"r{n}", _BOTH[0]) for n in range(2)),
    )
    assert not windowed(comparison)
