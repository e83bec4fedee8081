"""Build-time, multi-task fine-tuning of the sentence encoder (torch side, like `export`).

`finetune_encoder` trains the sentence-transformers model (Transformer -> mean pooling ->
Normalize) end to end with one linear head per target on the *normalized mean-pooled*
embedding, i.e. exactly the vector inference computes and the downstream features are. The
result is an ordinary sentence-transformers directory, so `export.export_openvino` turns it
into IR like the packaged model, and `identity.encoder_identity` names it
"sentence-transformer@<digest>", which keys the embedding cache apart from the base model.

Reproducibility: the same inputs, seed and thread count give byte-identical output (the
directory is a DVC output): seeded RNGs, a seeded generator for the batch order,
deterministic torch algorithms, a fixed thread count, no model card and no timestamps on
disk (seconds are only in the returned dict).

Never imported by `runtime` or `identity`: serving must not load torch.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from perception.artifacts import atomic_dir, write_json
from perception.features.encoder.identity import encoder_identity

if TYPE_CHECKING:
    import torch

HEADS_FILE = "heads.json"
FINETUNE_FILE = "finetune.json"
FORMAT = 1
# Batches are formed inside windows of this many batches, sorted by token length, so a batch
# pads to similar lengths (padding is most of the compute on CPU for mixed-length text); the
# order of the batches is shuffled again so lengths do not trend within an epoch.
_LENGTH_WINDOW = 50


@dataclass(frozen=True)
class Head:
    """One training target on the sentence embedding.

    regression: `values` float, on 0..1, NaN where the row carries no label.
    classification: `values` int class index in [0, n_classes), -1 where there is no label.
    `weight` scales this head's (normalized) loss in the sum.
    """

    name: str
    kind: Literal["regression", "classification"]
    values: np.ndarray
    n_classes: int | None = None
    weight: float = 1.0
    # Class names in index order (classification), so a reader of heads.json (the sentence
    # features) knows which logit is which.
    classes: tuple[str, ...] = ()

    def labelled(self) -> np.ndarray:
        """Boolean mask of the rows that carry this head's label."""
        if self.kind == "regression":
            return ~np.isnan(np.asarray(self.values, dtype=np.float64))
        return np.asarray(self.values) >= 0


def _validate(texts: list[str], heads: dict[str, Head]) -> None:
    if not texts:
        raise ValueError("no texts to fine-tune on")
    if not heads:
        raise ValueError("at least one head is needed")
    for key, head in heads.items():
        if key != head.name:
            raise ValueError(f"head stored under {key!r} is named {head.name!r}")
        values = np.asarray(head.values)
        if values.shape != (len(texts),):
            raise ValueError(f"head {key!r}: {values.shape} values for {len(texts)} texts")
        if not head.weight > 0:
            raise ValueError(f"head {key!r}: weight must be > 0, got {head.weight}")
        if head.kind == "regression":
            y = values.astype(np.float64)
            known = y[~np.isnan(y)]
            if known.size and (known.min() < 0.0 or known.max() > 1.0):
                raise ValueError(f"head {key!r}: regression labels must be on 0..1")
        elif head.kind == "classification":
            if head.n_classes is None or head.n_classes < 2:
                raise ValueError(f"head {key!r}: classification needs n_classes >= 2")
            if not np.issubdtype(values.dtype, np.integer):
                raise ValueError(f"head {key!r}: class indices must be integers (-1 = missing)")
            if values.size and (values.min() < -1 or values.max() >= head.n_classes):
                raise ValueError(f"head {key!r}: class index outside -1..{head.n_classes - 1}")
        else:
            raise ValueError(f"head {key!r}: unknown kind {head.kind!r}")
        if not head.labelled().any():
            raise ValueError(f"head {key!r} has no labelled row")


