"""Lexicon and surface features of a text, and the single lexical valence score.

``lexical_features(texts)`` returns one row per text with these columns, in this order
(``LEXICAL_COLUMNS``):

* ``lex_vader_compound`` (in [-1, 1]), ``lex_vader_pos``, ``lex_vader_neg``, ``lex_vader_neu``
  (in [0, 1]): VADER on the text with PII redaction tokens removed.
* ``lex_nrc_<affect>`` for anger, anticipation, disgust, fear, joy, sadness, surprise, trust,
  positive, negative: share of word tokens carrying that affect in the NRC emotion lexicon
  (rates in [0, 1]; 0 when the text has no words).
* ``lex_negators``, ``lex_intensifiers``, ``lex_diminishers``, ``lex_profanity``,
  ``lex_hinglish_pos``, ``lex_hinglish_neg``, ``lex_first_person``: COUNTS of tokens in the
  project's own lists (``lexicons.py``). Counts, not rates, because a single profanity or
  negation matters regardless of length and ``lex_n_words`` is there for a model that wants
  to normalise.
* ``lex_hinglish_valence`` in [-1, 1]: rule-based valence of the Hinglish affect words with
  negation and intensifiers (VADER knows no Hinglish); 0 when there are none.
* ``lex_n_words``, ``lex_n_exclaim``, ``lex_n_question`` (counts of "!" and "?"),
  ``lex_caps_ratio`` (share of alphabetic tokens of length >= 2 in ALL CAPS),
  ``lex_elongated`` (count of words with a letter repeated 3+ times), ``lex_n_emoji``
  (count of emoji clusters; a ZWJ sequence, flag or skin-toned emoji counts once).

PII redaction tokens (``<EMAIL>``, ``<PHONE>``, ``<URL>``, ``<USER>``) are removed before any of
this, so they are neither words nor shouting.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, SentiText

from perception.data.text import REDACTION_RE
from perception.features import lexicons as lx
from perception.features.crisis_cues import CUE_COLUMNS, cue_features

NRC_AFFECTS: tuple[str, ...] = (
    "anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust",
    "positive", "negative",
)  # fmt: skip
_LIST_COLUMNS: tuple[str, ...] = (
    "lex_negators", "lex_intensifiers", "lex_diminishers", "lex_profanity",
    "lex_hinglish_pos", "lex_hinglish_neg", "lex_first_person",
)  # fmt: skip
_SURFACE_COUNT_COLUMNS: tuple[str, ...] = (
    "lex_n_words", "lex_n_exclaim", "lex_n_question",
)  # fmt: skip
LEXICAL_COLUMNS: tuple[str, ...] = (
    "lex_vader_compound", "lex_vader_pos", "lex_vader_neg", "lex_vader_neu",
    *(f"lex_nrc_{a}" for a in NRC_AFFECTS),
    *_LIST_COLUMNS,
    "lex_hinglish_valence",
    *_SURFACE_COUNT_COLUMNS,
    "lex_caps_ratio", "lex_elongated", "lex_n_emoji",
    # The crisis lexicon (features/crisis_lexicon.yaml): cues per sentence, pooled.
    *CUE_COLUMNS,
)  # fmt: skip
_INT_COLUMNS: frozenset[str] = frozenset(
    {*_LIST_COLUMNS, *_SURFACE_COUNT_COLUMNS, "lex_elongated", "lex_n_emoji"}
)

# Words with internal apostrophes ("don't", "i'm"); digits allowed so "gr8" stays one token.
WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_ELONGATED_RE = re.compile(r"([^\W\d_])\1{2,}")

_EMOJI_CHAR = (
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff\u3030\u303d\u3297\u3299]"
)
_EMOJI_MOD = "[\U0001f3fb-\U0001f3ff\ufe0f]"
# A flag (two regional indicators) or an emoji with its modifiers and ZWJ-joined parts is one
# emoji as a reader sees it, so count clusters rather than code points.
EMOJI_RE = re.compile(
    f"[\U0001f1e6-\U0001f1ff]{{2}}|{_EMOJI_CHAR}{_EMOJI_MOD}*(?:\u200d{_EMOJI_CHAR}{_EMOJI_MOD}*)*"
)

# Hinglish valence rule constants. NEG_SCALAR mirrors VADER's N_SCALAR (-0.74): "not happy"
# is weaker than "sad", not its mirror image.
_NEG_SCALAR = -0.74
_INTENSIFIER_SCALE = 1.5
_DIMINISHER_SCALE = 0.5
_PRE_WINDOW = 3  # negators/modifiers up to 3 tokens before the affect word
_POST_WINDOW = 2  # Hindi negators up to 2 tokens after ("khush nahi hoon")
# Squash the summed score into (-1, 1) like VADER's normalize(); 4 makes one plain word ~0.45,
# close to what VADER gives a single mid-strength English word.
_SQUASH_ALPHA = 4.0

# Bit flags for the per-token lookup.
_NEG_PRE, _NEG_POST, _INT, _DIM, _PROF, _HPOS, _HNEG, _FP, _ELONG = (1 << k for k in range(9))
_FLAG_OF_COLUMN: tuple[tuple[str, int], ...] = (
    ("lex_negators", _NEG_PRE | _NEG_POST),
    ("lex_intensifiers", _INT),
    ("lex_diminishers", _DIM),
    ("lex_profanity", _PROF),
    ("lex_hinglish_pos", _HPOS),
    ("lex_hinglish_neg", _HNEG),
    ("lex_first_person", _FP),
)


class _FastVader(SentimentIntensityAnalyzer):
    """VADER with identical output but without its per-word re-lowercasing of the whole text.

    vaderSentiment 3.3.2 lowercases every token of the text inside ``_negation_check`` and
    ``_special_idioms_check``, once per sentiment word, which is quadratic: 6,000 texts of up
    to 300 words took ~13 s. These overrides lowercase only the handful of tokens they read,
    with the same (including negative, wrap-around) indices, so results are bit-identical;
    ``tests/features/test_lexical.py`` checks that against the stock analyzer.
    """

    def polarity_scores(self, text: str) -> dict[str, float]:
        # The stock method rebuilds the text char by char to swap emojis for descriptions.
        # Same rule, done by regex: a space goes before a description unless it starts the
        # text or follows a space (an emoji never counts as a space); none goes after.
        if self._emoji_chars.isdisjoint(text):
            return self._score_prepared(text.strip())

        def describe(m: re.Match[str]) -> str:
            start = m.start()
            sep = " " if start > 0 and text[start - 1] != " " else ""
            return sep + self.emojis[m.group()]

        return self._score_prepared(self._emoji_re.sub(describe, text).strip())

    @property
    def _emoji_chars(self) -> frozenset[str]:
        chars = self.__dict__.get("_emoji_chars_cache")
        if chars is None:
            # Only single characters can ever match: the stock loop looks up one char at a time.
            chars = frozenset(k for k in self.emojis if len(k) == 1)
            self.__dict__["_emoji_chars_cache"] = chars
        return chars

    @property
    def _emoji_re(self) -> re.Pattern[str]:
        pattern = self.__dict__.get("_emoji_re_cache")
        if pattern is None:
            pattern = re.compile("|".join(re.escape(c) for c in sorted(self._emoji_chars)))
            self.__dict__["_emoji_re_cache"] = pattern
        return pattern

    def _score_prepared(self, text: str) -> dict[str, float]:
        # Body of SentimentIntensityAnalyzer.polarity_scores after the emoji step, unchanged.
        sentitext = SentiText(text)
        sentiments: list[float] = []
        words_and_emoticons = sentitext.words_and_emoticons
        for i, item in enumerate(words_and_emoticons):
            valence = 0
            if item.lower() in _VADER_BOOSTER_DICT:
                sentiments.append(valence)
                continue
            if (
                i < len(words_and_emoticons) - 1
                and item.lower() == "kind"
                and words_and_emoticons[i + 1].lower() == "of"
            ):
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):  # type: ignore[override]
        def low(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        if start_i == 0 and _vader_negated(low(i - 1)):
            valence = valence * _VADER_N_SCALAR
        if start_i == 1:
            if low(i - 2) == "never" and (low(i - 1) == "so" or low(i - 1) == "this"):
                valence = valence * 1.25
            elif low(i - 2) == "without" and low(i - 1) == "doubt":
                pass
            elif _vader_negated(low(i - 2)):
                valence = valence * _VADER_N_SCALAR
        if start_i == 2:
            if (low(i - 3) == "never" and (low(i - 2) == "so" or low(i - 2) == "this")) or (
                low(i - 1) == "so" or low(i - 1) == "this"
            ):
                valence = valence * 1.25
            elif low(i - 3) == "without" and (low(i - 2) == "doubt" or low(i - 1) == "doubt"):
                pass
            elif _vader_negated(low(i - 3)):
                valence = valence * _VADER_N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):  # type: ignore[override]
        def low(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        w0, w1, w2, w3 = low(i), low(i - 1), low(i - 2), low(i - 3)
        onezero = f"{w1} {w0}"
        twoonezero = f"{w2} {w1} {w0}"
        twoone = f"{w2} {w1}"
        threetwoone = f"{w3} {w2} {w1}"
        threetwo = f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in _VADER_SPECIAL_CASES:
                valence = _VADER_SPECIAL_CASES[seq]
                break
        n = len(words_and_emoticons)
        if n - 1 > i:
            zeroone = f"{w0} {low(i + 1)}"
            if zeroone in _VADER_SPECIAL_CASES:
                valence = _VADER_SPECIAL_CASES[zeroone]
        if n - 1 > i + 1:
            zeroonetwo = f"{w0} {low(i + 1)} {low(i + 2)}"
            if zeroonetwo in _VADER_SPECIAL_CASES:
                valence = _VADER_SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in _VADER_BOOSTER_DICT:
                valence = valence + _VADER_BOOSTER_DICT[n_gram]
        return valence


def _vader_negated(word: str) -> bool:
    # Same as vaderSentiment.negated([word]) for one already-lowercased word.
    return word in _VADER_NEGATE or "n't" in word


def _load_vader_constants() -> None:
    from vaderSentiment import vaderSentiment as vs

    global _VADER_NEGATE, _VADER_N_SCALAR, _VADER_SPECIAL_CASES, _VADER_BOOSTER_DICT
    _VADER_NEGATE = frozenset(vs.NEGATE)
    _VADER_N_SCALAR = vs.N_SCALAR
    _VADER_SPECIAL_CASES = vs.SPECIAL_CASES
    _VADER_BOOSTER_DICT = vs.BOOSTER_DICT


_VADER_NEGATE: frozenset[str]
_VADER_N_SCALAR: float
_VADER_SPECIAL_CASES: dict[str, float]
_VADER_BOOSTER_DICT: dict[str, float]
_load_vader_constants()


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    # Construction reads the lexicon and emoji files; do it once per process.
    return _FastVader()


@lru_cache(maxsize=1)
def _nrc_lexicon() -> dict[str, int]:
    """NRC word -> bitmask over NRC_AFFECTS, from the JSON shipped inside ``nrclex``."""
    path = importlib.resources.files("nrclex.data") / "nrc_en.json"
    raw: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    index = {a: k for k, a in enumerate(NRC_AFFECTS)}
    out: dict[str, int] = {}
    for word, affects in raw.items():
        mask = 0
        for a in affects:
            if a in index:
                mask |= 1 << index[a]
        if mask:
            out[word.lower()] = mask
    return out


def strip_redactions(text: str) -> str:
    return " ".join(REDACTION_RE.sub(" ", text).split())


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens, redaction tokens removed; the tokenizer for all list/NRC features."""
    return WORD_RE.findall(REDACTION_RE.sub(" ", text).translate(_APOSTROPHES).lower())


