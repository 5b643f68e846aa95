"""Round-13 rules: an unnamed official answering a question speaks for the body named with him, while a
surname with a title (전 대변인) is a person; caption credits with an agency and an equals sign."""

from ingest.enrich.enrich import enrich_text
from ingest.settings import Settings

CFG = Settings()


def _run(body: str, language: str, title: str = "제목"):
    entities, quotes, _ = enrich_text(title, body, CFG, language)
    return entities, {q.text: q.speaker for q in quotes}


def test_an_official_asked_a_question_speaks_for_his_body_and_a_surname_with_a_title_is_the_person():
    body = ('임수석 외교부 대변인은 브리핑에서 "유감을 표한다"고 밝혔다.\n\n'
            '외교부 당국자는 이날 영향을 묻자 "우리에게 중요한 것은 행위"라고 말했다.\n\n'
            '전하규 국방부 대변인은 5일 "상당수가 전선으로 이동했다"고 말했다.\n\n'
            '전 대변인은 국정원의 예측과 관련해 "추가 파병 가능성이 있다"고 말했다.')
    _, got = _run(body, "ko")
    assert got["우리에게 중요한 것은 행위"] == "South Korean Foreign Ministry"
    assert got["추가 파병 가능성이 있다"] == got["상당수가 전선으로 이동했다"] != "South Korean Defense Ministry"


def test_agency_credits_under_korean_captions_and_english_photos_name_no_agency():
    body = ("마리야 자하로바 러시아 외무부 대변인. AP=연합뉴스\n\n러시아가 한국의 조치를 비판했다.\n\n/연합뉴스")
    entities, _ = _run(body, "ko")
    assert not {"Associated Press", "Yonhap News Agency"} & {e.name for e in entities}
    body = "Troops in a picture released on Oct. 23, 2024. (KCNA via KNS/AFP)\n\nTOKYO: Japan said it was concerned."
    entities, _ = _run(body, "en", "Japan concerned")
    assert not {"Agence France-Presse", "Korean Central News Agency"} & {e.name for e in entities}


def test_a_north_korean_ambassador_named_with_his_title_is_the_ambassador_the_story_speaks_of():
    body = ("MOSCOW, April 24. /TASS/. North Korea and Russia have strengthened their ties, North Korean Ambassador to "
            "Russia Sin Hong-chol told TASS.\n\n"
            "According to the ambassador, the leaders agreed on concrete measures.\n\n"
            '"Despite the difficulties, our friendship grows," the ambassador said.')
    entities, got = _run(body, "en", "North Korea, Russia strengthened ties — ambassador")
    assert "Andrei Kulik" not in {e.name for e in entities}
    assert got["Despite the difficulties, our friendship grows"] == "Sin Hong Chol"
