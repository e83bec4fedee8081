"""The `perception` command: one subcommand per pipeline stage, called by dvc.yaml.

Each subcommand reads params.yaml, loads its inputs, calls plain functions and writes its
outputs atomically. The same functions are importable from Python.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from perception import io
from perception.config import PARAMS_FILE, IngestConfig, Params, TargetConfig, load_params

if TYPE_CHECKING:
    from perception.models.dataset import TargetData
    from perception.serve.predictor import Predictor

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

    loaded = load_params(params)
    records = generate_corpus(loaded.generate)
    io.write_jsonl(loaded.paths.corpus, records)
    typer.echo(f"generate: {len(records)} items -> {loaded.paths.corpus}")


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
        loaded = load_params(params)
        cfg, paths = loaded.ingest, loaded.paths
        deps = dvc_stage_deps(root)
        if check:
            _ingest_check(cfg, root, deps, only, rows)
            return
        result = run_ingest(cfg, root, stage_deps=deps)
    except (ConfigError, IngestError) as exc:
        _fail(str(exc))
    for warning in result.warnings:
        typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)
    io.write_parquet(paths.clean, result.clean)
    io.write_jsonl(paths.rejected, (r.record() for r in result.rejected))
    io.write_json(paths.metrics_file("data"), result.metrics)
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


@app.command()
def split(params: Path = ParamsOption) -> None:
    """Assign train/val/test (grouped by user, or by time with an embargo) and folds."""
    from perception.data.split import SplitError, make_splits

    loaded = load_params(params)
    cfg = loaded.split
    clean = io.read_parquet(loaded.paths.clean)
    try:
        splits, metrics = make_splits(clean, cfg)
    except SplitError as exc:
        _fail(str(exc))
    io.write_parquet(loaded.paths.splits, splits)
    io.write_json(loaded.paths.metrics_file("split"), metrics)
    typer.echo(f"split ({cfg.strategy}): {metrics['rows']}")


@app.command("export-encoder")
def export_encoder(params: Path = ParamsOption) -> None:
    """Export the sentence encoder to OpenVINO IR (the project's own export, no optimum)."""
    from perception.features.encoder.export import export_openvino

    loaded = load_params(params)
    cfg, ir_dir = loaded.featurize.encoder, Path(loaded.paths.encoder)
    manifest = export_openvino(cfg.model, ir_dir, int8=cfg.int8)
    typer.echo(f"export-encoder: {manifest['identity']} (int8={cfg.int8}) -> {ir_dir}")


@app.command()
def finetune(params: Path = ParamsOption) -> None:
    """Fine-tune the sentence encoder on the train split (one head per label), export it to
    OpenVINO IR and check the IR against the torch model."""
    from perception.features.finetuned import finetune_and_export

    loaded = load_params(params)
    paths = loaded.paths
    summary = finetune_and_export(
        io.read_parquet(paths.clean), io.read_parquet(paths.splits), loaded.finetune,
        loaded.featurize.encoder, Path(paths.finetuned), progress=sys.stderr.isatty(),
        log=lambda line: typer.echo(f"finetune: {line}", err=True))
    io.write_json(paths.metrics_file("finetune"), summary.metrics)
    _log_run(paths.log("finetune"), summary.run)
    typer.echo(f"finetune: {summary.metrics['rows']} train rows, heads "
               f"{', '.join(summary.metrics['heads'])}; IR cosine to torch min "
               f"{summary.metrics['parity']['min_cosine']} -> {paths.finetuned}")


def _log_run(log: Path, run: dict[str, object]) -> None:
    """Seconds and cache hits vary from run to run, so they go to a log, not to DVC outputs;
    so does the CPU, whose bf16 kernels decide the exact floats a stage wrote."""
    from perception import tracking

    tracking.append_run_log(log, {**run, "cpu": tracking.cpu_facts()})


@app.command()
def featurize(params: Path = ParamsOption) -> None:
    """Lexical, sentence-embedding (frozen and fine-tuned) and temporal features, one table
    per group."""
    import time

    from perception.features.embedding_cache import EmbeddingCache
    from perception.features.encoder.runtime import load_encoder
    from perception.features.featurize import build_features, feature_metrics
    from perception.features.sentence_scores import SentenceHeads

    loaded = load_params(params)
    cfg, paths = loaded.featurize, loaded.paths
    started = time.perf_counter()
    clean = io.read_parquet(paths.clean)
    encoder = load_encoder(cfg.encoder, Path(paths.encoder))
    finetuned = load_encoder(cfg.encoder, paths.finetuned_ir, paths.finetuned_model)
    cache = EmbeddingCache(Path(paths.embedding_cache))
    tables = build_features(clean, cfg, encoder, cache, finetuned=finetuned,
                            heads=SentenceHeads.load(paths.finetuned_ir))
    for name, frame in tables.tables().items():
        io.write_parquet(paths.feature_table(name), frame)
    io.write_json(paths.metrics_file("features"),
                  feature_metrics(tables, encoder, cfg, finetuned))
    seconds = time.perf_counter() - started
    _log_run(paths.log("featurize"), {"seconds": round(seconds, 2), "backend": encoder.backend,
                                      "precision": encoder.precision, **tables.run_stats})
    typer.echo(f"featurize: {len(clean)} rows in {seconds:.1f}s, embedding cache "
               f"{tables.run_stats.get('hits', 0)} hits / {tables.run_stats.get('misses', 0)} "
               f"misses ({encoder.backend}/{encoder.precision})")


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())


