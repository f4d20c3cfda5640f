"""Quality gate on ../shared/corpora/polnear-train/dev: direct quotations and speakers.

Metric (see newsdesk.facts.attribution_eval): a predicted direct quote matches a gold
direct-quotation content fragment when it covers at least half of it; F1 over those
matches, and speaker accuracy (predicted speaker overlaps the gold Source) on matches.
Measured on dev when the floors were set: P 0.952, R 0.927, F1 0.939, speaker 0.953
(the first 120 train articles, never used to pin anything: F1 0.854, speaker 0.910).
The floors sit a small noise margin under those figures.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CORPORA

from newsdesk.facts import extract_facts
from newsdesk.facts.attribution_eval import (
    GoldAttribution,
    Score,
    is_direct,
    polnear_pairs,
    read_ann,
    score_article,
)
from newsdesk.facts.model import Quote
from newsdesk.model import Article, Span

F1_FLOOR = 0.91
PRECISION_FLOOR = 0.92
SPEAKER_FLOOR = 0.93


@pytest.fixture(scope="module")
def score(models: Any) -> Score:
    pairs = polnear_pairs(CORPORA / "polnear-train" / "dev")
    assert len(pairs) == 84
    articles = [Article(id=t.stem, text=t.read_text(encoding="utf-8")) for t, _ in pairs]
    total = Score()
    for (_, ann), af in zip(pairs, extract_facts(articles, models)):
        score_article(af.article.id, read_ann(ann, af.article.text), af.quotes, total)
    return total


@pytest.mark.gate
@pytest.mark.slow
def test_direct_quote_span_f1(score: Score) -> None:
    assert score.gold > 500
    assert score.precision >= PRECISION_FLOOR, f"precision {score.precision:.3f}"
    assert score.f1 >= F1_FLOOR, f"F1 {score.f1:.3f} (P {score.precision:.3f} R {score.recall:.3f})"


@pytest.mark.gate
@pytest.mark.slow
def test_speaker_accuracy(score: Score) -> None:
    assert score.speaker_accuracy >= SPEAKER_FLOOR, f"speaker {score.speaker_accuracy:.3f}"


@pytest.mark.parametrize("text,direct", [
    ("“We will win,”", True),
    ('"We will win."', True),
    ("that the team avoided “the details,”", False),
    ("the singer’s “Blue Avenue”", False),
])
def test_what_counts_as_a_direct_quotation(text: str, direct: bool) -> None:
    assert is_direct(text) is direct


def test_scoring_counts_matches_misses_and_speakers() -> None:
    text = '"We will win," Roux said. Okafor said the port was "safe and sound" now. "Go," he said.'
    gold = [
        GoldAttribution(((0, 14),), ((15, 19),), (True,)),  # "We will win,"  -- Roux
        GoldAttribution(((38, 71),), ((26, 32),), (False,)),  # the paraphrase, not scored
        GoldAttribution(((73, 78),), ((79, 81),), (True,)),  # "Go,"  -- he
    ]

    def q(start: int, end: int, speaker: tuple[int, int] | None) -> Quote:
        sp = Span("a", "text", *speaker) if speaker else None
        return Quote(Span("a", "text", start, end), True, sp)
    quotes = [
        q(1, 12, (15, 19)),  # matches gold 1, right speaker
        q(52, 66, (26, 32)),  # inside the paraphrase: left out of precision
        q(74, 77, (26, 32)),  # matches gold 3 (covers half of it), wrong speaker
        q(20, 24, None),  # matches nothing: a false positive
    ]
    assert (text[0:14], text[73:78]) == ('"We will win,"', '"Go,"')
    total = Score()
    score_article("a", gold, quotes, total)
    assert (total.gold, total.predicted, total.matched, total.speaker_right) == (2, 3, 2, 1)
    assert total.f1 == pytest.approx(0.8)
    assert total.speaker_accuracy == 0.5
