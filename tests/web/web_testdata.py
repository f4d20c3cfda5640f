"""Hand-built stories, an in-memory store, a small pipeline and fixtures for the web tests.

The report below is invented test data shaped exactly like ``report.schema.json``:
three reports of a dock strike, one of which rewrites another and gets the head count
wrong, and whose text carries markup that must never run.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.model import Article, Story
from newsdesk.settings import Settings
from newsdesk.web import create_app
from newsdesk.web.security import UploadLimits

# Markup that would set window.pwned (and retitle the page) if it ever ran.
HOSTILE = (
    '<script>window.pwned = 1; document.title = "pwned"</script> '
    '<img src=x onerror="window.pwned = 2">'
)

TEXTS = {
    "harbour": (
        "Dock workers walked out on Tuesday, 4 March 2025. "
        "The union said 1,200 members joined the strike. Talks resume next week."
    ),
    "coast": (
        "Dock workers walked out on Tuesday. The union said 1,200 members joined the strike. "
        "Ferries were not affected."
    ),
    "wire": (
        "Dock workers walked out on Tuesday. The union said 2,100 members joined the strike. "
        + HOSTILE
    ),
}
SOURCES = {"harbour": "Harbour Times", "coast": "Coast Daily", "wire": "Wire & <Copy>"}


def span_of(article_id: str, words: str, field: str = "text") -> dict[str, Any]:
    """Evidence for the first occurrence of ``words`` in a test article."""
    text = TEXTS[article_id] if field == "text" else TITLES[article_id]
    start = text.index(words)
    return {
        "article": article_id,
        "field": field,
        "start": start,
        "end": start + len(words),
        "text": words,
    }


TITLES = {
    "harbour": "Dock strike halts port",
    "coast": "Port strike: 1,200 walk out",
    "wire": "Strike at the port <b>bold</b>",
}


def make_articles() -> list[Article]:
    return [
        Article(
            id=aid,
            text=TEXTS[aid],
            title=TITLES[aid],
            source=SOURCES[aid],
            published=f"2025-03-0{n + 4}",
            path=f"{aid}.txt",
            removed=("Subscribe to our newsletter", "<a href=x>Share</a>"),
        )
        for n, aid in enumerate(TEXTS)
    ]


def make_report() -> dict[str, Any]:
    articles = []
    for article in make_articles():
        record = {
            k: v
            for k, v in article.to_extract_record().items()
            if k in ("id", "title", "source", "published", "text")
        }
        record["derived_from"] = "coast" if article.id == "wire" else None
        articles.append(record)
    strike = "The union said 1,200 members joined the strike."
    walkout = "Dock workers walked out on Tuesday"
    return {
        "version": 1,
        "articles": articles,
        "entities": [],
        "claims": [
            {
                "id": "c1",
                "text": strike,
                "articles": ["harbour", "coast"],
                "independent_sources": 2,
                "evidence": [span_of("harbour", strike), span_of("coast", strike)],
            },
            {
                "id": "c2",
                "text": walkout,
                "articles": ["harbour", "coast", "wire"],
                "independent_sources": 2,
                "evidence": [span_of(a, walkout) for a in ("harbour", "coast", "wire")],
            },
            {
                "id": "c3",
                "text": "Ferries were not affected.",
                "articles": ["coast"],
                "evidence": [span_of("coast", "Ferries were not affected.")],
            },
        ],
        "conflicts": [
            {
                "id": "k1",
                "kind": "number",
                "severity": "high",
                "summary": "The sources disagree on how many members joined the strike.",
                "variants": [
                    {
                        "value": "1,200",
                        "articles": ["harbour", "coast"],
                        "evidence": [span_of("harbour", "1,200"), span_of("coast", "1,200")],
                    },
                    {
                        "value": "2,100",
                        "articles": ["wire"],
                        "evidence": [span_of("wire", "2,100")],
                    },
                ],
                "likely_error": {
                    "articles": ["wire"],
                    "value": "2,100",
                    "reason": "Outvoted by two independent sources.",
                },
            },
        ],
        "brief": {
            "headline": "Dock workers strike",
            "cards": [
                {
                    "title": "What happened",
                    "sentences": [
                        {
                            "text": strike,
                            "citations": [span_of("harbour", strike), span_of("coast", strike)],
                        },
                    ],
                }
            ],
            "sections": [
                {
                    "name": "What's next",
                    "sentences": [
                        {
                            "text": "Talks resume next week.",
                            "citations": [span_of("harbour", "Talks resume next week.")],
                        },
                    ],
                }
            ],
            "key_players": [{"entity": "e1", "name": "The union", "roles": ["organiser"]}],
            "timeline": [
                {"date": "2025-03-04", "text": walkout, "citations": [span_of("harbour", walkout)]}
            ],
        },
    }


class MemoryStore:
    """The web layer's storage seam, in memory (the real one is DuckDB)."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.story_map: dict[str, Story] = {}
        self.reports: dict[str, dict[str, Any]] = {}
        self.calls = 0
        self._lock = threading.Lock()

    def add_articles(self, articles: list[Article]) -> int:
        with self._lock:
            new = [a for a in articles if a.id not in self.articles]
            self.articles.update({a.id: a for a in articles})
            return len(new)

    def get_article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def put_stories(self, stories: list[Story]) -> None:
        self.story_map.update({s.id: s for s in stories})

    def stories(self) -> list[Story]:
        self.calls += 1
        return list(self.story_map.values())

    def put_report(self, story_id: str, report: dict[str, Any]) -> None:
        self.reports[story_id] = report

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        return self.reports.get(story_id)


