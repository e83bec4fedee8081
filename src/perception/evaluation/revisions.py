"""Metrics and params at another git revision, read through git and DVC's own diff commands.

`dvc metrics diff` and `dvc params diff` already flatten keys and pair old with new values
(params.yaml whole, not only stage dependencies); their `--json` output is the stable
interface, so they run as a subprocess of this environment's DVC.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from perception.errors import EvaluationError


class RevisionError(EvaluationError, RuntimeError):
    """git or DVC could not read a revision: the message carries their own error."""


def _run(cmd: list[str], cwd: Path | None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RevisionError(f"{' '.join(cmd[2:] if cmd[0] == sys.executable else cmd)} "
                            f"failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc.stdout


def _dvc(args: list[str], cwd: Path | None) -> dict[str, Any]:
    out = _run([sys.executable, "-m", "dvc", *args], cwd).strip()
    return json.loads(out) if out else {}


def file_at(rev: str, path: Path | str, cwd: Path | None = None) -> str | None:
    """A file's text at `rev`, or None when that revision has no such file."""
    try:
        return _run(["git", "show", f"{rev}:{Path(path).as_posix()}"], cwd)
    except RevisionError:
        try:
            _run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
        except RevisionError:
            raise RevisionError(f"{rev!r} is not a git revision here (fetch it first?)"
                                ) from None
        return None


def json_at(rev: str, path: Path | str, cwd: Path | None = None) -> dict[str, Any] | None:
    text = file_at(rev, path, cwd)
    return None if text is None else json.loads(text)


def metrics_diff(base: str, files: list[str], cwd: Path | None = None
                 ) -> dict[str, dict[str, dict[str, Any]]]:
    """`dvc metrics diff <base> --all --json` for these files, workspace as the new side:
    {file: {"test.pearson": {"old": .., "new": .., "diff": ..}}}."""
    if not files:
        return {}
    return _dvc(["metrics", "diff", base, "--all", "--json", "--targets", *files], cwd)


def params_diff(base: str, cwd: Path | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """`dvc params diff <base> --json`: every changed key, {file: {key: {old, new}}}."""
    return _dvc(["params", "diff", base, "--json"], cwd)


def describe_head(cwd: Path | None = None) -> str:
    """The compared side: the workspace on top of HEAD's short hash."""
    head = _run(["git", "rev-parse", "--short", "HEAD"], cwd).strip()
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd).strip()
    return f"`{head}`" + (" + uncommitted changes" if dirty else "")
