"""Corruption gate on ../shared/corpora/ecbplus-dev (a sample that runs in about two
minutes; ``benchmarks/analyze.py`` measures every event).

One generic error of each kind is injected into one article of a real event; a catch is a
conflict of that kind whose likely error is the corrupted article. The clean events give
the false alarms (medium or high conflicts). Floors are pinned a little under what this
sample measured (see the numbers beside each); lowering one is a reviewed change.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CORPORA

pytestmark = [pytest.mark.gate, pytest.mark.slow]

SAMPLE_EVENTS = 4
SEED = 7

# Measured on this sample (benchmarks/analyze.py --events 4 --no-speed gives the same
# table): date 1/1, name 3/3, place 1/4, number 1/3, headline 0/1 -> 6 of 12 caught
# (0.50); 1 medium/high conflict on the 4 clean events (0.25 per story). Was 5 of 12
# and 0 before the event-level count, place and year detectors. The targets (recall
# >= 0.85 per kind, <= 0.5 false alarms per story) are not met for every kind yet: these
# floors pin what exists so that it cannot silently get worse.
FLOORS = {"caught_share": 0.45, "name": 0.66}
MAX_ALARMS_PER_STORY = 0.5


@pytest.fixture(scope="module")
def scores(models: Any) -> Any:
    from newsdesk.compare.corruption import (
        corpus_events,
        evaluate_corpus,
        per_article_facts,
    )
    from newsdesk.compare.places import Gazetteer
    from newsdesk.facts import extract_facts, resolve_entities

    events, topics = corpus_events(CORPORA / "ecbplus-dev" / "docs.jsonl", SEED)
    # Models keeps the vectors, so a corrupted copy re-embeds only what changed
    facts = per_article_facts(lambda arts: extract_facts(arts, models), resolve_entities)
    # donors come from other topics among all events, as in benchmarks/analyze.py
    return evaluate_corpus(events, topics, facts, models, gazetteer=Gazetteer(),
                           limit=SAMPLE_EVENTS)


def test_corruption_sample_meets_its_floors(scores):
    injected = sum(scores.injected.values())
    caught = sum(scores.caught.values())
    table = {k: f"{scores.caught[k]}/{scores.injected[k]}" for k in scores.injected}
    assert injected >= 10, table  # the sample must exercise the detectors at all
    assert caught / injected >= FLOORS["caught_share"], table
    assert scores.alarms_per_story <= MAX_ALARMS_PER_STORY, scores.clean_alarms


def test_every_kind_is_caught_somewhere_in_the_sample(scores):
    table = {k: f"{scores.caught[k]}/{scores.injected[k]}" for k in scores.injected}
    caught_kinds = {k for k, n in scores.caught.items() if n}
    assert {"name", "date", "number"} <= caught_kinds, table
    assert scores.recall("name") >= FLOORS["name"], table
