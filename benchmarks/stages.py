"""Stage benchmarks: generate, lexical features (fast vs stock VADER), temporal features.

    .venv/bin/python benchmarks/stages.py --out benchmarks/results/stages.json

The wall-clock checks that used to sit in the unit tests live here. Where the code has a
faster variant of something, both run on the same inputs in the same process and the result
is a ratio, which (unlike seconds) means something on a shared machine. Every time is the best
of `--repeats` runs: other load only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from timing import best_of
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from perception.artifacts import write_json
from perception.config import GenerateConfig
from perception.data.generate import generate_corpus
from perception.features.lexical import _vader, lexical_features
from perception.features.temporal import temporal_features, temporal_features_for

# The vocabulary and length mix of the former tests/features/test_lexical.py speed test.
_VOCAB = [
    "the", "a", "to", "of", "and", "in", "it", "was", "is", "that", "for", "on", "with",
    "as", "at", "by", "this", "from", "had", "have", "went", "we", "they", "i", "am", "so",
    "happy", "today", "but", "work", "was", "really", "bad", "feel", "tired", "not", "good",
    "very", "sad", "yaar", "main", "bahut", "khush", "hoon", "nahi", "pareshan", "<USER>",
    "😀",
]  # fmt: skip
_LENGTHS = [8, 15, 30, 60, 300]
_T0 = pd.Timestamp("2026-03-02 06:00", tz="UTC")


def _texts(n: int, seed: int, lengths: list[int]) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(_VOCAB, k=rng.choice(lengths))) for _ in range(n)]


def _say(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- generate


def bench_generate(repeats: int) -> dict[str, Any]:
    """The default corpus (no alternative implementation, so seconds per 1,000 items)."""
    cfg = GenerateConfig()
    seconds, corpus = best_of(lambda: generate_corpus(cfg), repeats)
    per_1000 = seconds / len(corpus) * 1000
    _say(f"generate: {len(corpus)} items in {seconds:.2f} s")
    return {
        "n_items": len(corpus),
        "n_users": cfg.n_users,
        "seconds": round(seconds, 3),
        "seconds_per_1000_items": round(per_1000, 4),
    }


# --------------------------------------------------------------------------- lexical


def bench_vader(n_long: int, words: int, repeats: int) -> dict[str, Any]:
    """The project's VADER subclass against stock vaderSentiment on the same long texts.

    Long texts are where the stock analyzer's per-word re-lowercasing of the whole text
    (quadratic in length) costs most, i.e. what the subclass exists for.
    """
    texts = _texts(n_long, seed=2, lengths=[words])
    fast, stock = _vader(), SentimentIntensityAnalyzer()
    fast_s, fast_scores = best_of(lambda: [fast.polarity_scores(t) for t in texts], repeats)
    stock_s, stock_scores = best_of(lambda: [stock.polarity_scores(t) for t in texts], repeats)
    # A speed-up is only worth reporting if the answers are the same (the tests check more).
    if fast_scores != stock_scores:
        raise AssertionError("fast VADER and stock VADER disagree on the benchmark texts")
    _say(f"vader: fast {fast_s:.2f} s, stock {stock_s:.2f} s on {n_long} x {words} words")
    return {
        "n_texts": n_long,
        "words_per_text": words,
        "fast_seconds": round(fast_s, 3),
        "stock_seconds": round(stock_s, 3),
        "stock_over_fast": round(stock_s / fast_s, 2),
    }


def bench_lexical(n: int, repeats: int) -> dict[str, Any]:
    """All lexical features on the former unit test's 6,000 mixed-length texts."""
    texts = _texts(n, seed=1, lengths=_LENGTHS)
    seconds, frame = best_of(lambda: lexical_features(texts), repeats)
    if len(frame) != n or frame.isna().any().any():
        raise AssertionError("lexical_features returned missing rows or NaN")
    _say(f"lexical_features: {n} texts in {seconds:.2f} s")
    return {
        "n_texts": n,
        "lengths": _LENGTHS,
        "seconds": round(seconds, 3),
        "texts_per_s": round(n / seconds, 1),
    }


