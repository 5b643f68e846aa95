"""Each attribution pattern of the speaker model, through the real NER and linking."""

import json

import pytest

from ingest.enrich.enrich import enrich_text, read_article_file
from ingest.settings import Settings
from tests import ROOT

CFG = Settings()


def speakers(body: str) -> list[str | None]:
    _, found, _ = enrich_text("", body, CFG)
    return [q.speaker for q in found]


def test_it_said_after_kcna_reported():
    body = ('"The puppets keep inventing stories about our army and our friends," KCNA reported.\n\n'
            '"They will pay for every word they have spoken against us," it said.')
    assert speakers(body) == ["Korean Central News Agency", "Korean Central News Agency"]


def test_statement_reads_means_who_issued_it():
    body = ("In a statement released through the Korean Central News Agency, Kim Yo Jong said the army would respond.\n\n"
            '"Another drone over the capital will be taken as a declaration of war," the statement reads.\n\n'
            '"Our friends know very well who the provocateur is," she added.')
    assert speakers(body) == ["Kim Yo Jong", "Kim Yo Jong"]


def test_said_in_a_statement_then_the_statement_said():
    body = ("Seoul and Kyiv agreed to share intelligence, the presidential office said in a statement.\n\n"
            '"The two leaders see the deployment as a grave provocation," the statement said.')
    assert speakers(body) == ["South Korean Presidential Office"]


def test_according_to_after_the_quote():
    body = '"Pyongyang is taking its time to watch how Seoul responds," according to Kim Sung-bae, a senior fellow.'
    assert speakers(body) == ["Kim Sung-bae"]


def test_x_said_according_to_the_relaying_agency():
    body = ("Pak Thae Song praised the new bridge.\n\n"
            '"The bridge embodies the friendship between our two peoples," he said, according to KCNA.')
    assert speakers(body) == ["Pak Thae Song"]


def test_told_and_wrote_on_telegram():
    body = ('"We will answer every provocation in kind," Kim Seung-joo, a professor, told AFP.\n\n'
            '"Korea understands what it means to face an aggressive neighbour," Volodymyr Zelensky wrote on Telegram.')
    assert speakers(body) == ["Kim Seung-joo", "Volodymyr Zelensky"]


def test_unnamed_official_of_a_named_body():
    body = ('"Their messages now read as if native speakers wrote them," a senior NIS official told reporters.\n\n'
            'A senior official at the presidential office spoke later.\n\n'
            '"We will not leave this unanswered, and every option is open," the official said.')
    assert speakers(body) == ["National Intelligence Service", "South Korean Presidential Office"]


def test_pronoun_takes_the_subject_not_a_name_in_a_relative_clause():
    body = ("Georgy Zinoviev met reporters in Seoul.\n\n"
            "The envoy also warned Seoul against sending arms, which President Yoon Suk Yeol has called an option.\n\n"
            '"Lethal arms would be seen by the Russian people as a hostile act," he said.')
    assert speakers(body) == ["Georgy Zinoviev"]


def test_description_with_nothing_before_it_takes_the_next_name():
    body = ('"Russia has never regarded the Republic of Korea as an enemy," the ambassador said.\n\n'
            "Georgy Zinoviev spoke at the embassy.")
    assert speakers(body) == ["Georgy Zinoviev"]


def test_quote_over_two_paragraphs_keeps_its_speaker():
    body = ('"The treaty with the DPRK is about defense. It threatens nobody.\n\n'
            '"We have explained this to our partners many times," Georgy Zinoviev said.')
    assert speakers(body) == ["Georgy Zinoviev"]


def test_transcript_line_speaker_is_the_named_person():
    body = ("The State Duma ratified the treaty.\n\n"
            '[Andrey Rudenko/Russian Deputy Foreign Minister: "The treaty does not create new threats to anyone."]')
    assert speakers(body) == ["Andrey Rudenko"]


def test_photo_credit_never_speaks():
    body = ("Russian Ambassador Georgy Zinoviev speaks during an interview in Seoul on Friday.\n\n"
            "Kim Arin/The Korea Herald\n\n"
            '"Russia has never regarded the Republic of Korea as an enemy," the ambassador said.\n\n'
            "Zinoviev struck a conciliatory tone.")
    assert speakers(body) == ["Georgy Zinoviev"]


def test_no_wire_marker_credit_or_byline_is_an_entity():
    bad = {"LD", "ATTN", "SALE", "NO SALES", "END", "ADDS", "Yi Wonju", "Kim Arin", "Kyu-Jin Shin", "Park Hee-jun",
           "Kim Bum-soo", "Jonah Freeman", "Baek Seung-ryul", "Jo Ha-eun", "Tom Hogue", "Andrew Gray", "AI", "LNG", "ICBM"}
    for name in ("yonhap_kcna_envoy", "yonhap_generative_ai_feature", "koreaherald_zinoviev_interview",
                 "koreatimes_nuclear_armed_north", "broadcast_arirang_treaty_ratified", "wire_reuters_moscowtimes_kursk",
                 "donga_tumen_bridge", "nknews_fm_statement_troops"):
        title, body = (ROOT / "bench" / "gold" / "wire" / f"{name}.txt").read_text(encoding="utf-8").split("\n", 2)[::2]
        entities, _, _ = enrich_text(title, body, CFG)
        assert not {e.name for e in entities} & bad, name
        assert not any("/" in e.name for e in entities), name


