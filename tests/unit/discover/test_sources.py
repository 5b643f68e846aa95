"""Sources as data, and safe parsing of feeds and GDELT answers."""

from __future__ import annotations

import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from ingest.discover import entries, feeds
from tests import FIXTURES, ROOT
from ingest.filter.relevance import score
from ingest.discover import feed_file_rows
from ingest.discover import parse as discover_from_bytes
from ingest.discover.entries import FeedEntry
from ingest.discover.feeds import parse_feed
from ingest.discover.gdelt import gdelt_url, parse_gdelt
from ingest.discover.sources import Source, list_sources_rows, load_sources
from ingest.errors import ConfigError, SourceError

PACKAGE_DIR = ROOT / "ingest" / "resources"
FEEDS = FIXTURES / "feeds"
SITE_FEEDS = FIXTURES / "site" / "feeds"
RSS = Source("test-rss", "rss", "https://www.koreatimes.co.kr/www/rss/northkorea.xml", "en")
GDELT = Source("test-gdelt", "gdelt", "https://api.gdeltproject.org/api/v2/doc/doc", "mul", query="(Russia OR Moscow) (Korea OR Seoul)", supports_interval=True)


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def write_sources(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- sources.yaml


def test_shipped_sources_file_is_valid_and_covers_three_languages_and_gdelt():
    every = load_sources(PACKAGE_DIR / "sources.yaml", only_enabled=False)
    enabled = load_sources(PACKAGE_DIR / "sources.yaml")
    assert len(enabled) < len(every)  # unverified feeds ship disabled
    assert {s.language for s in enabled} >= {"en", "ko", "ru"}
    kinds = {s.kind for s in enabled}
    assert "rss" in kinds and "gdelt" in kinds
    names = [s.name for s in every]
    assert len(names) == len(set(names))
    for s in every:
        assert s.url.startswith("https://")
        if s.kind == "gdelt":
            assert s.query and s.supports_interval


def test_the_path_comes_from_settings(tmp_path, monkeypatch):
    from ingest.settings import Settings

    assert Settings().sources_path == PACKAGE_DIR / "sources.yaml"  # package data by default
    path = write_sources(tmp_path, "sources:\n  - {name: only-one, kind: rss, url: 'https://example.org/rss', language: en}\n")
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(path))
    assert [s.name for s in load_sources(Settings.from_env().sources_path)] == ["only-one"]


