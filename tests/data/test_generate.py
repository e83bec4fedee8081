"""Tests for the synthetic corpus: schema, determinism, realism and - above all - learnability."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import pearsonr

from perception.config import GenerateConfig, load_params
from perception.data.generate import generate_corpus, score_text
from perception.data.schema import CRISIS_TYPES, length_bucket, most_severe
from perception.data.vocabulary import (
    DIMINISHERS,
    INTENSIFIERS,
    LEXICON,
    NEGATORS_POST,
    NEGATORS_PRE,
    NEUTRAL_BANKS,
)

KEYS = [
    "id", "user_id", "created_at", "text", "lang", "valence", "arousal", "crisis_type",
    "source", "valence_ratings", "arousal_ratings", "crisis_ratings",
]
SMALL = GenerateConfig(n_items=300, n_users=40)
# The corpus `dvc repro` builds: params.yaml's generate section, not the config's defaults
# (n_items 8,000 against 6,000), so what these tests find is what the models train on.
DEFAULT = load_params(Path(__file__).resolve().parents[2] / "params.yaml").generate


@pytest.fixture(scope="module")
def traced() -> tuple[list[dict], list[dict]]:
    trace: list[dict] = []
    return generate_corpus(DEFAULT, trace), trace


@pytest.fixture(scope="module")
def corpus(traced) -> list[dict]:
    return traced[0]


@pytest.fixture(scope="module")
def halves(corpus: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    idx = np.random.default_rng(0).permutation(len(corpus))
    return idx[: len(idx) // 2], idx[len(idx) // 2:]


@pytest.fixture(scope="module")
def tfidf(corpus: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2)).fit_transform([r["text"] for r in corpus])


@pytest.fixture(scope="module")
def english(corpus: list[dict]) -> list[str]:
    return [r["text"] for r in corpus if r["lang"] == "en"]


# The same measures as benchmarks/corpus.py, which reports them next to the real VADER corpora.
_SENTENCE_RE = re.compile(r"[^.!?;\n]+")
_EDGE_RE = re.compile(r"^\W+|\W+$")
_TOKEN_RE = re.compile(r"[a-z']+")
_ELONGATED_RE = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    out = [_EDGE_RE.sub("", " ".join(raw.lower().split())) for raw in _SENTENCE_RE.findall(text)]
    return [s for s in out if s]


def _punctuation_features(texts: list[str]) -> np.ndarray:
    rows = []
    for t in texts:
        letters = sum(c.isalpha() for c in t) or 1
        words = t.split() or [""]
        rows.append([t.count("!"), t.count("?"), t.count("..."),
                     sum(c.isupper() for c in t) / letters,
                     sum(len(w) > 1 and w.isupper() for w in words) / len(words),
                     len(_ELONGATED_RE.findall(t))])
    return np.asarray(rows, dtype=float)


def _dump(records: list[dict]) -> str:
    return json.dumps(records, sort_keys=False)


# ------------------------------------------------------------------ determinism and schema


def test_same_seed_same_output() -> None:
    assert _dump(generate_corpus(SMALL)) == _dump(generate_corpus(SMALL))


def test_different_seed_different_output() -> None:
    other = SMALL.model_copy(update={"seed": SMALL.seed + 1})
    assert _dump(generate_corpus(SMALL)) != _dump(generate_corpus(other))


def test_schema_and_ranges(corpus: list[dict]) -> None:
    cfg = DEFAULT
    start = datetime.fromisoformat(cfg.start + "T00:00:00+00:00")
    end = start + timedelta(days=cfg.days)
    assert len(corpus) == cfg.n_items
    assert [r["id"] for r in corpus] == [f"s{i:06d}" for i in range(1, cfg.n_items + 1)]
    stamps = [r["created_at"] for r in corpus]
    assert stamps == sorted(stamps)
    for r in corpus:
        assert list(r) == KEYS
        assert r["user_id"].startswith("u") and len(r["user_id"]) == 5
        assert r["created_at"].endswith("Z")
        when = datetime.fromisoformat(r["created_at"].replace("Z", "+00:00"))
        assert start <= when < end
        assert r["text"].strip()
        assert r["lang"] in {"en", "hinglish"}
        assert r["source"] == "synthetic"
        assert r["crisis_type"] in CRISIS_TYPES
        for key in ("valence", "arousal"):
            assert isinstance(r[key], float) and 0.0 <= r[key] <= 1.0
            assert round(r[key], 4) == r[key]
        for key in ("valence_ratings", "arousal_ratings"):
            assert len(r[key]) == cfg.annotators
            assert all(0.0 <= x <= 1.0 and round(x, 4) == x for x in r[key])
        assert len(r["crisis_ratings"]) == cfg.annotators
        assert set(r["crisis_ratings"]) <= set(CRISIS_TYPES)


def test_annotation_consistency(corpus: list[dict]) -> None:
    for r in corpus:
        assert r["valence"] == pytest.approx(np.mean(r["valence_ratings"]), abs=1e-4)
        assert r["arousal"] == pytest.approx(np.mean(r["arousal_ratings"]), abs=1e-4)
        counts = Counter(r["crisis_ratings"])
        top = max(counts.values())
        assert r["crisis_type"] == most_severe([k for k, c in counts.items() if c == top])
    # Annotators disagree sometimes, but not on most items.
    spread = np.mean([np.ptp(r["valence_ratings"]) for r in corpus])
    assert 0.02 < spread < 0.3


def test_small_configs_work() -> None:
    tiny = generate_corpus(GenerateConfig(n_items=5, n_users=20, annotators=1))
    assert len(tiny) == 5
    assert all(len(r["valence_ratings"]) == 1 for r in tiny)
    assert all(r["lang"] == "en" for r in generate_corpus(SMALL.model_copy(
        update={"hinglish_share": 0.0})))


# ------------------------------------------------------------------ corpus shape


def test_length_mix(corpus: list[dict]) -> None:
    buckets = Counter(length_bucket(len(r["text"].split())) for r in corpus)
    share = {b: buckets[b] / len(corpus) for b in ("short", "medium", "long")}
    assert share["short"] == pytest.approx(0.75, abs=0.05)
    assert share["medium"] == pytest.approx(0.20, abs=0.04)
    assert share["long"] == pytest.approx(0.05, abs=0.025)
    words = [len(r["text"].split()) for r in corpus]
    assert min(words) >= 2 and max(words) <= 300


def test_language_share(corpus: list[dict]) -> None:
    share = np.mean([r["lang"] == "hinglish" for r in corpus])
    assert share == pytest.approx(0.30, abs=0.04)
    # Language is a user trait: most users write (almost) only one language.
    by_user: dict[str, list[bool]] = defaultdict(list)
    for r in corpus:
        by_user[r["user_id"]].append(r["lang"] == "hinglish")
    mixed = [u for u, v in by_user.items() if len(v) >= 5 and 0.3 < np.mean(v) < 0.7]
    assert len(mixed) < 0.1 * len(by_user)


def test_users_heavy_tailed(corpus: list[dict]) -> None:
    counts = sorted(Counter(r["user_id"] for r in corpus).values(), reverse=True)
    assert 700 <= len(counts) <= 800
    top_decile = sum(counts[: len(counts) // 10]) / sum(counts)
    assert top_decile > 0.25


def test_daily_rhythm(corpus: list[dict]) -> None:
    hours = Counter(int(r["created_at"][11:13]) for r in corpus)
    assert hours[21] > 3 * hours[4]


def test_crisis_share(corpus: list[dict]) -> None:
    # Crisis writers are over-sampled (many of them, not heavy posters) so that every type has
    # >= 250 train rows (~70 % split).
    share = np.mean([r["crisis_type"] != "none" for r in corpus])
    assert 0.36 <= share <= 0.46
    counts = Counter(r["crisis_type"] for r in corpus)
    assert set(counts) == set(CRISIS_TYPES)
    assert min(c for t, c in counts.items() if t != "none") >= 360


def test_crises_cluster_in_time(corpus: list[dict]) -> None:
    by_user: dict[str, list[tuple[datetime, bool]]] = defaultdict(list)
    for r in corpus:
        when = datetime.fromisoformat(r["created_at"].replace("Z", "+00:00"))
        by_user[r["user_id"]].append((when, r["crisis_type"] != "none"))
    near, far = [], []
    for items in by_user.values():
        if sum(c for _, c in items) < 2:
            continue
        for t, c in items:
            if not c:
                continue
            for t2, c2 in items:
                if t2 is t:
                    continue
                (near if abs(t2 - t) <= timedelta(days=5) else far).append(c2)
    # Another item of the same user close in time is far more often a crisis than one far away.
    assert np.mean(near) > 2 * np.mean(far)
    # The corpus is an annotation pool: many writers have a crisis episode, but a good share
    # of users never post a crisis (and crisis writers post ordinary items too).
    crisis_users = {r["user_id"] for r in corpus if r["crisis_type"] != "none"}
    assert len(crisis_users) < 0.65 * len({r["user_id"] for r in corpus})
    ordinary = {r["user_id"] for r in corpus if r["crisis_type"] == "none"}
    # Most of them: about 0.80 of crisis writers (sd 0.02 over generator seeds), so the bound
    # sits well below the mean rather than on it.
    assert len(crisis_users & ordinary) > 0.7 * len(crisis_users)


def test_duplicates_are_rare_and_reposted_by_same_user(corpus: list[dict]) -> None:
    texts = [r["text"] for r in corpus]
    dup_rate = 1 - len(set(texts)) / len(texts)
    assert 0.002 < dup_rate < 0.03
    first_user: dict[str, str] = {}
    same_user = 0
    repeats = 0
    for r in corpus:
        if r["text"] in first_user:
            repeats += 1
            same_user += first_user[r["text"]] == r["user_id"]
        else:
            first_user[r["text"]] = r["user_id"]
    # Re-posts (~repost_rate) are same-user copies; the rest are chance collisions of short texts.
    assert 0.005 * len(corpus) <= same_user <= repeats


def test_sentences_rarely_repeat(english: list[str]) -> None:
    # Strict reading: the share of sentence *occurrences* (not of distinct sentences) whose
    # sentence occurs five or more times. The old grammar had 22 % (one sentence 536 times).
    counts = Counter(s for t in english for s in _sentences(t))
    repeated = sum(c for c in counts.values() if c >= 5)
    assert repeated / sum(counts.values()) <= 0.02
    assert counts.most_common(1)[0][1] <= 100


def test_vocabulary_is_varied(english: list[str]) -> None:
    # Distinct lower-case words in 20k tokens of English items, in a seeded random order: real
    # text has ~5,000 (the VADER corpora), the old grammar 571.
    tokens: list[str] = []
    for i in np.random.default_rng(0).permutation(len(english)).tolist():
        tokens += _TOKEN_RE.findall(english[i].lower())
        if len(tokens) >= 20_000:
            break
    assert len(tokens) >= 20_000
    assert len(set(tokens[:20_000])) >= 2000


def test_neutral_banks_carry_no_affect() -> None:
    # Only the lexicon moves the labels; the large word banks only add variety.
    scored = set(LEXICON) | set(INTENSIFIERS) | set(DIMINISHERS) | NEGATORS_PRE | NEGATORS_POST
    for bank, entries in NEUTRAL_BANKS.items():
        hits = {w for e in entries for w in e.lower().split()} & scored
        assert not hits, (bank, hits)


def test_typing_habits_belong_to_the_writer(corpus: list[dict]) -> None:
    by_user: dict[str, list[bool]] = defaultdict(list)
    for r in corpus:
        by_user[r["user_id"]].append("!" in r["text"])
    rates = [np.mean(v) for v in by_user.values() if len(v) >= 10]
    assert len(rates) > 50
    assert np.std(rates) > 0.1  # some users exclaim a lot, most rarely


def test_label_spread_close_to_human_ratings(corpus: list[dict]) -> None:
    # Mean human valence ratings of the VADER corpora (-4..4 -> 0..1) have std 0.19 (tweets),
    # 0.20 (amazon), 0.24 (movie); human arousal ratings spread less than valence.
    valence = np.std([r["valence"] for r in corpus])
    arousal = np.std([r["arousal"] for r in corpus])
    assert 0.16 <= valence <= 0.24
    assert 0.10 <= arousal <= 0.18
    assert arousal < valence


def test_pii_present(corpus: list[dict]) -> None:
    marks = ("@", "http", "+91")
    share = np.mean([any(m in r["text"] for m in marks) for r in corpus])
    assert 0.01 <= share <= 0.04


# ------------------------------------------------------------------ labels follow the text


def test_lexicon_scorer_hard_cases() -> None:
    def val(text: str) -> float:
        return score_text(text)[0]

    def aro(text: str) -> float:
        return score_text(text)[1]

    assert val("oh great, missed the bus again") < 0
    assert val("wah kya baat hai, boss ne daanta") < 0
    assert val("this damn traffic is killing me") < 0
    assert 0 < val("I'm not hopeless anymore") < val("feeling hopeful")
    assert val("kuch accha nahi lag raha") < 0
    assert val("feeling really happy") > val("feeling happy") > val("feeling a bit happy") > 0
    assert aro("I AM SO ANGRY at my manager!!!") > aro("i am angry at my manager") > 0.7
    assert aro("feeling soooo happy") > aro("feeling so happy")
    assert aro("heart racing, can't breathe") > aro("calm evening")
    # Arousal is in the words, not in the marks.
    assert aro("hectic rushed morning") > aro("quiet sleepy morning") + 0.5
    assert aro("feeling tired!!!") - aro("feeling tired") <= 0.05


def test_idioms_are_scored_as_phrases() -> None:
    def val(text: str) -> float:
        return score_text(text)[0]

    assert val("dying of laughter at the video") > 0.3
    assert val("hasi se mar gaya yaar") > 0.3
    assert val("I think I'm dying") < -0.5
    assert val("my phone is dead again") > val("my uncle is dead") + 0.3
    assert abs(val("kill the lights, movie time")) < 0.1 < -val("I'm going to kill myself")


def test_categories_hard_for_plain_sentiment(corpus: list[dict]) -> None:
    sarcastic = [r for r in corpus if "love that for me" in r["text"].lower()
                 or "just perfect" in r["text"].lower()]
    assert len(sarcastic) > 20
    assert np.mean([r["valence"] for r in sarcastic]) < 0.45
    crises = [r for r in corpus if r["crisis_type"] != "none"]
    rest = [r for r in corpus if r["crisis_type"] == "none"]
    assert np.mean([r["valence"] for r in crises]) < np.mean([r["valence"] for r in rest]) - 0.1
    panic = [r["arousal"] for r in crises if r["crisis_type"] == "panic"]
    passive = [r["arousal"] for r in crises if r["crisis_type"] == "passive_ideation"]
    assert np.mean(panic) > np.mean(passive) + 0.15


def test_user_history_carries_signal(corpus: list[dict]) -> None:
    # Valence of a user's previous item predicts the next one (mood persists).
    by_user: dict[str, list[float]] = defaultdict(list)
    for r in corpus:
        by_user[r["user_id"]].append(r["valence"])
    prev, nxt = [], []
    for vals in by_user.values():
        prev += vals[:-1]
        nxt += vals[1:]
    assert pearsonr(prev, nxt)[0] > 0.15


def test_vader_baseline_is_informative_but_not_trivial(corpus: list[dict]) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    compound = [sia.polarity_scores(r["text"])["compound"] for r in corpus]
    r = pearsonr(compound, [x["valence"] for x in corpus])[0]
    assert 0.40 <= r <= 0.90


@pytest.mark.parametrize(("label", "minimum"), [("valence", 0.75), ("arousal", 0.55)])
def test_tfidf_ridge_learns(corpus, halves, tfidf, label: str, minimum: float) -> None:
    from sklearn.linear_model import Ridge

    train, test = halves
    y = np.array([r[label] for r in corpus])
    pred = Ridge(alpha=1.0).fit(tfidf[train], y[train]).predict(tfidf[test])
    assert pearsonr(pred, y[test])[0] >= minimum


def test_tfidf_crisis_classifier_beats_majority(corpus, halves, tfidf) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import recall_score

    train, test = halves
    y = np.array([r["crisis_type"] for r in corpus])
    clf = LogisticRegression(max_iter=2000, class_weight="balanced", C=10.0)
    pred = clf.fit(tfidf[train], y[train]).predict(tfidf[test])
    crisis_types = [t for t in CRISIS_TYPES if t != "none"]
    # The majority-class baseline scores 0 here.
    assert recall_score(y[test], pred, labels=crisis_types, average="macro") >= 0.65


@pytest.mark.filterwarnings("ignore:X does not have valid feature names")
def test_punctuation_alone_does_not_predict_arousal(corpus, halves) -> None:
    # A model that reads only "!", "?", "...", caps and elongation, and none of the words,
    # learns little: r <= 0.3 (0.56 for the old grammar, where "!" tracked the category).
    import lightgbm as lgb
    from sklearn.linear_model import Ridge

    train, test = halves
    x = _punctuation_features([r["text"] for r in corpus])
    for label in ("arousal", "valence"):
        y = np.array([r[label] for r in corpus])
        ridge = Ridge(alpha=1.0).fit(x[train], y[train]).predict(x[test])
        gbm = lgb.LGBMRegressor(n_estimators=200, learning_rate=0.05, num_leaves=15,
                                num_threads=2, verbose=-1, random_state=0)
        boosted = gbm.fit(x[train], y[train]).predict(x[test])
        for pred in (ridge, boosted):
            assert pearsonr(pred, y[test])[0] <= 0.3, label


# ------------------------------------------------------------------ crisis language and artefacts
# The same measures as benchmarks/corpus.py (`crisis_artefacts`): a crisis must be told by its
# words, not by where it sits, how long the text is, its marks or one fixed phrase.

CRISIS_ONLY = [t for t in CRISIS_TYPES if t != "none"]
_EMOTICON_RE = re.compile(r"[:;]-?[()DPp]|<3")


def test_crisis_grammar_is_compositional() -> None:
    # Hundreds of distinct surface forms per type and language, not a list of sentences.
    from perception.data.generate import _Draws, _fill
    from perception.data.vocabulary import TEMPLATES

    rng = _Draws(np.random.default_rng(0))
    for ctype in CRISIS_ONLY:
        for lang in ("en", "hinglish"):
            forms = {" ".join(_TOKEN_RE.findall(_fill(rng.pick(TEMPLATES[ctype][lang]), rng,
                                                      {}).lower())) for _ in range(500)}
            assert len(forms) >= 400, (ctype, lang, len(forms))


def test_plain_crisis_forms_are_in_the_grammar() -> None:
    from perception.data.generate import _Draws, _fill

    rng = _Draws(np.random.default_rng(1))
    wanted = {
        ("ih_core", "i have the pills ready"), ("ih_core", "tonight is the night"),
        ("ih_core", "i've written the note"), ("ih_core", "bought rope"),
        ("ih_core", "going to the bridge after work"), ("ih_reported", "took a whole strip"),
        ("ih_core_h", "sab khatam kar dunga aaj raat"), ("pi_core", "better off without me"),
        ("sh_core", "relapsed"), ("sub_core", "blacked out"), ("pan_core", "i think i'm dying"),
        ("psy_core", "the voices"), ("psy_core", "sending me messages"),
    }
    samples = {slot: [_fill("{" + slot + "}", rng, {}).lower() for _ in range(15000)]
               for slot in {s for s, _ in wanted}}
    for slot, phrase in wanted:
        assert any(phrase in t for t in samples[slot]), (slot, phrase)


def test_crisis_sentence_position_is_spread(traced) -> None:
    # In medium/long crisis texts the crisis sentence sits anywhere: its middle word's relative
    # position is close to uniform over the text.
    records, trace = traced
    pos = []
    for rec, info in zip(records, trace, strict=True):
        words = len(rec["text"].split())
        if rec["crisis_type"] == "none" or words < 40:
            continue
        for s in info["crisis_sentences"]:
            at = rec["text"].find(s)
            assert at >= 0
            pos.append((len(rec["text"][:at].split()) + len(s.split()) / 2) / words)
    assert len(pos) > 300
    quintiles = np.histogram(pos, bins=5, range=(0.0, 1.0 + 1e-9))[0] / len(pos)
    assert all(0.13 <= q <= 0.27 for q in quintiles), quintiles
    assert abs(np.mean(pos) - 0.5) < 0.05
    # Most medium/long crisis texts carry the crisis in one sentence among ordinary ones.
    n_crisis = [len(i["crisis_sentences"]) for r, i in zip(records, trace, strict=True)
                if i["category"] in CRISIS_ONLY and len(r["text"].split()) >= 40]
    assert np.mean(np.array(n_crisis) == 1) > 0.75


def test_length_does_not_reveal_crisis(corpus: list[dict]) -> None:
    from sklearn.metrics import roc_auc_score

    words = np.array([len(r["text"].split()) for r in corpus])
    y = np.array([r["crisis_type"] != "none" for r in corpus])
    buckets = np.array([length_bucket(int(w)) for w in words])
    for bucket in ("short", "medium", "long"):
        m = buckets == bucket
        auc = roc_auc_score(y[m], words[m])
        assert max(auc, 1 - auc) < 0.6, (bucket, auc)


def test_typography_does_not_predict_crisis(corpus, halves) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler

    train, test = halves
    texts = [r["text"] for r in corpus]
    emoji = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
    x = np.hstack([_punctuation_features(texts),
                   [[len(_EMOTICON_RE.findall(t)), len(emoji.findall(t))] for t in texts]])
    y = np.array([r["crisis_type"] != "none" for r in corpus])
    scaler = StandardScaler().fit(x[train])
    clf = LogisticRegression(max_iter=1000).fit(scaler.transform(x[train]), y[train])
    assert roc_auc_score(y[test], clf.decision_function(scaler.transform(x[test]))) < 0.65


def test_no_fixed_phrase_carries_a_crisis_type(corpus: list[dict]) -> None:
    by_type: dict[str, Counter] = defaultdict(Counter)
    n_rows: Counter = Counter()
    for r in corpus:
        if r["crisis_type"] == "none":
            continue
        w = _TOKEN_RE.findall(r["text"].lower())
        by_type[r["crisis_type"]].update({tuple(w[i:i + 3]) for i in range(len(w) - 2)})
        n_rows[r["crisis_type"]] += 1
    for ctype, grams in by_type.items():
        gram, count = grams.most_common(1)[0]
        assert count / n_rows[ctype] <= 0.10, (ctype, gram, count / n_rows[ctype])


# Everyday words people write whatever they write about. The none texts used to almost never
# use them ("sorry": 5 % of crisis texts, no none text; "I'm" 11 % against 0.9 %; Hinglish
# "mera" 5 % against 0.1 %), so a real product review saying "don't buy this" read as a crisis
# (benchmarks/real_flags.py, docs/crisis.md). Ordinary texts now include everyday chat and
# share the crisis texts' openers and closers; this keeps it so.
_EVERYDAY = {"en": ["sorry", "i'm", "don't", "won't", "can't", "it's", "ready", "ok", "hey"],
             "hinglish": ["sorry", "mera", "mere", "mat", "koi", "hain", "ready", "mujhe"]}


@pytest.mark.parametrize("lang", sorted(_EVERYDAY))
def test_everyday_words_do_not_mark_a_crisis(corpus: list[dict], lang: str) -> None:
    texts = {True: [], False: []}
    for r in corpus:
        if r["lang"] == lang:
            texts[r["crisis_type"] != "none"].append(set(_TOKEN_RE.findall(r["text"].lower())))
    for word in _EVERYDAY[lang]:
        crisis, none = (sum(word in t for t in texts[k]) / len(texts[k]) for k in (True, False))
        # As common in ordinary texts as in crises, within a factor of 3, and in both.
        assert none > 0.005 and crisis / none <= 3.0, (lang, word, crisis, none)


def _words(text: str) -> set[str]:
    return set(_TOKEN_RE.findall(re.sub(r"(\w)\1{2,}", r"\1", text.lower())))


def _crisis_words(records: list[dict], trace: list[dict]) -> set[str]:
    """Crisis vocabulary: words of the crisis sentences that ordinary none texts hardly use."""
    in_crisis = Counter(w for i in trace for s in i["crisis_sentences"] for w in _words(s))
    ordinary = [_words(r["text"]) for r, i in zip(records, trace, strict=True)
                if r["crisis_type"] == "none" and i["category"] != "hardneg"]
    in_ordinary = Counter(w for ws in ordinary for w in ws)
    return {w for w, c in in_crisis.items() if c >= 5 and in_ordinary[w] <= 0.01 * len(ordinary)}


def test_hard_negatives_share_crisis_vocabulary(traced) -> None:
    records, trace = traced
    none = [(r, i) for r, i in zip(records, trace, strict=True) if r["crisis_type"] == "none"]
    hard = [r for r, i in none if i["category"] == "hardneg"]
    assert 0.18 <= len(hard) / len(none) <= 0.27
    assert {r["lang"] for r in hard} == {"en", "hinglish"}
    crisis_words = _crisis_words(records, trace)
    assert len(crisis_words & {"pills", "bridge", "voices", "jump", "rope", "overdose"}) >= 3
    with_shared = [r for r in hard if crisis_words & _words(r["text"])]
    assert len(with_shared) > 0.6 * len(hard)
    # A crisis word alone does not make a crisis: "pills" is about as common in none rows.
    has_pills = [r["crisis_type"] != "none" for r in records if "pills" in _words(r["text"])]
    assert 0.2 < np.mean(has_pills) < 0.85


def test_a_lone_crisis_word_in_a_long_text_is_no_giveaway(traced) -> None:
    # A hard negative is built like a crisis text: one (sometimes two) sentences that share the
    # crisis vocabulary among ordinary ones. When hard negatives were a long text's main
    # category, half its sentences carried crisis words, so "exactly one such sentence" meant a
    # crisis (1 % of long hard negatives against 16 % of crises; count AUC 0.22).
    from sklearn.metrics import roc_auc_score

    records, trace = traced
    crisis_words = _crisis_words(records, trace)
    counts, is_crisis = [], []
    for r, i in zip(records, trace, strict=True):
        if len(r["text"].split()) < 40 or not (i["crisis_sentences"] or i["hardneg_sentences"]):
            continue
        counts.append(sum(bool(crisis_words & _words(s))
                          for s in re.split(r"(?<=[.!?])\s+", r["text"])))
        is_crisis.append(bool(i["crisis_sentences"]))
    counts_a, crisis_a = np.array(counts), np.array(is_crisis)
    assert (~crisis_a).sum() > 50
    auc = roc_auc_score(crisis_a, counts_a)
    assert max(auc, 1 - auc) < 0.62, auc
    lone = [np.mean(counts_a[crisis_a == c] == 1) for c in (True, False)]
    assert abs(lone[0] - lone[1]) < 0.06, lone


def test_spelling_varies_for_every_label(corpus: list[dict]) -> None:
    # Variants (nhi, tonite) are a writer's habit, found in crisis and none texts alike.
    variants = {"nhi", "nahin", "nai", "rha", "rhi", "kr", "hu", "hun", "mjhe", "khtm", "yr",
                "pta", "fir", "tonite", "2nite", "im", "dont", "cant", "abt", "ppl", "tho", "pls",
                "plz", "cuz", "coz"}
    for lang in ("en", "hinglish"):
        for crisis in (True, False):
            rows = [r for r in corpus
                    if r["lang"] == lang and (r["crisis_type"] != "none") == crisis]
            share = np.mean([bool(variants & set(_TOKEN_RE.findall(r["text"].lower())))
                             for r in rows])
            assert share > 0.05, (lang, crisis, share)


def test_hand_written_negative_probes_are_not_generator_text(corpus: list[dict]) -> None:
    """The probes judge the model on texts the generator never wrote: no hard-negative or
    ordinary probe shares five consecutive words with a generated none text (several hard
    negatives once did, some nearly word for word: "my uncle overdosed years ago")."""
    from perception.evaluation.probes.runner import load_probes

    n = 5

    def grams(text: str) -> set[tuple[str, ...]]:
        words = _TOKEN_RE.findall(text.lower())
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    generated = set().union(*(grams(r["text"]) for r in corpus if r["crisis_type"] == "none"))
    shared = {p.id: sorted(" ".join(g) for g in grams(p.text) & generated)
              for p in load_probes().probes if p.expect == "none"}
    assert {pid: g for pid, g in shared.items() if g} == {}
