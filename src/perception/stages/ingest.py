"""`perception ingest` (stage ingest): every source validated, normalized, redacted and
deduplicated; `--check` reports without writing."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.config import IngestConfig, load_params
from perception.stages.common import ParamsOption, fail


def ingest(
    params: Path = ParamsOption,
    check: bool = typer.Option(
        False, "--check", help="Show what each source becomes (column mapping, first rows as "
        "stored, reject reasons) and write nothing."),
    only: list[str] = typer.Option(  # noqa: B008 - typer reads defaults at definition
        [], "--source", help="With --check: only this source (repeat for several)."),
    rows: int = typer.Option(5, "--rows", min=0, help="With --check: rows to show."),
) -> None:
    """Validate, normalize, redact and deduplicate every source; keep rejects with reasons."""
    from perception.data.ingest import dvc_stage_deps
    from perception.data.ingest import ingest as run_ingest

    root = Path(".")
    loaded = load_params(params)
    cfg, paths = loaded.ingest, loaded.paths
    deps = dvc_stage_deps(root)
    if check:
        _ingest_check(cfg, root, deps, only, rows)
        return
    result = run_ingest(cfg, root, stage_deps=deps)
    for warning in result.warnings:
        typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)
    artifacts.write_parquet(paths.clean, result.clean)
    artifacts.write_jsonl(paths.rejected, (r.record() for r in result.rejected))
    artifacts.write_json(paths.metrics_file("data"), result.metrics)
    rows_ = result.metrics["rows"]
    typer.echo(f"ingest: {rows_['in']} in = {rows_['clean']} clean + {rows_['rejected']} "
               f"rejected + {rows_['duplicates_collapsed']} duplicates collapsed")


def _ingest_check(cfg: IngestConfig, root: Path, deps: list[str] | None, only: list[str],
                  rows: int) -> None:
    """`ingest --check`: report each source; exit 1 if any cannot be ingested."""
    from perception.config import ConfigError
    from perception.data.ingest import (
        IngestError,
        check_report,
        read_and_validate,
        resolve_source,
        uncovered_sources,
    )

    names = [s.name for s in cfg.sources]
    unknown = [n for n in only if n not in names]
    if unknown:
        fail(f"--source {unknown[0]!r} is not in ingest.sources ({', '.join(names)})")
    failed = False
    for index, source in enumerate(cfg.sources):
        if only and source.name not in only:
            continue
        try:
            path = resolve_source(source, index, root)
            part = read_and_validate(source, index, path, cfg.max_chars,
                                     timestamps=cfg.timestamps)
        except (ConfigError, IngestError) as exc:
            typer.secho(f"source {source.name!r}: error: {exc}", fg=typer.colors.RED, err=True)
            failed = True
            continue
        typer.echo(check_report(part, rows, cfg.max_reject_rate))
        failed = failed or len(part.rejected) > cfg.max_reject_rate * part.rows_in
        if deps is not None and uncovered_sources([source], deps):
            typer.secho(f"  error: {source.path} is not under a dependency of the ingest stage "
                        f"in dvc.yaml ({', '.join(deps)}): put it in data/raw/",
                        fg=typer.colors.RED, err=True)
            failed = True
    if failed:
        raise typer.Exit(code=1)
