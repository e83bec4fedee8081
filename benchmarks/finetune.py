"""Fine-tuning recipe benchmark: which settings of `finetune_encoder` fine-tune MiniLM best on
human-rated valence? One run compares named settings against params.yaml's recipe.

    nohup python benchmarks/finetune.py --out benchmarks/results/finetune.json &
    python benchmarks/finetune.py --runs default lr_2e-5 --resume     # some settings, later more

Data: the VADER movie-review sentences (Hutto & Gilbert 2014; ../shared/datasets), mean rating
-4..4 mapped to 0..1 (`--corpus` picks another VADER corpus). Split: grouped k-fold by
`dedup_key` (benchmarks/folds.py, the same folds as benchmarks/real_data.py for the same seed):
fold k is test, the other rows are divided into train and val by dedup group (val as the split
stage makes it from split.fractions: 4 of 20 parts), so near-identical sentences never sit on
two sides. Every setting runs on the same folds; `--test-folds` picks which (default: fold 0
only, since every setting is a full fine-tune; all five give mean ± sd per setting).

Per setting: `finetune_encoder` on the train rows with early stopping on the val rows as the
finetune stage does (or a fixed number of epochs), then embeddings of every row with
sentence-transformers (f32, as inference), a ridge on the train rows with alpha chosen by val
Pearson r (what the pipeline's `finetuned` base model is: a linear model on these
embeddings), and val and test r; the fine-tuned head's own prediction (heads.json) too. The
winner is the best *val* r; test r is reported, never used to choose. `frozen` is the packaged
weights with the same ridge.

Settings (`--runs`, default all, in this order; each named run changes one thing of
params.yaml's `finetune` section):
* `default`: params.yaml as committed (today lr 1e-4, head_lr 1e-2, max_epochs 5 as the
  ceiling with early stopping on val, patience 1, max_length 128, batch 32, seed 7, precision
  auto: bf16 where the CPU has it in hardware, else f32, as the finetune stage resolves it);
* `lr_2e-5`, `lr_1e-4`: the encoder's learning rate (`lr_1e-4` is `default` since the default
  moved to 1e-4); `head_lr_1e-3`, `head_lr_3e-2`: the heads' learning rate;
* epochs: `default`'s chosen epoch (early stopping), `patience_2` (stop later), and fixed
  runs without early stopping, the last epoch kept, the LR schedule decayed to 0 at the end:
  `fixed_chosen` (as many epochs as `default` chose on that fold), `fixed_2`, `fixed_max`
  (all max_epochs). Where `default` runs to the ceiling and keeps its last epoch, these three
  and `patience_2` repeat it step for step (same seed; scoring val draws no random numbers),
  so they are worth running only on a corpus where `default` stops early;
* `max_length_64`, `max_length_32`: train on fewer tokens (faster; inference unchanged);
* `heads_polarity`, `heads_vader`: a second head beside valence (below);
* `dropout`: the transformer's dropout on while training (off by default);
* `layer_decay_0.8`: layer-wise learning-rate decay (the top layer at lr, each layer below at
  0.8 times the one above, the embeddings lowest);
* `pooling_mean_max`: mean and max over tokens concatenated (768 dimensions; the ridge and the
  head read them; the OpenVINO runtime computes mean pooling only, so a win here needs the
  runtime's pooling before it can be the default).
A head per label
(valence alone vs valence + arousal) cannot be compared on VADER, which is rated for valence
only; `heads_polarity` and `heads_vader` compare what can be: valence alone against valence
plus a second head (a 3-class polarity head derived from the rating, or VADER's compound
score as a second regression target), i.e. whether an extra head on the shared encoder helps
or hurts the valence head. max_length 256 is not run: no movie sentence is longer than 128
tokens (at most 79), so it would equal the default; only shorter windows can differ here.

Wall time (estimate from the smoke run and the pipeline's idle fine-tune speed, about 14 ms
per train row and epoch for these sentences): all 16 settings on movie fold 0 run about 55
epochs over 6,787 train rows, plus embedding 10,605 rows per setting: about 1.5-2 h on 2 idle
cores, about 4 h on cores shared with another 2-thread job; each extra test fold as much.

Results are written after every setting and fold, so a cut run keeps them; `--resume` keeps
those of the same setup and runs the rest. `--rows N` (a seeded sample) and `--max-epochs`
(a cap on every setting's epochs) are for smoke runs only: the JSON then says `smoke: true`
and the table is headed SMOKE. Seconds (only under `seconds`) compare only within one run:
the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import Ridge

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from folds import CORPORA, DATA, fold_roles, grouped_folds  # noqa: E402

from perception.artifacts import write_bytes, write_json  # noqa: E402

# Importing the encoder package sets HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE.
from perception.config import FinetuneConfig, load_params  # noqa: E402
from perception.features.encoder.finetune import (  # noqa: E402
    HEADS_FILE,
    Head,
    finetune_encoder,
    training_precision,
)
from perception.features.encoder.identity import PACKAGE_MODEL, resolve_model_path  # noqa: E402
from perception.features.sentences import embed_by_windows  # noqa: E402

ALPHAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
# name -> (what it changes, overrides of the params.yaml recipe). `epochs` is the ceiling;
# `early_stopping: False` runs all of them and keeps the last (LR decayed to 0 at the end);
# `epochs: "chosen"` is the epoch early stopping chose in `default` on the same fold.
RUNS: dict[str, tuple[str, dict[str, Any]]] = {
    "default": ("params.yaml's finetune section as committed", {}),
    "lr_2e-5": ("encoder learning rate 2e-5", {"lr": 2e-5}),
    "lr_1e-4": ("encoder learning rate 1e-4", {"lr": 1e-4}),
    "head_lr_1e-3": ("head learning rate 1e-3", {"head_lr": 1e-3}),
    "head_lr_3e-2": ("head learning rate 3e-2", {"head_lr": 3e-2}),
    "patience_2": ("early stopping after 2 epochs without a better val score",
                   {"patience": 2}),
    "fixed_chosen": ("no early stopping: exactly the epochs `default` chose, LR decayed to 0",
                     {"epochs": "chosen", "early_stopping": False}),
    "fixed_2": ("no early stopping: 2 epochs", {"epochs": 2, "early_stopping": False}),
    "fixed_max": ("no early stopping: all max_epochs", {"early_stopping": False}),
    "max_length_64": ("train on the first 64 tokens", {"max_length": 64}),
    "max_length_32": ("train on the first 32 tokens", {"max_length": 32}),
    "heads_polarity": ("a second head: 3-class polarity of the rating (< -0.5, else, > 0.5)",
                       {"extra_heads": ["polarity"]}),
    "heads_vader": ("a second head: VADER compound (a lexicon's score) as a regression target",
                    {"extra_heads": ["vader"]}),
    "dropout": ("transformer dropout on while training", {"dropout": True}),
    "layer_decay_0.8": ("layer-wise learning-rate decay 0.8 (top layer at lr, each below x0.8)",
                        {"layer_decay": 0.8}),
    "pooling_mean_max": ("mean and max pooling concatenated (768 dimensions)",
                         {"pooling": "mean_max"}),
    "precision_f32": ("training forward passes in float32", {"precision": "f32"}),
    "precision_bf16": ("training forward passes under bfloat16 autocast",
                       {"precision": "bf16"}),
}
NOT_COMPARED = {
    "a head per label (valence + arousal)": "VADER is rated for valence only; heads_polarity "
                                            "and heads_vader compare an extra head instead",
    "max_length 256": "no tweet, movie or NYT sentence exceeds 128 tokens and 4 Amazon ones "
                      "do (of 3,708): as good as the default",
}


def load_corpus(path: Path) -> tuple[list[str], np.ndarray]:
    """Texts and mean ratings -4..4 (`id <TAB> rating <TAB> text`, CRLF, UTF-8)."""
    texts, ratings = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t", 2)
            if len(parts) == 3 and parts[2].strip():
                texts.append(parts[2].strip())
                ratings.append(float(parts[1]))
    return texts, np.asarray(ratings)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


def embed(model_dir: Path, texts: list[str], threads: int) -> tuple[np.ndarray, float]:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    start = time.perf_counter()
    model = SentenceTransformer(str(model_dir), device="cpu")
    # A long text by its windows, pooled, as the pipeline embeds it (features.sentences).
    vectors = embed_by_windows(texts, lambda windows: model.encode(
        windows, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
        show_progress_bar=False))
    return np.asarray(vectors, dtype=np.float32), time.perf_counter() - start


def ridge_scores(x: np.ndarray, y: np.ndarray, roles: np.ndarray) -> dict[str, Any]:
    """Ridge fitted on train, alpha by val r; val and test r at that alpha."""
    tr, va, te = (roles == s for s in ("train", "val", "test"))
    by_alpha = {}
    for alpha in ALPHAS:
        model = Ridge(alpha=alpha).fit(x[tr], y[tr])
        by_alpha[alpha] = (pearson(model.predict(x[va]), y[va]), model)
    alpha = max(ALPHAS, key=lambda a: by_alpha[a][0])
    return {"alpha": alpha, "val_r": by_alpha[alpha][0],
            "test_r": pearson(by_alpha[alpha][1].predict(x[te]), y[te])}


def head_scores(model_dir: Path, x: np.ndarray, y: np.ndarray, roles: np.ndarray
                ) -> dict[str, float]:
    head = json.loads((model_dir / HEADS_FILE).read_text())["heads"]["valence"]
    pred = x.astype(np.float64) @ np.asarray(head["weight"]).T[:, 0] + head["bias"][0]
    return {s: pearson(pred[roles == s], y[roles == s]) for s in ("val", "test")}


def extra_head(name: str, texts: list[str], ratings: np.ndarray, rows: np.ndarray) -> Head:
    if name == "polarity":
        codes = np.where(ratings < -0.5, 0, np.where(ratings > 0.5, 2, 1)).astype(np.int64)
        return Head("polarity", "classification", codes[rows], n_classes=3,
                    classes=("negative", "neutral", "positive"))
    if name == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        compound = np.array([analyzer.polarity_scores(texts[i])["compound"] for i in rows])
        return Head("vader", "regression", (compound + 1.0) / 2.0)
    raise ValueError(f"unknown extra head {name!r}")


def resolve(name: str, base: dict[str, Any], chosen: dict[int, int], fold: int,
            cap: int | None) -> dict[str, Any] | None:
    """The settings of one named run on one fold (None: not runnable yet)."""
    overrides = dict(RUNS[name][1])
    settings = {**base, "early_stopping": True, "dropout": False, "extra_heads": [],
                "layer_decay": 1.0, "pooling": "mean", **overrides}
    if settings.pop("epochs", None) == "chosen":
        if fold not in chosen:
            return None
        settings["max_epochs"] = chosen[fold]
    elif "epochs" in overrides:
        settings["max_epochs"] = overrides["epochs"]
    if cap is not None:
        settings["max_epochs"] = min(settings["max_epochs"], cap)
    return settings


def summarize(folds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Mean ± sample sd over the folds done, per figure."""
    def stat(values: list[float]) -> dict[str, Any]:
        a = np.asarray(values, dtype=np.float64)
        return {"mean": round(float(a.mean()), 4),
                "sd": round(float(a.std(ddof=1)), 4) if len(a) > 1 else None}
    runs = [folds[k] for k in sorted(folds, key=int)]
    out = {"folds": len(runs),
           "ridge_val_r": stat([r["ridge"]["val_r"] for r in runs]),
           "ridge_test_r": stat([r["ridge"]["test_r"] for r in runs])}
    if all("head" in r for r in runs):
        out["head_val_r"] = stat([r["head"]["val"] for r in runs])
        out["head_test_r"] = stat([r["head"]["test"] for r in runs])
    if all("chosen_epoch" in r for r in runs):
        out["chosen_epoch"] = [r["chosen_epoch"] for r in runs]
        out["epochs_run"] = [r["epochs_run"] for r in runs]
    return out


