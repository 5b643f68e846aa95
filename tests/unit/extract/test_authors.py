"""ingest.extract.authors: bylines to plain names."""

from __future__ import annotations

import pytest

from ingest.extract.authors import authors, clean_authors
from ingest.extract.text import parse_html


@pytest.mark.parametrize(
    "raw, expected",
    [
        (["By Kim Min-seo, Staff reporter"], ["Kim Min-seo"]),
        (["By John Smith and Jane Doe (jane.doe@example.com)"], ["John Smith", "Jane Doe"]),
        (["김지현 기자"], ["김지현"]),
        (["(서울=뉴스1) 김지현 기자 ="], ["김지현"]),
        (["Иван Петров, корреспондент ТАСС"], ["Иван Петров"]),
        (["By AP", "Reuters"], []),
        (["Written by: Olivia Grant | Senior Correspondent"], ["Olivia Grant"]),
        (["Kim Tae-yang", "kim tae-yang"], ["Kim Tae-yang"]),
        (["https://example.org/author/kim"], []),
        (["Lee Ji-hoon, Anna Sokolova April 30, 2025 09:05"], ["Lee Ji-hoon", "Anna Sokolova"]),
        (["Анна Соколова, 9 ноября 2024 г. 14:30 MSK"], ["Анна Соколова"]),
        (["박서연 기자 2024년 11월 9일 14:30"], ["박서연"]),
        (["정슬기 아나운서"], ["정슬기"]),  # a presenter's credit keeps her name, not her title
        (["아스타나(카자흐스탄)=정해훈"], ["정해훈"]),  # a correspondent's dateline glued to the name
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


def test_authors_from_json_ld_meta_or_visible_byline():
    assert authors(parse_html("<p>x</p>"), {"author": [{"@type": "Person", "name": "Kim Min-seo"}]}) == ["Kim Min-seo"]
    soup = parse_html('<meta name="author" content="Choi Hye-rin"><meta name="author" content="https://x.example/a">')
    assert authors(soup, {}) == ["Choi Hye-rin"]
    soup = parse_html('<div class="article-byline">By Olivia Grant · March 3, 2024</div>')
    assert authors(soup, {}) == ["Olivia Grant"]
    assert authors(parse_html("<p>No byline here.</p>"), {}) == []
