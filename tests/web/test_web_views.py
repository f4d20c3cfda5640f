"""The data behind the pages: text runs, the comparison matrix, the brief's extras."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.model import Article, Story
from newsdesk.web import views
from newsdesk.web.views import Mark, segment_text

# Fixtures and the hand-built report (`report`) live in web_testdata.py; a conftest.py
# here would shadow the root conftest's module name for tests that import from it.
pytest_plugins = ["web_testdata"]


@st.composite
def text_and_marks(draw: Any) -> tuple[str, list[Mark]]:
    text = draw(st.text(max_size=60))
    # Offsets may fall outside the text: a report is data from elsewhere and is clipped.
    bound = len(text) + 5
    marks = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.tuples(st.integers(-3, bound), st.integers(-3, bound))))
        marks.append(Mark(a, b, draw(st.sampled_from(["cite", "conflict"])), ""))
    return text, marks


@given(text_and_marks())
def test_runs_join_back_to_the_text_and_carry_exactly_their_marks(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    runs = segment_text(text, marks)
    assert "".join(r.text for r in runs) == text
    position = 0
    for run in runs:
        end = position + len(run.text)
        assert run.text, "no empty runs"
        expected = {
            (max(0, m.start), min(len(text), m.end), m.kind)
            for m in marks
            if max(0, m.start) <= position and min(len(text), m.end) >= end
        }
        assert {(m.start, m.end, m.kind) for m in run.marks} == expected
        position = end
    # Only the first run of the cited words gets the #cite anchor.
    assert sum(1 for r in runs if r.anchor) == (
        1 if any(r.marks and "cite" in r.css for r in runs) else 0
    )


def test_overlapping_marks_split_the_text_where_they_cross() -> None:
    # A cited sentence that contains a conflicting number: the number run carries both.
    text = "The union said 2,100 members joined."
    runs = segment_text(text, [Mark(0, 36, "cite", ""), Mark(15, 20, "conflict", "severity-high")])
    assert [r.text for r in runs] == ["The union said ", "2,100", " members joined."]
    assert runs[1].css == "cite conflict severity-high"
    assert runs[0].anchor == "cite" and not runs[1].anchor


def cell_states(matrix: dict[str, Any]) -> dict[str, list[str]]:
    return {row["claim"]: [c["state"] for c in row["cells"]] for row in matrix["rows"]}


def test_matrix_says_who_states_ignores_or_contradicts_each_claim(report: dict[str, Any]) -> None:
    matrix = views.comparison_matrix(report)
    assert [c["label"] for c in matrix["columns"]] == [
        "Harbour Times",
        "Coast Daily",
        "Wire & <Copy>",
    ]
    assert cell_states(matrix) == {
        "c1": ["states", "states", "contradicts"],  # the wire copy says 2,100, not 1,200
        "c2": ["states", "states", "states"],
        "c3": ["silent", "states", "silent"],
    }
    # Most widely stated claims first.
    assert [row["claim"] for row in matrix["rows"]] == ["c2", "c1", "c3"]
    contradicting = matrix["rows"][1]["cells"][2]
    assert contradicting["conflict"]["id"] == "k1"
    assert contradicting["evidence"]["text"] == "2,100"


def test_a_conflict_away_from_a_claim_does_not_touch_its_row(report: dict[str, Any]) -> None:
    report["claims"] = [c for c in report["claims"] if c["id"] == "c3"]
    assert cell_states(views.comparison_matrix(report)) == {"c3": ["silent", "states", "silent"]}


def test_evidence_is_grouped_per_article_in_first_seen_order() -> None:
    spans = [
        {"article": "b", "field": "text", "start": 5, "end": 9, "text": "Takk"},
        {"article": "a", "field": "title", "start": 0, "end": 4, "text": "Takk"},
        {"article": "b", "field": "text", "start": 40, "end": 44, "text": "Takk"},
    ]
    grouped = views.evidence_by_article(spans)
    assert [(g["article"], g["count"], g["evidence"]["start"]) for g in grouped] == [
        ("b", 2, 5),
        ("a", 1, 0),
    ]


def test_derivations_name_both_outlets(report: dict[str, Any]) -> None:
    assert views.derivations(report) == [
        {
            "article": "wire",
            "label": "Wire & <Copy>",
            "derived_from": "coast",
            "source_label": "Coast Daily",
        }
    ]


def test_conflict_marks_flag_the_likely_error_only_in_the_wrong_article(
    report: dict[str, Any],
) -> None:
    wire = views.conflict_marks(report, "wire", "text")
    harbour = views.conflict_marks(report, "harbour", "text")
    assert [(m.css, report["articles"][2]["text"][m.start : m.end]) for m in wire] == [
        ("severity-high likely-error", "2,100")
    ]
    assert [m.css for m in harbour] == ["severity-high"]
    assert views.conflict_marks(report, "harbour", "title") == []


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # the shape the brief model documents: entity id, name, roles
        (
            {"entity": "e1", "name": "Port authority", "roles": ["landlord of the docks"]},
            ("Port authority", ["landlord of the docks"]),
        ),
        # a single role as a string, and a cited role sentence
        ({"name": "The union", "role": "organiser"}, ("The union", ["organiser"])),
        (
            {"name": "A minister", "roles": [{"text": "She met the union.", "citations": []}]},
            ("A minister", ["She met the union."]),
        ),
        # an entry without a name is skipped rather than shown blank
        ({"roles": ["nobody"]}, None),
    ],
)
def test_key_players_accept_the_shapes_a_brief_may_use(item: dict[str, Any], expected: Any) -> None:
    players = views.key_players({"key_players": [item]})
    if expected is None:
        assert players == []
    else:
        assert [(p["name"], [r["text"] for r in p["roles"]]) for p in players] == [expected]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"date": "2025-03-04", "text": "Workers walked out.", "citations": [{"article": "a"}]},
            ("2025-03-04", "Workers walked out.", 1),
        ),
        (
            {"date": "2025-03-05", "sentence": {"text": "Talks began.", "citations": []}},
            ("2025-03-05", "Talks began.", 0),
        ),
        ({"date": "2025-03-06"}, None),
    ],
)
def test_timeline_entries(item: dict[str, Any], expected: Any) -> None:
    entries = views.timeline({"timeline": [item]})
    got = [(e["date"], e["text"], len(e["citations"])) for e in entries]
    assert got == ([expected] if expected else [])


def test_stories_sort_newest_first_with_undated_last() -> None:
    def story(sid: str, *dates: str | None) -> dict[str, Any]:
        arts = [Article(id=f"{sid}{n}", text="x", published=d) for n, d in enumerate(dates)]
        return views.story_summary(Story(id=sid, articles=arts), None)

    rows = [
        story("a", "2024-01-02"),
        story("b", None),
        story("c", "2025-06-01", "2023-01-01"),
        story("d", "2024-01-02T10:00:00Z"),
    ]
    assert [r["id"] for r in views.newest_first(rows)] == ["c", "d", "a", "b"]


def test_summary_counts_outlets_not_articles(report: dict[str, Any]) -> None:
    arts = [
        Article(id="1", text="x", source="Same"),
        Article(id="2", text="y", source="Same"),
        Article(id="3", text="z"),
    ]
    summary = views.story_summary(Story(id="s", articles=arts), report)
    assert (summary["articles"], summary["sources"], summary["conflicts"]) == (3, 2, 1)
    assert summary["title"] == "Dock workers strike"


def test_search_needs_every_word() -> None:
    arts = [Article(id="1", text="Dock workers walked out.", title="Port strike", source="Coast")]
    story = Story(id="s", articles=arts)
    summary = views.story_summary(story, None)
    assert views.matches(story, summary, "dock COAST")
    assert not views.matches(story, summary, "dock ferry")
    assert views.matches(story, summary, "  ")


@pytest.mark.parametrize(
    ("record", "label"),
    [
        (
            {"id": "a1", "source": "Coast Daily", "url": "https://www.coast.example/x"},
            "Coast Daily",
        ),
        ({"id": "a1", "source": None, "url": "https://www.coast.example/x"}, "coast.example"),
        # an id made from a file name with a content hash: cut, the link keeps the full id
        ({"id": "017_3fa9c2d4e5b6a7c8", "source": None}, "017_3fa9c2d4…"),
        ({"id": "short-id"}, "short-id"),
    ],
)
def test_article_labels(record: dict[str, Any], label: str) -> None:
    assert views.article_label(record) == label


def test_citation_links_escape_odd_article_ids() -> None:
    href = views.citation_href({"article": "a/b c?", "field": "text", "start": 3, "end": 9}, "s&1")
    assert href == "/articles/a%2Fb%20c%3F?story=s%261&field=text&start=3&end=9#cite"
