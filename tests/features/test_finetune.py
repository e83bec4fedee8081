"""Fine-tuning the sentence encoder: byte-identical output, learning, masked heads, export.

Tiny on purpose (40 texts, max_length 16, batch 8): each run takes a few seconds on 2 cores.
The seed-0 run is shared by the module (fixture `tuned`) and reused for the export check.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from perception.config import EncoderConfig
from perception.features.encoder.export import export_openvino
from perception.features.encoder.finetune import (
    FINETUNE_FILE,
    HEADS_FILE,
    Head,
    finetune_encoder,
    head_loss,
)
from perception.features.encoder.identity import (
    PACKAGE_MODEL,
    encoder_identity,
    resolve_model_path,
)
from perception.features.encoder.reference import TorchEncoder
from perception.features.encoder.runtime import load_encoder
from perception.features.sentences import pool_windows, text_windows

# Not in `make test-fast`: fine-tunes the encoder.
pytestmark = pytest.mark.slow

POSITIVE = ["I love this", "what a great day", "so happy right now", "wonderful news today",
            "best movie I have seen", "feeling calm and grateful", "we won the final",
            "this made me smile", "such a kind friend", "finally on holiday"]
NEGATIVE = ["I hate this", "what a terrible day", "so sad right now", "awful news today",
            "worst movie I have seen", "feeling anxious and alone", "we lost everything",
            "this made me cry", "such a cruel joke", "stuck at work again"]
TEXTS = [f"{t} {suffix}".strip() for suffix in ("", "!") for t in POSITIVE + NEGATIVE]
POLARITY = np.array([1 if i % 20 < 10 else 0 for i in range(len(TEXTS))])
SMALL = {"epochs": 1, "lr": 5e-5, "head_lr": 1e-2, "max_length": 16, "batch_size": 8}


def heads() -> dict[str, Head]:
    valence = np.where(POLARITY == 1, 0.85, 0.15).astype(np.float64)
    valence[::5] = np.nan  # some rows without a valence label
    polarity = POLARITY.copy()
    polarity[1::4] = -1  # and some without a class
    return {
        "valence": Head("valence", "regression", valence),
        "polarity": Head("polarity", "classification", polarity, n_classes=2),
    }


def files(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def base() -> Path:
    return resolve_model_path(PACKAGE_MODEL)


@pytest.fixture(scope="module")
def tuned(base: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("finetune") / "seed0"
    report = finetune_encoder(base, TEXTS, heads(), out, seed=0, progress=False, **SMALL)
    return out, report


def test_same_seed_gives_identical_bytes_other_seed_does_not(
    base: Path, tuned: tuple[Path, dict], tmp_path: Path
) -> None:
    first, report = tuned
    finetune_encoder(base, TEXTS, heads(), tmp_path / "again", seed=0, progress=False, **SMALL)
    # Every file, not just the weights: config, tokenizer, heads.json and finetune.json too.
    assert files(tmp_path / "again") == files(first)
    assert {"model.safetensors", HEADS_FILE, FINETUNE_FILE, "modules.json"} <= set(files(first))

    finetune_encoder(base, TEXTS, heads(), tmp_path / "seed1", seed=1, progress=False, **SMALL)
    other = files(tmp_path / "seed1")
    assert other["model.safetensors"] != files(first)["model.safetensors"]
    assert other[HEADS_FILE] != files(first)[HEADS_FILE]

    # Timings only in the returned dict: the folder is a DVC output.
    assert report["seconds"] > 0 and len(report["epoch_seconds"]) == 1
    written = (first / FINETUNE_FILE).read_text()
    assert "seconds" not in written and str(first) not in written


def test_bf16_training_is_reproducible_recorded_and_keeps_float32_weights(
    base: Path, tuned: tuple[Path, dict], tmp_path: Path
) -> None:
    for name in ("a", "b"):
        finetune_encoder(base, TEXTS, heads(), tmp_path / name, seed=0, progress=False,
                         precision="bf16", **SMALL)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    f32, _ = tuned
    assert files(tmp_path / "a")["model.safetensors"] != files(f32)["model.safetensors"]
    record = json.loads((tmp_path / "a" / FINETUNE_FILE).read_text())
    assert record["args"]["precision"] == "bf16"
    assert "precision" not in json.loads((f32 / FINETUNE_FILE).read_text())["args"]
    # The weights stay float32: only the forward pass ran in bfloat16.
    from safetensors.numpy import load_file

    assert {w.dtype for w in load_file(tmp_path / "a" / "model.safetensors").values()} == {
        np.dtype("float32")}
    with pytest.raises(ValueError, match="precision"):
        finetune_encoder(base, TEXTS, heads(), tmp_path / "c", seed=0, progress=False,
                         precision="fp8", **SMALL)  # type: ignore[arg-type]


def test_records_rows_per_head_and_plain_json_heads(tuned: tuple[Path, dict]) -> None:
    out, report = tuned
    record = json.loads((out / FINETUNE_FILE).read_text())
    expected = {name: int(h.labelled().sum()) for name, h in heads().items()}
    assert record["rows_per_head"] == expected == report["rows_per_head"]
    assert record["n_texts"] == len(TEXTS) and len(record["epoch_loss"]) == 1
    doc = json.loads((out / HEADS_FILE).read_text())["heads"]
    assert np.asarray(doc["valence"]["weight"]).shape == (1, 384)
    assert np.asarray(doc["polarity"]["weight"]).shape == (2, 384)
    assert report["identity"].startswith("sentence-transformer@")


def test_loss_goes_down(base: Path, tmp_path: Path) -> None:
    settings = {**SMALL, "epochs": 3}
    report = finetune_encoder(base, TEXTS, heads(), tmp_path / "m", seed=0, progress=False,
                              **settings)
    losses = report["epoch_loss"]
    assert len(losses) == 3 and losses[2] < losses[1] < losses[0], losses
    assert losses[2] < 0.7 * losses[0], losses


@pytest.mark.parametrize("kind", ["regression", "classification"])
def test_unlabelled_rows_contribute_nothing(kind: str) -> None:
    generator = torch.Generator().manual_seed(0)
    embedding = torch.randn(6, 8, generator=generator, requires_grad=True)
    linear = torch.nn.Linear(8, 1 if kind == "regression" else 3)
    if kind == "regression":
        target = torch.tensor([0.2, float("nan"), 0.9, 0.5, float("nan"), 0.1])
    else:
        target = torch.tensor([0, -1, 2, 1, -1, 0])
    labelled = torch.tensor([True, False, True, True, False, True])

    loss = head_loss(linear(embedding), target, kind, normalizer=0.5)
    loss.backward()
    assert embedding.grad is not None
    assert torch.count_nonzero(embedding.grad[~labelled]) == 0  # no gradient from those rows
    assert torch.count_nonzero(embedding.grad[labelled]) > 0
    # Same value as the loss over the labelled rows alone: they do not dilute the mean either.
    alone = head_loss(linear(embedding[labelled]), target[labelled], kind, normalizer=0.5)
    assert torch.allclose(loss, alone)

    # A batch with no labelled row: an exact zero loss and zero gradient, not NaN.
    embedding.grad = None
    missing = torch.full_like(target, float("nan")) if kind == "regression" else (
        torch.full_like(target, -1))
    empty = head_loss(linear(embedding), missing, kind, normalizer=0.5)
    empty.backward()
    assert float(empty) == 0.0 and torch.count_nonzero(embedding.grad) == 0


def test_rejects_bad_heads(base: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"on 0\.\.1"):
        finetune_encoder(base, TEXTS, {"v": Head("v", "regression", POLARITY * 2.0)},
                         tmp_path / "x", seed=0, progress=False, **SMALL)
    with pytest.raises(ValueError, match="no labelled row"):
        finetune_encoder(base, TEXTS, {"c": Head("c", "classification", POLARITY * 0 - 1,
                                                 n_classes=2)},
                         tmp_path / "x", seed=0, progress=False, **SMALL)
    assert not (tmp_path / "x").exists()


def test_exports_to_openvino_with_parity(
    base: Path, tuned: tuple[Path, dict], tmp_path: Path
) -> None:
    out, _ = tuned
    ir = tmp_path / "ir"
    manifest = export_openvino(str(out), ir, int8=False)
    identity = encoder_identity(out)
    assert manifest["identity"] == identity != encoder_identity(base)
    assert identity.startswith("sentence-transformer@")
    assert manifest["max_seq_length"] == 256  # training truncation does not leak into inference

    texts = [*TEXTS[:8], "a completely unrelated sentence about trains", "ok",
             "long " * 300]  # > 256 word pieces: truncation matches too
    cfg = EncoderConfig(model=str(out), backend="openvino", precision="f32", int8=False)
    ov_vectors = load_encoder(cfg, ir).encode(texts, batch_size=4, progress=False)
    torch_vectors = TorchEncoder(out).encode(texts, batch_size=4, progress=False)
    cosine = (ov_vectors * torch_vectors).sum(axis=1)
    assert cosine.min() >= 0.999, cosine
    # And the weights really changed: the fine-tuned vectors are not the packaged model's.
    packaged = TorchEncoder(base).encode(texts, batch_size=4, progress=False)
    assert (packaged * torch_vectors).sum(axis=1).min() < 0.9999


def test_training_embeds_a_long_text_by_windows_as_inference_does(
        tuned: tuple[Path, dict]) -> None:
    from sentence_transformers import SentenceTransformer

    from perception.features.encoder.finetune import _embed_sorted, _pool, embed_windows

    vectors = torch.nn.functional.normalize(torch.randn(5, 4, generator=torch.Generator()
                                                         .manual_seed(0)), dim=1)
    owner = np.array([0, 1, 1, 1, 2])
    np.testing.assert_allclose(_pool(vectors, owner, 3).numpy(),
                               pool_windows(vectors.numpy(), owner, 3), rtol=1e-6, atol=1e-7)
    out, _ = tuned
    model = SentenceTransformer(str(out), device="cpu")
    long = " ".join(["we walked to the market and bought rice"] * 12)  # 96 words: 2+ windows
    texts = ["so happy right now", long]
    windows = [text_windows(t) for t in texts]
    with torch.no_grad():
        trained = embed_windows(model, windows, max_length=128).numpy()
    sorted_ = _embed_sorted(model, windows, max_length=128).numpy()
    inference = TorchEncoder(out).encode(text_windows(long), batch_size=4, progress=False)
    mean = inference.mean(axis=0)
    np.testing.assert_allclose(trained[1], mean / np.linalg.norm(mean), atol=1e-5)
    np.testing.assert_allclose(sorted_, trained, atol=1e-5)
    assert len(text_windows(long)) > 1


def test_bags_hold_sentences_as_the_sentence_features_read_them() -> None:
    from perception.features.encoder.finetune import _bags

    # Without closing full stops, as `sentence_scores` reads them; one sentence: no bag.
    assert _bags(["Went out. I cut my arm again.", "Just one.", "Why? No!"]) == [
        ["Went out", "I cut my arm again"], None, ["Why?", "No!"]]


def test_a_bag_is_read_through_its_most_suspicious_sentence() -> None:
    from perception.features.encoder.finetune import most_suspicious

    # Two bags over class 0 = "none": bag 0 has sentences 0..2, bag 1 sentences 3..4.
    logits = torch.tensor([[3.0, 0.0], [0.0, 2.0], [2.0, 0.0], [1.0, 0.0], [4.0, 0.0]])
    bag_of = torch.tensor([0, 0, 0, 1, 1])
    assert most_suspicious(logits, bag_of, 2, negative=0).tolist() == [1, 3]
    # Read against the other class, the other sentences are the suspicious ones.
    assert most_suspicious(logits, bag_of, 2, negative=1).tolist() == [0, 4]
    # Ties go to the first sentence of the bag.
    assert most_suspicious(torch.zeros(3, 2), torch.tensor([0, 0, 0]), 1, 0).tolist() == [0]


def test_early_stopping_keeps_the_best_val_epoch(base: Path, tmp_path: Path) -> None:
    """With val rows, every epoch is scored, training stops after `patience` epochs without a
    better score, and the saved weights are the best epoch's (a rerun is byte-identical)."""
    long_texts = [f"{a}. {b}. {c}" for a, b, c in zip(TEXTS, TEXTS[5:], TEXTS[11:],
                                                      strict=False)]
    texts = TEXTS + long_texts
    polarity = np.concatenate([POLARITY, POLARITY[: len(long_texts)]])
    train = {"valence": Head("valence", "regression",
                             np.where(polarity == 1, 0.85, 0.15).astype(np.float64)),
             "polarity": Head("polarity", "classification", polarity, n_classes=2,
                              bag_negative=0)}
    val = (TEXTS[:12], {"valence": Head("valence", "regression",
                                        np.where(POLARITY[:12] == 1, 0.8, 0.2)),
                        "polarity": Head("polarity", "classification", POLARITY[:12],
                                         n_classes=2, bag_negative=0)})
    settings = {**SMALL, "epochs": 4, "patience": 1}
    report = finetune_encoder(base, texts, train, tmp_path / "a", seed=0, progress=False,
                              val=val, **settings)
    curve = report["val_curve"]
    assert 1 <= len(curve) <= 4 and len(report["epoch_loss"]) == len(curve)
    scores = [point["score"] for point in curve]
    assert report["chosen_epoch"] == 1 + int(np.argmax(scores))
    if len(curve) < 4:  # stopped: the last epoch was no better than the best
        assert scores[-1] <= max(scores[:-1])
    assert set(curve[0]["heads"]) == {"valence", "polarity"}
    again = finetune_encoder(base, texts, train, tmp_path / "b", seed=0, progress=False,
                             val=val, **settings)
    assert again["val_curve"] == curve
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_layer_decay_gives_each_layer_its_rate(base: Path) -> None:
    from sentence_transformers import SentenceTransformer

    from perception.features.encoder.finetune import _param_groups, layer_depth

    model = SentenceTransformer(str(base), device="cpu")
    heads_ = torch.nn.ModuleDict({"v": torch.nn.Linear(384, 1)})
    one = _param_groups(model, heads_, 1e-4, 1e-2, 0.01)
    assert len(one) == 4 and {g["lr"] for g in one[:2]} == {1e-4}   # one rate: two groups
    decayed = _param_groups(model, heads_, 1e-4, 1e-2, 0.01, layer_decay=0.5)
    rate = {id(p): g["lr"] for g in decayed for p in g["params"]}
    named = dict(model.named_parameters())
    six = 6   # MiniLM-L6
    assert rate[id(named["0.model.encoder.layer.5.output.dense.weight"])] == 1e-4
    assert rate[id(named["0.model.encoder.layer.0.output.dense.weight"])] == 1e-4 * 0.5**5
    assert rate[id(named["0.model.embeddings.word_embeddings.weight"])] == 1e-4 * 0.5**6
    assert rate[id(heads_["v"].weight)] == 1e-2
    # Every parameter is in exactly one group, as with one rate.
    grouped = [id(p) for g in decayed for p in g["params"]]
    assert len(grouped) == len(set(grouped)) == len(named) + 2
    assert layer_depth("0.model.encoder.layer.3.attention.self.query.bias", six) == 4


