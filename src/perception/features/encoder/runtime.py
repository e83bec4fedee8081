"""Runtime sentence encoders: what featurize and serving load to turn texts into vectors.

`OpenVINOEncoder` runs an IR written by `export.export_openvino` and reproduces
sentence-transformers' preprocessing exactly: the same tokenizer files, the same
max_seq_length, mean pooling over the attention mask and L2 normalisation. Parity with the
torch reference (`reference.TorchEncoder`) is what the tests guard.

Serving imports this module, so it must not import torch, sentence-transformers or nncf, not
even indirectly at import time (tests/features/test_encoder.py checks in a fresh process);
OpenVINO and the tokenizer are imported when an encoder is built. The tokenizer is the
`tokenizers` library on the exported `tokenizer.json` (what transformers' fast tokenizer wraps),
because transformers' AutoTokenizer imports torch.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from perception.config import EncoderConfig
from perception.features.encoder.identity import IR_XML, read_manifest, resolve_model_path

# The CPU plugin defaults to bf16 on AMX/AVX512-BF16 machines, so the hint is always explicit.
_OV_PRECISION = {"f32": "f32", "bf16": "bf16"}
# Measured on the 2-core target (benchmarks/featurize.py, batch 64): THROUGHPUT (2 streams of
# 1 thread) was within 1-4% of LATENCY (1 stream of 2 threads), i.e. within noise; LATENCY
# keeps to one synchronous request, the simplest path.
OV_PERFORMANCE_HINT = "LATENCY"


@runtime_checkable
class Encoder(Protocol):
    identity: str
    backend: str
    precision: str
    dim: int

    def encode(
        self, texts: Sequence[str], batch_size: int, progress: bool | None = None
    ) -> np.ndarray: ...

    def token_counts(self, texts: Sequence[str]) -> np.ndarray:
        """Tokens per text after truncation, by this encoder's own tokenizer (what `encode`
        pads a batch to: texts of equal count share a batch without padding)."""
        ...


def progress_disabled(progress: bool | None) -> bool | None:
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

    @abstractmethod
    def token_counts(self, texts: Sequence[str]) -> np.ndarray:
        """Tokens per text after truncation (padding masked out), as an int64 array."""

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
        if progress is False:  # serving: a bar that never shows still costs its setup
            for idx, vectors in zip(batches_idx, self._encode_batches(batches), strict=True):
                out[idx] = vectors
            return out

        from tqdm.auto import tqdm

        with tqdm(
            total=len(texts),
            desc=f"encode[{self.backend}/{self.precision}]",
            unit="text",
            disable=progress_disabled(progress),
            file=sys.stderr,
        ) as bar:
            for idx, vectors in zip(batches_idx, self._encode_batches(batches), strict=True):
                out[idx] = vectors
                bar.update(len(idx))
        return out


def _cpu_capabilities() -> set[str]:
    import openvino as ov

    return set(ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES"))


def bf16_supported() -> bool:
    return "BF16" in _cpu_capabilities()


def inference_precision(requested: str) -> str:
    """An encoder precision resolved on this machine: "auto" is bf16 where the CPU has it and
    f32 elsewhere (OpenVINO refuses bf16 on a CPU without it); others are taken as given."""
    if requested == "auto":
        return "bf16" if bf16_supported() else "f32"
    return requested


def load_tokenizer(directory: Path, max_length: int) -> Any:
    """The exported tokenizer.json, set up as sentence-transformers calls its tokenizer: pad to
    the longest text of the batch, truncate longest-first to the encoder's max_seq_length.
    The file's own saved padding/truncation settings are overridden, not trusted."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(directory) / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    pad = tokenizer.padding or {}
    tokenizer.enable_padding(pad_id=int(pad.get("pad_id", 0)),
                             pad_type_id=int(pad.get("pad_type_id", 0)),
                             pad_token=str(pad.get("pad_token", "[PAD]")))
    return tokenizer


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

        self.ir_dir = Path(ir_dir)
        self.manifest: dict[str, Any] = read_manifest(self.ir_dir)
        precision = inference_precision(precision)
        if precision not in _OV_PRECISION:
            raise ValueError(f"precision must be one of {sorted(_OV_PRECISION)}, got {precision!r}")
        if precision == "bf16" and not bf16_supported():
            raise RuntimeError("precision bf16 requested but this CPU has no BF16 support")

        self.identity = str(self.manifest["identity"])
        self.dim = int(self.manifest["dim"])
        self.max_seq_length = int(self.manifest["max_seq_length"])
        self.int8 = bool(self.manifest.get("int8", False))
        self.base_precision = precision
        # INT8 weights change the numbers, so they are part of the precision (and the cache key).
        # Static INT8 (activations too, export/quantize.py) and weight-only INT8 differ.
        static = self.manifest.get("int8_mode") == "static"
        self.precision = f"{precision}+int8{'' if static else 'w'}" if self.int8 else precision

        self.tokenizer = load_tokenizer(self.ir_dir, self.max_seq_length)
        core = ov.Core()
        self.compiled = core.compile_model(
            str(self.ir_dir / IR_XML),
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

    def token_counts(self, texts: Sequence[str]) -> np.ndarray:
        return np.fromiter((sum(e.attention_mask) for e in self.tokenizer.encode_batch(
            [str(t) for t in texts])), dtype=np.int64, count=len(texts))

    def _tokenize(self, batch: list[str]) -> dict[str, np.ndarray]:
        encodings = self.tokenizer.encode_batch(batch)
        columns = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        return {name: np.asarray(columns[name], dtype=np.int64) for name in self.input_names}

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

    def start(self, texts: list[str]) -> Any:
        """Start encoding `texts` as one batch and return a function that waits for the
        vectors. Serving starts every encoder a request needs, then collects them, so they
        run side by side (measured: p50 8.7 -> 6.2 ms for two encoders on one short text)."""
        request = self.compiled.create_infer_request()
        feeds = self._tokenize([str(t) for t in texts])
        request.start_async(feeds)
        return lambda: self._collect(request, feeds["attention_mask"])

    @staticmethod
    def _collect(request: Any, mask: np.ndarray) -> np.ndarray:
        request.wait()
        return _mean_pool_normalize(request.get_output_tensor(0).data, mask)


def load_encoder(cfg: EncoderConfig, ir_dir: Path, model_dir: Path | None = None) -> Encoder:
    """Build the configured encoder. The OpenVINO IR must already exist in `ir_dir` (the
    `encoder` stage's output, paths.encoder). `model_dir`: the torch weights behind that IR
    when they are not `cfg.model` (the fine-tuned encoder)."""
    if cfg.backend == "torch":
        # precision and int8 are OpenVINO options; the reference encoder always runs f32 (its
        # .precision says so, and that is what the cache key and metrics record).
        # Imported here: the reference needs torch, which serving (openvino) must not load.
        from perception.features.encoder.reference import TorchEncoder

        return TorchEncoder(model_dir or resolve_model_path(cfg.model))
    if cfg.backend == "openvino":
        encoder = OpenVINOEncoder(Path(ir_dir), cfg.precision)
        if encoder.int8 != cfg.int8:
            raise ValueError(
                f"encoder IR at {ir_dir} has int8={encoder.int8} but the config says "
                f"int8={cfg.int8}; re-export it with export_openvino(..., int8={cfg.int8})"
            )
        return encoder
    raise ValueError(f"unknown encoder backend {cfg.backend!r}")
