"""Fit and evaluate the support score on QAGS-CNNDM (``python -m newsdesk.check.fit``).

Each record is an article with model-written summary sentences and three yes/no votes
per sentence; a sentence is unsupported when most votes say no. Reported: balanced
accuracy of the supported/unsupported call, and Spearman correlation between each
summary's mean score and the human share of supported sentences -- cross-validated
(weights fitted on one half of the articles, scored on the other, both ways) and for the
weights shipped in :mod:`newsdesk.check.score`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.check.checker import Checker
from newsdesk.check.items import sentence_content
from newsdesk.model import Article
from newsdesk.models import Models


@dataclass(frozen=True, slots=True)
class Labelled:
    features: np.ndarray  # one row per sentence
    supported: np.ndarray  # bool, human majority
    contradicted: np.ndarray  # bool, the checker stated a contradiction
    summary: np.ndarray  # index of the record (summary) each sentence belongs to
    human_share: np.ndarray  # per summary: share of sentences humans call supported


def read_qags(path: Path, models: Models, limit: int | None = None) -> Labelled:
    rows, labels, contra, groups, shares = [], [], [], [], []
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for n, record in enumerate(records[:limit]):
        checker = Checker([Article(id=f"qags-{n}", text=record["article"])], models)
        texts = [s["sentence"] for s in record["summary_sentences"]]
        sentences = []
        for doc in models.nlp().pipe(texts):
            sentences.append((0, len(doc.text), sentence_content(doc[:])))
        for check, s in zip(checker.check_sentences(sentences), record["summary_sentences"],
                            strict=True):
            yes = sum(r["response"] == "yes" for r in s["responses"])
            rows.append(check.judgement.features)
            labels.append(yes * 2 > len(s["responses"]))
            contra.append(any(p.contradicts for p in check.judgement.problems))
            groups.append(n)
        shares.append(np.mean(labels[-len(texts):]))
    return Labelled(np.array(rows, dtype=np.float64), np.array(labels), np.array(contra),
                    np.array(groups), np.array(shares))


def fit_weights(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(class_weight="balanced", C=1.0, max_iter=2000).fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def evaluate(data: Labelled, scores: np.ndarray, supported_min: float) -> dict[str, float]:
    from scipy.stats import spearmanr
    from sklearn.metrics import balanced_accuracy_score

    capped = np.where(data.contradicted, np.minimum(scores, supported_min * 0.98), scores)
    predicted = capped >= supported_min
    per_summary = np.array([capped[data.summary == g].mean()
                            for g in range(len(data.human_share))])
    return {
        "balanced_accuracy": float(balanced_accuracy_score(data.supported, predicted)),
        "spearman": float(spearmanr(per_summary, data.human_share).statistic),
        "sentences": float(len(scores)),
    }


def _probability(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def cross_validated(data: Labelled, supported_min: float = 0.5) -> dict[str, float]:
    """Two folds by article (even / odd record): fit on one, score the other."""
    scores = np.zeros(len(data.supported))
    for fold in (0, 1):
        test = data.summary % 2 == fold
        w, b = fit_weights(data.features[~test], data.supported[~test])
        scores[test] = _probability(data.features[test], w, b)
    return evaluate(data, scores, supported_min)


def shipped(data: Labelled) -> dict[str, float]:
    from newsdesk.check.score import BIAS, SUPPORTED_MIN, WEIGHTS

    return evaluate(data, _probability(data.features, np.array(WEIGHTS), BIAS), SUPPORTED_MIN)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path("../shared/corpora/qags-cnndm/mturk_cnndm.jsonl")
    data = read_qags(path, Models())
    print("cross-validated:", json.dumps(cross_validated(data)))
    print("shipped weights:", json.dumps(shipped(data)))
    # baselines: the same cross-validation on one group of signals, no stated contradictions
    for name, columns in (("MiniLM cosine alone", [0]), ("word/bigram coverage", [1, 2, 3, 4])):
        alone = Labelled(data.features[:, columns], data.supported,
                         np.zeros_like(data.contradicted), data.summary, data.human_share)
        print(f"{name}, cross-validated:", json.dumps(cross_validated(alone)))
    w, b = fit_weights(data.features, data.supported)
    print("WEIGHTS =", tuple(round(float(v), 4) for v in w))
    print("BIAS =", round(b, 4))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
