"""`make rehearse`: the production topology on one machine, without Docker, with faults.

Postgres and Redis from Debian packages (``apt-get download`` + ``dpkg-deb -x`` into
``.cache/debian`` unless already installed), Airflow 3 with the CeleryExecutor (scheduler,
DAG processor, API server, two Celery workers, each worker with its own INGEST_DATA_DIR and
only the store INGEST_STORE_URL shared), a three-node Elasticsearch (``scripts/es.sh up
--nodes 3``) with one replica. The DAG runs on the fixture site through the real scheduler;
faults are injected (a worker killed mid-task, an Elasticsearch node killed mid-index, one
restarted mid-index, the scheduler restarted), then every relevant article is checked to be
indexed exactly once. A saved search's stories are delivered to a webhook receiver: by a scheduled
run, by the run after one with the receiver down, and with the alerts task's worker killed
mid-delivery (no story sent again once its delivery was recorded). Elasticsearch runs secured (``es.sh up --secure``: TLS on HTTP and
transport, the writer for the tasks through the Airflow connection, the reader refused writes,
anonymous refused); at the end every log, the Airflow database and every index are searched for
each password and the webhook's secret, and must hold none.
Prints a table and the throughput of one worker against two; exits non-zero on a failed check.
Everything listens on 127.0.0.1; every process started is stopped, also on failure.

Ports (environment): REHEARSE_PG_PORT (16432), REHEARSE_REDIS_PORT (16379),
REHEARSE_API_PORT (16080), REHEARSE_ES_PORT (9281: nodes on 9281-9283). Folders: REHEARSE_CACHE
(.cache), REHEARSE_WORK (<cache>/rehearse), REHEARSE_RESULTS (bench/results). `make soak`
(scripts/soak.py) starts and stops the same stack through :class:`Stack`.
"""

from __future__ import annotations

import atexit
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.report import rehearsal_markdown  # noqa: E402  (after the path)

RESULTS = Path(os.environ.get("REHEARSE_RESULTS", ROOT / "bench" / "results"))
CACHE = Path(os.environ.get("REHEARSE_CACHE", ROOT / ".cache"))
WORK = Path(os.environ.get("REHEARSE_WORK", CACHE / "rehearse"))  # logs, Postgres, the shared store
PY = Path(sys.executable)
AIRFLOW = PY.parent / "airflow"
PG_PORT = int(os.environ.get("REHEARSE_PG_PORT", "16432"))
REDIS_PORT = int(os.environ.get("REHEARSE_REDIS_PORT", "16379"))
API_PORT = int(os.environ.get("REHEARSE_API_PORT", "16080"))
ES_PORT = int(os.environ.get("REHEARSE_ES_PORT", "9281"))
ES_URL = f"http://127.0.0.1:{ES_PORT}"  # es.sh --secure serves it as https
DAG_ID = "korea_russia_news"
PREFIX = "rehearse-"
RUN_USER = "nobody"  # Postgres refuses to run as root
T0 = time.monotonic()


def say(msg: str) -> None:
    print(f"[{time.monotonic() - T0:6.1f}s] {msg}", flush=True)


def wait(what: str, check: Callable[[], Any], timeout: float, every: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except Exception:  # not up yet
            value = None
        if value:
            return value
        time.sleep(every)
    raise SystemExit(f"rehearse: timed out after {timeout:.0f} s waiting for {what} (logs in {WORK})")


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300, user: str | None = None) -> str:
    cmd = ["runuser", "-u", user, "--", *args] if user and os.getuid() == 0 else list(args)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise SystemExit(f"rehearse: {' '.join(args[:3])} failed: {(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


# ------------------------------------------------------------------ what it needs


def reachable(path: Path, fallback: str) -> Path:
    """``path``, or a folder under /var/tmp when root's server user cannot enter it (a clone in /root)."""
    if os.getuid() != 0:
        return path
    probe = path
    while not probe.exists():
        probe = probe.parent
    ok = subprocess.run(["runuser", "-u", RUN_USER, "--", "test", "-x", str(probe)], capture_output=True).returncode == 0
    return path if ok else Path("/var/tmp") / fallback


def python_packages() -> None:
    """The [celery] and [postgres] extras, pinned in pyproject.toml, into this Python."""
    from importlib.util import find_spec

    if all(find_spec(m) for m in ("celery", "psycopg2", "asyncpg")) and find_spec("airflow.providers.celery"):
        return
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    pins = extras["celery"] + extras["postgres"]
    say(f"installing {' '.join(pins)}")
    run(str(PY), "-m", "pip", "install", "-q", *pins, timeout=600)


def debian(binary: str, packages: list[str], installed: list[str]) -> tuple[Path, dict[str, str]]:
    """A binary from Debian: the installed one, else downloaded and unpacked into .cache/debian."""
    for pattern in installed:
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[-1]), {}
    root = reachable(CACHE / "debian", "ingest-rehearse-debian") / "root"
    target = next(iter(sorted(root.glob(f"usr/lib/postgresql/*/bin/{binary}"))), root / "usr" / "bin" / binary)
    if not target.exists():
        debs = root.parent / "debs"
        debs.mkdir(parents=True, exist_ok=True)
        wanted = list(packages)
        for pkg in packages:  # the libraries this machine lacks
            deps = run("apt-cache", "depends", "--no-recommends", "--no-suggests", pkg)
            for line in deps.splitlines():
                name = line.split(":", 1)[1].strip() if line.strip().startswith("Depends:") else ""
                if name.startswith("lib") and "<" not in name and subprocess.run(
                        ["dpkg", "-s", name], capture_output=True).returncode:
                    wanted.append(name)
        say(f"downloading Debian packages: {' '.join(wanted)}")
        subprocess.run(["apt-get", "download", *wanted], cwd=debs, capture_output=True, timeout=300, check=True)
        for deb in debs.glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        target = next(iter(sorted(root.glob(f"usr/lib/postgresql/*/bin/{binary}"))), root / "usr" / "bin" / binary)
        subprocess.run(["chmod", "-R", "o+rX", str(root.parent)], check=True)
    libs = [str(p) for p in (root / "usr" / "lib" / "x86_64-linux-gnu", root / "usr" / "lib") if p.exists()]
    return target, {"LD_LIBRARY_PATH": ":".join(libs)} if libs else {}


