"""The "Your own data" page's examples are valid sources, its option table lists every
SourceConfig field, and the "Your own targets" example is valid: documentation that cannot
drift from config.py."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from perception.config import SourceConfig

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _section() -> str:
    return (DOCS / "own-data.md").read_text(encoding="utf-8")


def test_every_example_source_validates_and_every_format_has_one() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", _section(), flags=re.DOTALL)
    sources = [SourceConfig(**s) for block in blocks for s in yaml.safe_load(block)]
    assert {s.file_format for s in sources} == {"jsonl", "csv", "tsv"}


def test_option_table_lists_every_field() -> None:
    documented = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", _section(), flags=re.MULTILINE))
    names = {n for pair in documented for n in pair if n}
    assert names == set(SourceConfig.model_fields)


def test_own_targets_example_validates() -> None:
    from perception.config import TargetConfig

    section = (DOCS / "own-targets.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    targets = yaml.safe_load(block)["targets"]
    kinds = {name: TargetConfig(**t).label.kind for name, t in targets.items()}
    assert kinds == {"dominance": "regression", "stress": "binary"}
