"""Behavioural tests of the trained crisis model, through the served path (the bundle and
`Predictor`), in the manner of Made-With-ML's tests/model: minimum functionality, invariance,
direction, and the hand-written probe suite.

They need the default pipeline's bundle (after `make repro` or `dvc pull models/bundle`);
a fresh clone has none, so they skip there (evaluate@crisis scores the same suite on every
`dvc repro` and gates it, and `perception gates` fails CI on a regression of those figures).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pytest

from perception.evaluation.probes import load_probes, run_probes
from perception.evaluation.probes.runner import Probe
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


def _model(predictor: Predictor, texts: list[str],
           langs: Mapping[str, str] | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    results = predictor.predict(texts, langs=[langs.get(t) for t in texts] if langs else None)
    return (np.array([r["crisis"]["probability"] for r in results]),
            np.array([r["crisis"]["flagged"] for r in results]),
            [r["crisis"]["decision"] for r in results])


@pytest.fixture(scope="module")
def served(predictor: Predictor) -> dict:
    """The probe suite through the bundle (scored once for the tests below), each text in its
    probe's language as evaluate scores it: the blend reads the language, and a request
    without one is taken as the bundle's default (English), which would judge a Hinglish
    variant as English text."""
    suite = load_probes()
    return run_probes(suite, lambda texts: _model(predictor, texts, suite.langs()))


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
def test_plain_crisis_statements_are_flagged(predictor: Predictor, text: str, kind: str
                                             ) -> None:
    probability, flagged, _ = _model(predictor, [text])
    assert flagged.all(), (kind, probability.tolist())


@pytest.mark.parametrize(("text", "kind"), PLAIN)
def test_plain_crisis_statements_are_flagged_inside_a_long_text(
        predictor: Predictor, text: str, kind: str) -> None:
    long = FILLER + text + ". " + FILLER
    probability, flagged, _ = _model(predictor, [long])
    assert flagged.all(), (kind, probability.tolist())
    result = predictor.predict([long])[0]
    # The evidence names the crisis sentence, not the filler.
    top = max(result["evidence"]["sentences"], key=lambda s: s["score"])
    assert text.split(",")[0].lower() in top["text"].lower()


def test_the_served_path_scores_the_probe_suite_as_evaluate_did(served: dict) -> None:
    """What evaluate measured (and gated: `perception gates` enforces those) is what the
    bundle serves, up to bf16 kernels moving a borderline text."""
    committed = json.loads((REPO / "metrics/crisis.json").read_text())["probes"]
    suite = load_probes()
    counts = {"recall": sum(p.kind == "crisis" for p in suite.probes),
              "hard_negative_flag_rate": sum(p.kind == "hard_negative" for p in suite.probes),
              "ordinary_flag_rate": sum(p.kind == "ordinary" for p in suite.probes)}
    for figure, n in counts.items():
        # At most one text on the other side of the threshold (the committed figure is
        # rounded to 6 decimals).
        assert abs(served[figure] - committed[figure]) <= 1 / n + 1e-6, figure


def test_invariance_holds(served: dict) -> None:
    # Neutral context, names, casing and typos must not unflag a crisis.
    assert served["invariance"]["rate"] <= 0.05, served["invariance"]


def test_direction_holds(served: dict) -> None:
    # Adding a plan, method or time must not lower a crisis's score.
    assert served["direction"]["rate"] <= 0.05, served["direction"]


def _short_crisis_probes() -> list[Probe]:
    return [p for p in load_probes().probes if p.kind == "crisis" and p.form == "short"]


def _flips(predictor: Predictor, probes: list[Probe], variants: list[str]) -> list[str]:
    """Ids of the probes whose flag changes between the text as written and its variant,
    each scored in its probe's language."""
    langs = {**{p.text: p.lang for p in probes},
             **{v: p.lang for v, p in zip(variants, probes, strict=True)}}
    _, as_written, _ = _model(predictor, [p.text for p in probes], langs)
    _, changed, _ = _model(predictor, variants, langs)
    return [p.id for p, a, b in zip(probes, as_written, changed, strict=True) if a != b]


def test_a_closing_full_stop_does_not_unflag_a_crisis(predictor: Predictor) -> None:
    """Invariance to punctuation a person would not notice: every short hand-written crisis
    probe scored as written and with a full stop added (or taken off), in its language. At
    most one in twenty may change flag, the bound the invariance suite has."""
    short = _short_crisis_probes()
    other = [p.text[:-1] if p.text.endswith(".") else p.text + "." for p in short]
    flips = _flips(predictor, short, other)
    assert len(flips) <= 0.05 * len(short), flips


def test_a_word_the_generator_never_wrote_does_not_unflag_a_crisis(
        predictor: Predictor) -> None:
    """Invariance to vocabulary: every short hand-written crisis probe scored as written and
    with one random word of the tokenizer's vocabulary put in it (`finetune.insert_word`:
    no stop words, no crisis vocabulary; seeded), in its language. People write words the
    generator's closed vocabulary lacks; at most one in twenty may change flag, the bound
    the invariance suite has."""
    from perception.features.encoder.finetune import insert_word, model_insertion_pool

    pool = model_insertion_pool(REPO / "models/finetuned/model")
    rng = np.random.default_rng(0)
    short = _short_crisis_probes()
    other = [insert_word(p.text, 1.0, pool, rng) for p in short]
    flips = _flips(predictor, short, other)
    assert len(flips) <= 0.05 * len(short), flips
