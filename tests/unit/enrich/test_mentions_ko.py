"""Korean enrichment: particles off, title + surname, unknown names kept, quotes with speakers, credits ignored."""

from ingest.enrich.enrich import enrich_text
from ingest.extract.furniture import blank as mask
from ingest.enrich.kb import get_kb
from ingest.enrich.mentions_ko import ko_mentions
from ingest.enrich.link import aggregate
from ingest.settings import Settings


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.type for e in aggregate(ko_mentions(text, get_kb()))}


def _enrich(title: str, body: str):
    return enrich_text(title, body, Settings(), "ko")


def test_particles_and_endings_come_off():
    found = _entities("정부는 북한의 도발과 러시아를 향한 파병을 규탄했다. 한국과 일본은 공조하기로 했다.")
    assert {"North Korea", "Russia", "South Korea", "Japan"} <= set(found)


def test_name_inside_another_word_is_not_a_match():
    assert "Russia" not in _entities("여러 나라가 회의에 참석했다.")


def test_hanja_and_abbreviated_pairs_name_their_countries():
    found = _entities("北 파병에 韓 정부 항의…美 \"우려\" 북러 밀착 속 한미일 공조")
    assert {"North Korea", "South Korea", "United States", "Russia", "Japan"} <= set(found)


def test_title_and_surname_resolve_within_the_article():
    text = (
        "김홍균 외교부 1차관은 게오르기 지노비예프 주한 러시아 대사를 불렀다.\n\n"
        "김 차관은 지노비예프 대사에게 항의했다. 라브로프 장관은 답하지 않았다."
    )
    mentions = ko_mentions(text, get_kb())
    names = [m.name for m in mentions if m.type == "person"]
    assert names.count("Kim Hong-kyun") == 2
    assert names.count("Georgy Zinoviev") == 2
    assert "Sergei Lavrov" in names


def test_unknown_people_and_bodies_are_kept_in_hangul_with_a_type():
    found = _entities("더불어민주당 김영배 의원은 질의했다. 양무진 북한대학원대 교수도 같은 의견을 냈다.")
    assert found.get("김영배") == "person"
    assert found.get("양무진") == "person"


def test_quotes_with_speakers_and_pronouns():
    body = (
        "(서울=뉴스1) 김예원 기자 = 김홍균 외교부 1차관은 21일 지노비예프 대사를 초치했다.\n\n"
        "김 차관은 “북한군 파병은 결의 위반이며 좌시하지 않을 것”이라고 말했다.\n\n"
        "이에 지노비예프 대사는 “양국 협력은 제3국을 겨냥하지 않는다”고 밝혔다. 그는 “입장을 충분히 설명했다”고 했다.\n\n"
        "정부는 이를 ‘레드라인’이라고 부른다."
    )
    _, quotes, _ = _enrich("외교부, 러 대사 초치", body)
    got = {q.text: q.speaker for q in quotes}
    assert got["북한군 파병은 결의 위반이며 좌시하지 않을 것"] == "Kim Hong-kyun"
    assert got["양국 협력은 제3국을 겨냥하지 않는다"] == "Georgy Zinoviev"
    assert got["입장을 충분히 설명했다"] == "Georgy Zinoviev"
    assert "레드라인" not in got  # single quotes mark terms, not quotations


def test_credits_bylines_and_related_lists_yield_nothing():
    body = (
        "(서울=뉴스1) 김예원 기자 = 정부가 대책을 발표했다.\n\n"
        "회의 모습. (외교부 제공) 2024.10.21/뉴스1\n\n"
        "회의장 전경. [연합뉴스 자료사진]\n\n"
        "yewon@news1.kr\n\n"
        "관련 기사\n▶ 조태열 \"北 파병, 단호히 대응\"\n▶ 시진핑, 북러 밀착에 침묵\n\n"
        "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"
    )
    entities, quotes, _ = _enrich("정부 대책 발표", body)
    names = {e.name for e in entities}
    assert not names & {"News1", "Yonhap News Agency", "South Korean Foreign Ministry", "Cho Tae-yul", "Xi Jinping", "김예원"}
    assert "Seoul" in names  # the dateline's city is a place of the story
    assert not quotes


def test_mask_keeps_offsets():
    text = "(서울=연합뉴스) 김지헌 기자 = 본문"
    masked = mask(text, "ko")
    assert len(masked) == len(text) and "김지헌" not in masked and "서울" in masked and masked.endswith("본문")


def test_foreign_given_name_joins_its_surname_and_a_cut_name_is_whole():
    text = ("통신은 리히용 당 중앙위원회 정치국 위원이 이끄는 대표단이 도착했다며 안드레이 클리모프 "
            "통합러시아당 최고위원회 간부회 위원이 이들을 맞았다고 전했다.")
    persons = {e.name for e in aggregate(ko_mentions(text, get_kb())) if e.type == "person"}
    assert {"리히용", "안드레이 클리모프"} <= persons
    assert "클리모프" not in persons and "리히" not in persons


def test_persons_outside_the_kb_come_out_in_latin_letters():
    entities, _, _ = _enrich("대표단 도착", "리히용 당 중앙위원회 정치국 위원이 도착했고 안드레이 클리모프 통합러시아당 "
                                  "최고위원회 간부회 위원이 공항에서 맞았다.")
    persons = {e.name for e in entities if e.type == "person"}
    assert {"Ri Hi-yong", "Andrei Klimov"} <= persons


def test_pronoun_subject_is_an_earlier_sentence_and_a_lede_quote_takes_the_next_paragraph():
    body = ('유용원 국민의힘 의원은 3일 "포로 명단을 확인했다"고 밝혔다. 그는 안규백 국방부 장관을 향해서도 "반대할 이유가 없다"고 했다.\n\n'
            '"제3국은 책임을 져야 한다."\n\n토미 피곳 미국 국무부 부대변인이 5일 정례브리핑에서 이같이 밝혔다.')
    _, quotes, _ = _enrich("의원 발표", body)
    got = {q.text: q.speaker for q in quotes}
    assert got["반대할 이유가 없다"] == got["포로 명단을 확인했다"] != "Ahn Gyu-back"
    assert got["제3국은 책임을 져야 한다."] == "Tommy Pigott"


def test_foreign_official_the_morphemes_split_is_one_person_with_the_us_body_and_his_quotes():
    # 라이더 is a common noun (rider) to the morphemes; after a given name and before 미 국방부 대변인 it is a surname
    body = ('팻 라이더 미 국방부 대변인은 13일 브리핑에서 "북한군은 유능한 전력"이라고 말했다. '
            '그는 "러시아는 목표를 달성하지 못했다"고 덧붙였다.\n\n라이더 대변인은 "상당한 전력"이라고 평가했다.')
    entities, quotes, _ = _enrich("미 국방부 브리핑", body)
    persons = [e for e in entities if e.type == "person"]
    assert len(persons) == 1 and persons[0].native == "팻 라이더"
    assert "Pentagon" in {e.name for e in entities} and "South Korean Defense Ministry" not in {e.name for e in entities}
    assert {q.speaker for q in quotes} == {persons[0].name}


def test_a_posting_between_name_and_title_and_a_country_written_with_the_title():
    text = "로버트 우드 주유엔 미국 차석대사와 김성 주유엔 북한대사가 안보리 회의에서 맞섰다."
    persons = {e.name for e in aggregate(ko_mentions(text, get_kb())) if e.type == "person"}
    assert {"로버트 우드", "김성"} <= persons
