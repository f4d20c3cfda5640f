"""The storage seam of the web app.

The pages and the API only need the few store methods named in :class:`StoryStore`; the
app takes any object that has them, so tests run against a small in-memory store and
``newsdesk serve`` against the DuckDB :class:`newsdesk.store.Store`.

DuckDB connections must not be used by two threads at once, and FastAPI runs plain
``def`` endpoints on a thread pool, so :class:`LockedStore` serialises calls into a
store that does not promise thread safety itself.

The DuckDB store opens the database for each operation (so that the command line can
write while the app serves), and opening costs ~40 ms -- more than rendering a page.
:class:`CachedStore` keeps what was read until the store's files change on disk, which
makes a repeated read a dictionary lookup while a write from any process still shows
on the next request.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

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


T = TypeVar("T")


def folder_signature(folder: Path) -> Callable[[], Hashable]:
    """A cheap fingerprint of a store folder: every file's name, size and mtime.

    Any committed write (the database file or its write-ahead log) changes it.
    """

    def signature() -> Hashable:
        try:
            with os.scandir(folder) as entries:
                return tuple(
                    sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries)
                )
        except FileNotFoundError:
            return ()

    return signature


class CachedStore:
    """Serves repeated reads from memory until ``signature()`` changes.

    Reports are kept in a bounded LRU (``max_items``); the story list is kept whole.
    Values handed out are shared between requests: the web layer only reads them.
    """

    def __init__(
        self, inner: StoryStore, signature: Callable[[], Hashable], max_items: int = 256
    ) -> None:
        self.inner = inner
        self.signature = signature
        self.max_items = max_items
        self._lock = threading.Lock()
        self._seen: Hashable = None
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def remember(self, kind: str, key: str, load: Callable[[], T]) -> T:
        """Anything computed from the store's contents (a rendered page, say), kept with
        the reads and dropped with them when the store changes."""
        return self._cached(kind, key, load)

    def _cached(self, kind: str, key: str, load: Callable[[], T]) -> T:
        # The signature is taken before loading, so a write that lands during the load
        # changes it again and the next request reloads instead of trusting stale data.
        current = self.signature()
        with self._lock:
            if current != self._seen:
                self._items.clear()
                self._seen = current
            elif (kind, key) in self._items:
                self._items.move_to_end((kind, key))
                value: T = self._items[(kind, key)]
                return value
        value = load()
        with self._lock:
            if self._seen == current:
                self._items[(kind, key)] = value
                while len(self._items) > self.max_items:
                    self._items.popitem(last=False)
        return value

    def add_articles(self, articles: list[Article]) -> int:
        return self.inner.add_articles(articles)

    def get_article(self, article_id: str) -> Article | None:
        return self._cached("article", article_id, lambda: self.inner.get_article(article_id))

    def put_stories(self, stories: list[Story]) -> None:
        self.inner.put_stories(stories)

    def stories(self) -> list[Story]:
        return self._cached("stories", "", self.inner.stories)

    def put_report(self, story_id: str, report: dict[str, Any]) -> None:
        self.inner.put_report(story_id, report)

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        return self._cached("report", story_id, lambda: self.inner.get_report(story_id))


def remember(store: StoryStore, kind: str, key: str, load: Callable[[], T]) -> T:
    """``load()``, kept by the store if it keeps things (:class:`CachedStore`)."""
    keep = getattr(store, "remember", None)
    if keep is None:
        return load()
    value: T = keep(kind, key, load)
    return value


def open_store(settings: Settings) -> StoryStore:
    """The DuckDB store in ``settings.store``, shared safely between request threads."""
    from newsdesk.store import Store

    return CachedStore(LockedStore(Store(settings.store)), folder_signature(settings.store))
