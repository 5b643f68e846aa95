"""ingest.extract.metadata: title, site name, canonical URL, summary, JSON-LD, paywall flag."""

from __future__ import annotations

import pytest

from ingest.extract import extract
from ingest.extract.metadata import MAX_TITLE_CHARS, json_ld, paywalled, strip_site
from ingest.extract.text import parse_html

from .pages import article


def test_title_site_suffix_stripped_and_capped():
    c = extract(article('<meta property="og:site_name" content="Far East Daily">'
                        '<meta property="og:title" content="Seoul and Moscow hold talks | Far East Daily">'))
    assert c.title == "Seoul and Moscow hold talks"
    long_title = "Very long headline " * 200
    c = extract(article(title=long_title))
    assert 0 < len(c.title) <= MAX_TITLE_CHARS + 1


@pytest.mark.parametrize(
    "title, site, guess, expected",
    [
        ("Seoul and Moscow hold talks - Far East Daily", "Far East Daily", True, "Seoul and Moscow hold talks"),
        ("Far East Daily | Seoul and Moscow hold talks", "Far East Daily", True, "Seoul and Moscow hold talks"),
        ("Seoul and Moscow hold talks on consular affairs | FED", None, True, "Seoul and Moscow hold talks on consular affairs"),
        ("Seoul and Moscow hold talks on consular affairs | FED", None, False, "Seoul and Moscow hold talks on consular affairs | FED"),
        ("Report: North Korean shells", None, True, "Report: North Korean shells"),  # no spaced separator
    ],
)
def test_strip_site(title, site, guess, expected):
    assert strip_site(title, site, guess) == expected


def test_canonical_made_absolute_and_og_url_fallback():
    c = extract(article('<link rel="canonical" href="/news/talks-123">'), url="https://example.org/amp/talks-123?x=1")
    assert c.canonical_url == "https://example.org/news/talks-123"
    c = extract(article('<meta property="og:url" content="https://example.org/news/talks-9">'))
    assert c.canonical_url == "https://example.org/news/talks-9"
    c = extract(article('<link rel="canonical" href="javascript:void(0)">'))
    assert c.canonical_url is None


def test_summary_from_description_else_first_paragraph():
    c = extract(article('<meta name="description" content="Diplomats met in Moscow.">'))
    assert c.summary == "Diplomats met in Moscow."
    c = extract(article())
    assert c.summary.startswith("South Korean and Russian diplomats met in Moscow")


def test_json_ld_prefers_the_article_with_a_headline_and_reads_the_paywall_flag():
    soup = parse_html(
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "Page"},'
        ' {"@type": "NewsArticle", "headline": "Talks", "isAccessibleForFree": false}]}</script>'
        '<script type="application/ld+json">{not json</script>'
    )
    ld = json_ld(soup)
    assert ld["headline"] == "Talks"
    assert paywalled(ld)
    assert not paywalled({"@type": "NewsArticle", "isAccessibleForFree": True})
