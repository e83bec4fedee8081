from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from perception.features import lexicons
from perception.features.lexical import (
    LEXICAL_COLUMNS,
    NRC_AFFECTS,
    _vader,
    lexical_features,
    lexical_valence,
    tokenize,
)


def feats(*texts: str) -> pd.DataFrame:
    return lexical_features(list(texts))


def test_columns_order_dtypes_and_index() -> None:
    df = feats("I am happy", "main khush hoon", "")
    assert list(df.columns) == list(LEXICAL_COLUMNS)
    # The crisis lexicon's cues (features.crisis_cues) ride in the lexical group.
    assert all(c.startswith(("lex_", "crisis_")) for c in df.columns)
    assert isinstance(df.index, pd.RangeIndex) and len(df) == 3
    assert all(
        pd.api.types.is_float_dtype(t) or pd.api.types.is_integer_dtype(t) for t in df.dtypes
    )
    # Column order does not depend on content.
    assert list(feats("saala 😀 SOOO bad!!!").columns) == list(LEXICAL_COLUMNS)


def test_empty_ish_inputs_have_no_nan() -> None:
    df = lexical_features(["!!!", "", "   ", "<USER>", "😀", "???", None])  # type: ignore[list-item]
    assert not df.isna().any().any()
    assert df.loc[0, "lex_n_exclaim"] == 3
    assert df.loc[0, "lex_n_words"] == 0
    assert df.loc[0, "lex_caps_ratio"] == 0.0
    assert np.isfinite(lexical_valence(df)).all()


def test_negation_lowers_vader() -> None:
    df = feats("I am happy", "I am not happy")
    assert df.loc[0, "lex_vader_compound"] > 0
    assert df.loc[1, "lex_vader_compound"] < df.loc[0, "lex_vader_compound"]


def test_hinglish_negation_lowers_valence() -> None:
    df = feats("main khush hoon", "main khush nahi hoon", "main udaas hoon", "nahi accha laga")
    pos, neg_pos, sad, not_good = df["lex_hinglish_valence"]
    assert pos > 0
    assert neg_pos < 0 < pos
    assert sad < 0
    assert not_good < 0
    # VADER sees none of this, which is why the Hinglish rule exists.
    assert df.loc[0, "lex_vader_compound"] == 0.0
    assert lexical_valence(df)[0] > 0.5 > lexical_valence(df)[1]


def test_hindi_negator_binds_to_preceding_word_only() -> None:
    # "not happy, sad": the "nahi" belongs to "khush", so "udaas" stays negative.
    v = feats("khush nahi, udaas hoon")["lex_hinglish_valence"].iloc[0]
    assert v < feats("khush nahi hoon")["lex_hinglish_valence"].iloc[0]


def test_intensifiers_raise_and_diminishers_lower() -> None:
    df = feats("good", "very good", "khush", "bahut khush", "thoda khush")
    assert df.loc[1, "lex_vader_compound"] > df.loc[0, "lex_vader_compound"]
    assert df.loc[3, "lex_hinglish_valence"] > df.loc[2, "lex_hinglish_valence"]
    assert 0 < df.loc[4, "lex_hinglish_valence"] < df.loc[2, "lex_hinglish_valence"]
    assert df.loc[1, "lex_intensifiers"] == 1 and df.loc[3, "lex_intensifiers"] == 1
    assert df.loc[4, "lex_diminishers"] == 1


def test_profanity_counts() -> None:
    df = feats("saala kya bakwaas hai", "what the fuckkk is this shit", "have a nice day")
    assert df.loc[0, "lex_profanity"] >= 1
    assert df.loc[1, "lex_profanity"] == 2
    assert df.loc[2, "lex_profanity"] == 0


def test_list_counts_and_first_person() -> None:
    df = feats("mujhe lagta hai main pareshan hoon, I don't know", "you are great")
    assert df.loc[0, "lex_first_person"] == 3  # mujhe, main, I
    assert df.loc[0, "lex_hinglish_neg"] == 1
    assert df.loc[0, "lex_negators"] == 1
    assert df.loc[1, "lex_first_person"] == 0


def test_nrc_rates_in_unit_interval() -> None:
    df = feats(
        "I hate this terrible awful day, I am so angry and afraid",
        "happy happy joy",
        "",
        "main khush hoon",
    )
    nrc = df[[f"lex_nrc_{a}" for a in NRC_AFFECTS]]
    assert ((nrc >= 0) & (nrc <= 1)).all().all()
    assert df.loc[0, "lex_nrc_anger"] > 0 and df.loc[0, "lex_nrc_negative"] > 0
    assert df.loc[1, "lex_nrc_joy"] == pytest.approx(1.0)
    # "main" (Hindi "I") is an NRC positive word in English; it must not count here.
    assert df.loc[3, "lex_nrc_positive"] == 0.0


