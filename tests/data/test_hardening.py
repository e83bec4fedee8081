"""Issue 6: inputs that used to lose or alter rows silently, read outside the repository, or
crash with a traceback. Each test builds the hostile input and runs the real ingest."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from perception.config import (
    ConfigError,
    GenerateConfig,
    IngestConfig,
    SourceConfig,
    SplitConfig,
    load_params,
)
from perception.data.generate import generate_corpus
from perception.data.ingest import (
    IngestError,
    check_sources,
    dvc_stage_deps,
    ingest,
    uncovered_sources,
)
from perception.data.split import make_splits
from perception.data.text import dedup_key

REPO = Path(__file__).resolve().parents[2]


def _cfg(*sources: SourceConfig, **kw) -> IngestConfig:
    return IngestConfig(sources=list(sources), **{"max_reject_rate": 1.0, **kw})


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _lines(result) -> list[tuple[int, int, str]]:
    return [(r.line, r.record()["last_line"], r.reason) for r in result.rejected]


# ------------------------------------------------------------------ quotes and record limits


def test_unclosed_quote_mid_file_costs_one_row_not_the_rest(tmp_path: Path) -> None:
    _write(tmp_path / "q.csv", 'id,text,valence\n1,fine,0.5\n2,"never closed,0.4\n'
                               '3,still read,0.3\n4,"quoted, ok",0.2\n5,last one,0.1\n')
    result = ingest(_cfg(SourceConfig(name="q", path="q.csv")), root=tmp_path)
    assert result.clean["id"].tolist() == ["q:1", "q:3", "q:4", "q:5"]
    assert result.clean.set_index("id").loc["q:4", "text"] == "quoted, ok"
    [reject] = result.rejected
    assert reject.line == 3 and reject.last_line is not None and reject.last_line > 3
    assert reject.reason in {"multiline_record", "malformed_row"}
    assert reject.raw == '2,"never closed,0.4'
    assert result.metrics["rows"]["in"] == 5


def test_quote_running_to_end_of_file_is_rejected_with_its_line_range(tmp_path: Path) -> None:
    _write(tmp_path / "q.csv", 'id,text\n1,fine\n2,"opens here\n3,and this\n4,and that\n')
    source = SourceConfig(name="q", path="q.csv", max_record_lines=10)
    result = ingest(_cfg(source), root=tmp_path)
    assert _lines(result)[0] == (3, 5, "unclosed_quote")
    assert "line 3" in result.rejected[0].detail and "end of the file" in result.rejected[0].detail
    # Lines after the opening one are still read as rows of their own.
    assert result.clean["id"].tolist() == ["q:1", "q:3", "q:4"]
    assert result.metrics["rows"]["in"] == 4


def test_quoted_line_breaks_are_allowed_up_to_max_record_lines(tmp_path: Path) -> None:
    _write(tmp_path / "m.csv", 'id,text\n1,"first para\nsecond para"\n2,one line\n')
    strict = ingest(_cfg(SourceConfig(name="m", path="m.csv")), root=tmp_path)
    assert (2, 3, "multiline_record") in _lines(strict)
    assert "max_record_lines=1" in strict.rejected[0].detail
    loose = ingest(_cfg(SourceConfig(name="m", path="m.csv", max_record_lines=2)),
                   root=tmp_path)
    assert loose.clean["text"].tolist() == ["first para second para", "one line"]
    assert loose.rejected == []


def test_field_longer_than_the_csv_limit_is_a_row_reject(tmp_path: Path) -> None:
    huge = "x" * (csv.field_size_limit() + 10)
    _write(tmp_path / "big.csv", f"id,text\n1,ok\n2,{huge}\n3,\"{huge}\"\n4,also ok\n")
    result = ingest(_cfg(SourceConfig(name="b", path="big.csv")), root=tmp_path)
    assert _lines(result) == [(3, 3, "text_too_long"), (4, 4, "text_too_long")]
    assert all(r.file == "big.csv" and r.field == "text" for r in result.rejected)
    assert result.clean["id"].tolist() == ["b:1", "b:4"]
    assert csv.field_size_limit() < len(huge)  # the process-wide limit is restored


def test_tsv_quotes_are_literal(tmp_path: Path) -> None:
    _write(tmp_path / "t.tsv", 'id\ttext\n1\t"half quoted\n2\tnext row\n')
    result = ingest(_cfg(SourceConfig(name="t", path="t.tsv")), root=tmp_path)
    assert result.clean["text"].tolist() == ['"half quoted', "next row"]


# ------------------------------------------------------------------ what a text is


def _corpus_with_odd_texts(tmp_path: Path) -> Path:
    records = generate_corpus(GenerateConfig(n_items=1500, n_users=200))
    odd = ["!", '?"', ".", "...", "!!!", "?!", "😭", "🙏🙏", "😂😂😂", "❤️", "👍"]
    invisible = ["\u200b", "\u200d\u200d", "\u0301\u0301", "\u202e\u202c", "\ufeff \u2066"]
    for i, text in enumerate(odd + invisible):
        records.append({"id": f"odd{i}", "user_id": f"odd-user-{i}", "text": text,
                        "created_at": "2026-07-01T12:00:00+00:00", "lang": "en",
                        "valence": 0.5, "arousal": 0.5, "crisis_type": "none"})
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_punctuation_and_emoji_texts_split_without_leakage(tmp_path: Path) -> None:
    _corpus_with_odd_texts(tmp_path)
    result = ingest(_cfg(SourceConfig(name="s", path="corpus.jsonl")), root=tmp_path)
    reasons = {(r.raw.split('"id": "')[1].split('"')[0], r.reason) for r in result.rejected}
    assert reasons == {(f"odd{i}", "empty_text") for i in range(11, 16)}
    clean = result.clean
    odd = clean[clean["id"].str.startswith("s:odd")]
    assert len(odd) == 11
    assert all(dedup_key(t) for t in clean["text"])
    out, metrics = make_splits(clean, SplitConfig())
    assert metrics["leakage"]["fold_text_overlap"] == 0
    assert metrics["leakage"]["text_overlap"] == 0
    kept = out.set_index("id").loc[odd["id"].tolist(), "split"]
    assert (kept != "dropped").all()


def test_invisible_characters_are_dropped_from_kept_texts(tmp_path: Path) -> None:
    _write(tmp_path / "i.jsonl", json.dumps({"id": 1, "text": "ok\u200b \u202edone"}) + "\n")
    result = ingest(_cfg(SourceConfig(name="i", path="i.jsonl")), root=tmp_path)
    assert result.clean["text"].tolist() == ["ok done"]


# ------------------------------------------------------------------ columns and header rows


def test_label_columns_match_ignoring_case_and_odd_ones_warn(tmp_path: Path) -> None:
    _write(tmp_path / "c.csv", "ID,Text,Valence,Crisis_Type,Arousal Score\n"
                               "1,good day,0.8,None,0.3\n2,bad day,0.1,panic,0.9\n")
    result = ingest(_cfg(SourceConfig(name="c", path="c.csv")), root=tmp_path)
    clean = result.clean.set_index("id")
    assert clean.loc["c:1", "valence"] == 0.8 and clean.loc["c:2", "crisis_type"] == "panic"
    assert clean["arousal"].isna().all()
    [warning] = result.metrics["warnings"]
    assert "c.csv" in warning and "'Arousal Score'" in warning and "columns" in warning
    assert result.warnings == result.metrics["warnings"]


def test_jsonl_keys_match_ignoring_case(tmp_path: Path) -> None:
    _write(tmp_path / "j.jsonl", json.dumps({"Id": "a", "TEXT": "hello", "Valence": 0.25}) + "\n")
    result = ingest(_cfg(SourceConfig(name="j", path="j.jsonl")), root=tmp_path)
    assert result.clean["valence"].tolist() == [0.25]
    assert result.clean["id"].tolist() == ["j:a"]


def test_header_list_for_a_file_with_a_header_row(tmp_path: Path) -> None:
    _write(tmp_path / "h.tsv", "id\tV\ttext\n1\t2\tnice\n2\t-1\tmeh\n")
    given = {"name": "h", "path": "h.tsv", "header": ["id", "valence", "text"],
             "valence_range": (-4, 4)}
    with pytest.raises(IngestError, match=r"h\.tsv line 1 looks like a header row.*header_row"):
        ingest(_cfg(SourceConfig(**given)), root=tmp_path)
    skipped = ingest(_cfg(SourceConfig(**given, header_row=True)), root=tmp_path)
    assert skipped.clean["text"].tolist() == ["nice", "meh"] and skipped.rejected == []
    as_data = ingest(_cfg(SourceConfig(**given, header_row=False)), root=tmp_path)
    assert [(r.line, r.field) for r in as_data.rejected] == [(1, "valence")]


@pytest.mark.parametrize("content", ["", "\n\n", "id,text\n", "id,text\n\n"])
def test_empty_or_header_only_source_fails_unless_allowed(tmp_path: Path, content: str) -> None:
    _write(tmp_path / "e.csv", content)
    _write(tmp_path / "ok.jsonl", json.dumps({"id": 1, "text": "hi"}) + "\n")
    ok = SourceConfig(name="ok", path="ok.jsonl")
    with pytest.raises(IngestError, match=r"e\.csv: no data rows.*allow_empty"):
        ingest(_cfg(ok, SourceConfig(name="e", path="e.csv")), root=tmp_path)
    result = ingest(_cfg(ok, SourceConfig(name="e", path="e.csv", allow_empty=True)),
                    root=tmp_path)
    assert len(result.clean) == 1
    assert any("e.csv: no data rows" in w for w in result.metrics["warnings"])


def test_empty_jsonl_fails(tmp_path: Path) -> None:
    _write(tmp_path / "e.jsonl", "\n")
    with pytest.raises(IngestError, match="no data rows"):
        ingest(_cfg(SourceConfig(name="e", path="e.jsonl")), root=tmp_path)


# ------------------------------------------------------------------ ids


def test_generated_ids_never_collide_with_given_ones(tmp_path: Path) -> None:
    lines = [{"id": "L3", "text": "given id"}, {"text": "no id on line two"},
             {"text": "no id on line three"}]
    _write(tmp_path / "ids.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    result = ingest(_cfg(SourceConfig(name="s", path="ids.jsonl")), root=tmp_path)
    assert result.rejected == []
    assert sorted(result.clean["id"]) == ["s:L3", "s@L2", "s@L3"]


def test_contact_user_ids_become_stable_salted_hashes(tmp_path: Path) -> None:
    lines = [{"id": 1, "user_id": "Jane@Example.com", "text": "a"},
             {"id": 2, "user_id": "jane@example.com", "text": "b"},
             {"id": 3, "user_id": "(415) 555-0100", "text": "c"},
             {"id": 4, "user_id": "+1 415 555 0100", "text": "d"},
             {"id": 5, "user_id": "u_42", "text": "e"}]
    _write(tmp_path / "u.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    result = ingest(_cfg(SourceConfig(name="s", path="u.jsonl")), root=tmp_path)
    users = result.clean.set_index("id")["user_id"]
    assert users["s:1"] == users["s:2"] != users["s:3"] == users["s:4"]
    assert users["s:5"] == "s:u_42"
    assert all("@" not in u and "555" not in u for u in users[["s:1", "s:3"]])
    assert users["s:1"].startswith("s:uid-")
    again = ingest(_cfg(SourceConfig(name="s", path="u.jsonl")), root=tmp_path)
    assert again.clean["user_id"].tolist() == result.clean["user_id"].tolist()
    assert result.metrics["pii_redacted"]["user_id"] == 4


def test_malformed_json_message_reads_once(tmp_path: Path) -> None:
    _write(tmp_path / "m.jsonl", '{"id": "b1", "text": "broken\n')
    result = ingest(_cfg(SourceConfig(name="m", path="m.jsonl")), root=tmp_path)
    [reject] = result.rejected
    assert "at at" not in reject.detail
    assert reject.detail == "malformed JSON: Unterminated string starting at column 22"


# ------------------------------------------------------------------ config errors


@pytest.mark.parametrize(("field", "value"), [("valence_range", (1, 1)),
                                              ("arousal_range", (5, 1)),
                                              ("valence_range", (0, float("inf")))])
def test_degenerate_or_reversed_ranges_are_config_errors(field: str, value: tuple) -> None:
    with pytest.raises(ValidationError, match="low < high"):
        SourceConfig(name="s", path="a.csv", **{field: value})


@pytest.mark.parametrize(("source", "key", "words"), [
    ({"name": "a", "path": "a.csv", "format": "xlsx"}, "ingest.sources[0].format", "'jsonl'"),
    ({"name": "a", "path": "a.xlsx"}, "ingest.sources[0]", "cannot infer a format"),
    ({"name": "a", "path": "a.csv", "valence_range": [1, 1]},
     "ingest.sources[0].valence_range", "low < high"),
    ({"name": "a", "path": "../../etc/passwd", "format": "tsv"}, "ingest.sources[0].path",
     "outside the repository"),
    ({"name": "a", "path": "/etc/passwd", "format": "tsv"}, "ingest.sources[0].path",
     "relative"),
    ({"name": "a", "path": "a.tsv", "header_row": False}, "ingest.sources[0]", "header"),
])
def test_config_errors_are_one_line_naming_the_key(tmp_path: Path, source: dict, key: str,
                                                   words: str) -> None:
    params = tmp_path / "params.yaml"
    params.write_text(json.dumps({"ingest": {"sources": [source]}}))
    with pytest.raises(ConfigError) as info:
        load_params(params)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{params}: {key}: ") and words in message


def test_duplicate_source_names_are_one_line(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text(json.dumps({"ingest": {"sources": [
        {"name": "a", "path": "a.csv"}, {"name": "a", "path": "b.csv"}]}}))
    with pytest.raises(ConfigError, match=r"^\S+: ingest\.sources: .*unique.*\['a'\]$"):
        load_params(params)


# ------------------------------------------------------------------ security


def test_symlink_out_of_the_repository_is_refused_without_reading_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = _write(outside / "secret.tsv", "root:x:0:0:root:/root:/bin/bash\n")
    repo = tmp_path / "repo"
    (repo / "data/raw").mkdir(parents=True)
    os.symlink(secret, repo / "data/raw/link.tsv")
    cfg = _cfg(SourceConfig(name="s", path="data/raw/link.tsv", header=["text"]))
    with pytest.raises(ConfigError) as info:
        ingest(cfg, root=repo)
    message = str(info.value)
    assert "ingest.sources[0]" in message and "outside the repository" in message
    assert "root:x" not in message


def test_missing_source_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"ingest\.sources\[0\] \(s\)\.path: file not found"):
        ingest(_cfg(SourceConfig(name="s", path="nope.jsonl")), root=tmp_path)


def test_every_source_must_be_a_dvc_dependency_of_ingest() -> None:
    deps = dvc_stage_deps(REPO)
    assert deps is not None and "data/raw" in deps
    inside = SourceConfig(name="a", path="data/raw/x.csv")
    outside = SourceConfig(name="b", path="README.md", format="tsv")
    assert uncovered_sources([inside, outside], deps) == [1]
    assert uncovered_sources([SourceConfig(name="c", path="data/rawer.csv")], deps) == [0]
    with pytest.raises(ConfigError, match=r"ingest\.sources\[0\] \(b\)\.path: 'README\.md' "
                                          r"is not under a dependency of the ingest stage"):
        check_sources(_cfg(outside), REPO, deps)
