"""The task's own process pool: forked children, results in order, one process where it may not fork."""

from __future__ import annotations

import multiprocessing
import os

from ingest.enrich import pool


def _with_pid(run):
    return [(item, os.getpid()) for item in run]


def test_map_runs_forks_children_and_keeps_the_order():
    items = list(range(40))
    out = pool.map_runs(_with_pid, items, processes=3)
    assert [item for item, _ in out] == items
    pids = {pid for _, pid in out}
    assert os.getpid() in pids and len(pids) >= 2  # this process did the first run, workers the others
    assert pool.map_forked(abs, [-x for x in items], processes=2) == items
    workers = set(pool._pools[(os.getpid(), 2)]._processes)
    again = {pid for _, pid in pool.map_runs(_with_pid, items, processes=3)}
    assert (pids | again) - {os.getpid()} <= workers  # the same workers: the pool is kept, not forked again
    pool.shutdown()


def test_small_batches_and_one_process_stay_here():
    assert {pid for _, pid in pool.map_runs(_with_pid, list(range(40)), processes=1)} == {os.getpid()}
    few = list(range(pool.MIN_ITEMS_PER_PROCESS + 1))  # not enough for two processes
    assert {pid for _, pid in pool.map_runs(_with_pid, few, processes=2)} == {os.getpid()}


def test_worker_processes_auto_uses_the_cores_but_never_forks_from_a_daemon(monkeypatch):
    assert pool.worker_processes(3) == 3
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert pool.worker_processes(0) == 4
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert pool.worker_processes(0) == 2

    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    assert pool.worker_processes(0) == 1


def test_where_it_may_not_fork_everything_runs_here(monkeypatch, caplog):
    class Refusing(pool.ProcessPoolExecutor):
        def submit(self, *a, **k):
            raise AssertionError("daemonic processes are not allowed to have children")

    pool.shutdown()
    monkeypatch.setattr(pool, "ProcessPoolExecutor", Refusing)
    out = pool.map_runs(_with_pid, list(range(40)), processes=2)
    assert [i for i, _ in out] == list(range(40)) and {pid for _, pid in out} == {os.getpid()}
    assert "cannot start workers" in caplog.text


_PARENT: list[int] = []


def _dies_in_a_worker(run):
    if os.getpid() != _PARENT[0]:
        os._exit(3)  # killed, out of memory...
    return [x * 2 for x in run]


def test_a_worker_that_dies_has_its_run_done_here_and_the_pool_starts_again(caplog):
    pool.shutdown()
    _PARENT[:] = [os.getpid()]
    assert pool.map_runs(_dies_in_a_worker, list(range(30)), processes=2) == [x * 2 for x in range(30)]
    assert "worker process died" in caplog.text
    assert [i for i, _ in pool.map_runs(_with_pid, list(range(30)), processes=2)] == list(range(30))
    pool.shutdown()


def test_split_keeps_every_item_in_order_in_runs_of_similar_weight():
    weights = [10 * (i % 7) + 1 for i in range(40)]
    for n in (2, 3, 4):
        runs = pool.split(weights, n)
        assert len(runs) == n and runs[0][0] == 0 and runs[-1][1] == 40
        assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))
        sizes = [sum(weights[a:b]) for a, b in runs]
        assert max(sizes) < 1.5 * min(sizes)
    assert pool.split([5, 5], 2) == [(0, 1), (1, 2)]
    assert all(b > a for a, b in pool.split([1, 1000, 1, 1], 3))  # no empty run


def test_workers_end_with_the_process_that_owns_them(tmp_path):
    """A task process that exits without shutting its pool down (os._exit skips atexit) leaves no worker."""
    import subprocess
    import sys
    import time

    script = tmp_path / "task.py"
    script.write_text(
        "import os\n"
        "from ingest.enrich import pool\n"
        "pids = {p for _, p in pool.map_runs(__import__('tests.unit.enrich.test_pool', fromlist=['_with_pid'])._with_pid,"
        " list(range(40)), processes=2)}\n"
        "print(' '.join(str(p) for p in pids - {os.getpid()}), flush=True)\n"
        "os._exit(0)\n"
    )
    from tests import ROOT

    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    workers = [int(p) for p in done.stdout.split()]
    assert workers, done.stderr
    for _ in range(50):
        alive = [p for p in workers if os.path.exists(f"/proc/{p}") and "zombie" not in _state(p)]
        if not alive:
            break
        time.sleep(0.1)
    assert not alive


def _state(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/status").read().lower()
    except OSError:
        return "zombie"
