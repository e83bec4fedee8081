"""End-to-end: the real DVC pipeline on tiny params in a temporary copy of the repo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "DVC_NO_ANALYTICS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout + proc.stderr


def ran_stages(output: str) -> set[str]:
    return {line.split("'")[1] for line in output.splitlines()
            if line.startswith("Running stage '")}


def edit_params(repo: Path, **sections: dict) -> None:
    path = repo / "params.yaml"
    params = yaml.safe_load(path.read_text())
    for section, values in sections.items():
        params[section].update(values)
    path.write_text(yaml.safe_dump(params, sort_keys=False))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, tiny_params) -> Path:
    """A git+DVC copy of the tracked files, with tiny params, built once."""
    dest = tmp_path_factory.mktemp("repo")
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
    tiny_params(params)
    (dest / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    edit_params(dest, generate={"n_items": 400, "n_users": 60})
    run(["git", "init", "-q"], dest)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"], dest)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"], dest)
    first = run(["dvc", "repro"], dest)
    assert {"generate", "ingest", "split", "encoder", "featurize"} <= ran_stages(first)
    return dest


def last_featurize_run(repo: Path) -> dict:
    return json.loads((repo / "logs/featurize.log").read_text().splitlines()[-1])


def test_outputs_and_counts(repo: Path) -> None:
    data = json.loads((repo / "metrics/data.json").read_text())
    rows = data["rows"]
    assert rows["in"] == 400
    assert rows["in"] == rows["clean"] + rows["rejected"] + rows["duplicates_collapsed"]
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    splits = pd.read_parquet(repo / "data/processed/splits.parquet")
    assert len(clean) == rows["clean"] and splits["id"].tolist() == clean["id"].tolist()
    split = json.loads((repo / "metrics/split.json").read_text())
    assert split["leakage"]["user_overlap"] == 0 and split["leakage"]["text_overlap"] == 0


def test_second_repro_is_a_no_op(repo: Path) -> None:
    out = run(["dvc", "repro"], repo)
    assert ran_stages(out) == set()
    assert "up to date" in run(["dvc", "status"], repo)


def test_features_cover_every_clean_row(repo: Path) -> None:
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    for name in ("lexical", "embeddings", "temporal"):
        frame = pd.read_parquet(repo / f"data/features/{name}.parquet")
        assert frame["id"].tolist() == clean["id"].tolist(), name
    features = json.loads((repo / "metrics/features.json").read_text())
    assert features["encoder"]["backend"] == "openvino"
    assert features["features"]["embeddings"] == 384


def test_batch_size_reruns_featurize_only_from_the_cache(repo: Path) -> None:
    edit_params(repo, featurize={"encoder": {**yaml.safe_load(
        (repo / "params.yaml").read_text())["featurize"]["encoder"], "batch_size": 7}})
    assert ran_stages(run(["dvc", "repro"], repo)) == {"featurize"}
    assert last_featurize_run(repo)["misses"] == 0


# The data-stage tests below reproduce up to split/featurize: training reruns after them are
# covered by test_training.py.
def test_split_param_reruns_split_only(repo: Path) -> None:
    edit_params(repo, split={"seed": 5})
    assert ran_stages(run(["dvc", "repro", "split"], repo)) == {"split"}


def test_n_items_reruns_the_data_stages(repo: Path) -> None:
    edit_params(repo, generate={"n_items": 420})
    ran = ran_stages(run(["dvc", "repro", "featurize", "split"], repo))
    assert {"generate", "ingest", "split"} <= ran
    assert json.loads((repo / "metrics/data.json").read_text())["rows"]["in"] == 420


def test_adding_your_own_csv_reruns_ingest(repo: Path) -> None:
    (repo / "data/raw/mine.csv").write_text(
        "sid,score,sentence\n1,3.5,what a lovely morning\n2,-3,I feel awful today\n",
        encoding="utf-8")
    params = yaml.safe_load((repo / "params.yaml").read_text())
    params["ingest"]["sources"].append({
        "name": "mine", "path": "data/raw/mine.csv", "valence_range": [-4, 4], "lang": "en",
        "columns": {"id": "sid", "valence": "score", "text": "sentence"}})
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    ran = ran_stages(run(["dvc", "repro", "featurize", "split"], repo))
    assert {"ingest", "split", "featurize"} <= ran
    clean = pd.read_parquet(repo / "data/interim/clean.parquet").set_index("id")
    assert clean.loc["mine:1", "valence"] == pytest.approx((3.5 + 4) / 8)
    # Only the two new texts were embedded; the rest came from the row cache.
    assert last_featurize_run(repo)["misses"] == 2


def test_time_split_strategy_through_dvc(repo: Path) -> None:
    edit_params(repo, split={"strategy": "time"})
    assert ran_stages(run(["dvc", "repro", "split"], repo)) == {"split"}
    split = json.loads((repo / "metrics/split.json").read_text())
    assert split["strategy"] == "time" and split["dropped"]["embargo"] > 0
    assert split["leakage"]["time_order_violations"] == 0


def test_a_failing_ingest_names_the_source_and_leaves_no_partial_output(repo: Path) -> None:
    (repo / "data/raw/broken.jsonl").write_text('{"id": 1, "text": "fine"}\n{oops\n{oops\n')
    params = yaml.safe_load((repo / "params.yaml").read_text())
    params["ingest"]["sources"].append({"name": "broken", "path": "data/raw/broken.jsonl"})
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    with pytest.raises(AssertionError, match=r"source 'broken' rejected 2 of 3 rows"):
        run(["dvc", "repro"], repo)
    leftovers = [p.name for p in (repo / "data/interim").iterdir() if p.name.startswith(".")]
    assert leftovers in ([], [".gitignore"])
