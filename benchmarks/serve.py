"""Serving benchmarks: the exported path against the naive one, per length bucket; the encoder
alone; the trees alone; HTTP on loopback; and static INT8 encoders beside bf16.

    .venv/bin/python benchmarks/serve.py --out benchmarks/results/serve.json

Needs the built bundle (`dvc repro bundle`), the trained models (models/<target>), the
fine-tuned encoder (models/finetuned/model) and the clean table and splits. Texts are the
test split's, by `length_bucket` (short, medium, long) and as the corpus mixes them.

* exported: `Predictor.predict([text])`: OpenVINO encoders (bf16 where the CPU has it),
  ONNX Runtime trees, the bundle's numeric tables.
* naive: the same work on the training-time stack: both sentence-transformers encoders on
  torch (the packaged frozen one and the fine-tuned one), the project's lexical features,
  the no-history temporal row, and every target's `TargetModel.predict` (native LightGBM and
  the linear models).
* INT8: both bundle encoders statically quantized (`perception.export.quantize`) on train
  texts, then latency, cosine to torch and every target's test metrics through a copy of the
  bundle with those encoders, against the gate tolerances in params.yaml.

Every section runs in this one process, one after the other, on the same texts; absolute
times move with other load on a shared machine, ratios within one run are what carry over.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import itertools
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception import artifacts
from perception.config import Params, load_params
from perception.data.schema import length_bucket
from perception.data.text import word_count
from perception.evaluation.metrics import classification_metrics, regression_metrics
from perception.export.check import cosine_rows, percentiles, timed
from perception.features.encoder.runtime import Encoder
from perception.features.lexical import lexical_features
from perception.features.sentence_scores import SentenceHeads, sentence_scores
from perception.features.sentences import embed_by_windows
from perception.models.dataset import target_data
from perception.serve.bundle import ENCODERS, MANIFEST, bundle_version, checksums
from perception.serve.predictor import Features, Predictor

ROOT = Path(__file__).resolve().parents[1]
BUCKETS = ("short", "medium", "long")
MIX = "mix"
BATCH = 64
# The targets (milliseconds; ratio is naive / exported).
TARGET_SHORT_P95_MS = 10.0
TARGET_LONG_P95_MS = 60.0
TARGET_RATIO = 2.0
TARGET_TREE_P95_MS_PER_ROW = 0.1
TARGET_HTTP_P95_MS = 50.0
MIN_INT8_COSINE = 0.99


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sha_texts(texts: list[str]) -> str:
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- data


class Corpus:
    """The clean table, the splits, the test rows and the text sets timed one by one."""

    def __init__(self, loaded: Params, singles: int, seed: int) -> None:
        paths = loaded.paths
        self.clean = artifacts.read_parquet(ROOT / paths.clean)
        self.splits = artifacts.read_parquet(ROOT / paths.splits)
        split = self.clean[["id"]].merge(self.splits[["id", "split"]], on="id", how="left")
        self.test = self.clean[(split["split"] == "test").to_numpy()].reset_index(drop=True)
        self.train_texts = self.clean.loc[(split["split"] == "train").to_numpy(),
                                          "text"].astype(str).tolist()
        texts = self.test["text"].astype(str)
        # The predictor's own bucket: of the text as scored (clean texts are already
        # normalized and redacted, so this is the clean table's length_bucket too).
        self.bucket = texts.map(lambda t: length_bucket(word_count(t))).to_numpy()
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(texts))
        shuffled = texts.to_numpy()[order]
        self.shuffled: list[str] = [str(t) for t in shuffled]
        self.sets: dict[str, list[str]] = {}
        for bucket in BUCKETS:
            pool = [str(t) for t, b in zip(shuffled, self.bucket[order], strict=True)
                    if b == bucket]
            # Cycle when a bucket has fewer texts than calls (long texts are ~5 % of the
            # corpus), so each bucket gets the same number of timed calls.
            self.sets[bucket] = [pool[i % len(pool)] for i in range(singles)] if pool else []
        self.sets[MIX] = [self.shuffled[i % len(self.shuffled)] for i in range(singles)]

    def facts(self) -> dict[str, Any]:
        counts = pd.Series(self.bucket).value_counts()
        return {"test_rows": len(self.test), "train_rows": len(self.train_texts),
                "test_rows_per_bucket": {b: int(counts.get(b, 0)) for b in BUCKETS},
                "timed_sets": {name: {"calls": len(texts), "distinct": len(set(texts)),
                                      "mean_words": round(float(np.mean(
                                          [word_count(t) for t in texts])), 1)}
                               for name, texts in self.sets.items() if texts}}


# --------------------------------------------------------------------------- naive path


class NaivePath:
    """The training-time stack doing the exported path's work: same cleaning, the same
    lexical and no-history temporal features, both encoders on sentence-transformers/torch,
    and every target's native model. The temporal row is computed once, as the predictor
    does, so the naive path is not charged for work the exported one skips."""

    def __init__(self, loaded: Params, predictor: Predictor, root: Path = ROOT) -> None:
        from perception.features.encoder.identity import resolve_model_path
        from perception.features.encoder.reference import TorchEncoder
        from perception.models.target_model import load_model

        paths = loaded.paths
        self.models = {name: load_model(root / paths.model_dir(name))
                       for name in predictor.targets}
        groups = sorted({g for m in self.models.values()
                         for _, member_groups in m.composition()[0] for g in member_groups})
        sources = {"embeddings": resolve_model_path(loaded.featurize.encoder.model),
                   "finetuned": root / paths.finetuned_model}
        self.encoders: dict[str, Encoder] = {g: TorchEncoder(sources[g]) for g in groups
                                             if g in sources}
        # The `sentences` group: the fine-tuned encoder's heads on every sentence, through
        # whichever fine-tuned encoder `encoders` holds (torch, or the bundle's when swapped).
        self.heads: SentenceHeads | None = None
        if "sentences" in groups:
            self.heads = SentenceHeads.load(root / paths.finetuned_ir)
            self.encoders.setdefault("finetuned", TorchEncoder(sources["finetuned"]))
        self.columns = {g: cols for m in self.models.values() for g, cols in m.columns.items()}
        # The same cleaning and no-history temporal row as the exported path.
        self.clean = predictor.clean
        self.no_history = predictor.no_history
        self.lang = predictor.spec["context"]["defaults"]["lang"]

    def identities(self) -> dict[str, str]:
        return {g: e.identity for g, e in self.encoders.items()}

    def predict(self, texts: list[str]) -> dict[str, np.ndarray]:
        cleaned = self.clean(texts)
        tables: dict[str, pd.DataFrame] = {
            "lexical": lexical_features(cleaned),
            "temporal": pd.DataFrame(np.tile(self.no_history, (len(cleaned), 1)),
                                     columns=self.columns["temporal"]),
        }
        for group, encoder in self.encoders.items():
            if group not in self.columns:  # only the sentences group reads this encoder
                continue
            vectors = embed_by_windows(  # a long text by its windows, as the predictor
                cleaned, lambda windows, e=encoder: e.encode(windows, BATCH, progress=False))
            tables[group] = pd.DataFrame(vectors, columns=self.columns[group])
        if self.heads is not None:
            tables["sentences"] = sentence_scores(
                cleaned, lambda sentences: self.encoders["finetuned"].encode(
                    sentences, BATCH, progress=False), self.heads).features
        context = pd.DataFrame({"length_bucket": [length_bucket(word_count(t))
                                                  for t in cleaned],
                                "lang": [self.lang] * len(cleaned)})
        return {name: model.predict(tables, context) for name, model in self.models.items()}


# --------------------------------------------------------------------------- timing


def _ratio(slow: dict[str, float], fast: dict[str, float], key: str) -> float | None:
    return round(slow[key] / fast[key], 2) if fast[key] > 0 else None


def bench_end_to_end(predictor: Predictor, naive: NaivePath | None,
                     sets: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, texts in sets.items():
        if not texts:
            continue
        items = [[t] for t in texts]
        row: dict[str, Any] = {"exported": percentiles(timed(predictor.predict, items))}
        if naive is not None:
            row["naive"] = percentiles(timed(naive.predict, items))
            row["ratio_p50"] = _ratio(row["naive"], row["exported"], "p50_ms")
            row["ratio_p95"] = _ratio(row["naive"], row["exported"], "p95_ms")
        out[name] = row
        log(f"  end-to-end {name}: {row}")
    return out


def bench_encoders(variants: dict[str, dict[str, Any]], sets: dict[str, list[str]]
                   ) -> dict[str, Any]:
    """variants: name -> {group: encoder}. Per group and text set: one text per call."""
    groups = sorted({g for encoders in variants.values() for g in encoders})
    out: dict[str, Any] = {}
    for group in groups:
        out[group] = {}
        for name, texts in sets.items():
            if not texts:
                continue
            items = [[t] for t in texts]
            row = {variant: percentiles(timed(
                lambda batch, e=encoders[group]: e.encode(batch, 1, progress=False), items))
                for variant, encoders in variants.items() if group in encoders}
            out[group][name] = row
            log(f"  encoder {group} {name}: "
                + ", ".join(f"{v} p50 {r['p50_ms']} p95 {r['p95_ms']}" for v, r in row.items()))
    return out


def encoder_ratios(encoders: dict[str, Any], base: str = "openvino_bf16") -> dict[str, Any]:
    """Per group and text set: each other variant's p50/p95 over `base`'s (torch: how much
    slower; INT8: below 1 is faster)."""
    return {group: {name: {f"{variant}_over_{base}": {
        "p50": _ratio(row[variant], row[base], "p50_ms"),
        "p95": _ratio(row[variant], row[base], "p95_ms")}
        for variant in row if variant != base} for name, row in sets.items() if base in row}
        for group, sets in encoders.items()}


def bench_trees(predictor: Predictor, singles: list[str], shuffled: list[str],
                batches: int) -> dict[str, Any]:
    """ONNX Runtime and the numeric tables only, on features built beforehand: per target
    and for all targets of a row together, one row per call and BATCH rows per call."""
    single = [predictor.features([t]) for t in singles]
    groups = [predictor.features([shuffled[(i * BATCH + j) % len(shuffled)]
                                  for j in range(BATCH)]) for i in range(batches)]
    calls: dict[str, Callable[[Features], Any]] = {
        name: (lambda f, s=scorer: s.predict_arrays(f.arrays, f.context))
        for name, scorer in predictor.targets.items()}
    calls["all_targets"] = predictor.score
    out: dict[str, Any] = {}
    for name, fn in calls.items():
        out[name] = {"single": percentiles(timed(fn, single)),
                     f"batch_{BATCH}": percentiles(timed(fn, groups), BATCH)}
        log(f"  trees {name}: {out[name]}")
    return out


# --------------------------------------------------------------------------- quality


def encoder_cosines(texts: list[str], buckets: np.ndarray, variants: dict[str, dict[str, Any]],
                    reference: dict[str, Any]) -> dict[str, Any]:
    """Cosine per row to the torch encoder, per group and variant: overall and per bucket."""
    out: dict[str, Any] = {}
    for group, torch_encoder in reference.items():
        ref = torch_encoder.encode(texts, BATCH, progress=False)
        out[group] = {}
        for variant, encoders in variants.items():
            cos = cosine_rows(encoders[group].encode(texts, BATCH, progress=False), ref)
            worst = int(np.argmin(cos))
            out[group][variant] = {
                "rows": len(cos), "min": round(float(cos.min()), 6),
                "mean": round(float(cos.mean()), 6),
                "p01": round(float(np.percentile(cos, 1)), 6),
                "below_0_99": int((cos < MIN_INT8_COSINE).sum()),
                "worst_words": word_count(texts[worst]),
                "min_by_bucket": {b: round(float(cos[buckets == b].min()), 6)
                                  for b in BUCKETS if (buckets == b).any()}}
            log(f"  cosine {group} {variant}: {out[group][variant]}")
    return out


class TestRows:
    """Every target's test rows, scored from text as the bundle stage's `_parity` scores
    them: text, user, time and language, each user's stored items as history."""

    def __init__(self, loaded: Params, corpus: Corpus, targets: list[str]) -> None:
        clean, splits = corpus.clean, corpus.splits
        self.loaded = loaded
        self.data = {name: target_data(name, loaded.targets[name], clean, splits, {},
                                       list(loaded.train.context)) for name in targets}
        self.test_ids = np.unique(np.concatenate(
            [d.ids[d.mask("test")] for d in self.data.values()]))
        self.rows = clean.assign(id=clean["id"].astype(str)).set_index("id").loc[self.test_ids]
        users = set(self.rows["user_id"].dropna().astype(str))
        self.history = clean.loc[clean["user_id"].astype(str).isin(users),
                                 ["id", "user_id", "created_at", "text"]]
        self.position = {i: k for k, i in enumerate(self.test_ids)}

    def metrics(self, predictor: Predictor) -> dict[str, dict[str, Any]]:
        rows = self.rows
        features = predictor.features(rows["text"].astype(str).tolist(),
                                      user_ids=rows["user_id"].tolist(),
                                      timestamps=rows["created_at"].tolist(),
                                      history=self.history, langs=rows["lang"].tolist())
        scores = predictor.score(features)
        out = {}
        for name, data in self.data.items():
            test = data.mask("test")
            take = np.asarray([self.position[i] for i in data.ids[test]])
            scorer = predictor.targets[name]
            bins = self.loaded.targets[name].model.calibration_bins
            if scorer.kind == "regression":
                out[name] = regression_metrics(data.y[test], scores[name][take], bins)
            else:
                at = scorer.thresholds(data.slices[test], int(test.sum()))
                out[name] = classification_metrics(data.y[test], scores[name][take],
                                                   scorer.classes, at, bins, per_type=False)
        return out


