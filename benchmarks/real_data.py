"""Real-data benchmark: the own-data route (docs/own-data.md) on the four VADER corpora (Hutto &
Gilbert 2014), k-fold cross-validated, frozen against fine-tuned encoder, with the default recipe.

    python benchmarks/real_data.py --corpus tweets --out benchmarks/results/real_data.json
    python benchmarks/real_data.py --corpus movie --merge --out benchmarks/results/real_data.json

Each corpus (`id<TAB>mean valence -4..4<TAB>text`, ../shared/datasets/vader-hutto-2014) goes
through exactly what a user does (docs/own-data.md), with no special code path: a
throwaway copy of this repository, the file in `data/raw/`, a source entry and a valence-only
`targets` in params.yaml, `dvc repro evaluate@valence` (ingest -> split -> finetune ->
featurize -> train -> evaluate; export and bundle do not change a figure, so they are not run).
`finetune.bags` is dropped from the copy: it names crisis_type, which a valence-only corpus
does not carry (with `finetune.labels: [valence]` the stage would reject it). Everything else
is params.yaml as committed: `finetune.max_epochs` with early stopping on val, the learning
rates, max length, the LightGBM budgets.

Folds. The rows are dealt into `--folds` folds grouped by `dedup_key` (benchmarks/folds.py:
near-identical sentences always share a fold), seeded by `--seed`. For fold k the corpus file
gets a fourth column, `test` for fold k and `rest` for the others, and the source declares it
as its own split, `split: {column: cv, values: {test: test, rest: train_val}}`: the docs'
route for a corpus published as train/test (its rows are kept as test row for row, and the
split stage divides the `train_val` rows into train and val at split.fractions' 70:15 ratio,
grouped by exact text, seeded by split.seed; a val sentence near-identical to a train one is
dropped as `text_overlap`, counted per fold in `split_dropped`: 0-2 rows in the smoke runs;
test rows are never dropped, since no test sentence has a near-copy outside its fold). One
copy of the repository serves all folds of a corpus, so the frozen encoder export and its
embedding cache are shared; every fold reruns the rest.

Columns, per fold, all on that fold's test rows:

* `perception_finetuned`: the pipeline as configured (train.groups of params.yaml, which
  include `finetuned` and `sentences`: the fine-tuned encoder enters through the blend on val);
* `perception`: the same copy with train.groups minus the fine-tuned groups (frozen encoder);
  only train and evaluate rerun;
* `vader`: VADER compound alone (the pipeline's lexical feature, no training);
* `frozen_ridge`: ridge (alpha 1) on the frozen embeddings, fitted on train + val;
* `vader_published`: Table 4 of the paper (over the whole corpus, not cross-validated).

Reported per corpus: mean ± standard deviation over folds (sample sd) and every fold's value,
the chosen fine-tune epoch and val curve per fold (metrics/finetune.json), val figures, and
run-dependent seconds only under `seconds`. `--rows N` (a seeded sample) and `--max-epochs`
exist for smoke runs only: the JSON then says `smoke: true` with the rows and the overrides,
and the table is headed SMOKE and judges no goal.

Wall time on the 2-core machine (estimated, not yet measured end to end). Per fold the
fine-tune dominates: train rows (64 % of the corpus) x epochs run (early stopping with
patience 1 runs the chosen epoch + 1, at most max_epochs = 5). Smoke folds (300 rows, 1
epoch, another 2-thread fine-tune on the same cores) took 40-80 s for the fine-tuned half
and 20-30 s for the frozen half, with 36 ms per train row and epoch in the fine-tune. Idle,
the default pipeline fine-tunes at 92 s per epoch over 4,156 synthetic texts of 39 tokens on
average (README): 22 ms per row, about 14 ms for these 23-27-token sentences; its featurize
and train logs give about 5 ms per row and 20-40 s per train stage. Whole corpus, 5 folds,
4-5 epochs run per fold (seconds scale with rows x epochs):

    corpus   rows    idle machine    shared with another 2-core job
    tweets   4,200   20-25 min       50-60 min
    movie   10,605   50-60 min       2-2.5 h
    amazon   3,708   20-25 min       45-55 min
    nyt      5,190   25-30 min       60-70 min
    all     23,703   about 2-2.5 h   about 5 h

On cores shared with other work, `export OMP_WAIT_POLICY=PASSIVE` before the run (it
changes no figure): with the default spinning wait, LightGBM's 2 OpenMP threads made one
smoke train stage take over 180 s instead of 30 s.
Runnable in parts: one corpus per invocation (`--corpus`), or some folds (`--fold 0 1`);
`--merge` keeps the other corpora in --out and, for the same corpus and setup, the folds
already done, so an interrupted corpus resumes at its next fold; with `--work DIR` the copy
is kept too, and a fold cut after its fine-tuned half resumes at its frozen half (DVC skips
the stages already run).
"""

