"""Benchmark `analyze` (facts + compare + report): speed, memory, and the corruption table.

Speed, side by side with what a user would run instead -- sentence-transformers'
``paraphrase_mining`` over every sentence of the story, which lines up paraphrases but
finds no conflict, no copy and no likely error:

* a 5-article story (../shared/seeds) including model loading, then warm in one process;
* a 50-article story (the first 50 ecbplus-dev articles, by event, detokenised).

Quality: the corruption measurement on ecbplus-dev (inject one error of each kind into
one article of a real event; recall = right kind, right article blamed; false alarms =
medium/high conflicts on the clean event).

    .venv/bin/python benchmarks/analyze.py                 # speed + all events
    .venv/bin/python benchmarks/analyze.py --events 20     # speed + 20 events
    .venv/bin/python benchmarks/analyze.py --no-speed      # corruption table only
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
ECB = SHARED / "corpora" / "ecbplus-dev" / "docs.jsonl"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ecb_events() -> dict[str, list[dict[str, Any]]]:
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with ECB.open() as handle:
        for line in handle:
            doc = json.loads(line)
            events[doc["event_cluster"]].append(doc)
    return events


def baseline(models: Any, articles: list[Any]) -> float:
    """What a user would do instead: mine paraphrase pairs among all sentences."""
    from sentence_transformers.util import paraphrase_mining

    started = time.perf_counter()
    sentences = [s for a in articles for s in a.text.split("\n") if s.strip()]
    paraphrase_mining(models.encoder(), sentences, show_progress_bar=False)
    return time.perf_counter() - started


def speed() -> None:
    from newsdesk.compare.corruption import article_from_sentences
    from newsdesk.ingest import extract
    from newsdesk.models import Models
    from newsdesk.report import analyze_story

    seeds = extract(*sorted(SEEDS.iterdir()))
    started = time.perf_counter()
    models = Models()  # holds the GeoNames index too (models.gazetteer())
    analyze_story(seeds, models)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    analyze_story(seeds, models)
    warm = time.perf_counter() - started
    base5 = baseline(models, seeds)

    docs = [d for docs in ecb_events().values() for d in docs][:50]
    fifty = [article_from_sentences(d["doc_id"], d["sentences"]) for d in docs]
    started = time.perf_counter()
    report = analyze_story(fifty, models)
    big = time.perf_counter() - started
    base50 = baseline(models, fifty)
    print("| story | analyze | paraphrase_mining (baseline) | ratio |")
    print("|---|---|---|---|")
    print(f"| 5 articles, cold (model loading included) | {cold:.1f} s | - | - |")
    print(f"| 5 articles, warm | {warm:.2f} s | {base5:.2f} s | {warm / base5:.1f}x |")
    print(f"| 50 articles, warm | {big:.1f} s | {base50:.2f} s | {big / base50:.1f}x |")
    print(f"\npeak memory (whole process): {peak_mib():.0f} MiB; "
          f"50-article report: {len(report['claims'])} claims, "
          f"{len(report['conflicts'])} conflicts")


def corruption(limit: int | None, seed: int) -> None:
    from newsdesk.compare.corruption import (
        KINDS,
        CachingModels,
        Scores,
        article_from_sentences,
        evaluate_event,
        per_article_facts,
    )
    from newsdesk.compare.places import Gazetteer
    from newsdesk.facts import extract_facts, resolve_entities
    from newsdesk.models import Models

    events = ecb_events()
    names = sorted(e for e in events if len(events[e]) >= 3)
    random.Random(seed).shuffle(names)
    names = names[:limit] if limit else names
    models = CachingModels(Models())
    facts = per_article_facts(lambda arts: extract_facts(arts, models), resolve_entities)  # type: ignore[arg-type]
    gazetteer = Gazetteer()
    scores = Scores()
    started = time.perf_counter()
    for number, name in enumerate(names):
        articles = [article_from_sentences(d["doc_id"], d["sentences"]) for d in events[name]]
        donors = donors_for(events, names, events[name][0]["topic"], facts)
        evaluate_event(articles, donors, facts, models, scores, seed=number,  # type: ignore[arg-type]
                       gazetteer=gazetteer)
        so_far = " ".join(f"{k}={scores.caught[k]}/{scores.injected[k]}" for k in KINDS)
        print(f"  {number + 1} {name}: {time.perf_counter() - started:.0f} s; {so_far}; "
              f"alarms {scores.clean_alarms}", file=sys.stderr, flush=True)
    print(f"\n{len(names)} ecbplus-dev events (seed {seed}), one injection per kind and event\n")
    print("| kind | injected | caught (right kind, right article) | recall |")
    print("|---|---|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {scores.injected[kind]} | {scores.caught[kind]} | "
              f"{scores.recall(kind):.2f} |")
    print(f"\nmedium/high conflicts on the clean events: {scores.clean_alarms} over "
          f"{scores.clean_stories} events = {scores.alarms_per_story:.2f} per story")
    for miss in scores.misses:
        print(f"  missed: {miss.kind} in {miss.article}: {miss.old!r} -> {miss.new!r}")


def donors_for(events: dict[str, list[dict[str, Any]]], names: list[str], topic: int,
               facts: Any) -> Any:
    """People and places named in other topics' first articles."""
    from newsdesk.compare.corruption import Donors, article_from_sentences

    docs = [events[e][0] for e in names if events[e][0]["topic"] != topic][:6]
    story = facts([article_from_sentences(d["doc_id"], d["sentences"]) for d in docs])
    donors = Donors()
    for af in story.articles:
        for mention in af.mentions:
            text = af.article.slice(mention.span)
            if mention.type == "person" and len(text.split()) >= 2:
                donors.people.append(text)
            elif mention.type == "place":
                donors.places.append(text)
    return donors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=None, help="corrupt only this many events")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-corruption", action="store_true")
    args = parser.parse_args()
    if not args.no_speed:
        speed()
    if not args.no_corruption:
        corruption(args.events, args.seed)


if __name__ == "__main__":
    main()
