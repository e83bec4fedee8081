from __future__ import annotations

import json
from pathlib import Path

import pytest

from perception.config import IngestConfig, SourceConfig
from perception.data.ingest import IngestError, ingest
from perception.data.text import normalize_text, redact_pii


def _jsonl(path: Path, lines: list[str | bytes]) -> None:
    with path.open("wb") as fh:
        for line in lines:
            fh.write(line if isinstance(line, bytes) else line.encode("utf-8"))
            fh.write(b"\n")


def _row(i: int, **fields) -> str:
    base = {"id": f"r{i}", "user_id": f"u{i % 3}", "created_at": "2026-06-01T10:00:00Z",
            "text": f"text number {i} feels fine", "lang": "en", "valence": 0.5,
            "arousal": 0.4, "crisis_type": "none"}
    base.update(fields)
    return json.dumps(base)


def _cfg(tmp_path: Path, *sources: SourceConfig, **kw) -> IngestConfig:
    return IngestConfig(sources=list(sources), **{"max_reject_rate": 1.0, **kw})


BAD_LINES: list[tuple[str | bytes, str, str | None]] = [
    ('{"id": "b1", "text": "broken', "malformed_json", None),
    (b'{"id": "b2", "text": "caf\xff"}', "invalid_utf8", None),
    ('{"id": "b3", "valence": 0.4}', "missing_text", "text"),
    ('{"id": "b4", "text": "   \\u0007  "}', "empty_text", "text"),
    ('{"id": "b5", "text": "' + "x" * 50 + '"}', "text_too_long", "text"),
    ('{"id": "b6", "text": "ok then", "valence": 1.7}', "label_out_of_range", "valence"),
    ('{"id": "b7", "text": "ok then two", "arousal": "high"}', "label_wrong_type", "arousal"),
    ('{"id": "b8", "text": "ok then three", "crisis_type": "sadness"}', "unknown_crisis_type",
     "crisis_type"),
    ('{"id": "b9", "text": "ok then four", "valence": NaN}', "label_nan", "valence"),
    ('{"id": "r1", "text": "a different text for r1"}', "duplicate_id", "id"),
    ('[1, 2, 3]', "malformed_json", None),
    ('{"id": "b10", "text": "when", "created_at": "yesterday"}', "invalid_created_at",
     "created_at"),
]


def test_every_bad_input_is_rejected_with_reason_and_line(tmp_path: Path) -> None:
    good = [_row(i) for i in range(1, 4)]
    _jsonl(tmp_path / "in.jsonl", good + [line for line, _, _ in BAD_LINES])
    cfg = _cfg(tmp_path, SourceConfig(name="mine", path="in.jsonl"), max_chars=40)
    result = ingest(cfg, root=tmp_path)
    got = [(r.line, r.reason, r.field) for r in result.rejected]
    want = [(4 + i, reason, field) for i, (_, reason, field) in enumerate(BAD_LINES)]
    assert got == want
    assert all(r.file == "in.jsonl" and r.source == "mine" and r.detail for r in result.rejected)
    # "As it came": the raw line is kept (invalid bytes escaped, not lost).
    assert "\\xff" in result.rejected[1].raw
    assert len(result.clean) == 3
    assert result.metrics["rows"] == {"in": 15, "clean": 3, "rejected": 12,
                                      "duplicates_collapsed": 0}


def test_counts_add_up_with_duplicates(tmp_path: Path) -> None:
    lines = [
        _row(1, text="Feeling great today", valence=0.8, crisis_type="none"),
        _row(2, text="  Feeling   great today ", valence=0.6, crisis_type="none"),
        _row(3, text="Feeling great today", valence=0.7, crisis_type="panic"),
        _row(4, text="something else entirely"),
        _row(5, text="something else entirely", valence=0.5),
        '{"id": "x", "text": ""}',
    ]
    _jsonl(tmp_path / "in.jsonl", lines)
    result = ingest(_cfg(tmp_path, SourceConfig(name="s", path="in.jsonl")), root=tmp_path)
    m = result.metrics
    assert m["rows"]["in"] == m["rows"]["clean"] + m["rows"]["rejected"] + \
        m["rows"]["duplicates_collapsed"]
    assert m["rows"] == {"in": 6, "clean": 2, "rejected": 1, "duplicates_collapsed": 3}
    assert m["duplicates"] == {"groups": 2, "collapsed_rows": 3, "label_conflicts": 1}
    kept = result.clean.set_index("id").loc["s:r1"]
    assert kept["valence"] == pytest.approx(0.7)
    # One vote each for none/none/panic: the majority wins.
    assert kept["crisis_type"] == "none"
    assert list(kept["merged_ids"]) == ["s:r2", "s:r3"]
    assert m["sources"]["s"]["duplicates_collapsed"] == 3


def test_tie_between_crisis_votes_goes_to_the_more_severe(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [_row(1, text="same", crisis_type="panic"),
                                   _row(2, text="same", crisis_type="immediate_harm")])
    result = ingest(_cfg(tmp_path, SourceConfig(name="s", path="in.jsonl")), root=tmp_path)
    assert result.clean["crisis_type"].tolist() == ["immediate_harm"]