def _variants(token: str) -> tuple[str, ...]:
    """The token plus de-elongated forms ("khushhh" -> "khushh", "khush") for list lookups."""
    if not _ELONGATED_RE.search(token):
        return (token,)
    return (token, _ELONGATED_RE.sub(r"\1\1", token), _ELONGATED_RE.sub(r"\1", token))


_NRC_SUFFIXES: tuple[str, ...] = ("ing", "ed", "es", "s", "ly")

_LIST_BITS: tuple[tuple[frozenset[str] | set[str], int], ...] = (
    (lx.NEGATORS_PRE, _NEG_PRE),
    (lx.NEGATORS_POST, _NEG_POST),
    (lx.INTENSIFIERS, _INT),
    (lx.DIMINISHERS, _DIM),
    (lx.PROFANITY, _PROF),
    (lx.HINGLISH_POSITIVE, _HPOS),
    (lx.HINGLISH_NEGATIVE, _HNEG),
    (lx.FIRST_PERSON, _FP),
)
_token_cache: dict[str, tuple[int, int]] = {}
_TOKEN_CACHE_MAX = 500_000


def _token_info(token: str) -> tuple[int, int]:
    """(list-membership flags, NRC affect mask) of one lowercase token, memoised."""
    cached = _token_cache.get(token)
    if cached is not None:
        return cached
    variants = _variants(token)
    flags = _ELONG if len(variants) > 1 else 0
    for v in variants:
        f = 0
        for words, bit in _LIST_BITS:
            if v in words:
                f |= bit
        if v.startswith(lx.PROFANITY_PREFIXES):
            f |= _PROF
        if f:
            flags |= f
            break
    nrc_mask = 0
    if token not in lx.NRC_SKIP:
        nrc = _nrc_lexicon()
        # A light suffix strip catches inflections ("cried" misses, "hated" -> "hat" doesn't
        # exist so no harm) without needing NLTK's lemmatizer data, which can't be downloaded.
        for v in variants:
            nrc_mask = nrc.get(v, 0)
            if nrc_mask:
                break
        if not nrc_mask and len(token) > 4:
            for suf in _NRC_SUFFIXES:
                if token.endswith(suf):
                    nrc_mask = nrc.get(token[: -len(suf)], 0)
                    if nrc_mask:
                        break
    if len(_token_cache) >= _TOKEN_CACHE_MAX:
        _token_cache.clear()
    info = (flags, nrc_mask)
    _token_cache[token] = info
    return info


