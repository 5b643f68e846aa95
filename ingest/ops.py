"""What the DAG needs from Airflow besides the stages: fail fast, the run's failed tasks, alerts.

* :func:`run_stage` calls one stage function; an error that retrying cannot fix
  (:class:`~ingest.errors.ConfigError`, :class:`~ingest.errors.Rejected`) ends
  the task at once with Airflow's ``AirflowFailException``; every other error is
  raised as it is, and Airflow retries it with backoff.
* :func:`failed_tasks` reads the states of this run's task instances through
  the Task SDK (``RuntimeTaskInstance.get_task_states``): the report names them,
  the final check fails the run on them.
* :func:`alert` tells an operator that a run failed: a JSON POST to
  ``INGEST_ALERT_WEBHOOK`` and/or an e-mail to ``INGEST_ALERT_EMAIL`` through
  Airflow's SMTP connection ``smtp_default``.

Airflow is imported inside the functions, so ``ingest`` keeps working without it.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable, TypeVar

import httpx

from ingest.errors import ConfigError, IngestError, Rejected, one_line
from ingest.settings import AirflowSettings

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Errors that come back unchanged however often the task is retried.
PERMANENT: tuple[type[IngestError], ...] = (ConfigError, Rejected)
ERROR_KEY = "error"
#: Task instance states that mean "this task did not do its work".
FAILED_STATES = frozenset({"failed", "upstream_failed"})


def run_stage(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` inside a task; a permanent error fails the task without retries.

    Any error is also left as the task's XCom ``error`` (one line), for the run report.
    """
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        from airflow.sdk import get_current_context
        from airflow.sdk.exceptions import AirflowFailException

        message = f"{type(exc).__name__}: {one_line(exc, 240)}"
        get_current_context()["ti"].xcom_push(key=ERROR_KEY, value=message)
        if isinstance(exc, PERMANENT):
            raise AirflowFailException(message) from None
        raise


def failed_tasks(ti: Any, skip: Iterable[str] = ()) -> dict[str, list[str]]:
    """This run's task instances that failed (``failed``) or never ran because of it (``upstream_failed``).

    Mapped instances are named ``task[index]``. ``ti`` is the running task instance.
    """
    states = ti.get_task_states(dag_id=ti.dag_id, run_ids=[ti.run_id]).get(ti.run_id, {})
    out: dict[str, list[str]] = {"failed": [], "upstream_failed": []}
    skipped = set(skip)
    for key, state in sorted(states.items()):
        name = key
        base, _, index = key.rpartition("_")
        if base and index.isdigit() and base in ti.task.dag.task_ids:
            name = f"{base}[{index}]"
        if str(state) in FAILED_STATES and name.split("[")[0] not in skipped:
            out[str(state)].append(name)
    return out


def errors_of(ti: Any, names: Iterable[str]) -> dict[str, str]:
    """The one-line error each of these failed tasks (``task`` or ``task[i]``) left behind."""
    out = {}
    for name in names:
        task_id, _, index = name.rstrip("]").partition("[")
        value = ti.xcom_pull(task_ids=task_id, key=ERROR_KEY, map_indexes=int(index) if index else None)
        if isinstance(value, list):  # pulled from a mapped task as a whole
            value = next((v for v in value if v), None)
        out[name] = str(value) if value else "failed (no error recorded: killed, timed out or lost)"
    return out


def fail_run(failed: dict[str, list[str]]) -> None:
    """Fail the running task (without retries) when :func:`failed_tasks` found any: the run ends failed."""
    if failed["failed"] or failed["upstream_failed"]:
        from airflow.sdk.exceptions import AirflowFailException

        raise AirflowFailException(
            f"failed: {', '.join(failed['failed']) or '-'}; not run: {', '.join(failed['upstream_failed']) or '-'}")


def mark_partial(doc: dict[str, Any]) -> None:
    """End the report task as *skipped* when the run was partial, with one line saying what failed:
    the run stays a success (it went on), and the grid shows the partial run apart from the clean ones."""
    if doc.get("status") == "partial":
        from airflow.sdk.exceptions import AirflowSkipException

        from ingest.report import partial_note

        raise AirflowSkipException(partial_note(doc))


def alert(cfg: AirflowSettings, message: dict[str, Any]) -> list[str]:
    """Send ``message`` to every configured channel; returns the channels reached (never raises)."""
    sent: list[str] = []
    if cfg.alert_webhook:
        try:
            httpx.post(cfg.alert_webhook, json=message, timeout=10.0).raise_for_status()
            sent.append("webhook")
        except httpx.HTTPError as exc:  # never the URL itself: its path may carry the hook's secret
            why = f"HTTP {exc.response.status_code}" if isinstance(exc, httpx.HTTPStatusError) else type(exc).__name__
            log.warning("alert webhook failed: %s", why)
    if cfg.alert_email:
        try:
            _email(cfg, message)
            sent.append("email")
        except Exception as exc:  # SMTP connection missing or refusing: the run's own failure stands
            log.warning("alert e-mail failed: %s: %s", type(exc).__name__, one_line(exc, 200))
    return sent


def _email(cfg: AirflowSettings, message: dict[str, Any]) -> None:
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    to = [a.strip() for a in cfg.alert_email.split(",") if a.strip()]
    body = "<pre>" + "\n".join(f"{k}: {v}" for k, v in message.items()).replace("<", "&lt;") + "</pre>"
    with SmtpHook(smtp_conn_id="smtp_default") as hook:
        hook.send_email_smtp(to=to, subject=message.get("text", "ingestion run failed"), html_content=body)


def airflow_mailer(conn_id: str = "smtp_default") -> Any:
    """The saved searches' mailer from Airflow's SMTP connection (None when it is not defined: e-mail
    deliveries then fail, are counted, and are retried by the next run)."""
    from ingest.alerts.deliver import SmtpMailer

    try:
        from airflow.sdk import BaseHook

        conn = BaseHook.get_connection(conn_id)
    except Exception:  # no such connection
        return None
    extra = conn.extra_dejson or {}
    return SmtpMailer(host=conn.host or "localhost", port=int(conn.port or 25), user=conn.login or "",
                      password=conn.password or "", sender=extra.get("from_email") or "ingest@localhost",
                      starttls=not extra.get("disable_tls", False),  # Airflow's default: STARTTLS
                      timeout=float(extra.get("timeout") or 10))


def failure_message(context: dict[str, Any]) -> dict[str, Any]:
    """The alert for a failed run, from an Airflow failure callback's context."""
    ti = context.get("ti") or context.get("task_instance")
    run_id = context.get("run_id") or getattr(ti, "run_id", "?")
    dag_id = getattr(ti, "dag_id", None) or "?"
    error = one_line(context.get("exception") or "", 1000)
    return {
        "text": f"{dag_id}: run {run_id} failed",
        "dag_id": dag_id,
        "run_id": run_id,
        "task_id": getattr(ti, "task_id", None),
        "status": "failed",
        "error": error,
    }


__all__ = ["PERMANENT", "ERROR_KEY", "run_stage", "failed_tasks", "errors_of", "fail_run", "alert", "airflow_mailer",
           "failure_message"]
