"""The fine-tuned encoder as a pipeline step: heads from the clean table's label columns on
train rows, fine-tuning, export to OpenVINO IR, and a parity check of the IR against the
fine-tuned torch model. The torch side lives in `features/encoder/finetune.py`."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception import artifacts
from perception.config import EncoderConfig, FinetuneConfig
from perception.data.ingest import label_columns
from perception.errors import FeatureError
from perception.features.encoder.finetune import HEADS_FILE

# The IR must give the fine-tuned torch model's vectors: the same bounds as the frozen
# encoder's parity tests (f32 exact up to kernels, bf16 within its rounding).
MIN_COSINE = {"f32": 0.999, "bf16": 0.995}


class FinetuneError(FeatureError, RuntimeError):
    """Nothing to fine-tune on, or an exported IR that does not match its torch model."""


@dataclass
class FinetuneSummary:
    metrics: dict[str, Any]   # depends only on inputs and params: a DVC metrics file
    run: dict[str, Any]       # seconds and the like: the run log only


def label_heads(clean: pd.DataFrame, splits: pd.DataFrame, labels: list[str],
                bags: dict[str, str] | None = None, split: str = "train",
                weights: dict[str, float] | None = None,
                ) -> tuple[list[str], dict[str, Any], pd.DataFrame]:
    """The texts of one split's rows and one head per label column they carry: a float column
    is a regression head (NaN = no label), any other a class head over the classes seen on
    train (-1 = no label, or a class train never saw). `bags`: label column -> its "no event"
    class, for heads that also learn per sentence. `weights`: label column -> its loss weight
    (1 if not listed). Returns (texts, heads, the split's rows)."""
    from perception.features.encoder.finetune import Head

    frame = clean.merge(splits[["id", "split"]], on="id", how="inner", validate="1:1")
    train = frame[frame["split"] == "train"].reset_index(drop=True)
    rows = frame[frame["split"] == split].reset_index(drop=True)
    wanted = labels or label_columns(clean)
    unknown = [c for c in wanted if c not in clean.columns]
    if unknown:
        raise FinetuneError(f"finetune.labels: {unknown} are not columns of the clean table "
                            f"(label columns: {label_columns(clean)})")
    bags, weights = bags or {}, weights or {}
    for key, per_label in (("bags", bags), ("head_weights", weights)):
        stray = [c for c in per_label if c not in wanted]
        if stray:
            raise FinetuneError(f"finetune.{key}: {stray} are not among the labels fine-tuned "
                                f"on ({wanted})")
    heads: dict[str, Any] = {}
    for column in wanted:
        if train[column].notna().sum() == 0:
            continue
        values = rows[column]
        weight = weights.get(column, 1.0)
        if pd.api.types.is_float_dtype(train[column]):
            if column in bags:
                raise FinetuneError(f"finetune.bags.{column}: a number column has no "
                                    f"'no event' class")
            heads[column] = Head(column, "regression", values.to_numpy(np.float64),
                                 weight=weight)
        else:
            classes = sorted(train[column].dropna().astype(str).unique())
            index = {c: i for i, c in enumerate(classes)}
            codes = np.array([index.get(str(v), -1) if pd.notna(v) else -1 for v in values],
                             dtype=np.int64)
            negative = None
            if column in bags:
                if bags[column] not in index:
                    raise FinetuneError(f"finetune.bags.{column}: {bags[column]!r} is not a "
                                        f"class of train rows ({classes})")
                negative = index[bags[column]]
            heads[column] = Head(column, "classification", codes, n_classes=len(classes),
                                 classes=tuple(classes), bag_negative=negative,
                                 weight=weight)
    if not heads:
        raise FinetuneError(f"no train row carries any of the labels {wanted}: nothing to "
                            f"fine-tune on")
    return rows["text"].astype(str).tolist(), heads, rows


def parity(ir_dir: Path, model_dir: Path, texts: list[str], precision: str) -> dict[str, Any]:
    """Cosine per text between the exported IR and the torch model it came from."""
    from perception.features.encoder.reference import TorchEncoder
    from perception.features.encoder.runtime import OpenVINOEncoder

    reference = TorchEncoder(model_dir).encode(texts, 16, progress=False)
    vectors = OpenVINOEncoder(ir_dir, precision).encode(texts, 16, progress=False)
    cosine = np.sum(np.asarray(reference) * np.asarray(vectors), axis=1)
    return {"precision": precision, "rows": len(texts),
            "min_cosine": round(float(cosine.min()), 5),
            "mean_cosine": round(float(cosine.mean()), 5),
            "bound": MIN_COSINE[precision]}


def finetune_and_export(clean: pd.DataFrame, splits: pd.DataFrame, cfg: FinetuneConfig,
                        encoder: EncoderConfig, out_dir: Path, *, progress: bool = False,
                        log: Callable[[str], None] = lambda _: None) -> FinetuneSummary:
    """Write `out_dir` in one swap: model/ (sentence-transformers) and ir/ (OpenVINO)."""
    from perception.features.encoder.export import export_openvino
    from perception.features.encoder.finetune import finetune_encoder, training_precision
    from perception.features.encoder.identity import resolve_model_path
    from perception.features.encoder.runtime import inference_precision

    texts, heads, train = label_heads(clean, splits, cfg.labels, cfg.bags,
                                      weights=cfg.head_weights)
    # Val rows pick the epoch (never test); a head val rows do not carry is not scored. The
    # epoch's val score weighs each head's score by the train head's weight.
    val_texts, val_heads, _ = label_heads(clean, splits, cfg.labels, cfg.bags, split="val")
    val_heads = {n: h for n, h in val_heads.items() if n in heads and h.labelled().any()}
    val = (val_texts, val_heads) if val_texts and val_heads else None
    precision = training_precision(cfg.precision, log=log)
    started = time.perf_counter()
    with artifacts.atomic_dir(Path(out_dir)) as tmp:
        result = finetune_encoder(
            resolve_model_path(encoder.model), texts, heads, tmp / "model",
            epochs=cfg.max_epochs, patience=cfg.patience, val=val, lr=cfg.lr,
            head_lr=cfg.head_lr, max_length=cfg.max_length, batch_size=cfg.batch_size,
            seed=cfg.seed, precision=precision, insert_words=cfg.insert_words,
            progress=progress, log=log)
        tuned_seconds = time.perf_counter() - started
        manifest = export_openvino(str(tmp / "model"), tmp / "ir", int8=encoder.int8)
        # The heads travel with the IR: the sentence features (and so the bundle) apply them
        # to each sentence's embedding.
        shutil.copyfile(tmp / "model" / HEADS_FILE, tmp / "ir" / HEADS_FILE)
        # Parity on the configured precision, on texts spread over the train rows.
        step = max(1, len(texts) // cfg.parity_rows)
        sample = texts[::step][:cfg.parity_rows]
        inference = (inference_precision(encoder.precision) if encoder.backend == "openvino"
                     else "f32")
        check = parity(tmp / "ir", tmp / "model", sample, inference)
        if check["min_cosine"] < check["bound"]:
            raise FinetuneError(f"the exported IR disagrees with the fine-tuned torch model: "
                                f"min cosine {check['min_cosine']} < {check['bound']} "
                                f"({inference}, {len(sample)} train texts)")
    metrics = {
        "rows": len(texts),
        "heads": {name: {"kind": h.kind, "labelled": int(_labelled(h))}
                  for name, h in heads.items()},
        "identity": manifest["identity"],
        "epoch_loss": [round(float(x), 6) for x in result.get("epoch_loss", [])],
        "val_curve": result["val_curve"],
        "chosen_epoch": result["chosen_epoch"],
        # What this machine trained with (finetune.precision: auto depends on the CPU).
        "training_precision": precision,
        "val_rows": len(val_texts) if val else 0,
        "parity": check,
        "train_users": int(train["user_id"].nunique()),
    }
    run = {"seconds": round(time.perf_counter() - started, 1),
           "finetune_seconds": round(tuned_seconds, 1)}
    return FinetuneSummary(metrics, run)


def _labelled(head: Any) -> int:
    values = np.asarray(head.values)
    return int(np.isfinite(values).sum() if head.kind == "regression" else (values >= 0).sum())
