"""The bundle's model card, generated from the metrics the pipeline wrote: nothing in it is
typed by hand, so it cannot drift from the numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_SLICE_METRICS = {"regression": ("n", "pearson", "rmse"),
                  "multiclass": ("n", "crises", "sensitivity", "false_positive_rate", "macro_f1")}
_TEST_METRICS = {"regression": ("n", "pearson", "spearman", "rmse", "mae", "ece",
                                "ece_uncalibrated"),
                 "multiclass": ("n", "crises", "sensitivity", "false_positive_rate", "macro_f1",
                                "mcc", "any_crisis_auc", "log_loss", "ece", "threshold")}


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "—" if value is None else str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def model_card(specs: Mapping[str, dict[str, Any]], metrics: Mapping[str, dict[str, Any]],
               data: dict[str, Any], features: dict[str, Any]) -> str:
    out = ["# Model card: perception", "",
           "## Intended use",
           "Scores how a short personal text (a journal reflection, a chat message) is "
           "perceived: valence and arousal on 0..1, and a crisis type. It supports people who "
           "read such texts; it does not replace them. A flagged crisis is a prompt for human "
           "review, never an automatic action, and an unflagged text is not a statement that "
           "the writer is safe.", "",
           "## Data",
           f"- Rows: {data.get('rows')}; split {data.get('split')} "
           f"(grouped by user: no writer is in two splits).",
           f"- Sources: {', '.join(data.get('sources', []))}; languages: "
           f"{', '.join(f'{k} {v}' for k, v in sorted(data.get('lang', {}).items()))}.",
           "- Texts are normalized and PII-redacted (emails, phones, cards, URLs, handles) "
           "before training and before scoring.",
           f"- Features: {', '.join(features['groups'])}.", ""]
    for name, spec in sorted(specs.items()):
        m = metrics[name]
        kind = spec["kind"]
        out += [f"## {name} ({kind}; model: {spec['chosen']})", "",
                "Test split:", ""]
        keys = [k for k in _TEST_METRICS[kind] if k in m["test"]]
        out += _table(keys, [[m["test"][k] for k in keys]])
        out += ["Gates (judged on test):", ""]
        out += _table(["gate", "metric", "threshold", "value", "passed"],
                      [[g, v["metric"], v["threshold"], v["value"], "yes" if v["passed"] else
                        "**NO**"] for g, v in sorted(m["gates"].items())])
        for by, groups in sorted(m.get("slices", {}).items()):
            cols = list(_SLICE_METRICS[kind])
            out += [f"By {by}:", ""]
            out += _table([by, *cols], [[value, *[g.get(k) for k in cols]]
                                        for value, g in sorted(groups.items())])
    out += ["## Limitations", "",
            "- Trained on the data listed above. The embedded default corpus is synthetic and "
            "easier than real text: its metrics measure the pipeline, not real-world quality.",
            "- Scores for languages, registers or text lengths that are rare in the training "
            "data (see the slices) are less reliable.",
            "- Calibration was fitted on the validation split; it holds only as far as new "
            "texts resemble it.", ""]
    crisis = [n for n, s in specs.items() if s["kind"] == "multiclass"]
    for name in crisis:
        t = metrics[name]["test"]
        out += [f"## Crisis sensitivity caveat ({name})", "",
                f"At the shipped {_thresholds(specs[name])}, "
                f"{_fmt(t.get('sensitivity'))} of the {t.get('crises')} test texts with an "
                f"event were flagged: about {_miss(t.get('sensitivity'))} in 100 are missed. "
                "Missing a crisis is the costly error, so the threshold was chosen on "
                "validation for sensitivity (with a confidence margin), and flagged texts need "
                "human review. Each flag carries the sentences that drove it and the lexicon "
                "cues matched; a lexicon safety net also asks for review when an explicit "
                "method, plan or time is named, whatever the score."
                + _ci(t.get("sensitivity_ci95")) + _severity(specs[name].get("severity"))
                + " Do not use this model as the only safeguard."
                + ("" if metrics[name]["accepted"] else
                   " **This model does not pass all its acceptance gates (see above).**"), ""]
    return "\n".join(out)


def _thresholds(spec: Mapping[str, Any]) -> str:
    """The decision threshold, or one per level ("lang") and the lowest for any other."""
    by = spec.get("threshold_by")
    if not by:
        return f"threshold ({_fmt(spec.get('threshold'))})"
    column, levels = next(iter(by.items()))
    per = ", ".join(f"{level} {_fmt(t)}" for level, t in sorted(levels.items()))
    return (f"thresholds (by {column}: {per}; any other or no {column}: "
            f"{_fmt(spec.get('threshold'))})")


def _ci(interval: list[float] | None) -> str:
    if not interval:
        return ""
    return (f" With this many test events the sensitivity is known to within "
            f"{_fmt(interval[0])} to {_fmt(interval[1])} (95 % Wilson interval).")


def _severity(severity: dict[str, Any] | None) -> str:
    """The band rule, in words: probability times the weight of the most likely type."""
    if not severity:
        return ""
    weights = severity.get("type_weights") or {}
    bands = ", ".join(f"{k} ≥ {_fmt(v)}" for k, v in sorted(
        ((k, v) for k, v in severity.items() if k != "type_weights"), key=lambda kv: kv[1]))
    typed = ", ".join(f"{k} {_fmt(v)}" for k, v in sorted(weights.items()))
    return (f" The severity band is the probability times the weight of the most likely "
            f"type ({bands}" + (f"; weights: {typed}" if typed else "") + "), so a type "
            "weighted below the emergency floor, such as passive ideation alone, can never be "
            "an emergency.")


def _miss(sensitivity: float | None) -> str:
    return "—" if sensitivity is None else str(round(100 * (1 - sensitivity)))
