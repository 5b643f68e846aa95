"""Crawl state in Elasticsearch, so any worker can run any task.

Two kinds of documents live in ``es.state_index``:

* ``kind="feed"``: the validators (ETag / Last-Modified) of a feed, for
  conditional GET; id = sha1 of ``"feed:" + feed_url``.
* ``kind="url"``: a URL that was fetched (or given up on); id = sha1 of the
  URL itself, so :func:`seen` is one ``mget`` by id (real-time, no refresh).

Callers pass canonical URLs; the state does not rewrite them. Transient
failures (``FetchError.transient``) should not be marked, so they are retried.

Until :func:`ingest.store.es.indices.setup` creates the index, :func:`ensure_index` creates it
lazily from ``mappings/ingest-state.json``, under the same concrete name
``setup`` uses; it does nothing when an index or alias of that name already
exists, so it never fights the real setup.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

from elasticsearch import NotFoundError, helpers
from elasticsearch import BadRequestError

from ingest.resources import path as resource_path
from ingest.models import Status
from ingest.fetch.client import Validators
from ingest.errors import IndexingError
from ingest.store.es.elastic import Elastic

TEMPLATE_FILE = resource_path("mappings/ingest-state.json")
MGET_CHUNK = 1000

_ready: set[tuple[int, str]] = set()
_ready_lock = threading.Lock()


@dataclass(frozen=True)
class SeenRecord:
    """One URL outcome for :func:`mark_many`."""

    url: str
    status: Status
    archive_key: str | None = None
    content_hash: str | None = None
    reason: str | None = None
    source: str | None = None  # which source found it (so a recovery run can credit it)


def url_id(url: str) -> str:
    """Document id of a seen URL: sha1 of the URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def feed_id(feed_url: str) -> str:
    return hashlib.sha1(f"feed:{feed_url}".encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _template() -> dict[str, Any]:
    try:
        data = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError) as exc:
        raise IndexingError(f"cannot read {TEMPLATE_FILE.name}: {type(exc).__name__}: {exc}") from None


def ensure_index(es: Elastic) -> None:
    """Create the state index if neither an index nor an alias has its name (idempotent)."""
    name = es.state_index
    marker = (id(es.client), name)
    with _ready_lock:
        if marker in _ready:
            return
    if not es.client.indices.exists(index=name):
        body = _template().get("template", {})
        try:
            es.client.indices.create(index=name, settings=body.get("settings"), mappings=body.get("mappings"))
        except BadRequestError as exc:
            if "resource_already_exists" not in str(exc):  # another worker created it first
                raise IndexingError(f"cannot create {name}: {exc}") from None
    with _ready_lock:
        _ready.add(marker)


def forget_ready_cache() -> None:
    """Forget which indices were checked (after indices are deleted, e.g. in tests)."""
    with _ready_lock:
        _ready.clear()


def get_validators(es: Elastic, feed_url: str) -> Validators:
    """The stored ETag / Last-Modified of a feed (empty when unknown)."""
    ensure_index(es)
    try:
        doc = es.client.get(index=es.state_index, id=feed_id(feed_url))
    except NotFoundError:
        return Validators()
    src = doc.get("_source") or {}
    return Validators(etag=src.get("etag") or None, last_modified=src.get("last_modified") or None)


def put_validators(es: Elastic, feed_url: str, validators: Validators) -> None:
    """Remember a feed's validators for the next conditional GET (overwrites)."""
    ensure_index(es)
    es.client.index(
        index=es.state_index,
        id=feed_id(feed_url),
        document={
            "kind": "feed",
            "key": feed_url,
            "etag": validators.etag,
            "last_modified": validators.last_modified,
            "updated_at": _now(),
        },
    )


def _url_doc(record: SeenRecord) -> dict[str, Any]:
    return {
        "kind": "url",
        "key": record.url,
        "status": str(record.status),
        "archive_key": record.archive_key,
        "content_hash": record.content_hash,
        "reason": record.reason,
        "source": record.source,
        "updated_at": _now(),
    }


def mark_many(es: Elastic, records: Iterable[SeenRecord]) -> int:
    """Record many URL outcomes in bulk; returns how many were written."""
    actions = [
        {"_op_type": "index", "_index": es.state_index, "_id": url_id(r.url), "_source": _url_doc(r)}
        for r in records
    ]
    if not actions:
        return 0
    ensure_index(es)
    ok, errors = helpers.bulk(es.client, actions, raise_on_error=False, chunk_size=500)
    if errors:
        first = errors[0] if isinstance(errors, list) else errors
        raise IndexingError(f"{len(errors) if isinstance(errors, list) else errors} state writes failed, first: {json.dumps(first, default=str)[:300]}")
    return int(ok)


def records(es: Elastic, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored state of each URL that has one (mget by id, in chunks)."""
    ensure_index(es)
    by_id = {url_id(u): u for u in urls}
    found: dict[str, dict[str, Any]] = {}
    ids = list(by_id)
    for start in range(0, len(ids), MGET_CHUNK):
        resp = es.client.mget(index=es.state_index, ids=ids[start : start + MGET_CHUNK])
        for doc in resp["docs"]:
            if doc.get("found"):
                found[by_id[doc["_id"]]] = doc["_source"]
    return found


def pending(es: Elastic, status: Status = Status.FETCHED, limit: int = 10_000) -> list[dict[str, Any]]:
    """URLs left in a status (by default: archived but not yet processed), oldest first.

    With one active run at a time, anything still ``fetched`` when a run starts
    was archived by a run that did not finish indexing it: the next run replays
    it from the archive, so nothing fetched is lost.
    """
    ensure_index(es)
    es.client.indices.refresh(index=es.state_index)
    resp = es.client.search(
        index=es.state_index,
        query={"bool": {"filter": [{"term": {"kind": "url"}}, {"term": {"status": str(status)}}]}},
        sort=[{"updated_at": "asc"}],
        size=limit,
    )
    return [h["_source"] for h in resp["hits"]["hits"]]


__all__ = [
    "SeenRecord",
    "IndexingError",
    "Validators",
    "ensure_index",
    "feed_id",
    "get_validators",
    "mark_many",
    "put_validators",
    "url_id",
]
