"""Whether the built crisis model's decisions hold when a text carries a word the generator
never wrote.

    .venv/bin/python benchmarks/foreign_words.py [--out benchmarks/results/foreign_words.json]

The generator writes from a closed vocabulary; people do not (about one word in six of
hand-written Hinglish is one the corpus's Hinglish never uses, docs/crisis.md). On the built
workspace (`dvc repro` or `dvc pull` first), every short test-split text (2-12 words, where
one word is a large part of the text) is scored as written and with one and with two random
words put in it (`finetune.model_insertion_pool`: the tokenizer's whole words, no stop words, no
crisis vocabulary; `finetune.insert_word`; seeded), through the feature code the evaluate stage uses
for probes and the chosen, calibrated crisis model at its threshold for the text's language.
Per language: the share of crises flagged and of none texts flagged at 0, 1 and 2 inserted
words, and the ROC AUC of crisis against none (threshold-free). A model that reads the
crisis, not the generator's wording, keeps its crises flagged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perception.artifacts import write_json

ROOT = Path(__file__).resolve().parents[1]
INSERTED = (0, 1, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks/results/foreign_words.json")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from built import built_model, thresholds

    from perception import artifacts
    from perception.config import load_params
    from perception.evaluation.behaviour import text_scorer
    from perception.features.encoder.finetune import insert_word, model_insertion_pool

    paths = load_params(ROOT / "params.yaml").paths
    clean = artifacts.read_parquet(ROOT / paths.clean)
    splits = artifacts.read_parquet(ROOT / paths.splits)
    test = clean.merge(splits[splits["split"] == "test"][["id"]], on="id")
    test = test[test["length_bucket"] == "short"]
    pool = model_insertion_pool(ROOT / paths.finetuned / "model")
    rng = np.random.default_rng(args.seed)
    variants = {0: test["text"].tolist()}
    for k in INSERTED[1:]:
        variants[k] = [insert_word(t, 1.0, pool, rng) for t in variants[k - 1]]
    langs = {t: lang for k in INSERTED for t, lang in zip(variants[k], test["lang"], strict=True)}
    model, _, features = built_model("crisis", langs)
    score = text_scorer(model, features)
    crisis = (test["crisis_type"] != "none").to_numpy()
    lang = test["lang"].to_numpy()
    result: dict[str, Any] = {**thresholds(model), "seed": args.seed, "pool": len(pool),
                              "rows": {}, "languages": {}}
    scored = {k: score(variants[k])[:2] for k in INSERTED}
    for level in sorted(set(lang)):
        m = lang == level
        result["rows"][level] = {"crisis": int((m & crisis).sum()),
                                 "none": int((m & ~crisis).sum())}
        result["languages"][level] = {
            f"{k}_inserted": {
                "crises_flagged": round(float(scored[k][1][m & crisis].mean()), 4),
                "none_flagged": round(float(scored[k][1][m & ~crisis].mean()), 4),
                "auc": round(float(roc_auc_score(crisis[m], scored[k][0][m])), 4),
            } for k in INSERTED}
        r = result["languages"][level]
        print(f"{level:>8}: crises flagged " + " / ".join(
            f"{r[f'{k}_inserted']['crises_flagged']:.3f}" for k in INSERTED)
            + ", none flagged " + " / ".join(
            f"{r[f'{k}_inserted']['none_flagged']:.3f}" for k in INSERTED)
            + ", AUC " + " / ".join(f"{r[f'{k}_inserted']['auc']:.3f}" for k in INSERTED)
            + f" (0 / 1 / 2 words inserted; {result['rows'][level]})")
    write_json(args.out, result)
    print(f"details in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
