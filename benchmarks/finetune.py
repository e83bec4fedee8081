"""Fine-tuning benchmark: does fine-tuning MiniLM on valence beat frozen MiniLM + ridge?

    nohup .venv/bin/python benchmarks/finetune.py --out benchmarks/results/finetune.json &

Data: the VADER movie-review sentences (Hutto & Gilbert 2014; ../shared/datasets), mean rating
-4..4 mapped to 0..1. One seeded 70/15/15 random split, grouped by `dedup_key(text)` so
near-identical sentences never sit on both sides (fine-tuning can memorise a training text,
which would flatter it more than the frozen baseline).

Per encoder (the packaged weights frozen, then `finetune_encoder` with each setting in
`--runs`): embeddings of every row with sentence-transformers (f32, max_seq_length 256, as
inference), a ridge on the train rows with alpha chosen by val Pearson r, then val and test r.
The fine-tuned head's own prediction (heads.json) is reported too. Seconds per epoch are only
comparable within one run: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import Ridge

from perception.artifacts import write_json

# Importing the encoder package sets HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE.
from perception.data.text import dedup_key
from perception.features.encoder.finetune import HEADS_FILE, Head, finetune_encoder
from perception.features.encoder.identity import PACKAGE_MODEL, resolve_model_path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared/datasets/vader-hutto-2014"
CORPUS = "movieReviewSnippets_GroundTruth.txt"
ALPHAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
# Cheapest comparisons first; results are written after every run, so a cut run keeps them.
DEFAULT_RUNS = ("1:dropout", "1:nodropout", "2:dropout", "2:nodropout")


def load_corpus(path: Path) -> tuple[list[str], np.ndarray]:
    # id <TAB> mean rating -4..4 <TAB> text, CRLF line endings, UTF-8.
    texts, ratings = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t", 2)
            if len(parts) == 3 and parts[2].strip():
                texts.append(parts[2].strip())
                ratings.append(float(parts[1]))
    return texts, (np.asarray(ratings) + 4.0) / 8.0


def grouped_split(texts: list[str], seed: int) -> np.ndarray:
    """'train' / 'val' / 'test' per row: 70/15/15 of the dedup groups, in a seeded order."""
    keys = [dedup_key(t) for t in texts]
    unique = sorted(set(keys))
    order = np.random.default_rng(seed).permutation(len(unique))
    cut1, cut2 = round(0.70 * len(unique)), round(0.85 * len(unique))
    role = {}
    for rank, i in enumerate(order):
        role[unique[i]] = "train" if rank < cut1 else "val" if rank < cut2 else "test"
    return np.array([role[k] for k in keys])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


def embed(model_dir: Path, texts: list[str], threads: int) -> tuple[np.ndarray, float]:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    start = time.perf_counter()
    model = SentenceTransformer(str(model_dir), device="cpu")
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32), time.perf_counter() - start


def ridge_scores(x: np.ndarray, y: np.ndarray, split: np.ndarray) -> dict[str, Any]:
    """Ridge fitted on train, alpha by val r; val and test r at that alpha."""
    tr, va, te = (split == s for s in ("train", "val", "test"))
    by_alpha = {}
    for alpha in ALPHAS:
        model = Ridge(alpha=alpha).fit(x[tr], y[tr])
        by_alpha[alpha] = (pearson(model.predict(x[va]), y[va]), model)
    alpha = max(ALPHAS, key=lambda a: by_alpha[a][0])
    model = by_alpha[alpha][1]
    return {"alpha": alpha, "val_r": by_alpha[alpha][0],
            "test_r": pearson(model.predict(x[te]), y[te]),
            "val_r_by_alpha": {str(a): by_alpha[a][0] for a in ALPHAS}}


def head_scores(model_dir: Path, x: np.ndarray, y: np.ndarray, split: np.ndarray
                ) -> dict[str, float]:
    head = json.loads((model_dir / HEADS_FILE).read_text())["heads"]["valence"]
    pred = x.astype(np.float64) @ np.asarray(head["weight"]).T[:, 0] + head["bias"][0]
    return {s: pearson(pred[split == s], y[split == s]) for s in ("val", "test")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/finetune.json")
    parser.add_argument("--data", type=Path, default=DATA, help="the vader-hutto-2014 folder")
    parser.add_argument("--runs", nargs="+", default=list(DEFAULT_RUNS),
                        help="<epochs>:<dropout|nodropout> per fine-tuning run")
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first N rows only (smoke test)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the results already in --out (same settings) and run the rest")
    args = parser.parse_args()

    texts, y = load_corpus(args.data / CORPUS)
    if args.limit:
        texts, y = texts[: args.limit], y[: args.limit]
    split = grouped_split(texts, args.seed)
    train = np.flatnonzero(split == "train")
    print(f"{len(texts)} rows: " + ", ".join(f"{s} {int((split == s).sum())}"
                                             for s in ("train", "val", "test")), flush=True)

    base = resolve_model_path(PACKAGE_MODEL)
    results: dict[str, Any] = {}
    if args.resume and args.out.is_file():
        previous = json.loads(args.out.read_text())
        if previous["n"] == len(texts) and previous["split"]["seed"] == args.seed:
            results = previous["results"]
    if "frozen" not in results:
        x, seconds = embed(base, texts, args.threads)
        results["frozen"] = {**ridge_scores(x, y, split), "embed_seconds": round(seconds, 1)}
    print("frozen:", results["frozen"], flush=True)

    def save() -> None:
        write_json(args.out, {
            "corpus": f"vader-hutto-2014/{CORPUS}",
            "n": len(texts),
            "split": {"method": "seeded random 70/15/15 of dedup_key groups", "seed": args.seed,
                      **{s: int((split == s).sum()) for s in ("train", "val", "test")}},
            "label": "mean rating -4..4 mapped to (r + 4) / 8",
            "settings": {"lr": args.lr, "head_lr": args.head_lr, "max_length": args.max_length,
                         "batch_size": args.batch_size, "seed": args.seed, "threads": args.threads,
                         "weight_decay": 0.01, "warmup_ratio": 0.1,
                         "embedding": "sentence-transformers f32, max_seq_length 256, normalized"},
            "ridge": {"fit": "train", "alpha": "best val Pearson r of " + str(list(ALPHAS))},
            "runs_requested": list(args.runs),
            "results": results,
            "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        })

    save()

    with tempfile.TemporaryDirectory(prefix="bench-finetune-") as scratch:
        for spec in args.runs:
            epochs_text, _, mode = spec.partition(":")
            epochs, dropout = int(epochs_text), mode != "nodropout"
            key = f"finetuned_{epochs}ep_{'dropout' if dropout else 'nodropout'}"
            if key in results:
                continue
            out_dir = Path(scratch) / spec.replace(":", "-")
            report = finetune_encoder(
                base, [texts[i] for i in train],
                {"valence": Head("valence", "regression", y[train])}, out_dir,
                epochs=epochs, lr=args.lr, head_lr=args.head_lr, max_length=args.max_length,
                batch_size=args.batch_size, seed=args.seed, dropout=dropout,
                threads=args.threads, progress=sys.stderr.isatty())
            x, seconds = embed(out_dir, texts, args.threads)
            results[key] = {
                **ridge_scores(x, y, split),
                "head": head_scores(out_dir, x, y, split),
                "epochs": epochs, "dropout": dropout,
                "epoch_loss": [round(v, 4) for v in report["epoch_loss"]],
                "seconds_per_epoch": [round(s, 1) for s in report["epoch_seconds"]],
                "embed_seconds": round(seconds, 1),
            }
            print(spec, results[key], flush=True)
            save()

    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
