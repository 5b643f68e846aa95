"""Index templates, versioned indices behind aliases, bulk upserts, dead letters.

The mappings are data (``mappings/*.json``). :func:`setup` applies them
idempotently: templates are (re)written, the concrete article index of the
current mapping version (``articles-v<N>``) is created if missing, and the read
alias ``articles`` and write alias ``articles-write`` are pointed at it. When the
version goes up, the previous index is reindexed into the new one and the
aliases are swapped in one atomic request.

:func:`upsert_articles` writes articles by id in bulk. An article whose stored
document is the same (ignoring times) is not rewritten; a changed one is
replaced and its previous content hash kept; a document Elasticsearch refuses
goes to the dead-letter index with the reason, and the batch goes on.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

from elasticsearch import Elasticsearch, helpers
from elasticsearch import ApiError, AuthorizationException, BadRequestError, TransportError

from .article import Article, parse_time, utcnow
from .config import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

MAPPINGS_DIR = PROJECT_ROOT / "mappings"
# Fields that change on every fetch without the article changing.
VOLATILE_FIELDS = {"fetched_at", "first_seen_at", "indexed_at", "date", "date_source", "previous_content_hashes"}


class IndexingFailed(RuntimeError):
    """Elasticsearch could not be written to (down, or refusing the request)."""


def load_template(name: str, mappings_dir: Path = MAPPINGS_DIR) -> dict[str, Any]:
    data = json.loads((mappings_dir / f"{name}.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def article_index_name(cfg: Settings, version: int) -> str:
    return f"{cfg.index_prefix}articles-v{version}"


def _prefixed(template: dict[str, Any], prefix: str) -> dict[str, Any]:
    body = json.loads(json.dumps(template))
    body["index_patterns"] = [prefix + p for p in body["index_patterns"]]
    return body


def analyzers_used(node: Any) -> set[str]:
    """Every analyzer named anywhere in a mapping."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("analyzer", "search_analyzer") and isinstance(value, str):
                found.add(value)
            else:
                found |= analyzers_used(value)
    elif isinstance(node, list):
        for item in node:
            found |= analyzers_used(item)
    return found


def replace_analyzers(node: Any, missing: set[str], fallback: str = "standard") -> Any:
    """A copy of a mapping adapted to a server that lacks some analyzers (pure).

    A multi-field sub-field (under ``fields``) whose analyzer is missing is left
    out: with the fallback it would only repeat another sub-field, at the cost
    of analysing the text once more. A main field falls back to ``fallback``.
    """
    if isinstance(node, list):
        return [replace_analyzers(v, missing, fallback) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("analyzer", "search_analyzer") and value in missing:
            out[key] = fallback
        elif key == "fields" and isinstance(value, dict):
            out[key] = {
                name: replace_analyzers(sub, missing, fallback)
                for name, sub in value.items()
                if not (isinstance(sub, dict) and sub.get("analyzer") in missing)
            }
        else:
            out[key] = replace_analyzers(value, missing, fallback)
    return out


def missing_analyzers(es: Elasticsearch, names: set[str]) -> set[str]:
    """The built-in analyzers this server does not have (asked once each with _analyze)."""
    missing = set()
    for name in sorted(names):
        try:
            es.indices.analyze(analyzer=name, text="probe")
        except BadRequestError as exc:  # only "failed to find analyzer" means missing
            if "failed to find" not in str(exc):
                raise
            missing.add(name)
        except AuthorizationException:
            # A least-privileged user may not probe: keep the mapping as written
            # (a full distribution has every built-in analyzer).
            log.info("not allowed to probe analyzers; using the mapping as written")
            return set()
    return missing


@dataclass
class SetupResult:
    templates: list[str]
    index: str
    created: bool
    migrated_from: str | None = None
    analyzers_replaced: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def setup(es: Elasticsearch, cfg: Settings) -> SetupResult:
    """Apply every template and make sure the indices and aliases exist (idempotent)."""
    names = []
    replaced: set[str] = set()
    mappings: dict[str, dict[str, Any]] = {}
    for path in sorted(MAPPINGS_DIR.glob("*.json")):
        template = load_template(path.stem)
        missing = missing_analyzers(es, analyzers_used(template))
        if missing:
            log.warning("this server lacks the analyzers %s; using standard analysis for them", sorted(missing))
            template = replace_analyzers(template, missing)
            replaced |= missing
        name = f"{cfg.index_prefix}{path.stem}"
        es.indices.put_index_template(name=name, **_prefixed(template, cfg.index_prefix))
        names.append(name)
        mappings[path.stem] = template["template"].get("mappings", {})
    # The small bookkeeping indices: created from their templates when missing,
    # and given any field added to their template since.
    for stem, index in (("ingest-runs", cfg.runs_index), ("ingest-deadletter", cfg.deadletter_index), ("ingest-state", cfg.state_index)):
        if not _create_if_missing(es, index):
            _add_fields(es, index, mappings[stem])

    version = int(load_template("articles")["version"])
    index = article_index_name(cfg, version)
    created = _create_if_missing(es, index)
    if not created:
        _add_fields(es, index, mappings["articles"])
    current = _alias_targets(es, cfg.articles_alias)
    migrated_from = None
    old = [i for i in current if i != index]
    if old:
        migrated_from = old[0]
        log.info("reindexing %s into %s for mapping version %s", old, index, version)
        # client-side scan + bulk: works without the server's reindex module
        docs = helpers.scan(es, index=",".join(old), query={"query": {"match_all": {}}})
        helpers.bulk(es, ({"_index": index, "_id": d["_id"], "_source": d["_source"]} for d in docs))
        es.indices.refresh(index=index)
    actions: list[dict[str, Any]] = [{"remove": {"index": i, "alias": a}} for i in old for a in (cfg.articles_alias, cfg.articles_write_alias)]
    if old or index not in current or index not in _alias_targets(es, cfg.articles_write_alias):
        actions += [
            {"add": {"index": index, "alias": cfg.articles_alias}},
            {"add": {"index": index, "alias": cfg.articles_write_alias, "is_write_index": True}},
        ]
        es.indices.update_aliases(actions=actions)
    return SetupResult(
        templates=names, index=index, created=created, migrated_from=migrated_from, analyzers_replaced=sorted(replaced)
    )


def _create_if_missing(es: Elasticsearch, index: str) -> bool:
    if es.indices.exists(index=index):
        return False
    try:
        es.indices.create(index=index)
    except ApiError as exc:  # another worker created it first
        if "resource_already_exists_exception" not in str(exc):
            raise
        return False
    return True


def _add_fields(es: Elasticsearch, index: str, mapping: dict[str, Any]) -> None:
    """Apply the template's mapping to an existing index: new fields are added in place.

    A change Elasticsearch cannot make in place (a field's type) needs a new
    mapping version, which :func:`setup` migrates to; say so plainly.
    """
    body = {k: v for k, v in mapping.items() if k in ("properties", "dynamic", "_meta")}
    try:
        es.indices.put_mapping(index=index, **body)
    except ApiError as exc:
        raise IndexingFailed(
            f"the mapping of {index} cannot be updated in place ({_reason(getattr(exc, 'body', {}).get('error'))}); "
            "raise `version` in mappings/ to migrate to a new index"
        ) from None


def _alias_targets(es: Elasticsearch, alias: str) -> list[str]:
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias).keys())


