"""The DAGs: no import errors, no heavy work at import, a real dag.test() run."""

from __future__ import annotations

import subprocess
import sys
import time


from ingest.store.es import articles as es_articles
from ingest import search
from ingest.settings import Settings

from tests.conftest import load_dag
from tests.e2e import IRRELEVANT, REJECTED, RELEVANT, article_id, change_article, write_sources


def test_dagbag_imports_cleanly_and_fast(airflow_db):
    start = time.monotonic()
    dag = load_dag("korea_russia_news")
    assert dag is not None and dag.max_active_runs == 1 and not dag.catchup
    assert time.monotonic() - start < 30


def test_the_trigger_form_offers_the_known_sources(airflow_db):
    from ingest.discover.sources import load_sources
    from ingest.settings import Settings

    param = load_dag("korea_russia_news").params.get_param("sources")
    known = [s.name for s in load_sources(Settings.from_env().sources_path)]
    assert known and param.schema["examples"] == known


def test_dag_module_does_no_heavy_imports():
    code = (
        "import sys, runpy; runpy.run_path('dags/korea_russia_news.py');"
        "heavy = [m for m in ('spacy', 'trafilatura', 'elasticsearch', 'ingest.enrich.ner') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1:] in ([], [""]), proc.stdout


def test_dag_run_end_to_end_on_the_fixture_site(airflow_db, es, es_cfg, elastic, fixture_server, tmp_path, monkeypatch):
    """discover → fetch → clean → enrich → index through Airflow, then a second run that changes nothing."""
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    # Elasticsearch reaches the tasks only through the Airflow connection: the
    # INGEST_ES_URL fallback points nowhere, so a task that ignored the
    # connection would fail.
    real = es_cfg.es_url.split("://", 1)[1]
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://{real}")
    monkeypatch.setenv("INGEST_ES_URL", "http://127.0.0.1:9")
    dag = load_dag("korea_russia_news")
    # a saved search: the scheduled run's alerts task delivers its matches to a real receiver
    from ingest.alerts import watches
    from ingest.store.es import indices
    from tests.alerts_receiver import Receiver

    hook = Receiver().__enter__()
    monkeypatch.setenv("INGEST_ALLOWED_PRIVATE_HOSTS", f"127.0.0.1:{hook.port}")
    indices.setup(elastic)
    watches.add(elastic, watches.Watch("bridge", "Mishustin", webhook=hook.url), Settings.from_env().fetch)

    first = dag.test()
    assert str(first.state).endswith("success")
    delivered = [a["id"] for p in hook.posts for s in p["json"]["stories"] for a in s["articles"]]
    assert article_id(fixture_server, "rason-bridge") in delivered and len(hook.posts) == len(set(hook.keys()))
    sent = len(hook.posts)
    # partial (two sources fail): the run a success, its report task skipped, apart from clean runs
    states = {ti.task_id: str(ti.state) for ti in first.get_task_instances()}
    assert states["report"].endswith("skipped") and states["index"].endswith("success"), states
    assert states["alerts"].endswith("success"), states
    assert es_articles.count(elastic) == len(RELEVANT) + 2
    assert es_articles.count(elastic, {"term": {"seed": True}}) == 2
    doc = es.get(index=es_cfg.articles_alias, id=article_id(fixture_server, "treaty-ratified"))["_source"]
    assert "Vladimir Putin" in doc["persons"] and doc["quotes"] and doc["topics"]
    hits = search.search(elastic, "Mishustin")
    assert hits and hits[0].id == article_id(fixture_server, "rason-bridge")

    es.indices.refresh(index=es_cfg.runs_index)
    reports = es.search(index=es_cfg.runs_index, query={"term": {"run_id": first.run_id}})["hits"]["hits"]
    assert len(reports) == 1
    counts = reports[0]["_source"]["counts"]
    assert counts["irrelevant"] == len(IRRELEVANT) and counts["rejected"] == len(REJECTED)
    assert reports[0]["_source"]["reasons"]["rejected"] == {"no_article_text": 1}

    versions = {h["_id"]: h["_version"] for h in es.search(index=es_cfg.articles_alias, size=50, version=True)["hits"]["hits"]}
    second = dag.test()
    assert str(second.state).endswith("success")
    assert len(hook.posts) == sent  # nothing new: nothing sent
    hook.__exit__()
    es.indices.refresh(index=es_cfg.runs_index)
    again = es.get(index=es_cfg.runs_index, id=second.run_id)["_source"]["counts"]
    assert again["indexed"] == again["updated"] == again["fetched"] == 0 and again["not_modified"] == 4
    after = {h["_id"]: h["_version"] for h in es.search(index=es_cfg.articles_alias, size=50, version=True)["hits"]["hits"]}
    assert after == versions

    # an article changed on the site between runs is updated, its previous hash kept
    doc_id = article_id(fixture_server, "rason-bridge")
    old_hash = es.get(index=es_cfg.articles_alias, id=doc_id)["_source"]["content_hash"]
    change_article(fixture_server, "rason-bridge", "Tumen River", "Tumen River (Tumannaya)")
    third = dag.test()
    assert str(third.state).endswith("success")
    es.indices.refresh(index=es_cfg.runs_index)
    counts = es.get(index=es_cfg.runs_index, id=third.run_id)["_source"]["counts"]
    assert counts["updated"] == 1 and counts["indexed"] == 0
    doc = es.get(index=es_cfg.articles_alias, id=doc_id)["_source"]
    assert "Tumannaya" in doc["body"] and doc["previous_content_hashes"] == [old_hash]
    assert es_articles.count(elastic) == len(RELEVANT) + 2


def test_dag_run_with_the_enrich_tasks_own_pool(airflow_db, es, es_cfg, elastic, fixture_server, tmp_path, monkeypatch):
    """The enrich task forks its pool inside Airflow's task (batches here are small, so the threshold is
    lowered), gets the same entities, quotes and topics, and leaves no worker behind."""
    import os

    from ingest.enrich import pool

    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://{es_cfg.es_url.split('://', 1)[1]}")
    monkeypatch.setenv("INGEST_ENRICH_PROCESSES", "2")
    monkeypatch.setattr(pool, "MIN_ITEMS_PER_PROCESS", 1)
    started, real = [], pool.shutdown

    def noting_workers():  # the enrich task's shutdown, noting the workers it stops
        started.extend(pid for (owner, _), p in pool._pools.items() if owner == os.getpid() for pid in p._processes or ())
        real()

    monkeypatch.setattr(pool, "shutdown", noting_workers)
    dag = load_dag("korea_russia_news")
    assert str(dag.test().state).endswith("success")
    assert started and es_articles.count(elastic) == len(RELEVANT) + 2
    doc = es.get(index=es_cfg.articles_alias, id=article_id(fixture_server, "treaty-ratified"))["_source"]
    assert "Vladimir Putin" in doc["persons"] and doc["quotes"] and doc["topics"]
    assert search.search(elastic, "Mishustin")[0].id == article_id(fixture_server, "rason-bridge")
    assert not [k for k in pool._pools if k[0] == os.getpid()]  # shut down when the task ended
    assert not [p for p in started if os.path.exists(f"/proc/{p}")]


def test_only_the_dag_tasks_use_the_airflow_connection(monkeypatch, es, cfg):
    """Importing Airflow must not redirect the library: outside a task the INGEST_ES_* settings rule."""
    import airflow.sdk  # noqa: F401  (as in any process that loaded the DAGs)

    from ingest.store.es import client as es_mod
    from ingest.settings import Settings

    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", "elasticsearch://127.0.0.1:9")
    plain = es_mod.client(Settings.from_env())
    assert plain.transport.node_pool.get().base_url == cfg.es_url.rstrip("/")
    via_airflow = es_mod.client(Settings.from_env(es_from_airflow=True))
    assert via_airflow.transport.node_pool.get().base_url == "http://127.0.0.1:9"
