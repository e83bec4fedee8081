"""Real-data benchmark: the valence training code on the four VADER corpora (Hutto & Gilbert 2014).

    .venv/bin/python benchmarks/real_data.py --out benchmarks/results/real_data.json

Each corpus (`id<TAB>mean valence -4..4<TAB>text`) is read through the project's own ingest, as
a user would add it (README "Your own data"), featurized with the lexical features and the
OpenVINO sentence encoder, and scored by 5-fold grouped cross-validation:

* folds: StratifiedGroupKFold on valence quintiles, grouped by `dedup_key(text)` so near-identical
  texts never straddle folds;
* outer fold k: test = fold k, val = fold k+1 (mod K; tuning, model selection, calibration),
  train = the other K-2 folds, which are also the inner folds of the OOF stack;
* Pearson r on the pooled out-of-fold test predictions (and the mean of the per-fold r).

Compared on the same folds: VADER compound alone (no training, so r over every row), a frozen
MiniLM + ridge baseline (alpha 1, fitted on train+val of each fold), and the published VADER r
(published_table4.csv). No temporal features: the corpora have no users or timestamps.
Tuning budgets are cut (--trials; 8 min for all four corpora on the shared 2-core machine) and
the Optuna study is kept in memory (--optuna-storage; see `optuna_config`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import StratifiedGroupKFold

from perception.config import (
    EncoderConfig,
    IngestConfig,
    OptunaConfig,
    Params,
    SourceConfig,
    TargetConfig,
    TrainConfig,
    load_params,
)
from perception.data.ingest import ingest
from perception.data.text import dedup_key
from perception.features.encoder.export import export_openvino
from perception.features.encoder.runtime import Encoder, bf16_supported, load_encoder
from perception.features.lexical import lexical_features
from perception.io import write_bytes, write_json
from perception.models.dataset import SLICE_COLUMNS, TargetData
from perception.models.train import train_target

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/datasets/vader-hutto-2014"
CORPORA = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}
TARGET = "valence"
GROUPS = ["lexical", "embeddings"]
# Cut from params.yaml's 15 / 4 so 4 corpora x 5 folds stay well inside 20 minutes on 2 cores.
DEFAULT_TRIALS = {"lexical": 8, "all": 3}
N_STRATA = 5


# --------------------------------------------------------------------------- data


def published_vader(path: Path) -> dict[str, float]:
    """corpus -> VADER's r against the mean of 20 raters, as published (Table 4)."""
    table = pd.read_csv(path)
    rows = table[table["method"] == "VADER"]
    return {str(c).split("(")[0]: float(r)
            for c, r in zip(rows["corpus"], rows["r_vs_mean_of_20_raters"], strict=True)}


def ingest_corpus(name: str, file: Path) -> pd.DataFrame:
    """The clean table of one corpus, through ingest as configured in params.yaml by a user.

    Ingest only reads files inside a repository, so the corpus is copied into a throwaway
    directory laid out like one (data/raw/<file>) and deleted afterwards."""
    source = SourceConfig(
        name=f"vader_{name}", path=f"data/raw/{file.name}", format="tsv",
        header=["id", "valence", "text"], header_row=False, valence_range=(-4.0, 4.0),
        lang="en")
    with tempfile.TemporaryDirectory(prefix="bench-real-ingest-") as scratch:
        raw = Path(scratch) / "data/raw"
        raw.mkdir(parents=True)
        shutil.copyfile(file, raw / file.name)
        result = ingest(IngestConfig(sources=[source]), root=Path(scratch))
    if result.rejected:
        print(f"  {name}: {len(result.rejected)} rows rejected by ingest", file=sys.stderr)
    return result.clean.reset_index(drop=True)


