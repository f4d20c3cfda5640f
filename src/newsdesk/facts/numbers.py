"""Counts and amounts: the value, what is counted, and the interval its qualifier implies.

Why hand-written rather than quantulum3: quantulum3 reads units of measure well but not
what a bare count counts ("212 miners", "as many as 4,000 seasonal workers"), has no
notion of hedges ("some", "as many as", "more than") and turns years into quantities.
Here the number and its qualifier are found with a small grammar, and the counted noun
comes from spaCy's dependency parse (the noun the number modifies), which is what
``nummod`` is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "m": 1e6, "bn": 1e9, "k": 1e3, "mn": 1e6, "mln": 1e6, "bln": 1e9}
# Vague plurals: "hundreds" is at least two hundred and fewer than a thousand.
_VAGUE = {
    "dozens": (24.0, 144.0), "scores": (40.0, 200.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 999999.0), "millions": (2e6, 999999999.0), "billions": (2e9, 999e9),
    "tens of thousands": (2e4, 99999.0), "hundreds of thousands": (2e5, 999999.0),
    "tens of millions": (2e7, 99999999.0),
}
_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}

# qualifier -> how it bounds the stated number n
_ABOUT = ("some", "about", "approximately", "around", "roughly", "nearly", "almost",
          "an estimated", "estimated", "close to", "approx.", "circa", "more or less")
_ABOVE = ("more than", "over", "just over", "upwards of", "in excess of")
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of")
_UP_TO = ("as many as", "up to", "at most", "no more than", "as much as", "a maximum of")
_BELOW = ("fewer than", "less than", "under", "just under", "below")
_QUALIFIERS = sorted(_ABOUT + _ABOVE + _AT_LEAST + _UP_TO + _BELOW, key=len, reverse=True)
# ±10 %: the reading of "some / about / approximately / nearly".
ABOUT_MARGIN = 0.10

_WORD = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:-(?:" + "|".join(list(_UNITS_WORDS)[1:10])
    + r"))?|" + "|".join(_UNITS_WORDS) + r"|a dozen|half a dozen|a hundred|a thousand)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)|\s?(?:mln|mn|bln|bn|m|k)\b)?"
_HALF = r"(?:\s+and\s+a\s+half\b|\s?½)"  # "four and a half", "4½"
_NUM = r"(?:" + _DIGITS + r"|" + _WORD + r")" + _HALF + r"?" + _SCALE
_CUR = r"(?P<cur>US\$|\$|€|£|¥|₩)?"
_QUAL = r"(?:(?P<qual>" + "|".join(re.escape(q) for q in _QUALIFIERS) + r")\s+)?"
_PCT = r"(?P<pct>\s?%|\s+per\s?cent\b)?"

_NUMBER = re.compile(
    r"(?<![\w.,/:$€£¥₩-])"
    + r"(?:(?P<between>between|from)\s+)?" + _QUAL + _CUR + r"(?P<a>" + _NUM + r")"
    + r"(?:(?P<sep>\s*(?:-|–|to|and)\s*)" + r"(?P<cur2>US\$|\$|€|£|¥|₩)?(?P<b>" + _NUM + r"))?"
    + _PCT + r"(?![\w/:]|[.,]\d)",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"(?<![\w-])(?:" + _QUAL + r")(?P<vague>tens of thousands|hundreds of thousands|"
    r"tens of millions|dozens|scores|hundreds|thousands|millions|billions)(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundNumber:
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None = None
    qualifier: str | None = None
    subject: tuple[int, int] | None = None  # see :func:`subject_of`


def word_value(text: str) -> float | None:
    """The value of a number written in digits or English words, with a scale word."""
    t = text.lower().replace("\u00a0", " ").strip()
    scale = 1.0
    parts = t.split()
    if len(parts) > 1 and parts[-1] in _SCALES:
        scale = _SCALES[parts[-1]]
        t = " ".join(parts[:-1])
    else:
        m = re.fullmatch(r"([\d.,]+)\s?(m|bn|k)", t)
        if m:
            t, scale = m.group(1), _SCALES[m.group(2)]
    whole, half = re.subn(_HALF + r"$", "", t)
    if half:
        value = word_value(whole)
        return None if value is None else (value + 0.5) * scale
    if re.fullmatch(_DIGITS, t):
        return float(t.replace(",", "")) * scale
    if t == "a dozen":
        return 12.0 * scale
    if t == "half a dozen":
        return 6.0 * scale
    if t in ("a hundred", "a thousand"):
        return _SCALES[t.split()[1]] * scale
    if t in _UNITS_WORDS:
        return float(_UNITS_WORDS[t]) * scale
    tens, _, units = t.partition("-")
    if tens in _TENS_WORDS and (not units or units in _UNITS_WORDS):
        return float(_TENS_WORDS[tens] + _UNITS_WORDS.get(units, 0)) * scale
    return None


def interval(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    """The interval a qualifier puts around a stated number (None = unbounded)."""
    q = (qualifier or "").lower()
    if q in _ABOUT:
        return round(value * (1 - ABOUT_MARGIN), 6), round(value * (1 + ABOUT_MARGIN), 6)
    if q in _ABOVE or q in _AT_LEAST:
        return value, None
    if q in _UP_TO or q in _BELOW:
        return 0.0, value
    return value, value


def _counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The noun a number modifies: "212 miners", "4,000 seasonal workers", "hundreds of X"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    last: Token = span[-1]
    for tok in reversed(span):
        if tok.like_num or tok.lower_ in _VAGUE or tok.lower_ in _SCALES:
            last = tok
            break
    head = last.head
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    # "two more people died": the number counts an increase, not the people in all
    extra = nxt.lower_ + " " if nxt is not None and nxt.lower_ in INCREMENTS else ""
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        return extra + head.text + _difference(head)
    # "hundreds of workers", "two of the leaders": the object of the following "of"
    if nxt is not None and nxt.lower_ == "of":
        for child in nxt.children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return child.text
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.is_alpha:
        return nxt.text
    return None


# Words after a measure that make it a difference or an offset, not an amount: "five
# laps sooner", "two years older" (any comparative), "three days earlier", "ten years ago".
_OFFSETS = ("later", "earlier", "ago")
# ... or a margin between two sides: "six points down", "three goals ahead" -- right
# after the noun, however the parser attaches them (a particle, an adverb).
_MARGINS = ("down", "behind", "ahead", "clear", "adrift")
# Words right after a number that make it count a change, not the whole: "two more
# people", "three additional flights". The compare stage keeps such counts apart.
INCREMENTS = ("more", "fewer", "additional", "extra", "further")


def _difference(noun: Token) -> str:
    """The comparative or margin a counted noun measures ("sooner" in "three laps sooner",
    "down" in "six points down"), with a leading space, or "": a difference is another
    quantity than the thing itself, and "finished three laps sooner" does not contradict
    "won in eight laps"."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.lower_ in _MARGINS:
        return " " + after.lower_
    head = noun.head
    if noun.dep_ == "npadvmod" and head.i == noun.i + 1 and (
            head.tag_ in ("JJR", "RBR") or head.lower_ in _OFFSETS):
        return " " + head.lower_
    return ""


