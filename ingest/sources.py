"""Feeds and search APIs -> candidate article URLs. ``sources.yaml`` is the data.

Everything here works on bytes already fetched (the fetcher owns HTTP), so it
is pure and testable. Feeds are untrusted input: before feedparser sees them,
DTDs with entity declarations (billion laughs, external entities) are
rejected, harmless DOCTYPEs are stripped, and HTML served as a feed is refused
with a clear reason. A truncated feed keeps the entries that parsed and
records why in :attr:`FeedEntries.notes`.
"""

from __future__ import annotations

import calendar
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote, urlencode, urljoin, urlsplit

import yaml

from .config import settings

KINDS = ("rss", "atom", "gdelt")
MAX_TITLE = 500
MAX_SUMMARY = 2000
MAX_URL = 2048
MIN_YEAR = 1990  # older "publication dates" in news feeds are placeholders or garbage
FUTURE_SLACK = timedelta(days=2)

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_FIELDS = {"name", "kind", "url", "language", "enabled", "query", "supports_interval", "note"}


class SourcesError(ValueError):
    """The sources file is unusable (one-line message)."""


class FeedError(Exception):
    """Nothing usable in a feed or API answer (one-line reason)."""

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(str(reason).split())[:300])
        self.reason = str(self)


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # rss | atom | gdelt
    url: str
    language: str | None = None  # ISO 639-1 of the edition; "mul" for multilingual searches
    enabled: bool = True
    query: str | None = None  # gdelt only
    supports_interval: bool = False  # can backfill a start/end window (gdelt)
    note: str | None = None


@dataclass
class Candidate:
    """An article URL found by discovery, with what the feed says about it."""

    url: str
    title: str
    summary: str
    published_at: datetime | None  # tz-aware UTC, or None when missing or absurd
    source: str
    language: str | None


class FeedEntries(list):  # list[Candidate] with notes on what was skipped or repaired
    def __init__(self, items: Iterable[Candidate] = (), notes: list[str] | None = None) -> None:
        super().__init__(items)
        self.notes: list[str] = notes or []


# --------------------------------------------------------------------------- sources file


def _validate(entry: Any, index: int, path: Path) -> Source:
    label = f"{path.name}: source #{index + 1}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{label}: expected a mapping, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise SourcesError(f"{label}: name must be lowercase letters, digits, '-' or '_', got {name!r}")
    label = f"{path.name}: source {name!r}"
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise SourcesError(f"{label}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_FIELDS))})")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"{label}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    url = entry.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourcesError(f"{label}: url must be an absolute http(s) URL, got {url!r}")
    language = entry.get("language")
    if language is not None and (not isinstance(language, str) or not _LANG.match(language)):
        raise SourcesError(f"{label}: language must be an ISO 639 code like 'en', got {language!r}")
    for flag in ("enabled", "supports_interval"):
        if flag in entry and not isinstance(entry[flag], bool):
            raise SourcesError(f"{label}: {flag} must be true or false, got {entry[flag]!r}")
    query = entry.get("query")
    if kind == "gdelt" and (not isinstance(query, str) or not query.strip()):
        raise SourcesError(f"{label}: a gdelt source needs a non-empty query")
    if kind != "gdelt" and (query is not None or entry.get("supports_interval")):
        raise SourcesError(f"{label}: query and supports_interval apply to gdelt sources only")
    return Source(
        name=name,
        kind=kind,
        url=url,
        language=language,
        enabled=entry.get("enabled", True),
        query=query.strip() if isinstance(query, str) else None,
        supports_interval=entry.get("supports_interval", False),
        note=str(entry["note"]) if entry.get("note") is not None else None,
    )