# -- writing -------------------------------------------------------------------

@dataclass
class UpsertResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"id", "reason"}

    def counts(self) -> dict[str, int]:
        return {
            "indexed": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "failed": len(self.failed),
        }

    def merge(self, other: "UpsertResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed


def _comparable(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in VOLATILE_FIELDS}


def existing_docs(es: Elasticsearch, cfg: Settings, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stored documents for these ids (missing ids are absent from the result)."""
    if not ids or not es.indices.exists_alias(name=cfg.articles_alias):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        resp = es.mget(index=cfg.articles_alias, ids=list(ids[start : start + 500]))
        for d in resp["docs"]:
            if d.get("found"):
                found[d["_id"]] = d["_source"]
    return found


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
        doc = article.to_doc()
        if old and _comparable(old) == _comparable(doc):
            unchanged.append(article.id)
            continue
        doc["indexed_at"] = now.isoformat()
        writes.append((article.id, doc, bool(old)))
    return writes, unchanged


def upsert_articles(
    es: Elasticsearch,
    cfg: Settings,
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
        existing = existing_docs(es, cfg, [a.id for a in articles])
        writes, result.unchanged = plan_upserts(articles, existing)
        if not writes:
            return result
        by_id = {doc_id: (doc, is_update) for doc_id, doc, is_update in writes}
        archive_keys = {a.id: a.archive_key for a in articles}
        # A new document is *created*, not overwritten: when another run created it
        # since we looked (two runs at once), Elasticsearch answers 409 and ours is
        # left out, so no article is written or counted twice.
        actions = (
            {"_op_type": "index" if is_update else "create", "_index": cfg.articles_write_alias, "_id": i, "_source": d}
            for i, d, is_update in writes
        )
        failures: list[dict[str, Any]] = []
        # Two bulk requests in flight: Elasticsearch writes one request to a shard
        # on one thread, so a second keeps the other core busy.
        for ok, item in helpers.parallel_bulk(
            es, actions, thread_count=2, chunk_size=250, raise_on_error=False, raise_on_exception=True, refresh=refresh
        ):
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
                        "reason": _reason(info.get("error")),
                    }
                )
        if failures:
            dead_letter(es, cfg, failures, {i: d for i, (d, _) in by_id.items()}, archive_keys, run_id)
            result.failed = failures
    except (TransportError, ApiError) as exc:
        raise IndexingFailed(f"indexing failed: {type(exc).__name__}: {str(exc)[:300]}") from None
    return result


def _reason(error: Any) -> str:
    if not isinstance(error, dict):
        return str(error)[:500]
    reason = error.get("reason") or error.get("type") or "unknown"
    cause = error.get("caused_by") or {}
    if cause.get("reason"):
        reason = f"{reason}: {cause['reason']}"
    return str(reason)[:1000]


def dead_letter(
    es: Elasticsearch,
    cfg: Settings,
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
            "_index": cfg.deadletter_index,
            "_source": {
                "doc_id": f["id"],
                "index": cfg.articles_write_alias,
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
    helpers.bulk(es, actions, raise_on_error=False)


def count(es: Elasticsearch, cfg: Settings, query: dict[str, Any] | None = None) -> int:
    es.indices.refresh(index=cfg.articles_alias)
    return int(es.count(index=cfg.articles_alias, query=query or {"match_all": {}})["count"])
