"""Optuna tunes each LightGBM model on train -> val (test is never seen here).

TPE is seeded, bad trials are pruned from LightGBM's own per-round validation score, and the
study stops early once its best value has stalled. The study lives in any SQLAlchemy storage
(SQLite by default, PostgreSQL to share one study between workers). A rerun starts the study
afresh, so the same inputs give the same trials.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import optuna
from optuna_integration import LightGBMPruningCallback

from perception.config import LightGBMConfig, SearchDim, TuningConfig
from perception.models.learners import Kind, lightgbm_params

# Each report is a write to the study's storage: every round made a SQLite study 20-50x slower
# than an in-memory one (benchmarks/real_data.py); every 10th round keeps pruning timely.
REPORT_EVERY = 10


@dataclass(frozen=True)
class TuningResult:
    params: dict[str, Any]          # the best trial's sampled hyperparameters
    rounds: int                     # boosting rounds at the best trial's early stop
    best_value: float               # its validation loss (rmse / multi_logloss)
    history: list[dict[str, Any]]   # one row per trial: number, state, value, best so far
    stopped_early: bool


class PlateauStop:
    """Stop the study when the best value has not improved by `min_delta` (relative) within
    the last `patience` finished trials. Optuna has no built-in for this."""

    def __init__(self, patience: int, min_delta: float) -> None:
        self.patience, self.min_delta = patience, min_delta
        self.best: float | None = None
        self.since = 0
        self.stopped = False

    def __call__(self, study: optuna.Study, trial: optuna.trial.FrozenTrial) -> None:
        if trial.state == optuna.trial.TrialState.COMPLETE and trial.value is not None and (
                self.best is None
                or trial.value < self.best - self.min_delta * abs(self.best)):
            self.best, self.since = trial.value, 0
        else:
            self.since += 1
        if self.since >= self.patience:
            self.stopped = True
            study.stop()


def sample(trial: optuna.Trial, space: dict[str, SearchDim]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, dim in sorted(space.items()):
        if dim.integer:
            params[name] = trial.suggest_int(name, int(dim.low), int(dim.high), log=dim.log)
        else:
            params[name] = trial.suggest_float(name, dim.low, dim.high, log=dim.log)
    return params


def fresh_study(name: str, storage: str, seed: int) -> optuna.Study:
    """A new study under `name`; an old one of that name is replaced, not resumed, so that a
    rerun of the same inputs replays the same trials."""
    with contextlib.suppress(KeyError):
        optuna.delete_study(study_name=name, storage=storage)
    return optuna.create_study(
        study_name=name, storage=storage, direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=seed),
        # Median of earlier trials at the same round, once a few trials and rounds are in.
        pruner=optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=20))


def tune_lightgbm(x_train: np.ndarray, y_train: np.ndarray, x_val: np.ndarray,
                  y_val: np.ndarray, *, kind: Kind, n_classes: int, space: dict[str, SearchDim],
                  fixed: LightGBMConfig, tuning: TuningConfig, n_trials: int, seed: int,
                  storage: str, study_name: str, progress: bool = False) -> TuningResult:
    # One binned Dataset serves every trial; pre-filtering would fix min_data_in_leaf to the
    # first trial's value.
    train = lgb.Dataset(x_train, label=y_train.astype(np.float64), free_raw_data=False,
                        params={"feature_pre_filter": False, "max_bin": fixed.max_bin})
    val = lgb.Dataset(x_val, label=y_val.astype(np.float64), reference=train,
                      free_raw_data=False,
                      params={"feature_pre_filter": False, "max_bin": fixed.max_bin})
    metric = "rmse" if kind == "regression" else "multi_logloss"

    def objective(trial: optuna.Trial) -> float:
        params = lightgbm_params(kind, n_classes, sample(trial, space), seed, fixed.num_threads,
                                 fixed.max_bin)
        booster = lgb.train(
            params, train, num_boost_round=fixed.max_rounds, valid_sets=[val],
            valid_names=["val"],
            callbacks=[lgb.early_stopping(fixed.early_stopping_rounds, verbose=False),
                       LightGBMPruningCallback(trial, metric, valid_name="val",
                                               report_interval=REPORT_EVERY)])
        trial.set_user_attr("rounds", int(booster.best_iteration or booster.current_iteration()))
        return float(booster.best_score["val"][metric])

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = fresh_study(study_name, storage, seed)
    stop = PlateauStop(tuning.patience, tuning.min_delta)
    study.optimize(objective, n_trials=n_trials, timeout=tuning.timeout_s, callbacks=[stop],
                   show_progress_bar=progress)
    best = study.best_trial
    history, running = [], float("inf")
    for t in study.trials:
        if t.state == optuna.trial.TrialState.COMPLETE and t.value is not None:
            running = min(running, t.value)
        history.append({"trial": t.number, "state": t.state.name.lower(),
                        "value": None if t.value is None else round(t.value, 6),
                        "best": None if running == float("inf") else round(running, 6)})
    return TuningResult(params=dict(best.params), rounds=int(best.user_attrs["rounds"]),
                        best_value=float(best.value), history=history,
                        stopped_early=stop.stopped)
