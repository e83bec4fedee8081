"""Featurize benchmarks: encoder backends, batching, and full vs incremental featurize.

    .venv/bin/python benchmarks/featurize.py --out benchmarks/results/featurize.json --n 2000
    .venv/bin/python benchmarks/featurize.py --only batching --out /tmp/batching.json

Every encoder runs on the same texts in the same process; cosine is measured against the torch
(sentence-transformers) reference. Numbers are only comparable within one run: the machine is
shared, so absolute throughput moves with whatever else is running.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from perception.artifacts import write_json
from perception.features.embedding_cache import encode_unpadded

# Importing the encoder package sets HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE.
from perception.features.encoder.export import export_openvino
from perception.features.encoder.identity import PACKAGE_MODEL, resolve_model_path
from perception.features.encoder.reference import TorchEncoder
from perception.features.encoder.runtime import Encoder, OpenVINOEncoder, bf16_supported

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "data/interim/clean.parquet"
VADER = ROOT.parent / "shared/datasets/vader-hutto-2014"


# --------------------------------------------------------------------------- data


def _read_vader(path: Path) -> list[str]:
    # id <TAB> mean rating <TAB> text, CRLF line endings.
    texts = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t", 2)
            if len(parts) == 3 and parts[2].strip():
                texts.append(parts[2].strip())
    return texts


def load_texts(n: int) -> tuple[list[str], str]:
    """`n` texts: the pipeline's clean corpus if it exists, else VADER tweets + movie snippets."""
    if CLEAN.exists():
        import pandas as pd

        texts = pd.read_parquet(CLEAN, columns=["text"])["text"].astype(str).tolist()
        return texts[:n], str(CLEAN.relative_to(ROOT))
    texts = _read_vader(VADER / "tweets_GroundTruth.txt")
    sources = ["tweets_GroundTruth.txt"]
    if len(texts) < n:
        texts += _read_vader(VADER / "movieReviewSnippets_GroundTruth.txt")
        sources.append("movieReviewSnippets_GroundTruth.txt")
    return texts[:n], "vader-hutto-2014/" + "+".join(sources)


# --------------------------------------------------------------------------- encoders


