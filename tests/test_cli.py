"""The command line: help, JSON output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from ingest import cli, pipeline


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "ingest.cli", *args], capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_help_lists_every_command():
    out = run("--help").stdout
    for name in cli.COMMANDS:
        assert name in out


def test_search_json_output_shape(es, es_cfg):
    pipeline.index_seeds(es_cfg, refresh="wait_for")
    proc = run("search", "red line", "--json")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert len(hits) == 2
    for hit in hits:
        assert {"id", "title", "url", "source", "published_at", "score", "highlights"} <= hit.keys()
        assert any("<em>" in f for f in hit["highlights"])


def test_search_text_output(es, es_cfg):
    pipeline.index_seeds(es_cfg, refresh="wait_for")
    proc = run("search", "red line")
    assert proc.returncode == 0 and "Yonhap News Agency" in proc.stdout and "red line" in proc.stdout


def test_unreachable_elasticsearch_is_one_line_error(cfg):
    proc = run("search", "x", env={"INGEST_ES_URL": "http://127.0.0.1:9", "INGEST_ES_TIMEOUT": "1"})
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "not reachable" in proc.stderr and "Traceback" not in proc.stderr


def test_readme_documents_every_setting():
    from dataclasses import fields

    from ingest.config import PROJECT_ROOT, Settings, env_name

    readme = (PROJECT_ROOT / "README.md").read_text()
    missing = [env_name(f.name) for f in fields(Settings) if f"`{env_name(f.name)}`" not in readme]
    assert not missing, f"README configuration table lacks {missing}"
