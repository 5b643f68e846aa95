"""The command line: help, JSON output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from ingest import cli
from ingest import stages
from tests import FIXTURES


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "ingest.cli", *args], capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_help_lists_every_command():
    out = run("--help").stdout
    for name in cli.COMMANDS:
        assert name in out


def test_search_json_output_shape(es, es_cfg):
    stages.index_seeds(es_cfg, refresh="wait_for")
    proc = run("search", "red line", "--json")
    assert proc.returncode == 0, proc.stderr
    hits = [json.loads(line) for line in proc.stdout.splitlines()]  # one object per hit, one per line
    assert len(hits) == 2
    for hit in hits:
        assert {"id", "title", "url", "source", "published_at", "score", "highlights"} <= hit.keys()
        assert any("<em>" in f for f in hit["highlights"])


def test_search_text_output(es, es_cfg):
    stages.index_seeds(es_cfg, refresh="wait_for")
    proc = run("search", "red line")
    assert proc.returncode == 0 and "Yonhap News Agency" in proc.stdout and "red line" in proc.stdout


def test_unreachable_elasticsearch_is_one_line_error(cfg):
    proc = run("search", "x", env={"INGEST_ES_URL": "http://127.0.0.1:9", "INGEST_ES_TIMEOUT": "1"})
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "not reachable" in proc.stderr and "Traceback" not in proc.stderr


def test_docs_document_every_setting():
    import sys

    from tests import ROOT as PROJECT_ROOT

    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    from docsgen import settings_rows  # walks nested settings sections too

    page = (PROJECT_ROOT / "docs" / "settings.md").read_text()
    missing = [env for env, _path, _field in settings_rows() if f"`{env}`" not in page]
    assert not missing, f"docs/settings.md lacks {missing}"


def test_extract_prints_one_object_per_good_file_and_one_line_per_bad(tmp_path):
    site = FIXTURES / "site" / "articles"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    proc = run("extract", str(site / "treaty-ratified.html"), str(empty), str(site / "ru-poezd.html"), "--json")
    assert proc.returncode == 1
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["language"] for r in rows] == ["en", "ru"]
    for r in rows:
        assert {"source", "url", "title", "body", "published_at", "authors", "language", "site_name", "canonical_url"} <= r.keys()
    assert proc.stderr.strip().splitlines() == [f"ingest extract: {empty}: skipped: empty"]


def test_feed_file_and_url(fixture_server):
    feed = FIXTURES / "site" / "feeds" / "yonhap.xml"
    proc = run("feed", str(feed), "--base-url", "http://news.example/feeds/yonhap.xml", "--json")
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 4
    proc = run("feed", fixture_server.url("/feeds/herald.atom"), "--json")
    assert proc.returncode == 0, proc.stderr
    urls = [json.loads(line)["url"] for line in proc.stdout.splitlines()]
    assert urls == [fixture_server.url("/articles/shells-report.html"), fixture_server.url("/articles/kursk-pows.html")]
    proc = run("feed", fixture_server.url("/articles/kpop-tour.html"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "bad_content_type" in proc.stderr


def test_fetch_archives_and_cleans_one_article(fixture_server, cfg):
    proc = run("fetch", fixture_server.url("/articles/rason-bridge.html"), "--json")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["status"] == 200 and row["language"] == "en" and "Tumen" in row["body"]
    from ingest.store import archive

    raw, meta = archive.load(row["archive_key"], cfg)
    assert meta["url"] == fixture_server.url("/articles/rason-bridge.html") and b"Tumen" in raw


def test_enrich_files(tmp_path):
    from tests import ROOT as PROJECT_ROOT

    proc = run("enrich", str(PROJECT_ROOT / "data" / "seed" / "000_5e0db0e251ade6bb.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    people = {e["name"] for e in row["entities"] if e["type"] == "person"}
    assert {"Georgy Zinoviev", "Maria Zakharova", "Yoon Suk Yeol"} <= people
    assert any(q["speaker"] == "Georgy Zinoviev" for q in row["quotes"])
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    proc = run("enrich", str(binary))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_run_report_and_reprocess(es, es_cfg, fixture_server, tmp_path):
    from tests.e2e import write_sources

    env = {"INGEST_SOURCES_FILE": str(write_sources(fixture_server, tmp_path)), "INGEST_FETCH_RETRIES": "1"}
    proc = run("run", "--source", "fixture-yonhap", "--run-id", "cli-run", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"]["indexed"] == 2 + 2  # two relevant yonhap articles and the seeds
    proc = run("report", env=env)
    assert proc.returncode == 0 and "run cli-run" in proc.stdout
    proc = run("reprocess", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    counts = json.loads(proc.stdout)["counts"]
    assert counts["unchanged"] == 2 and counts["irrelevant"] == 1 and counts["rejected"] == 1  # nothing lost, nothing new
