"""Real-data benchmark: the own-data route on the four VADER corpora (Hutto & Gilbert
2014), frozen against fine-tuned encoder.

    .venv/bin/python benchmarks/real_data.py --out benchmarks/results/real_data.json

Each corpus (`id<TAB>mean valence -4..4<TAB>text`) goes through exactly what a user does
(docs/own-data.md), with no special code path: a throwaway copy of this repository, the
file in `data/raw/`, a source entry and a valence-only `targets` in params.yaml, `dvc repro`
(ingest -> split -> finetune -> featurize -> train -> evaluate). Split: the pipeline's own
fixed split (70/15/15, grouped by text, since the corpora have no users; seeded by
split.seed), so every number is on the same test rows of each corpus:

* `perception`: the pipeline with `train.groups` = [lexical, embeddings] (frozen encoder);
* `perception_finetuned`: the default groups plus `finetuned` (the encoder fine-tuned on the
  train rows; the blend or the fine-tuned model is used only when it wins on val);
* `vader`: VADER compound alone (the pipeline's lexical feature, no training);
* `frozen_ridge`: ridge (alpha 1) on the frozen embeddings, fitted on train + val;
* `vader_published`: Table 4 of the paper (over the whole corpus, not this test split).

No temporal group: these corpora have no users or timestamps. Val figures of the frozen and
the fine-tuned runs are reported too. Run-dependent seconds go to the JSON's `seconds` only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perception.artifacts import write_bytes, write_json  # noqa: E402
from tests.workflow.dvc_repo import copy_repo, env, read_params, write_params  # noqa: E402

DATA = ROOT.parent / "shared/datasets/vader-hutto-2014"
CORPORA = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}
# The goals for perception's Pearson r per corpus.
GOALS = {"tweets": 0.90, "movie": 0.75, "amazon": 0.78, "nyt": 0.68}
FROZEN = ["lexical", "embeddings"]
FINETUNED = [*FROZEN, "finetuned"]


def published_vader(path: Path) -> dict[str, float]:
    """corpus -> VADER's r against the mean of 20 raters, as published (Table 4)."""
    table = pd.read_csv(path)
    rows = table[table["method"] == "VADER"]
    return {str(c).split("(")[0]: float(r)
            for c, r in zip(rows["corpus"], rows["r_vs_mean_of_20_raters"], strict=True)}


def own_data(corpus: str, file: str, epochs: int | None) -> Any:
    """The params edit a user makes: one source, one target, no temporal group."""
    def edit(params: dict[str, Any]) -> None:
        params["ingest"]["sources"] = [{
            "name": f"vader_{corpus}", "path": f"data/raw/{file}", "format": "tsv",
            "header": ["id", "valence", "text"], "header_row": False,
            "valence_range": [-4, 4], "lang": "en"}]
        params["targets"] = {"valence": params["targets"]["valence"]}
        params["train"]["groups"] = FINETUNED
        if epochs is not None:
            params["finetune"]["epochs"] = epochs
    return edit


def repro(repo: Path) -> None:
    """`dvc repro` as a user runs it; no time limit (the movie corpus takes many minutes)."""
    subprocess.run(["dvc", "repro"], cwd=repo, env=env(repo), check=True,
                   capture_output=True, text=True)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


def baselines(repo: Path) -> dict[str, Any]:
    """VADER alone and frozen embeddings + ridge on the pipeline's own split and features."""
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    splits = pd.read_parquet(repo / "data/processed/splits.parquet")
    lexical = pd.read_parquet(repo / "data/features/lexical.parquet")
    embeddings = pd.read_parquet(repo / "data/features/embeddings.parquet")
    frame = (clean[["id", "valence"]].merge(splits[["id", "split"]], on="id")
             .merge(lexical[["id", "lex_vader_compound"]], on="id").merge(embeddings, on="id"))
    emb = frame[[c for c in embeddings.columns if c != "id"]].to_numpy(np.float64)
    y = frame["valence"].to_numpy(np.float64)
    fit, test = frame["split"].isin(["train", "val"]).to_numpy(), (frame["split"] == "test"
                                                                   ).to_numpy()
    ridge = Ridge(alpha=1.0).fit(emb[fit], y[fit])
    return {"n": len(clean), "n_test": int(test.sum()),
            "vader": pearson(frame["lex_vader_compound"].to_numpy()[test], y[test]),
            "frozen_ridge": pearson(ridge.predict(emb[test]), y[test])}


