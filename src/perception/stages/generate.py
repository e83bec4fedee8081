"""`perception generate` (stage generate): the embedded synthetic corpus."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.config import load_params
from perception.stages.common import ParamsOption


def generate(params: Path = ParamsOption) -> None:
    """Write the embedded synthetic corpus (deterministic from generate.seed)."""
    from perception.data.generate import generate_corpus

    loaded = load_params(params)
    records = generate_corpus(loaded.generate)
    artifacts.write_jsonl(loaded.paths.corpus, records)
    typer.echo(f"generate: {len(records)} items -> {loaded.paths.corpus}")
