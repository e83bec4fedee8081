"""`precision: auto` resolves on the machine: fine-tuning takes bf16 only where the CPU has
it in hardware (emulated bf16 made a fine-tune many times slower on AVX2), and the OpenVINO
encoders only where the CPU has it (OpenVINO refuses bf16 elsewhere)."""

from __future__ import annotations

import pytest

from perception.features.encoder import finetune, runtime


@pytest.mark.parametrize("native", [True, False])
def test_auto_takes_bf16_only_where_the_cpu_runs_it(monkeypatch: pytest.MonkeyPatch,
                                                    native: bool) -> None:
    monkeypatch.setattr(finetune, "native_bf16", lambda: native)
    assert finetune.training_precision("auto") == ("bf16" if native else "f32")
    # An explicit choice is taken as given, whatever the CPU.
    assert finetune.training_precision("f32") == "f32"
    assert finetune.training_precision("bf16") == "bf16"


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        finetune.training_precision("fp8")



@pytest.mark.parametrize("native", [True, False])
def test_encoders_resolve_auto_by_what_openvino_reports(monkeypatch: pytest.MonkeyPatch,
                                                        native: bool) -> None:
    monkeypatch.setattr(runtime, "bf16_supported", lambda: native)
    assert runtime.inference_precision("auto") == ("bf16" if native else "f32")
    assert runtime.inference_precision("f32") == "f32"
