"""End-to-end hardening: a stage killed mid-write must not change the next run's dvc.lock, and
sources outside the stage's dependencies are refused by the real stage."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
       "DVC_NO_ANALYTICS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
CACHE = Path("data/cache/embeddings")


def run(cmd: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git+DVC copy of the tracked files with tiny params, reproduced once."""
    dest = tmp_path_factory.mktemp("hardening")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file() and not name.startswith(("data/", "metrics/", "models/")) \
                and name != "dvc.lock":
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    (dest / "data/raw").mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "data/raw/README.md", dest / "data/raw/README.md")
    params = yaml.safe_load((dest / "params.yaml").read_text())
    params["generate"].update({"n_items": 400, "n_users": 60})
    (dest / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    run(["git", "init", "-q"], dest)
    run([*git, "add", "-A"], dest)
    run([*git, "commit", "-qm", "copy"], dest)
    # Only the stages up to featurize: the kill test is about the embedding cache.
    run(["dvc", "repro", "featurize"], dest)
    return dest


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
        proc = subprocess.Popen(["perception", "featurize"], cwd=repo, env=ENV,
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
    params = yaml.safe_load(params_before)
    params["ingest"]["sources"].append({"name": "mine", "path": "elsewhere/mine.csv"})
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
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
