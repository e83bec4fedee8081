"""The run log of the stages that time themselves (finetune, featurize, bundle)."""

from __future__ import annotations

from pathlib import Path


def log_run(log: Path, run: dict[str, object]) -> None:
    """Seconds and cache hits vary from run to run, so they go to a log, not to DVC outputs;
    so does the CPU, whose bf16 kernels decide the exact floats a stage wrote."""
    from perception import tracking

    tracking.append_run_log(log, {**run, "cpu": tracking.cpu_facts()})
