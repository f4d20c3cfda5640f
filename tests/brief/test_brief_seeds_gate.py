"""Quality gate: the brief of the five seed reports (../shared/seeds), end to end.

Every sentence is cited and grounded (each citation's text is found at its offsets, the
first citation is the quoted sentence itself, and any further citation is a sentence of
another source that the checker does not find contradicting it); every discrepancy a
reader should know appears under "Where sources disagree"; no sentence repeats another;
no sentence holds a value judged a likely error. It runs the command a user runs,
`newsdesk analyze SEEDS -o DIR --llm URL`, against a stub LLM on 127.0.0.1 whose rewrite
carries a planted error that must be caught.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz
from tests.conftest import SEEDS, validate_contract

from newsdesk.check import Checker
from newsdesk.model import Article

# What the stub LLM answers for the first sentence of the brief: the summit moved to a
# city no source names. The checker must reject it and keep the source sentence.
PLANTED = ("1. Japanese Prime Minister Sanae Takaichi and South Korean President Lee Jae Myung "
           "held a summit in Osaka.")


class _StubLLM(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"choices": [{"message": {"content": PLANTED}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`newsdesk analyze SEEDS -o DIR --llm STUB`, the way a user runs it."""
    from newsdesk.cli import main

    server = ThreadingHTTPServer(("127.0.0.1", 0), _StubLLM)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = tmp_path_factory.mktemp("analyze")
    try:
        code = main(["analyze", str(SEEDS), "-o", str(out), "--llm",
                     f"http://127.0.0.1:{server.server_address[1]}/v1"])
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0
    yield out


@pytest.fixture(scope="module")
def seed_report(out_dir: Path) -> tuple[dict[str, Any], list[Article]]:
    from newsdesk.ingest import extract

    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    return report, [a for a in extract(str(SEEDS)) if a.ok]


def _narrative(brief: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for c in brief["cards"] for s in c["sentences"]] + [
        s for sec in brief["sections"] if sec["name"] != "Where sources disagree"
        for s in sec["sentences"]]


@pytest.mark.gate
def test_brief_shape(seed_report: tuple[dict[str, Any], list[Article]]) -> None:
    report, _ = seed_report
    validate_contract(report, "report.schema.json")
    brief = report["brief"]
    assert brief["headline"]
    assert 3 <= len(brief["cards"]) <= 6
    assert all(1 <= len(c["sentences"]) <= 3 for c in brief["cards"])
    names = [s["name"] for s in brief["sections"]]
    assert names == ["What's happening", "Why it matters", "What's next", "Context",
                     "Where sources disagree", "Single-source claims"]
    assert {"Lee Jae Myung", "Sanae Takaichi"} <= {p["name"] for p in brief["key_players"]}
    dates = [t["date"] for t in brief["timeline"]]
    assert dates == sorted(dates, key=lambda d: d.replace("--", "9999-"))


@pytest.mark.gate
def test_every_sentence_cited_and_grounded(seed_report: tuple[dict[str, Any], list[Article]],
                                           models: Any) -> None:
    report, articles = seed_report
    by_id = {a.id: a for a in articles}
    brief = report["brief"]
    every = _narrative(brief) + [s for sec in brief["sections"]
                                 if sec["name"] == "Where sources disagree"
                                 for s in sec["sentences"]] + brief["timeline"]
    for s in every:
        assert s["citations"], s["text"]
        for c in s["citations"]:
            assert by_id[c["article"]].get(c["field"])[c["start"]:c["end"]] == c["text"]
    for s in _narrative(brief):
        first, *others = s["citations"]
        assert first["text"] == s["text"]
        for c in others:
            # the supporting sentence alone, as the only source, contradicts nothing
            cited = Article(id=c["article"], text=c["text"])
            [verdict] = Checker([cited], models).check_text(s["text"])
            assert verdict.verdict != "contradicted", (s["text"], c["text"])


@pytest.mark.gate
def test_discrepancies_appear_under_where_sources_disagree(
        seed_report: tuple[dict[str, Any], list[Article]]) -> None:
    report, _ = seed_report
    [section] = [s for s in report["brief"]["sections"] if s["name"] == "Where sources disagree"]
    text = " ".join(s["text"] for s in section["sentences"])
    # every conflict the compare stage found is there, with its likely error
    assert len(section["sentences"]) == len(report["conflicts"])
    for conflict in report["conflicts"]:
        assert conflict["summary"].rstrip(".") in text
        if conflict["likely_error"]:
            assert f"Likely error: \u201c{conflict['likely_error']['value']}\u201d" in text
    # the seed's known discrepancies: a year whose weekday is wrong, a headline naming
    # someone else, a surname cut short
    for needle in ("2024", "Koizumi", "Takai"):
        assert needle in text, needle


@pytest.mark.gate
def test_no_sentence_repeats_another(seed_report: tuple[dict[str, Any], list[Article]]) -> None:
    texts = [s["text"] for s in _narrative(seed_report[0]["brief"])]
    assert len(texts) == len(set(texts))
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert fuzz.token_set_ratio(a, b) < 90, (a, b)


@pytest.mark.gate
def test_no_likely_error_is_quoted(seed_report: tuple[dict[str, Any], list[Article]]) -> None:
    brief = seed_report[0]["brief"]
    for s in _narrative(brief) + brief["timeline"]:
        assert "13 January 2024" not in s["text"]
        assert not re.search(r"\bTakai\b", s["text"]), s["text"]
        assert "Koizumi" not in s["text"]


@pytest.mark.gate
def test_outputs_written(seed_report: tuple[dict[str, Any], list[Article]], out_dir: Path
                         ) -> None:
    assert {p.name for p in out_dir.iterdir()} == {"report.json", "brief.md", "report.html"}
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and seed_report[0]["brief"]["headline"] in page
    assert seed_report[0]["brief"]["headline"] in (out_dir / "brief.md").read_text("utf-8")


@pytest.mark.gate
def test_llm_rewrite_with_a_planted_place_is_rejected(
        seed_report: tuple[dict[str, Any], list[Article]]) -> None:
    brief = seed_report[0]["brief"]
    assert brief["llm"]["rewritten"] == 0 and brief["llm"]["rejected"] == 1
    first = brief["cards"][0]["sentences"][0]
    assert first["rewritten"] is False
    assert first["text"] == first["citations"][0]["text"]  # the source sentence stayed
    assert first["check"]["verdict"] == "contradicted"
    assert any(p["text"] == "Osaka" for p in first["check"]["problems"])
