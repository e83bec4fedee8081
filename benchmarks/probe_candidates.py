"""Which part of the crisis model drives its probe errors: every candidate on the probe suite.

    .venv/bin/python benchmarks/probe_candidates.py --out benchmarks/results/probe_candidates.json

On the built workspace (`dvc repro` or `dvc pull` first), scores the hand-written probe suite
(`targets.crisis.probes`) with every candidate the trained crisis model carries - each base
learner (lexical, embeddings, sentences), "all", the stack and the blend - through the feature
code the evaluate stage uses (`stages.evaluate.probe_features`). Per candidate:

* `auc`: the ROC AUC of its event probability (1 - P(none), before calibration) for the crisis
  probes against every none probe (hard negatives and ordinary texts), and `auc_hard_negative`
  against the hard negatives alone: a threshold-free reading of how a candidate ranks texts
  that no generator wrote. The model's threshold is chosen for the model, not for each
  candidate, so recall and flag rates per candidate would compare thresholds, not rankings.
* `errors`: every probe the model gets wrong at its threshold (a flagged none probe, a missed
  crisis probe), with each candidate's score: which part drove the error. Probe ids only; the
  texts are in the probe file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from perception.artifacts import write_json

ROOT = Path(__file__).resolve().parents[1]


def rankings(scores: dict[str, np.ndarray], kinds: list[str]) -> dict[str, dict[str, float]]:
    """Per candidate, the ROC AUC of crisis probes against all none probes and against the
    hard negatives alone (`kinds`: each probe's kind, "crisis", "hard_negative" or another)."""
    kind = np.asarray(kinds)
    crisis = kind == "crisis"
    hard = crisis | (kind == "hard_negative")
    return {name: {"auc": round(float(roc_auc_score(crisis, s)), 4),
                   "auc_hard_negative": round(float(roc_auc_score(crisis[hard], s[hard])), 4)}
            for name, s in scores.items()}


def errors(ids: list[str], kinds: list[str], flagged: np.ndarray,
           scores: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    """The probes the model gets wrong (a flagged none probe, a missed crisis), each with every
    candidate's score, in probe-file order."""
    out = []
    for i, (pid, kind) in enumerate(zip(ids, kinds, strict=True)):
        if bool(flagged[i]) != (kind == "crisis"):
            out.append({"id": pid, "kind": kind, "flagged": bool(flagged[i]),
                        "scores": {n: round(float(s[i]), 3) for n, s in scores.items()}})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/probe_candidates.json")
    parser.add_argument("--target", default="crisis")
    args = parser.parse_args(argv)

    from built import built_model, thresholds

    from perception.models.decision import decide, event_probability

    model, suite, features = built_model(args.target)
    probes = list(suite.probes)
    groups, context = features([p.text for p in probes])
    raw = {name: model.predict_raw(groups, context, name) for name in model.candidates}
    scores = {name: event_probability(r) for name, r in raw.items()}
    # The model's own decision: its chosen candidate, calibrated (`TargetModel.predict`).
    flagged = decide(model.calibration.apply(raw[model.chosen]),
                     model.thresholds(context, len(probes))) != 0
    ids, kinds = [p.id for p in probes], [p.kind for p in probes]
    result = {"target": args.target, "chosen": model.chosen,
              **thresholds(model), "probes": len(probes),
              "candidates": rankings(scores, kinds),
              "errors": errors(ids, kinds, flagged, scores)}
    write_json(args.out, result)
    for name, r in result["candidates"].items():
        print(f"{name:>12}: AUC {r['auc']:.3f} (hard negatives {r['auc_hard_negative']:.3f})")
    print(f"{len(result['errors'])} probes wrong at the threshold; details in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
