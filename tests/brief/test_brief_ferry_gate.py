"""The brief on the invented ferry story (tests/compare/stories/ferry-capsize; see
tests/compare/stories/README.md): a sentence is never "supported" by another report's
line that gives a different figure, and of reports saying one thing the brief quotes one
not found in error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.brief.builder import _figures, _other_figures

pytestmark = [pytest.mark.gate]

STORY = Path(__file__).parents[1] / "compare" / "stories" / "ferry-capsize"


@pytest.fixture(scope="module")
def report(models: Any) -> dict[str, Any]:
    from newsdesk.ingest import extract
    from newsdesk.report import analyze_story

    return analyze_story(extract(*sorted(STORY.iterdir())), models)


def _cited(report: dict[str, Any]) -> list[dict[str, Any]]:
    brief = report["brief"]
    return [s for c in brief["cards"] for s in c["sentences"]] + \
        [s for sec in brief["sections"] if sec["name"] != "Where sources disagree"
         for s in sec["sentences"]]


@pytest.mark.parametrize(("a", "b", "other"), [
    ("It is the second crash on the line this year.", "It is the third crash on the line this year.", True),
    ("Seven people died on Friday.", "Seven died and 12 were hurt.", False),  # 7 in both
    ("Rescuers worked through the night.", "It is the third crash this year.", False),
])
def test_other_figures(a: str, b: str, other: bool) -> None:
    assert _other_figures(_figures(a), _figures(b)) is other


def test_no_sentence_cites_a_line_giving_another_figure(report: dict[str, Any]) -> None:
    for sentence in _cited(report):
        quoted = _figures(sentence["text"])
        for citation in sentence["citations"][1:]:
            assert not _other_figures(quoted, _figures(citation["text"])), \
                (sentence["text"], citation["text"])


def test_a_report_found_in_error_is_not_quoted_where_a_sound_one_says_the_same(
        report: dict[str, Any]) -> None:
    erring = {a for c in report["conflicts"] if c["severity"] != "low" and c["likely_error"]
              for a in c["likely_error"]["articles"]}
    assert erring  # the story plants errors in four reports
    for sentence in _cited(report):
        articles = [c["article"] for c in sentence["citations"]]
        if set(articles) - erring:
            assert articles[0] not in erring, (sentence["text"], articles)
