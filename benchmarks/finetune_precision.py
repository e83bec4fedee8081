"""Fine-tuning step time: float32 against bfloat16 autocast (`finetune.precision`).

    .venv/bin/python benchmarks/finetune_precision.py  # writes benchmarks/results/<name>.json

Training steps as the finetune stage takes them (forward through the packaged MiniLM, backward,
AdamW step) on batches of the default corpus's texts (data/interim/clean.parquet: `dvc repro
ingest` first), each text by its windows as in training. The two precisions alternate on the
same batches, `--repeats` rounds each, so other load on the machine touches both alike; the
best round of each is compared. Seconds only compare within one run; the ratio carries over to
a machine with the same CPU features (bf16 speed needs AVX512-BF16 or AMX; the JSON records
what the CPU offers).

Quality is not measured here: the val curve of the finetune stage and benchmarks/finetune.py
(`precision_f32` against the default) do that.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from perception.artifacts import read_parquet, write_json  # noqa: E402
from perception.config import load_params  # noqa: E402
from perception.features.encoder.finetune import (  # noqa: E402
    TRAINING_ATTENTION,
    _set_dropout,
    embed_windows,
)
from perception.features.encoder.identity import resolve_model_path  # noqa: E402
from perception.features.sentences import text_windows  # noqa: E402


def cpu_flags() -> list[str]:
    try:
        flags = Path("/proc/cpuinfo").read_text().split("flags", 1)[1].split("\n", 1)[0]
    except (OSError, IndexError):
        return []
    return sorted({f for f in flags.split() if "bf16" in f or f.startswith("amx")})


def corpus_batches(params: Any, n: int) -> list[list[list[str]]]:
    """`n` batches of `finetune.batch_size` default-corpus texts, drawn at `finetune.seed`, each
    text as its windows, cut once as fine-tuning cuts them."""
    ft = params.finetune
    texts = read_parquet(ROOT / params.paths.clean)["text"].astype(str).tolist()
    order = np.random.default_rng(ft.seed).permutation(len(texts))
    return [[text_windows(texts[i]) for i in order[k * ft.batch_size:(k + 1) * ft.batch_size]]
            for k in range(n)]


def train_steps(model: Any, optimizer: Any, batches: list[list[list[str]]], bf16: bool,
                max_length: int) -> float:
    """Seconds for one training step per batch (forward, backward, AdamW), as the stage
    takes them."""
    import torch

    start = time.perf_counter()
    for batch in batches:
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            embedding = embed_windows(model, batch, max_length).float()
        loss = embedding[:, 0].sum()  # any scalar: the step's cost is what is measured
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def training_model(path: str, attention: str = TRAINING_ATTENTION) -> Any:
    """The packaged MiniLM as the stage trains it: in training mode, every dropout off."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(path, device="cpu", model_kwargs={"attn_implementation": attention})
    model.train()
    _set_dropout(model, False)
    return model


def timings(seconds: dict[str, list[float]]) -> dict[str, dict[str, Any]]:
    """Per variant, the best round (what is compared) and every round."""
    return {name: {"best": round(min(values), 2), "all": [round(v, 2) for v in values]}
            for name, values in seconds.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/finetune_precision.json")
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch

    params = load_params(ROOT / "params.yaml")
    ft = params.finetune
    torch.manual_seed(ft.seed)
    torch.set_num_threads(args.threads)
    batches = corpus_batches(params, args.batches)
    model = training_model(str(resolve_model_path(params.featurize.encoder.model)))
    optimizer = torch.optim.AdamW(model.parameters(), lr=ft.lr)

    seconds: dict[str, list[float]] = {"f32": [], "bf16": []}
    for _ in range(args.repeats):
        for name in ("f32", "bf16"):
            seconds[name].append(train_steps(model, optimizer, batches, name == "bf16",
                                             ft.max_length))
    best = {name: min(values) for name, values in seconds.items()}
    result: dict[str, Any] = {
        "what": "training steps (forward, backward, AdamW) of the packaged MiniLM on default "
                "corpus batches, f32 vs bf16 autocast, alternating",
        "batches": args.batches, "batch_size": ft.batch_size, "max_length": ft.max_length,
        "repeats": args.repeats, "threads": args.threads,
        "seconds": timings(seconds),
        "speedup_bf16": round(best["f32"] / best["bf16"], 2),
        "machine": {"cpu_count": os.cpu_count(), "cpu_bf16_flags": cpu_flags(),
                    "python": platform.python_version(), "torch": torch.__version__},
    }
    write_json(args.out, result)
    print(f"f32 {best['f32']:.1f} s, bf16 {best['bf16']:.1f} s: "
          f"bf16 {result['speedup_bf16']}x faster -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
