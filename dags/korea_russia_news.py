"""Korea–Russia news ingestion DAG: wiring only; every task calls one `ingest` function."""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, task

DEFAULT_ARGS = {"retries": 3, "retry_delay": timedelta(seconds=30), "retry_exponential_backoff": True}


@dag(
    dag_id="korea_russia_news",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["news", "korea", "russia"],
)
def korea_russia_news():
    @task
    def setup() -> dict:
        from ingest import pipeline
        from ingest.config import settings

        return pipeline.setup_indices(settings())

    @task
    def seeds(_: dict) -> dict:
        from ingest import pipeline
        from ingest.config import settings

        return pipeline.index_seeds(settings())

    seeds(setup())


korea_russia_news()
