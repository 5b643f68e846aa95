import json
from pathlib import Path

import pytest

from ingest.models import Article, content_hash
from ingest.enrich import enrich as pipeline
from ingest.errors import Rejected
from ingest.settings import Settings
from ingest.enrich.enrich import enrich_articles, enrich_file
from ingest.extract.plaintext import split_title
from tests import ROOT

GOLD = ROOT / "bench" / "gold"


def _article(i: int, body: str) -> Article:
    return Article(id=str(i), url=f"https://example.org/{i}", title="Seoul and Moscow talk", body=body)


def test_enrich_fills_fields_and_skips_unchanged(cfg):
    arts = [
        _article(1, '"We want stable ties with Seoul," Georgy Zinoviev said in Seoul.'),
        _article(2, "Kim Jong Un met Vladimir Putin in Pyongyang."),
    ]
    assert enrich_articles(arts, cfg) == 2
    for a in arts:
        assert a.enriched_hash == a.content_hash
        assert a.entities
    assert arts[0].quotes[0].speaker == "Georgy Zinoviev"
    assert {e.name for e in arts[1].entities} >= {"Kim Jong Un", "Vladimir Putin", "Pyongyang"}

    before = [list(a.entities) for a in arts]
    assert enrich_articles(arts, cfg) == 0  # unchanged: not enriched twice
    assert [a.entities for a in arts] == before

    arts[1].body += " Sergei Lavrov joined them."
    arts[1].content_hash = content_hash(arts[1].title, arts[1].body)
    assert enrich_articles(arts, cfg) == 1
    assert "Sergei Lavrov" in {e.name for e in arts[1].entities}


def test_enrich_articles_batches_through_pipe_once(cfg, monkeypatch):
    from ingest.enrich import cache

    calls = []
    real = cache.ner_spans  # NER runs on the batch's unseen paragraphs, in one call

    def spy(texts, *args, **kwargs):
        calls.append(len(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(cache, "ner_spans", spy)
    arts = [_article(i, f"Seoul said on day {i} that Moscow was wrong.") for i in range(5)]
    assert enrich_articles(arts, cfg) == 5
    assert len(calls) == 1 and calls[0] >= 5


def test_topics_come_from_topic_rules_when_present(cfg):
    arts = [_article(1, "North Korean troops fought in Russia's Kursk region, the NIS said.")]
    enrich_articles(arts, cfg)
    assert arts[0].topics
    assert arts[0].topics == list(pipeline.assign_topics(arts[0].title, arts[0].body, arts[0].entities))


def test_enrich_file_output_format():
    out = enrich_file(GOLD / "seed_yonhap_zinoviev.txt", Settings())
    assert set(out) == {"source", "title", "language", "entities", "quotes", "topics"}
    assert out["source"].endswith("seed_yonhap_zinoviev.txt")
    assert all(set(e) == {"name", "type", "count"} for e in out["entities"])
    assert all(e["type"] == e["type"].lower() for e in out["entities"])
    assert all(set(q) == {"speaker", "text"} for q in out["quotes"])
    assert len(out["quotes"]) >= 10
    json.dumps(out)  # JSON-safe


def test_title_split_rules():
    yonhap = (GOLD / "seed_yonhap_zinoviev.txt").read_text(encoding="utf-8")
    title, body = split_title(yonhap)
    assert title.startswith("(Yonhap Interview) Russia")
    assert body.startswith("SEOUL, Russia")
    oreanda = (GOLD / "seed_oreanda_zinoviev.txt").read_text(encoding="utf-8")
    title, body = split_title(oreanda)
    assert title == "" and body.startswith("OREANDA-NEWS")


def test_bad_files_give_clear_errors(tmp_path: Path):
    with pytest.raises(Rejected, match="cannot read"):
        enrich_file(tmp_path / "missing.txt", Settings())
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(Rejected, match="not a text file"):
        enrich_file(binary, Settings())
    latin = tmp_path / "l.txt"
    latin.write_bytes("Caf\xe9 in Seoul".encode("latin-1"))
    with pytest.raises(Rejected, match="not UTF-8"):
        enrich_file(latin, Settings())
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(Rejected, match="empty"):
        enrich_file(empty, Settings())


def test_gold_benchmark_meets_the_bar():
    from bench.entities import evaluate

    result = evaluate(GOLD)
    assert result["articles"] >= 12
    assert result["entities"]["ours"]["f1"] >= 0.9
    assert result["entities"]["ours"]["f1"] > result["entities"]["raw_spacy"]["f1"]
    assert result["quotes"]["speaker_accuracy"] >= 0.75


def test_language_dispatch_keeps_the_english_model_off_korean_and_russian(cfg, monkeypatch):
    from ingest.enrich import cache

    seen = []
    real = cache.ner_spans  # the English model runs on the unseen paragraphs of the batch

    def spy(texts, *args, **kwargs):
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(cache, "ner_spans", spy)
    arts = [
        Article(id="ko", url="https://example.org/ko", title="외교부, 러 대사 초치", body="김홍균 외교부 1차관은 북한의 파병에 항의했다.", language="ko"),
        Article(id="ru", url="https://example.org/ru", title="Лавров в Пхеньяне", body="Сергей Лавров прибыл в Пхеньян для переговоров с Цой Сон Хи."),
        _article(3, "Kim Jong Un met Vladimir Putin in Pyongyang, a dispatch test said."),  # not cached by other tests
    ]
    assert enrich_articles(arts, cfg) == 3
    english = pipeline.article_text(arts[2].title, arts[2].body)
    assert seen and all(t.strip() in english for t in seen)  # only the English article's paragraphs went to spaCy
    assert {"South Korean Foreign Ministry", "Kim Hong-kyun", "North Korea", "Russia"} <= {e.name for e in arts[0].entities}
    assert {"Sergei Lavrov", "Pyongyang", "Choe Son Hui"} <= {e.name for e in arts[1].entities}  # language detected


def test_language_of_uses_the_given_language_or_detects():
    assert pipeline.language_of("제목", "본문", "ru") == "ru"
    assert pipeline.language_of("Лавров прибыл", "Министр иностранных дел России прибыл в Пхеньян с визитом.", None) == "ru"
    assert pipeline.language_of("대사 초치", "외교부는 주한 러시아 대사를 초치해 항의했다고 밝혔다.", "und") == "ko"


def test_korean_and_russian_gold_meet_the_bar():
    from bench.entities import evaluate

    for folder in ("ko", "ru"):
        result = evaluate(GOLD / folder)
        assert result["entities"]["ours"]["f1"] >= 0.9
        assert result["entities"]["ours"]["f1"] > result["entities"]["naive"]["f1"]
        assert result["quotes"]["speaker_accuracy"] >= 0.8
