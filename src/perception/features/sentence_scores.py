"""Evidence from the sentence, not the average: the fine-tuned encoder's heads applied to
every sentence of a text, pooled into the `sentences` feature group.

A mean-pooled embedding of a 300-word journal page dilutes its one crisis sentence into
twenty ordinary ones. Here each sentence (`features.sentences.sentence_spans`, read as
`scored_text`: without its closing full stops) is embedded on its own by the fine-tuned
encoder, its heads (`heads.json`, shipped beside the IR) score it,
and the text's features are pooled over sentences: the maximum (a crisis sentence counts as
much inside a long text as alone), the mean of the top two, for the event head the class
probabilities of its most suspicious sentence, and for number heads the minimum, maximum and
mean. A one-sentence text's only sentence is the text itself, so its features are
its own scores.

The heads were fitted on the train labels, so on train rows these features already encode
the label: the group is a *fitted* group (models.train.FITTED_GROUPS) and enters models only
through the blend fitted on val. The same functions build the group at featurize, at
evaluation (probes) and at serving, and `explain` turns one text's per-sentence scores into
the evidence a reviewer sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception.features.encoder.finetune import HEADS_FILE
from perception.features.sentences import Sentence, scored_text, sentence_spans

# The "no event" class of a class head: a sentence's event score is 1 - P(NONE).
NONE = "none"
TOP_K = 2

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class SentenceHead:
    name: str
    kind: str                      # regression | classification
    weight: np.ndarray             # (outputs, dim)
    bias: np.ndarray               # (outputs,)
    classes: tuple[str, ...] = ()

    def apply(self, x: np.ndarray) -> np.ndarray:
        """Values on 0..1 (regression, clipped) or class probabilities (softmax)."""
        z = x @ self.weight.T + self.bias
        if self.kind == "regression":
            return np.clip(z[:, 0], 0.0, 1.0)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @property
    def has_event(self) -> bool:
        return self.kind == "classification" and NONE in self.classes

    def event(self, probs: np.ndarray) -> np.ndarray:
        return 1.0 - probs[:, self.classes.index(NONE)]

    def columns(self) -> list[str]:
        if self.kind == "regression":
            return [f"sent_{self.name}_{s}" for s in ("min", "max", "mean")]
        cols = [f"sent_{self.name}_{c}_max" for c in self.classes]
        if self.has_event:
            cols += [f"sent_{self.name}_event_max", f"sent_{self.name}_event_top{TOP_K}"]
            # The class probabilities of the most suspicious sentence: the sentence that
            # fine-tuning (finetune.bags) taught the head to type.
            cols += [f"sent_{self.name}_{c}_at_event" for c in self.classes if c != NONE]
        return cols


class SentenceHeads:
    """The heads of `heads.json`, in a fixed (sorted) order."""

    def __init__(self, heads: list[SentenceHead]) -> None:
        self.heads = sorted(heads, key=lambda h: h.name)

    @classmethod
    def load(cls, directory: Path | str) -> SentenceHeads:
        path = Path(directory) / HEADS_FILE
        doc = json.loads(path.read_text(encoding="utf-8"))
        heads = []
        for name, h in doc["heads"].items():
            classes = tuple(h.get("classes") or ())
            if h["kind"] == "classification" and len(classes) != h["n_classes"]:
                raise ValueError(f"{path}: head {name!r} names {len(classes)} classes for "
                                 f"{h['n_classes']} outputs: fine-tune again")
            heads.append(SentenceHead(name, h["kind"], np.asarray(h["weight"], np.float64),
                                      np.asarray(h["bias"], np.float64), classes))
        return cls(heads)

    def columns(self) -> list[str]:
        return ["sent_n", *[c for h in self.heads for c in h.columns()]]

    def event_head(self) -> SentenceHead | None:
        """The class head with a "none" class (crisis_type): the one explanations use."""
        return next((h for h in self.heads if h.has_event), None)


@dataclass
class SentenceScores:
    """Per text: its sentences and, per sentence, the event score (None without an event
    head). Kept for explanations; the feature frame is what models read."""

    features: pd.DataFrame
    spans: list[list[Sentence]]
    event: list[np.ndarray | None]


def _pool(head: SentenceHead, out: np.ndarray) -> list[float]:
    if head.kind == "regression":
        return [float(out.min()), float(out.max()), float(out.mean())]
    row = list(out.max(axis=0).astype(float))
    if head.has_event:
        event = head.event(out)
        ev = np.sort(event)[::-1]
        row += [float(ev[0]), float(ev[:TOP_K].mean())]
        at = out[int(np.argmax(event))]  # ties: the first sentence, as fine-tuning picks
        row += [float(at[i]) for i, c in enumerate(head.classes) if c != NONE]
    return row


def sentence_scores(texts: Sequence[str], embed: Embed, heads: SentenceHeads) -> SentenceScores:
    """The `sentences` group for `texts` (one row each, columns `heads.columns()`), embedding
    every distinct sentence once through `embed` (which returns L2-normalized vectors, as the
    encoders do)."""
    spans = [sentence_spans(t) or [Sentence(0, len(t), t)] for t in texts]
    unique = list(dict.fromkeys(scored_text(s.text) for text in spans for s in text))
    index = {s: i for i, s in enumerate(unique)}
    vectors = np.asarray(embed(unique), dtype=np.float64) if unique else np.zeros((0, 1))
    outputs = {h.name: h.apply(vectors) for h in heads.heads} if unique else {}
    event_head = heads.event_head()
    rows, events = [], []
    for text_spans in spans:
        at = np.array([index[scored_text(s.text)] for s in text_spans])
        row = [float(np.log1p(len(at)))]
        for h in heads.heads:
            row += _pool(h, outputs[h.name][at])
        rows.append(row)
        events.append(event_head.event(outputs[event_head.name][at])
                      if event_head is not None else None)
    frame = pd.DataFrame(np.asarray(rows, dtype=np.float64).reshape(len(texts), -1),
                         columns=heads.columns())
    return SentenceScores(frame, spans, events)


def explain(spans: list[Sentence], event: np.ndarray | None, top: int = 3,
            floor: float = 0.0) -> list[dict[str, Any]]:
    """The sentences that drove a text's score: the `top` highest per-sentence event scores
    (at least `floor`), in text order, as offsets into the scored text and the score."""
    if event is None or len(spans) == 0:
        return []
    order = np.argsort(-event, kind="stable")[:top]
    chosen = sorted(int(i) for i in order if event[i] >= floor)
    return [{"sentence": i, "start": spans[i].start, "end": spans[i].end,
             "score": round(float(event[i]), 6)} for i in chosen]
