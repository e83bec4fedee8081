"""A synthetic corpus whose labels are caused by its text (and by the writer's mood).

The previous generator drew labels at random per category, so nothing was learnable. Here:

* each user has a slowly drifting mood (an AR(1) process over days) that picks what kind of
  text they write and also nudges the valence label, so a user's history carries signal;
* the text is built from a compositional grammar (`vocabulary.py`: a few hundred affect words
  and a few thousand neutral ones - objects, foods, places, people, errands, topics - in many
  slots) and valence/arousal are then scored from the emitted tokens with a lexicon method
  (intensifiers, diminishers, negation, sarcasm, word emphasis) - never from the hidden
  category. Arousal is carried by words (calm vs agitated), not by "!": each user has their
  own typing habits (exclamation marks, caps, elongation, favourite fillers), mostly
  independent of what they write about, so punctuation alone says little about the labels;
* crisis-prone users have a short episode in which crisis texts cluster and mood drops. Crisis
  language is compositional (method, plan, time, farewell, slang, first person or reported, in
  English and Hinglish, with the writer's own spelling variants), a crisis sits as one sentence
  anywhere in a medium/long text, and ~22 % of none texts are hard negatives that share the
  crisis vocabulary (idioms, medication, cooking, fiction, recovery, grief, sport), built the
  same way (one such sentence anywhere in a medium/long text), so neither a fixed phrase, the
  position, the length, the typography nor a lone crisis word in a long text gives a crisis
  away (benchmarks/corpus.py measures it);
* three simulated annotators with their own bias and noise produce the stored labels.

`generate_corpus` is pure: the same config always yields the same records.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from perception.config import GenerateConfig
from perception.data.schema import most_severe
from perception.data.vocabulary import (
    CONTEXT,
    CRISIS_TYPE_WEIGHTS,
    CRISIS_TYPES_GENERATED,
    DIMINISHERS,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    INTENSIFIERS,
    LEXICON,
    LEXICON_PHRASES,
    NEGATORS_POST,
    NEGATORS_PRE,
    RELATED_TYPES,
    SARCASM_CUES,
    SLOTS,
    SPELLING_VARIANTS,
    TEMPLATES,
    URL_HOSTS,
)

# --- generative knobs that GenerateConfig does not expose -------------------------------------
MOOD_PHI = 0.92  # day-to-day persistence of mood
MOOD_STEP_SD = 0.12  # daily innovation; stationary sd = 0.12 / sqrt(1 - 0.92^2) ~ 0.31
MOOD_USER_SD = 0.20  # spread of users' baseline mood
EPISODE_MOOD_DROP = 0.5
ACTIVITY_CAP = 6.0  # at most ~6x the median user's activity (before the crisis boost)
# The corpus over-samples writers in crisis, as annotation pools for crisis detection do, by
# having many of them (generate.crisis_user_share), not by having them post far more: posting
# density would otherwise give a crisis away from the user's history alone (an artefact that
# let a history-only model reach val AUC 0.95). Crisis-prone users post a little more than
# others and write both crisis and ordinary items; ~40 % of items are crises, >= 250 train rows
# per type at the default seed.
CRISIS_USER_ACTIVITY = 1.3
# Crisis writers' own activity is capped before the boost: a few very heavy crisis writers
# would make each type's split shares hinge on where those few users land.
CRISIS_ACTIVITY_CAP = 2.0
EPISODE_ITEM_SHARE = 0.75  # share of a crisis-prone user's items that fall inside episodes
CRISIS_IN_EPISODE = 0.9
CRISIS_OUTSIDE_EPISODE = 0.1
# One episode per crisis-prone user (was 1-3): with most of an over-sampled writer's items
# inside episodes, several episodes would make crises far apart in time as common as close ones.
MAX_EPISODES = 1
# A crisis-prone user mostly shows one crisis type; their other crisis items take the type
# furthest below its share so far, which keeps every type's count close to its share.
DOMINANT_TYPE_SHARE = 0.6
HINGLISH_USER_RATE = 0.85  # how often a Hinglish-preferring user writes Hinglish
EN_USER_HINGLISH_RATE = 0.04
# Label model: valence = 0.5 + A*text + B*mood + noise; arousal = base + C*text + trait + noise.
# The weights set the label spread: std ~0.20 for valence, close to the VADER corpora's mean
# human ratings (0.19-0.24 for tweets, movie and amazon snippets; benchmarks/corpus.py), and a
# narrower arousal, as in human arousal ratings.
VALENCE_TEXT_W = 0.32
VALENCE_MOOD_W = 0.10
LABEL_NOISE_SD = 0.04
AROUSAL_BASE = 0.22
AROUSAL_TEXT_W = 0.55
NO_AFFECT_AROUSAL = 0.35  # text arousal when no lexicon word occurs
MIN_VALENCED = 0.1  # pace words (|valence| below this) move arousal but do not dilute valence
# Annotators.
ANNOTATOR_BIAS_SD = 0.04
CRISIS_AGREEMENT = 0.85
NONE_AGREEMENT = 0.99

# Medium and long texts: each further sentence is another one of the main category, a context
# sentence, or one of another (mood-drawn) none category. A crisis or hard-negative text is
# built the same way around a none main category, with its crisis or hard-negative sentence(s)
# inserted at a uniform position.
P_MAIN = 0.45
P_CONTEXT = 0.35
CRISIS_SECOND_SENTENCE = 0.15  # medium/long crisis texts with a second crisis sentence

LENGTH_RANGES: dict[str, tuple[int, int]] = {"short": (2, 12), "medium": (40, 120),
                                             "long": (200, 300)}
# Posting activity by UTC hour: quiet small hours, a lunch bump, an evening peak.
_HOUR_W = np.array([3, 2, 1.2, 0.8, 0.6, 0.6, 1, 2, 3, 3.5, 3.5, 3.5, 4.5, 4, 3.5, 3.5, 3.5,
                    4, 4.5, 5, 6, 6.5, 6, 4.5])
HOUR_P = _HOUR_W / _HOUR_W.sum()
_CRISIS_P = np.array(CRISIS_TYPE_WEIGHTS) / sum(CRISIS_TYPE_WEIGHTS)

NONE_CATEGORIES: tuple[str, ...] = (
    "positive", "negative", "neutral", "sarcasm", "profanity", "negated", "vent", "hardneg",
)
# (bias, mood slope) of each none-category's logit: good mood -> positive texts, etc.
_CATEGORY_LOGITS: dict[str, tuple[float, float]] = {
    "positive": (0.2, 2.2), "negative": (0.1, -2.2), "neutral": (-0.2, 0.0),
    "sarcasm": (-1.3, -1.0), "profanity": (-1.4, -0.8), "negated": (-1.6, 0.3),
    "vent": (-1.3, -1.0),
    # Hard negatives (crisis words in ordinary texts: idioms, medication, cooking, fiction,
    # recovery, grief, sport) are ~22 % of none items whatever the mood: in real writing,
    # ordinary texts that use crisis words are far more common than crises (at 11 % they were
    # 6 % of the corpus, and a crisis word meant a crisis too often).
    "hardneg": (0.35, 0.0),
}
# Typing habits are a trait of the writer (idiolect), not of the topic: per user, the chance of
# "!" after a sentence, of caps, of an elongated word and of a capitalized first letter, drawn
# from Beta(a, b). Only a mild nudge per category (people do type "!!" more when furious), so
# typography alone predicts arousal poorly (benchmarks/corpus.py measures it).
STYLE_BETA: dict[str, tuple[float, float]] = {
    "excl": (0.6, 3.0), "caps": (0.3, 8.0), "elong": (0.4, 6.0), "capitalize": (1.2, 1.2),
    "respell": (1.0, 3.0),  # share of respellable words written in a variant (tonite, nhi)
}
_STYLE_NUDGE: dict[str, float] = {"vent": 1.4, "profanity": 1.3, "panic": 1.2, "positive": 1.2}
# Each user has a few favourite openers, closers and intensifiers and uses them this often.
IDIOLECT_SLOTS: tuple[str, ...] = ("pre", "suf", "m", "pre_h", "suf_h", "mh")
IDIOLECT_FAVOURITES = 3
IDIOLECT_SHARE = 0.35

_STRETCHABLE = frozenset(INTENSIFIERS) | frozenset(LEXICON)
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(LEXICON_PHRASES, key=len, reverse=True):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
_SLOT_RE = re.compile(r"\{(\w+)\}")
_WORD_RE = re.compile(r"[A-Za-z']+")
_SENT_RE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_RUN3_RE = re.compile(r"(\w)\1{2,}")
_A_AN_RE = re.compile(r"\b([Aa]) (?=[aeiou])")


# ----------------------------------------------------------------------------- scoring


def _normalize(token: str) -> tuple[str, bool]:
    """Lower-case and undo elongation ("soooo" -> "so"); report whether it was elongated."""
    low = token.lower()
    if low in LEXICON or low in INTENSIFIERS or not _RUN3_RE.search(low):
        return low, False
    for repl in (r"\1\1", r"\1"):
        cand = _RUN3_RE.sub(repl, low)
        if cand in LEXICON or cand in INTENSIFIERS or cand in DIMINISHERS:
            return cand, True
    return _RUN3_RE.sub(r"\1", low), True


def _phrases(norm: list[str]) -> dict[int, tuple[float, float] | None]:
    """Multi-word expressions in a sentence: the last word carries the phrase's score and the
    others none ("dying of laughter" is joy, not death)."""
    found: dict[int, tuple[float, float] | None] = {}
    for i, word in enumerate(norm):
        for phrase in _PHRASES_BY_FIRST.get(word, ()):
            k = len(phrase)
            if tuple(norm[i:i + k]) == phrase:
                for j in range(i, i + k - 1):
                    found[j] = None
                found[i + k - 1] = LEXICON_PHRASES[phrase]
                break
    return found


def score_text(text: str) -> tuple[float, float]:
    """Lexicon score of a text: (valence in [-1, 1], arousal in [0, 1]).

    The labels are a function of this score, so everything that moves them must be visible
    in the text itself.
    """
    v_sum = 0.0
    n_affect = 0
    a_num = 0.0
    a_den = 0.0
    caps = 0
    elongated = 0
    for sentence in _SENT_RE.findall(text):
        low_sentence = sentence.lower()
        sarcastic = any(cue in low_sentence for cue in SARCASM_CUES)
        raw = _WORD_RE.findall(sentence)
        norm: list[str] = []
        for tok in raw:
            word, stretched = _normalize(tok)
            norm.append(word)
            elongated += stretched
            # Single letters ("I", "A") are not shouting.
            caps += len(tok) > 1 and tok.isupper()
        phrases = _phrases(norm)
        for i, word in enumerate(norm):
            entry = phrases.get(i, LEXICON.get(word)) if phrases else LEXICON.get(word)
            if entry is None:
                continue
            v, a = entry
            mult = 1.0
            for j in range(max(0, i - 2), i):
                prev = norm[j]
                if prev in INTENSIFIERS:
                    mult *= INTENSIFIERS[prev] * (1.15 if _RUN3_RE.search(raw[j]) else 1.0)
                elif prev in DIMINISHERS:
                    mult *= DIMINISHERS[prev]
            if len(raw[i]) > 1 and raw[i].isupper():
                mult *= 1.1  # emphasis, kept small: caps are mostly a typing habit
            negated = any(norm[j] in NEGATORS_PRE for j in range(max(0, i - 3), i)) or any(
                norm[j] in NEGATORS_POST for j in range(i + 1, min(len(norm), i + 4))
            )
            if negated:
                # Negation flips but also weakens: "not hopeless" is mildly positive at best.
                v, a = -0.5 * v, 0.85 * a
            if sarcastic and v > 0:
                v = -0.7 * v
            v *= mult
            v_sum += v
            n_affect += abs(entry[0]) >= MIN_VALENCED
            weight = 0.5 + abs(v)
            a_num += weight * min(1.0, a * (1.0 + 0.6 * (mult - 1.0)))
            a_den += weight
    valence = math.tanh(0.9 * v_sum / math.sqrt(n_affect)) if n_affect else 0.0
    arousal = a_num / a_den if a_den else NO_AFFECT_AROUSAL
    # Typography nudges arousal a little (raters do notice "!!!"), far less than the words.
    arousal += min(0.045, 0.015 * text.count("!")) + min(0.04, 0.02 * caps)
    arousal += min(0.05, 0.025 * elongated)
    return valence, min(1.0, max(0.0, arousal))


# ----------------------------------------------------------------------------- text


class _Draws:
    """Uniform draws from the corpus generator, fetched in blocks.

    Text assembly needs ~10^5 tiny draws; numpy's per-call overhead would dominate run time.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._buf: list[float] = []
        self._i = 0

    def random(self) -> float:
        if self._i >= len(self._buf):
            self._buf = self._rng.random(4096).tolist()
            self._i = 0
        self._i += 1
        return self._buf[self._i - 1]

    def integers(self, lo: int, hi: int) -> int:
        """Uniform integer in [lo, hi)."""
        return lo + int(self.random() * (hi - lo))

    def pick(self, options: list[str] | tuple[str, ...]) -> str:
        return options[int(self.random() * len(options))]

    def weighted(self, cum: list[float]) -> int:
        """Index drawn from cumulative (unnormalised) weights."""
        u = self.random() * cum[-1]
        for i, c in enumerate(cum):
            if u < c:
                return i
        return len(cum) - 1


