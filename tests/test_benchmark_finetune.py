"""The fine-tuning recipe benchmark (benchmarks/finetune.py) runs params.yaml's recipe as the
finetune stage runs it: precision "auto" is resolved for this CPU before it reaches
`finetune_encoder`, which takes only f32 or bf16 (an unresolved "auto" stopped the benchmark
at its first fine-tune)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmark_modules import load_benchmark

import perception.features.encoder.finetune as finetune
from perception.config import load_params

ROOT = Path(__file__).resolve().parents[1]
bench = load_benchmark("finetune")


@pytest.mark.parametrize(("hardware_bf16", "expected"), [(True, "bf16"), (False, "f32")])
def test_auto_precision_is_resolved_for_this_cpu(monkeypatch: pytest.MonkeyPatch,
                                                 hardware_bf16: bool, expected: str) -> None:
    monkeypatch.setattr(finetune, "native_bf16", lambda: hardware_bf16)
    ft = load_params(ROOT / "params.yaml").finetune.model_copy(update={"precision": "auto"})
    assert bench.base_settings(ft)["precision"] == expected


def test_every_named_setting_reaches_finetune_with_a_concrete_precision() -> None:
    base = bench.base_settings(load_params(ROOT / "params.yaml").finetune)
    for name, (_, change) in bench.RUNS.items():
        assert {**base, **change}["precision"] in ("f32", "bf16"), name
