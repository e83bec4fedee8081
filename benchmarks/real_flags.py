"""How often the built crisis model flags real, human-written text that is not about a crisis.

    .venv/bin/python benchmarks/real_flags.py --out benchmarks/results/real_flags.json

The 50 hand-written hard-negative probes move by several texts from one fine-tune seed to the
next (docs/crisis.md), too few to tell two builds apart. The four VADER corpora (Hutto &
Gilbert 2014; ../shared/datasets/vader-hutto-2014, read by path, never copied) are 23,703
sentences nobody on the team or the generator wrote: tweets, movie and product reviews,
newspaper opinion. They are not labelled for crisis and a handful may be one, so the figure
is an upper bound on the false-flag rate on ordinary human prose, not a false-positive rate;
what it is for is comparing builds on the same texts. Movie and product reviews are full of
"killer", "dying to", "to die for" and drug-store products, and tweets of hyperbole.

On the built workspace (`dvc repro` or `dvc pull` first), a seeded sample of `--rows` per
corpus (all with `--rows 0`) goes through the feature code the evaluate stage uses for probes
(`stages.evaluate.probe_features`: cleaned as ingest cleans, a first message with no
history) and the chosen, calibrated crisis model at its threshold. Per corpus: the flag rate
and the share above fixed scores (0.5, 0.9: threshold-free, so builds with different
thresholds compare), the types flagged, and the ids of the highest-scoring texts (ids only;
read the texts in the corpus file).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from folds import CORPORA, DATA, read_lines, sample

from perception.artifacts import write_json

ROOT = Path(__file__).resolve().parents[1]
# Scores above which a text counts, whatever the build's threshold.
LEVELS = (0.5, 0.9)


def read_corpus(path: Path) -> tuple[list[str], list[str]]:
    """Ids and texts of a VADER file (`id<TAB>mean<TAB>text`, CRLF lines)."""
    lines, texts = read_lines(path)
    return [line.split(b"\t", 1)[0].decode("utf-8") for line in lines], texts


def summarize(ids: list[str], scores: np.ndarray, flagged: np.ndarray, types: list[str],
              top: int) -> dict[str, Any]:
    """Flag rate, shares above LEVELS, the types flagged and the top-scoring ids."""
    order = np.argsort(-scores, kind="stable")[:top]
    return {
        "rows": len(ids),
        "flagged": int(flagged.sum()),
        "flag_rate": round(float(flagged.mean()), 5),
        **{f"above_{level}": round(float((scores >= level).mean()), 5) for level in LEVELS},
        "types_flagged": dict(sorted(Counter(t for t, f in zip(types, flagged, strict=True)
                                             if f).items())),
        "top": [{"id": ids[i], "score": round(float(scores[i]), 4)} for i in order],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/real_flags.json")
    parser.add_argument("--rows", type=int, default=1000,
                        help="seeded sample per corpus; 0: every row")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)

    from built import built_model, thresholds

    from perception.evaluation.behaviour import text_scorer

    model, _, features = built_model("crisis")
    score = text_scorer(model, features)
    result: dict[str, Any] = {**thresholds(model),
                              "rows_per_corpus": args.rows, "seed": args.seed, "corpora": {}}
    for corpus, name in CORPORA.items():
        ids, texts = read_corpus(DATA / name)
        pick = sample(len(ids), args.rows or None, args.seed)
        ids, texts = [ids[i] for i in pick], [texts[i] for i in pick]
        scores, flagged, types = score(texts)
        result["corpora"][corpus] = summarize(ids, scores, flagged, types, args.top)
        r = result["corpora"][corpus]
        print(f"{corpus:>7}: {r['flagged']} of {r['rows']} flagged ({r['flag_rate']:.3f}); "
              + ", ".join(f">= {lv}: {r[f'above_{lv}']:.3f}" for lv in LEVELS))
    every = list(result["corpora"].values())
    result["all"] = {"rows": sum(r["rows"] for r in every),
                     "flagged": sum(r["flagged"] for r in every)}
    result["all"]["flag_rate"] = round(result["all"]["flagged"] / result["all"]["rows"], 5)
    write_json(args.out, result)
    print(f"    all: {result['all']['flagged']} of {result['all']['rows']} flagged "
          f"({result['all']['flag_rate']:.4f}); details in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
