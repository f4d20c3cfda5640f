"""Gate on an invented story written after the compare stage was tuned
(tests/compare/stories/ferry-capsize; tests/compare/stories/README.md says what it
plants): each planted error is blamed on the report that made it, and neither honest
report nor the machine translation's romanisation is blamed above ``low``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.gate]

STORY = Path(__file__).parent / "stories" / "ferry-capsize"


@pytest.fixture(scope="module")
def report(models: Any) -> dict[str, Any]:
    from newsdesk.ingest import extract
    from newsdesk.report import analyze_story

    inputs = sorted(STORY.iterdir())
    return analyze_story(extract(*inputs), models)


def _serious(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in report["conflicts"] if c["kind"] == kind and c["severity"] != "low"]


def _blamed(report: dict[str, Any], kind: str) -> dict[str, list[str]]:
    """Blamed article -> the values it is blamed for, over serious conflicts of ``kind``."""
    out: dict[str, list[str]] = {}
    for conflict in _serious(report, kind):
        error = conflict.get("likely_error")
        for article in (error or {}).get("articles", []):
            out.setdefault(article, []).append(error.get("value", ""))
    return out


@pytest.mark.parametrize(
    ("kind", "article", "value"),
    [
        ("date", "globo-translate", "Sunday"),  # "Sunday 8 May": 8 May 2027 was a Saturday
        ("date", "northsea-wire", "1984"),  # built in 1984 against 1994
        ("name", "bayline-digest", "Achberg"),  # Achterberg with a syllable missing
        ("headline", "coastwatch-news", "Korhonen"),  # the body gives the deed to Whitcombe
    ],
)
def test_planted_errors_are_blamed_on_the_report_that_made_them(report, kind, article, value):
    blamed = _blamed(report, kind)
    assert article in blamed, (kind, blamed)
    assert any(value in v for v in blamed[article]), blamed[article]


def test_the_misattributed_quotation_is_a_high_speaker_conflict(report):
    (conflict,) = [c for c in _serious(report, "quote") if "who said" in c["summary"]]
    assert conflict["severity"] == "high"
    error = conflict.get("likely_error")
    assert error is None or error["articles"] == ["northsea-wire"]


def test_the_reversed_quotation_is_not_left_at_low(report):
    reversed_ = [c for c in _serious(report, "quote")
                 if any("given up hope" in v["value"] for v in c["variants"])]
    assert reversed_, [c["summary"] for c in report["conflicts"] if c["kind"] == "quote"]


def test_the_copy_is_known_as_one(report):
    derived = {a["id"]: a.get("derived_from") for a in report["articles"]}
    assert derived["island-voice"] == "lunmark-herald"


def test_honest_reports_and_a_romanised_name_are_not_blamed(report):
    for conflict in report["conflicts"]:
        if conflict["severity"] == "low" or not conflict.get("likely_error"):
            continue
        articles = set(conflict["likely_error"]["articles"])
        assert not articles & {"lunmark-herald", "island-voice"}, conflict["summary"]
        if conflict["kind"] == "name":
            assert "globo-translate" not in articles, conflict["summary"]
