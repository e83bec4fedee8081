"""Behavioural probes for the crisis model: load the suite, run it against any scorer.

Pure: `load_probes` reads one YAML file and validates it; `run_probes` calls the scorer it
is given once, on every distinct text of the suite, and returns a JSON-able dict of
numbers and probe ids. It never returns a probe's text, because its result is written to
metrics files that are committed and shared.

A scorer is `score(texts: list[str]) -> (probability, flagged)` or
`(probability, flagged, predicted_type)`: per text, the probability of any crisis, whether
the model would flag it for a reviewer, and optionally the predicted crisis type name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.metrics import roc_auc_score

from perception.data.schema import CRISIS_TYPES
from perception.errors import EvaluationError
from perception.evaluation.metrics import safety_net_effect

CRISIS_ONLY: tuple[str, ...] = tuple(t for t in CRISIS_TYPES if t != "none")
LANGS: tuple[str, ...] = ("en", "hinglish")
FORMS: tuple[str, ...] = ("short", "embedded")
KINDS: tuple[str, ...] = ("crisis", "hard_negative", "ordinary")
POSITIONS: tuple[str, ...] = ("start", "middle", "end")
CATEGORIES: tuple[str, ...] = (
    "idiom",
    "medication",
    "cooking_cutting",
    "fiction",
    "others_past",
    "recovery",
    "helping",
    "grief",
    "exercise_excitement",
)
# Word counts: a short probe is one message; an embedded one hides a sentence in a
# medium-to-long text.
SHORT_MAX_WORDS = 40
EMBEDDED_WORDS = (60, 250)
DEFAULT_TOLERANCE = 0.02

Score = Callable[[list[str]], tuple[Any, ...]]


class ProbeFileError(EvaluationError, ValueError):
    """A probe file that does not validate; the message is one line naming the item."""


@dataclass(frozen=True)
class Minimums:
    """The smallest suite `load_probes` accepts (pass `minimums=None` to skip)."""

    probes: int = 150
    per_cell: int = 5  # crisis probes per type x lang x form
    hard_negatives: int = 40
    hard_negatives_per_lang_form: int = 5
    invariance_groups: int = 15
    direction_pairs: int = 15


DEFAULT_MINIMUMS = Minimums()


@dataclass(frozen=True)
class Probe:
    id: str
    text: str
    expect: str
    lang: str
    form: str
    kind: str
    category: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class InvarianceGroup:
    id: str
    base_text: str
    expect: str
    variants: tuple[str, ...]
    base_id: str | None = None


@dataclass(frozen=True)
class DirectionPair:
    id: str
    base_text: str
    stronger: str
    base_id: str | None = None


@dataclass(frozen=True)
class ProbeSuite:
    version: int | str
    probes: tuple[Probe, ...]
    invariance: tuple[InvarianceGroup, ...]
    direction: tuple[DirectionPair, ...]

    def langs(self) -> dict[str, str]:
        """Text -> language for every text the suite scores: a variant or a stronger text
        is in its base probe's language (the model's context reads the language)."""
        by_id = {p.id: p.lang for p in self.probes}
        out = {p.text: p.lang for p in self.probes}
        for g in self.invariance:
            if g.base_id in by_id:
                out.update(dict.fromkeys((g.base_text, *g.variants), by_id[g.base_id]))
        for d in self.direction:
            if d.base_id in by_id:
                out.update(dict.fromkeys((d.base_text, d.stronger), by_id[d.base_id]))
        return out


def default_path() -> Path:
    """The packaged suite, next to this module."""
    return Path(str(resources.files(__package__).joinpath("crisis.yaml")))


# ---------------------------------------------------------------------------- loading


def _fail(where: str, item: str, field: str, problem: str) -> ProbeFileError:
    return ProbeFileError(f"{where}: {item}: field '{field}': {problem}")


def _text(raw: dict[str, Any], key: str, where: str, item: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, item, key, "must be a non-empty string")
    return value


def _choice(raw: dict[str, Any], key: str, allowed: Sequence[str], where: str, item: str) -> str:
    value = raw.get(key)
    if value not in allowed:
        raise _fail(where, item, key, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _check_keys(raw: Any, required: set[str], optional: set[str], where: str, item: str) -> None:
    if not isinstance(raw, dict):
        raise ProbeFileError(f"{where}: {item}: must be a mapping")
    missing = sorted(required - raw.keys())
    if missing:
        raise _fail(where, item, missing[0], "missing")
    unknown = sorted(raw.keys() - required - optional)
    if unknown:
        raise _fail(where, item, unknown[0], "unknown field")


def _item_id(raw: Any, section: str, index: int, where: str, seen: set[str]) -> str:
    name = f"{section}[{index}]"
    if not isinstance(raw, dict):
        raise ProbeFileError(f"{where}: {name}: must be a mapping")
    value = raw.get("id")
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, name, "id", "must be a non-empty string")
    if value in seen:
        label = "probe" if section == "probes" else section
        raise _fail(where, f"{label} '{value}'", "id", "duplicate id")
    seen.add(value)
    return value


def _probe(raw: dict[str, Any], pid: str, where: str) -> Probe:
    item = f"probe '{pid}'"
    _check_keys(raw, {"id", "text", "expect", "lang", "form", "kind"},
                {"category", "position"}, where, item)
    text = _text(raw, "text", where, item)
    expect = _choice(raw, "expect", CRISIS_TYPES, where, item)
    lang = _choice(raw, "lang", LANGS, where, item)
    form = _choice(raw, "form", FORMS, where, item)
    kind = _choice(raw, "kind", KINDS, where, item)
    if (kind == "crisis") == (expect == "none"):
        want = "a crisis type" if kind == "crisis" else "none"
        raise _fail(where, item, "expect", f"{expect!r} with kind {kind!r}: must be {want}")
    category = raw.get("category")
    if kind == "hard_negative":
        category = _choice(raw, "category", CATEGORIES, where, item)
    elif category is not None:
        raise _fail(where, item, "category", "only hard negatives have a category")
    position = raw.get("position")
    if kind == "crisis" and form == "embedded":
        position = _choice(raw, "position", POSITIONS, where, item)
    elif position is not None:
        raise _fail(where, item, "position", "only embedded crisis probes have a position")
    words = len(text.split())
    if form == "short" and words > SHORT_MAX_WORDS:
        raise _fail(where, item, "text", f"{words} words; a short probe has at most "
                    f"{SHORT_MAX_WORDS}")
    low, high = EMBEDDED_WORDS
    if form == "embedded" and not low <= words <= high:
        raise _fail(where, item, "text", f"{words} words; an embedded probe has {low}-{high}")
    return Probe(pid, text, expect, lang, form, kind, category, position)


def _base(raw: dict[str, Any], item: str, where: str, probes: dict[str, Probe],
          need_expect: bool) -> tuple[str, str | None, str | None]:
    """(text, expect, probe id) of an invariance or direction base."""
    base = raw.get("base")
    if isinstance(base, str):
        probe = probes.get(base)
        if probe is None:
            raise _fail(where, item, "base", f"unknown probe id {base!r}")
        if probe.kind != "crisis":
            raise _fail(where, item, "base", f"probe {base!r} is not a crisis probe")
        return probe.text, probe.expect, probe.id
    if not isinstance(base, dict):
        raise _fail(where, item, "base", "must be a probe id or a mapping {text, expect}")
    _check_keys(base, {"text", "expect"} if need_expect else {"text"},
                {"expect"}, where, f"{item} base")
    text = _text(base, "text", where, f"{item} base")
    expect = None
    if "expect" in base:
        expect = _choice(base, "expect", CRISIS_ONLY, where, f"{item} base")
    return text, expect, None


def _parse(doc: Any, where: str) -> ProbeSuite:
    if not isinstance(doc, dict):
        raise ProbeFileError(f"{where}: the file must be a mapping with version, probes, "
                             f"invariance and direction")
    for key in ("version", "probes", "invariance", "direction"):
        if key not in doc:
            raise ProbeFileError(f"{where}: top level: field '{key}': missing")
    unknown = sorted(set(doc) - {"version", "probes", "invariance", "direction"})
    if unknown:
        raise ProbeFileError(f"{where}: top level: field '{unknown[0]}': unknown field")
    version = doc["version"]
    if not isinstance(version, int | str) or isinstance(version, bool):
        raise ProbeFileError(f"{where}: top level: field 'version': must be a number or string")
    for key in ("probes", "invariance", "direction"):
        if not isinstance(doc[key], list):
            raise ProbeFileError(f"{where}: top level: field '{key}': must be a list")

    seen: set[str] = set()
    probes: dict[str, Probe] = {}
    texts: dict[str, str] = {}
    for i, raw in enumerate(doc["probes"]):
        pid = _item_id(raw, "probes", i, where, seen)
        probe = _probe(raw, pid, where)
        key = " ".join(probe.text.split()).casefold()
        if key in texts:
            raise _fail(where, f"probe '{pid}'", "text", f"same text as probe '{texts[key]}'")
        texts[key] = pid
        probes[pid] = probe

    groups = []
    for i, raw in enumerate(doc["invariance"]):
        gid = _item_id(raw, "invariance", i, where, seen)
        item = f"invariance '{gid}'"
        _check_keys(raw, {"id", "base", "variants"}, set(), where, item)
        text, expect, base_id = _base(raw, item, where, probes, need_expect=True)
        variants = raw["variants"]
        if not isinstance(variants, list) or not variants:
            raise _fail(where, item, "variants", "must be a non-empty list of texts")
        for j, variant in enumerate(variants):
            if not isinstance(variant, str) or not variant.strip():
                raise _fail(where, item, f"variants[{j}]", "must be a non-empty string")
            if variant == text:
                raise _fail(where, item, f"variants[{j}]", "same text as the base")
        if len(set(variants)) != len(variants):
            raise _fail(where, item, "variants", "a variant is repeated")
        groups.append(InvarianceGroup(gid, text, str(expect), tuple(variants), base_id))

    pairs = []
    for i, raw in enumerate(doc["direction"]):
        did = _item_id(raw, "direction", i, where, seen)
        item = f"direction '{did}'"
        _check_keys(raw, {"id", "base", "stronger"}, set(), where, item)
        text, _, base_id = _base(raw, item, where, probes, need_expect=False)
        stronger = _text(raw, "stronger", where, item)
        if stronger == text:
            raise _fail(where, item, "stronger", "same text as the base")
        pairs.append(DirectionPair(did, text, stronger, base_id))

    return ProbeSuite(version, tuple(probes.values()), tuple(groups), tuple(pairs))


def _check_minimums(suite: ProbeSuite, need: Minimums, where: str) -> None:
    def short(what: str, have: int, want: int) -> None:
        if have < want:
            raise ProbeFileError(f"{where}: counts: {what}: {have}, need at least {want}")

    short("probes", len(suite.probes), need.probes)
    crisis = [p for p in suite.probes if p.kind == "crisis"]
    for ctype in CRISIS_ONLY:
        for lang in LANGS:
            for form in FORMS:
                have = sum(p.expect == ctype and p.lang == lang and p.form == form
                           for p in crisis)
                short(f"crisis probes {ctype}/{lang}/{form}", have, need.per_cell)
    negatives = [p for p in suite.probes if p.kind == "hard_negative"]
    short("hard negatives", len(negatives), need.hard_negatives)
    for lang in LANGS:
        for form in FORMS:
            have = sum(p.lang == lang and p.form == form for p in negatives)
            short(f"hard negatives {lang}/{form}", have, need.hard_negatives_per_lang_form)
    short("invariance groups", len(suite.invariance), need.invariance_groups)
    short("direction pairs", len(suite.direction), need.direction_pairs)


def load_probes(path: str | Path | None = None, *,
                minimums: Minimums | None = DEFAULT_MINIMUMS) -> ProbeSuite:
    """Read and validate a probe file (default: the packaged crisis.yaml).

    Raises ProbeFileError with one line naming the item (probe, group or pair id) and the
    field at fault. `minimums=None` skips the count checks (small test files).
    """
    file = Path(path) if path is not None else default_path()
    where = file.name
    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else "?"
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ProbeFileError(f"{where}: {line}: not valid YAML: {problem}") from None
    suite = _parse(doc, where)
    if minimums is not None:
        _check_minimums(suite, minimums, where)
    return suite


# ---------------------------------------------------------------------------- running


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _rate(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return _round(sum(values) / len(values)) if values else None


def _rate_by(items: Sequence[Probe], flagged: dict[str, bool], key: str,
             levels: Sequence[str]) -> dict[str, float | None]:
    return {level: _rate(flagged[p.id] for p in items if getattr(p, key) == level)
            for level in levels}


def _call(score: Score, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    out = score(texts)
    if not isinstance(out, tuple) or len(out) not in (2, 3):
        raise ValueError("score must return (probability, flagged) or "
                         "(probability, flagged, predicted_type)")
    prob = np.asarray(out[0], dtype=float).reshape(-1)
    flagged = np.asarray(out[1]).reshape(-1)
    types = None if len(out) == 2 or out[2] is None else np.asarray(out[2]).reshape(-1)
    for name, arr in (("probability", prob), ("flagged", flagged), ("predicted_type", types)):
        if arr is not None and len(arr) != len(texts):
            raise ValueError(f"score returned {len(arr)} {name} values for {len(texts)} texts")
    if not np.all(np.isfinite(prob)) or np.any((prob < 0) | (prob > 1)):
        raise ValueError("score returned a probability outside [0, 1]")
    if flagged.dtype != bool and not np.isin(flagged, (0, 1)).all():
        raise ValueError("score returned a flag that is not a boolean")
    return prob, flagged.astype(bool), types


def net_effect(suite: ProbeSuite, result: dict[str, Any],
               net: Callable[[str], Sequence[str]]) -> dict[str, Any]:
    """What a rule beside the model (the lexicon safety net: a text's reasons for review,
    empty when it does not fire) adds on the suite, given `run_probes`' result for the model:
    the crisis probes it catches that the model missed and the hard negatives it flags that
    the model did not (ids, never texts), and the recall and hard-negative flag rate of model
    or rule, the suite's numbers for what a reviewer is shown."""
    missed, false_flags = set(result["missed"]), set(result["false_flags"])
    fires = {p.id for p in suite.probes if net(p.text)}
    # The suite's events are its crisis probes, its negatives the hard negatives (ordinary
    # texts count in `fires` only).
    judged = [p for p in suite.probes if p.kind in ("crisis", "hard_negative")]
    is_event = np.array([p.kind == "crisis" for p in judged], dtype=bool)
    flagged = np.array([p.id in false_flags if p.kind == "hard_negative" else p.id not in missed
                        for p in judged], dtype=bool)
    by_net = np.array([p.id in fires for p in judged], dtype=bool)
    effect = safety_net_effect(is_event, flagged, by_net)
    added = by_net & ~flagged
    return {
        "fires": len(fires),
        "added_catches": effect["added_catches"],
        "added_false_flags": effect["added_false_flags"],
        "recall_with_net": effect["sensitivity_with_net"],
        "hard_negative_flag_rate_with_net": effect["false_positive_rate_with_net"],
        "caught_by_net": [p.id for p, a, e in zip(judged, added, is_event, strict=True)
                          if a and e],
        "flagged_by_net": [p.id for p, a, e in zip(judged, added, is_event, strict=True)
                           if a and not e],
    }


