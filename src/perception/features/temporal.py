"""Per-user history features from earlier items' lexical valence, free of look-ahead.

``temporal_features(frame)`` takes columns ``id``, ``user_id``, ``created_at`` (datetime64 UTC,
may be NaT) and ``lexical_valence`` (see ``lexical.lexical_valence``) and returns one row per
input row, in input order, with ``id`` first and then (for the default arguments):

* ``tmp_ema_0_3``, ``tmp_ema_0_7``: exponential moving average of the earlier items'
  lexical valence, oldest to newest, ``e = alpha * v + (1 - alpha) * e`` seeded with the first
  earlier value; 0.5 (neutral valence) without history.
* ``tmp_roll_mean_7d``, ``tmp_roll_std_7d``: mean and population std of the valence of the
  earlier items in the window ``[t - window_days, t)``; 0.5 and 0.0 when the window is empty.
* ``tmp_count_7d``: number of earlier items in that window.
* ``tmp_hours_since_prev``: hours since the latest earlier item, capped at ``window_days * 24``;
  the cap is also the value without history (``tmp_has_history`` tells the two apart).
* ``tmp_hour_sin``, ``tmp_hour_cos``: time of day (UTC; the user's local zone is unknown) on
  the unit circle; ``tmp_dow``: day of week, 0 = Monday.
* ``tmp_has_history``: 1 if the user has any earlier item.
* ``tmp_no_user_time``: 1 if the row has no ``user_id`` or no ``created_at``. Such rows get the
  neutral values everywhere, including hour (sin = cos = 0) and dow (-1), and are never part
  of anyone's history (they cannot be placed on a timeline).

"Earlier" means strictly earlier: ``created_at`` strictly less than the item's own. Items of
the same user with the same timestamp never see each other, so no ordering of a simultaneous
batch can leak. Ties among earlier items are ordered by ``id`` (this matters only for the EMA).
Only the valence of earlier items is read, never labels, so serving computes the same values
from a user's stored history: ``temporal_features_for(history, item_time)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

NEUTRAL_VALENCE = 0.5
NEUTRAL_DOW = -1
_NS_PER_HOUR = 3_600 * 10**9


def _alpha_name(alpha: float) -> str:
    return "tmp_ema_" + f"{alpha:g}".replace(".", "_").replace("-", "m")


def _window_name(window_days: float) -> str:
    return f"{window_days:g}d".replace(".", "_")


def temporal_columns(
    ema_alphas: Sequence[float] = (0.3, 0.7), window_days: float = 7.0
) -> list[str]:
    """Output column names (after ``id``) for the given arguments, in output order."""
    w = _window_name(window_days)
    return [
        *(_alpha_name(a) for a in ema_alphas),
        f"tmp_roll_mean_{w}",
        f"tmp_roll_std_{w}",
        f"tmp_count_{w}",
        "tmp_hours_since_prev",
        "tmp_hour_sin",
        "tmp_hour_cos",
        "tmp_dow",
        "tmp_has_history",
        "tmp_no_user_time",
    ]


def _user_block(
    times: np.ndarray, values: np.ndarray, alphas: Sequence[float], window_ns: int, cap_h: float
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """History features for one user's items, already sorted by (time, id).

    Everything for item i is a function of values[:k_i] and times[:k_i] only, where k_i is the
    number of strictly earlier items, so later items cannot influence it.
    """
    n = len(times)
    # k[i] = number of items strictly earlier than item i.
    k = np.searchsorted(times, times, side="left")
    lo = np.searchsorted(times, times - window_ns, side="left")

    emas = []
    for alpha in alphas:
        # prefix_ema[j] = EMA after the first j items; [0] is the no-history neutral value.
        prefix = np.empty(n + 1, dtype=np.float64)
        prefix[0] = NEUTRAL_VALENCE
        e = NEUTRAL_VALENCE
        for j in range(n):
            e = values[j] if j == 0 else alpha * values[j] + (1.0 - alpha) * e
            prefix[j + 1] = e
        emas.append(prefix[k])

    # Each window is reduced from its own slice rather than from prefix sums: the
    # difference-of-sums variance leaves ~1e-8 of noise in the std (and a one-item window
    # would not be exactly 0). Per-user windows are short, so the loop is cheap.
    count = k - lo
    roll_mean = np.full(n, NEUTRAL_VALENCE)
    roll_std = np.zeros(n)
    for i in np.flatnonzero(count > 0):
        window = values[lo[i] : k[i]]
        roll_mean[i] = window.mean()
        roll_std[i] = window.std() if len(window) > 1 else 0.0

    prev_time = times[np.maximum(k - 1, 0)]
    hours = (times - prev_time) / _NS_PER_HOUR
    hours_since = np.where(k > 0, np.minimum(hours, cap_h), cap_h)
    return emas, roll_mean, roll_std, count, hours_since, (k > 0).astype(np.int64)


def temporal_features(
    frame: pd.DataFrame,
    *,
    ema_alphas: Sequence[float] = (0.3, 0.7),
    window_days: float = 7.0,
) -> pd.DataFrame:
    """History features per row of ``frame``; see the module docstring for the columns."""
    for a in ema_alphas:
        if not 0.0 < a <= 1.0:
            raise ValueError(f"EMA alpha must be in (0, 1], got {a}")
    if window_days <= 0:
        raise ValueError(f"window_days must be positive, got {window_days}")
    n = len(frame)
    cols = temporal_columns(ema_alphas, window_days)
    cap_h = float(window_days) * 24.0
    window_ns = round(float(window_days) * 24 * _NS_PER_HOUR)

    created = pd.to_datetime(frame["created_at"], utc=True)
    user = frame["user_id"]
    valid = (user.notna() & created.notna()).to_numpy()
    values = pd.to_numeric(frame["lexical_valence"], errors="coerce").to_numpy(dtype=np.float64)
    if np.isnan(values[valid]).any():
        raise ValueError("lexical_valence has missing values on rows with user_id and created_at")

    emas = [np.full(n, NEUTRAL_VALENCE) for _ in ema_alphas]
    roll_mean = np.full(n, NEUTRAL_VALENCE)
    roll_std = np.zeros(n)
    count = np.zeros(n, dtype=np.int64)
    hours_since = np.full(n, cap_h)
    has_history = np.zeros(n, dtype=np.int64)
    hour_sin = np.zeros(n)
    hour_cos = np.zeros(n)
    dow = np.full(n, NEUTRAL_DOW, dtype=np.int64)

    if valid.any():
        rows = np.flatnonzero(valid)
        ts = created[valid]
        t_ns = pd.DatetimeIndex(ts).as_unit("ns").asi8
        # Own-timestamp features need no history.
        hour = ts.dt.hour + ts.dt.minute / 60.0 + ts.dt.second / 3600.0
        angle = 2.0 * np.pi * hour.to_numpy(dtype=np.float64) / 24.0
        hour_sin[rows] = np.sin(angle)
        hour_cos[rows] = np.cos(angle)
        dow[rows] = ts.dt.day_of_week.to_numpy(dtype=np.int64)

        uid = user[valid].astype(str).to_numpy()
        ids = frame["id"][valid].astype(str).to_numpy()
        # Sort by (user, time, id): lexsort keys go last-to-first.
        order = np.lexsort((ids, t_ns, uid))
        sorted_uid = uid[order]
        bounds = np.flatnonzero(sorted_uid[1:] != sorted_uid[:-1]) + 1
        starts = np.concatenate(([0], bounds))
        ends = np.concatenate((bounds, [len(order)]))
        # Each user's block is computed on its own arrays, so rows of other users can't even
        # perturb floating-point rounding.
        for s, e in zip(starts, ends, strict=True):
            idx = order[s:e]
            out_rows = rows[idx]
            b_emas, b_mean, b_std, b_count, b_hours, b_has = _user_block(
                t_ns[idx], values[rows[idx]], ema_alphas, window_ns, cap_h
            )
            for target, src in zip(emas, b_emas, strict=True):
                target[out_rows] = src
            roll_mean[out_rows] = b_mean
            roll_std[out_rows] = b_std
            count[out_rows] = b_count
            hours_since[out_rows] = b_hours
            has_history[out_rows] = b_has

    data: dict[str, object] = {"id": frame["id"].to_numpy()}
    for name, arr in zip(
        cols,
        [
            *emas,
            roll_mean,
            roll_std,
            count,
            hours_since,
            hour_sin,
            hour_cos,
            dow,
            has_history,
            (~valid).astype(np.int64),
        ],
        strict=True,
    ):
        data[name] = arr
    return pd.DataFrame(data, index=pd.RangeIndex(n), columns=["id", *cols])


def temporal_features_for(
    history: pd.DataFrame,
    item_time: pd.Timestamp | str | None,
    *,
    item_id: str = "__new__",
    ema_alphas: Sequence[float] = (0.3, 0.7),
    window_days: float = 7.0,
) -> pd.Series:
    """Serving-time features for one new item of a user, from that user's stored history.

    ``history`` holds the user's earlier items with ``created_at`` and ``lexical_valence``
    (``id`` optional, used only to order same-time items for the EMA; ``user_id`` is ignored:
    all rows are taken to be the user's). Items at or after ``item_time`` are ignored, exactly
    as in training. The result equals the new item's row of ``temporal_features`` on the
    table of history plus the new item (tested), because it is computed that way.
    """
    hist = pd.DataFrame(
        {
            "id": history["id"].astype(str).to_numpy()
            if "id" in history
            else [f"__h{i}" for i in range(len(history))],
            "user_id": "__user__",
            "created_at": pd.to_datetime(history["created_at"], utc=True).reset_index(drop=True),
            "lexical_valence": history["lexical_valence"].to_numpy(dtype=np.float64),
        },
        index=pd.RangeIndex(len(history)),
    )
    t = pd.NaT if item_time is None else pd.Timestamp(item_time)
    if t is not pd.NaT and t.tzinfo is None:
        t = t.tz_localize("UTC")
    new = pd.DataFrame(
        {
            "id": [item_id],
            "user_id": ["__user__"],
            "created_at": pd.to_datetime(pd.Series([t]), utc=True),
            # Its own valence is never read for its own features.
            "lexical_valence": [NEUTRAL_VALENCE],
        }
    )
    # Only strictly earlier history can matter; dropping the rest also skips NaT rows.
    hist = hist[hist["created_at"] < t] if t is not pd.NaT else hist.iloc[:0]
    table = pd.concat([hist, new], ignore_index=True)
    out = temporal_features(table, ema_alphas=ema_alphas, window_days=window_days)
    return out.iloc[-1]
