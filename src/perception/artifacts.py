"""Atomic writes and the few file formats the stages exchange.

Every writer goes through a temp file in the target directory and `os.replace`, so a stage
that fails half-way leaves the previous output (or nothing), never a truncated file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd


def _umask() -> int:
    # os.umask can only be read by setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | Path, *, suffix: str = "") -> Iterator[Path]:
    """Yield a temp path beside `path`; move it into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix + ".tmp")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates 0600; an output should get the mode any new file gets (0644 under
        # the usual umask 022), or collaborators and DVC caches on shared disks cannot read it.
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def debris(path: str | Path) -> list[Path]:
    """What a killed writer of `path` leaves beside it: `atomic_dir`'s and `atomic_path`'s
    temp siblings (`.<name>.*.tmp`, files or folders) and a swapped-out `.<name>.old`."""
    path = Path(path)
    if not path.parent.is_dir():
        return []
    found = set(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    old = path.with_name(f".{path.name}.old")
    if old.exists() or old.is_symlink():
        found.add(old)
    return sorted(found)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def sweep_debris(path: str | Path) -> list[Path]:
    """Delete `debris(path)` (run where the stage that writes `path` starts, under DVC's
    lock, so no live writer owns them); return what was removed. A killed bundle stage
    otherwise leaves a full temporary bundle in models/ that nothing cleans up."""
    removed = debris(path)
    for item in removed:
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)
    return removed


@contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Build a directory in a temp sibling, then swap it in place of `path`. Debris of an
    earlier, killed build of `path` is swept first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_debris(path)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp creates 0700
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def dumps_json(obj: Any) -> str:
    # sort_keys and a fixed float repr keep the bytes stable across runs.
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(path: str | Path, obj: Any) -> None:
    write_bytes(path, dumps_json(obj).encode("utf-8"))


def write_jsonl(path: str | Path, records: Iterable[dict[str, Any]]) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


def write_parquet(path: str | Path, frame: pd.DataFrame) -> None:
    with atomic_path(path, suffix=".parquet") as tmp:
        frame.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd")


def read_parquet(path: str | Path) -> pd.DataFrame:
    return pd.read_parquet(path, engine="pyarrow")
