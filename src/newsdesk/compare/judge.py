"""Judging the likely error of each conflict, and writing its one-sentence summary.

In order of strength:

1. evidence a detector holds alone (the calendar; a headline or standfirst that
   contradicts its own body; a rewrite that alters the quote it copies);
2. the independent majority: a variant that two or more independent reports give,
   against one that fewer give (copies do not vote);
3. an article's consistency with itself: a report already shown wrong elsewhere in the
   story is the likelier error where the vote is tied;
4. otherwise no side is judged (``likely_error`` null).
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.compare.conflicts.base import (
    NUMBER_EDGES,
    Attestation,
    Context,
    Finding,
    Side,
    article_list,
    merge_findings,
    mid_sentence,
)
from newsdesk.compare.conflicts.places import locative_places
from newsdesk.compare.conflicts.quotes import pool_wordings
from newsdesk.compare.model import Conflict, LikelyError, Variant
from newsdesk.compare.topic import Topics
from newsdesk.model import Span

_ORDER = {"high": 0, "medium": 1, "low": 2}


def _support(ctx: Context, side: Side) -> int:
    return len(ctx.view.independent(side.articles))


def majority(ctx: Context, finding: Finding) -> LikelyError | None:
    sides = finding.sides
    support = [_support(ctx, s) for s in sides]
    top = max(support)
    if top < 2 or support.count(top) > 1:
        return None
    weakest = min(range(len(sides)), key=lambda k: (support[k], -k))
    if support[weakest] >= top:
        return None
    winner = sides[support.index(top)]
    loser = sides[weakest]
    reason = (
        f"Outvoted: {top} independent reports ({article_list(winner.articles)}) give "
        f"{_mid_sentence(finding, winner.value)}; only {article_list(loser.articles)} "
        f"give{'s' if len(loser.articles) == 1 else ''} {_mid_sentence(finding, loser.value)}."
    )
    blamed = [a for a in loser.articles if a not in winner.articles] or loser.articles
    return LikelyError(blamed, loser.value, reason)


def lone_value(ctx: Context, finding: Finding, said: Attestation,
               years: Attestation) -> LikelyError | None:
    """One report against one other in the lines compared, but the story decides: a place
    (or a year) no other report gives anywhere, against one that two or more independent
    reports give and the lone report never does ("met in Lyon" once, where Oslo is named
    by many; "in 2016" once, where 2014 is given by many)."""
    if len(finding.sides) != 2:
        return None
    if finding.kind == "date" and all(re.fullmatch(r"\d{4}", s.value) for s in finding.sides):
        said = years
    elif finding.kind != "place":
        return None
    for lone, other in (finding.sides, finding.sides[::-1]):
        (article, *more) = lone.articles
        if more or said.anywhere(lone.value) != {article}:
            continue
        backers = ctx.view.independent(sorted(said.anywhere(other.value)))
        if len(backers) >= 2 and article not in backers and not said.in_body(other.value, article):
            return LikelyError(
                [article], lone.value,
                f"Outvoted: no other report gives {lone.value}; {len(backers)} independent "
                f"reports ({article_list(backers)}) give {other.value}, and {article} never does.",
            )
    return None


def self_contradiction(ctx: Context, finding: Finding) -> LikelyError | None:
    """A place in a headline or standfirst that the article's own body contradicts.

    Only for places: the body must give a location that agrees with another side and not
    with the headline's (a standfirst saying X while the body says Y, as others do).
    """
    if finding.kind != "place":
        return None
    for side in finding.sides:
        if len(side.articles) != 1 or any(sp.field == "text" for sp in side.spans):
            continue
        article = side.articles[0]
        others = [o for o in finding.sides if o is not side]
        for sentence in ctx.view.of_article(article):
            if sentence.span.field != "text":
                continue
            for m in locative_places(ctx.view, sentence):
                name = ctx.view.text_of(m.span)
                agrees = any(
                    ctx.places.relation(name, o.value) in ("same", "compatible") for o in others
                )
                if agrees and ctx.places.relation(name, side.value) == "incompatible":
                    where = side.spans[0].field if side.spans[0].field != "title" else "headline"
                    return LikelyError(
                        [article],
                        side.value,
                        f"Contradicts itself: its {where} says {side.value} but its own body "
                        f"says {name}, as {article_list(others[0].articles)} also say(s).",
                    )
    return None


def copy_deviation(ctx: Context, finding: Finding) -> LikelyError | None:
    """A report that copies another and differs from it on this point changed its source
    -- when it is known which of the two is the copy."""
    for side in finding.sides:
        if len(side.articles) != 1:
            continue
        article = side.articles[0]
        source = ctx.view.known_source(article)
        if source and any(source in o.articles for o in finding.sides if o is not side):
            return LikelyError(
                [article], side.value,
                f"Changed its source: it copies {source}, which gives "
                f"{next(o.value for o in finding.sides if source in o.articles)}.",
            )
    return None


def _mid_sentence(finding: Finding, value: str) -> str:
    return mid_sentence(value) if finding.kind == "number" else value


def _summary(finding: Finding) -> str:
    parts = []
    for side in finding.sides:
        verb = "says" if len(side.articles) == 1 else "say"
        parts.append(f"{article_list(side.articles)} {verb} {_mid_sentence(finding, side.value)}")
    return f"Reports disagree on {finding.what}: " + "; ".join(parts).rstrip(".") + "."


def judge(ctx: Context, findings: list[Finding]) -> list[Conflict]:
    merged = merge_findings(findings)
    pool_wordings([f for f in merged if f.kind == "quote"])
    merged = _drop_repeats([f for f in merged if len(f.sides) >= 2])
    said, years = Attestation(ctx), Attestation(ctx, NUMBER_EDGES)
    for f in merged:
        if (f.blame is None or f.tie_break) and f.severity != "low":
            # a tie-break stands only where the vote over every side found is a tie too
            f.blame = (self_contradiction(ctx, f) or copy_deviation(ctx, f) or majority(ctx, f)
                       or lone_value(ctx, f, said, years) or f.blame)
    record = Counter(
        a for f in merged if f.blame is not None and f.severity != "low" for a in f.blame.articles
    )
    for f in merged:
        if f.blame is None and f.severity != "low" and f.kind not in ("number", "place"):
            # a report wrong elsewhere says little about which of two counts or places of
            # possibly different things is wrong (ecbplus-dev: stat lines of games)
            f.blame = _track_record(f, record)
        if f.blame is None and f.kind == "quote" and f.what == "the words of a quotation":
            # Outlets tidy quotations differently; with no side judged wrong, the
            # difference is worth noting but is no error (ecbplus-dev: most such pairs).
            f.severity = "low"
        if f.blame is None and f.kind == "place" and f.severity == "high":
            # Places the gazetteer proves apart but no evidence judges: mostly places of
            # two different things in like sentences (ecbplus-dev clean events: a town and
            # its state the gazetteer does not list, a gulf and the country beside it).
            f.severity = "low"
        if f.blame is None and f.severity == "medium" and f.kind in ("number", "place"):
            # No evidence says which side is wrong: a disagreement worth noting, not a
            # contradiction a reader must act on (ecbplus-dev clean events: most unjudged
            # medium count and place conflicts were two counts or places of different
            # things, one report against one other).
            f.severity = "low"
    merged.sort(key=lambda f: (_ORDER[f.severity], f.kind))
    Topics(ctx).describe_all(merged)
    conflicts = []
    for number, f in enumerate(merged, start=1):
        conflicts.append(
            Conflict(
                id=f"k{number}",
                kind=f.kind,
                summary=f.summary or _summary(f),
                severity=f.severity,
                variants=[Variant(s.value, list(s.spans)) for s in f.sides],
                likely_error=f.blame,
            )
        )
    return conflicts


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(
        s.article == span.article and s.field == span.field
        and s.start < span.end and span.start < s.end
        for s in spans
    )


def _drop_repeats(findings: list[Finding]) -> list[Finding]:
    """Two detectors may find one disagreement (a shifted year is a different year for the
    same day, a substitution in one line, and a year no one else gives): keep the first,
    which comes from the detector with the more specific evidence -- unless a later one
    finds the same disagreement with more witnesses while the first holds no judgement of
    its own (:func:`_wider`), or judges the first one's lone side from more witnesses
    (:func:`_judged_again`)."""
    kept: list[Finding] = []
    for f in findings:
        smallest = min(f.sides, key=lambda s: len(s.spans))
        repeats = [
            n for n, k in enumerate(kept)
            if k.kind == f.kind
            and any(all(_overlaps(sp, side.spans) for sp in smallest.spans) for side in k.sides)
        ]
        if not repeats:
            kept.append(f)
        elif len(repeats) == 1 and (_wider(f, kept[repeats[0]])
                                    or _judged_again(f, kept[repeats[0]])
                                    or _same_verdict_graver(f, kept[repeats[0]])):
            kept[repeats[0]] = f
    return kept


def _same_verdict_graver(later: Finding, kept: Finding) -> bool:
    """The same report and value blamed again, on graver evidence: "Tuesday 9 March 2031"
    is a year no other report gives (medium) and a date the calendar denies (high)."""
    return (later.blame is not None and kept.blame is not None
            and set(later.blame.articles) == set(kept.blame.articles)
            and later.blame.value == kept.blame.value
            and _ORDER[later.severity] < _ORDER[kept.severity])


def _judged_again(later: Finding, kept: Finding) -> bool:
    """The kept finding's lone side, found again by a rule that judges it from more
    witnesses: "318 days" against one report's "3 days" in a line pair, and against
    three reports' "three and a half days" story-wide. The kept pair holds no evidence
    of its own; the later finding's vote does."""
    if (kept.blame is not None or later.blame is None or kept.severity == "low"
            or later.severity != kept.severity):
        return False
    blamed = [s for s in later.sides if set(s.articles) == set(later.blame.articles)]
    return len(blamed) == 1 and any(
        s.value == blamed[0].value and set(s.articles) == set(blamed[0].articles)
        for s in kept.sides)


