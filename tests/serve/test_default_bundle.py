"""The committed pipeline's bundle, where it is present (after `make repro` or `dvc pull`):
fed the test rows' text, it reproduces metrics/<target>.json. A fresh clone has no bundle
(CI builds and checks a tiny one in tests/workflow/test_serving.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perception import artifacts
from perception.config import load_params
from perception.serve.bundle import EVALUATION
from perception.serve.predictor import Predictor
from perception.stages.bundle import parity_from_text, text_parity_failures, trained_view

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not (REPO / "models/bundle/manifest.json").exists(),
    reason="no default bundle here: `make repro` or `dvc pull models/bundle` builds one")


def test_default_bundle_reproduces_the_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    loaded = load_params(REPO / "params.yaml")
    paths = loaded.paths
    clean, splits = artifacts.read_parquet(paths.clean), artifacts.read_parquet(paths.splits)
    # Accepted or not, the default bundle must reproduce its evaluation.
    predictor = Predictor.load(paths.bundle, allow_unaccepted=True)
    expected = {}
    for name in predictor.targets:
        evaluation = json.loads((paths.export_dir(name) / EVALUATION).read_text())
        committed = json.loads(paths.metrics_file(name).read_text())
        assert evaluation["test"] == committed["test"]
        expected[name] = trained_view(loaded, name, clean, splits, evaluation)
    parity = parity_from_text(predictor, expected, clean, splits, paths)
    assert text_parity_failures(parity) == []
    for name in predictor.targets:
        # bf16 encoders may tip a decision that sits within the float tolerance of the
        # threshold (or of a class tie); none beyond it may differ.
        figures = parity["end_to_end"][name]
        assert figures.get("decisions_differing_beyond_tolerance", 0) == 0, figures
