"""RSS and Atom feeds, read safely.

Feeds are untrusted input: before feedparser sees them, DTDs with entity
declarations (billion laughs, external entities) are rejected, harmless
DOCTYPEs are stripped, and HTML served as a feed is refused with a clear
reason. A truncated feed keeps the entries that parsed and records why in
:attr:`FeedEntries.notes`.
"""

from __future__ import annotations

import calendar
import io
import re
from datetime import datetime, timezone
from typing import Any

from ingest.discover.entries import (
    MAX_SUMMARY, MAX_TITLE, FeedEntries, FeedEntry, clean_text, edition_language, entry_url, language_code,
)
from ingest.discover.sources import Source
from ingest.extract.dates import parse_dated, plausible
from ingest.extract.outlets import timezone_of
from ingest.errors import SourceError


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
        raise SourceError(f"undecodable {codec} feed") from None
    text = re.sub(r"^(\ufeff)?(<\?xml[^>]*?)encoding=[\"'][^\"']*[\"']", r"\2encoding=\"utf-8\"", text)
    return text.lstrip("\ufeff").encode("utf-8")


def _neutralise(raw: bytes) -> tuple[bytes, list[str]]:
    """Refuse entity declarations; strip any other DOCTYPE. Never expands anything."""
    notes = []
    if _ENTITY.search(raw):
        if _EXTERNAL.search(raw):
            raise SourceError("unsafe feed: declares external entities (XXE); refused")
        raise SourceError("unsafe feed: declares XML entities (entity expansion risk); refused")
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
        raise SourceError(f"unsafe feed: {type(exc).__name__}; refused") from None
    except ParseError as exc:
        return f"malformed XML: {exc}"
    return None


def _sniff_root(raw: bytes, content_type: str | None) -> None:
    """Refuse what is not a feed (HTML pages, JSON, plain text) with a clear reason."""
    head = raw[:8192].decode("utf-8", errors="ignore").lstrip("\ufeff")
    if re.match(r"\s*<!DOCTYPE\s+html", head, re.IGNORECASE):
        raise SourceError(f"not a feed: got an HTML page{f' ({content_type})' if content_type else ''}")
    while True:
        m = _PROLOG.match(head)
        if not m or not m.group(0):
            break
        head = head[m.end():]
    m = _ROOT.match(head)
    if not m:
        shown = " ".join(head[:60].split())
        raise SourceError(f"not a feed: no XML root element (starts with {shown!r})")
    root = m.group(1).lower()
    if root == "html":
        raise SourceError(f"not a feed: got an HTML page{f' ({content_type})' if content_type else ''}")
    if root not in FEED_ROOTS:
        raise SourceError(f"not a feed: root element <{m.group(1)}>")


def _struct_time(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def entry_date(entry: Any, tz: Any = None) -> datetime | None:
    """The entry's published (else updated) date, when it is a plausible one.

    The same rule as pages (:mod:`ingest.extract.dates`): a stated offset is kept, a time
    without one is read in ``tz`` (the outlet's zone), and the moment is shown in ``tz``.
    feedparser's own reading (UTC, offset lost) is the fallback."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed") if f"{key}_parsed" in entry else None  # `in`: no feedparser fallback warning
        raw = str(entry.get(key) or "").strip()
        if parsed or raw:
            # A negative year ("-0001-01-01") is no date; feedparser reads it as a
            # truncated ISO date in the year 2000, which would look plausible.
            if raw.startswith("-"):
                return None
            own = parse_dated(raw, tz=tz) if raw else None
            if own is not None:
                return own.in_zone(tz).at
            if parsed:
                found = plausible(_struct_time(parsed))
                return found.astimezone(tz) if found and tz else found
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
    """Candidates from an RSS/Atom document; SourceError when nothing usable is in it."""
    import feedparser

    if not raw or not raw.strip():
        raise SourceError("empty feed")
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
            raise SourceError(f"unparseable feed: {reason}")
        notes.append(f"malformed_feed_kept_{len(entries)}_entries: {' '.join(reason.split())[:200]}")
    if not entries:
        if not parsed.get("version") and not parsed.get("feed"):
            raise SourceError("not a feed: no channel or entries found")
        return FeedEntries([], notes)
    feed_lang = language_code((parsed.get("feed") or {}).get("language"))
    out: dict[str, FeedEntry] = {}
    skipped = 0
    for entry in entries:
        url = entry_url(_entry_link(entry), base_url)
        if not url:
            skipped += 1
            continue
        if url in out:
            continue
        published = entry_date(entry, timezone_of(url, source.timezone))
        out[url] = FeedEntry(
            url=url,
            title=clean_text(entry.get("title"), MAX_TITLE),
            summary=clean_text(entry.get("summary"), MAX_SUMMARY),
            published_at=published,
            source=source.name,
            language=language_code(entry.get("language")) or feed_lang or edition_language(source),
        )
    if skipped:
        notes.append(f"skipped_{skipped}_entries_without_http_link")
    if not out:
        raise SourceError(f"no usable entries: none of {len(entries)} has an http(s) link")
    return FeedEntries(out.values(), notes)
