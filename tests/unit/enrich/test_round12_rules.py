"""Round-12 rules: a place or an acronym between a foreign name and its title, and the bodies, regions and
outlets round 12's tuning part named."""

from ingest.enrich.enrich import enrich_text
from ingest.settings import Settings

CFG = Settings()


def _run(body: str, language: str, title: str = "제목"):
    entities, quotes, _ = enrich_text(title, body, CFG, language)
    return entities, {q.text: q.speaker for q in quotes}


def test_a_region_or_an_acronym_between_a_foreign_name_and_its_title():
    body = ('알렉세이 콜마코프 노보시비르스크주 건설국장은 "노동자를 받고 싶다"고 밝혔습니다.\n\n'
            '이날 한국 언론과 만난 에두아르도 페드로사 APEC 사무국장은 "경주 개최는 의미가 있다"고 말했다.')
    entities, got = _run(body, "ko")
    natives = {e.native for e in entities if e.type == "person"}
    assert natives == {"알렉세이 콜마코프", "에두아르도 페드로사"}
    assert {"Novosibirsk Oblast", "Asia-Pacific Economic Cooperation"} <= {e.name for e in entities}
    assert "에두아르도" not in {e.name for e in entities if e.type == "location"}


def test_the_special_military_operation_and_the_central_committee_as_abbreviations_are_no_bodies():
    body = "Участники СВО и делегация ЦК посетили Нью-Дели и Петербург."
    entities, _ = _run(body, "ru", "Заголовок")
    names = {e.name for e in entities}
    assert {"New Delhi", "Saint Petersburg"} <= names and not {"СВО", "ЦК"} & names


def test_a_channel_post_is_its_bodys_and_telegram_is_no_body():
    body = ("Посольство России в Сеуле обратилось к гражданам.\n\n"
            "«Призываем российских граждан сохранять спокойствие», — говорится в Telegram-канале посольства.")
    entities, got = _run(body, "ru", "Заголовок")
    assert "Telegram" not in {e.name for e in entities}
    assert got["Призываем российских граждан сохранять спокойствие"] not in (None, "Telegram")


def test_the_companys_representatives_are_the_company_not_the_agency_that_relays_them():
    body = ("Никита Хромин (ночной линейный редактор)\n\n"
            "Компания Hyundai Motor решила не выкупать завод. Об этом сообщили в компании, передает РИА Новости.\n\n"
            "«Компания не воспользовалась возможностью обратного выкупа», — сказали представители корпорации.")
    entities, got = _run(body, "ru", "Заголовок")
    assert got["Компания не воспользовалась возможностью обратного выкупа"] == "Hyundai Motor"
    assert "Nikita Khromin" not in {e.name for e in entities}


def test_a_korean_briefer_answering_a_question_and_a_body_as_topic():
    body = ('임수석 외교부 대변인은 12일 정례 브리핑에서 "영사 조력을 제공하고 있다"고 말했다.\n\n'
            '직원을 추가로 보낼 계획이 있느냐는 질문에는 "추가 파견 계획은 없다"고 답했다.\n\n'
            '크렘린궁은 전날까지만 해도 푸틴 대통령의 방북 계획이 "아직 없다"고 했다.\n\n'
            '통신은 김정은 국무위원장이 "조국의 영예를 떨친 영웅들"이라며 치하했다고 전했다.')
    _, got = _run(body, "ko")
    assert got["추가 파견 계획은 없다"] == got["영사 조력을 제공하고 있다"] != "South Korean Foreign Ministry"
    assert got["아직 없다"] == "Kremlin"
    assert got["조국의 영예를 떨친 영웅들"] == "Kim Jong Un"


def test_a_two_word_korean_name_in_russian_is_not_declined_and_keeps_its_nominative_native_form():
    from ingest.enrich.kb import get_kb
    from ingest.enrich.romanise import cyrillic_nominative, latin

    assert cyrillic_nominative("Ли Чхолем") == cyrillic_nominative("Ли Чхоля") == "Ли Чхоль"
    assert latin("Ким Сон Иль", "ru", get_kb()) == ("Kim Son-il", False)  # not Kim Jong Il
    assert latin("Ким Чон Ын", "ru", get_kb()) == ("Kim Jong Un", True)


def test_the_korean_national_security_council_a_treaty_and_an_angle_bracket_credit():
    body = ('구병삼 통일부 대변인은 국가안전보장회의(NSC) 상임위원회를 통해 입장을 밝혔다.\n\n'
            '드미트리 페스코프 러시아 크렘린궁 대변인. 〈사진=로이터〉')
    entities, _ = _run(body, "ko")
    names = {e.name for e in entities}
    assert "South Korean National Security Council" in names and "National Security Council" not in names
    assert "Reuters" not in names
    entities, _ = _run("Russia and North Korea signed the Comprehensive Strategic Partnership Treaty.", "en", "Treaty")
    assert "Comprehensive Strategic Partnership Treaty" not in {e.name for e in entities}
