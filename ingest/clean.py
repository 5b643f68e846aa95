"""Raw fetched page (bytes) -> clean article fields.

Main text comes from trafilatura (precision-tuned, comments off), checked
against a paragraph-density extraction with BeautifulSoup that also serves as
the fallback when trafilatura finds little or breaks on hostile markup.
Metadata (title, dates, authors, canonical URL...) comes from JSON-LD and
meta tags first, visible markup second. Everything is bounded: input is cut
to :data:`MAX_INPUT_BYTES` before parsing, and any parser failure falls back
to a plain tag-stripping pass instead of crashing.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlparse

MAX_INPUT_BYTES = 5_000_000  # pages are cut here before decoding and parsing
MIN_BODY_CHARS = 250  # shorter bodies are not articles (teasers, stubs)
MAX_TITLE_CHARS = 500
MAX_SUMMARY_CHARS = 1000
MIN_YEAR = 1990
FUTURE_SLACK = timedelta(days=2)
_SNIFF_BYTES = 4096


class Rejected(Exception):
    """The page has no article to keep; ``reason`` is a short machine-friendly code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass
class Cleaned:
    title: str
    body: str  # paragraphs separated by blank lines
    summary: str = ""
    published_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    paywalled: bool = False  # the page marks itself paywalled and the body is only its teaser


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SCRIPTISH = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)

# WHATWG: labels browsers treat as a superset encoding.
_ENCODING_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "x-cp1251": "cp1251",
    "utf8": "utf-8",
}
_MESS_LIMIT = 0.15  # charset-normalizer "chaos" above which a declared charset is suspect


def _normalise_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ENCODING_ALIASES.get(name, name)


def _text_sample(html: str, limit: int = 20_000) -> str:
    """Visible-ish text of a page, for judging whether a decoding is plausible."""
    text = _TAG.sub(" ", _SCRIPTISH.sub(" ", html[:400_000]))
    return " ".join(text.split())[:limit]


def _mess(text: str) -> float:
    from charset_normalizer.md import mess_ratio

    sample = _text_sample(text)
    if not any(ord(c) > 127 for c in sample):
        return 0.0
    return mess_ratio(sample, maximum_threshold=1.0)


