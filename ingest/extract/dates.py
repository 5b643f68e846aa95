"""Publication dates: one plausibility rule, date strings, and the date of a page.

* :func:`plausible` is the one rule every date passes, for pages and feeds
  alike: timezone-aware (a naive time is read in the outlet's zone, else UTC),
  not before :data:`EARLIEST_YEAR`, not more than :data:`FUTURE_SLACK` ahead of
  now. The offset the time carries is kept.
* :func:`parse_dated` reads one date string into a :class:`Dated` (the moment and
  its precision: ``second``, ``minute`` or ``day``): an ISO 8601 stamp directly,
  anything else ("Nov. 9, 2024 10:05 KST", "9 ноября 2024 г. 14:30 MSK",
  "2024년 11월 9일 14:30") with dateparser, which knows the month names, word
  orders and zone abbreviations of every language. A stated offset wins; a time
  without one is the outlet's local time; a date without a time stays a day
  (midnight in the outlet's zone, precision ``day``), never midnight UTC.
* :func:`page_published` finds the date of a page: exact stamps from JSON-LD,
  ``<meta>``, ``<time>`` and the page's embedded state first, then a visible
  dateline (with its time of day) or the day in the URL, and finally htmldate's
  markup search.

:func:`parse_date` and :func:`page_date` are the same, returning only the moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from .metadata import ld_text, meta
from .outlets import outlet_of, timezone_of
from .text import squash

EARLIEST_YEAR = 1990  # older "publication dates" are placeholders (the epoch) or garbage
FUTURE_SLACK = timedelta(days=2)  # time zones and clock skew put a fresh article up to a day "ahead"
LANGUAGES = ("en", "ko", "ru")

DATEPARSER_SETTINGS = {
    # no TIMEZONE: a time with a zone comes back aware in that zone, one without it naive,
    # to be read in the outlet's zone (dateparser would otherwise stamp it with its default)
    "DATE_ORDER": "DMY",  # only for all-numeric dates, which the locator admits as 05.12.2024 (day first)
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],  # never "3 hours ago": that is relative to the reader, not the page
}

# Where a page states its publication time, best first (selectors as data).
LD_DATE_KEYS = ("datePublished", "dateCreated")
PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datePublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "article.published", "published_time", "cXenseParse:recs:publishtime",
)
TIME_TAGS_LIMIT = 10
DATELINE_CLASS = re.compile(r"date|time|dateline|byline|published|posted|meta|info", re.I)
DATELINE_LIMIT, DATELINE_MAX_CHARS, LEAD_CHARS = 30, 200, 400

# Dates in URLs: /2024/12/05/ and /20241205… (Korean article ids); htmldate's URL rule reads only the first form.
URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|-)"),
    re.compile(r"(?:/|\b|_)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:\d{2,})?(?:/|$|\.|-|_)"),
)

# Where a date stands inside a longer text ("Published : Feb. 17, 2025 - 18:40",
# "입력 2024-12-05 09:30 | 수정 …", a byline ending in "April 30, 2025 09:05").
# dateparser reads a date but cannot find one inside prose: its search_dates is slow,
# drops the time of "9 ноября 2024 г. 14:30 MSK" and misses "Nov. 9, 2024 10:05 KST".
# These shapes only locate a span; dateparser decides whether it is a date (a
# month word is any word here: dateparser knows which words are months).
_YEAR = r"(?:19|20)\d{2}"
_WORD = r"(?<![^\W\d_])[^\W\d_]{3,}\.?"
ZONES = ("KST", "JST", "MSK", "UTC", "GMT", "Z")
# a zone after the time: an abbreviation, an offset, or "(UTC-5)" (VOA's blogs)
_ZONE = r"\(?(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?\)|" + "|".join(ZONES) + r"\b|[+-]\d{2}:?\d{2}\b"
# the time after a date: "2024-12-05 09:30", "Nov. 9, 2024 - 10:05", "April 10, 2018 / 10:08 AM" (Reuters)
# Korean stamps also spell the clock out: "2024년 12월 19일 11시 04분" (Dong-A); minutes required ("오후 3시": an event's)
_KO_CLOCK = r"\s+(?:오전|오후)?\s*\d{1,2}\s*시\s*\d{1,2}\s*분"
_TIME = (r"(?:(?:[ T,]+|\s+[-–|/]\s+|\s+в\s+)(?:at\s+)?\(?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?))?"
         r"(?:\s*(?:" + _ZONE + r"))?|" + _KO_CLOCK + r")?")
DATE_SHAPES = tuple(re.compile(shape + _TIME, re.I) for shape in (
    rf"\b{_YEAR}(?:[-./]|\.\s)\d{{1,2}}(?:[-./]|\.\s)\d{{1,2}}\.?",  # 2024-12-05, 2024.12.05., 2024. 10. 27. (Daum)
    rf"\b{_YEAR}\s*년\s*\d{{1,2}}\s*월\s*\d{{1,2}}\s*일",  # 2024년 12월 5일
    rf"\b\d{{1,2}}:\d{{2}}\s+{_WORD}\s+\d{{1,2}},?\s+{_YEAR}\b",  # time first: 16:59 September 12, 2023 (Yonhap English)
    rf"{_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b",  # Nov. 9, 2024
    rf"\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?,?\s+\d{{1,2}}\s+{_WORD},?\s+{_YEAR}\b",  # time first: 21:30, 10 декабря 2024
    # (Lenta), 5:07am, 31 Mar, 2023 (SCMP)
    rf"\b\d{{1,2}}\s+{_WORD},?\s+{_YEAR}\b(?:\s*г\.?)?",  # 9 November 2024, 9 ноября 2024 г.
    rf"\b\d{{1,2}}:\d{{2}}\s+\d{{1,2}}([./])\d{{1,2}}\1{_YEAR}\b",  # time first: 15:10 29.12.2025 (RIA), 19:18 17/09/2023 (Mir 24)
    rf"\b\d{{1,2}}\.\d{{1,2}}\.{_YEAR}\b",  # 05.12.2024
    rf"\b\d{{1,2}}-\d{{1,2}}-{_YEAR}\b",  # 13-09-2023, 16:00 (DataLife Engine sites)
))
_SEPARATOR = re.compile(r"\s+[|–/]\s+")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{8}T\d{4}")
_PARENS = re.compile(r"[()]")
_SPACED_DOTS = re.compile(r"(\d)\.\s+(?=\d)")
_SPACED_COLONS = re.compile(r"\b(\d{1,2})\s+:\s+(\d{2})(?:\s+:\s+(\d{2}))?\b")  # a clock set in spaced digits: "11 : 33 : 00"
_BARE_TIME = re.compile(r"^\d{1,2}\s?:\s?\d{2}(?:\s?:\s?\d{2})?$")
NEIGHBOUR_MAX_CHARS = 60  # the day shown in the element beside a bare time


# ---------------------------------------------------------------- the rule

def plausible(dt: datetime | None, now: datetime | None = None, tz: tzinfo | None = None) -> datetime | None:
    """``dt`` when it can be a publication time, else None; its offset is kept.

    A naive time is read in ``tz`` (the outlet's zone; default UTC); before 1990 or
    more than :data:`FUTURE_SLACK` after ``now`` (default: the current time) is no date."""
    if dt is None:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        dt = dt.replace(tzinfo=tz or timezone.utc)
    now = now or datetime.now(timezone.utc)
    if dt.year < EARLIEST_YEAR or dt > now + FUTURE_SLACK:
        return None
    return dt


@dataclass(frozen=True)
class Dated:
    """A publication moment and how precisely the page states it."""

    at: datetime  # timezone-aware, in the offset the page states (else the outlet's zone)
    precision: str  # "second", "minute" or "day" (then ``at`` is midnight of that day in the outlet's zone)

    def in_zone(self, tz: tzinfo | None) -> "Dated":
        """The same moment shown in ``tz`` (a day stays that day)."""
        if tz is None or self.precision == "day":
            return self
        return Dated(self.at.astimezone(tz), self.precision)


PRECISIONS = ("second", "minute", "day")
_HAS_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}|T\d{6}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}|T\d{4}|\d{1,2}\s*(?:시|[ap]\.?m\b)", re.I)


def _precision(text: str) -> str:
    return "second" if _HAS_SECONDS.search(text) else "minute" if _HAS_TIME.search(text) else "day"


def _day(dt: datetime, tz: tzinfo | None) -> datetime:
    """Midnight of ``dt``'s calendar day in ``tz`` (UTC when unknown): a date, not a moment."""
    return datetime(dt.year, dt.month, dt.day, tzinfo=tz or timezone.utc)


def _dated(dt: datetime | None, text: str, tz: tzinfo | None, now: datetime | None) -> Dated | None:
    if dt is None:
        return None
    precision = _precision(text)
    if precision == "day":
        dt = _day(dt, tz if dt.tzinfo is None else dt.tzinfo)
    dt = plausible(dt, now, tz)
    return Dated(dt, precision) if dt else None


# ---------------------------------------------------------------- date strings

@lru_cache(maxsize=16)
def _parser(languages: tuple[str, ...]):
    from dateparser import DateDataParser

    parser = DateDataParser(languages=list(languages), settings=DATEPARSER_SETTINGS)
    try:
        parser.get_date_data("2000-01-01")  # languages are checked on first use
    except ValueError:  # a language dateparser does not know ("mul", "xx")
        return _parser(LANGUAGES)
    return parser


@lru_cache(maxsize=4096)  # a page's lines are checked twice (trafilatura's and the density pass's)
def _dateparser(span: str, languages: tuple[str, ...]) -> datetime | None:
    try:
        return _parser(languages).get_date_data(_SEPARATOR.sub(" ", span)).date_obj
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError):
        return None