# ------------------------------------------------------------------ the processes


class Stack:
    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen] = {}
        self.pg_ctl: Path | None = None
        self.es_env = {**os.environ, "INGEST_ES_URL": ES_URL, "ES_NODES": "3", "ES_HEAP": os.environ.get("ES_HEAP", "512m"),
                       "PYTHON": str(PY), "INGEST_INDEX_PREFIX": PREFIX}  # the roles cover this prefix
        self.creds: dict[str, str] = {}
        self.env: dict[str, str] = {}
        self.stopped = False

    def spawn(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        path = WORK / f"{name}.log"
        if path.exists():  # a restarted process: its earlier log kept aside
            path.rename(WORK / f"{name}.{time.time_ns()}.log")
        log = open(path, "ab")
        proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig: int = signal.SIGKILL, timeout: float = 30) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        family = descendants(proc.pid)  # task processes may have left the group (their own session)
        try:
            os.killpg(proc.pid, sig)
            for pid in family:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        say("stopping everything this rehearsal started")
        for name in list(self.procs)[::-1]:
            self.kill(name, signal.SIGTERM)
        if self.pg_ctl:
            subprocess.run(["runuser", "-u", RUN_USER, "--"] * (os.getuid() == 0) + [
                str(self.pg_ctl), "stop", "-D", str(self.pg_data), "-m", "fast", "-w", "-t", "30"],
                capture_output=True, timeout=60, env={**os.environ, **self.pg_libs})
        subprocess.run([str(ROOT / "scripts" / "es.sh"), "down"], env=self.es_env, capture_output=True, timeout=180)

    # -- services --------------------------------------------------------------------

    def postgres(self) -> None:
        initdb, self.pg_libs = debian("initdb", ["postgresql-15", "libpq5"], ["/usr/lib/postgresql/*/bin/initdb"])
        self.pg_ctl = initdb.parent / "pg_ctl"
        data = self.pg_data = reachable(WORK, f"ingest-rehearse-{PG_PORT}") / "pg"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(mode=0o700, parents=True)
        if os.getuid() == 0:
            shutil.chown(data, RUN_USER)
        env = {**os.environ, **self.pg_libs}
        run(str(initdb), "-D", str(data), "-U", "airflow", "--auth=trust", "-E", "UTF8", "--no-locale", env=env, user=RUN_USER)
        run(str(self.pg_ctl), "start", "-D", str(data), "-w", "-t", "60", "-l", str(data / "server.log"), "-o",
            f"-p {PG_PORT} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=200", env=env, user=RUN_USER)
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=PG_PORT, user="airflow", dbname="postgres")
        conn.autocommit = True
        conn.cursor().execute("create database airflow")
        conn.close()
        say(f"Postgres on 127.0.0.1:{PG_PORT} ({initdb.parent})")

    def redis(self) -> None:
        binary, libs = debian("redis-check-rdb", ["redis-tools"], ["/usr/bin/redis-server"])
        server = binary if binary.name == "redis-server" else WORK / "redis-server"
        if server != binary:
            server.symlink_to(binary)  # one binary; it acts as the server under this name
        self.spawn("redis", [str(server), "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(WORK)], {**os.environ, **libs})
        import redis

        wait("Redis", lambda: redis.Redis(port=REDIS_PORT).ping(), 30)
        say(f"Redis on 127.0.0.1:{REDIS_PORT}")

    def elasticsearch(self) -> None:
        say(f"three-node Elasticsearch on {ES_PORT}-{ES_PORT + 2}")
        self.elasticsearch_up()
        es = self.es()
        es.indices.delete(index=f"{PREFIX}*", ignore_unavailable=True, allow_no_indices=True)
        quiet = es.options(ignore_status=404)
        for t in quiet.indices.get_index_template(name=f"{PREFIX}*").get("index_templates") or []:
            quiet.indices.delete_index_template(name=t["name"])

    def elasticsearch_up(self) -> None:
        """`es.sh up --nodes 3 --secure`: starts the cluster, or a node of it that died."""
        out = subprocess.run([str(ROOT / "scripts" / "es.sh"), "up", "--nodes", "3", "--secure"], env=self.es_env,
                             capture_output=True, text=True, timeout=400)
        if out.returncode:
            raise SystemExit(f"rehearse: es.sh up --nodes 3 --secure failed: {out.stderr[-2000:]}")
        path = self.es_status()["credentials"]
        if not path:
            raise SystemExit("rehearse: the cluster is not secured (no credentials.env): es.sh down, then again")
        self.creds = dict(line.split("=", 1) for line in Path(path).read_text().splitlines()
                          if "=" in line and not line.startswith("#"))

    def es_status(self) -> dict[str, Any]:
        """`es.sh status --json`: where the script keeps each node (never guessed: as root in a
        private folder it is under /var/tmp) and the cluster's credentials.env."""
        out = subprocess.run([str(ROOT / "scripts" / "es.sh"), "status", "--json"], env=self.es_env,
                             capture_output=True, text=True, timeout=60)
        if out.returncode:
            raise SystemExit(f"rehearse: es.sh status --json failed: {out.stderr[-2000:]}")
        return json.loads(out.stdout)

    def es_node(self, port: int) -> dict[str, Any]:
        return next(n for n in self.es_status()["nodes"] if n["http_port"] == port)

    def es(self, user: str = "ES_ADMIN"):
        """A client as the rehearsal's checks use it: the administrator (or ``INGEST_ES``, ``INGEST_WEB_ES``)."""
        from elasticsearch import Elasticsearch

        c = self.creds
        return Elasticsearch(c["INGEST_ES_URL"], basic_auth=(c[f"{user}_USERNAME"], c[f"{user}_PASSWORD"]),
                             ca_certs=c["INGEST_ES_CA_CERTS"], request_timeout=30)

    def secrets(self) -> dict[str, str]:
        """Every secret of the rehearsal, by name: the passwords and the webhook's secret."""
        return {k: v for k, v in {**self.creds, "WEBHOOK_SECRET": WEBHOOK_SECRET, "INGEST_ALERT_SECRET": ALERT_SECRET}.items()
                if k.endswith(("PASSWORD", "SECRET")) and v}

    # -- Airflow ---------------------------------------------------------------------

    def airflow(self, sources: Path, hook: "Webhook", schedule: str = "@daily") -> None:
        home = WORK / "airflow"
        (home / "config").mkdir(parents=True)
        shutil.copy(ROOT / "docker" / "airflow" / "airflow_local_settings.py", home / "config")
        db = f"postgresql+psycopg2://airflow@127.0.0.1:{PG_PORT}/airflow"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "INGEST_"))}
        env.update({
            "AIRFLOW_HOME": str(home), "PYTHONPATH": str(ROOT),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor", "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db,
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://airflow@127.0.0.1:{PG_PORT}/airflow",
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{API_PORT}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__PORT": str(API_PORT), "AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5", "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            # a killed worker's task is noticed after 20 s (default 300 s)
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "20",
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            # the tasks: the writer through the Airflow connection (TLS, login, password, CA in the extras)
            "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": json.dumps({
                "conn_type": "elasticsearch", "host": "127.0.0.1", "port": ES_PORT, "schema": "https",
                "login": self.creds["INGEST_ES_USERNAME"], "password": self.creds["INGEST_ES_PASSWORD"],
                "extra": {"ca_certs": self.creds["INGEST_ES_CA_CERTS"]}}),
            # the CLI: the writer from credentials.env
            **{k: v for k, v in self.creds.items() if k.startswith("INGEST_ES_")},
            "INGEST_INDEX_PREFIX": PREFIX, "INGEST_ES_REPLICAS": "1",
            "INGEST_ALERT_WEBHOOK": hook.url,
            "INGEST_ALERT_SECRET": ALERT_SECRET, "INGEST_ALERT_BACKOFF": "0.2", "INGEST_ALERT_RETRIES": "1",
            "INGEST_STORE_URL": f"file://{WORK / 'shared-store'}",
            "INGEST_SOURCES_FILE": str(sources), "INGEST_SCHEDULE": schedule, "INGEST_HOST_DELAY": "0",
            "INGEST_FETCH_RETRIES": "1", "INGEST_FETCH_BACKOFF": "0.05", "INGEST_ALLOW_PRIVATE_HOSTS": "1",
            "INGEST_DATA_DIR": str(WORK / "scheduler-data"),
        })
        self.env = env
        say("airflow db migrate (Postgres)")
        run(str(AIRFLOW), "db", "migrate", env=env, timeout=300)
        run(str(AIRFLOW), "pools", "set", "news_fetch", "4", "fetching", env=env)
        self.spawn("api-server", [str(AIRFLOW), "api-server", "--port", str(API_PORT)], env)
        self.spawn("dag-processor", [str(AIRFLOW), "dag-processor"], env)
        self.scheduler()
        for name in ("a", "b"):
            self.worker(name)
        import httpx

        wait("the API server", lambda: httpx.get(f"http://127.0.0.1:{API_PORT}/api/v2/monitor/health", timeout=2)
             .status_code == 200, 180)
        wait("the parsed DAG", lambda: self.query("select 1 from dag where dag_id = %s", DAG_ID), 180)

    def scheduler(self) -> None:
        self.spawn("scheduler", [str(AIRFLOW), "scheduler"], self.env)

    def worker(self, name: str) -> None:
        """A Celery worker with its own data folder: it shares only INGEST_STORE_URL with the other."""
        env = {**self.env, "INGEST_DATA_DIR": str(WORK / f"worker-{name}" / "data")}
        self.spawn(f"worker-{name}", [str(AIRFLOW), "celery", "worker", "--celery-hostname", f"worker-{name}@%h",
                                      "--concurrency", "2", "--skip-serve-logs"], env)

    def wait_workers(self, names: list[str]) -> None:
        def ready() -> bool:
            return all(f"worker-{n}@" in log and " ready." in log for n in names
                       for log in [(WORK / f"worker-{n}.log").read_text(errors="replace")])

        wait(f"Celery workers {', '.join(names)}", ready, 120)

    def query(self, sql: str, *args: Any) -> list[tuple]:
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=PG_PORT, user="airflow", dbname="airflow")
        try:
            with conn.cursor() as cur:
                cur.execute(sql, args)
                return cur.fetchall()
        finally:
            conn.close()

    def trigger(self, conf: dict[str, Any] | None = None) -> str:
        run_id = f"rehearse__{time.time_ns()}"
        run(str(AIRFLOW), "dags", "trigger", DAG_ID, "--run-id", run_id, "--conf", json.dumps(conf or {}), env=self.env)
        return run_id

    def finished(self, run_id: str, timeout: float = 600) -> tuple[str, float]:
        row = wait(f"run {run_id}", lambda: self.query(
            "select state, extract(epoch from end_date - start_date) from dag_run "
            "where run_id = %s and state in ('success', 'failed')", run_id), timeout, every=1)[0]
        return row[0], float(row[1])

    def running(self, run_id: str, tasks: tuple[str, ...]) -> list[tuple[str, int, int | None]]:
        return self.query("select task_id, map_index, pid from task_instance where run_id = %s and state = 'running' "
                          "and task_id = any(%s)", run_id, list(tasks))


