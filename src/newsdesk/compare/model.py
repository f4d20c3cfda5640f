"""Claims lined up across sources, and the conflicts between them (``report.schema.json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsdesk.model import Span

ConflictKind = Literal["date", "number", "name", "place", "headline", "quote", "other"]
Severity = Literal["high", "medium", "low"]


@dataclass(slots=True)
class Claim:
    """One thing stated by one or more articles; ``text`` is the first evidence quoted exactly."""

    id: str
    evidence: list[Span]  # one span per stating article (sentence or clause)
    independent_sources: int = 1

    @property
    def articles(self) -> list[str]:
        seen: list[str] = []
        for span in self.evidence:
            if span.article not in seen:
                seen.append(span.article)
        return seen


@dataclass(slots=True)
class Variant:
    value: str
    evidence: list[Span]

    @property
    def articles(self) -> list[str]:
        seen: list[str] = []
        for span in self.evidence:
            if span.article not in seen:
                seen.append(span.article)
        return seen


@dataclass(slots=True)
class LikelyError:
    articles: list[str]
    value: str
    reason: str  # one sentence: outvoted by independent sources, contradicts itself, calendar...


@dataclass(slots=True)
class Conflict:
    id: str
    kind: ConflictKind
    summary: str
    severity: Severity
    variants: list[Variant]
    likely_error: LikelyError | None = None


@dataclass(slots=True)
class Comparison:
    """What the compare stage adds to a story."""

    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    derived_from: dict[str, str] = field(default_factory=dict)  # article id -> source article id
