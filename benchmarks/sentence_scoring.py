"""How a text's sentences are scored for crisis: the pipeline's rule against alternatives.

    .venv/bin/python benchmarks/sentence_scoring.py --out benchmarks/results/sentence_scoring.json
    .venv/bin/python benchmarks/sentence_scoring.py --also /path/to/another/finetuned

On the built workspace (`dvc repro` or `dvc pull` first), the fine-tuned encoder's crisis head
scores every sentence of the hand-written probe suite and of the val split, and each variant
pools a text's sentence scores by their maximum, as the `sentences` feature group does
(`features.sentence_scores`):

* `alone`: each sentence embedded on its own, scored 1 - P(none): the pipeline's rule;
* `neighbours`: each sentence embedded together with the one before and the one after, so
  the head reads it in its context (a helpline volunteer's training day, a race);
* `max_class`: each sentence alone, scored by its most likely crisis type instead of
  1 - P(none), which adds up probability spread over several types;
* `ensemble` (with `--also`): `alone`, with the type probabilities averaged over this
  workspace's fine-tune and each other fine-tuned folder given (`models/finetuned` of a build
  with another `finetune.seed`): whether the heads' errors on unseen prose are the variance
  of one fine-tune or shared.

Per variant: the ranking of crisis probes against none probes (ROC AUC, as
`benchmarks/probe_candidates.py` reads it), crisis probes caught and hard negatives flagged
at fixed cut-offs of the pooled score (the blend's threshold applies to the blend, not to one
feature), and the ROC AUC on val, overall and on its texts of more than one sentence. No text
is written out.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_candidates import rankings

from perception.artifacts import write_json
from perception.features.sentences import Sentence, scored_text, sentence_spans

ROOT = Path(__file__).resolve().parents[1]
CUTOFFS = (0.5, 0.8, 0.9)
NONE = "none"

# texts -> one row of crisis-type probabilities per text
Scorer = Callable[[list[str]], np.ndarray]


def units(texts: Sequence[str], context: int) -> tuple[list[str], np.ndarray]:
    """Per sentence of every text, what is embedded for it: the sentence alone as the pipeline
    reads it (`context` 0: `scored_text`, without closing full stops) or joined with up to
    `context` sentences either side; and the text each unit belongs to.
    A text the segmenter finds no sentence in is its own unit, as in the pipeline."""
    out: list[str] = []
    owner: list[int] = []
    for t, text in enumerate(texts):
        spans = sentence_spans(text) or [Sentence(0, len(text), text)]
        for i in range(len(spans)):
            lo, hi = max(0, i - context), min(len(spans), i + context + 1)
            out.append(" ".join(s.text for s in spans[lo:hi]) if context
                       else scored_text(spans[i].text))
            owner.append(t)
    return out, np.asarray(owner, dtype=np.int64)


def sentence_score(probs: np.ndarray, classes: Sequence[str], rule: str) -> np.ndarray:
    """A sentence's crisis score from its type probabilities: `event` (1 - P(none)) or
    `max_class` (the most likely crisis type's probability)."""
    none = list(classes).index(NONE)
    if rule == "event":
        return 1.0 - probs[:, none]
    if rule == "max_class":
        return np.delete(probs, none, axis=1).max(axis=1)
    raise ValueError(f"unknown rule {rule!r}")


def pool_max(scores: np.ndarray, owner: np.ndarray, n_texts: int) -> np.ndarray:
    """Each text's highest sentence score."""
    out = np.full(n_texts, -np.inf)
    np.maximum.at(out, owner, scores)
    return out


def probe_readings(score: np.ndarray, kinds: Sequence[str]) -> dict[str, Any]:
    """Ranking of crisis against none probes (`probe_candidates.rankings`), and per cut-off
    the crisis probes caught and the hard negatives flagged (a count: the gate reads them out
    of 50)."""
    kind = np.asarray(kinds)
    crisis, hard = kind == "crisis", kind == "hard_negative"
    return {
        **rankings({"pooled": score}, list(kinds))["pooled"],
        "at": {str(c): {"crisis_caught": round(float((score[crisis] >= c).mean()), 4),
                        "hard_negatives_flagged": int((score[hard] >= c).sum())}
               for c in CUTOFFS},
    }


def val_readings(score: np.ndarray, is_crisis: np.ndarray, multi: np.ndarray) -> dict[str, Any]:
    return {"auc": round(float(roc_auc_score(is_crisis, score)), 4),
            "auc_multi_sentence": round(float(roc_auc_score(is_crisis[multi], score[multi])), 4),
            "multi_sentence_texts": int(multi.sum())}


def _head_scorer(directory: Path, encoder_cfg: Any) -> tuple[Scorer, tuple[str, ...]]:
    from perception.features.encoder.runtime import load_encoder
    from perception.features.sentence_scores import SentenceHeads

    encoder = load_encoder(encoder_cfg, directory / "ir", directory / "model")
    head = SentenceHeads.load(directory / "ir").event_head()
    if head is None:
        raise SystemExit(f"{directory}: the fine-tuned heads have no crisis (event) head")

    def score(texts: list[str]) -> np.ndarray:
        vectors = encoder.encode(texts, encoder_cfg.batch_size, progress=False)
        return head.apply(np.asarray(vectors, dtype=np.float64))
    return score, head.classes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/sentence_scoring.json")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="another fine-tuned folder (model/ and ir/) for the ensemble")
    args = parser.parse_args(argv)

    import pandas as pd

    from perception.evaluation.probes.runner import load_probes
    from perception.stages.common import load_target

    os.chdir(ROOT)  # params.yaml's paths are relative to the repository, as in a stage
    loaded, cfg = load_target(Path("params.yaml"), "crisis")
    paths = loaded.paths
    if cfg.probes is None:
        print("the crisis target has no probe suite", file=sys.stderr)
        return 2
    members = [Path(paths.finetuned), *args.also]
    scorers = [_head_scorer(d, loaded.featurize.encoder) for d in members]
    classes = scorers[0][1]
    if any(c != classes for _, c in scorers):
        raise SystemExit("the fine-tuned folders name different crisis classes")

    probes = list(load_probes(Path(cfg.probes)).probes)
    splits = pd.read_parquet(paths.splits)
    clean = pd.read_parquet(paths.clean)
    val = clean.merge(splits.loc[splits["split"] == "val", ["id"]], on="id")
    val = val[val[cfg.label.column].notna()]
    sets = {"probes": [p.text for p in probes], "val": val["text"].tolist()}
    val_crisis = (val[cfg.label.column] != NONE).to_numpy()
    val_multi = np.array([len(sentence_spans(t)) > 1 for t in sets["val"]])

    variants = {"alone": (0, "event", 1), "neighbours": (1, "event", 1),
                "max_class": (0, "max_class", 1)}
    if args.also:
        variants["ensemble"] = (0, "event", len(members))
    result: dict[str, Any] = {"members": [str(d) for d in members], "probes": len(probes),
                              "val_texts": len(val), "variants": {}}
    for name, (context, rule, n_members) in variants.items():
        reading: dict[str, Any] = {}
        for set_name, texts in sets.items():
            unit_texts, owner = units(texts, context)
            probs = np.mean([s(unit_texts) for s, _ in scorers[:n_members]], axis=0)
            per_sentence = sentence_score(probs, classes, rule)
            pooled = pool_max(per_sentence, owner, len(texts))
            reading[set_name] = (probe_readings(pooled, [p.kind for p in probes])
                                 if set_name == "probes"
                                 else val_readings(pooled, val_crisis, val_multi))
        result["variants"][name] = reading
        p, v = reading["probes"], reading["val"]
        at = "  ".join(f"{c}: {a['crisis_caught']:.3f}/{a['hard_negatives_flagged']}"
                       for c, a in p["at"].items())
        print(f"{name:>10}: probes AUC {p['auc']:.4f} (caught/flagged {at}); "
              f"val AUC {v['auc']:.4f} (multi-sentence {v['auc_multi_sentence']:.4f})")
    write_json(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
