"""One target on ONNX Runtime: its learners' ONNX files composed as training composed them
(the same `meta_matrix`, `ContextEncoder` and calibration tables), then the decision.

The export stage checks this very code against the training-time model, so what it checks
is what serves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception.models.calibration import Calibration, calibration_from_state
from perception.models.dataset import feature_matrix
from perception.models.decision import decide, event_probability, row_thresholds
from perception.models.stacking import ContextEncoder, meta_matrix
from perception.serve.bundle import TARGET_SPEC

PROBABILITIES = "probabilities"


@dataclass(frozen=True)
class Member:
    name: str
    groups: list[str]
    file: str
    class_columns: list[int] | None


class TargetScorer:
    """Calibrated outputs of one target from feature tables, on ONNX Runtime."""

    def __init__(self, directory: Path, threads: int = 1) -> None:
        import onnxruntime as ort

        self.directory = Path(directory)
        self.spec: dict[str, Any] = json.loads(
            (self.directory / TARGET_SPEC).read_text(encoding="utf-8"))
        spec = self.spec
        self.name: str = spec["target"]
        self.kind: str = spec["kind"]
        self.classes: list[str] = list(spec["classes"])
        self.columns: dict[str, list[str]] = spec["columns"]
        self.members = [Member(**m) for m in spec["members"]]
        self.meta = Member(**spec["meta"]) if spec["meta"] else None
        self.context = ContextEncoder(spec["context"]) if spec["context"] is not None else None
        self.calibration: Calibration = calibration_from_state(spec["calibration"])
        self.threshold: float | None = spec["threshold"]
        # Optionally one per level of a context column; `threshold` is then the lowest.
        self.threshold_by: dict[str, dict[str, float]] | None = spec.get("threshold_by")
        self.severity: dict[str, float] | None = spec.get("severity")

        options = ort.SessionOptions()
        # Single texts dominate serving; one thread per small model avoids thread hand-offs.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        files = {m.file for m in self.members} | ({self.meta.file} if self.meta else set())
        self.sessions = {f: ort.InferenceSession(str(self.directory / f), options,
                                                 providers=["CPUExecutionProvider"])
                         for f in sorted(files)}

    @property
    def groups(self) -> list[str]:
        """Feature groups this target reads."""
        return sorted({g for m in self.members for g in m.groups})

    def _run(self, member: Member, x: np.ndarray) -> np.ndarray:
        session = self.sessions[member.file]
        if self.kind == "regression":
            return np.asarray(session.run(None, {"x": x})[0], dtype=np.float64).reshape(-1)
        probs = np.asarray(session.run([PROBABILITIES], {"x": x})[0], dtype=np.float64)
        if member.class_columns is None:
            return probs
        full = np.zeros((len(x), len(self.classes)))
        full[:, member.class_columns] = probs
        return full

    def arrays(self, features: dict[str, pd.DataFrame]) -> dict[str, np.ndarray]:
        """Feature tables as float64 matrices, after checking each has the trained columns."""
        out = {}
        for g in self.groups:
            if list(features[g].columns) != self.columns[g]:
                raise ValueError(f"target {self.name!r}: feature group {g!r} has other columns "
                                 f"than the model was trained on")
            out[g] = feature_matrix([features[g]])
        return out

    def raw_arrays(self, arrays: dict[str, np.ndarray],
                   context: Mapping[str, Sequence[str] | np.ndarray]) -> np.ndarray:
        """Uncalibrated output from matrices whose columns are in the trained order (serving
        builds them so, and checks it once at load)."""
        preds = [self._run(m, arrays[m.groups[0]] if len(m.groups) == 1 else
                           np.hstack([arrays[g] for g in m.groups])) for m in self.members]
        if self.meta is None:
            return preds[0]
        assert self.context is not None
        rows = len(preds[0])
        return self._run(self.meta, meta_matrix(self.kind, preds,  # type: ignore[arg-type]
                                                self.context.encode(context, rows)))

    def raw(self, features: dict[str, pd.DataFrame], context: pd.DataFrame) -> np.ndarray:
        return self.raw_arrays(self.arrays(features),
                               {c: context[c].astype(str).to_numpy() for c in context.columns})

    def predict(self, features: dict[str, pd.DataFrame], context: pd.DataFrame) -> np.ndarray:
        """A value on 0..1 (regression) or class probabilities, calibrated."""
        return self.calibration.apply(self.raw(features, context))

    def predict_arrays(self, arrays: dict[str, np.ndarray],
                       context: Mapping[str, Sequence[str] | np.ndarray]) -> np.ndarray:
        return self.calibration.apply(self.raw_arrays(arrays, context))

    def thresholds(self, context: Any, rows: int) -> np.ndarray:
        """Each row's shipped threshold: its level's of `threshold_by`'s column in `context`
        (a DataFrame or a dict of lists), else the lowest (classification only)."""
        assert self.threshold is not None
        return row_thresholds(self.threshold, self.threshold_by, context, rows)

    def describe(self, values: np.ndarray, context: Any = None) -> list[Any]:
        """Per row: the number (regression), or the event probability, the decision at the
        threshold (its level's, from `context`), the most likely event class, the severity
        band and the class probabilities."""
        if self.kind == "regression":
            return [float(v) for v in values]
        assert self.threshold is not None
        event = event_probability(values)
        thresholds = self.thresholds({} if context is None else context, len(values))
        decided = decide(values, thresholds)
        likely = 1 + values[:, 1:].argmax(axis=1)
        out = []
        for row, p, d, k, t in zip(values, event, decided, likely, thresholds, strict=True):
            flagged = bool(d != 0)
            out.append({
                "probability": float(p),
                "flagged": flagged,
                "threshold": float(t),
                "decision": self.classes[int(d)],
                "most_likely": self.classes[int(k)],
                "band": severity_band(float(p), flagged, self.severity or {},
                                      self.classes[int(k)]),
                "probabilities": {c: float(v) for c, v in zip(self.classes, row, strict=True)},
            })
        return out


def severity_band(probability: float, flagged: bool, severity: dict[str, Any],
                  likely: str | None = None) -> str:
    """"none" when not flagged; else the highest band whose floor the severity (probability
    times the most likely type's weight) reaches, or "flagged" below them all (the decision
    threshold sits low, for sensitivity)."""
    if not flagged:
        return "none"
    weight = float(severity.get("type_weights", {}).get(likely, 1.0))
    bands = {k: v for k, v in severity.items() if k != "type_weights"}
    reached = [name for name, floor in sorted(bands.items(), key=lambda kv: kv[1])
               if probability * weight >= floor]
    return reached[-1] if reached else "flagged"
