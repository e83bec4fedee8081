"""A trained target: its learners, the chosen way of combining them, calibration and the
crisis threshold; saved as text and JSON (no pickle), so export can rebuild it exactly."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception import artifacts
from perception.models.calibration import Calibration, calibration_from_state
from perception.models.dataset import feature_matrix
from perception.models.decision import row_thresholds
from perception.models.learners import Kind, Learner, LightGBMLearner, LinearLearner
from perception.models.stacking import ContextEncoder, meta_matrix

MANIFEST = "model.json"
STACK = "stack"
ALL = "all"
# A meta-model fitted on val over every base and "all" (see models/train.py).
BLEND = "blend"


@dataclass
class TargetModel:
    name: str
    kind: Kind
    classes: list[str]
    chosen: str                      # "stack", "blend", "all" or one base model's name
    groups: list[str]                # every base model's feature group, in order
    columns: dict[str, list[str]]    # feature columns per group, in training order
    # Every candidate's learners: each base, "all", "meta" (the stack) and "blend", so
    # evaluation can score the runners-up on test too; `chosen` says which one predicts.
    learners: dict[str, Learner]
    calibration: Calibration
    context: ContextEncoder | None = None
    threshold: float | None = None   # classes: the event decision threshold
    # Classes, optionally: a threshold per level of one context column ({"lang": {"en": ...}});
    # `threshold` is then the lowest, for rows of any other level (models.decision).
    threshold_by: dict[str, dict[str, float]] | None = None
    info: dict[str, Any] = field(default_factory=dict)
    # The groups "all" and the stack read: `groups` minus the label-fitted ones.
    stacked: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.stacked:
            self.stacked = list(self.groups)

    @property
    def primary(self) -> str:
        """The learner that stands for the model where one must (a registered MLflow version):
        the stack's meta-model, or the chosen single model."""
        return "meta" if self.chosen == STACK else self.chosen

    def _matrix(self, features: dict[str, pd.DataFrame], groups: list[str]) -> np.ndarray:
        for g in groups:
            if list(features[g].columns) != self.columns[g]:
                raise ValueError(f"feature group {g!r}: columns differ from the ones the model "
                                 f"was trained on")
        return feature_matrix([features[g] for g in groups])

    @property
    def candidates(self) -> list[str]:
        """Every model this one can predict with: bases, "all", the stack, the blend."""
        names = [*self.groups, ALL, STACK, BLEND]
        return [n for n in names if self.learners.get("meta" if n == STACK else n)]

    def composition(self, candidate: str | None = None
                    ) -> tuple[list[tuple[str, list[str]]], str | None]:
        """What a candidate runs: each learner with the feature groups it reads, and the
        learner that combines their outputs (None for a single learner). Export ships
        exactly this."""
        name = candidate or self.chosen
        if name in (STACK, BLEND):
            members = self.stacked if name == STACK else [*self.groups, ALL]
            return ([(m, self.stacked if m == ALL else [m]) for m in members],
                    "meta" if name == STACK else BLEND)
        return [(name, self.stacked if name == ALL else [name])], None

    def predict_raw(self, features: dict[str, pd.DataFrame], context: pd.DataFrame,
                    candidate: str | None = None) -> np.ndarray:
        """The chosen model's output (or another candidate's) before calibration."""
        members, combiner = self.composition(candidate)
        preds = [self.learners[m].predict(self._matrix(features, groups))
                 for m, groups in members]
        if combiner is None:
            return preds[0]
        assert self.context is not None
        meta = meta_matrix(self.kind, preds, self.context.transform(context))
        return self.learners[combiner].predict(meta)

    def predict(self, features: dict[str, pd.DataFrame], context: pd.DataFrame) -> np.ndarray:
        """Calibrated: a value on 0..1 (regression) or class probabilities (multiclass)."""
        return self.calibration.apply(self.predict_raw(features, context))

    def thresholds(self, context: Any, rows: int) -> np.ndarray:
        """Each row's event threshold, by its level of `threshold_by`'s column in `context`
        (a DataFrame or a dict of lists)."""
        assert self.threshold is not None
        return row_thresholds(self.threshold, self.threshold_by, context, rows)


def _learner_file(name: str, learner: Learner) -> str:
    return f"{name}.lightgbm.txt" if isinstance(learner, LightGBMLearner) else f"{name}.linear.json"


def save_model(model: TargetModel, directory: Path, extra: dict[str, pd.DataFrame]) -> None:
    """Write the model folder in one swap: learners, model.json, and audit tables."""
    with artifacts.atomic_dir(directory) as tmp:
        files = {}
        for name, learner in sorted(model.learners.items()):
            files[name] = _learner_file(name, learner)
            text = (learner.dumps() if isinstance(learner, LightGBMLearner)
                    else artifacts.dumps_json(learner.state()))
            (tmp / files[name]).write_text(text, encoding="utf-8")
        for name, frame in extra.items():
            artifacts.write_parquet(tmp / f"{name}.parquet", frame)
        manifest = {
            "target": model.name, "kind": model.kind, "classes": model.classes,
            "chosen": model.chosen, "groups": model.groups, "stacked": model.stacked,
            "columns": model.columns,
            "learners": files, "calibration": model.calibration.state(),
            "context": None if model.context is None else model.context.vocabulary,
            "threshold": model.threshold,
            **({"threshold_by": model.threshold_by} if model.threshold_by else {}),
            "info": model.info,
        }
        (tmp / MANIFEST).write_text(artifacts.dumps_json(manifest), encoding="utf-8")


def load_model(directory: Path) -> TargetModel:
    directory = Path(directory)
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    learners: dict[str, Learner] = {}
    for name, file in manifest["learners"].items():
        text = (directory / file).read_text(encoding="utf-8")
        learners[name] = (LightGBMLearner.loads(text) if file.endswith(".lightgbm.txt")
                          else LinearLearner.from_state(json.loads(text)))
    return TargetModel(
        name=manifest["target"], kind=manifest["kind"], classes=manifest["classes"],
        chosen=manifest["chosen"], groups=manifest["groups"],
        stacked=manifest.get("stacked", manifest["groups"]), columns=manifest["columns"],
        learners=learners, calibration=calibration_from_state(manifest["calibration"]),
        context=None if manifest["context"] is None else ContextEncoder(manifest["context"]),
        threshold=manifest["threshold"], threshold_by=manifest.get("threshold_by"),
        info=manifest["info"])


def model_digest(directory: Path) -> str:
    """A content hash of the model folder: ties an MLflow run to the files DVC tracks."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
