"""One tree of errors for the whole package.

Every error the pipeline raises on purpose is an :class:`IngestError`, with a
one-line message and a machine-readable ``reason``. Library errors (httpx,
Elasticsearch, YAML, pydantic) are wrapped once, in the module that knows what
they mean, and never again above it. The CLI prints ``IngestError`` as one
line; anything else is a bug and gets a traceback with ``--debug``.

::

    IngestError
    ├── ConfigError          bad settings, sources file, knowledge base, CLI input
    │   └── BadQuery         a search string or date range that cannot be run
    ├── SourceError          a feed or search answer that cannot be read
    ├── FetchError           a page or feed that could not be fetched (reason, transient)
    │   └── Blocked          refused by the SSRF guard (never retried)
    ├── Rejected             a page with no article to keep (reason)
    ├── StorageError         the archive or batch files
    ├── IndexingError        Elasticsearch refusing or failing
    │   └── Unavailable      Elasticsearch does not answer at all
    └── KibanaError          Kibana unreachable or refusing the saved objects
"""

from __future__ import annotations


def one_line(text: object, limit: int = 500) -> str:
    """Collapse white space so a message fits on one line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class IngestError(Exception):
    """Base of every error the pipeline raises on purpose."""

    reason: str = "error"
    #: True when trying the same thing again later may succeed.
    transient: bool = False

    def __init__(self, message: str = "", *, reason: str | None = None) -> None:
        if reason is not None:
            self.reason = reason
        super().__init__(one_line(message or self.reason))

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form for run reports, dead letters and ``--json`` output."""
        return {"error": type(self).__name__, "reason": self.reason, "message": str(self)}


class ConfigError(IngestError):
    """A setting, a data file or a command-line input is wrong: retrying cannot fix it."""

    reason = "config"


class BadQuery(ConfigError):
    """A search the user typed cannot be run as it is (unbalanced quotes, too long, an impossible date range)."""

    reason = "bad_query"


class SourceError(IngestError):
    """A feed or a search API answer that cannot be read as one."""

    reason = "bad_feed"


class FetchError(IngestError):
    """A fetch that failed: ``FetchError(reason, url, detail)``.

    ``reason`` is a short machine word (``timeout``, ``http_404``, ``blocked``…).
    """

    TRANSIENT = frozenset({"timeout", "connection", "truncated", "http_429"})

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        self.url = url
        self.detail = one_line(detail, 300)
        super().__init__(f"{reason}: {url}" + (f" ({self.detail})" if self.detail else ""), reason=reason)

    @property
    def transient(self) -> bool:  # type: ignore[override]
        """True when a later run may succeed (the URL is not marked seen)."""
        return self.reason in self.TRANSIENT or self.reason.startswith("http_5")

    def to_dict(self) -> dict[str, object]:
        return {"reason": self.reason, "url": self.url, "detail": self.detail}


class Blocked(FetchError):
    """Refused by the SSRF guard: a private, loopback or otherwise forbidden target."""

    def __init__(self, detail: str, url: str = "") -> None:
        super().__init__("blocked", url, detail)

    @property
    def transient(self) -> bool:  # type: ignore[override]
        return False


class Rejected(IngestError):
    """The page or text has no article to keep; ``reason`` is a short code (``empty``, ``binary``…)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.detail = one_line(detail, 300)
        super().__init__(f"{reason}: {self.detail}" if self.detail else reason, reason=reason)


class StorageError(IngestError):
    """The raw archive or the batch files cannot be read or written."""

    reason = "storage"


class KibanaError(IngestError):
    """Kibana unreachable, refusing the credentials or rejecting saved objects."""

    reason = "kibana"


class IndexingError(IngestError):
    """Elasticsearch refused or failed a request the pipeline needed."""

    reason = "indexing"
    transient = True


class Unavailable(IndexingError):
    """Elasticsearch does not answer at all (connection refused, timeout, auth)."""

    reason = "es_unavailable"


__all__ = [
    "IngestError", "ConfigError", "BadQuery", "SourceError", "FetchError", "Blocked", "Rejected",
    "StorageError", "IndexingError", "Unavailable", "KibanaError", "one_line",
]
