"""Blocks and sentences of an article field, robust to how news text is laid out.

A field is first cut into *blocks*: one line each, because in cleaned news text a line
break ends a paragraph, a heading, a bullet or a caption, and no sentence runs across
one. Each block is parsed on its own (so a heading never glues onto the paragraph after
it), its bullet marker and dateline ("LYON:", "WASHINGTON (Reuters) -") are kept out of
the parsed text, and spaCy's parser gives the sentences inside it. Its typical slips are
repaired afterwards: a split after an initial or abbreviation ("J. Smith", "Sept. 11"),
and a split between a closing quote and its attribution ('..." she said').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Field

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# A block longer than this is cut at whitespace: spaCy's memory grows with document
# length and nothing in a news article is one 20,000-character paragraph.
MAX_BLOCK_CHARS = 20_000

_BULLET = re.compile(r"(?:[-*•·▪►◦‣–—]|\d{1,2}[.)])\s+")  # used with .match(text, pos)
# "LYON:", "WASHINGTON (Reuters) -", "LAGOS, Nigeria —": an upper-case place line-lead.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
    r"(?:\s*\([^)\n]{1,40}\))?\s*(?::|-|–|—)\s+(?=[A-Z\"“‘'])"
)
# Upper-case line-leads that are labels, not places ("BREAKING: ...").
_LABELS = frozenset({"breaking", "update", "updated", "exclusive", "watch", "live", "analysis",
                     "opinion", "correction", "video", "photos", "editor's note", "breaking news",
                     "read more", "listen", "explainer", "factbox", "fact check"})
_CLOSERS = "”’\"')]},;:!?."
_ABBREV = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.",
    "sgt.", "capt.", "st.", "jr.", "sr.", "no.", "vs.", "v.", "inc.", "corp.", "co.",
    "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "u.s.", "u.k.", "u.n.",
}


@dataclass(frozen=True, slots=True)
class Block:
    """One line of a field: ``text`` is ``field_text[start:end]``."""

    field: Field
    start: int
    end: int
    text: str
    dateline: tuple[int, int] | None = None  # the place of a dateline, field offsets
    # A line with no sentence punctuation at its end and few words: a heading.
    heading: bool = False
    # An all-capitals line, where spaCy's tagger and NER are unreliable.
    shouting: bool = False


def make_block(field: Field, start: int, end: int, text: str,
               dateline: tuple[int, int] | None = None) -> Block:
    """A block with its layout flags worked out once."""
    words = text.split()
    heading = bool(words) and len(words) <= 12 and text.rstrip()[-1] not in ".!?\"”’:"
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 4 and all(c.isupper() for c in letters)
    return Block(field, start, end, text, dateline, heading, shouting)


def split_blocks(field: Field, text: str) -> list[Block]:
    """Cut a field into blocks (lines), without bullet markers and datelines."""
    blocks: list[Block] = []
    for m in re.finditer(r"[^\n\r]+", text):
        start, end = m.start(), m.end()
        line = m.group()
        lead = len(line) - len(line.lstrip())
        start += lead
        end -= len(line) - len(line.rstrip())
        if start >= end:
            continue
        bullet = _BULLET.match(text, start, end)
        if bullet:
            start = bullet.end()
        dateline = None
        date_m = _DATELINE.match(text[start:end])
        if date_m and len(date_m.group("place")) >= 3:
            if date_m.group("place").lower() not in _LABELS:
                dateline = (start + date_m.start("place"), start + date_m.end("place"))
            start += date_m.end()
        while end - start > MAX_BLOCK_CHARS:
            cut = text.rfind(" ", start, start + MAX_BLOCK_CHARS)
            cut = cut if cut > start else start + MAX_BLOCK_CHARS
            blocks.append(make_block(field, start, cut, text[start:cut], dateline))
            dateline = None
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        if start < end:
            blocks.append(make_block(field, start, end, text[start:end], dateline))
    return blocks


def _glued(prev_text: str, next_text: str) -> bool:
    """Whether a sentence boundary between these two pieces is one of spaCy's slips."""
    if not next_text:
        return True
    head = next_text[0]
    if head in _CLOSERS or head.islower():
        return True
    last = prev_text.split()[-1].lower() if prev_text.split() else ""
    return bool(re.fullmatch(r"[a-z]\.", last) or last in _ABBREV)


def block_sentences(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence offsets (into ``doc.text``) of one parsed block, with slips repaired;
    pass ``text`` (the block's text) to spare spaCy rebuilding it."""
    text = doc.text if text is None else text
    pieces: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if pieces and _glued(text[pieces[-1][0] : pieces[-1][1]], text[start:end]):
            pieces[-1][1] = end
        else:
            pieces.append([start, end])
    return [(s, e) for s, e in pieces]