# ------------------------------------------------------------------ the alert webhook

WEBHOOK_SECRET = secrets.token_urlsafe(18)  # in the hook's path, as chat webhooks carry theirs
ALERT_SECRET = secrets.token_urlsafe(24)  # signs the saved searches' webhook bodies (INGEST_ALERT_SECRET)


class Webhook:
    """A receiver on 127.0.0.1 for the failed runs' alerts; its URL carries a secret."""

    def __init__(self) -> None:
        import http.server
        import threading

        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                ok = self.path == f"/hooks/{WEBHOOK_SECRET}"
                if ok:
                    received.append(json.loads(body or b"{}"))
                self.send_response(204 if ok else 404)
                self.end_headers()

            def log_message(self, *args: Any) -> None:  # the path is the secret: never printed
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/{WEBHOOK_SECRET}"


# ------------------------------------------------------------------ the site


class Site:
    """The fixture site plus four "bulk" feeds whose articles are renewed per generation."""

    FEEDS = 4

    def __init__(self) -> None:
        from tests.fixtureserver import FixtureServer

        self.server = FixtureServer().start()
        self.template = (ROOT / "tests" / "fixtures" / "site" / "articles" / "treaty-ratified.html").read_text()
        self.expected: dict[str, list[str]] = {}  # generation label -> article URLs that must be indexed once
        self.generation("baseline", 3)

    def sources(self, folder: Path) -> Path:
        import yaml

        fixture = [{"name": f"fixture-{n}", "kind": k, "url": self.server.url(f"/feeds/{n}.{e}"), "language": lang,
                    "enabled": True} for n, k, e, lang in (("yonhap", "rss", "xml", "en"), ("herald", "atom", "atom", "en"),
                                                           ("tass-ru", "rss", "xml", "ru"), ("news1-ko", "rss", "xml", "ko"))]
        bulk = [{"name": f"bulk-{i}", "kind": "rss", "url": self.server.url(f"/bulk/{i}.xml"), "language": "en",
                 "enabled": True} for i in range(1, self.FEEDS + 1)]
        path = folder / "sources.yaml"
        path.write_text(yaml.safe_dump({"sources": fixture + bulk}), encoding="utf-8")
        return path

    def generation(self, label: str, per_feed: int) -> None:
        """New articles on every bulk feed (the feeds list only these)."""
        from tests.e2e import RELEVANT
        from tests.fixtureserver import Response

        urls = []
        for i in range(1, self.FEEDS + 1):
            items = []
            for k in range(per_feed):
                path = f"/bulk/{label}/{i}-{k}.html"
                note = f"<p>Desk {i} filed this as item {k} of the {label} rehearsal batch, one of many on the treaty.</p>"
                page = self.template.replace("</h1>", "</h1>" + note, 1).replace("<title>", f"<title>[{label} {i}-{k}] ", 1)
                self.server.route(path, Response(200, page, {"Content-Type": "text/html; charset=utf-8"}))
                urls.append(self.server.url(path))
                items.append(f"<item><title>Treaty item {label} {i}-{k}</title><link>{path}</link>"
                             f"<guid>{label}-{i}-{k}</guid><pubDate>Tue, 23 Jan 2024 15:00:00 +0900</pubDate></item>")
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>bulk {i}</title>{"".join(items)}</channel></rss>'
            self.server.route(f"/bulk/{i}.xml", Response(200, feed, {"Content-Type": "application/rss+xml"}))
        if label == "baseline":
            urls += [self.server.url(f"/articles/{name}.html") for name in RELEVANT]
        self.expected[label] = urls


    def stories(self, label: str, n: int) -> None:
        """A generation of ``n`` distinct articles (generated, relevant, English: other stories than the
        treaty template's copies), on the bulk feeds."""
        from bench.generate import render_html, synth_articles
        from tests.fixtureserver import Response

        arts = [a for a in synth_articles(40 * n, seed=len(self.expected) + 11, start=0) if a.relevant and a.lang == "en"][:n]
        urls, per_feed = [], {i: [] for i in range(1, self.FEEDS + 1)}
        for k, a in enumerate(arts):
            i = k % self.FEEDS + 1
            path = f"/bulk/{label}/{k}.html"
            self.server.route(path, Response(200, render_html(a), {"Content-Type": "text/html; charset=utf-8"}))
            urls.append(self.server.url(path))
            per_feed[i].append(f"<item><title>{label} {k}</title><link>{path}</link><guid>{label}-{k}</guid>"
                               f"<pubDate>{a.published_at:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>")
        for i, items in per_feed.items():
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>bulk {i}</title>{"".join(items)}</channel></rss>'
            self.server.route(f"/bulk/{i}.xml", Response(200, feed, {"Content-Type": "application/rss+xml"}))
        self.expected[label] = urls


