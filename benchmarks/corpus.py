"""Corpus realism benchmark: how varied and how hard the synthetic default corpus is.

    .venv/bin/python benchmarks/corpus.py --out benchmarks/results/corpus.json

Generates the corpus in memory from params.yaml's `generate` section and measures, next to the
real VADER corpora (Hutto & Gilbert 2014: tweets, movie, amazon and nyt snippets, each rated
-4..4 by 20 people; mapped to 0..1) as the reference:

* sentence repetition: the English texts are split into sentences (on . ! ? ; and newlines),
  each normalized (lower case, inner whitespace collapsed, punctuation at the edges stripped).
  `repeated_occurrence_share` is the share of all sentence *occurrences* whose sentence occurs
  five or more times - the strict reading, since one sentence seen 530 times counts 530 times.
  `repeated_distinct_share` (share of *distinct* sentences occurring >= 5 times) is reported
  beside it but is not the target;
* distinct words per 20k tokens: English items in a seeded random order, lower-case word tokens
  (`[a-z']+`) until 20,000 tokens, then the number of distinct tokens;
* punctuation-only learnability: a ridge and a LightGBM on punctuation features only ("!", "?",
  "...", upper-case letter ratio, fully upper-case words, elongated words), fitted on one half
  and scored (Pearson r) on the other half; the larger r of the two is the figure. The lexical
  route (TF-IDF 1-2 grams + ridge on the same halves) must stay well above it;
* label spread: std (and mean) of valence and arousal;
* crisis surface artefacts - whether a crisis can be told from the generator's form instead of
  its words (labels: the stored majority `crisis_type`, crisis = anything but none):
  - `position`: in medium/long crisis texts (a crisis sentence among ordinary ones), where the
    middle of the crisis sentence falls, as a share of the text's words (0 = start, 1 = end);
    it should be spread evenly over 0..1 (quintile shares ~0.2, mean ~0.5,
    Kolmogorov-Smirnov distance to uniform);
  - `length_auc`: per length bucket, the ROC AUC of the word count alone for crisis vs none
    (folded: max(auc, 1 - auc)); ~0.5 means length says nothing;
  - `typography_auc`: logistic regression and LightGBM on typography only (the punctuation
    features above plus emoticons and emoji), fitted on one half, ROC AUC for crisis vs none on
    the other half;
  - `top_trigram`: per crisis type, the word 3-gram found in the most rows of that type and
    that share of rows (and its share of none rows): no fixed phrase should carry a type;
  - `hard_negative_share`: share of none items generated as hard negatives (crisis vocabulary
    in ordinary texts: idioms, medication, cooking, fiction, recovery, grief, sport);
  - `function_word_auc`: per language, a logistic regression on which function words a text
    uses (scikit-learn's English stop words; the romanized Hindi pronouns, postpositions and
    auxiliaries below), fitted on one half; ROC AUC for crisis vs none on the other half, and
    on the hand-written probe suite (crisis vs hard negatives) as the reference: grammar does
    differ in real crisis writing ("myself"), so the figure to watch is the corpus's excess
    over the probes', which is what the generator's templates add.

The VADER corpora carry valence only, so the arousal figures have no real reference here.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import kstest, pearsonr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

# The VADER corpora's location and file map, stated once for every benchmark.
from folds import CORPORA, read_ratings  # noqa: E402
from folds import DATA as VADER  # noqa: E402

from perception.artifacts import write_json  # noqa: E402
from perception.config import load_params  # noqa: E402
from perception.data.generate import generate_corpus  # noqa: E402

REPEAT_MIN = 5  # a sentence seen this often counts as a template repeat
TOKEN_SAMPLE = 20_000
SEED = 0

_SENTENCE_RE = re.compile(r"[^.!?;\n]+")
_EDGE_RE = re.compile(r"^\W+|\W+$")
_TOKEN_RE = re.compile(r"[a-z']+")
_ELONGATED_RE = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
_EMOTICON_RE = re.compile(r"[:;]-?[()DPp]|<3")
_EMOJI_RE = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_WORD_RE = re.compile(r"[a-z']+")


# --------------------------------------------------------------------------- measures


def sentences(text: str) -> list[str]:
    """The normalized sentences of a text (empty fragments such as "..." dropped)."""
    out = []
    for raw in _SENTENCE_RE.findall(text):
        s = _EDGE_RE.sub("", " ".join(raw.lower().split()))
        if s:
            out.append(s)
    return out


def sentence_repetition(texts: list[str]) -> dict[str, Any]:
    counts = Counter(s for t in texts for s in sentences(t))
    total = sum(counts.values())
    repeated = {s: c for s, c in counts.items() if c >= REPEAT_MIN}
    top = counts.most_common(5)
    return {
        "sentences": total,
        "distinct_sentences": len(counts),
        "repeated_occurrence_share": round(sum(repeated.values()) / total, 4),
        "repeated_distinct_share": round(len(repeated) / len(counts), 4),
        "most_common": [{"sentence": s, "count": c} for s, c in top],
    }


def distinct_words(texts: list[str], n_tokens: int = TOKEN_SAMPLE) -> dict[str, Any]:
    order = np.random.default_rng(SEED).permutation(len(texts))
    tokens: list[str] = []
    for i in order.tolist():
        tokens += _TOKEN_RE.findall(texts[i].lower())
        if len(tokens) >= n_tokens:
            break
    tokens = tokens[:n_tokens]
    return {"tokens": len(tokens), "distinct_words": len(set(tokens))}


def punctuation_features(texts: list[str]) -> np.ndarray:
    """Typography only: what a model sees if it reads the marks and none of the words."""
    rows = []
    for t in texts:
        letters = sum(c.isalpha() for c in t) or 1
        words = t.split() or [""]
        rows.append([
            t.count("!"), t.count("?"), t.count("..."),
            sum(c.isupper() for c in t) / letters,
            sum(len(w) > 1 and w.isupper() for w in words) / len(words),
            len(_ELONGATED_RE.findall(t)),
        ])
    return np.asarray(rows, dtype=float)


def _halves(n: int) -> tuple[np.ndarray, np.ndarray]:
    idx = np.random.default_rng(SEED).permutation(n)
    return idx[: n // 2], idx[n // 2:]


def _r(pred: np.ndarray, y: np.ndarray) -> float:
    if np.std(pred) == 0:
        return 0.0
    return float(pearsonr(pred, y)[0])


def punctuation_r(texts: list[str], y: np.ndarray) -> dict[str, float]:
    import lightgbm as lgb
    from sklearn.linear_model import Ridge

    x = punctuation_features(texts)
    train, test = _halves(len(texts))
    ridge = Ridge(alpha=1.0).fit(x[train], y[train]).predict(x[test])
    gbm = lgb.LGBMRegressor(n_estimators=200, learning_rate=0.05, num_leaves=15,
                            min_child_samples=20, num_threads=2, verbose=-1, random_state=SEED)
    with warnings.catch_warnings():
        # LightGBM names the columns of a plain array and sklearn then warns on predict.
        warnings.filterwarnings("ignore", message="X does not have valid feature names")
        boosted = gbm.fit(x[train], y[train]).predict(x[test])
    r_ridge, r_gbm = _r(ridge, y[test]), _r(boosted, y[test])
    return {"ridge": round(r_ridge, 4), "lightgbm": round(r_gbm, 4),
            "max": round(max(r_ridge, r_gbm), 4)}


def lexical_r(texts: list[str], y: np.ndarray) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    x = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    train, test = _halves(len(texts))
    return round(_r(Ridge(alpha=1.0).fit(x[train], y[train]).predict(x[test]), y[test]), 4)


def typography_features(texts: list[str]) -> np.ndarray:
    """Punctuation features plus emoticons and emoji: every mark, none of the words."""
    extra = [[len(_EMOTICON_RE.findall(t)), len(_EMOJI_RE.findall(t))] for t in texts]
    return np.hstack([punctuation_features(texts), np.asarray(extra, dtype=float)])


def _auc(score: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, score))


def crisis_position(records: list[dict[str, Any]], trace: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the crisis sentence sits in medium/long crisis texts: the position of its middle
    word as a share of the text's words (0 = start, 1 = end)."""
    pos = []
    for rec, info in zip(records, trace, strict=True):
        text = rec["text"]
        n_words = len(text.split())
        if rec["crisis_type"] == "none" or n_words < 40:
            continue
        for sentence in info["crisis_sentences"]:
            at = text.find(sentence)
            if at < 0:
                continue
            before = len(text[:at].split())
            pos.append((before + len(sentence.split()) / 2) / n_words)
    x = np.asarray(pos)
    quintiles = np.histogram(x, bins=5, range=(0.0, 1.0 + 1e-9))[0] / max(len(x), 1)
    return {"n": len(x), "mean": round(float(x.mean()), 4),
            "quintile_shares": [round(float(q), 4) for q in quintiles],
            "ks_to_uniform": round(float(kstest(x, "uniform").statistic), 4)}


