"""Ingest: read every configured source, validate each row against one schema, normalize and
redact text, collapse exact duplicates, and account for every row that came in.

rows in = clean rows + rejected rows + collapsed duplicates, per source and in total.
"""

from __future__ import annotations

import csv
import errno
import gzip
import hashlib
import io
import json
import math
import os
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

import krippendorff
import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import ValidationError

from perception.config import CANONICAL_FIELDS, ConfigError, IngestConfig, SourceConfig
from perception.data.schema import CRISIS_TYPES, Row, length_bucket, most_severe
from perception.data.text import (
    PII_TOKENS,
    contact_key,
    find_pii,
    is_text,
    normalize_text,
    redact_pii,
    word_count,
)
from perception.errors import DataError

LABEL_FIELDS = ("valence", "arousal")
_RATING_GRID = 40
RATING_FIELDS = ("valence_ratings", "arousal_ratings", "crisis_ratings")
# The clean table: these, then one column per declared label (ingest.sources[*].labels).
CLEAN_COLUMNS = [
    "id", "user_id", "created_at", "text", "lang", "valence", "arousal", "crisis_type",
    "source", "assigned_split", "n_words", "length_bucket", "merged_ids",
]
# The field a source's own split column maps onto (see SourceConfig.split).
SPLIT_FIELD = "split"
# User ids that are an email address or phone number are replaced by a salted hash. The salt
# is a fixed project constant, not a param: it has to be public anyway for the pipeline to be
# reproducible from a clone, so a param would add no secrecy, and a constant keeps every
# clone's user ids (and so its splits) identical. Changing it regroups nothing but renames
# every hashed user; bump the version suffix only on purpose.
USER_ID_SALT = b"perception/user_id/v1:"
# Row ids that contain an email address, phone number or card number are hashed the same way,
# with their own salt (a row id and a user id never share a hash). Unlike user ids they are
# hashed as written, not canonicalized: two rows are two rows, whatever their ids look like.
ID_SALT = b"perception/id/v1:"
_ID_PII_KINDS = frozenset({"email", "phone", "card"})
# Unmapped columns whose names contain one of these look like labels: warn, do not guess.
_LABEL_WORDS = re.compile(
    r"valen|arous|crisis|label|rating|score|sentiment|emotion|mood|polarity|affect|class",
    re.IGNORECASE,
)
# Short column names that are rating dimensions in common corpora (EmoBank's V, A, D).
_RATING_NAMES = frozenset({"v", "a", "d", "dominance", "stress", "y", "target"})


class IngestError(DataError, RuntimeError):
    """A problem with a whole source or the whole run: the stage fails and writes nothing."""


@dataclass(frozen=True)
class Rejection:
    source: str
    file: str
    line: int
    reason: str
    field: str | None
    detail: str
    raw: str
    # The last physical line of a record that spans several (a quote that never closes).
    last_line: int | None = None

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source, "file": self.file, "line": self.line,
            "last_line": self.last_line or self.line, "reason": self.reason,
            "field": self.field, "detail": self.detail, "raw": self.raw,
        }


@dataclass(frozen=True)
class ColumnMap:
    """How one file's columns map onto canonical fields (CSV: once; JSONL: per key set)."""

    fields: dict[str, str]  # canonical field -> column in the file
    unmapped: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class RawRecord:
    """One row as it came: its position, its raw text and its values by canonical field."""

    line: int
    raw: str
    fields: dict[str, Any]


