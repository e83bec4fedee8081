"""The one place that talks to dvclive and MLflow.

dvclive writes a target's training params and val metrics where `dvc exp show` finds them.
MLflow keeps every training run (params, metrics, the model, and who/what made it); only a
model whose gates pass on test is registered as a new model version. Nothing run-dependent
(run ids, seconds, the CPU) is written to DVC outputs: evaluate finds its training run by the
model folder's content hash.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from perception.config import PathsConfig, TrackingConfig

DIGEST_TAG = "perception.model_digest"
TARGET_TAG = "perception.target"
MODEL_URI_TAG = "perception.model_uri"
CPU_TAG_PREFIX = "cpu."
# The instruction sets that pick different float kernels (OpenVINO, torch, LightGBM): the
# same inputs give byte-different embeddings on CPUs that differ here.
CPU_FLAGS = ("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
             "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile",
             "amx_bf16", "amx_int8", "amx_fp16")


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}; the dotted keys `dvc metrics diff` shows too."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def numeric(tree: dict[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in flatten(tree).items()
            if isinstance(v, int | float) and not isinstance(v, bool)}


def log_live(directory: Path, params: dict[str, Any], metrics: dict[str, Any]) -> None:
    """dvclive: params.yaml and metrics.json under `directory` (declared in dvc.yaml, since
    dvcyaml=False leaves dvc.yaml to us)."""
    from dvclive import Live

    with Live(dir=str(directory), dvcyaml=False, save_dvc_exp=False, report=None) as live:
        live.log_params(params)
        for name, value in sorted(numeric(metrics).items()):
            live.log_metric(name, value, plot=False)


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def cpu_facts() -> dict[str, str]:
    """The CPU a run's floating point came from: bf16 kernels differ by CPU, so a result is
    reproducible byte for byte only on a CPU with the same features. Kept in MLflow and the
    run log, never in a DVC output (that would change dvc.lock on every machine)."""
    facts = {"machine": platform.machine(), "count": str(os.cpu_count() or 0)}
    with contextlib.suppress(OSError):
        # The first processor's block: every core of one machine reports the same features.
        block = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        fields = {key.strip(): value.strip() for key, _, value in
                  (line.partition(":") for line in block.split("\n\n", 1)[0].splitlines())}
        facts["model"] = fields.get("model name", "")
        present = set(fields.get("flags", "").split())
        facts["flags"] = " ".join(f for f in CPU_FLAGS if f in present)
    try:
        import openvino

        core = openvino.Core()
        facts["openvino"] = openvino.get_version()
        facts["openvino_capabilities"] = " ".join(
            core.get_property("CPU", "OPTIMIZATION_CAPABILITIES"))
    except Exception as exc:  # a missing or broken plugin must not fail a training run
        facts["openvino"] = f"unavailable: {type(exc).__name__}"
    return facts


def append_run_log(log: Path, record: dict[str, Any]) -> None:
    """One JSON line per run under logs/ (git-ignored, not a DVC output)."""
    from datetime import UTC, datetime

    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"at": datetime.now(UTC).isoformat(timespec="seconds"), **record})
                 + "\n")


def tracking_uri(cfg: TrackingConfig) -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or cfg.mlflow_uri


def _store_lock(uri: str) -> contextlib.AbstractContextManager[Any]:
    """A lock file beside a sqlite store's database (`<db>.lock`); other stores are servers
    that serialise their own migrations."""
    from urllib.parse import urlparse

    parsed = urlparse(uri)
    if parsed.scheme != "sqlite" or not parsed.path or parsed.path == "/:memory:":
        return contextlib.nullcontext()
    from filelock import FileLock

    # sqlite:///rel.db -> "/rel.db" (relative); sqlite:////abs.db -> "//abs.db" (absolute).
    db = Path(parsed.path[1:])
    return FileLock(str(db.with_name(db.name + ".lock")), timeout=300)


@contextlib.contextmanager
def _mlflow(cfg: TrackingConfig) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import mlflow

        # set_tracking_uri pins a process-wide URI (and writes it into MLFLOW_TRACKING_URI);
        # left pinned, it would outlive this call and override what later callers set.
        before = os.environ.get("MLFLOW_TRACKING_URI")
        uri = tracking_uri(cfg)
        mlflow.set_tracking_uri(uri)
        try:
            with _store_lock(uri):
                # The first call opens the store: creating or migrating its schema is not
                # safe from two processes at once (parallel `dvc queue` workers on one file).
                mlflow.set_experiment(cfg.experiment)
            yield mlflow
        finally:
            mlflow.set_tracking_uri(None)   # unpins, and unsets the variable MLflow wrote
            if before is not None:
                os.environ["MLFLOW_TRACKING_URI"] = before


def log_training_run(cfg: TrackingConfig, target: str, params: dict[str, Any],
                     metrics: dict[str, Any], model_dir: Path, digest: str,
                     learners: dict[str, Any], primary: str,
                     run_log: Path | None = None) -> str:
    """One MLflow run per training: params, val metrics, each learner in its MLflow flavour
    (LightGBM boosters in the LightGBM flavour, linear models in scikit-learn's), the whole
    model folder and the CPU features (`cpu.*` tags). `primary` names the learner a registered
    version points at (the chosen single model, or the stack's meta-model). The run id and CPU
    features are also appended to `run_log` (default: logs/train.log). Returns the run id."""
    import lightgbm
    import sklearn

    cpu = cpu_facts()
    with _mlflow(cfg) as mlflow, mlflow.start_run(run_name=f"train-{target}") as run:
        mlflow.set_tags({TARGET_TAG: target, DIGEST_TAG: digest, "git_commit": git_commit(),
                         "dvc_exp_name": os.environ.get("DVC_EXP_NAME", ""),
                         "chosen_model": primary,
                         **{f"{CPU_TAG_PREFIX}{k}": v for k, v in cpu.items()}})
        mlflow.log_params({k: str(v)[:500] for k, v in flatten(params).items()})
        mlflow.log_metrics(numeric(metrics))
        for name, learner in sorted(learners.items()):
            booster = getattr(learner, "booster", None)
            if booster is not None:
                info = mlflow.lightgbm.log_model(
                    booster, name=f"lightgbm-{name}",
                    pip_requirements=[f"lightgbm=={lightgbm.__version__}"])
            else:
                info = mlflow.sklearn.log_model(
                    learner.estimator, name=f"sklearn-{name}",
                    pip_requirements=[f"scikit-learn=={sklearn.__version__}"])
            if name == primary:
                mlflow.set_tag(MODEL_URI_TAG, info.model_uri)
        mlflow.log_artifacts(str(model_dir), artifact_path="target_model")
        run_id = str(run.info.run_id)
    append_run_log(run_log or PathsConfig().log("train"),
                   {"target": target, "mlflow_run": run_id, "model_digest": digest, "cpu": cpu})
    return run_id


def log_evaluation(cfg: TrackingConfig, target: str, digest: str, metrics: dict[str, Any],
                   accepted: bool) -> str:
    """Attach test metrics to the training run of this exact model folder, and register its
    model as a new version if it was accepted. Returns what happened, for the stage output."""
    with _mlflow(cfg) as mlflow:
        runs = mlflow.search_runs(
            filter_string=f"tags.`{DIGEST_TAG}` = '{digest}'",
            order_by=["attributes.start_time DESC"], max_results=1, output_format="list")
        if not runs:
            return f"no MLflow training run for model {digest} at {tracking_uri(cfg)}"
        run = runs[0]
        with mlflow.start_run(run_id=run.info.run_id):
            mlflow.log_metrics({f"test.{k}": v for k, v in numeric(metrics).items()})
            mlflow.set_tag("accepted", str(accepted).lower())
        model_uri = run.data.tags.get(MODEL_URI_TAG, "")
        if not accepted:
            return f"not registered: gates failed (run {run.info.run_id})"
        if not model_uri:
            return f"not registered: run {run.info.run_id} logged no model"
        name = f"{cfg.registered_model_prefix}-{target}"
        version = mlflow.register_model(model_uri, name)
        return f"registered {name} version {version.version}"
