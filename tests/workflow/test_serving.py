"""End-to-end: export and bundle a tiny trained pipeline, then serve it three ways (Python,
`perception predict`, HTTP) and check they agree with each other and with evaluation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from perception.serve.http import create_app
from perception.serve.predictor import REVIEW_NOTE, Predictor

from .conftest import SHARED_TARGETS as TARGETS
from .dvc_repo import run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def repo(trained_repo: Path) -> Path:
    """The session's trained tiny copy (tests/workflow/conftest.py); read only here."""
    assert (trained_repo / "models/bundle/manifest.json").exists()
    return trained_repo


@pytest.fixture(scope="module")
def predictor(repo: Path) -> Predictor:
    # Tiny params train a crisis model that fails its gates: served only with the override.
    return Predictor.load(repo / "models/bundle", allow_unaccepted=True)


@pytest.fixture(scope="module")
def test_rows(repo: Path) -> pd.DataFrame:
    clean = pd.read_parquet(repo / "data/interim/clean.parquet")
    splits = pd.read_parquet(repo / "data/processed/splits.parquet")
    test = clean.merge(splits[["id", "split"]], on="id")
    test = test[test["split"] == "test"].set_index("id")
    # Rows evaluate flagged first, so the sample holds flagged texts, then unflagged ones. A
    # tiny model's val-chosen threshold can fall so low that it flags every test text (the
    # sensitivity target is met at the floor); texts labelled none stand in for calm ones then.
    decided = json.loads((repo / "plots/crisis/test/confusion.json").read_text())
    flagged = [r["id"] for r in decided if r["predicted"] != "none"][:6]
    calm = ([r["id"] for r in decided if r["predicted"] == "none"]
            or [r["id"] for r in decided if r["actual"] == "none" and r["id"] not in flagged])[:6]
    assert flagged and calm
    return test.loc[flagged + calm].reset_index()


def test_exports_reproduce_the_trained_models(repo: Path) -> None:
    for t in TARGETS:
        figures = json.loads((repo / f"metrics/export/{t}.json").read_text())
        assert figures["passed"] and figures["max_abs_diff"] <= 1e-4, figures
        assert figures.get("decisions_differing", 0) == 0
    report = json.loads((repo / "metrics/export.json").read_text())
    assert all(p["passed"] for p in report["parity"]["encoders"].values())
    for t in TARGETS:
        e2e = report["parity"]["end_to_end"][t]
        assert e2e["passed"] and e2e["metrics"], e2e
    assert {"trees", "encoder", "end_to_end"} <= set(report["latency"])
    process = report["serving_process"]
    assert process["imported"]["torch"] is False and process["imported"]["lightgbm"] is False
    assert process["rss_mb"] > 0


def test_bundle_manifest_and_model_card(repo: Path) -> None:
    bundle = repo / "models/bundle"
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["targets"] == sorted(TARGETS)
    assert set(manifest["gates"]) == set(TARGETS) and manifest["params_sha256"]
    # The commit the bundle was built from (the copy committed its outputs afterwards).
    assert run(["git", "merge-base", "--is-ancestor", manifest["git_commit"], "HEAD"], repo,
               check=False).returncode == 0
    crisis = json.loads((repo / "metrics/crisis.json").read_text())
    assert manifest["metrics"]["crisis"]["sensitivity"] == crisis["test"]["sensitivity"]
    card = (bundle / "model_card.md").read_text()
    for heading in ("## Intended use", "## Data", "## Limitations", "## valence",
                    "## Crisis sensitivity caveat (crisis)"):
        assert heading in card
    # Every learner file is ONNX; nothing to unpickle.
    assert not list(bundle.rglob("*.pkl")) and not list(bundle.rglob("*.joblib"))
    assert list((bundle / "targets/crisis").glob("*.onnx"))


def _rows_file(rows: pd.DataFrame, path: Path) -> None:
    with path.open("w") as fh:
        for r in rows.itertuples():
            fh.write(json.dumps({"id": r.id, "text": r.text, "lang": r.lang}) + "\n")


def test_python_cli_and_http_give_the_same_results(repo: Path, predictor: Predictor,
                                                   test_rows: pd.DataFrame,
                                                   tmp_path: Path) -> None:
    texts, langs = test_rows["text"].tolist(), test_rows["lang"].tolist()
    python = json.loads(json.dumps(predictor.predict(texts, langs=langs)))

    _rows_file(test_rows, tmp_path / "rows.jsonl")
    run(["perception", "predict", "--allow-unaccepted", "--input", str(tmp_path / "rows.jsonl"),
         "--output", str(tmp_path / "out.jsonl")], repo)
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [x.pop("id") for x in lines] == test_rows["id"].tolist()
    assert lines == python

    client = TestClient(create_app(predictor, max_texts=64, max_chars=4000))
    answer = client.post("/predict", json={"texts": texts, "langs": langs})
    assert answer.status_code == 200
    assert answer.json()["results"] == python

    one = run(["perception", "predict", "--allow-unaccepted", texts[0]], repo).stdout
    assert json.loads(one) == json.loads(json.dumps(predictor.predict([texts[0]])[0]))