def _target(params: Path, target: str) -> tuple[Params, TargetConfig]:
    """The params and one declared target, or a one-line error naming targets.<name>."""
    from perception.config import ConfigError

    try:
        loaded = load_params(params)
    except ConfigError as exc:
        _fail(str(exc))
    if target not in loaded.targets:
        _fail(f"{params}: targets.{target}: no such target (declared: "
              f"{', '.join(loaded.targets) or 'none'})")
    return loaded, loaded.targets[target]


def _target_data(loaded: Params, name: str, target: TargetConfig, groups: list[str]
                 ) -> TargetData:
    from perception.models.dataset import TargetDataError, target_data

    paths = loaded.paths
    features = {g: io.read_parquet(paths.feature_table(g)) for g in groups}
    try:
        return target_data(name, target, io.read_parquet(paths.clean),
                           io.read_parquet(paths.splits), features, loaded.train.context)
    except TargetDataError as exc:
        _fail(str(exc))


def _write_plots(directory: Path, data: dict[str, list], images: dict[str, bytes]) -> None:
    """Plot data as <name>.json and renderings as <name>.png, swapped in as one folder."""
    with io.atomic_dir(directory) as tmp:
        for name, rows in data.items():
            (tmp / f"{name}.json").write_text(io.dumps_json(rows), encoding="utf-8")
        for name, png in images.items():
            (tmp / f"{name}.png").write_bytes(png)


@app.command()
def train(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
          params: Path = ParamsOption) -> None:
    """Tune, stack, select and calibrate one target on train/val; log to dvclive and MLflow."""
    from perception import tracking
    from perception.evaluation.plots import optuna_image
    from perception.models.dataset import TargetDataError
    from perception.models.target_model import model_digest, save_model
    from perception.models.train import train_target

    loaded, cfg = _target(params, target)
    paths = loaded.paths
    data = _target_data(loaded, target, cfg, cfg.groups(loaded.train))
    try:
        result = train_target(target, data, cfg, loaded.train, progress=sys.stderr.isatty(),
                              log=lambda line: typer.echo(f"train: {line}", err=True))
    except TargetDataError as exc:
        _fail(str(exc))
    model_dir = paths.model_dir(target)
    save_model(result.model, model_dir, {"oof": result.oof, "val_predictions": result.val})

    histories = {m: r.history for m, r in result.tuning.items()}
    _write_plots(paths.plots_dir(target) / "train",
                 {f"optuna_{model}": rows for model, rows in histories.items()},
                 {"optuna": optuna_image(target, histories)} if histories else {})

    val = {"val": {"chosen": result.calibrated_val, "candidates": result.candidates}}
    live_params = {"chosen": result.model.chosen,
                   "tuned": result.model.info["tuned"], "threshold": result.model.threshold}
    tracking.log_live(paths.train_live_dir(target), live_params, val)
    digest = model_digest(model_dir)
    run_id = tracking.log_training_run(
        loaded.tracking, target, {"target": cfg.model_dump(), "train": loaded.train.model_dump(),
                                  **live_params},
        val, model_dir, digest, result.model.learners, primary=result.model.primary,
        run_log=paths.log("train"))
    chosen = result.calibrated_val
    headline = (f"pearson {chosen['pearson']}" if cfg.kind == "regression" else
                f"sensitivity {chosen['sensitivity']} at threshold {chosen['threshold']}, "
                f"macro-F1 {chosen['macro_f1']}")
    typer.echo(f"train {target}: {result.model.chosen} chosen; val {headline} "
               f"-> {model_dir} (MLflow run {run_id})")


