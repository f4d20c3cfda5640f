"""What a disputed place, date or figure is said of, so that a conflict's summary can be
read alone.

"Reports disagree on where it happened: A says X; B says Y" leaves a reader asking *what*
happened there; the lines the two values come from usually say it, in the words that
hold the value: "the summit *in* X" (the noun the place is attached to), "the X *coal
mine disaster*" (the noun it modifies), "the hearings *were held in* 1955" (a passive
verb and its subject), "the quake *struck* X" (a verb and its subject). Each side's line
is parsed (spaCy's dependency parse, the pipeline the facts stage loads) and read that
way; the summary names the happening only when the sides' lines agree on it (they share
a word of it), so a summary never puts words in one report's mouth that the others do
not bear out. Where no line says it plainly, the generic wording stays.

Hand-written because no library turns a dependency parse into a short description of
what a value is said of; the rules below are a handful of English dependency patterns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.compare.conflicts.base import Context, Finding

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Nouns that name a kind of place: "the city of X", "X island", "the X region" say what
# X is, not what happened there, so the description climbs past them.
_PLACE_CLASSES = frozenset({
    "area", "avenue", "borough", "capital", "city", "coast", "constituency", "country",
    "county", "district", "island", "islands", "municipality", "nation", "neighborhood",
    "neighbourhood", "parish", "port", "prefecture", "province", "region", "republic",
    "road", "square", "state", "street", "suburb", "territory", "town", "township",
    "village", "ward",
})
# Nouns too general to tell a reader anything ("the location of the time").
_EMPTY = frozenset({
    "thing", "things", "time", "times", "way", "year", "years", "day", "days", "month",
    "months", "week", "weeks", "one", "part", "lot", "number", "kind", "people", "person",
    "man", "woman", "men", "women", "home", "place", "side", "end", "start",
    # parts of a period ("the first half of 2027"): the period, not what it dates
    "half", "halves", "quarter", "quarters", "beginning", "middle", "rest",
})
# Dependents that make a verb a state or a report, not a happening ("remained a secret").
_COMPLEMENTS = frozenset({"attr", "acomp", "oprd", "xcomp", "ccomp"})
# Steps up the parse from the value: far enough for "the capital, X" in a signing.
_CLIMB = 6
# Spans per side whose lines are read: enough to find one plain line, few to parse.
_LINES_PER_SIDE = 3
# The generic wording each kind's detectors use, which a description may replace.
_GENERIC = {"where it happened": "place", "the year": "year"}
_COUNTED = "the number of "


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one line says its value is of."""

    noun: str  # the noun phrase, lower case but for names ("Senate hearings")
    verb: str  # "" for a noun alone; else the verb as written ("struck", "held")
    passive: bool
    plural: bool
    words: frozenset[str]  # the phrase's words, crudely stemmed, to compare sides

    def describe(self, what: str) -> str:
        if not self.verb:
            return f"the location of the {self.noun}" if what == "place" else (
                f"the year of the {self.noun}")
        lead = "where" if what == "place" else "the year"
        be = ("were" if self.plural else "was") if self.passive else ""
        return " ".join(w for w in (lead, "the", self.noun, be, self.verb) if w)


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _noun_phrase(noun: Token, value: set[int]) -> str | None:
    """The noun with the compound words before it ("coal mine disaster"), never the
    disputed value itself nor a figure."""
    if noun.i in value or noun.like_num or noun.pos_ != "NOUN":
        return None
    if noun.text[:1].isupper() and (noun.i > noun.sent.start or (
            noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in noun.children))):
        # a capitalised "noun" mid-sentence, or a singular one opening the sentence with
        # no article ("Doe resigned in 1990"), is a name the tagger missed
        return None
    if noun.lower_ in _EMPTY or noun.lower_ in _PLACE_CLASSES or not noun.is_alpha:
        return None
    words = [t for t in _compounds(noun) if t.i not in value and not t.like_num and t.is_alpha]
    # keep the run of words right before the noun (a gap means the value sat there)
    run = [noun]
    for t in reversed(words):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in run)


