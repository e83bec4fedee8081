"""The embedding cache: keys, hits/misses, invalidation and deterministic shards.

A tiny fake encoder counts calls; real-encoder parity is tested in test_encoder.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from perception.features import embedding_cache as ec
from perception.features.embedding_cache import (
    EmbeddingCache,
    cache_key,
    embed_with_cache,
    encoder_keys,
    equal_length_batches,
)

DIM = 8


class FakeEncoder:
    backend = "fake"
    dim = DIM

    def __init__(self, identity: str = "fake@0001", precision: str = "f32") -> None:
        self.identity = identity
        self.precision = precision
        self.calls: list[list[str]] = []

    def encode(
        self, texts: Sequence[str], batch_size: int, progress: bool | None = None
    ) -> np.ndarray:
        self.calls.append(list(texts))
        seed_rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            seed_rows.append(np.random.default_rng(seed).standard_normal(DIM))
        return np.asarray(seed_rows, dtype=np.float32).reshape(len(texts), DIM)

    def token_counts(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray([len(t.split()) for t in texts], dtype=np.int64)

    @property
    def encoded(self) -> list[str]:
        return [t for call in self.calls for t in call]


def _dir_bytes(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_cache_key_covers_every_field() -> None:
    base = cache_key("m@1", "openvino", "f32", "hello")
    assert len(base) == 64
    assert base == cache_key("m@1", "openvino", "f32", "hello")
    assert len({
        base,
        cache_key("m@2", "openvino", "f32", "hello"),
        cache_key("m@1", "torch", "f32", "hello"),
        cache_key("m@1", "openvino", "bf16", "hello"),
        cache_key("m@1", "openvino", "f32+int8w", "hello"),
        cache_key("m@1", "openvino", "f32", "hello "),
    }) == 6
    # Field boundaries are unambiguous.
    assert cache_key("a", "b", "c", "d|e") != cache_key("a", "b", "c|d", "e")


def test_hits_misses_and_only_new_texts_embedded(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    texts = ["a", "b", "c"]
    first, stats = embed_with_cache(texts, encoder, EmbeddingCache(tmp_path), batch_size=2)
    assert stats == {"rows": 3, "unique": 3, "hits": 0, "misses": 3}
    assert encoder.encoded == texts

    # A fresh cache object reads what was flushed; only the appended texts are embedded.
    encoder.calls.clear()
    more = [*texts, "d", "e"]
    second, stats = embed_with_cache(more, encoder, EmbeddingCache(tmp_path), batch_size=2)
    assert stats == {"rows": 5, "unique": 5, "hits": 3, "misses": 2}
    assert encoder.encoded == ["d", "e"]
    np.testing.assert_array_equal(second[:3], first)
    np.testing.assert_array_equal(second, encoder.encode(more, 2))

    encoder.calls.clear()
    _, stats = embed_with_cache(more, encoder, EmbeddingCache(tmp_path), batch_size=2)
    assert stats["misses"] == 0 and encoder.calls == []


def test_order_preserved_and_duplicates_embedded_once(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    texts = ["x", "y", "x", "z", "y", "x"]
    vectors, stats = embed_with_cache(texts, encoder, EmbeddingCache(tmp_path), batch_size=4)
    assert sorted(encoder.encoded) == ["x", "y", "z"]
    assert stats == {"rows": 6, "unique": 3, "hits": 0, "misses": 3}
    np.testing.assert_array_equal(vectors, encoder.encode(texts, 4))
    np.testing.assert_array_equal(vectors[0], vectors[2])


@pytest.mark.parametrize("change", ["precision", "identity"])
def test_invalidation_recomputes_exactly_affected_rows(tmp_path: Path, change: str) -> None:
    texts = ["one", "two", "three"]
    embed_with_cache(texts, FakeEncoder(), EmbeddingCache(tmp_path), batch_size=8)
    changed = FakeEncoder(precision="bf16") if change == "precision" else FakeEncoder("fake@0002")
    _, stats = embed_with_cache(texts, changed, EmbeddingCache(tmp_path), batch_size=8)
    assert stats["misses"] == 3 and changed.encoded == texts
    # The original entries are still there: switching back costs nothing.
    original = FakeEncoder()
    _, stats = embed_with_cache(texts, original, EmbeddingCache(tmp_path), batch_size=8)
    assert stats["hits"] == 3 and original.calls == []


def test_shards_are_deterministic_and_order_independent(tmp_path: Path) -> None:
    texts = [f"text {i}" for i in range(50)]
    for name, batch in (("a", texts), ("b", texts[::-1])):
        embed_with_cache(batch, FakeEncoder(), EmbeddingCache(tmp_path / name), batch_size=16)
    a, b = _dir_bytes(tmp_path / "a"), _dir_bytes(tmp_path / "b")
    assert a == b and len(a) == 1
    (name,) = a
    assert name.startswith("shard-") and name.endswith(".parquet")
    # Stored sorted by key.
    import pyarrow.parquet as pq

    keys = pq.read_table(tmp_path / "a" / name).column("key").to_pylist()
    assert keys == sorted(keys)


def test_flush_without_pending_writes_nothing(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c")
    assert cache.flush() is None
    assert not (tmp_path / "c").exists()


def test_compaction(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    history = [[f"batch {i} text {j}" for j in range(3)] for i in range(ec.MAX_SHARDS + 3)]
    for directory in (tmp_path / "a", tmp_path / "b"):
        for i, batch in enumerate(history):
            embed_with_cache(batch, encoder, EmbeddingCache(directory), batch_size=8)
            n_shards = len(EmbeddingCache(directory).shard_paths())
            assert n_shards <= ec.MAX_SHARDS
            if i == ec.MAX_SHARDS:  # the (MAX_SHARDS + 1)-th flush triggers compaction
                assert n_shards == 1
    # Same history -> same bytes, compaction included.
    assert _dir_bytes(tmp_path / "a") == _dir_bytes(tmp_path / "b")
    cache = EmbeddingCache(tmp_path / "a")
    every_text = [t for batch in history for t in batch]
    assert len(cache) == len(every_text)
    encoder.calls.clear()
    vectors, stats = embed_with_cache(every_text, encoder, cache, batch_size=8)
    assert stats["hits"] == len(every_text) and encoder.calls == []
    np.testing.assert_array_equal(vectors, encoder.encode(every_text, 8))


def test_lookup_and_add(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    vectors = np.arange(2 * DIM, dtype=np.float32).reshape(2, DIM)
    cache.add(["k1", "k2"], vectors)
    assert set(cache.lookup(["k1", "k2", "k3"])) == {"k1", "k2"}  # pending rows are visible
    cache.flush()
    found = EmbeddingCache(tmp_path).lookup(["k2", "k3"])
    assert list(found) == ["k2"]
    np.testing.assert_array_equal(found["k2"], vectors[1])
    with pytest.raises(ValueError):
        cache.add(["only one key"], vectors)


def test_no_temp_files_left(tmp_path: Path) -> None:
    embed_with_cache(["a", "b"], FakeEncoder(), EmbeddingCache(tmp_path), batch_size=8)
    assert all(p.name.startswith("shard-") for p in tmp_path.iterdir())


def test_retain_keeps_exactly_the_given_keys_in_one_deterministic_shard(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 4)).astype(np.float32)
    keys = [f"k{i}" for i in range(6)]
    a = EmbeddingCache(tmp_path / "a")
    a.add(keys[:3], vectors[:3])
    a.flush()
    a.add(keys[3:], vectors[3:])
    a.flush()
    assert len(a.shard_paths()) == 2
    kept = a.retain(["k5", "k1", "k2", "k1"])
    assert a.shard_paths() == [kept] and len(a) == 3
    np.testing.assert_array_equal(a.lookup(["k5"])["k5"], vectors[5])
    # A cache built in one go over the same keys has the same bytes.
    b = EmbeddingCache(tmp_path / "b")
    b.add(["k1", "k2", "k5"], vectors[[1, 2, 5]])
    b.flush()
    assert b.retain(["k1", "k2", "k5"]).read_bytes() == kept.read_bytes()
    with pytest.raises(KeyError):
        a.retain(["k0"])


def test_half_written_shards_of_a_killed_run_are_swept_on_open(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    embed_with_cache(["a", "b"], encoder, EmbeddingCache(tmp_path), batch_size=2)
    clean = _dir_bytes(tmp_path)
    # What atomic_path leaves when the writer is killed between mkstemp and os.replace.
    (tmp_path / ".shard-0123456789abcdef0123.parquet.k3j2_x.parquet.tmp").write_bytes(b"PAR1")
    cache = EmbeddingCache(tmp_path)
    assert _dir_bytes(tmp_path) == clean
    cache.retain(encoder_keys(encoder, ["a", "b"]))
    assert _dir_bytes(tmp_path) == clean


# How misses are cut into batches: equal token counts only, so nothing is padded.
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
