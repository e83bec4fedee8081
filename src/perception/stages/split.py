"""`perception split` (stage split): train/val/test and folds."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.config import load_params
from perception.stages.common import ParamsOption


def split(params: Path = ParamsOption) -> None:
    """Assign train/val/test (grouped by user, or by time with an embargo) and folds."""
    from perception.data.split import make_splits

    loaded = load_params(params)
    cfg = loaded.split
    clean = artifacts.read_parquet(loaded.paths.clean)
    splits, metrics = make_splits(clean, cfg)
    artifacts.write_parquet(loaded.paths.splits, splits)
    artifacts.write_json(loaded.paths.metrics_file("split"), metrics)
    typer.echo(f"split ({cfg.strategy}): {metrics['rows']}")
