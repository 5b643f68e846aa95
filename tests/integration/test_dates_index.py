"""An indexed article keeps the outlet's offset and carries the outlet's day (mapping v7)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ingest.models import Article
from ingest.store.es import indices as index
from ingest.store.es.articles import upsert_articles


def test_indexed_dates_keep_the_outlets_offset_and_day(es, es_cfg, elastic):
    index.setup(elastic)
    seoul_evening = Article(id="ko-evening", url="https://www.yna.co.kr/view/AKR20241112162000009", title="t", body="b",
                            published_at=datetime(2024, 11, 12, 21, 5, tzinfo=ZoneInfo("Asia/Seoul")),
                            published_precision="minute")
    day_only = Article(id="ko-day", url="https://www.hankookilbo.com/News/Read/A1", title="t2", body="b2",
                       published_at=datetime(2024, 11, 17, tzinfo=ZoneInfo("Asia/Seoul")), published_precision="day")
    upsert_articles(elastic, [seoul_evening, day_only], refresh=True)
    src = es.get(index=es_cfg.articles_alias, id="ko-evening")["_source"]
    assert src["published_at"] == "2024-11-12T21:05:00+09:00"  # _source keeps the string as written
    assert src["published_local_date"] == "2024-11-12" and src["published_precision"] == "minute"
    assert Article.from_doc(src).published_at.utcoffset().total_seconds() == 9 * 3600
    # The date type stores the instant (UTC): a UTC day window misses the Seoul evening's day...
    utc_day = es.count(index=es_cfg.articles_alias, query={"range": {"published_at": {
        "gte": "2024-11-12T00:00:00Z", "lt": "2024-11-13T00:00:00Z"}}})["count"]
    local_day = es.count(index=es_cfg.articles_alias, query={"term": {"published_local_date": "2024-11-12"}})["count"]
    assert utc_day == 1 and local_day == 1
    # ...and the outlet's day is what a timeline buckets by.
    buckets = es.search(index=es_cfg.articles_alias, size=0, aggs={"days": {"date_histogram": {
        "field": "published_local_date", "calendar_interval": "day", "min_doc_count": 1}}})["aggregations"]["days"]["buckets"]
    assert [b["key_as_string"] for b in buckets] == ["2024-11-12", "2024-11-17"]
    assert es.get(index=es_cfg.articles_alias, id="ko-day")["_source"]["published_precision"] == "day"


def test_migrating_an_older_index_gives_its_documents_the_outlets_day(es, es_cfg, elastic):
    """A v6 document (published_at in UTC, no local day) copied into v7 is shown in the outlet's zone."""
    from tests import FIXTURES

    index.setup(elastic)  # current version; then pretend an older one held the document
    current = index.load_template("articles")["version"]
    old = index.article_index_name(es_cfg, current - 1)
    _, tpl, _ = index.adapt(es, index.load_template("articles"), index.load_fallbacks("articles"))
    es.indices.create(index=old, **tpl["template"])
    doc = Article(id="old-1", url="https://www.yna.co.kr/view/AKR20241112162000009", title="t", body="b",
                  published_at=datetime(2024, 11, 12, 12, 5, tzinfo=ZoneInfo("UTC"))).to_doc()
    doc.pop("published_local_date"), doc.pop("published_precision")
    es.index(index=old, id="old-1", document=doc, refresh=True)
    index.migrate(elastic, [old], index.article_index_name(es_cfg, current), current)
    src = es.get(index=es_cfg.articles_alias, id="old-1")["_source"]
    assert src["published_at"] == "2024-11-12T21:05:00+09:00" and src["published_local_date"] == "2024-11-12"
    assert FIXTURES.exists()


def test_the_workspace_histogram_counts_months_in_the_outlets_calendar(es, es_cfg, elastic):
    """A Seoul article of 1 March 07:00 (still February in UTC) is March's in the workspace's histogram;
    an article without a published date is counted by when it was first seen."""
    from ingest.search_pages import search_page

    index.setup(elastic)
    march_morning = Article(id="ko-march", url="https://www.yna.co.kr/view/AKR20240301000100009", title="북러 협력",
                            body="b", published_at=datetime(2024, 3, 1, 7, 0, tzinfo=ZoneInfo("Asia/Seoul")),
                            published_precision="minute")
    unpublished = Article(id="ko-seen", url="https://example.kr/a/1", title="북러 회담", body="b",
                          first_seen_at=datetime(2024, 4, 2, 12, 0, tzinfo=ZoneInfo("UTC")))
    upsert_articles(elastic, [march_morning, unpublished], refresh=True)
    utc_months = es.search(index=es_cfg.articles_alias, size=0, aggs={"m": {"date_histogram": {
        "field": "date", "calendar_interval": "month", "min_doc_count": 1}}})["aggregations"]["m"]["buckets"]
    assert [b["key_as_string"][:7] for b in utc_months] == ["2024-02", "2024-04"]  # what the UTC instant gives
    page = search_page(es, es_cfg.articles_alias, "")
    assert page.histogram == [("2024-03", 1), ("2024-04", 1)]
