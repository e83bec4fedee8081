"""The real-data benchmarks' shared corpora and grouped k-fold assignment (the benchmarks run
as `python benchmarks/<name>.py`, so importable from them; the tests load it by path).

A group is every row sharing `perception.data.text.dedup_key` (case, punctuation and spacing
folded), so near-identical sentences always land in the same fold: no test row has a copy on
the training side, where fine-tuning could have memorised it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from perception.data.text import dedup_key

# The human-rated VADER corpora (../shared/datasets, by path: never copied into the project).
DATA = Path(__file__).resolve().parents[2] / "shared/datasets/vader-hutto-2014"
CORPORA = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}


def read_lines(path: Path) -> tuple[list[bytes], list[str]]:
    """The corpus's lines as bytes (CRLF-separated, kept byte for byte) and their texts."""
    lines = [line for line in path.read_bytes().split(b"\r\n") if line.strip()]
    if any(b"\n" in line for line in lines):
        raise ValueError(f"{path}: a bare line feed inside a record")
    texts = [line.decode("utf-8").split("\t", 2)[2] for line in lines]
    return lines, texts


def read_ratings(path: Path) -> tuple[list[str], np.ndarray]:
    """The corpus's texts and their mean ratings (-4..4), line for line as `read_lines`."""
    lines, texts = read_lines(path)
    return texts, np.array([float(line.split(b"\t", 2)[1]) for line in lines])


def sample(n: int, rows: int | None, seed: int) -> np.ndarray:
    """Row indices: all, or a seeded sample of `rows` in file order (smoke runs)."""
    if rows is None or rows >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=rows, replace=False))


def _groups(texts: Sequence[str]) -> list[np.ndarray]:
    """Row indices per dedup key, keys in sorted order (independent of row order)."""
    by_key: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        by_key.setdefault(dedup_key(str(text)), []).append(i)
    return [np.asarray(by_key[k], dtype=np.int64) for k in sorted(by_key)]


def _deal(groups: list[np.ndarray], n_rows: int, n_parts: int, seed: int) -> np.ndarray:
    """Part index per row: groups in a seeded order, the largest first (stable), each to the
    part with the fewest rows so far (ties: the lowest part)."""
    order = np.random.default_rng(seed).permutation(len(groups))
    order = sorted(order.tolist(), key=lambda g: -len(groups[g]))
    sizes = np.zeros(n_parts, dtype=np.int64)
    part = np.full(n_rows, -1, dtype=np.int64)
    for g in order:
        target = int(np.argmin(sizes))
        part[groups[g]] = target
        sizes[target] += len(groups[g])
    return part


def grouped_folds(texts: Sequence[str], n_folds: int, seed: int) -> np.ndarray:
    """Fold 0..n_folds-1 per row: each row is in exactly one fold, every dedup group in one
    fold, fold sizes within one group of each other, the same for the same texts and seed."""
    if n_folds < 2:
        raise ValueError(f"n_folds must be >= 2, got {n_folds}")
    groups = _groups(texts)
    if len(groups) < n_folds:
        raise ValueError(f"{len(groups)} distinct texts, fewer than the {n_folds} folds")
    return _deal(groups, len(texts), n_folds, seed)


def fold_roles(texts: Sequence[str], folds: np.ndarray, test_fold: int, val_share: float,
               seed: int) -> np.ndarray:
    """'train' / 'val' / 'test' per row for one fold: `test_fold` is test, and the other rows
    are divided into train and val (about `val_share` of them), by dedup group, seeded."""
    roles = np.where(np.asarray(folds) == test_fold, "test", "train").astype(object)
    rest = np.flatnonzero(roles == "train")
    groups = [rest[g] for g in _groups([texts[i] for i in rest])]
    # Twenty parts as the pipeline's split stage does: val is the first round(share * 20).
    parts = _deal(groups, len(texts), 20, seed + 1 + test_fold)
    k_val = max(1, round(val_share * 20))
    roles[(roles == "train") & (parts >= 0) & (parts < k_val)] = "val"
    return roles.astype(str)