def _iso(value: str) -> datetime | None:
    # Machine stamps, most of what pages and feeds carry: the standard library reads them exactly and a thousand
    # times faster than dateparser (RIA's basic form "20241115T2210" is ISO 8601 too).
    if not _ISO.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None


def date_spans(text: str) -> Iterator[str]:
    """Substrings of ``text`` shaped like a date (numeric, Korean, month-word), in order of the shapes."""
    for shape in DATE_SHAPES:
        for m in shape.finditer(text):
            yield m.group(0)


def strip_dates(text: str) -> str:
    """``text`` without the date-shaped spans in it (for bylines)."""
    for shape in DATE_SHAPES:
        text = shape.sub(" ", text)
    return text


def dated_in_text(text: str, languages: Iterable[str] | None = None, *, now: datetime | None = None,
                  tz: tzinfo | None = None) -> Dated | None:
    """The first plausible date stated in ``text`` (a dateline, a byline, a short line), or None;
    a time without a zone is read in ``tz``."""
    langs = tuple(languages or LANGUAGES)
    text = _SPACED_COLONS.sub(lambda m: ":".join(g for g in m.groups() if g), text)
    for span in date_spans(text):
        span = _SPACED_DOTS.sub(r"\1.", _PARENS.sub(" ", span))  # KBS: "2024.11.18 (21:24)"; Daum: "2024. 10. 27."
        found = _dated(_dateparser(span, langs), span, tz, now)
        if found:
            return found
    return None


