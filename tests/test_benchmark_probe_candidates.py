"""benchmarks/probe_candidates.py: the ranking and the error table it reports."""

from __future__ import annotations

import numpy as np
import pytest
from benchmark_modules import load_benchmark

probe_candidates = load_benchmark("probe_candidates")

KINDS = ["crisis", "crisis", "hard_negative", "hard_negative", "ordinary"]


def test_rankings_read_crisis_against_none_and_against_hard_negatives_alone() -> None:
    scores = {
        "perfect": np.array([0.9, 0.8, 0.2, 0.1, 0.3]),
        # Ranks one hard negative above a crisis, the ordinary text below both crises.
        "fooled": np.array([0.9, 0.5, 0.7, 0.1, 0.2]),
        "constant": np.full(5, 0.5),
    }
    got = probe_candidates.rankings(scores, KINDS)
    assert got["perfect"] == {"auc": 1.0, "auc_hard_negative": 1.0}
    assert got["fooled"]["auc"] == pytest.approx(5 / 6, abs=1e-4)
    assert got["fooled"]["auc_hard_negative"] == pytest.approx(3 / 4)
    assert got["constant"] == {"auc": 0.5, "auc_hard_negative": 0.5}


def test_errors_are_the_flagged_none_probes_and_the_missed_crises() -> None:
    flagged = np.array([True, False, True, False, False])
    scores = {"blend": np.array([0.9, 0.1, 0.8, 0.05, 0.2])}
    got = probe_candidates.errors(["c1", "c2", "h1", "h2", "o1"], KINDS, flagged, scores)
    assert [(e["id"], e["flagged"]) for e in got] == [("c2", False), ("h1", True)]
    assert got[1]["scores"] == {"blend": 0.8}
