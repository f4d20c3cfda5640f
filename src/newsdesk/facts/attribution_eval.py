"""Scoring direct quotations against attribution annotations in brat standoff (PolNeAR).

The gold items are the *direct-quotation* contents: each fragment of a Content span
that is wholly inside quotation marks (a content interrupted by "she said" has two
fragments; each is scored). A predicted direct quote matches a gold fragment when
their overlap covers at least half of the gold fragment (the corpus README's rule).
Predicted quotes lying wholly inside a gold content that is *not* a direct quotation
(a phrase quoted within a paraphrase) are outside what the metric scores and are left
out of precision. Speaker accuracy: among matched quotes, the share whose speaker span
overlaps the gold Source span of that attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.facts.model import Quote

_QUOTE_OPEN = "\"“”'‘"
_QUOTE_CLOSE = "\"”“'’"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]  # fragments
    source: tuple[tuple[int, int], ...]
    direct: tuple[bool, ...]  # per fragment: wholly a direct quotation


@dataclass(slots=True)
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    per_article: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


def _frags(spec: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def is_direct(text: str) -> bool:
    """A fragment that is wholly a quotation: opens and closes with quotation marks."""
    t = text.strip().rstrip(",.;:—–- ")
    return len(t) >= 2 and t[0] in _QUOTE_OPEN and t[-1] in _QUOTE_CLOSE


def read_ann(ann: Path, text: str) -> list[GoldAttribution]:
    """Attributions of one brat file (Content, Source and the relation tying them)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            kind, _, spec = cols[1].partition(" ")
            spans[cols[0]] = (kind, _frags(spec))
        elif cols[0].startswith("E"):
            roles = dict(part.split(":", 1) for part in cols[1].split())
            relations.append(roles)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""), ("Source", ()))[1]
        frags = content[1]
        out.append(GoldAttribution(frags, source,
                                   tuple(is_direct(text[a:b]) for a, b in frags)))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_article(article_id: str, gold: list[GoldAttribution], quotes: list[Quote],
                  total: Score) -> None:
    """Add one article's counts to ``total`` (quotes: the article's predicted quotes)."""
    predicted = [q for q in quotes if q.direct and q.span.field == "text"]
    targets = [(frag, g) for g in gold for frag, d in zip(g.content, g.direct) if d]
    others = [frag for g in gold for frag, d in zip(g.content, g.direct) if not d]
    used: set[int] = set()
    matched = speaker_right = 0
    counted = 0
    for q in predicted:
        span = (q.span.start, q.span.end)
        hit = None
        for k, (frag, g) in enumerate(targets):
            if k not in used and _overlap(span, frag) * 2 >= frag[1] - frag[0]:
                hit = k
                break
        if hit is None:
            if any(o[0] <= span[0] and span[1] <= o[1] for o in others):
                continue  # a phrase quoted inside a paraphrase: not scored
            counted += 1
            continue
        counted += 1
        used.add(hit)
        matched += 1
        g = targets[hit][1]
        if q.speaker is not None and any(
            _overlap((q.speaker.start, q.speaker.end), s) > 0 for s in g.source
        ):
            speaker_right += 1
    total.gold += len(targets)
    total.predicted += counted
    total.matched += matched
    total.speaker_right += speaker_right
    total.per_article.append((article_id, len(targets), counted, matched))


def polnear_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of a PolNeAR compartment; one annotator per article
    (the first by name) where several annotated it."""
    pairs = []
    anns = sorted((folder / "attributions").glob("*.ann"))
    for text in sorted((folder / "text").glob("*.txt")):
        match = [a for a in anns if re.fullmatch(re.escape(text.stem) + r"_[0-9a-f]+", a.stem)]
        if match:
            pairs.append((text, match[0]))
    return pairs
