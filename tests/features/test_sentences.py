"""One segmenter, and per-sentence scores pooled so a crisis sentence inside a long text
counts as much as alone."""

from __future__ import annotations

import numpy as np
import pytest

from perception.features.sentence_scores import (
    SentenceHead,
    SentenceHeads,
    explain,
    sentence_scores,
)
from perception.features.sentences import sentence_spans, sentences


def test_sentences_split_at_terminal_punctuation_and_keep_offsets() -> None:
    text = "I have the pills ready. Went to the market!! Then... ok; it weighs 2.5 kg"
    spans = sentence_spans(text)
    assert [s.text for s in spans] == ["I have the pills ready.", "Went to the market!!",
                                       "Then...", "ok;", "it weighs 2.5 kg"]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert sentences("no punctuation at all") == ["no punctuation at all"]
    assert sentences("   ") == []


def test_a_long_unpunctuated_text_is_cut_into_overlapping_windows() -> None:
    words = [f"w{i}" for i in range(100)]
    spans = sentence_spans(" ".join(words), max_words=40, overlap=10)
    assert [len(s.text.split()) for s in spans] == [40, 40, 40]
    assert spans[1].text.split()[0] == "w30" and spans[-1].text.split()[-1] == "w99"
    with pytest.raises(ValueError, match="overlap"):
        sentence_spans("a b", max_words=5, overlap=5)


def _heads() -> SentenceHeads:
    # A toy 2-d embedding: axis 0 is "crisis", axis 1 is "ordinary".
    crisis = SentenceHead("crisis_type", "classification", np.array([[0.0, 4.0], [6.0, 0.0]]),
                          np.zeros(2), ("none", "self_harm"))
    valence = SentenceHead("valence", "regression", np.array([[-0.5, 0.5]]), np.array([0.5]))
    return SentenceHeads([valence, crisis])


def _embed(texts: list[str]) -> np.ndarray:
    return np.array([[1.0, 0.0] if "cut" in t else [0.0, 1.0] for t in texts])


def test_a_crisis_sentence_counts_as_much_inside_a_long_text_as_alone() -> None:
    alone = "I cut myself again."
    long = " ".join(["We went to the market."] * 12 + [alone] + ["Dinner was late."] * 12)
    scored = sentence_scores([alone, long], _embed, _heads())
    frame = scored.features
    assert list(frame.columns) == _heads().columns()
    assert frame.loc[0, "sent_crisis_type_event_max"] == pytest.approx(
        frame.loc[1, "sent_crisis_type_event_max"])
    assert frame.loc[1, "sent_crisis_type_event_max"] > 0.99
    assert frame.loc[1, "sent_crisis_type_event_top2"] < frame.loc[0, "sent_crisis_type_event_top2"]
    assert frame.loc[1, "sent_n"] == pytest.approx(np.log1p(25))
    # The evidence names that sentence by its offsets, with its own score.
    evidence = explain(scored.spans[1], scored.event[1], top=1)
    assert len(evidence) == 1 and long[evidence[0]["start"]:evidence[0]["end"]] == alone
    assert evidence[0]["score"] > 0.99


def test_each_distinct_sentence_is_embedded_once() -> None:
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return _embed(texts)

    sentence_scores(["Same. Same.", "Same."], embed, _heads())
    assert calls == [["Same."]]