# The dependency labels of a clause's subject, active and passive.
_SUBJECTS = ("nsubj", "nsubjpass")


def subject_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Whose figure it is: the proper-name words of the subject of the clause a figure is
    said in ("the Danish Navy" in "the Danish Navy seized six trawlers"),
    as character offsets, or None.

    Two reports that give different figures for different subjects ("Smith ran for 64
    yards" / "Jones ran for nine yards") tell of two things, not one thing told two ways.
    None when the figure is inside the subject itself ("71 percent of voters said"),
    when the subject is a pronoun or a common noun with no name in it ("police said"),
    or when the parse gives no clause: nothing is known, and nothing is kept apart.
    A conjoined verb takes the subject of the first ("... and coached for six seasons"),
    a relative clause the noun it describes ("Doe, who ran for 64 yards").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok: Token = span[-1]
    words = 0  # the words passed on the way up, past prepositions and numbers
    while tok.pos_ not in ("VERB", "AUX"):
        if tok.dep_ in _SUBJECTS or tok.head.i == tok.i:
            return None  # inside the subject, or no verb above the figure
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX", "ADP", "NUM", "PUNCT", "CCONJ"):
            words += 1
            if words > 1 and tok.dep_ != "dobj":
                # said of another noun than the verb's object: "the paper's editor for
                # 250 issues" is not the subject's own figure ("made 14 tackles for 40
                # yards" is)
                return None
    verb = tok
    while True:
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if subjects or verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head  # "... and coached for six seasons": the first verb's subject
    if not subjects:
        return None
    head = subjects[0]
    if head.lower_ in ("he", "she"):
        # the person named last before it in the sentence ("Doe left the mill, where
        # she had worked for 22 years"), if any
        before = [e for e in head.sent.ents if e.label_ == "PERSON" and e.end <= head.i]
        return (before[-1].start_char, before[-1].end_char) if before else None
    if head.pos_ == "PRON":
        if head.lower_ not in ("who", "which", "that") or verb.dep_ != "relcl":
            return None
        head = verb.head  # "Doe, who ran for 64 yards": Doe
    sentence_start = head.sent.start
    skip = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    names = [
        t for t in head.subtree
        if t.i not in skip and (t.pos_ == "PROPN" or (
            t.pos_ == "ADJ" and t.text[:1].isupper() and t.i != sentence_start))
    ]
    if not names:
        return None
    run = [names[0]]  # the first run of name words ("the Rovers' Ade Okafor-Lind")
    for t in names[1:]:
        between = doc[run[-1].i + 1 : t.i]
        if any(not (w.is_punct and w.text in "-'") and w.tag_ != "POS" for w in between):
            break
        run.append(t)
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


# Capital letters right before a number make it a model or a designation ("KX 90",
# "B-52", "G 20"): one to three of them, a word on their own.
_MODEL = re.compile(r"(?<![\w-])[A-Z]{1,3}(?:\s?-\s?|\s)$")  # "KX 90", "KX-90", "KX - 90"


def _read_number(doc: Doc, m: re.Match[str]) -> FoundNumber | None:
    text = m.string
    a = word_value(m.group("a"))
    if a is None:
        return None
    is_word = not any(c.isdigit() for c in m.group("a"))
    if not is_word and not m.group("cur") and _MODEL.search(text[: m.start("a")]):
        return None  # "12 KX 90 rifles", "a B-52": the number names a model, not a count
    if is_word and m.group("a")[0].isupper() and m.start("a") > 0 \
            and text[: m.start("a")].rstrip()[-1:] not in ".!?\"“":
        return None  # "the One China policy": a capitalised number word inside a name
    qual = m.group("qual")
    b = word_value(m.group("b")) if m.group("b") else None
    sep = (m.group("sep") or "").strip().lower()
    start, end = m.start(), m.end()
    ranged = b is not None and b > a and bool(sep in ("-", "–", "to") or m.group("between"))
    low: float | None
    high: float | None
    if ranged and b is not None:
        # "some 10-20": the hedge widens both ends
        low, high = interval(a, qual)[0], interval(b, qual)[1]
        value = (a + b) / 2
    else:
        value = a
        low, high = interval(a, qual)
        if b is not None:
            end = m.end("a")  # "212 and 38", "2-1": two numbers, not a range
        if m.group("between"):  # "from 5" with no second number is not a range
            start = m.start("qual") if qual else (m.start("cur") if m.group("cur") else m.start("a"))
    unit: str | None
    if m.group("pct") and (ranged or b is None):
        unit = "%"
    elif m.group("cur"):
        unit = _CURRENCY[m.group("cur").replace("us", "US")]
    else:
        unit = _counted_noun(doc, m.start("a"), m.end("b") if ranged else m.end("a"))
    if is_word and m.group("a").lower() == "one" and text[m.end("a") : m.end("a") + 3] == " of":
        return None  # "one of the things" is a pronoun, not a count
    if is_word and unit is None and not qual:
        return None  # "the two" with nothing counted
    return FoundNumber(start, end, value, low, high, unit, qual.lower() if qual else None,
                       subject_of(doc, m.start("a"), m.end("a")))


# Continental Europe writes 18.400 for eighteen thousand four hundred and 4,2 for four
# point two; machine translations from those languages often keep it. A text is read that
# way only when it has such a figure and no English one: a comma before three digits
# ("18,400") or a point before one or two ("6.2"). A point before three digits followed by
# "%" or a scale word ("1.125 per cent", "$1.375 billion") is English and no evidence.
_CONTINENTAL = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]|\s?(?:%|per\s?cent|hundred|thousand|million|"
    r"billion|trillion|mln|mn|bln|bn|m\b|k\b))"
    r"|(?<![\d.,])\d{1,3},\d{1,2}(?![\d.,])")