Favourites = dict[str, list[str]]


def _fill(template: str, rng: _Draws, own: Favourites) -> str:
    """Fill every `{slot}` recursively; idiolect slots often take the writer's favourite."""
    if "{" not in template:
        return template

    def one(m: re.Match[str]) -> str:
        slot = m.group(1)
        mine = own.get(slot)
        options = mine if mine and rng.random() < IDIOLECT_SHARE else SLOTS[slot]
        return _fill(rng.pick(options), rng, own)

    return _A_AN_RE.sub(r"\1n ", _SLOT_RE.sub(one, template))


def _stylize(sentence: str, category: str, style: dict[str, float], rng: _Draws) -> str:
    nudge = _STYLE_NUDGE.get(category, 1.0)
    p_excl, p_caps, p_elong = style["excl"] * nudge, style["caps"] * nudge, style["elong"]
    if rng.random() < p_elong:
        words = sentence.split(" ")
        spots = [i for i, w in enumerate(words) if w.lower() in _STRETCHABLE]
        if spots:
            i = spots[rng.integers(0, len(spots))]
            words[i] = words[i] + words[i][-1] * rng.integers(2, 5)
            sentence = " ".join(words)
    if rng.random() < p_caps:
        if rng.random() < 0.5:
            sentence = sentence.upper()
        else:
            words = sentence.split(" ")
            spots = [i for i, w in enumerate(words) if w.lower().strip(",.") in LEXICON]
            if spots:
                i = spots[rng.integers(0, len(spots))]
                words[i] = words[i].upper()
                sentence = " ".join(words)
    # Emoticon endings (":)") would turn into ":)!!", which nobody types.
    if rng.random() < p_excl and sentence[-1:].isalnum():
        sentence = sentence + "!" * rng.integers(1, 4)
    return sentence


