"""Raw archive: every fetched body, gzip-compressed and content-addressed.

Pages are stored exactly as fetched, before any parsing, so every later stage
can be re-run from the archive (:func:`iter_entries`) without fetching again.
The blob is named by the sha256 of the raw bytes (the same bytes fetched
twice are one blob); a JSON sidecar next to it keeps the latest fetch's
metadata and a bounded history of fetches. Writes are atomic (temporary file
+ rename) and sidecar updates are serialised with a file lock, so concurrent
workers on one machine do not lose fetches.

Layout: ``<archive_dir>/<ab>/<sha256>.gz`` and ``<archive_dir>/<ab>/<sha256>.json``
where ``ab`` are the first two hex digits.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ingest.settings import Settings
from ingest.fetch.client import FetchResult
from ingest.errors import StorageError

MAX_FETCHES_KEPT = 50  # history per blob; a feed re-fetched hourly must not grow without bound
_KEY = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ArchiveEntry:
    key: str  # sha256 of the raw bytes
    blob_path: Path
    meta_path: Path
    meta: dict[str, Any]

    @property
    def url(self) -> str:
        return str(self.meta.get("url", ""))

    @property
    def final_url(self) -> str:
        return str(self.meta.get("final_url", ""))


def paths(key: str, cfg: Settings) -> tuple[Path, Path]:
    """Blob and sidecar paths of a key (validated: 64 lowercase hex digits)."""
    if not isinstance(key, str) or not _KEY.match(key):
        raise StorageError(f"invalid archive key {str(key)[:80]!r}")
    folder = Path(cfg.archive_path) / key[:2]
    return folder / f"{key}.gz", folder / f"{key}.json"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".lock", "a") as handle:  # one lock per folder, not per blob
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fetch_record(result: FetchResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "final_url": result.final_url,
        "status": result.status,
        "headers": dict(result.headers),
        "fetched_at": result.fetched_at.isoformat(),
    }


def store(result: FetchResult, cfg: Settings) -> ArchiveEntry:
    """Archive a fetched body; call it before any processing of the page.

    Idempotent: the blob is written once per distinct body; each distinct
    fetch (url + fetched_at) is added once to the sidecar's history.
    """
    if result.not_modified:
        raise StorageError(f"nothing to archive for {result.url}: 304 Not Modified")
    content = result.content
    key = hashlib.sha256(content).hexdigest()
    blob, meta_path = paths(key, cfg)
    if not blob.exists():
        _atomic_write(blob, gzip.compress(content, compresslevel=6, mtime=0))
    record = _fetch_record(result)
    with _locked(meta_path):
        meta = _read_meta(meta_path) if meta_path.exists() else {}
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
        _atomic_write(meta_path, json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return ArchiveEntry(key, blob, meta_path, meta)


def _read_meta(meta_path: Path) -> dict[str, Any]:
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StorageError(f"unreadable sidecar {meta_path.name}: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise StorageError(f"unreadable sidecar {meta_path.name}: not an object")
    return data


def has(key: str, cfg: Settings) -> bool:
    blob, meta_path = paths(key, cfg)
    return blob.exists() and meta_path.exists()


def load(key: str, cfg: Settings) -> tuple[bytes, dict[str, Any]]:
    """The raw bytes and sidecar metadata of a key; the bytes are verified against it."""
    blob, meta_path = paths(key, cfg)
    if not blob.exists():
        raise StorageError(f"no archived body for {key}")
    try:
        content = gzip.decompress(blob.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise StorageError(f"corrupt archive blob {key}: {type(exc).__name__}") from None
    if hashlib.sha256(content).hexdigest() != key:
        raise StorageError(f"corrupt archive blob {key}: checksum mismatch")
    meta = _read_meta(meta_path) if meta_path.exists() else {"sha256": key, "size": len(content)}
    return content, meta


def iter_entries(cfg: Settings) -> Iterator[ArchiveEntry]:
    """Every archived body with its sidecar, in key order (for reprocessing)."""
    root = Path(cfg.archive_path)
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and len(p.name) == 2):
        for blob in sorted(folder.glob("*.gz")):
            key = blob.name[: -len(".gz")]
            if not _KEY.match(key):
                continue
            meta_path = folder / f"{key}.json"
            try:
                meta = _read_meta(meta_path) if meta_path.exists() else {"sha256": key}
            except StorageError:
                meta = {"sha256": key, "error": "unreadable sidecar"}
            yield ArchiveEntry(key, blob, meta_path, meta)


__all__ = ["ArchiveEntry", "StorageError", "has", "iter_entries", "load", "paths", "store"]
