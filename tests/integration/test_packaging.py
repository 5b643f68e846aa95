"""A plain `pip install .` (not editable) works from any folder: package data travels with the package."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

from tests import ROOT


def test_every_package_of_the_source_tree_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ingest").rglob("__init__.py")}
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_plain_install_into_a_fresh_virtualenv_sets_up_seeds_and_searches(es, tmp_path):
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(ROOT)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    prefix = f"p{uuid.uuid4().hex[:8]}-"
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env.update(INGEST_ES_URL=os.environ.get("INGEST_ES_URL", "http://127.0.0.1:9200"), INGEST_INDEX_PREFIX=prefix,
               INGEST_DATA_DIR=str(tmp_path / "data"), PYTHONPATH="")

    def ingest(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "ingest"), *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=300)

    try:
        where = subprocess.run([str(venv / "bin" / "python"), "-c", "import ingest; print(ingest.__file__)"],
                               cwd=elsewhere, env=env, capture_output=True, text=True)
        assert str(venv) in where.stdout, where.stdout  # the installed copy, not the checkout
        for args in (["setup"], ["seed"]):
            proc = ingest(*args)
            assert proc.returncode == 0, proc.stderr
        proc = ingest("search", "red line", "--json")
        assert proc.returncode == 0, proc.stderr
        assert len(proc.stdout.splitlines()) == 2  # both seeds
        # the workspace runs from the plain install (no Airflow in it), templates and pinned files included
        assert subprocess.run([str(venv / "bin" / "python"), "-c", "import airflow"], capture_output=True).returncode != 0
        _serve_and_fetch(venv, elsewhere, env)
    finally:
        es.indices.delete(index=f"{prefix}*", ignore_unavailable=True, allow_no_indices=True)
        quiet = es.options(ignore_status=404)
        for name in quiet.indices.get_index_template(name=f"{prefix}*").get("index_templates") or []:
            quiet.indices.delete_index_template(name=name["name"])


def _serve_and_fetch(venv: Path, cwd: Path, env: dict[str, str]) -> None:
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(venv / "bin" / "ingest"), "serve", "--port", str(port)], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/search?q=red+line", timeout=10)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "ingest serve did not answer"
                time.sleep(0.3)
        assert page.status_code == 200 and "red line" in page.text.lower()
        for asset in ("vendor/htmx.min.js", "vendor/vega-embed.min.js", "workspace.js", "workspace.css"):
            assert httpx.get(f"http://127.0.0.1:{port}/static/{asset}", timeout=10).status_code == 200, asset
    finally:
        server.terminate()
        server.wait(10)