# --------------------------------------------------------------------------- temporal


def _temporal_frame(n: int, n_users: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "id": [f"i{i}" for i in range(n)],
            "user_id": rng.integers(0, n_users, n).astype(str),
            "created_at": _T0 + pd.to_timedelta(rng.integers(0, 90 * 24 * 60, n), unit="min"),
            "lexical_valence": rng.random(n),
        }
    )


def bench_temporal(n: int, n_users: int, n_serving: int, repeats: int) -> dict[str, Any]:
    """Vectorized `temporal_features` over the table against per-row `temporal_features_for`.

    The per-row (serving) path runs on a sample of `n_serving` rows, each with its user's whole
    stored history; the ratio compares cost per row, which is what a caller choosing between
    them pays. Fetching the history is outside the timing, as a store would do it.
    """
    frame = _temporal_frame(n, n_users)
    vec_s, out = best_of(lambda: temporal_features(frame), repeats)
    if len(out) != n:
        raise AssertionError("temporal_features returned the wrong number of rows")

    by_user = {user: rows for user, rows in frame.groupby("user_id")}
    sample = frame.sample(n=min(n_serving, n), random_state=0)
    calls = [(by_user[u], t) for u, t in zip(sample["user_id"], sample["created_at"], strict=True)]
    row_s, _ = best_of(lambda: [temporal_features_for(h, t) for h, t in calls], repeats)

    vec_ms, row_ms = vec_s / n * 1e3, row_s / len(calls) * 1e3
    _say(f"temporal: vectorized {vec_s:.3f} s for {n} rows, per-row {row_ms:.2f} ms/row")
    return {
        "n_rows": n,
        "n_users": n_users,
        "vectorized_seconds": round(vec_s, 4),
        "vectorized_ms_per_row": round(vec_ms, 5),
        "per_row_calls": len(calls),
        "per_row_seconds": round(row_s, 4),
        "per_row_ms_per_row": round(row_ms, 4),
        "per_row_over_vectorized": round(row_ms / vec_ms, 1),
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/stages.json"))
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (best)")
    parser.add_argument("--n-lexical", type=int, default=6000, help="mixed-length texts")
    parser.add_argument("--n-vader", type=int, default=200, help="long texts for the VADER pair")
    parser.add_argument("--vader-words", type=int, default=300, help="words per long text")
    parser.add_argument("--n-temporal", type=int, default=6000, help="rows for temporal")
    parser.add_argument("--temporal-users", type=int, default=800)
    parser.add_argument("--n-serving", type=int, default=300, help="rows for the per-row path")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version()},
        "repeats": args.repeats,
        "generate": bench_generate(args.repeats),
        "vader": bench_vader(args.n_vader, args.vader_words, args.repeats),
        "lexical": bench_lexical(args.n_lexical, args.repeats),
        "temporal": bench_temporal(
            args.n_temporal, args.temporal_users, args.n_serving, args.repeats
        ),
    }

    g, v, lex, t = report["generate"], report["vader"], report["lexical"], report["temporal"]
    print(f"## Stages (best of {args.repeats})\n")
    print("| measurement | inputs | result |")
    print("|---|---|---:|")
    print(f"| generate | {g['n_items']} items, {g['n_users']} users | "
          f"{g['seconds_per_1000_items']:.3f} s per 1,000 items |")
    print(f"| VADER, stock / fast | {v['n_texts']} texts x {v['words_per_text']} words | "
          f"{v['stock_over_fast']:.1f}x ({v['stock_seconds']} s vs {v['fast_seconds']} s) |")
    print(f"| lexical_features | {lex['n_texts']} mixed-length texts | "
          f"{lex['seconds']} s ({lex['texts_per_s']:.0f} texts/s) |")
    print(f"| temporal, per-row / vectorized | {t['n_rows']} rows, {t['n_users']} users | "
          f"{t['per_row_over_vectorized']:.0f}x ({t['per_row_ms_per_row']} vs "
          f"{t['vectorized_ms_per_row']} ms/row) |")

    write_json(args.out, report)
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
