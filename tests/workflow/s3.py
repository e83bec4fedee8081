"""A live S3 server for the remote tests: moto's standalone server on 127.0.0.1, reached by
DVC through its real s3 client (dvc-s3, s3fs, botocore) exactly as it would reach AWS."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import subprocess
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import boto3
import yaml
from botocore.config import Config
from moto.server import ThreadedMotoServer

from .dvc_repo import env

REMOTE = "storage"  # the remote named in .dvc/config
BUCKET = "perception-dvc"
REGION = "us-east-1"
# Dummy credentials: moto accepts any key unless auth is switched on (`S3Server.auth`).
KEY_ID, SECRET = "testing", "testing"

# One line per request on stderr would drown a failing test's output.
logging.getLogger("werkzeug").setLevel(logging.ERROR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class S3Server:
    """moto's ThreadedMotoServer on a fixed loopback port, so that it can be stopped and
    started again where clients expect it. moto keeps buckets and objects per process, not
    per server: a restarted server serves what was stored before it stopped."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._server: ThreadedMotoServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> S3Server:
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        return self

    def stop(self) -> None:
        # Stops accepting and closes the listening socket: new requests are refused at once.
        if self._server is not None:
            self._server.stop()
            self._server = None

    def client(self, service: str = "s3", key: str = KEY_ID, secret: str = SECRET) -> Any:
        # One attempt and short timeouts: a test must fail fast, not retry for minutes.
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id=key, aws_secret_access_key=secret,
                            config=Config(retries={"max_attempts": 1}, connect_timeout=5,
                                          read_timeout=60))

    def create_bucket(self, bucket: str) -> None:
        self.client().create_bucket(Bucket=bucket)

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return [obj["Key"] for page in pages for obj in page.get("Contents", [])]

    def _moto_api(self, path: str, body: str) -> None:
        request = urllib.request.Request(f"{self.endpoint}/moto-api/{path}", data=body.encode(),
                                         method="POST", headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200

    @contextlib.contextmanager
    def auth(self) -> Iterator[tuple[str, str]]:
        """Switch on moto's credential checks (off by default: it accepts any key) and yield
        the one valid key pair, an IAM user allowed s3:*. The first three requests after the
        switch are let through unchecked: they create that user, its key and its policy."""
        self._moto_api("reset-auth", "3")
        try:
            iam = self.client("iam")
            iam.create_user(UserName="dvc")
            key = iam.create_access_key(UserName="dvc")["AccessKey"]
            iam.put_user_policy(UserName="dvc", PolicyName="s3", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
            yield key["AccessKeyId"], key["SecretAccessKey"]
        finally:
            # Process-wide in moto: later tests expect a server that accepts any key again.
            self._moto_api("reset-auth", "inf")


def aws_env(home: Path, key: str = KEY_ID, secret: str = SECRET) -> dict[str, str]:
    """Credentials from the environment only: no shared credentials or config file of the
    machine, no instance metadata lookup (it would leave loopback), no proxy for 127.0.0.1."""
    return {"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-credentials"),
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}


def run_with(cmd: list[str], cwd: Path, extra: dict[str, str] | None = None,
             check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """dvc_repo.run with extra environment (credentials that differ from the session's)."""
    proc = subprocess.run(cmd, cwd=cwd, env={**env(cwd), **(extra or {})}, capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def point_at(repo: Path, server: S3Server, bucket: str = BUCKET) -> None:
    """What a teammate with an S3-compatible store does: endpoint (and here bucket) in the
    git-ignored .dvc/config.local; the committed remote stays as it is."""
    run_with(["dvc", "remote", "modify", "--local", REMOTE, "endpointurl", server.endpoint],
             repo)
    run_with(["dvc", "remote", "modify", "--local", REMOTE, "url", f"s3://{bucket}/store"],
             repo)


def clone(origin: Path, dest: Path) -> Path:
    """A teammate's checkout: git only. .dvc/cache is git-ignored, so the clone's DVC cache
    starts empty and lives inside the clone (asserted, so a shared cache cannot hide a
    missing push)."""
    subprocess.run(["git", "clone", "-q", str(origin), str(dest)], check=True, timeout=120)
    cache = run_with(["dvc", "cache", "dir"], dest).stdout.strip()
    assert Path(cache).resolve() == (dest / ".dvc/cache").resolve(), cache
    assert not (dest / ".dvc/cache").exists()
    return dest


def cached_outs(repo: Path) -> dict[str, dict]:
    """dvc.lock's outputs kept in the DVC cache (pushed and pulled), by path."""
    lock = yaml.safe_load((repo / "dvc.lock").read_text())
    outs: dict[str, dict] = {}
    for stage in lock["stages"].values():
        for out in stage.get("outs", []):
            outs[out["path"]] = out
    # cache: false outputs (metrics, plots) travel through git, not the remote.
    git_kept = {line for line in subprocess.run(
        ["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True,
    ).stdout.splitlines()}
    return {path: out for path, out in outs.items()
            if path not in git_kept and not any(f.startswith(f"{path}/") for f in git_kept)}


def cache_objects(repo: Path) -> set[str]:
    """The md5 names (".dir" for a folder's listing) of every object in `repo`'s DVC cache."""
    root = repo / ".dvc/cache/files/md5"
    return {f"{p.parent.name}{p.name}" for p in root.rglob("*") if p.is_file()}


def out_objects(repo: Path, path: str) -> set[str]:
    """The cache objects that make up output `path` of `repo`'s dvc.lock: a file's md5, or a
    folder's listing plus each distinct file in it (identical files are stored once)."""
    md5 = cached_outs(repo)[path]["md5"]
    if not md5.endswith(".dir"):
        return {md5}
    listing = repo / ".dvc/cache/files/md5" / md5[:2] / md5[2:]
    return {md5} | {entry["md5"] for entry in json.loads(listing.read_text())}


def files_under(repo: Path, paths: Iterable[str]) -> dict[str, bytes]:
    """Every file under `paths` (files or folders) in `repo`, by path relative to `repo`."""
    found: dict[str, bytes] = {}
    for path in paths:
        top = repo / path
        for file in ([top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())):
            found[file.relative_to(repo).as_posix()] = file.read_bytes()
    return found


def differing_files(a: Path, b: Path, paths: Iterable[str]) -> list[str]:
    """Files under `paths` that differ in bytes between clones `a` and `b`, or exist in one."""
    left, right = files_under(a, paths), files_under(b, paths)
    return sorted(name for name in left.keys() | right.keys()
                  if left.get(name) != right.get(name))


# Texts for `perception predict` in two clones: calm, agitated, a crisis-like and a Hinglish one.
PREDICT_ROWS = [
    {"id": "calm", "text": "a quiet evening walk by the river, feeling fine"},
    {"id": "agitated", "text": "so ANGRY right now, nothing works and everyone is shouting!!"},
    {"id": "low", "text": "i can't do this anymore, i don't want to wake up tomorrow"},
    {"id": "hinglish", "text": "aaj mood bahut kharab hai yaar, kuch accha nahi lag raha"},
]


def predictions(repo: Path, scratch: Path) -> str:
    """`perception predict` on PREDICT_ROWS with the bundle of `repo`: the JSONL it writes."""
    scratch.mkdir(parents=True, exist_ok=True)
    rows, out = scratch / "rows.jsonl", scratch / "predicted.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in PREDICT_ROWS), encoding="utf-8")
    run_with(["perception", "predict", "--allow-unaccepted", "--input", str(rows), "--output",
              str(out)], repo)
    return out.read_text(encoding="utf-8")


def assert_same_results(a: Path, b: Path, scratch: Path | None = None) -> None:
    """Clone `b` holds exactly clone `a`'s results: every model, feature table and metric is
    byte-identical (both clones run on this machine; across CPUs compare with tolerances).
    With `scratch` (a folder for the input and output files), `perception predict` in both
    clones also gives identical output on the same texts."""
    paths = [*cached_outs(a), "metrics"]
    assert files_under(a, paths), "nothing to compare"
    assert differing_files(a, b, paths) == []
    if scratch is not None:
        left, right = predictions(a, scratch / "a"), predictions(b, scratch / "b")
        assert len(left.splitlines()) == len(PREDICT_ROWS)
        assert left == right