def fmt(stat: dict[str, Any] | None) -> str:
    if stat is None:
        return ""
    return f"{stat['mean']:.3f}" + ("" if stat["sd"] is None else f" ± {stat['sd']:.3f}")


def markdown(doc: dict[str, Any]) -> str:
    results = doc["results"]
    # The frozen baseline, then the settings in RUNS order (the JSON's keys are sorted).
    done = {n: results[n] for n in ("frozen", *RUNS) if results.get(n, {}).get("summary")}
    title = (f"# Fine-tuning recipes on VADER {doc['corpus_name']} (valence, Pearson r)\n\n"
             f"Grouped {doc['split']['folds']}-fold split, test fold(s) "
             f"{doc['split']['test_folds']}; ridge on each encoder's embeddings (alpha by val). "
             f"Chosen by val, never by test.\n\n")
    if doc["smoke"]:
        title = (f"# SMOKE RUN, NOT A RESULT (rows {doc['rows']}, max_epochs cap "
                 f"{doc['max_epochs_cap']})\n\n" + title)
    tuned = {n: r for n, r in done.items() if n != "frozen"}
    best = max(tuned, key=lambda n: tuned[n]["summary"]["ridge_val_r"]["mean"], default=None)
    reference = done.get("default", {}).get("summary", {}).get("ridge_test_r")
    lines = ["| run | what changes | epochs chosen / run | val r | test r | test r (head) | "
             "test r minus default |", "|---|---|---|---:|---:|---:|---:|"]
    for name, r in done.items():
        s = r["summary"]
        epochs = ("" if "chosen_epoch" not in s else
                  ", ".join(f"{c}/{e}" for c, e in zip(s["chosen_epoch"], s["epochs_run"],
                                                         strict=True)))
        delta = ("" if reference is None or name == "default" else
                 f"{s['ridge_test_r']['mean'] - reference['mean']:+.3f}")
        mark = " **(best val)**" if name == best else ""
        lines.append(f"| {name}{mark} | {r['what']} | {epochs} | {fmt(s['ridge_val_r'])} | "
                     f"{fmt(s['ridge_test_r'])} | {fmt(s.get('head_test_r'))} | {delta} |")
    lines += ["", "Not compared:", ""] + [f"- {k}: {v}" for k, v in NOT_COMPARED.items()]
    return title + "\n".join(lines) + "\n"


