"""`perception ingest` from the user's side: --check on a new source, and config errors as one
line naming the params key instead of a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perception.cli import app

NEW_SOURCE = """\
ingest:
  max_reject_rate: 0.5
  sources:
    - name: mine
      path: data/raw/mine.csv
      valence_range: [1, 5]
      lang: en
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data/raw").mkdir(parents=True)
    (tmp_path / "data/raw/mine.csv").write_text(
        'ID,Text,Valence,mood score\n1,"great day, call (415) 555-0100",4,x\n'
        '2,"never closed,2,y\n3,meh,3,z\n4,fine,5,w\n', encoding="utf-8")
    (tmp_path / "params.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_check_shows_mapping_rows_and_rejects_and_writes_nothing(project: Path) -> None:
    before = _files(project)
    result = CliRunner().invoke(app, ["ingest", "--check", "--rows", "2"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "'ID' -> id" in out and "'Text' -> text" in out and "'Valence' -> valence" in out
    assert "unmapped columns (ignored): ['mood score']" in out
    assert "looks like a label" in out
    assert '"text": "great day, call <PHONE>"' in out and '"valence": 0.75' in out
    assert "unclosed_quote x1" in out and "lines 3-5" in out
    assert _files(project) == before


def test_check_unknown_source_name_fails(project: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", "--check", "--source", "nope"])
    assert result.exit_code == 1 and "'nope' is not in ingest.sources (mine)" in result.output


def test_ingest_prints_warnings_and_writes_outputs(project: Path) -> None:
    result = CliRunner().invoke(app, ["ingest"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "'mood score'" in result.stderr
    assert "4 in = 3 clean + 1 rejected" in result.stdout
    assert (project / "data/interim/clean.parquet").is_file()


@pytest.mark.parametrize(("source", "key"), [
    ("{name: a, path: a.csv, format: xls}", "ingest.sources[0].format"),
    ("{name: a, path: a.csv, valence_range: [5, 1]}", "ingest.sources[0].valence_range"),
    ("{name: a, path: ../../etc/passwd, format: tsv}", "ingest.sources[0].path"),
    ("{name: a, path: data/raw/nope.csv}", "ingest.sources[0] (a).path"),
])
def test_config_errors_print_one_line(project: Path, source: str, key: str) -> None:
    (project / "params.yaml").write_text(f"ingest:\n  sources:\n    - {source}\n")
    result = CliRunner().invoke(app, ["ingest"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and key in line
    assert "root:" not in line  # nothing of /etc/passwd is echoed
