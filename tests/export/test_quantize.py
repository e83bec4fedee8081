"""Static INT8 quantization of the encoder IR: the output is an IR directory the runtime loads
as it is, marked as static INT8, and it still encodes like the float IR.

One float export of the packaged model and one quantization on a small calibration sample,
shared by the module (about 30 s on 2 cores).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from perception.export.quantize import STATIC_MODE, calibration_sample, quantize_encoder
from perception.features.encoder.export import export_openvino
from perception.features.encoder.finetune import HEADS_FILE
from perception.features.encoder.identity import IR_BIN, IR_XML, MANIFEST, PACKAGE_MODEL
from perception.features.encoder.runtime import OpenVINOEncoder

# Not in `make test-fast`: exports and quantizes the encoder.
pytestmark = pytest.mark.slow

# Calibration: short posts as the corpus has them, English and Hinglish, a few long ones.
CALIBRATION = [
    "Had the best day ever!!! 🎉🎉",
    "i can't do this anymore",
    "Feeling kinda meh today tbh",
    "My dog passed away this morning. I don't know how to cope.",
    "Just got promoted 😊 celebrating tonight",
    "aaj ka din bahut accha tha yaar 😄",
    "mujhe bahut dukh ho raha hai, koi baat karne wala nahi hai",
    "kal exam hai aur kuch padha nahi 😭",
    "bhai tension mat le, sab theek ho jayega",
    "The meeting was rescheduled to Thursday at 3pm.",
    "why does nobody ever listen to me",
    "Sleep? Never heard of her. Third night awake.",
    "I hate how much I depend on other people.",
    "WORST. SERVICE. EVER.",
    "lol that was hilarious 😂😂 can't stop laughing",
    "Thank you all so much for the birthday wishes!",
    "Haven't eaten since yesterday, not hungry.",
    "Went for a run, cleared my head a bit.",
    "I think I need help but I don't know who to ask.",
    "Not bad, not great. Just a Tuesday.",
    "ghar pe sab pareshaan hain aur office mein bhi tension hai",
    "so proud of my little sister, she finally finished her degree",
    "another sleepless night, my thoughts just keep racing",
    "coffee with an old friend, exactly what I needed",
    ("I keep telling myself that tomorrow will be better, but every morning the same "
     "heaviness sits on my chest and I cannot explain it to anyone at work. ") * 4,
    ("yaar mujhe samajh nahi aa raha ki main kya karun, sab kuch itna mushkil lag raha hai "
     "aur koi samajhta nahi. ") * 4,
]
# Checked texts: not in the calibration sample.
CHECK = [
    "Everything is falling apart and I feel numb.",
    "finally some sunshine after a week of rain ☀️",
    "mera mann nahi lag raha kisi cheez mein",
    "honestly the worst week of my life",
    "Dinner with family tonight, grateful for them.",
    "I don't see the point of trying anymore.",
]


@pytest.fixture(scope="module")
def irs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("quantize")
    f32, int8 = root / "f32", root / "int8"
    export_openvino(PACKAGE_MODEL, f32, int8=False)
    # A companion file, as the fine-tuned encoder's IR carries its sentence heads.
    (f32 / HEADS_FILE).write_text('{"heads": {}}', encoding="utf-8")
    quantize_encoder(f32, CALIBRATION, int8, subset_size=len(CALIBRATION))
    return {"f32": f32, "int8": int8}


def test_output_is_a_static_int8_ir_directory(irs: dict[str, Path]) -> None:
    source = json.loads((irs["f32"] / MANIFEST).read_text(encoding="utf-8"))
    manifest = json.loads((irs["int8"] / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["int8"] is True and manifest["int8_static"] is True
    assert manifest["int8_mode"] == STATIC_MODE
    assert manifest["quantization"]["subset_size"] == len(CALIBRATION)
    # Same encoder, same preprocessing: only the IR changed.
    for key in ("identity", "dim", "max_seq_length", "inputs", "pooling", "normalize"):
        assert manifest[key] == source[key], key
    assert manifest["files"] == source["files"]
    for name in manifest["files"]:
        assert (irs["int8"] / name).is_file(), name
        if name not in (IR_XML, IR_BIN):
            assert (irs["int8"] / name).read_bytes() == (irs["f32"] / name).read_bytes()
    # What rides beside the IR (heads.json) goes along; a bundle's sentence features need it.
    assert (irs["int8"] / HEADS_FILE).read_bytes() == (irs["f32"] / HEADS_FILE).read_bytes()
    # INT8 weights: well under half the float file.
    assert (irs["int8"] / IR_BIN).stat().st_size < 0.5 * (irs["f32"] / IR_BIN).stat().st_size


def test_loads_and_encodes_like_the_float_ir(irs: dict[str, Path]) -> None:
    reference = OpenVINOEncoder(irs["f32"], "f32").encode(CHECK, batch_size=8, progress=False)
    encoder = OpenVINOEncoder(irs["int8"], "f32")
    assert encoder.int8 and encoder.precision != "f32"  # never labelled as the float IR
    vectors = encoder.encode(CHECK, batch_size=8, progress=False)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cos = (vectors * reference).sum(axis=1)
    assert cos.min() >= 0.99, dict(zip(CHECK, cos.round(4).tolist(), strict=True))


def test_refuses_an_ir_that_is_already_int8(irs: dict[str, Path], tmp_path: Path) -> None:
    fake = tmp_path / "int8w"
    shutil.copytree(irs["f32"], fake)
    manifest = json.loads((fake / MANIFEST).read_text(encoding="utf-8"))
    (fake / MANIFEST).write_text(json.dumps({**manifest, "int8": True}), encoding="utf-8")
    with pytest.raises(ValueError, match="already INT8"):
        quantize_encoder(fake, CALIBRATION, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_calibration_sample_is_seeded_and_keeps_order() -> None:
    texts = [f"text {i}" for i in range(50)] + ["", "   "]
    first = calibration_sample(texts, 10, seed=3)
    assert first == calibration_sample(texts, 10, seed=3)
    assert first != calibration_sample(texts, 10, seed=4)
    assert len(first) == 10 and first == sorted(first, key=texts.index)
    assert calibration_sample(texts, 100, seed=0) == texts[:50]  # blanks dropped
    with pytest.raises(ValueError):
        calibration_sample(["", " "], 10, seed=0)
