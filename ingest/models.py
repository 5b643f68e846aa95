"""The records that flow through the pipeline.

* :class:`Article`: each stage fills in its part (clean: text and metadata;
  dedup: ids and hashes; enrich: entities, quotes, topics) and
  :meth:`Article.to_doc` turns it into the document of ``mappings/articles.json``.
* :class:`Candidate`: a URL a source listed, before it is fetched.
* :class:`BatchRef`: where a stage left its batch for the next one (XCom carries
  this, never page bodies).
* :class:`Counts`: a run's totals, typed, so a misspelt count is an error rather
  than a silent zero in the run report (each stage's own result: :mod:`ingest.results`).
* :class:`Status` (an URL's state in the crawl) and :class:`RunStatus`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

from ingest.lang import ko, ru

PIPELINE_VERSION = "1"

# The document fields derived from title and body (Article.analysed_fields): Korean morphemes (title_ko,
# body_ko), and (mapping v6) the title and body again under the field of each script they contain, where
# the Russian or Korean analysis runs (title_ru, body_ru, title_nori, body_nori) only for text in that script.
SCRIPT_COPIES = {"_ru": ru.has_cyrillic, "_nori": ko.has_hangul}
ANALYSED_FIELDS = ("title_ko", "body_ko", *(f"{f}{s}" for s in SCRIPT_COPIES for f in ("title", "body")))

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
    native: str | None = None  # a name outside the KB: the form the text wrote (Hangul, Cyrillic)
    in_kb: bool | None = None  # False: a name outside the KB, romanised (ingest.enrich.romanise)


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
    published_at: datetime | None = None  # with the outlet's own offset (ingest.extract.dates)
    fetched_at: datetime | None = None
    first_seen_at: datetime = field(default_factory=utcnow)
    published_precision: str | None = None  # "second", "minute" or "day" (a date shown without a time)
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
    notes: list[str] = field(default_factory=list)  # what extraction could not read (ingest.extract: markup_too_deep)
    archive_key: str | None = None  # sha256 of the raw page in the archive
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    enriched_hash: str | None = None  # content hash the enrichment was computed on
    # Not part of the document: the discovered URL that keys this article's crawl state.
    origin: str | None = field(default=None, compare=False)
    # Not part of the document: title_ko/body_ko for (title, body), kept from the batch file they
    # were read from, so the analysis runs once per article and not again in every stage.
    _analysed: tuple[str, str, dict[str, Any]] | None = field(default=None, init=False, repr=False, compare=False)

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

    def to_doc(self, analysed: bool = True) -> dict[str, Any]:
        """The Elasticsearch document (see mappings/articles.json).

        ``analysed=False`` leaves out the fields derived from title and body by
        Korean analysis (:meth:`analysed_fields`), the costly part: enough to tell
        whether a stored document changed.
        """
        doc: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "source": self.source,
            "site_name": self.site_name,
            "title": self.title,
            "body": self.body,
            **(self.analysed_fields() if analysed else {}),
            "summary": self.summary,
            "published_at": _iso(self.published_at),
            "published_local_date": self.published_at.date().isoformat() if self.published_at else None,
            "published_precision": self.published_precision if self.published_at else None,
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
            # written out: dataclasses.asdict deep-copies each field, most of to_doc's cost
            "entities": [{"name": e.name, "type": e.type, "count": e.count, "wikidata": e.wikidata, "native": e.native,
                          "in_kb": e.in_kb} for e in self.entities],
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in self.quotes],
            "quote_speakers": sorted({q.speaker for q in self.quotes if q.speaker}),
            "topics": list(self.topics),
            "enriched_hash": self.enriched_hash,
            "pipeline_version": PIPELINE_VERSION,
        }
        for etype, facet in FACET_FIELDS.items():
            doc[facet] = sorted({e.name for e in self.entities if e.type == etype})
        if self.notes:  # only then: a stored article without notes hashes (and compares) as it did before
            doc["notes"] = list(self.notes)
        return doc

    def analysed_fields(self) -> dict[str, Any]:
        """What the document derives from title and body (:data:`ANALYSED_FIELDS`): Korean analysed here
        (title_ko/body_ko, split on whitespace by the index: ingest.lang.ko), and :func:`script_copies`."""
        memo = self._analysed
        if memo is None or memo[0] != self.title or memo[1] != self.body:
            memo = self._analysed = (self.title, self.body,
                                     {"title_ko": ko.index_text(self.title), "body_ko": ko.index_text(self.body)})
        return {**memo[2], **script_copies(self.title, self.body)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Article":
        """Rebuild the record from an indexed document (the inverse of to_doc)."""
        article = cls(
            id=doc["id"],
            url=doc["url"],
            title=doc.get("title") or "",
            body=doc.get("body") or "",
            source=doc.get("source") or "",
            canonical_url=doc.get("canonical_url") or "",
            summary=doc.get("summary") or "",
            published_at=parse_time(doc.get("published_at")),
            published_precision=doc.get("published_precision"),
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
            notes=list(doc.get("notes") or []),
            archive_key=doc.get("archive_key"),
            entities=[Entity(**e) for e in doc.get("entities") or []],
            quotes=[Quote(**q) for q in doc.get("quotes") or []],
            topics=list(doc.get("topics") or []),
            enriched_hash=doc.get("enriched_hash"),
        )
        if "title_ko" in doc and "body_ko" in doc:  # written by to_doc for this title and body
            article._analysed = (article.title, article.body, {"title_ko": doc["title_ko"], "body_ko": doc["body_ko"]})
        return article


def script_copies(title: str | None, body: str | None) -> dict[str, str]:
    """The title and body again under ``title_ru``/``body_ru`` when they have Cyrillic words, under
    ``title_nori``/``body_nori`` when they have Hangul (pure; mapping v6).

    The Russian and Korean analyses run only on text they can match: as sub-fields
    of every title and body (v5) they analysed each English article twice more for
    nothing, a query word in one script never matching text in another.
    """
    out: dict[str, str] = {}
    for name, text in (("title", title), ("body", body)):
        for suffix, has_script in SCRIPT_COPIES.items():
            if text and has_script(text):
                out[f"{name}{suffix}"] = text
    return out


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as stored (``Z`` allowed), always timezone-aware (UTC when none is given)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# -- crawl and run states ----------------------------------------------------------

class Status(StrEnum):
    """Where one URL stands in the crawl state (``ingest-state``)."""

    FETCHED = "fetched"  # archived, not yet indexed: recovery replays it
    INDEXED = "indexed"
    IRRELEVANT = "irrelevant"
    REJECTED = "rejected"  # no article to keep (empty, paywall teaser, ...)
    FAILED = "failed"  # a permanent fetch failure
    DEAD_LETTER = "dead_letter"  # Elasticsearch refused the document


class RunStatus(StrEnum):
    SUCCESS = "success"
    PARTIAL = "partial"  # some pages or sources failed, the run went on
    FAILED = "failed"  # a stage failed as a whole


class Stage(StrEnum):
    SETUP = "setup"
    RECOVER = "recover"
    DISCOVER = "discover"
    FETCH = "fetch"
    CLEAN = "clean"
    ENRICH = "enrich"
    INDEX = "index"
    SEEDS = "seeds"
    ALERTS = "alerts"


# -- references passed between stages ----------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """A URL a source listed: ``url`` is its canonical key, ``link`` the address to fetch."""

    url: str
    link: str
    source: str
    title: str = ""
    published_at: str | None = None
    language: str | None = None
    refetch: bool = False  # seen before, listed again with a newer date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Candidate":
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class BatchRef:
    """A batch file of one run: ``<runs>/<run_id>/<name>.<stage>.jsonl`` (see :mod:`ingest.store.batches`)."""

    run_id: str
    name: str
    stage: str

    def next(self, stage: str) -> "BatchRef":
        return BatchRef(self.run_id, self.name, stage)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BatchRef":
        return cls(str(data["run_id"]), str(data["name"]), str(data["stage"]))


# -- stage results ----------------------------------------------------------------------

@dataclass(slots=True)
class Counts:
    """A run's totals: every number a stage can report, added up field by field by the run report
    (each stage's own result, :mod:`ingest.results`, keeps only its own).

    Slots: a misspelt count is an AttributeError when written, not a new attribute.
    """

    discovered: int = 0
    new: int = 0
    updated_entries: int = 0  # listed again with a newer date
    already_seen: int = 0
    bad_urls: int = 0
    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    failed: int = 0
    recovered: int = 0
    missing: int = 0  # pending in the state, gone from the archive
    cleaned: int = 0
    rejected: int = 0
    irrelevant: int = 0
    enriched: int = 0
    reused: int = 0
    indexed: int = 0
    updated: int = 0
    clustered: int = 0
    seeds: int = 0
    watches: int = 0  # saved searches run after the indexing
    invalid_watches: int = 0  # saved searches that could not run (reported, skipped)
    matched: int = 0  # new articles they matched
    stories: int = 0  # new stories recorded for alerting
    queued: int = 0  # waiting for a daily digest
    delivered: int = 0  # stories delivered
    delivery_failed: int = 0  # deliveries that failed (retried next run): the run is partial

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Counts":
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown count(s): {', '.join(sorted(unknown))}")
        return cls(**{k: int(v) for k, v in data.items()})
