"""The Elasticsearch client: from the Airflow provider's hook inside Airflow, else from settings.

Every module that talks to Elasticsearch takes a client as an argument; this is
the one place that builds one, and :func:`require` the one place that turns
"does not answer" into :class:`~ingest.errors.Unavailable`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from elastic_transport import TlsError, Transport
from elasticsearch import Elasticsearch

from ingest.errors import ConfigError, Unavailable, one_line
from ingest.settings import EsSettings, WebSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Where:
    """What to tell a person to fix, by the names they set: the settings or the Airflow connection."""

    credentials: str  # e.g. "INGEST_ES_USERNAME / INGEST_ES_PASSWORD"
    ca: str  # e.g. "INGEST_ES_CA_CERTS"
    user: str  # the user name the client sends ("" when none)
    indices: str  # the project's indices, for the health wait: "<prefix>articles*,<prefix>ingest-*"


# Requests that only read, whatever their HTTP method: a 403 on them is not "read-only".
_READS = re.compile(r"/_(search|msearch|count|mget|field_caps|analyze|validate|explain|pit|security/_authenticate)\b")


class CheckedTransport(Transport):
    """The transport, with the three refusals that retrying cannot fix said in one line naming
    the setting to change: credentials refused (401), a write refused (403), TLS refused."""

    where = Where("INGEST_ES_USERNAME / INGEST_ES_PASSWORD", "INGEST_ES_CA_CERTS", "", "")

    def perform_request(self, method: str, target: str, **kwargs: Any) -> Any:  # type: ignore[override]
        try:
            response = super().perform_request(method, target, **kwargs)
        except TlsError as exc:
            raise ConfigError(f"Elasticsearch at {self.url()} refused the TLS connection: {_tls_reason(exc)} "
                              f"(check {self.where.ca})", reason="es_tls") from None
        status = response.meta.status
        if status == 401:
            who = f"user {self.where.user!r}" if self.where.user else "no credentials"
            raise ConfigError(f"Elasticsearch at {self.url()} refused {who}: authentication failed "
                              f"(set {self.where.credentials})", reason="es_auth")
        if status == 403 and method not in ("GET", "HEAD") and not _READS.search(target):
            raise ConfigError(f"Elasticsearch user {self.where.user!r} is read-only: {_reason(response.body)} "
                              f"(set {self.where.credentials} to a user that may write the project's indices)",
                              reason="es_forbidden")
        return response

    def url(self) -> str:
        try:
            node = self.node_pool.all()[0].config
            return f"{node.scheme}://{node.host}:{node.port}"
        except Exception:  # pragma: no cover - a transport without nodes
            return "?"


def _reason(body: Any) -> str:
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return one_line(error.get("reason") or error.get("type") or error, 300)
    return one_line(body, 300)


def _tls_reason(exc: TlsError) -> str:
    text = str(exc)
    for known in ("certificate verify failed", "wrong version number", "hostname mismatch", "unknown ca"):
        if known in text.lower():
            detail = re.search(r"certificate verify failed: ([^(\]')]*)", text)
            return (f"certificate verify failed: {detail.group(1).strip()}" if detail else known)
    return one_line(text, 200)


def _index_patterns(prefix: str) -> str:
    return f"{prefix}articles*,{prefix}ingest-*"


def build(url: str, where: Where, *, username: str = "", password: str = "", api_key: str = "", ca_certs: str = "",
          verify_certs: bool = True, timeout: float = 30.0) -> Elasticsearch:
    """The one way a client is made: every refusal comes back as one line naming ``where``."""
    kwargs: dict[str, Any] = {"request_timeout": timeout, "transport_class": CheckedTransport}
    if api_key:
        kwargs["api_key"] = api_key
    elif username:
        kwargs["basic_auth"] = (username, password)
    if ca_certs:
        kwargs["ca_certs"] = ca_certs
    if not verify_certs:
        kwargs["verify_certs"] = False
    es = Elasticsearch(url, **kwargs)
    es.transport.where = where  # type: ignore[attr-defined]
    return es


def from_settings(cfg: EsSettings) -> Elasticsearch:
    where = Where("INGEST_ES_USERNAME / INGEST_ES_PASSWORD" + (" (or INGEST_ES_API_KEY)" if cfg.es_api_key else ""),
                  "INGEST_ES_CA_CERTS", cfg.es_username, _index_patterns(cfg.index_prefix))
    return build(cfg.es_url, where, username=cfg.es_username, password=cfg.es_password, api_key=cfg.es_api_key,
                 ca_certs=cfg.es_ca_certs, timeout=cfg.es_timeout)


def from_web_settings(cfg: EsSettings, web: WebSettings) -> Elasticsearch:
    """The workspace's (and Kibana's) reader: the web section's ``es_*``, each empty one falling back to the
    pipeline's (its user and password together); a refusal names the settings that were used."""
    if web.reads_as_pipeline():
        return from_settings(cfg)
    own_user = bool(web.es_username)
    where = Where("INGEST_WEB_ES_USERNAME / INGEST_WEB_ES_PASSWORD" if own_user else "INGEST_ES_USERNAME / INGEST_ES_PASSWORD",
                  "INGEST_WEB_ES_CA_CERTS" if web.es_ca_certs else "INGEST_ES_CA_CERTS",
                  web.es_username if own_user else cfg.es_username, _index_patterns(cfg.index_prefix))
    return build(web.es_url or cfg.es_url, where, username=web.es_username if own_user else cfg.es_username,
                 password=web.es_password if own_user else cfg.es_password, api_key="" if own_user else cfg.es_api_key,
                 ca_certs=web.es_ca_certs or cfg.es_ca_certs, timeout=cfg.es_timeout)


