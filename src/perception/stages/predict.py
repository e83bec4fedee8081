"""`perception predict`: score one text or a JSONL file with the bundle. Also the bundle
options and the predictor loading that `serve` and `sign` share."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from perception import artifacts
from perception.config import Params, load_params
from perception.stages.common import ParamsOption, fail

if TYPE_CHECKING:
    from perception.serve.predictor import Predictor

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


def load_predictor(loaded: Params, bundle_dir: Path | None, allow_unaccepted: bool,
                   allow_unsigned: bool = False) -> Predictor:
    from perception.serve.contract import Limits
    from perception.serve.predictor import Predictor

    serve = loaded.serve
    if allow_unsigned:
        typer.secho("perception: --allow-unsigned: the bundle's signature is NOT checked "
                    "(local development only)", fg=typer.colors.YELLOW, err=True)
    # The audit destination is checked here too: a service that cannot audit its flags
    # does not start. A BundleError or PredictError is one line (perception.cli).
    return Predictor.load(bundle_dir or loaded.paths.bundle, threads=1,
                          audit_log=serve.audit_log,
                          allow_unaccepted=allow_unaccepted,
                          verify_key=serve.verify_key, allow_unsigned=allow_unsigned,
                          limits=Limits(max_chars=serve.max_chars,
                                        max_texts=serve.max_texts,
                                        max_history=serve.max_history))


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

    if (text is None) == (input_file is None):
        fail("give either one TEXT or --input FILE")
    loaded = load_params(params)
    if input_file is not None and not input_file.is_file():
        fail(f"--input {input_file}: " + ("a directory, not a JSONL file" if input_file.is_dir()
                                          else "no such file"))
    predictor = load_predictor(loaded, bundle_dir, allow_unaccepted, allow_unsigned)
    if text is not None:
        result = predictor.predict([text])[0]
        typer.echo(json.dumps(result, sort_keys=True))
        return
    predict_file(predictor, input_file, output, loaded.serve.max_chars)


def predict_file(predictor: Predictor, source: Path, output: Path | None,
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
    with (artifacts.atomic_path(output) if output else nullcontext(None)) as tmp, \
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
