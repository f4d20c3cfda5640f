"""Figures attached to a named person: "Alice Doe, 58," and "the 58-year-old Alice Doe".

Reports give a person's age (or another figure) right next to the name, and they give it
the same way. When one report gives a figure for a person that no other report gives
anywhere, while two or more independent reports give that same person another figure,
an editor would query that one report. Two figures next to *different* people are never
compared ("Kay Doe, 20, and her mother Alice Doe, 58"); :func:`holder` is also what the
count detectors use to keep such figures apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsdesk.compare.conflicts.base import Context, Finding, Side, add_to_side, article_list
from newsdesk.compare.conflicts.numbers import is_count
from newsdesk.compare.model import LikelyError
from newsdesk.compare.view import SentenceFacts
from newsdesk.facts.model import Mention, NumberFact

_APPOSITIVE = re.compile(r"^\s*,\s*(?:aged\s+)?$")  # "Alice Doe, 58", "Alice Doe, aged 58"
_AGED = re.compile(r"^\s*-?\s*years?\s*-?\s*old\b", re.IGNORECASE)  # "58-year-old"
# "58-year-old Alice Doe", "58-year-old mother, Alice Doe": up to three lower-case words
# between, and nothing else ("the 10-year-old's death and Doe's trial" is someone else)
_AGED_NAMED = re.compile(r"^\s*-?\s*years?\s*-?\s*old(?:\s+[a-z]+){0,3}\s*,?\s*$")
# "... died at the age of 85", "dies at 85", "died aged 85": the age of the sentence's
# first person named
_AGE_OF = re.compile(r"(?:\bat\s+the\s+age\s+of|\bdie[sd]\s+at|\bdied\s+aged)\s*$", re.IGNORECASE)
# Ages a year apart are one age told before and after a birthday; only wider gaps count.
_AGE_SLACK = 1


@dataclass(frozen=True, slots=True)
class Holder:
    """The person a figure is attached to, as its article names them."""

    name: str
    entity: str | None


def holder(ctx: Context, sentence: SentenceFacts, n: NumberFact) -> Holder | None:
    """The named person ``n`` is said of, when the sentence attaches it to one."""
    text = ctx.view.articles[n.span.article].get(n.span.field)
    people = [m for m in sentence.mentions if m.type == "person"]
    for m in people:
        if m.span.end <= n.span.start and _APPOSITIVE.match(text[m.span.end : n.span.start]):
            return _holder(ctx, m)
    if _AGE_OF.search(text[max(sentence.span.start, n.span.start - 30) : n.span.start]):
        before = [m for m in people if m.span.end <= n.span.start]
        if before:  # "Doe, the pin-up model, died on Thursday at the age of 85"
            return _holder(ctx, min(before, key=lambda m: m.span.start))
    if _AGED.match(text[n.span.end :]):
        after = [m for m in people if m.span.start >= n.span.end]
        if after:
            first = min(after, key=lambda m: m.span.start)
            if _AGED_NAMED.match(text[n.span.end : first.span.start]):
                return _holder(ctx, first)
    return None


def subject_holder(ctx: Context, sentence: SentenceFacts, n: NumberFact) -> Holder | None:
    """The named subject of the clause ``n`` is said in ("Doe ran for 64 yards"), as the
    facts stage parsed it and the report writes it, with the entity of a person mention
    it covers."""
    if n.subject is None:
        return None
    entity = next((m.entity for m in sentence.mentions if m.type == "person"
                   and m.span.start < n.subject.end and n.subject.start < m.span.end), None)
    return Holder(ctx.view.text_of(n.subject).strip(), entity)


def same_subject(a: Holder, b: Holder) -> bool:
    """One subject unless told apart for sure: one entity, or any name word in common
    ("Sergeant Doe" / "Police Sergeant Doe", "the Danish Navy" / "Danish coastguards").
    Entity resolution can join two people or part one, so differing entities alone do
    not tell two subjects apart."""
    if a.entity and a.entity == b.entity:
        return True
    return bool(_name_words(a.name) & _name_words(b.name))


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 1}


def _holder(ctx: Context, m: Mention) -> Holder:
    return Holder((m.name or ctx.view.text_of(m.span)).strip(), m.entity)


def same_holder(a: Holder, b: Holder) -> bool:
    """One person: one resolved entity, or the same surname with a first name spelt alike
    ("Catherine Doe" / "Katherine Doe"); a bare surname matches the full name."""
    if a.entity and a.entity == b.entity:
        return True
    x, y = a.name.lower().split(), b.name.lower().split()
    if not x or not y or x[-1] != y[-1]:
        return False
    if len(x) == 1 or len(y) == 1:
        return True
    return SequenceMatcher(None, x[0], y[0]).ratio() >= _FIRST_NAME_ALIKE


# tuned by hand on spelling variants of first names (Catherine/Katherine 0.88,
# Jon/John 0.86) against different people of one family (John/Kathryn 0.36)
_FIRST_NAME_ALIKE = 0.8


@dataclass(frozen=True, slots=True)
class _Attached:
    sentence: SentenceFacts
    number: NumberFact
    holder: Holder
    aged: bool

    @property
    def article(self) -> str:
        return self.number.span.article


def _attached(ctx: Context) -> list[_Attached]:
    out = []
    for s in ctx.view.sentences:
        for n in s.numbers:
            if n.low is None or n.high is None or n.low != n.high:
                continue  # "about 60": an estimate, not a figure to hold a report to
            if not is_count(ctx, n):
                continue  # "Doe, 45-7-2": a boxer's record, not an age
            h = holder(ctx, s, n)
            if h is not None:
                text = ctx.view.articles[n.span.article].get(n.span.field)
                aged = n.unit is None or bool(_AGED.match(text[n.span.end :]))
                out.append(_Attached(s, n, h, aged))
    return out


def _agree(a: _Attached, b: _Attached) -> bool:
    slack = _AGE_SLACK if a.aged and b.aged else 0
    return abs(a.number.value - b.number.value) <= slack


def detect_attached_numbers(ctx: Context) -> list[Finding]:
    attached = _attached(ctx)
    view = ctx.view
    findings: list[Finding] = []
    for x in attached:
        same_person = [y for y in attached if same_holder(x.holder, y.holder)]
        if any(y.article != x.article and _agree(x, y) for y in same_person):
            continue  # another report gives this figure too
        rivals = [y for y in same_person if y.article != x.article and not _agree(x, y)]
        if not rivals or any(not _agree(rivals[0], y) for y in rivals):
            continue  # nobody else gives one, or the others disagree among themselves
        if any(y.article == x.article and _agree(rivals[0], y) for y in same_person):
            continue  # the report itself also gives the other figure
        support = view.independent([y.article for y in rivals])
        if len(support) < _MIN_SUPPORT:
            continue
        mine = view.text_of(x.number.span)
        theirs = view.text_of(rivals[0].number.span)
        sides = [Side(mine, [x.number.span])]
        for y in rivals:
            add_to_side(sides, theirs, y.number.span)
        findings.append(
            Finding(
                kind="number",
                key=f"attached:{x.article}:{x.holder.name.lower()}:{x.number.value:g}",
                what=f"the figure given for {x.holder.name}",
                sides=sides[:2],
                severity="medium",
                blame=LikelyError(
                    [x.article], mine,
                    f"Outvoted: no other report gives {x.holder.name} {mine}; "
                    f"{article_list(support)} give {theirs}.",
                ),
            )
        )
    return findings


# One report against one other is a tie no editor could settle from the reports alone.
_MIN_SUPPORT = 2
