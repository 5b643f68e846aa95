"""Airflow glue of ingest.ops: fail fast, failed tasks, alerts (a real HTTP receiver on 127.0.0.1)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from ingest import ops, report
from ingest.errors import ConfigError, IndexingError, Rejected
from ingest.models import RunStatus
from ingest.results import DiscoverCounts, Discovered, Fetched, SetUp
from ingest.settings import Settings
from tests.unit.test_compose import Recorder  # the recording HTTP server (its fixture: conftest.py)


class FakeTI:
    def __init__(self, states: dict[str, str], errors: dict[tuple[str, int | None], str] | None = None) -> None:
        self.dag_id, self.run_id, self.pushed = "korea_russia_news", "run-1", {}
        self.states, self.errors = states, errors or {}
        self.task = SimpleNamespace(dag=SimpleNamespace(task_ids=["plan", "discover", "fetch_all", "report", "check"]))

    def get_task_states(self, dag_id: str, run_ids: list[str]) -> dict[str, dict[str, str]]:
        return {run_ids[0]: self.states}

    def xcom_push(self, key: str, value: Any) -> None:
        self.pushed[key] = value

    def xcom_pull(self, task_ids: str, key: str, map_indexes: int | None = None) -> Any:
        return self.errors.get((task_ids, map_indexes))


@pytest.fixture
def ti(monkeypatch: pytest.MonkeyPatch) -> FakeTI:
    fake = FakeTI({})
    import airflow.sdk

    monkeypatch.setattr(airflow.sdk, "get_current_context", lambda: {"ti": fake})
    return fake


def test_errors_retrying_cannot_fix_fail_the_task_at_once(ti: FakeTI) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    def typo() -> None:
        raise ConfigError("unknown source(s): yonhapp (known: yonhap)")

    with pytest.raises(AirflowFailException, match="ConfigError: unknown source"):
        ops.run_stage(typo)
    assert ti.pushed[ops.ERROR_KEY].startswith("ConfigError: unknown source(s): yonhapp")
    with pytest.raises(AirflowFailException):
        ops.run_stage(lambda: (_ for _ in ()).throw(Rejected("empty")))


def test_network_and_server_errors_are_raised_as_they_are_for_retries(ti: FakeTI) -> None:
    def es_down() -> None:
        raise IndexingError("indexing failed: ConnectionError")

    with pytest.raises(IndexingError):
        ops.run_stage(es_down)
    assert ti.pushed[ops.ERROR_KEY] == "IndexingError: indexing failed: ConnectionError"
    assert ops.run_stage(lambda x: x + 1, 1) == 2


def test_failed_tasks_names_mapped_instances_and_skips_the_reporting_tasks() -> None:
    ti = FakeTI({"plan": "success", "discover_3": "failed", "fetch_all_2": "upstream_failed",
                 "report": "failed", "check": "running"})
    assert ops.failed_tasks(ti, skip={"report", "check"}) == {"failed": ["discover[3]"], "upstream_failed": ["fetch_all[2]"]}
    ti.errors[("discover", 3)] = "IndexingError: es down"
    assert ops.errors_of(ti, ["discover[3]", "plan"]) == {
        "discover[3]": "IndexingError: es down", "plan": "failed (no error recorded: killed, timed out or lost)"}


def test_the_report_of_a_run_with_a_failed_stage_says_failed_and_why() -> None:
    ok = SetUp()
    done = report.build("run-1", [ok.to_dict(), None], failed_stages=["plan"],
                        errors={"plan": "ConfigError: unknown source(s): yonhapp"})
    assert done.status == RunStatus.FAILED and done.failed_stages == ["plan"]
    assert done.reasons["stage_failed"] == {"plan: ConfigError: unknown source(s): yonhapp": 1}
    text = report.summary_text(done)
    assert "failed stages: plan" in text and "unknown source(s): yonhapp" in text
    partial = Fetched(source="a")
    partial.counts.failed = 1
    assert report.build("run-2", [partial]).status == RunStatus.PARTIAL


def received(rec: Recorder) -> list[dict[str, Any]]:
    return [json.loads(r["body"]) for r in rec.requests if r["method"] == "POST"]


def test_a_failed_run_is_posted_to_the_configured_webhook(recorder: Recorder) -> None:
    context = {"ti": SimpleNamespace(dag_id="korea_russia_news", run_id="scheduled__x", task_id="check"),
               "run_id": "scheduled__x", "exception": "failed: plan; not run: discover"}
    sent = ops.alert(Settings(alert_webhook=recorder.url + "/hooks/ingest"), ops.failure_message(context))
    assert sent == ["webhook"] and recorder.requests[0]["path"] == "/hooks/ingest"
    assert received(recorder) == [{"text": "korea_russia_news: run scheduled__x failed", "dag_id": "korea_russia_news",
                                  "run_id": "scheduled__x", "task_id": "check", "status": "failed",
                                  "error": "failed: plan; not run: discover"}]


def test_an_unreachable_or_refusing_webhook_never_hides_the_run_failure() -> None:
    assert ops.alert(Settings(alert_webhook="http://127.0.0.1:9/hook"), {"text": "x"}) == []
    refusing = Recorder(status=500)
    try:
        assert ops.alert(Settings(alert_webhook=refusing.url), {"text": "x"}) == []
    finally:
        refusing.close()
    assert ops.alert(Settings(), {"text": "x"}) == []  # nothing configured: nothing sent


def test_alert_settings_are_validated() -> None:
    with pytest.raises(ConfigError, match="INGEST_ALERT_WEBHOOK"):
        Settings.from_env(alert_webhook="hooks.example/x")


def test_a_partial_run_ends_its_report_task_skipped_saying_what_failed():
    from airflow.sdk.exceptions import AirflowSkipException

    ops.mark_partial({"status": "success"})  # a clean run: nothing to say
    doc = report.build("r", [Discovered(source="dead", error="connection",
                                         counts=DiscoverCounts(failed=1))]).to_doc()
    with pytest.raises(AirflowSkipException, match=r"^partial: 1 source failed: dead \(connection\)"):
        ops.mark_partial(doc)


def test_a_failing_webhook_is_logged_without_its_url(fixture_server, caplog):
    secret = "hook-secret-5f1c"
    cfg = Settings(alert_webhook=fixture_server.url(f"/hooks/{secret}"))  # the fixture site takes no POST
    assert ops.alert(cfg, {"text": "run failed"}) == []
    assert "alert webhook failed: HTTP 501" in caplog.text and secret not in caplog.text
