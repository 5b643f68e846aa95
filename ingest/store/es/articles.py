"""Articles in the index: bulk upserts by id, stored documents, dead letters, counts.

:func:`upsert_articles` writes articles by id in bulk. An article whose stored
document is the same (ignoring times) is not rewritten; a changed one is
replaced and its previous content hash kept; a document Elasticsearch refuses
goes to the dead-letter index with the reason, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from elasticsearch import helpers
from elasticsearch import ApiError, NotFoundError, TransportError

from ingest.models import ANALYSED_FIELDS, Article, Counts, parse_time, utcnow
from ingest.errors import IndexingError
from ingest.store.es.client import error_reason
from ingest.store.es.elastic import Elastic

log = logging.getLogger(__name__)

# Fields that change on every fetch without the article changing.
VOLATILE_FIELDS = {"fetched_at", "first_seen_at", "indexed_at", "date", "date_source", "previous_content_hashes", "doc_hash"}
DERIVED_FIELDS = set(ANALYSED_FIELDS)
# What an upsert reads of a stored document: the fields it carries over, and the
# hash that says whether anything else changed (not the whole, large document).
PLAN_FIELDS = ["doc_hash", "first_seen_at", "source", "content_hash", "previous_content_hashes"]
CHUNK = 250  # documents per bulk request



@dataclass
class UpsertResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"id", "reason"}

    def counts(self) -> Counts:
        return Counts(indexed=len(self.created), updated=len(self.updated),
                      unchanged=len(self.unchanged), failed=len(self.failed))


def _comparable(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in VOLATILE_FIELDS}


def doc_hash(doc: dict[str, Any]) -> str:
    """A hash of what makes a stored document different: times, hash history and what is
    derived from title and body (``Article.analysed_fields``; a change in how they are derived
    comes with a new ``pipeline_version``, which is hashed) left out."""
    kept = {k: v for k, v in _comparable(doc).items() if k not in DERIVED_FIELDS}
    canonical = json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()


def existing_docs(es: Elastic, ids: Sequence[str], fields: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """The stored documents for these ids, or only ``fields`` of them (missing ids are absent from the result)."""
    if not ids:
        return {}
    found: dict[str, dict[str, Any]] = {}
    extra = {"source_includes": list(fields)} if fields else {}
    for start in range(0, len(ids), 500):
        try:
            resp = es.client.mget(index=es.articles_alias, ids=list(ids[start : start + 500]), **extra)
        except NotFoundError:  # no index behind the alias yet
            return {}
        for d in resp["docs"]:
            if d.get("found"):
                found[d["_id"]] = d["_source"]
    return found


def near_duplicates(es: Elastic, bands: list[str], exclude_id: str) -> list[tuple[str, str]]:
    """Stored (cluster id, encoded signature) pairs sharing a band key with ``bands`` (``ingest.dedup``)."""
    if not bands or not es.client.indices.exists_alias(name=es.articles_alias):
        return []
    resp = es.client.search(
        index=es.articles_alias,
        query={"bool": {"filter": [{"terms": {"minhash_bands": bands}}], "must_not": [{"ids": {"values": [exclude_id]}}]}},
        source=["cluster_id", "minhash"],
        size=20,
    )
    return [(h["_source"]["cluster_id"], h["_source"]["minhash"]) for h in resp["hits"]["hits"]
            if h["_source"].get("minhash") and h["_source"].get("cluster_id")]


def plan_upserts(
    articles: Sequence[Article], existing: dict[str, dict[str, Any]], now: datetime | None = None
) -> tuple[list[tuple[str, dict[str, Any], bool]], list[str]]:
    """Decide, without I/O, which documents to write: ((id, doc, is_update)...), unchanged ids."""
    now = now or utcnow()
    writes: list[tuple[str, dict[str, Any], bool]] = []
    unchanged: list[str] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:  # the same article twice in one batch: first wins
            continue
        seen.add(article.id)
        old = existing.get(article.id)
        if old:
            # An article keeps the time it was first seen, and its hash history.
            article.first_seen_at = parse_time(old.get("first_seen_at")) or article.first_seen_at
            # the source that found it first keeps the credit (another feed or a
            # search API listing the same URL is not a change)
            article.source = old.get("source") or article.source
            history = list(old.get("previous_content_hashes") or [])
            if old.get("content_hash") and old["content_hash"] != article.content_hash:
                history.append(old["content_hash"])
            article.previous_content_hashes = list(dict.fromkeys(history))
        doc = article.to_doc(analysed=False)  # derived fields (Korean analysis) only for what is written
        doc["doc_hash"] = doc_hash(doc)
        if old and old.get("doc_hash") == doc["doc_hash"]:  # a document stored without one is rewritten once
            unchanged.append(article.id)
            continue
        doc.update(article.analysed_fields())
        doc["indexed_at"] = now.isoformat()
        writes.append((article.id, doc, bool(old)))
    return writes, unchanged


def upsert_articles(
    es: Elastic,
    articles: Sequence[Article],
    *,
    run_id: str | None = None,
    refresh: bool | str = False,
) -> UpsertResult:
    """Write articles by id in bulk: new ones created, changed ones replaced, unchanged ones left alone."""
    result = UpsertResult()
    if not articles:
        return result
    try:
        existing = existing_docs(es, [a.id for a in articles], PLAN_FIELDS)
        writes, result.unchanged = plan_upserts(articles, existing)
        if not writes:
            return result
        by_id = {doc_id: (doc, is_update) for doc_id, doc, is_update in writes}
        archive_keys = {a.id: a.archive_key for a in articles}
        # A new document is *created*, not overwritten: when another run created it
        # since we looked (two runs at once), Elasticsearch answers 409 and ours is
        # left out, so no article is written or counted twice.
        actions = (
            {"_op_type": "index" if is_update else "create", "_index": es.articles_write_alias, "_id": i, "_source": d}
            for i, d, is_update in writes
        )
        failures: list[dict[str, Any]] = []
        # Two bulk requests in flight when there are several: Elasticsearch writes one
        # request to a shard on one thread, so a second keeps the other core busy. A
        # batch of the DAG's size (up to 50 per source) is one request, no thread pool.
        opts: dict[str, Any] = dict(chunk_size=CHUNK, raise_on_error=False, raise_on_exception=True, refresh=refresh)
        sent = (helpers.parallel_bulk(es.client, actions, thread_count=2, **opts) if len(writes) > CHUNK
                else helpers.streaming_bulk(es.client, actions, max_retries=0, **opts))
        for ok, item in sent:
            info = item.get("index") or item.get("create") or {}
            doc_id = info.get("_id")
            if ok:
                (result.updated if by_id[doc_id][1] else result.created).append(doc_id)
            elif info.get("status") == 409 and not by_id[doc_id][1]:
                result.unchanged.append(doc_id)  # created meanwhile by a concurrent run
            else:
                failures.append(
                    {
                        "id": doc_id,
                        "status": info.get("status"),
                        "error_type": (info.get("error") or {}).get("type"),
                        "reason": error_reason(info.get("error")),
                    }
                )
        if failures:
            dead_letter(es, failures, {i: d for i, (d, _) in by_id.items()}, archive_keys, run_id)
            result.failed = failures
    except (TransportError, ApiError) as exc:
        raise IndexingError(f"indexing failed: {type(exc).__name__}: {str(exc)[:300]}") from None
    return result


def dead_letter(
    es: Elastic,
    failures: Iterable[dict[str, Any]],
    docs: dict[str, dict[str, Any]],
    archive_keys: dict[str, str | None],
    run_id: str | None = None,
) -> None:
    """Record refused documents with their reason; they can be replayed from the archive."""
    now = datetime.now(timezone.utc).isoformat()
    actions = [
        {
            "_op_type": "index",
            "_index": es.deadletter_index,
            "_source": {
                "doc_id": f["id"],
                "index": es.articles_write_alias,
                "reason": f["reason"],
                "error_type": f.get("error_type"),
                "status": f.get("status"),
                "failed_at": now,
                "run_id": run_id,
                "archive_key": archive_keys.get(f["id"]),
                "document": docs.get(f["id"]),
            },
        }
        for f in failures
    ]
    helpers.bulk(es.client, actions, raise_on_error=False)


def count(es: Elastic, query: dict[str, Any] | None = None) -> int:
    es.client.indices.refresh(index=es.articles_alias)
    return int(es.client.count(index=es.articles_alias, query=query or {"match_all": {}})["count"])