def test_results_carry_every_target_and_flag_for_review(predictor: Predictor,
                                                        test_rows: pd.DataFrame) -> None:
    results = predictor.predict(test_rows["text"].tolist(), langs=test_rows["lang"].tolist())
    for r in results:
        assert 0.0 <= r["valence"] <= 1.0
        crisis = r["crisis"]
        assert abs(sum(crisis["probabilities"].values()) - 1.0) < 1e-9
        assert crisis["flagged"] == (crisis["probability"] >= crisis["threshold"])
        assert crisis["band"] == "none" if not crisis["flagged"] else crisis["band"] != "none"
        # The lexicon safety net can ask for review below the threshold, never the reverse.
        assert r["review_required"] == (crisis["flagged"] or bool(r.get("evidence", {}).get(
            "safety_net")))
        assert (r.get("review") == REVIEW_NOTE) == r["review_required"]
        assert r["bundle_version"] == predictor.version
        assert set(r["acceptance"]) == set(TARGETS)
    assert any(r["crisis"]["flagged"] for r in results)


def test_every_flag_carries_its_evidence(predictor: Predictor, test_rows: pd.DataFrame
                                         ) -> None:
    texts = ["Went to the market and bought rice. I have the pills ready for tonight. "
             "Then I called my aunt about the wedding.", *test_rows["text"].tolist()]
    results = predictor.predict(texts)
    reviewed = [(t, r) for t, r in zip(texts, results, strict=True) if r["review_required"]]
    assert reviewed
    # Evidence is faithful: per-sentence scores are shown when the served crisis model reads
    # them (the `sentences` group, through the blend); a model chosen without them (the tiny
    # pipeline's out-of-fold stack may win) shows the lexicon's cues only, never a guess.
    reads_sentences = predictor.heads is not None
    for text, r in reviewed:
        evidence = r["evidence"]
        if reads_sentences:
            assert evidence["sentences"], r
        else:
            assert evidence["sentences"] == [], r
        scored = predictor.clean([text])[0]
        for s in evidence["sentences"]:
            assert scored[s["start"]:s["end"]] == s["text"] and 0.0 <= s["score"] <= 1.0
    # The plain plan sentence inside a longer text: the safety net asks for review, the
    # lexicon's cues point into that sentence, and where sentences are scored it is in the
    # evidence with its own score (the tiny model's ranking of sentences is not tested here:
    # tests/model does that on the default model).
    first = results[0]
    assert first["review_required"] and first["evidence"]["safety_net"]
    scored_first = predictor.clean([texts[0]])[0]
    start = scored_first.index("I have the pills")
    end = scored_first.index("tonight.") + len("tonight.")
    assert first["evidence"]["cues"] and all(
        start <= c["start"] and c["end"] <= end for c in first["evidence"]["cues"])
    if reads_sentences:
        plan = next(s for s in first["evidence"]["sentences"] if "pills" in s["text"])
        assert plan["start"] <= start and end <= plan["end"]