_ENGLISH = re.compile(r"\d,\d{3}(?![\d])|(?<![\d.,])\d+\.\d{1,2}(?![\d])")


def continental(text: str) -> bool:
    """Whether a text writes its figures the continental way (18.400, 4,2)."""
    return bool(_CONTINENTAL.search(text)) and not _ENGLISH.search(text)


def english_notation(text: str) -> str:
    """The text with the point and the comma inside figures swapped: the same length, so
    every offset still points into the original."""
    return re.sub(r"(?<=\d)[.,](?=\d)", lambda m: "," if m.group() == "." else ".", text)


def find_numbers(doc: Doc, taken: list[tuple[int, int]] = (),  # type: ignore[assignment]
                 text: str | None = None, *, continental_figures: bool | None = None
                 ) -> list[FoundNumber]:
    """Counts and amounts in a parsed text; spans in ``taken`` (dates) are skipped.

    ``text`` is ``doc.text`` when the caller has it already (spaCy rebuilds that string
    from every token on each access). ``continental_figures`` says how the whole article
    writes its figures (see :func:`continental`); None decides from ``text`` alone.
    """
    text = doc.text if text is None else text
    if continental_figures is None:
        continental_figures = continental(text)
    if continental_figures:
        text = english_notation(text)
    found: list[FoundNumber] = []
    spans: list[tuple[int, int]] = list(taken)
    for m in _VAGUE_RE.finditer(text):
        if _overlaps(m.start(), m.end(), spans):
            continue
        low, top = _VAGUE[m.group("vague").lower()]
        qual = m.group("qual")
        high: float | None = None if qual and qual.lower() in _ABOVE + _AT_LEAST else top
        found.append(FoundNumber(m.start(), m.end(), low, low, high,
                                 _counted_noun(doc, m.start("vague"), m.end("vague")),
                                 qual.lower() if qual else None,
                                 subject_of(doc, m.start("vague"), m.end("vague"))))
        spans.append((m.start(), m.end()))
    pos = 0
    while True:
        hit = _NUMBER.search(text, pos)
        if hit is None:
            break
        pos = hit.end()
        if _overlaps(hit.start(), hit.end(), spans):
            continue
        number = _read_number(doc, hit)
        if number is None:
            continue
        if number.end < hit.end():
            pos = number.end  # "212 and 38": read the second number on its own
        found.append(number)
        spans.append((number.start, number.end))
    found.sort(key=lambda f: f.start)
    return found
