"""Models.embed remembers vectors per string, bounded, and gives the encoder's rows."""

from __future__ import annotations

import threading

import numpy as np

from newsdesk.models import Models


class CountingEncoder:
    """A stand-in encoder: a fixed vector per string, and a log of what it was asked."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls.append(list(sentences))
        out = np.zeros((len(sentences), 4), dtype=np.float32)
        for row, text in enumerate(sentences):
            out[row, len(text) % 4] = 1.0
            out[row, (len(text) + 1) % 4] = float(len(text))
        return out

    def asked(self) -> list[str]:
        return [s for call in self.calls for s in call]


def test_each_distinct_sentence_is_encoded_once_and_rows_follow_the_input() -> None:
    encoder = CountingEncoder()
    models = Models(encoder=encoder)
    first = models.embed(["pilots strike", "cranes idle", "pilots strike"])
    second = models.embed(["cranes idle", "a third sentence"])
    assert encoder.asked() == ["pilots strike", "cranes idle", "a third sentence"]
    expected = encoder.encode(["pilots strike", "cranes idle", "pilots strike"])
    assert np.array_equal(first, expected)
    assert np.array_equal(second[0], first[1])


def test_the_least_recently_used_vector_is_dropped_past_the_bound() -> None:
    encoder = CountingEncoder()
    models = Models(encoder=encoder, embed_cache_size=2)
    models.embed(["one", "two"])
    models.embed(["one"])  # "two" is now the least recently used
    models.embed(["three"])  # evicts "two"
    models.embed(["one", "three"])
    assert encoder.asked() == ["one", "two", "three"]
    models.embed(["two"])
    assert encoder.asked()[-1] == "two"


def test_returned_rows_are_the_callers_own() -> None:
    models = Models(encoder=CountingEncoder())
    vectors = models.embed(["harbour"])
    vectors[0] = 0.0
    assert models.embed(["harbour"]).any()


def test_empty_input_needs_no_encoder() -> None:
    encoder = CountingEncoder()
    assert Models(encoder=encoder).embed([]).shape == (0, 384)
    assert encoder.calls == []


def test_concurrent_callers_get_consistent_rows() -> None:
    encoder = CountingEncoder()
    models = Models(encoder=encoder, embed_cache_size=3)
    texts = [f"sentence {i}" * (i + 1) for i in range(8)]
    expected = encoder.encode(texts)
    results: list[bool] = []

    def work() -> None:
        for _ in range(20):
            results.append(bool(np.array_equal(models.embed(texts), expected)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results and all(results)


def test_forgotten_vectors_are_encoded_again() -> None:
    encoder = CountingEncoder()
    models = Models(encoder=encoder)
    first = models.embed(["pilots strike"])
    models.forget_embeddings()
    again = models.embed(["pilots strike"])
    assert encoder.asked() == ["pilots strike", "pilots strike"]
    assert np.array_equal(first, again)
