"""A year only one report gives, set in the very words where other reports give another.

Two reports write "the 1987 flood that closed the mill" and a third writes "the 1989
flood that closed the mill"; no other report gives 1989, and the third never gives 1987.
An editor reading them side by side sees a wrong year, even when the rest of the two
sentences is worded differently. :mod:`lone_years` needs several shared words near the
years and lines about the same thing as wholes; :mod:`dates` needs near-identical lines.
This rule asks, like :mod:`swapped_places` does for places:

* the lone year X: no other report writes it anywhere (headline, standfirst or body),
  or two or more independent reports set the rival in its words;
* a rival Y that two or more independent reports write (anywhere), that the lone
  report's body never writes, set by at least one other report in the same slot: the
  words right next to the two years agree in lines about the same thing, or the two
  lines line up word by word around them;
* the rivals found agree among themselves (one Y).

Judged by the story's attestation: the lone report is the likely error. When the lone
report's own headline or standfirst gives Y, the report contradicts itself as well, and
the conflict is high.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.compare.conflicts.base import (
    NUMBER_EDGES,
    Attestation,
    Context,
    Finding,
    Side,
    add_to_side,
    article_list,
    is_stop_word,
)
from newsdesk.compare.conflicts.lone_years import month_of
from newsdesk.compare.conflicts.swapped_places import agreeing_words, swapped_in_line
from newsdesk.compare.model import LikelyError
from newsdesk.model import Span

# a year, not a decade ("the 1960's", "1960s"), a span ("2008-09") or an amount ("1,999");
# a year's possessive is a year ("1999's hit film")
YEAR = re.compile(
    r"(?<![\w.,$-])((?:1[89]|20)\d\d)(?![\w%]|(?<=0)['\u2019]s|[-\u2013/]\d|,\d)"
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\u2019-]*")
_FRAME = 2  # words each side of a year
# Sentence cosine (MiniLM) of the lone year's line and a rival's line; the same readings
# as for swapped places (ecbplus-dev, seed 7) checked on the date injections: with only
# the words next to the years agreeing, lines under 0.5 dated different happenings ("in
# 2007" / "in 2009"); lines that line up word by word around the years need only 0.3.
_FRAME_SIMILARITY = 0.5
_LINE_SIMILARITY = 0.3


# Independent reports that must set the rival year in the lone year's words when other
# reports give the lone year too (for something else, or by chance). Tuned on
# ecbplus-dev (seed 7, 66 events): "In December 2009, three men emptied..." against five
# reports' "In December 2008, three men emptied..." in a story that names 2009 elsewhere.
_WITNESSES = 2


@dataclass(frozen=True, slots=True)
class _Year:
    index: int  # sentence row
    year: str
    span: Span
    left: tuple[str, ...]  # nearest word last
    right: tuple[str, ...]  # nearest word first


def years_in_lines(ctx: Context) -> Iterator[tuple[int, list[tuple[re.Match[str], Span]]]]:
    """Each sentence with words (a dateline -- "Posted: June 12, 2013" -- is left to
    :mod:`dates`) that writes a year: its row, and each year written with its span."""
    for i, sentence in enumerate(ctx.view.sentences):
        if not re.search(r"\b[a-z]{3,}\b", sentence.text):
            continue
        found = []
        for match in YEAR.finditer(sentence.text):
            start = sentence.span.start + match.start(1)
            found.append((match, Span(sentence.span.article, sentence.span.field, start, start + 4)))
        if found:
            yield i, found


def _years(ctx: Context) -> list[_Year]:
    out: list[_Year] = []
    for i, found in years_in_lines(ctx):
        text = ctx.view.sentences[i].text
        for match, span in found:
            left = tuple(_TOKEN.findall(text[: match.start(1)].lower())[-_FRAME:])
            right = tuple(_TOKEN.findall(text[match.end(1) :].lower())[:_FRAME])
            out.append(_Year(i, match.group(1), span, left, right))
    return out


def _same_frame(a: _Year, b: _Year) -> bool:
    """The words right next to both years agree: on both sides ("the 1987 flood" / "the
    1989 flood"), or two words on one side with a content word among them. One word on
    one side is too little: "host 2014 Oscars" in a headline and "the 2012 Oscars" in a
    look back date two ceremonies (ecbplus-dev, clean)."""
    left, right = agreeing_words(a.left, a.right, b.left, b.right)
    if left and right:
        return any(not is_stop_word(w) for w in left + right)
    shared = left or right
    return len(shared) >= 2 and any(not is_stop_word(w) and not w.isdigit() for w in shared)


def _swapped(ctx: Context, lone: _Year, other: _Year) -> bool:
    """The two years fill the same slot: the same words right next to them in lines
    about the same thing, or the two lines line up word by word around them."""
    similarity = float(ctx.aligner.similarity_[lone.index, other.index])
    if similarity >= _FRAME_SIMILARITY and _same_frame(lone, other):
        return True
    if similarity < _LINE_SIMILARITY:
        return False
    a, b = ctx.view.sentences[lone.index], ctx.view.sentences[other.index]
    start = lone.span.start - a.span.start
    return swapped_in_line(a.text, start, start + 4, b.text, other.year)


def detect_swapped_years(ctx: Context) -> list[Finding]:
    view = ctx.view
    years = _years(ctx)
    said = Attestation(ctx, NUMBER_EDGES)
    # years two or more independent reports write: the only possible rivals
    attested = {y.year for y in years if len(view.independent(sorted(said.anywhere(y.year)))) >= 2}
    findings: dict[str, Finding] = {}
    for lone in years:
        mine = lone.span.article
        if lone.span.field == "title":
            continue
        alone = said.anywhere(lone.year) == {mine}
        rivals = [
            other for other in years
            if other.year in attested and other.span.article != mine and other.year != lone.year
            and not said.in_body(other.year, mine)
            and not _other_months(ctx, lone, other)
            and _swapped(ctx, lone, other)
        ]
        if not rivals or len({r.year for r in rivals}) > 1:
            continue  # none, or the others give different years here: no single swap
        witnesses = view.independent(sorted({r.span.article for r in rivals}))
        if not alone and (len(witnesses) < _WITNESSES or _echoed(ctx, lone, rivals, years)):
            continue  # a year the story uses elsewhere, against one line: two things dated
        best = rivals[0].year
        key = f"swap-year:{mine}:{lone.year}"
        if key in findings:
            add_to_side(findings[key].sides, lone.year, lone.span)
            continue
        sides = [Side(lone.year, [lone.span]), Side(best, [])]
        for r in rivals:
            add_to_side(sides[1:], best, r.span)
        backers = view.independent(sorted(said.anywhere(best)))
        own = said.in_headline(best, mine)
        reason = (
            f"Outvoted: no other report gives {lone.year}{'' if alone else ' there'}; "
            f"{article_list(sides[1].articles)} "
            f"give{'s' if len(sides[1].articles) == 1 else ''} {best} in the same words, a "
            f"year {len(backers)} independent reports give"
        )
        reason += f", as does {mine}'s own headline." if own else f", and {mine} never does."
        findings[key] = Finding(
            kind="date",
            key=key,
            what="the year",
            sides=sides,
            severity="high" if own else "medium",
            summary=(
                f"{mine} gives {lone.year} where {article_list(sides[1].articles)} "
                f"give{'s' if len(sides[1].articles) == 1 else ''} {best} in the same words; "
                f"no other report gives {lone.year}{'' if alone else ' there'}."
            ),
            blame=LikelyError([mine], lone.year, reason),
        )
    return list(findings.values())


def _other_months(ctx: Context, a: _Year, b: _Year) -> bool:
    """"April 2007" and "June 2005" date two things."""
    months = {month_of(ctx, a.span), month_of(ctx, b.span)}
    return None not in months and len(months) == 2


def _echoed(ctx: Context, lone: _Year, rivals: list[_Year], years: list[_Year]) -> bool:
    """Another report gives the same year in a line about the same thing (as like the
    lone line as the rivals' lines are, or in the same words): the year is corroborated
    for something else. ecbplus-dev (clean): "founded the clinic in Alabama in 1990",
    which two other reports date 1990 too, against "president of the association of
    Alabama in 2002"."""
    sim = ctx.aligner.similarity_
    bar = min(_FRAME_SIMILARITY, max(float(sim[lone.index, r.index]) for r in rivals))
    return any(
        o.span.article != lone.span.article and o.year == lone.year
        and (float(sim[lone.index, o.index]) >= bar or _same_frame(lone, o))
        for o in years
    )