def _wider(graver: Finding, kept: Finding) -> bool:
    """The same disagreement, found again with more witnesses and not held ``low``: every
    value of the kept finding is a side of the new one, stated by at least the same
    reports ("1999" in one report against "2000", found once more with a second report
    giving 1999). It replaces a kept finding that is ``low``, or one of the same severity
    that holds no evidence of its own for a side, or only a tie-break (the vote over more
    witnesses is then the better judge); a kept finding of another severity keeps its
    detector's reading."""
    if graver.severity == "low":
        return False
    judged = kept.blame is not None and not kept.tie_break
    if kept.severity != "low" and (judged or graver.severity != kept.severity):
        return False
    sides = {s.value: set(s.articles) for s in graver.sides}
    wider = False
    for side in kept.sides:
        if side.value not in sides or not set(side.articles) <= sides[side.value]:
            return False
        wider = wider or set(side.articles) < sides[side.value]
    return wider


def _track_record(finding: Finding, record: Counter[str]) -> LikelyError | None:
    """Tied vote: the side of the only report already wrong elsewhere in the story."""
    flagged = [s for s in finding.sides if any(record[a] for a in s.articles)]
    if len(flagged) != 1 or len(flagged[0].articles) != 1:
        return None
    side = flagged[0]
    article = side.articles[0]
    return LikelyError(
        [article],
        side.value,
        f"No majority; {article} is already the likely error in {record[article]} other "
        "conflict(s) of this story, so its version is the less reliable one.",
    )

