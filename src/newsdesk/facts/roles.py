"""Titles and roles attached to people: "French Prime Minister X", "X, an assistant
professor", "the foreign minister".

A small lexicon of role words, because spaCy's English pipeline has no role tagger; it is
generic (offices and occupations that news names people by), never a list of people.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Words that can head a role ("Minister" in "Foreign Minister").
ROLE_HEADS = frozenset(
    ["president", "minister", "premier", "chancellor", "secretary", "senator", "governor", "mayor", "king", "queen", "prince", "princess", "emperor", "empress", "pope", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "director", "general", "commander", "leader", "chief", "judge", "justice", "speaker", "professor", "lecturer", "researcher", "analyst", "envoy", "commissioner", "sheriff", "official", "lawmaker", "legislator", "congressman", "congresswoman", "representative", "candidate", "nominee", "economist", "editor", "correspondent", "reporter", "founder", "president-elect", "mp", "mep", "adviser", "advisor", "aide", "attorney", "lawyer", "coach", "captain", "bishop", "cardinal", "archbishop", "rabbi", "imam", "chairperson", "diplomat", "administrator", "superintendent", "inspector", "officer", "vice-president"]
)
# Words that only modify a role ("Prime", "Foreign", "Deputy").
ROLE_MODIFIERS = frozenset(
    ["prime", "foreign", "defence", "defense", "finance", "interior", "home", "trade", "justice", "health", "education", "vice", "deputy", "assistant", "associate", "executive", "chief", "general", "state", "attorney", "press", "senior", "supreme", "first", "principal", "acting", "interim", "opposition", "party", "presidential", "ruling", "cabinet", "national", "security", "economic"]
)
_FORMER = frozenset({"former", "then", "ex", "late", "outgoing"})
_ABBREV_ROLES = {"sen.": "Senator", "gov.": "Governor", "rep.": "Representative",
                 "gen.": "General", "prof.": "Professor", "pres.": "President"}

_ROLE_RE = (
    r"(?:(?:" + "|".join(sorted(ROLE_MODIFIERS, key=len, reverse=True)) + r")[\s-]+){0,3}"
    r"(?:" + "|".join(sorted((h for h in ROLE_HEADS if h not in ROLE_MODIFIERS), key=len,
                             reverse=True)) + r")"
)
# "the prime minister", "the Italian foreign minister", "the former president"
TITLE_FORM = re.compile(
    r"\b[Tt]he\s+(?P<former>(?:former|then|outgoing)[\s-]+)?"
    # an optional capitalised nationality ("the Italian foreign minister"), never a role word
    r"(?:(?!" + _ROLE_RE + r")(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+)?"
    r"(?P<role>" + _ROLE_RE + r")(?P<poss>['’]s)?\b",
    re.IGNORECASE,
)


def normalise_role(words: list[str], former: bool = False) -> str | None:
    """Title-cased role from its words; None unless a head word is among them."""
    clean = [w.strip(".,").lower() for w in words if w.strip(".,-")]
    clean = [_ABBREV_ROLES.get(w + ".", w).lower() if w + "." in _ABBREV_ROLES else w
             for w in clean]
    if not any(w in ROLE_HEADS for w in clean):
        return None
    role = " ".join(w.upper() if w in ("ceo", "mp", "mep") else w.capitalize() for w in clean)
    return f"Former {role}" if former else role


def _is_qualifier(tok: Token) -> bool:
    """A nationality or place word before a role ("South African", "U.S.")."""
    return bool(
        tok.ent_type_ in ("NORP", "GPE", "LOC")
        or (tok.is_title and tok.pos_ in ("ADJ", "PROPN")
            and tok.lower_ not in ROLE_HEADS and tok.lower_ not in ROLE_MODIFIERS)
    )


def role_before(ent: SpacySpan) -> tuple[str | None, int | None]:
    """The role written just before a name, and the doc char offset where it starts."""
    doc = ent.doc
    words: list[str] = []
    start: int | None = None
    former = False
    i = ent.start - 1
    seen_qualifier = False
    while i >= 0 and ent.start - i <= 7:
        tok = doc[i]
        low = tok.lower_
        if low in _ABBREV_ROLES and not words:
            words.insert(0, _ABBREV_ROLES[low])
            start = tok.idx
        elif (low in ROLE_HEADS or low in ROLE_MODIFIERS) and not seen_qualifier:
            words.insert(0, tok.text)
            start = tok.idx
        elif low == "-" and i > 0 and doc[i - 1].lower_ in _FORMER:
            former = True
            i -= 2
            continue
        elif low in _FORMER:
            former = True
        elif words and _is_qualifier(tok):
            seen_qualifier = True
        else:
            break
        i -= 1
    role = normalise_role(words, former)
    return (role, start) if role else (None, None)


def role_after(ent: SpacySpan) -> tuple[str | None, tuple[int, int] | None]:
    """An appositive role: "Jane Roe, an assistant professor of ...", char offsets in doc."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None, None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("a", "an", "the"):
        i += 1
    words: list[str] = []
    first = last = None
    former = False
    while i < len(doc) and len(words) < 5:
        tok = doc[i]
        low = tok.lower_
        if low in ROLE_HEADS or low in ROLE_MODIFIERS:
            words.append(tok.text)
            first = tok.idx if first is None else first
            last = tok.idx + len(tok.text)
        elif low in _FORMER and not words:
            former = True
        elif not words and _is_qualifier(tok) or low == "-" and not words:
            pass
        else:
            break
        i += 1
    role = normalise_role(words, former)
    if role is None or first is None or last is None:
        return None, None
    return role, (first, last)
