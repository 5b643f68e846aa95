"""Round-10 rules: Japanese names in Hangul, postings between a name and its title, broadcast transcript
lines, the topic of a Korean sentence, a body as subject before 이같이, quotes inside Russian quotes, a
first name with patronymic, publications and bodies as Russian speakers, the longest nationality word,
and an English quote that goes on after its own attribution."""

import pytest

from ingest.enrich import offices
from ingest.enrich.enrich import enrich_text
from ingest.enrich.quotes import find_quoted
from ingest.enrich.romanise import japanese_name
from ingest.settings import Settings

CFG = Settings()


def _run(body: str, language: str, title: str = "제목"):
    entities, quotes, _ = enrich_text(title, body, CFG, language)
    return entities, {q.text: q.speaker for q in quotes}


@pytest.mark.parametrize("hangul, latin", [
    ("마쓰노 히로카즈", "Hirokazu Matsuno"), ("기하라 미노루", "Minoru Kihara"), ("오카노 마사타카", "Masataka Okano"),
    ("기시다 후미오", "Fumio Kishida"), ("모테기 도시미쓰", "Toshimitsu Motegi"), ("스즈키 쇼타", "Shota Suzuki"),
])
def test_japanese_names_in_hangul_come_back_given_name_first(hangul, latin):
    assert japanese_name(hangul) == latin


@pytest.mark.parametrize("name", ["로버트 우드", "마리나 이바노바", "유리 가가린", "스테판 두자릭", "김정은"])
def test_other_names_are_not_read_as_japanese(name):
    assert japanese_name(name) is None


def test_a_japanese_official_is_one_person_and_his_surname_with_a_title_points_back():
    body = ('마쓰노 히로카즈 관방장관은 기자회견에서 "우려를 갖고 주시하고 있다"고 말했다.\n\n'
            '마쓰노 장관은 "국제사회와 긴밀하게 협력하겠다"고 덧붙였다.')
    entities, got = _run(body, "ko")
    assert [e.name for e in entities if e.type == "person"] == ["Hirokazu Matsuno"]
    assert set(got.values()) == {"Hirokazu Matsuno"}


def test_a_posting_word_is_no_name_and_the_envoy_at_the_un_is_not_the_one_in_seoul():
    body = ('김성 유엔 주재 북한대사는 "조약은 유엔 헌장에 부합한다"고 주장했다. '
            '바실리 네벤자 주유엔 러시아 대사는 "놀랄 필요가 없다"고 말했다.')
    entities, got = _run(body, "ko")
    persons = {e.name for e in entities if e.type == "person"}
    assert "Vasily Nebenzya" in persons and "Georgy Zinoviev" not in persons
    assert not any("Joo" in p or "주재" in p for p in persons)
    assert got["놀랄 필요가 없다"] == "Vasily Nebenzya"


def test_transcript_lines_of_a_broadcast_report_are_quotes_of_the_person_in_brackets():
    body = ('로버트 우드 주유엔 미국 차석대사는 김 대사에게 질문을 던졌습니다.\n\n'
            '[우드 차석대사] 마지막으로 북한 정권의 대표자에게 간단한 질문을 하나 드리겠습니다.\n\n'
            '[사진] 안보리 회의 모습입니다.')
    _, got = _run(body, "ko")
    assert set(got.values()) == {got["마지막으로 북한 정권의 대표자에게 간단한 질문을 하나 드리겠습니다."]}
    assert not any("안보리 회의 모습" in q for q in got)


def test_the_topic_of_the_sentence_is_the_speaker_not_a_person_in_its_modifier():
    body = ('김성 북한대사가 발언했다. 김 대사 바로 옆자리에 앉아 있던 세르기 키슬리차 유엔 주재 우크라이나 대사는 '
            '"허무맹랑한 발언에는 대꾸하지 않겠다"며 말했다.')
    _, got = _run(body, "ko")
    assert got["허무맹랑한 발언에는 대꾸하지 않겠다"] not in (None, "김성", "Kim Song")


