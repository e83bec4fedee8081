"""Acceptance gates on test metrics, and regressions against another revision's metrics.

`dvc metrics diff` shows deltas but cannot fail on them (dvc issue 10408), so this does:
a gate is an absolute bar; a tolerance bounds how far a metric may move the wrong way
between two revisions, and a move counts as a regression only past both the absolute and
the relative tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perception.config import GateConfig, ToleranceConfig


def lookup(metrics: dict[str, Any], dotted: str) -> Any:
    value: Any = metrics
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def matches(metrics: dict[str, Any], dotted: str) -> list[tuple[str, Any]]:
    """(path, value) of every number a dotted path names; `*` stands for every key at its
    level ("slices.lang.*.sensitivity": each language's sensitivity)."""
    found: list[tuple[str, Any]] = [("", metrics)]
    for part in dotted.split("."):
        step = []
        for path, value in found:
            if not isinstance(value, dict):
                continue
            keys = sorted(value) if part == "*" else ([part] if part in value else [])
            step += [(f"{path}.{k}" if path else k, value[k]) for k in keys]
        found = step
    return [(p, v) for p, v in found if isinstance(v, int | float) and not isinstance(v, bool)]


def judge(metrics: dict[str, Any], gates: dict[str, GateConfig]) -> dict[str, dict[str, Any]]:
    """Every gate as {metric, value, threshold, direction, passed}; a missing value fails. A
    path with `*` is judged on its worst match, which `worst` names (a slice or a class
    whose figure is missing, e.g. too few rows, is not a match; none at all fails)."""
    out = {}
    for name, gate in sorted(gates.items()):
        found = matches(metrics, gate.metric)
        sign = 1.0 if gate.direction == "higher" else -1.0
        worst = min(found, key=lambda pv: (sign * pv[1], pv[0])) if found else None
        value = worst[1] if worst is not None else None
        passed = value is not None and (value >= gate.threshold if gate.direction == "higher"
                                        else value <= gate.threshold)
        out[name] = {"metric": gate.metric, "value": value, "threshold": gate.threshold,
                     "direction": gate.direction, "passed": bool(passed)}
        if "*" in gate.metric:
            out[name].update({"worst": worst[0] if worst else None, "checked": len(found)})
    return out


@dataclass(frozen=True)
class Regression:
    target: str
    metric: str
    base: float
    current: float
    direction: str

    def __str__(self) -> str:
        better = "higher" if self.direction == "higher" else "lower"
        return (f"{self.target}: {self.metric} regressed {self.base:g} -> {self.current:g} "
                f"({better} is better)")


def regressions(target: str, current: dict[str, Any], base: dict[str, Any],
                tolerances: dict[str, ToleranceConfig], section: str = "test"
                ) -> list[Regression]:
    """Metrics of `section` that moved the wrong way past both tolerances."""
    found = []
    for metric, tol in sorted(tolerances.items()):
        now = lookup(current, f"{section}.{metric}")
        then = lookup(base, f"{section}.{metric}")
        if now is None or then is None:
            continue
        worse = (then - now) if tol.direction == "higher" else (now - then)
        if worse > tol.abs and worse > tol.rel * abs(then):
            found.append(Regression(target, metric, then, now, tol.direction))
    return found


def failed_gates(target: str, metrics: dict[str, Any]) -> list[str]:
    return [f"{target}: gate {name} failed: {g['metric']} = {g['value']} "
            f"(must be {'>=' if g['direction'] == 'higher' else '<='} {g['threshold']})"
            for name, g in sorted(metrics.get("gates", {}).items()) if not g["passed"]]
