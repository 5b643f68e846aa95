"""Discovery: feeds and search APIs -> the article URLs worth fetching.

``sources`` reads the sources file, ``feeds`` parses RSS/Atom safely,
``gdelt`` builds search requests and reads their answers; :func:`parse`
dispatches on the source's kind.
"""

from __future__ import annotations

from pathlib import Path

from ingest.discover.entries import FeedEntries, entry_row
from ingest.discover.feeds import parse_feed
from ingest.discover.gdelt import parse_gdelt
from ingest.discover.sources import Source
from ingest.errors import SourceError



def parse(raw: bytes, base_url: str, source: Source, content_type: str | None = None) -> FeedEntries:
    """Candidates from a fetched answer, parsed according to the source's kind."""
    if source.kind == "gdelt":
        return parse_gdelt(raw, source)
    return parse_feed(raw, base_url, source, content_type)


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
            raise SourceError(f"cannot read {path_or_bytes}: {exc.strerror or exc}") from None
    if source is None:
        kind = "gdelt" if raw.lstrip()[:1] in (b"{", b"[") else "rss"
        source = Source(name="file", kind=kind, url=base_url or "http://localhost/", query="file" if kind == "gdelt" else None)
    return [entry_row(c) for c in parse(raw, base_url, source, content_type)]
