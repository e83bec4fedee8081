"""The fine-tuned encoder's features were fitted on the train labels: they must reach the
model only through the blend fitted on val, never through the out-of-fold stack on train.

A simulated fine-tuned group memorises the train labels (near-perfect on train rows) but
generalises only moderately (val and test). The honest pipeline keeps it out of the stack;
the leaking variant (treating it like any label-free group) is caught on test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import pearsonr

import perception.models.train as train_module
from perception.config import TrainConfig
from perception.models.dataset import TargetData
from perception.models.target_model import BLEND, STACK
from perception.models.train import train_target

from .conftest import make_data, target_config


def with_memorising_group(data: TargetData, seed: int = 3) -> TargetData:
    rng = np.random.default_rng(seed)
    train = data.split == "train"
    y = data.y.astype(float)
    noise = np.where(train, 0.01, 0.6)  # near-exact on train rows, noisy elsewhere
    columns = {f"ft_{i}": y + noise * rng.normal(size=len(y)) for i in range(4)}
    finetuned = pd.DataFrame(columns)
    return TargetData(ids=data.ids, split=data.split, fold=data.fold, y=data.y,
                      groups={**data.groups, "finetuned": finetuned}, context=data.context,
                      slices=data.slices)


def _test_pearson(model, data: TargetData) -> float:
    test = data.mask("test")
    features = {g: frame[test].reset_index(drop=True) for g, frame in data.groups.items()}
    pred = model.predict(features, data.context[test].reset_index(drop=True))
    return float(pearsonr(pred, data.y[test])[0])


@pytest.fixture
def grouped(train_config: TrainConfig) -> TrainConfig:
    return train_config.model_copy(
        update={"groups": ["lexical", "embeddings", "temporal", "finetuned"]})


def test_finetuned_group_enters_only_through_the_val_blend(grouped: TrainConfig) -> None:
    data = with_memorising_group(make_data("regression", n=900, seed=5))
    cfg = target_config("regression", learners={"finetuned": "linear",
                                                "embeddings": "linear"})
    result = train_target("valence", data, cfg, grouped)
    model = result.model
    assert "finetuned" in model.groups and "finetuned" not in model.stacked
    assert BLEND in result.candidates and STACK in result.candidates
    assert model.info["fitted_groups"] == ["finetuned"]
    # Honest: what val promised for the chosen model holds on test.
    val_r = result.calibrated_val["pearson"]
    test_r = _test_pearson(model, data)
    assert abs(val_r - test_r) < 0.06, (val_r, test_r)


def test_the_leaking_variant_is_caught_on_test(grouped: TrainConfig,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = with_memorising_group(make_data("regression", n=900, seed=5))
    cfg = target_config("regression", learners={"finetuned": "linear",
                                                "embeddings": "linear"}, selection="stack")
    honest = train_target("valence", data, cfg, grouped)
    # The leak: stack the label-fitted group out of fold as if it were label-free. Its train
    # rows look perfect, so the meta-model trusts it and the stack falls apart on test.
    monkeypatch.setattr(train_module, "FITTED_GROUPS", frozenset())
    leaky = train_target("valence", data, cfg, grouped)
    assert "finetuned" in leaky.model.stacked
    honest_r, leaky_r = _test_pearson(honest.model, data), _test_pearson(leaky.model, data)
    assert honest_r > leaky_r + 0.05, (honest_r, leaky_r)


def test_blend_is_saved_and_reloaded_exactly(grouped: TrainConfig, tmp_path) -> None:
    from perception.models.target_model import load_model, save_model

    data = with_memorising_group(make_data("multiclass", n=900, seed=6))
    cfg = target_config("multiclass", learners={"finetuned": "linear",
                                                "embeddings": "linear"}, selection="blend")
    model = train_target("crisis", data, cfg, grouped).model
    save_model(model, tmp_path / "m", {})
    again = load_model(tmp_path / "m")
    test = data.mask("test")
    features = {g: frame[test].reset_index(drop=True) for g, frame in data.groups.items()}
    context = data.context[test].reset_index(drop=True)
    np.testing.assert_allclose(model.predict(features, context),
                               again.predict(features, context), rtol=0, atol=1e-12)
