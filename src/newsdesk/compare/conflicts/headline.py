"""Headline conflicts: a person or number in a headline that the article's own body never
mentions, while the body names someone else in that role (or gives another figure).

The article contradicts itself, so it is the likely error whatever other reports say.
"""

from __future__ import annotations

from collections import Counter

from newsdesk.compare.conflicts.base import Context, Finding, Side
from newsdesk.compare.conflicts.numbers import same_unit
from newsdesk.compare.model import LikelyError
from newsdesk.compare.names import compare_names, name_tokens
from newsdesk.compare.view import SentenceFacts
from newsdesk.facts.model import Mention
from newsdesk.model import Span


def detect_headlines(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for article_id in ctx.view.article_order():
        sentences = ctx.view.of_article(article_id)
        titles = [s for s in sentences if s.span.field == "title"]
        body = [s for s in sentences if s.span.field != "title"]
        if not titles or not body:
            continue
        findings.extend(_people(ctx, article_id, titles, body))
        findings.extend(_numbers(ctx, article_id, titles, body))
    return findings


def _mentioned_anywhere(ctx: Context, name: str, article_id: str, body_words: set[str]) -> bool:
    """Whether a headline name has any footing in the body (or another report's body)."""
    tokens = [t for t in name_tokens(name) if len(t) > 2]
    if any(t in body_words for t in tokens):
        return True
    for s in ctx.view.sentences:
        if s.span.field == "title":
            continue
        for m in s.mentions:
            if m.type == "person" and compare_names(name, ctx.view.text_of(m.span)) != "different":
                return True
    return False


def _people(
    ctx: Context, article_id: str, titles: list[SentenceFacts], body: list[SentenceFacts]
) -> list[Finding]:
    body_words = {w for w in ctx.view.body_words(article_id)}
    title_people = [m for s in titles for m in s.mentions if m.type == "person"]
    body_people = [m for s in body for m in s.mentions if m.type == "person" and m.form != "title"]
    findings = []
    title_names = [ctx.view.text_of(m.span) for m in title_people]
    for mention, name in zip(title_people, title_names):
        if _mentioned_anywhere(ctx, name, article_id, body_words):
            continue
        rival = _rival(ctx, mention, body_people, title_names)
        if rival is None:
            continue
        rival_name, rival_spans = rival
        summary = (
            f"The headline of {article_id} names {name}, whom its own body never mentions; "
            f"the body gives {rival_name} in that role."
        )
        findings.append(
            Finding(
                kind="headline",
                key=f"headline:{article_id}:{name}",
                what="who the story is about",
                sides=[Side(name, [mention.span]), Side(rival_name, rival_spans)],
                severity="high",
                blame=LikelyError(
                    [article_id],
                    name,
                    f"Contradicts itself: its body never mentions {name} and names "
                    f"{rival_name} instead.",
                ),
                summary=summary,
            )
        )
    return findings


def _rival(
    ctx: Context, mention: Mention, body_people: list[Mention], title_names: list[str]
) -> tuple[str, list[Span]] | None:
    """The body's person in the headline person's role: same role if stated, else the
    most mentioned person the headline leaves out."""
    def in_title(name: str) -> bool:
        return any(compare_names(name, t) in ("same", "variant") for t in title_names)

    candidates = [m for m in body_people if not in_title(ctx.view.text_of(m.span))]
    if mention.role:
        same_role = [m for m in candidates if m.role and m.role.lower() == mention.role.lower()]
        candidates = same_role or candidates
    if not candidates:
        return None
    counts = Counter(_person_key(ctx, m) for m in candidates)
    best, _count = counts.most_common(1)[0]
    chosen = [m for m in candidates if _person_key(ctx, m) == best]
    longest = max((ctx.view.text_of(m.span) for m in chosen), key=len)
    return longest, [m.span for m in chosen]


def _person_key(ctx: Context, mention: Mention) -> str:
    if mention.entity:
        return mention.entity
    tokens = name_tokens(ctx.view.text_of(mention.span))
    return tokens[-1] if tokens else ""


def _numbers(
    ctx: Context, article_id: str, titles: list[SentenceFacts], body: list[SentenceFacts]
) -> list[Finding]:
    findings = []
    body_numbers = [n for s in body for n in s.numbers]
    for s in titles:
        for n in s.numbers:
            if not n.unit:
                continue
            peers = [b for b in body_numbers if same_unit(n.unit, b.unit)]
            if not peers or any(b.value == n.value for b in peers):
                continue
            lo, hi = n.low if n.low is not None else n.value, n.high
            if any((hi is None or b.value <= hi) and b.value >= lo for b in peers):
                continue
            text = ctx.view.text_of(n.span)
            findings.append(
                Finding(
                    kind="headline",
                    key=f"headline:{article_id}:{text}",
                    what=f"the number of {n.unit}",
                    sides=[Side(text, [n.span]), Side(ctx.view.text_of(peers[0].span),
                                                     [b.span for b in peers[:1]])],
                    severity="medium",
                    blame=LikelyError(
                        [article_id], text,
                        f"Contradicts itself: its body never gives {text} and says "
                        f"{ctx.view.text_of(peers[0].span)} instead.",
                    ),
                )
            )
    return findings
