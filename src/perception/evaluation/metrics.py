"""Metrics per kind of target, as flat dicts of rounded floats (stable JSON for review)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import (
    f1_score,
    log_loss,
    matthews_corrcoef,
    mean_absolute_error,
    precision_recall_fscore_support,
    roc_auc_score,
    root_mean_squared_error,
)

from perception.models.calibration import expected_calibration_error, top_label_ece
from perception.models.decision import decide, event_probability, wilson_interval

DIGITS = 6


def _r(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), DIGITS)


def _correlation(fn: Any, a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(fn(a, b)[0])


def regression_metrics(y: np.ndarray, pred: np.ndarray, n_bins: int) -> dict[str, Any]:
    return {
        "n": len(y),
        "rmse": _r(root_mean_squared_error(y, pred)) if len(y) else None,
        "mae": _r(mean_absolute_error(y, pred)) if len(y) else None,
        "pearson": _r(_correlation(pearsonr, pred, y)),
        "spearman": _r(_correlation(spearmanr, pred, y)),
        "ece": _r(expected_calibration_error(pred, y, n_bins)),
    }


def probability_metrics(y: np.ndarray, probs: np.ndarray, classes: list[str], n_bins: int
                        ) -> dict[str, Any]:
    """Threshold-free quality of class probabilities: ranking and calibration of the event
    probability (1 - P(first class)), log loss. The keys keep their crisis names
    (`crises`: event rows, `any_crisis_*`): they are the metrics files' schema."""
    is_event = y != 0
    scores = event_probability(probs)
    positives, negatives = int(is_event.sum()), int((~is_event).sum())
    return {
        "n": len(y),
        "crises": positives,
        "any_crisis_auc": (_r(roc_auc_score(is_event, scores))
                           if positives and negatives else None),
        "any_crisis_ece": _r(expected_calibration_error(scores, is_event.astype(float), n_bins)),
        "ece": _r(top_label_ece(probs, y, n_bins)),
        "log_loss": _r(log_loss(y, np.clip(probs, 1e-15, 1.0), labels=range(len(classes))))
        if len(y) else None,
    }


def event_metrics(is_event: np.ndarray, flagged: np.ndarray) -> dict[str, Any]:
    """Event vs no event at the decision: sensitivity with its 95 % Wilson interval (how sure
    the figure is on this many events), specificity and F1."""
    hits, events = int(flagged[is_event].sum()), int(is_event.sum())
    negatives = int((~is_event).sum())
    flags = int(flagged.sum())
    out: dict[str, Any] = {
        "sensitivity_ci95": ([_r(v) for v in wilson_interval(hits, events, 0.95)]
                             if events else None),
        "specificity": _r(1 - flagged[~is_event].mean()) if negatives else None,
        "any_crisis_f1": _r(2 * hits / (flags + events)) if flags + events else None,
    }
    return out


def classification_metrics(y: np.ndarray, probs: np.ndarray, classes: list[str],
                           threshold: float | np.ndarray, n_bins: int, *,
                           per_type: bool = True) -> dict[str, Any]:
    """The probabilities' quality plus the event decision at `threshold` (one, or one per
    row: then reported only where every row has the same), then its class."""
    is_event = y != 0
    flagged = event_probability(probs) >= threshold
    decided = decide(probs, threshold)
    levels = np.unique(np.asarray(threshold, dtype=np.float64))
    out = probability_metrics(y, probs, classes, n_bins)
    out.update({
        **({"threshold": _r(float(levels[0]))} if len(levels) == 1 else {}),
        "sensitivity": _r(flagged[is_event].mean()) if out["crises"] else None,
        "false_positive_rate": (_r(flagged[~is_event].mean())
                                if out["crises"] < out["n"] else None),
    })
    out.update(event_metrics(is_event, flagged))
    present = sorted(set(y.tolist()) | set(decided.tolist()))
    with warnings.catch_warnings():
        # Classes never predicted have an undefined precision; scikit-learn then reports 0.
        warnings.simplefilter("ignore")
        out["macro_f1"] = _r(f1_score(y, decided, labels=present, average="macro",
                                      zero_division=0))
        out["mcc"] = _r(matthews_corrcoef(y, decided)) if len(y) else None
        if per_type:
            precision, recall, f1, support = precision_recall_fscore_support(
                y, decided, labels=range(len(classes)), zero_division=0)
            out["per_type"] = {
                c: {"precision": _r(precision[i]), "recall": _r(recall[i]), "f1": _r(f1[i]),
                    "support": int(support[i])}
                for i, c in enumerate(classes)}
    return out


def safety_net_effect(is_event: np.ndarray, flagged: np.ndarray, net: np.ndarray
                      ) -> dict[str, Any]:
    """What the lexicon safety net adds to the model's decisions: events it catches that the
    model missed, and the false flags it costs (both as counts and as the combined rates)."""
    either = flagged | net
    events, negatives = int(is_event.sum()), int((~is_event).sum())
    return {
        "fires": int(net.sum()),
        "added_catches": int((net & ~flagged & is_event).sum()),
        "added_false_flags": int((net & ~flagged & ~is_event).sum()),
        "sensitivity_with_net": round(float(either[is_event].mean()), 6) if events else None,
        "false_positive_rate_with_net": (round(float(either[~is_event].mean()), 6)
                                         if negatives else None),
    }
