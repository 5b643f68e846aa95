"""The workspace's searches, built on :mod:`ingest.search`: one page with facets and a date histogram,
the whole result as an export, quotes (who said what) and an entity's articles.

Every request here starts from :func:`ingest.search.request` or
:func:`ingest.search.build_query`, the query builder the command line and the
alerts use, so a query means the same everywhere; this module adds what a page
needs around it (totals, aggregations, sorting, paging).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Iterator

from elasticsearch import Elasticsearch

from ingest.errors import BadQuery
from ingest.models import FACET_FIELDS
from ingest.search import (HIT_SOURCE, HTML_MARKS, MAX_QUERY_CHARS, Filters, Hit, Notice, _hit, build_query, notices,
                           request, validate)

MAX_PAGE = 100  # deeper pages are for the export
FACETS = {"person": "persons", "organization": "organizations", "location": "locations",
          "topic": "topics", "source": "source", "language": "language"}
FACET_SIZE = 10
SORTS = ("relevance", "date")


@dataclass
class Page:
    """One page of a search with its facets, date histogram and total."""

    hits: list[Hit]
    total: int
    total_exact: bool
    facets: dict[str, list[tuple[str, int]]]
    histogram: list[tuple[str, int]]
    notices: list[Notice]
    took: int  # Elasticsearch's own milliseconds

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "total_exact": self.total_exact, "took": self.took,
                "notices": [asdict(n) for n in self.notices], "hits": [h.to_dict() for h in self.hits],
                "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()},
                "histogram": [{"month": d, "count": c} for d, c in self.histogram]}


def page_request(text: str, filters: Filters | None = None, *, sort: str = "relevance", page: int = 1,
                 size: int = 20, marks: tuple[str, str] = HTML_MARKS) -> dict[str, Any]:
    """:func:`request` for one page of the workspace: with the total, the facets, a monthly histogram,
    sorted by relevance or date (pure)."""
    if sort not in SORTS:
        raise BadQuery(f"unknown sort {sort!r}: use relevance or date")
    if not 1 <= page <= MAX_PAGE:
        raise BadQuery(f"page {page} is out of range: pages 1 to {MAX_PAGE} are shown (the export has everything)")
    body = request(text, filters, size, marks=marks)
    body["from"] = (page - 1) * size
    body["track_total_hits"] = 10_000
    if sort == "date":
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        body.pop("rescore", None)
    elif "rescore" in body:
        body["rescore"]["window_size"] = max(body["rescore"]["window_size"], body["from"] + size)
    body["aggs"] = {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in FACETS.items()}
    body["aggs"].update(month_aggs())
    return body


def month_aggs() -> dict[str, Any]:
    """The monthly histogram in the outlet's own calendar: a published article by the day its outlet
    shows (``published_local_date``: a Seoul article of 1 March 07:00 is March's, though it is still
    February in UTC); an article with no published date by when it was first seen (``date``)."""
    month = {"calendar_interval": "month", "min_doc_count": 1}
    return {
        "months": {"date_histogram": {"field": "published_local_date", **month}},
        "months_unpublished": {"filter": {"bool": {"must_not": [{"exists": {"field": "published_local_date"}}]}},
                               "aggs": {"months": {"date_histogram": {"field": "date", **month}}}},
    }


def months(aggs: dict[str, Any]) -> list[tuple[str, int]]:
    """``YYYY-MM`` and count, oldest first, from :func:`month_aggs`' two histograms."""
    counts: dict[str, int] = {}
    for buckets in ((aggs.get("months") or {}).get("buckets", []),
                    ((aggs.get("months_unpublished") or {}).get("months") or {}).get("buckets", [])):
        for b in buckets:
            key = (b.get("key_as_string") or "")[:7]
            counts[key] = counts.get(key, 0) + int(b["doc_count"])
    return sorted(counts.items())


def _buckets(aggs: dict[str, Any], name: str) -> list[tuple[str, int]]:
    return [(str(b["key"]), int(b["doc_count"])) for b in (aggs.get(name) or {}).get("buckets", [])]


