"""Trust boundaries of the bundle: a swapped, re-hashed, re-pointed or symlinked bundle is
refused in one line before anything in it is loaded; signatures prove who built it."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perception import artifacts
from perception.serve.bundle import (
    FORMAT,
    MANIFEST,
    BundleError,
    bundle_version,
    checksums,
    verify_bundle,
)
from perception.serve.predictor import Predictor
from perception.serve.signing import (
    SignatureError,
    create_dev_key,
    public_pem,
    sign_bundle,
    signature_path,
    signing_key,
)

TARGET = {"target": "valence", "kind": "regression", "classes": [],
          "columns": {"lexical": ["lex_a"]},
          "members": [{"name": "lexical", "groups": ["lexical"], "file": "lexical.onnx",
                       "class_columns": None}],
          "meta": None, "context": None,
          "calibration": {"method": "temperature", "temperature": 1.0}, "threshold": None}
FEATURES = {"groups": {"lexical": {"columns": ["lex_a"]}},
            "context": {"columns": [], "defaults": {"lang": "en"}}}


@pytest.fixture(autouse=True)
def _keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys of this test only: the development key under a temp XDG_CONFIG_HOME."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("PERCEPTION_SIGNING_KEY", raising=False)
    monkeypatch.delenv("PERCEPTION_VERIFY_KEY", raising=False)


def rehash(directory: Path, **edits: object) -> dict:
    """Write the manifest for the bundle's current files, as an attacker who edits a file
    and re-hashes would."""
    files = checksums(directory)
    manifest = {"format": FORMAT, "version": bundle_version(files), "targets": ["valence"],
                "gates": {"valence": {"accepted": True}}, "files": files, **edits}
    (directory / MANIFEST).write_text(json.dumps(manifest))
    return manifest


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A small hand-made bundle: a target whose ONNX file is not a model (loading fails
    after every check has passed)."""
    root = tmp_path / "models/bundle"
    (root / "targets/valence").mkdir(parents=True)
    (root / "targets/valence/target.json").write_text(json.dumps(TARGET))
    (root / "targets/valence/lexical.onnx").write_bytes(b"\x08\x07not an onnx model")
    (root / "features.json").write_text(json.dumps(FEATURES))
    rehash(root)
    return root


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# -- signatures ---------------------------------------------------------------------------


def test_an_unsigned_bundle_is_refused_unless_explicitly_allowed(bundle: Path) -> None:
    create_dev_key(Path(os.environ["XDG_CONFIG_HOME"]) / "perception/signing-dev.pem")
    with pytest.raises(SignatureError) as exc:
        Predictor.load(bundle)
    assert "unsigned" in one_line(exc) and "--allow-unsigned" in str(exc.value)
    # The opt-out goes on to the other checks: here the (re-hashed) garbage ONNX file.
    with pytest.raises(BundleError, match="cannot load the bundle") as exc:
        Predictor.load(bundle, allow_unsigned=True)
    one_line(exc)


def test_the_signature_is_checked_before_anything_else(bundle: Path) -> None:
    signing_key(announce=False)
    (bundle / "targets/valence/lexical.onnx").unlink()   # damaged, and unsigned
    with pytest.raises(SignatureError, match="unsigned"):
        Predictor.load(bundle)


def test_a_re_hashed_manifest_is_refused_though_every_checksum_matches(bundle: Path) -> None:
    key, _ = signing_key(announce=False)
    sign_bundle(bundle, key)
    with pytest.raises(BundleError, match="cannot load"):   # the signature held
        Predictor.load(bundle)
    # Flip a target's threshold and gate status, re-hash: checksums prove integrity only.
    spec = json.loads((bundle / "targets/valence/target.json").read_text())
    (bundle / "targets/valence/target.json").write_text(json.dumps({**spec, "threshold": 0.99}))
    rehash(bundle, gates={"valence": {"accepted": True, "sensitivity_min": True}})
    verify_bundle(bundle)   # consistent checksums...
    with pytest.raises(SignatureError, match="does not match") as exc:
        Predictor.load(bundle)   # ...but not what was signed
    one_line(exc)


def test_a_bundle_signed_by_another_key_is_refused(bundle: Path, tmp_path: Path) -> None:
    signing_key(announce=False)   # this machine's development key verifies...
    other = create_dev_key(tmp_path / "other.pem")   # ...an attacker's key signed
    sign_bundle(bundle, other)
    with pytest.raises(SignatureError, match="signed by key") as exc:
        Predictor.load(bundle)
    one_line(exc)
    # Configured with that key's public half, it verifies (then fails on the fake ONNX).
    with pytest.raises(BundleError, match="cannot load"):
        Predictor.load(bundle, verify_key=public_pem(other.public_key()))


def test_without_any_key_an_unsigned_bundle_is_refused(bundle: Path) -> None:
    with pytest.raises(SignatureError, match="unsigned"):
        Predictor.load(bundle)


def test_the_signature_lives_beside_the_bundle_not_in_its_hashed_output(bundle: Path) -> None:
    before = checksums(bundle)
    sign_bundle(bundle)
    sig = signature_path(bundle)
    assert sig == bundle.parent / "bundle.sig" and sig.is_file()
    assert checksums(bundle) == before   # the DVC output (and dvc.lock) does not change
    verify_bundle(bundle)


def test_the_development_key_is_created_outside_the_repository_and_said(
        capsys: pytest.CaptureFixture[str]) -> None:
    key, source = signing_key()
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "perception/signing-dev.pem"
    assert path.is_file() and "development key" in source
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    err = capsys.readouterr().err
    assert "LOCAL DEVELOPMENT key" in err and "created now" in err
    again, _ = signing_key(announce=False)
    assert public_pem(again.public_key()) == public_pem(key.public_key())


