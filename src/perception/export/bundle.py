"""Assemble the bundle the inference service loads: every target's export, the encoders
they read, the feature specification, a model card, and `manifest.json` last.

The layout and the checks on reading are in `perception.serve.bundle`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from perception import artifacts
from perception.export.card import model_card
from perception.serve.bundle import (
    ENCODERS,
    FEATURES,
    FORMAT,
    MANIFEST,
    MODEL_CARD,
    SENTENCE_ENCODER,
    SENTENCES,
    TARGET_SPEC,
    TARGETS,
    bundle_version,
    checksums,
)
from perception.tracking import git_commit

# Headline test metrics carried in the manifest, by target kind.
HEADLINE = {"regression": ("pearson", "rmse", "ece"),
            "multiclass": ("sensitivity", "false_positive_rate", "macro_f1", "any_crisis_auc")}
# What the predictor can rebuild for a new text; other context columns cannot be served.
SERVABLE_CONTEXT = ("length_bucket", "lang")


def feature_spec(target_specs: Mapping[str, dict[str, Any]], lexical_columns: list[str],
                 temporal: dict[str, Any], context: list[str], default_lang: str,
                 encoders: Mapping[str, str]) -> dict[str, Any]:
    """features.json: the groups the targets read, with their columns in training order."""
    unservable = sorted(set(context) - set(SERVABLE_CONTEXT))
    if unservable:
        raise ValueError(f"train.context {unservable}: the predictor can only rebuild "
                         f"{list(SERVABLE_CONTEXT)} for a new text")
    groups: dict[str, Any] = {}
    for spec in target_specs.values():
        for group, columns in spec["columns"].items():
            known = groups.setdefault(group, {"columns": columns})
            if known["columns"] != columns:
                raise ValueError(f"feature group {group!r}: targets were trained on "
                                 f"different columns")
    if groups.get("lexical", {"columns": lexical_columns})["columns"] != lexical_columns:
        raise ValueError("the models' lexical columns differ from this code's")
    if groups.get("temporal", {"columns": temporal["columns"]})["columns"] != temporal["columns"]:
        raise ValueError("the models' temporal columns differ from featurize.temporal")
    # The predictor always computes lexical (history valence) and temporal features.
    groups["lexical"] = {"columns": lexical_columns}
    groups["temporal"] = {**temporal}
    if SENTENCES in groups:
        # Per-sentence scores: the fine-tuned encoder and the heads shipped beside its IR.
        groups[SENTENCES]["uses"] = SENTENCE_ENCODER
        groups.setdefault(SENTENCE_ENCODER, {"columns": None})
    for group in groups:
        if group in encoders:
            groups[group]["encoder"] = f"{ENCODERS}/{group}"
    return {"groups": dict(sorted(groups.items())),
            "context": {"columns": context, "defaults": {"lang": default_lang}},
            "text": "normalize_text, then redact_pii (perception.data.text), as ingest does"}


def build_bundle(directory: Path, exports: Mapping[str, Path], encoders: Mapping[str, Path],
                 features: dict[str, Any], metrics: Mapping[str, dict[str, Any]],
                 data_facts: dict[str, Any], params_file: Path) -> dict[str, Any]:
    """Write the bundle into `directory` (a fresh folder: the caller swaps it in), manifest
    last, and return the manifest."""
    for name, source in sorted(exports.items()):
        shutil.copytree(source, directory / TARGETS / name)
    for group, source in sorted(encoders.items()):
        if "encoder" in features["groups"].get(group, {}):
            shutil.copytree(source, directory / ENCODERS / group)
    (directory / FEATURES).write_text(artifacts.dumps_json(features), encoding="utf-8")
    specs = {name: json.loads((directory / TARGETS / name / TARGET_SPEC).read_text(
        encoding="utf-8")) for name in exports}
    (directory / MODEL_CARD).write_text(model_card(specs, metrics, data_facts, features),
                                        encoding="utf-8")
    files = checksums(directory)
    manifest = {
        "format": FORMAT,
        "version": bundle_version(files),
        "targets": sorted(exports),
        "git_commit": git_commit(),
        "params_sha256": hashlib.sha256(params_file.read_bytes()).hexdigest(),
        "metrics": {name: {k: m["test"].get(k) for k in HEADLINE[specs[name]["kind"]]}
                    for name, m in sorted(metrics.items())},
        "gates": {name: {"accepted": m["accepted"],
                         **{g: v["passed"] for g, v in sorted(m["gates"].items())}}
                  for name, m in sorted(metrics.items())},
        "files": files,
    }
    (directory / MANIFEST).write_text(artifacts.dumps_json(manifest), encoding="utf-8")
    return manifest
