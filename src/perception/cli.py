"""The `perception` command: one subcommand per pipeline stage, called by dvc.yaml.

Each subcommand reads params.yaml, loads its inputs, calls plain functions and writes its
outputs atomically. The same functions are importable from Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from perception import io
from perception.config import PARAMS_FILE, IngestConfig, load_params

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="perception: data, features and models for text perception.")

ParamsOption = typer.Option(PARAMS_FILE, "--params", help="The params file to read.")


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command()
def generate(params: Path = ParamsOption) -> None:
    """Write the embedded synthetic corpus (deterministic from generate.seed)."""
    from perception.data.generate import generate_corpus

    cfg = load_params(params).generate
    records = generate_corpus(cfg)
    io.write_jsonl(cfg.output, records)
    typer.echo(f"generate: {len(records)} items -> {cfg.output}")


@app.command()
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
    from perception.config import ConfigError
    from perception.data.ingest import IngestError, dvc_stage_deps
    from perception.data.ingest import ingest as run_ingest

    root = Path(".")
    try:
        cfg = load_params(params).ingest
        deps = dvc_stage_deps(root)
        if check:
            _ingest_check(cfg, root, deps, only, rows)
            return
        result = run_ingest(cfg, root, stage_deps=deps)
    except (ConfigError, IngestError) as exc:
        _fail(str(exc))
    for warning in result.warnings:
        typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)
    io.write_parquet(cfg.clean, result.clean)
    io.write_jsonl(cfg.rejected, (r.record() for r in result.rejected))
    io.write_json(cfg.metrics, result.metrics)
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
        _fail(f"--source {unknown[0]!r} is not in ingest.sources ({', '.join(names)})")
    failed = False
    for index, source in enumerate(cfg.sources):
        if only and source.name not in only:
            continue
        try:
            path = resolve_source(source, index, root)
            part = read_and_validate(source, index, path, cfg.max_chars)
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


@app.command()
def split(params: Path = ParamsOption) -> None:
    """Assign train/val/test (grouped by user, or by time with an embargo) and folds."""
    from perception.data.split import SplitError, make_splits

    loaded = load_params(params)
    cfg = loaded.split
    clean = io.read_parquet(loaded.ingest.clean)
    try:
        splits, metrics = make_splits(clean, cfg)
    except SplitError as exc:
        _fail(str(exc))
    io.write_parquet(cfg.output, splits)
    io.write_json(cfg.metrics, metrics)
    typer.echo(f"split ({cfg.strategy}): {metrics['rows']}")


@app.command("export-encoder")
def export_encoder(params: Path = ParamsOption) -> None:
    """Export the sentence encoder to OpenVINO IR (the project's own export, no optimum)."""
    from perception.features.encoder.export import export_openvino

    cfg = load_params(params).featurize.encoder
    manifest = export_openvino(cfg.model, Path(cfg.ir_dir), int8=cfg.int8)
    typer.echo(f"export-encoder: {manifest['identity']} (int8={cfg.int8}) -> {cfg.ir_dir}")


@app.command()
def featurize(params: Path = ParamsOption) -> None:
    """Lexical, sentence-embedding and temporal features, one table per group."""
    import json
    import time
    from datetime import UTC, datetime

    from perception.features.embedding_cache import EmbeddingCache
    from perception.features.encoder.runtime import load_encoder
    from perception.features.featurize import build_features, feature_metrics

    loaded = load_params(params)
    cfg = loaded.featurize
    started = time.perf_counter()
    clean = io.read_parquet(loaded.ingest.clean)
    encoder = load_encoder(cfg.encoder)
    cache = EmbeddingCache(Path(cfg.cache_dir))
    tables = build_features(clean, cfg, encoder, cache)
    for name, frame in tables.tables().items():
        io.write_parquet(Path(cfg.output_dir) / f"{name}.parquet", frame)
    io.write_json(cfg.metrics, feature_metrics(tables, encoder, cfg))
    seconds = time.perf_counter() - started
    run = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "seconds": round(seconds, 2),
           "backend": encoder.backend, "precision": encoder.precision, **tables.run_stats}
    # Seconds and cache hits vary from run to run, so they go to a log, not to DVC outputs.
    log = Path(cfg.log)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(run) + "\n")
    typer.echo(f"featurize: {len(clean)} rows in {seconds:.1f}s, embedding cache "
               f"{tables.run_stats.get('hits', 0)} hits / {tables.run_stats.get('misses', 0)} "
               f"misses ({encoder.backend}/{encoder.precision})")


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
