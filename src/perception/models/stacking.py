"""Out-of-fold stacking: base models per feature group, a meta-model on their OOF predictions.

Every train row's OOF prediction comes from a model fitted on the other folds only, so the
meta-model learns how the bases behave on rows they never saw. For val and test the bases are
refitted on all of train.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from perception.models.calibration import log_probs

if TYPE_CHECKING:  # serving composes predictions with this module, without LightGBM loaded
    from perception.models.learners import Kind, Learner


def oof_predict(make: Callable[[], Learner], x: np.ndarray, y: np.ndarray,
                fold: np.ndarray) -> np.ndarray:
    """Predictions for the rows of each fold from a model fitted on the other folds."""
    folds = np.unique(fold)
    if len(folds) < 2 or (folds < 0).any():
        raise ValueError(f"OOF needs at least two folds on train rows, got {folds.tolist()}")
    out: np.ndarray | None = None
    for f in folds:
        held = fold == f
        pred = make().fit(x[~held], y[~held]).predict(x[held])
        if out is None:
            out = np.zeros((len(x), *pred.shape[1:]))
        out[held] = pred
    assert out is not None
    return out


def crossfit_predict(make: Callable[[], Learner], x: np.ndarray, y: np.ndarray, n_folds: int,
                     seed: int, *, stratify: bool) -> np.ndarray:
    """Each row's prediction from a model fitted on the other rows' folds: seeded folds over
    rows that have none of their own (val), stratified by class where every class allows."""
    from sklearn.model_selection import KFold, StratifiedKFold

    counts = np.unique(y, return_counts=True)[1] if stratify else np.array([])
    n_folds = max(2, min(n_folds, len(y)))
    if stratify and counts.min() >= n_folds:
        splitter: KFold | StratifiedKFold = StratifiedKFold(n_folds, shuffle=True,
                                                            random_state=seed)
    else:
        splitter = KFold(n_folds, shuffle=True, random_state=seed)
    fold = np.zeros(len(y), dtype=np.int64)
    for f, (_, held) in enumerate(splitter.split(x, y)):
        fold[held] = f
    return oof_predict(make, x, y, fold)


@dataclass(frozen=True)
class ContextEncoder:
    """One-hot columns of categorical context, with the vocabulary seen on train (values
    outside it, e.g. a new language, are all-zero)."""

    vocabulary: dict[str, list[str]]

    @classmethod
    def fit(cls, context: pd.DataFrame) -> ContextEncoder:
        # Columns in sorted order: the vocabulary is saved as JSON with sorted keys, and the
        # reloaded encoder must lay its one-hot columns out exactly as the fitted one did.
        return cls({c: sorted(context[c].astype(str).unique().tolist())
                    for c in sorted(context.columns)})

    def transform(self, context: pd.DataFrame) -> np.ndarray:
        return self.encode({c: context[c].astype(str).to_numpy() for c in self.vocabulary},
                           len(context))

    def encode(self, values: Mapping[str, Sequence[str] | np.ndarray], rows: int) -> np.ndarray:
        """The one-hot block from plain columns of strings (what serving has at hand)."""
        blocks = [
            (np.asarray(values[c], dtype=object)[:, None] == np.asarray(vocab)[None, :])
            for c, vocab in sorted(self.vocabulary.items())
        ]
        if not blocks:
            return np.zeros((rows, 0))
        return np.hstack(blocks).astype(np.float64)

    def columns(self) -> list[str]:
        return [f"{c}={v}" for c, values in sorted(self.vocabulary.items()) for v in values]


def meta_matrix(kind: Kind, base_predictions: list[np.ndarray], context: np.ndarray
                ) -> np.ndarray:
    """What the meta-model sees: each base's prediction (log-probabilities for classes, so a
    linear meta-model combines them like a product of experts) and the context columns."""
    parts = [p[:, None] if kind == "regression" else log_probs(p) for p in base_predictions]
    return np.hstack([*parts, context])


def oof_frame(ids: np.ndarray, fold: np.ndarray, y: np.ndarray,
              predictions: dict[str, np.ndarray], classes: list[str]) -> pd.DataFrame:
    """OOF predictions by row, for audit: one column per base (per class for multiclass)."""
    columns: dict[str, Any] = {"id": ids, "fold": fold, "y": y}
    for name, pred in predictions.items():
        if pred.ndim == 1:
            columns[name] = pred
        else:
            for i, c in enumerate(classes):
                columns[f"{name}:{c}"] = pred[:, i]
    return pd.DataFrame(columns)
