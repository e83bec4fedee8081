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
from perception.features.sentences import (
    MAX_WORDS,
    TEXT_WINDOW_WORDS,
    embed_by_windows,
    flatten_windows,
    pool_windows,
    scored_text,
    sentence_spans,
    sentences,
    text_windows,
    window_layout,
    window_owners,
)


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


def test_a_text_past_the_encoder_window_is_embedded_by_overlapping_windows() -> None:
    short = " ".join(f"s{i}" for i in range(TEXT_WINDOW_WORDS))
    assert text_windows(short) == [short]
    long = " ".join(f"w{i}" for i in range(120))
    windows = text_windows(long, max_words=50, overlap=10)
    assert [len(w.split()) for w in windows] == [50, 50, 40]
    assert windows[1].split()[0] == "w40" and windows[-1].split()[-1] == "w119"
    # Every word is in some window: nothing past the first window is lost.
    assert set(long.split()) == {w for window in windows for w in window.split()}
    flat, owner = window_owners([short, long, "hi"])
    assert flat[0] == short and flat[-1] == "hi"
    assert owner.tolist() == [0] + [1] * len(text_windows(long)) + [2]
    # Cut once and flattened later (as fine-tuning does): the same windows and owners.
    again, again_owner = flatten_windows([text_windows(t) for t in [short, long, "hi"]])
    assert again == flat and again_owner.tolist() == owner.tolist()
    counts, first = window_layout(owner, 3)
    assert counts.tolist() == [1, len(text_windows(long)), 1]
    assert first.tolist() == [0, 1, 1 + len(text_windows(long))]
    # A sentence is never cut into windows: fine-tuning embeds sentences whole.
    assert MAX_WORDS <= TEXT_WINDOW_WORDS


def test_windows_pool_to_the_normalized_mean_and_a_short_text_keeps_its_vector() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(4, 3)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pooled = pool_windows(vectors, np.array([0, 1, 1, 2]), 3)
    assert pooled.dtype == np.float32
    assert np.array_equal(pooled[0], vectors[0]) and np.array_equal(pooled[2], vectors[3])
    mean = vectors[1:3].mean(axis=0)
    np.testing.assert_allclose(pooled[1], mean / np.linalg.norm(mean), rtol=1e-6)
    # A crisis sentence deep inside a long text reaches the text's vector.
    crisis = "I have the pills ready"
    long = " ".join(["went to the market"] * 30 + [crisis] + ["ok"] * 20)

    def embed(texts: list[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if crisis in t else [0.0, 1.0] for t in texts])

    assert embed_by_windows([long], embed)[0, 0] > 0.3


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
    assert calls == [["Same"]]


def test_a_closing_full_stop_does_not_change_a_sentence_score() -> None:
    """Generated longer texts end every sentence with a full stop and chat texts mostly do
    not, so the heads read sentences without them (`scored_text`), in fine-tuning and here;
    "!" and "?" are read (they carry arousal)."""
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        # Any change in what is read changes the vector.
        return np.array([[len(t) % 7 / 7.0, 1.0] for t in texts])

    bare = sentence_scores(["phir se pair kaat liya", "Went out. I cut my arm"], embed, _heads())
    dotted = sentence_scores(["phir se pair kaat liya.", "Went out... I cut my arm."], embed,
                             _heads())
    np.testing.assert_array_equal(bare.features.to_numpy(), dotted.features.to_numpy())
    assert calls[0] == calls[1] == ["phir se pair kaat liya", "Went out", "I cut my arm"]
    # The spans (the evidence's offsets) still cover the sentence as written.
    assert [s.text for s in dotted.spans[1]] == ["Went out...", "I cut my arm."]
    assert [scored_text(t) for t in ("why?!", "ok!.", "...", "a . b.")] == [
        "why?!", "ok!", "...", "a . b"]
