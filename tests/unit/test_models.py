"""ingest.models and ingest.results: references and results survive the trip through XCom (JSON) unchanged."""

from __future__ import annotations

import json

from ingest.models import Article, BatchRef, Candidate, Counts, Stage, Status
from ingest.results import Discovered, StageResult


def test_stage_result_round_trips_through_json():
    r = Discovered(seconds=1.23456, source="tass", url="https://tass.example/rss",
                   candidates=[Candidate("https://tass.example/a", "https://tass.example/a?x=1", "tass", refetch=True)],
                   feed_validators={"etag": '"abc"', "last_modified": None}, notes=["n"])
    r.counts.new = 1
    r.reason("source_failed", "x")
    back = StageResult.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back.candidates == r.candidates and back.counts == r.counts and back.reasons == r.reasons
    assert back.stage is Stage.DISCOVER and back.seconds == 1.235


def test_batch_refs_name_the_next_stage():
    ref = BatchRef("run", "yonhap", "fetched")
    assert ref.next("clean") == BatchRef("run", "yonhap", "clean")
    assert BatchRef.from_dict(ref.to_dict()) == ref


def test_counts_add_field_by_field():
    assert Counts(indexed=1, failed=2) + Counts(indexed=3) == Counts(indexed=4, failed=2)


def test_statuses_are_the_strings_stored():
    assert Status.DEAD_LETTER == "dead_letter" and str(Status.FETCHED) == "fetched"


def test_a_misspelt_count_cannot_be_written():
    import pytest

    with pytest.raises(AttributeError):
        Counts().fetchd = 1  # type: ignore[attr-defined]


def test_korean_analysis_travels_with_the_batch_row(monkeypatch):
    from ingest.lang import ko
    from ingest.models import Article

    row = Article(id="k", url="https://example.com/k", title="러시아 대사 초치", body="외교부는 러시아 대사를 초치했다.").to_doc()
    assert row["body_ko"]
    monkeypatch.setattr(ko, "index_text", lambda text: (_ for _ in ()).throw(AssertionError("analysed again")))
    again = Article.from_doc(row)
    assert again.to_doc()["body_ko"] == row["body_ko"]  # read back from a batch: not analysed again
    again.body = "평양에서 회담이 열렸다."
    monkeypatch.setattr(ko, "index_text", lambda text: f"new:{text}")
    assert again.to_doc()["body_ko"] == "new:평양에서 회담이 열렸다."  # changed text: analysed


def test_script_copies_only_for_text_in_that_script():
    from ingest.models import Article, script_copies

    assert script_copies("Lavrov in Seoul", "Sergei Lavrov met officials in Seoul.") == {}
    assert script_copies("Лавров в Сеуле", "Lavrov said ...") == {"title_ru": "Лавров в Сеуле"}
    assert script_copies(None, "북한 외무성은 ... «Да»") == {"body_ru": "북한 외무성은 ... «Да»", "body_nori": "북한 외무성은 ... «Да»"}
    doc = Article(id="a", url="https://example.com/a", title="T", body="Зиновьев заявил").to_doc()
    assert doc["body_ru"] == "Зиновьев заявил" and "title_ru" not in doc
    assert "body_ru" not in Article(id="a", url="u", title="T", body="B").to_doc(analysed=False)


def test_to_doc_writes_entities_and_quotes_as_asdict_would():
    from dataclasses import asdict

    from ingest.models import Article, Entity, Quote

    a = Article(id="a", url="u", title="T", body="B", entities=[Entity("Seoul", "location", 2, "Q8684")],
                quotes=[Quote("We are ready", None)])
    doc = a.to_doc()
    assert doc["entities"] == [asdict(e) for e in a.entities] and doc["quotes"] == [asdict(q) for q in a.quotes]


def test_every_stage_result_round_trips_and_keeps_only_its_own_counts():
    import pytest

    from ingest.results import RESULTS, Fetched

    for stage, kind in RESULTS.items():
        r = kind(seconds=2.0)
        back = StageResult.from_dict(json.loads(json.dumps(r.to_dict())))
        assert type(back) is kind and back == r and back.stage is stage
    with pytest.raises(AttributeError):
        Fetched().counts.indexed = 1  # type: ignore[attr-defined]  # an index count is no fetch count
    with pytest.raises(ValueError, match="unknown count"):
        StageResult.from_dict({"stage": "fetch", "counts": {"indexed": 1}})


def test_notes_are_written_only_when_there_are_some_and_read_back():
    from tests import ROOT

    plain = Article(id="n1", url="https://example.org/a", title="T", body="B")
    assert "notes" not in plain.to_doc(analysed=False)  # stored articles without notes compare as before
    noted = Article(id="n2", url="https://example.org/b", title="T", body="B", notes=["markup_too_deep"])
    doc = noted.to_doc(analysed=False)
    assert doc["notes"] == ["markup_too_deep"] and Article.from_doc(doc).notes == ["markup_too_deep"]
    mapping = json.loads((ROOT / "mappings" / "articles.json").read_text(encoding="utf-8"))
    assert mapping["template"]["mappings"]["properties"]["notes"] == {"type": "keyword"}  # strict: it must be mapped
