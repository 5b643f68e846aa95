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


def test_kb_name_followed_by_a_hyphenated_syllable_is_another_person():
    # the KB knows a Cho Hyun; "Cho Hyun-woo" is someone else and must not be cut to him
    got = entities("Cho Hyun-woo, a researcher at the Sejong Institute, said the talks were slow. Cho Hyun-woo's paper agreed.")
    assert ("Cho Hyun-woo", "person") in got and ("Cho Hyun", "person") not in got
    got = entities("Lee Jae-myung met Cho Hyun, the foreign minister, on Monday.")
    assert ("Cho Hyun", "person") in got


def test_person_run_into_an_organisation_span_is_split_off():
    got = entities("The Presidium of the Supreme People's Assembly Choe Ryong Hae signed the decree.")
    assert {("Supreme People's Assembly", "organization"), ("Choe Ryong Hae", "person")} <= got
    got = entities("Chairman Kang Yun Sok opened the session. The session of the Supreme People's Assembly Kang "
                   "presided over approved the treaty.")
    assert {("Supreme People's Assembly", "organization"), ("Kang Yun Sok", "person")} <= got
    assert not any("Assembly Kang" in name for name, _ in got)
    # a place inside a longer name stays part of it
    assert ("Moscow State University", "organization") in entities("Moscow State University hosted the forum.")


def test_a_capitals_ministry_and_bodies_a_korea_russia_archive_meets():
    got = entities("Moscow's foreign ministry and Pyongyang's defense ministry answered the unification ministry. "
                   "Gazprom, Rosoboronexport, KCTV and Minju Joson followed.")
    assert {("Russian Foreign Ministry", "organization"), ("North Korean Defense Ministry", "organization"),
            ("Unification Ministry", "organization"), ("Gazprom", "organization"), ("Rosoboronexport", "organization"),
            ("Korean Central Television", "organization"), ("Minju Joson", "organization")} <= got
    from ingest.enrich.kb import get_kb
    kb = get_kb()
    for alias, name in (("Рособоронэкспорт", "Rosoboronexport"), ("조선중앙텔레비전", "Korean Central Television"),
                        ("Ministry of Unification", "Unification Ministry"), ("Rosatom", "Rosatom"),
                        ("Russian Security Council", "Security Council of Russia"), ("Нодон синмун", "Rodong Sinmun")):
        assert kb.lookup(alias).name == name


def test_chinese_names_are_family_name_first():
    got = entities('Chinese Foreign Ministry spokesperson Guo Jiakun declined to comment. "Our position is consistent," Guo said.')
    assert ("Guo Jiakun", "person") in got and ("Guo", "person") not in got


def test_title_run_into_a_kb_name_leaves_the_person():
    got = entities("North Korea's Minister of External Economic Relations Yun Jong Ho met the governor. Yun praised the talks.")
    assert ("Yun Jong Ho", "person") in got
    assert not any("Yun" in name and kind == "organization" for name, kind in got)


def test_korean_hyphenated_names_and_transcript_titles():
    got = entities(
        'Nam Ki-young, Research Fellow, Korea Institute for Defense Analyses: "The deployment is a signal to Washington."'
    )
    assert ("Nam Ki-young", "person") in got
    assert ("Research Fellow", "person") not in got
    got = entities("In Post-war Korea the two sides never met. An Ex-spy said so. Do Pre-war treaties hold?")
    assert not [name for name, kind in got if kind == "person"]


def test_front_of_a_job_title_is_no_organisation():
    got = entities("Russian Presidential Press Secretary Dmitry Peskov spoke to reporters on Monday.")
    assert ("Dmitry Peskov", "person") in got
    assert not any(kind == "organization" and "Press" in name for name, kind in got)


def test_first_name_and_patronymic_address_the_person_named():
    got = entities('Envoy Ivan Petrovsky arrived in Seoul. "Ivan Sergeyevich has made our case," an aide said.')
    assert ("Ivan Petrovsky", "person") in got and ("Ivan Sergeyevich", "person") not in got
    got = entities('"Vladimir Vladimirovich has said it many times," the Kremlin spokesman said.')
    assert ("Vladimir Putin", "person") in got
    got = entities("The Kremlin said Vladimir Vladimirovich would attend. Dmitry Sergeyevich Peskov confirmed the plan.")
    assert ("Dmitry Peskov", "person") in got and not [n for n, _ in got if n.startswith("Sergeyevich")]


def test_portfolio_of_a_minister_is_no_body():
    got = entities("North Korea's Minister of External Economic Relations Kim Chol-su met the delegation. Kim said ties grew.")
    assert ("Kim Chol-su", "person") in got
    assert not [name for name, kind in got if kind == "organization"]


def test_first_name_and_patronymic_alone_is_the_kb_person_they_address():
    got = entities('Zakharova said: "Sergei Viktorovich has told our partners many times that the door is open."')
    assert ("Sergei Lavrov", "person") in got and ("Sergei Viktorovich", "person") not in got
