"""Optuna's storage is any SQLAlchemy URL: a study on a real PostgreSQL server (started here on
loopback, stopped afterwards) replays exactly the trials of the same study on SQLite."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_tuning import _tune


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


@pytest.fixture(scope="module")
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
        yield f"postgresql://perception@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                     "-w", "stop"]), capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


def test_a_postgresql_study_replays_the_sqlite_one(postgres_url: str, tmp_path: Path) -> None:
    on_postgres = _tune(postgres_url, "pg.lexical")
    on_sqlite = _tune(f"sqlite:///{tmp_path / 'optuna.db'}", "pg.lexical")
    assert on_postgres.params == on_sqlite.params
    assert on_postgres.history == on_sqlite.history
    # A rerun under the same name replaces the study there too.
    assert _tune(postgres_url, "pg.lexical").history == on_postgres.history