def _detect(raw: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is None:
        return None
    enc = _normalise_encoding(best.encoding) or best.encoding
    try:
        text = raw.decode(enc, errors="replace")
    except LookupError:
        return None
    return text, enc


def decode_html(raw: bytes, content_type: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP header charset, then <meta> charset, each
    kept only if it decodes cleanly and reads as plausible text; else detect."""
    raw = raw.replace(b"\x00", b"")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace").replace("\x00", "")
    declared: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            declared.append(m.group(1))
    m = _META_CHARSET.search(raw[:_SNIFF_BYTES * 4])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    tried: dict[str, float] = {}
    fallback: tuple[str, float] | None = None
    for label in declared:
        enc = _normalise_encoding(label)
        if not enc or enc in tried or enc.startswith("utf-16"):
            continue
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            tried[enc] = 1.0
            continue
        mess = _mess(text)
        tried[enc] = mess
        if mess <= _MESS_LIMIT:
            return text
        if fallback is None or mess < fallback[1]:
            fallback = (text, mess)
    # Undeclared, or declared wrongly: plain UTF-8 first (cheap, and unambiguous when it decodes).
    if "utf-8" not in tried:
        try:
            text = raw.decode("utf-8")
            if _mess(text) <= _MESS_LIMIT:
                return text
        except UnicodeDecodeError:
            pass
    detected = _detect(raw)
    if detected is not None:
        text, _enc = detected
        if fallback is None or _mess(text) < fallback[1]:
            return text
    if fallback is not None:
        return fallback[0]
    return raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- input checks

_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
    b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"wOFF", b"wOF2", b"\x7fELF", b"MZ",
)
_HTML_TYPES = ("html", "xml", "text/plain")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype|html|head|body|div|p|article|meta|title|script|span|section)\b", re.IGNORECASE)


def _check_input(raw: bytes, content_type: str | None) -> None:
    if not raw or not raw.strip(b" \t\r\n\x00"):
        raise Rejected("empty")
    head = raw[:_SNIFF_BYTES]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        raise Rejected("binary", "file signature")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype and not any(t in ctype for t in _HTML_TYPES) and ctype != "application/octet-stream":
        raise Rejected("not_html", ctype)
    # Text has few control bytes; binary junk has many (NULs are stripped later, not counted here).
    control = sum(1 for b in head if 0 < b < 9 or 13 < b < 32)
    if control > len(head) * 0.02:
        raise Rejected("binary", "control bytes")
    if not _HTML_SNIFF.search(raw[:65536]):
        raise Rejected("not_html", "no HTML markup")


# ---------------------------------------------------------------- helpers

def _squash(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return " ".join(text.split())


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip() + "…"


def _soup(html: str):
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - any parser failure falls back to the pure-Python parser
        return BeautifulSoup(html, "html.parser")


def _meta(soup, *names: str) -> str:
    """First non-empty <meta> content among ``names`` (matched on property, name or itemprop)."""
    wanted = [n.lower() for n in names]
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.lower() in wanted and key.lower() not in found:
                found[key.lower()] = content
    for n in wanted:
        value = _squash(found.get(n))
        if value:
            return value
    return ""


_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "report", "webpage", "livelogposting",
}


def _walk_json(node: Any) -> Iterator[dict]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            yield cur
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
        elif isinstance(cur, list):
            stack.extend(reversed(cur))


def _json_ld(soup) -> dict:
    """The page's main Article object from JSON-LD (an empty dict when there is none)."""
    best: dict = {}
    best_rank = -1
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.string or script.get_text() or ""
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _walk_json(data):
            types = obj.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            lowered = {str(t).lower() for t in types}
            if not lowered & _ARTICLE_TYPES:
                continue
            rank = 0 if lowered <= {"webpage"} else 2 if "headline" in obj else 1
            if rank > best_rank:
                best, best_rank = obj, rank
    return best


def _paywalled(ld: dict) -> bool:
    """schema.org's paywall marking: ``isAccessibleForFree: false`` on the article or a part of it."""
    def closed(obj: Any) -> bool:
        return isinstance(obj, dict) and str(obj.get("isAccessibleForFree", "")).strip().lower() == "false"

    parts = ld.get("hasPart")
    parts = parts if isinstance(parts, list) else [parts]
    return closed(ld) or any(closed(p) for p in parts)


def _ld_text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return _squash(str(value)) if value else ""


# ---------------------------------------------------------------- title, site, url

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]{1,2}\s+")


def _site_name(soup, ld: dict) -> str | None:
    name = _meta(soup, "og:site_name", "application-name", "twitter:site", "publisher")
    if not name:
        publisher = ld.get("publisher")
        name = _ld_text(publisher)
    name = name.lstrip("@") if name else ""
    return name or None


def _strip_site(title: str, site: str | None, guess: bool = True) -> str:
    """Drop a " | Site" / "Site - " affix that CMSs add to <title> and og:title; without a
    known site name (and when ``guess``), drop a short trailing segment that looks like a brand."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        low = site.lower()
        last, first = parts[-1].lower(), parts[0].lower()
        if last and (last in low or low in last):
            return title[: title.rfind(parts[-1])].rstrip(" |-–—:·•»")
        if first and (first in low or low in first):
            return title[len(parts[0]):].lstrip(" |-–—:·•»")
    if guess and len(parts[-1]) <= 30 and len(parts[-1]) < len(" ".join(parts[:-1])) / 2:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—:·•»")
    return title


def _title(soup, ld: dict, site: str | None) -> str:
    h1 = ""
    for tag in soup.find_all("h1", limit=5):
        h1 = _squash(tag.get_text(" "))
        if h1:
            break
    html_title = _squash(soup.title.get_text(" ")) if soup.title else ""
    candidates = [
        (_ld_text(ld.get("headline")), False),
        (_meta(soup, "og:title", "twitter:title", "dc.title", "title"), True),
        (h1, False),
        (html_title, True),
    ]
    for cand, guess in candidates:
        if cand:
            return _cap(_strip_site(cand, site, guess), MAX_TITLE_CHARS)
    return ""


def _valid_url(url: str | None) -> str | None:
    """The page URL if it parses as http(s); a malformed one is ignored, not fatal."""
    try:
        parsed = urlparse(url or "")
        parsed.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def _canonical(soup, ld: dict, url: str | None) -> str | None:
    candidates: list[str] = []
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else [rel]
        if "canonical" in [r.lower() for r in rel]:
            candidates.append(link["href"])
    candidates.append(_meta(soup, "og:url", "twitter:url"))
    main = ld.get("mainEntityOfPage")
    candidates.append(_ld_text(main) if isinstance(main, (dict, list)) else str(main or ""))
    candidates.append(str(ld.get("url") or ""))
    for cand in candidates:
        cand = (cand or "").strip()
        if not cand:
            continue
        try:
            absolute = urljoin(url or "", cand)
        except ValueError:
            continue
        if _valid_url(absolute):
            return absolute
    return None


# ---------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
    "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_EN_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_RU_MONTH = r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_TIME = (r"(?:(?:[ T,]+|\s+[-–|]\s+)(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|AM|PM|a\.m\.|p\.m\.)?"
         r"(?:\s*(KST|JST|MSK|UTC|GMT|Z))?)?")
_ZONES = {"KST": 9, "JST": 9, "MSK": 3, "UTC": 0, "GMT": 0, "Z": 0}
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})\.?" + _TIME), "ymd"),
    (re.compile(r"\b((?:19|20)\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일" + _TIME), "ymd"),
    (re.compile(_EN_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})" + _TIME, re.I), "mdy"),
    (re.compile(r"\b(\d{1,2})\s+" + _EN_MONTH + r",?\s+((?:19|20)\d{2})" + _TIME, re.I), "dmy"),
    (re.compile(r"\b(\d{1,2})\s+" + _RU_MONTH + r"\s+((?:19|20)\d{2})(?:\s*г\.?)?" + _TIME, re.I), "dmy"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})" + _TIME), "dmy_num"),
]
_URL_DATE = [
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)"),
    re.compile(r"(?:/|\b|_)((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{2,})?(?:/|$|\.|-|_)"),
]


def _month(token: str) -> int | None:
    token = token.lower().rstrip(".")
    if token.isdigit():
        return int(token)
    return _MONTHS.get(token) or _MONTHS.get(token[:3])


def _sane(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)
    if dt.year < MIN_YEAR or dt > now + FUTURE_SLACK:
        return None
    return dt


def _build(year: int, month: int | None, day: int, groups: tuple) -> datetime | None:
    if not month:
        return None
    hour = minute = second = 0
    if groups and groups[0]:
        hour, minute = int(groups[0]), int(groups[1])
        second = int(groups[2]) if groups[2] else 0
        ampm = (groups[3] or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    zone = timezone.utc
    if len(groups) > 4 and groups[4]:
        zone = timezone(timedelta(hours=_ZONES[groups[4].upper()]))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def parse_date(value: str | None) -> datetime | None:
    """Parse a date string from metadata or text; timezone-aware (UTC when no zone), or None."""
    value = _squash(value)
    if not value:
        return None
    iso = value.replace("Z", "+00:00").replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2}", value) else ""
    if iso:
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        iso = re.sub(r"\.(\d{6})\d+", r".\1", iso)
        try:
            return _sane(datetime.fromisoformat(iso))
        except ValueError:
            pass
    if _RFC2822.match(value):
        try:
            return _sane(parsedate_to_datetime(value))
        except (TypeError, ValueError, IndexError):
            pass
    return _date_in_text(value)


_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|GMT|UTC?|[ECMP][SD]T|Z)?$"
)


def _date_in_text(text: str) -> datetime | None:
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groups()
            if order == "ymd":
                dt = _build(int(g[0]), _month(g[1]), int(g[2]), g[3:])
            elif order == "mdy":
                dt = _build(int(g[2]), _month(g[0]), int(g[1]), g[3:])
            elif order == "dmy":
                dt = _build(int(g[2]), _month(g[1]), int(g[0]), g[3:])
            else:
                dt = _build(int(g[2]), int(g[1]), int(g[0]), g[3:])
            dt = _sane(dt)
            if dt:
                return dt
    return None


def _url_date(url: str | None) -> datetime | None:
    if not url:
        return None
    path = urlparse(url).path
    for pattern in _URL_DATE:
        m = pattern.search(path)
        if m:
            dt = _sane(_build(int(m.group(1)), int(m.group(2)), int(m.group(3)), ()))
            if dt:
                return dt
    return None


_DATE_CLASS = re.compile(r"date|time|dateline|byline|published|posted|meta|info", re.I)


def _published(soup, ld: dict, url: str | None, body: str) -> datetime | None:
    for value in (ld.get("datePublished"), ld.get("dateCreated")):
        dt = parse_date(_ld_text(value))
        if dt:
            return dt
    meta = _meta(
        soup, "article:published_time", "og:published_time", "og:article:published_time",
        "datePublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
        "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
        "article.published", "published_time", "cXenseParse:recs:publishtime",
    )
    dt = parse_date(meta)
    if dt:
        return dt
    for tag in soup.find_all("time", limit=10):
        dt = parse_date(tag.get("datetime") or tag.get_text(" "))
        if dt:
            return dt
    dt = _url_date(url)
    if dt:
        return dt
    for tag in soup.find_all(class_=_DATE_CLASS, limit=30):
        text = _squash(tag.get_text(" "))
        if len(text) <= 200:
            dt = _date_in_text(text)
            if dt:
                return dt
    return _date_in_text(body[:400])


# ---------------------------------------------------------------- authors

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BY = re.compile(r"^(?:(?:written|reported|posted|story|text|words)\s+)?by[:\s]+|^(?:author|автор|авторы|текст|글|사진)\s*[:：]\s*", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:senior\s+|chief\s+|special\s+|staff\s+|contributing\s+|political\s+|diplomatic\s+|"
    r"foreign\s+|north\s+korea\s+|moscow\s+|seoul\s+)*"
    r"(?:staff\s+reporter|staff\s+writer|reporter|correspondent|columnist|contributor|editor|"
    r"writer|journalist|staff|newsroom|desk|bureau chief)s?\b",
    re.I,
)
_KO_ROLE = re.compile(r"\s*(?:선임기자|기자|특파원|논설위원|객원기자|인턴기자|편집위원)\s*$|^\(.*?=.*?\)\s*")
_RU_ROLE = re.compile(r"\b(?:корреспондент|обозреватель|редактор|журналист)[а-я]*\b", re.I)
_AGENCY = re.compile(r"\((?:yonhap|ap|afp|reuters|tass|ria novosti|interfax|news1|newsis|연합뉴스|뉴스1)\)", re.I)
_AGENCY_NAMES = {
    "ap", "afp", "reuters", "tass", "тасс", "yonhap", "연합뉴스", "ria novosti", "риа новости", "interfax",
    "интерфакс", "news1", "뉴스1", "newsis", "뉴시스", "xinhua", "kcna", "bloomberg", "associated press",
    "agence france-presse", "staff", "agencies", "wire services",
}
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bи\b|·|\n)\s*", re.I)
_BYLINE_TAIL = re.compile(r"\b(?:published|updated|posted|modified|опубликовано|обновлено)\b|입력|수정|송고", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_KO_PREFIX = re.compile(r"^[(\[][^)\]]*=[^)\]]*[)\]]\s*")
_NOT_NAME = re.compile(r"https?://|www\.|\d|@|[{}<>]")


def clean_authors(values: Iterable[str]) -> list[str]:
    """Bylines to plain names: no "By", roles, emails, agencies, duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = _URL.sub(" ", _EMAIL.sub(" ", value or ""))
        text = _squash(_KO_PREFIX.sub("", _AGENCY.sub(" ", _squash(text))))
        text = _BYLINE_TAIL.split(text)[0]
        for pattern, _order in _DATE_PATTERNS:
            text = pattern.sub(" ", text)
        text = re.sub(r"\s*=\s*$", "", text)
        for part in _SPLIT_AUTHORS.split(text):
            name = _BY.sub("", part.strip(" -–—:=,.()[]"))
            name = _ROLE_WORDS.sub(" ", name)
            name = _RU_ROLE.sub(" ", name)
            name = _KO_ROLE.sub("", name.strip())
            name = _squash(name).strip(" -–—:=,.()[]")
            if not name or len(name) > 60 or len(name) < 2 or _NOT_NAME.search(name):
                continue
            if len(name.split()) > 5 or name.casefold() in _AGENCY_NAMES:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


_AUTHOR_CLASS = re.compile(r"byline|author|writer|reporter|journalist", re.I)


def _authors(soup, ld: dict) -> list[str]:
    raw: list[str] = []
    ld_author = ld.get("author") or ld.get("creator")
    if ld_author:
        items = ld_author if isinstance(ld_author, list) else [ld_author]
        raw.extend(_ld_text(a) for a in items)
    if not raw:
        for tag in soup.find_all("meta"):
            key = (tag.get("name") or tag.get("property") or "").lower()
            if key in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl"):
                content = tag.get("content") or ""
                if content and not content.startswith("http"):
                    raw.append(content)
    if not raw:
        for tag in soup.find_all(attrs={"rel": "author"}, limit=5):
            raw.append(tag.get_text(" "))
    if raw:
        return clean_authors(raw)
    # Visible bylines: the shortest matching element is the most specific one.
    texts = {_squash(tag.get_text(" ")) for tag in soup.find_all(class_=_AUTHOR_CLASS, limit=20)}
    for text in sorted((t for t in texts if 0 < len(t) <= 160), key=len):
        names = clean_authors([text])
        if names:
            return names
    return []


# ---------------------------------------------------------------- body

_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:read|see)\s+(?:more|also)\b|related(?:\s+(?:articles?|stories|news|coverage))?\s*[:：]|also\s+read\b|"
    r"more\s+(?:on|from)\s+this\b|recommended\s*[:：]|"
    r"читайте\s+также|смотрите\s+также|подробнее\s*[:：]|по\s+теме\s*[:：]|"
    r"관련\s*기사|함께\s*보면|"
    r"(?:copyright|©|\(c\))\s|all\s+rights\s+reserved|"
    r"저작권자|무단\s*전재|ⓒ|"
    r"все\s+права\s+защищены|при\s+(?:использовании|цитировании)|"
    r"(?:follow|like)\s+us\s+on\b|subscribe\s+(?:to|now|for)\b|sign\s+up\s+for\b|share\s+this\b|"
    r"click\s+here\b|advertisement$|реклама$|광고$|"
    r"(?:this\s+)?(?:photo|image|file\s+photo|picture)\s+(?:shows|provided|released|taken)\b|"
    r"(?:photo|image|фото)\s*[:：]|"
    r"tags?\s*[:：]|теги\s*[:：]|"
    r"[(\[]?(?:end|끝|конец)[)\]]?$|"
    r"the\s+views\s+expressed\b|(?:you\s+need\s+to\s+|please\s+)?enable\s+javascript\b|"
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$"
    r")",
    re.I,
)
# Short lines that are a caption credit, a bare date, or a contact address rather than text.
_CREDIT_TAIL = re.compile(
    r"[(\[](?:[^()\[\]]{0,40}\b(?:photo|file|image|yonhap|ap|afp|reuters|getty|epa|tass|ria|xinhua|kcna|pool|db)\b"
    r"[^()\[\]]{0,40}|[^()\[\]]*(?:사진|фото)[^()\[\]]*)[)\]]\s*$",
    re.I,
)
_EMAIL_LINE_MAX = 100
# A rights notice anywhere in a short line ("™ & © 2013 Some Network, Inc. All rights reserved.",
# "<저작권자(c) 통신사, 무단 전재-재배포 금지>"); "저작권자" alone is just "copyright holder".
_RIGHTS = re.compile(
    r"©|ⓒ|\ball\s+rights\s+reserved\b|все\s+права\s+защищены|무단\s*전재|저작권자\s*(?:\(c\)|ⓒ|©)", re.I
)
_RIGHTS_LINE_MAX = 200