def _baseline(head: Head) -> tuple[np.ndarray, float]:
    """(initial bias, loss normalizer) from the labelled rows.

    The normalizer is the loss of the best label-blind prediction: the label variance for MSE
    (predicting the mean), the prior's entropy for cross-entropy (predicting the class
    frequencies). Dividing by it puts every head on the same scale, 1 = "knows nothing beyond
    the marginal", so an MSE on 0..1 labels (~0.03) does not vanish next to a cross-entropy
    (~1) and a head's weight means what it says whatever its units. Starting the bias at that
    prediction means the first steps do not push the encoder just to fix an offset.
    """
    mask = head.labelled()
    if head.kind == "regression":
        y = np.asarray(head.values, dtype=np.float64)[mask]
        var = float(y.var())
        return np.array([y.mean()]), var if var > 1e-8 else 1.0
    assert head.n_classes is not None
    counts = np.bincount(np.asarray(head.values)[mask], minlength=head.n_classes)
    prior = (counts + 0.5) / (counts.sum() + 0.5 * head.n_classes)  # smoothed: no log(0)
    entropy = float(-(prior * np.log(prior)).sum())
    return np.log(prior), entropy if entropy > 1e-8 else 1.0


def head_loss(
    logits: torch.Tensor, target: torch.Tensor, kind: str, normalizer: float
) -> torch.Tensor:
    """Masked, normalized loss of one head on one batch.

    Rows without a label (NaN / -1) are removed before the loss, so they contribute neither to
    the value nor to any gradient of this head; the mean is over the labelled rows of the batch.
    A batch with no labelled row gives an exact zero that is still part of the graph.
    """
    import torch
    import torch.nn.functional as F

    if kind == "regression":
        mask = ~torch.isnan(target)
        if not bool(mask.any()):
            return logits.sum() * 0.0
        loss = F.mse_loss(logits[:, 0][mask], target[mask])
    else:
        mask = target >= 0
        if not bool(mask.any()):
            return logits.sum() * 0.0
        loss = F.cross_entropy(logits[mask], target[mask])
    return loss / torch.tensor(normalizer, dtype=loss.dtype)


@contextmanager
def _deterministic(seed: int, threads: int) -> Iterator[None]:
    """Seed every RNG and pin the numerics; restore the process-wide torch settings after."""
    import torch

    previous_threads = torch.get_num_threads()
    previous_det = torch.are_deterministic_algorithms_enabled()
    previous_warn = torch.is_deterministic_algorithms_warn_only_enabled()
    random.seed(seed)
    np.random.seed(seed)  # libraries below may draw from the legacy global RNG
    torch.manual_seed(seed)
    # The thread count changes how reductions are split, hence the float rounding: fix it.
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(previous_det, warn_only=previous_warn)
        torch.set_num_threads(previous_threads)