def _respell(text: str, lang: str, rate: float, rng: _Draws) -> str:
    """Slang, typos and romanization variants ("tonite", "nhi", "khtm"), at the writer's rate:
    the same for every text of that writer, crisis or not."""
    table = SPELLING_VARIANTS[lang]
    words = text.split(" ")
    changed = False
    for i, word in enumerate(words):
        core = word.rstrip(",.!?").lower()
        variants = table.get(core)
        if variants and rng.random() < rate:
            words[i] = rng.pick(variants) + word[len(core):]
            changed = True
    return " ".join(words) if changed else text


def _sentence(category: str, lang: str, user: dict[str, Any], rng: _Draws) -> str:
    text = _fill(rng.pick(TEMPLATES[category][lang]), rng, user["favourites"])
    text = _respell(text, lang, user["style"]["respell"], rng)
    return _stylize(text, category, user["style"], rng)


def _as_prose(sentence: str) -> str:
    sentence = sentence.strip()
    if not sentence:
        return sentence
    if sentence[-1] not in ".!?":
        sentence += "."
    return sentence[0].upper() + sentence[1:]


def _none_category(mood: float, rng: _Draws) -> str:
    cum: list[float] = []
    total = 0.0
    for c in NONE_CATEGORIES:
        bias, slope = _CATEGORY_LOGITS[c]
        total += math.exp(bias + slope * mood)
        cum.append(total)
    return NONE_CATEGORIES[rng.weighted(cum)]


