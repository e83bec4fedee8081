"""One input contract for every door: `Predictor.predict`, `perception predict TEXT`,
`perception predict --input FILE` (JSONL) and `POST /predict` all validate here.

- texts: strings, at most `max_chars` characters each, no lone surrogates (a text must be
  valid Unicode), at most `max_texts` per call (HTTP: more is 413; the rest is 422);
- per-text lists (user_ids, timestamps, langs): one value per text;
- timestamps: ISO 8601 strings, datetimes, or numbers of epoch SECONDS (the same in every
  door; never nanoseconds), between 1970-01-01 and 2100-01-01 (UTC; naive means UTC);
- history: at most `max_history` items, each an object with user_id, created_at and text.

Every error names the item and the field (`texts[3]`, `history[2].created_at`, or for a
file `FILE:LINE: field `created_at``), in one line.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from perception.errors import ServingError

# The range ingest accepts by default (ingest.timestamps): served items live in it too.
MIN_TIME = pd.Timestamp("1970-01-01", tz="UTC")
MAX_TIME = pd.Timestamp("2100-01-01", tz="UTC")


class PredictError(ServingError, ValueError):
    """A request the predictor cannot score (names the item and the field)."""


class TooManyItems(PredictError):
    """More texts (or history items) in one call than the limit allows (HTTP 413)."""


@dataclass(frozen=True)
class Limits:
    """serve.max_chars, serve.max_texts, serve.max_history. None: no limit (the Python API's
    batch and history sizes, unless the caller sets them)."""

    max_chars: int | None = 4000
    max_texts: int | None = None
    max_history: int | None = None


def _surrogate(value: str) -> int | None:
    """The position of the first lone surrogate, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def check_string(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None or (optional and _missing(value)):
        if optional:
            return None
        raise PredictError(f"{where}: a string is required, got null")
    if not isinstance(value, str):
        raise PredictError(f"{where}: must be a string, got {type(value).__name__}")
    at = _surrogate(value)
    if at is not None:
        raise PredictError(f"{where}: a lone surrogate (U+{ord(value[at]):04X}) at character "
                           f"{at}; text must be valid Unicode")
    return value


def check_text(value: Any, where: str, max_chars: int | None) -> str:
    text = check_string(value, where)
    assert text is not None
    if max_chars is not None and len(text) > max_chars:
        raise PredictError(f"{where}: {len(text)} characters; the limit is {max_chars} "
                           f"(serve.max_chars)")
    return text


def _missing(value: Any) -> bool:
    # pandas' NA (a missing user id read from a nullable string column) is missing too.
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def check_timestamp(value: Any, where: str) -> pd.Timestamp | None:
    """A UTC timestamp, or None for a missing one. Numbers are epoch seconds."""
    if _missing(value):
        return None
    try:
        if isinstance(value, bool):
            raise TypeError("a boolean is not a time")
        if isinstance(value, numbers.Real):
            seconds = float(value)
            if not math.isfinite(seconds):
                raise ValueError(f"{value!r} is not a finite number of seconds")
            stamp = pd.Timestamp(seconds, unit="s", tz="UTC")
        elif isinstance(value, str):
            if not value.strip():
                raise ValueError("empty string")
            check_string(value, where)
            stamp = pd.Timestamp(value)
        elif isinstance(value, datetime | date | pd.Timestamp):
            stamp = pd.Timestamp(value)
        else:
            import numpy as np

            if not isinstance(value, np.datetime64):
                raise TypeError(f"{type(value).__name__} is not a time (use ISO 8601 or epoch "
                                f"seconds)")
            stamp = pd.Timestamp(value)
    except PredictError:
        raise
    except (ValueError, TypeError, OverflowError, OSError, pd.errors.OutOfBoundsDatetime) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PredictError(f"{where}: not a time ({why})") from exc
    if stamp is pd.NaT or pd.isna(stamp):
        return None
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    if not MIN_TIME <= stamp < MAX_TIME:
        raise PredictError(f"{where}: {stamp.isoformat()} is outside {MIN_TIME.date()}.."
                           f"{MAX_TIME.date()} (epoch numbers are seconds)")
    return stamp


def _per_text(name: str, values: Any, n: int) -> list[Any] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | pd.Series):
        raise PredictError(f"{name}: a list with one value per text is required, got "
                           f"{type(values).__name__}")
    values = list(values)
    if len(values) != n:
        raise PredictError(f"{name}: {len(values)} values for {n} texts")
    return values


@dataclass
class Request:
    texts: list[str]
    user_ids: list[str | None] | None
    timestamps: list[pd.Timestamp | None] | None
    langs: list[str | None] | None


