"""Train one target: tune, fit the bases out-of-fold, stack, pick on val, calibrate on val.

Only train and val rows are read here; test is left to evaluation.

A feature group in FITTED_GROUPS (the fine-tuned encoder's embeddings) was itself fitted on
the train labels: a train row's features already encode its own label, so an out-of-fold
prediction from them is not out of sample. Such groups therefore stay out of the OOF stack
and the all-features model; they enter through the *blend*, a meta-model fitted on val
predictions (cross-fitted within val, so its own val score is out of sample too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from perception.config import ModelConfig, TargetConfig, TrainConfig
from perception.evaluation.metrics import (
    classification_metrics,
    probability_metrics,
    regression_metrics,
)
from perception.models.calibration import IsotonicTable, Temperature
from perception.models.dataset import TargetData, TargetDataError
from perception.models.decision import (
    event_probability,
    level_thresholds,
    row_thresholds,
    sensitivity_targets,
    threshold_for,
)
from perception.models.learners import Learner, LightGBMLearner, LinearLearner, lightgbm_params
from perception.models.stacking import (
    ContextEncoder,
    crossfit_predict,
    meta_matrix,
    oof_frame,
    oof_predict,
)
from perception.models.target_model import ALL, BLEND, STACK, TargetModel
from perception.models.tuning import TuningResult, study_name, tune_lightgbm

# How candidates are compared on val: the gate metric for regression (calibration fixes the
# scale afterwards, not the ranking); for classes the log loss, a proper score that also
# rewards the probabilities the event threshold is set on.
SELECTION = {"regression": ("pearson", "higher"), "multiclass": ("log_loss", "lower")}
# Feature groups fitted on the train labels themselves (see the module docstring).
FITTED_GROUPS = frozenset({"finetuned", "sentences"})
# Folds of the blend's cross-fitting within val.
BLEND_FOLDS = 5


def stacked_groups(groups: list[str]) -> list[str]:
    """The groups whose train-row features are label-free: the OOF stack and the
    all-features model read only these."""
    return [g for g in groups if g not in FITTED_GROUPS]


def lightgbm_models(cfg: ModelConfig, groups: list[str]) -> dict[str, list[str]]:
    """The models train tunes (LightGBM learners), each with the feature groups it reads."""
    stacked = stacked_groups(groups)
    return {m: stacked if m == ALL else [m] for m in [*groups, ALL]
            if cfg.learners.get(m, "lightgbm") == "lightgbm"}


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
    bases = target.groups(train)
    stacked = stacked_groups(bases)
    if not stacked:
        raise TargetDataError(f"target {name!r}: train.groups needs a group besides "
                              f"{sorted(FITTED_GROUPS)} to stack on")
    tuning: dict[str, TuningResult] = {}
    chosen_params: dict[str, dict[str, Any]] = {}   # every LightGBM model, tuned or fixed
    oof: dict[str, np.ndarray] = {}
    fitted: dict[str, Learner] = {}
    val_pred: dict[str, np.ndarray] = {}

    for model in [*bases, ALL]:
        groups = stacked if model == ALL else [model]
        x = data.matrix(groups)
        make: Callable[[], Learner]
        if cfg.learners.get(model, "lightgbm") == "lightgbm":
            if model in cfg.tuned:
                # `perception tune` fixed them in params.yaml: no study, nothing to replay.
                best, rounds = dict(cfg.tuned[model].params), cfg.tuned[model].rounds
                log(f"{name}/{model}: params from targets.{name}.model.tuned, {rounds} rounds")
            else:
                result = tune_lightgbm(
                    x[tr], y_tr, x[va], y_va, kind=kind, n_classes=n_classes, space=cfg.search,
                    fixed=cfg.lightgbm, tuning=cfg.tuning,
                    n_trials=cfg.tuning.n_trials.get(model, 1), seed=train.seed,
                    storage=train.optuna.storage, study_name=study_name(name, model),
                    progress=progress)
                tuning[model] = result
                best, rounds = result.params, result.rounds
                log(f"{name}/{model}: {len(result.history)} trials, best val loss "
                    f"{result.best_value:.4f} at {result.rounds} rounds")
            chosen_params[model] = {"params": best, "rounds": rounds}
            params = lightgbm_params(kind, n_classes, best, train.seed,
                                     cfg.lightgbm.num_threads, cfg.lightgbm.max_bin)

            def make(params: dict[str, Any] = params, rounds: int = rounds) -> Learner:
                return LightGBMLearner(params, rounds)
        else:
            def make() -> Learner:
                return LinearLearner(kind, cfg.linear_alpha, n_classes)
        if model in stacked:
            oof[model] = oof_predict(make, x[tr], y_tr, data.fold[tr])
        fitted[model] = make().fit(x[tr], y_tr)
        val_pred[model] = fitted[model].predict(x[va])

    context = ContextEncoder.fit(data.context[tr])
    meta = LinearLearner(kind, cfg.meta_alpha, n_classes).fit(
        meta_matrix(kind, [oof[b] for b in stacked], context.transform(data.context[tr])), y_tr)
    val_pred[STACK] = meta.predict(
        meta_matrix(kind, [val_pred[b] for b in stacked], context.transform(data.context[va])))
    blend: LinearLearner | None = None
    if len(stacked) < len(bases):
        # The blend learns on val how much to trust each model, label-fitted groups included;
        # each val row's blend prediction comes from a blend fitted on the other val folds.
        blend_x = meta_matrix(kind, [val_pred[m] for m in [*bases, ALL]],
                              context.transform(data.context[va]))

        def make_blend() -> LinearLearner:
            return LinearLearner(kind, cfg.blend_alpha or cfg.meta_alpha, n_classes)

        val_pred[BLEND] = crossfit_predict(make_blend, blend_x, y_va, BLEND_FOLDS, train.seed,
                                           stratify=kind != "regression")
        blend = make_blend().fit(blend_x, y_va)

    bins = cfg.calibration_bins
    candidates = {m: _score(kind, y_va, p, classes, bins) for m, p in val_pred.items()}
    chosen = select(kind, candidates, cfg.selection)
    log(f"{name}: chose {chosen!r} on val")

    raw = val_pred[chosen]
    threshold, bound = None, None
    threshold_by: dict[str, dict[str, float]] | None = None
    if kind == "regression":
        calibration: IsotonicTable | Temperature = IsotonicTable.fit(raw, y_va)
        calibrated_val = regression_metrics(y_va, calibration.apply(raw), bins)
    else:
        calibration = Temperature.fit(raw, y_va)
        probs = calibration.apply(raw)
        by_slice = cfg.slice_sensitivity
        slices = ({c: data.slices[c].to_numpy()[va] for c in by_slice.slices}
                  if by_slice else None)
        scores = event_probability(probs)
        if cfg.threshold_by is None:
            threshold, bound = threshold_for(
                cfg.decision, scores, y_va != 0, cfg.sensitivity_target,
                cfg.sensitivity_confidence, slices=slices,
                slice_sensitivity=by_slice.target if by_slice else None)
            log(f"{name}: threshold {threshold:.4f} on val, set by {bound}")
        else:
            levels = level_thresholds(
                scores, y_va != 0, data.slices[cfg.threshold_by].to_numpy()[va],
                sensitivity_targets(int(va.sum()), cfg.sensitivity_target, slices,
                                    by_slice.target if by_slice else None),
                cfg.sensitivity_confidence)
            threshold_by = {cfg.threshold_by: levels}
            # A level without a threshold of its own is judged at the lowest.
            threshold, bound = min(levels.values()), f"per {cfg.threshold_by}"
            log(f"{name}: thresholds on val per {cfg.threshold_by}: "
                + ", ".join(f"{k} {v:.4f}" for k, v in levels.items()))
        calibrated_val = classification_metrics(
            y_va, probs, classes,
            row_thresholds(threshold, threshold_by, data.slices[va], int(va.sum())), bins,
            per_type=False)

    learners: dict[str, Learner] = {**fitted, "meta": meta}
    if blend is not None:
        learners[BLEND] = blend
    model = TargetModel(
        name=name, kind=kind, classes=list(classes), chosen=chosen, groups=bases,
        stacked=stacked, columns={g: data.columns([g]) for g in bases},
        learners=learners, calibration=calibration, context=context, threshold=threshold,
        threshold_by=threshold_by,
        info={"train_rows": int(tr.sum()), "val_rows": int(va.sum()),
              "learners": {m: cfg.learners.get(m, "lightgbm") for m in [*bases, ALL]},
              "tuned": chosen_params,
              **({"threshold_set_by": bound} if bound else {}),
              "fitted_groups": [g for g in bases if g not in stacked],
              "selection": selection_summary(kind, candidates, chosen, bases)})
    val_frame = oof_frame(data.ids[va], data.fold[va], y_va, val_pred, classes)
    return TrainResult(
        model=model,
        oof=oof_frame(data.ids[tr], data.fold[tr], y_tr, oof, classes),
        val=val_frame, candidates=candidates, calibrated_val=calibrated_val, tuning=tuning)
