from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

from .dvc_repo import copy_repo, git, output, ran_stages, read_params, run, tiny, write_params

# The targets of the shared trained copy: one regression and one multiclass target cover both
# kinds of model; a third would add half a minute to every run of the suite.
SHARED_TARGETS = ("valence", "crisis")


def _shared_params(params: dict) -> None:
    tiny(params)
    for name in set(params["targets"]) - set(SHARED_TARGETS):
        del params["targets"][name]


@pytest.fixture(scope="session")
def trained_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git+DVC copy on tiny params, reproduced once and committed (dvc.lock, metrics and
    plots in git, the rest in its cache): the first teammate's repository. Shared by the
    remote, experiment, serving, pipeline and hardening tests, which must not change its
    workspace (they clone it to edit); about 4 minutes on 2 cores.

    Under pytest-xdist every worker has its own session, so the copy is built once per run
    in the workers' common temporary directory: the first worker that needs it builds it
    under a file lock, the others wait for it and reuse it."""
    # This run's temporary directory; a worker's is one level down in the run's.
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent
    dest, built = shared / "trained", shared / "trained.built"
    with FileLock(shared / "trained.lock"):
        if not built.exists():
            # A worker that failed half-way left a partial copy: start again.
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir()
            _build_trained(dest)
            built.touch()
    return dest


def _build_trained(dest: Path) -> None:
    copy_repo(dest, _shared_params)
    params = read_params(dest)
    # Relative, as in the real params.yaml, so each queued experiment tunes in its own
    # workspace's optuna.db. copy_repo's absolute path would let two queue workers training
    # the same target replace each other's study (a rerun replaces a study of the same name).
    params["train"]["optuna"]["storage"] = "sqlite:///optuna.db"
    write_params(dest, params)
    ran = ran_stages(output(["dvc", "repro"], dest))
    # A fresh copy runs every stage, data stages to bundle, once per target where it is one.
    assert ran == set(output(["dvc", "stage", "list", "--name-only"], dest).split())
    assert {f"{stage}@{t}" for stage in ("train", "evaluate") for t in SHARED_TARGETS} <= ran
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "trained")


def clone_trained(trained_repo: Path, dest: Path) -> Path:
    """A clone of the trained copy using its cache (nothing recomputed, nothing copied into a
    second cache), for tests that change a workspace: the shared copy's stays as it is."""
    subprocess.run(["git", "clone", "-q", str(trained_repo), str(dest)], check=True,
                   timeout=120)
    run(["dvc", "cache", "dir", "--local", str(trained_repo / ".dvc/cache")], dest)
    run(["dvc", "checkout"], dest)
    assert "Data and pipelines are up to date." in output(["dvc", "status"], dest)
    return dest
