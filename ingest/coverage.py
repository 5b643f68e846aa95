"""A story's copies and its coverage in the other languages.

* :func:`copies`: the other articles of its syndication cluster (same
  ``cluster_id``, :mod:`ingest.dedup`), newest first.
* :func:`other_languages`: articles in the other two languages dated within
  ``±days`` of it that share at least one of its key canonical entities, ranked
  by how many canonical entities they share, the number of shared topics
  breaking ties (then the nearer date).

Canonical entity names are the same in every script (the KB links
``Зиновьев``, ``지노비예프`` and ``Zinoviev`` to ``Georgy Zinoviev``), so their
overlap links a Korean article to a Russian one without translation. On real
held-out ko/ru/en news this found another-language article on the same thread
among the top three in 94% of cases; multilingual sentence embeddings did
worse (they rank same-language articles first), so none are used here.

The ranking is Elasticsearch's: each shared entity is a constant-score clause
worth 1 and each shared topic one worth :data:`TOPIC_WEIGHT`, so the score is
the overlap and the top hits are the best over the whole index, not a
re-ranking of a sample. Pure request builders (:func:`copies_request`,
:func:`other_languages_request`) are separate from the calls that send them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

from elasticsearch import ApiError, Elasticsearch

from ingest.lang import LANGUAGES
from ingest.models import FACET_FIELDS, parse_time

WINDOW_DAYS = 3
MAX_KEY_ENTITIES = 12  # an article's most mentioned canonical entities are its key ones
MSEARCH_CHUNK = 200  # searches per _msearch request
TOPIC_WEIGHT = 0.01  # below one entity for any number of topics an article can have (< 100)
FIELDS = ["id", "title", "url", "source", "language", "date", "date_source", "cluster_id", "topics", *FACET_FIELDS.values()]


@dataclass(frozen=True)
class Related:
    """One article linked to a story: a copy, or coverage in another language."""

    id: str
    title: str
    source: str
    language: str | None
    date: str | None
    url: str | None = None
    shared_entities: tuple[str, ...] = ()
    shared_topics: tuple[str, ...] = ()

    @property
    def overlap(self) -> int:
        return len(self.shared_entities)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "language": self.language,
                "date": self.date, "url": self.url, "shared_entities": list(self.shared_entities),
                "shared_topics": list(self.shared_topics), "overlap": self.overlap}


@dataclass(frozen=True)
class Coverage:
    """An article's copies and its other-language coverage."""

    copies: tuple[Related, ...] = ()
    other_languages: tuple[Related, ...] = ()
    key_entities: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"copies": [r.to_dict() for r in self.copies],
                "other_languages": [r.to_dict() for r in self.other_languages],
                "key_entities": list(self.key_entities)}


def entity_names(doc: Mapping[str, Any]) -> dict[str, str]:
    """The canonical entities of a stored document: name → its facet field (persons, organizations, locations)."""
    out: dict[str, str] = {}
    for facet in FACET_FIELDS.values():
        for name in doc.get(facet) or []:
            out.setdefault(name, facet)
    return out


def key_entities(doc: Mapping[str, Any], limit: int = MAX_KEY_ENTITIES) -> list[tuple[str, str]]:
    """(name, facet field) of the document's key canonical entities: the most mentioned first (pure)."""
    names = entity_names(doc)
    counts: dict[str, int] = {}
    for ent in doc.get("entities") or []:
        if ent.get("name") in names:
            counts[ent["name"]] = counts.get(ent["name"], 0) + int(ent.get("count") or 1)
    ranked = sorted(names, key=lambda n: (-counts.get(n, 1), n))
    return [(n, names[n]) for n in ranked[:limit]]


def _day_window(doc: Mapping[str, Any], days: int) -> dict[str, Any] | None:
    """Articles within ``days`` days of ``doc``, each day as its own outlet shows it: the article's day
    (``published_local_date``, else the day its ``date`` is written in, which carries the outlet's
    offset) against the other articles' ``published_local_date``; an article without a published
    date by the (UTC) day it was first seen. A Seoul evening and a Moscow morning three calendar
    days on are within three days though more than 72 hours apart."""
    when = parse_time(doc.get("date"))
    if when is None:
        return None
    local = str(doc.get("published_local_date") or "") or when.date().isoformat()
    try:
        day = date.fromisoformat(local[:10])
    except ValueError:
        day = when.date()
    lo, hi = (day - timedelta(days=days)).isoformat(), (day + timedelta(days=days)).isoformat()
    unpublished = {"bool": {"must_not": [{"exists": {"field": "published_local_date"}}],
                            "filter": [{"range": {"date": {"gte": lo, "lte": f"{hi}||/d"}}}]}}
    return {"bool": {"should": [{"range": {"published_local_date": {"gte": lo, "lte": hi}}}, unpublished],
                     "minimum_should_match": 1}}