def _noise_line(line: str) -> bool:
    if _BOILERPLATE_LINE.match(line.lstrip("-•*▶■◆▲ ")):
        return True
    if len(line) <= _RIGHTS_LINE_MAX and _RIGHTS.search(line):
        return True
    if len(line) < 200 and _CREDIT_TAIL.search(line):
        return True
    if len(line) <= _EMAIL_LINE_MAX and _EMAIL.search(line):
        return True
    if len(line) <= 60 and _date_in_text(line) and len(_WORDS.findall(line)) <= 8:
        return True
    return False


_WORDS = re.compile(r"\w+")
# Containers that are never article text, by tag or by class/id words.
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
              "svg", "button", "select", "figcaption", "header", "menu", "dialog", "object", "embed")
_DROP_ATTR = re.compile(
    r"(?:^|[\s_-])(?:comments?|related|share|sharing|social|cookie|consent|newsletter|subscribe|promo|"
    r"advert\w*|ads?|banner|sidebar|footer|nav\w*|menu|breadcrumbs?|popular|most-?read|recommend\w*|"
    r"tags?|caption|byline|author|dateline|meta|toolbar|widget|pull-?quote|paywall|modal|popup|"
    r"read-?more|more-?stories|outbrain|taboola|copyright|sr-only|visually-?hidden|screen-?reader(?:-text)?|"
    r"hide-text)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")


