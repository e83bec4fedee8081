"""Every `perception` command reports a broken params.yaml as one line naming the file, with
exit code 1 and no traceback; --debug and PERCEPTION_DEBUG=1 show the traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perception.cli import DEBUG_ENV, app
from perception.config import ConfigError

# The arguments each command needs to reach its params file.
ARGS: dict[str, list[str]] = {
    "generate": [], "ingest": [], "split": [], "export-encoder": [], "finetune": [],
    "featurize": [], "train": ["valence"], "evaluate": ["valence"], "export": ["valence"],
    "bundle": [], "predict": ["hello"], "serve": [], "sign": [], "gates": [],
    "report": ["--base", "HEAD"], "tune": ["valence"],
}

BROKEN = {
    "yaml": "generate: {seed: [}\n",                 # not YAML
    "unknown_key": "generate:\n  sede: 3\n",         # a typo'd key
    "wrong_type": "split:\n  strategy: 7\n",         # a value of the wrong type
}


def _commands() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]


def test_every_command_is_covered() -> None:
    assert sorted(_commands()) == sorted(ARGS)


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)      # nothing a command might write lands in the repository
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    return tmp_path


@pytest.mark.parametrize("broken", sorted(BROKEN))
@pytest.mark.parametrize("command", sorted(ARGS))
def test_a_broken_params_file_is_one_line(cwd: Path, command: str, broken: str) -> None:
    params = cwd / "broken-params.yaml"
    params.write_text(BROKEN[broken], encoding="utf-8")
    result = CliRunner().invoke(app, [command, *ARGS[command], "--params", str(params)])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and str(params) in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_params_file_is_one_line(cwd: Path) -> None:
    result = CliRunner().invoke(app, ["split", "--params", "nowhere.yaml"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "nowhere.yaml" in result.stderr


def test_debug_shows_the_error_itself(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params = cwd / "broken-params.yaml"
    params.write_text(BROKEN["yaml"], encoding="utf-8")
    flag = CliRunner().invoke(app, ["--debug", "generate", "--params", str(params)])
    assert isinstance(flag.exception, ConfigError)
    monkeypatch.setenv(DEBUG_ENV, "1")
    env = CliRunner().invoke(app, ["split", "--params", str(params)])
    assert isinstance(env.exception, ConfigError)
