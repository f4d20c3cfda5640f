"""The checkable content of a sentence: names, places, dates, numbers, quotes, negations
and content words, each with its offsets and a normalised key for matching.

spaCy finds the entities and parts of speech; what it does not do -- reading the value
of "some 10,000" or the parts of "13 January 2025", and matching "Abu-Bakr" to
"Abu Bakr" -- is written here, because a checker must compare values, not strings.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from stemming.porter2 import stem
from unidecode import unidecode

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

ItemKind = Literal["date", "number", "name", "place", "entity", "quote"]

# spaCy (OntoNotes) entity labels -> the problem kinds of check.schema.json
_LABEL_KIND: dict[str, ItemKind] = {
    "PERSON": "name",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "entity",
    "NORP": "entity",
    "EVENT": "entity",
    "WORK_OF_ART": "entity",
    "LAW": "entity",
    "PRODUCT": "entity",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
}

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NEGATIONS = frozenset({"not", "n't", "no", "never", "without", "none", "nobody", "nothing",
                       "neither", "nor", "cannot"})

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for name in names
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5,
}
_SCALES = {"dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12, "k": 1e3}
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Quoted passages: straight and curly double quotes, guillemets, and single curly/backtick
# quotes that open at a word start (so the apostrophe in "Japan's" never opens one).
_QUOTE = re.compile(
    r"[\"“”«](?P<a>[^\"“”«»]{3,}?)[\"“”»]|(?:(?<=\s)|^)[‘`'](?P<b>[^‘’`]{3,}?)[’']"
    r"(?=[\s.,;:!?)]|$)"
)


def fold(text: str) -> str:
    """Lowercase ASCII form: 'Abu-Bakr' and 'Abu Bakr' fold to the same words."""
    text = unicodedata.normalize("NFKC", text)
    return unidecode(text).lower().replace("-", " ")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@dataclass(frozen=True, slots=True)
class DateValue:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None

    def parts(self) -> dict[str, object]:
        return {k: v for k, v in (("year", self.year), ("month", self.month),
                                  ("day", self.day), ("weekday", self.weekday)) if v is not None}

    def agrees(self, other: DateValue) -> bool | None:
        """True when every part both state is equal, False when one differs, None when
        they state no part in common (nothing to compare)."""
        mine, theirs = self.parts(), other.parts()
        shared = set(mine) & set(theirs)
        if not shared:
            return None
        return all(mine[k] == theirs[k] for k in shared)


def parse_date(text: str) -> DateValue | None:
    low = fold(text)
    year_m = _YEAR.search(low)
    year = int(year_m.group(1)) if year_m else None
    month = next((_MONTHS[w] for w in _WORD.findall(low) if w in _MONTHS), None)
    weekday = next((w for w in _WORD.findall(low) if w in _WEEKDAYS), None)
    day = None
    if month is not None:
        for m in re.finditer(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", low):
            if not (year_m and m.start() == year_m.start()) and 1 <= int(m.group(1)) <= 31:
                day = int(m.group(1))
                break
    value = DateValue(year, month, day, weekday)
    return value if value.parts() else None


def parse_number(text: str) -> float | None:
    """The value of '10,000', 'some 180', '2.5 million', '$3bn', 'two dozen'; None if unsure."""
    low = fold(text).replace(",", "")
    toks = _WORD.findall(re.sub(r"(\d)([a-z])", r"\1 \2", low.replace(".", "")))
    digits = _DIGITS.search(low)
    if digits:
        value = float(digits.group())
        scales = [_SCALES[t] for t in toks[1:] if t in _SCALES]
        return value * scales[0] if scales else value
    total, current, seen = 0.0, 0.0, False
    for tok in toks:
        if tok in _NUMBER_WORDS:
            current += _NUMBER_WORDS[tok]
            seen = True
        elif tok in ("dozen", "hundred") and seen:
            current = max(current, 1.0) * _SCALES[tok]
        elif tok in _SCALES and tok not in ("m", "k", "mn", "bn") and seen:
            total += max(current, 1.0) * _SCALES[tok]
            current = 0.0
    return total + current if seen else None


@dataclass(frozen=True, slots=True)
class Item:
    """One checkable thing in a sentence; offsets are relative to the sentence."""

    kind: ItemKind
    text: str
    start: int
    end: int
    number: float | None = None
    date: DateValue | None = None
    unit: str | None = None  # stem of what a number counts ("leader", "remain", "percent")


@dataclass(frozen=True, slots=True)
class SentenceContent:
    """What a checker compares: the items, the content stems and the negation count."""

    text: str
    items: tuple[Item, ...]
    content_stems: tuple[str, ...]
    all_stems: tuple[str, ...]
    negations: int
    # each negation with the word it negates ("not attend"), offsets relative to the
    # sentence, and the stem of that negated word ("attend")
    negation_phrases: tuple[tuple[str, int, int, str], ...] = ()

    def bigrams(self) -> set[tuple[str, str]]:
        s = self.all_stems
        return set(itertools.pairwise(s))


def quotes_in(text: str) -> list[tuple[int, int]]:
    """Offsets of quoted passages of at least three words (the content inside the marks)."""
    found = []
    for m in _QUOTE.finditer(text):
        group = "a" if m.group("a") is not None else "b"
        if len(words(m.group(group))) >= 3:
            found.append((m.start(group), m.end(group)))
    return found


def _unit(token: Token, label: str) -> str | None:
    """What a number counts: its head noun ("two leaders" -> "leader"), the next noun, or
    the entity type for money and percentages. Numbers are only compared as the same unit."""
    if label in ("MONEY", "PERCENT"):
        return label.lower()
    if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
        return stem(token.head.lower_)
    for nxt in token.doc[token.i + 1 : token.i + 4]:
        if nxt.pos_ in ("NOUN", "PROPN"):
            return stem(nxt.lower_)
    return None


def sentence_content(sent: SpacySpan) -> SentenceContent:
    """Items and stems of one spaCy sentence; offsets relative to the sentence start."""
    base = sent.start_char
    items: list[Item] = []
    covered: set[int] = set()
    for ent in sent.ents:
        kind = _LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        text = ent.text
        start, end = ent.start_char - base, ent.end_char - base
        if kind == "date":
            items.append(Item(kind, text, start, end, date=parse_date(text)))
        elif kind == "number":
            items.append(Item(kind, text, start, end, number=parse_number(text),
                              unit=_unit(ent.root, ent.label_)))
        else:
            # strip a leading article spaCy sometimes includes ("the United States")
            if ent[0].lower_ == "the" and len(ent) > 1:
                start = ent[1].idx - sent.start_char
                text = sent.text[start:end]
            items.append(Item(kind, text, start, end))
        covered.update(range(ent.start, ent.end))
    for tok in sent:
        # numbers and years spaCy left outside any entity ("2024 summit", "10,000 remains")
        if tok.i in covered or not (tok.like_num and any(c.isdigit() for c in tok.text)):
            continue
        start, end = tok.idx - base, tok.idx - base + len(tok.text)
        if _YEAR.fullmatch(tok.text):
            items.append(Item("date", tok.text, start, end, date=parse_date(tok.text)))
        else:
            items.append(Item("number", tok.text, start, end, number=parse_number(tok.text),
                              unit=_unit(tok, "CARDINAL")))
    for start, end in quotes_in(sent.text):
        items.append(Item("quote", sent.text[start:end], start, end))
    content = tuple(
        stem(w)
        for tok in sent
        if tok.pos_ in CONTENT_POS and not tok.is_stop
        for w in words(tok.text)
    )
    all_stems = tuple(stem(w) for w in words(sent.text))
    phrases = []
    for tok in sent:
        if tok.lower_ in NEGATIONS or tok.dep_ == "neg":
            lo, hi = min(tok.i, tok.head.i), max(tok.i, tok.head.i)
            if hi - lo > 4:  # a far-away head makes an unreadable phrase: name the word alone
                lo = hi = tok.i
            start = sent.doc[lo].idx - base
            end = sent.doc[hi].idx + len(sent.doc[hi].text) - base
            # the negated word: the head ("did not attend" -> attend), or the next word when
            # the negation heads itself ("no plans" -> plans)
            negated = tok.head if tok.head.i != tok.i else sent.doc[min(tok.i + 1, sent.end - 1)]
            phrases.append((sent.text[start:end], start, end, stem(negated.lower_)))
    return SentenceContent(sent.text, tuple(items), content, all_stems, len(phrases),
                           tuple(phrases))
