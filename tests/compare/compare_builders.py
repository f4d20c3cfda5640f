"""Small hand-built stories for the compare tests: articles, facts at exact offsets, and a
deterministic stand-in for the sentence encoder (bag of words), so unit tests need no model.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdesk.facts.model import (
    ArticleFacts,
    DateFact,
    Mention,
    NumberFact,
    Quote,
    Sentence,
    StoryFacts,
)
from newsdesk.model import Article, Span

_VOCABULARY = ["orchard", "violin", "glacier", "lantern", "meadow", "copper", "falcon", "harbor", "tundra", "pepper", "saddle", "marble", "cactus", "thimble", "quartz", "walnut", "bramble", "cobalt", "ember", "fjord", "gravel", "hazel", "ivory", "juniper", "kettle", "lichen", "mosaic", "nectar", "oyster", "pebble", "quiver", "ribbon"]


class WordBagModels:
    """``embed`` as hashed bag-of-words unit vectors: same words -> cosine 1."""

    def embed(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 256), dtype=np.float32)
        for row, text in enumerate(sentences):
            for word in re.findall(r"[a-z]+", text.lower()):
                if len(word) > 3:
                    out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


class ParsingModels(WordBagModels):
    """The word-bag encoder, with the real spaCy parser of the session's ``models``."""

    def __init__(self, models: Any) -> None:
        self._models = models

    def nlp(self) -> Any:
        return self._models.nlp()


@dataclass
class Draft:
    """An article under construction: text plus facts found by searching that text."""

    id: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    numbers: list[NumberFact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    published: str | None = None
    # an unrelated closing line of the article's own, so that two reports stating the same
    # one-line fact are not taken for copies of each other
    filler: bool = True

    def __post_init__(self) -> None:
        if self.filler:
            digest = hashlib.md5(self.id.encode()).digest()
            words = [_VOCABULARY[b % len(_VOCABULARY)] for b in digest[:12]]
            self.text = f"{self.text}\n{' '.join(words).capitalize()}."

    def span(self, needle: str, field_name: str = "text", nth: int = 0) -> Span:
        text = {"text": self.text, "title": self.title, "standfirst": self.standfirst}[field_name]
        assert text is not None
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        return Span(self.id, field_name, start, start + len(needle))  # type: ignore[arg-type]

    def person(self, name: str, entity: str | None = None, role: str | None = None,
               field_name: str = "text", nth: int = 0) -> Draft:
        form = "short" if len(name.split()) == 1 and field_name == "text" else "name"
        self.mentions.append(Mention(self.span(name, field_name, nth), "person", role=role,
                                     entity=entity, form=form))  # type: ignore[arg-type]
        return self

    def place(self, name: str, entity: str | None = None, field_name: str = "text",
              nth: int = 0) -> Draft:
        self.mentions.append(Mention(self.span(name, field_name, nth), "place", entity=entity))
        return self

    def organisation(self, name: str) -> Draft:
        self.mentions.append(Mention(self.span(name), "org"))
        return self

    def date(self, text: str, value: str | None, weekday: str | None = None,
             mismatch: bool = False) -> Draft:
        self.dates.append(DateFact(self.span(text), value, weekday, False, mismatch))
        return self

    def number(self, text: str, value: float, low: float | None, high: float | None,
               unit: str | None, subject: str | None = None) -> Draft:
        self.numbers.append(NumberFact(self.span(text), value, low, high, unit,
                                       subject=self.span(subject) if subject else None))
        return self

    def quote(self, content: str, speaker: str | None = None, entity: str | None = None) -> Draft:
        self.quotes.append(Quote(self.span(content), True,
                                 self.span(speaker) if speaker else None, entity))
        return self

    def facts(self) -> ArticleFacts:
        article = Article(id=self.id, text=self.text, title=self.title, standfirst=self.standfirst,
                          published=self.published)
        sentences = [
            Sentence(Span(self.id, "text", m.start(), m.end()))
            for m in re.finditer(r"[^\n]+", self.text)
        ]
        return ArticleFacts(article, sentences, list(self.mentions), list(self.dates),
                            list(self.numbers), list(self.quotes))


def story(*drafts: Draft) -> StoryFacts:
    return StoryFacts([d.facts() for d in drafts])
