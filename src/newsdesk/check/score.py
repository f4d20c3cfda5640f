"""Support score: a logistic model over the judge's signals.

No entailment model ships offline here (only spaCy's small pipeline and the MiniLM
bi-encoder), so the score combines alignment, word and bigram coverage, missing items and
detected contradictions with weights fitted by logistic regression. Refit with
``python -m newsdesk.check.fit`` (it prints the cross-validated figures and these lines).
"""

from __future__ import annotations

import math

# Fitted on all 714 sentences of ../shared/corpora/qags-cnndm (label: most of the three
# votes say "yes"), class-balanced, on the features in newsdesk.check.judge.FEATURE_NAMES
# order. Two-fold cross-validation (fit on one half of the articles, score the other):
# see BENCHMARKS.md "Check" for the figures.
WEIGHTS: tuple[float, ...] = (
    3.8291, 0.2331, 0.1059, 2.3923, 3.4430, 0.0153, -0.3711, -0.6466, -0.7821, 0.0692,
)
BIAS = -8.5834
# A sentence is "supported" at or above this score (0.5: the model is class-balanced).
SUPPORTED_MIN = 0.5


def support_score(features: tuple[float, ...]) -> float:
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))
