"""Scores of a clustering against gold stories: B-cubed precision/recall/F1 and ARI.

B-cubed is written out here because no installed library exposes it (scikit-learn has
the pair-counting and information-theoretic scores only); ARI comes from scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterScores:
    precision: float
    recall: float
    f1: float
    ari: float
    n_predicted: int
    n_gold: int


def b_cubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Mean per-item precision and recall of the item's predicted cluster vs its gold one."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
    if not gold:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(predicted, gold))
    size_p = Counter(predicted)
    size_g = Counter(gold)
    # Every item of one (predicted, gold) cell has the same precision and recall, so sum
    # per cell instead of per item: linear in the number of items.
    precision = sum(n * n / size_p[p] for (p, _), n in pair.items()) / len(gold)
    recall = sum(n * n / size_g[g] for (_, g), n in pair.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_clustering(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> ClusterScores:
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = b_cubed(predicted, gold)
    ari = float(adjusted_rand_score([str(g) for g in gold], [str(p) for p in predicted]))
    return ClusterScores(precision, recall, f1, ari, len(set(predicted)), len(set(gold)))
