"""Run reports in ``ingest-runs``: one document per run, id = run id (a retried report overwrites)."""

from __future__ import annotations

import logging
from typing import Any

from elasticsearch import Elasticsearch

from ingest.report import RunReport
from ingest.settings import Settings

log = logging.getLogger(__name__)


def write(es: Elasticsearch, cfg: Settings, report: RunReport) -> dict[str, Any]:
    doc = report.to_doc()
    es.index(index=cfg.runs_index, id=report.run_id, document=doc, refresh="wait_for")
    for line in doc["summary"].splitlines():
        log.info(line)
    return doc


def latest(es: Elasticsearch, cfg: Settings, n: int = 1) -> list[dict[str, Any]]:
    """The ``n`` newest reports (empty when there is none yet)."""
    if not es.indices.exists(index=cfg.runs_index):
        return []
    # no refresh here: write() waits for its report to be searchable, and the reader may not refresh
    hits = es.search(index=cfg.runs_index, sort=[{"finished_at": "desc"}], size=n)["hits"]["hits"]
    return [h["_source"] for h in hits]
