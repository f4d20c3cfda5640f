"""The data model every stage shares.

An :class:`Article` holds immutable text fields (``title``, ``standfirst``, ``text``).
Everything a later stage finds in it -- mentions, dates, quotes, claims, citations,
conflicts -- points back into those fields with a :class:`Span`, never with a copy, so
any text shown to a reader is sliced from the source at render time.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Field = Literal["title", "standfirst", "text"]
FIELDS: tuple[Field, ...] = get_args(Field)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``[start, end)`` of one field of one article."""

    article: str
    field: Field
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.field not in FIELDS:
            raise ValueError(f"unknown article field {self.field!r}; expected one of {FIELDS}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    def shifted(self, start: int, end: int) -> Span:
        """A sub-span, with offsets relative to this span's start."""
        return Span(self.article, self.field, self.start + start, self.start + end)


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned report. Text fields never change once built.

    ``error`` is set (and ``text`` empty) for an input that could not be read, so that a
    batch keeps one record per input and nothing is silently lost.
    """

    id: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    path: str | None = None
    error: str | None = None
    duplicate_of: str | None = None
    # Lines or blocks the ingester dropped as site chrome, kept so a reader can audit them.
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def get(self, name: Field) -> str:
        """The named text field, ``""`` when absent."""
        if name not in FIELDS:
            raise ValueError(f"unknown article field {name!r}")
        return getattr(self, name) or ""

    def slice(self, span: Span) -> str:
        if span.article != self.id:
            raise ValueError(f"span of article {span.article!r} sliced on {self.id!r}")
        return self.get(span.field)[span.start : span.end]

    def evidence(self, span: Span) -> dict[str, Any]:
        """The contract's ``evidence`` object for a span of this article."""
        return {
            "article": self.id,
            "field": span.field,
            "start": span.start,
            "end": span.end,
            "text": self.slice(span),
        }

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    def to_extract_record(self) -> dict[str, Any]:
        """One line of ``newsdesk extract`` (contract ``extract.schema.json``)."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "standfirst": self.standfirst,
            "byline": self.byline,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "error": self.error,
            "duplicate_of": self.duplicate_of,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_extract_record` (extra keys are ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in record.items() if k in names}
        for key in ("removed", "warnings"):
            if key in values:
                values[key] = tuple(values[key] or ())
        values.setdefault("text", "")
        return cls(**values)


def evidence_dict(articles: dict[str, Article], span: Span) -> dict[str, Any]:
    """Evidence for a span, looked up among a story's articles."""
    return articles[span.article].evidence(span)


@dataclass(slots=True)
class Story:
    """Articles that report one event, in input order."""

    id: str
    articles: list[Article] = field(default_factory=list)
    title: str | None = None

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}
