"""A team shares one MLflow tracking server: training logs to it through the same code path as
to the local SQLite file. Here a real `mlflow server` process (SQLite backend, local
artifact store it serves itself) runs on loopback; a run is logged and read back."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from perception import tracking
from perception.config import TrackingConfig
from perception.models.learners import LinearLearner

# Not in `make test-fast`: a real MLflow tracking server.
pytestmark = pytest.mark.slow

# Cold start of the server's workers: imports, then creating the SQLite schema.
READY_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mlflow server exited {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"mlflow server not ready in {READY_TIMEOUT_S}s:\n{log.read_text()}")


@pytest.fixture
def mlflow_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The server's URL and its artifact folder; the server is stopped afterwards."""
    port, artifacts, log = _free_port(), tmp_path / "artifacts", tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1",
             "--port", str(port), "--workers", "1",
             "--backend-store-uri", f"sqlite:///{tmp_path / 'mlflow.db'}",
             "--artifacts-destination", artifacts.as_uri()],
            # The job runner serves GenAI evaluation jobs; training needs none of it.
            env={**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"},
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc, log)
        yield url, artifacts
    finally:
        # The server forks its workers: stop the whole process group it leads.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def test_a_training_run_logged_to_a_tracking_server_reads_back(
        mlflow_server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, artifacts = mlflow_server
    monkeypatch.setenv("MLFLOW_TRACKING_URI", url)   # as a teammate would, over params
    cfg = TrackingConfig(mlflow_uri=f"sqlite:///{tmp_path / 'unused.db'}",
                         experiment="server-test")
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "model.json").write_text('{"chosen": "lexical"}', encoding="utf-8")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 3))
    learner = LinearLearner("regression", 1.0).fit(x, x @ np.array([0.5, -0.2, 0.1]))

    run_id = tracking.log_training_run(
        cfg, "valence", {"train": {"seed": 42}, "chosen": "lexical"},
        {"val": {"chosen": {"pearson": 0.81, "rmse": 0.12}}}, model_dir, "digest-1",
        {"lexical": learner}, primary="lexical", run_log=tmp_path / "train.log")
    registry = tracking.log_evaluation(cfg, "valence", "digest-1", {"pearson": 0.8}, True)
    assert registry == "registered perception-valence version 1"

    import mlflow
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=url)
    run = client.get_run(run_id)
    assert run.data.params == {"train.seed": "42", "chosen": "lexical"}
    assert run.data.metrics == {"val.chosen.pearson": 0.81, "val.chosen.rmse": 0.12,
                                "test.pearson": 0.8}
    assert run.data.tags[tracking.DIGEST_TAG] == "digest-1"
    assert not (tmp_path / "unused.db").exists()   # the environment won over params
    # The run id went to the given run log, not into the repository's logs/.
    assert json.loads((tmp_path / "train.log").read_text())["mlflow_run"] == run_id

    # Artifacts went through the server into its own store, and come back byte for byte.
    back = Path(mlflow.artifacts.download_artifacts(
        run_id=run_id, artifact_path="target_model/model.json", tracking_uri=url,
        dst_path=str(tmp_path / "back")))
    assert back.read_text(encoding="utf-8") == '{"chosen": "lexical"}'
    assert list(artifacts.rglob("model.json"))
    # The registered version points at the learner logged in its scikit-learn flavour.
    [version] = client.search_model_versions("name = 'perception-valence'")
    assert version.run_id == run_id and version.source.startswith("models:/")
