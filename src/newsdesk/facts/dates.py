"""Dates stated in a text field, as ISO values exactly as precise as the text is.

Why hand-written rules rather than ``dateparser.search.search_dates``: dateparser always
completes a partial date from its base ("Mar 4" becomes a full date in the base year),
so a year-less date could not stay year-less, its search gives no character offsets, and
it happily reads "may" or "March on" as dates. The grammar below is small and explicit
about precision. dateparser is still used for what it does best: arithmetic on
"N days/weeks/months/years ago" against a relative base.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Month names must be capitalised: "may", "march" and "sept" are ordinary words otherwise.
# All capitals too, as datelines write them ("SEPTEMBER 16, 2013 11:12AM").
_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|"
    r"OCTOBER|NOVEMBER|DECEMBER)(?![a-zA-Z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|"
    r"OCT|NOV|DEC)(?![a-zA-Z])\.?)"
)
_WD = r"(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_B = r"(?<![\w-])"  # no match inside a word or a hyphenated token
_E = r"(?![\w])"

# Cues that an undated weekday lies ahead of the publication date ("will meet on Friday",
# "said the road would stay shut until Saturday", "forecasters expect rain on Sunday").
_FUTURE = re.compile(
    r"\b(will|'ll|shall|would|expects?|expected|scheduled|set to|due to|plans?|planned|going to|to be|"
    r"next|upcoming|ahead)\b",
    re.IGNORECASE,
)

_REL_WORDS = r"(?P<rel>last|next|this|past|coming|previous|earlier this|later this)"

# Order matters: longer, more precise forms first; a span once taken is not re-read.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_B + r"(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)" + _E)),
    # "12/19/2005", "04 / 04 / 2012" (tokenised): read only when one order of day and
    # month is possible -- "04/09/2012" is April 9 in one country, 4 September in another
    ("numeric", re.compile(
        _B + r"(?P<a>[0-3]?\d)\s?/\s?(?P<b>[0-3]?\d)\s?/\s?(?P<year>(?:19|20)\d\d)" + _E)),
    (
        "wd_paren",  # "Friday (Mar 4)" -- a wire-service habit
        re.compile(_B + _WD + r"\s*\(\s*" + _MON + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?\s*\)"),
    ),
    (
        "dmy",  # "Tuesday, 13 January 2024", "13th of January", "the 13th of January"
        re.compile(
            _B + r"(?:" + _WD + r",?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON
            + r"(?:,?\s+" + _YEAR + r")?" + _E
        ),
    ),
    (
        "mdy",  # "Tuesday, January 13th, 2024", "Jan. 13"
        re.compile(
            _B + r"(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r"(?!\d)(?:,?\s+" + _YEAR + r")?"
            + r"(?![\w:])"
        ),
    ),
    ("my", re.compile(_B + _MON + r"\s+(?:of\s+)?" + _YEAR + _E)),
    (
        "mon_rel_year",  # "August of last year", "June this year"
        re.compile(_B + _MON + r"\s+(?:of\s+)?" + r"(?P<rel>last|next|this)\s+year" + _E),
    ),
    (
        "ago",  # "three weeks ago", "a year ago"
        re.compile(
            _B + r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago" + _E,
            re.IGNORECASE,
        ),
    ),
    ("dayword", re.compile(_B + r"(?P<dw>yesterday|today|tomorrow|tonight)" + _E, re.IGNORECASE)),
    ("rel_unit", re.compile(_B + _REL_WORDS + r"\s+(?P<unit>week|month|year)" + _E, re.IGNORECASE)),
    ("rel_mon", re.compile(_B + r"(?P<rel>last|next|this|in)\s+" + _MON + _E)),
    (
        "bare_mon",  # "the end of January", "since March": a year-less month
        re.compile(r"\b(?:of|since|until|by|from|before|after|early|late|mid)[ -]" + _MON + _E),
    ),
    ("rel_wd", re.compile(_B + r"(?:(?P<rel>last|next|this|on|coming)\s+)?" + _WD + _E)),
    ("year", re.compile(_B + r"(?<![$€£\d.,])" + _YEAR + r"(?![\d,.]\d)(?!\s*(?:%|percent))" + _E)),
]

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3,
}
# Words before a four-digit number that make it a count or an amount, not a year.
_COUNT_BEFORE = re.compile(
    r"(more than|over|about|some|nearly|almost|around|at least|up to|as many as|"
    r"fewer than|less than|roughly|approximately|top|number|No\.)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a string: offsets, ISO value, stated weekday and flags."""

    start: int
    end: int
    value: str | None
    weekday: str | None = None
    relative: bool = False
    weekday_mismatch: bool = False


