"""Static post-training INT8 quantization of an encoder IR (nncf), as a serving option.

`export_openvino(..., int8=True)` compresses only the weights: activations stay float, so the
matrix multiplications still run in bf16/f32. Static quantization also quantizes the
activations from ranges measured on a calibration sample, so the CPU can run the MatMuls as
INT8 (AVX-512 VNNI). It changes the numbers more than weight-only compression does, so the
result is an option to check (cosine to torch, downstream metrics), not a default.

Build-time only: nncf is imported inside the function, and the output directory is an IR
directory `OpenVINOEncoder` loads as it is (same files, same encoder.json keys).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from perception.artifacts import atomic_dir, write_json
from perception.features.encoder.identity import IR_BIN, IR_XML, MANIFEST, read_manifest
from perception.features.encoder.runtime import OpenVINOEncoder, load_tokenizer

# encoder.json `int8_mode` of a statically quantized IR (weight-only IRs say "int8_asym").
STATIC_MODE = "static"
# MIXED: symmetric weights, asymmetric activations. It is nncf's own default for
# ModelType.TRANSFORMER; said explicitly so an nncf upgrade cannot change it silently.
# Activations after GELU / softmax are one-sided, which a symmetric range would waste half of.
PRESET = "mixed"
# Transformer layers whose FFN output projection (`layer.<i>.output.dense`, fed by GELU) stays
# float. Its input has the long-tailed outliers a per-tensor INT8 range handles worst.
# Measured min / mean cosine to torch on the 889 test texts, both bundle encoders, 300 train
# texts: all INT8 0.9924/0.9968 (frozen) and 0.9840/0.9967 (fine-tuned, 9 rows < 0.99);
# layers 0-1 float 0.9948 and 0.9927; layers 0-3 float 0.9952/0.9987 and 0.9952/0.9987,
# as good as keeping all six. Per-text latency of 0-3 was within noise of all-INT8 (these are
# 4 of 36 MatMuls). SmoothQuant's default alpha is kept: 0.5 or off was far worse (min 0.97).
FLOAT_FFN_LAYERS = (0, 1, 2, 3)


class _Feeds:
    """Just what `OpenVINOEncoder._tokenize` reads from its instance, so the calibration feeds
    are built by the very code serving uses and cannot drift from it."""

    tokenize = OpenVINOEncoder._tokenize

    def __init__(self, tokenizer: Any, input_names: list[str]) -> None:
        self.tokenizer = tokenizer
        self.input_names = input_names


def calibration_sample(texts: list[str], subset_size: int, seed: int) -> list[str]:
    """`subset_size` of `texts`, drawn with `seed` and kept in input order (all of them when
    there are fewer). Empty strings are dropped: they are not texts serving would score."""
    pool = [str(t) for t in texts if str(t).strip()]
    if subset_size < 1:
        raise ValueError(f"subset_size must be >= 1, got {subset_size}")
    if not pool:
        raise ValueError("no calibration texts")
    if len(pool) <= subset_size:
        return pool
    rng = np.random.default_rng(seed)
    keep = np.sort(rng.choice(len(pool), size=subset_size, replace=False))
    return [pool[i] for i in keep]


def _ffn_output_matmuls(model: Any, layers: Sequence[int]) -> list[str]:
    """Names of the FFN output MatMul of each given layer; an error when a layer has none
    (an IR of another architecture than BERT-style encoders, whose names this relies on)."""
    names = [op.get_friendly_name() for op in model.get_ordered_ops()
             if op.get_type_name() == "MatMul"]
    found = []
    for layer in layers:
        pattern = re.compile(rf"(?:.*\.)?encoder\.layer\.{int(layer)}\.output\.dense/.*MatMul")
        hits = [n for n in names if pattern.fullmatch(n)]
        if len(hits) != 1:
            raise ValueError(f"expected one FFN output MatMul in layer {layer}, found {hits}")
        found += hits
    return found


def _texts_digest(texts: list[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def quantize_encoder(ir_dir: Path, texts: list[str], out_dir: Path, subset_size: int = 300,
                     seed: int = 0, *, preset: str = PRESET,
                     float_layers: Sequence[int] = FLOAT_FFN_LAYERS) -> dict[str, Any]:
    """Quantize the float IR in `ir_dir` to static INT8 with nncf on a calibration sample of
    `texts` (train texts: never the rows the result is judged on), write it to `out_dir`
    atomically with the tokenizer files, and return its encoder.json.

    Each calibration text is one feed of batch 1, tokenized as serving tokenizes a single
    text: no padding tokens enter the activation ranges. `float_layers`: transformer layers
    whose FFN output projection is left in float (see FLOAT_FFN_LAYERS).
    """
    import nncf
    import openvino as ov

    from perception.features.encoder.export import _canonicalize_names

    ir_dir, out_dir = Path(ir_dir), Path(out_dir)
    source = read_manifest(ir_dir)
    if source.get("int8"):
        # Weight-compressed (or already quantized) IRs have lost the float weights nncf needs.
        raise ValueError(f"{ir_dir}: the IR is already INT8 (int8_mode "
                         f"{source.get('int8_mode')!r}); quantize the float export")
    sample = calibration_sample(texts, subset_size, seed)

    model = ov.Core().read_model(str(ir_dir / IR_XML))
    feeds = _Feeds(load_tokenizer(ir_dir, int(source["max_seq_length"])),
                   [p.get_any_name() for p in model.inputs])
    dataset = nncf.Dataset(sample, lambda text: feeds.tokenize([text]))
    kept_float = _ffn_output_matmuls(model, float_layers)
    quantized = nncf.quantize(
        model, dataset,
        preset=nncf.QuantizationPreset(preset),
        model_type=nncf.ModelType.TRANSFORMER,
        subset_size=len(sample),
        ignored_scope=nncf.IgnoredScope(names=kept_float) if kept_float else None,
    )
    # The same renaming as export: node names from OpenVINO's global counters would make the
    # XML depend on what else ran in this process.
    _canonicalize_names(quantized)

    manifest: dict[str, Any] = {
        **{k: v for k, v in source.items() if k != "files"},
        # `int8` true keeps runtime precision labels and cache keys apart from the float IR.
        "int8": True,
        "int8_mode": STATIC_MODE,
        "int8_static": True,
        "quantization": {
            "method": "nncf.quantize",
            "preset": preset,
            "model_type": "transformer",
            "subset_size": len(sample),
            "seed": seed,
            "float_ffn_layers": sorted(int(i) for i in float_layers),
            "calibration_texts_sha256": _texts_digest(sample),
            "source_identity": source["identity"],
        },
        "openvino_version": ov.get_version(),
        "nncf_version": nncf.__version__,
    }
    tokenizer_files = [f for f in source.get("files", []) if f not in (IR_XML, IR_BIN)]
    # Files that ride beside an IR without being part of it (the fine-tuned encoder's
    # heads.json, which the sentence features run) go along unchanged: without them a bundle
    # with INT8 encoders cannot score sentences.
    companions = [p.name for p in sorted(ir_dir.iterdir()) if p.is_file()
                  and p.name not in {IR_XML, IR_BIN, MANIFEST, *tokenizer_files}]
    with atomic_dir(out_dir) as tmp:
        ov.save_model(quantized, tmp / IR_XML, compress_to_fp16=False)
        for name in tokenizer_files + companions:
            shutil.copyfile(ir_dir / name, tmp / name)
        manifest["files"] = sorted([IR_XML, IR_BIN, *tokenizer_files])
        write_json(tmp / MANIFEST, manifest)
    return manifest