class RowRejected(Exception):
    def __init__(self, reason: str, field: str | None, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.field, self.detail = reason, field, detail


@dataclass
class Accepted:
    row: Row
    line: int
    ratings: dict[str, list[Any]]
    pii: Counter[str]


@dataclass
class IngestResult:
    clean: pd.DataFrame
    rejected: list[Rejection]
    metrics: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _show(value: Any, limit: int = 60) -> str:
    """repr for messages, cut short: a field can be megabytes long."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


# --------------------------------------------------------------------------------------------
# Where sources may live: inside the repository, and under a dependency of the ingest stage.


def source_key(index: int, name: str = "") -> str:
    return f"ingest.sources[{index}]" + (f" ({name})" if name else "")


def resolve_source(source: SourceConfig, index: int, root: Path) -> Path:
    """The file to read. Refuses anything that resolves (symlinks followed) outside `root`,
    without opening it: a config error must not echo another file's content."""
    key = f"{source_key(index, source.name)}.path"
    base = root.resolve()
    try:
        path = (root / source.path).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        why = "is a symlink loop" if isinstance(exc, RuntimeError) or \
            getattr(exc, "errno", None) == errno.ELOOP else \
            f"cannot be resolved: {getattr(exc, 'strerror', None) or exc}"
        raise ConfigError(f"{key}: {source.path!r} {why}") from None
    if not path.is_relative_to(base):
        raise ConfigError(f"{key}: {source.path!r} resolves outside the repository ({base}); "
                          f"sources must be files inside it")
    if path.is_dir():
        raise ConfigError(f"{key}: {source.path!r} is a directory; a source is one file")
    if not path.is_file():
        what = "not a regular file" if path.exists() else "file not found"
        raise ConfigError(f"{key}: {what}: {source.path}")
    return path


def uncovered_sources(sources: Sequence[SourceConfig], deps: Sequence[str]) -> list[int]:
    """Indexes of sources that no dependency path equals or contains."""
    norm = [PurePosixPath(os.path.normpath(d)).as_posix() for d in deps]
    out = []
    for i, source in enumerate(sources):
        path = PurePosixPath(os.path.normpath(source.path)).as_posix()
        if not any(path == d or path.startswith(d.rstrip("/") + "/") for d in norm):
            out.append(i)
    return out


def dvc_stage_deps(root: Path, stage: str = "ingest") -> list[str] | None:
    """The file/directory dependencies of `stage` as DVC resolves them (templating included),
    or None when `root` is not a DVC project or has no such stage."""
    if not (root / "dvc.yaml").is_file() or not (root / ".dvc").is_dir():
        return None
    from dvc.dependency.param import ParamsDependency
    from dvc.exceptions import DvcException
    from dvc.repo import Repo
    from dvc.stage.exceptions import StageNotFound

    try:
        # no_scm: only stage definitions are read, so a copy without .git works too.
        with Repo(str(root), config={"core": {"no_scm": True}}) as repo:
            stages = repo.stage.collect(stage)
    except StageNotFound:
        return None
    except DvcException as exc:
        raise IngestError(f"dvc.yaml: cannot read the {stage!r} stage's dependencies to check "
                          f"that every source is one: {exc}") from exc
    return [d.def_path for s in stages for d in s.deps if not isinstance(d, ParamsDependency)]


def check_sources(cfg: IngestConfig, root: Path, deps: Sequence[str] | None) -> list[Path]:
    """Resolve every source inside the repository and, in a DVC project, under an ingest
    dependency (or changing the file would not rerun the stage)."""
    paths = [resolve_source(s, i, root) for i, s in enumerate(cfg.sources)]
    if deps is not None:
        missing = uncovered_sources(cfg.sources, deps)
        if missing:
            i = missing[0]
            raise ConfigError(
                f"{source_key(i, cfg.sources[i].name)}.path: {cfg.sources[i].path!r} is not "
                f"under a dependency of the ingest stage in dvc.yaml ({', '.join(deps)}), so "
                f"changing it would not rerun ingest; put it in data/raw/ or add it to "
                f"stages.ingest.deps")
    return paths


# --------------------------------------------------------------------------------------------
# Columns: canonical fields match file columns ignoring case, spaces and hyphens.


def column_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def map_columns(source: SourceConfig, columns: Sequence[str], where: str) -> ColumnMap:
    """Map canonical fields onto `columns`: an explicit `columns:` entry, else the column named
    like the field. An exact name wins over a case-insensitive one."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for column in columns:
        by_key[column_key(column)].append(column)
    fields: dict[str, str] = {}
    wanted_by_field = {name: source.columns.get(name, name) for name in source.field_names()}
    if source.split is not None and source.split.all is None:
        wanted_by_field[SPLIT_FIELD] = source.split.column
    for name, wanted in wanted_by_field.items():
        if wanted in columns:
            fields[name] = wanted
            continue
        matches = by_key.get(column_key(wanted), [])
        if len(matches) > 1:
            raise IngestError(f"{where}: columns {matches} all match {name!r} ignoring case; "
                              f"map one in ingest.sources[{source.name}].columns")
        if matches:
            fields[name] = matches[0]
    used = set(fields.values())
    unmapped = tuple(c for c in columns if c not in used)
    # Nothing is dropped silently: a column that maps onto no field is named, and one that
    # looks like a label (a third rating dimension, a class) says how to keep it.
    warnings = tuple(
        f"{where}: column {c!r} looks like a label but is not mapped to any field, so it is "
        f"ignored; map it onto a field under ingest.sources[{source.name}].columns, or "
        f"declare it under ingest.sources[{source.name}].labels to keep it as its own label"
        for c in unmapped if _LABEL_WORDS.search(c) or c.strip().casefold() in _RATING_NAMES
    )
    return ColumnMap(fields, unmapped, warnings)


def _check_mapped(source: SourceConfig, mapping: ColumnMap, where: str) -> None:
    if source.split is not None and source.split.all is None and \
            SPLIT_FIELD not in mapping.fields:
        raise IngestError(
            f"{where}: split column {source.split.column!r} (ingest.sources[{source.name}]"
            f".split.column) is not in the header "
            f"{list(mapping.fields.values()) + list(mapping.unmapped)}")
    for name, column in source.columns.items():
        if name not in mapping.fields:
            raise IngestError(
                f"{where}: column {column!r} mapped in params.yaml "
                f"(ingest.sources[{source.name}].columns) is not in the header "
                f"{list(mapping.fields.values()) + list(mapping.unmapped)}"
            )


# --------------------------------------------------------------------------------------------
# Reading: bytes -> ColumnMap | RawRecord | Rejection. Malformed lines are rejections, not
# crashes; every physical line ends up in exactly one record or rejection (or is blank).

Item = ColumnMap | RawRecord | Rejection

# What a compressed file starts with. Such bytes are never text: a compressed file with a plain
# name is refused (reading it as text would turn it into garbage rows), not guessed at.
_COMPRESSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)
# Compressions that are named but not read (only .gz and .zst are).
_UNREAD_SUFFIXES = {".bz2": "bzip2", ".xz": "xz", ".lzma": "xz", ".zip": "zip", ".7z": "7z",
                    ".tgz": "tar+gzip", ".tar": "tar", ".z": "compress", ".lz4": "lz4"}
_BOM = b"\xef\xbb\xbf"


def _compression(data: bytes) -> str | None:
    for magic, kind in _COMPRESSED_MAGIC:
        if data.startswith(magic):
            return kind
    # "BZh", a block size digit, then the block magic (pi in BCD): text cannot start so.
    if data[:3] == b"BZh" and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
        return "bzip2"
    return None


def _decompress_zstd(source: SourceConfig, data: bytes) -> bytes:
    try:
        import zstandard
    except ImportError:
        raise IngestError(f"{source.path}: reading .zst needs the zstandard package, which is "
                          f"not installed; pip install zstandard, or store the file as .gz"
                          ) from None
    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data),
                                                        read_across_frames=True) as reader:
            return reader.read()
    except zstandard.ZstdError as exc:
        raise IngestError(f"{source.path}: not a valid zstd file ({exc})") from None


def read_source_bytes(source: SourceConfig, path: Path) -> bytes:
    """The file's bytes as text to parse: decompressed by the configured name's suffix (.gz,
    .zst), a UTF-8 byte order mark dropped. Anything else that is compressed, a file that
    cannot be read, and UTF-16 are one-line errors naming the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{source.path}: cannot read the file: "
                          f"{exc.strerror or exc.__class__.__name__}") from None
    suffix = PurePosixPath(source.path).suffix.lower()
    if suffix in _UNREAD_SUFFIXES:
        raise IngestError(f"{source.path}: {_UNREAD_SUFFIXES[suffix]} files are not read; "
                          f"decompress it, or store it as .gz")
    if suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise IngestError(f"{source.path}: not a valid gzip file ({exc})") from None
    elif suffix == ".zst":
        data = _decompress_zstd(source, data)
    kind = _compression(data)
    if kind is not None:
        how = "after decompressing, the content is still" if suffix in (".gz", ".zst") else \
            "the file is"
        raise IngestError(f"{source.path}: {how} {kind}-compressed; only files named .gz "
                          f"(gzip) or .zst (zstd) are decompressed")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise IngestError(f"{source.path}: the file is UTF-16 (it starts with a UTF-16 byte "
                          f"order mark); save it as UTF-8")
    return data.removeprefix(_BOM)


