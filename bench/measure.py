"""Wall time and peak memory of one benchmark step.

Memory is the peak resident set size (RSS) reached during the step minus the
RSS at its start, in MiB. The kernel's high-water mark (VmHWM) is reset at the
start of each step by writing ``5`` to ``/proc/self/clear_refs`` (Linux ≥ 4.0),
so each step gets its own peak even though they share a process. Where that is
not allowed, the fallback is the growth of ``ru_maxrss`` (only growth beyond
the process's earlier peak shows). tracemalloc is not used: it slows Python
allocation several-fold and would distort the throughput it sits next to.
"""

from __future__ import annotations

import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


def _status_kib(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


@dataclass
class Measured:
    seconds: float = 0.0
    peak_mib: float = 0.0  # peak RSS during the step minus RSS at its start
    method: str = ""

    def rate(self, n: int) -> float:
        return n / self.seconds if self.seconds > 0 else 0.0


@contextmanager
def measure() -> Iterator[Measured]:
    out = Measured()
    hwm = _reset_peak() and _status_kib("VmHWM") is not None
    start_kib = (_status_kib("VmRSS") if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) or 0
    t0 = time.perf_counter()
    try:
        yield out
    finally:
        out.seconds = time.perf_counter() - t0
        if hwm:
            end_kib = _status_kib("VmHWM") or start_kib
            out.method = "VmHWM-reset"
        else:
            end_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            out.method = "ru_maxrss-delta"
        out.peak_mib = round(max(0, end_kib - start_kib) / 1024, 1)


MEMORY_NOTE = (
    "peak MiB = peak RSS during the step minus RSS at its start "
    "(VmHWM reset through /proc/self/clear_refs; fallback ru_maxrss growth)"
)