def length_auc(records: list[dict[str, Any]]) -> dict[str, float]:
    from perception.data.schema import length_bucket

    out = {}
    words = np.array([len(r["text"].split()) for r in records])
    y = np.array([r["crisis_type"] != "none" for r in records])
    buckets = np.array([length_bucket(int(w)) for w in words])
    for bucket in ("short", "medium", "long"):
        m = buckets == bucket
        auc = _auc(words[m], y[m])
        out[bucket] = round(max(auc, 1 - auc), 4)
    return out


def typography_auc(records: list[dict[str, Any]]) -> dict[str, float]:
    import lightgbm as lgb
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = typography_features([r["text"] for r in records])
    y = np.array([r["crisis_type"] != "none" for r in records])
    train, test = _halves(len(records))
    scaler = StandardScaler().fit(x[train])
    logit = LogisticRegression(max_iter=1000).fit(scaler.transform(x[train]), y[train])
    gbm = lgb.LGBMClassifier(n_estimators=200, learning_rate=0.05, num_leaves=15,
                             num_threads=2, verbose=-1, random_state=SEED)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="X does not have valid feature names")
        boosted = gbm.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return {"logistic": round(_auc(logit.decision_function(scaler.transform(x[test])), y[test]), 4),
            "lightgbm": round(_auc(boosted, y[test]), 4)}


