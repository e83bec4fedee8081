"""benchmarks/held_out.py: reading a held-out file, and what it reports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from benchmark_modules import load_benchmark

held_out = load_benchmark("held_out")


def _row(i: int, label: str, lang: str = "en", **extra: str) -> dict[str, str]:
    return {"id": f"t{i}", "label": label, "lang": lang, "form": "short", "text": f"text {i}",
            **extra}


def test_reports_recall_flags_and_ranking_by_id_never_by_text() -> None:
    rows = [_row(0, "self_harm"), _row(1, "panic", "hinglish"), _row(2, "self_harm"),
            _row(3, "none"), _row(4, "none", "hinglish", form="long"),
            _row(5, "none", kind="ordinary")]
    scores = np.array([0.9, 0.2, 0.8, 0.7, 0.1, 0.6])
    out = held_out.summarize(rows, scores, scores >= 0.5)
    assert out["counts"] == {"crisis": 3, "hard_negative": 2, "ordinary": 1}
    assert out["recall"] == pytest.approx(2 / 3)
    assert out["recall_by_lang"] == {"en": "2/2", "hinglish": "0/1"}
    assert out["recall_by_label"] == {"panic": "0/1", "self_harm": "2/2"}
    assert (out["hard_negatives_flagged"], out["ordinary_flagged"]) == (1, 1)
    assert out["hard_negatives_flagged_by"] == {"en/short": "1/1", "hinglish/long": "0/1"}
    assert out["ordinary_flagged_by"] == {"en/short": "1/1"}
    # Crisis 0.9, 0.2, 0.8 against hard negatives 0.7, 0.1: 5 of 6 pairs ranked right.
    assert out["ranking_auc"] == pytest.approx(5 / 6, abs=1e-6)
    # Short: crisis 0.9, 0.2, 0.8 against 0.7 (2 of 3); long: no crisis, so no figure.
    assert out["ranking_auc_by_form"] == {"short": pytest.approx(2 / 3, abs=1e-6)}
    assert out["missed"] == ["t1"] and out["false_flags"] == ["t3", "t5"]
    assert "text 1" not in str(out)


@pytest.mark.parametrize(("rows", "message"), [
    ("- {id: a, label: self_harm, lang: en, form: short}", "row 0: field 'text'"),
    ("- {id: a, label: sadness, lang: en, form: short, text: x}", "row 0: field 'label'"),
    ("- {id: a, label: none, lang: en, form: short, text: x}\n"
     "- {id: a, label: none, lang: en, form: short, text: y}", "row 1: field 'id' repeats"),
    ("- {id: a, label: none, lang: fr, form: short, text: x}", "row 0: field 'lang'"),
])
def test_a_bad_row_names_the_file_row_and_field(tmp_path: Path, rows: str, message: str
                                                 ) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        held_out.read_texts(path)
    assert str(path) in str(error.value)
