"""Staging files between stages: JSON lines under ``<data_dir>/runs/<run_id>/``.

Airflow tasks hand each other a :class:`~ingest.models.BatchRef`, never the
contents, so XCom stays small and a retried task reads exactly what its
upstream wrote. Files are written atomically (temp file + rename).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from ingest.errors import StorageError, one_line
from ingest.models import Article, BatchRef
from ingest.settings import Settings

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe(name: str) -> str:
    return _SAFE.sub("_", name)


def run_dir(cfg: Settings, run_id: str) -> Path:
    return cfg.data_dir / "runs" / safe(run_id)


def path(cfg: Settings, ref: BatchRef) -> Path:
    return run_dir(cfg, ref.run_id) / f"{safe(ref.name)}.{safe(ref.stage)}.jsonl"


def write_rows(cfg: Settings, ref: BatchRef, rows: Iterable[dict[str, Any]]) -> BatchRef:
    target = path(cfg, ref)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"cannot write batch {target}: {one_line(exc, 200)}") from None
    return ref


def read_rows(cfg: Settings, ref: BatchRef) -> Iterator[dict[str, Any]]:
    source = path(cfg, ref)
    try:
        with open(source, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot read batch {source}: {one_line(exc, 200)}") from None


def write_articles(cfg: Settings, ref: BatchRef, articles: Iterable[Article]) -> BatchRef:
    return write_rows(cfg, ref, ({**a.to_doc(), "_origin": a.origin} for a in articles))


def read_articles(cfg: Settings, ref: BatchRef) -> list[Article]:
    out = []
    for row in read_rows(cfg, ref):
        origin = row.pop("_origin", None)
        article = Article.from_doc(row)
        article.origin = origin
        out.append(article)
    return out
