"""Everything the workspace reads: one object holding the Elasticsearch client and the names it reads.

Searches go through :mod:`ingest.search` (the query builder the CLI and alerts
use too), a story's coverage through :mod:`ingest.coverage`. Nothing here
writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from elasticsearch import NotFoundError

from ingest import coverage
from ingest import search_pages as search

from ingest.models import FACET_FIELDS
from ingest.settings import StoreSettings
from ingest.store.es.elastic import Elastic


@dataclass(frozen=True)
class LastRun:
    run_id: str | None
    status: str | None  # success, partial, failed
    finished_at: str | None
    dead_letters: int

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "status": self.status, "finished_at": self.finished_at,
                "dead_letters": self.dead_letters}


class Backend:
    """The client and the index names of one workspace (``INGEST_INDEX_PREFIX`` respected), and where
    the raw archive is."""

    def __init__(self, es: Elastic, store: StoreSettings) -> None:
        self.es = es.client
        self.store = store
        self.articles = es.articles_alias
        self.runs = es.runs_index
        self.deadletter = es.deadletter_index

    # -- searches (ingest.search) --------------------------------------------------------------
    def page(self, text: str, filters: search.Filters, *, sort: str, page: int, size: int = 20) -> search.Page:
        return search.search_page(self.es, self.articles, text, filters, sort=sort, page=page, size=size)

    def export(self, text: str, filters: search.Filters, limit: int) -> Iterator[dict[str, Any]]:
        return search.export(self.es, self.articles, text, filters, limit=limit)

    def quotes(self, f: search.QuoteFilters, *, page: int = 1, size: int = 20) -> search.QuotePage:
        return search.search_quotes(self.es, self.articles, f, page=page, size=size)

    def entity(self, name: str, facet: str) -> search.EntityStats:
        return search.entity_stats(self.es, self.articles, name, facet)

    def entity_facet(self, name: str) -> str | None:
        """The facet (persons, organizations, locations) under which articles carry ``name``, or None."""
        resp = self.es.search(index=self.articles, size=0, track_total_hits=False, aggs={
            f: {"filter": {"term": {f: name}}} for f in FACET_FIELDS.values()})
        counts = {f: resp["aggregations"][f]["doc_count"] for f in FACET_FIELDS.values()}
        best = max(counts, key=lambda f: counts[f])
        return best if counts[best] else None

    # -- one article -----------------------------------------------------------------------
    def article(self, article_id: str) -> dict[str, Any] | None:
        resp = self.es.search(index=self.articles, size=1, query={"ids": {"values": [article_id]}},
                              source_excludes=["minhash", "minhash_bands", "title_ko", "body_ko", "title_ru", "body_ru",
                                               "title_nori", "body_nori"])
        hits = resp["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def coverage(self, doc: dict[str, Any]) -> coverage.Coverage:
        return coverage.coverage(self.es, self.articles, doc)

    def raw(self, key: str) -> bytes:
        from ingest.store import archive

        return archive.load(key, self.store)[0]

    # -- the status strip --------------------------------------------------------------------
    def status(self) -> LastRun:
        quiet = self.es.options(ignore_status=404)
        hits = quiet.search(index=self.runs, size=1, sort=[{"finished_at": {"order": "desc", "unmapped_type": "date"}}],
                            _source=["run_id", "status", "finished_at"]).get("hits", {}).get("hits", [])
        run = hits[0]["_source"] if hits else {}
        dead = quiet.count(index=self.deadletter).get("count", 0)
        return LastRun(run.get("run_id"), run.get("status"), run.get("finished_at"), int(dead or 0))

    def ping(self) -> None:
        self.es.cluster.health()


__all__ = ["Backend", "LastRun", "NotFoundError"]
