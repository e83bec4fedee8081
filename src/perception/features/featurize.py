"""Featurize: the views of a text (lexical, sentence embedding, the user's own past, and the
fine-tuned encoder's embedding), each a table keyed by row id. Pure functions over data; the
CLI does the file I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from perception.config import FeaturizeConfig
from perception.features.embedding_cache import EmbeddingCache, embed_with_cache, encoder_keys
from perception.features.encoder.runtime import Encoder
from perception.features.lexical import lexical_features, lexical_valence
from perception.features.sentence_scores import SentenceHeads, sentence_scores
from perception.features.sentences import pool_windows, window_owners
from perception.features.temporal import temporal_features

GROUPS = ("lexical", "embeddings", "temporal", "finetuned", "sentences")


@dataclass
class FeatureTables:
    lexical: pd.DataFrame
    embeddings: pd.DataFrame
    temporal: pd.DataFrame
    finetuned: pd.DataFrame | None = None
    sentences: pd.DataFrame | None = None
    # Run-dependent figures (cache hits, misses): logged, never written to DVC outputs.
    run_stats: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in GROUPS if getattr(self, name) is not None}


def embedding_frame(ids: pd.Series, vectors: np.ndarray) -> pd.DataFrame:
    width = len(str(vectors.shape[1] - 1))
    columns = [f"emb_{i:0{width}d}" for i in range(vectors.shape[1])]
    frame = pd.DataFrame(vectors.astype(np.float32, copy=False), columns=columns)
    frame.insert(0, "id", ids.astype("string").to_numpy())
    return frame


def build_features(clean: pd.DataFrame, cfg: FeaturizeConfig, encoder: Encoder,
                   cache: EmbeddingCache, progress: bool | None = None,
                   finetuned: Encoder | None = None,
                   heads: SentenceHeads | None = None) -> FeatureTables:
    """Every group for the clean rows; `sentences` needs the fine-tuned encoder and its
    heads."""
    clean = clean.reset_index(drop=True)
    ids = clean["id"].astype("string")
    texts = clean["text"].astype(str).tolist()

    lexical = lexical_features(texts)
    history = pd.DataFrame({
        "id": ids,
        "user_id": clean["user_id"],
        "created_at": clean["created_at"],
        "lexical_valence": lexical_valence(lexical),
    })
    temporal = temporal_features(history, ema_alphas=cfg.temporal.ema_alphas,
                                 window_days=cfg.temporal.window_days)
    # The cache holds windows (a short text is its own window): a long text is embedded as
    # the mean of its windows' vectors, as in fine-tuning and serving.
    windows, owner = window_owners(texts)
    vectors, stats = embed_with_cache(windows, encoder, cache, cfg.encoder.batch_size,
                                      progress=progress, flush=False)
    vectors = pool_windows(vectors, owner, len(texts))
    keys = encoder_keys(encoder, windows)
    tuned_frame = None
    if finetuned is not None:
        # The same row cache: keys carry the encoder's identity (its weight digest), so the
        # fine-tuned encoder's rows never collide with the frozen one's.
        tuned, tuned_stats = embed_with_cache(windows, finetuned, cache,
                                              cfg.encoder.batch_size, progress=progress,
                                              flush=False)
        tuned = pool_windows(tuned, owner, len(texts))
        keys += encoder_keys(finetuned, windows)
        stats = {**stats, **{f"finetuned_{k}": v for k, v in tuned_stats.items()}}
        tuned_frame = embedding_frame(ids, tuned)
    sentence_frame = None
    if finetuned is not None and heads is not None:
        seen: dict[str, int] = {}

        def embed(sentences: list[str]) -> np.ndarray:
            # Sentences share the row cache: a one-sentence text is a hit on its own row.
            vectors, part = embed_with_cache(sentences, finetuned, cache,
                                             cfg.encoder.batch_size, progress=progress,
                                             flush=False)
            seen.update({k: seen.get(k, 0) + v for k, v in part.items()})
            keys.extend(encoder_keys(finetuned, sentences))
            return vectors

        scored = sentence_scores(texts, embed, heads)
        stats = {**stats, **{f"sentences_{k}": v for k, v in seen.items()}}
        sentence_frame = scored.features
        sentence_frame.insert(0, "id", ids.to_numpy())
    # One write: the new rows plus the kept ones; entries of rows that are gone, or of another
    # encoder config, are dropped here.
    cache.retain(keys)
    lexical.insert(0, "id", ids.to_numpy())
    return FeatureTables(lexical, embedding_frame(ids, vectors), temporal, tuned_frame,
                         sentence_frame, stats)


def feature_metrics(tables: FeatureTables, encoder: Encoder, cfg: FeaturizeConfig,
                    finetuned: Encoder | None = None) -> dict[str, Any]:
    """Facts that depend only on the inputs and the config, so the file is stable."""
    return {
        "rows": len(tables.lexical),
        "features": {name: int(frame.shape[1] - 1) for name, frame in tables.tables().items()},
        "encoder": {
            "identity": encoder.identity,
            "backend": encoder.backend,
            "precision": encoder.precision,
            "int8": bool(cfg.encoder.int8),
            "dim": int(encoder.dim),
        },
        **({"finetuned_encoder": {"identity": finetuned.identity,
                                  "precision": finetuned.precision}}
           if finetuned is not None else {}),
    }
