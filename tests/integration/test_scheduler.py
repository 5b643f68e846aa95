"""The DAG under a real Airflow scheduler (not `dags test`): scheduler, DAG processor and API server,
LocalExecutor on SQLite in a temporary AIRFLOW_HOME, against the fixture site and the real Elasticsearch.

One scheduled run ingests its own data interval; a run with nothing new schedules no
clean/enrich/index work and is quick; a misspelt source fails in seconds, without retries,
ends the run failed, says why in its report and alerts the configured webhook.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from tests import ROOT
from tests.e2e import write_sources
from tests.fixtureserver import FixtureServer
from tests.unit.ops.test_ops import received
from tests.unit.test_compose import Recorder

AIRFLOW = Path(sys.executable).parent / "airflow"
DAG_ID = "korea_russia_news"
pytestmark = pytest.mark.timeout(420)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Airflow:
    """Scheduler, DAG processor and API server of one temporary AIRFLOW_HOME."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.home, self.env, self.procs = home, env, []
        self.db = home / "airflow.db"

    def cli(self, *args: str) -> str:
        done = subprocess.run([str(AIRFLOW), *args], env=self.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"airflow {' '.join(args)}: {done.stderr[-3000:]}"
        return done.stdout

    def start(self) -> None:
        self.cli("db", "migrate")
        self.cli("pools", "set", "news_fetch", "4", "fetching")
        for component in ("api-server", "scheduler", "dag-processor"):
            args = [component] + (["--port", self.env["API_PORT"]] if component == "api-server" else [])
            log = open(self.home / f"{component}.log", "wb")
            self.procs.append(subprocess.Popen([str(AIRFLOW), *args], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                               start_new_session=True))

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    def query(self, sql: str, *args: Any) -> list[tuple]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(sql, args).fetchall()

    def wait_for(self, what: str, check, timeout: float = 180) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = check()
            except sqlite3.OperationalError:  # tables not there yet, or locked for a moment
                value = None
            if value:
                return value
            for proc in self.procs:
                assert proc.poll() is None, f"{proc.args[1]} died: see {self.home}"
            time.sleep(0.5)
        raise AssertionError(f"timed out waiting for {what} (logs in {self.home})")

    def finished_run(self, run_id: str, timeout: float = 180) -> tuple[str, float]:
        """(state, seconds from start to end) of a run, once it has finished."""
        row = self.wait_for(f"run {run_id}", lambda: self.query(
            "select state, start_date, end_date from dag_run where run_id = ? and state in ('success', 'failed')",
            run_id), timeout)[0]
        return row[0], (datetime.fromisoformat(row[2]) - datetime.fromisoformat(row[1])).total_seconds()

    def tasks(self, run_id: str) -> dict[tuple[str, int], tuple[str, int]]:
        rows = self.query("select task_id, map_index, state, try_number from task_instance where run_id = ?", run_id)
        return {(t, m): (s, n) for t, m, s, n in rows}

    def trigger(self, conf: dict[str, Any] | None = None) -> str:
        run_id = f"manual__{time.time_ns()}"
        self.cli("dags", "trigger", DAG_ID, "--run-id", run_id, "--conf", json.dumps(conf or {}))
        return run_id


@pytest.fixture(scope="module")
def stack(es, tmp_path_factory) -> Iterator[tuple[Airflow, FixtureServer, Recorder, Any]]:
    from ingest.settings import Settings

    home = tmp_path_factory.mktemp("airflow-home")
    server = FixtureServer().start()
    receiver = Recorder()
    sources = write_sources(server, home)
    prefix = f"sched{time.time_ns() % 10**8}-"
    es_url = os.environ.get("INGEST_ES_URL", "http://127.0.0.1:9200")
    port = str(_free_port())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "INGEST_"))}
    env.update({
        "AIRFLOW_HOME": str(home), "API_PORT": port, "PYTHONPATH": str(ROOT),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor", "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__API__PORT": port, "AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5", "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "True",
        "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": "elasticsearch://" + es_url.split("://", 1)[1],
        "INGEST_ES_URL": es_url, "INGEST_INDEX_PREFIX": prefix, "INGEST_DATA_DIR": str(home / "data"),
        "INGEST_SOURCES_FILE": str(sources), "INGEST_SCHEDULE": "@daily", "INGEST_HOST_DELAY": "0",
        "INGEST_FETCH_RETRIES": "1", "INGEST_FETCH_BACKOFF": "0.05", "INGEST_ALLOW_PRIVATE_HOSTS": "1",
        "INGEST_ALERT_WEBHOOK": receiver.url + "/hooks/ingest",
    })
    # Preloaded in the scheduler, inherited by the LocalExecutor's forked task processes (docs/scale-out.md).
    (home / "config").mkdir()
    (home / "config" / "airflow_local_settings.py").write_text((ROOT / "docker" / "airflow" / "airflow_local_settings.py").read_text())
    airflow = Airflow(home, env)
    airflow.start()
    # Unpaused once the API server answers (tasks report to it) and the DAG is parsed.
    airflow.wait_for("the API server", lambda: _answers(f"http://127.0.0.1:{port}/api/v2/monitor/health"), 120)
    airflow.wait_for("the parsed DAG", lambda: airflow.query("select 1 from dag where dag_id = ?", DAG_ID), 120)
    airflow.cli("dags", "unpause", DAG_ID)
    cfg = Settings(es_url=es_url, index_prefix=prefix)
    try:
        yield airflow, server, receiver, cfg
    finally:
        airflow.stop()
        server.stop()
        receiver.close()
        es.indices.delete(index=f"{prefix}*", ignore_unavailable=True, allow_no_indices=True)
        quiet = es.options(ignore_status=404)
        for t in quiet.indices.get_index_template(name=f"{prefix}*").get("index_templates") or []:
            quiet.indices.delete_index_template(name=t["name"])


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _report(es, cfg, run_id: str) -> dict[str, Any]:
    es.indices.refresh(index=cfg.runs_index)
    return es.get(index=cfg.runs_index, id=run_id)["_source"]


