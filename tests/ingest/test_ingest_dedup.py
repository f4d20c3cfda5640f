"""Near-duplicates: syndicated copies and light rewrites are marked, independent reports not."""

from __future__ import annotations

import random

import pytest
from tests.conftest import SEEDS

from newsdesk.ingest.dedup import DuplicateFinder
from newsdesk.ingest.text import clean_text
from newsdesk.model import Article

ORIGINAL = (
    "The regional water board approved a plan on Wednesday to build a desalination plant "
    "on the northern coast, ending a two-year debate over how to supply the growing towns "
    "of the peninsula. The plant is expected to cost about 400 million and to produce "
    "enough water for 300,000 people when it opens in four years. Farmers' groups welcomed "
    "the decision but said the board should also repair leaking canals, which lose nearly "
    "a fifth of the water they carry. Environmental groups warned that brine pumped back "
    "into the sea could harm sea grass meadows near the outfall, and asked for an "
    "independent study before construction begins. The board's chair said the design "
    "already spreads the brine over a wide area and that monitoring would be published "
    "every month."
)

# A desk rewrite: same facts in the same order, most sentences reworded at the edges.
REWRITE = (
    "The regional water board has approved a plan to build a desalination plant on the "
    "northern coast, ending a two-year debate over how to supply the growing towns of the "
    "peninsula. The plant should cost about 400 million and produce enough water for "
    "300,000 people when it opens in four years. Farmers' groups welcomed the decision but "
    "said the board must also repair leaking canals, which lose nearly a fifth of the water "
    "they carry. Environmental groups warned that brine pumped back into the sea could harm "
    "sea grass meadows near the outfall and called for an independent study before "
    "construction starts. The board's chair said the design spreads the brine over a wide "
    "area and that monitoring results would be published monthly."
)


def _reworded(text: str, every: int, seed: int = 7) -> str:
    """A light rewrite: one word in ``every`` replaced, as a copy editor would."""
    rng = random.Random(seed)
    words = text.split()
    for i in range(rng.randrange(every), len(words), every):
        words[i] = rng.choice(["said", "new", "local", "major", "about", "recently"])
    return " ".join(words)


@pytest.mark.parametrize(
    ("copy", "is_duplicate"),
    [
        (ORIGINAL, True),  # syndicated verbatim
        (ORIGINAL.replace(" ", "  ").upper(), True),  # case and spacing do not matter
        (_reworded(ORIGINAL, 10), True),  # light rewrite, one word in ten
        (REWRITE, True),  # desk rewrite keeping the facts and their order
        (ORIGINAL + " Readers can comment below. " + ORIGINAL[:200], True),  # copy plus extras
        (ORIGINAL[: len(ORIGINAL) * 2 // 3], True),  # a copy cut short
        (_reworded(ORIGINAL, 2), False),  # half the words changed: a different text
        ("The plant will be built.", False),  # too short to judge
    ],
)
def test_copies_are_marked(copy: str, is_duplicate: bool) -> None:
    a, b = DuplicateFinder().mark([Article("orig", ORIGINAL), Article("copy", copy)])
    assert a.duplicate_of is None
    assert (b.duplicate_of == "orig") is is_duplicate


def test_copies_point_to_the_first_of_their_group() -> None:
    articles = [
        Article("a", ORIGINAL),
        Article("b", ORIGINAL),
        Article("c", _reworded(ORIGINAL, 12)),
    ]
    marked = DuplicateFinder().mark(articles + [Article("bad", "", error="x: empty file")])
    assert [m.duplicate_of for m in marked] == [None, "a", "a", None]


def test_independent_reports_of_one_event_are_not_duplicates() -> None:
    seeds = [Article(p.stem, clean_text(p.read_text()).text) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(seeds) == 5
    assert all(a.duplicate_of is None for a in DuplicateFinder().mark(seeds))