# ------------------------------------------------------------------ the rehearsal


def indexed(stack: Stack, site: Site, label: str) -> tuple[int, int, int]:
    """(expected, lost, duplicates) of one generation's articles: documents per article URL
    (stored URLs are canonical, without tracking parameters)."""
    es = stack.es()
    es.indices.refresh(index=f"{PREFIX}articles")
    urls = site.expected[label]
    answer = es.search(index=f"{PREFIX}articles", size=0, query={"terms": {"url": urls}},
                       aggs={"per_url": {"terms": {"field": "url", "size": len(urls) + 10}}})
    counts = {b["key"]: b["doc_count"] for b in answer["aggregations"]["per_url"]["buckets"]}
    lost = sum(1 for u in urls if not counts.get(u))
    return len(urls), lost, sum(max(0, n - 1) for n in counts.values())


def run_and_wait(stack: Stack, label: str, conf: dict[str, Any] | None = None,
                 fault: Callable[[str], str] | None = None, timeout: float = 600) -> dict[str, Any]:
    start = time.monotonic()
    run_id = stack.trigger(conf)
    what = fault(run_id) if fault else "no fault"
    injected = time.monotonic()
    state, seconds = stack.finished(run_id, timeout)
    tasks = stack.query("select count(*) from task_instance where run_id = %s", run_id)[0][0]
    work = stack.query("select count(*) from task_instance where run_id = %s and task_id in ('clean', 'enrich', 'index') "
                       "and map_index >= 0", run_id)[0][0]
    tries = stack.query("select coalesce(max(try_number), 0) from task_instance where run_id = %s", run_id)[0][0]
    row = {"label": label, "run_id": run_id, "state": state, "seconds": seconds, "tasks": tasks, "work": work,
           "tries": tries, "what": what, "recover": time.monotonic() - injected if fault else None,
           "wall": time.monotonic() - start}
    say(f"{label}: {state} in {seconds:.1f} s ({tasks} task instances, max try {tries}); {what}")
    return row