def _hinglish_valence(flags: list[int]) -> float:
    """Rule-based valence in [-1, 1] from the per-token flags of one text.

    Each Hinglish affect word scores +1/-1; an intensifier up to 3 tokens before multiplies by
    1.5, a diminisher by 0.5; a negator up to 3 tokens before, or a Hindi negator up to 2 tokens
    after (Hindi is verb-final: "khush nahi hoon"), multiplies by -0.74. The sum s is squashed
    to s / sqrt(s^2 + 4).
    """
    n = len(flags)
    affect_pos = [i for i, f in enumerate(flags) if f & (_HPOS | _HNEG)]
    if not affect_pos:
        return 0.0
    total = 0.0
    for i in affect_pos:
        f = flags[i]
        score = 1.0 if f & _HPOS else -1.0
        if f & _HPOS and f & _HNEG:  # listed in both: no evidence either way
            continue
        negated = False
        for j in range(max(0, i - _PRE_WINDOW), i):
            fj = flags[j]
            if fj & _INT:
                score *= _INTENSIFIER_SCALE
            if fj & _DIM:
                score *= _DIMINISHER_SCALE
            if fj & _NEG_PRE:
                # A Hindi negator right after another affect word belongs to that word
                # ("khush nahi, udaas hoon" does not negate "udaas").
                binds_back = bool(fj & _NEG_POST) and any(
                    flags[k] & (_HPOS | _HNEG) for k in range(max(0, j - _POST_WINDOW), j)
                )
                negated = negated or not binds_back
        for j in range(i + 1, min(n, i + 1 + _POST_WINDOW)):
            if flags[j] & _NEG_POST:
                negated = True
        if negated:
            score *= _NEG_SCALAR
        total += score
    return total / math.sqrt(total * total + _SQUASH_ALPHA)


