"""The crisis decision: any crisis = 1 - P(none), flagged at a threshold chosen on val."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_curve


def any_crisis(probs: np.ndarray) -> np.ndarray:
    """Column 0 is the "no crisis" class (targets.<name>.classes lists it first)."""
    return 1.0 - probs[:, 0]


def choose_threshold(scores: np.ndarray, is_crisis: np.ndarray, sensitivity: float) -> float:
    """The highest threshold whose sensitivity (recall of crises) on these rows meets the
    target: missing a crisis is the costly error, so any lower one only adds false alarms."""
    if not is_crisis.any():
        raise ValueError("no crisis rows to choose a threshold on")
    _, tpr, thresholds = roc_curve(is_crisis, scores, drop_intermediate=False)
    meeting = thresholds[tpr >= sensitivity - 1e-12]
    # roc_curve's first threshold is +inf (nothing flagged); the meeting ones are all finite.
    return float(np.max(meeting[np.isfinite(meeting)]))


def decide(probs: np.ndarray, threshold: float) -> np.ndarray:
    """Class index per row: "none" below the threshold, else the most likely crisis type."""
    flagged = any_crisis(probs) >= threshold
    crisis_type = 1 + probs[:, 1:].argmax(axis=1)
    return np.where(flagged, crisis_type, 0)
