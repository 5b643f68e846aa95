"""The GDELT DOC 2.0 API: the request for a time window, and its answer as entries."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlencode

from ingest.discover.entries import MAX_TITLE, FeedEntries, FeedEntry, clean_text, edition_language, entry_url, language_code
from ingest.discover.sources import Source
from ingest.extract.dates import plausible
from ingest.extract.outlets import timezone_of
from ingest.errors import ConfigError, SourceError


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


def gdelt_url(source: Source, lookback_hours: int, start: datetime | None = None, end: datetime | None = None) -> str:
    """The DOC 2.0 artlist request: an explicit window for backfills, else the last lookback_hours.

    Naive datetimes are taken as UTC.
    """
    if source.kind != "gdelt" or not source.query:
        raise ConfigError(f"source {source.name!r} is not a gdelt source with a query")
    params = {"query": source.query, "mode": "artlist", "format": "json", "maxrecords": "250", "sort": "datedesc"}
    if start or end:
        if not source.supports_interval:
            raise ConfigError(f"source {source.name!r} does not support a start/end interval")
        end = end or datetime.now(timezone.utc)
        start = start or end - timedelta(hours=lookback_hours)
        if _gdelt_time(start) >= _gdelt_time(end):
            raise ConfigError(f"interval start {start.isoformat()} is not before end {end.isoformat()}")
        params["startdatetime"] = _gdelt_time(start)
        params["enddatetime"] = _gdelt_time(end)
    else:
        params["timespan"] = f"{max(1, int(lookback_hours))}h"
    base = source.url.split("?", 1)[0]
    return f"{base}?{urlencode(params, quote_via=quote)}"


def _local(dt: datetime | None, url: str) -> datetime | None:
    tz = timezone_of(url) if dt else None
    return dt.astimezone(tz) if dt and tz else dt


def parse_gdelt(raw: bytes, source: Source) -> FeedEntries:
    """Candidates from a GDELT artlist JSON answer; its plain-text errors become SourceError."""
    text = (raw or b"").decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    if not text:
        return FeedEntries([], ["empty_answer"])
    if not text.startswith("{"):
        raise SourceError(f"gdelt error: {text.splitlines()[0][:200]}")
    try:
        data = json.loads(text, strict=False)  # GDELT titles sometimes carry raw control characters
    except json.JSONDecodeError as exc:
        raise SourceError(f"gdelt: invalid JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(data, dict):
        raise SourceError("gdelt: expected a JSON object")
    articles = data.get("articles") or []
    if not isinstance(articles, list):
        raise SourceError("gdelt: 'articles' is not a list")
    out: dict[str, FeedEntry] = {}
    skipped = 0
    for item in articles:
        url = entry_url(item.get("url"), "") if isinstance(item, dict) else None
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
        out[url] = FeedEntry(
            url=url,
            title=clean_text(item.get("title"), MAX_TITLE),
            summary="",
            # GDELT's first-seen time (UTC), the best it offers, shown in the outlet's zone
            published_at=_local(plausible(seen), url),
            source=source.name,
            language=GDELT_LANGUAGES.get(lang) or language_code(lang if len(lang) <= 3 else None) or edition_language(source),
        )
    notes = [f"skipped_{skipped}_articles_without_http_url"] if skipped else []
    if articles and not out:
        raise SourceError(f"gdelt: none of {len(articles)} articles has an http(s) url")
    return FeedEntries(out.values(), notes)
