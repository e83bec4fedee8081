"""Build-time, multi-task fine-tuning of the sentence encoder (torch side, like `export`).

`finetune_encoder` trains the sentence-transformers model (Transformer -> mean pooling ->
Normalize) end to end with one linear head per target on the *normalized mean-pooled*
embedding, i.e. exactly the vector inference computes and the downstream features are. The
result is an ordinary sentence-transformers directory, so `export.export_openvino` turns it
into IR like the packaged model, and `identity.encoder_identity` names it
"sentence-transformer@<digest>", which keys the embedding cache apart from the base model.

Reproducibility: the same inputs, seed and thread count give byte-identical output (the
directory is a DVC output): seeded RNGs, a seeded generator for the batch order,
deterministic torch algorithms, a fixed thread count, no model card and no timestamps on
disk (seconds are only in the returned dict).

Never imported by `runtime` or `identity`: serving must not load torch.
"""

from __future__ import annotations

import math
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from perception.artifacts import atomic_dir, write_json
from perception.features.encoder.identity import encoder_identity
from perception.features.sentences import flatten_windows, text_windows, window_layout

if TYPE_CHECKING:
    import torch

HEADS_FILE = "heads.json"
FINETUNE_FILE = "finetune.json"
FORMAT = 1
# Batches are formed inside windows of this many batches, sorted by token length, so a batch
# pads to similar lengths (padding is most of the compute on CPU for mixed-length text); the
# order of the batches is shuffled again so lengths do not trend within an epoch.
_LENGTH_WINDOW = 50
# The attention kernel training runs: on a 2-core AVX-512 CPU, torch's fused attention took
# twice as long per bf16 training step (its CPU backward dominates). It computes the same
# function, and the saved directory does not record which one trained it.
TRAINING_ATTENTION = "eager"


@dataclass(frozen=True)
class Head:
    """One training target on the sentence embedding.

    regression: `values` float, on 0..1, NaN where the row carries no label.
    classification: `values` int class index in [0, n_classes), -1 where there is no label.
    `weight` scales this head's (normalized) loss in the sum.
    """

    name: str
    kind: Literal["regression", "classification"]
    values: np.ndarray
    n_classes: int | None = None
    weight: float = 1.0
    # Class names in index order (classification), so a reader of heads.json (the sentence
    # features) knows which logit is which.
    classes: tuple[str, ...] = ()
    # Classification only: the index of the "no event" class (crisis: "none") when a text is an
    # event as soon as one of its sentences is. Then each multi-sentence text is also a bag of
    # its sentences (see `_mine`), so the head learns to score sentences, the way the
    # sentence features use it, without sentence labels.
    bag_negative: int | None = None

    def labelled(self) -> np.ndarray:
        """Boolean mask of the rows that carry this head's label."""
        if self.kind == "regression":
            return ~np.isnan(np.asarray(self.values, dtype=np.float64))
        return np.asarray(self.values) >= 0


def _validate(texts: list[str], heads: dict[str, Head]) -> None:
    if not texts:
        raise ValueError("no texts to fine-tune on")
    if not heads:
        raise ValueError("at least one head is needed")
    for key, head in heads.items():
        if key != head.name:
            raise ValueError(f"head stored under {key!r} is named {head.name!r}")
        values = np.asarray(head.values)
        if values.shape != (len(texts),):
            raise ValueError(f"head {key!r}: {values.shape} values for {len(texts)} texts")
        if not head.weight > 0:
            raise ValueError(f"head {key!r}: weight must be > 0, got {head.weight}")
        if head.kind == "regression":
            y = values.astype(np.float64)
            known = y[~np.isnan(y)]
            if known.size and (known.min() < 0.0 or known.max() > 1.0):
                raise ValueError(f"head {key!r}: regression labels must be on 0..1")
        elif head.kind == "classification":
            if head.n_classes is None or head.n_classes < 2:
                raise ValueError(f"head {key!r}: classification needs n_classes >= 2")
            if not np.issubdtype(values.dtype, np.integer):
                raise ValueError(f"head {key!r}: class indices must be integers (-1 = missing)")
            if values.size and (values.min() < -1 or values.max() >= head.n_classes):
                raise ValueError(f"head {key!r}: class index outside -1..{head.n_classes - 1}")
        else:
            raise ValueError(f"head {key!r}: unknown kind {head.kind!r}")
        if not head.labelled().any():
            raise ValueError(f"head {key!r} has no labelled row")
        if head.bag_negative is not None and (
                head.kind != "classification" or not 0 <= head.bag_negative < head.n_classes):
            raise ValueError(f"head {key!r}: bag_negative needs a class head and a class index")