def test_names_pick_sources_and_unknown_or_disabled_names_are_clear_errors(tmp_path):
    path = write_sources(
        tmp_path,
        """
sources:
  - {name: a, kind: rss, url: 'https://a.example/rss', language: en}
  - {name: b, kind: atom, url: 'https://b.example/atom', language: ru, enabled: false}
""",
    )
    assert [s.name for s in load_sources(path)] == ["a"]
    assert [s.name for s in load_sources(path, only_enabled=False)] == ["a", "b"]
    assert [s.name for s in load_sources(path, names=["b"], only_enabled=False)] == ["b"]
    with pytest.raises(ConfigError, match="unknown source\\(s\\): 'zz'"):
        load_sources(path, names=["zz"])
    with pytest.raises(ConfigError, match="disabled.*: b"):
        load_sources(path, names=["b"])
    # names as typed into the trigger form: the white space around them is not part of them ...
    assert [s.name for s in load_sources(path, names=[" a ", "a\t", ""])] == ["a"]
    # ... and a name still unknown is quoted exactly, so a stray character shows
    with pytest.raises(ConfigError, match=r"unknown source\(s\): 'a\\u200b' \(known: a, b\)"):
        load_sources(path, names=["a\u200b"])
    rows = list_sources_rows(path)
    assert rows == [
        {"name": "a", "kind": "rss", "url": "https://a.example/rss", "language": "en", "enabled": True},
        {"name": "b", "kind": "atom", "url": "https://b.example/atom", "language": "ru", "enabled": False},
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("sources: [", "cannot read sources"),
        ("sources: []", "non-empty 'sources' list"),
        ("sources:\n  - {name: a, kind: rdf, url: 'https://a.example/', language: en}", "kind must be one of"),
        ("sources:\n  - {name: a, kind: rss, url: 'ftp://a.example/', language: en}", "absolute http"),
        ("sources:\n  - {name: 'Bad Name', kind: rss, url: 'https://a.example/'}", "name must be"),
        ("sources:\n  - {name: a, kind: rss, url: 'https://a.example/', language: English}", "ISO 639"),
        ("sources:\n  - {name: a, kind: rss, url: 'https://a.example/', enabled: 'yes'}", "enabled must be true or false"),
        ("sources:\n  - {name: a, kind: gdelt, url: 'https://a.example/'}", "needs a non-empty query"),
        ("sources:\n  - {name: a, kind: rss, url: 'https://a.example/', query: x}", "gdelt sources only"),
        ("sources:\n  - {name: a, kind: rss, url: 'https://a.example/', colour: red}", "unknown field\\(s\\) colour"),
        ("sources:\n  - {name: a, kind: rss, url: 'https://a.example/'}\n  - {name: a, kind: rss, url: 'https://b.example/'}", "duplicate source name"),
        ("sources:\n  - just a string", "expected a mapping"),
    ],
)
def test_bad_sources_file_gives_one_line_error(tmp_path, text, message):
    path = write_sources(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as info:
        load_sources(path)
    assert "\n" not in str(info.value)


def test_missing_sources_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_sources(tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- RSS / Atom


def test_rss2_entries_dates_links_and_plain_text_summaries():
    got = parse_feed(feed("rss2.xml"), RSS.url, RSS)
    by_url = {c.url: c for c in got}
    treaty = by_url["https://www.koreatimes.co.kr/www/nation/2024/06/103_376915.html"]
    assert treaty.title == "Russia, North Korea sign treaty pledging mutual military assistance"
    assert "<" not in treaty.summary and "Kim Jong-un" in treaty.summary
    assert treaty.published_at == datetime(2024, 6, 19, 12, 5, tzinfo=timezone.utc)
    assert treaty.published_at.tzinfo is not None
    assert treaty.source == "test-rss" and treaty.language == "en"
    # a guid permalink stands in for a missing <link>
    assert "https://www.koreatimes.co.kr/www/nation/2024/06/103_376990.html" in by_url
    # absurd dates (1900, 2101) become None, the entries stay
    assert by_url["https://www.koreatimes.co.kr/www/nation/2024/06/103_000001.html"].published_at is None
    assert by_url["https://www.koreatimes.co.kr/www/nation/2024/06/103_000002.html"].published_at is None
    # javascript: link dropped with a note, duplicate URL kept once
    assert all(c.url.startswith("https://") for c in got)
    assert len(got) == 4
    assert any("without_http_link" in n for n in got.notes)


def test_atom_with_xml_base_and_relative_alternate_link():
    src = Source("tmt", "atom", "https://www.themoscowtimes.com/rss/news", "en")
    got = parse_feed(feed("atom.xml"), src.url, src)
    assert [c.url for c in got] == [
        "https://www.themoscowtimes.com/2024/09/13/shoigu-meets-kim-jong-un-a86321",
        "https://www.themoscowtimes.com/2024/09/12/ruble-slides-a86300",
    ]
    assert got[0].published_at == datetime(2024, 9, 13, 6, 45, tzinfo=timezone.utc)
    assert got[0].language == "en"  # xml:lang="en-GB" -> "en"


def test_relative_links_resolve_against_the_feed_address():
    got = parse_feed(feed("rss_relative.xml"), "https://www.nknews.org/feed/", RSS)
    assert [c.url for c in got] == [
        "https://www.nknews.org/2024/03/russian-delegation-visits-rason-port/",
        "https://www.nknews.org/feed/2024/03/north-korea-moscow-flights/",
        "https://www.nknews.org/2024/03/protocol-relative/",
    ]  # mailto: dropped


def test_yonhap_like_feed_candidates_can_be_prefiltered_by_relevance():
    got = parse_feed(feed("yonhap_nk.xml"), "https://en.yna.co.kr/RSS/nk.xml", RSS)
    assert len(got) == 4
    keep = [c for c in got if score(c.title, c.summary, threshold=2.0).relevant]
    assert [c.url.split("?")[0].rsplit("/", 1)[1] for c in keep] == ["AEN20241112000300315", "AEN20240123000300315"]


def test_html_page_served_as_feed_is_refused_with_reason():
    with pytest.raises(SourceError, match="not a feed: got an HTML page \\(text/html"):
        parse_feed(feed("html_page.html"), RSS.url, RSS, content_type="text/html; charset=utf-8")
    with pytest.raises(SourceError, match="HTML page"):  # no content type, no doctype: the root decides
        parse_feed(b"<html><body><p>moved</p></body></html>", RSS.url, RSS)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty feed"),
        (b"   \n", "empty feed"),
        (b'{"articles": []}', "no XML root element"),
        (b"<?xml version='1.0'?><urlset><url/></urlset>", "root element <urlset>"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item><title>no link</title></item></channel></rss>", "no usable entries"),
    ],
)
def test_unusable_inputs_raise_feed_error(raw, message):
    with pytest.raises(SourceError, match=message) as info:
        parse_feed(raw, RSS.url, RSS)
    assert "\n" not in str(info.value)


def test_valid_empty_feed_is_an_empty_list_not_an_error():
    raw = b"<?xml version='1.0'?><rss version='2.0'><channel><title>quiet day</title></channel></rss>"
    assert parse_feed(raw, RSS.url, RSS) == []


def test_truncated_feed_keeps_complete_entries_and_records_why():
    got = parse_feed(feed("truncated.xml"), "https://www.interfax.ru/rss.asp", RSS)
    assert [c.url for c in got] == ["https://www.interfax.ru/russia/965101", "https://www.interfax.ru/russia/965202"]
    assert got[0].language == "ru"
    assert any(n.startswith("malformed_feed_kept_") for n in got.notes)


def test_truncated_before_any_entry_is_an_error():
    raw = feed("truncated.xml")[:120]
    with pytest.raises(SourceError):
        parse_feed(raw, RSS.url, RSS)


def test_billion_laughs_is_refused_fast_and_small():
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SourceError, match="entit"):
        parse_feed(feed("billion_laughs.xml"), RSS.url, RSS)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 5_000_000


