from __future__ import annotations

import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from perception import artifacts
from perception.config import GenerateConfig, load_params
from perception.data.generate import generate_corpus


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    cfg = GenerateConfig(n_items=300, n_users=40)
    artifacts.write_jsonl(tmp_path / "a.jsonl", generate_corpus(cfg))
    artifacts.write_jsonl(tmp_path / "b.jsonl", generate_corpus(cfg))
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_parquet_and_json_writes_are_byte_stable(tmp_path: Path) -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "x": [1.5, 2.5]})
    artifacts.write_parquet(tmp_path / "a.parquet", frame)
    artifacts.write_parquet(tmp_path / "b.parquet", frame.copy())
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    artifacts.write_json(tmp_path / "m.json", {"b": 1, "a": {"d": 2, "c": 3}})
    assert (tmp_path / "m.json").read_text() == (
        '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n')


def test_failed_write_leaves_the_previous_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    artifacts.write_json(target, {"ok": True})
    with pytest.raises(ValueError), artifacts.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise ValueError("stage failed")
    assert target.read_text() == '{\n  "ok": true\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_params_typos_fail_loudly(tmp_path: Path) -> None:
    path = tmp_path / "params.yaml"
    path.write_text("ingest:\n  sources: []\nsplit:\n  seeed: 3\n")
    with pytest.raises(ValueError, match="seeed"):
        load_params(path)


def test_repo_params_load() -> None:
    params = load_params(Path(__file__).resolve().parents[1] / "params.yaml")
    assert params.ingest.sources[0].name == "synthetic"
    assert params.featurize.encoder.backend in {"torch", "openvino"}


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_outputs_get_the_users_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        artifacts.write_json(tmp_path / "m.json", {"a": 1})
        artifacts.write_parquet(tmp_path / "t.parquet", pd.DataFrame({"x": [1]}))
        with artifacts.atomic_dir(tmp_path / "d") as d:
            (d / "f").write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "m.json").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "t.parquet").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o777 & ~umask