def date_in_text(text: str, languages: Iterable[str] | None = None, *, now: datetime | None = None,
                 tz: tzinfo | None = None) -> datetime | None:
    """The moment of :func:`dated_in_text`."""
    found = dated_in_text(text, languages, now=now, tz=tz)
    return found.at if found else None


def parse_dated(text: str | None, languages: Iterable[str] | None = None, *, now: datetime | None = None,
                tz: tzinfo | None = None) -> Dated | None:
    """A date string from metadata, a feed or a dateline as a plausible :class:`Dated`, or None.

    A stated offset wins; a time without one is read in ``tz`` (the outlet's zone; default UTC);
    a date without a time is that day. ``languages`` (ISO 639-1 codes) narrow what dateparser
    tries; default English, Korean, Russian."""
    value = squash(text)
    if not value:
        return None
    exact = _iso(value)
    if exact is not None:
        return _dated(exact, value, tz, now)
    return dated_in_text(value, languages, now=now, tz=tz)


def parse_date(text: str | None, languages: Iterable[str] | None = None, *, now: datetime | None = None,
               tz: tzinfo | None = None) -> datetime | None:
    """The moment of :func:`parse_dated` (its own offset kept)."""
    found = parse_dated(text, languages, now=now, tz=tz)
    return found.at if found else None


