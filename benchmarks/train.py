"""Training benchmarks: which learner suits each feature group, and LightGBM's max_bin.

    .venv/bin/python benchmarks/train.py --out benchmarks/results/train.json

Run on the pipeline's own data (data/interim/clean.parquet, data/processed/splits.parquet,
data/features/*.parquet: `dvc repro featurize split` first). Two defaults of params.yaml are
measured against their alternatives, fitted on train and scored on val:

* `targets.<t>.learners`: per target and feature group, LightGBM against the linear model
  (ridge, or multinomial logistic regression with C = 1 / linear_alpha), as the pipeline runs
  it (raw columns) and on standardized columns. LightGBM uses fixed settings (FIXED below,
  rounds by early stopping on val) rather than a tuned search, so every group gets the same
  effort. A linear model may suit the 384 embedding dimensions and LightGBM the lexical and
  temporal groups: this measures it instead of assuming it.
* `targets.<t>.lightgbm.max_bin`: fit time of the all-features LightGBM model at 255 and 63
  bins, the same rounds for both, and the val quality of each.

Fit seconds are the best of `--repeats` runs (other load only ever makes a run slower) and are
only comparable within one run; the ratios are what carries over to another machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from timing import best_of

from perception.artifacts import read_parquet, write_json
from perception.config import Params, TargetConfig, load_params
from perception.evaluation.metrics import classification_metrics, regression_metrics
from perception.models.dataset import TargetData, target_data
from perception.models.learners import LightGBMLearner, LinearLearner, lightgbm_params

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ("lexical", "embeddings", "temporal")
# Untuned LightGBM settings shared by every group: comparable effort, no search noise.
FIXED = {"learning_rate": 0.05, "num_leaves": 31}
MAX_BINS = (255, 63)
# The selection metric of train.py per kind, and which way is better.
PRIMARY = {"regression": ("pearson", "higher"), "multiclass": ("log_loss", "lower")}
# Uncalibrated learners are compared at the placeholder threshold train.py uses for them.
CRISIS_THRESHOLD = 0.5


# --------------------------------------------------------------------------- data


def load_inputs(params: Params) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, pd.DataFrame]]:
    paths = params.paths
    return (read_parquet(ROOT / paths.clean), read_parquet(ROOT / paths.splits),
            {g: read_parquet(ROOT / paths.feature_table(g)) for g in GROUPS})


def missing_inputs(params: Params) -> list[str]:
    paths = params.paths
    needed = [paths.clean, paths.splits, *(str(paths.feature_table(g)) for g in GROUPS)]
    return [p for p in needed if not (ROOT / p).is_file()]


# --------------------------------------------------------------------------- measuring


def score(target: TargetConfig, y: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    if target.kind == "regression":
        m = regression_metrics(y, pred, target.model.calibration_bins)
        return {"pearson": m["pearson"], "rmse": m["rmse"]}
    m = classification_metrics(y, pred, target.classes, CRISIS_THRESHOLD,
                               target.model.calibration_bins, per_type=False)
    return {"log_loss": m["log_loss"], "any_crisis_auc": m["any_crisis_auc"],
            "macro_f1": m["macro_f1"]}


def early_stopped_rounds(params: dict[str, Any], target: TargetConfig, x_tr: np.ndarray,
                         y_tr: np.ndarray, x_va: np.ndarray, y_va: np.ndarray) -> int:
    """Rounds at the best val score, as tuning finds them for a trial."""
    train = lgb.Dataset(x_tr, label=y_tr.astype(np.float64))
    val = lgb.Dataset(x_va, label=y_va.astype(np.float64), reference=train)
    booster = lgb.train(params, train, num_boost_round=target.model.lightgbm.max_rounds,
                        valid_sets=[val], valid_names=["val"],
                        callbacks=[lgb.early_stopping(target.model.lightgbm.early_stopping_rounds,
                                                      verbose=False)])
    return int(booster.best_iteration or booster.current_iteration())


def standardize(x_tr: np.ndarray, x_va: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    std[std == 0] = 1.0
    return (x_tr - mean) / std, (x_va - mean) / std


def run_linear(target: TargetConfig, x_tr: np.ndarray, y_tr: np.ndarray, x_va: np.ndarray,
               y_va: np.ndarray, repeats: int) -> dict[str, Any]:
    n_classes = len(target.classes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        seconds, learner = best_of(
            lambda: LinearLearner(target.kind, target.model.linear_alpha, n_classes).fit(
                x_tr, y_tr),
            repeats)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return {**score(target, y_va, learner.predict(x_va)), "fit_s": round(seconds, 3),
            "converged": converged}


def run_lightgbm(target: TargetConfig, params: dict[str, Any], x_tr: np.ndarray,
                 y_tr: np.ndarray, x_va: np.ndarray, y_va: np.ndarray, repeats: int,
                 rounds: int | None = None) -> dict[str, Any]:
    """Fit at `rounds` (early-stopped on val when None), as the pipeline refits a tuned model."""
    rounds = rounds or early_stopped_rounds(params, target, x_tr, y_tr, x_va, y_va)
    seconds, learner = best_of(lambda: LightGBMLearner(params, rounds).fit(x_tr, y_tr), repeats)
    return {**score(target, y_va, learner.predict(x_va)), "fit_s": round(seconds, 3),
            "rounds": rounds}


def winner(target: TargetConfig, results: dict[str, dict[str, Any]]) -> str:
    metric, direction = PRIMARY[target.kind]
    sign = 1.0 if direction == "higher" else -1.0

    def key(name: str) -> float:
        value = results[name][metric]
        return -np.inf if value is None else sign * value

    return max(results, key=key)


def bench_learners(name: str, target: TargetConfig, data: TargetData, seed: int, repeats: int
                   ) -> dict[str, Any]:
    """(a) LightGBM vs linear per feature group, train -> val."""
    tr, va = data.mask("train"), data.mask("val")
    y_tr, y_va = data.y[tr], data.y[va]
    params = lightgbm_params(target.kind, len(target.classes), FIXED, seed,
                             target.model.lightgbm.num_threads, target.model.lightgbm.max_bin)
    out: dict[str, Any] = {}
    for group in GROUPS:
        x = data.matrix([group])
        x_tr, x_va = x[tr], x[va]
        s_tr, s_va = standardize(x_tr, x_va)
        results = {
            "lightgbm": run_lightgbm(target, params, x_tr, y_tr, x_va, y_va, repeats),
            "linear": run_linear(target, x_tr, y_tr, x_va, y_va, repeats),
            # Raw counts and hours next to rates: is a linear loss only a scaling problem?
            "linear_std": run_linear(target, s_tr, y_tr, s_va, y_va, repeats),
        }
        out[group] = {**results, "columns": x.shape[1], "best": winner(target, results),
                      "configured": target.model.learners.get(group, "lightgbm")}
        print(f"  {name}/{group}: best {out[group]['best']} "
              f"(configured {out[group]['configured']})", file=sys.stderr, flush=True)
    return out


def bench_max_bin(name: str, target: TargetConfig, data: TargetData, seed: int, repeats: int
                  ) -> dict[str, Any]:
    """(b) The all-features LightGBM model at each max_bin, same rounds for both."""
    tr, va = data.mask("train"), data.mask("val")
    x = data.matrix(list(GROUPS))

    def params(max_bin: int) -> dict[str, Any]:
        return lightgbm_params(target.kind, len(target.classes), FIXED, seed,
                               target.model.lightgbm.num_threads, max_bin)

    # Rounds found at the configured bins, then reused for every setting: a fair time ratio.
    rounds = early_stopped_rounds(params(target.model.lightgbm.max_bin), target, x[tr], data.y[tr],
                                  x[va], data.y[va])
    out: dict[str, Any] = {"rounds": rounds, "columns": x.shape[1],
                           "configured": target.model.lightgbm.max_bin}
    for max_bin in MAX_BINS:
        out[str(max_bin)] = run_lightgbm(target, params(max_bin), x[tr], data.y[tr], x[va],
                                         data.y[va], repeats, rounds)
    out["time_ratio_255_over_63"] = round(out["255"]["fit_s"] / out["63"]["fit_s"], 2)
    print(f"  {name}/all: 255 bins {out['255']['fit_s']} s, 63 bins {out['63']['fit_s']} s "
          f"at {rounds} rounds", file=sys.stderr, flush=True)
    return out


# --------------------------------------------------------------------------- tables


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def learner_table(target: TargetConfig, section: dict[str, Any]) -> str:
    metrics = (["pearson", "rmse"] if target.kind == "regression"
               else ["log_loss", "any_crisis_auc", "macro_f1"])
    lines = [f"| group | learner | {' | '.join(metrics)} | fit s | best | configured |",
             "|---|---|" + "---:|" * (len(metrics) + 1) + "---|---|"]
    for group, row in section.items():
        for learner in ("lightgbm", "linear", "linear_std"):
            r = row[learner]
            mark = " (no convergence)" if r.get("converged") is False else ""
            cells = " | ".join(_fmt(r[m]) for m in metrics)
            best = "**best**" if row["best"] == learner else ""
            conf = "configured" if row["configured"] == learner else ""
            lines.append(f"| {group} ({row['columns']}) | {learner}{mark} | {cells} | "
                         f"{r['fit_s']:.3f} | {best} | {conf} |")
    return "\n".join(lines)


def max_bin_table(targets: dict[str, TargetConfig], section: dict[str, Any]) -> str:
    lines = ["| target | rounds | fit s @255 | fit s @63 | 255 / 63 | val @255 | val @63 |",
             "|---|---:|---:|---:|---:|---|---|"]
    for name, row in section.items():
        metric = PRIMARY[targets[name].kind][0]
        lines.append(f"| {name} | {row['rounds']} | {row['255']['fit_s']:.2f} | "
                     f"{row['63']['fit_s']:.2f} | {row['time_ratio_255_over_63']:.2f} | "
                     f"{metric} {_fmt(row['255'][metric])} | {metric} {_fmt(row['63'][metric])} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/train.json"))
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--targets", nargs="+", help="default: every key of targets")
    parser.add_argument("--repeats", type=int, default=2, help="timed fits per model (best)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    params = load_params(args.params)
    missing = missing_inputs(params)
    if missing:
        print(f"skipped: pipeline data missing ({', '.join(missing)}); run `dvc repro "
              f"featurize split` first", file=sys.stderr)
        return 0
    clean, splits, features = load_inputs(params)
    names = args.targets or list(params.targets)
    report: dict[str, Any] = {
        "fixed_lightgbm": FIXED, "crisis_threshold": CRISIS_THRESHOLD,
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version()},
        "targets": {},
    }
    max_bin: dict[str, Any] = {}
    for name in names:
        target = params.targets[name]
        data = target_data(name, target, clean, splits, features, params.train.context)
        rows = {s: int(data.mask(s).sum()) for s in ("train", "val")}
        report["targets"][name] = {"rows": rows,
                                   "learners": bench_learners(name, target, data,
                                                              params.train.seed, args.repeats)}
        max_bin[name] = bench_max_bin(name, target, data, params.train.seed, args.repeats)
    report["max_bin"] = max_bin
    report["seconds"] = round(time.perf_counter() - started, 1)

    for name in names:
        section = report["targets"][name]
        print(f"\n## {name}: LightGBM vs linear per feature group (train {section['rows']['train']}"
              f" -> val {section['rows']['val']})\n")
        print(learner_table(params.targets[name], section["learners"]))
    print("\n## All-features LightGBM: max_bin 255 vs 63 (same rounds)\n")
    print(max_bin_table(params.targets, max_bin))
    write_json(args.out, report)
    print(f"\nwrote {args.out} in {report['seconds']:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