def compare_metrics(loaded: Params, base: dict[str, dict[str, Any]],
                    other: dict[str, dict[str, Any]], evaluate: dict[str, dict[str, Any]]
                    ) -> dict[str, Any]:
    """Per target and gated metric: bf16 bundle, INT8 bundle, |difference| against the
    tolerance `targets.<t>.tolerances.<metric>.abs`."""
    out: dict[str, Any] = {}
    for name, tolerances in ((n, loaded.targets[n].tolerances) for n in base):
        out[name] = {}
        for metric, tol in sorted(tolerances.items()):
            a, b = base[name].get(metric), other[name].get(metric)
            if a is None or b is None:
                continue
            delta = abs(float(b) - float(a))
            out[name][metric] = {"evaluate": evaluate.get(name, {}).get(metric),
                                 "bf16": a, "int8": b, "abs_diff": round(delta, 6),
                                 "allowed": tol.abs, "passed": bool(delta <= tol.abs)}
    return out


# --------------------------------------------------------------------------- INT8


def int8_bundle(bundle: Path, quantized: dict[str, Path], out: Path) -> Path:
    """A copy of the bundle with the quantized encoders swapped in and its manifest
    recomputed (files and version), so `Predictor.load` verifies it like any bundle."""
    shutil.copytree(bundle, out)
    for group, ir_dir in quantized.items():
        shutil.rmtree(out / ENCODERS / group)
        shutil.copytree(ir_dir, out / ENCODERS / group)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    files = checksums(out)
    manifest.update(files=files, version=bundle_version(files),
                    int8_static_encoders=sorted(quantized))
    artifacts.write_json(out / MANIFEST, manifest)
    return out


