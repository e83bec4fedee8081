"""Train one target: tune, fit the bases out-of-fold, stack, pick on val, calibrate on val.

Only train and val rows are read here; test is left to evaluation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from perception.config import TargetConfig, TrainConfig
from perception.evaluation.metrics import (
    classification_metrics,
    probability_metrics,
    regression_metrics,
)
from perception.models.calibration import IsotonicTable, Temperature
from perception.models.dataset import TargetData, TargetDataError
from perception.models.decision import any_crisis, choose_threshold
from perception.models.learners import Learner, LightGBMLearner, LinearLearner, lightgbm_params
from perception.models.stacking import ContextEncoder, meta_matrix, oof_frame, oof_predict
from perception.models.target_model import ALL, STACK, TargetModel
from perception.models.tuning import TuningResult, tune_lightgbm

# How candidates are compared on val: the gate metric for regression (calibration fixes the
# scale afterwards, not the ranking); for classes the log loss, a proper score that also
# rewards the probabilities the crisis threshold is set on.
SELECTION = {"regression": ("pearson", "higher"), "multiclass": ("log_loss", "lower")}


@dataclass
class TrainResult:
    model: TargetModel
    oof: pd.DataFrame                     # train rows: OOF prediction of every base
    val: pd.DataFrame                     # val rows: every candidate's prediction
    candidates: dict[str, dict[str, Any]]  # val metrics of every candidate (uncalibrated)
    calibrated_val: dict[str, Any]        # val metrics of the chosen model after calibration
    tuning: dict[str, TuningResult]


def _score(kind: str, y: np.ndarray, pred: np.ndarray, classes: list[str], bins: int
           ) -> dict[str, Any]:
    if kind == "regression":
        return regression_metrics(y, pred, bins)
    # Uncalibrated candidates have no decision threshold yet: they are compared threshold-free.
    return probability_metrics(y, pred, classes, bins)


def select(kind: str, candidates: dict[str, dict[str, Any]], selection: str) -> str:
    if selection != "auto":
        return selection
    metric, direction = SELECTION[kind]
    sign = 1.0 if direction == "higher" else -1.0

    def key(name: str) -> tuple[float, str]:
        value = candidates[name][metric]
        return (-np.inf if value is None else sign * value, name)

    return max(candidates, key=key)


def selection_summary(kind: str, candidates: dict[str, dict[str, Any]], chosen: str,
                      bases: list[str]) -> dict[str, Any]:
    """Does stacking beat the best single base model and the all-features model on val?"""
    metric, direction = SELECTION[kind]
    scores = {m: c[metric] for m, c in candidates.items()}
    sign = 1.0 if direction == "higher" else -1.0

    def beats(a: str, b: str) -> bool:
        return scores[a] is not None and (scores[b] is None
                                          or sign * scores[a] > sign * scores[b])

    best_base = max(bases, key=lambda m: -np.inf if scores[m] is None else sign * scores[m])
    return {"metric": metric, "direction": direction, "val": scores, "chosen": chosen,
            "best_single": best_base, "stack_beats_best_single": beats(STACK, best_base),
            "stack_beats_all": beats(STACK, ALL)}


def train_target(name: str, data: TargetData, target: TargetConfig, train: TrainConfig, *,
                 progress: bool = False, log: Callable[[str], None] = lambda _: None
                 ) -> TrainResult:
    kind, classes, cfg = target.kind, target.classes, target.model
    n_classes = len(classes)
    tr, va = data.mask("train"), data.mask("val")
    if not va.any():
        raise TargetDataError(f"target {name!r}: no labelled val rows to tune and calibrate on")
    if kind == "multiclass" and not (data.y[va] != 0).any():
        raise TargetDataError(
            f"target {name!r}: val has no {classes[1:]} rows to choose the decision threshold "
            f"on ({int(va.sum())} val rows, all {classes[0]!r}); add data or change split.seed")
    y_tr, y_va = data.y[tr], data.y[va]
    bases = list(train.groups)
    tuning: dict[str, TuningResult] = {}
    oof: dict[str, np.ndarray] = {}
    fitted: dict[str, Learner] = {}
    val_pred: dict[str, np.ndarray] = {}

    for model in [*bases, ALL]:
        groups = bases if model == ALL else [model]
        x = data.matrix(groups)
        make: Callable[[], Learner]
        if cfg.learners.get(model, "lightgbm") == "lightgbm":
            result = tune_lightgbm(
                x[tr], y_tr, x[va], y_va, kind=kind, n_classes=n_classes, space=cfg.search,
                fixed=cfg.lightgbm, tuning=cfg.tuning,
                n_trials=cfg.tuning.n_trials.get(model, 1), seed=train.seed,
                storage=train.optuna.storage, study_name=f"{name}.{model}", progress=progress)
            tuning[model] = result
            params = lightgbm_params(kind, n_classes, result.params, train.seed,
                                     cfg.lightgbm.num_threads, cfg.lightgbm.max_bin)
            log(f"{name}/{model}: {len(result.history)} trials, best val loss "
                f"{result.best_value:.4f} at {result.rounds} rounds")

            def make(params: dict[str, Any] = params, rounds: int = result.rounds) -> Learner:
                return LightGBMLearner(params, rounds)
        else:
            def make() -> Learner:
                return LinearLearner(kind, cfg.linear_alpha, n_classes)
        if model != ALL:
            oof[model] = oof_predict(make, x[tr], y_tr, data.fold[tr])
        fitted[model] = make().fit(x[tr], y_tr)
        val_pred[model] = fitted[model].predict(x[va])

    context = ContextEncoder.fit(data.context[tr])
    meta = LinearLearner(kind, cfg.meta_alpha, n_classes).fit(
        meta_matrix(kind, [oof[b] for b in bases], context.transform(data.context[tr])), y_tr)
    val_pred[STACK] = meta.predict(
        meta_matrix(kind, [val_pred[b] for b in bases], context.transform(data.context[va])))

    bins = cfg.calibration_bins
    candidates = {m: _score(kind, y_va, p, classes, bins) for m, p in val_pred.items()}
    chosen = select(kind, candidates, cfg.selection)
    log(f"{name}: chose {chosen!r} on val")

    raw = val_pred[chosen]
    threshold = None
    if kind == "regression":
        calibration: IsotonicTable | Temperature = IsotonicTable.fit(raw, y_va)
        calibrated_val = regression_metrics(y_va, calibration.apply(raw), bins)
    else:
        calibration = Temperature.fit(raw, y_va)
        probs = calibration.apply(raw)
        threshold = choose_threshold(any_crisis(probs), y_va != 0, cfg.sensitivity_target)
        calibrated_val = classification_metrics(y_va, probs, classes, threshold, bins,
                                                per_type=False)

    needed = ([*bases, "meta"] if chosen == STACK else [chosen])
    learners = {**fitted, "meta": meta}
    model = TargetModel(
        name=name, kind=kind, classes=list(classes), chosen=chosen, groups=bases,
        columns={g: data.columns([g]) for g in bases},
        learners={k: learners[k] for k in needed}, calibration=calibration,
        context=context if chosen == STACK else None, threshold=threshold,
        info={"train_rows": int(tr.sum()), "val_rows": int(va.sum()),
              "learners": {m: cfg.learners.get(m, "lightgbm") for m in [*bases, ALL]},
              "tuned": {m: {"params": r.params, "rounds": r.rounds} for m, r in tuning.items()},
              "selection": selection_summary(kind, candidates, chosen, bases)})
    val_frame = oof_frame(data.ids[va], data.fold[va], y_va, val_pred, classes)
    return TrainResult(
        model=model,
        oof=oof_frame(data.ids[tr], data.fold[tr], y_tr, oof, classes),
        val=val_frame, candidates=candidates, calibrated_val=calibrated_val, tuning=tuning)
