"""Throughput of each pipeline stage, ours against a naive way, on the same data in the same run.

Every function takes prepared inputs (generation is never timed); the ``*_ours``
/ ``*_naive`` pairs return (Measured, count) and ``*_result`` turns a pair into
a :class:`bench.report.StageResult`. Models are loaded and warmed before timing.

- extraction: ``ingest.extract.extract`` per page (no naive counterpart).
- enrichment and indexing as the DAG calls them: :mod:`bench.dagshape`.
- fetching: ``fetch_many`` with workers vs ``Fetcher.fetch`` one URL at a time,
  against the fixture server on 127.0.0.1 with a simulated network latency.
- pipeline: clean → relevance → enrich → index in batches vs per page:
  extract, relevance, full spaCy, one index request. The naive way gets the
  relevance filter too (stricter than a baseline without it).
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from elasticsearch import Elasticsearch

from ingest.models import Article, Entity
from ingest.extract import Extracted, Rejected, extract
from ingest.settings import Settings
from ingest.urls import doc_id
from ingest.store.es.articles import upsert_articles
from ingest.store.es.elastic import Elastic

from .generate import Page, SynthArticle
from .measure import measure
from .report import StageResult

DAG_BATCH = 50  # the most articles of one source a DAG task hands on


# ------------------------------------------------------------------ helpers

def article_from(url: str, cleaned: Extracted, source: str = "") -> Article:
    """The Article for an extracted page (what the clean stage hands on)."""
    return Article(
        id=doc_id(url), url=url, title=cleaned.title, body=cleaned.body, source=source, summary=cleaned.summary,
        canonical_url=cleaned.canonical_url or url, published_at=cleaned.published_at, language=cleaned.language,
        authors=list(cleaned.authors), site_name=cleaned.site_name,
    )


def plain_article(a: SynthArticle) -> Article:
    """A not-yet-enriched Article with the generated text."""
    return Article(id=doc_id(a.url), url=a.url, title=a.title, body=a.body, source=a.source, language=a.lang,
                   published_at=a.published_at, authors=list(a.authors), site_name=a.site_name)


def article_text(a: Article) -> str:
    from ingest.enrich.enrich import article_text as text

    return text(a.title, a.body)


def naive_entities(doc) -> list[Entity]:
    """Entities straight from spaCy's labels, counted (what a naive pipeline would store)."""
    counts = Counter((ent.text, ent.label_.lower()) for ent in doc.ents)
    return [Entity(name=name, type=label, count=n) for (name, label), n in counts.items()]


def full_spacy(model: str):
    """The model with every component (the naive way), warmed up."""
    import spacy

    nlp = spacy.load(model)
    nlp("Warm up in Seoul and Moscow.")
    return nlp


def warm_enrichment(cfg: Settings) -> None:
    from ingest.enrich.enrich import enrich_articles

    # One article per language, so that spaCy, Kiwi and natasha are loaded before anything is timed.
    enrich_articles([Article(id="warm", url="http://warm.example/", title="Putin meets Kim Jong Un",
                             body="Vladimir Putin met Kim Jong Un in Pyongyang, KCNA said."),
                     Article(id="warm-ko", url="http://warm.example/ko", title="푸틴, 김정은과 회담", language="ko",
                             body="블라디미르 푸틴 대통령이 평양에서 김정은 국무위원장을 만났다고 조선중앙통신이 전했다."),
                     Article(id="warm-ru", url="http://warm.example/ru", title="Путин встретился с Ким Чен Ыном", language="ru",
                             body="Владимир Путин встретился с Ким Чен Ыном в Пхеньяне, сообщило ЦТАК.")], cfg)


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ------------------------------------------------------------------ stages

def bench_extraction(pages: Sequence[Page]) -> tuple[StageResult, list[Article]]:
    out: list[Article] = []
    rejected: Counter[str] = Counter()
    with measure() as m:
        for p in pages:
            try:
                out.append(article_from(p.url, extract(p.html, p.url, "text/html; charset=utf-8"), p.truth.source))
            except Rejected as exc:
                rejected[exc.reason] += 1
    kib = sum(len(p.html) for p in pages) / len(pages) / 1024
    note = f"avg page {kib:.0f} KiB; rejected {sum(rejected.values())}" + (f" {dict(rejected)}" if rejected else "")
    return StageResult("extraction (extract.extract)", len(pages), m.rate(len(pages)), m.seconds, m.peak_mib, notes=note), out


