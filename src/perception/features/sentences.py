"""One segmenter for every place that scores a text in parts.

A crisis sentence inside a long text must count as much as the same sentence alone, so the
crisis features score each sentence and pool (max); the lexicon matcher reports cues per
sentence; explanations name the sentences. All of them split with `sentence_spans`, at
training and at serving alike.

Texts here are already normalized (one space between words, no newlines), so a sentence
ends at ".", "!", "?" or ";" (runs of them, and closing quotes or brackets after them) followed
by a space, or at an ellipsis. Chat texts often carry no punctuation at all: a sentence longer
than `max_words` is cut into windows of `max_words` words that overlap by `overlap` words, so
no part of a long unpunctuated text is diluted into one mean either.

Whole-text embeddings read a long text the same way: an encoder sees at most `max_length`
tokens (128 in fine-tuning, 256 at inference), so a text longer than `TEXT_WINDOW_WORDS` words
is embedded as overlapping word windows whose vectors are averaged (`embed_by_windows`), in
fine-tuning, featurize and serving alike, and nothing past the window is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# End of a sentence: terminal punctuation (with trailing quotes/brackets/emoji-free closers)
# and then whitespace. Decimal points ("2.5") and abbreviations without a following space do
# not end one.
_BOUNDARY = re.compile(r"(?:[.!?;]+|\u2026)[\"')\]]*\s+")
_WORD = re.compile(r"\S+")
MAX_WORDS = 40
OVERLAP = 10
# Romanized Hinglish takes ~1.85 tokens a word (2.2 at the 95th percentile; English 1.3), so
# 50 words stay inside fine-tuning's 128 tokens; 12 % of English and 18 % of Hinglish default
# texts were longer than that and were truncated in training.
TEXT_WINDOW_WORDS = 50
TEXT_WINDOW_OVERLAP = 10


@dataclass(frozen=True)
class Sentence:
    """A span of the text: `text[start:end]` is the sentence (stripped)."""

    start: int
    end: int
    text: str


def _windows(text: str, start: int, end: int, max_words: int, overlap: int) -> list[Sentence]:
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    if len(words) <= max_words:
        return [Sentence(start, end, text[start:end])]
    step = max_words - overlap
    out = []
    for first in range(0, len(words), step):
        last = min(first + max_words, len(words)) - 1
        a, b = words[first][0], words[last][1]
        out.append(Sentence(a, b, text[a:b]))
        if last == len(words) - 1:
            break
    return out


def sentence_spans(text: str, max_words: int = MAX_WORDS, overlap: int = OVERLAP
                   ) -> list[Sentence]:
    """The sentences of `text` in order; a text without a boundary is one sentence. Never
    empty for a non-blank text; each sentence is a stripped, non-empty span."""
    if not 0 <= overlap < max_words:
        raise ValueError(f"overlap must be in [0, max_words), got {overlap} for {max_words}")
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        out += _stripped(text, pos, m.end(), max_words, overlap)
        pos = m.end()
    out += _stripped(text, pos, len(text), max_words, overlap)
    return out


def _stripped(text: str, start: int, end: int, max_words: int, overlap: int) -> list[Sentence]:
    part = text[start:end]
    lead = len(part) - len(part.lstrip())
    trail = len(part.rstrip())
    if trail <= lead:
        return []
    return _windows(text, start + lead, start + trail, max_words, overlap)


def sentences(text: str) -> list[str]:
    return [s.text for s in sentence_spans(text)]


def scored_text(sentence: str) -> str:
    """What the sentence heads read of a sentence, in fine-tuning and scoring alike: the
    sentence without its closing full stops. The segmenter has already used them, and the
    generator ends every sentence of a longer text with one (`data.generate._as_prose`) while
    chat texts mostly end bare, so heads that read them learned "a full stop means an ordinary
    sentence": "Phir se pair kaat liya sach mein" scored 0.80 alone and 0.40 with a full stop.
    "!" and "?" stay (they carry arousal); a sentence of full stops only is kept as it is."""
    return sentence.rstrip(".").rstrip() or sentence


def text_windows(text: str, max_words: int = TEXT_WINDOW_WORDS,
                 overlap: int = TEXT_WINDOW_OVERLAP) -> list[str]:
    """`text` itself when it has at most `max_words` words, else its overlapping windows of
    `max_words` words (the last one may be shorter), as spans of the text."""
    if not 0 <= overlap < max_words:
        raise ValueError(f"overlap must be in [0, max_words), got {overlap} for {max_words}")
    return [s.text for s in _windows(text, 0, len(text), max_words, overlap)]


def window_owners(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Every text's windows in order, and the index of the text each belongs to."""
    return flatten_windows([text_windows(text) for text in texts])


def flatten_windows(per_text: Sequence[Sequence[str]]) -> tuple[list[str], np.ndarray]:
    """The windows of texts already cut (`text_windows` each) in order, and the index of the
    text each belongs to: fine-tuning cuts its texts once and reads them every epoch."""
    windows = [window for parts in per_text for window in parts]
    owner = np.repeat(np.arange(len(per_text), dtype=np.int64), [len(p) for p in per_text])
    return windows, owner


def window_layout(owner: np.ndarray, n_texts: int) -> tuple[np.ndarray, np.ndarray]:
    """Per text, how many windows it has and the row of its first (windows are in text
    order): the index arithmetic `pool_windows` and fine-tuning's torch twin share."""
    counts = np.bincount(owner, minlength=n_texts)
    return counts, np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def pool_windows(vectors: np.ndarray, owner: np.ndarray, n_texts: int) -> np.ndarray:
    """One vector per text: the L2-normalized mean of its windows' vectors. A text of one
    window keeps its vector bit for bit, so short texts embed exactly as before."""
    vectors = np.asarray(vectors)
    if len(owner) == n_texts:
        return vectors
    counts, first = window_layout(owner, n_texts)
    out = vectors[first].copy()
    many = np.flatnonzero(counts > 1)
    if len(many):
        sums = np.zeros((n_texts, vectors.shape[1]), dtype=np.float64)
        np.add.at(sums, owner, vectors.astype(np.float64))
        means = sums[many] / counts[many, None]
        norms = np.clip(np.linalg.norm(means, axis=1, keepdims=True), 1e-12, None)
        out[many] = (means / norms).astype(out.dtype)
    return out


def embed_by_windows(texts: Sequence[str], embed: Callable[[list[str]], np.ndarray]
                     ) -> np.ndarray:
    """Embed `texts` with `embed` (strings -> one row each), a long text by its windows."""
    windows, owner = window_owners(texts)
    return pool_windows(embed(windows), owner, len(texts))
