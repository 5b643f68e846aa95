"""Work of one batch spread over processes that the task owns.

An Airflow or Celery task is one process, but it may start children where the
executor allows it (not from a daemonic worker). :func:`map_runs` cuts a batch
into runs of about equal weight: this process does the first while the pool's
workers do the others. The pool is forked on first use, after the models are
loaded, and serves every phase of the batch until the task stops it
(:func:`shutdown`); its workers share every model loaded before the fork. The function and
the items are sent to them (they must pickle: a module-level function, or a
``functools.partial`` of one), and only results come back. Where this process
may not fork, or a batch is too small to pay for sending it, everything runs
here; a worker that dies has its run done here and the pool is started again.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
# Below this many items for each process, sending them costs more than it saves.
MIN_ITEMS_PER_PROCESS = 6
_pools: dict[tuple[int, int], ProcessPoolExecutor] = {}  # (owner pid, workers) → the pool


def worker_processes(requested: int) -> int:
    """How many processes to use: ``requested``, or for 0 ("auto") every core, up to 4.

    A daemonic process (some executors' workers) may not start children, so
    auto mode stays in-process there.
    """
    if requested > 0:
        return requested
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def split(weights: Sequence[int], n: int) -> list[tuple[int, int]]:
    """``n`` consecutive index ranges (start, end) of about equal total weight, in order, none empty
    when there are at least ``n`` weights (pure)."""
    total = sum(weights) or 1
    bounds = [0]
    done = k = 0
    for i, w in enumerate(weights):
        # the run where the weight so far puts it, one further at most (no empty run), and an item left for each later run
        run = max(min(n - 1, done * n // total, k + 1), n - (len(weights) - i))
        if run > k:
            bounds.append(i)
            k = run
        done += w
    bounds.append(len(weights))
    return list(zip(bounds, bounds[1:]))


def _pool(workers: int) -> ProcessPoolExecutor:
    """This process's pool of ``workers`` forked workers, started on first use (a forked child of this
    process that uses a pool gets its own)."""
    key = (os.getpid(), workers)
    pool = _pools.get(key)
    if pool is None:
        pool = _pools[key] = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_exit_with_parent)
    return pool


def _exit_with_parent() -> None:
    """In a worker: end when the task process ends, even if it exits without shutting the pool down
    (``os._exit`` skips atexit); Linux only, elsewhere the pool's own shutdown has to do."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _drop(workers: int) -> None:
    pool = _pools.pop((os.getpid(), workers), None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def shutdown() -> None:
    """Stop this process's pools: at the end of each task that used one (``ingest.stages``), and at exit."""
    for (pid, workers), pool in list(_pools.items()):
        if pid == os.getpid():
            _pools.pop((pid, workers))
            pool.shutdown(cancel_futures=True)


def map_runs(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], processes: int = 1,
             weight: Callable[[T], int] = lambda _: 1) -> list[R]:
    """``fn(items)``, with ``items`` cut into up to ``processes`` runs (0 = :func:`worker_processes`), one
    per process; ``fn`` returns a result per item of the run it is given."""
    n = min(worker_processes(processes), len(items) // MIN_ITEMS_PER_PROCESS)
    if n <= 1:
        return fn(items)
    ranges = split([weight(item) for item in items], n)
    try:
        pool = _pool(n - 1)
        # A new pool's workers fork on its first submit. The objects that exist then are kept out of the
        # workers' garbage collection, whose passes write to every object's header and so would copy each
        # page of this process's memory (models, KB) into each worker; this process collects them again.
        gc.freeze()
        try:
            futures = [pool.submit(fn, items[start:end]) for start, end in ranges[1:]]
        finally:
            gc.unfreeze()
    except (AssertionError, OSError, RuntimeError) as exc:  # a daemonic process may not have children
        _drop(n - 1)
        log.warning("one process: cannot start workers (%s)", exc)
        return fn(items)
    start, end = ranges[0]
    out = fn(items[start:end])
    for (start, end), future in zip(ranges[1:], futures):
        try:
            out += future.result()
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory): its run is done here
            log.warning("a worker process died (%s); its %d items run in this process", exc, end - start)
            _drop(n - 1)
            out += fn(items[start:end])
    return out


def map_forked(fn: Callable[[T], R], items: Sequence[T], processes: int = 1,
               weight: Callable[[T], int] = lambda _: 1) -> list[R]:
    """``[fn(item) for item in items]``, spread like :func:`map_runs` (``fn`` must pickle)."""
    return map_runs(_Each(fn), items, processes, weight)


class _Each:
    """``fn`` over each item of a run (a class, not a closure, so that it pickles)."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn

    def __call__(self, run: Sequence) -> list:
        return [self.fn(item) for item in run]
