"""Quote patterns, through the real NER and linking (speakers come out canonical)."""

import pytest

from ingest.settings import Settings
from ingest.enrich.enrich import enrich_text
from ingest.enrich.quotes import find_quoted

CFG = Settings()


def quotes(body: str) -> list[tuple[str | None, str]]:
    _, found, _ = enrich_text("", body, CFG)
    return [(q.speaker, q.text) for q in found]


def test_quote_then_named_speaker_said():
    assert quotes('"We will keep the channels open with Moscow," Cho Tae-yul said on Monday.') == [
        ("Cho Tae-yul", "We will keep the channels open with Moscow")
    ]


def test_said_then_speaker_and_curly_quotes():
    assert quotes("“Sanctions have not changed our course in any way,” said Sergei Lavrov.") == [
        ("Sergei Lavrov", "Sanctions have not changed our course in any way")
    ]


def test_speaker_said_colon_before_quote():
    got = quotes('Kremlin spokesman Dmitry Peskov said: "We have a treaty and we are implementing it."')
    assert got == [("Dmitry Peskov", "We have a treaty and we are implementing it.")]


def test_pronoun_through_interpreter_resolves_to_latest_person_with_matching_gender():
    body = (
        "Ambassador Georgy Zinoviev met reporters in Seoul. Maria Zakharova had criticised "
        "Seoul a week earlier. "
        '"Our top priority is to keep relations stable and avoid confrontation," he said through an interpreter. '
        '"The remarks of the South Korean side are rude and unacceptable to us," she said.'
    )
    got = quotes(body)
    assert [s for s, _ in got] == ["Georgy Zinoviev", "Maria Zakharova"]


def test_possessive_mention_is_not_the_pronoun_speaker():
    body = (
        "Georgy Zinoviev spoke at length. Moscow warned of a breakdown over Defense Minister Shin Won-sik's remarks. "
        '"This stance of South Korea is very important for us," he said.'
    )
    assert quotes(body)[0][0] == "Georgy Zinoviev"


def test_according_to_and_said_that():
    body = (
        'According to Choe Son Hui, "the treaty is a powerful legal foundation for our alliance with Russia." '
        'Vladimir Putin said that "the partnership is not directed against any third country at all."'
    )
    assert [s for s, _ in quotes(body)] == ["Choe Son Hui", "Vladimir Putin"]


def test_title_nominal_speaker():
    body = 'Alexander Matsegora arrived on Monday. "Trade will keep growing this year," the ambassador said.'
    assert quotes(body) == [("Alexander Matsegora", "Trade will keep growing this year")]


def test_unattributed_follow_on_quote_continues_previous_speaker():
    body = (
        '"I hope for many happy events in our relations," Zinoviev said, after Georgy Zinoviev arrived. '
        '"Russia is ready to take that path, but we need the same mindset."'
    )
    assert [s for s, _ in quotes(body)] == ["Georgy Zinoviev", "Georgy Zinoviev"]


def test_quote_running_over_paragraphs():
    body = (
        'Cho Tae-yul spoke to the envoy. "Any cooperation that helps the North is a direct threat. '
        "Seoul will not stand idly by.\n\n"
        '"We will review all options in close consultation with our allies," Cho said.'
    )
    got = quotes(body)
    assert len(got) == 1
    assert got[0][0] == "Cho Tae-yul"
    assert got[0][1].startswith("Any cooperation") and got[0][1].endswith("with our allies")


@pytest.mark.parametrize(
    "body",
    [
        'Russia designated South Korea one of its "unfriendly nations" last year, Zinoviev said.',
        'Moscow regards weapons supplies to Kyiv as a "red line," Zakharova said.',
        'Zakharova called the remarks "blatantly biased" and "odious."',
        'Russia shares "a long and rich history" with Korea, the ambassador said.',
    ],
)
def test_scare_quotes_are_not_quotes(body):
    assert quotes(body) == []


def test_org_speaker_by_nominal():
    body = (
        "The Russian embassy issued a statement on Tuesday. "
        '"We call on Seoul to refrain from steps that harm our relations," the embassy said.'
    )
    assert quotes(body) == [("Russian Embassy in Seoul", "We call on Seoul to refrain from steps that harm our relations")]


def test_find_quoted_handles_unbalanced_and_guillemets():
    spans = find_quoted('He said «this is final» and then "nothing more')
    assert [s.text for s in spans] == ["this is final", "nothing more"]
    assert spans[1].closed is False