def test_mean_max_pooling_and_layer_decay_are_recorded_and_read_back(
        base: Path, tuned: tuple[Path, dict], tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    out = tmp_path / "mm"
    finetune_encoder(base, TEXTS, heads(), out, seed=0, progress=False, pooling="mean_max",
                     layer_decay=0.8, **SMALL)
    record = json.loads((out / FINETUNE_FILE).read_text())
    assert record["args"]["pooling"] == "mean_max" and record["args"]["layer_decay"] == 0.8
    doc = json.loads((out / HEADS_FILE).read_text())
    assert np.asarray(doc["heads"]["valence"]["weight"]).shape == (1, 768)
    assert "mean+max" in doc["input"]
    assert SentenceTransformer(str(out), device="cpu").encode(["hi"]).shape == (1, 768)
    # The default run records neither (its record is what it was before the options).
    default = json.loads((tuned[0] / FINETUNE_FILE).read_text())["args"]
    assert "pooling" not in default and "layer_decay" not in default
    with pytest.raises(ValueError, match="layer_decay"):
        finetune_encoder(base, TEXTS, heads(), tmp_path / "x", seed=0, progress=False,
                         layer_decay=0.0, **SMALL)


@pytest.mark.parametrize("implementation", ["sdpa", "eager"])
def test_dropout_off_means_every_dropout_attention_included(base: Path,
                                                            implementation: str) -> None:
    """transformers' attention drops attention probabilities at its Dropout's `p` whenever the
    module trains, whatever the Dropout's own mode: `dropout=False` must turn that off too,
    so a training forward pass is the function inference computes."""
    from sentence_transformers import SentenceTransformer

    from perception.features.encoder.finetune import _set_dropout

    model = SentenceTransformer(str(base), device="cpu",
                                model_kwargs={"attn_implementation": implementation})
    model.train()
    features = model.preprocess(TEXTS[:4], max_length=16)
    torch.manual_seed(0)
    _set_dropout(model, False)
    with torch.no_grad():
        first = model(dict(features))["sentence_embedding"]
        second = model(dict(features))["sentence_embedding"]
    assert torch.equal(first, second)
    model.eval()
    with torch.no_grad():
        inference = model(dict(features))["sentence_embedding"]
    assert torch.allclose(first, inference, atol=1e-5)
    # On again, at the configured rate: two passes differ.
    model.train()
    _set_dropout(model, True)
    assert {m.p for m in model.modules() if isinstance(m, torch.nn.Dropout)} == {0.1}
    with torch.no_grad():
        assert not torch.equal(model(dict(features))["sentence_embedding"],
                               model(dict(features))["sentence_embedding"])


def test_word_insertion_is_reproducible_recorded_and_changes_training(
        base: Path, tuned: tuple[Path, dict], tmp_path: Path) -> None:
    for name in ("a", "b"):
        finetune_encoder(base, TEXTS, heads(), tmp_path / name, seed=0, progress=False,
                         insert_words=0.5, **SMALL)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a")["model.safetensors"] != files(tuned[0])["model.safetensors"]
    assert json.loads((tmp_path / "a" / FINETUNE_FILE).read_text())["args"]["insert_words"] == 0.5
    # The default run records no rate: its record is what it was before the option.
    assert "insert_words" not in json.loads((tuned[0] / FINETUNE_FILE).read_text())["args"]
    with pytest.raises(ValueError, match="insert_words"):
        finetune_encoder(base, TEXTS, heads(), tmp_path / "x", seed=0, progress=False,
                         insert_words=1.5, **SMALL)