def test_billion_laughs_in_utf16_is_refused_too():
    raw = feed("billion_laughs.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    started = time.perf_counter()
    with pytest.raises(SourceError, match="entit"):
        parse_feed(b"\xff\xfe" + raw.encode("utf-16-le"), RSS.url, RSS)
    assert time.perf_counter() - started < 0.5


def test_external_entity_feed_is_refused_and_leaks_nothing():
    with pytest.raises(SourceError, match="external entities") as info:
        parse_feed(feed("xxe.xml"), RSS.url, RSS)
    assert "root:" not in str(info.value)


def test_defusedxml_second_line_refuses_entities_the_first_line_did_not_see():
    with pytest.raises(SourceError, match="unsafe feed"):
        feeds._defused_check(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')
    assert feeds._defused_check(b"<r><unclosed></r>").startswith("malformed XML")


def test_harmless_public_doctype_is_stripped_and_feed_parses():
    got = parse_feed(feed("rss091_doctype.xml"), "https://example.org/rss", RSS)
    assert [c.title for c in got] == ["Moscow and Seoul resume consular talks"]
    assert "doctype_stripped" in got.notes


def test_utf16_feed_parses():
    text = feed("rss2.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    got = parse_feed(b"\xff\xfe" + text.encode("utf-16-le"), RSS.url, RSS)
    assert len(got) == 4


def test_enormous_title_is_capped():
    title = "Russia Korea " * 5000
    raw = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item>"
        f"<title>{title}</title><link>https://example.org/a</link></item></channel></rss>"
    ).encode()
    (only,) = parse_feed(raw, RSS.url, RSS)
    assert len(only.title) <= entries.MAX_TITLE
    assert only.title.endswith("…")


# --------------------------------------------------------------------------- GDELT


def test_gdelt_url_uses_lookback_timespan_by_default():
    url = gdelt_url(GDELT, 6)
    parts = urlsplit(url)
    qs = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://api.gdeltproject.org/api/v2/doc/doc"
    assert qs["query"] == ["(Russia OR Moscow) (Korea OR Seoul)"]
    assert qs["mode"] == ["artlist"] and qs["format"] == ["json"] and qs["maxrecords"] == ["250"]
    assert qs["timespan"] == ["6h"]
    assert "startdatetime" not in qs
    assert "+" not in url  # spaces are %20-encoded


def test_gdelt_url_with_interval_for_backfill():
    start = datetime(2024, 6, 18, 0, 0, tzinfo=timezone.utc)
    end = datetime(2024, 6, 20, 12, 30, 15)  # naive = UTC
    qs = parse_qs(urlsplit(gdelt_url(GDELT, 24, start, end)).query)
    assert qs["startdatetime"] == ["20240618000000"]
    assert qs["enddatetime"] == ["20240620123015"]
    assert "timespan" not in qs
    with pytest.raises(ConfigError, match="not before"):
        gdelt_url(GDELT, 24, end.replace(tzinfo=timezone.utc), start)
    with pytest.raises(ConfigError, match="not a gdelt source"):
        gdelt_url(RSS, 24)


def test_parse_gdelt_articles():
    got = parse_gdelt(feed("gdelt_artlist.json"), GDELT)
    assert [c.language for c in got] == ["en", "ko", "ru", None]  # "Klingon" is unknown; "mul" is no fallback
    first = got[0]
    assert first.url == "https://www.nknews.org/2024/06/putin-kim-sign-treaty/"
    assert first.published_at == datetime(2024, 6, 19, 13, 45, tzinfo=timezone.utc)
    assert first.source == "test-gdelt"
    assert got[3].published_at is None  # unparseable seendate
    assert len({c.url for c in got}) == len(got)  # duplicate row folded
    assert any("without_http_url" in n for n in got.notes)


def test_gdelt_error_text_and_broken_json_are_feed_errors():
    with pytest.raises(SourceError, match="gdelt error: Invalid query"):
        parse_gdelt(feed("gdelt_error.txt"), GDELT)
    with pytest.raises(SourceError, match="invalid JSON"):
        parse_gdelt(b'{"articles": [{"url": ', GDELT)
    assert parse_gdelt(b"{}", GDELT) == []
    assert parse_gdelt(b"", GDELT) == []


def test_discover_dispatches_by_kind():
    assert isinstance(discover_from_bytes(feed("gdelt_artlist.json"), GDELT.url, GDELT)[0], FeedEntry)
    assert len(discover_from_bytes(feed("rss2.xml"), RSS.url, RSS)) == 4
    with pytest.raises(SourceError):
        discover_from_bytes(feed("gdelt_artlist.json"), RSS.url, RSS)


# --------------------------------------------------------------------------- CLI rows and the fixture site


def test_feed_file_rows_are_json_friendly():
    rows = feed_file_rows(FEEDS / "rss2.xml")
    assert rows[0]["published_at"] == "2024-06-19T21:05:00+09:00"  # "Wed, 19 Jun 2024 21:05:00 +0900": offset kept
    assert set(rows[0]) == {"url", "title", "summary", "published_at", "source", "language"}
    gdelt_rows = feed_file_rows(str(FEEDS / "gdelt_artlist.json"))
    assert gdelt_rows[1]["language"] == "ko"
    # relative links need a base URL
    rows = feed_file_rows(SITE_FEEDS / "tass-ru.xml", base_url="http://news.example/feeds/tass-ru.xml")
    assert rows[0]["url"] == "http://news.example/articles/ru-poezd.html"
    with pytest.raises(SourceError, match="no usable entries"):
        feed_file_rows(SITE_FEEDS / "tass-ru.xml")
    with pytest.raises(SourceError, match="cannot read"):
        feed_file_rows(FEEDS / "missing.xml")


@pytest.mark.parametrize(
    "feed_path, articles",
    [
        ("/feeds/yonhap.xml", ["treaty-ratified", "rason-bridge", "kpop-tour", "broken-shell"]),
        ("/feeds/herald.atom", ["shells-report", "kursk-pows"]),
        ("/feeds/tass-ru.xml", ["ru-poezd"]),
        ("/feeds/news1-ko.xml", ["ko-myeongtae"]),
    ],
)
def test_site_feeds_served_by_fixture_server_point_at_its_articles(fixture_server, feed_path, articles):
    response = httpx.get(fixture_server.url(feed_path))
    assert response.status_code == 200
    src = Source("site", "atom" if feed_path.endswith(".atom") else "rss", fixture_server.url(feed_path), "en")
    got = discover_from_bytes(response.content, str(response.url), src, response.headers.get("content-type"))
    paths = [urlsplit(c.url).path for c in got]
    assert paths == [f"/articles/{name}.html" for name in articles]
    assert all(c.url.startswith(fixture_server.base_url + "/articles/") for c in got)
    assert all(c.published_at is not None for c in got)
