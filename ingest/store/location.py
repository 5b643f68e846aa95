"""Where the raw archive and the batch files live: a local folder or any fsspec URL.

``INGEST_STORE_URL`` chooses it. Empty (the default) keeps everything on local
disk under ``data_dir`` (the archive under ``archive_dir`` if set), which is
enough for one machine. With several workers every one of them must reach the
same store: ``file:///shared/folder`` (a shared mount) or an object store such
as ``s3://bucket/prefix`` (install ``s3fs``; any fsspec protocol works).

Writes are atomic everywhere: a temporary file renamed into place on a local
filesystem, a single put on an object store (readers see the old object or the
new one, never a part). Every failure is one :class:`StorageError` line.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

import fsspec
from fsspec.implementations.local import LocalFileSystem

from ingest.errors import StorageError, one_line
from ingest.settings import StoreSettings


class Location:
    """A folder on one filesystem; paths are ``/``-joined strings under :attr:`root`."""

    def __init__(self, url: str | Path) -> None:
        try:
            self.fs, root = fsspec.core.url_to_fs(str(url))
        except (ImportError, ValueError) as exc:
            raise StorageError(f"cannot open store {url}: {one_line(exc, 200)}") from None
        self.local = isinstance(self.fs, LocalFileSystem)
        self.root = root.rstrip("/") or "/"
        self.url = str(url)

    def join(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def name(self, path: str) -> str:
        """The path as a user would type it (a URL on a remote store)."""
        return path if self.local else self.fs.unstrip_protocol(path)

    def exists(self, path: str) -> bool:
        try:
            return bool(self.fs.exists(path))
        except Exception as exc:  # remote stores raise their own errors
            raise StorageError(f"cannot reach {self.name(path)}: {one_line(exc, 200)}") from None

    def read(self, path: str) -> bytes:
        try:
            return self.fs.cat_file(path)
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise StorageError(f"cannot read {self.name(path)}: {one_line(exc, 200)}") from None

    def write(self, path: str, data: bytes) -> None:
        """Write the whole object at once: temp + rename locally, one put remotely."""
        try:
            if self.local:
                _atomic_local(Path(path), data)
            else:
                self.fs.pipe_file(path, data)
        except Exception as exc:
            raise StorageError(f"cannot write {self.name(path)}: {one_line(exc, 200)}") from None

    def children(self, path: str) -> list[str]:
        """Names directly under a folder (empty when it does not exist)."""
        try:
            if not self.fs.isdir(path):
                return []
            return sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(path, detail=False))
        except FileNotFoundError:
            return []
        except Exception as exc:
            raise StorageError(f"cannot list {self.name(path)}: {one_line(exc, 200)}") from None

    def lock(self, path: str):
        """Serialise read-modify-write of one object among processes of a machine (or of a
        shared mount that honours ``flock``); object stores have no locks, their last put wins."""
        return _flock(Path(path).parent) if self.local else nullcontext()


def _atomic_local(path: Path, data: bytes) -> None:
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
def _flock(folder: Path) -> Iterator[None]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".lock", "a")  # one lock per folder, not per object
    except OSError as exc:
        raise StorageError(f"cannot lock {folder}: {one_line(exc, 200)}") from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def archive(cfg: StoreSettings) -> Location:
    """The raw archive: ``<store_url>/archive``, else ``archive_dir`` or ``<data_dir>/archive``."""
    return Location(f"{cfg.store_url}/archive" if cfg.store_url else cfg.archive_path)


def runs(cfg: StoreSettings) -> Location:
    """The batch files: ``<store_url>/runs``, else ``<data_dir>/runs``."""
    return Location(f"{cfg.store_url}/runs" if cfg.store_url else cfg.data_dir / "runs")


__all__ = ["Location", "archive", "runs"]
