"""Templates, aliases and bulk upserts against the real Elasticsearch."""

from __future__ import annotations

import json

import pytest

from ingest.store.es import indices as index

from ingest.store.es import articles as es_articles
from ingest.models import Counts, Article, Entity, Quote
from tests import ROOT as PROJECT_ROOT
from ingest.store.es.elastic import Elastic


def make(i: int, body: str = "Russia and North Korea signed a treaty in Pyongyang.") -> Article:
    return Article(id=f"a{i}", url=f"https://example.com/{i}", title=f"Story {i}", body=body, source="Test")


def test_mappings_are_valid_json_with_versions():
    for path in (PROJECT_ROOT / "mappings").glob("*.json"):
        data = json.loads(path.read_text())
        assert data["index_patterns"] and isinstance(data["version"], int), path


def test_replace_analyzers_is_pure_and_complete():
    template = index.load_template("articles")
    used = index.analyzers_used(template)
    assert {"english", "russian", "nori"} <= used
    replaced = index.replace_analyzers(template, {"english", "russian", "nori"})
    assert index.analyzers_used(replaced) == used - {"english", "russian", "nori"} | {"standard"}
    assert index.analyzers_used(template) == used  # the original is untouched
    props = replaced["template"]["mappings"]["properties"]
    assert props["body"]["analyzer"] == "standard" and set(props["body"]["fields"]) == {"exact"}
    assert props["body_ru"]["analyzer"] == props["body_nori"]["analyzer"] == "standard"  # main fields fall back
    # with hunspell counterparts: english/russian swapped, nori falls back
    swap = index.load_fallbacks("articles")["hunspell"]["replace"]
    hun = index.replace_analyzers(template, {"english", "russian", "nori"}, swap=swap)
    props = hun["template"]["mappings"]["properties"]
    assert props["body"]["analyzer"] == "english_hunspell" and props["body_ru"]["analyzer"] == "russian_hunspell"
    assert props["body_nori"]["analyzer"] == "standard"
    # a sub-field whose analyzer is missing is left out (it would repeat another sub-field)
    multi = {"f": {"type": "text", "fields": {"ko": {"type": "text", "analyzer": "nori"}, "exact": {"type": "text"}}}}
    assert set(index.replace_analyzers(multi, {"nori"})["f"]["fields"]) == {"exact"}


def test_setup_picks_the_best_analysis_the_server_has(es, es_cfg, elastic, monkeypatch):
    """This server: hunspell (no analysis-common, dictionaries installed); without them, standard."""
    result = index.setup(elastic)
    assert result.analysis == "hunspell" and {"english", "russian", "nori"} <= set(result.analyzers_replaced)
    tokens = es.indices.analyze(index=result.index, field="body", text="The sanctions")["tokens"]
    assert [t["token"] for t in tokens] == ["sanction"]
    tokens = es.indices.analyze(index=result.index, field="body_ru", text="Курской")["tokens"]
    assert "курск" in [t["token"] for t in tokens]
    template = index.load_template("articles")
    kind, _, _ = index.adapt(es, template, {})  # no hunspell fallback offered
    assert kind == "standard"
    monkeypatch.setattr(index, "missing_analyzers", lambda es, names: set())  # a full distribution
    assert index.adapt(es, template, index.load_fallbacks("articles"))[:2] == ("full", template)


def test_setup_is_idempotent_and_sets_aliases(es, es_cfg, elastic):
    first = index.setup(elastic)
    second = index.setup(elastic)
    assert first.created and not second.created
    assert first.index == second.index == f"{es_cfg.index_prefix}articles-v{index.load_template('articles')['version']}"
    aliases = es.indices.get_alias(index=first.index)[first.index]["aliases"]
    assert set(aliases) == {es_cfg.articles_alias, es_cfg.articles_write_alias}
    assert aliases[es_cfg.articles_write_alias].get("is_write_index") is True
    for name in (es_cfg.runs_index, es_cfg.deadletter_index, es_cfg.state_index):
        assert es.indices.exists(index=name)