# A line this short inside a longer one is a coincidence (a subheading such as "Apology"),
# not a pull quote or a repeated caption.
_CONTAINED_MIN = 20


def _dedupe_lines(lines: list[str], title: str) -> list[str]:
    """Drop boilerplate lines, the title repeated, and short lines contained in a longer one
    (pull quotes, repeated captions)."""
    kept: list[str] = []
    seen: set[str] = set()
    title_key = title.casefold()
    for line in lines:
        line = _squash(line)
        if not line or _noise_line(line):
            continue
        key = line.casefold()
        if key in seen or key == title_key:
            continue
        seen.add(key)
        kept.append(line)
    out: list[str] = []
    for i, line in enumerate(kept):
        key = line.casefold().strip("\"'“”«»„ ")
        if _CONTAINED_MIN <= len(key) < 200 and any(
            j != i and len(other) > len(line) and key in other.casefold() for j, other in enumerate(kept)
        ):
            continue
        out.append(line)
    return out


# Elements that sit inside article containers but are not article text.
_PRUNE_XPATH = [
    "//figcaption",
    "//*[contains(concat(' ', normalize-space(@class), ' '), 'caption') or contains(@class, '-caption')"
    " or contains(@class, 'caption_') or contains(@class, 'img_caption') or contains(@class, 'photo-credit')]",
    "//*[contains(@class, 'pullquote') or contains(@class, 'pull-quote')]",
    "//*[contains(@class, 'related-article') or contains(@class, 'newsletter') or contains(@class, 'ad-slot')]",
    # Text only screen readers get ("Share this story", "Advertisement") is never article text.
    "//*[contains(@class, 'sr-only') or contains(@class, 'visually-hidden') or contains(@class, 'visuallyhidden')"
    " or contains(@class, 'screen-reader') or contains(@class, 'hide-text')]",
]


