"""Label-preserving word insertion in fine-tuning (`finetune.insert_words`): which words it
may insert, and that it inserts one of them, in place, reproducibly."""

from __future__ import annotations

import numpy as np

from perception.features.encoder.finetune import insert_word, insertion_pool


def test_pool_keeps_plain_words_and_drops_crisis_vocabulary_stop_words_and_pieces() -> None:
    vocabulary = ["table", "lancaster", "coffee", "kill", "pills", "suicide", "overdose",
                  "never", "nothing", "##ing", "ab", "über", "2020", "table"]
    # Crisis words change a carrier sentence's cues ("i will kill myself tonight"); negators
    # would change what a text says; word pieces, short and non-ASCII tokens are not words.
    assert insertion_pool(vocabulary) == ["coffee", "lancaster", "table"]


def test_inserts_one_pool_word_between_words_and_keeps_the_rest_in_order() -> None:
    pool = ["lamp", "ferry"]
    rng = np.random.default_rng(0)
    text = "i have the pills ready"
    seen_positions = set()
    for _ in range(200):
        out = insert_word(text, 1.0, pool, rng).split(" ")
        added = [i for i, w in enumerate(out) if w in pool]
        assert len(out) == 6 and len(added) == 1
        assert [w for i, w in enumerate(out) if i != added[0]] == text.split(" ")
        seen_positions.add(added[0])
    assert seen_positions == set(range(6))  # either end and between any two words


def test_rate_is_the_share_of_texts_changed_and_zero_changes_nothing() -> None:
    rng = np.random.default_rng(1)
    changed = [insert_word("feeling calm this morning", 0.3, ["lamp"], rng)
               != "feeling calm this morning" for _ in range(2000)]
    assert abs(np.mean(changed) - 0.3) < 0.04
    state = np.random.default_rng(2)
    assert insert_word("some text", 0.0, ["lamp"], state) == "some text"
    # Rate 0 draws nothing, so the stream the rest of training reads is untouched.
    assert state.random() == np.random.default_rng(2).random()


def test_same_seed_same_insertions() -> None:
    pool = ["lamp", "ferry", "orchard", "violin"]
    texts = ["aaj raat sab khatam kar dunga", "feeling calm", "went to the market"] * 20

    def run(seed: int) -> list[str]:
        rng = np.random.default_rng(seed)
        return [insert_word(t, 0.5, pool, rng) for t in texts]

    assert run(7) == run(7) and run(7) != run(8)
