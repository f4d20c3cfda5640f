"""The storage seam: the read cache in front of the DuckDB store, and the app on the real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsdesk.model import Story
from newsdesk.settings import Settings
from newsdesk.web.storage import CachedStore, folder_signature

pytest_plugins = ["web_testdata"]


class CountingStore:
    """Counts reads, to see which ones reach the store behind the cache."""

    def __init__(self) -> None:
        self.reads = 0
        self.report: dict[str, Any] = {"version": 1}

    def add_articles(self, articles: list[Any]) -> int:
        return len(articles)

    def get_article(self, article_id: str) -> None:
        self.reads += 1

    def put_stories(self, stories: list[Story]) -> None:
        pass

    def stories(self) -> list[Story]:
        self.reads += 1
        return []

    def put_report(self, story_id: str, report: dict[str, Any]) -> None:
        self.report = report

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        self.reads += 1
        return self.report


def test_repeated_reads_stay_in_memory_until_the_signature_changes() -> None:
    inner, version = CountingStore(), [0]
    cached = CachedStore(inner, lambda: version[0])
    for _ in range(3):
        cached.get_report("a"), cached.stories(), cached.get_article("x")
    assert inner.reads == 3
    version[0] += 1  # a write somewhere: the next read goes to the store again
    inner.report = {"version": 1, "new": True}
    assert cached.get_report("a") == {"version": 1, "new": True}
    assert inner.reads == 4


def test_remembered_values_are_dropped_with_the_reads() -> None:
    version, renders = [0], []
    cached = CachedStore(CountingStore(), lambda: version[0])

    def render() -> str:
        renders.append(1)
        return f"page {len(renders)}"

    assert cached.remember("page", "a", render) == cached.remember("page", "a", render) == "page 1"
    version[0] += 1
    assert cached.remember("page", "a", render) == "page 2"


def test_the_cache_is_bounded() -> None:
    inner = CountingStore()
    cached = CachedStore(inner, lambda: 0, max_items=2)
    for key in ("a", "b", "c", "a"):
        cached.get_report(key)
    assert inner.reads == 4  # "a" was evicted by "c" and read again


def test_folder_signature_changes_when_a_file_does(tmp_path: Path) -> None:
    signature = folder_signature(tmp_path / "store")
    assert signature() == ()
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "db").write_bytes(b"1")
    first = signature()
    (tmp_path / "store" / "db").write_bytes(b"12")
    assert signature() not in (first, ())


def test_the_app_serves_the_duckdb_store_and_sees_writes_from_elsewhere(
    tmp_path: Path, pipeline: Any, report: dict[str, Any]
) -> None:
    from web_testdata import make_articles, word_checker

    from newsdesk.store import Store
    from newsdesk.web import create_app

    app = create_app(Settings(store=tmp_path / "store"), pipeline=pipeline, checker=word_checker)
    with TestClient(app) as client:
        assert client.get("/stories.json").json()["stories"] == []
        # Another process (the command line, say) writes to the same store folder.
        other = Store(tmp_path / "store")
        other.put_stories([Story(id="dock-strike", articles=make_articles())])
        other.put_report("dock-strike", report)
        listed = client.get("/stories.json").json()["stories"]
        assert [(s["id"], s["conflicts"]) for s in listed] == [("dock-strike", 1)]
        assert client.get("/stories/dock-strike.json").json() == report
        assert 'id="conflict-k1"' in client.get("/stories/dock-strike").text
        assert client.get("/articles/harbour.json").json()["removed"] == [
            "Subscribe to our newsletter",
            "<a href=x>Share</a>",
        ]
        changed = {**report, "conflicts": []}
        other.put_report("dock-strike", changed)
        assert client.get("/stories/dock-strike.json").json()["conflicts"] == []
        # The rendered page is kept with the reads, and dropped with them.
        assert "No conflicts found." in client.get("/stories/dock-strike").text
        # And an upload through the app lands in the same store.
        job = client.post("/api/analyze", params={"wait": "true"}, data={"text": "New."}).json()
        assert job["state"] == "done"
        assert any(s.id == job["stories"][0] for s in Store(tmp_path / "store").stories())
