"""End-to-end: the real DVC pipeline on tiny params in a temporary copy of the repo."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from .conftest import clone_trained
from .dvc_repo import TINY_ITEMS, git, output, ran_stages, read_params, write_params

pytestmark = pytest.mark.e2e


def run(cmd: list[str], cwd: Path) -> str:
    return output(cmd, cwd)


def edit_params(repo: Path, **sections: dict) -> None:
    params = read_params(repo)
    for section, values in sections.items():
        params[section].update(values)
    write_params(repo, params)


@pytest.fixture(scope="module")
def repo(trained_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the session's trained tiny copy (its cache: nothing recomputed), whose first
    `dvc repro` ran every stage (tests/workflow/conftest.py). These tests are about the data
    stages and edit the clone's params; training reruns are test_training.py's."""
    return clone_trained(trained_repo, tmp_path_factory.mktemp("repo") / "repo")


def last_featurize_run(repo: Path) -> dict:
    return json.loads((repo / "logs/featurize.log").read_text().splitlines()[-1])


def test_outputs_and_counts(repo: Path) -> None:
    data = json.loads((repo / "metrics/data.json").read_text())
    rows = data["rows"]
    assert rows["in"] == TINY_ITEMS
    assert rows["in"] == rows["clean"] + rows["rejected"] + rows["duplicates_collapsed"]
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    splits = pd.read_parquet(repo / "data/processed/splits.parquet")
    assert len(clean) == rows["clean"] and splits["id"].tolist() == clean["id"].tolist()
    split = json.loads((repo / "metrics/split.json").read_text())
    assert split["leakage"]["user_overlap"] == 0 and split["leakage"]["text_overlap"] == 0


def test_features_cover_every_clean_row(repo: Path) -> None:
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    for name in ("lexical", "embeddings", "temporal"):
        frame = pd.read_parquet(repo / f"data/features/{name}.parquet")
        assert frame["id"].tolist() == clean["id"].tolist(), name
    features = json.loads((repo / "metrics/features.json").read_text())
    assert features["encoder"]["backend"] == "openvino"
    assert features["features"]["embeddings"] == 384


def test_batch_size_reruns_featurize_only_from_the_cache(repo: Path) -> None:
    edit_params(repo, featurize={"encoder": {**read_params(repo)["featurize"]["encoder"],
                                             "batch_size": 7}})
    assert ran_stages(run(["dvc", "repro", "featurize"], repo)) == {"featurize"}
    assert last_featurize_run(repo)["misses"] == 0


# The data-stage tests below reproduce up to split/featurize: training reruns after them are
# covered by test_training.py.
def test_split_param_reruns_split_only(repo: Path) -> None:
    edit_params(repo, split={"seed": 5})
    assert ran_stages(run(["dvc", "repro", "split"], repo)) == {"split"}


def test_n_items_reruns_the_data_stages(repo: Path) -> None:
    edit_params(repo, generate={"n_items": TINY_ITEMS + 20})
    # Up to split only: the stages after it rerun on any data change, which the own-CSV test
    # below shows, and the fine-tune they would start is most of this test's time.
    try:
        ran = ran_stages(run(["dvc", "repro", "split"], repo))
        assert ran == {"generate", "ingest", "split"}
        rows = json.loads((repo / "metrics/data.json").read_text())["rows"]
        assert rows["in"] == TINY_ITEMS + 20
    finally:
        # Back to the committed corpus, so that the next test's featurize embeds only its rows.
        git(repo, "checkout", "--", ".")
        run(["dvc", "checkout"], repo)


def test_adding_your_own_csv_reruns_ingest(repo: Path) -> None:
    (repo / "data/raw/mine.csv").write_text(
        "sid,score,sentence\n1,3.5,what a lovely morning\n2,-3,I feel awful today\n",
        encoding="utf-8")
    params = read_params(repo)
    params["ingest"]["sources"].append({
        "name": "mine", "path": "data/raw/mine.csv", "valence_range": [-4, 4], "lang": "en",
        "columns": {"id": "sid", "valence": "score", "text": "sentence"}})
    write_params(repo, params)
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
    params = read_params(repo)
    params["ingest"]["sources"].append({"name": "broken", "path": "data/raw/broken.jsonl"})
    write_params(repo, params)
    with pytest.raises(AssertionError, match=r"source 'broken' rejected 2 of 3 rows"):
        run(["dvc", "repro", "featurize"], repo)
    leftovers = [p.name for p in (repo / "data/interim").iterdir() if p.name.startswith(".")]
    assert leftovers in ([], [".gitignore"])
