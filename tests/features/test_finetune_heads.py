"""Which heads the fine-tune stage trains, from the clean table and params (no torch run)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from perception.config import load_params
from perception.errors import ConfigError
from perception.features.finetuned import FinetuneError, label_heads

ROOT = Path(__file__).resolve().parents[2]


def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    ids = [f"r{i}" for i in range(8)]
    clean = pd.DataFrame({
        "id": ids, "user_id": [f"u{i % 3}" for i in range(8)],
        "text": [f"text {i}" for i in range(8)],
        "valence": np.linspace(0.1, 0.9, 8), "arousal": np.linspace(0.9, 0.1, 8),
        "crisis_type": ["none", "panic"] * 4,
    })
    splits = pd.DataFrame({"id": ids, "split": ["train"] * 6 + ["val"] * 2})
    return clean, splits


def test_head_weights_reach_their_heads_and_the_rest_weigh_one() -> None:
    clean, splits = _tables()
    texts, heads, rows = label_heads(clean, splits, [], {"crisis_type": "none"},
                                     weights={"crisis_type": 2.0})
    assert len(texts) == len(rows) == 6
    assert heads["crisis_type"].weight == 2.0
    assert heads["crisis_type"].bag_negative == heads["crisis_type"].classes.index("none")
    assert heads["valence"].weight == heads["arousal"].weight == 1.0


def test_a_head_weight_for_a_label_not_fine_tuned_is_refused() -> None:
    clean, splits = _tables()
    with pytest.raises(FinetuneError, match=r"finetune\.head_weights: \['crisis_type'\]"):
        label_heads(clean, splits, ["valence"], weights={"crisis_type": 2.0})


def test_params_refuse_a_head_weight_that_is_not_positive(tmp_path: Path) -> None:
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["finetune"]["head_weights"] = {"crisis_type": 0.0}
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"finetune\.head_weights.*must be > 0"):
        load_params(path)
