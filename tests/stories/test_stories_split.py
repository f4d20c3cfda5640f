"""The split check: a story whose members are two same-kind events is cut in two."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from newsdesk.model import Article
from newsdesk.stories import StoryClusterer
from newsdesk.stories.split import KeyMemory, bisect, profile_cosine

# Two drunken-driving arrests of one (made-up) team's players in one town, years apart:
# the kind of pair that shares most names and topic words.
FIRST = [
    (
        "Police in Varnholt arrested Renko Halvard , the Dunmere Rovers striker , on Tuesday "
        "on suspicion of drunken driving , Varnholt police said on March 4 , 2011 ."
    ),
    (
        "Dunmere Rovers striker Renko Halvard was held by Varnholt police on Tuesday after "
        "failing a breath test , the club said on March 4 , 2011 ."
    ),
    (
        "Renko Halvard of Dunmere Rovers spent Tuesday night in a Varnholt cell after a "
        "drunken driving arrest , his agent said on March 4 ."
    ),
    (
        "The Dunmere Rovers said on Tuesday , March 4 , 2011 , that Renko Halvard had been "
        "arrested in Varnholt for drunken driving ."
    ),
]
SECOND = [
    (
        "Police in Varnholt arrested Dunmere Rovers defender Oskar Brell on Saturday on "
        "suspicion of drunken driving , Varnholt police said on October 19 , 2013 ."
    ),
    (
        "Dunmere Rovers defender Oskar Brell was held by Varnholt police on Saturday after "
        "failing a breath test , the club said on October 19 , 2013 ."
    ),
    (
        "Oskar Brell of Dunmere Rovers spent Saturday night in a Varnholt cell after a "
        "drunken driving arrest , his agent said on October 19 ."
    ),
    (
        "The Dunmere Rovers said on Saturday , October 19 , 2013 , that Oskar Brell had been "
        "arrested in Varnholt for drunken driving ."
    ),
]
# An online pass that joins anything (threshold 0) stands in for one misled by early
# reports; the split check must still part the two events.
EAGER = {"threshold": 0.0, "year_penalty": 0.0}


def _articles(texts: list[str], prefix: str) -> list[Article]:
    return [Article(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


def _partition(labels: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_a_story_of_two_same_kind_events_is_split_by_when() -> None:
    articles = _articles(FIRST, "a") + _articles(SECOND, "b")
    merged = StoryClusterer(**EAGER, split_ncut=0.0).fit(articles).labels()
    assert len(set(merged)) == 1, "without the split check the eager pass merges all"
    split = StoryClusterer(**EAGER).fit(articles).labels()
    assert _partition(split) == {frozenset(range(4)), frozenset(range(4, 8))}


def test_one_event_told_twice_over_is_not_split() -> None:
    # the same event's eight reports: tight or loose, their when agrees
    articles = _articles(FIRST + [t.replace("Tuesday", "Tuesday evening") for t in FIRST], "a")
    assert len(set(StoryClusterer(**EAGER).fit(articles).labels())) == 1


def test_the_split_is_the_same_in_any_order() -> None:
    articles = _articles(FIRST, "a") + _articles(SECOND, "b")
    forward = StoryClusterer(**EAGER).fit(articles).labels()
    backward = StoryClusterer(**EAGER).fit(articles[::-1]).labels()[::-1]
    assert _partition(forward) == _partition(backward)


def test_bisect_finds_two_blocks_and_rates_a_uniform_group_as_one() -> None:
    blocks = np.full((6, 6), 0.05)
    blocks[:3, :3] = blocks[3:, 3:] = 0.9
    cut = bisect(blocks)
    assert cut is not None and cut.ncut < 0.2
    assert {frozenset(np.flatnonzero(cut.first)), frozenset(np.flatnonzero(~cut.first))} == {
        frozenset({0, 1, 2}),
        frozenset({3, 4, 5}),
    }
    uniform = bisect(np.full((6, 6), 0.7))
    assert uniform is not None and uniform.ncut >= StoryClusterer().split_ncut


def test_bisect_refuses_a_member_tied_to_nobody() -> None:
    lonely = np.eye(4)
    lonely[:3, :3] = 0.8
    assert bisect(lonely) is None


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (7, 7), elements=st.floats(0.01, 1.0)))
def test_bisect_always_gives_a_proper_cut(values: np.ndarray) -> None:
    cut = bisect((values + values.T) / 2)
    assert cut is not None
    assert 0 < int(cut.first.sum()) < 7
    assert 0.0 <= cut.ncut <= 2.0 + 1e-9


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ({"y:2011": 1.0}, {"y:2013": 1.0}, 0.0),  # different years
        ({"d:3-4": 1.0, "w:tuesday": 1.0}, {"d:3-4": 2.0, "w:tuesday": 2.0}, 1.0),
        ({}, {"y:2013": 1.0}, None),  # one half names no when: nothing to compare
    ],
)
def test_profile_cosine(
    first: dict[str, float], second: dict[str, float], expected: float | None
) -> None:
    got = profile_cosine(first, second)
    assert got == expected if expected is None else got == pytest.approx(expected)


def test_key_memory_keeps_the_heaviest_keys_and_renormalises_when_keys() -> None:
    memory = KeyMemory(max_keys=2)
    memory.remember({"n:halvard": 3.0, "y:2011": 4.0, "n:rovers": 1.0}, 5.0)
    memory.remember({"w:tuesday": 2.0}, 2.0)
    assert set(memory.profile([0])) == {"n:halvard", "y:2011"}  # the light key dropped
    when = memory.profile([0, 1], kinds=("y:", "w:"))
    assert when == pytest.approx({"y:2011": 1.0, "w:tuesday": 1.0}, abs=1e-3)
    rows = memory.matrix([0, 1], keep=lambda k: k.startswith("n:"))
    assert rows.shape == (2, 1)
    assert np.linalg.norm(rows, axis=1) == pytest.approx([1.0, 0.0])
