"""The one record that flows through every stage: ``Article``.

Each stage fills in its part (clean: text and metadata; dedup: ids and hashes;
enrich: entities, quotes, topics) and :meth:`Article.to_doc` turns the record
into the Elasticsearch document described by ``mappings/articles.json``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

PIPELINE_VERSION = "1"

# Entity types with a keyword facet of their own in the index.
FACET_FIELDS = {"person": "persons", "organization": "organizations", "location": "locations"}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def content_hash(title: str, body: str) -> str:
    """Hash of what a reader sees; unchanged re-fetches hash the same."""
    normal = " ".join(f"{title}\n{body}".split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass
class Entity:
    name: str  # canonical name where the KB knows it, else a normalised mention
    type: str  # person, organization, location, or another lowercase type
    count: int = 1
    wikidata: str | None = None


@dataclass
class Quote:
    text: str
    speaker: str | None = None


@dataclass
class Article:
    id: str
    url: str
    title: str
    body: str
    source: str = ""
    canonical_url: str = ""
    summary: str = ""
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    first_seen_at: datetime = field(default_factory=utcnow)
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    seed: bool = False
    content_hash: str = ""
    previous_content_hashes: list[str] = field(default_factory=list)
    cluster_id: str | None = None
    minhash: str | None = None  # encoded MinHash signature of the body (ingest.dedup)
    minhash_bands: list[str] = field(default_factory=list)  # LSH keys: near-duplicate candidates share one
    relevance_score: float | None = None
    relevance_reason: str | None = None
    archive_key: str | None = None  # sha256 of the raw page in the archive
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    enriched_hash: str | None = None  # content hash the enrichment was computed on
    # Not part of the document: the discovered URL that keys this article's crawl state.
    origin: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.body)
        if not self.canonical_url:
            self.canonical_url = self.url

    @property
    def date(self) -> datetime:
        """The time field every document has: published, else first seen."""
        return self.published_at or self.first_seen_at

    @property
    def date_source(self) -> str:
        return "published" if self.published_at else "first_seen"

    def to_doc(self) -> dict[str, Any]:
        """The Elasticsearch document (see mappings/articles.json)."""
        doc: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "source": self.source,
            "site_name": self.site_name,
            "title": self.title,
            "body": self.body,
            "summary": self.summary,
            "published_at": _iso(self.published_at),
            "fetched_at": _iso(self.fetched_at),
            "first_seen_at": _iso(self.first_seen_at),
            "date": _iso(self.date),
            "date_source": self.date_source,
            "language": self.language,
            "authors": list(self.authors),
            "seed": self.seed,
            "content_hash": self.content_hash,
            "previous_content_hashes": list(self.previous_content_hashes),
            "cluster_id": self.cluster_id,
            "minhash": self.minhash,
            "minhash_bands": list(self.minhash_bands),
            "relevance_score": self.relevance_score,
            "relevance_reason": self.relevance_reason,
            "archive_key": self.archive_key,
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "quote_speakers": sorted({q.speaker for q in self.quotes if q.speaker}),
            "topics": list(self.topics),
            "enriched_hash": self.enriched_hash,
            "pipeline_version": PIPELINE_VERSION,
        }
        for etype, facet in FACET_FIELDS.items():
            doc[facet] = sorted({e.name for e in self.entities if e.type == etype})
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Article":
        """Rebuild the record from an indexed document (the inverse of to_doc)."""
        return cls(
            id=doc["id"],
            url=doc["url"],
            title=doc.get("title") or "",
            body=doc.get("body") or "",
            source=doc.get("source") or "",
            canonical_url=doc.get("canonical_url") or "",
            summary=doc.get("summary") or "",
            published_at=parse_time(doc.get("published_at")),
            fetched_at=parse_time(doc.get("fetched_at")),
            first_seen_at=parse_time(doc.get("first_seen_at")) or utcnow(),
            language=doc.get("language"),
            authors=list(doc.get("authors") or []),
            site_name=doc.get("site_name"),
            seed=bool(doc.get("seed")),
            content_hash=doc.get("content_hash") or "",
            previous_content_hashes=list(doc.get("previous_content_hashes") or []),
            cluster_id=doc.get("cluster_id"),
            minhash=doc.get("minhash"),
            minhash_bands=list(doc.get("minhash_bands") or []),
            relevance_score=doc.get("relevance_score"),
            relevance_reason=doc.get("relevance_reason"),
            archive_key=doc.get("archive_key"),
            entities=[Entity(**e) for e in doc.get("entities") or []],
            quotes=[Quote(**q) for q in doc.get("quotes") or []],
            topics=list(doc.get("topics") or []),
            enriched_hash=doc.get("enriched_hash"),
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as stored (``Z`` allowed), always timezone-aware (UTC when none is given)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
