from __future__ import annotations

import numpy as np
from scipy.special import softmax
from sklearn.isotonic import IsotonicRegression

from perception.models.calibration import (
    IsotonicTable,
    Temperature,
    calibration_from_state,
    expected_calibration_error,
    top_label_ece,
)


def test_isotonic_table_reduces_ece_and_matches_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    truth = rng.uniform(0, 1, 4000)
    observed = np.clip(truth + rng.normal(0, 0.05, truth.size), 0, 1)
    # Miscalibrated: squashed towards the middle and shifted up.
    predicted = 0.3 + 0.4 * truth
    fit, held = slice(0, 2000), slice(2000, None)
    table = IsotonicTable.fit(predicted[fit], observed[fit])
    before = expected_calibration_error(predicted[held], observed[held], 10)
    after = expected_calibration_error(table.apply(predicted[held]), observed[held], 10)
    assert before > 0.05 and after < before / 3
    reference = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(
        predicted[fit], observed[fit])
    probe = np.linspace(-0.5, 1.5, 301)
    np.testing.assert_allclose(table.apply(probe), reference.predict(probe), atol=1e-12)
    assert calibration_from_state(table.state()) == table


def test_temperature_scaling_reduces_ece_of_overconfident_probabilities() -> None:
    rng = np.random.default_rng(1)
    n, k = 6000, 4
    logits = rng.normal(0, 1.5, size=(n, k))
    labels = np.array([rng.choice(k, p=p) for p in softmax(logits, axis=1)])
    overconfident = softmax(logits * 3.0, axis=1)
    fit, held = slice(0, 3000), slice(3000, None)
    temperature = Temperature.fit(overconfident[fit], labels[fit])
    assert 2.5 < temperature.temperature < 3.5
    before = top_label_ece(overconfident[held], labels[held], 10)
    after = top_label_ece(temperature.apply(overconfident[held]), labels[held], 10)
    assert before > 0.1 and after < before / 3
    np.testing.assert_allclose(temperature.apply(overconfident).sum(axis=1), 1.0)
    assert calibration_from_state(temperature.state()) == temperature


def test_ece_of_a_perfectly_calibrated_bin_is_zero() -> None:
    predicted = np.array([0.25, 0.25, 0.25, 0.25])
    assert expected_calibration_error(predicted, np.array([1, 0, 0, 0.0]), 10) == 0.0
    assert expected_calibration_error(predicted, np.array([1, 1, 1, 1.0]), 10) == 0.75
