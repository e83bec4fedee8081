"""Credentials never reach git: the committed DVC remote names a bucket and nothing else, and no
tracked file holds an AWS key, a secret-looking assignment or a private key."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from configobj import ConfigObj

REPO = Path(__file__).resolve().parents[1]

# The shapes that leak in practice (after git-secrets and gitleaks): access key ids, a
# 40-character secret assigned to a secret-key name, PEM private keys.
PATTERNS = {
    "AWS access key id": re.compile(
        r"(?<![A-Z0-9])(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}(?![A-Z0-9])"),
    "AWS secret key": re.compile(
        r"(?i)(?:aws)?_?secret_?(?:access)?_?key[\"']?\s*(?:=|:|=>)\s*[\"']?"
        r"[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"),
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"),
}
# Options of an S3 remote that carry credentials (`dvc remote modify --local` only).
CREDENTIAL_OPTIONS = {"access_key_id", "secret_access_key", "session_token"}


def findings(text: str) -> list[str]:
    return [name for name, pattern in PATTERNS.items() if pattern.search(text)]


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True,
                         timeout=60).stdout
    return [name for name in out.decode().split("\0") if name]


def test_the_scanner_finds_what_it_looks_for() -> None:
    # Built at run time, so this file itself holds no credential-shaped string.
    key_id = "AKIA" + "Q" * 16
    secret = "wJalrXUtnFEMI/K7MDENG/" + "b" * 18
    pem = "-----BEGIN " + "RSA PRIVATE KEY-----"
    assert findings(f"key = {key_id}\n") == ["AWS access key id"]
    assert findings(f"aws_secret_access_key = {secret}\n") == ["AWS secret key"]
    assert findings(f'    secret_access_key = "{secret}"\n') == ["AWS secret key"]
    assert findings(f"{pem}\nMIIE...\n") == ["private key"]
    # The project's own words about credentials are not credentials.
    assert findings("dvc remote modify --local storage secret_access_key <your-secret>") == []


def test_no_tracked_file_holds_a_credential() -> None:
    files = tracked_files()
    assert ".dvc/config" in files and "README.md" in files
    leaks = {}
    for name in files:
        path = REPO / name
        if path.is_file():  # a deleted but still tracked file has nothing to leak
            found = findings(path.read_bytes().decode("utf-8", errors="replace"))
            if found:
                leaks[name] = found
    assert leaks == {}


def test_committed_remote_is_s3_without_credentials() -> None:
    config = ConfigObj(str(REPO / ".dvc/config"))
    assert config["core"]["remote"] == "storage"
    remote = config['remote "storage"']
    assert remote["url"].startswith("s3://")
    assert CREDENTIAL_OPTIONS.isdisjoint(remote)
    # Where credentials may go instead: the local config, which git ignores.
    ignored = subprocess.run(["git", "check-ignore", "-q", ".dvc/config.local"], cwd=REPO,
                             timeout=60)
    assert ignored.returncode == 0
