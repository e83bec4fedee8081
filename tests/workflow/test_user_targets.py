"""End-to-end: a user's own corpus with its own published split and labels beyond the
built-ins (a regression, a binary and a multiclass target), through params alone and the
real DVC pipeline, on tiny params in a temporary copy of the repo."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from perception.config import GenerateConfig
from perception.data.generate import generate_corpus

from .dvc_repo import copy_repo, output, ran_stages, run, tiny

pytestmark = pytest.mark.e2e

USER_TARGETS = ("dominance", "stress", "mood")
PUBLISHED = {0: "test", 1: "dev", 2: "train", 3: "train", 4: "train"}


def _write_ratings(path: Path) -> dict[str, str]:
    """A VAD-style corpus: 1..5 ratings, a stress flag, a mood class, a published split.
    The labels come from the synthetic corpus's own word-caused ones. Returns id -> split."""
    items = generate_corpus(GenerateConfig(seed=5, n_items=600, n_users=60))
    splits: dict[str, str] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["sid", "part", "sentence", "V", "A", "D", "stressed", "mood"])
        for i, item in enumerate(items):
            v, a = item["valence"], item["arousal"]
            d = 0.5 * v + 0.5 * (1 - a)
            mood = "pos" if v > 0.6 else ("neg" if v < 0.4 else "neu")
            part = PUBLISHED[i % 5]
            splits[f"ratings:{i}"] = part
            out.writerow([i, part, item["text"], round(1 + 4 * v, 3), round(1 + 4 * a, 3),
                          round(1 + 4 * d, 3), int(a > 0.6), mood])
    return splits


def _own_data(params: dict) -> None:
    params["ingest"]["sources"] = [{
        "name": "ratings", "path": "data/raw/ratings.csv", "format": "csv", "lang": "en",
        "columns": {"id": "sid", "text": "sentence", "valence": "V", "arousal": "A",
                    "dominance": "D", "stress": "stressed"},
        "valence_range": [1, 5], "arousal_range": [1, 5],
        "labels": {"dominance": {"range": [1, 5]},
                   "stress": {"values": {"0": "calm", "1": "stressed"}},
                   "mood": {"values": {"neg": "negative", "neu": "neutral",
                                       "pos": "positive"}}},
        "split": {"column": "part", "values": {"train": "train", "dev": "val", "test": "test"}},
    }]
    targets = params["targets"]
    regression, classes = targets["valence"], targets["crisis"]
    # Only the user's targets: the built-in ones are trained on the shared copy, and each
    # target costs its own train, evaluate and export stages.
    targets.clear()
    targets["dominance"] = {**copy.deepcopy(regression),
                            "label": {"column": "dominance", "kind": "regression"},
                            "gates": {"pearson_min": {"metric": "pearson", "threshold": 0.3,
                                                      "direction": "higher"}}}
    # The best-F1 threshold is one for all rows: no threshold per language with it.
    stress_model = {**copy.deepcopy(classes["model"]), "decision": "f1"}
    stress_model.pop("threshold_by", None)
    targets["stress"] = {
        "label": {"column": "stress", "kind": "binary", "classes": ["calm", "stressed"]},
        "model": stress_model,
        "gates": {"f1_min": {"metric": "per_type.stressed.f1", "threshold": 0.3,
                             "direction": "higher"}},
        "tolerances": {}}
    targets["mood"] = {
        "label": {"column": "mood", "kind": "multiclass",
                  "classes": ["neutral", "negative", "positive"]},
        "model": copy.deepcopy(classes["model"]),
        "gates": {"macro_f1_min": {"metric": "macro_f1", "threshold": 0.3,
                                   "direction": "higher"}},
        "tolerances": {}}
    tiny(params)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    dest = tmp_path_factory.mktemp("own")
    published = _write_ratings(dest / "data/raw/ratings.csv")
    copy_repo(dest, _own_data)
    ran = ran_stages(output(["dvc", "repro"], dest))
    assert {f"{s}@{t}" for s in ("train", "evaluate") for t in USER_TARGETS} <= ran
    return dest, published


def test_user_targets_train_evaluate_and_gate(repo: tuple[Path, dict[str, str]],
                                              tmp_path: Path) -> None:
    dest, _ = repo
    clean_metrics = json.loads((dest / "metrics/data.json").read_text())
    assert clean_metrics["labels"]["stress"] and clean_metrics["labels"]["dominance"]["n"]
    for target in USER_TARGETS:
        m = json.loads((dest / f"metrics/{target}.json").read_text())
        assert m["target"] == target and m["gates"] and "accepted" in m
        assert (dest / f"plots/{target}/test/reliability.png").stat().st_size > 1000
    stress = json.loads((dest / "metrics/stress.json").read_text())["test"]
    assert set(stress["per_type"]) == {"calm", "stressed"}
    mood = json.loads((dest / "metrics/mood.json").read_text())["test"]
    assert set(mood["per_type"]) == {"neutral", "negative", "positive"}
    heads = json.loads((dest / "metrics/finetune.json").read_text())["heads"]
    assert {"dominance", "stress", "mood", "valence", "arousal"} <= set(heads)
    proc = run(["perception", "gates"], dest, check=False)
    assert proc.returncode in (0, 1) and "error" not in proc.stderr.lower()
    # `dvc plots show` draws them with no dvc.yaml edit: each target's stages declare them.
    run(["dvc", "plots", "show", "-o", str(tmp_path / "dvc_plots")], dest)
    text = (tmp_path / "dvc_plots/index.html").read_text()
    for target in USER_TARGETS:
        assert f"plots/{target}/test/reliability.png" in text, target


def test_published_test_split_is_scored_row_for_row(repo: tuple[Path, dict[str, str]]
                                                    ) -> None:
    dest, published = repo
    test_ids = {i for i, part in published.items() if part == "test"}
    split = json.loads((dest / "metrics/split.json").read_text())
    assert split["source_split"]["test"] == len(test_ids)
    for target, plot in (("dominance", "predictions"), ("mood", "confusion")):
        rows = json.loads((dest / f"plots/{target}/test/{plot}.json").read_text())
        assert {r["id"] for r in rows} == test_ids, target

