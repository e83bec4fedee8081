"""Checks of a built bundle before it is kept: the encoders against the embeddings featurize
wrote, the whole path from text against the training-time scores and test metrics; and the
latency of the exported path."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from perception.evaluation.metrics import classification_metrics, regression_metrics
from perception.features.finetuned import MIN_COSINE
from perception.models.decision import decide, decision_margin
from perception.serve.predictor import Predictor

INT8_MIN_COSINE = 0.99


@dataclass(frozen=True)
class Expected:
    """A target's training-time view of its test rows."""

    ids: np.ndarray
    y: np.ndarray
    scores: np.ndarray           # calibrated, from the trained model on featurize's tables
    threshold: float | np.ndarray | None  # one, or one per row (its language's)
    classes: list[str]
    bins: int
    metrics: dict[str, Any]      # metrics/<target>.json "test"
    tolerances: dict[str, float]  # metric -> allowed absolute difference


def cosine_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.clip(np.linalg.norm(a, axis=1, keepdims=True), 1e-12, None)
    b = b / np.clip(np.linalg.norm(b, axis=1, keepdims=True), 1e-12, None)
    return np.sum(a * b, axis=1)


def encoder_parity(served: Mapping[str, np.ndarray], featurized: Mapping[str, pd.DataFrame],
                   precision: str) -> dict[str, Any]:
    """Per encoder group: cosine per row between the bundle's encoder and featurize's table."""
    # Static INT8 changes the numbers by design: the bar for it is cosine 0.99, and
    # the metrics check below decides whether the change matters downstream.
    bound = INT8_MIN_COSINE if precision.endswith("+int8") else MIN_COSINE[precision.split("+")[0]]
    out = {}
    for group, table in featurized.items():
        cos = cosine_rows(served[group], table.to_numpy(np.float64))
        out[group] = {"rows": len(cos), "min_cosine": round(float(cos.min()), 6),
                      "mean_cosine": round(float(cos.mean()), 6), "bound": bound,
                      "passed": bool(cos.min() >= bound)}
    return out


def _metrics(kind: str, e: Expected, scores: np.ndarray) -> dict[str, Any]:
    if kind == "regression":
        return regression_metrics(e.y, scores, e.bins)
    assert e.threshold is not None
    return classification_metrics(e.y, scores, e.classes, e.threshold, e.bins, per_type=False)


def end_to_end_parity(kind: str, e: Expected, scores: np.ndarray) -> dict[str, Any]:
    """Scores from text (bundle) against the training-time scores on the same rows, and the
    test metrics they give against metrics/<target>.json."""
    diff = np.abs(scores - e.scores)
    got = _metrics(kind, e, scores)
    metrics = {}
    for name, allowed in sorted(e.tolerances.items()):
        if e.metrics.get(name) is None or got.get(name) is None:
            continue
        delta = abs(float(got[name]) - float(e.metrics[name]))
        metrics[name] = {"evaluate": e.metrics[name], "bundle": got[name],
                         "abs_diff": round(delta, 6), "allowed": allowed,
                         "passed": bool(delta <= allowed)}
    out: dict[str, Any] = {"rows": len(scores), "max_abs_diff": float(diff.max(initial=0.0)),
                           "mean_abs_diff": float(diff.mean()) if len(diff) else 0.0,
                           "metrics": metrics}
    if kind == "multiclass":
        assert e.threshold is not None
        differ = decide(scores, e.threshold) != decide(e.scores, e.threshold)
        out["decisions_differing"] = int(differ.sum())
        # A decision is a float comparison, and bf16 encoders move a score by up to
        # max_abs_diff: a row whose event probability sits that close to the threshold, or
        # whose two likeliest event classes are that close, may go either way. Any other
        # differing decision is a real disagreement.
        row_diff = diff.max(axis=1) if diff.ndim == 2 else diff
        out["decisions_differing_beyond_tolerance"] = int(
            (differ & (decision_margin(e.scores, e.threshold) > 2 * row_diff)).sum())
    out["passed"] = all(m["passed"] for m in metrics.values())
    return out


# -- latency -------------------------------------------------------------------------------

def percentiles(seconds: list[float], per: int = 1) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000.0 / per
    return {"p50_ms": round(float(np.percentile(ms, 50)), 4),
            "p95_ms": round(float(np.percentile(ms, 95)), 4), "calls": len(ms)}


def timed(fn: Callable[[Any], Any], items: list[Any], warmup: int = 5) -> list[float]:
    for item in items[:warmup]:
        fn(item)
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - start)
    return out


def latency(predictor: Predictor, texts: list[str], single: int, batches: int,
            batch_size: int) -> dict[str, Any]:
    """p50/p95 per text (or per row for the trees): one at a time, and in batches (the
    batch time divided by its size). Texts cycle through `texts` in order."""
    def take(n: int, size: int) -> list[list[str]]:
        return [[texts[(i * size + j) % len(texts)] for j in range(size)] for i in range(n)]

    singles, groups = take(single, 1), take(batches, batch_size)
    feats_single = [predictor.features(t) for t in singles]
    feats_batch = [predictor.features(t) for t in groups]
    out: dict[str, Any] = {"trees": {}, "encoder": {}}
    for name, scorer in predictor.targets.items():
        out["trees"][name] = {
            "single": percentiles(timed(
                lambda f, s=scorer: s.predict_arrays(f.arrays, f.context), feats_single)),
            f"batch_{batch_size}": percentiles(timed(
                lambda f, s=scorer: s.predict_arrays(f.arrays, f.context), feats_batch),
                batch_size)}
    for group, encoder in predictor.encoders.items():
        out["encoder"][group] = {
            "single": percentiles(timed(lambda t, e=encoder: e.encode(t, 1, progress=False),
                                         singles)),
            f"batch_{batch_size}": percentiles(
                timed(lambda t, e=encoder: e.encode(t, batch_size, progress=False), groups),
                batch_size)}
    out["end_to_end"] = {
        "single": percentiles(timed(predictor.predict, singles)),
        f"batch_{batch_size}": percentiles(timed(predictor.predict, groups), batch_size)}
    return out


_SERVING_PROBE = """
import json, sys, time
start = time.perf_counter()
from perception.serve.predictor import Predictor
predictor = Predictor.load(sys.argv[1], allow_unaccepted=True)
loaded = time.perf_counter() - start
predictor.predict(["the first request warms the runtimes up"])
import psutil
print(json.dumps({
    "start_seconds": round(loaded, 3),
    "first_request_seconds": round(time.perf_counter() - start - loaded, 3),
    "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
    "imported": {m: m in sys.modules for m in
                 ("torch", "transformers", "sentence_transformers", "lightgbm", "sklearn")},
}))
"""


def serving_process(bundle_dir: str) -> dict[str, Any]:
    """What a fresh serving process costs: seconds to verify and load the bundle, resident
    memory after one request, and which heavy libraries it imported (none of torch's)."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _SERVING_PROBE, bundle_dir],
                          capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
