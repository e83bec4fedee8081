"""The model card states the decision the bundle ships."""

from __future__ import annotations

from perception.export.card import model_card


def _card(spec: dict) -> str:
    metrics = {"crisis": {"test": {"n": 10, "crises": 4, "sensitivity": 0.75},
                          "gates": {}, "slices": {}, "accepted": True}}
    return model_card({"crisis": {"kind": "multiclass", "chosen": "blend", **spec}}, metrics,
                      {"rows": 10}, {"groups": ["lexical"]})


def test_the_card_names_each_languages_threshold_and_the_fallback() -> None:
    card = _card({"threshold": 0.2, "threshold_by": {"lang": {"en": 0.7, "hinglish": 0.2}}})
    assert ("At the shipped thresholds (by lang: en 0.700, hinglish 0.200; any other or no "
            "lang: 0.200)") in card
    assert "At the shipped threshold (0.300)" in _card({"threshold": 0.3})