def pipeline_result(repo: Path) -> dict[str, Any]:
    metrics = json.loads((repo / "metrics/valence.json").read_text())
    val = json.loads((repo / "metrics/train/valence/metrics.json").read_text())
    return {"test": metrics["test"]["pearson"], "val": val["val.chosen.pearson"],
            "model": metrics["model"]}


def bench_corpus(corpus: str, file: str, work: Path, epochs: int | None) -> dict[str, Any]:
    repo = work / corpus
    (repo / "data/raw").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATA / file, repo / "data/raw" / file)
    copy_repo(repo, own_data(corpus, file, epochs))
    started = time.perf_counter()
    repro(repo)
    tuned_seconds = time.perf_counter() - started
    finetuned = pipeline_result(repo)
    row = baselines(repo)
    # The same copy without the fine-tuned group: only train and evaluate rerun.
    params = read_params(repo)
    params["train"]["groups"] = FROZEN
    write_params(repo, params)
    repro(repo)
    frozen = pipeline_result(repo)
    finetune = json.loads((repo / "metrics/finetune.json").read_text())
    return {
        **row,
        "perception": frozen["test"], "perception_finetuned": finetuned["test"],
        "val": {"perception": frozen["val"], "perception_finetuned": finetuned["val"]},
        "chosen": {"perception": frozen["model"], "perception_finetuned": finetuned["model"]},
        "finetune_epochs": len(finetune["epoch_loss"]),
        "seconds": {"finetuned_run": round(tuned_seconds, 1),
                    "total": round(time.perf_counter() - started, 1)},
    }


def table(corpora: dict[str, dict[str, Any]]) -> str:
    lines = ["| corpus | n (test) | VADER (published) | VADER (here) | frozen MiniLM + ridge | "
             "perception (frozen) | perception (fine-tuned) | goal |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in corpora.items():
        best = max(r["perception"], r["perception_finetuned"])
        verdict = "met" if best >= GOALS[name] else f"missed by {GOALS[name] - best:.3f}"
        lines.append(
            f"| {name} | {r['n']:,} ({r['n_test']:,}) | {r['vader_published']:.3f} | "
            f"{r['vader']:.3f} | {r['frozen_ridge']:.3f} | {r['perception']:.3f} | "
            f"{r['perception_finetuned']:.3f} | ≥ {GOALS[name]:.2f}: {verdict} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/real_data.json")
    parser.add_argument("--corpora", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    parser.add_argument("--epochs", type=int, default=None,
                        help="finetune.epochs (default: params.yaml's)")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other corpora already in --out")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no datasets at {DATA}", file=sys.stderr)
        return 2
    published = published_vader(DATA / "published_table4.csv")
    corpora: dict[str, dict[str, Any]] = {}
    if args.merge and args.out.is_file():
        corpora = json.loads(args.out.read_text())["corpora"]
    with tempfile.TemporaryDirectory(prefix="bench-real-") as scratch:
        for corpus in args.corpora:
            print(f"{corpus}: dvc repro in a copy of the repo ...", file=sys.stderr)
            row = bench_corpus(corpus, CORPORA[corpus], Path(scratch), args.epochs)
            corpora[corpus] = {"vader_published": published[corpus], **row}
            print(f"{corpus}: {json.dumps(corpora[corpus])}", file=sys.stderr)
    result = {
        "split": "the pipeline's fixed split: 70/15/15 grouped by text (split.seed), "
                 "all methods on the same test rows",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "corpora": {name: corpora[name] for name in CORPORA if name in corpora},
    }
    write_json(args.out, result)
    write_bytes(args.out.with_suffix(".md"),
                ("# Valence on the VADER corpora (Pearson r, test split)\n\n"
                 + table(corpora)).encode())
    print(table(corpora))
    return 0


if __name__ == "__main__":
    sys.exit(main())
