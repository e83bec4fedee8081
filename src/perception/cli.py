"""The `perception` command: it only registers the commands of `perception.stages`, one
module per pipeline stage (called by dvc.yaml) or tool, and turns every PerceptionError into
one line.

Each stage module reads its params slice, loads its inputs, calls plain functions and writes
its outputs atomically. The same functions are importable from Python.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click
import typer
from typer.core import TyperGroup

from perception.errors import PerceptionError
from perception.stages import (
    bundle,
    encoder,
    evaluate,
    export,
    featurize,
    finetune,
    gates,
    generate,
    ingest,
    predict,
    report,
    serve,
    sign,
    split,
    train,
    tune,
)

DEBUG_ENV = "PERCEPTION_DEBUG"


class _OneLineErrors(TyperGroup):
    """Any PerceptionError (ConfigError included) of any command: one line on stderr naming
    the file, key or item, exit code 1, no traceback unless --debug or PERCEPTION_DEBUG=1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PerceptionError as exc:
            if ctx.params.get("debug") or os.environ.get(DEBUG_ENV, "") not in ("", "0"):
                raise
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(code=1) from None


app = typer.Typer(cls=_OneLineErrors, add_completion=False, no_args_is_help=True,
                  help="perception: data, features and models for text perception.")


@app.callback()
def _options(debug: bool = typer.Option(
        False, "--debug", help=f"Show the traceback of an error instead of one line (or set "
        f"{DEBUG_ENV}=1).")) -> None:
    """perception: data, features and models for text perception."""


# The pipeline stages, in dvc.yaml's order.
app.command()(generate.generate)
app.command()(ingest.ingest)
app.command()(split.split)
app.command("export-encoder")(encoder.export_encoder)
app.command()(finetune.finetune)
app.command()(featurize.featurize)
app.command()(train.train)
app.command()(evaluate.evaluate)
app.command("export")(export.export_target)
app.command()(bundle.bundle)
# The commands around the pipeline.
app.command()(predict.predict)
app.command()(serve.serve)
app.command()(sign.sign)
app.command()(gates.gates)
app.command()(report.report)
app.command()(tune.tune)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
