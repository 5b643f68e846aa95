"""Round-6 rules: Hangul foreign names keyed on their letters, titles without a date, the English
context country, nationality in descriptions, cut names, headline fragments, a bare "Корея"."""

from ingest.enrich import filters, offices, romanise
from ingest.enrich.enrich import enrich_text
from ingest.enrich.kb import get_kb
from ingest.enrich.link import Mention
from ingest.settings import Settings


def test_hangul_foreign_names_match_one_kb_person_by_their_letters():
    kb = get_kb()
    assert romanise.hangul_key("블링컨") == "PRNKN"
    assert romanise.kb_by_hangul("토니 블링컨", kb).name == "Antony Blinken"
    assert romanise.kb_by_hangul("블링컨", kb).name == "Antony Blinken"
    assert romanise.kb_by_hangul("사브리나 싱", kb).name == "Sabrina Singh"
    assert romanise.kb_by_hangul("싱", kb) is None  # a lone surname of two classes is too short to tell
    assert romanise.kb_by_hangul("블링컨x", kb) is None  # not Hangul
    assert romanise.latin("양무진", "ko", kb) == ("Yang Moo-jin", True)  # a Korean name: its own romanisation, then by sound


def test_a_korean_report_gives_a_foreign_official_his_kb_name():
    body = '토니 블링컨 미국 국무장관은 "러시아가 북한과 위성 기술을 공유하려 한다는 믿을 만한 정보가 있다"고 밝혔다.'
    entities, quotes, _ = enrich_text("블링컨 방한", body, Settings(), "ko")
    assert "Antony Blinken" in {e.name for e in entities if e.type == "person"}
    assert [q.speaker for q in quotes] == ["Antony Blinken"]


def test_a_ministry_resolves_without_a_date_and_a_person_does_not():
    assert offices.holder("foreign_ministry", "ROK", None) == "South Korean Foreign Ministry"
    assert offices.holder("foreign_minister", "RU", None) is None


def test_english_context_country_from_the_capitals_named():
    text = "Envoy says the ball is in Seoul's court\n\nSeoul and Moscow. The ambassador in Seoul met officials in Seoul."
    assert offices.context_country(text, "en") == "ROK"
    assert offices.context_country("Seoul and Moscow talk.", "en") is None  # no lead of two


def test_a_nationality_in_a_description_picks_that_countrys_office_holder():
    assert offices.country_in("the Russian ") == "RU" and offices.country_in("the new ") is None
    assert offices.countries_of("Sergei Lavrov") == {"RU"}
    body = ('Foreign Minister Cho Hyun met Sergei Lavrov on Friday.\n\n'
            'Lavrov said Russia valued the talks.\n\n'
            '"Russia has no intention of harming South Korea\'s security," the Russian minister said.')
    _, quotes, _ = enrich_text("Cho meets Lavrov", body, Settings(), "en")
    assert [q.speaker for q in quotes] == ["Sergei Lavrov"]


def test_a_name_cut_short_takes_the_longer_form():
    kb = get_kb()
    mentions = [Mention(0, 11, "Ким Хён Ук", "person", surface="Ким Хён Ук"), Mention(40, 47, "Ким Хён", "person", surface="Ким Хён")]
    out, _ = romanise.localise(mentions, "ru", kb)
    assert len({m.name for m in out}) == 1


def test_headline_fragments_and_a_bare_korea():
    text = "Seoul Voices Concerns over Moscow\n\nBody."
    m = Mention(0, 20, "Seoul Voices Concerns", "organization", surface="Seoul Voices Concerns")
    assert filters.headline_fragment(text, m, "en")
    assert not filters.headline_fragment(text, Mention(30, 34, "Body", "organization", surface="Body"), "en")
    bare = Mention(0, 5, "Корея", "location", surface="Корея")
    south = Mention(9, 20, "South Korea", "location", in_kb=True, surface="Южной Кореи")
    assert filters.bare_country([bare, south], "ru")[0].name == "South Korea"
    north = Mention(22, 26, "North Korea", "location", in_kb=True, surface="КНДР")
    assert filters.bare_country([bare, south, north], "ru")[0].name == "Корея"  # both named: left as it is
