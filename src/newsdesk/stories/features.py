"""The per-article step of clustering: everything the clusterer needs from one article.

:func:`featurize` is a pure function of a chunk of articles (and the embedder's files on
disk), so the single-process path and ``--engine dask`` run the very same code on the
same chunks and get bit-identical features; only the sequential assignment that follows
needs to see articles in order.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from datasketch import LeanMinHash

from newsdesk.model import Article
from newsdesk.stories.signals import Signals, extract_signals

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.stories.distill import StaticEmbedder

# MinHash over word 3-shingles of the lead finds copies and light rewrites of one
# report. 32 permutations keep the LSH tables near 0.5 GB at a million articles.
NUM_PERM = 32
SHINGLE_WORDS = 3
MAX_SHINGLE_CHARS = 2000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, eq=False)
class ArticleFeatures:
    """What clustering keeps of one article: its embedding, MinHash and signals."""

    id: str
    vector: np.ndarray  # unit float32, model2vec of the lead
    minhash: LeanMinHash  # of the lead's word shingles (no permutations: small to ship)
    signals: Signals

    def same_as(self, other: ArticleFeatures) -> bool:
        return (
            self.id == other.id
            and self.signals == other.signals
            and np.array_equal(self.vector, other.vector)
            and np.array_equal(self.minhash.hashvalues, other.minhash.hashvalues)
        )


def article_text(article: Article) -> str:
    """Title, standfirst and body joined: a headline often names the who and where."""
    parts = [article.title or "", article.standfirst or "", article.text or ""]
    return "\n".join(p for p in parts if p)


def _shingles(text: str) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text[:MAX_SHINGLE_CHARS])]
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode()] if words else [b""]
    return [
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


def featurize(articles: list[Article], embedder: StaticEmbedder) -> list[ArticleFeatures]:
    """Embed, MinHash and read the signals of a chunk of articles, in order."""
    from datasketch import MinHash

    if not articles:
        return []
    texts = [article_text(a) for a in articles]
    vectors = embedder.embed(texts)
    # bulk() shares one set of permutations across the chunk (fixed seed, so every
    # process builds the same ones).
    # zlib.crc32 instead of datasketch's default SHA-1: a 32-bit hash is all the scheme
    # uses, and crc32 is deterministic across processes and ~3x cheaper per shingle.
    minhashes = MinHash.bulk([_shingles(t) for t in texts], num_perm=NUM_PERM, hashfunc=zlib.crc32)
    return [
        ArticleFeatures(
            id=a.id,
            vector=vectors[i],
            minhash=LeanMinHash(minhashes[i]),
            signals=extract_signals(texts[i], a.published),
        )
        for i, a in enumerate(articles)
    ]