WIRE_GOLD = ["wire", "heldout/wire", "heldout/wire2", "heldout/wire3", "heldout/wire4"]


@pytest.mark.parametrize("folder", WIRE_GOLD)
def test_no_byline_of_any_wire_gold_article_is_an_entity(folder):
    """Every article of the wire gold sets: its byline names (the gold's "authors") and version marks stay out."""
    marks = {"LD", "ATTN", "SALE", "NO SALES", "END", "ADDS", "URGENT", "LEAD"}
    for path in sorted((ROOT / "bench" / "gold" / folder).glob("*.json")):
        authors = set(json.loads(path.read_text(encoding="utf-8")).get("authors") or [])
        entities, _, _ = enrich_text(*read_article_file(path.with_suffix(".txt")), CFG)
        names = {e.name for e in entities}
        assert not names & (marks | authors), path.name
        assert not any("/" in n for n in names), path.name


def test_agency_quoting_someone_gives_the_quote_to_the_one_quoted():
    body = ('"The army will crush any attempt to invade our territory," the Korean Central News Agency quoted '
            "Defense Minister No Kwang Chol as saying.\n\n"
            'KCNA quoted Kim Yo Jong as saying, "Seoul will pay a heavy price for its reckless acts."')
    assert speakers(body) == ["No Kwang Chol", "Kim Yo Jong"]


def test_a_newspaper_speaks_as_an_organisation():
    body = ("North Korea's main newspaper Rodong Sinmun ran a commentary on the treaty.\n\n"
            '"The alliance with Russia is a shield of peace in the region," the newspaper said.\n\n'
            'Seoul protested. "We cannot accept this provocation at all," the party newspaper Rodong Sinmun said.')
    assert speakers(body) == ["Rodong Sinmun", "Rodong Sinmun"]


def test_the_ministry_is_the_last_ministry_named_never_another_body():
    body = ("South Korea's Ministry of Unification said it was watching closely. The Korea Institute for National "
            'Unification published a report the same day. "We regret that Pyongyang rejected the offer of talks," '
            "the ministry said.")
    assert speakers(body) == ["Unification Ministry"]
    body = ('A think tank, the Asan Institute, disagreed on Monday. "The summons was a necessary message to Moscow," '
            "the ministry said.")
    assert speakers(body) == [None]  # no ministry named: nobody, rather than the think tank


TITLED_AND_UNNAMED = [
    # an unnamed representative speaks for the body named inside the phrase
    ("Nordwind Airlines", "Unification Ministry spokesperson Koo Byoung-sam said the flights were being watched.\n\n"
     "A Nordwind representative told Reuters that most passengers would be delegations. "
     '"We do not expect the route to pay for itself in its first year," the representative said.'),
    # "the minister" is the person given that title, not just the latest person
    ("Cho Hyun", "Foreign Minister Cho Hyun met Russian envoy Georgy Zinoviev in Seoul on Monday. "
     "Zinoviev handed over a letter from Moscow.\n\n"
     '"We will keep the channel open, but not at any price," the minister said.'),
    # ... also when only the photo caption above its credit line names the minister
    ("Cho Hyun", "Foreign Minister Cho Hyun answers questions at the National Assembly on Wednesday.\n\n"
     "Park Hae-mook/The Korea Herald\n\n"
     '"A channel to Moscow is in our interest, as long as it costs us no ally," the minister said.\n\n'
     '"Neither capital wants to move first," said Cho Hyun-woo, a professor at Hankuk University of Foreign Studies.'),
]


@pytest.mark.parametrize("speaker,body", TITLED_AND_UNNAMED)
def test_descriptions_resolve_to_the_body_or_the_titled_person(speaker, body):
    assert speakers(body)[0] == speaker



# A body named before speaks through a common noun: "the coast guard", "the railway", "the officer" after
# "an officer at X", "the report" after "in a report ..., X said"; the issuer of a statement speaks.
BODIES_BY_NOUN = [
    ("The Korea Coast Guard boarded the tanker off Pohang on Monday.\n\n"
     '"The crew has been questioned and the cargo is sealed," the coast guard said.\n\n'
     "The Far Eastern Railway opened a second track to Khasan in the spring.\n\n"
     '"Trains now cross the bridge twice as often as last year," the railway said.',
     ["Korea Coast Guard", "Far Eastern Railway"]),
    ("Asked about the drills, an officer at the Joint Chiefs of Staff declined to give numbers.\n\n"
     '"We are tracking every unit that moves toward the border," the officer said.',
     ["Joint Chiefs of Staff"]),
    ("In a report published on Tuesday, the Multilateral Sanctions Monitoring Team said the shipments continued.\n\n"
     '"At least twelve tankers delivered refined oil in the first half of the year," the report said.',
     ["Multilateral Sanctions Monitoring Team"]),
    # who issued a statement, not the agency that carried it; an official "at the office" after "South Korea's
    # presidential office"
    ('Russian Foreign Minister Sergei Lavrov praised the talks in a statement carried by the Korean Central News '
     'Agency on Friday. "Our cooperation rests on trust and will only grow stronger," the statement said.',
     ["Sergei Lavrov"]),
    ("South Korea's presidential office said it was watching the visit. \"We are following every step of the "
     'preparations," a senior official at the office said.',
     ["South Korean Presidential Office"]),
]


@pytest.mark.parametrize(("body", "expected"), BODIES_BY_NOUN)
def test_a_common_noun_speaks_for_the_body_named_before(body, expected):
    assert speakers(body) == expected
