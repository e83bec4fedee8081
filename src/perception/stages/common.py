"""What every command shares: the --params option, the one-line failure, the target lookup.

Imports only the config (and errors), so it widens no stage's dvc.yaml deps.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from perception.config import PARAMS_FILE, ConfigError, Params, TargetConfig, load_params

ParamsOption = typer.Option(PARAMS_FILE, "--params", help="The params file to read.")


def fail(message: str) -> NoReturn:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def load_target(params: Path, name: str) -> tuple[Params, TargetConfig]:
    """The params and one declared target, or a one-line error naming targets.<name>."""
    try:
        loaded = load_params(params)
    except ConfigError as exc:
        fail(str(exc))
    if name not in loaded.targets:
        fail(f"{params}: targets.{name}: no such target (declared: "
             f"{', '.join(loaded.targets) or 'none'})")
    return loaded, loaded.targets[name]