@contextmanager
def page_server(pages: Sequence[Page], latency: float) -> Iterator[Any]:
    """The fixture server on 127.0.0.1 serving the pages at /p/<i>.html, each answer delayed by ``latency``."""
    from tests.fixtureserver import FixtureServer, Response

    server = FixtureServer().start()
    try:
        server.route("/robots.txt", Response(200, "User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}))
        for i, p in enumerate(pages):
            server.route(f"/p/{i}.html", Response(200, p.html, {"Content-Type": "text/html; charset=utf-8"}, delay=latency))
        yield server
    finally:
        server.stop()


def fetch_settings(cfg: Settings) -> Settings:
    """Settings that let the fetcher reach 127.0.0.1 at full speed (INGEST_ALLOW_PRIVATE_HOSTS=1, INGEST_HOST_DELAY=0)."""
    return cfg.replace(allow_private_hosts=True, host_delay=0.0, fetch_retries=0)


def bench_fetching(cfg: Settings, pages: Sequence[Page], latency: float, workers: int = 8) -> StageResult:
    from ingest.fetch.client import FetchError, Fetcher, fetch_many

    fcfg = fetch_settings(cfg)
    with page_server(pages, latency) as server:
        urls = [server.url(f"/p/{i}.html") for i in range(len(pages))]
        with Fetcher(fcfg) as f:  # sequential
            f.fetch(server.url("/robots.txt"), check_robots=False)
            with measure() as mn:
                errors_seq = 0
                for u in urls:
                    try:
                        f.fetch(u)
                    except FetchError:
                        errors_seq += 1
        with measure() as mo:
            results = fetch_many(urls, fcfg, workers=workers)
        errors = sum(1 for r in results.values() if isinstance(r, FetchError))
    if errors or errors_seq:
        raise RuntimeError(f"fetch benchmark: {errors} errors with workers, {errors_seq} sequential")
    return StageResult(
        f"fetching (fetch_many, {latency * 1000:.0f} ms latency)", len(urls), mo.rate(len(urls)), mo.seconds, mo.peak_mib,
        naive_rate=mn.rate(len(urls)), naive_size=len(urls), naive_seconds=mn.seconds, naive_peak_mib=mn.peak_mib,
        unit="pages/s", notes=f"{workers} workers vs sequential Fetcher.fetch; fixture server on 127.0.0.1, same process",
    )


def pipeline_ours(es: Elasticsearch, cfg: Settings, pages: Sequence[Page]):
    """clean → relevance → enrich → index, each stage over a DAG batch of pages. Returns (Measured, indexed)."""
    from ingest.enrich.enrich import enrich_articles
    from ingest.filter.relevance import score

    warm_enrichment(cfg)
    indexed = 0
    with measure() as m:
        for chunk in chunks(pages, DAG_BATCH):  # one DAG batch: up to 50 pages of a source
            articles = []
            for p in chunk:
                try:
                    articles.append(article_from(p.url, extract(p.html, p.url, "text/html; charset=utf-8"), p.truth.source))
                except Rejected:
                    continue
            relevant = []
            for a in articles:
                r = score(a.title, a.body, cfg.relevance_threshold)
                a.relevance_score, a.relevance_reason = r.score, r.reason
                if r.relevant:
                    relevant.append(a)
            enrich_articles(relevant, cfg)
            indexed += len(upsert_articles(Elastic(es, cfg.es), relevant).created)
        es.indices.refresh(index=cfg.articles_alias)
    return m, indexed


def pipeline_naive(es: Elasticsearch, cfg: Settings, pages: Sequence[Page], nlp_full):
    """Per page: extract, relevance, full spaCy, one index request. Returns (Measured, indexed)."""
    from ingest.filter.relevance import score

    indexed = 0
    with measure() as m:
        for p in pages:
            try:
                a = article_from(p.url, extract(p.html, p.url, "text/html; charset=utf-8"), p.truth.source)
            except Rejected:
                continue
            r = score(a.title, a.body, cfg.relevance_threshold)
            if not r.relevant:
                continue
            a.relevance_score, a.relevance_reason = r.score, r.reason
            a.entities = naive_entities(nlp_full(article_text(a)))
            es.index(index=cfg.articles_write_alias, id=a.id, document=a.to_doc())
            indexed += 1
        es.indices.refresh(index=cfg.articles_alias)
    return m, indexed


def pipeline_result(label: str, n: int, ours, naive, processes: int) -> StageResult:
    (mo, kept_ours), (mn, kept_naive) = ours, naive
    return StageResult(
        label, n, mo.rate(n), mo.seconds, mo.peak_mib,
        naive_rate=mn.rate(n), naive_size=n, naive_seconds=mn.seconds, naive_peak_mib=mn.peak_mib,
        target_ratio=2.0, unit="pages/s",
        notes=f"indexed {kept_ours} ours / {kept_naive} naive of {n} pages (both drop off-topic); enrich processes {processes}",
    )


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

