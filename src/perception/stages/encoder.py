"""`perception export-encoder` (stage encoder): the frozen sentence encoder as OpenVINO IR."""

from __future__ import annotations

from pathlib import Path

import typer

from perception.config import load_params
from perception.stages.common import ParamsOption


def export_encoder(params: Path = ParamsOption) -> None:
    """Export the sentence encoder to OpenVINO IR (the project's own export, no optimum)."""
    from perception.features.encoder.export import export_openvino

    loaded = load_params(params)
    cfg, ir_dir = loaded.featurize.encoder, Path(loaded.paths.encoder)
    manifest = export_openvino(cfg.model, ir_dir, int8=cfg.int8)
    typer.echo(f"export-encoder: {manifest['identity']} (int8={cfg.int8}) -> {ir_dir}")