def base_settings(ft: FinetuneConfig) -> dict[str, Any]:
    """The `default` setting: params.yaml's finetune section as the finetune stage runs it on
    this machine (precision "auto" resolved: bf16 only where the CPU has it in hardware)."""
    return {"max_epochs": ft.max_epochs, "patience": ft.patience, "lr": ft.lr,
            "head_lr": ft.head_lr, "max_length": ft.max_length, "batch_size": ft.batch_size,
            "seed": ft.seed, "precision": training_precision(ft.precision)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/finetune.json")
    parser.add_argument("--data", type=Path, default=DATA, help="the vader-hutto-2014 folder")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="movie")
    parser.add_argument("--runs", nargs="+", choices=list(RUNS), default=list(RUNS),
                        help="named settings, run in this order")
    parser.add_argument("--folds", type=int, default=5, help="k of the grouped k-fold")
    parser.add_argument("--test-folds", type=int, nargs="+", default=[0],
                        help="which folds are test, one fine-tune per setting each")
    parser.add_argument("--seed", type=int, default=0, help="fold (and --rows sample) seed")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rows", type=int, default=None,
                        help="SMOKE RUNS ONLY: a seeded sample of N rows")
    parser.add_argument("--max-epochs", type=int, default=None,
                        help="SMOKE RUNS ONLY: cap every setting's epochs")
    parser.add_argument("--resume", action="store_true",
                        help="keep the results already in --out (same setup), run the rest")
    args = parser.parse_args(argv)
    if not all(0 <= k < args.folds for k in args.test_folds):
        parser.error(f"--test-folds must be in 0..{args.folds - 1}")

    params = load_params(ROOT / "params.yaml")
    base = base_settings(params.finetune)
    fractions = params.split.fractions
    val_share = fractions.val / (fractions.train + fractions.val)

    texts, ratings = load_corpus(args.data / CORPORA[args.corpus])
    if args.rows is not None and args.rows < len(texts):
        keep = np.sort(np.random.default_rng(args.seed).choice(len(texts), args.rows,
                                                                replace=False))
        texts, ratings = [texts[i] for i in keep], ratings[keep]
    y = (ratings + 4.0) / 8.0
    folds = grouped_folds(texts, args.folds, args.seed)
    roles = {k: fold_roles(texts, folds, k, val_share, args.seed) for k in args.test_folds}
    setup = {"corpus": f"vader-hutto-2014/{CORPORA[args.corpus]}", "n": len(texts),
             "rows": args.rows, "max_epochs_cap": args.max_epochs, "seed": args.seed,
             "folds": args.folds, "base_recipe": base}
    smoke = args.rows is not None or args.max_epochs is not None

    results: dict[str, Any] = {}
    if args.resume and args.out.is_file():
        previous = json.loads(args.out.read_text())
        if previous.get("setup") == setup:
            results = previous["results"]
        else:
            print("--resume: the results in --out have another setup: starting over",
                  file=sys.stderr)

    def save() -> None:
        doc = {
            "smoke": smoke, "rows": args.rows, "max_epochs_cap": args.max_epochs,
            "corpus_name": args.corpus, "setup": setup,
            "split": {"method": "grouped k-fold by dedup_key (benchmarks/folds.py); the other "
                                "folds divided into train/val by dedup group",
                      "folds": args.folds, "test_folds": args.test_folds,
                      "val_share_of_rest": round(val_share, 4), "seed": args.seed,
                      "rows": {str(k): {s: int((r == s).sum()) for s in ("train", "val", "test")}
                               for k, r in roles.items()}},
            "label": "mean rating -4..4 mapped to (r + 4) / 8",
            "embedding": "sentence-transformers f32, normalized",
            "ridge": {"fit": "train", "alpha": "best val Pearson r of " + str(list(ALPHAS))},
            "runs_requested": args.runs, "results": results, "not_compared": NOT_COMPARED,
            "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        }
        write_json(args.out, doc)
        write_bytes(args.out.with_suffix(".md"), markdown(doc).encode())

    def record(name: str, what: str, fold: int, entry: dict[str, Any]) -> None:
        run = results.setdefault(name, {"what": what, "folds": {}})
        run["folds"][str(fold)] = entry
        run["summary"] = summarize(run["folds"])
        print(f"{name} fold {fold}: {json.dumps(entry)}", flush=True)
        save()

    base_dir = resolve_model_path(PACKAGE_MODEL)
    todo_frozen = [k for k in args.test_folds
                   if str(k) not in results.get("frozen", {}).get("folds", {})]
    if todo_frozen:
        x, seconds = embed(base_dir, texts, args.threads)
        for k in todo_frozen:
            record("frozen", "the packaged weights, not fine-tuned", k,
                   {"ridge": ridge_scores(x, y, roles[k]),
                    "seconds": {"embed": round(seconds, 1)}})

    chosen = {int(k): r["chosen_epoch"]
              for k, r in results.get("default", {}).get("folds", {}).items()}
    with tempfile.TemporaryDirectory(prefix="bench-finetune-") as scratch:
        for name in args.runs:
            for k in args.test_folds:
                if str(k) in results.get(name, {}).get("folds", {}):
                    continue
                settings = resolve(name, base, chosen, k, args.max_epochs)
                if settings is None:
                    print(f"{name} fold {k}: skipped, needs `default` on this fold first",
                          file=sys.stderr)
                    continue
                entry = run_one(base_dir, Path(scratch) / f"{name}-{k}", texts, ratings, y,
                                roles[k], settings, args.threads)
                if name == "default":
                    chosen[k] = entry["chosen_epoch"]
                record(name, RUNS[name][0], k, entry)
    print(markdown(json.loads(args.out.read_text())))
    return 0


def run_one(base_dir: Path, out_dir: Path, texts: list[str], ratings: np.ndarray,
            y: np.ndarray, roles: np.ndarray, settings: dict[str, Any], threads: int,
            log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)
            ) -> dict[str, Any]:
    """One fine-tune with `settings` on the train rows (val picks the epoch unless fixed),
    scored by ridge on its embeddings and by its own valence head."""
    train, val = np.flatnonzero(roles == "train"), np.flatnonzero(roles == "val")

    def heads(rows: np.ndarray) -> dict[str, Head]:
        out = {"valence": Head("valence", "regression", y[rows])}
        for extra in settings["extra_heads"]:
            out[extra] = extra_head(extra, texts, ratings, rows)
        return out

    validation = (([texts[i] for i in val], heads(val)) if settings["early_stopping"]
                  else None)
    started = time.perf_counter()
    report = finetune_encoder(
        base_dir, [texts[i] for i in train], heads(train), out_dir,
        epochs=settings["max_epochs"], patience=settings["patience"], val=validation,
        lr=settings["lr"], head_lr=settings["head_lr"], max_length=settings["max_length"],
        batch_size=settings["batch_size"], seed=settings["seed"], dropout=settings["dropout"],
        layer_decay=settings["layer_decay"], pooling=settings["pooling"],
        precision=settings["precision"], threads=threads,
        progress=sys.stderr.isatty(), log=log)
    tuned = time.perf_counter() - started
    x, seconds = embed(out_dir, texts, threads)
    return {
        "settings": settings,
        "ridge": ridge_scores(x, y, roles),
        "head": head_scores(out_dir, x, y, roles),
        "chosen_epoch": report["chosen_epoch"],
        "epochs_run": len(report["epoch_loss"]),
        "val_curve": [round(p["score"], 4) for p in report["val_curve"]],
        "epoch_loss": [round(v, 4) for v in report["epoch_loss"]],
        "seconds": {"finetune": round(tuned, 1),
                    "per_epoch": [round(s, 1) for s in report["epoch_seconds"]],
                    "embed": round(seconds, 1)},
    }


if __name__ == "__main__":
    sys.exit(main())
