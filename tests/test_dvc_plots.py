"""Every target's plots come from its own train@ and evaluate@ stages (stage-level `plots:` in
dvc.yaml), so a target added to params.yaml renders in `dvc plots show` with no dvc.yaml edit.
Runs the pinned DVC on the committed plot files, with two targets a user might add."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DVC = Path(sys.executable).parent / "dvc"


def test_dvc_yaml_names_no_target_in_its_plots() -> None:
    dvc = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))
    assert "plots" not in dvc, "top-level plots name files of particular targets"
    for stage in ("train", "evaluate"):
        declared = [next(iter(p)) for p in dvc["stages"][stage]["do"]["plots"]]
        assert all(p.startswith("${paths.plots}/${key}/") for p in declared), declared


def test_a_users_own_targets_render_like_the_built_in_ones(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("dvc.yaml", "params.yaml", ".dvc/config"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, repo / name)
    shutil.copytree(REPO / "plots", repo / "plots")
    params = yaml.safe_load((repo / "params.yaml").read_text(encoding="utf-8"))
    # A regression and a binary target, as README "Your own targets" adds them; their plot
    # files are copies of a built-in target's of the same kind.
    params["targets"]["dominance"] = {"label": {"column": "dominance", "kind": "regression"},
                                      "model": {}}
    params["targets"]["stress"] = {
        "label": {"column": "stress", "kind": "binary", "classes": ["calm", "stressed"]},
        "model": {"decision": "f1"}}
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False), encoding="utf-8")
    shutil.copytree(repo / "plots/valence", repo / "plots/dominance")
    shutil.copytree(repo / "plots/crisis", repo / "plots/stress")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)

    proc = subprocess.run([str(DVC), "plots", "show", "--json", "-o", str(tmp_path / "out")],
                          cwd=repo, capture_output=True, text=True, timeout=120,
                          env={"DVC_NO_ANALYTICS": "1", "PATH": str(DVC.parent)})
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)
    assert not shown.get("errors"), shown["errors"]
    plots = shown["data"]
    for target in params["targets"]:
        files = {p.relative_to(repo).as_posix()
                 for p in (repo / "plots" / target).rglob("*") if p.is_file()}
        assert files and files <= set(plots), f"{target}: not rendered: {files - set(plots)}"
        # The Optuna histories keep their axes: best val loss per trial.
        history = plots[f"plots/{target}/train/optuna_lexical.json"][0]["content"]
        assert history["encoding"]["x"]["field"] == "trial"
        assert '"field": "best"' in json.dumps(history["layer"])
    assert plots["plots/stress/test/confusion.png"][0]["type"] == "image"
    assert plots["plots/dominance/test/predicted_vs_actual.png"][0]["type"] == "image"