def kill_worker_mid_task(stack: Stack) -> Callable[[str], str]:
    def fault(run_id: str) -> str:
        task, index, pid = wait("a clean/enrich/index task running on a worker", lambda: [
            r for r in stack.running(run_id, ("clean", "enrich", "index")) if r[2]], 180, every=0.2)[0]
        victim = next((n for n in ("worker-a", "worker-b") if n in stack.procs and _in_group(pid, stack.procs[n].pid)),
                      "worker-a")
        stack.kill(victim)  # SIGKILL to the worker and its task processes
        stack.worker(victim[-1])  # back at once, as a supervisor would restart it
        return f"SIGKILL {victim} while it ran {task}[{index}]; restarted"
    return fault


def descendants(root: int) -> list[int]:
    """Every process below ``root`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _in_group(pid: int, ancestor: int) -> bool:
    """Whether ``pid`` is ``ancestor`` or one of its descendants (Airflow's task processes may
    start sessions of their own, so the process group does not tell)."""
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
    return False


def kill_es_node_mid_index(stack: Stack) -> Callable[[str], str]:
    def fault(run_id: str) -> str:
        wait("an index task running", lambda: stack.running(run_id, ("index",)), 240, every=0.1)
        es = stack.es()
        primaries = es.cat.shards(index=f"{PREFIX}articles", format="json", h="prirep,node")
        node = next((s["node"] for s in primaries if s["prirep"] == "p" and s["node"] != f"local-{ES_PORT}"),
                    f"local-{ES_PORT + 2}")
        port = int(node.rsplit("-", 1)[1])
        os.kill(stack.es_node(port)["pid"], signal.SIGKILL)
        return f"SIGKILL Elasticsearch node {node} (holding the articles primary) during an index task; not restarted"
    return fault


def restart_es_node_mid_index(stack: Stack) -> Callable[[str], str]:
    """A node holding an articles primary SIGKILLed during an index task and started again at once
    (as a supervisor would), while the run goes on."""
    def fault(run_id: str) -> str:
        wait("an index task running", lambda: stack.running(run_id, ("index",)), 240, every=0.1)
        es = stack.es()
        primaries = es.cat.shards(index=f"{PREFIX}articles", format="json", h="prirep,node")
        node = next((s["node"] for s in primaries if s["prirep"] == "p" and s["node"] != f"local-{ES_PORT}"),
                    f"local-{ES_PORT + 1}")
        os.kill(stack.es_node(int(node.rsplit("-", 1)[1]))["pid"], signal.SIGKILL)
        started = time.monotonic()
        stack.elasticsearch_up()
        return (f"SIGKILL Elasticsearch node {node} (holding an articles primary) during an index task, "
                f"started again at once (back in {time.monotonic() - started:.0f} s)")
    return fault


def no_failed_try(stack: Stack, row: dict[str, Any]) -> dict[str, Any]:
    """Every task of the run on its first try: none failed and waited for Airflow's retry."""
    retried = stack.query("select task_id, map_index, try_number from task_instance where run_id = %s "
                          "and try_number > 1", row["run_id"])
    row["retried"] = [f"{t}[{i}] try {n}" for t, i, n in retried]
    row["what"] += "; no task failed a try" if not retried else f"; RETRIED: {', '.join(row['retried'])}"
    return row


