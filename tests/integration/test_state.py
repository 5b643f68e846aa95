"""Crawl state on the real Elasticsearch: feed validators and seen URLs."""

from __future__ import annotations

import hashlib
import json

import pytest

from ingest.store.es import state
from ingest.settings import Settings
from tests import ROOT as PROJECT_ROOT
from ingest.fetch.client import Validators

pytestmark = pytest.mark.es


def test_state_index_is_created_lazily_from_the_template(es, es_cfg, elastic: Settings) -> None:
    assert not es.indices.exists(index=es_cfg.state_index)
    state.ensure_index(elastic)
    state.forget_ready_cache()
    state.ensure_index(elastic)  # idempotent, also when asked again by a fresh process
    assert es.indices.exists(index=es_cfg.state_index)
    template = json.loads((PROJECT_ROOT / "mappings" / "ingest-state.json").read_text())
    mapping = es.indices.get_mapping(index=es_cfg.state_index)
    (concrete, body), = mapping.items()
    assert concrete == es_cfg.state_index  # the name ingest.store.es.indices.setup uses too
    assert body["mappings"]["properties"] == template["template"]["mappings"]["properties"]
    assert body["mappings"]["dynamic"] in (False, "false")


def test_validators_round_trip(es, es_cfg, elastic: Settings) -> None:
    feed = "https://www.yna.co.kr/rss/northkorea.xml"
    assert state.get_validators(elastic, feed) == Validators(None, None)
    state.put_validators(elastic, feed, Validators('"v1"', "Mon, 03 Mar 2025 09:00:00 GMT"))
    assert state.get_validators(elastic, feed) == Validators('"v1"', "Mon, 03 Mar 2025 09:00:00 GMT")
    state.put_validators(elastic, feed, Validators(etag='W/"v2"'))
    assert state.get_validators(elastic, feed) == Validators('W/"v2"', None)
    assert state.get_validators(elastic, feed + "?other") == Validators()


def test_records_after_mark_many(es, es_cfg, elastic: Settings) -> None:
    urls = [f"https://news.example/2025/03/{i}" for i in range(3)]
    assert set(state.records(elastic, urls)) == set()
    state.mark_many(elastic, [state.SeenRecord(urls[0], "fetched", archive_key="a" * 64, content_hash="c" * 64),
                              state.SeenRecord(urls[2], "failed", reason="http_404")])
    assert set(state.records(elastic, urls)) == {urls[0], urls[2]}  # real-time: no refresh needed
    record = state.records(elastic, [urls[2]]).get(urls[2])
    assert record is not None and record["status"] == "failed" and record["reason"] == "http_404" and record["kind"] == "url"
    doc = es.get(index=es_cfg.state_index, id=hashlib.sha1(urls[0].encode()).hexdigest())
    assert doc["_source"]["archive_key"] == "a" * 64 and doc["_source"]["key"] == urls[0]


def test_feed_validators_do_not_count_as_seen_urls(es, es_cfg, elastic: Settings) -> None:
    feed = "https://news.example/rss.xml"
    state.put_validators(elastic, feed, Validators('"x"'))
    assert set(state.records(elastic, [feed])) == set()


def test_mark_many_in_bulk(es, es_cfg, elastic: Settings) -> None:
    urls = [f"https://bulk.example/a/{i}" for i in range(1500)]
    written = state.mark_many(elastic, (state.SeenRecord(u, "fetched") for u in urls[:1200]))
    assert written == 1200
    found = set(state.records(elastic, urls + urls[:10]))  # more than one mget chunk, duplicates ignored
    assert found == set(urls[:1200])
    assert state.mark_many(elastic, []) == 0
    assert set(state.records(elastic, [])) == set()


def test_lazy_creation_is_harmless_after_the_real_setup(es, es_cfg, elastic: Settings) -> None:
    from ingest.store.es import indices as index

    index.setup(elastic)
    state.forget_ready_cache()
    state.ensure_index(elastic)
    state.mark_many(elastic, [state.SeenRecord("https://news.example/after-setup", "fetched")])
    assert set(state.records(elastic, ["https://news.example/after-setup"])) == {"https://news.example/after-setup"}
    assert list(es.indices.get(index=es_cfg.state_index)) == [es_cfg.state_index]