def _baseline(head: Head) -> tuple[np.ndarray, float]:
    """(initial bias, loss normalizer) from the labelled rows.

    The normalizer is the loss of the best label-blind prediction: the label variance for MSE
    (predicting the mean), the prior's entropy for cross-entropy (predicting the class
    frequencies). Dividing by it puts every head on the same scale, 1 = "knows nothing beyond
    the marginal", so an MSE on 0..1 labels (~0.03) does not vanish next to a cross-entropy
    (~1) and a head's weight means what it says whatever its units. Starting the bias at that
    prediction means the first steps do not push the encoder just to fix an offset.
    """
    mask = head.labelled()
    if head.kind == "regression":
        y = np.asarray(head.values, dtype=np.float64)[mask]
        var = float(y.var())
        return np.array([y.mean()]), var if var > 1e-8 else 1.0
    assert head.n_classes is not None
    counts = np.bincount(np.asarray(head.values)[mask], minlength=head.n_classes)
    prior = (counts + 0.5) / (counts.sum() + 0.5 * head.n_classes)  # smoothed: no log(0)
    entropy = float(-(prior * np.log(prior)).sum())
    return np.log(prior), entropy if entropy > 1e-8 else 1.0


def head_loss(
    logits: torch.Tensor, target: torch.Tensor, kind: str, normalizer: float
) -> torch.Tensor:
    """Masked, normalized loss of one head on one batch.

    Rows without a label (NaN / -1) are removed before the loss, so they contribute neither to
    the value nor to any gradient of this head; the mean is over the labelled rows of the batch.
    A batch with no labelled row gives an exact zero that is still part of the graph.
    """
    import torch
    import torch.nn.functional as F

    if kind == "regression":
        mask = ~torch.isnan(target)
        if not bool(mask.any()):
            return logits.sum() * 0.0
        loss = F.mse_loss(logits[:, 0][mask], target[mask])
    else:
        mask = target >= 0
        if not bool(mask.any()):
            return logits.sum() * 0.0
        loss = F.cross_entropy(logits[mask], target[mask])
    return loss / torch.tensor(normalizer, dtype=loss.dtype)


def most_suspicious(logits: torch.Tensor, bag_of: torch.Tensor, n_bags: int, negative: int
                    ) -> torch.Tensor:
    """Per bag, the index of its most event-like sentence: the lowest P(`negative`), ties to
    the first. `logits` holds one row per sentence, `bag_of` the bag each belongs to (bags
    contiguous, in order)."""
    import torch
    import torch.nn.functional as F

    suspicion = -F.log_softmax(logits.detach(), dim=1)[:, negative]
    counts = torch.bincount(bag_of, minlength=n_bags).tolist()
    best, start = [], 0
    for count in counts:
        best.append(start + int(torch.argmax(suspicion[start:start + count])))
        start += count
    return torch.as_tensor(best, dtype=torch.long)


