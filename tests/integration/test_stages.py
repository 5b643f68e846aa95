"""The whole pipeline in one process, on the fixture site and real Elasticsearch."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ingest.store import archive
from ingest.store.es import articles as es_articles
from ingest import runner, stages
from ingest import search
from ingest.store.es import state
from ingest.settings import Settings
from ingest.errors import Rejected
from ingest.urls import canonical_url, claimed_canonical
from ingest.store.es.elastic import Elastic

from tests.e2e import IRRELEVANT, REJECTED, RELEVANT, article_id, change_article, write_sources



@pytest.fixture
def run_cfg(es_cfg, fixture_server, tmp_path, monkeypatch):
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    return Settings.from_env()


def test_a_run_indexes_relevant_articles_and_counts_the_rest(es, run_cfg, fixture_server):
    report = runner.run_once(run_cfg, "run-1", refresh="wait_for")
    c = report.counts
    assert c.indexed == len(RELEVANT) + 2  # and the two seeds
    assert c.irrelevant == len(IRRELEVANT) and report.reasons["irrelevant"] == {"no_russia_terms": 1}
    assert c.rejected == len(REJECTED) and report.reasons["rejected"] == {"no_article_text": 1}
    assert report.reasons["fetch_failed"] == {"http_404": 1}  # GDELT listed a page that is gone
    assert report.sources["dead-host"]["error"] == "connection"
    assert report.sources["html-not-feed"]["error"] == "bad_content_type"  # an HTML page is no feed
    assert "switched-off" not in report.sources
    assert es_articles.count(Elastic(es, run_cfg.es)) == len(RELEVANT) + 2

    # enriched, searchable by entity, quote speaker and topic
    doc = es.get(index=run_cfg.articles_alias, id=article_id(fixture_server, "treaty-ratified"))["_source"]
    assert {"Kim Jong Un", "Vladimir Putin"} <= set(doc["persons"])
    assert doc["quotes"] and doc["topics"] and doc["published_at"].startswith("2024-11-09")
    assert doc["source"] == "fixture-yonhap" and doc["url"].endswith("/articles/treaty-ratified.html")
    assert [h.id for h in search.search(Elastic(es, run_cfg.es), "", filters=search.Filters(person=["Mikhail Mishustin"]))] == [
        article_id(fixture_server, "rason-bridge")
    ]
    langs = {h["_source"]["language"] for h in es.search(index=run_cfg.articles_alias, size=20)["hits"]["hits"]}
    assert {"en", "ru", "ko"} <= langs

    # every fetched page is archived, relevant or not
    archived = {e.meta["url"].split("/articles/")[-1].split(".html")[0] for e in archive.iter_entries(run_cfg)}
    assert set(RELEVANT + IRRELEVANT + REJECTED) <= archived

    # the run report is in ingest-runs
    stored = es.get(index=run_cfg.runs_index, id="run-1")["_source"]
    assert stored["counts"]["indexed"] == c.indexed and "run run-1" in stored["summary"]


def test_a_second_run_changes_nothing_and_feeds_answer_304(es, run_cfg, fixture_server):
    runner.run_once(run_cfg, "run-1", refresh="wait_for")
    versions = {h["_id"]: h["_version"] for h in es.search(index=run_cfg.articles_alias, size=50, version=True)["hits"]["hits"]}
    fixture_server.requests.clear()
    report = runner.run_once(run_cfg, "run-2", refresh="wait_for")
    c = report.counts
    assert c.indexed == c.updated == c.fetched == c.enriched == 0
    assert c.not_modified == 4  # the four real feeds answered 304
    for feed in ("yonhap.xml", "herald.atom", "tass-ru.xml", "news1-ko.xml"):
        hits = fixture_server.hits(f"/feeds/{feed}")
        assert len(hits) == 1 and hits[0].headers.get("if-none-match")
    page_fetches = [r for r in fixture_server.requests
                    if r.path.startswith("/articles/") and "rss" not in r.headers.get("accept", "")]  # not the fake feed
    assert not page_fetches
    after = {h["_id"]: h["_version"] for h in es.search(index=run_cfg.articles_alias, size=50, version=True)["hits"]["hits"]}
    assert after == versions  # nothing rewritten


def test_a_changed_article_is_updated_and_keeps_its_previous_hash(es, run_cfg, fixture_server):
    runner.run_once(run_cfg, "run-1", refresh="wait_for")
    doc_id = article_id(fixture_server, "rason-bridge")
    before = es.get(index=run_cfg.articles_alias, id=doc_id)["_source"]

    change_article(fixture_server, "rason-bridge", "Tumen River", "Tumen River (Tumannaya)")

    report = runner.run_once(run_cfg, "run-3", refresh="wait_for")
    assert report.counts.updated == 1 and report.counts.indexed == 0
    after = es.get(index=run_cfg.articles_alias, id=doc_id)["_source"]
    assert "Tumannaya" in after["body"]
    assert after["previous_content_hashes"] == [before["content_hash"]]
    assert after["first_seen_at"] == before["first_seen_at"]
    assert es_articles.count(Elastic(es, run_cfg.es)) == len(RELEVANT) + 2


def test_pages_archived_but_never_indexed_are_recovered_by_the_next_run(es, run_cfg, fixture_server):
    # A run that dies after fetching: pages archived and recorded, nothing cleaned or indexed.
    stages.setup(run_cfg)
    found = stages.discover_source(run_cfg, "fixture-herald")
    fetched = stages.fetch_source(run_cfg, found, "crashed-run")
    assert fetched.counts.fetched == 2
    assert len(state.pending(Elastic(es, run_cfg.es))) == 2

    report = runner.run_once(run_cfg, "next-run", refresh="wait_for")
    assert report.counts.recovered == 2
    for name in ("shells-report", "kursk-pows"):  # kursk-pows declares a same-site canonical URL: its id follows it
        url = fixture_server.url(f"/articles/{name}.html")
        assert es.count(index=run_cfg.articles_alias, query={"term": {"url": url}})["count"] == 1
    assert state.pending(Elastic(es, run_cfg.es)) == []
    assert es_articles.count(Elastic(es, run_cfg.es)) == len(RELEVANT) + 2  # each exactly once


def test_page_canonical_on_another_site_cannot_claim_its_url():
    ours = "http://127.0.0.1:8000/articles/a.html"
    assert claimed_canonical(ours, "https://other.example/articles/b.html", known_as=ours) == ours
    assert claimed_canonical(ours, "http://127.0.0.1:8000/articles/a.html?utm_source=x", known_as=ours) == canonical_url(ours)


def test_a_paywall_teaser_is_archived_and_recorded_but_not_indexed(cfg):
    from ingest.fetch.client import FetchResult

    from tests.unit.extract.pages import PAYWALL_PAGE

    page = PAYWALL_PAGE.replace("BODY", '<div class="locked"></div>').encode()
    url = "https://ledger.example/politics/2025/03/04/shipping"
    entry = archive.store(FetchResult(url, url, 200, {"content-type": "text/html; charset=utf-8"}, page,
                                      datetime.now(timezone.utc), False, 0.1), cfg)
    with pytest.raises(Rejected) as info:
        stages.article_from_archive(cfg, {"url": url, "archive_key": entry.key, "source": "t"})
    assert info.value.reason == "paywall"


def test_an_article_listed_by_two_sources_is_fetched_once_per_run(es, run_cfg, fixture_server):
    """GDELT lists treaty-ratified again (with ?utm_source=gdelt): dropped before fetch, once per run."""
    report = runner.run_once(run_cfg, "run-dup", refresh="wait_for")
    fetched = [r for r in fixture_server.requests if r.path.startswith("/articles/treaty-ratified.html")]
    assert len(fetched) == 1 and report.reasons["duplicate"] == {"listed by another source": 1}
    doc = es.get(index=run_cfg.articles_alias, id=article_id(fixture_server, "treaty-ratified"))["_source"]
    assert doc["source"] == "fixture-yonhap"


def test_dedupe_keeps_the_first_source_and_its_counts_add_up():
    from ingest.models import Candidate
    from ingest.results import Discovered

    def found(source, *urls):
        r = Discovered(source=source, candidates=[Candidate(u, u, source) for u in urls])
        r.counts.new = len(urls)
        return r

    a, b = stages.dedupe_candidates([found("a", "u1", "u2"), found("b", "u2", "u3").to_dict()])
    assert [c.url for c in a.candidates] == ["u1", "u2"] and [c.url for c in b.candidates] == ["u3"]
    assert b.counts.new == 1 and b.reasons == {"duplicate": {"listed by another source": 1}}


def test_only_batches_with_pages_go_on_to_clean():
    from ingest.models import BatchRef
    from ingest.results import Fetched, Recovered

    full = Fetched(source="a", batch=BatchRef("r", "a", "fetched"))
    full.counts.fetched = 2
    empty = Fetched(source="b", batch=BatchRef("r", "b", "fetched"))
    recovered = Recovered(source="_recovered", batch=BatchRef("r", "_recovered", "fetched"))
    assert stages.nonempty_batches([recovered.to_dict(), None, full, empty]) == [full.batch]
    recovered.counts.recovered = 1
    assert stages.nonempty_batches([recovered, full]) == [recovered.batch, full.batch]


def test_the_stored_url_has_no_tracking_parameters(cfg):
    from ingest.fetch.client import FetchResult

    from tests import FIXTURES

    site = (FIXTURES / "site" / "articles" / "treaty-ratified.html").read_bytes()
    url = "https://news.example/view?id=7&utm_source=feed&utm_medium=rss&fbclid=x1"
    entry = archive.store(FetchResult(url, url, 200, {"content-type": "text/html; charset=utf-8"}, site,
                                      datetime.now(timezone.utc), False, 0.1), cfg)
    article = stages.article_from_archive(cfg, {"url": canonical_url(url), "archive_key": entry.key, "source": "t"},
                                          keep_irrelevant=True)
    assert article.url == "https://news.example/view?id=7"


def test_a_time_without_offset_is_read_in_the_zone_the_sources_file_names(cfg, tmp_path):
    from ingest.fetch.client import FetchResult

    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n- {name: seoul-daily, kind: rss, url: 'https://daily.example/rss', timezone: Asia/Seoul}\n"
                       "- {name: elsewhere, kind: rss, url: 'https://else.example/rss'}\n", encoding="utf-8")
    cfg = cfg.model_copy(update={"sources_file": sources})
    body = " ".join(["Moscow and Pyongyang signed a treaty on Russia and North Korea, the officials said."] * 8)
    page = (f"<html><head><title>Treaty signed</title>"
            f'<meta property="article:published_time" content="2024-11-12T21:05:00"></head>'
            f"<body><article><h1>Treaty signed</h1><p>{body}</p></article></body></html>").encode()
    url = "https://daily.example/news/1"
    entry = archive.store(FetchResult(url, url, 200, {"content-type": "text/html; charset=utf-8"}, page,
                                      datetime.now(timezone.utc), False, 0.1), cfg)
    seoul = stages.article_from_archive(cfg, {"url": url, "archive_key": entry.key, "source": "seoul-daily"},
                                        keep_irrelevant=True)
    assert seoul.published_at.isoformat() == "2024-11-12T21:05:00+09:00"
    other = stages.article_from_archive(cfg, {"url": url, "archive_key": entry.key, "source": "elsewhere"},
                                        keep_irrelevant=True)
    assert other.published_at.utcoffset() != seoul.published_at.utcoffset()
