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

from perception import io
from perception.models.calibration import Calibration, calibration_from_state
from perception.models.dataset import feature_matrix
from perception.models.learners import Kind, Learner, LightGBMLearner, LinearLearner
from perception.models.stacking import ContextEncoder, meta_matrix

MANIFEST = "model.json"
STACK = "stack"
ALL = "all"


@dataclass
class TargetModel:
    name: str
    kind: Kind
    classes: list[str]
    chosen: str                      # "stack", "all" or one base model's name
    groups: list[str]                # the feature groups "all" and the stack read, in order
    columns: dict[str, list[str]]    # feature columns per group, in training order
    learners: dict[str, Learner]     # what `chosen` needs: bases (+ "meta"), or one model
    calibration: Calibration
    context: ContextEncoder | None = None
    threshold: float | None = None   # multiclass: the any-crisis decision threshold
    info: dict[str, Any] = field(default_factory=dict)

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

    def predict_raw(self, features: dict[str, pd.DataFrame], context: pd.DataFrame
                    ) -> np.ndarray:
        """The chosen model's output before calibration."""
        if self.chosen == STACK:
            assert self.context is not None
            bases = [self.learners[g].predict(self._matrix(features, [g])) for g in self.groups]
            meta = meta_matrix(self.kind, bases, self.context.transform(context))
            return self.learners["meta"].predict(meta)
        groups = self.groups if self.chosen == ALL else [self.chosen]
        return self.learners[self.chosen].predict(self._matrix(features, groups))

    def predict(self, features: dict[str, pd.DataFrame], context: pd.DataFrame) -> np.ndarray:
        """Calibrated: a value on 0..1 (regression) or class probabilities (multiclass)."""
        return self.calibration.apply(self.predict_raw(features, context))


def _learner_file(name: str, learner: Learner) -> str:
    return f"{name}.lightgbm.txt" if isinstance(learner, LightGBMLearner) else f"{name}.linear.json"


def save_model(model: TargetModel, directory: Path, extra: dict[str, pd.DataFrame]) -> None:
    """Write the model folder in one swap: learners, model.json, and audit tables."""
    with io.atomic_dir(directory) as tmp:
        files = {}
        for name, learner in sorted(model.learners.items()):
            files[name] = _learner_file(name, learner)
            text = (learner.dumps() if isinstance(learner, LightGBMLearner)
                    else io.dumps_json(learner.state()))
            (tmp / files[name]).write_text(text, encoding="utf-8")
        for name, frame in extra.items():
            io.write_parquet(tmp / f"{name}.parquet", frame)
        manifest = {
            "target": model.name, "kind": model.kind, "classes": model.classes,
            "chosen": model.chosen, "groups": model.groups, "columns": model.columns,
            "learners": files, "calibration": model.calibration.state(),
            "context": None if model.context is None else model.context.vocabulary,
            "threshold": model.threshold, "info": model.info,
        }
        (tmp / MANIFEST).write_text(io.dumps_json(manifest), encoding="utf-8")


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
        chosen=manifest["chosen"], groups=manifest["groups"], columns=manifest["columns"],
        learners=learners, calibration=calibration_from_state(manifest["calibration"]),
        context=None if manifest["context"] is None else ContextEncoder(manifest["context"]),
        threshold=manifest["threshold"], info=manifest["info"])


def model_digest(directory: Path) -> str:
    """A content hash of the model folder: ties an MLflow run to the files DVC tracks."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
