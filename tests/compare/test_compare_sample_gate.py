"""Gate on the bundled demo story (src/newsdesk/samples/port-strike): the two planted
errors that only event-level comparison finds -- the signing put in another city than the
one the other reports give, and a head count far below the other reports' figure for the
same counted noun, in differently worded lines -- are flagged on the planted article."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.gate]

SAMPLE = ROOT / "src" / "newsdesk" / "samples" / "port-strike"


@pytest.fixture(scope="module")
def report(models: Any) -> dict[str, Any]:
    from newsdesk.ingest import extract
    from newsdesk.report import analyze_story

    return analyze_story(extract(*sorted(SAMPLE.iterdir())), models)


def _blamed(report: dict[str, Any], kind: str) -> dict[str, str]:
    """Blamed article -> the value it gives, for serious conflicts of ``kind``."""
    out = {}
    for conflict in report["conflicts"]:
        error = conflict.get("likely_error")
        if conflict["kind"] == kind and conflict["severity"] != "low" and error:
            for article in error["articles"]:
                out[article] = error.get("value", "")
    return out


@pytest.mark.parametrize(
    ("kind", "article", "value"),
    [
        ("place", "velmora-post", "Dravik"),  # "signed ... in the capital, Dravik"
        ("number", "meridian-wire", "1,800"),  # "1,800 dockworkers" vs "roughly 4,200"
    ],
)
def test_planted_event_level_errors_are_blamed(report, kind, article, value):
    blamed = _blamed(report, kind)
    assert article in blamed, blamed
    assert value in blamed[article]


def test_no_other_article_is_blamed_for_a_place_or_count(report):
    assert set(_blamed(report, "place")) <= {"velmora-post"}
    assert set(_blamed(report, "number")) <= {"meridian-wire"}
