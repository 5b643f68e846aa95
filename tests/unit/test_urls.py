"""ingest.urls: the one URL validator, canonical URLs, document ids, same registered domain."""

from __future__ import annotations

import re

import pytest

from ingest.errors import ConfigError
from ingest.urls import URLError, canonical_url, claimed_canonical, clean_url, doc_id, http_url, registered_domain, same_site

# --------------------------------------------------------------------------- URLs

YONHAP = "https://en.yna.co.kr/view/AEN20240123000300315"


@pytest.mark.parametrize(
    "variant",
    [
        YONHAP,
        "HTTPS://EN.YNA.CO.KR/view/AEN20240123000300315",
        "https://en.yna.co.kr:443/view/AEN20240123000300315",
        "https://en.yna.co.kr/view/AEN20240123000300315/",
        "https://en.yna.co.kr/view/AEN20240123000300315#comments",
        "https://en.yna.co.kr/view/AEN20240123000300315?utm_source=rss&utm_medium=feed&utm_campaign=nk",
        "https://en.yna.co.kr/view/AEN20240123000300315?section=nk/nk",
        "https://en.yna.co.kr/view/AEN20240123000300315?fbclid=IwAR0abc&gclid=xyz&mc_cid=1&mc_eid=2&ref=home&cmpid=rss",
        "https://en.yna.co.kr/view/AEN20240123000300315/amp",
        "https://en.yna.co.kr/amp/view/AEN20240123000300315",
        "https://en.yna.co.kr/view/AEN20240123000300315?amp=1",
        "https://en.yna.co.kr/view/AEN20240123000300315?outputType=amp",
        "  https://en.yna.co.kr//view/AEN20240123000300315  ",
    ],
)
def test_url_variants_collapse(variant):
    assert canonical_url(variant) == canonical_url(YONHAP)
    assert doc_id(variant) == doc_id(YONHAP)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://m.koreaherald.com/view.php?ud=20240123000611", "https://www.koreaherald.com/view.php?ud=20240123000611"),
        ("https://mobile.example.com/news/1", "https://example.com/news/1"),
        ("https://amp.theguardian.com/world/2024/jan/23/x", "https://www.theguardian.com/world/2024/jan/23/x"),
        ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
        ("http://example.com:80/a?b=2&a=1", "http://example.com/a?a=1&b=2"),
        ("https://example.com/caf%7e", "https://example.com/caf~"),
    ],
)
def test_mobile_amp_ports_and_param_order_collapse(a, b):
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://example.com/news?id=1", "https://example.com/news?id=2"),  # content params stay
        ("https://en.yna.co.kr/view/A", "https://www.yna.co.kr/view/A"),  # language editions stay apart
        ("http://example.com:8080/a", "http://example.com/a"),  # a non-default port matters
        ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
    ],
)
def test_different_articles_stay_different(a, b):
    assert canonical_url(a) != canonical_url(b)


def test_canonical_form_and_doc_id_shape():
    assert canonical_url("HTTPS://WWW.Example.COM:443/a/b/?utm_source=x&b=2&a=1#frag") == "https://example.com/a/b?a=1&b=2"
    assert canonical_url("http://example.com") == "http://example.com/"
    assert re.fullmatch(r"[0-9a-f]{20}", doc_id(YONHAP))


@pytest.mark.parametrize("bad", ["", "/relative/path", "ftp://example.com/x", "javascript:alert(1)", "http://[::1", "https://"])
def test_bad_urls_raise_one_line_url_error(bad):
    with pytest.raises(URLError) as info:
        canonical_url(bad)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ConfigError) and info.value.reason == "bad_url"



# --------------------------------------------------------------------------- registered domains


@pytest.mark.parametrize(
    "url, domain",
    [
        ("https://www.yna.co.kr/view/AKR1", "yna.co.kr"),
        ("https://en.yna.co.kr/view/AEN1", "yna.co.kr"),
        ("https://evil.co.kr/a", "evil.co.kr"),
        ("https://news.bbc.co.uk/x", "bbc.co.uk"),
        ("https://a.b.example.com.au/x", "example.com.au"),
        ("http://127.0.0.1:8000/a", "127.0.0.1"),
        ("http://localhost:9000/a", "localhost"),
    ],
)
def test_registered_domain_knows_public_suffixes(url, domain):
    assert registered_domain(url) == domain


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("https://evil.co.kr/a", "https://www.yna.co.kr/view/X", False),
        ("https://evil.co.uk/a", "https://news.bbc.co.uk/x", False),
        ("https://evil.com.au/a", "https://www.abc.net.au/x", False),
        ("https://en.yna.co.kr/a", "https://www.yna.co.kr/b", True),
        ("https://m.koreaherald.com/a", "https://www.koreaherald.com/b", True),
        ("https://yna.com/a", "https://yna.co.kr/a", False),
    ],
)
def test_same_site_is_public_suffix_aware(a, b, same):
    assert same_site(a, b) is same


def test_a_page_may_not_claim_another_sites_canonical_url():
    assert claimed_canonical("https://evil.co.kr/a", "https://www.yna.co.kr/view/AKR20241021") == "https://evil.co.kr/a"
    assert claimed_canonical("https://evil.co.uk/a", "https://www.bbc.co.uk/news/x") == "https://evil.co.uk/a"
    # its own site, another subdomain: the claim stands
    assert claimed_canonical("https://m.yna.co.kr/v/1", "https://www.yna.co.kr/view/1") == "https://yna.co.kr/view/1"
    # no claim, or an unreadable one: the address the pipeline knows it by
    assert claimed_canonical("https://x.example/a?utm_source=1", None, known_as="https://x.example/a") == "https://x.example/a"
    assert claimed_canonical("https://x.example/a", "javascript:1") == "https://x.example/a"


def test_http_url_is_the_one_validator():
    assert http_url("/news/1", "https://x.example/feed.xml") == "https://x.example/news/1"
    assert http_url("https://x.example/a") == "https://x.example/a"
    for bad in (None, "", "ftp://x.example/a", "javascript:alert(1)", "http://[::1", "https://", 42, "http://a b/c"):
        assert http_url(bad) is None, bad
    assert http_url("https://x.example/" + "a" * 3000) is None


def test_clean_url_drops_tracking_but_keeps_the_address():
    assert clean_url("https://www.yna.co.kr/view/AKR1?utm_source=rss&id=3#top") == "https://www.yna.co.kr/view/AKR1?id=3"
