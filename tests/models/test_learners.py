"""Saved learners predict exactly what the fitted ones did (no pickle involved)."""

from __future__ import annotations

import numpy as np

from perception.models.learners import LightGBMLearner, LinearLearner, lightgbm_params

from .conftest import make_data


def test_lightgbm_text_round_trip_is_exact() -> None:
    data = make_data("multiclass")
    x, y = data.matrix(["lexical", "embeddings"]), data.y
    params = lightgbm_params("multiclass", 3, {"num_leaves": 8}, 3, 1)
    fitted = LightGBMLearner(params, 20).fit(x, y)
    loaded = LightGBMLearner.loads(fitted.dumps())
    np.testing.assert_array_equal(fitted.predict(x), loaded.predict(x))
    assert fitted.predict(x).shape == (len(x), 3)


def test_linear_state_round_trip_is_exact() -> None:
    for kind in ("regression", "multiclass"):
        data = make_data(kind)
        x = data.matrix(["embeddings"])
        fitted = LinearLearner(kind, 0.5, 3 if kind == "multiclass" else 0).fit(x, data.y)
        loaded = LinearLearner.from_state(fitted.state())
        np.testing.assert_array_equal(fitted.predict(x), loaded.predict(x))


def test_a_class_missing_from_train_keeps_its_column() -> None:
    data = make_data("multiclass")
    x = data.matrix(["lexical"])
    keep = data.y != 1
    probs = LinearLearner("multiclass", 1.0, 3).fit(x[keep], data.y[keep]).predict(x)
    assert probs.shape == (len(x), 3)
    np.testing.assert_array_equal(probs[:, 1], 0.0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