def run_probes(suite: ProbeSuite, score: Score, *,
               tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    """Score every distinct text of the suite once and summarise.

    Returns numbers and ids only, never a probe's text:
    recall and recall_by (lang, form, type, position) over crisis probes; the flag rate of
    hard negatives (overall and by category, lang, form) and of ordinary texts; type
    accuracy among flagged crisis probes when the scorer predicts types; invariance
    (variants of a crisis text that are not flagged; `flips` counts variants whose flag
    differs from their base's, either way) and direction (pairs whose stronger
    text scores below its base by more than `tolerance`); the ids of missed crisis probes
    and of flagged non-crisis probes; `ranking_auc`, the ROC AUC of the score for crisis
    against hard-negative probes, which compares builds whatever their thresholds.
    """
    texts: list[str] = []
    index: dict[str, int] = {}

    def slot(text: str) -> int:
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return index[text]

    probe_at = {p.id: slot(p.text) for p in suite.probes}
    for group in suite.invariance:
        slot(group.base_text)
        for variant in group.variants:
            slot(variant)
    for pair in suite.direction:
        slot(pair.base_text)
        slot(pair.stronger)

    prob, flags, types = _call(score, texts) if texts else (np.zeros(0), np.zeros(0, bool),
                                                              None)
    flagged = {pid: bool(flags[i]) for pid, i in probe_at.items()}

    crisis = [p for p in suite.probes if p.kind == "crisis"]
    negatives = [p for p in suite.probes if p.kind == "hard_negative"]
    ordinary = [p for p in suite.probes if p.kind == "ordinary"]

    type_accuracy = None
    type_accuracy_by: dict[str, float | None] = {}
    mistyped: list[str] = []
    if types is not None:
        caught = [p for p in crisis if flagged[p.id]]
        right = {p.id: str(types[probe_at[p.id]]) == p.expect for p in caught}
        type_accuracy = _rate(right.values())
        type_accuracy_by = {t: _rate(right[p.id] for p in caught if p.expect == t)
                            for t in CRISIS_ONLY}
        mistyped = [pid for pid, ok in right.items() if not ok]

    variant_total = 0
    unflagged = 0
    flips = 0
    violating_groups: list[str] = []
    base_missed: list[str] = []
    for group in suite.invariance:
        if not flags[index[group.base_text]]:
            base_missed.append(group.id)
        misses = sum(not flags[index[v]] for v in group.variants)
        flips += sum(flags[index[v]] != flags[index[group.base_text]] for v in group.variants)
        variant_total += len(group.variants)
        unflagged += misses
        if misses:
            violating_groups.append(group.id)

    violating_pairs = [
        pair.id for pair in suite.direction
        if prob[index[pair.stronger]] < prob[index[pair.base_text]] - tolerance
    ]

    ranking_auc = None
    if crisis and negatives:
        ranked = crisis + negatives
        ranking_auc = _round(float(roc_auc_score(
            [p.kind == "crisis" for p in ranked], [prob[probe_at[p.id]] for p in ranked])))

    embedded = [p for p in crisis if p.position is not None]
    return {
        "version": suite.version,
        "counts": {
            "probes": len(suite.probes),
            "crisis": len(crisis),
            "hard_negative": len(negatives),
            "ordinary": len(ordinary),
            "invariance_groups": len(suite.invariance),
            "invariance_variants": variant_total,
            "direction_pairs": len(suite.direction),
            "texts_scored": len(texts),
        },
        "recall": _rate(flagged[p.id] for p in crisis),
        "recall_by": {
            "lang": _rate_by(crisis, flagged, "lang", LANGS),
            "form": _rate_by(crisis, flagged, "form", FORMS),
            "type": _rate_by(crisis, flagged, "expect", CRISIS_ONLY),
            "position": _rate_by(embedded, flagged, "position", POSITIONS),
        },
        "hard_negative_flag_rate": _rate(flagged[p.id] for p in negatives),
        "hard_negative_flag_rate_by": {
            "category": _rate_by(negatives, flagged, "category", CATEGORIES),
            "lang": _rate_by(negatives, flagged, "lang", LANGS),
            "form": _rate_by(negatives, flagged, "form", FORMS),
        },
        "ordinary_flag_rate": _rate(flagged[p.id] for p in ordinary),
        "ranking_auc": ranking_auc,
        "type_accuracy": type_accuracy,
        "type_accuracy_by": type_accuracy_by,
        "invariance": {
            "groups": len(suite.invariance),
            "variants": variant_total,
            "violations": unflagged,
            "rate": _round(unflagged / variant_total) if variant_total else None,
            "flips": int(flips),
            "violating_groups": violating_groups,
            "base_missed": base_missed,
        },
        "direction": {
            "pairs": len(suite.direction),
            "violations": len(violating_pairs),
            "rate": _round(len(violating_pairs) / len(suite.direction))
            if suite.direction else None,
            "tolerance": _round(tolerance),
            "violating_pairs": violating_pairs,
        },
        "missed": [p.id for p in crisis if not flagged[p.id]],
        "false_flags": [p.id for p in negatives + ordinary if flagged[p.id]],
        "mistyped": mistyped,
    }