def secured_rows(stack: Stack) -> list[dict[str, Any]]:
    """What the secured cluster refuses: anonymous requests on each node, the reader's writes, a
    wrong password (one line naming the setting), a wrong CA."""
    import ssl

    import httpx

    rows = []
    ca = ssl.create_default_context(cafile=stack.creds["INGEST_ES_CA_CERTS"])
    codes = [httpx.get(f"https://127.0.0.1:{ES_PORT + i}/{PREFIX}articles/_search", verify=ca, timeout=10).status_code
             for i in range(3)]
    rows.append({"label": "secured: anonymous", "state": "success" if codes == [401] * 3 else f"answered {codes}",
                 "seconds": 0, "recover": None,
                 "what": f"a search without credentials on each of the 3 nodes (TLS): HTTP {', '.join(map(str, codes))}"})

    def cli(*args: str, **env: str) -> tuple[int, str]:
        out = subprocess.run([str(PY), "-m", "ingest.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**stack.env, "PYTHONPATH": str(ROOT), **env})
        return out.returncode, " | ".join(line for line in out.stderr.splitlines() if line.strip())

    c = stack.creds
    reader = {"INGEST_ES_USERNAME": c["INGEST_WEB_ES_USERNAME"], "INGEST_ES_PASSWORD": c["INGEST_WEB_ES_PASSWORD"]}
    code, found = cli("search", "treaty", "--json", **reader)
    rc, line = cli("setup", **reader)
    ok = code == 0 and rc == 1 and "is read-only" in line and "|" not in line
    rows.append({"label": "secured: reader", "state": "success" if ok else "failed", "seconds": 0, "recover": None,
                 "what": f"the reader searches (exit {code}); `ingest setup` as the reader: exit {rc}, "
                         f"one line: {line.split('error: ', 1)[-1][:90]}…"})
    rc, line = cli("search", "treaty", INGEST_ES_PASSWORD="wrong")
    ok = rc == 1 and line.endswith("(set INGEST_ES_USERNAME / INGEST_ES_PASSWORD)") and "|" not in line
    rows.append({"label": "secured: wrong password", "state": "success" if ok else "failed", "seconds": 0, "recover": None,
                 "what": f"exit {rc}, one line: {line.split('error: ', 1)[-1]}"})
    import certifi

    rc, line = cli("search", "treaty", INGEST_ES_CA_CERTS=certifi.where())
    ok = rc == 1 and "certificate verify failed" in line and line.endswith("(check INGEST_ES_CA_CERTS)")
    rows.append({"label": "secured: wrong CA", "state": "success" if ok else "failed", "seconds": 0, "recover": None,
                 "what": f"the system's CAs instead of the cluster's: exit {rc}, one line: {line.split('error: ', 1)[-1]}"})
    for row in rows:
        say(f"{row['label']}: {row['state']}; {row['what']}")
    return rows


def _alert_records(stack: Stack, run_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The delivery records the project wrote in these runs, by id (the Idempotency-Key it sends)."""
    es = stack.es()
    es.indices.refresh(index=f"{PREFIX}ingest-alerts")
    hits = es.search(index=f"{PREFIX}ingest-alerts", size=1000, query={"terms": {"run_id": run_ids}})["hits"]["hits"]
    return {h["_id"]: h["_source"] for h in hits}


def _alert_row(label: str, run: dict[str, Any], records: dict[str, dict[str, Any]], receiver: Any, what: str,
               since: float = 0.0, after: dict[str, float] | None = None) -> dict[str, Any]:
    """lost: stories recorded but not received (or not recorded delivered); duplicates: a story received
    twice (``after``: only receipts after its delivery was recorded, at the given time)."""
    got: dict[str, list[float]] = {}
    for post in receiver.posts:
        if post["at"] >= since:
            got.setdefault(post["headers"].get("idempotency-key", ""), []).append(post["at"])
    lost = sum(1 for rid, rec in records.items() if rid not in got or rec.get("status") != "delivered")
    if after is None:
        dups = sum(max(0, len(got.get(rid, [])) - 1) for rid in records)
    else:
        dups = sum(1 for rid, at in after.items() for t in got.get(rid, []) if t > at)
    ok = records and not lost and not dups and run["state"] == "success"
    row = {**run, "label": label, "state": "success" if ok else f"{run['state']}: {lost} lost, {dups} duplicates",
           "expected": len(records), "lost": lost, "duplicates": dups,
           "what": f"{what}; {len(records)} stories recorded, {len(receiver.posts)} POSTs received in all"}
    say(f"{label}: {row['state']}; {row['what']}")
    return row


def alert_rows(stack: Stack, site: Site) -> list[dict[str, Any]]:
    """Saved searches through the scheduled DAG: delivered; the receiver down for one run; the alerts
    task's worker killed mid-delivery. Each row: stories recorded, lost, duplicates."""
    sys.path.insert(0, str(ROOT))
    from tests.alerts_receiver import Receiver

    receiver = Receiver().__enter__()
    url = receiver.url.replace("/secret-token", "")
    out = subprocess.run([str(PY), "-m", "ingest.cli", "watch", "add", "rehearse-all", "--query", "", "--webhook", url],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env={**stack.env, "PYTHONPATH": str(ROOT)})
    if out.returncode:
        raise SystemExit(f"rehearse: ingest watch add failed: {out.stderr[-500:]}")
    rows = []
    site.stories("alerts-delivered", 8)
    run = run_and_wait(stack, "alerts: delivered")
    rows.append(_alert_row("alerts: delivered", run, _alert_records(stack, [run["run_id"]]), receiver,
                           "a scheduled run with a saved search: its new stories POSTed, signed, once each"))

    receiver.status = 503
    site.stories("alerts-receiver-down", 6)
    down = run_and_wait(stack, "alerts: receiver down")
    es = stack.es()
    es.indices.refresh(index=f"{PREFIX}ingest-runs")
    status = es.get(index=f"{PREFIX}ingest-runs", id=down["run_id"])["_source"].get("status")
    receiver.status = 200
    site.stories("alerts-receiver-back", 2)
    back = run_and_wait(stack, "alerts: receiver back")
    row = _alert_row("alerts: receiver down, next run", back, _alert_records(stack, [down["run_id"]]), receiver,
                     f"receiver answering 503 for one run (that run's report: {status}); the next run delivered them",
                     since=0.0)
    if status != "partial":
        row["state"] = f"the run with the receiver down was {status}, not partial"
    rows.append(row)

    receiver.delay = 1.5  # a slow receiver: the kill lands between deliveries
    site.stories("alerts-worker-killed", 10)
    recorded: dict[str, float] = {}
    before = len(receiver.posts)

    def kill_alerts(run_id: str) -> str:
        wait("the alerts task delivering", lambda: [r for r in stack.running(run_id, ("alerts",)) if r[2]]
             and len(receiver.posts) >= before + 2, 600, every=0.2)
        pid = stack.running(run_id, ("alerts",))[0][2]
        victim = next((n for n in ("worker-a", "worker-b") if n in stack.procs and _in_group(pid, stack.procs[n].pid)),
                      "worker-a")
        stack.kill(victim)
        now = time.time()
        es_ = stack.es()
        es_.indices.refresh(index=f"{PREFIX}ingest-alerts")
        for h in es_.search(index=f"{PREFIX}ingest-alerts", size=1000, query={"term": {"run_id": run_id}})["hits"]["hits"]:
            if "webhook" in (h["_source"].get("channels") or []):
                recorded[h["_id"]] = now  # its success recorded before the kill
        stack.worker(victim[-1])
        return f"SIGKILL {victim} while its alerts task delivered ({len(recorded)} recorded delivered); restarted"

    start = time.time()
    wk = run_and_wait(stack, "alerts: worker killed", fault=kill_alerts, timeout=900)
    receiver.delay = 0.0
    records = _alert_records(stack, [wk["run_id"]])
    row = _alert_row("alerts: worker killed", wk, records, receiver,
                     "the alerts task's worker killed mid-delivery, the task retried: no story recorded delivered was sent "
                     "again", since=start, after=recorded)
    again = sum(max(0, n - 1) for n in __import__("collections").Counter(
        p["headers"].get("idempotency-key") for p in receiver.posts if p["at"] >= start).values())
    row["what"] += f" ({again} sent twice in all: in flight at the kill, same Idempotency-Key)"
    rows.append(row)
    receiver.__exit__()
    return rows


def secret_scan(stack: Stack) -> dict[str, Any]:
    """Each secret counted in every log (the rehearsal's processes, Airflow's task logs, Postgres,
    every Elasticsearch node), in every row of Airflow's database (XCom, rendered fields, audit log)
    and in every document of every index. Must be 0."""
    from elasticsearch import helpers

    secrets_ = stack.secrets()
    texts: list[tuple[str, bytes]] = []
    logs = [p for p in WORK.rglob("*") if p.is_file() and (p.suffix in (".log", ".json") or "logs" in p.parts)]
    logs += [p for n in stack.es_status()["nodes"] for p in Path(n["dir"], "logs").rglob("*") if p.is_file()]
    logs = [p for p in logs if "shared-store" not in p.parts]
    for p in logs:
        texts.append((str(p), p.read_bytes()))
    tables = [t for (t,) in stack.query("select table_name from information_schema.tables where table_schema = 'public' "
                                        "and table_type = 'BASE TABLE'")]
    for table in tables:  # every row of every table, as text (XCom, rendered fields, the audit log, run conf…)
        rows = stack.query(f'select t::text from "{table}" t')
        texts.append((f"airflow table {table}", "\n".join(r[0] for r in rows).encode()))
    es = stack.es()
    indices = [i["index"] for i in es.cat.indices(format="json", h="index", expand_wildcards="all")]
    docs = 0
    for index in indices:
        for hit in helpers.scan(es, index=index, query={"query": {"match_all": {}}}, expand_wildcards="all"):
            docs += 1
            texts.append((f"index {index}", json.dumps(hit["_source"], ensure_ascii=False).encode()))
    found = {name: sum(t.count(value.encode()) for _, t in texts) for name, value in secrets_.items()}
    where = sorted({src for name, value in secrets_.items() for src, t in texts if value.encode() in t})
    total = sum(found.values())
    # the control: the same search finds what must be there (the writer's name, in logs and the database)
    control = sum(t.count(stack.creds["INGEST_ES_USERNAME"].encode()) for _, t in texts)
    what = (f"{len(secrets_)} secrets ({', '.join(sorted(secrets_))}) searched in {len(logs)} log files, "
            f"{len(tables)} tables of the Airflow database and {docs} documents of {len(indices)} indices: {total} occurrences "
            f"(control: the writer's user name found {control} times)")
    if where:
        what += f" (in {', '.join(where[:5])})"
    say(f"secret scan: {what}")
    return {"label": "secrets", "state": "success" if total == 0 and docs and control else "failed", "seconds": 0,
            "recover": None, "what": what}


def rejoin_es_node(stack: Stack) -> dict[str, Any]:
    """The killed node started again by `es.sh up --nodes 3` (as a supervisor would), then the cluster green."""
    start = time.monotonic()
    stack.elasticsearch_up()
    health = stack.es().cluster.health(wait_for_status="green", timeout="120s")
    seconds = time.monotonic() - start
    what = f"`es.sh up --nodes 3 --secure` started the killed node again: {health['number_of_nodes']} nodes, {health['status']}"
    say(f"es node rejoined: {what} in {seconds:.0f} s")
    return {"label": "es-node-rejoined", "state": "success" if health["status"] == "green" else health["status"],
            "seconds": seconds, "what": what, "recover": seconds, "tasks": 0, "work": 0}


def restart_scheduler(stack: Stack) -> Callable[[str], str]:
    def fault(run_id: str) -> str:
        wait("tasks of the run running", lambda: stack.running(run_id, ("fetch", "clean", "enrich", "index")), 180, every=0.2)
        stack.kill("scheduler")
        time.sleep(2)
        stack.scheduler()
        return "SIGKILL the scheduler mid-run; a new one started 2 s later"
    return fault


def main() -> int:
    import logging

    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # the table, not every request
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    os.chmod(WORK, 0o755)
    stack = Stack()
    atexit.register(stack.stop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(130))
    python_packages()
    stack.postgres()
    stack.redis()
    stack.elasticsearch()
    site = Site()
    hook = Webhook()
    stack.airflow(site.sources(WORK), hook)
    stack.wait_workers(["a", "b"])
    run(str(AIRFLOW), "dags", "unpause", DAG_ID, env=stack.env)
    say("unpaused: the scheduler starts the latest complete day (the baseline run)")
    first = wait("the scheduled run", lambda: stack.query(
        "select run_id from dag_run where run_type = 'scheduled'"), 120)[0][0]
    state, seconds = stack.finished(first, 400)
    rows = [{"label": "baseline", "state": state, "seconds": seconds, "what": "scheduled run, no fault", "recover": None}]
    say(f"baseline: {state} in {seconds:.1f} s")
    empty = run_and_wait(stack, "empty")
    empty["what"] = f"nothing new: {empty['tasks']} task instances, {empty['work']} clean/enrich/index"
    failed = run_and_wait(stack, "failed stage", {"sources": ["no-such-source"]})
    failed["what"] = failed_stage(stack, failed["run_id"])
    wait("the failed run's alert", lambda: hook.received, 60)
    failed["what"] += f"; alert webhook got {len(hook.received)} POST"
    secured = secured_rows(stack)
    site.generation("two-workers", 6)
    two = run_and_wait(stack, "two-workers")
    stack.kill("worker-b", signal.SIGTERM)
    site.generation("one-worker", 6)
    one = run_and_wait(stack, "one-worker")
    stack.worker("b")
    stack.wait_workers(["a", "b"])
    site.generation("worker-killed", 3)
    wk = run_and_wait(stack, "worker-killed", fault=kill_worker_mid_task(stack), timeout=900)
    site.generation("scheduler-restarted", 3)
    sr = run_and_wait(stack, "scheduler-restarted", fault=restart_scheduler(stack))
    site.generation("es-node-killed", 3)
    ek = no_failed_try(stack, run_and_wait(stack, "es-node-killed", fault=kill_es_node_mid_index(stack)))
    rejoined = rejoin_es_node(stack)
    site.generation("es-node-restarted", 3)
    er = no_failed_try(stack, run_and_wait(stack, "es-node-restarted", fault=restart_es_node_mid_index(stack)))
    rows += [empty, failed, *secured, two, one, wk, sr, ek, rejoined, er, *alert_rows(stack, site), backfill(stack)]
    rows.append(secret_scan(stack))
    return report(stack, site, rows, empty, failed, one, two)


def failed_stage(stack: Stack, run_id: str) -> str:
    """What the run with a misspelt source shows: its failed task, tries, and the report's status."""
    es = stack.es()
    es.indices.refresh(index=f"{PREFIX}ingest-runs")
    report = es.get(index=f"{PREFIX}ingest-runs", id=run_id)["_source"]
    failed = stack.query("select task_id, try_number from task_instance where run_id = %s and state = 'failed' "
                         "and task_id <> 'report'", run_id)
    tasks = ", ".join(f"{t} (try {n})" for t, n in failed)
    return f"misspelt source: {tasks} failed at once; report status {report.get('status')}"


def backfill(stack: Stack) -> dict[str, Any]:
    """The Pipeline page's backfill command, for two days: one run at a time, each on its own day."""
    start = time.monotonic()
    run(str(AIRFLOW), "backfill", "create", "--dag-id", DAG_ID, "--from-date", "2024-11-01T00:00:00",
        "--to-date", "2024-11-02T00:00:00", "--max-active-runs", "1", env=stack.env, timeout=120)
    sql = ("select run_id, state, data_interval_start, data_interval_end, start_date, end_date from dag_run "
           "where run_type = 'backfill' order by data_interval_start")
    wait("the backfill to complete", lambda: stack.query("select 1 from backfill where completed_at is not null"), 300, every=1)
    runs = stack.query(sql)
    days = [(r[3] - r[2]).total_seconds() / 3600 for r in runs]
    serial = all(later[4] >= earlier[5] for earlier, later in zip(runs, runs[1:]))
    states = sorted({r[1] for r in runs})
    what = (f"`airflow backfill create` over 2024-11-01..02: {len(runs)} runs, intervals of {', '.join(f'{d:.0f}' for d in days)} h, "
            + ("one at a time" if serial else "OVERLAPPING"))
    say(f"backfill: {what}; {states}")
    return {"label": "backfill", "state": "success" if states == ["success"] and serial else "/".join(states) + (
        "" if serial else " overlapping"), "seconds": time.monotonic() - start, "what": what, "recover": None,
        "tasks": 0, "work": 0}


def report(stack: Stack, site: Site, rows: list[dict[str, Any]], empty, failed, one, two) -> int:
    """Check every run, write the results file (bench/results/rehearsal-<time>.json) and print its table."""
    problems = []
    records = []
    for row in rows:
        label = row["label"]
        record = {"label": label, "what": row["what"], "state": row["state"], "seconds": round(row["seconds"], 1),
                  "expected": None, "lost": None, "duplicates": None,
                  "recover_seconds": None if row.get("recover") is None else round(row["recover"], 1)}
        if row.get("lost") is not None:  # the alert rows count stories delivered, not articles indexed
            record["expected"], record["lost"], record["duplicates"] = row["expected"], row["lost"], row["duplicates"]
            if record["lost"] or record["duplicates"]:
                problems.append(f"{label}: {record['lost']} stories lost, {record['duplicates']} duplicates")
        elif label in site.expected:
            record["expected"], record["lost"], record["duplicates"] = indexed(stack, site, label)
            if record["lost"] or record["duplicates"]:
                problems.append(f"{label}: {record['lost']} lost, {record['duplicates']} duplicates")
        if label not in ("failed stage",) and row["state"] != "success":
            problems.append(f"{label}: run ended {row['state']} ({row['what']})")
        if row.get("retried"):
            problems.append(f"{label}: tasks failed a try: {', '.join(row['retried'])}")
        records.append(record)
    if failed["state"] != "failed" or "report status failed" not in failed["what"]:
        problems.append("the run with a failed stage did not end failed")
    if empty["work"]:
        problems.append(f"the empty run scheduled {empty['work']} clean/enrich/index tasks")
    health = stack.es().cluster.health()
    data = {
        "started": datetime.fromtimestamp(time.time() - (time.monotonic() - T0)).isoformat(timespec="seconds"),
        "total_seconds": round(time.monotonic() - T0),
        "cpus": os.cpu_count(),
        "rows": records,
        "empty_run": {"tasks": empty["tasks"], "seconds": round(empty["seconds"], 1)},
        "throughput": [{"workers": n, "articles": len(site.expected[row["label"]]), "seconds": round(row["seconds"], 1)}
                       for row, n in ((one, 1), (two, 2))],
        "cluster": {"status": health["status"], "nodes": health["number_of_nodes"]},
        "problems": problems,
    }
    path = RESULTS / f"rehearsal-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + rehearsal_markdown(data))
    print(f"\nempty run: {empty['tasks']} task instances, no clean/enrich/index work, {empty['seconds']:.1f} s")
    print(f"results: {path}")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
