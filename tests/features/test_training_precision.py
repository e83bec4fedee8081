"""`precision: auto` resolves on the machine: fine-tuning takes bf16 only where the CPU has
it in hardware (emulated bf16 made a fine-tune many times slower on AVX2), and the OpenVINO
encoders only where the CPU has it (OpenVINO refuses bf16 elsewhere)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from perception.features.encoder import finetune, runtime


@pytest.mark.parametrize(("module", "probe", "resolve"), [
    (finetune, "native_bf16", finetune.training_precision),
    (runtime, "bf16_supported", runtime.inference_precision),
], ids=["training", "inference"])
@pytest.mark.parametrize("native", [True, False])
def test_auto_takes_bf16_only_where_the_cpu_runs_it(
        monkeypatch: pytest.MonkeyPatch, module: object, probe: str,
        resolve: Callable[[str], str], native: bool) -> None:
    monkeypatch.setattr(module, probe, lambda: native)
    assert resolve("auto") == ("bf16" if native else "f32")
    # An explicit choice is taken as given, whatever the CPU.
    assert resolve("f32") == "f32"
    assert resolve("bf16") == "bf16"


@pytest.mark.parametrize("native", [True, False])
def test_an_explicit_bf16_is_logged_only_where_it_would_be_emulated(
        monkeypatch: pytest.MonkeyPatch, native: bool) -> None:
    monkeypatch.setattr(finetune, "native_bf16", lambda: native)
    lines: list[str] = []
    finetune.training_precision("bf16", log=lines.append)
    finetune.training_precision("auto", log=lines.append)
    assert len(lines) == (0 if native else 1)
    assert all("finetune.precision" in line for line in lines)


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        finetune.training_precision("fp8")
