from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from perception.config import SplitConfig
from perception.data.split import SplitError, make_splits, user_groups
from perception.data.text import dedup_key


def clean_frame(n: int = 1200, n_users: int = 150, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    users = rng.integers(0, n_users, n)
    start = pd.Timestamp("2026-06-01", tz="UTC")
    crisis = rng.choice(["none", "panic", "self_harm", "passive_ideation"], n,
                        p=[0.85, 0.05, 0.05, 0.05])
    frame = pd.DataFrame({
        "id": [f"s:{i:05d}" for i in range(n)],
        "user_id": pd.array([f"s:u{u}" for u in users], dtype="string"),
        "created_at": start + pd.to_timedelta(rng.uniform(0, 90 * 24, n), unit="h"),
        "text": [f"text {i} of user {u}" for i, u in enumerate(users)],
        "lang": rng.choice(["en", "hinglish"], n, p=[0.7, 0.3]),
        "crisis_type": crisis,
        "length_bucket": rng.choice(["short", "medium", "long"], n, p=[0.75, 0.2, 0.05]),
    })
    # Near-duplicate texts from different users: they must land in the same split.
    frame.loc[10, "text"] = "Feeling great today!"
    frame.loc[20, "text"] = "feeling great, today"
    return frame


def test_group_split_has_no_leaks_and_sane_fractions() -> None:
    frame = clean_frame()
    out, metrics = make_splits(frame, SplitConfig())
    assert len(out) == len(frame) and out["id"].tolist() == frame["id"].tolist()
    merged = frame.assign(split=out["split"], fold=out["fold"])
    per_user = merged.groupby("user_id")["split"].nunique()
    assert (per_user == 1).all()
    assert merged.loc[10, "split"] == merged.loc[20, "split"]
    shares = out["split"].value_counts(normalize=True)
    assert shares["train"] == pytest.approx(0.70, abs=0.06)
    assert shares["val"] == pytest.approx(0.15, abs=0.05)
    assert shares["test"] == pytest.approx(0.15, abs=0.05)
    train = merged[merged["split"] == "train"]
    assert set(train["fold"]) == set(range(5))
    assert (merged.loc[merged["split"] != "train", "fold"] == -1).all()
    assert (train.groupby("user_id")["fold"].nunique() == 1).all()
    assert {k: v for k, v in metrics["leakage"].items() if k != "cross_split_duplicate_texts"
            } == {"user_overlap": 0, "text_overlap": 0, "fold_user_overlap": 0,
                  "fold_text_overlap": 0, "source_split_user_overlap": 0}
    assert sum(metrics["rows"].values()) == len(frame)
    # Stratification: each split's crisis share stays near the overall one.
    overall = (frame["crisis_type"] != "none").mean()
    for name in ("train", "val", "test"):
        share = 1 - metrics["class_balance"][name].get("none", 0)
        assert share == pytest.approx(overall, abs=0.05)


def test_same_inputs_same_splits_and_seed_matters() -> None:
    frame = clean_frame()
    a, _ = make_splits(frame, SplitConfig())
    b, _ = make_splits(frame.copy(), SplitConfig())
    c, _ = make_splits(frame, SplitConfig(seed=99))
    pd.testing.assert_frame_equal(a, b)
    assert not a["split"].equals(c["split"])


def test_time_split_orders_periods_and_embargoes_train() -> None:
    frame = clean_frame()
    out, metrics = make_splits(frame, SplitConfig(strategy="time", embargo_days=7))
    merged = frame.assign(split=out["split"], note=out["note"])
    t = {s: merged.loc[merged["split"] == s, "created_at"] for s in ("train", "val", "test")}
    assert t["train"].max() < t["val"].min() <= t["val"].max() < t["test"].min()
    assert t["val"].min() - t["train"].max() >= pd.Timedelta(days=7)
    embargoed = merged[merged["note"] == "embargo"]
    assert len(embargoed) > 0 and (embargoed["split"] == "dropped").all()
    assert metrics["dropped"]["embargo"] == len(embargoed)
    assert metrics["leakage"]["time_order_violations"] == 0
    assert sum(metrics["rows"].values()) == len(frame)


def test_time_split_drops_earlier_copies_of_a_text_seen_later() -> None:
    frame = clean_frame()
    late = frame["created_at"].idxmax()
    early = frame["created_at"].idxmin()
    frame.loc[early, "text"] = frame.loc[late, "text"].upper()
    out, metrics = make_splits(frame, SplitConfig(strategy="time"))
    assert out.loc[early, "split"] == "dropped" and out.loc[early, "note"] == "text_overlap"
    assert metrics["leakage"]["text_overlap"] == 0


def test_user_groups_join_users_through_shared_texts() -> None:
    users = pd.Series(["a", "a", "b", None, "c"], dtype="object")
    keys = pd.Series([dedup_key(t) for t in ["x", "y", "Y!", "z", "w"]])
    groups = user_groups(users, keys)
    assert groups[0] == groups[1] == groups[2]
    assert len({groups[0], groups[3], groups[4]}) == 3


def test_too_few_groups_fails_clearly() -> None:
    frame = clean_frame(n=30, n_users=2)
    with pytest.raises(SplitError, match="groups"):
        make_splits(frame, SplitConfig())
