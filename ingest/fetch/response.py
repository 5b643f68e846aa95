"""What a fetch gives back: the result, its validators, content-type checks, and the failures.

Every failure is an :class:`ingest.errors.FetchError` whose ``reason`` is a
short machine word; the classes here fix the reason for each kind.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from ingest.errors import FetchError

# Allowed content types, one set per kind of resource.
HTML: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
FEED: frozenset[str] = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "application/x-rss+xml"}
)
JSON: frozenset[str] = frozenset({"application/json", "text/json"})
HEADERS_OF_INTEREST = ("content-type", "etag", "last-modified", "content-length", "retry-after", "content-language")


class _Fixed(FetchError):
    """A FetchError whose reason is set by the class."""

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(type(self).reason, url, detail)


class RobotsDisallowed(_Fixed):
    """Refused by robots.txt, or robots.txt could not be fetched (RFC 9309: disallow all)."""

    reason = "robots_disallowed"

    @property
    def transient(self) -> bool:
        return self.detail.startswith("robots.txt unreachable") and "(blocked" not in self.detail


def _fixed(name: str, reason: str, doc: str) -> type[_Fixed]:
    """A FetchError class for one reason (the reasons are data; the behaviour is _Fixed's)."""
    return type(name, (_Fixed,), {"reason": reason, "__doc__": doc, "__module__": __name__})


FetchTimeout = _fixed("FetchTimeout", "timeout", "No complete answer within the timeout.")
ConnectionFailed = _fixed("ConnectionFailed", "connection", "The connection failed or was reset.")
TooLarge = _fixed("TooLarge", "too_large", "The body is larger than fetch_max_bytes.")
BadContentType = _fixed("BadContentType", "bad_content_type", "A content type this kind of resource never has.")
TooManyRedirects = _fixed("TooManyRedirects", "too_many_redirects", "More redirects than fetch_max_redirects.")
RedirectLoop = _fixed("RedirectLoop", "redirect_loop", "A redirect back to an address already visited.")
Truncated = _fixed("Truncated", "truncated", "The body ended before its Content-Length.")
DecodingFailed = _fixed("DecodingFailed", "decoding", "The body's content encoding could not be decoded.")


class HTTPStatusError(FetchError):
    """A final status that is not 2xx/304; ``reason`` is ``http_<status>``."""

    def __init__(self, url: str, status: int, detail: str = "", retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"http_{status}", url, detail)


@dataclass(frozen=True)
class Validators:
    """HTTP validators of a resource, for conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]  # lowercase names, only HEADERS_OF_INTEREST
    content: bytes
    fetched_at: datetime  # tz-aware UTC
    not_modified: bool = False
    elapsed: float = 0.0  # seconds, including retries and redirects

    @property
    def content_type(self) -> str:
        """The media type without parameters, lowercase ("" when absent)."""
        return media_type(self.headers.get("content-type", ""))

    @property
    def charset(self) -> str | None:
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None

    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def content_type_ok(content_type: str, accept: Iterable[str] | None) -> bool:
    """True when the media type is in ``accept`` (None accepts anything).

    ``+json`` / ``+xml`` structured suffixes count as JSON / XML when the
    plain type is accepted.
    """
    if accept is None:
        return True
    allowed = set(accept)
    kind = media_type(content_type)
    if kind in allowed:
        return True
    if kind.endswith("+json") and "application/json" in allowed:
        return True
    return kind.endswith("+xml") and "application/xml" in allowed


def accept_header(accept: Iterable[str] | None) -> str:
    if not accept:
        return "*/*"
    return ", ".join(sorted(accept)) + ", */*;q=0.1"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)
