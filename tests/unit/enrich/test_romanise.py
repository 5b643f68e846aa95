"""Names outside the KB in Latin letters: foreign names in Hangul read back by the loanword rules."""

import pytest

from ingest.enrich.romanise import foreign_latin, korean_name


@pytest.mark.parametrize("hangul, latin", [
    ("클리모프", "Klimov"), ("안드레이", "Andrei"), ("세르게이", "Sergei"), ("라브로프", "Lavrov"),
    ("드미트리", "Dmitri"), ("페스코프", "Peskov"), ("파텔", "Patel"), ("브루스", "Brus"), ("블링컨", "Blingken"),
])
def test_foreign_names_in_hangul_read_back(hangul, latin):
    assert foreign_latin(hangul) == latin


def test_north_korean_spelling_of_a_family_name():
    assert korean_name("리히용") == "Ri Hi-yong"
    assert korean_name("이재명") == "Lee Jae-myeong"
