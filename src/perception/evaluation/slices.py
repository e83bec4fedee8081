"""Metrics per slice (length bucket, language, source): where a model is weak."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

# Below this many rows a slice's figures are noise; its size is still reported.
MIN_ROWS = 20


def by_slice(slices: pd.DataFrame, metric: Callable[[np.ndarray], dict[str, Any]],
             min_rows: int = MIN_ROWS) -> dict[str, dict[str, Any]]:
    """{column: {value: metrics of the rows with that value}} for every slice column."""
    out: dict[str, dict[str, Any]] = {}
    for column in slices.columns:
        values = slices[column].astype(str).to_numpy()
        out[column] = {}
        for value in sorted(set(values.tolist())):
            rows = values == value
            n = int(rows.sum())
            out[column][value] = metric(rows) if n >= min_rows else {"n": n}
    return out
