"""Optuna tunes each LightGBM model on train -> val (test is never seen here).

TPE is seeded, bad trials are pruned from LightGBM's own per-round validation score, and the
study stops early once its best value has stalled. The study lives in any SQLAlchemy storage
(SQLite by default, PostgreSQL to share one study between workers). A rerun starts the study
afresh, so the same inputs give the same trials.

`tune_shared` runs one study in several worker processes, on one machine or several sharing
the storage (`perception tune`). Parallel trials are not reproducible, so its result is not
used by training directly: the best trial goes into params.yaml (`targets.<t>.model.tuned`),
which DVC tracks, and training reads it there instead of tuning.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from multiprocessing import get_context
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
# Overrides `train.optuna.storage` for `perception tune`: a shared database's URL usually
# carries a password, which belongs in the environment, not in params.yaml.
STORAGE_ENV = "PERCEPTION_OPTUNA_STORAGE"
# The user attribute naming the worker process that ran a trial.
WORKER_ATTR = "worker"


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


def _pruner() -> optuna.pruners.BasePruner:
    # Median of earlier trials at the same round, once a few trials and rounds are in.
    return optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=20)


def study_name(target: str, model: str) -> str:
    """The training stage's study of one model. Queued experiments (`dvc queue start -j N`)
    each get their own, named after DVC_EXP_NAME, so workers sharing one database never
    replace each other's study mid-run."""
    experiment = os.environ.get("DVC_EXP_NAME")
    return f"{target}.{model}" + (f"@{experiment}" if experiment else "")


def fresh_study(name: str, storage: str, seed: int) -> optuna.Study:
    """A new study under `name`; an old one of that name is replaced, not resumed, so that a
    rerun of the same inputs replays the same trials."""
    with contextlib.suppress(KeyError):
        optuna.delete_study(study_name=name, storage=storage)
    return optuna.create_study(
        study_name=name, storage=storage, direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=seed), pruner=_pruner())


def lightgbm_objective(x_train: np.ndarray, y_train: np.ndarray, x_val: np.ndarray,
                       y_val: np.ndarray, *, kind: Kind, n_classes: int,
                       space: dict[str, SearchDim], fixed: LightGBMConfig, seed: int
                       ) -> Callable[[optuna.Trial], float]:
    """One trial: LightGBM with sampled params on train, early-stopped and pruned on val."""
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

    return objective


def summarize(study: optuna.Study, stopped_early: bool) -> TuningResult:
    """The best trial and the running best per trial, in trial order."""
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
                        stopped_early=stopped_early)


def tune_lightgbm(x_train: np.ndarray, y_train: np.ndarray, x_val: np.ndarray,
                  y_val: np.ndarray, *, kind: Kind, n_classes: int, space: dict[str, SearchDim],
                  fixed: LightGBMConfig, tuning: TuningConfig, n_trials: int, seed: int,
                  storage: str, study_name: str, progress: bool = False) -> TuningResult:
    objective = lightgbm_objective(x_train, y_train, x_val, y_val, kind=kind,
                                   n_classes=n_classes, space=space, fixed=fixed, seed=seed)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = fresh_study(study_name, storage, seed)
    stop = PlateauStop(tuning.patience, tuning.min_delta)
    study.optimize(objective, n_trials=n_trials, timeout=tuning.timeout_s, callbacks=[stop],
                   show_progress_bar=progress)
    return summarize(study, stop.stopped)


# --- one study, several worker processes (perception tune) -----------------------------------

def storage_url(configured: str) -> str:
    return os.environ.get(STORAGE_ENV) or configured


@dataclass(frozen=True)
class TuningTask:
    """Everything a worker process needs to run trials of one model's study (pickled to it)."""

    storage: str
    study_name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    kind: Kind
    n_classes: int
    space: dict[str, SearchDim]
    fixed: LightGBMConfig
    tuning: TuningConfig
    seed: int


@dataclass(frozen=True)
class SharedTuning:
    study_name: str
    result: TuningResult             # over every trial of the study, from any worker
    trials_by_worker: dict[str, int]  # trials each worker process of this run finished


