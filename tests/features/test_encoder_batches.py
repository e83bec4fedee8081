"""How the embedding cache cuts its misses into batches: equal token counts only, unpadded."""

from __future__ import annotations

import numpy as np

from perception.features.embedding_cache import equal_length_batches


def test_batches_hold_one_token_count_longest_first_in_input_order() -> None:
    counts = np.array([5, 9, 5, 7, 9, 5, 9, 9, 5])
    batches = equal_length_batches(counts, batch_size=3)
    assert [b.tolist() for b in batches] == [[1, 4, 6], [7], [3], [0, 2, 5], [8]]
    # Every text exactly once, every batch one count and at most batch_size long.
    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(len(counts)))
    assert all(len(set(counts[b])) == 1 and len(b) <= 3 for b in batches)


def test_no_texts_no_batches() -> None:
    assert equal_length_batches(np.array([], dtype=np.int64), batch_size=4) == []
