"""`perception finetune` (stage finetune): the encoder fine-tuned on train rows, exported to
OpenVINO IR and checked against its torch model."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from perception import artifacts
from perception.config import load_params
from perception.stages.common import ParamsOption
from perception.stages.runlog import log_run


def finetune(params: Path = ParamsOption) -> None:
    """Fine-tune the sentence encoder on the train split (one head per label), export it to
    OpenVINO IR and check the IR against the torch model."""
    from perception.features.finetuned import finetune_and_export

    loaded = load_params(params)
    paths = loaded.paths
    summary = finetune_and_export(
        artifacts.read_parquet(paths.clean), artifacts.read_parquet(paths.splits), loaded.finetune,
        loaded.featurize.encoder, Path(paths.finetuned), progress=sys.stderr.isatty(),
        log=lambda line: typer.echo(f"finetune: {line}", err=True))
    artifacts.write_json(paths.metrics_file("finetune"), summary.metrics)
    log_run(paths.log("finetune"), summary.run)
    typer.echo(f"finetune: {summary.metrics['rows']} train rows, heads "
               f"{', '.join(summary.metrics['heads'])}; IR cosine to torch min "
               f"{summary.metrics['parity']['min_cosine']} -> {paths.finetuned}")