def _caps_ratio(cased_tokens: list[str]) -> float:
    n_alpha = 0
    n_caps = 0
    for tok in cased_tokens:
        letters = tok.replace("'", "") if "'" in tok else tok
        if len(letters) >= 2 and letters.isalpha():
            n_alpha += 1
            if letters.isupper():
                n_caps += 1
    return n_caps / n_alpha if n_alpha else 0.0


def lexical_features(texts: Sequence[str]) -> pd.DataFrame:
    """One row of ``LEXICAL_COLUMNS`` per text, same order, RangeIndex, no NaN.

    None/NaN texts are treated as empty strings.
    """
    return pd.DataFrame(_lexical_columns(texts), index=pd.RangeIndex(len(texts)),
                        columns=list(LEXICAL_COLUMNS))


def lexical_matrix(texts: Sequence[str]) -> np.ndarray:
    """The same values as ``lexical_features``, as a float64 matrix in ``LEXICAL_COLUMNS``
    order: serving scores one text at a time, where building a DataFrame costs more than
    the features themselves."""
    columns = _lexical_columns(texts)
    return np.column_stack([columns[c].astype(np.float64) for c in LEXICAL_COLUMNS])


def _lexical_columns(texts: Sequence[str]) -> dict[str, np.ndarray]:
    n = len(texts)
    vader = _vader()
    flag_cols = {name: np.zeros(n, dtype=np.int64) for name, _ in _FLAG_OF_COLUMN}
    ints = {
        c: np.zeros(n, dtype=np.int64)
        for c in (*_SURFACE_COUNT_COLUMNS, "lex_elongated", "lex_n_emoji")
    }
    floats = {c: np.zeros(n, dtype=np.float64) for c in LEXICAL_COLUMNS if c not in _INT_COLUMNS}
    nrc_counts = np.zeros((n, len(NRC_AFFECTS)), dtype=np.float64)
    vader_cache: dict[str, dict[str, float]] = {}

    for row, raw in enumerate(texts):
        text = raw if isinstance(raw, str) else ""
        clean = strip_redactions(text)

        scores = vader_cache.get(clean)
        if scores is None:
            scores = vader.polarity_scores(clean)
            vader_cache[clean] = scores
        floats["lex_vader_compound"][row] = scores["compound"]
        floats["lex_vader_pos"][row] = scores["pos"]
        floats["lex_vader_neg"][row] = scores["neg"]
        floats["lex_vader_neu"][row] = scores["neu"]

        cased = WORD_RE.findall(clean.translate(_APOSTROPHES))
        tokens = [t.lower() for t in cased]
        infos = [_token_info(t) for t in tokens]
        flags = [f for f, _ in infos]
        n_tok = len(tokens)
        if n_tok:
            masks = [m for _, m in infos if m]
            if masks:
                for k in range(len(NRC_AFFECTS)):
                    bit = 1 << k
                    nrc_counts[row, k] = sum(1 for m in masks if m & bit)
                nrc_counts[row] /= n_tok
            any_flag = 0
            for f in flags:
                any_flag |= f
            if any_flag:
                for name, bit in _FLAG_OF_COLUMN:
                    if any_flag & bit:
                        flag_cols[name][row] = sum(1 for f in flags if f & bit)
                if any_flag & _ELONG:
                    ints["lex_elongated"][row] = sum(1 for f in flags if f & _ELONG)
                if any_flag & (_HPOS | _HNEG):
                    floats["lex_hinglish_valence"][row] = _hinglish_valence(flags)

        ints["lex_n_words"][row] = n_tok
        ints["lex_n_exclaim"][row] = clean.count("!")
        ints["lex_n_question"][row] = clean.count("?")
        floats["lex_caps_ratio"][row] = _caps_ratio(cased)
        ints["lex_n_emoji"][row] = len(EMOJI_RE.findall(clean))

    cues = cue_features([t if isinstance(t, str) else "" for t in texts])
    columns: dict[str, np.ndarray] = {}
    for c in LEXICAL_COLUMNS:
        if c in cues.columns:
            columns[c] = cues[c].to_numpy(dtype=np.float64)
        elif c.startswith("lex_nrc_"):
            columns[c] = nrc_counts[:, NRC_AFFECTS.index(c.removeprefix("lex_nrc_"))]
        elif c in flag_cols:
            columns[c] = flag_cols[c]
        elif c in ints:
            columns[c] = ints[c]
        else:
            columns[c] = floats[c]
    return columns


def lexical_valence(features: pd.DataFrame) -> np.ndarray:
    """The single lexical valence score in [0, 1] used by the temporal features.

    v = mean of the non-zero values among (lex_vader_compound, lex_hinglish_valence), or 0 if
    both are 0; score = (clip(v, -1, 1) + 1) / 2. A text with only English affect gets VADER's
    score, a text with only Hinglish affect gets the Hinglish rule's score, and a mixed text
    the average of both; a text with no affect words at all maps to the neutral 0.5.
    """
    c = features["lex_vader_compound"].to_numpy(dtype=np.float64)
    h = features["lex_hinglish_valence"].to_numpy(dtype=np.float64)
    n_sources = (c != 0).astype(np.float64) + (h != 0).astype(np.float64)
    v = (c + h) / np.maximum(n_sources, 1.0)
    return (np.clip(v, -1.0, 1.0) + 1.0) / 2.0