def test_the_signing_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path, bundle: Path) -> None:
    team = create_dev_key(tmp_path / "team.pem")
    monkeypatch.setenv("PERCEPTION_SIGNING_KEY", str(tmp_path / "team.pem"))
    monkeypatch.setenv("PERCEPTION_VERIFY_KEY", public_pem(team.public_key()))
    doc = sign_bundle(bundle)
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "perception/signing-dev.pem").exists()
    with pytest.raises(BundleError, match="cannot load"):   # verified with the team key
        Predictor.load(bundle)
    assert doc["algorithm"] == "ed25519"


def test_perception_sign_and_predict_allow_unsigned(bundle: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from perception.cli import app

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    runner = CliRunner()
    signed = runner.invoke(app, ["sign", "--bundle", str(bundle)])
    assert signed.exit_code == 0, signed.output
    assert signature_path(bundle).is_file()
    refused = runner.invoke(app, ["predict", "--bundle", str(bundle.parent / "nothing"), "hi"])
    assert refused.exit_code == 1


# -- paths and symlinks ---------------------------------------------------------------------


def test_a_target_pointing_outside_the_bundle_is_refused(bundle: Path, tmp_path: Path) -> None:
    # A second, never-checksummed model beside the bundle, named by the targets list.
    evil = tmp_path / "models/evil"
    shutil.copytree(bundle / "targets/valence", evil)
    rehash(bundle, targets=["../../evil"])
    with pytest.raises(BundleError, match="not a plain name") as exc:
        Predictor.load(bundle, allow_unsigned=True)
    one_line(exc)


def test_a_member_file_outside_the_target_is_refused(bundle: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.onnx").write_bytes(b"x")
    spec = {**TARGET, "members": [{**TARGET["members"][0], "file": "../../../../outside.onnx"}]}
    (bundle / "targets/valence/target.json").write_text(json.dumps(spec))
    rehash(bundle)
    with pytest.raises(BundleError, match="not a path inside the bundle"):
        Predictor.load(bundle, allow_unsigned=True)


def test_an_encoder_folder_outside_the_bundle_is_refused(bundle: Path) -> None:
    features = {**FEATURES, "groups": {**FEATURES["groups"],
                                       "embeddings": {"columns": None,
                                                      "encoder": "../../encoder"}}}
    (bundle / "features.json").write_text(json.dumps(features))
    rehash(bundle)
    with pytest.raises(BundleError, match="encoder"):
        Predictor.load(bundle, allow_unsigned=True)


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_symlinks_in_the_bundle_are_refused(bundle: Path, tmp_path: Path, kind: str) -> None:
    outside = tmp_path / "elsewhere"
    if kind == "file":
        outside.mkdir()
        shutil.move(bundle / "targets/valence/lexical.onnx", outside / "lexical.onnx")
        (bundle / "targets/valence/lexical.onnx").symlink_to(outside / "lexical.onnx")
    else:
        shutil.move(bundle / "targets/valence", outside)
        (bundle / "targets/valence").symlink_to(outside, target_is_directory=True)
    # Same bytes, same checksums: only the symlink gives it away.
    with pytest.raises(BundleError, match="symlink targets/valence") as exc:
        verify_bundle(bundle)
    one_line(exc)


def test_manifest_paths_must_stay_inside(bundle: Path) -> None:
    manifest = json.loads((bundle / MANIFEST).read_text())
    manifest["files"]["../escape.json"] = "0" * 64
    (bundle / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match="not a path inside the bundle"):
        verify_bundle(bundle)


# -- one line, never a traceback -------------------------------------------------------------


def test_a_manifest_without_targets_is_one_line(bundle: Path) -> None:
    manifest = rehash(bundle)
    del manifest["targets"]
    (bundle / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match="no `targets` list") as exc:
        Predictor.load(bundle, allow_unsigned=True)
    one_line(exc)


def test_a_re_hashed_corrupt_json_is_one_line(bundle: Path) -> None:
    (bundle / "targets/valence/target.json").write_text('{"target": "valence",')
    rehash(bundle)
    with pytest.raises(BundleError, match="unreadable JSON") as exc:
        Predictor.load(bundle, allow_unsigned=True)
    one_line(exc)


def test_a_re_hashed_corrupt_onnx_is_one_line(bundle: Path) -> None:
    with pytest.raises(BundleError, match=r"cannot load the bundle \(") as exc:
        Predictor.load(bundle, allow_unsigned=True)
    one_line(exc)


# -- debris -----------------------------------------------------------------------------------


def test_debris_of_a_killed_bundle_build_is_swept(tmp_path: Path) -> None:
    models = tmp_path / "models"
    target = models / "bundle"
    # What SIGKILL during the parity check leaves: atomic_dir's temp bundle, the int8 scratch
    # folder, a half-written signature, and a swapped-out old bundle.
    for name in (".bundle.abc123.tmp", ".bundle.scratch-x1.tmp"):
        (models / name / "targets").mkdir(parents=True)
        (models / name / "targets/model.onnx").write_bytes(b"x" * 1000)
    (models / ".bundle.sig.q9.tmp").write_text("{}")
    (models / ".bundle.old").mkdir()
    keep = [models / "valence", models / ".valence.tmp", models / "bundle.sig"]
    keep[0].mkdir()
    keep[1].write_text("not ours")
    keep[2].write_text("{}")
    with artifacts.atomic_dir(target) as tmp:
        (tmp / "manifest.json").write_text("{}")
    assert sorted(p.name for p in models.iterdir()) == [".valence.tmp", "bundle", "bundle.sig",
                                                        "valence"]