def _traf(html: str, url: str | None, **options: Any) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_images=False, deduplicate=False,
            with_metadata=False, prune_xpath=_PRUNE_XPATH, **options,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return ""
    return text or ""


def _layout_table(text: str) -> bool:
    """Trafilatura renders tables as "| a | b |" rows; a page laid out with a table gives
    rows hundreds of characters long that swallow navigation and article alike."""
    rows = [line for line in text.split("\n") if line.startswith("|")]
    return any(len(row) > 300 for row in rows) and sum(map(len, rows)) > 0.3 * max(1, len(text))


def _trafilatura_text(html: str, url: str | None) -> str:
    """Precision mode first; if that finds little or only a layout table, balanced mode without tables."""
    text = _traf(html, url, favor_precision=True, include_tables=True)
    if len(text) < MIN_BODY_CHARS or _layout_table(text):
        other = _traf(html, url, include_tables=False)
        if len(other) > len(text) or _layout_table(text):
            text = other
    return text


def _bs4_blocks(soup) -> list[str]:
    """Paragraph-density extraction: the container holding most paragraph text wins.

    The tree is never modified (decompose on a deep tree is quadratic in bs4); clutter is
    a set of dropped node ids, filled in one pass in document order."""
    dropped: set[int] = set()
    for tag in soup.find_all(True):
        parent = tag.parent
        if parent is not None and id(parent) in dropped:
            dropped.add(id(tag))
            continue
        if tag.name in _DROP_TAGS:
            dropped.add(id(tag))
            continue
        if tag.name in ("html", "body", "article", "main"):
            continue
        attrs = tag.attrs
        words = " ".join(
            [str(attrs.get("id") or "")]
            + [str(c) for c in (attrs.get("class") or [])]
            + [str(attrs.get("role") or "")]
        )
        if words.strip() and _DROP_ATTR.search(words):
            dropped.add(id(tag))
    score: Counter[int] = Counter()
    nodes: dict[int, Any] = {}
    for p in soup.find_all("p"):
        if id(p) in dropped:
            continue
        text = _squash(p.get_text(" "))
        if len(text) < 25:
            continue
        weight = len(text) - 2 * sum(len(_squash(a.get_text(" "))) for a in p.find_all("a"))
        parent = p.parent
        if parent is None:
            continue
        score[id(parent)] += max(weight, 0)
        nodes[id(parent)] = parent
        if parent.parent is not None:
            score[id(parent.parent)] += max(weight, 0) // 2
            nodes[id(parent.parent)] = parent.parent
    if not score:
        body = soup.body or soup
        lines = [s.strip() for s in body.find_all(string=True)
                 if s.parent is not None and id(s.parent) not in dropped]
        return [line for line in lines if len(line) >= 25]
    best = nodes[score.most_common(1)[0][0]]
    raw: list[tuple[str, str, bool]] = []  # (text, tag name, mostly links)
    for tag in best.find_all(_BLOCK_TAGS):
        if id(tag) in dropped or _nested_block(tag, best):
            continue
        text = _squash(tag.get_text(" "))
        if not text:
            continue
        linked = sum(len(_squash(a.get_text(" "))) for a in tag.find_all("a"))
        raw.append((("- " + text) if tag.name == "li" else text, tag.name, linked >= 0.5 * len(text)))
    blocks = []
    for i, (text, name, links) in enumerate(raw):
        if links:
            continue
        # A heading over a list of links ("Related coverage") goes with its links.
        if name in ("h2", "h3", "h4") and (i + 1 == len(raw) or raw[i + 1][2]):
            continue
        blocks.append(text)
    return blocks


