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
import os
import re
from pathlib import Path
from typing import Any

from perception.errors import PackagingError

MANIFEST = "manifest.json"
MODEL_CARD = "model_card.md"
FEATURES = "features.json"
ENCODERS = "encoders"
# The feature group of per-sentence scores, and the encoder group whose IR (and heads.json)
# it runs.
SENTENCES = "sentences"
SENTENCE_ENCODER = "finetuned"
TARGETS = "targets"
TARGET_SPEC = "target.json"
EVALUATION = "evaluation.json"   # the target's test metrics and gates, from evaluate
FORMAT = 1


class BundleError(PackagingError, RuntimeError):
    """The bundle is incomplete, altered or from an unknown format: refuse to serve it."""


# A target or feature group name: one path component, never `..`, `/` or absolute.
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def plain_name(value: Any, where: str) -> str:
    """A name the bundle joins onto a folder: one plain path component."""
    if not isinstance(value, str) or not _NAME.fullmatch(value) or value in {".", ".."}:
        raise BundleError(f"{where}: {value!r} is not a plain name inside the bundle")
    return value


def inside(directory: Path, relative: Any, where: str) -> Path:
    """`directory / relative` for a relative POSIX path that stays inside `directory`
    (no absolute path, no `..`, no backslash), or a BundleError naming `where`."""
    if not isinstance(relative, str) or not relative or "\\" in relative \
            or relative.startswith("/") or any(part in {"", ".", ".."}
                                               for part in relative.split("/")):
        raise BundleError(f"{where}: {relative!r} is not a path inside the bundle")
    path = Path(directory) / relative
    if not path.resolve().is_relative_to(Path(directory).resolve()):
        raise BundleError(f"{where}: {relative!r} resolves outside the bundle")
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def symlinks(directory: Path) -> list[str]:
    """Every symlink under `directory` (files and folders, not followed), relative."""
    directory = Path(directory)
    found = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            if path.is_symlink():
                found.append(path.relative_to(directory).as_posix())
    return sorted(found)


def bundle_files(directory: Path) -> list[str]:
    """Every file but the manifest, as sorted POSIX paths relative to the bundle (symlinks
    are not followed: `verify_bundle` refuses them)."""
    directory = Path(directory)
    out = []
    for root, _dirs, files in os.walk(directory, followlinks=False):
        for name in files:
            rel = (Path(root) / name).relative_to(directory).as_posix()
            if rel != MANIFEST:
                out.append(rel)
    return sorted(out)


def checksums(directory: Path) -> dict[str, str]:
    return {name: sha256_file(Path(directory) / name) for name in bundle_files(directory)}


def bundle_version(files: dict[str, str]) -> str:
    """A name for exactly this content: the hash of every file's name and hash."""
    digest = hashlib.sha256()
    for name, sha in sorted(files.items()):
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()[:12]


def read_manifest(directory: Path) -> bytes:
    """manifest.json's bytes, or a BundleError saying why there is none."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BundleError(f"{directory}: no bundle here (run `dvc repro bundle` or "
                          f"`dvc pull {directory}`)")
    path = directory / MANIFEST
    if path.is_symlink():
        raise BundleError(f"{directory}: refusing the bundle: {MANIFEST} is a symlink")
    if not path.is_file():
        raise BundleError(f"{directory}: no {MANIFEST}; the bundle is incomplete (a build that "
                          f"did not finish writes no manifest)")
    return path.read_bytes()


def verify_bundle(directory: Path, manifest_bytes: bytes | None = None) -> dict[str, Any]:
    """The manifest, once every file matches it: none missing, none extra, none altered, no
    symlink anywhere, and every path it or the files it lists name inside the bundle.
    `manifest_bytes`: the manifest as already read (and its signature checked) by the caller,
    so the bytes checked are the bytes used."""
    directory = Path(directory)
    path = directory / MANIFEST
    if manifest_bytes is None:
        manifest_bytes = read_manifest(directory)
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        expected: dict[str, str] = dict(manifest["files"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"{path}: unreadable manifest ({type(exc).__name__}: {exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BundleError(f"{path}: bundle format {manifest.get('format')!r}, this code reads "
                          f"format {FORMAT}")
    linked = symlinks(directory)
    if linked:
        raise BundleError(f"{directory}: refusing the bundle: symlink {linked[0]}"
                          + (f" and {len(linked) - 1} more" if len(linked) > 1 else "")
                          + " (a bundle holds only regular files)")
    for name in expected:
        inside(directory, name, f"{path}: files")
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


def _read_json(directory: Path, relative: str) -> Any:
    try:
        return json.loads((directory / relative).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BundleError(f"{directory / relative}: unreadable JSON ({exc})") from exc


def check_references(directory: Path, manifest: dict[str, Any]) -> None:
    """For a verified manifest, before loading: it names its targets, and every file or folder
    that features.json and each target.json name lies inside the bundle and is listed in the
    manifest, so nothing outside it is ever loaded."""
    directory = Path(directory)
    path = directory / MANIFEST
    listed = set(manifest["files"])
    targets = manifest.get("targets")
    if not isinstance(targets, list) or not targets:
        raise BundleError(f"{path}: no `targets` list; the manifest is incomplete")
    for name in targets:
        plain_name(name, f"{path}: targets")
        if f"{TARGETS}/{name}/{TARGET_SPEC}" not in listed:
            raise BundleError(f"{path}: target {name!r} has no {TARGETS}/{name}/{TARGET_SPEC} "
                              f"among the listed files")
    if FEATURES not in listed:
        raise BundleError(f"{directory}: no {FEATURES} among the listed files")
    spec = _read_json(directory, FEATURES)
    groups = spec.get("groups") if isinstance(spec, dict) else None
    if not isinstance(groups, dict):
        raise BundleError(f"{directory / FEATURES}: no `groups`")
    for group, entry in groups.items():
        plain_name(group, f"{directory / FEATURES}: groups")
        if not isinstance(entry, dict):
            raise BundleError(f"{directory / FEATURES}: groups.{group} is not an object")
        if "uses" in entry:
            plain_name(entry["uses"], f"{directory / FEATURES}: groups.{group}.uses")
        if "encoder" in entry:
            folder = inside(directory, entry["encoder"],
                            f"{directory / FEATURES}: groups.{group}.encoder")
            rel = folder.relative_to(directory).as_posix()
            if rel != f"{ENCODERS}/{group}" or not any(f.startswith(rel + "/") for f in listed):
                raise BundleError(f"{directory / FEATURES}: groups.{group}.encoder "
                                  f"{entry['encoder']!r} is not the bundle's {ENCODERS}/{group}")
    for name in manifest["targets"]:
        where = f"{directory}/{TARGETS}/{name}/{TARGET_SPEC}"
        target = _read_json(directory, f"{TARGETS}/{name}/{TARGET_SPEC}")
        try:
            members = list(target["members"]) + ([target["meta"]] if target.get("meta") else [])
            files = [m["file"] for m in members]
            used = {g for m in target["members"] for g in m.get("groups", [])}
        except (KeyError, TypeError) as exc:
            raise BundleError(f"{where}: malformed ({type(exc).__name__}: {exc})") from exc
        for file in files:
            inside(directory / TARGETS / name, file, f"{where}: members")
            if f"{TARGETS}/{name}/{file}" not in listed:
                raise BundleError(f"{where}: member file {file!r} is not a listed file")
        for group in used:
            plain_name(group, f"{where}: members.groups")
