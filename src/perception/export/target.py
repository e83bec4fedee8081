"""Export one trained target: its chosen composition as ONNX files plus a JSON spec of the
numeric tables (calibration, context vocabulary, threshold, severity bands), checked against
the training-time model on the test rows before it is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception import artifacts
from perception.export.onnx import ExportError, class_columns, learner_to_onnx
from perception.models.decision import decide
from perception.models.target_model import TargetModel
from perception.serve.bundle import EVALUATION, TARGET_SPEC
from perception.serve.scorer import TargetScorer


def target_spec(model: TargetModel, opset: int, severity: dict[str, float]) -> dict[str, Any]:
    members, combiner = model.composition()

    def entry(name: str, groups: list[str]) -> dict[str, Any]:
        return {"name": name, "groups": groups, "file": f"{name}.onnx",
                "class_columns": class_columns(model.learners[name])}

    used = sorted({g for _, groups in members for g in groups})
    return {
        "target": model.name, "kind": model.kind, "classes": model.classes,
        "chosen": model.chosen,
        "members": [entry(name, groups) for name, groups in members],
        "meta": entry(combiner, []) if combiner else None,
        "columns": {g: model.columns[g] for g in used},
        "context": None if combiner is None or model.context is None
        else model.context.vocabulary,
        "calibration": model.calibration.state(),
        "threshold": model.threshold,
        **({"threshold_by": model.threshold_by} if model.threshold_by else {}),
        "severity": severity if model.kind == "multiclass" else None,
        "opset": opset,
    }


def write_onnx(model: TargetModel, spec: dict[str, Any], directory: Path, opset: int) -> None:
    entries = [*spec["members"], *([spec["meta"]] if spec["meta"] else [])]
    for e in entries:
        learner = model.learners[e["name"]]
        # A meta-model reads other models' outputs, not feature groups.
        n_features = (sum(len(model.columns[g]) for g in e["groups"]) if e["groups"]
                      else int(learner.estimator.n_features_in_))
        onnx_model = learner_to_onnx(learner, n_features, opset, f"{model.name}.{e['name']}")
        (directory / e["file"]).write_bytes(onnx_model.SerializeToString())
    (directory / TARGET_SPEC).write_text(artifacts.dumps_json(spec), encoding="utf-8")


def parity(model: TargetModel, scorer: TargetScorer, features: dict[str, pd.DataFrame],
           context: pd.DataFrame) -> dict[str, Any]:
    """The exported path against the training-time path on the same feature rows: max abs
    difference before and after calibration, and (classes) whether every decision agrees."""
    expected_raw = model.predict_raw(features, context)
    got_raw = scorer.raw(features, context)
    expected = model.calibration.apply(expected_raw)
    got = scorer.calibration.apply(got_raw)
    out: dict[str, Any] = {
        "rows": len(context),
        "raw_max_abs_diff": float(np.max(np.abs(expected_raw - got_raw), initial=0.0)),
        "max_abs_diff": float(np.max(np.abs(expected - got), initial=0.0)),
    }
    if model.kind == "multiclass":
        assert model.threshold is not None
        rows = len(context)
        out["decisions_differing"] = int(
            (decide(expected, model.thresholds(context, rows))
             != decide(got, scorer.thresholds(context, rows))).sum())
    return out


def parity_failures(figures: dict[str, Any], max_abs_diff: float) -> list[str]:
    problems = []
    if figures["max_abs_diff"] > max_abs_diff:
        problems.append(f"calibrated output differs by {figures['max_abs_diff']:.3g} > "
                        f"{max_abs_diff:g}")
    if figures.get("decisions_differing", 0):
        problems.append(f"{figures['decisions_differing']} decisions differ")
    return problems


def export_target(model: TargetModel, directory: Path, opset: int, severity: dict[str, float],
                  features: dict[str, pd.DataFrame], context: pd.DataFrame,
                  max_abs_diff: float, evaluation: dict[str, Any]) -> dict[str, Any]:
    """Write `directory` only if the exported path matches the model on these rows; the
    parity figures are returned (and raised as ExportError when they fail). `evaluation`
    (metrics/<target>.json) goes along, for the bundle's manifest and model card."""
    spec = target_spec(model, opset, severity)
    with artifacts.atomic_dir(directory) as tmp:
        write_onnx(model, spec, tmp, opset)
        (tmp / EVALUATION).write_text(artifacts.dumps_json(
            {k: evaluation[k] for k in ("test", "gates", "slices", "accepted")}),
            encoding="utf-8")
        figures = parity(model, TargetScorer(tmp), features, context)
        problems = parity_failures(figures, max_abs_diff)
        if problems:
            raise ExportError(f"target {model.name!r}: the exported model does not match the "
                              f"trained one on {figures['rows']} test rows: "
                              f"{'; '.join(problems)}")
    return {**figures, "passed": True, "chosen": model.chosen,
            "learners": [e["name"] for e in spec["members"]]
            + ([spec["meta"]["name"]] if spec["meta"] else []),
            "max_abs_diff_allowed": max_abs_diff}
