"""Shared fixtures: a real Elasticsearch (never skipped), isolated index names, the fixture web server."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from ingest import es as es_mod
from ingest.config import Settings, settings as load_settings

from .fixtureserver import FixtureServer


@pytest.fixture(scope="session")
def es():
    """The real Elasticsearch client. A test that needs it fails when it is missing."""
    client = es_mod.from_settings(load_settings())
    try:
        es_mod.require(client, load_settings().es_url)
    except es_mod.ElasticsearchUnavailable as exc:
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
    return load_settings()


@pytest.fixture
def es_cfg(es, cfg: Settings):
    """Settings with an isolated prefix on the real server; its indices are removed afterwards."""
    yield cfg
    es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
    for name in (es.indices.get_index_template(name=f"{cfg.index_prefix}*", ignore=[404]).get("index_templates") or []):
        es.indices.delete_index_template(name=name["name"], ignore=[404])


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
