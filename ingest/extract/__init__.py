"""Main text and metadata from article pages (being split out of ingest.clean)."""
from ingest import clean as _clean
from ingest.clean import Cleaned  # noqa: F401
from ingest.errors import Rejected


def extract(raw, url=None, content_type=None):
    try:
        return _clean.extract(raw, url=url, content_type=content_type)
    except _clean.Rejected as exc:
        raise Rejected(exc.reason, exc.detail) from None