def open_encoder(cfg: EncoderConfig, scratch: Path) -> tuple[Encoder, str]:
    """The pipeline's encoder IR if `dvc repro` built it, else a fresh export into `scratch`."""
    ir_dir = ROOT / load_params(ROOT / "params.yaml").paths.encoder
    if not (ir_dir / "encoder.json").is_file():
        ir_dir = scratch / "encoder"
        export_openvino(cfg.model, ir_dir, int8=cfg.int8)
    if cfg.backend == "openvino" and cfg.precision == "bf16" and not bf16_supported():
        # bf16 is the default because this project's machine has it; elsewhere f32 is the
        # only choice that runs at all.
        cfg = cfg.model_copy(update={"precision": "f32"})
    return load_encoder(cfg, ir_dir), str(ir_dir)


def featurize(clean: pd.DataFrame, encoder: Encoder, batch_size: int
              ) -> tuple[dict[str, pd.DataFrame], float]:
    """The lexical and embedding groups (no id column), and the seconds they took."""
    start = time.perf_counter()
    texts = clean["text"].astype(str).tolist()
    lexical = lexical_features(texts)
    vectors = encoder.encode(texts, batch_size, progress=False)
    width = len(str(vectors.shape[1] - 1))
    embeddings = pd.DataFrame(vectors, columns=[f"emb_{i:0{width}d}"
                                                for i in range(vectors.shape[1])])
    return {"lexical": lexical, "embeddings": embeddings}, time.perf_counter() - start


# --------------------------------------------------------------------------- folds


def make_folds(clean: pd.DataFrame, n_folds: int, seed: int) -> np.ndarray:
    """Outer fold per row: grouped by dedup_key, stratified on valence quintiles."""
    y = clean["valence"].to_numpy(dtype=np.float64)
    edges = np.quantile(y, np.linspace(0, 1, N_STRATA + 1)[1:-1])
    strata = np.digitize(y, edges)
    groups = clean["text"].astype(str).map(dedup_key).to_numpy()
    folds = np.full(len(clean), -1, dtype=np.int64)
    splitter = StratifiedGroupKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    for k, (_, test) in enumerate(splitter.split(np.zeros(len(y)), strata, groups)):
        folds[test] = k
    return folds


def fold_roles(outer: np.ndarray, k: int, n_folds: int) -> tuple[np.ndarray, np.ndarray]:
    """(split, inner fold) for outer fold k: test k, val k+1, the rest train with inner folds
    numbered 0..K-3 for the OOF stack (-1 off train, as in splits.parquet)."""
    val_fold = (k + 1) % n_folds
    split = np.where(outer == k, "test", np.where(outer == val_fold, "val", "train"))
    train_folds = [f for f in range(n_folds) if f not in (k, val_fold)]
    inner = np.full(len(outer), -1, dtype=np.int64)
    for i, f in enumerate(train_folds):
        inner[outer == f] = i
    return split, inner


