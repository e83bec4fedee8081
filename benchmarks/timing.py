"""Shared by the benchmark scripts (run as `python benchmarks/<name>.py`, so importable)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best_of(fn: Callable[[], T], repeats: int) -> tuple[float, T]:
    """The fastest of `repeats` runs in seconds (the least disturbed by other load), and the
    last run's result."""
    seconds = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return min(seconds), result