def test_cluster_sizing_overrides_the_templates_replicas_and_shards(es, es_cfg, elastic):
    """INGEST_ES_REPLICAS / INGEST_ES_SHARDS: applied by setup without editing mappings/."""
    first = index.setup(elastic)
    assert es.indices.get_settings(index=first.index)[first.index]["settings"]["index"]["number_of_replicas"] == "0"
    sized = es_cfg.replace(es_replicas=1, es_shards=2)
    again = index.setup(Elastic(es, sized.es))  # the existing index takes the replicas (dynamic), keeps its shard count
    for name in (again.index, sized.runs_index, sized.state_index, sized.deadletter_index):
        assert es.indices.get_settings(index=name)[name]["settings"]["index"]["number_of_replicas"] == "1", name
    assert es.indices.get_settings(index=again.index)[again.index]["settings"]["index"]["number_of_shards"] == "1"
    template = es.indices.get_index_template(name=f"{sized.index_prefix}articles")["index_templates"][0]
    settings = template["index_template"]["template"]["settings"]["index"]
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("2", "1")
    es.indices.put_settings(index=f"{sized.index_prefix}*", settings={"index": {"number_of_replicas": 0}})


def test_setup_migrates_to_a_new_version(es, es_cfg, elastic, monkeypatch):
    index.setup(elastic)
    es_articles.upsert_articles(elastic, [make(1), make(2)], refresh="wait_for")
    original = index.load_template

    def bumped(name, *a, **k):
        data = original(name, *a, **k)
        if name == "articles":
            data["version"] += 1
        return data

    current = original("articles")["version"]
    monkeypatch.setattr(index, "load_template", bumped)
    result = index.setup(elastic)
    assert result.index.endswith(f"articles-v{current + 1}") and result.migrated_from.endswith(f"articles-v{current}")
    assert es_articles.count(elastic) == 2
    assert list(es.indices.get_alias(name=es_cfg.articles_write_alias)) == [result.index]


def test_migration_keeps_search_answering_with_the_old_documents(es, es_cfg, elastic, monkeypatch):
    """`ingest setup` to a new mapping version: no search downtime, nothing written meanwhile lost."""
    import threading
    import time

    index.setup(elastic)
    es_articles.upsert_articles(elastic, [make(i) for i in range(20)], refresh="wait_for")
    old_index = index.article_index_name(es_cfg, index.load_template("articles")["version"])
    original, scan = index.load_template, index.helpers.scan

    def bumped(name, *a, **k):
        data = original(name, *a, **k)
        if name == "articles":
            data["version"] += 1
        return data

    def slow_scan(*a, **k):  # a copy that takes a while, as on a large index
        for doc in scan(*a, **k):
            time.sleep(0.05)
            yield doc

    monkeypatch.setattr(index, "load_template", bumped)
    monkeypatch.setattr(index.helpers, "scan", slow_scan)
    done: dict = {}
    worker = threading.Thread(target=lambda: done.update(result=index.setup(elastic)))
    worker.start()
    answers, written = [], False
    while worker.is_alive():
        answers.append(es.count(index=es_cfg.articles_alias)["count"])
        moved = list(es.indices.get_alias(name=es_cfg.articles_write_alias)) != [old_index]
        if not written and moved and answers.count(20) > 3:  # a run writing meanwhile: a new article, a changed one
            es_articles.upsert_articles(elastic, [make(100), make(3, body="Moscow and Seoul talk trade.")])
            written = True
        time.sleep(0.05)
    worker.join()
    # every search answered: with the old documents, then (once the read alias moved) with the new index
    assert len(answers) > 5 and answers.count(20) > 5 and set(answers) <= {20, 21}
    result = done["result"]
    assert result.migrated_from == old_index and result.index != old_index
    for alias in (es_cfg.articles_alias, es_cfg.articles_write_alias):
        assert list(es.indices.get_alias(name=alias)) == [result.index]
    assert written and es_articles.count(elastic) == 21 == es.count(index=old_index)["count"] + 1
    assert "Moscow" in es.get(index=es_cfg.articles_alias, id="a3")["_source"]["body"]  # not overwritten by the copy
    assert es.get(index=es_cfg.articles_alias, id="a5")["_source"]["doc_hash"]  # given on the way
    again = es_articles.upsert_articles(elastic, [make(i) for i in range(5, 10)])
    assert again.counts() == Counts(unchanged=5)


