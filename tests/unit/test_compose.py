"""The docker compose production stack, checked by reading it (no Docker engine here).

Versions pinned and matching, security on, secrets only from .env and required,
ports on localhost, health checks and start order, the Airflow image installing
the project, and the one-shot Elasticsearch security script run against a local
recording server.
"""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import subprocess
import threading

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from ingest.settings import Settings, env_name
from tests import ROOT

COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "docker" / "airflow" / "Dockerfile"
VERSION_FILE = ROOT / "scripts" / "es-version"
ES_VERSION = VERSION_FILE.read_text().strip() if VERSION_FILE.exists() else "9.5.4"

COMPOSE_TEXT = COMPOSE_FILE.read_text(encoding="utf-8")
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
# What compose interpolates: comments dropped, `$$` (a literal `$` for the container's shell) removed.
CODE_TEXT = "\n".join(line for line in COMPOSE_TEXT.splitlines() if not line.lstrip().startswith("#")).replace("$$", "")
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]

SECRET_NAME = re.compile(r"PASSWORD|SECRET|_KEY$|ENCRYPTIONKEY|FERNET|TOKEN|^AIRFLOW_CONN_|SQL_ALCHEMY_CONN", re.I)
REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?\}")
ONE_SHOT = {"setup", "kibana-setup", "airflow-init", "certs"}
HEALTHY = {"elasticsearch", "kibana", "workspace", "postgres", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor",
           "es02", "es03", "redis", "airflow-worker-1", "airflow-worker-2"}
CELERY = {"redis", "airflow-worker-1", "airflow-worker-2", "es02", "es03", "certs"}  # the scale-out profile


def env_of(service: str) -> dict[str, str]:
    env = SERVICES[service].get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def interpolate(text: str, values: dict[str, str]) -> str:
    """What compose makes of a value, given the variables of .env."""
    def sub(m: re.Match[str]) -> str:
        name, op, arg = m.group(1), m.group(2), m.group(3)
        value = values.get(name, "")
        if op and op.endswith("?") and not value:
            raise ValueError(f"{name}: {arg}")
        if op and op.endswith("-") and not value:
            return arg
        return value
    return REF.sub(sub, text.replace("$$", "\x00")).replace("\x00", "$")


def required_vars() -> set[str]:
    return {m.group(1) for m in REF.finditer(CODE_TEXT) if (m.group(2) or "").endswith("?")}


def env_example() -> dict[str, str]:
    out = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            out[name.strip()] = value.strip()
    return out


def random_looking(value: str) -> bool:
    """A run of 16+ key-like characters with several digits and letters: hex, base64, ..."""
    for run in re.findall(r"[A-Za-z0-9+/_=-]{16,}", value):
        if sum(c.isdigit() for c in run) >= 4 and sum(c.isalpha() for c in run) >= 2:
            return True
    return False


# --- versions and images ---------------------------------------------------------

def test_every_image_is_pinned() -> None:
    for name, svc in SERVICES.items():
        image = svc.get("image")
        assert image, f"{name} has no image"
        repo, _, tag = image.rpartition(":")
        assert repo and tag and tag != "latest" and "/" not in tag, f"{name}: {image} is not pinned"
        assert re.search(r"\d+\.\d+", tag), f"{name}: {image} is not pinned to a version"


def test_elasticsearch_and_kibana_share_the_project_version() -> None:
    assert SERVICES["elasticsearch"]["image"] == f"korea-russia-news-elasticsearch:{ES_VERSION}-nori"
    assert SERVICES["kibana"]["image"] == f"docker.elastic.co/kibana/kibana:{ES_VERSION}"
    assert SERVICES["setup"]["image"] == f"docker.elastic.co/elasticsearch/elasticsearch:{ES_VERSION}"
    elastic = {s["image"].rpartition(":")[2] for s in SERVICES.values() if "docker.elastic.co" in s["image"]}
    assert elastic == {ES_VERSION}


