"""The commands the "Sharing data and models" and "Experiments" pages (docs/) tell a
teammate to type exist as written: DVC commands and options in the pinned DVC, S3 remote
options in dvc-s3's schema, make targets in the Makefile."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from dvc.cli.parser import get_main_parser
from dvc.config_schema import REMOTE_SCHEMAS

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("remote.md", "experiments.md")


def _commands() -> list[list[str]]:
    """Every command of the pages' bash blocks as argv; `<placeholder>` becomes a word."""
    blocks = [block for page in PAGES
              for block in re.findall(r"```bash\n(.*?)```",
                                      (ROOT / "docs" / page).read_text(encoding="utf-8"),
                                      re.DOTALL)]
    argvs = []
    for line in "\n".join(blocks).replace("\\\n", " ").splitlines():
        line = re.sub(r"<[^>]+>", "placeholder", line)
        argvs += [shlex.split(part, comments=True) for part in re.split(r"&&|\|\||;", line)]
    return [argv for argv in argvs if argv]


def test_dvc_commands_and_s3_options_exist() -> None:
    dvc = [argv[1:] for argv in _commands() if argv[0] == "dvc"]
    assert {args[0] for args in dvc} >= {"pull", "push", "status", "remote", "exp", "queue"}
    parser = get_main_parser()
    s3_options = {str(key) for key in REMOTE_SCHEMAS["s3"]}
    for args in dvc:
        parser.parse_args(args)  # the pinned DVC's parser exits on an unknown command/option
        if args[:2] == ["remote", "modify"]:
            assert "--local" in args, f"credentials and endpoints go to --local: {args}"
            option = [a for a in args[2:] if not a.startswith("-")][1]
            assert option in s3_options, f"dvc-s3 has no option {option!r}"


def test_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+):", makefile, flags=re.MULTILINE))
    made = [argv[1] for argv in _commands() if argv[0] == "make"]
    assert "sweep" in made and set(made) <= targets
