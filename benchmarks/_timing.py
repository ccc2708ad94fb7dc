"""Shared by the benchmark scripts: medians of repeated runs, and a line naming the machine."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable


def median(action: Callable[[], object], runs: int = 7) -> float:
    """Median wall time of ``runs`` calls, after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    return f"máy: {platform.machine()}, {os.cpu_count()} lõi, Python {platform.python_version()}, {platform.platform()}"
