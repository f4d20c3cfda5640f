"""Number conflicts: quantities of the same thing whose qualified intervals share nothing.

"more than 40 people" is (40, inf); "some 30 adults and 14 children" are parts whose
sum (44) sits inside it; "about 5,000" and "as many as 5,000" overlap. Only counts of
the same thing, stated in sentences that say the same thing, are compared, and a count
that a sum of the other sentence's counts explains is no conflict.
"""

from __future__ import annotations

import math
import re

from newsdesk.compare.conflicts.base import (
    Context,
    Finding,
    Side,
    article_list,
    figure_text,
    mid_sentence,
)
from newsdesk.compare.model import LikelyError
from newsdesk.compare.view import SentenceFacts
from newsdesk.facts.model import NumberFact
from newsdesk.facts.numbers import INCREMENTS

# Rounding slack on exact figures: "40 ships" and "forty-two ships" are not a conflict
# worth a reader's time. Tuned on ecbplus-dev clean events (false conflicts per story
# 0.4 -> 0.2 when raised from 0 to 5%).
_EXACT_SLACK = 0.05
# Fractions below this are rounded to whole numbers in the telling ("4.5 months", "7.5%");
# above it a fraction is a figure's own precision ("1,480.5 yards" is no rounded 1,480)
_SMALL = 100


def bounds(n: NumberFact, slack: float = _EXACT_SLACK) -> tuple[float, float]:
    """The values ``n`` can stand for: its qualified interval, an exact figure give or
    take ``slack`` (a share of it) for rounding."""
    low = n.low if n.low is not None else float("-inf")
    high = n.high if n.high is not None else float("inf")
    if n.low == n.high == n.value:
        pad = abs(n.value) * slack
        low, high = n.value - pad, n.value + pad
        if abs(n.value) < _SMALL and not float(n.value).is_integer():
            # a small fraction is told rounded: a half either way ("two and a half
            # years" is "two years" in one report, "three years" in another), any other
            # to its nearest whole number ("7.2%" is "7%"; a magnitude 5.2 is no 6.2)
            if abs(n.value - math.floor(n.value) - 0.5) < 1e-9:
                whole_low, whole_high = math.floor(n.value), math.ceil(n.value)
            else:
                whole_low = whole_high = round(n.value)
            low, high = min(low, whole_low), max(high, whole_high)
    return low, high


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# What the facts stage's currency codes are called in a summary a reader reads alone.
_MONEY = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling", "JPY": "yen",
          "KRW": "won"}


# Currencies written as a word after the figure ("2 million euros"), as the facts stage
# keeps them, read as the code a symbol gives ("€2 million" is EUR): outlets write one
# sum both ways. "pounds" is left out: it weighs as often as it pays.
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "yen": "JPY"}


def currency(unit: str) -> str:
    """``unit`` as a currency code when it is a currency written out; else unchanged."""
    return _CURRENCY_WORDS.get(unit.lower().rstrip("s"), unit)


# English plurals without an -s: counted nouns all the same.
_PLURALS = frozenset({"people", "children", "men", "women", "police", "staff", "crew",
                      "personnel", "cattle", "livestock", "sheep", "fish", "deer"})


def quantity_name(unit: str | None) -> str:
    """How a conflict's summary names what a figure measures: "the number of workers",
    "the percentage", "the amount in euros" (not "the number of %" or "of EUR")."""
    unit = currency(unit) if unit else unit
    if not unit:
        return "the figure"
    if unit == "%":
        return "the percentage"
    if unit in _MONEY:
        return f"the amount in {_MONEY[unit]}"
    if unit.isalpha() and unit.islower() and not unit.endswith("s") and unit not in _PLURALS:
        # a singular noun the figure qualifies, not a count of it ("a magnitude 6.1
        # earthquake", "a 400-year heist"): "the number of earthquake" reads as a slip
        return f"the figure given for the {unit}"
    return f"the number of {unit}"


def _written_with_figure(unit: str | None) -> bool:
    """A unit the figure's own writing carries ("83 percent", "$5 million")."""
    return unit == "%" or unit in _MONEY


