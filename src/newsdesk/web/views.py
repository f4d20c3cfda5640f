"""What the pages show, computed from a story report (``report.schema.json``).

Every HTML page and its JSON twin are built from the same functions here, so the two can
never drift apart. Nothing here renders HTML: text is cut into :class:`Segment` runs
that carry their highlights, and the templates (autoescaped) turn runs into markup, so
article text only ever reaches the page as escaped text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from newsdesk.model import FIELDS, Article, Story

Cell = Literal["states", "silent", "contradicts"]
CELL_LABELS: dict[Cell, str] = {
    "states": "states",
    "silent": "does not mention",
    "contradicts": "contradicts",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight over characters ``[start, end)`` of one text field."""

    start: int
    end: int
    kind: str  # "cite" (the sentence a citation points to) or "conflict"
    css: str  # extra CSS classes, e.g. the conflict severity
    label: str = ""  # tooltip: the conflict summary
    ref: str = ""  # what the mark links to (a conflict id)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same set of marks."""

    text: str
    marks: tuple[Mark, ...] = ()
    anchor: str = ""  # an HTML id: "cite" on the first run of the cited words

    @property
    def css(self) -> str:
        classes = {m.kind for m in self.marks}
        for mark in self.marks:
            classes.update(mark.css.split())
        return " ".join(sorted(classes))

    @property
    def label(self) -> str:
        return " | ".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.ref for m in self.marks if m.ref))


