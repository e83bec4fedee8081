"""The documentation cannot rot silently: the docs/ site builds with `mkdocs build --strict`
(a broken link or anchor, or a page left out of mkdocs.yml's nav, fails), and every relative
link of the README points at a file that exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def test_docs_build_strict(tmp_path: Path) -> None:
    # NO_MKDOCS_2_WARNING: Material's end-of-life banner, which is no build warning.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([str(MKDOCS), "build", "--strict", "--config-file",
                           str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/own-data/index.html").is_file()


def test_readme_links_point_at_files() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link.split("#", 1)[0] for link in links if "://" not in link]
    assert "docs/pipeline.md" in local
    missing = sorted({link for link in local if not (ROOT / link).exists()})
    assert not missing, f"README links to files that do not exist: {missing}"