def from_airflow(cfg: EsSettings) -> Elasticsearch:
    """A client for the Airflow connection ``cfg.es_conn_id`` (read through the Elasticsearch provider).

    Host, port and schema (http/https) give the address; login and password the user; the
    extras ``ca_certs`` (the CA file), ``verify_certs`` and ``api_key`` the rest. The request
    timeout is ours.
    """
    try:
        from airflow.providers.elasticsearch.hooks.elasticsearch import ElasticsearchSQLHook
    except ImportError as exc:  # the library works without Airflow; the DAG does not
        raise ConfigError(f"es_from_airflow is set but the Elasticsearch provider is not installed: {exc}") from None
    name = cfg.es_conn_id
    try:
        conn = ElasticsearchSQLHook(elasticsearch_conn_id=name).connection
        extra = conn.extra_dejson
        url = f"{conn.schema or 'http'}://{conn.host or '127.0.0.1'}:{conn.port or 9200}"
    except Exception as exc:  # an undefined or malformed connection: the provider's own words
        raise ConfigError(f"Airflow connection {name!r}: {type(exc).__name__}: {one_line(exc, 200)}") from None
    where = Where(f"the login and password of the Airflow connection {name!r}",
                  f"the extra 'ca_certs' of the Airflow connection {name!r}", conn.login or "",
                  _index_patterns(cfg.index_prefix))
    verify = str(extra.get("verify_certs", True)).lower() not in ("false", "0", "no")
    return build(url, where, username=conn.login or "", password=conn.password or "",
                 api_key=str(extra.get("api_key") or ""), ca_certs=str(extra.get("ca_certs") or ""),
                 verify_certs=verify, timeout=cfg.es_timeout)