def test_the_scheduled_run_ingests_its_own_data_interval(stack, es) -> None:
    airflow, server, _, cfg = stack
    # Unpaused with catchup off: the scheduler starts the latest complete day.
    row = airflow.wait_for("the scheduled run", lambda: airflow.query(
        "select run_id, data_interval_start, data_interval_end from dag_run where run_type = 'scheduled'"), 120)[0]
    run_id, start, end = row
    state, seconds = airflow.finished_run(run_id, 300)
    assert state == "success", airflow.tasks(run_id)
    assert (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() == 24 * 3600
    # GDELT was asked for exactly that interval, not "the last 24 hours from now"
    gdelt = [r.path for r in server.requests if r.path.startswith("/gdelt/doc")]
    stamp = datetime.fromisoformat(start).strftime("%Y%m%d%H%M%S")
    assert gdelt and all(f"startdatetime={stamp}" in p for p in gdelt), gdelt
    report = _report(es, cfg, run_id)
    assert report["status"] == "partial" and report["counts"]["indexed"] > 0  # dead-host and html-not-feed fail
    labels = {r[0] for r in airflow.query(
        "select rendered_map_index from task_instance where run_id = ? and task_id = 'fetch'", run_id)}
    assert {"fixture-yonhap", "fixture-gdelt"} <= labels  # mapped instances named by source
    assert "dead-host" not in labels  # nothing to fetch there: no task


def test_a_run_with_nothing_new_schedules_no_empty_work(stack, es) -> None:
    airflow, _, _, cfg = stack
    run_id = airflow.trigger()
    state, seconds = airflow.finished_run(run_id)
    assert state == "success"
    tasks = airflow.tasks(run_id)
    assert not [k for k in tasks if k[0] in ("clean", "enrich", "index") and k[1] >= 0], tasks
    # Its wall time is printed, not asserted: measured here (2 shared cores, SQLite) 13 s for
    # 7 task instances (0.5 s of it work) when the machine is quiet, 21 s under other load.
    print(f"empty run under the scheduler: {seconds:.1f} s, {len(tasks)} task instances")
    report = _report(es, cfg, run_id)
    assert report["counts"]["fetched"] == report["counts"]["indexed"] == 0


def test_a_config_typo_fails_in_seconds_and_the_run_says_why(stack, es) -> None:
    airflow, _, receiver, cfg = stack
    run_id = airflow.trigger({"sources": ["fixture-yonhapp"]})
    state, seconds = airflow.finished_run(run_id)
    assert state == "failed"
    tasks = airflow.tasks(run_id)
    assert tasks[("discover", -1)] == ("failed", 1)  # one try: no retries, no backoff
    assert tasks[("report", -1)] == ("failed", 1)  # the report is written, then the run fails
    assert seconds < 30, f"a config typo held the schedule for {seconds:.1f} s"
    report = _report(es, cfg, run_id)
    assert report["status"] == "failed" and report["failed_stages"] == ["discover"]
    assert any("unknown source(s): 'fixture-yonhapp'" in r for r in report["reasons"]["stage_failed"])
    alert = airflow.wait_for("the webhook alert", lambda: [a for a in received(receiver) if a["run_id"] == run_id], 30)[0]
    assert alert["status"] == "failed" and "failed: discover" in alert["error"]
    # `ingest report` shows the same status
    env = {**airflow.env, "INGEST_ES_URL": cfg.es_url}
    shown = subprocess.run([sys.executable, "-m", "ingest.cli", "report"], env=env, capture_output=True, text=True)
    assert shown.stdout.splitlines()[0].startswith(f"run {run_id}: failed"), shown.stdout + shown.stderr
    assert "failed stages: discover" in shown.stdout
