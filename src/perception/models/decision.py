"""The event decision of a classification target: its first class is "no event" (a binary
target's negative class), the event probability is 1 - P(first class), and a row is flagged
at a threshold chosen on val, then given its most likely event class. For crisis: any crisis
= 1 - P(none), and a flagged text gets its most likely crisis type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


def event_probability(probs: np.ndarray) -> np.ndarray:
    """1 - P(no event): column 0 is the "no event" class (targets.<name>.label.classes lists
    it first)."""
    return 1.0 - probs[:, 0]


def wilson_interval(hits: Any, n: int, confidence: float) -> tuple[Any, Any]:
    """Two-sided Wilson score interval of a proportion at `confidence` (0.95: 95 %); `hits`
    may be an array of counts of the same `n`."""
    from scipy.stats import norm

    if n == 0:
        return (0.0, 1.0)
    z = float(norm.ppf(0.5 + confidence / 2))
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (np.maximum(0.0, centre - half), np.minimum(1.0, centre + half))


def sensitivity_lower_bound(hits: Any, n: int, confidence: float) -> Any:
    """One-sided lower confidence bound of a sensitivity (Wilson); `confidence` 0 gives the
    observed share. `hits` may be an array of counts of the same `n`."""
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


def sensitivity_targets(rows: int, sensitivity: float,
                        slices: Mapping[str, np.ndarray] | None = None,
                        slice_sensitivity: float | None = None
                        ) -> dict[str, tuple[np.ndarray, float]]:
    """The targets `threshold_for` meets, as `level_thresholds` takes them: "overall" on
    every row, and each slice level ("lang=hinglish") on its rows."""
    out = {"overall": (np.ones(rows, bool), sensitivity)}
    if slices and slice_sensitivity is not None:
        for column, levels in slices.items():
            levels = np.asarray(levels).astype(str)
            for level in sorted(set(levels.tolist())):
                out[f"{column}={level}"] = (levels == level, slice_sensitivity)
    return out


def slice_thresholds(scores: np.ndarray, is_event: np.ndarray,
                     slices: Mapping[str, np.ndarray], sensitivity: float,
                     confidence: float = 0.0) -> dict[str, float]:
    """Per level of each slice column ("lang=hinglish"), the highest threshold at which that
    level's events meet `sensitivity` (as `choose_threshold`); levels without events are
    left out. Flagging at the lowest of them meets the target in every level at once: each
    level's sensitivity only grows as the threshold falls."""
    scores, is_event = np.asarray(scores, dtype=np.float64), np.asarray(is_event, bool)
    targets = sensitivity_targets(len(scores), sensitivity, slices, sensitivity)
    return {name: choose_threshold(scores[rows], is_event[rows], target, confidence)
            for name, (rows, target) in targets.items()
            if name != "overall" and is_event[rows].any()}


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


def level_thresholds(scores: np.ndarray, is_event: np.ndarray, levels: np.ndarray,
                     targets: Mapping[str, tuple[np.ndarray, float]], confidence: float = 0.0,
                     max_choices: int = 5_000_000) -> dict[str, float]:
    """One threshold per level of `levels` (each row's language): of every choice that meets
    each target (name -> (its rows, the sensitivity their events must reach by the lower
    bound at `confidence`)), the one that flags the fewest non-event rows, then has the
    highest thresholds. One threshold for all must let the level whose events score lowest set it
    for every level; its own threshold lets each level flag no more than it needs. A target
    that cannot be met even by catching all its events asks for all of them (as
    `choose_threshold`). Levels without events are left out (`row_thresholds` judges them at
    the lowest threshold). Searched exhaustively: each level's candidates are its events'
    scores, so a ValueError when the product of their counts passes `max_choices`."""
    scores = np.asarray(scores, dtype=np.float64)
    is_event = np.asarray(is_event, bool)
    levels = np.asarray(levels).astype(str)
    if not is_event.any():
        raise ValueError("no event rows to choose a threshold on")
    names = sorted(set(levels[is_event].tolist()))
    # Flagging at candidate c catches the events scored >= c: per level, from high to low.
    candidates = [np.unique(scores[(levels == n) & is_event])[::-1] for n in names]
    shape = tuple(len(c) for c in candidates)
    if float(np.prod(shape, dtype=np.float64)) > max_choices:
        raise ValueError(f"{' x '.join(map(str, shape))} threshold choices over levels "
                         f"{names}: more than {max_choices} to search")

    def counted(rows: np.ndarray) -> np.ndarray:
        """Rows of `rows` at or above each level's choice, summed over levels: a grid."""
        total = np.zeros(shape)
        for k, (name, cands) in enumerate(zip(names, candidates, strict=True)):
            mine = np.sort(scores[rows & (levels == name)])
            at_or_above = len(mine) - np.searchsorted(mine, cands, side="left")
            total = total + at_or_above.reshape([-1 if i == k else 1 for i in range(len(shape))])
        return total

    feasible = np.ones(shape, bool)
    for rows, sensitivity in targets.values():
        rows = np.asarray(rows, bool)
        n = int((rows & is_event).sum())
        if n:
            need = min(sensitivity, sensitivity_lower_bound(n, n, confidence))
            hits = counted(rows & is_event)
            feasible &= sensitivity_lower_bound(hits, n, confidence) >= need - 1e-12
    # Catching every event of every level meets every target, so some choice is feasible.
    # Ties go to the higher thresholds: on new rows a lower one only adds false flags.
    lower = np.indices(shape).sum(axis=0)
    cost = np.where(feasible, counted(~is_event) + lower / (lower.max() + 1.0), np.inf)
    best = np.unravel_index(int(np.argmin(cost)), shape)
    return {n: float(c[i]) for n, c, i in zip(names, candidates, best, strict=True)}


def row_thresholds(threshold: float, by: Mapping[str, Mapping[str, float]] | None,
                   context: Any, rows: int) -> np.ndarray:
    """Each row's threshold: its level's in `by` (column -> level -> threshold, e.g.
    {"lang": {"en": 0.7, "hinglish": 0.2}}), else `threshold` (the lowest: a row whose level
    has no threshold of its own, or is not known, is judged at the most sensitive one).
    `context` maps the column to one level per row (a DataFrame or a dict of lists)."""
    out = np.full(rows, float(threshold))
    for column, table in (by or {}).items():
        values = context.get(column)
        if values is None:
            continue
        values = np.array([str(v) if v is not None else "" for v in values], dtype=object)
        for level, t in table.items():
            out[values == level] = float(t)
    return out


def decide(probs: np.ndarray, threshold: float | np.ndarray) -> np.ndarray:
    """Class index per row: the "no event" class (0) below the threshold (one for all rows,
    or one per row: `row_thresholds`), else the most likely event class."""
    flagged = event_probability(probs) >= threshold
    event_class = 1 + probs[:, 1:].argmax(axis=1)
    return np.where(flagged, event_class, 0)


def decision_margin(probs: np.ndarray, threshold: float | np.ndarray) -> np.ndarray:
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