from __future__ import annotations

import argparse
import hashlib
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from folds import CORPORA, DATA, grouped_folds, read_lines, sample  # noqa: E402

from perception.artifacts import write_bytes, write_json  # noqa: E402
from tests.workflow.dvc_repo import copy_repo, env, read_params, write_params  # noqa: E402

# The goals for the fine-tuned pipeline's Pearson r per corpus (mean over folds). One
# human against the mean of the others: 0.888 / 0.899 / 0.911 / 0.745 (published Table 4).
GOALS = {"tweets": 0.92, "movie": 0.80, "amazon": 0.83, "nyt": 0.72}
# Groups fitted on the train labels through the fine-tuned encoder: off for the frozen column.
FINETUNED_GROUPS = ("finetuned", "sentences")
COLUMNS = ("perception", "perception_finetuned", "vader", "frozen_ridge")
TARGET = "evaluate@valence"
CV_COLUMN = "cv"


def published_vader(path: Path) -> dict[str, float]:
    """corpus -> VADER's r against the mean of 20 raters, as published (Table 4)."""
    table = pd.read_csv(path)
    rows = table[table["method"] == "VADER"]
    return {str(c).split("(")[0]: float(r)
            for c, r in zip(rows["corpus"], rows["r_vs_mean_of_20_raters"], strict=True)}


def fold_file(lines: list[bytes], folds: np.ndarray, fold: int) -> bytes:
    """The corpus with its own split column: `test` for this fold, `rest` for the others."""
    roles = [b"test" if f == fold else b"rest" for f in folds]
    return b"".join(line + b"\t" + role + b"\r\n" for line, role in zip(lines, roles,
                                                                          strict=True))


def own_data(corpus: str, max_epochs: int | None) -> Any:
    """The params edit a user makes: one source carrying its own split, one target."""
    def edit(params: dict[str, Any]) -> None:
        params["ingest"]["sources"] = [{
            "name": f"vader_{corpus}", "path": f"data/raw/{corpus}_cv.tsv", "format": "tsv",
            "header": ["id", "valence", "text", CV_COLUMN], "header_row": False,
            "valence_range": [-4, 4], "lang": "en",
            "split": {"column": CV_COLUMN, "values": {"test": "test", "rest": "train_val"}}}]
        params["targets"] = {"valence": params["targets"]["valence"]}
        # crisis_type is not a label of this corpus: nothing to learn per sentence.
        params["finetune"].pop("bags", None)
        if max_epochs is not None:
            params["finetune"]["max_epochs"] = max_epochs
    return edit


