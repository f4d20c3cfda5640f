"""People, organisations and places named in one article, with roles and short forms.

spaCy's small English NER gives the candidate names. Its cheap-to-fix slips are repaired
here: a heading or site-chrome line read as a person ("Managing Editor", "Key Findings")
is dropped when its words are ordinary words of the article (they occur lower-cased in it,
which a name almost never does); an acronym read as a place ("AI" after "artificial
intelligence (AI)") loses its place type; names in all-capitals headings, where the model
is blind, and surnames it missed or mistyped are rescued by looking up the full names it
did find in the same article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.facts.model import Mention, MentionType
from newsdesk.facts.roles import TITLE_FORM, normalise_role, role_after, role_before
from newsdesk.facts.sentences import Block
from newsdesk.model import FIELDS, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from newsdesk.model import Article

LABELS: dict[str, MentionType] = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
    "EVENT": "event",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^(?:[Tt]he\s+|['’]s\s+)")
# Function words never count for or against a name being "ordinary words".
_FUNCTION = frozenset({"and", "of", "the", "for", "in", "on", "at", "de", "van", "von", "la", "al"})


_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and space-insensitive form of a name."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", text.casefold())


def name_tokens(name: str) -> list[str]:
    """Parts of a name for short-form matching: "Park Min-jun" -> park, min-jun."""
    return [fold(p) for p in re.split(r"\s+", name) if fold(p)]


@dataclass(slots=True)
class _Raw:
    """A mention being built: field offsets, type, role, and which name it stands for."""

    field: str
    start: int
    end: int
    text: str
    type: MentionType
    role: str | None = None
    role_span: tuple[int, int] | None = None
    form: str = "name"
    name: str | None = None


def _lowercase_words(article: Article) -> set[str]:
    words: set[str] = set()
    for f in FIELDS:
        words.update(re.findall(r"(?<![\w'’-])[a-z][a-z'-]+\b", article.get(f)))
    return words


def _ordinary(word: str, common: set[str], stems: set[str]) -> bool:
    """A word the article also uses lower-case (or a form of one: "Announce" for
    "announcing"): an ordinary word, not part of a name."""
    low = word.lower()
    return low in common or (len(low) >= 6 and low[:6] in stems)


def _mostly_ordinary(text: str, common: set[str], stems: set[str]) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if w.lower() not in _FUNCTION]
    ordinary = [w for w in words if _ordinary(w, common, stems)]
    return bool(words) and len(ordinary) * 2 > len(words)


def _expanded_acronym(article: Article, acronym: str) -> bool:
    """'artificial intelligence (AI)' anywhere in the article: the acronym spells the
    initials of the words before it in parentheses, so it is a term, not a place."""
    for f in FIELDS:
        text = article.get(f)
        for m in re.finditer(r"\(" + re.escape(acronym) + r"\)", text):
            words = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 150) : m.start()])
            words = [w for w in words if w.lower() not in _FUNCTION]
            n = len(acronym)
            if len(words) >= n and "".join(w[0] for w in words[-n:]).upper() == acronym.upper():
                return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    piece = text[start:end]
    m = _LEADING_THE.match(piece)
    if m and len(piece) > m.end():
        start += m.end()
    piece = text[start:end]
    m2 = _POSSESSIVE.search(piece)
    if m2 and m2.start() > 0:
        end = start + m2.start()
    while end > start and text[end - 1] in " ,.;:-–—":
        if text[end - 1] == "." and re.search(r"(?:^|[\s.])[A-Z]\.$", text[start:end]):
            break  # "U.S.", "J.": the full stop belongs to the abbreviation
        end -= 1
    return start, end


def _trim_heading_words(text: str, start: int, end: int, common: set[str],
                        stems: set[str]) -> tuple[int, int]:
    """In a title-case heading the model runs names on into the next capitalised word
    ("Okafor Announce ..."): cut ordinary words off both ends of the name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and _ordinary(words[-1].group().strip(",.:;"), common, stems):
        words.pop()
    while words and _ordinary(words[0].group().strip(",.:;"), common, stems):
        words.pop(0)
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _from_ents(article: Article, block: Block, doc: Doc, common: set[str],
               stems: set[str]) -> list[_Raw]:
    field_text = article.get(block.field)
    out: list[_Raw] = []
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        if kind == "person" and len(ent) == 1 and ent[0].pos_ == "ADJ":
            # "Paralympic archer": an adjective the tagger typed a person. Not for places:
            # a place named before a noun ("a Brookvale clinic") is often tagged an adjective
            continue
        start, end = _trim(field_text, block.start + ent.start_char, block.start + ent.end_char)
        if kind == "person" and block.heading:
            start, end = _trim_heading_words(field_text, start, end, common, stems)
        if start >= end:
            continue
        text = field_text[start:end]
        if (kind == "person" or block.heading) and _mostly_ordinary(text, common, stems):
            continue  # "Managing Editor", "Key Findings": ordinary words of the article
        if (kind in ("place", "person") and re.fullmatch(r"[A-Z]{2,6}", text)
                and (field_text[start - 1 : start] == "(" or _expanded_acronym(article, text))):
            kind = "other"
        raw = _Raw(block.field, start, end, text, kind)
        if kind == "person":
            _attach_role(raw, ent, block)
        out.append(raw)
    return out


def _attach_role(raw: _Raw, ent: SpacySpan, block: Block) -> None:
    role, role_start = role_before(ent)
    if role is not None and role_start is not None:
        raw.role = role
        raw.role_span = (block.start + role_start, block.start + ent.start_char)
        # the span ends at the last role word, not at the name
        piece = block.text[role_start : ent.start_char].rstrip()
        raw.role_span = (block.start + role_start, block.start + role_start + len(piece))
        return
    role, span = role_after(ent)
    if role is not None and span is not None:
        raw.role = role
        raw.role_span = (block.start + span[0], block.start + span[1])


