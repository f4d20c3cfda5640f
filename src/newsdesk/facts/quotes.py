"""Quotations and attributions: what was said, by whom, with which cue.

Direct quotations are found from their marks (straight or curly), one block at a time;
a quotation left open at the end of a paragraph runs to its end, as news style does for
quotes spanning paragraphs. Its cue verb and speaker come from spaCy's dependency parse:
the nearest speech verb outside the quotation, and that verb's subject (or its "by"
agent, or the object of "according to"). A pronoun speaker is tied to the last person
named before it. Indirect attributions ("X said that ...", "according to officials, ...")
are the clausal complement of a speech verb, marked ``direct=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.facts.model import Mention, Quote
from newsdesk.facts.sentences import Block, block_sentences
from newsdesk.model import FIELDS, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from newsdesk.model import Article

SPEECH_VERBS = frozenset(
    [
        "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added",
        "adding", "state", "states", "stated", "note", "notes", "noted", "ask", "asks", "asked",
        "write", "writes", "wrote", "explain", "explains", "explained", "argue", "argues", "argued",
        "claim", "claims", "claimed", "insist", "insists", "insisted", "warn", "warns", "warned",
        "declare", "declares", "declared", "announce", "announces", "announced", "respond",
        "responds", "responded", "reply", "replies", "replied", "comment", "comments", "commented",
        "tweet", "tweets", "tweeted", "post", "posts", "posted", "describe", "describes",
        "described", "suggest", "suggests", "suggested", "vow", "vows", "vowed", "urge", "urges",
        "urged", "continue", "continues", "continued", "recall", "recalls", "recalled",
        "acknowledge", "acknowledges", "acknowledged", "admit", "admits", "admitted", "concede",
        "concedes", "conceded", "stress", "stresses", "stressed", "emphasise", "emphasised",
        "emphasize", "emphasized", "highlight", "highlights", "highlighted", "mention", "mentions",
        "mentioned", "remark", "remarks", "remarked", "observe", "observes", "observed", "predict",
        "predicts", "predicted", "promise", "promises", "promised", "pledge", "pledges", "pledged",
        "reiterate", "reiterates", "reiterated", "contend", "contends", "contended", "caution",
        "cautions", "cautioned", "complain", "complains", "complained", "joke", "jokes", "joked",
        "shout", "shouted", "yell", "yelled", "testify", "testified", "confirm", "confirms",
        "confirmed", "deny", "denies", "denied", "report", "reports", "reported", "believe",
        "believes", "believed", "think", "thinks", "thought", "express", "expressed", "indicate",
        "indicates", "indicated", "recount", "recounted", "quip", "quipped", "reads", "demand",
        "demands", "demanded", "wonder", "wonders", "wondered", "chant", "chanted", "sings",
        "sang", "tells", "exclaim", "exclaimed", "conclude", "concludes", "concluded", "retort",
        "retorted", "answer", "answered", "echo", "echoed", "confess", "confessed", "points",
        "pointed", "interjected", "testifies", "insisting", "writing"
    ]
)
_CUE_WORDS = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r"|according(?=\s+to\b))(?![\w-])",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
# Quotations shorter than this many words are scare quotes or titles unless they end in
# punctuation or the cue follows them ('"Nobody," he said'). Swept 1-5 on
# polnear-train/dev (cue gap 200): F1 0.939 for 1-3, 0.937 at 4, 0.934 at 5; 3 gave the
# best precision of those (0.952).
MIN_QUOTE_WORDS = 3
# How far (characters) a cue verb may be from the quotation it introduces, on top of
# sharing its sentence. Swept on polnear-train/dev: 100 / 200 / 400 gave F1 0.928 /
# 0.939 / 0.940; the sentence rule does most of the work, and the tighter of the two
# near-equal settings was kept.
MAX_CUE_GAP = 200

# Characters between the end of an attributed quotation and a quotation that goes on
# after it ('," the minister said on Monday. "'): about one attribution clause.
MAX_GAP_GOING_ON = 80

_OPEN = "“\"«"
_CLOSE = {"“": "”", "\"": "\"", "«": "»"}


@dataclass(frozen=True, slots=True)
class _Marked:
    start: int  # content offsets in the block text (inside the marks)
    end: int
    outer_start: int  # with the marks
    outer_end: int


def quoted_pieces(text: str) -> list[_Marked]:
    """Quoted stretches of one block: inside offsets and with-mark offsets."""
    out: list[_Marked] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith("''", i):
            # two apostrophes as a quotation mark (some newspapers' house style)
            j = text.find("''", i + 2)
            if j != -1:
                start, end = i + 2, j
                while end > start and text[end - 1] in " ,":
                    end -= 1
                if end > start:
                    out.append(_Marked(start, end, i, j + 2))
                i = j + 2
                continue
        if c in _OPEN or c == "”":
            # a straight quote closes nothing here; "”" at the start opens in some sources
            closer = _CLOSE.get(c, "”")
            j = text.find(closer, i + 1)
            if c == "“":
                # tolerate a straight quote closing a curly one ("...,\" she said")
                alt = text.find("\"", i + 1)
                if j == -1 or (alt != -1 and alt < j):
                    j = alt if alt != -1 else j
            if j == -1:
                # open to the end of the paragraph (quotes that run across paragraphs)
                j = n
                outer_end = n
            else:
                outer_end = j + 1
            start, end = i + 1, j
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1] in " ,\u00a0":
                end -= 1
            if end > start:
                out.append(_Marked(start, end, i, outer_end))
            i = outer_end
            continue
        i += 1
    return out


_MINOR = frozenset({"a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "with", "at"})


def _is_title(text: str) -> bool:
    """A short title-case stretch with no sentence punctuation: a name of a show, book or
    slogan ("Evening Report Live"), which news puts in quotation marks without anyone saying it."""
    words = text.split()
    if not 1 < len(words) <= 6 or text.rstrip()[-1:] in ".,!?;:":
        return False
    return all(w[0].isupper() or w.lower() in _MINOR or not w[0].isalpha() for w in words)


def _inside(tok: Token, pieces: list[_Marked]) -> bool:
    return any(p.outer_start <= tok.idx < p.outer_end for p in pieces)


def _subject(verb: Token) -> Token | None:
    """Who speaks: the subject, the passive agent, or the object of 'according to'."""
    if verb.lower_ == "according":
        for child in verb.children:
            if child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    # "..., saying" / "responded, expressing ..., saying": borrow the subject of the
    # governing verb, climbing at most three clauses
    node = verb
    for _ in range(3):
        head = node.head
        if head is node or node.dep_ not in ("advcl", "xcomp", "conj", "acl", "ccomp"):
            return None
        for child in head.children:
            if child.dep_ == "nsubj":
                return child
        node = head
    return None


def _speaker_span(tok: Token) -> tuple[int, int]:
    """The speaker phrase: the name the token is part of, else its noun phrase."""
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.start_char, ent.end_char
    left = tok.left_edge
    start = left.idx
    end = tok.idx + len(tok.text)
    return start, end


def _cues(doc: Doc, text: str, pieces: list[_Marked]) -> list[Token]:
    """Speech verbs (and "according to") outside the quotations of a block."""
    cues = []
    # Found in the text first: walking every token of every block costs more than the
    # rest of the quote reader together.
    for m in _CUE_WORDS.finditer(text):
        piece = doc.char_span(m.start(), m.end())
        if piece is None or len(piece) != 1:
            continue
        tok = piece[0]
        if _inside(tok, pieces):
            continue
        if tok.lower_ == "according" or tok.pos_ in ("VERB", "AUX"):
            cues.append(tok)
    return cues


def _gap(tok: Token, piece: _Marked) -> int:
    if tok.idx >= piece.outer_end:
        return tok.idx - piece.outer_end
    return piece.outer_start - (tok.idx + len(tok.text))


def _antecedent(mentions: list[Mention], field: str, pos: int) -> Mention | None:
    """The last person named before a position of the article."""
    order = FIELDS.index(field)  # type: ignore[arg-type]
    best: Mention | None = None
    for m in mentions:
        if m.type != "person" or m.form == "title":
            continue
        m_order = FIELDS.index(m.span.field)
        if (m_order, m.span.start) < (order, pos):
            best = m
    return best


def _ref(mentions: list[Mention], span: Span, pronoun: bool) -> Span | None:
    """The name mention the speaker phrase stands for. The mention must hold the phrase's
    last character (its head): in "Park's office" the speaker is the office, not Park."""
    last = span.end - 1
    for m in mentions:
        if m.type in ("person", "org") and m.span.field == span.field \
                and m.span.start <= last < m.span.end:
            return m.span
    if pronoun:
        ante = _antecedent(mentions, span.field, span.start)
        return ante.span if ante else None
    return None


def extract_quotes(article: Article, parsed: list[tuple[Block, Doc]],
                   mentions: list[Mention],
                   sentences: list[list[tuple[int, int]]] | None = None) -> list[Quote]:
    """Direct and indirect quotations of one article, with cue and speaker."""
    quotes: list[Quote] = []
    # (speaker, speaker_ref, cue, block number, end of the quotation in that block)
    last: tuple[Span | None, Span | None, Span | None, int, int] | None = None
    pending: tuple[Span | None, Span | None, Span | None, int, int] | None = None
    for number, (block, doc) in enumerate(parsed):
        if block.shouting:
            continue
        pieces = quoted_pieces(block.text)
        cues = _cues(doc, block.text, pieces)
        aid, fld = article.id, block.field
        sents = sentences[number] if sentences is not None else block_sentences(doc, block.text)

        def sentence_of(pos: int) -> int:
            return next((k for k, (s, e) in enumerate(sents) if s <= pos < e), -1)  # noqa: B023

        def span(s: int, e: int) -> Span:
            return Span(aid, fld, block.start + s, block.start + e)  # noqa: B023

        for piece in pieces:
            speaker: Span | None
            ref: Span | None
            words = len(block.text[piece.start : piece.end].split())
            if _is_title(block.text[piece.start : piece.end]):
                continue  # “Good Morning Europe”: a programme or book title, not speech
            # the cue must share a sentence with the quotation's first or last words
            own = {sentence_of(piece.outer_start), sentence_of(max(piece.outer_end - 1, 0))}
            # '...?" Smith said': the parser often ends the sentence at the closing mark
            after = piece.outer_end
            while after < len(block.text) and block.text[after] in " \u00a0":
                after += 1
            own.add(sentence_of(after))
            near = [c for c in cues if _gap(c, piece) <= MAX_CUE_GAP and sentence_of(c.idx) in own]
            near.sort(key=lambda c: _gap(c, piece))
            cue = near[0] if near else None
            whole_block = piece.outer_start <= 1 and piece.outer_end >= len(block.text) - 1
            if cue is None:
                signed = _signature(doc, piece, block.text)
                if signed is not None and words >= MIN_QUOTE_WORDS:
                    # '"..." -- Jane Roe': a quotation signed with a dash and a name
                    (ss, se), (ds, de) = signed
                    speaker = span(ss, se)
                    ref = _ref(mentions, speaker, False)
                    quotes.append(Quote(span(piece.start, piece.end), True, speaker, None,
                                        span(ds, de), ref))
                    last = (speaker, ref, span(ds, de), number, piece.outer_end)
                    continue
                colon = block.text[: piece.outer_start].rstrip()
                if colon.endswith(":") and words >= MIN_QUOTE_WORDS:
                    # 'Okafor put it plainly: "..."' -- a lead-in inside the paragraph
                    found = _colon_attribution(doc, len(colon) - 1, pieces, mentions, span)
                    if found is not None:
                        speaker, ref, cue_span = found
                        quotes.append(Quote(span(piece.start, piece.end), True, speaker, None,
                                            cue_span, ref))
                        last = (speaker, ref, cue_span, number, piece.outer_end)
                        continue
                if (pending is not None and pending[3] == number - 1 and piece.outer_start <= 1
                        and words >= MIN_QUOTE_WORDS):
                    # 'He said:' closing the paragraph before, the quotation opening this one
                    last = (pending[0], pending[1], pending[2], number - 1, 0)
                    pending = None
                # A quotation that goes on after its attribution ('"A," she said. "B."'),
                # or a paragraph that is nothing but the quotation going on: the speaker
                # of the quotation just before.
                goes_on = last is not None and words >= MIN_QUOTE_WORDS and (
                    (last[3] == number and piece.outer_start - last[4] <= MAX_GAP_GOING_ON)
                    or (last[3] == number - 1 and whole_block))
                if goes_on and last is not None:
                    speaker, ref, cue_span = last[0], last[1], last[2]
                    quotes.append(Quote(span(piece.start, piece.end), True, speaker, None,
                                        cue_span, ref))
                    last = (speaker, ref, cue_span, number, piece.outer_end)
                continue
            inner = block.text[piece.start : piece.end].rstrip()
            if words < MIN_QUOTE_WORDS and not (inner.endswith((",", ".", "!", "?"))
                                                or cue.idx > piece.outer_start):
                continue  # a scare quote ("reset button"), not a quotation
            subj = _subject(cue)
            speaker = ref = None
            if subj is not None and not _inside(subj, pieces):
                s, e = _speaker_span(subj)
                speaker = span(s, e)
                ref = _ref(mentions, speaker, subj.lower_ in _PRONOUNS)
            cue_end = cue.idx + len(cue.text)
            if cue.lower_ == "according":
                cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1].text)
            cue_span = span(cue.idx, cue_end)
            quotes.append(Quote(span(piece.start, piece.end), True, speaker, None, cue_span, ref))
            last = (speaker, ref, cue_span, number, piece.outer_end)
        pending = _colon_cue(doc, block.text, pieces, mentions, span, number)
        if not block.heading:
            quotes.extend(_indirect(doc, block.text, pieces, cues, span, mentions))
    return quotes


_DASHES = "―—–"


def _signature(doc: Doc, piece: _Marked, text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A person named after a dash right behind the quotation: (name, dash) offsets."""
    k = piece.outer_end
    while k < len(text) and text[k] in " \u00a0":
        k += 1
    if k >= len(text) or text[k] not in _DASHES:
        return None
    dash = (k, k + 1)
    k += 1
    while k < len(text) and text[k] in " \u00a0":
        k += 1
    ent = next((e for e in doc.ents if e.start_char == k and e.label_ in ("PERSON", "ORG")), None)
    if ent is not None:
        return (ent.start_char, ent.end_char), dash
    words = re.match(r"[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){1,3}", text[k:])
    return ((k, k + words.end()), dash) if words else None


