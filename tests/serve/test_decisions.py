"""Severity bands and the audit log of flagged texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perception.serve.predictor import AuditLog
from perception.serve.scorer import severity_band

BANDS = {"elevated": 0.4, "critical": 0.6, "emergency": 0.8}


@pytest.mark.parametrize(("p", "flagged", "band"), [
    (0.9, False, "none"), (0.1, True, "flagged"), (0.4, True, "elevated"),
    (0.59, True, "elevated"), (0.6, True, "critical"), (0.8, True, "emergency"),
    (1.0, True, "emergency"),
])
def test_severity_bands(p: float, flagged: bool, band: str) -> None:
    assert severity_band(p, flagged, BANDS) == band


def test_audit_events_hash_the_text_and_never_hold_it(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit/audit.jsonl", salt="s1")
    text = "I want to hurt myself tonight"
    log.write([{"target": "crisis", "text_sha256": log.text_hash(text)}])
    log.write([])
    lines = (tmp_path / "audit/audit.jsonl").read_text().splitlines()
    assert len(lines) == 1 and text not in lines[0]
    assert json.loads(lines[0])["text_sha256"] == AuditLog(tmp_path / "x", "s1").text_hash(text)
    # Another salt, another hash: the log cannot be matched against a list of known texts.
    assert AuditLog(tmp_path / "x", "s2").text_hash(text) != log.text_hash(text)


def test_severity_weighs_the_crisis_type() -> None:
    """Imminent harm can be an emergency; passive ideation alone cannot, however sure."""
    severity = {**BANDS, "type_weights": {"immediate_harm": 1.0, "passive_ideation": 0.7}}
    assert severity_band(0.95, True, severity, "immediate_harm") == "emergency"
    assert severity_band(0.95, True, severity, "passive_ideation") == "critical"
    assert severity_band(1.0, True, severity, "passive_ideation") == "critical"
    # A type without a weight counts fully.
    assert severity_band(0.85, True, severity, "panic") == "emergency"
    assert severity_band(0.95, False, severity, "immediate_harm") == "none"
