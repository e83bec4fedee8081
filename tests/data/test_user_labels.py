"""Issue 8: labels beyond the built-ins, declared per source, and a source's own split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError

from perception.config import IngestConfig, SourceConfig, SplitConfig
from perception.data.ingest import ingest, label_columns
from perception.data.split import make_splits

EMOBANK = (
    "id,split,V,A,D,text\n"
    "1,train,3.0,3.0,3.2,I am fine today.\n"
    "2,dev,4.2,3.6,3.0,What a wonderful surprise!\n"
    "3,test,1.8,3.9,2.5,This is the worst week.\n"
    "4,train,6.0,3.0,3.0,out of range valence\n"
    "5,holdout,3.0,3.0,3.0,an unknown split value\n"
    "6,test,2.5,2.5,,no dominance on this one\n"
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _emobank(tmp_path: Path) -> IngestConfig:
    _write(tmp_path / "emobank.csv", EMOBANK)
    source = SourceConfig.model_validate({
        "name": "emobank", "path": "emobank.csv", "lang": "en",
        "columns": {"valence": "V", "arousal": "A", "dominance": "D"},
        "valence_range": [1, 5], "arousal_range": [1, 5],
        "labels": {"dominance": {"range": [1, 5]}},
        "split": {"values": {"train": "train", "dev": "val", "test": "test"}},
    })
    return IngestConfig(sources=[source], max_reject_rate=1.0)


def test_declared_regression_label_is_kept_scaled_and_validated(tmp_path: Path) -> None:
    result = ingest(_emobank(tmp_path), root=tmp_path)
    clean = result.clean.set_index("id")
    assert "dominance" in clean.columns and label_columns(result.clean)[-1] == "dominance"
    assert clean.loc["emobank:1", "dominance"] == pytest.approx((3.2 - 1) / 4)
    assert pd.isna(clean.loc["emobank:6", "dominance"])   # absent for this row, not rejected
    assert clean.loc["emobank:2", "assigned_split"] == "val"
    reasons = {(r.line, r.reason, r.field) for r in result.rejected}
    assert reasons == {(5, "label_out_of_range", "valence"), (6, "unknown_split", "split")}
    rows = result.metrics["rows"]
    assert rows["in"] == rows["clean"] + rows["rejected"] + rows["duplicates_collapsed"] == 6
    assert result.metrics["labels"]["dominance"]["n"] == 3
    assert result.metrics["assigned_split"] == {"test": 2, "train": 1, "val": 1}


def test_binary_label_through_a_value_map(tmp_path: Path) -> None:
    _write(tmp_path / "stress.csv", "post_id,text,label\n1,deadline panic again,1\n"
                                    "2,quiet walk in the park,0\n3,what is this,maybe\n"
                                    "4,numbers as floats,1.0\n")
    source = SourceConfig.model_validate({
        "name": "stress", "path": "stress.csv", "columns": {"id": "post_id", "stress": "label"},
        "labels": {"stress": {"values": {"0": "calm", "1": "stressed"}}}})
    result = ingest(IngestConfig(sources=[source], max_reject_rate=1.0), root=tmp_path)
    clean = result.clean.set_index("id")
    assert clean["stress"].tolist() == ["stressed", "calm", "stressed"]
    [reject] = result.rejected
    assert (reject.line, reject.reason, reject.field) == (4, "unknown_label_value", "stress")
    assert "maybe" in reject.detail and "labels.stress.values" in reject.detail


def test_undeclared_extra_rating_column_is_named_not_silently_dropped(tmp_path: Path) -> None:
    _write(tmp_path / "vad.csv", "text,valence,D\nhello there,0.5,0.4\n")
    source = SourceConfig(name="vad", path="vad.csv")
    result = ingest(IngestConfig(sources=[source]), root=tmp_path)
    [warning] = result.warnings
    assert "'D'" in warning and "labels" in warning


@pytest.mark.parametrize("bad", [
    {"labels": {"dominance": {}}},                                   # neither range nor values
    {"labels": {"dominance": {"range": [5, 1]}}},                    # reversed range
    {"labels": {"valence": {"range": [1, 5]}}},                      # a built-in name
    {"columns": {"mood": "M"}},                                      # undeclared field
])
def test_bad_label_declarations_are_config_errors(bad: dict) -> None:
    with pytest.raises(ValidationError):
        SourceConfig.model_validate({"name": "s", "path": "s.csv", **bad})


def test_a_label_must_have_one_kind_across_sources() -> None:
    a = {"name": "a", "path": "a.csv", "labels": {"stress": {"range": [0, 1]}}}
    b = {"name": "b", "path": "b.csv", "labels": {"stress": {"values": {"1": "yes"}}}}
    with pytest.raises(ValidationError, match="number in source 'a' but a category"):
        IngestConfig.model_validate({"sources": [a, b]})


def test_missing_split_column_names_the_source(tmp_path: Path) -> None:
    from perception.data.ingest import IngestError

    _write(tmp_path / "s.csv", "text,valence\nhello,0.5\n")
    source = SourceConfig.model_validate({"name": "s", "path": "s.csv", "split": {}})
    with pytest.raises(IngestError, match=r"split column 'split'.*ingest.sources\[s\]"):
        ingest(IngestConfig(sources=[source]), root=tmp_path)


def _fixed_and_free(tmp_path: Path) -> pd.DataFrame:
    """A published split (with a test text that train repeats) beside a source without one."""
    lines = ["id,split,text,valence"]
    for i in range(60):
        split = "test" if i < 12 else ("val" if i < 24 else "train")
        lines.append(f"{i},{split},published sentence number {i} here,0.{i % 10}")
    lines.append("dup-train,train,published sentence number 3 here,0.3")   # exact copy of test
    lines.append("dup-val,val,Published sentence number 5 here!,0.35")     # near copy of test
    _write(tmp_path / "paper.csv", "\n".join(lines) + "\n")
    free = ["id,user_id,text,valence"] + [f"{i},u{i % 30},free text {i} of user {i % 30},0.5"
                                          for i in range(200)]
    _write(tmp_path / "free.csv", "\n".join(free) + "\n")
    paper = SourceConfig.model_validate({"name": "paper", "path": "paper.csv", "split": {}})
    cfg = IngestConfig(sources=[paper, SourceConfig(name="free", path="free.csv")])
    return ingest(cfg, root=tmp_path).clean


def test_a_source_split_is_kept_row_for_row(tmp_path: Path) -> None:
    clean = _fixed_and_free(tmp_path)
    # Exact duplicates in different published splits are not merged by ingest.
    assert {"paper:3", "paper:dup-train"} <= set(clean["id"])
    splits, metrics = make_splits(clean, SplitConfig(n_folds=3))
    merged = clean.merge(splits, on="id").set_index("id")
    published = merged[merged["source"] == "paper"]
    # Every published test row stays where the paper put it (scorable row for row).
    test = published[published["assigned_split"] == "test"]
    assert (test["split"] == "test").all() and len(test) == 12
    # The earlier-split copies of a test text are the ones dropped, and counted.
    for copy in ("paper:dup-train", "paper:dup-val"):
        assert merged.loc[copy, ["split", "note"]].tolist() == ["dropped", "published_overlap"]
    assert metrics["dropped"]["published_overlap"] == 2
    assert metrics["leakage"]["text_overlap"] == 0
    assert metrics["leakage"]["cross_split_duplicate_texts"] == 2
    assert metrics["source_split"] == {"train": 36, "val": 12, "test": 12}
    # The other source is assigned as usual, and folds cover train rows of both.
    free = merged[merged["source"] == "free"]
    assert set(free["split"]) == {"train", "val", "test"}
    assert (merged.loc[merged["split"] == "train", "fold"] >= 0).all()


def test_a_train_test_only_source_gets_val_carved_from_its_train(tmp_path: Path) -> None:
    lines = ["id,split,text,valence"] + [
        f"{i},{'test' if i % 5 == 0 else 'train'},sentence {i} of a train/test corpus,0.5"
        for i in range(200)]
    _write(tmp_path / "tt.csv", "\n".join(lines) + "\n")
    source = SourceConfig.model_validate({
        "name": "tt", "path": "tt.csv",
        "split": {"values": {"train": "train_val", "test": "test"}}})
    clean = ingest(IngestConfig(sources=[source]), root=tmp_path).clean
    splits, _ = make_splits(clean, SplitConfig(n_folds=3))
    merged = clean.merge(splits, on="id")
    published_test = merged["assigned_split"] == "test"
    assert (merged.loc[published_test, "split"] == "test").all()
    rest = merged.loc[~published_test, "split"].value_counts()
    assert set(rest.index) == {"train", "val"}
    assert 0.12 < rest["val"] / rest.sum() < 0.24   # 0.15 / 0.85 of the non-test rows


def test_a_corpus_shipped_as_train_and_test_files(tmp_path: Path) -> None:
    """Two files, one source each, the split given per file (Dreaddit-style)."""
    for part, n in (("train", 160), ("test", 40)):
        rows = ["id,text,label,confidence"] + [
            f"{part}{i},{part} post number {i} about deadlines,{i % 2},0.8" for i in range(n)]
        _write(tmp_path / f"{part}.csv", "\n".join(rows) + "\n")
    common = {"columns": {"stress": "label"},
              "labels": {"stress": {"values": {"0": "calm", "1": "stressed"}}}}
    sources = [SourceConfig.model_validate({"name": "dd_train", "path": "train.csv", **common,
                                            "split": {"all": "train_val"}}),
               SourceConfig.model_validate({"name": "dd_test", "path": "test.csv", **common,
                                            "split": {"all": "test"}})]
    clean = ingest(IngestConfig(sources=sources), root=tmp_path).clean
    splits, _ = make_splits(clean, SplitConfig(n_folds=3))
    merged = clean.merge(splits, on="id")
    assert (merged.loc[merged["source"] == "dd_test", "split"] == "test").sum() == 40
    assert set(merged.loc[merged["source"] == "dd_train", "split"]) == {"train", "val"}
    assert merged["stress"].value_counts().to_dict() == {"calm": 100, "stressed": 100}