@app.command()
def evaluate(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
             params: Path = ParamsOption) -> None:
    """Score one target on test: metrics, slices, gates, plots. A failed gate is reported,
    not fatal: `perception gates` enforces it."""
    from perception import tracking
    from perception.evaluation.evaluate import evaluate_target
    from perception.evaluation.plots import evaluation_images
    from perception.models.target_model import load_model, model_digest

    loaded, cfg = _target(params, target)
    paths = loaded.paths
    model_dir = paths.model_dir(target)
    model = load_model(model_dir)
    data = _target_data(loaded, target, cfg, model.groups)
    texts = None
    if model.kind != "regression":
        clean = io.read_parquet(paths.clean)
        texts = dict(zip(clean["id"].astype(str), clean["text"].astype(str), strict=True))
    probes = _probes(loaded, cfg, model) if cfg.probes else None
    result = evaluate_target(model, data, cfg, texts=texts, probes=probes)
    io.write_json(paths.metrics_file(target), result.metrics)
    _write_plots(paths.plots_dir(target) / "test", result.plots,
                 evaluation_images(target, model.kind, result.plots, model.classes))
    accepted = result.metrics["accepted"]
    registry = tracking.log_evaluation(loaded.tracking, target, model_digest(model_dir),
                                       result.metrics["test"], accepted)
    failed = [name for name, g in result.metrics["gates"].items() if not g["passed"]]
    verdict = "accepted" if accepted else f"NOT accepted (failed: {', '.join(failed)})"
    typer.echo(f"evaluate {target}: {verdict}; {registry}")


def _probes(loaded: Params, cfg: TargetConfig, model: Any) -> dict[str, Any]:
    """The target's probe suite through the trained model and this repository's encoders."""
    from perception.evaluation.behaviour import text_scorer
    from perception.evaluation.probes.runner import load_probes, run_probes
    from perception.features.encoder.runtime import load_encoder
    from perception.features.sentence_scores import SentenceHeads

    assert cfg.probes is not None
    paths, enc = loaded.paths, loaded.featurize.encoder
    suite = load_probes(Path(cfg.probes))
    finetuned = heads = None
    if {"finetuned", "sentences"} & set(model.groups):
        finetuned = load_encoder(enc, paths.finetuned_ir, paths.finetuned_model)
        heads = SentenceHeads.load(paths.finetuned_ir)
    score = text_scorer(model, loaded.featurize, load_encoder(enc, Path(paths.encoder)),
                        finetuned, heads, suite.langs(), "en")
    return run_probes(suite, score)


