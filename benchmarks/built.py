"""The built workspace's trained model of a target, read the way the evaluate stage reads it,
for the benchmarks that score texts of their own with it (real_flags, held_out,
probe_candidates)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def built_model(target: str, langs: Mapping[str, str] | None = None) -> tuple[Any, Any, Any]:
    """(model, probe suite, texts -> features) of `target` on this workspace, through the
    evaluate stage's probe feature code (`stages.evaluate.probe_features`; `langs` gives the
    language of texts that are not probes). SystemExit with one line when the target has no
    threshold or no probe suite (not built, or not a crisis-like target)."""
    from perception.models.target_model import load_model
    from perception.stages.common import load_target
    from perception.stages.evaluate import probe_features

    os.chdir(ROOT)  # params.yaml's paths are relative to the repository, as in a stage
    loaded, cfg = load_target(Path("params.yaml"), target)
    model = load_model(loaded.paths.model_dir(target))
    if cfg.probes is None or model.threshold is None:
        raise SystemExit(f"target {target!r} has no probe suite or no threshold")
    suite, features = probe_features(loaded, cfg, model, langs)
    return model, suite, features


def thresholds(model: Any) -> dict[str, Any]:
    """The model's decision threshold as a benchmark reports it: the lowest, and one per
    level when it has them (`targets.<t>.model.threshold_by`)."""
    return {"threshold": round(float(model.threshold), 6),
            **({"threshold_by": model.threshold_by} if model.threshold_by else {})}