def test_a_body_as_subject_leaves_the_speaker_to_the_next_sentence_that_says_likewise():
    body = ('일본 정부는 14일 김정은 북한 국무위원장과 푸틴 대통령이 정상회담을 연 것과 관련해 '
            '"우려를 갖고 주시하고 있다"고 밝혔다.\n\n'
            '마쓰노 히로카즈 관방장관은 이날 기자회견에서 이같이 말했다.')
    _, got = _run(body, "ko")
    assert got["우려를 갖고 주시하고 있다"] == "Hirokazu Matsuno"


def test_a_quote_inside_a_russian_quote_does_not_cut_it():
    text = "«Участие в боях воспринимается как возвращение „долга кровью“», — сказал он."
    assert [q.text for q in find_quoted(text)] == ["Участие в боях воспринимается как возвращение „долга кровью“"]


def test_first_name_and_patronymic_is_the_person_the_article_named_in_full():
    body = ("Председатель ассоциации Валентин Пак поделился мнением. "
            "«Между нашими странами никогда не было трудных отношений», — уверен Валентин Петрович.")
    entities, got = _run(body, "ru", "Заголовок")
    assert [e.name for e in entities if e.type == "person"] == ["Valentin Pak"]
    assert got["Между нашими странами никогда не было трудных отношений"] == "Valentin Pak"


def test_a_publication_or_a_body_after_the_verb_is_the_speaker():
    body = ("О запуске поезда объявили в РЖД. «Между городами будут ходить вагоны», — уточнили в компании.\n\n"
            "Журнал Newsweek пишет о мосте. «Проект уже виден на снимках», — отмечает журнал.\n\n"
            "Эксперт Фредерик Шпор считает, что мост важен.\n\n"
            "— Это канал, который сложнее отследить, — добавил аналитик.")
    _, got = _run(body, "ru", "Заголовок")
    assert got["Между городами будут ходить вагоны"] == "Russian Railways"
    assert got["Проект уже виден на снимках"] == "Newsweek"
    assert got["Это канал, который сложнее отследить"] not in (None, "Newsweek", "Russian Railways")


def test_an_unnamed_expert_before_a_colon_stays_unnamed():
    body = ("Ирина Соколова приехала в Вонсан. Эксперт института, пожелавший остаться неназванным, пояснил: "
            "«Туризм — одна из немногих легальных лазеек для валюты».")
    _, got = _run(body, "ru", "Заголовок")
    assert got["Туризм — одна из немногих легальных лазеек для валюты"] is None


def test_the_longest_nationality_word_names_the_country():
    assert offices.country_in("the North Korean ") == "DPRK"
    assert offices.country_in("the South Korean ") == "ROK"


def test_an_english_quote_that_goes_on_after_its_own_attribution_keeps_its_speaker():
    body = ('WONSAN, July 12. North Korean leader Kim Jong Un met Russian Foreign Minister Sergei Lavrov.\n\n'
            '"I thought it would be better to meet here," Kim said as he welcomed Lavrov in Wonsan. '
            '"You are the first foreign guest at this resort."\n\n'
            '"In fact, the first guest was our ambassador," the minister said.\n\n'
            '"Your visit is a very important moment for our relations," the North Korean leader stressed.')
    _, got = _run(body, "en", "Kim meets Lavrov")
    assert got["You are the first foreign guest at this resort."] == "Kim Jong Un"
    assert got["Your visit is a very important moment for our relations"] == "Kim Jong Un"


def test_an_opening_word_is_not_part_of_a_name_and_a_plural_title_names_no_holder():
    body = ('SEOUL, Jan. 28 -- Recalling Choe Son Hui\'s words, Lavrov praised the soldiers. '
            '"Heroic KPA soldiers fought alongside our troops," he said. He cited the foreign ministers\' talks '
            'in Laos and Defender of the Fatherland Day.')
    entities, _ = _run(body, "en", "Lavrov praises soldiers")
    names = {e.name for e in entities}
    assert not any(n.startswith(("Recalling", "Heroic")) for n in names)
    assert "Defender" not in names and "Cho Tae-yul" not in names


