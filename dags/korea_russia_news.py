"""
### Korea–Russia news ingestion

**What it does.** Every scheduled run reads the news sources (RSS/Atom feeds and the GDELT
search API) for articles on Korea–Russia relations, fetches the new and updated ones,
cleans them, enriches them (people, organisations and places linked to canonical names,
quotes with speakers, topics) and indexes them into Elasticsearch (alias `articles`).
An article listed by several sources is fetched once. Pages that fail to fetch are
retried by the next run; pages archived but not indexed (a crash, Elasticsearch down)
are replayed by the next run's `recover`.

**Schedule.** `INGEST_SCHEDULE` (default `@hourly`), with real data intervals: each run
asks the search API for its own interval (a manual run looks back `lookback_hours`).
One run is active at a time; catchup is off.

**Params** (Trigger → advanced): `sources` — source names to run, picked from the list of
the sources file's enabled sources (white space around a typed name is ignored; an unknown name
fails the run, quoted exactly as given), empty or unset = every enabled source; `relevance_threshold`, `lookback_hours` — override the settings of the
same name for this run.

**Outcome.** The last task, `report`, writes the run report to the `ingest-runs` index
(see it with `ingest report`): `success`, `partial` (some sources or pages failed, the
run went on) or `failed` (a task failed: the report names it and its error). The `report`
task shows which in the grid: **success** (green) for a clean run; **skipped** (pink) for a
partial run, the run itself still a success, with one line in the task's log and its
"skipped" reason saying what failed, e.g. `partial: 2 sources failed: dead-host (…),
html-not-feed (…); 1 page failed (fetch_failed timeout 1)`. Then, if
any task failed, `report` fails too, so the run ends **failed**, and alerts
`INGEST_ALERT_WEBHOOK` / `INGEST_ALERT_EMAIL` (through the `smtp_default` connection).
A misspelt source or a bad setting fails its task at once, without retries.

**Alerts.** After `index` (and `seeds`), `alerts` runs every saved search (`ingest watch add`)
over the articles this run indexed or changed and delivers new stories by signed webhook or
e-mail (through the `smtp_default` connection). A failed delivery makes the run `partial` and is
retried by the next run; a story recorded delivered is never sent again (docs/alerts.md).

**Where things are.** Raw pages: the archive under `INGEST_STORE_URL` (default
`<INGEST_DATA_DIR>`)`/archive`; batches between tasks: `…/runs/<run id>/`; documents
Elasticsearch refused: the `ingest-deadletter` index; crawl state: `ingest-state`.

**Backfill** one interval at a time (search sources only can look back; feeds list
what they list now):
`airflow backfill create --dag-id korea_russia_news --from-date 2024-11-01 --to-date 2024-11-02 --max-active-runs 1`

The file is wiring only: every task calls one function of `ingest.stages` and passes
a small reference (a source name, a batch reference, the stage's result) through XCom.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable

from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task

from ingest.settings import Settings

DEFAULTS = Settings.from_env()  # schedule and pool; a bad variable fails the DAG's import with its name
DEFAULT_ARGS = {
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}


def _known_sources() -> list[str]:
    """The enabled sources' names, for the trigger form to offer (none when the file cannot be read:
    the run's discover task then says why)."""
    from ingest.discover.sources import load_sources
    from ingest.errors import IngestError

    try:
        return [s.name for s in load_sources(DEFAULTS.discover.sources_path)]
    except IngestError:
        return []


# Tasks that need Elasticsearch wait for it inside (INGEST_ES_WAIT_SECONDS), then retry soon.
ES_RETRIES = {"retries": 5, "retry_delay": timedelta(seconds=10)}


def _cfg() -> Settings:
    """Settings from the environment, with this run's params on top; Elasticsearch through the Airflow connection."""
    params = get_current_context()["params"]
    overrides = {k: params[k] for k in ("relevance_threshold", "lookback_hours") if params.get(k) is not None}
    return Settings.from_env(es_from_airflow=True, **overrides)


def _run(call: Callable[[], Any]) -> Any:
    """One stage call; errors that retrying cannot fix end the task at once (ingest.ops)."""
    from ingest import ops

    return ops.run_stage(call)


def _label(**names: str) -> None:
    """Names this mapped instance in the UI (map_index_template)."""
    get_current_context().update(names)


def _alert(context: dict) -> None:
    from ingest import ops

    ops.alert(Settings.from_env().airflow, ops.failure_message(context))