def _lead_in(doc: Doc, colon: int, pieces: list[_Marked]) -> tuple[Token | None, Token | None, tuple[int, int] | None]:
    """Who a colon lead-in gives the floor to ('Okafor put it plainly:', 'the pollster
    Jane Roe:'): (cue verb, speaker token, speaker offsets) read off the clause before
    the colon."""
    before = [t for t in doc if t.idx < colon and not _inside(t, pieces)]
    if not before:
        return None, None, None
    last = before[-1]
    if last.ent_type_ in ("PERSON", "ORG"):
        ent = next((e for e in doc.ents if e.start <= last.i < e.end), None)
        if ent is not None:
            return None, last, (ent.start_char, ent.end_char)
    sent = last.sent
    verbs = [t for t in before if t.i >= sent.start and t.pos_ == "VERB"]
    verbs.sort(key=lambda t: (t.lower_ in SPEECH_VERBS, t.i), reverse=True)
    for verb in verbs:
        subj = _subject(verb)
        if subj is not None and not _inside(subj, pieces):
            return verb, subj, _speaker_span(subj)
    return None, None, None


def _colon_attribution(doc: Doc, colon: int, pieces: list[_Marked], mentions: list[Mention],
                       span: Any) -> tuple[Span | None, Span | None, Span | None] | None:
    """(speaker, speaker_ref, cue) of a colon lead-in, or None when it names nobody."""
    verb, subj, offsets = _lead_in(doc, colon, pieces)
    if subj is None or offsets is None:
        return None
    speaker = span(*offsets)
    ref = _ref(mentions, speaker, subj.lower_ in _PRONOUNS)
    cue = span(verb.idx, verb.idx + len(verb.text)) if verb is not None else span(colon, colon + 1)
    return speaker, ref, cue


