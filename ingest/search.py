"""Queries and highlights for the command line.

A query string uses Elasticsearch's simple query syntax ("quoted phrases",
``-exclude``, ``a | b``); every word must match somewhere (title, body in
English, Russian and CJK analysis, entity names, quote speakers and texts).
An unquoted multi-word query also boosts documents where the words stand
together, so ``red line`` ranks the phrase first. Filters narrow by facet.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from elasticsearch import Elasticsearch

from ingest.settings import Settings

TEXT_FIELDS = [
    "title^3",
    "title.exact^2",
    "title.ru^2",
    "title.cjk^2",
    "summary^1.5",
    "body",
    "body.exact",
    "body.ru",
    "body.cjk",
    "persons.text^2",
    "organizations.text",
    "locations.text",
    "quote_speakers.text",
    "authors.text",
]
HIGHLIGHT = {
    "pre_tags": ["<em>"],
    "post_tags": ["</em>"],
    "fields": {
        "title": {"number_of_fragments": 0},
        # unified highlighter, on the postings' offsets; whole sentences up to ~250 characters
        "body": {"fragment_size": 250, "number_of_fragments": 3, "boundary_scanner": "sentence"},
    },
}
FILTER_FIELDS = {
    "person": "persons",
    "organization": "organizations",
    "location": "locations",
    "topic": "topics",
    "source": "source",
    "language": "language",
    "speaker": "quote_speakers",
}


@dataclass
class Filters:
    person: list[str] = field(default_factory=list)
    organization: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    speaker: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None


@dataclass
class Hit:
    id: str
    title: str
    url: str | None
    source: str
    published_at: str | None
    date: str | None
    score: float | None
    highlights: list[str]
    persons: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_ADJACENT = re.compile(r"</em>(\s+)<em>")


def merge_marks(fragment: str) -> str:
    """One mark over a highlighted phrase: ``<em>red</em> <em>line</em>`` → ``<em>red line</em>``."""
    return _ADJACENT.sub(r"\1", fragment)


def build_query(text: str, filters: Filters | None = None) -> dict[str, Any]:
    """The Elasticsearch query for a search box string and facet filters (pure)."""
    filters = filters or Filters()
    must: list[dict[str, Any]] = []
    should: list[dict[str, Any]] = []
    text = text.strip()
    if text:
        must.append(
            {
                "bool": {
                    "should": [
                        {
                            "simple_query_string": {
                                "query": text,
                                "fields": TEXT_FIELDS,
                                "default_operator": "and",
                            }
                        },
                        {
                            "nested": {
                                "path": "quotes",
                                "query": {
                                    "simple_query_string": {
                                        "query": text,
                                        "fields": ["quotes.text", "quotes.speaker.text"],
                                        "default_operator": "and",
                                    }
                                },
                            }
                        },
                    ]
                }
            }
        )
        if " " in text and '"' not in text:
            should.append({"multi_match": {"query": text, "type": "phrase", "fields": ["title^3", "body"], "boost": 2}})
    flt: list[dict[str, Any]] = []
    for attr, es_field in FILTER_FIELDS.items():
        values = getattr(filters, attr)
        if values:
            flt.append({"terms": {es_field: values}})
    if filters.since or filters.until:
        rng: dict[str, str] = {}
        if filters.since:
            rng["gte"] = filters.since.isoformat()
        if filters.until:
            rng["lte"] = filters.until.isoformat()
        flt.append({"range": {"date": rng}})
    query: dict[str, Any] = {"bool": {"must": must or [{"match_all": {}}], "should": should, "filter": flt}}
    return query


def search(
    es: Elasticsearch,
    cfg: Settings,
    text: str,
    *,
    size: int = 10,
    filters: Filters | None = None,
) -> list[Hit]:
    """Ranked hits for a query; newest first when there is no query text."""
    body: dict[str, Any] = {
        "query": build_query(text, filters),
        "size": size,
        "highlight": HIGHLIGHT,
        "track_total_hits": False,  # the CLI shows hits, not a total: counting every match costs
        "_source": ["id", "title", "url", "source", "published_at", "date", "persons", "topics", "summary", "body"],
    }
    if not text.strip():
        body["sort"] = [{"date": "desc"}]
    resp = es.search(index=cfg.articles_alias, **body)
    hits = []
    for h in resp["hits"]["hits"]:
        src = h["_source"]
        hl = h.get("highlight", {})
        fragments = [merge_marks(f) for f in hl.get("title", []) + hl.get("body", [])]
        if not fragments:  # matched on a facet or a quote: show the lead
            fragments = [(src.get("summary") or src.get("body") or "")[:200]]
        hits.append(
            Hit(
                id=src.get("id") or h["_id"],
                title=src.get("title") or "",
                url=src.get("url") or None,
                source=src.get("source") or "",
                published_at=src.get("published_at"),
                date=src.get("date"),
                score=h.get("_score"),
                highlights=fragments,
                persons=src.get("persons") or [],
                topics=src.get("topics") or [],
            )
        )
    return hits
