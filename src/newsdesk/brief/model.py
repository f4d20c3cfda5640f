"""The cited brief of a story (``report.schema.json#/$defs/brief``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import Span


@dataclass(slots=True)
class CitedSentence:
    """A sentence of the brief and the source spans it rests on (at least one)."""

    text: str
    citations: list[Span]


@dataclass(slots=True)
class Card:
    title: str
    sentences: list[CitedSentence] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    name: str  # "What's happening", "Why it matters", "What's next", "Context", ...
    sentences: list[CitedSentence] = field(default_factory=list)


@dataclass(slots=True)
class Brief:
    headline: str | None = None
    cards: list[Card] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    key_players: list[dict[str, object]] = field(default_factory=list)  # entity id, name, roles
    timeline: list[dict[str, object]] = field(default_factory=list)  # date, sentence, citations
