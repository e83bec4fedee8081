"""benchmarks/real_data.py without running the pipeline: the params edit it makes is one the
pipeline accepts (the default recipe, valence only), and a fold's file marks that fold test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from benchmark_modules import load_benchmark

from perception.config import load_params

ROOT = Path(__file__).resolve().parents[1]
real_data = load_benchmark("real_data")


def _edited(tmp_path: Path, max_epochs: int | None) -> tuple[dict, object]:
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    real_data.own_data("tweets", max_epochs)(params)
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    return params, load_params(tmp_path / "params.yaml")


def test_own_data_edit_is_valid_and_keeps_the_default_recipe(tmp_path: Path) -> None:
    committed = load_params(ROOT / "params.yaml")
    _, loaded = _edited(tmp_path, None)
    assert list(loaded.targets) == ["valence"]
    (source,) = loaded.ingest.sources
    assert source.split is not None and source.split.column == real_data.CV_COLUMN
    assert dict(source.split.values) == {"test": "test", "rest": "train_val"}
    # No crisis label in a valence-only corpus: no bags; everything else as committed.
    assert loaded.finetune.bags == {}
    assert loaded.finetune.model_copy(update={"bags": committed.finetune.bags}) \
        == committed.finetune
    assert loaded.train.groups == committed.train.groups


def test_max_epochs_override_is_recorded_as_not_default(tmp_path: Path) -> None:
    _, loaded = _edited(tmp_path, 1)
    assert loaded.finetune.max_epochs == 1
    recipe = real_data.recipe(1)
    assert recipe["default"] is False and recipe["overrides"] == {"finetune.max_epochs": 1}
    assert real_data.recipe(None)["default"] is True


def test_fold_file_marks_the_fold_as_test() -> None:
    lines = [b"1\t0.5\tgood film", b"2\t-1.0\tbad film", b"3\t0.0\tA film."]
    folds = np.array([0, 1, 0])
    data = real_data.fold_file(lines, folds, 0)
    assert data.split(b"\r\n")[:-1] == [b"1\t0.5\tgood film\ttest", b"2\t-1.0\tbad film\trest",
                                         b"3\t0.0\tA film.\ttest"]
