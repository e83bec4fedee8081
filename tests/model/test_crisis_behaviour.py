"""Behavioural tests of the trained crisis model, through the served path (the bundle and
`Predictor`), in the manner of Made-With-ML's tests/model: minimum functionality, invariance,
direction, and the hand-written probe suite.

They need the default pipeline's bundle (after `make repro` or `dvc pull models/bundle`);
a fresh clone has none, so they skip there (evaluate@crisis scores the same suite on every
`dvc repro` and gates it, and `perception gates` fails CI on a regression of those figures).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from perception.evaluation.probes import load_probes, run_probes
from perception.serve.predictor import Predictor

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "models/bundle"
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not (BUNDLE / "manifest.json").exists(),
                       reason="no default bundle here: `make repro` or `dvc pull models/bundle`"),
]


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    # Behaviour, not trust: the signature is checked by the serving tests.
    return Predictor.load(BUNDLE, allow_unsigned=True, allow_unaccepted=True)


def _model(predictor: Predictor, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    results = predictor.predict(texts)
    return (np.array([r["crisis"]["probability"] for r in results]),
            np.array([r["crisis"]["flagged"] for r in results]),
            [r["crisis"]["decision"] for r in results])


# Plain statements a person would catch: the misses that opened the crisis issue.
PLAIN = [
    ("I have the pills ready for in an hour tbh", "immediate_harm"),
    ("Phir se pair kaat liya sach mein", "self_harm"),
    ("Sach mein pills jama kar li hain, sab khatam kar dunga, zeher le aaya hoon",
     "immediate_harm"),
]
FILLER = ("We had a long meeting about the budget and nobody agreed on anything. Later I "
          "bought vegetables at the market near the station and cooked dal for dinner. My "
          "cousin called about the wedding plans for December. ")


@pytest.mark.parametrize(("text", "kind"), PLAIN)
def test_plain_crisis_statements_are_flagged_alone_and_inside_a_long_text(
        predictor: Predictor, text: str, kind: str) -> None:
    long = FILLER + text + ". " + FILLER
    probability, flagged, _ = _model(predictor, [text, long])
    assert flagged.all(), (kind, probability.tolist())
    result = predictor.predict([long])[0]
    # The evidence names the crisis sentence, not the filler.
    top = max(result["evidence"]["sentences"], key=lambda s: s["score"])
    assert text.split(",")[0].lower() in top["text"].lower()


def test_the_probe_suite_meets_the_gates_through_the_served_path(predictor: Predictor) -> None:
    committed = json.loads((REPO / "metrics/crisis.json").read_text())
    gates = {g["metric"]: g for g in committed["gates"].values()}
    served = run_probes(load_probes(), lambda texts: _model(predictor, texts))
    assert served["recall"] >= gates["probes.recall"]["threshold"]
    assert served["hard_negative_flag_rate"] <= gates["probes.hard_negative_flag_rate"][
        "threshold"]
    # The bundle serves what evaluate measured (bf16 kernels may move a borderline text).
    assert abs(served["recall"] - committed["probes"]["recall"]) <= 0.02


def test_invariance_and_direction_hold(predictor: Predictor) -> None:
    served = run_probes(load_probes(), lambda texts: _model(predictor, texts))
    # Neutral context, names, casing and typos must not unflag a crisis; adding a plan,
    # method or time must not lower its score.
    assert served["invariance"]["rate"] <= 0.05, served["invariance"]
    assert served["direction"]["rate"] <= 0.05, served["direction"]
