"""The pipeline, the CLI and the DAG against a secured Elasticsearch (TLS, users, anonymous refused).

The writer indexes; the reader searches and is refused writes; missing or wrong credentials and a
wrong CA are refused with one line naming the setting to fix.
"""

from __future__ import annotations

import datetime
import json
import os
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import load_dag
from tests.e2e import RELEVANT, write_sources
from tests.secure.conftest import PREFIX, ROOT


def ingest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The `ingest` command as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "ingest.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def one_line(proc: subprocess.CompletedProcess) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1 and len(lines) == 1, proc.stderr[-2000:]
    return lines[0]


def other_ca(folder: Path) -> Path:
    """A CA certificate the node's certificate was not signed by."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "someone else's CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).sign(key, hashes.SHA256()))
    path = folder / "other-ca.crt"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_anonymous_requests_are_refused_and_plain_http_finds_nothing(secure_node):
    url, ca = secure_node["INGEST_ES_URL"], secure_node["INGEST_ES_CA_CERTS"]
    assert url.startswith("https://")
    for path in ("/_cluster/health", f"/{PREFIX}articles/_search", "/_cat/indices"):
        assert httpx.get(url + path, verify=ssl.create_default_context(cafile=ca), timeout=10).status_code == 401
    with pytest.raises(httpx.HTTPError):  # TLS only: a plain request gets no answer
        httpx.get(url.replace("https://", "http://") + "/_cluster/health", timeout=10)


def test_the_pipeline_end_to_end_as_the_writer_then_the_reader_searches(secure_node, admin, writer_env, fixture_server, tmp_path):
    writer_env.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    run = ingest("run", "--json")
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["counts"]["indexed"] == len(RELEVANT) + 2 and report["status"] == "partial"  # two bad sources
    admin.indices.refresh(index=f"{PREFIX}articles")
    assert admin.count(index=f"{PREFIX}articles")["count"] == len(RELEVANT) + 2  # and the two seeds

    reader = {"INGEST_ES_USERNAME": secure_node["INGEST_WEB_ES_USERNAME"],
              "INGEST_ES_PASSWORD": secure_node["INGEST_WEB_ES_PASSWORD"]}
    found = ingest("search", "Mishustin", "--json", env=reader)
    assert found.returncode == 0, found.stderr[-2000:]
    assert [json.loads(line) for line in found.stdout.splitlines()]
    runs = ingest("report", "--json", env=reader)  # the run reports are the reader's to see
    assert runs.returncode == 0 and json.loads(runs.stdout.splitlines()[0])["status"] == "partial", runs.stderr

    # the reader cannot write: one line, saying so and naming the setting
    line = one_line(ingest("setup", env=reader))
    assert "Elasticsearch user 'ingest_reader' is read-only: " in line and "INGEST_ES_USERNAME" in line, line
    line = one_line(ingest("run", env=reader))
    assert "is read-only" in line, line

    # the workspace's own client (INGEST_WEB_ES_*) reads, and is refused writes the same way
    from ingest.errors import ConfigError
    from ingest.settings import Settings
    from ingest.store.es import client as es_client

    cfg = Settings.from_env()
    web = es_client.from_web_settings(cfg.es, cfg.web)
    assert web.count(index=f"{PREFIX}articles")["count"] == len(RELEVANT) + 2  # and the two seeds
    with pytest.raises(ConfigError, match="'ingest_reader' is read-only: .*INGEST_WEB_ES_USERNAME"):
        web.index(index=f"{PREFIX}articles-write", document={"title": "x"})


def test_missing_or_wrong_credentials_are_one_line_naming_the_setting(secure_node, admin, writer_env):
    writer_env.delenv("INGEST_ES_USERNAME")
    writer_env.delenv("INGEST_ES_PASSWORD")
    line = one_line(ingest("search", "treaty"))
    assert line.endswith(f"Elasticsearch at {secure_node['INGEST_ES_URL']} refused no credentials: authentication failed "
                    "(set INGEST_ES_USERNAME / INGEST_ES_PASSWORD)"), line
    writer_env.setenv("INGEST_ES_USERNAME", secure_node["INGEST_ES_USERNAME"])
    writer_env.setenv("INGEST_ES_PASSWORD", "not-the-password")
    line = one_line(ingest("setup"))
    assert "refused user 'ingest_writer': authentication failed (set INGEST_ES_USERNAME / INGEST_ES_PASSWORD)" in line
    assert "not-the-password" not in line


def test_a_wrong_ca_is_one_line_naming_the_setting(secure_node, writer_env, tmp_path):
    writer_env.setenv("INGEST_ES_CA_CERTS", str(other_ca(tmp_path)))
    line = one_line(ingest("search", "treaty"))
    assert "refused the TLS connection: certificate verify failed" in line and line.endswith("(check INGEST_ES_CA_CERTS)"), line
    writer_env.delenv("INGEST_ES_CA_CERTS")  # the system's CAs do not know the node's either
    assert "certificate verify failed" in one_line(ingest("search", "treaty"))
    writer_env.setenv("INGEST_ES_CA_CERTS", str(tmp_path / "missing.crt"))
    line = one_line(ingest("search", "treaty"))
    assert "error: INGEST_ES_CA_CERTS: " in line and "no CA certificate file" in line, line


def test_ingest_config_shows_no_secret(secure_node, writer_env):
    out = ingest("config", "--json")
    assert out.returncode == 0, out.stderr
    for key in ("INGEST_ES_PASSWORD", "INGEST_WEB_ES_PASSWORD"):
        assert secure_node[key] not in out.stdout
    assert secure_node["INGEST_ES_USERNAME"] in out.stdout


def _connection(secure_node, login: str, password: str, ca: str) -> str:
    url = httpx.URL(secure_node["INGEST_ES_URL"])
    return json.dumps({"conn_type": "elasticsearch", "host": url.host, "port": url.port, "schema": "https",
                       "login": login, "password": password, "extra": {"ca_certs": ca}})


def test_the_dag_authenticates_through_the_airflow_connection(airflow_db, secure_node, admin, writer_env, fixture_server,
                                                             tmp_path):
    writer_env.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    # the tasks reach Elasticsearch only through the connection: the INGEST_ES_* values point nowhere
    for key in ("INGEST_ES_USERNAME", "INGEST_ES_PASSWORD", "INGEST_ES_CA_CERTS"):
        writer_env.delenv(key)
    writer_env.setenv("INGEST_ES_URL", "http://127.0.0.1:9")
    writer_env.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", _connection(
        secure_node, secure_node["INGEST_ES_USERNAME"], secure_node["INGEST_ES_PASSWORD"], secure_node["INGEST_ES_CA_CERTS"]))
    run = load_dag("korea_russia_news").test()
    assert str(run.state).endswith("success")
    admin.indices.refresh(index=f"{PREFIX}articles")
    assert admin.count(index=f"{PREFIX}articles")["count"] == len(RELEVANT) + 2  # and the two seeds

    # a wrong password on the connection: the task's error names the connection's login and password
    from ingest.errors import ConfigError
    from ingest.settings import Settings
    from ingest.store.es import client as es_client

    writer_env.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", _connection(
        secure_node, secure_node["INGEST_ES_USERNAME"], "wrong", secure_node["INGEST_ES_CA_CERTS"]))
    with pytest.raises(ConfigError, match="login and password of the Airflow connection 'elasticsearch_default'"):
        es_client.wait(es_client.client(Settings.from_env(es_from_airflow=True)), 5)