def test_elasticsearch_image_is_built_with_the_korean_analyzer() -> None:
    build = SERVICES["elasticsearch"]["build"]
    dockerfile = ROOT / build["context"] / build["dockerfile"]
    text = dockerfile.read_text(encoding="utf-8")
    assert re.findall(r"^FROM\s+(\S+)", text, re.M) == [f"docker.elastic.co/elasticsearch/elasticsearch:{ES_VERSION}"]
    install = re.findall(r"^RUN\s+bin/elasticsearch-plugin install\s+(.+)$", text, re.M)
    assert install and install[0].split() == ["--batch", "analysis-nori"]
    # the mapping as written asks for exactly what this image has
    from ingest.store.es import indices

    assert {"english", "russian", "nori"} <= indices.analyzers_used(indices.load_template("articles"))


def test_airflow_image_is_built_from_the_pinned_official_image_and_installs_the_project() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    froms = re.findall(r"^FROM\s+(\S+)", text, re.M)
    assert froms == ["apache/airflow:3.3.2-python3.11"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"apache-airflow==3.3.2"' in pyproject  # the image and the project agree on Airflow
    install = re.search(r"^RUN\s+pip install[^\n]*", text, re.M)
    assert install and re.search(r"\"/tmp/build\[airflow(,[a-z]+)*\]\"", install.group(0)), "the project is not pip-installed"
    assert not re.search(r"\s-e\s", install.group(0)), "the image installs the project as a package, not editable"
    copies = re.findall(r"^COPY\s+(?:--\S+\s+)*(.+?)\s+\S+$", text, re.M)
    sources = [s for line in copies for s in line.split()]
    readme = re.search(r'^readme\s*=\s*"([^"]+)"', pyproject, re.M).group(1)
    for needed in ("pyproject.toml", readme, "ingest", "mappings", "dags"):
        assert needed in sources, f"the Dockerfile does not copy {needed}"
    for src in sources:
        if src != readme:
            assert (ROOT / src).exists(), f"COPY source {src} does not exist"
    ignore = (DOCKERFILE.parent / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in [line.strip() for line in ignore], "the build context must start from nothing (e.g. no .venv, no .env)"
    allowed = [line[1:].rstrip("*/ ") for line in ignore if line.startswith("!")]
    for src in sources:
        assert any(src == a or src.startswith(a + "/") for a in allowed), f"{src} is excluded by Dockerfile.dockerignore"
    for name in ("airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "kibana-setup"):
        assert SERVICES[name]["build"]["dockerfile"] == "docker/airflow/Dockerfile", name
        assert SERVICES[name]["build"]["context"] == "."


# --- security ----------------------------------------------------------------------

def test_elasticsearch_security_is_on_with_auth() -> None:
    env = env_of("elasticsearch")
    assert env["xpack.security.enabled"] == "true"
    single = yaml.safe_load((ROOT / "docker" / "elasticsearch" / "single.yml").read_text())
    assert single["discovery.type"] == "single-node"  # the default topology
    assert REF.fullmatch(env["ELASTIC_PASSWORD"]).group(1) == "ELASTIC_PASSWORD"
    kib = env_of("kibana")
    assert kib["ELASTICSEARCH_USERNAME"] == "kibana_system"
    assert REF.fullmatch(kib["ELASTICSEARCH_PASSWORD"]).group(1) == "KIBANA_SYSTEM_PASSWORD"
    assert env_of("setup")["KIBANA_SYSTEM_PASSWORD"] == kib["ELASTICSEARCH_PASSWORD"]
    assert len(interpolate(kib["XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY"], {"KIBANA_ENCRYPTION_KEY": "k" * 32})) >= 32


def test_no_plaintext_secrets_and_every_secret_is_required() -> None:
    for name in SERVICES:
        for key, value in env_of(name).items():
            refs = list(REF.finditer(value))
            for m in refs:
                if SECRET_NAME.search(m.group(1)):
                    assert m.group(2) == ":?", f"{name}.{key}: ${{{m.group(1)}}} must be required (:?), no default"
            if SECRET_NAME.search(key):
                assert any(SECRET_NAME.search(m.group(1)) for m in refs), f"{name}.{key} is not from .env"
                assert not random_looking(REF.sub("", value)), f"{name}.{key} holds a literal secret"
    # Nowhere in the file (health checks included) may a secret have a default.
    for m in REF.finditer(CODE_TEXT):
        if SECRET_NAME.search(m.group(1)):
            assert m.group(2) == ":?", m.group(0)


def test_ports_are_published_on_localhost_only() -> None:
    published = {}
    for name, svc in SERVICES.items():
        for port in svc.get("ports") or []:
            assert isinstance(port, str) and port.startswith("127.0.0.1:"), f"{name}: {port} is not bound to 127.0.0.1"
            published[name] = port
    assert published == {
        "elasticsearch": "127.0.0.1:9200:9200",
        "kibana": "127.0.0.1:5601:5601",
        "workspace": "127.0.0.1:8008:8008",
        "airflow-api-server": "127.0.0.1:8080:8080",
    }


def test_services_share_an_internal_network() -> None:
    networks = COMPOSE["networks"]
    assert networks["backend"]["internal"] is True
    for name, svc in SERVICES.items():
        assert "backend" in svc["networks"], name
        if svc.get("ports"):
            assert "edge" in svc["networks"], f"{name} publishes a port, so it needs the non-internal network"
    assert SERVICES["postgres"]["networks"] == ["backend"]
    assert SERVICES["setup"]["networks"] == ["backend"]


def test_env_example_has_every_required_variable_and_no_secrets() -> None:
    example = env_example()
    missing = required_vars() - set(example)
    assert not missing, f".env.example lacks {sorted(missing)}"
    used = {m.group(1) for m in REF.finditer(CODE_TEXT)}
    assert not set(example) - used, f".env.example has unused {sorted(set(example) - used)}"
    for name, value in example.items():
        if SECRET_NAME.search(name):
            assert value == "", f"{name} must be empty in .env.example (a placeholder, not a secret)"
        assert not random_looking(value), f"{name}={value} looks like a real secret"
    assert "openssl rand" in ENV_EXAMPLE.read_text(encoding="utf-8")
    # With the example as it is, compose must refuse to start (no working defaults).
    with pytest.raises(ValueError, match="ELASTIC_PASSWORD"):
        interpolate(env_of("elasticsearch")["ELASTIC_PASSWORD"], example)


def test_make_env_fills_every_secret(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    subprocess.run(["bash", str(ROOT / "docker" / "make-env.sh"), str(target)], check=True, capture_output=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    values = {}
    for line in target.read_text().splitlines():
        if line and not line.startswith("#"):
            k, _, v = line.partition("=")
            values[k] = v
    assert set(values) == set(env_example())
    secrets = [values[k] for k in values if SECRET_NAME.search(k)]
    assert all(len(v) >= 32 for v in secrets) and len(set(secrets)) == len(secrets)
    assert len(base64.urlsafe_b64decode(values["AIRFLOW_FERNET_KEY"])) == 32
    for name in SERVICES:  # every value of the stack now interpolates
        for value in env_of(name).values():
            interpolate(value, values)
    again = subprocess.run(["bash", str(ROOT / "docker" / "make-env.sh"), str(target)], capture_output=True, text=True)
    assert again.returncode != 0 and "not overwriting" in again.stderr


# --- health and start order ------------------------------------------------------------

def test_health_checks_present() -> None:
    for name in HEALTHY:
        test = SERVICES[name].get("healthcheck", {}).get("test")
        assert test and test[0] in {"CMD", "CMD-SHELL"}, f"{name} has no health check"
    es_check = " ".join(SERVICES["elasticsearch"]["healthcheck"]["test"])
    assert "curl" in es_check and "elastic:" in es_check and "$${ELASTIC_PASSWORD}" in es_check
    assert "localhost:5601" in " ".join(SERVICES["kibana"]["healthcheck"]["test"])
    assert "pg_isready" in SERVICES["postgres"]["healthcheck"]["test"]


def test_depends_on_conditions() -> None:
    def deps(name: str) -> dict[str, str]:
        return {k: v["condition"] for k, v in (SERVICES[name].get("depends_on") or {}).items()}

    assert deps("setup") == {"elasticsearch": "service_healthy"}
    assert deps("kibana") == {"elasticsearch": "service_healthy", "setup": "service_completed_successfully"}
    assert deps("kibana-setup") == {"kibana": "service_healthy"}
    assert deps("workspace") == {"elasticsearch": "service_healthy", "setup": "service_completed_successfully"}
    assert deps("airflow-init") == {"postgres": "service_healthy"}
    common = {"postgres": "service_healthy", "elasticsearch": "service_healthy",
              "setup": "service_completed_successfully", "airflow-init": "service_completed_successfully"}
    for name in ("airflow-api-server", "airflow-dag-processor"):
        assert deps(name) == common, name
    for name in ("airflow-scheduler", "airflow-worker-1", "airflow-worker-2"):  # the broker too
        assert deps(name) == {**common, "redis": "service_healthy"}, name
    assert deps("elasticsearch") == deps("es02") == deps("es03") == {"certs": "service_completed_successfully"}
    # Services outside the profile wait on profile services only optionally (compose skips them).
    for name, svc in SERVICES.items():
        for target, spec in (svc.get("depends_on") or {}).items():
            if target in CELERY and name not in CELERY:
                assert spec.get("required") is False, f"{name} must not require {target} outside the celery profile"
    for name in SERVICES:
        for target, condition in deps(name).items():
            if condition == "service_healthy":
                assert target in HEALTHY and SERVICES[target].get("healthcheck"), f"{name} waits on {target}'s health"
            if target in ONE_SHOT:
                assert condition == "service_completed_successfully", f"{name} -> {target}"
    for name in ONE_SHOT:
        assert SERVICES[name]["restart"] == "no"
    # No cycles: a start order exists.
    order: list[str] = []
    pending = dict((n, set(deps(n))) for n in SERVICES)
    while pending:
        ready = [n for n, d in pending.items() if d <= set(order)]
        assert ready, f"dependency cycle among {sorted(pending)}"
        order += sorted(ready)
        for n in ready:
            del pending[n]


# --- the wiring of the pipeline inside the stack -----------------------------------------

def test_ingest_settings_and_airflow_connection() -> None:
    from ingest.settings import WebSettings

    known = {env_name(f) for f in Settings.model_fields} | {f"INGEST_WEB_{f.upper()}" for f in WebSettings.model_fields}
    for name in SERVICES:
        for key in env_of(name):
            if key.startswith("INGEST_") and key not in {"INGEST_FETCH_POOL", "INGEST_FETCH_POOL_SLOTS"}:
                assert key in known, f"{name}: {key} is not a setting of ingest/config.py"
    env = env_of("airflow-scheduler")
    assert env["INGEST_ES_URL"] == "http://elasticsearch:9200"
    assert env["INGEST_KIBANA_URL"] == "http://kibana:5601"
    assert interpolate(env["AIRFLOW__CORE__EXECUTOR"], {}) == "LocalExecutor"  # Celery with the profile
    conn = json.loads(interpolate(env["AIRFLOW_CONN_ELASTICSEARCH_DEFAULT"], {"INGEST_ES_PASSWORD": "pw"}))
    assert conn == {"conn_type": "elasticsearch", "host": "elasticsearch", "port": 9200, "schema": "http",
                    "login": env["INGEST_ES_USERNAME"], "password": "pw"}
    init = env_of("airflow-init")
    assert REF.fullmatch(init["AIRFLOW_ADMIN_PASSWORD"]).group(1) == "AIRFLOW_ADMIN_PASSWORD"
    assert REF.fullmatch(init["AIRFLOW_ADMIN_USERNAME"]).group(1) == "AIRFLOW_ADMIN_USERNAME"
    ks = SERVICES["kibana-setup"]
    assert ks["entrypoint"] == ["ingest", "kibana-setup"]
    assert env_of("kibana-setup")["INGEST_KIBANA_URL"] == "http://kibana:5601"
    # Every Airflow service sees the same secrets (the JWT secret must match across them).
    shared = {k: v for k, v in env_of("airflow-api-server").items() if k.startswith("AIRFLOW__")}
    for name in ("airflow-scheduler", "airflow-dag-processor", "airflow-init"):
        assert {k: env_of(name)[k] for k in shared} == shared, name


def test_shell_scripts_parse() -> None:
    for script in sorted((ROOT / "docker").rglob("*.sh")):
        subprocess.run(["bash", "-n", str(script)], check=True)
    mounted = SERVICES["setup"]["volumes"][0].split(":")[0]
    assert (ROOT / mounted).exists()
    init = SERVICES["airflow-init"]["entrypoint"][-1]
    assert init.endswith("docker/airflow/init.sh") and (ROOT / "docker/airflow/init.sh").exists()


# --- the security setup script against a recording stand-in for Elasticsearch ----------------

class Recorder:
    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.requests: list[dict[str, Any]] = []
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def handle_any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                rec.requests.append({"method": self.command, "path": self.path,
                                     "auth": self.headers.get("Authorization"), "body": body})
                self.send_response(rec.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_GET = do_POST = do_PUT = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.close()


def run_setup_script(url: str, wait: int = 20) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"], "ES_URL": url, "SETUP_WAIT_SECONDS": str(wait), "SETUP_POLL_SECONDS": "0.2",
        "ELASTIC_PASSWORD": 'el"as\\tic', "KIBANA_SYSTEM_PASSWORD": 'kib"ana\\', "INGEST_ES_PASSWORD": "ingest-pw",
        "INGEST_WEB_ES_PASSWORD": "reader-pw",
    }
    return subprocess.run(["bash", str(ROOT / "docker" / "elasticsearch" / "setup.sh")], env=env,
                          capture_output=True, text=True, timeout=60)


def test_setup_script_sets_kibana_password_and_creates_ingest_user(recorder: Recorder) -> None:
    done = run_setup_script(recorder.url)
    assert done.returncode == 0, done.stderr
    auth = "Basic " + base64.b64encode('elastic:el"as\\tic'.encode()).decode()
    assert all(r["auth"] == auth for r in recorder.requests)
    calls = {(r["method"], r["path"].split("?")[0]): r for r in recorder.requests}
    assert json.loads(calls[("POST", "/_security/user/kibana_system/_password")]["body"]) == {"password": 'kib"ana\\'}
    role = json.loads(calls[("PUT", "/_security/role/ingest_writer")]["body"])
    assert role["indices"][0]["names"] == ["articles*", "ingest-*"]
    assert "all" not in role["cluster"] and "manage_security" not in role["cluster"]
    user = json.loads(calls[("PUT", "/_security/user/ingest")]["body"])
    assert user["password"] == "ingest-pw" and user["roles"] == ["ingest_writer"]
    assert env_of("airflow-scheduler")["INGEST_ES_USERNAME"] == "ingest"
    # the workspace reads as the reader, with the reader's password, never as the writer
    assert env_of("workspace")["INGEST_WEB_ES_USERNAME"] == "ingest_reader"
    assert "INGEST_WEB_ES_PASSWORD" in env_of("workspace")["INGEST_WEB_ES_PASSWORD"]
    # the same roles as `es.sh up --secure`, from the same files: the reader reads articles and run reports only
    for name in ("ingest_writer", "ingest_reader"):
        sent = json.loads(calls[("PUT", f"/_security/role/{name}")]["body"])
        assert sent == json.loads((ROOT / "docker" / "elasticsearch" / "roles" / f"{name}.json").read_text())
    reader = json.loads(calls[("PUT", "/_security/role/ingest_reader")]["body"])
    assert reader["indices"] == [{"names": ["articles*", "ingest-runs*"], "privileges": ["read", "view_index_metadata"]}]
    assert reader["cluster"] == ["monitor"]
    user = json.loads(calls[("PUT", "/_security/user/ingest_reader")]["body"])
    assert user["password"] == "reader-pw" and user["roles"] == ["ingest_reader"]
    # Passwords never appear in what the script prints.
    assert "ingest-pw" not in done.stdout + done.stderr and "kib\"ana" not in done.stdout + done.stderr
    assert "reader-pw" not in done.stdout + done.stderr


def test_setup_script_fails_clearly_when_elasticsearch_refuses() -> None:
    rec = Recorder(status=401)
    try:
        done = run_setup_script(rec.url, wait=1)
    finally:
        rec.close()
    assert done.returncode != 0
    assert "did not answer with the elastic password" in done.stderr
    assert not any(r["path"].startswith("/_security") for r in rec.requests)


def test_celery_is_pinned_to_the_version_that_works_with_the_pinned_airflow() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "celery[redis]==5.6.3" in extras["celery"]  # 5.7.0 fails under apache-airflow 3.3.2
    assert any(re.fullmatch(r"apache-airflow-providers-celery==[\d.]+", d) for d in extras["celery"])
    assert '"/tmp/build[airflow,celery]"' in DOCKERFILE.read_text(encoding="utf-8")
    assert "airflow_local_settings.py /opt/airflow/config/" in DOCKERFILE.read_text(encoding="utf-8")


# --- scale-out: the celery profile ---------------------------------------------------------

def test_celery_profile_has_redis_two_workers_and_a_three_node_cluster() -> None:
    profiled = {name for name, svc in SERVICES.items() if svc.get("profiles")}
    assert profiled == CELERY and all(SERVICES[n]["profiles"] == ["celery"] for n in CELERY)
    env = env_of("airflow-scheduler")
    assert interpolate(env["AIRFLOW__CORE__EXECUTOR"], {"AIRFLOW_EXECUTOR": "CeleryExecutor"}) == "CeleryExecutor"
    broker = interpolate(env["AIRFLOW__CELERY__BROKER_URL"], {"REDIS_PASSWORD": "pw"})
    assert broker == "redis://:pw@redis:6379/0"
    backend = interpolate(env["AIRFLOW__CELERY__RESULT_BACKEND"], {"POSTGRES_PASSWORD": "pw"})
    assert backend.startswith("db+postgresql+psycopg2://airflow:pw@postgres:5432/")  # psycopg2: what the image has
    assert "requirepass" in " ".join(SERVICES["redis"]["command"]) and SERVICES["redis"]["networks"] == ["backend"]
    workers = ["airflow-worker-1", "airflow-worker-2"]
    data, stores = set(), set()
    for name in workers:
        svc = SERVICES[name]
        assert svc["command"] == "celery worker" and svc["build"]["dockerfile"] == "docker/airflow/Dockerfile"
        assert "edge" in svc["networks"]  # the fetch tasks run on the workers
        mounts = dict(v.split(":")[::-1][:2] for v in svc["volumes"])
        data.add(mounts["/opt/airflow/ingest-data"])
        stores.add(mounts["/opt/airflow/ingest-store"])
        wenv = env_of(name)
        assert {k: wenv[k] for k in env if k.startswith("AIRFLOW__")} == {k: v for k, v in env.items() if k.startswith("AIRFLOW__")}
        assert interpolate(wenv["INGEST_STORE_URL"], {}) == "file:///opt/airflow/ingest-store"
    assert len(data) == 2 and stores == {"ingest-store"}  # own data folders, one shared store
    assert interpolate(env["INGEST_ES_REPLICAS"], {"INGEST_ES_REPLICAS": "1"}) == "1"


def test_three_node_cluster_with_transport_tls_from_a_certificate_service() -> None:
    cluster = yaml.safe_load((ROOT / "docker" / "elasticsearch" / "cluster.yml").read_text())
    nodes = {"elasticsearch": "es01", "es02": "es02", "es03": "es03"}
    assert cluster["cluster.initial_master_nodes"].split(",") == list(nodes.values())
    assert cluster["discovery.seed_hosts"].split(",") == list(nodes)
    assert cluster["xpack.security.transport.ssl.enabled"] is True
    assert cluster["xpack.security.transport.ssl.certificate"] == "certs/${NODE_NAME}/${NODE_NAME}.crt"
    for service, node in nodes.items():
        svc = SERVICES[service]
        assert env_of(service)["NODE_NAME"] == node and env_of(service)["xpack.security.enabled"] == "true"
        assert svc["image"] == SERVICES["elasticsearch"]["image"]  # nori on every node
        config = [v for v in svc["volumes"] if v.endswith(":/usr/share/elasticsearch/config/elasticsearch.yml:ro")]
        assert config and interpolate(config[0], {"ES_TOPOLOGY": "cluster"}).startswith("./docker/elasticsearch/cluster.yml")
        assert "es-certs:/usr/share/elasticsearch/config/certs:ro" in svc["volumes"]
    assert not SERVICES["es02"].get("ports") and not SERVICES["es03"].get("ports")
    certs = SERVICES["certs"]
    script = (ROOT / "docker" / "elasticsearch" / "certs.sh").read_text()
    assert certs["command"] == ["bash", "/setup/certs.sh"] and "es-certs:/usr/share/elasticsearch/config/certs" in certs["volumes"]
    assert "elasticsearch-certutil ca" in script and "elasticsearch-certutil cert" in script
    assert all(f"name: {n}" in script for n in nodes.values())


def test_workspace_serves_next_to_kibana_with_its_own_credentials_and_a_password() -> None:
    from ingest.settings import WebSettings

    ws = SERVICES["workspace"]
    assert ws["entrypoint"] == ["ingest", "serve"]
    assert ws["image"] == SERVICES["kibana-setup"]["image"]  # the project's image: the workspace installs with it
    env = env_of("workspace")
    assert env["INGEST_WEB_ES_URL"] == "http://elasticsearch:9200" and env["INGEST_WEB_ES_USERNAME"]
    assert env["INGEST_WEB_PASSWORD"] == "${WORKSPACE_PASSWORD:?set WORKSPACE_PASSWORD in .env}"
    assert env["INGEST_WEB_ES_PASSWORD"].startswith("${INGEST_WEB_ES_PASSWORD:?")  # the reader's, not the writer's
    assert all(v.endswith(":ro") for v in ws["volumes"])  # read-only
    # the settings it is given are valid, and an address other than loopback is allowed only with the password
    values = {k: interpolate(v, {**env_example(), "WORKSPACE_PASSWORD": "p" * 32, "INGEST_WEB_ES_PASSWORD": "r" * 32})
              for k, v in env.items() if k.startswith("INGEST_WEB_")}
    web = WebSettings(**{k.removeprefix("INGEST_WEB_").lower(): v for k, v in values.items()})
    web.check_exposure()
    assert web.port == 8008 and not web.loopback
    assert "8008" in " ".join(ws["healthcheck"]["test"]) and "INGEST_WEB_PASSWORD" in " ".join(ws["healthcheck"]["test"])
