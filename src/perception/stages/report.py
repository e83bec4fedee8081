"""`perception report`: the Markdown review of the workspace against a base revision."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.config import load_params
from perception.stages.common import ParamsOption


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

    from perception.evaluation import report as review
    from perception.evaluation.revisions import (
        describe_head,
        json_at,
        metrics_diff,
        params_diff,
    )

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
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    artifacts.write_bytes(out, text.encode("utf-8"))
    typer.echo(f"report: {len(targets)} targets against {base} -> {out}", err=True)
