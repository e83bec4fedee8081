"""End-to-end hardening: a stage killed mid-write must not change the next run's dvc.lock, and
sources outside the stage's dependencies are refused by the real stage."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import clone_trained
from .dvc_repo import env, read_params, run, write_params

pytestmark = pytest.mark.e2e

CACHE = Path("data/cache/embeddings")


@pytest.fixture(scope="module")
def repo(trained_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the session's trained tiny copy (its cache, nothing recomputed): the kill
    test is about the embedding cache featurize writes, so it needs a reproduced workspace,
    not a pipeline of its own."""
    return clone_trained(trained_repo, tmp_path_factory.mktemp("hardening") / "repo")


def _temp_files(directory: Path) -> list[str]:
    try:
        return [e.name for e in os.scandir(directory) if e.name.endswith(".tmp")]
    except FileNotFoundError:
        return []


def _kill_during_shard_write(repo: Path, attempts: int = 8) -> list[str]:
    """Run the real featurize command on an empty cache and SIGKILL it while a shard's temp
    file exists. Returns the temp files it left behind."""
    for _ in range(attempts):
        shutil.rmtree(repo / CACHE, ignore_errors=True)
        proc = subprocess.Popen(["perception", "featurize"], cwd=repo, env=env(repo),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while proc.poll() is None:
                if _temp_files(repo / CACHE):
                    proc.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.0002)
        finally:
            proc.wait(timeout=120)
        left = _temp_files(repo / CACHE)
        if proc.returncode == -signal.SIGKILL and left:
            return left
    raise AssertionError(f"never caught featurize mid-write in {attempts} attempts")


def test_sigkill_mid_write_leaves_nothing_that_changes_dvc_lock(repo: Path) -> None:
    clean_lock = (repo / "dvc.lock").read_text()
    debris = _kill_during_shard_write(repo)
    assert debris  # the kill really left a half-written shard in the DVC-tracked directory
    out = run(["dvc", "repro", "featurize"], repo).stdout
    assert "Running stage 'featurize'" in out
    assert _temp_files(repo / CACHE) == []
    assert (repo / "dvc.lock").read_text() == clean_lock


def test_source_outside_the_stage_deps_is_refused_by_the_stage(repo: Path) -> None:
    (repo / "elsewhere").mkdir(exist_ok=True)
    (repo / "elsewhere/mine.csv").write_text("id,text\n1,hello there\n", encoding="utf-8")
    params_before = (repo / "params.yaml").read_text()
    params = read_params(repo)
    params["ingest"]["sources"].append({"name": "mine", "path": "elsewhere/mine.csv"})
    write_params(repo, params)
    try:
        proc = run(["dvc", "repro", "ingest"], repo, check=False)
        assert proc.returncode != 0
        assert "ingest.sources[1] (mine).path: 'elsewhere/mine.csv' is not under a " \
               "dependency of the ingest stage" in proc.stderr + proc.stdout
        assert "Traceback" not in proc.stderr
        check = run(["perception", "ingest", "--check", "--source", "mine"], repo, check=False)
        assert check.returncode == 1 and "'hello there'" not in check.stderr
        assert "\"text\": \"hello there\"" in check.stdout  # the preview still shows the rows
    finally:
        (repo / "params.yaml").write_text(params_before)