@dag(
    dag_id="korea_russia_news",
    schedule=CronDataIntervalTimetable(DEFAULTS.airflow.schedule, timezone="UTC"),
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        "sources": Param(None, type=["null", "array"], items={"type": "string"}, examples=_known_sources(),
                         description="source names to run (empty: every enabled source; white space around a name is ignored)"),
        "relevance_threshold": Param(None, type=["null", "number"], description="override INGEST_RELEVANCE_THRESHOLD"),
        "lookback_hours": Param(None, type=["null", "integer"], description="override INGEST_LOOKBACK_HOURS"),
    },
    tags=["news", "korea", "russia"],
    doc_md=__doc__,
)
def korea_russia_news():
    @task(**ES_RETRIES)
    def setup() -> dict:
        from ingest import stages

        return _run(lambda: stages.setup(_cfg()).to_dict())

    @task
    def recover(_: dict) -> dict:
        from ingest import stages

        return _run(lambda: stages.recover(_cfg(), get_current_context()["run_id"]).to_dict())

    @task(pool=DEFAULTS.airflow.fetch_pool)
    def discover(_: dict) -> list[dict]:
        """Returns the sources with something to fetch; every source's result goes to XCom `results`."""
        ctx = get_current_context()
        start, end = ctx.get("data_interval_start"), ctx.get("data_interval_end")
        if str(ctx["dag_run"].run_type).endswith("manual") or not start or not end or start >= end:
            start = end = None  # a manual run looks back lookback_hours
        from ingest import stages

        found = _run(lambda: stages.discover_sources(_cfg(), ctx["params"].get("sources") or None, start, end))
        ctx["ti"].xcom_push(key="results", value=[r.to_dict() for r in found.results])
        return [r.to_dict() for r in found.to_fetch]

    @task(pool=DEFAULTS.airflow.fetch_pool, map_index_template="{{ source }}")
    def fetch(discovered: dict) -> dict:
        _label(source=discovered.get("source") or "?")
        from ingest import stages

        return _run(lambda: stages.fetch_source(_cfg(), discovered, get_current_context()["run_id"]).to_dict())

    @task(trigger_rule="none_failed")  # runs when no fetch was needed (recovered pages still go on)
    def batches(fetched: list[dict], recovered: dict) -> list[dict]:
        from ingest import stages

        return [b.to_dict() for b in _run(lambda: stages.nonempty_batches([recovered, *(fetched or [])[:]]))]

    @task(map_index_template="{{ batch }}")
    def clean(batch: dict) -> dict:
        _label(batch=batch["name"])
        from ingest import stages

        return _run(lambda: stages.clean_batch(_cfg(), batch).to_dict())

    @task(map_index_template="{{ batch }}")
    def enrich(cleaned: dict) -> dict:
        _label(batch=cleaned["batch"]["name"])
        from ingest import stages

        return _run(lambda: stages.enrich_batch(_cfg(), cleaned["batch"]).to_dict())

    @task(map_index_template="{{ batch }}", **ES_RETRIES)
    def index(enriched: dict) -> dict:
        _label(batch=enriched["batch"]["name"])
        from ingest import stages

        return _run(lambda: stages.index_batch(_cfg(), enriched["batch"], get_current_context()["run_id"]).to_dict())

    @task(**ES_RETRIES)
    def seeds(_: dict) -> dict:
        from ingest import stages

        return _run(lambda: stages.index_seeds(_cfg(), run_id=get_current_context()["run_id"]).to_dict())

    @task(trigger_rule="all_done", **ES_RETRIES)  # what was indexed is alerted on, even when a batch failed
    def alerts(_indexed: list[dict], _seeded: dict) -> dict:
        """The saved searches over this run's new or changed articles, one item per story (ingest watch)."""
        from ingest import ops, stages

        ctx = get_current_context()
        return _run(lambda: stages.alerts(_cfg(), ctx["dag_run"].start_date, ctx["run_id"], ops.airflow_mailer()).to_dict())

    @task(trigger_rule="all_done", on_failure_callback=_alert, **ES_RETRIES)
    def report(*stage_results) -> dict:
        """Writes the run report, then fails the run (and alerts) when any task failed."""
        from ingest import ops, stages

        ctx = get_current_context()
        failed = ops.failed_tasks(ctx["ti"], skip={"report"})
        found = ctx["ti"].xcom_pull(task_ids="discover", key="results")  # None when discover failed
        done = _run(lambda: stages.write_report(_cfg(), ctx["run_id"], [*stage_results, found], ctx["dag_run"].start_date,
                                                failed["failed"], ops.errors_of(ctx["ti"], failed["failed"])))
        doc = done.to_doc()
        ops.fail_run(failed)
        ops.mark_partial(doc)  # a partial run: `report` ends skipped, saying what failed
        return doc

    ready = setup()
    recovered = recover(ready)
    found = discover(ready)
    fetched = fetch.expand(discovered=found)
    cleaned = clean.expand(batch=batches(fetched, recovered))
    enriched = enrich.expand(cleaned=cleaned)
    indexed = index.expand(enriched=enriched)
    seeded = seeds(ready)
    alerted = alerts(indexed, seeded)
    found >> report(ready, recovered, fetched, cleaned, enriched, indexed, seeded, alerted)


korea_russia_news()
