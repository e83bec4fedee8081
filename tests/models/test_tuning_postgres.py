"""Optuna's storage is any SQLAlchemy URL: a study on a real PostgreSQL server (started here on
loopback, stopped afterwards) replays exactly the trials of the same study on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_tuning import _tune

# Not in `make test-fast`: a throwaway PostgreSQL server.
pytestmark = pytest.mark.slow


def test_a_postgresql_study_replays_the_sqlite_one(postgres_url: str, tmp_path: Path) -> None:
    on_postgres = _tune(postgres_url, "pg.lexical")
    on_sqlite = _tune(f"sqlite:///{tmp_path / 'optuna.db'}", "pg.lexical")
    assert on_postgres.params == on_sqlite.params
    assert on_postgres.history == on_sqlite.history
    # A rerun under the same name replaces the study there too.
    assert _tune(postgres_url, "pg.lexical").history == on_postgres.history
