"""Out-of-fold predictions come only from models that never saw the row."""

from __future__ import annotations

import numpy as np
import pytest

from perception.models.learners import LightGBMLearner, LinearLearner, lightgbm_params
from perception.models.stacking import ContextEncoder, oof_predict

from .conftest import make_data


def _learners():
    params = lightgbm_params("regression", 0, {"num_leaves": 8, "min_data_in_leaf": 5}, 1, 1)
    return {
        "lightgbm": lambda: LightGBMLearner(params, 30),
        "linear": lambda: LinearLearner("regression", 1.0),
    }


@pytest.mark.parametrize("learner", ["lightgbm", "linear"])
def test_a_rows_oof_prediction_ignores_its_own_label(learner: str) -> None:
    data = make_data("regression")
    train = data.mask("train")
    x, y, fold = data.matrix(["lexical", "embeddings"], train), data.y[train], data.fold[train]
    make = _learners()[learner]
    before = oof_predict(make, x, y, fold)
    # Scramble the labels of fold 0 only: its OOF predictions must not move at all, because
    # the model that made them never saw those rows; every other fold's must.
    poisoned = y.copy()
    held = fold == 0
    poisoned[held] = np.random.default_rng(1).permutation(poisoned[held]) + 5.0
    after = oof_predict(make, x, poisoned, fold)
    np.testing.assert_array_equal(before[held], after[held])
    assert not np.allclose(before[~held], after[~held])


def test_a_leaking_variant_is_caught() -> None:
    """The check above fails for a model that was fitted on all rows (the classic leak)."""
    data = make_data("regression")
    train = data.mask("train")
    x, y = data.matrix(["lexical"], train), data.y[train]
    held = data.fold[train] == 0
    poisoned = y.copy()
    poisoned[held] += 5.0
    leaky_before = LinearLearner("regression", 1.0).fit(x, y).predict(x[held])
    leaky_after = LinearLearner("regression", 1.0).fit(x, poisoned).predict(x[held])
    assert not np.allclose(leaky_before, leaky_after)


def test_oof_needs_folds() -> None:
    with pytest.raises(ValueError, match="two folds"):
        oof_predict(lambda: LinearLearner("regression", 1.0), np.ones((4, 1)), np.ones(4),
                    np.zeros(4, dtype=int))


def test_context_encoder_ignores_unseen_values() -> None:
    import pandas as pd

    enc = ContextEncoder.fit(pd.DataFrame({"lang": ["en", "hinglish", "en"]}))
    out = enc.transform(pd.DataFrame({"lang": ["hinglish", "fr"]}))
    np.testing.assert_array_equal(out, [[0.0, 1.0], [0.0, 0.0]])
    assert enc.columns() == ["lang=en", "lang=hinglish"]
