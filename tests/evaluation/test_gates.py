from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perception.cli import app
from perception.config import GateConfig, ToleranceConfig
from perception.evaluation.gates import failed_gates, judge, regressions

GATES = {
    "pearson_min": GateConfig(metric="pearson", threshold=0.8, direction="higher"),
    "fpr_max": GateConfig(metric="false_positive_rate", threshold=0.05, direction="lower"),
}


def test_judge_reports_every_gate_with_value_threshold_direction() -> None:
    out = judge({"pearson": 0.81, "false_positive_rate": 0.07}, GATES)
    assert out["pearson_min"] == {"metric": "pearson", "value": 0.81, "threshold": 0.8,
                                  "direction": "higher", "passed": True}
    assert out["fpr_max"]["passed"] is False
    # Exactly at the threshold passes; a missing metric fails.
    assert judge({"pearson": 0.8, "false_positive_rate": 0.05}, GATES)["fpr_max"]["passed"]
    assert not judge({}, GATES)["pearson_min"]["passed"]
    assert failed_gates("v", {"gates": out}) == [
        "v: gate fpr_max failed: false_positive_rate = 0.07 (must be <= 0.05)"]


def test_a_regression_counts_only_past_both_tolerances() -> None:
    tol = {"pearson": ToleranceConfig(direction="higher", abs=0.01, rel=0.02),
           "rmse": ToleranceConfig(direction="lower", abs=0.001, rel=0.05)}
    base = {"test": {"pearson": 0.85, "rmse": 0.100}}
    # 0.015 down: past abs (0.01) but within rel (2 % of 0.85 = 0.017) -> not a regression.
    assert regressions("v", {"test": {"pearson": 0.835, "rmse": 0.100}}, base, tol) == []
    # 0.02 down: past both.
    found = regressions("v", {"test": {"pearson": 0.83, "rmse": 0.100}}, base, tol)
    assert [(r.metric, r.base, r.current) for r in found] == [("pearson", 0.85, 0.83)]
    # rmse up by 0.006: past abs and past 5 % of 0.1 -> regression; improving never is.
    assert [r.metric for r in regressions("v", {"test": {"pearson": 0.9, "rmse": 0.106}},
                                          base, tol)] == ["rmse"]
    assert regressions("v", {"test": {"pearson": 0.99, "rmse": 0.01}}, base, tol) == []


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo,
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    params = {
        "ingest": {"sources": [{"name": "s", "path": "data/raw/s.jsonl"}]},
        "targets": {"valence": {
            "label": {"column": "valence", "kind": "regression"},
            "gates": {"pearson_min": {"metric": "pearson", "threshold": 0.8,
                                      "direction": "higher"}},
            "tolerances": {"pearson": {"direction": "higher", "abs": 0.01, "rel": 0.01}}}},
    }
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    _git(tmp_path, "init", "-q")
    return tmp_path


def _write_metrics(repo: Path, pearson: float) -> None:
    gate = judge({"pearson": pearson}, GATES)["pearson_min"]
    metrics = {"test": {"pearson": pearson}, "gates": {"pearson_min": gate},
               "accepted": gate["passed"]}
    (repo / "metrics").mkdir(exist_ok=True)
    (repo / "metrics/valence.json").write_text(json.dumps(metrics))


def _gates(repo: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(app, ["gates", *args])
    finally:
        os.chdir(cwd)


def test_gates_cli_fails_on_a_gate_and_on_a_regression_against_a_revision(repo: Path) -> None:
    _write_metrics(repo, 0.90)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    assert _gates(repo).exit_code == 0

    _write_metrics(repo, 0.895)  # within tolerance of the base
    result = _gates(repo, "--against", "HEAD")
    assert result.exit_code == 0, result.output

    _write_metrics(repo, 0.85)   # passes the 0.8 gate but regressed from 0.90
    assert _gates(repo).exit_code == 0
    result = _gates(repo, "--against", "HEAD")
    assert result.exit_code == 1 and "valence: pearson regressed 0.9 -> 0.85" in result.output

    _write_metrics(repo, 0.70)   # fails the gate itself
    result = _gates(repo)
    assert result.exit_code == 1 and "gate pearson_min failed" in result.output


def test_a_star_path_gates_every_slice_on_its_worst() -> None:
    metrics = {"sensitivity": 0.96,
               "slices": {"lang": {"en": {"sensitivity": 0.97}, "hinglish": {"sensitivity": 0.88},
                                   "tiny": {"n": 4}}},
               "per_type": {"panic": {"recall": 0.9}, "psychotic": {"recall": 0.86}}}
    gates = {
        "lang": GateConfig(metric="slices.lang.*.sensitivity", threshold=0.9, direction="higher"),
        "types": GateConfig(metric="per_type.*.recall", threshold=0.85, direction="higher"),
        "none": GateConfig(metric="slices.length.*.sensitivity", threshold=0.9,
                           direction="higher"),
    }
    out = judge(metrics, gates)
    assert out["lang"] == {"metric": "slices.lang.*.sensitivity", "value": 0.88,
                           "threshold": 0.9, "direction": "higher", "passed": False,
                           "worst": "slices.lang.hinglish.sensitivity", "checked": 2}
    assert out["types"]["passed"] and out["types"]["worst"] == "per_type.psychotic.recall"
    # A path that matches nothing fails rather than passing vacuously.
    assert out["none"]["passed"] is False and out["none"]["checked"] == 0
