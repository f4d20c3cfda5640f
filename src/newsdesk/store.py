"""The article store: an embedded DuckDB database in a local folder.

* Every write is one transaction: a process killed mid-write (even by SIGKILL) leaves
  the last committed state, which DuckDB's write-ahead log restores on the next open.
* Writes are idempotent: an article whose content hash is already stored under its id
  is skipped, so ingesting the same input again changes nothing, and a re-run after an
  interrupted ingest only adds what is missing.
* DuckDB lets one process write at a time; a second one gets a :class:`StoreError`
  saying so, instead of DuckDB's lock message.
* A connection is opened per operation and closed at once, so the web app and the
  command line can take turns on the same store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from newsdesk.errors import StoreError
from newsdesk.model import Article, Story

DB_FILE = "newsdesk.duckdb"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS article_seq;
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    content_hash VARCHAR NOT NULL,
    title VARCHAR, standfirst VARCHAR, byline VARCHAR, source VARCHAR, url VARCHAR,
    published VARCHAR, language VARCHAR, path VARCHAR, error VARCHAR, duplicate_of VARCHAR,
    text VARCHAR NOT NULL,
    removed VARCHAR[], warnings VARCHAR[],
    stored_at TIMESTAMP DEFAULT current_timestamp
);
CREATE SEQUENCE IF NOT EXISTS story_seq;
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    title VARCHAR,
    article_ids VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    story_id VARCHAR PRIMARY KEY,
    report VARCHAR NOT NULL,
    stored_at TIMESTAMP DEFAULT current_timestamp
);
"""

_FIELDS = (
    "id", "title", "standfirst", "byline", "source", "url", "published", "language",
    "path", "error", "duplicate_of", "text", "removed", "warnings",
)  # fmt: skip


