"""Split: leak-proof train/val/test and k-fold assignment.

Group mode keeps every user (and every text, up to case and punctuation) inside one split,
stratified by crisis type, language and length bucket as far as grouping allows. Time mode
makes val and test the latest periods and drops train rows inside the embargo window.

Rows whose source brings its own split (`assigned_split`, e.g. a published train/dev/test)
keep it; only the other rows are assigned. A text in two splits is still a leak: where one
copy sits in a source's own val or test, that copy stays (so a published test set remains
scorable row for row) and the earlier-split copies are dropped as `published_overlap`.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold

from perception.config import SplitConfig
from perception.data.text import dedup_key
from perception.errors import DataError

SPLITS = ("train", "val", "test")
# Split granularity in group mode: fractions are realised in steps of 1/20 = 5 %.
_PARTS = 20


class SplitError(DataError, RuntimeError):
    """A leak or an impossible split: the stage fails and writes nothing."""


def user_groups(user_ids: pd.Series, texts: pd.Series) -> np.ndarray:
    """Group rows by user, and join groups that share an exact text (union-find).

    Rows without a user are their own group unless their text joins them to another. Only
    exact texts join groups: near-identical ones would chain dozens of users into one giant
    group, so those are resolved afterwards by `decontaminate`.
    """
    n = len(user_ids)
    parent = np.arange(n)

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    for keys in (user_ids, texts):
        first: dict[str, int] = {}
        for i, key in enumerate(keys.tolist()):
            if key is None or key is pd.NA or key == "":
                continue
            if key in first:
                a, b = find(i), find(first[key])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[key] = i
    roots = np.array([find(i) for i in range(n)])
    # Renumber densely so the ids do not depend on union order.
    _, dense = np.unique(roots, return_inverse=True)
    return dense


def decontaminate(keys: np.ndarray, split: np.ndarray, note: np.ndarray, order: tuple[str, ...],
                  reason: str = "text_overlap", only: np.ndarray | None = None) -> None:
    """A near-identical text in two splits is a leak: keep the copies in the split that comes
    first in `order` and drop the others (in place, noted as `reason`). `only`: a mask of the
    keys this rule decides (None: all)."""
    rank = {name: i for i, name in enumerate(order)}
    best: dict[str, int] = {}
    for key, s in zip(keys, split, strict=True):
        if s in rank:
            best[key] = min(best.get(key, len(order)), rank[s])
    for i, (key, s) in enumerate(zip(keys, split, strict=True)):
        if s in rank and rank[s] > best[key] and (only is None or only[i]):
            split[i], note[i] = "dropped", reason


def cross_split_keys(keys: np.ndarray, split: np.ndarray) -> set[str]:
    """Texts (dedup keys) that occur in more than one of train/val/test."""
    seen: dict[str, set[str]] = {}
    for key, s in zip(keys, split, strict=True):
        if s in SPLITS:
            seen.setdefault(key, set()).add(s)
    return {k for k, where in seen.items() if len(where) > 1}


def strata(frame: pd.DataFrame) -> np.ndarray:
    crisis = frame["crisis_type"].astype("object").fillna("unlabelled")
    lang = frame["lang"].astype("object").fillna("unknown")
    bucket = frame["length_bucket"].astype("object")
    return (crisis + "|" + lang + "|" + bucket).to_numpy()


def _grouped_folds(y: np.ndarray, groups: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    n_groups = len(np.unique(groups))
    if n_groups < n_folds:
        raise SplitError(f"only {n_groups} user/text groups, fewer than the {n_folds} folds")
    folds = np.full(len(y), -1, dtype=np.int64)
    splitter = StratifiedGroupKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        # Rare strata (a crisis type in long Hinglish texts) have fewer members than folds;
        # stratification is best-effort there, grouping is not.
        warnings.simplefilter("ignore", UserWarning)
        for fold, (_, held_out) in enumerate(splitter.split(np.zeros(len(y)), y, groups)):
            folds[held_out] = fold
    return folds


def group_assignment(frame: pd.DataFrame, groups: np.ndarray, cfg: SplitConfig) -> np.ndarray:
    n_groups = len(np.unique(groups))
    parts = min(_PARTS, n_groups)
    if parts < 3:
        raise SplitError(f"only {n_groups} user/text groups: cannot make train, val and test")
    k_test = max(1, round(cfg.fractions.test * parts)) if cfg.fractions.test > 0 else 0
    k_val = max(1, round(cfg.fractions.val * parts)) if cfg.fractions.val > 0 else 0
    part = _grouped_folds(strata(frame), groups, parts, cfg.seed)
    split = np.full(len(frame), "train", dtype=object)
    split[part < k_test] = "test"
    split[(part >= k_test) & (part < k_test + k_val)] = "val"
    return split


def time_assignment(frame: pd.DataFrame, cfg: SplitConfig) -> tuple[np.ndarray, np.ndarray]:
    """Latest periods become val and test; returns (split, note) with embargoed rows dropped."""
    times = frame["created_at"]
    timed = times.dropna().sort_values(kind="stable")
    if len(timed) < 3:
        raise SplitError("time split needs at least 3 rows with created_at")
    n = len(timed)
    val_start = timed.iloc[min(n - 1, int(n * cfg.fractions.train))]
    test_start = timed.iloc[min(n - 1, int(n * (cfg.fractions.train + cfg.fractions.val)))]
    split = np.full(len(frame), "train", dtype=object)
    note = np.full(len(frame), "", dtype=object)
    # NaT compares False, so rows without a time stay in train: they cannot be "the future".
    split[(times >= val_start).to_numpy()] = "val"
    split[(times >= test_start).to_numpy()] = "test"
    embargo_start = val_start - pd.Timedelta(days=cfg.embargo_days)
    embargoed = (split == "train") & (times >= embargo_start).to_numpy()
    split[embargoed] = "dropped"
    note[embargoed] = "embargo"
    # A text seen in a later period must not also sit in an earlier one: keep the latest.
    decontaminate(frame["text"].map(dedup_key).to_numpy(), split, note,
                  order=("test", "val", "train"))
    return split, note


def _overlap(values: pd.Series, by: pd.Series) -> int:
    """How many distinct values occur under more than one label of `by`."""
    present = pd.DataFrame({"v": values, "by": by}).dropna()
    return int((present.groupby("v")["by"].nunique() > 1).sum())


def leakage(frame: pd.DataFrame, out: pd.DataFrame, strategy: str) -> dict[str, Any]:
    kept = out["split"].isin(SPLITS).to_numpy()
    fixed = frame["assigned_split"].notna().to_numpy()
    keys = frame["text"].map(dedup_key)[kept]
    split = out["split"][kept]
    train = (out["split"] == "train").to_numpy()
    users = frame["user_id"].astype("object")
    report: dict[str, Any] = {
        # A source's own split may share users across splits (its authors' choice): that is
        # reported separately and not judged.
        "user_overlap": _overlap(users[kept & ~fixed], out["split"][kept & ~fixed]),
        "source_split_user_overlap": _overlap(users[kept & fixed], out["split"][kept & fixed]),
        "text_overlap": _overlap(keys, split),
        "fold_user_overlap": _overlap(frame["user_id"].astype("object")[train],
                                      out["fold"][train]),
        "fold_text_overlap": _overlap(frame["text"].map(dedup_key)[train], out["fold"][train]),
    }
    if strategy == "time":
        times = frame["created_at"]
        bounds = {s: (times[(out["split"] == s).to_numpy()].min(),
                      times[(out["split"] == s).to_numpy()].max()) for s in SPLITS}
        violations = 0
        for earlier, later in (("train", "val"), ("val", "test")):
            later_start = bounds[later][0]
            if pd.notna(later_start):
                mask = (out["split"] == earlier).to_numpy() & (times >= later_start).to_numpy()
                violations += int(mask.sum())
        report["time_order_violations"] = violations
    return report


def check_leakage(report: dict[str, Any], strategy: str) -> None:
    # In time mode the same users recur by design (we forecast their future texts).
    must_be_zero = ["text_overlap", "fold_user_overlap", "fold_text_overlap"]
    must_be_zero += ["user_overlap"] if strategy == "group" else ["time_order_violations"]
    leaks = {k: report[k] for k in must_be_zero if report.get(k)}
    if leaks:
        raise SplitError(f"leakage detected: {leaks}")


def _balance(values: pd.Series, split: pd.Series) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in SPLITS:
        part = values[(split == name).to_numpy()].astype("object").fillna("unlabelled")
        shares = part.value_counts(normalize=True).sort_index()
        out[name] = {str(k): round(float(v), 4) for k, v in shares.items()}
    return out


def split_metrics(frame: pd.DataFrame, out: pd.DataFrame, report: dict[str, Any],
                  cfg: SplitConfig) -> dict[str, Any]:
    split = out["split"]
    users = frame["user_id"].astype("object")
    train = (split == "train").to_numpy()
    folds = {
        str(f): {"rows": int((out["fold"][train] == f).sum()),
                 "users": int(users[train][(out["fold"][train] == f).to_numpy()].nunique())}
        for f in range(cfg.n_folds)
    }
    return {
        "strategy": cfg.strategy,
        "rows": {name: int((split == name).sum()) for name in (*SPLITS, "dropped")},
        "users": {name: int(users[(split == name).to_numpy()].nunique()) for name in SPLITS},
        "folds": folds,
        "dropped": {reason: int((out["note"] == reason).sum())
                    for reason in ("embargo", "text_overlap", "published_overlap")},
        # Rows whose split came from their source (ingest.sources[*].split), per split.
        "source_split": {name: int(((split == name).to_numpy()
                                    & frame["assigned_split"].notna().to_numpy()).sum())
                         for name in SPLITS},
        "class_balance": _balance(frame["crisis_type"], split),
        "lang_balance": _balance(frame["lang"], split),
        "length_balance": _balance(frame["length_bucket"], split),
        "leakage": report,
    }


def make_splits(clean: pd.DataFrame, cfg: SplitConfig) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Assign every clean row a split (train/val/test/dropped) and train rows a fold."""
    frame = clean.reset_index(drop=True)
    if "assigned_split" not in frame:  # a clean table from before sources could bring splits
        frame = frame.assign(assigned_split=pd.Series(pd.NA, index=frame.index, dtype="string"))
    # An empty key would be skipped when grouping but counted as one shared text by
    # `leakage`: ingest never keeps such a text, so one here is a caller's bug, not a leak.
    keyless = frame.loc[frame["text"].map(dedup_key) == "", "id"].tolist()
    if keyless:
        raise SplitError(f"{len(keyless)} rows have no letter, digit, punctuation mark or "
                         f"emoji in their text (first: {keyless[0]}); ingest rejects those")
    keys = frame["text"].map(dedup_key).to_numpy()
    assigned = frame["assigned_split"].astype("object")
    fixed = assigned.isin(SPLITS).to_numpy()
    split = np.full(len(frame), "train", dtype=object)
    note = np.full(len(frame), "", dtype=object)
    split[fixed] = frame.loc[fixed, "assigned_split"].astype(str).to_numpy()
    # A source published as train/test only: its non-test rows are divided into train and val
    # here, grouped like any other rows, at the configured train:val ratio.
    pooled = (assigned == "train_val").to_numpy()
    if pooled.any():
        part = frame[pooled].reset_index(drop=True)
        share = cfg.fractions.train + cfg.fractions.val
        ratio = SplitConfig(seed=cfg.seed, n_folds=cfg.n_folds, fractions={
            "train": cfg.fractions.train / share, "val": cfg.fractions.val / share, "test": 0.0})
        split[pooled] = group_assignment(
            part, user_groups(part["user_id"].astype("object"), part["text"].astype("object")),
            ratio)
    fixed = fixed | pooled
    free = frame[~fixed].reset_index(drop=True)
    if len(free):
        groups = user_groups(free["user_id"].astype("object"), free["text"].astype("object"))
        if cfg.strategy == "group":
            split[~fixed] = group_assignment(free, groups, cfg)
        else:
            split[~fixed], note[~fixed] = time_assignment(free, cfg)
    overlapping = cross_split_keys(keys, split)
    # A source's own val/test copy of a text wins: its rows must stay scorable as published.
    own = assigned.isin(SPLITS).to_numpy()  # as the source gave them, not divided here
    published = {k for k, s, f in zip(keys, split, own, strict=True)
                 if f and s in ("val", "test") and k in overlapping}
    in_published = np.array([k in published for k in keys], dtype=bool)
    decontaminate(keys, split, note, order=("test", "val", "train"),
                  reason="published_overlap", only=in_published)
    # Otherwise evaluation sets lose their copies of texts that train already has (in time
    # mode the latest copy stays: a text seen later must not also sit in the past).
    order = ("train", "val", "test") if cfg.strategy == "group" else ("test", "val", "train")
    decontaminate(keys, split, note, order=order)
    fold = np.full(len(frame), -1, dtype=np.int64)
    train = split == "train"
    # Within train, near-identical texts also join groups, so no fold sees another's copy.
    train_frame = frame[train]
    fold_groups = user_groups(train_frame["user_id"].astype("object"),
                              train_frame["text"].map(dedup_key))
    fold[train] = _grouped_folds(strata(train_frame), fold_groups, cfg.n_folds, cfg.seed)
    out = pd.DataFrame({
        "id": frame["id"].astype("string"),
        "split": pd.Series(split, dtype="string"),
        "fold": pd.Series(fold, dtype="int64"),
        "note": pd.Series(note, dtype="string"),
    })
    report = leakage(frame, out, cfg.strategy)
    report["cross_split_duplicate_texts"] = len(overlapping)
    check_leakage(report, cfg.strategy)
    return out, split_metrics(frame, out, report, cfg)
