"""benchmarks/featurize.py's batching section: it must see what the encoders guarantee."""

from __future__ import annotations

import pytest
from benchmark_modules import load_benchmark

featurize = load_benchmark("featurize")

# Exports the packaged encoder to OpenVINO IR.
pytestmark = pytest.mark.slow

TEXTS = ["ok", "I'm fine.", "long day at work, the meeting ran late again",
         "kal exam hai aur kuch padha nahi", "went for a run", "nobody listens to me",
         "the bus was late and it rained all the way home", "chai pi ke so gaya",
         "why does this keep happening", "finally finished the report"] * 2


def test_equal_length_batches_never_change_a_vector() -> None:
    report = featurize.bench_batching(TEXTS, batch_size=4, repeats=1)
    equal = report["schemes"]["equal_length"]
    assert (equal["differ_in_half_corpus"], equal["differ_alone"],
            equal["differ_shuffled"]) == (0, 0, 0)
    assert set(report["schemes"]) == {"equal_length", "padded"}
    assert report["equal_length_over_padded_time"] > 0
