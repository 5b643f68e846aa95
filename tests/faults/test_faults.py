"""Fault injection: misbehaving sites and a failing Elasticsearch, through whole runs.

Every fault below happens in a real run (``runner.run_once``) against the
fixture server and a real Elasticsearch. Each test checks three things: the
run finishes, the failure is in the run report with its reason, and after
recovery (routes restored, next run) every relevant archived article is in the
index exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import yaml
from elasticsearch import Elasticsearch

from ingest.store import archive
from ingest.store import batches
from ingest.store.es import articles as es_articles
from ingest import runner, stages
from ingest.store.es import state
from ingest.settings import Settings
from tests import FIXTURES, ROOT
from ingest.urls import canonical_url
from ingest.errors import Unavailable

from tests.e2e import write_sources
from tests.fixtureserver import FixtureServer, Response
from ingest.errors import IndexingError
from ingest.store.es.elastic import Elastic

PROJECT_ROOT = ROOT

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
SITE = FIXTURES / "site"
TIMEOUT = 1.0  # INGEST_FETCH_TIMEOUT for these tests; "slow" means slower than this


# -- synthetic articles and feeds ---------------------------------------------------

def article_page(slug: str) -> str:
    """A distinct, relevant article page (Russia + North Korea terms, enough text)."""
    paragraphs = "".join(
        f"<p>{slug} report, part {i}: Russian and North Korean officials met in Pyongyang on day {i} "
        f"to discuss the {slug} question, and Moscow said talks with Kim Jong Un's envoys would go on "
        f"while Seoul watched the {i * 7} agreements closely.</p>"
        for i in range(1, 5)
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Russia and North Korea: {slug}</title>"
        f"<meta property='article:published_time' content='2024-11-10T08:00:00Z'></head>"
        f"<body><article><h1>Russia and North Korea: {slug}</h1>{paragraphs}</article></body></html>"
    )


def rss(server: FixtureServer, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>Russia and North Korea: {p}</title><link>{server.url(p)}</link>"
        f"<pubDate>Sun, 10 Nov 2024 08:00:00 +0000</pubDate></item>"
        for p in paths
    )
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Faults</title>{items}</channel></rss>"


def good(slug: str) -> Response:
    return Response(200, article_page(slug), HTML)


def count_url(es: Elasticsearch, cfg, url: str) -> int:
    """Documents for a page: by the URL fetched, or by its canonical form (tracking parameters dropped)."""
    query = {"bool": {"should": [{"term": {"url": url}}, {"term": {"canonical_url": canonical_url(url)}}], "minimum_should_match": 1}}
    es.indices.refresh(index=cfg.articles_alias)  # what the run indexed last is searchable
    return int(es.count(index=cfg.articles_alias, query=query)["count"])


def assert_archived_indexed_once(es: Elasticsearch, cfg, marker: str) -> set[str]:
    """Every archived page whose URL contains ``marker`` and that is relevant is in the index once."""
    es.indices.refresh(index=cfg.articles_alias)
    urls = {e.meta["final_url"] for e in archive.iter_entries(cfg) if marker in e.meta["final_url"]}
    assert urls, "nothing archived"
    for url in urls:
        assert count_url(es, cfg, url) == 1, url
    return urls


@pytest.fixture
def fault_env(es_cfg, fixture_server, tmp_path, monkeypatch):
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "2")
    monkeypatch.setenv("INGEST_FETCH_BACKOFF", "0.05")
    monkeypatch.setenv("INGEST_FETCH_TIMEOUT", str(TIMEOUT))
    return Settings.from_env()


# -- article pages --------------------------------------------------------------------

ARTICLE_FAULTS = {
    # slug: (routes for the first run, reason in the report or None when it recovers in the run)
    "slow": "timeout",
    "reset": "connection",
    "throttled": "http_429",
    "throttled-once": None,
    "burst-5xx": "http_503",
    "blip-5xx": None,
    "truncated": "truncated",
    "loop": "redirect_loop",
    "pdf": "bad_content_type",
    "fine": None,
}


def article_routes(server: FixtureServer) -> None:
    p = lambda slug: f"/articles/fault-{slug}.html"  # noqa: E731
    server.route(p("slow"), Response(200, article_page("slow"), HTML, delay=TIMEOUT + 1.5))
    server.route(p("reset"), Response(reset=True))
    server.route(p("throttled"), Response(429, "slow down", {"Retry-After": "1", "Content-Type": "text/plain"}))
    server.route(p("throttled-once"), [Response(429, "slow down", {"Retry-After": "1", "Content-Type": "text/plain"}), good("throttled-once")])
    # more 5xx in a row than retries: fails this run, the site recovers by itself for the next
    server.route(p("burst-5xx"), [Response(503, "busy")] * 3 + [good("burst-5xx")])
    server.route(p("blip-5xx"), [Response(502, "bad gateway"), good("blip-5xx")])
    server.route(p("truncated"), Response(200, article_page("truncated"), HTML, truncate=True))
    server.route(p("loop"), Response(302, "", {"Location": "/articles/fault-loop-b.html"}))
    server.route("/articles/fault-loop-b.html", Response(302, "", {"Location": p("loop")}))
    server.route(p("pdf"), Response(200, b"%PDF-1.7 not a page", {"Content-Type": "application/pdf"}))
    server.route(p("fine"), good("fine"))


def test_article_page_faults_are_recorded_and_repaired_by_the_next_run(es, fault_env, fixture_server):
    cfg, server = fault_env, fixture_server
    paths = [f"/articles/fault-{slug}.html" for slug in ARTICLE_FAULTS]
    server.route("/feeds/yonhap.xml", Response(200, rss(server, paths), RSS))
    article_routes(server)

    started = time.monotonic()
    report = runner.run_once(cfg, "faulty", names=["fixture-yonhap"], refresh=True)
    assert time.monotonic() - started < 30
    failing = {slug: reason for slug, reason in ARTICLE_FAULTS.items() if reason}
    assert report.reasons["fetch_failed"] == {reason: 1 for reason in failing.values()}
    assert report.counts.failed == len(failing)
    assert report.status == "partial"
    recovered_in_run = [s for s, r in ARTICLE_FAULTS.items() if r is None]
    assert report.sources["fixture-yonhap"]["fetched"] == len(recovered_in_run)
    assert report.counts.indexed == len(recovered_in_run) + 2  # and the two seeds
    for slug in recovered_in_run:
        assert count_url(es, cfg, server.url(f"/articles/fault-{slug}.html")) == 1
    # Retry-After was honoured: the second request came at least a second later
    first, second = server.hits("/articles/fault-throttled-once.html")[:2]
    assert second.time - first.time >= 0.95
    # transient failures are not remembered (retried next run); permanent ones are, with the reason
    for slug in ("loop", "pdf"):
        url = server.url(f"/articles/fault-{slug}.html")
        record = state.records(Elastic(es, cfg.es), [url]).get(url)
        assert record["status"] == "failed" and record["reason"] == failing[slug]
    for slug in ("slow", "reset", "throttled", "burst-5xx", "truncated"):
        url = server.url(f"/articles/fault-{slug}.html")
        assert state.records(Elastic(es, cfg.es), [url]).get(url) is None

    # the sites recover (burst-5xx by itself); the next run fetches what failed transiently
    for slug in ("slow", "reset", "throttled", "truncated", "loop", "pdf"):
        server.route(f"/articles/fault-{slug}.html", good(slug))
    report = runner.run_once(cfg, "after", names=["fixture-yonhap"], refresh=True)
    retried = ["slow", "reset", "throttled", "burst-5xx", "truncated"]
    assert report.counts.fetched == len(retried) and report.counts.indexed == len(retried)
    assert report.counts.failed == 0 and report.status == "success"
    indexed = assert_archived_indexed_once(es, cfg, "/articles/fault-")
    assert indexed == {server.url(f"/articles/fault-{s}.html") for s in retried + recovered_in_run}
    assert es_articles.count(Elastic(es, cfg.es)) == len(indexed) + 2
    # a permanent failure stays recorded and is not fetched again
    assert len(server.hits("/articles/fault-pdf.html")) == len(server.hits("/articles/fault-loop.html")) == 1


def test_a_page_that_failed_transiently_is_retried_even_when_its_feed_answers_304(es, fault_env, fixture_server):
    """The feed's validators are kept only once every page it listed is safely recorded.

    Otherwise the next run's conditional GET gets a 304, lists nothing, and
    the page that failed is never fetched again.
    """
    cfg, server = fault_env, fixture_server
    page = "/articles/treaty-ratified.html"
    server.route(page, Response(reset=True))
    report = runner.run_once(cfg, "reset-page", names=["fixture-yonhap"], refresh=True)
    assert report.reasons["fetch_failed"] == {"connection": 1}
    assert count_url(es, cfg, server.url(page)) == 0

    server.route(page, Response(200, (SITE / "articles" / "treaty-ratified.html").read_bytes(), HTML))
    report = runner.run_once(cfg, "page-back", names=["fixture-yonhap"], refresh=True)
    assert report.counts.fetched == 1 and report.counts.indexed == 1
    assert count_url(es, cfg, server.url(page)) == 1
    # with nothing left to retry, the feed's validators are stored: the next run is a 304
    report = runner.run_once(cfg, "quiet", names=["fixture-yonhap"], refresh=True)
    assert report.counts.not_modified == 1 and report.counts.fetched == 0
    for name, expected in (("treaty-ratified", 1), ("rason-bridge", 1), ("kpop-tour", 0), ("broken-shell", 0)):
        assert count_url(es, cfg, server.url(f"/articles/{name}.html")) == expected, name


# -- feeds ----------------------------------------------------------------------------

class TricklingServer:
    """Sends a feed's headers and first bytes, then one byte every 0.2 s: a source that hangs.

    Each read gets a byte before the read timeout, so only the fetcher's total
    deadline per attempt can end it. ``healthy = True`` makes it answer at once.
    """

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.healthy = False
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            try:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ")[1] if " " in request else "/"
                if path == "/robots.txt":
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    return
                head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {len(self.body)}\r\n"
                        "Connection: close\r\n\r\n").encode()
                if self.healthy:
                    conn.sendall(head + self.body)
                    return
                conn.sendall(head + self.body[:40])
                for byte in self.body[40:]:
                    if self.stop.wait(0.2):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


FEED_FAULTS = {
    # name: reason recorded for the source in the first run
    "slow": "timeout",
    "reset": "connection",
    "throttled": "http_429",
    "burst-5xx": "http_503",
    "truncated": "truncated",
    "loop": "redirect_loop",
    "html-type": "bad_content_type",
    "html-body": "bad_feed",
    "hangs": "timeout",
    "fine": None,
}


def test_feed_faults_are_recorded_per_source_and_repaired_by_the_next_run(es, fault_env, fixture_server):
    cfg, server = fault_env, fixture_server
    feeds = {name: rss(server, [f"/articles/feed-{name}.html"]) for name in FEED_FAULTS}
    for name in FEED_FAULTS:
        server.route(f"/articles/feed-{name}.html", good(f"feed-{name}"))
    trickle = TricklingServer(feeds["hangs"].encode())
    try:
        f = lambda name: f"/faultfeeds/{name}.xml"  # noqa: E731
        server.route(f("slow"), Response(200, feeds["slow"], RSS, delay=TIMEOUT + 1.5))
        server.route(f("reset"), Response(reset=True))
        server.route(f("throttled"), Response(429, "", {"Retry-After": "1"}))
        server.route(f("burst-5xx"), [Response(503, "busy")] * 3 + [Response(200, feeds["burst-5xx"], RSS)])
        server.route(f("truncated"), Response(200, feeds["truncated"], RSS, truncate=True))
        server.route(f("loop"), Response(301, "", {"Location": f("loop") + "?again"}))
        server.route(f("loop") + "?again", Response(301, "", {"Location": f("loop")}))
        server.route(f("html-type"), Response(200, feeds["html-type"], HTML))
        server.route(f("html-body"), Response(200, article_page("not a feed"), RSS))
        server.route(f("fine"), Response(200, feeds["fine"], RSS))
        urls = {name: server.url(f(name)) for name in FEED_FAULTS}
        urls["hangs"] = trickle.url("/feed.xml")

        sources = yaml.safe_load(cfg.sources_path.read_text(encoding="utf-8"))
        sources["sources"] += [{"name": f"feed-{n}", "kind": "rss", "url": u, "language": "en"} for n, u in urls.items()]
        cfg.sources_path.write_text(yaml.safe_dump(sources), encoding="utf-8")
        names = [f"feed-{n}" for n in FEED_FAULTS]

        started = time.monotonic()
        report = runner.run_once(cfg, "faulty-feeds", names=names, refresh=True)
        assert time.monotonic() - started < 40
        for name, reason in FEED_FAULTS.items():
            assert report.sources[f"feed-{name}"]["error"] == reason, name
        expected = [r for r in FEED_FAULTS.values() if r]
        assert report.reasons["source_failed"] == {r: expected.count(r) for r in expected}
        assert report.counts.failed == len(expected) and report.status == "partial"
        assert count_url(es, cfg, server.url("/articles/feed-fine.html")) == 1

        # every source recovers (burst-5xx by itself); nothing listed is lost
        for name in ("slow", "reset", "throttled", "truncated", "loop", "html-type", "html-body"):
            server.route(f(name), Response(200, feeds[name], RSS))
        trickle.healthy = True
        report = runner.run_once(cfg, "feeds-back", names=names, refresh=True)
        assert report.counts.failed == 0, report.sources
        assert report.counts.indexed == len(expected)
        indexed = assert_archived_indexed_once(es, cfg, "/articles/feed-")
        assert indexed == {server.url(f"/articles/feed-{n}.html") for n in FEED_FAULTS}
        assert es_articles.count(Elastic(es, cfg.es)) == len(FEED_FAULTS) + 2
    finally:
        trickle.close()


# -- Elasticsearch ---------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_elasticsearch_unreachable_at_start_is_one_clear_line_and_loses_nothing(es, fault_env, fixture_server, monkeypatch):
    monkeypatch.setenv("INGEST_ES_URL", f"http://127.0.0.1:{_free_port()}")
    dead = Settings.from_env()
    started = time.monotonic()
    with pytest.raises(Unavailable) as err:
        runner.run_once(dead, "no-es", names=["fixture-herald"])
    assert time.monotonic() - started < 10
    message = str(err.value)
    assert "\n" not in message and message.startswith("Elasticsearch is not reachable at http://127.0.0.1:")
    assert not fixture_server.requests  # nothing was fetched into the void

    monkeypatch.setenv("INGEST_ES_URL", fault_env.es_url)  # the server is back
    report = runner.run_once(Settings.from_env(), "es-back", names=["fixture-herald"], refresh=True)
    assert report.counts.indexed == 2 + 2
    assert_archived_indexed_once(es, fault_env, "/articles/")


def test_a_refused_document_goes_to_the_dead_letters_and_the_run_goes_on(es, fault_env, fixture_server, monkeypatch):
    """An enrichment bug gives one article a field of the wrong type: Elasticsearch refuses that one only."""
    cfg, server = fault_env, fixture_server
    victim = server.url("/articles/rason-bridge.html")
    real_enrich = stages.enrich_batch

    def enrich_with_a_bug(cfg, batch, reuse=True):
        out = real_enrich(cfg, batch, reuse)
        rows = list(batches.read_rows(cfg, out.batch))
        for row in rows:
            if row["canonical_url"] == canonical_url(victim):
                row["relevance_score"] = "very relevant"  # a float field
        batches.write_rows(cfg, out.batch, rows)
        return out

    monkeypatch.setattr(stages, "enrich_batch", enrich_with_a_bug)
    report = runner.run_once(cfg, "one-refused", names=["fixture-yonhap", "fixture-herald"], refresh=True)
    relevant_here = ["treaty-ratified", "rason-bridge", "shells-report", "kursk-pows"]
    assert report.counts.failed == 1 and report.status == "partial"
    assert report.counts.indexed == len(relevant_here) - 1 + 2
    for name in relevant_here:
        assert count_url(es, cfg, server.url(f"/articles/{name}.html")) == (0 if name == "rason-bridge" else 1)

    es.indices.refresh(index=cfg.deadletter_index)
    letters = [h["_source"] for h in es.search(index=cfg.deadletter_index, size=10)["hits"]["hits"]]
    assert len(letters) == 1
    letter = letters[0]
    assert letter["run_id"] == "one-refused" and letter["document"]["canonical_url"] == canonical_url(victim)
    assert "relevance_score" in letter["reason"] and letter["error_type"] == "document_parsing_exception"
    assert archive.has(letter["archive_key"], cfg)  # replayable from the archive
    record = state.records(Elastic(es, cfg.es), [canonical_url(victim)]).get(canonical_url(victim))
    assert record["status"] == "dead_letter" and "relevance_score" in record["reason"]


def test_a_bug_in_extraction_is_a_failed_page_not_a_rejected_one_and_the_next_run_cleans_it(
        es, fault_env, fixture_server, monkeypatch):
    """A TypeError while extracting one page: counted as failed (``bug: TypeError``), the page left pending."""
    from ingest.extract import furniture

    cfg, server = fault_env, fixture_server
    victim = server.url("/articles/rason-bridge.html")
    real_strip = furniture.strip

    def strip_with_a_bug(text, *args, **kwargs):
        if "rason-bridge" in str(args[0] if args else kwargs.get("url")):
            raise TypeError("unsupported operand type(s)")
        return real_strip(text, *args, **kwargs)

    monkeypatch.setattr(furniture, "strip", strip_with_a_bug)
    report = runner.run_once(cfg, "one-bug", names=["fixture-yonhap", "fixture-herald"], refresh=True)
    relevant_here = ["treaty-ratified", "rason-bridge", "shells-report", "kursk-pows"]
    assert report.status == "partial" and report.counts.failed == 1
    assert report.counts.rejected == 1 and report.counts.irrelevant == 1  # the sites' own, as in a run without the bug
    assert report.reasons["clean_failed"] == {"bug: TypeError": 1}
    assert report.counts.indexed == len(relevant_here) - 1 + 2
    assert count_url(es, cfg, victim) == 0
    record = state.records(Elastic(es, cfg.es), [canonical_url(victim)]).get(canonical_url(victim))
    assert record["status"] == "fetched"  # archived and pending: not recorded as rejected

    monkeypatch.setattr(furniture, "strip", real_strip)  # the bug fixed
    again = runner.run_once(cfg, "bug-fixed", names=["fixture-yonhap", "fixture-herald"])
    assert again.status == "success" and again.counts.recovered == 1 and again.counts.failed == 0
    assert count_url(es, cfg, victim) == 1


# -- Elasticsearch killed mid-run (a dedicated server of its own) -------------------------

ES_PORT = int(os.environ.get("INGEST_TEST_KILL_ES_PORT", "9290"))  # a node of its own, killed by the test
ES_SCRIPT = PROJECT_ROOT / "scripts" / "es.sh"


def _es_env(port: int) -> dict[str, str]:
    return {**os.environ, "INGEST_ES_URL": f"http://127.0.0.1:{port}", "PYTHON": sys.executable, "ES_HEAP": "512m"}


def _pidfile(port: int) -> Path:
    """The node's pid file, where ``es.sh`` says it is (as root in a private folder it is under /var/tmp)."""
    out = subprocess.run(["bash", str(ES_SCRIPT), "status", "--json"], env=_es_env(port),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-1000:]
    return Path(json.loads(out.stdout)["nodes"][0]["pid_file"])


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status


