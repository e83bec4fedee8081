"""benchmarks/sentence_scoring.py: the units it embeds, the scores and the pooling."""

from __future__ import annotations

import numpy as np
import pytest
from benchmark_modules import load_benchmark

sentence_scoring = load_benchmark("sentence_scoring")

CLASSES = ("immediate_harm", "none", "self_harm")


def test_units_are_sentences_alone_or_with_their_neighbours() -> None:
    texts = ["One. Two. Three.", "just one line", ""]
    alone, owner = sentence_scoring.units(texts, 0)
    assert alone == ["One", "Two", "Three", "just one line", ""]  # read as the pipeline does
    assert owner.tolist() == [0, 0, 0, 1, 2]
    around, owner = sentence_scoring.units(texts, 1)
    assert around == ["One. Two.", "One. Two. Three.", "Two. Three.", "just one line", ""]
    assert owner.tolist() == [0, 0, 0, 1, 2]


def test_a_spread_sentence_scores_high_as_an_event_and_low_by_its_likeliest_type() -> None:
    probs = np.array([[0.45, 0.10, 0.45],    # spread over two crisis types
                      [0.05, 0.90, 0.05],
                      [0.00, 0.20, 0.80]])
    event = sentence_scoring.sentence_score(probs, CLASSES, "event")
    likeliest = sentence_scoring.sentence_score(probs, CLASSES, "max_class")
    assert event == pytest.approx([0.90, 0.10, 0.80])
    assert likeliest == pytest.approx([0.45, 0.05, 0.80])
    with pytest.raises(ValueError, match="unknown rule"):
        sentence_scoring.sentence_score(probs, CLASSES, "mean")


def test_a_text_scores_as_its_highest_sentence() -> None:
    pooled = sentence_scoring.pool_max(np.array([0.1, 0.9, 0.3, 0.2]), np.array([0, 0, 1, 1]), 2)
    assert pooled.tolist() == [0.9, 0.3]


def test_probe_readings_count_caught_crises_and_flagged_hard_negatives() -> None:
    kinds = ["crisis", "crisis", "hard_negative", "hard_negative", "ordinary"]
    got = sentence_scoring.probe_readings(np.array([0.95, 0.6, 0.85, 0.1, 0.2]), kinds)
    assert got["auc"] == pytest.approx(5 / 6, abs=1e-4)
    assert got["auc_hard_negative"] == pytest.approx(3 / 4)
    assert got["at"]["0.5"] == {"crisis_caught": 1.0, "hard_negatives_flagged": 1}
    assert got["at"]["0.9"] == {"crisis_caught": 0.5, "hard_negatives_flagged": 0}
