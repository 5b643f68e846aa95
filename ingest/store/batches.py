"""Staging files between stages: JSON lines under ``<runs>/<run_id>/``.

Airflow tasks hand each other a :class:`~ingest.models.BatchRef`, never the
contents, so XCom stays small and a retried task reads exactly what its
upstream wrote. ``<runs>`` is ``<data_dir>/runs`` on local disk, or
``<store_url>/runs`` when a store every worker can reach is configured
(:mod:`ingest.store.location`), so any worker can take any batch. Files are
written whole and atomically (temp file + rename, or one put).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from ingest.errors import StorageError, one_line
from ingest.models import Article, BatchRef
from ingest.settings import StoreSettings
from ingest.store import location

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe(name: str) -> str:
    return _SAFE.sub("_", name)


def path(cfg: StoreSettings, ref: BatchRef) -> str:
    """Where a batch lives, as a user would type it (a local path or a URL)."""
    where = location.runs(cfg)
    return where.name(_path(where, ref))


def _path(where: location.Location, ref: BatchRef) -> str:
    return where.join(safe(ref.run_id), f"{safe(ref.name)}.{safe(ref.stage)}.jsonl")


def write_rows(cfg: StoreSettings, ref: BatchRef, rows: Iterable[dict[str, Any]]) -> BatchRef:
    where = location.runs(cfg)
    data = "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
    where.write(_path(where, ref), data.encode("utf-8"))
    return ref


def read_rows(cfg: StoreSettings, ref: BatchRef) -> Iterator[dict[str, Any]]:
    where = location.runs(cfg)
    source = _path(where, ref)
    try:
        lines = where.read(source).decode("utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot read batch {where.name(source)}: {one_line(exc, 200)}") from None
    yield from rows


def write_articles(cfg: StoreSettings, ref: BatchRef, articles: Iterable[Article]) -> BatchRef:
    return write_rows(cfg, ref, ({**a.to_doc(), "_origin": a.origin} for a in articles))


def read_articles(cfg: StoreSettings, ref: BatchRef) -> list[Article]:
    out = []
    for row in read_rows(cfg, ref):
        origin = row.pop("_origin", None)
        article = Article.from_doc(row)
        article.origin = origin
        out.append(article)
    return out
