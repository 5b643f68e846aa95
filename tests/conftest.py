"""Shared fixtures: a real Elasticsearch (never skipped), isolated index names, the fixture web server."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

# Airflow reads its configuration when first imported: point it at a throwaway
# home (SQLite) and at our DAGs before any test imports it.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="airflow-test-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parent.parent / "dags")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")

from ingest.store.es import client as es_mod  # noqa: E402 - after the Airflow environment above
from ingest.store.es.elastic import Elastic  # noqa: E402 - after the Airflow environment above
from ingest.settings import Settings  # noqa: E402 - after the Airflow environment above

from tests.fixtureserver import FixtureServer  # noqa: E402 - after the Airflow environment above


@pytest.fixture(scope="session")
def es():
    """The real Elasticsearch client. A test that needs it fails when it is missing."""
    client = es_mod.from_settings(Settings.from_env())
    try:
        es_mod.require(client)
    except es_mod.Unavailable as exc:
        pytest.fail(f"{exc} (start it with `make es-up`)", pytrace=False)
    return client


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings isolated for one test: own index prefix, own data folder."""
    prefix = f"t{uuid.uuid4().hex[:8]}-"
    monkeypatch.setenv("INGEST_INDEX_PREFIX", prefix)
    monkeypatch.setenv("INGEST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INGEST_HOST_DELAY", "0")
    monkeypatch.setenv("INGEST_FETCH_BACKOFF", "0.05")
    return Settings.from_env()


@pytest.fixture
def es_cfg(es, cfg: Settings):
    """Settings with an isolated prefix on the real server; its indices are removed afterwards."""
    yield cfg
    es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
    quiet = es.options(ignore_status=404)
    for name in quiet.indices.get_index_template(name=f"{cfg.index_prefix}*").get("index_templates") or []:
        quiet.indices.delete_index_template(name=name["name"])


@pytest.fixture
def elastic(es, es_cfg: Settings) -> Elastic:
    """The real server behind the library's one object, with the isolated index names of ``es_cfg``."""
    return Elastic(es, es_cfg.es)


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated Airflow metadata database (SQLite) for dag.test()."""
    airflow = Path(sys.executable).parent / "airflow"
    proc = subprocess.run([str(airflow), "db", "migrate"], capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        pytest.fail(f"airflow db migrate failed: {proc.stderr[-2000:]}", pytrace=False)
    return _AIRFLOW_HOME


def load_dag(dag_id: str):
    """The DAG from dags/ through a DagBag, failing on any import error."""
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
    assert not bag.import_errors, bag.import_errors
    return bag.get_dag(dag_id)


@pytest.fixture(scope="session")
def _server():
    server = FixtureServer().start()
    yield server
    server.stop()


@pytest.fixture
def fixture_server(_server: FixtureServer, monkeypatch: pytest.MonkeyPatch) -> FixtureServer:
    """The local news-site stand-in on 127.0.0.1; private hosts are allowed only here, explicitly."""
    _server.reset()
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "1")
    return _server