def load_sources(path: Path | None = None, names: list[str] | None = None, only_enabled: bool = True) -> list[Source]:
    """The sources in ``path`` (default ``settings().sources_file``), validated.

    ``names`` picks sources by name (an unknown name is an error, so is a disabled one
    while ``only_enabled`` holds).
    """
    path = Path(path or settings().sources_file)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourcesError(f"{path}: cannot read sources: {' '.join(str(exc).split())[:200]}") from None
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: expected a non-empty 'sources' list")
    sources = [_validate(entry, i, path) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise SourcesError(f"{path.name}: duplicate source name {s.name!r}")
        seen.add(s.name)
    if names:
        by_name = {s.name: s for s in sources}
        missing = [n for n in names if n not in by_name]
        if missing:
            raise SourcesError(f"unknown source(s): {', '.join(missing)} (known: {', '.join(sorted(by_name))})")
        sources = [by_name[n] for n in dict.fromkeys(names)]
        disabled = [s.name for s in sources if not s.enabled]
        if only_enabled and disabled:
            raise SourcesError(f"source(s) disabled in {path.name}: {', '.join(disabled)}")
        return sources
    return [s for s in sources if s.enabled or not only_enabled]


def list_sources_rows(path: Path | None = None, names: list[str] | None = None, only_enabled: bool = False) -> list[dict]:
    """Rows for ``ingest sources``: name, kind, url, language, enabled."""
    return [
        {"name": s.name, "kind": s.kind, "url": s.url, "language": s.language, "enabled": s.enabled}
        for s in load_sources(path, names, only_enabled)
    ]


# --------------------------------------------------------------------------- shared helpers


def _clean_text(value: Any, limit: int) -> str:
    """Plain text from a feed field that may hold HTML, whitespace collapsed, capped."""
    text = str(value or "")
    if "<" in text and ">" in text:
        from bs4 import BeautifulSoup  # only when there is markup

        text = BeautifulSoup(text, "html.parser").get_text(" ")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _http_url(link: Any, base_url: str) -> str | None:
    """Absolute http(s) URL resolved against the feed's address, or None."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        url = urljoin(base_url or "", link.strip())
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > MAX_URL:
        return None
    return url


def _sane_date(value: datetime | None) -> datetime | None:
    from .extract.dates import plausible  # the one rule for pages and feeds

    return plausible(value)


def _entry_date(entry: Any) -> datetime | None:
    """The entry's published (else updated) date, when it is a plausible one."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed") if f"{key}_parsed" in entry else None  # `in`: no feedparser fallback warning
        if parsed:
            # A negative year ("-0001-01-01") is no date; feedparser reads it as a
            # truncated ISO date in the year 2000, which would look plausible.
            if str(entry.get(key) or "").strip().startswith("-"):
                return None
            return _sane_date(_struct_time(parsed))
    return None


def _language(value: Any) -> str | None:
    """Primary subtag of a language tag ("en-US" -> "en"), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if _LANG.match(code) else None


def _edition_language(source: Source) -> str | None:
    return source.language if source.language and source.language != "mul" else None


# --------------------------------------------------------------------------- feeds (RSS/Atom)

_DOCTYPE = re.compile(rb"<!DOCTYPE\b[^\[>]*(\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
_EXTERNAL = re.compile(rb"<!ENTITY\b[^>]*\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_ROOT = re.compile(r"<\s*([A-Za-z_][\w:.-]*)")
_PROLOG = re.compile(r"^(\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE)
FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf", "channel"}


def _to_utf8(raw: bytes) -> bytes:
    """UTF-16/32 feeds re-encoded as UTF-8, so the byte-level safety checks see the markup."""
    boms = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    codec = next((c for bom, c in boms if raw.startswith(bom)), None)
    if codec is None and raw[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-le" if raw[:2] == b"<\x00" else "utf-16-be"
    if codec is None:
        return raw
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        raise FeedError(f"undecodable {codec} feed") from None
    text = re.sub(r"^(\ufeff)?(<\?xml[^>]*?)encoding=[\"'][^\"']*[\"']", r"\2encoding=\"utf-8\"", text)
    return text.lstrip("\ufeff").encode("utf-8")


def _neutralise(raw: bytes) -> tuple[bytes, list[str]]:
    """Refuse entity declarations; strip any other DOCTYPE. Never expands anything."""
    notes = []
    if _ENTITY.search(raw):
        if _EXTERNAL.search(raw):
            raise FeedError("unsafe feed: declares external entities (XXE); refused")
        raise FeedError("unsafe feed: declares XML entities (entity expansion risk); refused")
    if _DOCTYPE.search(raw):
        raw = _DOCTYPE.sub(b"", raw, count=1)
        notes.append("doctype_stripped")
    return raw, notes


def _defused_check(raw: bytes) -> str | None:
    """Second line of defence with defusedxml; returns a parse problem (feedparser copes) or None."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(f"unsafe feed: {type(exc).__name__}; refused") from None
    except ParseError as exc:
        return f"malformed XML: {exc}"
    return None


def _sniff_root(raw: bytes, content_type: str | None) -> None:
    """Refuse what is not a feed (HTML pages, JSON, plain text) with a clear reason."""
    head = raw[:8192].decode("utf-8", errors="ignore").lstrip("\ufeff")
    if re.match(r"\s*<!DOCTYPE\s+html", head, re.IGNORECASE):
        raise FeedError(f"not a feed: got an HTML page{f' ({content_type})' if content_type else ''}")
    while True:
        m = _PROLOG.match(head)
        if not m or not m.group(0):
            break
        head = head[m.end():]
    m = _ROOT.match(head)
    if not m:
        shown = " ".join(head[:60].split())
        raise FeedError(f"not a feed: no XML root element (starts with {shown!r})")
    root = m.group(1).lower()
    if root == "html":
        raise FeedError(f"not a feed: got an HTML page{f' ({content_type})' if content_type else ''}")
    if root not in FEED_ROOTS:
        raise FeedError(f"not a feed: root element <{m.group(1)}>")


def _struct_time(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _entry_link(entry: Any) -> Any:
    if entry.get("link"):
        return entry.get("link")
    for link in entry.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link["href"]
    guid = entry.get("id")
    return guid if isinstance(guid, str) and guid.startswith(("http://", "https://")) else None


def parse_feed(raw: bytes, base_url: str, source: Source, content_type: str | None = None) -> FeedEntries:
    """Candidates from an RSS/Atom document; FeedError when nothing usable is in it."""
    import feedparser

    if not raw or not raw.strip():
        raise FeedError("empty feed")
    raw = _to_utf8(raw)
    raw, notes = _neutralise(raw)  # first: nothing below may ever see an entity declaration
    _sniff_root(raw, content_type)
    problem = _defused_check(raw)
    parsed = feedparser.parse(
        io.BytesIO(raw),
        response_headers={"content-location": base_url or "", "content-type": content_type or "application/xml"},
        resolve_relative_uris=False,  # links resolved below; content is not used
        sanitize_html=False,  # summaries are reduced to plain text below
    )
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        reason = problem or f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
        if not entries:
            raise FeedError(f"unparseable feed: {reason}")
        notes.append(f"malformed_feed_kept_{len(entries)}_entries: {' '.join(reason.split())[:200]}")
    if not entries:
        if not parsed.get("version") and not parsed.get("feed"):
            raise FeedError("not a feed: no channel or entries found")
        return FeedEntries([], notes)
    feed_lang = _language((parsed.get("feed") or {}).get("language"))
    out: dict[str, Candidate] = {}
    skipped = 0
    for entry in entries:
        url = _http_url(_entry_link(entry), base_url)
        if not url:
            skipped += 1
            continue
        if url in out:
            continue
        published = _entry_date(entry)
        out[url] = Candidate(
            url=url,
            title=_clean_text(entry.get("title"), MAX_TITLE),
            summary=_clean_text(entry.get("summary"), MAX_SUMMARY),
            published_at=published,
            source=source.name,
            language=_language(entry.get("language")) or feed_lang or _edition_language(source),
        )
    if skipped:
        notes.append(f"skipped_{skipped}_entries_without_http_link")
    if not out:
        raise FeedError(f"no usable entries: none of {len(entries)} has an http(s) link")
    return FeedEntries(out.values(), notes)


# --------------------------------------------------------------------------- GDELT DOC 2.0

GDELT_LANGUAGES = {
    "english": "en", "korean": "ko", "russian": "ru", "ukrainian": "uk", "chinese": "zh",
    "japanese": "ja", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
    "portuguese": "pt", "arabic": "ar", "turkish": "tr", "polish": "pl", "vietnamese": "vi",
    "mongolian": "mn", "kazakh": "kk", "belarusian": "be", "hindi": "hi", "indonesian": "id",
}


def _gdelt_time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def gdelt_url(source: Source, start: datetime | None = None, end: datetime | None = None) -> str:
    """The DOC 2.0 artlist request: an explicit window for backfills, else the last lookback_hours.

    Naive datetimes are taken as UTC.
    """
    if source.kind != "gdelt" or not source.query:
        raise SourcesError(f"source {source.name!r} is not a gdelt source with a query")
    cfg = settings()
    params = {"query": source.query, "mode": "artlist", "format": "json", "maxrecords": "250", "sort": "datedesc"}
    if start or end:
        if not source.supports_interval:
            raise SourcesError(f"source {source.name!r} does not support a start/end interval")
        end = end or datetime.now(timezone.utc)
        start = start or end - timedelta(hours=cfg.lookback_hours)
        if _gdelt_time(start) >= _gdelt_time(end):
            raise SourcesError(f"interval start {start.isoformat()} is not before end {end.isoformat()}")
        params["startdatetime"] = _gdelt_time(start)
        params["enddatetime"] = _gdelt_time(end)
    else:
        params["timespan"] = f"{max(1, int(cfg.lookback_hours))}h"
    base = source.url.split("?", 1)[0]
    return f"{base}?{urlencode(params, quote_via=quote)}"


def parse_gdelt(raw: bytes, source: Source) -> FeedEntries:
    """Candidates from a GDELT artlist JSON answer; its plain-text errors become FeedError."""
    text = (raw or b"").decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    if not text:
        return FeedEntries([], ["empty_answer"])
    if not text.startswith("{"):
        raise FeedError(f"gdelt error: {text.splitlines()[0][:200]}")
    try:
        data = json.loads(text, strict=False)  # GDELT titles sometimes carry raw control characters
    except json.JSONDecodeError as exc:
        raise FeedError(f"gdelt: invalid JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(data, dict):
        raise FeedError("gdelt: expected a JSON object")
    articles = data.get("articles") or []
    if not isinstance(articles, list):
        raise FeedError("gdelt: 'articles' is not a list")
    out: dict[str, Candidate] = {}
    skipped = 0
    for item in articles:
        url = _http_url(item.get("url"), "") if isinstance(item, dict) else None
        if not url:
            skipped += 1
            continue
        if url in out:
            continue
        seen = None
        try:
            seen = datetime.strptime(str(item.get("seendate") or ""), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            pass
        lang = str(item.get("language") or "").strip().lower()
        out[url] = Candidate(
            url=url,
            title=_clean_text(item.get("title"), MAX_TITLE),
            summary="",
            published_at=_sane_date(seen),  # GDELT's first-seen time, the best it offers
            source=source.name,
            language=GDELT_LANGUAGES.get(lang) or _language(lang if len(lang) <= 3 else None) or _edition_language(source),
        )
    notes = [f"skipped_{skipped}_articles_without_http_url"] if skipped else []
    if articles and not out:
        raise FeedError(f"gdelt: none of {len(articles)} articles has an http(s) url")
    return FeedEntries(out.values(), notes)


# --------------------------------------------------------------------------- dispatch and rows


def discover_from_bytes(raw: bytes, base_url: str, source: Source, content_type: str | None = None) -> FeedEntries:
    """Candidates from a fetched answer, parsed according to the source's kind."""
    if source.kind == "gdelt":
        return parse_gdelt(raw, source)
    return parse_feed(raw, base_url, source, content_type)


def candidate_row(c: Candidate) -> dict:
    """JSON-safe dict of a candidate (published_at as ISO 8601)."""
    row = asdict(c)
    row["published_at"] = c.published_at.isoformat() if c.published_at else None
    return row


def feed_file_rows(
    path_or_bytes: Path | str | bytes,
    source: Source | None = None,
    base_url: str = "",
    content_type: str | None = None,
) -> list[dict]:
    """Rows for ``ingest feed FILE``: one dict per entry (url, title, summary, published_at, source, language).

    Relative links resolve against ``base_url``; without one they cannot become
    http(s) URLs and are skipped. A JSON file is read as a GDELT answer.
    """
    if isinstance(path_or_bytes, bytes):
        raw = path_or_bytes
    else:
        try:
            raw = Path(path_or_bytes).read_bytes()
        except OSError as exc:
            raise FeedError(f"cannot read {path_or_bytes}: {exc.strerror or exc}") from None
    if source is None:
        kind = "gdelt" if raw.lstrip()[:1] in (b"{", b"[") else "rss"
        source = Source(name="file", kind=kind, url=base_url or "http://localhost/", query="file" if kind == "gdelt" else None)
    return [candidate_row(c) for c in discover_from_bytes(raw, base_url, source, content_type)]


__all__ = [
    "KINDS", "Source", "Candidate", "FeedEntries", "FeedError", "SourcesError", "load_sources",
    "list_sources_rows", "parse_feed", "gdelt_url", "parse_gdelt", "discover_from_bytes",
    "candidate_row", "feed_file_rows", "GDELT_LANGUAGES",
]