def client(cfg: EsSettings) -> Elasticsearch:
    """The client for these settings.

    Inside the DAG's tasks (``cfg.es_from_airflow``) the Airflow connection
    ``cfg.es_conn_id``; everywhere else the ``es_*`` settings. The choice is
    explicit: importing Airflow in a process must not redirect every other caller.
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
    """Fail with one line when Elasticsearch does not answer (refused credentials or TLS: a
    :class:`~ingest.errors.ConfigError` naming the setting; see :class:`CheckedTransport`)."""
    try:
        es.cluster.health()  # the test distribution serves no `GET /`
    except ConfigError:
        raise
    except Exception as exc:  # connection refused, timeout...
        raise Unavailable(f"Elasticsearch is not reachable at {describe(es)}: {type(exc).__name__}: {one_line(exc, 300)}") from None


def serving(es: Elasticsearch, indices: str) -> str:
    """Why ``indices`` cannot serve yet ("" when they can): every one of them yellow or better
    with its primaries active, and the cluster past recovery (a cluster still recovering its
    state reports red)."""
    health = es.options(ignore_status=(408,)).cluster.health(
        index=indices, level="indices", wait_for_status="yellow", timeout="1s", expand_wildcards="open")
    if health.get("status") not in ("yellow", "green"):
        return f"health {health.get('status')} ({health.get('unassigned_shards', 0)} shards unassigned)"
    down = [name for name, index in (health.get("indices") or {}).items() if not index.get("active_primary_shards")]
    return f"no active shards in {', '.join(sorted(down))}" if down else ""


class _Fold(logging.Filter):
    """Folds the transport's repeated warnings ("Node … has failed for N times in a row",
    "Retrying request …") while a wait says it in two lines of its own; counted."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = 0
        self.folded = 0
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        repeated = "times in a row" in text and bool(record.args) and record.args[1] > 1  # type: ignore[index]
        if repeated or (self.waiting and ("times in a row" in text or text.startswith("Retrying request"))):
            with self.lock:
                self.folded += 1
            return False
        return True


FOLD = _Fold()
for _name in ("elastic_transport.node_pool", "elastic_transport.transport"):
    if FOLD not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(FOLD)


def wait(es: Elasticsearch, seconds: float, poll: float = 1.0, indices: str | None = None) -> None:
    """:func:`require`, and the project's indices able to serve, trying again every ``poll``
    seconds for up to ``seconds``.

    A task that meets Elasticsearch down or recovering (a restart, a node failing over) goes
    on within a second of the indices it uses serving again (health yellow or better, primaries
    active; :func:`serving`) instead of failing on a 503 and waiting out the task's retry
    backoff. One line when the wait starts and one when it ends, the transport's repeated
    warnings folded away; past the deadline it raises :class:`Unavailable`.
    """
    indices = indices or getattr(es.transport, "where", CheckedTransport.where).indices
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    folded_before = FOLD.folded
    why, waited = "", False
    try:
        while True:
            try:
                require(es)
                why = serving(es, indices) if indices else ""
            except Unavailable as exc:
                why = str(exc)
            except ConfigError:
                raise
            except Exception as exc:  # the health request itself failing mid-recovery (a 503)
                why = f"{type(exc).__name__}: {one_line(exc, 200)}"
            if not why:
                if waited:
                    log.info("Elasticsearch serves %s again after %.1f s (%d transport warnings folded)",
                             indices, time.monotonic() - started, FOLD.folded - folded_before)
                return
            if time.monotonic() + poll > deadline:
                raise Unavailable(why if why.startswith("Elasticsearch") else
                                  f"Elasticsearch at {describe(es)} cannot serve {indices}: {why}")
            if not waited:
                waited = True
                with FOLD.lock:
                    FOLD.waiting += 1
                log.warning("Elasticsearch cannot serve yet (%s); waiting up to %.0f s", why, seconds)
            time.sleep(poll)
    finally:
        if waited:
            with FOLD.lock:
                FOLD.waiting -= 1


def error_reason(error: Any) -> str:
    """The reason in an Elasticsearch error body (with its cause), as one string."""
    if not isinstance(error, dict):
        return str(error)[:500]
    reason = error.get("reason") or error.get("type") or "unknown"
    cause = error.get("caused_by") or {}
    if cause.get("reason"):
        reason = f"{reason}: {cause['reason']}"
    return str(reason)[:1000]
