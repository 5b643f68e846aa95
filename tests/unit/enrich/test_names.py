"""Names as people write them: Korean given names, patronymics, metonyms, capitals that are no names."""

from ingest.enrich.enrich import enrich_text
from ingest.enrich.names import is_common_noun, without_patronymic
from ingest.settings import Settings

CFG = Settings()


def entities(body: str) -> set[tuple[str, str]]:
    found, _, _ = enrich_text("", body, CFG)
    return {(e.name, e.type) for e in found}


def test_korean_given_names_kept_whole():
    got = entities("Lawmaker Park Sun-won met Yoon Suk Yeol and Choe Son Hui.")
    assert {("Park Sun-won", "person"), ("Yoon Suk Yeol", "person"), ("Choe Son Hui", "person")} <= got
    assert ("Park Sun", "person") not in got
    got = entities('"Moscow needs a second gateway to the Pacific," said Professor Hyun Seung-soo of Korea University.')
    assert ("Hyun Seung-soo", "person") in got and ("Hyun Seung", "person") not in got


def test_patronymic():
    assert without_patronymic("Sergei Viktorovich Lavrov") == "Sergei Lavrov"
    got = entities('The order went to "Minister of Foreign Affairs of the Russian Federation Sergei Viktorovich Lavrov".')
    assert ("Sergei Lavrov", "person") in got


def test_metonyms_link_to_their_country_or_government():
    got = entities("Moscow is close to the nuclear-armed North. The North's foreign ministry issued a statement. "
                   "The Kremlin said the South was hostile.")
    assert {("North Korea", "location"), ("North Korean Foreign Ministry", "organization"), ("Kremlin", "organization"),
            ("South Korea", "location")} <= got
    assert not any(name == "North" for name, _ in got)


def test_capitals_that_are_common_nouns():
    assert is_common_noun("AI") and is_common_noun("ICBMs") and is_common_noun("Telegram")
    got = entities("Hackers used generative AI, while the LNG carriers and ICBM launches worried Seoul.")
    assert not {name for name, _ in got} & {"AI", "LNG", "ICBM"}
    assert ("NIS", "organization") not in got