def dir_digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(directory).iterdir()) if p.is_file()}


def quantize_bundle_encoders(bundle: Path, groups: list[str], texts: list[str], scratch: Path,
                             subset: int, seed: int, check_determinism: bool
                             ) -> tuple[dict[str, Path], dict[str, Any]]:
    from perception.export.quantize import quantize_encoder

    dirs, facts = {}, {}
    for group in groups:
        start = time.perf_counter()
        manifest = quantize_encoder(bundle / ENCODERS / group, texts, scratch / f"int8-{group}",
                                    subset_size=subset, seed=seed)
        dirs[group] = scratch / f"int8-{group}"
        facts[group] = {"seconds": round(time.perf_counter() - start, 2),
                        "bin_mb": round((dirs[group] / "encoder.bin").stat().st_size / 2**20, 2),
                        "float_bin_mb": round((bundle / ENCODERS / group / "encoder.bin")
                                              .stat().st_size / 2**20, 2),
                        "quantization": manifest["quantization"]}
        log(f"  quantized {group}: {facts[group]}")
    if check_determinism and groups:
        # Same inputs, second run in the same process: identical bytes or not.
        group = groups[0]
        again = quantize_encoder(bundle / ENCODERS / group, texts, scratch / "int8-again",
                                 subset_size=subset, seed=seed)
        first, second = dir_digest(dirs[group]), dir_digest(scratch / "int8-again")
        facts["determinism"] = {"group": group, "identical": first == second,
                                "differing_files": sorted(k for k in first
                                                          if first[k] != second.get(k)),
                                "calibration_sha256": again["quantization"]
                                ["calibration_texts_sha256"]}
        log(f"  determinism: {facts['determinism']}")
    return dirs, facts


