"""What a feed or a search answer lists: :class:`FeedEntry` and the field helpers both parsers share.

Everything here works on bytes already fetched (the fetcher owns HTTP), so it
is pure and testable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Iterable

from ingest.discover.sources import LANG, Source
from ingest.urls import http_url

MAX_TITLE = 500
MAX_SUMMARY = 2000


@dataclass
class FeedEntry:
    """An article URL a feed or search answer lists, with what it says about it."""

    url: str
    title: str
    summary: str
    published_at: datetime | None  # tz-aware UTC, or None when missing or absurd
    source: str
    language: str | None


class FeedEntries(list):  # list[FeedEntry] with notes on what was skipped or repaired
    def __init__(self, items: Iterable[FeedEntry] = (), notes: list[str] | None = None) -> None:
        super().__init__(items)
        self.notes: list[str] = notes or []


def entry_row(entry: FeedEntry) -> dict:
    """JSON-safe dict of an entry (published_at as ISO 8601)."""
    row = asdict(entry)
    row["published_at"] = entry.published_at.isoformat() if entry.published_at else None
    return row



def clean_text(value: Any, limit: int) -> str:
    """Plain text from a feed field that may hold HTML, whitespace collapsed, capped."""
    text = str(value or "")
    if "<" in text and ">" in text:
        from bs4 import BeautifulSoup  # only when there is markup

        text = BeautifulSoup(text, "html.parser").get_text(" ")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry_url(link: Any, base_url: str) -> str | None:
    """Absolute http(s) URL resolved against the feed's address, or None."""
    return http_url(link, base_url or None)


def language_code(value: Any) -> str | None:
    """Primary subtag of a language tag ("en-US" -> "en"), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if LANG.match(code) else None


def edition_language(source: Source) -> str | None:
    return source.language if source.language and source.language != "mul" else None