def _compounds(token: Token) -> list[Token]:
    """The compound words before ``token``, in order ("coal", "mine" of "disaster")."""
    out: list[Token] = []
    for child in token.lefts:
        if child.dep_ == "compound":
            out.extend([*_compounds(child), child])
    return out


def _reading(noun: Token, value: set[int], verb: Token | None = None,
             passive: bool = False) -> _Reading | None:
    phrase = _noun_phrase(noun, value)
    if phrase is None:
        return None
    verb_text = ""
    if verb is not None:
        if any(c.dep_ in _COMPLEMENTS for c in verb.children):
            return None  # "remained a secret", "was named": a state, not a happening
        verb_text = verb.text.lower()
        particles = [c.text.lower() for c in verb.children if c.dep_ == "prt"]
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in value]
        if objects and not passive:
            # "took place": a bare object noun belongs to the verb's phrase
            obj = objects[0]
            if obj.n_lefts or obj.n_rights or obj.like_num:
                return None
            verb_text = f"{verb_text} {obj.lower_}"
        if particles:
            verb_text = f"{verb_text} {' '.join(particles)}"
    words = {_stem(w) for w in phrase.split()} | ({_stem(verb.lemma_ or verb.text)}
                                                   if verb is not None else set())
    return _Reading(phrase, verb_text, passive, noun.tag_ in ("NNS", "NNPS"),
                    frozenset(words))


def _of_verb(verb: Token, value: set[int]) -> _Reading | None:
    """What a verb the value hangs from is said of: its passive subject ("the hearings
    were held in ..."), the noun a participle describes ("a meeting held in ..."), the
    object of a regular verb told in the past, read as a passive ("signed an agreement
    in ..." -- "where the agreement was signed"), or the subject of a verb told in the
    past ("the quake struck ...")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    children = list(verb.children)
    for c in children:
        if c.dep_ == "nsubjpass" and verb.tag_ == "VBN":
            return _reading(c, value, verb, passive=True)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
        return _reading(verb.head, value)
    if verb.tag_ != "VBD":
        return None
    objects = [c for c in children if c.dep_ == "dobj" and c.i not in value]
    if objects and verb.lower_.endswith("ed") and objects[0].pos_ == "NOUN":
        # a regular verb's past is its participle: "signed" the agreement -> "was signed"
        return _reading(objects[0], value, verb, passive=True)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return None
    return _reading(subjects[0], value, verb)


def _read(doc: Doc, start: int, end: int) -> list[_Reading]:
    """What the value at characters ``start:end`` of a parsed line is said of, nearest
    first: "the agreement was signed at the authority building in X" gives the building,
    then the signing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    value = {t.i for t in span}
    token = span.root
    found: list[_Reading] = []

    def add(reading: _Reading | None) -> None:
        if reading is not None:
            found.append(reading)

    for _step in range(_CLIMB):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ in ("appos", "compound", "flat", "conj") and (
                head.pos_ == "PROPN" or head.lower_ in _PLACE_CLASSES):
            value.add(head.i)  # "X, Y", "the capital, X": one place
            token = head
            continue
        if token.dep_ == "appos" and head.pos_ == "NOUN":
            token = head  # a name set beside a noun tells where that thing was
            continue
        if token.dep_ == "pobj" and head.dep_ == "prep":
            holder = head.head
            if holder.pos_ == "NOUN" and holder.lower_ in _PLACE_CLASSES:
                value.add(holder.i)  # "the city of X" is X, "a town in X" is in X
                token = holder
                continue
            if holder.pos_ == "NOUN" and holder.dep_ in ("nsubj", "nsubjpass"):
                # "Voters in 2009 approved ...": the parser hangs the verb's time or
                # place on its subject; what is dated is the verb's happening
                add(_of_verb(holder.head, value))
                break
            if holder.pos_ == "NOUN":
                add(_reading(holder, value))
                token = holder  # and what the holder is part of: "building" -> signing
                continue
            if holder.pos_ in ("VERB", "AUX"):
                add(_of_verb(holder, value))
            break
        if token.dep_ in ("compound", "nmod", "nummod", "amod", "poss") and head.pos_ == "NOUN":
            if head.lower_ in _PLACE_CLASSES:
                value.add(head.i)  # "X island", "the X region"
                token = head
                continue
            if head.dep_ != "compound" or head.head.pos_ != "NOUN":
                # "the X tunnel collapse": the whole compound, up to its last common noun
                add(_reading(head, value))
            token = head
            continue
        if token.dep_ == "dobj" and head.pos_ == "VERB":
            add(_of_verb(head, value))
        break
    return found


