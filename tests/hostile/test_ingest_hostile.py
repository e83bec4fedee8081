"""Trust boundaries of `ingest`: hostile input files. Each test builds the input and runs the
real ingest (the Python API, or the CLI where the promise is "one line, no traceback, no
outputs")."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perception.cli import app
from perception.config import ConfigError, IngestConfig, SourceConfig
from perception.data.ingest import IngestError, ingest
from perception.data.text import find_pii

REPO = Path(__file__).resolve().parents[2]
PII_KINDS = {"email", "phone", "card"}


def _cfg(*sources: SourceConfig, **kw) -> IngestConfig:
    return IngestConfig(sources=list(sources), **{"max_reject_rate": 1.0, **kw})


def _run(tmp_path: Path, name: str, data: bytes, **source) -> object:
    (tmp_path / name).write_bytes(data)
    return ingest(_cfg(SourceConfig(name="s", path=name, **source)), root=tmp_path)


def _reasons(result) -> list[tuple[int, str, str | None]]:
    return [(r.line, r.reason, r.field) for r in result.rejected]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data/raw").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cli(project: Path, path: str, data: bytes | None = None, **source) -> tuple[int, str, str]:
    """Write `data` at `path` (unless the test made it), ingest it with the CLI; return the
    exit code, stdout and stderr."""
    if data is not None:
        (project / path).write_bytes(data)
    params = {"ingest": {"max_reject_rate": 0.5,
                         "sources": [{"name": "s", "path": path, **source}]}}
    (project / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest"])
    return result.exit_code, result.stdout, result.stderr


def _one_line_error(project: Path, code: int, out: str, err: str, *needles: str) -> str:
    assert code == 1, out + err
    assert "Traceback" not in out + err
    [line] = err.strip().splitlines()
    assert line.startswith("error: ")
    for needle in needles:
        assert needle in line, line
    return line


def _outputs(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for d in ("data/interim", "metrics")
                  if (project / d).exists() for p in (project / d).rglob("*"))


ROWS = b'{"id": 1, "text": "first row"}\n{"id": 2, "text": "second row"}\n'
CSV = b"id,text\n1,first row\n2,second row\n"


# ------------------------------------------------------------ 1. duplicated keys and columns


def test_jsonl_duplicate_key_is_a_row_reject_naming_line_and_key(tmp_path: Path) -> None:
    result = _run(tmp_path, "d.jsonl", b'{"id": 1, "text": "kept"}\n'
                                       b'{"id": 2, "text": "one", "text": "two"}\n'
                                       b'{"id": 3, "text": "also kept"}\n')
    assert result.clean["id"].tolist() == ["s:1", "s:3"]
    [reject] = result.rejected
    assert (reject.line, reject.reason, reject.field) == (2, "duplicate_key", "text")
    assert "'text'" in reject.detail and reject.file == "d.jsonl"
    assert reject.raw == '{"id": 2, "text": "one", "text": "two"}'


def test_jsonl_keys_equal_ignoring_case_are_a_row_reject(tmp_path: Path) -> None:
    result = _run(tmp_path, "d.jsonl", b'{"id": 1, "Text": "upper", "text": "lower"}\n'
                                       b'{"id": 2, "text": "fine"}\n')
    assert result.clean["id"].tolist() == ["s:2"]
    [reject] = result.rejected
    assert (reject.line, reject.reason) == (1, "duplicate_key")
    assert "'Text'" in reject.detail and "'text'" in reject.detail


def test_jsonl_duplicate_key_in_a_nested_object_is_a_row_reject(tmp_path: Path) -> None:
    result = _run(tmp_path, "d.jsonl", b'{"id": 1, "text": "a", "meta": {"k": 1, "k": 2}}\n'
                                       b'{"id": 2, "text": "fine"}\n')
    assert _reasons(result) == [(1, "duplicate_key", "k")]


@pytest.mark.parametrize("header", ["id,text,text", "id,Text,text", "id,text,valence,Valence"])
def test_csv_header_with_a_repeated_column_fails_the_source(tmp_path: Path, header: str) -> None:
    (tmp_path / "c.csv").write_text(f"{header}\n1,a,b{',0.5' * (header.count(',') - 2)}\n")
    with pytest.raises(IngestError) as err:
        ingest(_cfg(SourceConfig(name="s", path="c.csv")), root=tmp_path)
    message = str(err.value)
    assert "\n" not in message
    assert "c.csv line 1" in message and "repeated" in message
    column = header.split(",")[-1]
    assert repr(column) in message


def test_csv_repeated_column_is_one_line_at_the_cli(project: Path) -> None:
    code, out, err = _cli(project, "data/raw/c.csv", b"id,text,text\n1,a,b\n")
    _one_line_error(project, code, out, err, "data/raw/c.csv line 1", "'text'")
    assert _outputs(project) == []


# ------------------------------------------------------------ 2. line endings and BOM


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\n"])
def test_jsonl_line_endings_cr_lf_and_crlf(tmp_path: Path, newline: bytes) -> None:
    lines = [b'{"id": 1, "text": "one"}', b'{"id": 2, "text": "two"}', b"",
             b'{"id": 3, "text": "three", "valence": 7}']
    result = _run(tmp_path, "n.jsonl", newline.join(lines) + newline)
    assert result.clean["id"].tolist() == ["s:1", "s:2"]
    assert _reasons(result) == [(4, "label_out_of_range", "valence")]
    assert result.metrics["rows"]["in"] == 3


def test_jsonl_mixed_line_endings(tmp_path: Path) -> None:
    data = b'{"id": 1, "text": "one"}\r{"id": 2, "text": "two"}\r\n{"id": 3, "text": "x"}\n'
    result = _run(tmp_path, "n.jsonl", data)
    assert result.clean["id"].tolist() == ["s:1", "s:2", "s:3"]


def test_bom_on_jsonl_keeps_the_first_row(tmp_path: Path) -> None:
    result = _run(tmp_path, "b.jsonl", b"\xef\xbb\xbf" + ROWS)
    assert result.rejected == []
    assert result.clean["id"].tolist() == ["s:1", "s:2"]


@pytest.mark.parametrize("source", [{}, {"header": ["id", "text"], "header_row": False}])
def test_bom_on_csv_keeps_the_first_row(tmp_path: Path, source: dict) -> None:
    body = CSV if not source else CSV.split(b"\n", 1)[1]
    result = _run(tmp_path, "b.csv", b"\xef\xbb\xbf" + body, **source)
    assert result.rejected == []
    assert result.clean["id"].tolist() == ["s:1", "s:2"]


# ------------------------------------------------------------ 3. timestamps


def _ts_rows(*stamps: object) -> bytes:
    return b"".join(json.dumps({"id": i, "text": f"row {i}", "created_at": ts}).encode() + b"\n"
                    for i, ts in enumerate(stamps, start=1))


def test_timestamp_near_year_9999_with_an_offset_is_a_reject_not_a_crash(tmp_path: Path) -> None:
    result = _run(tmp_path, "t.jsonl", _ts_rows("9999-12-31T23:00:00-05:00",
                                                "2026-06-01T10:00:00+05:30"))
    assert _reasons(result) == [(1, "created_at_out_of_range", "created_at")]
    assert "created_at" in result.rejected[0].detail
    assert result.clean["created_at"].tolist() == [
        datetime(2026, 6, 1, 4, 30, tzinfo=UTC)]


@pytest.mark.parametrize("stamp", ["2999-01-01T00:00:00Z", "0001-01-01", "1969-12-31T23:59:59Z",
                                   "2100-01-01T00:00:00Z", "9999-12-31T23:59:59.999999"])
def test_timestamps_outside_the_sane_range_are_rejected(tmp_path: Path, stamp: str) -> None:
    result = _run(tmp_path, "t.jsonl", _ts_rows(stamp, "1970-01-01T00:00:00Z"))
    assert _reasons(result) == [(1, "created_at_out_of_range", "created_at")]
    assert "ingest.timestamps" in result.rejected[0].detail


def test_timestamp_range_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl").write_bytes(_ts_rows("1965-05-01", "2150-01-01T00:00:00Z",
                                                "2026-01-01"))
    cfg = _cfg(SourceConfig(name="s", path="t.jsonl"),
               timestamps={"min": "1960-01-01", "max": "2030-01-01"})
    result = ingest(cfg, root=tmp_path)
    assert _reasons(result) == [(2, "created_at_out_of_range", "created_at")]
    assert "2030-01-01" in result.rejected[0].detail


@pytest.mark.parametrize("bad", [{"min": "2100-01-01", "max": "1970-01-01"},
                                 {"min": "1970-01-01", "max": "2999-01-01"},
                                 {"min": "1970-01-01", "until": "2000-01-01"},
                                 {"min": "not a date"}])
def test_timestamp_range_is_validated(bad: dict) -> None:
    with pytest.raises(ValueError, match="timestamps"):
        _cfg(SourceConfig(name="s", path="t.jsonl"), timestamps=bad)


def test_timestamp_range_defaults_and_params_yaml() -> None:
    default = IngestConfig(sources=[SourceConfig(name="s", path="t.jsonl")]).timestamps
    assert (default.min, default.max) == (datetime(1970, 1, 1, tzinfo=UTC),
                                          datetime(2100, 1, 1, tzinfo=UTC))
    params = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))
    assert IngestConfig(**params["ingest"]).timestamps == default


@pytest.mark.parametrize("epoch", [1780000000, 1780000000.5, "1780000000"])
def test_epoch_numbers_are_rejected_naming_the_field(tmp_path: Path, epoch: object) -> None:
    result = _run(tmp_path, "t.jsonl", _ts_rows(epoch))
    assert _reasons(result) == [(1, "invalid_created_at", "created_at")]


def test_far_timestamps_in_a_csv_are_rejected(tmp_path: Path) -> None:
    result = _run(tmp_path, "t.csv", b"id,text,created_at\n1,a,9999-12-31T23:00:00-05:00\n"
                                     b"2,b,2026-06-01\n3,c,0001-01-01T00:00:00+00:00\n")
    assert _reasons(result) == [(2, "created_at_out_of_range", "created_at"),
                                (4, "created_at_out_of_range", "created_at")]


# ------------------------------------------------------------ 4. compressed input, atomic outputs


def _zip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.csv", data)
    return buf.getvalue()


COMPRESSED = {
    "gzip": gzip.compress(CSV),
    "zstd": b"\x28\xb5\x2f\xfd" + b"\x00" * 16,
    "bzip2": bz2.compress(CSV),
    "xz": lzma.compress(CSV),
    "zip": _zip(CSV),
}


@pytest.mark.parametrize("kind", sorted(COMPRESSED))
def test_compressed_file_on_a_plain_suffix_is_refused(tmp_path: Path, kind: str) -> None:
    (tmp_path / "a.csv").write_bytes(COMPRESSED[kind])
    with pytest.raises(IngestError) as err:
        ingest(_cfg(SourceConfig(name="s", path="a.csv")), root=tmp_path)
    message = str(err.value)
    assert "\n" not in message and "a.csv" in message and kind in message


def test_gzip_named_csv_is_one_line_and_leaves_outputs_alone(project: Path) -> None:
    (project / "data/interim").mkdir(parents=True)
    (project / "data/interim/clean.parquet").write_bytes(b"previous run")
    code, out, err = _cli(project, "data/raw/a.csv", gzip.compress(CSV))
    _one_line_error(project, code, out, err, "data/raw/a.csv", "gzip")
    assert _outputs(project) == ["data/interim/clean.parquet"]
    assert (project / "data/interim/clean.parquet").read_bytes() == b"previous run"


@pytest.mark.parametrize(("name", "source"), [("a.csv.gz", {}), ("a.jsonl.gz", {}),
                                              ("a.gz", {"format": "csv"})])
def test_gz_suffix_is_decompressed(tmp_path: Path, name: str, source: dict) -> None:
    data = ROWS if ".jsonl" in name else CSV
    (tmp_path / name).write_bytes(gzip.compress(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r")))
    result = ingest(IngestConfig(sources=[{"name": "s", "path": name, **source}]),
                    root=tmp_path)
    assert result.rejected == []
    assert result.clean["id"].tolist() == ["s:1", "s:2"]


def test_gz_suffix_infers_the_format_in_params(project: Path) -> None:
    code, out, err = _cli(project, "data/raw/a.csv.gz", gzip.compress(CSV))
    assert code == 0, out + err
    assert "2 in = 2 clean" in out


def test_corrupt_gz_is_one_line(project: Path) -> None:
    code, out, err = _cli(project, "data/raw/a.csv.gz", gzip.compress(CSV)[:-12])
    _one_line_error(project, code, out, err, "data/raw/a.csv.gz")
    assert _outputs(project) == []


@pytest.mark.parametrize("name", ["a.csv.bz2", "a.csv.xz", "a.zip"])
def test_other_compression_suffixes_are_refused(project: Path, name: str) -> None:
    code, out, err = _cli(project, f"data/raw/{name}", COMPRESSED["bzip2"], format="csv")
    _one_line_error(project, code, out, err, f"data/raw/{name}")


def test_zst_suffix(project: Path) -> None:
    try:
        import zstandard
    except ImportError:
        code, out, err = _cli(project, "data/raw/a.csv.zst", COMPRESSED["zstd"])
        _one_line_error(project, code, out, err, "data/raw/a.csv.zst", "zstandard")
        return
    data = zstandard.ZstdCompressor().compress(CSV)
    code, out, err = _cli(project, "data/raw/a.csv.zst", data)
    assert code == 0 and "2 in = 2 clean" in out, out + err


def test_failed_ingest_writes_no_output(project: Path) -> None:
    """A source that fails after an earlier one read fine: nothing is written."""
    (project / "data/raw/a.jsonl").write_bytes(ROWS)
    (project / "data/raw/b.csv").write_bytes(gzip.compress(CSV))
    params = {"ingest": {"sources": [{"name": "a", "path": "data/raw/a.jsonl"},
                                     {"name": "b", "path": "data/raw/b.csv"}]}}
    (project / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest"])
    _one_line_error(project, result.exit_code, result.stdout, result.stderr, "data/raw/b.csv")
    assert _outputs(project) == []


def test_lone_surrogate_escape_in_json_is_a_row_reject(project: Path) -> None:
    data = b'{"id": 1, "text": "bad \\ud800 text"}\n{"id": "\\udcff", "text": "two"}\n' + \
        b"".join(b'{"id": %d, "text": "fine %d"}\n' % (i, i) for i in range(3, 9))
    code, out, err = _cli(project, "data/raw/a.jsonl", data)
    assert code == 0, out + err
    rejected = [json.loads(line) for line in
                (project / "data/interim/rejected.jsonl").read_text().splitlines()]
    assert [(r["line"], r["reason"]) for r in rejected] == [(1, "invalid_unicode"),
                                                           (2, "invalid_unicode")]


# ------------------------------------------------------------ 5. PII in ids


def test_ids_that_look_like_contacts_or_cards_are_hashed_and_counted(tmp_path: Path) -> None:
    rows = [("jane.doe@example.com", "a"), ("+1 415 555 0100", "b"),
            ("4111 1111 1111 1111", "c"), ("s000001", "d"), ("Jane.Doe@Example.com", "e")]
    data = b"".join(json.dumps({"id": i, "user_id": "u1", "text": t}).encode() + b"\n"
                    for i, t in rows)
    result = _run(tmp_path, "p.jsonl", data)
    ids = result.clean["id"].tolist()
    assert ids[3] == "s:s000001"
    hashed = ids[:3] + ids[4:]
    assert all(i.startswith("s:id-") and len(i) == len("s:id-") + 16 for i in hashed)
    assert len(set(hashed)) == 4
    for value in ids:
        assert not {s.kind for s in find_pii(value)} & PII_KINDS, value
    assert result.metrics["ids_hashed"] == 4
    # Stable: the same id hashes the same way on every run, and like user_id (salted).
    again = _run(tmp_path, "p2.jsonl", data)
    assert again.clean["id"].tolist() == ids


def test_hashed_ids_stay_hashed_in_merged_ids(tmp_path: Path) -> None:
    data = (b'{"id": "jane@example.com", "text": "same"}\n'
            b'{"id": "bob@example.com", "text": "same"}\n')
    result = _run(tmp_path, "p.jsonl", data)
    [merged] = result.clean["merged_ids"].tolist()
    assert len(merged) == 1 and merged[0].startswith("s:id-")
    assert result.metrics["ids_hashed"] == 2


def _strings(obj: object) -> list[str]:
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return [obj] if isinstance(obj, str) else []


def test_committed_plots_and_metrics_hold_no_pii() -> None:
    files = subprocess.run(["git", "ls-files", "plots", "metrics"], cwd=REPO, check=True,
                           capture_output=True, text=True).stdout.split()
    assert files, "no committed plots or metrics found"
    found = []
    for name in files:
        data = (REPO / name).read_bytes()
        if b"\0" in data:  # PNGs and other binaries
            continue
        text = data.decode("utf-8")
        # Numbers are not PII; strings (ids, texts, keys) are where an id or a text would land.
        if name.endswith(".json"):
            strings = _strings(json.loads(text))
        elif name.endswith((".yaml", ".yml")):
            strings = _strings(yaml.safe_load(text))
        else:
            strings = text.splitlines()
        found += [(name, s, span.kind) for s in strings for span in find_pii(s)
                  if span.kind in PII_KINDS]
    assert found == []


# ------------------------------------------------------------ 6. paths and encodings


def test_symlink_loop_is_one_line(project: Path) -> None:
    os.symlink("loop.csv", project / "data/raw/loop.csv")
    code, out, err = _cli(project, "data/raw/loop.csv")
    _one_line_error(project, code, out, err, "data/raw/loop.csv", "symlink")


def test_directory_as_source_is_one_line(project: Path) -> None:
    (project / "data/raw/dir.csv").mkdir()
    code, out, err = _cli(project, "data/raw/dir.csv")
    _one_line_error(project, code, out, err, "data/raw/dir.csv", "directory")


def test_unreadable_source_is_one_line(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    (project / "data/raw/a.csv").write_bytes(CSV)
    (project / "data/raw/a.csv").chmod(0)
    code, out, err = _cli(project, "data/raw/a.csv")
    _one_line_error(project, code, out, err, "data/raw/a.csv")


LATIN1 = "id,text\n1,café au lait\n2,crème brûlée\n3,plain\n".encode("latin-1")


def test_latin1_csv_is_one_line_naming_file_and_line(project: Path) -> None:
    code, out, err = _cli(project, "data/raw/l.csv", LATIN1)
    _one_line_error(project, code, out, err, "data/raw/l.csv line 2", "UTF-8")
    assert _outputs(project) == []


def test_latin1_jsonl_is_one_line_naming_file_and_line(project: Path) -> None:
    data = '{"id": 1, "text": "café"}\n{"id": 2, "text": "naïve"}\n'.encode("latin-1")
    code, out, err = _cli(project, "data/raw/l.jsonl", data)
    _one_line_error(project, code, out, err, "data/raw/l.jsonl line 1", "UTF-8")


def test_latin1_header_fails_the_source(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_bytes("id,text,Größe\n1,a,1\n".encode("latin-1"))
    with pytest.raises(IngestError, match=r"h\.csv line 1.*UTF-8"):
        ingest(_cfg(SourceConfig(name="s", path="h.csv")), root=tmp_path)


def test_a_few_latin1_rows_are_rejected_with_a_warning(tmp_path: Path) -> None:
    data = b"id,text\n" + b"".join(b"%d,plain %d\n" % (i, i) for i in range(1, 20)) + \
        "20,café\n".encode("latin-1")
    result = _run(tmp_path, "l.csv", data)
    assert _reasons(result) == [(21, "invalid_utf8", "text")]
    assert any("l.csv" in w and "UTF-8" in w and "line 21" in w for w in result.warnings)


def test_path_errors_stay_config_errors(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(ConfigError, match="directory"):
        ingest(_cfg(SourceConfig(name="s", path="d", format="csv")), root=tmp_path)
