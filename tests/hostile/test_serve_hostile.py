"""Trust boundaries of serving: one input contract for every door (Python, CLI, --input,
HTTP), an audit trail that never costs a flag, and the paths params may name.

The predictor here is real (contract, cleaning, lexical and temporal features, audit, health)
with a stand-in target that flags every text, so no trained bundle is needed."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from perception.cli import app
from perception.config import ConfigError, load_params
from perception.features.temporal import temporal_columns
from perception.serve.contract import Limits, PredictError, check_request
from perception.serve.http import create_app
from perception.serve.predictor import AuditLog, Predictor
from perception.stages.predict import predict_file as _predict_file

REPO = Path(__file__).resolve().parents[2]


class FlagEverything:
    """A crisis target that flags every text (what a target's scorer returns)."""

    def __init__(self) -> None:
        self.kind = "multiclass"
        self.groups = ["lexical", "temporal"]
        self.spec = {"chosen": "stub"}

    def predict_arrays(self, arrays: dict[str, np.ndarray], context: Any) -> np.ndarray:
        self.temporal = arrays["temporal"]
        return np.tile([0.1, 0.9], (len(arrays["lexical"]), 1))

    def describe(self, values: np.ndarray, context: Any = None) -> list[dict[str, Any]]:
        return [{"flagged": True, "probability": 0.9, "threshold": 0.5, "band": "critical",
                 "decision": "immediate_harm", "probabilities": {"none": 0.1,
                                                                 "immediate_harm": 0.9}}
                for _ in values]


def stub_predictor(audit: Path | None = None, limits: Limits | None = None) -> Predictor:
    spec = {"groups": {"temporal": {"ema_alphas": [0.3, 0.7], "window_days": 7.0,
                                    "columns": temporal_columns([0.3, 0.7], 7.0)}},
            "context": {"defaults": {"lang": "en"}}}
    manifest = {"version": "stub", "targets": ["crisis"],
                "gates": {"crisis": {"accepted": True}}}
    predictor = Predictor(REPO, manifest, spec, {"crisis": FlagEverything()}, {},
                          AuditLog(audit) if audit else None)
    if limits:
        predictor.limits = limits
    return predictor


# -- one contract for every door ---------------------------------------------------------


def test_python_api_enforces_max_chars() -> None:
    predictor = stub_predictor(limits=Limits(max_chars=10))
    with pytest.raises(PredictError, match=r"texts\[1\]: 11 characters; the limit is 10"):
        predictor.predict(["short", "x" * 11])


def test_python_api_enforces_history_size() -> None:
    predictor = stub_predictor(limits=Limits(max_history=2))
    history = [{"user_id": "u", "created_at": "2026-07-01T00:00:00Z", "text": "hi"}] * 3
    with pytest.raises(PredictError, match=r"history: 3 items; the limit is 2"):
        predictor.predict(["hello"], ["u"], ["2026-07-02T00:00:00Z"], history)


def test_a_lone_surrogate_is_a_named_error_in_python() -> None:
    with pytest.raises(PredictError, match=r"texts\[0\]: a lone surrogate \(U\+D800\)"):
        stub_predictor().predict(["bad \ud800 text"])


def test_an_integer_timestamp_means_epoch_seconds() -> None:
    predictor = stub_predictor()
    when = 1782900000   # 2026-07-01 10:00 UTC, in seconds
    history = [{"user_id": "u1", "created_at": "2026-07-01T08:00:00Z", "text": "awful day"}]
    seconds = predictor.features(["still awful"], ["u1"], [when], history)
    iso = predictor.features(["still awful"], ["u1"], ["2026-07-01T10:00:00Z"], history)
    # Read as nanoseconds (1970) the history would be "later" and silently dropped.
    assert (seconds.arrays["temporal"] == iso.arrays["temporal"]).all()
    assert not (seconds.arrays["temporal"][0] == predictor.no_history).all()


def test_a_bad_history_timestamp_is_blamed_on_history() -> None:
    predictor = stub_predictor()
    history = [{"user_id": "u1", "created_at": "2026-07-01T08:00:00Z", "text": "ok"},
               {"user_id": "u1", "created_at": "9999-12-31T23:00:00+05:00", "text": "bad"}]
    with pytest.raises(PredictError, match=r"^history\[1\]\.created_at: ") as exc:
        predictor.predict(["hi"], ["u1"], ["2026-07-02T00:00:00Z"], history)
    assert "timestamps[0]" not in str(exc.value)


@pytest.mark.parametrize("when", ["2999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 10**20,
                                  True, "not a time"])
def test_out_of_range_or_mistyped_timestamps_are_named(when: Any) -> None:
    with pytest.raises(PredictError, match=r"^timestamps\[0\]: "):
        stub_predictor().predict(["hi"], ["u1"], [when])


def test_http_lone_surrogate_is_422_not_500() -> None:
    client = TestClient(create_app(stub_predictor(), max_texts=4, max_chars=100),
                        raise_server_exceptions=False)
    body = '{"texts": ["fine", "bad \\ud800 text"]}'
    response = client.post("/predict", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "texts[1]" in response.json()["detail"]


def test_http_limits_keep_their_codes_and_history_is_limited() -> None:
    client = TestClient(create_app(stub_predictor(), max_texts=2, max_chars=10,
                                   max_history=1))
    assert client.post("/predict", json={"texts": ["a", "b", "c"]}).status_code == 413
    too_long = client.post("/predict", json={"texts": ["a", "x" * 11]})
    assert too_long.status_code == 422 and "texts[1]" in too_long.json()["detail"]
    history = [{"user_id": "u", "created_at": "2026-07-01T00:00:00Z", "text": "hi"}] * 2
    many = client.post("/predict", json={"texts": ["a"], "user_ids": ["u"],
                                         "timestamps": ["2026-07-02T00:00:00Z"],
                                         "history": history})
    assert many.status_code == 413 and "serve.max_history" in many.json()["detail"]


def test_http_and_python_read_epoch_seconds_alike() -> None:
    predictor = stub_predictor()
    client = TestClient(create_app(predictor, max_texts=4, max_chars=100))
    history = [{"user_id": "u1", "created_at": 1782892800, "text": "awful day"}]
    ok = client.post("/predict", json={"texts": ["hi"], "user_ids": ["u1"],
                                       "timestamps": [1782900000], "history": history})
    assert ok.status_code == 200, ok.text
    via_http = predictor.targets["crisis"].temporal.copy()
    predictor.predict(["hi"], ["u1"], [1782900000], history)
    assert (via_http == predictor.targets["crisis"].temporal).all()
    bad = client.post("/predict", json={"texts": ["hi"], "user_ids": ["u1"],
                                        "timestamps": [1782900000],
                                        "history": [{**history[0], "created_at": 10**19}]})
    assert bad.status_code == 422 and "history[0].created_at" in bad.json()["detail"]


def test_predict_file_names_line_and_field(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "fine"}\n{"text": "ok", "created_at": "2999-01-01"}\n')
    with pytest.raises(PredictError, match=r"in\.jsonl:2: field `created_at`: "):
        _predict_file(stub_predictor(), source, tmp_path / "out.jsonl", max_chars=100)
    source.write_text('{"text": "fine"}\n{"text": "bad \\ud800"}\n')
    with pytest.raises(PredictError, match=r"in\.jsonl:2: field `text`: a lone surrogate"):
        _predict_file(stub_predictor(), source, tmp_path / "out.jsonl", max_chars=100)


def test_predict_file_latin1_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "latin.jsonl"
    source.write_bytes('{"text": "ok"}\n{"text": "caf\u00e9"}\n'.encode("latin-1"))
    with pytest.raises(PredictError, match=r"latin\.jsonl:2: not UTF-8 text"):
        _predict_file(stub_predictor(), source, None, max_chars=100)


def test_predict_input_directory_is_one_line(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["predict", "--input", str(tmp_path)])
    assert result.exit_code == 1
    assert "a directory, not a JSONL file" in result.output
    assert "Traceback" not in result.output


def test_the_contract_is_one_function() -> None:
    # Every door calls serve.contract.check_request; its errors name item and field.
    with pytest.raises(PredictError, match=r"user_ids: 1 values for 2 texts"):
        check_request(["a", "b"], user_ids=["u"])
    with pytest.raises(PredictError, match=r"langs\[0\]: must be a string"):
        check_request(["a"], langs=[3])


# -- fail-safe audit ---------------------------------------------------------------------


def test_an_unwritable_audit_log_fails_at_start(tmp_path: Path) -> None:
    (tmp_path / "logs").write_text("a file where the folder should be")
    log = AuditLog(tmp_path / "logs/audit.jsonl")
    with pytest.raises(PredictError, match=r"serve.audit_log .*cannot be written") as exc:
        log.check()
    assert "\n" not in str(exc.value)


def test_a_failing_audit_write_never_costs_the_flag(tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    predictor = stub_predictor(audit=log_dir / "audit.jsonl")
    predictor.audit.check()
    # The folder becomes a file while serving (a full or remounted disk behaves alike).
    (log_dir / "audit.jsonl").unlink()
    log_dir.rmdir()
    log_dir.write_text("now a file")
    text = "a text that must not reach any log"
    with caplog.at_level(logging.ERROR):
        results = predictor.predict([text, "another one"])
    assert [r["review_required"] for r in results] == [True, True]
    assert all(r["crisis"]["flagged"] for r in results)
    assert text not in caplog.text and "audit log" in caplog.text
    health = predictor.health()
    assert health["status"] == "degraded"
    assert health["audit"]["failed_writes"] == 1 and health["audit"]["lost_events"] >= 2
    # Through HTTP too: 200 with the flags, and /health says degraded with the count.
    client = TestClient(create_app(predictor, max_texts=4, max_chars=100))
    response = client.post("/predict", json={"texts": [text]})
    assert response.status_code == 200 and response.json()["results"][0]["review_required"]
    served = client.get("/health").json()
    assert served["status"] == "degraded" and served["audit"]["failed_writes"] == 2


# -- paths params name -------------------------------------------------------------------


def write_params(tmp_path: Path, edit: Any) -> Path:
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    edit(params)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


def test_an_encoder_folder_outside_the_repository_needs_an_opt_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    outside = tmp_path / "my-encoder"
    outside.mkdir()

    def point(params: dict) -> None:
        params["featurize"]["encoder"]["model"] = str(outside)

    with pytest.raises(ConfigError, match=r"featurize\.encoder\.model: .*allow_outside_repo"):
        load_params(write_params(tmp_path, point))

    def opt_in(params: dict) -> None:
        point(params)
        params["featurize"]["encoder"]["allow_outside_repo"] = True

    assert load_params(write_params(tmp_path, opt_in)).featurize.encoder.model == str(outside)


def test_an_encoder_symlink_out_of_the_repository_needs_the_opt_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "outside").mkdir()
    (repo / "enc").symlink_to(tmp_path / "outside", target_is_directory=True)
    monkeypatch.chdir(repo)

    def point(params: dict) -> None:
        params["featurize"]["encoder"]["model"] = "./enc"

    with pytest.raises(ConfigError, match=r"featurize\.encoder\.model: .*symlink"):
        load_params(write_params(tmp_path, point))


@pytest.mark.parametrize(("key", "value"), [("bundle", "../elsewhere/bundle"),
                                            ("bundle", "/srv/bundle")])
def test_paths_stay_inside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          key: str, value: str) -> None:
    monkeypatch.chdir(REPO)

    def edit(params: dict) -> None:
        params["paths"][key] = value

    with pytest.raises(ConfigError, match=rf"paths\.{key}: "):
        load_params(write_params(tmp_path, edit))


def test_the_audit_log_may_be_absolute_but_not_escape_relatively(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)

    def escape(params: dict) -> None:
        params["serve"]["audit_log"] = "../../audit.jsonl"

    with pytest.raises(ConfigError, match=r"serve\.audit_log: "):
        load_params(write_params(tmp_path, escape))

    def absolute(params: dict) -> None:
        params["serve"]["audit_log"] = str(tmp_path / "var/audit.jsonl")

    assert load_params(write_params(tmp_path, absolute)).serve.audit_log.endswith("audit.jsonl")


def test_predict_refuses_an_unwritable_audit_log_at_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`perception predict` checks the audit destination when it starts (after the bundle
    checks; here with a bundle-less stand-in loader), in one line."""
    import perception.serve.predictor as module

    monkeypatch.chdir(REPO)
    (tmp_path / "blocked").write_text("a file")

    def load(directory: Any, **kwargs: Any) -> Predictor:
        AuditLog(Path(kwargs["audit_log"])).check()
        return stub_predictor()

    monkeypatch.setattr(module.Predictor, "load", staticmethod(load))

    def edit(params: dict) -> None:
        params["serve"]["audit_log"] = str(tmp_path / "blocked/audit.jsonl")

    result = CliRunner().invoke(app, ["predict", "--params", str(write_params(tmp_path, edit)),
                                      "hello"])
    assert result.exit_code == 1 and "cannot be written" in result.output
    assert "Traceback" not in result.output


# -- ingest --check honours ingest.timestamps ------------------------------------------------


def test_ingest_check_uses_the_configured_timestamp_range(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data/raw").mkdir(parents=True)
    rows = [{"id": f"r{i}", "user_id": "u", "created_at": "1995-06-01T00:00:00Z",
             "text": f"an old diary entry number {i}", "valence": 0.5, "arousal": 0.5}
            for i in range(4)]
    (tmp_path / "data/raw/old.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    params = {"ingest": {"sources": [{"name": "old", "path": "data/raw/old.jsonl"}],
                         "timestamps": {"min": "2000-01-01", "max": "2100-01-01"},
                         "max_reject_rate": 0.5}}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["ingest", "--check", "--params", "params.yaml"])
    # Every row predates ingest.timestamps.min: --check must reject them as ingest would.
    assert result.exit_code == 1, result.output
    assert json.dumps(result.output)   # one readable report, no traceback
    assert "Traceback" not in result.output
