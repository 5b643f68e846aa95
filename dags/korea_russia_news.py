"""Korea–Russia news ingestion: discover → fetch → clean → enrich → index, with a run report.

Wiring only: every task calls one function of ``ingest.pipeline`` and passes
small references (source names, batch file paths, counts) through XCom, never
page bodies. Mapped tasks fan out over sources, then over batches. Nothing
heavy is imported at parse time.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import Param, dag, get_current_context, task

DEFAULT_ARGS = {
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}
FETCH_POOL = os.environ.get("INGEST_FETCH_POOL", "news_fetch")


def _cfg():
    """Settings from the environment, with this run's params on top."""
    from ingest.config import settings

    params = get_current_context()["params"]
    overrides = {k: params[k] for k in ("relevance_threshold", "lookback_hours") if params.get(k) is not None}
    return settings(es_from_airflow=True, **overrides)  # Elasticsearch from the Airflow connection


def _run_id() -> str:
    return get_current_context()["run_id"]


@dag(
    dag_id="korea_russia_news",
    schedule=os.environ.get("INGEST_SCHEDULE", "@hourly"),
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        "sources": Param([], type="array", description="source names to run (empty: every enabled source)"),
        "relevance_threshold": Param(None, type=["null", "number"], description="override INGEST_RELEVANCE_THRESHOLD"),
        "lookback_hours": Param(None, type=["null", "integer"], description="override INGEST_LOOKBACK_HOURS"),
    },
    tags=["news", "korea", "russia"],
    doc_md=__doc__,
)
def korea_russia_news():
    @task
    def setup() -> dict:
        from ingest import pipeline

        return pipeline.setup_indices(_cfg())

    @task
    def recover(_: dict) -> dict:
        from ingest import pipeline

        return pipeline.recover(_cfg(), _run_id())

    @task
    def plan(_: dict) -> list[str]:
        from ingest import pipeline

        return pipeline.plan_sources(_cfg(), get_current_context()["params"]["sources"] or None)

    @task(pool=FETCH_POOL)
    def discover(name: str) -> dict:
        from ingest import pipeline

        ctx = get_current_context()
        start, end = ctx.get("data_interval_start"), ctx.get("data_interval_end")
        if not start or not end or start >= end:  # a manual run has no interval: use the lookback
            start = end = None
        return pipeline.discover_source(_cfg(), name, start, end)

    @task(pool=FETCH_POOL)
    def fetch(discovered: dict) -> dict:
        from ingest import pipeline

        return pipeline.fetch_source(_cfg(), discovered, _run_id())

    @task
    def batches(fetched: list[dict], recovered: dict) -> list[str]:
        return [r["batch"] for r in [recovered, *fetched] if r and r.get("batch")]

    @task
    def clean(batch: str) -> dict:
        from ingest import pipeline

        return pipeline.clean_batch(_cfg(), batch, _run_id())

    @task
    def enrich(cleaned: dict) -> dict:
        from ingest import pipeline

        return pipeline.enrich_batch(_cfg(), cleaned["batch"])

    @task(retries=5)
    def index(enriched: dict) -> dict:
        from ingest import pipeline

        return pipeline.index_batch(_cfg(), enriched["batch"], _run_id())

    @task(retries=5)
    def seeds(_: dict) -> dict:
        from ingest import pipeline

        return pipeline.index_seeds(_cfg(), run_id=_run_id())

    @task(trigger_rule="all_done")
    def report(*stage_results) -> dict:
        from ingest import runs

        flat: list[dict] = []
        for item in stage_results:
            if isinstance(item, dict):
                flat.append(item)
            elif item is not None:
                flat.extend(r for r in item if isinstance(r, dict))
        ctx = get_current_context()
        return runs.write_report(_cfg(), _run_id(), flat, ctx["dag_run"].start_date)

    ready = setup()
    recovered = recover(ready)
    found = discover.expand(name=plan(recovered))
    fetched = fetch.expand(discovered=found)
    cleaned = clean.expand(batch=batches(fetched, recovered))
    enriched = enrich.expand(cleaned=cleaned)
    indexed = index.expand(enriched=enriched)
    seeded = seeds(ready)
    report(ready, recovered, found, fetched, cleaned, enriched, indexed, seeded)


korea_russia_news()
