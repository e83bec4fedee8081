"""The two kinds of learner behind every model here, with pickle-free persistence.

LightGBM boosters are stored as LightGBM's own text model; linear models as their fitted
coefficients in JSON, rebuilt into the scikit-learn estimator on load. Both predict a vector
(regression) or a (rows, classes) probability matrix (multiclass) from a float matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge

Kind = Literal["regression", "multiclass"]


def lightgbm_params(kind: Kind, n_classes: int, tuned: dict[str, Any], seed: int,
                    num_threads: int, max_bin: int = 255) -> dict[str, Any]:
    """Full LightGBM params: the tuned ones plus what makes runs repeatable."""
    objective = ({"objective": "regression", "metric": "rmse"} if kind == "regression" else
                 {"objective": "multiclass", "metric": "multi_logloss", "num_class": n_classes})
    return {**objective, **tuned, "seed": seed, "deterministic": True, "force_col_wise": True,
            "num_threads": num_threads, "max_bin": max_bin, "verbosity": -1}


@dataclass
class LightGBMLearner:
    params: dict[str, Any]
    rounds: int
    booster: lgb.Booster | None = field(default=None, repr=False)

    def fit(self, x: np.ndarray, y: np.ndarray) -> LightGBMLearner:
        data = lgb.Dataset(x, label=y.astype(np.float64), free_raw_data=True)
        self.booster = lgb.train(self.params, data, num_boost_round=self.rounds)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        assert self.booster is not None, "fit or load the learner first"
        return np.asarray(self.booster.predict(x), dtype=np.float64)

    def dumps(self) -> str:
        assert self.booster is not None
        return self.booster.model_to_string()

    @classmethod
    def loads(cls, text: str) -> LightGBMLearner:
        booster = lgb.Booster(model_str=text)
        return cls(params=dict(booster.params), rounds=booster.current_iteration(),
                   booster=booster)


@dataclass
class LinearLearner:
    """Ridge (regression) or multinomial logistic regression (multiclass, C = 1 / alpha)."""

    kind: Kind
    alpha: float
    n_classes: int = 0
    estimator: Ridge | LogisticRegression | None = field(default=None, repr=False)

    def _new(self) -> Ridge | LogisticRegression:
        if self.kind == "regression":
            return Ridge(alpha=self.alpha)
        return LogisticRegression(C=1.0 / self.alpha, max_iter=5000)

    def fit(self, x: np.ndarray, y: np.ndarray) -> LinearLearner:
        self.estimator = self._new().fit(x, y)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        assert self.estimator is not None, "fit or load the learner first"
        if self.kind == "regression":
            return np.asarray(self.estimator.predict(x), dtype=np.float64)
        # A class absent from the training rows gets no column from scikit-learn; it keeps a
        # zero probability in the fixed class order.
        probs = np.zeros((len(x), self.n_classes))
        probs[:, self.estimator.classes_.astype(int)] = self.estimator.predict_proba(x)
        return probs

    def state(self) -> dict[str, Any]:
        assert self.estimator is not None
        est = self.estimator
        state: dict[str, Any] = {"kind": self.kind, "alpha": self.alpha,
                                 "n_classes": self.n_classes,
                                 "coef": np.asarray(est.coef_).tolist(),
                                 "intercept": np.atleast_1d(est.intercept_).tolist()}
        if self.kind == "multiclass":
            state["classes"] = est.classes_.astype(int).tolist()
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LinearLearner:
        learner = cls(kind=state["kind"], alpha=state["alpha"], n_classes=state["n_classes"])
        est = learner._new()
        coef = np.asarray(state["coef"], dtype=np.float64)
        est.coef_ = coef
        est.n_features_in_ = coef.shape[-1]
        if learner.kind == "regression":
            est.intercept_ = float(state["intercept"][0])
        else:
            est.intercept_ = np.asarray(state["intercept"], dtype=np.float64)
            est.classes_ = np.asarray(state["classes"])
        learner.estimator = est
        return learner


Learner = LightGBMLearner | LinearLearner
