"""End-to-end experiments on the shared trained copy: `dvc exp run -S` on one target's param
reruns only that target's stages, and a queued sweep runs every value on parallel workers and
lists each with its params and metrics in `dvc exp show`."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import clone_trained
from .dvc_repo import env, output, ran_stages, read_params, run

pytestmark = pytest.mark.e2e

TARGET = "valence"  # the cheaper of the shared targets to train
# valence takes linear_alpha from model_defaults (its `model` is {}): `++` adds the key.
PARAM = f"targets.{TARGET}.model.linear_alpha"
# The target's own stages, and the bundle, which packs every target's export.
ONLY_TARGET = {f"train@{TARGET}", f"evaluate@{TARGET}", f"export@{TARGET}", "bundle"}


@pytest.fixture(scope="module")
def repo(trained_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A clone of the trained copy, so experiments leave the shared copy's workspace alone."""
    dest = clone_trained(trained_repo, tmp_path_factory.mktemp("experiments") / "repo")
    yield dest
    # Queue workers stop on an empty queue; after a failed test they may not be.
    run(["dvc", "queue", "stop", "--kill"], dest, check=False)


def _unchanged_other_targets(repo: Path) -> dict[str, bytes]:
    return {name: (repo / name).read_bytes() for name in ("metrics/crisis.json",
                                                          "metrics/train/crisis/metrics.json")}


def test_exp_run_on_one_targets_param_reruns_only_that_target(repo: Path) -> None:
    """A gate threshold is read by evaluate only: the cheapest experiment, in the workspace.
    A model param (retraining) is the sweep below, checked the same way per experiment."""
    others = _unchanged_other_targets(repo)
    gate = f"targets.{TARGET}.gates.pearson_min.threshold"
    out = output(["dvc", "exp", "run", "-n", "strict-gate", "-S", f"{gate}=0.99"], repo)
    # Evaluate, and what reads its metrics: the export (its model card) and the bundle.
    assert ran_stages(out) == {f"evaluate@{TARGET}", f"export@{TARGET}", "bundle"}
    # The experiment's params and results are applied to the workspace.
    assert read_params(repo)["targets"][TARGET]["gates"]["pearson_min"]["threshold"] == 0.99
    metrics = json.loads((repo / f"metrics/{TARGET}.json").read_text())
    assert metrics["gates"]["pearson_min"]["threshold"] == 0.99
    assert metrics["accepted"] is False  # tiny data cannot reach r 0.99
    assert _unchanged_other_targets(repo) == others


def _wait_for_queue(repo: Path, names: list[str], deadline_s: float) -> str:
    """`dvc queue status` once none of `names` is queued or running (bounded wait)."""
    end = time.monotonic() + deadline_s
    while True:
        status = output(["dvc", "queue", "status"], repo)
        rows = [line.split() for line in status.splitlines()]
        pending = [r for r in rows if len(r) > 1 and r[1] in names
                   and r[-1] in {"Queued", "Running"}]
        if not pending:
            return status
        if time.monotonic() > end:
            pytest.fail(f"queue not done after {deadline_s} s:\n{status}")
        time.sleep(3)


def _experiments(shown: list[dict]) -> dict[str, dict]:
    """name -> data of every experiment in `dvc exp show --json`."""
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("name") and isinstance(node.get("data"), dict):
                found[node["name"]] = node["data"]
            for key, value in node.items():
                if key != "data":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(shown)
    return found


def test_queued_sweep_runs_each_value_and_lists_params_and_metrics(repo: Path) -> None:
    others = _unchanged_other_targets(repo)
    queued = output(["dvc", "exp", "run", "--queue", "-S", f"++{PARAM}=0.5,4.0"], repo)
    names = re.findall(r"Queued experiment '([^']+)'", queued)
    assert len(names) == 2, queued
    # Workers are daemons: with captured output `dvc queue start` would wait for them.
    subprocess.run(["dvc", "queue", "start", "-j", "2"], cwd=repo, env=env(repo),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
    status = _wait_for_queue(repo, names, deadline_s=400)
    for name in names:
        assert re.search(rf"\b{re.escape(name)}\b.*\bSuccess\b", status), status
        # Each experiment, run by a worker in its own workspace, reran only this target: its
        # train, evaluate and export stages, and the bundle when the export changed. A value
        # that leaves the chosen learner as it was (the selection picked a tree model, which
        # `linear_alpha` does not touch) exports identical files, and DVC rightly skips the
        # bundle: which learner wins on tiny data depends on the CPU's float kernels.
        ran = ran_stages(output(["dvc", "queue", "logs", name], repo))
        assert ONLY_TARGET - {"bundle"} <= ran <= ONLY_TARGET, ran

    shown = _experiments(json.loads(output(["dvc", "exp", "show", "--json"], repo)))
    alphas = {}
    for name in names:
        data = shown[name]
        alphas[name] = data["params"]["params.yaml"]["data"]["targets"][TARGET]["model"][
            "linear_alpha"]
        metrics = data["metrics"]
        assert metrics[f"metrics/{TARGET}.json"]["data"]["test"]["pearson"] is not None
        assert f"metrics/train/{TARGET}/metrics.json" in metrics
    assert sorted(alphas.values()) == [0.5, 4.0]
    # The sweep ran in the workers' workspaces, not in this one.
    assert _unchanged_other_targets(repo) == others
