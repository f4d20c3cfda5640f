"""RSS and Atom feeds (feedparser): each entry becomes an article.

An entry that carries its full content (``content:encoded``, Atom ``content``) is read
from the feed. An entry that carries only a link is read from the HTML page it links to
when that page is among the inputs of the same run; newsdesk never fetches a URL, so an
entry whose link leads to no input gets an error record saying so.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from time import strftime
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser
from resiliparse.extract.html2text import extract_plain_text

from newsdesk.errors import InputError
from newsdesk.ingest.records import failed
from newsdesk.ingest.sources import Source
from newsdesk.model import Article


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """An entry whose text must come from a linked page read in the same run."""

    article: Article  # metadata from the feed; text empty
    link: str
    feed_dir: Path | None
    summary_words: int


def read_feed(source: Source, data: bytes) -> list[Article | FeedEntry]:
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({str(why).splitlines()[0]})" if why else ""
        raise InputError(source.name, f"not a readable RSS/Atom feed, or no entries{detail}")
    outlet = _text(parsed.feed.get("title"))
    items: list[Article | FeedEntry] = []
    for number, entry in enumerate(parsed.entries, start=1):
        items.append(_entry(source, entry, number, outlet))
    return items


def _entry(source: Source, entry: Any, number: int, outlet: str | None) -> Article | FeedEntry:
    link = entry.get("link") or ""
    own = entry.get("id") or link
    article_id = own or f"{source.id}-{hashlib.sha1(repr(entry).encode()).hexdigest()[:12]}"
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    article = Article(
        id=str(article_id),
        text="",
        title=_text(entry.get("title")),
        byline=_text(entry.get("author")),
        source=outlet,
        url=link or None,
        published=strftime("%Y-%m-%d", published) if published else None,
        path=f"{source.name}#{number}",
    )
    content = entry.get("content") or []
    full = "\n\n".join(_html_text(c.get("value", "")) for c in content if c.get("value"))
    if full.strip():
        return article.replace(text=full.strip())
    summary = _html_text(entry.get("summary", ""))
    if link:
        return FeedEntry(
            article, link, source.path.parent if source.path else None, len(summary.split())
        )
    return failed(
        article.id, article.path or source.name, "feed entry has neither content nor a link"
    )


def resolve_entry(entry: FeedEntry, pages: list[Article]) -> Article:
    """The linked page's text under the entry's metadata, or an error naming the link."""
    target = _match(entry, pages)
    if target is None:
        note = f" and only a {entry.summary_words}-word summary" if entry.summary_words else ""
        return failed(
            entry.article.id,
            entry.article.path or "",
            f"entry links to {entry.link}, which is not among the inputs{note} "
            "(newsdesk never fetches URLs; pass the saved page too)",
        )
    a = entry.article
    return a.replace(
        text=target.text,
        title=a.title or target.title,
        standfirst=target.standfirst,
        byline=a.byline or target.byline,
        source=a.source or target.source,
        published=a.published or target.published,
        language=target.language,
    )


def _match(entry: FeedEntry, pages: list[Article]) -> Article | None:
    link = entry.link.strip()
    split = urlsplit(link)
    readable = [p for p in pages if p.ok and p.text]
    # 1. the page's own (canonical) URL
    for page in readable:
        if page.url and page.url.rstrip("/") == link.rstrip("/"):
            return page
    # 2. a relative or file: link to a file given in the run
    if split.scheme in ("", "file"):
        base = entry.feed_dir or Path.cwd()
        target = (base / unquote(split.path)).resolve()
        for page in readable:
            if page.path and Path(page.path).resolve() == target:
                return page
    # 3. a saved copy named after the link's last path segment, when only one fits
    stem = Path(unquote(split.path)).name.split(".")[0]
    if stem:
        same = [p for p in readable if p.path and Path(p.path).name.split(".")[0] == stem]
        if len(same) == 1:
            return same[0]
    return None


def _html_text(fragment: str) -> str:
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return " ".join(fragment.split())
    text = extract_plain_text(fragment, main_content=False, alt_texts=False, links=False)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _text(value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None
