"""What the cold-start shortcuts of `newsdesk analyze` must keep: the same objects and
the same collector settings as the slow path."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from conftest import SEEDS

from newsdesk.cli.heap import long_lived


def test_long_lived_pauses_collection_and_freezes_what_it_made() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    try:
        with long_lived():
            # automatic collection is off even if a library switches the collector on
            gc.enable()
            assert gc.get_threshold()[0] == 0
            kept = [[i] for i in range(1000)]
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()


def test_long_lived_restores_the_thresholds_after_an_error() -> None:
    before = gc.get_threshold()
    try:
        with pytest.raises(RuntimeError), long_lived():
            raise RuntimeError("boom")
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()


def test_story_embedder_loads_what_from_pretrained_loads() -> None:
    from model2vec import StaticModel

    from newsdesk.stories.distill import StaticEmbedder, default_model_dir, load_static_model

    if not (default_model_dir() / "model.safetensors").is_file():
        pytest.skip("the story embedder is not built (make venv)")
    reference = StaticModel.from_pretrained(str(default_model_dir()))
    light = load_static_model(default_model_dir())
    assert light.config == reference.config
    assert (light.normalize, light.max_length, light.unk_token_id) == (
        reference.normalize, reference.max_length, reference.unk_token_id)
    assert light.tokens == reference.tokens
    texts = [
        "Dockworkers walked out at the port of Valdria on Tuesday.",
        "Zürich, 3 March 2011 -- Ms Okonkwo-Lindqvist said 1,200 people attended.",
        "",
        "word " * 800,  # past max_length tokens: truncated the same way
    ]
    kwargs = {"show_progress_bar": False, "use_multiprocessing": False}
    assert np.array_equal(light.encode(texts, **kwargs), reference.encode(texts, **kwargs))
    embedder = StaticEmbedder()
    vectors = embedder.embed(texts[:2])
    assert vectors.shape == (2, reference.dim)


def test_story_embedder_names_a_folder_without_its_files(tmp_path) -> None:
    from newsdesk.stories.distill import load_static_model

    with pytest.raises(ValueError, match="tokenizer.json"):
        (tmp_path / "model.safetensors").write_bytes(b"")
        (tmp_path / "config.json").write_text("{}")
        load_static_model(tmp_path)


def test_analyze_in_process_leaves_the_collector_as_it_found_it(tmp_path) -> None:
    from newsdesk.cli import main

    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    assert main(["analyze", str(SEEDS), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "report.json").is_file()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
