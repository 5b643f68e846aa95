"""The pipeline's stages as plain functions: what each Airflow task calls.

discover (per source) → fetch (per source) → clean → enrich → index, plus
setup, recovery of pages archived but never indexed, the seeds, and the run
report. Each function takes settings and small references (source names,
batch file paths, run ids) and returns a small JSON-safe summary, so XCom
never carries page bodies. The same functions serve the CLI, so everything
runs without Airflow too.

Nothing fetched is lost: a page is archived and recorded as ``fetched`` in the
crawl state before anything else happens to it; only indexing (or a recorded
rejection) moves it on. A run that dies in between leaves it ``fetched``, and
the next run's :func:`recover` replays it from the archive.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from elasticsearch import ApiError, TransportError

from . import archive, batches, dedup, index, seeds, state
from . import es as es_mod
from .article import Article, parse_time
from .config import Settings

log = logging.getLogger(__name__)


def _summary(stage: str, started: float, **fields: Any) -> dict[str, Any]:
    return {"stage": stage, "seconds": round(time.monotonic() - started, 3), **fields}


# -- setup and seeds ------------------------------------------------------------

def setup_indices(cfg: Settings) -> dict[str, Any]:
    """Apply templates, create the versioned index and aliases (idempotent)."""
    started = time.monotonic()
    client = es_mod.client(cfg)
    es_mod.require(client, cfg.es_url)  # a run against a dead server stops here, with one clear line
    return _summary("setup", started, **index.setup(client, cfg).to_dict())


def index_seeds(cfg: Settings, refresh: bool | str = False, run_id: str | None = None) -> dict[str, Any]:
    """Enrich and index the seed articles with their stable ids; a second run changes nothing."""
    started = time.monotonic()
    client = es_mod.client(cfg)
    index.setup(client, cfg)
    articles = seeds.load_seeds(cfg)
    enriched = enrich_in_place(client, cfg, articles)
    for article in articles:
        _sign(article)
    result = index.upsert_articles(client, cfg, articles, run_id=run_id, refresh=refresh)
    return _summary("seeds", started, seeds=len(articles), enriched=enriched, **result.counts())


# -- discover -------------------------------------------------------------------

def plan_sources(cfg: Settings, names: Sequence[str] | None = None) -> list[str]:
    """The enabled sources to run (or the named ones), by name: what the DAG maps over."""
    from .sources import load_sources

    return [s.name for s in load_sources(cfg.sources_file, names=list(names) if names else None)]


def discover_source(
    cfg: Settings, name: str, start: datetime | None = None, end: datetime | None = None
) -> dict[str, Any]:
    """Read one source (conditional GET) and list the articles worth fetching.

    New URLs are always taken; a URL already seen is taken again only when the
    feed dates its entry after our last fetch of it (an updated article). For
    a search source the interval bounds the query, so a backfill run only takes
    articles of its own interval.
    """
    from .fetch import FEED, JSON, Fetcher, FetchError, Validators
    from .sources import FeedError, discover_from_bytes, gdelt_url, load_sources

    started = time.monotonic()
    source = load_sources(cfg.sources_file, names=[name], only_enabled=False)[0]
    client = es_mod.client(cfg)
    is_api = source.kind == "gdelt"
    url = gdelt_url(source, start, end) if is_api else source.url
    validators = Validators() if is_api else state.get_validators(client, cfg, url)
    out: dict[str, Any] = {"source": name, "url": url, "candidates": [], "not_modified": False, "error": None}
    try:
        with Fetcher(cfg) as fetcher:
            result = fetcher.fetch(url, accept=JSON if is_api else FEED, validators=validators)
    except FetchError as exc:
        log.warning("source %s failed: %s", name, exc)
        return _summary("discover", started, **{**out, "error": exc.reason, "detail": str(exc)[:300]}, discovered=0, new=0)
    if result.not_modified:
        return _summary("discover", started, **{**out, "not_modified": True}, discovered=0, new=0)
    try:
        entries = discover_from_bytes(result.content, result.final_url, source, result.content_type)
    except FeedError as exc:
        return _summary("discover", started, **{**out, "error": "bad_feed", "detail": str(exc)[:300]}, discovered=0, new=0)

    rows: dict[str, dict[str, Any]] = {}
    bad_urls = 0
    for c in entries:
        try:
            key = dedup.canonical_url(c.url)
        except ValueError:
            bad_urls += 1
            continue
        rows.setdefault(
            key,
            {
                "url": key,
                "link": c.url,
                "title": c.title,
                "published_at": c.published_at.isoformat() if c.published_at else None,
                "language": c.language,
                "source": name,
            },
        )
    # newest first, then the cap per source
    ordered = sorted(rows.values(), key=lambda r: r["published_at"] or "", reverse=True)
    known = state.records(client, cfg, [r["url"] for r in ordered])
    candidates, updated = [], 0
    for row in ordered:
        record = known.get(row["url"])
        if record is None:
            candidates.append(row)
        elif record.get("status") in ("indexed", "irrelevant", "rejected") and _newer(row["published_at"], record.get("updated_at")):
            row["refetch"] = True
            candidates.append(row)
            updated += 1
    complete = len(candidates) <= cfg.max_articles_per_source
    candidates = candidates[: cfg.max_articles_per_source]
    # The feed's validators are stored by fetch_source, once every candidate is
    # safely recorded: stored now, a crash or a transient failure before then
    # would leave pages that the next run's conditional GET (304) never lists
    # again. A capped list is not complete: no validators, the next run reads on.
    validators_now = result.validators()
    feed_validators = (
        {"etag": validators_now.etag, "last_modified": validators_now.last_modified}
        if not is_api and complete and validators_now else None
    )
    return _summary(
        "discover",
        started,
        **{**out, "candidates": candidates, "feed_validators": feed_validators},
        discovered=len(entries),
        new=len(candidates) - updated,
        updated=updated,
        already_seen=len(ordered) - len(candidates),
        bad_urls=bad_urls,
        notes=list(getattr(entries, "notes", [])),
    )


def _newer(entry_date: str | None, last: str | None) -> bool:
    if not entry_date or not last:
        return False
    return parse_time(entry_date) > parse_time(last)


# -- fetch ----------------------------------------------------------------------

def fetch_source(cfg: Settings, discovered: dict[str, Any], run_id: str) -> dict[str, Any]:
    """Fetch one source's candidates, archive every page, record each outcome.

    Returns the path of a batch of archive references for the clean stage.
    """
    from .fetch import HTML, Fetcher, FetchError, Validators

    started = time.monotonic()
    name = discovered["source"]
    candidates = discovered.get("candidates") or []
    client = es_mod.client(cfg)
    validators = {c["link"]: state.get_validators(client, cfg, c["url"]) for c in candidates if c.get("refetch")}
    with Fetcher(cfg) as fetcher:
        results = fetcher.fetch_many([c["link"] for c in candidates], accept=HTML, validators=validators)
    refs, records = [], []
    failed: Counter[str] = Counter()
    not_modified = unchanged = retry_later = 0
    known = state.records(client, cfg, [c["url"] for c in candidates])
    for c in candidates:
        result = results.get(c["link"])
        if isinstance(result, FetchError) or result is None:
            reason = getattr(result, "reason", "missing")
            failed[reason] += 1
            if getattr(result, "transient", False):  # retried next run
                retry_later += 1
            else:
                records.append(state.SeenRecord(c["url"], "failed", reason=reason, source=name))
            continue
        if result.not_modified:
            not_modified += 1
            continue
        entry = archive.store(result, cfg)  # before anything else
        if c.get("refetch") and (known.get(c["url"]) or {}).get("archive_key") == entry.key:
            unchanged += 1  # same bytes as last time: nothing to redo
            continue
        if c.get("refetch"):
            state.put_validators(client, cfg, c["url"], result.validators())
        refs.append({**{k: c.get(k) for k in ("url", "link", "title", "published_at", "language", "source")},
                     "final_url": result.final_url, "archive_key": entry.key})
        records.append(state.SeenRecord(c["url"], "fetched", archive_key=entry.key, source=name))
    state.mark_many(client, cfg, records)
    feed = discovered.get("feed_validators")
    if feed and not retry_later:  # every candidate is recorded: the feed may now answer 304
        state.put_validators(client, cfg, discovered["url"], Validators(feed.get("etag"), feed.get("last_modified")))
    path = batches.write_rows(batches.batch_path(cfg, run_id, name, "fetched"), refs)
    return _summary(
        "fetch", started, source=name, batch=str(path), fetched=len(refs), not_modified=not_modified,
        unchanged=unchanged, failed=sum(failed.values()), failed_reasons=dict(failed),
    )


def recover(cfg: Settings, run_id: str) -> dict[str, Any]:
    """A batch of pages archived by an earlier run but never indexed (a crash, Elasticsearch down)."""
    started = time.monotonic()
    client = es_mod.client(cfg)
    refs, missing = [], 0
    for row in state.pending(client, cfg, "fetched"):
        key = row.get("archive_key")
        if not key or not archive.has(key, cfg):
            missing += 1
            continue
        _, meta = archive.load(key, cfg)
        refs.append({"url": row["key"], "link": meta.get("url"), "final_url": meta.get("final_url"),
                     "archive_key": key, "source": row.get("source") or "recovered"})
    path = batches.write_rows(batches.batch_path(cfg, run_id, "_recovered", "fetched"), refs)
    return _summary("recover", started, source="_recovered", batch=str(path), fetched=len(refs), missing=missing)


# -- clean ----------------------------------------------------------------------

def clean_batch(cfg: Settings, batch: str, run_id: str) -> dict[str, Any]:
    """Archived pages → Article records, dropping (and recording) rejected and irrelevant ones."""
    started = time.monotonic()
    refs = list(batches.read_rows(batch))
    articles, records, rejected, irrelevant = [], [], Counter(), Counter()
    for ref in refs:
        outcome = clean_ref(cfg, ref)
        if isinstance(outcome, Article):
            articles.append(outcome)
            continue
        status, reason = outcome
        (rejected if status == "rejected" else irrelevant)[reason.split("(")[0]] += 1
        records.append(state.SeenRecord(ref["url"], status, archive_key=ref["archive_key"], reason=reason, source=ref.get("source")))
    if records:
        state.mark_many(es_mod.client(cfg), cfg, records)
    path = batches.write_articles(_next(batch, "clean"), articles)
    return _summary(
        "clean", started, batch=str(path), cleaned=len(articles),
        rejected=sum(rejected.values()), rejected_reasons=dict(rejected),
        irrelevant=sum(irrelevant.values()), irrelevant_reasons=dict(irrelevant),
    )


def clean_ref(cfg: Settings, ref: dict[str, Any]) -> Article | tuple[str, str]:
    """One archived page → an Article, or (status, reason) when it is not one we keep."""
    from . import relevance
    from .clean import Rejected, extract

    raw, meta = archive.load(ref["archive_key"], cfg)
    final_url = ref.get("final_url") or meta.get("final_url") or ref["url"]
    try:
        cleaned = extract(raw, url=final_url, content_type=(meta.get("headers") or {}).get("content-type"))
    except Rejected as exc:
        return "rejected", exc.reason
    if cleaned.paywalled:  # a teaser is no article to search: recorded, archived, not indexed
        return "rejected", "paywall"
    rel = relevance.score(cleaned.title, cleaned.body, threshold=cfg.relevance_threshold)
    if not rel.relevant:
        return "irrelevant", rel.reason
    canonical = _canonical(ref["url"], final_url, cleaned.canonical_url)
    feed_date = parse_time(ref.get("published_at"))
    article = Article(
        id=dedup.doc_id(canonical),
        url=final_url,
        canonical_url=canonical,
        title=cleaned.title or ref.get("title") or "",
        body=cleaned.body,
        summary=cleaned.summary,
        source=ref.get("source") or "",
        site_name=cleaned.site_name,
        published_at=cleaned.published_at or feed_date,
        fetched_at=parse_time(meta.get("fetched_at")),
        language=cleaned.language or ref.get("language"),
        authors=cleaned.authors,
        relevance_score=rel.score,
        relevance_reason=rel.reason,
        archive_key=ref["archive_key"],
        origin=ref["url"],
    )
    _sign(article)
    return article


def _canonical(state_url: str, final_url: str, page_canonical: str | None) -> str:
    """The page's own canonical URL when it is on the same site, else the state URL.

    A page may not claim another site's URL: that would let it overwrite
    another outlet's document.
    """
    if page_canonical:
        try:
            claimed = dedup.canonical_url(page_canonical)
        except ValueError:
            return state_url
        if _site(claimed) == _site(dedup.canonical_url(final_url)):
            return claimed
    return state_url


def _site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return ".".join(host.split(".")[-2:])


def _sign(article: Article) -> None:
    sig = dedup.signature(article.body)
    article.minhash = sig.encode()
    article.minhash_bands = sig.lsh_keys()


def _next(batch: str, stage: str) -> Path:
    path = Path(batch)
    base = path.name.split(".")[0]
    return path.with_name(f"{base}.{stage}.jsonl")


# -- enrich ---------------------------------------------------------------------

def enrich_in_place(client: Any, cfg: Settings, articles: Sequence[Article]) -> int:
    """Enrich articles, reusing the stored enrichment of any whose content is unchanged."""
    from .enrich.pipeline import enrich_articles

    stored = index.existing_docs(client, cfg, [a.id for a in articles])
    for article in articles:
        old = stored.get(article.id)
        if old and old.get("content_hash") == article.content_hash and old.get("enriched_hash") == article.content_hash:
            previous = Article.from_doc(old)
            article.entities, article.quotes, article.topics = previous.entities, previous.quotes, previous.topics
            article.enriched_hash = previous.enriched_hash
    return enrich_articles(articles, cfg)


def enrich_batch(cfg: Settings, batch: str, reuse: bool = True) -> dict[str, Any]:
    """Entities, quotes and topics for a batch; unchanged articles are never enriched twice.

    ``reuse=False`` enriches every article again (a replay after a KB change).
    """
    from .enrich.pipeline import enrich_articles

    started = time.monotonic()
    articles = batches.read_articles(batch)
    if not articles:
        enriched = 0
    elif reuse:
        enriched = enrich_in_place(es_mod.client(cfg), cfg, articles)
    else:
        enriched = enrich_articles(articles, cfg)
    path = batches.write_articles(_next(batch, "enriched"), articles)
    return _summary("enrich", started, batch=str(path), enriched=enriched, reused=len(articles) - enriched)


# -- index ----------------------------------------------------------------------

def assign_clusters(client: Any, cfg: Settings, articles: Sequence[Article]) -> int:
    """Give each article the cluster of a near-duplicate already indexed (or in this batch).

    Candidates share an LSH band key (a ``terms`` query on ``minhash_bands``);
    the signature decides. A story's first copy names the cluster after itself.
    """
    local = dedup.ClusterIndex()
    joined = 0
    stored = index.existing_docs(client, cfg, [a.id for a in articles])
    for article in articles:
        if stored.get(article.id, {}).get("cluster_id"):
            article.cluster_id = stored[article.id]["cluster_id"]
            continue
        sig = dedup.Signature.decode(article.minhash) if article.minhash else dedup.signature(article.body)
        existing: list[tuple[str, dedup.Signature]] = []
        if article.minhash_bands and client.indices.exists_alias(name=cfg.articles_alias):
            resp = client.search(
                index=cfg.articles_alias,
                query={"bool": {"filter": [{"terms": {"minhash_bands": article.minhash_bands}}],
                                "must_not": [{"ids": {"values": [article.id]}}]}},
                source=["cluster_id", "minhash"],
                size=20,
            )
            for hit in resp["hits"]["hits"]:
                src = hit["_source"]
                if src.get("minhash") and src.get("cluster_id"):
                    existing.append((src["cluster_id"], dedup.Signature.decode(src["minhash"])))
        # an indexed copy wins; otherwise the batch's own index decides (and remembers this one)
        cluster = dedup.find_cluster(sig, existing)
        article.cluster_id = local.add(article.body, cluster or article.id, sig=sig)
        if article.cluster_id != article.id:
            joined += 1
    return joined


def index_batch(cfg: Settings, batch: str, run_id: str, refresh: bool | str = False) -> dict[str, Any]:
    """Bulk upsert a batch by id; record each URL as indexed (or dead-lettered)."""
    started = time.monotonic()
    articles = batches.read_articles(batch)
    client = es_mod.client(cfg)
    try:
        joined = assign_clusters(client, cfg, articles) if articles else 0
        result = index.upsert_articles(client, cfg, articles, run_id=run_id, refresh=refresh)
        failed_ids = {f["id"] for f in result.failed}
        by_id = {a.id: a for a in articles}
        state.mark_many(client, cfg, [
            state.SeenRecord(
                _state_url(a), "dead_letter" if a.id in failed_ids else "indexed",
                archive_key=a.archive_key, content_hash=a.content_hash, source=a.source,
                reason=next((f["reason"][:200] for f in result.failed if f["id"] == a.id), None),
            )
            for a in by_id.values()
        ])
    except (TransportError, ApiError) as exc:  # Elasticsearch died mid-run: one line; the pages stay `fetched`
        raise index.IndexingFailed(f"indexing failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from None
    return _summary("index", started, batch=batch, clustered_with_existing=joined, **result.counts())


def _state_url(article: Article) -> str:
    return article.origin or article.canonical_url


# -- one whole run without Airflow -------------------------------------------------

def run_once(cfg: Settings, run_id: str, names: Iterable[str] | None = None, refresh: bool | str = False) -> dict[str, Any]:
    """Every stage in order, in this process (the CLI's `ingest run`, and the benchmarks)."""
    from . import runs

    started_at = datetime.now(timezone.utc)
    results: list[dict[str, Any]] = [setup_indices(cfg), recover(cfg, run_id)]
    batch_refs = [results[-1]["batch"]]
    for name in plan_sources(cfg, list(names) if names else None):
        found = discover_source(cfg, name)
        results.append(found)
        fetched = fetch_source(cfg, found, run_id)
        results.append(fetched)
        batch_refs.append(fetched["batch"])
    for ref in batch_refs:
        cleaned = clean_batch(cfg, ref, run_id)
        enriched = enrich_batch(cfg, cleaned["batch"])
        results += [cleaned, enriched, index_batch(cfg, enriched["batch"], run_id, refresh=refresh)]
    results.append(index_seeds(cfg, refresh=refresh, run_id=run_id))
    return runs.write_report(cfg, run_id, results, started_at)


# -- replay from the archive --------------------------------------------------------

def reprocess(
    cfg: Settings,
    run_id: str,
    *,
    keys: Iterable[str] | None = None,
    force_enrich: bool = False,
    batch_size: int = 200,
    progress: Any = None,
    refresh: bool | str = False,
) -> dict[str, Any]:
    """Clean, enrich and index archived pages again (all, or the given archive keys).

    This is how an improvement to cleaning, the KB or the mapping reaches pages
    fetched long ago: nothing is fetched. ``force_enrich`` re-enriches articles
    even when their content is unchanged. ``progress(n)`` is called per page.
    """
    from itertools import islice

    wanted = set(keys) if keys else None
    entries = (e for e in archive.iter_entries(cfg) if wanted is None or e.key in wanted)
    client = es_mod.client(cfg)
    index.setup(client, cfg)
    results: list[dict[str, Any]] = []
    started_at = datetime.now(timezone.utc)
    part = 0
    while True:
        chunk = list(islice(entries, batch_size))
        if not chunk:
            break
        part += 1
        refs = []
        for e in chunk:
            try:
                url = dedup.canonical_url(e.meta.get("url") or "")
            except ValueError:
                continue
            refs.append({"url": url, "link": e.meta.get("url"), "final_url": e.meta.get("final_url"), "archive_key": e.key})
        known = state.records(client, cfg, [r["url"] for r in refs])
        for r in refs:
            r["source"] = (known.get(r["url"]) or {}).get("source") or "archive"
        batch = batches.write_rows(batches.batch_path(cfg, run_id, f"reprocess-{part:05d}", "fetched"), refs)
        cleaned = clean_batch(cfg, str(batch), run_id)
        enriched = enrich_batch(cfg, cleaned["batch"], reuse=not force_enrich)
        results += [cleaned, enriched, index_batch(cfg, enriched["batch"], run_id, refresh=refresh)]
        if progress:
            progress(len(chunk))
    from . import runs

    return runs.write_report(cfg, run_id, results, started_at, client=client)
