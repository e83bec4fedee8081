from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from perception.features.temporal import (
    NEUTRAL_DOW,
    temporal_columns,
    temporal_features,
    temporal_features_for,
)

T0 = pd.Timestamp("2026-03-02 06:00", tz="UTC")  # a Monday
COLS = temporal_columns()


def make_frame(rows: list[tuple[str, str | None, pd.Timestamp | None, float]]) -> pd.DataFrame:
    ids, users, times, vals = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "id": list(ids),
            "user_id": pd.Series(list(users), dtype=object),
            "created_at": pd.to_datetime(pd.Series(list(times)), utc=True),
            "lexical_valence": list(vals),
        }
    )


def random_timeline(seed: int, n: int = 70, n_users: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    # Few distinct hours over ~3 weeks, so same-user timestamp ties are common.
    hours = rng.integers(0, 24 * 21, size=n // 3)
    times = T0 + pd.to_timedelta(rng.choice(hours, size=n), unit="h")
    frame = pd.DataFrame(
        {
            "id": [f"x{i:03d}" for i in rng.permutation(n)],
            "user_id": pd.Series([f"u{u}" for u in rng.integers(0, n_users, n)], dtype=object),
            "created_at": pd.Series(times),
            "lexical_valence": rng.random(n),
        }
    )
    frame.loc[rng.choice(n, 4, replace=False), "user_id"] = None
    frame.loc[rng.choice(n, 4, replace=False), "created_at"] = pd.NaT
    return frame


def test_columns_and_order() -> None:
    frame = random_timeline(0)
    out = temporal_features(frame)
    assert list(out.columns) == ["id", *COLS]
    assert COLS == [
        "tmp_ema_0_3", "tmp_ema_0_7", "tmp_roll_mean_7d", "tmp_roll_std_7d", "tmp_count_7d",
        "tmp_hours_since_prev", "tmp_hour_sin", "tmp_hour_cos", "tmp_dow", "tmp_has_history",
        "tmp_no_user_time",
    ]  # fmt: skip
    assert out["id"].tolist() == frame["id"].tolist()
    assert isinstance(out.index, pd.RangeIndex)
    assert not out.isna().any().any()
    assert temporal_columns((0.5,), 3.0)[:4] == [
        "tmp_ema_0_5", "tmp_roll_mean_3d", "tmp_roll_std_3d", "tmp_count_3d",
    ]  # fmt: skip


def test_output_follows_input_order() -> None:
    frame = random_timeline(1)
    out = temporal_features(frame).set_index("id")
    perm = np.random.default_rng(5).permutation(len(frame))
    shuffled = frame.iloc[perm].reset_index(drop=True)
    out_shuffled = temporal_features(shuffled)
    assert out_shuffled["id"].tolist() == shuffled["id"].tolist()
    pd.testing.assert_frame_equal(
        out_shuffled.set_index("id"), out.loc[shuffled["id"]], check_exact=True
    )


def test_hand_computed_example() -> None:
    h = pd.Timedelta(hours=1)
    d = pd.Timedelta(days=1)
    frame = make_frame(
        [
            ("a5", "A", T0 + 10 * d, 0.0),
            ("a1", "A", T0, 0.2),
            ("a3", "A", T0 + h, 0.4),  # same time as a2: ties broken by id for the EMA
            ("a2", "A", T0 + h, 0.8),
            ("a4", "A", T0 + 3 * d, 1.0),
            ("b1", "B", T0 + 2 * h, 0.9),
        ]
    )
    out = temporal_features(frame).set_index("id")

    # EMA(0.3) prefixes over a1, a2, a3, a4 in (time, id) order.
    e1 = 0.2
    e2 = 0.3 * 0.8 + 0.7 * e1
    e3 = 0.3 * 0.4 + 0.7 * e2
    e4 = 0.3 * 1.0 + 0.7 * e3
    expected_ema = {"a1": 0.5, "a2": e1, "a3": e1, "a4": e3, "a5": e4, "b1": 0.5}
    for item, value in expected_ema.items():
        assert out.loc[item, "tmp_ema_0_3"] == pytest.approx(value), item
    f1 = 0.2
    f3 = 0.7 * 0.4 + 0.3 * (0.7 * 0.8 + 0.3 * f1)
    assert out.loc["a4", "tmp_ema_0_7"] == pytest.approx(f3)

    # a2 and a3 share a timestamp: each sees only a1, not the other.
    for item in ("a2", "a3"):
        assert out.loc[item, "tmp_count_7d"] == 1
        assert out.loc[item, "tmp_roll_mean_7d"] == pytest.approx(0.2)
        assert out.loc[item, "tmp_roll_std_7d"] == 0.0
        assert out.loc[item, "tmp_hours_since_prev"] == pytest.approx(1.0)

    window = np.array([0.2, 0.8, 0.4])
    assert out.loc["a4", "tmp_count_7d"] == 3
    assert out.loc["a4", "tmp_roll_mean_7d"] == pytest.approx(window.mean())
    assert out.loc["a4", "tmp_roll_std_7d"] == pytest.approx(window.std())
    assert out.loc["a4", "tmp_hours_since_prev"] == pytest.approx(71.0)

    # a5 is at day 10: the window [day 3, day 10) includes a4 at exactly day 3.
    assert out.loc["a5", "tmp_count_7d"] == 1
    assert out.loc["a5", "tmp_roll_mean_7d"] == pytest.approx(1.0)
    assert out.loc["a5", "tmp_hours_since_prev"] == pytest.approx(168.0)

    # First items: neutral history values, real own-time values.
    for item in ("a1", "b1"):
        row = out.loc[item]
        assert row["tmp_has_history"] == 0
        assert row["tmp_count_7d"] == 0
        assert row["tmp_roll_mean_7d"] == 0.5 and row["tmp_roll_std_7d"] == 0.0
        assert row["tmp_hours_since_prev"] == 168.0
        assert row["tmp_no_user_time"] == 0
    assert out.loc["a2", "tmp_has_history"] == 1
    assert out.loc["a1", "tmp_dow"] == 0  # Monday
    assert out.loc["a1", "tmp_hour_sin"] == pytest.approx(1.0)  # 06:00 is a quarter turn
    assert out.loc["a1", "tmp_hour_cos"] == pytest.approx(0.0, abs=1e-12)
    assert out.loc["a4", "tmp_dow"] == 3


def test_rows_without_user_or_time_are_neutral_and_flagged() -> None:
    frame = make_frame(
        [
            ("a1", "A", T0, 0.9),
            ("n1", None, T0 + pd.Timedelta(hours=5), 0.1),
            ("n2", "A", None, 0.1),
            ("n3", None, None, 0.1),
            ("a2", "A", T0 + pd.Timedelta(hours=2), 0.5),
        ]
    )
    out = temporal_features(frame).set_index("id")
    neutral = {
        "tmp_ema_0_3": 0.5, "tmp_ema_0_7": 0.5, "tmp_roll_mean_7d": 0.5, "tmp_roll_std_7d": 0.0,
        "tmp_count_7d": 0, "tmp_hours_since_prev": 168.0, "tmp_hour_sin": 0.0,
        "tmp_hour_cos": 0.0, "tmp_dow": NEUTRAL_DOW, "tmp_has_history": 0, "tmp_no_user_time": 1,
    }  # fmt: skip
    for item in ("n1", "n2", "n3"):
        assert out.loc[item].to_dict() == neutral, item
    # The timeless row of user A is not part of A's history.
    assert out.loc["a2", "tmp_count_7d"] == 1
    assert out.loc["a2", "tmp_ema_0_3"] == pytest.approx(0.9)
    assert out.loc["a2", "tmp_no_user_time"] == 0


def _earlier_mask(frame: pd.DataFrame, j: int) -> np.ndarray:
    """Rows whose features must not depend on row j: everything not strictly later than it."""
    t = frame["created_at"]
    tj = t.iloc[j]
    if pd.isna(tj) or pd.isna(frame["user_id"].iloc[j]):
        return np.ones(len(frame), dtype=bool)
    return (t.isna() | (t <= tj)).to_numpy().copy()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_lookahead(seed: int) -> None:
    """Changing or deleting any item leaves every item not strictly later than it unchanged.

    Checked for every item of a random timeline with timestamp ties, so it covers both later
    items of the same user and same-time items (which must not see each other).
    """
    frame = random_timeline(seed)
    base = temporal_features(frame)
    rng = np.random.default_rng(seed + 100)
    for j in range(len(frame)):
        keep = _earlier_mask(frame, j)
        keep[j] = False

        changed = frame.copy()
        changed.loc[j, "lexical_valence"] = 1.0 - frame.loc[j, "lexical_valence"] + rng.random()
        out = temporal_features(changed)
        pd.testing.assert_frame_equal(out[keep], base[keep], check_exact=True)

        dropped = frame.drop(index=j).reset_index(drop=True)
        out = temporal_features(dropped)
        keep_dropped = np.delete(keep, j)
        pd.testing.assert_frame_equal(
            out[keep_dropped].reset_index(drop=True),
            base[keep].reset_index(drop=True),
            check_exact=True,
        )


def test_lookahead_check_is_not_vacuous() -> None:
    # The mask above leaves strictly later items free to change; make sure they do, so the
    # leakage test would notice if history were ignored altogether.
    frame = random_timeline(0)
    base = temporal_features(frame)
    changed = frame.copy()
    changed["lexical_valence"] = 1.0 - frame["lexical_valence"]
    out = temporal_features(changed)
    assert (out["tmp_ema_0_3"] != base["tmp_ema_0_3"]).sum() > len(frame) // 2


def test_same_timestamp_items_do_not_see_each_other() -> None:
    frame = make_frame([("a", "U", T0, 0.1), ("b", "U", T0, 0.9), ("c", "U", T0, 0.5)])
    out = temporal_features(frame)
    assert (out["tmp_has_history"] == 0).all()
    assert (out["tmp_ema_0_3"] == 0.5).all()
    assert (out["tmp_count_7d"] == 0).all()


def test_serving_matches_batch() -> None:
    frame = random_timeline(3)
    batch = temporal_features(frame)
    valid = frame["user_id"].notna() & frame["created_at"].notna()
    for i in np.flatnonzero(valid.to_numpy()):
        user = frame.loc[i, "user_id"]
        # The whole stored history of the user, including later and same-time items, and
        # without the item itself: serving must ignore what isn't strictly earlier.
        history = frame[(frame["user_id"] == user) & (frame.index != i)]
        row = temporal_features_for(history, frame.loc[i, "created_at"])
        expected = batch.loc[i, COLS]
        pd.testing.assert_series_equal(
            row[COLS], expected, check_names=False, check_dtype=False, check_exact=True
        )


def test_serving_without_history_or_time() -> None:
    empty = pd.DataFrame({"created_at": pd.Series([], dtype="datetime64[ns, UTC]"),
                          "lexical_valence": []})  # fmt: skip
    row = temporal_features_for(empty, "2026-03-02 06:00")
    assert row["tmp_has_history"] == 0 and row["tmp_ema_0_3"] == 0.5
    assert row["tmp_dow"] == 0 and row["tmp_no_user_time"] == 0
    row = temporal_features_for(empty, None)
    assert row["tmp_no_user_time"] == 1 and row["tmp_dow"] == NEUTRAL_DOW


def test_6000_rows_800_users_history_share() -> None:
    # How long this takes is measured in benchmarks/stages.py, not asserted here.
    rng = np.random.default_rng(7)
    n = 6000
    frame = pd.DataFrame(
        {
            "id": [f"i{i}" for i in range(n)],
            "user_id": rng.integers(0, 800, n).astype(str),
            "created_at": T0 + pd.to_timedelta(rng.integers(0, 90 * 24 * 60, n), unit="min"),
            "lexical_valence": rng.random(n),
        }
    )
    out = temporal_features(frame)
    assert len(out) == n
    assert math.isclose(out["tmp_has_history"].mean(), 1 - 800 / n, abs_tol=0.02)
