"""Word 4-gram shingles: the unit the extraction metric, the extraction vote and the
near-duplicate detector all compare texts by."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 4


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits and underscore runs, any script)."""
    return _WORD.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of ``size``-word windows; empty for a text shorter than ``size`` words."""
    tokens = words(text)
    # zip over shifted views builds the windows in C, about twice as fast as slicing
    return set(zip(*(tokens[i:] for i in range(size))))


def overlap_scores(predicted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted``'s shingles against ``truth``'s.

    This is the aeb metric (``../shared/corpora/README.md``): two empty texts agree
    perfectly; one empty text scores zero.
    """
    p, t = shingles(predicted), shingles(truth)
    if not p and not t:
        return 1.0, 1.0, 1.0
    hits = len(p & t)
    if not hits:
        return 0.0, 0.0, 0.0
    precision, recall = hits / len(p), hits / len(t)
    return precision, recall, 2 * precision * recall / (precision + recall)