@app.command("export")
def export_target(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
                  params: Path = ParamsOption) -> None:
    """Export one target's chosen model to ONNX with its numeric tables; fail unless it
    reproduces the trained model on the test rows."""
    import json

    from perception.export.onnx import ExportError
    from perception.export.target import export_target as run_export
    from perception.models.target_model import load_model

    loaded, cfg = _target(params, target)
    paths = loaded.paths
    model = load_model(paths.model_dir(target))
    evaluation = paths.metrics_file(target)
    if not evaluation.exists():
        _fail(f"no {evaluation}: run `dvc repro evaluate@{target}` first")
    data = _target_data(loaded, target, cfg, model.groups)
    test = data.mask("test")
    features = {g: frame[test].reset_index(drop=True) for g, frame in data.groups.items()}
    try:
        figures = run_export(model, paths.export_dir(target), loaded.export.opset,
                             loaded.export.severity.model_dump(), features,
                             data.context[test].reset_index(drop=True),
                             loaded.export.max_abs_diff,
                             json.loads(evaluation.read_text(encoding="utf-8")))
    except ExportError as exc:
        _fail(str(exc))
    io.write_json(Path(paths.metrics) / "export" / f"{target}.json", figures)
    typer.echo(f"export {target}: {model.chosen} as {len(figures['learners'])} ONNX files; "
               f"parity on {figures['rows']} test rows: max abs diff {figures['max_abs_diff']:.2g}"
               f" -> {paths.export_dir(target)}")


@app.command()
def bundle(params: Path = ParamsOption) -> None:
    """Assemble the serving bundle (encoders, per-target ONNX, tables, model card, manifest
    last); fail unless it reproduces the evaluated models from text. Times the exported path."""
    from perception.config import ConfigError
    from perception.export.onnx import ExportError
    from perception.export.stage import run_bundle

    try:
        loaded = load_params(params)
        report = run_bundle(loaded, Path(params))
    except (ConfigError, ExportError, ValueError) as exc:
        _fail(str(exc))
    # Not a DVC output: it holds seconds, which must not change dvc.lock (see dvc.yaml).
    io.write_json(loaded.paths.metrics_file("export"), report)
    _log_run(loaded.paths.log("bundle"), {"version": report["bundle"]["version"],
                                          "latency": report["latency"]["end_to_end"]})
    e2e = report["latency"]["end_to_end"]["single"]
    typer.echo(f"bundle: {report['bundle']['version']} ({report['bundle']['files']} files) -> "
               f"{loaded.paths.bundle}; single text end to end p50 {e2e['p50_ms']:.1f} ms, "
               f"p95 {e2e['p95_ms']:.1f} ms")


def _predictor(loaded: Params, bundle_dir: Path | None, allow_unaccepted: bool,
               allow_unsigned: bool = False) -> Predictor:
    from perception.serve.bundle import BundleError
    from perception.serve.contract import Limits
    from perception.serve.predictor import PredictError, Predictor

    serve = loaded.serve
    if allow_unsigned:
        typer.secho("perception: --allow-unsigned: the bundle's signature is NOT checked "
                    "(local development only)", fg=typer.colors.YELLOW, err=True)
    try:
        # The audit destination is checked here too: a service that cannot audit its flags
        # does not start.
        return Predictor.load(bundle_dir or loaded.paths.bundle, threads=1,
                              audit_log=serve.audit_log,
                              allow_unaccepted=allow_unaccepted,
                              verify_key=serve.verify_key, allow_unsigned=allow_unsigned,
                              limits=Limits(max_chars=serve.max_chars,
                                            max_texts=serve.max_texts,
                                            max_history=serve.max_history))
    except (BundleError, PredictError) as exc:
        _fail(str(exc))


BundleOption = typer.Option(None, "--bundle", help="A bundle folder (default: paths.bundle).")
InputOption = typer.Option(None, "--input", help="A JSONL file (UTF-8): one object per line "
                           "with `text` and optionally `id`, `user_id`, `created_at` (ISO 8601 "
                           "or epoch seconds), `lang`.")
AllowUnacceptedOption = typer.Option(
    False, "--allow-unaccepted", help="Serve a bundle with a target that failed its gates; every "
    "result and /health then say it is not accepted.")
AllowUnsignedOption = typer.Option(
    False, "--allow-unsigned", help="Serve a bundle whose signature is missing or not checked: "
    "local development only (docs/security.md).")
OutputOption = typer.Option(None, "--output", help="With --input: write JSONL here (default: "
                            "standard output).")


