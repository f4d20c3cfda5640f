"""The sources of a check, read once: every sentence with its offsets, its checkable
content and its MiniLM vector, so that each summary sentence is aligned to the few
source sentences it most likely rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.check.items import SentenceContent, sentence_content, words
from newsdesk.model import Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from newsdesk.facts.sentences import Block
    from newsdesk.models import Models

# Each readable source's blocks (lines) with their parses, by article id.
Parsed = dict[str, list[tuple["Block", "Doc"]]]

# A source field is cut here before parsing: check reads news articles, and an input far
# longer than any article is not one (the ingest stage bounds files; this bounds records
# handed in through the API).
MAX_FIELD_CHARS = 200_000
# Source sentences embedded per summary sentence: the ones sharing most content words. On
# qags-cnndm the best MiniLM match is among the 8 best lexical ones for nearly every
# sentence, and embedding every source sentence made a 5-article check miss its 3 s budget.
CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class SourceSentence:
    span: Span
    content: SentenceContent
    words: frozenset[str]
    stems: frozenset[str]


def trimmed(sent: SpacySpan) -> SpacySpan | None:
    """The sentence without leading/trailing whitespace tokens; None if nothing is left."""
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return None
    return sent.doc[toks[0].i : toks[-1].i + 1]


def parse_sources(articles: list[Article], models: Models) -> Parsed:
    """The readable sources' blocks with their parses, as the facts stage makes them."""
    from newsdesk.facts.pipeline import parse_articles

    readable = [a for a in articles if a.ok]
    parses = parse_articles(readable, models, batch_size=32, max_field_chars=MAX_FIELD_CHARS)
    return {a.id: p for a, p in zip(readable, parses, strict=True)}


class SourceIndex:
    """Sentences of the source articles with content and vectors, built once per check.

    ``parsed``: the sources' blocks already parsed by the facts stage
    (:func:`parse_sources`), when the check compares them too; parsed here otherwise.
    """

    def __init__(self, articles: list[Article], models: Models,
                 parsed: Parsed | None = None) -> None:
        self.articles = {a.id: a for a in articles if a.ok}
        if parsed is None:
            parsed = parse_sources(list(self.articles.values()), models)
        self.sentences: list[SourceSentence] = []
        for article_id in self.articles:
            for block, doc in parsed.get(article_id, ()):
                for raw in doc.sents:
                    sent = trimmed(raw)
                    if sent is None or not words(sent.text):
                        continue
                    content = sentence_content(sent)
                    span = Span(article_id, block.field, block.start + sent.start_char,
                                block.start + sent.end_char)
                    self.sentences.append(SourceSentence(
                        span, content, frozenset(words(sent.text)),
                        frozenset(content.all_stems)))
        # MiniLM vectors of source sentences, filled only for the candidates some summary
        # sentence needs: embedding dominates the cost of a check (see BENCHMARKS.md)
        self._vectors: dict[int, np.ndarray] = {}
        self.words: frozenset[str] = frozenset().union(*(s.words for s in self.sentences))
        self.stems: frozenset[str] = frozenset().union(*(s.stems for s in self.sentences))
        self.bigrams: frozenset[tuple[str, str]] = frozenset().union(
            *(s.content.bigrams() for s in self.sentences))

    def __len__(self) -> int:
        return len(self.sentences)

    def candidates(self, content: SentenceContent, n: int = CANDIDATES) -> list[int]:
        """The n source sentences sharing most of the sentence's content words."""
        mine = set(content.content_stems) or set(content.all_stems)
        bigrams = content.bigrams()
        scored = [(len(mine & s.stems) + 0.5 * len(bigrams & s.content.bigrams()), -i)
                  for i, s in enumerate(self.sentences)]
        scored.sort(reverse=True)
        return [-i for _, i in scored[:n]]

    def missing_vectors(self, indices: set[int]) -> list[int]:
        return sorted(i for i in indices if i not in self._vectors)

    def store_vectors(self, indices: list[int], vectors: np.ndarray) -> None:
        for i, v in zip(indices, vectors, strict=True):
            self._vectors[i] = v

    def align(self, content: SentenceContent, vector: np.ndarray, candidates: list[int],
              k: int = 3) -> tuple[list[int], dict[int, float]]:
        """The k candidates that best match, best first, and each candidate's cosine.

        Ranking adds word overlap to the MiniLM cosine because the encoder alone ranks a
        sentence on the same topic above the one sharing the summary's names and numbers.
        """
        mine = set(content.content_stems) or set(content.all_stems)
        cos = {i: float(self._vectors[i] @ vector) for i in candidates}
        combined = {i: cos[i] + 0.5 * len(mine & self.sentences[i].stems) / max(1, len(mine))
                    for i in candidates}
        top = sorted(candidates, key=lambda i: -combined[i])[:k]
        return top, cos
