"""benchmarks/real_flags.py: how it reads a VADER file and what it reports per corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from benchmark_modules import load_benchmark

real_flags = load_benchmark("real_flags")


def test_reads_ids_and_texts_of_crlf_lines_with_tabs_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "corpus.txt"
    path.write_bytes(b"1\t2.5\tgreat phone\r\n2\t-1.0\tkiller battery\tlife\r\n\r\n")
    assert real_flags.read_corpus(path) == (["1", "2"], ["great phone", "killer battery\tlife"])


def test_summary_counts_rates_types_and_the_top_scores_by_id() -> None:
    scores = np.array([0.2, 0.95, 0.6, 0.1])
    flagged = scores >= 0.5
    got = real_flags.summarize(["a", "b", "c", "d"], scores, flagged,
                               ["none", "panic", "substance", "none"], top=2)
    assert (got["rows"], got["flagged"], got["flag_rate"]) == (4, 2, 0.5)
    assert (got["above_0.5"], got["above_0.9"]) == (0.5, 0.25)
    assert got["types_flagged"] == {"panic": 1, "substance": 1}
    assert got["top"] == [{"id": "b", "score": 0.95}, {"id": "c", "score": 0.6}]