@app.command()
def predict(
    text: str = typer.Argument(None, help="One text to score."),
    input_file: Path = InputOption,
    output: Path = OutputOption,
    bundle_dir: Path = BundleOption,
    params: Path = ParamsOption,
    allow_unaccepted: bool = AllowUnacceptedOption,
    allow_unsigned: bool = AllowUnsignedOption,
) -> None:
    """Score one text, or a JSONL file (streamed in batches; JSONL out, one line per row).
    Flagged crises are written to the audit log (serve.audit_log) and need human review."""
    import json

    from perception.serve.predictor import PredictError

    if (text is None) == (input_file is None):
        _fail("give either one TEXT or --input FILE")
    loaded = load_params(params)
    if input_file is not None and not input_file.is_file():
        _fail(f"--input {input_file}: " + ("a directory, not a JSONL file" if input_file.is_dir()
                                           else "no such file"))
    predictor = _predictor(loaded, bundle_dir, allow_unaccepted, allow_unsigned)
    if text is not None:
        try:
            result = predictor.predict([text])[0]
        except PredictError as exc:
            _fail(str(exc))
        typer.echo(json.dumps(result, sort_keys=True))
        return
    try:
        _predict_file(predictor, input_file, output, loaded.serve.max_chars)
    except PredictError as exc:
        _fail(str(exc))


def _predict_file(predictor: Predictor, source: Path, output: Path | None,
                  max_chars: int, batch: int = 64) -> None:
    import json

    from tqdm.auto import tqdm

    from perception.serve.contract import check_row
    from perception.serve.predictor import PredictError

    def lines() -> Iterator[tuple[int, str]]:
        # Bytes, decoded line by line: a file that is not UTF-8 is one error naming its line.
        try:
            with source.open("rb") as fh:
                for line_no, raw in enumerate(fh, 1):
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise PredictError(f"{source}:{line_no}: not UTF-8 text (byte "
                                           f"0x{raw[exc.start]:02x} at column {exc.start + 1})"
                                           f"; save the file as UTF-8") from exc
                    if line_no == 1:
                        line = line.removeprefix("\ufeff")
                    if line.strip():
                        yield line_no, line
        except OSError as exc:
            raise PredictError(f"{source}: cannot read ({exc.strerror or exc})") from exc

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for line_no, line in lines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PredictError(f"{source}:{line_no}: not JSON ({exc.msg})") from exc
            # The contract every door shares: each error names the line and the field.
            yield line_no, check_row(row, f"{source}:{line_no}", max_chars)

    def flush(chunk: list[tuple[int, dict[str, Any]]], out: Any) -> None:
        items = [r for _, r in chunk]
        try:
            results = predictor.predict(
                [r["text"] for r in items], user_ids=[r["user_id"] for r in items],
                timestamps=[r["created_at"] for r in items],
                langs=[r["lang"] for r in items])
        except PredictError as exc:
            raise PredictError(f"{source}: lines {chunk[0][0]}-{chunk[-1][0]}: {exc}") from exc
        for r, result in zip(items, results, strict=True):
            out.write(json.dumps({"id": r["id"], **result} if "id" in r else result,
                                 sort_keys=True) + "\n")

    total = sum(1 for _ in lines())   # the progress bar's total (and every line decodes)
    with (io.atomic_path(output) if output else nullcontext(None)) as tmp, \
            (tmp.open("w", encoding="utf-8") if tmp else nullcontext(sys.stdout)) as out, \
            tqdm(total=total, unit="text", desc="predict", file=sys.stderr,
                 disable=None) as bar:
        chunk: list[tuple[int, dict[str, Any]]] = []
        for item in rows():
            chunk.append(item)
            if len(chunk) == batch:
                flush(chunk, out)
                bar.update(len(chunk))
                chunk = []
        if chunk:
            flush(chunk, out)
            bar.update(len(chunk))


