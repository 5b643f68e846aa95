"""Index templates and versioned indices behind aliases.

The mappings are data (``mappings/*.json``). :func:`setup` applies them
idempotently: templates are (re)written, the concrete article index of the
current mapping version (``articles-v<N>``) is created if missing, and the read
alias ``articles`` and write alias ``articles-write`` are pointed at it. When the
version goes up, the previous index is copied into the new one behind the
aliases (:func:`migrate`): searches answer from the old index until the copy is
complete.

Writing articles is :mod:`ingest.store.es.articles`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers
from elasticsearch import ApiError, AuthorizationException, BadRequestError

from ingest.resources import path as resource_path
from ingest.settings import EsSettings
from ingest.errors import IndexingError
from ingest.store.es.client import error_reason
from ingest.store.es.elastic import Elastic

log = logging.getLogger(__name__)

MAPPINGS_DIR = resource_path("mappings")
# Fields that change on every fetch without the article changing.
VOLATILE_FIELDS = {"fetched_at", "first_seen_at", "indexed_at", "date", "date_source", "previous_content_hashes"}


def _read(name: str, mappings_dir: Path = MAPPINGS_DIR) -> dict[str, Any]:
    return json.loads((mappings_dir / f"{name}.json").read_text(encoding="utf-8"))


def load_template(name: str, mappings_dir: Path = MAPPINGS_DIR) -> dict[str, Any]:
    """The index template as Elasticsearch takes it (the file's ``_comment`` and ``_analysis`` left out)."""
    return {k: v for k, v in _read(name, mappings_dir).items() if not k.startswith("_")}


def load_fallbacks(name: str, mappings_dir: Path = MAPPINGS_DIR) -> dict[str, Any]:
    """The template's ``_analysis``: what replaces analyzers a server lacks (``hunspell``)."""
    return {k: v for k, v in _read(name, mappings_dir).get("_analysis", {}).items() if not k.startswith("_")}


def article_index_name(cfg: EsSettings, version: int) -> str:
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


def replace_analyzers(
    node: Any, missing: set[str], fallback: str = "standard", swap: dict[str, str] | None = None
) -> Any:
    """A copy of a mapping adapted to a server that lacks some analyzers (pure).

    A missing analyzer named in ``swap`` is replaced by its counterpart there
    (a custom analyzer built from what the server has). Otherwise a multi-field
    sub-field (under ``fields``) whose analyzer is missing is left out: with the
    fallback it would only repeat another sub-field, at the cost of analysing
    the text once more; a main field falls back to ``fallback``.
    """
    swap = {k: v for k, v in (swap or {}).items() if k in missing}
    gone = missing - set(swap)
    if isinstance(node, list):
        return [replace_analyzers(v, missing, fallback, swap) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("analyzer", "search_analyzer") and value in missing:
            out[key] = swap.get(value, fallback)
        elif key == "fields" and isinstance(value, dict):
            out[key] = {
                name: replace_analyzers(sub, missing, fallback, swap)
                for name, sub in value.items()
                if not (isinstance(sub, dict) and sub.get("analyzer") in gone)
            }
        else:
            out[key] = replace_analyzers(value, missing, fallback, swap)
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


def hunspell_available(es: Elasticsearch, locales: list[str]) -> bool:
    """True when the server has a hunspell dictionary for every locale (asked with _analyze)."""
    for locale in locales:
        try:
            es.indices.analyze(tokenizer="standard", filter=[{"type": "hunspell", "locale": locale}], text="probe")
        except BadRequestError as exc:  # "failed to load hunspell dictionary for locale"
            if "hunspell" not in str(exc):
                raise
            return False
    return True


# The analysis a server can give the articles, best first.
FULL, HUNSPELL, STANDARD = "full", "hunspell", "standard"
ANALYSIS_NOTES = {
    FULL: "the server's english, russian and nori analyzers",
    HUNSPELL: "hunspell en_US/ru_RU stemming; Korean analysed in Python (title_ko/body_ko)",
    STANDARD: "standard analysis only (no stemming); Korean analysed in Python (title_ko/body_ko)",
}


def adapt(es: Elasticsearch, template: dict[str, Any], fallbacks: dict[str, Any]) -> tuple[str, dict[str, Any], set[str]]:
    """(analysis kind, the template this server can take, the analyzers it lacks).

    ``full`` when it has every analyzer the template names; else ``hunspell``
    when the template says how to rebuild them from hunspell dictionaries and
    the server has those; else ``standard``.
    """
    missing = missing_analyzers(es, analyzers_used(template))
    if not missing:
        return FULL, template, missing
    hunspell = fallbacks.get("hunspell")
    if hunspell and set(hunspell["replace"]) & missing and hunspell_available(es, hunspell["locales"]):
        adapted = replace_analyzers(template, missing, swap=hunspell["replace"])
        settings = adapted["template"].setdefault("settings", {})
        settings["analysis"] = {**settings.get("analysis", {}), **hunspell["settings"]}
        return HUNSPELL, adapted, missing
    return STANDARD, replace_analyzers(template, missing), missing


def _size(template: dict[str, Any], stem: str, cfg: EsSettings) -> None:
    """The cluster's sizing over the template's: replicas for every index, shards for the articles
    (a new shard count takes effect on a new article index, i.e. the next mapping version)."""
    settings = template["template"].setdefault("settings", {})
    if cfg.es_replicas is not None:
        settings["number_of_replicas"] = cfg.es_replicas
    if cfg.es_shards is not None and stem == "articles":
        settings["number_of_shards"] = cfg.es_shards


@dataclass
class SetupResult:
    templates: list[str]
    index: str
    created: bool
    migrated_from: str | None = None
    analyzers_replaced: list[str] = field(default_factory=list)
    analysis: str = FULL  # full | hunspell | standard: see ANALYSIS_NOTES

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def setup(es: Elastic) -> SetupResult:
    """Apply every template and make sure the indices and aliases exist (idempotent)."""
    names = []
    replaced: set[str] = set()
    analysis = FULL
    mappings: dict[str, dict[str, Any]] = {}
    for path in sorted(MAPPINGS_DIR.glob("*.json")):
        kind, template, missing = adapt(es.client, load_template(path.stem), load_fallbacks(path.stem))
        if missing:
            log.info("this server lacks the analyzers %s; using %s", sorted(missing), ANALYSIS_NOTES[kind])
            replaced |= missing
        if path.stem == "articles":
            analysis = kind
        _size(template, path.stem, es.settings)
        name = f"{es.index_prefix}{path.stem}"
        es.client.indices.put_index_template(name=name, **_prefixed(template, es.index_prefix))
        names.append(name)
        mappings[path.stem] = template["template"].get("mappings", {})
    # The small bookkeeping indices: created from their templates when missing,
    # and given any field added to their template since.
    for stem, index in (("ingest-runs", es.runs_index), ("ingest-deadletter", es.deadletter_index),
                        ("ingest-state", es.state_index), ("ingest-watches", es.watches_index),
                        ("ingest-alerts", es.alerts_index)):
        if not _create_if_missing(es.client, index):
            _add_fields(es.client, index, mappings[stem])

    version = int(load_template("articles")["version"])
    index = article_index_name(es.settings, version)
    created = _create_if_missing(es.client, index)
    if not created:
        _add_fields(es.client, index, mappings["articles"])
    if es.settings.es_replicas is not None:  # dynamic: existing indices follow the setting too
        es.client.indices.put_settings(
            index=[index, es.runs_index, es.deadletter_index, es.state_index, es.watches_index, es.alerts_index],
            settings={"index": {"number_of_replicas": es.settings.es_replicas}},
        )
    current = _alias_targets(es.client, es.articles_alias)
    old = [i for i in current if i != index]
    migrated_from = old[0] if old else None
    if old:
        migrate(es, old, index, version)
    elif index not in current or index not in _alias_targets(es.client, es.articles_write_alias):
        es.client.indices.update_aliases(actions=[
            {"add": {"index": index, "alias": es.articles_alias}},
            {"add": {"index": index, "alias": es.articles_write_alias, "is_write_index": True}},
        ])
    return SetupResult(
        templates=names, index=index, created=created, migrated_from=migrated_from, analyzers_replaced=sorted(replaced),
        analysis=analysis,
    )


def local_date_fields(src: dict[str, Any]) -> dict[str, Any]:
    """For a document written before mapping v7: ``published_at`` shown in the outlet's zone (the
    same instant) and ``published_local_date``, the outlet's day; nothing when it has them or no date."""
    from ingest.extract.outlets import timezone_of
    from ingest.models import parse_time

    if "published_local_date" in src:
        return {}
    empty = {"published_local_date": None, "published_precision": src.get("published_precision")}
    try:
        published = parse_time(src.get("published_at"))
    except ValueError:
        return empty
    if published is None:
        return empty
    tz = timezone_of(src.get("canonical_url") or src.get("url"))
    published = published.astimezone(tz) if tz else published
    return {**empty, "published_at": published.isoformat(), "published_local_date": published.date().isoformat()}


def migrate(es: Elastic, old: list[str], index: str, version: int) -> None:
    """Copy the articles of the ``old`` indices into ``index`` while searches keep answering from them.

    The write alias moves first, so a document written meanwhile lands in the new
    index and the copy (``create``: a newer document wins) does not overwrite it;
    the read alias moves in one atomic request once the copy is complete and
    refreshed. Copied documents get the ``doc_hash`` upserts compare with, the per-script
    copies of title and body (:func:`ingest.models.script_copies`) that a version before 6 lacked,
    and the outlet's day (``published_local_date``) that a version before 7 lacked.
    """
    from ingest.models import script_copies
    from ingest.store.es.articles import doc_hash

    def copy(src: dict[str, Any]) -> dict[str, Any]:
        dated = local_date_fields(src)
        out = {**src, **script_copies(src.get("title"), src.get("body")), **dated}
        if "doc_hash" not in out or dated:  # the copy is what is stored: its hash, not the old one's
            out["doc_hash"] = doc_hash({k: v for k, v in out.items() if k != "doc_hash"})
        return out

    log.info("migrating %s into %s for mapping version %s", old, index, version)
    es.client.indices.update_aliases(actions=[
        *({"remove": {"index": i, "alias": es.articles_write_alias}} for i in old),
        {"add": {"index": index, "alias": es.articles_write_alias, "is_write_index": True}},
    ])
    es.client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    try:
        # client-side scan + bulk: works without the server's reindex module
        docs = helpers.scan(es.client, index=",".join(old), query={"query": {"match_all": {}}})
        copies = ({"_op_type": "create", "_index": index, "_id": d["_id"], "_source": copy(d["_source"])} for d in docs)
        for ok, item in helpers.streaming_bulk(es.client, copies, chunk_size=500, raise_on_error=False):
            if not ok and item["create"].get("status") != 409:  # 409: written meanwhile, newer
                raise IndexingError(f"migrating {item['create'].get('_id')} into {index} failed: "
                                    f"{error_reason(item['create'].get('error'))}")
    finally:
        es.client.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
    es.client.indices.refresh(index=index)
    es.client.indices.update_aliases(actions=[
        *({"remove": {"index": i, "alias": es.articles_alias}} for i in old),
        {"add": {"index": index, "alias": es.articles_alias}},
    ])


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
        raise IndexingError(
            f"the mapping of {index} cannot be updated in place ({error_reason(getattr(exc, 'body', {}).get('error'))}); "
            "raise `version` in mappings/ to migrate to a new index"
        ) from None


def _alias_targets(es: Elasticsearch, alias: str) -> list[str]:
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias).keys())
