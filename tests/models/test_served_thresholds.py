"""A target exported with a threshold per language: the served scorer decides as the trained
model does, each row at its language's threshold."""

from __future__ import annotations

from pathlib import Path

from perception.export.target import export_target
from perception.models.train import train_target
from perception.serve.scorer import TargetScorer

from .conftest import make_data, target_config


def test_the_served_scorer_judges_each_row_at_its_languages_threshold(train_config,
                                                                      tmp_path: Path) -> None:
    data = make_data("multiclass")
    cfg = target_config("multiclass", selection="stack", sensitivity_target=0.9,
                        slice_sensitivity={"target": 0.85, "slices": ["lang"]},
                        threshold_by="lang")
    model = train_target("toy", data, cfg, train_config).model
    assert model.threshold_by is not None
    # Far apart, so the check below can tell them apart.
    model.threshold_by = {"lang": {"en": 0.8, "hinglish": 0.2}}
    model.threshold = 0.2
    te = data.mask("test")
    features = {g: f[te].reset_index(drop=True) for g, f in data.groups.items()}
    context = data.context[te].reset_index(drop=True)
    figures = export_target(model, tmp_path / "toy", 15, {}, features, context, 1e-6,
                            {"test": {}, "gates": {}, "slices": {}, "accepted": True})
    assert figures["decisions_differing"] == 0
    scorer = TargetScorer(tmp_path / "toy")
    assert scorer.threshold_by == model.threshold_by
    probs = scorer.predict(features, context)
    event = 1 - probs[:, 0]
    langs = context["lang"].tolist()
    described = scorer.describe(probs, {"lang": langs})
    for row, p, lang in zip(described, event, langs, strict=True):
        assert row["threshold"] == {"en": 0.8, "hinglish": 0.2}[lang]
        assert row["flagged"] == (p >= row["threshold"])
    # Between the two thresholds, the language decides; a text of no stated language is
    # judged at the lowest threshold.
    between = (event >= 0.2) & (event < 0.8)
    assert between.any()
    unstated = scorer.describe(probs, {"lang": [None] * len(langs)})
    assert all(r["flagged"] for r, b in zip(unstated, between, strict=True) if b)
    assert all(r["threshold"] == 0.2 for r in unstated)
