"""`perception sign`: sign a bundle's manifest."""

from __future__ import annotations

from pathlib import Path

import typer

from perception.config import load_params
from perception.stages.common import ParamsOption
from perception.stages.predict import BundleOption


def sign(bundle_dir: Path = BundleOption, params: Path = ParamsOption) -> None:
    """Sign a bundle's manifest (Ed25519) into <bundle>.sig, beside it: with the key in
    $PERCEPTION_SIGNING_KEY (a PEM path or the PEM itself), else this machine's development
    key (created on first use outside the repository). `perception bundle` signs too; CI runs
    this with the team's key (docs/security.md)."""
    from perception.serve.bundle import verify_bundle
    from perception.serve.signing import sign_bundle, signature_path

    loaded = load_params(params)
    directory = Path(bundle_dir or loaded.paths.bundle)
    manifest = verify_bundle(directory)   # never sign a bundle that does not verify
    doc = sign_bundle(directory)
    typer.echo(f"sign: {directory} version {manifest['version']} signed by key "
               f"{doc['key_id']} -> {signature_path(directory)}")
