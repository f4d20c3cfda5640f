"""Ingest: from any newsroom input to clean articles.

:func:`extract` reads files, folders (recursively) and standard input, and returns one
:class:`~newsdesk.model.Article` per document, in input order. Each input goes through
one pipeline -- bytes (size limits, gzip), kind (by name, else by content), parser (HTML
cascade, text-with-chrome cleaner, JSON/JSONL records, feed entries, WARC responses) --
and any failure of one document becomes that document's ``error``, never an exception,
so a batch always finishes. Then feed entries are matched to linked pages, ids are made
unique, the language is detected and near-duplicates are marked.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import BinaryIO

from newsdesk.errors import InputError
from newsdesk.ingest.dedup import DuplicateFinder
from newsdesk.ingest.feeds import FeedEntry, read_feed, resolve_entry
from newsdesk.ingest.html import extract_page
from newsdesk.ingest.language import LanguageDetector
from newsdesk.ingest.records import failed, read_json, read_jsonl
from newsdesk.ingest.sources import Source, decode, discover, read_bytes, sniff_kind
from newsdesk.ingest.text import clean_text
from newsdesk.ingest.warc import read_warc
from newsdesk.model import Article
from newsdesk.settings import Settings

__all__ = ["Progress", "extract", "extract_sources"]

log = logging.getLogger(__name__)

# Called after each input with (inputs done, inputs in all, name of the input just read).
Progress = Callable[[int, int, str], None]


def extract(
    *inputs: str | Path,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> list[Article]:
    """Articles from paths, folders and ``"-"`` (standard input), one per document.

    Raises :class:`~newsdesk.errors.UsageError` only when an input path does not exist
    or none was given; unreadable documents come back with ``error`` set.
    """
    settings = settings or Settings()
    sources = discover(tuple(inputs))
    return extract_sources(sources, settings, stdin=stdin, progress=progress)


def extract_sources(
    sources: list[Source],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> list[Article]:
    items: list[Article | FeedEntry] = []
    for done, (source, found) in enumerate(_read_all(sources, settings, stdin), start=1):
        items.extend(found)
        if progress is not None:
            progress(done, len(sources), source.name)
    pages = [item for item in items if isinstance(item, Article)]
    articles = [
        resolve_entry(item, pages) if isinstance(item, FeedEntry) else item for item in items
    ]
    articles = _unique_ids(articles)
    detector = LanguageDetector()
    articles = [
        a.replace(language=a.language or detector.detect(a.text)) if a.ok else a for a in articles
    ]
    return DuplicateFinder().mark(articles)


# Below this many inputs a process pool costs more to start (each worker imports the
# extractors, ~2 s) than it saves.
MIN_INPUTS_FOR_POOL = 20


def _read_all(
    sources: list[Source], settings: Settings, stdin: BinaryIO | None
) -> Iterator[tuple[Source, list[Article | FeedEntry]]]:
    """Each source with what was read from it, in input order.

    With ``settings.workers > 1`` files are read by a pool of processes ("spawn", so a
    worker never inherits the threads of a host such as the web app); standard input is
    always read here.
    """
    files = [s for s in sources if s.path is not None]
    if settings.workers < 2 or len(files) < MIN_INPUTS_FOR_POOL:
        for source in sources:
            yield source, list(_read_source(source, settings, stdin))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=context) as pool:
        results = pool.map(_read_file, files, [settings] * len(files), chunksize=4)
        by_file = iter(results)
        for source in sources:
            if source.path is None:
                yield source, list(_read_source(source, settings, stdin))
            else:
                yield source, next(by_file)


def _read_file(source: Source, settings: Settings) -> list[Article | FeedEntry]:
    return list(_read_source(source, settings, None))


def _read_source(
    source: Source, settings: Settings, stdin: BinaryIO | None
) -> Iterable[Article | FeedEntry]:
    try:
        if source.path is not None and source.suffix_kind() == "warc":
            # Streamed record by record: crawl files are far larger than one document.
            return list(read_warc(source, settings))
        data = read_bytes(source, settings, stdin)
        if not data.strip():
            raise InputError(source.name, "empty file")
        return _parse(source, data, settings)
    except InputError as exc:
        return [failed(source.id, source.name, exc.reason)]
    except Exception as exc:
        # A parser bug or a library choking on hostile input must not stop the batch
        # (DESIGN: "Nothing lost"); the record says what happened and the log has the trace.
        log.debug("unexpected failure reading %s", source.name, exc_info=True)
        reason = str(exc).splitlines()[0] if str(exc) else ""
        return [
            failed(source.id, source.name, f"could not be read ({type(exc).__name__}: {reason})")
        ]


def _parse(source: Source, data: bytes, settings: Settings) -> list[Article | FeedEntry]:
    kind = sniff_kind(source, data)
    if kind == "warc":
        return list(read_warc(source, settings, data))
    if kind == "jsonl":
        return list(read_jsonl(source, data))
    if kind == "feed":
        return list(read_feed(source, data))
    text = decode(data, source.name)
    if kind == "json":
        return list(read_json(source, text))
    if kind == "html":
        page = extract_page(text)
        if not page.text:
            raise InputError(source.name, "no article text found in this page")
        return [
            Article(
                id=source.id,
                text=page.text,
                title=page.title,
                standfirst=page.standfirst,
                byline=page.byline,
                source=page.source,
                url=page.url,
                published=page.published,
                language=page.language,
                removed=page.removed,
                path=source.name,
            )
        ]
    clean = clean_text(text)
    if not clean.text and not clean.title:
        raise InputError(source.name, "no article text left once the site chrome was removed")
    return [
        Article(
            id=source.id,
            text=clean.text,
            title=clean.title,
            standfirst=clean.standfirst,
            byline=clean.byline,
            source=clean.source,
            published=clean.published,
            path=source.name,
            removed=clean.removed,
        )
    ]


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Suffix repeated ids (two folders holding ``index.html``) with ``~2``, ``~3``..."""
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        n = seen.get(article.id, 0) + 1
        seen[article.id] = n
        out.append(article if n == 1 else article.replace(id=f"{article.id}~{n}"))
    return out
