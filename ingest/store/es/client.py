"""The Elasticsearch client: from the Airflow provider's hook inside Airflow, else from settings.

Every module that talks to Elasticsearch takes a client as an argument; this is
the one place that builds one, and :func:`require` the one place that turns
"does not answer" into :class:`~ingest.errors.Unavailable`.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from elasticsearch import Elasticsearch

from ingest.errors import ConfigError, Unavailable, one_line
from ingest.settings import Settings

log = logging.getLogger(__name__)


def from_settings(cfg: Settings) -> Elasticsearch:
    kwargs: dict[str, object] = {"request_timeout": cfg.es_timeout}
    if cfg.es_username:
        kwargs["basic_auth"] = (cfg.es_username, cfg.es_password)
    if cfg.es_ca_certs:
        kwargs["ca_certs"] = cfg.es_ca_certs
    return Elasticsearch(cfg.es_url, **kwargs)  # type: ignore[arg-type]


def from_airflow(cfg: Settings) -> Elasticsearch:
    """The client of the Elasticsearch provider's hook on the connection ``cfg.es_conn_id``.

    The connection's host, port, schema (http/https), login, password and
    extras (``ca_certs``, ``verify_certs``…) are the provider's to read; the
    request timeout is ours.
    """
    try:
        from airflow.providers.elasticsearch.hooks.elasticsearch import ElasticsearchSQLHook
    except ImportError as exc:  # the library works without Airflow; the DAG does not
        raise ConfigError(f"es_from_airflow is set but the Elasticsearch provider is not installed: {exc}") from None
    try:
        hook = ElasticsearchSQLHook(elasticsearch_conn_id=cfg.es_conn_id)
        client = hook.get_conn().es
    except Exception as exc:  # an undefined or malformed connection: the provider's own words
        raise ConfigError(f"Airflow connection {cfg.es_conn_id!r}: {type(exc).__name__}: {one_line(exc, 200)}") from None
    return client.options(request_timeout=cfg.es_timeout)


def client(cfg: Settings) -> Elasticsearch:
    """The client for these settings.

    Inside the DAG's tasks (``cfg.es_from_airflow``) the Airflow connection
    ``cfg.es_conn_id`` through the provider's hook; everywhere else the
    ``es_*`` settings. The choice is explicit: importing Airflow in a process
    must not redirect every other caller.
    """
    return from_airflow(cfg) if cfg.es_from_airflow else from_settings(cfg)


def describe(es: Elasticsearch) -> str:
    """The node address a client talks to, for error messages."""
    try:
        node = es.transport.node_pool.all()[0]
        return f"{node.config.scheme}://{node.config.host}:{node.config.port}"
    except Exception:  # pragma: no cover - a client without nodes
        return "?"


def require(es: Elasticsearch) -> None:
    """Fail with one line when Elasticsearch does not answer."""
    try:
        es.cluster.health()  # the test distribution serves no `GET /`
    except Exception as exc:  # connection refused, timeout, auth...
        raise Unavailable(f"Elasticsearch is not reachable at {describe(es)}: {type(exc).__name__}: {one_line(exc, 300)}") from None


def wait(es: Elasticsearch, seconds: float, poll: float = 1.0) -> None:
    """:func:`require`, trying again every ``poll`` seconds for up to ``seconds``.

    A task that meets Elasticsearch down (a restart, a node failing over) goes
    on within a second of its return instead of failing and waiting out the
    task's retry backoff; past the deadline it raises :class:`Unavailable`.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            return require(es)
        except Unavailable:
            if time.monotonic() + poll > deadline:
                raise
            log.warning("Elasticsearch is not answering; trying again in %.0f s", poll)
            time.sleep(poll)


def error_reason(error: Any) -> str:
    """The reason in an Elasticsearch error body (with its cause), as one string."""
    if not isinstance(error, dict):
        return str(error)[:500]
    reason = error.get("reason") or error.get("type") or "unknown"
    cause = error.get("caused_by") or {}
    if cause.get("reason"):
        reason = f"{reason}: {cause['reason']}"
    return str(reason)[:1000]
