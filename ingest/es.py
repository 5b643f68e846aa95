"""The Elasticsearch client: from the Airflow connection inside Airflow, else from settings.

Every module that talks to Elasticsearch takes a client as an argument; this is
the one place that builds one.
"""

from __future__ import annotations

import logging

from elasticsearch import Elasticsearch

from .config import Settings, settings as load_settings

log = logging.getLogger(__name__)


class ElasticsearchUnavailable(RuntimeError):
    """Raised with a one-line message when the server does not answer."""


def from_settings(cfg: Settings | None = None) -> Elasticsearch:
    cfg = cfg or load_settings()
    kwargs: dict[str, object] = {"request_timeout": cfg.es_timeout}
    if cfg.es_username:
        kwargs["basic_auth"] = (cfg.es_username, cfg.es_password)
    if cfg.es_ca_certs:
        kwargs["ca_certs"] = cfg.es_ca_certs
    return Elasticsearch(cfg.es_url, **kwargs)  # type: ignore[arg-type]


def from_airflow(conn_id: str, cfg: Settings | None = None) -> Elasticsearch | None:
    """A client built from an Airflow connection, or None when there is none.

    The connection's host, port, schema (http/https), login and password are
    used; outside Airflow, or when the connection is not defined, the caller
    falls back to the ``INGEST_ES_*`` settings.
    """
    try:
        from airflow.sdk import BaseHook  # Airflow 3 task SDK
    except Exception:  # pragma: no cover - Airflow is optional for the library
        return None
    try:
        conn = BaseHook.get_connection(conn_id)
    except Exception:
        return None
    cfg = cfg or load_settings()
    extra = conn.extra_dejson
    secure = str(extra.get("use_ssl", "")).lower() in {"1", "true"} or extra.get("scheme") == "https"
    scheme = "https" if secure else "http"
    url = f"{scheme}://{conn.host}:{conn.port or 9200}"
    kwargs: dict[str, object] = {"request_timeout": cfg.es_timeout}
    if conn.login:
        kwargs["basic_auth"] = (conn.login, conn.password or "")
    ca = extra.get("ca_certs")
    if ca:
        kwargs["ca_certs"] = ca
    return Elasticsearch(url, **kwargs)  # type: ignore[arg-type]


def client(cfg: Settings | None = None) -> Elasticsearch:
    """The client for these settings.

    Inside the DAG's tasks (``cfg.es_from_airflow``) the Airflow connection
    ``cfg.es_conn_id`` is used when it is defined; everywhere else, and as the
    fallback, the ``INGEST_ES_*`` settings. The choice is explicit: importing
    Airflow in a process must not redirect every other caller.
    """
    cfg = cfg or load_settings()
    if cfg.es_from_airflow:
        conn = from_airflow(cfg.es_conn_id, cfg)
        if conn is not None:
            return conn
    return from_settings(cfg)


def require(es: Elasticsearch, url_hint: str = "") -> None:
    """Fail with a one-line error when Elasticsearch does not answer."""
    try:
        es.cluster.health()  # the test distribution serves no `GET /`
    except Exception as exc:  # connection refused, timeout, auth...
        raise ElasticsearchUnavailable(
            f"Elasticsearch is not reachable{(' at ' + url_hint) if url_hint else ''}: {type(exc).__name__}: {exc}"
        ) from None
