"""The event decision of a classification target: its first class is "no event" (a binary
target's negative class), the event probability is 1 - P(first class), and a row is flagged
at a threshold chosen on val, then given its most likely event class. For crisis: any crisis
= 1 - P(none), and a flagged text gets its most likely crisis type.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def event_probability(probs: np.ndarray) -> np.ndarray:
    """1 - P(no event): column 0 is the "no event" class (targets.<name>.label.classes lists
    it first)."""
    return 1.0 - probs[:, 0]


def wilson_interval(hits: int, n: int, confidence: float) -> tuple[float, float]:
    """Two-sided Wilson score interval of a proportion at `confidence` (0.95: 95 %)."""
    from scipy.stats import norm

    if n == 0:
        return (0.0, 1.0)
    z = float(norm.ppf(0.5 + confidence / 2))
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def sensitivity_lower_bound(hits: int, n: int, confidence: float) -> float:
    """One-sided lower confidence bound of a sensitivity (Wilson); `confidence` 0 gives the
    observed share."""
    if confidence <= 0.0:
        return hits / n if n else 0.0
    return wilson_interval(hits, n, 2 * confidence - 1)[0]


def choose_threshold(scores: np.ndarray, is_event: np.ndarray, sensitivity: float,
                     confidence: float = 0.0) -> float:
    """The highest threshold at which the sensitivity (recall of events) on these rows meets
    the target, judged by its lower confidence bound at `confidence` (0: the observed share):
    missing an event is the costly error, and a threshold tuned to just meet the target on
    the rows it was chosen on loses sensitivity on new ones. Any lower threshold only adds
    false alarms. If no threshold's bound reaches the target, every event is caught."""
    if not is_event.any():
        raise ValueError("no event rows to choose a threshold on")
    events = np.sort(np.asarray(scores, dtype=np.float64)[np.asarray(is_event, bool)])[::-1]
    n = len(events)
    # Flagging at events[k-1] catches at least the k highest-scoring events (ties: more).
    for k in range(1, n + 1):
        t = events[k - 1]
        hits = int((events >= t).sum())
        if sensitivity_lower_bound(hits, n, confidence) >= sensitivity - 1e-12:
            return float(t)
    return float(events[-1])


def f1_threshold(scores: np.ndarray, is_event: np.ndarray) -> float:
    """The threshold with the best F1 of event vs no event on these rows (the lowest such
    threshold on a tie, so ties favour catching events)."""
    from sklearn.metrics import precision_recall_curve

    if not is_event.any():
        raise ValueError("no event rows to choose a threshold on")
    precision, recall, thresholds = precision_recall_curve(is_event, scores)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    return float(thresholds[int(np.argmax(f1))])


def slice_thresholds(scores: np.ndarray, is_event: np.ndarray,
                     slices: Mapping[str, np.ndarray], sensitivity: float,
                     confidence: float = 0.0) -> dict[str, float]:
    """Per level of each slice column ("lang=hinglish"), the highest threshold at which that
    level's events meet `sensitivity` (as `choose_threshold`); levels without events are
    left out. Flagging at the lowest of them meets the target in every level at once: each
    level's sensitivity only grows as the threshold falls."""
    scores, is_event = np.asarray(scores, dtype=np.float64), np.asarray(is_event, bool)
    out: dict[str, float] = {}
    for column, levels in slices.items():
        levels = np.asarray(levels).astype(str)
        for level in sorted(set(levels[is_event].tolist())):
            rows = levels == level
            out[f"{column}={level}"] = choose_threshold(scores[rows], is_event[rows],
                                                        sensitivity, confidence)
    return out


def threshold_for(rule: str, scores: np.ndarray, is_event: np.ndarray, sensitivity: float,
                  confidence: float = 0.0, slices: Mapping[str, np.ndarray] | None = None,
                  slice_sensitivity: float | None = None) -> tuple[float, str]:
    """The decision threshold under `targets.<t>.model.decision`, and what set it: "f1",
    "overall", or the slice level ("lang=hinglish") whose sensitivity target needed the
    lowest threshold. `slices` (column -> level per row) with `slice_sensitivity` add a
    target per level, so that no language or length is left below it while the overall
    sensitivity is met by the others."""
    if rule == "f1":
        return f1_threshold(scores, is_event), "f1"
    candidates = {"overall": choose_threshold(scores, is_event, sensitivity, confidence)}
    if slices and slice_sensitivity is not None:
        candidates |= slice_thresholds(scores, is_event, slices, slice_sensitivity, confidence)
    bound = min(candidates, key=lambda name: (candidates[name], name != "overall"))
    return candidates[bound], bound


def decide(probs: np.ndarray, threshold: float) -> np.ndarray:
    """Class index per row: the "no event" class (0) below the threshold, else the most
    likely event class."""
    flagged = event_probability(probs) >= threshold
    event_class = 1 + probs[:, 1:].argmax(axis=1)
    return np.where(flagged, event_class, 0)


def decision_margin(probs: np.ndarray, threshold: float) -> np.ndarray:
    """Per row, how far its scores are from changing `decide`'s answer: the distance of the
    event probability to the threshold, and for a flagged row also the gap between its two
    likeliest event classes, whichever is smaller."""
    margin = np.abs(event_probability(probs) - threshold)
    if probs.shape[1] > 2:
        top = np.sort(probs[:, 1:], axis=1)
        gap = top[:, -1] - top[:, -2]
        flagged = event_probability(probs) >= threshold
        margin = np.where(flagged, np.minimum(margin, gap), margin)
    return margin
