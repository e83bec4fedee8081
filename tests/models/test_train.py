"""train_target: deterministic, honest about test, and the pieces fit together."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from perception.models.target_model import load_model, model_digest, save_model
from perception.models.train import train_target

from .conftest import make_data, target_config


@pytest.mark.parametrize("kind", ["regression", "multiclass"])
def test_training_is_deterministic_and_round_trips(kind, train_config, tmp_path) -> None:
    data = make_data(kind)
    cfg = target_config(kind)
    first = train_target("toy", data, cfg, train_config)
    second = train_target("toy", data, cfg, train_config)
    save_model(first.model, tmp_path / "a", {"oof": first.oof})
    save_model(second.model, tmp_path / "b", {"oof": second.oof})
    assert model_digest(tmp_path / "a") == model_digest(tmp_path / "b")

    loaded = load_model(tmp_path / "a")
    te = data.mask("test")
    features = {g: f[te].reset_index(drop=True) for g, f in data.groups.items()}
    context = data.context[te].reset_index(drop=True)
    np.testing.assert_array_equal(first.model.predict(features, context),
                                  loaded.predict(features, context))
    assert set(first.candidates) == {"lexical", "embeddings", "temporal", "all", "stack"}
    assert first.oof["id"].tolist() == data.ids[data.mask("train")].tolist()


def test_test_rows_are_never_read(train_config) -> None:
    data = make_data("regression")
    te = data.mask("test")
    scrambled_y = data.y.copy()
    scrambled_y[te] = np.random.default_rng(5).uniform(size=te.sum())
    groups = {g: f.copy() for g, f in data.groups.items()}
    for frame in groups.values():
        frame.loc[te] = 123.0
    other = type(data)(data.ids, data.split, data.fold, scrambled_y, groups, data.context,
                       data.slices)
    cfg = target_config("regression")
    a = train_target("toy", data, cfg, train_config).model
    b = train_target("toy", other, cfg, train_config).model
    assert a.calibration == b.calibration and a.chosen == b.chosen


def test_selection_param_forces_a_model(train_config) -> None:
    data = make_data("multiclass")
    result = train_target("toy", data, target_config("multiclass", selection="stack"),
                          train_config)
    assert result.model.chosen == "stack" and "meta" in result.model.learners
    assert result.model.threshold is not None
    probs = result.model.predict(
        {g: f for g, f in data.groups.items()}, data.context)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    # The crisis threshold met the sensitivity target on val.
    va = data.mask("val")
    crisis = data.y[va] != 0
    assert ((1 - probs[va, 0])[crisis] >= result.model.threshold).mean() >= 0.9


def test_auto_selection_picks_the_best_on_val(train_config) -> None:
    result = train_target("toy", make_data("regression"), target_config("regression"),
                          train_config)
    best = max(result.candidates, key=lambda m: result.candidates[m]["pearson"])
    assert result.model.chosen == best
    summary = result.model.info["selection"]
    assert summary["chosen"] == best and summary["metric"] == "pearson"
    assert summary["stack_beats_all"] == (summary["val"]["stack"] > summary["val"]["all"])
    bases = ("lexical", "embeddings", "temporal")
    assert summary["best_single"] == max(bases, key=lambda m: summary["val"][m])
    assert isinstance(result.val, pd.DataFrame) and len(result.val) > 0


def test_a_threshold_per_language_is_chosen_on_val_saved_and_applied(train_config,
                                                                     tmp_path) -> None:
    data = make_data("multiclass")
    cfg = target_config("multiclass", selection="stack", sensitivity_target=0.9,
                        slice_sensitivity={"target": 0.85, "slices": ["lang"]},
                        threshold_by="lang")
    model = train_target("toy", data, cfg, train_config).model
    assert model.threshold_by is not None and set(model.threshold_by["lang"]) == {
        "en", "hinglish"}
    assert model.threshold == min(model.threshold_by["lang"].values())
    save_model(model, tmp_path / "m", {})
    loaded = load_model(tmp_path / "m")
    assert loaded.threshold_by == model.threshold_by
    # Each val row is judged at its language's threshold, and every target holds on val.
    va = data.mask("val")
    probs = model.predict(data.groups, data.context)
    at = loaded.thresholds(data.slices[va], int(va.sum()))
    lang = data.slices["lang"].to_numpy()[va]
    np.testing.assert_allclose(at, [model.threshold_by["lang"][v] for v in lang])
    flagged = (1 - probs[va, 0]) >= at
    crisis = data.y[va] != 0
    assert flagged[crisis].mean() >= 0.9
    for level in ("en", "hinglish"):
        assert flagged[crisis & (lang == level)].mean() >= 0.85
    # A language without a threshold of its own is judged at the lowest.
    assert loaded.thresholds({"lang": ["fr"]}, 1)[0] == model.threshold


def test_threshold_by_needs_the_sensitivity_decision() -> None:
    with pytest.raises(ValueError, match="threshold_by"):
        target_config("multiclass", decision="f1", threshold_by="lang")
