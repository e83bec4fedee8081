"""Learners to ONNX: the exported model gives the learner's numbers, to float rounding."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest

from perception.export.onnx import PROBABILITIES, class_columns, learner_to_onnx
from perception.models.learners import LightGBMLearner, LinearLearner, lightgbm_params


def _run(model, x: np.ndarray) -> list[np.ndarray]:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})


def _close_values(n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A feature whose distinct float64 values collapse in float32 (like EMAs of scores), and
    a label that depends on their exact order."""
    rng = np.random.default_rng(seed)
    x = np.column_stack([0.3 + rng.integers(0, 50, n) * 1e-9, rng.normal(size=n)])
    y = (x[:, 0] > 0.3 + 25e-9).astype(float) + 0.1 * x[:, 1]
    return x, y


def test_tree_thresholds_keep_float64_precision() -> None:
    x, y = _close_values()
    learner = LightGBMLearner(lightgbm_params("regression", 0, {"min_data_in_leaf": 5}, 1, 1),
                              rounds=20).fit(x, y)
    exported = _run(learner_to_onnx(learner, 2, 15, "t"), x)[0].reshape(-1)
    np.testing.assert_allclose(exported, learner.predict(x), atol=1e-6)
    # onnxmltools as it comes (float32 thresholds and input) gets these rows wrong.
    from onnxmltools import convert_lightgbm
    from onnxmltools.convert.common.data_types import FloatTensorType

    plain = convert_lightgbm(learner.booster, initial_types=[("x", FloatTensorType([None, 2]))],
                             target_opset=15)
    wrong = _run(plain, x.astype(np.float32))[0].reshape(-1)
    assert np.abs(wrong - learner.predict(x)).max() > 0.1


def test_multiclass_trees_give_the_boosters_probabilities() -> None:
    x, y = _close_values(seed=1)
    classes = np.digitize(y, [0.3, 0.8]).astype(float)
    learner = LightGBMLearner(lightgbm_params("multiclass", 3, {"min_data_in_leaf": 5}, 1, 1),
                              rounds=15).fit(x, classes)
    model = learner_to_onnx(learner, 2, 15, "t")
    assert model.graph.output[-1].name == PROBABILITIES
    np.testing.assert_allclose(_run(model, x)[-1], learner.predict(x), atol=1e-6)


def test_a_class_missing_from_training_keeps_its_place() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(120, 3))
    y = np.array([0, 1, 3])[rng.integers(0, 3, 120)]
    learner = LinearLearner("multiclass", alpha=1.0, n_classes=4).fit(x, y)
    columns = class_columns(learner)
    assert columns == [0, 1, 3]
    probs = _run(learner_to_onnx(learner, 3, 15, "t"), x)[-1]
    full = np.zeros((len(x), 4))
    full[:, columns] = probs
    np.testing.assert_allclose(full, learner.predict(x), atol=1e-12)


@pytest.mark.parametrize("kind", ["lightgbm", "ridge"])
def test_export_is_byte_identical(kind: str) -> None:
    x, y = _close_values(seed=3)
    learner = (LightGBMLearner(lightgbm_params("regression", 0, {}, 1, 1), rounds=10)
               if kind == "lightgbm" else LinearLearner("regression", alpha=1.0)).fit(x, y)
    first = learner_to_onnx(learner, 2, 15, "t").SerializeToString()
    assert all(learner_to_onnx(learner, 2, 15, "t").SerializeToString() == first
               for _ in range(3))
