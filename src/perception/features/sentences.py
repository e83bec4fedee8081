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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# End of a sentence: terminal punctuation (with trailing quotes/brackets/emoji-free closers)
# and then whitespace. Decimal points ("2.5") and abbreviations without a following space do
# not end one.
_BOUNDARY = re.compile(r"(?:[.!?;]+|\u2026)[\"')\]]*\s+")
_WORD = re.compile(r"\S+")
MAX_WORDS = 40
OVERLAP = 10


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
