"""The DAGs: no import errors, no heavy work at import, a real dag.test() run."""

from __future__ import annotations

import subprocess
import sys
import time

from ingest import index

from .conftest import load_dag


def test_dagbag_imports_cleanly_and_fast(airflow_db):
    start = time.monotonic()
    dag = load_dag("korea_russia_news")
    assert dag is not None and dag.max_active_runs == 1 and not dag.catchup
    assert time.monotonic() - start < 30


def test_dag_module_does_no_heavy_imports():
    code = (
        "import sys, runpy; runpy.run_path('dags/korea_russia_news.py');"
        "heavy = [m for m in ('spacy', 'trafilatura', 'elasticsearch', 'ingest.enrich.ner') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1:] in ([], [""]), proc.stdout


def test_dag_test_indexes_the_seeds(airflow_db, es, es_cfg):
    dag = load_dag("korea_russia_news")
    run = dag.test()
    assert str(run.state).endswith("success")
    assert index.count(es, es_cfg, {"term": {"seed": True}}) == 2
