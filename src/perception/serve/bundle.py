"""What a bundle holds and how it is checked before anything in it is loaded.

Layout (written by `perception bundle`, `manifest.json` last):

    manifest.json           sha256 of every other file, version, git commit, params hash,
                            metrics summary, gate status
    model_card.md
    features.json           feature specification: groups, columns, temporal settings,
                            context defaults, which encoder feeds which group
    encoders/<group>/       OpenVINO IR + tokenizer files (+ encoder.json)
    targets/<target>/       target.json (composition, calibration table, threshold, bands),
                            evaluation.json (test metrics, slices, gates) and one ONNX file
                            per learner

Reading needs only the standard library: the serving process checks a bundle before it
imports a model runtime.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MODEL_CARD = "model_card.md"
FEATURES = "features.json"
ENCODERS = "encoders"
TARGETS = "targets"
TARGET_SPEC = "target.json"
EVALUATION = "evaluation.json"   # the target's test metrics and gates, from evaluate
FORMAT = 1


class BundleError(RuntimeError):
    """The bundle is incomplete, altered or from an unknown format: refuse to serve it."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundle_files(directory: Path) -> list[str]:
    """Every file but the manifest, as sorted POSIX paths relative to the bundle."""
    directory = Path(directory)
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*")
                  if p.is_file() and p.relative_to(directory).as_posix() != MANIFEST)


def checksums(directory: Path) -> dict[str, str]:
    return {name: sha256_file(Path(directory) / name) for name in bundle_files(directory)}


def bundle_version(files: dict[str, str]) -> str:
    """A name for exactly this content: the hash of every file's name and hash."""
    digest = hashlib.sha256()
    for name, sha in sorted(files.items()):
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()[:12]


def verify_bundle(directory: Path) -> dict[str, Any]:
    """The manifest, once every file matches it: none missing, none extra, none altered."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BundleError(f"{directory}: no bundle here (run `dvc repro bundle` or "
                          f"`dvc pull {directory}`)")
    path = directory / MANIFEST
    if not path.is_file():
        raise BundleError(f"{directory}: no {MANIFEST}; the bundle is incomplete (a build that "
                          f"did not finish writes no manifest)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        expected: dict[str, str] = dict(manifest["files"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"{path}: unreadable manifest ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BundleError(f"{path}: bundle format {manifest.get('format')!r}, this code reads "
                          f"format {FORMAT}")
    present = set(bundle_files(directory))
    missing = sorted(set(expected) - present)
    extra = sorted(present - set(expected))
    altered = sorted(name for name in sorted(set(expected) & present)
                     if sha256_file(directory / name) != expected[name])
    problems = [f"missing {name}" for name in missing] + [
        f"unexpected {name}" for name in extra] + [
        f"altered {name} (sha256 differs from the manifest)" for name in altered]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more"
                                           if len(problems) > 5 else "")
        raise BundleError(f"{directory}: refusing the bundle: {shown}")
    if bundle_version(expected) != manifest.get("version"):
        raise BundleError(f"{path}: version does not match the listed files")
    return manifest