def test_csv_with_mapping_scaling_and_missing_labels(tmp_path: Path) -> None:
    (tmp_path / "vader.csv").write_text(
        "sid,score,sentence\n1,4,I love it\n2,-4,\"I hate it, truly\"\n3,,no label here\n"
        "4,9,way out of range\n", encoding="utf-8")
    source = SourceConfig(name="vader", path="vader.csv", valence_range=(-4, 4),
                          columns={"id": "sid", "valence": "score", "text": "sentence"},
                          lang="en")
    result = ingest(_cfg(tmp_path, source), root=tmp_path)
    clean = result.clean.set_index("id")
    assert clean.loc["vader:1", "valence"] == 1.0
    assert clean.loc["vader:2", "valence"] == 0.0
    assert clean.loc["vader:2", "text"] == "I hate it, truly"
    assert clean.loc["vader:3", "valence"] != clean.loc["vader:3", "valence"]  # NaN: no label
    assert clean["user_id"].isna().all() and clean["created_at"].isna().all()
    assert [(r.line, r.reason, r.field) for r in result.rejected] == [
        (5, "label_out_of_range", "valence")]


def test_headerless_tsv(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_bytes(
        b"1\t2.5\tnice \"quoted\" day\r\n2\t-1\tmeh\r\n3\t1\tbad \xff\r\n")
    source = SourceConfig(name="t", path="t.tsv", header=["id", "valence", "text"],
                          valence_range=(-4, 4))
    result = ingest(_cfg(tmp_path, source), root=tmp_path)
    assert result.clean["text"].tolist() == ['nice "quoted" day', "meh"]
    assert [(r.line, r.reason, r.field) for r in result.rejected] == [(3, "invalid_utf8", "text")]


def test_csv_missing_mapped_column_fails_naming_file_and_column(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("id,sentence\n1,hello\n", encoding="utf-8")
    source = SourceConfig(name="x", path="x.csv", columns={"text": "sentence", "valence": "v"})
    with pytest.raises(IngestError, match=r"x\.csv.*'v'"):
        ingest(_cfg(tmp_path, source), root=tmp_path)


def test_reject_rate_limit_names_the_worst_source(tmp_path: Path) -> None:
    _jsonl(tmp_path / "good.jsonl", [_row(i) for i in range(10)])
    _jsonl(tmp_path / "bad.jsonl", [_row(1), "{oops", "{oops"])
    cfg = IngestConfig(sources=[SourceConfig(name="good", path="good.jsonl"),
                                SourceConfig(name="bad", path="bad.jsonl")],
                       max_reject_rate=0.2)
    with pytest.raises(IngestError, match=r"source 'bad' rejected 2 of 3 rows.*bad\.jsonl line 2"):
        ingest(cfg, root=tmp_path)


def test_normalization_and_pii_redaction() -> None:
    assert normalize_text("  Cafe\u0301\tis\n\n ok\x00 ") == "Café is ok"
    text, counts = redact_pii(
        "mail me at a.b+c@example.co.uk or call +91 98765 43210, see https://x.io/a?b=1 "
        "cc @rahul_k at 10:30 for 2 hours")
    assert text == ("mail me at <EMAIL> or call <PHONE>, see <URL> cc <USER> at 10:30 "
                    "for 2 hours")
    assert dict(counts) == {"email": 1, "phone": 1, "url": 1, "handle": 1}


def test_pii_counts_reported(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [_row(1, text="ping @someone now"),
                                   _row(2, text="write to me@mail.com")])
    result = ingest(_cfg(tmp_path, SourceConfig(name="s", path="in.jsonl")), root=tmp_path)
    assert result.metrics["pii_redacted"] == {"email": 1, "phone": 0, "url": 0, "handle": 1,
                                              "card": 0, "user_id": 0}
    assert result.clean["text"].tolist() == ["ping <USER> now", "write to <EMAIL>"]


def test_agreement_from_ratings(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": str(i), "text": f"t {i}", "valence": v,
                    "valence_ratings": [v, v + 0.01, v - 0.01],
                    "crisis_ratings": ["none", "none", "panic" if i % 4 == 0 else "none"]})
        for i, v in enumerate([0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6])
    ]
    _jsonl(tmp_path / "in.jsonl", lines)
    result = ingest(_cfg(tmp_path, SourceConfig(name="s", path="in.jsonl")), root=tmp_path)
    agreement = result.metrics["agreement"]
    assert agreement["valence_krippendorff_alpha"] > 0.95
    assert agreement["valence_items"] == 8
    assert agreement["crisis_krippendorff_alpha"] < 0.5


def test_jsonl_mapped_column_in_no_row_fails(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [_row(1), _row(2)])
    source = SourceConfig(name="s", path="in.jsonl", columns={"valence": "score"})
    with pytest.raises(IngestError, match=r"in\.jsonl.*'score'"):
        ingest(_cfg(tmp_path, source), root=tmp_path)
