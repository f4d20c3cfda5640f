"""What every conflict detector returns, and the context they all read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.compare.align import ClaimAligner
from newsdesk.compare.model import ConflictKind, LikelyError, Severity
from newsdesk.compare.places import Gazetteer, PlaceKnowledge
from newsdesk.compare.view import SentenceFacts, StoryView, inside
from newsdesk.facts.model import NumberFact
from newsdesk.model import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from newsdesk.models import Models


@dataclass(slots=True)
class Side:
    """One variant of a disputed fact: the value as a reader sees it, and where it is said."""

    value: str
    spans: list[Span] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(s.article for s in self.spans))


@dataclass(slots=True)
class Finding:
    """A disagreement found by one detector, before the likely error is judged.

    ``blame`` is set by a detector that can judge from evidence only it sees (the
    calendar, an article contradicting itself); otherwise the judge decides by majority.
    ``what`` names the disputed fact for the summary ("the year of the 13 January event").
    """

    kind: ConflictKind
    key: str
    what: str
    sides: list[Side]
    severity: Severity
    blame: LikelyError | None = None
    # a one-sentence summary written by the detector; the judge writes one when empty
    summary: str = ""
    # ``blame`` breaks a tie between the reports this finding saw: a wider finding of the
    # same disagreement, whose vote is no tie, judges better
    tie_break: bool = False


@dataclass(slots=True)
class Context:
    view: StoryView
    aligner: ClaimAligner
    places: PlaceKnowledge
    models: Models | None = None
    gazetteer: Gazetteer | None = None  # for names the tagger did not type as places
    _rows: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _docs: dict[int, Doc] = field(default_factory=dict)

    def similarity(self, a: SentenceFacts, b: SentenceFacts) -> float:
        i, j = self.sentence_of(a.span), self.sentence_of(b.span)
        return float(self.aligner.similarity_[i, j]) if i >= 0 and j >= 0 else 0.0

    def sentence_of(self, span: Span) -> int:
        """Row of the similarity matrix for the sentence holding ``span`` (-1 if none)."""
        if not self._rows:
            for i, sentence in enumerate(self.view.sentences):
                self._rows.setdefault((sentence.article, sentence.span.field), []).append(i)
        for i in self._rows.get((span.article, span.field), ()):
            if inside(span, self.view.sentences[i].span):
                return i
        return -1

    def parsed(self, rows: Iterable[int]) -> dict[int, Doc]:
        """The dependency parses of the sentences in ``rows`` (the facts stage's spaCy
        pipeline, tagger and parser only), parsed once per story; none without a
        pipeline (a stand-in ``models``)."""
        nlp = getattr(self.models, "nlp", None)
        wanted = sorted({r for r in rows if r >= 0 and r not in self._docs})
        if wanted and callable(nlp):
            pipeline = nlp()
            keep = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
            disable = [n for n in pipeline.pipe_names if n not in keep]
            texts = [self.view.sentences[r].text for r in wanted]
            for row, doc in zip(wanted, pipeline.pipe(texts, disable=disable), strict=True):
                self._docs[row] = doc
        return self._docs

    def token_at(self, span: Span) -> Token | None:
        """The parsed token where ``span`` starts, in its sentence's parse (see
        :meth:`parsed`); none without a parse."""
        row = self.sentence_of(span)
        doc = self.parsed([row]).get(row)
        if doc is None:
            return None
        offset = span.start - self.view.sentences[row].span.start
        return next((t for t in doc if t.idx <= offset < t.idx + len(t)), None)

    def aligned_pairs(
        self, min_similarity: float = 0.0
    ) -> Iterator[tuple[int, SentenceFacts, SentenceFacts]]:
        """Pairs of sentences of different articles that ended up in one claim, and are at
        least ``min_similarity`` alike (a claim may hold looser pairs than a detector
        wants to compare value by value)."""
        sentences = self.view.sentences
        similarity = self.aligner.similarity_
        for members in self.aligner.groups_:
            if len(members) < 2:
                continue
            group = self.aligner.group_of_[members[0]]
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if float(similarity[i, j]) >= min_similarity:
                        yield group, sentences[i], sentences[j]


def is_stop_word(word: str) -> bool:
    """A function word (spaCy's English stop words), lower case."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return word in STOP_WORDS


# Where a written value begins and ends: a name not inside a longer word or a hyphenated
# compound; a year not inside a longer number.
NAME_EDGES = (r"(?<![\w-])", r"(?![\w-])")
NUMBER_EDGES = (r"(?<!\d)", r"(?!\d)")


class Attestation:
    """Which reports write a value (a name, a year) anywhere -- headline, standfirst or
    body -- and whether one report's body or headline writes it: how the whole story
    attests a value, not only the sentence it was found in. Searches are kept per story."""

    def __init__(self, ctx: Context, edges: tuple[str, str] = NAME_EDGES) -> None:
        self._articles = ctx.view.articles
        self._edges = edges
        # all three fields of each report, one per line
        self.texts = {aid: f"{a.title or ''}\n{a.standfirst or ''}\n{a.text}"
                      for aid, a in ctx.view.articles.items()}
        self._anywhere: dict[str, set[str]] = {}
        self._fields: dict[tuple[str, str, str], bool] = {}

    def pattern(self, value: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(f"{self._edges[0]}{re.escape(value)}{self._edges[1]}", flags)

    def anywhere(self, value: str) -> set[str]:
        if value not in self._anywhere:
            word = self.pattern(value)
            self._anywhere[value] = {aid for aid, text in self.texts.items() if word.search(text)}
        return self._anywhere[value]

    def in_body(self, value: str, article: str) -> bool:
        return self._writes(value, article, "text")

    def in_headline(self, value: str, article: str) -> bool:
        """In the headline or the standfirst."""
        return self._writes(value, article, "title", "standfirst")

    def _writes(self, value: str, article: str, *fields: str) -> bool:
        if article not in self.anywhere(value):
            return False
        key = (value, article, ",".join(fields))
        if key not in self._fields:
            a = self._articles[article]
            text = "\n".join(a.get(f) or "" for f in fields)  # type: ignore[arg-type]
            self._fields[key] = bool(self.pattern(value).search(text))
        return self._fields[key]


# Words either side of a fact that tell what it is attached to ("signed an agreement in
# X", "X dockworkers walked out"): up to ten before, four after.
_BEFORE, _AFTER = 10, 4
_WORD = re.compile(r"[a-z][a-z'-]+")


def context_words(ctx: Context, sentence_index: int, span: Span) -> set[str]:
    """Content words (spaCy's stop words left out) near ``span`` inside its sentence."""
    from spacy.lang.en.stop_words import STOP_WORDS

    sentence = ctx.view.sentences[sentence_index]
    text = sentence.text.lower()
    start = span.start - sentence.span.start
    end = span.end - sentence.span.start
    before = _WORD.findall(text[:start])[-_BEFORE:]
    after = _WORD.findall(text[end:])[:_AFTER]
    return {w for w in before + after if w not in STOP_WORDS and len(w) > 2}


def add_to_side(sides: list[Side], value: str, span: Span) -> None:
    for side in sides:
        if side.value == value:
            if span not in side.spans:
                side.spans.append(span)
            return
    sides.append(Side(value, [span]))


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per (kind, key): sides with equal values pooled, worst severity kept."""
    order = {"high": 0, "medium": 1, "low": 2}
    merged: dict[tuple[str, str], Finding] = {}
    for f in findings:
        key = (f.kind, f.key)
        if key not in merged:
            merged[key] = Finding(f.kind, f.key, f.what, [], f.severity, f.blame, f.summary,
                                  f.tie_break)
        target = merged[key]
        for side in f.sides:
            for span in side.spans:
                add_to_side(target.sides, side.value, span)
        if order[f.severity] < order[target.severity]:
            target.severity = f.severity
        if f.blame is not None and (target.blame is None or target.tie_break > f.tie_break):
            target.blame, target.tie_break = f.blame, f.tie_break  # evidence over a tie-break
        target.summary = target.summary or f.summary
    return [f for f in merged.values() if len(f.sides) >= 2]


def figure_text(view: StoryView, number: NumberFact) -> str:
    """A figure as its report wrote it, in English notation where the report writes the
    continental way and the facts read it so ("about 1.200" read as 1,200 is shown
    "about 1,200", so it is not taken for another figure than the others' "1,200")."""
    from newsdesk.facts.numbers import continental, english_notation

    text = view.text_of(number.span)
    if not continental(text):
        return text
    english = english_notation(text)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", english)
    if digits is None:
        return text
    stated = float(digits.group().replace(",", ""))
    if stated and any(abs(number.value - stated * scale) < 1e-6 * max(1.0, number.value)
                      for scale in (1.0, 1e3, 1e6, 1e9, 1e12)):
        return english
    return text


def mid_sentence(figure: str) -> str:
    """A figure as a report wrote it at the start of its sentence ("More than 4,000",
    "Two"), written mid-sentence: the first word in lower case when it is a common word
    (a qualifier or a number word), never a name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsdesk.facts.numbers import word_value

    first, _, rest = figure.partition(" ")
    common = first.lower() in STOP_WORDS or word_value(first.lower()) is not None
    if first[:1].isupper() and common:
        return f"{first.lower()} {rest}".rstrip()
    return figure


def article_list(ids: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' -- article ids as a reader reads them."""
    if len(ids) <= 1:
        return "".join(ids)
    return ", ".join(ids[:-1]) + " and " + ids[-1]