def test_caps_ratio_and_placeholders() -> None:
    df = feats(
        "I AM SO ANGRY",
        "i am so angry",
        "<USER> <URL> <EMAIL> <PHONE> call me",
        "<USER> hello THERE",
    )
    assert df.loc[0, "lex_caps_ratio"] == 1.0
    assert df.loc[1, "lex_caps_ratio"] == 0.0
    assert df.loc[2, "lex_caps_ratio"] == 0.0
    assert df.loc[3, "lex_caps_ratio"] == pytest.approx(0.5)
    # Placeholders are not words either.
    assert df.loc[2, "lex_n_words"] == 2
    assert tokenize("<USER> hi <URL>") == ["hi"]


def test_elongation() -> None:
    df = feats("soooo happyyy", "so happy", "main khushhhh hoon")
    assert df.loc[0, "lex_elongated"] == 2
    assert df.loc[1, "lex_elongated"] == 0
    # De-elongation lets lists match: "khushhhh" is still "khush".
    assert df.loc[2, "lex_hinglish_pos"] == 1
    assert df.loc[2, "lex_hinglish_valence"] > 0


def test_emoji_count() -> None:
    df = feats("love it 😀😀", "family 👨‍👩‍👧 flag 🇮🇳 thumbs 👍🏽 heart ❤️", "no emoji :)")
    assert df.loc[0, "lex_n_emoji"] == 2
    assert df.loc[1, "lex_n_emoji"] == 4
    assert df.loc[2, "lex_n_emoji"] == 0


def test_lexical_valence_formula() -> None:
    df = feats("I am happy", "main khush hoon", "the table", "I am happy, main khush hoon")
    v = lexical_valence(df)
    assert ((v >= 0) & (v <= 1)).all()
    c = df["lex_vader_compound"].to_numpy()
    h = df["lex_hinglish_valence"].to_numpy()
    assert v[0] == pytest.approx((c[0] + 1) / 2)
    assert v[1] == pytest.approx((h[1] + 1) / 2)
    assert v[2] == 0.5
    assert v[3] == pytest.approx(((c[3] + h[3]) / 2 + 1) / 2)


def test_fast_vader_matches_stock_vader() -> None:
    stock = SentimentIntensityAnalyzer()
    rng = random.Random(0)
    words = [
        "i", "am", "so", "happy", "but", "not", "very", "good", "never", "so", "bad", "without",
        "doubt", "kind", "of", "sort", "of", "the", "shit", "bomb", "no", "least", "at",
        "HAPPY", "GREAT", ":)", ":(", "😀", "❤️", "isn't", "kinda",
    ]  # fmt: skip
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 40))) for _ in range(300)]
    texts += ["", "  spaced  ", "no good", "at least ok", "the bomb", "not bad at all"]
    texts += ["a😀b", "😀 start", "x 😀😀 y", "end😀", " 😀 ", "good😀bad", "😀"]
    fast = _vader()
    for t in texts:
        assert fast.polarity_scores(t) == stock.polarity_scores(t), t


def test_word_lists_are_lowercase_single_tokens() -> None:
    for name in (
        "NEGATORS", "INTENSIFIERS", "DIMINISHERS", "PROFANITY", "HINGLISH_POSITIVE",
        "HINGLISH_NEGATIVE", "FIRST_PERSON", "NRC_SKIP",
    ):  # fmt: skip
        for w in getattr(lexicons, name):
            assert tokenize(w) == [w], (name, w)


def test_6000_mixed_length_texts_have_no_nan() -> None:
    # How long this takes is measured in benchmarks/stages.py, not asserted here.
    rng = random.Random(1)
    vocab = [
        "the", "a", "to", "of", "and", "in", "it", "was", "is", "that", "for", "on", "with",
        "as", "at", "by", "this", "from", "had", "have", "went", "we", "they", "i", "am", "so",
        "happy", "today", "but", "work", "was", "really", "bad", "feel", "tired", "not", "good",
        "very", "sad", "yaar", "main", "bahut", "khush", "hoon", "nahi", "pareshan", "<USER>",
        "😀",
    ]  # fmt: skip
    texts = [" ".join(rng.choices(vocab, k=rng.choice([8, 15, 30, 60, 300]))) for _ in range(6000)]
    df = lexical_features(texts)
    assert len(df) == 6000 and not df.isna().any().any()