def _nested_block(tag, stop) -> bool:
    """True when a block sits inside another block below ``stop`` (its text is counted there)."""
    for parent in tag.parents:
        if parent is stop:
            return False
        if parent.name in _BLOCK_TAGS:
            return True
    return False


def _regex_blocks(html: str) -> list[str]:
    """Last resort for markup no parser copes with: strip tags, keep long lines."""
    text = _SCRIPTISH.sub(" ", html)
    text = re.sub(r"(?i)</?(p|div|br|h\d|li|article|section|blockquote)\b[^>]*>", "\n", text)
    text = _TAG.sub(" ", text)
    import html as html_mod

    text = html_mod.unescape(text)
    return [line for line in (_squash(l) for l in text.split("\n")) if len(line) >= 40]


def _link_share(body: str, soup) -> float:
    """Share of the body's paragraphs that are mostly link text (index pages are lists of headlines)."""
    anchors = {_squash(a.get_text(" ")).casefold() for a in soup.find_all("a", limit=5000)}
    anchors = {a for a in anchors if len(a) >= 15}
    paras = [p.casefold() for p in body.split("\n\n") if p]
    if not paras:
        return 0.0
    linked = 0
    for para in paras:
        covered = max((len(a) for a in anchors if a in para), default=0)
        if covered >= 0.5 * len(para):
            linked += len(para)
    return linked / max(1, sum(len(p) for p in paras))


