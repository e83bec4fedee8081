"""`perception export TARGET` (stage export@TARGET): one target's chosen model as ONNX files
plus its numeric tables, checked against the trained model on test rows."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.stages.common import ParamsOption, fail, load_target
from perception.stages.targets import target_data


def export_target(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
                  params: Path = ParamsOption) -> None:
    """Export one target's chosen model to ONNX with its numeric tables; fail unless it
    reproduces the trained model on the test rows."""
    import json

    from perception.export.target import export_target as run_export
    from perception.models.target_model import load_model

    loaded, cfg = load_target(params, target)
    paths = loaded.paths
    model = load_model(paths.model_dir(target))
    evaluation = paths.metrics_file(target)
    if not evaluation.exists():
        fail(f"no {evaluation}: run `dvc repro evaluate@{target}` first")
    data = target_data(loaded, target, cfg, model.groups)
    test = data.mask("test")
    features = {g: frame[test].reset_index(drop=True) for g, frame in data.groups.items()}
    figures = run_export(model, paths.export_dir(target), loaded.export.opset,
                         loaded.export.severity.model_dump(), features,
                         data.context[test].reset_index(drop=True),
                         loaded.export.max_abs_diff,
                         json.loads(evaluation.read_text(encoding="utf-8")))
    artifacts.write_json(Path(paths.metrics) / "export" / f"{target}.json", figures)
    typer.echo(f"export {target}: {model.chosen} as {len(figures['learners'])} ONNX files; "
               f"parity on {figures['rows']} test rows: max abs diff {figures['max_abs_diff']:.2g}"
               f" -> {paths.export_dir(target)}")
