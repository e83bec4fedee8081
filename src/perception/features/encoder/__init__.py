"""Sentence encoder package; the module is being split by concern (identity, export, runtime)."""

from perception.features.encoder.runtime import (
    IR_BIN,
    IR_XML,
    MANIFEST,
    OV_PERFORMANCE_HINT,
    PACKAGE_MODEL,
    Encoder,
    OpenVINOEncoder,
    TorchEncoder,
    bf16_supported,
    encoder_identity,
    export_openvino,
    load_encoder,
    resolve_model_path,
)

__all__ = [
    "IR_BIN",
    "IR_XML",
    "MANIFEST",
    "OV_PERFORMANCE_HINT",
    "PACKAGE_MODEL",
    "Encoder",
    "OpenVINOEncoder",
    "TorchEncoder",
    "bf16_supported",
    "encoder_identity",
    "export_openvino",
    "load_encoder",
    "resolve_model_path",
]
