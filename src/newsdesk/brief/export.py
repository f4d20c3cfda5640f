"""The brief as the contract's JSON (``report.schema.json#/$defs/brief``)."""

from __future__ import annotations

from typing import Any

from newsdesk.brief.model import Brief, CitedSentence
from newsdesk.model import Article, Span


def _evidence(spans: list[Span], articles_by_id: dict[str, Article]) -> list[dict[str, Any]]:
    return [articles_by_id[s.article].evidence(s) for s in spans if s.article in articles_by_id]


def cited_dict(sentence: CitedSentence, articles_by_id: dict[str, Article]) -> dict[str, Any]:
    return {"text": sentence.text, "citations": _evidence(sentence.citations, articles_by_id)}


def brief_to_dict(brief: Brief, articles_by_id: dict[str, Article]) -> dict[str, Any]:
    """Every citation rendered as evidence sliced from its article at this moment."""
    players = []
    for p in brief.key_players:
        entry = {k: v for k, v in p.items() if k != "citations"}
        entry["citations"] = _evidence(list(p.get("citations", [])), articles_by_id)  # type: ignore[call-overload]
        players.append(entry)
    timeline = []
    for t in brief.timeline:
        timeline.append({
            "date": t["date"],
            "text": t["text"],
            "citations": _evidence(list(t["citations"]), articles_by_id),  # type: ignore[call-overload]
        })
    return {
        "headline": brief.headline,
        "cards": [{"title": c.title, "sentences": [cited_dict(s, articles_by_id)
                                                   for s in c.sentences]} for c in brief.cards],
        "sections": [{"name": s.name, "sentences": [cited_dict(x, articles_by_id)
                                                    for x in s.sentences]}
                     for s in brief.sections],
        "key_players": players,
        "timeline": timeline,
    }
