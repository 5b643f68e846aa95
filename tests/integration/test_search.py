"""Search on the real server: the seeds, phrases, highlights, filters."""

from __future__ import annotations

from ingest.store.es import indices as index

from ingest.store.es import articles as es_articles
from ingest import runner, stages
from ingest import search
from ingest.models import Article, Entity, Quote


def test_red_line_finds_both_seeds_with_highlights(es, es_cfg):
    counts = stages.index_seeds(es_cfg, refresh="wait_for")
    assert counts.counts.seeds == 2
    hits = search.search(es, es_cfg, "red line")
    assert {h.id for h in hits} == {"seed-5e0db0e251ade6bb", "seed-d91642df9e8b3e9c"}
    for h in hits:
        assert any("<em>red line</em>" in f or "<em>red</em> <em>line</em>" in f for f in h.highlights), h.highlights
        assert h.score and h.score > 0


def test_seeding_twice_leaves_exactly_two(es, es_cfg):
    stages.index_seeds(es_cfg, refresh="wait_for")
    second = stages.index_seeds(es_cfg, refresh="wait_for")
    assert second.counts.unchanged == 2 and second.counts.indexed == 0
    assert es_articles.count(es, es_cfg, {"term": {"seed": True}}) == 2


def test_phrase_ranks_above_scattered_words(es, es_cfg):
    index.setup(es, es_cfg)
    near = Article(id="near", url="u1", title="Talks", body="Seoul warned Moscow about the red line on weapons.")
    far = Article(id="far", url="u2", title="Talks", body="A red car crossed the line of fans near the stadium.")
    es_articles.upsert_articles(es, es_cfg, [far, near], refresh="wait_for")
    assert [h.id for h in search.search(es, es_cfg, "red line")][0] == "near"
    assert [h.id for h in search.search(es, es_cfg, '"red line"')] == ["near"]


def test_filters_by_person_speaker_and_date(es, es_cfg):
    index.setup(es, es_cfg)
    a = Article(id="z", url="u", title="Envoy speaks", body="Ambassador Zinoviev spoke in Seoul.")
    a.entities = [Entity("Georgy Zinoviev", "person", 2)]
    a.quotes = [Quote("It is better to communicate than to have no communication", "Georgy Zinoviev")]
    b = Article(id="p", url="u2", title="Putin speaks", body="Putin spoke in Moscow about Seoul.")
    es_articles.upsert_articles(es, es_cfg, [a, b], refresh="wait_for")
    assert [h.id for h in search.search(es, es_cfg, "", filters=search.Filters(person=["Georgy Zinoviev"]))] == ["z"]
    assert [h.id for h in search.search(es, es_cfg, "communicate", filters=search.Filters(speaker=["Georgy Zinoviev"]))] == ["z"]
    # a person's canonical name finds an article that only says "Zinoviev"
    assert [h.id for h in search.search(es, es_cfg, "Georgy Zinoviev")] == ["z"]


def test_build_query_is_pure_and_filters_dates():
    from datetime import datetime, timezone

    q = search.build_query("red line", search.Filters(topic=["Sanctions & export controls"], since=datetime(2024, 1, 1, tzinfo=timezone.utc)))
    assert {"terms": {"topics": ["Sanctions & export controls"]}} in q["bool"]["filter"]
    assert any("range" in f for f in q["bool"]["filter"])
    assert q["bool"]["should"]  # phrase boost for an unquoted multi-word query


def test_adjacent_marks_merge_into_one_phrase_mark():
    assert search.merge_marks('cross the "<em>red</em> <em>line</em>" now') == 'cross the "<em>red line</em>" now'
    assert search.merge_marks("<em>red</em> car, <em>line</em>") == "<em>red</em> car, <em>line</em>"