@app.command()
def serve(bundle_dir: Path = BundleOption, params: Path = ParamsOption,
          host: str = typer.Option(None, help="Default: serve.host."),
          port: int = typer.Option(None, help="Default: serve.port."),
          allow_unaccepted: bool = AllowUnacceptedOption,
          allow_unsigned: bool = AllowUnsignedOption) -> None:
    """The HTTP service (FastAPI + uvicorn): GET /health, POST /predict, /docs."""
    import uvicorn

    from perception.serve.http import create_app

    loaded = load_params(params)
    predictor = _predictor(loaded, bundle_dir, allow_unaccepted, allow_unsigned)
    app_ = create_app(predictor, loaded.serve.max_texts, loaded.serve.max_chars,
                      gather_requests=loaded.serve.gather_requests,
                      max_history=loaded.serve.max_history)
    uvicorn.run(app_, host=host or loaded.serve.host, port=port or loaded.serve.port,
                log_level="info")


@app.command()
def sign(bundle_dir: Path = BundleOption, params: Path = ParamsOption) -> None:
    """Sign a bundle's manifest (Ed25519) into <bundle>.sig, beside it: with the key in
    $PERCEPTION_SIGNING_KEY (a PEM path or the PEM itself), else this machine's development
    key (created on first use outside the repository). `perception bundle` signs too; CI runs
    this with the team's key (docs/security.md)."""
    from perception.serve.bundle import BundleError, verify_bundle
    from perception.serve.signing import sign_bundle, signature_path

    loaded = load_params(params)
    directory = Path(bundle_dir or loaded.paths.bundle)
    try:
        manifest = verify_bundle(directory)   # never sign a bundle that does not verify
        doc = sign_bundle(directory)
    except BundleError as exc:
        _fail(str(exc))
    typer.echo(f"sign: {directory} version {manifest['version']} signed by key "
               f"{doc['key_id']} -> {signature_path(directory)}")


@app.command()
def gates(params: Path = ParamsOption,
          against: str = typer.Option(None, "--against", help="A git revision: also fail on a "
                                      "metric that regressed past its tolerance since then."),
          ) -> None:
    """Exit non-zero listing every failed gate (and, with --against, every regression)."""
    import json
    import subprocess

    from perception.config import ConfigError
    from perception.evaluation.gates import failed_gates, regressions

    try:
        loaded = load_params(params)
    except ConfigError as exc:
        _fail(str(exc))
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


@app.command()
def report(
    base: str = typer.Option(..., "--base", help="The git revision to compare with, e.g. "
                             "origin/main."),
    out: Path | None = typer.Option(  # noqa: B008 - typer reads defaults at definition
        None, "--out", help="Write the Markdown here instead of stdout; plot links are made "
        "relative to it."),
    image_base: str | None = typer.Option(
        None, "--image-base", help="Link plots under this URL instead (a pull-request comment "
        "cannot resolve relative links)."),
    params: Path = ParamsOption,
) -> None:
    """A Markdown review of the workspace against --base: metrics diff per target, gates,
    params diff and plots, from the metrics kept in git."""
    import json

    from perception.config import ConfigError
    from perception.evaluation import report as review
    from perception.evaluation.revisions import (
        RevisionError,
        describe_head,
        json_at,
        metrics_diff,
        params_diff,
    )

    try:
        loaded = load_params(params)
        files = {name: loaded.paths.metrics_file(name) for name in loaded.targets}
        diff = metrics_diff(base, [p.as_posix() for p in files.values() if p.exists()])
        targets = []
        for name, path in files.items():
            current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
            pngs = sorted(p.as_posix() for p in loaded.paths.plots_dir(name).glob("*/*.png"))
            links = [review.plot_link(p, out.parent.as_posix() if out else None, image_base)
                     for p in pngs]
            targets.append(review.target_report(
                name, loaded.targets[name], str(path), diff.get(path.as_posix(), {}), current,
                json_at(base, path), links))
        text = review.render(review.Report(base, describe_head(), targets,
                                           review.param_rows(params_diff(base))))
    except (ConfigError, RevisionError) as exc:
        _fail(str(exc))
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    io.write_bytes(out, text.encode("utf-8"))
    typer.echo(f"report: {len(targets)} targets against {base} -> {out}", err=True)


