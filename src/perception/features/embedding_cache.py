"""Content-addressed row cache for sentence embeddings.

The cache is a directory of parquet shards (`key` string, `vector` fixed-size float32 list),
each named after a hash of its own content and sorted by key: no timestamps, no random names,
no dependence on input order.

A key covers everything that changes the numbers (encoder identity, backend, precision, the
batching scheme and the text), so switching model or precision recomputes exactly the affected
rows and nothing else. Misses are encoded in groups of equal token count, so no text is padded
and a vector does not depend on which other texts were missing when it was computed.

The featurize stage ends with `retain(keys)`: the cache then holds exactly the current rows'
entries in one shard, so its bytes (which DVC hashes into dvc.lock, as a `persist: true`
output) depend on the inputs and the config, not on the order of earlier runs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from perception.artifacts import atomic_path
from perception.features.encoder.runtime import Encoder, progress_disabled

SHARD_GLOB = "shard-*.parquet"
# What atomic_path leaves beside a shard when the process dies mid-write (SIGKILL, OOM).
TEMP_GLOB = ".shard-*.tmp"
# Above this many shards, flush() merges them into one; keeps load time and file count bounded
# while making most runs append a small file instead of rewriting the whole cache.
MAX_SHARDS = 8


# How texts are batched changes the numbers too: vectors from before the cache encoded its
# misses in equal-length groups (equal_length_batches) depended on their batch, so they are not
# reused.
BATCHING = "equal-length"


def cache_key(identity: str, backend: str, precision: str, text: str) -> str:
    # JSON framing makes the field boundaries unambiguous (no "a|b" + "c" == "a" + "b|c").
    payload = json.dumps([identity, backend, precision, BATCHING, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _encoder_key(encoder: Encoder, text: str) -> str:
    return cache_key(encoder.identity, encoder.backend, encoder.precision, text)


def encoder_keys(encoder: Encoder, texts: Iterable[str]) -> list[str]:
    return [_encoder_key(encoder, str(t)) for t in texts]


def equal_length_batches(counts: np.ndarray, batch_size: int) -> list[np.ndarray]:
    """Indices in batches of at most `batch_size` texts that have the same token count, longest
    first, in input order within a count.

    Nothing in such a batch is padded, so a text's vector does not depend on what else is
    encoded with it. Padded to the longest text of a batch, bf16 kernels gave a text slightly
    different numbers beside different texts, and the cache then depended on the order of
    earlier runs (docs/crisis.md; `benchmarks/featurize.py --only batching`). Serving keeps
    one padded batch per request: many small equal-length batches cost it 2.6-3.2 times the
    latency on medium and long texts.
    """
    counts = np.asarray(counts, dtype=np.int64)
    order = np.lexsort((np.arange(len(counts)), -counts))
    batches: list[np.ndarray] = []
    start = 0
    for end in range(1, len(order) + 1):
        if (end == len(order) or counts[order[end]] != counts[order[start]]
                or end - start == batch_size):
            batches.append(order[start:end])
            start = end
    return batches


def encode_unpadded(encoder: Encoder, texts: list[str], batch_size: int,
                    progress: bool | None = None) -> np.ndarray:
    """`encoder.encode` on batches of equal token count (see equal_length_batches)."""
    counts = encoder.token_counts(texts)
    from tqdm.auto import tqdm

    out = np.zeros((len(texts), int(encoder.dim)), dtype=np.float32)
    with tqdm(total=len(texts), desc="encode", unit="text", file=sys.stderr,
              disable=progress_disabled(progress)) as bar:
        for idx in equal_length_batches(counts, batch_size):
            out[idx] = encoder.encode([texts[i] for i in idx], len(idx), progress=False)
            bar.update(len(idx))
    return out


def _shard_table(keys: list[str], vectors: np.ndarray) -> pa.Table:
    dim = vectors.shape[1]
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1), pa.float32())
    return pa.table(
        {
            "key": pa.array(keys, pa.string()),
            "vector": pa.FixedSizeListArray.from_arrays(flat, dim),
        }
    )


def _read_vectors(column: pa.ChunkedArray) -> np.ndarray:
    column = column.combine_chunks()
    if pa.types.is_fixed_size_list(column.type) or pa.types.is_list(column.type):
        flat = column.flatten().to_numpy(zero_copy_only=False).astype(np.float32)
        return flat.reshape(len(column), -1) if len(column) else flat.reshape(0, 0)
    if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
        rows = [np.frombuffer(b, dtype="<f4") for b in column.to_pylist()]
        return np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)
    raise TypeError(f"unsupported vector column type {column.type}")


class EmbeddingCache:
    """Load shards, look rows up, buffer additions and flush them as one deterministic shard."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self._vectors: list[np.ndarray] = []
        # key -> (shard index in self._vectors, row)
        self._index: dict[str, tuple[int, int]] = {}
        self._pending: dict[str, np.ndarray] = {}
        # The directory is a DVC output: a temp file left by a killed run would be hashed into
        # dvc.lock. Opening the cache is the start of the stage, so sweep them here.
        self.sweep_temp_files()
        self._load()

    def sweep_temp_files(self) -> list[Path]:
        """Delete half-written shards of an earlier, killed run; return what was removed."""
        if not self.directory.is_dir():
            return []
        stale = sorted(self.directory.glob(TEMP_GLOB))
        for path in stale:
            path.unlink(missing_ok=True)
        return stale

    # -- reading

    def shard_paths(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob(SHARD_GLOB))

    def _load(self) -> None:
        self._vectors.clear()
        self._index.clear()
        for path in self.shard_paths():
            table = pq.read_table(path, columns=["key", "vector"])
            vectors = _read_vectors(table.column("vector"))
            shard = len(self._vectors)
            self._vectors.append(vectors)
            for row, key in enumerate(table.column("key").to_pylist()):
                # Equal keys hold equal vectors (content-addressed), so the first copy is enough;
                # duplicates only exist after an interrupted compaction.
                self._index.setdefault(key, (shard, row))

    def __len__(self) -> int:
        return len(self._index) + sum(1 for k in self._pending if k not in self._index)

    def __contains__(self, key: object) -> bool:
        return key in self._index or key in self._pending

    def lookup(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """The cached vectors for those keys that are present (missing keys are absent)."""
        found: dict[str, np.ndarray] = {}
        for key in keys:
            if key in found:
                continue
            loc = self._index.get(key)
            if loc is not None:
                found[key] = self._vectors[loc[0]][loc[1]]
            elif key in self._pending:
                found[key] = self._pending[key]
        return found

    # -- writing

    def add(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(keys) != vectors.shape[0]:
            raise ValueError(f"need one row per key: {len(keys)} keys, vectors {vectors.shape}")
        for key, vector in zip(keys, vectors, strict=True):
            if key not in self._index:
                self._pending[key] = vector.copy()

    def _write_shard(self, keys: list[str], vectors: np.ndarray) -> Path:
        order = sorted(range(len(keys)), key=keys.__getitem__)
        keys = [keys[i] for i in order]
        vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        digest = hashlib.sha256()
        for key, vector in zip(keys, vectors, strict=True):
            digest.update(key.encode("ascii"))
            digest.update(vector.astype("<f4").tobytes())
        path = self.directory / f"shard-{digest.hexdigest()[:20]}.parquet"
        if path.exists():  # same content, same bytes: nothing to do
            return path
        table = _shard_table(keys, vectors)
        with atomic_path(path, suffix=".parquet") as tmp:
            # Fixed writer options: no dictionary/statistics drift between pyarrow defaults.
            pq.write_table(
                table,
                tmp,
                compression="zstd",
                use_dictionary=False,
                write_statistics=False,
            )
        return path

    def flush(self) -> Path | None:
        """Write pending rows as one new shard (compacting if there are too many).

        Returns the shard written, or None when there was nothing to write.
        """
        if not self._pending:
            return None
        keys = list(self._pending)
        vectors = np.stack([self._pending[k] for k in keys])
        written = self._write_shard(keys, vectors)
        self._pending.clear()
        if len(self.shard_paths()) > MAX_SHARDS:
            return self.compact()
        # Index the new rows in memory rather than re-reading every shard.
        shard = len(self._vectors)
        self._vectors.append(vectors)
        for row, key in enumerate(keys):
            self._index.setdefault(key, (shard, row))
        return written

    def retain(self, keys: Iterable[str]) -> Path | None:
        """Keep exactly these entries, as one shard: the same key set gives the same bytes."""
        self.flush()
        wanted = sorted(set(keys))
        missing = [k for k in wanted if k not in self._index]
        if missing:
            raise KeyError(f"{len(missing)} keys to retain are not in the cache")
        shards = self.shard_paths()
        if not wanted:
            for path in shards:
                path.unlink(missing_ok=True)
            self._load()
            return None
        vectors = np.stack([self._vectors[s][r] for s, r in map(self._index.__getitem__, wanted)])
        kept = self._write_shard(wanted, vectors)
        for path in shards:
            if path != kept:
                path.unlink(missing_ok=True)
        self._load()
        return kept

    def compact(self) -> Path | None:
        """Merge every shard into one sorted shard; its name follows from its content."""
        self._load()
        # retain writes the merged shard before deleting the old ones: a crash loses nothing.
        return self.retain(list(self._index))


def embed_with_cache(
    texts: Sequence[str],
    encoder: Encoder,
    cache: EmbeddingCache,
    batch_size: int,
    *,
    progress: bool | None = None,
    flush: bool = True,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Embed `texts` in input order, computing only rows the cache does not hold.

    Stats count unique texts: `hits` found in the cache, `misses` embedded now; `rows` is
    len(texts) (duplicates within the call are embedded once).
    """
    texts = [str(t) for t in texts]
    keys = [_encoder_key(encoder, t) for t in texts]
    found = cache.lookup(keys)
    # dict preserves first occurrence order, so the miss batch is deterministic.
    missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
    if missing:
        new_vectors = encode_unpadded(encoder, list(missing.values()), batch_size, progress)
        cache.add(list(missing), new_vectors)
        found.update(zip(missing, new_vectors, strict=True))
        if flush:
            cache.flush()
    dim = int(getattr(encoder, "dim", 0)) or (len(next(iter(found.values()))) if found else 0)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = found[key]
    unique = len(set(keys))
    stats = {
        "rows": len(texts),
        "unique": unique,
        "hits": unique - len(missing),
        "misses": len(missing),
    }
    return out, stats
