"""`perception gates`: fail listing every failed gate (and regression since a revision)."""

from __future__ import annotations

from pathlib import Path

import typer

from perception.config import load_params
from perception.stages.common import ParamsOption


def gates(params: Path = ParamsOption,
          against: str = typer.Option(None, "--against", help="A git revision: also fail on a "
                                      "metric that regressed past its tolerance since then."),
          ) -> None:
    """Exit non-zero listing every failed gate (and, with --against, every regression)."""
    import json
    import subprocess

    from perception.evaluation.gates import failed_gates, regressions

    loaded = load_params(params)
    problems: list[str] = []
    for name, cfg in loaded.targets.items():
        path = loaded.paths.metrics_file(name)
        if not path.exists():
            problems.append(f"{name}: no {path} (run `dvc repro evaluate@{name}`)")
            continue
        current = json.loads(path.read_text(encoding="utf-8"))
        problems += failed_gates(name, current)
        if against:
            shown = subprocess.run(["git", "show", f"{against}:{path.as_posix()}"],
                                   capture_output=True, text=True)
            if shown.returncode != 0:
                typer.echo(f"gates: {name}: no {path} at {against}; nothing to compare",
                           err=True)
                continue
            problems += [str(r) for r in regressions(name, current, json.loads(shown.stdout),
                                                     cfg.tolerances)]
    for line in problems:
        typer.secho(line, fg=typer.colors.RED, err=True)
    if problems:
        raise typer.Exit(code=1)
    base = f" and no regression since {against}" if against else ""
    typer.echo(f"gates: all {len(loaded.targets)} targets pass{base}")
