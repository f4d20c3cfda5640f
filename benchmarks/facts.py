"""Facts stage speed: `newsdesk.facts.extract_facts` against plain spaCy.

What a user would do instead is run spaCy's full small English pipeline over each
article (``nlp.pipe``) and read entities and sentences off the Docs; newsdesk does that
with the components it does not need switched off, in worker processes, and then reads
dates, numbers, quotes, roles and events as well. Both sides run here, in one run, each
in its own child process so that peak memory (max RSS, workers included) is its own.
Wall time and CPU time (user + system, worker processes included) are both reported:
on a shared machine the wall time says as much about the neighbours as about the code.

Articles: PolNeAR news texts from ../shared/corpora/polnear-train, each cut to about
600 words at a paragraph end, cycled to the requested count.

    .venv/bin/python benchmarks/facts.py [--articles 1000] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-train"
WORDS = 600


def load_texts(n: int) -> list[str]:
    texts = []
    for path in sorted((CORPUS / "train" / "text").glob("*.txt")):
        paragraphs = path.read_text(encoding="utf-8").split("\n")
        kept: list[str] = []
        count = 0
        for para in paragraphs:
            if count >= WORDS:
                break
            kept.append(para)
            count += len(para.split())
        if count >= WORDS * 0.8:
            texts.append("\n".join(kept))
    if not texts:
        sys.exit(f"no texts under {CORPUS}")
    return [texts[i % len(texts)] for i in range(n)]


def _cpu_seconds() -> float:
    """User + system CPU of this process and its reaped children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child(kind: str, n: int, processes: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk.model import Article
    from newsdesk.models import Models

    texts = load_texts(n)
    words = sum(len(t.split()) for t in texts)
    models = Models()
    if kind == "spacy":
        import spacy

        from newsdesk.models import SPACY_PACKAGE

        nlp = spacy.load(SPACY_PACKAGE)  # the full pipeline, lemmatizer included
        cpu0 = _cpu_seconds()
        start = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=64):
            _ = [(e.text, e.label_) for e in doc.ents], list(doc.sents)
        elapsed = time.perf_counter() - start
    else:
        from newsdesk.facts import extract_facts

        models.nlp()
        articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
        cpu0 = _cpu_seconds()
        start = time.perf_counter()
        extract_facts(articles, models, n_process=processes)
        elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": elapsed, "cpu": _cpu_seconds() - cpu0, "words": words,
            "peak_mib": (rss + rss_children) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--child", choices=["spacy", "facts"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.processes)))
        return
    results = {}
    for kind in ("spacy", "facts"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--articles", str(args.articles),
             "--processes", str(args.processes)],
            check=True, capture_output=True, text=True,
        )
        results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    s, f = results["spacy"], results["facts"]
    print(f"articles: {args.articles} (~{s['words'] / args.articles:.0f} words each), "
          f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print(f"plain spaCy full pipeline, 1 process : {s['seconds']:7.1f} s wall "
          f"{s['cpu']:7.1f} s CPU {s['words'] / s['seconds']:7.0f} words/s  "
          f"peak {s['peak_mib']:.0f} MiB")
    print(f"newsdesk extract_facts, {args.processes} processes: {f['seconds']:7.1f} s wall "
          f"{f['cpu']:7.1f} s CPU {f['words'] / f['seconds']:7.0f} words/s  "
          f"peak {f['peak_mib']:.0f} MiB")
    print(f"speed ratio, wall (plain spaCy / facts): {s['seconds'] / f['seconds']:.2f}")
    # CPU seconds do not depend on how busy the machine is; wall time does.
    print(f"cost ratio, CPU  (plain spaCy / facts): {s['cpu'] / f['cpu']:.2f}")


if __name__ == "__main__":
    main()
