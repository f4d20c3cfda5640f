"""The facts of a story as the contract's JSON (``facts.schema.json``).

Every span carries the exact slice of its article's field, taken at render time.
"""

from __future__ import annotations

from typing import Any

from newsdesk.facts.model import ArticleFacts, StoryFacts, span_dict
from newsdesk.model import Span


def _article_dict(af: ArticleFacts) -> dict[str, Any]:
    art = af.article

    def sp(span: Span | None) -> dict[str, Any] | None:
        return span_dict(art, span) if span is not None else None

    return {
        "id": art.id,
        "published": art.published,
        "sentences": [span_dict(art, s.span) for s in af.sentences],
        "mentions": [
            {**span_dict(art, m.span), "type": m.type, "entity": m.entity, "role": m.role,
             "form": m.form, "name": m.name}
            for m in af.mentions
        ],
        "dates": [
            {**span_dict(art, d.span), "value": d.value, "weekday": d.weekday,
             "relative": d.relative, "weekday_mismatch": d.weekday_mismatch}
            for d in af.dates
        ],
        "numbers": [
            {**span_dict(art, n.span), "value": n.value, "low": n.low, "high": n.high,
             "unit": n.unit, "qualifier": n.qualifier, "subject": sp(n.subject)}
            for n in af.numbers
        ],
        "quotes": [
            {**span_dict(art, q.span), "direct": q.direct, "speaker": sp(q.speaker),
             "speaker_entity": q.speaker_entity, "cue": sp(q.cue)}
            for q in af.quotes
        ],
        "events": [
            {"phrase": sp(e.phrase), "place": sp(e.place), "date": sp(e.date)}
            for e in af.events
        ],
    }


def facts_to_dict(story_facts: StoryFacts) -> dict[str, Any]:
    """``{"version": 1, "articles": [...], "entities": [...]}`` for ``newsdesk facts --json``."""
    return {
        "version": 1,
        "articles": [_article_dict(af) for af in story_facts.articles],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "roles": e.roles,
             "variants": [{"text": t, "articles": ids} for t, ids in e.variants.items()]}
            for e in story_facts.entities
        ],
    }
