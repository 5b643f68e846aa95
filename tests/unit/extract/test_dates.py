"""ingest.extract.dates: the plausibility rule, date strings in en/ko/ru, the date of a page."""

from __future__ import annotations

import re

from datetime import datetime, timedelta, timezone

import pytest

from ingest.extract import extract
from ingest.extract.dates import date_in_text, htmldate_date, page_date, parse_date, plausible, url_date
from ingest.extract.metadata import json_ld
from ingest.extract.text import parse_html

from .pages import article

UTC = timezone.utc
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

# ------------------------------------------------------------------ the rule


def test_plausible_keeps_real_dates_with_their_offset():
    kst = timezone(timedelta(hours=9))
    got = plausible(datetime(2024, 11, 9, 14, 20, tzinfo=kst), now=NOW)
    assert got == datetime(2024, 11, 9, 5, 20, tzinfo=UTC) and got.utcoffset() == timedelta(hours=9)
    assert plausible(datetime(2024, 3, 1, 10, 0), now=NOW) == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)  # naive: UTC
    assert plausible(datetime(1990, 1, 1, tzinfo=UTC), now=NOW) is not None  # the first year allowed
    assert plausible(NOW + timedelta(days=1), now=NOW) == NOW + timedelta(days=1)  # zones put "today" a day ahead


@pytest.mark.parametrize(
    "dt",
    [
        datetime(9999, 12, 31, tzinfo=UTC),
        datetime(1800, 1, 1, tzinfo=UTC),
        datetime(1989, 12, 31, 23, 59, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),  # the epoch: a placeholder
        NOW + timedelta(days=1) + timedelta(days=2),  # tomorrow + 2 days
        None,
    ],
)
def test_plausible_rejects(dt):
    assert plausible(dt, now=NOW) is None


def test_plausible_defaults_to_the_current_time():
    assert plausible(datetime.now(UTC) + timedelta(days=1)) is not None
    assert plausible(datetime.now(UTC) + timedelta(days=3)) is None


# ------------------------------------------------------------------ date strings

@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-11-09T14:20:00+09:00", datetime(2024, 11, 9, 5, 20, tzinfo=UTC)),
        ("2024-11-09T05:20:00Z", datetime(2024, 11, 9, 5, 20, tzinfo=UTC)),
        ("2024-11-09 14:20:00+0900", datetime(2024, 11, 9, 5, 20, tzinfo=UTC)),
        ("2024-11-09T05:20:00.1234567Z", datetime(2024, 11, 9, 5, 20, 0, 123456, tzinfo=UTC)),
        ("2024-11-09", datetime(2024, 11, 9, tzinfo=UTC)),
        ("Tue, 03 Dec 2024 08:00:00 -0500", datetime(2024, 12, 3, 13, 0, tzinfo=UTC)),
        ("Sat, 09 Nov 2024 05:20:00 GMT", datetime(2024, 11, 9, 5, 20, tzinfo=UTC)),
        ("Published : Feb. 17, 2025 - 18:40", datetime(2025, 2, 17, 18, 40, tzinfo=UTC)),
        ("November 9, 2024 2:20 pm KST", datetime(2024, 11, 9, 5, 20, tzinfo=UTC)),
        ("9 November 2024", datetime(2024, 11, 9, tzinfo=UTC)),
        ("4 декабря 2024, 16:00 MSK", datetime(2024, 12, 4, 13, 0, tzinfo=UTC)),
        ("입력 2024년 12월 5일 09:30", datetime(2024, 12, 5, 9, 30, tzinfo=UTC)),
        ("2024.12.05 09:30", datetime(2024, 12, 5, 9, 30, tzinfo=UTC)),
        ("05.12.2024", datetime(2024, 12, 5, tzinfo=UTC)),
        ("1970-01-01T00:00:00Z", None),  # epoch placeholder
        ("1989-12-31", None),
        ("", None),
        (None, None),
        ("not a date", None),
        ("2024-13-45", None),
        ("Article 3, 2024", None),  # the shape of a date, not a month
    ],
)
def test_parse_date(value, expected):
    got = parse_date(value)
    assert got == expected  # the same instant; the offset the string states is kept
    if got is not None and not re.search(r"[+-]\d{2}:?\d{2}$|KST|MSK", value):
        assert got.utcoffset() == timedelta(0)  # no zone stated and none known: UTC


@pytest.mark.parametrize(
    "value, languages, expected",
    [
        ("9 ноября 2024 г. 14:30 MSK", ["ru"], datetime(2024, 11, 9, 11, 30, tzinfo=UTC)),
        ("2024년 11월 9일 14:30", ["ko"], datetime(2024, 11, 9, 14, 30, tzinfo=UTC)),  # no zone: UTC
        ("Nov. 9, 2024 10:05 KST", ["en"], datetime(2024, 11, 9, 1, 5, tzinfo=UTC)),
        ("9 ноября 2024 г. 14:30 MSK", None, datetime(2024, 11, 9, 11, 30, tzinfo=UTC)),  # default: en, ko, ru
        ("2024년 11월 9일 14:30", None, datetime(2024, 11, 9, 14, 30, tzinfo=UTC)),
        ("Nov. 9, 2024 10:05 KST", None, datetime(2024, 11, 9, 1, 5, tzinfo=UTC)),
        ("Опубликовано: 17 июня 2025, 10:30 MSK", ["ru"], datetime(2025, 6, 17, 7, 30, tzinfo=UTC)),
        ("Nov. 9, 2024 10:05 KST", ["mul"], datetime(2024, 11, 9, 1, 5, tzinfo=UTC)),  # unknown code: the defaults
    ],
)
def test_parse_date_languages(value, languages, expected):
    assert parse_date(value, languages) == expected


