"""One target's rows: its label, its split and fold, and every feature group, aligned by id.

A target trains on the rows that carry its label; rows the split dropped take no part.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from perception.config import TargetConfig
from perception.errors import ModelError

SPLITS = ("train", "val", "test")
# Slices that evaluation reports metrics by (columns of the clean table).
SLICE_COLUMNS = ("length_bucket", "lang", "source")


class TargetDataError(ModelError, ValueError):
    """The inputs cannot make this target's training rows (e.g. an unknown class)."""


@dataclass(frozen=True)
class TargetData:
    ids: np.ndarray                 # row ids, aligned with everything below
    split: np.ndarray               # train / val / test
    fold: np.ndarray                # 0..k-1 on train rows, -1 elsewhere
    y: np.ndarray                   # float label (regression) or class index (multiclass)
    groups: dict[str, pd.DataFrame]  # feature group -> its columns, one row per id
    context: pd.DataFrame           # categorical context the meta-model sees (strings)
    slices: pd.DataFrame            # categorical columns evaluation reports by (strings)

    def mask(self, split: str) -> np.ndarray:
        return self.split == split

    def matrix(self, groups: list[str], rows: np.ndarray | None = None) -> np.ndarray:
        values = feature_matrix([self.groups[g] for g in groups])
        return values if rows is None else values[rows]

    def columns(self, groups: list[str]) -> list[str]:
        return [c for g in groups for c in self.groups[g].columns]


def feature_matrix(frames: list[pd.DataFrame]) -> np.ndarray:
    """Feature groups' columns side by side, as float64 (NaN where a value is missing): what
    every learner reads, at training and at prediction time alike."""
    return np.hstack([f.to_numpy(dtype=np.float64, na_value=np.nan) for f in frames])


def encode_labels(values: pd.Series, target: TargetConfig, name: str) -> np.ndarray:
    if target.kind == "regression":
        return values.astype("float64").to_numpy()
    index = {c: i for i, c in enumerate(target.classes)}
    unknown = sorted(set(values.astype(str)) - set(index))
    if unknown:
        raise TargetDataError(
            f"target {name!r}: labels {unknown} in column {target.label.column!r} are not among "
            f"targets.{name}.label.classes {target.classes}")
    return values.astype(str).map(index).to_numpy(dtype=np.int64)


def target_data(name: str, target: TargetConfig, clean: pd.DataFrame, splits: pd.DataFrame,
                features: dict[str, pd.DataFrame], context: list[str]) -> TargetData:
    """Join labels, splits and features on id; keep the labelled rows of train/val/test."""
    column = target.label.column
    if column not in clean.columns:
        raise TargetDataError(f"target {name!r}: the clean table has no column {column!r}")
    frame = clean.merge(splits[["id", "split", "fold"]], on="id", how="inner", validate="1:1")
    keep = frame["split"].isin(SPLITS).to_numpy() & frame[column].notna().to_numpy()
    frame = frame[keep].reset_index(drop=True)
    if not (frame["split"] == "train").any():
        raise TargetDataError(f"target {name!r}: no labelled train rows")
    ids = frame["id"].astype(str)
    groups = {}
    for group, table in features.items():
        indexed = table.assign(id=table["id"].astype(str)).set_index("id")
        missing = ~ids.isin(indexed.index)
        if missing.any():
            raise TargetDataError(f"feature table {group!r} lacks {int(missing.sum())} rows, "
                                  f"e.g. id {ids[missing].iloc[0]!r}")
        groups[group] = indexed.loc[ids.to_numpy()].reset_index(drop=True)

    def strings(columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame({c: frame[c].astype("object").fillna("unknown").astype(str)
                             for c in columns})

    return TargetData(
        ids=ids.to_numpy(),
        split=frame["split"].astype(str).to_numpy(),
        fold=frame["fold"].to_numpy(dtype=np.int64),
        y=encode_labels(frame[target.label.column], target, name),
        groups=groups,
        context=strings(context),
        slices=strings(SLICE_COLUMNS),
    )
