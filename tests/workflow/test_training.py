"""End-to-end: train and evaluate every target through the real DVC pipeline, on the session's
trained tiny copy (tests/workflow/conftest.py: built once, read only here) and, for what
changes a workspace, on a clone of it sharing its cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import SHARED_TARGETS as TARGETS
from .conftest import clone_trained
from .dvc_repo import env, git, output, ran_stages, read_params, run, write_params

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def repo(trained_repo: Path) -> Path:
    """The shared trained copy (a regression and a multiclass target); read only here."""
    return trained_repo


@pytest.fixture(scope="module")
def clone(trained_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clone_trained(trained_repo, tmp_path_factory.mktemp("training") / "repo")


def metrics(repo: Path, target: str) -> dict:
    return json.loads((repo / f"metrics/{target}.json").read_text())


def test_every_target_is_trained_evaluated_and_gated(repo: Path) -> None:
    for target in TARGETS:
        m = metrics(repo, target)
        assert m["target"] == target and set(m["gates"]) and "accepted" in m
        for gate in m["gates"].values():
            assert {"metric", "value", "threshold", "direction", "passed"} <= set(gate)
            # A `*` path names the slice or class it was judged on.
            assert ("worst" in gate) == ("*" in gate["metric"])
        assert m["accepted"] == all(g["passed"] for g in m["gates"].values())
        assert set(m["slices"]) == {"length_bucket", "lang", "source"}
        model = json.loads((repo / f"models/{target}/model.json").read_text())
        assert model["chosen"] in {"stack", "blend", "all", "lexical", "embeddings", "temporal",
                                   "finetuned", "sentences"}
        live = json.loads((repo / f"metrics/train/{target}/metrics.json").read_text())
        assert any(k.startswith("val.candidates.stack.") for k in live)
        assert any(k.startswith("val.chosen.") for k in live)
        assert (repo / f"plots/{target}/test/reliability.png").stat().st_size > 1000
        assert json.loads((repo / f"plots/{target}/train/optuna_lexical.json").read_text())
    assert 0.0 <= metrics(repo, "valence")["test"]["pearson"] <= 1.0
    crisis = metrics(repo, "crisis")["test"]
    assert {"sensitivity", "false_positive_rate", "macro_f1", "mcc", "per_type"} <= set(crisis)


def test_gates_command_agrees_with_accepted(repo: Path) -> None:
    accepted = all(metrics(repo, t)["accepted"] for t in TARGETS)
    proc = run(["perception", "gates"], repo, check=False)
    assert (proc.returncode == 0) == accepted, proc.stderr
    # Against the same revision nothing regressed; only the gates themselves can fail.
    proc = run(["perception", "gates", "--against", "HEAD"], repo, check=False)
    assert "regressed" not in proc.stderr


def test_metrics_and_plots_work_without_a_pull(repo: Path, tmp_path: Path) -> None:
    shown = run(["dvc", "metrics", "show", "--json"], repo).stdout
    assert "metrics/valence.json" in shown and "metrics/train/crisis/metrics.json" in shown
    run(["dvc", "plots", "show", "-o", str(tmp_path / "dvc_plots")], repo)
    html = (tmp_path / "dvc_plots/index.html").read_text()
    # Declared by each target's own stages (stage-level plots), not by target name.
    for target in TARGETS:
        assert f"plots/{target}/test/reliability.png" in html
        assert f"plots/{target}/train/optuna_lexical.json" in html
    assert "plots/crisis/test/confusion.png" in html
    assert "plots/valence/test/predicted_vs_actual.png" in html


def test_mlflow_logged_every_run_and_registered_only_accepted_models(repo: Path) -> None:
    os.environ["MLFLOW_TRACKING_URI"] = env(repo)["MLFLOW_TRACKING_URI"]
    try:
        import mlflow

        client = mlflow.MlflowClient()
        runs = mlflow.search_runs(experiment_names=["perception"], output_format="list")
        by_target = {r.data.tags["perception.target"]: r for r in runs}
        assert set(by_target) == set(TARGETS)
        for target, run_ in by_target.items():
            assert run_.data.tags["git_commit"] and "perception.model_digest" in run_.data.tags
            assert any(k.startswith("val.") for k in run_.data.metrics)
            assert any(k.startswith("test.") for k in run_.data.metrics)
            registered = client.search_model_versions(f"name='perception-{target}'")
            assert bool(registered) == metrics(repo, target)["accepted"], target
    finally:
        os.environ.pop("MLFLOW_TRACKING_URI", None)


# The one "second repro is a no-op" check of the suite (test_remote checks it after a pull).
def test_second_repro_is_a_no_op_and_retraining_is_byte_identical(clone: Path) -> None:
    repo = clone
    assert ran_stages(output(["dvc", "repro"], repo)) == set()
    run(["dvc", "repro", "-f", "-s", "train@valence"], repo)
    assert git(repo, "status", "--porcelain", "dvc.lock", "metrics", "plots") == ""


def test_a_targets_params_rerun_only_that_target(clone: Path) -> None:
    repo = clone
    params = read_params(repo)
    # Without the confidence margin (tiny val has too few crises for its bound to reach any
    # target, so every margin gives the same catch-all threshold), a lower target moves it.
    params["targets"]["crisis"]["model"]["sensitivity_target"] = 0.9
    params["targets"]["crisis"]["model"]["sensitivity_confidence"] = 0.0
    write_params(repo, params)
    # The bundle reruns after any target: it carries every target's export.
    assert ran_stages(output(["dvc", "repro"], repo)) == {"train@crisis", "evaluate@crisis",
                                                          "export@crisis", "bundle"}
    params["targets"]["valence"]["gates"]["pearson_min"]["threshold"] = 0.5
    write_params(repo, params)
    assert ran_stages(output(["dvc", "repro"], repo)) == {"evaluate@valence", "export@valence",
                                                          "bundle"}
    assert metrics(repo, "valence")["gates"]["pearson_min"]["threshold"] == 0.5