def parse_published(published: str | None) -> dt.date | None:
    """The publication date of an article (ISO date or datetime), or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _weekday_name(value: str | None) -> str | None:
    return value.capitalize() if value else None


def _nearest_year(month: int, day: int, base: dt.date) -> int | None:
    """The year that puts a year-less day closest to the publication date."""
    best: tuple[int, int] | None = None
    for year in (base.year - 1, base.year, base.year + 1):
        if _valid(year, month, day):
            gap = abs((dt.date(year, month, day) - base).days)
            if best is None or gap < best[0]:
                best = (gap, year)
    return best[1] if best else None


def _mismatch(weekday: str | None, year: int | None, month: int, day: int,
              base: dt.date | None) -> bool:
    """A stated weekday that the date does not fall on.

    For a year-less date the year nearest the publication date is assumed (only for this
    check; the value stays year-less).
    """
    if weekday is None:
        return False
    if year is None:
        year = _nearest_year(month, day, base) if base else None
        if year is None:
            return False
    if not _valid(year, month, day):
        return False
    return WEEKDAYS[dt.date(year, month, day).weekday()] != weekday.lower()


def _future_context(text: str, start: int) -> bool:
    """Whether the clause before ``start`` talks about the future."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind("!", 0, start))
    return bool(_FUTURE.search(text[left + 1 : start]))


