"""Fine-tuning step time by attention kernel and attention dropout (session 39's change).

    .venv/bin/python benchmarks/finetune_attention.py  # writes benchmarks/results/<name>.json

transformers' BERT attention drops attention probabilities at its Dropout's `p` whenever the
module trains, so until session 39 `finetune.dropout: off` left that dropout on, and with it
torch's fused attention (sdpa) fell back to its unfused path with a random mask. Now dropout is
off everywhere and training runs the plain (eager) attention. Three variants take the same
training steps as the finetune stage takes them (forward through the packaged MiniLM at the
stage's precision, each text by its windows, backward, AdamW step), on the same random batches
of the default corpus (data/interim/clean.parquet: `dvc repro ingest` first), alternating,
`--repeats` rounds each; the best round of each is compared:

* `before`: sdpa, attention dropout on, deterministic mode filling new tensors with NaN;
* `sdpa_off`: sdpa with every dropout off (the fused kernel, whose CPU backward is slow);
* `now`: eager attention, every dropout off, no NaN fill (what the stage runs).

Seconds only compare within one run. Quality is not measured here: the rebuild with the change
is in docs/crisis.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from finetune_precision import corpus_batches, timings, train_steps  # noqa: E402

from perception.artifacts import write_json  # noqa: E402
from perception.config import load_params  # noqa: E402
from perception.features.encoder.finetune import (  # noqa: E402
    TRAINING_ATTENTION,
    _set_dropout,
    training_precision,
)
from perception.features.encoder.identity import resolve_model_path  # noqa: E402

VARIANTS = {"before": ("sdpa", True, True), "sdpa_off": ("sdpa", False, False),
            "now": (TRAINING_ATTENTION, False, False)}   # attention, attention dropout, NaN fill


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/finetune_attention.json")
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch
    from sentence_transformers import SentenceTransformer

    params = load_params(ROOT / "params.yaml")
    ft = params.finetune
    precision = training_precision(ft.precision)
    torch.manual_seed(ft.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    batches = corpus_batches(params, args.batches)
    path = str(resolve_model_path(params.featurize.encoder.model))
    models = {}
    for name, (attention, attention_dropout, _) in VARIANTS.items():
        model = SentenceTransformer(path, device="cpu",
                                    model_kwargs={"attn_implementation": attention})
        model.train()
        if attention_dropout:   # the stage before session 39: only the Dropout modules off
            for module in model.modules():
                if isinstance(module, torch.nn.Dropout):
                    module.train(False)
        else:
            _set_dropout(model, False)
        models[name] = (model, torch.optim.AdamW(model.parameters(), lr=ft.lr))

    seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.repeats):
        for name in VARIANTS:
            torch.utils.deterministic.fill_uninitialized_memory = VARIANTS[name][2]
            seconds[name].append(train_steps(*models[name], batches, precision == "bf16",
                                             ft.max_length))
    best = {name: min(values) for name, values in seconds.items()}
    result: dict[str, Any] = {
        "what": "training steps (forward, backward, AdamW) of the packaged MiniLM on random "
                "default-corpus batches, by attention kernel and attention dropout, alternating",
        "variants": {n: dict(zip(("attention", "attention_dropout", "nan_fill"), v,
                                 strict=True)) for n, v in VARIANTS.items()},
        "precision": precision, "batches": args.batches, "batch_size": ft.batch_size,
        "max_length": ft.max_length, "repeats": args.repeats, "threads": args.threads,
        "seconds": timings(seconds),
        "speedup_now": round(best["before"] / best["now"], 2),
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "torch": torch.__version__},
    }
    write_json(args.out, result)
    print(" ".join(f"{n} {b:.1f} s" for n, b in best.items())
          + f": now {result['speedup_now']}x faster than before -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
