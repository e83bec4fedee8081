"""The CPU that produced a run goes to MLflow and the run log (not to DVC outputs): bf16
kernels differ by CPU, so a teammate needs it to explain byte-different results."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from perception.tracking import CPU_FLAGS, append_run_log, cpu_facts


def test_cpu_facts_name_the_cpu_and_its_float_features() -> None:
    facts = cpu_facts()
    assert facts["machine"] and int(facts["count"]) >= 1
    assert all(isinstance(v, str) for v in facts.values())
    if Path("/proc/cpuinfo").exists():
        assert facts["model"]
        assert set(facts["flags"].split()) <= set(CPU_FLAGS)
    # OpenVINO is a dependency: its view of the CPU (e.g. BF16, FP32) must be there.
    assert "FP32" in facts["openvino_capabilities"].split()


def test_run_log_appends_one_json_line_per_run(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "train.log"
    append_run_log(log, {"target": "valence", "cpu": {"model": "x"}})
    append_run_log(log, {"target": "crisis", "cpu": {"model": "y"}})
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["target"] for r in lines] == ["valence", "crisis"]
    assert all(r["at"] for r in lines)


def test_tracking_leaves_no_process_wide_mlflow_uri(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A training run logged in-process once pinned MLflow's URI for the rest of the process,
    # so a later MLFLOW_TRACKING_URI was ignored (a test suite hit it: a stopped server).
    import mlflow

    from perception.config import TrackingConfig
    from perception.tracking import _mlflow

    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'a.db'}")
    with _mlflow(TrackingConfig(experiment="pin-test")):
        pass
    assert os.environ["MLFLOW_TRACKING_URI"] == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'b.db'}")
    assert mlflow.get_tracking_uri() == f"sqlite:///{tmp_path / 'b.db'}"


@pytest.mark.slow
def test_parallel_runs_create_one_sqlite_store_without_racing(tmp_path: Path) -> None:
    # Two `dvc queue` workers logging to one new sqlite file both migrated its schema and one
    # failed ("Online migration expected to match one row"): the store is opened under a lock.
    import subprocess
    import sys

    code = ("from perception.config import TrackingConfig\n"
            "from perception.tracking import _mlflow\n"
            f"cfg = TrackingConfig(mlflow_uri='sqlite:///{tmp_path}/mlflow.db', experiment='e')\n"
            "with _mlflow(cfg) as mlflow:\n"
            "    mlflow.search_runs(output_format='list')\n")
    env = {k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
