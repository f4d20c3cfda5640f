"""Quality gate: stories on ecbplus-dev against the gold `event_cluster`.

Measured with the default StoryClusterer (benchmarks/cluster.py prints the same
figures): B-cubed P 0.962, R 0.939, F1 0.950, ARI 0.935, 80 stories for 66 events, in
the corpus order and in every shuffled order (the corpus is one chunk, and a chunk is
processed richest report first whatever its order). Round 1 measured F1 0.931 in the
corpus order and 0.905 in shuffled ones; the split check and a re-tuned signal weight
gave the rest (see the comments in ``clusterer``). Putting each topic in one story
scores about 0.68 B-cubed F1. Floors sit a small margin under the measurement (the run
is deterministic; the margin absorbs float differences across CPUs). Lowering a floor
is a reviewed change.
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import CORPORA

from newsdesk.model import Article
from newsdesk.stories import StoryClusterer
from newsdesk.stories.features import featurize
from newsdesk.stories.metrics import score_clustering

FLOORS = {"precision": 0.95, "recall": 0.93, "f1": 0.94, "ari": 0.925}


@pytest.mark.gate
def test_ecbplus_dev_event_clustering_meets_floors_in_any_order() -> None:
    path = CORPORA / "ecbplus-dev" / "docs.jsonl"
    if not path.is_file():
        pytest.fail(f"{path} is missing; clone newsdesk beside shared/")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    articles = [Article(id=r["doc_id"], text=r["text"]) for r in rows]
    gold = [r["event_cluster"] for r in rows]
    features = featurize(articles, StoryClusterer().get_embedder())  # once, for both orders
    labels = StoryClusterer().partial_fit_features(features).labels()
    scores = score_clustering(labels, gold)
    measured = {k: round(getattr(scores, k), 3) for k in FLOORS}
    assert all(measured[k] >= floor for k, floor in FLOORS.items()), measured
    # one story per topic would score ~0.68: make sure the events inside topics split
    assert scores.n_predicted > len({r["topic"] for r in rows}) * 3 // 2

    order = list(range(len(rows)))
    random.Random(11).shuffle(order)
    shuffled = StoryClusterer().partial_fit_features([features[i] for i in order]).labels()
    back = [0] * len(rows)
    for position, i in enumerate(order):
        back[i] = shuffled[position]
    again = score_clustering(back, gold)
    assert round(again.f1, 3) >= FLOORS["f1"] and round(again.ari, 3) >= FLOORS["ari"], again
