"""Events: for a sentence that reports something happening, the (phrase, place, date) it
states, so "held the summit in A on D" and "met in B" can be set side by side later.

The event is the verb (or event noun, "the summit in A") that governs the place or the
date in spaCy's dependency parse; its phrase runs to the end of its direct object
("held a crucial summit"). A speech verb is looked through to what was said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.facts.model import DateFact, Event, Mention
from newsdesk.facts.quotes import SPEECH_VERBS
from newsdesk.facts.sentences import Block
from newsdesk.model import Span

# Nouns that name an occurrence and can carry their own place and date ("the summit in
# Lyon on Friday"). A generic news lexicon, not tied to any story.
EVENT_NOUNS = frozenset(
    ["summit", "meeting", "talks", "visit", "election", "vote", "attack", "explosion", "earthquake", "crash", "accident", "collapse", "flood", "fire", "strike", "protest", "rally", "trial", "hearing", "conference", "ceremony", "match", "game", "race", "festival", "concert", "launch", "signing", "disaster", "shooting", "bombing", "raid", "arrest", "war", "battle", "clash", "storm", "hurricane", "typhoon", "outbreak"]
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from newsdesk.model import Article


def _governor(tok: Token) -> Token | None:
    """The verb (or event noun) a place or date hangs from: "met" in "met in Lyon",
    "summit" in "the summit in Lyon"; None when it hangs from nothing eventful."""
    node = tok
    for _ in range(4):
        head = node.head
        if head is node:
            return None
        if head.pos_ == "VERB" and head.lower_ not in SPEECH_VERBS:
            return head
        if head.pos_ in ("AUX",) or head.lower_ in SPEECH_VERBS:
            return None
        if head.pos_ == "NOUN" and node.dep_ == "pobj" and head.lower_ in EVENT_NOUNS:
            return head
        node = head
    return None


def _phrase(verb: Token) -> tuple[int, int]:
    """Characters of the event phrase: the verb through its direct object."""
    start = verb.idx
    end = verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "prt") and child.i > verb.i:
            last = max(t.i for t in child.subtree)
            # stop at the first clause or preposition inside the object
            for t in child.subtree:
                if t.i > child.i and t.dep_ in ("prep", "relcl", "acl", "punct", "cc"):
                    last = min(last, t.i - 1)
            tok = verb.doc[last]
            end = max(end, tok.idx + len(tok.text))
    return start, end


def extract_events(article: Article, parsed: list[tuple[Block, Doc]],
                   mentions: list[Mention], dates: list[DateFact]) -> list[Event]:
    """An event for each verb or event noun that a place or date of a sentence hangs from."""
    events: list[Event] = []
    for block, doc in parsed:
        aid, fld, off = article.id, block.field, block.start
        places = [m for m in mentions if m.type == "place" and m.span.field == fld
                  and off <= m.span.start and m.span.end <= block.end]
        when = [d for d in dates if d.span.field == fld and off <= d.span.start
                and d.span.end <= block.end]
        if not places and not when:
            continue
        for sent in doc.sents:
            s0, s1 = off + sent.start_char, off + sent.end_char
            items = [(m.span, "place") for m in places if s0 <= m.span.start < s1]
            items += [(d.span, "date") for d in when if s0 <= d.span.start < s1]
            governed: dict[int, list[tuple[Span, str]]] = {}
            heads: dict[int, Token] = {}
            for item_span, kind in items:
                piece = doc.char_span(item_span.start - off, item_span.end - off,
                                      alignment_mode="expand")
                if piece is None or not len(piece):
                    continue
                verb = _governor(piece.root)
                if verb is not None:
                    governed.setdefault(verb.i, []).append((item_span, kind))
                    heads[verb.i] = verb
            if not governed:
                continue
            for i in sorted(governed):
                verb = heads[i]
                place = next((sp for sp, k in governed[i] if k == "place"), None)
                date = next((sp for sp, k in governed[i] if k == "date"), None)
                ps, pe = _phrase(verb)
                events.append(Event(phrase=Span(aid, fld, off + ps, off + pe), place=place,
                                    date=date, sentence=Span(aid, fld, s0, s1)))
    return events