def test_migration_from_v5_gives_russian_and_korean_text_their_fields(es, es_cfg, elastic):
    """Mapping v6 moved the Russian and Korean analyses out of every title and body into fields of their
    own, filled only for text in that script: documents copied from a v5 index get them on the way, and a
    Cyrillic or Hangul word finds and marks them as before."""
    from ingest import search
    from ingest.models import ANALYSED_FIELDS
    from tests import FIXTURES

    v5_dir = FIXTURES / "mapping-v5"  # the mapping as shipped in version 5
    _, v5, _ = index.adapt(es, index.load_template("articles", v5_dir), index.load_fallbacks("articles", v5_dir))
    old = index.article_index_name(es_cfg, 5)
    es.indices.create(index=old, **v5["template"])
    es.indices.update_aliases(actions=[{"add": {"index": old, "alias": es_cfg.articles_alias}},
                                       {"add": {"index": old, "alias": es_cfg.articles_write_alias, "is_write_index": True}}])
    ru = make(1, body="Москва и Пхеньян обсудили поставки из Курской области. Подробности не сообщаются.")
    ko = make(2, body="북한이 러시아에 파병한 병력 일부를 교대했다.")
    en = make(3)
    for a in (ru, ko, en):  # a v5 document: no per-script copies
        doc = {k: v for k, v in a.to_doc().items()
               if k not in ANALYSED_FIELDS[2:] and k not in ("published_local_date", "published_precision")}
        es.index(index=old, id=a.id, document=doc)
    es.indices.refresh(index=old)
    result = index.setup(elastic)
    assert result.migrated_from == old and result.index.endswith(f"-v{index.load_template('articles')['version']}")
    docs = {i: es.get(index=es_cfg.articles_alias, id=i)["_source"] for i in ("a1", "a2", "a3")}
    assert docs["a1"]["body_ru"] == ru.body and "body_nori" not in docs["a1"]
    assert docs["a2"]["body_nori"] == ko.body and "body_ru" not in docs["a2"]
    assert not set(docs["a3"]) & set(ANALYSED_FIELDS[2:])  # English: nothing analysed twice more
    hits = search.search(elastic, "Курск")
    assert [h.id for h in hits] == ["a1"] and "<em>Курской" in hits[0].highlights[0]
    assert [h.id for h in search.search(elastic, "파병한")] == ["a2"]
    # upserting the same articles again finds them unchanged: the copies are not part of what is compared
    assert es_articles.upsert_articles(elastic, [ru, ko, en]).counts() == Counts(unchanged=3)


def test_a_lucene_document_per_article_and_quote_only(es, es_cfg, elastic):
    index.setup(elastic)
    a = make(1)
    a.entities = [Entity(f"Person {i}", "person", 1) for i in range(15)]
    a.quotes = [Quote("We will talk", "Person 1"), Quote("We are ready", "Person 2")]
    es_articles.upsert_articles(elastic, [a, make(2)], refresh="wait_for")
    stats = es.indices.stats(index=es_cfg.articles_alias, metric="docs")["_all"]["primaries"]["docs"]
    assert stats["count"] == 2 + 2  # each article, and one per quote: entities are not nested documents
    assert es.get(index=es_cfg.articles_alias, id="a1")["_source"]["entities"][0]["name"] == "Person 0"


def test_upsert_creates_skips_unchanged_and_updates_changed(es, es_cfg, elastic):
    index.setup(elastic)
    articles = [make(i) for i in range(3)]
    r1 = es_articles.upsert_articles(elastic, articles, refresh="wait_for")
    assert r1.counts() == Counts(indexed=3)
    before = es.get(index=es_cfg.articles_alias, id="a0")["_version"]

    r2 = es_articles.upsert_articles(elastic, [make(i) for i in range(3)], refresh="wait_for")
    assert r2.counts() == Counts(unchanged=3)
    assert es.get(index=es_cfg.articles_alias, id="a0")["_version"] == before  # not rewritten

    changed = make(0, body="Russia and South Korea held talks in Seoul on Tuesday.")
    old_hash = make(0).content_hash
    r3 = es_articles.upsert_articles(elastic, [changed], refresh="wait_for")
    assert r3.updated == ["a0"]
    doc = es.get(index=es_cfg.articles_alias, id="a0")["_source"]
    assert doc["content_hash"] == changed.content_hash
    assert doc["previous_content_hashes"] == [old_hash]
    assert es_articles.count(elastic) == 3


