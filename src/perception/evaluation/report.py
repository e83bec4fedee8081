"""The review report: what a change did to every target, as Markdown for a pull request.

Pure functions only: the caller reads the revisions (`dvc metrics diff --json`, `dvc params
diff --json`, the metrics files at the base) and passes the data in. Whether a metric moved
past its tolerance is decided by `gates.regressions`, the code `perception gates --against`
runs, so the report and the gate command cannot disagree.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from perception.config import TargetConfig
from perception.evaluation.gates import failed_gates, regressions

Verdict = Literal["better", "worse", "regression", "unchanged", "changed", "new", "removed"]
# Test metrics are what gates judge; every other key of metrics/<t>.json (val candidates,
# slices) stays in `dvc metrics diff`, where a reviewer can still find it.
SECTION = "test"
# A Markdown table cell cannot hold these; params values are shown verbatim otherwise.
_CELL_ESCAPES = str.maketrans({"|": "\\|", "\n": " "})
_NONE = "\N{EN DASH}"  # an empty cell that still reads as "no value"


@dataclass(frozen=True)
class MetricRow:
    metric: str                  # path inside the target's test metrics, e.g. per_type.panic.f1
    base: float | None
    current: float | None
    direction: str | None        # higher / lower, from the tolerances or a gate; None: unknown
    regression: bool = False     # worse past both tolerances: `perception gates` fails on it

    @property
    def delta(self) -> float | None:
        if self.base is None or self.current is None:
            return None
        # Metrics are written rounded to 6 decimals; the difference of two of them is too.
        return round(self.current - self.base, 6)

    @property
    def verdict(self) -> Verdict:
        if self.base is None:
            return "new"
        if self.current is None:
            return "removed"
        if self.delta == 0:
            return "unchanged"
        if self.direction is None:
            return "changed"
        if self.regression:
            return "regression"
        improved = (self.delta or 0) > 0 if self.direction == "higher" else (self.delta or 0) < 0
        return "better" if improved else "worse"


@dataclass(frozen=True)
class GateRow:
    name: str
    metric: str
    direction: str
    threshold: float
    base: float | None           # the gate's value at the base revision, if it had the gate
    current: float | None
    passed: bool


@dataclass(frozen=True)
class ParamRow:
    key: str                     # flattened, as `dvc params diff` prints it
    base: Any
    current: Any


@dataclass(frozen=True)
class TargetReport:
    name: str
    has_metrics: bool            # False: metrics/<t>.json is missing in the workspace
    has_base: bool               # False: the base revision has no metrics for this target
    metrics: list[MetricRow] = field(default_factory=list)
    gates: list[GateRow] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)      # image links, ready for Markdown
    problems: list[str] = field(default_factory=list)   # what `perception gates` fails on


@dataclass(frozen=True)
class Report:
    base: str
    head: str
    targets: list[TargetReport]
    params: list[ParamRow]

    @property
    def problems(self) -> list[str]:
        return [p for t in self.targets for p in t.problems]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return float(value)


def directions(target: TargetConfig) -> dict[str, str]:
    """Which way is better for each test metric the target declares: its tolerances, then
    its gates (a gate's direction is the metric's direction too)."""
    out = {gate.metric: gate.direction for gate in target.gates.values()}
    out.update({metric: tol.direction for metric, tol in target.tolerances.items()})
    return out


def metric_rows(name: str, target: TargetConfig, diff: Mapping[str, Mapping[str, Any]],
                current: Mapping[str, Any] | None, base: Mapping[str, Any] | None
                ) -> list[MetricRow]:
    """One row per numeric test metric in `diff` (one file's entry of `dvc metrics diff
    --all --json`: {"test.pearson": {"old": .., "new": ..}}). Rows with a known direction
    come first, in name order."""
    known = directions(target)
    regressed = ({r.metric for r in regressions(name, dict(current), dict(base),
                                                 target.tolerances, SECTION)}
                 if current is not None and base is not None else set())
    rows = []
    for key, change in diff.items():
        if not key.startswith(f"{SECTION}."):
            continue
        metric = key.removeprefix(f"{SECTION}.")
        old, new = _number(change.get("old")), _number(change.get("new"))
        if old is None and new is None:
            continue
        rows.append(MetricRow(metric, old, new, known.get(metric), metric in regressed))
    return sorted(rows, key=lambda r: (r.direction is None, r.metric))


def gate_rows(current: Mapping[str, Any], base: Mapping[str, Any] | None) -> list[GateRow]:
    """The gates as evaluate judged them (metrics/<t>.json -> gates), with the base value."""
    base_gates = (base or {}).get("gates", {})
    rows = []
    for gate_name, gate in sorted(current.get("gates", {}).items()):
        then = base_gates.get(gate_name, {})
        rows.append(GateRow(gate_name, gate["metric"], gate["direction"],
                            float(gate["threshold"]), _number(then.get("value")),
                            _number(gate.get("value")), bool(gate["passed"])))
    return rows


def param_rows(diff: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> list[ParamRow]:
    """Every changed key of `dvc params diff --json` ({file: {key: {old, new}}})."""
    rows = []
    for file, changes in sorted(diff.items()):
        prefix = "" if file == "params.yaml" else f"{file}:"
        rows += [ParamRow(f"{prefix}{key}", change.get("old"), change.get("new"))
                 for key, change in sorted(changes.items())]
    return rows


def target_report(name: str, target: TargetConfig, path: str,
                  diff: Mapping[str, Mapping[str, Any]], current: Mapping[str, Any] | None,
                  base: Mapping[str, Any] | None, plots: list[str]) -> TargetReport:
    """One target's section. `current`/`base` are its metrics file (`path`) in the workspace
    and at the base revision (None where missing); the problems are exactly the lines
    `perception gates --against <base>` prints for this target."""
    if current is None:
        return TargetReport(name, has_metrics=False, has_base=base is not None,
                            problems=[f"{name}: no {path} (run `dvc repro evaluate@{name}`)"])
    problems = failed_gates(name, dict(current))
    if base is not None:
        problems += [str(r) for r in regressions(name, dict(current), dict(base),
                                                 target.tolerances, SECTION)]
    return TargetReport(name, has_metrics=True, has_base=base is not None,
                        metrics=metric_rows(name, target, diff, current, base),
                        gates=gate_rows(current, base), plots=plots, problems=problems)


def plot_link(png: str, report_dir: str | None, image_base: str | None) -> str:
    """Where the report should point for a PNG at `png` (relative to the repository root):
    under `image_base` (e.g. a raw-file URL of the pull request's commit, for a comment,
    which cannot resolve relative links), else relative to the report's folder."""
    if image_base:
        return f"{image_base.rstrip('/')}/{png}"
    if not report_dir:
        return png
    return Path(os.path.relpath(png, report_dir)).as_posix()


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return _NONE
    if value == 0:
        return "0"
    return f"{value:+.6g}" if signed else f"{value:.6g}"


def _cell(value: Any) -> str:
    return _NONE if value is None else str(value).translate(_CELL_ESCAPES)


_VERDICT_TEXT: dict[str, str] = {
    "better": "better", "worse": "worse (within tolerance)",
    "regression": "**worse, past tolerance**", "unchanged": "unchanged",
    "changed": "changed (no direction declared)", "new": "new", "removed": "removed",
}


def _metric_table(rows: list[MetricRow]) -> list[str]:
    lines = ["| metric | base | new | delta | better is | verdict |",
             "|---|---:|---:|---:|---|---|"]
    lines += [f"| {r.metric} | {_num(r.base)} | {_num(r.current)} | {_num(r.delta, True)} | "
              f"{r.direction or _NONE} | {_VERDICT_TEXT[r.verdict]} |" for r in rows]
    return lines


def _target_lines(report: Report, t: TargetReport) -> list[str]:
    lines = [f"## {t.name}", ""]
    if not t.has_metrics:
        return [*lines, f"Not evaluated here: {t.problems[0]}.", ""]
    if not t.has_base:
        lines += [f"No metrics for {t.name} at `{report.base}`: every metric is new.", ""]
    if t.gates:
        lines += ["| gate | metric | must be | base | new | passed |",
                  "|---|---|---|---:|---:|---|"]
        lines += [f"| {g.name} | {g.metric} | {'≥' if g.direction == 'higher' else '≤'} "
                  f"{g.threshold:g} | {_num(g.base)} | {_num(g.current)} | "
                  f"{'pass' if g.passed else '**FAIL**'} |" for g in t.gates]
        lines.append("")
    judged = [r for r in t.metrics if r.direction is not None]
    # Metrics without a declared direction are listed only when they moved, folded away:
    # per-class figures of a multiclass target run to dozens of rows.
    other = [r for r in t.metrics if r.direction is None and r.verdict != "unchanged"]
    if judged:
        lines += [*_metric_table(judged), ""]
    if other:
        lines += ["<details><summary>Other test metrics that changed "
                  f"({len(other)})</summary>", "", *_metric_table(other), "", "</details>", ""]
    if t.plots:
        # Named by folder and file (test/roc): train/ holds the Optuna history.
        lines += [" ".join(f"![{'/'.join(PurePosixPath(p).parts[-2:]).removesuffix('.png')}]"
                           f"({p})" for p in t.plots), ""]
    return lines


def render(report: Report) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    problems = report.problems
    verdict = ("**Gates: pass**, no regression past tolerance" if not problems else
               f"**Gates: FAIL** ({len(problems)} problem{'s' * (len(problems) != 1)})")
    lines = [f"# Model review: `{report.base}` → {report.head}", "",
             f"{verdict}: `perception gates --against {report.base}`.", ""]
    lines += [f"- {p}" for p in problems]
    if problems:
        lines.append("")
    for target in report.targets:
        lines += _target_lines(report, target)
    lines += ["## Params", ""]
    if report.params:
        lines += ["| key | base | new |", "|---|---|---|"]
        lines += [f"| {p.key} | {_cell(p.base)} | {_cell(p.current)} |" for p in report.params]
    else:
        lines.append(f"No params changed since `{report.base}`.")
    return "\n".join(lines) + "\n"

