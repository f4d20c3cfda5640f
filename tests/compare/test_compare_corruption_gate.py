"""Corruption gate on ../shared/corpora/ecbplus-dev (a 16-event sample, about a minute;
``benchmarks/analyze.py`` measures all 66 events).

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

SAMPLE_EVENTS = 16
SEED = 7

# Measured on this sample (`benchmarks/analyze.py --no-speed --events 16` prints the same
# table): date 7/9, name 10/11, place 14/16, number 3/10, headline 7/7 -> 41 of 53 caught
# (0.77); 37 of the 39 decidable injections (two or more independent reports besides the
# corrupted one state the original; 0.95); 5 medium/high conflicts on the 16 clean events
# (0.31 per story; 0.38 before session 8); no injection where a conflict over the
# changed value blames an honest report (one on all 66 events: a report's own "1995"
# for a 1955 hearing, a real error of the corpus). The targets (recall >= 0.85 per kind, <= 0.5 false alarms per
# story) are met for name, headline and the alarms; these floors pin what exists so that
# it cannot silently get worse. The number floor is low: 3 of 10 here (0.48 on all 66).
# Session 13 catches a fourth here (4/10; 0.52 on all 66, 22 of 25 decidable = 0.88), but
# that catch pits the tripled figure against another season's, so the floor stays.
FLOORS = {"caught_share": 0.74, "decidable_share": 0.9, "date": 0.7, "name": 0.85,
          "place": 0.8, "number": 0.25, "headline": 0.9}
# Recall on the decidable injections of each kind, the target where the evidence
# allows a judgement: date 7/7, name 7/7, place 13/13, number 3/5, headline 7/7 here.
DECIDABLE_FLOORS = {"date": 0.85, "name": 0.85, "place": 0.85, "number": 0.55,
                    "headline": 0.9}
MAX_ALARMS_PER_STORY = 0.4
MAX_WRONG_BLAMES = 0


@pytest.fixture(scope="module")
def scores(models: Any) -> Any:
    from newsdesk.compare.corruption import (
        corpus_events,
        evaluate_corpus,
        per_article_facts,
    )
    from newsdesk.compare.places import Gazetteer
    from newsdesk.facts import extract_facts, resolve_entities
    from newsdesk.facts.pipeline import known_place

    events, topics = corpus_events(CORPORA / "ecbplus-dev" / "docs.jsonl", SEED)
    # Models keeps the vectors, so a corrupted copy re-embeds only what changed
    facts = per_article_facts(lambda arts: extract_facts(arts, models),
                              lambda found: resolve_entities(found, known_place(models)))
    # donors come from other topics among all events, as in benchmarks/analyze.py
    return evaluate_corpus(events, topics, facts, models, gazetteer=Gazetteer(),
                           limit=SAMPLE_EVENTS)


def test_corruption_sample_meets_its_floors(scores):
    injected = sum(scores.injected.values())
    caught = sum(scores.caught.values())
    table = {k: f"{scores.caught[k]}/{scores.injected[k]}" for k in scores.injected}
    assert injected >= 40, table  # the sample must exercise the detectors at all
    assert caught / injected >= FLOORS["caught_share"], table
    decidable = sum(scores.decidable.values())
    assert sum(scores.caught_decidable.values()) / decidable >= FLOORS["decidable_share"], table
    assert scores.alarms_per_story <= MAX_ALARMS_PER_STORY, [
        f"{event}: {c.summary}" for event, c in scores.alarms
    ]


@pytest.mark.parametrize("kind", ["date", "name", "place", "number", "headline"])
def test_each_kind_keeps_its_recall(scores, kind):
    table = {k: f"{scores.caught[k]}/{scores.injected[k]}" for k in scores.injected}
    assert scores.injected[kind] >= 5, table
    assert scores.recall(kind) >= FLOORS[kind], table


@pytest.mark.parametrize("kind", ["date", "name", "place", "number", "headline"])
def test_each_kind_keeps_its_recall_on_decidable_injections(scores, kind):
    table = {k: f"{scores.caught_decidable[k]}/{scores.decidable[k]}" for k in scores.decidable}
    assert scores.decidable[kind] >= 5, table
    assert scores.decidable_recall(kind) >= DECIDABLE_FLOORS[kind], table


def test_no_honest_report_is_blamed_for_an_injected_error(scores):
    wrong = [f"{event}: {i.kind} {i.old!r} -> {i.new!r}: {c.summary}"
             for event, i, c in scores.wrong_blames]
    assert sum(scores.misblamed.values()) <= MAX_WRONG_BLAMES, wrong