def target_data(clean: pd.DataFrame, features: dict[str, pd.DataFrame], split: np.ndarray,
                inner: np.ndarray, context: list[str]) -> TargetData:
    def strings(columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame({c: clean[c].astype("object").fillna("unknown").astype(str)
                             for c in columns})

    return TargetData(
        ids=clean["id"].astype(str).to_numpy(), split=split, fold=inner,
        y=clean["valence"].to_numpy(dtype=np.float64), groups=features,
        context=strings(context), slices=strings(list(SLICE_COLUMNS)))


# --------------------------------------------------------------------------- methods


def pearson(a: np.ndarray, b: np.ndarray) -> float | None:
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


def mean(values: list[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(float(np.mean(kept)), 4) if kept else None


@dataclass
class FoldResult:
    test: np.ndarray          # boolean mask of the test rows
    perception: np.ndarray    # calibrated predictions on those rows
    raw: np.ndarray           # the same before calibration
    ridge: np.ndarray
    chosen: str
    seconds: float


def run_fold(data: TargetData, target: TargetConfig, train: TrainConfig) -> FoldResult:
    start = time.perf_counter()
    result = train_target(TARGET, data, target, train)
    test = data.mask("test")
    features = {g: data.groups[g][test] for g in train.groups}
    context = data.context[test]
    seconds = time.perf_counter() - start

    # The frozen-encoder baseline sees train + val, as much labelled data as perception.
    fit = data.mask("train") | data.mask("val")
    x = data.groups["embeddings"].to_numpy(dtype=np.float64)
    ridge = Ridge(alpha=1.0).fit(x[fit], data.y[fit]).predict(x[test])
    return FoldResult(test=test, perception=result.model.predict(features, context),
                      raw=result.model.predict_raw(features, context), ridge=ridge,
                      chosen=result.model.chosen, seconds=seconds)


def bench_corpus(name: str, file: Path, params: Params, encoder: Encoder, n_folds: int,
                 seed: int, target: TargetConfig, train: TrainConfig) -> dict[str, Any]:
    clean = ingest_corpus(name, file)
    features, feat_s = featurize(clean, encoder, params.featurize.encoder.batch_size)
    print(f"  {name}: {len(clean)} rows, features in {feat_s:.1f} s", file=sys.stderr,
          flush=True)
    y = clean["valence"].to_numpy(dtype=np.float64)
    vader = features["lexical"]["lex_vader_compound"].to_numpy(dtype=np.float64)
    outer = make_folds(clean, n_folds, seed)

    preds = {m: np.full(len(y), np.nan) for m in ("perception", "raw", "ridge")}
    per_fold: dict[str, list[float | None]] = {m: [] for m in ("vader", "frozen_ridge",
                                                               "perception")}
    chosen: Counter[str] = Counter()
    train_s = 0.0
    for k in range(n_folds):
        split, inner = fold_roles(outer, k, n_folds)
        fold = run_fold(target_data(clean, features, split, inner, train.context), target, train)
        t = fold.test
        preds["perception"][t], preds["raw"][t], preds["ridge"][t] = (
            fold.perception, fold.raw, fold.ridge)
        per_fold["vader"].append(pearson(vader[t], y[t]))
        per_fold["frozen_ridge"].append(pearson(fold.ridge, y[t]))
        per_fold["perception"].append(pearson(fold.perception, y[t]))
        chosen[fold.chosen] += 1
        train_s += fold.seconds
        print(f"    fold {k}: {fold.chosen} chosen, r {per_fold['perception'][-1]} "
              f"(ridge {per_fold['frozen_ridge'][-1]}), {fold.seconds:.0f} s",
              file=sys.stderr, flush=True)

    return {
        "n": len(clean),
        "vader": pearson(vader, y),
        "frozen_ridge": pearson(preds["ridge"], y),
        "perception": pearson(preds["perception"], y),
        "perception_uncalibrated": pearson(preds["raw"], y),
        "fold_mean": {m: mean(rs) for m, rs in per_fold.items()},
        "per_fold": per_fold,
        "chosen": dict(sorted(chosen.items())),
        "fold_sizes": np.bincount(outer, minlength=n_folds).tolist(),
        "seconds": {"featurize": round(feat_s, 1), "train": round(train_s, 1)},
    }


# --------------------------------------------------------------------------- output


def beats(row: dict[str, Any]) -> str:
    # Beating VADER means beating both its published r and its r on our normalized texts.
    bar = max(v for v in (row.get("vader_published"), row["vader"]) if v is not None)
    if row["perception"] is None:
        return "n/a"
    margin = row["perception"] - bar
    return f"{'yes' if margin > 0 else 'no'} ({margin:+.3f})"


def table(corpora: dict[str, dict[str, Any]]) -> str:
    def cell(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    lines = [
        "| corpus | n | VADER published | VADER here | frozen MiniLM + ridge | perception "
        "| beats VADER? |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in corpora.items():
        lines.append(
            f"| {name} | {row['n']} | {cell(row.get('vader_published'))} | {cell(row['vader'])} "
            f"| {cell(row['frozen_ridge'])} | **{cell(row['perception'])}** | {beats(row)} |")
    return "\n".join(lines)


def parse_trials(text: str) -> dict[str, int]:
    """"lexical=8,all=3" -> {"lexical": 8, "all": 3}."""
    pairs = (item.split("=", 1) for item in text.split(",") if item.strip())
    return {k.strip(): int(v) for k, v in pairs}


def optuna_config(storage: str, scratch: Path) -> OptunaConfig:
    """`memory`: Optuna's in-memory storage, for a study nobody needs afterwards (each pruning
    report is a storage write; on SQLite, reporting every round once made tuning 20-50x
    slower, hence the pipeline's REPORT_EVERY). `sqlite`: a file in the run's temp dir, as
    the pipeline does. Else a URL."""
    if storage == "memory":
        # OptunaConfig.storage has no in-memory spelling; optuna reads None as in-memory.
        return OptunaConfig.model_construct(storage=None)
    if storage == "sqlite":
        return OptunaConfig(storage=f"sqlite:///{scratch}/optuna.db")
    return OptunaConfig(storage=storage)


def configs(params: Params, trials: dict[str, int], optuna: OptunaConfig
            ) -> tuple[TargetConfig, TrainConfig]:
    target = params.targets[TARGET]
    tuning = target.model.tuning.model_copy(
        update={"n_trials": {**target.model.tuning.n_trials, **trials}})
    model = target.model.model_copy(update={"tuning": tuning})
    train = params.train.model_copy(update={"groups": GROUPS, "optuna": optuna})
    return target.model_copy(update={"model": model}), train


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/real_data.json"))
    parser.add_argument("--data", type=Path, default=DATA, help="the vader-hutto-2014 folder")
    parser.add_argument("--corpora", nargs="+", choices=list(CORPORA), default=list(CORPORA))
    parser.add_argument("--folds", type=int, default=5, help="outer CV folds (at least 4: "
                        "test, val and two inner folds for the OOF stack)")
    parser.add_argument("--seed", type=int, default=0, help="fold assignment seed")
    parser.add_argument("--trials", type=parse_trials, default=DEFAULT_TRIALS,
                        help="Optuna trials per LightGBM model, e.g. lexical=8,all=3")
    parser.add_argument("--optuna-storage", default="memory",
                        help="memory | sqlite (a file in a temp dir) | an SQLAlchemy URL")
    args = parser.parse_args(argv)
    if args.folds < 4:
        parser.error("--folds must be at least 4")

    started = time.perf_counter()
    params = load_params(ROOT / "params.yaml")
    published = published_vader(args.data / "published_table4.csv")
    corpora: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-real-") as scratch:
        encoder, ir_dir = open_encoder(params.featurize.encoder, Path(scratch))
        optuna = optuna_config(args.optuna_storage, Path(scratch))
        target, train = configs(params, args.trials, optuna)
        for name in args.corpora:
            row = bench_corpus(name, args.data / CORPORA[name], params, encoder, args.folds,
                               args.seed, target, train)
            corpora[name] = {"vader_published": published.get(name), **row}

    protocol = (f"{args.folds}-fold grouped CV (StratifiedGroupKFold on valence quintiles, "
                f"groups = dedup_key(text), seed {args.seed}); outer fold k: test k, val k+1 "
                f"(tuning, selection, calibration), train the other {args.folds - 2} folds "
                f"(inner folds of the OOF stack); Pearson r on pooled out-of-fold test "
                f"predictions; VADER compound without training, over every row")
    report = {
        "protocol": protocol,
        "corpora": corpora,
        "config": {"target": TARGET, "groups": GROUPS, "n_trials": target.model.tuning.n_trials,
                   "optuna_storage": args.optuna_storage,
                   "encoder": {"ir": ir_dir, "backend": encoder.backend,
                               "precision": encoder.precision, "identity": encoder.identity},
                   "data": str(args.data)},
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    markdown = table(corpora)
    print(f"## Valence on the VADER corpora: Pearson r\n\n{protocol}.\n")
    print(markdown)
    write_json(args.out, report)
    write_bytes(args.out.with_suffix(".md"),
                f"# Valence on the VADER corpora (Pearson r)\n\n{protocol}.\n\n{markdown}\n"
                .encode())
    print(f"\nwrote {args.out} in {report['seconds']:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
