"""The pull-request review workflow can only be run by GitHub; what can be checked here is
that it loads, runs on pull requests, calls commands and options that exist in this
checkout, fails on failed gates yet still comments, and holds no credential."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from dvc.cli.parser import get_main_parser

from perception.cli import app

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github/workflows/review.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _argvs(script: str) -> list[list[str]]:
    """Every command of a shell script, as argv ($VARS and ${{ }} left as words)."""
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        out += [shlex.split(part, comments=True) for part in re.split(r"&&|\|\||;", line)]
    return [argv for argv in out if argv]


def _commands(workflow: dict[str, Any]) -> list[list[str]]:
    return [argv for step in _steps(workflow) for argv in _argvs(step.get("run", ""))]


def _check_perception(args: list[str]) -> None:
    commands = typer.main.get_command(app).commands
    assert args[0] in commands, f"perception {args[0]}: no such command"
    # Typer vendors its own click: read the options' names, not their classes.
    options = {opt for p in commands[args[0]].params for opt in getattr(p, "opts", [])}
    options |= {opt for p in commands[args[0]].params for opt in getattr(p, "secondary_opts", [])}
    unknown = [a for a in args[1:] if a.startswith("--") and a not in options]
    assert not unknown, f"perception {args[0]}: unknown options {unknown}"


def test_it_runs_on_pull_requests(workflow: dict[str, Any]) -> None:
    # YAML 1.1 reads the bare key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in (triggers if isinstance(triggers, dict | list) else [triggers])


def test_every_perception_command_and_option_exists(workflow: dict[str, Any]) -> None:
    used = [argv[1:] for argv in _commands(workflow) if argv[0] == "perception"]
    assert {args[0] for args in used} >= {"gates", "report"}
    for args in used:
        _check_perception(args)


def test_every_make_target_and_dvc_command_exists(workflow: dict[str, Any]) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+):", makefile, flags=re.MULTILINE))
    commands = _commands(workflow)
    made = [argv[1] for argv in commands if argv[0] == "make"]
    assert made and set(made) <= targets, f"make targets {set(made) - targets} not in Makefile"
    parser = get_main_parser()
    dvc = [argv[1:] for argv in commands if argv[0] == "dvc"]
    assert {args[0] for args in dvc} >= {"pull", "repro"}
    for args in dvc:
        # The pinned DVC's own parser: an unknown command or option exits.
        parser.parse_args([a if not a.startswith("$") else "x" for a in args])


def test_gates_fail_the_job_but_the_report_is_still_posted(workflow: dict[str, Any]) -> None:
    steps = _steps(workflow)
    gates = next(s for s in steps if "perception gates" in s.get("run", ""))
    assert "--against" in gates["run"]
    assert not gates.get("continue-on-error") and "if" not in gates
    later = steps[steps.index(gates) + 1:]
    report = next(s for s in later if "perception report" in s.get("run", ""))
    comment = next(s for s in later if "gh pr comment" in s.get("run", ""))
    for step in (report, comment):
        assert "always()" in step.get("if", ""), step
    assert "--body-file" in comment["run"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0   # the base branch's metrics


def _env(workflow: dict[str, Any]) -> dict[str, str]:
    env = dict(workflow.get("env", {}))
    for job in workflow["jobs"].values():
        env.update(job.get("env", {}))
        for step in job["steps"]:
            env.update(step.get("env", {}))
    return env


def test_credentials_only_come_from_secrets(workflow: dict[str, Any]) -> None:
    env = _env(workflow)
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} <= set(env)
    sensitive = [k for k in env if re.search(r"KEY|SECRET|TOKEN|PASSWORD|ENDPOINT", k)]
    for key in sensitive:
        assert re.fullmatch(r"\$\{\{ *(secrets\.[A-Z_]+|github\.token) *\}\}", str(env[key])), \
            f"{key} must come from a secret, got {env[key]!r}"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert not re.search(r"\bA(KIA|SIA)[0-9A-Z]{16}\b", text)          # an AWS key id
    assert not re.search(r"gh[pousr]_[A-Za-z0-9]{30,}", text)          # a GitHub token
    # A secret key is 40 characters of base64; nothing that long outside an expression.
    bare = re.sub(r"\$\{\{.*?\}\}", "", text)
    assert not re.search(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])", bare)


def test_readme_review_and_scaling_commands_exist() -> None:
    """The commands the "Review" and "Scaling out" pages (docs/) tell a teammate to type
    exist with those options: perception's, the pinned DVC's, and `mlflow server`'s."""
    from mlflow.cli import server

    sections = "".join((ROOT / "docs" / page).read_text(encoding="utf-8")
                       for page in ("review.md", "scaling.md"))
    argvs = [argv for block in re.findall(r"```bash\n(.*?)```", sections, flags=re.DOTALL)
             for argv in _argvs(block)]
    tools = {argv[0] for argv in argvs}
    assert {"perception", "dvc", "mlflow"} <= tools
    parser = get_main_parser()
    server_options = {opt for p in server.params for opt in [*p.opts, *p.secondary_opts]}
    for argv in argvs:
        if argv[0] == "perception":
            _check_perception(argv[1:])
        elif argv[0] == "dvc":
            parser.parse_args(argv[1:])
        elif argv[0] == "mlflow":
            assert argv[1] == "server"
            unknown = [a for a in argv[2:] if a.startswith("--") and a not in server_options]
            assert not unknown, f"mlflow server: unknown options {unknown}"