def _compose(category: str, lang: str, length: str, mood: float, reserve: int,
             user: dict[str, Any], rng: _Draws, inserted: list[str]) -> str:
    """A text of `category`. A crisis is a short text on its own, or one crisis sentence
    (sometimes two) at a uniformly drawn position among the ordinary sentences of a medium or
    long text - built exactly like a none text of the writer's mood, so neither the length, the
    position nor the rest of the text gives the crisis away. A hard negative is built the same
    way: one (sometimes two) sentences sharing the crisis vocabulary among ordinary ones, so one
    such sentence in a long text does not give a crisis away either (as the main category, half
    the sentences of a long text were hard negatives, and one alone meant a crisis). The crisis
    or hard-negative sentences are appended to `inserted`. `reserve` words are kept free for
    personal data added afterwards."""
    lo, hi = LENGTH_RANGES[length]
    hi = max(lo, hi - reserve)
    crisis = category in CRISIS_TYPES_GENERATED
    embedded = crisis or category == "hardneg"
    if length == "short":
        text = ""
        for _ in range(30):
            text = _sentence(category, lang, user, rng).strip()
            if lo <= len(text.split()) <= hi:
                break
        else:
            text = " ".join(text.split()[:hi])
        # Some people capitalize, many do not: a habit of the writer.
        if rng.random() < user["style"]["capitalize"]:
            text = text[0].upper() + text[1:]
        if embedded:
            inserted.append(text)
        return text
    target = int(rng.integers(lo, hi + 1))
    inserts: list[str] = []
    main = category
    if embedded:
        main = _none_category(mood, rng)
        n_crisis = 2 if rng.random() < CRISIS_SECOND_SENTENCE else 1
        inserts = [_as_prose(_sentence(category, lang, user, rng)) for _ in range(n_crisis)]
    sentences = [_as_prose(_sentence(main, lang, user, rng))]
    n_words = len(sentences[0].split())
    attempts = 0
    while n_words < target and attempts < 400:
        attempts += 1
        u = rng.random()
        if u < P_MAIN:
            s = _sentence(main, lang, user, rng)
        elif u < P_MAIN + P_CONTEXT:
            s = _fill(rng.pick(CONTEXT[lang]), rng, user["favourites"])
        else:
            s = _sentence(_none_category(mood, rng), lang, user, rng)
        s = _as_prose(s)
        k = len(s.split())
        if n_words + k > hi:
            continue
        sentences.append(s)
        n_words += k
    # Fisher-Yates, so the main sentence is not always first.
    for i in range(len(sentences) - 1, 0, -1):
        j = rng.integers(0, i + 1)
        sentences[i], sentences[j] = sentences[j], sentences[i]
    # The crisis sentences take the place of ordinary ones at uniformly drawn positions: the
    # text was built to its length exactly as a none text, so length cannot give it away.
    taken: set[int] = set()
    for s in inserts:
        free = [i for i in range(len(sentences)) if i not in taken]
        if not free:
            break
        fits = [i for i in free if n_words - len(sentences[i].split()) + len(s.split()) <= hi]
        # A sentence long enough to make room, if none fits as drawn (rare: hi is a bound).
        spot = (fits[rng.integers(0, len(fits))] if fits
                else max(free, key=lambda i: len(sentences[i].split())))
        n_words += len(s.split()) - len(sentences[spot].split())
        sentences[spot] = s
        taken.add(spot)
        inserted.append(s)
    # Still past the bound: drop ordinary sentences (never a crisis one) until it fits.
    while n_words > hi and len(taken) < len(sentences):
        drop = next(i for i in range(len(sentences) - 1, -1, -1) if i not in taken)
        n_words -= len(sentences[drop].split())
        del sentences[drop]
        taken = {i - (i > drop) for i in taken}
    return " ".join(sentences)


