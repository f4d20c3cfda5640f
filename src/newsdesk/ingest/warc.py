"""WARC archives (CC-NEWS style): every HTML response record becomes an article.

warcio streams the archive record by record (gzip members included), so a large crawl
file is never held in memory; the size limit applies to each record instead.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsdesk.errors import InputError
from newsdesk.ingest.html import extract_page
from newsdesk.ingest.records import failed
from newsdesk.ingest.sources import Source, decode
from newsdesk.model import Article
from newsdesk.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)


def read_warc(source: Source, settings: Settings, data: bytes | None = None) -> Iterator[Article]:
    """Articles from the HTML responses of a WARC; one error record if there are none."""
    seen: Counter[str] = Counter()
    found = 0
    number = 0
    with _open(source, data) as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                kind = _describe(record)
                seen[kind] += 1
                if kind not in _HTML_TYPES:
                    continue
                found += 1
                yield _article(source, settings, record, number)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            where = f"{source.name}#{number + 1}"
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            yield failed(f"{source.id}-{number + 1}", where, f"unreadable WARC record ({reason})")
            return
    if not found:
        summary = ", ".join(f"{n} {kind}" for kind, n in seen.most_common()) or "no records"
        raise InputError(source.name, f"no HTML response records in this WARC ({summary})")


def _open(source: Source, data: bytes | None) -> BinaryIO:
    if data is not None:
        return io.BytesIO(data)
    if source.path is None:
        raise InputError(source.name, "a WARC from standard input must be read into memory")
    return Path(source.path).open("rb")


def _describe(record: object) -> str:
    rec_type = getattr(record, "rec_type", "unknown")
    if rec_type != "response":
        return str(rec_type)
    headers = getattr(record, "http_headers", None)
    content_type = headers.get_header("Content-Type", "") if headers else ""
    return (content_type or "unknown type").split(";")[0].strip().lower()


def _article(source: Source, settings: Settings, record: object, number: int) -> Article:
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    record_id = record_id.removeprefix("urn:uuid:") or f"{source.id}-{number}"
    where = f"{source.name}#{number}"
    body = record.content_stream().read(settings.max_input_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > settings.max_input_bytes:
        return failed(record_id, where, "record is over the input size limit (max_input_bytes)")
    content_type = record.http_headers.get_header("Content-Type", "")  # type: ignore[attr-defined]
    match = _CHARSET.search(content_type)
    try:
        html = decode(body, where, declared=match.group(1) if match else None)
    except InputError as exc:
        return failed(record_id, where, exc.reason)
    page = extract_page(html, url=url)
    if not page.text:
        return failed(record_id, where, "no article text found in this page")
    return Article(
        id=record_id,
        text=page.text,
        title=page.title,
        standfirst=page.standfirst,
        byline=page.byline,
        source=page.source,
        url=page.url or url,
        published=page.published,
        language=page.language,
        removed=page.removed,
        path=where,
    )
