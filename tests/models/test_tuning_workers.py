"""`perception tune`: worker processes share one Optuna study per model, and training then
uses the study's best params from params.yaml instead of tuning."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import optuna
import pandas as pd
import pytest
import yaml

from perception import artifacts
from perception.config import ConfigError, load_params, write_tuned
from perception.models.dataset import TargetData, target_data
from perception.models.train import train_target
from perception.models.tuning import WORKER_ATTR, TuningTask, open_studies, shares

from .conftest import make_data, target_config

# Not in `make test-fast`: a throwaway PostgreSQL server and worker processes.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("n", "workers", "expected"), [
    (6, 2, [3, 3]), (7, 2, [4, 3]), (1, 3, [1, 0, 0]), (5, 0, [])])
def test_trials_are_shared_out_evenly(n: int, workers: int, expected: list[int]) -> None:
    assert shares(n, workers) == expected


def test_joining_a_study_nobody_started_fails_instead_of_creating_it(tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'o.db'}"
    data = make_data("regression", n=60)
    cfg = target_config("regression")
    task = TuningTask(storage=storage, study_name="v.lexical.shared", x_train=data.y[:, None],
                      y_train=data.y, x_val=data.y[:, None], y_val=data.y, kind="regression",
                      n_classes=0, space=cfg.model.search, fixed=cfg.model.lightgbm,
                      tuning=cfg.model.tuning, seed=1)
    with pytest.raises(KeyError, match="without --join first"):
        open_studies([task], join=True)
    assert optuna.get_all_study_names(storage) == []
    open_studies([task], join=False)
    open_studies([task], join=True)
    assert optuna.get_all_study_names(storage) == ["v.lexical.shared"]


TUNED = {"lexical": {"params": {"learning_rate": 0.0712345678901, "num_leaves": 9},
                     "rounds": 17, "study": "toy.lexical.shared", "trials": 6, "value": 0.2}}


def test_training_uses_tuned_params_and_runs_no_study(train_config, tmp_path: Path) -> None:
    result = train_target("toy", make_data("regression"),
                          target_config("regression", tuned=TUNED), train_config)
    assert result.model.info["tuned"]["lexical"] == {"params": TUNED["lexical"]["params"],
                                                     "rounds": 17}
    learner = result.model.learners["lexical"]
    assert learner.params["learning_rate"] == 0.0712345678901 and learner.rounds == 17
    # Only the untuned models had studies.
    assert "lexical" not in result.tuning and set(result.tuning) == {"temporal", "all"}
    assert "toy.lexical" not in optuna.get_all_study_names(train_config.optuna.storage)


def test_write_tuned_edits_that_block_alone_and_keeps_comments(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    original = (REPO / "params.yaml").read_text(encoding="utf-8")
    params.write_text(original, encoding="utf-8")
    tuned = {"lexical": {"params": {"feature_fraction": 0.5, "lambda_l2": 0.1,
                                    "learning_rate": 0.05, "min_data_in_leaf": 10,
                                    "num_leaves": 15}, "rounds": 40}}
    # crisis writes its own `model` block (valence's `model: {}`: test_model_defaults.py).
    write_tuned(params, "crisis", tuned)
    tuned["lexical"]["rounds"] = 41
    write_tuned(params, "crisis", tuned)      # replaced, not added twice
    text = params.read_text(encoding="utf-8")
    assert len(re.findall(r"^ +tuned:", text, flags=re.MULTILINE)) == 1
    # Every original line is still there, in order: only lines were added.
    added = text.splitlines()
    for line in original.splitlines():
        added.remove(line)
    assert added[0].strip().startswith("tuned:") and len(added) == 9
    assert load_params(params).targets["crisis"].model.tuned["lexical"].rounds == 41
    # Params over another search space are refused, and the file is left as it was.
    with pytest.raises(ConfigError, match="do not match the search space"):
        write_tuned(params, "valence", {"all": {"params": {"num_leaves": 3}, "rounds": 5}})
    assert params.read_text(encoding="utf-8") == text


def _inputs(root: Path, storage: str) -> TargetData:
    """A repository-shaped folder: params.yaml plus the clean, splits and feature tables of a
    learnable toy target, so `perception tune` runs without the DAG."""
    data = make_data("regression", n=500)
    raw = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))
    valence = raw["targets"]["valence"]
    valence["model"] = {"tuning": {"n_trials": {"lexical": 4, "all": 4}, "patience": 50},
                        "lightgbm": {"max_rounds": 60, "early_stopping_rounds": 10}}
    raw["targets"] = {"valence": valence}
    raw["train"].update({"groups": ["lexical", "embeddings"],
                         "optuna": {"storage": storage}})
    (root / "params.yaml").write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    paths = load_params(root / "params.yaml").paths
    ids = data.ids
    artifacts.write_parquet(root / paths.clean, data.slices.assign(id=ids, valence=data.y))
    artifacts.write_parquet(root / paths.splits, pd.DataFrame(
        {"id": ids, "split": data.split, "fold": data.fold}))
    for group in ("lexical", "embeddings"):
        artifacts.write_parquet(root / paths.feature_table(group),
                                data.groups[group].assign(id=ids))
    return data


def _tune(root: Path, storage: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PERCEPTION_OPTUNA_STORAGE": storage,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["perception", "tune", "valence", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_two_workers_share_one_study_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    # params.yaml names a local SQLite file; the environment points every worker at
    # PostgreSQL instead, as on a team's machines.
    local = f"sqlite:///{tmp_path / 'optuna.db'}"
    _inputs(tmp_path, local)
    proc = _tune(tmp_path, postgres_url, "--workers", "2", "--trials", "6")
    assert "lexical: 6 trials by 2 workers here (3, 3)" in proc.stderr

    study = optuna.load_study(study_name="valence.lexical.shared", storage=postgres_url)
    workers = [t.user_attrs[WORKER_ATTR] for t in study.trials]
    assert len(set(workers)) == 2
    assert len(study.trials) == sum(workers.count(w) for w in set(workers)) == 6
    assert sorted(t.number for t in study.trials) == list(range(6))
    assert not (tmp_path / "optuna.db").exists()

    loaded = load_params(tmp_path / "params.yaml")
    tuned = loaded.targets["valence"].model.tuned
    assert set(tuned) == {"lexical", "all"}
    assert tuned["lexical"].params == study.best_params
    assert tuned["lexical"].rounds == study.best_trial.user_attrs["rounds"]
    assert tuned["lexical"].trials == 6

    # Another machine joins with one more worker: the same study grows.
    written = (tmp_path / "params.yaml").read_text(encoding="utf-8")
    _tune(tmp_path, postgres_url, "--workers", "1", "--trials", "2", "--join", "--model",
          "lexical", "--no-write")
    study = optuna.load_study(study_name="valence.lexical.shared", storage=postgres_url)
    assert len(study.trials) == 8 and len({t.number for t in study.trials}) == 8
    assert len({t.user_attrs[WORKER_ATTR] for t in study.trials}) == 3
    assert (tmp_path / "params.yaml").read_text(encoding="utf-8") == written
    # Then no worker at all: the best of every machine's trials goes to params.yaml.
    _tune(tmp_path, postgres_url, "--workers", "0", "--join", "--model", "lexical")
    assert len(optuna.load_study(study_name="valence.lexical.shared",
                                 storage=postgres_url).trials) == 8
    loaded = load_params(tmp_path / "params.yaml")
    tuned = loaded.targets["valence"].model.tuned
    assert tuned["lexical"].params == study.best_params and tuned["lexical"].trials == 8

    # Training (what `perception train valence` runs) takes exactly those params.
    cfg = loaded.targets["valence"]
    paths = loaded.paths
    data = target_data("valence", cfg, artifacts.read_parquet(tmp_path / paths.clean),
                       artifacts.read_parquet(tmp_path / paths.splits),
                       {g: artifacts.read_parquet(tmp_path / paths.feature_table(g))
                        for g in loaded.train.groups}, loaded.train.context)
    result = train_target("valence", data, cfg, loaded.train)
    for model in ("lexical", "all"):
        assert result.model.info["tuned"][model] == {"params": tuned[model].params,
                                                     "rounds": tuned[model].rounds}
        assert result.model.learners[model].rounds == tuned[model].rounds
    assert result.tuning == {} and not (tmp_path / "optuna.db").exists()
