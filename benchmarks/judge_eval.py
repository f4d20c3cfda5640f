"""Score the shipped judge on pairs it never trained on, and time it.

* SNLI test, three-way accuracy (the judge trains on SNLI dev);
* generated news pairs of the *check* parts (``judge_pairs.py --part check``: ecbplus-dev's
  even topics, polnear's dev articles, the check halves of wcxb-dev and aeb): accuracy per
  label and per way of making the pair, and how well the marked words find the changed
  ones (token precision / recall over contradicted pairs);
* speed: pairs per second, and peak memory.

    .venv/bin/python benchmarks/judge_pairs.py --part check -o .cache/judge/check.jsonl
    .venv/bin/python benchmarks/judge_eval.py .cache/judge/check.jsonl [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--weights", type=Path, help="a judge folder other than the shipped one")
    args = parser.parse_args(argv)

    from newsdesk.judge.model import HERE, Judge

    pairs = [json.loads(line) for line in args.pairs.open()]
    if args.limit:
        pairs = pairs[: args.limit]
    judge = Judge(args.weights or HERE)
    started = time.perf_counter()
    verdicts = judge.judge([(p["premise"], p["hypothesis"]) for p in pairs])
    seconds = time.perf_counter() - started
    right: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: Counter[tuple[str, str]] = Counter()
    tp = fp = fn = 0
    for p, v in zip(pairs, verdicts, strict=True):
        group = "snli" if p["how"] == "snli" else "news"
        right[group]["n"] += 1
        right[group]["ok"] += v.label == p["label"]
        right[f"{group}:{p['label']}"]["n"] += 1
        right[f"{group}:{p['label']}"]["ok"] += v.label == p["label"]
        if group == "news":
            right[f"how:{p['how']}"]["n"] += 1
            right[f"how:{p['how']}"]["ok"] += v.label == p["label"]
            confusion[(p["label"], v.label)] += 1
        if p["label"] == "contradicted" and p.get("changed"):
            gold = {i for a, b in p["changed"] for i in range(a, b)
                    if p["hypothesis"][i].isalnum()}
            mine = {i for a, b, _ in v.marked for i in range(a, b) if p["hypothesis"][i].isalnum()}
            tp += len(gold & mine)
            fp += len(mine - gold)
            fn += len(gold - mine)
    print(f"{len(pairs)} pairs in {seconds:.0f} s ({len(pairs) / seconds:.0f} pairs/s), "
          f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("| part | pairs | accuracy |")
    print("|---|---|---|")
    for key in sorted(right):
        c = right[key]
        print(f"| {key} | {c['n']} | {c['ok'] / c['n']:.3f} |")
    print("news confusion (gold -> judged):",
          {f"{a}->{b}": n for (a, b), n in sorted(confusion.items())})
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    print(f"marked words on contradicted pairs: precision {precision:.3f}, recall {recall:.3f} "
          "(characters of the changed words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