@app.command()
def tune(
    target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
    workers: int = typer.Option(2, "--workers", min=0, help="Worker processes on this "
                                "machine, all on one study per model."),
    trials: int | None = typer.Option(None, "--trials", min=0, help="Trials per model run here, "
                               "split over the workers (default: the model's n_trials)."),
    models: list[str] = typer.Option(  # noqa: B008 - typer reads defaults at definition
        [], "--model", help="Only this LightGBM model (repeat for several; default: every one)."),
    join: bool = typer.Option(False, "--join", help="Add trials to studies another machine "
                              "started, instead of starting them afresh."),
    write: bool = typer.Option(True, "--write/--no-write", help="Write the best params to "
                               "targets.<target>.model.tuned in the params file."),
    params: Path = ParamsOption,
) -> None:
    """Tune a target's LightGBM models with several worker processes sharing one Optuna study
    per model (storage: $PERCEPTION_OPTUNA_STORAGE, else train.optuna.storage), then fix the
    best params in params.yaml, where `dvc repro` picks them up and training stops tuning."""
    import os

    from perception.config import ConfigError, write_tuned
    from perception.models.train import lightgbm_models
    from perception.models.tuning import TuningTask, storage_url, tune_shared

    loaded, cfg = _target(params, target)
    plan = lightgbm_models(cfg.model, cfg.groups(loaded.train))
    unknown = sorted(set(models) - set(plan))
    if unknown:
        _fail(f"--model {unknown[0]!r}: not a LightGBM model of {target} ({', '.join(plan)})")
    plan = {m: g for m, g in plan.items() if not models or m in models}
    data = _target_data(loaded, target, cfg, cfg.groups(loaded.train))
    tr, va = data.mask("train"), data.mask("val")
    # Workers share the cores: LightGBM threads beyond them only contend.
    threads = max(1, min(cfg.model.lightgbm.num_threads, (os.cpu_count() or 1) // max(workers, 1)))
    storage = storage_url(loaded.train.optuna.storage)
    if workers > 1 and storage.startswith("sqlite"):
        typer.secho(f"warning: {workers} workers on SQLite ({storage}) contend for one file "
                    "lock; share a PostgreSQL database instead (README: Scaling out)",
                    fg=typer.colors.YELLOW, err=True)
    tasks = {}
    for model, groups in plan.items():
        x = data.matrix(groups)
        tasks[model] = TuningTask(
            storage=storage, study_name=f"{target}.{model}.shared", x_train=x[tr],
            y_train=data.y[tr], x_val=x[va], y_val=data.y[va], kind=cfg.kind,
            n_classes=len(cfg.classes), space=cfg.model.search,
            fixed=cfg.model.lightgbm.model_copy(update={"num_threads": threads}),
            tuning=cfg.model.tuning, seed=loaded.train.seed)
    budget = {m: cfg.model.tuning.n_trials.get(m, 1) if trials is None else trials for m in plan}
    try:
        shared = tune_shared(tasks, budget, workers=workers, join=join,
                             log=lambda line: typer.echo(f"tune {target}: {line}", err=True))
    except (KeyError, ValueError) as exc:
        _fail(str(exc.args[0]) if exc.args else str(exc))
    tuned = {**{m: t.model_dump() for m, t in cfg.model.tuned.items()},
             **{m: {"params": s.result.params, "rounds": s.result.rounds, "study": s.study_name,
                    "trials": len(s.result.history), "value": round(s.result.best_value, 6)}
                for m, s in shared.items()}}
    if not write:
        typer.echo(f"tune {target}: best params (not written):\n{io.dumps_json(tuned)}", nl=False)
        return
    try:
        write_tuned(params, target, tuned)
    except ConfigError as exc:
        _fail(str(exc))
    typer.echo(f"tune {target}: best params of {', '.join(shared)} -> {params}: "
               f"targets.{target}.model.tuned (`dvc repro train@{target}` uses them)")