def repro(repo: Path) -> dict[str, float]:
    """`dvc repro` as a user runs it, with the copy's own code; no time limit. Seconds per
    stage that ran (from one "Running stage" line to the next) and in total."""
    started = time.perf_counter()
    stage_env = {**env(repo), "PYTHONPATH": str(repo / "src")}
    proc = subprocess.Popen(["dvc", "repro", TARGET], cwd=repo, env=stage_env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output: list[str] = []
    seconds: dict[str, float] = {}
    stage, stage_start = "dvc", started
    for line in proc.stdout:
        output.append(line)
        if line.startswith("Running stage '"):
            now = time.perf_counter()
            seconds[stage] = round(seconds.get(stage, 0.0) + now - stage_start, 1)
            stage, stage_start = line.split("'")[1], now
            print(f"  {repo.name}: {stage}", file=sys.stderr, flush=True)
    if proc.wait() != 0:
        tail = "".join(output[-40:])
        raise RuntimeError(f"dvc repro failed in {repo}:\n{tail}")
    now = time.perf_counter()
    seconds[stage] = round(seconds.get(stage, 0.0) + now - stage_start, 1)
    return {**seconds, "total": round(now - started, 1)}


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
    fit = frame["split"].isin(["train", "val"]).to_numpy()
    test = (frame["split"] == "test").to_numpy()
    ridge = Ridge(alpha=1.0).fit(emb[fit], y[fit])
    return {"n": {s: int((frame["split"] == s).sum()) for s in ("train", "val", "test")},
            "vader": pearson(frame["lex_vader_compound"].to_numpy()[test], y[test]),
            "frozen_ridge": pearson(ridge.predict(emb[test]), y[test])}


def pipeline_result(repo: Path) -> dict[str, Any]:
    metrics = json.loads((repo / "metrics/valence.json").read_text())
    val = json.loads((repo / "metrics/train/valence/metrics.json").read_text())
    return {"test": round(metrics["test"]["pearson"], 4), "n_test": metrics["test"]["n"],
            "val": round(val["val.chosen.pearson"], 4), "model": metrics["model"]}


def last_log(repo: Path, stage: str) -> dict[str, Any]:
    path = repo / "logs" / f"{stage}.log"
    if not path.is_file():
        return {}
    record = json.loads(path.read_text().strip().splitlines()[-1])
    return {k: v for k, v in record.items() if k.endswith("seconds")}


def run_fold(repo: Path, corpus: str, lines: list[bytes], folds: np.ndarray, fold: int,
             groups: list[str]) -> dict[str, Any]:
    """Both pipelines on one fold. The fine-tuned half is kept in the copy until the frozen
    half is done, so a cut run resumes a fold at its frozen half (with --work)."""
    (repo / "data/raw" / f"{corpus}_cv.tsv").write_bytes(fold_file(lines, folds, fold))
    params = read_params(repo)
    partial = repo / f"bench_fold{fold}_finetuned.json"
    if partial.is_file():
        half = json.loads(partial.read_text())
    else:
        params["train"]["groups"] = groups
        write_params(repo, params)
        tuned_seconds = repro(repo)
        finetune = json.loads((repo / "metrics/finetune.json").read_text())
        half = {
            "finetuned": pipeline_result(repo), **baselines(repo),
            "finetune": {"chosen_epoch": finetune.get("chosen_epoch"),
                         "epochs_run": len(finetune["epoch_loss"]),
                         "val_curve": [p["score"] for p in finetune.get("val_curve", [])],
                         "train_rows": finetune["rows"], "val_rows": finetune.get("val_rows")},
            "split_dropped": json.loads((repo / "metrics/split.json").read_text())["dropped"],
            "seconds": {"finetuned_repro": tuned_seconds,
                        "finetune_stage": last_log(repo, "finetune")},
        }
        write_json(partial, half)
    params["train"]["groups"] = [g for g in groups if g not in FINETUNED_GROUPS]
    write_params(repo, params)
    frozen_seconds = repro(repo)
    frozen, finetuned = pipeline_result(repo), half["finetuned"]
    in_fold = int((folds == fold).sum())
    if not half["n"]["test"] == frozen["n_test"] == finetuned["n_test"] == in_fold:
        print(f"{corpus} fold {fold}: WARNING {in_fold} rows in the fold, "
              f"{half['n']['test']} test rows in the split, scored {finetuned['n_test']} "
              f"(fine-tuned) and {frozen['n_test']} (frozen)", file=sys.stderr)
    partial.unlink()
    return {
        "fold": fold,
        "n": {**half["n"], "fold": in_fold},
        "perception": frozen["test"], "perception_finetuned": finetuned["test"],
        "vader": half["vader"], "frozen_ridge": half["frozen_ridge"],
        "val": {"perception": frozen["val"], "perception_finetuned": finetuned["val"]},
        "chosen_model": {"perception": frozen["model"],
                         "perception_finetuned": finetuned["model"]},
        "finetune": half["finetune"],
        "split_dropped": half["split_dropped"],
        "seconds": {**half["seconds"], "frozen_repro": frozen_seconds},
    }


def summarize(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean ± sample sd over folds per column, with the per-fold values (fold order)."""
    out: dict[str, Any] = {}
    for column in COLUMNS:
        values = np.array([f[column] for f in folds], dtype=np.float64)
        out[column] = {"mean": round(float(values.mean()), 4),
                       "sd": round(float(values.std(ddof=1)), 4) if len(values) > 1 else None,
                       "folds": values.round(4).tolist()}
    out["chosen_epoch"] = [f["finetune"]["chosen_epoch"] for f in folds]
    out["epochs_run"] = [f["finetune"]["epochs_run"] for f in folds]
    return out


def recipe(max_epochs: int | None) -> dict[str, Any]:
    """What the copy runs: params.yaml's finetune, train.groups and valence target after the
    own-data edit, and any override. Resuming a corpus needs the same recipe."""
    params = read_params(ROOT)
    own_data("x", max_epochs)(params)
    overrides = {} if max_epochs is None else {"finetune.max_epochs": max_epochs}
    return {"default": not overrides, "overrides": overrides, "finetune": params["finetune"],
            "train_groups": params["train"]["groups"], "split": params["split"],
            "valence": params["targets"]["valence"]}


def code_version() -> dict[str, str]:
    """The commit the copies are made from, and a digest of what a copy runs (src/, dvc.yaml,
    params.yaml as in the work tree): a kept copy is reused only while that is unchanged."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, text=True, capture_output=True,
                              check=True).stdout
    digest = hashlib.sha256()
    for name in sorted(filter(None, git("ls-files", "-z", "src", "dvc.yaml", "params.yaml"
                                        ).split("\0"))):
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    return {"commit": git("rev-parse", "HEAD").strip(), "pipeline_sha256": digest.hexdigest()}


def fmt(stat: dict[str, Any]) -> str:
    sd = "n/a" if stat["sd"] is None else f"{stat['sd']:.3f}"
    return f"{stat['mean']:.3f} ± {sd}"


def table(corpora: dict[str, dict[str, Any]]) -> str:
    lines = ["| corpus | rows (test per fold) | folds | VADER (published) | VADER (here) | "
             "frozen MiniLM + ridge | perception (frozen) | perception (fine-tuned) | "
             "chosen epochs | goal (fine-tuned) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for name, r in corpora.items():
        s = r["summary"]
        tests = [f["n"]["test"] for f in r["folds"]]
        mean = s["perception_finetuned"]["mean"]
        if r["smoke"]:
            verdict = "SMOKE: not judged"
        elif not r["complete"]:
            verdict = f"{len(r['folds'])}/{r['setup']['folds']} folds: not judged"
        else:
            verdict = ("met" if mean >= GOALS[name]
                       else f"missed by {GOALS[name] - mean:.3f}")
        lines.append(
            f"| {name} | {r['n']:,} ({min(tests):,}-{max(tests):,}) | {len(r['folds'])} | "
            f"{r['vader_published']:.3f} | {fmt(s['vader'])} | {fmt(s['frozen_ridge'])} | "
            f"{fmt(s['perception'])} | {fmt(s['perception_finetuned'])} | "
            f"{', '.join(str(e) for e in s['chosen_epoch'])} | ≥ {GOALS[name]:.2f}: {verdict} |")
    lines += ["", "Per fold (test Pearson r, fold 0, 1, ...):", "",
              "| corpus | column | per fold |", "|---|---|---|"]
    for name, r in corpora.items():
        for column in COLUMNS:
            values = ", ".join(f"{v:.3f}" for v in r["summary"][column]["folds"])
            lines.append(f"| {name} | {column} | {values} |")
    return "\n".join(lines) + "\n"


def markdown(corpora: dict[str, dict[str, Any]]) -> str:
    smoke = [n for n, r in corpora.items() if r["smoke"]]
    title = "# Valence on the VADER corpora (Pearson r, grouped k-fold CV, mean ± sd)\n\n"
    if smoke:
        title = ("# SMOKE RUN, NOT A RESULT: " + ", ".join(
            f"{n} (rows {corpora[n]['setup']['rows']}, overrides "
            f"{corpora[n]['setup']['recipe']['overrides'] or 'none'})" for n in smoke)
            + "\n\n" + title)
    return title + table(corpora)


def bench_corpus(corpus: str, work: Path, args: argparse.Namespace, published: float,
                 previous: dict[str, Any] | None, save: Any) -> dict[str, Any]:
    lines, texts = read_lines(DATA / CORPORA[corpus])
    keep = sample(len(lines), args.rows, args.seed)
    lines, texts = [lines[i] for i in keep], [texts[i] for i in keep]
    folds = grouped_folds(texts, args.folds, args.seed)
    setup = {"folds": args.folds, "seed": args.seed, "rows": args.rows,
             "recipe": recipe(args.max_epochs)}
    done: dict[int, dict[str, Any]] = {}
    if previous is not None and previous.get("setup") == setup:
        done = {f["fold"]: f for f in previous["folds"]}
    elif previous is not None:
        print(f"{corpus}: the result in --out has another setup: starting over",
              file=sys.stderr)
    smoke = args.rows is not None or args.max_epochs is not None

    def entry() -> dict[str, Any]:
        ordered = [done[k] for k in sorted(done)]
        return {"smoke": smoke, "n": len(lines), "vader_published": published,
                "setup": setup, "complete": len(done) == args.folds,
                "summary": summarize(ordered) if ordered else None, "folds": ordered}

    todo = [k for k in (args.fold if args.fold is not None else range(args.folds))
            if k not in done]
    if not todo:
        return entry()
    repo = work / corpus
    stamp = repo / "bench_setup.json"
    # A kept copy (--work) of the same setup is reused: its encoder export and embedding
    # cache stay valid, and every fold rewrites the data file and train.groups anyway.
    code = code_version()
    version = {**setup, "pipeline_sha256": code["pipeline_sha256"]}
    if not (stamp.is_file() and json.loads(stamp.read_text()) == version):
        shutil.rmtree(repo, ignore_errors=True)
        (repo / "data/raw").mkdir(parents=True)
        (repo / "data/raw" / f"{corpus}_cv.tsv").write_bytes(fold_file(lines, folds, todo[0]))
        copy_repo(repo, own_data(corpus, args.max_epochs))
        write_json(stamp, version)
    # From params.yaml, not from the copy: a reused copy may have been left frozen.
    groups = list(setup["recipe"]["train_groups"])
    for fold in todo:
        print(f"{corpus}: fold {fold + 1}/{args.folds}: dvc repro in a copy of the repo ...",
              file=sys.stderr, flush=True)
        done[fold] = {**run_fold(repo, corpus, lines, folds, fold, groups),
                      "code": code}
        print(f"{corpus}: fold {fold}: {json.dumps(done[fold])}", file=sys.stderr, flush=True)
        save(corpus, entry())
    return entry()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/real_data.json")
    parser.add_argument("--corpus", "--corpora", dest="corpora", nargs="+",
                        choices=sorted(CORPORA), default=list(CORPORA))
    parser.add_argument("--folds", type=int, default=5, help="k of the grouped k-fold")
    parser.add_argument("--fold", type=int, nargs="+", default=None,
                        help="run only these folds (0-based; with --merge, to run in parts)")
    parser.add_argument("--seed", type=int, default=0, help="fold (and --rows sample) seed")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other corpora already in --out, and the folds already "
                             "done of a corpus run with the same setup")
    parser.add_argument("--rows", type=int, default=None,
                        help="SMOKE RUNS ONLY: a seeded sample of N rows per corpus")
    parser.add_argument("--max-epochs", type=int, default=None,
                        help="SMOKE RUNS ONLY, not the default recipe: override "
                             "finetune.max_epochs")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the repository copies here and reuse one made for the same "
                             "setup (default: a temp dir, deleted at the end)")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no datasets at {DATA}", file=sys.stderr)
        return 2
    if args.fold is not None and not all(0 <= k < args.folds for k in args.fold):
        parser.error(f"--fold must be in 0..{args.folds - 1}")
    published = published_vader(DATA / "published_table4.csv")
    corpora: dict[str, dict[str, Any]] = {}
    if args.merge and args.out.is_file():
        corpora = json.loads(args.out.read_text())["corpora"]

    def save(name: str | None = None, entry: dict[str, Any] | None = None) -> None:
        if name is not None and entry is not None:
            corpora[name] = entry
        ordered = {n: corpora[n] for n in CORPORA if n in corpora and corpora[n]["folds"]}
        write_json(args.out, {
            "smoke": any(r["smoke"] for r in ordered.values()),
            "cv": "grouped k-fold by dedup_key (benchmarks/folds.py); fold k is the source's "
                  "own test split, the rest its train_val rows, divided into train and val "
                  "by the split stage; all columns on the same test rows per fold",
            "goals": GOALS,
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "corpora": ordered,
        })
        if ordered:
            write_bytes(args.out.with_suffix(".md"), markdown(ordered).encode())

    scratch = args.work or Path(tempfile.mkdtemp(prefix="bench-real-"))
    try:
        for corpus in args.corpora:
            previous = corpora.get(corpus)
            corpora[corpus] = bench_corpus(corpus, scratch, args, published[corpus], previous,
                                           save)
            save()
    finally:
        if args.work is None:
            shutil.rmtree(scratch, ignore_errors=True)
    done = {n: corpora[n] for n in CORPORA if n in corpora and corpora[n]["folds"]}
    if done:
        print(markdown(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