def test_future_dates_rejected_but_near_future_kept():
    soon = datetime.now(UTC) + timedelta(days=1)
    later = datetime.now(UTC) + timedelta(days=3)
    assert parse_date(soon.isoformat()) is not None  # time zones can put "today" a day ahead
    assert parse_date(later.isoformat()) is None
    assert parse_date("2099-01-01T00:00:00Z") is None
    assert parse_date("June 3, 2025 10:00", now=NOW) == datetime(2025, 6, 3, 10, 0, tzinfo=UTC)
    assert parse_date("June 4, 2025 10:00", now=NOW) is None


def test_date_in_text_takes_the_first_plausible_date():
    assert date_in_text("입력 2024-12-05 09:30 | 수정 2024-12-05 18:02") == datetime(2024, 12, 5, 9, 30, tzinfo=UTC)
    assert date_in_text("Founded in 1850-01-01, relaunched 2019-05-04") == datetime(2019, 5, 4, tzinfo=UTC)
    assert date_in_text("no date in here at all") is None


def test_url_date():
    assert url_date("https://www.news1.example/nk/2024/12/05/5630001") == datetime(2024, 12, 5, tzinfo=UTC)
    assert url_date("https://ex.example/view/20241109001200315") == datetime(2024, 11, 9, tzinfo=UTC)
    assert url_date("https://ex.example/2024/13/45/x") is None
    assert url_date("https://ex.example/news/talks") is None
    assert url_date(None) is None


# ------------------------------------------------------------------ pages

TEXT = "<p>" + "Seoul and Moscow held talks on fisheries and trade in the Russian capital this week. " * 4 + "</p>"
LD_PAGE = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks",'
           ' "datePublished": "2024-11-09T14:20:00+09:00"}</script></head><body>' + TEXT + "</body></html>")
META_PAGE = ('<html><head><meta property="article:published_time" content="2024-12-04T16:00:00+03:00">'
             "</head><body>" + TEXT + "</body></html>")
BARE_PAGE = "<html><head></head><body>" + TEXT + "</body></html>"


def _page_date(html: str, url: str | None = None) -> datetime | None:
    soup = parse_html(html)
    return page_date(soup, json_ld(soup), html, url)


def test_page_with_only_a_json_ld_date():
    assert _page_date(LD_PAGE) == datetime(2024, 11, 9, 5, 20, tzinfo=UTC)  # with its time of day
    assert htmldate_date(LD_PAGE) == datetime(2024, 11, 9, tzinfo=UTC)  # htmldate sees it too, as a day


def test_page_with_only_a_meta_date():
    assert _page_date(META_PAGE) == datetime(2024, 12, 4, 13, 0, tzinfo=UTC)
    assert htmldate_date(META_PAGE) == datetime(2024, 12, 4, tzinfo=UTC)


def test_page_with_only_a_date_in_the_url():
    url = "https://ex.example/news/2024/11/09/talks"
    assert _page_date(BARE_PAGE, url) == datetime(2024, 11, 9, tzinfo=UTC)
    assert htmldate_date(BARE_PAGE, url) == datetime(2024, 11, 9, tzinfo=UTC)
    assert _page_date(BARE_PAGE) is None
    canonical = BARE_PAGE.replace("<head>", f'<head><link rel="canonical" href="{url}">')
    assert _page_date(canonical) == datetime(2024, 11, 9, tzinfo=UTC)  # htmldate reads the canonical URL


@pytest.mark.parametrize(
    "markup",
    [
        '<meta name="citation_publication_date" content="2024/03/05">',
        '<abbr class="published" title="2024-03-05">5 March</abbr>',
    ],
)
def test_htmldate_finds_dates_in_markup_the_exact_readers_do_not_read(markup):
    html = BARE_PAGE.replace("<body>", "<body>" + markup)
    assert _page_date(html) == datetime(2024, 3, 5, tzinfo=UTC)


def test_htmldate_does_not_date_a_page_by_a_year_in_its_prose():
    html = BARE_PAGE.replace("<body>", "<body><p>The carrier suspended the route in March 2022.</p>")
    assert _page_date(html) is None


def test_the_exact_stamp_wins_over_the_url():
    assert _page_date(LD_PAGE, "https://ex.example/2020/01/01/x") == datetime(2024, 11, 9, 5, 20, tzinfo=UTC)


def test_absurd_published_dates_fall_back_or_none():
    c = extract(article('<meta property="article:published_time" content="2199-01-01T00:00:00Z">'))
    assert c.published_at is None
    c = extract(article('<meta property="article:published_time" content="1900-01-01">'),
                url="https://example.org/2023/06/02/talks")
    assert c.published_at == datetime(2023, 6, 2, tzinfo=UTC)  # the URL's date, not 1900


def test_naive_dates_are_utc():
    c = extract(article('<meta property="article:published_time" content="2024-03-01T10:00:00">'))
    assert c.published_at == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def test_dateline_date_in_text():
    extra = '<p class="article-date">Posted March 3, 2024 at 9:15 am</p>'
    c = extract(article(body_extra=extra))
    assert c.published_at == datetime(2024, 3, 3, 9, 15, tzinfo=UTC)
