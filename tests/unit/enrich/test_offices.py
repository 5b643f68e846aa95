"""Titles without a name, resolved on the article's own day (round-9 rules)."""

from datetime import date

from ingest.enrich.enrich import enrich_text
from ingest.settings import Settings


def _persons(title: str, body: str, language: str, day: date | None) -> set[str]:
    entities, _, _ = enrich_text(title, body, Settings(), language, day)
    return {e.name for e in entities if e.type == "person"}


def _speakers(title: str, body: str, language: str, day: date | None) -> dict[str, str | None]:
    _, quotes, _ = enrich_text(title, body, Settings(), language, day)
    return {q.text: q.speaker for q in quotes}


def test_the_publication_day_resolves_a_title_the_text_does_not_date():
    body = ('우리 정부는 이 대통령의 방미 일정을 조율하고 있다고 밝혔다.\n\n'
            '대통령실 관계자는 "일정은 곧 확정된다"고 말했다.')
    assert "Lee Jae-myung" in _persons("정부, 방미 조율", body, "ko", date(2025, 8, 1))
    assert "Lee Jae-myung" not in _persons("정부, 방미 조율", body, "ko", None)


def test_a_bare_title_follows_the_office_named_before():
    body = ("SEOUL, Feb. 8 (Yonhap) -- Russian Ambassador to North Korea Alexander Matsegora said the North "
            "may test.\n\n"
            '"The tests depend on Washington," the ambassador told TASS.')
    said = _speakers("Seoul regrets Russian envoy's remarks", body, "en", date(2024, 2, 8))
    assert said["The tests depend on Washington"] == "Alexander Matsegora"
    assert "Georgy Zinoviev" not in _persons("Seoul regrets Russian envoy's remarks", body, "en", date(2024, 2, 8))


def test_another_countrys_office_and_a_deputy_name_nobody():
    body = ("Президент Украины Владимир Зеленский заявил о военных КНДР.\n\n"
            "По словам президента, военные КНДР проходят подготовку.")
    assert "Vladimir Putin" not in _persons("Зеленский о КНДР", body, "ru", date(2026, 2, 20))
    en = "North Korea's vice foreign minister said on Friday that the dispatch would be lawful."
    assert not {"Choe Son Hui", "Cho Tae-yul"} & _persons("Vice minister on troops", en, "en", date(2024, 10, 25))


def test_an_unnamed_state_department_spokesperson_in_korean_is_the_body():
    body = '국무부 대변인은 VOA의 논평 요청에 "한국에 대한 우리의 안보 공약은 철통 같다"고 말했습니다.'
    said = _speakers("국무부 \"안보 공약 철통\"", body, "ko", date(2024, 7, 12))
    assert said["한국에 대한 우리의 안보 공약은 철통 같다"] == "US State Department"


def test_its_foreign_ministry_is_the_country_named_before():
    body = ('North Korea defended that cooperation on Monday. "Our ties with Russia are aimed at peace in '
            'Europe and Asia," its foreign ministry said in a statement.')
    said = _speakers("Shoigu in Pyongyang", body, "en", date(2025, 6, 4))
    assert said["Our ties with Russia are aimed at peace in Europe and Asia"] == "North Korean Foreign Ministry"


def test_a_korean_family_name_and_an_experts_name_stay_whole():
    body = ("VLADIVOSTOK, May 21. /TASS/. North Korea's Deputy Minister of Education Ri Chang Sik told "
            'reporters on Wednesday that ties would grow.\n\n"This could alter the balance," said Darcie '
            "Draudt-Véjares, a North Korea expert at the Carnegie Endowment for International Peace.")
    persons = _persons("Rectors' forum", body, "en", date(2025, 5, 21))
    assert {"Ri Chang Sik", "Darcie Draudt-Véjares"} <= persons and "Chang Sik" not in persons
