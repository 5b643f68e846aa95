"""Topics: multi-label, explainable rules from ingest/resources/kb/topics.yaml."""

from __future__ import annotations

import pytest

from ingest.models import Entity
from ingest.enrich.topics import assign_topics, explain_topics, load_taxonomy, topic_key, topic_labels
from ingest.errors import ConfigError

from tests.unit.filter.test_relevance import seed_texts

KEYS = ["sanctions", "military", "diplomacy", "nuclear", "ukraine_war", "trade_energy", "humanitarian", "history_culture", "security_espionage"]


def keys(labels: list[str]) -> set[str]:
    return {topic_key(label) for label in labels}


def test_taxonomy_has_the_nine_topics_with_readable_unique_labels():
    labels = topic_labels()
    assert list(labels) == KEYS
    assert labels["sanctions"] == "Sanctions & export controls"
    assert len(set(labels.values())) == len(labels)
    assert all(label[0].isupper() for label in labels.values())


def test_yonhap_seed_topics():
    title, body = seed_texts()[0]
    got = keys(assign_topics(title, body))
    assert {"diplomacy", "sanctions", "military", "ukraine_war"} <= got
    # passing mentions ("humanitarian assistance" once, "nuclear weapons" once) are not topics
    assert not got & {"humanitarian", "nuclear", "security_espionage"}


def test_oreanda_seed_topics():
    title, body = seed_texts()[1]
    got = keys(assign_topics(title, body))
    assert {"diplomacy", "sanctions"} <= got
    assert "nuclear" not in got


def test_explain_lists_matched_terms_best_first():
    title, body = seed_texts()[0]
    matches = explain_topics(title, body)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    sanctions = next(m for m in matches if m.key == "sanctions")
    assert sanctions.assigned and sanctions.score >= sanctions.threshold
    assert "export control*" in sanctions.terms and "sanction*" in sanctions.terms
    humanitarian = next(m for m in matches if m.key == "humanitarian")
    assert not humanitarian.assigned and humanitarian.terms == {"humanitarian assistance": 1}
    assert [m.label for m in matches if m.assigned] == assign_topics(title, body)


def test_title_boost_decides_a_short_item():
    assert "nuclear" in keys(assign_topics("North Korea test-fires ballistic missile", ""))
    assert "nuclear" not in keys(assign_topics("", "North Korea test-fires ballistic missile"))


def test_entity_rule_assigns_nuclear():
    body = "The agency's chief met officials in Moscow to discuss the situation in Pyongyang."
    assert "nuclear" not in keys(assign_topics("Talks in Moscow", body))
    entities = [Entity("International Atomic Energy Agency", "organization", 2)]
    assert "nuclear" in keys(assign_topics("Talks in Moscow", body, entities))
    # the type must match when the rule names one
    assert "nuclear" not in keys(assign_topics("Talks in Moscow", body, [Entity("International Atomic Energy Agency", "person")]))
    match = next(m for m in explain_topics("Talks in Moscow", body, entities) if m.key == "nuclear")
    assert match.entities == ["International Atomic Energy Agency"]


def test_korean_and_russian_texts_get_topics():
    ko = assign_topics("북한군 쿠르스크 파병…러시아와 군사협력 강화", "국정원은 북한이 러시아에 병력을 파병했으며 우크라이나 전쟁에 투입됐다고 밝혔다.")
    assert {"military", "ukraine_war"} <= keys(ko)
    ru = assign_topics(
        "Россия и КНДР обсудили поставки нефти и рост товарооборота",
        "Стороны договорились увеличить товарооборот, экспорт нефти и развивать железную дорогу Хасан — Раджин.",
    )
    assert "trade_energy" in keys(ru)


def test_espionage_and_humanitarian_topics():
    spy = assign_topics("Seoul arrests suspected North Korean spy working with Russian intelligence", "The NIS said the suspect was detained.")
    assert "security_espionage" in keys(spy)
    hum = assign_topics("Russia to repatriate North Korean defectors, rights groups warn", "Human rights groups urged Moscow to stop forced repatriation of refugees.")
    assert "humanitarian" in keys(hum)


def test_nothing_matches_nothing():
    assert assign_topics("", "") == []
    assert explain_topics("Weather", "Sunny in Busan.") == []


def test_unknown_label_maps_to_none():
    assert topic_key("Sanctions & export controls") == "sanctions"
    assert topic_key("sanctions") == "sanctions"
    assert topic_key("Gardening") is None


def test_bad_taxonomy_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "topics.yaml"
    bad.write_text("topics:\n  a: {label: A, terms: {en: [x]}}\n  b: {label: A, terms: {en: [y]}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate label 'A'"):
        load_taxonomy(bad)
    bad.write_text("topics:\n  a: {label: A, threshold: high, terms: {en: [x]}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold must be a number"):
        load_taxonomy(bad)
    bad.write_text("topics: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="non-empty 'topics'"):
        load_taxonomy(bad)
    bad.write_text("topics:\n  a: {label: A}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="neither terms nor entity rules"):
        load_taxonomy(bad)


def test_custom_taxonomy_is_used(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("title_weight: 1\ntopics:\n  weather: {label: Weather, threshold: 2, terms: {en: {rain: 1, storm*: 2}}}\n", encoding="utf-8")
    tax = load_taxonomy(path)
    assert assign_topics("", "Storms and rain", taxonomy=tax) == ["Weather"]
    assert assign_topics("", "rain", taxonomy=tax) == []