def shares(n_trials: int, workers: int) -> list[int]:
    """`n_trials` split as evenly as possible over `workers`."""
    if workers < 1:
        return []
    return [n_trials // workers + (i < n_trials % workers) for i in range(workers)]


def open_studies(tasks: list[TuningTask], *, join: bool) -> None:
    """Create every study (replacing an old one of the same name) or, to join, check each
    exists. Done for all of a target's models before any worker starts, so that a machine
    joining later never races a reset."""
    for task in tasks:
        if join:
            try:
                optuna.load_study(study_name=task.study_name, storage=task.storage)
            except KeyError as exc:
                raise KeyError(f"no study {task.study_name!r} at the storage to join: start it "
                               "with `perception tune` without --join first") from exc
        else:
            fresh_study(task.study_name, task.storage, task.seed)


def run_worker(task: TuningTask, worker: str, n_trials: int) -> int:
    """A worker process: join the study and run up to `n_trials` trials (fewer on a plateau
    or at the timeout). Returns how many trials it ran."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # Each worker samples from its own random stream (seed None): workers seeded alike would
    # propose the same first points. constant_liar keeps concurrent workers off the points
    # that running trials are already trying.
    study = optuna.load_study(
        study_name=task.study_name, storage=task.storage, pruner=_pruner(),
        sampler=optuna.samplers.TPESampler(seed=None, constant_liar=True))
    objective = lightgbm_objective(task.x_train, task.y_train, task.x_val, task.y_val,
                                   kind=task.kind, n_classes=task.n_classes, space=task.space,
                                   fixed=task.fixed, seed=task.seed)

    def tagged(trial: optuna.Trial) -> float:
        trial.set_user_attr(WORKER_ATTR, worker)
        return objective(trial)

    stop = PlateauStop(task.tuning.patience, task.tuning.min_delta)
    study.optimize(tagged, n_trials=n_trials, timeout=task.tuning.timeout_s, callbacks=[stop])
    return sum(1 for t in study.get_trials(deepcopy=False)
               if t.user_attrs.get(WORKER_ATTR) == worker)


def tune_shared(tasks: dict[str, TuningTask], n_trials: dict[str, int], *, workers: int,
                join: bool = False, log: Callable[[str], None] = lambda _: None
                ) -> dict[str, SharedTuning]:
    """Tune each model's study with `workers` processes, each running its share of that
    model's `n_trials`; with `join`, add the trials to studies another machine started.
    Returns each study's best over all its trials (this run's and anyone else's)."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    open_studies(list(tasks.values()), join=join)
    # Names unique across machines and runs, so each trial's worker is known.
    prefix = f"{socket.gethostname()}-{os.getpid()}"
    names = [f"{prefix}-{i}" for i in range(workers)]
    out = {}
    # spawn: a forked child would inherit the parent's database connections and OpenMP state.
    with ProcessPoolExecutor(max_workers=max(workers, 1), mp_context=get_context("spawn")
                             ) as pool:
        for model, task in tasks.items():
            busy = [(name, n) for name, n in zip(names, shares(n_trials[model], workers),
                                                 strict=True) if n > 0]
            counts = dict(zip([name for name, _ in busy],
                              pool.map(run_worker, repeat(task), *zip(*busy, strict=True)),
                              strict=True)) if busy else {}
            study = optuna.load_study(study_name=task.study_name, storage=task.storage)
            if not study.get_trials(deepcopy=False, states=[optuna.trial.TrialState.COMPLETE]):
                raise ValueError(f"study {task.study_name!r} has no finished trial")
            ran = sum(counts.values())
            out[model] = SharedTuning(task.study_name, summarize(study, ran < n_trials[model]),
                                      counts)
            log(f"{model}: {ran} trials by {len(counts)} worker{'s' * (len(counts) != 1)} here "
                f"({', '.join(str(n) for n in counts.values()) or 'none'}); study "
                f"{task.study_name!r} has {len(study.trials)}, best val loss "
                f"{out[model].result.best_value:.4f}")
    return out