# ---------------------------------------------------------------- pages

# Month names of datelines ("Oct.", "Sept.", "October", "ноября").
MONTHS = {
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate("январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), 1)},
}


def _where(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts.path, parts.path + ("?" + parts.query if parts.query else "")


def url_date(url: str | None) -> datetime | None:
    """The date in a URL (midnight UTC), or None.

    An outlet with ``url_dates`` in its format (``ingest/resources/wire/*.yaml``) is read by
    those patterns only, over path and query (Yonhap ``AEN20241021…``, the Herald's
    ``?ud=20241002…``); other URLs by the generic ``/2024/12/05/`` and ``/20241205…`` shapes."""
    where = _where(url) if url else None
    if where is None:
        return None
    outlet = outlet_of(url)
    if outlet is not None and outlet.has("url_dates"):
        patterns, text = outlet.rules("url_dates"), where[1]
    else:
        patterns, text = URL_DATES, where[0]
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            try:
                dt = plausible(datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=timezone.utc))
            except ValueError:
                continue
            if dt:
                return dt
    return None


def url_year(url: str | None) -> int | None:
    """The year a URL states, from a full date or an outlet's ``url_years`` (``/www/nation/2024/10/…``)."""
    full = url_date(url)
    if full is not None or not url:
        return full.year if full else None
    outlet, where = outlet_of(url), _where(url)
    for pattern in outlet.rules("url_years") if outlet is not None and where else ():
        m = pattern.search(where[1])
        if m and EARLIEST_YEAR <= int(m["y"]) <= datetime.now(timezone.utc).year:
            return int(m["y"])
    return None


def month_number(word: str) -> int | None:
    low = word.lower().rstrip(".")
    for key in (low[:4], low[:3], low[:6], low[:7], low[:5], low[:2]):
        if key in MONTHS:
            return MONTHS[key]
    return None


def dateline_date(text: str, url: str | None = None, fetched_at: datetime | None = None) -> datetime | None:
    """The date of a yearless dateline ("SEOUL, Oct. 21 (Yonhap) --", "MOSCOW, November 1. /TASS/."),
    the year taken from the URL, else the latest such day on or before the fetch; None when
    nothing gives the year (never invented)."""
    from .furniture import find_dateline

    line = find_dateline(text, url=url)
    month = month_number(line.month) if line else None
    if month is None:
        return None
    year = url_year(url)
    if year is None and fetched_at is not None:
        fetched = plausible(fetched_at) or fetched_at
        year = fetched.year if (month, line.day) <= (fetched.month, fetched.day) else fetched.year - 1
    if year is None:
        return None
    try:
        return plausible(datetime(year, month, line.day, tzinfo=timezone.utc))
    except ValueError:
        return None


# A story id (Aju's "20240509104544977") is stamped when the story is filed; an embargoed story goes
# out up to a day later ("2024-05-10 06:00" on the page): a visible day that much after the URL's agrees.
FILED_BEFORE = timedelta(days=1)


# Elements that carry a machine stamp in an attribute (RBC's <span class="…date" content="…">,
# Yonhap's data-published-time): the attributes read, in order.
STAMP_ATTRS = ("datetime", "content", "data-published-time", "data-date")


def _stamps(soup, ld: dict, state: dict | None = None) -> Iterator[str]:
    for key in LD_DATE_KEYS:
        yield ld_text(ld.get(key))
    yield meta(soup, *PUBLISHED_META)
    from .authors import _outside_article  # here: authors imports this module
    for tag in soup.find_all("time", limit=TIME_TAGS_LIMIT):
        if not _outside_article(tag):  # the times of the other stories in a sidebar or a most-read list
            yield tag.get("datetime") or tag.get_text(" ")
    if state:
        yield str(state.get("published") or "")
    for tag in soup.find_all(class_=DATELINE_CLASS, limit=DATELINE_LIMIT):
        if tag.name == "meta":
            continue
        for attr in STAMP_ATTRS:
            value = tag.get(attr)
            if isinstance(value, str) and _ISO.match(value.strip()):
                yield value


def _beside_time(tag, text: str) -> Iterator[str]:
    """A bare time ("11 : 33 : 00") with the day its neighbouring element shows, in page order."""
    if not _BARE_TIME.match(text):
        return
    after, before = tag.find_next_sibling(), tag.find_previous_sibling()
    for other, first in ((after, False), (before, True)):
        day = squash(other.get_text(" ")) if other is not None else ""
        if 0 < len(day) <= NEIGHBOUR_MAX_CHARS:
            yield f"{day} {text}" if first else f"{text} {day}"


def _datelines(soup, body: str) -> Iterator[str]:
    paired: list[str] = []
    for tag in soup.find_all(class_=DATELINE_CLASS, limit=DATELINE_LIMIT):
        text = squash(tag.get_text(" "))
        if len(text) <= DATELINE_MAX_CHARS:
            yield text
            paired.extend(_beside_time(tag, text))
    yield from paired  # a time and its day in two elements side by side (Seldon.News), after every whole dateline
    yield body[:LEAD_CHARS]


def htmldate_date(html: str, url: str | None = None, now: datetime | None = None) -> datetime | None:
    """htmldate's publication date for a page (a day, midnight UTC), or None.

    Its fast mode only: the extensive search takes the earliest date anywhere in
    the prose, so an article about flights "suspended in March 2022" would be
    dated 2022."""
    from htmldate import find_date

    now = now or datetime.now(timezone.utc)
    try:
        found = find_date(
            html, extensive_search=False, original_date=True, url=url, deferred_url_extractor=True,
            min_date=datetime(EARLIEST_YEAR, 1, 1), max_date=(now + FUTURE_SLACK).replace(tzinfo=None),
        )
    except Exception:  # noqa: BLE001 - a last resort may find nothing, never break extraction
        return None
    if not found:
        return None
    try:
        return plausible(datetime.fromisoformat(found).replace(tzinfo=timezone.utc), now)
    except ValueError:
        return None


def page_published(soup, ld: dict, html: str, url: str | None = None, body: str = "",
                   languages: Iterable[str] | None = None, fetched_at: datetime | None = None,
                   tz: tzinfo | None = None, state: dict | None = None) -> Dated | None:
    """The publication moment of a page and its precision, or None.

    ``tz`` is the outlet's zone (default: :func:`~.outlets.timezone_of` the URL): a time the
    page shows without an offset is read in it, and the moment is shown in it (the same
    instant; the day an analyst sees is the outlet's day). Exact stamps first (JSON-LD,
    ``<meta>``, ``<time>``, the embedded state's date, stamp attributes): htmldate would read
    them too but keeps only the day, or a naive time without the page's offset. Then a
    visible dateline or the body's first lines with their time of day; the day in the URL
    or a yearless dateline when no visible date agrees with it; htmldate's search last."""
    if tz is None:
        tz = timezone_of(url)
    for stamp in _stamps(soup, ld, state):
        found = parse_dated(stamp, languages, tz=tz)
        if found:
            return found.in_zone(tz)
    day = url_date(url) or dateline_date(body, url, fetched_at)
    for text in _datelines(soup, body):
        found = dated_in_text(text, languages, tz=tz)
        if found and (day is None or timedelta(0) <= found.at.date() - day.date() <= FILED_BEFORE):
            return found.in_zone(tz)
    if day is not None:
        return Dated(_day(day, tz), "day")
    found = htmldate_date(html, url)
    return Dated(_day(found, tz), "day") if found else None


def page_date(soup, ld: dict, html: str, url: str | None = None, body: str = "",
              languages: Iterable[str] | None = None, fetched_at: datetime | None = None) -> datetime | None:
    """The moment of :func:`page_published`."""
    found = page_published(soup, ld, html, url, body, languages, fetched_at)
    return found.at if found else None


__all__ = [
    "EARLIEST_YEAR", "FUTURE_SLACK", "LANGUAGES", "PRECISIONS", "Dated", "plausible", "parse_date", "parse_dated",
    "date_in_text", "dated_in_text", "date_spans", "strip_dates", "url_date", "url_year", "dateline_date",
    "month_number", "htmldate_date", "page_date", "page_published",
]