def with_unit(said: str, unit: str | None) -> str:
    """A figure as written with what it counts after it ("1,800 dockworkers"), unless the
    writing already says it ("83 percent", "$5 million")."""
    if not unit or _written_with_figure(unit):
        return said
    return f"{said} {unit}"


def holds(n: NumberFact, value: float) -> bool:
    """The qualified interval of ``n`` (a missing bound open, an exact figure give or take
    rounding) holds ``value``: "more than 20,000" holds 60,000."""
    return overlap(bounds(n), (value, value))


def same_unit(a: str | None, b: str | None) -> bool:
    """Units agree when equal or one names a kind of the other ("dockworkers"/"workers")."""
    if not a or not b:
        return a == b
    x, y = currency(a).lower().rstrip("s"), currency(b).lower().rstrip("s")
    if x.split(" ")[0] in INCREMENTS or y.split(" ")[0] in INCREMENTS:
        return x == y  # "two more people": an increase, comparable only with an increase
    return x == y or x.endswith(y) or y.endswith(x)


# Only sentences that state nearly the same thing have their counts compared (tuned on
# ecbplus-dev clean events: at 0.55 records and scores of different games clashed; at
# 0.7 sports and outage stories still gave 0.8 false number conflicts per story; 0.8
# keeps paraphrased statements of one count). Pairing several counts in order, or bare
# numbers with no counted noun, needs near-identical lines.
_SAME_STATEMENT = 0.8
_NEAR_IDENTICAL = 0.9
# scores and records ("162-139", "9-14"), times ("6:00 p.m."): not counts of a thing;
# compound adjectives ("a 12-day strike", "an 11-yard pass", "a seven-year deal",
# tokenised "11 - yard") describe, not count -- save ages ("a 35-year-old deputy"),
# which reports give alike and editors check (ecbplus-dev clean events: spaced compounds
# gave five of 22 number alarms, yardages of different plays and offers of different clubs)
_NOT_A_COUNT = re.compile(
    r"^\s*(?:[-\u2013:/]\s*\d|[ap]\.?m\b)|^\s?[-\u2013]\s?(?!years?\s?[-\u2013]?\s?old)[a-z]",
    re.IGNORECASE,
)
_BEFORE_NOT_A_COUNT = re.compile(r"\d\s*[-\u2013:/]\s*$")
# a converted figure in brackets after the original: "$US1 million ($1.52 million)"
_CONVERSION = re.compile(r"\d[\w. ]{0,12}\(\s*$")


# a rate, not a count: "eight rebounds a game", "5.2 yards a carry", "$40 an hour" -- a
# season's average against one game's tally is no contradiction (ecbplus-dev clean events)
_RATE = re.compile(
    r"^\s*[a-z%$-]*\s*(?:a|an|per|each)\s+(?:game|match|contest|start|carry|play|night|day|"
    r"week|month|year|season|hour|minute|person|head)\b",
    re.IGNORECASE,
)


def is_count(ctx: Context, n: NumberFact) -> bool:
    text = ctx.view.articles[n.span.article].get(n.span.field)
    if re.search(r"\d\s*[-\u2013]\s*\d", text[n.span.start : n.span.end]):
        return False  # "9-14": a record or a score, not a count
    after = text[n.span.end :]
    if _FRAGMENT_AFTER.match(after) or _FRAGMENT_BEFORE.search(text[: n.span.start]):
        return False
    if re.match(r"\D*0\d", text[n.span.start : n.span.end]):
        return False
    if _CONVERSION.search(text[max(0, n.span.start - 16) : n.span.start]):
        return False
    return not (
        _NOT_A_COUNT.match(after) or _BEFORE_NOT_A_COUNT.search(text[: n.span.start])
        or _RATE.match(after)
    )


# Part of a figure split by tokenised text ("$37. 5 million", "1, 029 yards", "5. 2 yards
# a carry"): either piece read as a figure of its own contradicts every other report
# (ecbplus-dev clean events: four such number alarms on 66 events). "029": a fragment too.
_FRAGMENT_AFTER = re.compile(r"^[.,]\s\d")
_FRAGMENT_BEFORE = re.compile(r"\d[.,]\s$")


