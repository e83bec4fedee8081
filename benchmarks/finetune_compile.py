"""Fine-tuning step time, eager against `torch.compile`: can compiling buy the 10-minute budget?

    .venv/bin/python benchmarks/finetune_compile.py  # writes benchmarks/results/<name>.json

A full `dvc repro` of the default data takes about 22 minutes on 2 cores, 19 of them in the
five fine-tuning epochs, so the budget needs fine-tuning about three times faster. Two copies
of the packaged MiniLM take the same training steps as the finetune stage takes them (forward
at the stage's precision with its attention and every dropout off, each text by its windows,
backward, AdamW step) on the same random batches of the default corpus
(data/interim/clean.parquet: `dvc repro ingest` first):

* `eager`: what the stage runs;
* `compiled`: the transformer under `torch.compile(dynamic=True)` (inductor, CPU), whose
  first round pays the compilation (and a recompilation once a batch passes 4,096 tokens).

Round 0 of each is reported apart (`first_round`: the compiled model's includes compiling);
the later rounds alternate and the best of each is compared (`speedup`). `budget` puts the two
together for a stage of five epochs: the compiled stage saves (1 - 1 / speedup) of the
epochs' step time and pays the compilation once. Seconds only compare within one run; quality
is not measured (compiled kernels round differently, so a compiled stage would need its own
rebuild and figures).
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

from finetune_precision import (  # noqa: E402
    corpus_batches,
    timings,
    train_steps,
    training_model,
)

from perception.artifacts import write_json  # noqa: E402
from perception.config import load_params  # noqa: E402
from perception.features.encoder.finetune import (  # noqa: E402
    TRAINING_ATTENTION,
    training_precision,
)
from perception.features.encoder.identity import resolve_model_path  # noqa: E402

VARIANTS = ("eager", "compiled")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/finetune_compile.json")
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=2, help="rounds after round 0")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch

    params = load_params(ROOT / "params.yaml")
    ft = params.finetune
    bf16 = training_precision(ft.precision) == "bf16"
    torch.manual_seed(ft.seed)
    torch.set_num_threads(args.threads)
    batches = corpus_batches(params, args.batches)
    path = str(resolve_model_path(params.featurize.encoder.model))
    models = {}
    for name in VARIANTS:
        model = training_model(path)
        if name == "compiled":
            # The Hugging Face model inside sentence-transformers' Transformer module.
            model[0].model = torch.compile(model[0].model, dynamic=True)
        models[name] = (model, torch.optim.AdamW(model.parameters(), lr=ft.lr))

    first = {name: train_steps(*models[name], batches, bf16, ft.max_length)
             for name in VARIANTS}
    seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.repeats):
        for name in VARIANTS:
            seconds[name].append(train_steps(*models[name], batches, bf16, ft.max_length))
    best = {name: min(values) for name, values in seconds.items()}
    speedup = best["eager"] / best["compiled"]
    compile_s = first["compiled"] - best["compiled"]
    epoch_steps = -(-round(0.7 * params.generate.n_items) // ft.batch_size)  # train rows
    epochs_s = ft.max_epochs * epoch_steps * best["eager"] / args.batches
    result: dict[str, Any] = {
        "what": "training steps (forward, backward, AdamW) of the packaged MiniLM on random "
                "default-corpus batches, eager against torch.compile, alternating",
        "precision": "bf16" if bf16 else "f32", "attention": TRAINING_ATTENTION,
        "batches": args.batches, "batch_size": ft.batch_size, "max_length": ft.max_length,
        "repeats": args.repeats, "threads": args.threads,
        "first_round": {name: round(s, 2) for name, s in first.items()},
        "seconds": timings(seconds),
        "speedup": round(speedup, 3),
        "budget": {
            "epochs": ft.max_epochs, "steps_per_epoch": epoch_steps,
            "eager_text_steps_s": round(epochs_s),
            "compiled_text_steps_s": round(epochs_s / speedup + compile_s),
            "compile_s": round(compile_s, 1),
        },
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "torch": torch.__version__},
    }
    write_json(args.out, result)
    print(f"eager {best['eager']:.1f} s, compiled {best['compiled']:.1f} s for {args.batches} "
          f"batches ({result['speedup']}x; compiling {compile_s:.0f} s): five epochs' text steps "
          f"{result['budget']['eager_text_steps_s']} s -> "
          f"{result['budget']['compiled_text_steps_s']} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
