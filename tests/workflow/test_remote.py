"""End-to-end on a live S3 server (moto, 127.0.0.1): the first teammate reproduces and pushes,
the second clones and pulls instead of recomputing (floating point differs across CPUs), a
single output can be pulled alone, and pushes survive a stopped server and wrong keys with a
clear error."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from perception.tracking import cpu_facts

from .conftest import SHARED_TARGETS
from .dvc_repo import env, ran_stages
from .s3 import (
    BUCKET,
    REMOTE,
    S3Server,
    assert_same_results,
    aws_env,
    cache_objects,
    cached_outs,
    clone,
    differing_files,
    out_objects,
    point_at,
    predictions,
    run_with,
)

pytestmark = pytest.mark.e2e

UP_TO_DATE = "Data and pipelines are up to date."
IN_SYNC = f"Cache and remote '{REMOTE}' are in sync."


def timed(label: str, cmd: list[str], cwd: Path) -> str:
    """Run a command and print its wall time (pytest -s shows it: the timings in docs/remote.md)."""
    start = time.monotonic()
    proc = run_with(cmd, cwd)
    print(f"\n[timing] {label}: {time.monotonic() - start:.1f} s")
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """moto's S3 server on a free loopback port with the team's bucket; credentials only from
    the environment of the commands (nothing of this machine's AWS setup is read)."""
    home = tmp_path_factory.mktemp("aws")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
                     "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
            mp.delenv(name, raising=False)
        for name, value in aws_env(home).items():
            mp.setenv(name, value)
        srv = S3Server().start()
        try:
            srv.create_bucket(BUCKET)
            yield srv
        finally:
            srv.stop()


@pytest.fixture(scope="module")
def pushed(trained_repo: Path, server: S3Server) -> Path:
    """Teammate A: reproduced and committed (the session fixture), now `dvc push`."""
    point_at(trained_repo, server)
    out = timed("dvc push (teammate A, every output)", ["dvc", "push"], trained_repo)
    count = int(re.search(r"(\d+) files? pushed", out).group(1))  # type: ignore[union-attr]
    assert count == len(server.keys(BUCKET)) > 0
    return trained_repo


@pytest.fixture(scope="module")
def teammate(pushed: Path, server: S3Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Teammate B: `git clone` of A with an empty cache of its own, then `dvc pull`."""
    repo = clone(pushed, tmp_path_factory.mktemp("teammate") / "repo")
    point_at(repo, server)
    timed("dvc pull (teammate B, every output)", ["dvc", "pull"], repo)
    return repo


def test_teammate_pulls_and_nothing_recomputes(pushed: Path, teammate: Path,
                                                tmp_path: Path) -> None:
    assert UP_TO_DATE in run_with(["dvc", "status"], teammate).stdout
    out = run_with(["dvc", "repro"], teammate).stdout
    assert ran_stages(out) == set() and "Running stage" not in out
    assert_same_results(pushed, teammate, scratch=tmp_path)
    assert IN_SYNC in run_with(["dvc", "status", "--cloud"], teammate).stdout
    # Nothing was rewritten: dvc.lock and the metrics in git are A's.
    assert run_with(["git", "status", "--porcelain"], teammate).stdout == ""


def test_the_bundle_is_pulled_alone_and_serves(pushed: Path, server: S3Server,
                                               tmp_path: Path) -> None:
    """A serving machine needs the bundle only: no raw data, features or training models."""
    repo = clone(pushed, tmp_path / "repo")
    point_at(repo, server)
    timed("dvc pull models/bundle", ["dvc", "pull", "models/bundle"], repo)
    assert differing_files(pushed, repo, ["models/bundle"]) == []
    outs = cached_outs(pushed)
    absent = [path for path in outs if path != "models/bundle"]
    assert {"data/generated/corpus.jsonl", "data/interim/clean.parquet",
            "models/valence"} <= set(absent)
    assert [path for path in absent if (repo / path).exists()] == []
    # The cache received the bundle's listing (.dir) and files, and nothing more.
    assert cache_objects(repo) == out_objects(pushed, "models/bundle")
    assert predictions(repo, tmp_path / "b") == predictions(pushed, tmp_path / "a")


def _objects_once(server: S3Server, bucket: str, push: subprocess.Popen[bytes],
                  deadline_s: float = 120) -> int:
    """Wait (bounded) until the push has stored its first objects; the count then."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if push.poll() is not None:
            pytest.fail("the push ended before any object could be seen: nothing to interrupt")
        stored = len(server.keys(bucket))
        if stored:
            return stored
        time.sleep(0.02)
    pytest.fail(f"no object arrived within {deadline_s} s")


def test_push_interrupted_by_a_stopped_server_fails_then_completes(
        trained_repo: Path, server: S3Server, tmp_path: Path) -> None:
    """A second server (its own port and bucket) is stopped once the first objects arrive;
    the push must fail saying so. Restarted on the same port, the same push completes, and a
    fresh clone pulls and verifies every file."""
    bucket = "perception-fault"
    faulty = S3Server().start()
    try:
        faulty.create_bucket(bucket)
        # A's commit and A's cache, A's workspace untouched.
        pusher = clone(trained_repo, tmp_path / "pusher")
        run_with(["dvc", "cache", "dir", "--local", str(trained_repo / ".dvc/cache")], pusher)
        point_at(pusher, faulty, bucket)
        # One botocore attempt per request (s3fs still retries): the same failure, in about
        # 4 s instead of 13.
        push_env = {**env(pusher), "AWS_MAX_ATTEMPTS": "1"}
        with (tmp_path / "push.out").open("wb") as log:
            push = subprocess.Popen(["dvc", "push"], cwd=pusher, env=push_env, stdout=log,
                                    stderr=subprocess.STDOUT)
            try:
                _objects_once(faulty, bucket, push)
                faulty.stop()
                assert push.wait(timeout=300) != 0
            finally:
                if push.poll() is None:
                    push.kill()
                    push.wait(timeout=30)
        message = (tmp_path / "push.out").read_text()
        assert "ERROR" in message, message
        assert f"Could not connect to the endpoint URL: \"{faulty.endpoint}/" in message, message

        faulty.start()
        partial = len(faulty.keys(bucket))
        out = run_with(["dvc", "push"], pusher).stdout
        rest = int(re.search(r"(\d+) files? pushed", out).group(1))  # type: ignore[union-attr]
        assert rest >= 1 and partial + rest == len(faulty.keys(bucket))

        fresh = clone(trained_repo, tmp_path / "fresh")
        point_at(fresh, faulty, bucket)
        # Rehash every downloaded file instead of trusting the remote's names for it.
        run_with(["dvc", "remote", "modify", "--local", REMOTE, "verify", "true"], fresh)
        run_with(["dvc", "pull"], fresh)
        assert UP_TO_DATE in run_with(["dvc", "status"], fresh).stdout
        assert IN_SYNC in run_with(["dvc", "status", "--cloud"], fresh).stdout
        assert_same_results(trained_repo, fresh)
    finally:
        faulty.stop()


def test_wrong_credentials_fail_with_a_clear_error(pushed: Path, server: S3Server,
                                                   tmp_path: Path) -> None:
    with server.auth() as (key, secret):
        home = tmp_path
        for bad in (aws_env(home, key="not-a-key-id", secret=secret),
                    aws_env(home, key=key, secret="not-the-secret")):
            proc = run_with(["dvc", "push"], pushed, bad, check=False, timeout=120)
            assert proc.returncode != 0
            assert "ERROR" in proc.stderr and "(403)" in proc.stderr, proc.stderr
            assert "Forbidden" in proc.stderr, proc.stderr
        # The same commands with the right key work: the failure above was the credentials.
        good = aws_env(home, key=key, secret=secret)
        assert IN_SYNC in run_with(["dvc", "status", "--cloud"], pushed, good).stdout


def test_cpu_features_go_to_mlflow_and_the_run_log_not_to_dvc(trained_repo: Path) -> None:
    facts = cpu_facts()
    log = [json.loads(line) for line in
           (trained_repo / "logs/train.log").read_text().splitlines()]
    assert {r["target"] for r in log} == set(SHARED_TARGETS)
    assert all(r["cpu"]["flags"] == facts["flags"] and r["cpu"]["model"] == facts["model"]
               for r in log)

    import mlflow

    client = mlflow.MlflowClient(tracking_uri=env(trained_repo)["MLFLOW_TRACKING_URI"])
    for record in log:
        tags = client.get_run(record["mlflow_run"]).data.tags
        assert tags["cpu.openvino_capabilities"] == facts["openvino_capabilities"]
        assert tags["cpu.flags"] == facts["flags"]

    # logs/ is neither in git nor a DVC output, and no tracked file names the CPU.
    assert run_with(["git", "check-ignore", "logs/train.log"], trained_repo).returncode == 0
    assert not any(path.startswith("logs") for path in cached_outs(trained_repo))
    tracked = run_with(["git", "ls-files"], trained_repo).stdout.split()
    marker = facts["openvino_capabilities"]
    assert marker and [name for name in tracked if name.endswith((".json", ".yaml", ".lock"))
                       and marker in (trained_repo / name).read_text()] == []