def content_hash(article: Article) -> str:
    """Hash of everything stored about an article (what makes a re-ingest a no-op)."""
    record = article.to_extract_record()
    record["removed"] = list(article.removed)
    record["warnings"] = list(article.warnings)
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class Store:
    """Articles, stories and per-story reports in ``<path>/newsdesk.duckdb``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db_path = self.path / DB_FILE

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- articles -------------------------------------------------------------------
    def add_articles(self, articles: list[Article]) -> int:
        """Store articles in one transaction; returns how many were new or changed."""
        if not articles:
            self._ensure()
            return 0
        rows = {a.id: (a, content_hash(a)) for a in articles}  # last copy of an id wins
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                ids = list(rows)
                stored = dict(
                    con.execute(
                        "SELECT id, content_hash FROM articles WHERE list_contains(?, id)", [ids]
                    ).fetchall()
                )
                changed = [(a, h) for a, h in rows.values() if stored.get(a.id) != h]
                replaced = [a.id for a, _ in changed if a.id in stored]
                if replaced:
                    con.execute("DELETE FROM articles WHERE list_contains(?, id)", [replaced])
                if changed:
                    con.executemany(
                        "INSERT INTO articles (id, seq, content_hash, title, standfirst, byline, "
                        "source, url, published, language, path, error, duplicate_of, text, "
                        "removed, warnings) VALUES "
                        "(?, nextval('article_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [_article_row(a, h) for a, h in changed],
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(changed)

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first stored."""
        with self._connect(read_only=True) as con:
            if con is None:
                return []
            rows = con.execute(f"SELECT {', '.join(_FIELDS)} FROM articles ORDER BY seq")
            return [_row_article(r) for r in rows.fetchall()]

    def get_article(self, article_id: str) -> Article | None:
        with self._connect(read_only=True) as con:
            if con is None:
                return None
            row = con.execute(
                f"SELECT {', '.join(_FIELDS)} FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            return _row_article(row) if row else None

    def count(self) -> int:
        with self._connect(read_only=True) as con:
            if con is None:
                return 0
            row = con.execute("SELECT count(*) FROM articles").fetchone()
            return int(row[0]) if row else 0

    # -- stories and reports ------------------------------------------------------
    def story_count(self) -> int:
        with self._connect(read_only=True) as con:
            if con is None:
                return 0
            row = con.execute("SELECT count(*) FROM stories").fetchone()
            return int(row[0]) if row else 0

    def put_stories(self, stories: list[Story]) -> None:
        """Store stories (their articles too), replacing stories with the same id."""
        self.add_articles([a for s in stories for a in s.articles])
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for story in stories:
                    con.execute("DELETE FROM stories WHERE id = ?", [story.id])
                    con.execute(
                        "INSERT INTO stories VALUES (?, nextval('story_seq'), ?, ?)",
                        [story.id, story.title, [a.id for a in story.articles]],
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def replace_stories(self, stories: list[Story]) -> None:
        """Make ``stories`` the whole set of stored stories, in one transaction.

        Re-clustering can absorb a story into another; :meth:`put_stories` would leave
        the absorbed one behind. Here the old set is deleted and the new one inserted in
        the same transaction, so a reader (or a process killed mid-way) sees either the
        old set or the new one, never a mix. A stored report of a story that is gone or
        whose articles changed no longer describes it, and is dropped in that same
        transaction (the web app then shows the story as not analysed yet).
        """
        self.add_articles([a for s in stories for a in s.articles])
        members = {s.id: [a.id for a in s.articles] for s in stories}
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                old = con.execute("SELECT id, article_ids FROM stories").fetchall()
                stale = [sid for sid, ids in old if members.get(sid) != list(ids)]
                if stale:
                    con.execute("DELETE FROM reports WHERE list_contains(?, story_id)", [stale])
                con.execute("DELETE FROM stories")
                if stories:
                    con.executemany(
                        "INSERT INTO stories VALUES (?, nextval('story_seq'), ?, ?)",
                        [[s.id, s.title, [a.id for a in s.articles]] for s in stories],
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def stories(self) -> list[Story]:
        """Every stored story with its articles, in the order stories were stored."""
        with self._connect(read_only=True) as con:
            if con is None:
                return []
            rows = con.execute("SELECT id, title, article_ids FROM stories ORDER BY seq").fetchall()
            found = con.execute(
                f"SELECT {', '.join(_FIELDS)} FROM articles "
                "WHERE id IN (SELECT unnest(article_ids) FROM stories)"
            ).fetchall()
        by_id = {a.id: a for a in map(_row_article, found)}
        return [
            Story(id=sid, title=title, articles=[by_id[i] for i in ids if i in by_id])
            for sid, title, ids in rows
        ]

    def put_report(self, story_id: str, report: dict[str, Any]) -> None:
        blob = json.dumps(report, ensure_ascii=False)
        with self._connect() as con:
            con.execute(
                "INSERT OR REPLACE INTO reports (story_id, report) VALUES (?, ?)",
                [story_id, blob],
            )

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        with self._connect(read_only=True) as con:
            if con is None:
                return None
            row = con.execute(
                "SELECT report FROM reports WHERE story_id = ?", [story_id]
            ).fetchone()
            return json.loads(row[0]) if row else None

    # -- connections ----------------------------------------------------------------
    def _ensure(self) -> None:
        with self._connect():
            pass

    @contextmanager
    def _connect(self, read_only: bool = False) -> Iterator[Any]:
        """A connection for one operation. Read-only on a store that does not exist yet
        yields None (an empty store), so that reading never creates files."""
        if read_only and not self.db_path.exists():
            yield None
            return
        try:
            if not read_only:
                self.path.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(self.db_path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(
                    f"the store {self.path} is in use by another process (DuckDB allows one "
                    "writer at a time); wait for it to finish or use another --store"
                ) from None
            raise StoreError(f"cannot open the store {self.path}: {message}") from None
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        try:
            if not read_only:
                con.execute(_SCHEMA)
                con.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
                )
            yield con
        finally:
            con.close()


def _article_row(article: Article, digest: str) -> list[Any]:
    a = article
    return [
        a.id, digest, a.title, a.standfirst, a.byline, a.source, a.url, a.published,
        a.language, a.path, a.error, a.duplicate_of, a.text, list(a.removed), list(a.warnings),
    ]  # fmt: skip


def _row_article(row: tuple[Any, ...]) -> Article:
    values = dict(zip(_FIELDS, row))
    values["removed"] = tuple(values["removed"] or ())
    values["warnings"] = tuple(values["warnings"] or ())
    return Article(**values)