def _colon_cue(doc: Doc, text: str, pieces: list[_Marked], mentions: list[Mention],
               span: Any, number: int
               ) -> tuple[Span | None, Span | None, Span | None, int, int] | None:
    """A paragraph ending in a colon ('He said:') gives the floor to the quotation that
    opens the next one."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    found = _colon_attribution(doc, len(stripped) - 1, pieces, mentions, span)
    if found is None:
        return None
    return (*found, number, len(text))


def _indirect(doc: Doc, text: str, pieces: list[_Marked], cues: list[Token], span: object,
              mentions: list[Mention]) -> list[Quote]:
    out: list[Quote] = []
    make = span  # callable (start, end) -> Span
    for cue in cues:
        content: tuple[int, int] | None = None
        if cue.lower_ == "according":
            sent = cue.sent
            phrase_end = max(t.i for t in cue.subtree) + 1
            phrase_start = cue.i
            before = (sent.start_char, doc[phrase_start].idx)
            after = (doc[phrase_end].idx if phrase_end < sent.end else sent.end_char, sent.end_char)
            content = max(before, after, key=lambda p: p[1] - p[0])
        else:
            comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            toks = sorted(comp.subtree, key=lambda t: t.i)
            if toks and toks[0].lower_ == "that":
                toks = toks[1:]
            if not toks:
                continue
            content = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        s, e = content
        while s < e and (text[s].isspace() or text[s] in ",;:"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:."):
            e -= 1
        if e - s < 8:
            continue
        # a complement that is mostly a direct quotation was reported as direct already
        covered = sum(max(0, min(e, p.outer_end) - max(s, p.outer_start)) for p in pieces)
        if covered * 2 > e - s:
            continue
        subj = _subject(cue)
        speaker = ref = None
        if subj is not None:
            ss, se = _speaker_span(subj)
            speaker = make(ss, se)  # type: ignore[operator]
            ref = _ref(mentions, speaker, subj.lower_ in _PRONOUNS)
        cue_end = cue.idx + len(cue.text)
        if cue.lower_ == "according":
            cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1].text)
        out.append(Quote(make(s, e), False, speaker, None, make(cue.idx, cue_end), ref))  # type: ignore[operator]
    return out