def _title_forms(block: Block, taken: list[_Raw]) -> list[_Raw]:
    out: list[_Raw] = []
    for m in TITLE_FORM.finditer(block.text):
        after = block.text[m.end() : m.end() + 40]
        if re.match(r"\s+(?:[A-Z][a-z]|of\s+[A-Z])", after) and not m.group("poss"):
            continue  # "the President Okafor ...", "the president of France": not a bare title
        start = block.start + m.start()
        end = block.start + m.end("role")
        if any(r.start < end and start < r.end for r in taken):
            continue
        role = normalise_role(m.group("role").replace("-", " ").split(), bool(m.group("former")))
        if role is None:
            continue
        out.append(_Raw(block.field, start, end, block.text[m.start() : m.end("role")],
                        "person", role, (block.start + m.start("role"), end), "title"))
    return out


def _vote_types(raws: list[_Raw]) -> None:
    """One name, one type per article: a lone word the model calls a person once but a
    place or organisation more often ("China") takes the majority type."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in raws:
        votes[fold(r.text)][r.type] += 1
    for r in raws:
        if r.type == "person" and len(name_tokens(r.text)) == 1:
            top, n = votes[fold(r.text)].most_common(1)[0]
            if top != "person" and n > votes[fold(r.text)]["person"]:
                r.type = top  # type: ignore[assignment]
                r.role = r.role_span = None


def _order(raw: _Raw) -> tuple[int, int]:
    return (FIELDS.index(raw.field), raw.start)  # type: ignore[arg-type]


def _rescue(article: Article, blocks: list[Block], raws: list[_Raw], full: list[_Raw],
            common: set[str]) -> list[_Raw]:
    """Occurrences of known names (or their parts) that the NER missed or mistyped."""
    parts: dict[str, str] = {}
    for r in full:
        parts.setdefault(r.text, r.text)
        for piece in re.split(r"\s+", r.text):
            if len(fold(piece)) >= 3 and piece.lower() not in common:
                parts.setdefault(piece, r.text)
    added: list[_Raw] = []
    if not parts:
        return added
    # one alternation, longest first, so a full name wins over its own parts
    alternation = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")
    shouted = re.compile(pattern.pattern, re.IGNORECASE)
    by_field: dict[str, list[_Raw]] = defaultdict(list)
    for r in raws:
        by_field[r.field].append(r)
    for block in blocks:
        known = by_field[block.field]
        for m in (shouted if block.shouting else pattern).finditer(block.text):
            start, end = block.start + m.start(), block.start + m.end()
            clash = [r for r in known if r.start < end and start < r.end]
            if any(r.type == "person" for r in clash):
                continue
            same = [r for r in clash if (r.start, r.end) == (start, end)]
            # a person's name the NER typed as a place or organisation: retype it
            for r in same:
                r.type = "person"
            if not clash:
                raw = _Raw(block.field, start, end, article.get(block.field)[start:end], "person")
                added.append(raw)
                known.append(raw)
    return added


def _link(raws: list[_Raw]) -> None:
    """Within one article: which full name each short or titled form stands for."""
    persons = sorted((r for r in raws if r.type == "person"), key=_order)
    full = [r for r in persons if r.form == "name" and len(name_tokens(r.text)) >= 2]
    full_tokens = [name_tokens(f.text) for f in full]
    for r in full:
        r.name = r.text
    for r in persons:
        if r.form == "title":
            holders = [f for f in full if f.role and role_key(f.role) == role_key(r.role or "")
                       and not (f.role or "").startswith("Former")]
            if holders:
                before = [f for f in holders if _order(f) <= _order(r)]
                r.name = (before[-1] if before else holders[0]).text
            continue
        if r.name is not None:
            continue
        key = fold(r.text)
        cands = [f for f, toks in zip(full, full_tokens) if key in toks and f is not r]
        if cands:
            before = [f for f in cands if _order(f) <= _order(r)]
            r.name = (before[-1] if before else cands[0]).text
            r.form = "short"
        else:
            r.name = r.text


def role_key(role: str) -> str:
    """A role without "Former" and nationality, for matching titled forms to holders."""
    return role.removeprefix("Former ").lower()


def extract_mentions(article: Article, parsed: list[tuple[Block, Doc]]) -> list[Mention]:
    """Mentions of people, organisations and places in one article, linked within it."""
    common = _lowercase_words(article)
    stems = {w[:6] for w in common if len(w) >= 6}
    raws: list[_Raw] = []
    for block, doc in parsed:
        field_text = article.get(block.field)
        if block.shouting:
            continue  # rescued below from names found elsewhere
        raws.extend(_from_ents(article, block, doc, common, stems))
        if block.dateline:
            s, e = block.dateline
            raws.append(_Raw(block.field, s, e, field_text[s:e], "place"))
    _vote_types(raws)
    for block, _ in parsed:
        raws.extend(_title_forms(block, raws))
    full = [r for r in raws if r.type == "person" and r.form == "name"
            and len(name_tokens(r.text)) >= 2]
    raws.extend(_rescue(article, [b for b, _ in parsed], raws, full, common))
    _link(raws)
    raws.sort(key=_order)
    out: list[Mention] = []
    for r in raws:
        role_span = Span(article.id, r.field, *r.role_span) if r.role_span else None  # type: ignore[arg-type]
        out.append(Mention(Span(article.id, r.field, r.start, r.end), r.type,  # type: ignore[arg-type]
                           r.role, role_span, None, r.form, name=r.name))  # type: ignore[arg-type]
    return out
