"""JSON and JSON Lines: records with any of id, title, text or html, url, source, published.

Field names vary between exporters, so a few common aliases are accepted (``body`` and
``content`` for the text, ``headline`` for the title, ``date`` for the published date).
A record with HTML runs through the same extraction cascade as an HTML file; a record's
own fields win over what the cascade finds in its HTML.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest.html import extract_page
from newsdesk.ingest.sources import Source, iter_lines
from newsdesk.model import Article

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "uuid", "guid", "doc_id"),
    "title": ("title", "headline"),
    "standfirst": ("standfirst", "dek", "subtitle", "description"),
    "byline": ("byline", "author", "authors"),
    "text": ("text", "body", "content", "maintext", "article"),
    "html": ("html", "raw_html", "content_html"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "outlet", "site", "sitename", "publisher", "source_domain"),
    "published": ("published", "date", "date_publish", "published_at", "pubdate", "datetime"),
    "language": ("language", "lang"),
}


def read_json(source: Source, text: str) -> list[Article]:
    """A JSON document: one record, or a list of records."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source.name, f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(value, dict) and not _field(value, "text") and not _field(value, "html"):
        # An export wrapper such as {"articles": [...]}: the one list inside it.
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            value = lists[0]
    records = value if isinstance(value, list) else [value]
    single = len(records) == 1
    return [
        record_article(source, record, f"{source.name}#{n}", single=single)
        for n, record in enumerate(records, start=1)
    ]


def read_jsonl(source: Source, data: bytes) -> Iterator[Article]:
    """JSON Lines: one record per line; a bad line gets its own error record."""
    for number, line in iter_lines(data):
        where = f"{source.name}#{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            yield failed(f"{source.id}-line{number}", where, f"invalid JSON line ({reason})")
            continue
        yield record_article(source, record, where, single=False)


def record_article(source: Source, record: Any, where: str, *, single: bool) -> Article:
    """One record to an article (or to an error record naming it)."""
    if not isinstance(record, dict):
        name = type(record).__name__
        return failed(_fallback_id(source, where), where, f"record is a JSON {name}, not an object")
    own_id = _field(record, "id")
    article_id = (
        str(own_id)
        if own_id is not None
        else (source.id if single else _fallback_id(source, json.dumps(record, sort_keys=True)))
    )
    text = _field(record, "text")
    html = _field(record, "html")
    values: dict[str, Any] = {}
    if isinstance(html, str) and html.strip():
        page = extract_page(html, url=_str(_field(record, "url")))
        values = {
            "text": page.text,
            "title": page.title,
            "standfirst": page.standfirst,
            "byline": page.byline,
            "source": page.source,
            "url": page.url,
            "published": page.published,
        }
    if isinstance(text, str) and text.strip():
        values["text"] = text.strip()
    if not values.get("text"):
        return failed(article_id, where, "record has no text (neither a text nor an html field)")
    for key in ("title", "standfirst", "byline", "url", "source", "published", "language"):
        value = _str(_field(record, key))
        if value:
            values[key] = value
    return Article(id=article_id, path=where, **values)


def failed(article_id: str, where: str, reason: str) -> Article:
    return Article(id=article_id, text="", path=where, error=f"{where}: {reason}")


def _field(record: dict[str, Any], name: str) -> Any:
    for key in _ALIASES[name]:
        if record.get(key) not in (None, "", []):
            return record[key]
    return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # authors: ["A", "B"]
        value = ", ".join(str(v) for v in value if v)
    if isinstance(value, dict):  # source: {"name": ...}
        value = value.get("name") or value.get("title") or ""
    text = " ".join(str(value).split())
    return text or None


def _fallback_id(source: Source, content: str) -> str:
    # Stable across runs and input order: derived from the record itself.
    return f"{source.id}-{hashlib.sha1(content.encode('utf-8', 'replace')).hexdigest()[:12]}"