_SLOT_WINDOW = 4
_SLOT_WORD = re.compile(r"[a-z][a-z'-]+")


def slot_words(ctx: Context, n: NumberFact) -> set[str]:
    """Content words within four words either side of ``n`` (its counted noun left out):
    what the figure is said of ("23 points *to become* the *leading scorer*" against
    "five points *during* a *run*"). Tuned on ecbplus-dev clean events, where near-
    identical game reports gave different players' tallies in matching sentences."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = ctx.view.articles[n.span.article].get(n.span.field).lower()
    row = ctx.sentence_of(n.span)  # never past the sentence: "She was 91." has no slot words
    start, end = max(0, n.span.start - 60), n.span.end + 60
    if row >= 0:
        bounds = ctx.view.sentences[row].span
        start, end = max(start, bounds.start), min(end, bounds.end)
    left = _SLOT_WORD.findall(text[start : n.span.start])[-_SLOT_WINDOW:]
    right = _SLOT_WORD.findall(text[n.span.end : end])[:_SLOT_WINDOW]
    unit = (n.unit or "").lower().rstrip("s")
    return {
        w for w in left + right
        if w not in STOP_WORDS and len(w) > 2 and (not unit or w.rstrip("s") != unit)
    }


# Steps up the parse from a figure to the verb it is said with: "played for the Sixers
# for 11 seasons" is figure -> noun -> preposition -> verb.
_VERB_CLIMB = 4


def governing_verb(ctx: Context, n: NumberFact) -> str | None:
    """The content verb ``n`` is said with, however far the window of :func:`slot_words`
    leaves it ("*played* for the Sixers for 11 seasons", "*played* for 11 seasons with the
    team"), lower case; none for a light verb ("has", "was", "made") or no parse."""
    from spacy.lang.en.stop_words import STOP_WORDS

    token = ctx.token_at(n.span)
    for _ in range(_VERB_CLIMB):
        if token is None or token.pos_ == "VERB" or token.head is token:
            break
        token = token.head
    if token is None or token.pos_ != "VERB" or token.lower_ in STOP_WORDS:
        return None
    return token.lower_


def said_alike(ctx: Context, x: NumberFact, y: NumberFact) -> bool:
    """The two figures are said of the same thing where they stand: a content word near
    both, or the same verb governing both."""
    if slot_words(ctx, x) & slot_words(ctx, y):
        return True
    verb = governing_verb(ctx, x)
    return verb is not None and verb == governing_verb(ctx, y)


def close(a: float, b: float) -> bool:
    """Two figures equal but for rounding: "40" and "41"."""
    return abs(a - b) <= _EXACT_SLACK * max(abs(a), abs(b))


def same_value(a: NumberFact, b: NumberFact) -> bool:
    """The figures as stated agree (rounding slack): "more than 10" attests 10, not 500."""
    return close(a.value, b.value)


def _grain(value: float) -> float:
    """The step a figure is written to: 1 for 2,117, 100 for 2,100, 1,000 for 5,000."""
    if not float(value).is_integer() or value == 0:
        return 0.0  # a fraction: written to its own decimals
    grain, whole = 1.0, abs(int(value))
    while whole % 10 == 0:
        whole //= 10
        grain *= 10
    return grain


def tells(m: NumberFact, n: NumberFact) -> bool:
    """Whether stating ``m`` tells ``n``'s figure: the same figure, or one of the two a
    rounding of the other to its own step, and close ("2,100" tells 2,129; "5,000" tells
    4,800; "200,000" is no telling of 235,000).
    Two precise figures a little apart are two figures: a record of 2,117 points does
    not tell a total of 2,129 (ecbplus-dev: a report that gave the record it passed was
    read as stating the others' total, and its changed total went unflagged). Looser than
    this, :func:`same_value` is for whether two figures may be one telling of a count."""
    if m.value == n.value:
        return True
    step = max(_grain(m.value), _grain(n.value))
    return same_value(m, n) and step > 1 and abs(m.value - n.value) <= step / 2


def different_accounts(a: SentenceFacts, x: NumberFact, b: SentenceFacts, y: NumberFact) -> bool:
    """Both sentences give other figures and not one of them agrees: two stat lines of
    different games, seasons or players, not one account with one figure wrong
    (ecbplus-dev clean events: "13 homers and 43 RBIs in 54 games" against "33 homers
    and 121 RBIs" in "a combined 157 games")."""
    xs = [n for n in a.numbers if n is not x and n.unit and not _is_year_like(n)]
    ys = [n for n in b.numbers if n is not y and n.unit and not _is_year_like(n)]
    if not xs or not ys:
        return False
    # values only: one account names its nouns differently ("five TDs", "five touchdowns")
    return not any(same_value(m, n) for m in xs for n in ys)


def attested_by(ctx: Context, n: NumberFact, *, told: bool = False) -> list[str]:
    """Independent articles that state ``n``'s figure of its unit anywhere in the story:
    how well the whole story attests a value, not only the sentence it was found in.
    Give or take rounding, or, ``told``, as :func:`tells` has it."""
    view = ctx.view
    match = tells if told else same_value
    who = [
        s.article for s in view.sentences for m in s.numbers
        if same_unit(m.unit, n.unit) and not _is_year_like(m) and match(m, n)
    ]
    return view.independent(list(dict.fromkeys(who)))


def _is_year_like(n: NumberFact) -> bool:
    return n.unit is None and 1800 <= n.value <= 2100 and float(n.value).is_integer()


def _same_lines(ctx: Context) -> list[tuple[int, SentenceFacts, SentenceFacts]]:
    """Sentences of different articles that read alike word for word once their figures are
    masked ("She was 91." / "She was 273."): the sentence encoder reads a different figure
    as a different sentence, an editor reads it as the same line with one figure changed."""
    lines: dict[str, list[tuple[int, SentenceFacts]]] = {}
    for row, s in enumerate(ctx.view.sentences):
        if not s.numbers or s.span.field != "text":
            continue
        masked = s.text
        for n in sorted(s.numbers, key=lambda n: -n.span.start):
            start, end = n.span.start - s.span.start, n.span.end - s.span.start
            masked = masked[:start] + "#" + masked[end:]
        key = " ".join(re.findall(r"[a-z#]+", masked.lower()))
        lines.setdefault(key, []).append((row, s))
    out = []
    for same in lines.values():
        for x, (row, a) in enumerate(same):
            for _, b in same[x + 1 :]:
                if a.article != b.article:
                    out.append((-1 - row, a, b))  # a key of its own, apart from the claims
    return out


def detect_numbers(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    aligned = list(ctx.aligned_pairs(_SAME_STATEMENT))
    seen = {(a.span, b.span) for _, a, b in aligned} | {(b.span, a.span) for _, a, b in aligned}
    same_lines = [(g, a, b) for g, a, b in _same_lines(ctx) if (a.span, b.span) not in seen]
    for group, a, b in aligned + same_lines:
        near_identical = group < 0 or ctx.similarity(a, b) >= _NEAR_IDENTICAL
        counts_a = [n for n in a.numbers if not _is_year_like(n) and is_count(ctx, n)]
        counts_b = [n for n in b.numbers if not _is_year_like(n) and is_count(ctx, n)]
        pairs = _pairs(counts_a, counts_b, in_order=near_identical)
        if len(pairs) >= 2 and all(not overlap(bounds(x), bounds(y)) for x, y in pairs):
            # every figure differs: two stat lines of different games or seasons, not one
            # account with one figure wrong (ecbplus-dev: "13 homers and 43 RBIs in 54
            # games" against "33 homers and 121 RBIs" in a combined 157 games)
            continue
        for x, y in pairs:
            if overlap(bounds(x), bounds(y)):
                continue
            if x.unit is None and not near_identical:
                continue
            # a total against its parts: the other sentence's counts may add up to this one
            if _explained_by_sum(x, b.numbers) or _explained_by_sum(y, a.numbers):
                continue
            words_x, words_y = slot_words(ctx, x), slot_words(ctx, y)
            if not words_x & words_y and (words_x or words_y or not near_identical):
                continue  # same noun, said of different things ("She was 91." has none)
            if different_holders(a, x, b, y, ctx):
                continue
            text_x = figure_text(ctx.view, x)
            text_y = figure_text(ctx.view, y)
            unit = x.unit or y.unit or "the figure"
            findings.append(
                Finding(
                    kind="number",
                    key=f"claim:{group}:{unit.lower().rstrip('s')}",
                    what=quantity_name(x.unit or y.unit),
                    sides=[Side(text_x, [x.span]), Side(text_y, [y.span])],
                    # medium: reports revise counts as a story develops
                    severity="medium",
                    # the story-wide tally judges only lines that differ in little else
                    blame=(_lone_figure(ctx, x, y) or _lone_figure(ctx, y, x))
                    if near_identical else None,
                )
            )
    return findings


def different_holders(
    a: SentenceFacts, x: NumberFact, b: SentenceFacts, y: NumberFact, ctx: Context
) -> bool:
    """Each figure is said of someone named, and they are two ("the 19-year-old Kay Doe"
    and "the 24-year-old Ewan Doe"; "Doe ran for 64 yards" and "Roe ran for nine yards"):
    the person the figure is attached to, else the named subject of its clause."""
    from newsdesk.compare.conflicts.attached import (
        holder,
        same_holder,
        same_subject,
        subject_holder,
    )

    hx, hy = holder(ctx, a, x), holder(ctx, b, y)
    if hx is not None and hy is not None:
        return not same_holder(hx, hy)
    sx, sy = hx or subject_holder(ctx, a, x), hy or subject_holder(ctx, b, y)
    return sx is not None and sy is not None and not same_subject(sx, sy)


def _lone_figure(ctx: Context, x: NumberFact, y: NumberFact) -> LikelyError | None:
    """``x`` is the likely error when no other report states it anywhere in the story, its
    own report never states ``y``, and two or more independent reports state ``y``."""
    mine = x.span.article
    if attested_by(ctx, x) != [mine] or mine in attested_by(ctx, y, told=True):
        return None
    support = attested_by(ctx, y)
    if len(support) < 2:
        return None
    said = figure_text(ctx.view, x)
    return LikelyError(
        [mine], said,
        f"Outvoted: no other report gives {mid_sentence(said)}; {article_list(support)} "
        f"give {mid_sentence(figure_text(ctx.view, y))} in the story.",
    )


def _pairs(
    xs: list[NumberFact], ys: list[NumberFact], *, in_order: bool
) -> list[tuple[NumberFact, NumberFact]]:
    """Which count of one sentence answers which of the other: per unit, the only one
    each, or -- when both give the same number of counts of that unit -- the counts in
    the order they are given ("Smith, 61, ... killing Jones, 40" against "Smith, 183, ...
    killing Jones, 40"), unless a count of the other sentence already matches it."""
    pairs = []
    units: list[str | None] = []
    for n in xs:
        if not any(same_unit(n.unit, u) for u in units):
            units.append(n.unit)
    for unit in units:
        mine = [n for n in xs if same_unit(n.unit, unit)]
        theirs = [n for n in ys if same_unit(n.unit, unit)]
        if not theirs or len(mine) != len(theirs) or (len(mine) > 1 and not in_order):
            continue
        for x, y in zip(mine, theirs):
            if any(overlap(bounds(x), bounds(t)) for t in theirs):
                continue  # this figure is given by the other sentence too, elsewhere
            pairs.append((x, y))
    return pairs


def _explained_by_sum(total: NumberFact, parts: tuple[NumberFact, ...]) -> bool:
    counts = [p for p in parts if not _is_year_like(p) and p is not total]
    if len(counts) < 2:
        return False
    return overlap(bounds(total), (sum(p.low or p.value for p in counts),
                                      sum(p.high or p.value for p in counts)))
