"""What each stage returns: one small typed result per stage, each with only its own fields and counts.

========================  ==========================================  =========================
stage function            result                                      counts
========================  ==========================================  =========================
``setup``                 :class:`SetUp` (the index, the analysis)    none
``recover``               :class:`Recovered` (a batch)                recovered, missing
``discover_source``       :class:`Discovered` (candidates, validators) discovered, new, ...
``fetch_source``          :class:`Fetched` (a batch)                  fetched, not_modified, ...
``clean_batch``           :class:`Cleaned` (a batch)                  cleaned, rejected, irrelevant, failed
``enrich_batch``          :class:`Enriched` (a batch)                 enriched, reused
``index_batch``           :class:`Indexed` (the batch indexed)        indexed, updated, ...
``index_seeds``           :class:`Seeded`                             seeds, enriched, indexed, ...
``alerts``                :class:`Alerted` (the window)               watches, delivered, ...
========================  ==========================================  =========================

:meth:`StageResult.to_dict` and :meth:`StageResult.from_dict` are the one XCom form of them all
(``stage`` names the class); the run report (:mod:`ingest.report`) adds every result's counts up by
name into :class:`~ingest.models.Counts`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, Sequence

from ingest.models import BatchRef, Candidate, Counts, Stage


@dataclass(slots=True)
class StageCounts:
    """A stage's own numbers. Slots: a misspelt count is an AttributeError when written."""

    def __add__(self, other: "StageCounts") -> "StageCounts":
        return type(self)(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def add(self, other: "StageCounts | Counts") -> None:
        """Add another set of counts in place, by name; a count this stage does not keep is an error."""
        for f in fields(other):
            if getattr(other, f.name):
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StageCounts":
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown count(s) for {cls.__name__}: {', '.join(sorted(unknown))}")
        return cls(**{k: int(v) for k, v in data.items()})


@dataclass(slots=True)
class NoCounts(StageCounts):
    pass


@dataclass(slots=True)
class DiscoverCounts(StageCounts):
    discovered: int = 0
    new: int = 0
    updated_entries: int = 0  # listed again with a newer date
    already_seen: int = 0
    bad_urls: int = 0
    not_modified: int = 0
    failed: int = 0  # the source could not be read


@dataclass(slots=True)
class FetchCounts(StageCounts):
    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0  # the same bytes as last time
    failed: int = 0


@dataclass(slots=True)
class RecoverCounts(StageCounts):
    recovered: int = 0
    missing: int = 0  # pending in the state, gone from the archive


@dataclass(slots=True)
class CleanCounts(StageCounts):
    cleaned: int = 0
    rejected: int = 0
    irrelevant: int = 0
    failed: int = 0  # a bug while cleaning a page (reason "bug: TypeError")


@dataclass(slots=True)
class EnrichCounts(StageCounts):
    enriched: int = 0
    reused: int = 0


@dataclass(slots=True)
class IndexCounts(StageCounts):
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0  # dead-lettered
    clustered: int = 0


@dataclass(slots=True)
class SeedCounts(StageCounts):
    seeds: int = 0
    enriched: int = 0
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


@dataclass(slots=True)
class AlertCounts(StageCounts):
    watches: int = 0
    invalid_watches: int = 0
    matched: int = 0
    stories: int = 0
    queued: int = 0
    delivered: int = 0
    delivery_failed: int = 0


@dataclass
class StageResult:
    """What every stage's result has: how long it took and why things were dropped. JSON-safe through
    :meth:`to_dict` (XCom, the run report); :meth:`from_dict` gives back the stage's own class."""

    stage: ClassVar[Stage]
    seconds: float = 0.0
    # kind -> reason -> n, e.g. {"fetch_failed": {"timeout": 2}}
    reasons: dict[str, dict[str, int]] = field(default_factory=dict)
    counts: StageCounts = field(default_factory=NoCounts)  # each stage's own class

    def reason(self, kind: str, reason: str, n: int = 1) -> None:
        bucket = self.reasons.setdefault(kind, {})
        bucket[reason] = bucket.get(reason, 0) + n

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"stage": str(self.stage)}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "seconds":
                value = round(value, 3)
            elif f.name == "candidates":
                value = [c.to_dict() for c in value]
            elif hasattr(value, "to_dict"):  # counts, a batch
                value = value.to_dict()
            elif isinstance(value, (list, dict)):
                value = type(value)(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StageResult":
        kind = RESULTS[Stage(data["stage"])]
        if not issubclass(kind, cls):
            raise ValueError(f"a {data['stage']} result is no {cls.__name__}")
        values: dict[str, Any] = {}
        for f in fields(kind):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "seconds":
                value = float(value or 0.0)
            elif f.name == "counts":
                value = f.default_factory.from_dict(value or {})  # type: ignore[misc, union-attr]
            elif f.name == "batch":
                value = BatchRef.from_dict(value) if value else None
            elif f.name == "candidates":
                value = [Candidate.from_dict(c) for c in value or []]
            elif f.name == "reasons":
                value = {k: dict(v) for k, v in (value or {}).items()}
            elif isinstance(value, list):
                value = list(value)
            values[f.name] = value
        return kind(**values)


@dataclass
class SetUp(StageResult):
    """The templates applied, the article index behind the aliases, the analysis this server gives."""

    stage: ClassVar[Stage] = Stage.SETUP
    templates: list[str] = field(default_factory=list)
    index: str = ""
    created: bool = False
    migrated_from: str | None = None
    analyzers_replaced: list[str] = field(default_factory=list)
    analysis: str = ""


@dataclass
class Discovered(StageResult):
    """One source read: the candidates worth fetching, and the feed's validators to store once they are."""

    stage: ClassVar[Stage] = Stage.DISCOVER
    source: str | None = None
    counts: DiscoverCounts = field(default_factory=DiscoverCounts)
    url: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    feed_validators: dict[str, str | None] | None = None
    error: str | None = None  # the source failed as a whole: its reason
    detail: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Batched(StageResult):
    source: str | None = None
    batch: BatchRef | None = None


@dataclass
class Recovered(_Batched):
    """Pages archived by an earlier run and never indexed, as a batch for clean."""

    stage: ClassVar[Stage] = Stage.RECOVER
    counts: RecoverCounts = field(default_factory=RecoverCounts)


@dataclass
class Fetched(_Batched):
    """One source's candidates fetched and archived, as a batch for clean."""

    stage: ClassVar[Stage] = Stage.FETCH
    counts: FetchCounts = field(default_factory=FetchCounts)


@dataclass
class Cleaned(_Batched):
    stage: ClassVar[Stage] = Stage.CLEAN
    counts: CleanCounts = field(default_factory=CleanCounts)


@dataclass
class Enriched(_Batched):
    stage: ClassVar[Stage] = Stage.ENRICH
    counts: EnrichCounts = field(default_factory=EnrichCounts)


@dataclass
class Indexed(_Batched):
    stage: ClassVar[Stage] = Stage.INDEX
    counts: IndexCounts = field(default_factory=IndexCounts)


@dataclass
class Seeded(StageResult):
    stage: ClassVar[Stage] = Stage.SEEDS
    counts: SeedCounts = field(default_factory=SeedCounts)


@dataclass
class Alerted(StageResult):
    """The saved searches run over the new articles: what they matched, what was delivered, what failed
    (``reasons``: ``alert_failed`` and ``watch_invalid``, by saved search; never a URL or a secret)."""

    stage: ClassVar[Stage] = Stage.ALERTS
    counts: AlertCounts = field(default_factory=AlertCounts)
    since: str | None = None  # the window's start: articles indexed since then


RESULTS: dict[Stage, type[StageResult]] = {
    k.stage: k for k in (SetUp, Discovered, Recovered, Fetched, Cleaned, Enriched, Indexed, Seeded, Alerted)}


def dedupe_candidates(discovered: Sequence[Discovered | dict[str, Any]]) -> list[Discovered]:
    """Each canonical URL fetched once per run: a candidate an earlier source listed is dropped."""
    seen: set[str] = set()
    out = []
    for value in discovered:
        found = value if isinstance(value, Discovered) else Discovered.from_dict(value)
        kept = [c for c in found.candidates if c.url not in seen]
        dropped = [c for c in found.candidates if c.url in seen]
        seen.update(c.url for c in kept)
        if dropped:
            found.candidates = kept
            found.counts.updated_entries -= sum(1 for c in dropped if c.refetch)
            found.counts.new -= sum(1 for c in dropped if not c.refetch)
            found.reason("duplicate", "listed by another source", len(dropped))
        out.append(found)
    return out


@dataclass
class Discovery:
    """Every source's discover result (for the report) and those fetch has work for."""

    results: list[Discovered] = field(default_factory=list)

    @property
    def to_fetch(self) -> list[Discovered]:
        """Only results with candidates or feed validators to store: a run with nothing new maps no fetch work."""
        return [r for r in self.results if r.candidates or r.feed_validators]


__all__ = ["StageResult", "StageCounts", "SetUp", "Discovered", "Recovered", "Fetched", "Cleaned", "Enriched",
           "Indexed", "Seeded", "Alerted", "Discovery", "RESULTS", "dedupe_candidates"]
