"""Elasticsearch behind one object: the client and the project's index names, built once per task.

Every function of :mod:`ingest.store.es` (``indices``, ``articles``, ``state``, ``runs``), the search
(:mod:`ingest.search`) and the workspace take an :class:`Elastic` first, never a client and the
settings apart::

    from ingest.store.es.elastic import Elastic

    es = Elastic.connect(cfg.es)          # the pipeline's writer (the Airflow connection inside the DAG)
    es.wait()                             # Elasticsearch able to serve, up to es_wait_seconds
    es.client.search(index=es.articles_alias, ...)
    state.records(es, urls); articles.upsert_articles(es, batch)

``Elastic.reader(cfg.es, cfg.web)`` is the workspace's (and Kibana's) read-only client; ``Elastic(client,
cfg.es)`` wraps a client made elsewhere (tests). A new index (saved searches, say) takes its name
from :meth:`Elastic.index`, so ``INGEST_INDEX_PREFIX`` isolates it like the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from elasticsearch import Elasticsearch

from ingest.settings import EsSettings, WebSettings
from ingest.store.es import client as es_client


@dataclass(frozen=True)
class Elastic:
    """The client and the names of one task's Elasticsearch (``cfg.es``: index prefix, sizing, wait)."""

    client: Elasticsearch
    settings: EsSettings

    @classmethod
    def connect(cls, es: EsSettings) -> "Elastic":
        """The pipeline's client: the Airflow connection inside the DAG's tasks, else the ``es_*`` settings."""
        return cls(es_client.client(es), es)

    @classmethod
    def reader(cls, es: EsSettings, web: WebSettings) -> "Elastic":
        """The workspace's reader: ``INGEST_WEB_ES_*``, each empty one falling back to its ``INGEST_ES_*``."""
        return cls(es_client.from_web_settings(es, web), es)

    # -- the names, under INGEST_INDEX_PREFIX ---------------------------------------------------
    @property
    def index_prefix(self) -> str:
        return self.settings.index_prefix

    @property
    def articles_alias(self) -> str:
        return self.settings.articles_alias

    @property
    def articles_write_alias(self) -> str:
        return self.settings.articles_write_alias

    @property
    def runs_index(self) -> str:
        return self.settings.runs_index

    @property
    def deadletter_index(self) -> str:
        return self.settings.deadletter_index

    @property
    def state_index(self) -> str:
        return self.settings.state_index

    @property
    def watches_index(self) -> str:
        return self.index("ingest-watches")

    @property
    def alerts_index(self) -> str:
        return self.index("ingest-alerts")

    def index(self, base: str) -> str:
        """Any index, alias or template name of the project: ``base`` under the prefix."""
        return f"{self.settings.index_prefix}{base}"

    # -- reachability ------------------------------------------------------------------------
    def require(self) -> None:
        """One line (:class:`~ingest.errors.Unavailable` or a ConfigError) when Elasticsearch does not answer."""
        es_client.require(self.client)

    def wait(self, seconds: float | None = None) -> None:
        """Wait for the project's indices to serve: ``seconds``, else ``es_wait_seconds`` (see :func:`client.wait`)."""
        es_client.wait(self.client, self.settings.es_wait if seconds is None else seconds)

    def describe(self) -> str:
        """The node address, for messages."""
        return es_client.describe(self.client)


__all__ = ["Elastic"]