# --------------------------------------------------------------------------- HTTP


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_server_command(bundle: Path, port: int, audit_log: Path, gather: bool = False
                        ) -> tuple[list[str] | None, str]:
    """How to start the service: our launcher around `perception.serve.http.create_app`, else
    the `perception serve` command; (None, reason) when neither exists yet."""
    try:
        from perception.serve.http import create_app  # noqa: F401
    except ImportError as exc:
        reason = f"perception.serve.http.create_app not importable ({exc})"
    else:
        return ([sys.executable, str(Path(__file__).resolve()), "--serve-only",
                 "--bundle", str(bundle), "--port", str(port), "--audit-log", str(audit_log),
                 *(["--gather"] if gather else [])],
                "create_app" + (" (gather_requests)" if gather else ""))
    from perception.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "")
             for c in app.registered_commands}
    if "serve" in names:
        exe = Path(sys.executable).with_name("perception")
        return ([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)],
                "perception serve (params.yaml bundle)")
    return None, reason + "; no `perception serve` command either"


def serve_only(bundle: Path, port: int, audit_log: Path | None, gather: bool = False) -> int:
    """The server process: load once, then uvicorn on loopback until terminated. As
    `perception serve` loads it (one ONNX thread, an audit log: flagged texts cost their
    fsync here too), but the log goes to a scratch file, not the repo's logs/."""
    import inspect

    import uvicorn

    from perception.serve.http import create_app

    loaded = load_params(ROOT / "params.yaml")
    predictor = Predictor.load(bundle, threads=1, audit_log=audit_log, allow_unaccepted=True,
                               allow_unsigned=True)
    # create_app's limits are passed by name from params.serve where it asks for them.
    parameters = inspect.signature(create_app).parameters
    serve_cfg = loaded.serve.model_dump()
    kwargs: dict[str, Any] = {k: serve_cfg[k] for k in parameters if k in serve_cfg}
    for name in ("serve", "config", "cfg", "limits", "settings"):
        if name in parameters:
            kwargs[name] = loaded.serve
    kwargs["gather_requests"] = gather
    app = create_app(predictor, **kwargs)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    return 0


