"""Korea–Russia news ingestion: discover → fetch → clean → enrich → index, with a run report.

Wiring only: every task calls one function of ``ingest.stages`` and passes a
small reference (a source name, a batch reference, the stage's typed result as
a dict) through XCom, never page bodies. Mapped tasks fan out over sources,
then over batches; nothing heavy is imported when the file is parsed. Settings come from ``INGEST_*`` variables, read here (and
only here, in the tasks) with the run's params on top.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Param, dag, get_current_context, task

from ingest.settings import Settings

DEFAULTS = Settings.from_env()  # schedule and pool; a bad variable fails the DAG's import with its name
DEFAULT_ARGS = {
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}


def _cfg() -> Settings:
    """Settings from the environment, with this run's params on top; Elasticsearch through the Airflow connection."""
    params = get_current_context()["params"]
    overrides = {k: params[k] for k in ("relevance_threshold", "lookback_hours") if params.get(k) is not None}
    return Settings.from_env(es_from_airflow=True, **overrides)


def _run_id() -> str:
    return get_current_context()["run_id"]


@dag(
    dag_id="korea_russia_news",
    schedule=DEFAULTS.schedule,
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
        from ingest import stages

        return stages.setup(_cfg()).to_dict()

    @task
    def recover(_: dict) -> dict:
        from ingest import stages

        return stages.recover(_cfg(), _run_id()).to_dict()

    @task
    def plan(_: dict) -> list[str]:
        from ingest import stages

        return stages.plan_sources(_cfg(), get_current_context()["params"]["sources"] or None)

    @task(pool=DEFAULTS.fetch_pool)
    def discover(name: str) -> dict:
        from ingest import stages

        ctx = get_current_context()
        start, end = ctx.get("data_interval_start"), ctx.get("data_interval_end")
        if not start or not end or start >= end:  # a manual run has no interval: use the lookback
            start = end = None
        return stages.discover_source(_cfg(), name, start, end).to_dict()

    @task(pool=DEFAULTS.fetch_pool)
    def fetch(discovered: dict) -> dict:
        from ingest import stages

        return stages.fetch_source(_cfg(), discovered, _run_id()).to_dict()

    @task
    def batches(fetched: list[dict], recovered: dict) -> list[dict]:
        return [r["batch"] for r in [recovered, *fetched] if r and r.get("batch")]

    @task
    def clean(batch: dict) -> dict:
        from ingest import stages

        return stages.clean_batch(_cfg(), batch).to_dict()

    @task
    def enrich(cleaned: dict) -> dict:
        from ingest import stages

        return stages.enrich_batch(_cfg(), cleaned["batch"]).to_dict()

    @task(retries=5)
    def index(enriched: dict) -> dict:
        from ingest import stages

        return stages.index_batch(_cfg(), enriched["batch"], _run_id()).to_dict()

    @task(retries=5)
    def seeds(_: dict) -> dict:
        from ingest import stages

        return stages.index_seeds(_cfg(), run_id=_run_id()).to_dict()

    @task(trigger_rule="all_done")
    def report(*stage_results) -> dict:
        from ingest import stages

        ctx = get_current_context()
        return stages.write_report(_cfg(), _run_id(), stage_results, ctx["dag_run"].start_date)

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
