"""The storage seam of the web app.

The pages and the API only need the few store methods named in :class:`StoryStore`; the
app takes any object that has them, so tests run against a small in-memory store and
``newsdesk serve`` against the DuckDB :class:`newsdesk.store.Store`.

DuckDB connections must not be used by two threads at once, and FastAPI runs plain
``def`` endpoints on a thread pool, so :class:`LockedStore` serialises calls into a
store that does not promise thread safety itself.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol, runtime_checkable

from newsdesk.model import Article, Story
from newsdesk.settings import Settings


@runtime_checkable
class StoryStore(Protocol):
    """What the web layer reads and writes (a subset of ``newsdesk.store.Store``)."""

    def add_articles(self, articles: list[Article]) -> int: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def put_stories(self, stories: list[Story]) -> None: ...

    def stories(self) -> list[Story]: ...

    def put_report(self, story_id: str, report: dict[str, Any]) -> None: ...

    def get_report(self, story_id: str) -> dict[str, Any] | None: ...


class LockedStore:
    """Wraps a store so that only one thread at a time calls into it."""

    def __init__(self, inner: StoryStore) -> None:
        self.inner = inner
        self._lock = threading.Lock()

    def add_articles(self, articles: list[Article]) -> int:
        with self._lock:
            return self.inner.add_articles(articles)

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            return self.inner.get_article(article_id)

    def put_stories(self, stories: list[Story]) -> None:
        with self._lock:
            self.inner.put_stories(stories)

    def stories(self) -> list[Story]:
        with self._lock:
            return self.inner.stories()

    def put_report(self, story_id: str, report: dict[str, Any]) -> None:
        with self._lock:
            self.inner.put_report(story_id, report)

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self.inner.get_report(story_id)


def open_store(settings: Settings) -> StoryStore:
    """The DuckDB store in ``settings.store``, safe to share between request threads."""
    from newsdesk.store import Store

    return LockedStore(Store(settings.store))
