"""Idempotency: runs repeated, run at once, or cut short leave each article indexed exactly once."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from ingest.store import archive
from ingest.store.es import articles as es_articles
from ingest import runner, stages
from ingest.store.es import state
from ingest.settings import Settings
from ingest.urls import canonical_url
from ingest.store.es.elastic import Elastic

from tests.e2e import IRRELEVANT, REJECTED, RELEVANT, write_sources

FEEDS = ["fixture-yonhap", "fixture-herald", "fixture-tass-ru", "fixture-news1-ko"]


@pytest.fixture
def run_cfg(es_cfg, fixture_server, tmp_path, monkeypatch):
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    return Settings.from_env()


def snapshot(es, cfg) -> dict[str, tuple[int, str]]:
    """Every article document: id -> (_version, content_hash)."""
    es.indices.refresh(index=cfg.articles_alias)
    hits = es.search(index=cfg.articles_alias, size=200, version=True, source=["content_hash"])["hits"]["hits"]
    return {h["_id"]: (h["_version"], h["_source"]["content_hash"]) for h in hits}


def docs_for(es, cfg, server, name: str) -> int:
    url = server.url(f"/articles/{name}.html")
    query = {"bool": {"should": [{"term": {"url": url}}, {"term": {"canonical_url": canonical_url(url)}}], "minimum_should_match": 1}}
    return int(es.count(index=cfg.articles_alias, query=query)["count"])


def assert_each_relevant_once(es, cfg, server) -> None:
    es.indices.refresh(index=cfg.articles_alias)
    for name in RELEVANT:
        assert docs_for(es, cfg, server, name) == 1, name
    for name in IRRELEVANT + REJECTED:
        assert docs_for(es, cfg, server, name) == 0, name
    assert es_articles.count(Elastic(es, cfg.es)) == len(RELEVANT) + 2  # and the two seeds


def test_three_identical_runs_give_the_same_index(es, run_cfg, fixture_server):
    first = runner.run_once(run_cfg, "same-1", refresh=True)
    assert first.counts.indexed == len(RELEVANT) + 2
    before = snapshot(es, run_cfg)
    assert len(before) == len(RELEVANT) + 2
    for run_id in ("same-2", "same-3"):
        report = runner.run_once(run_cfg, run_id, refresh=True)
        c = report.counts
        assert c.indexed == c.updated == c.fetched == c.enriched == 0, c
        assert snapshot(es, run_cfg) == before  # same ids, same versions, same content
    assert_each_relevant_once(es, run_cfg, fixture_server)
    assert state.pending(Elastic(es, run_cfg.es), "fetched") == []


def test_two_runs_at_once_cannot_double_index(es, run_cfg, fixture_server, monkeypatch):
    """Two runs start together; at each write they are held in lockstep, so both
    look for the stored documents before either writes them: the worst interleaving."""
    stages.setup(run_cfg)  # as the DAG's first task does; the runs race on everything else
    barrier = threading.Barrier(2)
    lockstep = threading.Barrier(2, timeout=20)
    writing = threading.local()
    collisions = Counter()
    real_existing, real_upsert = es_articles.existing_docs, es_articles.upsert_articles

    def upsert_in_lockstep(*args, **kwargs):
        writing.active = True
        try:
            return real_upsert(*args, **kwargs)
        finally:
            writing.active = False

    def existing_in_lockstep(*args, **kwargs):
        found = real_existing(*args, **kwargs)
        if getattr(writing, "active", False):
            try:
                lockstep.wait()  # the other run has read too: both now write
                collisions["both_read_before_writing"] += 1
            except threading.BrokenBarrierError:  # the other run had nothing to write here
                lockstep.reset()
        return found

    monkeypatch.setattr(es_articles, "upsert_articles", upsert_in_lockstep)
    monkeypatch.setattr(es_articles, "existing_docs", existing_in_lockstep)
    reports: dict[str, dict] = {}
    errors: list[BaseException] = []

    def run(run_id: str) -> None:
        try:
            barrier.wait(timeout=30)
            reports[run_id] = runner.run_once(run_cfg, run_id, names=FEEDS, refresh=True)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(r,)) for r in ("left", "right")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not errors, errors
    assert set(reports) == {"left", "right"}

    assert collisions["both_read_before_writing"] >= 2  # the race really happened
    monkeypatch.undo()
    assert_each_relevant_once(es, run_cfg, fixture_server)
    versions = {v for v, _ in snapshot(es, run_cfg).values()}
    assert versions == {1}  # no document was written twice
    # counts are consistent: across both reports each relevant article was created once
    created = sum(r.counts.indexed for r in reports.values())
    assert created == len(RELEVANT) + 2, {k: r.counts for k, r in reports.items()}
    for r in reports.values():
        assert r.counts.failed == 0, r.reasons
    assert state.pending(Elastic(es, run_cfg.es), "fetched") == []
    # a third run afterwards finds nothing to do
    after = runner.run_once(run_cfg, "after", names=FEEDS, refresh=True).counts
    assert after.indexed == after.updated == after.fetched == 0, after


def test_a_crash_after_fetching_is_repaired_from_the_archive(es, run_cfg, fixture_server):
    # a run archives and records pages, then dies before cleaning or indexing them
    stages.setup(run_cfg)
    fetched = 0
    for name in FEEDS:
        fetched += stages.fetch_source(run_cfg, stages.discover_source(run_cfg, name), "crashed").counts.fetched
    assert fetched == len(RELEVANT + IRRELEVANT + REJECTED)
    assert len(state.pending(Elastic(es, run_cfg.es), "fetched")) == fetched
    assert not es.indices.exists_alias(name=run_cfg.articles_alias) or es_articles.count(Elastic(es, run_cfg.es)) == 0

    fixture_server.requests.clear()
    report = runner.run_once(run_cfg, "repair", names=FEEDS, refresh=True)
    assert report.counts.recovered == fetched and report.counts.fetched == 0
    assert not [r for r in fixture_server.requests if r.path.startswith("/articles/")]  # replayed, not refetched
    assert_each_relevant_once(es, run_cfg, fixture_server)
    assert state.pending(Elastic(es, run_cfg.es), "fetched") == []


def test_a_crash_between_archiving_and_recording_is_repaired_by_refetching(es, run_cfg, fixture_server, monkeypatch):
    # the process dies after writing pages to the archive but before the crawl state knows them
    stages.setup(run_cfg)
    real_mark_many = state.mark_many

    def crash(*args, **kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(state, "mark_many", crash)
    with pytest.raises(SystemExit):
        stages.fetch_source(run_cfg, stages.discover_source(run_cfg, "fixture-yonhap"), "crashed")
    monkeypatch.setattr(state, "mark_many", real_mark_many)
    archived = Counter(e.meta["final_url"] for e in archive.iter_entries(run_cfg))
    assert len(archived) == 4 and state.pending(Elastic(es, run_cfg.es), "fetched") == []

    report = runner.run_once(run_cfg, "repair", names=FEEDS, refresh=True)
    assert report.counts.failed == 0
    assert_each_relevant_once(es, run_cfg, fixture_server)
    # the same pages were fetched again and stored once each (the archive is content-addressed),
    # their sidecars now remembering both fetches
    entries = {e.meta["final_url"]: e for e in archive.iter_entries(run_cfg)}
    assert set(Counter(e.meta["final_url"] for e in archive.iter_entries(run_cfg)).values()) == {1}
    for url in archived:
        assert entries[url].meta["fetch_count"] == 2, url