def native_bf16() -> bool:
    """Whether this CPU runs bfloat16 matmuls in hardware (oneDNN's AVX-512 / AMX kernels).
    Elsewhere torch emulates them: on a 2-core AVX2 EPYC a bf16 autocast training step took
    about 15x as long as float32 (docs/benchmarks.md), so a 45-minute fine-tune would take
    hours."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a torch build without oneDNN
        return False


def training_precision(requested: str, *,
                       log: Callable[[str], None] = lambda _: None) -> Literal["f32", "bf16"]:
    """`finetune.precision` resolved on this machine: "auto" is bf16 where the CPU runs it in
    hardware and f32 elsewhere; "f32" and "bf16" are taken as given (an explicit bf16 on a
    CPU that would emulate it is logged, since it is the user's choice but rarely meant)."""
    if requested == "auto":
        return "bf16" if native_bf16() else "f32"
    if requested == "bf16" and not native_bf16():
        log("finetune.precision: bf16 on a CPU without bf16 in hardware is emulated and many "
            "times slower than f32 (use auto)")
    if requested in ("f32", "bf16"):
        return requested  # type: ignore[return-value]
    raise ValueError(f"precision must be 'auto', 'f32' or 'bf16', got {requested!r}")


@contextmanager
def _deterministic(seed: int, threads: int) -> Iterator[None]:
    """Seed every RNG and pin the numerics; restore the process-wide torch settings after."""
    import torch

    previous_threads = torch.get_num_threads()
    previous_det = torch.are_deterministic_algorithms_enabled()
    previous_warn = torch.is_deterministic_algorithms_warn_only_enabled()
    random.seed(seed)
    np.random.seed(seed)  # libraries below may draw from the legacy global RNG
    torch.manual_seed(seed)
    # The thread count changes how reductions are split, hence the float rounding: fix it.
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    # Deterministic mode also fills every new tensor with NaN, to expose an op that reads
    # memory it never wrote; no op here does, and the fills were 15 % of a training step.
    previous_fill = torch.utils.deterministic.fill_uninitialized_memory
    torch.utils.deterministic.fill_uninitialized_memory = False
    try:
        yield
    finally:
        torch.utils.deterministic.fill_uninitialized_memory = previous_fill
        torch.use_deterministic_algorithms(previous_det, warn_only=previous_warn)
        torch.set_num_threads(previous_threads)


def _batches(
    lengths: np.ndarray, batch_size: int, generator: torch.Generator
) -> list[np.ndarray]:
    """One epoch of row-index batches: random, but length-grouped within windows."""
    import torch

    order = torch.randperm(len(lengths), generator=generator).numpy()
    window = batch_size * _LENGTH_WINDOW
    batches: list[np.ndarray] = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort(-lengths[chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    shuffle = torch.randperm(len(batches), generator=generator).numpy()
    return [batches[i] for i in shuffle]


# Sentences a crisis word turns into a crisis cue (method, plan, act): a word that changes
# their cues against a neutral one is crisis vocabulary, not noise.
_CARRIERS = ("{}", "i will {} myself tonight", "i want to {}", "i have the {} ready",
             "took all the {}", "bought a {} today")


def insertion_pool(vocabulary: Sequence[str]) -> list[str]:
    """The words `insert_word` draws from: the tokenizer's whole words of 4+ ASCII letters,
    sorted (a seed always draws the same words), without English stop words (an inserted
    "never" or "nothing" would change what a text says) and without crisis vocabulary: a
    word that changes the crisis cues of a carrier sentence (`_CARRIERS`: "i want to jump",
    "took all the pills") would make an ordinary text a crisis."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = sorted({w for w in vocabulary if len(w) >= 4 and w.isascii() and w.isalpha()}
                   - ENGLISH_STOP_WORDS)
    return list(_without_crisis_vocabulary(tuple(words)))


def model_insertion_pool(model_dir: Path | str) -> list[str]:
    """`insertion_pool` of a saved model's tokenizer (a fine-tuned model directory): the words
    its training could have inserted, for measuring what one such word does."""
    from transformers import AutoTokenizer

    return insertion_pool(list(AutoTokenizer.from_pretrained(str(model_dir)).get_vocab()))


@lru_cache(maxsize=2)
def _without_crisis_vocabulary(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` minus those that change a carrier's crisis cues (about 16 s for the 20,000
    candidate words of the packaged tokenizer: computed once per process)."""
    from perception.features.crisis_cues import text_cues

    def cues(word: str) -> list[set[str]]:
        return [{c.pattern_id for sc in text_cues(carrier.format(word)) for c in sc.cues}
                for carrier in _CARRIERS]

    neutral = cues("table")
    return tuple(w for w in words if cues(w) == neutral)


def insert_word(text: str, rate: float, pool: Sequence[str], rng: np.random.Generator) -> str:
    """`text`, or at probability `rate` `text` with one word of `pool` put between two of its
    words (or at either end): label-preserving noise, so that a word the generator never
    wrote does not move a text towards or away from a class."""
    if rate <= 0.0 or rng.random() >= rate:
        return text
    words = text.split(" ")
    at = int(rng.integers(0, len(words) + 1))
    return " ".join([*words[:at], pool[int(rng.integers(len(pool)))], *words[at:]])


_LAYER = re.compile(r"\.encoder\.layer\.(\d+)\.")


def layer_depth(name: str, n_layers: int) -> int:
    """Where a transformer parameter sits, counted from the input: 0 for the embeddings, i + 1
    for encoder layer i, n_layers for anything above the last layer (the pooler)."""
    found = _LAYER.search(name)
    if found:
        return int(found.group(1)) + 1
    return 0 if ".embeddings." in name else n_layers


def _param_groups(
    encoder: torch.nn.Module, heads: torch.nn.ModuleDict, lr: float, head_lr: float,
    weight_decay: float, layer_decay: float = 1.0,
) -> list[dict[str, Any]]:
    # The usual BERT recipe: no weight decay on biases and LayerNorm weights (decaying a
    # normalisation gain towards 0 is not a regulariser, it distorts the layer).
    named = [(n, p) for n, p in encoder.named_parameters() if p.requires_grad]
    n_layers = 1 + max((int(m.group(1)) for n, _ in named if (m := _LAYER.search(n))),
                       default=-1)
    # Layer-wise decay: the top layer learns at `lr`, each one below at `layer_decay` times
    # the one above, the embeddings lowest (the lower layers hold the general language the
    # packaged weights were trained for). 1.0 keeps one rate, in the original two groups.
    depths = sorted({layer_depth(n, n_layers) for n, _ in named}) if layer_decay != 1.0 else [0]
    groups = []
    for depth in depths:
        rate = lr * layer_decay ** max(0, n_layers - depth) if layer_decay != 1.0 else lr
        members = [(n, p) for n, p in named
                   if layer_decay == 1.0 or layer_depth(n, n_layers) == depth]
        decay = [p for n, p in members if not (n.endswith("bias") or "LayerNorm" in n)]
        no_decay = [p for n, p in members if n.endswith("bias") or "LayerNorm" in n]
        groups += [{"params": decay, "lr": rate, "weight_decay": weight_decay},
                   {"params": no_decay, "lr": rate, "weight_decay": 0.0}]
    groups += [
        {"params": [p for n, p in heads.named_parameters() if n.endswith("weight")],
         "lr": head_lr, "weight_decay": weight_decay},
        {"params": [p for n, p in heads.named_parameters() if n.endswith("bias")],
         "lr": head_lr, "weight_decay": 0.0},
    ]
    return [g for g in groups if g["params"]]


def _linear_schedule(warmup: int, total: int) -> Callable[[int], float]:
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total - step) / max(1, total - warmup))

    return factor


def _bags(texts: list[str]) -> list[list[str] | None]:
    """Each text's sentences as the sentence features read them (the same segmenter and
    `scored_text`), None for a text of one sentence: its sentence is the text, already seen
    whole."""
    from perception.features.sentences import scored_text, sentences

    out: list[list[str] | None] = []
    for text in texts:
        parts = [scored_text(s) for s in sentences(text)]
        out.append(parts if len(parts) > 1 else None)
    return out


def _flatten(bags: list[list[str]]) -> tuple[list[str], torch.Tensor]:
    """Every sentence of `bags` in order, and the bag of each (as a text's windows are
    flattened)."""
    import torch

    flat, bag_of = flatten_windows(bags)
    return flat, torch.as_tensor(bag_of)


def _pool(vectors: torch.Tensor, owner: np.ndarray, n_texts: int) -> torch.Tensor:
    """Torch twin of `sentences.pool_windows`: per text, the L2-normalized mean of its
    windows' vectors; a text of one window keeps its vector."""
    import torch
    import torch.nn.functional as F

    if len(owner) == n_texts:
        return vectors
    counts, first = window_layout(owner, n_texts)
    rows = []
    for i in range(n_texts):
        part = vectors[int(first[i]):int(first[i] + counts[i])]
        rows.append(part[0] if counts[i] == 1 else F.normalize(part.mean(dim=0), dim=0))
    return torch.stack(rows)


def embed_windows(model: Any, windows: Sequence[Sequence[str]], max_length: int
                  ) -> torch.Tensor:
    """The embedding inference computes, with gradient, of texts given as their windows
    (`sentences.text_windows` of each): a text longer than a window is embedded as its
    overlapping windows, pooled (`sentences.embed_by_windows`), so no part of it is cut off
    at `max_length` tokens."""
    flat, owner = flatten_windows(windows)
    features = model.preprocess(flat, max_length=max_length)
    return _pool(model(features)["sentence_embedding"], owner, len(windows))


def _embed_sorted(model: Any, windows: Sequence[Sequence[str]], max_length: int,
                  chunk: int = 64) -> torch.Tensor:
    """`embed_windows` without gradient, computed in length-sorted chunks: a long text's
    sentences padded to one length cost 2-3x more (benchmarked on 32 long texts)."""
    flat, owner = flatten_windows(windows)
    return _pool(_embed_windows_sorted(model, flat, max_length, chunk), owner, len(windows))


def _embed_windows_sorted(model: Any, texts: list[str], max_length: int, chunk: int = 64
                          ) -> torch.Tensor:
    """Embeddings without gradient of strings embedded whole (windows, or sentences: one of
    at most `sentences.MAX_WORDS` words is a window of its own), in `texts` order."""
    import torch

    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out: list[torch.Tensor | None] = [None] * len(texts)
    with torch.no_grad():
        for start in range(0, len(order), chunk):
            rows = order[start:start + chunk]
            features = model.preprocess([texts[i] for i in rows], max_length=max_length)
            for i, vector in zip(rows, model(features)["sentence_embedding"], strict=True):
                out[i] = vector
    return torch.stack(out)  # type: ignore[arg-type]


def _mine(
    model: Any, head_modules: torch.nn.ModuleDict, heads: dict[str, Head], bag_heads: list[str],
    bags: list[list[str]], max_length: int,
) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    """Multiple-instance learning over bags of sentences, the way max-pooling reads them.

    A bag takes the logits of its most event-like sentence (`most_suspicious`): a negative
    bag pushes down its most suspicious sentence (hard negatives mined from every ordinary
    text), an event bag pushes up the sentence that carries the event, wherever it sits.
    The choice is not differentiated, so every sentence is scored without gradient first
    and only the chosen ones are embedded again with it (same weights, same vectors).
    Returns, per bag head, rows of the second tensor: the chosen sentences' embeddings."""
    import torch

    flat, bag_of = _flatten(bags)
    everything = _embed_windows_sorted(model, flat, max_length)
    with torch.no_grad():
        picks = {n: most_suspicious(head_modules[n](everything), bag_of, len(bags),
                                    int(heads[n].bag_negative)) for n in bag_heads}
    union = sorted({int(i) for chosen in picks.values() for i in chosen})
    where = {sentence: k for k, sentence in enumerate(union)}
    features = model.preprocess([flat[i] for i in union], max_length=max_length)
    selected = model(features)["sentence_embedding"]
    return ({n: torch.as_tensor([where[int(i)] for i in chosen]) for n, chosen in picks.items()},
            selected)


def _validation_scores(
    model: Any, head_modules: torch.nn.ModuleDict, windows: list[list[str]],
    heads: dict[str, Head], bags: list[list[str] | None], normalizers: dict[str, float],
    max_length: int, batch_size: int,
) -> dict[str, float]:
    """Each head's val score, 1 = perfect and 0 = no better than the label-blind guess:
    Pearson r for a number, 1 - log loss / label-blind loss for classes. A bag head's score is
    the mean of its score on the texts and on their sentences (the most suspicious one per
    multi-sentence text, as `_mine` and the sentence features read it)."""
    import torch
    import torch.nn.functional as F

    model.eval()
    names = sorted(heads)
    bag_rows = [i for i, bag in enumerate(bags) if bag is not None]
    with torch.no_grad():
        embedding = _embed_sorted(model, windows, max_length, batch_size)
        if bag_rows:
            flat, bag_of = _flatten([bags[i] for i in bag_rows])  # type: ignore[misc]
            sentence_embedding = _embed_windows_sorted(model, flat, max_length, 2 * batch_size)
        text_logits = {n: head_modules[n](embedding).double() for n in names}
        bag_logits = {n: head_modules[n](sentence_embedding)
                      for n in names if bag_rows and heads[n].bag_negative is not None}
    scores: dict[str, float] = {}
    for n in names:
        head = heads[n]
        out = text_logits[n]
        mask = head.labelled()
        if head.kind == "regression":
            y = np.asarray(head.values, dtype=np.float64)[mask]
            pred = out[:, 0].numpy()[mask]
            scores[n] = float(np.corrcoef(pred, y)[0, 1]) if y.std() > 0 else 0.0
            continue
        y = torch.as_tensor(np.asarray(head.values))
        skill = 1.0 - float(F.cross_entropy(out[mask], y[mask])) / normalizers[n]
        if n in bag_logits:
            # Single-sentence texts are their own sentence: their text logits count as such.
            chosen = most_suspicious(bag_logits[n], bag_of, len(bag_rows),
                                     int(head.bag_negative))  # type: ignore[arg-type]
            sentence_logits = out.clone()
            sentence_logits[torch.as_tensor(bag_rows)] = bag_logits[n][chosen].double()
            bag_skill = 1.0 - float(F.cross_entropy(sentence_logits[mask], y[mask])
                                    ) / normalizers[n]
            skill = 0.5 * (skill + bag_skill)
        scores[n] = skill
    return scores


def _combined(scores: dict[str, float], heads: dict[str, Head]) -> float:
    """The heads' val scores averaged with their loss weights: what early stopping maximises."""
    total = sum(heads[n].weight for n in scores)
    return sum(heads[n].weight * v for n, v in scores.items()) / total


def _snapshot(model: Any, head_modules: torch.nn.ModuleDict) -> dict[str, Any]:
    """A copy of every weight, to return to the best epoch after the ones that follow it."""
    return {"model": {k: v.detach().clone() for k, v in model.state_dict().items()},
            "heads": {k: v.detach().clone() for k, v in head_modules.state_dict().items()}}


def _restore(model: Any, head_modules: torch.nn.ModuleDict, state: dict[str, Any]) -> None:
    model.load_state_dict(state["model"])
    head_modules.load_state_dict(state["heads"])


def _set_dropout(model: torch.nn.Module, enabled: bool) -> None:
    """Every dropout of the transformer on (at its configured rate) or off. transformers'
    attention applies dropout to its probabilities at its Dropout's `p` whenever the attention
    module is training, whatever that Dropout's own mode: off means `p` = 0 as well."""
    import torch

    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            rate = module.__dict__.setdefault("configured_p", module.p)
            module.p = rate if enabled else 0.0
            module.train(enabled)


def _versions() -> dict[str, str]:
    import sentence_transformers
    import torch
    import transformers

    return {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "sentence_transformers": sentence_transformers.__version__,
    }


def finetune_encoder(
    base_model_dir: Path,
    texts: list[str],
    heads: dict[str, Head],
    out_dir: Path,
    *,
    epochs: int,
    lr: float,
    head_lr: float,
    max_length: int,
    batch_size: int,
    seed: int,
    weight_decay: float = 0.01,
    warmup_ratio: float = 0.1,
    max_grad_norm: float = 1.0,
    dropout: bool = False,
    threads: int = 2,
    patience: int = 1,
    layer_decay: float = 1.0,
    pooling: Literal["mean", "mean_max"] = "mean",
    precision: Literal["f32", "bf16"] = "f32",
    insert_words: float = 0.0,
    val: tuple[list[str], dict[str, Head]] | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune the encoder in `base_model_dir` on `texts` with one linear head per target.

    Loss per batch: sum over heads of weight * (masked loss / label-blind baseline loss); see
    `_baseline` and `head_loss`. AdamW (encoder at `lr`, heads at `head_lr`), linear warmup
    over `warmup_ratio` of the steps then linear decay to 0, gradient norm clipped at
    `max_grad_norm`. A text longer than a window (`sentences.TEXT_WINDOW_WORDS` words) is
    embedded as its overlapping windows, pooled, as at inference; a window is truncated at
    `max_length` tokens (50 words rarely reach 128); the saved model keeps the base model's
    max_seq_length.
    `epochs` is the ceiling. With `val` (texts and heads of the same names on val rows, never
    test), every epoch ends with a val score per head (`_validation_scores`), their weighted
    mean picks the best epoch, training stops after `patience` epochs without a better one,
    and the weights of the best epoch are the ones saved; `val_curve` and `chosen_epoch`
    record it. Without `val`, all `epochs` run and the last is saved.
    A head with `bag_negative` also learns from each multi-sentence text as a bag of its
    sentences (`_mine`), mean of the text and the bag loss.
    `layer_decay`: the learning rate of each transformer layer is `layer_decay` times the one
    above it (the top layer at `lr`, the embeddings lowest); 1.0, the default, is one rate.
    `pooling`: "mean" (the packaged model's, and the only one the OpenVINO runtime computes)
    or "mean_max", mean and max over tokens concatenated (twice the dimensions); the saved
    directory carries its pooling, so sentence-transformers reads it back as trained.
    `precision`: "bf16" runs the encoder's training forward passes under CPU autocast to
    bfloat16 (2.5x faster steps on an AVX512-BF16 CPU, benchmarks/finetune_precision.py);
    the weights, the optimizer state, the heads and the val scores stay float32.
    `insert_words`: at this probability per epoch, a training text and, separately, each
    sentence of its bag gets one random word of the tokenizer's vocabulary
    (`insertion_pool`, `insert_word`) put in it; val texts are scored as written. The
    generator's texts use a closed vocabulary, and one or two foreign words in a crisis text
    took its crisis score down (docs/crisis.md); 0, the default, changes nothing.
    `dropout`: keep the transformer's dropout active in training (seeded, so deterministic
    either way) or switch it off, the default: on VADER movie sentences (benchmarks/finetune.py,
    1 epoch) off was as good or slightly better (val r 0.799 vs 0.796), and a one- or two-epoch
    fine-tune is too short to overfit much.

    Writes `out_dir` atomically: a sentence-transformers model directory, `heads.json` (head
    weights as plain lists) and `finetune.json` (arguments, per-epoch losses, rows per head).
    Returns those figures plus the seconds taken, which are never written to `out_dir`.
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from tqdm.auto import tqdm

    texts = [str(t) for t in texts]
    _validate(texts, heads)
    for name, value in (("epochs", epochs), ("batch_size", batch_size),
                        ("max_length", max_length), ("threads", threads),
                        ("patience", patience)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    if not 0.0 < layer_decay <= 1.0:
        raise ValueError(f"layer_decay must be in (0, 1], got {layer_decay}")
    if pooling not in ("mean", "mean_max"):
        raise ValueError(f"pooling must be 'mean' or 'mean_max', got {pooling!r}")
    if not 0.0 <= insert_words <= 1.0:
        raise ValueError(f"insert_words must be in [0, 1], got {insert_words}")
    if precision not in ("f32", "bf16"):
        raise ValueError(f"precision must be 'f32' or 'bf16', got {precision!r}")
    base_model_dir = Path(base_model_dir)
    started = time.perf_counter()
    names = sorted(heads)  # fixed order: the loss sum and the files do not depend on dict order

    with _deterministic(seed, threads):
        model = SentenceTransformer(str(base_model_dir), device="cpu",
                                    model_kwargs={"attn_implementation": TRAINING_ATTENTION})
        if pooling == "mean_max":
            from sentence_transformers.sentence_transformer.modules import Pooling

            if type(model[1]).__name__ != "Pooling":
                raise ValueError(f"{base_model_dir}: module 1 is not a Pooling module")
            width = int(model.get_embedding_dimension())
            model._modules["1"] = Pooling(width, pooling_mode=("mean", "max"))
        dim = int(model.get_embedding_dimension())
        # Zero weights, baseline bias: every head starts at the label-blind prediction, so no
        # random projection sends noise into the encoder in the first steps (the heads and the
        # encoder start learning together once the head weights move), and adding a head
        # consumes no random numbers, so it cannot reshuffle the others.
        head_modules = torch.nn.ModuleDict()
        normalizers: dict[str, float] = {}
        targets: dict[str, torch.Tensor] = {}
        for name in names:
            head = heads[name]
            bias, normalizers[name] = _baseline(head)
            linear = torch.nn.Linear(dim, 1 if head.kind == "regression" else int(head.n_classes))
            with torch.no_grad():
                linear.weight.zero_()
                linear.bias.copy_(torch.as_tensor(bias, dtype=torch.float32))
            head_modules[name] = linear
            targets[name] = (
                torch.as_tensor(np.asarray(head.values, dtype=np.float32))
                if head.kind == "regression"
                else torch.as_tensor(np.asarray(head.values, dtype=np.int64))
            )

        tokenizer = model.tokenizer
        # Each text cut into windows once; a text's cost is its windows' tokens.
        windows = [text_windows(text) for text in texts]
        flat, owner = flatten_windows(windows)
        lengths = np.bincount(owner, weights=[
            len(ids) for ids in tokenizer(flat, truncation=True, max_length=max_length)[
                "input_ids"]], minlength=len(texts)).astype(np.int64)
        bag_heads = [n for n in names if heads[n].bag_negative is not None]
        bags = _bags(texts) if bag_heads else [None] * len(texts)
        steps_per_epoch = math.ceil(len(texts) / batch_size)
        # The schedule spans the ceiling: stopping early leaves the rate where it was.
        total_steps = steps_per_epoch * epochs
        warmup_steps = round(warmup_ratio * total_steps)
        optimizer = torch.optim.AdamW(
            _param_groups(model, head_modules, lr, head_lr, weight_decay, layer_decay), lr=lr
        )
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer, _linear_schedule(warmup_steps, total_steps)
        )
        generator = torch.Generator().manual_seed(seed)
        # Its own stream, made only when used: the default run draws exactly what it did.
        if insert_words > 0.0:
            pool = insertion_pool(list(tokenizer.get_vocab()))
            noise = np.random.default_rng(seed)
        params = [p for group in optimizer.param_groups for p in group["params"]]
        if val is not None:
            val_texts, val_heads = val
            _validate(val_texts, val_heads)
            val_bags = _bags(val_texts) if bag_heads else [None] * len(val_texts)
            val_windows = [text_windows(text) for text in val_texts]

        model.train()
        head_modules.train()
        _set_dropout(model, dropout)
        epoch_loss: list[float] = []
        epoch_head_loss: dict[str, list[float]] = {n: [] for n in names}
        epoch_seconds: list[float] = []
        val_curve: list[dict[str, Any]] = []
        best: tuple[float, int, dict[str, Any]] | None = None  # (score, epoch, state)
        for epoch in range(epochs):
            epoch_start = time.perf_counter()
            total, per_head, n_batches = 0.0, dict.fromkeys(names, 0.0), 0
            batches = _batches(lengths, batch_size, generator)
            bar = tqdm(batches, desc=f"finetune epoch {epoch + 1}/{epochs}", unit="batch",
                       disable=not progress, leave=True)
            for rows in bar:
                index = torch.as_tensor(rows)
                in_bags = [i for i in rows if bags[i] is not None]
                batch_windows = [windows[i] for i in rows]
                batch_bags = [bag for i in in_bags if (bag := bags[i]) is not None]
                if insert_words > 0.0:
                    batch_windows = [text_windows(insert_word(texts[i], insert_words, pool,
                                                              noise)) for i in rows]
                    batch_bags = [[insert_word(sentence, insert_words, pool, noise)
                                   for sentence in bag] for bag in batch_bags]
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                    embedding = embed_windows(model, batch_windows, max_length).float()
                    if in_bags:
                        chosen, selected = _mine(model, head_modules, heads, bag_heads,
                                                 batch_bags, max_length)
                        selected = selected.float()
                loss = embedding.new_zeros(())
                for name in names:
                    part = head_loss(head_modules[name](embedding), targets[name][index],
                                     heads[name].kind, normalizers[name])
                    if name in bag_heads and in_bags:
                        # Text and sentences each teach the head once: the mean of the two.
                        part = 0.5 * (part + head_loss(
                            head_modules[name](selected[chosen[name]]),
                            targets[name][torch.as_tensor(in_bags)], "classification",
                            normalizers[name]))
                    per_head[name] += float(part.detach())
                    loss = loss + heads[name].weight * part
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, max_grad_norm)
                optimizer.step()
                scheduler.step()
                total += float(loss.detach())
                n_batches += 1
                bar.set_postfix(loss=f"{total / n_batches:.4f}")
            bar.close()
            epoch_loss.append(total / n_batches)
            for name in names:
                epoch_head_loss[name].append(per_head[name] / n_batches)
            epoch_seconds.append(time.perf_counter() - epoch_start)
            line = (f"finetune epoch {epoch + 1}/{epochs}: mean loss {epoch_loss[-1]:.4f} "
                    + " ".join(f"{n}={epoch_head_loss[n][-1]:.4f}" for n in names))
            if val is None:
                log(f"{line} ({epoch_seconds[-1]:.0f} s)")
                continue
            scores = _validation_scores(model, head_modules, val_windows, val_heads, val_bags,
                                        normalizers, max_length, batch_size)
            combined = _combined(scores, heads)
            val_curve.append({"epoch": epoch + 1, "score": round(combined, 6),
                              "heads": {n: round(v, 6) for n, v in scores.items()}})
            model.train()
            _set_dropout(model, dropout)
            log(f"{line}; val score {combined:.4f} "
                + " ".join(f"{n}={v:.4f}" for n, v in scores.items())
                + f" ({time.perf_counter() - epoch_start:.0f} s)")
            if best is None or combined > best[0]:
                best = (combined, epoch + 1, _snapshot(model, head_modules))
            elif epoch + 1 - best[1] >= patience:
                log(f"finetune: no better val score for {patience} epoch(s): stopping, "
                    f"keeping epoch {best[1]}")
                break
        if best is not None:
            _restore(model, head_modules, best[2])
        chosen_epoch = best[1] if best is not None else len(epoch_loss)
        model.eval()
        rows_per_head = {n: int(heads[n].labelled().sum()) for n in names}
        heads_doc = {
            "format": FORMAT,
            "input": f"sentence_embedding ({'mean' if pooling == 'mean' else 'mean+max'}-pooled, "
                     "L2-normalized, as the encoder outputs)",
            "heads": {
                n: {
                    "kind": heads[n].kind,
                    "n_classes": heads[n].n_classes,
                    "classes": list(heads[n].classes),
                    "loss_weight": heads[n].weight,
                    "bag_negative": heads[n].bag_negative,
                    # out = x @ weight.T + bias; regression on 0..1, classification logits.
                    "weight": head_modules[n].weight.detach().double().tolist(),
                    "bias": head_modules[n].bias.detach().double().tolist(),
                }
                for n in names
            },
        }
        record = {
            "format": FORMAT,
            "base_identity": encoder_identity(base_model_dir),
            "args": {
                "epochs": epochs, "lr": lr, "head_lr": head_lr, "max_length": max_length,
                "batch_size": batch_size, "seed": seed, "weight_decay": weight_decay,
                "warmup_ratio": warmup_ratio, "max_grad_norm": max_grad_norm,
                "dropout": dropout, "threads": threads, "patience": patience,
                "validated": val is not None,
                # Recorded only when used, so a default run's record is unchanged.
                **({"layer_decay": layer_decay} if layer_decay != 1.0 else {}),
                **({"pooling": pooling} if pooling != "mean" else {}),
                **({"precision": precision} if precision != "f32" else {}),
                **({"insert_words": insert_words} if insert_words else {}),
            },
            "n_texts": len(texts),
            "steps": total_steps,
            "warmup_steps": warmup_steps,
            "rows_per_head": rows_per_head,
            "loss_normalizer": normalizers,
            "epoch_loss": epoch_loss,
            "epoch_head_loss": epoch_head_loss,
            "val_curve": val_curve,
            "chosen_epoch": chosen_epoch,
            "versions": _versions(),
        }
        out_dir = Path(out_dir)
        with atomic_dir(out_dir) as tmp:
            # No model card: it would restate the base model's card (wrong for these weights)
            # and may embed environment details; everything that matters is in finetune.json.
            model.save(str(tmp), safe_serialization=True, create_model_card=False)
            write_json(tmp / HEADS_FILE, heads_doc)
            write_json(tmp / FINETUNE_FILE, record)

    return {
        **record,
        "identity": encoder_identity(out_dir),
        "out_dir": str(out_dir),
        "seconds": time.perf_counter() - started,
        "epoch_seconds": epoch_seconds,
    }
