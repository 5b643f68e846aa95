"""A secured Elasticsearch of the group's own: ``scripts/es.sh up --secure`` (TLS, users, anonymous
refused), found through ``es.sh status --json`` and read from its credentials.env. Never skipped:
a node that cannot start fails the group."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ES_SCRIPT = ROOT / "scripts" / "es.sh"
PORT = int(os.environ.get("INGEST_TEST_SECURE_ES_PORT", "9296"))  # transport on PORT + 100
PREFIX = "sec-"  # the node's writer and reader roles are made for this prefix


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/secure/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.secure)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_ES_")}
    env.update({"INGEST_ES_URL": f"http://127.0.0.1:{PORT}", "PYTHON": sys.executable,
                "ES_HEAP": os.environ.get("ES_HEAP", "512m"), "INGEST_INDEX_PREFIX": PREFIX})
    return env


def es_sh(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ES_SCRIPT), *args], env=_env(), capture_output=True, text=True, timeout=timeout)


def read_env(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and not line.startswith("#"))


@pytest.fixture(scope="session")
def secure_node():
    """The credentials of the group's secured node (started here, and stopped again, unless it was up)."""
    before = json.loads(es_sh("status", "--json").stdout or "{}")
    started = not before.get("answering")
    up = es_sh("up", "--secure", timeout=400)
    if up.returncode:
        pytest.fail(f"es.sh up --secure on {PORT} failed: {up.stderr[-2000:]}", pytrace=False)
    status = json.loads(es_sh("status", "--json").stdout)
    if not status.get("credentials"):
        pytest.fail(f"the node on {PORT} answers but is not secured (no credentials.env); stop it with es.sh down",
                    pytrace=False)
    path = Path(status["credentials"])
    if read_env(path).get("INGEST_INDEX_PREFIX") != PREFIX:
        pytest.fail(f"the secured node on {PORT} was started for another index prefix than {PREFIX!r} "
                    f"(its roles cover only that one); stop it with es.sh down", pytrace=False)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    try:
        yield {**read_env(path), "path": str(path), "status": status}
    finally:
        if started:
            es_sh("down", timeout=120)


@pytest.fixture
def admin(secure_node):
    """The node's administrator (the tests' own cleaning; never the pipeline's)."""
    from elasticsearch import Elasticsearch

    es = Elasticsearch(secure_node["INGEST_ES_URL"], basic_auth=(secure_node["ES_ADMIN_USERNAME"], secure_node["ES_ADMIN_PASSWORD"]),
                       ca_certs=secure_node["INGEST_ES_CA_CERTS"], request_timeout=30)
    yield es
    es.indices.delete(index=f"{PREFIX}*", ignore_unavailable=True, allow_no_indices=True)
    quiet = es.options(ignore_status=404)
    for t in quiet.indices.get_index_template(name=f"{PREFIX}*").get("index_templates") or []:
        quiet.indices.delete_index_template(name=t["name"])


@pytest.fixture
def writer_env(secure_node, tmp_path, monkeypatch):
    """The pipeline's environment as credentials.env gives it (the writer), isolated data folder."""
    for key in [k for k in os.environ if k.startswith(("INGEST_ES_", "INGEST_WEB_ES_"))]:
        monkeypatch.delenv(key)
    for key in ("INGEST_ES_URL", "INGEST_ES_USERNAME", "INGEST_ES_PASSWORD", "INGEST_ES_CA_CERTS",
                "INGEST_WEB_ES_URL", "INGEST_WEB_ES_USERNAME", "INGEST_WEB_ES_PASSWORD", "INGEST_WEB_ES_CA_CERTS"):
        monkeypatch.setenv(key, secure_node[key])
    monkeypatch.setenv("INGEST_INDEX_PREFIX", PREFIX)
    monkeypatch.setenv("INGEST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INGEST_HOST_DELAY", "0")
    monkeypatch.setenv("INGEST_FETCH_BACKOFF", "0.05")
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    return monkeypatch
