"""`perception evaluate TARGET` (stage evaluate@TARGET): test metrics, slices, gates, probes,
plots."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from perception import artifacts
from perception.config import Params, TargetConfig
from perception.stages.common import ParamsOption, load_target
from perception.stages.targets import target_data, write_plots

if TYPE_CHECKING:
    from perception.evaluation.behaviour import Features
    from perception.evaluation.probes.runner import ProbeSuite


def evaluate(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
             params: Path = ParamsOption) -> None:
    """Score one target on test: metrics, slices, gates, plots. A failed gate is reported,
    not fatal: `perception gates` enforces it."""
    from perception import tracking
    from perception.evaluation.evaluate import evaluate_target
    from perception.evaluation.plots import evaluation_images
    from perception.models.target_model import load_model, model_digest

    loaded, cfg = load_target(params, target)
    paths = loaded.paths
    model_dir = paths.model_dir(target)
    model = load_model(model_dir)
    data = target_data(loaded, target, cfg, model.groups)
    texts = None
    if model.kind != "regression":
        clean = artifacts.read_parquet(paths.clean)
        texts = dict(zip(clean["id"].astype(str), clean["text"].astype(str), strict=True))
    probes = _probes(loaded, cfg, model) if cfg.probes else None
    result = evaluate_target(model, data, cfg, texts=texts, probes=probes)
    artifacts.write_json(paths.metrics_file(target), result.metrics)
    write_plots(paths.plots_dir(target) / "test", result.plots,
                evaluation_images(target, model.kind, result.plots, model.classes))
    accepted = result.metrics["accepted"]
    registry = tracking.log_evaluation(loaded.tracking, target, model_digest(model_dir),
                                       result.metrics["test"], accepted)
    failed = [name for name, g in result.metrics["gates"].items() if not g["passed"]]
    verdict = "accepted" if accepted else f"NOT accepted (failed: {', '.join(failed)})"
    typer.echo(f"evaluate {target}: {verdict}; {registry}")


def probe_features(loaded: Params, cfg: TargetConfig, model: Any,
                   langs: Mapping[str, str] | None = None) -> tuple[ProbeSuite, Features]:
    """The target's probe suite, and its texts -> the model's features and context through
    this repository's encoders (`behaviour.text_features`). A text's language is its probe's,
    else `langs`' (text -> language; benchmarks scoring texts of their own), else English."""
    from perception.evaluation.behaviour import text_features
    from perception.evaluation.probes.runner import load_probes
    from perception.features.encoder.runtime import load_encoder
    from perception.features.sentence_scores import SentenceHeads

    assert cfg.probes is not None
    paths, enc = loaded.paths, loaded.featurize.encoder
    suite = load_probes(Path(cfg.probes))
    finetuned = heads = None
    if {"finetuned", "sentences"} & set(model.groups):
        finetuned = load_encoder(enc, paths.finetuned_ir, paths.finetuned_model)
        heads = SentenceHeads.load(paths.finetuned_ir)
    return suite, text_features(model, loaded.featurize, load_encoder(enc, Path(paths.encoder)),
                                finetuned, heads, {**(langs or {}), **suite.langs()}, "en")


def _probes(loaded: Params, cfg: TargetConfig, model: Any) -> dict[str, Any]:
    """The target's probe suite through the trained model and this repository's encoders,
    and what the lexicon safety net adds on it (as `test.safety_net` does on test)."""
    from perception.evaluation.behaviour import text_scorer
    from perception.evaluation.probes.runner import net_effect, run_probes
    from perception.features.crisis_cues import safety_net

    suite, features = probe_features(loaded, cfg, model)
    result = run_probes(suite, text_scorer(model, features))
    return {**result, "safety_net": net_effect(suite, result, safety_net)}
