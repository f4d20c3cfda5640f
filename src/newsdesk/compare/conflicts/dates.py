"""Date conflicts: a different year or day for one event, and weekdays the calendar denies.

The calendar is the strongest judge there is: when one report gives "13 March 2031" and
the others say the event fell on a Tuesday, and 13 March 2031 is not a Tuesday, the
report with the full date is wrong whatever the vote.
"""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.compare.conflicts.base import Context, Finding, Side, add_to_side
from newsdesk.compare.model import LikelyError
from newsdesk.compare.view import SentenceFacts
from newsdesk.facts.model import DateFact

_FULL = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTH_DAY = re.compile(r"^(?:\d{4}|-)-(\d\d)-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})")


def _weekday(value: str) -> str | None:
    m = _FULL.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).strftime("%A")
    except ValueError:
        return None


def _month_day(value: str | None) -> str | None:
    m = _MONTH_DAY.match(value or "")
    return f"{m[1]}-{m[2]}" if m else None


def _readable(month_day: str) -> str:
    month, day = (int(x) for x in month_day.split("-"))
    return f"{day} {dt.date(2000, month, 1).strftime('%B')}"


def detect_dates(ctx: Context) -> list[Finding]:
    findings = _calendar_and_years(ctx)
    findings.extend(_aligned_years(ctx))
    return findings


def _calendar_and_years(ctx: Context) -> list[Finding]:
    by_day: dict[str, list[tuple[SentenceFacts, DateFact]]] = {}
    for sentence in ctx.view.sentences:
        for date in sentence.dates:
            day = _month_day(date.value)
            if day and not date.relative:
                by_day.setdefault(day, []).append((sentence, date))
    findings: list[Finding] = []
    for day, items in by_day.items():
        calendar_found = False
        full = [(s, d) for s, d in items if d.value and _FULL.match(d.value)]
        # weekday each article gives for this day: stated with it, year or not
        stated = {
            (s.article, d.weekday.capitalize()): (s, d)
            for s, d in items
            if d.weekday and not d.weekday_mismatch
        }
        for sentence, date in full:
            actual = _weekday(date.value or "")
            if actual is None:
                continue
            against = [
                (s, d)
                for (aid, wd), (s, d) in stated.items()
                if aid != sentence.article and wd != actual
            ]
            own_mismatch = date.weekday_mismatch and date.weekday
            if not against and not own_mismatch:
                continue
            value = f"{date.value} (a {actual})"
            sides = [Side(value, [date.span])]
            if against:
                claimed = against[0][1].weekday.capitalize()  # type: ignore[union-attr]
                for s, d in against:
                    add_to_side(sides, f"a {d.weekday.capitalize()}", d.span)  # type: ignore[union-attr]
                reason = (
                    f"{date.value} fell on a {actual}, but "
                    f"{len({s.article for s, _ in against})} other report(s) say the "
                    f"{_readable(day)} event was on a {claimed}"
                )
            else:
                sides.append(Side(f"a {date.weekday}", [date.span]))
                reason = f"it calls {date.value} a {date.weekday}, but that date was a {actual}"
            findings.append(
                Finding(
                    kind="date",
                    key=f"day:{day}",
                    what=f"the date of the {_readable(day)} event",
                    sides=sides,
                    severity="high",
                    blame=LikelyError([sentence.article], value, f"Calendar: {reason}."),
                )
            )
            calendar_found = True
        years: dict[str, list[tuple[SentenceFacts, DateFact]]] = {}
        for s, d in full:
            years.setdefault((d.value or "")[:4], []).append((s, d))
        if len(years) >= 2 and not calendar_found:
            sides = [Side(year, [d.span for _s, d in group]) for year, group in years.items()]
            findings.append(
                Finding(
                    kind="date",
                    key=f"day:{day}",
                    what=f"the year of the {_readable(day)} event",
                    sides=sides,
                    severity="high",
                )
            )
    return findings


def _years(sentence: SentenceFacts) -> dict[str, DateFact]:
    found: dict[str, DateFact] = {}
    for date in sentence.dates:
        m = _YEAR.match(date.value or "")
        if m and not date.relative:
            found.setdefault(m[1], date)
    return found


def _aligned_years(ctx: Context) -> list[Finding]:
    """Two sentences stating the same thing with years that share nothing."""
    findings: list[Finding] = []
    for group, a, b in ctx.aligned_pairs():
        ya, yb = _years(a), _years(b)
        if not ya or not yb or set(ya) & set(yb):
            continue
        if len(ya) > 1 or len(yb) > 1:
            continue  # several years each: cannot tell which one answers which
        (year_a, date_a), (year_b, date_b) = next(iter(ya.items())), next(iter(yb.items()))
        findings.append(
            Finding(
                kind="date",
                key=f"claim:{group}",
                what="the year",
                sides=[Side(year_a, [date_a.span]), Side(year_b, [date_b.span])],
                severity="high",
            )
        )
    return findings
