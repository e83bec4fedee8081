from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from perception.config import SearchDim, TargetConfig, TrainConfig, TuningConfig
from perception.models.dataset import TargetData

CLASSES = ["none", "panic", "self_harm"]


def make_data(kind: str, n: int = 600, seed: int = 0, n_folds: int = 3) -> TargetData:
    """A learnable toy target: the label depends on the lexical and embedding columns."""
    rng = np.random.default_rng(seed)
    lexical = pd.DataFrame(rng.normal(size=(n, 4)), columns=[f"lex_{i}" for i in range(4)])
    embeddings = pd.DataFrame(rng.normal(size=(n, 8)), columns=[f"emb_{i}" for i in range(8)])
    temporal = pd.DataFrame(rng.normal(size=(n, 2)), columns=["t_0", "t_1"])
    signal = lexical["lex_0"] + 0.8 * embeddings["emb_0"] + 0.3 * rng.normal(size=n)
    if kind == "regression":
        y = (1 / (1 + np.exp(-signal))).to_numpy()
    else:
        y = np.where(signal > 1.2, 2, np.where(signal > 0.6, 1, 0))
    split = rng.choice(["train", "val", "test"], size=n, p=[0.6, 0.2, 0.2])
    fold = np.where(split == "train", rng.integers(0, n_folds, size=n), -1)
    lang = rng.choice(["en", "hinglish"], size=n)
    bucket = rng.choice(["short", "medium", "long"], size=n)
    return TargetData(
        ids=np.array([f"r{i}" for i in range(n)]), split=split, fold=fold, y=y,
        groups={"lexical": lexical, "embeddings": embeddings, "temporal": temporal},
        context=pd.DataFrame({"length_bucket": bucket, "lang": lang}),
        slices=pd.DataFrame({"length_bucket": bucket, "lang": lang,
                             "source": np.full(n, "toy")}))


def target_config(kind: str, **model: object) -> TargetConfig:
    label = ({"column": "valence", "kind": kind} if kind == "regression" else
             {"column": "crisis_type", "kind": kind, "classes": CLASSES})
    base = {
        "search": {"learning_rate": SearchDim(low=0.05, high=0.3, log=True),
                   "num_leaves": SearchDim(low=4, high=16, integer=True)},
        "lightgbm": {"max_rounds": 60, "early_stopping_rounds": 10, "num_threads": 1},
        "tuning": TuningConfig(n_trials={"lexical": 3, "temporal": 2, "all": 2}, patience=5),
        "sensitivity_target": 0.9,
    }
    return TargetConfig.model_validate({"label": label, "model": {**base, **model}})


@pytest.fixture
def train_config(tmp_path) -> TrainConfig:
    return TrainConfig.model_validate(
        {"seed": 7, "optuna": {"storage": f"sqlite:///{tmp_path / 'optuna.db'}"}})


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(_as_postgres(cmd), capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")


# One throwaway server for every test that needs PostgreSQL (Optuna studies shared by
# workers); each test names its own studies.
@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing; .ci/run installs them")
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    # Not under pytest's tmp dir: its parents are private to root, and the server runs as
    # the postgres user.
    root = Path(tempfile.mkdtemp(prefix="perception-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data = root / "data"
    port = _free_port()
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "perception", "--auth=trust",
              "-E", "UTF8"])
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
              "-t", "60", "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root}", "start"])
        _run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "perception",
              "optuna"])
        yield f"postgresql://perception@127.0.0.1:{port}/optuna"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                     "-w", "stop"]), capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