def _decode_line(data: bytes) -> tuple[str | None, str]:
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, f"invalid UTF-8 at byte {exc.start}"


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object_pairs_hook: a key given twice is an error, not "the last one wins"."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _surrogate(value: Any, key: str) -> str | None:
    """The key under which a lone surrogate (a \\ud800-style escape, not encodable as UTF-8)
    sits in a parsed JSON value (a key itself, escaped, if it holds one), or None."""
    if isinstance(value, str):
        return key if _has_surrogate(value) else None
    if isinstance(value, list):
        return next((k for v in value if (k := _surrogate(v, key)) is not None), None)
    if isinstance(value, dict):
        for k, v in value.items():
            if _has_surrogate(k):
                return k.encode("utf-8", "backslashreplace").decode("utf-8")
            if (found := _surrogate(v, k)) is not None:
                return found
    return None


def _json_record(text: str) -> tuple[dict[str, Any] | None, str, str | None, str]:
    """Parse one JSONL line: (object, "", None, "") or (None, reason, field, detail)."""
    try:
        obj = json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        # json's messages end in "starting at" for unterminated strings.
        message = exc.msg.removesuffix(" at")
        return None, "malformed_json", None, f"malformed JSON: {message} at column {exc.colno}"
    except _DuplicateKey as dup:
        return None, "duplicate_key", dup.key, (f"key {dup.key!r} appears twice in one object; "
                                                f"which value is meant is ambiguous")
    if not isinstance(obj, dict):
        return None, "malformed_json", None, f"expected a JSON object, got {type(obj).__name__}"
    by_key: dict[str, list[str]] = defaultdict(list)
    for key in obj:
        by_key[column_key(key)].append(key)
    clash = next((keys for keys in by_key.values() if len(keys) > 1), None)
    if clash:
        return None, "duplicate_key", clash[0], (
            f"keys {clash} name the same column ignoring case, spaces and hyphens; which "
            f"value is meant is ambiguous")
    # Only an escape can put a lone surrogate into a line that decoded as UTF-8.
    if "\\u" in text:
        where = _surrogate(obj, "")
        if where is not None:
            return None, "invalid_unicode", where, (f"{where} holds a lone surrogate escape "
                                                    f"(\\ud800-\\udfff), which is not text")
    return obj, "", None, ""


def read_jsonl(source: SourceConfig, path: Path) -> Iterator[Item]:
    maps: dict[tuple[str, ...], ColumnMap] = {}
    # splitlines on bytes breaks at \n, \r and \r\n only (a JSON string cannot hold a raw
    # line break, so no record spans two lines).
    for line_no, data in enumerate(read_source_bytes(source, path).splitlines(), start=1):
        stripped = data.strip()
        if not stripped:
            continue
        text, problem = _decode_line(stripped)
        if text is None:
            raw = stripped.decode("utf-8", "backslashreplace")
            yield Rejection(source.name, source.path, line_no, "invalid_utf8", None,
                            problem, raw)
            continue
        obj, reason, name, detail = _json_record(text)
        if obj is None:
            yield Rejection(source.name, source.path, line_no, reason, name, detail, text)
            continue
        keys = tuple(obj)
        if keys not in maps:
            maps[keys] = map_columns(source, keys, f"{source.path} line {line_no}")
            yield maps[keys]
        mapping = maps[keys]
        yield RawRecord(line_no, text, {n: obj[c] for n, c in mapping.fields.items()})


def _physical_lines(content: str) -> list[str]:
    # newline="" splits on \n, \r and \r\n and keeps the endings, exactly as csv counts lines.
    return list(io.StringIO(content, newline=""))


class _LineFeed:
    """An iterator over physical lines that remembers how far a csv reader has pulled."""

    def __init__(self, lines: list[str]) -> None:
        self.lines, self.pos = lines, 0

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Lift csv's process-wide field size limit (128 KiB) for one file: an over-long field is a
    row to reject as text_too_long, not a crash."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


@dataclass(frozen=True)
class _Record:
    first: int  # 1-based physical line numbers
    last: int
    cells: list[str] | None  # None: the record could not be parsed
    problem: str = ""
    reason: str = ""


