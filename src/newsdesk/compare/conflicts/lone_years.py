"""Outvoted years: a year only one report gives, where the others give another year for
the same happening.

"the plant opened in 1971" against "the plant, which opened in 1969" (twice): the lines
are worded differently, so the line-by-line year rule in :mod:`dates` (near-identical
lines only) misses them. A year here is compared with the years of the other reports'
sentences about the same thing (MiniLM cosine) that share a content word near the year
(what it dates: "opened", "plant"). A year no other report states anywhere, in an article
that never states the rival year, against a year two or more independent reports state,
is the likely error; one report against one other is noted as low.
"""

from __future__ import annotations

import re

from newsdesk.compare.conflicts.base import Context, Finding, Side, add_to_side, article_list
from newsdesk.compare.model import LikelyError
from newsdesk.model import Span

# a year, not a decade ("the 1960's", "1960s"), a span ("2008-09") or an amount ("1,999")
_YEAR = re.compile(r"(?<![\w.,$-])((?:1[89]|20)\d\d)(?![\w%]|['’]s|[-\u2013/]\d|,\d)")
_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:\d{1,2},?\s+)?$"
)
# Words either side of a year that tell what it dates: up to ten before, four after.
_BEFORE, _AFTER = 10, 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Tuned on ecbplus-dev (seed 7, 8 events): the same cosine as for places kept the
# paraphrased lines of one dated fact and left background years ("since 1998") apart.
_SAME_HAPPENING = 0.6
# Content words near the two years that must agree (what they date). Tuned on ecbplus-dev
# clean events (24, seed 7): with one, a biography's many years (born, married, elected)
# clashed with each other -- 0.6 false year conflicts per story.
_MIN_SHARED = 2


def dated_words(ctx: Context, sentence_index: int, span: Span) -> set[str]:
    """Common words (written in lower case, spaCy's stop words left out) near a year:
    what it dates ("indicted", "slayings"). Names are left out: in a story about one
    person or team, every year of the background sits near the same names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    sentence = ctx.view.sentences[sentence_index]
    start = span.start - sentence.span.start
    end = span.end - sentence.span.start
    before = _WORD.findall(sentence.text[:start])[-_BEFORE:]
    after = _WORD.findall(sentence.text[end:])[:_AFTER]
    return {
        w for w in before + after if w[0].islower() and w not in STOP_WORDS and len(w) > 2
    }


def same_frame(ctx: Context, i: int, span: Span, j: int, other: Span) -> bool:
    """The words right before and right after two years are the same, and one of them is
    not a stop word: one slot ("CVE-2013-3893" / "CVE-2014-3893", "the 1967 slayings
    of")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def frame(index: int, at: Span) -> tuple[str, str]:
        sentence = ctx.view.sentences[index]
        start, end = at.start - sentence.span.start, at.end - sentence.span.start
        before = re.findall(r"\w+", sentence.text[:start])[-1:] or [""]
        after = re.findall(r"\w+", sentence.text[end:])[:1] or [""]
        return before[0].lower(), after[0].lower()

    mine, theirs = frame(i, span), frame(j, other)
    return mine == theirs and any(w and w not in STOP_WORDS for w in mine)


def month_of(ctx: Context, span: Span) -> str | None:
    """The month written right before a year ("June 2005", "Sep 19 2012"), if any."""
    text = ctx.view.articles[span.article].get(span.field)  # type: ignore[arg-type]
    m = _MONTH.search(text[max(0, span.start - 20) : span.start])
    return m[1] if m else None


def stated_years(ctx: Context) -> dict[str, set[str]]:
    """Year -> the articles that write it anywhere (headline, standfirst or body)."""
    stated: dict[str, set[str]] = {}
    for _i, year, span in _years(ctx):
        stated.setdefault(year, set()).add(span.article)
    return stated


def _years(ctx: Context) -> list[tuple[int, str, Span]]:
    out = []
    for i, sentence in enumerate(ctx.view.sentences):
        for match in _YEAR.finditer(sentence.text):
            start = sentence.span.start + match.start(1)
            span = Span(sentence.span.article, sentence.span.field, start, start + 4)
            out.append((i, match.group(1), span))
    return out


def detect_lone_years(ctx: Context) -> list[Finding]:
    view = ctx.view
    sim = ctx.aligner.similarity_
    years = _years(ctx)
    stated = stated_years(ctx)
    findings: list[Finding] = []
    for i, year, span in years:
        mine = span.article
        if stated[year] != {mine}:
            continue
        rivals: list[tuple[int, str, Span]] = []
        for j, other, rival in years:
            if rival.article == mine or other == year or mine in stated[other]:
                continue
            if float(sim[i, j]) < _SAME_HAPPENING:
                continue
            months = {month_of(ctx, span), month_of(ctx, rival)}
            if None not in months and len(months) == 2:
                continue  # "April 2007" and "June 2005" date two things
            shared = dated_words(ctx, i, span) & dated_words(ctx, j, rival)
            if len(shared) >= _MIN_SHARED or same_frame(ctx, i, span, j, rival):
                rivals.append((j, other, rival))
        if not rivals:
            continue
        best = max(rivals, key=lambda r: float(sim[i, r[0]]))[1]
        sides = [Side(year, [span]), Side(best, [])]
        for _j, other, rival in rivals:
            if other == best:
                add_to_side(sides[1:], best, rival)
        support = view.independent(sorted(stated[best]))
        blame = None
        if len(support) >= 2:
            blame = LikelyError(
                [mine], year,
                f"Outvoted: no other report gives {year}; {article_list(support)} give "
                f"{best}, and {mine} never does.",
            )
        findings.append(
            Finding(
                kind="date",
                key=f"lone-year:{mine}:{year}",
                what="the year",
                sides=sides,
                # medium: the vote decides, and a year shifted by a typo is common
                severity="medium" if blame else "low",
                blame=blame,
            )
        )
    return findings