def test_an_unaccepted_target_is_refused_unless_allowed(repo: Path, tmp_path: Path) -> None:
    from perception.serve.predictor import UnacceptedBundle
    from perception.serve.signing import sign_bundle

    copy = tmp_path / "bundle"
    shutil.copytree(repo / "models/bundle", copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["gates"]["crisis"] = {**manifest["gates"]["crisis"], "accepted": False,
                                   "sensitivity_min": False}
    (copy / "manifest.json").write_text(json.dumps(manifest))
    # Re-signed, as a team that edits a verdict must: the signature is not what refuses it.
    sign_bundle(copy)
    with pytest.raises(UnacceptedBundle, match=r"target 'crisis' failed its gates: "
                                                r"[a-z0-9_, ]*sensitivity_min"):
        Predictor.load(copy)
    refused = run(["perception", "predict", "--bundle", str(copy), "hello"], repo, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0 and "--allow-unaccepted" in refused.stderr
    served = run(["perception", "predict", "--bundle", str(copy), "--allow-unaccepted",
                  "hello"], repo)
    assert json.loads(served.stdout)["acceptance"]["crisis"] is False
    allowed = Predictor.load(copy, allow_unaccepted=True)
    health = TestClient(create_app(allowed, max_texts=4, max_chars=100)).get("/health").json()
    assert health["status"] == "degraded"
    assert "sensitivity_min" in health["unaccepted"]["crisis"]
    assert health["targets"]["crisis"]["accepted"] is False


def test_flagged_texts_are_audited_without_the_text(repo: Path, test_rows: pd.DataFrame,
                                                    tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    audited = Predictor.load(repo / "models/bundle", audit_log=log, allow_unaccepted=True)
    texts = test_rows["text"].tolist()
    results = audited.predict(texts, langs=test_rows["lang"].tolist())
    events = [json.loads(x) for x in log.read_text().splitlines()]
    assert len(events) == sum(r["review_required"] for r in results) > 0
    body = log.read_text()
    assert not any(t in body for t in texts)
    # Not even the sentences that drove a flag: offsets and scores only.
    assert not any(s in body for r in results for s in
                   (x["text"] for x in r.get("evidence", {}).get("sentences", [])))
    assert {"time", "bundle_version", "probability", "threshold", "band",
            "text_sha256"} <= set(events[0])


def test_history_changes_only_the_temporal_view(predictor: Predictor,
                                                test_rows: pd.DataFrame) -> None:
    text = test_rows["text"].iloc[0]
    history = [{"user_id": "u1", "created_at": "2026-07-01T08:00:00Z", "text": "awful day"},
               {"user_id": "u1", "created_at": "2026-07-01T20:00:00Z", "text": "still awful"}]
    alone = predictor.features([text], ["u1"], ["2026-07-02T09:00:00Z"])
    with_past = predictor.features([text], ["u1"], ["2026-07-02T09:00:00Z"], history)
    assert (alone.arrays["lexical"] == with_past.arrays["lexical"]).all()
    assert (alone.arrays["temporal"] != with_past.arrays["temporal"]).any()


def test_http_api(predictor: Predictor) -> None:
    client = TestClient(create_app(predictor, max_texts=3, max_chars=50))
    health = client.get("/health").json()
    assert health["bundle_version"] == predictor.version and health["checksums_verified"]
    assert set(health["targets"]) == set(TARGETS)
    assert client.get("/openapi.json").status_code == 200

    good = client.post("/predict", json={"texts": ["a calm evening", "so angry!!"]})
    assert good.status_code == 200 and len(good.json()["results"]) == 2
    empty = client.post("/predict", json={"texts": ["ok", "   "]})
    assert empty.status_code == 422 and "texts[1]: empty text" in empty.json()["detail"]
    long = client.post("/predict", json={"texts": ["x" * 51]})
    assert long.status_code == 422 and "texts[0]: 51 characters" in long.json()["detail"]
    assert client.post("/predict", json={"texts": [1, 2]}).status_code == 422
    assert client.post("/predict", json={"text": "wrong field"}).status_code == 422
    many = client.post("/predict", json={"texts": ["a"] * 4})
    assert many.status_code == 413 and "limit is 3" in many.json()["detail"]
    broken = client.post("/predict", content=b"{not json",
                         headers={"content-type": "application/json"})
    assert broken.status_code == 422


def test_a_tampered_or_half_written_bundle_is_refused(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(repo / "models/bundle", copy)
    # With its signature, which covers the manifest: the altered file is what refuses it.
    shutil.copy2(repo / "models/bundle.sig", tmp_path / "bundle.sig")
    onnx_file = next((copy / "targets/valence").glob("*.onnx"))
    onnx_file.write_bytes(onnx_file.read_bytes()[:-1] + b"\x00")
    tampered = run(["perception", "predict", "--bundle", str(copy), "--allow-unaccepted",
                    "hello"], repo, check=False)
    assert tampered.returncode == 1 and "altered targets/valence/" in tampered.stderr

    (copy / "manifest.json").unlink()
    half = run(["perception", "predict", "--bundle", str(copy), "--allow-unaccepted", "hello"],
               repo, check=False)
    assert half.returncode == 1 and "the bundle is incomplete" in half.stderr


def test_gathered_requests_answer_each_client(predictor: Predictor,
                                              test_rows: pd.DataFrame) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = test_rows["text"].tolist()
    client = TestClient(create_app(predictor, max_texts=64, max_chars=4000,
                                   gather_requests=True))

    def post(text: str) -> dict:
        answer = client.post("/predict", json={"texts": [text]})
        assert answer.status_code == 200
        return answer.json()["results"][0]

    with ThreadPoolExecutor(max_workers=6) as pool:
        gathered = list(pool.map(post, texts))
    for text, result in zip(texts, gathered, strict=True):
        alone = predictor.predict([text])[0]
        # Scored beside other requests: the same text, up to bf16 batch arithmetic.
        assert abs(result["valence"] - alone["valence"]) < 0.02
        assert result["crisis"]["decision"] == alone["crisis"]["decision"] or abs(
            result["crisis"]["probability"] - alone["crisis"]["threshold"]) < 0.02
    bad = client.post("/predict", json={"texts": ["  "]})
    assert bad.status_code == 422 and "texts[0]: empty text" in bad.json()["detail"]


def test_the_serving_benchmark_times_the_same_work_on_both_paths(repo: Path,
                                                                 predictor: Predictor,
                                                                 test_rows: pd.DataFrame) -> None:
    """benchmarks/serve.py's naive path (training-time stack) must compute every feature group
    the models read (it once lacked `sentences` and failed): with the bundle's encoders
    swapped in, it reproduces the exported scores."""
    from benchmark_modules import load_benchmark

    from perception.config import load_params

    serve_benchmark = load_benchmark("serve")
    naive = serve_benchmark.NaivePath(load_params(repo / "params.yaml"), predictor, root=repo)
    assert naive.heads is not None  # the crisis blend reads the sentences group
    naive.encoders = dict(predictor.encoders)
    texts = test_rows["text"].tolist()
    exported = predictor.score(predictor.features(texts))
    native = naive.predict(texts)
    assert set(native) == set(exported)
    for target, scores in exported.items():
        assert np.abs(scores - native[target]).max() <= 1e-4, target
