"""Two detectors finding one disagreement: the judge keeps one finding, and a later one
that finds the same disagreement with more witnesses replaces an earlier ``low`` one (a
year one report against one other, found again with a second report behind the other
year, is no longer a one-against-one)."""

from __future__ import annotations

from newsdesk.compare.conflicts.base import Finding, Side
from newsdesk.compare.judge import _drop_repeats
from newsdesk.compare.model import LikelyError
from newsdesk.model import Span


def _side(value: str, *where: tuple[str, int]) -> Side:
    return Side(value, [Span(article, "text", start, start + len(value)) for article, start in where])


def _finding(severity: str, *sides: Side) -> Finding:
    return Finding(kind="date", key=f"k:{severity}:{len(sides[1].spans)}", what="the year",
                   sides=list(sides), severity=severity)  # type: ignore[arg-type]


def test_the_same_disagreement_with_more_witnesses_replaces_a_low_one():
    one_to_one = _finding("low", _side("1987", ("a", 10)), _side("1989", ("b", 40)))
    wider = _finding("medium", _side("1987", ("a", 10)), _side("1989", ("b", 40), ("c", 5)))
    kept = _drop_repeats([one_to_one, wider])
    assert kept == [wider]


def test_a_different_rival_value_does_not_replace_the_first_finding():
    first = _finding("low", _side("three", ("a", 10)), _side("four", ("b", 40)))
    other = _finding("medium", _side("three", ("a", 10)), _side("seven", ("c", 5), ("d", 9)))
    assert _drop_repeats([first, other]) == [first]


def test_a_graver_first_finding_is_kept():
    first = _finding("medium", _side("1987", ("a", 10)), _side("1989", ("b", 40)))
    later = _finding("high", _side("1987", ("a", 10)), _side("1989", ("b", 40), ("c", 5)))
    assert _drop_repeats([first, later]) == [first]


def test_a_lone_side_judged_again_by_a_wider_rule_takes_the_judged_finding():
    # "412 months" against one report's "4 months" in a line pair (no vote), found again
    # story-wide against three reports' "four and a half months" and outvoted there
    pair = _finding("medium", _side("412", ("a", 10)), _side("4", ("b", 40)))
    judged = _finding("medium", _side("412", ("a", 10)),
                      _side("four and a half", ("c", 5), ("d", 9), ("e", 3)))
    judged.blame = LikelyError(["a"], "412", "Outvoted.")
    assert _drop_repeats([pair, judged]) == [judged]
    # a later rule that blames someone the pair does not hold is another reading
    other = _finding("medium", _side("412", ("a", 10)), _side("four and a half", ("c", 5)))
    other.blame = LikelyError(["c"], "four and a half", "Outvoted.")
    assert _drop_repeats([pair, other]) == [pair]
