"""dvc.yaml's deps cannot drift from the code: each stage's `deps` must cover every file of
src/perception its command can run or read.

A stage's closure starts at the module of the command its `cmd` calls (perception.stages.*)
and follows every `import` / `from ... import` anywhere in a module (lazy imports included),
transitively, restricted to perception.*; the __init__.py of every package on the way counts,
and so does a package data file (e.g. crisis_lexicon.yaml) whose name a module of the closure
spells out. A listed directory covers its files. And every src/ dep must cover at least one
file of the closure, so deps stay as narrow as the code allows.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from perception.cli import app

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "perception"


def module_file(module: str) -> Path | None:
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


@cache
def _direct(module: str) -> tuple[frozenset[str], frozenset[str]]:
    """The perception modules one module imports anywhere, and the string constants it holds."""
    path = module_file(module)
    assert path is not None, module
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    strings: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = _package_of(module, path).split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            found.add(base)
            # `from perception.features import lexicons`: a submodule, when there is one.
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if module_file(f"{base}.{alias.name}") is not None)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
    ours = {m for m in found if m == "perception" or m.startswith("perception.")}
    return frozenset(m for m in ours if module_file(m) is not None), frozenset(strings)


def _with_parents(module: str) -> Iterator[str]:
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        yield ".".join(parts[:end])


def closure(module: str) -> set[Path]:
    """Every file of src/perception that running `module` can import or read."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for name in _with_parents(current):    # importing a.b.c runs a and a.b first
            if name not in seen:
                seen.add(name)
                todo.extend(_direct(name)[0])
    files = {module_file(m) for m in seen}
    strings = set().union(*(_direct(m)[1] for m in seen))
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and p.name in strings}
    return {p.relative_to(REPO) for p in files | data if p is not None}


def stage_commands() -> dict[str, str]:
    """dvc.yaml stage name -> the module of the command it runs."""
    modules = {(c.name or c.callback.__name__.replace("_", "-")): c.callback.__module__
               for c in app.registered_commands}
    stages = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    out = {}
    for name, stage in stages.items():
        body = stage.get("do", stage)
        words = body["cmd"].split()
        assert words[0] == "perception", f"{name}: {body['cmd']}"
        out[name] = modules[words[1]]
    return out


def stage_deps(name: str) -> list[Path]:
    stage = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"][name]
    body = stage.get("do", stage)
    return [Path(d) for d in body.get("deps", []) if str(d).startswith("src/")]


def _covers(dep: Path, file: Path) -> bool:
    return file == dep or dep in file.parents


STAGES = stage_commands()


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_deps_cover_the_stage_code(stage: str) -> None:
    deps = stage_deps(stage)
    needed = closure(STAGES[stage])
    missing = sorted(str(f) for f in needed if not any(_covers(d, f) for d in deps))
    assert not missing, (f"dvc.yaml stage {stage} runs these files but does not list them "
                         f"in deps (a change to them would not rerun it): {missing}")
    idle = sorted(str(d) for d in deps if not any(_covers(d, f) for f in needed))
    assert not idle, f"dvc.yaml stage {stage} lists deps its code never reads: {idle}"


def test_the_closure_follows_lazy_and_package_imports() -> None:
    files = {str(p) for p in closure("perception.stages.featurize")}
    assert "src/perception/__init__.py" in files                      # a package __init__
    assert "src/perception/features/encoder/runtime.py" in files      # a lazy import
    assert "src/perception/features/crisis_lexicon.yaml" in files     # package data
    assert "src/perception/cli.py" not in files
