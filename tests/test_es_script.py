"""scripts/es.sh against the running server: `up` is harmless when it answers; `down` stops only its own."""

from __future__ import annotations

import os
import subprocess

from tests import ROOT as PROJECT_ROOT

SCRIPT = str(PROJECT_ROOT / "scripts" / "es.sh")


def sh(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


def test_up_twice_is_harmless_when_the_server_answers(es, cfg):
    for _ in range(2):
        proc = sh("up", INGEST_ES_URL=cfg.es_url)
        assert proc.returncode == 0 and "already answering" in proc.stderr
    assert es.cluster.health()["status"] in ("green", "yellow")


def test_down_leaves_a_server_it_did_not_start_alone(es, tmp_path):
    # a port this script never started anything on: nothing to stop, nothing stopped
    proc = sh("down", INGEST_ES_URL="http://127.0.0.1:9287", ES_CACHE=str(tmp_path))
    assert proc.returncode == 0 and "no server started by this script" in proc.stderr
    assert es.cluster.health()["status"] in ("green", "yellow")


def test_status_reports_an_unreachable_url():
    proc = sh("status", INGEST_ES_URL="http://127.0.0.1:9")
    assert proc.returncode == 1 and "not answering" in proc.stderr
