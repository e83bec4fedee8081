"""`perception report` on metrics committed in a throwaway git+DVC copy of the repository:
synthetic metrics files, no DAG run, and the real `dvc metrics diff` / `dvc params diff`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from perception.config import TargetConfig, load_params
from perception.evaluation.gates import judge

from .dvc_repo import copy_repo, git, read_params, run, write_params

# Not in `make test-fast`: real git and DVC commands in a copy of the repository.
pytestmark = pytest.mark.slow


def _metrics(config: TargetConfig, **test: float) -> dict:
    gates = judge(test, config.gates)
    return {"test": test, "gates": gates, "accepted": all(g["passed"] for g in gates.values())}


def _write(repo: Path, target: str, metrics: dict) -> None:
    (repo / "metrics").mkdir(exist_ok=True)
    (repo / f"metrics/{target}.json").write_text(json.dumps(metrics, indent=2))


def _table_row(text: str, section: str, metric: str) -> list[str]:
    """The cells of `metric`'s row in the metrics table under `## section`."""
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == metric and len(cells) == 6:
            return cells
    raise AssertionError(f"no row {metric!r} under {section}:\n{body}")


def test_report_command_on_metrics_committed_in_git(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    # Through the one reader of params.yaml: it merges model_defaults into each target.
    targets = dict(load_params(repo / "params.yaml").targets)
    # Review mechanics on headline figures: the crisis gates on slices, types and probes
    # need figures this hand-written metrics file does not carry.
    crisis = targets["crisis"]
    targets["crisis"] = crisis.model_copy(update={"gates": {
        k: g for k, g in crisis.gates.items() if "." not in g.metric}})
    values = {"valence": {"pearson": 0.90, "rmse": 0.100, "ece": 0.010},
              "arousal": {"pearson": 0.75, "rmse": 0.090, "ece": 0.010},
              "crisis": {"sensitivity": 0.96, "false_positive_rate": 0.03, "macro_f1": 0.90}}
    for name, test in values.items():
        _write(repo, name, _metrics(targets[name], **test))
    (repo / "plots/valence/test").mkdir(parents=True)
    (repo / "plots/valence/test/roc.png").write_bytes(b"\x89PNG")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "metrics")

    # valence: pearson down past tolerance, rmse better; arousal: pearson slightly worse.
    _write(repo, "valence", _metrics(targets["valence"], pearson=0.86, rmse=0.090, ece=0.010))
    _write(repo, "arousal", _metrics(targets["arousal"], pearson=0.745, rmse=0.090, ece=0.010))
    params = read_params(repo)
    params["targets"]["arousal"]["gates"]["pearson_min"]["threshold"] = 0.72
    write_params(repo, params)

    proc = run(["perception", "report", "--base", "HEAD", "--out", "review/report.md"], repo)
    text = (repo / "review/report.md").read_text()
    assert _table_row(text, "valence", "pearson") == [
        "pearson", "0.9", "0.86", "-0.04", "higher", "**worse, past tolerance**"]
    assert _table_row(text, "valence", "rmse") == [
        "rmse", "0.1", "0.09", "-0.01", "lower", "better"]
    assert _table_row(text, "arousal", "pearson")[-1] == "worse (within tolerance)"
    assert _table_row(text, "crisis", "sensitivity")[-1] == "unchanged"
    assert "| targets.arousal.gates.pearson_min.threshold | 0.7 | 0.72 |" in text
    assert "![test/roc](../plots/valence/test/roc.png)" in text
    assert "report: 3 targets against HEAD" in proc.stderr

    # The report's problems are the gate command's failures, line for line.
    gates = run(["perception", "gates", "--against", "HEAD"], repo, check=False)
    assert gates.returncode == 1
    problems = re.findall(r"^- (.*)$", text, flags=re.MULTILINE)
    assert problems == ["valence: pearson regressed 0.9 -> 0.86 (higher is better)"]
    assert gates.stderr.splitlines() == problems

    # A base that does not exist is an error, not an empty comparison.
    bad = run(["perception", "report", "--base", "no-such-rev"], repo, check=False)
    assert bad.returncode == 1 and "no-such-rev" in bad.stderr and not bad.stdout
