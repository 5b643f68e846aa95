"""A story's copies and its other-language coverage, on the real server."""

from __future__ import annotations

from datetime import datetime, timezone

from ingest import coverage
from ingest.models import Article, Entity
from ingest.store.es import articles as es_articles
from ingest.store.es import indices as index
from ingest.store.es.elastic import Elastic


def _art(id_, lang, day, entities, topics=(), cluster=None, title=None):
    a = Article(id=id_, url=f"http://example.test/{id_}", title=title or f"Story {id_}", body=f"Body of {id_}.",
                language=lang, published_at=datetime(2024, 11, day, 9, tzinfo=timezone.utc))
    a.entities = [Entity(n, t, c) for n, t, c in entities]
    a.topics = list(topics)
    a.cluster_id = cluster or id_
    return a


ZIN = ("Georgy Zinoviev", "person", 3)
MFA = ("Ministry of Foreign Affairs (South Korea)", "organization", 1)
SEOUL = ("Seoul", "location", 1)
KURSK = ("Kursk Oblast", "location", 1)


def _index(es, cfg, articles):
    index.setup(Elastic(es, cfg.es))
    es_articles.upsert_articles(Elastic(es, cfg.es), articles, refresh="wait_for")
    return {a.id: es.get(index=cfg.articles_alias, id=a.id)["_source"] for a in articles}


def test_other_languages_ranked_by_entity_overlap_then_topics(es, es_cfg):
    docs = _index(es, es_cfg, [
        _art("en1", "en", 10, [ZIN, MFA, SEOUL], ["Diplomacy"]),
        _art("ko3", "ko", 11, [ZIN, MFA, SEOUL]),  # three shared
        _art("ru2t", "ru", 9, [ZIN, SEOUL], ["Diplomacy"]),  # two shared + a topic
        _art("ru2", "ru", 12, [ZIN, SEOUL]),  # two shared
        _art("ko1", "ko", 10, [SEOUL]),  # one shared
        _art("ru-far", "ru", 20, [ZIN, MFA, SEOUL]),  # outside ±3 days
        _art("en-same", "en", 10, [ZIN, MFA, SEOUL]),  # same language
        _art("ko-none", "ko", 10, [KURSK], ["Diplomacy"]),  # topic only: not linked
    ])
    found = coverage.other_languages(es, es_cfg.articles_alias, docs["en1"])
    assert [r.id for r in found] == ["ko3", "ru2t", "ru2", "ko1"]
    assert found[0].overlap == 3 and set(found[0].shared_entities) == {"Georgy Zinoviev", "Seoul",
                                                                        "Ministry of Foreign Affairs (South Korea)"}
    assert found[1].shared_topics == ("Diplomacy",) and found[2].shared_topics == ()
    assert {r.language for r in found} == {"ko", "ru"}


def test_copies_are_the_cluster_and_coverage_bundles_both(es, es_cfg):
    docs = _index(es, es_cfg, [
        _art("a", "en", 10, [ZIN], cluster="c1"),
        _art("b", "en", 11, [ZIN], cluster="c1"),
        _art("c", "en", 12, [ZIN], cluster="c1"),
        _art("d", "ru", 10, [ZIN]),
    ])
    cov = coverage.coverage(es, es_cfg.articles_alias, docs["a"])
    assert [r.id for r in cov.copies] == ["c", "b"]  # newest first, not itself
    assert [r.id for r in cov.other_languages] == ["d"]
    assert cov.key_entities == ("Georgy Zinoviev",)
    assert cov.to_dict()["other_languages"][0]["overlap"] == 1
    # a lone article has no copies
    assert coverage.copies(es, es_cfg.articles_alias, docs["d"]) == ()


def test_requests_are_pure_and_none_without_what_they_need():
    doc = {"id": "x", "language": "en", "date": "2024-11-10T09:00:00+00:00", "persons": ["A"], "locations": ["B"],
           "entities": [{"name": "A", "type": "person", "count": 1}, {"name": "B", "type": "location", "count": 5}],
           "topics": ["T"]}
    assert coverage.key_entities(doc) == [("B", "locations"), ("A", "persons")]  # most mentioned first
    body = coverage.other_languages_request(doc)
    flt = body["query"]["bool"]["filter"]
    assert {"terms": {"language": ["ko", "ru"]}} in flt
    # three days either side of the article's own day, each article's day as its outlet shows it
    window = flt[1]["bool"]["should"]
    assert window[0] == {"range": {"published_local_date": {"gte": "2024-11-07", "lte": "2024-11-13"}}}
    assert window[1]["bool"]["filter"] == [{"range": {"date": {"gte": "2024-11-07", "lte": "2024-11-13||/d"}}}]
    seoul_evening = {**doc, "date": "2024-11-10T23:30:00+09:00", "published_local_date": "2024-11-10"}
    assert coverage.other_languages_request(seoul_evening)["query"]["bool"]["filter"][1] == flt[1]
    assert coverage.other_languages_request({**doc, "persons": [], "locations": []}) is None
    assert coverage.other_languages_request({**doc, "date": None}) is None
    assert coverage.copies_request({"id": "x"}) is None


def test_other_languages_window_counts_each_outlets_own_days(es, es_cfg):
    """A Seoul evening and a Moscow evening three calendar days on are 75 hours apart but three days."""
    from zoneinfo import ZoneInfo

    seoul = _art("ko-eve", "ko", 10, [ZIN, SEOUL])
    seoul.published_at = datetime(2024, 11, 10, 23, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    moscow = _art("ru-eve", "ru", 13, [ZIN, SEOUL])
    moscow.published_at = datetime(2024, 11, 13, 20, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    too_far = _art("ru-4d", "ru", 14, [ZIN, SEOUL])
    too_far.published_at = datetime(2024, 11, 14, 1, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    docs = _index(es, es_cfg, [seoul, moscow, too_far])
    assert (moscow.published_at - seoul.published_at).total_seconds() / 3600 == 75
    assert [r.id for r in coverage.other_languages(es, es_cfg.articles_alias, docs["ko-eve"])] == ["ru-eve"]
