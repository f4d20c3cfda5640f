"""Same phrase, different value: the substitution a careful reader spots by comparing lines.

When one report says "the fire in X on Tuesday" and two or more independent reports say
"the fire in Y on Tuesday", the words around the value agree and only the value differs.
This detector finds such substitutions for places, years and counts, with no need for the
two sentences to align as wholes (a rewrite may change the rest of the sentence):

* the value occurs in that one report only, and that report never uses the other value;
* the other value is given by at least two independent reports, in matching context (at
  least two shared words around it, one of them a content word);
* the two values cannot both hold (places the gazetteer does not relate, different years,
  counts of the same thing whose intervals share nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.compare.conflicts.base import Context, Finding, Side, add_to_side
from newsdesk.compare.conflicts.numbers import (
    bounds,
    different_accounts,
    different_holders,
    is_count,
    overlap,
    same_unit,
)
from newsdesk.compare.places import place_key
from newsdesk.facts.model import NumberFact
from newsdesk.model import Span

_WORD = re.compile(r"[a-z0-9]+")
_WINDOW = 4
_YEAR_IN = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class _Occurrence:
    kind: str
    article: str
    key: str
    text: str
    span: Span
    left: frozenset[str]
    right: frozenset[str]
    number: NumberFact | None = None


def _figures(ctx: Context) -> dict[str, set[float]]:
    """Every figure each article gives, with any unit or none ("a season yardage of 4,372"
    beside "198 yards in the game"): a rival report that gives the lone figure too tells
    of two things. Exact values: within rounding, a career total and the record it passed
    ("1,480 points", "1,452") would pass for one figure."""
    return {af.article.id: {n.value for n in af.numbers} for af in ctx.view.facts.articles}


def _context(ctx: Context, span: Span) -> tuple[frozenset[str], frozenset[str]]:
    text = ctx.view.articles[span.article].get(span.field).lower()
    left = _WORD.findall(text[max(0, span.start - 60) : span.start])[-_WINDOW:]
    right = _WORD.findall(text[span.end : span.end + 60])[:_WINDOW]
    return frozenset(left), frozenset(right)


def _stop(word: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return word in STOP_WORDS or word.isdigit()


def _same_slot(a: _Occurrence, b: _Occurrence) -> bool:
    """Matching words around both values. Counts need context on both sides ("spent 19
    seasons with" / "spent four seasons as" is a different fact about a different stint);
    tuned on ecbplus-dev clean events, where one-sided context gave 0.6 false number
    conflicts per story and two-sided 0.1."""
    left, right = a.left & b.left, a.right & b.right
    shared = left | right
    if not any(not _stop(w) for w in shared):
        return False
    if a.kind == "number":
        return bool(left) and bool(right) and len(left) + len(right) >= 3
    return len(left) + len(right) >= 2


def _occurrences(ctx: Context) -> list[_Occurrence]:
    out: list[_Occurrence] = []
    for s in ctx.view.sentences:
        for m in s.mentions:
            if m.type == "place":
                text = ctx.view.text_of(m.span)
                out.append(_Occurrence("place", s.article, place_key(text), text, m.span,
                                       *_context(ctx, m.span)))
        for d in s.dates:
            raw = ctx.view.text_of(d.span)
            if _dateline(ctx, d.span):
                continue  # when the report was filed, not what it reports
            after = ctx.view.articles[s.article].get(d.span.field)[d.span.end : d.span.end + 6]
            if re.match(r"\s*[-\u2013/]\s*\d", after):
                continue  # "the 2008-09 season": a span of years
            for y in _YEAR_IN.finditer(raw):
                span = d.span.shifted(y.start(), y.end())
                out.append(_Occurrence("date", s.article, y[1], y[1], span, *_context(ctx, span)))
        for n in s.numbers:
            if n.unit and is_count(ctx, n):
                text = ctx.view.text_of(n.span)
                out.append(_Occurrence("number", s.article, f"{n.value:g}:{n.unit}", text,
                                       n.span, *_context(ctx, n.span), number=n))
    return out


def _dateline(ctx: Context, span: Span) -> bool:
    """A date alone on its line, or nearly ("12 January 2010 @ 09:29 pm")."""
    text = ctx.view.articles[span.article].get(span.field)
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    line = text[start : end if end >= 0 else len(text)]
    return len(line.split()) - len(text[span.start : span.end].split()) < 6


def _alike(ctx: Context, a: _Occurrence, b: _Occurrence) -> bool:
    """Places and counts must also sit in sentences that say much the same ("spent 11
    seasons as a player" and "spent four seasons as director" share a frame, not a fact);
    years are left to context alone, since a shifted year changes little else."""
    if a.kind == "date":
        return True
    i, j = ctx.sentence_of(a.span), ctx.sentence_of(b.span)
    if i < 0 or j < 0:
        return False
    if a.number is not None and b.number is not None and (
        different_accounts(ctx.view.sentences[i], a.number, ctx.view.sentences[j], b.number)
        or different_holders(ctx.view.sentences[i], a.number, ctx.view.sentences[j], b.number,
                             ctx)
    ):
        return False
    return float(ctx.aligner.similarity_[i, j]) >= _ALIKE


_ALIKE = 0.6


def _compatible(ctx: Context, a: _Occurrence, b: _Occurrence) -> bool:
    if a.kind == "place":
        return ctx.places.relation(a.text, b.text) in ("same", "compatible")
    if a.kind == "date":
        return a.key == b.key
    x, y = a.number, b.number
    assert x is not None and y is not None
    if not same_unit(x.unit, y.unit):
        return True  # counts of different things never contradict
    # One line with one figure changed: a digit changed is no rounding ("3,041" against
    # "3,141" in the same words), but a half told either way is ("2.5" / "three")
    return overlap(bounds(x, slack=0.0), bounds(y, slack=0.0))


def _names_too(ctx: Context, own: set[str], rival: _Occurrence) -> bool:
    """Whether the report names the rival's place itself, in another form ("the
    Caspian Sea" where the rivals say "the Caspian"): it gives both places,
    so one did not replace the other."""
    return rival.kind == "place" and any(
        ctx.places.relation(text, rival.text) == "same" for text in own)


def detect_substitutions(ctx: Context) -> list[Finding]:
    occurrences = _occurrences(ctx)
    figures = _figures(ctx)
    places: dict[str, set[str]] = {}
    for o in occurrences:
        if o.kind == "place":
            places.setdefault(o.article, set()).add(o.text)
    users: dict[tuple[str, str], set[str]] = {}
    for o in occurrences:
        users.setdefault((o.kind, o.key), set()).add(o.article)
    findings: list[Finding] = []
    for o in occurrences:
        if users[(o.kind, o.key)] != {o.article}:
            continue  # another report gives this value too
        rivals: dict[str, list[_Occurrence]] = {}
        for p in occurrences:
            if p.kind != o.kind or p.article == o.article or p.key == o.key:
                continue
            if o.kind != "number" and o.article in users[(p.kind, p.key)]:
                continue  # the report itself also gives the other value somewhere
            if o.number is not None and o.number.value in figures.get(p.article, ()):
                continue  # the rival report gives both figures: they are of two things
            if (_same_slot(o, p) and _alike(ctx, o, p) and not _compatible(ctx, o, p)
                    and not _names_too(ctx, places.get(o.article, set()), p)):
                rivals.setdefault(p.key, []).append(p)
        if len(rivals) != 1:
            continue  # other reports disagree among themselves: no single substitution
        for found in rivals.values():
            supporters = ctx.view.independent({p.article for p in found})
            proven = o.kind == "place" and ctx.places.relation(o.text, found[0].text) == "incompatible"
            if len(supporters) < (1 if proven else 2):
                continue
            sides = [Side(o.text, [o.span])]
            for p in found:
                add_to_side(sides, found[0].text, p.span)
            findings.append(
                Finding(
                    kind=o.kind,  # type: ignore[arg-type]
                    key=f"slot:{o.article}:{o.kind}:{o.key}",
                    what=_what(o.kind),
                    sides=sides,
                    severity="medium",
                )
            )
    return findings


def detect_year_swaps(ctx: Context) -> list[Finding]:
    """A year only one report gives, next to a year that report never gives but two or
    more independent reports do: the shape of a mistyped or shifted year."""
    users: dict[str, set[str]] = {}
    spans: dict[tuple[str, str], list[Span]] = {}
    for o in _occurrences(ctx):
        if o.kind == "date":
            users.setdefault(o.key, set()).add(o.article)
            spans.setdefault((o.key, o.article), []).append(o.span)
    findings: list[Finding] = []
    for year, who in users.items():
        if len(who) != 1:
            continue
        (article,) = who
        near = [
            y for y, by in users.items()
            if y != year and abs(int(y) - int(year)) <= _NEAR_YEARS and article not in by
            and len(ctx.view.independent(by)) >= 2
        ]
        if len(near) != 1:
            continue
        other = near[0]
        sides = [Side(year, list(spans[(year, article)]))]
        for aid in sorted(users[other]):
            for span in spans[(other, aid)]:
                add_to_side(sides, other, span)
        findings.append(
            Finding(kind="date", key=f"year:{article}:{year}", what="the year",
                    sides=sides, severity="medium")
        )
    return findings


# Years this close are the ones a slip of the keyboard or a wrong "last year" produces;
# tuned on ecbplus-dev clean events (0.1 false date conflicts per story at 2).
_NEAR_YEARS = 2


def _what(kind: str) -> str:
    return {"place": "where it happened", "date": "the year", "number": "a figure"}[kind]
