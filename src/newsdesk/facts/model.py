"""What one article asserts, as spans into its fields (contract ``facts.schema.json``).

These types are the interface between the facts stage and everything after it
(compare, brief, check). Stages add information by building new objects
(``dataclasses.replace``), never by editing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from newsdesk.model import Article, Span

MentionType = Literal["person", "org", "place", "event", "other"]


def span_dict(article: Article, span: Span) -> dict[str, Any]:
    """The contract's ``span`` object: field, offsets and the exact slice."""
    return {
        "field": span.field,
        "start": span.start,
        "end": span.end,
        "text": article.slice(span),
    }


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span


@dataclass(frozen=True, slots=True)
class Mention:
    """A person, organisation or place named (or referred to by title) in an article."""

    span: Span
    type: MentionType
    role: str | None = None  # "Prime Minister", "President", normalised title case
    role_span: Span | None = None
    entity: str | None = None  # id of the resolved Entity, set by entity resolution
    # "name" = a proper name; "short" = a surname/short form resolved to an earlier full
    # name in the same article; "title" = a role used as a name ("the prime minister").
    form: Literal["name", "short", "title"] = "name"
    # The full name this mention stands for inside its article ("Park" -> "Park Min-jun",
    # "the prime minister" -> the holder named in the article); None when unknown.
    name: str | None = None


@dataclass(frozen=True, slots=True)
class DateFact:
    span: Span
    value: str | None  # ISO 8601 as precise as stated: "2031", "2031-03", "2031-03-04", "--03-04"
    weekday: str | None = None  # stated weekday, English name ("Tuesday")
    relative: bool = False  # resolved from "yesterday", "last October", ... against published
    weekday_mismatch: bool = False  # stated weekday contradicts the resolved full date


@dataclass(frozen=True, slots=True)
class NumberFact:
    span: Span
    value: float
    low: float | None  # None = unbounded below (not used in practice: counts start at 0)
    high: float | None  # None = unbounded above ("more than 180")
    unit: str | None = None  # unit or counted noun: "km", "USD", "workers"
    qualifier: str | None = None  # "more than", "about", "up to", ... as written
    # the named subject of the clause the figure is said in: whose figure it is
    subject: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span  # the quoted content (inside the marks for direct quotes)
    direct: bool
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: Span | None = None  # the cue verb or phrase: "said", "according to"
    # The name mention the speaker stands for (the antecedent of "he", or the speaker
    # itself); entity resolution reads speaker_entity from it.
    speaker_ref: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something reported as happening: the phrase, and where and when the sentence puts it."""

    phrase: Span
    place: Span | None = None
    date: Span | None = None
    sentence: Span | None = None


@dataclass(slots=True)
class ArticleFacts:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    numbers: list[NumberFact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """One real person, organisation or place across all articles of a story."""

    id: str
    name: str  # the spelling most independent sources use
    type: MentionType
    # variant spelling -> ids of the articles that use it, in first-seen order
    variants: dict[str, list[str]] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # roles attached anywhere, most common first


@dataclass(slots=True)
class StoryFacts:
    """Facts of every article of a story, with entities resolved across them."""

    articles: list[ArticleFacts]
    entities: list[Entity] = field(default_factory=list)

    def article_ids(self) -> list[str]:
        return [f.article.id for f in self.articles]

    def by_id(self) -> dict[str, ArticleFacts]:
        return {f.article.id: f for f in self.articles}

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None
