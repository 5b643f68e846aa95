"""Each test reads its texts afresh: enrichment caches of the user's data folder are not shared between tests."""

from pathlib import Path

import pytest

from ingest.enrich import cache
from ingest.settings import default_data_dir


@pytest.fixture(autouse=True)
def own_enrichment_cache(monkeypatch):
    """``Settings()`` points at the user's data folder, whose NER cache holds paragraphs from earlier runs
    (read in other contexts): a test using it gets an empty cache of its own instead."""
    original = cache.for_settings
    mine = cache.ParagraphCache()
    monkeypatch.setattr(cache, "for_settings", lambda cfg: mine if Path(cfg.data_dir) == default_data_dir() else original(cfg))