def _pii(rng: _Draws) -> tuple[str, bool]:
    """A piece of personal data and whether it belongs before the text (an @mention)."""
    name = rng.pick(FIRST_NAMES)
    kind = rng.integers(0, 4)
    if kind == 0:
        return f"mail me at {name}.{rng.integers(10, 99)}@{rng.pick(EMAIL_DOMAINS)}", False
    if kind == 1:
        digits = "".join(str(rng.integers(0, 10)) for _ in range(9))
        return f"call +91-9{digits[:4]}-{digits[4:]}", False
    if kind == 2:
        return f"{rng.pick(URL_HOSTS)}{name}-{rng.integers(100, 9999)}", False
    return f"@{name}_{rng.integers(1, 999)}", True


# ----------------------------------------------------------------------------- users


def _users(cfg: GenerateConfig, rng: np.random.Generator) -> list[dict[str, Any]]:
    n = cfg.n_users
    # Heavy-tailed but capped: one user with 5 % of the corpus would make every split (and
    # the crisis mix of whichever split gets them) hinge on a single person.
    activity = np.minimum(rng.lognormal(0.0, 1.0, n), ACTIVITY_CAP)
    n_crisis = round(cfg.crisis_user_share * n)
    crisis_prone = np.zeros(n, dtype=bool)
    crisis_prone[rng.choice(n, size=n_crisis, replace=False)] = True
    activity[crisis_prone] = (np.minimum(activity[crisis_prone], CRISIS_ACTIVITY_CAP)
                              * CRISIS_USER_ACTIVITY)
    p = activity / activity.sum()
    # Everyone posts at least once when there are enough items; the rest is heavy-tailed.
    base = 1 if cfg.n_items >= n else 0
    counts = base + rng.multinomial(cfg.n_items - base * n, p)

    # Assign language preference over item mass, so the corpus share lands on target even
    # though a few heavy users dominate.
    share = cfg.hinglish_share
    p_lo = min(EN_USER_HINGLISH_RATE, share)
    p_hi = max(HINGLISH_USER_RATE, share)
    user_share = (share - p_lo) / (p_hi - p_lo) if p_hi > p_lo else 0.0
    hinglish = np.zeros(n, dtype=bool)
    cum = 0
    for u in rng.permutation(n):
        if cum + counts[u] / 2 <= user_share * cfg.n_items:
            hinglish[u] = True
            cum += counts[u]

    # Each crisis-prone user's dominant type, balanced over item mass (largest writers first, each
    # to the type furthest below its share), so a few heavy writers do not skew the type mix.
    dominant = [CRISIS_TYPES_GENERATED[0]] * n
    assigned = np.zeros(len(CRISIS_TYPES_GENERATED))
    prone = np.flatnonzero(crisis_prone)
    for u in prone[np.argsort(-counts[prone], kind="stable")].tolist():
        t = int(np.argmax(_CRISIS_P * counts[prone].sum() - assigned))
        dominant[u] = CRISIS_TYPES_GENERATED[t]
        assigned[t] += counts[u]

    users: list[dict[str, Any]] = []
    for u in range(n):
        episodes: list[tuple[int, int]] = []
        if crisis_prone[u]:
            for _ in range(int(rng.integers(1, MAX_EPISODES + 1))):
                length = int(rng.integers(2, 7))
                start = int(rng.integers(0, max(1, cfg.days - length + 1)))
                episodes.append((start, min(cfg.days, start + length)))
        mu = rng.normal(0.05, MOOD_USER_SD)
        noise = rng.normal(0.0, MOOD_STEP_SD, cfg.days)
        mood = np.empty(cfg.days)
        prev = mu + rng.normal(0.0, MOOD_STEP_SD / math.sqrt(1 - MOOD_PHI**2))
        for d in range(cfg.days):
            prev = mu + MOOD_PHI * (prev - mu) + noise[d]
            mood[d] = prev
        for s, e in episodes:
            # A ramp into and out of the episode, deepest inside it.
            mood[max(0, s - 2):s] -= EPISODE_MOOD_DROP / 2
            mood[s:e] -= EPISODE_MOOD_DROP
            mood[e:min(cfg.days, e + 2)] -= EPISODE_MOOD_DROP / 2
        users.append({
            "user_id": f"u{u + 1:04d}",
            "count": int(counts[u]),
            "hinglish": bool(hinglish[u]),
            "crisis_prone": bool(crisis_prone[u]),
            "episodes": episodes,
            "dominant": dominant[u],
            "mood": np.clip(mood, -1.0, 1.0),
            "arousal_trait": float(rng.normal(0.0, 0.04)),
            "style": {k: float(rng.beta(a, b)) for k, (a, b) in STYLE_BETA.items()},
            "favourites": {
                slot: [SLOTS[slot][i] for i in
                       rng.choice(len(SLOTS[slot]), IDIOLECT_FAVOURITES, replace=False)]
                for slot in IDIOLECT_SLOTS
            },
        })
    return users



