"""The crisis decision: any crisis = 1 - P(none), flagged at a threshold chosen on val.

The same holds for any classification target: its first class is "no event" (a binary
target's negative class), so the event probability is 1 - P(first class).
"""

from __future__ import annotations

import numpy as np


def any_crisis(probs: np.ndarray) -> np.ndarray:
    """Column 0 is the "no crisis" class (targets.<name>.classes lists it first)."""
    return 1.0 - probs[:, 0]


def choose_threshold(scores: np.ndarray, is_crisis: np.ndarray, sensitivity: float) -> float:
    """The highest threshold whose sensitivity (recall of crises) on these rows meets the
    target: missing a crisis is the costly error, so any lower one only adds false alarms."""
    from sklearn.metrics import roc_curve  # fitting only: serving applies decide()

    if not is_crisis.any():
        raise ValueError("no crisis rows to choose a threshold on")
    _, tpr, thresholds = roc_curve(is_crisis, scores, drop_intermediate=False)
    meeting = thresholds[tpr >= sensitivity - 1e-12]
    # roc_curve's first threshold is +inf (nothing flagged); the meeting ones are all finite.
    return float(np.max(meeting[np.isfinite(meeting)]))


def f1_threshold(scores: np.ndarray, is_event: np.ndarray) -> float:
    """The threshold with the best F1 of event vs no event on these rows (the lowest such
    threshold on a tie, so ties favour catching events)."""
    from sklearn.metrics import precision_recall_curve

    if not is_event.any():
        raise ValueError("no event rows to choose a threshold on")
    precision, recall, thresholds = precision_recall_curve(is_event, scores)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    return float(thresholds[int(np.argmax(f1))])


def threshold_for(rule: str, scores: np.ndarray, is_event: np.ndarray, sensitivity: float
                  ) -> float:
    """The decision threshold under `targets.<t>.model.decision`."""
    if rule == "f1":
        return f1_threshold(scores, is_event)
    return choose_threshold(scores, is_event, sensitivity)


def decide(probs: np.ndarray, threshold: float) -> np.ndarray:
    """Class index per row: "none" below the threshold, else the most likely crisis type."""
    flagged = any_crisis(probs) >= threshold
    crisis_type = 1 + probs[:, 1:].argmax(axis=1)
    return np.where(flagged, crisis_type, 0)