def _resolve_weekday(weekday: str, rel: str | None, base: dt.date, future: bool) -> dt.date:
    target = WEEKDAYS.index(weekday.lower())
    delta = (target - base.weekday()) % 7
    if rel == "next":
        return base + dt.timedelta(days=delta or 7)
    if rel == "last":
        return base - dt.timedelta(days=((base.weekday() - target) % 7) or 7)
    if rel == "coming" or (future and rel != "last"):
        return base + dt.timedelta(days=delta)
    # Reports mostly tell what already happened: the most recent such day, today included.
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def _ago(n_text: str, unit: str, base: dt.date) -> str:
    import dateparser  # imported lazily: it takes a moment to load its language data

    n = int(n_text) if n_text.isdigit() else _NUM_WORDS[n_text.lower()]
    when = dateparser.parse(
        f"{n} {unit.lower()}s ago",
        languages=["en"],
        settings={"RELATIVE_BASE": dt.datetime.combine(base, dt.time(12))},
    )
    if when is None:  # pragma: no cover - dateparser reads every form the regex admits
        return base.isoformat()
    day = when.date()
    unit = unit.lower()
    if unit == "year":
        return f"{day.year:04d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _read(kind: str, m: re.Match[str], text: str, base: dt.date | None) -> FoundDate | None:
    g = m.groupdict()
    wd = _weekday_name(g.get("wd"))
    month: int | None
    year: int | None
    value: str | None
    if kind == "iso":
        year, month, day = int(g["year"]), int(g["m"]), int(g["day"])
        if not _valid(year, month, day):
            return None
        return FoundDate(m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}")
    if kind == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        readings = {(mm, dd) for mm, dd in ((a, b), (b, a)) if _valid(year, mm, dd)}
        if len(readings) != 1:
            return FoundDate(m.start(), m.end(), f"{year:04d}")  # which is the month is unknown
        ((month, day),) = readings
        return FoundDate(m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}")
    if kind in ("wd_paren", "dmy", "mdy"):
        month = _month(g["mon"])
        day = int(g["day"])
        if month is None or not 1 <= day <= 31:
            return None
        year = int(g["year"]) if g.get("year") else None
        if year is not None and not _valid(year, month, day):
            return None
        if year is None and not _valid(2000, month, day):  # 2000 is a leap year
            return None
        value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        return FoundDate(m.start(), m.end(), value, wd, False, _mismatch(wd, year, month, day, base))
    if kind == "my":
        month = _month(g["mon"])
        if month is None:
            return None
        return FoundDate(m.start(), m.end(), f"{int(g['year']):04d}-{month:02d}")
    if kind == "mon_rel_year":
        month = _month(g["mon"])
        if month is None:
            return None
        if base is None:
            return FoundDate(m.start(), m.end(), None, relative=True)
        year = base.year + {"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
        return FoundDate(m.start(), m.end(), f"{year:04d}-{month:02d}", relative=True)
    if kind == "ago":
        value = _ago(g["n"], g["unit"], base) if base else None
        return FoundDate(m.start(), m.end(), value, relative=True)
    if kind == "dayword":
        if base is None:
            return FoundDate(m.start(), m.end(), None, relative=True)
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["dw"].lower()]
        return FoundDate(m.start(), m.end(), (base + dt.timedelta(days=shift)).isoformat(),
                         relative=True)
    if kind == "rel_unit":
        if base is None:
            return FoundDate(m.start(), m.end(), None, relative=True)
        rel = g["rel"].lower()
        step = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0
        unit = g["unit"].lower()
        if unit == "year":
            return FoundDate(m.start(), m.end(), f"{base.year + step:04d}", relative=True)
        if unit == "month":
            month0 = base.year * 12 + base.month - 1 + step
            return FoundDate(m.start(), m.end(), f"{month0 // 12:04d}-{month0 % 12 + 1:02d}",
                             relative=True)
        return FoundDate(m.start(), m.end(), _iso_week(base + dt.timedelta(weeks=step)),
                         relative=True)
    if kind == "rel_mon":
        month = _month(g["mon"])
        if month is None:
            return None
        rel = g["rel"].lower()
        if rel == "in":
            # "in June" with no year: as precise as stated, a year-less month.
            return FoundDate(m.start() + 3, m.end(), f"--{month:02d}")
        if base is None:
            return FoundDate(m.start(), m.end(), None, relative=True)
        if rel == "last":
            year = base.year if month < base.month else base.year - 1
        elif rel == "next":
            year = base.year if month > base.month else base.year + 1
        else:
            year = base.year
        return FoundDate(m.start(), m.end(), f"{year:04d}-{month:02d}", relative=True)
    if kind == "bare_mon":
        month = _month(g["mon"])
        return FoundDate(m.start("mon"), m.end(), f"--{month:02d}") if month else None
    if kind == "rel_wd":
        rel = (g.get("rel") or "").lower() or None
        start = m.start() if rel in ("last", "next", "this", "coming") else m.start("wd")
        if base is None:
            return FoundDate(start, m.end(), None, wd, relative=True)
        when = _resolve_weekday(wd or "", rel, base, _future_context(text, m.start()))
        return FoundDate(start, m.end(), when.isoformat(), wd, relative=True)
    if kind == "year":
        if _COUNT_BEFORE.search(text[max(0, m.start() - 25) : m.start()]):
            return None
        return FoundDate(m.start(), m.end(), g["year"])
    raise AssertionError(kind)  # pragma: no cover


def find_dates(text: str, published: str | dt.date | None = None) -> list[FoundDate]:
    """Every date expression in ``text``, left to right, none overlapping."""
    base = published if isinstance(published, dt.date) else parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            fact = _read(kind, m, text, base)
            if fact is None:
                continue
            taken.append((fact.start, fact.end))
            found.append(fact)
    found.sort(key=lambda f: f.start)
    return found
