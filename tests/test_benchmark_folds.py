"""The real-data benchmarks' grouped folds (benchmarks/folds.py): near-identical texts never
sit on both sides of a fold, every row is tested exactly once, and the seed decides it all."""

from __future__ import annotations

import numpy as np
import pytest
from benchmark_modules import load_benchmark

from perception.data.text import dedup_key

folds_module = load_benchmark("folds")


def _texts() -> list[str]:
    rng = np.random.default_rng(3)
    texts = []
    for i in range(120):
        base = f"sentence number {i} about the film"
        texts.append(base)
        # Near-identical copies: other case, punctuation and spacing, same dedup key.
        for _ in range(int(rng.integers(0, 4))):
            texts.append(f"  {base.upper()}!!  ")
    order = rng.permutation(len(texts))
    return [texts[i] for i in order]


def test_every_row_is_tested_once_and_groups_never_straddle() -> None:
    texts = _texts()
    keys = np.array([dedup_key(t) for t in texts])
    assert len(set(keys)) == 120 < len(texts)  # the copies really share a key
    folds = folds_module.grouped_folds(texts, 5, seed=11)
    assert folds.shape == (len(texts),)
    assert set(folds.tolist()) == set(range(5))  # one fold per row, each fold used
    for fold in range(5):
        test = folds == fold
        assert not set(keys[test]) & set(keys[~test])
    sizes = np.bincount(folds, minlength=5)
    assert sizes.max() - sizes.min() <= 4  # within one group (at most 4 copies) of each other


def test_roles_keep_groups_together_and_test_is_the_fold() -> None:
    texts = _texts()
    keys = np.array([dedup_key(t) for t in texts])
    folds = folds_module.grouped_folds(texts, 5, seed=11)
    tested = np.zeros(len(texts), dtype=np.int64)
    for fold in range(5):
        roles = folds_module.fold_roles(texts, folds, fold, val_share=0.15, seed=11)
        assert np.array_equal(roles == "test", folds == fold)
        tested += roles == "test"
        sides = [set(keys[roles == r]) for r in ("train", "val", "test")]
        assert not (sides[0] & sides[1] or sides[0] & sides[2] or sides[1] & sides[2])
        assert 0.1 < (roles == "val").sum() / (roles != "test").sum() < 0.25
    assert (tested == 1).all()


def test_deterministic_in_the_seed() -> None:
    texts = _texts()
    a = folds_module.grouped_folds(texts, 5, seed=11)
    assert np.array_equal(a, folds_module.grouped_folds(list(texts), 5, seed=11))
    assert not np.array_equal(a, folds_module.grouped_folds(texts, 5, seed=12))
    roles = folds_module.fold_roles(texts, a, 2, val_share=0.15, seed=11)
    assert np.array_equal(roles, folds_module.fold_roles(texts, a, 2, val_share=0.15, seed=11))


def test_too_few_texts_for_the_folds() -> None:
    with pytest.raises(ValueError, match="fewer than the 5 folds"):
        folds_module.grouped_folds(["a", "A!", "b", "c"], 5, seed=0)


def test_ratings_are_read_line_for_line_with_tabs_kept_in_the_text(tmp_path) -> None:
    path = tmp_path / "corpus.txt"
    path.write_bytes(b"1\t2.5\tgreat phone\r\n2\t-1.25\tkiller battery\tlife\r\n\r\n")
    texts, ratings = folds_module.read_ratings(path)
    assert texts == ["great phone", "killer battery\tlife"]
    assert ratings.tolist() == [2.5, -1.25]
