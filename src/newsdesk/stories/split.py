"""The second look at a story: are its members two events of the same kind?

The online pass can let one story draw in two same-kind events (two arrests of one
team's players, two quakes in one region) when early reports share most names. Such a
story falls apart into two groups that are each tight and loosely tied to each other,
and whose *when* disagrees (different years, dates, weekdays). :func:`bisect` finds the
best two-way cut of a story's member-similarity graph (the spectral normalised cut of
Shi and Malik, swept over the Fiedler vector); the clusterer splits the story only when
that cut is good and the two halves' when-profiles differ.

The Fiedler vector comes from numpy's dense ``eigh`` on the story's own members (a few
dozen at most in practice, capped by the caller), so the cost is per story, never over
the corpus. scikit-learn's SpectralClustering would give the labels but not the cut
value, which is the part the decision needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Bisection:
    ncut: float  # cut/vol(A) + cut/vol(B): ~1 for an arbitrary cut, lower when separated
    first: np.ndarray  # bool mask of the members in one half


def bisect(similarity: np.ndarray) -> Bisection | None:
    """Best normalised cut of a similarity matrix along its Fiedler vector."""
    affinity = np.clip(similarity, 0.0, None).astype(np.float64)
    np.fill_diagonal(affinity, 0.0)
    n = affinity.shape[0]
    degree = affinity.sum(axis=1)
    if n < 2 or np.any(degree <= 0):
        return None  # a member tied to nobody: no meaningful cut
    inv_sqrt = 1.0 / np.sqrt(degree)
    normalised = np.eye(n) - affinity * inv_sqrt[:, None] * inv_sqrt[None, :]
    _, vectors = np.linalg.eigh(normalised)
    fiedler = vectors[:, 1] * inv_sqrt
    order = np.argsort(fiedler, kind="stable")
    volume = float(degree.sum())
    # Sweep the cut along the sorted vector, updating the cut weight incrementally:
    # moving member j to the first half adds its ties to the second half and removes
    # its ties to the first.
    in_first = np.zeros(n, dtype=bool)
    cut = 0.0
    volume_first = 0.0
    best: tuple[float, int] | None = None
    for k, j in enumerate(order[:-1], start=1):
        to_first = float(affinity[j, in_first].sum())
        cut += float(degree[j]) - 2.0 * to_first
        in_first[j] = True
        volume_first += float(degree[j])
        ncut = cut / volume_first + cut / (volume - volume_first)
        if best is None or ncut < best[0] - 1e-12:
            best = (ncut, k)
    if best is None:
        return None
    mask = np.zeros(n, dtype=bool)
    mask[order[: best[1]]] = True
    return Bisection(best[0], mask)


def profile_cosine(first: dict[str, float], second: dict[str, float]) -> float | None:
    """Cosine of two key profiles; None when either is empty (nothing to compare)."""
    a = sum(v * v for v in first.values())
    b = sum(v * v for v in second.values())
    if a <= 0 or b <= 0:
        return None
    dot = sum(v * second.get(k, 0.0) for k, v in first.items())
    return float(dot / np.sqrt(a * b))


class KeyMemory:
    """Each clustered article's heaviest who/where/when weights, compactly.

    Keys are held once in a vocabulary; an article keeps int32 ids and float16 unit
    weights (~0.4 KB for 64 keys), enough to rebuild any group's profile when a story is
    checked for a split.
    """

    def __init__(self, max_keys: int) -> None:
        self.max_keys = max_keys
        self.vocabulary: dict[str, int] = {}
        self.names: list[str] = []
        self.articles: list[tuple[np.ndarray, np.ndarray]] = []

    def remember(self, weights: dict[str, float], norm: float) -> None:
        """Add the next article (in assignment order) by its weights and their norm."""
        heaviest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.max_keys]
        ids = np.empty(len(heaviest), dtype=np.int32)
        for j, (key, _) in enumerate(heaviest):
            index = self.vocabulary.get(key)
            if index is None:
                index = self.vocabulary[key] = len(self.names)
                self.names.append(key)
            ids[j] = index
        units = np.array([w / norm for _, w in heaviest], dtype=np.float16)
        self.articles.append((ids, units))

    def _pairs(self, member: int) -> list[tuple[str, float]]:
        ids, units = self.articles[member]
        return [(self.names[i], u) for i, u in zip(ids.tolist(), units.tolist())]

    def profile(
        self,
        members: list[int],
        keep: Callable[[str], bool] | None = None,
        kinds: tuple[str, ...] | None = None,
    ) -> dict[str, float]:
        """Sum of the members' unit key vectors. With ``kinds``, of those kinds of keys
        only, each member's renormalised: a report naming just a weekday counts fully."""
        profile: dict[str, float] = {}
        for member in members:
            pairs = self._pairs(member)
            if keep is not None or kinds is not None:
                pairs = [
                    (k, u)
                    for k, u in pairs
                    if (keep is None or keep(k)) and (kinds is None or k.startswith(kinds))
                ]
            if kinds is not None:
                norm = math.sqrt(sum(u * u for _, u in pairs)) or 1.0
                pairs = [(k, u / norm) for k, u in pairs]
            for key, unit in pairs:
                profile[key] = profile.get(key, 0.0) + unit
        return profile

    def matrix(self, members: list[int], keep: Callable[[str], bool]) -> np.ndarray:
        """Members x kept keys, each row a unit vector (zero if nothing is kept)."""
        columns: dict[str, int] = {}
        rows = [[(k, u) for k, u in self._pairs(m) if keep(k)] for m in members]
        for pairs in rows:
            for key, _ in pairs:
                columns.setdefault(key, len(columns))
        out = np.zeros((len(members), len(columns)), dtype=np.float64)
        for r, pairs in enumerate(rows):
            for key, unit in pairs:
                out[r, columns[key]] = unit
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)
