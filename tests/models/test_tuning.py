from __future__ import annotations

import optuna
import pytest

from perception.config import LightGBMConfig, SearchDim, TuningConfig
from perception.models.tuning import PlateauStop, tune_lightgbm

from .conftest import make_data

SPACE = {"learning_rate": SearchDim(low=0.05, high=0.3, log=True),
         "num_leaves": SearchDim(low=4, high=16, integer=True)}


def _tune(storage: str, name: str, n_trials: int = 6, patience: int = 50):
    data = make_data("regression")
    tr, va = data.mask("train"), data.mask("val")
    x = data.matrix(["lexical", "embeddings"])
    return tune_lightgbm(
        x[tr], data.y[tr], x[va], data.y[va], kind="regression", n_classes=0, space=SPACE,
        fixed=LightGBMConfig(max_rounds=80, early_stopping_rounds=10, num_threads=1),
        tuning=TuningConfig(patience=patience, min_delta=0.0), n_trials=n_trials, seed=3,
        storage=storage, study_name=name)


def test_same_seed_same_trials_and_a_rerun_starts_afresh(tmp_path) -> None:
    storage = f"sqlite:///{tmp_path / 'optuna.db'}"
    first = _tune(storage, "t.lexical")
    again = _tune(storage, "t.lexical")  # same name: replaced, not resumed
    assert first.params == again.params and first.rounds == again.rounds
    assert first.history == again.history and len(first.history) == 6
    assert 1 <= first.rounds <= 80
    study = optuna.load_study(study_name="t.lexical", storage=storage)
    assert len(study.trials) == 6
    best = [h["best"] for h in first.history if h["best"] is not None]
    assert best == sorted(best, reverse=True)


def test_plateau_stops_the_study(tmp_path) -> None:
    result = _tune(f"sqlite:///{tmp_path / 'o.db'}", "p", n_trials=40, patience=3)
    assert result.stopped_early and len(result.history) < 40


def test_plateau_rule_counts_relative_improvement() -> None:
    values = iter([1.0, 0.95, 0.93, 0.5, 0.4])  # 5 % and 2 %: neither beats 10 %
    study = optuna.create_study()
    stop = PlateauStop(patience=2, min_delta=0.1)
    study.optimize(lambda _: next(values), n_trials=5, callbacks=[stop])
    assert stop.stopped and len(study.trials) == 3 and stop.best == 1.0


@pytest.mark.parametrize("bad", [{"low": 1.0, "high": 1.0}, {"low": 2.0, "high": 1.0}])
def test_search_ranges_must_be_ordered(bad) -> None:
    with pytest.raises(ValueError, match="low < high"):
        SearchDim(**bad)