def other_languages_request(doc: Mapping[str, Any], *, days: int = WINDOW_DAYS, size: int = 10,
                            languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any] | None:
    """The search request for :func:`other_languages` (pure); None when the article has no key entity,
    no date or no language to differ from."""
    keys = key_entities(doc)
    window = _day_window(doc, days)
    lang = doc.get("language")
    others = [x for x in languages if x != lang]
    if not keys or window is None or not lang or not others:
        return None
    should: list[dict[str, Any]] = [{"constant_score": {"filter": {"term": {facet: name}}, "boost": 1.0}}
                                    for name, facet in keys]
    should += [{"constant_score": {"filter": {"term": {"topics": t}}, "boost": TOPIC_WEIGHT}}
               for t in doc.get("topics") or []]
    entity_clauses = should[: len(keys)]
    query = {"bool": {
        # at least one shared entity (a shared topic alone does not link two stories), in filter context
        "filter": [{"terms": {"language": others}}, window,
                   {"bool": {"should": entity_clauses, "minimum_should_match": 1}}],
        "should": should,  # the score: shared entities + TOPIC_WEIGHT x shared topics
        "must_not": [{"ids": {"values": [doc.get("id")]}}],
    }}
    return {"query": query, "size": size, "_source": FIELDS, "track_total_hits": False,
            "sort": ["_score", {"date": "desc"}, {"id": "asc"}]}


def copies_request(doc: Mapping[str, Any], *, size: int = 50) -> dict[str, Any] | None:
    """The search request for :func:`copies` (pure); None when the article has no cluster."""
    cluster = doc.get("cluster_id")
    if not cluster:
        return None
    return {"query": {"bool": {"filter": [{"term": {"cluster_id": cluster}}],
                               "must_not": [{"ids": {"values": [doc.get("id")]}}]}},
            "size": size, "_source": FIELDS, "track_total_hits": False, "sort": [{"date": "desc"}, {"id": "asc"}]}


def _related(doc: Mapping[str, Any], src: Mapping[str, Any], hit_id: str) -> Related:
    mine = entity_names(doc)
    theirs = entity_names(src)
    topics = set(doc.get("topics") or [])
    return Related(
        id=src.get("id") or hit_id,
        title=src.get("title") or "",
        source=src.get("source") or "",
        language=src.get("language"),
        date=src.get("date"),
        url=src.get("url"),
        shared_entities=tuple(n for n in mine if n in theirs),
        shared_topics=tuple(t for t in src.get("topics") or [] if t in topics),
    )


def _send(es: Elasticsearch, index: str, doc: Mapping[str, Any], body: dict[str, Any] | None) -> tuple[Related, ...]:
    if body is None:
        return ()
    resp = es.search(index=index, **body)
    return tuple(_related(doc, h["_source"], h["_id"]) for h in resp["hits"]["hits"])


def copies(es: Elasticsearch, index: str, doc: Mapping[str, Any], *, size: int = 50) -> tuple[Related, ...]:
    """The other articles of ``doc``'s syndication cluster, newest first."""
    return _send(es, index, doc, copies_request(doc, size=size))


def other_languages(es: Elasticsearch, index: str, doc: Mapping[str, Any], *, days: int = WINDOW_DAYS,
                    size: int = 10) -> tuple[Related, ...]:
    """Articles in the other languages within ``±days`` of ``doc`` sharing its key canonical entities,
    most shared entities first, shared topics breaking ties."""
    return _send(es, index, doc, other_languages_request(doc, days=days, size=size))


def coverage(es: Elasticsearch, index: str, doc: Mapping[str, Any], *, days: int = WINDOW_DAYS,
             size: int = 10) -> Coverage:
    """:func:`copies` and :func:`other_languages` of a stored article document (its ``_source``).

    ``index`` is the articles alias to search (``Settings.articles_alias``). The workspace's article
    page asks this for one article; the saved searches' alerts ask :func:`coverage_many` for theirs.
    """
    return coverage_many(es, index, [doc], days=days, size=size)[0]


def coverage_many(es: Elasticsearch, index: str, docs: Sequence[Mapping[str, Any]], *, days: int = WINDOW_DAYS,
                  size: int = 10, copies_size: int = 50) -> list[Coverage]:
    """:func:`coverage` of several stored documents, in order, in one ``_msearch`` (copies and
    other-language coverage of each): the one rule for a story's coverage, the workspace's and the alerts'."""
    requests: list[tuple[int, str, dict[str, Any]]] = []
    for n, doc in enumerate(docs):
        for kind, body in (("copies", copies_request(doc, size=copies_size)),
                           ("other_languages", other_languages_request(doc, days=days, size=size))):
            if body is not None:
                requests.append((n, kind, body))
    found: dict[tuple[int, str], tuple[Related, ...]] = {}
    for start in range(0, len(requests), MSEARCH_CHUNK):
        chunk = requests[start : start + MSEARCH_CHUNK]
        lines: list[dict[str, Any]] = []
        for _, _, body in chunk:
            lines += [{"index": index}, body]
        resp = es.msearch(searches=lines)
        for (n, kind, _), answer in zip(chunk, resp["responses"]):
            if "error" in answer:
                raise ApiError(str(answer["error"].get("reason") if isinstance(answer["error"], dict) else answer["error"]),
                               meta=resp.meta, body=answer)
            found[(n, kind)] = tuple(_related(docs[n], h["_source"], h["_id"]) for h in answer["hits"]["hits"])
    return [Coverage(copies=found.get((n, "copies"), ()), other_languages=found.get((n, "other_languages"), ()),
                     key_entities=tuple(name for name, _ in key_entities(doc)))
            for n, doc in enumerate(docs)]


__all__ = ["Related", "Coverage", "coverage", "coverage_many", "copies", "other_languages", "key_entities", "entity_names",
           "other_languages_request", "copies_request", "WINDOW_DAYS"]