def test_a_tass_dateline_with_its_region_is_furniture():
    body = "WONSAN /North Korea/, July 12. /TASS/. North Korean leader Kim Jong Un met Sergei Lavrov in Wonsan."
    entities, _ = _run(body, "en", "Kim meets Lavrov")
    assert "TASS" not in {e.name for e in entities}


def test_a_hangul_ae_reads_as_a_in_a_foreign_name():
    from ingest.enrich.romanise import foreign_latin

    assert foreign_latin("팻") == "Pat"


def test_a_one_syllable_foreign_surname_after_its_given_name_and_japanese_titles():
    body = ('사브리나 싱 국방부 부대변인은 "약 1만명을 보냈다"고 말했다. '
            '기하라 미노루 방위상도 "우려가 있다"고 언급했다. '
            '안드리 코발렌코 우크라이나 국가안보국방위원회 산하 허위정보대응센터장이 텔레그램에 '
            '"드론 생산을 돕고 있다"고 썼다.')
    entities, _ = _run(body, "ko")
    natives = {e.native for e in entities if e.type == "person"}
    assert {"사브리나 싱", "기하라 미노루", "안드리 코발렌코"} <= natives
    assert "Minoru Kihara" in {e.name for e in entities}


def test_a_bare_ministry_in_a_report_filed_abroad_is_the_one_named_with_its_country():
    body = ('워싱턴=최현준 특파원\n\n미국 국방부는 28일 "북한이 병력을 파견했다"고 밝혔다. '
            '사브리나 싱 국방부 부대변인은 "그들의 투입은 심각한 함의를 갖는다"고 했다.')
    entities, _ = _run(body, "ko")
    names = {e.name for e in entities}
    assert "Pentagon" in names and "South Korean Defense Ministry" not in names


def test_an_unnamed_spokesperson_is_the_voice_of_the_body_and_a_sentence_that_goes_on_keeps_it():
    body = ('미 국무부는 13일 "군사 협력 확대는 비확산 체제를 약화시킨다"고 밝혔습니다.\n\n'
            '국무부 대변인은 VOA의 논평 요청에 이같이 답했습니다.\n\n'
            '그러면서 "우리는 다양한 조치를 취하고 있다"고 밝혔습니다.\n\n'
            '대변인은 "우리는 이러한 무기 이전을 계속 폭로할 것"이라고 말했습니다.')
    _, got = _run(body, "ko")
    assert set(got.values()) == {"US State Department"}


def test_a_bracketed_photo_credit_names_no_agency():
    body = '러시아 외무차관은 "정당한 조치"라고 반박했다.\n\n▲ 안드레이 루덴코 러시아 외무차관 [사진=로이터 뉴스핌]'
    entities, _ = _run(body, "ko")
    assert "Reuters" not in {e.name for e in entities}
    entities, _ = _run("로이터통신 등에 따르면 예르마크 비서실장은 회담했다고 밝혔다.", "ko")
    assert "Reuters" in {e.name for e in entities}


def test_a_getty_images_credit_in_parentheses_names_no_agency():
    body = ("Putin and Kim meet at the Vostochny Cosmodrome on Sept. 13, 2023. "
            "(Vladimir Smirnov/Pool/AFP via Getty Images)"
            "\n\nNorth Korea is now Russia's largest supplier of weapons, Budanov said.")
    entities, _ = _run(body, "en", "Budanov on North Korea")
    assert not {"Agence France-Presse", "Getty Images"} & {e.name for e in entities}


def test_ships_named_after_a_plural_cue_a_staff_byline_and_a_holiday_are_no_entities():
    body = ("Posted : 2026-02-22 17:50\n\nBy Korea Times staff\n\n"
            "Washington has sanctioned Russian cargo ships such as the Angara, which carried containers. "
            "The banner marks Defender of the Fatherland Day.")
    entities, _ = _run(body, "en", "Embassy banner")
    names = {e.name for e in entities}
    assert not {"Angara", "Korea Times", "Defender of the Fatherland Day"} & names
