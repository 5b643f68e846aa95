"""The archive and the batches behind INGEST_STORE_URL: local disk, a shared folder, an object store."""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from datetime import datetime, timezone
from pathlib import Path

import fsspec
import pytest

from ingest.errors import ConfigError, StorageError
from ingest.fetch.client import FetchResult
from ingest.models import Article, BatchRef
from ingest.settings import Settings
from ingest.store import archive, batches, location

WHEN = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def fetched(body: bytes, url: str = "https://news.example/a/1") -> FetchResult:
    return FetchResult(url, url, 200, {"content-type": "text/html; charset=utf-8"}, body, fetched_at=WHEN)


@pytest.fixture
def memory_cfg(tmp_path: Path) -> Settings:
    """An object store (fsspec's in-memory filesystem); each test under its own prefix."""
    prefix = f"memory://ingest-test-{uuid.uuid4().hex}"
    yield Settings(data_dir=tmp_path / "worker-a", store_url=prefix)
    fs = fsspec.filesystem("memory")
    fs.rm(prefix.removeprefix("memory://"), recursive=True) if fs.exists(prefix) else None


def test_default_is_local_disk_under_data_dir(tmp_path: Path) -> None:
    cfg = Settings(data_dir=tmp_path)
    assert location.archive(cfg).local and location.archive(cfg).root == str(tmp_path / "archive")
    assert location.runs(cfg).root == str(tmp_path / "runs")
    ref = batches.write_rows(cfg, BatchRef("manual__2025-03-03T09:00", "yonhap", "fetched"), [{"n": 1}])
    assert batches.path(cfg, ref) == str(tmp_path / "runs" / "manual__2025-03-03T09_00" / "yonhap.fetched.jsonl")
    assert list(batches.read_rows(cfg, ref)) == [{"n": 1}]


def test_shared_folder_url_serves_two_workers_with_their_own_data_dirs(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    a = Settings(data_dir=tmp_path / "a", store_url=f"file://{shared}")
    b = Settings(data_dir=tmp_path / "b", store_url=f"file://{shared}/")
    entry = archive.store(fetched(b"<p>Moscow and Pyongyang</p>"), a)
    ref = batches.write_rows(a, BatchRef("r1", "tass", "fetched"), [{"archive_key": entry.key}])
    # the other worker reads what the first one wrote; neither wrote under its own data_dir
    assert archive.load(entry.key, b)[0] == b"<p>Moscow and Pyongyang</p>"
    assert list(batches.read_rows(b, ref)) == [{"archive_key": entry.key}]
    assert [e.key for e in archive.iter_entries(b)] == [entry.key]
    assert (shared / "archive" / entry.key[:2] / f"{entry.key}.gz").is_file()
    assert (shared / "runs" / "r1" / "tass.fetched.jsonl").is_file()
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert not [p for p in shared.rglob("*.tmp")]  # temp + rename left nothing behind


def test_object_store_keeps_layout_sidecar_and_checksums(memory_cfg: Settings) -> None:
    body = "<p>Пхеньян — 평양 — Moscow</p>".encode("utf-8")
    first = archive.store(fetched(body, "https://a.example/x"), memory_cfg)
    again = archive.store(fetched(body, "https://b.example/y"), memory_cfg)
    key = hashlib.sha256(body).hexdigest()
    assert first.key == again.key == key
    fs = fsspec.filesystem("memory")
    root = memory_cfg.store_url.removeprefix("memory://")
    assert gzip.decompress(fs.cat_file(f"{root}/archive/{key[:2]}/{key}.gz")) == body
    sidecar = json.loads(fs.cat_file(f"{root}/archive/{key[:2]}/{key}.json"))
    assert sidecar["sha256"] == key and [f["url"] for f in sidecar["fetches"]] == ["https://a.example/x", "https://b.example/y"]
    content, meta = archive.load(key, memory_cfg)
    assert content == body and meta["fetch_count"] == 2
    assert archive.has(key, memory_cfg) and [e.key for e in archive.iter_entries(memory_cfg)] == [key]
    fs.pipe_file(f"{root}/archive/{key[:2]}/{key}.gz", gzip.compress(b"tampered"))
    with pytest.raises(StorageError, match="checksum mismatch"):
        archive.load(key, memory_cfg)
    with pytest.raises(StorageError, match="no archived body"):
        archive.load("0" * 64, memory_cfg)
    assert not memory_cfg.data_dir.exists()  # nothing on the worker's own disk


def test_object_store_batches_round_trip_articles(memory_cfg: Settings) -> None:
    article = Article(id="a1", url="https://news.example/a/1", title="Seoul, Moscow", body="Тело — 본문", language="en")
    ref = batches.write_articles(memory_cfg, BatchRef("scheduled__2025-03-03", "yonhap/en", "clean"), [article])
    assert batches.path(memory_cfg, ref).startswith("memory://")
    [back] = batches.read_articles(memory_cfg, ref)
    assert (back.url, back.title, back.body) == (article.url, article.title, article.body)
    with pytest.raises(StorageError, match=r"^cannot read batch memory://.*missing\.clean\.jsonl"):
        list(batches.read_rows(memory_cfg, BatchRef("scheduled__2025-03-03", "missing", "clean")))


def test_unwritable_store_is_one_line_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cfg = Settings(data_dir=tmp_path, store_url=f"file://{blocker}")
    with pytest.raises(StorageError, match="cannot write") as info:
        batches.write_rows(cfg, BatchRef("r", "s", "fetched"), [{"n": 1}])
    assert "\n" not in str(info.value)
    with pytest.raises(StorageError, match="cannot write"):
        archive.store(fetched(b"<p>x</p>"), cfg)


@pytest.mark.parametrize("bad", ["relative/folder", "nope://bucket/x"])
def test_bad_store_url_fails_at_start_naming_the_variable(bad: str) -> None:
    with pytest.raises(ConfigError, match="^INGEST_STORE_URL: "):
        Settings.from_env(store_url=bad)
