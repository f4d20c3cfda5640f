"""Compound measures: "a 12-year sentence" in two reports, "a 36-year sentence" in one.

A figure joined to its unit to describe a noun ("a 12-year sentence", "a .38-caliber
revolver", "a 40-mile stretch") is left out of the count rules (:mod:`numbers`,
:mod:`counts`): across a story such compounds describe many things -- the yardage of each
play, the length of each offer. Held to the noun it describes, one compound names one
thing, so this rule compares only compounds of the same unit *and* the same noun, and
asks:

* one report alone gives the lone figure for that unit and noun, and never the rival;
* two or more independent reports give one rival figure for them, at least one in a
  line about the same thing (MiniLM cosine at least :data:`_SAME_THING`), and none of
  those lines says it of another person than the lone line does (the person named
  nearest the figure);
* the two figures differ beyond rounding, no other figure is given that way by two or
  more reports, and no report gives two figures for the noun (a noun the story measures
  several ways -- "the 20-yard line", "the 35-yard line" -- is several things).

Judged by the vote: the lone report is the likely error, at ``medium`` (reports revise
figures as a story develops).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.compare.conflicts.base import Context, Finding, Side, article_list, is_stop_word
from newsdesk.compare.conflicts.numbers import close  # rounding: a 40- and a 41-mile stretch
from newsdesk.compare.model import LikelyError
from newsdesk.model import Span

# "12-year sentence", "12 - year sentence" (tokenised text), ".38-caliber revolver"; the
# figure may not be a piece of a bigger one ("1,5", "3.5" is read whole)
_COMPOUND = re.compile(
    r"(?<![\w,])(\d+(?:\.\d+)?)\s?[-\u2013]\s?([a-z]{2,})\s+([a-z]{3,})\b"
)
# an age ("a 23-year-old"), handled by the count rules with its holder
_AGE = re.compile(r"\s?[-\u2013]\s?old\b")
# Lines about the same thing (MiniLM cosine). Tuned on ecbplus-dev (seed 7, 66 events,
# clean events and number injections): the injected sentences' and calibres' lines sat
# at 0.4-0.6 against the lines that kept the right figure.
_SAME_THING = 0.4
_WITNESSES = 2


@dataclass(frozen=True, slots=True)
class _Measure:
    row: int
    value: float
    unit: str
    noun: str
    span: Span
    text: str


def _unit(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _measures(ctx: Context) -> list[_Measure]:
    out = []
    for row, sentence in enumerate(ctx.view.sentences):
        if sentence.span.field != "text":
            continue
        for m in _COMPOUND.finditer(sentence.text):
            unit, noun = m[2], m[3]
            if (noun == "old" or _AGE.match(sentence.text, m.end(2)) or is_stop_word(noun)
                    or is_stop_word(unit)):
                continue
            start = sentence.span.start + m.start(1)
            span = Span(sentence.span.article, sentence.span.field, start, start + len(m[1]))
            out.append(_Measure(row, float(m[1]), _unit(unit), _unit(noun), span,
                                sentence.text[m.start(1) : m.end(2)]))
    return out


def _several(found: list[_Measure], article: str) -> bool:
    values = [m.value for m in found if m.span.article == article]
    return any(not close(a, b) for a in values for b in values)


def _nearest_person(ctx: Context, m: _Measure) -> str | None:
    """The surname of the person named nearest to the measure in its line, if any: whose
    sentence or touchdown it is ("a 2-yard touchdown run by Kay Doe")."""
    people = [p for p in ctx.view.sentences[m.row].mentions if p.type == "person"]
    if not people:
        return None
    nearest = min(people, key=lambda p: max(p.span.start - m.span.end, m.span.start - p.span.end))
    return ctx.view.text_of(nearest.span).split()[-1]


def _other_people(ctx: Context, a: _Measure, b: _Measure) -> bool:
    """The two measures are said of two named people ("Kay Doe, serving a 15-year
    sentence" against "Ewan Roe was serving a 12-year sentence")."""
    ours, theirs = _nearest_person(ctx, a), _nearest_person(ctx, b)
    return ours is not None and theirs is not None and ours != theirs


def detect_measures(ctx: Context) -> list[Finding]:
    view = ctx.view
    sim = ctx.aligner.similarity_
    groups: dict[tuple[str, str], list[_Measure]] = {}
    for m in _measures(ctx):
        groups.setdefault((m.unit, m.noun), []).append(m)
    findings: list[Finding] = []
    for (unit, noun), found in groups.items():
        if len({m.span.article for m in found}) < 3:
            continue  # one against one at best: no vote to judge by
        if any(_several(found, aid) for aid in {m.span.article for m in found}):
            continue  # one report measures several of them: "the 20-yard line", "the 10-yard line"

        def givers(value: float, found: list[_Measure] = found) -> list[str]:
            return view.independent(sorted({m.span.article for m in found if close(m.value, value)}))

        for lone in found:
            mine = lone.span.article
            if givers(lone.value) != [mine]:
                continue
            rivals = [m for m in found if m.span.article != mine and not close(m.value, lone.value)]
            if any(close(m.value, r.value) for m in found if m.span.article == mine for r in rivals):
                continue  # the lone report gives a rival figure too: two things measured
            backed = {r.value for r in rivals if len(givers(r.value)) >= _WITNESSES}
            if len(backed) != 1:
                continue
            best = backed.pop()
            agreeing = [r for r in rivals if close(r.value, best)]
            alike = [r for r in agreeing if float(sim[lone.row, r.row]) >= _SAME_THING]
            if not alike or any(_other_people(ctx, lone, r) for r in alike):
                continue  # no line about the same thing, or one about someone else
            witnesses = givers(best)
            said = agreeing[0].text
            findings.append(
                Finding(
                    kind="number",
                    key=f"measure:{unit}:{noun}:{mine}",
                    what=f"the {unit} of the {noun}",
                    sides=[Side(lone.text, [lone.span]), Side(said, [r.span for r in agreeing])],
                    severity="medium",
                    summary=(
                        f"{mine} gives a {lone.text} {noun} where {article_list(witnesses)} "
                        f"give a {said} {noun}; no other report gives {lone.text}."
                    ),
                    blame=LikelyError(
                        [mine], lone.text,
                        f"Outvoted: {len(witnesses)} independent reports give a {said} "
                        f"{noun}; {mine} alone gives {lone.text} and never {said}.",
                    ),
                )
            )
    return findings