# ----------------------------------------------------------------------------- annotation


def _majority(labels: list[str]) -> str:
    counts = Counter(labels)
    top = max(counts.values())
    return most_severe([lab for lab, c in counts.items() if c == top])


def _annotate_crisis(true: str, n: int, rng: _Draws) -> list[str]:
    out: list[str] = []
    for _ in range(n):
        if true == "none":
            ok = rng.random() < NONE_AGREEMENT
            out.append("none" if ok else rng.pick(("panic", "passive_ideation", "substance")))
        elif rng.random() < CRISIS_AGREEMENT:
            out.append(true)
        else:
            out.append("none" if rng.random() < 0.5 else rng.pick(RELATED_TYPES[true]))
    return out


def _clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


# ----------------------------------------------------------------------------- corpus


def generate_corpus(cfg: GenerateConfig,
                    trace: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Generate the synthetic corpus described by `cfg`; deterministic in `cfg.seed`.

    `trace`, if given, receives one entry per record (same order): the generating `category`
    (a crisis type or a none category such as "hardneg") and the `crisis_sentences` (of a
    hard negative: `hardneg_sentences`) as they appear in the text - for measuring the corpus
    (benchmarks/corpus.py), never part of it.
    """
    rng = np.random.default_rng(cfg.seed)
    start = datetime.fromisoformat(cfg.start).replace(tzinfo=UTC)
    mix = cfg.length_mix
    length_p = np.array([mix.short, mix.medium, mix.long], dtype=float)
    length_p /= length_p.sum()
    lengths = ("short", "medium", "long")
    share = cfg.hinglish_share
    p_lo = min(EN_USER_HINGLISH_RATE, share)
    p_hi = max(HINGLISH_USER_RATE, share)
    bias_v = rng.normal(0.0, ANNOTATOR_BIAS_SD, cfg.annotators)
    bias_a = rng.normal(0.0, ANNOTATOR_BIAS_SD, cfg.annotators)

    draws = _Draws(rng)
    length_cum = np.cumsum(length_p).tolist()
    made = np.zeros(len(CRISIS_TYPES_GENERATED))  # crisis items generated so far, per type
    bias_v_l = bias_v.tolist()
    bias_a_l = bias_a.tolist()
    n_ann = cfg.annotators

    rows: list[tuple[datetime, int, dict[str, Any], dict[str, Any]]] = []
    for u_idx, user in enumerate(_users(cfg, rng)):
        n = user["count"]
        if n == 0:
            continue
        episodes: list[tuple[int, int]] = user["episodes"]
        days = rng.integers(0, cfg.days, n)
        if episodes:
            for k in np.flatnonzero(rng.random(n) < EPISODE_ITEM_SHARE):
                s, e = episodes[draws.integers(0, len(episodes))]
                days[k] = draws.integers(s, max(s + 1, e))
        minutes = rng.choice(24, size=n, p=HOUR_P) * 60 + rng.integers(0, 60, n)
        order = np.lexsort((minutes, days))
        label_noise = rng.normal(0.0, LABEL_NOISE_SD, (n, 2)).tolist()
        ann_noise = rng.normal(0.0, cfg.annotator_noise, (n, 2, n_ann)).tolist()
        # (text, lang, true crisis, trace) for re-posts
        history: list[tuple[str, str, str, dict[str, Any]]] = []
        for pos, k in enumerate(order.tolist()):
            day = int(days[k])
            mood = float(user["mood"][day])
            in_episode = any(s <= day < e for s, e in episodes)
            if history and draws.random() < cfg.repost_rate:
                text, lang, crisis, info = history[draws.integers(0, len(history))]
            else:
                lang_p = p_hi if user["hinglish"] else p_lo
                lang = "hinglish" if draws.random() < lang_p else "en"
                p_crisis = 0.0
                if user["crisis_prone"]:
                    p_crisis = CRISIS_IN_EPISODE if in_episode else CRISIS_OUTSIDE_EPISODE
                if draws.random() < p_crisis:
                    crisis = user["dominant"]
                    if draws.random() >= DOMINANT_TYPE_SHARE:
                        behind = made / _CRISIS_P
                        crisis = CRISIS_TYPES_GENERATED[int(np.argmin(behind))]
                    made[CRISIS_TYPES_GENERATED.index(crisis)] += 1
                    category = crisis
                else:
                    crisis = "none"
                    category = _none_category(mood, draws)
                length = lengths[draws.weighted(length_cum)]
                pii = _pii(draws) if draws.random() < cfg.pii_rate else None
                reserve = len(pii[0].split()) if pii else 0
                inserted: list[str] = []
                text = _compose(category, lang, length, mood, reserve, user, draws, inserted)
                if pii:
                    text = f"{pii[0]} {text}" if pii[1] else f"{text} {pii[0]}"
                info = {"category": category,
                        "crisis_sentences": inserted if crisis != "none" else [],
                        "hardneg_sentences": inserted if category == "hardneg" else []}
                history.append((text, lang, crisis, info))

            v_text, a_text = score_text(text)
            valence = _clip01(0.5 + VALENCE_TEXT_W * v_text + VALENCE_MOOD_W * mood
                              + label_noise[pos][0])
            arousal = _clip01(AROUSAL_BASE + AROUSAL_TEXT_W * a_text + user["arousal_trait"]
                              + label_noise[pos][1])
            v_noise, a_noise = ann_noise[pos]
            v_r = [round(_clip01(valence + b + e), 4)
                   for b, e in zip(bias_v_l, v_noise, strict=True)]
            a_r = [round(_clip01(arousal + b + e), 4)
                   for b, e in zip(bias_a_l, a_noise, strict=True)]
            c_r = _annotate_crisis(crisis, n_ann, draws)
            when = start + timedelta(days=day, minutes=int(minutes[k]))
            rows.append((when, u_idx, {
                "id": "",
                "user_id": user["user_id"],
                "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "text": text,
                "lang": lang,
                "valence": round(sum(v_r) / n_ann, 4),
                "arousal": round(sum(a_r) / n_ann, 4),
                "crisis_type": _majority(c_r),
                "source": "synthetic",
                "valence_ratings": v_r,
                "arousal_ratings": a_r,
                "crisis_ratings": c_r,
            }, info))

    # Python's sort is stable, so items of one user at the same minute keep their order.
    rows.sort(key=lambda r: (r[0], r[1]))
    records = []
    for i, (_, _, rec, info) in enumerate(rows, start=1):
        rec["id"] = f"s{i:06d}"
        records.append(rec)
        if trace is not None:
            trace.append(info)
    return records
