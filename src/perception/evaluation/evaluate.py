"""Evaluate a trained target on test, the rows no model, tuner or calibrator has seen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_curve, roc_curve

from perception.config import TargetConfig
from perception.evaluation.gates import judge
from perception.evaluation.metrics import (
    classification_metrics,
    probability_metrics,
    regression_metrics,
    safety_net_effect,
)
from perception.evaluation.slices import by_slice
from perception.models.calibration import expected_calibration_error, reliability, top_label_ece
from perception.models.dataset import TargetData
from perception.models.decision import decide, event_probability
from perception.models.target_model import TargetModel

Rows = list[dict[str, Any]]


@dataclass
class Evaluation:
    metrics: dict[str, Any]      # metrics/<target>.json
    plots: dict[str, Rows]       # plot name -> rows for `dvc plots show`


def _round(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def candidate_scores(model: TargetModel, features: dict[str, pd.DataFrame],
                     context: pd.DataFrame, y: np.ndarray, bins: int) -> dict[str, Any]:
    from perception.models.train import SELECTION

    metric, _ = SELECTION[model.kind]
    val = model.info.get("selection", {}).get("val", {})
    out = {}
    for name in model.candidates:
        raw = model.predict_raw(features, context, name)
        scores = (regression_metrics(y, raw, bins) if model.kind == "regression"
                  else probability_metrics(y, raw, model.classes, bins))
        out[name] = {"val": val.get(name), "test": scores[metric]}
    return out


def finetuned_vs_frozen(candidates: dict[str, Any], selection: dict[str, Any]
                        ) -> dict[str, Any] | None:
    """The best model on val without the fine-tuned encoder, and the best with it."""
    from perception.models.target_model import BLEND
    from perception.models.train import FITTED_GROUPS

    metric, direction = selection.get("metric"), selection.get("direction")
    if metric is None:
        return None
    sign = 1.0 if direction == "higher" else -1.0

    def best(names: list[str]) -> dict[str, Any] | None:
        scored = [n for n in names if candidates[n]["val"] is not None]
        if not scored:
            return None
        name = max(scored, key=lambda n: sign * candidates[n]["val"])
        return {"model": name, **candidates[name]}

    tuned = [n for n in candidates if n in FITTED_GROUPS or n == BLEND]
    frozen = [n for n in candidates if n not in tuned]
    if not tuned:
        return None
    return {"metric": metric, "direction": direction, "frozen": best(frozen),
            "finetuned": best(tuned)}


def evaluate_target(model: TargetModel, data: TargetData, target: TargetConfig,
                    texts: dict[str, str] | None = None,
                    probes: dict[str, Any] | None = None) -> Evaluation:
    """`texts` (id -> text) lets a classification target report what the lexicon safety
    net adds on test; `probes` is the behavioural suite's result (gated like the rest)."""
    te = data.mask("test")
    if not te.any():
        raise ValueError(f"target {model.name!r}: no labelled test rows to evaluate on")
    features = {g: frame[te].reset_index(drop=True) for g, frame in data.groups.items()}
    context = data.context[te].reset_index(drop=True)
    raw = model.predict_raw(features, context)
    pred = model.calibration.apply(raw)
    y, bins = data.y[te], target.model.calibration_bins
    # Every scored test row by id: a published test set can be checked row for row.
    ids = data.ids[te].tolist()
    slices = data.slices[te].reset_index(drop=True)

    if model.kind == "regression":
        test = regression_metrics(y, pred, bins)
        test["ece_uncalibrated"] = round(expected_calibration_error(raw, y, bins), 6)
        per_slice = by_slice(slices, lambda rows: regression_metrics(y[rows], pred[rows], bins))
        plots = {
            "predictions": [{"id": i, "actual": a, "predicted": p, "residual": round(p - a, 6)}
                            for i, a, p in zip(ids, _round(y), _round(pred), strict=True)],
            "reliability": reliability(pred, y, bins),
            "reliability_uncalibrated": reliability(raw, y, bins),
        }
    else:
        assert model.threshold is not None
        threshold = model.thresholds(slices, len(y))
        test = classification_metrics(y, pred, model.classes, threshold, bins)
        if model.threshold_by:
            test["threshold_by"] = {c: {k: round(v, 6) for k, v in levels.items()}
                                    for c, levels in model.threshold_by.items()}
        is_event = (y != 0).astype(float)
        test["ece_uncalibrated"] = round(top_label_ece(raw, y, bins), 6)
        test["any_crisis_ece_uncalibrated"] = round(
            expected_calibration_error(event_probability(raw), is_event, bins), 6)
        per_slice = by_slice(slices, lambda rows: classification_metrics(
            y[rows], pred[rows], model.classes, threshold[rows], bins, per_type=False))
        scores = event_probability(pred)
        decided = decide(pred, threshold)
        if texts is not None:
            from perception.features.crisis_cues import safety_net

            net = np.array([bool(safety_net(texts[i])) for i in ids])
            test["safety_net"] = safety_net_effect(y != 0, scores >= threshold, net)
        plots = {
            "confusion": [{"id": i, "actual": model.classes[a], "predicted": model.classes[p],
                           "score": s}
                          for i, a, p, s in zip(ids, y.tolist(), decided.tolist(),
                                                _round(scores), strict=True)],
            "reliability": reliability(scores, is_event, bins),
            "reliability_uncalibrated": reliability(event_probability(raw), is_event, bins),
        }
        if 0 < is_event.sum() < len(is_event):
            fpr, tpr, _ = roc_curve(is_event, scores)
            precision, recall, _ = precision_recall_curve(is_event, scores)
            plots["roc"] = [{"fpr": f, "tpr": t}
                            for f, t in zip(_round(fpr), _round(tpr), strict=True)]
            plots["precision_recall"] = [{"recall": r, "precision": p}
                                         for r, p in zip(_round(recall), _round(precision),
                                                         strict=True)]

    # Gates read test metrics by name ("sensitivity"), slices and probes by path
    # ("slices.lang.*.sensitivity", "probes.recall").
    gates = judge({**test, "slices": per_slice, **({"probes": probes} if probes else {})},
                  target.gates)
    candidates = candidate_scores(model, features, context, y, bins)
    metrics = {
        "target": model.name, "kind": model.kind, "model": model.chosen,
        # How the model was chosen on val (stack vs the best single and the all-features one).
        "selection": model.info.get("selection", {}),
        "test": test, "slices": per_slice, "gates": gates,
        **({"probes": probes} if probes else {}),
        # Every candidate on val (where it was chosen) and on test, uncalibrated, by the
        # selection metric; and the best frozen-encoder model against the best fine-tuned one.
        "candidates": candidates,
        "finetuned_vs_frozen": finetuned_vs_frozen(candidates, model.info.get("selection", {})),
        "accepted": all(g["passed"] for g in gates.values()),
    }
    return Evaluation(metrics=metrics, plots=plots)
