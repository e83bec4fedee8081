"""Ingest: read every configured source, validate each row against one schema, normalize and
redact text, collapse exact duplicates, and account for every row that came in.

rows in = clean rows + rejected rows + collapsed duplicates, per source and in total.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pandas as pd
from pydantic import ValidationError

from perception.config import IngestConfig, SourceConfig
from perception.data.schema import CRISIS_TYPES, Row, length_bucket, most_severe
from perception.data.text import normalize_text, redact_pii, word_count

LABEL_FIELDS = ("valence", "arousal")
_RATING_GRID = 40
RATING_FIELDS = ("valence_ratings", "arousal_ratings", "crisis_ratings")
CLEAN_COLUMNS = [
    "id", "user_id", "created_at", "text", "lang", "valence", "arousal", "crisis_type",
    "source", "n_words", "length_bucket", "merged_ids",
]


class IngestError(RuntimeError):
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

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source, "file": self.file, "line": self.line, "reason": self.reason,
            "field": self.field, "detail": self.detail, "raw": self.raw,
        }


@dataclass(frozen=True)
class RawRecord:
    """One row as it came: its position, its raw text and its fields by source column name."""

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


# --------------------------------------------------------------------------------------------
# Reading: bytes -> RawRecord | Rejection. Malformed lines are rejections, not crashes.


def _decode_line(data: bytes) -> tuple[str | None, str]:
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, f"invalid UTF-8 at byte {exc.start}"


def read_jsonl(source: SourceConfig, path: Path) -> Iterator[RawRecord | Rejection]:
    with path.open("rb") as fh:
        for line_no, data in enumerate(fh, start=1):
            stripped = data.strip()
            if not stripped:
                continue
            text, problem = _decode_line(stripped)
            if text is None:
                raw = stripped.decode("utf-8", "backslashreplace")
                yield Rejection(source.name, source.path, line_no, "invalid_utf8", None,
                                problem, raw)
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Rejection(source.name, source.path, line_no, "malformed_json", None,
                                f"malformed JSON: {exc.msg} at column {exc.colno}", text)
                continue
            if not isinstance(obj, dict):
                yield Rejection(source.name, source.path, line_no, "malformed_json", None,
                                f"expected a JSON object, got {type(obj).__name__}", text)
                continue
            yield RawRecord(line_no, text, obj)


def read_delimited(source: SourceConfig, path: Path) -> Iterator[RawRecord | Rejection]:
    tsv = source.file_format == "tsv"
    # surrogateescape keeps undecodable bytes visible per field instead of failing the file.
    content = path.read_bytes().decode("utf-8", "surrogateescape")
    reader = csv.reader(
        io.StringIO(content, newline=""),
        delimiter="\t" if tsv else ",",
        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL,
    )
    header = list(source.header) if source.header else None
    expected_columns = _mapped_columns(source)
    last_line = 0
    for row in reader:
        line_no, last_line = last_line + 1, reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in row]
            missing = [c for c in expected_columns if c not in header]
            if missing:
                raise IngestError(
                    f"{source.path}: column {missing[0]!r} mapped in params.yaml "
                    f"(ingest.sources[{source.name}].columns) is not in the header {header}"
                )
            continue
        raw = (("\t" if tsv else ",").join(row)).encode("utf-8", "surrogateescape").decode(
            "utf-8", "backslashreplace"
        )
        bad = [i for i, cell in enumerate(row) if any("\udc80" <= ch <= "\udcff" for ch in cell)]
        if bad:
            column = header[bad[0]] if bad[0] < len(header) else f"#{bad[0]}"
            yield Rejection(source.name, source.path, line_no, "invalid_utf8", column,
                            f"invalid UTF-8 in column {column!r}", raw)
            continue
        if len(row) != len(header):
            yield Rejection(source.name, source.path, line_no, "malformed_row", None,
                            f"expected {len(header)} fields, got {len(row)}", raw)
            continue
        yield RawRecord(line_no, raw, dict(zip(header, row, strict=True)))
    if header is None and source.header is None:
        raise IngestError(f"{source.path}: empty file, no header row")


def _mapped_columns(source: SourceConfig) -> list[str]:
    """Columns the file must have: every explicit mapping, and text in any case."""
    required = dict(source.columns)
    required.setdefault("text", "text")
    return list(dict.fromkeys(required.values()))


def read_source(source: SourceConfig, root: Path) -> Iterator[RawRecord | Rejection]:
    path = root / source.path
    if not path.is_file():
        raise IngestError(f"source {source.name!r}: file not found: {source.path}")
    if source.file_format == "jsonl":
        return read_jsonl(source, path)
    return read_delimited(source, path)


# --------------------------------------------------------------------------------------------
# Validation: one RawRecord -> Accepted, or RowRejected with a reason naming the field.


def _get(record: RawRecord, source: SourceConfig, name: str) -> Any:
    return record.fields.get(source.columns.get(name, name))


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a number, got {type(value).__name__} {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a number, got {value!r}") from None
    if math.isnan(number):
        raise RowRejected("label_nan", name, f"{name} is NaN")
    return number


def _scaled_label(value: Any, name: str, scale: tuple[float, float]) -> float | None:
    if _is_blank(value):
        return None
    number = _parse_number(value, name)
    lo, hi = scale
    if not lo <= number <= hi:
        raise RowRejected("label_out_of_range", name, f"{name}={value!r} outside [{lo}, {hi}]")
    return (number - lo) / (hi - lo)


def _crisis(value: Any, name: str = "crisis_type") -> str | None:
    if _is_blank(value):
        return None
    if not isinstance(value, str):
        raise RowRejected("label_wrong_type", name,
                          f"{name} must be a string, got {type(value).__name__} {value!r}")
    label = value.strip().lower()
    if label not in CRISIS_TYPES:
        raise RowRejected("unknown_crisis_type", name,
                          f"{name}={value!r} is not one of {list(CRISIS_TYPES)}")
    return label


def _timestamp(value: Any) -> datetime | None:
    if _is_blank(value):
        return None
    if not isinstance(value, str):
        raise RowRejected("invalid_created_at", "created_at",
                          f"created_at must be an ISO 8601 string, got {value!r}")
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise RowRejected("invalid_created_at", "created_at",
                          f"created_at={value!r} is not ISO 8601") from None


def _identifier(value: Any, name: str) -> str | None:
    if _is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RowRejected("wrong_type", name, f"{name} must be a string or integer, got {value!r}")
    return str(value).strip()


def _ratings(record: RawRecord, source: SourceConfig) -> dict[str, list[Any]]:
    """Per-annotator labels, when a source carries them (used only for agreement)."""
    ratings: dict[str, list[Any]] = {}
    for name in RATING_FIELDS:
        value = _get(record, source, name)
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


def validate_record(record: RawRecord, source: SourceConfig, max_chars: int) -> Accepted:
    text = _get(record, source, "text")
    if text is None:
        raise RowRejected("missing_text", "text", "no text field")
    if not isinstance(text, str):
        raise RowRejected("wrong_type", "text", f"text must be a string, got {text!r}")
    text = normalize_text(text)
    if not text:
        raise RowRejected("empty_text", "text", "text is empty after normalization")
    if len(text) > max_chars:
        raise RowRejected("text_too_long", "text",
                          f"text has {len(text)} characters > ingest.max_chars={max_chars}")
    text, pii = redact_pii(text)

    raw_id = _identifier(_get(record, source, "id"), "id") or f"L{record.line}"
    user = _identifier(_get(record, source, "user_id"), "user_id")
    lang = _get(record, source, "lang")
    lang = lang.strip().lower() if isinstance(lang, str) and lang.strip() else source.lang
    values = {
        "id": f"{source.name}:{raw_id}",
        # Users of different sources are different people, so their ids are namespaced too.
        "user_id": f"{source.name}:{user}" if user is not None else None,
        "created_at": _timestamp(_get(record, source, "created_at")),
        "text": text,
        "lang": lang,
        "valence": _scaled_label(_get(record, source, "valence"), "valence", source.valence_range),
        "arousal": _scaled_label(_get(record, source, "arousal"), "arousal", source.arousal_range),
        "crisis_type": _crisis(_get(record, source, "crisis_type")),
        "source": source.name,
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
    """Keep the first row of each exact text; average or vote the labels of the rest."""
    groups: dict[str, list[Accepted]] = defaultdict(list)
    for item in accepted:
        groups[item.row.text].append(item)
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
        },
        "lang": _counts(clean["lang"]),
        "length_bucket": _counts(clean["length_bucket"]),
        "pii_redacted": {kind: pii.get(kind, 0) for kind in ("email", "phone", "url", "handle")},
        "duplicates": duplicates,
        "agreement": agree,
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


def ingest(cfg: IngestConfig, root: Path = Path(".")) -> IngestResult:
    accepted: list[Accepted] = []
    rejected: list[Rejection] = []
    rows_in: dict[str, int] = {}
    seen_ids: dict[str, tuple[str, str, int]] = {}
    for source in cfg.sources:
        rows_in[source.name] = 0
        columns_seen: set[str] = set()
        for item in read_source(source, root):
            rows_in[source.name] += 1
            if isinstance(item, Rejection):
                rejected.append(item)
                continue
            columns_seen.update(item.fields)
            try:
                ok = validate_record(item, source, cfg.max_chars)
                previous = seen_ids.get(ok.row.id)
                if previous and previous[0] != ok.row.text:
                    raise RowRejected(
                        "duplicate_id", "id",
                        f"id {ok.row.id!r} already used with a different text at "
                        f"{previous[1]} line {previous[2]}",
                    )
            except RowRejected as why:
                rejected.append(Rejection(source.name, source.path, item.line, why.reason,
                                          why.field, why.detail, item.raw))
                continue
            seen_ids.setdefault(ok.row.id, (ok.row.text, source.path, item.line))
            accepted.append(ok)
        # A JSONL file has no header to check up front: a mapped column that no row carries
        # is a mapping mistake, not a dataset without that label.
        unused = [c for c in source.columns.values() if columns_seen and c not in columns_seen]
        if unused:
            raise IngestError(f"{source.path}: column {unused[0]!r} mapped in params.yaml "
                              f"(ingest.sources[{source.name}].columns) is in no row")

    check_reject_rate(rows_in, rejected, cfg.max_reject_rate)
    agree = agreement(accepted)
    pii: Counter[str] = Counter()
    for item in accepted:
        pii.update(item.pii)
    kept, merged_ids, dup_stats = collapse_duplicates(accepted, cfg.duplicate_tolerance)
    collapsed_by_source = Counter(a.row.source for a in accepted) - Counter(
        k.row.source for k in kept
    )
    clean = to_frame(kept, merged_ids)
    metrics = build_metrics(clean, rejected, rows_in, collapsed_by_source, dup_stats, pii, agree)
    return IngestResult(clean, rejected, metrics)


def to_frame(kept: list[Accepted], merged_ids: list[list[str]]) -> pd.DataFrame:
    records = [item.row.model_dump() for item in kept]
    frame = pd.DataFrame.from_records(records, columns=list(Row.model_fields))
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True).astype(
        "datetime64[us, UTC]"
    )
    for name in LABEL_FIELDS:
        frame[name] = frame[name].astype("float64")
    for name in ("id", "user_id", "text", "lang", "crisis_type", "source"):
        frame[name] = frame[name].astype("string")
    frame["n_words"] = frame["text"].map(word_count).astype("int32")
    frame["length_bucket"] = frame["n_words"].map(length_bucket).astype("string")
    frame["merged_ids"] = merged_ids
    return frame[CLEAN_COLUMNS]