def search_page(es: Elasticsearch, index: str, text: str, filters: Filters | None = None, *, sort: str = "relevance",
                page: int = 1, size: int = 20, marks: tuple[str, str] = HTML_MARKS) -> Page:
    """One page of hits with facets and the date histogram, highlights marked with ``marks``."""
    validate(text, filters)
    resp = es.search(index=index, **page_request(text, filters, sort=sort, page=page, size=size, marks=marks))
    aggs = resp.get("aggregations") or {}
    total = resp["hits"].get("total") or {"value": 0, "relation": "eq"}
    return Page(
        hits=[_hit(h, marks) for h in resp["hits"]["hits"]],
        total=int(total["value"]),
        total_exact=total.get("relation") == "eq",
        facets={name: _buckets(aggs, name) for name in FACETS},
        histogram=months(aggs),
        notices=notices(text),
        took=int(resp.get("took") or 0),
    )


EXPORT_SOURCE = ["id", "title", "url", "source", "language", "date", "date_source", "authors", "persons",
                 "organizations", "locations", "topics", "quote_speakers", "cluster_id"]


def export(es: Elasticsearch, index: str, text: str, filters: Filters | None = None, *, limit: int = 10_000,
           chunk: int = 500) -> Iterator[dict[str, Any]]:
    """Every matching article's metadata, newest first, at most ``limit``, fetched ``chunk`` at a time
    (``search_after``: memory stays bounded however large the result)."""
    validate(text, filters)
    body: dict[str, Any] = {"query": build_query(text, filters), "_source": EXPORT_SOURCE, "track_total_hits": False,
                            "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]}
    sent = 0
    after = None
    while sent < limit:
        page = es.search(index=index, **body, size=min(chunk, limit - sent),
                         **({"search_after": after} if after else {}))["hits"]["hits"]
        for h in page:
            yield {k: h["_source"].get(k) for k in EXPORT_SOURCE}
        sent += len(page)
        if len(page) < chunk:
            return
        after = page[-1]["sort"]


# ---------------------------------------------------------------- quotes (who said what)

@dataclass(frozen=True)
class QuoteFilters:
    speaker: str = ""
    entity: str = ""  # a canonical name the quote's article mentions
    topic: str = ""
    language: str = ""
    words: str = ""  # words of the quote itself
    since: datetime | None = None
    until: datetime | None = None


def quotes_request(f: QuoteFilters, *, page: int = 1, size: int = 20) -> dict[str, Any]:
    """Articles with quotes matching ``f``, newest first, each with its matching quotes (inner hits)."""
    if f.since and f.until and f.since > f.until:
        raise BadQuery(f"impossible date range: from {f.since.date()} is after until {f.until.date()}")
    if len(f.words) > MAX_QUERY_CHARS:
        raise BadQuery(f"the words are {len(f.words):,} characters long; at most {MAX_QUERY_CHARS} are searched")
    if not 1 <= page <= MAX_PAGE:
        raise BadQuery(f"page {page} is out of range: pages 1 to {MAX_PAGE}")
    inner: list[dict[str, Any]] = []
    if f.speaker:
        inner.append({"term": {"quotes.speaker": f.speaker}})
    if f.words:
        inner.append({"simple_query_string": {"query": f.words, "fields": ["quotes.text"], "default_operator": "and"}})
    flt: list[dict[str, Any]] = [{"nested": {"path": "quotes", "query": {"bool": {"filter": inner}} if inner else {"match_all": {}},
                                             "inner_hits": {"size": 10, "_source": ["quotes.text", "quotes.speaker"]}}}]
    if f.entity:
        flt.append({"bool": {"should": [{"term": {fld: f.entity}} for fld in FACET_FIELDS.values()],
                             "minimum_should_match": 1}})
    if f.topic:
        flt.append({"term": {"topics": f.topic}})
    if f.language:
        flt.append({"term": {"language": f.language}})
    if f.since or f.until:
        rng: dict[str, str] = {}
        if f.since:
            rng["gte"] = f.since.isoformat()
        if f.until:
            rng["lte"] = f.until.isoformat()
        flt.append({"range": {"date": rng}})
    return {"query": {"bool": {"filter": flt}}, "from": (page - 1) * size, "size": size, "track_total_hits": 10_000,
            "_source": ["id", "title", "source", "language", "date", "url"],
            "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
            "aggs": {"speakers": {"terms": {"field": "quote_speakers", "size": 15}},
                     "topics": {"terms": {"field": "topics", "size": 15}},
                     "language": {"terms": {"field": "language", "size": 5}}}}


@dataclass
class QuotedArticle:
    id: str
    title: str
    source: str
    language: str | None
    date: str | None
    quotes: list[tuple[str, str | None]]  # (text, speaker)

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in ("id", "title", "source", "language", "date")},
                "quotes": [{"text": t, "speaker": s} for t, s in self.quotes]}


