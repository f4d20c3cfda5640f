"""A :class:`~newsdesk.models.Models` stand-in that remembers sentence embeddings.

Within one analysis the aligner embeds every sentence of the story and the brief then
embeds its candidate sentences -- mostly the same strings. Encoding is most of the warm
path's time (seeds: about two thirds), so the second stage should find the vectors
ready. The evaluation loop uses the same memo across a clean story and its corrupted
copies, which differ in one article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.models import Models

_DIMENSIONS = 384  # MiniLM-L6's sentence vector size, for the empty case


class EmbeddingMemo:
    """Delegates to a :class:`Models`, memoising ``embed`` per sentence string.

    Lives as long as its owner wants (one report, one evaluation run): it holds a vector
    per distinct sentence it has seen, so it is not meant to outlive a batch.
    """

    def __init__(self, models: Models) -> None:
        self.models = models
        self._vectors: dict[str, np.ndarray] = {}

    def nlp(self) -> Any:
        return self.models.nlp()

    def encoder(self) -> Any:
        return self.models.encoder()

    def gazetteer(self) -> Any:
        return self.models.gazetteer()

    def embed(self, sentences: list[str]) -> np.ndarray:
        todo = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if todo:
            for s, v in zip(todo, self.models.embed(todo)):
                self._vectors[s] = v
        if not sentences:
            return np.zeros((0, _DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[s] for s in sentences])