def _wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"server on port {port} not ready after {timeout:.0f} s")


def load_test(port: int, texts: list[str], requests: int, clients: int) -> dict[str, Any]:
    """`requests` POST /predict of one text each, spread over `clients` threads with one
    keep-alive connection each."""
    bodies = [json.dumps({"texts": [texts[i % len(texts)]]}).encode() for i in range(requests)]
    counter = itertools.count()  # next() on a count is atomic under the GIL
    seconds: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[tuple[float, int]] = []
        try:
            while (i := next(counter)) < requests:
                start = time.perf_counter()
                conn.request("POST", "/predict", body=bodies[i],
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                mine.append((time.perf_counter() - start, response.status))
        finally:
            conn.close()
            with lock:
                seconds.extend(s for s, _ in mine)
                statuses.extend(c for _, c in mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    ok = sum(1 for s in statuses if s == 200)
    return {**percentiles(seconds), "clients": clients, "requests": len(seconds),
            "ok": ok, "errors": len(statuses) - ok,
            "requests_per_s": round(len(seconds) / wall, 1), "wall_s": round(wall, 2)}


def bench_http(bundle: Path, sets: dict[str, list[str]], requests: int,
               clients: list[int], startup_timeout: float, scratch: Path,
               gather: bool = False) -> dict[str, Any]:
    port = free_port()
    audit_log = scratch / "audit.jsonl"
    command, how = http_server_command(bundle, port, audit_log, gather)
    if command is None:
        return {"skipped": how}
    log(f"  starting the server ({how}) on 127.0.0.1:{port}")
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    out: dict[str, Any] = {"server": how, "port": port, "requests_per_level": requests}
    try:
        _wait_ready(port, proc, startup_timeout)
        out["startup_s"] = round(time.perf_counter() - started, 2)
        probe = load_test(port, sets["short"][:1], 1, 1)
        if probe["errors"]:
            # A body shape the app does not take: say so rather than time error answers.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/predict", body=json.dumps({"texts": ["ok"]}).encode(),
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            out["error"] = f"POST /predict answered {response.status}: {response.read()[:300]!r}"
            return out
        for name in ("short", MIX):
            texts = sets.get(name) or []
            if not texts:
                continue
            out[name] = {}
            for n in clients:
                load_test(port, texts, min(20, requests), n)  # warm-up, not reported
                out[name][f"clients_{n}"] = load_test(port, texts, requests, n)
                log(f"  http {name} x{n}: {out[name][f'clients_{n}']}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        out["server_stopped"] = proc.returncode is not None
        if audit_log.is_file():
            with audit_log.open(encoding="utf-8") as fh:
                out["audit_events"] = sum(1 for _ in fh)
        if "error" in out or "startup_s" not in out:
            out["server_stderr_tail"] = stderr[-2000:]
    return out


# --------------------------------------------------------------------------- summary


def _at_least(values: tuple[float | None, ...], bound: float) -> bool:
    return all(v is not None and v >= bound for v in values)


def targets_met(report: dict[str, Any]) -> dict[str, Any]:
    e2e = report["end_to_end"]

    def p95(bucket: str) -> float | None:
        return e2e.get(bucket, {}).get("exported", {}).get("p95_ms")

    ratios = {b: (e2e[b].get("ratio_p50"), e2e[b].get("ratio_p95")) for b in BUCKETS
              if b in e2e and "ratio_p50" in e2e[b]}
    trees = report["trees"]["all_targets"]
    http_p95 = (report.get("http", {}).get("short", {}).get("clients_8", {}).get("p95_ms"))
    gathered_p95 = (report.get("http_gathered", {}).get("short", {}).get("clients_8", {})
                    .get("p95_ms"))
    out: dict[str, Any] = {
        "short_e2e_p95_le_10ms": None if p95("short") is None
        else p95("short") <= TARGET_SHORT_P95_MS,
        "long_e2e_p95_le_60ms": None if p95("long") is None
        else p95("long") <= TARGET_LONG_P95_MS,
        # Both the typical call and the tail must be 2x faster in every bucket.
        "ge_2x_naive_every_bucket": (all(_at_least(r, TARGET_RATIO) for r in ratios.values())
                                     if len(ratios) == len(BUCKETS) else None),
        "ge_2x_naive_by_bucket": {b: _at_least(r, TARGET_RATIO) for b, r in ratios.items()},
        # All targets of a row together, rows scored 64 at a time (the batch path);
        # the one-row figure is reported beside it.
        "tree_p95_le_0_1ms_per_row": trees[f"batch_{BATCH}"]["p95_ms"]
        <= TARGET_TREE_P95_MS_PER_ROW,
        "tree_p95_le_0_1ms_single_row": trees["single"]["p95_ms"] <= TARGET_TREE_P95_MS_PER_ROW,
        "http_p95_le_50ms_8_clients_short": None if http_p95 is None
        else http_p95 <= TARGET_HTTP_P95_MS,
        "http_p95_le_50ms_8_clients_short_gathered": None if gathered_p95 is None
        else gathered_p95 <= TARGET_HTTP_P95_MS,
    }
    int8 = report.get("int8", {})
    if "end_to_end" in int8:
        short = int8["end_to_end"].get("short", {}).get("exported", {}).get("p95_ms")
        long = int8["end_to_end"].get("long", {}).get("exported", {}).get("p95_ms")
        out["int8"] = {
            "short_e2e_p95_le_10ms": None if short is None else short <= TARGET_SHORT_P95_MS,
            "long_e2e_p95_le_60ms": None if long is None else long <= TARGET_LONG_P95_MS,
            "keep_as_option": int8.get("acceptable", {}).get("keep_as_option")}
    return out


def markdown(report: dict[str, Any]) -> str:
    lines = ["| texts | exported p50 | exported p95 | naive p50 | naive p95 | naive/exported "
             "p50 | p95 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, row in report["end_to_end"].items():
        ex, nv = row["exported"], row.get("naive", {})
        lines.append(f"| {name} | {ex['p50_ms']:.2f} | {ex['p95_ms']:.2f} | "
                     f"{nv.get('p50_ms', float('nan')):.2f} | {nv.get('p95_ms', float('nan')):.2f}"
                     f" | {row.get('ratio_p50', '')} | {row.get('ratio_p95', '')} |")
    enc = report.get("encoder", {})
    if enc:
        lines += ["", "| encoder | texts | " + " | ".join(
            f"{v} p50 | {v} p95" for v in next(iter(next(iter(enc.values())).values()))) + " |"]
        first = next(iter(next(iter(enc.values())).values()))
        lines.append("|---|---|" + "---:|" * (2 * len(first)))
        for group, sets in enc.items():
            for name, row in sets.items():
                lines.append(f"| {group} | {name} | " + " | ".join(
                    f"{r['p50_ms']:.2f} | {r['p95_ms']:.2f}" for r in row.values()) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/serve.json"))
    parser.add_argument("--bundle", type=Path, default=None,
                        help="bundle directory (default: paths.bundle in params.yaml)")
    parser.add_argument("--singles", type=int, default=100,
                        help="single-text calls timed per bucket and for the mix")
    parser.add_argument("--batches", type=int, default=20, help=f"batches of {BATCH} (trees)")
    parser.add_argument("--http", action=argparse.BooleanOptionalAction, default=None,
                        help="the loopback HTTP load test (default: when the app exists)")
    parser.add_argument("--requests", type=int, default=200, help="HTTP requests per level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--int8", action=argparse.BooleanOptionalAction, default=True,
                        help="static INT8 encoders beside bf16")
    parser.add_argument("--calibration", type=int, default=300, help="INT8 calibration texts")
    parser.add_argument("--no-naive", action="store_true", help="skip the torch path")
    parser.add_argument("--seed", type=int, default=0)
    # Internal: the HTTP server process started by this script.
    parser.add_argument("--serve-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--gather", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--audit-log", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    loaded = load_params(ROOT / "params.yaml")
    bundle = (args.bundle or ROOT / loaded.paths.bundle).resolve()
    if args.serve_only:
        return serve_only(bundle, args.port, args.audit_log, args.gather)

    begin = time.perf_counter()
    import onnxruntime
    import openvino

    log(f"loading the bundle {bundle}")
    predictor = Predictor.load(bundle, allow_unaccepted=True, allow_unsigned=True)
    corpus = Corpus(loaded, args.singles, args.seed)
    report: dict[str, Any] = {
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "openvino": openvino.get_version(), "onnxruntime": onnxruntime.__version__},
        "bundle": {"path": str(bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT)
                               else bundle),
                   "version": predictor.version, "targets": sorted(predictor.targets),
                   "encoders": {g: e.precision for g, e in predictor.encoders.items()},
                   "encoder_inference_precision": {g: e.inference_precision
                                                   for g, e in predictor.encoders.items()},
                   "onnx_threads": 1},
        "texts": corpus.facts(),
        "settings": {"singles": args.singles, "batches": args.batches, "batch_size": BATCH,
                     "seed": args.seed},
    }

    naive = None
    if not args.no_naive:
        import torch

        log("loading the naive path (torch encoders, native models)")
        naive = NaivePath(loaded, predictor)
        report["machine"]["torch"] = torch.__version__
        report["machine"]["torch_threads"] = torch.get_num_threads()
        bundle_ids = {g: e.identity for g, e in predictor.encoders.items()}
        sample = corpus.shuffled[:200]
        exported = predictor.score(predictor.features(sample))
        native = naive.predict(sample)
        # Same work, same answers: with the bundle's own encoders swapped in, the naive code
        # must reproduce the exported scores; with torch's, it differs by encoder arithmetic
        # only (bf16 vs f32 embeddings, then calibration's steps).
        torch_encoders, naive.encoders = naive.encoders, dict(predictor.encoders)
        same_encoders = naive.predict(sample)
        naive.encoders = torch_encoders
        report["naive_path"] = {
            "encoders": naive.identities(), "same_encoders_as_bundle":
            naive.identities() == {g: bundle_ids[g] for g in naive.encoders},
            "rows_compared": len(sample),
            "max_abs_diff_vs_exported": {n: float(np.abs(exported[n] - native[n]).max())
                                         for n in exported},
            "max_abs_diff_vs_exported_with_bundle_encoders": {
                n: float(np.abs(exported[n] - same_encoders[n]).max()) for n in exported}}
        log(f"  naive path: {report['naive_path']}")

    # Warm both paths (first calls compile kernels and fill caches).
    for text in corpus.sets[MIX][:10]:
        predictor.predict([text])
        if naive is not None:
            naive.predict([text])

    log("end to end, one text per call")
    report["end_to_end"] = bench_end_to_end(predictor, naive, corpus.sets)
    log("trees alone")
    report["trees"] = bench_trees(predictor, corpus.sets[MIX], corpus.shuffled, args.batches)

    variants: dict[str, dict[str, Any]] = {"openvino_bf16": dict(predictor.encoders)}
    int8_predictor: Predictor | None = None
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch_name:
        scratch = Path(scratch_name)
        if args.int8:
            log("INT8: quantizing the bundle's encoders")
            dirs, facts = quantize_bundle_encoders(
                bundle, sorted(predictor.encoders), corpus.train_texts, scratch,
                args.calibration, args.seed, check_determinism=True)
            int8_dir = int8_bundle(bundle, dirs, scratch / "bundle-int8")
            int8_predictor = Predictor.load(int8_dir, allow_unaccepted=True, allow_unsigned=True)
            variants["openvino_int8_static"] = dict(int8_predictor.encoders)
            report["int8"] = {"quantize": facts, "bundle_version": int8_predictor.version,
                              "encoders": {g: e.precision
                                           for g, e in int8_predictor.encoders.items()}}
            for text in corpus.sets[MIX][:10]:
                int8_predictor.predict([text])
            log("INT8: end to end")
            report["int8"]["end_to_end"] = bench_end_to_end(int8_predictor, None, corpus.sets)
            report["int8"]["speedup_vs_bf16_e2e"] = {
                name: {"p50": _ratio(report["end_to_end"][name]["exported"], row["exported"],
                                     "p50_ms"),
                       "p95": _ratio(report["end_to_end"][name]["exported"], row["exported"],
                                     "p95_ms")}
                for name, row in report["int8"]["end_to_end"].items()}

        if naive is not None:
            variants["torch"] = dict(naive.encoders)
        log("encoders alone, one text per call")
        report["encoder"] = bench_encoders(variants, corpus.sets)
        report["encoder_ratios"] = encoder_ratios(report["encoder"])

        test_texts = corpus.test["text"].astype(str).tolist()
        if naive is not None:
            log("cosine to torch on the test texts")
            report["cosine_to_torch"] = encoder_cosines(
                test_texts, corpus.bucket,
                {k: v for k, v in variants.items() if k != "torch"}, naive.encoders)

        if int8_predictor is not None:
            log("INT8: test metrics through the bundle, bf16 vs INT8 encoders")
            rows = TestRows(loaded, corpus, sorted(predictor.targets))
            base = rows.metrics(predictor)
            int8 = rows.metrics(int8_predictor)
            evaluate = {n: json.loads((bundle / "targets" / n / "evaluation.json")
                                      .read_text(encoding="utf-8")).get("test", {})
                        for n in predictor.targets}
            compared = compare_metrics(loaded, base, int8, evaluate)
            cos = report.get("cosine_to_torch", {})
            cos_ok = {g: cos[g]["openvino_int8_static"]["min"] >= MIN_INT8_COSINE
                      for g in cos}
            report["int8"]["metrics"] = compared
            report["int8"]["acceptable"] = {
                "cosine_min_ge_0_99": cos_ok,
                "metrics_within_tolerance": all(m["passed"] for t in compared.values()
                                                for m in t.values()),
            }
            report["int8"]["acceptable"]["keep_as_option"] = bool(
                all(cos_ok.values()) and cos_ok
                and report["int8"]["acceptable"]["metrics_within_tolerance"])
            log(f"  {report['int8']['acceptable']}")

    run_http = args.http
    if run_http is not False:
        log("HTTP on loopback")
        with tempfile.TemporaryDirectory(prefix="bench-http-") as scratch_http:
            report["http"] = bench_http(bundle, corpus.sets, args.requests, args.clients,
                                        180.0, Path(scratch_http))
        # The same load with serve.gather_requests: concurrent requests scored together.
        with tempfile.TemporaryDirectory(prefix="bench-http-") as scratch_http:
            report["http_gathered"] = bench_http(bundle, corpus.sets, args.requests,
                                                 args.clients, 180.0, Path(scratch_http),
                                                 gather=True)
        if run_http and "skipped" in report["http"]:
            log(f"  --http asked for but: {report['http']['skipped']}")
    else:
        report["http"] = {"skipped": "--no-http"}

    report["targets"] = targets_met(report)
    report["seconds"] = round(time.perf_counter() - begin, 1)
    artifacts.write_json(args.out, report)
    print(markdown(report))
    print(json.dumps(report["targets"], indent=2))
    log(f"wrote {args.out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