def _count_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The participle a counted noun is told with: "three people *killed*", "ten people
    had been *killed*" -- what the count is a count of."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    figure = span.root
    noun = figure.head
    if figure.dep_ not in ("nummod", "compound") or noun.pos_ != "NOUN" or noun.i == figure.i:
        return None
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
    if noun.dep_ == "nsubjpass" and noun.head.tag_ == "VBN":
        return noun.head
    return None


class Topics:
    """Descriptions of what the story's disputed places and years are said of."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._docs: dict[int, Doc] = ctx.parsed(())  # the context's cache, filled below

    def describe_all(self, findings: list[Finding]) -> None:
        """Replace each generic ``what`` the sides' lines let us name; a summary its
        detector wrote ("A names X where B and C name Y in the same words") is led by
        the description instead ("On where the treaty was signed, A names X ...")."""
        todo = [f for f in findings if (_GENERIC.get(f.what) and f.kind in ("place", "date"))
                or (not f.summary and f.kind == "number" and f.what.startswith(_COUNTED))]
        rows = [self.ctx.sentence_of(s) for f in todo for side in f.sides
                for s in side.spans[:_LINES_PER_SIDE]]
        self.ctx.parsed(rows)
        for f in todo:
            described = self.describe_count(f) if f.kind == "number" else self.describe(f)
            if not described:
                continue
            f.what = described
            if f.summary:
                f.summary = f"On {described}, {f.summary}"

    def _lines(self, finding: Finding) -> Iterable[tuple[int, Doc, int, int]]:
        """Each side's spans with their parsed lines: (side, doc, start, end)."""
        for k, side in enumerate(finding.sides):
            for span in side.spans[:_LINES_PER_SIDE]:
                row = self.ctx.sentence_of(span)
                doc = self._docs.get(row)
                if doc is not None:
                    base = self.ctx.view.sentences[row].span.start
                    yield k, doc, span.start - base, span.end - base

    def describe_count(self, finding: Finding) -> str | None:
        """"the number of people killed" where two sides' lines count the people with
        one participle; else nothing."""
        verbs: dict[int, set[str]] = {}
        written: dict[str, str] = {}
        for k, doc, start, end in self._lines(finding):
            verb = _count_verb(doc, start, end)
            if verb is not None:
                lemma = verb.lemma_ or verb.lower_
                verbs.setdefault(k, set()).add(lemma)
                written.setdefault(lemma, verb.lower_)
        shared = set.intersection(*verbs.values()) if len(verbs) >= 2 else set()
        if len(shared) != 1:
            return None
        return f"{finding.what} {written[shared.pop()]}"

    def describe(self, finding: Finding) -> str | None:
        what = _GENERIC[finding.what]
        readings: dict[int, list[_Reading]] = {}
        for k, doc, start, end in self._lines(finding):
            if k not in readings:
                chain = _read(doc, start, end)
                if chain:
                    readings[k] = chain
        # one side's reading that another side's line bears out (a shared word), the
        # nearest to both values first, then the side most reports take
        choices = []
        for k, chain in readings.items():
            for depth, reading in enumerate(chain):
                backing = [d for other, theirs in readings.items() if other != k
                           for d, r in enumerate(theirs) if r.words & reading.words]
                if backing:
                    # nearest to both values first; then a happening told with its verb
                    # ("where the accord was signed" over "the location of the accord");
                    # then the side most reports take
                    choices.append((depth + min(backing), not reading.verb,
                                    -len(finding.sides[k].articles), depth, reading))
        if not choices:
            return None  # one report's framing alone is not the story's
        return min(choices, key=lambda c: c[:4])[4].describe(what)
