"""Parity of the OpenVINO encoder with sentence-transformers, and a deterministic export.

The IRs are exported once per module into tmp_path_factory; the torch reference is encoded once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer

from perception.config import EncoderConfig
from perception.features.encoder.export import export_openvino
from perception.features.encoder.identity import (
    MANIFEST,
    PACKAGE_MODEL,
    encoder_identity,
    resolve_model_path,
)
from perception.features.encoder.reference import TorchEncoder
from perception.features.encoder.runtime import OpenVINOEncoder, bf16_supported, load_encoder

# Not in `make test-fast`: exports the encoder to OpenVINO IR.
pytestmark = pytest.mark.slow

LONG_EN = (
    "I keep telling myself that tomorrow will be better, but every morning the same heaviness "
    "sits on my chest and I cannot explain it to anyone at work. "
) * 12  # well over 256 word pieces: exercises truncation
LONG_HINGLISH = ("yaar mujhe samajh nahi aa raha ki main kya karun, ghar pe sab pareshaan hain "
                 "aur office mein bhi tension hai. ") * 15

PARITY_TEXTS = [
    "ok",
    "I'm fine.",
    "Had the best day ever!!! 🎉🎉",
    "i can't do this anymore",
    "Feeling kinda meh today tbh",
    "My dog passed away this morning. I don't know how to cope.",
    "Just got promoted 😊 celebrating tonight",
    "aaj ka din bahut accha tha yaar 😄",
    "mujhe bahut dukh ho raha hai, koi baat karne wala nahi hai",
    "kal exam hai aur kuch padha nahi 😭",
    "bhai tension mat le, sab theek ho jayega",
    "...",
    "?!",
    "—",
    " ",
    "😭😭😭",
    "🙂",
    "❤️🔥💯",
    "The meeting was rescheduled to Thursday at 3pm.",
    "why does nobody ever listen to me",
    "Sleep? Never heard of her. Third night awake.",
    "I hate how much I depend on other people.",
    "WORST. SERVICE. EVER.",
    "lol that was hilarious 😂😂 can't stop laughing",
    "Thank you all so much for the birthday wishes!",
    "Haven't eaten since yesterday, not hungry.",
    "Everything is falling apart and I feel numb.",
    "Went for a run, cleared my head a bit.",
    "यह बहुत अच्छा है",
    "C'est la vie, mon ami.",
    "#blessed #grateful #mondaymotivation",
    "@friend call me when you can, it's urgent",
    "https://example.com/article?id=42 worth a read",
    "12345 67890",
    "The the the the the",
    "sooooooo tiredddddd",
    "I think I need help but I don't know who to ask.",
    "Not bad, not great. Just a Tuesday.",
    LONG_EN,
    LONG_HINGLISH,
    "mixed: started happy 😀 ended sad 😢 typical day",
]


@pytest.fixture(scope="module")
def ir_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("encoder_ir")
    dirs = {"f32": root / "f32", "int8": root / "int8"}
    export_openvino(PACKAGE_MODEL, dirs["f32"], int8=False)
    export_openvino(PACKAGE_MODEL, dirs["int8"], int8=True)
    return dirs


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    encoder = TorchEncoder(resolve_model_path(PACKAGE_MODEL))
    return encoder.encode(PARITY_TEXTS, batch_size=8, progress=False)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # Both sides are L2-normalised, so the dot product is the cosine.
    return (a * b).sum(axis=1)


def test_torch_reference_is_normalised(reference: np.ndarray) -> None:
    assert reference.dtype == np.float32
    assert reference.shape == (len(PARITY_TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(reference, axis=1), 1.0, atol=1e-5)


def test_long_texts_are_truncated_to_256_tokens(ir_dirs: dict[str, Path]) -> None:
    encoder = OpenVINOEncoder(ir_dirs["f32"], "f32")
    assert encoder.max_seq_length == 256
    feeds = encoder._tokenize([LONG_EN, "ok"])
    untruncated = Tokenizer.from_file(str(ir_dirs["f32"] / "tokenizer.json"))
    untruncated.no_truncation()
    assert len(untruncated.encode(LONG_EN).ids) > 256
    assert feeds["input_ids"].shape == (2, 256)


def test_tokenizer_matches_transformers(ir_dirs: dict[str, Path]) -> None:
    # Serving tokenizes with `tokenizers` alone (transformers' AutoTokenizer imports torch):
    # it must give exactly the ids, masks and type ids sentence-transformers feeds the model.
    from transformers import AutoTokenizer

    encoder = OpenVINOEncoder(ir_dirs["f32"], "f32")
    reference = AutoTokenizer.from_pretrained(str(ir_dirs["f32"]), model_max_length=256)
    batch = [*PARITY_TEXTS, LONG_EN, "", "emoji 😀👍🏽", "ÄÖÜ café naïve"]
    expected = reference(batch, padding=True, truncation="longest_first", max_length=256,
                         return_tensors="np")
    got = encoder._tokenize(batch)
    for name in encoder.input_names:
        np.testing.assert_array_equal(got[name], expected[name])


def test_openvino_f32_parity(ir_dirs: dict[str, Path], reference: np.ndarray) -> None:
    encoder = OpenVINOEncoder(ir_dirs["f32"], "f32")
    assert (encoder.backend, encoder.precision) == ("openvino", "f32")
    assert encoder.identity == encoder_identity(resolve_model_path(PACKAGE_MODEL))
    vectors = encoder.encode(PARITY_TEXTS, batch_size=8, progress=False)
    assert vectors.dtype == np.float32 and vectors.shape == reference.shape
    cos = _cosines(vectors, reference)
    assert cos.min() >= 0.999, {PARITY_TEXTS[i][:30]: float(cos[i]) for i in np.argsort(cos)[:3]}


def test_order_and_batch_size_do_not_matter(ir_dirs: dict[str, Path]) -> None:
    encoder = OpenVINOEncoder(ir_dirs["f32"], "f32")
    a = encoder.encode(PARITY_TEXTS, batch_size=7, progress=False)
    b = encoder.encode(PARITY_TEXTS[::-1], batch_size=64, progress=False)[::-1]
    assert _cosines(a, b).min() >= 0.99999


def test_precision_hint_is_applied(ir_dirs: dict[str, Path]) -> None:
    f32 = OpenVINOEncoder(ir_dirs["f32"], "f32")
    assert "32" in f32.inference_precision  # read back from the compiled model
    if not bf16_supported():
        pytest.skip("CPU has no BF16")
    bf16 = OpenVINOEncoder(ir_dirs["f32"], "bf16")
    assert "bf16" in bf16.inference_precision or "bfloat16" in bf16.inference_precision
    texts = PARITY_TEXTS[:10]
    # Had the bf16 default leaked into the f32 encoder, these would be identical.
    diff = np.abs(f32.encode(texts, 8, progress=False) - bf16.encode(texts, 8, progress=False))
    assert diff.max() > 1e-5


def test_openvino_bf16_parity(ir_dirs: dict[str, Path], reference: np.ndarray) -> None:
    if not bf16_supported():
        pytest.skip("CPU has no BF16")
    encoder = OpenVINOEncoder(ir_dirs["f32"], "bf16")
    assert encoder.precision == "bf16"
    cos = _cosines(encoder.encode(PARITY_TEXTS, batch_size=8, progress=False), reference)
    assert cos.min() >= 0.995


@pytest.mark.parametrize("precision", ["f32", "bf16"])
def test_openvino_int8_parity(
    ir_dirs: dict[str, Path], reference: np.ndarray, precision: str
) -> None:
    if precision == "bf16" and not bf16_supported():
        pytest.skip("CPU has no BF16")
    encoder = OpenVINOEncoder(ir_dirs["int8"], precision)
    assert encoder.int8 and encoder.precision == f"{precision}+int8w"
    cos = _cosines(encoder.encode(PARITY_TEXTS, batch_size=8, progress=False), reference)
    # INT8 weights plus the CPU plugin's dynamic activation quantization: measured min ~0.996
    # on 600 tweets and these texts, mean ~0.999. 0.99 leaves margin for ISA differences.
    assert cos.min() >= 0.99
    assert cos.mean() >= 0.998


def test_export_is_byte_identical(
    ir_dirs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = tmp_path_factory.mktemp("encoder_ir_again") / "f32"
    manifest = export_openvino(PACKAGE_MODEL, again, int8=False)
    first = sorted(p.name for p in ir_dirs["f32"].iterdir())
    assert first == sorted(p.name for p in again.iterdir())
    assert set(manifest["files"]) | {MANIFEST} == set(first)
    for name in first:
        assert (ir_dirs["f32"] / name).read_bytes() == (again / name).read_bytes(), name


def test_int8_manifest_and_size(ir_dirs: dict[str, Path]) -> None:
    f32_bin = (ir_dirs["f32"] / "encoder.bin").stat().st_size
    int8_bin = (ir_dirs["int8"] / "encoder.bin").stat().st_size
    assert int8_bin < f32_bin / 3
    encoder = OpenVINOEncoder(ir_dirs["int8"], "f32")
    assert encoder.manifest["int8"] is True
    assert encoder.manifest["max_seq_length"] == 256 and encoder.manifest["dim"] == 384


def test_load_encoder(ir_dirs: dict[str, Path], tmp_path: Path) -> None:
    cfg = EncoderConfig(backend="openvino", int8=True, precision="f32")
    encoder = load_encoder(cfg, ir_dirs["int8"])
    assert encoder.precision == "f32+int8w"
    # f32: any CPU runs it (OpenVINO refuses bf16 on a CPU without it).
    with pytest.raises(ValueError, match="int8"):
        load_encoder(EncoderConfig(backend="openvino", int8=False, precision="f32"),
                     ir_dirs["int8"])
    with pytest.raises(FileNotFoundError, match="missing_ir"):
        load_encoder(EncoderConfig(backend="openvino", precision="f32"), tmp_path / "missing_ir")


def test_resolve_model_path_and_identity(tmp_path: Path) -> None:
    packaged = resolve_model_path(PACKAGE_MODEL)
    assert (packaged / "model.safetensors").is_file()
    identity = encoder_identity(packaged)
    assert identity.startswith("all-MiniLM-L6-v2@") and len(identity.split("@")[1]) == 16
    with pytest.raises(FileNotFoundError, match="no_such_model"):
        resolve_model_path(str(tmp_path / "no_such_model"))
    # Different weights -> different identity.
    other = tmp_path / "other"
    other.mkdir()
    (other / "model.safetensors").write_bytes(b"not the same weights")
    assert encoder_identity(other) != identity


def test_empty_input(ir_dirs: dict[str, Path]) -> None:
    encoder = OpenVINOEncoder(ir_dirs["f32"], "f32")
    assert encoder.encode([], batch_size=8).shape == (0, 384)


def test_throughput_hint_matches_latency(ir_dirs: dict[str, Path]) -> None:
    # THROUGHPUT may compile several streams, which takes the multi-request code path.
    latency = OpenVINOEncoder(ir_dirs["f32"], "f32", performance_hint="LATENCY")
    throughput = OpenVINOEncoder(ir_dirs["f32"], "f32", performance_hint="THROUGHPUT")
    a = latency.encode(PARITY_TEXTS, batch_size=4, progress=False)
    b = throughput.encode(PARITY_TEXTS, batch_size=4, progress=False)
    assert _cosines(a, b).min() >= 0.99999


def test_runtime_encoding_does_not_load_torch(ir_dirs: dict[str, Path]) -> None:
    # A fresh interpreter: in this one the fixtures above have long since imported torch.
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from perception.features.encoder.runtime import OpenVINOEncoder\n"
        f"encoder = OpenVINOEncoder(Path({str(ir_dirs['f32'])!r}), 'f32')\n"
        "encoder.encode(['serving never loads torch'], batch_size=1, progress=False)\n"
        "print(json.dumps(sorted(m for m in ('torch', 'sentence_transformers', 'nncf',"
        " 'transformers') if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == [], done.stdout


def test_package_reexports_the_split_modules() -> None:
    # Callers of the former single module keep importing from the package.
    from perception.features import encoder as package
    from perception.features.encoder import export, identity, reference, runtime

    assert package.load_encoder is runtime.load_encoder
    assert package.Encoder is runtime.Encoder
    assert package.OpenVINOEncoder is runtime.OpenVINOEncoder
    assert package.export_openvino is export.export_openvino
    assert package.TorchEncoder is reference.TorchEncoder
    assert package.encoder_identity is identity.encoder_identity
    assert package.MANIFEST == identity.MANIFEST
    for name in package.__all__:
        assert getattr(package, name) is not None, name
    with pytest.raises(AttributeError):
        _ = package.no_such_name


@pytest.mark.parametrize("precision", ["f32", "bf16"])
def test_cached_vectors_do_not_depend_on_what_else_was_missing(
        ir_dirs: dict[str, Path], tmp_path: Path, precision: str) -> None:
    # The cache encodes only its misses: a text's vector must be the same bit for bit
    # whichever other texts were missing with it (docs/crisis.md).
    from perception.features.embedding_cache import EmbeddingCache, embed_with_cache

    if precision == "bf16" and not bf16_supported():
        pytest.skip("CPU has no BF16")
    encoder = OpenVINOEncoder(ir_dirs["f32"], precision)
    at_once, _ = embed_with_cache(PARITY_TEXTS, encoder, EmbeddingCache(tmp_path / "a"), 7)
    cache = EmbeddingCache(tmp_path / "b")
    for start in range(0, len(PARITY_TEXTS), 5):  # another history: a few texts at a time
        embed_with_cache(PARITY_TEXTS[start:start + 5][::-1], encoder, cache, 64)
    later, stats = embed_with_cache(PARITY_TEXTS, encoder, cache, 64)
    assert stats["misses"] == 0
    assert np.array_equal(at_once, later)
