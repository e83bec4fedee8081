"""Calibration fitted on val, kept as small numeric tables so export can apply it exactly.

Regression: an isotonic map from prediction to label, stored as its breakpoints and applied
by linear interpolation (what scikit-learn's IsotonicRegression.predict does), clipped to
[0, 1]. Multiclass: one temperature applied to log-probabilities.

Applying a table needs only numpy and scipy.special: the serving process loads these
classes without scikit-learn (fitting imports what it needs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import log_softmax, softmax

# Log-probabilities are floored here so a zero probability stays finite.
_LOG_FLOOR = 1e-12


@dataclass(frozen=True)
class IsotonicTable:
    x: list[float]
    y: list[float]

    @classmethod
    def fit(cls, predicted: np.ndarray, observed: np.ndarray) -> IsotonicTable:
        from sklearn.isotonic import IsotonicRegression

        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        iso.fit(predicted, observed)
        return cls(x=[float(v) for v in iso.X_thresholds_],
                   y=[float(v) for v in iso.y_thresholds_])

    def apply(self, predicted: np.ndarray) -> np.ndarray:
        # np.interp holds the end values outside the table: out_of_bounds="clip".
        return np.clip(np.interp(predicted, self.x, self.y), 0.0, 1.0)

    def state(self) -> dict[str, Any]:
        return {"method": "isotonic", "x": self.x, "y": self.y}


@dataclass(frozen=True)
class Temperature:
    temperature: float

    @classmethod
    def fit(cls, probs: np.ndarray, labels: np.ndarray) -> Temperature:
        from scipy.optimize import minimize_scalar

        logits = log_probs(probs)

        def nll(log_t: float) -> float:
            scaled = log_softmax(logits / np.exp(log_t), axis=1)
            return float(-scaled[np.arange(len(labels)), labels].mean())

        found = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded",
                                options={"xatol": 1e-6})
        return cls(temperature=float(np.exp(found.x)))

    def apply(self, probs: np.ndarray) -> np.ndarray:
        return softmax(log_probs(probs) / self.temperature, axis=1)

    def state(self) -> dict[str, Any]:
        return {"method": "temperature", "temperature": self.temperature}


Calibration = IsotonicTable | Temperature


def calibration_from_state(state: dict[str, Any]) -> Calibration:
    if state["method"] == "isotonic":
        return IsotonicTable(x=list(state["x"]), y=list(state["y"]))
    return Temperature(temperature=float(state["temperature"]))


def log_probs(probs: np.ndarray) -> np.ndarray:
    return np.log(np.clip(probs, _LOG_FLOOR, 1.0))


def reliability(predicted: np.ndarray, observed: np.ndarray, n_bins: int) -> list[dict[str, Any]]:
    """Equal-width bins on [0, 1]: mean prediction against mean outcome, with the count."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(predicted, edges[1:-1]), 0, n_bins - 1)
    rows = []
    for b in range(n_bins):
        inside = which == b
        if inside.any():
            rows.append({"bin": b, "predicted": round(float(predicted[inside].mean()), 6),
                         "observed": round(float(observed[inside].mean()), 6),
                         "count": int(inside.sum())})
    return rows


def expected_calibration_error(predicted: np.ndarray, observed: np.ndarray,
                               n_bins: int) -> float:
    """Count-weighted mean |mean prediction - mean outcome| over equal-width bins. Outcomes
    may be 0/1 events or continuous labels on 0..1 (the regression form)."""
    if len(predicted) == 0:
        return float("nan")
    rows = reliability(predicted, observed, n_bins)
    return float(sum(r["count"] * abs(r["predicted"] - r["observed"]) for r in rows)
                 / len(predicted))


def top_label_ece(probs: np.ndarray, labels: np.ndarray, n_bins: int) -> float:
    """Multiclass ECE of the most likely class: its probability against being right."""
    top = probs.argmax(axis=1)
    return expected_calibration_error(probs.max(axis=1), (top == labels).astype(float), n_bins)
