"""`perception bundle` (stage bundle): assemble, check from text, time. A bundle that fails a
check is never swapped in (it is built in a temp folder)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from perception import artifacts
from perception.config import Params, load_params
from perception.stages.common import ParamsOption, fail
from perception.stages.runlog import log_run

# The heavy imports (ONNX, OpenVINO, the predictor) wait until the stage runs, so that every
# other `perception` command starts fast.
if TYPE_CHECKING:
    import pandas as pd

    from perception.export.check import Expected
    from perception.serve.predictor import Predictor


def bundle(params: Path = ParamsOption) -> None:
    """Assemble the serving bundle (encoders, per-target ONNX, tables, model card, manifest
    last); fail unless it reproduces the evaluated models from text. Times the exported path."""
    loaded = load_params(params)
    try:
        report = run_bundle(loaded, Path(params))
    except ValueError as exc:
        fail(str(exc))
    # Not a DVC output: it holds seconds, which must not change dvc.lock (see dvc.yaml).
    artifacts.write_json(loaded.paths.metrics_file("export"), report)
    log_run(loaded.paths.log("bundle"), {"version": report["bundle"]["version"],
                                         "latency": report["latency"]["end_to_end"]})
    e2e = report["latency"]["end_to_end"]["single"]
    typer.echo(f"bundle: {report['bundle']['version']} ({report['bundle']['files']} files) -> "
               f"{loaded.paths.bundle}; single text end to end p50 {e2e['p50_ms']:.1f} ms, "
               f"p95 {e2e['p95_ms']:.1f} ms")


def trained_view(loaded: Params, name: str, clean: pd.DataFrame, splits: pd.DataFrame,
                 evaluation: dict[str, Any]) -> Expected:
    """The trained model's calibrated scores on its test rows, from featurize's tables."""
    from perception.export.check import Expected
    from perception.models.dataset import target_data
    from perception.models.target_model import load_model

    cfg = loaded.targets[name]
    paths = loaded.paths
    model = load_model(paths.model_dir(name))
    features = {g: artifacts.read_parquet(paths.feature_table(g)) for g in model.groups}
    data = target_data(name, cfg, clean, splits, features, loaded.train.context)
    test = data.mask("test")
    tables = {g: f[test].reset_index(drop=True) for g, f in data.groups.items()}
    scores = model.predict(tables, data.context[test].reset_index(drop=True))
    return Expected(ids=data.ids[test], y=data.y[test], scores=scores,
                    threshold=(None if model.threshold is None else
                               model.thresholds(data.slices[test], int(test.sum()))),
                    classes=model.classes,
                    bins=cfg.model.calibration_bins, metrics=evaluation["test"],
                    tolerances={k: t.abs for k, t in cfg.tolerances.items()})


def _data_facts(clean: pd.DataFrame, splits: pd.DataFrame) -> dict[str, Any]:
    split = splits["split"].value_counts().to_dict()
    return {"rows": len(clean), "split": {k: int(v) for k, v in sorted(split.items())},
            "sources": sorted(clean["source"].astype(str).unique()),
            "lang": {k: int(v) for k, v in clean["lang"].astype(str).value_counts().items()}}


def run_bundle(loaded: Params, params_file: Path) -> dict[str, Any]:
    """Build paths.bundle and return what metrics/export.json reports."""
    from perception.export.bundle import build_bundle, feature_spec
    from perception.export.check import latency, serving_process
    from perception.export.onnx import ExportError
    from perception.features.lexical import LEXICAL_COLUMNS
    from perception.features.temporal import temporal_columns
    from perception.serve.bundle import EVALUATION, TARGET_SPEC
    from perception.serve.predictor import Predictor
    from perception.serve.signing import VERIFY_KEY_ENV, public_pem, sign_bundle, signing_key

    paths = loaded.paths
    clean = artifacts.read_parquet(paths.clean)
    splits = artifacts.read_parquet(paths.splits)
    names = sorted(loaded.targets)
    exports = {t: paths.export_dir(t) for t in names}
    specs = {t: json.loads((d / TARGET_SPEC).read_text(encoding="utf-8"))
             for t, d in exports.items()}
    temporal_cfg = loaded.featurize.temporal
    temporal = {"columns": temporal_columns(temporal_cfg.ema_alphas, temporal_cfg.window_days),
                "ema_alphas": list(temporal_cfg.ema_alphas),
                "window_days": temporal_cfg.window_days}
    train_ids = set(splits.loc[splits["split"] == "train", "id"].astype(str))
    train_langs = clean.loc[clean["id"].astype(str).isin(train_ids), "lang"].astype(str)
    features = feature_spec(specs, list(LEXICAL_COLUMNS), temporal, list(loaded.train.context),
                            str(train_langs.mode().iloc[0]),
                            {"embeddings": paths.encoder, "finetuned": str(paths.finetuned_ir)})
    metrics = {t: json.loads((d / EVALUATION).read_text(encoding="utf-8"))
               for t, d in exports.items()}
    expected = {t: trained_view(loaded, t, clean, splits, metrics[t]) for t in names}
    encoders = {"embeddings": Path(paths.encoder), "finetuned": paths.finetuned_ir}
    train_texts = clean.loc[clean["id"].astype(str).isin(train_ids), "text"].astype(str)

    # The scratch folder is named like atomic_dir's temp (`.bundle.*.tmp`), so the debris of a
    # killed run (both can be hundreds of MB) is swept when the next run starts.
    bundle_dir = Path(paths.bundle)
    artifacts.sweep_debris(bundle_dir)
    with tempfile.TemporaryDirectory(dir=bundle_dir.parent, prefix=f".{bundle_dir.name}.scratch-",
                                     suffix=".tmp") as scratch, \
            artifacts.atomic_dir(paths.bundle) as tmp:
        if loaded.export.int8_static:
            encoders = {g: _quantized(ir, train_texts.tolist(), Path(scratch) / g, loaded)
                        for g, ir in encoders.items() if g in features["groups"]}
        manifest = build_bundle(tmp, exports, encoders, features, metrics,
                                _data_facts(clean, splits), params_file)
        # Packing is not serving: an unaccepted target is packed and marked (the manifest
        # carries its gates); serving refuses it without the explicit override.
        # Not yet signed (it is signed once swapped in): checked here for parity only.
        predictor = Predictor.load(tmp, allow_unaccepted=True, allow_unsigned=True)
        parity = parity_from_text(predictor, expected, clean, splits, paths)
        failures = [f"{where}: {what}" for where, what in text_parity_failures(parity)]
        if failures:
            raise ExportError("the bundle does not reproduce the evaluated models: "
                              + "; ".join(failures))
    # The signature goes beside the bundle (<bundle>.sig), never into this DVC output: it
    # differs per key, and dvc.lock must not (docs/security.md). Then load it as a service
    # would: signature first.
    key, _ = signing_key()
    signature = sign_bundle(paths.bundle, key)
    verify_with = loaded.serve.verify_key or os.environ.get(VERIFY_KEY_ENV) or public_pem(
        key.public_key())
    predictor = Predictor.load(paths.bundle, allow_unaccepted=True, verify_key=verify_with)
    test_texts = clean.loc[clean["id"].isin(set(splits.loc[splits["split"] == "test", "id"])),
                           "text"].astype(str).tolist()
    timing = latency(predictor, test_texts, loaded.export.latency.single,
                     loaded.export.latency.batches, loaded.export.latency.batch_size)
    return {"bundle": {"version": manifest["version"], "files": len(manifest["files"]),
                       "signed_by": signature["key_id"],
                       "targets": manifest["targets"],
                       "encoders": {g: e.precision for g, e in predictor.encoders.items()}},
            "parity": parity, "latency": timing,
            "serving_process": _with_verify_key(verify_with, serving_process,
                                                str(paths.bundle))}


def _with_verify_key(key: str, run: Callable[[str], Any], arg: str) -> Any:
    """Run `run(arg)` (a fresh serving process) with the key the bundle is verified against
    in $PERCEPTION_VERIFY_KEY, as a service would have it configured."""
    from perception.serve.signing import VERIFY_KEY_ENV

    before = os.environ.get(VERIFY_KEY_ENV)
    os.environ[VERIFY_KEY_ENV] = key
    try:
        return run(arg)
    finally:
        if before is None:
            os.environ.pop(VERIFY_KEY_ENV, None)
        else:
            os.environ[VERIFY_KEY_ENV] = before


def _quantized(ir_dir: Path, texts: list[str], out: Path, loaded: Params) -> Path:
    from perception.export.quantize import quantize_encoder

    quantize_encoder(ir_dir, texts, out, subset_size=loaded.export.int8_calibration_texts,
                     seed=loaded.train.seed)
    return out


def parity_from_text(predictor: Predictor, expected: dict[str, Expected], clean: pd.DataFrame,
                     splits: pd.DataFrame, paths: Any) -> dict[str, Any]:
    """From the test rows' text, user, time and language, with each user's stored items as
    history, exactly as a service would be called."""
    import numpy as np

    from perception.export.check import encoder_parity, end_to_end_parity

    test_ids = np.unique(np.concatenate([e.ids for e in expected.values()]))
    rows = clean.assign(id=clean["id"].astype(str)).set_index("id").loc[test_ids]
    users = set(rows["user_id"].dropna().astype(str))
    history = clean.loc[clean["user_id"].astype(str).isin(users),
                        ["id", "user_id", "created_at", "text"]]
    features = predictor.features(rows["text"].astype(str).tolist(),
                                  user_ids=rows["user_id"].tolist(),
                                  timestamps=rows["created_at"].tolist(), history=history,
                                  langs=rows["lang"].tolist())
    position = {i: k for k, i in enumerate(test_ids)}
    featurized = {g: artifacts.read_parquet(paths.feature_table(g)).assign(
        id=lambda f: f["id"].astype(str)).set_index("id").loc[test_ids].reset_index(drop=True)
        for g in predictor.encoders}
    precision = next(iter(predictor.encoders.values())).precision if predictor.encoders else "f32"
    scores = predictor.score(features)
    out: dict[str, Any] = {"encoders": encoder_parity(features.arrays, featurized, precision),
                           "end_to_end": {}}
    for name, e in expected.items():
        take = np.asarray([position[i] for i in e.ids])
        out["end_to_end"][name] = end_to_end_parity(predictor.targets[name].kind, e,
                                                    scores[name][take])
    return out


def text_parity_failures(parity: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for group, p in parity["encoders"].items():
        if not p["passed"]:
            out.append((f"encoder {group}", f"min cosine {p['min_cosine']} < {p['bound']}"))
    for name, p in parity["end_to_end"].items():
        for metric, m in p["metrics"].items():
            if not m["passed"]:
                out.append((f"target {name}", f"test {metric} {m['bundle']} vs evaluate "
                            f"{m['evaluate']} (allowed ±{m['allowed']})"))
    return out
