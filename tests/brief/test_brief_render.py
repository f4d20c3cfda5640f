"""Markdown and the self-contained HTML page, from a report dict (hostile text included)."""

from __future__ import annotations

import re
from typing import Any

from newsdesk.brief.render import display_date, render_html, render_markdown

HOSTILE = 'Officials said <script>alert("x")</script> the [vote](http://evil.example) passed.'


def _report() -> dict[str, Any]:
    ev = {"article": "a<b>", "field": "text", "start": 0, "end": len(HOSTILE), "text": HOSTILE}
    sentence = {"text": HOSTILE, "citations": [ev]}
    return {
        "version": 1,
        "articles": [{"id": "a<b>", "title": "T", "text": HOSTILE, "source": "Wire & Co"}],
        "entities": [], "claims": [], "conflicts": [],
        "brief": {
            "headline": "Vote <b>passes</b>",
            "cards": [{"title": "The vote", "sentences": [sentence]}],
            "sections": [{"name": "What's happening", "sentences": [sentence]},
                         {"name": "Where sources disagree", "sentences": []}],
            "key_players": [{"name": "Ana <i>Ruiz</i>", "roles": ["Mayor"], "articles": 2}],
            "timeline": [{"date": "--03-04", "text": HOSTILE, "citations": [ev]}],
        },
    }


def test_html_escapes_article_text_and_loads_nothing() -> None:
    page = render_html(_report())
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>passes</b>" not in page and "<i>Ruiz</i>" not in page
    # self-contained: no script, no external stylesheet, image or frame
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"https?:", page)
    assert 'href="#cite-1"' in page and 'id="cite-1"' in page
    assert "4 Mar" in page and "No disagreement found." in page


def test_markdown_escapes_html_and_links() -> None:
    md = render_markdown(_report())
    assert "<script>" not in md and "\\<script\\>" in md
    assert "[vote](" not in md
    assert md.startswith("# Vote \\<b\\>passes\\</b\\>")
    assert "[^1]" in md and "[^1]: a\\<b\\> (text 0-" in md
    assert "_No disagreement found._" in md


def test_display_date() -> None:
    assert display_date("2024-01-13") == "13 Jan 2024"
    assert display_date("--01-13") == "13 Jan"
    assert display_date("1942") == "1942"
    assert display_date("next week") == "next week"


def test_empty_brief_renders() -> None:
    report = {"version": 1, "articles": [], "conflicts": [],
              "brief": {"headline": None, "cards": [], "sections": []}}
    assert "Untitled story" in render_html(report)
    assert render_markdown(report).startswith("# Untitled story")
