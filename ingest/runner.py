"""Whole runs in this process, without Airflow: ``ingest run`` and ``ingest reprocess``.

Each calls the same stage functions the DAG's tasks call (:mod:`ingest.stages`),
in order, and writes the same run report.
"""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import islice
from typing import Callable, Iterable

from ingest import report, stages
from ingest.models import BatchRef
from ingest.results import StageResult
from ingest.settings import Settings
from ingest.store import archive, batches
from ingest.store.es import indices, runs, state
from ingest.store.es.elastic import Elastic
from ingest.urls import URLError, canonical_url


def _process(cfg: Settings, ref: BatchRef, run_id: str, refresh: bool | str, reuse: bool = True) -> list[StageResult]:
    cleaned = stages.clean_batch(cfg, ref)
    enriched = stages.enrich_batch(cfg, cleaned.batch, reuse=reuse)
    return [cleaned, enriched, stages.index_batch(cfg, enriched.batch, run_id, refresh=refresh)]


def run_once(cfg: Settings, run_id: str, names: Iterable[str] | None = None, refresh: bool | str = False) -> report.RunReport:
    """Every stage in order, in this process (``ingest run``, and the benchmarks)."""
    started_at = datetime.now(timezone.utc)
    results: list[StageResult] = [stages.setup(cfg), stages.recover(cfg, run_id)]
    found = stages.discover_sources(cfg, list(names) if names else None)
    results += found.results
    results += [stages.fetch_source(cfg, f, run_id) for f in found.to_fetch]
    for ref in stages.nonempty_batches(results):
        results += _process(cfg, ref, run_id, refresh)
    results.append(stages.index_seeds(cfg, run_id=run_id, refresh=refresh))
    results.append(stages.alerts(cfg, started_at, run_id))  # the saved searches over this run's articles
    done = report.build(run_id, results, started_at)
    runs.write(Elastic.connect(cfg.es), done)
    return done


def reprocess(
    cfg: Settings,
    run_id: str,
    *,
    keys: Iterable[str] | None = None,
    force_enrich: bool = False,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
    refresh: bool | str = False,
) -> report.RunReport:
    """Clean, enrich and index archived pages again (all, or the given archive keys).

    This is how an improvement to cleaning, the KB or the mapping reaches pages
    fetched long ago: nothing is fetched. ``force_enrich`` re-enriches articles
    even when their content is unchanged. ``progress(n)`` is called per chunk.
    """
    wanted = set(keys) if keys else None
    entries = (e for e in archive.iter_entries(cfg.store) if wanted is None or e.key in wanted)
    es = Elastic.connect(cfg.es)
    indices.setup(es)
    results: list[StageResult] = []
    started_at = datetime.now(timezone.utc)
    part = 0
    while chunk := list(islice(entries, batch_size)):
        part += 1
        rows = []
        for e in chunk:
            try:
                url = canonical_url(e.meta.get("url") or "")
            except URLError:
                continue
            rows.append({"url": url, "link": e.meta.get("url"), "final_url": e.meta.get("final_url"), "archive_key": e.key})
        known = state.records(es, [r["url"] for r in rows])
        for r in rows:
            r["source"] = (known.get(r["url"]) or {}).get("source") or "archive"
        ref = batches.write_rows(cfg.store, BatchRef(run_id, f"reprocess-{part:05d}", "fetched"), rows)
        results += _process(cfg, ref, run_id, refresh, reuse=not force_enrich)
        if progress:
            progress(len(chunk))
    done = report.build(run_id, results, started_at)
    runs.write(es, done)
    return done
