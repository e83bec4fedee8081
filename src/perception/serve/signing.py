"""Bundle signatures: who built a bundle, on top of the manifest's checksums (what is in it).

The bundle stage (and `perception sign`) signs the exact bytes of `manifest.json` with an
Ed25519 key and writes the signature *beside* the bundle, in `<bundle>.sig` (e.g.
`models/bundle.sig`), never inside it: the bundle folder is a DVC output whose hash is in
`dvc.lock`, and a signature differs per key, so inside it would make `dvc.lock` differ per
machine. The manifest lists the sha256 of every other file, so one signature covers them all.

Keys (PEM, PKCS#8 private / SubjectPublicKeyInfo public):

- signing: `$PERCEPTION_SIGNING_KEY`, a path to the private key or the PEM text itself; unset,
  a local development key is created on first use in `~/.config/perception/signing-dev.pem`
  (`$XDG_CONFIG_HOME` respected), outside any repository, and that is said on stderr.
- verifying: the `verify_key` the caller passes (`serve.verify_key` in params), else
  `$PERCEPTION_VERIFY_KEY` (a path or the PEM text), else the development key's public half
  when that key exists on this machine (development only: a release is verified against the
  team's public key).

See docs/security.md for creating, storing and rotating the team key, and how CI signs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from perception.serve.bundle import MANIFEST, BundleError

SIGNING_KEY_ENV = "PERCEPTION_SIGNING_KEY"
VERIFY_KEY_ENV = "PERCEPTION_VERIFY_KEY"
DEV_KEY_FILE = "signing-dev.pem"
SIGNATURE_FORMAT = 1
# Domain separation: this signature can only ever mean "this is a perception bundle manifest".
CONTEXT = b"perception-bundle-manifest-v1\0"
UNSIGNED_HINT = ("sign it with `perception sign`, or pass --allow-unsigned "
                 "(allow_unsigned=True) for local development only")


class SignatureError(BundleError):
    """The bundle is unsigned, signed by another key, or altered after signing."""


def signature_path(bundle_dir: Path | str) -> Path:
    """`models/bundle` -> `models/bundle.sig`: beside the bundle, not a file inside it."""
    bundle_dir = Path(bundle_dir)
    return bundle_dir.with_name(bundle_dir.name + ".sig")


def dev_key_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "perception" / DEV_KEY_FILE


def _pem(value: str, what: str) -> bytes:
    """The PEM text itself, or the file a path names."""
    if value.lstrip().startswith("-----BEGIN"):
        return value.encode("utf-8")
    path = Path(value).expanduser()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SignatureError(f"{what}: cannot read {path} ({exc.strerror or exc})") from exc


def _private(pem: bytes, what: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise SignatureError(f"{what}: not an unencrypted PEM private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(f"{what}: an Ed25519 key is required, got {type(key).__name__}")
    return key


def _public(pem: bytes, what: str) -> Any:
    """A public key PEM, or the public half of a private key PEM (the development key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    if b"PRIVATE KEY" in pem:
        return _private(pem, what).public_key()
    try:
        key = load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise SignatureError(f"{what}: not a PEM public key ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SignatureError(f"{what}: an Ed25519 key is required, got {type(key).__name__}")
    return key


def key_id(public_key: Any) -> str:
    """A short name for a public key: the start of the sha256 of its raw 32 bytes."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public_key: Any) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()


def create_dev_key(path: Path) -> Any:
    """A new Ed25519 key in `path` (0600, folder 0700), written atomically."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        if path.exists():   # another process created it first: use theirs
            tmp.unlink()
            return _private(path.read_bytes(), str(path))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return key


def signing_key(announce: bool = True) -> tuple[Any, str]:
    """The private key to sign with and where it came from. Without $PERCEPTION_SIGNING_KEY,
    the local development key (created on first use), said plainly on stderr."""
    value = os.environ.get(SIGNING_KEY_ENV)
    if value:
        return _private(_pem(value, f"${SIGNING_KEY_ENV}"), f"${SIGNING_KEY_ENV}"), \
            f"${SIGNING_KEY_ENV}"
    path = dev_key_path()
    created = not path.exists()
    key = create_dev_key(path) if created else _private(path.read_bytes(), str(path))
    if announce:
        state = "created now" if created else "not a release key"
        print(f"perception: signing with the LOCAL DEVELOPMENT key {path} ({state}; key id "
              f"{key_id(key.public_key())}); set ${SIGNING_KEY_ENV} to sign a release "
              f"(docs/security.md)", file=sys.stderr)
    return key, f"development key {path}"


def verify_key(configured: str | Path | None = None) -> tuple[Any, str] | None:
    """The public key to verify against and where it came from, or None if none is
    configured: `configured` (serve.verify_key), $PERCEPTION_VERIFY_KEY, else the
    development key's public half when this machine has one."""
    if configured:
        what = f"verify key {configured}"
        return _public(_pem(str(configured), what), what), what
    value = os.environ.get(VERIFY_KEY_ENV)
    if value:
        what = f"${VERIFY_KEY_ENV}"
        return _public(_pem(value, what), what), what
    path = dev_key_path()
    if path.is_file():
        return _public(path.read_bytes(), str(path)), f"development key {path}"
    return None


def _signed_bytes(manifest: bytes) -> bytes:
    return CONTEXT + manifest


def sign_bundle(bundle_dir: Path | str, key: Any | None = None) -> dict[str, Any]:
    """Sign `bundle_dir/manifest.json` and write `<bundle_dir>.sig`; return what was written."""
    from perception import artifacts

    bundle_dir = Path(bundle_dir)
    manifest_path = bundle_dir / MANIFEST
    if not manifest_path.is_file():
        raise SignatureError(f"{bundle_dir}: no {MANIFEST} to sign")
    if key is None:
        key, _ = signing_key()
    data = manifest_path.read_bytes()
    try:
        version = json.loads(data)["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureError(f"{manifest_path}: unreadable manifest ({exc})") from exc
    doc = {"format": SIGNATURE_FORMAT, "algorithm": "ed25519",
           "key_id": key_id(key.public_key()), "bundle_version": version,
           "manifest_sha256": hashlib.sha256(data).hexdigest(),
           "signature": base64.b64encode(key.sign(_signed_bytes(data))).decode("ascii")}
    artifacts.write_json(signature_path(bundle_dir), doc)
    return doc


def verify_signature(bundle_dir: Path | str, manifest: bytes,
                     configured: str | Path | None = None) -> dict[str, Any]:
    """Check `<bundle_dir>.sig` against `manifest` (the manifest's bytes, as read once by the
    caller) and the configured public key; a SignatureError in one line otherwise."""
    from cryptography.exceptions import InvalidSignature

    bundle_dir = Path(bundle_dir)
    sig_path = signature_path(bundle_dir)
    if not sig_path.is_file() or sig_path.is_symlink():
        raise SignatureError(f"{bundle_dir}: unsigned bundle (no {sig_path.name} beside it); "
                             f"{UNSIGNED_HINT}")
    found = verify_key(configured)
    if found is None:
        raise SignatureError(f"{bundle_dir}: no key to verify its signature with (set "
                             f"serve.verify_key or ${VERIFY_KEY_ENV} to the team's public "
                             f"key); {UNSIGNED_HINT}")
    public, source = found
    try:
        doc = json.loads(sig_path.read_text(encoding="utf-8"))
        signature = base64.b64decode(doc["signature"], validate=True)
        signed_by = str(doc.get("key_id"))
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureError(f"{sig_path}: unreadable signature ({exc})") from exc
    expected = key_id(public)
    if signed_by != expected:
        raise SignatureError(f"{bundle_dir}: signed by key {signed_by}, not by the verification "
                             f"key {expected} ({source}); refusing it")
    try:
        public.verify(signature, _signed_bytes(manifest))
    except InvalidSignature as exc:
        raise SignatureError(f"{bundle_dir}: the signature does not match {MANIFEST} (changed "
                             f"after signing); refusing it") from exc
    return {"key_id": expected, "key": source}
