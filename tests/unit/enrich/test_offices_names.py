"""Offices by date, names outside the KB, precision filters and statements (round-5 rules)."""

from datetime import date

from ingest.enrich import filters, offices, romanise
from ingest.enrich.enrich import enrich_text
from ingest.enrich.kb import get_kb
from ingest.enrich.link import Mention
from ingest.settings import Settings


def test_a_title_resolves_to_the_holder_on_the_date():
    assert offices.holder("foreign_minister", "ROK", date(2024, 3, 1)) == "Cho Tae-yul"
    assert offices.holder("foreign_minister", "ROK", date(2025, 9, 1)) == "Cho Hyun"
    assert offices.holder("security_council_secretary", "RU", date(2024, 1, 1)) == "Nikolai Patrushev"
    assert offices.holder("security_council_secretary", "RU", date(2024, 9, 13)) == "Sergei Shoigu"
    assert offices.holder("nsc_spokesperson", "US", date(2024, 10, 22)) == "Sean Savett"
    assert offices.holder("foreign_minister", "ROK", None) is None


def test_article_date_from_datelines_and_stamps():
    assert offices.article_date("Published : July 11, 2025 - 18:02:45\n\nKUALA LUMPUR -- ...") == date(2025, 7, 11)
    assert offices.article_date("본문\n\n2024/09/14 06:30 송고") == date(2024, 9, 14)
    assert offices.article_date("РБК, 02 сен 2025, 14:20\n\nТекст") == date(2025, 9, 2)
    assert offices.article_date("13.09.2024\n\nТекст") == date(2024, 9, 13)
    assert offices.article_date("no date here") is None


def test_context_country_by_dateline_then_language():
    assert offices.context_country("SEOUL, Oct 14 (Reuters) - text", "en") == "ROK"
    assert offices.context_country("(워싱턴=뉴스1) 특파원 = 본문", "ko") == "US"
    assert offices.context_country("본문", "ko") == "ROK"
    assert offices.context_country("Текст", "ru") == "RU"


def test_a_bare_title_becomes_the_holder_and_a_named_one_does_not():
    kb = get_kb()
    text = "SEOUL, Feb. 3, 2024 (AP) — Seoul summoned Russia's ambassador. The ambassador said nothing."
    names = {m.name for m in offices.title_mentions(text, "en", [], kb)}
    assert names == {"Georgy Zinoviev"}
    named = "February 4, 2024\n\nForeign Minister Cho Tae-yul spoke."
    cho = Mention(named.index("Cho"), named.index("Cho") + 11, "Cho Tae-yul", "person", in_kb=True)
    assert offices.title_mentions(named, "en", [cho], kb) == []


def test_names_outside_the_kb_get_one_latin_name():
    kb = get_kb()
    assert romanise.latin("Ивана Желоховцева", "ru", kb) == ("Ivan Zhelokhovtsev", False)
    assert romanise.latin("Иван Желоховцев", "ru", kb) == ("Ivan Zhelokhovtsev", False)
    assert romanise.latin("Андрея Ланькова", "ru", kb) == ("Andrei Lankov", True)  # in the KB since round 6
    assert romanise.latin("Ким Хён Ук", "ru", kb) == ("Kim Hyon-uk", False)
    assert romanise.latin("Пак Чин", "ru", kb) == ("Park Jin", True)  # by sound, to the KB's Park Jin
    assert romanise.korean_name("양무진") == "Yang Mu-jin"
    assert romanise.latin("마이클 그린", "ko", kb)[1] is False
    assert romanise.latin("빅터 차", "ko", kb) == ("Victor Cha", True)


def test_the_same_unknown_name_merges_across_inflections():
    kb = get_kb()
    full = Mention(0, 15, "Иван Желоховцев", "person", surface="Иван Желоховцев")
    short = Mention(40, 51, "Желоховцеву", "person", surface="Желоховцеву")
    out, native = romanise.localise([full, short], "ru", kb)
    assert [m.name for m in out] == ["Ivan Zhelokhovtsev", "Ivan Zhelokhovtsev"]
    assert native == {"Ivan Zhelokhovtsev": "Иван Желоховцев"}


def test_vessels_common_nouns_and_bylines_are_not_entities():
    text = "Russian cargo ship seen\n\nBy Jane Roe\n\nThe ship, the Angara, docked. The case recalls the Lady R. North said."
    a = text.index("Angara")
    lady = text.index("Lady")
    north = text.index("North")
    byline = text.index("Jane Roe")
    mentions = [Mention(a, a + 6, "Angara", "location"), Mention(lady, lady + 4, "Lady", "person"),
                Mention(north, north + 5, "North", "person"), Mention(byline, byline + 8, "Jane Roe", "person", surface="Jane Roe")]
    assert filters.apply(text, mentions, "en") == []


def test_statements_go_to_the_body_and_romanised_speakers():
    cfg = Settings()
    title = "Шойгу посетил КНДР"
    body = ("13.09.2024\n\nСекретарь Совета безопасности России Сергей Шойгу побывал в Пхеньяне.\n\n"
            "«Состоялся предметный обмен мнениями по широкому кругу вопросов», — говорится в сообщении пресс-службы Совбеза.\n\n"
            "«Это сигнал Вашингтону», — отметил востоковед Артём Лукин.")
    entities, quotes, _ = enrich_text(title, body, cfg, "ru")
    speakers = {q.text[:10]: q.speaker for q in quotes}
    assert speakers["Состоялся "] == "Security Council of Russia"
    assert speakers["Это сигнал"] == "Artyom Lukin"
    lukin = next(e for e in entities if e.name == "Artyom Lukin")
    assert lukin.native == "Артём Лукин" and lukin.in_kb is False
