"""Run reports in ``ingest-runs``: one document per run, id = run id (a retried report overwrites)."""

from __future__ import annotations

import logging
from typing import Any

from ingest.report import RunReport
from ingest.store.es.elastic import Elastic

log = logging.getLogger(__name__)


def write(es: Elastic, report: RunReport) -> dict[str, Any]:
    doc = report.to_doc()
    es.client.index(index=es.runs_index, id=report.run_id, document=doc, refresh="wait_for")
    for line in doc["summary"].splitlines():
        log.info(line)
    return doc


def latest(es: Elastic, n: int = 1) -> list[dict[str, Any]]:
    """The ``n`` newest reports (empty when there is none yet)."""
    if not es.client.indices.exists(index=es.runs_index):
        return []
    # no refresh here: write() waits for its report to be searchable, and the reader may not refresh
    hits = es.client.search(index=es.runs_index, sort=[{"finished_at": "desc"}], size=n)["hits"]["hits"]
    return [h["_source"] for h in hits]
