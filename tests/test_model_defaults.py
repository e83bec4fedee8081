"""params.yaml states the targets' model settings once (`model_defaults`) and each target only
what differs; config.py merges them. The merged config must be exactly what the three built-in
targets had when each spelled out its whole `model` block, and dvc.yaml must rerun a target's
stages when either part changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perception.config import ConfigError, ModelConfig, load_params, merge_defaults, write_tuned

REPO = Path(__file__).resolve().parents[1]

# The three `model` blocks as params.yaml wrote them out in full before `model_defaults`
# (commit 5c708c0), pinned here: the merged config of each target must equal them.
EXPANDED = yaml.safe_load("""
valence: &regression
  learners: {lexical: lightgbm, embeddings: linear, temporal: lightgbm, finetuned: linear,
             sentences: linear, all: lightgbm}
  linear_alpha: 1.0
  meta_alpha: 1.0
  selection: auto
  lightgbm: {max_rounds: 1000, early_stopping_rounds: 50, num_threads: 2, max_bin: 63}
  search:
    learning_rate: {low: 0.02, high: 0.2, log: true}
    num_leaves: {low: 7, high: 63, integer: true}
    min_data_in_leaf: {low: 5, high: 60, integer: true}
    feature_fraction: {low: 0.3, high: 1.0}
    lambda_l2: {low: 0.001, high: 10.0, log: true}
  tuning:
    n_trials: {lexical: 30, temporal: 10, all: 12}
    timeout_s: 600
    patience: 10
    min_delta: 0.002
  calibration_bins: 10
arousal: *regression  # the same block, written out in full for both
crisis:
  learners: {lexical: lightgbm, embeddings: linear, temporal: lightgbm, finetuned: linear,
             sentences: linear, all: lightgbm}
  linear_alpha: 0.03
  meta_alpha: 1.0
  groups: [lexical, embeddings, sentences]  # `finetuned` dropped since, on val log loss
  blend_alpha: 30.0
  selection: auto
  lightgbm: {max_rounds: 1000, early_stopping_rounds: 50, num_threads: 2, max_bin: 63}
  search:
    learning_rate: {low: 0.02, high: 0.2, log: true}
    num_leaves: {low: 7, high: 31, integer: true}
    min_data_in_leaf: {low: 5, high: 40, integer: true}
    feature_fraction: {low: 0.3, high: 1.0}
    lambda_l2: {low: 0.001, high: 10.0, log: true}
  tuning:
    n_trials: {lexical: 20, temporal: 10, all: 8}
    timeout_s: 600
    patience: 8
    min_delta: 0.002
  calibration_bins: 10
  sensitivity_target: 0.95
  sensitivity_confidence: 0.8
  slice_sensitivity: {target: 0.90, slices: [lang, length_bucket]}
  threshold_by: lang
