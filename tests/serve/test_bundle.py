"""A bundle is served only when every file matches its manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perception.serve.bundle import (
    FORMAT,
    MANIFEST,
    BundleError,
    bundle_version,
    checksums,
    verify_bundle,
)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    (tmp_path / "targets/valence").mkdir(parents=True)
    (tmp_path / "targets/valence/all.onnx").write_bytes(b"\x08\x07model")
    (tmp_path / "features.json").write_text('{"groups": {}}')
    files = checksums(tmp_path)
    manifest = {"format": FORMAT, "version": bundle_version(files), "files": files}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    return tmp_path


def test_an_intact_bundle_verifies(bundle: Path) -> None:
    manifest = verify_bundle(bundle)
    assert set(manifest["files"]) == {"features.json", "targets/valence/all.onnx"}


def test_an_altered_file_is_refused(bundle: Path) -> None:
    (bundle / "targets/valence/all.onnx").write_bytes(b"\x08\x07mod3l")
    with pytest.raises(BundleError, match=r"altered targets/valence/all\.onnx"):
        verify_bundle(bundle)


def test_a_missing_file_is_refused(bundle: Path) -> None:
    (bundle / "features.json").unlink()
    with pytest.raises(BundleError, match=r"missing features\.json"):
        verify_bundle(bundle)


def test_an_extra_file_is_refused(bundle: Path) -> None:
    (bundle / "targets/valence/extra.onnx").write_bytes(b"")
    with pytest.raises(BundleError, match=r"unexpected targets/valence/extra\.onnx"):
        verify_bundle(bundle)


def test_a_half_written_bundle_has_no_manifest(bundle: Path) -> None:
    (bundle / MANIFEST).unlink()
    with pytest.raises(BundleError, match=r"no manifest\.json; the bundle is incomplete"):
        verify_bundle(bundle)


def test_a_manifest_edited_to_match_a_new_file_is_refused(bundle: Path) -> None:
    # Re-listing a swapped file's hash without re-deriving the version is caught too.
    (bundle / "features.json").write_text('{"groups": {"x": 1}}')
    manifest = json.loads((bundle / MANIFEST).read_text())
    manifest["files"] = checksums(bundle)
    (bundle / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match="version does not match"):
        verify_bundle(bundle)


def test_no_bundle_at_all(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no bundle here"):
        verify_bundle(tmp_path / "nope")
