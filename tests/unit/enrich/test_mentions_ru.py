"""Russian enrichment: inflected forms link to the KB, NER for the rest, quotes with speakers, datelines ignored."""

from ingest.enrich.enrich import enrich_text
from ingest.enrich.kb import get_kb
from ingest.enrich.link import aggregate
from ingest.enrich.mentions_ru import nominative, ru_mentions
from ingest.settings import Settings


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.type for e in aggregate(ru_mentions(text, get_kb()))}


def _quotes(body: str) -> dict[str, str | None]:
    _, quotes, _ = enrich_text("Заголовок статьи", body, Settings(), "ru")
    return {q.text: q.speaker for q in quotes}


def test_inflected_forms_link_to_canonical_entities():
    found = _entities(
        "Послу Зиновьеву вручили ноту. Лаврову доложили о ситуации в Курской области. "
        "Делегация вылетела в Пхеньян и вернулась за Пхеньяном следом. Песков встретился с Путиным."
    )
    assert {"Georgy Zinoviev", "Sergei Lavrov", "Kursk", "Pyongyang", "Dmitry Peskov", "Vladimir Putin"} <= set(found)


def test_adjectives_and_ministries_name_their_country_and_body():
    found = _entities("Глава российского МИД обсудил с коллегой из МИД КНДР южнокорейские заявления.")
    assert {"Russian Foreign Ministry", "North Korean Foreign Ministry", "South Korea"} <= set(found)


def test_korean_names_declined_in_russian_link():
    found = _entities("Переговоры с Ким Чен Ыном прошли в Пхеньяне, сообщил Юн Сок Ёль.")
    assert {"Kim Jong Un", "Yoon Suk Yeol"} <= set(found)


def test_unknown_people_kept_in_the_nominative():
    assert nominative(["Ирины", "Соколовой"]) == "Ирина Соколова"
    found = _entities("Об этом рассказала директор турфирмы Ирина Соколова.")
    assert found.get("Ирина Соколова") == "person"


def test_dateline_outlets_and_author_lines_are_not_entities():
    found = _entities(
        "МОСКВА, 1 ноября. /ТАСС/. Сергей Лавров провел переговоры.\n\n"
        "Москва. 24 октября. INTERFAX.RU - Кремль не комментирует.\n\n"
        "Елена Черненко, Кирилл Кривошеев"
    )
    assert {"Moscow", "Sergei Lavrov", "Kremlin"} <= set(found)
    assert not set(found) & {"TASS", "Interfax", "Елена Черненко", "Кирилл Кривошеев"}


def test_quote_patterns_and_speakers():
    got = _quotes(
        "Министр иностранных дел РФ Сергей Лавров встретился с Цой Сон Хи.\n\n"
        "«Наши отношения развиваются по всем направлениям», — заявил Лавров.\n\n"
        "Цой Сон Хи поблагодарила хозяев. «Корейский народ всегда будет рядом с друзьями», — сказала она.\n\n"
        "«Союзники наращивают военную активность у границ КНДР», — подчеркнул министр.\n\n"
        "Пресс-секретарь Кремля Дмитрий Песков ответил: «Нам нечего добавить».\n\n"
        "По словам Пескова, «контакты продолжатся в рабочем порядке»."
    )
    assert got["Наши отношения развиваются по всем направлениям"] == "Sergei Lavrov"
    assert got["Корейский народ всегда будет рядом с друзьями"] == "Choe Son Hui"
    assert got["Союзники наращивают военную активность у границ КНДР"] == "Sergei Lavrov"
    assert got["Нам нечего добавить"] == "Dmitry Peskov"
    assert got["контакты продолжатся в рабочем порядке"] == "Dmitry Peskov"


def test_indirect_speech_and_anonymous_sources():
    got = _quotes(
        "Захарова заявила, что договор «не направлен против третьих стран». Она назвала решение Сеула «очередным недружественным шагом».\n\n"
        "«Сделка выгоднее Пхеньяну, чем Москве», — полагает собеседник “Ъ” в дипломатических кругах."
    )
    assert "не направлен против третьих стран" not in got
    assert "очередным недружественным шагом" not in got
    assert got["Сделка выгоднее Пхеньяну, чем Москве"] is None