""")


def _raw() -> dict:
    return yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("target", sorted(EXPANDED))
def test_merged_model_equals_the_fully_written_block(target: str) -> None:
    merged = load_params(REPO / "params.yaml").targets[target].model
    assert merged == ModelConfig.model_validate(EXPANDED[target])


def test_targets_write_only_what_differs_from_the_defaults() -> None:
    raw = _raw()
    assert raw["targets"]["valence"]["model"] == raw["targets"]["arousal"]["model"] == {}
    defaults = raw["model_defaults"]
    for name, target in raw["targets"].items():
        for key, value in target["model"].items():
            assert value != defaults.get(key), f"targets.{name}.model.{key} repeats the default"


def test_maps_merge_at_any_depth_and_other_values_replace() -> None:
    defaults = {"a": 1, "m": {"x": {"low": 1, "high": 2}, "y": 3}, "l": [1, 2]}
    override = {"m": {"x": {"high": 9}}, "l": [3], "n": None}
    assert merge_defaults(defaults, override) == {
        "a": 1, "m": {"x": {"low": 1, "high": 9}, "y": 3}, "l": [3], "n": None}
    assert defaults["m"]["x"] == {"low": 1, "high": 2}     # the defaults are not modified


def test_a_target_without_model_or_with_null_gets_the_defaults(tmp_path: Path) -> None:
    raw = _raw()
    raw["targets"]["valence"].pop("model")
    raw["targets"]["arousal"]["model"] = None
    loaded = load_params(_write(tmp_path, raw))
    assert loaded.targets["valence"].model == loaded.targets["arousal"].model \
        == loaded.model_defaults


def test_a_changed_default_reaches_every_target_that_does_not_override_it(
        tmp_path: Path) -> None:
    raw = _raw()
    raw["model_defaults"]["calibration_bins"] = 7
    raw["model_defaults"]["linear_alpha"] = 2.0
    loaded = load_params(_write(tmp_path, raw))
    assert {t.model.calibration_bins for t in loaded.targets.values()} == {7}
    assert loaded.targets["valence"].model.linear_alpha == 2.0
    assert loaded.targets["crisis"].model.linear_alpha == 0.03      # its own override


def test_typos_name_the_block_they_are_in(tmp_path: Path) -> None:
    raw = _raw()
    raw["model_defaults"]["calibraton_bins"] = 7
    with pytest.raises(ConfigError, match=r"model_defaults\.calibraton_bins: unknown key"):
        load_params(_write(tmp_path, raw))
    raw = _raw()
    raw["targets"]["crisis"]["model"]["search"]["num_leaves"]["hihg"] = 3
    with pytest.raises(ConfigError, match=r"targets\.crisis\.model\.search\.num_leaves\.hihg"):
        load_params(_write(tmp_path, raw))


def test_tuned_params_are_per_target_not_defaults(tmp_path: Path) -> None:
    raw = _raw()
    space = raw["model_defaults"]["search"]
    raw["model_defaults"]["tuned"] = {"all": {"params": {k: v["low"] for k, v in space.items()},
                                              "rounds": 5}}
    with pytest.raises(ConfigError, match=r"model_defaults: .*belong to one target"):
        load_params(_write(tmp_path, raw))


def test_every_target_keeps_a_model_key_for_dvc() -> None:
    """train@<t> tracks targets.<t>.model; DVC fails on a tracked key that is missing."""
    for name, target in _raw()["targets"].items():
        assert "model" in target, f"targets.{name}: write `model: {{}}` for the defaults"


def test_stages_reading_a_targets_model_also_track_the_defaults() -> None:
    stages = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    readers = {}
    for name, stage in stages.items():
        params = [str(p) for p in stage.get("do", stage).get("params", [])]
        if {"targets.${key}", "targets.${key}.model"} & set(params):
            readers[name] = params
    assert {"train", "evaluate"} <= set(readers)
    for name, params in readers.items():
        assert "model_defaults" in params, f"dvc.yaml stage {name} misses model_defaults"


def test_write_tuned_opens_an_empty_model_block(tmp_path: Path) -> None:
    """`perception tune` on a target whose model is `{}`: the key becomes a block holding
    `tuned`, every other line stays as it was."""
    params = tmp_path / "params.yaml"
    original = (REPO / "params.yaml").read_text(encoding="utf-8")
    params.write_text(original, encoding="utf-8")
    tuned = {"all": {"params": {"feature_fraction": 0.5, "lambda_l2": 0.1,
                                "learning_rate": 0.05, "min_data_in_leaf": 10,
                                "num_leaves": 15}, "rounds": 40}}
    write_tuned(params, "valence", tuned)
    text = params.read_text(encoding="utf-8")
    old, new = original.splitlines(), text.splitlines()
    changed = [line for line in old if line not in new]
    assert len(changed) == 1 and changed[0].strip().startswith("model: {}")
    loaded = load_params(params)
    assert loaded.targets["valence"].model.tuned["all"].rounds == 40
    assert loaded.targets["valence"].model.search == loaded.model_defaults.search
    assert loaded.targets["arousal"].model.tuned == {}
