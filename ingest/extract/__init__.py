"""Raw fetched page (bytes) → clean article fields: ``extract(raw, url, content_type) -> Extracted``.

One job per module: :mod:`.core` orchestrates; :mod:`.decode` (bytes to text,
input checks), :mod:`.body` (main text) with :mod:`.boilerplate`,
:mod:`.metadata` (title, site, canonical URL, summary, JSON-LD, paywall),
:mod:`.dates` (publication date; the one plausibility rule),
:mod:`.authors` and :mod:`.language`. A page with no article to keep raises
:class:`~ingest.errors.Rejected` with a short ``reason``.
"""

from ingest.errors import Rejected

from .core import MARKUP_TOO_DEEP, Extracted, extract, extract_any

__all__ = ["extract", "extract_any", "Extracted", "Rejected", "MARKUP_TOO_DEEP"]