def _best_time(encode: Callable[[list[str]], np.ndarray], texts: list[str], repeats: int
               ) -> tuple[float, np.ndarray]:
    """Seconds of the fastest of `repeats` runs of `encode(texts)`, and its vectors: the
    machine is shared, and other load only ever makes a run slower."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        vectors = encode(texts)
        best = min(best, time.perf_counter() - start)
    return best, vectors


def _time_encoder(
    encoder: Encoder, texts: list[str], batch_size: int, repeats: int
) -> tuple[float, np.ndarray]:
    # One warm-up batch: compilation, thread pools and first-shape kernels stay out of the timing.
    encoder.encode(texts[:batch_size], batch_size, progress=False)
    return _best_time(lambda ts: encoder.encode(ts, batch_size, progress=False), texts, repeats)


def bench_encoders(texts: list[str], batch_size: int, repeats: int = 2) -> dict[str, Any]:
    """Throughput and cosine-to-torch of every encoder variant, on the same texts."""
    with tempfile.TemporaryDirectory(prefix="bench-encoder-") as scratch:
        ir_f32, ir_int8 = Path(scratch) / "f32", Path(scratch) / "int8"
        export_openvino(PACKAGE_MODEL, ir_f32, int8=False)
        export_openvino(PACKAGE_MODEL, ir_int8, int8=True)

        # The default hint is LATENCY; THROUGHPUT rows check that choice on this machine.
        tput = {"performance_hint": "THROUGHPUT"}
        variants: list[tuple[str, Callable[[], Encoder]]] = [
            ("torch f32", lambda: TorchEncoder(resolve_model_path(PACKAGE_MODEL))),
            ("openvino f32", lambda: OpenVINOEncoder(ir_f32, "f32")),
            ("openvino f32 THROUGHPUT", lambda: OpenVINOEncoder(ir_f32, "f32", **tput)),
            ("openvino int8w f32", lambda: OpenVINOEncoder(ir_int8, "f32")),
        ]
        if bf16_supported():
            variants += [
                ("openvino bf16", lambda: OpenVINOEncoder(ir_f32, "bf16")),
                ("openvino bf16 THROUGHPUT", lambda: OpenVINOEncoder(ir_f32, "bf16", **tput)),
                ("openvino int8w bf16", lambda: OpenVINOEncoder(ir_int8, "bf16")),
            ]

        rows: list[dict[str, Any]] = []
        reference: np.ndarray | None = None
        for name, make in variants:
            encoder = make()
            seconds, vectors = _time_encoder(encoder, texts, batch_size, repeats)
            if reference is None:  # torch runs first and is the reference
                reference = vectors
            cos = (vectors * reference).sum(axis=1)  # both sides are L2-normalised
            row = {
                "name": name,
                "backend": encoder.backend,
                "precision": encoder.precision,
                "seconds": round(seconds, 3),
                "texts_per_s": round(len(texts) / seconds, 1),
                "cosine_mean": round(float(cos.mean()), 6),
                "cosine_min": round(float(cos.min()), 6),
            }
            if isinstance(encoder, OpenVINOEncoder):
                row["inference_precision"] = encoder.inference_precision
            rows.append(row)
            print(f"  {name}: {row['texts_per_s']} texts/s", file=sys.stderr, flush=True)
            del encoder

    torch_speed = rows[0]["texts_per_s"]
    for row in rows:
        row["speedup_vs_torch"] = round(row["texts_per_s"] / torch_speed, 2)
    return {"batch_size": batch_size, "n_texts": len(texts), "repeats": repeats, "results": rows}


def bench_batching(texts: list[str], batch_size: int, repeats: int = 2) -> dict[str, Any]:
    """Equal-token-count batches (the embedding cache's) against padded length-sorted ones: the
    time of each on the same texts, and how many texts get a different vector when encoded
    in another batch (a shuffled order) or alone."""
    precision = "bf16" if bf16_supported() else "f32"
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix="bench-batching-") as scratch:
        export_openvino(PACKAGE_MODEL, Path(scratch), int8=False)
        encoder = OpenVINOEncoder(Path(scratch), precision)
        # The cache's batches, and the encoder's own: length-sorted, padded to the longest.
        schemes = {
            "equal_length": lambda ts: encode_unpadded(encoder, ts, batch_size, progress=False),
            "padded": lambda ts: encoder.encode(ts, batch_size, progress=False),
        }
        schemes["padded"](texts[:batch_size])  # warm-up: compilation and first-shape kernels
        rows = {}
        shuffled = rng.permutation(len(texts))
        # A shuffled order only changes batch-mates in the padded scheme's ties; a half corpus
        # changes them for most texts; alone, a text has none (the same under both schemes).
        half = np.sort(shuffled[: len(texts) // 2])
        alone_idx = rng.choice(len(texts), size=min(100, len(texts)), replace=False)
        alone = np.vstack([encoder.encode([texts[j]], 1, progress=False) for j in alone_idx])
        for scheme in schemes:
            best, vectors = _best_time(schemes[scheme], texts, repeats)
            other = np.zeros_like(vectors)
            other[shuffled] = schemes[scheme]([texts[j] for j in shuffled])
            in_half = schemes[scheme]([texts[j] for j in half])
            rows[scheme] = {
                "seconds": round(best, 3),
                "texts_per_s": round(len(texts) / best, 1),
                "differ_in_half_corpus": int((np.abs(vectors[half] - in_half).max(1) > 0).sum()),
                "differ_alone": int((np.abs(vectors[alone_idx] - alone).max(1) > 0).sum()),
                "differ_shuffled": int((np.abs(vectors - other).max(1) > 0).sum()),
            }
            print(f"  {scheme}: {rows[scheme]}", file=sys.stderr, flush=True)
    return {"precision": precision, "batch_size": batch_size, "n_texts": len(texts),
            "half_corpus": len(texts) // 2, "alone": len(alone_idx), "schemes": rows,
            "equal_length_over_padded_time": round(rows["equal_length"]["seconds"]
                                                   / rows["padded"]["seconds"], 3)}


def encoder_table(section: dict[str, Any]) -> str:
    lines = [
        "| encoder | precision | texts/s | x torch | cos mean | cos min |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in section["results"]:
        lines.append(
            f"| {r['name']} | {r['precision']} | {r['texts_per_s']:.1f} | "
            f"{r['speedup_vs_torch']:.2f} | {r['cosine_mean']:.5f} | {r['cosine_min']:.5f} |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- featurize


def bench_featurize(clean: Any, n: int, new_share: float = 0.01) -> dict[str, Any]:
    """Full featurize of n + 1 % rows from an empty cache, vs the same after the cache already
    holds the first n rows: what `dvc repro` costs when 1 % new rows are appended."""
    from perception.config import load_params
    from perception.features.embedding_cache import EmbeddingCache
    from perception.features.encoder.runtime import load_encoder
    from perception.features.featurize import build_features

    cfg = load_params(ROOT / "params.yaml").featurize
    n_new = max(1, round(n * new_share))
    base, grown = clean.iloc[:n], clean.iloc[: n + n_new]
    with tempfile.TemporaryDirectory(prefix="bench-featurize-") as scratch:
        ir_dir = Path(scratch) / "ir"
        export_openvino(cfg.encoder.model, ir_dir, int8=cfg.encoder.int8)
        encoder = load_encoder(cfg.encoder, ir_dir)
        encoder.encode(grown["text"].tolist()[:64], cfg.encoder.batch_size, progress=False)

        start = time.perf_counter()
        build_features(grown, cfg, encoder, EmbeddingCache(Path(scratch) / "full"))
        full = time.perf_counter() - start

        warm = Path(scratch) / "incremental"
        build_features(base, cfg, encoder, EmbeddingCache(warm))
        start = time.perf_counter()
        tables = build_features(grown, cfg, encoder, EmbeddingCache(warm))
        incremental = time.perf_counter() - start
    return {
        "backend": encoder.backend,
        "precision": encoder.precision,
        "rows": len(grown),
        "new_rows": n_new,
        "full_seconds": round(full, 3),
        "incremental_seconds": round(incremental, 3),
        "incremental_over_full": round(incremental / full, 3),
        "incremental_misses": tables.run_stats["misses"],
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/featurize.json"))
    parser.add_argument("--n", type=int, default=2000, help="number of texts")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=2, help="timed runs per encoder (best)")
    parser.add_argument("--skip-encoders", action="store_true")
    parser.add_argument("--only", choices=["batching"], help="run only this section")
    args = parser.parse_args(argv)

    texts, source = load_texts(args.n)
    report: dict[str, Any] = {
        "texts": {"source": source, "n": len(texts)},
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version()},
    }
    # Each section adds one key to the report and one table to stdout.
    report["batching"] = b = bench_batching(texts, args.batch_size, args.repeats)
    print(f"## Batching ({len(texts)} texts, {b['precision']}, batch {args.batch_size})\n")
    print("| scheme | s | texts/s | differ in half the corpus | differ alone | "
          "differ shuffled |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in b["schemes"].items():
        print(f"| {name} | {r['seconds']} | {r['texts_per_s']} | {r['differ_in_half_corpus']} "
              f"of {b['half_corpus']} | {r['differ_alone']} of {b['alone']} | "
              f"{r['differ_shuffled']} |")
    if args.only == "batching":
        write_json(args.out, report)
        return 0
    if not args.skip_encoders:
        report["encoders"] = bench_encoders(texts, args.batch_size, args.repeats)
        print(f"## Encoders ({len(texts)} texts from {source}, batch {args.batch_size})\n")
        print(encoder_table(report["encoders"]))
    if CLEAN.exists():
        import pandas as pd

        report["featurize"] = f = bench_featurize(pd.read_parquet(CLEAN), args.n)
        print(f"\n## Featurize: full vs incremental after appending {f['new_rows']} rows "
              f"({f['backend']}/{f['precision']})\n")
        print("| rows | full s | incremental s | incremental / full | embedded |")
        print("|---:|---:|---:|---:|---:|")
        print(f"| {f['rows']} | {f['full_seconds']} | {f['incremental_seconds']} | "
              f"{f['incremental_over_full']:.1%} | {f['incremental_misses']} |")

    write_json(args.out, report)
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