def _key(line: str) -> str:
    return _squash(line.lstrip("-•* ")).casefold()


_LINK_ITEM_MAX = 200  # longer list items are text, not headlines
_LINK_ITEM_SHARE = 0.4  # "The Struggle to Save Lives <a>Inside Gaza's Hospitals</a>" is half link
_LINK_LIST_SHARE = 0.75  # of its items; one promo line ("Sign up for our picks") may be plain text
_HEADING_MAX = 80


def _link_lists(soup) -> set[str]:
    """Keys of the items of "more stories" lists, and of the heading right above each.

    Trafilatura keeps a list of headlines after the article ("More must-reads: - ...") because
    it reads as a list; in the markup every item is short and most items are mostly link
    text, which a list inside the article text is not. Only lists of two or more items count."""
    keys: set[str] = set()
    for lst in soup.find_all(("ul", "ol"), limit=3000):
        items = lst.find_all("li", recursive=False)
        if len(items) < 2:
            continue
        texts, linked_items = [], 0
        for li in items:
            text = _squash(li.get_text(" "))
            if len(text) > _LINK_ITEM_MAX:
                break
            linked = sum(len(_squash(a.get_text(" "))) for a in li.find_all("a"))
            linked_items += bool(text) and linked >= _LINK_ITEM_SHARE * len(text)
            texts.append(text)
        else:
            if linked_items < _LINK_LIST_SHARE * len(items):
                continue
            keys.update(_key(t) for t in texts if t)
            heading = lst.find_previous_sibling(True)
            if heading is not None and heading.name in ("h2", "h3", "h4", "h5", "h6"):
                text = _squash(heading.get_text(" "))
                if text and len(text) <= _HEADING_MAX:
                    keys.add(_key(text))
    return keys


def _fill_gaps(traf_lines: list[str], bs_lines: list[str]) -> list[str]:
    """Trafilatura sometimes drops a subheading or list inside the article. When the density
    pass saw the same article (it holds nearly all of trafilatura's lines, in order), take the
    density pass's blocks between trafilatura's first and last line."""
    if not traf_lines or not bs_lines:
        return traf_lines
    position = {_key(line): i for i, line in enumerate(bs_lines)}
    found = [position.get(_key(line)) for line in traf_lines]
    covered = sum(len(line) for line, idx in zip(traf_lines, found) if idx is not None)
    hits = [idx for idx in found if idx is not None]
    if covered < 0.9 * sum(map(len, traf_lines)) or hits != sorted(hits):
        return traf_lines
    have = {_key(line) for line in traf_lines}
    out: list[str] = []
    prev = None
    for line, idx in zip(traf_lines, found):
        if idx is not None and prev is not None:
            out.extend(b for b in bs_lines[prev + 1:idx] if _key(b) not in have)
        out.append(line)
        prev = idx if idx is not None else prev
    return out


def _choose_body(traf: str, blocks: list[str], ld_body: str, title: str,
                 link_keys: frozenset[str] | set[str] = frozenset()) -> str:
    traf_lines = [line for line in _dedupe_lines(traf.split("\n"), title) if _key(line) not in link_keys]
    bs_lines = [line for line in _dedupe_lines(blocks, title) if _key(line) not in link_keys]
    traf_text = "\n\n".join(_fill_gaps(traf_lines, bs_lines))
    bs_text = "\n\n".join(bs_lines)
    ld_text = "\n\n".join(_dedupe_lines(re.split(r"\n+", ld_body), title)) if ld_body else ""
    best = traf_text
    # Trafilatura in precision mode can drop a real article's lead or tail; the density pass
    # is noisier, so it wins only when trafilatura clearly found too little.
    if len(best) < MIN_BODY_CHARS or len(bs_text) > 2 * len(best):
        if len(bs_text) > len(best):
            best = bs_text
    if len(best) < MIN_BODY_CHARS and len(ld_text) > len(best):
        best = ld_text
    return best