def segment_text(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each run knows which marks cover it.

    Marks may overlap (a cited sentence containing a conflicting date); offsets outside
    the text are clipped rather than trusted, since a report may come from elsewhere.
    """
    size = len(text)
    clipped = [m for m in (_clip(m, size) for m in marks) if m is not None and m.start < m.end]
    cuts = sorted({0, size, *(m.start for m in clipped), *(m.end for m in clipped)})
    runs: list[Segment] = []
    anchored = False
    for start, end in pairwise(cuts):
        covering = tuple(m for m in clipped if m.start <= start and m.end >= end)
        first_cited = not anchored and any(m.kind == "cite" for m in covering)
        anchored = anchored or first_cited
        runs.append(Segment(text[start:end], covering, "cite" if first_cited else ""))
    return runs


def _clip(mark: Mark, size: int) -> Mark | None:
    start, end = max(0, mark.start), min(size, mark.end)
    if start >= end:
        return None
    if (start, end) == (mark.start, mark.end):
        return mark
    return Mark(start, end, mark.kind, mark.css, mark.label, mark.ref)


# ----------------------------------------------------------------------------- links


def article_href(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def story_href(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def citation_href(evidence: dict[str, Any], story_id: str | None = None) -> str:
    """Where a citation opens: its article, with the cited words highlighted."""
    # Built by hand rather than with urlencode: a story page has hundreds of these and
    # urlencode was a quarter of its rendering time; only the ids need quoting.
    story = f"story={quote(story_id, safe='')}&" if story_id else ""
    return (
        f"{article_href(str(evidence['article']))}?{story}field={quote(str(evidence['field']))}"
        f"&start={int(evidence['start'])}&end={int(evidence['end'])}#cite"
    )


# ------------------------------------------------------------------------ story list


def article_label(article: dict[str, Any] | Article) -> str:
    """How a column or a citation names an article: its outlet, its site, else its id.

    Ids made from file names carry long hashes, so they are cut to a readable prefix
    (the full id is in the link and its tooltip).
    """
    record = article.to_extract_record() if isinstance(article, Article) else article
    if record.get("source"):
        return str(record["source"])
    host = urlsplit(str(record.get("url") or "")).hostname
    if host:
        return host.removeprefix("www.")
    article_id = str(record.get("id"))
    return article_id if len(article_id) <= 14 else article_id[:12] + "…"


def story_title(story: Story, report: dict[str, Any] | None) -> str:
    if report and (report.get("brief") or {}).get("headline"):
        return str(report["brief"]["headline"])
    if story.title:
        return story.title
    for article in story.articles:
        if article.title:
            return article.title
    return story.id


def story_summary(story: Story, report: dict[str, Any] | None) -> dict[str, Any]:
    """One row of the stories page and of ``/stories.json``."""
    conflicts = (report or {}).get("conflicts") or []
    published = [a.published for a in story.articles if a.published]
    return {
        "id": story.id,
        "title": story_title(story, report),
        "articles": len(story.articles),
        "sources": len({a.source or a.id for a in story.articles}),
        "conflicts": len(conflicts),
        "serious_conflicts": sum(1 for c in conflicts if c.get("severity") in ("high", "medium")),
        "newest": max(published) if published else None,
        "analysed": report is not None,
        "href": story_href(story.id),
    }


def matches(story: Story, summary: dict[str, Any], query: str) -> bool:
    """Every word of the query occurs in the title, an outlet, a headline or a text."""
    words = query.casefold().split()
    if not words:
        return True
    haystack = " ".join(
        [summary["title"]]
        + [
            f"{a.source or ''} {a.title or ''} {a.standfirst or ''} {a.text}"
            for a in story.articles
        ]
    ).casefold()
    return all(word in haystack for word in words)


def newest_first(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # ISO 8601 strings sort chronologically; undated stories go last, ties by id so that
    # the order is stable between requests.
    dated = sorted((s for s in summaries if s["newest"]), key=lambda s: s["id"])
    dated.sort(key=lambda s: s["newest"], reverse=True)
    undated = sorted((s for s in summaries if not s["newest"]), key=lambda s: s["id"])
    return dated + undated


# ---------------------------------------------------------------------- comparison


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["article"] == b["article"]
        and a["field"] == b["field"]
        and a["start"] < b["end"]
        and b["start"] < a["end"]
    )


def comparison_matrix(report: dict[str, Any]) -> dict[str, Any]:
    """Claims x articles: does each article state the claim, not mention it, or contradict it?

    A conflict bears on a claim when one of its variants' evidence overlaps the claim's
    evidence; the articles holding the *other* variants of that conflict contradict the
    claim (unless they also state it themselves).
    """
    articles = report.get("articles") or []
    columns = [{"article": a["id"], "label": article_label(a)} for a in articles]
    conflicts = report.get("conflicts") or []
    rows = []
    claims = sorted(
        report.get("claims") or [], key=lambda c: (-len(c.get("articles") or []), c["id"])
    )
    for claim in claims:
        stating = {e["article"]: e for e in claim.get("evidence") or []}
        for article_id in claim.get("articles") or []:
            stating.setdefault(article_id, {})
        against: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        for conflict in conflicts:
            variants = conflict.get("variants") or []
            held = [
                v
                for v in variants
                if any(_overlaps(e, c) for e in v.get("evidence") or [] for c in claim["evidence"])
            ]
            if not held:
                continue
            for variant in variants:
                if variant in held:
                    continue
                for evidence in variant.get("evidence") or []:
                    against.setdefault(evidence["article"], (conflict, evidence))
        cells = []
        for column in columns:
            article_id = column["article"]
            if article_id in stating:
                evidence = stating[article_id] or None
                cells.append(_cell("states", evidence))
            elif article_id in against:
                conflict, evidence = against[article_id]
                cells.append(_cell("contradicts", evidence, conflict))
            else:
                cells.append(_cell("silent"))
        rows.append(
            {
                "claim": claim["id"],
                "text": claim["text"],
                "independent_sources": claim.get("independent_sources"),
                "cells": cells,
            }
        )
    return {"columns": columns, "rows": rows}


def evidence_by_article(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A variant's evidence, one entry per article (its first span, and how many)."""
    grouped: dict[str, dict[str, Any]] = {}
    for item in evidence:
        entry = grouped.setdefault(item["article"], {"evidence": item, "count": 0})
        entry["count"] += 1
    return [{"article": a, **entry} for a, entry in grouped.items()]


def _cell(
    state: Cell, evidence: dict[str, Any] | None = None, conflict: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "state": state,
        "label": CELL_LABELS[state],
        "evidence": evidence,
        "conflict": {"id": conflict["id"], "summary": conflict["summary"]} if conflict else None,
    }


def derivations(report: dict[str, Any]) -> list[dict[str, str]]:
    """Which article appears to rewrite or copy which."""
    labels = {a["id"]: article_label(a) for a in report.get("articles") or []}
    found = []
    for article in report.get("articles") or []:
        source = article.get("derived_from")
        if source:
            found.append(
                {
                    "article": article["id"],
                    "label": labels[article["id"]],
                    "derived_from": source,
                    "source_label": labels.get(source, source),
                }
            )
    return found


def conflict_marks(report: dict[str, Any], article_id: str, field: str) -> list[Mark]:
    """The conflicts' evidence inside one field of one article, as highlights."""
    marks = []
    for conflict in report.get("conflicts") or []:
        wrong = conflict.get("likely_error") or {}
        for variant in conflict.get("variants") or []:
            is_error = article_id in (wrong.get("articles") or []) and variant.get(
                "value"
            ) == wrong.get("value")
            css = f"severity-{conflict.get('severity', 'low')}" + (
                " likely-error" if is_error else ""
            )
            label = f"{conflict['summary']} This source: {variant.get('value', '')}"
            for evidence in variant.get("evidence") or []:
                if evidence["article"] == article_id and evidence["field"] == field:
                    marks.append(
                        Mark(
                            evidence["start"],
                            evidence["end"],
                            "conflict",
                            css,
                            label,
                            conflict["id"],
                        )
                    )
    return marks


def article_fields(
    article: dict[str, Any] | Article,
    report: dict[str, Any] | None,
    cite: dict[str, Any] | None = None,
) -> dict[str, list[Segment]]:
    """Each text field of an article cut into runs, conflicts and the citation marked."""
    record = article.to_extract_record() if isinstance(article, Article) else article
    out: dict[str, list[Segment]] = {}
    for field in FIELDS:
        text = record.get(field) or ""
        if not text:
            continue
        marks = conflict_marks(report, record["id"], field) if report else []
        if cite and cite["field"] == field:
            marks.append(Mark(cite["start"], cite["end"], "cite", ""))
        out[field] = segment_text(text, marks)
    return out


# --------------------------------------------------------------------------- brief


def _sentence(item: Any) -> dict[str, Any] | None:
    """A cited sentence, from the shapes the brief's optional lists may use."""
    if isinstance(item, str):
        return {"text": item, "citations": []}
    if not isinstance(item, dict):
        return None
    inner = item.get("sentence")
    if isinstance(inner, dict):
        return _sentence(inner)
    text = item.get("text") or (inner if isinstance(inner, str) else None)
    if not text:
        return None
    return {"text": str(text), "citations": list(item.get("citations") or [])}


def key_players(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The optional ``key_players`` list, reduced to name, roles and citations."""
    players = []
    for item in brief.get("key_players") or []:
        if not isinstance(item, dict) or not (item.get("name") or item.get("entity")):
            continue
        roles = item.get("roles", item.get("role")) or []
        if isinstance(roles, str):
            roles = [roles]
        sentences = [s for s in (_sentence(r) for r in roles) if s]
        citations = list(item.get("citations") or item.get("mentions") or [])
        count = item.get("articles")
        players.append(
            {
                "name": str(item.get("name") or item.get("entity")),
                "type": item.get("type"),
                "roles": sentences,
                "citations": citations,
                # how many reports name them, when the brief says (a count or a list)
                "reports": len(count) if isinstance(count, list) else count,
            }
        )
    return players


def timeline(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The optional ``timeline`` list, as (date, cited sentence) entries."""
    entries = []
    for item in brief.get("timeline") or []:
        sentence = _sentence(item)
        if sentence and isinstance(item, dict):
            entries.append({"date": str(item.get("date") or ""), **sentence})
    return entries
