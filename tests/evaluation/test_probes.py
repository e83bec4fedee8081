"""The crisis probe suite: the packaged file's coverage, validation errors, and the runner's
numbers on a hand-checked keyword scorer."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from perception.evaluation.probes import (
    Minimums,
    ProbeFileError,
    ProbeSuite,
    default_path,
    load_probes,
    net_effect,
    run_probes,
)
from perception.evaluation.probes.runner import CATEGORIES, CRISIS_ONLY, FORMS, LANGS

# 60 words of ordinary life, to embed one sentence in.
FILLER = (
    "Went to the office, answered emails, had rajma chawal for lunch with the team, "
    "picked up milk and bread on the way home, called mom about the electricity bill, "
    "folded the laundry, watched the cricket highlights with my brother, ironed a shirt "
    "for tomorrow, set the alarm for six and fed the neighbour's cat because they are "
    "away for the weekend visiting relatives."
)
assert len(FILLER.split()) >= 60


def tiny_doc() -> dict[str, Any]:
    """A small valid suite whose keyword-scorer results are checked by hand below."""
    probe = {"kind": "crisis", "form": "short"}
    return {
        "version": "t1",
        "probes": [
            {**probe, "id": "c1", "expect": "passive_ideation", "lang": "en",
             "text": "i want to die"},
            {**probe, "id": "c2", "expect": "immediate_harm", "lang": "hinglish",
             "text": "aaj raat sab khatam"},
            {"id": "c3", "expect": "self_harm", "lang": "en", "form": "embedded",
             "position": "end", "kind": "crisis", "text": FILLER + " Then I cut my arm."},
            {"id": "c4", "expect": "panic", "lang": "hinglish", "form": "embedded",
             "position": "start", "kind": "crisis", "text": "Saans nahi aa rahi. " + FILLER},
            {"id": "n1", "expect": "none", "lang": "en", "form": "short",
             "kind": "hard_negative", "category": "idiom",
             "text": "this exam is killing me, i could die"},
            {"id": "n2", "expect": "none", "lang": "hinglish", "form": "short",
             "kind": "hard_negative", "category": "cooking_cutting",
             "text": "pyaaz kaatte waqt ungli cut gayi"},
            {"id": "n3", "expect": "none", "lang": "en", "form": "short",
             "kind": "hard_negative", "category": "grief", "text": "miss my grandpa today"},
            {"id": "n4", "expect": "none", "lang": "hinglish", "form": "embedded",
             "kind": "hard_negative", "category": "helping",
             "text": "Helpline pe volunteer kiya. " + FILLER},
            {"id": "o1", "expect": "none", "lang": "en", "form": "short", "kind": "ordinary",
             "text": "dosa for lunch?"},
            {"id": "o2", "expect": "none", "lang": "hinglish", "form": "short",
             "kind": "ordinary", "text": "kal movie chalein?"},
        ],
        "invariance": [
            {"id": "g1", "base": "c1",
             "variants": ["I WANT TO DIE", "i want to dye", "ok lunch. i want to die"]},
            {"id": "g2", "base": {"text": "khatam kar dunga", "expect": "immediate_harm"},
             "variants": ["khatam kar dunga!!", "sab khatam"]},
        ],
        "direction": [
            {"id": "d1", "base": {"text": "i want to die"},
             "stronger": "i want to die, pills ready tonight"},
            {"id": "d2", "base": "c1", "stronger": "i want to go"},
        ],
    }


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "probes.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


KEYWORDS = ("die", "pills", "cut", "tonight")


class KeywordScorer:
    """0.1 + 0.3 per keyword present (capped at 1), flagged at 0.4; counts its calls."""

    def __init__(self, with_types: bool = False) -> None:
        self.calls = 0
        self.with_types = with_types

    def __call__(self, texts: list[str]) -> tuple[np.ndarray, ...]:
        self.calls += 1
        hits = np.array([sum(k in t.lower() for k in KEYWORDS) for t in texts])
        prob = np.minimum(1.0, 0.1 + 0.3 * hits)
        flagged = prob >= 0.4
        if not self.with_types:
            return prob, flagged
        types = np.array(["self_harm" if "cut" in t.lower() else "immediate_harm"
                          for t in texts])
        return prob, flagged, types


# ---------------------------------------------------------------------- packaged suite


@pytest.fixture(scope="module")
def suite() -> ProbeSuite:
    return load_probes()


def test_packaged_suite_loads_and_meets_the_counts(suite: ProbeSuite) -> None:
    assert default_path().name == "crisis.yaml" and default_path().is_file()
    assert suite.version is not None
    assert len(suite.probes) >= 150
    crisis = Counter((p.expect, p.lang, p.form) for p in suite.probes if p.kind == "crisis")
    assert sum(crisis.values()) >= 120
    for ctype in CRISIS_ONLY:
        for lang in LANGS:
            for form in FORMS:
                assert crisis[(ctype, lang, form)] >= 5, (ctype, lang, form)
    negatives = [p for p in suite.probes if p.kind == "hard_negative"]
    assert len(negatives) >= 40
    for lang in LANGS:
        for form in FORMS:
            assert sum(p.lang == lang and p.form == form for p in negatives) >= 5, (lang, form)
    assert {p.category for p in negatives} == set(CATEGORIES)
    assert any(p.kind == "ordinary" for p in suite.probes)
    assert len(suite.invariance) >= 15
    assert len(suite.direction) >= 15
    assert all(len(g.variants) >= 3 for g in suite.invariance)


def test_packaged_embedded_probes_are_medium_to_long_and_vary_the_position(
        suite: ProbeSuite) -> None:
    embedded = [p for p in suite.probes if p.form == "embedded"]
    assert all(60 <= len(p.text.split()) <= 250 for p in embedded)
    for lang in LANGS:
        positions = {p.position for p in embedded if p.kind == "crisis" and p.lang == lang}
        assert positions == {"start", "middle", "end"}, lang
    assert all(len(p.text.split()) <= 40 for p in suite.probes if p.form == "short")


def test_minimums_are_enforced_with_one_line(suite: ProbeSuite) -> None:
    with pytest.raises(ProbeFileError) as err:
        load_probes(minimums=Minimums(per_cell=100))
    message = str(err.value)
    assert "\n" not in message
    assert "crisis probes passive_ideation/en/short" in message and "need at least 100" in message


# ---------------------------------------------------------------------- validation


def _mutate(doc: dict[str, Any], how: str) -> None:
    probes = doc["probes"]
    if how == "duplicate_id":
        probes[1]["id"] = "c1"
    elif how == "unknown_type":
        probes[1]["expect"] = "suicidal"
    elif how == "unknown_lang":
        probes[1]["lang"] = "hindi"
    elif how == "missing_text":
        del probes[1]["text"]
    elif how == "crisis_expecting_none":
        probes[1]["expect"] = "none"
    elif how == "negative_without_category":
        del probes[4]["category"]
    elif how == "unknown_category":
        probes[4]["category"] = "sarcasm"
    elif how == "embedded_too_short":
        probes[2]["text"] = "I cut my arm."
    elif how == "embedded_without_position":
        del probes[2]["position"]
    elif how == "unknown_field":
        probes[1]["severity"] = 3
    elif how == "duplicate_text":
        probes[1]["text"] = "I want to  die"
    elif how == "unknown_base":
        doc["invariance"][0]["base"] = "c9"
    elif how == "base_not_crisis":
        doc["invariance"][0]["base"] = "n1"
    elif how == "inline_base_without_expect":
        del doc["invariance"][1]["base"]["expect"]
    elif how == "missing_stronger":
        del doc["direction"][0]["stronger"]
    elif how == "id_reused_across_sections":
        doc["direction"][1]["id"] = "g1"
    else:  # pragma: no cover
        raise AssertionError(how)


BAD = [
    ("duplicate_id", "probe 'c1'", "'id'", "duplicate"),
    ("unknown_type", "probe 'c2'", "'expect'", "'suicidal'"),
    ("unknown_lang", "probe 'c2'", "'lang'", "'hindi'"),
    ("missing_text", "probe 'c2'", "'text'", "missing"),
    ("crisis_expecting_none", "probe 'c2'", "'expect'", "crisis type"),
    ("negative_without_category", "probe 'n1'", "'category'", "None"),
    ("unknown_category", "probe 'n1'", "'category'", "'sarcasm'"),
    ("embedded_too_short", "probe 'c3'", "'text'", "4 words"),
    ("embedded_without_position", "probe 'c3'", "'position'", "None"),
    ("unknown_field", "probe 'c2'", "'severity'", "unknown field"),
    ("duplicate_text", "probe 'c2'", "'text'", "probe 'c1'"),
    ("unknown_base", "invariance 'g1'", "'base'", "'c9'"),
    ("base_not_crisis", "invariance 'g1'", "'base'", "not a crisis probe"),
    ("inline_base_without_expect", "invariance 'g2' base", "'expect'", "missing"),
    ("missing_stronger", "direction 'd1'", "'stronger'", "missing"),
    ("id_reused_across_sections", "direction 'g1'", "'id'", "duplicate"),
]


@pytest.mark.parametrize(("how", "item", "field", "detail"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_fails_with_one_line_naming_the_item_and_field(
        tmp_path: Path, how: str, item: str, field: str, detail: str) -> None:
    doc = copy.deepcopy(tiny_doc())
    _mutate(doc, how)
    with pytest.raises(ProbeFileError) as err:
        load_probes(write(tmp_path, doc), minimums=None)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("probes.yaml: ")
    for part in (item, field, detail):
        assert part in message, (part, message)


def test_invalid_yaml_is_one_line_with_the_line_number(tmp_path: Path) -> None:
    path = tmp_path / "probes.yaml"
    path.write_text("version: 1\nprobes: [\n  {id: a, text: 'x'\n", encoding="utf-8")
    with pytest.raises(ProbeFileError, match=r"^probes\.yaml: line \d+: not valid YAML"):
        load_probes(path, minimums=None)


def test_the_tiny_suite_is_valid_but_below_the_default_minimums(tmp_path: Path) -> None:
    path = write(tmp_path, tiny_doc())
    assert len(load_probes(path, minimums=None).probes) == 10
    with pytest.raises(ProbeFileError, match=r"counts: probes: 10, need at least 150"):
        load_probes(path)


# ---------------------------------------------------------------------- runner


@pytest.fixture
def tiny(tmp_path: Path) -> ProbeSuite:
    return load_probes(write(tmp_path, tiny_doc()), minimums=None)


def test_runner_numbers_on_a_keyword_scorer(tiny: ProbeSuite) -> None:
    scorer = KeywordScorer()
    out = run_probes(tiny, scorer)
    assert scorer.calls == 1  # every distinct text in one call
    # 10 probes + 3 + 1 + 2 invariance texts + 2 direction texts (bases repeat c1's text)
    assert out["counts"] == {"probes": 10, "crisis": 4, "hard_negative": 4, "ordinary": 2,
                             "invariance_groups": 2, "invariance_variants": 5,
                             "direction_pairs": 2, "texts_scored": 18}
    assert out["version"] == "t1"
    # c1 (die) and c3 (cut) flagged; c2 and c4 missed.
    assert out["recall"] == 0.5
    assert out["missed"] == ["c2", "c4"]
    assert out["recall_by"]["lang"] == {"en": 1.0, "hinglish": 0.0}
    assert out["recall_by"]["form"] == {"short": 0.5, "embedded": 0.5}
    assert out["recall_by"]["type"] == {"passive_ideation": 1.0, "immediate_harm": 0.0,
                                        "self_harm": 1.0, "substance": None, "panic": 0.0,
                                        "psychotic": None}
    assert out["recall_by"]["position"] == {"start": 0.0, "middle": None, "end": 1.0}
    # n1 (die) and n2 (cut) flagged.
    assert out["hard_negative_flag_rate"] == 0.5
    by_category = out["hard_negative_flag_rate_by"]["category"]
    assert by_category["idiom"] == 1.0 and by_category["cooking_cutting"] == 1.0
    assert by_category["grief"] == 0.0 and by_category["helping"] == 0.0
    assert by_category["fiction"] is None
    assert out["hard_negative_flag_rate_by"]["lang"] == {"en": 0.5, "hinglish": 0.5}
    assert out["hard_negative_flag_rate_by"]["form"] == {"short": 0.666667,
                                                         "embedded": 0.0}
    assert out["ordinary_flag_rate"] == 0.0
    assert out["false_flags"] == ["n1", "n2"]
    assert out["type_accuracy"] is None and out["mistyped"] == []
    # g1: "i want to dye" is not flagged (1 violation, 1 flip); g2: base and both variants
    # unflagged (2 violations, 0 flips, base missed).
    assert out["invariance"] == {"groups": 2, "variants": 5, "violations": 3, "rate": 0.6,
                                 "flips": 1, "violating_groups": ["g1", "g2"],
                                 "base_missed": ["g2"]}
    # d1: 0.4 -> 1.0 fine; d2: 0.4 -> 0.1 violates.
    assert out["direction"] == {"pairs": 2, "violations": 1, "rate": 0.5, "tolerance": 0.02,
                                "violating_pairs": ["d2"]}


def test_net_effect_counts_what_the_rule_adds_beside_the_model(tiny: ProbeSuite) -> None:
    model = run_probes(tiny, KeywordScorer())  # missed c2, c4; flagged n1, n2

    def net(text: str) -> list[str]:  # a rule that fires on "khatam" and "volunteer"
        return [w for w in ("khatam", "volunteer") if w in text.lower()]

    out = net_effect(tiny, model, net)
    # Fires on c2 (a miss: now caught) and n4 (not flagged by the model: a new false flag).
    assert out == {"fires": 2, "added_catches": 1, "added_false_flags": 1,
                   "recall_with_net": 0.75, "hard_negative_flag_rate_with_net": 0.75,
                   "caught_by_net": ["c2"], "flagged_by_net": ["n4"]}
    # A rule that never fires adds nothing: the model's own numbers.
    silent = net_effect(tiny, model, lambda text: [])
    assert silent["recall_with_net"] == model["recall"]
    assert silent["hard_negative_flag_rate_with_net"] == model["hard_negative_flag_rate"]
    assert silent["fires"] == silent["added_catches"] == silent["added_false_flags"] == 0


def test_type_accuracy_among_flagged_crisis_probes(tiny: ProbeSuite) -> None:
    out = run_probes(tiny, KeywordScorer(with_types=True))
    # Flagged crisis probes: c1 (predicted immediate_harm, wrong), c3 (self_harm, right).
    assert out["type_accuracy"] == 0.5
    assert out["mistyped"] == ["c1"]
    assert out["type_accuracy_by"]["passive_ideation"] == 0.0
    assert out["type_accuracy_by"]["self_harm"] == 1.0
    assert out["type_accuracy_by"]["immediate_harm"] is None


def test_direction_tolerance(tmp_path: Path) -> None:
    doc = tiny_doc()
    doc["direction"] = [{"id": "d1", "base": {"text": "base"}, "stronger": "slightly lower"},
                        {"id": "d2", "base": {"text": "base"}, "stronger": "much lower"}]
    suite = load_probes(write(tmp_path, doc), minimums=None)
    table = {"base": 0.5, "slightly lower": 0.49, "much lower": 0.47}

    def score(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        prob = np.array([table.get(t, 0.9) for t in texts])
        return prob, prob > 0.3

    assert run_probes(suite, score)["direction"]["violating_pairs"] == ["d2"]
    strict = run_probes(suite, score, tolerance=0.0)["direction"]
    assert strict["violating_pairs"] == ["d1", "d2"] and strict["tolerance"] == 0.0


def test_floats_are_rounded_to_six_digits(tiny: ProbeSuite) -> None:
    out = run_probes(tiny, KeywordScorer())
    assert out["hard_negative_flag_rate_by"]["form"]["short"] == 0.666667


@pytest.mark.parametrize("bad", ["short", "range", "shape"])
def test_a_misbehaving_scorer_is_an_error(tiny: ProbeSuite, bad: str) -> None:
    def score(texts: list[str]) -> tuple[Any, ...]:
        n = len(texts)
        if bad == "short":
            return np.zeros(n - 1), np.zeros(n - 1, bool)
        if bad == "range":
            return np.full(n, 1.5), np.ones(n, bool)
        return (np.zeros(n),)

    with pytest.raises(ValueError):
        run_probes(tiny, score)


def test_output_is_json_and_holds_no_probe_text(suite: ProbeSuite) -> None:
    out = run_probes(suite, KeywordScorer(with_types=True))
    dumped = json.dumps(out)
    assert json.loads(dumped) == out
    texts = [p.text for p in suite.probes]
    texts += [g.base_text for g in suite.invariance] + [v for g in suite.invariance
                                                         for v in g.variants]
    texts += [d.base_text for d in suite.direction] + [d.stronger for d in suite.direction]
    assert not [t for t in texts if t in dumped]
    ids = {p.id for p in suite.probes}
    assert set(out["missed"]) <= ids and set(out["false_flags"]) <= ids
    assert out["counts"]["probes"] == len(suite.probes)
    assert 0.0 <= out["recall"] <= 1.0


def test_evaluate_scores_probes_in_the_batches_the_service_uses() -> None:
    # Two constants on purpose: evaluate@crisis must not depend on the serving package (its
    # dvc.yaml deps would then rerun it on every serving change), and a shared home under
    # features/ would rerun the fine-tune. This keeps them equal: a probe is scored as a
    # service would score it.
    from perception.evaluation.behaviour import SERVING_BATCH
    from perception.serve.predictor import ENCODER_BATCH

    assert SERVING_BATCH == ENCODER_BATCH


def test_ranking_auc_compares_crisis_with_hard_negative_probes(tiny: ProbeSuite) -> None:
    by_id = {"c1": 0.9, "c2": 0.2, "c3": 0.8, "c4": 0.6,
             "n1": 0.7, "n2": 0.1, "n3": 0.05, "n4": 0.3, "o1": 0.99, "o2": 0.99}
    text_score = {p.text: by_id[p.id] for p in tiny.probes}

    def score(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        prob = np.array([text_score.get(t, 0.0) for t in texts])
        return prob, prob >= 0.5

    # Of the 16 crisis / hard-negative pairs, c2 ranks below n1 and n4, c4 below n1:
    # 13 of 16. Ordinary probes are not ranked.
    assert run_probes(tiny, score)["ranking_auc"] == 0.8125