class DedicatedES:
    """A second Elasticsearch on its own port and data folder (``scripts/es.sh``), ours to kill.

    Booting takes ~25 s of both cores, so it is not overlapped with other
    tests (that would only slow them and make their timeouts flaky).
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(["bash", str(ES_SCRIPT), "up"], env=_es_env(self.port),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def wait(self) -> None:
        assert self.proc is not None
        out, _ = self.proc.communicate(timeout=150)
        if self.proc.returncode != 0:
            pytest.fail(f"dedicated Elasticsearch on {self.port} did not start: {out[-1500:]}", pytrace=False)

    def kill(self) -> int:
        """SIGKILL, as a crash would; returns once the process is gone."""
        pidfile = _pidfile(self.port)
        pid = int(pidfile.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(pid), f"Elasticsearch pid {pid} survived SIGKILL"
        pidfile.unlink(missing_ok=True)  # stale (a zombie may linger until reaped): `es.sh up` starts afresh
        return pid

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        subprocess.run(["bash", str(ES_SCRIPT), "down"], env=_es_env(self.port), capture_output=True, timeout=90)


@pytest.fixture(scope="module")
def dedicated_es():
    """Started for this module only, and always stopped at the end, even when a test fails."""
    server = DedicatedES(ES_PORT)
    try:
        server.start()
        server.wait()
        yield server
    finally:
        server.stop()


def test_elasticsearch_killed_mid_run_then_next_run_indexes_everything_once(dedicated_es, fixture_server, tmp_path, monkeypatch):
    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_ES_URL", dedicated_es.url)
    monkeypatch.setenv("INGEST_INDEX_PREFIX", f"k{uuid.uuid4().hex[:8]}-")
    monkeypatch.setenv("INGEST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    monkeypatch.setenv("INGEST_ES_TIMEOUT", "5")
    cfg = Settings.from_env()
    client = Elasticsearch(dedicated_es.url, request_timeout=30)

    stages.setup(cfg)
    enriched = []
    names = ["fixture-yonhap", "fixture-herald"]
    relevant = ["treaty-ratified", "rason-bridge", "shells-report", "kursk-pows"]
    for name in names:
        fetched = stages.fetch_source(cfg, stages.discover_source(cfg, name), "killed")
        cleaned = stages.clean_batch(cfg, fetched.batch)
        enriched.append(stages.enrich_batch(cfg, cleaned.batch).batch)
    assert len(state.pending(Elastic(client, cfg.es), "fetched")) == len(relevant)  # archived, not yet indexed

    dedicated_es.kill()
    started = time.monotonic()
    with pytest.raises(IndexingError) as err:
        stages.index_batch(cfg, enriched[0], "killed")
    assert time.monotonic() - started < 30
    # one line: the server found gone before the bulk request, or the bulk request cut off
    assert "\n" not in str(err.value)
    assert str(err.value).startswith(("Elasticsearch is not reachable at", "indexing failed: ConnectionError"))

    dedicated_es.start()
    dedicated_es.wait()
    report = runner.run_once(cfg, "after-crash", names=names, refresh=True)
    assert report.counts.recovered == len(relevant) and report.counts.fetched == 0
    assert report.counts.indexed == len(relevant) + 2
    assert state.pending(Elastic(client, cfg.es), "fetched") == []
    client.indices.refresh(index=cfg.articles_alias)
    for name in relevant:
        assert count_url(client, cfg, fixture_server.url(f"/articles/{name}.html")) == 1, name
    assert es_articles.count(Elastic(client, cfg.es)) == len(relevant) + 2
    client.indices.delete(index=f"{cfg.index_prefix}*")
    for template in client.indices.get_index_template(name=f"{cfg.index_prefix}*")["index_templates"]:
        client.indices.delete_index_template(name=template["name"])


def test_a_task_waiting_when_elasticsearch_comes_back_goes_on_once_its_indices_serve(
        dedicated_es, fixture_server, tmp_path, monkeypatch, caplog):
    """An index task that meets Elasticsearch down waits (one line), and when the node is back goes on
    only once the project's indices serve (health yellow, primaries active; one line): it finishes
    without a failed try, and the transport's repeated warnings are folded away."""
    import logging

    monkeypatch.setenv("INGEST_SOURCES_FILE", str(write_sources(fixture_server, tmp_path)))
    monkeypatch.setenv("INGEST_ES_URL", dedicated_es.url)
    monkeypatch.setenv("INGEST_INDEX_PREFIX", f"w{uuid.uuid4().hex[:8]}-")
    monkeypatch.setenv("INGEST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INGEST_FETCH_RETRIES", "1")
    monkeypatch.setenv("INGEST_ES_TIMEOUT", "5")
    monkeypatch.setenv("INGEST_ES_WAIT_SECONDS", "180")  # as inside an Airflow task
    cfg = Settings.from_env()
    client = Elasticsearch(dedicated_es.url, request_timeout=30)
    stages.setup(cfg)
    fetched = stages.fetch_source(cfg, stages.discover_source(cfg, "fixture-yonhap"), "back")
    enriched = stages.enrich_batch(cfg, stages.clean_batch(cfg, fetched.batch).batch).batch
    expected = len(batches.read_articles(cfg, enriched))
    assert expected

    dedicated_es.kill()
    caplog.set_level(logging.INFO)
    outcome: dict[str, object] = {}

    def task() -> None:
        try:
            outcome["result"] = stages.index_batch(cfg, enriched, "back", refresh=True)
        except Exception as exc:  # the failed try this test is about
            outcome["error"] = exc

    worker = threading.Thread(target=task)
    worker.start()
    time.sleep(4)
    assert worker.is_alive(), outcome  # waiting, not failed
    dedicated_es.start()
    dedicated_es.wait()
    worker.join(150)
    assert not worker.is_alive() and "error" not in outcome, outcome
    assert es_articles.count(Elastic(client, cfg.es)) == expected

    lines = [r.getMessage() for r in caplog.records if r.name == "ingest.store.es.client"]
    assert len(lines) == 2, lines
    assert lines[0].startswith("Elasticsearch cannot serve yet (") and "waiting up to 180 s" in lines[0]
    assert lines[1].startswith(f"Elasticsearch serves {cfg.index_prefix}articles*,{cfg.index_prefix}ingest-* again after ")
    transport = [r.getMessage() for r in caplog.records if r.name.startswith("elastic_transport")]
    assert not [m for m in transport if "times in a row" in m and "for 1 times" not in m], transport
    client.indices.delete(index=f"{cfg.index_prefix}*")
    for template in client.indices.get_index_template(name=f"{cfg.index_prefix}*")["index_templates"]:
        client.indices.delete_index_template(name=template["name"])