class TextPipeline:
    """Reads uploaded files as plain text and puts them all in one story.

    Its report has the articles and a one-sentence brief citing the first article's
    first line -- enough for the web layer, which is what these tests are about.
    """

    def __init__(self, fail_story: bool = False) -> None:
        self.fail_story = fail_story
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def read(self, paths: list[Path]) -> list[Article]:
        self.started.set()
        self.release.wait(10)
        out = []
        for path in paths:
            data = path.read_bytes()
            stem = path.name.split(".")[0]
            if not data.strip():
                out.append(Article(id=stem, text="", path=str(path), error="empty file"))
            else:
                out.append(Article(id=stem, text=data.decode(), path=str(path), source=stem))
        return out

    def group(self, articles: list[Article]) -> list[Story]:
        return [Story(id="s-" + articles[0].id, articles=articles)]

    def analyze(self, story: Story) -> dict[str, Any]:
        if self.fail_story:
            from newsdesk.errors import ModelError

            raise ModelError("no model in this test")
        first = story.articles[0]
        line = first.text.split("\n")[0]
        cite = {"article": first.id, "field": "text", "start": 0, "end": len(line), "text": line}
        return {
            "version": 1,
            "articles": [
                {"id": a.id, "title": a.title, "text": a.text, "source": a.source}
                for a in story.articles
            ],
            "entities": [],
            "claims": [],
            "conflicts": [],
            "brief": {
                "headline": line,
                "sections": [],
                "cards": [{"title": "First", "sentences": [{"text": line, "citations": [cite]}]}],
            },
        }


def word_checker(summary: str, sources: list[Article]) -> dict[str, Any]:
    """A checker seam: a sentence is supported when some source contains it verbatim."""
    out = []
    offset = 0
    for sentence in (s.strip() for s in summary.split(".")):
        if not sentence:
            continue
        start = summary.index(sentence, offset)
        offset = start + len(sentence)
        hits = [a for a in sources if sentence in a.text]
        evidence = []
        if hits:
            at = hits[0].text.index(sentence)
            evidence = [
                {
                    "article": hits[0].id,
                    "field": "text",
                    "start": at,
                    "end": at + len(sentence),
                    "text": sentence,
                }
            ]
        out.append(
            {
                "text": sentence,
                "start": start,
                "end": offset,
                "verdict": "supported" if hits else "unsupported",
                "score": 0.9 if hits else 0.1,
                "evidence": evidence,
                "problems": [] if hits else [{"kind": "other", "text": sentence}],
            }
        )
    return {"version": 1, "sentences": out}


@pytest.fixture()
def store() -> MemoryStore:
    memory = MemoryStore()
    memory.add_articles(make_articles())
    memory.put_stories([Story(id="dock-strike", articles=make_articles())])
    memory.put_report("dock-strike", make_report())
    return memory


@pytest.fixture()
def report() -> dict[str, Any]:
    return make_report()


@pytest.fixture()
def hostile() -> str:
    return HOSTILE


@pytest.fixture()
def pipeline() -> TextPipeline:
    return TextPipeline()


@pytest.fixture()
def limits() -> UploadLimits:
    return UploadLimits(max_files=3, max_request_bytes=64 * 1024, max_text_chars=5_000)


@pytest.fixture()
def client(store: MemoryStore, pipeline: TextPipeline, limits: UploadLimits, tmp_path: Path):
    app = create_app(
        Settings(store=tmp_path / "unused", max_input_bytes=16 * 1024),
        store=store,
        pipeline=pipeline,
        checker=word_checker,
        limits=limits,
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