@dataclass
class QuotePage:
    articles: list[QuotedArticle]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    took: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "took": self.took, "articles": [a.to_dict() for a in self.articles],
                "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()}}


def search_quotes(es: Elasticsearch, index: str, f: QuoteFilters, *, page: int = 1, size: int = 20) -> QuotePage:
    resp = es.search(index=index, **quotes_request(f, page=page, size=size))
    out = []
    for h in resp["hits"]["hits"]:
        src = h["_source"]
        inner = h.get("inner_hits", {}).get("quotes", {}).get("hits", {}).get("hits", [])
        out.append(QuotedArticle(src.get("id") or h["_id"], src.get("title") or "", src.get("source") or "",
                                 src.get("language"), src.get("date"),
                                 [(q["_source"].get("text") or "", q["_source"].get("speaker")) for q in inner]))
    aggs = resp.get("aggregations") or {}
    return QuotePage(out, int(resp["hits"]["total"]["value"]), {k: _buckets(aggs, k) for k in ("speakers", "topics", "language")},
                     int(resp.get("took") or 0))


# ---------------------------------------------------------------- an entity's articles

def entity_request(name: str, facet: str, *, latest: int = 10, co_mentions: int = 15) -> dict[str, Any]:
    """An entity's latest articles, its mentions per month by language and its co-mentioned entities (pure)."""
    if facet not in FACET_FIELDS.values():
        raise BadQuery(f"not an entity facet: {facet!r}")
    aggs: dict[str, Any] = {
        "months": {"date_histogram": {"field": "date", "calendar_interval": "month", "min_doc_count": 1},
                   "aggs": {"language": {"terms": {"field": "language", "size": 5}}}},
        **{f"co_{fld}": {"terms": {"field": fld, "size": co_mentions + 1}} for fld in FACET_FIELDS.values()},
    }
    return {"query": {"bool": {"filter": [{"term": {facet: name}}]}}, "size": latest, "track_total_hits": True,
            "_source": HIT_SOURCE, "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}], "aggs": aggs}


@dataclass
class EntityStats:
    total: int
    latest: list[Hit]
    mentions: list[tuple[str, str, int]]  # (month, language, articles)
    co_mentioned: list[tuple[str, str, int]]  # (name, facet, articles), most first
    took: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "took": self.took, "latest": [h.to_dict() for h in self.latest],
                "mentions": [{"month": m, "language": lang, "count": c} for m, lang, c in self.mentions],
                "co_mentioned": [{"name": n, "facet": f, "count": c} for n, f, c in self.co_mentioned]}


def entity_stats(es: Elasticsearch, index: str, name: str, facet: str, *, latest: int = 10,
                 co_mentions: int = 15) -> EntityStats:
    resp = es.search(index=index, **entity_request(name, facet, latest=latest, co_mentions=co_mentions))
    aggs = resp.get("aggregations") or {}
    mentions = [((b.get("key_as_string") or "")[:7], str(lb["key"]), int(lb["doc_count"]))
                for b in aggs.get("months", {}).get("buckets", []) for lb in b["language"]["buckets"]]
    co = [(n, fld, c) for fld in FACET_FIELDS.values() for n, c in _buckets(aggs, f"co_{fld}") if n != name]
    co.sort(key=lambda x: (-x[2], x[0]))
    return EntityStats(int(resp["hits"]["total"]["value"]), [_hit(h) for h in resp["hits"]["hits"]], mentions,
                       co[:co_mentions], int(resp.get("took") or 0))
