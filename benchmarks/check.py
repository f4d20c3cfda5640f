"""Speed of `check`: a 10-sentence summary against 5 articles, warm (models loaded).

Every timed call starts with no sentence vectors kept (``Models.forget_embeddings``), as
a check of a new summary against new sources does; the models themselves stay loaded.
``newsdesk`` is ``check_summary`` as the CLI runs it (the sources compared first, so that
a summary repeating one report's outvoted figure is contradicted); ``newsdesk-no-compare``
is the same check without that step.

Side by side with what a user would reach for instead: the MiniLM sentence encoder alone
(embed every source and summary sentence, call a summary sentence supported when its best
cosine clears a threshold) -- the usual "semantic similarity" check. Each runs in its own
subprocess so that its peak resident memory is its own. The sources are the five seed
reports (../shared/seeds); the summary is ten of their sentences, every other one with a
planted change, built at run time.

    .venv/bin/python benchmarks/check.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TOOLS = ("newsdesk", "newsdesk-no-compare", "minilm-cosine")


def _inputs() -> tuple[list, str]:
    from newsdesk.ingest import extract

    articles = [a for a in extract(str(SEEDS)) if a.ok]
    sentences = []
    for a in articles:
        found = [s for s in re.split(r"(?<=[.!?])\s+", a.text) if 12 <= len(s.split()) <= 40]
        sentences.extend(found[:2])
    summary = []
    for n, s in enumerate(sentences[:10]):
        # every other sentence gets a changed number or a negation, as an AI rewrite might
        summary.append(re.sub(r"\d", "7", s, count=1) if n % 2 else s.replace(" is ", " is not "))
    return articles, " ".join(summary)


def run_one(tool: str, repeat: int) -> dict[str, float]:
    from newsdesk.models import Models

    articles, summary = _inputs()
    models = Models()
    models.nlp()
    models.embed(["warm up"])
    if tool.startswith("newsdesk"):
        from newsdesk.check import check_summary

        compare = tool == "newsdesk"

        def once() -> int:
            result = check_summary(summary, articles, models, compare=compare)
            return len(result["sentences"])
    else:
        def once() -> int:
            source = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a.text) if s]
            mine = [s for s in re.split(r"(?<=[.!?])\s+", summary) if s]
            best = (models.embed(mine) @ models.embed(source).T).max(axis=1)
            return int((best >= 0.8).sum())

    once()  # warm: first call pays lazy imports
    times, cpu = [], []
    for _ in range(repeat):
        models.forget_embeddings()
        start, start_cpu = time.perf_counter(), time.process_time()
        n = once()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    # CPU seconds (all threads) beside wall time: on a shared 2-core machine the wall
    # time mostly measures the neighbours
    return {"median_s": statistics.median(times), "min_s": min(times),
            "cpu_s": statistics.median(cpu), "sentences": float(n),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", choices=TOOLS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.repeat)))
        return
    results = {}
    for tool in TOOLS:
        done = subprocess.run([sys.executable, __file__, "--one", tool, "--repeat",
                               str(args.repeat)], capture_output=True, text=True, check=True)
        results[tool] = json.loads(done.stdout.strip().splitlines()[-1])
    ours, base = results["newsdesk"], results["minilm-cosine"]
    plain = results["newsdesk-no-compare"]
    load = os.getloadavg()[0]
    print(f"load average at start of the last run: {load:.1f}")
    print(f"{'tool':<20} {'median s':>9} {'min s':>7} {'cpu s':>7} {'peak RSS MiB':>13}")
    for tool, r in results.items():
        print(f"{tool:<20} {r['median_s']:>9.2f} {r['min_s']:>7.2f} {r['cpu_s']:>7.2f} "
              f"{r['peak_rss_mib']:>13.0f}")
    print(f"ratio newsdesk / minilm-cosine: {ours['median_s'] / base['median_s']:.2f}x time, "
          f"{ours['peak_rss_mib'] / base['peak_rss_mib']:.2f}x memory; "
          f"budget 3 s: {'met' if ours['median_s'] < 3 else 'MISSED'}; comparing the "
          f"sources first costs {ours['median_s'] - plain['median_s']:.2f} s")


if __name__ == "__main__":
    main()
