"""Raw archive: gzip, content-addressed, sidecar metadata, idempotent, atomic."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ingest.store import archive
from ingest.settings import Settings
from ingest.fetch.client import HTML, Fetcher, FetchResult

from tests.fixtureserver import SITE_DIR, FixtureServer

WHEN = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def result(content: bytes, url: str = "https://news.example/a/1", when: datetime = WHEN, **kw) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=kw.pop("final_url", url),
        status=kw.pop("status", 200),
        headers=kw.pop("headers", {"content-type": "text/html; charset=utf-8", "etag": '"abc"'}),
        content=content,
        fetched_at=when,
        **kw,
    )


def test_fetched_page_is_archived_gzip_and_content_addressed(cfg: Settings, fixture_server: FixtureServer) -> None:
    live = Settings.from_env()
    with Fetcher(live) as fetcher:
        fetched = fetcher.fetch(fixture_server.url("/fetch/page.html"), accept=HTML)
    entry = archive.store(fetched, live)  # straight from the fetch, nothing parsed yet
    raw = (SITE_DIR / "fetch" / "page.html").read_bytes()
    key = hashlib.sha256(raw).hexdigest()
    assert entry.key == key
    assert Path(entry.blob_path) == live.archive_path / key[:2] / f"{key}.gz"
    assert gzip.decompress(Path(entry.blob_path).read_bytes()) == raw
    meta = json.loads(Path(entry.meta_path).read_text())
    assert meta["sha256"] == key and meta["size"] == len(raw)
    assert meta["url"] == meta["final_url"] == fixture_server.url("/fetch/page.html")
    assert meta["status"] == 200
    assert meta["headers"]["content-type"].startswith("text/html") and meta["headers"]["etag"]
    assert datetime.fromisoformat(meta["fetched_at"]) == fetched.fetched_at
    assert str(live.archive_path).startswith(str(cfg.data_dir))


def test_load_round_trip(cfg: Settings) -> None:
    body = "<html><body>Пхеньян и Москва — 평양</body></html>".encode("utf-8")
    entry = archive.store(result(body), cfg)
    content, meta = archive.load(entry.key, cfg)
    assert content == body
    assert meta["url"] == "https://news.example/a/1" and meta["fetched_at"] == WHEN.isoformat()
    assert archive.has(entry.key, cfg)


def test_same_bytes_twice_is_one_blob_with_every_fetch_kept(cfg: Settings) -> None:
    body = b"<p>same</p>"
    first = archive.store(result(body, "https://a.example/x", WHEN), cfg)
    mtime = Path(first.blob_path).stat().st_mtime_ns
    second = archive.store(result(body, "https://b.example/y", WHEN + timedelta(hours=1)), cfg)
    again = archive.store(result(body, "https://b.example/y", WHEN + timedelta(hours=1)), cfg)  # same fetch: no new record
    assert first.key == second.key == again.key
    assert Path(first.blob_path).stat().st_mtime_ns == mtime  # not rewritten
    assert len(list(cfg.archive_path.rglob("*.gz"))) == 1
    meta = again.meta
    assert [f["url"] for f in meta["fetches"]] == ["https://a.example/x", "https://b.example/y"]
    assert meta["url"] == "https://b.example/y"  # the latest fetch on top
    assert meta["first_fetched_at"] == WHEN.isoformat() and meta["fetch_count"] == 2


def test_different_bytes_are_different_entries_and_iterated(cfg: Settings) -> None:
    keys = {archive.store(result(f"<p>{i}</p>".encode(), f"https://n.example/{i}"), cfg).key for i in range(5)}
    assert len(keys) == 5
    entries = list(archive.iter_entries(cfg))
    assert sorted(e.key for e in entries) == sorted(keys)
    assert {e.url for e in entries} == {f"https://n.example/{i}" for i in range(5)}
    for e in entries:
        content, _ = archive.load(e.key, cfg)
        assert hashlib.sha256(content).hexdigest() == e.key


def test_iter_entries_on_missing_archive_is_empty(cfg: Settings) -> None:
    assert list(archive.iter_entries(cfg)) == []


def test_not_modified_has_nothing_to_archive(cfg: Settings) -> None:
    with pytest.raises(archive.StorageError, match="304"):
        archive.store(result(b"", status=304, not_modified=True), cfg)


def test_bad_keys_and_corruption_are_one_line_errors(cfg: Settings) -> None:
    for key in ("../../etc/passwd", "ABC", "a" * 63, ""):
        with pytest.raises(archive.StorageError, match="invalid archive key"):
            archive.load(key, cfg)
    with pytest.raises(archive.StorageError, match="no archived body"):
        archive.load("0" * 64, cfg)
    entry = archive.store(result(b"<p>intact</p>"), cfg)
    Path(entry.blob_path).write_bytes(gzip.compress(b"<p>tampered</p>"))
    with pytest.raises(archive.StorageError, match="checksum mismatch") as info:
        archive.load(entry.key, cfg)
    assert "\n" not in str(info.value)
    Path(entry.blob_path).write_bytes(b"not gzip at all")
    with pytest.raises(archive.StorageError, match="corrupt"):
        archive.load(entry.key, cfg)


def test_writes_are_atomic_and_concurrent_fetches_are_all_kept(cfg: Settings) -> None:
    body = b"<p>popular</p>" * 1000
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            archive.store(result(body, f"https://m.example/{i}", WHEN + timedelta(seconds=i)), cfg)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    key = hashlib.sha256(body).hexdigest()
    content, meta = archive.load(key, cfg)
    assert content == body
    assert len(meta["fetches"]) == 8 and meta["fetch_count"] == 8
    leftovers = [p.name for p in cfg.archive_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