def split_records(content: str, tsv: bool, max_lines: int) -> list[_Record]:
    """Parse CSV/TSV into records with their physical line ranges.

    A record that spans more than `max_lines` lines, or a quoted field that never closes, is
    returned unparsed, and parsing resumes on the line after its first one: a stray quote
    costs one row, not every row after it.
    """
    lines = _physical_lines(content)
    feed = _LineFeed(lines)
    records: list[_Record] = []
    with _field_limit(len(content) + 1):
        while feed.pos < len(lines):
            start = feed.pos
            reader = csv.reader(feed, delimiter="\t" if tsv else ",", strict=True,
                                quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                at_end = feed.pos >= len(lines) and "end of data" in str(exc)
                first, last = start + 1, max(feed.pos, start + 1)
                if at_end:
                    problem = (f"a quoted field opened on line {first} never closes (runs to "
                               f"the end of the file, line {last})")
                    reason = "unclosed_quote"
                else:
                    problem = f"malformed CSV on line {last}: {exc}"
                    reason = "malformed_row"
                records.append(_Record(first, last, None, problem, reason))
                feed.pos = start + 1
                continue
            first, last = start + 1, feed.pos
            if last - first + 1 > max_lines:
                records.append(_Record(
                    first, last, None,
                    f"record spans lines {first}-{last}, more than max_record_lines="
                    f"{max_lines} (a quote that does not close on its line?)",
                    "multiline_record"))
                feed.pos = start + 1
                continue
            records.append(_Record(first, last, cells))
    return records


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _looks_like_header(cells: list[str], source: SourceConfig) -> bool:
    """Whether the first row of a file declared headerless is really a header row."""
    header = source.header or []
    names = {column_key(h) for h in header} | set(CANONICAL_FIELDS)
    names |= {column_key(c) for c in source.columns.values()}
    if any(column_key(c) in names for c in cells if c.strip()):
        return True
    labels = {source.columns.get(n, n) for n in LABEL_FIELDS}
    return any(
        name in labels and pos < len(cells) and cells[pos].strip() and not _number(cells[pos])
        for pos, name in enumerate(header)
    )


def _escaped(cell: str) -> str:
    """A cell decoded with surrogateescape, its undecodable bytes shown as \\xNN."""
    return cell.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def check_header(header: Sequence[str], where: str) -> None:
    """A header row's names must be text and must not repeat (ignoring case, spaces and
    hyphens, as columns are matched): a repeated column would silently lose one value."""
    seen: dict[str, str] = {}
    for position, column in enumerate(header, start=1):
        if any("\udc80" <= ch <= "\udcff" for ch in column):
            raise IngestError(f"{where}: the header is not valid UTF-8 (column {position}: "
                              f"'{_escaped(column)}'); save the file as UTF-8")
        key = column_key(column)
        if not key:
            continue
        if key in seen:
            also = "" if seen[key] == column else \
                f" (as {seen[key]!r}: the same ignoring case, spaces and hyphens)"
            raise IngestError(f"{where}: column {column!r} is repeated{also}; which one is "
                              f"meant is ambiguous: rename or drop one")
        seen[key] = column


def read_delimited(source: SourceConfig, path: Path) -> Iterator[Item]:
    tsv = source.file_format == "tsv"
    # surrogateescape keeps undecodable bytes visible per field instead of failing the file.
    content = read_source_bytes(source, path).decode("utf-8", "surrogateescape")
    lines = _physical_lines(content)
    header_row = source.header_row if source.header_row is not None else source.header is None
    header = list(source.header) if source.header else None
    mapping = map_columns(source, header, source.path) if header else None
    if mapping is not None:
        _check_mapped(source, mapping, source.path)
        yield mapping
    first_row = True
    for rec in split_records(content, tsv, 1 if tsv else source.max_record_lines):
        raw = "".join(lines[rec.first - 1:rec.last]).rstrip("\r\n")
        raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        if rec.cells is None:
            first_row = False
            yield Rejection(source.name, source.path, rec.first, rec.reason, None,
                            rec.problem, raw if rec.first == rec.last else
                            lines[rec.first - 1].rstrip("\r\n").encode(
                                "utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
                            rec.last)
            continue
        row = rec.cells
        if not row or all(not cell.strip() for cell in row):
            continue
        if first_row:
            first_row = False
            if header_row and header is None:
                header = [cell.strip().lstrip("\ufeff") for cell in row]
                check_header(header, f"{source.path} line {rec.first}")
                mapping = map_columns(source, header, source.path)
                _check_mapped(source, mapping, source.path)
                yield mapping
                continue
            if header_row:  # `header` names the columns; the file's own header is skipped
                continue
            if source.header_row is None and _looks_like_header(row, source):
                raise IngestError(
                    f"{source.path} line {rec.first} looks like a header row ({row}) but "
                    f"ingest.sources[{source.name}].header gives the "
                    f"column names; set header_row: true to skip it, or header_row: false "
                    f"to read it as data")
        assert header is not None and mapping is not None
        bad = [i for i, cell in enumerate(row) if any("\udc80" <= ch <= "\udcff" for ch in cell)]
        if bad:
            column = header[bad[0]] if bad[0] < len(header) else f"#{bad[0]}"
            yield Rejection(source.name, source.path, rec.first, "invalid_utf8", column,
                            f"invalid UTF-8 in column {column!r}", raw, rec.last)
            continue
        if len(row) != len(header):
            yield Rejection(source.name, source.path, rec.first, "malformed_row", None,
                            f"expected {len(header)} fields, got {len(row)}", raw, rec.last)
            continue
        values = dict(zip(header, row, strict=True))
        yield RawRecord(rec.first, raw, {n: values[c] for n, c in mapping.fields.items()})


def read_source(source: SourceConfig, path: Path) -> Iterator[Item]:
    if source.file_format == "jsonl":
        return read_jsonl(source, path)
    return read_delimited(source, path)


# --------------------------------------------------------------------------------------------
# Validation: one RawRecord -> Accepted, or RowRejected with a reason naming the field.


def _get(record: RawRecord, name: str) -> Any:
    return record.fields.get(name)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a number, got {type(value).__name__} {_show(value)}")
    try:
        number = float(value)
    except ValueError:
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a number, got {_show(value)}") from None
    if math.isnan(number):
        raise RowRejected("label_nan", name, f"{name} is NaN")
    return number


def _scaled_label(value: Any, name: str, scale: tuple[float, float]) -> float | None:
    if _is_blank(value):
        return None
    number = _parse_number(value, name)
    lo, hi = scale
    if not lo <= number <= hi:
        raise RowRejected("label_out_of_range", name,
                          f"{name}={_show(value)} outside [{lo}, {hi}]")
    return (number - lo) / (hi - lo)


def _crisis(value: Any, name: str = "crisis_type") -> str | None:
    if _is_blank(value):
        return None
    if not isinstance(value, str):
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a string, got {type(value).__name__} {_show(value)}")
    label = value.strip().lower()
    if label not in CRISIS_TYPES:
        raise RowRejected("unknown_crisis_type", name,
                          f"{name}={_show(value)} is not one of {list(CRISIS_TYPES)}")
    return label


def _category(value: Any, name: str, values: dict[str, str]) -> str | None:
    """A category label through its source's value map; numbers match by their text (a CSV
    cell "1" and a JSON 1 are the same value, and 1.0 is too)."""
    if _is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a string or number, got {_show(value)}")
    key = str(value).strip()
    if key not in values and isinstance(value, float | str):
        try:
            number = float(key)
        except ValueError:
            number = math.nan
        if number.is_integer() and str(int(number)) in values:
            key = str(int(number))
    if key not in values:
        raise RowRejected("unknown_label_value", name,
                          f"{name}={_show(value)} is not one of {sorted(values)} "
                          f"(the source's labels.{name}.values)")
    return values[key]


def _declared_labels(record: RawRecord, source: SourceConfig) -> dict[str, float | str]:
    out: dict[str, float | str] = {}
    for name, label in source.labels.items():
        value = (_scaled_label(_get(record, name), name, label.range) if label.range is not None
                 else _category(_get(record, name), name, label.values or {}))
        if value is not None:
            out[name] = value
    return out


def _assigned_split(record: RawRecord, source: SourceConfig) -> str | None:
    if source.split is None:
        return None
    if source.split.all is not None:
        return source.split.all
    value = _get(record, SPLIT_FIELD)
    if _is_blank(value):
        raise RowRejected("missing_split", SPLIT_FIELD,
                          f"no value in the split column {source.split.column!r}")
    key = str(value).strip()
    if key not in source.split.values:
        raise RowRejected("unknown_split", SPLIT_FIELD,
                          f"split={_show(value)} is not one of {sorted(source.split.values)} "
                          f"(ingest.sources[{source.name}].split.values)")
    return source.split.values[key]


def _day(stamp: datetime) -> str:
    return stamp.date().isoformat() if stamp.time() == time(0) else stamp.isoformat()


def _timestamp(value: Any, bounds: IngestConfig.Timestamps) -> datetime | None:
    """An ISO 8601 string -> an aware UTC datetime in [bounds.min, bounds.max). Naive times
    are UTC. Epoch numbers are refused: seconds or milliseconds would be a guess."""
    if _is_blank(value):
        return None
    if not isinstance(value, str):
        raise RowRejected("invalid_created_at", "created_at",
                          f"created_at must be an ISO 8601 string (epoch numbers are not "
                          f"read), got {_show(value)}")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise RowRejected("invalid_created_at", "created_at",
                          f"created_at={_show(value)} is not ISO 8601") from None
    stamp: datetime | None
    try:
        stamp = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is past the last representable instant
        stamp = None
    if stamp is None or not bounds.min <= stamp < bounds.max:
        raise RowRejected("created_at_out_of_range", "created_at",
                          f"created_at={_show(value)} is outside [{_day(bounds.min)}, "
                          f"{_day(bounds.max)}) (ingest.timestamps)")
    return stamp


def _identifier(value: Any, name: str) -> str | None:
    if _is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RowRejected("wrong_type", name,
                          f"{name} must be a string or integer, got {_show(value)}")
    return str(value).strip()


def pseudonymous_user(user: str) -> tuple[str, bool]:
    """A user id that is an email address or phone number becomes a stable salted hash (the
    same contact written two ways gives the same hash); other ids are kept."""
    contact = contact_key(user)
    if contact is None:
        return user, False
    digest = hashlib.sha256(USER_ID_SALT + contact.encode("utf-8")).hexdigest()
    return f"uid-{digest[:16]}", True


def pseudonymous_id(row_id: str) -> tuple[str, bool]:
    """A row id that contains an email address, phone number or card number becomes a stable
    salted hash of the id as written (see ID_SALT); other ids are kept."""
    if not {span.kind for span in find_pii(row_id)} & _ID_PII_KINDS:
        return row_id, False
    digest = hashlib.sha256(ID_SALT + row_id.encode("utf-8")).hexdigest()
    return f"id-{digest[:16]}", True


def _ratings(record: RawRecord, source: SourceConfig) -> dict[str, list[Any]]:
    """Per-annotator labels, when a source carries them (used only for agreement)."""
    ratings: dict[str, list[Any]] = {}
    for name in RATING_FIELDS:
        value = _get(record, name)
        if _is_blank(value):
            continue
        if not isinstance(value, list) or not value:
            raise RowRejected("label_wrong_type", name, f"{name} must be a non-empty list")
        if name == "crisis_ratings":
            ratings[name] = [_crisis(v, name) for v in value]
        else:
            scale = source.valence_range if name.startswith("valence") else source.arousal_range
            ratings[name] = [_scaled_label(v, name, scale) for v in value]
    return ratings


def validate_record(record: RawRecord, source: SourceConfig, max_chars: int,
                    timestamps: IngestConfig.Timestamps | None = None) -> Accepted:
    text = _get(record, "text")
    if text is None:
        raise RowRejected("missing_text", "text", "no text field")
    if not isinstance(text, str):
        raise RowRejected("wrong_type", "text", f"text must be a string, got {_show(text)}")
    text = normalize_text(text)
    if not is_text(text):
        raise RowRejected("empty_text", "text", "text has no letter, digit, punctuation mark "
                          "or emoji after normalization")
    if len(text) > max_chars:
        raise RowRejected("text_too_long", "text",
                          f"text has {len(text)} characters > ingest.max_chars={max_chars}")
    text, pii = redact_pii(text)

    raw_id = _identifier(_get(record, "id"), "id")
    if raw_id is not None:
        raw_id, hashed = pseudonymous_id(raw_id)
        pii["id"] += int(hashed)
    user = _identifier(_get(record, "user_id"), "user_id")
    if user is not None:
        user, hashed = pseudonymous_user(user)
        pii["user_id"] += int(hashed)
    lang = _get(record, "lang")
    lang = lang.strip().lower() if isinstance(lang, str) and lang.strip() else source.lang
    values = {
        # A row without an id is named by its line, outside the "<source>:" namespace of
        # explicit ids, so a generated id can never equal one the file gives (`L7`).
        "id": f"{source.name}:{raw_id}" if raw_id is not None else
        f"{source.name}@L{record.line}",
        # Users of different sources are different people, so their ids are namespaced too.
        "user_id": f"{source.name}:{user}" if user is not None else None,
        "created_at": _timestamp(_get(record, "created_at"),
                                 timestamps or IngestConfig.Timestamps()),
        "text": text,
        "lang": lang,
        "valence": _scaled_label(_get(record, "valence"), "valence", source.valence_range),
        "arousal": _scaled_label(_get(record, "arousal"), "arousal", source.arousal_range),
        "crisis_type": _crisis(_get(record, "crisis_type")),
        "labels": _declared_labels(record, source),
        "source": source.name,
        "assigned_split": _assigned_split(record, source),
    }
    ratings = _ratings(record, source)
    try:
        row = Row(**values)
    except ValidationError as exc:  # anything the checks above let through
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else None
        raise RowRejected("schema", name, f"{name}: {err['msg']}") from None
    return Accepted(row, record.line, ratings, pii)


# --------------------------------------------------------------------------------------------
# Duplicates and metrics: pure functions over accepted rows.


def _merge_labels(group: list[Accepted], tolerance: float) -> tuple[dict[str, Any], bool]:
    merged: dict[str, Any] = {}
    conflict = False
    for name in LABEL_FIELDS:
        values = [getattr(a.row, name) for a in group if getattr(a.row, name) is not None]
        merged[name] = float(np.mean(values)) if values else None
        if values and max(values) - min(values) > tolerance:
            conflict = True
    declared: dict[str, list[float | str]] = defaultdict(list)
    for a in group:
        for name, value in a.row.labels.items():
            declared[name].append(value)
    merged["labels"] = {}
    for name, values_ in declared.items():
        if isinstance(values_[0], str):
            counts_ = Counter(values_)
            top_ = max(counts_.values())
            # A tie goes to the class named first alphabetically: arbitrary but stable.
            merged["labels"][name] = min(c for c, n in counts_.items() if n == top_)
            conflict = conflict or len(counts_) > 1
        else:
            numbers = [float(v) for v in values_]
            merged["labels"][name] = float(np.mean(numbers))
            conflict = conflict or max(numbers) - min(numbers) > tolerance
    crises = [a.row.crisis_type for a in group if a.row.crisis_type is not None]
    if crises:
        counts = Counter(crises)
        top = max(counts.values())
        merged["crisis_type"] = most_severe([c for c, n in counts.items() if n == top])
        conflict = conflict or len(counts) > 1
    else:
        merged["crisis_type"] = None
    return merged, conflict


def collapse_duplicates(
    accepted: list[Accepted], tolerance: float
) -> tuple[list[Accepted], list[list[str]], dict[str, int]]:
    """Keep the first row of each exact text; average or vote the labels of the rest.

    Rows a source assigned to val or test are never merged (neither with each other nor across
    splits): a published evaluation set stays scorable row for row, as in its paper, and
    `split` resolves copies that also sit in train."""
    groups: dict[tuple[str, str | None, str | None], list[Accepted]] = defaultdict(list)
    for item in accepted:
        fixed_eval = item.row.assigned_split in ("val", "test")
        groups[(item.row.text, item.row.assigned_split,
                item.row.id if fixed_eval else None)].append(item)
    kept: list[Accepted] = []
    merged_ids: list[list[str]] = []
    stats = {"groups": 0, "collapsed_rows": 0, "label_conflicts": 0}
    for group in groups.values():
        first = group[0]
        if len(group) > 1:
            labels, conflict = _merge_labels(group, tolerance)
            first = Accepted(first.row.model_copy(update=labels), first.line, first.ratings,
                             first.pii)
            stats["groups"] += 1
            stats["collapsed_rows"] += len(group) - 1
            stats["label_conflicts"] += int(conflict)
        kept.append(first)
        merged_ids.append([a.row.id for a in group[1:]])
    return kept, merged_ids, stats


def agreement(accepted: list[Accepted]) -> dict[str, Any]:
    """Krippendorff's alpha over the rows that carry per-annotator ratings."""
    out: dict[str, Any] = {}
    for name, level in (("valence", "interval"), ("arousal", "interval"), ("crisis", "nominal")):
        rows = [a.ratings[f"{name}_ratings"] for a in accepted if f"{name}_ratings" in a.ratings]
        width = max((len(r) for r in rows), default=0)
        if len(rows) < 2 or width < 2:
            continue
        data = np.full((width, len(rows)), np.nan)
        for j, ratings in enumerate(rows):
            for i, value in enumerate(ratings):
                if value is not None:
                    data[i, j] = CRISIS_TYPES.index(value) if name == "crisis" else value
        if level == "interval":
            # krippendorff builds a values x values coincidence matrix per item; on a 1/40
            # grid it stays small while changing alpha only in the third decimal.
            data = np.round(data * _RATING_GRID) / _RATING_GRID
            domain = np.arange(_RATING_GRID + 1) / _RATING_GRID
        else:
            domain = np.arange(len(CRISIS_TYPES))
        alpha = krippendorff.alpha(reliability_data=data, value_domain=domain,
                                   level_of_measurement=level)
        out[f"{name}_krippendorff_alpha"] = round(float(alpha), 4)
        out[f"{name}_items"] = len(rows)
    return out


def _label_summary(values: pd.Series) -> dict[str, Any]:
    present = values.dropna()
    if present.empty:
        return {"n": 0}
    return {"n": int(present.size), "mean": round(float(present.mean()), 4),
            "std": round(float(present.std(ddof=0)), 4)}


def _counts(values: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.fillna("unknown").value_counts().sort_index().items()}


def build_metrics(
    clean: pd.DataFrame,
    rejected: list[Rejection],
    rows_in: dict[str, int],
    collapsed_by_source: Counter[str],
    duplicates: dict[str, int],
    pii: Counter[str],
    agree: dict[str, Any],
    warnings: list[str] | None = None,
    extra_labels: dict[str, bool] | None = None,
) -> dict[str, Any]:
    rejected_by_source = Counter(r.source for r in rejected)
    clean_by_source = clean["source"].value_counts()
    sources = {}
    for name, n_in in rows_in.items():
        n_rej = rejected_by_source.get(name, 0)
        sources[name] = {
            "in": n_in,
            "clean": int(clean_by_source.get(name, 0)),
            "rejected": n_rej,
            "duplicates_collapsed": collapsed_by_source.get(name, 0),
            "reject_rate": round(n_rej / n_in, 4) if n_in else 0.0,
        }
    return {
        "rows": {
            "in": sum(rows_in.values()),
            "clean": len(clean),
            "rejected": len(rejected),
            "duplicates_collapsed": duplicates["collapsed_rows"],
        },
        "sources": sources,
        "rejected_by_reason": dict(sorted(Counter(r.reason for r in rejected).items())),
        "labels": {
            "crisis_type": _counts(clean["crisis_type"]),
            "valence": _label_summary(clean["valence"]),
            "arousal": _label_summary(clean["arousal"]),
            **{name: _label_summary(clean[name]) if numeric else _counts(clean[name].dropna())
               for name, numeric in (extra_labels or {}).items()},
        },
        "assigned_split": _counts(clean["assigned_split"].dropna()),
        "lang": _counts(clean["lang"]),
        "length_bucket": _counts(clean["length_bucket"]),
        "pii_redacted": {kind: pii.get(kind, 0) for kind in (*PII_TOKENS, "user_id")},
        # Row ids that held an email address, phone number or card number, now hashed.
        "ids_hashed": pii.get("id", 0),
        "duplicates": duplicates,
        "agreement": agree,
        "warnings": list(warnings or []),
    }


def check_reject_rate(rows_in: dict[str, int], rejected: list[Rejection], limit: float) -> None:
    by_source = Counter(r.source for r in rejected)
    rates = {name: by_source.get(name, 0) / n for name, n in rows_in.items() if n}
    if not rates:
        return
    worst = max(rates, key=lambda name: rates[name])
    if rates[worst] > limit:
        reasons = Counter(r.reason for r in rejected if r.source == worst).most_common(3)
        first = next(r for r in rejected if r.source == worst)
        raise IngestError(
            f"source {worst!r} rejected {by_source[worst]} of {rows_in[worst]} rows "
            f"({rates[worst]:.1%} > ingest.max_reject_rate={limit:.1%}); top reasons: "
            f"{', '.join(f'{r} x{n}' for r, n in reasons)}; first: {first.file} line "
            f"{first.line} field {first.field}: {first.detail}"
        )


@dataclass
class SourceRows:
    """One source read and validated: what `ingest` merges and `ingest --check` shows."""

    source: SourceConfig
    rows_in: int = 0
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    mappings: list[ColumnMap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_and_validate(
    source: SourceConfig, index: int, path: Path, max_chars: int,
    seen_ids: dict[str, tuple[str, str, int]] | None = None,
    timestamps: IngestConfig.Timestamps | None = None,
) -> SourceRows:
    seen_ids = {} if seen_ids is None else seen_ids
    out = SourceRows(source)
    for item in read_source(source, path):
        if isinstance(item, ColumnMap):
            out.mappings.append(item)
            out.warnings += [w for w in item.warnings if w not in out.warnings]
            continue
        out.rows_in += 1
        if isinstance(item, Rejection):
            out.rejected.append(item)
            continue
        try:
            ok = validate_record(item, source, max_chars, timestamps)
            previous = seen_ids.get(ok.row.id)
            if previous and previous[0] != ok.row.text:
                raise RowRejected(
                    "duplicate_id", "id",
                    f"id {ok.row.id!r} already used with a different text at "
                    f"{previous[1]} line {previous[2]}",
                )
        except RowRejected as why:
            out.rejected.append(Rejection(source.name, source.path, item.line, why.reason,
                                          why.field, why.detail, item.raw))
            continue
        seen_ids.setdefault(ok.row.id, (ok.row.text, source.path, item.line))
        out.accepted.append(ok)
    bad_bytes = [r.line for r in out.rejected if r.reason == "invalid_utf8"]
    if bad_bytes:
        out.warnings.append(
            f"{source.path}: {len(bad_bytes)} row(s) are not valid UTF-8 and were rejected "
            f"(first: line {bad_bytes[0]}); if the file is Latin-1 or Windows-1252, re-encode "
            f"it as UTF-8 (iconv -f cp1252 -t utf-8)")
    # A JSONL file has no header to check up front: a mapped column that no row carries is a
    # mapping mistake, not a dataset without that label.
    mapped = {name for m in out.mappings for name in m.fields}
    unused = [c for n, c in source.columns.items() if out.mappings and n not in mapped]
    if unused:
        raise IngestError(f"{source.path}: column {unused[0]!r} mapped in params.yaml "
                          f"(ingest.sources[{source.name}].columns) is in no row")
    if out.rows_in == 0:
        message = (f"{source.path}: no data rows (the file is empty or has only a header); "
                   f"fix the file, remove the source, or set "
                   f"{source_key(index)}.allow_empty: true")
        if not source.allow_empty:
            raise IngestError(message)
        out.warnings.append(f"{source.path}: no data rows (allowed by "
                            f"{source_key(index)}.allow_empty)")
    return out


def ingest(
    cfg: IngestConfig, root: Path = Path("."), *, stage_deps: Sequence[str] | None = None,
) -> IngestResult:
    """`stage_deps`: the ingest stage's dvc.yaml dependencies; every source must lie under
    one (pass `dvc_stage_deps(root)`; None skips the check, e.g. outside a DVC project)."""
    paths = check_sources(cfg, root, stage_deps)
    accepted: list[Accepted] = []
    rejected: list[Rejection] = []
    rows_in: dict[str, int] = {}
    warnings: list[str] = []
    seen_ids: dict[str, tuple[str, str, int]] = {}
    for index, (source, path) in enumerate(zip(cfg.sources, paths, strict=True)):
        part = read_and_validate(source, index, path, cfg.max_chars, seen_ids, cfg.timestamps)
        rows_in[source.name] = part.rows_in
        accepted += part.accepted
        rejected += part.rejected
        warnings += part.warnings

    check_reject_rate(rows_in, rejected, cfg.max_reject_rate)
    agree = agreement(accepted)
    pii: Counter[str] = Counter()
    for item in accepted:
        pii.update(item.pii)
    kept, merged_ids, dup_stats = collapse_duplicates(accepted, cfg.duplicate_tolerance)
    collapsed_by_source = Counter(a.row.source for a in accepted) - Counter(
        k.row.source for k in kept
    )
    try:
        clean = to_frame(kept, merged_ids, cfg.extra_labels())
        metrics = build_metrics(clean, rejected, rows_in, collapsed_by_source, dup_stats, pii,
                                agree, warnings, cfg.extra_labels())
        result = IngestResult(clean, rejected, metrics, warnings)
        check_writable(result)
    except (UnicodeError, pa.ArrowException) as exc:
        raise IngestError(f"the outputs cannot be written ({exc.__class__.__name__}: {exc}); "
                          f"nothing was written") from None
    return result


def check_writable(result: IngestResult) -> None:
    """Serialize the JSON outputs in memory the way perception.artifacts writes them, so that a run
    that cannot write all three fails before the caller writes the first (no clean.parquet
    without its metrics). The clean table's text columns are Arrow strings: to_frame has
    already encoded them."""
    try:
        for rejection in result.rejected:
            json.dumps(rejection.record(), ensure_ascii=False, allow_nan=False).encode("utf-8")
        json.dumps(result.metrics, ensure_ascii=False, allow_nan=False, sort_keys=True
                   ).encode("utf-8")
    except (ValueError, TypeError) as exc:
        raise IngestError(f"the outputs cannot be written ({exc.__class__.__name__}: {exc}); "
                          f"nothing was written") from None


def to_frame(kept: list[Accepted], merged_ids: list[list[str]],
             extra_labels: dict[str, bool] | None = None) -> pd.DataFrame:
    """The clean table. `extra_labels` (declared label -> numeric?) become columns even where
    no row carries them, so every run of a config has the same columns."""
    extra_labels = extra_labels or {}
    records = [item.row.model_dump() for item in kept]
    frame = pd.DataFrame.from_records(records, columns=list(Row.model_fields))
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True).astype(
        "datetime64[us, UTC]"
    )
    for name in LABEL_FIELDS:
        frame[name] = frame[name].astype("float64")
    for name in ("id", "user_id", "text", "lang", "crisis_type", "source", "assigned_split"):
        frame[name] = frame[name].astype("string")
    frame["n_words"] = frame["text"].map(word_count).astype("int32")
    frame["length_bucket"] = frame["n_words"].map(length_bucket).astype("string")
    frame["merged_ids"] = merged_ids
    for name, numeric in extra_labels.items():
        values = pd.Series([item.row.labels.get(name) for item in kept], dtype="object")
        frame[name] = values.astype("float64") if numeric else values.astype("string")
    return frame[[*CLEAN_COLUMNS, *extra_labels]]


def label_columns(clean: pd.DataFrame) -> list[str]:
    """The clean table's label columns: the built-ins, then the declared ones."""
    return ["valence", "arousal", "crisis_type",
            *[c for c in clean.columns if c not in CLEAN_COLUMNS]]


# --------------------------------------------------------------------------------------------
# `perception ingest --check`: what a source will become, without writing anything.


def check_report(part: SourceRows, n_rows: int = 5, max_reject_rate: float | None = None
                 ) -> str:
    """A readable report of one source: column mapping, first rows as stored, rejects."""
    source = part.source
    lines = [f"source {source.name!r}: {source.path} ({source.file_format})"]
    mapping: dict[str, str] = {}
    unmapped: list[str] = []
    for m in part.mappings:
        mapping.update({k: v for k, v in m.fields.items() if k not in mapping})
        unmapped += [c for c in m.unmapped if c not in unmapped]
    lines.append("  columns -> fields:")
    for name in (*source.field_names(), SPLIT_FIELD):
        if name in mapping:
            lines.append(f"    {mapping[name]!r} -> {name}")
    lines.append(f"  unmapped columns (ignored): {unmapped or 'none'}")
    lines.append(f"  labels scaled from valence_range {list(source.valence_range)}, "
                 f"arousal_range {list(source.arousal_range)} onto [0, 1]")
    for name, label in source.labels.items():
        how = (f"a number scaled from {list(label.range)} onto [0, 1]" if label.range
               else f"a class via values {label.values}")
        lines.append(f"  label {name}: {how}")
    if source.split is not None and source.split.all is not None:
        lines.append(f"  split: every row is {source.split.all}")
    elif source.split is not None:
        lines.append(f"  split kept from column {source.split.column!r} via values "
                     f"{source.split.values}")
    if "lang" not in mapping:
        lines.append(f"  lang (no column): {source.lang!r} for every row")
    lines += [f"  warning: {w}" for w in part.warnings]
    lines.append(f"  rows: {part.rows_in} in, {len(part.accepted)} valid, "
                 f"{len(part.rejected)} rejected (before duplicate collapsing)")
    rate = len(part.rejected) / part.rows_in if part.rows_in else 0.0
    if max_reject_rate is not None and rate > max_reject_rate:
        lines.append(f"  error: reject rate {rate:.1%} > ingest.max_reject_rate="
                     f"{max_reject_rate:.1%}: ingest would fail")
    if part.accepted:
        lines.append(f"  first {min(n_rows, len(part.accepted))} rows as they will be stored:")
        frame = to_frame(part.accepted[:n_rows], [[] for _ in part.accepted[:n_rows]],
                         {n: lab.numeric for n, lab in source.labels.items()})
        for record in frame.drop(columns=["merged_ids"]).to_dict(orient="records"):
            shown = {k: (None if v is pd.NA or v is pd.NaT or (isinstance(v, float)
                         and math.isnan(v)) else str(v) if isinstance(v, pd.Timestamp)
                         else v) for k, v in record.items()}
            lines.append("    " + json.dumps(shown, ensure_ascii=False, default=str))
    if part.rejected:
        reasons = Counter(r.reason for r in part.rejected)
        lines.append("  reject reasons: " + ", ".join(f"{r} x{n}" for r, n in
                                                      reasons.most_common()))
        for r in part.rejected[:n_rows]:
            span = f"lines {r.line}-{r.last_line}" if r.last_line and r.last_line != r.line \
                else f"line {r.line}"
            lines.append(f"    {span} field {r.field}: {r.detail}")
    return "\n".join(lines)