def _batches(
    lengths: np.ndarray, batch_size: int, generator: torch.Generator
) -> list[np.ndarray]:
    """One epoch of row-index batches: random, but length-grouped within windows."""
    import torch

    order = torch.randperm(len(lengths), generator=generator).numpy()
    window = batch_size * _LENGTH_WINDOW
    batches: list[np.ndarray] = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort(-lengths[chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    shuffle = torch.randperm(len(batches), generator=generator).numpy()
    return [batches[i] for i in shuffle]


def _param_groups(
    encoder: torch.nn.Module, heads: torch.nn.ModuleDict, lr: float, head_lr: float,
    weight_decay: float,
) -> list[dict[str, Any]]:
    # The usual BERT recipe: no weight decay on biases and LayerNorm weights (decaying a
    # normalisation gain towards 0 is not a regulariser, it distorts the layer).
    decay, no_decay = [], []
    for name, param in encoder.named_parameters():
        if not param.requires_grad:
            continue
        (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(param)
    groups = [
        {"params": decay, "lr": lr, "weight_decay": weight_decay},
        {"params": no_decay, "lr": lr, "weight_decay": 0.0},
        {"params": [p for n, p in heads.named_parameters() if n.endswith("weight")],
         "lr": head_lr, "weight_decay": weight_decay},
        {"params": [p for n, p in heads.named_parameters() if n.endswith("bias")],
         "lr": head_lr, "weight_decay": 0.0},
    ]
    return [g for g in groups if g["params"]]


def _linear_schedule(warmup: int, total: int) -> Callable[[int], float]:
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total - step) / max(1, total - warmup))

    return factor


def _set_dropout(model: torch.nn.Module, enabled: bool) -> None:
    import torch

    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.train(enabled)


def _versions() -> dict[str, str]:
    import sentence_transformers
    import torch
    import transformers

    return {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "sentence_transformers": sentence_transformers.__version__,
    }


def finetune_encoder(
    base_model_dir: Path,
    texts: list[str],
    heads: dict[str, Head],
    out_dir: Path,
    *,
    epochs: int,
    lr: float,
    head_lr: float,
    max_length: int,
    batch_size: int,
    seed: int,
    weight_decay: float = 0.01,
    warmup_ratio: float = 0.1,
    max_grad_norm: float = 1.0,
    dropout: bool = False,
    threads: int = 2,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune the encoder in `base_model_dir` on `texts` with one linear head per target.

    Loss per batch: sum over heads of weight * (masked loss / label-blind baseline loss); see
    `_baseline` and `head_loss`. AdamW (encoder at `lr`, heads at `head_lr`), linear warmup
    over `warmup_ratio` of the steps then linear decay to 0, gradient norm clipped at
    `max_grad_norm`. Texts are truncated at `max_length` tokens for training; the saved model
    keeps the base model's max_seq_length, so inference is unchanged apart from the weights.
    `dropout`: keep the transformer's dropout active in training (seeded, so deterministic
    either way) or switch it off, the default: on VADER movie sentences (benchmarks/finetune.py,
    1 epoch) off was as good or slightly better (val r 0.799 vs 0.796), and a one- or two-epoch
    fine-tune is too short to overfit much.

    Writes `out_dir` atomically: a sentence-transformers model directory, `heads.json` (head
    weights as plain lists) and `finetune.json` (arguments, per-epoch losses, rows per head).
    Returns those figures plus the seconds taken, which are never written to `out_dir`.
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from tqdm.auto import tqdm

    texts = [str(t) for t in texts]
    _validate(texts, heads)
    for name, value in (("epochs", epochs), ("batch_size", batch_size),
                        ("max_length", max_length), ("threads", threads)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    base_model_dir = Path(base_model_dir)
    started = time.perf_counter()
    names = sorted(heads)  # fixed order: the loss sum and the files do not depend on dict order

    with _deterministic(seed, threads):
        model = SentenceTransformer(str(base_model_dir), device="cpu")
        dim = int(model.get_embedding_dimension())
        # Zero weights, baseline bias: every head starts at the label-blind prediction, so no
        # random projection sends noise into the encoder in the first steps (the heads and the
        # encoder start learning together once the head weights move), and adding a head
        # consumes no random numbers, so it cannot reshuffle the others.
        head_modules = torch.nn.ModuleDict()
        normalizers: dict[str, float] = {}
        targets: dict[str, torch.Tensor] = {}
        for name in names:
            head = heads[name]
            bias, normalizers[name] = _baseline(head)
            linear = torch.nn.Linear(dim, 1 if head.kind == "regression" else int(head.n_classes))
            with torch.no_grad():
                linear.weight.zero_()
                linear.bias.copy_(torch.as_tensor(bias, dtype=torch.float32))
            head_modules[name] = linear
            targets[name] = (
                torch.as_tensor(np.asarray(head.values, dtype=np.float32))
                if head.kind == "regression"
                else torch.as_tensor(np.asarray(head.values, dtype=np.int64))
            )

        tokenizer = model.tokenizer
        lengths = np.array(
            [len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_length)[
                "input_ids"]],
            dtype=np.int64,
        )
        steps_per_epoch = math.ceil(len(texts) / batch_size)
        total_steps = steps_per_epoch * epochs
        warmup_steps = round(warmup_ratio * total_steps)
        optimizer = torch.optim.AdamW(
            _param_groups(model, head_modules, lr, head_lr, weight_decay), lr=lr
        )
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer, _linear_schedule(warmup_steps, total_steps)
        )
        generator = torch.Generator().manual_seed(seed)
        params = [p for group in optimizer.param_groups for p in group["params"]]

        model.train()
        head_modules.train()
        _set_dropout(model, dropout)
        epoch_loss: list[float] = []
        epoch_head_loss: dict[str, list[float]] = {n: [] for n in names}
        epoch_seconds: list[float] = []
        for epoch in range(epochs):
            epoch_start = time.perf_counter()
            total, per_head, n_batches = 0.0, dict.fromkeys(names, 0.0), 0
            batches = _batches(lengths, batch_size, generator)
            bar = tqdm(batches, desc=f"finetune epoch {epoch + 1}/{epochs}", unit="batch",
                       disable=not progress, leave=True)
            for rows in bar:
                index = torch.as_tensor(rows)
                features = model.preprocess([texts[i] for i in rows], max_length=max_length)
                embedding = model(features)["sentence_embedding"]
                loss = embedding.new_zeros(())
                for name in names:
                    part = head_loss(head_modules[name](embedding), targets[name][index],
                                     heads[name].kind, normalizers[name])
                    per_head[name] += float(part.detach())
                    loss = loss + heads[name].weight * part
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, max_grad_norm)
                optimizer.step()
                scheduler.step()
                total += float(loss.detach())
                n_batches += 1
                bar.set_postfix(loss=f"{total / n_batches:.4f}")
            bar.close()
            epoch_loss.append(total / n_batches)
            for name in names:
                epoch_head_loss[name].append(per_head[name] / n_batches)
            epoch_seconds.append(time.perf_counter() - epoch_start)
            log(f"finetune epoch {epoch + 1}/{epochs}: mean loss {epoch_loss[-1]:.4f} "
                + " ".join(f"{n}={epoch_head_loss[n][-1]:.4f}" for n in names)
                + f" ({epoch_seconds[-1]:.0f} s)")

        model.eval()
        rows_per_head = {n: int(heads[n].labelled().sum()) for n in names}
        heads_doc = {
            "format": FORMAT,
            "input": "sentence_embedding (mean-pooled, L2-normalized, as the encoder outputs)",
            "heads": {
                n: {
                    "kind": heads[n].kind,
                    "n_classes": heads[n].n_classes,
                    "classes": list(heads[n].classes),
                    "loss_weight": heads[n].weight,
                    # out = x @ weight.T + bias; regression on 0..1, classification logits.
                    "weight": head_modules[n].weight.detach().double().tolist(),
                    "bias": head_modules[n].bias.detach().double().tolist(),
                }
                for n in names
            },
        }
        record = {
            "format": FORMAT,
            "base_identity": encoder_identity(base_model_dir),
            "args": {
                "epochs": epochs, "lr": lr, "head_lr": head_lr, "max_length": max_length,
                "batch_size": batch_size, "seed": seed, "weight_decay": weight_decay,
                "warmup_ratio": warmup_ratio, "max_grad_norm": max_grad_norm,
                "dropout": dropout, "threads": threads,
            },
            "n_texts": len(texts),
            "steps": total_steps,
            "warmup_steps": warmup_steps,
            "rows_per_head": rows_per_head,
            "loss_normalizer": normalizers,
            "epoch_loss": epoch_loss,
            "epoch_head_loss": epoch_head_loss,
            "versions": _versions(),
        }
        out_dir = Path(out_dir)
        with atomic_dir(out_dir) as tmp:
            # No model card: it would restate the base model's card (wrong for these weights)
            # and may embed environment details; everything that matters is in finetune.json.
            model.save(str(tmp), safe_serialization=True, create_model_card=False)
            write_json(tmp / HEADS_FILE, heads_doc)
            write_json(tmp / FINETUNE_FILE, record)

    return {
        **record,
        "identity": encoder_identity(out_dir),
        "out_dir": str(out_dir),
        "seconds": time.perf_counter() - started,
        "epoch_seconds": epoch_seconds,
    }
