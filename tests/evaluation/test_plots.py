"""The PNGs evaluate writes are renderings of its plot data alone, titled from the target and
its classes (no target's name or event is built in)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from perception.evaluation.plots import evaluation_images, event_name

REPO = Path(__file__).resolve().parents[2]


def test_the_event_is_named_from_the_target_and_its_classes() -> None:
    assert event_name("stress", ["calm", "stressed"]) == "stressed"
    assert event_name("crisis", ["none", "panic", "self_harm"]) == "any crisis"


@pytest.mark.parametrize(("target", "kind"), [("valence", "regression"),
                                              ("crisis", "multiclass")])
def test_committed_pngs_are_the_renderings_of_the_committed_data(target: str, kind: str) -> None:
    label = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))[
        "targets"][target]["label"]
    folder = REPO / "plots" / target / "test"
    data = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    images = evaluation_images(target, kind, data, label.get("classes", []))
    assert images and {f"{n}.png" for n in images} == {p.name for p in folder.glob("*.png")}
    for name, png in images.items():
        assert png == (folder / f"{name}.png").read_bytes(), name
