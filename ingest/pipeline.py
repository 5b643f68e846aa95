"""The pipeline's stages as plain functions: what each Airflow task calls.

Each function takes small references (settings, ids, archive keys) and returns
small JSON-safe summaries, so XCom never carries page bodies. The same
functions serve the CLI, so everything runs without Airflow too.
"""

from __future__ import annotations

import logging
from typing import Any

from . import es as es_mod
from . import index, seeds
from .config import Settings

log = logging.getLogger(__name__)


def setup_indices(cfg: Settings) -> dict[str, Any]:
    """Apply templates, create the versioned index and aliases (idempotent)."""
    client = es_mod.client(cfg)
    return index.setup(client, cfg).to_dict()


def index_seeds(cfg: Settings, refresh: bool | str = False) -> dict[str, int]:
    """Index the seed articles with their stable ids; a second run changes nothing."""
    client = es_mod.client(cfg)
    index.setup(client, cfg)
    articles = seeds.load_seeds(cfg)
    result = index.upsert_articles(client, cfg, articles, refresh=refresh)
    return {"seeds": len(articles), **result.counts()}
