"""An index over a story's facts that the aligner and the conflict detectors share.

The facts stage gives per-article lists; comparing sources needs them per sentence
("which numbers does this sentence state?") and per article ("is this name anywhere in
the body?"). :class:`StoryView` builds those lookups once per story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.facts.model import (
    ArticleFacts,
    DateFact,
    Mention,
    NumberFact,
    Quote,
    StoryFacts,
)
from newsdesk.model import Article, Span

_WORD = re.compile(r"\w+", re.UNICODE)


def inside(inner: Span, outer: Span) -> bool:
    """True when ``inner`` lies within ``outer`` (same article and field)."""
    return (
        inner.article == outer.article
        and inner.field == outer.field
        and outer.start <= inner.start
        and inner.end <= outer.end
    )


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """One sentence (or a whole title/standfirst) and the facts stated inside it."""

    span: Span
    text: str
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateFact, ...] = ()
    numbers: tuple[NumberFact, ...] = ()
    quotes: tuple[Quote, ...] = ()

    @property
    def article(self) -> str:
        return self.span.article


def _field_sentences(facts: ArticleFacts) -> list[Span]:
    """The facts stage's sentences, plus the title and standfirst when it gave none there.

    A headline is one statement even without a full stop, and the headline and standfirst
    detectors need them as units of their own.
    """
    article = facts.article
    spans = [s.span for s in facts.sentences if s.span.article == article.id]
    for name in ("title", "standfirst"):
        value = article.get(name)  # type: ignore[arg-type]
        if value.strip() and not any(s.field == name for s in spans):
            lead = len(value) - len(value.lstrip())
            spans.append(Span(article.id, name, lead, len(value.rstrip())))  # type: ignore[arg-type]
    order = {"title": 0, "standfirst": 1, "text": 2}
    return sorted(spans, key=lambda s: (order[s.field], s.start))


def _sentence_facts(facts: ArticleFacts, span: Span) -> SentenceFacts:
    return SentenceFacts(
        span=span,
        text=facts.article.slice(span),
        mentions=tuple(m for m in facts.mentions if inside(m.span, span)),
        dates=tuple(d for d in facts.dates if inside(d.span, span)),
        numbers=tuple(n for n in facts.numbers if inside(n.span, span)),
        quotes=tuple(q for q in facts.quotes if inside(q.span, span)),
    )


@dataclass(slots=True)
class StoryView:
    """Per-sentence facts of every article of a story, and who copies whom."""

    facts: StoryFacts
    sentences: list[SentenceFacts] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    # article id -> the article it appears to copy or rewrite (filled by derivation)
    derived_from: dict[str, str] = field(default_factory=dict)
    # the copies of ``derived_from`` that publication times show to be the later one; of
    # the others it is unknown which of the two changed a fact
    directed: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, facts: StoryFacts) -> StoryView:
        sentences: list[SentenceFacts] = []
        for art in facts.articles:
            if not art.article.ok:
                continue
            sentences.extend(_sentence_facts(art, span) for span in _field_sentences(art))
        return cls(
            facts=facts,
            sentences=sentences,
            articles={f.article.id: f.article for f in facts.articles if f.article.ok},
        )

    def article_order(self) -> list[str]:
        return list(self.articles)

    def of_article(self, article_id: str) -> list[SentenceFacts]:
        return [s for s in self.sentences if s.article == article_id]

    def text_of(self, span: Span) -> str:
        return self.articles[span.article].slice(span)

    def independent(self, article_ids: list[str] | set[str]) -> list[str]:
        """The articles of ``article_ids`` that are not copies of another one among them."""
        return independent_of(article_ids, self.derived_from)

    def known_source(self, article_id: str) -> str | None:
        """The article ``article_id`` copies, where the evidence says which of the two is
        the copy (see ``directed``); None otherwise."""
        return self.derived_from.get(article_id) if article_id in self.directed else None

    def body_words(self, article_id: str) -> set[str]:
        """Lower-cased words of the standfirst and body (what a headline must agree with)."""
        art = self.articles[article_id]
        words = _WORD.findall(f"{art.get('standfirst')} {art.get('text')}".lower())
        return set(words)


def independent_of(article_ids: list[str] | set[str], derived_from: dict[str, str]) -> list[str]:
    """The articles of ``article_ids`` that are not copies (``derived_from``: copy ->
    source) of another one among them.

    A copy of an article outside the list still counts: it is then the only carrier of
    that statement among the given articles.
    """
    ids = list(dict.fromkeys(article_ids))
    chosen = set(ids)
    keep = []
    for aid in ids:
        source = derived_from.get(aid)
        seen: set[str] = set()
        while source is not None and source not in chosen and source not in seen:
            seen.add(source)
            source = derived_from.get(source)
        if source is None or source not in chosen:
            keep.append(aid)
    return keep
