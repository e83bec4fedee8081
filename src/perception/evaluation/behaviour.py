"""A trained target scored on new texts (the behavioural probe suites), through the same
feature code as featurize: `build_features` on a table of the texts, each written by a user
with no history (what a first message to the service looks like)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from perception.config import FeaturizeConfig
from perception.data.schema import length_bucket
from perception.data.text import normalize_text, redact_pii, word_count
from perception.features.embedding_cache import EmbeddingCache
from perception.features.encoder.runtime import Encoder
from perception.features.featurize import build_features
from perception.features.sentence_scores import SentenceHeads
from perception.models.decision import decide, event_probability
from perception.models.target_model import TargetModel

# Any fixed time: with no history, temporal features do not depend on it beyond hour/day.
_WHEN = pd.Timestamp("2026-01-05T12:00:00Z")
# Texts per encoder batch, as the predictor serves them (serve.predictor.ENCODER_BATCH), not
# featurize.encoder.batch_size: a probe is scored as a service would score it, and a batch
# size tuned for featurize's throughput does not re-judge the model.
SERVING_BATCH = 64

Scorer = Callable[[list[str]], tuple[np.ndarray, np.ndarray, list[str]]]
# texts -> (feature groups, context columns): what a model reads.
Features = Callable[[list[str]], tuple[dict[str, pd.DataFrame], pd.DataFrame]]


def text_features(model: TargetModel, cfg: FeaturizeConfig, encoder: Encoder,
                  finetuned: Encoder | None, heads: SentenceHeads | None,
                  langs: Mapping[str, str], default_lang: str
                  ) -> Features:
    """texts -> (the model's feature groups, its context columns), as featurize and the
    service compute them. Texts are cleaned as ingest cleans them; `langs` gives a text's
    language (else the default)."""
    serving = cfg.model_copy(update={"encoder": cfg.encoder.model_copy(
        update={"batch_size": SERVING_BATCH})})

    def features(texts: list[str]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
        cleaned = [redact_pii(normalize_text(t))[0] for t in texts]
        clean = pd.DataFrame({
            "id": [f"probe-{i}" for i in range(len(texts))],
            "text": cleaned,
            "user_id": [f"probe-user-{i}" for i in range(len(texts))],
            "created_at": pd.Series([_WHEN] * len(texts), dtype="datetime64[ns, UTC]"),
        })
        with tempfile.TemporaryDirectory(prefix="probe-cache-") as scratch:
            tables = build_features(clean, serving, encoder, EmbeddingCache(Path(scratch)),
                                    progress=False, finetuned=finetuned, heads=heads).tables()
        context = pd.DataFrame({
            "length_bucket": [length_bucket(word_count(t)) for t in cleaned],
            "lang": [langs.get(t, default_lang) for t in texts],
        })
        return {g: tables[g].drop(columns="id") for g in model.groups}, context

    return features


def text_scorer(model: TargetModel, features: Features) -> Scorer:
    """texts -> (event probability, flagged, decided class) at the model's threshold (its
    language's, with `threshold_by`), on `features` (`text_features`)."""
    if model.kind == "regression" or model.threshold is None:
        raise ValueError(f"target {model.name!r}: probes need a classification target")

    def score(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        groups, context = features(texts)
        probs = model.predict(groups, context)
        decided = decide(probs, model.thresholds(context, len(texts)))
        return event_probability(probs), decided != 0, [model.classes[int(d)] for d in decided]

    return score
