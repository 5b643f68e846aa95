"""Raw archive: every fetched body, gzip-compressed and content-addressed.

Pages are stored exactly as fetched, before any parsing, so every later stage
can be re-run from the archive (:func:`iter_entries`) without fetching again.
The blob is named by the sha256 of the raw bytes (the same bytes fetched
twice are one blob); a JSON sidecar next to it keeps the latest fetch's
metadata and a bounded history of fetches. The archive lives in the configured
store (:mod:`ingest.store.location`: local disk, a shared folder or an object
store). Writes are atomic (temporary file + rename, or one put) and sidecar
updates are serialised with a file lock on local disk, so concurrent workers on
one machine do not lose fetches; on an object store two workers archiving the
same bytes at the same instant may keep only one of the two history records
(the blob and the latest fetch are safe either way).

Layout: ``<archive>/<ab>/<sha256>.gz`` and ``<archive>/<ab>/<sha256>.json``
where ``ab`` are the first two hex digits.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ingest.settings import StoreSettings
from ingest.fetch.client import FetchResult
from ingest.errors import StorageError
from ingest.store import location
from ingest.store.location import Location

MAX_FETCHES_KEPT = 50  # history per blob; a feed re-fetched hourly must not grow without bound
_KEY = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ArchiveEntry:
    key: str  # sha256 of the raw bytes
    blob_path: str  # inside the store (a filesystem path on local disk)
    meta_path: str
    meta: dict[str, Any]

    @property
    def url(self) -> str:
        return str(self.meta.get("url", ""))

    @property
    def final_url(self) -> str:
        return str(self.meta.get("final_url", ""))


def _valid(key: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise StorageError(f"invalid archive key {str(key)[:80]!r}")
    return key


def paths(key: str, cfg: StoreSettings) -> tuple[str, str]:
    """Blob and sidecar paths of a key (validated: 64 lowercase hex digits)."""
    return _paths(location.archive(cfg), _valid(key))


def _paths(store: Location, key: str) -> tuple[str, str]:
    return store.join(key[:2], f"{key}.gz"), store.join(key[:2], f"{key}.json")


def _fetch_record(result: FetchResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "final_url": result.final_url,
        "status": result.status,
        "headers": dict(result.headers),
        "fetched_at": result.fetched_at.isoformat(),
    }


def store(result: FetchResult, cfg: StoreSettings) -> ArchiveEntry:
    """Archive a fetched body; call it before any processing of the page.

    Idempotent: the blob is written once per distinct body; each distinct
    fetch (url + fetched_at) is added once to the sidecar's history.
    """
    if result.not_modified:
        raise StorageError(f"nothing to archive for {result.url}: 304 Not Modified")
    content = result.content
    key = hashlib.sha256(content).hexdigest()
    where = location.archive(cfg)
    blob, meta_path = _paths(where, key)
    if not where.exists(blob):
        where.write(blob, gzip.compress(content, compresslevel=6, mtime=0))
    record = _fetch_record(result)
    with where.lock(meta_path):
        meta = _read_meta(where, meta_path) if where.exists(meta_path) else {}
        fetches = [f for f in meta.get("fetches", []) if isinstance(f, dict)]
        if not any(f.get("url") == record["url"] and f.get("fetched_at") == record["fetched_at"] for f in fetches):
            fetches.append(record)
            meta["fetch_count"] = int(meta.get("fetch_count", len(fetches) - 1)) + 1
        fetches.sort(key=lambda f: str(f.get("fetched_at", "")))
        latest = fetches[-1]
        meta.setdefault("first_fetched_at", fetches[0]["fetched_at"])
        meta.update(
            {
                "sha256": key,
                "size": len(content),
                "url": latest["url"],
                "final_url": latest["final_url"],
                "status": latest["status"],
                "headers": latest["headers"],
                "fetched_at": latest["fetched_at"],
                "fetches": fetches[-MAX_FETCHES_KEPT:],
            }
        )
        where.write(meta_path, json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return ArchiveEntry(key, blob, meta_path, meta)


def _read_meta(where: Location, meta_path: str) -> dict[str, Any]:
    name = meta_path.rsplit("/", 1)[-1]
    try:
        data = json.loads(where.read(meta_path).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise StorageError(f"unreadable sidecar {name}: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise StorageError(f"unreadable sidecar {name}: not an object")
    return data


def has(key: str, cfg: StoreSettings) -> bool:
    where = location.archive(cfg)
    blob, meta_path = _paths(where, _valid(key))
    return where.exists(blob) and where.exists(meta_path)


def load(key: str, cfg: StoreSettings) -> tuple[bytes, dict[str, Any]]:
    """The raw bytes and sidecar metadata of a key; the bytes are verified against it."""
    where = location.archive(cfg)
    blob, meta_path = _paths(where, _valid(key))
    try:
        packed = where.read(blob)
    except FileNotFoundError:
        raise StorageError(f"no archived body for {key}") from None
    try:
        content = gzip.decompress(packed)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise StorageError(f"corrupt archive blob {key}: {type(exc).__name__}") from None
    if hashlib.sha256(content).hexdigest() != key:
        raise StorageError(f"corrupt archive blob {key}: checksum mismatch")
    meta = _read_meta(where, meta_path) if where.exists(meta_path) else {"sha256": key, "size": len(content)}
    return content, meta


def iter_entries(cfg: StoreSettings) -> Iterator[ArchiveEntry]:
    """Every archived body with its sidecar, in key order (for reprocessing)."""
    where = location.archive(cfg)
    for folder in where.children(where.root):
        if len(folder) != 2:
            continue
        names = set(where.children(where.join(folder)))
        for name in sorted(names):
            key = name[: -len(".gz")]
            if not name.endswith(".gz") or not _KEY.match(key):
                continue
            blob, meta_path = _paths(where, key)
            try:
                meta = _read_meta(where, meta_path) if f"{key}.json" in names else {"sha256": key}
            except StorageError:
                meta = {"sha256": key, "error": "unreadable sidecar"}
            yield ArchiveEntry(key, blob, meta_path, meta)


__all__ = ["ArchiveEntry", "StorageError", "has", "iter_entries", "load", "paths", "store"]
