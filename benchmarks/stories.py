"""Planted errors caught on the invented stories of tests/compare/stories.

Each story is a handful of reports written for newsdesk with errors planted the way real
coverage makes them (planted.json lists them; the stories' README says what is no
error). A planted error is caught when a medium or high conflict of its kind blames its
report (or, with no side judged, has that report alone on one side). A wrong blame is a
medium or high conflict whose likely error is none of the planted ones (an honest report,
or a planted report blamed for something it got right): the false alarm a reader would
chase.

    .venv/bin/python benchmarks/stories.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STORIES = Path(__file__).resolve().parents[1] / "tests" / "compare" / "stories"


def score(report: dict[str, Any], planted: set[tuple[str, str]]
          ) -> tuple[set[tuple[str, str]], list[str]]:
    caught: set[tuple[str, str]] = set()
    false: list[str] = []
    for conflict in report["conflicts"]:
        if conflict["severity"] == "low":
            continue
        error = conflict.get("likely_error")
        articles = error["articles"] if error else [
            v["articles"][0] for v in conflict["variants"] if len(v["articles"]) == 1]
        hits = {(conflict["kind"], a) for a in articles} & planted
        if hits:
            caught |= hits
        elif error:
            false.append(conflict["summary"])
    return caught, false


def main() -> None:
    from newsdesk.ingest import extract
    from newsdesk.models import Models
    from newsdesk.report import analyze_story

    plan = json.loads((STORIES / "planted.json").read_text())
    models = Models()
    print("| story | planted | caught | missed | wrong blames |")
    print("|---|---|---|---|---|")
    totals = [0, 0, 0]
    for story, errors in plan.items():
        planted = {(e["kind"], e["article"]) for e in errors}
        report = analyze_story(extract(*sorted((STORIES / story).iterdir())), models)
        caught, false = score(report, planted)
        missed = "; ".join(f"{e['kind']}: {e['what']}" for e in errors
                           if (e["kind"], e["article"]) not in caught)
        print(f"| {story} | {len(planted)} | {len(caught)} | {missed or '-'} | {len(false)} |")
        totals = [totals[0] + len(planted), totals[1] + len(caught), totals[2] + len(false)]
        for summary in false:
            print(f"|  | | | blamed: {summary} | |")
    print(f"| all | {totals[0]} | {totals[1]} | | {totals[2]} |")


if __name__ == "__main__":
    main()