def top_trigrams(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Per crisis type: the word 3-gram in the most rows of that type, and its share there."""
    def grams(text: str) -> set[tuple[str, ...]]:
        w = _WORD_RE.findall(text.lower())
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

    by_type: dict[str, list[set[tuple[str, ...]]]] = {}
    for r in records:
        by_type.setdefault(r["crisis_type"], []).append(grams(r["text"]))
    none = by_type.get("none", [])
    none_counts = Counter(g for gs in none for g in gs)
    out = {}
    for ctype, rows in sorted(by_type.items()):
        if ctype == "none":
            continue
        gram, count = Counter(g for gs in rows for g in gs).most_common(1)[0]
        out[ctype] = {"trigram": " ".join(gram), "share": round(count / len(rows), 4),
                      "share_in_none": round(none_counts[gram] / max(len(none), 1), 4)}
    return out


# Romanized Hindi function words in the spellings the corpus and the probes use: pronouns,
# postpositions, auxiliaries, light verbs, conjunctions, negation, quantifiers.
HINGLISH_FUNCTION_WORDS = frozenset(_WORD_RE.findall("""
    hai hain ho hoon hu hun tha thi the ka ki ke ko se mein me pe par aur ya bhi toh to na
    nahi nahin nhi nai mat kya kyu kyun kaise kab jo jab tab woh wo voh yeh ye main mai mujhe
    mera meri mere tum tu tera teri tere aap hum humne hamara sab sabko koi kuch kuchh ek bahut
    bohot bht bas abhi ab phir fir kar karna karke kiya raha rahi rahe rha rhi rhe gaya gayi
    gaye diya di de dena liya li le lena khud apna apni apne bina ne jaise agar lekin magar
    isliye kyunki waise itna itni hi sirf uska uski uske unka unki unke usne unhone iska iski
    iske"""))


def function_word_auc(records: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per language: how well function words alone tell crisis from none, on the corpus (one
    half fitted, the other scored) and on the probe suite's crises against its hard negatives."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
    from sklearn.linear_model import LogisticRegression

    from perception.evaluation.probes.runner import load_probes

    probes = [p for p in load_probes().probes if p.kind != "ordinary"]
    out = {}
    for lang, vocabulary in (("en", ENGLISH_STOP_WORDS), ("hinglish", HINGLISH_FUNCTION_WORDS)):
        rows = [r for r in records if r["lang"] == lang]
        words = CountVectorizer(vocabulary=sorted(vocabulary), token_pattern=_WORD_RE.pattern,
                                binary=True)
        x = words.transform([r["text"].lower() for r in rows])
        y = np.array([r["crisis_type"] != "none" for r in rows])
        train, test = _halves(len(rows))
        clf = LogisticRegression(max_iter=2000).fit(x[train], y[train])
        mine = [p for p in probes if p.lang == lang]
        out[lang] = {
            "corpus": round(_auc(clf.decision_function(x[test]), y[test]), 4),
            "probes": round(_auc(clf.decision_function(words.transform(
                [p.text.lower() for p in mine])), np.array([p.expect != "none" for p in mine])), 4),
        }
    return out


def crisis_artefacts(records: list[dict[str, Any]], trace: list[dict[str, Any]]) -> dict[str, Any]:
    none_cats = Counter(t["category"] for r, t in zip(records, trace, strict=True)
                        if r["crisis_type"] == "none")
    return {
        "crisis_counts": dict(sorted(Counter(r["crisis_type"] for r in records).items())),
        "hard_negative_share": round(none_cats["hardneg"] / max(sum(none_cats.values()), 1), 4),
        "position": crisis_position(records, trace),
        "length_auc": length_auc(records),
        "typography_auc": typography_auc(records),
        "top_trigram": top_trigrams(records),
        "function_word_auc": function_word_auc(records),
    }


def spread(y: np.ndarray) -> dict[str, float]:
    return {"mean": round(float(np.mean(y)), 4), "std": round(float(np.std(y)), 4)}


# --------------------------------------------------------------------------- corpora


def measure_synthetic(params_path: Path) -> dict[str, Any]:
    cfg = load_params(params_path).generate
    t0 = time.perf_counter()
    trace: list[dict[str, Any]] = []
    records = generate_corpus(cfg, trace)
    seconds = time.perf_counter() - t0
    english = [r["text"] for r in records if r["lang"] == "en"]
    texts = [r["text"] for r in records]
    valence = np.array([r["valence"] for r in records])
    arousal = np.array([r["arousal"] for r in records])
    return {
        "n_items": len(records),
        "n_english": len(english),
        "generate_seconds": round(seconds, 2),
        "sentence_repetition_en": sentence_repetition(english),
        "distinct_words_en": distinct_words(english),
        "punctuation_only_r": {"valence": punctuation_r(texts, valence),
                               "arousal": punctuation_r(texts, arousal)},
        "tfidf_ridge_r": {"valence": lexical_r(texts, valence),
                          "arousal": lexical_r(texts, arousal)},
        "spread": {"valence": spread(valence), "arousal": spread(arousal)},
        "crisis_artefacts": crisis_artefacts(records, trace),
    }


def measure_reference(folder: Path) -> dict[str, Any]:
    per_corpus: dict[str, Any] = {}
    all_texts: list[str] = []
    all_valence: list[np.ndarray] = []
    for name, file in CORPORA.items():
        texts, ratings = read_ratings(folder / file)
        valence = (ratings + 4.0) / 8.0  # -4..4 -> 0..1
        all_texts += texts
        all_valence.append(valence)
        per_corpus[name] = {
            "n_items": len(texts),
            "sentence_repetition": sentence_repetition(texts),
            "distinct_words": distinct_words(texts),
            "punctuation_only_r_valence": punctuation_r(texts, valence),
            "tfidf_ridge_r_valence": lexical_r(texts, valence),
            "spread_valence": spread(valence),
        }
    valence = np.concatenate(all_valence)
    pooled = {
        "n_items": len(all_texts),
        "sentence_repetition": sentence_repetition(all_texts),
        "distinct_words": distinct_words(all_texts),
        "punctuation_only_r_valence": punctuation_r(all_texts, valence),
        "spread_valence": spread(valence),
    }
    return {"pooled": pooled, "corpora": per_corpus,
            "note": "VADER ratings are valence only (-4..4 -> 0..1): no arousal reference"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/corpus.json")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {"synthetic": measure_synthetic(args.params)}
    if VADER.is_dir():
        report["reference_vader"] = measure_reference(VADER)
    else:
        print(f"reference skipped: {VADER} not found", file=sys.stderr)
    write_json(args.out, report)
    s = report["synthetic"]
    print(f"synthetic: repeated sentence occurrences "
          f"{s['sentence_repetition_en']['repeated_occurrence_share']:.1%}, "
          f"{s['distinct_words_en']['distinct_words']} distinct words / 20k tokens, "
          f"punctuation-only r arousal {s['punctuation_only_r']['arousal']['max']:.2f} "
          f"(tf-idf {s['tfidf_ridge_r']['arousal']:.2f}), valence "
          f"{s['punctuation_only_r']['valence']['max']:.2f} "
          f"(tf-idf {s['tfidf_ridge_r']['valence']:.2f}), std valence "
          f"{s['spread']['valence']['std']:.3f} arousal {s['spread']['arousal']['std']:.3f}, "
          f"{s['generate_seconds']:.1f} s")
    c = s["crisis_artefacts"]
    worst = max(c["top_trigram"].items(), key=lambda kv: kv[1]["share"])
    print(f"crisis: {c['crisis_counts']}, hard negatives {c['hard_negative_share']:.1%} of none; "
          f"position quintiles {c['position']['quintile_shares']} "
          f"(KS {c['position']['ks_to_uniform']:.3f}); length AUC {c['length_auc']}; "
          f"typography AUC {c['typography_auc']}; function-word AUC corpus / probes "
          f"{c['function_word_auc']}; top 3-gram {worst[0]}: "
          f"'{worst[1]['trigram']}' in {worst[1]['share']:.1%} of its rows")
    if "reference_vader" in report:
        p = report["reference_vader"]["pooled"]
        print(f"VADER pooled: repeated sentence occurrences "
              f"{p['sentence_repetition']['repeated_occurrence_share']:.1%}, "
              f"{p['distinct_words']['distinct_words']} distinct words / 20k tokens, "
              f"punctuation-only r valence {p['punctuation_only_r_valence']['max']:.2f}, "
              f"std valence {p['spread_valence']['std']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
