"""One function per DAG task: settings and a small reference in, its own typed result out (:mod:`ingest.results`).

setup → recover → discover → fetch (per source) → clean → enrich → index (per batch), and the
seeds. Each takes :class:`Settings` and a reference (a source name, a :class:`BatchRef`, the previous
result or its XCom form), so XCom never carries page bodies; the CLI (:mod:`ingest.runner`) runs them too.

Nothing fetched is lost: a page is archived and recorded as ``fetched`` in the
crawl state before anything else happens to it; only indexing (or a recorded
rejection) moves it on. A run that dies in between leaves it ``fetched``, and
the next run's :func:`recover` replays it from the archive.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Iterator, Sequence, TypeVar

from elasticsearch import ApiError, TransportError

from ingest import dedup, seeds
from ingest.errors import FetchError, IndexingError, IngestError, Rejected, SourceError, one_line
from ingest.models import Article, BatchRef, Candidate, Status, parse_time
from ingest.report import RunReport
from ingest.results import (Alerted, Cleaned, Discovered, Discovery, Enriched, Fetched, Indexed, Recovered, Seeded,
                            SetUp, StageResult, dedupe_candidates)
from ingest.settings import EnrichSettings, Settings
from ingest.store import archive, batches
from ingest.store.es import articles as es_articles
from ingest.store.es import indices, state
from ingest.store.es.elastic import Elastic
from ingest.urls import URLError, canonical_url, claimed_canonical, clean_url, doc_id, http_url

log = logging.getLogger(__name__)
R = TypeVar("R", bound=StageResult)


@contextmanager
def _timed(result: R) -> Iterator[R]:
    started = time.monotonic()
    try:
        yield result
    finally:
        result.seconds = time.monotonic() - started


def _result(value: StageResult | dict[str, Any], kind: type[R]) -> R:
    return value if isinstance(value, kind) else kind.from_dict(value)  # type: ignore[arg-type, return-value]


def _batch(value: BatchRef | dict[str, Any]) -> BatchRef:
    return value if isinstance(value, BatchRef) else BatchRef.from_dict(value)


# -- setup and seeds ------------------------------------------------------------

def setup(cfg: Settings) -> SetUp:
    """Apply templates, create the versioned index and aliases (idempotent)."""
    started = time.monotonic()
    es = Elastic.connect(cfg.es)
    es.wait()  # noticed within a second when it comes back
    return SetUp(seconds=time.monotonic() - started, **indices.setup(es).to_dict())


def index_seeds(cfg: Settings, run_id: str | None = None, refresh: bool | str = False) -> Seeded:
    """Enrich and index the seed articles with their stable ids; a second run changes nothing."""
    with _timed(Seeded()) as out:
        es = Elastic.connect(cfg.es)
        es.wait()
        indices.setup(es)
        articles = seeds.load_seeds(cfg.store)
        out.counts.enriched = enrich_in_place(es, cfg.enrich, articles)
        for article in articles:
            dedup.sign(article)
        upserted = es_articles.upsert_articles(es, articles, run_id=run_id, refresh=refresh)
        out.counts.add(upserted.counts())
        out.counts.seeds = len(articles)
    return out


# -- discover -------------------------------------------------------------------

def discover_source(cfg: Settings, name: str, start: datetime | None = None, end: datetime | None = None) -> Discovered:
    """Read one source (conditional GET) and list the articles worth fetching.

    New URLs are always taken; a URL already seen is taken again only when the
    feed dates its entry after our last fetch of it (an updated article). For
    a search source the interval bounds the query, so a backfill run only takes
    articles of its own interval.
    """
    from ingest import discover
    from ingest.discover.gdelt import gdelt_url
    from ingest.discover.sources import load_sources
    from ingest.fetch.client import FEED, JSON, Fetcher, Validators

    with _timed(Discovered(source=name)) as out:
        source = load_sources(cfg.discover.sources_path, names=[name], only_enabled=False)[0]
        es = Elastic.connect(cfg.es)
        is_api = source.kind == "gdelt"
        out.url = gdelt_url(source, cfg.discover.lookback_hours, start, end) if is_api else source.url
        validators = Validators() if is_api else state.get_validators(es, out.url)
        try:
            with Fetcher(cfg.fetch) as fetcher:
                answer = fetcher.fetch(out.url, accept=JSON if is_api else FEED, validators=validators)
            if answer.not_modified:
                out.counts.not_modified = 1
                return out
            entries = discover.parse(answer.content, answer.final_url, source, answer.content_type)
        except (FetchError, SourceError) as exc:
            log.warning("source %s failed: %s", name, exc)
            out.error, out.detail = exc.reason, str(exc)[:300]
            out.counts.failed = 1
            out.reason("source_failed", exc.reason)
            return out
        out.counts.discovered = len(entries)
        out.notes = list(entries.notes)
        found: dict[str, Candidate] = {}
        for e in entries:
            try:
                key = canonical_url(e.url)
            except URLError:
                out.counts.bad_urls += 1
                continue
            found.setdefault(key, Candidate(url=key, link=e.url, source=name, title=e.title, language=e.language,
                                            published_at=e.published_at.isoformat() if e.published_at else None))
        ordered = sorted(found.values(), key=lambda c: c.published_at or "", reverse=True)  # newest first
        known = state.records(es, [c.url for c in ordered])
        chosen: list[Candidate] = []
        for c in ordered:
            record = known.get(c.url)
            if record is None:
                chosen.append(c)
            elif record.get("status") in (Status.INDEXED, Status.IRRELEVANT, Status.REJECTED) and _newer(
                    c.published_at, record.get("updated_at")):
                chosen.append(Candidate(**{**c.to_dict(), "refetch": True}))
        complete = len(chosen) <= cfg.discover.max_articles_per_source
        out.candidates = chosen[: cfg.discover.max_articles_per_source]
        out.counts.updated_entries = sum(1 for c in out.candidates if c.refetch)
        out.counts.new = len(out.candidates) - out.counts.updated_entries
        out.counts.already_seen = len(ordered) - len(chosen)
        # The feed's validators are stored by fetch_source, once every candidate is
        # safely recorded: stored now, a crash or a transient failure before then
        # would leave pages that the next run's conditional GET (304) never lists
        # again. A capped list is not complete: no validators, the next run reads on.
        now = answer.validators()
        if not is_api and complete and now:
            out.feed_validators = {"etag": now.etag, "last_modified": now.last_modified}
    return out


def _newer(entry_date: str | None, last: str | None) -> bool:
    if not entry_date or not last:
        return False
    return parse_time(entry_date) > parse_time(last)


def discover_sources(cfg: Settings, names: Sequence[str] | None = None, start: datetime | None = None,
                     end: datetime | None = None) -> Discovery:
    """Every planned source read (a thread per host; a host's sources in turn), candidates deduped.

    ``results``: every source's result, for the report; ``to_fetch``: only those with
    something for fetch to do (candidates, or feed validators to store), so a
    run with nothing new maps no fetch work at all.
    """
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    from ingest.discover.sources import load_sources

    hosts: dict[str, list[str]] = {}
    for source in load_sources(cfg.discover.sources_path, names=list(names) if names else None):
        hosts.setdefault(urlsplit(source.url).netloc, []).append(source.name)
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(hosts)))) as pool:
        groups = pool.map(lambda group: [discover_source(cfg, n, start, end) for n in group], hosts.values())
        results = dedupe_candidates([r for group in groups for r in group])
    return Discovery(results)


# -- fetch ----------------------------------------------------------------------

def fetch_source(cfg: Settings, discovered: Discovered | dict[str, Any], run_id: str) -> Fetched:
    """Fetch one source's candidates, archive every page, record each outcome; a batch for clean."""
    from ingest.fetch.client import HTML, Fetcher, Validators

    found = _result(discovered, Discovered)
    name = found.source or "?"
    with _timed(Fetched(source=name, batch=BatchRef(run_id, name, "fetched"))) as out:
        es = Elastic.connect(cfg.es)
        candidates = found.candidates
        validators = {c.link: state.get_validators(es, c.url) for c in candidates if c.refetch}
        with Fetcher(cfg.fetch) as fetcher:
            answers = fetcher.fetch_many([c.link for c in candidates], accept=HTML, validators=validators)
        known = state.records(es, [c.url for c in candidates if c.refetch])
        refs, records, retry_later = [], [], 0
        for c in candidates:
            answer = answers.get(c.link)
            if not answer or isinstance(answer, FetchError):
                reason = getattr(answer, "reason", "missing")
                out.counts.failed += 1
                out.reason("fetch_failed", reason)
                if getattr(answer, "transient", False):  # retried next run
                    retry_later += 1
                else:
                    records.append(state.SeenRecord(c.url, Status.FAILED, reason=reason, source=name))
                continue
            if answer.not_modified:
                out.counts.not_modified += 1
                continue
            entry = archive.store(answer, cfg.store)  # before anything else
            if c.refetch and (known.get(c.url) or {}).get("archive_key") == entry.key:
                out.counts.unchanged += 1  # same bytes as last time: nothing to redo
                continue
            if c.refetch:
                state.put_validators(es, c.url, answer.validators())
            refs.append({**c.to_dict(), "final_url": answer.final_url, "archive_key": entry.key})
            records.append(state.SeenRecord(c.url, Status.FETCHED, archive_key=entry.key, source=name))
        state.mark_many(es, records)
        feed = found.feed_validators
        if feed and found.url and not retry_later:  # every candidate is recorded: the feed may now answer 304
            state.put_validators(es, found.url, Validators(feed.get("etag"), feed.get("last_modified")))
        batches.write_rows(cfg.store, out.batch, refs)
        out.counts.fetched = len(refs)
    return out


def recover(cfg: Settings, run_id: str) -> Recovered:
    """A batch of pages archived by an earlier run but never indexed (a crash, Elasticsearch down)."""
    with _timed(Recovered(source="_recovered", batch=BatchRef(run_id, "_recovered", "fetched"))) as out:
        es = Elastic.connect(cfg.es)
        refs = []
        for row in state.pending(es, Status.FETCHED):
            key = row.get("archive_key")
            if not key or not archive.has(key, cfg.store):
                out.counts.missing += 1
                continue
            _, meta = archive.load(key, cfg.store)
            refs.append({"url": row["key"], "link": meta.get("url"), "final_url": meta.get("final_url"),
                         "archive_key": key, "source": row.get("source") or "recovered"})
        batches.write_rows(cfg.store, out.batch, refs)
        out.counts.recovered = len(refs)
    return out


def nonempty_batches(results: Sequence[Fetched | Recovered | dict[str, Any] | None]) -> list[BatchRef]:
    """The batches of fetch and recover results that hold pages: no empty clean/enrich/index work."""
    out = []
    for value in results:
        if value:
            r = _result(value, StageResult)
            if (r.counts.fetched if isinstance(r, Fetched) else getattr(r.counts, "recovered", 0)) and r.batch:
                out.append(r.batch)  # only a fetch or a recover result counts pages: both have a batch
    return out


# -- clean ----------------------------------------------------------------------

def clean_batch(cfg: Settings, batch: BatchRef | dict[str, Any]) -> Cleaned:
    """Archived pages → Article records, dropping (and recording) rejected and irrelevant ones.

    A bug while cleaning one page (an exception outside :mod:`ingest.errors`) is no rejection: it is
    logged with its traceback and counted as ``failed`` (reason ``bug: TypeError``, say), and the page
    stays archived and pending, for a run after the fix to clean it."""
    ref = _batch(batch)
    with _timed(Cleaned(source=ref.name, batch=ref.next("clean"))) as out:
        articles, records = [], []
        for row in batches.read_rows(cfg.store, ref):
            try:
                articles.append(article_from_archive(cfg, row))
                continue
            except Rejected as exc:
                status = Status.IRRELEVANT if exc.reason == "irrelevant" else Status.REJECTED
                reason = exc.detail if status == Status.IRRELEVANT else exc.reason
            except IngestError:
                raise  # the archive or the settings: the stage fails as a whole
            except Exception as exc:  # a bug: this page's, not the batch's
                log.exception("cleaning %s failed on a bug", row.get("url"))
                out.counts.failed += 1
                out.reason("clean_failed", f"bug: {type(exc).__name__}")
                continue
            if status == Status.IRRELEVANT:
                out.counts.irrelevant += 1
                out.reason("irrelevant", reason.split("(")[0])
            else:
                out.counts.rejected += 1
                out.reason("rejected", reason)
            records.append(state.SeenRecord(row["url"], status, archive_key=row["archive_key"], reason=reason,
                                            source=row.get("source")))
        if records:
            state.mark_many(Elastic.connect(cfg.es), records)
        batches.write_articles(cfg.store, out.batch, articles)
        out.counts.cleaned = len(articles)
    return out


def article_from_archive(cfg: Settings, row: dict[str, Any], *, keep_irrelevant: bool = False) -> Article:
    """One archived page → an Article; :class:`Rejected` (reason ``irrelevant`` or why not) otherwise.

    A row whose ``url`` is no web address (a file added without one, ``urn:sha256:…``)
    gives its own ``id``: the page's canonical claim is then not trusted.
    """
    from ingest.discover.sources import timezones
    from ingest.extract import extract_any
    from ingest.filter import relevance

    raw, meta = archive.load(row["archive_key"], cfg.store)
    web = http_url(row["url"]) is not None
    final_url = (row.get("final_url") or meta.get("final_url") or row["url"]) if web else None
    cleaned = extract_any(raw, final_url, (meta.get("headers") or {}).get("content-type"), parse_time(meta.get("fetched_at")),
                     timezones(cfg.discover.sources_path).get(row.get("source") or ""))  # the source's zone, if it names one
    if cleaned.paywalled:  # a teaser is no article to search: recorded, archived, not indexed
        raise Rejected("paywall")
    rel = relevance.score(cleaned.title, cleaned.body, threshold=cfg.clean.relevance_threshold)
    if not rel.relevant and not keep_irrelevant:
        raise Rejected("irrelevant", rel.reason)
    canonical = claimed_canonical(final_url, cleaned.canonical_url, known_as=row["url"]) if final_url else row["url"]
    article = Article(
        id=row.get("id") or doc_id(canonical),
        url=clean_url(final_url) if final_url else row["url"],  # the address to show: no tracking parameters
        canonical_url=canonical,
        title=cleaned.title or row.get("title") or "",
        body=cleaned.body,
        summary=cleaned.summary,
        source=row.get("source") or "",
        site_name=cleaned.site_name,
        published_at=cleaned.published_at or parse_time(row.get("published_at")),
        published_precision=getattr(cleaned, "published_precision", None) if cleaned.published_at else None,
        fetched_at=parse_time(meta.get("fetched_at")),
        language=cleaned.language or row.get("language"),
        authors=cleaned.authors,
        relevance_score=rel.score,
        relevance_reason=rel.reason,
        notes=list(cleaned.notes),
        archive_key=row["archive_key"],
        origin=row["url"],
    )
    dedup.sign(article)
    return article


# -- enrich ---------------------------------------------------------------------

def enrich_in_place(es: Elastic, cfg: EnrichSettings, articles: Sequence[Article]) -> int:
    """Enrich articles, reusing the stored enrichment of any whose content is unchanged."""
    from ingest.enrich.enrich import enrich_articles

    stored = es_articles.existing_docs(es, [a.id for a in articles])
    for article in articles:
        old = stored.get(article.id)
        if old and old.get("content_hash") == article.content_hash and old.get("enriched_hash") == article.content_hash:
            previous = Article.from_doc(old)
            article.entities, article.quotes, article.topics = previous.entities, previous.quotes, previous.topics
            article.enriched_hash = previous.enriched_hash
    return enrich_articles(articles, cfg)


def enrich_batch(cfg: Settings, batch: BatchRef | dict[str, Any], reuse: bool = True) -> Enriched:
    """Entities, quotes and topics for a batch; unchanged articles are never enriched twice.

    ``reuse=False`` enriches every article again (a replay after a KB change).
    """
    from ingest.enrich import pool
    from ingest.enrich.enrich import enrich_articles

    ref = _batch(batch)
    with _timed(Enriched(source=ref.name, batch=ref.next("enriched"))) as out:
        articles = batches.read_articles(cfg.store, ref)
        try:
            if articles:
                out.counts.enriched = (enrich_in_place(Elastic.connect(cfg.es), cfg.enrich, articles) if reuse
                                       else enrich_articles(articles, cfg.enrich))
        finally:
            pool.shutdown()  # the task's workers end with the task
        out.counts.reused = len(articles) - out.counts.enriched
        batches.write_articles(cfg.store, out.batch, articles)
    return out


# -- index ----------------------------------------------------------------------

def index_batch(cfg: Settings, batch: BatchRef | dict[str, Any], run_id: str, refresh: bool | str = False) -> Indexed:
    """Bulk upsert a batch by id; record each URL as indexed (or dead-lettered)."""
    ref = _batch(batch)
    with _timed(Indexed(source=ref.name, batch=ref)) as out:
        articles = batches.read_articles(cfg.store, ref)
        es = Elastic.connect(cfg.es)
        es.wait()
        try:
            if articles:
                stored = es_articles.existing_docs(es, [a.id for a in articles])
                out.counts.clustered = dedup.assign_clusters(
                    articles, lambda bands, exclude: es_articles.near_duplicates(es, bands, exclude),
                    {k: v.get("cluster_id") for k, v in stored.items()})
            upserted = es_articles.upsert_articles(es, articles, run_id=run_id, refresh=refresh)
            failed = {f["id"]: f["reason"][:200] for f in upserted.failed}
            state.mark_many(es, [
                state.SeenRecord(a.origin or a.canonical_url, Status.DEAD_LETTER if a.id in failed else Status.INDEXED,
                                 archive_key=a.archive_key, content_hash=a.content_hash, source=a.source,
                                 reason=failed.get(a.id))
                for a in {a.id: a for a in articles}.values()
            ])
        except (TransportError, ApiError) as exc:  # Elasticsearch died mid-run: one line; the pages stay `fetched`
            raise IndexingError(f"indexing failed: {type(exc).__name__}: {one_line(exc, 300)}") from None
        out.counts.add(upserted.counts())
        for reason in failed.values():
            out.reason("dead_letter", reason.split(":")[0][:80])
    return out


# -- alerts ---------------------------------------------------------------------

def alerts(cfg: Settings, since: datetime | str | None, run_id: str, mailer: Any = None) -> Alerted:
    """The saved searches over the articles indexed since ``since``, by story (:func:`ingest.alerts.run.alerted`)."""
    from ingest.alerts.run import alerted

    with _timed(Alerted()) as out:
        es = Elastic.connect(cfg.es)
        es.wait()
        alerted(out, es, cfg.alerts, cfg.fetch, parse_time(since) if isinstance(since, str) else since, run_id, mailer)
    return out


# -- report ---------------------------------------------------------------------

def write_report(cfg: Settings, run_id: str, results: Sequence[Any], started_at: datetime | None = None,
                 failed_stages: Sequence[str] = (), errors: dict[str, str] | None = None) -> RunReport:
    """The run report from every stage's result (lists from mapped tasks flattened; None for a failed task).

    ``failed_stages`` names the tasks that failed as a whole (``errors`` says why): the run is then ``failed``.
    """
    from ingest import report
    from ingest.store.es import runs

    flat: list[StageResult | dict[str, Any]] = []
    for item in results:
        if isinstance(item, (StageResult, dict)):
            flat.append(item)
        elif item is not None:
            # a slice, not iteration: Airflow's lazy XCom sequence fetches it in one request
            flat.extend(r for r in item[:] if isinstance(r, (StageResult, dict)))
    done = report.build(run_id, flat, started_at, failed_stages, errors)
    runs.write(Elastic.connect(cfg.es), done)
    return done
