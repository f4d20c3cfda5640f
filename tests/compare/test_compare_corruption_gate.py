"""Corruption gate on ../shared/corpora/ecbplus-dev (a sample that runs in about two
minutes; ``benchmarks/analyze.py`` measures every event).

One generic error of each kind is injected into one article of a real event; a catch is a
conflict of that kind whose likely error is the corrupted article. The clean events give
the false alarms (medium or high conflicts). Floors are pinned a little under what this
sample measured (see the numbers beside each); lowering one is a reviewed change.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
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
        CachingModels,
        Donors,
        Scores,
        article_from_sentences,
        evaluate_event,
        per_article_facts,
    )
    from newsdesk.compare.places import Gazetteer
    from newsdesk.facts import extract_facts, resolve_entities

    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (CORPORA / "ecbplus-dev" / "docs.jsonl").open() as handle:
        for line in handle:
            doc = json.loads(line)
            events[doc["event_cluster"]].append(doc)
    names = sorted(e for e in events if len(events[e]) >= 3)
    random.Random(SEED).shuffle(names)
    cached = CachingModels(models)
    facts = per_article_facts(lambda arts: extract_facts(arts, cached), resolve_entities)
    result = Scores()
    gazetteer = Gazetteer()
    for number, name in enumerate(names[:SAMPLE_EVENTS]):
        topic = events[name][0]["topic"]
        donor_docs = [events[e][0] for e in names if events[e][0]["topic"] != topic][:6]
        donor_story = facts([article_from_sentences(d["doc_id"], d["sentences"])
                             for d in donor_docs])
        donors = Donors()
        for af in donor_story.articles:
            for m in af.mentions:
                text = af.article.slice(m.span)
                if m.type == "person" and len(text.split()) >= 2:
                    donors.people.append(text)
                elif m.type == "place":
                    donors.places.append(text)
        articles = [article_from_sentences(d["doc_id"], d["sentences"]) for d in events[name]]
        evaluate_event(articles, donors, facts, cached, result, seed=number, gazetteer=gazetteer)
    return result


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