def check_request(texts: Any, user_ids: Any = None, timestamps: Any = None, langs: Any = None,
                  limits: Limits = Limits()) -> Request:
    """The request as the predictor reads it, or a PredictError naming the item and field."""
    if isinstance(texts, str | bytes):
        raise PredictError("texts: pass a list of strings, not one string")
    if not isinstance(texts, Sequence | pd.Series):
        raise PredictError(f"texts: a list of strings is required, got {type(texts).__name__}")
    texts = list(texts)
    if limits.max_texts is not None and len(texts) > limits.max_texts:
        raise TooManyItems(f"{len(texts)} texts in one request; the limit is {limits.max_texts} "
                           f"(serve.max_texts)")
    n = len(texts)
    users = _per_text("user_ids", user_ids, n)
    times = _per_text("timestamps", timestamps, n)
    lang_list = _per_text("langs", langs, n)
    return Request(
        texts=[check_text(t, f"texts[{i}]", limits.max_chars) for i, t in enumerate(texts)],
        user_ids=None if users is None else [_user(u, f"user_ids[{i}]")
                                             for i, u in enumerate(users)],
        timestamps=None if times is None else [check_timestamp(t, f"timestamps[{i}]")
                                               for i, t in enumerate(times)],
        langs=None if lang_list is None else [check_string(v, f"langs[{i}]", optional=True)
                                              for i, v in enumerate(lang_list)])


def _user(value: Any, where: str) -> str | None:
    # Integer ids are common in exported files; they mean the same user as their text.
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(value)
    return check_string(value, where, optional=True)


def check_history(history: Any, limits: Limits = Limits()) -> pd.DataFrame | None:
    """History as a frame with user_id (str), created_at (UTC), text or lexical_valence and
    optionally id; every problem named `history[i].field`."""
    if history is None:
        return None
    if isinstance(history, pd.DataFrame):
        frame = history.reset_index(drop=True)
        items: list[Any] = frame.to_dict("records")
    elif isinstance(history, str | bytes | Mapping) or not isinstance(history, Sequence):
        raise PredictError(f"history: a list of objects is required, got "
                           f"{type(history).__name__}")
    else:
        items = list(history)
    if limits.max_history is not None and len(items) > limits.max_history:
        raise TooManyItems(f"history: {len(items)} items; the limit is {limits.max_history} "
                           f"(serve.max_history)")
    rows = []
    for i, item in enumerate(items):
        where = f"history[{i}]"
        if not isinstance(item, Mapping):
            raise PredictError(f"{where}: an object with user_id, created_at and text is "
                               f"required, got {type(item).__name__}")
        has_text = "text" in item
        if "lexical_valence" not in item and not has_text:
            raise PredictError(f"{where}.text: required (with user_id and created_at)")
        for key in ("user_id", "created_at"):
            if key not in item or _missing(item[key]):
                raise PredictError(f"{where}.{key}: required (with user_id, created_at, text)")
        row = {"user_id": _user(item["user_id"], f"{where}.user_id"),
               "created_at": check_timestamp(item["created_at"], f"{where}.created_at")}
        if has_text:
            row["text"] = check_text(item["text"], f"{where}.text", limits.max_chars)
        if "lexical_valence" in item:
            row["lexical_valence"] = item["lexical_valence"]
        if "id" in item and not _missing(item["id"]):
            row["id"] = str(item["id"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[c for c in ("id", "user_id", "created_at", "text",
                                                    "lexical_valence")
                                        if any(c in r for r in rows)] or None)
    if "created_at" in frame.columns:
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


def check_row(row: Any, where: str, max_chars: int | None) -> dict[str, Any]:
    """One JSONL line of `perception predict --input` (`text`, and optionally `id`,
    `user_id`, `created_at`, `lang`; other fields are ignored): errors say
    `where: field `x``."""
    if not isinstance(row, dict):
        raise PredictError(f"{where}: a JSON object with `text` is required, got "
                           f"{type(row).__name__}")
    out: dict[str, Any] = {}
    try:
        field = "text"
        if "text" not in row:
            raise PredictError("a string is required")
        out["text"] = check_text(row["text"], "", max_chars)
        field = "user_id"
        out["user_id"] = _user(row.get("user_id"), "")
        field = "created_at"
        out["created_at"] = check_timestamp(row.get("created_at"), "")
        field = "lang"
        out["lang"] = check_string(row.get("lang"), "", optional=True)
        field = "id"
        if "id" in row:
            if isinstance(row["id"], bool) or not isinstance(row["id"], str | int):
                raise PredictError(f"must be a string, got {type(row['id']).__name__}")
            out["id"] = row["id"] if isinstance(row["id"], int) else check_string(row["id"], "")
    except PredictError as exc:
        raise PredictError(f"{where}: field `{field}`: {str(exc).removeprefix(': ')}") from exc
    return out