def test_entities_and_quotes_are_indexed_as_facets_and_nested(es, es_cfg, elastic):
    index.setup(elastic)
    a = make(7)
    a.entities = [Entity("Georgy Zinoviev", "person", 3, None), Entity("Seoul", "location", 2, "Q8684")]
    a.quotes = [Quote("We are able to maintain bilateral relations", "Georgy Zinoviev")]
    a.topics = ["Diplomacy & dialogue"]
    es_articles.upsert_articles(elastic, [a], refresh="wait_for")
    doc = es.get(index=es_cfg.articles_alias, id="a7")["_source"]
    assert doc["persons"] == ["Georgy Zinoviev"] and doc["locations"] == ["Seoul"]
    assert doc["quote_speakers"] == ["Georgy Zinoviev"]
    nested = es.search(
        index=es_cfg.articles_alias,
        query={"nested": {"path": "quotes", "query": {"bool": {"must": [
            {"term": {"quotes.speaker": "Georgy Zinoviev"}}, {"match": {"quotes.text": "bilateral"}}]}}}},
    )
    assert nested["hits"]["total"]["value"] == 1


def test_refused_documents_go_to_dead_letters_and_the_batch_goes_on(es, es_cfg, elastic):
    index.setup(elastic)
    good, bad = make(1), make(2)
    bad.relevance_score = "not a number"  # type: ignore[assignment]  # a mapping conflict
    result = es_articles.upsert_articles(elastic, [good, bad], run_id="run-x", refresh="wait_for")
    assert result.created == ["a1"]
    assert [f["id"] for f in result.failed] == ["a2"]
    es.indices.refresh(index=es_cfg.deadletter_index)
    dead = es.search(index=es_cfg.deadletter_index, query={"term": {"doc_id": "a2"}})["hits"]["hits"]
    assert len(dead) == 1
    assert "relevance_score" in dead[0]["_source"]["reason"] and dead[0]["_source"]["run_id"] == "run-x"


def test_upsert_raises_one_line_error_when_elasticsearch_is_down(es_cfg):
    from ingest.store.es.client import from_settings

    down = from_settings(es_cfg.__class__(es_url="http://127.0.0.1:9", es_timeout=1))
    with pytest.raises(index.IndexingError) as info:
        es_articles.upsert_articles(Elastic(down, es_cfg.es), [make(1)])
    assert "\n" not in str(info.value)


def test_missing_analyzers_are_found_by_asking_the_server(es):
    assert index.missing_analyzers(es, {"standard", "no_such_analyzer_xyz"}) == {"no_such_analyzer_xyz"}


def test_a_refused_probe_is_an_error_not_a_missing_analyzer(cfg):
    from ingest.store.es.client import from_settings

    down = from_settings(cfg.__class__(es_url="http://127.0.0.1:9", es_timeout=1))
    with pytest.raises(Exception) as info:
        index.missing_analyzers(down, {"english"})
    assert not isinstance(info.value, AssertionError)


def test_an_unchanged_article_is_not_analysed_again(es, es_cfg, elastic, monkeypatch):
    from ingest.lang import ko

    index.setup(elastic)
    korean = make(9, body="외교부는 러시아 대사를 초치했다.")
    assert es_articles.upsert_articles(elastic, [korean], refresh="wait_for").created == ["a9"]
    assert es.get(index=es_cfg.articles_alias, id="a9")["_source"]["body_ko"]

    def no_analysis(text):
        raise AssertionError("Korean analysis of an unchanged article")

    monkeypatch.setattr(ko, "index_text", no_analysis)
    again = es_articles.upsert_articles(elastic, [make(9, body="외교부는 러시아 대사를 초치했다.")])
    assert again.counts() == Counts(unchanged=1)