# ---------------------------------------------------------------- language

def _language(text: str, soup) -> str | None:
    sample = text[:5000]
    if len(sample.strip()) >= 20:
        try:
            import py3langid

            lang, _score = py3langid.classify(sample)
            if lang:
                return lang
        except Exception:  # noqa: BLE001 - the html lang attribute is the fallback
            pass
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if html_tag is not None else None
    if isinstance(lang, str) and re.match(r"^[a-zA-Z]{2}\b", lang.strip()):
        return lang.strip()[:2].lower()
    return None


# ---------------------------------------------------------------- entry point

def _summary(soup, ld: dict, body: str) -> str:
    text = _meta(soup, "og:description", "description", "twitter:description", "dc.description")
    if not text:
        text = _ld_text(ld.get("description"))
    if not text and body:
        text = body.split("\n\n", 1)[0]
    return _cap(text, MAX_SUMMARY_CHARS)


def extract(raw: bytes, url: str | None = None, content_type: str | None = None) -> Cleaned:
    """Clean article fields from a fetched page, or :class:`Rejected` with a reason.

    Only :class:`Rejected` escapes: a parser failure on hostile markup becomes ``parse_error``."""
    try:
        return _extract(raw, url, content_type)
    except Rejected:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, LookupError, UnicodeError) as exc:
        raise Rejected("parse_error", f"{type(exc).__name__}: {str(exc)[:200]}") from None


def _extract(raw: bytes, url: str | None, content_type: str | None) -> Cleaned:
    url = _valid_url(url)
    if raw is None:
        raise Rejected("empty")
    raw = bytes(raw[:MAX_INPUT_BYTES])
    _check_input(raw, content_type)
    html = decode_html(raw, content_type)
    if not _squash(_TAG.sub(" ", html)):
        raise Rejected("empty", "no text")
    try:
        soup = _soup(html)
        ld = _json_ld(soup)
        site = _site_name(soup, ld)
        title = _title(soup, ld, site)
        canonical = _canonical(soup, ld, url)
        authors = _authors(soup, ld)
        summary_soup = soup
    except RecursionError:
        soup, ld, site, title, canonical, authors, summary_soup = None, {}, None, "", None, [], None
    teaser = ""
    if _paywalled(ld):
        # The page says it is behind a paywall. If the article part alone is a
        # teaser, the teaser is the body: what surrounds it (offers, menus) is
        # not the article, however long it is.
        teaser = "\n\n".join(_dedupe_lines(_traf(html, url, favor_precision=True, include_tables=True).split("\n"), title))
        teaser = teaser if 80 <= len(teaser) < MIN_BODY_CHARS else ""
    if teaser:
        body = teaser
    else:
        traf = _trafilatura_text(html, url)
        try:
            blocks = _bs4_blocks(_soup(html)) if soup is not None else _regex_blocks(html)
        except RecursionError:
            blocks = _regex_blocks(html)
        ld_body = ld.get("articleBody") if isinstance(ld.get("articleBody"), str) else ""
        try:
            link_keys = _link_lists(soup) if soup is not None else set()
        except RecursionError:
            link_keys = set()
        body = _choose_body(traf, blocks, ld_body, title, link_keys)
        if len(body) < 80:  # not even a sentence or two: an app shell, a bare template
            raise Rejected("no_article_text", f"{len(body)} chars")
        if len(body) < MIN_BODY_CHARS:
            raise Rejected("too_short", f"{len(body)} chars")
    if soup is not None and _link_share(body, soup) > 0.6:
        raise Rejected("index_page", "body is mostly links")
    if not title:
        title = _cap(body.split("\n\n", 1)[0], 200)
    try:
        published = _published(soup, ld, url, body) if soup is not None else _url_date(url)
        summary = _summary(summary_soup, ld, body) if summary_soup is not None else _cap(body.split("\n\n")[0], MAX_SUMMARY_CHARS)
        language = _language(f"{title}\n{body}", soup) if soup is not None else None
    except RecursionError:
        published, summary, language = _url_date(url), body.split("\n\n")[0], None
    return Cleaned(
        title=title,
        body=body,
        summary=summary,
        published_at=published,
        authors=authors,
        language=language,
        site_name=site,
        canonical_url=canonical,
        paywalled=bool(teaser),
    )


__all__ = ["Cleaned", "Rejected", "extract", "decode_html", "parse_date", "clean_authors",
           "MAX_INPUT_BYTES", "MIN_BODY_CHARS"]
