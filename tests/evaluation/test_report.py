"""The review report: rows judged by each metric's direction, problems that agree with
`perception gates`, links to the plots. The command itself: tests/workflow/test_review.py."""

from __future__ import annotations

import pytest

from perception.config import TargetConfig
from perception.evaluation.gates import judge
from perception.evaluation.report import (
    MetricRow,
    Report,
    metric_rows,
    param_rows,
    plot_link,
    render,
    target_report,
)

VALENCE = TargetConfig.model_validate({
    "label": {"column": "valence", "kind": "regression"},
    "gates": {"pearson_min": {"metric": "pearson", "threshold": 0.8, "direction": "higher"}},
    "tolerances": {"pearson": {"direction": "higher", "abs": 0.01, "rel": 0.01},
                   "rmse": {"direction": "lower", "abs": 0.005, "rel": 0.03}},
})


def _metrics(config: TargetConfig, **test: float) -> dict:
    gates = judge(test, config.gates)
    return {"test": test, "gates": gates, "accepted": all(g["passed"] for g in gates.values())}


def _diff(base: dict, current: dict) -> dict:
    """What `dvc metrics diff --all --json` gives for one file (numbers only, dotted)."""
    keys = set(base["test"]) | set(current["test"])
    return {f"test.{k}": {"old": base["test"].get(k), "new": current["test"].get(k)}
            for k in keys}


def test_rows_are_judged_by_each_metric_direction_and_tolerance() -> None:
    base = _metrics(VALENCE, pearson=0.90, rmse=0.100, mae=0.08, n=800, ece=0.01)
    now = _metrics(VALENCE, pearson=0.85, rmse=0.096, mae=0.07, n=800, spearman=0.8)
    rows = {r.metric: r for r in metric_rows("valence", VALENCE, _diff(base, now), now, base)}
    # pearson fell 0.05: past both tolerances, the same call `perception gates` makes.
    assert rows["pearson"].verdict == "regression" and rows["pearson"].delta == -0.05
    # rmse fell: lower is better.
    assert rows["rmse"].verdict == "better" and rows["rmse"].direction == "lower"
    # Neither tolerance nor gate says which way mae should go: changed, not judged.
    assert rows["mae"].verdict == "changed" and rows["mae"].direction is None
    assert rows["n"].verdict == "unchanged"
    assert rows["spearman"].verdict == "new" and rows["ece"].verdict == "removed"
    # Judged metrics first.
    assert [r.metric for r in metric_rows("valence", VALENCE, _diff(base, now), now, base)][:2] \
        == ["pearson", "rmse"]


def test_worse_within_tolerance_is_worse_but_not_a_problem() -> None:
    assert MetricRow("pearson", 0.90, 0.895, "higher").verdict == "worse"
    assert MetricRow("rmse", 0.10, 0.11, "lower").verdict == "worse"
    assert MetricRow("rmse", 0.10, 0.09, "lower").verdict == "better"
    base = _metrics(VALENCE, pearson=0.90)
    now = _metrics(VALENCE, pearson=0.895)
    section = target_report("valence", VALENCE, "metrics/valence.json", _diff(base, now), now,
                            base, [])
    assert section.problems == []
    assert [r.verdict for r in section.metrics] == ["worse"]


def test_render_lists_gates_problems_params_and_plots() -> None:
    base = _metrics(VALENCE, pearson=0.90, rmse=0.10)
    now = _metrics(VALENCE, pearson=0.75, rmse=0.10)
    section = target_report("valence", VALENCE, "metrics/valence.json", _diff(base, now), now,
                            base, ["plots/valence/test/roc.png"])
    params = param_rows({"params.yaml": {"targets.valence.gates.pearson_min.threshold":
                                         {"old": 0.7, "new": 0.8},
                                         "train.groups": {"old": "['a']", "new": "['a|b']"}}})
    text = render(Report("main", "`abc1234`", [section], params))
    assert "**Gates: FAIL** (2 problems)" in text
    assert "- valence: gate pearson_min failed: pearson = 0.75 (must be >= 0.8)" in text
    assert "- valence: pearson regressed 0.9 -> 0.75 (higher is better)" in text
    assert "| pearson_min | pearson | ≥ 0.8 | 0.9 | 0.75 | **FAIL** |" in text
    assert "| pearson | 0.9 | 0.75 | -0.15 | higher | **worse, past tolerance** |" in text
    assert "| rmse | 0.1 | 0.1 | 0 | lower | unchanged |" in text
    assert "| targets.valence.gates.pearson_min.threshold | 0.7 | 0.8 |" in text
    assert "| train.groups | ['a'] | ['a\\|b'] |" in text   # a pipe would split the cell
    assert "![test/roc](plots/valence/test/roc.png)" in text


def test_a_target_without_metrics_is_a_problem_like_in_gates() -> None:
    section = target_report("valence", VALENCE, "metrics/valence.json", {}, None, None, [])
    assert section.problems == [
        "valence: no metrics/valence.json (run `dvc repro evaluate@valence`)"]


@pytest.mark.parametrize(("report_dir", "base", "link"), [
    (None, None, "plots/v/test/roc.png"),
    ("reports", None, "../plots/v/test/roc.png"),
    ("a/b", None, "../../plots/v/test/roc.png"),
    (None, "https://example.test/raw/abc/", "https://example.test/raw/abc/plots/v/test/roc.png"),
])
def test_plot_links_are_relative_to_the_report_or_under_a_base(
        report_dir: str | None, base: str | None, link: str) -> None:
    assert plot_link("plots/v/test/roc.png", report_dir, base) == link
